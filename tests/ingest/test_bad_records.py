"""Bad input gets an error naming file, line or record, field and what is allowed —
never a traceback — and the good records of the batch are still converted."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.convert import convert

runner = CliRunner()
GOOD = '{"type": "organization", "name": "Gulf Cartel", "kind": "criminal-group"}\n'

# (file name, content, substrings the error must contain)
CASES = [
    ("missing-field.jsonl", GOOD + '{"type": "organization", "kind": "criminal-group"}\n',
     [":2", "field 'name'", "required field is missing"]),
    ("malformed-date.jsonl", GOOD + '{"type": "event", "event_type": "arrest", "date": "16/10/2012"}\n',
     [":2", "field 'date'", "'16/10/2012' is malformed", "YYYY-MM-DD"]),
    ("impossible-date.jsonl", GOOD + '{"type": "event", "event_type": "arrest", "date": "2019-02-30"}\n',
     [":2", "field 'date'", "2019-02 has days 01-28"]),
    ("unknown-event-type.jsonl", GOOD + '{"type": "event", "event_type": "arest"}\n',
     [":2", "field 'event_type'", "'arest' is not allowed", "arrest"]),
    ("unknown-record-type.jsonl", GOOD + '{"type": "gang", "name": "MS13"}\n',
     [":2", "field 'type'", "allowed: article, event, organization, person, place"]),
    ("unknown-field.jsonl", GOOD + '{"type": "person", "name": "X", "age": 40}\n',
     [":2", "field 'age'", "unknown field", "allowed fields:"]),
    ("wrong-type.jsonl", GOOD + '{"type": "place", "name": "X", "latitude": "north"}\n',
     [":2", "field 'latitude'", "'north'"]),
    ("bad-json-line.jsonl", GOOD + '{"type": "organization", "name": \n',
     [":2", "not valid JSON"]),
    ("unresolved-reference.jsonl", GOOD + '{"type": "event", "event_type": "arrest", "actors": ["Nobody Known"]}\n',
     [":2", "field 'actors'", "'Nobody Known' names no", "organization:Nobody Known"]),
    ("broken-row.csv", "type,name,kind\norganization,Gulf Cartel,criminal-group\norganization,Extra,criminal-group,surplus\n",
     [":3", "row has 4 cells, the header has 3 columns"]),
    ("bad-number.csv", "type,name,latitude,longitude\nplace,Gulf Cartel Town,12.5,-99\nplace,X,north,-99\n",
     [":3", "field 'latitude'", "'north' is not a number"]),
    ("unknown-column.csv", "type,name,colour\norganization,Gulf Cartel,red\n",
     ["unknown CSV column(s) 'colour'"]),
    ("no-type-column.csv", "name,kind\nGulf Cartel,criminal-group\n",
     ["no 'type' column"]),
    ("bad-indent.yaml", "- type: organization\n  name: Gulf Cartel\n - type: person\n",
     ["bad-indent.yaml:3", "not valid YAML"]),
    ("invalid-utf8.jsonl", b'{"type": "organization", "name": "Caf\xe9"}\n',
     [":1:", "invalid UTF-8 (byte 0xe9)"]),
    ("binary.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     ["binary data (NUL bytes), not JSON"]),
    ("is-csv-not-json.json", "type,name\norganization,Gulf Cartel\n",
     ["is-csv-not-json.json:1:1", "not valid JSON"]),
    ("empty.jsonl", "", ["empty file"]),
    ("not-records.json", '"just a string"', ["a JSON record file holds an array of records"]),
    ("deep.json", "[" * 5000 + "]" * 5000, ["nested"]),
    ("end-before-start.jsonl", GOOD + '{"type": "event", "event_type": "clash", "start": "2020-02", "end": "2020-01"}\n',
     [":2", "field 'end'", "before start"]),
]


@pytest.mark.parametrize("name,content,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_precisely(tmp_path: Path, name: str, content, expected: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / "out.nt"
    result = runner.invoke(app, ["convert", str(path), "-o", str(out), "--no-gazetteer"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert str(path) in result.output
    for fragment in expected:
        assert fragment in result.output, (fragment, result.output)
    if convert([path], gazetteer=False).stats.records:
        assert result.exit_code == 0  # lenient by default: the rest of the batch is converted
        if GOOD in (content if isinstance(content, str) else ""):
            assert "gulf-cartel" in out.read_text(), "the good record of the batch must still be converted"
    else:  # every record (or the file) rejected: exit 2 and nothing written
        assert result.exit_code == 2 and "nothing to convert" in result.output and not out.exists(), result.output
    strict = runner.invoke(app, ["convert", str(path), "-o", str(tmp_path / "strict.nt"), "--strict", "--no-gazetteer"])
    assert strict.exit_code == 1
    assert not (tmp_path / "strict.nt").exists()
    assert not list(tmp_path.glob("*.crimegraph-tmp"))


def test_missing_input_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.nt")])
    assert "nope.json: no such file" in result.output
    assert result.exit_code == 2 and not (tmp_path / "o.nt").exists()


def test_unparseable_rdf_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n  ex:d .\n")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:4" in result.output and "not valid turtle" in result.output


def test_api_collects_problems(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(GOOD + '{"type": "organization"}\n')
    seen = []
    result = convert([path], gazetteer=False, on_problem=seen.append)
    assert result.stats.records == 1 and result.stats.rejected == 1
    assert len(result.problems) == 1 and seen == result.problems
    assert result.problems[0].location.line == 2
    assert result.problems[0].location.field == "name"


@pytest.mark.parametrize("source", ["ucdp-ged", "text", "html", "insightcrime-jsonl", "jsonl"])
def test_missing_file_of_any_source_is_reported_not_a_traceback(tmp_path: Path, source: str) -> None:
    missing = tmp_path / "missing.input"
    result = runner.invoke(app, ["convert", "--from", source, str(missing), "-o", str(tmp_path / "o.nq"), "--no-extract"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert f"{missing}: no such file" in result.output and result.exit_code == 2 and not (tmp_path / "o.nq").exists()
