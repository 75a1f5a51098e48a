"""State bodies named in full once and then by their bare name.

"the National Police of Colombia" is one body, though the gazetteer has already taken
"Colombia" inside it (:func:`body_of_country`); "the Army" after "the Colombian Army",
"National Police" after "the National Police of Colombia" name that body again
(:func:`short_body_names`), as "Portillo" names "Alfonso Portillo".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mention_table import Found, MentionTable, remove
from crimegraph.extract.names import doc_text
from crimegraph.model import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crimegraph.extract.mentions import Memory

__all__ = ["body_of_country", "country_anaphors", "possessed_bodies", "short_body_names", "state_word_after"]


def _country(found: Found | None) -> bool:
    return found is not None and isinstance(found.known.record, Place) and found.known.record.kind == "country"


def body_of_country(doc: Doc, start: int, end: int, table: MentionTable) -> bool:
    """Whether the name ``start:end`` (an ORG of NER) is a state body "of" the country
    the table has already found at its end ("the National Police of Colombia"): then the
    country's mention gives way to the body's. The words before "of" are capitalised and
    end in a noun of an institution or of the state's people."""
    last = table.at(end - 1)
    if not _country(last) or last.end != end or last.start - 1 <= start or doc[last.start - 1].lower_ != "of":
        return False
    head = doc[last.start - 2]
    words = doc[start:last.start - 1]
    if any(t.i in table.by_token for t in words) or not all(t.text[:1].isupper() or t.lower_ in ("of", "the", "and")
                                                             for t in words):
        return False
    if head.lemma_.lower() not in word_set("arguments", "institution_nouns") and head.lemma_.lower() not in word_set("places", "state_words"):
        return False
    remove(table, last)
    return True


def possessed_bodies(doc: Doc, table: MentionTable, memory: Memory) -> None:
    """"Mexico's defense ministry said", "Paraguay's national police": a country's body
    named by lower-case words after its possessive (``possessed_body_words`` then one of
    ``possessed_body_nouns``, ``organizations.yaml``) is that state body ("Defense
    Ministry of Mexico"), not the country, which keeps its own mention. Not when the
    head noun modifies another ("Brazil's deadliest police raid"), nor a capitalised
    name ("Brazil's Federal Police": NER's)."""
    words, heads = word_set("organizations", "possessed_body_words"), word_set("organizations", "possessed_body_nouns")
    for found in list(table.mentions):
        i = found.end
        if not _country(found) or i + 2 >= len(doc) or doc[i].text not in word_set("names", "possessive_marks"):
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and doc[j].is_lower and doc[j].text in words:
            j += 1
        if j == i + 1 or j >= len(doc) or doc[j].text not in heads or doc[j].dep_ == "compound" \
                or any(k in table.by_token for k in range(i + 1, j + 1)):
            continue
        name = f"{' '.join(t.text.capitalize() for t in doc[i + 1:j + 1])} of {found.known.record.name}"
        body = memory.organization(name, "government-body")
        if getattr(body.record, "country", None) is None:
            body.record.country = found.known.ref
        table.add(Found(i + 1, j + 1, body, 0.7, "possessed"))


def short_body_names(doc: Doc, table: MentionTable) -> None:
    """A body's bare name ("the Army", "National Police") names the one body of the
    article whose full name is it after a demonym ("the Colombian Army") or before "of"
    and a name ("the National Police of Colombia"); when two bodies have the bare name
    ("the Ministry" after the Ministries of Defense and of the Interior), neither."""
    demonyms = load("places")["demonyms"]
    full: dict[str, dict[int, Known]] = {}
    for found in table.mentions:
        record = found.known.record
        if found.known.kind != "organization" or getattr(record, "kind", None) != "government-body":
            continue
        words = record.name.split()
        for i in range(1, len(words)):
            if " ".join(words[:i]) in demonyms:  # "Colombian | Army", "Costa Rican | Coast Guard"
                full.setdefault(" ".join(words[i:]), {})[id(found.known)] = found.known
            if words[i] == "of" and i + 1 < len(words) and words[-1][:1].isupper():  # "National Police | of Colombia"
                full.setdefault(" ".join(words[:i]), {})[id(found.known)] = found.known
    if not full:
        return
    for found in list(table.mentions):
        if found.known.shipped or found.known.kind != "organization":
            continue
        start = found.start + 1 if doc[found.start].lower_ == "the" else found.start
        bodies = full.get(doc[start:found.end].text, {})
        if len(bodies) == 1:
            body = next(iter(bodies.values()))
            if body is not found.known:
                remove(table, found)
                table.add(Found(found.start, found.end, body, 0.8, "short-name"))


def state_word_after(doc: Doc, end: int) -> int | None:
    """The state word a demonym ending at ``end`` qualifies: the next word ("Guatemalan
    police"), or one after lower-case modifiers of it ("Costa Rican anti-drug agents",
    "Peruvian national police")."""
    for k in range(end, min(end + 5, len(doc))):
        word = doc[k]
        if word.lower_ in word_set("places", "state_words"):
            return k
        if not (word.text == "-" or word.is_alpha and word.is_lower and word.dep_ in ("amod", "compound", "npadvmod")):
            return None
    return None


def country_anaphors(doc: Doc, table: MentionTable) -> None:
    """"Mexican officials say the country's security forces have captured …": "the
    country" before a possessive and the state's people or a body of it (``state_words``)
    is the last country named before it (a demonym counts), so the forces are that state's."""
    text = doc_text(doc).lower()
    if not any(word in text for word in word_set("places", "country_words")):
        return
    for token in doc[1:-2]:
        if token.lower_ not in word_set("places", "country_words") or doc[token.i - 1].lower_ != "the" \
                or doc[token.i + 1].text not in word_set("names", "possessive_marks") or token.i in table.by_token \
                or state_word_after(doc, token.i + 2) is None:
            continue
        before = [f for f in table.mentions if f.end <= token.i - 1 and _country(f)]
        if before:
            table.add(Found(token.i - 1, token.i + 1, before[-1].known, 0.6, "anaphor"))

