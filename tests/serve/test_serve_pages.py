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
    nif, its = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "http://www.w3.org/2005/11/its/rdf#"
    article = "https://w3id.org/crimegraph/id/article/a-test-article"
    mention = "".join(f"{s} {p} {o} <{article}> .\n" for s, p, o in [
        (f"<{article}#char=9,18>", f"<{its}taIdentRef>", f"<{BASE}organization/zetas>"),
        (f"<{article}#char=9,18>", f"<{nif}beginIndex>", '"9"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'),
        (f"<{article}#char=9,18>", f"<{nif}endIndex>", '"18"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'),
        (f"<{article}#char=9,18>", f"<{nif}sentence>", f"<{article}#char=0,40>"),
        (f"<{article}#char=0,40>", f"<{nif}anchorOf>", '"In Nuevo Los Zetas fought for the route."'),
        (f"<{article}#char=0,40>", f"<{nif}beginIndex>", '"0"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'),
        (f"<{article}>", "<http://schema.org/headline>", '"A test article"')])
    data.write_text(example_nquads.read_text(encoding="utf-8") + extra + mention, encoding="utf-8")
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


def test_pictures_as_specs_data_and_the_query_behind_them(served: Server) -> None:
    import csv
    import io
    import json

    status, headers, text = page(served, "/pictures/all?iri=" + urllib.parse.quote(MEXICO, safe=""), "application/json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    answer = json.loads(text)
    assert set(answer) == {"map", "timeline", "network"}
    for kind, picture in answer.items():
        assert picture["query"]["params"] == {"entity": MEXICO} and picture["query"]["name"] in ("entity-events", "entity-network")
        assert (picture["spec"] is None) != (picture["empty"] is None), kind  # a spec, or why there is none
    assert answer["map"]["spec"]["layer"][0]["data"]["url"].startswith("/static/vendor/vega/")  # borders from the package
    status, _, text = page(served, "/pictures/timeline?format=csv&iri=" + urllib.parse.quote(MEXICO, safe=""), "text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200 and rows and set(rows[0]) == {"month", "event_type", "events", "deaths", "articles"}
    status, _, text = page(served, "/queries/entity-events?entity=" + urllib.parse.quote(MEXICO, safe=""), "text/csv")
    assert status == 200 and text.startswith("event,eventType,date,where")
    assert page(served, "/pictures/nothing?iri=" + urllib.parse.quote(MEXICO, safe=""))[0] == 404
    assert page(served, "/pictures/map")[0] == 400
    assert page(served, "/pictures/map?iri=" + urllib.parse.quote("<bad>", safe=""))[0] == 400
    assert page(served, "/pictures/map?format=xml&iri=" + urllib.parse.quote(MEXICO, safe=""))[0] == 400


def test_an_edge_of_the_network_lists_the_events_behind_it(served: Server) -> None:
    import json

    unodc = BASE + "organization/unodc"
    answer = json.loads(page(served, "/pictures/network?iri=" + urllib.parse.quote(unodc, safe=""), "application/json")[2])
    edges = answer["spec"]["layer"][0]["data"]["values"]
    assert edges and all(e["href"].startswith("/pictures/shared?") for e in edges)
    status, _, text = page(served, edges[0]["href"])
    assert status == 200 and f"{edges[0]['events']} shared event(s)" in text and "<table" in text
    nobody = urllib.parse.urlencode({"a": unodc, "b": "https://example.org/nobody"})
    assert page(served, "/pictures/shared?" + nobody)[0] == 404
    assert page(served, "/pictures/shared?a=" + urllib.parse.quote(SINALOA, safe=""))[0] == 400


def test_the_evidence_of_an_entity_is_shown_highlighted(served: Server) -> None:
    status, _, text = page(served, "/id/organization/unodc")
    assert status == 200 and "<h2>Evidence</h2>" in text
    evidence = text.split("<h2>Evidence</h2>", 1)[1]
    assert "<cite><a href=\"/id/article/" in evidence and 'class="fact">states <a href="/id/event/' in evidence
    assert '<div class="pictures" data-pictures="/pictures/all?iri=' in text


def test_a_mention_is_highlighted_in_its_sentence(served: Server) -> None:
    status, _, text = page(served, "/id/organization/zetas")
    evidence = text.split("<h2>Evidence</h2>", 1)[1]
    assert status == 200 and "<q>In Nuevo <mark>Los Zetas</mark> fought for the route.</q>" in evidence
    assert '<a href="/id/article/a-test-article">A test article</a>, characters 9–18' in evidence


def test_a_person_page_lists_roles_over_time_as_each_source_says(served: Server) -> None:
    status, _, text = page(served, "/id/person/alfonso-portillo")
    assert status == 200
    summary = text.split('<table class="summary">', 1)[1].split("</table>", 1)[0]
    roles = summary.split("<th>roles</th>", 1)[1]
    assert "President" in roles and 'href="/id/place/gt"' in roles and "ended before" in roles
    status, _, text = page(served, "/id/place/gt")  # the place the role is held for lists it too
    assert "<th>roles</th>" in text and 'href="/id/person/alfonso-portillo"' in text.split("<th>roles</th>", 1)[1]
