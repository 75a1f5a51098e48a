"""Validate data graphs against crimegraph's SHACL shapes with pyshacl.

The union of all named graphs is validated (facts in an article's graph point at
entities described in the shared entities graph). Nothing is fetched: the shapes file
is read from the package and owl:imports are never followed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
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
    results.sort()
    return ValidationReport(conforms=bool(conforms), results=results, graph=report_graph)


def validate_files(paths: Iterable[str | Path]) -> ValidationReport:
    from crimegraph.rdf.formats import parse_rdf

    dataset = Dataset()
    for path in paths:
        parse_rdf(path, into=dataset)
    return validate_graph(dataset)
