"""The output folder of a cluster run: N-Quads parts and ``manifest.json``.

Layout::

    out/
        manifest.json       what the run is (settings, inputs, partitions) and which parts
                            are finished, with their figures and sha256 checksums
        part-00000.nq       one N-Quads file per partition, written whole (temporary
        part-00001.nq       file + rename) by the worker that converted it
        ...

Only the client writes the manifest, after each finished partition (temporary file +
rename), so that at any moment it lists exactly the parts that are complete. A part
the manifest does not list, or whose checksum differs, is converted again by
``--resume``; a folder holding the parts of another run is refused unless ``--resume``
(same settings and inputs) or ``--overwrite``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crimegraph.cluster.plan import Partition
from crimegraph.errors import CrimegraphError, InputError, Location
from crimegraph.rdf.io import atomic_output

MANIFEST = "manifest.json"
FORMAT = "crimegraph-parts/1"
PART_NAME = re.compile(r"^part-\d{5,}\.nq$")


class FolderError(CrimegraphError):
    """The output folder cannot take this run."""


@dataclass
class PartResult:
    """What a worker reports for one converted partition."""

    partition: int
    part: str
    records: int = 0
    articles: int = 0
    events: int = 0
    entities: int = 0  # entity descriptions in this part (an entity may be described in several)
    triples: int = 0
    rejected: int = 0
    read: int = 0
    warnings: int = 0
    repeats: int = 0
    files_rejected: int = 0
    bytes: int = 0
    sha256: str = ""
    seconds: float = 0.0
    worker: str = ""
    problems: list[str] = field(default_factory=list)  # rejections, as a local run prints them
    warning_messages: list[str] = field(default_factory=list)  # converted anyway

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def located(text: str, file: str) -> tuple[str, Location]:
    """A problem as a part records it (the error as printed: ``FILE:LINE, record N:
    message``) back as its message and location, so that it prints the same and counts
    with the problems of its kind as in a local run. Text that does not name ``file``
    first stays whole, without a location."""
    match = re.match(re.escape(file) + r"(?::(\d+)(?::(\d+))?)?(?:, record (\d+))?(?:, field '([^']*)')?: (.*)\Z",
                     text, re.DOTALL)
    if match:
        line, column, record, name, message = match.groups()
        where = Location(file=file, line=int(line) if line else None, column=int(column) if column else None,
                         record=int(record) if record else None, field=name)
        if str(CrimegraphError(message, where)) == text:
            return message, where
    return text, Location()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def input_fingerprint(files: list[str]) -> list[dict[str, Any]]:
    """Each input's path, size and modification time: a resumed run must read the same."""
    found = []
    for name in dict.fromkeys(files):
        try:
            st = os.stat(name)
            found.append({"path": name, "bytes": st.st_size, "mtime_ns": st.st_mtime_ns})
        except OSError:
            found.append({"path": name, "bytes": None, "mtime_ns": None})
    return found


