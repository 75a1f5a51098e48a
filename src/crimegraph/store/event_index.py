"""The event index of a local store: who-did-what-where without the per-row cost.

The catalog query ``who-did-what-where`` reads, for every event it finds, about a dozen
facts (type, label, actor and its name, target and its name, place and its name,
dates). pyoxigraph answers each of them with an index look-up of its own, 6-7 µs on
disk, so an answer of a thousand events costs a few hundred milliseconds whatever the
plan (bench/README.md, "A second look, part by part"). The event index keeps those
facts — the quads of the eleven predicates below — in a SQLite file beside the RDF, so
that the same answer is one SQL statement: about 37 ms instead of 250 for 1,341 rows at
5M triples (bench/README.md).

It is a copy, never a source: every generation of a :class:`LocalStore` carries its own
index file, written from the same parsed quads in the same all-or-nothing load (article
graphs dropped and added, other graphs merged: :func:`apply`), and
:func:`crimegraph.query.execute` uses it only for the query forms it answers exactly
like the SPARQL text (same rows; the same order wherever the query's ORDER BY decides
it). Data the index cannot answer exactly marks it off (a blank node as an event, actor,
target or place, a literal as an actor or target, a date or year written in a
non-canonical form that pyoxigraph would rewrite), and the query then runs as SPARQL;
:func:`status` says why. Remote stores never use it.

It is bound to the text of the query it stands in for (:mod:`crimegraph.store.accelerators`):
:data:`QUERY_SHA256` is the checksum of the ``queries/who-did-what-where.rq`` it was
written for; when the catalog's file has another, the index is off (``crimegraph stats``
and ``crimegraph query --show-query`` say why) and the SPARQL text runs.

Layout: ``term(id, value, dt, lang)`` numbers every IRI and literal once (an IRI has an
empty datatype); ``quad(s, p, o, g)`` holds term numbers with the primary key by subject
(the facts of an event are one range) and a second index by predicate and object (the
events of a place, an actor, a year); ``event_order`` lists the events in the query's
ORDER BY (first date, IRI), so that a LIMIT over many events reads only the first ones.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from crimegraph.vocab import CG, RDF, RDFS, SCHEMA, SEM, XSD

from crimegraph.store.accelerators import Accelerator, register
from crimegraph.store.base import QueryTimeout
from crimegraph.store.results import QueryResult

FILE = "crimegraph-events.sqlite"
VERSION = "2"

#: The catalog query the index answers, and the sha256 of the text of
#: ``queries/who-did-what-where.rq`` it was written for and is tested against
#: (``tests/store/test_event_index.py`` compares its rows with the SPARQL's). An edited
#: query no longer has this checksum: the index is then off and the SPARQL runs.
QUERY = "who-did-what-where"
QUERY_SHA256 = "0bcf798184b9f2c2cb430ebd946d910c37a34685cb2efc0a5d085af9a7980047"
ACCELERATOR = register(Accelerator(QUERY, QUERY_SHA256, "the store's event index", "crimegraph.store.event_index"))

_XSD = str(XSD)
SEM_EVENT = str(SEM.Event)

# predicate codes
TYPE, EVENT_TYPE, LABEL, ACTOR, TARGET, PLACE, TIMESTAMP, BEGIN, END, YEAR, WITHIN = range(11)
PREDICATES = {
    str(RDF.type): TYPE,
    str(SEM.eventType): EVENT_TYPE,
    str(RDFS.label): LABEL,
    str(CG.actor): ACTOR,
    str(CG.target): TARGET,
    str(SEM.hasPlace): PLACE,
    str(SEM.hasTimeStamp): TIMESTAMP,
    str(SEM.hasBeginTimeStamp): BEGIN,
    str(SEM.hasEndTimeStamp): END,
    str(CG.year): YEAR,
    str(SCHEMA.containedInPlace): WITHIN,
}
_NAMES = {code: iri for iri, code in PREDICATES.items()}
_PREDICATE_NODES = {ox.NamedNode(iri): code for iri, code in PREDICATES.items()}
#: objects that must be IRIs for the index to answer like SPARQL (order, identity)
_IRI_OBJECTS = {ACTOR, TARGET}
#: objects that must not be blank nodes (they are joined on)
_NO_BLANK_OBJECTS = {ACTOR, TARGET, PLACE, WITHIN, EVENT_TYPE}

# Literals that pyoxigraph stores as typed values and writes back in canonical form
# ("05"^^xsd:integer comes back as "5"): the index keeps the lexical form it parsed, so
# it is exact only for forms that are already canonical.
_CANONICAL = {
    _XSD + "integer": re.compile(r"(0|-?[1-9][0-9]*)"),
    _XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    _XSD + "gYearMonth": re.compile(r"[0-9]{4}-[0-9]{2}"),
    _XSD + "gYear": re.compile(r"[0-9]{4}"),
}
_TYPED = {_XSD + t for t in (
    "boolean", "float", "double", "decimal", "integer", "dateTime", "dateTimeStamp", "time", "date", "gYearMonth",
    "gYear", "gMonthDay", "gDay", "gMonth", "duration", "yearMonthDuration", "dayTimeDuration", "long", "int",
    "short", "byte", "nonNegativeInteger", "nonPositiveInteger", "negativeInteger", "positiveInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- every IRI and literal once; an IRI has an empty datatype (and the default graph is '')
CREATE TABLE IF NOT EXISTS term (id INTEGER PRIMARY KEY, value TEXT NOT NULL, dt TEXT NOT NULL, lang TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS term_key ON term (value, dt, lang);
CREATE TABLE IF NOT EXISTS quad (
    s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL, g INTEGER NOT NULL,
    PRIMARY KEY (s, p, o, g)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quad_po ON quad (p, o);
CREATE INDEX IF NOT EXISTS quad_g ON quad (g);
-- every event in the order of who-did-what-where's ORDER BY: its first date (the least
-- timestamp, else the least begin; NULL first), then its IRI
CREATE TABLE IF NOT EXISTS event_order (e INTEGER PRIMARY KEY, date TEXT, iri TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_order_key ON event_order (date, iri);
-- why the index cannot answer exactly, per graph (dropped with the graph)
CREATE TABLE IF NOT EXISTS odd (g TEXT NOT NULL, reason TEXT NOT NULL);
"""

