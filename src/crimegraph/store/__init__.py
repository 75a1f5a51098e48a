"""Stores for crimegraph's RDF: one interface, local or remote.

* :class:`Store` — the interface: ``query(sparql, *, timeout=None, max_rows=None,
  dataset=None, base_iri=None) -> QueryResult``, ``load(sources)``, ``load_quads(quads)``, ``triple_count()``,
  ``named_graphs()``; :func:`open_store` picks local or remote, :func:`rdf_source`
  describes an input file.
* :class:`LocalStore` — the embedded default: pyoxigraph on disk in a folder
  (``./crimegraph-store`` unless told otherwise), no server. Loads are all-or-nothing
  and publish a new immutable generation; queries read the published one.
  ``LocalStore.open_read_only(path)`` opens an existing store for queries only and never
  writes (for an HTTP endpoint: a load in another process publishes a new generation,
  which the next query through :attr:`LocalStore.db` picks up; the previous generation
  is deleted after a load, so a long-lived reader should query through the
  :class:`LocalStore`, not keep the pyoxigraph object). A local ``timeout`` abandons the
  wait and stops streaming queries; a query that sorts or aggregates keeps its thread
  busy until it finishes, so a server that must bound CPU should run queries in worker
  processes.
* :class:`RemoteStore` — any SPARQL 1.1 server (queries through SPARQLWrapper, loads
  through the Graph Store Protocol or SPARQL Update), same semantics.
* :class:`QueryResult` — SELECT solutions, ASK boolean or CONSTRUCT/DESCRIBE triples as
  pyoxigraph terms; ``serialize(fmt)`` writes SPARQL results JSON/XML/CSV/TSV
  (:class:`ResultFormat`, with ``media_type``) or any
  :class:`crimegraph.rdf.io.RdfFormat`; ``rows()`` gives plain Python values.

A query that names no dataset sees the union of all graphs as its default graph; one
with ``FROM`` / ``FROM NAMED`` runs on exactly the graphs it names, and a
:class:`QueryDataset` passed with it (``query(text, dataset=…)``, the protocol's
``default-graph-uri`` / ``named-graph-uri``) replaces the query's own.
Loading: article graphs (``…/graph/article/<key>``) are replaced, the entities graph and
dataset graphs are merged (see :mod:`crimegraph.store.base`).

Errors are :class:`crimegraph.errors.StoreError` (with :class:`QueryTimeout`) and
:class:`crimegraph.errors.QueryError` (syntax errors give line and column).
"""

from __future__ import annotations

from pathlib import Path

from crimegraph.errors import QueryError, StoreError
from crimegraph.store.base import LoadReport, QueryDataset, QueryTimeout, RdfSource, Store, is_replaced_graph, rdf_source
from crimegraph.store.local import DEFAULT_STORE_DIR, LocalStore
from crimegraph.store.results import QueryResult, ResultFormat, Rows, parse_output_format

__all__ = [
    "DEFAULT_STORE_DIR",
    "LoadReport",
    "LocalStore",
    "QueryDataset",
    "QueryError",
    "QueryResult",
    "QueryTimeout",
    "RdfSource",
    "RemoteStore",
    "ResultFormat",
    "Rows",
    "Store",
    "StoreError",
    "is_replaced_graph",
    "open_store",
    "parse_output_format",
    "rdf_source",
]


def open_store(
    path: str | Path | None = None,
    *,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    create: bool = False,
    timeout: float | None = None,
) -> Store:
    """A remote store if ``endpoint`` is given, else the local store at ``path``
    (default ``./crimegraph-store``); ``create`` makes an empty local store if none."""
    if endpoint:
        from crimegraph.store.remote import RemoteStore

        return RemoteStore(endpoint, update_endpoint=update_endpoint, gsp_endpoint=gsp_endpoint, timeout=timeout)
    return LocalStore(path or DEFAULT_STORE_DIR, create=create)


def __getattr__(name: str) -> object:
    if name == "RemoteStore":
        from crimegraph.store.remote import RemoteStore

        return RemoteStore
    raise AttributeError(name)
