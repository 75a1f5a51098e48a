"""A fast yes/no check of a record against the record schema, for the common case.

``jsonschema`` walks a schema generically (references resolved, a validator evolved per
keyword) and costs tens of microseconds for a small record: as much as a tenth of
spaCy's time on a headline, twice per record (the conversion reads its inputs twice).
Here the schema is compiled once into plain functions that say whether a record is
valid; a record they pass is valid, and only a record they fail goes to ``jsonschema``,
whose best error names the field and what the schema allows
(:func:`crimegraph.ingest.records.check_record`).

The functions follow JSON Schema 2020-12 as ``jsonschema`` implements it for the
keywords the record schema uses (``type``, ``properties``, ``required``,
``additionalProperties: false``, ``items``, ``$ref`` into ``$defs``, ``oneOf``,
``enum`` and ``const`` of strings, ``minLength``, ``pattern``, ``minimum``,
``maximum``; ``format`` is an annotation, as for a validator without a format checker).
A schema with any other keyword is not compiled (:func:`compile_schema` returns None)
and every record goes to ``jsonschema``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from numbers import Number
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that never change whether an instance is valid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "format", "$defs"})


class _Unsupported(Exception):
    """The schema uses a keyword (or a form of one) that is not compiled here."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or isinstance(value, float) and value.is_integer()


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": lambda v: isinstance(v, Number) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def compile_schema(schema: dict[str, Any], root: dict[str, Any]) -> Check | None:
    """A function that says whether an instance is valid against ``schema`` (whose
    ``$ref`` point into ``root["$defs"]``), or None when the schema uses a keyword this
    module does not compile."""
    try:
        return _Compiler(root).node(schema)
    except _Unsupported:
        return None


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.defs = root.get("$defs", {})
        self.compiled: dict[str, Check] = {}

    def ref(self, target: str) -> Check:
        if not target.startswith("#/$defs/") or target[len("#/$defs/"):] not in self.defs:
            raise _Unsupported(target)
        name = target[len("#/$defs/"):]
        if name not in self.compiled:
            self.compiled[name] = lambda v: False  # a placeholder while compiling a recursive definition
            found = self.node(self.defs[name])
            self.compiled[name] = found
        return lambda v: self.compiled[name](v)

    def node(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if not isinstance(schema, dict):
            raise _Unsupported(repr(schema))
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            checks.append(self.keyword(keyword, value, schema))
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Check:
        if keyword == "type":
            names = value if isinstance(value, list) else [value]
            if any(n not in _TYPES for n in names):
                raise _Unsupported(f"type {value!r}")
            tests = [_TYPES[n] for n in names]
            return tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests)
        if keyword == "$ref":
            return self.ref(value)
        if keyword in ("enum", "const"):
            allowed = value if keyword == "enum" else [value]
            if not all(isinstance(a, str) for a in allowed):
                raise _Unsupported(keyword)
            strings = frozenset(allowed)  # a string equals only a string (jsonschema's equal)
            return lambda v: isinstance(v, str) and v in strings
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if keyword == "pattern":
            regex = re.compile(value)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if keyword in ("minimum", "maximum"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise _Unsupported(keyword)
            number = _TYPES["number"]
            if keyword == "minimum":
                return lambda v: not number(v) or not v < value
            return lambda v: not number(v) or not v > value
        if keyword == "required":
            names = tuple(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if keyword == "properties":
            subs = {name: self.node(sub) for name, sub in value.items()}
            return lambda v: not isinstance(v, dict) or all(subs[k](x) for k, x in v.items() if k in subs)
        if keyword == "additionalProperties":
            if value is not False or "patternProperties" in schema:
                raise _Unsupported(keyword)
            known = frozenset(schema.get("properties", {}))
            return lambda v: not isinstance(v, dict) or known.issuperset(v)
        if keyword == "items":
            if "prefixItems" in schema or isinstance(value, bool):
                raise _Unsupported(keyword)
            item = self.node(value)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if keyword == "oneOf":
            branches = [self.node(sub) for sub in value]
            return lambda v: sum(1 for branch in branches if branch(v)) == 1
        raise _Unsupported(keyword)
