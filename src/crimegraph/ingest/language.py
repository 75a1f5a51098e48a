"""Language of an article's text, as a BCP 47 tag ("en", "es", "pt", "zh-CN" …).

Detection uses langdetect, whose language profiles ship inside its wheel (nothing is
downloaded). langdetect is randomised; a private detector factory with a fixed seed
makes the answer the same on every run, and leaves the global ``random`` state alone.

Short texts are where statistical detection guesses wildly ("Mexico" comes out as
Italian or Somali), so below :data:`MIN_LETTERS` letters, or when the detector is not
confident, the page's own language marker (``hint``) wins, and without one the
language is left unknown rather than guessed.

>>> detect_language("Mexico has agreed to host a liaison office of the UN Office on Drugs and Crime.")
'en'
>>> detect_language("México aceptó albergar una oficina de enlace de la ONU contra la droga y el delito.")
'es'
>>> detect_language("Mexico") is None
True
>>> detect_language("Mexico", hint="EN")
'en'
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

#: Fewer letters than this and the detector is not asked.
MIN_LETTERS = 20
#: The detector's probability for its best language must reach this to beat a hint.
MIN_CONFIDENCE = 0.80
#: Only this much of a text is looked at: enough for a stable answer, and a 10 MB
#: article costs no more than a short one.
SAMPLE_CHARS = 4000
SEED = 0
#: Languages the extraction is made for (spaCy pipeline, gazetteer aliases, lexicon).
#: Articles in others are still converted, with a warning.
EXTRACTION_LANGUAGES = ("en", "es")

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_lock = threading.Lock()


def language_problem(language: str | None) -> str | None:
    """What is wrong with an article's language for extraction, or None if nothing.

    >>> language_problem("es-MX") is None
    True
    >>> language_problem("fr")
    "the text is in 'fr'; extraction is made for en, es: expect few or wrong facts"
    """
    if language is None:
        return "the language of the text could not be detected (too short or mixed); it is left unknown"
    if language.split("-")[0] not in EXTRACTION_LANGUAGES:
        return f"the text is in {language!r}; extraction is made for {', '.join(EXTRACTION_LANGUAGES)}: expect few or wrong facts"
    return None


def normalize_tag(tag: str | None) -> str | None:
    """A language tag in BCP 47 case conventions, or None if it is not one.

    >>> normalize_tag("EN"), normalize_tag("es_MX"), normalize_tag("zh-cn"), normalize_tag("English")
    ('en', 'es-MX', 'zh-CN', None)
    """
    if not tag:
        return None
    tag = tag.strip()
    if not _TAG.match(tag):
        return None
    primary, *rest = re.split(r"[-_]", tag)
    parts = [primary.lower()]
    for sub in rest:
        parts.append(sub.upper() if len(sub) == 2 else sub.title() if len(sub) == 4 else sub.lower())
    return "-".join(parts)


@cache
def _factory() -> Any:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    # cut at a space so that no word is cut in half
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > SAMPLE_CHARS // 2 else SAMPLE_CHARS]


def detect_language(text: str | None, hint: str | None = None) -> str | None:
    """The BCP 47 tag of the language ``text`` is written in, or None if unknown.

    ``hint`` is what the page itself declares (``<html lang>``, an "EN"/"ES" marker); it
    is used when the text is too short or the detector unsure. Deterministic.
    """
    hinted = normalize_tag(hint)
    if not text:
        return hinted
    sample = _sample(text)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return hinted
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:  # a langdetect Detector is not thread-safe; the factory is shared
        try:
            detector = _factory().create()
            detector.append(sample)
            candidates = detector.get_probabilities()
        except LangDetectException:
            return hinted
    if not candidates:
        return hinted
    best = candidates[0]
    if best.prob >= MIN_CONFIDENCE:
        return normalize_tag(best.lang)
    if hinted:
        return hinted
    return normalize_tag(best.lang) if best.prob >= 0.5 else None
