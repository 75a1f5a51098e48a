"""crimegraph: knowledge graphs of organized crime from news articles and records.

The pipeline, one module per step, each with plain data in and out:

* :mod:`crimegraph.ingest` — input files to model objects (:mod:`crimegraph.model`)
* :mod:`crimegraph.rdf.build` — model objects to quads, IRIs from :mod:`crimegraph.iri`
* :mod:`crimegraph.rdf.formats` — quads to Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML
* :mod:`crimegraph.validate` — SHACL validation with pyshacl
* :mod:`crimegraph.pipeline` — the steps joined: :func:`convert`

The command line (:mod:`crimegraph.cli`) is a thin layer over these functions.
"""

from crimegraph.errors import CrimegraphError, InputError, RecordError, ValidationFailed
from crimegraph.pipeline import ConversionResult, Converter, convert
from crimegraph.validate import ValidationReport, validate_files, validate_graph

__version__ = "0.1.0"

__all__ = [
    "ConversionResult",
    "Converter",
    "CrimegraphError",
    "InputError",
    "RecordError",
    "ValidationFailed",
    "ValidationReport",
    "__version__",
    "convert",
    "validate_files",
    "validate_graph",
]
