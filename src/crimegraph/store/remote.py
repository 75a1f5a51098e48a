"""A remote store: any SPARQL 1.1 server, such as OpenLink Virtuoso, Fuseki or GraphDB.

Queries go through SPARQLWrapper (POST, results as SPARQL JSON or N-Triples, parsed by
pyoxigraph into the same :class:`QueryResult` as the embedded store). Loads go through the
Graph Store Protocol when a GSP endpoint is given (``PUT`` replaces, ``POST`` adds), else
through SPARQL 1.1 Update (``DROP SILENT GRAPH`` then ``INSERT DATA``):

* per named graph, in bounded chunks of N-Triples (big single uploads stall some
  servers); an article graph is dropped first and refilled, other graphs are added to;
* the triple count of every graph is checked after loading; a remote load is not atomic
  (the protocol has no transactions across requests), but it converges: running the
  same load again gives the same graphs;
* transient failures (connection errors, timeouts, HTTP 429 and 5xx) are retried with
  exponential backoff; 401/403/404 and other errors are reported naming the endpoint.

Credentials come from ``$CRIMEGRAPH_ENDPOINT_USER`` and ``$CRIMEGRAPH_ENDPOINT_PASSWORD``,
or from a netrc file (``$NETRC`` or ``~/.netrc``) entry for the endpoint's host; HTTP
Basic and Digest challenges are both answered (Virtuoso's ``/sparql-auth`` and
``/sparql-graph-crud-auth`` use Digest). They are never printed: messages name endpoints
without user info, and any text that would contain the password is redacted.
"""

from __future__ import annotations

import http.client
import io
import netrc
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from crimegraph.errors import QueryError, StoreError
from crimegraph.store.base import LoadReport, QueryDataset, QueryTimeout, RdfSource, Store, is_replaced_graph, parse_source
from crimegraph.store.results import QueryResult

USER_VARIABLE = "CRIMEGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "CRIMEGRAPH_ENDPOINT_PASSWORD"

#: Graphs a server keeps for itself (Virtuoso's), left out of counts and statistics.
SYSTEM_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://www.w3.org/2002/07/owl#",
)
TRANSIENT_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"Credentials(user={self.user!r}, password='***')"


def redact_url(url: str) -> str:
    """The URL without user info, for messages.

    >>> redact_url("https://alice:s3cret@example.org/sparql?x=1")
    'https://example.org/sparql?x=1'
    """
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


class ReadOnlyEndpoint(StoreError):
    """The endpoint takes no updates: a load cannot go there."""


#: how a server says it takes no updates (crimegraph serve: "this endpoint is read-only")
_READ_ONLY = re.compile(r"read[- ]only|updates? (?:are|is) not (?:allowed|supported)|does not (?:allow|support) updates", re.IGNORECASE)


