"""The shipped gazetteer: curated organizations, people and places (``data/gazetteer/``).

One loader, read once per process and checked like any record file: every other part of
crimegraph (the converter's registry, the extractor's matcher, the UCDP reader, the
evaluation) takes its records from :func:`gazetteer_records`.

>>> records = gazetteer_records()
>>> any(r.key == "sinaloa-cartel" for r in records)
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from crimegraph.errors import CrimegraphError, InputError, Location
from crimegraph.iri import normalize_name
from crimegraph.model import Organization, Person, Place
from crimegraph.resources import resource_dir

GazetteerRecord = Organization | Person | Place
#: How a gazetteer entry is cited as its own source (data/sources.yaml finds it by this).
GAZETTEER_SOURCE = "crimegraph gazetteer"

#: What an identifier of each scheme of ``identifiers.csv`` must look like.
_IDENTIFIER_PATTERNS = {
    "wikidata": re.compile(r"^Q[1-9][0-9]*$"),
    "wikipedia": re.compile(r"^https://[a-z-]+\.wikipedia\.org/wiki/[^\s<>\"{}|\\^`#?]+$"),
}
_MATCHES = ("exact", "close")

#: An English Wikipedia page whose title DBpedia's resource IRI repeats unchanged: DBpedia
#: names the thing of http://en.wikipedia.org/wiki/Xyz http://dbpedia.org/resource/Xyz
#: ("DBpedia domains and URIs", mappings.dbpedia.org). Titles with percent-encoded letters
#: are left out: DBpedia has written them both as URIs and as IRIs over its releases.
_DBPEDIA_TITLE = re.compile(r"^https://en\.wikipedia\.org/wiki/([A-Za-z0-9_.()-]+)$")
DBPEDIA_SOURCE = ("DBpedia resource IRI: the English Wikipedia page's title under http://dbpedia.org/resource/ "
                  "(DBpedia domains and URIs, mappings.dbpedia.org)")


def dbpedia_resource(page: str) -> str | None:
    """The DBpedia resource of an English Wikipedia page, when its title is plain ASCII.

    >>> dbpedia_resource("https://en.wikipedia.org/wiki/Sinaloa_Cartel")
    'http://dbpedia.org/resource/Sinaloa_Cartel'
    >>> dbpedia_resource("https://en.wikipedia.org/wiki/Ju%C3%A1rez_Cartel") is None
    True
    """
    found = _DBPEDIA_TITLE.match(page)
    return f"http://dbpedia.org/resource/{found.group(1)}" if found else None


def gazetteer_files() -> list[Path]:
    """The curated entity records shipped in ``data/gazetteer/`` (YAML, record format)."""
    folder = resource_dir("data") / "gazetteer"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


@cache
def _load() -> tuple[GazetteerRecord, ...]:
    from crimegraph.ingest.records import read_records, to_model

    records: list[GazetteerRecord] = []
    for path in gazetteer_files():
        for item in read_records(path):
            if isinstance(item, CrimegraphError):
                raise InputError(f"the shipped gazetteer is broken: {item}")
            try:
                record = to_model(item)
            except CrimegraphError as exc:
                raise InputError(f"the shipped gazetteer is broken: {exc}") from exc
            if isinstance(record, (Organization, Person, Place)):
                # the entry itself is a source of what is written about the entity
                record.sources.insert(0, f"{GAZETTEER_SOURCE} (data/{path.parent.name}/{path.name})")
                add_identifiers(record)
                records.append(record)
    return tuple(records)


def gazetteer_records() -> list[GazetteerRecord]:
    """Every organization, person and place of the gazetteer, in file order (cached)."""
    return list(_load())


# ---------------------------------------------------------------------- identifiers
@dataclass(frozen=True)
class Identifier:
    """One row of ``identifiers.csv``: a shared identifier and where it was checked."""

    kind: str
    entity: str
    scheme: str
    identifier: str
    match: str
    source: str


def identifiers_file() -> Path:
    return resource_dir("data") / "gazetteer" / "identifiers.csv"


def read_identifiers(path: Path) -> dict[tuple[str, str], list[Identifier]]:
    """The rows of an identifiers table, by (kind, folded entity id or name).

    :raises InputError: naming the file, line and entity of a malformed row (an unknown
        scheme or match, an identifier or page IRI that is not well formed, no source).
    """
    found: dict[tuple[str, str], list[Identifier]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = Location(file=str(path), line=line)
            entity = (row.get("entity") or "").strip()
            scheme, value = (row.get("scheme") or "").strip(), (row.get("identifier") or "").strip()
            if not entity or row.get("kind") not in ("organization", "person", "place"):
                raise InputError("a row needs a kind (organization, person, place) and an entity", where)
            if scheme not in _IDENTIFIER_PATTERNS:
                raise InputError(f"{entity!r}: unknown scheme {scheme!r}; allowed: {', '.join(_IDENTIFIER_PATTERNS)}", where)
            if not _IDENTIFIER_PATTERNS[scheme].match(value):
                raise InputError(f"{entity!r}: {value!r} is not a well-formed {scheme} identifier", where)
            if row.get("match") not in _MATCHES:
                raise InputError(f"{entity!r}: match must be one of {', '.join(_MATCHES)}", where)
            if not (row.get("source") or "").strip():
                raise InputError(f"{entity!r}: {value} names no source where it was checked", where)
            item = Identifier(row["kind"], entity, scheme, value, row["match"], row["source"].strip())
            found.setdefault((item.kind, normalize_name(entity)), []).append(item)
    return found


@cache
def identifiers() -> dict[tuple[str, str], list[Identifier]]:
    path = identifiers_file()
    return read_identifiers(path) if path.is_file() else {}


@cache
def ucdp_actor_ids() -> tuple[dict[str, tuple[int, ...]], dict[str, str]]:
    """UCDP actor ids of the organizations of ``data/ucdp/actors.yaml`` by its org id (an
    actor that stands for one organization only: an alliance's id names no single one),
    and the folded names of those organizations → their id."""
    path = resource_dir("data") / "ucdp" / "actors.yaml"
    if not path.is_file():
        return {}, {}
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[int]] = {}
    for spec in doc.get("actors", {}).values():
        orgs = spec.get("orgs") or []
        if len(orgs) == 1:
            found.setdefault(orgs[0], []).append(int(spec["ucdp_id"]))
    names: dict[str, str] = {}  # folded names of actors.yaml organizations → their id
    for spec in doc.get("organizations", []):
        for name in [spec["name"], *spec.get("aliases", [])]:
            names.setdefault(normalize_name(name), spec["id"])
    return {k: tuple(sorted(set(v))) for k, v in found.items()}, names


def add_identifiers(record: GazetteerRecord) -> None:
    """Give a gazetteer (or ``actors.yaml``) record its rows of ``identifiers.csv`` and
    its UCDP actor ids, each source named in ``record.sources``."""
    kind = "organization" if isinstance(record, Organization) else "person" if isinstance(record, Person) else "place"
    keys = [record.key, record.name] if record.key else [record.name]
    for key in keys:
        for item in identifiers().get((kind, normalize_name(key)), []):
            if item.scheme == "wikidata" and item.match == "exact":
                record.wikidata = record.wikidata or item.identifier
            elif item.scheme == "wikidata":
                _append(record.close_matches, f"http://www.wikidata.org/entity/{item.identifier}")
            elif item.match == "exact":
                _append(record.pages, item.identifier)
            else:
                _append(record.close_matches, item.identifier)
            _append(record.sources, f"{item.scheme} {item.identifier}: {item.source}")
            exact_page = item.scheme == "wikipedia" and item.match == "exact"
            dbpedia = dbpedia_resource(item.identifier) if exact_page else None
            if dbpedia is not None:  # the thing the page is about: the entity itself
                _append(record.same_as, dbpedia)
                _append(record.sources, DBPEDIA_SOURCE)
    if isinstance(record, Organization):
        ids, names = ucdp_actor_ids()
        found = set(ids.get(record.key or "", ()))
        for name in [record.name, *record.aliases, *record.acronyms]:
            org_id = names.get(normalize_name(name))
            if org_id:
                found |= set(ids.get(org_id, ()))
        for value in sorted(found):
            if value not in record.ucdp_actor_ids:
                record.ucdp_actor_ids.append(value)
        if found:
            _append(record.sources, "UCDP GED actor ids: data/ucdp/actors.yaml")


def _append(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
