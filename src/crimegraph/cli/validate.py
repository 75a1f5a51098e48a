"""``crimegraph validate``: check RDF files against the SHACL shapes."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from crimegraph.cli.common import EXIT_FAILED_CHECK, expand_folders, handled_errors
from crimegraph.rdf.io import atomic_output


class Engine(str, enum.Enum):
    auto = "auto"
    pyshacl = "pyshacl"


class ReportFormat(str, enum.Enum):
    text = "text"
    json = "json"
    turtle = "turtle"


def validate(
    graphs: Annotated[list[Path], typer.Argument(help="RDF files (.ttl .nt .nq .trig .jsonld .rdf) or folders of them (other files are listed as skipped).", show_default=False)],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report as readable text, JSON, or Turtle of the sh:ValidationReport.")] = ReportFormat.text,
    output: Annotated[str, typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = "-",
    engine: Annotated[Engine, typer.Option("--engine", help="auto: screen the line formats (.nq .nt .ttl .trig) with pyoxigraph and confirm with pyshacl, the same report as pyshacl on the whole graph, much faster; pyshacl: whole-graph pyshacl only.")] = Engine.auto,
) -> None:
    """Validate graphs with pyshacl; exit 1 when they do not conform."""
    from crimegraph.validate import validate_files

    with handled_errors():
        from crimegraph.rdf.io import RdfFormat

        graphs = expand_folders(graphs, lambda p: RdfFormat.from_extension(p) is not None, "RDF files")
        report = validate_files(graphs, engine=engine.value)
        text = {"text": report.as_text, "json": report.as_json, "turtle": report.as_turtle}[fmt.value]()
        with atomic_output(output) as handle:
            handle.write(text)
    if not report.conforms:
        raise typer.Exit(EXIT_FAILED_CHECK)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
