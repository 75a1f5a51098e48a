"""Helpers for the UCDP tests: where the shared UCDP file is, and small samples of it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# beside the repository (CI's layout), or two levels up (a git worktree under wt/)
CANDIDATES = [ROOT.parent / "shared", ROOT.parents[1] / "shared"]
UCDP_NAME = "corpus/ucdp-ged-mexico.csv"


def ucdp_path() -> Path:
    for folder in CANDIDATES:
        if (folder / UCDP_NAME).exists():
            return folder / UCDP_NAME
    pytest.fail(f"the shared UCDP corpus is missing (looked in {', '.join(map(str, CANDIDATES))})")


def ucdp_rows(path: Path, ids: set[str]) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), [row for row in reader if row["id"] in ids]


def write_ucdp(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


#: The UCDP rows of :func:`two_releases`: 182027 is revised in the second release, 182028 is not.
REVISED_ID, KEPT_ID = "182027", "182028"


def two_releases(ucdp_file: Path, folder: Path) -> tuple[list[Path], dict[str, str], dict[str, str]]:
    """Two releases of UCDP rows 182027 and 182028, converted in separate runs to
    N-Quads: the second gives 182027 another best estimate, start date and citation
    (two versions of that event) and 182028 unchanged (one version). Returns the files,
    the original row of 182027 and its revision."""
    from crimegraph.convert import Converter
    from crimegraph.rdf.io import RdfFormat, write_quads

    header, rows = ucdp_rows(ucdp_file, {REVISED_ID, KEPT_ID})
    assert len(rows) == 2
    original = next(r for r in rows if r["id"] == REVISED_ID)
    revised = {**original, "best": str(int(original["best"]) + 2), "high": str(int(original["high"]) + 2),
               "date_start": "1992-09-02", "source_article": "A revised test citation"}
    files = []
    for name, release in (("first", rows), ("second", [revised if r["id"] == REVISED_ID else r for r in rows])):
        csv_file = write_ucdp(folder / f"ged-{name}.csv", header, release)
        out = folder / f"{name}.nq"
        write_quads(Converter(source="ucdp-ged").quads([csv_file]), out, RdfFormat.nquads, unique=True)
        files.append(out)
    return files, original, revised
