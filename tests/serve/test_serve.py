"""``crimegraph serve``: the SPARQL 1.1 Protocol through SPARQLWrapper and plain HTTP,
the safety limits, the catalog and entity pages, and a bounded concurrent load.

Every server is the real command (``crimegraph serve --port 0``) in a child process on
loopback, reading a store built from the bundled examples.
"""

from __future__ import annotations

import csv
import doctest
import http.server as http_server
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.conftest import CATALOG_CASES, CULIACAN_CLASH

SINALOA = "https://w3id.org/crimegraph/id/organization/sinaloa-cartel"
LABEL_OF_SINALOA = f"SELECT ?name WHERE {{ <{SINALOA}> <http://www.w3.org/2000/01/rdf-schema#label> ?name }}"
# A cross product of the whole store with itself four times: never ends on its own.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUERY_TIMEOUT = 2.0
MAX_REQUEST_BYTES = 64 * 1024


# --------------------------------------------------------------------------- helpers


@dataclass
class Server:
    """A running ``crimegraph serve`` of our own."""

    url: str
    process: subprocess.Popen[str]
    store: Path
    output: list[str] = field(default_factory=list)

    @property
    def sparql(self) -> str:
        return self.url + "sparql"

    @property
    def port(self) -> int:
        return int(urllib.parse.urlsplit(self.url).port or 0)


def build_store(folder: Path, nquads: Path) -> Path:
    """A store holding ``nquads`` (the bundled examples, converted once per session)."""
    from crimegraph.store import LocalStore, rdf_source

    store = folder / "store"
    LocalStore(store, create=True).load([rdf_source(nquads)])
    return store


def load_in_another_process(store: Path, nquads: Path) -> None:
    """What ``crimegraph load`` does, in a process of its own."""
    code = "import sys; from crimegraph.store import LocalStore, rdf_source; LocalStore(sys.argv[1]).load([rdf_source(sys.argv[2])])"
    subprocess.run([sys.executable, "-c", code, str(store), str(nquads)], check=True, capture_output=True, timeout=120)


