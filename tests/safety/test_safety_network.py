"""Nothing is fetched: parsing and validating never reach a server the user did not
name. A loopback server records every request; the tests fail if any arrives."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crimegraph.cli import app

runner = CliRunner()


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        _Recorder.requests.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _check_nothing_fetched(server: str, tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content.replace("SERVER", server))
    result = runner.invoke(app, ["validate", str(path)])
    assert _Recorder.requests == [], f"crimegraph fetched {_Recorder.requests}"
    assert "Traceback" not in result.output
    return result.output


def test_server_fixture_records_requests(server: str) -> None:
    import urllib.request

    urllib.request.urlopen(server + "/probe", timeout=5).read()
    assert _Recorder.requests == ["/probe"]


def test_remote_jsonld_context_is_not_fetched(server: str, tmp_path: Path) -> None:
    out = _check_nothing_fetched(server, tmp_path, "a.jsonld",
                                 '{"@context": "SERVER/ctx.jsonld", "@id": "http://e.org/a", "name": "x"}')
    assert "remote JSON-LD context" in out


def test_nested_and_imported_contexts_are_not_fetched(server: str, tmp_path: Path) -> None:
    out = _check_nothing_fetched(server, tmp_path, "b.jsonld",
                                 '{"@graph": [{"@context": ["SERVER/ctx.jsonld"], "@id": "http://e.org/a"}]}')
    assert "remote JSON-LD context" in out
    out = _check_nothing_fetched(server, tmp_path, "c.jsonld",
                                 '{"@context": {"@import": "SERVER/ctx.jsonld"}, "@id": "http://e.org/a"}')
    assert "@import" in out


def test_owl_imports_are_not_followed(server: str, tmp_path: Path) -> None:
    out = _check_nothing_fetched(server, tmp_path, "d.ttl",
                                 "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                                 "<http://e.org/onto> a owl:Ontology ; owl:imports <SERVER/onto.ttl> .\n")
    assert "Conforms" in out


def test_xml_external_entities_are_refused(server: str, tmp_path: Path) -> None:
    out = _check_nothing_fetched(server, tmp_path, "e.rdf",
                                 '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "SERVER/entity">]>\n'
                                 '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                                 '<rdf:Description rdf:about="http://e.org/a"><rdf:value>&ext;</rdf:value>'
                                 "</rdf:Description></rdf:RDF>\n")
    assert "<!ENTITY" in out


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    path = tmp_path / "lol.rdf"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY l0 "lol">{lol}]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                    '<rdf:Description rdf:about="http://e.org/a"><rdf:value>&l9;</rdf:value></rdf:Description></rdf:RDF>\n')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and "<!ENTITY" in result.output


def test_html_entities_and_external_references_are_not_fetched(server: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{server}/entity">]>\n'
        f'<html><head><title>Arrest in Culiacán</title><link rel="stylesheet" href="{server}/style.css">'
        f'<script src="{server}/app.js"></script><meta name="date" content="2020-03-02"></head>'
        f'<body><article><h1>Arrest in Culiacán</h1><img src="{server}/photo.jpg">'
        "<p>Police arrested a Sinaloa Cartel leader in Culiacán on Monday, officials said &amp; confirmed. &xxe;</p>"
        "<p>The arrest followed weeks of clashes between factions of the cartel in the state of Sinaloa.</p>"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.nt"
    result = runner.invoke(app, ["convert", str(page), "-o", str(out), "--no-extract"])
    assert _Recorder.requests == [], f"crimegraph fetched {_Recorder.requests}"
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "officials said & confirmed" in text and "app.js" not in text
