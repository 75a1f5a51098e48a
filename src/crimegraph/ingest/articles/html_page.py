"""The ``html`` reader: an article page read by trafilatura (see :mod:`crimegraph.ingest.articles`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crimegraph.errors import CrimegraphError, InputError, InputWarning, Location
from crimegraph.ingest.articles.common import (
    MAX_META_LINE,
    PUBLISHER,
    _is,
    _parse_date,
    _parse_meta_line,
    _read_one_page,
    country_refs,
    furniture,
    split_authors,
)
from crimegraph.ingest.language import detect_language
from crimegraph.ingest.registry import register_source
from crimegraph.iri import canonical_url
from crimegraph.model import Article, Origin, PartialDate, normalize_text

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
    if url is not None:
        try:
            url = canonical_url(url)
        except InputError as exc:
            raise InputError(f"the page's canonical URL: {exc.message}", Location(file=name)) from None
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
    text = normalize_text("\n\n".join(body))
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
            key=None,  # a page has no id of its own; the IRI is article_key's (its canonical URL)
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
