"""Entity pages and dereferenceable IRIs of `crimegraph serve`, tried as a browser and
as a linked-data client would: every IRI minted under the base answers at /id/…, the
page shows the entity's own statements first and pages what points to it."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from tests.serve.test_serve import SINALOA, Server, build_store, http, start_server, stop_server

MEXICO = "https://w3id.org/crimegraph/id/place/mx"
BASE = "https://w3id.org/crimegraph/id/"


#: Events pointing at Mexico, beside the bundled examples, so that its page has pages.
EXTRA_REFERENCES = 130


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, example_nquads: Path) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("pages")
    data = folder / "data.nq"
    extra = "".join(f"<https://example.org/event/{i:03d}> <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> <{MEXICO}> "
                    f"<https://example.org/graph/extra> .\n" for i in range(EXTRA_REFERENCES))
    data.write_text(example_nquads.read_text(encoding="utf-8") + extra, encoding="utf-8")
    running = start_server(build_store(folder, data), "--workers", "2")
    try:
        yield running
    finally:
        stop_server(running.process)


def page(server: Server, path: str, accept: str = "text/html") -> tuple[int, dict[str, str], str]:
    status, headers, body = http(server.url + path.lstrip("/"), headers={"Accept": accept})
    return status, headers, body.decode("utf-8", "replace")


def test_a_minted_iri_dereferences_to_its_page_with_its_statements_first(served: Server) -> None:
    status, headers, text = page(served, "/id/organization/sinaloa-cartel")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>Sinaloa Cartel</h1>" in text
    statements = text.split("<h2>Statements</h2>", 1)[1].split("<h2>Referenced by</h2>", 1)[0]
    assert "Cartel de Sinaloa" in statements and "rdfs:label" in statements  # its own statements are shown
    assert 'class="summary"' in text and "names" in text and "kinds" in text
    assert 'href="/id/place/' in text  # links to other minted IRIs stay dereferenceable
    assert "default-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                             ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_a_minted_iri_answers_rdf_clients_by_content_negotiation(served: Server, accept: str, fmt: str) -> None:
    status, headers, text = page(served, "/id/organization/sinaloa-cartel", accept)
    assert status == 200 and headers["Content-Type"].startswith(accept) and headers["Vary"] == "Accept"
    graph = Graph().parse(data=text, format=fmt)
    assert "Sinaloa Cartel" in {str(o) for o in graph.objects(URIRef(SINALOA), RDFS.label)}


def test_referenced_by_is_counted_and_paged(served: Server) -> None:
    status, _, first = page(served, "/id/place/mx")
    assert status == 200
    total = int(re.search(r"of ([\d,]+) \(page 1 of", first).group(1).replace(",", ""))
    assert total >= EXTRA_REFERENCES
    rows = first.split("<h2>Referenced by</h2>", 1)[1].count("<tr><td>")
    assert rows == 50
    assert 'rel="next" href="/id/place/mx?page=2"' in first
    status, _, second = page(served, "/id/place/mx?page=2")
    assert status == 200 and 'rel="prev"' in second and "rows 51–" in second
    first_rows = set(re.findall(r'<tr><td>.*?</td><td><a href="([^"]+)"', first.split("<h2>Referenced by</h2>", 1)[1]))
    second_rows = set(re.findall(r'<tr><td>.*?</td><td><a href="([^"]+)"', second.split("<h2>Referenced by</h2>", 1)[1]))
    assert second_rows and not first_rows & second_rows
    assert page(served, "/id/place/mx?page=zero")[0] == 400


def test_unknown_and_malformed_iris(served: Server) -> None:
    status, headers, text = page(served, "/id/organization/no-such-group")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert 'action="/search"' in text  # a search box instead of a dead end
    assert page(served, "/id/organization/no-such-group", "text/turtle")[0] == 404
    assert page(served, "/describe?iri=" + urllib.parse.quote("<script>", safe=""))[0] == 400
    assert page(served, "/id/organization/a%20b")[0] == 400  # a space is no IRI
    status, _, text = page(served, "/search?q=sinaloa")
    assert status == 200 and 'href="/id/organization/sinaloa-cartel"' in text
    assert page(served, "/search?q=")[0] == 400


def test_the_ontology_and_event_types_dereference(served: Server) -> None:
    status, _, text = page(served, "/ontology")
    assert status == 200 and "crimegraph classes" in text and "crimegraph object properties" in text
    assert "crimegraph event types" in text and "<td>" in text
    status, headers, text = page(served, "/ontology", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=text, format="turtle")) > 100
    status, _, text = page(served, "/event-type/arrest")
    assert status == 200 and "arrest" in text.lower()
    status, _, text = page(served, "/event-type/arrest", "text/turtle")
    assert status == 200 and len(Graph().parse(data=text, format="turtle")) >= 2


def test_a_project_base_is_published_under_id(tmp_path: Path) -> None:
    from crimegraph import convert
    from crimegraph.rdf.io import RdfFormat, write_quads
    from crimegraph.resources import resource_dir

    base = "https://data.example.org/kg/"
    result = convert([resource_dir("data") / "examples" / "seed-entities.yaml"], base=base)
    nquads = tmp_path / "kg.nq"
    write_quads(result.quads, nquads, RdfFormat.nquads)
    running = start_server(build_store(tmp_path, nquads), "--workers", "2", "--base", base)
    try:
        status, _, text = page(running, "/id/organization/sinaloa-cartel")
        assert status == 200 and "Sinaloa Cartel" in text
        assert page(running, "/id/organization/sinaloa-cartel", "text/turtle")[2].count("data.example.org/kg/organization/sinaloa-cartel") >= 1
    finally:
        stop_server(running.process)
