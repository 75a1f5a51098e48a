"""Validation: SHACL shapes (``shapes/``) checked with pyshacl, readable reports.

* :mod:`crimegraph.validate.shacl` — reports, whole-graph pyshacl, file validation
* :mod:`crimegraph.validate.screen` — the fast screen that sends only possibly-failing
  focus nodes to pyshacl (same report as whole-graph pyshacl)
"""

from crimegraph.validate.shacl import (
    ENGINES,
    ValidationReport,
    Violation,
    shapes_graph,
    union_graph,
    validate_files,
    validate_graph,
    validate_screened,
)

__all__ = [
    "ENGINES",
    "ValidationReport",
    "Violation",
    "shapes_graph",
    "union_graph",
    "validate_files",
    "validate_graph",
    "validate_screened",
]
