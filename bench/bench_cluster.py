"""Articles per second on a local Dask cluster of 1 and 2 workers, against the
one-process conversion of the same inputs in the same run; the per-partition overhead
on its own; the peak RSS of a worker for 1 and 10 partitions.

Inputs: the 24 development articles repeated ``--repeat`` times (each copy under its
own id, so that no article repeats). Every side converts them with extraction and
writes N-Quads, as ``crimegraph convert`` does:

(a) one process: ``Converter`` with the extractor in this process, warmed up before the
    clock starts (model loaded, then 3 other articles converted: the lexicons, place
    tables and caches that load at the first article, ~0.7 CPU s, are paid once per
    process);
(b) ``convert(..., cluster=ADDRESS)`` on a local cluster of 1, then 2 worker processes
    (one thread each) with the Dask settings of ``--cluster local:N``
    (``LOCAL_CLUSTER_CONFIG``), started and warmed up the same way on every worker before
    the clock starts; the clock covers planning, the entity pass, scheduling,
    conversion, writing the parts and the manifest. ``--dask-defaults`` adds a run of 2
    workers with Dask's default settings (statistical profiler on, the nanny's
    MALLOC_TRIM_THRESHOLD_, 20 ms event-loop ticks), to show what those settings cost.

CPU seconds are summed over every process of the run (this one, which holds the
scheduler and the nannies of a local cluster, and the worker processes), split into the
workers and the rest. On a machine shared with other work they are the fairer figure:
"with N cores to itself" is N × (CPU s an article of one process) / (CPU s an article on
the cluster), what N workers would give if each had a core.

Separately: the time to start a local cluster, to load the model in a fresh worker,
a scheduler round trip per task, and the cost of one more partition (the same articles
as 1 partition and as ``--partitions`` partitions on one warm worker). Then the peak
RSS of a fresh single worker after converting the corpus as 1 and as 10 partitions.

    .venv/bin/python bench/bench_cluster.py --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET = 1.7
ENVIRON = {name: os.environ.get(name) for name in
           ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
DASK_DEFAULTS: dict | None = None  # Dask's settings before the bench changes them


def default_corpus() -> Path:
    relative = Path("shared") / "corpus" / "insightcrime-2020-dev.jsonl"
    for root in ROOT.parents:
        if (root / relative).exists():
            return root / relative
    return ROOT.parent / relative


def make_corpus(source: Path, repeat: int, folder: Path) -> tuple[Path, int]:
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = folder / "articles.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for copy in range(repeat):
            for item in lines:
                item = dict(item, id=f"{item['id']}-copy{copy}")
                if item.get("url"):
                    item["url"] = f"{item['url']}?copy={copy}"
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return out, len(lines) * repeat


def _warm(sample: str) -> float:
    """Load the model and convert a few articles (in a worker, or this process): what a
    process pays once, outside the clock on both sides."""
    start = time.perf_counter()
    from crimegraph.convert import Converter
    from crimegraph.extract import ArticleExtractor
    from crimegraph.rdf.io import RdfFormat, write_quads

    converter = Converter(extractor=ArticleExtractor(), on_problem=lambda p: None)
    write_quads(converter.quads([sample]), Path(sample).with_suffix(f".{os.getpid()}.nq"), RdfFormat.nquads,
                unique=True)
    return time.perf_counter() - start


def make_sample(source: Path, folder: Path) -> Path:
    """3 articles under ids of their own, for warming up."""
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()][-3:]
    out = folder / "warm.jsonl"
    out.write_text("".join(json.dumps(dict(item, id=f"{item['id']}-warm"), ensure_ascii=False) + "\n"
                           for item in lines), encoding="utf-8")
    return out


def one_process(corpus: Path, target: Path, sample: Path) -> tuple[float, int, float]:
    from crimegraph.convert import Converter
    from crimegraph.extract import ArticleExtractor
    from crimegraph.rdf.io import RdfFormat, write_quads

    _warm(str(sample))  # model, gazetteer and first-article caches load outside the clock
    converter = Converter(extractor=ArticleExtractor(), on_problem=lambda p: None)
    start, cpu = time.perf_counter(), time.process_time()
    write_quads(converter.quads([str(corpus)]), target, RdfFormat.nquads, unique=True)
    return time.perf_counter() - start, converter.stats.articles, time.process_time() - cpu


def _nothing(i: int) -> int:
    return i


def _peak_rss_kib() -> int:
    """The worker's peak RSS (VmHWM: unlike ru_maxrss, not inherited across exec from
    the process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tree_cpu() -> dict[int, float]:
    """CPU seconds of this process and every process under it, by pid."""
    import psutil

    me = psutil.Process()
    found = {}
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        found[process.pid] = times.user + times.system
    return found


