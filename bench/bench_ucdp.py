"""The whole UCDP GED Mexico file: conversion, load into the embedded store, validation.

    python bench/bench_ucdp.py [path/to/ucdp-ged-mexico.csv]

Prints, for this run: conversion to N-Quads (rows read / converted / rejected, triples,
seconds), loading the N-Quads into the embedded store (LocalStore, as ``crimegraph
load``), screened SHACL
validation, the catalog query news-and-ucdp for the Sinaloa Cartel in Sinaloa, and two
aggregates checked against the CSV (events per violence type, best-estimate deaths).
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpus" / "ucdp-ged-mexico.csv"
if not DEFAULT.exists():
    DEFAULT = HERE.parents[2] / "shared" / "corpus" / "ucdp-ged-mexico.csv"


def main() -> None:
    from crimegraph.convert import Converter
    from crimegraph.query import run
    from crimegraph.store.base import rdf_source
    from crimegraph.store.local import LocalStore
    from crimegraph.rdf.io import RdfFormat, write_quads
    from crimegraph.validate import validate_screened

    sys.path.insert(0, str(HERE))
    from bench_validate import machine  # the same description as the validation bench

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ucdp.nq"
        t0 = time.perf_counter()
        converter = Converter(source="ucdp-ged")
        triples = write_quads(converter.quads([source]), out, RdfFormat.nquads, unique=True)
        t_convert = time.perf_counter() - t0
        s = converter.stats
        print(f"convert:  {t_convert:6.2f} s  read {s.read} rows: {s.events} converted + {s.rejected} rejected "
              f"= {s.events + s.rejected} ({'adds up' if s.events + s.rejected == s.read else 'DOES NOT ADD UP'}); "
              f"{s.warnings} with a warning; {triples} triples")
        t0 = time.perf_counter()
        store = LocalStore(Path(tmp) / "store", create=True)
        loaded = store.load([rdf_source(out)])
        t_load = time.perf_counter() - t0
        print(f"load:     {t_load:6.2f} s  {loaded.triples_after} triples in the embedded store (crimegraph load)")
        t0 = time.perf_counter()
        report = validate_screened([out])
        t_validate = time.perf_counter() - t0
        print(f"validate: {t_validate:6.2f} s  conforms={report.conforms}, {len(report.results)} result(s)")
        print(f"total:    {t_convert + t_load + t_validate:6.2f} s")
        t0 = time.perf_counter()
        rows = run(store, "news-and-ucdp", group="Sinaloa Cartel", place="Sinaloa")
        events = {r["item"] for r in rows if str(r["source"]) == "ucdp-ged"}
        print(f"query:    {time.perf_counter() - t0:6.2f} s  news-and-ucdp (Sinaloa Cartel, Sinaloa): "
              f"{len(events)} UCDP events")

        query = """
            PREFIX cg: <https://w3id.org/crimegraph/ontology#>
            PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
            SELECT ?type (COUNT(?e) AS ?n) (SUM(?f) AS ?deaths) WHERE {
              ?e a sem:Event ; sem:eventType ?type ; cg:fatalities ?f } GROUP BY ?type ORDER BY ?type"""
        got = {str(r["type"]).rsplit("/", 1)[-1]: (int(str(r["n"])), int(str(r["deaths"])))
               for r in store.query(query).rows()}
        with source.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        want = {"clash": (sum(r["type_of_violence"] in "12" for r in rows),
                          sum(int(r["best"]) for r in rows if r["type_of_violence"] in "12")),
                "killing": (sum(r["type_of_violence"] == "3" for r in rows),
                            sum(int(r["best"]) for r in rows if r["type_of_violence"] == "3"))}
        print(f"check:    SPARQL {got} vs CSV {want}: {'equal' if got == want else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
