"""Plain data passed between the pipeline's steps.

Readers and extractors produce these objects; :mod:`crimegraph.rdf.build` turns them into
triples. Nothing here knows about RDF, files or the command line.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import KW_ONLY, dataclass, field
from typing import Literal as TypingLiteral

from crimegraph.errors import InputError
from crimegraph.iri import normalize_name, slug, url_key

EntityKind = TypingLiteral["organization", "person", "place"]
ENTITY_KINDS: tuple[str, ...] = ("organization", "person", "place")
ORGANIZATION_KINDS: tuple[str, ...] = (
    "criminal-group",
    "government-body",
    "international-organization",
    "ngo",
    "company",
    "media",
    "organization",
)
PLACE_KINDS: tuple[str, ...] = ("country", "state", "municipality", "city", "region", "place")
ROLES: tuple[str, ...] = ("actor", "target", "partner", "opponent", "victim")
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "reported")
#: Where an extracted event's date or place was inferred from when its own clause gives none.
INFERENCE_SOURCES: tuple[str, ...] = ("sentence", "paragraph")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or the year.

    >>> PartialDate.parse("2012-06")
    PartialDate(year=2012, month=6, day=None)
    >>> str(PartialDate.parse("2012-06-16"))
    '2012-06-16'
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        match = _DATE.match(text.strip())
        if not match:
            raise InputError(f"malformed date {text!r}: allowed are YYYY, YYYY-MM and YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise InputError(f"malformed date {text!r}: month {month} is not 01-12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise InputError(f"malformed date {text!r}: {year}-{month:02d} has days 01-{last:02d}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        return _date_text(self.year, self.month, self.day)


@lru_cache(maxsize=1 << 14)  # a date is written many times (keys, IRIs, literals): formatted once
def _date_text(year: int, month: int | None, day: int | None) -> str:
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


@dataclass(frozen=True)
class Ref:
    """A reference to an entity by name (or key), with its kind when known."""

    name: str
    kind: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The text behind a fact: a span of an article's text and who extracted it."""

    article: str  # article key
    start: int
    end: int
    text: str  # the sentence or span itself
    confidence: float = 1.0
    extractor: str = "crimegraph-records"
    extractor_version: str = "0"


@dataclass
class Origin:
    """Where a record came from, for error messages and provenance."""

    file: str
    line: int | None = None
    record: int | None = None


@dataclass
class EntityRecord:
    """What organizations, people and places share. Everything but the name is
    keyword-only, so that a positional argument can never land in the wrong field."""

    name: str
    _: KW_ONLY
    key: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    wikidata: str | None = None
    same_as: list[str] = field(default_factory=list)  # entity IRIs of other projects (owl:sameAs)
    pages: list[str] = field(default_factory=list)  # reference pages, e.g. Wikipedia (schema:sameAs)
    close_matches: list[str] = field(default_factory=list)  # not quite the same thing (skos:exactMatch)
    ucdp_actor_ids: list[int] = field(default_factory=list)  # UCDP GED actor ids (cg:ucdpActorId)
    sources: list[str] = field(default_factory=list)  # where identifiers were checked
    origin: Origin | None = None


@dataclass
class Organization(EntityRecord):
    kind: str = "organization"
    acronyms: list[str] = field(default_factory=list)
    country: Ref | None = None
    parent: Ref | None = None


@dataclass
class Role:
    """A role a person holds: "President" of a place or "executive director" of an org."""

    title: str
    organization: Ref | None = None
    jurisdiction: Ref | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    ended_before: PartialDate | None = None
    held_on: PartialDate | None = None
    evidence: Evidence | None = None


@dataclass
class Person(EntityRecord):
    nationality: Ref | None = None
    roles: list[Role] = field(default_factory=list)


@dataclass
class Place(EntityRecord):
    kind: str = "place"
    iso_code: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    within: Ref | None = None


@dataclass
class Mention:
    """A span of an article's text that names an entity."""

    entity: Ref
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    confidence: float = 1.0
    extractor: str = "crimegraph-records"
    extractor_version: str = "0"


