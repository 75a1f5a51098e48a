"""Remote stores: a fake SPARQL server on loopback for the HTTP behaviour (retries,
errors, credentials), and a real Virtuoso for the answers (marked ``service``)."""

from __future__ import annotations

import re

import base64
import http.server
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import crimegraph.query as q
from crimegraph.cli import app
from crimegraph.errors import QueryError, StoreError
from crimegraph.store import LocalStore, QueryTimeout, rdf_source
from crimegraph.store.remote import Credentials, RemoteStore, find_credentials, redact_url
from crimegraph.store.stats import collect_stats
from tests.conftest import CATALOG_CASES, Virtuoso
from tests.store.test_store import ARTICLE, HEADLINE, edit_article

runner = CliRunner()
SECRET = "hunter2-Secret-pw"


# ----------------------------------------------------------------- a fake server


class FakeSparqlServer:
    """A small SPARQL 1.1 server over an in-memory pyoxigraph store: query, update and
    Graph Store Protocol endpoints, HTTP Basic auth, and scripted failures."""

    def __init__(self, user: str | None = None, password: str | None = None) -> None:
        self.store = ox.Store()
        self.user, self.password = user, password
        self.failures: list[tuple[int, str, dict[str, str]]] = []  # served before real answers
        self.delay = 0.0
        self.requests: list[tuple[str, str]] = []
        #: after this many uploads, every upload fails: "500" answers HTTP 500, "drop"
        #: closes the connection without an answer (a server dying mid-upload)
        self.uploads_before_fault: int | None = None
        self.fault = "500"
        self.uploads = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.handle_any("GET")

            def do_POST(self) -> None:
                self.handle_any("POST")

            def do_PUT(self) -> None:
                self.handle_any("PUT")

            def reply(self, status: int, body: bytes, content_type: str = "text/plain", headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def handle_any(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if server.delay:
                    time.sleep(server.delay)
                if server.failures:
                    server.requests.append((method, self.path))
                    status, text, headers = server.failures.pop(0)
                    return self.reply(status, text.encode(), headers=headers)
                url = urllib.parse.urlsplit(self.path)
                if url.path in ("/gsp", "/update") and server.uploads_before_fault is not None:
                    if server.uploads >= server.uploads_before_fault:
                        if server.fault == "drop":
                            self.close_connection = True
                            return None
                        return self.reply(500, b"internal error")
                    server.uploads += 1
                if server.user and url.path != "/sparql":
                    expected = "Basic " + base64.b64encode(f"{server.user}:{server.password}".encode()).decode()
                    if self.headers.get("Authorization") != expected:
                        return self.reply(401, f"bad credentials {SECRET}".encode(), headers={"WWW-Authenticate": 'Basic realm="x"'})
                server.requests.append((method, self.path))  # the ones that got through
                params = urllib.parse.parse_qs(url.query)
                try:
                    if url.path == "/gsp":
                        graph = ox.NamedNode(params["graph"][0])
                        if method == "PUT":
                            server.store.remove_graph(graph)
                        server.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
                        return self.reply(201, b"")
                    if url.path == "/update":
                        server.store.update(body.decode())
                        return self.reply(204, b"")
                    if url.path == "/sparql":
                        form = urllib.parse.parse_qs(body.decode()) if body else params
                        result = server.store.query(form["query"][0], use_default_graph_as_union=True)
                        if isinstance(result, ox.QueryTriples):
                            return self.reply(200, ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"", "application/n-triples")
                        return self.reply(200, result.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json")
                except SyntaxError as exc:
                    return self.reply(400, str(exc).encode())
                return self.reply(404, b"no such endpoint")

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake() -> Iterator[FakeSparqlServer]:
    server = FakeSparqlServer("alice", SECRET)
    yield server
    server.close()


def remote(fake: FakeSparqlServer, **kwargs: object) -> RemoteStore:
    options: dict = {"gsp_endpoint": f"{fake.base}/gsp", "credentials": Credentials("alice", SECRET), "backoff": 0.01}
    options.update(kwargs)
    return RemoteStore(f"{fake.base}/sparql", **options)


# ----------------------------------------------------------------- HTTP behaviour


def test_load_then_query_through_the_graph_store_protocol(fake: FakeSparqlServer, corpus_nquads: Path, loaded_store: LocalStore) -> None:
    store = remote(fake)
    report = store.load([rdf_source(corpus_nquads)])
    assert report.graphs_replaced == 2 and report.triples_after == loaded_store.triple_count()
    methods = [m for m, path in fake.requests if path.startswith("/gsp")]
    assert methods.count("PUT") == 2 and "POST" in methods
    assert store.load([rdf_source(corpus_nquads)]).triples_after == loaded_store.triple_count()  # converges


def test_sparql_update_path_in_chunks(fake: FakeSparqlServer, corpus_nquads: Path, loaded_store: LocalStore) -> None:
    store = remote(fake, gsp_endpoint=None, update_endpoint=f"{fake.base}/update", chunk_triples=50)
    store.load([rdf_source(corpus_nquads)])
    updates = [p for m, p in fake.requests if p == "/update"]
    assert len(updates) > 5  # bounded chunks
    store.load([rdf_source(edit_article(corpus_nquads, corpus_nquads.parent / "edited-update.nq"))])
    assert not store.query(f'ASK {{ <{ARTICLE}> <{HEADLINE}> "Battle of Culiacán"@en }}').boolean
    assert store.query(f'ASK {{ <{ARTICLE}> <{HEADLINE}> "Culiacán, the day after"@en }}').boolean


def test_transient_errors_are_retried_with_backoff(fake: FakeSparqlServer) -> None:
    fake.failures = [(503, "busy", {}), (502, "bad gateway", {}), (429, "slow down", {"Retry-After": "0"})]
    assert remote(fake).query("ASK { ?s ?p ?o }").boolean is False
    assert len(fake.requests) == 4


@pytest.mark.parametrize("fault", ["500", "drop"])
def test_failed_load_says_what_was_loaded_and_a_rerun_completes(fake: FakeSparqlServer, corpus_nquads: Path,
                                                               loaded_store: LocalStore, fault: str) -> None:
    fake.uploads_before_fault, fake.fault = 2, fault
    store = remote(fake, retries=2, chunk_triples=1_000_000)  # one upload per graph
    with pytest.raises(StoreError) as caught:
        store.load([rdf_source(corpus_nquads)])
    message = str(caught.value)
    assert re.search(r"loaded [1-9][0-9]* named graph\(s\) before the failure: <https://\S+>", message), message
    assert re.search(r"not loaded: [1-9][0-9]* \(<https://", message), message
    assert "Run the same load again" in message and SECRET not in message
    fake.uploads_before_fault = None  # the server is back
    report = store.load([rdf_source(corpus_nquads)])
    assert report.triples_after == loaded_store.triple_count(), "the rerun completes without duplicates"
    store.load([rdf_source(corpus_nquads)])
    assert store.triple_count() == loaded_store.triple_count()


def test_persistent_server_errors_name_the_endpoint(fake: FakeSparqlServer) -> None:
    fake.failures = [(500, "boom", {})] * 3
    with pytest.raises(StoreError, match=rf"127.0.0.1:{fake.port}/sparql failed with a server error \(HTTP 500\)"):
        remote(fake, retries=2).query("ASK { ?s ?p ?o }")
    assert len(fake.requests) == 3


def test_not_found_and_bad_query_messages(fake: FakeSparqlServer) -> None:
    with pytest.raises(StoreError, match="was not found \\(HTTP 404\\)"):
        RemoteStore(f"{fake.base}/nothing-here", retries=0, credentials=Credentials("alice", SECRET)).query("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="rejected the request \\(HTTP 400\\)"):
        remote(fake).query("ASK { ?s ?p }")


def test_unreachable_endpoint(fake: FakeSparqlServer) -> None:
    port = fake.port
    fake.close()
    with pytest.raises(StoreError, match=rf"cannot reach http://127.0.0.1:{port}/sparql"):
        RemoteStore(f"http://127.0.0.1:{port}/sparql", retries=1, backoff=0.01).query("ASK { ?s ?p ?o }")


def test_timeout(fake: FakeSparqlServer) -> None:
    fake.delay = 2.5
    start = time.perf_counter()
    with pytest.raises(QueryTimeout, match="did not answer in time"):
        remote(fake, retries=0, timeout=0.5).query("ASK { ?s ?p ?o }")
    assert time.perf_counter() - start < 2


def test_wrong_credentials_are_reported_without_the_password(fake: FakeSparqlServer, corpus_nquads: Path) -> None:
    store = remote(fake, credentials=Credentials("alice", "wrong-" + SECRET))
    with pytest.raises(StoreError) as caught:
        store.load([rdf_source(corpus_nquads)])
    message = str(caught.value)
    assert "refused the credentials (HTTP 401)" in message and f"127.0.0.1:{fake.port}/gsp" in message
    assert SECRET not in message
    assert "password='***'" in repr(store.credentials)


def test_cli_verbose_and_errors_never_print_the_password(fake: FakeSparqlServer, corpus_nquads: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_USER", "alice")
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_PASSWORD", SECRET)
    args = ["load", str(corpus_nquads), "--endpoint", f"{fake.base}/sparql", "--gsp-endpoint", f"{fake.base}/gsp", "-v"]
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0, ok.output
    assert "PUT" in ok.output and SECRET not in ok.output
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_PASSWORD", SECRET + "-typo")
    failed = runner.invoke(app, args)
    assert failed.exit_code == 2 and "HTTP 401" in failed.output
    assert SECRET not in failed.output and "Traceback" not in failed.output
    # user info in the URL is used, and never shown
    monkeypatch.delenv("CRIMEGRAPH_ENDPOINT_USER")
    monkeypatch.delenv("CRIMEGRAPH_ENDPOINT_PASSWORD")
    url_args = ["stats", "--endpoint", f"http://alice:{SECRET}@127.0.0.1:{fake.port}/sparql", "-v"]
    shown = runner.invoke(app, url_args)
    assert shown.exit_code == 0, shown.output
    assert SECRET not in shown.output and "127.0.0.1" in shown.output


def test_credentials_from_environment_and_netrc(tmp_path: Path) -> None:
    env = {"CRIMEGRAPH_ENDPOINT_USER": "bob", "CRIMEGRAPH_ENDPOINT_PASSWORD": "pw1"}
    assert find_credentials("http://db.example/sparql", env) == Credentials("bob", "pw1")
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("machine db.example login carol password pw2\n")
    netrc_file.chmod(0o600)
    assert find_credentials("http://db.example/sparql", {"NETRC": str(netrc_file)}) == Credentials("carol", "pw2")
    assert find_credentials("http://other.example/sparql", {"NETRC": str(netrc_file)}) is None
    assert find_credentials("http://dan:pw%203@db.example/sparql", env) == Credentials("dan", "pw 3")
    assert redact_url("http://dan:pw3@db.example:8890/sparql") == "http://db.example:8890/sparql"


def test_only_http_endpoints() -> None:
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore("file:///etc/passwd")


# ----------------------------------------------------------------- Virtuoso


def clear_virtuoso(server: Virtuoso) -> RemoteStore:
    store = RemoteStore(server.sparql, update_endpoint=server.sparql_auth, gsp_endpoint=server.gsp,
                        credentials=Credentials("dba", server.password), timeout=120)
    for graph in store.named_graphs():
        store._send("POST", server.sparql_auth, f"DROP SILENT GRAPH <{graph}>".encode(), "application/sparql-update", "clearing")
    assert store.triple_count() == 0
    return store


#: Catalog queries whose answers differ on Virtuoso 7.2 (Debian), and why.
VIRTUOSO_DIFFERENCES = {
    "news-and-ucdp": "Virtuoso 7.2 drops the zero-length step of `?actor org:subOrganizationOf* ?group` "
    "for a group that has no org:subOrganizationOf triple, so it misses rows; writing the zero step "
    "out as a UNION branch crashed the server (connection refused) in our runs",
}


@pytest.mark.service
def test_virtuoso_answers_every_catalog_query_like_the_embedded_store(
    virtuoso: Virtuoso, corpus_nquads: Path, loaded_store: LocalStore
) -> None:
    store = clear_virtuoso(virtuoso)
    report = store.load([rdf_source(corpus_nquads)])
    assert report.triples_after == loaded_store.triple_count()
    for name, params in CATALOG_CASES:
        local, _ = q.execute(loaded_store, name, params)
        remote_result, _ = q.execute(store, name, params)
        assert len(local) > 0
        if name in VIRTUOSO_DIFFERENCES:
            # documented engine difference: Virtuoso may only miss rows, never add any
            assert remote_result.keys() <= local.keys(), f"{name} {params}: Virtuoso found rows pyoxigraph did not"
            continue
        assert remote_result.keys() == local.keys(), f"{name} {params}: Virtuoso and pyoxigraph differ"
    local_stats, remote_stats = collect_stats(loaded_store), collect_stats(store)
    local_only = {"location": None, "event_index": None}
    assert remote_stats.as_dict() | local_only == local_stats.as_dict() | local_only


@pytest.mark.service
def test_virtuoso_reload_replaces_article_graphs_and_converges(virtuoso: Virtuoso, corpus_nquads: Path, tmp_path: Path) -> None:
    store = clear_virtuoso(virtuoso)
    store.load([rdf_source(corpus_nquads)])
    first = store.triple_count()
    store.load([rdf_source(corpus_nquads)])
    assert store.triple_count() == first
    store.load([rdf_source(edit_article(corpus_nquads, tmp_path / "edited.nq"))])
    assert not store.query(f'ASK {{ <{ARTICLE}> <{HEADLINE}> "Battle of Culiacán"@en }}').boolean
    assert store.query(f'ASK {{ <{ARTICLE}> <{HEADLINE}> "Culiacán, the day after"@en }}').boolean
    # the same through SPARQL Update instead of the Graph Store Protocol
    updating = RemoteStore(virtuoso.sparql, update_endpoint=virtuoso.sparql_auth, credentials=Credentials("dba", virtuoso.password), chunk_triples=100)
    updating.load([rdf_source(corpus_nquads)])
    assert updating.triple_count() == first
    assert updating.query(f'ASK {{ <{ARTICLE}> <{HEADLINE}> "Battle of Culiacán"@en }}').boolean


@pytest.mark.service
def test_virtuoso_wrong_password(virtuoso: Virtuoso, corpus_nquads: Path) -> None:
    store = RemoteStore(virtuoso.sparql, gsp_endpoint=virtuoso.gsp, credentials=Credentials("dba", virtuoso.password + "x"), retries=0)
    with pytest.raises(StoreError, match="refused the credentials \\(HTTP 401\\)") as caught:
        store.load([rdf_source(corpus_nquads)])
    assert virtuoso.password not in str(caught.value)


@pytest.mark.service
def test_virtuoso_cli_query(virtuoso: Virtuoso, corpus_nquads: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clear_virtuoso(virtuoso)
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_USER", "dba")
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
    loaded = runner.invoke(app, ["load", str(corpus_nquads), "--endpoint", virtuoso.sparql, "--gsp-endpoint", virtuoso.gsp, "-v"])
    assert loaded.exit_code == 0, loaded.output
    assert virtuoso.password not in loaded.output
    out = runner.invoke(app, ["query", "who-did-what-where", "-p", "place=Sinaloa", "--endpoint", virtuoso.sparql, "-f", "json"])
    assert out.exit_code == 0, out.output
    bindings = json.loads(out.stdout)["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["Security forces clash with the Sinaloa Cartel in Culiacán"]


def test_a_missing_service_skips_locally_and_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import require_service

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Thing is not available: install it"):
        require_service("Thing", False, "install it")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_service("Thing", False, "install it")
    require_service("Thing", True)  # available: nothing happens


def test_loading_into_a_read_only_endpoint_says_it_is_read_only(tmp_path, example_nquads) -> None:
    """`load --endpoint` against crimegraph serve (read-only) says so; it does not ask
    for credentials, nor to run the load again."""
    from typer.testing import CliRunner

    from crimegraph.cli import app
    from tests.serve.test_serve import build_store, start_server, stop_server

    running = start_server(build_store(tmp_path, example_nquads))
    try:
        result = CliRunner().invoke(app, ["load", str(example_nquads), "--endpoint", running.sparql])
    finally:
        stop_server(running.process)
    assert result.exit_code == 2, result.output
    assert f"{running.sparql} is read-only (HTTP 403)" in result.stderr and "nothing was loaded" in result.stderr
    assert "CRIMEGRAPH_ENDPOINT_USER" not in result.stderr and "Run the same load again" not in result.stderr
