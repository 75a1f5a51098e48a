"""Splitting the inputs of a conversion into partitions: whole files, and line ranges of
large JSON Lines and CSV files (articles, records, the UCDP GED CSV).

A line range is a :class:`~crimegraph.ingest.files.LineWindow`: the worker opens the
whole file and its reader keeps the records whose first line is in the range, so that
messages name the file and line exactly as a run over the whole file does. The ranges
of a file cover every line number once (the last one is open-ended), so every record
belongs to exactly one partition, whatever the reader counts as a line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from crimegraph.errors import InputError, Location
from crimegraph.ingest.files import LineWindow
from crimegraph.ingest.registry import SOURCES, detect_source, load_source_modules, splits_by_lines

#: Bytes of input per partition of a large line-based file (about 150 scraped articles,
#: or 1,000 UCDP rows): minutes of work for a worker, seconds for the scheduler.
DEFAULT_PARTITION_BYTES = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One piece of work: a whole file, or lines ``first_line`` ≤ n < ``end_line`` of it."""

    index: int
    file: str
    source: str | None  # the reader; None when it cannot be told (the worker then reports it)
    first_line: int | None = None
    end_line: int | None = None
    bytes: int = 0

    @property
    def part(self) -> str:
        """File name of the N-Quads part this partition is written to."""
        return f"part-{self.index:05d}.nq"

    @property
    def path(self) -> str:
        """What the worker reads: the file, or a window of its lines."""
        if self.first_line is None:
            return self.file
        return LineWindow(self.file, self.first_line, self.end_line)

    def describe(self) -> str:
        if self.first_line is None:
            return f"#{self.index} ({self.file})"
        last = f"{self.end_line - 1}" if self.end_line is not None else "end"
        return f"#{self.index} ({self.file} lines {self.first_line}-{last})"

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Partition":
        return cls(**data)


def plan_partitions(inputs: Sequence[Path | str], source: str | None = None,
                    partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Partition]:
    """Partitions of the inputs, in input order (the order a one-process run reads them).

    :raises InputError: for standard input, which cannot be sent to workers.
    """
    load_source_modules()
    if partition_bytes < 1:
        raise InputError(f"the partition size must be at least 1 byte, not {partition_bytes}")
    partitions: list[Partition] = []
    for given in inputs:
        name = str(given)
        if name == "-":
            raise InputError("a cluster run reads files that its workers can open; standard input cannot be "
                             "split or sent to workers (save it to a file on shared storage)")
        try:
            kind: str | None = source or detect_source(name)
        except InputError:
            kind = None  # the worker reports it as a local run does
        if kind is not None and kind not in SOURCES:
            kind = None
        try:
            size = os.stat(name).st_size
        except OSError:
            size = 0  # missing or unreadable: one partition, whose worker reports it
        if kind is None or size <= partition_bytes or not splits_by_lines(kind, name) or not os.path.isfile(name):
            partitions.append(Partition(len(partitions), name, kind, bytes=size))
            continue
        for first, end, length in _line_ranges(name, partition_bytes):
            partitions.append(Partition(len(partitions), name, kind, first, end, length))
    return partitions


def _line_ranges(path: str, partition_bytes: int) -> list[tuple[int, int | None, int]]:
    """(first line, end line, bytes) of consecutive pieces of about ``partition_bytes``,
    cut after a newline; the last piece is open-ended."""
    ranges: list[tuple[int, int | None, int]] = []
    first, line, size = 1, 1, 0
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                line += 1
                size += len(raw)
                if size >= partition_bytes:
                    ranges.append((first, line, size))
                    first, size = line, 0
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", Location(file=path)) from None
    if size or not ranges:
        ranges.append((first, None, size))
    else:  # the file ended exactly at a cut: the last piece takes the rest (nothing)
        last_first, _, last_size = ranges.pop()
        ranges.append((last_first, None, last_size))
    return ranges
