"""Links by event id (docs/identity.md): ``/id/event/ucdp-ged-182027`` names no node since
events with an id are minted ``event/<id>-<digest>``; the server answers 303 to the one
version of the event, 300 with the versions when two releases state it differently, and
404 for an id no event carries."""

from __future__ import annotations

import http.client
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from tests.serve.test_serve import Server, build_store, start_server, stop_server
from tests.ucdp_helpers import KEPT_ID, REVISED_ID, two_releases

BASE = "https://w3id.org/crimegraph/id/"
CG = "https://w3id.org/crimegraph/ontology#"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, ucdp_file: Path, example_nquads: Path) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("event-links")
    files, _, _ = two_releases(ucdp_file, folder)
    data = folder / "data.nq"
    data.write_text("".join(p.read_text(encoding="utf-8") for p in [example_nquads, *files]), encoding="utf-8")
    running = start_server(build_store(folder, data))
    try:
        yield running
    finally:
        stop_server(running.process)


def get(server: Server, path: str, accept: str = "text/html") -> tuple[int, dict[str, str], str]:
    """Status, headers and body of one GET, redirects not followed."""
    parts = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        connection.close()


def test_a_bare_id_of_one_version_is_303_to_it(served: Server) -> None:
    status, headers, _ = get(served, f"/id/event/ucdp-ged-{KEPT_ID}")
    assert status == 303 and headers["Vary"] == "Accept"
    location = headers["Location"]
    assert location.startswith(f"/id/event/ucdp-ged-{KEPT_ID}-") and len(location) == len(f"/id/event/ucdp-ged-{KEPT_ID}-") + 12
    status, _, page = get(served, location)
    assert status == 200 and f"ucdp-ged:{KEPT_ID}" in page
    # an RDF client is sent to the same place, and a format parameter goes along
    assert get(served, f"/id/event/ucdp-ged-{KEPT_ID}", "text/turtle")[1]["Location"] == location
    status, headers, _ = get(served, f"/id/event/ucdp-ged-{KEPT_ID}?format=turtle")
    assert status == 303 and headers["Location"] == location + "?format=turtle"
    status, headers, text = get(served, headers["Location"])
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert (URIRef(BASE + location.removeprefix("/id/")), DCTERMS.identifier, Literal(f"ucdp-ged:{KEPT_ID}")) in Graph().parse(data=text, format="turtle")


def test_a_bare_id_of_two_versions_is_300_with_their_sources_and_differences(served: Server) -> None:
    status, headers, page = get(served, f"/id/event/ucdp-ged-{REVISED_ID}")
    assert status == 300 and headers["Content-Type"].startswith("text/html") and headers["Vary"] == "Accept"
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 2
    assert all(f'href="/id/event/ucdp-ged-{REVISED_ID}-' in row for row in rows)
    assert sum("A revised test citation" in row for row in rows) == 1  # each version with its source
    assert "cg:fatalities" in page and "sem:hasBeginTimeStamp" in page  # what differs is a column
    assert "1992-09-02" in page and f"<code>ucdp-ged:{REVISED_ID}</code>" in page
    assert "cg:confidence" not in page  # what is the same is not


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_the_versions_answer_rdf_clients(served: Server, accept: str, fmt: str) -> None:
    status, headers, text = get(served, f"/id/event/ucdp-ged-{REVISED_ID}", accept)
    assert status == 300 and headers["Content-Type"].startswith(accept)
    graph = Graph().parse(data=text, format=fmt)
    versions = set(graph.objects(URIRef(f"{BASE}event/ucdp-ged-{REVISED_ID}"), DCTERMS.hasVersion))
    assert len(versions) == 2
    deaths = {int(graph.value(v, URIRef(CG + "fatalities"))) for v in versions}
    assert len(deaths) == 2 and max(deaths) - min(deaths) == 2
    assert all(graph.value(v, DCTERMS.source) is not None for v in versions)
    assert all(graph.value(v, DCTERMS.identifier) == Literal(f"ucdp-ged:{REVISED_ID}") for v in versions)


def test_an_id_no_event_carries_is_still_404(served: Server) -> None:
    for path in ("/id/event/ucdp-ged-999999999", f"/id/event/ucdp-ged-{REVISED_ID}-000000000000", "/id/event/ucdp-ged"):
        status, _, page = get(served, path)
        assert status == 404, path
        assert "The store says nothing about this IRI" in page
    assert get(served, "/id/event/ucdp-ged-999999999", "text/turtle")[0] == 404