@dataclass
class Article:
    title: str
    key: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    countries: list[Ref] = field(default_factory=list)
    mentions: list[Ref] = field(default_factory=list)
    text: str | None = None
    text_mentions: list[Mention] = field(default_factory=list)
    # filled by an extractor: entities found in the text, the roles people hold
    # (person reference, role with evidence) and events, all with evidence
    entities: list["Organization | Person | Place"] = field(default_factory=list)
    roles: list[tuple[Ref, Role]] = field(default_factory=list)
    events: list["Event"] = field(default_factory=list)
    origin: Origin | None = None


@dataclass
class Event:
    type: str
    key: str | None = None
    label: str | None = None
    description: str | None = None
    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    precision: str | None = None  # overrides the precision the dates imply
    # where an extracted date or place was found when the parse did not attach one to the
    # event's own clause: "sentence" (the one free one of its sentence), "paragraph"
    date_inferred: str | None = None
    place_inferred: str | None = None
    place: Ref | None = None
    participants: list[tuple[str, Ref]] = field(default_factory=list)  # (role, ref)
    reported_in: list[str] = field(default_factory=list)  # article keys
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None
    modality: str = "asserted"
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    # deaths by side (UCDP): "side-a", "side-b", "civilians", "unknown" → count
    deaths: dict[str, int] = field(default_factory=dict)
    identifiers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # reported sources, as citations
    dataset: str = "records"
    origin: Origin | None = None


Record = Organization | Person | Place | Article | Event


@dataclass(frozen=True)
class ArticleName:
    """A name an article record gives its article (its ``id``), and the article's key:
    references to the article by that name (evidence, ``reported_in``) anywhere in the
    same conversion reach the article's node."""

    name: str
    key: str


def article_key(article: Article) -> str:
    """What an article's IRI is minted from, the same from whichever format the article
    was read: its canonical URL when it has one (:func:`crimegraph.iri.url_key`), else
    its publisher, date and title (:func:`title_key`). A record's own ``id`` is not part
    of it (see README, "Identity").

    >>> article_key(Article("UNODC to Set Up Liaison Office in Mexico", key="seed",
    ...     date=PartialDate(2012, 10, 16), publisher="InSight Crime"))
    'insightcrime 2012-10-16 unodc to set up liaison office in mexico'
    >>> article_key(Article("Anything", url="http://www.insightcrime.org/news/x/?utm_medium=rss"))
    'insightcrime.org/news/x'
    """
    if article.url:
        return url_key(article.url)
    return title_key(article.publisher, article.date, article.title)


def article_name(article: Article) -> str:
    """How messages name an article: its record's own id, else its key."""
    return article.key or article_key(article)


def title_key(publisher: str | None, date: PartialDate | None, title: str) -> str:
    """An article's key without a URL: publisher (letters and digits only: "InSight Crime"
    and "Insight-Crime" are one), date and title, each folded so that case, accents,
    spacing and curly quotes do not matter."""
    parts = (
        slug(publisher).replace("-", "") if publisher else "",
        str(date) if date else "",
        normalize_name(title),
    )
    return " ".join(part for part in parts if part)


#: One space character for any other (no-break, thin, em, ideographic spaces and
#: tabs: Unicode's space separators), one line break for any other: character for
#: character, so that offsets into a text stay valid.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_TEXT_FORM = str.maketrans(_SPACES + _BREAKS, " " * len(_SPACES) + "\n" * len(_BREAKS))


def normalize_text(text: str) -> str:
    """An article text in the form every reader gives it, so that the same article read
    from page text, a scraped record or a record of the record format has the same text
    and its mentions and evidence the same offsets: every space character is a plain
    space and every line separator a line break, one character for one.

    >>> normalize_text("(CICIG)\u00a0-- a UN-backed commission")
    '(CICIG) -- a UN-backed commission'
    """
    return text.translate(_TEXT_FORM)
