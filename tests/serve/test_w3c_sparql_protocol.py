"""The W3C SPARQL 1.1 Protocol and Service Description tests, run against a real
``crimegraph serve``.

The manifests are read at run time from ``../shared/conformance/`` (CI has them):
``w3c-sparql11-protocol/manifest.ttl`` describes each test as HTTP requests (method,
path with the protocol's parameters, headers, body with its character encoding) and the
expected responses (status class, result format, ASK answer), with the data files each
test loads (``ut:graphData``: a file and the graph IRI it is loaded into);
``w3c-sparql11-service-description/manifest.ttl`` names the three required checks of a
service description. There is one pytest case per manifest entry.

Each test runs against ``crimegraph serve`` in a child process whose store holds exactly
that test's data (one server per distinct set of data files). The manifest's requests go
out as written, byte for byte (``http.client``, no header added but ``Host`` and
``Content-Length``), with two substitutions the manifest itself prescribes: the
authority ``www.example`` becomes the server's address and the path prefix ``/sparql/``
the endpoint's path.

A read-only server cannot pass the tests that run SPARQL Update and then check its
effect: they are listed in :data:`NOT_APPLICABLE` with the reason, and run anyway with
the answer a read-only server owes them: the update is refused (403), the store's files
are unchanged, and the follow-up ASK, which expects ``true`` after the update, answers
``false``. The tests of bad update requests apply as they are (any 4xx).

The service description checks are those of the W3C's validator (kasei/sparql11-sdvalidator):
*returns-rdf* (GET on the endpoint gives RDF), *has-endpoint-triple* (``?service
sd:endpoint <U>`` for the URL fetched), *conforms-to-schema* (every ``sd:NamedGraph`` has
an ``sd:name``; here also its best-practice checks: subjects and objects of the
vocabulary's properties carry the classes of their domains and ranges, a recognised
``sd:supportedLanguage``, every dataset has a graph). Each runs for Turtle, RDF/XML,
JSON-LD and a client that sends no ``Accept``.

The manifests' vocabularies (mf, ht, cnt, ut, hts) are the test suite's own, written
here; the service description vocabulary comes from :mod:`crimegraph.vocab`.
"""

from __future__ import annotations

import http.client
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from crimegraph.vocab import SD
from tests.conftest import SHARED
from tests.serve.test_serve import Server, start_server, stop_server, store_snapshot

PROTOCOL_DIR = (SHARED / "conformance" / "w3c-sparql11-protocol").resolve()
SD_DIR = (SHARED / "conformance" / "w3c-sparql11-service-description").resolve()
PROTOCOL_MANIFEST = PROTOCOL_DIR / "manifest.ttl"
SD_MANIFEST = SD_DIR / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

#: Protocol tests a read-only server cannot pass as written, and why. They still run:
#: the update must be refused and change nothing (see the module's docstring).
NOT_APPLICABLE = {
    "update_dataset_default_graph": "SPARQL Update (CLEAR ALL, INSERT) with using-graph-uri: the endpoint is read-only",
    "update_dataset_default_graphs": "SPARQL Update (DROP ALL, INSERT) with using-graph-uri: the endpoint is read-only",
    "update_dataset_named_graphs": "SPARQL Update (DROP ALL, INSERT) with using-named-graph-uri: the endpoint is read-only",
    "update_dataset_full": "SPARQL Update (DROP ALL, INSERT) with using-graph-uri and using-named-graph-uri: the endpoint is read-only",
    "update_post_form": "SPARQL Update (CLEAR ALL) by URL-encoded POST: the endpoint is read-only",
    "update_post_direct": "SPARQL Update (CLEAR ALL) by direct POST: the endpoint is read-only",
    "update_base_uri": "SPARQL Update (INSERT DATA with a relative IRI): the endpoint is read-only; the base IRI of queries is checked by test_query_base_iri_is_the_endpoint",
}

