"""Date ranges through the year key (cg:year): what the builder writes, that a closed
range answers exactly as the date filters alone do, how the start is chosen, and data
that lacks the key."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import crimegraph.query as q
import crimegraph.query.plan as plan
from crimegraph.errors import QueryError
from crimegraph.query.catalog import MAX_YEARS, parse_catalog_file
from crimegraph.query.params import date_term
from crimegraph.resources import resource
from crimegraph.store import LocalStore, rdf_source
from crimegraph.vocab import CG
from tests.conftest import EXTRA_ARTICLE, EXTRA_EVENTS, convert_records

ID = "https://w3id.org/crimegraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Events whose dates and places make the edge cases: partial dates, begin/end ranges
#: across a new year, a timestamp and a begin, no date, only an end, places two levels
#: deep (Culiacán is in Sinaloa, which is in Mexico).
DATED_EVENTS = [
    {"type": "event", "id": "d-cross-year", "event_type": "clash", "start": "2011-12-28", "end": "2012-01-03",
     "place": "Culiacán", "actors": ["Sinaloa Cartel"]},
    {"type": "event", "id": "d-year", "event_type": "arrest", "date": "2012", "place": "Sinaloa",
     "actors": ["Ministry of Public Security"], "targets": ["zetas"]},
    {"type": "event", "id": "d-month", "event_type": "arrest", "date": "2012-12", "place": "Nuevo Laredo", "targets": ["zetas"]},
    {"type": "event", "id": "d-multi-year", "event_type": "trafficking", "start": "2010-06", "end": "2013",
     "place": "Mexico", "actors": ["zetas"]},
    {"type": "event", "id": "d-both", "event_type": "killing", "date": "2013-01-01", "start": "2012-12-30",
     "place": "Culiacán", "actors": ["Sinaloa Cartel"]},
    {"type": "event", "id": "d-undated", "event_type": "seizure", "place": "Culiacán", "actors": ["Ministry of Public Security"]},
    {"type": "event", "id": "d-start-only", "event_type": "attack", "start": "2016-02-29", "place": "Nuevo Laredo", "actors": ["zetas"]},
    {"type": "event", "id": "d-end-only", "event_type": "attack", "end": "2015-05", "place": "Nuevo Laredo", "actors": ["zetas"]},
    {"type": "event", "id": "d-old", "event_type": "killing", "date": "0999-03", "place": "Mexico"},
    {"type": "event", "id": "d-no-place", "event_type": "threat", "date": "2012-10-16", "actors": ["Sinaloa Cartel"]},
]

RANGES = [
    ("2012", "2012"), ("2012-06", "2012-06"), ("2012-12-31", "2013-01"), ("2011-12", "2011-12"), ("2012-01", "2012-01"),
    ("2012-12-30", "2012-12-31"), ("2013", "2013-01-01"), ("2010", "2011"), ("2011", "2010"), ("2012-06", "2012-03"),
    ("2016-02-29", "2016-02-29"), ("2015", "2015"), ("0999", "1000"), ("1990", "2023"), ("2019-10-17", "2020-02"),
]
PLACES = [None, "Mexico", "Sinaloa", "Culiacán", "Nuevo Laredo", "Central America"]


@pytest.fixture(scope="module")
def dated_nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert_records([EXTRA_ARTICLE, *EXTRA_EVENTS, *DATED_EVENTS], tmp_path_factory.mktemp("dated") / "dated.nq")


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory: pytest.TempPathFactory, dated_nquads: Path) -> LocalStore:
    store = LocalStore(tmp_path_factory.mktemp("dated-store") / "store", create=True)
    store.load([rdf_source(dated_nquads)])
    return store


def event(key: str) -> str:
    return f"{ID}event/{key}"


def _by_id(iri: str) -> str:
    """An event record's IRI without the digest of what it says (docs/identity.md): its id."""
    return re.sub(r"-[0-9a-f]{12}$", "", iri)


def events(rows: list[dict]) -> set[str]:
    return {_by_id(r["event"]).removeprefix(f"{ID}event/") for r in rows}


