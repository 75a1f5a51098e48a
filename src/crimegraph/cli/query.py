"""``crimegraph query`` and ``crimegraph queries``: ask the graph, by name or in SPARQL."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import handled_errors, warn
from crimegraph.cli.store_options import Endpoint, StoreDir, Timeout, Verbose, open_from_options
from crimegraph.errors import FormatError, QueryError
from crimegraph.rdf.io import atomic_output

TABLE_FORMATS = ("table", "markdown")
#: every --format that works: for SELECT/ASK results, and for CONSTRUCT/DESCRIBE graphs
FORMATS_ALLOWED = ("table, markdown, csv, tsv, json, xml (SELECT/ASK results); "
                   "turtle, ntriples, nquads, trig, jsonld, rdfxml (CONSTRUCT/DESCRIBE graphs)")


def _params(values: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: write NAME=VALUE")
        params.setdefault(name.strip(), []).append(value)
    return params


def query(
    query_text: Annotated[str, typer.Argument(metavar="QUERY", help="A catalog query name (see `crimegraph queries`), a .rq file, or SPARQL text; '-' reads stdin.", show_default=False)],
    param: Annotated[list[str], typer.Option("--param", "-p", help="NAME=VALUE, repeatable (a repeated name matches any of its values). For your own SPARQL, binds ?NAME to a string, or to an IRI written <…>.", show_default=False)] = [],  # noqa: B006
    store: StoreDir = None,
    endpoint: Endpoint = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="SELECT/ASK: table, csv, tsv, json (SPARQL results JSON), xml, markdown (default: table on a terminal, tsv otherwise). CONSTRUCT/DESCRIBE: turtle, ntriples, nquads, trig, jsonld, rdfxml.", show_default=False)] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Write here instead of stdout.")] = "-",
    limit: Annotated[Optional[int], typer.Option("--limit", help="At most this many results (added as LIMIT unless the query has one).", show_default=False)] = None,
    timeout: Timeout = None,
    show: Annotated[bool, typer.Option("--show-query", help="Print the query as run (parameters bound) to stderr.")] = False,
    no_index: Annotated[bool, typer.Option("--no-index", help="Run the SPARQL text even where the local store's event index would answer (who-did-what-where); same rows, slower.")] = False,
    verbose: Verbose = False,
) -> None:
    """Run a query: SELECT results as a table or CSV/TSV/JSON/XML/Markdown, CONSTRUCT and
    DESCRIBE results as RDF."""
    import crimegraph.query as api
    from crimegraph.query.render import render_markdown, render_table
    from crimegraph.store import parse_output_format

    with handled_errors():
        if fmt is not None and fmt not in TABLE_FORMATS:
            try:
                parse_output_format(fmt)
            except FormatError:
                raise FormatError(f"unknown output format {fmt!r}; allowed: {FORMATS_ALLOWED}") from None
        text = sys.stdin.read() if query_text == "-" else query_text
        target = open_from_options(store, endpoint, timeout=timeout, verbose=verbose)
        with target:
            result, prepared = api.execute(target, text, _params(param), limit=limit, timeout=timeout, use_index=not no_index)
        for message in prepared.warnings:
            warn(message)
        if show or verbose:
            if prepared.answered_by:
                print(f"# answered from {prepared.answered_by}, with the rows of this SPARQL (--no-index runs it)", file=sys.stderr)
            elif prepared.index_status:
                print(f"# run as SPARQL: the event index is {prepared.index_status}", file=sys.stderr)
            print(prepared.text, file=sys.stderr)
        if result.truncated:
            warn("the result was cut short")
        graph = result.kind == "graph"
        chosen = fmt or ("turtle" if graph else ("table" if output == "-" and sys.stdout.isatty() else "tsv"))
        if chosen in TABLE_FORMATS:
            if graph:
                raise FormatError(f"a {prepared.form} result is RDF: choose turtle, ntriples, nquads, trig, jsonld or rdfxml")
            if chosen == "table" and output == "-":
                render_table(result)
                return
            with atomic_output(output) as handle:
                handle.write(render_markdown(result))
            return
        data = result.serialize(parse_output_format(chosen))
        with atomic_output(output, binary=True) as handle:
            handle.write(data)


def queries(
    name: Annotated[Optional[str], typer.Argument(help="Show one query in full: description, parameters, SPARQL.", show_default=False)] = None,
) -> None:
    """List the catalog of named queries with their parameters."""
    from rich.console import Console
    from rich.table import Table

    from crimegraph.query.catalog import catalog, get

    with handled_errors():
        console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
        if name:
            entry = get(name)
            console.print(f"[bold]{entry.name}[/bold] — {entry.title}\n\n{entry.description}\n", markup=True)
            for p in entry.parameters:
                console.print(f"  --param {p.describe()}: {p.description}", markup=False)
            console.print(f"\n{entry.text}", markup=False)
            return
        table = Table("name", "title", "parameters", box=None, show_edge=False)
        for entry in catalog().values():
            params = ", ".join(p.name + ("*" if p.required else "") for p in entry.parameters)
            table.add_row(entry.name, entry.title, params)
        console.print(table)
        console.print("(* required; `crimegraph queries NAME` shows a query in full)", markup=False)


def register(app: typer.Typer) -> None:
    app.command("query")(query)
    app.command("queries")(queries)
