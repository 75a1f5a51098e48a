"""Conversion past one machine: the partitions of a conversion on a Dask cluster.

``crimegraph convert --cluster local:N`` (or ``tcp://host:8786``) and
``crimegraph.convert(..., cluster=...)`` split the inputs into partitions
(:mod:`~crimegraph.cluster.plan`), convert each on a worker with the same settings, and
write one N-Quads part per partition into an output folder with a manifest
(:mod:`~crimegraph.cluster.manifest`); :mod:`~crimegraph.cluster.run` talks to Dask.
The conversion itself is :mod:`crimegraph.convert`'s, handed in as functions: this
package knows partitions, folders and the cluster, not the pipeline. See
``docs/cluster.md`` for a deployment.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crimegraph.cluster.manifest import (
    MANIFEST,
    FolderError,
    Manifest,
    PartResult,
    input_fingerprint,
    located,
    open_folder,
    sha256_of,
)
from crimegraph.cluster.plan import DEFAULT_PARTITION_BYTES, Partition, plan_partitions
from crimegraph.cluster.run import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_RETRIES,
    ClusterError,
    ClusterRun,
    connect,
    run_partitions,
    worker_count,
)

__all__ = [
    "DEFAULT_PARTITION_BYTES", "DEFAULT_RETRIES", "MANIFEST", "ClusterError", "ClusterRun", "FolderError",
    "Manifest", "PartResult", "Partition", "connect", "located", "manifest_parts", "plan_partitions", "run_cluster",
    "sha256_of",
]


def run_cluster(
    inputs: Sequence[Path | str],
    output: Path | str,
    *,
    address: str,
    settings: Any,
    settings_record: dict[str, Any],
    read_entities: Callable[..., tuple[list[Any], dict[str, int]]],
    convert_part: Callable[..., PartResult],
    source: str | None = None,
    resume: bool = False,
    overwrite: bool = False,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    retries: int = DEFAULT_RETRIES,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    on_start: Callable[[ClusterRun], None] | None = None,
    on_counted: Callable[[ClusterRun], None] | None = None,
    on_part: Callable[[Partition, PartResult], None] | None = None,
    on_failure: Callable[[Partition, str], None] | None = None,
) -> ClusterRun:
    """Plan, check the folder, reach the cluster, convert what is missing.

    Nothing is written before the cluster answers. Partitions that still fail after
    their retries are listed in the result (and the manifest); the finished parts and
    the manifest stay consistent, so the same call with ``resume=True`` converts only
    what is missing. ``on_start`` is called once the cluster answers, ``on_counted``
    once the first pass has counted the records of every partition (``counts``).
    """
    start = time.perf_counter()
    if str(output) == "-":
        raise FolderError("a cluster run writes a folder of N-Quads parts; give it with -o FOLDER")
    folder = Path(output)
    if not address.startswith("local:"):
        # workers elsewhere run in other folders: they get the paths as seen from here,
        # absolute (the inputs and the output folder must be on storage they share)
        inputs = [p if str(p) == "-" else os.path.abspath(p) for p in inputs]
        folder = folder.absolute()
    partitions = plan_partitions(inputs, source, partition_bytes)
    fresh = Manifest(folder, settings_record, input_fingerprint([p.file for p in partitions]), partitions)
    open_folder(folder, fresh, resume=resume, overwrite=overwrite, dry=True)
    with connect(address, connect_timeout) as client:
        folder.mkdir(parents=True, exist_ok=True)
        manifest = open_folder(folder, fresh, resume=resume, overwrite=overwrite)
        redone = manifest.check_parts() if manifest is not fresh else []
        kept = sorted(manifest.parts)
        manifest.save()
        result = ClusterRun(folder, manifest, address, worker_count(client), kept=kept, redone=redone)
        if on_start is not None:
            on_start(result)
        if manifest.todo():
            def counted(counts: dict[int, dict[str, int]]) -> None:
                result.counts = counts
                if on_counted is not None:
                    on_counted(result)

            run_partitions(client, manifest, read_entities=read_entities, convert_part=convert_part, settings=settings,
                           retries=retries, on_counted=counted, on_part=on_part, on_failure=on_failure)
        manifest.save()
    result.seconds = time.perf_counter() - start
    return result


def manifest_parts(folder: Path | str) -> list[Path]:
    """The parts of a finished cluster run, checked against the manifest's checksums.

    :raises FolderError: if the run is not complete or a part is missing or changed.
    """
    manifest = Manifest.load(Path(folder))
    if not manifest.complete:
        missing = [p.describe() for p in manifest.todo()]
        raise FolderError(f"{folder}: the run is not complete ({len(manifest.parts)} of {len(manifest.partitions)} "
                          f"parts; missing {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}); finish it "
                          "with `crimegraph convert ... --cluster ADDRESS --resume -o FOLDER`")
    damaged = manifest.check_parts()
    if damaged:
        raise FolderError(f"{folder}: part(s) {', '.join(f'{i:05d}' for i in damaged)} are missing or differ from "
                          "the manifest's checksum; convert them again with --resume")
    return manifest.part_files()
