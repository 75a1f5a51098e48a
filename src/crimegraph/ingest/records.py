"""Structured records (JSON, JSON Lines, CSV, YAML) to model objects.

The record format is ``schema/records.schema.json``; every record is checked against it
and a failing record gets an error naming file, line or record number, field and what
the schema allows. Readers yield errors in line with records so that one bad record
does not stop a batch.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from crimegraph.errors import InputError, Location, RecordError
from crimegraph.ingest.files import decode_utf8, display_name, format_of, in_window, past_window, read_bytes, utf8_lines
from crimegraph.ingest.schema_check import compile_schema
from crimegraph.iri import canonical_url
from crimegraph.model import (
    ENTITY_KINDS,
    Article,
    Event,
    Evidence,
    Organization,
    Origin,
    PartialDate,
    Person,
    Place,
    Record,
    Ref,
    Role,
    normalize_text,
)
from crimegraph.resources import RECORD_SCHEMA_FILE, resource

RECORD_TYPES = ("article", "event", "organization", "person", "place")
LIST_SEPARATOR = "|"
#: Columns of the UCDP GED CSV: a file with them and no 'type' is UCDP, read by --from ucdp-ged.
UCDP_COLUMNS = frozenset({"type_of_violence", "side_a", "side_b", "best"})
MAX_JSON_DEPTH = 64


@dataclass
class RawRecord:
    data: dict[str, Any]
    origin: Origin

    @property
    def location(self) -> Location:
        return Location(file=self.origin.file, line=self.origin.line, record=self.origin.record)


# --------------------------------------------------------------------------- schema


@cache
def record_schema() -> dict[str, Any]:
    with resource("schema", RECORD_SCHEMA_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _validator(record_type: str) -> Draft202012Validator:
    schema = record_schema()
    sub = {"$ref": f"#/$defs/{record_type}", "$defs": schema["$defs"]}
    return Draft202012Validator(sub)


@cache
def _valid(record_type: str) -> Callable[[Any], bool]:
    """The fast check that a record of this type is valid (see :mod:`crimegraph.ingest.schema_check`);
    one that always says no when the schema cannot be compiled."""
    schema = record_schema()
    compiled = compile_schema(schema["$defs"][record_type], schema)
    return compiled if compiled is not None else lambda data: False


def _properties(record_type: str) -> dict[str, Any]:
    return record_schema()["$defs"][record_type]["properties"]


def _explain(error: ValidationError, record_type: str) -> tuple[str | None, str]:
    path = ".".join(str(p) for p in error.absolute_path) or None
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        field = ".".join(filter(None, [path, extra[0] if extra else None])) or None
        return field, f"unknown field for a {record_type} record; allowed fields: {allowed}"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        field = ".".join(filter(None, [path, missing]))
        return field, "required field is missing"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return path, f"{error.instance!r} is not allowed; allowed: {allowed}"
    if error.validator == "pattern":
        described = error.schema.get("description")
        hint = f" ({described})" if described else ""
        return path, f"{error.instance!r} is malformed{hint}"
    if error.validator == "oneOf" and path and "evidence" in path:
        return path, "must be an evidence object {article, text, start, end, …} or a list of them"
    if error.validator == "oneOf":
        return path, f"{error.instance!r} is not a valid reference: a name, 'KIND:NAME' or {{name, kind}}"
    return path, error.message


def check_record(data: Any, location: Location) -> str:
    """Check one record against the schema; return its type or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError(f"a record must be an object, found {type(data).__name__}", location)
    record_type = data.get("type")
    if record_type not in RECORD_TYPES:
        raise RecordError(
            f"{record_type!r} is not a record type{_closest(record_type, RECORD_TYPES)}; allowed: {', '.join(RECORD_TYPES)}",
            _with_field(location, "type"),
        )
    if _valid(record_type)(data):
        return record_type  # valid: jsonschema is asked only to explain what is wrong
    error = best_match(_validator(record_type).iter_errors(data))
    if error is not None:
        field, message = _explain(error, record_type)
        raise RecordError(message, _with_field(location, field))
    return record_type


def _closest(value: Any, allowed: tuple[str, ...]) -> str:
    """ " (did you mean 'event'?)" for a near miss such as 'Event' or 'evnet', else "".

    >>> _closest("Event", RECORD_TYPES)
    " (did you mean 'event'?)"
    """
    if not isinstance(value, str):
        return ""
    found = difflib.get_close_matches(value.casefold(), allowed, n=1, cutoff=0.6)
    return f" (did you mean {found[0]!r}?)" if found else ""


