"""Graphs that merge: the dev corpus (in two halves), the bundled examples and a slice of
UCDP converted in separate runs validate together; the same inputs in another order give
the same triples."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crimegraph.convert import convert
from crimegraph.validate import validate_files
from crimegraph.vocab import CG, SCHEMA
from tests.run_helpers import convert_to_nquads
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "data" / "examples").iterdir() if p.suffix != ".md")
UCDP_EVERY = 60  # a slice of UCDP: every 60th row (~320 events)


@pytest.fixture(scope="module")
def dev_halves(shared, tmp_path_factory) -> list[Path]:
    lines = (shared / "corpus" / "insightcrime-2020-dev.jsonl").read_text(encoding="utf-8").splitlines()
    folder = tmp_path_factory.mktemp("dev")
    halves = []
    for i, part in enumerate((lines[::2], lines[1::2])):  # interleaved: not the file's order
        path = folder / f"dev-{i}.jsonl"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        halves.append(path)
    return halves


@pytest.fixture(scope="module")
def ucdp_slice(ucdp_file, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ucdp") / "ucdp-slice.csv"
    with ucdp_file.open(encoding="utf-8", newline="") as fh, path.open("w", encoding="utf-8", newline="") as out:
        reader = csv.DictReader(fh)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [])
        writer.writeheader()
        writer.writerows(row for i, row in enumerate(reader) if i % UCDP_EVERY == 0)
    return path


def _run(inputs, target: Path, **options) -> Path:
    return convert_to_nquads(inputs, target, extract=True, **options)


def _entity_iris(path: Path) -> set[str]:
    kinds = {f"<{c}>" for c in (SCHEMA.Organization, SCHEMA.Person, SCHEMA.Place, CG.Role)}
    found = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            s, p, rest = line.split(" ", 2)
            if p == f"<{RDF.type}>" and rest.split(" ", 1)[0] in kinds:
                found.add(s)
    return found


@pytest.fixture(scope="module")
def separate_runs(dev_halves, ucdp_slice, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("runs")
    return [
        _run([dev_halves[0]], folder / "dev-0.nq"),
        _run([dev_halves[1]], folder / "dev-1.nq"),
        _run(EXAMPLES, folder / "examples.nq"),
        _run([ucdp_slice], folder / "ucdp.nq", source="ucdp-ged"),
    ]


def test_separate_runs_merged_validate(separate_runs):
    report = validate_files(separate_runs)
    assert report.conforms, report.as_text()


def _lines(*paths: Path) -> set[str]:
    return {line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_the_halves_have_the_entity_iris_and_quads_of_one_run(separate_runs, dev_halves, tmp_path):
    one_run = _run(dev_halves, tmp_path / "one-run.nq")
    whole = _entity_iris(one_run)
    halves = _entity_iris(separate_runs[0]) | _entity_iris(separate_runs[1])
    assert len(whole) > 400
    assert halves == whole, sorted(halves ^ whole)
    # not only the same nodes: the same facts, mentions and evidence (N-Quads lines as sets)
    union, single = _lines(*separate_runs[:2]), _lines(one_run)
    assert union == single, sorted(union ^ single)[:10]


def test_the_same_inputs_in_another_order_give_the_same_triples():
    forward = convert(EXAMPLES, extract=True)
    backward = convert(list(reversed(EXAMPLES)), extract=True)
    assert {q[:3] for q in forward.quads} == {q[:3] for q in backward.quads}
