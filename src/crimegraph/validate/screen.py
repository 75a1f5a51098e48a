"""Fast SHACL validation that gives exactly pyshacl's whole-graph report.

Two steps:

1. **Screen** (this module, fast): parse with pyoxigraph, index each subject's values of
   the predicates the shapes use (the union over all named graphs), and check every
   targeted focus node against its shapes with *conservative* checks: a check passes
   only when it is sure the constraint holds; anything doubtful (an odd lexical form, a
   literal comparison it does not model) flags the focus node.
2. **Confirm** (pyshacl): validate the flagged focus nodes with pyshacl on their
   *closure* — every indexed triple of a flagged node, the rdf:type triples of those
   nodes and of their values, and all rdfs:subClassOf triples — and keep the results
   whose focus node was flagged. pyshacl writes every result, so messages, values and
   severities are pyshacl's own.

Why this equals whole-graph pyshacl (see also ``tests/test_validate_scale.py``):

* The closure holds everything a supported constraint reads about a focus node: with
  predicate paths only, a node's value nodes are the objects of its own triples (all
  kept); sh:class (also inside sh:or) reads the value's rdf:type triples and the data
  graph's rdfs:subClassOf triples (kept); sh:disjoint / sh:lessThanOrEquals read the
  node's other predicates (kept); targets are decided by the node's own type and
  subject triples (kept). So pyshacl on the closure reports, for a flagged node,
  exactly what it reports for it on the whole graph.
* The screen never passes a node that pyshacl would report: each check is sound
  (over-approximating), so unflagged nodes have no results on the whole graph.
* Shapes that use anything else (sh:node, sh:not, sh:and, sh:xone, qualified shapes
  other than one sh:datatype with sh:qualifiedMaxCount,
  sh:closed, sh:sparql, complex paths, sh:targetNode, sh:targetObjectsOf, nested
  property shapes inside sh:or …) cannot be screened: :func:`compile_shapes` raises
  :class:`Unsupported` and the caller falls back to whole-graph pyshacl.

Blank nodes get new labels when parsed, in any validator; reports about blank nodes are
equal up to those labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

RDF_TYPE = ox.NamedNode(str(RDF.type))
SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
XSD_STRING = ox.NamedNode(str(XSD.string))
LANG_STRING = ox.NamedNode(str(RDF.langString))

# parameters of the constraint components the screen models
_PROPERTY_PARAMS = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["or"], SH.minLength, SH.nodeKind, SH.pattern,
    SH["class"], SH["in"], SH.disjoint, SH.lessThanOrEquals, SH.minInclusive, SH.maxInclusive,
    SH.message, SH.severity, SH.name, SH.description, RDF.type, RDFS.label, RDFS.comment,
    SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMaxCount,
}
_NODE_PARAMS = {
    SH.targetClass, SH.targetSubjectsOf, SH.property, SH.nodeKind, SH.pattern, SH["class"],
    SH.message, SH.severity, RDF.type, RDFS.label, RDFS.comment,
}
_OR_MEMBER_PARAMS = {SH.datatype, SH["class"], RDF.type}


class Unsupported(Exception):
    """The shapes use a feature the screen does not model; use whole-graph pyshacl."""


# ------------------------------------------------------------------ compiled shapes


@dataclass
class Check:
    """The constraints of one property shape (or of a node shape on the node itself)."""

    path: ox.NamedNode | None  # None: the focus node itself is the value node
    min_count: int | None = None
    max_count: int | None = None
    datatype: str | None = None
    any_of: list[tuple[str, str]] = field(default_factory=list)  # sh:or: ("datatype"|"class", iri)
    min_length: int | None = None
    node_kind: str | None = None
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    in_values: frozenset[ox.NamedNode] | None = None
    disjoint: list[ox.NamedNode] = field(default_factory=list)
    less_or_equal: list[ox.NamedNode] = field(default_factory=list)
    min_inclusive: Decimal | None = None
    max_inclusive: Decimal | None = None
    unique_lang: bool = False
    # sh:qualifiedValueShape [ sh:datatype D ] ; sh:qualifiedMaxCount N  as (D, N)
    qualified_max: tuple[str, int] | None = None


@dataclass
class CompiledShape:
    name: str
    target_classes: list[str]
    target_subjects_of: list[ox.NamedNode]
    checks: list[Check]


def _one(graph: Graph, node, prop) -> object | None:
    values = list(graph.objects(node, prop))
    if len(values) > 1:
        raise Unsupported(f"{node} has several {prop}")
    return values[0] if values else None


def _decimal(value: object) -> Decimal:
    if not isinstance(value, Literal) or value.datatype not in (XSD.integer, XSD.decimal):
        raise Unsupported(f"bound {value!r} is not an xsd:integer or xsd:decimal")
    return Decimal(str(value))


def _pattern(graph: Graph, shape) -> list[re.Pattern[str]]:
    if _one(graph, shape, SH.flags) is not None:
        raise Unsupported("sh:flags")
    return [re.compile(str(p)) for p in graph.objects(shape, SH.pattern)]


def _check(graph: Graph, shape, path: URIRef | None) -> Check:
    check = Check(path=ox.NamedNode(str(path)) if path is not None else None)
    if (value := _one(graph, shape, SH.minCount)) is not None:
        check.min_count = int(value)
    if (value := _one(graph, shape, SH.maxCount)) is not None:
        check.max_count = int(value)
    if (value := _one(graph, shape, SH.datatype)) is not None:
        check.datatype = str(value)
    if (value := _one(graph, shape, SH.minLength)) is not None:
        check.min_length = int(value)
    if (value := _one(graph, shape, SH.nodeKind)) is not None:
        check.node_kind = str(value).rsplit("#", 1)[-1]
    check.patterns = _pattern(graph, shape)
    check.classes = [str(c) for c in graph.objects(shape, SH["class"])]
    if (value := _one(graph, shape, SH["in"])) is not None:
        items = list(Collection(graph, value))
        if not all(isinstance(i, URIRef) for i in items):
            raise Unsupported("sh:in with literals or blank nodes")
        check.in_values = frozenset(ox.NamedNode(str(i)) for i in items)
    for lst in graph.objects(shape, SH["or"]):
        if check.any_of:
            raise Unsupported("several sh:or")
        for member in Collection(graph, lst):
            params = set(graph.predicates(member, None))
            if not params <= _OR_MEMBER_PARAMS or len(params - {RDF.type}) != 1:
                raise Unsupported("sh:or member with more than one sh:datatype or sh:class")
            if (dt := _one(graph, member, SH.datatype)) is not None:
                check.any_of.append(("datatype", str(dt)))
            else:
                check.any_of.append(("class", str(_one(graph, member, SH["class"]))))
    pairs = list(graph.objects(shape, SH.disjoint)) + list(graph.objects(shape, SH.lessThanOrEquals))
    if not all(isinstance(p, URIRef) for p in pairs):
        raise Unsupported("property pair with a non-IRI path")
    check.disjoint = [ox.NamedNode(str(p)) for p in graph.objects(shape, SH.disjoint)]
    check.less_or_equal = [ox.NamedNode(str(p)) for p in graph.objects(shape, SH.lessThanOrEquals)]
    if (value := _one(graph, shape, SH.uniqueLang)) is not None:
        check.unique_lang = bool(value.toPython()) if isinstance(value, Literal) else True
    if (member := _one(graph, shape, SH.qualifiedValueShape)) is not None:
        params = set(graph.predicates(member, None)) - {RDF.type}
        limit = _one(graph, shape, SH.qualifiedMaxCount)
        if params != {SH.datatype} or limit is None or _one(graph, shape, SH.qualifiedMinCount) is not None:
            raise Unsupported("a qualified value shape other than one sh:datatype with sh:qualifiedMaxCount")
        check.qualified_max = (str(_one(graph, member, SH.datatype)), int(limit))
    if (value := _one(graph, shape, SH.minInclusive)) is not None:
        check.min_inclusive = _decimal(value)
    if (value := _one(graph, shape, SH.maxInclusive)) is not None:
        check.max_inclusive = _decimal(value)
    return check


def compile_shapes(shapes: Graph) -> list[CompiledShape]:
    """The node shapes of ``shapes`` as screen checks; raises :class:`Unsupported`."""
    compiled: list[CompiledShape] = []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    node_shapes |= {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf) for s in shapes.subjects(p, None)}
    if set(shapes.subjects(RDF.type, RDFS.Class)) & node_shapes:
        raise Unsupported("implicit class targets")
    for shape in sorted(node_shapes, key=str):
        if (shape, SH.deactivated, None) in shapes:
            raise Unsupported("sh:deactivated")
        unknown = set(shapes.predicates(shape, None)) - _NODE_PARAMS
        if unknown:
            raise Unsupported(f"{shape} uses {sorted(map(str, unknown))}")
        checks = [_check(shapes, shape, None)]
        for prop in shapes.objects(shape, SH.property):
            unknown = set(shapes.predicates(prop, None)) - _PROPERTY_PARAMS
            if unknown:
                raise Unsupported(f"property shape of {shape} uses {sorted(map(str, unknown))}")
            if (prop, SH.deactivated, None) in shapes:
                raise Unsupported("sh:deactivated")
            path = _one(shapes, prop, SH.path)
            if not isinstance(path, URIRef):
                raise Unsupported("a path that is not a predicate")
            checks.append(_check(shapes, prop, path))
        compiled.append(CompiledShape(
            name=str(shape),
            target_classes=[str(c) for c in shapes.objects(shape, SH.targetClass)],
            target_subjects_of=[ox.NamedNode(str(p)) for p in shapes.objects(shape, SH.targetSubjectsOf)],
            checks=checks,
        ))
    # nested shapes are only the ones reached through sh:property and sh:or (checked above)
    return compiled


def predicates_used(compiled: list[CompiledShape]) -> set[ox.NamedNode]:
    used = {RDF_TYPE, SUBCLASS}
    for shape in compiled:
        used.update(shape.target_subjects_of)
        for check in shape.checks:
            if check.path is not None:
                used.add(check.path)
            used.update(check.disjoint)
            used.update(check.less_or_equal)
    return used


# ------------------------------------------------------------------ data index


class Index:
    """Each subject's values of the predicates the shapes use, over all graphs."""

    def __init__(self, predicates: set[ox.NamedNode]) -> None:
        self.predicates = predicates
        # subject → predicate → one value, or a set of two or more (see values())
        self.props: dict[ox.NamedNode | ox.BlankNode, dict[ox.NamedNode, object]] = {}
        self._canon: dict = {}
        self.triples = 0

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        # Memory: a subject's single value of a predicate is stored as is, a set only from
        # the second value on; predicates and IRIs are interned (one object per term).
        props, wanted, canon = self.props, self.predicates, self._canon
        named = ox.NamedNode
        n = 0
        for quad in quads:
            n += 1
            p = quad.predicate
            if p in wanted:
                p = canon.setdefault(p, p)
                s = quad.subject
                o = quad.object
                if type(o) is named:
                    o = canon.setdefault(o, o)
                by_p = props.get(s)
                if by_p is None:
                    props[canon.setdefault(s, s)] = {p: o}
                    continue
                values = by_p.get(p)
                if values is None:
                    by_p[p] = o
                elif type(values) is set:
                    values.add(o)
                elif values != o:
                    by_p[p] = {values, o}
        self.triples += n

    def add_file(self, path: str | Path, fmt: ox.RdfFormat | None = None) -> None:
        """Index one file; a syntax error is an InputError naming file and line."""
        from crimegraph.errors import InputError, Location

        fmt = fmt or _format(path)
        _check_terms(path)
        try:
            self.add_quads(ox.parse(path=str(path), format=fmt))
        except SyntaxError as exc:
            name = {ox.RdfFormat.N_QUADS: "nquads", ox.RdfFormat.N_TRIPLES: "ntriples",
                    ox.RdfFormat.TURTLE: "turtle", ox.RdfFormat.TRIG: "trig"}[fmt]
            raise InputError(f"not valid {name}: {exc.msg}", Location(file=str(path), line=exc.lineno)) from None

    def types(self, node) -> set:
        by_p = self.props.get(node)
        return values(by_p, RDF_TYPE) if by_p else set()

    def subclass_closure(self) -> dict[str, set[str]]:
        """class IRI → itself and every class below it (rdfs:subClassOf in the data)."""
        below: dict[str, set[str]] = {}
        for s, by_p in self.props.items():
            for o in values(by_p, SUBCLASS):
                if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
                    below.setdefault(o.value, set()).add(s.value)
        closure: dict[str, set[str]] = {}

        def down(c: str) -> set[str]:
            if c not in closure:
                seen, todo = {c}, [c]
                while todo:
                    for sub in below.get(todo.pop(), ()):
                        if sub not in seen:
                            seen.add(sub)
                            todo.append(sub)
                closure[c] = seen
            return closure[c]

        for c in list(below):
            down(c)
        return closure


