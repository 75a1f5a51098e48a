"""Reading and writing RDF: formats by name or file extension, safe writing, safe parsing.

Output is written to a temporary file beside the target and renamed into place, so an
interrupted or failed conversion never leaves a half-written file. N-Triples and
N-Quads are streamed line by line; the other formats are built in memory by rdflib.

Parsing never reaches anything the user did not name:

* JSON-LD: remote ``@context`` and ``@import`` references are refused; crimegraph's
  own context IRI is replaced by the copy shipped in the package.
* RDF/XML: documents declaring entities (``<!ENTITY``), the door to external-entity
  and billion-laughs attacks, are refused before parsing.
* Turtle, TriG, N-Triples, N-Quads cannot fetch anything.

Errors name the file and, where the parser tells, the line.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef

from crimegraph.errors import FormatError, InputError, Location
from crimegraph.ingest.files import decode_utf8, display_name, read_bytes
from crimegraph.resources import JSONLD_CONTEXT_FILE, resource
from crimegraph.vocab import bind_prefixes

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


class RdfFormat(str, enum.Enum):
    """The RDF serializations crimegraph reads and writes."""

    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"
    rdfxml = "rdfxml"

    @property
    def is_quads(self) -> bool:
        return self in (RdfFormat.nquads, RdfFormat.trig, RdfFormat.jsonld)

    @property
    def rdflib_name(self) -> str:
        return {
            "turtle": "turtle",
            "ntriples": "nt",
            "nquads": "nquads",
            "trig": "trig",
            "jsonld": "json-ld",
            "rdfxml": "xml",
        }[self.value]

    @property
    def media_type(self) -> str:
        return {
            "turtle": "text/turtle",
            "ntriples": "application/n-triples",
            "nquads": "application/n-quads",
            "trig": "application/trig",
            "jsonld": "application/ld+json",
            "rdfxml": "application/rdf+xml",
        }[self.value]

    @classmethod
    def from_extension(cls, path: str | Path) -> "RdfFormat | None":
        return _EXTENSIONS.get(Path(str(path)).suffix.lower())

    @classmethod
    def parse(cls, name: str) -> "RdfFormat":
        key = name.strip().lower().lstrip(".")
        if key in _ALIASES:
            return _ALIASES[key]
        allowed = ", ".join(f.value for f in cls)
        raise FormatError(f"unknown RDF format {name!r}; allowed: {allowed}")


_EXTENSIONS = {
    ".ttl": RdfFormat.turtle,
    ".nt": RdfFormat.ntriples,
    ".nq": RdfFormat.nquads,
    ".trig": RdfFormat.trig,
    ".jsonld": RdfFormat.jsonld,
    ".json-ld": RdfFormat.jsonld,
    ".rdf": RdfFormat.rdfxml,
    ".owl": RdfFormat.rdfxml,
    ".xml": RdfFormat.rdfxml,
}
_ALIASES = {f.value: f for f in RdfFormat} | {
    "ttl": RdfFormat.turtle,
    "nt": RdfFormat.ntriples,
    "n-triples": RdfFormat.ntriples,
    "nq": RdfFormat.nquads,
    "n-quads": RdfFormat.nquads,
    "json-ld": RdfFormat.jsonld,
    "xml": RdfFormat.rdfxml,
    "rdf": RdfFormat.rdfxml,
    "rdf/xml": RdfFormat.rdfxml,
}


def choose_format(output: str | Path, requested: str | None) -> RdfFormat:
    if requested:
        return RdfFormat.parse(requested)
    if str(output) == "-":
        return RdfFormat.turtle
    found = RdfFormat.from_extension(output)
    if found is None:
        raise FormatError(
            f"cannot tell the RDF format of {output} from its extension; use --format "
            f"({', '.join(f.value for f in RdfFormat)}) or one of {', '.join(_EXTENSIONS)}"
        )
    return found


# ----------------------------------------------------------------- N-Triples terms

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


_NEEDS_ESCAPE = re.compile("[\\\\\"\\x00-\\x1f\\x7f\\ud800-\\udfff]")


def _escape_literal(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):  # fast path: nothing to escape (most literals)
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


_IRI_FORBIDDEN = set('<>"{}|^`\\ ')
_IRI_BAD = re.compile('[<>"{}|^`\\\\\x00-\x20]')  # the same characters, as one regex (fast)


def nt_term(term: URIRef | Literal | BNode) -> str:
    """One term in N-Triples syntax, escaped per the W3C grammar."""
    if isinstance(term, URIRef):
        text = str(term)
        if _IRI_BAD.search(text):
            raise FormatError(f"not a valid IRI: {text!r}")
        return f"<{text}>"
    if isinstance(term, Literal):
        body = f'"{_escape_literal(str(term))}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{body}^^{nt_term(term.datatype)}"
        return body
    if isinstance(term, BNode):
        return f"_:{term}"
    raise FormatError(f"not an RDF term: {term!r}")


def nquad_line(quad: Quad, with_graph: bool) -> str:
    s, p, o, g = quad
    if with_graph and g is not None:
        return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(g)} .\n"
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"


# ----------------------------------------------------------------- writing


def output_file_mode(target: Path) -> int:
    """The mode a new file would get (the umask applied), or the existing file's mode."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_output(path: str | Path, binary: bool = False) -> Iterator[IO]:
    """Open a file for writing that appears under ``path`` only if all went well.

    ``-`` writes to standard output. On any exception, including KeyboardInterrupt, the
    temporary file is removed and a previous file at ``path`` stays as it was.
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        try:
            yield stream
            stream.flush()
        except BrokenPipeError:
            # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("the output folder does not exist", Location(file=str(target)))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".crimegraph-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8", newline=None if binary else "\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, output_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def quads_to_dataset(quads: Iterable[Quad]) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    for s, p, o, g in quads:
        dataset.add((s, p, o, g))
    return dataset


def write_quads(quads: Iterable[Quad], output: str | Path, fmt: RdfFormat, unique: bool = False) -> int:
    """Write quads to ``output`` in ``fmt``; returns the number of triples written.

    Triple formats merge all named graphs. Line formats stream; the others are sorted
    by rdflib's serializers in memory. Repeated lines are dropped with a set that grows
    with the output, unless ``unique`` says the quads are already distinct (as the
    :class:`~crimegraph.convert.Converter` stream is): N-Quads then stream in flat
    memory. N-Triples always need the set, since merging graphs can repeat a triple.
    """
    if fmt in (RdfFormat.ntriples, RdfFormat.nquads):
        count = 0
        with_graph = fmt is RdfFormat.nquads
        seen: set[int] | None = None if (unique and with_graph) else set()
        with atomic_output(output) as handle:
            for quad in quads:
                line = nquad_line(quad, with_graph)
                if seen is not None:
                    key = hash(line)
                    if key in seen:  # entity triples may repeat across records
                        continue
                    seen.add(key)
                handle.write(line)
                count += 1
        return count
    dataset = quads_to_dataset(quads)
    return write_dataset(dataset, output, fmt)


def write_dataset(dataset: Dataset, output: str | Path, fmt: RdfFormat) -> int:
    if fmt.is_quads:
        target: Graph | Dataset = dataset
        count = sum(1 for _ in dataset.quads((None, None, None, None)))
    else:
        target = Graph()
        bind_prefixes(target)
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            target.add((s, p, o))
        count = len(target)
    kwargs: dict[str, object] = {}
    if fmt is RdfFormat.jsonld:
        kwargs["context"] = jsonld_context()
        kwargs["auto_compact"] = True
    data = target.serialize(format=fmt.rdflib_name, encoding="utf-8", **kwargs)
    with atomic_output(output, binary=True) as handle:
        handle.write(data)
    return count


def jsonld_context() -> dict:
    import json

    with resource("ontology", JSONLD_CONTEXT_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)["@context"]


# ----------------------------------------------------------------- reading


def parse_rdf(path: str | Path, fmt: RdfFormat | None = None, into: Dataset | None = None) -> Dataset:
    """Parse an RDF file safely (no remote contexts, no external entities)."""
    return parse_file(path, fmt, into)


CONTEXT_IRI = "https://w3id.org/crimegraph/context.jsonld"
_LINE = re.compile(r"line (\d+)", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _local_context() -> Any:
    return jsonld_context()


def _check_contexts(value: Any, name: str) -> Any:
    """Replace our context IRI by the shipped copy; refuse any other remote context."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "@context":
                out[key] = _context_value(item, name)
            elif key == "@import":
                raise InputError(f"JSON-LD @import of {item!r} refused: crimegraph never fetches remote contexts", Location(file=name))
            else:
                out[key] = _check_contexts(item, name)
        return out
    if isinstance(value, list):
        return [_check_contexts(item, name) for item in value]
    return value


