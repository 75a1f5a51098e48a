"""``crimegraph load`` and ``crimegraph stats``: fill a store and see what is in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import expand_folders, handled_errors, info
from crimegraph.errors import CrimegraphError
from crimegraph.cli.store_options import Endpoint, GspEndpoint, StoreDir, Timeout, UpdateEndpoint, Verbose, open_from_options
from crimegraph.rdf.io import atomic_output


def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files or folders of them: .nq .trig (named graphs kept), .ttl .nt .rdf .jsonld (a folder's other files are listed as skipped); or the output folder of `convert --cluster` (its parts, checked against the manifest).", show_default=False)],
    store: StoreDir = None,
    endpoint: Endpoint = None,
    update_endpoint: UpdateEndpoint = None,
    gsp_endpoint: GspEndpoint = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="RDF format of all files (default: from each extension).", show_default=False)] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", help="Named graph for the triples of triple formats (default: the default graph, merged).", show_default=False)] = None,
    timeout: Timeout = None,
    verbose: Verbose = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    virtuoso_isql: Annotated[Optional[str], typer.Option("--virtuoso-isql", help="HOST:PORT of a Virtuoso server's SQL port: load the parts of a cluster output folder with Virtuoso's bulk loader (ld_dir + rdf_loader_run) through isql; the folder must be on the server's disk and in its DirsAllowed. Credentials as for --endpoint.", show_default=False)] = None,
    server_folder: Annotated[Optional[str], typer.Option("--server-folder", help="With --virtuoso-isql: the folder of the parts as the server sees it (default: the same path).", show_default=False)] = None,
) -> None:
    """Load RDF into a store, all or nothing: an article's graph replaces the one loaded
    before (no duplicates, no stale facts); entities and dataset graphs are merged.

    The output folder of ``crimegraph convert --cluster`` loads as its parts (a run that
    is not complete, or a part that differs from its checksum, is refused): into the
    embedded store in one generation (big parts through pyoxigraph's bulk loader), to a
    server store part by part, or with ``--virtuoso-isql`` through Virtuoso's own bulk
    loader."""
    from crimegraph.store import rdf_source

    with handled_errors():
        files = _expand_folders(files, fmt)
        if virtuoso_isql is not None:
            _virtuoso_bulk(files, virtuoso_isql, endpoint, server_folder, quiet)
            return
        if server_folder is not None:
            raise CrimegraphError("--server-folder applies to --virtuoso-isql")
        sources = [rdf_source(f, fmt, graph) for f in files]
        target = open_from_options(store, endpoint, update_endpoint, gsp_endpoint, create=True, timeout=timeout, verbose=verbose)
        with target:
            if endpoint and len(sources) > 1:
                report = _load_one_by_one(target, sources)  # memory bounded by the largest file
            else:
                report = target.load(sources)
        if not quiet:
            info(report.summary())


def _expand_folders(files: list[Path], fmt: str | None) -> list[Path]:
    """Files as given; a cluster output folder becomes its checked parts, any other
    folder its RDF files (the rest listed as skipped)."""
    from crimegraph.cluster import MANIFEST, manifest_parts
    from crimegraph.rdf.io import RdfFormat

    expanded: list[Path] = []
    for file in files:
        if file.is_dir() and (file / MANIFEST).is_file():
            expanded.extend(manifest_parts(file))
        else:
            expanded.extend(expand_folders([file], lambda p: fmt is not None or RdfFormat.from_extension(p) is not None, "RDF files",
                                           f" (nor the {MANIFEST} of a `crimegraph convert --cluster` output folder)"))
    return expanded


def _load_one_by_one(target, sources):
    """A server store loads file by file (each article is whole in one part; the
    other graphs are merged), so that only one file is held in memory."""
    from crimegraph.store.base import LoadReport

    total = LoadReport(0, 0, 0, 0, 0, 0, 0.0, target.location)
    for index, source in enumerate(sources):
        report = target.load([source])
        total.files += report.files
        total.quads += report.quads
        total.graphs_replaced += report.graphs_replaced
        total.graphs_merged += report.graphs_merged
        total.seconds += report.seconds
        total.triples_before = report.triples_before if index == 0 else total.triples_before
        total.triples_after = report.triples_after
    return total


def _virtuoso_bulk(files: list[Path], address: str, endpoint: str | None, server_folder: str | None, quiet: bool) -> None:
    from crimegraph.errors import StoreError
    from crimegraph.store.remote import PASSWORD_VARIABLE, USER_VARIABLE, find_credentials
    from crimegraph.store.virtuoso import Isql, bulk_load

    credentials = find_credentials(endpoint or f"tcp://{address}")
    if credentials is None:
        raise StoreError(f"--virtuoso-isql needs a user and password: set ${USER_VARIABLE} and ${PASSWORD_VARIABLE} "
                         "or a netrc entry for the host")
    report = bulk_load(files, Isql(address, credentials), server_folder=server_folder, target=f"Virtuoso at {address}")
    if not quiet:
        info(report.summary())


def stats(
    store: StoreDir = None,
    endpoint: Endpoint = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    output: Annotated[str, typer.Option("--output", "-o", help="Write here instead of stdout.")] = "-",
    timeout: Timeout = None,
    verbose: Verbose = False,
) -> None:
    """Print what is in a store: articles, entities by kind, events by type, triples,
    named graphs and the date range."""
    from crimegraph.store.stats import collect_stats

    with handled_errors():
        target = open_from_options(store, endpoint, timeout=timeout, verbose=verbose)
        with target:
            figures = collect_stats(target)
        text = json.dumps(figures.as_dict(), indent=2) + "\n" if as_json else figures.as_text()
        with atomic_output(output) as handle:
            handle.write(text)


def register(app: typer.Typer) -> None:
    app.command("load")(load)
    app.command("stats")(stats)
