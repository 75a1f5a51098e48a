"""Options shared by the commands that use a store: ``--store`` or ``--endpoint``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.store import DEFAULT_STORE_DIR, Store, open_store

StoreDir = Annotated[
    Optional[Path],
    typer.Option("--store", "-s", help=f"Folder of the embedded store (default: $CRIMEGRAPH_STORE or ./{DEFAULT_STORE_DIR}).", show_default=False),
]
Endpoint = Annotated[
    Optional[str],
    typer.Option("--endpoint", help="SPARQL 1.1 query endpoint of a remote store, instead of --store. Credentials: $CRIMEGRAPH_ENDPOINT_USER and $CRIMEGRAPH_ENDPOINT_PASSWORD, or ~/.netrc.", show_default=False),
]
UpdateEndpoint = Annotated[
    Optional[str],
    typer.Option("--update-endpoint", help="SPARQL 1.1 Update endpoint for loads (default: the query endpoint).", show_default=False),
]
GspEndpoint = Annotated[
    Optional[str],
    typer.Option("--gsp-endpoint", help="Graph Store Protocol endpoint for loads, e.g. Virtuoso's http://host:8890/sparql-graph-crud-auth (preferred over SPARQL Update when given).", show_default=False),
]
Timeout = Annotated[Optional[float], typer.Option("--timeout", help="Seconds before a query or request is abandoned.", show_default=False)]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say what is sent where (never credentials).")]


def store_dir(path: Path | None) -> Path:
    if path is not None:
        return path
    return Path(os.environ.get("CRIMEGRAPH_STORE") or DEFAULT_STORE_DIR)


def open_from_options(
    store: Path | None,
    endpoint: str | None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    *,
    create: bool = False,
    timeout: float | None = None,
    verbose: bool = False,
) -> Store:
    if endpoint is None and (update_endpoint or gsp_endpoint):
        from crimegraph.errors import StoreError

        raise StoreError("--update-endpoint and --gsp-endpoint need --endpoint (the query endpoint) too")
    if endpoint:
        from crimegraph.cli.common import info
        from crimegraph.store.remote import RemoteStore

        return RemoteStore(
            endpoint, update_endpoint=update_endpoint, gsp_endpoint=gsp_endpoint, timeout=timeout,
            log=info if verbose else None,
        )
    return open_store(store_dir(store), create=create)
