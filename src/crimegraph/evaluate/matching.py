"""Matching what a system found against the gold: names, entities and events.

What a system found is reduced to :class:`SystemEntity` and :class:`SystemEvent` (from
the model objects an extractor returns, or from bare spaCy NER for the baseline);
:func:`event_matches` is the rule of the package docs (:mod:`crimegraph.evaluate`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crimegraph.errors import CrimegraphError
from crimegraph.evaluate.gold import GoldArticle, GoldEvent, fold
from crimegraph.model import (
    PLACE_KINDS,
    Article,
    Organization,
    PartialDate,
    Person,
    Place,
    Ref,
)

COARSE_TYPES = ("criminal-group", "government-body", "organization", "person", "place")
_FINE_EQUIVALENT = {"municipality": "city"}

#: spaCy NER labels the baseline keeps, and the coarse type each maps to.
#: (English pipelines: PERSON, ORG, GPE, LOC; the Spanish one: PER, ORG, LOC, and MISC
#: dropped as English NORP, FAC … are.)
BASELINE_LABELS = {"PERSON": "person", "PER": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}

# --------------------------------------------------------------------------- names


def squeeze(text: str) -> str:
    """Text with every whitespace character removed, casefolded: what evidence is
    compared on, so that link breaks and doubled spaces do not matter."""
    return re.sub(r"\s+", "", text).casefold()


def coarse_type(kind: str) -> str:
    """criminal-group | government-body | organization | person | place."""
    if kind in ("criminal-group", "government-body", "person"):
        return kind
    if kind in PLACE_KINDS or kind == "place":
        return "place"
    return "organization"


def fine_type(kind: str) -> str:
    return _FINE_EQUIVALENT.get(kind, kind)


# --------------------------------------------------------------------------- system data


@dataclass(frozen=True)
class SystemEntity:
    names: tuple[str, ...]
    type: str  # a fine kind: criminal-group, person, country, …

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(fold(n) for n in self.names if n.strip())


@dataclass(frozen=True)
class Span:
    """Evidence of a system event: a span of the article text (offsets may be unknown)."""

    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class SystemEvent:
    type: str
    evidence: tuple[Span, ...]
    actors: tuple[frozenset[str], ...] = ()  # each participant as its folded names
    others: tuple[frozenset[str], ...] = ()
    date: PartialDate | None = None
    modality: str = "asserted"
    place: frozenset[str] | None = None  # the folded names of its place


def entity_of(record: Organization | Person | Place) -> SystemEntity:
    if isinstance(record, Person):
        names: tuple[str, ...] = (record.name, *record.aliases)
        kind = "person"
    elif isinstance(record, Organization):
        names = (record.name, *record.aliases, *record.acronyms)
        kind = record.kind
    else:
        names = (record.name, *record.aliases)
        kind = record.kind
    return SystemEntity(tuple(dict.fromkeys(n for n in names if n)), kind)


def gazetteer_registry() -> Any:
    """A registry holding the shipped gazetteer, to resolve the references an extractor
    writes (gazetteer ids such as ``zetas``, ISO codes such as ``MX``) to entities."""
    from crimegraph.ingest.gazetteer import gazetteer_records
    from crimegraph.iri import IriMinter
    from crimegraph.rdf.resolve import Registry

    registry = Registry(IriMinter())
    for record in gazetteer_records():
        registry.add(record, gazetteer=True)
    return registry


class _Entities:
    """The entities one article's extraction refers to, each with every name it goes
    by: the record's name, aliases and acronyms and the text of its mentions."""

    def __init__(self, article: Article, registry: Any = None) -> None:
        self.registry = registry
        self.names: dict[str, list[str]] = {}
        self.kinds: dict[str, str] = {}
        self.order: list[str] = []
        for record in article.entities:
            found = entity_of(record)
            identity = self._identity_of_record(record, found)
            self._note(identity, found.names, found.type)
        for mention in article.text_mentions:
            self.describe(mention.entity, extra=(mention.text,))

    def _identity_of_record(self, record: Organization | Person | Place, found: SystemEntity) -> str:
        if self.registry is not None:
            try:
                return str(self.registry.add(record).iri)
            except (CrimegraphError, ValueError):  # a record the registry cannot take is still scored
                return f"{coarse_type(found.type)}:{fold(found.names[0])}"
        return f"{coarse_type(found.type)}:{fold(found.names[0])}"

    def _note(self, identity: str, names: Iterable[str], kind: str) -> str:
        if identity not in self.names:
            self.names[identity] = []
            self.kinds[identity] = kind
            self.order.append(identity)
        bucket = self.names[identity]
        for name in names:
            if name and name.strip() and name not in bucket:
                bucket.append(name)
        return identity

    def describe(self, ref: Ref, extra: Iterable[str] = ()) -> str:
        """Note the entity a reference names; return its identity."""
        kinds = (ref.kind,) if ref.kind in ("organization", "person", "place") else ("organization", "person", "place")
        entity = None
        if self.registry is not None:
            try:
                entity = self.registry.resolve(ref, kinds)
            except CrimegraphError:
                candidates = self.registry.find(ref.name, kinds)
                entity = candidates[0] if candidates else None
        if entity is not None and entity.record is not None:
            found = entity_of(entity.record)
            key = [entity.record.key] if entity.record.key else []
            return self._note(str(entity.iri), (*found.names, *key, ref.name, *extra), found.type)
        kind = ref.kind or "organization"
        # without a registry, a reference by name is matched with entities of the article by name
        for identity, names in self.names.items():
            if fold(ref.name) in {fold(n) for n in names}:
                return self._note(identity, extra, self.kinds[identity])
        return self._note(f"{kind}:{fold(ref.name)}", (ref.name, *extra), kind)

    def entities(self) -> list[SystemEntity]:
        return [SystemEntity(tuple(self.names[i]), self.kinds[i]) for i in self.order]

    def keys(self, identity: str) -> frozenset[str]:
        return frozenset(fold(n) for n in self.names[identity])