def _context_value(item: Any, name: str) -> Any:
    if isinstance(item, list):
        return [_context_value(i, name) for i in item]
    if isinstance(item, str):
        if item == CONTEXT_IRI:
            return _local_context()
        raise InputError(
            f"remote JSON-LD context {item!r} refused: crimegraph never fetches contexts; "
            f"inline the context or use {CONTEXT_IRI}",
            Location(file=name),
        )
    if isinstance(item, dict):
        return _check_contexts(item, name)
    return item


def parse_file(path: str | Path, fmt: Any = None, into: Dataset | None = None) -> Dataset:
    name = display_name(path)
    fmt = fmt or RdfFormat.from_extension(path)
    if fmt is None:
        raise InputError(
            "cannot tell the RDF format from the extension; allowed: .ttl .nt .nq .trig .jsonld .rdf .owl .xml",
            Location(file=name),
        )
    data = read_bytes(path)
    text = decode_utf8(data, name, f"RDF ({fmt.value})")
    dataset = into if into is not None else Dataset()
    if fmt is RdfFormat.jsonld:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON-LD: {exc.msg}", Location(file=name, line=exc.lineno, column=exc.colno)) from None
        except RecursionError:
            raise InputError("JSON-LD nested too deeply", Location(file=name)) from None
        text = json.dumps(_check_contexts(document, name))
    if fmt is RdfFormat.rdfxml and _ENTITY.search(data):
        raise InputError("RDF/XML declares XML entities (<!ENTITY): refused, as they can read files or expand without bound", Location(file=name))
    try:
        dataset.parse(data=text, format=fmt.rdflib_name, publicID=Path(name).resolve().as_uri() if name != "<stdin>" else None)
    except InputError:
        raise
    except Exception as exc:  # rdflib raises many types; all mean "does not parse"
        message = " ".join(str(exc).split())
        match = _LINE.search(message)
        line = int(match.group(1)) if match else None
        raise InputError(f"not valid {fmt.value}: {message[:500]}", Location(file=name, line=line)) from None
    return dataset
