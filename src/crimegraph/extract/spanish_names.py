"""Spanish names the model mislabels, told by what the sentence does with them: a name
of several proper nouns that acts or is acted on by an event verb is a person, whatever
the model called it (read by :mod:`crimegraph.extract.spanish`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc


def acting_name(ent: Any) -> bool:
    """A name of several capitalised proper nouns the model calls MISC, neither known nor a
    place nor headed by a body's word, that is the subject of an event or speech verb or
    its object after the personal "a", or the subject of a verb whose object is an event
    noun, is a person ("Guzmán Loera ordenó el asesinato …")."""
    from crimegraph.extract.spanish_lexicon import lemma_of, lexicon

    if len(ent) < 2 or any(t.pos_ != "PROPN" or not t.text[:1].isupper() or not t.is_alpha for t in ent):
        return False
    head = ent.root
    if head.dep_ in ("obj", "iobj", "obl", "nmod"):
        if not any(c.dep_ == "case" and c.lower_ in ("a", "al") for c in head.children):
            return False
    elif head.dep_ not in ("nsubj", "nsubj:pass"):
        return False
    verb = head.head
    lemma = lemma_of(verb)
    return verb.pos_ in ("VERB", "AUX") and (lemma in lexicon().verbs or lemma in lexicon().speech or any(
        c.dep_ == "obj" and c.lemma_.lower() in lexicon().nouns for c in verb.children))  # "ordenó el asesinato"


def unknown_place_acting(doc: Doc, found: Any) -> bool:
    """"Según la Fiscalía, Caro Quintero asesinó a …": a name of several proper nouns the
    model calls a place the packages do not know, which is the subject of an event verb,
    is a person (a place kills, arrests or is convicted of nothing)."""
    from crimegraph.extract.spanish_lexicon import lemma_of, lexicon

    if found.known.kind != "place" or found.end - found.start < 2 or found.source != "ner" \
            or any(t.pos_ != "PROPN" for t in doc[found.start:found.end]):
        return False
    head = next((t for t in doc[found.start:found.end] if not found.start <= t.head.i < found.end), None)
    return head is not None and head.dep_ in ("nsubj", "nsubj:pass") and head.head.pos_ == "VERB" \
        and lemma_of(head.head) in lexicon().verbs
