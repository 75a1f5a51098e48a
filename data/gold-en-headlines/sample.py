"""Draw the English headline samples of data/gold-en-headlines (held out) and
data/gold-en-headlines-dev (development).

UCDP translated many of the Mexican reports it cites into English; the Spanish draw
(``data/gold-es/sample.py``) leaves them out, this one keeps only them. Reproducible:
the same input file and seed give the same sample. Run from the project root with the
project's environment:

    .venv/bin/python data/gold-en-headlines/sample.py ../shared/corpus/ucdp-ged-mexico.csv

It prints one JSON object a line: the sample ("test" or "dev"), the file id, the headline and the
UCDP row it was taken from (weak labels: actors, place, dates). The annotation itself is
written by hand from the headline text.

How the headlines are chosen — the Spanish draw's reading of the file
(:func:`headlines` of ``data/gold-es/sample.py``, imported, not copied), with the
language test the other way round:

* every ``source_headline`` of the file, split at ";" when the row cites several reports
  (as many ";"-separated dates as headlines); a headline that itself holds a ";" is
  kept whole;
* headline furniture removed: the Spanish draw's (a leading "[VIDEO]", a trailing author
  mark "… AU Abadiel Martínez") and, as English translations carry them, a media tag in
  square brackets at either end ("[Transmission]", "[Video]", "[Broadcast]",
  "[Photos-Video]");
* kept only with an English function word in any case (English headlines are often
  title-cased: "Found In Tlajomulco") and no lower-case Spanish function word outside a
  name (:func:`has_english_words`; the Spanish draw's two word lists): Spanish names
  carry articles ("Playa del Carmen", "San Pedro de los Hernández", "El Chapo"), and
  refusing every Spanish word, as the Spanish draw refuses every English one, would drop
  every headline that names such a place, person or cartel — a choice by content; a
  Spanish word between lower-case words ("intentaron plagiarlo en su propia casa") still
  refuses the headline. No headline kept by the Spanish draw can pass: it has no English
  function word;
* kept when langdetect (``crimegraph.ingest.language.detect_language``) calls it English
  and it has at least five words;
* one entry per distinct headline (compared case- and space-folded), with the first
  UCDP row that cites it;
* sorted by text, shuffled with ``random.Random(SEED)`` (the Spanish draw's seed); the
  first ``TEST_SIZE`` are the held-out sample, the next ``DEV_SIZE`` the development
  sample (as the Spanish draw's test and dev samples).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("gold_es_sample", Path(__file__).resolve().parents[1] / "gold-es" / "sample.py")
assert _spec is not None and _spec.loader is not None
spanish_draw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(spanish_draw)

SEED = spanish_draw.SEED
TEST_SIZE = 80
DEV_SIZE = 80
#: A media tag in square brackets opening or closing a headline.
_TAG = re.compile(r"^\[[\w -]{1,20}\]\s*|\s*\[[\w -]{1,20}\]$")


def clean(text: str) -> str:
    """The Spanish draw's furniture removed, then a media tag at either end.

    >>> clean("[Transmission] Two workers at a tire shop are murdered")
    'Two workers at a tire shop are murdered'
    >>> clean("Quintana Roo: Three killed in hotel zone of Cancun [Video]")
    'Quintana Roo: Three killed in hotel zone of Cancun'
    """
    return _TAG.sub("", spanish_draw.clean(text))


def has_english_words(text: str) -> bool:
    """An English function word in any case and no lower-case Spanish one outside a name.

    A lower-case Spanish function word is part of a name when the nearest words on either
    side that are not such words are capitalised ("Playa del Carmen", "Apaseo el Alto",
    "San Pedro de los Hernández").

    >>> has_english_words("A man is murdered outside his home in San Miguel de Allende")
    True
    >>> has_english_words("20 Bags With Human Remains Found In Tlajomulco")
    True
    >>> has_english_words("Asesinan a rapero; intentaron plagiarlo en su propia casa;How Was Lefty Murdered In Jalisco?")
    False
    >>> has_english_words("Matan a 5 mujeres en Chihuahua")
    False
    """
    words = spanish_draw._WORD.findall(text)
    if not {w.casefold() for w in words} & spanish_draw.ENGLISH_WORDS:
        return False
    particles = spanish_draw.SPANISH_WORDS
    for i, word in enumerate(words):
        if word not in particles:
            continue
        left = next((w for w in reversed(words[:i]) if w not in particles), "")
        right = next((w for w in words[i + 1 :] if w not in particles), "")
        if not (left[:1].isupper() and right[:1].isupper()):
            return False
    return True


def main(path: str) -> None:
    items = spanish_draw.headlines(path, language="en", words=has_english_words, furniture=clean)
    spanish_draw.draw(items, (("test", TEST_SIZE, "en"), ("dev", DEV_SIZE, "endev")), seed=SEED)
    print(f"{len(items)} distinct English headlines of five words or more", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/ucdp-ged-mexico.csv")
