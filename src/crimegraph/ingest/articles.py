"""News articles to :class:`~crimegraph.model.Article`: page text, scraped JSON Lines, HTML.

Three readers, registered as input sources (the names are ``convert --from`` values):

``text``
    Page text as saved from InSight Crime (``.txt``): breadcrumb, section ("BRIEF"),
    title, a metadata line ``MEXICO / 16 OCT 2012 BY INSIGHT CRIME EN``, the body, then
    site furniture and teasers of other articles, which are cut off (the markers are
    data: ``data/ingest/insightcrime.yaml``). The key is ``insightcrime-<date>-<slug of
    title>`` (``insightcrime-2012-10-16-unodc-to-set-up-liaison-office-in-mexico``): it
    comes from what the page says, so the same article saved twice, under any file
    name, gets the same IRI. The byline "BY INSIGHT CRIME" names the newsroom, not a
    person: such an article has no authors, and InSight Crime as its publisher.
    A page without a recognisable metadata line is still read, with a warning: its
    title is the first line, its key the slug of the title, and it has no date,
    authors, publisher or countries.

``insightcrime-jsonl``
    One scraped article a line (``id, url, title, date, author, type, tags, content``),
    as in ``../shared/corpus/insightcrime-2020-dev.jsonl``. The content breaks a line
    at every link; :func:`rejoin_lines` puts such sentences back together, and the
    share rows, "SEE ALSO" links, image credits, comment form and reuse notice are
    dropped. The key is the record ``id``. A bad line is a :class:`RecordError` naming
    file and line; the other lines are still read. ``.jsonl`` files whose first record
    looks like this are recognised without ``--from``.

``html``
    An article page (``.html``), read by trafilatura: main text and metadata (title,
    date, authors, canonical URL). The page is handed over as a string, so nothing is
    fetched; scripts, styles, navigation and footers do not reach the text. The key is
    the canonical URL when the page has one, else as for ``text``.

Every article's language is detected from its text (:mod:`crimegraph.ingest.language`);
an article in a language the extraction is not made for (or whose language cannot be
told) is converted with a warning naming file and line.
An article without a date is converted without one: the extractor then cannot resolve
relative dates ("last week") in it. Empty articles, binary files and invalid UTF-8 are
errors naming the file (and line and column), never crashes.

>>> rejoin_lines(["It rose, according to the most", "recent report", "by MAAP", ".", "Next one."])
['It rose, according to the most recent report by MAAP.', 'Next one.']
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from crimegraph.ingest import geo
from crimegraph.errors import (
    CrimegraphError,
    InputError,
    InputWarning,
    Location,
    RecordError,
)
from crimegraph.ingest.files import decode_utf8, display_name, in_window, read_bytes
from crimegraph.ingest.language import detect_language, language_problem
from crimegraph.iri import normalize_name, slug
from crimegraph.model import Article, Origin, PartialDate, Ref
from crimegraph.ingest.registry import register_sniffer, register_source

PUBLISHER = "InSight Crime"
BOILERPLATE_FILE = "insightcrime.yaml"

#: Lines longer than this are article text, never furniture: the furniture patterns are
#: not even tried on them (which also keeps a 10 MB one-line article linear).
MAX_FURNITURE_LINE = 400

# --------------------------------------------------------------------------- furniture


@dataclass(frozen=True)
class Furniture:
    """The compiled patterns of ``data/ingest/insightcrime.yaml``."""

    page_end: tuple[re.Pattern[str], ...]
    share: re.Pattern[str]
    end: tuple[re.Pattern[str], ...]
    see_also: re.Pattern[str]
    see_also_colon: re.Pattern[str]
    drop: tuple[re.Pattern[str], ...]
    headings: tuple[re.Pattern[str], ...]
    sentence_openers: tuple[str, ...]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def furniture() -> Furniture:
    from crimegraph.resources import resource_dir

    path = resource_dir("data") / "ingest" / BOILERPLATE_FILE
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    scrape = data["scrape"]
    return Furniture(
        page_end=tuple(_compile(p) for p in data["page_end"]),
        share=_compile(scrape["share"]),
        end=tuple(_compile(p) for p in scrape["end"]),
        see_also=_compile(scrape["see_also"]),
        see_also_colon=_compile(scrape["see_also_colon"]),
        drop=tuple(_compile(p) for p in scrape["drop"]),
        headings=tuple(_compile(p) for p in data["headings"]),
        sentence_openers=tuple(data["sentence_openers"]),
    )


def _is(line: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    return len(line) <= MAX_FURNITURE_LINE and any(p.fullmatch(line) for p in patterns)


# --------------------------------------------------------------------------- rejoining

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A line starting with one of these continues the line before: punctuation that closes
# a clause or a bracket, or a possessive that followed a link.
_CONTINUES = re.compile(r"^(?:[,.;:!?…)\]}%”’»]|'s\b|’s\b)")
_INNER_COLON = re.compile(r":\s+\S")
_OPENS = ("(", "[", "{", "“", "‘", "«", "¿", "¡", "/")
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to by for from with and or but as than that which who whom whose "
    "its their his her our your this these those is are was were be been has have had "
    "el la los las de del en y o por para con que un una".split()
)


def _looks_like_heading(line: str) -> bool:
    """A short title-case line with no final punctuation: "InSight Crime Analysis",
    "Caracas, Venezuela: 76 per 100,000" — not "In February, El Salvador’s"."""
    words = line.split()
    if not 1 <= len(words) <= 12 or len(line) > 100:
        return False
    last = words[-1].rstrip(",;:").casefold()
    if line.endswith((",", ";", "-", "–", "—")) or last in _FUNCTION_WORDS:
        return False
    if last.endswith(("'s", "’s", "s'", "s’")):
        return False
    long_words = [w for w in words if len(w.strip("“”\"'(),:;")) > 3]
    return all(w.strip("“”\"'(")[:1].isupper() or w[:1].isdigit() for w in long_words)


def _opens_sentence(line: str, openers: tuple[str, ...]) -> bool:
    return any(line.startswith(word) and line[len(word) : len(word) + 1] in (" ", ",") for word in openers)


def _continues(
    previous: str,
    line: str,
    starts_paragraph: bool,
    headings: tuple[re.Pattern[str], ...],
    openers: tuple[str, ...],
) -> bool:
    """Whether ``line`` goes on the sentence of ``previous`` (a break at a link) rather
    than starting a new paragraph."""
    if _CONTINUES.match(line) or line[:1].islower():
        return True
    if _SENTENCE_END.search(previous) or _opens_sentence(line, openers):
        return False
    if not starts_paragraph:
        return True
    if _is(previous, headings):
        return False
    # A heading is followed by a paragraph; a link inside a sentence by a short piece
    # ("After" / "Guacho’s killing" / "by the Colombian military …").
    opens = line[:1].isupper() or line[:1].isdigit() or line[:1] in "“\"¿¡"
    # "Caracas, Venezuela: 76 per 100,000" is a heading whatever follows it
    substantial = len(line) >= 40 or bool(_SENTENCE_END.search(line)) or bool(_INNER_COLON.search(previous))
    return not (opens and substantial and len(previous.split()) >= 2 and _looks_like_heading(previous))


def _glue(previous: str, line: str) -> str:
    """The separator between two pieces of one paragraph."""
    if _CONTINUES.match(line):
        return ""
    if previous.endswith(_OPENS):
        return ""
    return " "


def rejoin_lines(
    lines: Iterable[str],
    headings: Iterable[re.Pattern[str]] = (),
    sentence_openers: Iterable[str] = (),
) -> list[str]:
    """Paragraphs from lines that were broken at every link of a web page.

    A line that does not end a sentence, followed by one that goes on with it, is joined
    to it with a space (no space before "," "." ")" …); a sentence end, or a short
    title-case heading followed by a paragraph, ends a paragraph, and so does a line
    matching one of ``headings`` or an empty line; a line starting with one of
    ``sentence_openers`` ("However", "While" …) starts one. One pass, each line looked
    at once: linear in the size of the text.
    """
    known_headings = tuple(headings)
    openers = tuple(sentence_openers)
    paragraphs: list[str] = []
    parts: list[str] = []
    previous = ""
    for raw in lines:
        line = " ".join(raw.split())  # also folds no-break spaces and tabs
        if not line:
            if parts:
                paragraphs.append("".join(parts))
                parts = []
            continue
        if parts and _continues(previous, line, len(parts) == 1, known_headings, openers):
            parts.append(_glue(previous, line))
            parts.append(line)
            previous = line
            continue
        if parts:
            paragraphs.append("".join(parts))
        parts = [line]
        previous = line
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs


# --------------------------------------------------------------------------- scrape cleaning


def clean_scraped(content: str) -> str:
    """The article text of a scraped InSight Crime record: the body between the share
    rows, without "SEE ALSO" links, image credits, comment form and reuse notice, its
    link-broken sentences rejoined, paragraphs separated by an empty line."""
    marks = furniture()
    lines = content.splitlines()
    stripped = [" ".join(line.split()) for line in lines]
    shares = [i for i, line in enumerate(stripped) if len(line) < 20 and marks.share.fullmatch(line)]
    start = shares[0] + 1 if shares else 0  # above the first share row: the top image's caption
    stop = shares[-1] if len(shares) > 1 else len(lines)
    for i in range(start, stop):
        if _is(stripped[i], marks.end):
            stop = i
            break
    kept: list[str] = []
    i = start
    while i < stop:
        line = stripped[i]
        if _is(line, (marks.see_also,)):
            i += 1
            if i < stop and marks.see_also_colon.fullmatch(stripped[i]):
                i += 1
            while i < stop and not stripped[i]:
                i += 1
            i += 1  # the linked title of another article
            continue
        if _is(line, marks.drop) or (len(line) < 20 and marks.share.fullmatch(line)):
            # a credit split over lines at its link: "(Graphic c/o", "Tax Justice Network", ")"
            if line.count("(") > line.count(")"):
                j = i + 1
                while j < min(stop, i + 4) and ")" not in stripped[j]:
                    j += 1
                if j < min(stop, i + 4):
                    i = j
            i += 1
            continue
        kept.append(line)
        i += 1
    return "\n\n".join(rejoin_lines(kept, marks.headings, marks.sentence_openers))


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


def _content_key(title: str, date: PartialDate | None, prefix: str = "") -> str:
    return slug(" ".join(str(part) for part in (prefix, date, title) if part))


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


# --------------------------------------------------------------------------- page text


@dataclass
class PageMetadata:
    title: str
    section: str | None
    date: PartialDate | None
    authors: list[str]
    topics: list[str]
    language_hint: str | None


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


def parse_page_text(text: str, name: str) -> tuple[Article, list[InputWarning]]:
    """An article from InSight Crime page text; warnings for what could not be found."""
    warnings: list[InputWarning] = []
    lines = [" ".join(line.split()) for line in text.splitlines()]
    filled = [i for i, line in enumerate(lines) if line]
    meta_at = None
    parsed = None
    for position, i in enumerate(filled[:20]):
        if _is(lines[i], furniture().page_end):
            break  # what follows are teasers of other articles, with their own dates
        parsed = _parse_meta_line(lines[i])
        if parsed:
            meta_at = position
            break
    if meta_at is not None and parsed is not None and meta_at >= 1:
        date, authors, topics, language = parsed
        title = lines[filled[meta_at - 1]]
        section = None
        if meta_at >= 2:
            above = lines[filled[meta_at - 2]]
            if len(above.split()) <= 3 and above.isupper():
                section = above.title()
        body_from = filled[meta_at] + 1
    else:
        warnings.append(
            InputWarning(
                "no metadata line like 'MEXICO / 16 OCT 2012 BY AUTHOR' found: converted with the "
                "first line as title and no date, authors or countries",
                Location(file=name),
            )
        )
        date, authors, topics, language, section = None, [], [], None, None
        title = lines[filled[0]]
        body_from = filled[0] + 1
    ends = furniture().page_end
    body: list[str] = []
    for line in lines[body_from:]:
        if _is(line, ends):
            break
        if line:
            body.append(line)
    if not body:
        raise InputError("no article text after the title and metadata", Location(file=name))
    article_text = "\n\n".join(body)
    countries = country_refs(topics)
    article = Article(
        title=title,
        key=_content_key(title, date, "insightcrime" if meta_at is not None else ""),
        date=date,
        authors=authors,
        publisher=PUBLISHER if meta_at is not None else None,
        language=detect_language(article_text, hint=language),
        section=section,
        tags=topics,
        countries=countries,
        text=article_text,
        origin=Origin(file=name, line=1),
    )
    return article, warnings


def _read_one_page(
    path: Path | str, what: str, parse: Callable[[str, str], tuple[Article, list[InputWarning]]]
) -> Iterator[Article | CrimegraphError]:
    """A file holding one article: its parser's warnings, the language check, the article."""
    name, text = _read_text(path, what)
    article, warnings = parse(text, name)
    yield from warnings
    yield from _language_warnings(article, Location(file=name))
    yield article


