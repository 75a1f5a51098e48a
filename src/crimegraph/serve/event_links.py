"""Links by event id: ``/id/event/<id>`` for an event that is minted
``event/<id>-<digest>`` (docs/identity.md, "Links by event id").

An event record with an id (UCDP's event id) is minted from the id and a digest of what
the record says, so two versions of a UCDP row are two nodes. A link by the bare id,
``<base>event/ucdp-ged-182027``, names no node; it stands for the events whose IRI is
it plus ``-<digest>`` and that carry the id as ``dcterms:identifier``. They are found by
the catalog query ``event-versions`` with the id bound (never by scanning events), and
the server answers ``303 See Other`` to the one version, or ``300 Multiple Choices``
with the versions, their sources and the values in which they differ.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from crimegraph.query.render import short
from crimegraph.vocab import CG, DCTERMS, XSD, bind_prefixes

#: Versions listed at most (a 300 answer names every version it lists).
MAX_VERSIONS = 100
#: Values that differ shown at most per version and property.
MAX_VALUES = 5
_SOURCE_PROPERTIES = frozenset({str(DCTERMS.source), str(CG.reportedIn)})
_DIGEST = re.compile(r"-[0-9a-f]{12}")
_XSD_STRING = str(XSD.string)


@dataclass
class Version:
    """One version of an event: its IRI, label, the id it carries, its sources (IRI →
    label) and, filled in later, the values in which it differs from the others
    (property → values)."""

    iri: str
    label: str = ""
    identifiers: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    differs: dict[str, list[ox.NamedNode | ox.Literal]] = field(default_factory=dict)


def versions_of(bare: str, rows: list[dict]) -> list[Version]:
    """The versions of the bare event IRI among the rows of ``event-versions``: the
    events whose IRI is ``bare`` and ``-`` and a digest (12 hex digits), in IRI order.
    Events that only carry the id as one of their identifiers (a news event citing a
    UCDP event) are not versions of it."""
    found: dict[str, Version] = {}
    for row in rows:
        event = row.get("event")
        if not isinstance(event, ox.NamedNode) or not event.value.startswith(bare):
            continue
        if not _DIGEST.fullmatch(event.value[len(bare):]):
            continue
        version = found.setdefault(event.value, Version(event.value))
        label, identifier = row.get("label"), row.get("identifier")
        if isinstance(identifier, ox.Literal) and identifier.value not in version.identifiers:
            version.identifiers.append(identifier.value)
        if isinstance(label, ox.Literal) and not version.label:
            version.label = label.value
        source = row.get("source")
        if isinstance(source, ox.NamedNode):
            said = row.get("sourceLabel")
            version.sources.setdefault(source.value, said.value if isinstance(said, ox.Literal) else "")
    return [found[key] for key in sorted(found)][:MAX_VERSIONS]


def values_query(versions: list[Version]) -> str:
    """Every statement of the versions (bound: they are looked up by IRI)."""
    from crimegraph.store.sparql import bind_values

    return bind_values("SELECT ?event ?p ?o WHERE { ?event ?p ?o }",
                       {"event": [ox.NamedNode(v.iri) for v in versions]})


def mark_differences(versions: list[Version], rows: list[dict]) -> None:
    """Fill each version's ``differs``: the properties (other than its sources) whose
    values are not the same in every version."""
    said: dict[str, dict[str, list]] = {v.iri: {} for v in versions}
    for row in rows:
        event, prop, value = row.get("event"), row.get("p"), row.get("o")
        if (isinstance(event, ox.NamedNode) and event.value in said and isinstance(prop, ox.NamedNode)
                and isinstance(value, (ox.NamedNode, ox.Literal)) and prop.value not in _SOURCE_PROPERTIES):
            values = said[event.value].setdefault(prop.value, [])
            if value not in values:
                values.append(value)
    properties = sorted({p for values in said.values() for p in values})
    for prop in properties:
        sets = [frozenset(said[v.iri].get(prop, [])) for v in versions]
        if len(set(sets)) > 1:
            for version in versions:
                version.differs[prop] = sorted(said[version.iri].get(prop, []), key=lambda t: t.value)


def render_versions(bare: str, versions: list[Version], link: Callable[[str], str]) -> tuple[str, str]:
    """The title and HTML body of a 300 answer: each version with its sources and the
    values that differ."""
    from crimegraph.serve.entity_page import literal_html

    def term(value: ox.NamedNode | ox.Literal) -> str:
        if isinstance(value, ox.NamedNode):
            return f'<a href="{html.escape(link(value.value))}">{html.escape(short(value))}</a>'
        return literal_html(value)

    properties = sorted({p for v in versions for p in v.differs})
    head = "".join(f"<th>{html.escape(short(ox.NamedNode(p)))}</th>" for p in properties)
    rows = []
    for version in versions:
        sources = "<br>".join(
            f'<a href="{html.escape(link(iri))}">{html.escape(text or short(ox.NamedNode(iri)))}</a>'
            for iri, text in version.sources.items()) or "none stated"
        cells = "".join("<td>" + "<br>".join(term(x) for x in version.differs.get(p, [])[:MAX_VALUES]) + "</td>"
                        for p in properties)
        name = html.escape(version.label or short(ox.NamedNode(version.iri)))
        rows.append(f'<tr><td><a href="{html.escape(link(version.iri))}">{name}</a><br><code>{html.escape(version.iri)}</code></td>'
                    f"<td>{sources}</td>{cells}</tr>")
    ids = ", ".join(dict.fromkeys(f"<code>{html.escape(i)}</code>" for v in versions for i in v.identifiers))
    body = (f'<p class="iri"><code>{html.escape(bare)}</code> names no single node: {len(versions)} versions of this '
            f"event carry its id {ids} (two sources, or two releases of a dataset, state it differently). "
            "Each is listed with its sources and the values in which the versions differ.</p>\n"
            f'<table class="describe"><thead><tr><th>version</th><th>sources</th>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")
    return f"{len(versions)} versions of {bare.rsplit('/', 1)[-1]}", body


def versions_graph(bare: str, versions: list[Version]) -> Graph:
    """The RDF of a 300 answer: ``<bare> dcterms:hasVersion <version>``, each version
    with its sources and the values that differ."""
    graph = bind_prefixes(Graph())
    subject = URIRef(bare)
    for version in versions:
        node = URIRef(version.iri)
        graph.add((subject, DCTERMS.hasVersion, node))
        for identifier in version.identifiers:
            graph.add((node, DCTERMS.identifier, Literal(identifier)))
        for source in version.sources:
            graph.add((node, DCTERMS.source, URIRef(source)))
        for prop, values in version.differs.items():
            for value in values[:MAX_VALUES]:
                graph.add((node, URIRef(prop), _rdflib(value)))
    return graph


def _rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
