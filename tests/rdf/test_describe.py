"""The dataset description counts what is really there."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID, XSD
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.rdf.void import describe
from crimegraph.convert import convert
from crimegraph.vocab import DEFAULT_BASE, SEM


def test_description_counts(root: Path) -> None:
    result = convert(sorted((root / "data" / "examples").glob("*.[jcy]*")))
    triples = {(s, p, o) for s, p, o, _ in result.quads}
    void = describe(result.quads, DEFAULT_BASE, license="https://creativecommons.org/licenses/by-nc/4.0/")
    dataset = URIRef(DEFAULT_BASE + "dataset")
    assert void.value(dataset, VOID.triples) == Literal(len(triples), datatype=XSD.integer)
    events = {s for s, p, o in triples if o == SEM.Event}
    [part] = [p for p in void.objects(dataset, VOID.classPartition) if void.value(p, VOID["class"]) == SEM.Event]
    assert int(void.value(part, VOID.entities)) == len(events) == 8
    graphs = set(void.objects(dataset, VOID.subset))
    assert URIRef(DEFAULT_BASE + "graph/entities") in graphs
    assert any("/graph/article/" in str(g) for g in graphs)
    again = describe(list(reversed(result.quads)), DEFAULT_BASE)
    assert set(again) == set(describe(result.quads, DEFAULT_BASE)), "the description depends on the data only"


def test_describe_command(tmp_path: Path, root: Path) -> None:
    data = tmp_path / "data.nq"
    runner = CliRunner()
    inputs = [str(p) for p in sorted((root / "data" / "examples").glob("*.[jcy]*"))]
    assert runner.invoke(app, ["convert", *inputs, "-o", str(data)]).exit_code == 0
    out = tmp_path / "void.ttl"
    result = runner.invoke(app, ["describe", str(data), "-o", str(out), "--title", "Seed", "--endpoint", "http://localhost:7878/sparql"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    assert (URIRef(DEFAULT_BASE + "dataset"), VOID.sparqlEndpoint, URIRef("http://localhost:7878/sparql")) in graph
