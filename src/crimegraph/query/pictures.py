"""Pictures of an entity, drawn from the graph: a map of its events, a timeline of them by
month and type, and the network of the organizations and people that share events with
it — as Vega-Lite specifications with their data inline, for the entity pages of
``crimegraph serve`` and for notebooks (Altair: ``altair.Chart.from_dict(spec)``).

The data come from two catalog queries, so that anyone can get them as a table too:
``entity-events`` (one row per event, place and reporting article; aggregated here into
places and months) and ``entity-network`` (the weighted, typed edges). Places are
aggregated — a country with 20,000 events is a few hundred points, never 20,000 marks.

>>> from crimegraph import convert
>>> from crimegraph.resources import resource_dir
>>> from crimegraph.store import LocalStore
>>> import tempfile
>>> examples = resource_dir("data") / "examples"
>>> with tempfile.TemporaryDirectory() as tmp:
...     store = LocalStore(tmp + "/store", create=True)
...     _ = store.load_quads(convert([examples / "seed-entities.yaml", examples / "seed-events.jsonl"]).quads)
...     pictures = entity_pictures(store, "https://w3id.org/crimegraph/id/organization/unodc")
>>> sorted(pictures)
['map', 'network', 'timeline']
>>> pictures["map"]["layer"][-1]["data"]["values"][0]["name"]  # Mexico, at its label point
'Mexico'
>>> pictures["timeline"]["mark"]["type"], pictures["network"]["layer"][0]["mark"]["type"]
('bar', 'rule')
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import RDFS

from crimegraph.store import QueryResult, Store
from crimegraph.store.sparql import bind_values
from crimegraph.vocab import CG, SCHEMA

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
#: The shipped base map, relative to the package's static files (see web/README.md).
STATIC = Path(__file__).resolve().parents[1] / "serve" / "static"  # files only: nothing of serve is imported
BASEMAP_FILES = {"countries": "vendor/vega/countries-50m.json", "states": "vendor/vega/states-latin-america.json"}

CatalogRunner = Callable[[str, Mapping[str, str]], QueryResult]
SparqlRunner = Callable[[str], QueryResult]

_PLACES = f"""
SELECT ?where (SAMPLE(?label) AS ?name) (SAMPLE(?la1) AS ?lat) (SAMPLE(?lo1) AS ?lon)
       (SAMPLE(?la2) AS ?upLat) (SAMPLE(?lo2) AS ?upLon) (SAMPLE(?iso1) AS ?iso) (SAMPLE(?iso2) AS ?upIso) WHERE {{
  OPTIONAL {{ ?where <{RDFS.label}> ?label }}
  OPTIONAL {{ ?where <{SCHEMA.geo}> ?g1 . ?g1 <{SCHEMA.latitude}> ?la1 ; <{SCHEMA.longitude}> ?lo1 }}
  OPTIONAL {{ ?where <{SCHEMA.containedInPlace}> ?up . ?up <{SCHEMA.geo}> ?g2 .
             ?g2 <{SCHEMA.latitude}> ?la2 ; <{SCHEMA.longitude}> ?lo2 }}
  OPTIONAL {{ ?where <{CG.iso3166Code}> ?iso1 }}
  OPTIONAL {{ ?where <{SCHEMA.containedInPlace}> ?up2 . ?up2 <{CG.iso3166Code}> ?iso2 }}
}}
GROUP BY ?where
"""


@cache
def iso_points() -> dict[str, tuple[float, float]]:
    """Where to draw a state or country that has no coordinates in the graph: Natural
    Earth's label point of each state in the shipped base map (ISO 3166-2), and for a
    country the mean of its states' (ISO 3166-1 alpha-2). Latin America and the
    Caribbean only, like the base map."""
    doc = json.loads((STATIC / BASEMAP_FILES["states"]).read_text(encoding="utf-8"))
    points: dict[str, tuple[float, float]] = {}
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for feature in doc["features"]:
        props = feature["properties"]
        lon, lat = props.get("label_point") or (None, None)
        if lon is None or lat is None:
            continue
        if props.get("iso_3166_2"):
            points[props["iso_3166_2"]] = (lat, lon)
        by_country[props["country"]].append((lat, lon))
    for country, pts in by_country.items():
        points[country] = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return points


@dataclass
class PlacePoint:
    iri: str
    name: str
    latitude: float
    longitude: float
    events: int
    deaths: int
    approximate: bool  # the place has no coordinates: drawn at its container's, or its state's or country's label point


@dataclass
class MonthBar:
    month: str  # YYYY-MM
    event_type: str
    events: int
    deaths: int
    articles: int


@dataclass
class Edge:
    source: str
    target: str
    event_type: str  # the type of most of their shared events
    events: int
    types: dict[str, int]


@dataclass
class Node:
    iri: str
    name: str
    kind: str  # organization | person | place (a country acting as a party)
    events: int = 0
    x: float = 0.0
    y: float = 0.0


@dataclass
class EntityPictures:
    """What the three pictures show, before they are specifications."""

    entity: str
    events: int = 0
    places: list[PlacePoint] = field(default_factory=list)
    unplaced: int = 0  # events with no place, or a place without coordinates
    months: list[MonthBar] = field(default_factory=list)
    undated: int = 0
    year_only: int = 0  # dated to a year only: no month to draw them in
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def type_name(iri: str) -> str:
    """``…/event-type/armed-clash`` → ``armed clash``."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("-", " ")


