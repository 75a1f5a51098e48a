"""UCDP Georeferenced Event Dataset (GED) rows to crimegraph events.

``crimegraph convert --from ucdp-ged ged.csv`` reads the CSV with a streaming reader (one
row in memory at a time) and yields, per row, the entity records the row names (the
organizations of both sides, its state, municipality and point location; each once per
file) followed by one :class:`~crimegraph.model.Event` — or one :class:`RecordError`
naming the UCDP id, the line and the reason when the row cannot be mapped. The reader
returns the number of rows read, so that read = converted + rejected can be checked.

The mappings (actor names → organization ids, violence types, date precisions, state
aliases) are data: ``data/ucdp/*.yaml``; the reasoning is in ``data/ucdp/README.md``.
UCDP data: CC BY 4.0, Sundberg & Melander (2013), Journal of Peace Research 50(4).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pycountry
import yaml

from crimegraph.errors import InputError, Location, RecordError, RecordWarning
from crimegraph.ingest import geo
from crimegraph.ingest.files import display_name, in_window, past_window
from crimegraph.ingest.gazetteer import add_identifiers, gazetteer_records
from crimegraph.ingest.registry import register_sniffer, register_source
from crimegraph.iri import normalize_name
from crimegraph.model import (
    Event,
    Organization,
    Origin,
    PartialDate,
    Place,
    Record,
    Ref,
)

DATASET = "ucdp-ged"
COUNTRY_CODE = "MX"  # the country the state mapping is for; other countries are rejected
REQUIRED_COLUMNS = (
    "id", "relid", "type_of_violence", "conflict_new_id", "dyad_new_id", "side_a", "side_b",
    "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec",
    "date_start", "date_end", "best", "high", "low",
)
COUNTRY_PRECISION = "6"  # where_prec: only the country is known
DEATH_COLUMNS = {"deaths_a": "side-a", "deaths_b": "side-b", "deaths_civilians": "civilians", "deaths_unknown": "unknown"}


# ----------------------------------------------------------------------------- mappings


@dataclass(frozen=True)
class Actor:
    """One UCDP actor name: the crimegraph organizations it stands for."""

    name: str
    ucdp_id: int
    orgs: tuple[str, ...]
    civilians: bool = False


@dataclass(frozen=True)
class Mappings:
    actors: dict[str, Actor]
    organizations: dict[str, Organization]
    violence: dict[int, dict[str, str]]
    date_precisions: dict[int, str]
    state_aliases: dict[str, str]
    state_labels: dict[str, dict[str, Any]]
    municipality_suffix: re.Pattern[str]


def _data_file(name: str) -> Path:
    from crimegraph.resources import resource

    return resource("data", f"ucdp/{name}")


@cache
def mappings() -> Mappings:
    """The mapping files of ``data/ucdp/``, read once per process."""
    with _data_file("actors.yaml").open(encoding="utf-8") as fh:
        actors_doc = yaml.safe_load(fh)
    with _data_file("mappings.yaml").open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    actors = {
        name: Actor(name=name, ucdp_id=int(spec["ucdp_id"]), orgs=tuple(spec.get("orgs", ())),
                    civilians=bool(spec.get("civilians", False)))
        for name, spec in actors_doc["actors"].items()
    }
    organizations = {
        spec["id"]: Organization(
            name=spec["name"], kind=spec.get("kind", "organization"), key=spec["id"],
            aliases=list(spec.get("aliases", [])), acronyms=list(spec.get("acronyms", [])),
            country=Ref(spec["country"], "place") if spec.get("country") else None,
            parent=Ref(spec["parent"], "organization") if spec.get("parent") else None,
            sources=["UCDP GED actor list (data/ucdp/actors.yaml)"],
        )
        for spec in actors_doc["organizations"]
    }
    for organization in organizations.values():
        add_identifiers(organization)  # UCDP actor ids, identifiers.csv rows
    suffixes = "|".join(re.escape(s) for s in doc["municipality_suffixes"])
    return Mappings(
        actors=actors,
        organizations=organizations,
        violence={int(k): v for k, v in doc["violence_types"].items()},
        date_precisions={int(k): v for k, v in doc["date_precisions"].items()},
        state_aliases={normalize_name(k): v for k, v in doc["state_aliases"].items()},
        state_labels=doc.get("state_labels", {}),
        municipality_suffix=re.compile(rf"\s+(?:{suffixes})$", re.IGNORECASE),
    )


@cache
def gazetteer_ids() -> frozenset[str]:
    """Organization ids of the shipped gazetteer: they win over data/ucdp definitions."""
    return frozenset(r.key for r in gazetteer_records() if r.key)


@cache
def gazetteer_names() -> dict[str, frozenset[str]]:
    """Folded names, aliases and acronyms of the gazetteer's organizations → their
    reference (id, or name when the entry has no id)."""
    found: dict[str, set[str]] = {}
    for record in gazetteer_records():
        if isinstance(record, Organization):
            ref = record.key or record.name
            for name in [record.name, *record.aliases, *record.acronyms]:
                found.setdefault(normalize_name(name), set()).add(ref)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def _curated_organizations() -> tuple[Organization, ...]:
    found = []
    for org_id, definition in mappings().organizations.items():
        if org_ref(org_id) != org_id:
            continue  # the gazetteer describes it
        parent = definition.parent
        if parent is not None:
            parent = Ref(org_ref(parent.name), "organization")
        found.append(Organization(**{**definition.__dict__, "parent": parent}))
    return tuple(found)


def curated_organizations() -> list[Organization]:
    """The organizations UCDP names that the gazetteer lacks (``data/ucdp/actors.yaml``),
    as records with their curated ids: entries the conversion identifies them by, so
    that an article naming "CRAC-PF" and UCDP's actor are one node."""
    import copy

    return [copy.copy(record) for record in _curated_organizations()]


