"""Shared identifiers on crimegraph's nodes (issue 11, part 3): Wikidata items and
Wikipedia pages of the gazetteer (data/gazetteer/identifiers.csv), UCDP actor ids on the
actor itself, GeoNames ids of states and Mexican municipalities; each identifier with the
source it was checked in; contradicting authority ids are refused naming both records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

from crimegraph.convert import convert
from crimegraph.errors import InputError
from crimegraph.ingest.gazetteer import gazetteer_records, identifiers_file, read_identifiers

ROOT = Path(__file__).resolve().parents[2]
from crimegraph.ingest.ucdp import mappings
from crimegraph.iri import normalize_name
from crimegraph.validate import validate_graph
from crimegraph.vocab import CG, SCHEMA

ID = "https://w3id.org/crimegraph/id/"
WD = "http://www.wikidata.org/entity/"


def _convert(records: list[dict], tmp_path: Path) -> tuple[Dataset, list[str]]:
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = convert([source])
    return result.dataset(), [str(p) for p in result.problems]


def _objects(dataset: Dataset, s: str, p: URIRef) -> set:
    return {o for _, _, o, _ in dataset.quads((URIRef(s), p, None, None))}


def test_gazetteer_identifiers_are_written_with_the_right_property(tmp_path: Path) -> None:
    article = {"type": "article", "id": "a1", "title": "Groups", "date": "2020-02-01",
               "mentions": ["sinaloa-cartel", "Drug Enforcement Administration", "ex-FARC Mafia"]}
    dataset, problems = _convert([article], tmp_path)
    assert problems == []
    cartel = f"{ID}organization/sinaloa-cartel"
    assert _objects(dataset, cartel, SCHEMA.sameAs) == {URIRef("https://en.wikipedia.org/wiki/Sinaloa_Cartel")}
    assert _objects(dataset, cartel, CG.ucdpActorId) == {Literal(775, datatype=XSD.integer)}
    dea = f"{ID}organization/drug-enforcement-administration"
    assert _objects(dataset, dea, OWL.sameAs) == {URIRef(f"{WD}Q622899"),
                                                  URIRef("http://dbpedia.org/resource/Drug_Enforcement_Administration")}
    assert URIRef("https://en.wikipedia.org/wiki/Drug_Enforcement_Administration") in _objects(dataset, dea, SCHEMA.sameAs)
    # a page about a broader thing: skos:exactMatch, never owl:sameAs
    farc = f"{ID}organization/ex-farc-mafia"
    assert _objects(dataset, farc, SKOS.exactMatch) == {URIRef("https://en.wikipedia.org/wiki/FARC_dissidents")}
    assert _objects(dataset, farc, OWL.sameAs) == set()
    # every identifier names where it was checked
    dcterms = "http://purl.org/dc/terms/"
    sources = {str(c) for node in _objects(dataset, dea, URIRef(dcterms + "source"))
               for c in _objects(dataset, str(node), URIRef(dcterms + "bibliographicCitation"))}
    assert any("integrateddatasvc/agency-registry" in s and "Q622899" in s for s in sources), sources
    assert validate_graph(dataset).conforms


def test_every_identifier_row_names_one_entity_and_a_source() -> None:
    gazetteer: dict[str, set[str]] = {}
    for record in gazetteer_records():
        for name in filter(None, [record.key, record.name]):
            gazetteer.setdefault(normalize_name(name), set()).add(record.key or record.name)
    ucdp = {normalize_name(n) for r in mappings().organizations.values() for n in (r.key, r.name) if n}
    rows = read_identifiers(identifiers_file())
    assert rows, "identifiers.csv is empty"
    for (kind, entity), items in rows.items():
        if kind == "person":
            continue  # people are matched by their exact name, wherever they come from
        # one gazetteer entry, or (if none) an organization of data/ucdp/actors.yaml
        assert len(gazetteer.get(entity, ())) == 1 or (entity not in gazetteer and entity in ucdp), entity
        for item in items:
            assert item.source.startswith(("github:", "pypi:", "https://", "http://")), item


@pytest.mark.parametrize(("row", "message"), [
    ("organization,Sinaloa Cartel,wikidata,Q12 3,exact,github:x/y,checked", "'Q12 3' is not a well-formed wikidata identifier"),
    ("organization,Sinaloa Cartel,wikipedia,https://en.wikipedia.org/wiki/Sinaloa Cartel,exact,github:x/y,checked",
     "is not a well-formed wikipedia identifier"),
    ("organization,Sinaloa Cartel,dbpedia,http://dbpedia.org/resource/X,exact,github:x/y,checked", "unknown scheme 'dbpedia'"),
    ("organization,Sinaloa Cartel,wikidata,Q5,exact,,checked", "names no source"),
])
def test_a_malformed_identifier_row_is_refused_naming_file_line_and_entity(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "identifiers.csv"
    path.write_text("kind,entity,scheme,identifier,match,source,checked\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_identifiers(path)
    assert f"{path}:2" in str(caught.value)
    assert "'Sinaloa Cartel'" in str(caught.value) and message in str(caught.value)


def test_ucdp_actor_ids_are_those_of_the_ucdp_file(ucdp_file: Path) -> None:
    """actors.yaml's ids are side_*_new_id of the file (Civilians: 9999 is its dset id)."""
    seen: dict[str, set[int]] = {}
    with ucdp_file.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in ("side_a", "side_b"):
                seen.setdefault(row[side], set()).add(int(row[f"{side}_new_id"]))
    for name, actor in mappings().actors.items():
        if actor.civilians:
            continue
        assert seen[name] == {actor.ucdp_id}, name


