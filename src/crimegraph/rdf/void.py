"""A VoID / DCAT description of a crimegraph dataset, for exchange with other
linked-data projects: size, vocabularies, class and property partitions, one subset
per named graph, one ``dcat:Distribution`` per file, the sources the data comes from
with their licences, and the software that made it.

The dataset is named by the caller (``<base>dataset`` by default, the base read from the
data's graph names when not given), never by a fixed IRI. The description is computed
from the data and the files alone (no clock), so the same files always get the same
description.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, VOID, XSD

from crimegraph.errors import InputError
from crimegraph.iri import check_base, slug
from crimegraph.rdf.build import Quad
from crimegraph.rdf.io import RdfFormat
from crimegraph.resources import package_version, resource
from crimegraph.vocab import PREFIXES, SCHEMA, bind_prefixes

#: Vocabularies whose namespaces crimegraph writes, in the order of PREFIXES.
VOCABULARIES = [str(ns) for prefix, ns in PREFIXES.items() if prefix not in ("wd", "gn")]
SOURCES_FILE = "sources.yaml"
#: W3C's IRIs for the RDF serializations (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    RdfFormat.turtle: "Turtle",
    RdfFormat.ntriples: "N-Triples",
    RdfFormat.nquads: "N-Quads",
    RdfFormat.trig: "TriG",
    RdfFormat.jsonld: "JSON-LD",
    RdfFormat.rdfxml: "RDF_XML",
}
_FORMATS = "http://www.w3.org/ns/formats/"
_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", re.IGNORECASE)


@dataclass(frozen=True)
class Distribution:
    """One file of the dataset: where it is, how big, in which format."""

    name: str
    url: str
    byte_size: int
    format: RdfFormat

    @classmethod
    def of_file(cls, path: Path, download_base: str | None = None) -> Distribution:
        """A file described by its size and format; its address is ``download_base`` +
        its name when the files are published there, else its own ``file:`` IRI."""
        fmt = RdfFormat.from_extension(path)
        if fmt is None:
            raise InputError(f"{path}: not an RDF file crimegraph knows (.ttl .nt .nq .trig .jsonld .rdf)")
        url = download_base + path.name if download_base else path.resolve().as_uri()
        return cls(path.name, url, path.stat().st_size, fmt)


@dataclass(frozen=True)
class Source:
    """A source crimegraph converts, with its reuse terms (``data/sources.yaml``)."""

    id: str
    title: str
    rights: str
    present: str
    license: str | None = None
    page: str | None = None
    citation: str | None = None


@cache
def known_sources() -> tuple[Source, ...]:
    """The sources of ``data/sources.yaml``, checked once."""
    import yaml

    path = resource("data", SOURCES_FILE)
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    sources = []
    for index, entry in enumerate(entries):
        try:
            sources.append(Source(**entry))
        except TypeError as exc:
            raise InputError(f"{path}: entry {index + 1}: {exc}") from None
    return tuple(sources)


def infer_base(graphs: Iterable[URIRef | None]) -> str:
    """The base namespace crimegraph minted the data under, read from its graph names
    (``<base>graph/…``); an error when the data names none or several."""
    bases = set()
    for graph in graphs:
        text = str(graph) if graph is not None else ""
        at = text.rfind("graph/")
        if at > 0:
            try:
                bases.add(check_base(text[:at]))
            except InputError:
                continue
    if len(bases) == 1:
        return bases.pop()
    if bases:
        raise InputError(f"the data's graphs are minted under several bases ({', '.join(sorted(bases))}); give --base")
    raise InputError("the data has no crimegraph graph names (<base>graph/…) to read its base namespace from; give --base")


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _iri_or_node(value: str, node: URIRef, out: Graph) -> URIRef:
    """``value`` as an IRI when it is one; else ``node``, labelled with the text."""
    if _IRI.fullmatch(value):
        return URIRef(value)
    out.add((node, RDFS.label, Literal(value)))
    return node


def describe(
    quads: Iterable[Quad],
    base: str,
    *,
    dataset: str | None = None,
    title: str = "crimegraph dataset",
    license: str | None = None,
    sources: Iterable[str] = (),
    endpoint: str | None = None,
    version: str | None = None,
    distributions: Sequence[Distribution] = (),
    data: Dataset | None = None,
) -> Graph:
    """Describe the dataset made of ``quads`` as ``dataset`` (default ``<base>dataset``).

    ``data``, the same quads in an rdflib Dataset, is queried for the known sources
    (``data/sources.yaml``); without it one is built from ``quads``.
    """
    version = version or package_version()
    check_base(base)
    quads = list(quads) if data is None else quads
    dataset_iri = URIRef(dataset or f"{base}dataset")
    if not _IRI.fullmatch(str(dataset_iri)):
        raise InputError(f"dataset {str(dataset_iri)!r} is not an absolute IRI")
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
    out.bind("foaf", FOAF)
    out.add((dataset_iri, RDF.type, VOID.Dataset))
    out.add((dataset_iri, RDF.type, DCAT.Dataset))
    out.add((dataset_iri, DCTERMS.title, Literal(title)))
    out.add((dataset_iri, VOID.uriSpace, Literal(base)))
    out.add((dataset_iri, VOID.triples, _count(len(triples))))
    out.add((dataset_iri, VOID.distinctSubjects, _count(len(subjects))))
    out.add((dataset_iri, VOID.properties, _count(len(properties))))
    out.add((dataset_iri, VOID.classes, _count(len(classes))))
    for fmt in sorted({d.format for d in distributions} or {RdfFormat.nquads, RdfFormat.turtle}):
        out.add((dataset_iri, VOID.feature, URIRef(_FORMATS + FORMAT_IRIS[fmt])))
    for vocabulary in VOCABULARIES:
        out.add((dataset_iri, VOID.vocabulary, URIRef(vocabulary)))
    licence = _iri_or_node(license, URIRef(f"{dataset_iri}#license"), out) if license else None
    if licence is not None:
        out.add((dataset_iri, DCTERMS.license, licence))
        if not _IRI.fullmatch(license or ""):
            out.add((licence, RDF.type, DCTERMS.LicenseDocument))
    for source in sources:
        node = _iri_or_node(source, URIRef(f"{dataset_iri}#source-{slug(source)}"), out)
        out.add((dataset_iri, DCTERMS.source, node))
    for source in _sources_present(quads if data is None else None, data):
        _describe_source(out, dataset_iri, source)
    for item in distributions:
        _describe_distribution(out, dataset_iri, item, licence)
    if endpoint:
        out.add((dataset_iri, VOID.sparqlEndpoint, URIRef(endpoint)))
    tool = URIRef(f"{base}agent/crimegraph/{version}")
    out.add((dataset_iri, PROV.wasAttributedTo, tool))
    out.add((tool, RDF.type, PROV.SoftwareAgent))
    out.add((tool, SCHEMA.softwareVersion, Literal(version)))
    for cls, count in sorted(classes.items()):
        part = URIRef(f"{dataset_iri}#class-{_local(cls)}")
        out.add((dataset_iri, VOID.classPartition, part))
        out.add((part, VOID["class"], cls))
        out.add((part, VOID.entities, _count(count)))
    for prop, count in sorted(properties.items()):
        part = URIRef(f"{dataset_iri}#property-{_local(prop)}")
        out.add((dataset_iri, VOID.propertyPartition, part))
        out.add((part, VOID.property, prop))
        out.add((part, VOID.triples, _count(count)))
    for graph, count in sorted(per_graph.items(), key=lambda kv: str(kv[0])):
        if graph is None:
            continue
        out.add((dataset_iri, VOID.subset, graph))
        out.add((graph, RDF.type, VOID.Dataset))
        out.add((graph, VOID.triples, _count(count)))
    return out


def _sources_present(quads: list[Quad] | None, data: Dataset | None) -> list[Source]:
    """The known sources whose ``present`` query finds data of theirs."""
    if data is None:
        data = Dataset(default_union=True)
        for s, p, o, g in quads or []:
            data.add((s, p, o, g))
    union = data.default_union
    data.default_union = True
    try:
        namespaces = {prefix: URIRef(str(ns)) for prefix, ns in PREFIXES.items()}
        return [s for s in known_sources() if bool(data.query(s.present, initNs=namespaces).askAnswer)]
    finally:
        data.default_union = union


def _describe_source(out: Graph, dataset: URIRef, source: Source) -> None:
    node = URIRef(f"{dataset}#source-{slug(source.id)}")
    out.add((dataset, DCTERMS.source, node))
    out.add((node, RDF.type, DCAT.Dataset))
    out.add((node, DCTERMS.title, Literal(source.title)))
    if source.page:
        out.add((node, FOAF.page, URIRef(source.page)))
    if source.citation:
        out.add((node, DCTERMS.bibliographicCitation, Literal(source.citation)))
    if source.license:
        out.add((node, DCTERMS.license, URIRef(source.license)))
    rights = URIRef(f"{dataset}#rights-{slug(source.id)}")
    out.add((node, DCTERMS.rights, rights))
    out.add((rights, RDF.type, DCTERMS.RightsStatement))
    out.add((rights, RDFS.label, Literal(source.rights)))


def _describe_distribution(out: Graph, dataset: URIRef, item: Distribution, licence: URIRef | None) -> None:
    node = URIRef(f"{dataset}#distribution-{slug(item.name)}")
    out.add((dataset, DCAT.distribution, node))
    out.add((dataset, VOID.dataDump, URIRef(item.url)))
    out.add((node, RDF.type, DCAT.Distribution))
    out.add((node, DCTERMS.title, Literal(item.name)))
    out.add((node, DCAT.downloadURL, URIRef(item.url)))
    out.add((node, DCAT.mediaType, URIRef(_MEDIA_TYPES + item.format.media_type)))
    out.add((node, DCTERMS["format"], URIRef(_FORMATS + FORMAT_IRIS[item.format])))
    out.add((node, DCAT.byteSize, Literal(item.byte_size, datatype=XSD.nonNegativeInteger)))
    if licence is not None:
        out.add((node, DCTERMS.license, licence))


def _local(term: URIRef) -> str:
    """A readable, unique fragment for a vocabulary term: prefix-local."""
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)):
            return slug(f"{prefix}-{text[len(str(namespace)):]}")
    return slug(text)
