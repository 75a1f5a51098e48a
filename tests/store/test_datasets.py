"""Which graphs a query sees: the union of all graphs when it names no dataset, exactly
the graphs of its ``FROM`` / ``FROM NAMED`` when it does, and the graphs of a
:class:`QueryDataset` (the protocol's default-graph-uri / named-graph-uri) over both;
relative IRIs resolved against a base. Through the store, the Python API and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import crimegraph.query as q
from crimegraph.cli import app
from crimegraph.errors import QueryError
from crimegraph.store import LocalStore, QueryDataset, rdf_source
from crimegraph.store.sparql import names_dataset

runner = CliRunner()
EX = "http://example.org/"
G1, G2 = f"{EX}graph/one", f"{EX}graph/two"
NONE = f"{EX}none"
COUNT = "SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ ?s ?p ?o }}"
SUBJECTS_BY_GRAPH = "SELECT ?g ?s {dataset} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    """<a> in graph one, <b> and <c> in graph two, <d> in the default graph."""
    folder = tmp_path_factory.mktemp("datasets")
    files = {}
    for name, subjects in (("one", "a"), ("two", "bc"), ("default", "d")):
        files[name] = folder / f"{name}.ttl"
        files[name].write_text("".join(f"<{EX}{s}> <{EX}p> {i} .\n" for i, s in enumerate(subjects)), encoding="utf-8")
    store = LocalStore(folder / "store", create=True)
    store.load([rdf_source(files["one"], graph=G1), rdf_source(files["two"], graph=G2), rdf_source(files["default"])])
    return store


def count(store: LocalStore, clause: str = "", **options: object) -> int:
    """The triples the query sees in its default graph, with ``clause`` (FROM …)."""
    return int(store.query(COUNT.format(dataset=clause), **options).rows()[0]["n"])  # type: ignore[arg-type]


def by_graph(store: LocalStore, clause: str = "", **options: object) -> set[tuple[str, str]]:
    """(graph, subject) of every triple the query sees through GRAPH ?g."""
    rows = store.query(SUBJECTS_BY_GRAPH.format(dataset=clause), **options).rows()  # type: ignore[arg-type]
    return {(r["g"].removeprefix(EX), r["s"].removeprefix(EX)) for r in rows}


def test_no_dataset_is_the_union_of_all_graphs(store: LocalStore) -> None:
    assert count(store) == 4
    assert by_graph(store) == {("graph/one", "a"), ("graph/two", "b"), ("graph/two", "c")}


def test_from_names_the_default_graph(store: LocalStore) -> None:
    """The case of issue 11: FROM a graph the store does not hold counts nothing."""
    assert count(store, f"FROM <{NONE}>") == 0
    assert count(store, f"FROM <{G1}>") == 1
    assert count(store, f"FROM <{G1}> FROM <{G2}>") == 3
    assert by_graph(store, f"FROM <{G1}>") == set()  # FROM alone: no named graphs


def test_from_named_names_the_named_graphs(store: LocalStore) -> None:
    assert by_graph(store, f"FROM NAMED <{G2}>") == {("graph/two", "b"), ("graph/two", "c")}
    assert count(store, f"FROM NAMED <{G2}>") == 0  # FROM NAMED alone: an empty default graph
    assert count(store, f"FROM <{G1}> FROM NAMED <{G2}>") == 1
    assert by_graph(store, f"FROM <{G1}> FROM NAMED <{G2}>") == {("graph/two", "b"), ("graph/two", "c")}


def test_a_dataset_given_with_the_query_replaces_its_own(store: LocalStore) -> None:
    assert count(store, dataset=QueryDataset(default_graphs=(G2,))) == 2
    assert count(store, f"FROM <{NONE}>", dataset=QueryDataset(default_graphs=(G2,))) == 2
    assert count(store, f"FROM <{G1}>", dataset=QueryDataset(named_graphs=(G2,))) == 0
    assert by_graph(store, f"FROM NAMED <{G1}>", dataset=QueryDataset(named_graphs=(G2,))) == {("graph/two", "b"), ("graph/two", "c")}
    assert by_graph(store, dataset=QueryDataset(default_graphs=(G1, G2))) == set()
    assert count(store, dataset=QueryDataset(default_graphs=(NONE,))) == 0
    # with a timeout the query runs in a thread of its own, on the same dataset
    assert count(store, f"FROM <{NONE}>", timeout=30) == 0
    assert count(store, dataset=QueryDataset(default_graphs=(G2,)), timeout=30) == 2


def test_a_dataset_names_graphs_by_absolute_iris() -> None:
    with pytest.raises(QueryError, match="default-graph-uri: 'one' is not an absolute IRI"):
        QueryDataset(default_graphs=("one",))
    with pytest.raises(QueryError, match="named-graph-uri"):
        QueryDataset(named_graphs=(f"{EX}a b",))
    with pytest.raises(QueryError, match="at least one graph"):
        QueryDataset()


@pytest.mark.parametrize("query, named", [
    ("SELECT * FROM <http://ex/g> { ?s ?p ?o }", True),
    ("select * from named <http://ex/g> { graph ?g { ?s ?p ?o } }", True),
    ("PREFIX from: <http://ex/> SELECT ?from WHERE { ?from from:from 'FROM' } # FROM <x>", False),
    ("SELECT * WHERE { ?s <http://ex/FROM> _:from }", False),
    ('SELECT * WHERE { ?s ?p "x"@from }', False),
])
def test_a_dataset_clause_is_told_from_the_word_elsewhere(store: LocalStore, query: str, named: bool) -> None:
    assert names_dataset(query) is named


def test_relative_iris_are_resolved_against_the_base(store: LocalStore) -> None:
    result = store.query("CONSTRUCT { <s> <p> 1 } WHERE {}", base_iri="http://127.0.0.1:7878/sparql")
    assert [(t.subject.value, t.predicate.value) for t in result.triples] == [("http://127.0.0.1:7878/s", "http://127.0.0.1:7878/p")]
    result = store.query("BASE <http://other.example/> SELECT (<x> AS ?x) {}", base_iri="http://127.0.0.1:7878/sparql")
    assert result.rows()[0]["x"] == "http://other.example/x"  # the query's own BASE wins
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("CONSTRUCT { <s> <p> 1 } WHERE {}")  # no base: a relative IRI is an error


def test_the_python_api_and_the_cli_honour_from(store: LocalStore) -> None:
    none = COUNT.format(dataset=f"FROM <{NONE}>")
    assert q.run(store, none)[0]["n"] == 0
    assert q.run(store, COUNT.format(dataset=f"FROM <{G2}>"))[0]["n"] == 2
    result, prepared = q.execute(store, COUNT.format(dataset=f"FROM <{G1}>"))
    assert result.rows()[0]["n"] == 1 and prepared.answered_by is None
    assert q.run(store, COUNT.format(dataset=""))[0]["n"] == 4
    out = runner.invoke(app, ["query", none, "--store", str(store.path), "-f", "csv"])
    assert out.exit_code == 0 and out.stdout.splitlines() == ["n", "0"], out.output


def test_named_graphs_can_be_limited(store: LocalStore) -> None:
    assert store.named_graphs() == [G1, G2]
    assert len(store.named_graphs(limit=1)) == 1 and set(store.named_graphs(limit=1)) <= {G1, G2}
    assert store.named_graphs(limit=5) == [G1, G2]