def find_credentials(url: str, environ: dict[str, str] | None = None) -> Credentials | None:
    """Credentials for an endpoint: user info in the URL, else the environment
    variables, else a netrc entry for the host (``$NETRC`` or ``~/.netrc``)."""
    env = os.environ if environ is None else environ
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None:
        return Credentials(urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
    user, password = env.get(USER_VARIABLE), env.get(PASSWORD_VARIABLE)
    if user:
        return Credentials(user, password or "")
    path = env.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if parts.hostname and os.path.isfile(path):
        try:
            entry = netrc.netrc(path).authenticators(parts.hostname)
        except (netrc.NetrcParseError, OSError) as exc:
            raise StoreError(f"cannot read the netrc file {path}: {getattr(exc, 'msg', exc)}") from None
        if entry:
            login, _account, secret = entry
            return Credentials(login or "", secret or "")
    return None


class RemoteStore(Store):
    """A SPARQL 1.1 server as a :class:`Store`.

    :param endpoint: the query endpoint (``http://127.0.0.1:8890/sparql``).
    :param update_endpoint: SPARQL Update endpoint (default: ``endpoint``).
    :param gsp_endpoint: Graph Store Protocol endpoint; loads use it when given.
    :param timeout: seconds per HTTP request (queries and uploads).
    :param retries: attempts after the first one for transient failures.
    :param chunk_triples: triples per upload request.
    :param log: called with progress lines (``--verbose``); never receives credentials.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        gsp_endpoint: str | None = None,
        timeout: float | None = None,
        retries: int = 4,
        backoff: float = 0.5,
        chunk_triples: int = 10_000,
        credentials: Credentials | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        for url in (endpoint, update_endpoint, gsp_endpoint):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"{redact_url(url)} is not an http(s) URL")
        self.credentials = credentials or find_credentials(endpoint)
        self.endpoint = redact_url(endpoint)
        self.update_endpoint = redact_url(update_endpoint) if update_endpoint else self.endpoint
        self.gsp_endpoint = redact_url(gsp_endpoint) if gsp_endpoint else None
        self.location = self.endpoint
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.chunk_triples = chunk_triples
        self._log = log
        self._opener = self._build_opener()

    # ------------------------------------------------------------------ plumbing
    def log(self, message: str) -> None:
        if self._log is not None:
            self._log(self.redact(message))

    def redact(self, text: str) -> str:
        if self.credentials and self.credentials.password:
            text = text.replace(self.credentials.password, "***")
            text = text.replace(urllib.parse.quote(self.credentials.password, safe=""), "***")
        return text

    def _build_opener(self) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = []
        if self.credentials:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.endpoint, self.update_endpoint, self.gsp_endpoint} - {None}:
                manager.add_password(None, url, self.credentials.user, self.credentials.password)  # type: ignore[arg-type]
            handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
        return urllib.request.build_opener(*handlers)

    def _fail(self, url: str, status: int | None, body: str, what: str) -> StoreError:
        where = redact_url(url.split("?", 1)[0])
        detail = self.redact(" ".join(body.split())[:400])
        if status in (403, 405) and _READ_ONLY.search(body) or status == 405 and what.startswith(("loading", "uploading")):
            return ReadOnlyEndpoint(f"{where} is read-only (HTTP {status}) and refused {what}: load into a store that takes "
                              f"updates (--store DIR, or the server's update endpoint with --update-endpoint); it said: {detail}")
        if status in (401, 403):
            hint = (f"set ${USER_VARIABLE} and ${PASSWORD_VARIABLE} or a netrc entry" if not self.credentials
                    else "check the user name and password")
            verb = "refused the credentials" if status == 401 else "does not allow this user to do that"
            return StoreError(f"{where} {verb} (HTTP {status}) while {what}; {hint}")
        if status == 404:
            return StoreError(f"{where} was not found (HTTP 404) while {what}; check the endpoint URL")
        if status is not None and status >= 500:
            return StoreError(f"{where} failed with a server error (HTTP {status}) while {what}: {detail}")
        if status == 400:
            return QueryError(f"{where} rejected the request (HTTP 400) while {what}: {detail}")
        if status is None:
            return StoreError(f"cannot reach {where} while {what}: {detail}")
        return StoreError(f"{where} answered HTTP {status} while {what}: {detail}")

    def _with_retries(self, what: str, url: str, attempt_once: Callable[[], bytes], retry_timeouts: bool = True) -> bytes:
        """Run one request, retrying transient failures with exponential backoff; a slow
        query is not retried (``retry_timeouts=False``): it would only be slow again."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                return attempt_once()
            except urllib.error.HTTPError as exc:
                status = exc.code
                body = _read_error(exc)
                if status in TRANSIENT_STATUS and not last:
                    wait = _retry_after(exc, delay)
                    self.log(f"{redact_url(url)}: HTTP {status} while {what}; retrying in {wait:.1f} s")
                    time.sleep(wait)
                    delay *= 2
                    continue
                raise self._fail(url, status, body, what) from None
            except (TimeoutError, socket.timeout):
                if not last and retry_timeouts:
                    self.log(f"{redact_url(url)}: timed out while {what}; retrying in {delay:.1f} s")
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise QueryTimeout(f"{redact_url(url)} did not answer in time while {what}") from None
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, (TimeoutError, socket.timeout)) and (last or not retry_timeouts):
                    raise QueryTimeout(f"{redact_url(url)} did not answer in time while {what}") from None
                if not last:
                    self.log(f"{redact_url(url)}: {reason} while {what}; retrying in {delay:.1f} s")
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise self._fail(url, None, str(reason), what) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, method: str, url: str, body: bytes, content_type: str, what: str) -> bytes:
        def once() -> bytes:
            request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()

        return self._with_retries(what, url, once)

    # ------------------------------------------------------------------ queries
    def query(self, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
              dataset: QueryDataset | None = None, base_iri: str | None = None) -> QueryResult:
        from SPARQLWrapper import POST, SPARQLWrapper

        from crimegraph.store.sparql import query_form

        form = query_form(sparql)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        if base_iri is not None:  # before the query's own prologue, whose BASE wins
            sparql = f"BASE {ox.NamedNode(base_iri)}\n{sparql}"
        # SPARQLWrapper encodes the request per the SPARQL 1.1 Protocol (POST, form
        # encoding, Accept, default-graph-uri and named-graph-uri); it is sent through our
        # opener, which answers Basic and Digest challenges alike and never puts the
        # password in a URL or a message. Without a dataset, the server's default graph
        # is used (Virtuoso's: all graphs) unless the query has FROM.
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setQuery(sparql)
        if dataset is not None:
            for iri in dataset.default_graphs:
                wrapper.addParameter("default-graph-uri", iri)
            for iri in dataset.named_graphs:
                wrapper.addParameter("named-graph-uri", iri)
        wrapper.setOnlyConneg(True)
        wrapper.addCustomHttpHeader("Accept", "application/n-triples, text/plain;q=0.5" if graph else "application/sparql-results+json")
        request = wrapper._createRequest()
        seconds = timeout if timeout is not None else self.timeout
        self.log(f"query → {self.endpoint} ({form}, {len(sparql)} characters)")

        def once() -> bytes:
            with self._opener.open(request, timeout=seconds) as response:
                return response.read()

        data = self._with_retries("running a query", self.endpoint, once, retry_timeouts=False)
        try:
            if graph:
                triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
                truncated = max_rows is not None and len(triples) > max_rows
                return QueryResult("graph", triples=triples[:max_rows] if truncated else triples, truncated=truncated)
            answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise StoreError(f"{self.endpoint} sent a result that cannot be read: {exc}") from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        variables = [v.value for v in answer.variables]
        solutions = []
        truncated = False
        for solution in answer:
            if max_rows is not None and len(solutions) >= max_rows:
                truncated = True
                break
            solutions.append({v: solution[v] for v in variables})
        return QueryResult("select", variables=variables, solutions=solutions, truncated=truncated)

    def _system_graph_filter(self) -> str:
        parts = urllib.parse.urlsplit(self.endpoint)
        prefixes = (*SYSTEM_GRAPH_PREFIXES, f"{parts.scheme}://{parts.netloc}/")
        return " && ".join(f"!STRSTARTS(STR(?g), {ox.Literal(p)})" for p in prefixes)

    def triple_count(self) -> int:
        """Triples in all named graphs but the server's own (see :data:`SYSTEM_GRAPH_PREFIXES`)."""
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({self._system_graph_filter()}) }}").rows()
        return int(rows[0]["n"]) if rows else 0

    def named_graphs(self, limit: int | None = None) -> list[str]:
        bound = "" if limit is None else f" LIMIT {int(limit)}"
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({self._system_graph_filter()}) }}{bound}").rows()
        return sorted(str(r["g"]) for r in rows)

    def graph_size(self, graph: ox.NamedNode) -> int:
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}").rows()
        return int(rows[0]["n"]) if rows else 0

    # ------------------------------------------------------------------ loading
    def load(self, sources: Sequence[RdfSource]) -> LoadReport:
        start = time.perf_counter()
        graphs: dict[Any, dict[str, None]] = {}
        quads = 0
        for source in sources:  # every file is parsed before anything is sent
            for quad in parse_source(source):
                if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                    raise StoreError(f"{source.path}: blank nodes cannot be uploaded in chunks; skolemise them first")
                line = f"{quad.subject} {quad.predicate} {quad.object} .\n"
                graphs.setdefault(quad.graph_name, {})[line] = None
                quads += 1
        if any(isinstance(graph, ox.DefaultGraph) for graph in graphs):
            raise StoreError("triples without a named graph cannot be loaded into a remote store; use N-Quads/TriG or --graph")
        before = self.triple_count()
        replaced = merged = 0
        done: list[str] = []
        for graph, lines in graphs.items():
            replace = is_replaced_graph(graph)
            try:
                self._upload_graph(graph, list(lines), replace)
                self._verify(graph, len(lines), replace)
            except ReadOnlyEndpoint as exc:
                if not done:  # nothing was loaded, and loading again would not help
                    raise ReadOnlyEndpoint(f"{exc.message}; nothing was loaded") from None
                raise StoreError(_partial_load_message(exc, done, [g.value for g in graphs if g.value not in done])) from None
            except StoreError as exc:
                raise StoreError(_partial_load_message(exc, done, [g.value for g in graphs if g.value not in done])) from None
            done.append(graph.value)
            replaced += replace
            merged += not replace
        return LoadReport(len(sources), quads, replaced, merged, before, self.triple_count(), time.perf_counter() - start, self.location)

    def _chunks(self, lines: list[str]) -> Iterable[list[str]]:
        for i in range(0, len(lines), self.chunk_triples):
            yield lines[i:i + self.chunk_triples]

    def _upload_graph(self, graph: ox.NamedNode, lines: list[str], replace: bool) -> None:
        if self.gsp_endpoint:
            url = f"{self.gsp_endpoint}{'&' if '?' in self.gsp_endpoint else '?'}graph={urllib.parse.quote(graph.value, safe='')}"
            for index, chunk in enumerate(self._chunks(lines)):
                method = "PUT" if replace and index == 0 else "POST"
                self.log(f"{method} {len(chunk)} triples → {self.gsp_endpoint} graph <{graph.value}>")
                self._send(method, url, "".join(chunk).encode("utf-8"), "application/n-triples",
                           f"uploading graph <{graph.value}>")
            return
        for index, chunk in enumerate(self._chunks(lines)):
            drop = f"DROP SILENT GRAPH {graph} ;\n" if replace and index == 0 else ""
            update = f"{drop}INSERT DATA {{ GRAPH {graph} {{\n{''.join(chunk)}}} }}"
            self.log(f"{'replace' if drop else 'insert'} {len(chunk)} triples → {self.update_endpoint} graph <{graph.value}>")
            self._send("POST", self.update_endpoint, update.encode("utf-8"), "application/sparql-update",
                       f"loading graph <{graph.value}>")

    def _verify(self, graph: ox.NamedNode, expected: int, replace: bool) -> None:
        found = self.graph_size(graph)
        if (replace and found != expected) or (not replace and found < expected):
            relation = "" if replace else "at least "
            raise StoreError(
                f"after loading, graph <{graph.value}> on {self.endpoint} has {found} triples, expected {relation}{expected}; "
                "the server may have dropped part of the upload — run the same load again (it converges)"
            )
        self.log(f"graph <{graph.value}>: {found} triples, as expected")


def _partial_load_message(exc: StoreError, done: list[str], left: list[str], shown: int = 5) -> str:
    """Say which named graphs made it before a load failed, and which did not."""

    def listing(graphs: list[str]) -> str:
        names = ", ".join(f"<{g}>" for g in graphs[:shown])
        return names + (f" and {len(graphs) - shown} more" if len(graphs) > shown else "")

    loaded = f"loaded {len(done)} named graph(s) before the failure: {listing(done)}" if done else "no named graph was loaded"
    return (f"{exc.message}; {loaded}; not loaded: {len(left)} ({listing(left)}). "
            "Run the same load again: article graphs are replaced and the others merged, so it completes without duplicates")


def _read_error(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only a detail of the message
        return exc.reason if isinstance(exc.reason, str) else ""


def _retry_after(exc: urllib.error.HTTPError, default: float) -> float:
    value = exc.headers.get("Retry-After") if exc.headers else None
    try:
        return min(float(value), 30.0) if value else default
    except ValueError:
        return default