#: Media types of each result format the manifest names (``mf:expectedFormat``).
BOOLEAN_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON, "application/sparql-results+xml": ox.QueryResultsFormat.XML}
TABULAR_TYPES = {**BOOLEAN_TYPES, "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
RDF_TYPES = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
#: What a service description is asked for as (None: no Accept header at all).
SD_ACCEPT = [None, "text/turtle", "application/rdf+xml", "application/ld+json"]


# --------------------------------------------------------------------------- the manifests


@dataclass(frozen=True)
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status_classes: frozenset[int]
    result_format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolCase:
    name: str
    title: str
    #: (graph IRI, data file) for every ut:graphData of the test
    graphs: tuple[tuple[str, Path], ...]
    exchanges: tuple[Exchange, ...]


def _items(graph: Graph, head: object) -> list:
    return list(Collection(graph, head)) if head is not None else []


def _local_name(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]


def _body(graph: Graph, node: object) -> bytes | None:
    if node is None:
        return None
    chars = graph.value(node, CNT.chars)
    encoding = str(graph.value(node, CNT.characterEncoding) or "UTF-8")
    return str(chars).encode(encoding.lower())


def _status_class(node: object) -> int:
    """``hts:StatusCode4xx`` → 4."""
    name = _local_name(node)
    assert name.startswith("StatusCode") and name.endswith("xx"), name
    return int(name[len("StatusCode")])


def protocol_cases(manifest: Path = PROTOCOL_MANIFEST) -> list[ProtocolCase]:
    """Every entry of the protocol manifest, in its order."""
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    cases = []
    for entry in _items(graph, graph.value(root, MF.entries)):
        data = []
        for item in graph.objects(entry, UT.graphData):
            source = Path(urllib.parse.urlsplit(str(graph.value(item, UT.graph))).path)
            data.append((str(graph.value(item, RDFS.label)), source))
        action = graph.value(entry, MF.action)
        exchanges = []
        for request in _items(graph, graph.value(action, HT.requests)):
            response = graph.value(request, HT.resp)
            headers = tuple((str(graph.value(h, HT.fieldName)), str(graph.value(h, HT.fieldValue)))
                            for h in _items(graph, graph.value(request, HT.headers)))
            boolean = graph.value(response, MF.expectedBoolean)
            fmt = graph.value(response, MF.expectedFormat)
            exchanges.append(Exchange(
                method=str(graph.value(request, HT.methodName)),
                path=str(graph.value(request, HT.absolutePath)),
                headers=headers,
                body=_body(graph, graph.value(request, HT.body)),
                status_classes=frozenset(_status_class(s) for s in graph.objects(response, MF.expectedStatus)),
                result_format=str(fmt) if fmt is not None else None,
                boolean=boolean.toPython() if isinstance(boolean, Literal) else None,
            ))
        cases.append(ProtocolCase(_local_name(entry), str(graph.value(entry, MF.name)), tuple(sorted(data)), tuple(exchanges)))
    return cases


def sd_tests(manifest: Path = SD_MANIFEST) -> list[str]:
    """The names of the service description manifest's entries, in its order."""
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    return [_local_name(entry) for entry in _items(graph, graph.value(root, MF.entries))]


PROTOCOL_CASES = protocol_cases() if PROTOCOL_MANIFEST.is_file() else []
SD_TESTS = sd_tests() if SD_MANIFEST.is_file() else []


def test_the_manifests_are_read(shared: Path) -> None:
    """The suites are there and read whole (a missing ../shared fails, never skips)."""
    assert [case.name for case in PROTOCOL_CASES][:2] == ["query_post_form", "query_dataset_default_graphs_get"]
    assert len(PROTOCOL_CASES) == 34 and all(case.exchanges for case in PROTOCOL_CASES)
    assert sum(len(case.exchanges) for case in PROTOCOL_CASES) == 34 + 5  # five updates are checked by a second request
    assert {case.graphs for case in PROTOCOL_CASES if case.graphs} == {
        tuple((f"http://kasei.us/2009/09/sparql/data/data{i}.rdf", PROTOCOL_DIR / f"data{i}.nt") for i in numbers)
        for numbers in ((1, 2), (1, 2, 3))
    }
    assert set(NOT_APPLICABLE) <= {case.name for case in PROTOCOL_CASES}
    assert SD_TESTS == ["has-endpoint-triple", "returns-rdf", "conforms-to-schema"]


# --------------------------------------------------------------------------- servers


def build_store(folder: Path, graphs: tuple[tuple[str, Path], ...]) -> Path:
    """A store holding each data file in its named graph (an empty store for none)."""
    from crimegraph.store import LocalStore, rdf_source

    store = folder / "store"
    local = LocalStore(store, create=True)
    if graphs:
        local.load([rdf_source(path, graph=iri) for iri, path in graphs])
    local.close()
    return store


@pytest.fixture(scope="module")
def server_for(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[tuple[tuple[str, Path], ...]], Server]]:
    """A ``crimegraph serve`` whose store holds exactly the given data, started on first
    use and shared by the tests with the same data."""
    running: dict[tuple[tuple[str, Path], ...], Server] = {}

    def get(graphs: tuple[tuple[str, Path], ...]) -> Server:
        if graphs not in running:
            store = build_store(tmp_path_factory.mktemp("w3c-protocol"), graphs)
            running[graphs] = start_server(store, "--workers", "1", "--query-timeout", "20")
        return running[graphs]

    try:
        yield get
    finally:
        for server in running.values():
            stop_server(server.process)