class Manifest:
    """The manifest of one output folder (see the module's docstring)."""

    def __init__(self, folder: Path, settings: dict[str, Any], inputs: list[dict[str, Any]],
                 partitions: list[Partition], run: str | None = None) -> None:
        self.folder = folder
        self.settings = settings
        self.inputs = inputs
        self.partitions = partitions
        self.run = run or uuid.uuid4().hex
        self.parts: dict[int, PartResult] = {}
        self.failed: dict[int, str] = {}
        self.started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST

    @property
    def complete(self) -> bool:
        return not self.failed and len(self.parts) == len(self.partitions)

    def todo(self) -> list[Partition]:
        return [p for p in self.partitions if p.index not in self.parts]

    def finished(self, result: PartResult) -> None:
        self.parts[result.partition] = result
        self.failed.pop(result.partition, None)
        self.save()

    def failure(self, partition: Partition, message: str) -> None:
        self.failed[partition.index] = message
        self.save()

    def as_dict(self) -> dict[str, Any]:
        parts = [self.parts[i].as_dict() for i in sorted(self.parts)]
        totals = {key: sum(p[key] for p in parts) for key in
                  ("records", "articles", "events", "triples", "rejected", "warnings", "read", "bytes")}
        return {
            "format": FORMAT,
            "run": self.run,
            "started": self.started,
            "complete": self.complete,
            "settings": self.settings,
            "inputs": self.inputs,
            "partitions": [p.as_dict() for p in self.partitions],
            "totals": totals,
            "parts": parts,
            "failed": [{"partition": i, "error": self.failed[i]} for i in sorted(self.failed)],
        }

    def save(self) -> None:
        with atomic_output(self.path) as handle:
            json.dump(self.as_dict(), handle, indent=1, ensure_ascii=False)
            handle.write("\n")

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT!r}")
            manifest = cls(folder, data["settings"], data["inputs"],
                           [Partition.from_dict(p) for p in data["partitions"]], run=data["run"])
            manifest.started = data.get("started", manifest.started)
            for item in data["parts"]:
                result = PartResult(**item)
                manifest.parts[result.partition] = result
            manifest.failed = {f["partition"]: f["error"] for f in data.get("failed", [])}
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", Location(file=str(path))) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a crimegraph manifest: {exc}", Location(file=str(path))) from None
        return manifest

    def check_parts(self) -> list[int]:
        """Drop finished parts that are missing or whose checksum differs (they are
        converted again); returns their partition numbers."""
        bad = []
        for index, result in list(self.parts.items()):
            part = self.folder / result.part
            if not part.is_file() or part.stat().st_size != result.bytes or sha256_of(part) != result.sha256:
                bad.append(index)
                del self.parts[index]
        return bad

    def part_files(self) -> list[Path]:
        """The finished parts, in partition order."""
        return [self.folder / self.parts[i].part for i in sorted(self.parts)]


def existing_parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if PART_NAME.match(p.name)) if folder.is_dir() else []


def open_folder(folder: Path, fresh: Manifest, *, resume: bool, overwrite: bool, dry: bool = False) -> Manifest:
    """The manifest to work with: ``fresh``, or the folder's own when resuming;
    ``dry`` checks without removing anything (``overwrite`` removes the old parts).

    :raises FolderError: when the folder holds another run's parts and neither
        ``resume`` nor ``overwrite`` is given, or ``resume`` finds a run of other
        settings or inputs.
    """
    if folder.exists() and not folder.is_dir():
        raise FolderError(f"{folder} is a file; the output of a cluster run is a folder (of N-Quads parts and a manifest)")
    has_manifest = (folder / MANIFEST).is_file()
    parts = existing_parts(folder)
    if not has_manifest and not parts:
        if folder.is_dir() and any(folder.iterdir()) and not overwrite:
            raise FolderError(f"{folder} is not empty and holds no crimegraph parts; choose a new or empty folder "
                              "(or --overwrite to write the parts beside what is there)")
        return fresh
    if overwrite:
        if dry:
            return fresh
        for part in parts:
            part.unlink()
        (folder / MANIFEST).unlink(missing_ok=True)
        return fresh
    what = f"{len(parts)} part(s)" + (" and a manifest" if has_manifest else " and no manifest")
    if not resume:
        raise FolderError(f"{folder} holds the parts of another run ({what}); use --resume to continue it "
                          "or --overwrite to replace it")
    if not has_manifest:
        raise FolderError(f"{folder} holds {what}: there is nothing to resume from; use --overwrite")
    old = Manifest.load(folder)
    differences = [name for name, a, b in (("settings", old.settings, fresh.settings),
                                           ("inputs", old.inputs, fresh.inputs),
                                           ("partitions", [p.as_dict() for p in old.partitions],
                                            [p.as_dict() for p in fresh.partitions])) if a != b]
    if differences:
        raise FolderError(f"{folder} holds a run with other {' and '.join(differences)}; --resume continues only "
                          "the same conversion of the same (unchanged) inputs — use --overwrite to start over")
    old.failed = {}
    return old
