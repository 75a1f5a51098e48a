"""``crimegraph load`` and ``crimegraph stats``: fill a store and see what is in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import handled_errors, info
from crimegraph.cli.store_options import Endpoint, GspEndpoint, StoreDir, Timeout, UpdateEndpoint, Verbose, open_from_options
from crimegraph.rdf.io import atomic_output


def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .nq .trig (named graphs kept), .ttl .nt .rdf .jsonld.", show_default=False)],
    store: StoreDir = None,
    endpoint: Endpoint = None,
    update_endpoint: UpdateEndpoint = None,
    gsp_endpoint: GspEndpoint = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="RDF format of all files (default: from each extension).", show_default=False)] = None,
    graph: Annotated[Optional[str], typer.Option("--graph", help="Named graph for the triples of triple formats (default: the default graph, merged).", show_default=False)] = None,
    timeout: Timeout = None,
    verbose: Verbose = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Load RDF into a store, all or nothing: an article's graph replaces the one loaded
    before (no duplicates, no stale facts); entities and dataset graphs are merged."""
    from crimegraph.store import rdf_source

    with handled_errors():
        sources = [rdf_source(f, fmt, graph) for f in files]
        target = open_from_options(store, endpoint, update_endpoint, gsp_endpoint, create=True, timeout=timeout, verbose=verbose)
        with target:
            report = target.load(sources)
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