#: an index row as parsed: subject, predicate code, object value, datatype, language, graph
Row = tuple[str, int, str, str, str, str]


def _graph_key(graph: Any) -> str | None:
    if type(graph) is ox.NamedNode:
        return graph.value
    if type(graph) is ox.DefaultGraph:
        return ""
    return None  # a blank-node graph name


def encode(quad: ox.Quad, graph: Any, code: int) -> tuple[Row | None, str | None]:
    """The index row of a quad of predicate ``code`` (None when the index does not keep
    it) and, when the quad stops the index from answering exactly, the reason."""
    o = quad.object
    if code == TYPE and not (type(o) is ox.NamedNode and o.value == SEM_EVENT):
        return None, None
    s = quad.subject
    g = _graph_key(quad.graph_name if graph is None else graph)
    if g is None:
        return None, f"a blank node names a graph ({s} {_NAMES[code]})"
    if type(s) is not ox.NamedNode:
        if code == TYPE:
            return None, f"a blank node is a sem:Event ({s} {_NAMES[code]})"
        return None, None  # reachable only through a blank object, which is flagged
    if type(o) is ox.NamedNode:
        return (s.value, code, o.value, "", "", g), None
    if type(o) is ox.Literal:
        if code in _IRI_OBJECTS:
            return None, f"a literal is an actor or target ({s} {_NAMES[code]} {o})"
        dt = o.datatype.value
        if dt in _TYPED:
            form = _CANONICAL.get(dt)
            if form is None or not form.fullmatch(o.value):
                return None, f"{o} is not in a canonical form the index keeps ({s} {_NAMES[code]})"
        return (s.value, code, o.value, dt, o.language or "", g), None
    if code in _NO_BLANK_OBJECTS:
        return None, f"a blank node is an object of {_NAMES[code]} ({s})"
    return None, None


