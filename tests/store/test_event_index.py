"""The event index of a local store (crimegraph.store.event_index): who-did-what-where
answered from it gives the rows its SPARQL text gives, for every combination of filters
on edge-case data and on the real UCDP data; it follows loads (graphs replaced, merged,
failed loads); it switches itself off for data it cannot answer exactly; a store made
before it still answers, and indexes itself on its next load."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

import crimegraph.query as q
from crimegraph.errors import InputError
from crimegraph.store import LocalStore, QueryTimeout, event_index, rdf_source
from tests.conftest import EXTRA_ARTICLE, EXTRA_EVENTS, convert_records
from tests.query.test_query_dates import DATED_EVENTS, PLACES, RANGES

ID = "https://w3id.org/crimegraph/id/"
CG = "https://w3id.org/crimegraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SORT_KEYS = ("date", "event", "actor", "target")


def rows_of(result: q.QueryResult) -> list[tuple]:
    return [tuple(None if s[v] is None else str(s[v]) for v in result.variables) for s in result.solutions]


def same_answer(store: LocalStore, params: dict, limit: int | None = None) -> tuple[int, bool]:
    """Run the query both ways and compare: the same rows, and the same order of the
    ORDER BY keys (rows that tie on them may come in any order); (rows, index used)."""
    by_sparql, prepared = q.execute(store, "who-did-what-where", params, limit=limit, use_index=False)
    used = store.answer_catalog("who-did-what-where", prepared.bindings, prepared.limit) is not None
    by_index, _ = q.execute(store, "who-did-what-where", params, limit=limit)
    assert by_index.variables == by_sparql.variables
    a, b = rows_of(by_sparql), rows_of(by_index)
    keys = [by_sparql.variables.index(k) for k in SORT_KEYS]
    assert [tuple(r[k] for k in keys) for r in b] == [tuple(r[k] for k in keys) for r in a], params
    if limit is None or len(a) < limit:
        assert sorted(b, key=repr) == sorted(a, key=repr), params
    # the terms themselves, not only their text
    assert sorted(map(repr, by_index.solutions)) == sorted(map(repr, by_sparql.solutions)) or limit is not None
    return len(a), used


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    nquads = convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS, *DATED_EVENTS], tmp_path_factory.mktemp("dated") / "dated.nq")
    store = LocalStore(tmp_path_factory.mktemp("index-store") / "store", create=True)
    store.load([rdf_source(nquads)])
    return store


def test_every_filter_combination_answers_like_sparql(dated_store: LocalStore) -> None:
    assert event_index.status(dated_store._published()) == "on"
    ranges = [(None, None), ("2012", None), (None, "2012-06"), *RANGES]
    combos = itertools.product(PLACES, ranges, [None, "Sinaloa Cartel", "zetas"], [None, "zetas"], [None, "arrest", "attack"])
    total = used = 0
    for place, (start, end), actor, target, kind in combos:
        params = {k: v for k, v in {"place": place, "from": start, "to": end, "actor": actor, "target": target,
                                    "type": kind}.items() if v is not None}
        n, by_index = same_answer(dated_store, params)
        total += n
        used += by_index
    assert used == 6 * 18 * 3 * 2 * 3  # the index answered every one
    assert total > 500  # and they are not all empty


def test_several_values_names_matching_nothing_and_limits(dated_store: LocalStore) -> None:
    same_answer(dated_store, {"place": ["Culiacán", "Nuevo Laredo"], "from": ["2012", "2015"], "to": "2016"})
    same_answer(dated_store, {"actor": ["Sinaloa Cartel", "zetas"], "type": ["attack", "killing"]})
    same_answer(dated_store, {"actor": "nobody of that name"})
    same_answer(dated_store, {"place": f"<{ID}place/nowhere>"})
    for limit in (0, 1, 3, 1000):
        same_answer(dated_store, {}, limit=limit)
        same_answer(dated_store, {"place": "Mexico"}, limit=limit)


def test_the_first_rows_of_a_limit_taken_event_by_event_answer_like_sparql(dated_store: LocalStore, monkeypatch) -> None:
    """With a LIMIT and no filter that narrows the search, the index walks the events in
    the order of the ORDER BY; made to do so for every filter, a batch at a time."""
    monkeypatch.setattr(event_index.EventIndex, "_PROBE_CAP", 1)
    monkeypatch.setattr(event_index.EventIndex, "_FIRST_BATCH", 1)
    dated_store.close()  # a fresh EventIndex (the attributes are read per call anyway)
    for place, actor, kind in itertools.product(PLACES, [None, "Sinaloa Cartel", "zetas"], [None, "attack"]):
        params = {k: v for k, v in {"place": place, "actor": actor, "type": kind}.items() if v is not None}
        for limit in (1, 2, 4, 7):
            same_answer(dated_store, params, limit=limit)


def test_the_real_ucdp_data_answers_like_sparql(ucdp_converted, tmp_path: Path) -> None:
    path, _ = ucdp_converted
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(path)])
    places = [None, "Mexico", "Sinaloa", "Culiacán", "Tamaulipas"]
    ranges = [(None, None), ("2010", "2011"), ("2019-10", "2019-10"), ("2008-03-15", "2008-04-02"), ("2018", None)]
    actors = [None, "Sinaloa Cartel", "Los Zetas"]
    seen = 0
    for place, (start, end), actor in itertools.product(places, ranges, actors):
        if place in (None, "Mexico") and end is None and actor is None:
            continue  # thousands of events: slow as SPARQL; the limit below covers them
        params = {k: v for k, v in {"place": place, "from": start, "to": end, "actor": actor}.items() if v is not None}
        n, used = same_answer(store, params)
        assert used
        seen += n
    assert seen > 1000
    same_answer(store, {}, limit=50)
    same_answer(store, {"type": "clash"}, limit=20)
    with pytest.raises(QueryTimeout):  # the index keeps to the query's time limit
        q.execute(store, "who-did-what-where", {"place": "Mexico"}, timeout=1e-6)


def index_rows(generation: Path) -> list[tuple]:
    return decoded(generation / event_index.FILE)


def decoded(path: Path) -> list[tuple]:
    """The quads and the event order of an index file as text (term ids differ between files)."""
    with sqlite3.connect(path) as con:
        quads = sorted(con.execute(
            "SELECT s.value, q.p, o.value, o.dt, o.lang, g.value FROM quad q JOIN term s ON s.id = q.s "
            "JOIN term o ON o.id = q.o JOIN term g ON g.id = q.g").fetchall())
        order = con.execute("SELECT e.iri, e.date FROM event_order e JOIN term t ON t.id = e.e AND t.value = e.iri "
                            "ORDER BY e.date, e.iri").fetchall()
    assert order, "every index here has events"
    return quads + order


def test_loads_keep_the_index_equal_to_one_built_from_the_store(tmp_path: Path) -> None:
    """Article graphs replaced, entity graphs merged, a failed load: after each, the
    index is the one a full build from the published store gives."""
    first = convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path / "first.nq")
    changed_events = [dict(e, place="Sinaloa", label=f"{e.get('label', e['id'])} (revised)") for e in EXTRA_EVENTS]
    second = convert_records([EXTRA_ARTICLE, *changed_events, *DATED_EVENTS], tmp_path / "second.nq")
    store = LocalStore(tmp_path / "store", create=True)

    def check() -> None:
        generation = store._published()
        rebuilt = tmp_path / "rebuilt.sqlite"
        rebuilt.unlink(missing_ok=True)
        event_index.build(store.db, rebuilt, tmp_path / "scratch.sqlite")
        assert index_rows(generation) == decoded(rebuilt)

    store.load([rdf_source(first)])
    check()
    store.load([rdf_source(second)])
    check()
    before = index_rows(store._published())
    bad = tmp_path / "bad.nq"
    bad.write_text(second.read_text() + "<a> <b> .\n")
    with pytest.raises(InputError):
        store.load([rdf_source(bad)])
    assert index_rows(store._published()) == before
    assert not list(store.path.glob(".index-*")), "the scratch file of the failed load is gone"
    same_answer(store, {"place": "Sinaloa"})


def test_data_it_cannot_answer_exactly_switches_it_off(tmp_path: Path) -> None:
    nquads = convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path / "a.nq")
    odd = tmp_path / "odd.nq"
    event = f"<{ID}event/odd>"
    odd.write_text(
        f'{event} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://semanticweb.cs.vu.nl/2009/11/sem/Event> .\n'
        f'{event} <http://semanticweb.cs.vu.nl/2009/11/sem/eventType> <https://w3id.org/crimegraph/event-type/arrest> .\n'
        f'{event} <{CG}year> "02019"^^<{XSD}integer> .\n'
        f'{event} <http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp> "2019-10-17"^^<{XSD}date> .\n')
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(nquads), rdf_source(odd)])
    status = event_index.status(store._published())
    assert status.startswith("off:") and "02019" in status
    n, used = same_answer(store, {"from": "2019", "to": "2019"})
    assert not used and n >= 1  # SPARQL answered: pyoxigraph reads the year as 2019


def test_a_store_made_before_the_index_answers_and_indexes_itself_on_the_next_load(tmp_path: Path) -> None:
    nquads = convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path / "a.nq")
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(nquads)])
    (store._published() / event_index.FILE).unlink()
    store.close()
    assert event_index.status(store._published()).startswith("off (this generation has none")
    n, used = same_answer(store, {"place": "Mexico"})
    assert not used and n > 0
    more = convert_records(DATED_EVENTS, tmp_path / "more.nq")
    store.load([rdf_source(more)])
    assert event_index.status(store._published()) == "on"
    n, used = same_answer(store, {"place": "Mexico"})
    assert used and n > 3


def test_replacing_the_graph_that_switched_it_off_switches_it_on_again(tmp_path: Path) -> None:
    graph = f"<{ID}graph/article/odd-one>"
    event = f"<{ID}event/odd-one>"
    types = (f"{event} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://semanticweb.cs.vu.nl/2009/11/sem/Event> {graph} .\n"
             f"{event} <http://semanticweb.cs.vu.nl/2009/11/sem/eventType> <https://w3id.org/crimegraph/event-type/arrest> {graph} .\n")
    odd, fixed = tmp_path / "odd.nq", tmp_path / "fixed.nq"
    odd.write_text(types + "".join(f'{event} <{CG}actor> "someone {i}" {graph} .\n' for i in range(150)))
    fixed.write_text(types + f"{event} <{CG}actor> <{ID}org/someone> {graph} .\n")
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(odd)])
    assert "a literal is an actor or target" in event_index.status(store._published())
    store.load([rdf_source(fixed)])
    assert event_index.status(store._published()) == "on"
    n, used = same_answer(store, {"type": "arrest"})
    assert used and n == 1


def test_the_cli_says_when_the_index_answered_and_can_run_the_sparql_instead(dated_store: LocalStore) -> None:
    from typer.testing import CliRunner

    from crimegraph.cli import app

    runner = CliRunner()
    args = ["query", "who-did-what-where", "--store", str(dated_store.path), "-p", "place=Mexico", "-p", "from=2012",
            "-p", "to=2013", "-f", "csv", "--show-query"]
    by_index = runner.invoke(app, args)
    by_sparql = runner.invoke(app, [*args, "--no-index"])
    assert by_index.exit_code == 0 and by_sparql.exit_code == 0, by_index.stderr + by_sparql.stderr
    assert "# answered from the store's event index" in by_index.stderr
    assert "event index" not in by_sparql.stderr and "SELECT DISTINCT" in by_sparql.stderr
    assert by_index.stdout == by_sparql.stdout and by_index.stdout.count("\n") > 5
    stats = runner.invoke(app, ["stats", "--store", str(dated_store.path)])
    assert stats.exit_code == 0 and "event index  on" in stats.stdout


def test_an_index_of_another_version_is_not_used_and_is_rebuilt_on_the_next_load(tmp_path: Path) -> None:
    nquads = convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path / "a.nq")
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(nquads)])
    with sqlite3.connect(store._published() / event_index.FILE) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
        con.execute("DELETE FROM event_order")  # what an older index may lack
    store.close()
    assert event_index.status(store._published()) == f"off: index version 0 is not {event_index.VERSION}"
    n, used = same_answer(store, {}, limit=5)
    assert not used and n == 5
    store.load([rdf_source(convert_records(DATED_EVENTS, tmp_path / "more.nq"))])
    assert event_index.status(store._published()) == "on"
    n, used = same_answer(store, {}, limit=5)
    assert used and n == 5


def test_a_load_without_the_index_publishes_none_and_the_next_load_with_it_indexes_everything(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", create=True, index_events=False)
    store.load([rdf_source(convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path / "a.nq"))])
    assert not (store._published() / event_index.FILE).exists()
    n, used = same_answer(store, {"place": "Mexico"})
    assert not used and n > 0
    store = LocalStore(tmp_path / "store")
    store.load([rdf_source(convert_records(DATED_EVENTS, tmp_path / "more.nq"))])
    assert event_index.status(store._published()) == "on"
    n, used = same_answer(store, {"place": "Mexico"})
    assert used and n > 3


def test_a_damaged_index_file_is_not_used_and_the_next_load_writes_a_new_one(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS], tmp_path / "a.nq"))])
    index = store._published() / event_index.FILE
    data = index.read_bytes()
    index.write_bytes(data[:4096] + bytes(len(data) - 4096))  # the header kept, every page after it zeroed
    store.close()
    assert "cannot be read" in event_index.status(store._published())
    n, used = same_answer(store, {"place": "Mexico"})
    assert not used and n > 0
    store.load([rdf_source(convert_records(DATED_EVENTS, tmp_path / "more.nq"))])
    assert event_index.status(store._published()) == "on"
    n, used = same_answer(store, {"place": "Mexico"})
    assert used and n > 3


def test_an_edited_query_text_switches_the_index_off_and_says_why(dated_store: LocalStore, tmp_path: Path, monkeypatch) -> None:
    """The index is bound to the text of queries/who-did-what-where.rq it was written
    for: a copy of the catalog with that file edited runs the edited SPARQL, in the
    Python API and the CLI, and stats and --show-query say why the index is off."""
    import shutil

    from typer.testing import CliRunner

    from crimegraph import resources
    from crimegraph.cli import app
    from crimegraph.query.catalog import catalog
    from crimegraph.store.accelerators import ACCELERATORS, checksum

    shipped = resources.resource("queries", "who-did-what-where.rq").read_text(encoding="utf-8")
    assert ACCELERATORS["who-did-what-where"] is event_index.ACCELERATOR
    assert checksum(shipped) == event_index.QUERY_SHA256  # the shipped text is the one it answers
    before, prepared = q.execute(dated_store, "who-did-what-where")
    assert prepared.answered_by == "the store's event index" and prepared.index_status is None
    dropped = before.solutions[0]["eventType"]
    # the edit: one more filter, which the index knows nothing of
    queries = tmp_path / "queries"
    shutil.copytree(resources.resource_dir("queries"), queries)
    edited = shipped.replace("\n}\nORDER BY", f"\n  FILTER (?eventType != <{dropped.value}>)\n}}\nORDER BY")
    assert edited != shipped
    (queries / "who-did-what-where.rq").write_text(edited, encoding="utf-8")
    real = resources.resource_dir
    monkeypatch.setattr(resources, "resource_dir", lambda kind: queries if kind == "queries" else real(kind))
    catalog.cache_clear()
    try:
        after, prepared = q.execute(dated_store, "who-did-what-where")
        assert prepared.answered_by is None
        assert prepared.index_status.startswith("off: queries/who-did-what-where.rq is not the text the store's event index was written for")
        assert "update its checksum" in prepared.index_status
        by_sparql, _ = q.execute(dated_store, "who-did-what-where", use_index=False)
        assert rows_of(after) == rows_of(by_sparql) and 0 < len(after.solutions) < len(before.solutions)
        assert all(row["eventType"] != dropped for row in after.solutions)
        assert len(q.run(dated_store, "who-did-what-where")) == len(after.solutions)
        assert dated_store.answer_catalog("who-did-what-where", prepared.bindings, None, text=edited) is None
        runner = CliRunner()
        shown = runner.invoke(app, ["query", "who-did-what-where", "--store", str(dated_store.path), "-f", "csv", "--show-query"])
        assert shown.exit_code == 0, shown.stderr
        assert "# run as SPARQL: the event index is off: queries/who-did-what-where.rq is not the text" in shown.stderr
        assert shown.stdout.count("\n") == len(after.solutions) + 1
        stats = runner.invoke(app, ["stats", "--store", str(dated_store.path)])
        assert stats.exit_code == 0 and "event index  off: queries/who-did-what-where.rq is not the text" in stats.stdout
    finally:
        monkeypatch.undo()
        catalog.cache_clear()
    assert dated_store.index_status() == "on"
