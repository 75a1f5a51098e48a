"""The WSGI application: the SPARQL endpoint, the catalog, entity pages and the page.

Routes:

``/``                          the query editor (YASGUI, served from the package)
``/sparql``                    SPARQL 1.1 Protocol, query operation only (GET, POST form, POST sparql-query,
                               default-graph-uri / named-graph-uri); without a query, the service description
``/queries``                   the catalog as JSON: name, title, description, parameters
``/queries/<name>``            run a catalog query; parameters from the URL, bound safely
``/queries/<name>/sparql``     the catalog query's text with its parameters bound (JSON), for the editor
``/describe?iri=…``            an entity's page (HTML; RDF by content negotiation), IRIs linked to their own pages
``/id/…``                      the IRIs minted under ``--base``, dereferenced: HTML for browsers,
                               Turtle, JSON-LD, N-Triples, RDF/XML by content negotiation
``/ontology``, ``/event-type/…`` the ontology and its event types, from the shipped file
``/search?q=…``                entities whose name contains a text
``/pictures/<kind>?iri=…``     an entity's map, timeline or network (``all``: the three) as
                               Vega-Lite JSON; ``format=csv|json``: the picture's data
``/pictures/shared?a=…&b=…``   the events two participants share (the network's edges link here)
``POST /pictures/query``       pictures of a SELECT's result, where its columns call for them
``/prefixes``                  crimegraph's prefixes (and ``id:`` for minted IRIs), to shorten IRIs in tables
``/static/…``                  the page's scripts and styles
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, cast
from urllib.parse import quote

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from crimegraph.errors import CrimegraphError, FormatError, QueryError
from crimegraph.rdf.io import RdfFormat
from crimegraph.serve.linked_data import LinkedDataRoutes
from crimegraph.serve.protocol import (
    GRAPH_TYPES,
    TABLE_TYPES,
    accepted,
    json_response,
    negotiate,
    offered,
    protocol_dataset,
    query_kind,
    text_response,
    uses_service,
)
from crimegraph.serve.workers import Job, QueryPool, Serialized, ServerBusy
from crimegraph.store import QueryTimeout, StoreError
from crimegraph.vocab import DEFAULT_BASE

log = logging.getLogger("crimegraph.serve")

STATIC = resources.files("crimegraph.serve") / "static"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
_STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8",
                 ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}
# The page loads nothing from elsewhere; the policy makes the browser enforce it.
# YASGUI sets element styles from script, hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


@dataclass(frozen=True)
class ServeConfig:
    """How the endpoint behaves; the defaults are the safe ones."""

    query_timeout: float = 20.0
    max_request_bytes: int = 256 * 1024
    max_rows: int = 100_000
    allow_service: bool = False
    #: Host names the server answers to (None: any). Bound to loopback, only loopback
    #: names are accepted, so a web page cannot reach the endpoint by DNS rebinding.
    allowed_hosts: frozenset[str] | None = LOOPBACK_NAMES
    #: The namespace of the minted IRIs this server publishes: ``/id/X`` is ``<base>X``
    #: (``crimegraph convert --base``; see docs/serve.md, "Dereferenceable IRIs").
    base: str = DEFAULT_BASE


def host_name(host: str) -> str:
    """The name part of a Host header, lower case.

    >>> host_name("LOCALHOST:7878"), host_name("[::1]:7878"), host_name("127.0.0.1")
    ('localhost', '[::1]', '127.0.0.1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0]


def _header_text(text: str) -> str:
    """A header value in ASCII (percent-escaped where needed)."""
    return quote(text, safe=" !#$&'()*+,/:;=?@[]~<>\"{}|^`")


class EndpointApp(LinkedDataRoutes):
    """The WSGI callable. Queries run in ``pool``; the app itself never touches the store."""

    def __init__(self, pool: QueryPool, config: ServeConfig | None = None) -> None:
        self.pool = pool
        self.config = config or ServeConfig()
        self.url_map = Map([
            Rule("/", endpoint="index", methods=["GET"]),
            Rule("/sparql", endpoint="sparql", methods=["GET", "POST"]),
            Rule("/queries", endpoint="catalog", methods=["GET"]),
            Rule("/queries/<name>", endpoint="catalog_run", methods=["GET"]),
            Rule("/queries/<name>/sparql", endpoint="catalog_text", methods=["GET"]),
            Rule("/describe", endpoint="describe", methods=["GET"]),
            Rule("/id/<path:rest>", endpoint="resource", methods=["GET"]),
            Rule("/event-type/<path:rest>", endpoint="event_type", methods=["GET"]),
            Rule("/ontology", endpoint="ontology", methods=["GET"]),
            Rule("/search", endpoint="search", methods=["GET"]),
            Rule("/pictures/shared", endpoint="shared", methods=["GET"]),
            Rule("/pictures/query", endpoint="result_pictures", methods=["POST"]),
            Rule("/pictures/<kind>", endpoint="pictures", methods=["GET"]),
            Rule("/prefixes", endpoint="prefixes", methods=["GET"]),
            Rule("/static/<path:path>", endpoint="static", methods=["GET"]),
        ], strict_slashes=False)

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        request.max_content_length = self.config.max_request_bytes
        request.max_form_memory_size = self.config.max_request_bytes
        started = time.monotonic()
        response = self.dispatch(request)
        self.secure(response)
        log.info("%s %s %s %.3fs", request.method, request.path, response.status_code, time.monotonic() - started)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        hosts = self.config.allowed_hosts
        if hosts is not None and host_name(request.host) not in hosts:
            return text_response(f"this server answers to {', '.join(sorted(hosts))} only, not {request.host!r}", 421)
        if len(request.environ.get("QUERY_STRING", "")) > self.config.max_request_bytes:
            return self.too_large()
        length = request.content_length
        if length is not None and length > self.config.max_request_bytes:
            return self.too_large()
        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
            return getattr(self, f"on_{endpoint}")(request, **args)
        except HTTPException as exc:
            if exc.code == 413:
                return self.too_large()
            response = text_response(exc.description or exc.name, exc.code or 500)
            if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
                response.headers["Allow"] = ", ".join(exc.valid_methods)
            return response
        except QueryTimeout as exc:
            return text_response(f"query timeout: {exc}. Narrow the query (filters, LIMIT) or ask the server's operator for a longer --query-timeout.", 503)
        except ServerBusy as exc:
            return text_response(f"server busy: {exc}", 503, Retry_After="5")
        except QueryError as exc:
            return text_response(f"bad query: {exc}", 400)
        except FormatError as exc:
            return text_response(f"bad request: {exc}", 400)
        except StoreError as exc:
            return text_response(f"store error: {exc}", 500)
        except CrimegraphError as exc:  # pragma: no cover - every subclass is handled above
            return text_response(str(exc), 500)
        except Exception:  # a bug: say so, log it, keep serving
            log.exception("internal error on %s %s", request.method, request.path)
            return text_response("internal error: the server's log has the details", 500)

    def too_large(self) -> Response:
        return text_response(f"request too large: at most {self.config.max_request_bytes} bytes of query or form data are accepted", 413)

    @staticmethod
    def secure(response: Response) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)

    # ------------------------------------------------------------------ SPARQL
    def on_sparql(self, request: Request) -> Response:
        if "update" in request.args or request.mimetype == "application/sparql-update":
            return self.forbidden_update()
        if request.method in ("GET", "HEAD"):
            queries = request.args.getlist("query")
            if not queries:
                return self.service_description(request)
        elif request.mimetype == "application/x-www-form-urlencoded":
            if "update" in request.form:
                return self.forbidden_update()
            queries = request.form.getlist("query") + request.args.getlist("query")
        elif request.mimetype == "application/sparql-query":
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                return text_response(f"a query is sent as UTF-8 (the SPARQL 1.1 Protocol), not {charset}", 415)
            body = request.get_data()
            try:
                queries = [body.decode("utf-8")]
            except UnicodeDecodeError as exc:
                return text_response(f"the query is not valid UTF-8 (at byte offset {exc.start})", 400)
            if request.args.getlist("query"):
                return text_response("a query in the body and another in the URL: send one", 400)
        else:
            return text_response(
                f"unsupported content type {request.mimetype or '(none)'!r}; POST application/x-www-form-urlencoded "
                "(query=…) or application/sparql-query", 415)
        if not queries:
            return text_response("missing query: pass the SPARQL text as query=… (a form) or as the body (application/sparql-query)", 400)
        if len(queries) != 1:
            return text_response(f"send exactly one query, not {len(queries)}", 400)
        return self.answer_sparql(request, queries[0])

    def forbidden_update(self) -> Response:
        return text_response("updates are not allowed: this endpoint is read-only (load data with `crimegraph load`)", 403)

    def answer_sparql(self, request: Request, text: str) -> Response:
        kind = query_kind(text)
        if kind == "UPDATE":
            return self.forbidden_update()
        if not self.config.allow_service and uses_service(text):
            return text_response(
                "SERVICE is disabled: a federated query would make this server fetch other URLs. "
                "Start `crimegraph serve --allow-service` to allow it.", 403)
        fmt_name = request.values.getlist("format") + request.values.getlist("output")
        job = Job("sparql", text, max_rows=self.config.max_rows, dataset=protocol_dataset(request), base_iri=request.base_url)
        return self.run_serialized(request, job, kind, fmt_name)

    def service_description(self, request: Request) -> Response:
        """``GET /sparql`` without a query: the SPARQL 1.1 Service Description, in the RDF
        format the client prefers; a browser that prefers HTML is sent to the page."""
        from crimegraph.serve.service import MAX_LISTED_GRAPHS, description, serialize

        accept = accepted(request.headers.get("Accept"))
        format_names = request.args.getlist("format") + request.args.getlist("output")
        if not format_names and accept.best_match([*GRAPH_TYPES, "text/html"]) == "text/html":
            return Response(status=303, headers={"Location": "/"})
        chosen = negotiate("DESCRIBE", accept, format_names)
        if chosen is None:
            return text_response(
                f"cannot send the service description as {request.headers.get('Accept')!r}; acceptable: "
                f"{', '.join(offered('DESCRIBE'))} (or text/html for the page)", 406)
        graphs: list[str] = self.pool.run(Job("graphs", "", max_rows=MAX_LISTED_GRAPHS + 1), self.config.query_timeout)
        served = {*TABLE_TYPES.values(), *GRAPH_TYPES.values()}
        triples = description(request.base_url, served, graphs[:MAX_LISTED_GRAPHS], len(graphs) > MAX_LISTED_GRAPHS,
                              self.config.allow_service)
        response = Response(serialize(triples, cast(RdfFormat, chosen.format)), mimetype=chosen.media_type)
        if chosen.media_type.startswith("text/") or chosen.media_type.endswith(("json", "xml")):
            response.headers["Content-Type"] = f"{chosen.media_type}; charset=utf-8"
        response.headers["Vary"] = "Accept"
        return response

    def run_serialized(self, request: Request, job: Job, kind: str, format_names: list[str]) -> Response:
        """Negotiate, run ``job`` in a worker that serialises the result, answer.

        ``kind`` is the query's form, or ``UNKNOWN`` (then both a table and a graph
        format are negotiated, and the worker uses the one that fits its result)."""
        accept = accepted(request.headers.get("Accept"))
        table = None if kind in ("CONSTRUCT", "DESCRIBE") else negotiate("SELECT", accept, format_names)
        graph = negotiate("CONSTRUCT", accept, format_names) if kind in ("CONSTRUCT", "DESCRIBE", "UNKNOWN") else None
        if table is None and graph is None:  # refuse before running what could not be sent anyway
            return self.not_acceptable(kind if kind != "UNKNOWN" else "SELECT", request)
        formats = (table.format if table else None, graph.format if graph else None)
        answer: Serialized = self.pool.run(replace(job, formats=formats), self.config.query_timeout)  # type: ignore[arg-type]
        chosen = graph if answer.kind == "graph" else table
        if answer.body is None or chosen is None:
            return self.not_acceptable("CONSTRUCT" if answer.kind == "graph" else answer.kind.upper(), request)
        response = Response(answer.body, mimetype=chosen.media_type)
        if chosen.media_type.startswith("text/") or chosen.media_type.endswith(("json", "xml")):
            response.headers["Content-Type"] = f"{chosen.media_type}; charset=utf-8"
        if answer.truncated:
            response.headers["X-Crimegraph-Truncated"] = f"the result was cut at {self.config.max_rows} rows"
        for message in answer.warnings:
            response.headers.add("X-Crimegraph-Warning", _header_text(message))
        response.headers["Vary"] = "Accept"
        return response

    def not_acceptable(self, kind: str, request: Request) -> Response:
        return text_response(
            f"cannot answer a {kind} query as {request.headers.get('Accept')!r}; acceptable: {', '.join(offered(kind))}", 406)

    # ------------------------------------------------------------------ catalog
    def on_catalog(self, request: Request) -> Response:
        from crimegraph.query.catalog import PARAM_TYPES, catalog
        from crimegraph.vocab import event_types

        choices = {"event-type": sorted(event_types())}
        entries = [{
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "parameters": [{
                "name": p.name, "type": p.type, "required": p.required, "default": p.default,
                "description": p.description, "accepts": PARAM_TYPES.get(p.type, ""),
                "choices": choices.get(p.type, []),
            } for p in q.parameters],
            "url": f"/queries/{q.name}",
        } for q in catalog().values()]
        return json_response(entries)

    def _catalog_params(self, request: Request, name: str) -> dict[str, list[str]]:
        from crimegraph.query.catalog import get

        entry = get(name)  # QueryError naming the queries that exist
        reserved = {"format", "output", "results"}
        params: dict[str, list[str]] = {}
        for key in request.args:
            if key in reserved:
                continue
            values = [v for v in request.args.getlist(key) if v.strip()]
            if values:
                params[key] = values
        for key in params:
            entry.parameter(key.replace("-", "_"))  # QueryError for unknown names
        return params

    def on_catalog_run(self, request: Request, name: str) -> Response:
        from crimegraph.query.catalog import get

        params = self._catalog_params(request, name)
        job = Job("catalog", name, params, self.config.max_rows)
        return self.run_serialized(request, job, query_kind(get(name).text), request.args.getlist("format") + request.args.getlist("output"))

    def on_catalog_text(self, request: Request, name: str) -> Response:
        params = self._catalog_params(request, name)
        prepared = self.pool.run(Job("prepare", name, params), self.config.query_timeout)
        return json_response({"name": name, "query": prepared.text, "form": prepared.form, "warnings": prepared.warnings})

    # ------------------------------------------------------------------ pages
    def on_prefixes(self, request: Request) -> Response:
        from crimegraph.vocab import DEFAULT_BASE, PREFIXES

        return json_response({**{prefix: str(ns) for prefix, ns in PREFIXES.items()}, "id": DEFAULT_BASE})

    def on_index(self, request: Request) -> Response:
        return self.static_file("index.html")

    def on_static(self, request: Request, path: str) -> Response:
        return self.static_file(path)

    def static_file(self, path: str) -> Response:
        parts = path.split("/")
        if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
            raise NotFound()
        target = STATIC
        for part in parts:
            target = target / part
        if not target.is_file():
            raise NotFound()
        suffix = "." + parts[-1].rsplit(".", 1)[-1] if "." in parts[-1] else ""
        response = Response(target.read_bytes(), content_type=_STATIC_TYPES.get(suffix, "application/octet-stream"))
        response.headers["Cache-Control"] = "no-cache"
        return response