def test_a_person_of_the_identifiers_table_gets_its_page_by_exact_name(tmp_path: Path) -> None:
    records = [{"type": "person", "name": "Iván Duque"}, {"type": "person", "name": "Iván Duquesne"}]
    dataset, problems = _convert(records, tmp_path)
    assert problems == []
    assert _objects(dataset, f"{ID}person/ivan-duque", SCHEMA.sameAs) == {URIRef("https://en.wikipedia.org/wiki/Iv%C3%A1n_Duque")}
    assert _objects(dataset, f"{ID}person/ivan-duquesne", SCHEMA.sameAs) == set()
    assert validate_graph(dataset).conforms


def test_states_and_municipalities_get_geonames_ids_and_states_their_wikidata_items(tmp_path: Path) -> None:
    records = [
        {"type": "place", "name": "Sinaloa", "kind": "state", "iso_code": "MX-SIN"},
        {"type": "place", "id": "mx-sin-culiacan", "name": "Culiacán", "kind": "municipality", "within": "MX-SIN"},
    ]
    dataset, problems = _convert(records, tmp_path)
    assert problems == []
    assert _objects(dataset, f"{ID}place/mx-sin", OWL.sameAs) == {URIRef("https://sws.geonames.org/3983035/"),
                                                                   URIRef("http://www.wikidata.org/entity/Q80252")}
    # the municipality's IRI is its authority id (docs/identity.md); its record id stays a handle
    assert _objects(dataset, f"{ID}place/geonames-8583353", OWL.sameAs) == {URIRef("https://sws.geonames.org/8583353/")}
    assert validate_graph(dataset).conforms


def test_one_geonames_id_in_two_countries_is_refused_naming_both_records(tmp_path: Path) -> None:
    records = [
        {"type": "place", "id": "culiacan", "name": "Culiacán", "kind": "city", "geonames": 4012176, "within": "Mexico"},
        {"type": "place", "id": "culiacan-co", "name": "Culiacan", "kind": "city", "geonames": 4012176, "within": "Colombia"},
    ]
    _dataset, problems = _convert(records, tmp_path)
    assert len(problems) == 1
    assert "records.jsonl:2" in problems[0]
    assert ("GeoNames id 4012176 names 'Culiacan' (" in problems[0] and "records.jsonl, line 2) in CO, but also 'Culiacán' ("
            in problems[0] and "records.jsonl, line 1) in MX" in problems[0])


def test_ucdp_actors_carry_their_ids_and_states_their_geonames(ucdp_converted) -> None:
    path, _stats = ucdp_converted
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    zetas = URIRef(f"{ID}organization/zetas")
    assert set(dataset.objects(zetas, CG.ucdpActorId)) == {Literal(1088, datatype=XSD.integer)}
    # an organization only UCDP defines gets its identifiers too
    caborca = URIRef(f"{ID}organization/caborca-cartel")
    assert set(dataset.objects(caborca, SCHEMA.sameAs)) == {URIRef("https://en.wikipedia.org/wiki/Caborca_Cartel")}
    states = set(dataset.subjects(RDF.type, CG.State))
    assert states and all(any(dataset.objects(s, OWL.sameAs)) for s in states)
    municipalities = set(dataset.subjects(RDF.type, CG.Municipality))
    linked = [m for m in municipalities if any(dataset.objects(m, OWL.sameAs))]
    assert len(linked) / len(municipalities) >= 0.95  # 827 of 854 on 7 Dec 2026; the rest are UCDP's misspellings


def test_state_items_come_from_natural_earth_where_its_geonames_id_agrees() -> None:
    """data/gazetteer/subdivisions-wikidata.tsv keeps Natural Earth's item of a state only
    where Natural Earth's GeoNames id of it equals ours (two sources on one place); the 32
    Mexican states are all there, Mexico City under its current code."""
    from crimegraph.ingest import geo

    rows = [line.split("\t") for line in (ROOT / "data" / "gazetteer" / "subdivisions-wikidata.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    assert len(rows) > 400 and all(item.startswith("Q") and item[1:].isdigit() for _code, item, _name in rows)
    assert all(geo.subdivision_geonames(code) is not None for code, _item, _name in rows)
    mexico = {code: item for code, item, _name in rows if code.startswith("MX-")}
    assert len(mexico) == 32 and mexico["MX-CMX"] == "Q1489" and mexico["MX-GRO"] == "Q60158"


def test_an_english_wikipedia_page_with_a_plain_title_gives_the_dbpedia_resource(tmp_path: Path) -> None:
    records = [{"type": "event", "event_type": "clash", "date": "2020-01-02",
                "actors": ["organization:Gulf Cartel"], "targets": ["organization:Juárez Cartel"]}]
    dataset, problems = _convert(records, tmp_path)
    assert problems == []
    gulf = _objects(dataset, f"{ID}organization/gulf-cartel", OWL.sameAs)
    assert URIRef("http://dbpedia.org/resource/Gulf_Cartel") in gulf
    # a title with percent-encoded letters: DBpedia wrote it as URI and as IRI, so none is written
    juarez = _objects(dataset, f"{ID}organization/juarez-cartel", OWL.sameAs)
    assert not [o for o in juarez if "dbpedia" in str(o)]
    assert _objects(dataset, f"{ID}organization/juarez-cartel", SCHEMA.sameAs)  # the page itself stays
    assert validate_graph(dataset).conforms
