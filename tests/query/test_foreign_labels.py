"""Labels in other languages, as another project gives them, do not multiply the rows of
the queries that read roles: names are the untagged rdfs:label, one per entity."""

from __future__ import annotations

from pathlib import Path

import crimegraph.query as q
from crimegraph.store import LocalStore, rdf_source
from tests.conftest import convert_records

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/crimegraph/id/"


def test_roles_of_people_with_spanish_labels(tmp_path) -> None:
    data = convert_records([{"type": "place", "name": "Honduras", "kind": "country"}], tmp_path / "examples.nq")
    spanish = tmp_path / "spanish.ttl"
    spanish.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<{ID}person/alfonso-portillo> rdfs:label "Alfonso Portillo Cabrera"@es .\n'
        f'<{ID}place/gt> rdfs:label "República de Guatemala"@es .\n',
        encoding="utf-8")
    store = LocalStore(tmp_path / "store", create=True)
    store.load([rdf_source(data), rdf_source(spanish), rdf_source(ROOT / "tests" / "fixtures" / "foreign-organizations.ttl")])
    rows = q.run(store, "roles-of-people", person="Portillo")
    assert len(rows) == 1
    assert rows[0]["personName"] == "Alfonso Portillo" and rows[0]["jurisdictionName"] == "Guatemala"
    assert str(rows[0]["endedBefore"]) == "2012-10-16"