def year_keys(path: Path) -> dict[str, list[int]]:
    keys: dict[str, list[int]] = {}
    year = ox.NamedNode(str(CG.year))
    for quad in (quad for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS) if quad.predicate == year):
        assert quad.object.datatype == ox.NamedNode(XSD + "integer")
        keys.setdefault(_by_id(quad.subject.value), []).append(int(quad.object.value))
    return {event: sorted(years) for event, years in keys.items()}


def uses_year_key(text: str) -> bool:
    """The prepared query starts from the year key (its ``#if year`` line was kept)."""
    return re.search(r"^\s*\?event cg:year \?year \.\s+#if year$", text, re.M) is not None


def same(a: list[dict], b: list[dict]) -> bool:
    """The same rows (in any order: rows that tie in ORDER BY may come in either order)."""
    return sorted(map(repr, a)) == sorted(map(repr, b))


def rows_with(store: LocalStore, name: str, params: dict, monkeypatch: pytest.MonkeyPatch, years: bool | None) -> list[dict]:
    """The query's rows with the year key forced on (True), off (False) or chosen by the
    probes (None); checks that the prepared text uses the key as asked."""
    with monkeypatch.context() as m:
        if years is False:
            m.setattr(q, "derived_bindings", lambda *args: {})
        elif years is True:
            m.setattr(plan, "smallest_start", lambda *args: True)
        prepared = q.prepare(store, name, params)
        if years is not None:
            assert uses_year_key(prepared.text) is years, prepared.text
        return store.query(prepared.text).rows()


# ----------------------------------------------------------------- the builder


def test_every_dated_event_gets_the_year_of_its_date(dated_nquads: Path) -> None:
    keys = year_keys(dated_nquads)
    assert keys[event("d-year")] == [2012]                   # xsd:gYear
    assert keys[event("d-month")] == [2012]                  # xsd:gYearMonth
    assert keys[event("test-clash-culiacan")] == [2019]      # xsd:date
    assert keys[event("d-cross-year")] == [2011, 2012]       # begin and end: every year of the span
    assert keys[event("d-multi-year")] == [2010, 2011, 2012, 2013]
    assert keys[event("d-both")] == [2013]                   # a timestamp wins over a begin
    assert keys[event("d-start-only")] == [2016]
    assert keys[event("d-old")] == [999]
    assert event("d-undated") not in keys
    assert event("d-end-only") not in keys                   # an end alone is no date (the queries agree)


def test_ucdp_events_get_the_year_of_their_start(ucdp_converted: tuple[Path, object]) -> None:
    path, _ = ucdp_converted
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    mismatched = store.query(
        "PREFIX cg: <https://w3id.org/crimegraph/ontology#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        "SELECT (COUNT(*) AS ?n) (SUM(IF(STR(?year) = SUBSTR(STR(?begin), 1, 4), 0, 1)) AS ?wrong) "
        "WHERE { GRAPH ?g { ?e a sem:Event . OPTIONAL { ?e sem:hasBeginTimeStamp ?begin } OPTIONAL { ?e cg:year ?year } } }"
    )
    solution = next(iter(mismatched))
    assert int(solution["n"].value) == 18_957 and int(solution["wrong"].value) == 0


# ----------------------------------------------------------------- same answers