@register_source("text")
def read_page_text(path: Path | str) -> Iterator[Article | CrimegraphError]:
    """Read one saved InSight Crime page (see the module docs)."""
    yield from _read_one_page(path, "article text", parse_page_text)


# --------------------------------------------------------------------------- scraped JSON Lines

SCRAPE_REQUIRED = ("title", "content")


def scraped_article(data: Any, location: Location) -> Article:
    """An article from one scraped record (raises RecordError)."""
    if not isinstance(data, dict):
        raise RecordError(f"an article record must be an object, found {type(data).__name__}", location)

    def at(field: str) -> Location:
        return Location(file=location.file, line=location.line, record=location.record, field=field)

    for field in SCRAPE_REQUIRED:
        value = data.get(field)
        if value is None:
            raise RecordError("required field is missing", at(field))
        if not isinstance(value, str):
            raise RecordError(f"must be text, found {type(value).__name__}", at(field))
    title = " ".join(data["title"].split())
    if not title:
        raise RecordError("empty title", at("title"))
    text = clean_scraped(data["content"])
    if not text.strip():
        raise RecordError("empty content: no article text", at("content"))
    try:
        date = _parse_date(data.get("date"))
    except InputError as exc:
        raise RecordError(exc.message, at("date")) from None
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise RecordError("must be a list of texts", at("tags"))
    tags = [" ".join(t.split()) for t in tags if t.strip()]
    author = data.get("author") or data.get("authors")
    authors = [a for item in (author if isinstance(author, list) else [author]) for a in split_authors(item)]
    url = data.get("url") or None
    host = (urlsplit(url).hostname or "") if url else ""
    key = data.get("id")
    return Article(
        title=title,
        key=str(key) if key not in (None, "") else (url or _content_key(title, date)),
        url=url,
        date=date,
        authors=authors,
        publisher=PUBLISHER,
        language=detect_language(text, hint="es" if host.startswith("es.") else None),
        section=(" ".join(str(data["type"]).split()) or None) if data.get("type") else None,
        tags=tags,
        countries=country_refs(tags),
        text=text,
        origin=Origin(file=location.file or "", line=location.line, record=location.record),
    )


