"""Separate conversion runs written as N-Quads files, and the union of such files: the
merge tests of issue 11 (tests/convert) compare and validate them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Dataset

from crimegraph.convert import convert
from crimegraph.rdf.io import RdfFormat, write_quads


def convert_to_nquads(inputs: list[Path], target: Path, **options: Any) -> Path:
    """Converts ``inputs`` in one run (no problem allowed) and writes its quads to ``target``."""
    result = convert(inputs, **options)
    assert not result.problems, [str(p) for p in result.problems][:5]
    write_quads(result.quads, target, RdfFormat.nquads)
    return target


def records_to_nquads(text: str, folder: Path, name: str, **options: Any) -> Path:
    """Writes the YAML records ``text`` to ``folder/name.yaml`` and converts them in one run
    to ``folder/name.nq``."""
    records = folder / f"{name}.yaml"
    records.write_text(text, encoding="utf-8")
    return convert_to_nquads([records], folder / f"{name}.nq", **options)


def union_of(files: list[Path]) -> Dataset:
    """The N-Quads files read into one dataset whose default graph is their union."""
    union = Dataset(default_union=True)
    for path in files:
        union.parse(path, format="nquads")
    return union