def system_entities(article: Article, registry: Any = None) -> list[SystemEntity]:
    """The entities an extractor found in an article: the records it attached and the
    entities its mentions refer to (resolved through ``registry`` when given: see
    :func:`gazetteer_registry`), one per distinct entity."""
    return _Entities(article, registry).entities()


def system_events(article: Article, registry: Any = None) -> list[SystemEvent]:
    """The events an extractor attached to an article, each participant as the folded
    names of the entity it refers to."""
    index = _Entities(article, registry)
    out = []
    for event in article.events:
        actors, others = [], []
        for role, ref in event.participants:
            keys = index.keys(index.describe(ref))
            (actors if role == "actor" else others).append(keys)
        spans = tuple(Span(ev.text, ev.start, ev.end) for ev in event.evidence)
        place = index.keys(index.describe(event.place)) if event.place is not None else None
        out.append(SystemEvent(event.type, spans, tuple(actors), tuple(others), event.date, event.modality, place))
    return out


def baseline_entities(ents: Iterable[tuple[str, str]]) -> list[SystemEntity]:
    """Bare NER as entities: each distinct (folded) surface string is one entity, typed
    by its most frequent label. ``ents`` are (text, spaCy label) pairs; labels outside
    :data:`BASELINE_LABELS` are dropped."""
    labels: dict[str, Counter[str]] = {}
    surface: dict[str, str] = {}
    for text, label in ents:
        if label not in BASELINE_LABELS:
            continue
        key = fold(text)
        if not key:
            continue
        surface.setdefault(key, " ".join(text.split()))
        labels.setdefault(key, Counter())[BASELINE_LABELS[label]] += 1
    return [SystemEntity((surface[key],), labels[key].most_common(1)[0][0]) for key in surface]


# --------------------------------------------------------------------------- events


class _Squeezed:
    """An article text with whitespace removed, and the map from offsets in the text
    to offsets in the squeezed text."""

    def __init__(self, text: str) -> None:
        self.text = squeeze(text)
        self._kept = [i for i, ch in enumerate(text) if not ch.isspace()]

    def offset(self, position: int) -> int:
        return bisect.bisect_left(self._kept, position)

    def span_of_text(self, sentence: str) -> tuple[int, int] | None:
        needle = squeeze(sentence)
        if not needle:
            return None
        start = self.text.find(needle)
        return (start, start + len(needle)) if start >= 0 else None

    def span_of(self, span: Span) -> tuple[int, int] | None:
        if span.start is not None and span.end is not None and span.end > span.start:
            squeezed = (self.offset(span.start), self.offset(span.end))
            if self.text[squeezed[0] : squeezed[1]] == squeeze(span.text) or not span.text:
                return squeezed
        return self.span_of_text(span.text)


def _overlaps(gold: GoldEvent, found: SystemEvent, text: _Squeezed | None) -> bool:
    gold_spans = [text.span_of_text(s) for s in gold.evidence] if text else []
    for span in found.evidence:
        located = text.span_of(span) if text else None
        for sentence, gold_span in zip(gold.evidence, gold_spans or [None] * len(gold.evidence)):
            if located and gold_span:
                if located[0] < gold_span[1] and gold_span[0] < located[1]:
                    return True
            else:  # not locatable: compare the texts themselves
                a, b = squeeze(sentence), squeeze(span.text)
                if a and b and (a in b or b in a):
                    return True
    return False


def _participant_keys(article: GoldArticle, names: Iterable[str]) -> list[frozenset[str]]:
    out = []
    for name in names:
        entity = article.entity(name)
        out.append(entity.keys if entity else frozenset({fold(name)}))
    return out


def place_keys(article: GoldArticle, name: str) -> frozenset[str]:
    """The folded names of a gold event's place (its entity's, else the name's)."""
    return _participant_keys(article, [name])[0]


def event_matches(gold: GoldEvent, found: SystemEvent, article: GoldArticle, text: _Squeezed | None, strict: bool = False) -> bool:
    """The matching rule of the module docs, lenient or strict."""
    if gold.type != found.type or not _overlaps(gold, found, text):
        return False
    gold_actors = _participant_keys(article, gold.actors)
    gold_others = _participant_keys(article, gold.others)
    if strict:
        return all(any(g & s for s in found.actors) for g in gold_actors) and all(any(g & s for s in found.others) for g in gold_others)
    if not gold_actors and not gold_others:
        return True
    everyone = (*found.actors, *found.others)
    return any(g & s for g in (*gold_actors, *gold_others) for s in everyone)

