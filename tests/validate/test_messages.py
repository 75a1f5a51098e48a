"""Readable messages: a value out of range is named with what is allowed (issue 13)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from crimegraph.validate import validate_graph
from crimegraph.vocab import CG, DEFAULT_BASE

BASE = Path(__file__).resolve().parents[1] / "shapes" / "base.ttl"


def test_a_confidence_of_1_7_gets_a_readable_message() -> None:
    dataset = Dataset(default_union=True)
    dataset.parse(BASE, format="turtle")
    event = URIRef(DEFAULT_BASE + "event/seed-agreement-lpo")
    graph = dataset.default_graph
    graph.remove((event, CG.confidence, None))
    graph.add((event, CG.confidence, Literal("1.7", datatype=XSD.decimal)))
    report = validate_graph(dataset)
    assert not report.conforms
    text = report.as_text()
    assert "an event has one confidence, an xsd:decimal from 0 to 1" in text, text
    assert "1.7" in text and "seed-agreement-lpo" in text
