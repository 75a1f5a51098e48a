"""Scoring extraction against the hand-made gold standard in ``data/gold/``.

Plain functions over plain data, in three modules re-exported here:
:mod:`~crimegraph.evaluate.gold` loads gold files (checked against
``schema/gold.schema.json``) into :class:`GoldArticle` and reads the articles they
annotate; :mod:`~crimegraph.evaluate.matching` reduces what a system found to
:class:`SystemEntity` and :class:`SystemEvent` (from the model objects an extractor
returns, or from bare spaCy NER for the baseline) and matches them;
:mod:`~crimegraph.evaluate.scoring` counts (the ``score_*`` functions) and
:class:`Counts` turns counts into figures.

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

from crimegraph.evaluate.gold import (
    FINE_TYPES,
    MODALITIES,
    PARTICIPANT_FIELDS,
    PRECISIONS,
    SOURCES,
    GoldArticle,
    GoldEntity,
    GoldError,
    GoldEvent,
    fold,
    gold_schema,
    load_gold,
    load_gold_file,
    read_articles,
)
from crimegraph.evaluate.matching import (
    BASELINE_LABELS,
    COARSE_TYPES,
    Span,
    SystemEntity,
    SystemEvent,
    baseline_entities,
    coarse_type,
    entity_of,
    event_matches,
    fine_type,
    gazetteer_registry,
    squeeze,
    system_entities,
    system_events,
)
from crimegraph.evaluate.scoring import (
    TARGET_ENTITY_F1,
    TARGET_EVENT_PRECISION,
    TARGET_EVENT_RECALL,
    ArticleScore,
    Counts,
    SystemScore,
    Target,
    counts_as_dict,
    score_article,
    score_as_dict,
    score_baseline,
    score_entities,
    score_events,
    score_system,
    targets,
)

__all__ = [
    "BASELINE_LABELS", "COARSE_TYPES", "FINE_TYPES", "MODALITIES", "PARTICIPANT_FIELDS", "PRECISIONS", "SOURCES",
    "TARGET_ENTITY_F1", "TARGET_EVENT_PRECISION", "TARGET_EVENT_RECALL",
    "ArticleScore", "Counts", "GoldArticle", "GoldEntity", "GoldError", "GoldEvent", "Span",
    "SystemEntity", "SystemEvent", "SystemScore", "Target",
    "baseline_entities", "coarse_type", "counts_as_dict", "entity_of", "event_matches", "fine_type",
    "fold", "gazetteer_registry", "gold_schema", "load_gold", "load_gold_file", "read_articles",
    "score_article", "score_as_dict", "score_baseline", "score_entities", "score_events",
    "score_system", "squeeze", "system_entities", "system_events", "targets",
]
