"""A place name in an article's text that several places of the conversion share
(UCDP's state Chihuahua and its municipality Chihuahua) is the one the authorities give
that name first — the state — instead of rejecting the article; a record's bare name
stays an error that asks for an id."""

from __future__ import annotations

import pytest

from crimegraph.errors import RecordError
from crimegraph.iri import IriMinter
from crimegraph.model import Place, Ref
from crimegraph.rdf.resolve import Registry
from crimegraph.vocab import DEFAULT_BASE


@pytest.fixture()
def registry() -> Registry:
    registry = Registry(IriMinter(DEFAULT_BASE))
    registry.add(Place(name="Chihuahua", kind="state", iso_code="MX-CHH"))
    registry.add(Place(name="Chihuahua", kind="municipality", within=Ref("MX-CHH", "place"), key="mx-chh-chihuahua"))
    return registry


def test_a_record_naming_two_places_is_asked_for_an_id(registry: Registry) -> None:
    with pytest.raises(RecordError, match="ambiguous"):
        registry.resolve(Ref("Chihuahua", "place"), ("place",))


def test_a_name_in_a_text_is_the_place_the_authorities_read_first(registry: Registry) -> None:
    entity = registry.resolve_mention(Ref("Chihuahua", "place"), ("place",))
    assert str(entity.iri) == f"{DEFAULT_BASE}place/mx-chh"


def test_a_name_the_authorities_do_not_settle_stays_ambiguous() -> None:
    registry = Registry(IriMinter(DEFAULT_BASE))
    registry.add(Place(name="Los Olivos", kind="municipality", key="a-los-olivos"))
    registry.add(Place(name="Los Olivos", kind="municipality", key="b-los-olivos"))
    with pytest.raises(RecordError, match="ambiguous"):
        registry.resolve_mention(Ref("Los Olivos", "place"), ("place",))