def _with_field(location: Location, field: str | None) -> Location:
    return Location(file=location.file, line=location.line, record=location.record, field=field)


# --------------------------------------------------------------------------- to model


def parse_ref(value: Any) -> Ref:
    if isinstance(value, dict):
        return Ref(name=value["name"].strip(), kind=value.get("kind"))
    text = str(value).strip()
    prefix, sep, rest = text.partition(":")
    if sep and prefix in ENTITY_KINDS and rest.strip():
        return Ref(name=rest.strip(), kind=prefix)
    return Ref(name=text)


def _date(data: dict[str, Any], name: str, location: Location) -> PartialDate | None:
    value = data.get(name)
    if value is None:
        return None
    try:
        return PartialDate.parse(str(value))
    except InputError as exc:
        raise RecordError(exc.message, _with_field(location, name)) from None


def _refs(values: list[Any] | None) -> list[Ref]:
    return [parse_ref(v) for v in values or []]


def _evidence(value: Any, location: Location) -> list[Evidence]:
    items = value if isinstance(value, list) else [value] if value else []
    found = []
    for i, item in enumerate(items):
        start = item.get("start", 0)
        end = item.get("end", start + len(item["text"]))
        if end < start:
            raise RecordError(f"end {end} is before start {start}", _with_field(location, f"evidence.{i}.end"))
        found.append(
            Evidence(
                article=item["article"],
                start=start,
                end=end,
                text=normalize_text(item["text"]),  # as the article's text is (records.to_model)
                confidence=float(item.get("confidence", 1.0)),
                extractor=item.get("extractor", "crimegraph-records"),
                extractor_version=item.get("extractor_version", "0"),
            )
        )
    return found


def _entity_fields(data: dict[str, Any], origin: Origin) -> dict[str, Any]:
    """The fields every entity record shares (see model.EntityRecord)."""
    return {
        "name": data["name"].strip(),
        "key": data.get("id"),
        "aliases": data.get("aliases", []),
        "description": data.get("description"),
        "wikidata": data.get("wikidata"),
        "same_as": data.get("same_as", []),
        "pages": data.get("pages", []),
        "close_matches": data.get("close_match", []),
        "ucdp_actor_ids": [int(i) for i in data.get("ucdp_actor_id", [])],
        "sources": data.get("sources", []),
        "origin": origin,
    }


