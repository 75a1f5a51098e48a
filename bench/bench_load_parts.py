"""Loading the parts of a cluster run: the embedded store, Virtuoso through the Graph
Store Protocol, and Virtuoso's bulk loader (ld_dir + rdf_loader_run through isql).

Converts the UCDP GED file (default: the whole Mexico slice in ../shared) on a local
cluster of ``--workers`` workers into N-Quads parts, starts a Virtuoso of its own (as
the tests do: loopback ports, its own database folder, the parts inside its
DirsAllowed), then loads the same folder three ways and prints quads per second:

    .venv/bin/python bench/bench_load_parts.py [UCDP.csv]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def default_ucdp() -> Path:
    relative = Path("shared") / "corpus" / "ucdp-ged-mexico.csv"
    for root in ROOT.parents:
        if (root / relative).exists():
            return root / relative
    return ROOT.parent / relative


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ucdp", type=Path, nargs="?", default=default_ucdp())
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    from machine import describe

    from crimegraph import convert
    from crimegraph.store import LocalStore, rdf_source
    from crimegraph.store.remote import Credentials, RemoteStore
    from crimegraph.store.virtuoso import Isql, bulk_load
    from tests.conftest import VIRTUOSO_INI, _wait_for, free_port, virtuoso_ini

    print(f"machine: {describe('pyoxigraph', 'dask', 'distributed')}")
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        run = convert([str(args.ucdp)], cluster=f"local:{args.workers}", output=folder / "parts", on_problem=lambda p: None)
        seconds = time.perf_counter() - start
        parts = run.manifest.part_files()
        quads = run.total("triples")
        print(f"convert on local:{args.workers}: {run.total('read')} rows → {quads} quads in {len(parts)} parts, "
              f"{seconds:.1f} s (cluster start-up included)")

        start = time.perf_counter()
        report = LocalStore(folder / "store", create=True).load([rdf_source(p) for p in parts])
        print(f"embedded store (LocalStore.load, bulk loader, compaction, event index): {report.quads} quads in "
              f"{time.perf_counter() - start:.1f} s = {report.quads / (time.perf_counter() - start):,.0f} quads/s; "
              f"{report.triples_after} triples stored")

        vfolder = folder / "virtuoso"
        vfolder.mkdir()
        sql_port, http_port = free_port(), free_port()
        (vfolder / "virtuoso.ini").write_text(virtuoso_ini(VIRTUOSO_INI.read_text(), vfolder, sql_port, http_port))
        server_parts = vfolder / "parts"
        shutil.copytree(folder / "parts", server_parts)
        log = open(vfolder / "stdout.log", "wb")
        process = subprocess.Popen([shutil.which("virtuoso-t"), "+foreground", "+configfile", str(vfolder / "virtuoso.ini")],
                                   cwd=vfolder, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{http_port}"
            if not _wait_for(f"{base}/sparql", process, 90):
                print("Virtuoso did not start")
                return 1
            password = "virt" + secrets.token_hex(8)
            subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"EXEC=SET PASSWORD dba {password};"],
                           check=True, capture_output=True)
            credentials = Credentials("dba", password)
            store = RemoteStore(f"{base}/sparql", gsp_endpoint=f"{base}/sparql-graph-crud-auth", credentials=credentials,
                                timeout=600)
            start = time.perf_counter()
            loaded = 0
            for part in parts:
                loaded += store.load([rdf_source(part)]).quads
            gsp = time.perf_counter() - start
            count = store.triple_count()
            print(f"Virtuoso, Graph Store Protocol (part by part, 10,000-triple chunks, counts checked): {loaded} quads "
                  f"in {gsp:.1f} s = {loaded / gsp:,.0f} quads/s; {count} triples stored")
            isql = Isql(f"127.0.0.1:{sql_port}", credentials)
            for graph in store.named_graphs():
                isql.run(f"SPARQL CLEAR GRAPH <{graph}>;")
            bulk = bulk_load(sorted(server_parts.glob("part-*.nq")), isql, target="Virtuoso")
            count_bulk = store.triple_count()
            print(f"Virtuoso, bulk loader (ld_dir + rdf_loader_run + checkpoint through isql): {bulk.quads} quads in "
                  f"{bulk.seconds:.1f} s = {bulk.quads / bulk.seconds:,.0f} quads/s; {count_bulk} triples stored; "
                  f"bulk / GSP: {(bulk.quads / bulk.seconds) / (loaded / gsp):.1f}×")
        finally:
            process.terminate()
            process.wait(timeout=60)
            log.close()
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
