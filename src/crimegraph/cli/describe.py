"""``crimegraph describe``: a VoID / DCAT description of RDF files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import handled_errors
from crimegraph.errors import CrimegraphError


def describe(
    graphs: Annotated[Optional[list[Path]], typer.Argument(help="RDF files (.ttl .nt .nq .trig .jsonld .rdf), one distribution each; or none with --store.", show_default=False)] = None,
    store: Annotated[Optional[Path], typer.Option("--store", "-s", help="Describe what this embedded store holds instead of files (no distributions).", show_default=False)] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' writes to stdout.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="RDF format of the description (default: from the extension, else Turtle).")] = None,
    base: Annotated[Optional[str], typer.Option(help="Base namespace the data was minted under (default: read from the data's graph names).")] = None,
    dataset: Annotated[Optional[str], typer.Option(help="IRI of the dataset (default: <base>dataset).")] = None,
    title: Annotated[str, typer.Option(help="Title of the dataset.")] = "crimegraph dataset",
    license: Annotated[Optional[str], typer.Option(help="Licence of the dataset: an IRI, or text.")] = None,
    source: Annotated[Optional[list[str]], typer.Option("--source", help="A further source of the data: an IRI, or a citation (repeatable).")] = None,
    endpoint: Annotated[Optional[str], typer.Option(help="SPARQL endpoint that serves the data.")] = None,
    download_url: Annotated[Optional[str], typer.Option("--download-url", help="Where the files are published: each distribution's download URL is this + its file name (default: the file's own file: IRI).")] = None,
) -> None:
    """Describe a dataset (VoID + DCAT): size, vocabularies, partitions, graphs, a
    distribution per file, the sources and their licences — of RDF files, or of an
    embedded store (--store)."""
    from rdflib import Dataset

    from crimegraph.iri import check_base
    from crimegraph.rdf.io import atomic_output, choose_format, parse_rdf
    from crimegraph.rdf.void import Distribution, infer_base
    from crimegraph.rdf.void import describe as describe_data

    with handled_errors():
        rdf_format = choose_format(output, fmt)
        if bool(graphs) == (store is not None):
            raise CrimegraphError("name RDF files or --store DIR (one of them) to describe")
        if store is not None:
            from crimegraph.store import LocalStore

            distributions = []
            data = LocalStore.open_read_only(store).rdflib_dataset()
        else:
            distributions = [Distribution.of_file(path, download_url) for path in graphs or []]
            data = Dataset()
            for path in graphs or []:
                parse_rdf(path, into=data)
        base = check_base(base) if base is not None else infer_base(g.identifier for g in data.graphs())
        quads = ((s, p, o, g) for s, p, o, g in data.quads((None, None, None, None)))
        graph = describe_data(quads, base, dataset=dataset, title=title, license=license, sources=source or (),
                              endpoint=endpoint, distributions=distributions, data=data)
        text = graph.serialize(format=rdf_format.rdflib_name if not rdf_format.is_quads else "turtle", encoding="utf-8")
        with atomic_output(output, binary=True) as handle:
            handle.write(text)


def register(app: typer.Typer) -> None:
    app.command("describe")(describe)
