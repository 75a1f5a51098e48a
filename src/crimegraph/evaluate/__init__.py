"""Scoring extraction against the hand-made gold standard in ``data/gold/``.

Plain functions over plain data: gold files load into :class:`GoldArticle`; what a
system found is reduced to :class:`SystemEntity` and :class:`SystemEvent` (from the
model objects an extractor returns, or from bare spaCy NER for the baseline); the
``score_*`` functions count, :class:`Counts` turns counts into figures.

Matching rules (see ``data/gold/README.md`` for what the gold contains):

* **Entities** — a system entity matches a gold entity when its name or any alias
  equals one of the gold entity's names or aliases after :func:`fold` (case and accents
  folded, typographic quotes straightened, whitespace collapsed, a leading "the"
  dropped). Precision counts system entities that match some gold entity of the same
  article; recall counts gold entities matched by some system entity. Further system
  entities matching an already matched gold entity are reported as ``duplicates``.
* **Entity types** — on matched gold entities: the coarse type (criminal group,
  government body, other organization, person, place) and the fine type (the kinds of
  :mod:`crimegraph.model`; ``municipality`` counts as ``city``).
* **Events** — a system event matches a gold event when it has the same type, one of
  its evidence spans overlaps one of the gold evidence sentences (compared on the
  article text with whitespace ignored), and, when the gold event has participants, at
  least one of them is among the system event's participants (any role). The *strict*
  variant also requires every gold participant, each in the same role class (actor vs
  the others: target, partner, opponent, victim).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import yaml

from crimegraph.errors import CrimegraphError, InputError, Location
from crimegraph.ingest.language import normalize_tag
from crimegraph.model import (
    ORGANIZATION_KINDS,
    PLACE_KINDS,
    Article,
    Organization,
    PartialDate,
    Person,
    Place,
    Ref,
)

# --------------------------------------------------------------------------- targets

#: The targets of issue 3, checked on the gold standard.
TARGET_ENTITY_F1 = 0.85
TARGET_EVENT_RECALL = 0.6
TARGET_EVENT_PRECISION = 0.7

PARTICIPANT_FIELDS = ("actors", "targets", "partners", "opponents", "victims")
MODALITIES = ("asserted", "negated", "hypothetical", "reported")
PRECISIONS = ("day", "week", "month", "year")
COARSE_TYPES = ("criminal-group", "government-body", "organization", "person", "place")
FINE_TYPES = tuple(dict.fromkeys((*ORGANIZATION_KINDS, "person", *PLACE_KINDS)))
_FINE_EQUIVALENT = {"municipality": "city"}

#: spaCy NER labels the baseline keeps, and the coarse type each maps to.
#: (English pipelines: PERSON, ORG, GPE, LOC; the Spanish one: PER, ORG, LOC, and MISC
#: dropped as English NORP, FAC … are.)
BASELINE_LABELS = {"PERSON": "person", "PER": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}
#: Where a gold article's text comes from.
SOURCES = ("corpus", "seed", "text")


class GoldError(InputError):
    """A gold file breaks the annotation format."""


# --------------------------------------------------------------------------- names


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_LEADING_THE = re.compile(r"^the\s+")


def fold(name: str) -> str:
    """The form names are compared in.

    >>> fold("The Zetas") == fold("zetas")
    True
    >>> fold("Cártel de Jalisco  Nueva Generación")
    'cartel de jalisco nueva generacion'
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(text.split()).strip(" .,;:\"'")
    return _LEADING_THE.sub("", text)


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


# --------------------------------------------------------------------------- gold data


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(fold(n) for n in self.names)


@dataclass(frozen=True)
class GoldEvent:
    type: str
    evidence: tuple[str, ...]
    actors: tuple[str, ...] = ()
    others: tuple[str, ...] = ()  # targets, partners, opponents, victims
    place: str | None = None
    date: PartialDate | None = None
    precision: str | None = None
    modality: str = "asserted"

    @property
    def participants(self) -> tuple[str, ...]:
        return (*self.actors, *self.others)


@dataclass
class GoldArticle:
    id: str
    source: str  # "corpus", "seed" or "text"
    title: str
    date: PartialDate | None = None
    section: str | None = None
    file: str | None = None  # seed: the file name under the seed folder
    text: str | None = None  # text: the article's whole text, in the gold file itself
    language: str | None = None  # BCP 47 tag ("es"); None: the readers detect it
    entities: list[GoldEntity] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    path: Path | None = None

    def entity(self, name: str) -> GoldEntity | None:
        """The gold entity a participant or place name refers to."""
        key = fold(name)
        for entity in self.entities:
            if key in entity.keys:
                return entity
        return None


