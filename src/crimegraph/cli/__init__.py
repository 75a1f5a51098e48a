"""The ``crimegraph`` command: a thin layer over the Python API.

One module per command group; each registers its commands on :data:`app`.
Exit codes: 0 success, 1 the data failed a check the user asked for (validation,
``--strict``), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import typer

from crimegraph.cli import convert as _convert
from crimegraph.cli import describe as _describe
from crimegraph.cli import evaluate as _evaluate
from crimegraph.cli import link as _link
from crimegraph.cli import query as _query
from crimegraph.cli import serve as _serve
from crimegraph.cli import store as _store
from crimegraph.cli import validate as _validate

app = typer.Typer(
    name="crimegraph",
    help="Knowledge graphs of organized crime: convert articles and records to RDF, validate, query, exchange.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (_convert, _validate, _store, _query, _serve, _describe, _link, _evaluate):
    module.register(app)


def main() -> None:
    app()
