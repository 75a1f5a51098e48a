"""Queries run in worker processes, so that a query past its time can really be stopped.

pyoxigraph evaluates a query in native code that cannot be interrupted from Python: a
thread that is "abandoned" after its timeout goes on using a core until the query ends,
which may be never (a cross product over the whole store). A worker *process* can be
killed. :class:`QueryPool` keeps a few workers, each with the store opened read-only
(:meth:`crimegraph.store.LocalStore.open_read_only`); a job goes to an idle worker, and
if no answer comes within the timeout the worker is killed and replaced. Each worker
re-reads the store's published generation before every query, so a ``crimegraph load``
in another process is seen by the next query.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from crimegraph.errors import CrimegraphError, QueryError, StoreError
from crimegraph.rdf.io import RdfFormat
from crimegraph.store import QueryDataset, QueryResult, QueryTimeout, ResultFormat

log = logging.getLogger("crimegraph.serve")


class ServerBusy(StoreError):
    """Every worker stayed busy for longer than a request may wait."""


@dataclass(frozen=True)
class Job:
    """What a worker is asked to do: ``kind`` is ``sparql`` (``text``, on ``dataset`` if
    given, relative IRIs resolved against ``base_iri``), ``catalog`` (run ``text``, a
    catalog name, with ``params``), ``prepare`` (only build the catalog query's text,
    parameters bound) or ``graphs`` (the names of at most ``max_rows`` named graphs).

    With ``formats`` (the format for a table result, the format for a graph result;
    None where the client accepts none), the worker answers with the serialised bytes
    (:class:`Serialized`): serialising is part of the job, under its timeout, and only
    bytes cross between the processes. Without, it answers with the
    :class:`~crimegraph.store.QueryResult` itself (small results only: pages).
    """

    kind: str
    text: str
    params: dict[str, list[str]] | None = None
    max_rows: int | None = None
    formats: tuple[ResultFormat | None, RdfFormat | None] | None = None
    dataset: QueryDataset | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class Serialized:
    """A result as bytes in the requested format; ``body`` is None when the client
    accepts no format for this ``kind`` of result (``select``, ``ask`` or ``graph``)."""

    kind: str
    body: bytes | None
    truncated: bool
    warnings: tuple[str, ...] = ()


def _serialized(result: QueryResult, job: Job, warnings: list[str] | None = None) -> QueryResult | Serialized:
    if job.formats is None:
        return result
    fmt = job.formats[1] if result.kind == "graph" else job.formats[0]
    body = None if fmt is None else result.serialize(fmt)
    return Serialized(result.kind, body, result.truncated, tuple(warnings or ()))


#: Seconds a new worker may take to start (import crimegraph and pyoxigraph).
STARTUP_SECONDS = 60.0

_ERRORS: dict[str, type[CrimegraphError]] = {"QueryError": QueryError, "StoreError": StoreError}


def _worker_main(conn: Connection, store_path: str) -> None:  # pragma: no cover - runs in a child process
    """The worker loop: receive a job, answer ``("ok", value)`` or ``("error", kind, message)``."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    import crimegraph.query as api
    from crimegraph.store import LocalStore

    store: LocalStore | None = None
    try:
        conn.send(("ready",))  # imports done: the pool may hand over jobs now
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            job: Job | None = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            if store is None:
                store = LocalStore.open_read_only(store_path)
            if job.kind == "sparql":
                result = store.query(job.text, max_rows=job.max_rows, dataset=job.dataset, base_iri=job.base_iri)
                value: Any = _serialized(result, job)
            elif job.kind == "catalog":
                limit = None if job.max_rows is None else job.max_rows + 1  # one more: tells truncation
                result, prepared = api.execute(store, job.text, job.params or {}, limit=limit)
                if job.max_rows is not None and len(result) > job.max_rows:
                    result.solutions = result.solutions[: job.max_rows]
                    result.triples = result.triples[: job.max_rows]
                    result.truncated = True
                value = _serialized(result, job, prepared.warnings)
            elif job.kind == "prepare":
                value = api.prepare(store, job.text, job.params or {})
            elif job.kind == "graphs":
                value = store.named_graphs(limit=job.max_rows)
            else:
                raise QueryError(f"unknown job {job.kind!r}")
            answer: tuple[Any, ...] = ("ok", value)
        except CrimegraphError as exc:
            kind = "QueryError" if isinstance(exc, QueryError) else "StoreError"
            answer = ("error", kind, str(exc))
            if isinstance(exc, StoreError):
                store = None  # reopen next time (the store may have been created or moved)
        except Exception as exc:  # noqa: BLE001 - reported to the client, the worker lives on
            answer = ("error", "StoreError", f"the query failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, context: Any, store_path: str) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(child, store_path), name="crimegraph-query-worker", daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, seconds: float) -> bool:
        """True once the worker has started (imported crimegraph), within ``seconds``."""
        try:
            return bool(self.conn.poll(seconds)) and self.conn.recv() == ("ready",)
        except (EOFError, OSError):
            return False

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of query worker processes over one store.

    :param store_path: the store folder (opened read-only in each worker).
    :param size: the number of workers, i.e. of queries that run at the same time.
    :param wait: seconds a job may wait for a free worker before :class:`ServerBusy`.
    """

    def __init__(self, store_path: str | Path, size: int = 2, wait: float = 30.0) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.store_path = str(store_path)
        self.size = size
        self.wait = wait
        # spawn, not fork: the server has threads, and a forked child would inherit
        # their locks in whatever state they were
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._add()
        # the pool is ready when its first worker is
        deadline = time.monotonic() + STARTUP_SECONDS
        while self._idle.empty() and time.monotonic() < deadline:
            time.sleep(0.02)
        if self._idle.empty():
            self.close()
            raise StoreError(f"the query workers did not start within {STARTUP_SECONDS:g} s")

    def _add(self) -> None:
        """Start a worker; it joins the idle ones once it has started, so a job's time
        never includes a worker's start (a replacement starts in the background)."""
        worker = _Worker(self._context, self.store_path)
        with self._lock:
            self._all.add(worker)

        def join_when_ready() -> None:
            if worker.wait_ready(STARTUP_SECONDS) and not self._closed:
                self._idle.put(worker)
                return
            if not self._closed:
                log.error("a query worker did not start (exit code %s); %d left", worker.process.exitcode, len(self._all) - 1)
            self._discard(worker, kill=True)

        threading.Thread(target=join_when_ready, name="crimegraph-worker-start", daemon=True).start()

    def _discard(self, worker: _Worker, kill: bool) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop(kill=kill)

    def run(self, job: Job, timeout: float) -> Any:
        """Run a job on a free worker and return its value.

        :raises ServerBusy: if no worker became free within ``wait`` seconds.
        :raises QueryTimeout: if the job took longer than ``timeout`` seconds (its
            worker is killed and replaced; nothing of the job survives).
        :raises QueryError: for an invalid query or parameter.
        :raises StoreError: if the store cannot be read.
        """
        if self._closed:
            raise StoreError("the server is shutting down")
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise ServerBusy(f"all {self.size} query workers stayed busy for {self.wait:g} s; try again later") from None
        started = time.monotonic()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            answer = worker.conn.recv()
        except QueryTimeout:
            self._replace(worker)
            raise
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise StoreError(f"the query worker stopped unexpectedly after {time.monotonic() - started:.1f} s") from None
        except BaseException:
            self._replace(worker)
            raise
        self._idle.put(worker)
        if answer[0] == "ok":
            return answer[1]
        raise _ERRORS.get(answer[1], StoreError)(answer[2])

    def _replace(self, worker: _Worker) -> None:
        self._discard(worker, kill=True)
        if not self._closed:
            self._add()

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
