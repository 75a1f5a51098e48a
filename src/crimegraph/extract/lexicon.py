"""Load the extractor's word lists from ``data/lexicon/`` (YAML), once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from crimegraph.errors import InputError


def lexicon_dir() -> Path:
    from crimegraph.resources import resource_dir

    return resource_dir("data") / "lexicon"


@cache
def load(name: str) -> dict[str, Any]:
    """One lexicon file by its stem, e.g. ``load("events")``."""
    path = lexicon_dir() / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"the shipped lexicon {path.name} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"the shipped lexicon {path.name} must be a mapping")
    return data
