"""The conversion pipeline: ingest → (extract) → build RDF, as one typed Python API.

>>> from crimegraph.resources import resource_dir
>>> result = convert([resource_dir("data") / "examples" / "seed-entities.yaml"])
>>> result.stats.entities, result.stats.rejected, len(result.problems)
(16, 0, 0)
>>> len(result.dataset()) > 100
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Dataset

from crimegraph.errors import (
    CrimegraphError,
    InputError,
    InputWarning,
    Location,
    RecordWarning,
)
from crimegraph.ingest.files import display_name
from crimegraph.ingest.gazetteer import gazetteer_records
from crimegraph.ingest.registry import (
    SOURCES,
    SourceReader,
    detect_source,
    load_source_modules,
)
from crimegraph.iri import IriMinter
from crimegraph.model import Article, Event, Organization, Person, Place, Record
from crimegraph.rdf.build import GraphBuilder, Quad
from crimegraph.rdf.io import quads_to_dataset
from crimegraph.rdf.resolve import Registry
from crimegraph.vocab import DEFAULT_BASE


class Extractor(Protocol):
    """Finds entities, roles and events in article text (see :mod:`crimegraph.extract`).

    ``process`` receives every record of a conversion, in order, and yields them again:
    articles with their ``text_mentions``, ``entities``, ``roles`` and ``events`` filled
    in, other records unchanged. It may batch articles internally; a problem with one
    article is yielded as a :class:`CrimegraphError` in its place.
    """

    def process(self, records: Iterable[Record]) -> Iterator[Record | CrimegraphError]: ...


@dataclass
class Stats:
    files: int = 0
    records: int = 0
    articles: int = 0
    entities: int = 0
    events: int = 0
    triples: int = 0
    rejected: int = 0
    read: int = 0  # input rows or records read (see SourceReader)
    warnings: int = 0  # reported, converted anyway (InputWarning)
    repeats: int = 0  # records whose article or event IRI an earlier record had
    files_rejected: int = 0  # inputs (or their rest) refused whole; included in rejected


@dataclass
class ConversionResult:
    quads: list[Quad]
    stats: Stats
    problems: list[CrimegraphError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)

    def dataset(self) -> Dataset:
        return quads_to_dataset(self.quads)


ProblemHandler = Callable[[CrimegraphError], None]


class Converter:
    """Runs the pipeline over input files. Two passes: entities first, so that any
    record may refer to an entity defined in any input file."""

    def __init__(
        self,
        base: str = DEFAULT_BASE,
        source: str | None = None,
        on_problem: ProblemHandler | None = None,
        extractor: Extractor | None = None,
        gazetteer: bool = True,
    ) -> None:
        load_source_modules()
        self.minter = IriMinter(base)
        self.registry = Registry(self.minter)
        if gazetteer:
            self._load_gazetteer()
        self.builder = GraphBuilder(self.minter, self.registry)
        self.source = source
        self.on_problem = on_problem
        self.extractor = extractor
        self.stats = Stats()
        self.problems: list[CrimegraphError] = []  # rejections: what --strict fails on
        self.warnings: list[InputWarning] = []  # converted anyway
        self._record_iris: set = set()  # one IRI per article / event record (not per triple)

    def _load_gazetteer(self) -> None:
        for record in gazetteer_records():
            self.registry.add(record, gazetteer=True)

    def _problem(self, error: CrimegraphError) -> None:
        if isinstance(error, InputWarning):
            self.stats.warnings += 1
            self.warnings.append(error)
        else:
            self.problems.append(error)
        if self.on_problem:
            self.on_problem(error)

    def _reader(self, path: Path | str) -> SourceReader:
        name = self.source or detect_source(path)
        if name not in SOURCES:
            raise InputError(f"unknown input kind {name!r}; allowed: {', '.join(sorted(SOURCES))}")
        return SOURCES[name]

    def _records(self, path: Path | str, count: bool) -> Iterator[Record]:
        try:
            reader = self._reader(path)
            items = reader(path)
            yielded = 0
            while True:
                try:
                    item = next(items)
                except StopIteration as stop:
                    if count:
                        self.stats.read += stop.value if isinstance(stop.value, int) else yielded
                    break
                if isinstance(item, InputWarning):
                    if count:
                        self._problem(item)  # counted in stats.warnings there
                    continue
                yielded += 1
                if isinstance(item, CrimegraphError):
                    if count:
                        self.stats.rejected += 1
                        self._problem(item)
                    continue
                yield item
        except (InputError, OSError) as exc:
            if isinstance(exc, OSError):  # a reader that opens the file itself: missing, unreadable
                exc = InputError(exc.strerror or str(exc), Location(file=display_name(path)))
            if count:
                self.stats.rejected += 1
                self.stats.files_rejected += 1
                self._problem(exc)

    def quads(self, inputs: Sequence[Path | str]) -> Iterator[Quad]:
        """All quads of the inputs, streamed. Problems go to ``on_problem``."""
        # Pass 1: register every entity record so that references resolve anywhere.
        for path in inputs:
            for record in self._records(path, count=False):
                if isinstance(record, (Organization, Person, Place)):
                    self.registry.add(record)
        # Pass 2: (extract and) build.
        records: Iterable[Record | CrimegraphError] = self._all_records(inputs)
        if self.extractor is not None:
            records = self.extractor.process(records)
        for record in records:
            if isinstance(record, InputWarning):
                self._problem(record)
                continue
            if isinstance(record, CrimegraphError):
                self.stats.rejected += 1
                self._problem(record)
                continue
            try:
                built = self.builder.quads(record)
            except CrimegraphError as exc:
                self.stats.rejected += 1
                self._problem(exc)
                continue
            self.stats.records += 1
            if isinstance(record, Article):
                self.stats.articles += 1
                self.stats.events += len(record.events)
            elif isinstance(record, Event):
                self.stats.events += 1
            self._check_repeat(record, built)
            # A record's own quads may repeat (an entity mentioned twice, reportedIn from
            # both reported_in and evidence): drop those here. Across records nothing
            # repeats — entity descriptions, agents and shared evidence spans are written
            # once by the builder — except when two records have the same article or event
            # IRI, which _check_repeat reports. So the stream needs no whole-output set.
            yield from dict.fromkeys(built)
        self.stats.entities = self.builder.entities_written

    def _check_repeat(self, record: Record, built: list[Quad]) -> None:
        """Report a record whose article or event IRI an earlier record already had."""
        if not isinstance(record, (Article, Event)) or not built:
            return
        subject = built[0][0]  # the article or event itself comes first
        if subject in self._record_iris:
            self.stats.repeats += 1
            origin = record.origin
            self._problem(RecordWarning(
                f"{subject} was already described by an earlier record; both descriptions are "
                "written (the same triples twice in line formats)",
                Location(file=origin.file if origin else None, line=origin.line if origin else None,
                         record=origin.record if origin else None)))
        else:
            self._record_iris.add(subject)

    def _all_records(self, inputs: Sequence[Path | str]) -> Iterator[Record]:
        for path in inputs:
            self.stats.files += 1
            yield from self._records(path, count=True)


def convert(
    inputs: Iterable[Path | str],
    *,
    base: str = DEFAULT_BASE,
    source: str | None = None,
    on_problem: ProblemHandler | None = None,
    gazetteer: bool = True,
    extract: bool = False,
    pipeline: str | None = None,
) -> ConversionResult:
    """Convert input files to quads held in memory (see :class:`Converter` to stream).

    ``extract=True`` runs the article extractor (spaCy + gazetteer, see
    :mod:`crimegraph.extract`) on articles that have text, as ``crimegraph convert``
    does by default; without it, articles keep only what their records say.
    """
    extractor = None
    if extract:
        from crimegraph.extract import DEFAULT_PIPELINE, ArticleExtractor

        extractor = ArticleExtractor(pipeline=pipeline or DEFAULT_PIPELINE)
    converter = Converter(base=base, source=source, on_problem=on_problem, gazetteer=gazetteer, extractor=extractor)
    quads = list(dict.fromkeys(converter.quads(list(inputs))))
    converter.stats.triples = len(quads)
    return ConversionResult(quads=quads, stats=converter.stats, problems=converter.problems, warnings=converter.warnings)
