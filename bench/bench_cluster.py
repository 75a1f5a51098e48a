"""Articles per second on a local Dask cluster of 1 and 2 workers, against the
one-process conversion of the same inputs in the same run; the per-partition overhead
on its own; the peak RSS of a worker for 1 and 10 partitions.

Inputs: the 24 development articles repeated ``--repeat`` times (each copy under its
own id, so that no article repeats). Every side converts them with extraction and
writes N-Quads, as ``crimegraph convert`` does:

(a) one process: ``Converter`` with the extractor in this process, the model loaded
    before the clock starts;
(b) ``convert(..., cluster=ADDRESS)`` on a local cluster of 1, then 2 worker processes
    (one thread each), started and warmed up (model loaded on every worker) before the
    clock starts; the clock covers planning, the entity pass, scheduling, conversion,
    writing the parts and the manifest.

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


def one_process(corpus: Path, target: Path) -> tuple[float, int]:
    from crimegraph.convert import Converter
    from crimegraph.extract import ArticleExtractor
    from crimegraph.rdf.io import RdfFormat, write_quads

    extractor = ArticleExtractor()  # the model and gazetteer load outside the clock
    converter = Converter(extractor=extractor, on_problem=lambda p: None)
    start, cpu = time.perf_counter(), time.process_time()
    write_quads(converter.quads([str(corpus)]), target, RdfFormat.nquads, unique=True)
    return time.perf_counter() - start, converter.stats.articles, time.process_time() - cpu


def _load_model() -> float:
    start = time.perf_counter()
    from crimegraph.extract import ArticleExtractor

    ArticleExtractor()
    return time.perf_counter() - start


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


def start_cluster(workers: int):
    import logging

    import distributed

    start = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.CRITICAL)
    client = distributed.Client(cluster)
    return cluster, client, time.perf_counter() - start


def on_cluster(corpus: Path, address: str, out: Path, partition_bytes: int) -> tuple[float, object]:
    from crimegraph import convert

    start = time.perf_counter()
    run = convert([str(corpus)], extract=True, cluster=address, output=out, partition_bytes=partition_bytes,
                  overwrite=True, on_problem=lambda p: None)
    return time.perf_counter() - start, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=2, help="copies of the 24 articles (default 2: 48 articles)")
    parser.add_argument("--partitions", type=int, default=8, help="partitions for the overhead measurement")
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

        single, done, cpu_single = one_process(corpus, folder / "single.nq")
        rate_single = done / single
        print(f"(a) one process: {done} articles in {single:.1f} s = {rate_single:.2f} articles/s; "
              f"{cpu_single / done:.3f} CPU s an article")

        rates: dict[int, float] = {}
        cpu_ratios: dict[int, float] = {}
        for workers in (1, 2):
            cluster, client, started = start_cluster(workers)
            try:
                loads = client.run(_load_model)  # warm: model and gazetteer on every worker
                cpu_before, client_cpu = sum(client.run(_cpu_seconds).values()), time.process_time()
                seconds, run = on_cluster(corpus, cluster.scheduler_address, folder / f"out-{workers}", partition_bytes)
                cpu = sum(client.run(_cpu_seconds).values()) - cpu_before + time.process_time() - client_cpu
                rates[workers] = run.total("articles") / seconds
                per_article = cpu / run.total("articles")
                cpu_ratios[workers] = workers * (cpu_single / done) / per_article
                print(f"(b) local:{workers}: cluster started in {started:.1f} s, model loaded per worker in "
                      + ", ".join(f"{v:.1f} s" for v in loads.values())
                      + f"; {run.total('articles')} articles in {len(run.parts)} partitions in {seconds:.1f} s = "
                      f"{rates[workers]:.2f} articles/s = {rates[workers] / rate_single:.2f}× (a); "
                      f"{per_article:.3f} CPU s an article (workers + client) = {cpu_ratios[workers]:.2f}× (a) "
                      f"with {workers} core(s) to itself")
                if workers == 1:
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
                client.close()
                cluster.close()
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
                client.close()
                cluster.close()
        ratio = rates[2] / rate_single
        print(f"2 workers / one process: {ratio:.2f}× wall (target ≥ {TARGET}×: {'met' if ratio >= TARGET else 'NOT met'}); "
              f"1 worker / one process: {rates[1] / rate_single:.2f}×; from CPU seconds an article, what 2 (1) "
              f"workers would give with their cores to themselves: {cpu_ratios[2]:.2f}× ({cpu_ratios[1]:.2f}×)")
        print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
