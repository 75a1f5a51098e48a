"""Locate the data files that ship with crimegraph.

Ontology, shapes, queries, record schema and curated data are data files kept at the
repository root. A wheel carries them under ``crimegraph/_resources``; an editable
install (or a source checkout) reads them from the repository root.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "_resources"
_CHECKOUT = Path(__file__).resolve().parents[2]

KINDS = ("ontology", "shapes", "queries", "schema", "data")


@cache
def resource_dir(kind: str) -> Path:
    """Return the folder holding one kind of shipped data file.

    >>> resource_dir("ontology").name
    'ontology'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; allowed: {', '.join(KINDS)}")
    for root in (_PACKAGED, _CHECKOUT):
        candidate = root / kind
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"crimegraph's {kind}/ folder is missing from the installation")


def resource(kind: str, name: str) -> Path:
    """Path of one shipped file, e.g. ``resource("shapes", "crimegraph-shapes.ttl")``."""
    path = resource_dir(kind) / name
    if not path.exists():
        raise FileNotFoundError(f"crimegraph resource {kind}/{name} is missing from the installation")
    return path


ONTOLOGY_FILE = "crimegraph.ttl"
SHAPES_FILE = "crimegraph-shapes.ttl"
RECORD_SCHEMA_FILE = "records.schema.json"
JSONLD_CONTEXT_FILE = "context.jsonld"


def package_version() -> str:
    """The installed crimegraph's version ("0" when running from a bare checkout)."""
    try:
        return version("crimegraph")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"
