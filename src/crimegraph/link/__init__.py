"""Links from crimegraph's entities to other projects' identifiers.

:mod:`crimegraph.link.reconcile` reconciles the organizations, people and places of a
graph or store against a SPARQL endpoint (Wikidata's query service by default) and
writes the accepted links, with score and provenance, to a links graph of their own.
"""

from crimegraph.link.reconcile import (
    Entity,
    LinkError,
    LinkReport,
    Settings,
    entities_of,
    graph_from_store,
    link_quads,
    load_settings,
    reconcile,
)

__all__ = [
    "Entity",
    "LinkError",
    "LinkReport",
    "Settings",
    "entities_of",
    "graph_from_store",
    "link_quads",
    "load_settings",
    "reconcile",
]