def endpoint_path(server: Server, path: str) -> str:
    """The manifest's ``/sparql/…`` on our endpoint."""
    assert path.startswith("/sparql/"), path
    return urllib.parse.urlsplit(server.sparql).path + path[len("/sparql/"):]


def send(server: Server, exchange: Exchange) -> tuple[int, str, bytes]:
    """Send a request exactly as the manifest writes it: status, media type, body."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(exchange.method, endpoint_path(server, exchange.path), body=exchange.body, headers=dict(exchange.headers))
        response = connection.getresponse()
        media_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        return response.status, media_type, response.read()
    finally:
        connection.close()


def check_response(exchange: Exchange, status: int, media_type: str, body: bytes, expected_boolean: bool | None) -> None:
    """The status class, the result format and the ASK answer the manifest expects."""
    shown = body[:300].decode("utf-8", "replace")
    assert status // 100 in exchange.status_classes, f"HTTP {status}, expected {sorted(exchange.status_classes)}xx: {shown}"
    if exchange.result_format == "boolean":
        assert media_type in BOOLEAN_TYPES, f"an ASK answer as {media_type!r}"
        answer = ox.parse_query_results(body, format=BOOLEAN_TYPES[media_type])
        assert isinstance(answer, ox.QueryBoolean), shown
        if expected_boolean is not None:
            assert bool(answer) is expected_boolean, shown
    elif exchange.result_format == "tabular":
        assert media_type in TABULAR_TYPES, f"a SELECT answer as {media_type!r}"
        answer = ox.parse_query_results(body, format=TABULAR_TYPES[media_type])
        assert isinstance(answer, ox.QuerySolutions), shown
        list(answer)  # every row reads
    elif exchange.result_format == "RDF":
        assert media_type in RDF_TYPES, f"a graph answer as {media_type!r}"
        Graph().parse(data=body, format=RDF_TYPES[media_type])
    else:
        assert exchange.result_format is None, exchange.result_format


# --------------------------------------------------------------------------- protocol tests


def _case_id(case: ProtocolCase) -> str:
    return case.name


@pytest.mark.parametrize("case", PROTOCOL_CASES, ids=_case_id)
def test_protocol(case: ProtocolCase, server_for: Callable[[tuple[tuple[str, Path], ...]], Server]) -> None:
    server = server_for(case.graphs)
    if case.name not in NOT_APPLICABLE:
        for exchange in case.exchanges:
            check_response(exchange, *send(server, exchange), exchange.boolean)
        return
    # a read-only server: the update is refused and changes nothing; what the test then
    # asks for is not there
    before = store_snapshot(server.store)
    update, *checks = case.exchanges
    status, _, body = send(server, update)
    assert status == 403 and b"read-only" in body, (status, body[:300])
    for check in checks:
        check_response(check, *send(server, check), None if check.boolean is None else not check.boolean)
    assert store_snapshot(server.store) == before


def test_query_base_iri_is_the_endpoint(server_for: Callable[[tuple[tuple[str, Path], ...]], Server]) -> None:
    """What update_base_uri asks of an update, asked of a query: a relative IRI is
    resolved against the endpoint's URL (the protocol: the base "MAY be the service
    endpoint")."""
    server = server_for(())
    exchange = Exchange("POST", "/sparql/", (("content-type", "application/sparql-query"),),
                        b'SELECT ?o WHERE { BIND(<test> AS ?o) FILTER(isIRI(?o) && STR(?o) != "test") }',
                        frozenset({2}), "tabular", None)
    status, media_type, body = send(server, exchange)
    check_response(exchange, status, media_type, body, None)
    rows = list(ox.parse_query_results(body, format=TABULAR_TYPES[media_type]))
    assert [row["o"] for row in rows] == [ox.NamedNode(urllib.parse.urljoin(server.sparql, "test"))]


