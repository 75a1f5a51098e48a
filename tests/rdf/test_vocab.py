"""The code's vocabulary, the ontology, the record schema and the shapes agree."""

from __future__ import annotations

import json

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from crimegraph.model import INFERENCE_SOURCES, MODALITIES, ORGANIZATION_KINDS, PLACE_KINDS, PRECISIONS
from crimegraph.rdf.build import INFERENCE_CONCEPTS, MODALITY_CONCEPTS, ORGANIZATION_CLASSES, PLACE_CLASSES, PRECISION_CONCEPTS
from crimegraph.resources import resource
from crimegraph.validate import shapes_graph
from crimegraph.vocab import CG, CGET, event_types, ontology_graph

CG_NS = str(CG._NS)


def defined_terms(graph: Graph) -> set[str]:
    return {str(s) for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(CG_NS)}


def test_every_cg_term_in_code_is_defined_in_the_ontology() -> None:
    in_code = {str(CG[name]) for name in CG.__annotations__}
    assert in_code == defined_terms(ontology_graph())


def test_every_ontology_term_has_label_and_comment() -> None:
    graph = ontology_graph()
    terms = defined_terms(graph) | {str(s) for s in graph.subjects(SKOS.inScheme, CG.EventTypes)}
    for term in terms:
        assert graph.value(URIRef(term), RDFS.label) is not None, term
        assert graph.value(URIRef(term), RDFS.comment) is not None, term


def test_ontology_declares_itself_without_imports() -> None:
    graph = ontology_graph()
    assert (None, RDF.type, OWL.Ontology) in graph
    assert not list(graph.objects(None, OWL.imports)), "owl:imports would make validators fetch"


def test_event_types_cover_the_issue_list() -> None:
    required = {"agreement", "arrest", "killing", "attack", "charge", "acquittal", "prosecution",
                "investigation", "seizure", "trafficking", "extradition", "kidnapping", "release",
                "evaluation", "statement", "presence", "alliance", "dispute"}
    assert required <= set(event_types())
    assert all(str(iri).startswith(str(CGET)) for iri in event_types().values())


def test_record_schema_event_types_match_the_ontology() -> None:
    schema = json.loads(resource("schema", "records.schema.json").read_text())
    assert schema["$defs"]["event"]["properties"]["event_type"]["enum"] == list(event_types())
    assert schema["$defs"]["organization"]["properties"]["kind"]["enum"] == list(ORGANIZATION_KINDS)
    assert schema["$defs"]["place"]["properties"]["kind"]["enum"] == list(PLACE_KINDS)
    assert schema["$defs"]["event"]["properties"]["precision"]["enum"] == list(PRECISIONS)
    assert schema["$defs"]["event"]["properties"]["modality"]["enum"] == list(MODALITIES)


def test_shapes_allow_exactly_the_ontology_event_types() -> None:
    shapes = shapes_graph()
    lists = [Collection(shapes, node) for node in shapes.objects(None, SH["in"])]
    type_lists = [set(c) for c in lists if any(str(t).startswith(str(CGET)) for t in c)]
    assert type_lists == [set(event_types().values())]


def test_kind_mappings_are_complete() -> None:
    assert set(ORGANIZATION_CLASSES) == set(ORGANIZATION_KINDS) - {"organization"}
    assert set(PLACE_CLASSES) == set(PLACE_KINDS) - {"place"}
    assert set(PRECISION_CONCEPTS) == set(PRECISIONS)
    assert set(MODALITY_CONCEPTS) == set(MODALITIES)
    assert set(INFERENCE_CONCEPTS) == set(INFERENCE_SOURCES)


def test_inference_sources_are_the_scheme_and_the_shapes() -> None:
    """Every marker of an inferred date or place is a concept of cg:InferenceSources, with
    the code's key as its notation, and the shapes allow only those concepts."""
    graph = ontology_graph()
    scheme = set(graph.subjects(SKOS.inScheme, CG.InferenceSources))
    assert scheme == set(INFERENCE_CONCEPTS.values())
    assert {str(graph.value(c, SKOS.notation)) for c in scheme} == set(INFERENCE_SOURCES)
    shapes = shapes_graph()
    for prop in (CG.dateInferredFrom, CG.placeInferredFrom):
        allowed = [set(Collection(shapes, shapes.value(p, SH["in"]))) for p in shapes.subjects(SH.path, prop)]
        assert len(allowed) == 1 and allowed[0] <= scheme, prop