@register_source("insightcrime-jsonl")
def read_scraped_jsonl(path: Path | str) -> Iterator[Article | CrimegraphError]:
    """Read scraped InSight Crime articles, one JSON object a line."""
    name, text = _read_text(path, "article records")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or not in_window(path, number):
            continue
        location = Location(file=name, line=number)
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(f"not valid JSON: {exc.msg}", Location(file=name, line=number, column=exc.colno))
            continue
        except RecursionError:
            yield RecordError("JSON nested too deeply", location)
            continue
        try:
            article = scraped_article(data, location)
        except RecordError as exc:
            yield exc
            continue
        yield from _language_warnings(article, location)
        yield article


RECORD_TYPES = ("article", "event", "organization", "person", "place")
SNIFF_LINES = 5
SNIFF_LINE_BYTES = 64 * 1024 * 1024


@register_sniffer
def sniff_scraped_jsonl(path: Path | str, fmt: str | None) -> str | None:
    """``insightcrime-jsonl`` for a ``.jsonl`` file whose first readable record has a
    title and content and no record ``type`` (article, event, …) of the record format."""
    if fmt != "jsonl" or str(path) == "-":
        return None
    try:
        with open(path, "rb") as fh:
            for _ in range(SNIFF_LINES):
                raw = fh.readline(SNIFF_LINE_BYTES)
                if not raw:
                    return None
                try:
                    data = json.loads(raw)
                except (ValueError, RecursionError):
                    continue
                if not isinstance(data, dict):
                    return None
                if data.get("type") in RECORD_TYPES:
                    return None
                return "insightcrime-jsonl" if "content" in data and "title" in data else None
    except OSError:
        return None  # the reader reports it
    return None