# Two kinds of literal that pyoxigraph reads as RDF 1.1 says and rdflib does not: an
# explicit ^^xsd:string (rdflib keeps "x" and "x"^^xsd:string apart, so counts differ) and
# a language tag with capitals (pyoxigraph lowercases it, rdflib keeps it, so reported
# values differ). A file that may contain either is validated whole by pyshacl.
_TAG = re.compile(rb"[A-Za-z0-9-]*")


def _check_terms(path: str | Path) -> None:
    """Raise Unsupported if the file may hold literals pyoxigraph and rdflib read apart
    (one streaming pass over the bytes with fast substring search; chunks overlap so no
    match is cut in two)."""
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            buf = tail + chunk
            if b"XMLSchema#string" in buf or b":string" in buf:
                raise Unsupported(f"{path} may have explicit xsd:string literals")
            for quote in (b'"@', b"'@"):
                i = buf.find(quote)
                while i != -1:
                    tag = _TAG.match(buf, i + 2)
                    if tag and tag.group().lower() != tag.group():
                        raise Unsupported(f"{path} has a language tag with capitals")
                    i = buf.find(quote, i + 2)
            tail = chunk[-64:]


def values(by_p: dict, p) -> set:
    """A subject's values of ``p`` as a set (the index stores a lone value as is)."""
    found = by_p.get(p)
    if found is None:
        return set()
    return found if type(found) is set else {found}


