"""The mentions of a doc as a table: which tokens name which entity.

:class:`Found` is one mention, :class:`MentionTable` all of a doc's, with the
countries the doc names (they settle ambiguous states and cities). Filled by
:func:`crimegraph.extract.mentions.find_mentions`, read by every later step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crimegraph.extract.gazetteer import Known

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Found:
    """A mention: tokens ``start:end`` of the doc name ``known``."""

    start: int
    end: int
    known: Known
    confidence: float
    source: str  # gazetteer, ner, acronym, short-name


@dataclass
class MentionTable:
    mentions: list[Found] = field(default_factory=list)
    by_token: dict[int, Found] = field(default_factory=dict)
    #: countries named in the doc (ISO codes), for resolving states and cities
    countries: set[str] = field(default_factory=set)

    def add(self, found: Found) -> None:
        if any(i in self.by_token for i in range(found.start, found.end)):
            return
        self.mentions.append(found)
        for i in range(found.start, found.end):
            self.by_token[i] = found

    def at(self, index: int) -> Found | None:
        return self.by_token.get(index)

    def within(self, start: int, end: int) -> list[Found]:
        """The distinct mentions with a token in ``start:end``, in token order."""
        found: dict[int, Found] = {}
        for i in range(start, end):
            mention = self.by_token.get(i)
            if mention is not None:
                found.setdefault(id(mention), mention)
        return list(found.values())

    def sort(self) -> None:
        self.mentions.sort(key=lambda f: f.start)


def occurrences(doc: Doc, name: str) -> list[tuple[int, int]]:
    """Token bounds of every occurrence of ``name`` as whole tokens ("CRAC-PF" is three)."""
    found = []
    for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            found.append((span.start, span.end))
    return found


def remove(table: MentionTable, found: Found) -> None:
    table.mentions = [f for f in table.mentions if f is not found]
    for i in range(found.start, found.end):
        if table.by_token.get(i) is found:
            del table.by_token[i]


def replace_occurrences(doc: Doc, table: MentionTable, name: str, known: Known, confidence: float, source: str,
                        keep_same: bool = False) -> None:
    """Every occurrence of ``name`` (an acronym, alias or nickname defined in the text)
    names ``known``: the mentions there give way, unless one is a shipped entity's (or,
    with ``keep_same``, already ``known``'s)."""
    for index, end in occurrences(doc, name):
        current = table.within(index, end)
        if any(f.known.shipped or keep_same and f.known is known for f in current):
            continue
        for found in current:
            remove(table, found)
        table.add(Found(index, end, known, confidence, source))
