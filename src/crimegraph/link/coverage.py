"""How many organizations, people and places carry an identifier of another project:
``owl:sameAs``, ``schema:sameAs`` or ``skos:exactMatch`` to an IRI outside the graph's
own namespace, or a UCDP actor id (``cg:ucdpActorId``). The figure of issue 11."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, ORG, OWL, RDF, SKOS

from crimegraph.vocab import CG, DEFAULT_BASE, SCHEMA

KINDS = {"organization": ORG.Organization, "person": FOAF.Person, "place": SCHEMA.Place}
LINK_PROPERTIES = (OWL.sameAs, SCHEMA.sameAs, SKOS.exactMatch)


@dataclass(frozen=True)
class Coverage:
    kind: str
    linked: int
    total: int

    @property
    def share(self) -> float:
        return self.linked / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.kind}: {self.linked} of {self.total} ({100 * self.share:.1f} %)"


def has_external_identifier(graph: Graph, node: URIRef, base: str = DEFAULT_BASE) -> bool:
    if any(True for _ in graph.objects(node, CG.ucdpActorId)):
        return True
    return any(isinstance(o, URIRef) and not str(o).startswith(base)
               for p in LINK_PROPERTIES for o in graph.objects(node, p))


def identifier_coverage(graph: Graph, base: str = DEFAULT_BASE) -> dict[str, Coverage]:
    """Per kind, the nodes with at least one external identifier (``graph`` is a Graph,
    or a Dataset with ``default_union=True``)."""
    found = {}
    for kind, cls in KINDS.items():
        nodes = {s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}
        linked = sum(1 for s in nodes if has_external_identifier(graph, s, base))
        found[kind] = Coverage(kind, linked, len(nodes))
    return found
