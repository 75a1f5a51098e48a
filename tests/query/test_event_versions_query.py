"""The catalog query event-versions: the versions of an event by its id, written as UCDP
gives it (ucdp-ged:182027), as the head of its IRI (ucdp-ged-182027) or as an IRI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.store import LocalStore, rdf_source
from tests.ucdp_helpers import KEPT_ID, REVISED_ID, two_releases

runner = CliRunner()
BASE = "https://w3id.org/crimegraph/id/"


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory, ucdp_file: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    folder = tmp_path_factory.mktemp("event-versions")
    files, original, revised = two_releases(ucdp_file, folder)
    store = LocalStore(folder / "store", create=True)
    store.load([rdf_source(f) for f in files])
    return folder / "store", original, revised


def rows(store: Path, value: str) -> list[dict[str, str]]:
    out = runner.invoke(app, ["query", "event-versions", "-p", f"id={value}", "--store", str(store), "-f", "csv"])
    assert out.exit_code == 0, out.output
    return list(csv.DictReader(io.StringIO(out.stdout)))


def test_the_versions_of_a_ucdp_event_with_source_date_and_deaths(releases) -> None:
    store, original, revised = releases
    found = rows(store, f"ucdp-ged-{REVISED_ID}")
    assert len({r["event"] for r in found}) == 2
    assert all(r["event"].startswith(f"{BASE}event/ucdp-ged-{REVISED_ID}-") for r in found)
    assert {r["identifier"] for r in found} == {f"ucdp-ged:{REVISED_ID}"}
    said = {(r["date"], int(r["fatalities"])) for r in found}
    assert said == {(original["date_start"][:10], int(original["best"])), ("1992-09-02", int(original["best"]) + 2)}
    revised_rows = [r for r in found if r["sourceLabel"] == revised["source_article"]]
    assert len(revised_rows) == 1 and revised_rows[0]["date"] == "1992-09-02" and revised_rows[0]["source"]
    # the id as UCDP writes it, and as a link by id or to one version writes it, find the same
    assert rows(store, f"ucdp-ged:{REVISED_ID}") == found
    assert rows(store, f"{BASE}event/ucdp-ged-{REVISED_ID}") == found
    assert rows(store, found[0]["event"]) == found
    assert len({r["event"] for r in rows(store, f"ucdp-ged-{KEPT_ID}")}) == 1
    assert rows(store, "ucdp-ged-999999999") == []


def test_a_bad_event_id_is_a_clear_error(releases) -> None:
    store = releases[0]
    for value, message in ((" ", "an empty event id"), ("https://example.org/place/x", "is not an event IRI")):
        out = runner.invoke(app, ["query", "event-versions", "-p", f"id={value}", "--store", str(store)])
        assert out.exit_code != 0 and message in out.output and "Traceback" not in out.output
