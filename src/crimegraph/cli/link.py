"""``crimegraph link``: reconcile a graph's entities against a SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from crimegraph.cli.common import EXIT_FAILED_CHECK, error, handled_errors, info
from crimegraph.vocab import DEFAULT_BASE


def link(
    graphs: Annotated[Optional[list[Path]], typer.Argument(help="RDF files whose entities to link (.ttl .nt .nq .trig .jsonld .rdf).", show_default=False)] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Where the links go (default format from the extension; '-' writes to stdout).")] = "links.nq",
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="RDF format of the links (default: from the extension).")] = None,
    store: Annotated[Optional[Path], typer.Option("--store", help="Link the entities of this local store instead of files.")] = None,
    endpoint: Annotated[Optional[str], typer.Option("--endpoint", help="SPARQL endpoint to reconcile against (default: Wikidata's query service, see data/link/reconcile.yaml).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Reconciliation rules (default: data/link/reconcile.yaml).")] = None,
    kind: Annotated[Optional[list[str]], typer.Option("--kind", help="Only entities of this kind: organization, person, place (repeatable).")] = None,
    timeout: Annotated[Optional[float], typer.Option("--timeout", help="Seconds to wait for the endpoint, per entity.")] = None,
    base: Annotated[str, typer.Option(help="Base namespace for the links graph and statements.")] = DEFAULT_BASE,
    relink: Annotated[bool, typer.Option("--relink", help="Also ask about entities that already link to the endpoint's items.")] = False,
) -> None:
    """Link organizations, people and places to an endpoint's items (Wikidata by default) by
    label, alias, type and country; accepted links, with score and provenance, go to their
    own graph (<base>graph/links). Exit 1 if the endpoint failed for some entity (the others
    are still linked and written)."""
    from rdflib import Graph

    from crimegraph.iri import check_base
    from crimegraph.link import entities_of, graph_from_store, link_quads, load_settings, reconcile
    from crimegraph.rdf.io import atomic_output, choose_format, parse_rdf, write_quads

    with handled_errors():
        check_base(base)
        kinds = tuple(kind or ("organization", "person", "place"))
        unknown = [k for k in kinds if k not in ("organization", "person", "place")]
        if unknown:
            raise typer.BadParameter(f"--kind {unknown[0]!r}: allowed are organization, person, place")
        if not graphs and store is None:
            raise typer.BadParameter("name RDF files or --store DIR")
        settings = load_settings(config, endpoint=endpoint, timeout=timeout)
        rdf_format = choose_format(output, fmt)
        graph = Graph()
        if store is not None:
            from crimegraph.store import LocalStore

            with LocalStore.open_read_only(store) as opened:
                graph += graph_from_store(opened)
        for path in graphs or []:
            for s, p, o, _g in parse_rdf(path).quads((None, None, None, None)):
                graph.add((s, p, o))
        entities = entities_of(graph, kinds)
        report = reconcile(entities, settings, relink=relink)
        for outcome in report.failed:
            error(f"link: {outcome.error}")
        quads = list(link_quads(report, settings, base))
        if quads:
            write_quads(quads, output, rdf_format)
        else:
            with atomic_output(output) as handle:  # an empty links file, never a stale one
                handle.write("")
        info(f"linked {len(report.linked)} of {len(entities)} entities against {settings.endpoint} "
             f"({report.skipped} already linked, {len(report.failed)} failed, "
             f"{len(report.outcomes) - len(report.linked) - len(report.failed)} without an accepted candidate) "
             f"→ {output} [{rdf_format.value}]")
    if report.failed:
        raise typer.Exit(EXIT_FAILED_CHECK)


def register(app: typer.Typer) -> None:
    app.command("link")(link)