class Collector:
    """Gathers the index rows of the quads being loaded, before the store is touched,
    into a scratch SQLite file: each distinct term once (numbered here), the quads as
    numbers, appended in batches without any index."""

    BATCH = 50_000

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self.con = sqlite3.connect(path)
        self.con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                               "CREATE TABLE term (id INTEGER PRIMARY KEY, value, dt, lang);"
                               "CREATE TABLE quad (s, p, o, g); CREATE TABLE odd (g, reason);")
        self.ids: dict[str | tuple[str, str, str], int] = {}
        self.terms: list[tuple[int, str, str, str]] = []
        self.rows: list[tuple[int, int, int, int]] = []
        self.odd: dict[str, str] = {}  # the first reason of each graph

    def _new(self, key: str | tuple[str, str, str], value: str, dt: str, lang: str) -> int:
        number = self.ids[key] = len(self.ids) + 1
        self.terms.append((number, value, dt, lang))
        return number

    def add(self, quad: ox.Quad, graph: Any = None) -> None:
        code = _PREDICATE_NODES.get(quad.predicate)
        if code is None:
            return  # most quads: a dictionary look-up and no more
        row, reason = encode(quad, graph, code)
        if row is None:
            if reason is not None:
                self.odd.setdefault(_graph_key(quad.graph_name if graph is None else graph) or "", reason)
            return
        # terms are numbered here, once each (an IRI keyed by itself, a literal by its parts)
        s, p, o, dt, lang, g = row
        ids = self.ids
        s_id = ids.get(s) or self._new(s, s, "", "")
        o_key = (o, dt, lang) if dt else o
        o_id = ids.get(o_key) or self._new(o_key, o, dt, lang)
        g_id = ids.get(g) or self._new(g, g, "", "")
        self.rows.append((s_id, p, o_id, g_id))
        if len(self.rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        self.con.executemany("INSERT INTO term VALUES (?, ?, ?, ?)", self.terms)
        self.con.executemany("INSERT INTO quad VALUES (?, ?, ?, ?)", self.rows)
        self.terms.clear()
        self.rows.clear()

    def close(self) -> None:
        self._flush()
        self.con.executemany("INSERT INTO odd VALUES (?, ?)", self.odd.items())
        self.con.commit()
        self.con.close()


def apply(previous: Path | None, collected: Path, replaced: Sequence[str], target: Path) -> None:
    """Write the index of a new generation to ``target``: the previous generation's
    index (if any) without the replaced graphs, plus the collected rows."""
    if previous is not None:
        shutil.copyfile(previous, target)
    con = sqlite3.connect(target)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;" + _SCHEMA)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))
        con.execute("ATTACH DATABASE ? AS new", (str(collected),))
        # the events whose place in event_order may change: typed or dated here or in a dropped graph
        con.execute("CREATE TEMP TABLE touched (e INTEGER PRIMARY KEY)")
        if replaced:
            con.execute("CREATE TEMP TABLE gone (value TEXT PRIMARY KEY)")
            con.executemany("INSERT OR IGNORE INTO gone VALUES (?)", ((g,) for g in replaced))
            dropped = "SELECT id FROM term WHERE dt = '' AND lang = '' AND value IN (SELECT value FROM gone)"
            con.execute(f"INSERT OR IGNORE INTO touched SELECT s FROM quad WHERE p IN ({TYPE}, {TIMESTAMP}, {BEGIN}) "
                        f"AND g IN ({dropped})")
            con.execute(f"DELETE FROM quad WHERE g IN ({dropped})")
            con.execute("DELETE FROM odd WHERE g IN (SELECT value FROM gone)")
        con.execute("INSERT OR IGNORE INTO term (value, dt, lang) SELECT value, dt, lang FROM new.term ORDER BY 1, 2, 3")
        con.execute("CREATE TEMP TABLE idmap (local INTEGER PRIMARY KEY, global INTEGER NOT NULL)")
        con.execute("INSERT INTO idmap SELECT n.id, t.id FROM new.term n "
                    "JOIN term t ON t.value = n.value AND t.dt = n.dt AND t.lang = n.lang")
        con.execute("INSERT OR IGNORE INTO quad SELECT ms.global, n.p, mo.global, mg.global FROM new.quad n "
                    "JOIN idmap ms ON ms.local = n.s JOIN idmap mo ON mo.local = n.o JOIN idmap mg ON mg.local = n.g "
                    "ORDER BY 1, 2, 3, 4")
        con.execute("INSERT INTO odd SELECT * FROM new.odd")
        con.execute(f"INSERT OR IGNORE INTO touched SELECT ms.global FROM new.quad n JOIN idmap ms ON ms.local = n.s "
                    f"WHERE n.p IN ({TYPE}, {TIMESTAMP}, {BEGIN})")
        con.execute("DELETE FROM event_order WHERE e IN (SELECT e FROM touched)")
        least = "SELECT MIN(v.value) FROM quad x JOIN term v ON v.id = x.o WHERE x.s = t.e AND x.p = {}"
        con.execute(f"INSERT INTO event_order SELECT t.e, COALESCE(({least.format(TIMESTAMP)}), ({least.format(BEGIN)})), "
                    f"i.value FROM touched t JOIN term i ON i.id = t.e "
                    f"WHERE EXISTS (SELECT 1 FROM quad x WHERE x.s = t.e AND x.p = {TYPE})")
        con.commit()
        con.execute("DETACH DATABASE new")
        con.execute("ANALYZE")
        con.commit()
    finally:
        con.close()


def create_empty(target: Path) -> None:
    """The index of an empty store."""
    scratch = target.with_name(target.name + ".scratch")
    Collector(scratch).close()
    try:
        apply(None, scratch, [], target)
    finally:
        scratch.unlink(missing_ok=True)


def is_current(path: Path) -> bool:
    """True if ``path`` is an index file this version of crimegraph can add to."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == VERSION


def build(db: ox.Store, target: Path, scratch: Path) -> None:
    """Write the index of everything in ``db`` (a store made before the index existed,
    or by a crimegraph with another index version)."""
    collector = Collector(scratch)
    try:
        for iri in PREDICATES:
            for quad in db.quads_for_pattern(None, ox.NamedNode(iri), None, None):
                collector.add(quad)
        collector.close()
        apply(None, scratch, [], target)
    finally:
        scratch.unlink(missing_ok=True)


class EventIndex:
    """The read side: opened on a published generation's index file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        #: why queries do not use the index (None: they do)
        self.off_reason: str | None = None
        try:
            version = self._con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            odd = self._con.execute("SELECT reason FROM odd LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            self.off_reason = self._unreadable(exc)
            return
        if version is None or version[0] != VERSION:
            self.off_reason = f"index version {version[0] if version else '?'} is not {VERSION}"
        elif odd is not None:
            self.off_reason = odd[0]

    def status(self) -> str:
        """Whether queries use the index: "on", or "off: " and why (the whole file is checked:
        a damaged one is off)."""
        if self.off_reason is None:
            with self._lock:
                try:
                    self._con.execute("PRAGMA quick_check").fetchall()
                except sqlite3.Error as exc:
                    self.off_reason = self._unreadable(exc)
        return "on" if self.off_reason is None else f"off: {self.off_reason}"

    def _unreadable(self, exc: Exception) -> str:
        return f"the index file {self.path} cannot be read ({exc}); the next load rebuilds it"

    @classmethod
    def open(cls, generation: Path) -> "EventIndex | None":
        """The index of a generation; None if it has none."""
        path = generation / FILE
        return cls(path) if path.is_file() else None

    def close(self) -> None:
        self._con.close()

    # --------------------------------------------------------------- terms
    def _decode(self, ids: Iterable[int]) -> dict[int, Any]:
        """pyoxigraph terms of term ids."""
        terms: dict[int, Any] = {}
        rows = self._con.execute("SELECT id, value, dt, lang FROM term WHERE id IN (SELECT value FROM json_each(?))",
                                 (json.dumps(sorted(set(ids))),))
        for i, value, dt, lang in rows:
            if not dt:
                terms[i] = ox.NamedNode(value)
            elif lang:
                terms[i] = ox.Literal(value, language=lang)
            elif dt == _XSD + "string":
                terms[i] = ox.Literal(value)
            else:
                terms[i] = ox.Literal(value, datatype=ox.NamedNode(dt))
        return terms

    def _ids(self, terms: Iterable[Any]) -> list[int]:
        """Term ids of pyoxigraph terms (terms the index does not hold have none)."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for term in terms:
            if isinstance(term, ox.NamedNode):
                groups[("", "")].append(term.value)
            elif isinstance(term, ox.Literal):
                groups[(term.datatype.value, term.language or "")].append(term.value)
        ids: list[int] = []
        for (dt, lang), values in groups.items():
            ids += [i for (i,) in self._con.execute(
                "SELECT id FROM term WHERE dt = ? AND lang = ? AND value IN (SELECT value FROM json_each(?))",
                (dt, lang, json.dumps(values)))]
        return ids

    def _closure(self, places: list[int]) -> list[int]:
        """The places and every place contained in them (schema:containedInPlace*)."""
        found = set(places)
        frontier = list(found)
        while frontier:
            rows = self._con.execute(f"SELECT DISTINCT s FROM quad WHERE p = {WITHIN} AND o IN (SELECT value FROM json_each(?))",
                                     (json.dumps(frontier),)).fetchall()
            frontier = [s for (s,) in rows if s not in found]
            found.update(frontier)
        return sorted(found)

    # ----------------------------------------------------- who-did-what-where
    WHO_DID_WHAT_WHERE = ["date", "event", "label", "eventType", "actor", "actorName", "target", "targetName",
                          "eventPlace", "placeName"]
    #: the filters in the order they are counted (as the query's count: lines)
    _FILTERS = {"actor": ACTOR, "target": TARGET, "year": YEAR, "type": EVENT_TYPE, "place": PLACE}
    #: a filter leading to this many events or more does not narrow the search much
    _PROBE_CAP = 20_000
    #: events taken at a time when looking for the first rows of a LIMIT
    _FIRST_BATCH = 64

    def who_did_what_where(self, bindings: dict[str, list[Any]], limit: int | None = None,
                           timeout: float | None = None) -> QueryResult | None:
        """The answer of queries/who-did-what-where.rq with these bindings (the
        parameters and the derived ``year``), or None if the index is off or a binding
        is not one it knows.

        :raises QueryTimeout: when it takes longer than ``timeout`` seconds."""
        if self.off_reason is not None or set(bindings) - {*self._FILTERS, "from", "to"}:
            return None
        with self._lock:
            if timeout is not None:
                deadline = time.monotonic() + timeout
                self._con.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            try:
                return self._who_did_what_where(bindings, limit)
            except sqlite3.Error as exc:
                if timeout is not None and "interrupt" in str(exc):
                    raise QueryTimeout(f"the query ran longer than {timeout:g} s and was abandoned") from None
                # a damaged index file: the SPARQL answers, `crimegraph stats` says why
                # the index is off, and the next load writes a new one
                self.off_reason = self._unreadable(exc)
                return None
            finally:
                self._con.set_progress_handler(None, 0)

    def _who_did_what_where(self, b: dict[str, list[Any]], limit: int | None) -> QueryResult:
        # The query as SQL: the events that pass every given filter (the required
        # patterns), then one row per combination of their optional facts, the date
        # filters, DISTINCT, ORDER BY (STR(?date), ?event, ?actor, ?target: strings
        # compared by code point, unbound first, in SQLite as in SPARQL), LIMIT.
        names = self.WHO_DID_WHAT_WHERE
        given: dict[str, list[int]] = {}
        for name in self._FILTERS:
            if name in b:
                ids = self._ids(b[name])
                given[name] = self._closure(ids) if name == "place" else ids
        event_class = self._ids([ox.NamedNode(SEM_EVENT)])
        filters = [(self._FILTERS[name], ids) for name, ids in given.items()] + [(TYPE, event_class)]
        if any(not ids for _, ids in filters):  # a value the store does not hold: no event
            return QueryResult("select", variables=list(names), solutions=[])
        froms = [t.value for t in b.get("from", [])]
        tos = [t.value for t in b.get("to", [])]
        start, smallest = self._smallest(filters)
        broad = len(filters) == 1 or smallest >= self._PROBE_CAP  # nothing given narrows the search much
        if limit is not None and broad and not froms and not tos:
            rows = self._first_rows(filters, given, limit)
        else:
            cand, args = self._candidates(filters, None if broad and (froms or tos) else start, froms, tos)
            rows = self._rows(cand, args, given, froms, tos, limit)
        rows = [row[4:] for row in rows]
        terms = self._decode(i for row in rows for i in row if i is not None)
        solutions = [{name: terms[i] if i is not None else None for name, i in zip(names, row)} for row in rows]
        return QueryResult("select", variables=list(names), solutions=solutions)

    def _smallest(self, filters: list[tuple[int, list[int]]]) -> tuple[int, int]:
        """Which filter leads to the fewest events (each counted up to the smallest count
        so far, at most _PROBE_CAP; the last filter, sem:Event, only if it is alone), and
        that count."""
        smallest, start = self._PROBE_CAP, len(filters) - 1
        for i, (code, ids) in enumerate(filters[:-1]):
            (n,) = self._con.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM quad WHERE p = {code} AND o IN (SELECT value FROM json_each(?)) "
                f"LIMIT {smallest})", (json.dumps(ids),)).fetchone()
            if n < smallest or i == 0:
                smallest, start = n, i
        return start, smallest

    def _candidates(self, filters: list[tuple[int, list[int]]], start: int | None, froms: list[str],
                    tos: list[str]) -> tuple[str, list[Any]]:
        """SQL giving the events that pass every filter, starting from filter ``start``,
        or (None) from the events with a date that can pass the date filters."""
        where: list[str] = []
        args: list[Any] = []
        if start is None:
            # ?lastDay + "~" >= from holds for a value that is >= from or a prefix of it
            # ("2020" for "2020-03"); ?date <= to + "~" is one range. The exact test of
            # the row's own dates comes later.
            if froms:
                codes = f"{TIMESTAMP}, {BEGIN}, {END}"
                test = "(value >= ? OR value IN (SELECT value FROM json_each(?)))"
                args += [min(froms), json.dumps(sorted({f[:k] for f in froms for k in range(1, len(f))}))]
            else:
                codes, test = f"{TIMESTAMP}, {BEGIN}", "value <= ?"
                args.append(max(tos) + "~")
            where.append(f"q.p IN ({codes}) AND q.o IN (SELECT id FROM term WHERE "
                         f"id IN (SELECT o FROM quad WHERE p IN ({codes})) AND {test})")
        else:
            code, ids = filters[start]
            where.append(f"q.p = {code} AND q.o IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(ids))
        for i, (code, ids) in enumerate(filters):
            if i != start:
                where.append(f"EXISTS (SELECT 1 FROM quad x WHERE x.s = q.s AND x.p = {code} "
                             f"AND x.o IN (SELECT value FROM json_each(?)))")
                args.append(json.dumps(ids))
        return f"SELECT DISTINCT q.s FROM quad q WHERE {' AND '.join(where)}", args

    def _first_rows(self, filters: list[tuple[int, list[int]]], given: dict[str, list[int]], limit: int) -> list[tuple]:
        """The first ``limit`` rows of the events that pass ``filters``, when they are
        many: take the events in the order of their first date (NULL first) and IRI, as
        the ORDER BY would, a batch at a time, until no event left can come before the
        last row kept. Each filter is a set made once: a check per event walked costs
        more when many events that fail sort first."""
        if limit <= 0:
            return []
        walk, args = [], []
        for code, ids in filters:
            if code != TYPE:  # event_order holds only events
                walk.append(f"eo.e IN (SELECT x.s FROM quad x WHERE x.p = {code} AND x.o IN (SELECT value FROM json_each(?)))")
                args.append(json.dumps(ids))
        events = self._con.execute(
            f"SELECT eo.e, eo.date, eo.iri FROM event_order eo {'WHERE ' + ' AND '.join(walk) if walk else ''} "
            "ORDER BY eo.date, eo.iri", args)
        batch = max(limit, self._FIRST_BATCH)
        rows: list[tuple] = []
        chunk = events.fetchmany(batch)
        while chunk:
            rows += self._rows("SELECT value FROM json_each(?)", [json.dumps([e for e, _, _ in chunk])], given, [], [], limit)
            rows.sort(key=_row_order)
            del rows[limit:]
            chunk = events.fetchmany(batch)
            if chunk and len(rows) == limit:
                last_date, last_event = rows[-1][0], rows[-1][1]
                _, next_date, next_event = chunk[0]
                if (_nulls_first(last_date), last_event) < (_nulls_first(next_date), next_event):
                    break  # every event left sorts after the last row kept
        return rows

    def _rows(self, cand: str, args: list[Any], given: dict[str, list[int]], froms: list[str], tos: list[str],
              limit: int | None) -> list[tuple]:
        """The rows of the events ``cand`` (SQL giving event ids, with ``args``): the
        four ORDER BY values, then the ten answer columns as term ids."""
        args = list(args)

        def among(alias: str, name: str) -> str:
            if name not in given:
                return ""
            args.append(json.dumps(given[name]))
            return f" AND {alias}.o IN (SELECT value FROM json_each(?))"

        def optional(alias: str, code: int, name: str) -> str:
            kind = "JOIN" if name in given else "LEFT JOIN"
            return (f"{kind} quad {alias} ON {alias}.s = cand.e AND {alias}.p = {code}{among(alias, name)} "
                    f"LEFT JOIN quad {alias}n ON {alias}n.s = {alias}.o AND {alias}n.p = {LABEL} ")

        sql = (f"WITH cand(e) AS ({cand}) "
               "SELECT DISTINCT dd.value, ev.value, ac_t.value, tg_t.value, COALESCE(ts.o, bg.o), cand.e, lb.o, ty.o, "
               "ac.o, acn.o, tg.o, tgn.o, pl.o, pln.o FROM cand "
               f"JOIN quad ty ON ty.s = cand.e AND ty.p = {EVENT_TYPE} "
               f"LEFT JOIN quad lb ON lb.s = cand.e AND lb.p = {LABEL} ")
        sql += optional("ac", ACTOR, "actor") + optional("tg", TARGET, "target") + optional("pl", PLACE, "place")
        sql += (f"LEFT JOIN quad ts ON ts.s = cand.e AND ts.p = {TIMESTAMP} "
                f"LEFT JOIN quad bg ON bg.s = cand.e AND bg.p = {BEGIN} "
                "LEFT JOIN term dd ON dd.id = COALESCE(ts.o, bg.o) "
                "JOIN term ev ON ev.id = cand.e LEFT JOIN term ac_t ON ac_t.id = ac.o LEFT JOIN term tg_t ON tg_t.id = tg.o ")
        conditions = []
        if froms:
            sql += (f"LEFT JOIN quad en ON en.s = cand.e AND en.p = {END} "
                    "LEFT JOIN term last ON last.id = COALESCE(ts.o, en.o, bg.o) ")
            conditions.append("(" + " OR ".join(["last.value || '~' >= ?"] * len(froms)) + ")")
            args += froms
        if tos:
            conditions.append("(" + " OR ".join(["dd.value <= ? || '~'"] * len(tos)) + ")")
            args += tos
        if conditions:
            sql += "WHERE dd.value IS NOT NULL AND " + " AND ".join(conditions) + " "
        sql += "ORDER BY 1, 2, 3, 4"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._con.execute(sql, args).fetchall()


def _nulls_first(value: str | None) -> tuple[int, str]:
    return (0, "") if value is None else (1, value)


def _row_order(row: tuple) -> tuple:
    """The ORDER BY of a row of :meth:`EventIndex._rows` (SQLite's order: NULL first)."""
    return (_nulls_first(row[0]), row[1], _nulls_first(row[2]), _nulls_first(row[3]))


#: the status line of a generation without an index
NO_INDEX = ("off (this generation has none: made before the event index existed, or loaded without it; "
            "the next load with it indexes the whole store)")


def status(generation: Path) -> str:
    """One line for ``crimegraph stats``: whether queries can use the index of a
    generation, and why not."""
    index = EventIndex.open(generation)
    if index is None:
        return NO_INDEX
    with contextlib.closing(index._con):
        return index.status()