_values = values


def _format(path: str | Path) -> ox.RdfFormat:
    suffix = Path(str(path)).suffix.lower()
    # line formats only: RDF/XML and JSON-LD go through crimegraph's safe parser (no
    # XML entities, no remote contexts) on the whole-graph path
    found = {".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE,
             ".trig": ox.RdfFormat.TRIG}.get(suffix)
    if found is None:
        raise Unsupported(f"no fast parser for {suffix or 'this file'}")
    return found


# ------------------------------------------------------------------ the screen

_LEXICAL = {
    str(XSD.date): re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    str(XSD.gYear): re.compile(r"^[1-9]\d{3}$"),
    str(XSD.gYearMonth): re.compile(r"^[1-9]\d{3}-(0[1-9]|1[0-2])$"),
    # the XSD lexical spaces (rdflib parses all of them, so none is ill-typed)
    str(XSD.nonNegativeInteger): re.compile(r"^\+?\d+$"),
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.decimal): re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
}
_NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.nonNegativeInteger)}


_XSD_STRING, _LANG_STRING, _XSD_DATE = str(XSD.string), str(RDF.langString), str(XSD.date)


def _sure_datatype(value, datatype: str) -> bool:
    """True only if ``value`` is surely a well-typed literal of ``datatype``."""
    if not isinstance(value, ox.Literal):
        return False
    if datatype == _LANG_STRING:
        return value.language is not None
    if value.datatype.value != datatype:
        return False
    if datatype == _XSD_STRING:
        return True
    lexical = _LEXICAL.get(datatype)
    if lexical is None:
        return datatype.startswith("http://www.opengis.net/")  # wktLiteral: pyshacl checks the IRI only
    if not lexical.match(value.value):
        return False
    if datatype == _XSD_DATE:
        try:
            y, m, d = map(int, value.value.split("-"))
            return y >= 1 and date(y, m, d) is not None
        except ValueError:
            return False
    return True