# --------------------------------------------------------------------------- HTML


#: Pages larger than this are read by trafilatura's fast mode (no fallback extractors):
#: a 10 MB page then takes seconds, not a minute.
FAST_HTML_CHARS = 1_000_000


@dataclass
class PageDeclarations:
    """What an HTML page says about itself, beside its main text."""

    language: str | None = None
    date: PartialDate | None = None
    # the InSight Crime metadata line, when the page shows one: date, authors, topics
    meta_line: tuple[PartialDate, list[str], list[str], str | None] | None = None
    meta_text: str | None = None


_HAS_YEAR = re.compile(r"/.*\b\d{4}\b")
_INLINE_TAGS = frozenset({"a", "span", "strong", "em", "b", "i", "time", "abbr", "small"})


def _page_declarations(html: str, url: str | None) -> PageDeclarations:
    """The page's language (``<html lang>``), publication date, and metadata line.

    The date comes from htmldate run on the page's metadata only (``<meta>``, canonical
    link, ``<time>``, JSON-LD), never on its running text: a date the article *mentions*
    is not the date it was published, and guessing one would shift every relative date
    the extractor resolves against it.
    """
    import lxml.html
    from htmldate import find_date
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return PageDeclarations()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        found = root.xpath("//meta[@http-equiv='content-language' or @name='language']/@content")
        lang = found[0] if found else None
    head = root.xpath("//meta | //link[@rel='canonical']")
    body = root.xpath("//time | //script[@type='application/ld+json']")

    def markup(elements: list[Any]) -> str:
        return "".join(lxml.html.tostring(e, encoding="unicode", with_tail=False) for e in elements)

    view = lxml.html.document_fromstring(f"<html><head>{markup(head)}</head><body><p>-</p>{markup(body)}</body></html>")
    try:
        found_date = find_date(view, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        found_date = None
    try:
        date = _parse_date(found_date)
    except InputError:
        date = None
    # "HONDURAS / 4 MAR 2020 BY JANE EXAMPLE", often with links inside: the element
    # around the text that holds " / <date>", if it is short
    meta_line = None
    seen: set[int] = set()
    for node in root.xpath("//body//text()[contains(., ' / ')]"):
        if len(node) > MAX_META_LINE:
            continue
        parent = node.getparent()  # of a tail text: the element before it, climbed over below
        while parent is not None and parent.tag in _INLINE_TAGS:
            parent = parent.getparent()
        if parent is None or id(parent) in seen:
            continue
        seen.add(id(parent))
        whole = " ".join(parent.text_content().split())
        meta_line = _parse_meta_line(whole) if _HAS_YEAR.search(whole) else None
        if meta_line:
            break
    return PageDeclarations((lang.split(",")[0].strip() if lang else None), date, meta_line,
                            whole if meta_line else None)


def parse_html(html: str, name: str) -> tuple[Article, list[InputWarning]]:
    """An article from an HTML page, by trafilatura (nothing is fetched)."""
    import trafilatura

    warnings: list[InputWarning] = []
    if "<" not in html:
        raise InputError("not HTML: no markup at all", Location(file=name))
    document = trafilatura.bare_extraction(
        html,  # a string of markup: trafilatura parses it, it never downloads
        fast=len(html) > FAST_HTML_CHARS,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if document is None or not (document.text or "").strip():
        raise InputError("no article text found in the page", Location(file=name))
    title = " ".join((document.title or "").split())
    url = document.url if document.url and re.match(r"^https?://", document.url) else None
    page = _page_declarations(html, url)
    lines = [" ".join(line.split()) for line in document.text.splitlines()]
    lines = [line for line in lines if line]
    # the headline again (the page's <h1>) and the metadata line are not article text;
    # on small pages trafilatura may run them into the first paragraph
    for repeated in (title, page.meta_text):
        if repeated and lines and lines[0][: len(repeated)].casefold() == repeated.casefold():
            lines[0] = lines[0][len(repeated) :].strip()
            lines = [line for line in lines if line]
    if not title:
        if not lines:
            raise InputError("no article text found in the page", Location(file=name))
        title = lines[0]
        warnings.append(InputWarning("the page has no title: the first line of its text is used", Location(file=name)))
    marks = furniture()
    body = [line for line in lines if not _is(line, marks.drop)]
    if not body:
        raise InputError("no article text found in the page (only its title)", Location(file=name))
    text = "\n\n".join(body)
    date = page.date
    authors = [a for part in (document.author or "").split(";") for a in split_authors(part)]
    sitename = " ".join((document.sitename or "").split()) or None
    publisher = PUBLISHER if (url and "insightcrime.org" in (urlsplit(url).hostname or "")) else sitename
    tags = [t for t in (document.tags or []) if t.strip()]
    language_hint = page.language or document.language
    if page.meta_line:  # an InSight Crime page: its metadata line fills what is missing
        meta_date, meta_authors, topics, meta_language = page.meta_line
        date = date or meta_date
        authors = authors or meta_authors
        tags = tags or topics
        language_hint = language_hint or meta_language
        publisher = publisher or PUBLISHER
    return (
        Article(
            title=title,
            key=url or _content_key(title, date),
            url=url,
            date=date,
            authors=authors,
            publisher=publisher,
            language=detect_language(text, hint=language_hint),
            section=(document.categories or [None])[0],
            tags=tags,
            countries=country_refs(tags),
            text=text,
            origin=Origin(file=name, line=1),
        ),
        warnings,
    )


@register_source("html")
def read_html(path: Path | str) -> Iterator[Article | CrimegraphError]:
    """Read one article page saved as HTML."""
    yield from _read_one_page(path, "HTML", parse_html)


__all__ = [
    "clean_scraped",
    "detect_language",
    "parse_html",
    "parse_page_text",
    "read_html",
    "read_page_text",
    "read_scraped_jsonl",
    "rejoin_lines",
    "scraped_article",
    "split_authors",
]