@cache
def org_ref(org_id: str) -> str:
    """How a row refers to an organization of actors.yaml: by the gazetteer's id or name
    when the gazetteer knows it (by id, or by one of the names in actors.yaml), so that
    UCDP and the news share one node; else by the id defined in actors.yaml."""
    if org_id in gazetteer_ids():
        return org_id
    definition = mappings().organizations.get(org_id)
    if definition is None:
        return org_id
    hits: set[str] = set()
    for name in [definition.name, *definition.aliases]:
        hits |= gazetteer_names().get(normalize_name(name), frozenset())
    return next(iter(hits)) if len(hits) == 1 else org_id


@cache
def _subdivisions() -> dict[str, str]:
    """Folded ISO 3166-2 subdivision names of the country → code (from pycountry)."""
    return {normalize_name(s.name): s.code for s in pycountry.subdivisions.get(country_code=COUNTRY_CODE)}


_STATE_SUFFIX = re.compile(r"\s+state$", re.IGNORECASE)


def state_code(adm_1: str) -> str | None:
    """ISO 3166-2 code of a UCDP ``adm_1`` name, or None.

    "Sinaloa state" → MX-SIN; "Michoacán state" → MX-MIC (pycountry: "Michoacán de Ocampo");
    "Distrito Federal" → MX-CMX (an alias in data/ucdp/mappings.yaml).

    >>> state_code("Michoacán state"), state_code("Baja California state"), state_code("Distrito Federal")
    ('MX-MIC', 'MX-BCN', 'MX-CMX')
    """
    folded = normalize_name(_STATE_SUFFIX.sub("", adm_1.strip()))
    if not folded:
        return None
    table = mappings().state_aliases
    if folded in table:
        return table[folded]
    names = _subdivisions()
    if folded in names:
        return names[folded]
    longer = [code for name, code in names.items() if name.startswith(folded + " ")]
    return longer[0] if len(longer) == 1 else None


