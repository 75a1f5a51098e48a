"""The one loader of the extractor's word lists: ``data/lexicon/<language>/<name>.yaml``.

Every word list a rule uses lives in such a file, one folder per language
(``data/lexicon/en/``, ``data/lexicon/es/``), so that a language is added by adding its
folder. Each file is read once per process. A key given twice in one mapping is an
error (YAML would keep the last, and the first would silently do nothing). A file with a
schema, ``schema/lexicon-<name>.schema.json`` (one definition per language under
``$defs``), is checked against it when it is read: a key the schema does not know, a word
list that is no list, an entry that is no mapping are errors naming the file, line and
entry, not silently ignored.

>>> sorted(load("modality"))
['hypothetical', 'negated', 'question_words', 'reported']
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from crimegraph.errors import InputError, Location
from crimegraph.ingest.yaml_schema import explain, line_of

DEFAULT_LANGUAGE = "en"

#: When not None, the keys read from the lexicons are added to it (see :func:`track`).
_accessed: set[tuple[str, str, str]] | None = None


def lexicon_dir(language: str = DEFAULT_LANGUAGE) -> Path:
    from crimegraph.resources import resource_dir

    return resource_dir("data") / "lexicon" / language


@cache
def load(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """One lexicon file by its stem and language, e.g. ``load("events")``,
    ``load("events", language="es")``."""
    path = lexicon_dir(language) / f"{name}.yaml"
    shown = f"data/lexicon/{language}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_UniqueKeys)  # the safe loader, refusing duplicate keys
    except _DuplicateKey as exc:
        where = _key_path(yaml.compose(text, Loader=yaml.SafeLoader), exc.line)
        raise InputError(f"{exc.key!r} is given twice in one mapping (first on line {exc.first}); "
                         "YAML keeps only the last, so the first does nothing",
                         Location(file=shown, line=exc.line, field=".".join(where) or None)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"the shipped lexicon {shown} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"the shipped lexicon {shown} must be a mapping")
    check(data, name, language, shown, text)
    if _accessed is not None:
        return _Tracked(data, (language, name), "")
    return data


class _DuplicateKey(Exception):
    def __init__(self, key: Any, first: int, line: int) -> None:
        super().__init__(key)
        self.key, self.first, self.line = key, first, line


class _UniqueKeys(yaml.SafeLoader):
    """The safe loader, refusing a key given twice in one mapping (a second trigger entry
    of a lemma would silently replace the first)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            lines: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node)
                if key in lines:
                    raise _DuplicateKey(key, lines[key], key_node.start_mark.line + 1)
                lines[key] = key_node.start_mark.line + 1
        return mapping


def _key_path(node: yaml.Node | None, line: int) -> list[str]:
    """The path of the mapping key on ``line`` (``["verbs", "supply"]``)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.start_mark.line + 1 == line:
                return [str(key.value)]
            inner = _key_path(value, line)
            if inner:
                return [str(key.value), *inner]
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            inner = _key_path(item, line)
            if inner:
                return [str(index), *inner]
    return []


def check(data: dict[str, Any], name: str, language: str, shown: str, text: str) -> None:
    """Check a lexicon file's data against its schema, if it has one; raise an
    InputError naming the file (``shown``), the line (found in ``text``), the entry and
    what is wrong."""
    validator = _validator(name, language)
    if validator is None:
        return
    error = best_match(validator.iter_errors(data))
    if error is None:
        return
    path, message = explain(error, noun="key", suggest=True, whole="a lexicon file is a mapping of its keys")
    entry = ".".join(str(step) for step in path) or None
    raise InputError(message, Location(file=shown, line=line_of(yaml.compose(text, Loader=yaml.SafeLoader), path), field=entry))


@cache
def _validator(name: str, language: str) -> Draft202012Validator | None:
    """The validator of ``schema/lexicon-<name>.schema.json`` for one language; None
    when the file has no schema."""
    from crimegraph.resources import resource_dir

    path = resource_dir("schema") / f"lexicon-{name}.schema.json"
    if not path.is_file():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    if language not in schema.get("$defs", {}):
        raise InputError(f"data/lexicon/{language}/{name}.yaml has no definition in schema/{path.name} "
                         f"(add $defs.{language}; it has {', '.join(sorted(schema.get('$defs', {})))})")
    return Draft202012Validator({"$ref": f"#/$defs/{language}", "$defs": schema["$defs"]})


@cache
def word_set(name: str, key: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """One word list of a lexicon file as a set, e.g. ``word_set("names", "leading")``:
    what the rules test a token's form or lemma against."""
    return frozenset(load(name, language=language)[key])


def track() -> set[tuple[str, str, str]]:
    """Record from now on which keys of which lexicon file are read: (language, file,
    dotted path) — a key read by iteration is recorded as ``path.*``. For the test that
    no lexicon entry is unused; call it before anything is loaded."""
    global _accessed
    if load.cache_info().currsize:
        raise RuntimeError("lexicon.track() must be called before any lexicon is loaded")
    _accessed = set()
    return _accessed


class _Tracked(dict):
    """A mapping that notes the keys read from it (two levels deep)."""

    def __init__(self, data: dict[str, Any], file: tuple[str, str], path: str) -> None:
        self._file, self._path = file, path
        deeper = not path  # the top level and one level below it are tracked
        super().__init__({k: _Tracked(v, file, str(k)) if deeper and isinstance(v, dict) else v
                          for k, v in data.items()})

    def _note(self, key: Any) -> None:
        assert _accessed is not None
        _accessed.add((*self._file, f"{self._path}.{key}" if self._path else str(key)))

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def __iter__(self):
        self._note("*")
        return super().__iter__()

    def items(self):
        self._note("*")
        return super().items()

    def keys(self):
        self._note("*")
        return super().keys()

    def values(self):
        self._note("*")
        return super().values()
