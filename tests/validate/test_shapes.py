"""Every SHACL shape has a conforming focus node in base.ttl and at least one failing
case (a SPARQL Update in tests/shapes/*.ru) whose report is exactly as its header says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from crimegraph.validate import shapes_graph, validate_graph
from crimegraph.vocab import DEFAULT_BASE, PREFIXES

HERE = Path(__file__).parents[1] / "shapes"
CASES = sorted(HERE.glob("*.ru"))
CGSH = "https://w3id.org/crimegraph/shapes#"
_EXPECT = re.compile(r"^# expect: (\w+) (\w+) <([^>]+)>$", re.M)
_SHAPE = re.compile(r"^# shape: cgsh:(\w+)$", re.M)
PROLOGUE = f"BASE <{DEFAULT_BASE}>\n" + "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@pytest.fixture(scope="module")
def base() -> Graph:
    return Graph().parse(HERE / "base.ttl", format="turtle")


def test_base_graph_conforms(base: Graph) -> None:
    report = validate_graph(base)
    assert report.conforms and not report.results, report.as_text()


def node_shapes() -> list[URIRef]:
    shapes = shapes_graph()
    return sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def test_every_shape_targets_something_in_base(base: Graph) -> None:
    shapes = shapes_graph()
    for shape in node_shapes():
        targets = set()
        for cls in shapes.objects(shape, SH.targetClass):
            targets |= set(base.subjects(RDF.type, cls))
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            targets |= set(base.subjects(prop, None))
        assert targets, f"{shape} has no focus node in base.ttl"


def test_every_shape_has_a_failing_case() -> None:
    covered = {m for case in CASES for m in _SHAPE.findall(case.read_text())}
    missing = [s for s in node_shapes() if s.removeprefix(CGSH) not in covered]
    assert not missing, f"shapes without a failing case: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_failing_case(case: Path, base: Graph) -> None:
    text = case.read_text()
    expected = {(sev, comp, str(URIRef(DEFAULT_BASE + iri) if not iri.startswith("http") else iri))
                for sev, comp, iri in _EXPECT.findall(text)}
    assert expected, f"{case.name} has no '# expect:' line"
    graph = Graph()
    for triple in base:
        graph.add(triple)
    # each operation gets the prologue: rdflib does not carry BASE across ';'
    for operation in re.split(r";\s*\n(?=DELETE|INSERT)", text):
        graph.update(PROLOGUE + operation)
    report = validate_graph(graph)
    got = {(r.severity, r.constraint, r.focus) for r in report.results}
    assert got == expected, report.as_text()
    assert report.conforms == all(sev != "Violation" for sev, _, _ in expected)
