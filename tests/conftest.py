"""Shared test fixtures and the rule for tests that need a real service.

Tests marked ``@pytest.mark.service`` need a program or server that a developer's
machine may lack (rapper, Virtuoso, Chromium); others need the shared corpus beside the
repository (``../shared``). They skip with a reason locally, but under ``CI=true`` every
skip is turned into a failure: CI installs the services, has the corpus, and must run
every test.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"  # see in_ci()


def require_program(name: str) -> str:
    """Path of a program the test needs; skip (locally) or fail (in CI) without it."""
    path = shutil.which(name)
    require_service(name, path is not None, "not installed (CI installs it with .ci/services.sh)")
    assert path is not None
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"


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
    from crimegraph.convert import Converter
    from crimegraph.rdf.io import RdfFormat, write_quads

    out = tmp_path_factory.mktemp("ucdp-whole") / "ucdp.nq"
    converter = Converter(source="ucdp-ged")
    write_quads(converter.quads([ucdp_file]), out, RdfFormat.nquads, unique=True)
    return out, converter.stats

EXAMPLES = ROOT / "data" / "examples"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_service(name: str, available: bool, reason: str = "") -> None:
    """Skip the calling test when ``name`` is not available, or fail it under CI=true."""
    if available:
        return
    message = f"{name} is not available{': ' + reason if reason else ''}"
    if in_ci():
        pytest.fail(f"{message} (CI=true: services must be installed, see .ci/services.sh)", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- data


@pytest.fixture(scope="session")
def example_nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples converted to N-Quads once per session."""
    from crimegraph.convert import convert
    from crimegraph.rdf.io import RdfFormat, write_quads

    inputs = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.json")) + sorted(EXAMPLES.glob("*.jsonl")) + sorted(EXAMPLES.glob("*.csv"))
    result = convert(inputs)
    assert not result.problems, result.problems
    target = tmp_path_factory.mktemp("examples") / "examples.nq"
    write_quads(result.quads, target, RdfFormat.nquads)
    return target


# --------------------------------------------------------------------------- Virtuoso


@dataclass
class Virtuoso:
    """A running Virtuoso of our own: loopback ports, its own database folder."""

    http_port: int
    sql_port: int
    password: str
    folder: Path
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def sparql_auth(self) -> str:
        return f"{self.base}/sparql-auth"

    @property
    def gsp(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    def isql(self, *commands: str, password: str | None = None) -> str:
        args = ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", password or self.password]
        args += [f"EXEC={c}" for c in commands]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql failed: {done.stdout[-500:]} {done.stderr[-500:]}")
        return done.stdout


def virtuoso_ini(source: str, folder: Path, sql_port: int, http_port: int) -> str:
    """Virtuoso's packaged ini, pointed at our folder and ports, with raised limits."""
    settings = {
        "Database": {
            "DatabaseFile": folder / "virtuoso.db", "ErrorLogFile": folder / "virtuoso.log",
            "LockFile": folder / "virtuoso.lck", "TransactionFile": folder / "virtuoso.trx",
            "xa_persistent_file": folder / "virtuoso.pxa",
        },
        "TempDatabase": {"DatabaseFile": folder / "virtuoso-temp.db", "TransactionFile": folder / "virtuoso-temp.trx"},
        "Parameters": {
            "ServerPort": f"127.0.0.1:{sql_port}", "DirsAllowed": f"., {folder}, /usr/share/virtuoso-opensource-7/vad",
            "NumberOfBuffers": 20000, "MaxDirtyBuffers": 15000, "CheckpointInterval": 0,
        },
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}", "ServerRoot": "/var/lib/virtuoso-opensource-7/vsp"},
        "URIQA": {"DefaultHost": f"127.0.0.1:{http_port}"},
        "SPARQL": {"ResultSetMaxRows": 1000000, "MaxQueryExecutionTime": 120, "MaxQueryCostEstimationTime": 0},
    }
    out: list[str] = []
    section = ""
    pending: dict[str, object] = {}

    def flush() -> None:
        out.extend(f"{k} = {v}" for k, v in pending.items())
        pending.clear()

    for line in source.splitlines():
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            flush()
            section = header.group(1)
            pending.update(settings.get(section, {}))
            out.append(line)
            continue
        key = re.match(r"^\s*([A-Za-z_0-9]+)\s*=", line)
        if key and key.group(1) in settings.get(section, {}):
            value = pending.pop(key.group(1), None)
            if value is not None:
                out.append(f"{key.group(1)} = {value}")
            continue
        out.append(line)
    flush()
    return "\n".join(out) + "\n"


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    return False


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Start a Virtuoso instance of our own for the session, stop it afterwards."""
    binary = shutil.which("virtuoso-t")
    require_service("Virtuoso (virtuoso-t)", binary is not None and shutil.which("isql-vt") is not None and VIRTUOSO_INI.is_file(),
                    "install Debian's virtuoso-opensource (.ci/services.sh)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(VIRTUOSO_INI.read_text(), folder, sql_port, http_port))
    log = open(folder / "stdout.log", "wb")
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)  # type: ignore[list-item]
    server = Virtuoso(http_port, sql_port, "dba", folder, process)
    try:
        if not _wait_for(server.sparql, process, 90):
            tail = (folder / "virtuoso.log").read_text(errors="replace")[-2000:] if (folder / "virtuoso.log").exists() else ""
            require_service("Virtuoso", False, f"it did not answer on {server.sparql} within 90 s; log: {tail}")
        password = "virt" + secrets.token_hex(8)  # isql reads a hyphen as an operator
        server.isql(f"SET PASSWORD dba {password};", password="dba")
        server.password = password
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# --------------------------------------------------------------------------- store data

EXTRA_ARTICLE = {
    "type": "article",
    "id": "test-2019-culiacan",
    "title": "Battle of Culiacán",
    "date": "2019-10-17",
    "publisher": "InSight Crime",
    "language": "en",
    "countries": ["Mexico"],
    "mentions": ["Sinaloa Cartel", "zetas", "Ministry of Public Security", "Culiacán"],
    "text": "Security forces clashed with the Sinaloa Cartel in Culiacán. Later, police arrested a Zetas leader in Nuevo Laredo.",
}
#: The IRI of the event record "test-clash-culiacan": its id and the digest of what the
#: record says (docs/identity.md, "Facts that add up"); it changes when the record does.
CULIACAN_CLASH = "https://w3id.org/crimegraph/id/event/test-clash-culiacan-31ff38141126"
EXTRA_EVENTS = [
    {"type": "event", "id": "test-clash-culiacan", "event_type": "clash", "label": "Security forces clash with the Sinaloa Cartel in Culiacán",
     "date": "2019-10-17", "place": "Culiacán", "actors": ["Ministry of Public Security"], "targets": ["Sinaloa Cartel"],
     "reported_in": ["test-2019-culiacan"], "fatalities": 8,
     "evidence": {"article": "test-2019-culiacan", "text": "Security forces clashed with the Sinaloa Cartel in Culiacán.", "start": 0, "end": 60,
                  "extractor": "crimegraph-test", "extractor_version": "1", "confidence": 0.8}},
    {"type": "event", "id": "test-arrest-nuevo-laredo", "event_type": "arrest", "label": "Police arrest a Zetas leader in Nuevo Laredo",
     "date": "2020-02", "place": "Nuevo Laredo", "actors": ["Ministry of Public Security"], "targets": ["zetas"],
     "reported_in": ["test-2019-culiacan"],
     "evidence": {"article": "test-2019-culiacan", "text": "Later, police arrested a Zetas leader in Nuevo Laredo.", "start": 61, "end": 115,
                  "extractor": "crimegraph-test", "extractor_version": "1", "confidence": 0.9}},
]


def example_inputs() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.json")) + sorted(EXAMPLES.glob("*.jsonl")) + sorted(EXAMPLES.glob("*.csv"))


def convert_records(records: list[dict], target: Path, with_examples: bool = True) -> Path:
    """Convert records (with the bundled examples, for the entities) to N-Quads."""
    import json

    from crimegraph.convert import convert
    from crimegraph.rdf.io import RdfFormat, write_quads

    extra = target.with_suffix(".jsonl")
    extra.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = convert((example_inputs() if with_examples else []) + [extra])
    assert not result.problems, [str(p) for p in result.problems]
    write_quads(result.quads, target, RdfFormat.nquads)
    return target


@pytest.fixture(scope="session")
def corpus_nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus a second article with events in Mexican cities (for places
    contained in places, date ranges, evidence with confidence)."""
    return convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path_factory.mktemp("corpus") / "corpus.nq")


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory, corpus_nquads: Path):
    """An embedded store holding :func:`corpus_nquads`, shared read-only by query tests."""
    from crimegraph.store import LocalStore, rdf_source

    store = LocalStore(tmp_path_factory.mktemp("stores") / "corpus", create=True)
    store.load([rdf_source(corpus_nquads)])
    return store