def to_model(raw: RawRecord) -> Record:
    """Check a raw record and turn it into a model object (raises RecordError)."""
    data, origin, location = raw.data, raw.origin, raw.location
    record_type = check_record(data, location)
    if record_type == "organization":
        return Organization(
            **_entity_fields(data, origin),
            kind=data.get("kind", "organization"),
            acronyms=data.get("acronyms", []),
            country=parse_ref(data["country"]) if "country" in data else None,
            parent=parse_ref(data["parent"]) if "parent" in data else None,
        )
    if record_type == "person":
        roles = []
        for i, role in enumerate(data.get("roles", [])):
            role_location = _with_field(location, f"roles.{i}")
            roles.append(
                Role(
                    title=role["title"].strip(),
                    organization=parse_ref(role["organization"]) if "organization" in role else None,
                    jurisdiction=parse_ref(role["jurisdiction"]) if "jurisdiction" in role else None,
                    start=_date(role, "start", role_location),
                    end=_date(role, "end", role_location),
                    ended_before=_date(role, "ended_before", role_location),
                    held_on=_date(role, "held_on", role_location),
                )
            )
        return Person(
            **_entity_fields(data, origin),
            nationality=parse_ref(data["nationality"]) if "nationality" in data else None,
            roles=roles,
        )
    if record_type == "place":
        if ("latitude" in data) != ("longitude" in data):
            raise RecordError("latitude and longitude must be given together", _with_field(location, "latitude"))
        return Place(
            **_entity_fields(data, origin),
            kind=data.get("kind", "place"),
            iso_code=data.get("iso_code"),
            geonames_id=data.get("geonames"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            within=parse_ref(data["within"]) if "within" in data else None,
        )
    if record_type == "article":
        url = data.get("url")
        if url is not None:
            try:
                url = canonical_url(url)
            except InputError as exc:
                raise RecordError(exc.message, _with_field(location, "url")) from None
        text = data.get("text")
        return Article(
            title=" ".join(data["title"].split()),
            key=data.get("id"),
            url=url,
            date=_date(data, "date", location),
            authors=data.get("authors", []),
            publisher=data.get("publisher"),
            language=data.get("language"),
            section=data.get("section"),
            tags=data.get("tags", []),
            countries=_refs(data.get("countries")),
            mentions=_refs(data.get("mentions")),
            text=normalize_text(text) if text is not None else None,  # offsets stay valid: one character for one
            origin=origin,
        )
    participants = [
        (role, ref)
        for field, role in (
            ("actors", "actor"),
            ("targets", "target"),
            ("partners", "partner"),
            ("opponents", "opponent"),
            ("victims", "victim"),
        )
        for ref in _refs(data.get(field))
    ]
    event = Event(
        type=data["event_type"],
        key=data.get("id"),
        label=data.get("label"),
        description=data.get("description"),
        date=_date(data, "date", location),
        start=_date(data, "start", location),
        end=_date(data, "end", location),
        precision=data.get("precision"),
        place=parse_ref(data["place"]) if "place" in data else None,
        participants=participants,
        reported_in=data.get("reported_in", []),
        evidence=_evidence(data.get("evidence"), location),
        confidence=data.get("confidence"),
        modality=data.get("modality", "asserted"),
        fatalities=data.get("fatalities"),
        fatalities_low=data.get("fatalities_low"),
        fatalities_high=data.get("fatalities_high"),
        identifiers=data.get("identifiers", []),
        dataset=data.get("dataset", "records"),
        origin=origin,
    )
    if event.start and event.end and event.end < event.start:
        raise RecordError(f"end {event.end} is before start {event.start}", _with_field(location, "end"))
    return event


# --------------------------------------------------------------------------- readers


def _check_depth(value: Any, location: Location, depth: int = 0) -> None:
    if depth > MAX_JSON_DEPTH:
        raise RecordError(f"nested more than {MAX_JSON_DEPTH} levels deep", location)
    if isinstance(value, dict):
        for item in value.values():
            _check_depth(item, location, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_depth(item, location, depth + 1)


def _json_loads(text: str, location: Location) -> Any:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        line = (location.line or 1) + exc.lineno - 1
        raise RecordError(
            f"not valid JSON: {exc.msg}",
            Location(file=location.file, line=line, column=exc.colno, record=location.record),
        ) from None
    except RecursionError:
        raise RecordError(f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels)", location) from None
    _check_depth(value, location)
    return value


def read_json(path: Path | str) -> Iterator[RawRecord | RecordError]:
    name = display_name(path)
    text = decode_utf8(read_bytes(path), name, "JSON")
    if not text.strip():
        raise InputError("empty file: no records", Location(file=name))
    try:
        value = _json_loads(text, Location(file=name))
    except RecordError as exc:
        raise InputError(exc.message, exc.location) from None
    if isinstance(value, dict) and "records" in value and "type" not in value:
        value = value["records"]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise InputError(
            "a JSON record file holds an array of records, an object with a 'records' array, or one record",
            Location(file=name),
        )
    for index, item in enumerate(value, start=1):
        yield RawRecord(item, Origin(file=name, record=index))


def read_jsonl(path: Path | str) -> Iterator[RawRecord | RecordError]:
    """JSON Lines, streamed line by line (memory stays flat however long the file)."""
    name = display_name(path)
    empty = True
    for number, line in utf8_lines(path, "JSON Lines"):
        if not line.strip():
            continue
        empty = False
        if past_window(path, number):
            break
        if not in_window(path, number):
            continue
        location = Location(file=name, line=number)
        try:
            value = _json_loads(line, location)
        except RecordError as exc:
            yield exc
            continue
        yield RawRecord(value, Origin(file=name, line=number))
    if empty:
        raise InputError("empty file: no records", Location(file=name))


def _coerce_cell(value: str, spec: dict[str, Any], location: Location) -> Any:
    kind = spec.get("type")
    if kind == "array":
        if value.lstrip().startswith(("[", "{")):
            return _json_loads(value, location)
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    if kind == "integer":
        try:
            return int(value)
        except ValueError:
            raise RecordError(f"{value!r} is not a whole number", location) from None
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            raise RecordError(f"{value!r} is not a number", location) from None
    if kind == "object" or "oneOf" in spec and value.lstrip().startswith(("[", "{")):
        return _json_loads(value, location)
    return value


def _csv_record(row: dict[str, str], location: Location) -> dict[str, Any]:
    record: dict[str, Any] = {}
    record_type = (row.get("type") or "").strip()
    props = _properties(record_type) if record_type in RECORD_TYPES else {}
    for column, value in row.items():
        if value is None or not value.strip():
            continue
        value = value.strip()
        head, _, rest = column.partition(".")
        spec = props.get(head, {})
        if rest:
            sub = spec.get("properties", {}).get(rest, {})
            record.setdefault(head, {})[rest] = _coerce_cell(value, sub, _with_field(location, column))
        else:
            record[column] = _coerce_cell(value, spec, _with_field(location, column))
    return record


def read_csv(path: Path | str) -> Iterator[RawRecord | RecordError]:
    name = display_name(path)
    text = decode_utf8(read_bytes(path), name, "CSV")
    if not text.strip():
        raise InputError("empty file: no header and no records", Location(file=name))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(f"malformed CSV header: {exc}", Location(file=name, line=1)) from None
    known = {field for t in RECORD_TYPES for field in _properties(t)}
    unknown = [h for h in header if h.partition(".")[0] not in known]
    if "type" not in header:
        if UCDP_COLUMNS <= set(header):
            raise InputError("this is a UCDP GED file (it has the columns " + ", ".join(sorted(UCDP_COLUMNS))
                             + "): convert it with --from ucdp-ged", Location(file=name, line=1))
        raise InputError("CSV header has no 'type' column (article, event, organization, person or place)", Location(file=name, line=1))
    if unknown:
        raise InputError(
            f"unknown CSV column(s) {', '.join(map(repr, unknown))}; columns are record fields of "
            f"schema/records.schema.json",
            Location(file=name, line=1),
        )
    if len(set(header)) != len(header):
        raise InputError("CSV header repeats a column name", Location(file=name, line=1))
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if in_window(path, line):
                yield RecordError(f"malformed CSV row: {exc}", Location(file=name, line=line))
            return  # the csv module cannot resynchronise after a broken quote
        if past_window(path, line):
            return
        if not in_window(path, line):  # a piece of the file (LineWindow): by the row's first line
            continue
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        location = Location(file=name, line=line)
        if len(cells) != len(header):
            yield RecordError(f"row has {len(cells)} cells, the header has {len(header)} columns", location)
            continue
        try:
            yield RawRecord(_csv_record(dict(zip(header, cells)), location), Origin(file=name, line=line))
        except RecordError as exc:
            yield exc


def read_yaml(path: Path | str) -> Iterator[RawRecord | RecordError]:
    name = display_name(path)
    text = decode_utf8(read_bytes(path), name, "YAML")
    if not text.strip():
        raise InputError("empty file: no records", Location(file=name))
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("empty file: no records", Location(file=name))
        if isinstance(node, yaml.MappingNode):
            items = [node]
        elif isinstance(node, yaml.SequenceNode):
            items = node.value
        else:
            raise InputError("a YAML record file holds a list of records", Location(file=name))
        records = []
        for index, item in enumerate(items, start=1):
            line = item.start_mark.line + 1
            records.append(RawRecord(loader.construct_document(item), Origin(file=name, line=line, record=index)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            f"not valid YAML: {exc.problem or exc.context}",
            Location(file=name, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", Location(file=name)) from None
    finally:
        loader.dispose()
    for raw in records:
        try:
            _check_depth(raw.data, raw.location)
        except RecordError as exc:
            yield exc
            continue
        yield raw


RECORD_READERS = {"json": read_json, "jsonl": read_jsonl, "csv": read_csv, "yaml": read_yaml}


def read_records(path: Path | str, fmt: str | None = None) -> Iterator[RawRecord | RecordError]:
    """Raw records of one file, with record errors in line. File errors raise InputError."""
    fmt = fmt or format_of(path)
    if fmt not in RECORD_READERS:
        raise InputError(
            f"cannot tell the record format from the extension; allowed: "
            f".json, .jsonl, .ndjson, .csv, .yaml, .yml",
            Location(file=display_name(path)),
        )
    return RECORD_READERS[fmt](path)
