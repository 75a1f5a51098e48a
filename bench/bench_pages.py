"""Entity pages of ``crimegraph serve`` on a real store: the UCDP GED Mexico file plus the
24 development articles, the Sinaloa Cartel's page (thousands of references) and others.

    python bench/bench_pages.py [--no-extract] [--store DIR]

(``--store DIR``: build the store there, or reuse it if it exists.)

Builds the store once (conversion of both sources, load into the embedded store), then
times, through the WSGI application and its query workers (as ``crimegraph serve``
answers, without the HTTP hop), median of 5 after one warm-up:

* the page (``/id/organization/sinaloa-cartel``: summary, statements, counts, first page
  of references) and its third page of references;
* the baseline measured in the same run: the single query the page ran before (every
  statement in and out, cut at 2,000 rows), which showed no statement of an entity
  referenced more than ~2,000 times;
* the Turtle view (``DESCRIBE``), Mexico's page, the CJNG's page;
* the pictures the page then loads (``/pictures/all``: map, timeline, network), for the
  cartel and for Mexico (every event of the store).

Prints each time and its ratio to the baseline. The target (issue 15): the page opens in
under 1 s on the embedded store.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), ROOT.parent / "shared")
SINALOA = "https://w3id.org/crimegraph/id/organization/sinaloa-cartel"

OLD_SINGLE_QUERY = """
SELECT ?direction ?p ?other ?otherLabel WHERE {
  { ?subject ?p ?other . BIND("out" AS ?direction) }
  UNION
  { ?other ?p ?subject . BIND("in" AS ?direction) }
  OPTIONAL { ?other <http://www.w3.org/2000/01/rdf-schema#label> ?otherLabel }
}
ORDER BY ?direction ?p ?other
"""


def timed(call, repeat: int = 5) -> float:
    call()  # warm-up: worker caches, the store's pages
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def build(folder: Path, extract: bool) -> Path:
    from crimegraph.convert import Converter
    from crimegraph.rdf.io import RdfFormat, write_quads
    from crimegraph.store import LocalStore, rdf_source

    parts = []
    for name, inputs, source in (("ucdp", [SHARED / "corpus" / "ucdp-ged-mexico.csv"], "ucdp-ged"),
                                 ("articles", [SHARED / "corpus" / "insightcrime-2020-dev.jsonl"], None)):
        extractor = None
        if extract and source is None:
            from crimegraph.extract import ArticleExtractor

            extractor = ArticleExtractor()
        started = time.perf_counter()
        converter = Converter(source=source, extractor=extractor)
        out = folder / f"{name}.nq"
        n = write_quads(converter.quads(inputs), out, RdfFormat.nquads, unique=True)
        print(f"converted {name}: {n:,} quads in {time.perf_counter() - started:.1f} s")
        parts.append(out)
    store = folder / "store"
    started = time.perf_counter()
    LocalStore(store, create=True).load([rdf_source(p) for p in parts])
    print(f"loaded the store in {time.perf_counter() - started:.1f} s")
    return store


def main() -> None:
    import pyoxigraph as ox
    from werkzeug.test import Client

    from crimegraph.serve import EndpointApp, Job, QueryPool, ServeConfig
    from crimegraph.store.sparql import bind_values

    extract = "--no-extract" not in sys.argv
    kept = Path(sys.argv[sys.argv.index("--store") + 1]) if "--store" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        if kept is not None and (kept / "store").is_dir():
            store = kept / "store"
        else:
            folder = kept or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            store = build(folder, extract)
        pool = QueryPool(store, size=2, wait=30)
        try:
            client = Client(EndpointApp(pool, ServeConfig()))

            def get(path: str, accept: str = "text/html") -> None:
                response = client.get(path, headers={"Accept": accept})
                assert response.status_code == 200, (path, response.status_code, response.get_data(as_text=True)[:300])

            def old() -> None:
                pool.run(Job("sparql", bind_values(OLD_SINGLE_QUERY, {"subject": [ox.NamedNode(SINALOA)]}), max_rows=2000), 60)

            baseline = timed(old)
            page = client.get("/id/organization/sinaloa-cartel").get_data(as_text=True)
            statements = page.split("<h2>Statements</h2>", 1)[1].split("<h2>Referenced by</h2>", 1)[0].count("<tr><td>")
            referenced = page.split("(page 1 of", 1)[0].rsplit(" of ", 1)[-1].strip()
            print(f"Sinaloa Cartel page: {statements} statements shown, referenced {referenced} times")
            rows = [
                ("baseline: the old single query (cut at 2,000 rows)", baseline),
                ("page /id/organization/sinaloa-cartel", timed(lambda: get("/id/organization/sinaloa-cartel"))),
                ("its page 3 of references", timed(lambda: get("/id/organization/sinaloa-cartel?page=3"))),
                ("its Turtle view (DESCRIBE)", timed(lambda: get("/id/organization/sinaloa-cartel", "text/turtle"))),
                ("page /id/place/mx (Mexico)", timed(lambda: get("/id/place/mx"))),
                ("page /id/organization/cjng", timed(lambda: get("/id/organization/cjng"))),
                ("its pictures: /pictures/all (map, timeline, network)", timed(lambda: get("/pictures/all?iri=" + SINALOA, "application/json"), 3)),
                ("Mexico's pictures (every event of the store)", timed(lambda: get("/pictures/all?iri=https://w3id.org/crimegraph/id/place/mx", "application/json"), 3)),
            ]
            for name, seconds in rows:
                print(f"{name:<55} {seconds * 1000:9.1f} ms   {seconds / baseline:6.2f}x baseline")
            slowest = max(seconds for name, seconds in rows[1:6])
            print(f"target: every page under 1 s — slowest {slowest * 1000:.0f} ms: {'met' if slowest < 1 else 'NOT met'}"
                  " (the pictures load after the page, each figure filled in when its data arrive)")
        finally:
            pool.close()


if __name__ == "__main__":
    main()
