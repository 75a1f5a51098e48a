"""``crimegraph describe``: a VoID / DCAT description of RDF files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import handled_errors
from crimegraph.vocab import DEFAULT_BASE


def describe(
    graphs: Annotated[list[Path], typer.Argument(help="RDF files (.ttl .nt .nq .trig .jsonld .rdf).", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' writes to stdout.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="RDF format of the description (default: from the extension, else Turtle).")] = None,
    base: Annotated[str, typer.Option(help="Base namespace the data was minted under.")] = DEFAULT_BASE,
    title: Annotated[str, typer.Option(help="Title of the dataset.")] = "crimegraph dataset",
    license: Annotated[Optional[str], typer.Option(help="Licence IRI or text.")] = None,
    source: Annotated[Optional[list[str]], typer.Option("--source", help="A source of the data (repeatable).")] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="SPARQL endpoint that serves the data.")] = None,
) -> None:
    """Describe a dataset (VoID + DCAT): size, vocabularies, partitions, graphs, licence."""
    from crimegraph.rdf.void import describe as describe_data
    from crimegraph.iri import check_base
    from crimegraph.rdf.io import atomic_output, choose_format, parse_rdf
    from rdflib import Dataset

    with handled_errors():
        check_base(base)
        rdf_format = choose_format(output, fmt)
        dataset = Dataset()
        for path in graphs:
            parse_rdf(path, into=dataset)
        quads = ((s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None)))
        graph = describe_data(quads, base, title=title, license=license, sources=source or (), endpoint=endpoint)
        data = graph.serialize(format=rdf_format.rdflib_name if not rdf_format.is_quads else "turtle", encoding="utf-8")
        with atomic_output(output, binary=True) as handle:
            handle.write(data)


def register(app: typer.Typer) -> None:
    app.command("describe")(describe)