# --------------------------------------------------------------------------- service description


def fetch_description(server: Server, accept: str | None) -> tuple[int, str, bytes]:
    headers = {"Accept": accept} if accept else {}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("GET", urllib.parse.urlsplit(server.sparql).path, headers=headers)
        response = connection.getresponse()
        return response.status, (response.getheader("Content-Type") or "").split(";")[0].strip().lower(), response.read()
    finally:
        connection.close()


def _untyped(graph: Graph, cls: URIRef, domains: tuple = (), ranges: tuple = ()) -> list[str]:
    """Nodes used as subject of ``domains`` or object of ``ranges`` without ``a cls``."""
    nodes = {s for p in domains for s in graph.subjects(p, None)} | {o for p in ranges for o in graph.objects(None, p)}
    return sorted(str(n) for n in nodes if (n, RDF.type, cls) not in graph)


@pytest.mark.parametrize("accept", SD_ACCEPT, ids=lambda a: a or "no-accept")
@pytest.mark.parametrize("test", SD_TESTS)
def test_service_description(test: str, accept: str | None, server_for: Callable[[tuple[tuple[str, Path], ...]], Server]) -> None:
    # the store of the protocol tests with three named graphs, so that there are some to describe
    graphs = max((case.graphs for case in PROTOCOL_CASES), key=len)
    server = server_for(graphs)
    status, media_type, body = fetch_description(server, accept)
    assert status == 200, (status, body[:300])
    # returns-rdf: the body is RDF in the format its Content-Type says (and the one asked for)
    assert media_type in RDF_TYPES, media_type
    assert accept is None or media_type == accept
    graph = Graph().parse(data=body, format=RDF_TYPES[media_type], publicID=server.sparql)
    assert len(graph) > 0
    if test == "returns-rdf":
        return
    if test == "has-endpoint-triple":
        services = set(graph.subjects(SD.endpoint, URIRef(server.sparql)))
        assert len(services) == 1, graph.serialize(format="turtle")
        return
    assert test == "conforms-to-schema", f"an entry of the manifest this file does not know: {test}"
    named = set(graph.subjects(RDF.type, SD.NamedGraph))
    assert len(named) == len(graphs)
    assert all(graph.value(n, SD.name) is not None for n in named), "every sd:NamedGraph has an sd:name"
    assert {str(graph.value(n, SD.name)) for n in named} == {iri for iri, _ in graphs}
    # the validator's best-practice checks
    assert not _untyped(graph, SD.Service, domains=(SD.endpoint, SD.feature, SD.supportedLanguage, SD.resultFormat, SD.defaultDataset))
    assert not _untyped(graph, SD.Dataset, domains=(SD.defaultGraph,), ranges=(SD.defaultDataset,))
    assert not _untyped(graph, SD.NamedGraph, domains=(SD.name, SD.graph), ranges=(SD.namedGraph,))
    assert not _untyped(graph, SD.Graph, ranges=(SD.defaultGraph, SD.graph))
    assert SD.SPARQL11Query in set(graph.objects(None, SD.supportedLanguage))
    for dataset in graph.subjects(RDF.type, SD.Dataset):
        assert (dataset, SD.defaultGraph, None) in graph or (dataset, SD.namedGraph, None) in graph
    assert not any(isinstance(o, BNode) for o in graph.objects(None, SD.name)), "graph names are IRIs"
