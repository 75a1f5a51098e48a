"""Where a catalog query starts: the variables it derives from its parameters.

pyoxigraph plans a query without statistics: among patterns that look alike it starts
from the first one written. A query that declares ``# derive: year = years(from, to)``
gets ``?year`` bound to the calendar years of a closed date range, so that it can start
from the events of those years (their ``cg:year`` key) instead of testing the date of
every event of a place — but only when that is the smaller start: the ``count:``
patterns of the query header are counted first, with the given values, and a parameter
that leads to fewer events (one actor, a small town) keeps its place as the start. The
answer never depends on the choice; the date filters of the query stay exact.
See :mod:`crimegraph.query.catalog` for the header lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

from crimegraph.query.catalog import MAX_YEARS, PROBE_LIMIT, CatalogQuery
from crimegraph.store.sparql import values_block
from crimegraph.store.base import Store

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_PROLOGUE = re.compile(r"^\s*(PREFIX|BASE)\b[^\n]*$", re.I | re.M)

Term = ox.NamedNode | ox.Literal


def year_range(starts: Sequence[Term], ends: Sequence[Term]) -> list[ox.Literal] | None:
    """Every calendar year from the earliest start date to the latest end date, as
    xsd:integer literals; None when a side is missing or the range spans more than
    :data:`crimegraph.query.catalog.MAX_YEARS` years (then the query relies on its date
    filters alone). A range that ends before it starts gives its first year: the date
    filters then match nothing, as they would anyway.

    >>> from crimegraph.query.params import date_term
    >>> [y.value for y in year_range([date_term("2010-06", "from")], [date_term("2011", "to")])]
    ['2010', '2011']
    >>> year_range([date_term("2010", "from")], []) is None
    True
    """
    if not starts or not ends:
        return None
    first = min(int(t.value[:4]) for t in starts)
    last = max(first, max(int(t.value[:4]) for t in ends))
    if last - first + 1 > MAX_YEARS:
        return None
    return [ox.Literal(str(year), datatype=XSD_INTEGER) for year in range(first, last + 1)]


def derived_bindings(store: Store, entry: CatalogQuery, bindings: dict[str, list[Term]]) -> dict[str, list[Term]]:
    """The derived variables of ``entry`` worth binding, given the parameters' bindings."""
    derived: dict[str, list[Term]] = {}
    for d in entry.derived:
        years = year_range(bindings.get(d.start, []), bindings.get(d.end, []))
        if years is not None and smallest_start(store, entry, d.name, years, bindings):
            derived[d.name] = list(years)
    return derived


def count(store: Store, entry: CatalogQuery, name: str, values: Sequence[Term], limit: int) -> int:
    """Rows of the query's ``count:`` pattern for ``name`` bound to ``values``, counted
    up to ``limit`` (the probe stops there)."""
    if not values:
        return 0
    prologue = "\n".join(m.group(0).strip() for m in _PROLOGUE.finditer(entry.text))
    probe = (f"{prologue}\nSELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT * WHERE {{"
             f"{values_block({name: list(values)})}{entry.counts[name]} }} LIMIT {int(limit)} }} }}")
    solutions = store.query(probe).solutions
    value = solutions[0].get("n") if solutions else None
    return int(value.value) if value is not None else 0


def smallest_start(store: Store, entry: CatalogQuery, name: str, values: Sequence[Term], bindings: dict[str, list[Term]]) -> bool:
    """True unless a given parameter with a ``count:`` pattern leads to fewer events than
    ``name`` bound to ``values`` (ties go to ``name``).

    The patterns are counted in the order of the ``count:`` lines, each only up to the
    smallest count so far, and the probing stops as soon as the answer is known: a cheap
    pattern written early (an actor) spares the costly ones written last (a place, whose
    probe first walks every place within it)."""
    order = [n for n in entry.counts if n == name or n in bindings]
    if name not in entry.counts or len(order) < 2:
        return True
    smallest, own = PROBE_LIMIT, None
    for other in order:
        if other == name:
            own = count(store, entry, name, values, smallest + 1)
            if own > smallest:
                return False
            smallest = own
            continue
        found = count(store, entry, other, bindings[other], smallest)
        if own is not None and found < own:
            return False
        smallest = min(smallest, found)
    return True
