"""YAML files checked against a JSON Schema: where a schema error is, and what it says.

Shared by the gold files (:mod:`crimegraph.evaluate.gold`) and the extractor's lexicons
(:mod:`crimegraph.extract.lexicon`): the line of the YAML node at a path of the loaded
data, and a message for jsonschema's best error naming the path and what is allowed.

>>> node = yaml.compose("verbs:\\n  kill: {type: killing}\\n  find: {typ: seizure}\\n")
>>> line_of(node, ["verbs", "find", "typ"])
3
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

import yaml
from jsonschema.exceptions import ValidationError

__all__ = ["explain", "line_of"]


def line_of(node: yaml.Node | None, path: Sequence[str | int]) -> int | None:
    """The line of the YAML node at ``path`` (or of the nearest node above it)."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            node = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def explain(error: ValidationError, *, noun: str = "field", names: Mapping[tuple[str | int, str | int], str] | None = None,
            required: Mapping[tuple[str | int, ...], str] | None = None, whole: str | None = None,
            suggest: bool = False) -> tuple[list[str | int], str]:
    """Where a schema error is (a path into the data) and a message saying what is allowed.

    ``noun`` is what a key of a mapping is called ("field", "key"); ``names`` names the
    value of an enum by the first and last steps of its path (``("events", "type")`` →
    "event type"; else the enum's ``title``, else the last step); ``required`` says why a key is required, by its path; ``whole`` is the
    message when the whole document has the wrong type; ``suggest`` adds the closest
    allowed key to an unknown one ("did you mean 'type'?").
    """
    path: list[str | int] = list(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in set(error.instance) - set(allowed))
        close = difflib.get_close_matches(extra[0], allowed, n=1) if suggest and extra else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return [*path, *extra[:1]], f"unknown {noun}{hint}; allowed: {', '.join(allowed)}"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [*path, missing], (required or {}).get((*path, missing), f"required {noun} is missing")
    if error.validator == "enum":
        key = (names or {}).get((path[0], path[-1])) if path else None
        key = key or error.schema.get("title") or (str(path[-1]) if path else "value")
        allowed = ", ".join(str(v) for v in error.validator_value if v is not None)
        return path, f"unknown {key} {error.instance!r}; allowed: {allowed}"
    if error.validator == "type" and not path and whole:
        return path, whole
    described = error.schema.get("description") or (error.parent.schema.get("description") if error.parent else None)
    if error.validator == "type":
        return path, f"{error.instance!r} is not allowed: {described or 'must be ' + str(error.validator_value)}"
    if error.validator in ("oneOf", "pattern", "minItems", "minimum", "maximum") and described:
        return path, f"{error.instance!r} is not allowed: {described}"
    return path, error.message