def _text_list(value: Any, where: Location, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GoldError(f"{what} must be a text or a list of non-empty texts", where)
    return tuple(value)


def _date(value: Any, where: Location) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(str(value))
    except InputError as exc:
        raise GoldError(exc.message, where) from None


def load_gold_file(path: Path | str, event_types: Iterable[str] | None = None) -> GoldArticle:
    """One gold file, checked: known types, participants naming entities of the file."""
    path = Path(path)
    name = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GoldError(f"cannot read the gold file: {exc}", Location(file=name)) from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
        raise GoldError("a gold file is a mapping with 'article', 'entities' and 'events'", Location(file=name))
    meta = data["article"]
    for key in ("id", "source", "title"):
        if not isinstance(meta.get(key), str):
            raise GoldError("required text is missing", Location(file=name, field=f"article.{key}"))
    if meta["source"] not in SOURCES:
        raise GoldError(f"allowed sources are {', '.join(repr(s) for s in SOURCES)}", Location(file=name, field="article.source"))
    if meta["source"] == "seed" and not isinstance(meta.get("file"), str):
        raise GoldError("a seed article names its file", Location(file=name, field="article.file"))
    if meta["source"] == "text" and not (isinstance(meta.get("text"), str) and meta["text"].strip()):
        raise GoldError("an article of source 'text' holds its text", Location(file=name, field="article.text"))
    language = meta.get("language")
    if language is not None and not (isinstance(language, str) and normalize_tag(language) == language):
        raise GoldError("a language is a BCP 47 tag such as 'en' or 'es'", Location(file=name, field="article.language"))
    article = GoldArticle(
        id=meta["id"],
        source=meta["source"],
        title=meta["title"],
        date=_date(meta.get("date"), Location(file=name, field="article.date")),
        section=meta.get("section"),
        file=meta.get("file"),
        text=meta.get("text") if meta["source"] == "text" else None,
        language=language,
        path=path,
    )
    allowed_kinds = set(FINE_TYPES)
    for number, item in enumerate(data.get("entities") or [], start=1):
        where = Location(file=name, record=number, field="entities")
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise GoldError("an entity needs a name", where)
        kind = item.get("type")
        if kind not in allowed_kinds:
            raise GoldError(f"unknown entity type {kind!r}; allowed: {', '.join(FINE_TYPES)}", where)
        article.entities.append(GoldEntity(item["name"], kind, _text_list(item.get("aliases"), where, "aliases")))
    seen: dict[str, str] = {}
    for entity in article.entities:
        for key in entity.keys:
            if key in seen and seen[key] != entity.name:
                raise GoldError(f"the name {key!r} belongs to both {seen[key]!r} and {entity.name!r}", Location(file=name, field="entities"))
            seen[key] = entity.name
    known_types = set(event_types) if event_types is not None else None
    for number, item in enumerate(data.get("events") or [], start=1):
        where = Location(file=name, record=number, field="events")
        if not isinstance(item, dict):
            raise GoldError("an event is a mapping", where)
        etype = item.get("type")
        if not isinstance(etype, str) or (known_types is not None and etype not in known_types):
            raise GoldError(f"unknown event type {etype!r}; allowed: {', '.join(sorted(known_types or []))}", where)
        evidence = _text_list(item.get("evidence"), where, "evidence")
        if not evidence:
            raise GoldError("an event needs its evidence sentence", where)
        modality = item.get("modality", "asserted")
        if modality not in MODALITIES:
            raise GoldError(f"unknown modality {modality!r}; allowed: {', '.join(MODALITIES)}", where)
        precision = item.get("precision")
        if precision is not None and precision not in PRECISIONS:
            raise GoldError(f"unknown precision {precision!r}; allowed: {', '.join(PRECISIONS)}", where)
        roles = {key: _text_list(item.get(key), where, key) for key in PARTICIPANT_FIELDS}
        place = item.get("place")
        for participant in (*[p for ps in roles.values() for p in ps], *([place] if place else [])):
            if article.entity(participant) is None:
                raise GoldError(f"{participant!r} is no entity of this file", where)
        article.events.append(
            GoldEvent(
                type=etype,
                evidence=evidence,
                actors=roles["actors"],
                others=tuple(p for key in PARTICIPANT_FIELDS[1:] for p in roles[key]),
                place=place,
                date=_date(item.get("date"), where),
                precision=precision,
                modality=modality,
            )
        )
    return article


def load_gold(folder: Path | str, event_types: Iterable[str] | None = None) -> list[GoldArticle]:
    """Every ``*.yaml`` gold file of a folder, in name order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError("gold folder not found; name it with --gold", Location(file=str(folder)))
    types = list(event_types) if event_types is not None else None
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise GoldError("no gold files (*.yaml) in this folder", Location(file=str(folder)))
    return [load_gold_file(path, types) for path in files]


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
        out.append(SystemEvent(event.type, spans, tuple(actors), tuple(others), event.date, event.modality))
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


# --------------------------------------------------------------------------- counting


@dataclass
class Counts:
    """Counts that add up across articles; figures are derived."""

    system: int = 0  # system entities (or events)
    system_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    duplicates: int = 0
    coarse_correct: int = 0
    fine_correct: int = 0
    strict_system_matched: int = 0
    strict_gold_matched: int = 0
    dated: int = 0  # matched gold events with a date
    date_correct: int = 0
    modality_correct: int = 0

    def __iadd__(self, other: Counts) -> Self:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def precision(self) -> float | None:
        return self._ratio(self.system_matched, self.system)

    @property
    def recall(self) -> float | None:
        return self._ratio(self.gold_matched, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_precision(self) -> float | None:
        return self._ratio(self.strict_system_matched, self.system)

    @property
    def strict_recall(self) -> float | None:
        return self._ratio(self.strict_gold_matched, self.gold)

    @property
    def coarse_accuracy(self) -> float | None:
        return self._ratio(self.coarse_correct, self.gold_matched)

    @property
    def fine_accuracy(self) -> float | None:
        return self._ratio(self.fine_correct, self.gold_matched)

    @property
    def date_accuracy(self) -> float | None:
        return self._ratio(self.date_correct, self.dated)

    @property
    def modality_accuracy(self) -> float | None:
        return self._ratio(self.modality_correct, self.gold_matched)


def score_entities(gold: Sequence[GoldEntity], system: Sequence[SystemEntity]) -> Counts:
    counts = Counts(system=len(system), gold=len(gold))
    matches: dict[int, list[SystemEntity]] = {}
    for found in system:
        keys = found.keys
        hits = [i for i, entity in enumerate(gold) if keys & entity.keys]
        if hits:
            counts.system_matched += 1
            for i in hits:
                matches.setdefault(i, []).append(found)
    counts.gold_matched = len(matches)
    for i, candidates in matches.items():
        counts.duplicates += len(candidates) - 1
        entity = gold[i]
        # type judged on the best candidate: one carrying the canonical name, else the first
        best = next((c for c in candidates if fold(entity.name) in c.keys), candidates[0])
        counts.coarse_correct += coarse_type(best.type) == coarse_type(entity.type)
        counts.fine_correct += fine_type(best.type) == fine_type(entity.type)
    return counts


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


def score_events(article: GoldArticle, system: Sequence[SystemEvent], text: str | None = None) -> Counts:
    """Event counts of one article. ``text`` is the article text the evidence spans
    point into (without it, evidence is compared as text)."""
    squeezed = _Squeezed(text) if text else None
    gold = article.events
    counts = Counts(system=len(system), gold=len(gold))
    matched_gold: dict[int, SystemEvent] = {}
    strict_gold: set[int] = set()
    for found in system:
        hit = strict_hit = False
        for i, event in enumerate(gold):
            if event_matches(event, found, article, squeezed):
                hit = True
                matched_gold.setdefault(i, found)
                if event_matches(event, found, article, squeezed, strict=True):
                    strict_hit = True
                    strict_gold.add(i)
        counts.system_matched += hit
        counts.strict_system_matched += strict_hit
    counts.gold_matched = len(matched_gold)
    counts.strict_gold_matched = len(strict_gold)
    for i, found in matched_gold.items():
        event = gold[i]
        counts.modality_correct += found.modality == event.modality
        if event.date is not None:
            counts.dated += 1
            counts.date_correct += found.date == event.date
    return counts


# --------------------------------------------------------------------------- a whole run


@dataclass
class ArticleScore:
    id: str
    title: str
    entities: Counts
    events: Counts


@dataclass
class SystemScore:
    name: str
    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def entities(self) -> Counts:
        total = Counts()
        for row in self.articles:
            total += row.entities
        return total

    @property
    def events(self) -> Counts:
        total = Counts()
        for row in self.articles:
            total += row.events
        return total


def score_article(gold: GoldArticle, entities: Sequence[SystemEntity], events: Sequence[SystemEvent], text: str | None) -> ArticleScore:
    return ArticleScore(gold.id, gold.title, score_entities(gold.entities, entities), score_events(gold, events, text))


@dataclass(frozen=True)
class Target:
    name: str
    value: float | None
    threshold: float

    @property
    def passed(self) -> bool:
        return self.value is not None and self.value >= self.threshold


def targets(score: SystemScore) -> list[Target]:
    entities, events = score.entities, score.events
    return [
        Target("entity F1", entities.f1, TARGET_ENTITY_F1),
        Target("event recall", events.recall, TARGET_EVENT_RECALL),
        Target("event precision", events.precision, TARGET_EVENT_PRECISION),
    ]


def counts_as_dict(counts: Counts, events: bool) -> dict[str, Any]:
    def r(value: float | None) -> float | None:
        return round(value, 4) if value is not None else None

    out: dict[str, Any] = {
        "gold": counts.gold,
        "system": counts.system,
        "gold_matched": counts.gold_matched,
        "system_matched": counts.system_matched,
        "precision": r(counts.precision),
        "recall": r(counts.recall),
        "f1": r(counts.f1),
    }
    if events:
        out |= {
            "strict_precision": r(counts.strict_precision),
            "strict_recall": r(counts.strict_recall),
            "date_accuracy": r(counts.date_accuracy),
            "modality_accuracy": r(counts.modality_accuracy),
        }
    else:
        out |= {
            "duplicates": counts.duplicates,
            "coarse_type_accuracy": r(counts.coarse_accuracy),
            "fine_type_accuracy": r(counts.fine_accuracy),
        }
    return out


def score_as_dict(score: SystemScore, verbose: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": score.name,
        "entities": counts_as_dict(score.entities, events=False),
        "events": counts_as_dict(score.events, events=True),
        "targets": [{"name": t.name, "value": None if t.value is None else round(t.value, 4), "threshold": t.threshold, "passed": t.passed} for t in targets(score)],
    }
    if verbose:
        out["articles"] = [
            {"id": row.id, "title": row.title, "entities": counts_as_dict(row.entities, False), "events": counts_as_dict(row.events, True)}
            for row in score.articles
        ]
    return out


# --------------------------------------------------------------------------- running systems


def score_system(name: str, gold: Sequence[GoldArticle], articles: dict[str, Article], registry: Any = None) -> SystemScore:
    """Score articles an extractor has filled in (gold id → article); ``registry``
    resolves the references of mentions and participants (:func:`gazetteer_registry`)."""
    import copy

    score = SystemScore(name)
    for item in gold:
        article = articles[item.id]
        # a copy per article: entities one article adds must not lend names to the next
        own = copy.deepcopy(registry) if registry is not None else None
        score.articles.append(
            score_article(item, system_entities(article, own), system_events(article, own), article.text)
        )
    return score


def score_baseline(gold: Sequence[GoldArticle], texts: dict[str, str], nlp: Any, name: str = "spaCy NER",
                   by_language: dict[str, Any] | None = None) -> SystemScore:
    """Bare spaCy NER over the same texts: entities only, no events. Articles whose gold
    language has a pipeline in ``by_language`` ({"es": …}) go through that one."""
    score = SystemScore(name)
    pipelines = by_language or {}
    docs: dict[str, Any] = {}
    for language, group in _by_pipeline(gold, pipelines).items():
        chosen = pipelines.get(language, nlp)
        for item, doc in zip(group, chosen.pipe([texts[i.id] for i in group])):
            docs[item.id] = doc
    for item in gold:
        entities = baseline_entities((ent.text, ent.label_) for ent in docs[item.id].ents)
        score.articles.append(score_article(item, entities, [], texts[item.id]))
    return score


def _by_pipeline(gold: Sequence[GoldArticle], pipelines: dict[str, Any]) -> dict[str, list[GoldArticle]]:
    groups: dict[str, list[GoldArticle]] = {}
    for item in gold:
        language = (item.language or "").split("-")[0]
        groups.setdefault(language if language in pipelines else "", []).append(item)
    return groups


def read_articles(gold: Sequence[GoldArticle], corpus: Path | str, seed_dir: Path | str) -> dict[str, Article]:
    """The gold articles as the readers produce them (gold id → article): corpus
    articles from the scraped JSON Lines by record id, seed pages from their files,
    texts held in the gold file as they are."""
    from crimegraph.ingest.registry import SOURCES, load_source_modules

    load_source_modules()
    corpus, seed_dir = Path(corpus), Path(seed_dir)
    found: dict[str, Article] = {}
    wanted = {item.id for item in gold if item.source == "corpus"}
    if wanted:
        if not corpus.is_file():
            raise InputError("development corpus not found; name it with --corpus", Location(file=str(corpus)))
        for record in SOURCES["insightcrime-jsonl"](corpus):
            if isinstance(record, Article) and record.key in wanted:
                found[record.key] = record
    for item in gold:
        if item.source != "seed":
            continue
        path = seed_dir / (item.file or "")
        if not path.is_file():
            raise InputError("seed article not found; name its folder with --seed", Location(file=str(path)))
        pages = [r for r in SOURCES["text"](path) if isinstance(r, Article)]
        if not pages:
            raise InputError("the seed page gave no article", Location(file=str(path)))
        found[item.id] = pages[0]
    for item in gold:
        if item.source == "text":
            found[item.id] = Article(title=item.title, key=item.id, date=item.date, language=item.language,
                                     text=item.text)
    missing = [item.id for item in gold if item.id not in found]
    if missing:
        raise InputError(f"gold articles not found in the corpus: {', '.join(missing)}", Location(file=str(corpus)))
    return found
