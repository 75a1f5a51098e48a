"""What the article readers share: InSight Crime's site furniture (the patterns of
``data/ingest/insightcrime.yaml``, loaded by :mod:`crimegraph.ingest.furniture`), the
metadata line, authors, countries from tags, keys, and reading a file that holds one
article."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from crimegraph.errors import CrimegraphError, InputError, InputWarning, Location
from crimegraph.ingest import geo
from crimegraph.ingest.files import decode_utf8, display_name, read_bytes
# the site furniture has one loader, shared with the extractor (re-exported for the readers)
from crimegraph.ingest.furniture import furniture  # noqa: F401
from crimegraph.ingest.furniture import is_furniture as _is  # noqa: F401
from crimegraph.ingest.language import language_problem
from crimegraph.iri import normalize_name
from crimegraph.model import Article, PartialDate, Ref

PUBLISHER = "InSight Crime"

# --------------------------------------------------------------------------- metadata helpers

_MONTHS = {
    # English and Spanish abbreviations as the site prints them
    "jan": 1, "ene": 1, "feb": 2, "mar": 3, "apr": 4, "abr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "ago": 8, "sep": 9, "sept": 9, "set": 9, "oct": 10, "nov": 11,
    "dec": 12, "dic": 12,
}  # fmt: skip
_META_LINE = re.compile(
    r"^(?P<topics>[^/]+(?:/[^/]+)*?)\s+/\s+(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]{3,4})\.?\s+(?P<year>\d{4})"
    r"(?:\s+(?:BY|POR)\s+(?P<authors>.*?))?\s*$",
    re.IGNORECASE,
)
_LANGUAGE_MARKER = re.compile(r"\s+(?P<lang>EN|ES|PT)$")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\by\b)\s*", re.IGNORECASE)
#: A metadata line is short; longer lines are not even tried.
MAX_META_LINE = 300
_ACRONYM = re.compile(r"^[A-Z0-9]{2,4}$")


def split_authors(text: str | None) -> list[str]:
    """Author names from a byline: "A and B", "A, B and C", "A y B" → a list.

    >>> split_authors("Parker Asmann, Mónica Betancur and Marcela Zuñiga")
    ['Parker Asmann', 'Mónica Betancur', 'Marcela Zuñiga']
    >>> split_authors("Maria Alejandra Navarrete*")
    ['Maria Alejandra Navarrete']
    """
    if not text:
        return []
    names = []
    for name in _AUTHOR_SEPARATOR.split(text):
        name = " ".join(name.strip(" *†").split())
        if name and name not in names:
            names.append(name)
    return names


def _name_case(text: str) -> str:
    """An upper-case name as the site prints it in the metadata line, in name case."""
    if text.casefold() == PUBLISHER.casefold():
        return PUBLISHER
    if not text.isupper():
        return text
    return " ".join(w if _ACRONYM.match(w) and not w.isalpha() else w.title() for w in text.split())


def _topic_case(text: str) -> str:
    words = text.split()
    return " ".join(w if _ACRONYM.match(w) and (len(words) == 1 or not w.isalpha()) else w.title() for w in words)


@cache
def _spanish_country_names() -> dict[str, str]:
    """Spanish country names (pycountry's own ISO 3166 translations) → ISO code."""
    import gettext

    import pycountry

    try:
        spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    except OSError:  # pragma: no cover - pycountry ships its locales
        return {}
    names: dict[str, str] = {}
    for found in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            english = getattr(found, attribute, None)
            if english:
                names.setdefault(normalize_name(spanish.gettext(english)), found.alpha_2)
    return names


def country_refs(tags: Iterable[str]) -> list[Ref]:
    """The tags that name a country, as place references, in English or Spanish
    ("México" → Mexico). ISO codes are not taken: "PCC" or "ELN" are tags, not codes."""
    refs: list[Ref] = []
    seen: set[str] = set()
    for tag in tags:
        if len(tag) <= 3:
            continue
        name = tag
        found = geo.country(tag)
        if found is None:
            code = _spanish_country_names().get(normalize_name(tag))
            found = geo.country(code) if code else None
            name = found.name if found else tag
        if found is not None and found.iso2 not in seen:
            seen.add(found.iso2)
            refs.append(Ref(name, "place"))
    return refs


def _parse_date(text: str | None) -> PartialDate | None:
    if not text:
        return None
    match = re.match(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)", str(text))
    if not match:
        raise InputError(f"malformed date {text!r}: allowed are YYYY, YYYY-MM and YYYY-MM-DD")
    return PartialDate.parse(match.group(1))


def _reject_url(path: Path | str) -> None:
    text = str(path)
    # one slash is enough: a command line's path type may have folded "https://" already
    if re.match(r"^[a-z][a-z0-9+.-]+:/", text, re.IGNORECASE):
        raise InputError(
            "is a URL; crimegraph never fetches anything: save the page and give the file",
            Location(file=text),
        )


def _language_warnings(article: Article, location: Location) -> list[InputWarning]:
    problem = language_problem(article.language)
    return [InputWarning(problem, location)] if problem else []


def _read_text(path: Path | str, what: str) -> tuple[str, str]:
    _reject_url(path)
    name = display_name(path)
    text = decode_utf8(read_bytes(path), name, what)
    if not text.strip():
        raise InputError(f"empty file: no {what}", Location(file=name))
    return name, text

def _parse_meta_line(line: str) -> tuple[PartialDate, list[str], list[str], str | None] | None:
    match = _META_LINE.match(line) if len(line) <= MAX_META_LINE else None
    if not match:
        return None
    month = _MONTHS.get(match["month"].casefold())
    if month is None:
        return None
    try:
        date = PartialDate.parse(f"{match['year']}-{month:02d}-{int(match['day']):02d}")
    except InputError:
        return None
    authors_text = match["authors"] or ""
    language = None
    marker = _LANGUAGE_MARKER.search(authors_text)
    if marker:
        language = marker["lang"].lower()
        authors_text = authors_text[: marker.start()]
    # "BY INSIGHT CRIME" is the newsroom's byline, not a person: the publisher says it
    authors = [n for n in (_name_case(a) for a in split_authors(authors_text)) if n != PUBLISHER]
    topics = [_topic_case(t.strip()) for t in re.split(r"\s*[,/]\s*", match["topics"]) if t.strip()]
    return date, authors, topics, language

def _read_one_page(
    path: Path | str, what: str, parse: Callable[[str, str], tuple[Article, list[InputWarning]]]
) -> Iterator[Article | CrimegraphError]:
    """A file holding one article: its parser's warnings, the language check, the article."""
    name, text = _read_text(path, what)
    article, warnings = parse(text, name)
    yield from warnings
    yield from _language_warnings(article, Location(file=name))
    yield article
