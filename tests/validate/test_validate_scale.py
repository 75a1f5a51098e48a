"""Screened validation gives the report of whole-graph pyshacl, on planted violations of
every constraint kind the shapes use, including ones that cross named graphs."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from tests.ucdp_helpers import ucdp_rows, write_ucdp
from crimegraph.convert import Converter
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.validate.screen import Unsupported, compile_shapes
from crimegraph.validate import shapes_graph, validate_files

ROOT = Path(__file__).resolve().parents[2]
B = "https://w3id.org/crimegraph/id/"
CG = "https://w3id.org/crimegraph/ontology#"
SCHEMA = "http://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
G1, G2, ENT = f"<{B}graph/ucdp-ged>", f"<{B}graph/article/planted>", f"<{B}graph/entities>"
EV = f"<{B}event/ucdp-ged-182028>"

PLANTED = [
    # minCount (event without label is planted on a fresh event below), maxCount
    f"<{B}event/planted-1> {RDF_TYPE} <{SEM}Event> {G2} .",
    f"<{B}event/planted-1> <{SEM}eventType> <https://w3id.org/crimegraph/event-type/clash> {G2} .",
    f"{EV} <{CG}fatalities> \"7\"^^<{XSD}nonNegativeInteger> {G2} .",
    # datatype: ill-typed and wrong type
    f"<{B}event/planted-1> <{CG}fatalities> \"-2\"^^<{XSD}nonNegativeInteger> {G2} .",
    f"<{B}event/planted-1> <{CG}deathsSideA> \"three\" {G2} .",
    # in: unknown event type; modality outside the list
    f"<{B}event/planted-2> {RDF_TYPE} <{SEM}Event> {G1} .",
    f"<{B}event/planted-2> <{SEM}eventType> <https://w3id.org/crimegraph/event-type/picnic> {G1} .",
    f"<{B}event/planted-2> {LABEL} \"planted 2\" {G1} .",
    f"<{B}event/planted-2> <{CG}confidence> \"1.5\"^^<{XSD}decimal> {G1} .",  # maxInclusive
    f"<{B}event/planted-2> <{CG}modality> <{CG}Negated> {G1} .",
    # lessThanOrEquals across graphs: low in one graph, high in another
    f"<{B}event/planted-2> <{CG}fatalitiesLow> \"9\"^^<{XSD}nonNegativeInteger> {G1} .",
    f"<{B}event/planted-2> <{CG}fatalitiesHigh> \"4\"^^<{XSD}nonNegativeInteger> {G2} .",
    # nodeKind: a literal actor; or: a participant of no allowed class
    f"<{B}event/planted-2> <{CG}actor> \"the cartel\" {G1} .",
    f"<{B}event/planted-2> <{SEM}hasActor> <{B}event/ucdp-ged-182027> {G1} .",
    # class: the place of an event is an organization (typed in the entities graph)
    f"<{B}event/planted-2> <{SEM}hasPlace> <{B}organization/zetas> {G1} .",
    # or of datatypes: a timestamp as a plain string
    f"<{B}event/planted-2> <{SEM}hasBeginTimeStamp> \"spring 2010\" {G1} .",
    # datatype with a bad calendar date
    f"<{B}event/planted-2> <{SEM}hasEndTimeStamp> \"2010-02-30\"^^<{XSD}date> {G1} .",
    # pattern and nodeKind on the focus node itself: a place with a bad IRI
    f"<https://example.org/places/Bad Place> {RDF_TYPE} <{SCHEMA}Place> {ENT} .".replace(" Place>", "_Place>", 1),
    f"<https://example.org/places/Bad_Place> {LABEL} \"\" {ENT} .",  # minLength
    # disjoint: containedInPlace and geo share a value
    f"<{B}place/mx-jal> <{SCHEMA}geo> <{B}place/mx> {G2} .",
    # minInclusive on coordinates
    f"<{B}place/planted#coordinates> {RDF_TYPE} <{SCHEMA}GeoCoordinates> {ENT} .",
    f"<{B}place/planted#coordinates> <{SCHEMA}latitude> \"-95.5\"^^<{XSD}decimal> {ENT} .",
    f"<{B}place/planted#coordinates> <{SCHEMA}longitude> \"200\"^^<{XSD}decimal> {G2} .",
    # a node whose rdf:type is in another graph than its properties
    f"<{B}organization/split> {RDF_TYPE} <http://www.w3.org/ns/org#Organization> {G2} .",
    f"<{B}organization/split> {LABEL} \"Split\" {ENT} .",
    f"<{B}organization/split> {LABEL} \"Split again\" {G1} .",
    # labels per language: one @es label is fine, a second @es label is not
    f"<{B}organization/split> {LABEL} \"Escisión\"@es {G1} .",
    f"<{B}organization/split> {LABEL} \"La Escisión\"@es {G2} .",
    f"<{B}organization/tagged> {RDF_TYPE} <http://www.w3.org/ns/org#Organization> {G2} .",
    f"<{B}organization/tagged> {RDF_TYPE} <{SCHEMA}Organization> {G2} .",
    f"<{B}organization/tagged> {LABEL} \"Cártel de Sinaloa\"@es {G2} .",
    f"<{B}organization/tagged> {LABEL} \"Sinaloa Cartel\" {G2} .",
    # a class of a known vocabulary that the ontology does not know (a typo)
    f"<{B}event/typo> {RDF_TYPE} <{SEM}Evnt> {G1} .",
    # sh:class through a subclass declared in the data (and class on the node shape)
    f"<{B}organization/sub> {RDF_TYPE} <https://example.org/Cartel> {ENT} .",
    f"<https://example.org/Cartel> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://www.w3.org/ns/org#Organization> {G2} .",
    f"<{B}organization/sub> {LABEL} \"Sub\" {ENT} .",
    # odd but valid lexical forms: the screen must pass them only if pyshacl does
    f"<{B}event/planted-3> {RDF_TYPE} <{SEM}Event> {G1} .",
    f"<{B}event/planted-3> <{SEM}eventType> <https://w3id.org/crimegraph/event-type/clash> {G1} .",
    f"<{B}event/planted-3> {LABEL} \"planted 3\" {G1} .",
    f"<{B}event/planted-3> <{CG}modality> <{CG}Asserted> {G1} .",
    f"<{B}event/planted-3> <{CG}confidence> \"1.\"^^<{XSD}decimal> {G1} .",
    f"<{B}event/planted-3> <{CG}fatalities> \"+5\"^^<{XSD}nonNegativeInteger> {G1} .",
    f"<{B}event/planted-3> <{CG}fatalitiesLow> \"007\"^^<{XSD}nonNegativeInteger> {G1} .",
    f"<{B}event/planted-3> <{CG}fatalitiesHigh> \"7.0\"^^<{XSD}decimal> {G1} .",
    f"<{B}event/planted-3> <{SEM}hasTimeStamp> \"0999\"^^<{XSD}gYear> {G1} .",
    f"<{B}place/planted2#coordinates> {RDF_TYPE} <{SCHEMA}GeoCoordinates> {ENT} .",
    f"<{B}place/planted2#coordinates> <{SCHEMA}latitude> \".5\"^^<{XSD}decimal> {ENT} .",
    f"<{B}place/planted2#coordinates> <{SCHEMA}longitude> \"-0\"^^<{XSD}decimal> {ENT} .",
    # warning severity: a dangling link to an article
    f"{EV} <{CG}reportedIn> <{B}article/missing> {G1} .",
    # a nif span with begin > end (lessThanOrEquals on a different shape)
    f"<{B}article/x#char=9,3> {RDF_TYPE} <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#OffsetBasedString> {G2} .",
    f"<{B}article/x#char=9,3> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> \"9\"^^<{XSD}nonNegativeInteger> {G2} .",
    f"<{B}article/x#char=9,3> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex> \"3\"^^<{XSD}nonNegativeInteger> {G2} .",
    # an article: datatype or, pattern on url (two headlines are two sources' and pass)
    f"<{B}article/planted> {RDF_TYPE} <{SCHEMA}NewsArticle> {G2} .",
    f"<{B}article/planted> <{SCHEMA}headline> \"One\" {G2} .",
    f"<{B}article/planted> <{SCHEMA}headline> \"Two\"@en {G2} .",
    f"<{B}article/planted> <{SCHEMA}datePublished> \"2020\"^^<{XSD}integer> {G2} .",
    f"<{B}article/planted> <{SCHEMA}url> <ftp://example.org/x> {G2} .",
    f"<{B}article/planted> <{SCHEMA}mentions> <{B}organization/zetas> {G2} .",
    f"<{B}article/planted> <{SCHEMA}mentions> <{B}place/mx-sin> {G2} .",
    f"<{B}article/planted> <{SCHEMA}inLanguage> \"EN_us\" {G2} .",
]


def report_key(report):
    return report.conforms, sorted(
        tuple("" if v is None else v for v in (r.severity, r.focus, r.path, r.value, r.constraint, r.shape, r.message))
        for r in report.results
    )


@pytest.fixture(scope="module")
def planted(ucdp_file, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("planted")
    header, rows = ucdp_rows(ucdp_file, {"182027", "182028", "182712", "182047"})
    csv_path = write_ucdp(folder / "sample.csv", header, rows)
    out = folder / "data.nq"
    write_quads(Converter(source="ucdp-ged").quads([csv_path]), out, RdfFormat.nquads)
    # a UCDP event's IRI is its id and a digest of what its row says (docs/identity.md):
    # plant on the events as converted
    text = out.read_text(encoding="utf-8")
    planted = "\n".join(PLANTED)
    for n in ("182027", "182028"):
        found = re.search(rf"<{re.escape(B)}event/ucdp-ged-{n}-[0-9a-f]+>", text)
        assert found, n
        planted = planted.replace(f"<{B}event/ucdp-ged-{n}>", found.group(0))
    with out.open("a", encoding="utf-8") as fh:
        fh.write(planted + "\n")
    return out


def test_shipped_shapes_can_be_screened():
    compile_shapes(shapes_graph())


def test_clean_data_conforms_in_both(ucdp_file, tmp_path):
    header, rows = ucdp_rows(ucdp_file, {"182027", "182028"})
    out = tmp_path / "clean.nq"
    write_quads(Converter(source="ucdp-ged").quads([write_ucdp(tmp_path / "s.csv", header, rows)]), out, RdfFormat.nquads)
    assert report_key(validate_files([out], engine="screen")) == report_key(validate_files([out], engine="pyshacl"))
    assert validate_files([out], engine="screen").conforms


def test_screen_equals_whole_graph_pyshacl_on_planted_violations(planted):
    whole = validate_files([planted], engine="pyshacl")
    screened = validate_files([planted], engine="screen")
    assert not whole.conforms
    components = {r.constraint for r in whole.results}
    # every constraint kind the shapes use is exercised
    assert {
        "MinCountConstraintComponent", "MaxCountConstraintComponent", "DatatypeConstraintComponent",
        "ClassConstraintComponent", "PatternConstraintComponent", "InConstraintComponent",
        "LessThanOrEqualsConstraintComponent", "NodeKindConstraintComponent", "OrConstraintComponent",
        "DisjointConstraintComponent", "MinInclusiveConstraintComponent", "MaxInclusiveConstraintComponent",
        "MinLengthConstraintComponent", "UniqueLangConstraintComponent", "QualifiedMaxCountConstraintComponent",
    } <= components, components
    assert not any(r.focus.endswith("organization/tagged") for r in whole.results)
    assert any(r.severity == "Warning" for r in whole.results)
    assert report_key(screened) == report_key(whole)


def test_unsupported_shapes_fall_back(planted, tmp_path):
    from rdflib import Graph

    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:not [ sh:class ex:D ] .
    """, format="turtle")
    with pytest.raises(Unsupported):
        compile_shapes(shapes)


