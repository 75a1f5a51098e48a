"""Titles of office next to a person's name, as dated roles.

"Costa Rican President Laura Chinchilla" → President, jurisdiction Costa Rica, held on
the publication date; "ex-President Alfonso Portillo" → President, ended before the
publication date, jurisdiction the only country of the sentence if there is one;
"UNODC executive director Yury Fedotov" → executive director of UNODC.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from crimegraph.extract.gazetteer import Gazetteer, Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mentions import Found, MentionTable
from crimegraph.model import PartialDate, Ref, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]
    title: str
    scope: str


@cache
def titles(language: str = "en") -> tuple[list[Title], frozenset[str]]:
    """Role titles of ``data/lexicon/<language>/roles.yaml``, longest first, and the
    words that mark a role as former."""
    data = load("roles", language=language)
    found = [Title(tuple(k.split()), v["title"], v["scope"]) for k, v in data["titles"].items()]
    found.sort(key=lambda t: -len(t.words))
    return found, frozenset(data["former"])


_POSSESSIVE = ("'s", "’s")


@dataclass
class FoundRole:
    person: Known
    role: Role
    start: int  # first token of the title phrase
    explicit: bool = False  # the organization or jurisdiction is named with the title


def title_before(doc: Doc, end: int) -> tuple[Title, int] | None:
    """A title whose last word is token ``end - 1``: (title, first token); or a title
    with its portfolio after "of"/"for", capitalised ("Deputy Minister of Security Luis
    Suazo": Deputy Minister of Security)."""
    known, _ = titles()
    for title in known:
        start = end - len(title.words)
        if start < 0:
            continue
        words = tuple(t.lower_ for t in doc[start:end])
        if words == title.words:
            first = start  # "deputy security minister": the rank words are part of the title
            while first > 0 and doc[first - 1].lower_ in word_set("roles", "rank_prefixes"):
                first -= 1
            return _ranked(doc, title, first, start), first
    return _title_of_portfolio(doc, end)


def _ranked(doc: Doc, title: Title, first: int, start: int) -> Title:
    """A title with the rank words ``first:start`` before it ("Deputy Security Minister")."""
    if first == start:
        return title
    ranks = " ".join(t.text.capitalize() if title.title[:1].isupper() else t.lower_ for t in doc[first:start])
    return Title(tuple(t.lower_ for t in doc[first:start]) + title.words, f"{ranks} {title.title}", title.scope)


def _title_of_portfolio(doc: Doc, end: int) -> tuple[Title, int] | None:
    """"Minister of Public Security Juan Pérez" → (Minister of Public Security, first
    token): a country's title, then "of" or "for" and up to three capitalised words
    (with "and") right before the name."""
    i = end - 1
    portfolio: list[str] = []
    while i > 0 and len(portfolio) < 4 and (doc[i].text[:1].isupper() or doc[i].lower_ == "and") \
            and doc[i].lower_ not in word_set("names", "title_qualifiers"):
        portfolio.insert(0, doc[i].text)
        i -= 1
    if portfolio and doc[i].lower_ == "the" and i > 1 and doc[i - 1].lower_ in word_set("names", "title_qualifiers"):
        portfolio.insert(0, doc[i].lower_)  # "Minister of the Interior"
        i -= 1
    if not portfolio or not portfolio[-1][:1].isupper() or portfolio[-1].lower() == "and" or i < 1 or doc[i].lower_ not in word_set("names", "title_qualifiers"):
        return None
    hit = title_before(doc, i) if i > 0 else None
    if hit is None or hit[0].scope != "country":
        return None
    title, start = hit
    return Title(title.words, f"{title.title} {doc[i].lower_} {' '.join(portfolio)}", title.scope), start


def find_roles(doc: Doc, sentence: Span, mentions: list[Found], table: MentionTable, gazetteer: Gazetteer,
               published: PartialDate | None) -> list[FoundRole]:
    """The roles stated in one sentence; ``mentions`` are the sentence's mentions."""
    found: list[FoundRole] = []
    people = [f for f in mentions if f.known.kind == "person"]
    if not people:
        return found
    countries = _countries(doc, sentence, mentions, gazetteer)
    for person in people:
        hit = title_before(doc, person.start)
        after = False
        if hit is None:
            hit = _title_after(doc, person, sentence, table)
            after = hit is not None
        if hit is None:
            hit = _apposed_title_before(doc, person, sentence)
        if hit is None:
            continue
        title, start = hit
        j, former, before_qualifier = _former(doc, start, sentence.start, qualified=not after)
        organization: Ref | None = None
        jurisdiction: Ref | None = None
        if not after:
            qualifier = _qualifier(doc, j, table, gazetteer)
            former = former or (qualifier is not None and before_qualifier)  # "former Honduran President"
        else:
            before_title = table.at(start)  # "X, a former DIPANDA advisor"
            qualifier = before_title.known if before_title is not None and before_title.known.kind == "organization" \
                else _qualifier_after(doc, start + len(title.words), sentence, table)
        if qualifier is not None:
            if qualifier.kind == "organization":
                organization = qualifier.ref
            elif qualifier.kind == "place":
                jurisdiction = qualifier.ref
        explicit = qualifier is not None
        if jurisdiction is None and organization is None and title.scope == "country" and len(countries) == 1:
            jurisdiction = next(iter(countries.values())).ref
        if title.scope == "organization" and organization is None and jurisdiction is None:
            continue  # "leader", "director" alone say too little
        role = Role(title=title.title, organization=organization, jurisdiction=jurisdiction)
        if published is not None:
            if former:
                role.ended_before = published
            else:
                role.held_on = published
        found.append(FoundRole(person.known, role, min(start, person.start), explicit))
    return found


def _apposed_title_before(doc: Doc, person: Found, sentence: Span) -> tuple[Title, int] | None:
    """"Ecuador’s interior minister, Patricio Carrillo, said": a title set off by a comma
    right before the name, itself opened by a possessive or an article (not a list's
    item: "the mayor, the governor and …")."""
    comma = person.start - 1
    if comma <= sentence.start or doc[comma].text != "," or \
            (person.end < sentence.end and doc[person.end].text not in (",", ".", ";", "said", "says")):
        return None
    hit = title_before(doc, comma)
    if hit is None:
        return None
    title, start = hit
    opener = doc[start - 1].lower_ if start > sentence.start else ""
    return hit if opener in (*_POSSESSIVE, "the", "its", "their") else None


def _former(doc: Doc, title_start: int, first: int, qualified: bool) -> tuple[int, bool, bool]:
    """One scan left from a title for the words that make its role former: right before
    it ("ex-President", "former President", "then-President") or, when a qualifier may
    stand before the title (``qualified``), before up to four capitalised words ("former
    Honduran President"). Returns where the words right before the title end (the
    qualifier is read from there), whether they hold a former word, and whether one
    precedes the capitalised words."""
    _, former_words = titles()
    end = i = title_start - 1
    right_before, capitalised = False, 0
    while i >= first:
        word = doc[i]
        if word.lower_ in former_words:
            if capitalised:
                return end, right_before, True
            right_before = True
        elif not (word.text == "-" and not capitalised):
            if not (qualified and capitalised < 4 and (word.text[:1].isupper() or word.text in _POSSESSIVE)):
                break
            capitalised += 1
        if not capitalised:
            end = i - 1
        i -= 1
    return end, right_before, False


def _countries(doc: Doc, sentence: Span, mentions: list[Found], gazetteer: Gazetteer) -> dict[str, Known]:
    """Countries named in a sentence, by mention or inside organization names such as
    "Commission Against Impunity in Guatemala". Demonyms do not count: "US drug
    trafficking investigations" says nothing of whose president is meant."""
    found: dict[str, Known] = {}
    span = doc[sentence.start:sentence.end]
    for token in span:
        if not token.text[:1].isupper() or len(token.text) <= 3 or _attributive(doc, token.i, token.i + 1):
            continue
        known = gazetteer.lookup(token.text)
        if known is not None and known.kind == "place" and known.record.kind == "country":
            found[known.ref.name] = known
    for mention in mentions:
        if mention.known.kind == "place" and mention.known.record.kind == "country" \
                and not _attributive(doc, mention.start, mention.end):
            found[mention.known.ref.name] = mention.known
    return found


def _attributive(doc: Doc, start: int, end: int) -> bool:
    """A country named as a modifier of a common noun ("convicted on US drug charges"):
    it says nothing of whose office a title in the sentence is."""
    token = doc[end - 1]
    head = token.head
    return token.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN" \
        and not start <= head.i < end and head.lower_ not in {w for t in titles()[0] for w in t.words}


def _qualifier(doc: Doc, j: int, table: MentionTable, gazetteer: Gazetteer) -> Known | None:
    """The organization or place right before a title ("UNODC", "Costa Rican")."""
    if j < 0:
        return None
    if doc[j].text in _POSSESSIVE and j > 0:
        j -= 1
    if doc[j].text == ")":  # "United Nations Office on Drugs and Crime (UNODC) executive director"
        mention = table.at(j - 1)
        if mention is not None and mention.known.kind == "organization":
            return mention.known
    mention = table.at(j)
    if mention is not None and mention.known.kind in ("organization", "place"):
        return mention.known
    for size in (2, 1):  # demonyms of one or two words
        if j - size + 1 < 0:
            continue
        words = doc[j - size + 1: j + 1].text
        match = gazetteer.demonym_country.get(words)
        if match is not None:
            return Known(match.record, match.ref)
    return None


def _title_after(doc: Doc, person: Found, sentence: Span, table: MentionTable) -> tuple[Title, int] | None:
    """"Yury Fedotov, the executive director of UNODC" / "Ernst, senior analyst for
    Mexico at the International Crisis Group" / "Mario Bosos, a former DIPANDA advisor":
    (title, its first token; the organization's first token when it comes first)."""
    i = person.end
    if i >= sentence.end or doc[i].text != ",":
        return None
    i += 1
    while i < sentence.end and doc[i].lower_ in word_set("names", "before_title"):
        i += 1
    known, _ = titles()
    first = i
    while i < sentence.end and doc[i].lower_ in word_set("roles", "rank_prefixes"):
        i += 1  # "the deputy security minister": rank words, then a title
    for at in (i, first) if i > first else (i,):
        for title in known:
            words = tuple(t.lower_ for t in doc[at: at + len(title.words)])
            if words == title.words:
                return _ranked(doc, title, first, at), first
    body = table.at(i)
    if body is not None and body.start == i and body.known.kind == "organization":
        for title in known:
            if tuple(t.lower_ for t in doc[body.end: body.end + len(title.words)]) == title.words:
                return title, i
    return None


def _qualifier_after(doc: Doc, i: int, sentence: Span, table: MentionTable) -> Known | None:
    """The organization after "of/at/for" following a title, skipping a few words."""
    for j in range(i, min(i + 6, sentence.end)):
        if doc[j].lower_ in word_set("names", "title_qualifiers") and j + 1 < sentence.end:
            for k in range(j + 1, min(j + 4, sentence.end)):
                mention = table.at(k)
                if mention is not None and mention.known.kind == "organization":
                    return mention.known
            # "head of the country’s anti-gang police (DIPANDA)": the body the phrase names
            for k in range(j + 2, min(j + 12, sentence.end)):
                if doc[k - 1].text in (",", ";", ".", ")"):
                    break
                mention = table.at(k)
                if mention is not None and mention.known.kind == "organization" and doc[k - 1].text == "(":
                    return mention.known
            # "commander of Ecuador’s national police": a country's body named by a common noun
            for k in range(j + 1, min(j + 3, sentence.end)):
                mention = table.at(k)
                if mention is not None and mention.known.kind == "place" and mention.known.record.kind == "country" \
                        and mention.end < sentence.end and doc[mention.end].text in _POSSESSIVE \
                        and _names_state_body(doc, mention.end + 1, sentence):
                    return mention.known
        if doc[j].text in (",", ".", ";"):
            return None
    return None


def _names_state_body(doc: Doc, i: int, sentence: Span) -> bool:
    """Whether the noun phrase from token ``i`` ends in a word of a state's body (places.yaml
    state_words: police, army, navy, ministry …) within three words."""
    for k in range(i, min(i + 3, sentence.end)):
        if doc[k].lower_ in word_set("places", "state_words"):
            return True
        if doc[k].pos_ not in ("ADJ", "PROPN", "NOUN"):
            return False
    return False
