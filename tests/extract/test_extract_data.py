"""The extractor's data files: gazetteer and lexicons are consistent and checkable."""

from __future__ import annotations

from crimegraph.extract.dates import normalize
from crimegraph.extract.gazetteer import gazetteer_records
from crimegraph.extract.lexicon import load
from crimegraph.iri import normalize_name
from crimegraph.model import Organization, PartialDate
from crimegraph.vocab import event_types

KEPT_IDS = {"sinaloa-cartel", "zetas", "gulf-cartel", "cjng", "unodc", "united-nations"}


def test_gazetteer_keeps_the_ids_others_link_to() -> None:
    assert KEPT_IDS <= {r.key for r in gazetteer_records()}


def test_gazetteer_names_are_unambiguous() -> None:
    """No name, alias or acronym names two shipped entities of the same kind."""
    seen: dict[tuple[str, str], str] = {}
    for record in gazetteer_records():
        kind = type(record).__name__
        for name in {record.name, *record.aliases, *getattr(record, "acronyms", [])}:
            key = (kind, normalize_name(name))
            assert seen.setdefault(key, record.name) == record.name, f"{name!r}: {seen[key]} and {record.name}"


def test_gazetteer_has_no_identifier_without_a_source() -> None:
    for record in gazetteer_records():
        if record.wikidata or getattr(record, "geonames_id", None) or record.same_as:
            assert record.sources, record.name


def test_gazetteer_covers_the_kinds_of_the_field() -> None:
    kinds = {r.kind for r in gazetteer_records() if isinstance(r, Organization)}
    assert {"criminal-group", "government-body", "international-organization", "media", "ngo"} <= kinds
    names = {normalize_name(n) for r in gazetteer_records() for n in [r.name, *r.aliases, *getattr(r, "acronyms", [])]}
    for name in ("Los Zetas", "the Zetas", "UNODC", "UN Office on Drugs and Crime", "CJNG",
                 "Jalisco Cartel New Generation", "Cártel de Jalisco Nueva Generación", "MS13", "Barrio 18",
                 "ex-FARC Mafia", "ELN", "PCC", "Primeiro Comando da Capital"):
        assert normalize_name(name) in names, name


def test_event_lexicon_uses_ontology_types() -> None:
    types = set(event_types())
    events = load("events")
    for group in ("verbs", "nouns"):
        for lemma, entry in events[group].items():
            assert isinstance(lemma, str) and entry["type"] in types, lemma
            for prep in (entry.get("preps") or {}):
                assert isinstance(prep, str), f"{lemma}: YAML read {prep!r} (quote it)"


def test_dates() -> None:
    pub = PartialDate(2020, 2, 17)  # a Monday
    assert normalize("in June 2012", pub) == (PartialDate(2012, 6), "month")
    assert normalize("in 2019", pub) == (PartialDate(2019), "year")
    assert normalize("February 21", pub) == (PartialDate(2020, 2, 21), "day")
    assert normalize("November", pub) == (PartialDate(2019, 11), "month")  # the last November
    assert normalize("last week", pub) == (PartialDate(2020, 2, 10), "week")
    assert normalize("on Tuesday", pub) == (PartialDate(2020, 2, 11), "day")
    assert normalize("yesterday", pub) == (PartialDate(2020, 2, 16), "day")
    assert normalize("last year", pub) == (PartialDate(2019), "year")
    assert normalize("last month", pub) == (PartialDate(2020, 1), "month")
    assert normalize("2014-2019", pub) is None and normalize("15 months", pub) is None
    assert normalize("last week", None) is None and normalize("on Tuesday", PartialDate(2020)) is None
    assert normalize("16 de octubre de 2012", None) == (PartialDate(2012, 10, 16), "day")