def state_place(code: str, ucdp_name: str) -> Place:
    found = pycountry.subdivisions.get(code=code)
    label = mappings().state_labels.get(code, {})
    name = label.get("name") or found.name
    aliases = {found.name, _STATE_SUFFIX.sub("", ucdp_name).strip(), *label.get("aliases", [])} - {name, ""}
    # "México" (the state) must not become a second name of Mexico (the country)
    aliases = {a for a in aliases if geo.country(normalize_name(a)) is None}
    return Place(name=name, kind="state", iso_code=code, aliases=sorted(aliases), within=Ref(COUNTRY_CODE, "place"),
                 sources=[f"pycountry {version('pycountry')} (ISO 3166-2)"])


# ----------------------------------------------------------------------------- rows


class RowError(Exception):
    """A row that cannot be mapped; the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _int(row: dict[str, str], column: str, minimum: int | None = 0) -> int:
    text = (row.get(column) or "").strip()
    try:
        value = int(text)
    except ValueError:
        raise RowError(column, f"{column} {text!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise RowError(column, f"{column} {value} is below {minimum}")
    return value


def _float(row: dict[str, str], column: str, limit: float) -> float:
    text = (row.get(column) or "").strip()
    try:
        value = float(text)
    except ValueError:
        raise RowError(column, f"{column} {text!r} is not a number") from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise RowError(column, f"{column} {text} is outside -{limit:g}..{limit:g}")
    return value


def _date(row: dict[str, str], column: str) -> PartialDate:
    text = (row.get(column) or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise RowError(column, f"{column} {text!r} is not a date YYYY-MM-DD")
    try:
        return PartialDate.parse(text)
    except InputError as exc:
        raise RowError(column, exc.message) from None


def _coordinate_key(lat: float, lon: float) -> str:
    return f"{'n' if lat >= 0 else 's'}{abs(lat)!r} {'e' if lon >= 0 else 'w'}{abs(lon)!r}"


def _split_sources(text: str) -> list[str]:
    """UCDP's ``source_article``: one or more ``"Office,date,headline"`` joined by ``;``."""
    parts = [p.strip().strip('"').strip() for p in re.split(r'";\s*"', text.strip())]
    return [re.sub(r"\s+", " ", p) for p in parts if p]


