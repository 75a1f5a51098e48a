"""Conversion on a Dask cluster (issue 14): partitions, parts, manifest, resume, failures.

The expensive runs share fixtures: one local cluster of 2 worker processes converts the
24 development articles and a slice of the UCDP file once; an in-process cluster (the
workers are threads of the test process) serves the quick tests of folders, failures
and broken records.
"""

from __future__ import annotations

import importlib
import json
import re
import os
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.cluster import ClusterError, FolderError, manifest_parts, plan_partitions, sha256_of
from crimegraph.convert import Settings, convert, convert_partition, read_entities
from crimegraph.ingest.files import LineWindow
from crimegraph.rdf.io import RdfFormat, write_quads
from tests.conftest import EXAMPLES, free_port

# the module (``crimegraph.convert`` as an attribute is the function the package exports)
convert_module = importlib.import_module("crimegraph.convert")
distributed = pytest.importorskip("distributed", reason="pip install 'crimegraph[cluster]' (in the test extra)")

UCDP_ROWS = 300


def quads_of(*files: Path) -> set:
    found: set = set()
    for file in files:
        found |= set(ox.parse(path=str(file), format=ox.RdfFormat.N_QUADS))
    return found


def iris_of(quads: set) -> set[str]:
    return {term.value for q in quads for term in (q.subject, q.object, q.graph_name) if isinstance(term, ox.NamedNode)}


# --------------------------------------------------------------------------- the big run


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory) -> list[str]:
    """The 24 development articles and the first UCDP_ROWS rows of the UCDP Mexico file."""
    folder = tmp_path_factory.mktemp("corpus")
    ucdp = folder / "ucdp-slice.csv"
    with open(shared / "corpus" / "ucdp-ged-mexico.csv", encoding="utf-8") as fh:
        ucdp.write_text("".join(next(fh) for _ in range(UCDP_ROWS + 1)), encoding="utf-8")
    return [str(shared / "corpus" / "insightcrime-2020-dev.jsonl"), str(ucdp)]


@pytest.fixture(scope="module")
def two_workers(corpus: list[str], tmp_path_factory):
    """(cluster run on local:2, its problems, the one-process quads, its problems)."""
    out = tmp_path_factory.mktemp("parts") / "out"
    problems: list[str] = []
    run = convert(corpus, extract=True, cluster="local:2", output=out, partition_bytes=60_000,
                  on_problem=lambda p: problems.append(str(p)))
    single_problems: list[str] = []
    single = convert(corpus, extract=True, on_problem=lambda p: single_problems.append(str(p)))
    reference = out.parent / "single.nq"
    write_quads(single.quads, reference, RdfFormat.nquads)
    return run, problems, quads_of(reference), single_problems, single


@pytest.mark.slow
def test_a_local_cluster_converts_in_partitions_with_a_manifest(two_workers) -> None:
    run, _, _, _, single = two_workers
    manifest = json.loads((run.folder / "manifest.json").read_text())
    assert manifest["complete"] and not manifest["failed"] and run.workers == 2
    files = {p["file"] for p in manifest["partitions"]}
    assert len(manifest["partitions"]) >= 4 and len(files) == 2  # both files split in line ranges
    assert {p["source"] for p in manifest["partitions"]} == {"insightcrime-jsonl", "ucdp-ged"}
    for part in manifest["parts"]:
        assert sha256_of(run.folder / part["part"]) == part["sha256"]
        assert sum(1 for _ in open(run.folder / part["part"], encoding="utf-8")) == part["triples"]
    totals = manifest["totals"]
    assert totals["articles"] == single.stats.articles and totals["events"] == single.stats.events
    assert totals["rejected"] == single.stats.rejected and totals["read"] == single.stats.read
    assert totals["warnings"] == single.stats.warnings
    # records: a part repeats the entity records of the UCDP rows it holds (docs/cluster.md)
    assert totals["records"] >= single.stats.records
    for part in manifest["parts"]:  # each part's own figures, and the messages behind them
        assert len(part["problems"]) == part["rejected"] and len(part["warning_messages"]) == part["warnings"]
        assert part["records"] >= part["articles"] and part["bytes"] == (run.folder / part["part"]).stat().st_size
    assert sum(p["records"] for p in manifest["parts"]) == totals["records"]
    assert manifest["settings"]["pipeline"] is None and manifest["settings"]["extract"] is True


@pytest.mark.slow
def test_the_parts_name_every_thing_with_the_iris_of_a_one_process_run(two_workers) -> None:
    run, _, single, _, _ = two_workers
    union = quads_of(*run.manifest.part_files())
    assert iris_of(union) == iris_of(single)
    assert single <= union  # nothing of the one-process run is missing


