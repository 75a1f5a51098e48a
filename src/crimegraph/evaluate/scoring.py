"""Counting matches into figures, and scoring a whole run.

The ``score_*`` functions count; :class:`Counts` turns counts into figures (precision,
recall, F1, type, date and modality accuracy); :func:`targets` checks the targets.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from crimegraph.evaluate.gold import GoldArticle, GoldEntity, fold
from crimegraph.evaluate.matching import (
    SystemEntity,
    SystemEvent,
    _Squeezed,
    baseline_entities,
    coarse_type,
    event_matches,
    fine_type,
    place_keys,
    system_entities,
    system_events,
)
from crimegraph.model import Article

#: The targets of issue 3, checked on the gold standard.
TARGET_ENTITY_F1 = 0.85
TARGET_EVENT_RECALL = 0.6
TARGET_EVENT_PRECISION = 0.7

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
    placed: int = 0  # matched gold events with a place
    place_correct: int = 0
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
    def place_accuracy(self) -> float | None:
        return self._ratio(self.place_correct, self.placed)

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
        if event.place is not None:
            counts.placed += 1
            counts.place_correct += found.place is not None and bool(place_keys(article, event.place) & found.place)
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
            "place_accuracy": r(counts.place_accuracy),
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

