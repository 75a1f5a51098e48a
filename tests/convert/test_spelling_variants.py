"""Names that two runs spell differently but that fold alike ("Juan Pérez" / "Juan Perez")
name one entity: its one label is a function of what identifies it, so the union of the
runs validates, and every spelling is kept as an alternative label (docs/identity.md,
"Labels")."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDFS, SKOS

from crimegraph.convert import convert
from crimegraph.validate import validate_files
from tests.run_helpers import records_to_nquads, union_of

ID = "https://w3id.org/crimegraph/id/"

ONE = """
- {type: person, name: Juan Pérez, nationality: Mexico}
- {type: organization, name: the Cártel del Golfo de Prueba, kind: criminal-group}
- {type: organization, name: Frente de Prueba Armado, acronyms: [FPA-X], kind: criminal-group}
- {type: event, event_type: arrest, date: "2020-05-01", actors: [organization:Frente de Prueba Armado],
   targets: [person:Juan Pérez]}
"""
TWO = """
- {type: person, name: JUAN PEREZ, nationality: Mexico}
- {type: organization, name: Cartel del Golfo de Prueba, kind: criminal-group}
- {type: organization, name: Frente Armado de Prueba, acronyms: [FPA-X], kind: criminal-group}
- {type: event, event_type: arrest, date: "2020-05-01", actors: [organization:Frente Armado de Prueba],
   targets: [person:JUAN PEREZ]}
"""


def _run(text: str, folder: Path, name: str) -> Path:
    return records_to_nquads(text, folder, name, gazetteer=False)


def test_spellings_of_one_name_from_two_runs_validate_together_and_are_all_kept(tmp_path: Path) -> None:
    files = [_run(ONE, tmp_path, "one"), _run(TWO, tmp_path, "two")]
    report = validate_files(files)
    assert report.conforms, report.as_text()
    union = union_of(files)
    values = lambda s, p: set(union.objects(URIRef(f"{ID}{s}"), p))  # noqa: E731

    person = "person/juan-perez"
    assert values(person, RDFS.label) == {Literal("Juan Perez")}
    assert values(person, FOAF.name) == {Literal("Juan Perez")}
    assert {Literal("Juan Pérez"), Literal("JUAN PEREZ")} <= values(person, SKOS.altLabel)

    group = "organization/cartel-del-golfo-de-prueba"
    assert values(group, RDFS.label) == {Literal("Cartel del Golfo de Prueba")}
    assert {Literal("the Cártel del Golfo de Prueba")} <= values(group, SKOS.altLabel)

    front = "organization/fpa-x"  # identified by its acronym: that is its label
    assert values(front, RDFS.label) == {Literal("FPA-X")}
    assert {Literal("Frente de Prueba Armado"), Literal("Frente Armado de Prueba")} <= values(front, SKOS.altLabel)


def test_one_run_labels_a_name_the_same_whichever_spelling_comes_first(tmp_path: Path) -> None:
    forward = convert([_records(tmp_path, "f", ONE + TWO)], gazetteer=False)
    backward = convert([_records(tmp_path, "b", TWO + ONE)], gazetteer=False)
    assert {q[:3] for q in forward.quads} == {q[:3] for q in backward.quads}


def _records(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_name_that_folds_to_nothing_keeps_its_spelling_as_its_label(tmp_path: Path) -> None:
    path = _run('- {type: organization, name: "¨", kind: criminal-group}\n', tmp_path, "odd")
    report = validate_files([path])
    assert report.conforms, report.as_text()
    union = union_of([path])
    assert {str(o) for o in union.objects(None, RDFS.label)} >= {"¨"}
