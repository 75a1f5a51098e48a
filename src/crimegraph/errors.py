"""One exception hierarchy for crimegraph.

Every error says *what* was found, *where* (file, line, record, field) and *what is
allowed*, so that the CLI can print it as one readable line without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem was found. Any part may be unknown (``None``)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    record: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)


class CrimegraphError(Exception):
    """Root of every error crimegraph raises on purpose."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location or Location()

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class InputError(CrimegraphError):
    """An input file or record cannot be read or does not follow the record format."""


class RecordError(InputError):
    """One record is invalid; the rest of its file may still be usable."""


class InputWarning(CrimegraphError):
    """Something in an input looks wrong, but the record is still converted as well as
    it can be (a page without its metadata line, say). Readers yield it in line, before
    the record it concerns; it is reported, and does not count as a rejection."""


class RecordWarning(InputWarning):
    """A record was converted, but part of it could not be kept as given (a UCDP row
    whose place cannot be placed, say); readers yield it after the record."""


class FormatError(CrimegraphError):
    """An unknown or unsupported RDF/record format was asked for."""


class ValidationFailed(CrimegraphError):
    """The graph does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(CrimegraphError):
    """A store or remote endpoint could not do what was asked."""


class QueryError(CrimegraphError):
    """A SPARQL query or catalog query is invalid or its parameters are wrong."""
