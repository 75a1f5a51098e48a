"""``crimegraph link`` against a stand-in endpoint on the loopback: a small
Wikidata-shaped graph (labels and aliases with language tags, wdt:P31 types, wdt:P17
countries) served by pyoxigraph. No network."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.link import entities_of, link_quads, load_settings, reconcile
from crimegraph.vocab import CG

WD = "http://example.org/wd/"  # the stand-in's items: not Wikidata's, same shape

STAND_IN = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix wd: <{WD}> .

wd:C1 rdfs:label "Mexico"@en, "México"@es .
wd:C2 rdfs:label "Colombia"@en .
wd:T1 rdfs:label "criminal organization"@en .
wd:T2 rdfs:label "city"@en .
wd:T3 rdfs:label "human"@en .
wd:T4 rdfs:label "state of Mexico"@en .
wd:T5 rdfs:label "sovereign state"@en .

wd:Q101 rdfs:label "Sinaloa Cartel"@en ; skos:altLabel "Cártel de Sinaloa"@es ;
    wdt:P31 wd:T1 ; wdt:P17 wd:C1 .
wd:Q102 rdfs:label "Culiacán Rosales"@es ; skos:altLabel "Culiacán"@es, "Culiacan"@en ;
    wdt:P31 wd:T2 ; wdt:P17 wd:C1 .
wd:Q103 rdfs:label "Iván Duque"@es, "Iván Duque Márquez"@en ; wdt:P31 wd:T3 .
wd:Q104 rdfs:label "Gulf Cartel"@en ; wdt:P31 wd:T1 ; wdt:P17 wd:C2 .
wd:Q105 rdfs:label "Sinaloa"@en ; wdt:P31 wd:T4 ; wdt:P17 wd:C1 .
wd:Q106 rdfs:label "Los Twins"@en ; wdt:P31 wd:T1 ; wdt:P17 wd:C1 .
wd:Q107 rdfs:label "Los Twins"@en ; wdt:P31 wd:T1 ; wdt:P17 wd:C1 .
wd:Q108 rdfs:label "Mexico"@en ; wdt:P31 wd:T5 ; wdt:P17 wd:C1 .
"""

CG_NS = "https://w3id.org/crimegraph/ontology#"
BASE = "https://w3id.org/crimegraph/id/"

GRAPH = f"""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <http://schema.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix cg: <{CG_NS}> .
@prefix : <{BASE}> .

:place\\/mx a schema:Place, cg:Country ; rdfs:label "Mexico" ; cg:iso3166Code "MX" .
:place\\/mx-sin a schema:Place, cg:State ; rdfs:label "Sinaloa" ; cg:iso3166Code "MX-SIN" ;
    schema:containedInPlace :place\\/mx .
:place\\/culiacan a schema:Place, cg:City ; rdfs:label "Culiacán" ; schema:containedInPlace :place\\/mx-sin .
:organization\\/sinaloa-cartel a org:Organization ; rdfs:label "Sinaloa Cartel" ;
    skos:altLabel "Cartel de Sinaloa" ; schema:location :place\\/mx .
:organization\\/gulf-cartel a org:Organization ; rdfs:label "Gulf Cartel" ; schema:location :place\\/mx .
:organization\\/sinaloa a org:Organization ; rdfs:label "Sinaloa" .
:organization\\/los-twins a org:Organization ; rdfs:label "Los Twins" ; schema:location :place\\/mx .
:organization\\/slow-cartel a org:Organization ; rdfs:label "Slow Cartel" .
:organization\\/garbage-cartel a org:Organization ; rdfs:label "Garbage Cartel" .
:organization\\/broken-cartel a org:Organization ; rdfs:label "Broken Cartel" .
:person\\/ivan-duque a foaf:Person ; rdfs:label "Iván Duque" .
"""


