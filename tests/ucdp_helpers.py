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
