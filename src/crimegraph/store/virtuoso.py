"""Virtuoso's bulk loader for the N-Quads parts of a cluster run, through ``isql``.

When the parts are on the Virtuoso server's own disk (a folder listed in the server's
``DirsAllowed``), ``ld_dir`` + ``rdf_loader_run`` reads them there, much faster than
uploading them through the Graph Store Protocol (:class:`RemoteStore`). The semantics
are those of every crimegraph load: the article graphs of the parts are cleared first
(an article loaded again replaces its old graph), the entities and dataset graphs are
merged; the folder's entries in ``DB.DBA.load_list`` are removed first, so that loading
the same folder again reads it again; a ``checkpoint`` makes the load durable (without
it, bulk-loaded data is lost when the server stops). Errors the loader records per file
(``ll_error``) fail the load, naming the file; afterwards every article graph's triple
count is checked against the parts.

The password is passed to ``isql`` on its command line (the only way it takes one), so
it is visible to other users of the client machine in the process list: run this on a
machine you trust, or on the server itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from crimegraph.errors import StoreError
from crimegraph.store.base import is_replaced_graph
from crimegraph.store.remote import Credentials

#: Article graphs whose triple count is checked after the load (all of them up to this
#: many; past it, the first ones in IRI order, to keep a huge load's check bounded).
VERIFY_GRAPHS = 1000
#: Statements per isql call when clearing article graphs (bounded command lines).
CLEAR_BATCH = 200


@dataclass
class BulkReport:
    files: int
    quads: int
    graphs_replaced: int
    graphs_merged: int
    seconds: float
    target: str

    def summary(self) -> str:
        rate = self.quads / self.seconds if self.seconds > 0 else 0.0
        return (f"bulk-loaded {self.quads} quads from {self.files} part(s) into {self.target} with ld_dir + "
                f"rdf_loader_run in {self.seconds:.2f} s ({rate:,.0f} quads/s): {self.graphs_replaced} article "
                f"graph(s) replaced, {self.graphs_merged} graph(s) merged")


class Isql:
    """Runs statements through Virtuoso's ``isql`` client (``isql-vt`` on Debian)."""

    def __init__(self, address: str, credentials: Credentials, program: str | None = None, timeout: float = 3600) -> None:
        found = program or shutil.which("isql-vt") or shutil.which("isql")
        if not found:
            raise StoreError("Virtuoso's isql client is not installed (isql-vt on Debian: apt-get install virtuoso-opensource)")
        self.program = found
        self.address = address
        self.credentials = credentials
        self.timeout = timeout

    def run(self, *statements: str) -> str:
        args = [self.program, self.address, self.credentials.user, self.credentials.password]
        args += [f"EXEC={s}" for s in statements]
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise StoreError(f"isql at {self.address} did not finish within {self.timeout:g} s") from None
        output = self.redact(done.stdout + done.stderr)
        if done.returncode != 0 or "*** Error" in output:
            detail = " ".join(output.split())[-600:]
            raise StoreError(f"isql at {self.address} failed: {detail}")
        return output

    def number(self, statement: str) -> int:
        """The single number a ``SELECT COUNT(*) ...`` answers."""
        output = self.run(statement)
        lines = output.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("____"):
                for value in lines[i + 1:]:
                    if value.strip():
                        return int(value.strip())
        raise StoreError(f"isql at {self.address} gave no number for: {statement}")

    def redact(self, text: str) -> str:
        return text.replace(self.credentials.password, "***") if self.credentials.password else text


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def bulk_load(parts: Sequence[Path], isql: Isql, *, server_folder: str | None = None, target: str = "Virtuoso",
              verify: bool = True) -> BulkReport:
    """Load N-Quads parts that lie in one folder with Virtuoso's bulk loader.

    :param server_folder: the folder of the parts as the server sees it (default: the
        same absolute path; the server must list it in ``DirsAllowed``).
    """
    start = time.perf_counter()
    if not parts:
        raise StoreError("no parts to load")
    folders = {p.resolve().parent for p in parts}
    if len(folders) != 1:
        raise StoreError("the bulk loader reads one folder: the parts are in several")
    folder = server_folder or str(folders.pop())
    if not re.fullmatch(r"[^'\x00]+", folder):
        raise StoreError(f"cannot hand the folder {folder!r} to ld_dir")
    graphs: Counter[str] = Counter()
    quads = 0
    for part in parts:
        try:
            for quad in ox.parse(path=str(part), format=ox.RdfFormat.N_QUADS):
                if not isinstance(quad.graph_name, ox.NamedNode):
                    raise StoreError(f"{part}: triples without a named graph; the bulk loader needs N-Quads parts")
                graphs[quad.graph_name.value] += 1
                quads += 1
        except SyntaxError as exc:
            raise StoreError(f"{part}: not valid N-Quads: {exc}") from None
    replaced = sorted(g for g in graphs if is_replaced_graph(ox.NamedNode(g)))
    for i in range(0, len(replaced), CLEAR_BATCH):
        isql.run(*(f"SPARQL CLEAR GRAPH <{g}>;" for g in replaced[i:i + CLEAR_BATCH]))
    pattern = _sql_string(folder.rstrip("/") + "/%")
    names = sorted({p.name for p in parts})
    whole_folder = names == sorted(p.name for p in parts[0].parent.glob("part-*.nq"))
    isql.run(f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {pattern};")
    if whole_folder:  # the parts of a cluster run: the folder's part-*.nq files
        isql.run(f"ld_dir({_sql_string(folder)}, 'part-*.nq', 'urn:crimegraph:no-graph');")
    else:  # only some files of the folder: register each
        for i in range(0, len(names), CLEAR_BATCH):
            isql.run(*(f"ld_add({_sql_string(folder.rstrip('/') + '/' + n)}, 'urn:crimegraph:no-graph');"
                       for n in names[i:i + CLEAR_BATCH]))
    isql.run("rdf_loader_run();", "checkpoint;")
    failed = isql.run(f"SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_file LIKE {pattern} AND ll_error IS NOT NULL;")
    if isql.number(f"SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_file LIKE {pattern} AND ll_error IS NOT NULL;"):
        raise StoreError(f"Virtuoso's bulk loader reported errors: {' '.join(failed.split())[-600:]}")
    loaded = isql.number(f"SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_file LIKE {pattern} AND ll_state = 2;")
    if loaded != len(names):
        raise StoreError(f"Virtuoso's bulk loader finished {loaded} of {len(names)} part(s) in {folder}")
    if verify:
        for graph in replaced[:VERIFY_GRAPHS]:
            found = isql.number(f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }};")
            if found != graphs[graph]:
                raise StoreError(f"after the bulk load, graph <{graph}> has {found} triples, the parts have "
                                 f"{graphs[graph]}; load the folder again (it converges)")
    return BulkReport(len(names), quads, len(replaced), len(graphs) - len(replaced), time.perf_counter() - start, target)
