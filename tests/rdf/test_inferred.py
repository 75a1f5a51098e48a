"""An extracted event's date or place taken from its sentence or paragraph is marked with
where it came from (cg:dateInferredFrom, cg:placeInferredFrom); one its own clause gives
is not."""

from __future__ import annotations

from rdflib import URIRef

from crimegraph.iri import IriMinter
from crimegraph.model import Event, PartialDate, Place, Ref
from crimegraph.rdf.build import GraphBuilder
from crimegraph.rdf.resolve import Registry
from crimegraph.vocab import CG, DEFAULT_BASE

GRAPH = URIRef("https://example.org/graph")


def quads(event: Event) -> set[tuple]:
    minter = IriMinter(DEFAULT_BASE)
    registry = Registry(minter)
    registry.add(Place(name="San Pedro Sula", key="sps", kind="city"))
    return {(p, o) for _, p, o, _ in GraphBuilder(minter, registry).event_quads(event, GRAPH)}


def test_inferred_date_and_place_are_marked() -> None:
    event = Event("killing", date=PartialDate(2020, 2, 13), precision="day", date_inferred="sentence",
                  place=Ref("sps", "place"), place_inferred="paragraph", confidence=0.6)
    found = quads(event)
    assert (CG.dateInferredFrom, CG.FromSentence) in found
    assert (CG.placeInferredFrom, CG.FromParagraph) in found


def test_a_clause_date_and_place_are_not_marked() -> None:
    event = Event("killing", date=PartialDate(2020, 2, 13), precision="day", place=Ref("sps", "place"),
                  confidence=0.6)
    assert not {p for p, _ in quads(event)} & {CG.dateInferredFrom, CG.placeInferredFrom}
