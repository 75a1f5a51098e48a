"""``crimegraph convert``: inputs to an RDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import EXIT_FAILED_CHECK, error, handled_errors, info, warn
from crimegraph.errors import CrimegraphError
from crimegraph.pipeline import SOURCES, Converter, load_source_modules
from crimegraph.rdf.formats import RdfFormat, choose_format, quads_to_dataset, write_dataset, write_quads
from crimegraph.vocab import DEFAULT_BASE


class StrictAbort(Exception):
    """Raised inside the output block so that the temporary file is discarded."""


def convert(
    inputs: Annotated[list[Path], typer.Argument(help="Input files (records: .json .jsonl .csv .yaml; articles: .txt .html …). '-' reads stdin.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' writes to stdout.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="turtle, ntriples, nquads, trig, jsonld or rdfxml (default: from the output extension).")] = None,
    source: Annotated[Optional[str], typer.Option("--from", help="Kind of input, when the extension does not tell (see --help-sources).")] = None,
    base: Annotated[str, typer.Option(help="Base namespace of minted IRIs.")] = DEFAULT_BASE,
    validate: Annotated[bool, typer.Option("--validate", help="Validate against the SHACL shapes first; write nothing if the graph does not conform.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any rejected record or file fails the run (exit 1) and nothing is written.")] = False,
    gazetteer: Annotated[bool, typer.Option("--gazetteer/--no-gazetteer", help="Resolve names against the shipped gazetteer of organizations.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    store: Annotated[Optional[Path], typer.Option("--store", help="Also load the result into this embedded store (created if missing); with --store, nothing goes to stdout unless -o is given.", show_default=False)] = None,
) -> None:
    """Convert records and articles to RDF. Bad records are reported and skipped."""
    with handled_errors():
        rdf_format = choose_format(output, fmt)
        load_source_modules()
        if source is not None and source not in SOURCES:
            raise CrimegraphError(f"unknown --from {source!r}; allowed: {', '.join(sorted(SOURCES))}")
        converter = Converter(base=base, source=source, gazetteer=gazetteer, on_problem=lambda e: warn(str(e)))

        def checked_quads():
            yield from converter.quads(inputs)
            if strict and converter.problems:
                raise StrictAbort()

        if store is not None:
            from crimegraph.store import LocalStore

            try:
                quads = list(dict.fromkeys(checked_quads()))
            except StrictAbort:
                error(f"--strict: {len(converter.problems)} problem(s); nothing was loaded into {store}")
                raise typer.Exit(EXIT_FAILED_CHECK) from None
            if validate:
                from crimegraph.validate import validate_graph

                report = validate_graph(quads_to_dataset(quads))
                if not report.conforms:
                    print(report.as_text(), end="", file=__import__("sys").stderr)
                    error(f"the graph does not conform to the shapes; nothing was loaded into {store}")
                    raise typer.Exit(EXIT_FAILED_CHECK)
            loaded = LocalStore(store, create=True).load_quads(quads)
            if not quiet:
                info(loaded.summary())
            if output != "-":
                write_quads(quads, output, rdf_format)
            return
        try:
            if validate or rdf_format not in (RdfFormat.ntriples, RdfFormat.nquads):
                quads = list(dict.fromkeys(checked_quads()))
                if validate:
                    from crimegraph.validate import validate_graph

                    dataset = quads_to_dataset(quads)
                    report = validate_graph(dataset)
                    if not report.conforms:
                        print(report.as_text(), end="", file=__import__("sys").stderr)
                        error(f"the graph does not conform to the shapes; {output} was not written")
                        raise typer.Exit(EXIT_FAILED_CHECK)
                    written = write_dataset(dataset, output, rdf_format)
                else:
                    written = write_quads(quads, output, rdf_format)
            else:
                written = write_quads(checked_quads(), output, rdf_format)
        except StrictAbort:
            error(f"--strict: {len(converter.problems)} problem(s); {output} was not written")
            raise typer.Exit(EXIT_FAILED_CHECK) from None
        stats = converter.stats
        if not quiet:
            target = "stdout" if output == "-" else output
            info(
                f"converted {stats.files} file(s): {stats.records} records ({stats.articles} articles, "
                f"{stats.events} events), {stats.entities} entities, {written} triples → {target} "
                f"[{rdf_format.value}]; {stats.rejected} rejected"
            )
            if stats.read:
                converted = stats.read - stats.rejected
                info(f"read {stats.read} input rows/records: {converted} converted, {stats.rejected} rejected"
                     + (f" ({stats.warnings} converted with a warning)" if stats.warnings else ""))


def register(app: typer.Typer) -> None:
    app.command("convert")(convert)
