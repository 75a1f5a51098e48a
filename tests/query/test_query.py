"""The query catalog, parameter binding (safe against injection), results and formats."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import crimegraph.query as q
from crimegraph.cli import app
from crimegraph.errors import QueryError
from crimegraph.query.catalog import PARAM_TYPES, catalog
from crimegraph.store.sparql import bind_values, where_group_start
from crimegraph.store import LocalStore, QueryTimeout, ResultFormat
from tests.conftest import CATALOG_CASES, CULIACAN_CLASH

runner = CliRunner()
ID = "https://w3id.org/crimegraph/id/"


def labels(rows: list[dict]) -> set[str]:
    return {r["label"] for r in rows}


# ----------------------------------------------------------------- the catalog


def test_catalog_queries_are_documented() -> None:
    entries = catalog()
    required = {"who-did-what-where", "events-of-group", "groups-in-place", "roles-of-people", "cooccurrence-network",
                "timeline-of-place", "evidence", "articles-mentioning"}
    assert required <= set(entries)
    assert len(entries) >= 10
    for entry in entries.values():
        assert entry.title and len(entry.description) > 40, entry.name
        for p in entry.parameters:
            assert p.type in PARAM_TYPES and p.description, (entry.name, p)
            assert f"?{p.name}" in entry.text, f"{entry.name}: parameter {p.name} is not a variable of the query"


def test_every_catalog_query_has_a_representative_case() -> None:
    assert {name for name, _ in CATALOG_CASES} == set(catalog())


@pytest.mark.parametrize(("name", "params"), CATALOG_CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CATALOG_CASES)])
def test_every_catalog_query_answers(loaded_store: LocalStore, name: str, params: dict) -> None:
    result, prepared = q.execute(loaded_store, name, params)
    assert not prepared.warnings
    assert len(result) > 0, f"{name} {params} found nothing"


def test_queries_command_lists_the_catalog() -> None:
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0
    for name in catalog():
        assert name in result.output
    detail = runner.invoke(app, ["queries", "who-did-what-where"])
    assert "place (place, optional)" in detail.output and "SELECT" in detail.output


# ----------------------------------------------------------------- answers


def test_place_includes_places_contained_in_it_transitively(loaded_store: LocalStore) -> None:
    in_mexico = labels(q.run(loaded_store, "who-did-what-where", place="Mexico"))
    # Culiacán is in Sinaloa, which is in Mexico
    assert "Security forces clash with the Sinaloa Cartel in Culiacán" in in_mexico
    assert "Police arrest a Zetas leader in Nuevo Laredo" in in_mexico
    assert "UNODC evaluates the Ministry of Public Security's federal police model" in in_mexico
    assert not any("Central America" in label for label in in_mexico)
    in_sinaloa = labels(q.run(loaded_store, "who-did-what-where", place="sinaloa"))
    assert in_sinaloa == {"Security forces clash with the Sinaloa Cartel in Culiacán"}


def test_names_match_labels_aliases_and_acronyms_in_any_case(loaded_store: LocalStore) -> None:
    by_label = q.run(loaded_store, "who-did-what-where", actor="united nations office on drugs and crime")
    by_acronym = q.run(loaded_store, "who-did-what-where", actor="UNODC")
    by_alias = q.run(loaded_store, "who-did-what-where", actor="un office on drugs and crime")
    by_iri = q.run(loaded_store, "who-did-what-where", actor=f"{ID}organization/unodc")
    assert by_label == by_acronym == by_alias == by_iri
    assert labels(by_iri) == {"UNODC evaluates the Ministry of Public Security's federal police model"}


def test_date_ranges_with_partial_dates(loaded_store: LocalStore) -> None:
    assert labels(q.run(loaded_store, "who-did-what-where", **{"from": "2020"})) == {"Police arrest a Zetas leader in Nuevo Laredo"}
    until_2019 = labels(q.run(loaded_store, "who-did-what-where", to="2019"))
    assert "Security forces clash with the Sinaloa Cartel in Culiacán" in until_2019
    assert "Police arrest a Zetas leader in Nuevo Laredo" not in until_2019
    # an event dated 2012-10 overlaps a range starting 2012-10-16
    overlapping = labels(q.run(loaded_store, "who-did-what-where", **{"from": "2012-10-16", "to": "2012-12-31"}))
    assert overlapping == {"Mexico agrees to host a UNODC liaison office"}


def test_event_types_by_key_label_or_iri(loaded_store: LocalStore) -> None:
    by_key = q.run(loaded_store, "who-did-what-where", type="clash")
    assert by_key == q.run(loaded_store, "who-did-what-where", type="Armed Clash")
    assert by_key == q.run(loaded_store, "who-did-what-where", type="https://w3id.org/crimegraph/event-type/clash")
    with pytest.raises(QueryError, match="not an event type; allowed: acquittal, agreement"):
        q.run(loaded_store, "who-did-what-where", type="shootout")


def test_groups_in_place_counts_events_and_dates(loaded_store: LocalStore) -> None:
    rows = {r["groupName"]: r for r in q.run(loaded_store, "groups-in-place", place="Mexico")}
    assert rows["Sinaloa Cartel"]["events"] == 1 and rows["Sinaloa Cartel"]["first"] == "2019-10-17"
    assert rows["Los Zetas"]["last"] == "2020-02"
    undated = {r["groupName"]: r for r in q.run(loaded_store, "groups-in-place", place="Central America")}
    assert undated["Los Zetas"]["first"] == ""


def test_roles_over_time(loaded_store: LocalStore) -> None:
    rows = q.run(loaded_store, "roles-of-people", person="Portillo")
    assert len(rows) == 1
    assert rows[0]["title"] == "President" and rows[0]["jurisdictionName"] == "Guatemala"
    assert str(rows[0]["endedBefore"]) == "2012-10-16" and rows[0]["organization"] is None


def test_evidence_gives_sentence_offsets_confidence_and_extractor(loaded_store: LocalStore) -> None:
    rows = q.run(loaded_store, "evidence", fact=CULIACAN_CLASH)
    assert rows == [{
        "fact": CULIACAN_CLASH,
        "factLabel": "Security forces clash with the Sinaloa Cartel in Culiacán",
        "sentence": "Security forces clashed with the Sinaloa Cartel in Culiacán.",
        "article": f"{ID}article/insightcrime-2019-10-17-battle-of-culiacan",  # publisher, date and title: it has no URL
        "headline": "Battle of Culiacán",
        "begin": 0, "end": 60, "confidence": 0.8, "extractor": "crimegraph-test 1",
    }]


def test_cooccurrence_pairs_are_counted_once(loaded_store: LocalStore) -> None:
    rows = q.run(loaded_store, "cooccurrence-network")
    pairs = [(r["source"], r["target"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    assert all(s < t for s, t in pairs)
    both = [r for r in rows if {r["sourceName"], r["targetName"]} == {"Sinaloa Cartel", "Los Zetas"}]
    assert both and both[0]["articles"] == 2


def test_unknown_name_matches_nothing_and_warns(loaded_store: LocalStore) -> None:
    rows = q.run(loaded_store, "who-did-what-where", actor="Nobody At All")
    assert list(rows) == [] and "no entity named 'Nobody At All'" in rows.warnings[0]


# ----------------------------------------------------------------- safety


INJECTIONS = [
    'Sinaloa Cartel" } UNION { ?event ?p ?o } #',
    "Sinaloa Cartel' } UNION { ?event ?p ?o } #",
    '"} } UNION { ?event a ?eventType } VALUES ?x { "',
    "Sinaloa Cartel\" .\n} UNION {\n?event ?p ?o",
    '\\" } UNION { ?event ?p ?o } #',
]


@pytest.mark.parametrize("name", INJECTIONS)
def test_a_name_cannot_change_the_query(loaded_store: LocalStore, name: str) -> None:
    rows = q.run(loaded_store, "who-did-what-where", actor=name)
    assert list(rows) == []
    rows = q.run(loaded_store, "find-entities", text=name)
    assert list(rows) == []
    prepared = q.prepare(loaded_store, "find-entities", {"text": name})
    assert str(ox.Literal(name)) in prepared.text  # bound as one escaped literal


def test_a_value_given_to_free_sparql_is_a_literal(loaded_store: LocalStore) -> None:
    text = "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    assert len(q.run(loaded_store, text, name="Sinaloa Cartel")) == 1
    assert len(q.run(loaded_store, text, name='Sinaloa Cartel" } UNION { ?e ?p ?o } #')) == 0


def test_an_iri_parameter_must_be_an_iri(loaded_store: LocalStore) -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        q.run(loaded_store, "evidence", fact="http://x> } UNION { ?fact ?p ?o")


def test_values_go_into_the_where_group_not_a_brace_in_a_string() -> None:
    query = 'PREFIX x: <http://e/{> SELECT ?s WHERE { ?s ?p "{ }" } # {\n'
    bound = bind_values(query, {"s": [ox.NamedNode("http://e/a")]})
    assert bound.startswith('PREFIX x: <http://e/{> SELECT ?s WHERE { VALUES (?s) { (<http://e/a>) } ')
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[:where_group_start(construct)] == "CONSTRUCT { ?s ?p ?o } WHERE {"


def test_parameter_errors_are_clear(loaded_store: LocalStore) -> None:
    with pytest.raises(QueryError, match="has no parameter 'actr'; its parameters: actor, target"):
        q.run(loaded_store, "who-did-what-where", actr="x")
    with pytest.raises(QueryError, match="needs the parameter group"):
        q.run(loaded_store, "events-of-group")
    with pytest.raises(QueryError, match="is not a date"):
        q.run(loaded_store, "who-did-what-where", **{"from": "last week"})
    with pytest.raises(QueryError, match="no catalog query named|neither a catalog query"):
        q.run(loaded_store, "who-did-what")


# ----------------------------------------------------------------- results and formats


def test_results_serialise_to_the_w3c_formats(loaded_store: LocalStore) -> None:
    result, _ = q.execute(loaded_store, "evidence", {"entity": "Los Zetas"})
    table = list(csv.reader(io.StringIO(result.serialize("csv").decode())))
    assert table[0] == result.variables and len(table) == len(result) + 1
    for fmt in (ResultFormat.json, ResultFormat.xml, ResultFormat.tsv):
        data = result.serialize(fmt)
        parsed = ox.parse_query_results(data, format={
            "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt.value])
        rows = list(parsed)
        assert len(rows) == len(result)
        assert {tuple(r[v] for v in result.variables) for r in rows} == {
            tuple(s.get(v) for v in result.variables) for s in result.solutions}
    doc = json.loads(result.serialize("json"))
    assert doc["head"]["vars"][:3] == ["fact", "factLabel", "sentence"]
    assert doc["results"]["bindings"][0]["confidence"]["datatype"].endswith("#decimal")
    ask = loaded_store.query("ASK { ?s a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }")
    assert json.loads(ask.serialize("json"))["boolean"] is True
    assert ET.fromstring(ask.serialize("xml")).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


def test_cli_formats(loaded_store: LocalStore) -> None:
    store = ["--store", str(loaded_store.path)]
    out = runner.invoke(app, ["query", "who-did-what-where", "-p", "place=Sinaloa", *store, "-f", "csv"])
    assert out.exit_code == 0, out.output
    table = list(csv.reader(io.StringIO(out.stdout)))
    assert table[0][:3] == ["date", "event", "label"] and len(table) == 2
    md = runner.invoke(app, ["query", "who-did-what-where", "-p", "place=Sinaloa", *store, "-f", "markdown"])
    assert md.stdout.startswith("| date | event | label |") and f"id:{CULIACAN_CLASH.removeprefix(ID)}" in md.stdout
    tsv = runner.invoke(app, ["query", "find-entities", "-p", "text=zetas", *store, "-f", "tsv"])
    assert tsv.stdout.splitlines()[0] == "?entity\t?name\t?kind"
    ttl = runner.invoke(app, ["query", "describe-entity", "-p", "entity=CICIG", *store, "-f", "turtle"])
    assert ttl.exit_code == 0 and "cg:acronym" in ttl.stdout
    from rdflib import Graph

    assert len(Graph().parse(data=ttl.stdout, format="turtle")) > 5
    wrong = runner.invoke(app, ["query", "describe-entity", "-p", "entity=CICIG", *store, "-f", "csv"])
    assert wrong.exit_code == 2 and "RDF" in wrong.output


def test_cli_syntax_error_has_line_and_column_and_no_traceback(loaded_store: LocalStore) -> None:
    out = runner.invoke(app, ["query", "SELECT ?s WHERE {\n  ?s ?p\n}", "--store", str(loaded_store.path)])
    assert out.exit_code == 2
    assert "invalid SPARQL: line 3, column" in out.output and "Traceback" not in out.output


def test_rq_file_and_stdin(loaded_store: LocalStore, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }")
    out = runner.invoke(app, ["query", str(rq), "--store", str(loaded_store.path), "-f", "csv"])
    assert out.stdout.splitlines() == ["n", "10"]
    out = runner.invoke(app, ["query", "-", "--store", str(loaded_store.path), "-f", "csv"], input=rq.read_text())
    assert out.stdout.splitlines() == ["n", "10"]


def test_python_api_rows_and_limit(loaded_store: LocalStore) -> None:
    rows = q.run(str(loaded_store.path), "timeline-of-place", place="Mexico", limit=2)
    assert len(rows) == 2 and rows.variables[0] == "date"
    assert isinstance(rows[0], dict) and rows[0]["label"]


def test_to_dataframe() -> None:
    from crimegraph.store import Rows

    rows = Rows([{"a": 1, "b": "x"}], ["a", "b"])
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            rows.to_dataframe()
    else:
        frame = rows.to_dataframe()
        assert list(frame.columns) == ["a", "b"] and frame.iloc[0]["a"] == 1


def test_timeout_abandons_a_long_query(loaded_store: LocalStore) -> None:
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.perf_counter()
    with pytest.raises(QueryTimeout, match="longer than 0.2 s"):
        loaded_store.query(heavy, timeout=0.2)
    assert time.perf_counter() - start < 2


def test_max_rows_truncates(loaded_store: LocalStore) -> None:
    result = loaded_store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=5)
    assert len(result) == 5 and result.truncated


def test_terminal_table_fits_or_expands(loaded_store: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    store = ["--store", str(loaded_store.path), "-f", "table"]
    narrow = runner.invoke(app, ["query", "find-entities", "-p", "text=zetas", *store])
    assert "entity" in narrow.stdout and "Los Zetas" in narrow.stdout and "row 1" not in narrow.stdout
    wide = runner.invoke(app, ["query", "who-did-what-where", "-p", "place=Sinaloa", *store])
    assert "row 1" in wide.stdout and "Security forces clash with the Sinaloa Cartel in Culiacán" in wide.stdout
    assert "1 row(s)" in wide.stdout
