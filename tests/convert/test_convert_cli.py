"""`crimegraph convert` and `crimegraph validate` as a user runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.rdf.io import RdfFormat

runner = CliRunner()


@pytest.fixture(scope="module")
def examples(root: Path) -> list[str]:
    folder = root / "data" / "examples"
    return [str(p) for p in sorted(folder.glob("*")) if p.suffix in (".json", ".jsonl", ".csv", ".yaml")]


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_convert_and_validate_bundled_examples(tmp_path: Path, examples: list[str]) -> None:
    out = tmp_path / "graph.ttl"
    result = run("convert", *examples, "-o", str(out), "--validate")
    assert result.exit_code == 0, result.output
    assert "0 rejected" in result.output
    graph = Graph().parse(out)
    assert len(graph) > 300
    check = run("validate", str(out))
    assert check.exit_code == 0, check.output
    assert "Conforms" in check.output


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_every_format_round_trips(tmp_path: Path, examples: list[str], fmt: RdfFormat) -> None:
    reference = tmp_path / "reference.nq"
    assert run("convert", *examples, "-o", str(reference)).exit_code == 0
    want = Dataset().parse(reference, format="nquads")
    out = tmp_path / "out.data"
    result = run("convert", *examples, "-o", str(out), "--format", fmt.value)
    assert result.exit_code == 0, result.output
    got = Dataset()
    if fmt is RdfFormat.jsonld:
        from crimegraph.rdf.io import parse_rdf

        got = parse_rdf(out, RdfFormat.jsonld)
    else:
        got.parse(out, format=fmt.rdflib_name)
    triples = lambda d: {(s, p, o) for s, p, o, _ in d.quads((None, None, None, None))}  # noqa: E731
    assert triples(got) == triples(want)
    if fmt.is_quads:
        graphs = lambda d: {g.identifier if hasattr(g, "identifier") else g for *_, g in d.quads((None, None, None, None))}  # noqa: E731
        assert graphs(got) == graphs(want)
        assert any("/graph/article/" in str(g) for g in graphs(got)), "each article is its own named graph"


def test_output_format_from_extension_and_stdout(tmp_path: Path, examples: list[str]) -> None:
    result = run("convert", *examples, "-o", "-", "--format", "ntriples", "--quiet")
    assert result.exit_code == 0
    assert result.stdout.count(" .\n") > 300
    assert run("convert", *examples, "-o", str(tmp_path / "x.unknown")).exit_code == 2


def test_conversion_is_deterministic(tmp_path: Path, examples: list[str]) -> None:
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    assert run("convert", *examples, "-o", str(a)).exit_code == 0
    assert run("convert", *reversed(examples), "-o", str(b)).exit_code == 0
    assert sorted(a.read_bytes().splitlines()) == sorted(b.read_bytes().splitlines())


def test_same_entity_in_two_files_gets_one_iri(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"type":"organization","name":"Los Zetas","aliases":["Zetas"],"kind":"criminal-group"}\n')
    (tmp_path / "b.yaml").write_text("- type: event\n  event_type: presence\n  actors: [Zetas]\n  place: Mexico\n")
    out = tmp_path / "out.nt"
    assert run("convert", str(tmp_path / "a.jsonl"), str(tmp_path / "b.yaml"), "-o", str(out), "--no-gazetteer").exit_code == 0
    text = out.read_text()
    assert text.count("<https://w3id.org/crimegraph/id/organization/zetas> <http://www.w3.org/2000/01/rdf-schema#label>") == 1
    assert "<https://w3id.org/crimegraph/ontology#actor> <https://w3id.org/crimegraph/id/organization/zetas>" in text


def test_base_namespace_option(tmp_path: Path, examples: list[str]) -> None:
    out = tmp_path / "out.nt"
    assert run("convert", *examples, "-o", str(out), "--base", "https://example.org/kg/").exit_code == 0
    assert "<https://example.org/kg/organization/" in out.read_text()
    assert "w3id.org/crimegraph/id/" not in out.read_text()
    bad = run("convert", *examples, "-o", str(out), "--base", "not an iri")
    assert bad.exit_code == 2 and "base namespace" in bad.output


def test_validate_failure_writes_nothing(tmp_path: Path) -> None:
    # an event whose participant is an event breaks a shape, not the record schema
    (tmp_path / "in.yaml").write_text(
        "- type: place\n  name: Atlantis\n  kind: country\n"  # no ISO code can be found
    )
    out = tmp_path / "out.ttl"
    result = run("convert", str(tmp_path / "in.yaml"), "-o", str(out), "--validate")
    assert result.exit_code == 1
    assert "iso3166Code" in result.output and "was not written" in result.output
    assert not out.exists()
    assert not list(tmp_path.glob("*.crimegraph-tmp"))


def test_validate_reports_in_three_formats(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
        "<https://w3id.org/crimegraph/id/event/x> a sem:Event .\n"
    )
    text = run("validate", str(bad))
    assert text.exit_code == 1
    assert "focus node: https://w3id.org/crimegraph/id/event/x" in text.output
    assert "path:       sem:eventType" in text.output
    as_json = run("validate", str(bad), "--format", "json")
    report = json.loads(as_json.output)
    assert report["conforms"] is False
    assert {r["constraint"] for r in report["results"]} >= {"MinCountConstraintComponent"}
    as_turtle = run("validate", str(bad), "--format", "turtle")
    graph = Graph().parse(data=as_turtle.output, format="turtle")
    assert len(graph) > 10 and "ValidationReport" in as_turtle.output


def test_strict_fails_and_writes_nothing(tmp_path: Path, examples: list[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"event","event_type":"arrest","date":"2020-13-01"}\n')
    out = tmp_path / "out.nt"
    lenient = run("convert", *examples, str(bad), "-o", str(out))
    assert lenient.exit_code == 0 and "1 rejected" in lenient.output
    assert f"{bad}:1" in lenient.output and "month 13" in lenient.output
    out.unlink()
    strict = run("convert", *examples, str(bad), "-o", str(out), "--strict")
    assert strict.exit_code == 1 and not out.exists()


def test_records_from_stdin(tmp_path: Path) -> None:
    data = '{"type":"organization","name":"Barrio 18","kind":"criminal-group"}\n'
    result = runner.invoke(app, ["convert", "-", "--from", "jsonl", "-o", "-", "-f", "ntriples", "-q", "--no-gazetteer"], input=data)
    assert result.exit_code == 0, result.output
    assert "<https://w3id.org/crimegraph/id/organization/barrio-18>" in result.stdout
    unnamed = runner.invoke(app, ["convert", "-", "-o", "-"], input=data)
    assert "cannot tell what kind of input" in unnamed.output and "--from" in unnamed.output


def test_validate_refuses_remote_jsonld_context_and_xml_entities(tmp_path: Path) -> None:
    jsonld = tmp_path / "remote.jsonld"
    jsonld.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://e.org/a", "name": "x"}')
    result = run("validate", str(jsonld))
    assert result.exit_code == 2 and "remote JSON-LD context" in result.output
    xml = tmp_path / "entities.rdf"
    xml.write_text('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n')
    result = run("validate", str(xml))
    assert result.exit_code == 2 and "<!ENTITY" in result.output


def test_api_and_cli_extract_alike(tmp_path: Path, examples: list[str]) -> None:
    from crimegraph.convert import convert

    out = tmp_path / "cli.nt"
    assert run("convert", *examples, "-o", str(out), "-q").exit_code == 0
    api = convert(examples, extract=True)
    assert not api.problems
    assert len(out.read_text().splitlines()) == len({(s, p, o) for s, p, o, _ in api.quads})
    curated = convert(examples)
    assert api.stats.events > curated.stats.events, "the seed article's text yields events of its own"


# --------------------------------------------------------------------------- as a new user tries it (issue 13)


def test_a_folder_is_an_input_of_convert_load_and_validate(tmp_path: Path, root: Path) -> None:
    folder = root / "data" / "examples"
    from_folder, from_files = tmp_path / "folder.nq", tmp_path / "files.nq"
    result = run("convert", str(folder), "-o", str(from_folder), "--no-extract")
    assert result.exit_code == 0, result.output
    assert f"{folder}: skipped 1 file(s) that are not inputs crimegraph reads: README.md" in result.stderr
    files = [str(p) for p in sorted(folder.iterdir()) if p.name != "README.md"]
    assert run("convert", *files, "-o", str(from_files), "--no-extract").exit_code == 0
    assert from_folder.read_bytes() == from_files.read_bytes()
    rdf = tmp_path / "rdf"
    (rdf / "more").mkdir(parents=True)
    (rdf / "more" / "graph.nq").write_bytes(from_folder.read_bytes())
    (rdf / "notes.txt").write_text("not RDF", encoding="utf-8")
    checked = run("validate", str(rdf))
    assert checked.exit_code == 0 and "Conforms" in checked.stdout and "skipped 1 file(s) that are not RDF files: notes.txt" in checked.stderr
    loaded = run("load", str(rdf), "--store", str(tmp_path / "store"))
    # every line: the seed article's .txt and .json are one article, described twice
    quads = [line for line in from_folder.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert loaded.exit_code == 0 and f"loaded {len(quads)} quads from 1 file(s)" in loaded.stderr, loaded.output
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "paper.pdf").write_bytes(b"%PDF-1.4")
    empty = run("convert", str(tmp_path / "empty"), "-o", str(tmp_path / "e.nq"))
    assert empty.exit_code == 2 and "the folder holds no inputs crimegraph reads" in empty.stderr


@pytest.mark.parametrize("command", [["convert", "-o", "OUT"], ["load", "--store", "OUT"], ["validate"]])
def test_a_missing_input_exits_2_and_writes_nothing(tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "out.ttl"
    args = [a.replace("OUT", str(out)) for a in command]
    result = run(*args[:1], str(tmp_path / "nope.json"), *args[1:])
    assert result.exit_code == 2 and "nope.json: no such file or folder" in result.stderr
    assert not out.exists()


def test_messages_point_to_the_fix_that_exists(tmp_path: Path, root: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = run("convert", str(pdf), "-o", str(tmp_path / "o.nq"))
    assert result.exit_code == 2 and "report.pdf: not a supported input (supported: records .json" in result.stderr
    assert "--from" not in result.stderr.split("(supported:")[0]
    ucdp = tmp_path / "ged.csv"
    ucdp.write_text("id,year,type_of_violence,side_a,side_b,best\n1,2020,1,A,B,3\n", encoding="utf-8")
    result = run("convert", str(ucdp), "-o", str(tmp_path / "u.nq"))
    assert result.exit_code == 2 and "convert it with --from ucdp-ged" in result.stderr and not (tmp_path / "u.nq").exists()
    event = tmp_path / "event.jsonl"
    event.write_text('{"type": "Event", "event_type": "arrest"}\n', encoding="utf-8")
    result = run("convert", str(event), "-o", str(tmp_path / "e.nq"))
    assert "'Event' is not a record type (did you mean 'event'?)" in result.stderr
    assert result.exit_code == 2 and "nothing to convert" in result.stderr and not (tmp_path / "e.nq").exists()
    store = tmp_path / "store"
    assert run("convert", str(root / "data" / "examples" / "seed-events.jsonl"), "--store", str(store), "-q").exit_code == 0
    typo = run("query", "who-did-what-wher", "--store", str(store))
    assert typo.exit_code == 2 and "(did you mean 'who-did-what-where'?)" in typo.stderr
    assert "(did you mean 'who-did-what-where'?)" in run("queries", "who-did-waht-where").stderr
    bad = run("query", "who-did-what-where", "--store", str(store), "-f", "excel")
    assert bad.exit_code == 2 and "allowed: table, markdown, csv, tsv, json, xml" in bad.stderr and "rdfxml" in bad.stderr
    assert run("query", "who-did-what-where", "--store", str(store), "-f", "markdown").stdout.startswith("| date |")


def test_the_progress_bar_moves_from_the_first_article_read() -> None:
    """The extractor takes articles in batches: before the first batch is done, the bar
    already counts the articles read (not '0/?')."""
    from rich.console import Console

    from crimegraph.cli.convert import _ArticleProgress
    from crimegraph.model import Article

    class Batching:
        def process(self, records):
            batch = []
            for record in records:
                batch.append(record)
                if len(batch) == 3:
                    yield from batch
                    batch = []
            yield from batch

    progress = _ArticleProgress(Batching(), console=Console(file=io.StringIO()))
    task = progress.bar.tasks[0]
    seen = []

    def articles():
        for n in range(1, 5):
            yield Article(title=f"A{n}", key=f"a{n}", text="x")
            seen.append((task.total, task.completed))

    out = list(progress.process(articles()))
    assert len(out) == 4
    assert seen[0] == (1, 0) and seen[1] == (2, 0)  # moving before anything is done
    assert (task.total, task.completed) == (4, 4)


def test_repeated_warnings_are_summarised_and_verbose_prints_them_all(tmp_path: Path) -> None:
    rows = "\n".join(f'{{"type": "event", "event_type": "arrest", "id": "e{n}", "actors": ["Nobody {n}"]}}' for n in range(12))
    path = tmp_path / "events.jsonl"
    path.write_text(rows + "\n" + '{"type": "organization", "name": "Gulf Cartel"}\n', encoding="utf-8")
    short = run("convert", str(path), "-o", str(tmp_path / "a.nq"), "--no-gazetteer")
    assert short.exit_code == 0, short.output
    assert short.stderr.count(f"{path}:") == 5
    assert "… and 7 more like that (12 in all): '…' names no organization" in short.stderr
    assert "--verbose prints every one" in short.stderr and "converted 1 file(s)" in short.stderr
    quiet = run("convert", str(path), "-o", str(tmp_path / "b.nq"), "--no-gazetteer", "-q")
    assert "… and 7 more like that" in quiet.stderr and "converted 1 file(s)" not in quiet.stderr
    every = run("convert", str(path), "-o", str(tmp_path / "c.nq"), "--no-gazetteer", "--verbose")
    assert every.stderr.count(f"{path}:") == 12 and "more like that" not in every.stderr
