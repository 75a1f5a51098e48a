"""People the text names by their alias.

"The Navy captured alias “Nilo,” a leader of the ELN", "capturaron a alias “Coronel”":
no name of the person comes before the alias marker, so the nickname after it is the
only name the text gives them — a person, whatever NER took it for ("El Gordo" a place).
A name right before the marker that NER missed or took for a body ("Yeison Segura Mina,
alias “Don Y,”") is a person's, and the nickname theirs.
:func:`crimegraph.extract.mentions.nicknames` reads the aliases of people NER found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.gazetteer import Known
from crimegraph.extract.mention_table import Found, MentionTable, remove
from crimegraph.extract.names import QUOTE_MARKS, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crimegraph.extract.mentions import Memory

__all__ = ["bare_aliases"]

_STOPS = (",", ".", ";", ":", ")", "(")


def bare_aliases(doc: Doc, table: MentionTable, memory: Memory, markers: frozenset[str]) -> dict[str, Known]:
    """The people named only by an alias (see the module docs): each added to the table
    at its alias; returned by name, so that later mentions of it name them too.
    ``markers`` are the words that introduce an alias ("alias", "aka")."""
    people: dict[str, Known] = {}
    text = doc_text(doc).lower()
    if not any(marker in text for marker in markers):
        return people  # (most docs: no token to look at)
    for token in doc:
        if token.lower_ not in markers:
            continue
        before = token.i - 1  # "José Arrigui, alias …": the nickname of a person named in full
        while before >= 0 and token.i - before <= 5 and (doc[before].text in QUOTE_MARKS or doc[before].text in (",", "N")):
            before -= 1
        named = table.at(before) if before >= 0 else None
        if named is not None and (named.known.kind == "person" or named.known.shipped or named.end != before + 1):
            continue  # (a person's nickname: mentions.nicknames)
        first = before + 1  # "Yeison Segura Mina, alias “Don Y,”": a name NER missed or took for a body
        if named is not None:
            first = named.start
        else:
            while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper() \
                    and first - 1 not in table.by_token and not doc[first].is_sent_start:
                first -= 1
        i = token.i + 1
        while i < len(doc) and doc[i].text in QUOTE_MARKS:
            i += 1
        quoted = i > token.i + 1
        start = i
        while i < len(doc) and i - start < 4 and doc[i].text not in QUOTE_MARKS and doc[i].text not in _STOPS \
                and (quoted or doc[i].text[:1].isupper()):
            i += 1
        words = doc[start:i].text.split()
        if not words or not (words[-1][:1].isupper() or words[-1][:1].isdigit()) \
                or any(f.known.kind == "person" for f in table.within(start, i)):
            continue
        name = " ".join(words)
        for found in table.within(start, i):
            remove(table, found)  # "alias 'El Gordo'" NER took for a place
        if first <= before:
            if named is not None:
                remove(table, named)
            known = memory.person(doc[first:before + 1].text)
            table.add(Found(first, before + 1, known, 0.7, "nickname"))
            if memory.claim(known, name) and name not in known.record.aliases:
                known.record.aliases.append(name)
        else:
            known = memory.person(name)
        table.add(Found(start, i, known, 0.75, "nickname"))
        people[name] = known
    return people
