"""The compiled record check (crimegraph.ingest.schema_check) says exactly what
jsonschema says: valid or not, for the shipped example records and for every record
made from them by dropping, adding or replacing a field (with values of every JSON type,
empty, malformed and out of range)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from crimegraph.ingest.records import RECORD_TYPES, _valid, _validator, record_schema
from crimegraph.ingest.schema_check import compile_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
ODD_VALUES = [None, True, False, 0, 1, -1, 1.0, 1.5, 2.5, -0.5, "", "x", "organization", "2020-02-30", "16/10/2012",
              "2020-03", "https://example.org/a", "not a url", [], ["x"], [""], [1], [{"name": "x"}], {},
              {"name": "x"}, {"name": "x", "kind": "gang"}, {"name": "x", "kind": "person"}, {"name": ""},
              {"article": "a", "text": "t"}, {"article": "a", "text": "t", "start": -1},
              {"article": "a", "text": "t", "confidence": 1.5}, [{"article": "a", "text": "t", "end": 3.0}]]


def example_records() -> list[dict]:
    found: list[dict] = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".jsonl":
            found += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            found += data if isinstance(data, list) else [data]
        elif path.suffix == ".yaml":
            found += yaml.safe_load(path.read_text(encoding="utf-8"))
    return [r for r in found if isinstance(r, dict) and r.get("type") in RECORD_TYPES]


def variants(record: dict) -> list[dict]:
    """The record, and records that differ from it in one field (or one list item)."""
    out = [record, {**record, "unknown_field": 1}]
    for key, value in record.items():
        out.append({k: v for k, v in record.items() if k != key})
        out += [{**record, key: odd} for odd in ODD_VALUES]
        if isinstance(value, list) and value:
            out += [{**record, key: [odd, *copy.deepcopy(value[1:])]} for odd in ODD_VALUES]
        if isinstance(value, dict):
            out += [{**record, key: {**value, inner: odd}} for inner in value for odd in ODD_VALUES[:12]]
    return out


def jsonschema_valid(record_type: str, record: dict) -> bool:
    return not any(True for _ in _validator(record_type).iter_errors(record))


def test_the_examples_are_many_and_valid() -> None:
    records = example_records()
    assert len({r["type"] for r in records}) == len(RECORD_TYPES)
    assert all(_valid(r["type"])(r) for r in records)


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_the_fast_check_agrees_with_jsonschema(record_type: str) -> None:
    checked = valid = 0
    for record in example_records():
        if record["type"] != record_type:
            continue
        for variant in variants(record):
            expected = jsonschema_valid(record_type, variant)
            assert _valid(record_type)(variant) is expected, variant
            checked += 1
            valid += expected
    assert checked > 100 and 0 < valid < checked


def test_a_schema_with_another_keyword_is_not_compiled() -> None:
    root = record_schema()
    assert compile_schema(root["$defs"]["article"], root) is not None
    assert compile_schema({"type": "string", "maxLength": 3}, root) is None
    assert compile_schema({"$ref": "#/$defs/nothing"}, root) is None
    assert compile_schema({"enum": [1, 2]}, root) is None
