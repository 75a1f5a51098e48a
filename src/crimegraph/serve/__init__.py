"""``crimegraph serve``: the store as a read-only SPARQL 1.1 endpoint, with a page for people.

What it is made of, and why:

* **waitress** (the HTTP server): a maintained, pure-Python, production WSGI server with
  no dependencies of its own. It does the things a hand-made server built on the stdlib's
  ``ThreadingHTTPServer`` gets wrong: a fixed pool of request threads (no thread per
  connection), a cap on the request body (``max_request_body_size`` → 413, chunked bodies
  included) and on the header block, a limit on open connections, and timeouts for
  clients that send slowly or not at all. Query evaluation blocks (pyoxigraph), which a
  threaded WSGI server fits naturally; an ASGI stack (Starlette + uvicorn) would add an
  event loop only to hand every request to a thread pool.
* **werkzeug** (request parsing): form and URL decoding, the ``Accept`` header with
  quality values (content negotiation), routing.
* **worker processes** (:mod:`crimegraph.serve.workers`): pyoxigraph cannot interrupt a
  running query, so queries run in a few worker processes that are killed and replaced
  when a query passes ``--query-timeout``; the server itself never opens the store. The
  workers also serialise the results (JSON, CSV, Turtle …), so that work is under the
  timeout too, only bytes cross between processes, and the server's own threads stay
  free for HTTP.
* **YASGUI** (the page): ``@zazuko/yasgui``, vendored into ``static/vendor/yasgui`` (see
  ``web/README.md``), nothing fetched at run time; the page adds the catalog of named
  queries with their parameters as form fields, and links IRIs in results to
  ``/describe``.

Safe by default: bound to 127.0.0.1 (and answering only to loopback host names, against
DNS rebinding), read-only (updates get 403; the store is opened read-only), ``SERVICE``
refused unless ``allow_service``, requests capped in size, queries in time and rows.

>>> from crimegraph.serve import ServeConfig
>>> ServeConfig().allow_service
False
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from crimegraph.serve.app import LOOPBACK_NAMES, EndpointApp, ServeConfig
from crimegraph.serve.workers import Job, QueryPool, ServerBusy

__all__ = ["EndpointApp", "Job", "QueryPool", "ServeConfig", "ServerBusy", "create_server", "is_loopback", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def is_loopback(host: str) -> bool:
    """True for the loopback addresses and ``localhost``.

    >>> is_loopback("127.0.0.1"), is_loopback("0.0.0.0")
    (True, False)
    """
    import ipaddress

    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_workers() -> int:
    """Queries that may run at once: the number of cores, at least 2, at most 8."""
    return max(2, min(8, os.cpu_count() or 2))


def create_server(
    store_path: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    config: ServeConfig | None = None,
    workers: int | None = None,
    threads: int | None = None,
) -> Any:
    """A waitress server for the store (not yet serving: call ``.run()``), with its query
    pool at ``.crimegraph_pool``. ``port=0`` picks a free port (``.effective_port``).

    :raises StoreError: if there is no store at ``store_path``.
    """
    from waitress import create_server as waitress_server

    from crimegraph.store import LocalStore

    LocalStore.open_read_only(store_path).close()  # fail now, with the store's message
    config = config or ServeConfig()
    if not is_loopback(host):
        config = replace(config, allowed_hosts=None)
    elif config.allowed_hosts is not None:
        config = replace(config, allowed_hosts=LOOPBACK_NAMES | {host})
    size = workers or default_workers()
    pool = QueryPool(store_path, size=size, wait=max(config.query_timeout, 5.0))
    app = EndpointApp(pool, config)
    try:
        server = waitress_server(
            app,
            host=host,
            port=port,
            threads=threads or max(8, 2 * size),
            max_request_body_size=config.max_request_bytes,
            # the request line carries a GET query: let it through to the app's own 413
            max_request_header_size=config.max_request_bytes + 64 * 1024,
            channel_timeout=60,
            connection_limit=100,
            ident="crimegraph",
            clear_untrusted_proxy_headers=True,
        )
    except BaseException:
        pool.close()
        raise
    server.crimegraph_pool = pool
    return server


def serve(
    store_path: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    config: ServeConfig | None = None,
    workers: int | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until interrupted; ``on_ready`` gets the base URL once the socket listens."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    server = create_server(store_path, host=host, port=port, config=config, workers=workers)
    try:
        shown = f"[{server.effective_host}]" if ":" in str(server.effective_host) else server.effective_host
        if on_ready:
            on_ready(f"http://{shown}:{server.effective_port}/")
        server.run()
    finally:
        server.crimegraph_pool.close()
