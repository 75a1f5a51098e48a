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


def joined_bodies(doc: Doc, table: Any, memory: Any, headed: Any, kind: Any) -> None:
    """A body's name the model splits at "en" or "y" is one name when the short name in
    parentheses after it gives the initials of the whole ("Fiscalía Especializada | en |
    Materia de Delincuencia Organizada (FEMDO)", "Secretaría de Seguridad | y | Protección
    Ciudadana (SSPC)"), or, at "en", when the second part is a name the model tagged and
    no place ("Fiscalía Especializada en Materia de …" without its acronym); at "de" or
    "del", when the second part is a body too ("Gabinete de Seguridad del Gobierno de México").
    ``headed(text)``: whether a name opens with a body's head word; ``kind(text)`` its kind."""
    from crimegraph.extract.mention_table import remove
    from crimegraph.extract.mentions import Found
    from crimegraph.extract.spanish import replace
    from crimegraph.model import Organization

    for first in list(table.mentions):
        j = first.end
        if first.known.kind != "organization" or first.known.shipped or j + 1 >= len(doc) \
                or doc[j].lower_ not in ("en", "y", "de", "del") or not doc[j + 1].text[:1].isupper() \
                or not headed(doc[first.start:first.end].text):
            continue
        second = table.at(j + 1)
        end = j + 1
        of = doc[j].lower_ in ("de", "del")
        if of != (second is not None and second.start == j + 1 and not second.known.shipped
                  and second.known.kind == "organization" and headed(doc[second.start:second.end].text)):
            continue  # "Gabinete de Seguridad | del | Gobierno de México": a body of a body is one name
        if of:
            end = second.end
        elif second is not None:
            if second.start != j + 1 or second.known.shipped or second.known.kind == "place" \
                    or headed(doc[second.start:second.end].text):
                continue  # "la Fiscalía y la Marina", "la Fiscalía en Chihuahua": two names
            end = second.end
        else:
            while end < len(doc) and end - j < 6 and (doc[end].text[:1].isupper() and doc[end].is_alpha
                                                      or doc[end].lower_ in ("de", "del") and end + 1 < len(doc)
                                                      and doc[end + 1].text[:1].isupper()):
                end += 1
            if end == j + 1:
                continue
        acronym = doc[end + 1].text if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" else ""
        initials = "".join(t.text[0] for t in doc[first.start:end] if t.text[:1].isupper())
        if not (acronym and acronym.upper() == initials.upper()) and not (doc[j].lower_ == "en" and second is not None) \
                and not of:
            continue
        parts = {id(f.known) for f in table.within(first.start, end)}
        for found in table.within(first.start, end):
            remove(table, found)
        name = doc[first.start:end].text
        whole = memory.organization(name, kind(name))
        table.add(Found(first.start, end, whole, 0.7, "pattern"))
        for found in list(table.mentions):  # "(FEMDO)", read as the short name of a part
            if id(found.known) in parts:
                replace(table, found, whole)
        record = whole.record
        if acronym and isinstance(record, Organization) and acronym not in record.aliases:
            record.aliases.append(acronym)
    table.sort()


def quoted_initials(doc: Doc, table: Any, memory: Any) -> None:
    """A person's name followed by a quoted initial ("Héctor “L”") takes it in."""
    from crimegraph.extract.mention_table import remove
    from crimegraph.extract.mentions import Found
    from crimegraph.extract.spanish import _QUOTE_TOKENS as QUOTE_TOKENS

    for found in list(table.mentions):
        if found.known.kind == "person" and not found.known.shipped and found.end < len(doc) \
                and doc[found.end].text in QUOTE_TOKENS and _quoted_initial(doc, found.end) \
                and not any(table.at(i) is not None for i in range(found.end, found.end + 3)):
            remove(table, found)
            table.add(Found(found.start, found.end + 3, memory.person(doc[found.start:found.end + 3].text),
                            found.confidence, found.source))
    table.sort()


def _quoted_initial(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a quoted initial ("Héctor “L”", Mexican style for a
    surname given by its initial), not the "N" of a withheld surname (``withheld_surnames``)."""
    from crimegraph.extract.spanish import _QUOTE_TOKENS, _entities_lexicon

    return i + 2 < len(doc) and doc[i + 2].text in _QUOTE_TOKENS and len(doc[i + 1].text) == 1 \
        and doc[i + 1].text.isupper() and doc[i + 1].text not in _entities_lexicon()["withheld"]
