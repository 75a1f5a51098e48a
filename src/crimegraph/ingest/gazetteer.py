"""The shipped gazetteer: curated organizations, people and places (``data/gazetteer/``).

One loader, read once per process and checked like any record file: every other part of
crimegraph (the converter's registry, the extractor's matcher, the UCDP reader, the
evaluation) takes its records from :func:`gazetteer_records`.

>>> records = gazetteer_records()
>>> any(r.key == "sinaloa-cartel" for r in records)
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from crimegraph.errors import CrimegraphError, InputError
from crimegraph.model import Organization, Person, Place
from crimegraph.resources import resource_dir

GazetteerRecord = Organization | Person | Place
#: How a gazetteer entry is cited as its own source (data/sources.yaml finds it by this).
GAZETTEER_SOURCE = "crimegraph gazetteer"


def gazetteer_files() -> list[Path]:
    """The curated entity records shipped in ``data/gazetteer/`` (YAML, record format)."""
    folder = resource_dir("data") / "gazetteer"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


@cache
def _load() -> tuple[GazetteerRecord, ...]:
    from crimegraph.ingest.records import read_records, to_model

    records: list[GazetteerRecord] = []
    for path in gazetteer_files():
        for item in read_records(path):
            if isinstance(item, CrimegraphError):
                raise InputError(f"the shipped gazetteer is broken: {item}")
            try:
                record = to_model(item)
            except CrimegraphError as exc:
                raise InputError(f"the shipped gazetteer is broken: {exc}") from exc
            if isinstance(record, (Organization, Person, Place)):
                # the entry itself is a source of what is written about the entity
                record.sources.insert(0, f"{GAZETTEER_SOURCE} (data/{path.parent.name}/{path.name})")
                records.append(record)
    return tuple(records)


def gazetteer_records() -> list[GazetteerRecord]:
    """Every organization, person and place of the gazetteer, in file order (cached)."""
    return list(_load())
