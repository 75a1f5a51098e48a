"""The ``insightcrime-jsonl`` reader: scraped InSight Crime articles, one JSON object a
line, streamed by the JSON Lines reader of :mod:`crimegraph.ingest.records` (see
:mod:`crimegraph.ingest.articles`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crimegraph.errors import CrimegraphError, InputError, Location, RecordError
from crimegraph.ingest.articles.common import (
    PUBLISHER,
    _is,
    _language_warnings,
    _parse_date,
    _reject_url,
    country_refs,
    furniture,
    split_authors,
)
from crimegraph.ingest.language import detect_language
from crimegraph.ingest.records import read_jsonl
from crimegraph.ingest.registry import register_sniffer, register_source
from crimegraph.iri import canonical_url
from crimegraph.model import Article, Origin, normalize_text

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
    text = normalize_text(clean_scraped(data["content"]))
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
    if url is not None:
        if not isinstance(url, str):
            raise RecordError(f"must be text (the article's web address), found {type(url).__name__}", at("url"))
        try:
            url = canonical_url(url)
        except InputError as exc:
            raise RecordError(exc.message, at("url")) from None
    host = (urlsplit(url).hostname or "") if url else ""
    key = data.get("id")
    return Article(
        title=title,
        key=str(key) if key not in (None, "") else None,  # the scrape's own id; the IRI is article_key's
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
    """Read scraped InSight Crime articles, one JSON object a line, streamed: memory stays
    flat however long the file (:func:`crimegraph.ingest.records.read_jsonl`)."""
    _reject_url(path)
    for item in read_jsonl(path):
        if isinstance(item, RecordError):
            yield item
            continue
        location = item.location
        try:
            article = scraped_article(item.data, location)
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
