"""Shared test fixtures and the rule for tests that need a real service.

Tests marked ``@pytest.mark.service`` need a program or server that a developer's
machine may lack (rapper, Virtuoso, Chromium). They skip with a reason locally, but
under ``CI=true`` a skip of such a test is turned into a failure: CI installs them and
must run them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_program(name: str) -> str:
    """Path of a program the test needs; skip (locally) or fail (in CI) without it."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (CI installs it with .ci/services.sh)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and item.get_closest_marker("service") is not None:
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"service test skipped under CI=true, which counts as a failure: {reason}"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: tests read the shared corpus beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def ucdp_file() -> Path:
    """The shared UCDP GED Mexico slice (read-only)."""
    from tests.ucdp_helpers import ucdp_path

    return ucdp_path()


@pytest.fixture(scope="session")
def ucdp_converted(ucdp_file, tmp_path_factory):
    """The whole UCDP file converted once to N-Quads: (path, converter stats)."""
    from crimegraph.pipeline import Converter
    from crimegraph.rdf.formats import RdfFormat, write_quads

    out = tmp_path_factory.mktemp("ucdp-whole") / "ucdp.nq"
    converter = Converter(source="ucdp-ged")
    write_quads(converter.quads([ucdp_file]), out, RdfFormat.nquads, unique=True)
    return out, converter.stats
