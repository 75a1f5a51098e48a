"""Query results held in memory, serialisable to the W3C formats.

One :class:`QueryResult` type for every store, local or remote: SELECT solutions, an ASK
boolean, or the triples of a CONSTRUCT/DESCRIBE, as pyoxigraph terms. It writes the
SPARQL 1.1 Query Results JSON, XML, CSV and TSV formats and any RDF format of
:class:`crimegraph.rdf.io.RdfFormat`, so an HTTP endpoint can answer with the
media type a client asked for.
"""

from __future__ import annotations

import csv
import enum
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal as TypingLiteral
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from crimegraph.errors import FormatError
from crimegraph.rdf.io import RdfFormat

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = XSD + "string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + "double", XSD + "float", XSD + "decimal"}


class ResultFormat(str, enum.Enum):
    """Serialisations of SELECT/ASK results."""

    json = "json"
    xml = "xml"
    csv = "csv"
    tsv = "tsv"

    @property
    def media_type(self) -> str:
        return {
            "json": "application/sparql-results+json",
            "xml": "application/sparql-results+xml",
            "csv": "text/csv",
            "tsv": "text/tab-separated-values",
        }[self.value]


ResultKind = TypingLiteral["select", "ask", "graph"]


def python_value(term: Term | None) -> Any:
    """A plain Python value for a term: IRIs and strings as ``str``, numbers as ``int`` or
    ``float``, booleans as ``bool``, ``xsd:date`` as :class:`datetime.date`; partial dates
    (``xsd:gYear``, ``xsd:gYearMonth``) stay strings such as ``"2012-06"``.

    >>> python_value(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    3
    >>> python_value(ox.NamedNode("https://example.org/a"))
    'https://example.org/a'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
            if datatype == XSD + "date":
                return date.fromisoformat(term.value)
        except ValueError:
            return term.value
        return term.value
    return str(term)


def term_key(term: Term | None) -> str | None:
    """A canonical text for comparing terms from different engines: numbers by value,
    ``xsd:string`` literals as plain strings, IRIs and language tags as they are.

    >>> term_key(ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")))
    '1.5'
    >>> term_key(ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))) == term_key(ox.Literal("1.0", datatype=ox.NamedNode(XSD + "decimal")))
    True
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return "_:"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return f'"{term.value}"@{term.language.lower()}'
        if datatype in _INTEGER_TYPES or datatype in _FLOAT_TYPES:
            try:
                number = Decimal(term.value).normalize()
                return f"{number:f}"
            except InvalidOperation:
                return term.value
        if datatype == _XSD_STRING:
            return f'"{term.value}"'
        return f'"{term.value}"^^<{datatype}>'
    return str(term)


