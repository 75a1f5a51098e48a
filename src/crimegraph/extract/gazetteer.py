"""Match the curated gazetteer (``data/gazetteer/``), country names, demonyms and
regions in a spaCy ``Doc`` with precompiled :class:`spacy.matcher.PhraseMatcher` s.

Names and aliases are matched case-insensitively but must start with a capital
letter in the text (so the Spanish word "semana" is not the magazine *Semana*);
acronyms are matched exactly ("UN", never Spanish "un").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pycountry
from spacy.matcher import PhraseMatcher

from crimegraph.extract.lexicon import load
from crimegraph.extract.places import PlaceMatch, resolver
from crimegraph.ingest.gazetteer import gazetteer_records
from crimegraph.iri import normalize_name
from crimegraph.model import Organization, Person, Place, Ref

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

@dataclass(frozen=True)
class Known:
    """An entity the extractor can name: its record, and the reference that resolves to
    it in the conversion's registry. ``shipped`` entities are already registered."""

    record: Organization | Person | Place
    ref: Ref
    shipped: bool = False
    own: bool = False  # a record of the conversion's input, which wins over the gazetteer

    @property
    def kind(self) -> str:
        return self.ref.kind or "organization"


@dataclass(frozen=True)
class Hit:
    """A gazetteer match: tokens ``start:end`` of a doc name ``known``."""

    start: int
    end: int
    known: Known
    exact: bool  # matched as an acronym (case-sensitive)


def _ref(record: Organization | Person | Place) -> Ref:
    kind = "organization" if isinstance(record, Organization) else "person" if isinstance(record, Person) else "place"
    return Ref(record.key or record.name, kind)


