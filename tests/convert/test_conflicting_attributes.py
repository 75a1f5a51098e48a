"""Facts that add up: two sources that state an entity's or an article's attributes
differently, converted in separate runs, give a union that validates and keeps both
values, each position with its source (docs/identity.md, "Facts that add up")."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, GEO, RDF, RDFS, SKOS, XSD

from crimegraph.validate import validate_files
from crimegraph.vocab import CG, SCHEMA
from tests.run_helpers import records_to_nquads, union_of

ID = "https://w3id.org/crimegraph/id/"

SOURCE_A = """
- {type: organization, name: Gulf Test Cartel, kind: criminal-group, country: Mexico, sources: ["https://example.org/source-a"]}
- {type: person, name: Juan Testigo, nationality: Mexico, sources: ["https://example.org/source-a"],
   roles: [{title: President, organization: Gulf Test Cartel, start: "2010"}]}
- {type: place, name: Villa Prueba, kind: city, latitude: 26.08, longitude: -98.28, within: Mexico,
   sources: ["https://example.org/source-a"]}
- {type: article, title: A story, date: "2020-01-02", publisher: Example News, section: News, language: en,
   url: "https://example.org/story", text: "Juan Testigo led the Gulf Test Cartel in Villa Prueba."}
"""
SOURCE_B = """
- {type: organization, name: Gulf Test Cartel, kind: company, country: United States, sources: ["https://example.org/source-b"]}
- {type: person, name: Juan Testigo, nationality: Guatemala, sources: ["https://example.org/source-b"],
   roles: [{title: president, organization: Gulf Test Cartel, start: "2011"}]}
- {type: place, name: Villa Prueba, kind: municipality, latitude: 26.0922, longitude: -98.2779, within: Guatemala,
   sources: ["https://example.org/source-b"]}
- {type: article, title: A Story, date: "2020-01-03", publisher: Example News Agency, section: Politics, language: es,
   url: "http://www.example.org/story/", text: "Juan Testigo led the Gulf Test Cartel in Villa Prueba."}
"""


def _run(text: str, folder: Path, name: str) -> Path:
    return records_to_nquads(text, folder, name)


def test_two_sources_stating_different_values_validate_together_and_keep_both(tmp_path: Path) -> None:
    files = [_run(SOURCE_A, tmp_path, "a"), _run(SOURCE_B, tmp_path, "b")]
    report = validate_files(files)
    assert report.conforms, report.as_text()
    union = union_of(files)
    values = lambda s, p: set(union.objects(URIRef(s), p))  # noqa: E731

    source_a, source_b = URIRef("https://example.org/source-a"), URIRef("https://example.org/source-b")
    place = f"{ID}place/villa-prueba"
    positions = values(place, SCHEMA.geo)
    assert len(positions) == 2  # one per source, never one node with two latitudes
    said = {(str(next(union.objects(p, SCHEMA.latitude))), str(next(union.objects(p, SCHEMA.longitude))),
             tuple(sorted(union.objects(p, DCTERMS.source)))) for p in positions}
    assert said == {("26.08", "-98.28", (source_a,)), ("26.0922", "-98.2779", (source_b,))}
    geometries = values(place, GEO.hasGeometry)
    assert {(str(next(union.objects(g, GEO.asWKT))), next(union.objects(g, DCTERMS.source))) for g in geometries} == {
        ("POINT(-98.28 26.08)", source_a), ("POINT(-98.2779 26.0922)", source_b)}
    assert {CG.City, CG.Municipality} <= values(place, RDF.type)
    assert values(place, SCHEMA.containedInPlace) == {URIRef(f"{ID}place/mx"), URIRef(f"{ID}place/gt")}
    assert values(place, DCTERMS.source) == {source_a, source_b}

    group = f"{ID}organization/gulf-test-cartel"
    assert {CG.CriminalGroup, CG.Company} <= values(group, RDF.type)
    assert values(group, SCHEMA.location) == {URIRef(f"{ID}place/mx"), URIRef(f"{ID}place/us")}
    assert values(group, DCTERMS.source) == {source_a, source_b}

    person = f"{ID}person/juan-testigo"
    assert values(person, SCHEMA.nationality) == {URIRef(f"{ID}place/mx"), URIRef(f"{ID}place/gt")}
    assert values(person, RDFS.label) == {Literal("Juan Testigo")} and values(person, FOAF.name) == {Literal("Juan Testigo")}
    # the role type is one node, spelled by each source; each source's dates are its own statement
    assert values(f"{ID}role-type/president", RDFS.label) == {Literal("President"), Literal("president")}
    role = URIRef(f"{ID}person/juan-testigo/role/president-gulf-test-cartel")
    starts = {str(o) for statement in union.subjects(CG.statesRole, role) for o in union.objects(statement, SCHEMA.startDate)}
    assert starts == {"2010", "2011"}

    article = f"{ID}article/example-org-story"  # one article: the two URLs are one canonical URL
    assert values(article, SCHEMA.url) == {URIRef("https://example.org/story")}
    assert values(article, SCHEMA.datePublished) == {Literal("2020-01-02", datatype=XSD.date),
                                                     Literal("2020-01-03", datatype=XSD.date)}
    assert values(article, SCHEMA.articleSection) == {Literal("News"), Literal("Politics")}
    assert values(article, SCHEMA.inLanguage) == {Literal("en"), Literal("es")}
    assert values(article, SCHEMA.headline) == {Literal("A story", lang="en"), Literal("A Story", lang="es")}
    assert len(values(article, SCHEMA.publisher)) == 2
    assert len(values(f"{article}#context", URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"))) == 1
    assert not values(place, SKOS.altLabel)


def test_one_source_stating_a_position_twice_is_one_position(tmp_path: Path) -> None:
    once = _run(SOURCE_A, tmp_path, "a")
    again = _run(SOURCE_A.replace("26.08", "26.080"), tmp_path, "again")  # the same decimal, written otherwise
    union = union_of([once, again])
    assert len(set(union.objects(URIRef(f"{ID}place/villa-prueba"), SCHEMA.geo))) == 1
