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

A query may also declare a variable derived from its parameters, and how many events a
parameter leads to (a probe that chooses where the search starts)::

    # derive: year = years(from, to)
    # count: actor = ?event cg:actor ?actor
    # count: year = ?event cg:year ?year
    # count: place = ?where schema:containedInPlace* ?place . ?event sem:hasPlace ?where

``years(from, to)`` binds ``?year`` to every calendar year from the year of ``from`` to
the year of ``to`` (xsd:integer), when both are given and the range spans at most
:data:`MAX_YEARS` years. The query looks its events up by their year key (``cg:year``)
and keeps its exact date filters, so the years only choose where the search starts.
With ``count:`` lines, the years are bound only if no other given parameter with a
``count:`` line leads to fewer events than the years do (each pattern counted with the
parameter's own values, in the order of the lines, up to the smallest count so far and
at most :data:`PROBE_LIMIT` rows): a small place or one actor is a better start than
every event of the years. Write cheap patterns first and a place last (its probe walks
every place within it before it counts). When the years are not bound, ``year``
counts as not given (lines ending in ``#if year`` are dropped). Either way the answer is
the same; only the time differs.
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
    "event-id": "an event's id (ucdp-ged:182027), the head of its IRI (ucdp-ged-182027) or its IRI",
}

#: The longest range of years ``years(from, to)`` binds (one VALUES row per year); wider
#: ranges select events by their date filters alone.
MAX_YEARS = 200
#: The most rows a ``count:`` probe counts (a probe stops there; it only needs to know
#: which start is smaller).
PROBE_LIMIT = 10_000

_DERIVE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*years\(\s*(?P<start>[A-Za-z_][A-Za-z0-9_]*)\s*,\s*(?P<end>[A-Za-z_][A-Za-z0-9_]*)\s*\)$")

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
class Derived:
    """A variable bound from other parameters: ``name = years(start, end)``."""

    name: str
    start: str
    end: str


@dataclass(frozen=True)
class CatalogQuery:
    """A named query of the catalog."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path = field(compare=False)
    derived: tuple[Derived, ...] = ()
    counts: dict[str, str] = field(default_factory=dict, compare=False)

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
    derived: list[Derived] = []
    counts: dict[str, str] = {}
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        body = line[1:]
        match = re.match(r"^\s*(title|description|param|derive|count):\s*(.*)$", body)
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
            elif key == "derive":
                dm = _DERIVE.match(value)
                if not dm:
                    raise QueryError(
                        f"malformed derive line {value!r}; write 'NAME = years(FROM, TO)' with two date parameters",
                        Location(file=str(path), line=number),
                    )
                derived.append(Derived(dm.group("name"), dm.group("start"), dm.group("end")))
                last = key
            elif key == "count":
                cm = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S.*)$", value)
                if not cm:
                    raise QueryError(f"malformed count line {value!r}; write 'NAME = graph pattern'",
                                     Location(file=str(path), line=number))
                counts[cm.group(1)] = cm.group(2)
                last = key
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
    names = {p.name: p for p in params}
    for d in derived:
        for source in (d.start, d.end):
            if source not in names or names[source].type != "date":
                raise QueryError(f"derive {d.name}: {source!r} is not a date parameter of the query", Location(file=str(path)))
        if d.name in names:
            raise QueryError(f"derive {d.name}: a parameter has the same name", Location(file=str(path)))
    for name in counts:
        if name not in names and name not in {d.name for d in derived}:
            raise QueryError(f"count {name}: not a parameter or derived variable of the query", Location(file=str(path)))
    return CatalogQuery(path.stem, fields["title"], fields.get("description", ""), tuple(params), text, path,
                        tuple(derived), counts)


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
        raise QueryError(f"no catalog query named {name!r}{closest(name)}; `crimegraph queries` lists them: {', '.join(queries)}")
    return queries[name]


def closest(name: str) -> str:
    """ " (did you mean 'who-did-what-where'?)" for a near miss of a catalog query's
    name, else ""."""
    import difflib

    found = difflib.get_close_matches(name.strip().casefold(), list(catalog()), n=1, cutoff=0.6)
    return f" (did you mean {found[0]!r}?)" if found else ""
