"""The trigger lexicons (data/lexicon/<language>/events.yaml) are checked against
schema/lexicon-events.schema.json when they are loaded: a misspelt key, a value of the
wrong type, an entry that is no mapping are errors naming the file, the line and the
entry, not rules that silently do nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from crimegraph.errors import InputError
from crimegraph.extract import lexicon
from crimegraph.model import ORGANIZATION_KINDS, PLACE_KINDS, ROLES
from crimegraph.resources import resource

SCHEMA = "lexicon-events.schema.json"
EXTRACT = Path(lexicon.__file__).resolve().parent
SHIPPED = {path.parent.name: path for path in sorted(lexicon.lexicon_dir().parent.glob("*/events.yaml"))}


def _shipped(language: str) -> str:
    return SHIPPED[language].read_text(encoding="utf-8")


def _load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> dict:
    """``lexicon.load("events", language)`` of a lexicon folder holding ``text`` as its
    events.yaml (uncached, so that the process's own lexicons stay as they are)."""
    folder = tmp_path / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "events.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lexicon, "lexicon_dir", lambda language=lexicon.DEFAULT_LANGUAGE: tmp_path / language)
    return lexicon.load.__wrapped__("events", language=language)


def _changed(language: str, old: str, new: str) -> tuple[str, int]:
    """The shipped file with one line changed, and that line's number."""
    text = _shipped(language)
    assert text.count(old) == 1, old
    return text.replace(old, new), text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(("language", "old", "new"), [
    ("en", "  find: {type: seizure, forbids_subject_word:", "  find: {type: seizure, forbids_subjet_word:"),
    ("es", "  capturar: {type: arrest, no_thing_object: true}", "  capturar: {type: arrest, no_thing_objet: true}"),
])
def test_the_shipped_lexicons_pass_and_a_misspelt_entry_key_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, old: str, new: str) -> None:
    import yaml

    shipped = _shipped(language)
    assert _load(tmp_path, monkeypatch, language, shipped) == yaml.safe_load(shipped)
    text, line = _changed(language, old, new)
    with pytest.raises(InputError) as caught:
        _load(tmp_path, monkeypatch, language, text)
    lemma, key = new.split(":")[0].strip(), new.split(", ")[1].split(":")[0]
    message = str(caught.value)
    assert message.startswith(f"data/lexicon/{language}/events.yaml:{line}, field 'verbs.{lemma}.{key}': unknown key"), message
    assert f"did you mean {key.replace('jet', 'ject')!r}?" in message and "allowed: " in message, message


def test_a_value_of_the_wrong_type_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, line = _changed("en", "requires_complement_word: [guilty]", "requires_complement_word: guilty")
    with pytest.raises(InputError) as caught:
        _load(tmp_path, monkeypatch, "en", text)
    assert str(caught.value) == (f"data/lexicon/en/events.yaml:{line}, field 'verbs.plead.requires_complement_word': "
                                 "'guilty' is not allowed: a list of words (quote 'on', 'no', 'yes': YAML reads them "
                                 "bare as true or false)")


def test_an_entry_that_is_no_mapping_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, line = _changed("en", "  kill: {type: killing, object: victim}", "  kill: killing")
    with pytest.raises(InputError) as caught:
        _load(tmp_path, monkeypatch, "en", text)
    assert str(caught.value) == (f"data/lexicon/en/events.yaml:{line}, field 'verbs.kill': 'killing' is not allowed: "
                                 "a trigger verb's entry: a mapping with at least its event 'type'")


def test_a_word_list_that_is_no_list_and_a_misspelt_file_key_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, line = _changed("es", "clash_markers: [entre]", "clash_markers: entre")
    with pytest.raises(InputError, match=rf"^data/lexicon/es/events\.yaml:{line}, field 'clash_markers': 'entre' is not allowed"):
        _load(tmp_path, monkeypatch, "es", text)
    text, line = _changed("en", "publications_carried_out:", "publication_carried_out:")
    with pytest.raises(InputError, match=rf"^data/lexicon/en/events\.yaml:{line}, field 'publication_carried_out': "
                                         r"unknown key \(did you mean 'publications_carried_out'\?\)"):
        _load(tmp_path, monkeypatch, "en", text)


