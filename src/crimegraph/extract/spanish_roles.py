"""Titles of office next to a person's name in Spanish, as dated roles (the titles of
``data/lexicon/es/roles.yaml``, written with the same canonical titles as English).

"el gobernador de Sinaloa, Rubén Rocha Moya" and "Rubén Rocha Moya, gobernador de
Sinaloa" → Governor, jurisdiction Sinaloa, held on the publication date; "el exalcalde
de Celaya Juan Pérez" → Mayor of Celaya, ended before it; "El Tony, líder de La Unión
Tepito" → leader of La Unión Tepito.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from crimegraph.extract.mentions import Found, MentionTable
from crimegraph.extract.roles import FoundRole, Title, titles
from crimegraph.model import PartialDate, Ref, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def spanish_titles() -> tuple[list[Title], frozenset[str]]:
    return titles("es")


@cache
def _first_words() -> frozenset[str]:
    known, _ = spanish_titles()
    return frozenset(t.words[0] for t in known)


def _may_open_title(word: str) -> bool:
    """A quick test: the word opens a title, is "ex" or a title with "ex" in front."""
    _, former_words = spanish_titles()
    if word in _first_words() or word in former_words:
        return True
    return any(word.startswith(p) and word[len(p):].lstrip("-") in _first_words() for p in former_words)


def _title_at(doc: Doc, i: int, end: int) -> tuple[Title, int, bool] | None:
    """A title starting at token ``i`` (before ``end``): (title, the token after it,
    former). "ex" may stand before it or be its prefix ("exgobernador", "ex-alcalde")."""
    known, former_words = spanish_titles()
    if i >= end or not _may_open_title(doc[i].lower_):
        return None
    former = False
    if i < end and doc[i].lower_ in former_words:
        former, i = True, i + 1
        if i < end and doc[i].text == "-":
            i += 1
    for title in known:
        words = [t.lower_ for t in doc[i: i + len(title.words)]]
        if not words:
            continue
        first = words[0]
        for prefix in former_words:
            for joined in (prefix, prefix + "-"):
                if first.startswith(joined) and first[len(joined):] == title.words[0]:
                    words[0], former = title.words[0], True
        if tuple(words) == title.words:
            return title, i + len(title.words), former
    return None


def _qualifier(doc: Doc, i: int, end: int, table: MentionTable, scope: str) -> Found | None:
    """The place or organization of "de <X>" right after a title."""
    if i < end and doc[i].lower_ in ("de", "del") and i + 1 < end:
        for j in range(i + 1, min(i + 4, end)):
            mention = table.at(j)
            if mention is not None:
                wanted = ("organization",) if scope == "organization" else ("place", "organization")
                return mention if mention.known.kind in wanted else None
            if doc[j].text in (",", ".", ";"):
                return None
    return None


def _hit(doc: Doc, person: Found, sentence: Span, table: MentionTable) -> tuple[tuple[Title, int, bool], int] | None:
    """The title next to a name: ((title, token after it, former), its first token)."""
    # "…, gobernador de Sinaloa": the title after the name and a comma
    if person.end < sentence.end and doc[person.end].text == ",":
        i = person.end + 1
        while i < sentence.end and doc[i].lower_ in ("el", "la", "presunto", "presunta", "actual"):
            i += 1
        title = _title_at(doc, i, sentence.end)
        if title is not None:
            return title, i
    # "el gobernador de Sinaloa, Rubén Rocha Moya" / "el exalcalde Juan Pérez"
    for start in range(max(sentence.start, person.start - 7), person.start):
        title = _title_at(doc, start, person.start)
        if title is None:
            continue
        after = title[1]
        qualifier = _qualifier(doc, after, person.start, table, title[0].scope)
        rest = qualifier.end if qualifier is not None else after
        if rest < person.start and doc[rest].text == ",":
            rest += 1
        if rest == person.start:
            return title, start
    return None


def titled(doc: Doc, found: Found, sentence: Span, table: MentionTable) -> bool:
    """Whether a name stands next to a title of office (so names a person)."""
    return _hit(doc, found, sentence, table) is not None


def find_spanish_roles(doc: Doc, sentence: Span, mentions: list[Found], table: MentionTable,
                       published: PartialDate | None) -> list[FoundRole]:
    """The roles one Spanish sentence states; ``mentions`` are the sentence's mentions."""
    found: list[FoundRole] = []
    for person in (m for m in mentions if m.known.kind == "person"):
        hit = _hit(doc, person, sentence, table)
        if hit is None:
            continue
        (title, after, former), start = hit
        qualifier = _qualifier(doc, after, sentence.end, table, title.scope)
        if title.scope == "organization" and qualifier is None:
            continue  # "líder", "director" alone say too little
        organization: Ref | None = None
        jurisdiction: Ref | None = None
        if qualifier is not None:
            if qualifier.known.kind == "organization":
                organization = qualifier.known.ref
            else:
                jurisdiction = qualifier.known.ref
        role = Role(title=title.title, organization=organization, jurisdiction=jurisdiction)
        if published is not None:
            if former:
                role.ended_before = published
            else:
                role.held_on = published
        found.append(FoundRole(person.known, role, min(start, person.start), qualifier is not None))
    return found
