"""IRIs minted from any text are valid and stable; any literal text survives a round
trip through N-Triples (property-based, with hypothesis)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from crimegraph.iri import IriMinter, normalize_name, slug
from crimegraph.rdf.io import nquad_line

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
names = st.text(min_size=1, max_size=120).filter(lambda s: s.strip())


@given(names)
def test_slug_is_safe_and_stable(name: str) -> None:
    s = slug(name)
    assert SAFE.match(s), (name, s)
    assert len(s) <= 80
    assert slug(name) == s


@given(names)
def test_slug_ignores_case_accents_and_spacing(name: str) -> None:
    assert slug(name) == slug(name.upper()) or normalize_name(name) != normalize_name(name.upper())


def test_slug_examples() -> None:
    assert slug("Cártel de Jalisco Nueva Generación") == "cartel-de-jalisco-nueva-generacion"
    assert slug('Los "Zetas" <script>') == "los-zetas-script"
    assert slug("لوس زيتاس") != slug("لوس زيتاس الجديدة")  # right-to-left text stays distinct
    assert slug("Los Zetas\u0000\u202e") == "los-zetas"


@given(names)
def test_minted_iris_parse_back(name: str) -> None:
    iri = IriMinter().entity("organization", name)
    line = nquad_line((iri, URIRef("http://schema.org/name"), Literal(name), None), with_graph=False)
    graph = Graph().parse(data=line, format="nt")
    assert set(graph) == {(iri, URIRef("http://schema.org/name"), Literal(name))}


@settings(max_examples=200)
@given(st.text(max_size=300), st.sampled_from([None, "en", "es"]))
def test_any_literal_round_trips_through_ntriples(text: str, lang: str | None) -> None:
    literal = Literal(text, lang=lang)
    line = nquad_line((URIRef("http://e.org/s"), URIRef("http://e.org/p"), literal, None), with_graph=False)
    assert "\n" not in line[:-1]
    graph = Graph().parse(data=line, format="nt")
    [(_, _, back)] = list(graph)
    assert str(back) == text and back.language == lang
