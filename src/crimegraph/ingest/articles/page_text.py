"""The ``text`` reader: page text as saved from InSight Crime (see :mod:`crimegraph.ingest.articles`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crimegraph.errors import CrimegraphError, InputError, InputWarning, Location
from crimegraph.ingest.articles.common import (
    PUBLISHER,
    _is,
    _parse_meta_line,
    _read_one_page,
    country_refs,
    furniture,
)
from crimegraph.ingest.language import detect_language
from crimegraph.ingest.registry import register_source
from crimegraph.model import Article, Origin, normalize_text

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
    article_text = normalize_text("\n\n".join(body))
    countries = country_refs(topics)
    article = Article(
        title=title,
        key=None,  # a saved page has no id of its own; the IRI is article_key's
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


@register_source("text")
def read_page_text(path: Path | str) -> Iterator[Article | CrimegraphError]:
    """Read one saved InSight Crime page (see the module docs)."""
    yield from _read_one_page(path, "article text", parse_page_text)
