"""Names of armed groups' units: capitalised words ending in a unit head word
("Western War Front", "the FARC's 29th Front") or a head word and its number ("Front 37",
"Estructura 48"); ``unit_heads`` in ``data/lexicon/en/names.yaml``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crimegraph.extract.lexicon import word_set
from crimegraph.extract.mention_table import Found, MentionTable, remove
from crimegraph.extract.names import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crimegraph.extract.mentions import Memory

__all__ = ["unit_names"]

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")


def unit_names(doc: Doc, table: MentionTable, memory: Memory, excluded: set[int]) -> None:
    """Capitalised words ending in a unit head word name a group: "Western War Front",
    "the FARC's 29th Front", "the Norte Del Valle Cartel" (whose first words NER took for
    a person's name, and whose head word alone for an organization); so does a head word
    with its number ("Front 37", "Estructura 48")."""
    text = doc_text(doc)
    if not any(head in text for head in word_set("names", "unit_heads")):
        return
    for token in doc:
        if token.text not in word_set("names", "unit_heads") or token.i in excluded:
            continue
        taken: list[Found] = []
        head = table.at(token.i)
        start = token.i
        if head is not None:
            if head.source != "ner" or head.known.shipped or head.end != token.i + 1:
                continue
            if head.known.kind == "person":  # "Norte Del Valle Cartel" as a person's name
                start = head.start
            elif head.start != token.i:
                continue
            taken.append(head)  # a bare "Front": the name is longer
        while start > 0 and start > token.i - 6 and (head is None or head.known.kind != "person"):
            before = doc[start - 1]
            found = table.at(before.i)
            if found is not None:
                if found.source == "ner" and found.known.kind == "person" and not found.known.shipped \
                        and found.end == start and found.start > token.i - 6:
                    taken.append(found)  # "Norte Del" (a person, says NER) + "Valle Cartel"
                    start = found.start
                    continue
                break
            if before.is_sent_start and not before.text[:1].isupper():
                break
            if _ORDINAL.match(before.text):
                start -= 1  # "29th Front": an ordinal opens the name
                break
            if before.text[:1].isupper() and before.pos_ == "PROPN" or (
                    before.lower_ in word_set("names", "particles") and start - 2 >= 0 and doc[start - 2].text[:1].isupper()):
                start -= 1
            else:
                break
        while start < token.i and doc[start].lower_ in word_set("names", "particles"):
            start += 1
        end = token.i + 1
        if end < len(doc) and doc[end].text.isdigit() and end not in table.by_token:
            end += 1  # "Front 37", "Estructura 48": the head, then its number
        if end == token.i + 1 and start == token.i or excluded.intersection(range(start, end)):
            continue  # a bare "Front" is no name
        for found in taken:
            remove(table, found)
        text = doc[start:end].text
        table.add(Found(start, end, memory.organization(text), 0.7, "pattern"))