def _number(value) -> Decimal | None:
    if isinstance(value, ox.Literal) and value.datatype.value in _NUMERIC and _sure_datatype(value, value.datatype.value):
        try:
            return Decimal(value.value)
        except InvalidOperation:  # pragma: no cover - the lexical check excludes it
            return None
    return None


def _string(value) -> str | None:
    """The string pyshacl matches sh:pattern / sh:minLength against, when certain."""
    if isinstance(value, ox.NamedNode):
        return value.value
    if isinstance(value, ox.Literal) and (value.datatype == XSD_STRING or value.language is not None):
        return value.value
    if isinstance(value, ox.Literal) and not value.datatype.value.startswith(_NORMALIZED_NAMESPACES):
        return value.value  # rdflib keeps the lexical form of datatypes it does not know (wktLiteral)
    return None


_NORMALIZED_NAMESPACES = (str(XSD), str(RDF))


class Screen:
    def __init__(self, compiled: list[CompiledShape], index: Index) -> None:
        self.compiled = compiled
        self.index = index
        self.below = index.subclass_closure()
        self._instances: dict[str, list] | None = None

    def _classes(self, c: str) -> set[str]:
        return self.below.get(c, {c})

    def _is_instance(self, node, c: str) -> bool:
        if isinstance(node, ox.Literal):
            return False
        wanted = self._classes(c)
        return any(isinstance(t, ox.NamedNode) and t.value in wanted for t in self.index.types(node))

    def _by_class(self) -> dict[str, list]:
        """class IRI → the subjects typed with it (one pass over the index)."""
        if self._instances is None:
            self._instances = {}
            for s, by_p in self.index.props.items():
                for t in values(by_p, RDF_TYPE):
                    if isinstance(t, ox.NamedNode):
                        self._instances.setdefault(t.value, []).append(s)
        return self._instances

    def focus_nodes(self, shape: CompiledShape) -> set:
        """The shape's targets: instances of its classes (and their subclasses in the
        data), subjects of its sh:targetSubjectsOf predicates."""
        found: set = set()
        instances = self._by_class()
        for c in shape.target_classes:
            for sub in self._classes(c):
                found.update(instances.get(sub, ()))
        for p in shape.target_subjects_of:
            found.update(s for s, by_p in self.index.props.items() if p in by_p)
        return found

    def flagged(self) -> set:
        """Focus nodes that may have a result (a superset of pyshacl's)."""
        out: set = set()
        for shape in self.compiled:
            for focus in self.focus_nodes(shape):
                if focus not in out and not all(self._passes(check, focus) for check in shape.checks):
                    out.add(focus)
        return out

    def _passes(self, check: Check, focus) -> bool:
        by_p = self.index.props.get(focus, {})
        if check.path is None:
            values = {focus}
        else:
            values = _values(by_p, check.path)
            n = len(values)
            if check.min_count is not None and (n < check.min_count or (check.min_count > 1 and any(isinstance(v, ox.Literal) for v in values))):
                return False
            if check.max_count is not None and n > check.max_count:
                return False
        if check.unique_lang:
            tags = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
            if len(set(tags)) < len(tags):
                return False
        if check.qualified_max is not None:
            datatype, limit = check.qualified_max
            # values that may conform to [ sh:datatype D ]: literals typed D, at most
            if sum(1 for v in values if isinstance(v, ox.Literal) and v.datatype.value == datatype) > limit:
                return False
        for p in check.disjoint:
            if values & _values(by_p, p) or (any(isinstance(v, ox.Literal) for v in values) and p in by_p):
                return False
        for p in check.less_or_equal:
            others = _values(by_p, p)
            for v in values:
                a = _number(v)
                for w in others:
                    b = _number(w)
                    if a is None or b is None or a > b:
                        return False
        for v in values:
            if check.datatype is not None and not _sure_datatype(v, check.datatype):
                return False
            if check.any_of and not any(
                _sure_datatype(v, iri) if kind == "datatype" else self._is_instance(v, iri) for kind, iri in check.any_of
            ):
                return False
            if check.node_kind is not None:
                kind = "IRI" if isinstance(v, ox.NamedNode) else "BlankNode" if isinstance(v, ox.BlankNode) else "Literal"
                if kind not in check.node_kind.replace("BlankNodeOr", "BlankNode|").replace("IRIOr", "IRI|").split("|"):
                    return False
            if check.patterns or check.min_length is not None:
                text = _string(v)
                if text is None:
                    return False
                if check.min_length is not None and len(text) < check.min_length:
                    return False
                if any(not p.search(text) for p in check.patterns):
                    return False
            for c in check.classes:
                if not self._is_instance(v, c):
                    return False
            if check.in_values is not None and v not in check.in_values:
                return False
            if check.min_inclusive is not None or check.max_inclusive is not None:
                number = _number(v)
                if number is None:
                    return False
                if check.min_inclusive is not None and number < check.min_inclusive:
                    return False
                if check.max_inclusive is not None and number > check.max_inclusive:
                    return False
        return True

    # -------------------------------------------------------------- confirmation
    def closure(self, focus_nodes: set) -> Graph:
        """The triples pyshacl needs to validate ``focus_nodes`` exactly (see module doc)."""
        graph = Graph()
        props = self.index.props
        to_rdflib = _Converter()
        typed: set = set()
        for s, by_p in props.items():  # every rdfs:subClassOf triple
            for o in values(by_p, SUBCLASS):
                graph.add((to_rdflib(s), RDFS.subClassOf, to_rdflib(o)))
        for focus in focus_nodes:
            for p in props.get(focus, {}):
                rp = to_rdflib(p)
                for o in values(props[focus], p):
                    graph.add((to_rdflib(focus), rp, to_rdflib(o)))
                    if not isinstance(o, ox.Literal) and o not in typed:
                        typed.add(o)
                        for t in self.index.types(o):
                            graph.add((to_rdflib(o), RDF.type, to_rdflib(t)))
        return graph


class _Converter:
    """pyoxigraph terms to the rdflib terms rdflib's own parsers would make."""

    def __init__(self) -> None:
        self._cache: dict = {}

    def __call__(self, term):
        found = self._cache.get(term)
        if found is None:
            if isinstance(term, ox.NamedNode):
                found = URIRef(term.value)
            elif isinstance(term, ox.BlankNode):
                found = BNode(term.value)
            elif term.language:
                found = Literal(term.value, lang=term.language)
            elif term.datatype == XSD_STRING:
                found = Literal(term.value)
            else:
                found = Literal(term.value, datatype=URIRef(term.datatype.value))
            self._cache[term] = found
        return found


def to_rdflib(term):
    return _Converter()(term)
