"""The embedded store: pyoxigraph (RocksDB) on disk, no server.

Layout of a store folder::

    crimegraph-store/
        current -> gen-000003     symbolic link to the published generation
        gen-000003/               a pyoxigraph database, never written once published,
            crimegraph-events.sqlite    with its event index (crimegraph.store.event_index)
        .lock                     held by the one process that loads

A load copies the published generation (a RocksDB checkpoint: hard links, instant),
applies the changes to the copy — drop the article graphs being reloaded, bulk-load the
new quads — and publishes the copy by atomically replacing the ``current`` link. An
interrupted or failing load leaves ``current`` untouched, so the store is all-or-nothing
and readers (``crimegraph serve``, notebooks) always see a complete generation. Queries
open the published generation read-only.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import re
import shutil
import sqlite3
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from crimegraph.errors import InputError, Location, QueryError, StoreError
from crimegraph.store import event_index
from crimegraph.store.base import LoadReport, QueryDataset, QueryTimeout, RdfSource, Store, is_replaced_graph, ox_format
from crimegraph.store.results import QueryResult
from crimegraph.store.sparql import names_dataset

DEFAULT_STORE_DIR = Path("crimegraph-store")
#: Files smaller than this are loaded in one write batch, bigger ones with the bulk loader.
SMALL_BYTES = 256 * 1024
_CURRENT = "current"
_GENERATION = re.compile(r"^gen-(\d{6})$")


def _is_store(path: Path) -> bool:
    return (path / _CURRENT).is_symlink()


class LocalStore(Store):
    """A persistent store in a folder (created on first load).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "store"
    >>> store = LocalStore(folder, create=True)
    >>> store.triple_count()
    0
    >>> store.query("ASK { ?s ?p ?o }").boolean
    False

    :param path: the store folder.
    :param create: create an empty store if the folder holds none; otherwise a missing
        store raises :class:`StoreError` saying how to create one.
    :param read_only: never load (what ``crimegraph serve`` uses).
    :param index_events: keep the event index with each generation (the default); a load
        without it publishes a generation without one, where who-did-what-where runs as
        SPARQL, and the next load with it indexes the whole store again.
    """

    def __init__(self, path: str | Path = DEFAULT_STORE_DIR, *, create: bool = False, read_only: bool = False,
                 index_events: bool = True) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.read_only = read_only
        self._db: ox.Store | None = None
        self._generation: Path | None = None
        self._index: event_index.EventIndex | None = None
        self.index_events = index_events
        if not _is_store(self.path):
            if self.path.exists() and any(self.path.iterdir()):
                raise StoreError(f"{self.path} exists but is not a crimegraph store (no 'current' link); choose another --store folder")
            if not create or read_only:
                raise StoreError(
                    f"no store at {self.path}; create one with `crimegraph load FILES --store {self.path}` "
                    f"or `crimegraph convert INPUTS --store {self.path}`"
                )
            self._create_empty()

    # ------------------------------------------------------------------ opening
    @classmethod
    def open_read_only(cls, path: str | Path = DEFAULT_STORE_DIR) -> "LocalStore":
        """Open an existing store for queries only (what an HTTP endpoint needs).

        :raises StoreError: if there is no store at ``path``.
        """
        return cls(path, read_only=True)

    def _create_empty(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        with self._lock():
            if _is_store(self.path):
                return
            generation = self.path / "gen-000001"
            db = ox.Store(str(generation))
            db.flush()
            del db
            if self.index_events:
                event_index.create_empty(generation / event_index.FILE)
            self._publish(generation)

    def _published(self) -> Path:
        try:
            target = os.readlink(self.path / _CURRENT)
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.path}: {exc.strerror}") from None
        return self.path / target

    @property
    def db(self) -> ox.Store:
        """The published generation, opened read-only (reopened after a load)."""
        generation = self._published()
        if self._db is None or generation != self._generation:
            try:
                self._db = ox.Store.read_only(str(generation))
            except OSError as exc:
                raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
            self._generation = generation
        return self._db

    def close(self) -> None:
        self._db = None
        self._generation = None
        if self._index is not None:
            self._index.close()
        self._index = None

    def event_index(self) -> event_index.EventIndex | None:
        """The event index of the published generation (None for a store made before it)."""
        self.db  # noqa: B018 - (re)opens the published generation
        if self._index is None or self._index.path.parent != self._generation:
            if self._index is not None:
                self._index.close()
            self._index = event_index.EventIndex.open(self._generation) if self._generation else None
        return self._index

    def index_status(self, text: str | None = None) -> str | None:
        index = self.event_index()
        if index is None:
            return event_index.NO_INDEX
        problem = event_index.ACCELERATOR.problem(text)
        return f"off: {problem}" if problem is not None else index.status()

    def answer_catalog(self, name: str, bindings: dict[str, list[Any]], limit: int | None,
                       timeout: float | None = None, *, text: str | None = None) -> QueryResult | None:
        if name != event_index.QUERY or event_index.ACCELERATOR.problem(text) is not None:
            return None
        index = self.event_index()
        return index.who_did_what_where(bindings, limit, timeout) if index is not None else None

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        handle = open(self.path / ".lock", "a+")
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"another process is loading into {self.path}; try again when it has finished") from None
            yield
        finally:
            handle.close()

    def _publish(self, generation: Path) -> None:
        link = self.path / f".current-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.symlink(generation.name, link)
        os.replace(link, self.path / _CURRENT)  # atomic on POSIX
        _fsync_dir(self.path)

    def _next_generation(self) -> Path:
        numbers = [int(m.group(1)) for p in self.path.iterdir() if (m := _GENERATION.match(p.name))]
        return self.path / f"gen-{max(numbers, default=0) + 1:06d}"

    def _remove_old_generations(self, keep: Path) -> None:
        for p in self.path.iterdir():
            if p != keep and (_GENERATION.match(p.name) or p.name.startswith(".staging-")):
                shutil.rmtree(p, ignore_errors=True)

    # ------------------------------------------------------------------ loading
    def load(self, sources: Sequence[RdfSource]) -> LoadReport:
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        start = time.perf_counter()
        collector = event_index.Collector(self.path / f".index-{os.getpid()}.sqlite") if self.index_events else None
        try:
            quads, replaced, merged = _read_sources(sources, collector)
            if collector is not None:
                collector.close()
            with self._lock():
                before = self.triple_count()
                generation = self._apply(sources, replaced, collector.path if collector else None)
                self.close()
                self._remove_old_generations(keep=generation)
                after = self.triple_count()
        finally:
            if collector is not None:
                with contextlib.suppress(sqlite3.Error):
                    collector.con.close()
                collector.path.unlink(missing_ok=True)
        return LoadReport(
            files=len(sources),
            quads=quads,
            graphs_replaced=len(replaced),
            graphs_merged=merged,
            triples_before=before,
            triples_after=after,
            seconds=time.perf_counter() - start,
            target=str(self.path),
        )

    def _apply(self, sources: Sequence[RdfSource], replaced: list[ox.NamedNode], collected: Path | None) -> Path:
        """Copy the published generation, drop the replaced graphs, add the sources,
        update the event index (from the rows ``collected`` while parsing), publish the
        copy; on any failure remove the copy and re-raise."""
        published = self._published()
        staging = self.path / f".staging-{os.getpid()}-{published.name}"
        shutil.rmtree(staging, ignore_errors=True)
        work: Any = None
        try:
            self.db.backup(str(staging))
            work = self._open_work(staging)
            for graph in replaced:
                work.remove_graph(graph)
            bulk = False
            for source in sources:
                kwargs: dict[str, Any] = {"path": str(source.path), "format": ox_format(source.format)}
                if source.graph is not None:
                    kwargs["to_graph"] = source.graph
                if source.path.stat().st_size < SMALL_BYTES:
                    work.load(**kwargs)  # no fixed cost of writing new files
                else:
                    work.bulk_load(**kwargs)
                    bulk = True
            if bulk:
                # The bulk loader writes its sorted runs as new files that overlap each
                # other; compacting them into one run makes every index look-up of the
                # queries 3-6x faster (bench/README.md: "Store and queries").
                work.optimize()
            previous = published / event_index.FILE
            if collected is None:  # a load without the index: no index in this generation
                (staging / event_index.FILE).unlink(missing_ok=True)
            elif event_index.is_current(previous):
                event_index.apply(previous, collected, [g.value for g in replaced], staging / event_index.FILE)
            else:  # a store made before the index (or another version of it): index all of it once
                (staging / event_index.FILE).unlink(missing_ok=True)
                event_index.build(work, staging / event_index.FILE, self.path / f".index-{os.getpid()}-all.sqlite")
            self._before_publish(work)
            work.flush()
            work = None  # closes the copy before it is renamed
            generation = self._next_generation()
            os.rename(staging, generation)
            self._publish(generation)
            return generation
        except BaseException as exc:
            # close the copy (RocksDB) before removing its folder: drop our reference
            # and those held by the frames of the traceback
            work = None
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, (SyntaxError, OSError)):
                raise StoreError(f"loading into {self.path} failed; the store is unchanged: {exc}") from None
            raise

    def _open_work(self, staging: Path) -> ox.Store:
        """Open the copy a load writes to (a seam for tests)."""
        return ox.Store(str(staging))

    def _before_publish(self, work: ox.Store) -> None:
        """Hook run on the finished copy just before it is published (tests use it to
        simulate a crash at the last moment)."""

    # ------------------------------------------------------------------ reading
    def triple_count(self) -> int:
        return len(self.db)

    def named_graphs(self, limit: int | None = None) -> list[str]:
        found: list[str] = []
        for graph in self.db.named_graphs():
            if limit is not None and len(found) >= limit:
                break
            if isinstance(graph, ox.NamedNode):
                found.append(graph.value)
        return sorted(found)

    def rdflib_dataset(self) -> Any:
        """The published generation as a read-only :class:`rdflib.Dataset` (through
        oxrdflib, no copy), for code written against rdflib's API; its default graph is
        the union of the named graphs. Writes through it fail: load with :meth:`load`."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        from crimegraph.vocab import bind_prefixes

        dataset = Dataset(store=OxigraphStore(store=self.db), default_union=True)
        bind_prefixes(dataset)
        return dataset

    def query(self, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
              dataset: QueryDataset | None = None, base_iri: str | None = None) -> QueryResult:
        db = self.db
        options = _dataset_options(sparql, dataset, base_iri)
        if timeout is None:
            return _evaluate(db, sparql, options, max_rows, None)
        cancel = threading.Event()
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["result"] = _evaluate(db, sparql, options, max_rows, cancel)
            except BaseException as exc:  # handed over to the caller's thread
                box["error"] = exc

        thread = threading.Thread(target=work, name="crimegraph-query", daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            cancel.set()
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was abandoned")
        if "error" in box:
            raise box["error"]
        return box["result"]


def _read_sources(sources: Sequence[RdfSource], collector: event_index.Collector | None) -> tuple[int, list[ox.NamedNode], int]:
    """Parse every source once, before the store is touched (a syntax error stops the
    load with file, line and column), handing each quad to the event index's collector;
    return the number of quads, the article graphs to replace and the number of graphs
    to merge."""
    graphs: set[Any] = set()
    quads = 0
    for source in sources:
        kwargs: dict[str, Any] = {"path": str(source.path), "format": ox_format(source.format)}
        try:
            if source.graph is not None or not source.format.is_quads:
                graph = source.graph or ox.DefaultGraph()
                graphs.add(graph)
                for quad in ox.parse(**kwargs):
                    if collector is not None:
                        collector.add(quad, graph)
                    quads += 1
            else:
                for quad in ox.parse(**kwargs):
                    graphs.add(quad.graph_name)
                    if collector is not None:
                        collector.add(quad)
                    quads += 1
        except SyntaxError as exc:
            raise InputError(f"not valid {source.format.value}: {exc.msg}",
                             Location(file=str(source.path), line=exc.lineno, column=exc.offset)) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", Location(file=str(source.path))) from None
    replaced = sorted((g for g in graphs if is_replaced_graph(g)), key=lambda g: g.value)
    return quads, replaced, len(graphs) - len(replaced)


def _dataset_options(sparql: str, dataset: QueryDataset | None, base_iri: str | None) -> dict[str, Any]:
    """pyoxigraph's arguments for the dataset of a query: the one given, else the one the
    query names (FROM / FROM NAMED: pyoxigraph reads it from the query), else the union
    of all graphs as the default graph (pyoxigraph's union option overrides FROM, so it is
    used only when the query names no dataset)."""
    options: dict[str, Any] = {}
    if base_iri is not None:
        options["base_iri"] = base_iri
    if dataset is not None:
        options["default_graph"] = [ox.NamedNode(iri) for iri in dataset.default_graphs]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in dataset.named_graphs]
    elif not names_dataset(sparql):
        options["use_default_graph_as_union"] = True
    return options


