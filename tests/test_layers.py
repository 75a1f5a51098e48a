"""The package reads like the pipeline: each layer imports only layers below it.

ingest → extract → rdf → validate → store → query → serve, with the base modules
(errors, model, vocab, iri, resources) under all of them and the orchestrator
(``crimegraph.convert``), the evaluation and the command line on top. Only the command
line and the package's public API (``crimegraph/__init__.py``) import the orchestrator.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "crimegraph"

#: Rank of each part of the package: a module may import parts of lower or equal rank.
RANKS = {
    "errors": 0, "resources": 0, "vocab": 0, "iri": 0, "model": 0,
    "ingest": 1, "extract": 2, "rdf": 3, "validate": 4, "store": 5, "query": 6, "serve": 7,
    "link": 7, "evaluate": 8, "convert": 9, "cluster": 9, "cli": 10, "__init__": 11, "__main__": 11,
}
MAX_TOP_LEVEL_MODULES = 9
MAX_MODULE_LINES = 600


def part_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        found.append((name.removesuffix(".__init__") if name.endswith(".__init__") and name != "crimegraph.__init__" else name, path))
    return found


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "crimegraph":
                names.update(f"crimegraph.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n == "crimegraph" or n.startswith("crimegraph.")}


@pytest.mark.parametrize(("name", "path"), modules(), ids=[m for m, _ in modules()])
def test_imports_go_downward(name: str, path: Path) -> None:
    own = part_of(name) if name != "crimegraph.__init__" else "__init__"
    assert own in RANKS, f"{name}: a part of the package the layer map does not know; add it to RANKS"
    upward = []
    for imported in imports_of(path):
        other = part_of(imported)
        if imported == "crimegraph":
            if own not in ("cli", "__init__", "__main__"):  # the CLI may read crimegraph.__file__
                upward.append(imported)  # `from crimegraph import x` loads the whole API
            continue
        if other in RANKS and RANKS[other] > RANKS[own]:
            upward.append(imported)
    assert not upward, f"{name} ({own}) imports upper layers: {sorted(upward)}"


def test_only_the_cli_and_the_api_import_the_orchestrator() -> None:
    users = sorted(name for name, path in modules() if "crimegraph.convert" in imports_of(path))
    assert all(u.startswith("crimegraph.cli") or u == "crimegraph.__init__" for u in users), users


def test_the_top_level_is_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_modules_are_short() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
