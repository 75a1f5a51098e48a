"""`crimegraph load FOLDER`: the parts of a cluster run into the embedded store, a server
store through the Graph Store Protocol, and Virtuoso's bulk loader (ld_dir + isql)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.convert import convert
from crimegraph.store import LocalStore
from crimegraph.store.remote import RemoteStore
from tests.cluster.test_cluster import quads_of
from tests.conftest import EXAMPLES, Virtuoso

distributed = pytest.importorskip("distributed", reason="pip install 'crimegraph[cluster]' (in the test extra)")

runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def inputs() -> list[str]:
    return [str(EXAMPLES / n) for n in ("seed-entities.yaml", "places-mexico.csv", "seed-article.json", "seed-events.jsonl")]


def test_load_takes_the_folder_of_a_cluster_run(scheduler: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = convert(inputs(), cluster=scheduler, output=out, partition_bytes=2000)
    assert len(run.parts) >= 4
    result = runner.invoke(app, ["load", str(out), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert f"{len(run.parts)} file(s)" in result.output
    store = LocalStore(tmp_path / "store")
    union = quads_of(*run.manifest.part_files())
    assert store.triple_count() == len(union)  # parts repeat entity descriptions; the store keeps each once
    assert {q.graph_name.value for q in union} == set(store.named_graphs())
    again = runner.invoke(app, ["load", str(out), "--store", str(tmp_path / "store")])
    assert again.exit_code == 0 and store.triple_count() == len(quads_of(*run.manifest.part_files()))


def test_load_refuses_an_unfinished_or_changed_folder(scheduler: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert(inputs(), cluster=scheduler, output=out, partition_bytes=2000)
    part = out / "part-00001.nq"
    part.write_text(part.read_text(encoding="utf-8") + part.read_text(encoding="utf-8").splitlines(keepends=True)[0])
    result = runner.invoke(app, ["load", str(out), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2 and "checksum" in result.output and not (tmp_path / "store").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["parts"] = manifest["parts"][:1]
    manifest["complete"] = False
    (out / "manifest.json").write_text(json.dumps(manifest))
    result = runner.invoke(app, ["load", str(out), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2 and "not complete" in result.output and "--resume" in result.output
    (tmp_path / "plain").mkdir()
    result = runner.invoke(app, ["load", str(tmp_path / "plain"), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2 and "manifest.json" in result.output


def _graph_sizes(store: RemoteStore) -> dict[str, int]:
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                       "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/crimegraph/')) } GROUP BY ?g").rows()
    return {str(r["g"]): int(r["n"]) for r in rows}


def _expected_sizes(parts: list[Path]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for quad in quads_of(*parts):
        sizes[quad.graph_name.value] = sizes.get(quad.graph_name.value, 0) + 1
    return sizes


@pytest.mark.service
def test_virtuoso_loads_the_parts_through_the_protocol_and_its_bulk_loader(
        virtuoso: Virtuoso, scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.store.test_remote import clear_virtuoso

    out = virtuoso.folder / "parts-run"  # on the server's disk, inside its DirsAllowed
    run = convert(inputs(), cluster=scheduler, output=out, partition_bytes=2000, overwrite=True)
    expected = _expected_sizes(run.manifest.part_files())
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_USER", "dba")
    monkeypatch.setenv("CRIMEGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
    store = clear_virtuoso(virtuoso)
    gsp = runner.invoke(app, ["load", str(out), "--endpoint", virtuoso.sparql, "--gsp-endpoint", virtuoso.gsp])
    assert gsp.exit_code == 0, gsp.output
    assert _graph_sizes(store) == expected
    store = clear_virtuoso(virtuoso)
    bulk = runner.invoke(app, ["load", str(out), "--endpoint", virtuoso.sparql,
                               "--virtuoso-isql", f"127.0.0.1:{virtuoso.sql_port}"])
    assert bulk.exit_code == 0, bulk.output
    assert "ld_dir + rdf_loader_run" in bulk.output and virtuoso.password not in bulk.output
    assert _graph_sizes(store) == expected
    # again: the folder is read again, article graphs are replaced, nothing doubles
    again = runner.invoke(app, ["load", str(out), "--endpoint", virtuoso.sparql,
                                "--virtuoso-isql", f"127.0.0.1:{virtuoso.sql_port}"])
    assert again.exit_code == 0, again.output
    assert _graph_sizes(store) == expected
    bad = runner.invoke(app, ["load", str(out), "--virtuoso-isql", f"127.0.0.1:{virtuoso.sql_port}"],
                        env={"CRIMEGRAPH_ENDPOINT_USER": "dba", "CRIMEGRAPH_ENDPOINT_PASSWORD": "wrong-password"})
    assert bad.exit_code == 2 and "wrong-password" not in bad.output and "isql" in bad.output