class Gazetteer:
    """Every name the extractor knows before reading an article."""

    def __init__(self, nlp: Language) -> None:
        self._make_doc = nlp.make_doc
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.demonyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_key: dict[str, Known] = {}
        self.by_name: dict[str, Known] = {}
        places = resolver()
        names: dict[str, list] = {}
        acronyms: dict[str, list] = {}
        for record in gazetteer_records():
            known = Known(record, _ref(record), shipped=True)
            self._add(known, names, acronyms)
        for country in pycountry.countries:
            found = places.country(getattr(country, "common_name", None) or country.name)
            if found is None:
                continue
            known = Known(found.record, found.ref)
            spellings = {found.record.name, country.name, getattr(country, "common_name", country.name)}
            for spelling in spellings:
                if "," not in spelling:
                    names.setdefault(spelling, []).append(known)
                    self.by_name.setdefault(normalize_name(spelling), known)
        for alias, country_name in load("places")["country_aliases"].items():
            found = places.country(country_name)
            if found:
                known = Known(found.record, found.ref)
                (acronyms if alias.isupper() else names).setdefault(alias, []).append(known)
                self.by_name.setdefault(normalize_name(alias), known)
        for region in load("places")["regions"]:
            found = places.region(region["name"])
            assert found is not None
            known = Known(found.record, found.ref)
            for spelling in [region["name"], *region.get("aliases", [])]:
                (acronyms if spelling.isupper() else names).setdefault(spelling, []).append(known)
                self.by_name.setdefault(normalize_name(spelling), known)
        self._keys: dict[str, Known] = {}
        # the input's own entity records (add_record): folded spelling → the records that
        # give it, one per reference; the spelling's reading; pattern → matcher key
        self._own: dict[str, dict[tuple[str, str], Known]] = {}
        self._own_reading: dict[str, Known] = {}
        self._own_patterns: dict[tuple[bool, str], str] = {}
        self._own_keys: dict[str, str] = {}  # matcher key → folded spelling
        for text, targets in names.items():
            key = f"n{len(self._keys)}"
            self._keys[key] = targets[0]
            self.names.add(key, [nlp.make_doc(text)])
        for text, targets in acronyms.items():
            key = f"a{len(self._keys)}"
            self._keys[key] = targets[0]
            self.acronyms.add(key, [nlp.make_doc(text)])
        self.demonym_country: dict[str, PlaceMatch] = {}
        for word, country_name in load("places")["demonyms"].items():
            found = places.country(country_name)
            if found:
                self.demonym_country[word] = found
                self.demonyms.add(word, [nlp.make_doc(word)])

    def add_record(self, record: Organization | Person | Place) -> None:
        """Know an entity record of the conversion's own input (already registered): its
        names are matched in the articles that follow and win over the shipped ones.

        What a name reads as is a function of the set of records known, never of their
        order or of repeats (a cluster partition repeats the UCDP places of its rows, in
        the order of its rows): a spelling that one entity of the input gives is that
        entity; one that several give is read as :meth:`_shared_reading` says."""
        known = Known(record, _ref(record), shipped=True, own=True)
        identity = (known.kind, normalize_name(known.ref.name))
        if record.key:
            self.by_key.setdefault(normalize_name(record.key), known)
        acronyms = getattr(record, "acronyms", [])
        for spelling in [record.name, *record.aliases, *acronyms]:
            if not spelling.strip():
                continue
            folded = normalize_name(spelling)
            holders = self._own.setdefault(folded, {})
            holders.setdefault(identity, known)  # the same entity again: its first record
            self._own_reading[folded] = self._shared_reading(spelling, holders)
            exact = spelling.isupper() or len(spelling) <= 4 or spelling in acronyms
            if (exact, spelling) not in self._own_patterns:
                key = f"u{len(self._keys) + len(self._own_keys)}"
                self._own_patterns[(exact, spelling)] = key
                self._own_keys[key] = folded
                (self.acronyms if exact else self.names).add(key, [self._make_doc(spelling)])

    @staticmethod
    def _shared_reading(spelling: str, holders: dict[tuple[str, str], Known]) -> Known:
        """The entity a spelling names that several entities of the input give (UCDP's
        state "Chihuahua" and its municipality "Chihuahua"): if one of them is a place,
        the place the authorities give that name first (region, country, state, city:
        :meth:`PlaceResolver.resolve`, as ``Registry.resolve_mention`` reads a text) —
        the input's record of it if it has one, else the authorities' own; otherwise the
        entity with the smallest reference. Never the first or last one added."""
        ordered = sorted(holders.values(), key=lambda k: (k.kind, normalize_name(k.ref.name)))
        if len(ordered) == 1 or not any(isinstance(k.record, Place) for k in ordered):
            return ordered[0]
        reading = resolver().resolve(spelling, set())
        if reading is None:
            return ordered[0]
        same = next((k for k in ordered if isinstance(k.record, Place) and _same_place(k.record, reading.record)), None)
        return same or Known(reading.record, reading.ref)

    def _add(self, known: Known, names: dict[str, list], acronyms: dict[str, list]) -> None:
        record = known.record
        self.by_key[normalize_name(known.ref.name)] = known
        spellings = [record.name, *record.aliases]
        for spelling in spellings:
            self.by_name.setdefault(normalize_name(spelling), known)
            (acronyms if spelling.isupper() or len(spelling) <= 4 else names).setdefault(spelling, []).append(known)
        for acronym in getattr(record, "acronyms", []):
            self.by_name.setdefault(normalize_name(acronym), known)
            acronyms.setdefault(acronym, []).append(known)

    def lookup(self, name: str) -> Known | None:
        """The known entity with this exact name, alias or acronym (folded)."""
        folded = normalize_name(name)
        return self._own_reading.get(folded) or self.by_name.get(folded)

    def _known(self, key: str) -> Known:
        """The entity a matcher key stands for (an own spelling: its current reading)."""
        own = self._own_keys.get(key)
        return self._keys[key] if own is None else self._own_reading[own]

    def find(self, doc: Doc) -> list[Hit]:
        """All matches in a doc, longest first where they overlap."""
        hits: list[Hit] = []
        for match_id, start, end in self.names(doc):
            span = doc[start:end]
            # "the Zetas" may start in lower case; any other name must start with a
            # capital ("La Nación" the newspaper, not "la nación")
            english_article = span[0].lower_ == "the" and len(span) > 1
            first = span[1] if english_article else span[0]
            if not (first.text[:1].isupper() or first.text[:1].isdigit()):
                continue  # (a name may open with a number: "the 18th Street gang")
            if english_article:
                start += 1  # "the Zetas": the mention is "Zetas"
            hits.append(Hit(start, end, self._known(doc.vocab.strings[match_id]), exact=False))
        for match_id, start, end in self.acronyms(doc):
            hits.append(Hit(start, end, self._known(doc.vocab.strings[match_id]), exact=True))
        # longest first; among equals the conversion's own records ("u…") first, then
        # by reference (not by the matcher's order, which depends on its keys)
        hits.sort(key=lambda h: (-(h.end - h.start), h.start, not h.known.own, h.known.kind,
                                 normalize_name(h.known.ref.name)))
        taken: set[int] = set()
        kept: list[Hit] = []
        for hit in hits:
            if taken.intersection(range(hit.start, hit.end)):
                continue
            taken.update(range(hit.start, hit.end))
            kept.append(hit)
        return sorted(kept, key=lambda h: h.start)

    def find_demonyms(self, doc: Doc) -> list[tuple[int, int, PlaceMatch]]:
        return [(s, e, self.demonym_country[doc.vocab.strings[m]]) for m, s, e in self.demonyms(doc)]


def _same_place(record: Place, authority: Place) -> bool:
    """Whether an input's place record is the place an authority reading gives: the
    same ISO 3166 code (countries, states), GeoNames id or key."""
    if authority.iso_code and authority.kind in ("country", "state"):
        return record.kind in ("country", "state") and (record.iso_code or "").upper() == authority.iso_code.upper()
    if authority.geonames_id is not None and record.geonames_id == authority.geonames_id:
        return True
    return bool(record.key and authority.key) and normalize_name(record.key) == normalize_name(authority.key or "")
