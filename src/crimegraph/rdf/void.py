"""A VoID / DCAT description of a crimegraph dataset, for exchange with other
linked-data projects: size, vocabularies, class and property partitions, one subset
per named graph, licence, sources and the software that made it.

The description is computed from the data alone (no clock), so the same data always
gets the same description.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from crimegraph.rdf.build import Quad
from crimegraph.resources import package_version
from crimegraph.vocab import PREFIXES, SCHEMA, bind_prefixes

#: Vocabularies whose namespaces crimegraph writes, in the order of PREFIXES.
VOCABULARIES = [str(ns) for prefix, ns in PREFIXES.items() if prefix not in ("wd", "gn")]


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def describe(
    quads: Iterable[Quad],
    base: str,
    *,
    title: str = "crimegraph dataset",
    license: str | None = None,
    sources: Iterable[str] = (),
    endpoint: str | None = None,
    version: str | None = None,
) -> Graph:
    """Describe the dataset made of ``quads`` as ``<base>dataset``."""
    version = version or package_version()

    dataset = URIRef(f"{base}dataset")
    triples: set[tuple] = set()
    per_graph: Counter[URIRef] = Counter()
    classes: Counter[URIRef] = Counter()
    properties: Counter[URIRef] = Counter()
    subjects: set = set()
    for s, p, o, g in quads:
        if (s, p, o) not in triples:
            triples.add((s, p, o))
            properties[p] += 1
            subjects.add(s)
            if p == RDF.type and isinstance(o, URIRef):
                classes[o] += 1
        per_graph[g] += 1
    out = Graph()
    bind_prefixes(out)
    out.bind("dcat", DCAT)
    out.add((dataset, RDF.type, VOID.Dataset))
    out.add((dataset, RDF.type, DCAT.Dataset))
    out.add((dataset, DCTERMS.title, Literal(title)))
    out.add((dataset, VOID.uriSpace, Literal(base)))
    out.add((dataset, VOID.triples, _count(len(triples))))
    out.add((dataset, VOID.distinctSubjects, _count(len(subjects))))
    out.add((dataset, VOID.properties, _count(len(properties))))
    out.add((dataset, VOID.classes, _count(len(classes))))
    out.add((dataset, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")))
    out.add((dataset, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    for vocabulary in VOCABULARIES:
        out.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    if license:
        out.add((dataset, DCTERMS.license, URIRef(license) if "://" in license else Literal(license)))
    for source in sources:
        out.add((dataset, DCTERMS.source, URIRef(source) if "://" in source else Literal(source)))
    if endpoint:
        out.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    tool = URIRef(f"{base}agent/crimegraph/{version}")
    out.add((dataset, PROV.wasAttributedTo, tool))
    out.add((tool, RDF.type, PROV.SoftwareAgent))
    out.add((tool, SCHEMA.softwareVersion, Literal(version)))
    for cls, count in sorted(classes.items()):
        part = URIRef(f"{dataset}#class-{_local(cls)}")
        out.add((dataset, VOID.classPartition, part))
        out.add((part, VOID["class"], cls))
        out.add((part, VOID.entities, _count(count)))
    for prop, count in sorted(properties.items()):
        part = URIRef(f"{dataset}#property-{_local(prop)}")
        out.add((dataset, VOID.propertyPartition, part))
        out.add((part, VOID.property, prop))
        out.add((part, VOID.triples, _count(count)))
    for graph, count in sorted(per_graph.items(), key=lambda kv: str(kv[0])):
        if graph is None:
            continue
        out.add((dataset, VOID.subset, graph))
        out.add((graph, RDF.type, VOID.Dataset))
        out.add((graph, VOID.triples, _count(count)))
    return out


def _local(term: URIRef) -> str:
    """A readable, unique fragment for a vocabulary term: prefix-local."""
    from crimegraph.iri import slug

    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)):
            return slug(f"{prefix}-{text[len(str(namespace)):]}")
    return slug(text)
