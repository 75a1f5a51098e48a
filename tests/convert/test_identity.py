"""Identity that does not depend on the batch (docs/identity.md): an entity's IRI is a
function of the entity — authority ids first, then a curated entry its names match,
then an organization's acronym, then its normalised name — never of the other inputs or
their order."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF

from crimegraph.convert import convert
from crimegraph.vocab import SCHEMA

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
ID = "https://w3id.org/crimegraph/id/"
ENTITY_CLASSES = {SCHEMA.Organization, SCHEMA.Person, SCHEMA.Place}


def entity_iris(result) -> set[str]:
    return {str(s) for s, p, o, _ in result.quads if p == RDF.type and o in ENTITY_CLASSES}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# Records that name the same entities in different ways, one per file, so that a
# partition of the files is a partition of the ways an entity is named.
RECORDS = [
    [{"type": "place", "name": "Culiacán", "kind": "city", "geonames": 4012176, "within": "Mexico"}],
    [{"type": "event", "event_type": "clash", "place": "place:Culiacán", "date": "2020-01-02",
      "actors": ["organization:the Sinaloa Cartel"]}],
    [{"type": "organization", "id": "cdn", "name": "Northeastern Cartel", "kind": "criminal-group"},
     {"type": "event", "event_type": "attack", "actors": ["cdn"], "date": "2020-02-03"}],
    [{"type": "event", "event_type": "attack", "actors": ["organization:Cártel del Noreste"], "date": "2020-02-04"}],
    [{"type": "organization", "name": "Regional Coordination of Community Authorities-Founding Peoples",
      "acronyms": ["CRAC-PF"], "kind": "organization"}],
    [{"type": "event", "event_type": "clash", "actors": ["organization:CRAC-PF"], "date": "2020-03-01"}],
    [{"type": "organization", "id": "z", "name": "Los Zetas", "kind": "criminal-group"},
     {"type": "person", "name": "Heriberto Lazcano", "roles": [{"title": "leader", "organization": "z"}]}],
    [{"type": "event", "event_type": "arrest", "targets": ["person:Heriberto Lazcano"],
      "actors": ["organization:Guerrero"], "date": "2012-10-07"}],
    [{"type": "place", "id": "gro", "name": "Guerrero", "kind": "state", "iso_code": "MX-GRO", "within": "Mexico"}],
    [{"type": "organization", "name": "Mexican Army", "kind": "government-body", "country": "Mexico"}],
    # a city the NER calls a person: the place whether or not a record of the run describes it
    [{"type": "event", "event_type": "attack", "actors": ["person:Bogota"], "date": "2020-04-01"}],
    [{"type": "place", "name": "Bogotá", "kind": "city", "geonames": 3688689, "within": "Colombia"}],
]


def record_files(tmp_path: Path) -> list[Path]:
    return [write_jsonl(tmp_path / f"part-{i}.jsonl", records) for i, records in enumerate(RECORDS)]


def test_authority_ids_curated_entries_acronyms_and_names(tmp_path):
    result = convert(record_files(tmp_path))
    assert not result.problems, [str(p) for p in result.problems]
    iris = entity_iris(result)
    for expected in (
        "place/geonames-4012176",        # GeoNames id, also for the bare name "Culiacán"
        "organization/cartel-del-noreste",  # "Northeastern Cartel" ~ gazetteer "Northeast Cartel"
        "organization/crac-pf",          # the acronym is UCDP's curated actor
        "organization/zetas",            # the gazetteer's Zetas
        "place/mx-gro",                  # "organization:Guerrero" is the state
        "organization/mexican-army",     # no authority: the normalised name
    ):
        assert ID + expected in iris, (expected, sorted(iris))
    assert not any(iri.endswith(("/culiacan", "/northeastern-cartel", "organization/guerrero", "/cdn", "/z"))
                   for iri in iris), sorted(iris)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=2), min_size=len(RECORDS), max_size=len(RECORDS)),
       st.randoms(use_true_random=False))
def test_partitions_give_the_iris_of_one_run(tmp_path, parts, rnd):
    """For a random partition of the inputs (and a random order within each part), the
    entity IRIs of the parts' union equal those of one run."""
    files = record_files(tmp_path)
    whole = entity_iris(convert(files))
    union: set[str] = set()
    for part in range(3):
        chosen = [f for f, p in zip(files, parts) if p == part]
        rnd.shuffle(chosen)
        if chosen:
            union |= entity_iris(convert(chosen))
    assert union == whole, sorted(union ^ whole)


def test_a_geonames_id_in_two_countries_names_both_records(tmp_path):
    good = write_jsonl(tmp_path / "a.jsonl", [
        {"type": "place", "name": "Culiacán", "kind": "city", "geonames": 4012176, "within": "Mexico"},
        {"type": "organization", "name": "Mexican Army", "kind": "government-body"},
    ])
    bad = write_jsonl(tmp_path / "b.jsonl", [
        {"type": "place", "name": "Culiacan", "kind": "city", "geonames": 4012176, "within": "Guatemala"},
        {"type": "place", "name": "Escuintla", "kind": "city", "within": "Guatemala"},
    ])
    result = convert([good, bad])
    (problem,) = result.problems
    message = str(problem)
    assert "4012176" in message and "a.jsonl" in message and "b.jsonl" in message
    assert "GT" in message and "MX" in message
    iris = entity_iris(result)
    assert {ID + "place/geonames-4012176", ID + "organization/mexican-army", ID + "place/escuintla"} <= iris
    # nothing of the rejected record is written: the place keeps the first record's country
    quads = [q for q in result.quads if str(q[0]) == ID + "place/geonames-4012176"]
    assert not any(str(o).endswith("place/gt") for _, _, o, _ in quads)
    assert result.stats.rejected == 1


def test_two_letter_acronyms_and_apostrophes(tmp_path):
    records = write_jsonl(tmp_path / "r.jsonl", [
        {"type": "organization", "name": "Policía Federal", "acronyms": ["PF"], "kind": "government-body"},
        {"type": "organization", "name": "Attorney General's Office", "kind": "government-body"},
        {"type": "organization", "name": "Attorney General’s Office of Guerrero", "kind": "government-body"},
    ])
    iris = entity_iris(convert([records], gazetteer=False))
    assert iris == {ID + "organization/policia-federal", ID + "organization/attorney-generals-office",
                    ID + "organization/attorney-generals-office-of-guerrero"}