@pytest.mark.parametrize("name", ["who-did-what-where", "timeline-of-place", "groups-in-place"])
def test_a_closed_range_answers_the_same_with_and_without_the_year_key(
    dated_store: LocalStore, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    compared = 0
    for (start, end), place in itertools.product(RANGES, PLACES):
        if place is None and name != "who-did-what-where":
            continue
        params = {"from": start, "to": end} | ({"place": place} if place else {})
        without = rows_with(dated_store, name, params, monkeypatch, years=False)
        with_key = rows_with(dated_store, name, params, monkeypatch, years=True)
        chosen = rows_with(dated_store, name, params, monkeypatch, years=None)
        assert same(with_key, without) and same(chosen, without), (name, params)
        compared += bool(without)
    assert compared >= 20  # the grid finds something most of the time


def test_same_answers_with_type_actor_target_and_several_values(dated_store: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, params in [
        ("who-did-what-where", {"place": "Mexico", "type": "arrest", "from": "2012", "to": "2020"}),
        ("timeline-of-place", {"place": "Mexico", "type": "arrest", "from": "2012", "to": "2020"}),
        ("who-did-what-where", {"actor": "Sinaloa Cartel", "from": "2011-12", "to": "2013-01"}),
        ("who-did-what-where", {"target": "Los Zetas", "place": "Mexico", "from": "2012-12", "to": "2020-02"}),
        ("who-did-what-where", {"place": ["Sinaloa", "Tamaulipas"], "from": ["2019", "2012"], "to": ["2012-12", "2020"]}),
        ("groups-in-place", {"place": ["Sinaloa", "Tamaulipas"], "from": ["2019", "2012"], "to": ["2012-12", "2020"]}),
    ]:
        without = rows_with(dated_store, name, params, monkeypatch, years=False)
        assert without, (name, params)
        assert same(rows_with(dated_store, name, params, monkeypatch, years=True), without), (name, params)


def test_partial_dates_overlapping_a_closed_range(dated_store: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def found(**params: str) -> set[str]:
        return events(rows_with(dated_store, "who-did-what-where", params, monkeypatch, years=True))

    # dated 2012 (a year): overlaps any part of 2012; Sinaloa is in Mexico
    assert "d-year" in found(place="Mexico", **{"from": "2012-06", "to": "2012-06"})
    # dated 2012-12 (a month): overlaps a range from its last day into the next year
    assert "d-month" in found(**{"from": "2012-12-31", "to": "2013-01"})
    assert "d-month" not in found(**{"from": "2013-01-01", "to": "2013-12"})
    # begin 2011-12-28, end 2012-01-03, in Culiacán (two levels below Mexico): found in
    # any range its span overlaps, in either year, and in no other
    assert "d-cross-year" in found(place="Mexico", **{"from": "2011-12", "to": "2011-12"})
    assert "d-cross-year" in found(place="Mexico", **{"from": "2012-01", "to": "2012-01"})
    assert "d-cross-year" in found(place="Mexico", **{"from": "2012-01-03", "to": "2012-06"})
    assert "d-cross-year" not in found(place="Mexico", **{"from": "2012-01-04", "to": "2012-06"})
    assert "d-cross-year" not in found(place="Mexico", **{"from": "2011-06", "to": "2011-12-27"})
    # begin 2010-06, end 2013: any range in 2011 lies inside the span
    assert "d-multi-year" in found(**{"from": "2011-03", "to": "2011-04"})
    assert "d-multi-year" not in found(**{"from": "2014", "to": "2015"})
    # timestamp 2013-01-01 and begin 2012-12-30: the timestamp is its date
    assert "d-both" in found(place="Sinaloa", **{"from": "2013", "to": "2013"})
    assert "d-both" not in found(place="Sinaloa", **{"from": "2012-12", "to": "2012-12"})
    # an event with only an end, or none, has no date and no range finds it
    assert not {"d-end-only", "d-undated"} & found(**{"from": "1990", "to": "2030"})
    assert "d-old" in found(**{"from": "0999", "to": "0999"})


def test_a_place_two_levels_deep_counts_for_the_country(dated_store: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = rows_with(dated_store, "groups-in-place", {"place": "Mexico", "from": "2011", "to": "2013"}, monkeypatch, years=True)
    sinaloa = {r["groupName"]: r for r in rows}["Sinaloa Cartel"]
    assert sinaloa["events"] == 2 and sinaloa["first"] == "2011-12-28" and sinaloa["last"] == "2013-01-01"
    timeline = rows_with(dated_store, "timeline-of-place", {"place": "Mexico", "from": "2011", "to": "2013"}, monkeypatch, years=True)
    assert {"d-cross-year", "d-both", "d-year", "d-month", "d-multi-year"} <= events(timeline)  # 2010-06 to 2013 overlaps


# ----------------------------------------------------------------- choosing the start


def test_the_years_are_bound_only_when_they_are_the_smaller_start(dated_store: LocalStore) -> None:
    def uses_years(name: str, **params: str) -> bool:
        return uses_year_key(q.prepare(dated_store, name, params).text)

    assert uses_years("who-did-what-where", **{"from": "2012", "to": "2012"})            # nothing else to start from
    assert uses_years("who-did-what-where", place="Mexico", **{"from": "2012", "to": "2012"})
    # one UNODC event in all, many events in the years: the actor is the start
    assert not uses_years("who-did-what-where", actor="UNODC", **{"from": "1990", "to": "2023"})
    # a few events in Guatemala, many in the years: the country is the start
    assert not uses_years("timeline-of-place", place="Guatemala", **{"from": "1990", "to": "2023"})
    assert uses_years("groups-in-place", place="Mexico", **{"from": "2016", "to": "2016"})
    # open or too wide ranges never use the key
    assert not uses_years("who-did-what-where", **{"from": "2012"})
    assert not uses_years("who-did-what-where", **{"from": "1000", "to": str(1000 + MAX_YEARS)})
    assert uses_years("who-did-what-where", **{"from": "1000", "to": str(1000 + MAX_YEARS - 1)})


def test_year_range_of_several_values() -> None:
    starts = [date_term("2019", "from"), date_term("2012-10", "from")]
    ends = [date_term("2013-01-05", "to"), date_term("2014", "to")]
    assert [y.value for y in plan.year_range(starts, ends)] == ["2012", "2013", "2014"]
    assert [y.value for y in plan.year_range([date_term("2014", "from")], [date_term("2012", "to")])] == ["2014"]


def test_malformed_derive_and_count_lines_are_refused(tmp_path: Path) -> None:
    head = "# title: T\n# param: from date optional - a\n# param: to date optional - b\n# param: who entity optional - c\n"
    body = "SELECT ?x WHERE { ?x ?p ?o }\n"
    for line, message in [
        ("# derive: year = decades(from, to)\n", "malformed derive line"),
        ("# derive: year = years(from, who)\n", "'who' is not a date parameter"),
        ("# count: nobody = ?e ?p ?nobody\n", "count nobody: not a parameter"),
        ("# count: who\n", "malformed count line"),
    ]:
        path = tmp_path / "q.rq"
        path.write_text(head + line + body)
        with pytest.raises(QueryError, match=message):
            parse_catalog_file(path)


# ----------------------------------------------------------------- data without the key


def test_data_without_the_key_needs_it_for_closed_ranges(dated_nquads: Path, tmp_path: Path) -> None:
    keyless = tmp_path / "keyless.nq"
    year = f"<{CG.year}>"
    keyless.write_text("".join(line for line in dated_nquads.read_text().splitlines(keepends=True) if f" {year} " not in line))
    store = LocalStore(tmp_path / "keyless", create=True)
    store.load([rdf_source(keyless)])
    closed = {"from": "2012-12", "to": "2012-12"}
    assert events(q.run(store, "who-did-what-where", **{"from": "2012-12"})) >= {"d-month", "d-both"}
    assert events(q.run(store, "who-did-what-where", **closed)) == set()   # the documented requirement

    # queries/add-year-keys.ru adds the keys convert writes, to data on an endpoint
    dataset = ox.Store()
    dataset.bulk_load(path=str(keyless), format=ox.RdfFormat.N_QUADS)
    dataset.update(resource("queries", "add-year-keys.ru").read_text(encoding="utf-8"))
    repaired = tmp_path / "repaired.nq"
    dataset.dump(output=str(repaired), format=ox.RdfFormat.N_QUADS)
    assert year_keys(repaired) == year_keys(dated_nquads)
    again = LocalStore(tmp_path / "repaired", create=True)
    again.load([rdf_source(repaired)])
    assert events(q.run(again, "who-did-what-where", **closed)) == {"d-month", "d-year", "d-multi-year"}


def test_the_catalog_cases_with_closed_ranges_start_from_the_year_key(loaded_store: LocalStore) -> None:
    """So that tests/test_remote.py compares Virtuoso's answers on the key's path too."""
    from tests.conftest import CATALOG_CASES

    closed = [(name, params) for name, params in CATALOG_CASES if "from" in params and "to" in params]
    assert len(closed) >= 4
    for name, params in closed:
        assert uses_year_key(q.prepare(loaded_store, name, params).text), (name, params)