def _evaluate(db: ox.Store, sparql: str, options: dict[str, Any], max_rows: int | None, cancel: threading.Event | None) -> QueryResult:
    """Run and materialise a query; stops early when ``cancel`` is set (the answer is
    then discarded by the caller)."""
    answer: Any = None
    try:
        answer = db.query(sparql, **options)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            solutions: list[dict[str, Any]] = []
            truncated = False
            for solution in answer:
                if cancel is not None and cancel.is_set():
                    break
                if max_rows is not None and len(solutions) >= max_rows:
                    truncated = True
                    break
                solutions.append({v: solution[v] for v in variables})
            return QueryResult("select", variables=variables, solutions=solutions, truncated=truncated)
        triples: list[ox.Triple] = []
        for triple in answer:
            if cancel is not None and cancel.is_set():
                break
            if max_rows is not None and len(triples) >= max_rows:
                return QueryResult("graph", triples=triples, truncated=True)
            triples.append(triple)
        return QueryResult("graph", triples=triples)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {_syntax_message(exc)}") from None
    except ValueError as exc:  # an invalid base IRI
        raise QueryError(f"cannot run the query: {exc}") from None
    except OSError as exc:
        raise StoreError(f"the query failed: {exc}") from None
    finally:
        # pyoxigraph iterators belong to the thread that made them: drop them here
        del answer


def _syntax_message(exc: SyntaxError) -> str:
    """pyoxigraph says 'error at 3:14: expected …'; say it as 'line 3, column 14: …'."""
    text = str(exc)
    match = re.match(r"error at (\d+):(\d+): (.*)", text, re.S)
    if match:
        return f"line {match.group(1)}, column {match.group(2)}: {match.group(3)}"
    return text


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