def cpu_since(before: dict[int, float]) -> float:
    """CPU seconds spent since ``before`` by this process and the processes under it
    (a process started since counts whole)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in tree_cpu().items())


def start_cluster(workers: int, defaults: bool = False):
    import logging

    import dask
    import distributed

    from crimegraph.cluster.run import LOCAL_CLUSTER_CONFIG

    start = time.perf_counter()
    # set for the cluster's life (the bench uses it until it closes it); Dask's own
    # defaults as they were when this module was imported, else --cluster local:N's
    global DASK_DEFAULTS
    if DASK_DEFAULTS is None:
        DASK_DEFAULTS = {key: dask.config.get(key) for key in LOCAL_CLUSTER_CONFIG}
    dask.config.set(DASK_DEFAULTS if defaults else LOCAL_CLUSTER_CONFIG)
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.CRITICAL)
    client = distributed.Client(cluster)
    return cluster, client, time.perf_counter() - start


def stop_cluster(cluster, client) -> None:
    """Close the cluster and put back the environment its nannies changed in this
    process (they write their workers' variables here before starting them)."""
    client.close()
    cluster.close()
    for name, value in ENVIRON.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def on_cluster(corpus: Path, address: str, out: Path, partition_bytes: int) -> tuple[float, object]:
    from crimegraph import convert

    start = time.perf_counter()
    run = convert([str(corpus)], extract=True, cluster=address, output=out, partition_bytes=partition_bytes,
                  overwrite=True, on_problem=lambda p: None)
    return time.perf_counter() - start, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=4, help="copies of the 24 articles (default 4: 96 articles)")
    parser.add_argument("--partitions", type=int, default=8, help="partitions for the overhead measurement")
    parser.add_argument("--dask-defaults", action="store_true",
                        help="also run 2 workers with Dask's default settings (profiler, malloc trim threshold, 20 ms ticks)")
    args = parser.parse_args(argv)
    from machine import describe

    print(f"machine: {describe('dask', 'distributed', 'spacy', 'pyoxigraph')}")
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        folder = Path(tmp)
        corpus, articles = make_corpus(args.corpus, args.repeat, folder)
        size = corpus.stat().st_size
        # about 4 partitions per worker for 2 workers: both stay busy to the end
        partition_bytes = size // 8 + 1
        print(f"inputs: {articles} articles, {size:,} bytes; partitions of {partition_bytes:,} bytes")

        sample = make_sample(args.corpus, folder)
        print(f"load average before (a): {os.getloadavg()}")
        single, done, cpu_single = one_process(corpus, folder / "single.nq", sample)
        rate_single = done / single
        print(f"(a) one process: {done} articles in {single:.1f} s = {rate_single:.2f} articles/s; "
              f"{cpu_single / done:.3f} CPU s an article; load average {os.getloadavg()}")

        rates: dict[str, float] = {}
        cpu_ratios: dict[str, float] = {}
        runs = [("local:1", 1, False), ("local:2", 2, False)]
        if args.dask_defaults:
            runs.append(("local:2, Dask defaults", 2, True))
        for name, workers, defaults in runs:
            cluster, client, started = start_cluster(workers, defaults)
            try:
                warm = client.run(_warm, str(sample))  # model, gazetteer, first-article caches on every worker
                before, workers_before = tree_cpu(), sum(client.run(_cpu_seconds).values())
                seconds, run = on_cluster(corpus, cluster.scheduler_address, folder / f"out-{len(rates)}",
                                          partition_bytes)
                cpu = cpu_since(before)
                worker_cpu = sum(client.run(_cpu_seconds).values()) - workers_before
                count = run.total("articles")
                rates[name] = count / seconds
                per_article = cpu / count
                cpu_ratios[name] = workers * (cpu_single / done) / per_article
                print(f"(b) {name}: cluster started in {started:.1f} s, warm-up per worker "
                      + ", ".join(f"{v:.1f} s" for v in warm.values())
                      + f"; {count} articles in {len(run.parts)} partitions in {seconds:.1f} s = "
                      f"{rates[name]:.2f} articles/s = {rates[name] / rate_single:.2f}× (a); "
                      f"{per_article:.3f} CPU s an article (workers {worker_cpu / count:.3f}, scheduler + nannies + "
                      f"client {(cpu - worker_cpu) / count:.3f}) → {cpu_ratios[name]:.2f}× (a) with {workers} "
                      f"core(s) to itself; load average {os.getloadavg()}")
                if name == "local:1":
                    # overhead: scheduler round trips, then one more partition on a warm worker
                    start = time.perf_counter()
                    client.gather(client.map(_nothing, range(200), pure=False))
                    per_task = (time.perf_counter() - start) / 200
                    (folder / "few").mkdir()
                    few, _ = make_corpus(args.corpus, 1, folder / "few")
                    whole, run1 = on_cluster(few, cluster.scheduler_address, folder / "o1", few.stat().st_size + 1)
                    split, runk = on_cluster(few, cluster.scheduler_address, folder / "ok",
                                             few.stat().st_size // args.partitions + 1)
                    extra = (split - whole) / max(1, len(runk.parts) - len(run1.parts))
                    print(f"overhead: scheduler round trip {per_task * 1000:.1f} ms a task; 24 articles as "
                          f"{len(run1.parts)} partition in {whole:.1f} s and as {len(runk.parts)} partitions in "
                          f"{split:.1f} s: {extra:.2f} s per extra partition (entity pass, extractor set-up, part "
                          f"and manifest writes, scheduling)")
            finally:
                stop_cluster(cluster, client)
        # memory of one worker: 1 partition vs 10 partitions of the same articles, fresh workers
        for partitions in (1, 12):
            cluster, client, _ = start_cluster(1)
            try:
                before = max(client.run(_peak_rss_kib).values())
                _, run = on_cluster(corpus, cluster.scheduler_address, folder / f"rss-{partitions}",
                                    size // partitions + 1 if partitions > 1 else size + 1)
                peak = max(client.run(_peak_rss_kib).values())
                print(f"worker peak RSS, {len(run.parts)} partition(s) of {run.total('articles')} articles: "
                      f"{peak / 1024:.0f} MiB (after start-up {before / 1024:.0f} MiB)")
            finally:
                stop_cluster(cluster, client)
        ratio = rates["local:2"] / rate_single
        print(f"2 workers / one process: {ratio:.2f}× wall (target ≥ {TARGET}×: {'met' if ratio >= TARGET else 'NOT met'}); "
              f"1 worker / one process: {rates['local:1'] / rate_single:.2f}×; from CPU seconds an article, what 2 (1) "
              f"workers would give with their cores to themselves: {cpu_ratios['local:2']:.2f}× "
              f"({cpu_ratios['local:1']:.2f}×)")
        print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