class _Handler(BaseHTTPRequestHandler):
    store: ox.Store
    hits: list[str]

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length", 0))
        query = urllib.parse.parse_qs(self.rfile.read(length).decode())["query"][0]
        self.hits.append(query)
        if '"Slow Cartel"' in query:
            time.sleep(2.0)
        if '"Garbage Cartel"' in query:
            return self._send(b"<html><body>502 upstream hiccup</body></html>", "text/html")
        if '"Broken Cartel"' in query:
            body = {"head": {"vars": ["item", "how"]}, "results": {"bindings": [
                {"item": {"type": "uri", "value": f"{WD}Q 9"}, "how": {"type": "literal", "value": "label"}}]}}
            return self._send(json.dumps(body).encode(), "application/sparql-results+json")
        result = self.store.query(query)
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
        self._send(data, "application/sparql-results+json")

    def _send(self, data: bytes, media: str) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (time-out test)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, list[str]]]:
    store = ox.Store()
    store.load(STAND_IN.encode(), ox.RdfFormat.TURTLE)
    handler = type("Handler", (_Handler,), {"store": store, "hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler.hits
    finally:
        server.shutdown()
        server.server_close()


def _settings(endpoint: str, timeout: float = 0.5):
    settings = load_settings(endpoint=endpoint, timeout=timeout)
    return dataclasses.replace(settings, item_pattern=re.compile(r"^http://example\.org/wd/Q[0-9]+$"))


def _graph() -> Graph:
    return Graph().parse(data=GRAPH, format="turtle")


def _by_iri(report):
    return {o.entity.iri.removeprefix(BASE): o for o in report.outcomes}


def test_label_alias_type_and_country_decide_the_links(endpoint) -> None:
    url, _ = endpoint
    report = reconcile(entities_of(_graph()), _settings(url))
    outcomes = _by_iri(report)
    linked = {o.entity.iri.removeprefix(BASE): (o.accepted.item, o.accepted.score, o.accepted.reasons)
              for o in report.linked}
    assert linked["organization/sinaloa-cartel"] == (f"{WD}Q101", 1.0, ["label", "type", "country"])
    # an alias in Spanish, a city in Mexico (through its state)
    assert linked["place/culiacan"] == (f"{WD}Q102", 0.9, ["alias", "type", "country"])
    # a person: label and type (no country to compare)
    assert linked["person/ivan-duque"] == (f"{WD}Q103", 0.8, ["label", "type"])
    assert linked["place/mx"][0] == f"{WD}Q108"
    # the state is a state, and lies in Mexico
    assert linked["place/mx-sin"] == (f"{WD}Q105", 1.0, ["label", "type", "country"])
    assert len(linked) == 5
    # same name, another country: rejected
    assert outcomes["organization/gulf-cartel"].accepted is None
    assert "is not MX" in outcomes["organization/gulf-cartel"].note
    # same name as the state, but a state is not an organization
    assert outcomes["organization/sinaloa"].accepted is None
    assert "do not fit a organization" in outcomes["organization/sinaloa"].note
    # two equally good items: nothing is guessed
    assert outcomes["organization/los-twins"].accepted is None
    assert outcomes["organization/los-twins"].note.startswith("ambiguous")


def test_a_slow_or_garbage_endpoint_fails_the_entity_and_the_rest_is_linked(endpoint) -> None:
    url, _ = endpoint
    report = reconcile(entities_of(_graph()), _settings(url, timeout=0.5))
    failed = {o.entity.label: o.error for o in report.failed}
    assert set(failed) == {"Slow Cartel", "Garbage Cartel"}
    assert failed["Slow Cartel"] == (f"entity {BASE}organization/slow-cartel ('Slow Cartel'): "
                                     "the endpoint did not answer within 0.5 s")
    assert "organization/garbage-cartel ('Garbage Cartel')" in failed["Garbage Cartel"]
    assert "not SPARQL JSON results (it begins '<html>" in failed["Garbage Cartel"]
    assert len(report.linked) == 5


def test_a_malformed_item_iri_is_never_written(endpoint) -> None:
    url, _ = endpoint
    report = reconcile(entities_of(_graph()), _settings(url))
    broken = _by_iri(report)["organization/broken-cartel"]
    assert broken.accepted is None and broken.error is None
    assert "'http://example.org/wd/Q 9' is not a well-formed item IRI" in broken.note
    assert all(" " not in str(term) for q in link_quads(report, _settings(url)) for term in q
               if isinstance(term, URIRef))


def test_links_have_score_and_provenance_in_their_own_graph(endpoint) -> None:
    url, _ = endpoint
    settings = _settings(url)
    report = reconcile(entities_of(_graph(), kinds=("organization",)), settings)
    quads = list(link_quads(report, settings, BASE))
    graphs = {q[3] for q in quads}
    assert graphs == {URIRef(f"{BASE}graph/links")}
    g = Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    entity, item = URIRef(f"{BASE}organization/sinaloa-cartel"), URIRef(f"{WD}Q101")
    assert (entity, OWL.sameAs, item) in g
    statement = g.value(predicate=RDF.object, object=item)
    assert g.value(statement, RDF.subject) == entity
    assert g.value(statement, RDF.predicate) == OWL.sameAs
    assert g.value(statement, CG.confidence) == Literal("1.0", datatype=XSD.decimal)
    assert str(g.value(statement, CG.linkMethod)) == "label+type+country"
    assert g.value(statement, URIRef("http://purl.org/dc/terms/source")) == URIRef(url)


def test_entities_already_linked_are_not_asked_again(endpoint) -> None:
    url, hits = endpoint
    graph = _graph()
    graph.add((URIRef(f"{BASE}organization/sinaloa-cartel"), OWL.sameAs, URIRef(f"{WD}Q101")))
    before = len(hits)
    report = reconcile(entities_of(graph, kinds=("organization",)), _settings(url))
    assert report.skipped == 1
    assert not any('"Sinaloa Cartel"' in q for q in hits[before:])


def test_the_command_writes_the_rest_and_names_the_failed_entities(endpoint, tmp_path: Path) -> None:
    url, _ = endpoint
    source = tmp_path / "graph.ttl"
    source.write_text(GRAPH, encoding="utf-8")
    config = tmp_path / "standin.yaml"
    default = (Path(__file__).parents[2] / "data" / "link" / "reconcile.yaml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^item_pattern: .*$", r"item_pattern: '^http://example\\.org/wd/Q[0-9]+$'", default)
                      .replace("timeout_seconds: 20", "timeout_seconds: 0.5"), encoding="utf-8")
    out = tmp_path / "links.nq"
    result = CliRunner().invoke(app, ["link", str(source), "--endpoint", url, "--config", str(config), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"error: link: entity {BASE}organization/slow-cartel ('Slow Cartel'): the endpoint did not answer" in result.stderr
    assert "linked 5 of 11 entities" in result.stderr and "2 failed" in result.stderr
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    same = {(str(s), str(o)) for s, _, o, _ in dataset.quads((None, OWL.sameAs, None, None))}
    assert (f"{BASE}organization/sinaloa-cartel", f"{WD}Q101") in same
    assert len(same) == 5
    assert [p.name for p in tmp_path.iterdir() if "crimegraph-tmp" in p.name] == []


def test_an_unreachable_endpoint_fails_every_entity_by_name(tmp_path: Path) -> None:
    settings = _settings("http://127.0.0.1:9/sparql", timeout=0.5)
    report = reconcile(entities_of(_graph(), kinds=("person",)), settings)
    assert [o.error for o in report.outcomes] == [
        f"entity {BASE}person/ivan-duque ('Iván Duque'): the endpoint cannot be reached: [Errno 111] Connection refused"]


def test_entities_of_a_store_are_linked_like_those_of_a_file(endpoint, tmp_path: Path) -> None:
    from crimegraph.link import graph_from_store
    from crimegraph.store import LocalStore, rdf_source

    source = tmp_path / "graph.ttl"
    source.write_text(GRAPH, encoding="utf-8")
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(source)])
    url, _ = endpoint
    from_store = reconcile(entities_of(graph_from_store(store)), _settings(url))
    from_file = reconcile(entities_of(_graph()), _settings(url))
    store.close()
    assert ({(o.entity.iri, o.accepted.item) for o in from_store.linked}
            == {(o.entity.iri, o.accepted.item) for o in from_file.linked})
    assert len(from_store.linked) == 5


def test_a_links_file_with_a_malformed_iri_is_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "links.nt"
    bad.write_text(f"<{BASE}organization/x> <http://www.w3.org/2002/07/owl#sameAs> <{WD}Q 5> .\n", encoding="utf-8")
    out = tmp_path / "out.nq"
    result = CliRunner().invoke(app, ["link", str(bad), "--endpoint", "http://127.0.0.1:9/sparql", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 2
    assert f"error: {bad}: not valid ntriples" in result.stderr and "Q 5" in result.stderr
    assert not out.exists()
