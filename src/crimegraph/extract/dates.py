"""Temporal expressions to :class:`~crimegraph.model.PartialDate`, against a
publication date.

>>> from crimegraph.model import PartialDate
>>> pub = PartialDate(2012, 10, 16)
>>> normalize("June 2012", pub)
(PartialDate(year=2012, month=6, day=None), 'month')
>>> normalize("last week", pub)
(PartialDate(year=2012, month=10, day=8), 'week')
>>> normalize("on Tuesday", pub)
(PartialDate(year=2012, month=10, day=16), 'day')
>>> normalize("last week", None) is None
True
>>> normalize("in May 2019", pub)
(PartialDate(year=2019, month=5, day=None), 'month')
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from crimegraph.extract.lexicon import load
from crimegraph.model import PartialDate

Normalized = tuple[PartialDate, str]

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_WORD = re.compile(r"[a-záéíóúñ]+\.?", re.IGNORECASE)


@cache
def _dates() -> dict:
    return load("dates")


@cache
def _leading() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _dates()["leading"])
    return re.compile(rf"^(?:{words})\s+")


@cache
def _months() -> dict[str, int]:
    return {str(k): int(v) for k, v in load("dates")["months"].items()}


@cache
def _weekdays() -> dict[str, int]:
    return {str(k): int(v) for k, v in load("dates")["weekdays"].items()}


def _pub(date: PartialDate | None) -> dt.date | None:
    if date is None or date.month is None or date.day is None:
        return None
    return dt.date(date.year, date.month, date.day)


def _from_date(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def normalize(text: str, published: PartialDate | None) -> Normalized | None:
    """The date an expression names and its precision, or None if it names no single
    date (ranges, durations) or is relative and there is no publication date."""
    lowered = text.lower().strip()
    lowered = _leading().sub("", lowered)
    words = [w.rstrip(".") for w in _WORD.findall(lowered)]
    # "may" alone is the modal verb; "May 2019", "May 3" are the month
    months = [_months()[w] for w in words if w in _months()
              and not (w == "may" and len(words) == 1 and not re.search(r"\d", lowered))]
    years = [int(y) for y in _YEAR.findall(lowered)]
    pub = _pub(published)
    if len(years) > 1 or len(set(months)) > 1 or re.search(r"\d{4}\s*[-–]\s*\d{2,4}", lowered):
        return None  # a range or a list of dates: not one date
    if any(w in _dates()["durations"] for w in words):
        return None  # durations ("15 months", "the past few years")
    month = months[0] if months else None
    if month is not None:
        without_year = _YEAR.sub(" ", lowered)
        day_match = _DAY.search(without_year)
        day = int(day_match.group(1)) if day_match else None
        year = years[0] if years else None
        if year is None:
            if published is None:
                return None
            year = published.year
            if published.month is not None and month > published.month + 1:
                year -= 1  # "in November", written in February: the last one
        if day is not None:
            try:
                return PartialDate(year, month, day) if dt.date(year, month, day) else None, "day"
            except ValueError:
                return None
        return PartialDate(year, month), "month"
    if years:
        return PartialDate(years[0]), "year"
    return _relative(words, pub, published)


def _relative(words: list[str], pub: dt.date | None, published: PartialDate | None) -> Normalized | None:
    phrase = " ".join(words)
    relative = _dates()["relative"]
    if published is not None:
        if phrase in relative["last_year"]:
            return PartialDate(published.year - 1), "year"
        if phrase in relative["this_year"]:
            return PartialDate(published.year), "year"
        if published.month is not None:
            if phrase in relative["last_month"]:
                year, month = _shift_month(published.year, published.month, -1)
                return PartialDate(year, month), "month"
            if phrase in relative["this_month"]:
                return PartialDate(published.year, published.month), "month"
    if pub is None:
        return None
    if phrase in relative["today"]:
        return _from_date(pub), "day"
    if phrase in relative["yesterday"]:
        return _from_date(pub - dt.timedelta(days=1)), "day"
    if phrase in relative["last_week"]:
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return _from_date(monday), "week"
    if phrase in relative["this_week"]:
        return _from_date(pub - dt.timedelta(days=pub.weekday())), "week"
    for word in words:
        if word in _weekdays():
            back = (pub.weekday() - _weekdays()[word]) % 7
            if any(w in _dates()["last"] for w in words) and back == 0:
                back = 7
            return _from_date(pub - dt.timedelta(days=back)), "day"
    return None
