"""The one store interface, shared by the embedded store and remote SPARQL servers.

Loading follows the graph layout of :mod:`crimegraph.rdf.build`: a named graph whose IRI
has the path ``…/graph/article/<key>`` holds exactly one article and is **replaced** when
the article is loaded again; every other graph (``…/graph/entities``, dataset graphs,
the default graph) is **merged**: the store keeps the union of what was loaded, and as
RDF graphs are sets, a triple loaded twice is stored once.
"""

from __future__ import annotations

import abc
import contextlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from crimegraph.errors import InputError, Location, QueryError, StoreError
from crimegraph.rdf.io import RdfFormat, nquad_line
from crimegraph.store.results import QueryResult

#: The path segment that marks a graph holding one article (replaced on reload).
ARTICLE_GRAPH_SEGMENT = "/graph/article/"

_OX_FORMATS = {
    RdfFormat.turtle: ox.RdfFormat.TURTLE,
    RdfFormat.ntriples: ox.RdfFormat.N_TRIPLES,
    RdfFormat.nquads: ox.RdfFormat.N_QUADS,
    RdfFormat.trig: ox.RdfFormat.TRIG,
    RdfFormat.jsonld: ox.RdfFormat.JSON_LD,
    RdfFormat.rdfxml: ox.RdfFormat.RDF_XML,
}