class Rows(list[dict[str, Any]]):
    """SELECT results as a list of dicts of plain Python values (see :func:`python_value`),
    with :meth:`to_dataframe` for pandas users."""

    variables: list[str]

    def __init__(self, rows: list[dict[str, Any]], variables: list[str]) -> None:
        super().__init__(rows)
        self.variables = variables

    def to_dataframe(self) -> Any:
        """The rows as a :class:`pandas.DataFrame`, one column per variable.

        :raises ImportError: with a hint when pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame(list(self), columns=self.variables)


@dataclass
class QueryResult:
    """The answer to one SPARQL query, materialised.

    ``kind`` is ``"select"`` (``variables`` and ``solutions``), ``"ask"`` (``boolean``) or
    ``"graph"`` (``triples``, for CONSTRUCT and DESCRIBE).
    """

    kind: ResultKind
    variables: list[str] = field(default_factory=list)
    solutions: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    # ------------------------------------------------------------------ views
    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.solutions)

    def rows(self) -> Rows:
        """SELECT solutions as plain Python values (ASK: one row ``{"result": bool}``)."""
        if self.kind == "ask":
            return Rows([{"result": bool(self.boolean)}], ["result"])
        if self.kind == "graph":
            rows = [
                {"subject": python_value(t.subject), "predicate": python_value(t.predicate), "object": python_value(t.object)}
                for t in self.triples
            ]
            return Rows(rows, ["subject", "predicate", "object"])
        return Rows([{v: python_value(s.get(v)) for v in self.variables} for s in self.solutions], list(self.variables))

    def keys(self) -> set[tuple[str | None, ...]]:
        """The solutions as a set of canonical tuples (see :func:`term_key`), to compare
        the answers of two engines."""
        if self.kind == "ask":
            return {(str(bool(self.boolean)),)}
        if self.kind == "graph":
            return {(term_key(t.subject), term_key(t.predicate), term_key(t.object)) for t in self.triples}
        return {tuple(term_key(s.get(v)) for v in self.variables) for s in self.solutions}

    # ------------------------------------------------------------------ writing
    def serialize(self, fmt: ResultFormat | RdfFormat | str) -> bytes:
        """Serialise: SELECT/ASK as SPARQL results JSON, XML, CSV or TSV; CONSTRUCT and
        DESCRIBE results in any :class:`RdfFormat`.

        :raises FormatError: if the format does not fit the kind of result.
        """
        if isinstance(fmt, str) and not isinstance(fmt, (ResultFormat, RdfFormat)):
            fmt = parse_output_format(fmt)
        if self.kind == "graph":
            if not isinstance(fmt, RdfFormat):
                raise FormatError(f"a CONSTRUCT/DESCRIBE result is RDF; choose an RDF format, not {fmt.value}")
            return serialize_triples(self.triples, fmt)
        if not isinstance(fmt, ResultFormat):
            raise FormatError(f"a {self.kind.upper()} result is a table; choose json, xml, csv or tsv, not {fmt.value}")
        return {
            ResultFormat.json: self._json,
            ResultFormat.xml: self._xml,
            ResultFormat.csv: self._csv,
            ResultFormat.tsv: self._tsv,
        }[fmt]()

    def _json(self) -> bytes:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}).encode()
        bindings = [{v: _json_term(t) for v, t in s.items() if t is not None} for s in self.solutions]
        doc = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    def _xml(self) -> bytes:
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        if self.kind == "ask":
            out.append(f"</head>\n<boolean>{'true' if self.boolean else 'false'}</boolean>\n</sparql>\n")
            return "".join(out).encode("utf-8")
        out.extend(f"<variable name={quoteattr(v)}/>" for v in self.variables)
        out.append("</head>\n<results>\n")
        for solution in self.solutions:
            out.append("<result>")
            for name, term in solution.items():
                if term is not None:
                    out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")

    def _csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if self.kind == "ask":
            writer.writerow(["result"])
            writer.writerow(["true" if self.boolean else "false"])
        else:
            writer.writerow(self.variables)
            for s in self.solutions:
                writer.writerow([_csv_term(s.get(v)) for v in self.variables])
        return buffer.getvalue().encode("utf-8")

    def _tsv(self) -> bytes:
        if self.kind == "ask":
            return b"?result\n" + (b"true\n" if self.boolean else b"false\n")
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        for s in self.solutions:
            lines.append("\t".join("" if s.get(v) is None else str(s[v]) for v in self.variables))
        return ("\n".join(lines) + "\n").encode("utf-8")


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{xml_escape(term.value)}</literal>"
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


_OX_RDF_FORMATS = {
    RdfFormat.ntriples: ox.RdfFormat.N_TRIPLES,
    RdfFormat.nquads: ox.RdfFormat.N_QUADS,
    RdfFormat.turtle: ox.RdfFormat.TURTLE,
    RdfFormat.trig: ox.RdfFormat.TRIG,
    RdfFormat.rdfxml: ox.RdfFormat.RDF_XML,
}


def serialize_triples(triples: list[ox.Triple], fmt: RdfFormat) -> bytes:
    """Triples in an RDF format, with crimegraph's prefixes where the format has them."""
    if fmt is RdfFormat.jsonld:
        from rdflib import Graph

        from crimegraph.rdf.io import jsonld_context

        graph = Graph()
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
    target = _OX_RDF_FORMATS[fmt]
    prefixes = _prefixes() if fmt in (RdfFormat.turtle, RdfFormat.trig, RdfFormat.rdfxml) else None
    if fmt.is_quads:  # triples go into the default graph
        triples = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]  # type: ignore[misc]
    data = ox.serialize(triples, format=target, prefixes=prefixes) if prefixes else ox.serialize(triples, format=target)
    return data or b""


def _prefixes() -> dict[str, str]:
    from crimegraph.vocab import PREFIXES

    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def parse_output_format(name: str) -> ResultFormat | RdfFormat:
    """A results format (json, xml, csv, tsv) or an RDF format by name.

    :raises FormatError: naming the allowed formats.
    """
    key = name.strip().lower()
    for f in ResultFormat:
        if key == f.value:
            return f
    try:
        return RdfFormat.parse(key)
    except FormatError:
        allowed = ", ".join([f.value for f in ResultFormat] + [f.value for f in RdfFormat])
        raise FormatError(f"unknown output format {name!r}; allowed: {allowed}") from None


def iter_terms(result: QueryResult) -> Iterator[Term]:
    for s in result.solutions:
        yield from (t for t in s.values() if t is not None)
