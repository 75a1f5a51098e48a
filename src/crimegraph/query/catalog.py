"""The catalog of named queries: ``queries/*.rq``, each documented in a header comment.

Header format (comment lines before the query)::

    # title: Who did what where
    # description: Events with their actors, targets, type, place and date.
    #   Indented lines continue the description.
    # param: actor entity optional - who carried out the event (label, acronym or IRI)
    # param: from date optional - events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    # param: limit_type event-type optional default=arrest - ...

A parameter named ``actor`` is bound to the variable ``?actor`` of the query, always as
an RDF term in a VALUES block (see :mod:`crimegraph.query.params`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from crimegraph.errors import Location, QueryError

PARAM_TYPES = {
    "entity": "an organization, person or place: its label, alternative name or acronym (any case), or its IRI",
    "place": "a place: its label or alternative name (any case), or its IRI; places contained in it count too",
    "iri": "an absolute IRI",
    "string": "a text",
    "date": "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    "integer": "a whole number",
    "event-type": "an event type: its key (arrest), label (armed clash) or IRI",
}

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z\-]+)"
    r"(?:\s+(?P<need>required|optional))?(?:\s+default=(?P<default>\S+))?"
    r"(?:\s+[-\u2013\u2014]\s+(?P<doc>.*))?$"
)


@dataclass(frozen=True)
class Parameter:
    """One parameter of a catalog query."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    description: str = ""

    def describe(self) -> str:
        need = "required" if self.required else "optional"
        default = f", default {self.default}" if self.default is not None else ""
        return f"{self.name} ({self.type}, {need}{default})"


@dataclass(frozen=True)
class CatalogQuery:
    """A named query of the catalog."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path = field(compare=False)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        allowed = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r}; its parameters: {allowed}")


def parse_catalog_file(path: Path) -> CatalogQuery:
    """Read one ``.rq`` file and its header.

    :raises QueryError: if the header lacks a title or a parameter line is malformed.
    """
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        body = line[1:]
        match = re.match(r"^\s*(title|description|param):\s*(.*)$", body)
        if match:
            key, value = match.group(1), match.group(2).strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm or pm.group("type") not in PARAM_TYPES:
                    raise QueryError(
                        f"malformed parameter line {value!r}; write 'NAME TYPE [required|optional] [default=V] - text', "
                        f"TYPE one of {', '.join(PARAM_TYPES)}",
                        Location(file=str(path), line=number),
                    )
                params.append(Parameter(
                    pm.group("name"), pm.group("type"), pm.group("need") == "required",
                    pm.group("default"), (pm.group("doc") or "").strip(),
                ))
                last = "param"
            else:
                fields[key] = value
                last = key
        elif body.startswith("   ") and last == "description":
            fields["description"] += " " + body.strip()
        elif body.startswith("   ") and last == "param" and params:
            p = params[-1]
            params[-1] = Parameter(p.name, p.type, p.required, p.default, f"{p.description} {body.strip()}".strip())
    if "title" not in fields:
        raise QueryError("the query header has no '# title:' line", Location(file=str(path), line=1))
    return CatalogQuery(path.stem, fields["title"], fields.get("description", ""), tuple(params), text, path)


@cache
def catalog() -> dict[str, CatalogQuery]:
    """Every catalog query by name, from the shipped ``queries/`` folder."""
    from crimegraph.resources import resource_dir

    return {p.stem: parse_catalog_file(p) for p in sorted(resource_dir("queries").glob("*.rq"))}


def get(name: str) -> CatalogQuery:
    """A catalog query by name.

    :raises QueryError: naming the queries that exist.
    """
    queries = catalog()
    if name not in queries:
        raise QueryError(f"no catalog query named {name!r}; `crimegraph queries` lists them: {', '.join(queries)}")
    return queries[name]
