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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Dataset

from crimegraph.cluster import (
    DEFAULT_PARTITION_BYTES,
    ClusterRun,
    PartResult,
    Partition,
    located,
    run_cluster,
    sha256_of,
)
from crimegraph.cluster.run import DEFAULT_CONNECT_TIMEOUT, DEFAULT_RETRIES
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
from crimegraph.model import Article, ArticleName, Event, Organization, Person, Place, Record, article_key
from crimegraph.rdf.build import GraphBuilder, Quad
from crimegraph.rdf.io import RdfFormat, quads_to_dataset, write_quads
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
        # the organizations UCDP names that the gazetteer lacks are curated entries too
        # (data/ucdp/actors.yaml): "CRAC-PF" in an article is UCDP's actor
        from crimegraph.ingest.ucdp import curated_organizations

        for record in curated_organizations():
            self.registry.add(record, gazetteer=True, weak=True)

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

    def entity_records(self, path: Path | str) -> list[Organization | Person | Place | ArticleName]:
        """The entity records of one input, and the names its article records give their
        articles (the first pass; problems are not reported)."""
        return [
            ArticleName(r.key, article_key(r)) if isinstance(r, Article) else r
            for r in self._records(path, count=False)
            if isinstance(r, (Organization, Person, Place)) or (isinstance(r, Article) and r.key)
        ]

    def quads(self, inputs: Sequence[Path | str], entities: Sequence[Record | ArticleName] | None = None) -> Iterator[Quad]:
        """All quads of the inputs, streamed. Problems go to ``on_problem``.

        ``entities``, when given, are the entity records of the whole conversion (the
        first pass, done elsewhere: a cluster run converts one partition here).
        """
        # Pass 1: register every entity record so that references resolve anywhere.
        if entities is None:
            entities = [r for path in inputs for r in self.entity_records(path)]
        self.builder.name_articles([r for r in entities if isinstance(r, ArticleName)])
        entities = [r for r in entities if not isinstance(r, ArticleName)]
        for record in entities:
            try:
                self.registry.add(record)
            except CrimegraphError:
                pass  # reported when the record is built (pass 2), and rejected
        # Pass 2: (extract and) build.
        records: Iterable[Record | CrimegraphError] = self._all_records(inputs)
        if self.extractor is not None:
            records = self._extracted(records, entities)
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

    def _extracted(self, records: Iterable[Record], entities: Sequence[Record]) -> Iterator[Record | CrimegraphError]:
        """The records with the extractor's findings. The extractor knows every entity
        record of the conversion (the first pass, in input order) before its first
        article, and entity records go around it: what it finds in an article does not
        depend on which records happen to share its batch, so a file converted whole or
        in partitions gives the same facts."""
        gazetteer = getattr(self.extractor, "gazetteer", None)
        if gazetteer is not None:
            for record in entities:
                gazetteer.add_record(record)
        held: list[Record] = []

        def others() -> Iterator[Record]:
            for record in records:
                if gazetteer is not None and isinstance(record, (Organization, Person, Place)):
                    held.append(record)
                else:
                    yield record

        assert self.extractor is not None
        for item in self.extractor.process(others()):
            if held:
                yield from held
                held.clear()
            yield item
        yield from held

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


@dataclass(frozen=True)
class Settings:
    """What every partition of a cluster run is converted with (sent to the workers)."""

    base: str = DEFAULT_BASE
    source: str | None = None
    gazetteer: bool = True
    extract: bool = True
    pipeline: str | None = None
    quotations: bool = True

    def record(self) -> dict:
        """The settings as the manifest keeps them (with the versions that matter)."""
        from crimegraph.resources import package_version

        return {**asdict(self), "crimegraph": package_version()}


def read_entities(path: Path | str, settings: Settings) -> tuple[list[Record | ArticleName], dict[str, int]]:
    """On a worker: the entity records of one partition (the first pass), the names its
    article records give their articles, and how many records and articles it holds (the
    progress of a cluster run counts them)."""
    entities: list[Record | ArticleName] = []
    counts = {"records": 0, "articles": 0}
    for record in Converter(base=settings.base, source=settings.source, gazetteer=False)._records(path, count=False):
        counts["records"] += 1
        if isinstance(record, Article):
            counts["articles"] += 1
            if record.key:
                entities.append(ArticleName(record.key, article_key(record)))
        elif isinstance(record, (Organization, Person, Place)):
            entities.append(record)
    return entities, counts