class RowMapper:
    """Maps rows to records; remembers which entity records it already yielded."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.maps = mappings()
        self._yielded: set[tuple[str, str]] = set()

    # entity records, each yielded once per file
    def _once(self, kind: str, key: str) -> bool:
        if (kind, key) in self._yielded:
            return False
        self._yielded.add((kind, key))
        return True

    def _organizations(self, org_id: str, origin: Origin) -> Iterator[Organization]:
        definition = self.maps.organizations.get(org_id)
        if definition is None or org_ref(org_id) != org_id or not self._once("organization", org_id):
            return  # the gazetteer describes it
        parent = definition.parent
        if parent is not None:
            yield from self._organizations(parent.name, origin)
            parent = Ref(org_ref(parent.name), "organization")
        yield Organization(**{**definition.__dict__, "parent": parent, "origin": origin})

    def _side(self, row: dict[str, str], column: str) -> Actor:
        name = (row.get(column) or "").strip()
        if not name:
            raise RowError(column, f"{column} is empty")
        actor = self.maps.actors.get(name)
        if actor is None:
            raise RowError(column, f"{column} {name!r} is not in data/ucdp/actors.yaml; add it there")
        return actor

    def map(self, row: dict[str, str], origin: Origin) -> tuple[list[Record], Event, list[str]]:
        """The entity records a row names (not yet yielded), its event, and warnings
        about values of the row that could not be kept as they are."""
        ucdp_id = (row.get("id") or "").strip()
        if not re.fullmatch(r"\d+", ucdp_id):
            raise RowError("id", f"id {ucdp_id!r} is not a UCDP event id (a whole number)")
        violence_code = _int(row, "type_of_violence", minimum=None)
        violence = self.maps.violence.get(violence_code)
        if violence is None:
            allowed = ", ".join(str(k) for k in sorted(self.maps.violence))
            raise RowError("type_of_violence", f"type_of_violence {violence_code} is unknown; allowed: {allowed}")
        date_code = _int(row, "date_prec")
        precision = self.maps.date_precisions.get(date_code)
        if precision is None:
            raise RowError("date_prec", f"date_prec {date_code} is unknown; allowed: {', '.join(map(str, sorted(self.maps.date_precisions)))}")
        start, end = _date(row, "date_start"), _date(row, "date_end")
        if end < start:
            raise RowError("date_end", f"date_end {end} is before date_start {start}")
        lat, lon = _float(row, "latitude", 90), _float(row, "longitude", 180)
        country = (row.get("country") or "").strip()
        if normalize_name(country) != "mexico":
            raise RowError("country", f"country {country!r}: only Mexico's states are mapped (ISO 3166-2 MX)")
        best, low, high = _int(row, "best"), _int(row, "low"), _int(row, "high")
        deaths = {side: _int(row, column) for column, side in DEATH_COLUMNS.items() if (row.get(column) or "").strip()}
        side_a, side_b = self._side(row, "side_a"), self._side(row, "side_b")
        if side_a.civilians:
            raise RowError("side_a", "side_a is 'Civilians'; UCDP's civilians are only ever side B")
        if side_b.civilians and violence["side_b"] != "victim":
            raise RowError("side_b", f"side_b is 'Civilians' but type_of_violence is {violence_code}, not one-sided")

        warnings = []
        if low > high:
            warnings.append(f"low estimate {low} > high estimate {high}: the event is kept with its best "
                            f"estimate {best}; cg:fatalitiesLow/High are left out")
        records: list[Record] = []
        for org_id in side_a.orgs + side_b.orgs:
            records.extend(self._organizations(org_id, origin))
        place_key, place_records = self._place(row, lat, lon, origin)
        records.extend(place_records)

        participants = [("actor", Ref(org_ref(org), "organization")) for org in side_a.orgs]
        participants += [(violence["side_b"], Ref(org_ref(org), "organization")) for org in side_b.orgs]
        identifiers = [
            f"ucdp-ged:{ucdp_id}",
            f"ucdp-relid:{(row.get('relid') or '').strip()}",
            f"ucdp-conflict:{(row.get('conflict_new_id') or '').strip()}",
            f"ucdp-dyad:{(row.get('dyad_new_id') or '').strip()}",
            f"ucdp-side-a:{side_a.ucdp_id}",
            f"ucdp-side-b:{side_b.ucdp_id}",
        ]
        event = Event(
            type=violence["event_type"],
            key=f"ucdp-ged:{ucdp_id}",  # also its identifier: the IRI is event/ucdp-ged-<id>-<digest>
            label=self._label(violence, side_a, side_b, start),
            description=f"UCDP {violence['label']}: {side_a.name} – {side_b.name}",
            start=start,
            end=end,
            precision=precision,
            place=Ref(place_key, "place"),
            participants=participants,
            confidence=1.0,
            fatalities=best,
            # UCDP's low/high are kept only when consistent (low ≤ high); see README
            fatalities_low=low if low <= high else None,
            fatalities_high=high if low <= high else None,
            deaths=deaths,
            identifiers=[i for i in identifiers if not i.endswith(":")],
            sources=_split_sources(row.get("source_article") or ""),
            dataset=DATASET,
            origin=origin,
        )
        return records, event, warnings

    @staticmethod
    def _label(violence: dict[str, str], side_a: Actor, side_b: Actor, start: PartialDate) -> str:
        other = "civilians" if side_b.civilians else side_b.name
        joiner = " against " if violence["side_b"] == "victim" else " vs "
        return f"{violence['event_type']}: {side_a.name}{joiner}{other} ({start})"

    def _place(self, row: dict[str, str], lat: float, lon: float, origin: Origin) -> tuple[str, list[Record]]:
        """The point location within its municipality within its state within Mexico."""
        records: list[Record] = []
        adm_1, adm_2 = (row.get("adm_1") or "").strip(), (row.get("adm_2") or "").strip()
        parent = COUNTRY_CODE
        if adm_1:
            code = state_code(adm_1)
            if code is None:
                raise RowError("adm_1", f"adm_1 {adm_1!r} names no ISO 3166-2 subdivision of Mexico; add it to state_aliases in data/ucdp/mappings.yaml")
            if self._once("place", code):
                records.append(Place(**{**state_place(code, adm_1).__dict__, "origin": origin}))
            parent = code
            if adm_2:
                name = self.maps.municipality_suffix.sub("", adm_2).strip()
                key = f"{code}-{name}"
                if self._once("place", key):
                    records.append(Place(name=name, kind="municipality", key=key, within=Ref(code, "place"),
                                         aliases=[adm_2] if adm_2 != name else [], origin=origin))
                parent = key
        elif adm_2:
            raise RowError("adm_2", f"adm_2 {adm_2!r} is given without adm_1")
        name = (row.get("where_coordinates") or "").strip() or (row.get("where_description") or "").strip() or "UCDP location"
        if (row.get("where_prec") or "").strip() == COUNTRY_PRECISION or geo.country(normalize_name(name)):
            # known only to the country: the event is in Mexico (UCDP's point is its centroid)
            if parent != COUNTRY_CODE:
                raise RowError("where_prec", f"where_prec {COUNTRY_PRECISION} (country) but adm_1 {adm_1!r} is given")
            return COUNTRY_CODE, records
        key = f"ucdp {name} {_coordinate_key(lat, lon)} in {parent}"
        if self._once("place", key):
            records.append(Place(name=name, kind="place", key=key, latitude=lat, longitude=lon,
                                 within=Ref(parent, "place"), origin=origin))
        return key, records


@register_source(DATASET)
def read_ucdp_ged(path: Path | str) -> Iterator[Record | RecordError]:
    """Stream a UCDP GED CSV: entity records and events, or one error per bad row.

    Returns (as the generator's value) the number of data rows read (of the window, for
    a :class:`~crimegraph.ingest.files.LineWindow`).
    """
    name = display_name(path)
    rows = kept = 0
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"not a UCDP GED CSV: missing column(s) {', '.join(missing)}", Location(file=name, line=1))
        mapper = RowMapper(name)
        line = reader.line_num
        for row in reader:
            rows += 1
            first_line, line = line + 1, reader.line_num
            if past_window(path, first_line):
                break
            if not in_window(path, first_line):  # a piece of the file (LineWindow)
                continue
            kept += 1
            origin = Origin(file=name, line=first_line, record=rows)
            if None in row or any(v is None for v in row.values()):
                yield RecordError(f"UCDP id {(row.get('id') or '?').strip() or '?'}: the row has "
                                  f"{'more' if None in row else 'fewer'} cells than the header",
                                  Location(file=name, line=first_line, record=rows))
                continue
            try:
                records, event, warnings = mapper.map(row, origin)
            except RowError as exc:
                ucdp_id = (row.get("id") or "").strip() or "(missing)"
                yield RecordError(f"UCDP id {ucdp_id}: {exc}", Location(file=name, line=first_line, record=rows, field=exc.field))
                continue
            yield from records
            yield event
            for warning in warnings:
                yield RecordWarning(f"UCDP id {row['id'].strip()}: {warning}", Location(file=name, line=first_line, record=rows))
    return kept


@register_sniffer
def sniff_ucdp_ged(path: Path | str, fmt: str | None) -> str | None:
    """``ucdp-ged`` for a ``.csv`` file whose header has every column the reader needs
    (so that UCDP files and articles convert in one run without ``--from``)."""
    if fmt != "csv" or str(path) == "-":
        return None
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader([fh.readline(1 << 20)]), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return DATASET if set(REQUIRED_COLUMNS) <= {h.strip() for h in header} else None

