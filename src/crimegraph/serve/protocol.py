"""The SPARQL 1.1 Protocol, the parts that need no HTTP server: what kind of request a
text is (query, update, federated query), which media type to answer with, and the RDF
dataset a request gives (``default-graph-uri``, ``named-graph-uri``).

Recognising a query's form, updates and ``SERVICE`` uses the tokenizer of
:mod:`crimegraph.store.sparql`, which skips strings, IRIs and comments, so a word inside
a literal (``"customer service"``) is never taken for a keyword.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Request, Response

from crimegraph.rdf.io import RdfFormat
from crimegraph.store import QueryDataset, ResultFormat
from crimegraph.store.sparql import FORMS, keywords

#: Media types a SELECT or ASK result can be sent as, preferred first.
TABLE_TYPES: dict[str, ResultFormat] = {
    "application/sparql-results+json": ResultFormat.json,
    "application/sparql-results+xml": ResultFormat.xml,
    "text/csv": ResultFormat.csv,
    "text/tab-separated-values": ResultFormat.tsv,
    "application/json": ResultFormat.json,
    "application/xml": ResultFormat.xml,
    "text/xml": ResultFormat.xml,
}
#: Media types a CONSTRUCT or DESCRIBE result can be sent as, preferred first.
GRAPH_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.turtle,
    "application/n-triples": RdfFormat.ntriples,
    "application/ld+json": RdfFormat.jsonld,
    "application/rdf+xml": RdfFormat.rdfxml,
    "application/n-quads": RdfFormat.nquads,
    "application/trig": RdfFormat.trig,
    "application/x-turtle": RdfFormat.turtle,
    "application/turtle": RdfFormat.turtle,
    "text/n3": RdfFormat.turtle,  # Turtle is a subset of N3
    "text/rdf+n3": RdfFormat.turtle,
    "text/plain": RdfFormat.ntriples,
    "application/json": RdfFormat.jsonld,
    "application/xml": RdfFormat.rdfxml,
}
#: Short names accepted in a ``format=`` (or ``output=``) parameter, as many servers do.
FORMAT_NAMES: dict[str, tuple[ResultFormat | None, RdfFormat | None]] = {
    "json": (ResultFormat.json, RdfFormat.jsonld),
    "xml": (ResultFormat.xml, RdfFormat.rdfxml),
    "csv": (ResultFormat.csv, None),
    "tsv": (ResultFormat.tsv, None),
    "turtle": (None, RdfFormat.turtle),
    "n3": (None, RdfFormat.turtle),  # Turtle is a subset of N3
    "rdf+xml": (None, RdfFormat.rdfxml),
    "ttl": (None, RdfFormat.turtle),
    "ntriples": (None, RdfFormat.ntriples),
    "nt": (None, RdfFormat.ntriples),
    "jsonld": (None, RdfFormat.jsonld),
    "json-ld": (None, RdfFormat.jsonld),
    "rdfxml": (None, RdfFormat.rdfxml),
    "nquads": (None, RdfFormat.nquads),
    "trig": (None, RdfFormat.trig),
}

UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


@dataclass(frozen=True)
class Negotiated:
    media_type: str
    format: ResultFormat | RdfFormat


def query_kind(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE``, or ``UNKNOWN`` when the
    text is neither (the engine then reports the syntax error).

    >>> query_kind("PREFIX ex: <http://ex/> SELECT * { ?s ex:p 'INSERT' }")
    'SELECT'
    >>> query_kind("prefix ex: <http://ex/>\\ninsert data { ex:a ex:b ex:c }")
    'UPDATE'
    """
    for word in keywords(text):
        if word in ("PREFIX", "BASE"):
            continue
        if word in FORMS:
            return word
        if word in UPDATE_WORDS:
            return "UPDATE"
    return "UNKNOWN"


def uses_service(text: str) -> bool:
    """True if the query has a ``SERVICE`` clause (a federated query, which would make
    the server fetch another endpoint).

    >>> uses_service("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT ?service { ?service ?p 'SERVICE' } # service")
    False
    >>> uses_service(r"SELECT * { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    True

    SPARQL allows ``\\uXXXX`` escapes anywhere in a query; pyoxigraph reads them only
    inside strings and IRIs, but the text is also checked with them decoded, so an
    engine that follows the letter of the specification cannot be tricked either.
    """
    if "SERVICE" in keywords(text):
        return True
    if "\\u" in text or "\\U" in text:
        return "SERVICE" in keywords(_decode_codepoints(text))
    return False


def _decode_codepoints(text: str) -> str:
    r"""Replace ``\uXXXX`` and ``\UXXXXXXXX`` escapes by their characters.

    >>> _decode_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", char, text)


def accepted(header: str | None) -> MIMEAccept:
    """The client's Accept header; none at all means anything (RFC 9110)."""
    return parse_accept_header(header or "*/*", MIMEAccept)


def negotiate(kind: str, accept: MIMEAccept, format_names: Sequence[str] = ()) -> Negotiated | None:
    """The media type and format to answer a query of ``kind`` with, or None when the
    client accepts none we have (the caller answers 406).

    ``format_names`` are the values of the non-standard ``format=`` / ``output=``
    parameters that browsers' users and some clients send (SPARQLWrapper sends
    ``format=json&output=json``): the first one that names a format fitting the kind of
    result (json, xml, csv, tsv, turtle, n3, ntriples, jsonld, rdfxml, or a media type)
    wins over the Accept header; the others are ignored, as the protocol expects.

    >>> negotiate("SELECT", accepted("text/csv")).media_type
    'text/csv'
    >>> negotiate("CONSTRUCT", accepted(None), ["turtle"]).media_type
    'text/turtle'
    >>> negotiate("SELECT", accepted("text/turtle")) is None
    True
    """
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    offers = GRAPH_TYPES if graph else TABLE_TYPES
    for name in format_names:
        key = name.strip().lower()
        if key in FORMAT_NAMES:
            chosen = FORMAT_NAMES[key][1 if graph else 0]
            if chosen is not None:
                return Negotiated(chosen.media_type, chosen)
        elif key in offers:
            return Negotiated(key, offers[key])
    best = accept.best_match(list(offers))
    if best is None:
        return None
    fmt = offers[best]
    # answer with the media type the client named, else with the format's own
    named = {value.lower() for value, _quality in accept}
    media = best if best in named else fmt.media_type
    return Negotiated(media, fmt)


def offered(kind: str) -> list[str]:
    """The media types we can send for a kind of query (for a 406 message)."""
    return list(GRAPH_TYPES if kind in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES)


def protocol_dataset(request: Request) -> QueryDataset | None:
    """The RDF dataset a request gives with ``default-graph-uri`` and ``named-graph-uri``
    (in the URL, or in a form body), or None when it gives neither. As the SPARQL 1.1
    Protocol says, it replaces the query's own ``FROM`` / ``FROM NAMED``.

    :raises QueryError: for a value that is not an absolute IRI.
    """
    default_graphs, named_graphs = request.values.getlist("default-graph-uri"), request.values.getlist("named-graph-uri")
    if not default_graphs and not named_graphs:
        return None
    return QueryDataset(tuple(default_graphs), tuple(named_graphs))


def text_response(message: str, status: int, **headers: str) -> Response:
    response = Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    return response


def json_response(value: Any, status: int = 200) -> Response:
    return Response(json.dumps(value, ensure_ascii=False, indent=1), status=status, mimetype="application/json")
