"""The vocabularies crimegraph writes, as closed namespaces.

No IRI string of a vocabulary appears anywhere else in the code: a typo in a term is an
AttributeError at import time, and ``tests/rdf/test_vocab.py`` checks every ``CG`` term
against ``ontology/crimegraph.ttl``.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)

ONTOLOGY_IRI = URIRef("https://w3id.org/crimegraph/ontology")
DEFAULT_BASE = "https://w3id.org/crimegraph/id/"


class CG(DefinedNamespace):
    """crimegraph's own terms (``ontology/crimegraph.ttl``)."""

    _NS = Namespace("https://w3id.org/crimegraph/ontology#")
    _fail = True

    # organization kinds
    CriminalGroup: URIRef
    GovernmentBody: URIRef
    InternationalOrganization: URIRef
    NonGovernmentalOrganization: URIRef
    Company: URIRef
    MediaOrganization: URIRef
    acronym: URIRef
    ucdpActorId: URIRef
    # roles
    Role: URIRef
    jurisdiction: URIRef
    endedBefore: URIRef
    heldOn: URIRef
    RoleStatement: URIRef
    statesRole: URIRef
    # places
    Country: URIRef
    State: URIRef
    Municipality: URIRef
    City: URIRef
    Region: URIRef
    iso3166Code: URIRef
    # articles
    aboutCountry: URIRef
    # events
    actor: URIRef
    target: URIRef
    partner: URIRef
    opponent: URIRef
    victim: URIRef
    reportedIn: URIRef
    datePrecision: URIRef
    dateInferredFrom: URIRef
    placeInferredFrom: URIRef
    year: URIRef
    modality: URIRef
    fatalities: URIRef
    fatalitiesLow: URIRef
    fatalitiesHigh: URIRef
    deathsSideA: URIRef
    deathsSideB: URIRef
    deathsCivilians: URIRef
    deathsUnknown: URIRef
    # evidence
    evidence: URIRef
    confidence: URIRef
    linkMethod: URIRef
    # concept schemes and their concepts
    EventTypes: URIRef
    DatePrecisions: URIRef
    InferenceSources: URIRef
    Modalities: URIRef
    DayPrecision: URIRef
    WeekPrecision: URIRef
    MonthPrecision: URIRef
    YearPrecision: URIRef
    UnknownPrecision: URIRef
    FromSentence: URIRef
    FromParagraph: URIRef
    Asserted: URIRef
    Negated: URIRef
    Hypothetical: URIRef
    Reported: URIRef


#: Event types are concepts of the scheme ``cg:EventTypes``; their keys are read from
#: the ontology (see :func:`event_types`), never listed in code.
CGET = Namespace("https://w3id.org/crimegraph/event-type/")


class SCHEMA(DefinedNamespace):
    """The schema.org terms crimegraph uses (``http://schema.org/``, as Wikidata does)."""

    _NS = Namespace("http://schema.org/")
    _fail = True

    CreativeWork: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    GovernmentOrganization: URIRef
    NGO: URIRef
    Corporation: URIRef
    NewsMediaOrganization: URIRef
    Person: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    AdministrativeArea: URIRef
    GeoCoordinates: URIRef
    headline: URIRef
    name: URIRef
    alternateName: URIRef
    datePublished: URIRef
    author: URIRef
    publisher: URIRef
    url: URIRef
    inLanguage: URIRef
    articleSection: URIRef
    keywords: URIRef
    about: URIRef
    mentions: URIRef
    description: URIRef
    geo: URIRef
    latitude: URIRef
    longitude: URIRef
    containedInPlace: URIRef
    startDate: URIRef
    endDate: URIRef
    text: URIRef
    softwareVersion: URIRef
    identifier: URIRef
    sameAs: URIRef
    nationality: URIRef
    parentOrganization: URIRef
    location: URIRef
    sameAs: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model (``http://semanticweb.cs.vu.nl/2009/11/sem/``)."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    EventType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    eventType: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core, for text spans and their offsets."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    String: URIRef
    Sentence: URIRef
    Phrase: URIRef
    OffsetBasedString: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    sentence: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set in RDF: links a text span to the entity it names."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef
    taClassRef: URIRef
    taConfidence: URIRef


class SD(DefinedNamespace):
    """SPARQL 1.1 Service Description (``crimegraph serve`` describes itself with it)."""

    _NS = Namespace("http://www.w3.org/ns/sparql-service-description#")
    _fail = True

    Service: URIRef
    Language: URIRef
    Feature: URIRef
    Dataset: URIRef
    Graph: URIRef
    NamedGraph: URIRef
    endpoint: URIRef
    supportedLanguage: URIRef
    resultFormat: URIRef
    feature: URIRef
    defaultDataset: URIRef
    defaultGraph: URIRef
    namedGraph: URIRef
    name: URIRef
    graph: URIRef
    SPARQL11Query: URIRef
    UnionDefaultGraph: URIRef
    BasicFederatedQuery: URIRef


class FORMATS(DefinedNamespace):
    """The W3C's IRIs of file formats (``sd:resultFormat`` values)."""

    _NS = Namespace("http://www.w3.org/ns/formats/")
    _fail = True
    _extras = ["N-Triples", "N-Quads", "JSON-LD"]

    Turtle: URIRef
    TriG: URIRef
    RDF_XML: URIRef
    SPARQL_Results_JSON: URIRef
    SPARQL_Results_XML: URIRef
    SPARQL_Results_CSV: URIRef
    SPARQL_Results_TSV: URIRef


WIKIDATA = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")

#: Prefixes bound in every serialization, so Turtle and TriG output reads well.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "cg": CG,
    "cget": CGET,
    "schema": SCHEMA,
    "sem": SEM,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "geo": GEO,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "void": VOID,
    "wd": WIKIDATA,
    "gn": GEONAMES,
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, URIRef(str(namespace)), override=True, replace=True)
    return graph


@cache
def ontology_graph() -> Graph:
    """The ontology as an rdflib graph (parsed once per process)."""
    from crimegraph.resources import ONTOLOGY_FILE, resource

    return Graph().parse(resource("ontology", ONTOLOGY_FILE), format="turtle")


@cache
def event_types() -> dict[str, URIRef]:
    """Event-type keys (``"arrest"``) to concept IRIs, as declared in the ontology."""
    graph = ontology_graph()
    found: dict[str, URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, CG.EventTypes):
        notation = graph.value(concept, SKOS.notation)
        if notation is not None and isinstance(concept, URIRef):
            found[str(notation)] = concept
    return dict(sorted(found.items()))