def start_server(store: Path, *args: str, timeout: float = 60) -> Server:
    """Start ``crimegraph serve --port 0`` and wait for the URL it prints."""
    command = [sys.executable, "-c", "from crimegraph.cli import main; main()", "serve", "--store", str(store), "--port", "0", "--quiet", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            match = re.search(r"(http://\S+/) ", line)
            if match and not found:
                found.append(match.group(1))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not found:
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            raise RuntimeError(f"crimegraph serve did not start: {''.join(lines)[-2000:]}")
        time.sleep(0.05)
    server = Server(found[0], process, store, lines)
    # the first query waits for the worker processes to import crimegraph
    wait_until_answering(server)
    return server


def wait_until_answering(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, _, _ = http(server.sparql + "?query=" + urllib.parse.quote("ASK {}"))
            if status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not answer")
        time.sleep(0.1)


def stop_server(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body, for any status."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def post_form(url: str, timeout: float = 30, headers: dict[str, str] | None = None, **fields: str) -> tuple[int, dict[str, str], bytes]:
    body = urllib.parse.urlencode(fields).encode()
    return http(url, body, {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}, timeout=timeout)


def wrapper(server: Server, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.sparql)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(30)
    return client


def store_snapshot(store: Path) -> dict[str, tuple[int, int]]:
    """Every file of a store with its size and modification time."""
    return {str(p.relative_to(store)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(store.rglob("*")) if p.is_file()}


class RecordingHandler(http_server.BaseHTTPRequestHandler):
    """A loopback 'remote endpoint' that records every request it gets."""

    requests: list[str]

    def _answer(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def recorder() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (RecordingHandler,), {"requests": requests})
    httpd = http_server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, example_nquads: Path) -> Path:
    return build_store(tmp_path_factory.mktemp("serve"), example_nquads)


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    running = start_server(store, "--query-timeout", str(QUERY_TIMEOUT), "--max-request-bytes", str(MAX_REQUEST_BYTES), "--workers", "2")
    try:
        yield running
    finally:
        stop_server(running.process)


# --------------------------------------------------------------------------- the protocol


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_as_json_xml_csv_tsv(server: Server, method: str) -> None:
    answer = wrapper(server, LABEL_OF_SINALOA, JSON, method).queryAndConvert()
    assert [b["name"]["value"] for b in answer["results"]["bindings"]] == ["Sinaloa Cartel"]

    document = wrapper(server, LABEL_OF_SINALOA, XML, method).queryAndConvert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["Sinaloa Cartel"]

    table = wrapper(server, LABEL_OF_SINALOA, CSV, method).queryAndConvert()
    assert list(csv.reader(io.StringIO(table.decode()))) == [["name"], ["Sinaloa Cartel"]]

    tsv = wrapper(server, LABEL_OF_SINALOA, TSV, method).queryAndConvert()
    assert tsv.decode().splitlines() == ["?name", '"Sinaloa Cartel"']


@pytest.mark.parametrize("method", ["GET", POST])
def test_ask(server: Server, method: str) -> None:
    assert wrapper(server, f"ASK {{ <{SINALOA}> ?p ?o }}", JSON, method).queryAndConvert()["boolean"] is True
    document = wrapper(server, "ASK { <https://example.org/nobody> ?p ?o }", XML, method).queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside SPARQLWrapper and rdflib
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
@pytest.mark.parametrize("method", ["GET", POST])
def test_construct_as_rdf(server: Server, fmt: str, method: str) -> None:
    graph = wrapper(server, f"CONSTRUCT {{ <{SINALOA}> ?p ?o }} WHERE {{ <{SINALOA}> ?p ?o }}", fmt, method).queryAndConvert()
    if not isinstance(graph, Graph):  # SPARQLWrapper hands Turtle and N3 over as bytes
        graph = Graph().parse(data=graph, format="turtle")
    labels = {str(o) for s, p, o in graph if str(p).endswith("#label")}
    assert labels == {"Sinaloa Cartel"}


def test_construct_as_ntriples_and_describe(server: Server) -> None:
    query = f"CONSTRUCT {{ <{SINALOA}> ?p ?o }} WHERE {{ <{SINALOA}> ?p ?o }}"
    status, headers, body = http(server.sparql + "?query=" + urllib.parse.quote(query), headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    graph = Graph().parse(data=body.decode(), format="nt")
    assert len(graph) >= 5
    status, headers, body = http(server.sparql + "?query=" + urllib.parse.quote(f"DESCRIBE <{SINALOA}>"), headers={"Accept": "text/turtle"})
    assert status == 200 and "Sinaloa Cartel" in body.decode()


def test_post_sparql_query_body(server: Server) -> None:
    status, headers, body = http(server.sparql, LABEL_OF_SINALOA.encode(),
                                 {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["name"]["value"] == "Sinaloa Cartel"


def test_rdflib_sparqlstore_as_a_client(server: Server) -> None:
    """Another client than SPARQLWrapper: rdflib's SPARQLStore."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.sparql))
    assert [str(row[0]) for row in graph.query(LABEL_OF_SINALOA)] == ["Sinaloa Cartel"]
    assert len(list(graph.query(f"CONSTRUCT {{ <{SINALOA}> ?p ?o }} WHERE {{ <{SINALOA}> ?p ?o }}"))) >= 5


# --------------------------------------------------------------------------- datasets, base, description

ENTITIES_GRAPH = "https://w3id.org/crimegraph/id/graph/entities"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_NONE = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/none> WHERE { ?s ?p ?o }"


def count(server: Server, query: str, method: str = "GET", **params: str | list[str]) -> int:
    """The ?n of a COUNT query sent with protocol parameters: in the URL (GET), in the
    form body (POST form), or in the URL beside a query body (POST direct)."""
    fields = urllib.parse.urlencode(params, doseq=True)
    accept = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        status, _, body = http(f"{server.sparql}?{urllib.parse.urlencode({'query': query})}&{fields}", headers=accept)
    elif method == "form":
        data = urllib.parse.urlencode({"query": query, **params}, doseq=True).encode()
        status, _, body = http(server.sparql, data, {"Content-Type": "application/x-www-form-urlencoded", **accept})
    else:
        status, _, body = http(f"{server.sparql}?{fields}", query.encode(), {"Content-Type": "application/sparql-query", **accept})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("method", ["GET", "form", "direct"])
def test_from_and_the_protocol_dataset(server: Server, method: str) -> None:
    in_entities = count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}", method)
    assert 0 < in_entities < count(server, COUNT_ALL, method)
    # FROM is honoured: the union default graph applies only when a query names no dataset
    assert count(server, COUNT_NONE, method) == 0
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES_GRAPH}> WHERE {{ ?s ?p ?o }}", method) == in_entities
    # default-graph-uri / named-graph-uri, and over the query's FROM (the protocol's dataset wins)
    assert count(server, COUNT_ALL, method, **{"default-graph-uri": ENTITIES_GRAPH}) == in_entities
    assert count(server, COUNT_NONE, method, **{"default-graph-uri": ENTITIES_GRAPH}) == in_entities
    assert count(server, COUNT_ALL, method, **{"default-graph-uri": ["http://example.org/none", ENTITIES_GRAPH]}) == in_entities
    assert count(server, COUNT_ALL, method, **{"named-graph-uri": ENTITIES_GRAPH}) == 0
    graph_count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count(server, graph_count, method, **{"named-graph-uri": ENTITIES_GRAPH}) == in_entities
    assert count(server, graph_count, method, **{"default-graph-uri": ENTITIES_GRAPH}) == 0


def test_a_dataset_names_graphs_by_iri(server: Server) -> None:
    status, _, body = http(server.sparql + "?query=" + urllib.parse.quote(COUNT_ALL) + "&default-graph-uri=entities")
    assert status == 400 and b"default-graph-uri: 'entities' is not an absolute IRI" in body


def test_rdflib_sparqlstore_on_a_named_graph(server: Server) -> None:
    """rdflib's SPARQLStore asks for a named graph with default-graph-uri."""
    from rdflib import URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    entities = Graph(store=SPARQLStore(server.sparql), identifier=URIRef(ENTITIES_GRAPH))
    assert len(entities) == count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES_GRAPH}> WHERE {{ ?s ?p ?o }}")
    assert [str(row[0]) for row in entities.query(LABEL_OF_SINALOA)] == ["Sinaloa Cartel"]
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert [str(o) for o in entities.objects(URIRef(SINALOA), label)] == ["Sinaloa Cartel"]
    headline = "ASK { ?article <http://schema.org/headline> ?h }"  # only in an article's graph
    assert entities.query(headline).askAnswer is False
    assert Graph(store=SPARQLStore(server.sparql)).query(headline).askAnswer is True


def test_relative_iris_are_resolved_against_the_endpoint(server: Server) -> None:
    status, headers, body = http(server.sparql + "?query=" + urllib.parse.quote("CONSTRUCT { <s> <p> 1 } WHERE {}"),
                                 headers={"Accept": "application/n-triples"})
    assert status == 200, body
    assert body.decode().split() == [f"<{server.url}s>", f"<{server.url}p>", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "."]
    query = "BASE <http://example.org/base/> SELECT (<x> AS ?x) {}"  # the query's own BASE wins
    status, _, body = http(server.sparql + "?query=" + urllib.parse.quote(query), headers={"Accept": "text/csv"})
    assert body.decode().splitlines() == ["x", "http://example.org/base/x"]


def test_a_query_body_is_utf8(server: Server) -> None:
    status, _, body = http(server.sparql, "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert status == 415 and b"UTF-8" in body
    status, _, body = http(server.sparql, b"ASK { ?s ?p '\xff' }", {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"not valid UTF-8 (at byte offset 13)" in body


def test_remote_store_sends_the_dataset_and_the_base(server: Server) -> None:
    """RemoteStore, crimegraph's client of other servers, here with ours."""
    from crimegraph.store import QueryDataset, RemoteStore

    remote = RemoteStore(server.sparql, timeout=30, retries=0)
    in_entities = count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES_GRAPH}> WHERE {{ ?s ?p ?o }}")
    assert remote.query(COUNT_ALL, dataset=QueryDataset(default_graphs=(ENTITIES_GRAPH,))).rows()[0]["n"] == in_entities
    assert remote.query(COUNT_NONE).rows()[0]["n"] == 0
    assert remote.query("SELECT (<x> AS ?x) {}", base_iri="http://example.org/base/").rows()[0]["x"] == "http://example.org/base/x"


def service_description(server: Server, accept: str, url: str | None = None) -> Graph:
    status, headers, body = http(url or server.sparql, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == accept, (status, headers, body[:300])
    return Graph().parse(data=body, format={"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}[accept])


@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/ld+json"])
def test_service_description(server: Server, accept: str) -> None:
    from rdflib import RDF, URIRef

    from crimegraph.serve.protocol import GRAPH_TYPES, TABLE_TYPES
    from crimegraph.serve.service import FORMAT_IRIS
    from crimegraph.store import LocalStore
    from crimegraph.vocab import SD

    graph = service_description(server, accept)
    service = graph.value(predicate=SD.endpoint, object=URIRef(server.sparql))
    assert service is not None and (service, RDF.type, SD.Service) in graph
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(graph.objects(service, SD.feature)) == {SD.UnionDefaultGraph}  # no SERVICE without --allow-service
    served = {*TABLE_TYPES.values(), *GRAPH_TYPES.values()}
    assert set(graph.objects(service, SD.resultFormat)) == {URIRef(FORMAT_IRIS[f]) for f in served} and len(served) == 10
    dataset = graph.value(service, SD.defaultDataset)
    assert (graph.value(dataset, SD.defaultGraph), RDF.type, SD.Graph) in graph
    names = {str(graph.value(node, SD.name)) for node in graph.objects(dataset, SD.namedGraph)}
    assert names == set(LocalStore.open_read_only(server.store).named_graphs()) and ENTITIES_GRAPH in names
    # the endpoint is the URL asked for
    slash = service_description(server, accept, server.sparql + "/")
    assert set(slash.objects(None, SD.endpoint)) == {URIRef(server.sparql + "/")}


def test_service_description_negotiation(server: Server) -> None:
    from http.client import HTTPConnection

    status, headers, body = http(server.sparql)  # no Accept: anything goes, Turtle first
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"sd:Service" in body
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    connection = HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", "/sparql", headers={"Accept": browser})
    response = connection.getresponse()
    assert response.status == 303 and response.getheader("Location") == "/"  # a browser gets the page, as before
    connection.close()
    status, headers, body = http(server.sparql + "?format=jsonld", headers={"Accept": browser})
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    status, _, body = http(server.sparql, headers={"Accept": "image/png"})
    assert status == 406 and b"text/turtle" in body
    assert post_form(server.sparql)[0] == 400  # a POST without a query is no request for the description


def test_service_description_lists_at_most_1000_named_graphs(tmp_path: Path) -> None:
    from crimegraph.serve.service import MAX_LISTED_GRAPHS
    from crimegraph.store import LocalStore, rdf_source
    from crimegraph.vocab import RDFS, SD

    data = tmp_path / "many.nq"
    data.write_text("".join(f"<http://example.org/s> <http://example.org/p> \"{i}\" <http://example.org/g/{i}> .\n"
                            for i in range(MAX_LISTED_GRAPHS + 5)), encoding="utf-8")
    LocalStore(tmp_path / "store", create=True).load([rdf_source(data)])
    running = start_server(tmp_path / "store", "--workers", "1")
    try:
        graph = service_description(running, "text/turtle")
    finally:
        stop_server(running.process)
    dataset = next(graph.objects(None, SD.defaultDataset))
    assert len(set(graph.objects(dataset, SD.namedGraph))) == MAX_LISTED_GRAPHS == 1000
    assert "1000 of the store's named graphs are listed here; it holds more" in str(graph.value(dataset, RDFS.comment))


def test_chunked_post_body(server: Server) -> None:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    body = LABEL_OF_SINALOA.encode()
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.putheader("Accept", "text/csv")
    connection.endheaders()
    connection.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    response = connection.getresponse()
    assert response.status == 200 and response.read().decode().splitlines() == ["name", "Sinaloa Cartel"]
    connection.close()
    # a chunked body counts against the limit too
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    chunk = b"#" + b"x" * 8190 + b"\n"
    try:
        for _ in range(MAX_REQUEST_BYTES // len(chunk) + 2):
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        connection.send(b"0\r\n\r\n")
    except OSError:
        pass  # the server may answer and close before the body ends
    assert connection.getresponse().status == 413
    connection.close()


def test_content_negotiation(server: Server) -> None:
    url = server.sparql + "?query=" + urllib.parse.quote(LABEL_OF_SINALOA)
    status, headers, _ = http(url, headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, headers, _ = http(url, headers={"Accept": "text/*"})
    assert status == 200 and headers["Content-Type"].split(";")[0] in ("text/csv", "text/tab-separated-values", "text/xml")
    status, headers, _ = http(url)  # no Accept header: anything goes, JSON first
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    status, _, body = http(url, headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = http(server.sparql + "?query=" + urllib.parse.quote(f"DESCRIBE <{SINALOA}>"), headers={"Accept": "text/csv"})
    assert status == 406 and b"text/turtle" in body
    status, headers, _ = http(url + "&format=csv", headers={"Accept": "text/html"})  # what a browser sends
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


def test_syntax_error_is_400_with_line_and_column(server: Server) -> None:
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(server, "SELECT ?s WHERE {\n  ?s ?p \n}", JSON).query()
    assert "line" in str(caught.value) and "column" in str(caught.value)
    status, _, body = post_form(server.sparql)
    assert status == 400 and b"missing query" in body


def test_updates_are_forbidden(server: Server) -> None:
    insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    before = store_snapshot(server.store)
    assert post_form(server.sparql, update=insert)[0] == 403
    assert http(server.sparql, insert.encode(), {"Content-Type": "application/sparql-update"})[0] == 403
    assert http(server.sparql + "?update=" + urllib.parse.quote(insert))[0] == 403
    status, _, body = post_form(server.sparql, query="PREFIX ex: <https://example.org/>\n" + insert)
    assert status == 403 and b"read-only" in body
    assert post_form(server.sparql, query="DROP ALL")[0] == 403
    assert wrapper(server, "ASK { <https://example.org/a> ?p ?o }", JSON).queryAndConvert()["boolean"] is False
    assert store_snapshot(server.store) == before


def test_request_size_is_capped(server: Server) -> None:
    padding = "#" + "x" * (MAX_REQUEST_BYTES + 10) + "\n"
    status, _, body = post_form(server.sparql, query=padding + "ASK {}")
    assert status == 413 and b"too large" in body.lower()
    status, _, _ = http(server.sparql, (padding + "ASK {}").encode(), {"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _, _ = http(server.sparql + "?query=" + urllib.parse.quote(padding + "ASK {}"))
    assert status == 413
    # just under the limit is fine
    fits = "#" + "x" * (MAX_REQUEST_BYTES // 2) + "\nASK {}"
    assert post_form(server.sparql, query=fits)[0] == 200


def test_slow_query_times_out_and_the_server_answers_the_next(server: Server) -> None:
    started = time.monotonic()
    status, _, body = post_form(server.sparql, query=ENDLESS)
    took = time.monotonic() - started
    assert status == 503 and b"timeout" in body
    assert QUERY_TIMEOUT <= took < QUERY_TIMEOUT + 5
    # the stuck worker was killed and replaced: the next queries are answered at once
    for _ in range(4):
        assert wrapper(server, LABEL_OF_SINALOA, JSON).queryAndConvert()["results"]["bindings"]
    if Path(f"/proc/{server.process.pid}/task").exists():  # no worker is left burning a core on the abandoned query
        def running() -> list[int]:
            return [p for p in _query_workers(server.process.pid)
                    if Path(f"/proc/{p}/stat").exists() and Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] == "R"]

        deadline = time.monotonic() + 15  # a replacement worker may still be starting
        while running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not running()
        assert len(_query_workers(server.process.pid)) == 2  # --workers 2: the stuck one was replaced


def test_service_is_refused_and_nothing_is_fetched(server: Server, recorder: tuple[str, list[str]]) -> None:
    remote, requests = recorder
    for query in (
        f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?x ?y ?z }} }}",
        f"select * where {{ service silent <{remote}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE?endpoint {{ ?x ?y ?z }} VALUES ?endpoint {{ <{remote}> }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{remote}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?one) .SERVICE <{remote}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ {{ SELECT * {{ OPTIONAL {{ SERVICE <{remote}> {{ ?x ?y ?z }} }} }} }} }}",
    ):
        status, _, body = post_form(server.sparql, query=query)
        assert status == 403 and b"--allow-service" in body, query
    # FROM names a graph of the store; nothing is fetched for it either
    status, _, _ = post_form(server.sparql, query=f"SELECT * FROM <{remote}> FROM NAMED <{remote}> WHERE {{ ?s ?p ?o }}")
    assert status == 200
    assert requests == []
    # a variable or a literal called service is no SERVICE clause
    query = 'SELECT ?service WHERE { BIND("SERVICE <http://x/> {}" AS ?service) }'
    assert wrapper(server, query, JSON).queryAndConvert()["results"]["bindings"]


@pytest.mark.slow
def test_allow_service_really_fetches(store: Path, recorder: tuple[str, list[str]]) -> None:
    """Why SERVICE is refused by default: pyoxigraph does call the remote endpoint."""
    remote, requests = recorder
    allowed = start_server(store, "--allow-service", "--workers", "1", "--query-timeout", "10")
    try:
        answer = wrapper(allowed, f"SELECT ?x WHERE {{ SERVICE <{remote}> {{ ?x ?y ?z }} }}", JSON).queryAndConvert()
    finally:
        stop_server(allowed.process)
    assert requests, "the remote endpoint was never asked"
    assert [b["x"]["value"] for b in answer["results"]["bindings"]] == ["remote"]


def _listening_addresses(port: int) -> set[str]:
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                addresses.add(address)
    return addresses


def test_binds_to_loopback_by_default(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    if Path("/proc/net/tcp").exists():
        assert _listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, nothing else
    for name in {socket.gethostname(), *socket.gethostbyname_ex(socket.gethostname())[2]} - {"127.0.0.1", "localhost"}:
        try:
            address = socket.gethostbyname(name)
        except OSError:
            continue
        if address.startswith("127."):
            continue
        with pytest.raises(OSError):
            socket.create_connection((address, server.port), timeout=2).close()


def test_answers_only_to_loopback_host_names(server: Server) -> None:
    """A page on another site cannot reach the endpoint through DNS rebinding."""
    status, _, _ = http(server.url + "queries", headers={"Host": f"attacker.example:{server.port}"})
    assert status == 421
    assert http(server.url.replace("127.0.0.1", "localhost") + "queries")[0] == 200
    status, headers, _ = http(server.url + "queries", data=b"x", headers={"Content-Type": "text/plain"})
    assert status == 405 and "GET" in headers["Allow"]


# --------------------------------------------------------------------------- catalog, pages


def test_catalog_lists_every_query_with_parameters(server: Server) -> None:
    from crimegraph.query.catalog import catalog

    status, _, body = http(server.url + "queries")
    entries = {e["name"]: e for e in json.loads(body)}
    assert status == 200 and set(entries) == set(catalog())
    where = entries["who-did-what-where"]
    assert where["title"] and where["description"]
    assert {p["name"] for p in where["parameters"]} >= {"actor", "target", "type", "place", "from", "to"}
    assert all("accepts" in p and "required" in p for p in where["parameters"])


def test_catalog_query_runs_with_parameters(server: Server) -> None:
    url = server.url + "queries/who-did-what-where?" + urllib.parse.urlencode({"actor": "Sinaloa Cartel"})
    status, headers, body = http(url, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert status == 200 and rows and {r["actorName"] for r in rows} == {"Sinaloa Cartel"}
    status, _, body = http(server.url + "queries/who-did-what-where/sparql?actor=Sinaloa+Cartel")
    prepared = json.loads(body)
    assert status == 200 and "VALUES" in prepared["query"] and prepared["form"] == "SELECT"
    status, headers, body = http(server.url + "queries/describe-entity?entity=CICIG", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"CICIG" in body


def test_catalog_parameters_cannot_inject(server: Server) -> None:
    hostile = 'x" } UNION { ?event ?p ?o } #'
    url = server.url + "queries/who-did-what-where?" + urllib.parse.urlencode({"actor": hostile})
    status, headers, body = http(url, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert "no entity named" in headers.get("X-Crimegraph-Warning", "")


def test_catalog_errors_are_readable(server: Server) -> None:
    status, _, body = http(server.url + "queries/no-such-query")
    assert status == 400 and b"who-did-what-where" in body
    status, _, body = http(server.url + "queries/who-did-what-where?colour=red")
    assert status == 400 and b"colour" in body
    status, _, body = http(server.url + "queries/who-did-what-where?from=last+week")
    assert status == 400 and b"YYYY" in body
    status, _, body = http(server.url + "queries/articles-mentioning")
    assert status == 400 and b"entity" in body


def test_describe_page(server: Server) -> None:
    status, headers, body = http(server.url + "describe?iri=" + urllib.parse.quote(SINALOA, safe=""))
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>Sinaloa Cartel</h1>" in page and "Cartel de Sinaloa" in page
    assert 'href="/id/place/' in page  # its place links on, to the place's dereferenceable IRI
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert http(server.url + "describe?iri=" + urllib.parse.quote("https://example.org/nobody"))[0] == 404
    # an RDF client gets RDF from the same address
    status, headers, body = http(server.url + "describe?iri=" + urllib.parse.quote(SINALOA, safe=""), headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "Sinaloa Cartel" in {str(o) for o in Graph().parse(data=body.decode(), format="turtle").objects()}
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert http(server.url + "describe?iri=" + urllib.parse.quote(SINALOA, safe=""), headers={"Accept": browser_accept})[1]["Content-Type"].startswith("text/html")
    status, headers, _ = http(server.url + "describe?iri=" + urllib.parse.quote("<script>alert(1)</script>"))
    assert status == 400 and headers["Content-Type"].startswith("text/plain")


def test_page_and_static_files_come_from_the_package(server: Server) -> None:
    status, headers, body = http(server.url)
    page = body.decode()
    assert status == 200 and "yasgui.min.js" in page
    assert not re.search(r"""(src|href)=["']https?://""", page), "the page must not load anything from elsewhere"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    for path in ("static/vendor/yasgui/yasgui.min.js", "static/vendor/yasgui/yasgui.min.css", "static/vendor/yasgui/LICENSE", "static/crimegraph.js"):
        assert http(server.url + path)[0] == 200, path
    assert http(server.url + "static/../../pyproject.toml")[0] == 404
    assert http(server.url + "static/%2e%2e/app.py")[0] == 404
    status, headers, _ = http(server.sparql, headers={"Accept": "text/html"})
    assert status == 200 and "yasgui" in _.decode()  # a browser on /sparql is shown the page


# --------------------------------------------------------------------------- load


def test_bounded_concurrent_catalog_load(server: Server) -> None:
    """8 clients, 320 catalog queries on loopback, with 4 endless queries among them:
    every answer is right (compared with the same query run in this process) or a clear
    503 (timeout, busy), the endless ones time out, and the server stays up."""
    import crimegraph.query as api
    from crimegraph.store import LocalStore

    local = LocalStore.open_read_only(server.store)
    expected: dict[int, tuple[str, list[str]]] = {}
    for index, (name, params) in enumerate(CATALOG_CASES):
        result, _ = api.execute(local, name, params)
        if result.kind == "graph":
            expected[index] = ("graph", [str(len(result))])
        else:
            expected[index] = ("table", sorted(result.serialize("csv").decode().splitlines()))
    local.close()

    def one(index: int) -> str:
        if index < 0:
            status, _, body = post_form(server.sparql, query=ENDLESS, timeout=60)
            assert status == 503 and (b"timeout" in body or b"busy" in body), (status, body)
            return "endless"
        name, params = CATALOG_CASES[index]
        url = server.url + f"queries/{name}?" + urllib.parse.urlencode(params, doseq=True)
        kind, want = expected[index]
        accept = "application/n-triples" if kind == "graph" else "text/csv"
        status, _, body = http(url, headers={"Accept": accept}, timeout=60)
        if status == 503:
            assert b"timeout" in body or b"busy" in body, body
            return "503"
        assert status == 200, (name, params, status, body[:300])
        text = body.decode()
        got = [str(len([line for line in text.splitlines() if line.strip()]))] if kind == "graph" else sorted(text.splitlines())
        assert got == want, (name, params)
        return "ok"

    outcomes: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    jobs = (list(range(len(CATALOG_CASES))) * 16)[:320]
    for position in (40, 120, 200, 280):
        jobs.insert(position, -1)

    def client(share: list[int]) -> None:
        for index in share:
            try:
                outcome = one(index)
            except BaseException as exc:  # noqa: BLE001 - collected for the main thread
                with lock:
                    errors.append(exc)
                return
            with lock:
                outcomes.append(outcome)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(jobs[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "clients still running after 120 s"
    assert not errors, errors[0]
    assert len(outcomes) == 324 and outcomes.count("endless") == 4
    assert outcomes.count("ok") >= 300, f"too many 503s: {outcomes.count('503')}"
    assert time.monotonic() - started < 90
    assert server.process.poll() is None
    assert wrapper(server, LABEL_OF_SINALOA, JSON).queryAndConvert()["results"]["bindings"]


def test_a_load_elsewhere_is_seen_by_the_next_query(tmp_path: Path, example_nquads: Path, corpus_nquads: Path) -> None:
    """A load in another process publishes a new generation; serve never writes."""
    store = build_store(tmp_path, example_nquads)
    served = start_server(store, "--workers", "1")
    try:
        ask = f"ASK {{ <{CULIACAN_CLASH}> ?p ?o }}"
        assert wrapper(served, ask, JSON).queryAndConvert()["boolean"] is False
        before = store_snapshot(store)
        for _ in range(5):
            wrapper(served, LABEL_OF_SINALOA, JSON).queryAndConvert()
        assert store_snapshot(store) == before, "serving must not write to the store"
        load_in_another_process(store, corpus_nquads)  # the examples and one more article
        assert wrapper(served, ask, JSON).queryAndConvert()["boolean"] is True
        # SIGTERM stops the server cleanly, workers included
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(15) == 0
    finally:
        stop_server(served.process)


def _query_workers(pid: int) -> list[int]:
    """The server's query worker processes (children of any of its threads; not
    multiprocessing's resource tracker)."""
    pids = [int(p) for task in Path(f"/proc/{pid}/task").glob("*/children") for p in task.read_text().split()]
    return [p for p in pids if Path(f"/proc/{p}/cmdline").exists() and b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the worker processes")
def test_a_worker_that_dies_is_replaced(tmp_path: Path, example_nquads: Path) -> None:
    served = start_server(build_store(tmp_path, example_nquads), "--workers", "1")
    try:
        (worker,) = _query_workers(served.process.pid)
        os.kill(worker, signal.SIGKILL)
        status, _, body = post_form(served.sparql, query=LABEL_OF_SINALOA)
        assert status == 200 or (status == 500 and b"worker stopped" in body), (status, body)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # a new worker starts in the background
            status, _, body = post_form(served.sparql, query=LABEL_OF_SINALOA, headers={"Accept": "text/csv"})
            if status == 200:
                break
            time.sleep(0.2)
        assert status == 200 and b"Sinaloa Cartel" in body
        assert len(_query_workers(served.process.pid)) == 1
    finally:
        stop_server(served.process)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from crimegraph.cli import main; main()", "serve", "--store", str(tmp_path / "none"), "--port", "0"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no store at" in done.stderr and "crimegraph load" in done.stderr


# --------------------------------------------------------------------------- docs


def test_serve_docstring_examples() -> None:
    import crimegraph.serve
    import crimegraph.serve.app
    import crimegraph.serve.protocol

    for module in (crimegraph.serve, crimegraph.serve.app, crimegraph.serve.protocol):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__


# --------------------------------------------------------------------------- protocol, no server


@pytest.mark.parametrize(("query", "service"), [
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * {\n  service\n  silent <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * { SeRvIcE ?e { ?s ?p ?o } }", True),
    ("SELECT * { ?s ?p ?o .SERVICE <http://x/> { ?a ?b ?c } }", True),
    ("SELECT * {SERVICE<http://x/>{?a ?b ?c}}", True),
    ("SELECT * { # a comment ends at the line end\nSERVICE <http://x/> { ?a ?b ?c } }", True),
    ("PREFIX ex: <http://x/> SELECT * { ex:a ex:b ex:c . SERVICE ex:endpoint { ?s ?p ?o } }", True),
    ("SELECT * { ?s ?p ?o } # SERVICE <http://x/> in a comment", False),
    ('SELECT * { ?s ?p "SERVICE <http://x/> {}" }', False),
    ("SELECT * { ?s ?p '''\nSERVICE <http://x/> {}\n''' }", False),
    ("SELECT * { ?s <http://x/SERVICE> ?o }", False),
    ("PREFIX service: <http://x/> SELECT * { ?s service:p ?o . ?s ?p ?service }", False),
    ("PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o . ?s ?p $service }", False),
])
def test_service_clauses_are_recognised(query: str, service: bool) -> None:
    from crimegraph.serve.protocol import uses_service

    assert uses_service(query) is service


@pytest.mark.parametrize(("query", "kind"), [
    ("SELECT * {}", "SELECT"),
    ("prefix ex: <http://x/> ask { ex:a ?p ?o }", "ASK"),
    ("BASE <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://x/a>", "DESCRIBE"),
    ("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }", "UPDATE"),
    ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
    ("LOAD <http://x/data.ttl>", "UPDATE"),
    ("# SELECT\nCLEAR ALL", "UPDATE"),
    ("SELEC * {}", "UNKNOWN"),
])
def test_query_kinds(query: str, kind: str) -> None:
    from crimegraph.serve.protocol import query_kind

    assert query_kind(query) == kind
