"""Benchmark the embedded store against rdflib's in-memory store, in the same run.

Graphs of about 50k, 500k and 5M triples are generated from the real shapes: the bundled
example graph (an InSight Crime article, its entities with roles and places, curated
events with evidence) plus a second article with events in Mexican cities, replicated
with renamed articles, events and entities:

* every copy gets its own article, article graph, text spans and events;
* organizations and people are drawn from a pool that grows sublinearly with the size
  (copies ** 0.75), so an entity is shared by several articles, and their names get the
  pool number ("Sinaloa Cartel 17");
* places stay the same gazetteer (countries, states, cities), as in real data;
* years are spread over 1990–2023 (like UCDP's Mexico events).

It reports load throughput (triples/s) and the median latency of every catalog query
(with representative parameters) on the embedded store (pyoxigraph on disk, through
``crimegraph.query``) and on rdflib's in-memory ``Dataset`` (union default graph) with
the same query text, and the ratio. rdflib runs in a child process with a time limit
per query; at 5M triples it is skipped unless ``--rdflib-max`` allows it. The forms of
who-did-what-where that the store answers from its event index are also run as their
SPARQL text on the same store (``use_index=False``), for a second ratio.

    python bench/bench_store.py                   # 50k and 500k
    python bench/bench_store.py --sizes 50k,500k,5m --output bench/results.md
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
ID = "https://w3id.org/crimegraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# A second article with events in cities (places contained in places, fatalities,
# evidence with confidence), in the record format.
EXTRA_RECORDS: list[dict[str, Any]] = [
    {"type": "article", "id": "bench-culiacan", "title": "Battle of Culiacán", "date": "2019-10-17",
     "publisher": "InSight Crime", "language": "en", "countries": ["Mexico"],
     "mentions": ["Sinaloa Cartel", "zetas", "Ministry of Public Security", "Culiacán"],
     "text": "Security forces clashed with the Sinaloa Cartel in Culiacán. Later, police arrested a Zetas leader in Nuevo Laredo."},
    {"type": "event", "id": "bench-clash", "event_type": "clash", "label": "Security forces clash with the Sinaloa Cartel in Culiacán",
     "date": "2019-10-17", "place": "Culiacán", "actors": ["Ministry of Public Security"], "targets": ["Sinaloa Cartel"],
     "reported_in": ["bench-culiacan"], "fatalities": 8,
     "evidence": {"article": "bench-culiacan", "text": "Security forces clashed with the Sinaloa Cartel in Culiacán.", "start": 0, "end": 60,
                  "extractor": "crimegraph-bench", "extractor_version": "1", "confidence": 0.8}},
    {"type": "event", "id": "bench-arrest", "event_type": "arrest", "label": "Police arrest a Zetas leader in Nuevo Laredo",
     "date": "2020-02", "place": "Nuevo Laredo", "actors": ["Ministry of Public Security"], "targets": ["zetas"],
     "reported_in": ["bench-culiacan"],
     "evidence": {"article": "bench-culiacan", "text": "Later, police arrested a Zetas leader in Nuevo Laredo.", "start": 61, "end": 115,
                  "extractor": "crimegraph-bench", "extractor_version": "1", "confidence": 0.9}},
]

SIZES = {"50k": 50_000, "500k": 500_000, "5m": 5_000_000}

_ARTICLE = re.compile(r"(https://w3id\.org/crimegraph/id/(?:graph/)?article/[a-z0-9-]+)")
_EVENT = re.compile(r"(https://w3id\.org/crimegraph/id/event/[a-z0-9-]+)")
_ENTITY = re.compile(r"(https://w3id\.org/crimegraph/id/(?:organization|person)/[a-z0-9-]+)")
_DATE = re.compile(r'"(\d{4})((?:-\d{2}){0,2})"\^\^<http://www\.w3\.org/2001/XMLSchema#(date|gYearMonth|gYear)>')
_YEAR_KEY = re.compile(r'(<https://w3id\.org/crimegraph/ontology#year> )"(\d+)"\^\^<http://www\.w3\.org/2001/XMLSchema#integer>')
_NAMES = ("<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#altLabel>",
          "<http://xmlns.com/foaf/0.1/name>", "<https://w3id.org/crimegraph/ontology#acronym>")


def seed_lines(workdir: Path) -> list[str]:
    """The example graph plus the extra article, as N-Quads lines."""
    from crimegraph.convert import convert
    from crimegraph.rdf.io import nquad_line

    extra = workdir / "bench-extra.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in EXTRA_RECORDS), encoding="utf-8")
    inputs = [*sorted(EXAMPLES.glob("*.yaml")), *sorted(EXAMPLES.glob("*.json")), *sorted(EXAMPLES.glob("*.jsonl")),
              *sorted(EXAMPLES.glob("*.csv")), extra]
    result = convert(inputs)
    if result.problems:
        raise SystemExit(f"the examples do not convert: {result.problems[0]}")
    return [nquad_line(q, with_graph=True) for q in result.quads]


def plan_copies(seed: list[str], target: int) -> tuple[int, int]:
    """How many copies (and entity pools) give about ``target`` distinct quads: each copy
    adds its own article and event quads, each pool its own entity descriptions."""
    entities_graph = f"<{ID}graph/entities> .\n"
    own = sum(1 for line in seed if not line.endswith(entities_graph))
    per_pool = sum(1 for line in seed if line.endswith(entities_graph) and _ENTITY.search(line))
    fixed = len(seed) - own - per_pool
    copies = 1
    while True:
        pools = max(4, round(copies ** 0.75))
        if copies * own + min(pools, copies) * per_pool + fixed >= target:
            return copies, pools
        copies = max(copies + 1, int(copies * 1.05))


def replicate(seed: list[str], target: int, path: Path) -> tuple[int, int, int]:
    """Write about ``target`` distinct quads to ``path``; returns (quads, copies, pools)."""
    copies, pools = plan_copies(seed, target)
    seen_shared: set[str] = set()
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            pool = i % pools
            year_shift = (i * 7) % 34  # 1990 … 2023

            def shift(year: int, year_shift: int = year_shift) -> int:
                return 1990 + (year - 2012 + year_shift) % 34

            def date(m: re.Match[str]) -> str:
                return f'"{shift(int(m.group(1)))}{m.group(2)}"^^<{XSD}{m.group(3)}>'

            for line in seed:
                new = _ARTICLE.sub(rf"\1-r{i}", line)
                new = _EVENT.sub(rf"\1-r{i}", new)
                entity_subject = bool(_ENTITY.match(new, 1))
                new = _ENTITY.sub(rf"\1-e{pool}", new)
                if entity_subject and any(f"> {p} \"" in new for p in _NAMES):
                    new = re.sub(r'> "((?:[^"\\]|\\.)*)"', rf'> "\1 {pool}"', new, count=1)
                new = _DATE.sub(date, new)
                # the year key (cg:year) moves with the date it repeats
                new = _YEAR_KEY.sub(lambda m: f'{m.group(1)}"{shift(int(m.group(2)))}"^^<{XSD}integer>', new)
                if new.endswith(f"<{ID}graph/entities> .\n"):
                    if new in seen_shared:
                        continue
                    seen_shared.add(new)
                out.write(new)
                written += 1
    return written, copies, pools


def clash_event(seed: list[str]) -> str:
    """The IRI of the event record "bench-clash": its id and the digest of what it says
    (docs/identity.md)."""
    for line in seed:
        found = re.search(r"https://w3id\.org/crimegraph/id/event/bench-clash-[0-9a-f]{12}(?=>)", line)
        if found:
            return found.group(0)
    raise SystemExit("the seed graph has no event bench-clash")


def bench_cases(pools: int, clash: str) -> list[tuple[str, str, dict[str, Any], int | None]]:
    """(label, catalog query, parameters, limit) measured at every size."""
    p = min(3, pools - 1)
    return [
        ("who-did-what-where actor", "who-did-what-where", {"actor": f"Sinaloa Cartel {p}"}, None),
        ("who-did-what-where actor+years", "who-did-what-where", {"actor": f"Ministry of Public Security {p}", "from": "1990", "to": "2009"}, None),
        ("who-did-what-where place+type+year", "who-did-what-where", {"place": "Mexico", "type": "arrest", "from": "2005", "to": "2005"}, None),
        ("who-did-what-where place+years", "who-did-what-where", {"place": "Sinaloa", "from": "2010", "to": "2011"}, None),
        ("who-did-what-where place", "who-did-what-where", {"place": "Sinaloa"}, None),
        ("who-did-what-where from", "who-did-what-where", {"from": "2020"}, None),
        ("who-did-what-where all, LIMIT 100", "who-did-what-where", {}, 100),
        ("who-did-what-where place, LIMIT 100", "who-did-what-where", {"place": "Mexico"}, 100),
        ("events-of-group", "events-of-group", {"group": f"Los Zetas {p}"}, None),
        ("groups-in-place", "groups-in-place", {"place": "Nuevo Laredo", "from": "2015", "to": "2016"}, None),
        ("roles-of-people", "roles-of-people", {"person": f"Alfonso Portillo {p}"}, None),
        ("cooccurrence-network", "cooccurrence-network", {"organization": f"UNODC {p}"}, None),
        ("timeline-of-place", "timeline-of-place", {"place": "Culiacán", "from": "2000", "to": "2001"}, None),
        ("evidence", "evidence", {"fact": f"{clash}-r5"}, None),
        ("articles-mentioning", "articles-mentioning", {"entity": f"CICIG {p}"}, None),
        ("find-entities", "find-entities", {"text": f"zetas {p}"}, None),
        ("event-counts", "event-counts", {"place": "Sinaloa"}, None),
        ("describe-entity", "describe-entity", {"entity": f"CICIG {p}"}, None),
    ]


def median_ms(fn: Any, repeats: int) -> tuple[float, int]:
    fn()  # warm-up (also gives the size of the answer)
    times, size = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        size = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


# ----------------------------------------------------------------- rdflib (child process)


class _Alarm(Exception):
    pass


def _rdflib_worker(path: str, texts: list[tuple[str, str]], limit_s: int, repeats: int, conn: Any) -> None:
    from rdflib import Dataset

    def alarm(*_: object) -> None:
        raise _Alarm()

    signal.signal(signal.SIGALRM, alarm)
    out: dict[str, Any] = {}
    dataset = Dataset(default_union=True)
    start = time.perf_counter()
    dataset.parse(path, format="nquads")
    out["load_s"] = time.perf_counter() - start
    out["triples"] = sum(1 for _ in dataset.quads((None, None, None, None)))
    for label, text in texts:
        signal.alarm(limit_s)
        try:
            def run() -> int:
                return len(list(dataset.query(text)))
            first_start = time.perf_counter()
            run()
            first = (time.perf_counter() - first_start) * 1000
            if first > 2000:  # slow: one more run is enough
                signal.alarm(limit_s)
                start = time.perf_counter()
                run()
                out[label] = statistics.median([first, (time.perf_counter() - start) * 1000])
            else:
                out[label] = median_ms(run, repeats)[0]
        except _Alarm:
            out[label] = None
        except Exception as exc:  # noqa: BLE001 - reported, not fatal
            out[label] = f"error: {type(exc).__name__}"
        finally:
            signal.alarm(0)
    conn.send(out)
    conn.close()


def run_rdflib(path: Path, texts: list[tuple[str, str]], limit_s: int, repeats: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_rdflib_worker, args=(str(path), texts, limit_s, repeats, child))
    process.start()
    result = parent.recv()
    process.join()
    return result


# ----------------------------------------------------------------- main


def machine() -> str:
    from machine import describe

    return describe("pyoxigraph", "rdflib")


def fmt_ms(value: Any) -> str:
    if value is None:
        return "> limit"
    if isinstance(value, str):
        return value
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50k,500k", help="comma-separated: 50k, 500k, 5m (default 50k,500k)")
    parser.add_argument("--rdflib-max", default="500k", help="largest size also run on rdflib (default 500k; 'none' to skip)")
    parser.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query before giving up (default 60)")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per query (after one warm-up)")
    parser.add_argument("--workdir", type=Path, default=None, help="where graphs and stores go (default: a temporary folder)")
    parser.add_argument("--output", type=Path, default=None, help="also write the Markdown report here")
    args = parser.parse_args(argv)

    import crimegraph.query as q
    from crimegraph.store import LocalStore, rdf_source

    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in SIZES:
            parser.error(f"unknown size {s!r}; allowed: {', '.join(SIZES)}")
    rdflib_max = 0 if args.rdflib_max == "none" else SIZES[args.rdflib_max.lower()]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="crimegraph-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    seed = seed_lines(workdir)
    report = [f"Machine: {machine()}", "", f"Seed graph: {len(seed)} quads (examples + one article with city events), replicated.", ""]
    print(report[0], flush=True)

    slow_on_rdflib: set[str] = set()  # timed out at a smaller size: not tried again
    for size in sizes:
        path = workdir / f"graph-{size}.nq"
        quads, copies, pools = replicate(seed, SIZES[size], path)
        print(f"\n== {size}: {quads:,} quads ({copies:,} articles copies, {pools:,} entity pools) → {path}", flush=True)
        store_dir = workdir / f"store-{size}"
        shutil.rmtree(store_dir, ignore_errors=True)
        store = LocalStore(store_dir, create=True)
        start = time.perf_counter()
        loaded = store.load([rdf_source(path)])
        load_s = time.perf_counter() - start
        print(f"  pyoxigraph load: {load_s:.1f} s, {loaded.triples_after:,} triples, {quads / load_s:,.0f} quads/s", flush=True)
        # the same load without the event index, for its price
        bare_dir = workdir / f"store-{size}-without-index"
        shutil.rmtree(bare_dir, ignore_errors=True)
        start = time.perf_counter()
        LocalStore(bare_dir, create=True, index_events=False).load([rdf_source(path)])
        bare_s = time.perf_counter() - start
        shutil.rmtree(bare_dir, ignore_errors=True)
        index_mb = (store._published() / "crimegraph-events.sqlite").stat().st_size / 1e6
        print(f"  the same load without the event index: {bare_s:.1f} s (with it: {load_s / bare_s:.2f}×; "
              f"index file {index_mb:,.0f} MB)", flush=True)

        cases = bench_cases(pools, clash_event(seed))
        rows = []
        texts = []
        by_sparql: list[list[Any]] = []
        for label, name, params, limit in cases:
            prepared = q.prepare(store, name, params, limit=limit)
            texts.append((label, prepared.text))

            def run(name: str = name, params: dict = params, limit: int | None = limit) -> int:
                return len(q.execute(store, name, params, limit=limit)[0])

            ms, n = median_ms(run, args.repeats)
            rows.append([label, n, ms])
            print(f"  {label:<40} {ms:9.1f} ms  ({n} rows)", flush=True)
            if store.answer_catalog(name, prepared.bindings, prepared.limit) is not None:
                # answered from the event index: its SPARQL text on the same store, for the ratio
                def run_sparql(name: str = name, params: dict = params, limit: int | None = limit) -> int:
                    return len(q.execute(store, name, params, limit=limit, use_index=False)[0])

                # the slow ones (the SPARQL of an unfiltered sort at 5M takes minutes) are run once
                once = time.perf_counter()
                run_sparql()
                once_ms = (time.perf_counter() - once) * 1000
                sparql_ms = once_ms if once_ms > 5000 else median_ms(run_sparql, args.repeats)[0]
                by_sparql.append([label, n, ms, sparql_ms, once_ms > 5000])
                print(f"  {'  the same as SPARQL':<40} {sparql_ms:9.1f} ms", flush=True)

        baseline: dict[str, Any] = {}
        if SIZES[size] <= rdflib_max:
            print("  rdflib (in-memory Dataset, child process) …", flush=True)
            tried = [(label, text) for label, text in texts if label not in slow_on_rdflib]
            baseline = run_rdflib(path, tried, args.rdflib_timeout, max(1, min(3, args.repeats)))
            for label, _ in texts:
                if label in slow_on_rdflib:
                    baseline[label] = None
                elif baseline.get(label) is None:
                    slow_on_rdflib.add(label)
            print(f"  rdflib load: {baseline['load_s']:.1f} s ({quads / baseline['load_s']:,.0f} quads/s)", flush=True)

        report += [f"### {size}: {loaded.triples_after:,} triples ({copies:,} article copies, {pools:,} entity pools)", "",
                   f"The load took {load_s:.1f} s; the same load without the event index {bare_s:.1f} s "
                   f"(the index costs {load_s / bare_s:.2f}× the time; its file: {index_mb:,.0f} MB).", ""]
        if baseline:
            report += [
                "| | pyoxigraph store | rdflib in-memory | ratio |", "|---|---:|---:|---:|",
                f"| load (triples/s) | {quads / load_s:,.0f} | {quads / baseline['load_s']:,.0f} | {baseline['load_s'] / load_s:.1f}× faster |",
                "", "| query (median ms) | rows | pyoxigraph store | rdflib in-memory | ratio |", "|---|---:|---:|---:|---:|",
            ]
            for label, n, ms in rows:
                other = baseline.get(label)
                ratio = f"{other / ms:,.0f}×" if isinstance(other, float) and ms > 0 else "—"
                report.append(f"| {label} | {n} | {fmt_ms(ms)} | {fmt_ms(other)} | {ratio} |")
        else:
            report += [
                f"Load: {quads / load_s:,.0f} triples/s ({load_s:.1f} s). rdflib not run at this size.", "",
                "| query (median ms) | rows | pyoxigraph store |", "|---|---:|---:|",
            ]
            report += [f"| {label} | {n} | {fmt_ms(ms)} |" for label, n, ms in rows]
        if by_sparql:
            report += ["", "Answered from the event index, against the query's SPARQL text run by pyoxigraph on the same store:", "",
                       "| query (median ms) | rows | event index | SPARQL | ratio |", "|---|---:|---:|---:|---:|"]
            report += [f"| {label} | {n} | {fmt_ms(ms)} | {fmt_ms(s)}{' (one run)' if once else ''} | {s / ms:,.1f}× |"
                       for label, n, ms, s, once in by_sparql]
        report.append("")
        store.close()

    text = "\n".join(report) + "\n"
    print("\n" + text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