def test_an_unknown_role_and_a_bare_on_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, line = _changed("en", "  kill: {type: killing, object: victim}", "  kill: {type: killing, object: vicitm}")
    with pytest.raises(InputError, match=rf"^data/lexicon/en/events\.yaml:{line}, field 'verbs.kill.object': "
                                         "unknown role 'vicitm'; allowed: actor, target"):
        _load(tmp_path, monkeypatch, "en", text)
    text, line = _changed("en", 'preps: {"on": target}}', "preps: {on: target}}")  # YAML reads a bare on as true
    with pytest.raises(InputError, match=rf"^data/lexicon/en/events\.yaml:{line}, field 'verbs.blame.preps': True is not allowed"):
        _load(tmp_path, monkeypatch, "en", text)


def test_a_trigger_given_twice_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML keeps the last of two entries of one lemma: the first would silently do nothing."""
    text, line = _changed("en", "  kill: {type: killing, object: victim}",
                          "  kill: {type: killing, object: victim}\n  kill: {type: attack}")
    with pytest.raises(InputError) as caught:
        _load(tmp_path, monkeypatch, "en", text)
    assert str(caught.value) == (f"data/lexicon/en/events.yaml:{line + 1}, field 'verbs.kill': 'kill' is given twice in "
                                 f"one mapping (first on line {line}); YAML keeps only the last, so the first does nothing")


def test_the_schema_is_shipped_and_agrees_with_the_model() -> None:
    schema = json.loads(resource("schema", SCHEMA).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    defs = schema["$defs"]
    assert set(defs["kinds"]["items"]["enum"]) == {*ORGANIZATION_KINDS, "person", *PLACE_KINDS}
    assert set(defs["role"]["enum"]) == {*ROLES, "place", "place_or_target"}
    for language, path in SHIPPED.items():  # every language with an events.yaml has its definition
        assert language in defs and path.is_file()


#: ``entry.get("key")``, ``entry["key"]``, ``governing.get("key")``: an entry key a rule reads.
_READ = re.compile(r"\b(?:entry|governing)\)?(?:\.get\(|\[)\"([a-z_]+)\"")


def test_every_entry_key_the_rules_read_is_in_the_schema() -> None:
    """A key a rule reads but the schema does not know would be refused in the lexicon."""
    defs = json.loads(resource("schema", SCHEMA).read_text(encoding="utf-8"))["$defs"]
    known = {"en": {k for d in ("en_verb", "en_noun", "en_adjective") for k in defs[d]["properties"]},
             "es": set(defs["es_verb"]["properties"])}
    missing = []
    for path in sorted(EXTRACT.glob("*.py")):
        language = "es" if path.stem.startswith("spanish") else "en"
        source = path.read_text(encoding="utf-8")
        keys = set(_READ.findall(source))
        if path.stem == "misparsed":  # the keys whose verbs need their own parse
            keys |= set(re.findall(r'"([a-z_]+)"', source.split("_NEEDS_THE_PARSE = ", 1)[1].split(")", 1)[0]))
        missing += [f"{path.name}: {key}" for key in sorted(keys - known[language])]
    assert not missing, "entry keys read by the rules but not in schema/lexicon-events.schema.json:\n" + "\n".join(missing)


def test_every_file_key_the_rules_read_is_in_the_schema() -> None:
    """A top-level key of events.yaml a rule reads is a key of the schema, and a required
    one when the rule reads it without a default (``word_set``, ``[...]``): its absence
    is then an error naming the file, not a KeyError."""
    defs = json.loads(resource("schema", SCHEMA).read_text(encoding="utf-8"))["$defs"]
    wrong = []
    for path in sorted(EXTRACT.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        required = {("en", k) for k in re.findall(r'word_set\("events", "(\w+)"\)', source)}
        required |= {("en", k) for k in re.findall(r'load\("events"\)\["(\w+)"\]', source)}
        required |= {("es", k) for k in re.findall(r'word_set\("events", "(\w+)", language="es"\)', source)}
        if path.stem == "spanish_lexicon":  # events = load("events", language="es")
            required |= {("es", k) for k in re.findall(r'\bevents\["(\w+)"\]', source)}
        optional = {("en", k) for k in re.findall(r'load\("events"\)\.get\("(\w+)"', source)}
        wrong += [f"{path.name}: {key} ({language}) is not required" for language, key in sorted(required)
                  if key not in defs[language]["required"]]
        wrong += [f"{path.name}: {key} ({language}) is not in the schema" for language, key in sorted(optional)
                  if key not in defs[language]["properties"]]
    assert not wrong, "schema/lexicon-events.schema.json:\n" + "\n".join(wrong)
