"""Open to other data: another project's organizations (their own IRIs, Spanish labels,
linked by owl:sameAs, typed with crimegraph's classes) validate together with
crimegraph's graph; a class of crimegraph's vocabularies that the ontology does not
know is a violation."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from crimegraph.convert import convert
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.validate import shapes_graph, validate_files, validate_graph
from crimegraph.vocab import CG, ontology_graph

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = ROOT / "tests" / "fixtures" / "foreign-organizations.ttl"
EXAMPLES = [ROOT / "data" / "examples" / name for name in
            ("seed-entities.yaml", "seed-article.json", "seed-events.jsonl", "places-mexico.csv")]
CDS = URIRef("https://data.example.org/grupos/cds")


def _crimegraph_and_foreign() -> Graph:
    result = convert(EXAMPLES)
    assert not result.problems, [str(p) for p in result.problems]
    graph = Graph()
    for s, p, o, _ in result.quads:
        graph.add((s, p, o))
    graph.parse(FOREIGN, format="turtle")
    return graph


def test_a_foreign_graph_with_spanish_labels_validates_with_crimegraphs(tmp_path):
    graph = _crimegraph_and_foreign()
    report = validate_graph(graph)
    assert report.conforms, report.as_text()
    # the foreign nodes were checked, not skipped: they are focus nodes of the shapes
    assert (CDS, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    # the screened path (files) says the same as whole-graph pyshacl
    out = tmp_path / "union.nt"
    write_quads(((s, p, o, URIRef("urn:x-graph:default")) for s, p, o in graph), out, RdfFormat.ntriples)
    screened, whole = validate_files([out], engine="screen"), validate_files([out], engine="pyshacl")
    assert screened.conforms and whole.conforms


def test_a_second_label_in_the_same_language_fails():
    graph = _crimegraph_and_foreign()
    graph.add((CDS, RDFS.label, Literal("Cartel de Sinaloa", lang="es")))
    report = validate_graph(graph)
    assert not report.conforms
    assert {(r.focus, r.constraint) for r in report.results} == {(str(CDS), "UniqueLangConstraintComponent")}


def test_a_foreign_organization_not_typed_with_crimegraphs_classes_fails():
    graph = _crimegraph_and_foreign()
    graph.remove((CDS, RDF.type, URIRef("http://schema.org/Organization")))
    report = validate_graph(graph)
    assert {(r.focus, r.constraint) for r in report.results} == {(str(CDS), "ClassConstraintComponent")}


def _known_class_pattern() -> re.Pattern[str]:
    shapes = shapes_graph()
    shape = URIRef("https://w3id.org/crimegraph/shapes#KnownClassShape")
    (prop,) = shapes.objects(shape, SH.property)
    return re.compile(str(shapes.value(prop, SH.pattern)))


def test_the_known_classes_are_the_ontologys_and_those_crimegraph_writes():
    pattern = _known_class_pattern()
    ontology = ontology_graph()
    declared = {c for c in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))
                if str(c).startswith(str(CG._NS))}
    assert declared and all(pattern.search(str(c)) for c in declared)
    # every cg: class the pattern lets through is declared in the ontology
    listed = re.search(re.escape(re.escape(str(CG._NS))) + r"\(([^)]*)\)", pattern.pattern)
    assert listed is not None
    assert {CG[name] for name in listed.group(1).split("|")} == declared
    written = set(Graph().parse(ROOT / "tests" / "shapes" / "base.ttl").objects(None, RDF.type))
    assert written and all(pattern.search(str(c)) for c in written), sorted(
        c for c in written if not pattern.search(str(c)))
    # typos in crimegraph's vocabularies fail; other projects' classes pass
    assert not pattern.search("http://semanticweb.cs.vu.nl/2009/11/sem/Evnt")
    assert not pattern.search("http://schema.org/Organisation")
    assert not pattern.search(str(CG._NS) + "CriminalGang")
    assert pattern.search("https://data.example.org/vocab#Grupo")
