"""``crimegraph serve``: a read-only SPARQL endpoint and a query page over the store."""

from __future__ import annotations

import logging
import signal
import sys
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import handled_errors, info, warn
from crimegraph.cli.store_options import StoreDir, store_dir


def serve(
    store: StoreDir = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback exposes the store to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free port, printed).")] = 7878,
    query_timeout: Annotated[float, typer.Option("--query-timeout", min=0.1, help="Seconds a query may run before it is stopped (503).")] = 20.0,
    max_request_bytes: Annotated[int, typer.Option("--max-request-bytes", min=1024, help="Largest query or form accepted, in bytes (413 beyond).")] = 256 * 1024,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Results are cut after this many rows (header X-Crimegraph-Truncated).")] = 100_000,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Allow SERVICE clauses (federated queries make the server fetch other endpoints).")] = False,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=64, help="Queries run at the same time (default: cores, 2 to 8).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log each request.")] = False,
    base: Annotated[Optional[str], typer.Option("--base", help="Namespace of the minted IRIs the server publishes: /id/X answers <BASE>X (the --base of `crimegraph convert`).", show_default=False)] = None,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (/sparql) with a query page (/)."""
    from crimegraph.serve import ServeConfig, is_loopback
    from crimegraph.serve import serve as run_server

    if not quiet:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
        logging.getLogger("waitress").setLevel(logging.WARNING)
    from crimegraph.iri import check_base
    from crimegraph.vocab import DEFAULT_BASE

    with handled_errors():
        base = check_base(base) if base else DEFAULT_BASE
    config = ServeConfig(query_timeout=query_timeout, max_request_bytes=max_request_bytes, max_rows=max_rows,
                         allow_service=allow_service, base=base)
    if not is_loopback(host):
        warn(f"listening on {host}: anyone who can reach this machine can query the store")
    if allow_service:
        warn("--allow-service: queries can make this server fetch any URL it can reach")

    def ready(url: str) -> None:
        print(f"crimegraph serve: {url} (SPARQL endpoint {url}sparql) — Ctrl-C stops", flush=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops as cleanly as Ctrl-C: workers are shut down

    signal.signal(signal.SIGTERM, stop)
    with handled_errors():
        try:
            run_server(store_dir(store), host=host, port=port, config=config, workers=workers, on_ready=ready)
        except OSError as exc:
            from crimegraph.errors import StoreError

            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            info("stopped")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
