"""Parse RDF files without reaching anything the user did not name.

* JSON-LD: remote ``@context`` and ``@import`` references are refused; crimegraph's
  own context IRI is replaced by the copy shipped in the package.
* RDF/XML: documents declaring entities (``<!ENTITY``), the door to external-entity
  and billion-laughs attacks, are refused before parsing.
* Turtle, TriG, N-Triples, N-Quads cannot fetch anything.

Errors name the file and, where the parser tells, the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import Dataset

from crimegraph.errors import InputError, Location
from crimegraph.ingest.files import decode_utf8, display_name, read_bytes

CONTEXT_IRI = "https://w3id.org/crimegraph/context.jsonld"
_LINE = re.compile(r"line (\d+)", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _local_context() -> Any:
    from crimegraph.rdf.formats import jsonld_context

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
    from crimegraph.rdf.formats import RdfFormat

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
