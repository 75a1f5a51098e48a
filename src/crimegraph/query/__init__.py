"""Ask the graph: the catalog of named queries and a Python API for notebooks.

>>> import tempfile
>>> import crimegraph.query as q
>>> from crimegraph import convert
>>> from crimegraph.resources import resource_dir
>>> from crimegraph.store import LocalStore
>>> store = LocalStore(tempfile.mkdtemp() + "/store", create=True)
>>> examples = sorted((resource_dir("data") / "examples").glob("seed-*"))
>>> _ = store.load_quads(convert(examples).quads)
>>> rows = q.run(store, "who-did-what-where", actor="Sinaloa Cartel")
>>> rows[0]["label"], rows[0]["placeName"]
('Sinaloa Cartel reaches into Central America', 'Central America')

:func:`run` takes a catalog name, a ``.rq`` file or SPARQL text, binds parameters as RDF
terms in a VALUES block at the start of the WHERE group (never as query text), runs the
query on any :class:`crimegraph.store.Store` and returns :class:`Rows` (a list of dicts
with ``to_dataframe()``); :func:`execute` returns the full
:class:`crimegraph.store.QueryResult` for CONSTRUCT/DESCRIBE or serialisation.

The catalog (``queries/*.rq``) is data: :func:`catalog` gives every
:class:`CatalogQuery` (name, title, description, typed parameters, SPARQL text), which
is what ``crimegraph queries`` lists and what a web page can offer. A line of a catalog
query ending in ``#if NAME`` is kept only when parameter NAME is given, one ending in
``#unless NAME`` only when it is not (:func:`crimegraph.store.sparql.select_lines`): the
choice depends on whether a value is given, never on the value.

Entity parameters (actor, target, group, place …) take a name, matched exactly and then
case-insensitively against ``rdfs:label``, ``skos:altLabel``, ``cg:acronym`` and
``foaf:name``, or an IRI; a name matching no entity makes the query match nothing (with
a warning in ``rows.warnings`` / on stderr). Dates take ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; partial dates in the data count when they overlap the range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crimegraph.errors import QueryError
from crimegraph.query.catalog import CatalogQuery, Parameter, catalog, closest, get
from crimegraph.query.params import to_terms
from crimegraph.query.plan import derived_bindings
from crimegraph.store.accelerators import ACCELERATORS
from crimegraph.store.sparql import bind_values, query_form, select_lines, with_limit
from crimegraph.store import QueryResult, Rows, Store, open_store

__all__ = [
    "CatalogQuery",
    "Parameter",
    "PreparedQuery",
    "Rows",
    "catalog",
    "execute",
    "get",
    "open_store",
    "prepare",
    "run",
]

ParamValue = str | Sequence[str] | None


@dataclass
class PreparedQuery:
    """A query ready to run: its final text, where it came from, and warnings (such as
    a name that matched no entity)."""

    text: str
    source: str
    form: str
    warnings: list[str] = field(default_factory=list)
    #: the catalog query's name (None for a .rq file or text), its bindings (parameters
    #: and derived variables) and limit: what a store index needs to answer it
    name: str | None = None
    bindings: dict[str, list] = field(default_factory=dict)
    limit: int | None = None
    #: set by :func:`execute` when an index of the store answered instead of the text
    answered_by: str | None = None
    #: the catalog query's own text (the ``.rq`` file), which a store's accelerator
    #: must have been written for (:mod:`crimegraph.store.accelerators`)
    catalog_text: str | None = None
    #: set by :func:`execute` when the query has an accelerator that did not answer: why
    #: (the store's ``index_status``, e.g. "off: queries/….rq is not the text …")
    index_status: str | None = None


def _as_list(value: ParamValue) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _load_text(query: str) -> tuple[str, CatalogQuery | None, str]:
    """A catalog name, a path to a .rq file, or SPARQL text."""
    stripped = query.strip()
    if stripped in catalog():
        entry = get(stripped)
        return entry.text, entry, f"catalog query {entry.name}"
    if stripped.endswith((".rq", ".sparql")) and "\n" not in stripped and "{" not in stripped:
        path = Path(stripped)
        if not path.is_file():
            raise QueryError(f"no such query file: {path}")
        return path.read_text(encoding="utf-8"), None, str(path)
    if not any(word in stripped.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(
            f"{stripped[:60]!r} is neither a catalog query{closest(stripped)} (see `crimegraph queries`), a .rq file nor SPARQL text"
        )
    return query, None, "query text"


def prepare(store: Store, query: str, params: Mapping[str, ParamValue] | None = None, *, limit: int | None = None) -> PreparedQuery:
    """Resolve parameters and build the text to run.

    For a catalog query the parameters are checked against its header (unknown names,
    missing required ones, defaults); for other queries every parameter binds the
    variable of the same name, as a literal (or an IRI for ``<…>`` values).

    :raises QueryError: for unknown or missing parameters and invalid values.
    """
    text, entry, source = _load_text(query)
    given = {k.replace("-", "_"): _as_list(v) for k, v in (params or {}).items() if v is not None}
    warnings: list[str] = []
    bindings: dict[str, list] = {}
    if entry is not None:
        for name in given:
            entry.parameter(name)  # raises for unknown names
        for p in entry.parameters:
            values = given.get(p.name) or ([p.default] if p.default is not None else [])
            if not values:
                if p.required:
                    raise QueryError(f"query {entry.name!r} needs the parameter {p.describe()}: {p.description}")
                continue
            bindings[p.name] = to_terms(store, p, values, warnings)
        bindings.update(derived_bindings(store, entry, bindings))
    else:
        for name, values in given.items():
            kind = "iri" if all(v.startswith("<") and v.endswith(">") for v in values) else "string"
            cleaned = [v[1:-1] if kind == "iri" else v for v in values]
            bindings[name] = to_terms(store, Parameter(name, kind), cleaned, warnings)
    final = bind_values(select_lines(text, set(bindings)), bindings)
    form = query_form(final)
    if limit is not None and form in ("SELECT", "CONSTRUCT", "DESCRIBE"):
        final = with_limit(final, limit)
    return PreparedQuery(final, source, form, warnings, entry.name if entry else None, bindings, limit,
                         catalog_text=entry.text if entry else None)


def execute(
    store: Store,
    query: str,
    params: Mapping[str, ParamValue] | None = None,
    *,
    limit: int | None = None,
    timeout: float | None = None,
    use_index: bool = True,
) -> tuple[QueryResult, PreparedQuery]:
    """Prepare and run a query; the result and what was run.

    A catalog query the store can answer from an accelerator (who-did-what-where on a
    local store: :mod:`crimegraph.store.event_index`) is answered from it, with the same
    rows as its SPARQL text, as long as the query's ``.rq`` is the text the accelerator
    was written for (:mod:`crimegraph.store.accelerators`); otherwise the text runs and
    ``prepared.index_status`` says why. ``use_index=False`` always runs the text."""
    prepared = prepare(store, query, params, limit=limit)
    if use_index and prepared.name is not None:
        answer = store.answer_catalog(prepared.name, prepared.bindings, prepared.limit, timeout, text=prepared.catalog_text)
        if answer is not None:
            prepared.answered_by = ACCELERATORS[prepared.name].what
            return answer, prepared
        if prepared.name in ACCELERATORS:
            prepared.index_status = store.index_status(prepared.catalog_text)
    return store.query(prepared.text, timeout=timeout), prepared


def run(store: Store | str | Path, query: str, /, *, limit: int | None = None, timeout: float | None = None, **params: ParamValue) -> Rows:
    """Run a catalog query (or a .rq file, or SPARQL text) and return its rows.

    ``store`` is a :class:`Store` or the folder of a local store. Keyword arguments are
    the query's parameters; a list gives several values (any of them matches).

    :raises QueryError: for a bad query or parameter; :raises StoreError: for store problems.
    """
    if not isinstance(store, Store):
        store = open_store(store)
    result, prepared = execute(store, query, params, limit=limit, timeout=timeout)
    rows = result.rows()
    rows.warnings = prepared.warnings  # type: ignore[attr-defined]
    return rows


def names() -> Iterable[str]:
    return catalog().keys()
