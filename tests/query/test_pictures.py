"""The pictures of an entity as data and Vega-Lite specs (crimegraph.query.pictures):
aggregated, never one mark per event; nothing to draw is said, not drawn."""

from __future__ import annotations

from pathlib import Path

from crimegraph.query.pictures import entity_pictures, gather, iso_points, map_spec, network_spec, timeline_spec

BASE = "https://w3id.org/crimegraph/id/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
CG = "https://w3id.org/crimegraph/ontology#"
SCHEMA = "http://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
G = "<https://example.org/graph/test>"


def _store(tmp_path: Path, lines: list[str]):
    from crimegraph.store import LocalStore, rdf_source

    data = tmp_path / "data.nq"
    data.write_text("".join(line + " " + G + " .\n" for line in lines), encoding="utf-8")
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(data)])
    return store


def _run(store):
    from crimegraph.query import execute

    return lambda name, params: execute(store, name, dict(params))[0]


def test_a_place_with_twenty_thousand_events_is_one_point(tmp_path: Path) -> None:
    town = f"<{BASE}place/town>"
    lines = [f"{town} <{SCHEMA}geo> <{BASE}place/town#c>", f"<{BASE}place/town#c> <{SCHEMA}latitude> \"24.8\"^^<{XSD}decimal>",
             f"<{BASE}place/town#c> <{SCHEMA}longitude> \"-107.4\"^^<{XSD}decimal>", f"{town} <http://www.w3.org/2000/01/rdf-schema#label> \"Town\""]
    for i in range(20_000):
        e = f"<{BASE}event/e{i}>"
        lines += [f"{e} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SEM}Event>", f"{e} <{SEM}eventType> <https://w3id.org/crimegraph/event-type/killing>",
                  f"{e} <{SEM}hasPlace> {town}", f"{e} <{CG}fatalities> \"1\"^^<{XSD}integer>",
                  f"{e} <{SEM}hasTimeStamp> \"2020-{1 + i % 12:02d}-01\"^^<{XSD}date>"]
    store = _store(tmp_path, lines)
    p = gather(f"{BASE}place/town", _run(store), store.query)
    assert p.events == 20_000 and len(p.places) == 1
    assert (p.places[0].events, p.places[0].deaths, p.places[0].approximate) == (20_000, 20_000, False)
    assert len(p.months) == 12 and sum(b.events for b in p.months) == 20_000
    spec = map_spec(p)
    assert len(spec["layer"][-1]["data"]["values"]) == 1  # one mark, not 20,000
    assert network_spec(p) is None  # no participants: said by the page, not drawn


def test_places_without_coordinates_fall_back_to_their_state(tmp_path: Path) -> None:
    state, town = f"<{BASE}place/mx-sin>", f"<{BASE}place/somewhere>"
    lines = [f"{state} <{CG}iso3166Code> \"MX-SIN\"", f"{town} <{SCHEMA}containedInPlace> {state}",
             f"<{BASE}event/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SEM}Event>",
             f"<{BASE}event/a> <{SEM}eventType> <https://w3id.org/crimegraph/event-type/arrest>",
             f"<{BASE}event/a> <{SEM}hasPlace> {town}", f"<{BASE}event/a> <{SEM}hasTimeStamp> \"2019\"^^<{XSD}gYear>",
             f"<{BASE}event/a> <{SEM}hasActor> <{BASE}organization/x>", f"<{BASE}event/a> <{SEM}hasActor> <{BASE}person/y>",
             f"<{BASE}person/y> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SCHEMA}Person>"]
    store = _store(tmp_path, lines)
    p = gather(f"{BASE}organization/x", _run(store), store.query)
    lat, lon = iso_points()["MX-SIN"]
    assert [(pt.latitude, pt.longitude, pt.approximate) for pt in p.places] == [(lat, lon, True)]
    assert timeline_spec(p) is None and p.year_only == 1  # a year is no month: said, not drawn
    net = network_spec(p, lambda e: f"/edge/{e.events}")
    edges, nodes = net["layer"][0]["data"]["values"], net["layer"][1]["data"]["values"]
    assert len(edges) == 1 and edges[0]["href"] == "/edge/1" and edges[0]["type"] == "arrest"
    assert {n["kind"] for n in nodes} == {"organization", "person"} and [n["center"] for n in nodes].count(True) == 1


def test_notebook_specs_carry_the_base_map_inline(tmp_path: Path, example_nquads: Path) -> None:
    from crimegraph.store import LocalStore, rdf_source

    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(example_nquads)])
    pictures = entity_pictures(store, f"{BASE}organization/unodc")
    countries = pictures["map"]["layer"][0]["data"]
    assert countries["format"]["type"] == "topojson" and "objects" in countries["values"]
    assert entity_pictures(store, f"{BASE}organization/unodc", basemap="none")["map"]["layer"][0]["name"] == "places"
    import altair  # in the test extra; for users the `notebooks` extra

    assert altair.LayerChart.from_dict(pictures["network"]).to_dict()["layer"]


def test_a_query_result_gets_the_pictures_its_columns_call_for() -> None:
    import pyoxigraph as ox

    from crimegraph.query.pictures import result_pictures
    from crimegraph.store import QueryResult

    xsd = "http://www.w3.org/2001/XMLSchema#"
    rows = [{"name": ox.Literal(f"town {i % 3}"), "lat": ox.Literal(str(20 + i % 3), datatype=ox.NamedNode(xsd + "decimal")),
             "long": ox.Literal(str(-100 - i % 3), datatype=ox.NamedNode(xsd + "decimal")),
             "date": ox.Literal(f"2020-0{1 + i % 2}-15", datatype=ox.NamedNode(xsd + "date"))} for i in range(9)]
    pictures = result_pictures(QueryResult(kind="select", variables=["name", "lat", "long", "date"], solutions=rows))
    assert len(pictures["map"]["layer"][-1]["data"]["values"]) == 3  # 9 rows at 3 points
    assert sum(v["rows"] for v in pictures["timeline"]["data"]["values"]) == 9 and pictures["network"] is None
    org = "https://w3id.org/crimegraph/id/organization/"
    pairs = [{"source": ox.NamedNode(org + a), "target": ox.NamedNode(org + b), "articles": ox.Literal(str(n), datatype=ox.NamedNode(xsd + "integer"))}
             for a, b, n in (("a", "b", 3), ("a", "c", 1), ("b", "c", 2))]
    net = result_pictures(QueryResult(kind="select", variables=["source", "target", "articles"], solutions=pairs))["network"]
    assert sorted(e["events"] for e in net["layer"][0]["data"]["values"]) == [1, 2, 3] and "weight: articles" in net["title"]
    assert result_pictures(QueryResult(kind="select", variables=["x"], solutions=[{"x": ox.Literal("plain")}])) == \
        {"map": None, "timeline": None, "network": None}
