"""Places of headlines and short reports: "They kill a man in the Cuauhtémoc
neighborhood", "… shot to death in Taxco", "They execute a shopkeeper in Apaseo el Alto".

NER types many Mexican town and neighbourhood names in a headline as people or
organizations ("Taxco", "Zihuatanejo", "Playas de Tijuana") or misses them ("Apaseo el
Alto", "Mission of Hope"), and the article names no country that would let the
gazetteer's cities be taken. In a short text (``short_report`` sentences,
``data/lexicon/en/violence.yaml``, as :mod:`crimegraph.extract.violence`):

* a capitalised name followed by a word of ``place_words_after`` ("the Rosales
  neighborhood") or after one of ``place_words_before`` ("Colonia Obrera") is a place
  within a town;
* a capitalised name that is the object of ``place_prepositions`` ("in Taxco", "at …")
  and that NER took for a person or an organization, or missed, is a place: one the
  resolver knows (a city of GeoNames, a state, a country), else a place without
  identifiers — unless the text is title-cased ("… Buried in Mass Graves in Celaya"),
  where capitals say nothing. Names the gazetteer
  knows, and organizations whose head word says what kind of body they are ("… Cartel"),
  stay what they are.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mention_table import Found, MentionTable, remove
from crimegraph.extract.mentions import Memory, organization_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crimegraph.extract.places import PlaceResolver

__all__ = ["headline_places"]


@cache
def _words() -> dict[str, Any]:
    return load("violence")


@cache
def _particles() -> frozenset[str]:
    return frozenset(load("names")["particles"])


def headline_places(doc: Doc, table: MentionTable, places: PlaceResolver, memory: Memory) -> None:
    """Retype or add the places of a short text (see the module docs) in ``table``."""
    if sum(1 for _ in doc.sents) > _words()["short_report"]:
        return
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    title_case = bool(words) and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)
    for start, end in _capitalised_runs(doc):
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        marked = after is not None and after.lower_ in word_set("violence", "place_words_after") \
            or before is not None and before.lower_ in word_set("violence", "place_words_before")
        if not marked and (title_case or not _after_place_preposition(doc, start)):  # "… Buried in Mass Graves"
            continue
        inside = table.within(start, end)
        if any(f.source == "gazetteer" or f.known.shipped or f.known.kind == "place" for f in inside):
            continue
        text = doc[start:end].text
        if any(f.known.kind == "organization" and organization_kind(text) != "organization" for f in inside):
            continue  # "the Sinaloa Cartel": a body, wherever it is
        match = None if marked else places.resolve(text, table.countries)
        known = Known(match.record, match.ref) if match is not None else memory.place(text)
        for found in inside:
            remove(table, found)
        table.add(Found(start, end, known, 0.6, "headline-place"))
    table.sort()


def _capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of capitalised words, with the particles inside a name ("Apaseo el Alto",
    "Mission of Hope" — "of" counts only between capitalised words)."""
    runs = []
    i = 0
    while i < len(doc):
        if not _capital(doc[i]):
            i += 1
            continue
        start = end = i
        while end < len(doc):
            if _capital(doc[end]):
                end += 1
            elif (doc[end].lower_ in _particles() or doc[end].lower_ == "of") and end + 1 < len(doc) \
                    and _capital(doc[end + 1]):
                end += 1
            else:
                break
        runs.append((start, end))
        i = end
    return runs


def _capital(token) -> bool:
    """A capitalised word that may be part of a name: not a date's ("In January 2019, …")."""
    return token.text[:1].isupper() and token.is_alpha and not token.is_sent_start \
        and token.ent_type_ not in _DATE_LABELS


_DATE_LABELS = frozenset({"DATE", "TIME"})


def _after_place_preposition(doc: Doc, start: int) -> bool:
    """The run follows a place preposition, directly or after "the"."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in word_set("violence", "place_prepositions")