def test_literals_rdflib_reads_apart_fall_back_to_pyshacl(tmp_path):
    """"x" and "x"^^xsd:string are one term for pyoxigraph, two for rdflib (so maxCount
    differs); "y"@EN is lowercased by pyoxigraph only. Such files go to pyshacl whole."""
    data = tmp_path / "strings.nq"
    data.write_text(
        f"<{B}organization/s> {RDF_TYPE} <http://www.w3.org/ns/org#Organization> {ENT} .\n"
        f"<{B}organization/s> {RDF_TYPE} <{SCHEMA}Organization> {ENT} .\n"
        f"<{B}organization/s> {LABEL} \"S\" {ENT} .\n"
        f"<{B}organization/s> {LABEL} \"S\"^^<{XSD}string> {ENT} .\n",
        encoding="utf-8",
    )
    with pytest.raises(Unsupported):
        validate_files([data], engine="screen")
    assert report_key(validate_files([data])) == report_key(validate_files([data], engine="pyshacl"))
    assert not validate_files([data]).conforms  # two labels for rdflib: maxCount 1 fails
    tagged = tmp_path / "tagged.nq"
    tagged.write_text(f"<{B}article/t> <{SCHEMA}headline> \"T\"@EN {G2} .\n", encoding="utf-8")
    with pytest.raises(Unsupported):
        validate_files([tagged], engine="screen")