@pytest.mark.slow
def test_the_union_of_the_parts_is_the_graph_of_a_one_process_run(two_workers) -> None:
    run, _, single, _, _ = two_workers
    assert quads_of(*run.manifest.part_files()) == single


@pytest.mark.slow
def test_problems_are_reported_with_file_and_line_as_in_a_local_run(two_workers) -> None:
    _, problems, _, single_problems, _ = two_workers
    assert sorted(problems) == sorted(single_problems)
    # (a dev article used to be rejected here: "'Chihuahua' is ambiguous" between UCDP's state
    # and municipality; a name in a text is now read as the authorities read it, see
    # tests/rdf/test_resolve_mention.py; broken records on a cluster: test_records_converted_…)
    assert any(re.match(r".*ucdp-slice\.csv:\d+, record \d+: UCDP id \d+: ", p) for p in problems), problems


def _worker_settings(dask_worker) -> tuple:
    import dask

    return ("profile" in dask_worker.periodic_callbacks, dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.admin.tick.interval"), os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            os.environ.get("OMP_NUM_THREADS"))


@pytest.mark.slow
def test_a_local_cluster_runs_without_what_costs_a_busy_worker_cpu(monkeypatch) -> None:
    """--cluster local:N turns off the statistical profiler and the nanny's malloc trim
    threshold (bench/README.md); the settings and this process's environment are as
    before once the cluster is closed."""
    import dask

    from crimegraph.cluster import connect

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    with connect("local:1") as client:
        assert list(client.run(_worker_settings).values()) == [(False, False, "500ms", None, "1")]
        assert client.run_on_scheduler(lambda: dask.config.get("distributed.admin.tick.interval")) == "500ms"
    assert dask.config.get("distributed.worker.profile.enabled") is True
    assert dask.config.get("distributed.admin.tick.interval") == "20ms"
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ and "OMP_NUM_THREADS" not in os.environ


# --------------------------------------------------------------------------- quick ones


@pytest.fixture(scope="module")
def threads_cluster():
    """A scheduler with 2 workers that are threads of this process (its address)."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture()
def records(tmp_path: Path) -> list[str]:
    """The bundled record examples, the events file twice as long, with a broken line."""
    events = tmp_path / "events.jsonl"
    lines = (EXAMPLES / "seed-events.jsonl").read_text(encoding="utf-8").splitlines()
    broken = '{"type": "event", "id": "broken-1", "event_type": "no-such-type", "actors": ["UNODC"]}'
    events.write_text("\n".join(lines + [broken] + [ln.replace('"id": "', '"id": "copy-') for ln in lines]) + "\n",
                      encoding="utf-8")
    return [str(EXAMPLES / "seed-entities.yaml"), str(EXAMPLES / "places-mexico.csv"), str(events)]


def test_line_windows_cover_every_line_once(tmp_path: Path) -> None:
    file = tmp_path / "a.jsonl"
    file.write_text("".join(f'{{"n": {i}}}\n' for i in range(1, 101)))
    partitions = plan_partitions([file], source="jsonl", partition_bytes=100)
    assert len(partitions) > 5 and partitions[0].first_line == 1 and partitions[-1].end_line is None
    assert all(a.end_line == b.first_line for a, b in zip(partitions, partitions[1:]))
    assert [p.index for p in partitions] == list(range(len(partitions)))


def test_a_windowed_reader_gives_the_records_and_errors_of_the_whole_file(records: list[str]) -> None:
    events = records[2]
    whole = convert(records)
    pieces = plan_partitions([events], partition_bytes=1500)
    assert len(pieces) >= 3
    entities = [r for f in records[:2] for r in read_entities(f, Settings(extract=False))[0]]
    found: list[str] = []
    events_seen = 0
    for piece in pieces:
        assert isinstance(piece.path, LineWindow)
        result = convert_module.Converter(on_problem=lambda p: found.append(str(p)))
        list(result.quads([piece.path], entities=entities))
        events_seen += result.stats.events
    assert events_seen == whole.stats.events
    assert sorted(found) == sorted(str(p) for p in whole.problems + whole.warnings)
    assert any(f"{events}:" in p and "no-such-type" in p for p in found)


def test_records_converted_on_a_cluster_are_the_graph_of_a_local_run(threads_cluster: str, records: list[str],
                                                                        tmp_path: Path) -> None:
    problems: list[str] = []
    run = convert(records, cluster=threads_cluster, output=tmp_path / "out", partition_bytes=1500,
                  on_problem=lambda p: problems.append(str(p)))
    single = convert(records)
    write_quads(single.quads, tmp_path / "single.nq", RdfFormat.nquads)
    assert run.manifest.complete and len(run.manifest.partitions) >= 4
    assert quads_of(*run.manifest.part_files()) == quads_of(tmp_path / "single.nq")
    assert sorted(problems) == sorted(str(p) for p in single.problems + single.warnings)
    broken = [p for p in problems if "no-such-type" in p]
    assert broken and broken[0].startswith(f"{records[2]}:{len((EXAMPLES / 'seed-events.jsonl').read_text().splitlines()) + 1}")


def test_the_progress_of_a_cluster_run_counts_records_as_a_local_run(threads_cluster: str, records: list[str],
                                                                     tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from crimegraph.cli.convert import _PartProgress

    progress = _PartProgress(console=Console(file=StringIO(), force_terminal=True))
    with progress:
        run = convert(records, cluster=threads_cluster, output=tmp_path / "out", partition_bytes=1500,
                      on_start=progress.start, on_counted=progress.counted, on_part=progress.advance)
        task = progress.bar.tasks[0]
    assert progress.unit == "records"  # no articles in these inputs
    assert task.total == task.completed == run.total("records") > len(run.parts)
    assert task.fields["parts"] == f"{len(run.parts)}/{len(run.parts)}"
    assert sorted(run.counts) == [p.index for p in run.manifest.partitions]


def test_the_cli_summary_of_a_cluster_run_is_a_local_runs(threads_cluster: str, shared: Path, tmp_path: Path) -> None:
    import csv

    with open(shared / "corpus" / "ucdp-ged-mexico.csv", encoding="utf-8", newline="") as fh:
        rows = [row for _, row in zip(range(121), csv.reader(fh))]
    low, high = rows[0].index("low"), rows[0].index("high")
    for row in rows[1:9]:  # 8 rows whose low estimate is above the high one: warnings of one kind
        row[low] = str(int(row[high]) + 5)
    ucdp = tmp_path / "ucdp.csv"
    with open(ucdp, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    local = CliRunner().invoke(app, ["convert", str(ucdp), "--from", "ucdp-ged", "-o", str(tmp_path / "one.nq")])
    cluster = CliRunner().invoke(app, ["convert", str(ucdp), "--from", "ucdp-ged", "--cluster", threads_cluster,
                                       "-o", str(tmp_path / "out"), "--partition-size", "6000"])
    assert local.exit_code == 0 and cluster.exit_code == 0, cluster.output

    def lines(output: str, start: str) -> list[str]:
        return [line for line in output.splitlines() if line.startswith(start)]

    assert len(json.loads((tmp_path / "out" / "manifest.json").read_text())["partitions"]) >= 3
    shown = lines(cluster.output, f"warning: {ucdp}:")
    assert len(shown) == len(lines(local.output, f"warning: {ucdp}:")) == 5
    assert all(re.match(rf"warning: {re.escape(str(ucdp))}:\d+, record \d+: UCDP id \d+: low estimate \d+ > high", line)
               for line in shown), shown
    more = lines(local.output, "warning: … and ")
    assert len(more) == 1 and "more like that" in more[0] and "UCDP id #: low estimate #" in more[0]
    assert lines(cluster.output, "warning: … and ") == more
    read = lines(local.output, "read 120 input rows/records: 120 converted, 0 rejected (")
    assert len(read) == 1 and lines(cluster.output, "read ") == read


def test_an_unreachable_scheduler_is_named_and_nothing_is_written(records: list[str], tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at {address}"):
        convert(records, cluster=address, output=tmp_path / "out", connect_timeout=2)
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(app, ["convert", *records, "--cluster", address, "-o", str(tmp_path / "cli"),
                                      "--connect-timeout", "2"])
    assert result.exit_code == 2 and address in result.output and "Traceback" not in result.output
    assert not (tmp_path / "cli").exists()


def test_a_folder_of_another_run_is_refused_unless_resume_or_overwrite(threads_cluster: str, records: list[str],
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = convert(records, cluster=threads_cluster, output=out, partition_bytes=1500)
    checksums = {p.part: p.sha256 for p in first.parts}
    with pytest.raises(FolderError, match="holds the parts of another run"):
        convert(records, cluster=threads_cluster, output=out, partition_bytes=1500)
    with pytest.raises(FolderError, match="other settings"):
        convert(records, cluster=threads_cluster, output=out, partition_bytes=1500, base="https://example.org/x/",
                resume=True)
    again = convert(records, cluster=threads_cluster, output=out, partition_bytes=1500, resume=True)
    assert len(again.kept) == len(checksums) and not again.redone  # nothing to do
    other = convert(records[:2], cluster=threads_cluster, output=out, overwrite=True)
    assert len(other.parts) == 2 and sorted(p.name for p in out.glob("part-*.nq")) == ["part-00000.nq", "part-00001.nq"]
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("mine")
    with pytest.raises(FolderError, match="not empty"):
        convert(records, cluster=threads_cluster, output=tmp_path / "stuff")
    result = CliRunner().invoke(app, ["convert", *records, "--cluster", threads_cluster, "-o", str(out)])
    assert result.exit_code == 2 and "--resume" in result.output and "--overwrite" in result.output


_FAIL_PARTITION = 1


def _failing_convert_partition(path, settings, entities, index, target):
    if index == _FAIL_PARTITION:
        raise OSError(f"disk full while writing {Path(target).name} (injected by the test)")
    return convert_partition(path, settings, entities, index, target)


def test_a_partition_that_keeps_failing_is_named_and_resume_converts_only_it(
        threads_cluster: str, records: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    reference = convert(records, cluster=threads_cluster, output=tmp_path / "reference", partition_bytes=1500)
    monkeypatch.setattr(convert_module, "convert_partition", _failing_convert_partition)
    failed = convert(records, cluster=threads_cluster, output=out, partition_bytes=1500, retries=1)
    assert list(failed.failed) == [_FAIL_PARTITION] and "disk full" in failed.failed[_FAIL_PARTITION]
    manifest = json.loads((out / "manifest.json").read_text())
    assert not manifest["complete"] and [f["partition"] for f in manifest["failed"]] == [_FAIL_PARTITION]
    assert not (out / f"part-{_FAIL_PARTITION:05d}.nq").exists()
    for part in manifest["parts"]:  # what is listed is there, whole
        assert sha256_of(out / part["part"]) == part["sha256"]
    with pytest.raises(FolderError, match="not complete"):
        manifest_parts(out)
    monkeypatch.setattr(convert_module, "convert_partition", convert_partition)
    resumed = convert(records, cluster=threads_cluster, output=out, partition_bytes=1500, resume=True)
    assert resumed.manifest.complete and _FAIL_PARTITION not in resumed.kept
    assert len(resumed.kept) == len(reference.parts) - 1
    assert {p.part: p.sha256 for p in resumed.parts} == {p.part: p.sha256 for p in reference.parts}
    # a damaged part is found by its checksum and converted again
    victim = out / "part-00000.nq"
    victim.write_text(victim.read_text()[:-50])
    with pytest.raises(FolderError, match="differ from the manifest"):
        manifest_parts(out)
    repaired = convert(records, cluster=threads_cluster, output=out, partition_bytes=1500, resume=True)
    assert repaired.redone == [0] and sha256_of(victim) == reference.parts[0].sha256


def test_the_cli_reports_failed_partitions_and_exits_1(threads_cluster: str, records: list[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert_module, "convert_partition", _failing_convert_partition)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["convert", *records, "--cluster", threads_cluster, "-o", str(out),
                                      "--partition-size", "1500", "--retries", "0"])
    assert result.exit_code == 1, result.output
    assert "partition(s) failed" in result.output and f"#{_FAIL_PARTITION} (" in result.output
    assert "--resume" in result.output and (out / "manifest.json").is_file()


# --------------------------------------------------------------------------- a worker killed


@pytest.mark.slow
def test_a_worker_killed_mid_partition_is_retried_elsewhere(shared: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    lines = (shared / "corpus" / "insightcrime-2020-dev.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    articles.write_text("".join(lines[:6]), encoding="utf-8")
    partitions = plan_partitions([articles], partition_bytes=articles.stat().st_size // 2 + 1)
    assert len(partitions) == 2
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    killed: dict[str, int] = {}
    try:
        client = distributed.Client(cluster)
        pids = client.run(os.getpid)

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed:
                for worker, keys in client.processing().items():
                    if any(str(k).startswith("crimegraph-part-") for k in keys):
                        time.sleep(1.0)  # into the partition (model loaded, extracting)
                        killed[worker] = pids[worker]
                        os.kill(pids[worker], signal.SIGKILL)
                        return
                time.sleep(0.05)

        watcher = threading.Thread(target=kill_a_busy_worker)
        watcher.start()
        run = convert([articles], extract=True, cluster=cluster.scheduler_address, output=tmp_path / "out",
                      partition_bytes=articles.stat().st_size // 2 + 1)
        watcher.join()
        client.close()
    finally:
        cluster.close()
    assert killed, "no worker was seen converting a partition"
    assert run.manifest.complete and not run.failed
    assert all(not p.worker.endswith(f":{pid}") for p in run.parts for pid in killed.values())
    assert run.total("articles") == 6
    # the retried part is the part the partition gives, byte for byte
    settings = Settings(extract=True)
    entities = [r for p in partitions for r in read_entities(p.path, settings)[0]]
    for partition, part in zip(partitions, run.parts):
        expected = convert_partition(partition.path, settings, entities, partition.index,
                                     str(tmp_path / f"expected-{partition.index}.nq"))
        assert expected.sha256 == part.sha256
