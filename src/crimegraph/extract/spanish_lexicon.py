"""The Spanish event lexicon (``data/lexicon/es/events.yaml``, ``modality.yaml``,
``dates.yaml``) read once, and the lemma of a token with the conjugated forms of its
triggers (the model mis-lemmatises the capitalised verb that opens a headline)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.lexicon import load
from crimegraph.iri import normalize_name
from crimegraph.vocab import event_types

if TYPE_CHECKING:
    from spacy.tokens import Token

@dataclass(frozen=True)
class SpanishLexicon:
    verbs: dict[str, dict[str, Any]]
    nouns: dict[str, str]
    forms: dict[str, str]  # conjugated form → lemma (triggers, death and speech verbs)
    clash_markers: frozenset[str]
    death_words: frozenset[str]
    death_verbs: frozenset[str]
    causes: frozenset[str]
    subsumed: dict[str, str]
    periods: frozenset[str]
    totals: frozenset[str]
    quantifiers: frozenset[str]
    speech: frozenset[str]
    speaker_back: frozenset[str]
    negated: frozenset[str]
    hypothetical: frozenset[str]
    reported: frozenset[str]
    days_back: dict[str, int]
    past: frozenset[str]
    past_periods: dict[str, str]
    range_words: frozenset[str]
    order_heads: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    undergoers: frozenset[str]
    receiving: dict[str, dict[str, str]]
    legal_types: frozenset[str]
    joint_nouns: frozenset[str]
    warrant_heads: frozenset[str]
    warrant_executions: frozenset[str]
    senders: frozenset[str]
    command_nouns: frozenset[str]
    back_reference: frozenset[str]
    definite: frozenset[str]
    rate_words: frozenset[str]
    rate_periods: frozenset[str]


def _conjugations(lemma: str, endings: dict[str, list[str]]) -> list[str]:
    suffix = lemma[-2:]
    if suffix not in endings:
        return []
    stem = lemma[:-2]
    return [stem + ending for ending in endings[suffix]]


@cache
def lexicon() -> SpanishLexicon:
    events = load("events", language="es")
    known = set(event_types())
    for lemma, entry in events["verbs"].items():
        if entry["type"] not in known:
            raise ValueError(f"data/lexicon/es/events.yaml: {lemma!r} has type {entry['type']!r}, not an event type")
    for lemma, etype in [*events["nouns"].items(), *((k, v) for m in events["receiving_verbs"].values() for k, v in m.items())]:
        if etype not in known:
            raise ValueError(f"data/lexicon/es/events.yaml: {lemma!r} has type {etype!r}, not an event type")
    forms: dict[str, str] = {}
    endings = events["endings"]
    verb_like = {**events["verbs"], **events["death_verbs"], **events["aggregate_verbs"],
                 **{v: {} for v in events["speech_verbs"]}, **{v: {} for v in events["receiving_verbs"]}}
    for lemma, entry in verb_like.items():
        for form in [*_conjugations(lemma, endings), *((entry or {}).get("forms") or [])]:
            forms.setdefault(form, lemma)
    dates = load("dates", language="es")
    modality = load("modality", language="es")
    shared = load("dates")
    return SpanishLexicon(
        verbs=events["verbs"],
        nouns=events["nouns"],
        forms=forms,
        clash_markers=frozenset(events["clash_markers"]),
        death_words=frozenset(events["death_words"]),
        death_verbs=frozenset(events["death_verbs"]),
        causes=frozenset(events["killing_causes"]),
        subsumed=dict(events["subsumed"]),
        periods=frozenset(events["aggregate_periods"]),
        totals=frozenset(events["aggregate_verbs"]),
        quantifiers=frozenset(events["period_quantifiers"]),
        speech=frozenset(events["speech_verbs"]),
        speaker_back=frozenset(events["speaker_back_nouns"]),
        negated=frozenset(modality["negated"]["words"]),
        hypothetical=frozenset(modality["hypothetical"]["governors"]),
        reported=frozenset(modality["reported"]["words"]),
        days_back={str(k): int(v) for k, v in dates["days_back"].items()},
        past=frozenset(dates["past_markers"]),
        past_periods={str(k): str(v) for k, v in dates["periods"].items()},
        range_words=frozenset(dates["range_words"]),
        order_heads=frozenset(modality["hypothetical"]["heads"]),
        months={normalize_name(str(k)): int(v) for k, v in shared["months"].items()},
        weekdays={normalize_name(str(k)): int(v) for k, v in shared["weekdays"].items()},
        undergoers=frozenset(events["undergoer_nouns"]),
        receiving={str(verb): {str(k): str(v) for k, v in objects.items()} for verb, objects in events["receiving_verbs"].items()},
        legal_types=frozenset(events["legal_types"]),
        joint_nouns=frozenset(events["joint_nouns"]),
        warrant_heads=frozenset(events["warrant_heads"]),
        warrant_executions=frozenset(events["warrant_executions"]),
        senders=frozenset(events["sender_prepositions"]),
        command_nouns=frozenset(events["command_nouns"]),
        back_reference=frozenset(events["back_reference"]),
        definite=frozenset(events["definite_articles"]),
        rate_words=frozenset(events["rate_words"]),
        rate_periods=frozenset(events["rate_periods"]),
    )


@cache
def verb_endings() -> dict[str, list[str]]:
    """Regular endings by infinitive ending: {"ar": ["o", "a", "an", …], …}."""
    return {k: list(v) for k, v in load("events", language="es")["endings"].items()}


def lemma_of(token: Token) -> str:
    """The lemma, or the lemma a known conjugated form belongs to ("Asesinan" →
    asesinar, which the model lemmatises as a name)."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    if lemma in lex.verbs or lemma in lex.nouns or lemma in lex.death_verbs or lemma in lex.speech:
        return lemma
    return lex.forms.get(token.lower_, lemma)
