"""The catalog query joining UCDP events and news articles, on a small combined graph and
checked against counts computed from the CSV itself on the whole file."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from crimegraph.ingest.ucdp import mappings, state_code
from crimegraph.convert import Converter
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.resources import resource
from tests.ucdp_helpers import ucdp_rows, write_ucdp

B = "https://w3id.org/crimegraph/id/"
SINALOA_CARTEL = ox.NamedNode(f"{B}organization/sinaloa-cartel")
SINALOA = ox.NamedNode(f"{B}place/mx-sin")


def run_query(store: ox.Store, **params: ox.NamedNode | ox.Literal) -> list[dict[str, str]]:
    """Run queries/news-and-ucdp.rq the way the catalog does: optional lines marked
    ``#if name`` are dropped when the parameter is not given; values are bound as RDF
    terms in a VALUES block at the start of the WHERE clause."""
    text = resource("queries", "news-and-ucdp.rq").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        marker = re.search(r"#if (\w+)\s*$", line)
        if marker and marker.group(1) not in params:
            continue
        lines.append(line)
    names = sorted(params)
    values = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(params[n]) for n in names)}) }}"
    query = "\n".join(lines).replace("WHERE {", "WHERE {\n  " + values, 1)
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in solutions]


def belongs_to(org_id: str, group: str) -> bool:
    """org_id is group or a faction of it (parent chain in data/ucdp/actors.yaml)."""
    organizations = mappings().organizations
    while org_id:
        if org_id == group:
            return True
        parent = organizations.get(org_id)
        org_id = parent.parent.name if parent and parent.parent else ""
    return False


def group_in_row(row: dict[str, str], group: str) -> bool:
    actors = mappings().actors
    return any(belongs_to(org, group) for side in ("side_a", "side_b") for org in actors[row[side]].orgs)


ARTICLES = [
    {"type": "place", "id": "MX-SIN", "name": "Sinaloa", "kind": "state", "iso_code": "MX-SIN", "within": "Mexico"},
    {"type": "place", "id": "MX-CHH", "name": "Chihuahua", "kind": "state", "iso_code": "MX-CHH", "within": "Mexico"},
    {"type": "place", "id": "culiacan", "name": "Culiacán", "kind": "city", "within": "MX-SIN"},
    {"type": "article", "id": "news-sinaloa", "title": "Sinaloa Cartel fights on in Culiacán",
     "date": "2010-05-02", "mentions": ["Sinaloa Cartel", "culiacan"]},
    {"type": "article", "id": "news-chihuahua", "title": "The Sinaloa Cartel in Chihuahua",
     "date": "2010-06-01", "mentions": ["Sinaloa Cartel", "MX-CHH"]},
    {"type": "article", "id": "news-zetas", "title": "The Zetas in Sinaloa", "date": "2011-01-01",
     "mentions": ["zetas", "MX-SIN"]},
]


@pytest.fixture(scope="module")
def combined(ucdp_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("combined")
    with ucdp_file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    in_sinaloa = [r for r in rows if r["adm_1"] == "Sinaloa state" and group_in_row(r, "sinaloa-cartel")][:3]
    faction = [r for r in rows if r["adm_1"] == "Sinaloa state" and "Los Chapitos" in r["side_a"] + r["side_b"]][:1]
    elsewhere = [r for r in rows if r["adm_1"] == "Chihuahua state" and group_in_row(r, "sinaloa-cartel")][:1]
    others = [r for r in rows if r["adm_1"] == "Sinaloa state" and not group_in_row(r, "sinaloa-cartel")][:1]
    chosen = in_sinaloa + faction + elsewhere + others
    header, sample = ucdp_rows(ucdp_file, {r["id"] for r in chosen})
    ucdp_csv = write_ucdp(folder / "ucdp.csv", header, sample)
    news = folder / "news.json"
    news.write_text(json.dumps(ARTICLES), encoding="utf-8")
    quads = list(Converter(source="ucdp-ged").quads([ucdp_csv])) + list(Converter().quads([news]))
    out = folder / "combined.nq"
    write_quads(quads, out, RdfFormat.nquads)
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    expected_events = {f"{B}event/ucdp-ged-{r['id']}" for r in in_sinaloa + faction}
    return store, expected_events


def test_events_and_articles_of_a_group_in_a_state(combined):
    store, expected_events = combined
    rows = run_query(store, group=SINALOA_CARTEL, place=SINALOA)
    # a UCDP event is minted from its id and a digest of what its row says (docs/identity.md)
    events = {r["item"].rsplit("-", 1)[0] for r in rows if r["source"] == "ucdp-ged"}
    articles = {r["item"] for r in rows if r["source"] == "news"}
    assert events == expected_events  # incl. the Los Chapitos faction, not Chihuahua, not others
    assert articles == {f"{B}article/2010-05-02-sinaloa-cartel-fights-on-in-culiacan"}  # Culiacán lies in Sinaloa; the Zetas one does not count
    assert all(r["date"] for r in rows)


def test_date_range_parameters(combined):
    store, _ = combined
    rows = run_query(store, group=SINALOA_CARTEL, place=SINALOA,
                     **{"from": ox.Literal("2010-05-01"), "to": ox.Literal("2010-05-31")})
    assert {r["item"] for r in rows if r["source"] == "news"} == {f"{B}article/2010-05-02-sinaloa-cartel-fights-on-in-culiacan"}
    assert all("2010-05-01" <= r["date"] <= "2010-05-31~" for r in rows)


def test_zetas_in_sinaloa_from_the_news(combined):
    store, _ = combined
    rows = run_query(store, group=ox.NamedNode(f"{B}organization/zetas"), place=SINALOA)
    assert {r["item"] for r in rows if r["source"] == "news"} == {f"{B}article/2011-01-01-the-zetas-in-sinaloa"}


@pytest.mark.slow
def test_whole_file_aggregates_match_the_csv(ucdp_file, ucdp_converted):
    """SPARQL over the converted file against counts computed from the CSV with csv."""
    out, _stats = ucdp_converted
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    with ucdp_file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # 1. events of the Sinaloa Cartel (or a faction) in Sinaloa state
    expected = {r["id"] for r in rows if state_code(r["adm_1"]) == "MX-SIN" and group_in_row(r, "sinaloa-cartel")}
    got = {r["item"].rsplit("-", 2)[-2] for r in run_query(store, group=SINALOA_CARTEL, place=SINALOA)}
    assert got == expected and len(expected) > 100
    # 2. events and best-estimate deaths per type of violence
    by_type: dict[str, list[int]] = {}
    for r in rows:
        by_type.setdefault(r["type_of_violence"], []).append(int(r["best"]))
    query = """
        PREFIX cg: <https://w3id.org/crimegraph/ontology#>
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        SELECT ?type (COUNT(?e) AS ?n) (SUM(?f) AS ?deaths) WHERE {
          ?e a sem:Event ; sem:eventType ?type ; cg:fatalities ?f } GROUP BY ?type"""
    got_types = {r["type"].value.rsplit("/", 1)[-1]: (int(r["n"].value), int(r["deaths"].value))
                 for r in store.query(query, use_default_graph_as_union=True)}
    assert got_types["clash"] == (len(by_type["1"]) + len(by_type["2"]), sum(by_type["1"]) + sum(by_type["2"]))
    assert got_types["killing"] == (len(by_type["3"]), sum(by_type["3"]))
    # 3. events per state through containment (point → municipality → state)
    query = """
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        PREFIX schema: <http://schema.org/>
        PREFIX cg: <https://w3id.org/crimegraph/ontology#>
        SELECT ?code (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e sem:hasPlace ?p . ?p schema:containedInPlace* ?s . ?s cg:iso3166Code ?code .
          FILTER (STRLEN(?code) > 2) } GROUP BY ?code"""
    got_states = {r["code"].value: int(r["n"].value) for r in store.query(query, use_default_graph_as_union=True)}
    expected_states: dict[str, int] = {}
    for r in rows:
        if r["adm_1"]:
            code = state_code(r["adm_1"])
            expected_states[code] = expected_states.get(code, 0) + 1
    assert got_states == expected_states
