"""Ingest: input files to model objects (the first step of the pipeline)."""

from crimegraph.ingest.records import RawRecord, read_records, to_model

__all__ = ["RawRecord", "read_records", "to_model"]
