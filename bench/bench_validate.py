"""Screened validation against plain whole-graph pyshacl, side by side, same data.

    python bench/bench_validate.py [--articles 8000] [--skip-pyshacl]

Generates a corpus with bench/gen_corpus.py (about 55 triples per article plus the
entities), converts it to N-Quads, plants a few violations, then times

* ``pyshacl``: crimegraph's whole-graph path — rdflib parses the file, pyshacl validates
  the union graph (parse and validation are shown apart);
* ``screen``: pyoxigraph parses, the screen flags focus nodes, pyshacl confirms them on
  their closure (crimegraph.validate.validate_screened);

checks that both reports are identical (conformance and every result) and prints the
ratio measured in this run, with the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLANTED = """\
<https://w3id.org/crimegraph/id/event/gen-0000001-e0> <https://w3id.org/crimegraph/ontology#confidence> "7"^^<http://www.w3.org/2001/XMLSchema#decimal> <https://w3id.org/crimegraph/id/graph/records> .
<https://w3id.org/crimegraph/id/article/gen-0000002> <http://schema.org/headline> "A second headline" <https://w3id.org/crimegraph/id/graph/article/gen-0000002> .
<https://w3id.org/crimegraph/id/event/gen-0000003-e1> <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> <https://w3id.org/crimegraph/id/organization/org-1> <https://w3id.org/crimegraph/id/graph/records> .
"""


def machine() -> str:
    from machine import describe

    return describe("rdflib", "pyshacl", "pyoxigraph")


def build(folder: Path, articles: int) -> Path:
    subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(folder), "--articles", str(articles)], check=True)
    from crimegraph.convert import Converter
    from crimegraph.rdf.io import RdfFormat, write_quads

    out = folder / "data.nq"
    inputs = [folder / "entities.jsonl", folder / "articles.jsonl", folder / "events.jsonl"]
    triples = write_quads(Converter().quads(inputs), out, RdfFormat.nquads, unique=True)
    with out.open("a", encoding="utf-8") as fh:
        fh.write(PLANTED)
    print(f"corpus: {articles} articles, {triples + PLANTED.count(chr(10))} triples ({out.stat().st_size / 2**20:.0f} MiB N-Quads)")
    return out


def key(report):
    return report.conforms, sorted(tuple("" if v is None else v for v in (
        r.severity, r.focus, r.path, r.value, r.constraint, r.shape, r.message)) for r in report.results)


def main() -> None:
    parser = argparse.ArgumentParser(description="screened validation vs whole-graph pyshacl")
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--skip-pyshacl", action="store_true", help="time the screen only (for very large corpora)")
    args = parser.parse_args()
    from crimegraph.rdf.io import parse_rdf
    from crimegraph.validate import validate_graph, validate_screened

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        data = build(Path(tmp), args.articles)
        t0 = time.perf_counter()
        screened = validate_screened([data])
        t_screen = time.perf_counter() - t0
        print(f"screen:  {t_screen:7.2f} s  conforms={screened.conforms} results={len(screened.results)} "
              f"(peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
        if args.skip_pyshacl:
            return
        t0 = time.perf_counter()
        dataset = parse_rdf(data)
        t_parse = time.perf_counter() - t0
        whole = validate_graph(dataset)
        t_whole = time.perf_counter() - t0
        print(f"pyshacl: {t_whole:7.2f} s  (rdflib parse {t_parse:.2f} s + validate {t_whole - t_parse:.2f} s) "
              f"conforms={whole.conforms} results={len(whole.results)}")
        same = key(whole) == key(screened)
        print(f"identical reports: {same}")
        print(f"ratio: screen is {t_whole / t_screen:.1f}x faster than whole-graph pyshacl "
              f"({(t_whole - t_parse) / t_screen:.1f}x against pyshacl's validation alone)")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
