"""Site furniture of InSight Crime pages: the lines that are not article text.

The patterns are data (``data/ingest/insightcrime.yaml``, one loader, read once). The
article readers (:mod:`crimegraph.ingest.articles`) cut a page's furniture off its text;
what stays in the text on purpose — the site's subheadings ("InSight Crime Analysis"),
which are a paragraph of their own — is told apart by :func:`not_text_spans`, so that
the extractor finds no names or events in it, and :func:`body_end` says where a text
that still carries the page's end (a record whose text was copied whole) stops.

>>> text = "Police arrested him.\\nInSight Crime Analysis\\nThe arrest matters."
>>> [text[start:end] for start, end in not_text_spans(text)]
['InSight Crime Analysis']
>>> body_end("One sentence.\\nWas this content helpful?\\nTags")
14
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import yaml

from crimegraph.errors import InputError

FURNITURE_FILE = "insightcrime.yaml"

#: Lines longer than this are article text, never furniture: the furniture patterns are
#: not even tried on them (which also keeps a 10 MB one-line article linear).
MAX_FURNITURE_LINE = 400


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
    not_text: tuple[re.Pattern[str], ...]
    meta: re.Pattern[str]
    not_names: tuple[str, ...]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def furniture() -> Furniture:
    from crimegraph.resources import resource_dir

    path = resource_dir("data") / "ingest" / FURNITURE_FILE
    try:
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
            not_text=tuple(_compile(p) for p in data["not_text"]),
            meta=_compile(data["meta_line"]),
            not_names=tuple(data["not_names"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise InputError(f"the shipped data/ingest/{FURNITURE_FILE} cannot be read: {type(exc).__name__}: {exc}") from None


def is_furniture(line: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    return len(line) <= MAX_FURNITURE_LINE and any(p.fullmatch(line) for p in patterns)


def body_end(text: str) -> int:
    """Where the page's end (share icons, reuse notice, related content) starts in
    ``text``: the start of its first line that ends a page, else the text's length."""
    ends = furniture().page_end
    position = 0
    for line in text.split("\n"):
        if is_furniture(line.strip(), ends):
            return position
        position += len(line) + 1
    return len(text)


def not_text_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines of ``text`` that are no sentence of the article: the
    site's subheadings and section labels, page metadata lines ("MEXICO / 16 OCT 2012
    BY INSIGHT CRIME EN"), a "SEE ALSO" line and the title of another article after it."""
    marks = furniture()
    spans: list[tuple[int, int]] = []
    position = 0
    after_see_also = False
    for line in text.split("\n"):
        stripped = line.strip()
        start, end = position, position + len(line)
        position = end + 1
        if not stripped:
            continue
        if after_see_also or is_furniture(stripped, (marks.see_also, *marks.headings, *marks.not_text, marks.meta)):
            spans.append((start, end))
        after_see_also = marks.see_also.match(stripped) is not None  # "SEE ALSO:", "SEE ALSO: <title>"
    return spans