#: Representative parameters for every catalog query (test_query checks none is missing).
CATALOG_CASES: list[tuple[str, dict[str, str | list[str]]]] = [
    ("who-did-what-where", {}),
    ("who-did-what-where", {"place": "Mexico", "from": "2012-10"}),
    ("who-did-what-where", {"actor": "ministry of public security", "type": "armed clash"}),
    ("who-did-what-where", {"target": "Los Zetas", "to": "2020"}),
    # closed ranges start from the year key (cg:year) when that is the smaller start
    ("who-did-what-where", {"from": "2012-06", "to": "2019-10-17"}),
    ("who-did-what-where", {"place": "Mexico", "type": "arrest", "from": "2020", "to": "2020"}),
    ("events-of-group", {"group": "Sinaloa Cartel"}),
    ("events-of-group", {"group": "https://w3id.org/crimegraph/id/organization/zetas", "from": "2019"}),
    ("groups-in-place", {"place": "Mexico"}),
    ("groups-in-place", {"place": "Central America"}),
    ("groups-in-place", {"place": "Mexico", "from": "2019", "to": "2020"}),
    ("roles-of-people", {}),
    ("roles-of-people", {"jurisdiction": "Guatemala"}),
    ("cooccurrence-network", {}),
    ("cooccurrence-network", {"organization": "UNODC"}),
    ("timeline-of-place", {"place": "Sinaloa"}),
    ("timeline-of-place", {"place": "Mexico", "type": "arrest"}),
    ("timeline-of-place", {"place": "Mexico", "from": "2012", "to": "2019"}),
    ("evidence", {"entity": "Los Zetas"}),
    ("evidence", {"fact": CULIACAN_CLASH}),
    ("articles-mentioning", {"entity": "Sinaloa Cartel"}),
    ("find-entities", {"text": "sinaloa"}),
    ("event-counts", {}),
    ("event-counts", {"place": "Mexico"}),
    ("describe-entity", {"entity": "CICIG"}),
    ("news-and-ucdp", {"group": "Sinaloa Cartel", "place": "Sinaloa"}),
    ("news-and-ucdp", {"group": "Sinaloa Cartel", "place": "Mexico", "from": "2019"}),
    ("entity-events", {"entity": "Sinaloa Cartel"}),
    ("entity-events", {"entity": "Mexico"}),
    ("entity-network", {"entity": "Los Zetas"}),
    ("entity-network", {"entity": "Mexico"}),
    ("event-versions", {"id": "test-clash-culiacan"}),
]
