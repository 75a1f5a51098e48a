"""The endpoint's SPARQL 1.1 Service Description: what ``GET /sparql`` without a query
answers (https://www.w3.org/TR/sparql11-service-description/).

It says where the endpoint is (``sd:endpoint``: the URL the client asked), that it
answers SPARQL 1.1 queries (never updates), in which formats (``sd:resultFormat``, one per
format the protocol module serves), that a query naming no dataset sees the union of all
graphs as its default graph (``sd:UnionDefaultGraph``), whether ``SERVICE`` is allowed
(``sd:BasicFederatedQuery``), and the default dataset: its default graph and the store's
named graphs, at most :data:`MAX_LISTED_GRAPHS` of them (a store has one graph per
article); when there are more, ``rdfs:comment`` on the dataset says so and how to list
them all.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from crimegraph.rdf.io import RdfFormat
from crimegraph.store import ResultFormat
from crimegraph.store.results import serialize_triples
from crimegraph.vocab import FORMATS, RDF, RDFS, SD

#: Named graphs listed at most in a description.
MAX_LISTED_GRAPHS = 1000

#: The W3C's IRI of each format the endpoint can answer in.
FORMAT_IRIS: dict[ResultFormat | RdfFormat, str] = {
    ResultFormat.json: FORMATS.SPARQL_Results_JSON,
    ResultFormat.xml: FORMATS.SPARQL_Results_XML,
    ResultFormat.csv: FORMATS.SPARQL_Results_CSV,
    ResultFormat.tsv: FORMATS.SPARQL_Results_TSV,
    RdfFormat.turtle: FORMATS.Turtle,
    RdfFormat.ntriples: FORMATS["N-Triples"],
    RdfFormat.nquads: FORMATS["N-Quads"],
    RdfFormat.trig: FORMATS.TriG,
    RdfFormat.jsonld: FORMATS["JSON-LD"],
    RdfFormat.rdfxml: FORMATS.RDF_XML,
}

_PREFIXES = {"sd": str(SD), "formats": str(FORMATS), "rdfs": str(RDFS)}


def _iri(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def description(endpoint: str, formats: Iterable[ResultFormat | RdfFormat], graphs: list[str], more_graphs: bool,
                allow_service: bool) -> list[ox.Triple]:
    """The triples of the description.

    :param endpoint: the endpoint's URL, as the client asked for it.
    :param formats: the formats results are served in.
    :param graphs: the named graphs to list.
    :param more_graphs: the store holds more named graphs than ``graphs``.
    :param allow_service: ``SERVICE`` clauses are allowed.

    >>> triples = description("http://127.0.0.1:7878/sparql", [ResultFormat.json], ["http://ex/g"], False, False)
    >>> sorted(t.predicate.value.rsplit("#", 1)[1] for t in triples if t.subject == triples[0].subject)
    ['defaultDataset', 'endpoint', 'feature', 'resultFormat', 'supportedLanguage', 'type']
    """
    service, dataset, default_graph = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    a = _iri(RDF.type)
    triples = [
        ox.Triple(service, a, _iri(SD.Service)),
        ox.Triple(service, _iri(SD.endpoint), ox.NamedNode(endpoint)),
        ox.Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL11Query)),
        ox.Triple(service, _iri(SD.feature), _iri(SD.UnionDefaultGraph)),
    ]
    if allow_service:
        triples.append(ox.Triple(service, _iri(SD.feature), _iri(SD.BasicFederatedQuery)))
    for iri in sorted({FORMAT_IRIS[fmt] for fmt in formats}):
        triples.append(ox.Triple(service, _iri(SD.resultFormat), _iri(iri)))
    triples += [
        ox.Triple(service, _iri(SD.defaultDataset), dataset),
        ox.Triple(dataset, a, _iri(SD.Dataset)),
        ox.Triple(dataset, _iri(SD.defaultGraph), default_graph),
    ]
    nodes = [ox.BlankNode() for _ in graphs]
    triples += [ox.Triple(dataset, _iri(SD.namedGraph), node) for node in nodes]
    if more_graphs:
        triples.append(ox.Triple(dataset, _iri(RDFS.comment), ox.Literal(
            f"{len(graphs)} of the store's named graphs are listed here; it holds more. "
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } lists them all.")))
    triples += [
        ox.Triple(default_graph, a, _iri(SD.Graph)),
        ox.Triple(default_graph, _iri(RDFS.comment), ox.Literal(
            "The union of all graphs of the store, for a query that names no dataset "
            "(FROM, FROM NAMED, default-graph-uri, named-graph-uri)")),
    ]
    for node, name in zip(nodes, graphs):
        triples += [ox.Triple(node, a, _iri(SD.NamedGraph)), ox.Triple(node, _iri(SD.name), ox.NamedNode(name))]
    return triples


def serialize(triples: list[ox.Triple], fmt: RdfFormat) -> bytes:
    """The description in an RDF format, with the sd:, formats: and rdfs: prefixes (as
    the JSON-LD context)."""
    if fmt is RdfFormat.jsonld:
        from rdflib import Graph

        graph = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        return graph.serialize(format="json-ld", context=_PREFIXES, auto_compact=True, encoding="utf-8")
    if fmt in (RdfFormat.turtle, RdfFormat.trig, RdfFormat.rdfxml):
        target = {RdfFormat.turtle: ox.RdfFormat.TURTLE, RdfFormat.trig: ox.RdfFormat.TRIG, RdfFormat.rdfxml: ox.RdfFormat.RDF_XML}[fmt]
        if fmt is RdfFormat.trig:
            triples = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]  # type: ignore[misc]
        return ox.serialize(triples, format=target, prefixes=_PREFIXES) or b""
    return serialize_triples(triples, fmt)