def is_replaced_graph(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
    """True for article graphs, which a new load replaces; False for merged graphs.

    >>> is_replaced_graph(ox.NamedNode("https://w3id.org/crimegraph/id/graph/article/a-1"))
    True
    >>> is_replaced_graph(ox.NamedNode("https://w3id.org/crimegraph/id/graph/entities"))
    False
    """
    return isinstance(graph, ox.NamedNode) and ARTICLE_GRAPH_SEGMENT in graph.value


def ox_format(fmt: RdfFormat) -> ox.RdfFormat:
    return _OX_FORMATS[fmt]


@dataclass
class RdfSource:
    """One RDF file to load; triples of a triple format go to ``graph`` (default graph if None)."""

    path: Path
    format: RdfFormat
    graph: ox.NamedNode | None = None


@dataclass
class LoadReport:
    """What a load did."""

    files: int
    quads: int
    graphs_replaced: int
    graphs_merged: int
    triples_before: int
    triples_after: int
    seconds: float
    target: str

    def summary(self) -> str:
        rate = self.quads / self.seconds if self.seconds > 0 else 0.0
        origin = f"{self.files} file(s)" if self.files else "the converter"
        return (
            f"loaded {self.quads} quads from {origin} into {self.target} in {self.seconds:.2f} s "
            f"({rate:,.0f} quads/s): {self.graphs_replaced} article graph(s) replaced, "
            f"{self.graphs_merged} graph(s) merged; {self.triples_before} → {self.triples_after} triples"
        )


def rdf_source(path: str | Path, fmt: str | RdfFormat | None = None, graph: str | None = None) -> RdfSource:
    """Describe one input file, checking that it exists and its format is known.

    :raises InputError: if the file is missing or its format cannot be told.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", Location(file=str(p)))
    if isinstance(fmt, RdfFormat):
        rdf_format: RdfFormat | None = fmt
    elif fmt:
        rdf_format = RdfFormat.parse(fmt)
    else:
        rdf_format = RdfFormat.from_extension(p)
    if rdf_format is None:
        raise InputError(
            "cannot tell the RDF format from the extension; use .nq .trig .ttl .nt .jsonld .rdf or --format",
            Location(file=str(p)),
        )
    target = None
    if graph:
        if rdf_format.is_quads:
            raise InputError("--graph applies to triple formats only (Turtle, N-Triples, RDF/XML)", Location(file=str(p)))
        target = named_node(graph, "--graph")
    return RdfSource(p, rdf_format, target)


def named_node(iri: str, what: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise InputError(f"{what}: {iri!r} is not a valid IRI ({exc})") from None


def parse_source(source: RdfSource) -> Iterator[ox.Quad]:
    """Quads of a source, with precise syntax errors.

    :raises InputError: naming file, line and column of a syntax error.
    """
    try:
        kwargs: dict[str, Any] = {"path": str(source.path), "format": ox_format(source.format)}
        if source.graph is not None:
            for triple in ox.parse(**kwargs):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, source.graph)
        else:
            yield from ox.parse(**kwargs)
    except SyntaxError as exc:
        raise InputError(f"not valid {source.format.value}: {exc}", Location(file=str(source.path))) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", Location(file=str(source.path))) from None


@contextlib.contextmanager
def quads_as_file(quads: Iterable[tuple[Any, Any, Any, Any]], directory: str | Path | None = None) -> Iterator[RdfSource]:
    """Write quads from the converter (rdflib terms) to a temporary N-Quads file."""
    fd, name = tempfile.mkstemp(prefix="crimegraph-load-", suffix=".nq", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for quad in quads:
                handle.write(nquad_line(quad, with_graph=True))
        yield RdfSource(Path(name), RdfFormat.nquads)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset of a query given beside it, as the SPARQL 1.1 Protocol's
    ``default-graph-uri`` and ``named-graph-uri`` do: it replaces the query's own
    ``FROM`` / ``FROM NAMED``. The default graph is the merge of ``default_graphs`` (empty
    when there are none); ``GRAPH`` sees only ``named_graphs``. A graph the store does not
    hold is an empty graph; nothing is fetched.

    :raises QueryError: if a graph name is not an absolute IRI.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.default_graphs and not self.named_graphs:
            raise QueryError("a dataset names at least one graph (default-graph-uri or named-graph-uri)")
        for name, iris in (("default-graph-uri", self.default_graphs), ("named-graph-uri", self.named_graphs)):
            for iri in iris:
                if not _absolute_iri(iri):
                    raise QueryError(f"{name}: {iri!r} is not an absolute IRI")


def _absolute_iri(text: str) -> bool:
    """True for an absolute IRI (pyoxigraph's check).

    >>> _absolute_iri("http://example.org/g"), _absolute_iri("g"), _absolute_iri("http://ex/a b")
    (True, False, False)
    """
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


class Store(abc.ABC):
    """A place that holds crimegraph's RDF and answers SPARQL: :class:`LocalStore` on
    disk, :class:`RemoteStore` on any SPARQL 1.1 server.

    A query that names no dataset sees the union of all graphs as its default graph
    (and every named graph through ``GRAPH``). A query with ``FROM`` / ``FROM NAMED``
    runs on exactly the graphs it names (``FROM`` alone: no named graphs; ``FROM NAMED``
    alone: an empty default graph), and a :class:`QueryDataset` given with the query
    replaces both.
    """

    #: Where the store is, for messages (never with credentials).
    location: str

    @abc.abstractmethod
    def query(self, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
              dataset: QueryDataset | None = None, base_iri: str | None = None) -> QueryResult:
        """Run a SPARQL query and return its materialised result.

        :param timeout: seconds after which the query is abandoned with :class:`QueryTimeout`.
        :param max_rows: keep at most this many solutions (``result.truncated`` tells).
        :param dataset: the graphs to query, replacing the query's ``FROM`` / ``FROM NAMED``.
        :param base_iri: what relative IRIs of the query are resolved against (a ``BASE``
            in the query wins); without it a relative IRI is a syntax error.
        :raises QueryError: for a syntax error (with line and column) or a failing query.
        :raises StoreError: if the store cannot be reached or read.
        """

    def answer_catalog(self, name: str, bindings: dict[str, list[Any]], limit: int | None,
                       timeout: float | None = None, *, text: str | None = None) -> QueryResult | None:
        """The answer of catalog query ``name`` (whose ``.rq`` text is ``text``; by
        default the catalog's file) with these bindings from an accelerator of the store
        (:mod:`crimegraph.store.accelerators`), exactly what its SPARQL text would give;
        None to run the SPARQL (the default, and whenever the accelerator is off — an
        edited query text switches it off). :class:`LocalStore` answers
        who-did-what-where from its event index.

        :raises QueryTimeout: after ``timeout`` seconds."""
        return None

    def index_status(self, text: str | None = None) -> str | None:
        """Whether the store's accelerators answer catalog queries ("on", or "off: why",
        for the query text ``text``, by default the catalog's file); None for a store
        without any."""
        return None

    @abc.abstractmethod
    def load(self, sources: Sequence[RdfSource]) -> LoadReport:
        """Load RDF files all-or-nothing: article graphs are replaced, others merged.

        :raises InputError: for unreadable or invalid files (nothing is loaded).
        :raises StoreError: if the store cannot be written.
        """

    def load_quads(self, quads: Iterable[tuple[Any, Any, Any, Any]]) -> LoadReport:
        """Load quads straight from the converter (see :meth:`load`)."""
        with quads_as_file(quads) as source:
            report = self.load([source])
        report.files = 0
        return report

    @abc.abstractmethod
    def triple_count(self) -> int:
        """The number of quads in the store (all graphs)."""

    @abc.abstractmethod
    def named_graphs(self, limit: int | None = None) -> list[str]:
        """The IRIs of the named graphs holding data (a server's own graphs left out),
        sorted; with ``limit``, at most that many (whichever the store lists first)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store's resources."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class QueryTimeout(StoreError):
    """A query ran longer than its timeout."""


def elapsed(start: float) -> float:
    return time.perf_counter() - start
