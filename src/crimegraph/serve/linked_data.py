"""The linked-data side of ``crimegraph serve``: entity pages, dereferenceable IRIs
(``/id/…``, ``/ontology``, ``/event-type/…``), search, and the pictures of an entity.

A mixin of :class:`crimegraph.serve.app.EndpointApp` (which holds the routes, the
configuration and the query pool); queries run in the pool's workers like every other.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import quote

import pyoxigraph as ox
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Request, Response

from crimegraph.serve.protocol import (
    GRAPH_TYPES,
    accepted,
    json_response,
    negotiate,
    text_response,
)
from crimegraph.serve.workers import Job
from crimegraph.store import QueryResult, QueryTimeout
from crimegraph.vocab import CGET

if TYPE_CHECKING:
    from crimegraph.serve.app import ServeConfig
    from crimegraph.serve.workers import QueryPool


class BadRequestText(ValueError):
    """A request parameter that is missing or malformed (answered 400 with the message)."""


class LinkedDataRoutes:
    """Entity pages, dereferenceable IRIs, search and pictures."""

    config: ServeConfig
    pool: QueryPool

    def run_serialized(self, request: Request, job: Job, kind: str, format_names: list[str]) -> Response:  # pragma: no cover
        raise NotImplementedError  # EndpointApp's

    def not_acceptable(self, kind: str, request: Request) -> Response:  # pragma: no cover
        raise NotImplementedError  # EndpointApp's

    def link(self, iri: str) -> str:
        """Where a page links an IRI to: its dereferenceable path when it is ours."""
        from urllib.parse import quote as quote_path

        from crimegraph.serve.entity_page import describe_link

        if iri.startswith(self.config.base) and len(iri) > len(self.config.base):
            return "/id/" + quote_path(iri[len(self.config.base):], safe="/-._~!$&'()*+,;=:@")
        if iri.startswith(str(CGET)) and len(iri) > len(str(CGET)):
            return "/event-type/" + quote_path(iri[len(str(CGET)):], safe="/-._~")
        return describe_link(iri)

    def on_describe(self, request: Request) -> Response:
        iri = request.args.get("iri", "").strip()
        if not iri:
            return text_response("missing iri: /describe?iri=https://…", 400)
        return self.entity_response(request, iri)

    def on_resource(self, request: Request, rest: str) -> Response:
        iri = self.config.base + rest
        head = rest[len("event/"):] if rest.startswith("event/") else ""
        if head and "/" not in head:
            answer = self.event_by_id(request, iri, head)
            if answer is not None:
                return answer
        return self.entity_response(request, iri)

    def event_by_id(self, request: Request, iri: str, head: str) -> Response | None:
        """``/id/event/<id>`` that names no node but the versions of an event with that
        id (``event/<id>-<digest>``, docs/identity.md): 303 to the one version, 300 with
        the versions when there are several; None when there is no version (the caller
        answers as for any other IRI: 404)."""
        from crimegraph.serve import event_links as links
        from crimegraph.serve.entity_page import page_html

        try:
            subject = ox.NamedNode(iri)
        except ValueError:
            return None  # entity_response says why
        if self._holds(subject):
            return None
        found = self.pool.run(Job("catalog", "event-versions", {"id": [head]}, max_rows=20 * links.MAX_VERSIONS),
                              self.config.query_timeout)
        versions = links.versions_of(iri, found.solutions)
        if not versions:
            return None
        if len(versions) == 1:
            query = request.query_string.decode("latin-1")
            location = self.link(versions[0].iri) + ("?" + query if query else "")
            response = text_response(f"See Other: {location}", 303)
            response.headers["Location"] = location
            response.headers["Vary"] = "Accept"
            return response
        said = self.pool.run(Job("sparql", links.values_query(versions), max_rows=200 * links.MAX_VERSIONS),
                             self.config.query_timeout)
        links.mark_differences(versions, said.solutions)
        format_names = request.args.getlist("format")
        if self._wants_rdf(request):
            chosen = negotiate("CONSTRUCT", accepted(request.headers.get("Accept")), format_names)
            if chosen is None:
                return self.not_acceptable("CONSTRUCT", request)
            name = chosen.format.rdflib_name if chosen.format.rdflib_name not in ("nquads", "trig") else "nt"
            body = links.versions_graph(iri, versions).serialize(format=name, encoding="utf-8")
            response = Response(body, status=300, content_type=chosen.media_type + "; charset=utf-8")
        else:
            title, body = links.render_versions(iri, versions, self.link)
            response = Response(page_html(title, body, kind="event versions"), status=300, mimetype="text/html")
        response.headers["Vary"] = "Accept"
        return response

    @staticmethod
    def _wants_rdf(request: Request) -> bool:
        """Linked-data style: a client that prefers Turtle & co. to HTML gets RDF."""
        best = accepted(request.headers.get("Accept")).best_match(["text/html", *GRAPH_TYPES])
        return (best is not None and best != "text/html") or any(
            n.lower() in ("turtle", "ttl", "nt", "ntriples", "jsonld", "json-ld", "rdfxml", "xml")
            for n in request.args.getlist("format"))

    def on_event_type(self, request: Request, rest: str) -> Response:
        return self.entity_response(request, str(CGET) + rest)

    def entity_response(self, request: Request, iri: str) -> Response:
        from crimegraph.serve import ontology_page as onto
        from crimegraph.serve.entity_page import (
            EntityView,
            describe_graph_query,
            render_page,
        )

        try:
            subject = ox.NamedNode(iri)
        except ValueError as exc:
            return text_response(f"not a valid IRI: {iri!r} ({exc})", 400)
        try:
            page = max(1, int(request.args.get("page", "1")))
        except ValueError:
            return text_response(f"page must be a whole number from 1, not {request.args.get('page')!r}", 400)
        format_names = request.args.getlist("format")
        if self._wants_rdf(request):
            if not self._holds(subject):
                if onto.is_ontology_term(iri):
                    return self.ontology_rdf(request, iri)
                return text_response(f"not found: the store holds nothing about <{iri}>", 404)
            response = self.run_serialized(request, Job("sparql", describe_graph_query(subject), max_rows=self.config.max_rows), "DESCRIBE", format_names)
            response.headers["Vary"] = "Accept"
            return response
        deadline = time.monotonic() + self.config.query_timeout

        def run(text: str) -> QueryResult:  # the page's queries share one timeout
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryTimeout(f"the page's queries took more than {self.config.query_timeout:g} s")
            return self.pool.run(Job("sparql", text, max_rows=2000), left)

        view = EntityView.gather(subject, run, page)
        pictures = evidence = roles = ""
        if view.empty and onto.is_ontology_term(iri):
            view = onto.term_view(iri)
        elif not view.empty:
            from crimegraph.serve.pictures_page import (
                evidence_queries,
                pictures_section,
                render_evidence,
            )

            pictures = pictures_section(iri)
            roles = self._roles(view, run)
            try:
                evidence_page = max(1, int(request.args.get("evidence", "1")))
            except ValueError:
                return text_response(f"evidence must be a whole number from 1, not {request.args.get('evidence')!r}", 400)
            count_text, rows_text = evidence_queries(subject, evidence_page)
            count = run(count_text).solutions
            total = int(count[0]["n"].value) if count and isinstance(count[0].get("n"), ox.Literal) else 0
            if total:
                evidence = render_evidence(total, run(rows_text), evidence_page, self.link,
                                           lambda n: self._with_arg(request, "evidence", n))
        path = request.path

        def page_link(n: int) -> str:
            from urllib.parse import urlencode

            args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"] + [("page", str(n))]
            return path + "?" + urlencode(args)

        rdf_link = path + ("?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in request.args.items(multi=True) if k != "page") + "&" if request.args else "?") + "format=turtle"
        html_page = render_page(view, link=self.link, page_link=page_link, rdf_link=rdf_link, pictures=pictures, evidence=evidence, roles=roles)
        response = Response(html_page, mimetype="text/html", status=404 if view.empty else 200)
        response.headers["Vary"] = "Accept"
        return response

    def _roles(self, view, run) -> str:
        """The roles a person held, or held in an organization or for a place (the
        catalog query roles-of-people, bound to the entity)."""
        from rdflib.namespace import FOAF, RDF

        from crimegraph.serve.entity_page import render_roles
        from crimegraph.vocab import ORG, SCHEMA

        types = {s["o"].value for s in view.outgoing if s.get("p") == ox.NamedNode(str(RDF.type)) and isinstance(s.get("o"), ox.NamedNode)}
        if types & {str(SCHEMA.Person), str(FOAF.Person)}:
            param = "person"
        elif types & {str(ORG.Organization), str(SCHEMA.Organization)}:
            param = "organization"
        elif str(SCHEMA.Place) in types:
            param = "jurisdiction"
        else:
            return ""
        result = self.pool.run(Job("catalog", "roles-of-people", {param: [view.subject.value]}, max_rows=500), self.config.query_timeout)
        return render_roles(result.solutions, self.link, view.subject)

    @staticmethod
    def _with_arg(request: Request, name: str, value: int) -> str:
        from urllib.parse import urlencode

        args = [(k, v) for k, v in request.args.items(multi=True) if k != name] + [(name, str(value))]
        return request.path + "?" + urlencode(args)

    def _subject(self, request: Request, name: str) -> ox.NamedNode:
        text = request.args.get(name, "").strip()
        if not text:
            raise BadRequestText(f"missing {name}: ?{name}=https://…")
        try:
            return ox.NamedNode(text)
        except ValueError as exc:
            raise BadRequestText(f"not a valid IRI: {text!r} ({exc})") from None

    def on_pictures(self, request: Request, kind: str) -> Response:
        import csv
        import io

        from crimegraph.query.pictures import (
            basemap_urls,
            gather,
            map_spec,
            network_spec,
            timeline_spec,
        )
        from crimegraph.serve.pictures_page import (
            KINDS,
            SOURCES,
            empty_message,
            picture_rows,
        )

        if kind not in (*KINDS, "all"):
            raise NotFound(f"no picture {kind!r}; there are: {', '.join(KINDS)}, all")
        try:
            subject = self._subject(request, "iri")
        except BadRequestText as exc:
            return text_response(str(exc), 400)
        deadline = time.monotonic() + self.config.query_timeout

        def left() -> float:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(f"the picture's queries took more than {self.config.query_timeout:g} s")
            return remaining

        pictures = gather(
            subject.value,
            lambda name, params: self.pool.run(Job("catalog", name, {k: [v] for k, v in params.items()}), left()),
            lambda text: self.pool.run(Job("sparql", text), left()),
            parallel=True,
        )
        fmt = request.args.get("format", "").lower()
        if fmt in ("csv", "json") and kind != "all":
            header, rows = picture_rows(kind, pictures)
            if fmt == "json":
                return json_response([dict(zip(header, row)) for row in rows])
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
            return Response(out.getvalue(), mimetype="text/csv")
        if fmt:
            return text_response(f"format must be csv or json (the picture's data), not {fmt!r}", 400)

        def edge_link(edge) -> str:
            from urllib.parse import urlencode

            return "/pictures/shared?" + urlencode({"a": edge.source, "b": edge.target})

        specs = {"map": lambda: map_spec(pictures, basemap_urls()), "timeline": lambda: timeline_spec(pictures),
                 "network": lambda: network_spec(pictures, edge_link)}
        answer = {}
        for name in (KINDS if kind == "all" else (kind,)):
            spec = specs[name]()
            answer[name] = {"spec": spec, "empty": None if spec else empty_message(name, pictures),
                            "query": {"name": SOURCES[name], "params": {"entity": subject.value}}}
        return json_response(answer if kind == "all" else answer[kind])

    def on_shared(self, request: Request) -> Response:
        from crimegraph.serve.entity_page import page_html
        from crimegraph.serve.pictures_page import render_shared, shared_queries

        try:
            a, b = self._subject(request, "a"), self._subject(request, "b")
            page = max(1, int(request.args.get("page", "1")))
        except BadRequestText as exc:
            return text_response(str(exc), 400)
        except ValueError:
            return text_response(f"page must be a whole number from 1, not {request.args.get('page')!r}", 400)
        count_text, rows_text, names_text = shared_queries(a, b, page)
        run = lambda text: self.pool.run(Job("sparql", text, max_rows=2000), self.config.query_timeout)  # noqa: E731
        count = run(count_text).solutions
        total = int(count[0]["n"].value) if count and isinstance(count[0].get("n"), ox.Literal) else 0
        title, body = render_shared(a, b, total, run(rows_text), run(names_text), page, self.link,
                                    lambda n: self._with_arg(request, "page", n))
        return Response(page_html(title, body, kind="shared events"), mimetype="text/html", status=200 if total else 404)

    def _holds(self, subject: ox.NamedNode) -> bool:
        from crimegraph.store.sparql import bind_values

        result = self.pool.run(Job("sparql", bind_values("ASK { ?s ?p ?o }", {"s": [subject]}), max_rows=1), self.config.query_timeout)
        return bool(result.boolean)

    def ontology_rdf(self, request: Request, iri: str | None) -> Response:
        from crimegraph.serve import ontology_page as onto

        chosen = negotiate("CONSTRUCT", accepted(request.headers.get("Accept")), request.args.getlist("format"))
        if chosen is None:
            return self.not_acceptable("CONSTRUCT", request)
        response = Response(onto.term_graph(iri, chosen.format), content_type=chosen.media_type + "; charset=utf-8")
        response.headers["Vary"] = "Accept"
        return response

    def on_ontology(self, request: Request) -> Response:
        from crimegraph.serve import ontology_page as onto

        accept = accepted(request.headers.get("Accept"))
        best = accept.best_match(["text/html", *GRAPH_TYPES])
        if request.args.getlist("format") or (best is not None and best != "text/html"):
            return self.ontology_rdf(request, None)
        response = Response(onto.render_ontology(self.link), mimetype="text/html")
        response.headers["Vary"] = "Accept"
        return response

    def on_search(self, request: Request) -> Response:
        from crimegraph.serve.entity_page import render_search, search_query

        text = request.args.get("q", "").strip()
        if not text:
            return text_response("missing q: /search?q=a name", 400)
        if len(text) > 200:
            return text_response("q is too long: at most 200 characters", 400)
        result = self.pool.run(Job("sparql", search_query(text), max_rows=50), self.config.query_timeout)
        return Response(render_search(text, result, self.link), mimetype="text/html")

    def on_result_pictures(self, request: Request) -> Response:
        """Pictures of a SELECT's result (the query page's "pictures" panel): the query is
        run like one sent to /sparql — read-only, SERVICE refused unless allowed, under
        the timeout and the row cap — and its columns decide what is drawn."""
        from crimegraph.query.pictures import result_pictures
        from crimegraph.serve.protocol import query_kind, uses_service

        text = request.form.get("query", "")
        if not text.strip():
            return text_response("missing query: POST query=… (a form)", 400)
        kind = query_kind(text)
        if kind != "SELECT":
            return text_response(f"pictures are drawn from SELECT results, not from {kind}", 400)
        if not self.config.allow_service and uses_service(text):
            return text_response("SERVICE is disabled: a federated query would make this server fetch other URLs.", 403)
        result = self.pool.run(Job("sparql", text, max_rows=self.config.max_rows, base_iri=request.host_url + "sparql"),
                               self.config.query_timeout)
        return json_response({**result_pictures(result), "rows": len(result.solutions), "truncated": result.truncated})
