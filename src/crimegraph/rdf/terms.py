"""The terms and literal forms the graph builder writes: the classes of organization and
place kinds, the properties of event roles and deaths, the SKOS concepts of date
precision, inference and modality (all from :mod:`crimegraph.vocab`), and literals in
the one lexical form every serialization reads back unchanged."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

from crimegraph.model import PartialDate
from crimegraph.vocab import CG

ORGANIZATION_CLASSES = {
    "criminal-group": CG.CriminalGroup,
    "government-body": CG.GovernmentBody,
    "international-organization": CG.InternationalOrganization,
    "ngo": CG.NonGovernmentalOrganization,
    "company": CG.Company,
    "media": CG.MediaOrganization,
}
PLACE_CLASSES = {
    "country": CG.Country,
    "state": CG.State,
    "municipality": CG.Municipality,
    "city": CG.City,
    "region": CG.Region,
}
ROLE_PROPERTIES = {
    "actor": CG.actor,
    "target": CG.target,
    "partner": CG.partner,
    "opponent": CG.opponent,
    "victim": CG.victim,
}
PRECISION_CONCEPTS = {
    "day": CG.DayPrecision,
    "week": CG.WeekPrecision,
    "month": CG.MonthPrecision,
    "year": CG.YearPrecision,
    "unknown": CG.UnknownPrecision,
}
INFERENCE_CONCEPTS = {"sentence": CG.FromSentence, "paragraph": CG.FromParagraph}
MODALITY_CONCEPTS = {
    "asserted": CG.Asserted,
    "negated": CG.Negated,
    "hypothetical": CG.Hypothetical,
    "reported": CG.Reported,
}
PARTICIPANT_KINDS = ("organization", "person", "place")
#: An event's span gets one year key (cg:year) per calendar year it covers, up to this
#: many (a longer span is a data error more often than a fact; its first years are kept).
MAX_SPAN_YEARS = 200
DEATH_PROPERTIES = {
    "side-a": CG.deathsSideA,
    "side-b": CG.deathsSideB,
    "civilians": CG.deathsCivilians,
    "unknown": CG.deathsUnknown,
}


# The literals below are immutable and few distinct (dates, confidences, offsets): each
# is made once per process, not once per quad (a bounded cache, for long conversions).
@lru_cache(maxsize=1 << 14)
def date_literal(date: PartialDate) -> Literal:
    """A date literal whose datatype carries its precision."""
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[date.precision]
    return Literal(str(date), datatype=datatype)


@lru_cache(maxsize=1 << 14, typed=True)
def decimal_literal(value: float) -> Literal:
    """An xsd:decimal in canonical lexical form ("1.0", "0.85", "-107.39421"), so that
    it reads back unchanged from every serialization."""
    text = format(Decimal(str(round(value, 6))).normalize(), "f")
    if "." not in text:
        text += ".0"
    if text == "-0.0":
        text = "0.0"
    return Literal(text, datatype=XSD.decimal)


@lru_cache(maxsize=1 << 16, typed=True)
def count_literal(value: int) -> Literal:
    """An xsd:nonNegativeInteger (a character offset, a count)."""
    return Literal(value, datatype=XSD.nonNegativeInteger)


def text_literal(value: str, language: str | None = None) -> Literal:
    return Literal(value, lang=language) if language else Literal(value)
