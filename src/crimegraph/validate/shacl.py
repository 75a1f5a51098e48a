"""Validate data graphs against crimegraph's SHACL shapes with pyshacl.

The union of all named graphs is validated (facts in an article's graph point at
entities described in the shared entities graph). Nothing is fetched: the shapes file
is read from the package and owl:imports are never followed.

Files are validated by the screen of :mod:`crimegraph.validate.screen` when the shapes
allow it (``engine="auto"``): pyoxigraph parses, a fast conservative check flags the
focus nodes that may fail, and pyshacl validates only those, on the triples they need.
The report is the one pyshacl gives for the whole graph; ``engine="pyshacl"`` runs
plain whole-graph pyshacl.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from crimegraph.resources import SHAPES_FILE, resource
from crimegraph.vocab import bind_prefixes


@dataclass(frozen=True, order=True)
class Violation:
    """One result of a SHACL report, in plain strings."""

    severity: str  # Violation, Warning, Info
    focus: str
    path: str | None
    message: str
    value: str | None
    constraint: str  # constraint component, e.g. MinCountConstraintComponent
    shape: str | None


@dataclass
class ValidationReport:
    conforms: bool
    results: list[Violation]
    graph: Graph

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [r for r in self.results if r.severity != "Violation"]

    def as_text(self) -> str:
        if not self.results:
            return "Conforms: the graph satisfies every shape.\n"
        lines = [
            f"{'Conforms' if self.conforms else 'Does not conform'}: "
            f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)."
        ]
        for r in self.results:
            lines.append("")
            lines.append(f"{r.severity}: {r.message}")
            lines.append(f"  focus node: {r.focus}")
            if r.path:
                lines.append(f"  path:       {r.path}")
            if r.value is not None:
                lines.append(f"  value:      {r.value}")
            lines.append(f"  constraint: {r.constraint}" + (f" (shape {r.shape})" if r.shape else ""))
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "results": [asdict(r) for r in self.results]},
            indent=2,
            ensure_ascii=False,
        ) + "\n"

    def as_turtle(self) -> str:
        bind_prefixes(self.graph)
        return self.graph.serialize(format="turtle")


@cache
def shapes_graph() -> Graph:
    return Graph().parse(resource("shapes", SHAPES_FILE), format="turtle")


def _short(term: object, graph: Graph) -> str:
    if isinstance(term, URIRef):
        try:
            prefix, _ns, local = graph.namespace_manager.compute_qname(str(term), generate=False)
            return f"{prefix}:{local}"
        except (KeyError, ValueError):
            return str(term)
    if isinstance(term, Literal):
        return term.n3(graph.namespace_manager)
    return str(term)


def _path(term: object, shapes: Graph, report: Graph) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _short(term, report)
    inverse = shapes.value(term, SH.inversePath) or report.value(term, SH.inversePath)
    if inverse is not None:
        return f"^{_short(inverse, report)}"
    return str(term)


def union_graph(data: Graph | Dataset | Iterable[Graph]) -> Graph:
    """All triples of a dataset (every named graph) as one graph."""
    if isinstance(data, Dataset):
        union = Graph()
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, Graph):
        return data
    union = Graph()
    for graph in data:
        for triple in graph:
            union.add(triple)
    return union


def validate_graph(data: Graph | Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Validate a graph or dataset (the union of its graphs) against the shapes."""
    import pyshacl

    shapes = shapes if shapes is not None else shapes_graph()
    graph = union_graph(data)
    conforms, report_graph, _text = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        advanced=False,
        do_owl_imports=False,
    )
    bind_prefixes(report_graph)
    results = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        severity = report_graph.value(result, SH.resultSeverity)
        component = report_graph.value(result, SH.sourceConstraintComponent)
        value = report_graph.value(result, SH.value)
        message = report_graph.value(result, SH.resultMessage)
        results.append(
            Violation(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=str(report_graph.value(result, SH.focusNode)),
                path=_path(report_graph.value(result, SH.resultPath), shapes, report_graph),
                message=str(message) if message else "constraint not satisfied",
                value=_short(value, report_graph) if value is not None else None,
                constraint=str(component).rsplit("#", 1)[-1] if component else "",
                shape=_short(report_graph.value(result, SH.sourceShape), shapes) if isinstance(
                    report_graph.value(result, SH.sourceShape), URIRef) else None,
            )
        )
    results.sort(key=lambda r: tuple("" if v is None else v for v in astuple(r)))
    return ValidationReport(conforms=bool(conforms), results=results, graph=report_graph)


ENGINES = ("auto", "screen", "pyshacl")


def validate_files(paths: Iterable[str | Path], engine: str = "auto") -> ValidationReport:
    """Validate RDF files (their union). ``engine``: ``auto`` (screen when the shapes and
    formats allow, else pyshacl), ``screen`` (never fall back), ``pyshacl``."""
    paths = list(paths)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; allowed: {', '.join(ENGINES)}")
    if engine != "pyshacl":
        from crimegraph.validate.screen import Unsupported

        try:
            return validate_screened(paths)
        except Unsupported:
            if engine == "screen":
                raise
    from crimegraph.rdf.io import parse_rdf

    dataset = Dataset()
    for path in paths:
        parse_rdf(path, into=dataset)
    return validate_graph(dataset)


def validate_screened(paths: Iterable[str | Path], shapes: Graph | None = None) -> ValidationReport:
    """Screen, then pyshacl on the flagged focus nodes' closure (see shacl_screen)."""
    from crimegraph.validate.screen import Index, Screen, compile_shapes, predicates_used, to_rdflib

    shapes = shapes if shapes is not None else shapes_graph()
    compiled = compile_shapes(shapes)
    index = Index(predicates_used(compiled))
    for path in paths:
        index.add_file(path)
    screen = Screen(compiled, index)
    flagged = screen.flagged()
    if not flagged:
        report = Graph()
        bind_prefixes(report)
        node = URIRef("urn:crimegraph:report")
        report.add((node, RDF.type, SH.ValidationReport))
        report.add((node, SH.conforms, Literal(True)))
        return ValidationReport(conforms=True, results=[], graph=report)
    full = validate_graph(screen.closure(flagged), shapes)
    keep = {str(to_rdflib(f)) for f in flagged}
    results = [r for r in full.results if r.focus in keep]
    for result in list(full.graph.subjects(RDF.type, SH.ValidationResult)):
        if str(full.graph.value(result, SH.focusNode)) not in keep:
            for triple in list(full.graph.triples((result, None, None))):
                full.graph.remove(triple)
            for triple in list(full.graph.triples((None, SH.result, result))):
                full.graph.remove(triple)
    conforms = not any(r.severity == "Violation" for r in results)
    for node in full.graph.subjects(RDF.type, SH.ValidationReport):
        full.graph.set((node, SH.conforms, Literal(conforms)))
    return ValidationReport(conforms=conforms, results=results, graph=full.graph)
