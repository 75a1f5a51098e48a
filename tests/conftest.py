"""Shared fixtures: paths to the shared corpus and small UCDP samples."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UCDP_FILE = ROOT.parent / "shared" / "corpus" / "ucdp-ged-mexico.csv"
if not UCDP_FILE.exists():  # a worktree under wt/: the shared folder is two levels up
    UCDP_FILE = ROOT.parents[1] / "shared" / "corpus" / "ucdp-ged-mexico.csv"


@pytest.fixture(scope="session")
def ucdp_file() -> Path:
    if not UCDP_FILE.exists():
        pytest.skip(f"the shared UCDP corpus is not at {UCDP_FILE}")
    return UCDP_FILE


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
