"""Loading parts into the embedded store: one after another, or the parse check of the
next part overlapping the bulk load of the previous ones (issue 14, "parts in parallel").

What ``crimegraph load FOLDER --store`` does with the parts of a cluster run is, per
part, a parse check in Python that also collects the event index's rows, then
pyoxigraph's bulk loader (which parses and writes in two threads of its own), then one
compaction. The overlapped variant runs the bulk loader in a thread fed part by part
while this thread checks the next part. Both are measured in the same run, alternating
which goes first; the ratio is the sequential wall time over the overlapped one:

    .venv/bin/python bench/bench_load_overlap.py PART.nq ... [--rounds 4]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parts", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    import pyoxigraph as ox
    from machine import describe

    from crimegraph.store import event_index

    nquads = ox.RdfFormat.N_QUADS

    def check(part: Path, collector) -> int:
        count = 0
        for quad in ox.parse(path=str(part), format=nquads):
            collector.add(quad)
            count += 1
        return count

    def sequential(store, collector) -> None:
        for part in args.parts:
            check(part, collector)
        for part in args.parts:
            store.bulk_load(path=str(part), format=nquads)

    def overlapped(store, collector) -> None:
        todo: queue.Queue = queue.Queue()
        failed: list[BaseException] = []

        def loader() -> None:
            while (part := todo.get()) is not None:
                try:
                    store.bulk_load(path=str(part), format=nquads)
                except BaseException as exc:  # noqa: BLE001 - reported below
                    failed.append(exc)
                    return

        thread = threading.Thread(target=loader)
        thread.start()
        try:
            for part in args.parts:
                check(part, collector)
                todo.put(part)
        finally:
            todo.put(None)
            thread.join()
        if failed:
            raise failed[0]

    print(f"machine: {describe('pyoxigraph')}")
    print(f"{len(args.parts)} parts, {sum(p.stat().st_size for p in args.parts) / 2**20:.0f} MiB")
    ratios = []
    with tempfile.TemporaryDirectory(prefix="bench-overlap-") as tmp:
        for round_ in range(args.rounds):
            walls = {}
            order = [("sequential", sequential), ("overlapped", overlapped)]
            for name, load in order if round_ % 2 == 0 else order[::-1]:
                folder = Path(tmp) / name
                shutil.rmtree(folder, ignore_errors=True)
                collector = event_index.Collector(Path(tmp) / f"{name}.sqlite")
                start, cpu = time.perf_counter(), time.process_time()
                store = ox.Store(str(folder))
                load(store, collector)
                store.optimize()
                collector.close()
                walls[name] = time.perf_counter() - start
                count = len(store)
                del store
                print(f"round {round_} {name}: {walls[name]:.2f} s wall, {time.process_time() - cpu:.2f} s CPU, "
                      f"{count} quads stored, load average {os.getloadavg()[0]:.1f}", flush=True)
                (Path(tmp) / f"{name}.sqlite").unlink()
            ratios.append(walls["sequential"] / walls["overlapped"])
    print("sequential / overlapped wall time per round: " + ", ".join(f"{r:.2f}" for r in ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
