"""An entity page's pictures in headless Chromium: the map, the timeline and the network
render with the number of marks the store's data call for, under the page's
Content-Security-Policy (no eval: Vega runs with its expression interpreter), and nothing
is fetched from anywhere but the server.

``CRIMEGRAPH_SCREENSHOT=1`` also writes the screenshot to ``docs/screenshot-entity.png``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.serve.test_serve import Server, build_store, start_server, stop_server
from tests.serve.test_serve_browser import _requested_urls, browser  # noqa: F401  (the fixture)
from tests.ucdp_helpers import ucdp_path, write_ucdp

pytestmark = pytest.mark.service

SINALOA = "https://w3id.org/crimegraph/id/organization/sinaloa-cartel"
#: UCDP rows of the Sinaloa Cartel's war years, a known slice of the real data.
YEARS = ("2008", "2009")


@pytest.fixture(scope="module")
def known_store(tmp_path_factory: pytest.TempPathFactory, example_nquads: Path) -> Path:
    import csv

    from crimegraph.convert import Converter
    from crimegraph.rdf.io import RdfFormat, write_quads

    folder = tmp_path_factory.mktemp("pictures")
    with ucdp_path().open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = [r for r in reader if r["date_start"][:4] in YEARS and "Sinaloa" in (r["side_a"] + r["side_b"])]
    assert len(rows) > 100
    ucdp = write_ucdp(folder / "slice.csv", header, rows)
    out = folder / "ucdp.nq"
    write_quads(Converter(source="ucdp-ged").quads([ucdp]), out, RdfFormat.nquads, unique=True)
    both = folder / "both.nq"
    both.write_text(example_nquads.read_text(encoding="utf-8") + out.read_text(encoding="utf-8"), encoding="utf-8")
    return build_store(folder, both)


@pytest.fixture(scope="module")
def pictures_server(known_store: Path) -> Iterator[Server]:
    running = start_server(known_store, "--workers", "2")
    try:
        yield running
    finally:
        stop_server(running.process)


def expected(store: Path, iri: str):
    from crimegraph.query import execute
    from crimegraph.query.pictures import gather
    from crimegraph.store import LocalStore

    local = LocalStore.open_read_only(store)
    try:
        return gather(iri, lambda name, params: execute(local, name, dict(params))[0], local.query)
    finally:
        local.close()


def drawn(driver, url: str) -> dict[str, tuple[str, int, str]]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(
        "const f = document.querySelectorAll('figure.picture'); return f.length === 3 && "
        "[...f].every(x => x.dataset.state !== 'loading')"))
    return {kind: tuple(v) for kind, v in driver.execute_script(
        "const out = {}; for (const f of document.querySelectorAll('figure.picture')) "
        "out[f.dataset.kind] = [f.dataset.state, Number(f.dataset.marks || 0), f.querySelector('.picture-body').textContent]; "
        "return out").items()}


def test_pictures_render_with_the_marks_the_data_call_for(pictures_server: Server, known_store: Path, browser, tmp_path: Path) -> None:  # noqa: F811
    p = expected(known_store, SINALOA)
    assert len(p.places) > 10 and len(p.months) > 10 and len(p.edges) >= 2, "the slice gives every picture something to draw"
    figures = drawn(browser, pictures_server.url + "id/organization/sinaloa-cartel")
    assert figures["map"][:2] == ("drawn", len(p.places)), figures["map"]
    assert figures["timeline"][:2] == ("drawn", len(p.months)), figures["timeline"]
    assert figures["network"][:2] == ("drawn", len(p.edges) + len(p.nodes)), figures["network"]
    # the base map's borders are drawn too, from the package
    assert browser.execute_script("return document.querySelectorAll(\"figure[data-kind='map'] g.mark-shape path\").length") > 100

    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, min(int(height) + 140, 3000))
    screenshot = tmp_path / "screenshot-entity.png"
    browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 20_000
    if os.environ.get("CRIMEGRAPH_SCREENSHOT"):
        shutil.copyfile(screenshot, ROOT / "docs" / "screenshot-entity.png")

    urls = [u for u in _requested_urls(browser) if u.startswith(("http:", "https:"))]
    assert urls and all(u.startswith(pictures_server.url) for u in urls), [u for u in urls if not u.startswith(pictures_server.url)]
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not severe, severe  # a CSP violation (eval) would be reported here


def test_a_picture_with_nothing_to_draw_says_so(pictures_server: Server, browser) -> None:  # noqa: F811
    # Notimex, a news agency of the examples, takes part in no event
    figures = drawn(browser, pictures_server.url + "id/organization/notimex")
    for kind in ("map", "timeline", "network"):
        state, marks, text = figures[kind]
        assert (state, marks) == ("empty", 0), (kind, figures[kind])
        assert "nothing to draw" in text.lower() or "no network to draw" in text.lower(), (kind, text)


RESULT_QUERY = """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <http://schema.org/>
SELECT ?event ?date ?type ?lat ?long ?deaths WHERE {
  ?event sem:hasBeginTimeStamp ?date ; sem:eventType ?type ; sem:hasPlace ?place .
  ?place schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?long .
  OPTIONAL { ?event <https://w3id.org/crimegraph/ontology#fatalities> ?deaths }
} ORDER BY ?date LIMIT 400"""


def test_the_query_page_draws_a_result_and_reads_its_values(pictures_server: Server, known_store: Path, browser) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    from crimegraph.query.pictures import result_pictures
    from crimegraph.store import LocalStore

    local = LocalStore.open_read_only(known_store)
    try:
        specs = result_pictures(local.query(RESULT_QUERY))
    finally:
        local.close()
    assert specs["map"] and specs["timeline"] and specs["network"] is None
    points = len(specs["map"]["layer"][-1]["data"]["values"])
    bars = len(specs["timeline"]["data"]["values"])

    wait = WebDriverWait(browser, 60)
    browser.get(pictures_server.url)
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".yasqe .CodeMirror")))
    browser.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", RESULT_QUERY)
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait.until(lambda d: d.find_element(By.ID, "result-pictures").get_attribute("data-state") in ("drawn", "failed", "empty"))
    assert browser.find_element(By.ID, "result-pictures").get_attribute("data-state") == "drawn"
    marks = browser.execute_script("return Object.fromEntries([...document.querySelectorAll('#result-pictures figure')].map(f => [f.dataset.kind, Number(f.dataset.marks)]))")
    assert marks == {"map": points, "timeline": bars}

    # dates and numbers in the table read as people read them; a click shows the typed value
    cell = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".yasr table span.nonIri[data-typed]")))
    shown = cell.find_element(By.CSS_SELECTOR, ".readable-value")
    assert shown.is_displayed() and "^^" not in cell.text
    assert any(month in shown.text for month in ("January", "February", "March", "April", "May", "June", "July",
                                                  "August", "September", "October", "November", "December")), shown.text
    if os.environ.get("CRIMEGRAPH_SCREENSHOT"):
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1400, min(int(height) + 140, 3000))
        browser.save_screenshot(str(ROOT / "docs" / "screenshot-query-pictures.png"))
    shown.click()
    assert cell.get_attribute("data-typed") == "shown-typed" and "^^" in cell.text
    urls = [u for u in _requested_urls(browser) if u.startswith(("http:", "https:"))]
    assert all(u.startswith(pictures_server.url) for u in urls), [u for u in urls if not u.startswith(pictures_server.url)]
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not severe, severe
