"""The query page end to end in headless Chromium (Debian's ``chromium`` and
``chromium-driver``): pick a named question, fill in a parameter, run it, read the
result table, follow an IRI to its description — and nothing is fetched from anywhere
but the server.

``CRIMEGRAPH_SCREENSHOT=1`` also writes the screenshot to ``docs/screenshot-serve.png``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_service
from tests.serve.test_serve import Server, build_store, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1400,1000",
]

pytestmark = pytest.mark.service


@pytest.fixture(scope="module")
def page_server(tmp_path_factory: pytest.TempPathFactory, example_nquads: Path) -> Iterator[Server]:
    store = build_store(tmp_path_factory.mktemp("browser"), example_nquads)
    running = start_server(store, "--workers", "2")
    try:
        yield running
    finally:
        stop_server(running.process)


@pytest.fixture()
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    require_service("Chromium", Path(CHROMIUM).is_file() and shutil.which(CHROMIUM) is not None,
                    "install Debian's chromium (.ci/services.sh)")
    require_service("ChromeDriver", Path(CHROMEDRIVER).is_file(), "install Debian's chromium-driver (.ci/services.sh)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        require_service("selenium", False, "pip install -e '.[test]'")
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium-manager must never download a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # the driver path is given explicitly, so selenium-manager is not consulted
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER, log_output=str(tmp_path / "chromedriver.log")), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _requested_urls(driver: object) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_catalog_question_in_the_page(page_server: Server, browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser
    wait = WebDriverWait(driver, 30)
    driver.get(page_server.url)  # type: ignore[attr-defined]
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#catalog-form[data-ready='true']")))
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".yasqe .CodeMirror")))

    Select(driver.find_element(By.ID, "catalog-query")).select_by_value("who-did-what-where")  # type: ignore[attr-defined]
    actor = wait.until(ready.presence_of_element_located((By.ID, "param-actor")))
    actor.send_keys("Sinaloa Cartel")
    driver.find_element(By.ID, "catalog-run").click()  # type: ignore[attr-defined]

    cell = wait.until(ready.presence_of_element_located((By.XPATH, "//div[contains(@class,'yasr')]//table//td[contains(., 'Sinaloa Cartel')]")))
    assert cell.is_displayed()
    table_text = driver.find_element(By.CSS_SELECTOR, ".yasr table").text  # type: ignore[attr-defined]
    assert "Central America" in table_text  # the place of the Sinaloa Cartel's event
    assert "VALUES" in driver.execute_script("return document.querySelector('.CodeMirror').CodeMirror.getValue()")  # type: ignore[attr-defined]

    height = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    driver.set_window_size(1400, min(int(height) + 140, 2400))  # type: ignore[attr-defined]  # the whole page in the picture
    screenshot = tmp_path / "screenshot-serve.png"
    driver.save_screenshot(str(screenshot))  # type: ignore[attr-defined]
    assert screenshot.stat().st_size > 10_000
    if os.environ.get("CRIMEGRAPH_SCREENSHOT"):
        target = ROOT / "docs" / "screenshot-serve.png"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(screenshot, target)

    # IRIs in the table lead to their description on this server
    links = driver.find_elements(By.CSS_SELECTOR, ".yasr table a.iri")  # type: ignore[attr-defined]
    hrefs = [a.get_attribute("href") for a in links]
    assert hrefs and all(h.startswith(page_server.url + "describe?iri=") for h in hrefs if "crimegraph/id/" in h)
    sinaloa = next(h for h in hrefs if "sinaloa-cartel" in h)
    driver.get(sinaloa)  # type: ignore[attr-defined]
    assert wait.until(ready.presence_of_element_located((By.TAG_NAME, "h1"))).text == "Sinaloa Cartel"

    # everything the browser asked for came from the server (no CDN, no web service)
    urls = [u for u in _requested_urls(driver) if u.startswith(("http:", "https:"))]
    assert urls and all(u.startswith(page_server.url) for u in urls), [u for u in urls if not u.startswith(page_server.url)]
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]  # type: ignore[attr-defined]
    assert not severe, severe


def test_sparql_written_in_the_editor(page_server: Server, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    wait = WebDriverWait(driver, 30)
    driver.get(page_server.url)  # type: ignore[attr-defined]
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".yasqe .CodeMirror")))
    query = "SELECT ?name WHERE { ?org <http://www.w3.org/2004/02/skos/core#altLabel> ?name } ORDER BY ?name"
    driver.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", query)  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()  # type: ignore[attr-defined]
    wait.until(ready.presence_of_element_located((By.XPATH, "//div[contains(@class,'yasr')]//table//td[contains(., 'Cartel de Sinaloa')]")))


def test_a_bad_parameter_is_explained_on_the_page(page_server: Server, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    wait = WebDriverWait(driver, 30)
    driver.get(page_server.url + "#who-did-what-where")  # type: ignore[attr-defined]
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#catalog-form[data-ready='true']")))
    assert driver.find_element(By.ID, "catalog-query").get_attribute("value") == "who-did-what-where"  # type: ignore[attr-defined]
    driver.find_element(By.ID, "param-from").send_keys("last week")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "catalog-run").click()  # type: ignore[attr-defined]
    wait.until(ready.text_to_be_present_in_element((By.ID, "catalog-status"), "YYYY"))


def test_a_graph_question_in_the_page(page_server: Server, browser: object) -> None:
    """A CONSTRUCT from the catalog (everything about an entity) is shown too."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    wait = WebDriverWait(driver, 30)
    driver.get(page_server.url + "#describe-entity")  # type: ignore[attr-defined]
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#catalog-form[data-ready='true']")))
    driver.find_element(By.ID, "param-entity").send_keys("CICIG")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "catalog-run").click()  # type: ignore[attr-defined]
    wait.until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, ".yasr"), "Impunity in Guatemala"))
