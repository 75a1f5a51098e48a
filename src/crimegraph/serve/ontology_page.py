"""The ontology as a page: ``/ontology`` lists crimegraph's classes and properties with
their labels and comments, and the terms it reuses; ``/ontology`` and the event-type
IRIs (``/event-type/…``) also answer RDF clients from the ontology shipped with the
package, whatever the store holds.

>>> terms = ontology_terms()
>>> any(t.kind == "class" for t in terms) and any(t.kind.endswith("property") for t in terms)
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from crimegraph.rdf.io import RdfFormat, parse_rdf
from crimegraph.resources import ONTOLOGY_FILE, resource
from crimegraph.serve.entity_page import EntityView, page_html
from crimegraph.vocab import CG, CGET

KINDS = {OWL.Class: "class", OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property",
         OWL.AnnotationProperty: "annotation property", SKOS.ConceptScheme: "concept scheme"}


@dataclass(frozen=True)
class Term:
    iri: str
    kind: str
    label: str
    comment: str
    own: bool  # in crimegraph's namespaces (else a term it reuses)


@cache
def ontology_graph() -> Graph:
    graph = Graph()
    for g in parse_rdf(resource("ontology", ONTOLOGY_FILE)).graphs():
        for triple in g:
            graph.add(triple)
    return graph


def _text(graph: Graph, subject: URIRef, *predicates: URIRef) -> str:
    for predicate in predicates:
        values = sorted(graph.objects(subject, predicate), key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v)))
        if values:
            return str(values[0])
    return ""


@cache
def ontology_terms() -> tuple[Term, ...]:
    graph = ontology_graph()
    terms = []
    for rdf_type, kind in KINDS.items():
        for subject in set(graph.subjects(RDF.type, rdf_type)):
            if not isinstance(subject, URIRef):
                continue
            iri = str(subject)
            terms.append(Term(iri, kind, _text(graph, subject, RDFS.label, SKOS.prefLabel) or iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                              _text(graph, subject, RDFS.comment, SKOS.definition),
                              iri.startswith((str(CG), str(CGET)))))
    concepts = [Term(str(s), "event type", _text(graph, s, SKOS.prefLabel, RDFS.label), _text(graph, s, SKOS.definition, RDFS.comment), True)
                for s in set(graph.subjects(RDF.type, SKOS.Concept)) if isinstance(s, URIRef) and str(s).startswith(str(CGET))]
    return tuple(sorted(terms, key=lambda t: (not t.own, t.kind, t.iri)) + sorted(concepts, key=lambda t: t.iri))


def is_ontology_term(iri: str) -> bool:
    return (URIRef(iri), None, None) in ontology_graph()


def term_view(iri: str) -> EntityView:
    """A page's rows for a term of the ontology, from the shipped file."""
    graph = ontology_graph()
    subject = URIRef(iri)
    view = EntityView(ox.NamedNode(iri))
    for p, o in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
        if isinstance(o, BNode):
            continue
        label = next((lab for lab in graph.objects(o, RDFS.label)), None) if isinstance(o, URIRef) else None
        view.outgoing.append({"p": ox.NamedNode(str(p)), "o": to_ox(o), "oLabel": to_ox(label) if label is not None else None})
    return view


def to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def term_graph(iri: str | None, fmt: RdfFormat) -> bytes:
    """The whole ontology (``iri`` None) or one term's statements, serialised."""
    graph = ontology_graph()
    if iri is not None:
        part = Graph()
        for prefix, namespace in graph.namespaces():
            part.bind(prefix, namespace)
        for triple in graph.triples((URIRef(iri), None, None)):
            part.add(triple)
        graph = part
    if fmt == RdfFormat.turtle and iri is None:
        return resource("ontology", ONTOLOGY_FILE).read_bytes()
    return graph.serialize(format=fmt.rdflib_name if fmt.rdflib_name not in ("nquads", "trig") else "nt", encoding="utf-8")


def render_ontology(link) -> str:
    sections: dict[str, list[str]] = {}
    for term in ontology_terms():
        plural = term.kind[:-1] + "ies" if term.kind.endswith("y") else term.kind + ("es" if term.kind.endswith("s") else "s")
        heading = ("crimegraph " if term.own else "reused ") + plural
        anchor = html.escape(term.iri.rsplit("#", 1)[-1]) if term.iri.startswith(str(CG)) else ""
        sections.setdefault(heading, []).append(
            f'<tr{f" id={chr(34)}{anchor}{chr(34)}" if anchor else ""}><td><a href="{html.escape(link(term.iri))}">{html.escape(term.label)}</a>'
            f'<br><code>{html.escape(term.iri)}</code></td><td>{html.escape(term.comment)}</td></tr>')
    body = ['<p><a href="/ontology?format=turtle">as Turtle</a> · the classes and properties of crimegraph\'s graphs, '
            "with the terms they reuse from schema.org, SEM, PROV-O, GeoSPARQL, SKOS and others.</p>"]
    for heading, rows in sections.items():
        body.append(f'<h2>{html.escape(heading)} ({len(rows)})</h2><table class="describe"><thead><tr><th>term</th>'
                    f'<th>comment</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return page_html("crimegraph ontology", "\n".join(body), kind="ontology")
