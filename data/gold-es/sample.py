"""Draw the Spanish headline samples of data/gold-es (test) and data/gold-es-dev (development).

Reproducible: the same input file and seed give the same samples. Run from the project
root with the project's environment:

    .venv/bin/python data/gold-es/sample.py ../shared/corpus/ucdp-ged-mexico.csv

It prints one JSON object a line: the sample ("test" or "dev"), the file id, the
headline and the UCDP row it was taken from (weak labels: actors, place, dates). The
annotation itself is written by hand from the headline text.

How the headlines are chosen:

* every ``source_headline`` of the file, split at ";" when the row cites several
  reports (as many ";"-separated dates as headlines, in the same order); a headline that
  itself holds a ";" is kept whole;
* kept when langdetect (``crimegraph.ingest.language.detect_language``) calls it
  Spanish and it has at least five words;
* headline furniture removed: a leading "[VIDEO]" tag and a trailing author mark
  ("… AU Abadiel Martínez");
* kept only with a lower-case Spanish function word and no English one in any case
  (:data:`SPANISH_WORDS`, :data:`ENGLISH_WORDS`): UCDP's English translations of Spanish
  headlines are full of Spanish names, and langdetect calls many of them Spanish;
* one entry per distinct headline (compared case- and space-folded), with the first
  UCDP row that cites it;
* sorted by text, shuffled with ``random.Random(SEED)``; the first ``TEST_SIZE`` are the
  test sample, the next ``DEV_SIZE`` the development sample.

:func:`headlines` (with its language test and furniture as arguments) and :func:`draw`
also make the English draw, ``data/gold-en-headlines/sample.py``; this draw is unchanged
by their sharing (the same 160 lines, byte for byte).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Callable

from crimegraph.ingest.language import detect_language

SEED = 20261207
TEST_SIZE = 80
DEV_SIZE = 80
#: A headline is kept only with one of these Spanish words in lower case (names, which
#: are capitalised, do not count) and none of the English ones in any case: UCDP translates many
#: headlines into English, and langdetect calls a short English headline full of
#: Spanish names Spanish ("Man murdered in Colonia Carlos Castillo Peraza").
SPANISH_WORDS = frozenset("de del la las el los en y con por un una al se tras para su sus lo le es que".split())
ENGLISH_WORDS = frozenset("the of and in on at by for with from they is are was were his her their an after into".split())
_WORD = re.compile(r"[^\W\d_]+")
_VIDEO = re.compile(r"^\[video\]\s*", re.IGNORECASE)
_AUTHOR = re.compile(r"\s+AU\s+\w[\w'.-]*(?:\s+\w[\w'.-]*){0,3}$")
LABELS = ("id", "side_a", "side_b", "adm_1", "adm_2", "where_description", "date_start", "date_end", "best")


def clean(text: str) -> str:
    """The headline without its furniture: a leading "[VIDEO]", a trailing author mark."""
    return _AUTHOR.sub("", _VIDEO.sub("", " ".join(text.split())))


def has_spanish_words(text: str) -> bool:
    """A lower-case Spanish function word and no English one in any case."""
    words = set(_WORD.findall(text))
    return bool(words & SPANISH_WORDS) and not {w.casefold() for w in words} & ENGLISH_WORDS


def headlines(
    path: str,
    language: str = "es",
    words: Callable[[str], bool] = has_spanish_words,
    furniture: Callable[[str], str] = clean,
) -> list[dict[str, str]]:
    """Every distinct headline of the UCDP file at ``path`` in ``language``, sorted by text.

    A headline is kept when, after ``furniture`` is removed, ``words`` accepts it, it has
    at least five words and langdetect calls it ``language``; the first row citing it
    gives its date, outlet and weak labels. Shared with the English draw
    (``data/gold-en-headlines/sample.py``).
    """
    seen: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            texts = row["source_headline"].split(";")
            dates = row["source_date"].split(";")
            offices = row["source_office"].split(";")
            if len(texts) != len(dates):
                texts = [row["source_headline"]]
            for i, text in enumerate(texts):
                text = furniture(text)
                if not words(text):
                    continue
                if len(text.split()) < 5:
                    continue
                key = text.casefold()
                if key in seen:
                    continue
                if detect_language(text) != language:
                    continue
                seen[key] = {
                    "headline": text,
                    "source_date": dates[i].strip() if i < len(dates) else "",
                    "source_office": offices[i].strip() if i < len(offices) else "",
                    **{f"ucdp_{name}": row[name] for name in LABELS},
                }
    return [seen[key] for key in sorted(seen)]


def draw(items: list[dict[str, str]], samples: tuple[tuple[str, int, str], ...], seed: int = SEED) -> None:
    """Shuffle ``items`` with ``seed`` and print them, ``samples`` giving each sample's
    name, size and id prefix in order, one JSON object a line."""
    random.Random(seed).shuffle(items)
    start = 0
    for sample, size, prefix in samples:
        for number, item in enumerate(items[start : start + size], start=1):
            print(json.dumps({"sample": sample, "id": f"{prefix}-{number:03d}", **item}, ensure_ascii=False))
        start += size


def main(path: str) -> None:
    items = headlines(path)
    draw(items, (("test", TEST_SIZE, "es"), ("dev", DEV_SIZE, "esdev")))
    print(f"{len(items)} distinct Spanish headlines of five words or more", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/ucdp-ged-mexico.csv")