def convert_partition(path: Path | str, settings: Settings, entities: Sequence[Record | ArticleName], index: int,
                      target: str) -> PartResult:
    """On a worker: convert one partition (a file or a :class:`LineWindow` of one) to its
    N-Quads part, written whole under ``target`` (temporary file + rename)."""
    extractor = None
    if settings.extract:
        from crimegraph.extract import DEFAULT_PIPELINE, ArticleExtractor

        extractor = ArticleExtractor(pipeline=settings.pipeline or DEFAULT_PIPELINE, quotations=settings.quotations)
    problems: list[str] = []
    warnings: list[str] = []

    def on_problem(error: CrimegraphError) -> None:
        (warnings if isinstance(error, InputWarning) else problems).append(str(error))

    converter = Converter(base=settings.base, source=settings.source, on_problem=on_problem,
                          gazetteer=settings.gazetteer, extractor=extractor)
    written = write_quads(converter.quads([path], entities=entities), target,
                          RdfFormat.nquads, unique=True)
    stats = converter.stats
    part = Path(target)
    return PartResult(
        partition=index, part=part.name, records=stats.records, articles=stats.articles, events=stats.events,
        entities=stats.entities, triples=written, rejected=stats.rejected, read=stats.read, warnings=stats.warnings,
        repeats=stats.repeats, files_rejected=stats.files_rejected, bytes=part.stat().st_size,
        sha256=sha256_of(part), problems=problems, warning_messages=warnings)


def convert(
    inputs: Iterable[Path | str],
    *,
    base: str = DEFAULT_BASE,
    source: str | None = None,
    on_problem: ProblemHandler | None = None,
    gazetteer: bool = True,
    extract: bool = False,
    pipeline: str | None = None,
    quotations: bool = True,
    cluster: str | None = None,
    output: Path | str | None = None,
    resume: bool = False,
    overwrite: bool = False,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    retries: int = DEFAULT_RETRIES,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    on_part: Callable[[Partition, PartResult], None] | None = None,
    on_start: Callable[[ClusterRun], None] | None = None,
    on_counted: Callable[[ClusterRun], None] | None = None,
) -> ConversionResult | ClusterRun:
    """Convert input files to quads held in memory (see :class:`Converter` to stream).

    ``extract=True`` runs the article extractor (spaCy + gazetteer, see
    :mod:`crimegraph.extract`) on articles that have text, as ``crimegraph convert``
    does by default; without it, articles keep only what their records say. The extractor
    makes what named speakers say a statement each (:mod:`crimegraph.extract.quotations`);
    ``quotations=False`` leaves attributed English speech out (``convert --no-quotations``).

    With ``cluster`` (``"local:N"`` or a Dask scheduler address such as
    ``"tcp://host:8786"``) the inputs are converted in partitions on that cluster and
    written as N-Quads parts with a manifest into the folder ``output``; the result is
    a :class:`~crimegraph.cluster.ClusterRun` (see :mod:`crimegraph.cluster`).
    ``on_problem`` then receives each problem as the partition that found it finishes;
    ``on_start`` is called once the cluster answers, ``on_counted`` once the records of
    every partition are counted (``ClusterRun.counts``), ``on_part`` as each finishes.
    """
    if cluster is not None:
        if output is None:
            raise InputError("a cluster run writes a folder of N-Quads parts: give output=FOLDER")
        settings = Settings(base=base, source=source, gazetteer=gazetteer, extract=extract, pipeline=pipeline,
                            quotations=quotations)

        def finished(partition: Partition, result: PartResult) -> None:
            if on_problem is not None:
                for message in result.problems:
                    on_problem(CrimegraphError(*located(message, partition.file)))
                for message in result.warning_messages:
                    on_problem(InputWarning(*located(message, partition.file)))
            if on_part is not None:
                on_part(partition, result)

        return run_cluster(list(inputs), output, address=cluster, settings=settings, settings_record=settings.record(),
                           read_entities=read_entities, convert_part=convert_partition, source=source, resume=resume,
                           overwrite=overwrite, partition_bytes=partition_bytes, retries=retries,
                           connect_timeout=connect_timeout, on_start=on_start, on_counted=on_counted,
                           on_part=finished)
    extractor = None
    if extract:
        from crimegraph.extract import DEFAULT_PIPELINE, ArticleExtractor

        extractor = ArticleExtractor(pipeline=pipeline or DEFAULT_PIPELINE, quotations=quotations)
    converter = Converter(base=base, source=source, on_problem=on_problem, gazetteer=gazetteer, extractor=extractor)
    quads = list(dict.fromkeys(converter.quads(list(inputs))))
    converter.stats.triples = len(quads)
    return ConversionResult(quads=quads, stats=converter.stats, problems=converter.problems, warnings=converter.warnings)
