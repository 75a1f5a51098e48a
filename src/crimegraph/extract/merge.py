"""One event per occurrence.

An occurrence may be told by several triggers of one sentence ("convicted or sentenced")
or in several sentences of an article ("gunmen killed Veras" … "the killing of Veras" …
"Veras' murder"). :func:`merge` folds each event into the first earlier one that tells
the same occurrence; two rules say when that is: :func:`merge_in_sentence` for the
triggers of one sentence (same type, overlapping participants) and
:func:`merge_coreferent_events` for an article's events (same type, one participant set
holding the other, no conflicting place or date). The event types involved are
``data/lexicon/en/events.yaml`` (``subsumed``, ``same_occurrence``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from crimegraph.extract.lexicon import load
from crimegraph.model import Event, PartialDate, Ref

if TYPE_CHECKING:
    from crimegraph.extract.candidates import FoundEvent

E = TypeVar("E")


def merge(events: list[E], same: Callable[[E, E], bool], fold: Callable[[E, E], None]) -> list[E]:
    """The events, each folded (``fold(twin, event)``) into the first kept event it
    tells the same occurrence as (``same(kept, event)``)."""
    kept: list[E] = []
    for event in events:
        twin = next((k for k in kept if same(k, event)), None)
        if twin is None:
            kept.append(event)
        else:
            fold(twin, event)
    return kept


def _add_participants(twin: Any, event: Any, key: Callable[[Any], Hashable]) -> None:
    have = {key(p) for p in twin.participants}
    twin.participants += [p for p in event.participants if key(p) not in have]


# ---------------------------------------------------------------- one sentence
def merge_in_sentence(events: list[FoundEvent]) -> list[FoundEvent]:
    """Two triggers of one type in one sentence whose participants overlap ("convicted
    or sentenced") are one event; a type that a more specific one in the sentence
    subsumes (an attack in which people are killed) is dropped."""
    subsumed = load("events").get("subsumed", {})
    types = {e.type for e in events}
    kept = [e for e in events if subsumed.get(e.type) not in types]
    part_of = load("events").get("unnamed_part_of", {})
    for event in list(kept):
        whole = next((e for e in kept if e.type == part_of.get(event.type)), None)
        if whole is not None and not event.participants:  # "19 killed in a shootout": the clash's dead
            kept.remove(event)
            whole.place = whole.place or event.place
            if whole.date is None and event.date is not None:
                whole.date, whole.precision, whole.date_inferred = event.date, event.precision, event.date_inferred
    return merge(kept, _same_in_sentence, _fold_in_sentence)


def _names(event: FoundEvent) -> set[tuple[str, str]]:
    return {(k.kind, k.ref.name) for _, k in event.participants}


def _same_in_sentence(kept: FoundEvent, event: FoundEvent) -> bool:
    names = _names(event)
    if kept.place is not None and event.place is not None and kept.place.ref != event.place.ref:
        return False  # present in El Salvador and in Honduras: two facts
    if kept.type != event.type:
        return False
    return bool(names & _names(kept) or not names) or (
        kept.type in _occurrence()["speech_acts"] and _complementary(kept, event))


def _complementary(a: FoundEvent, b: FoundEvent) -> bool:
    """One speech act told twice in a sentence, once by its author and once by whom it
    is about ("Panama has been slammed …, according to a 2014 report from the IMF"):
    one names only actors, the other none."""
    def actors_only(e: FoundEvent) -> bool:
        return bool(e.participants) and all(r == "actor" for r, _ in e.participants)

    def no_actor(e: FoundEvent) -> bool:
        return bool(e.participants) and not any(r == "actor" for r, _ in e.participants)

    return actors_only(a) and no_actor(b) or actors_only(b) and no_actor(a)


def _fold_in_sentence(twin: FoundEvent, event: FoundEvent) -> None:
    _add_participants(twin, event, lambda p: (p[1].kind, p[1].ref.name))
    if twin.place is None and event.place is not None:
        twin.place, twin.place_inferred = event.place, event.place_inferred
    if twin.modality == "asserted":  # one occurrence, stated with a hedge once: hedged
        twin.modality = event.modality
    if twin.date is None and event.date is not None:
        twin.date, twin.precision, twin.date_inferred = event.date, event.precision, event.date_inferred


# ---------------------------------------------------------------- one article
def merge_coreferent_events(events: list[Event], within: dict[Ref, Ref] | None = None) -> list[Event]:
    """One event per occurrence: an article that states the same occurrence in several
    sentences ("gunmen killed Veras" … "the killing of Veras" … "Veras' murder") gets
    one event with every sentence as evidence. Two events are the same occurrence when
    they have the same type and modality (a fact stated once as a fact and once hedged is
    a fact), named participants of which one set holds the
    other (a victim named as the target of a noun counts as the same role), and no
    conflicting place or date. Events with no named participant are never merged: two
    unnamed arrests may be two arrests.

    >>> from crimegraph.model import Evidence
    >>> veras = Ref("Leo Veras", "person")
    >>> a = Event("killing", participants=[("victim", veras)], evidence=[Evidence("k", 0, 9, "s1")])
    >>> b = Event("killing", participants=[("target", veras)], date=PartialDate(2020, 2, 12), evidence=[Evidence("k", 20, 29, "s2")])
    >>> [(str(e.date), len(e.evidence)) for e in merge_coreferent_events([a, b])]
    [('2020-02-12', 2)]

    ``within`` maps a place to the place that holds it (a city to its country): a place
    within the other is no conflict, and the merged event keeps the finer one.
    """
    inside = within or {}
    return merge(events, lambda a, b: _same_occurrence(a, b, inside), lambda a, b: _fold_occurrence(a, b, inside))


def _holds(outer: Ref, inner: Ref, within: dict[Ref, Ref]) -> bool:
    """Whether place ``inner`` lies within place ``outer``."""
    seen = set()
    while inner in within and inner not in seen:
        seen.add(inner)
        inner = within[inner]
        if inner == outer:
            return True
    return False


@cache
def _occurrence() -> dict[str, Any]:
    return load("events")["same_occurrence"]


def _fold_occurrence(twin: Event, event: Event, within: dict[Ref, Ref]) -> None:
    if _occurrence()["part_of"].get(twin.type) == event.type:
        twin.type = event.type  # the attack told first was the killing
    _add_participants(twin, event, _participant_key)
    if twin.place is None or event.place is not None and (
            _holds(twin.place, event.place, within) or twin.place_inferred == "paragraph" and not event.place_inferred):
        twin.place, twin.place_inferred = event.place, event.place_inferred
    elif event.place == twin.place and not event.place_inferred:
        twin.place_inferred = None  # the same place, stated in the event's own clause once
    if _better_date(event, twin):
        twin.date, twin.precision, twin.date_inferred = event.date, event.precision, event.date_inferred
    if event.modality == "asserted":  # stated as a fact once: a fact
        twin.modality = "asserted"
    twin.evidence += [e for e in event.evidence if e not in twin.evidence]
    twin.confidence = max(twin.confidence or 0.0, event.confidence or 0.0)


def _participant_key(participant: tuple[str, Ref]) -> tuple[str, str, str]:
    role, ref = participant
    return (_occurrence()["same_role"].get(role, role), ref.kind, ref.name)


def _better_date(new: Event, old: Event) -> bool:
    """Whether ``new`` dates the occurrence better than ``old``: a date of the event's own
    clause over one inferred from its sentence, else a finer one."""
    if new.date is None:
        return False
    if old.date is None:
        return True
    if (new.date_inferred is None) != (old.date_inferred is None):
        return new.date_inferred is None
    return _refines(new.date, old.date)


def _refines(finer: PartialDate, coarser: PartialDate) -> bool:
    """Whether ``finer`` lies within ``coarser`` (2020-02-12 within 2020-02)."""
    return (finer.year == coarser.year and (coarser.month is None or finer.month == coarser.month)
            and (coarser.day is None or finer.day == coarser.day))


def _same_occurrence(a: Event, b: Event, within: dict[Ref, Ref]) -> bool:
    if not a.participants or not b.participants:
        return False
    part_of = _occurrence()["part_of"]
    if a.type != b.type and part_of.get(a.type) != b.type and part_of.get(b.type) != a.type:
        return False
    if a.modality != b.modality and {a.modality, b.modality} != {"asserted", "reported"}:
        return False
    mine, theirs = {_participant_key(p) for p in a.participants}, {_participant_key(p) for p in b.participants}
    if a.type != b.type:  # an attack on the whole's victims, by no one else
        part, whole = (mine, theirs) if part_of.get(a.type) == b.type else (theirs, mine)
        if not (part <= whole and any(role == "target" for role, _, _ in part)):
            return False
    elif not (mine <= theirs or theirs <= mine):
        return False
    if a.place is not None and b.place is not None and a.place != b.place \
            and "paragraph" not in (a.place_inferred, b.place_inferred) \
            and not _holds(a.place, b.place, within) and not _holds(b.place, a.place, within):
        return False
    if a.type in _occurrence()["speech_acts"] and (a.date is None or a.date != b.date):
        return False  # a body says or publishes many things: the same one only on the same day
    if a.date is not None and b.date is not None and not (a.date_inferred or b.date_inferred) \
            and not (_refines(a.date, b.date) or _refines(b.date, a.date)):
        return False  # a date inferred from a sentence is no conflict
    return True
