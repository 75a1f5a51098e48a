"""crimegraph: knowledge graphs of organized crime from news articles and records.

The package is the pipeline, each step a package with plain data in and out
(:mod:`crimegraph.model`), each importing only the steps below it:

* :mod:`crimegraph.ingest` — input files to model objects (readers, the source
  registry, the gazetteer, places)
* :mod:`crimegraph.extract` — article text to mentions, entities, roles and events
* :mod:`crimegraph.rdf` — entity resolution, model objects to quads, RDF I/O, VoID
* :mod:`crimegraph.validate` — SHACL validation with pyshacl (and its fast screen)
* :mod:`crimegraph.store`, :mod:`crimegraph.query`, :mod:`crimegraph.serve` — the
  embedded or remote store, the query catalog, the SPARQL endpoint
* :mod:`crimegraph.evaluate` — scoring the extractor against the gold standards
* :mod:`crimegraph.convert` — the steps joined: :func:`convert`, :class:`Converter`

The command line (:mod:`crimegraph.cli`) is a thin layer over these functions.
"""

from crimegraph.errors import CrimegraphError, InputError, RecordError, ValidationFailed
from crimegraph.convert import ConversionResult, Converter, convert
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