def _value(term: Any) -> str | None:
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else None


def _number(term: Any) -> float | None:
    try:
        return float(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


_KINDS = f"""
SELECT ?x (SAMPLE(?k) AS ?kind) WHERE {{
  OPTIONAL {{ ?x a ?type FILTER (?type IN (<{SCHEMA.Person}>, <{SCHEMA.Place}>)) }}
  BIND (IF(?type = <{SCHEMA.Person}>, "person", IF(?type = <{SCHEMA.Place}>, "place", "organization")) AS ?k)
}}
GROUP BY ?x
"""


def gather(entity: str, run_catalog: CatalogRunner, run_sparql: SparqlRunner, *, parallel: bool = False) -> EntityPictures:
    """Run the catalog queries for ``entity`` (an IRI) and aggregate their rows
    (``parallel``: the two catalog queries at once, for runners that can, such as the
    server's pool of query workers)."""
    pictures = EntityPictures(entity)
    if parallel:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as threads:
            network = threads.submit(run_catalog, "entity-network", {"entity": entity})
            rows = run_catalog("entity-events", {"entity": entity}).solutions
            network_rows = network.result().solutions
    else:
        rows = run_catalog("entity-events", {"entity": entity}).solutions
        network_rows = run_catalog("entity-network", {"entity": entity}).solutions
    per_event: dict[str, dict[str, Any]] = {}
    for row in rows:
        event = _value(row.get("event"))
        if event is None:
            continue
        info = per_event.setdefault(event, {"type": _value(row.get("eventType")) or "", "date": _value(row.get("date")),
                                            "deaths": 0, "where": set(), "articles": set()})
        deaths = _number(row.get("fatalities"))
        if deaths is not None:
            info["deaths"] = int(deaths)
        if (where := _value(row.get("where"))) is not None:
            info["where"].add(where)
        if (article := _value(row.get("article"))) is not None:
            info["articles"].add(article)
    pictures.events = len(per_event)
    _aggregate_places(pictures, per_event, run_sparql)
    _aggregate_months(pictures, per_event)
    _network(pictures, network_rows)
    if pictures.nodes:
        kinds = {_value(r.get("x")): _value(r.get("kind")) for r in
                 run_sparql(bind_values(_KINDS, {"x": [ox.NamedNode(n.iri) for n in pictures.nodes]})).solutions}
        for node in pictures.nodes:
            node.kind = kinds.get(node.iri) or node.kind
    return pictures


def _aggregate_places(pictures: EntityPictures, per_event: dict[str, dict[str, Any]], run_sparql: SparqlRunner) -> None:
    by_place: dict[str, list[str]] = defaultdict(list)
    for event, info in per_event.items():
        for where in sorted(info["where"])[:1]:  # an event is drawn once, at its first place
            by_place[where].append(event)
    located: dict[str, tuple[str, float, float, bool]] = {}
    places = sorted(by_place)
    for start in range(0, len(places), 2000):
        chunk = [ox.NamedNode(p) for p in places[start:start + 2000]]
        for row in run_sparql(bind_values(_PLACES, {"where": chunk})).solutions:
            iri = _value(row.get("where"))
            lat, lon = _number(row.get("lat")), _number(row.get("lon"))
            approximate = lat is None or lon is None
            if approximate:
                lat, lon = _number(row.get("upLat")), _number(row.get("upLon"))
            for code in (_value(row.get("iso")), _value(row.get("upIso"))):
                if (lat is None or lon is None) and code in iso_points():
                    lat, lon = iso_points()[code]
            if iri is not None and lat is not None and lon is not None:
                located[iri] = (_value(row.get("name")) or iri.rsplit("/", 1)[-1], lat, lon, approximate)
    placed = 0
    for where, events in by_place.items():
        if where not in located:
            continue
        name, lat, lon, approximate = located[where]
        deaths = sum(per_event[e]["deaths"] for e in events)
        pictures.places.append(PlacePoint(where, name, lat, lon, len(events), deaths, approximate))
        placed += len(events)
    pictures.places.sort(key=lambda p: (-p.events, p.iri))
    pictures.unplaced = len(per_event) - placed


def _aggregate_months(pictures: EntityPictures, per_event: dict[str, dict[str, Any]]) -> None:
    bars: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, info in per_event.items():
        date = info["date"] or ""
        if not date:
            pictures.undated += 1
        elif len(date) < 7 or date[4] != "-":
            pictures.year_only += 1
        else:
            bars[(date[:7], info["type"])].append(event)
    for (month, event_type), events in sorted(bars.items()):
        articles = set().union(*(per_event[e]["articles"] for e in events))
        pictures.months.append(MonthBar(month, event_type, len(events), sum(per_event[e]["deaths"] for e in events), len(articles)))


def _network(pictures: EntityPictures, rows: list[dict]) -> None:
    pairs: dict[tuple[str, str], Edge] = {}
    nodes: dict[str, Node] = {}
    for row in rows:
        source, target, event_type = _value(row.get("source")), _value(row.get("target")), _value(row.get("eventType"))
        count = int(_number(row.get("events")) or 0)
        if not source or not target or not event_type or not count:
            continue
        for iri, name, kind in ((source, row.get("sourceName"), row.get("sourceKind")), (target, row.get("targetName"), row.get("targetKind"))):
            node = nodes.setdefault(iri, Node(iri, _value(name) or iri.rsplit("/", 1)[-1], _value(kind) or "organization"))
            node.events += count
        edge = pairs.setdefault((source, target), Edge(source, target, event_type, 0, {}))
        edge.types[event_type] = edge.types.get(event_type, 0) + count
        edge.events += count
        edge.event_type = max(edge.types, key=lambda t: (edge.types[t], t))
    pictures.edges = sorted(pairs.values(), key=lambda e: (-e.events, e.source, e.target))
    pictures.nodes = _layout(list(nodes.values()), pictures.entity)


def _layout(nodes: list[Node], center: str) -> list[Node]:
    """A radial layout: the entity (or the busiest node) in the middle, the others on
    rings around it, busiest first; deterministic."""
    nodes.sort(key=lambda n: (n.iri != center, -n.events, n.iri))
    if not nodes:
        return nodes
    nodes[0].x = nodes[0].y = 0.0
    ring, capacity, placed = 1, 8, 0
    for node in nodes[1:]:
        angle = 2 * math.pi * placed / capacity + (ring % 2) * math.pi / capacity
        node.x, node.y = round(ring * math.cos(angle), 4), round(ring * math.sin(angle), 4)
        placed += 1
        if placed == capacity:
            ring, capacity, placed = ring + 1, capacity + 8, 0
    return nodes


# ------------------------------------------------------------------ specifications


def _base(title: str, width: int, height: int) -> dict[str, Any]:
    return {"$schema": VEGA_LITE_SCHEMA, "title": title, "width": width, "height": height,
            "config": {"view": {"stroke": None}, "font": "system-ui, sans-serif"}}


def map_spec(p: EntityPictures, basemap: Mapping[str, dict] | None = None, width: int = 640, height: int = 420) -> dict | None:
    """Points per place, sized by events, over country and state borders; None without
    any event that has coordinates."""
    if not p.places:
        return None
    lons, lats = [pt.longitude for pt in p.places], [pt.latitude for pt in p.places]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    span_lon = max(lon1 - lon0, 4.0)

    def merc(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_y = max(merc(lat1) - merc(lat0), math.radians(4.0))
    scale = min(width * 0.8 / math.radians(span_lon), height * 0.8 / span_y)
    center = [(lon0 + lon1) / 2, math.degrees(2 * math.atan(math.exp((merc(lat0) + merc(lat1)) / 2)) - math.pi / 2)]
    projection = {"type": "mercator", "scale": round(scale, 2), "center": [round(center[0], 4), round(center[1], 4)]}
    layers: list[dict[str, Any]] = []
    if basemap:
        layers.append({"data": basemap["countries"], "mark": {"type": "geoshape", "fill": "#eef0ea", "stroke": "#9aa3a8", "strokeWidth": 0.6, "clip": True},
                       "projection": projection, "name": "countries"})
        layers.append({"data": basemap["states"], "mark": {"type": "geoshape", "fill": None, "stroke": "#c3c9cc", "strokeWidth": 0.4, "clip": True},
                       "projection": projection, "name": "states"})
    values = [{"place": pt.iri, "name": pt.name, "latitude": pt.latitude, "longitude": pt.longitude, "events": pt.events,
               "deaths": pt.deaths, "approximate": "approximate (the place's state or country)" if pt.approximate else "exact"} for pt in p.places]
    layers.append({
        "data": {"values": values}, "projection": projection, "name": "places",
        "mark": {"type": "circle", "opacity": 0.65, "stroke": "#7a1f1f", "strokeWidth": 0.6, "clip": True},
        "encoding": {
            "longitude": {"field": "longitude", "type": "quantitative"},
            "latitude": {"field": "latitude", "type": "quantitative"},
            "size": {"field": "events", "type": "quantitative", "title": "events", "scale": {"range": [20, 900]}},
            "color": {"value": "#c0392b"},
            "tooltip": [{"field": "name", "title": "place"}, {"field": "events", "type": "quantitative"},
                        {"field": "deaths", "type": "quantitative"}, {"field": "approximate", "title": "position"}],
        },
    })
    spec = _base(f"{p.events - p.unplaced:,} events in {len(p.places):,} places", width, height)
    spec["layer"] = layers
    if p.unplaced:
        spec["title"] = {"text": spec["title"], "subtitle": f"{p.unplaced:,} more without a place with coordinates"}
    return spec


def timeline_spec(p: EntityPictures, width: int = 640, height: int = 220) -> dict | None:
    """Events per month, stacked by type (deaths and reporting articles in the tooltip);
    None without any event dated to a month."""
    if not p.months:
        return None
    values = [{"month": f"{bar.month}-01", "type": type_name(bar.event_type), "events": bar.events, "deaths": bar.deaths,
               "articles": bar.articles} for bar in p.months]
    spec = _base(f"{sum(b.events for b in p.months):,} events by month", width, height)
    spec.update({
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": None},
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": {"field": "type", "type": "nominal", "title": "event type", "scale": {"scheme": "tableau20"}},
            "tooltip": [{"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month"},
                        {"field": "type", "title": "event type"}, {"field": "events", "type": "quantitative"},
                        {"field": "deaths", "type": "quantitative"}, {"field": "articles", "type": "quantitative", "title": "reporting articles"}],
        },
    })
    notes = []
    if p.year_only:
        notes.append(f"{p.year_only:,} dated only by year")
    if p.undated:
        notes.append(f"{p.undated:,} undated")
    if notes:
        spec["title"] = {"text": spec["title"], "subtitle": "not drawn: " + ", ".join(notes)}
    return spec


def network_spec(p: EntityPictures, edge_link: Callable[[Edge], str] | None = None, width: int = 640, height: int = 480) -> dict | None:
    """Participants as circles (organizations and people), shared events as lines,
    thicker for more events, coloured by their main type; None without co-participants."""
    if not p.edges:
        return None
    where = {n.iri: n for n in p.nodes}
    edges = [{"source": e.source, "target": e.target, "x": where[e.source].x, "y": where[e.source].y,
              "x2": where[e.target].x, "y2": where[e.target].y, "events": e.events, "type": type_name(e.event_type),
              "types": ", ".join(f"{type_name(t)} {n}" for t, n in sorted(e.types.items(), key=lambda kv: -kv[1])),
              "pair": f"{where[e.source].name} — {where[e.target].name}",
              **({"href": edge_link(e)} if edge_link else {})} for e in p.edges]
    nodes = [{"iri": n.iri, "name": n.name, "kind": n.kind, "events": n.events, "x": n.x, "y": n.y,
              "center": n.iri == p.entity} for n in p.nodes]
    extent = max([1.0] + [abs(n.x) for n in p.nodes] + [abs(n.y) for n in p.nodes]) + 0.6
    axis = {"scale": {"domain": [-extent, extent]}, "axis": None}
    spec = _base(f"{len(p.nodes):,} participants, {len(p.edges):,} links", width, height)
    rule_encoding: dict[str, Any] = {
        "x": {"field": "x", "type": "quantitative", **axis}, "y": {"field": "y", "type": "quantitative", **axis},
        "x2": {"field": "x2"}, "y2": {"field": "y2"},
        "strokeWidth": {"field": "events", "type": "quantitative", "scale": {"range": [0.7, 7]}, "legend": None},
        "color": {"field": "type", "type": "nominal", "title": "shared events", "scale": {"scheme": "tableau10"}},
        "tooltip": [{"field": "pair"}, {"field": "events", "type": "quantitative"}, {"field": "types", "title": "by type"}],
    }
    if edge_link:
        rule_encoding["href"] = {"field": "href"}
    spec["layer"] = [
        {"data": {"values": edges}, "mark": {"type": "rule", "opacity": 0.7, "cursor": "pointer" if edge_link else "default"},
         "encoding": rule_encoding, "name": "links"},
        {"data": {"values": nodes}, "mark": {"type": "circle", "stroke": "#333", "strokeWidth": 0.8, "opacity": 1},
         "encoding": {"x": {"field": "x", "type": "quantitative", **axis}, "y": {"field": "y", "type": "quantitative", **axis},
                      "size": {"field": "events", "type": "quantitative", "scale": {"range": [60, 700]}, "legend": None},
                      "fill": {"field": "kind", "type": "nominal", "title": "participant", "scale": {"domain": ["organization", "person", "place"], "range": ["#5b7fa6", "#d4a017", "#6a9f58"]}},
                      "tooltip": [{"field": "name"}, {"field": "kind"}, {"field": "events", "type": "quantitative", "title": "shared events"}]},
         "name": "participants"},
        {"data": {"values": [n for n in nodes if n["center"] or n["events"] >= sorted([m["events"] for m in nodes], reverse=True)[min(11, len(nodes) - 1)]]},
         "mark": {"type": "text", "dy": -12, "fontSize": 10, "color": "#222"},
         "encoding": {"x": {"field": "x", "type": "quantitative", **axis}, "y": {"field": "y", "type": "quantitative", **axis}, "text": {"field": "name"}},
         "name": "names"},
    ]
    return spec


def basemap_inline() -> dict[str, dict]:
    """The shipped base map as inline data (for notebooks, which cannot reach the server)."""
    def read(rel: str) -> Any:
        return json.loads((STATIC / rel).read_text(encoding="utf-8"))

    return {"countries": {"values": read(BASEMAP_FILES["countries"]), "format": {"type": "topojson", "feature": "countries"}},
            "states": {"values": read(BASEMAP_FILES["states"]), "format": {"type": "json", "property": "features"}}}


def basemap_urls(prefix: str = "/static/") -> dict[str, dict]:
    """The shipped base map as URLs of the server's static files."""
    return {"countries": {"url": prefix + BASEMAP_FILES["countries"], "format": {"type": "topojson", "feature": "countries"}},
            "states": {"url": prefix + BASEMAP_FILES["states"], "format": {"type": "json", "property": "features"}}}


def entity_pictures(store: Store, entity: str, *, basemap: str | Mapping[str, dict] = "inline") -> dict[str, dict | None]:
    """The three pictures of ``entity`` (an IRI) as Vega-Lite specs — for a notebook:
    ``altair.Chart.from_dict(spec)`` or ``altair.LayerChart.from_dict(spec)`` (None
    where there is nothing to draw). ``basemap``: ``"inline"`` (the shipped borders in the
    spec), ``"none"``, or data definitions of your own."""
    from crimegraph.query import execute

    pictures = gather(entity, lambda name, params: execute(store, name, dict(params))[0], store.query)
    chosen = basemap_inline() if basemap == "inline" else None if basemap == "none" else basemap
    return {"map": map_spec(pictures, chosen), "timeline": timeline_spec(pictures), "network": network_spec(pictures)}


def to_altair(spec: dict) -> Any:
    """An Altair chart of a spec (``pip install altair``)."""
    import altair as alt

    return alt.LayerChart.from_dict(spec) if "layer" in spec else alt.Chart.from_dict(spec)


# ------------------------------------------------------------------ pictures of a query result

_LATITUDE = ("latitude", "lat")
_LONGITUDE = ("longitude", "lon", "long", "lng")
_DATE_TYPES = ("date", "dateTime", "gYearMonth", "gYear", "dateTimeStamp")


def _var(variables: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {v.lower(): v for v in variables}
    return next((lowered[n] for n in names if n in lowered), None)


def _date_var(variables: list[str], rows: list[dict]) -> str | None:
    """The first variable whose values are dates (xsd:date, gYearMonth, gYear, dateTime)."""
    for var in variables:
        values = [row[var] for row in rows if isinstance(row.get(var), ox.Literal)]
        dated = [v for v in values if v.datatype.value.rsplit("#", 1)[-1] in _DATE_TYPES]
        if values and len(dated) >= 0.8 * len(values):
            return var
    return None


def result_pictures(result: QueryResult) -> dict[str, dict | None]:
    """Pictures of a SELECT result, where its columns call for them — for the query page
    and for notebooks: a ``map`` when it has latitude and longitude columns (rows counted
    per point), a ``timeline`` when a column holds dates (rows per month, or per year
    when the dates are years, coloured by an ``eventType``/``type`` column), a
    ``network`` when it has ``source`` and ``target`` columns (weighted by its first
    numeric column). None where the columns call for no picture."""
    variables, rows = result.variables, result.solutions
    out: dict[str, dict | None] = {"map": None, "timeline": None, "network": None}
    label_var = next((v for v in variables if "name" in v.lower() or "label" in v.lower()), None)
    lat_var, lon_var = _var(variables, _LATITUDE), _var(variables, _LONGITUDE)
    if lat_var and lon_var:
        points: dict[tuple[float, float], list[str]] = {}
        for row in rows:
            lat, lon = _number(row.get(lat_var)), _number(row.get(lon_var))
            if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
                points.setdefault((round(lat, 4), round(lon, 4)), []).append(_value(row.get(label_var)) or "" if label_var else "")
        if points:
            p = EntityPictures("", events=sum(len(v) for v in points.values()))
            p.places = [PlacePoint(f"{lat},{lon}", ", ".join(sorted({n for n in names if n})[:3]) or f"{lat}, {lon}", lat, lon,
                                   len(names), 0, False) for (lat, lon), names in points.items()]
            spec = map_spec(p, basemap_urls())
            if spec:
                spec["title"] = f"{p.events:,} rows at {len(p.places):,} points"
                spec["layer"][-1]["encoding"]["size"]["title"] = "rows"
                spec["layer"][-1]["encoding"]["tooltip"] = [{"field": "name", "title": "label"},
                                                           {"field": "events", "type": "quantitative", "title": "rows"}]
            out["map"] = spec
    date_var = _date_var(variables, rows)
    if date_var:
        type_var = _var(variables, ("eventtype", "type", "kind"))
        counts: dict[tuple[str, str], int] = {}
        years_only = all(len(row[date_var].value) == 4 for row in rows if isinstance(row.get(date_var), ox.Literal))
        for row in rows:
            date = row.get(date_var)
            if not isinstance(date, ox.Literal) or len(date.value) < 4:
                continue
            key = date.value[:4] + "-01-01" if years_only else (date.value[:7] + "-01" if len(date.value) >= 7 else None)
            if key is None:
                continue
            kind = _value(row.get(type_var)) if type_var else None
            counts[(key, type_name(kind) if kind else "rows")] = counts.get((key, type_name(kind) if kind else "rows"), 0) + 1
        if counts:
            unit = "year" if years_only else "yearmonth"
            spec = _base(f"{sum(counts.values()):,} rows by {'year' if years_only else 'month'} ({date_var})", 640, 220)
            spec.update({
                "data": {"values": [{"when": k, "type": t, "rows": n} for (k, t), n in sorted(counts.items())]},
                "mark": {"type": "bar", "tooltip": True},
                "encoding": {"x": {"field": "when", "type": "temporal", "timeUnit": unit, "title": None},
                             "y": {"field": "rows", "type": "quantitative", "aggregate": "sum", "title": "rows"},
                             "color": {"field": "type", "type": "nominal", "title": type_var or "", "scale": {"scheme": "tableau20"},
                                       **({} if type_var else {"legend": None})}},
            })
            out["timeline"] = spec
    source_var, target_var = _var(variables, ("source",)), _var(variables, ("target",))
    if source_var and target_var:
        weight_var = next((v for v in variables if v not in (source_var, target_var)
                           and any(_number(row.get(v)) is not None for row in rows[:20])), None)
        type_var = _var(variables, ("eventtype", "type"))
        p = EntityPictures("")
        fake = []
        for row in rows:
            if not isinstance(row.get(source_var), ox.NamedNode) or not isinstance(row.get(target_var), ox.NamedNode):
                continue
            fake.append({"source": row[source_var], "target": row[target_var],
                         "sourceName": row.get(f"{source_var}Name"), "targetName": row.get(f"{target_var}Name"),
                         "eventType": row.get(type_var) if type_var else ox.NamedNode("https://w3id.org/crimegraph/event-type/link"),
                         "events": ox.Literal(str(int(_number(row.get(weight_var)) or 1)) if weight_var else "1")})
        _network(p, fake)
        spec = network_spec(p)
        if spec:
            spec["title"] = f"{len(p.nodes):,} nodes, {len(p.edges):,} links" + (f" (weight: {weight_var})" if weight_var else "")
        out["network"] = spec
    return out
