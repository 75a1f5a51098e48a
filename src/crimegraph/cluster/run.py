"""Running the partitions of a conversion on a Dask distributed cluster.

The work itself (reading the entities of a partition, converting a partition to its
part) is given by the caller, :func:`crimegraph.convert.convert`, as two functions that
Dask sends to the workers by reference: the workers import crimegraph like the client.
Dask schedules, retries a task that raised (``retries``) and re-runs a task whose
worker died (up to the scheduler's ``distributed.scheduler.allowed-failures``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crimegraph.cluster.manifest import Manifest, PartResult
from crimegraph.cluster.plan import Partition
from crimegraph.errors import CrimegraphError

#: Attempts after the first for a partition whose task raised.
DEFAULT_RETRIES = 2
#: Seconds to wait for a scheduler to answer.
DEFAULT_CONNECT_TIMEOUT = 20.0
_LOCAL = re.compile(r"^local:(\d+)$")

#: Dask settings of a ``local:N`` cluster (documented in distributed's
#: ``distributed-schema.yaml``), against the extra CPU a worker spent on an article
#: (bench/README.md has the figures):
#:
#: * a worker's statistical profiler samples the stack of the task thread every 10 ms
#:   and takes the interpreter lock to do so: 0.02-0.03 CPU s an article, ~10 % of it;
#: * the nanny starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also
#:   fixes glibc's mmap threshold: every numpy array of spaCy above 128 KiB is then
#:   mapped and unmapped anew, 3x the page faults and ~0.02 CPU s an article (~10 %);
#:   unset, a worker keeps glibc's defaults, as a one-process run does;
#: * the event-loop health check (every 20 ms) and the system monitor (every 500 ms)
#:   run in every worker and in the scheduler and nannies: 0.08 CPU s a second on an
#:   idle 2-worker cluster, 0.02 with the values below.
#:
#: For a cluster started elsewhere the same settings go into the environment of the
#: workers and the scheduler (docs/cluster.md).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}


class ClusterError(CrimegraphError):
    """The cluster cannot be reached or started, or partitions failed for good."""


@dataclass
class ClusterRun:
    """What a cluster run did: the folder, its manifest, the partitions that failed."""

    folder: Path
    manifest: Manifest
    address: str
    workers: int
    kept: list[int] = field(default_factory=list)  # finished parts a --resume kept
    redone: list[int] = field(default_factory=list)  # listed parts a --resume found damaged
    counts: dict[int, dict[str, int]] = field(default_factory=dict)  # records, articles of each partition (first pass)
    seconds: float = 0.0

    @property
    def failed(self) -> dict[int, str]:
        return self.manifest.failed

    @property
    def parts(self) -> list[PartResult]:
        return [self.manifest.parts[i] for i in sorted(self.manifest.parts)]

    def total(self, key: str) -> int:
        return sum(getattr(p, key) for p in self.parts)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError("a cluster run needs Dask distributed: pip install 'crimegraph[cluster]'") from None
    return distributed


@contextlib.contextmanager
def connect(address: str, timeout: float = DEFAULT_CONNECT_TIMEOUT) -> Iterator[Any]:
    """A Dask client: ``local:N`` starts a local cluster of N worker processes (one
    thread each) for the duration; any other address (``tcp://host:8786``) joins that
    scheduler.

    :raises ClusterError: naming the address when the scheduler cannot be reached.
    """
    distributed = _import_distributed()
    local = _LOCAL.match(address)
    if local:
        import dask

        workers = int(local.group(1))
        if workers < 1:
            raise ClusterError(f"--cluster {address}: a local cluster needs at least 1 worker")
        # set for the cluster's whole life: a worker that replaces a lost one is
        # started with the configuration of that moment. The nannies (in this process)
        # write their workers' variables into this process's environment before each
        # start; put it back as it was afterwards.
        environ = {name: os.environ.get(name) for name in dask.config.get("distributed.nanny.pre-spawn-environ")}
        try:
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                   dashboard_address=None, silence_logs=logging.CRITICAL)
                try:
                    with distributed.Client(cluster) as client:
                        yield client
                finally:
                    cluster.close()
        finally:
            for name, value in environ.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return
    if not re.match(r"^[a-z]+://", address):
        raise ClusterError(f"--cluster {address!r}: give local:N or a scheduler address such as tcp://host:8786")
    try:
        client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s: {exc}") from None
    try:
        yield client
    finally:
        client.close()


def _task(work: Callable[..., Any], *args: Any) -> Any:
    """Runs on a worker: the work, with the worker and the time it took."""
    start = time.perf_counter()
    result = work(*args)
    if isinstance(result, PartResult):
        result.seconds = time.perf_counter() - start
        result.worker = f"{socket.gethostname()}:{os.getpid()}"
    return result


def run_partitions(
    client: Any,
    manifest: Manifest,
    *,
    read_entities: Callable[..., tuple[list[Any], dict[str, int]]],
    convert_part: Callable[..., PartResult],
    settings: Any,
    retries: int = DEFAULT_RETRIES,
    on_counted: Callable[[dict[int, dict[str, int]]], None] | None = None,
    on_part: Callable[[Partition, PartResult], None] | None = None,
    on_failure: Callable[[Partition, str], None] | None = None,
) -> None:
    """Convert the partitions the manifest lacks, recording each as it finishes.

    First the entity records of every partition are read (cheap: no extraction), so
    that each worker knows every entity of the conversion in input order, as the first
    pass of a one-process run does; the records and articles of each partition are
    counted on the way (``on_counted``). Then each missing partition is converted on a
    worker.
    """
    distributed = _import_distributed()
    run = uuid.uuid4().hex[:12]
    partitions: Sequence[Partition] = manifest.partitions
    entity_futures = [client.submit(_task, read_entities, p.path, settings, key=f"crimegraph-entities-{run}-{p.index}",
                                    retries=retries, pure=False) for p in partitions]
    lists: list[list[Any]] = []
    counts: dict[int, dict[str, int]] = {}
    for partition, future in zip(partitions, entity_futures):
        try:
            found, counts[partition.index] = future.result()
        except Exception as exc:  # noqa: BLE001 - any failure of the worker, named
            raise ClusterError(f"reading the entities of partition {partition.describe()} failed: "
                               f"{type(exc).__name__}: {exc}") from None
        lists.append(found)
        future.release()
    if on_counted is not None:
        on_counted(counts)
    entities = [record for found in lists for record in found]
    [shared] = client.scatter([entities], broadcast=True, hash=False)
    futures = {}
    for partition in manifest.todo():
        target = str(manifest.folder / partition.part)
        future = client.submit(_task, convert_part, partition.path, settings, shared, partition.index, target, key=f"crimegraph-part-{run}-{partition.index}",
                               retries=retries, pure=False)
        futures[future] = partition
    for future in distributed.as_completed(list(futures)):
        partition = futures[future]
        if future.status == "finished":
            result = future.result()
            manifest.finished(result)
            if on_part is not None:
                on_part(partition, result)
        else:
            exc = future.exception()
            message = f"{type(exc).__name__}: {exc}"
            manifest.failure(partition, message)
            if on_failure is not None:
                on_failure(partition, message)
        future.release()


def worker_count(client: Any) -> int:
    with contextlib.suppress(Exception):
        return len(client.scheduler_info().get("workers", {}))
    return 0
