"""The ontology, the shapes and our output parse with an independent parser
(Debian's rapper, from raptor2-utils)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crimegraph.resources import resource
from tests.conftest import require_program

pytestmark = pytest.mark.service


@pytest.mark.parametrize(
    "path",
    [resource("ontology", "crimegraph.ttl"), resource("shapes", "crimegraph-shapes.ttl")],
    ids=["ontology", "shapes"],
)
def test_rapper_parses(path: Path) -> None:
    rapper = require_program("rapper")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Parsing returned" in done.stderr and " 0 triples" not in done.stderr


@pytest.mark.parametrize("fmt,parser", [("ntriples", "ntriples"), ("turtle", "turtle"), ("rdfxml", "rdfxml"), ("nquads", "nquads"), ("trig", "trig")])
def test_rapper_parses_converted_examples(tmp_path: Path, root: Path, fmt: str, parser: str) -> None:
    from crimegraph.convert import convert
    from crimegraph.rdf.io import RdfFormat, write_quads

    rapper = require_program("rapper")
    result = convert(sorted((root / "data" / "examples").glob("*.[jcy]*")))
    out = tmp_path / "out"
    written = write_quads(result.quads, out, RdfFormat(fmt))
    done = subprocess.run([rapper, "-i", parser, "-c", str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"returned {written} triples" in done.stderr
