"""The registry of input sources: which reader turns a file into model records.

Readers register themselves by name with :func:`register_source` when their module is
imported (the modules in :data:`SOURCE_MODULES`); sniffers look at the start of a file
and name its reader before the extension decides. :func:`detect_source` picks the reader
of one file, :func:`expand_inputs` turns folders into the files they hold.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from crimegraph.errors import CrimegraphError, InputError, Location, RecordError
from crimegraph.ingest.files import display_name, format_of
from crimegraph.ingest.records import RECORD_READERS, RawRecord, read_records, to_model
from crimegraph.model import Record

#: Readers that turn one input file into model records (or record errors), by name.
#: Modules listed in SOURCE_MODULES register more (article text, HTML, UCDP …) with
#: :func:`register_source` when they are imported.
#: A reader may ``return`` the number of input rows it read (a generator's return value);
#: :attr:`Stats.read` then counts rows rather than yielded items, so that readers which
#: also yield the entity records a row names (UCDP actors, places) report honest counts.
SourceReader = Callable[[Path | str], Iterator[Record | CrimegraphError]]
SOURCES: dict[str, SourceReader] = {}
SOURCE_MODULES: tuple[str, ...] = ("crimegraph.ingest.articles", "crimegraph.ingest.ucdp")

#: Functions that look at the start of a file and name the source that reads it, or
#: None; asked in order before the extension decides (a ``.jsonl`` file of scraped
#: articles is not one of records). Source modules register them.
Sniffer = Callable[[Path | str, str | None], str | None]
SNIFFERS: list[Sniffer] = []


@cache
def load_source_modules() -> None:
    for name in SOURCE_MODULES:
        importlib.import_module(name)


def register_source(name: str) -> Callable[[SourceReader], SourceReader]:
    def decorate(reader: SourceReader) -> SourceReader:
        SOURCES[name] = reader
        return reader

    return decorate


@register_source("records")
def read_record_file(path: Path | str) -> Iterator[Record | CrimegraphError]:
    """Records in JSON, JSON Lines, CSV or YAML, told apart by the file extension."""
    return _record_source(None)(path)  # type: ignore[arg-type]


def _record_source(fmt: str) -> SourceReader:
    def read(path: Path | str) -> Iterator[Record | CrimegraphError]:
        for item in read_records(path, fmt):
            if isinstance(item, RawRecord):
                try:
                    yield to_model(item)
                except RecordError as exc:
                    yield exc
            else:
                yield item

    read.__doc__ = f"Records in {fmt}, whatever the file is called (e.g. stdin)."
    return read


for _fmt in RECORD_READERS:
    SOURCES[_fmt] = _record_source(_fmt)


#: What crimegraph reads, for the message about a file it does not (a PDF, say).
SUPPORTED_INPUTS = (
    "records .json .jsonl .ndjson .csv .yaml .yml; InSight Crime page text .txt; HTML .html .htm; "
    "scraped InSight Crime articles .jsonl; UCDP GED .csv with --from ucdp-ged"
)


def register_sniffer(sniffer: Sniffer) -> Sniffer:
    SNIFFERS.append(sniffer)
    return sniffer


#: Sources whose readers honour a :class:`~crimegraph.ingest.files.LineWindow`, so that a
#: large file of theirs can be converted in pieces (by line ranges) on several workers.
LINE_SOURCES: frozenset[str] = frozenset({"insightcrime-jsonl", "ucdp-ged", "jsonl", "csv"})


def splits_by_lines(source: str, path: Path | str) -> bool:
    """Whether a file read by ``source`` can be converted in line ranges.

    >>> splits_by_lines("records", "people.csv"), splits_by_lines("records", "people.yaml")
    (True, False)
    """
    if source == "records":
        return format_of(path) in LINE_SOURCES
    return source in LINE_SOURCES


def detect_source(path: Path | str) -> str:
    load_source_modules()
    fmt = format_of(path)
    for sniffer in SNIFFERS:
        name = sniffer(path, fmt)
        if name is not None:
            return name
    if fmt in RECORD_READERS:
        return "records"
    if fmt in SOURCES:
        return fmt
    if str(path) != "-" and Path(str(path)).suffix:
        raise InputError(f"not a supported input (supported: {SUPPORTED_INPUTS})", Location(file=display_name(path)))
    raise InputError(
        f"cannot tell what kind of input this is; name it with --from ({', '.join(sorted(SOURCES))})",
        Location(file=display_name(path)),
    )
