"""The dataset description counts what is really there, is named by the caller, lists
every file as a distribution and every source with its licence."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.convert import convert
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.rdf.void import describe, known_sources
from crimegraph.vocab import DEFAULT_BASE, SEM
from tests.ucdp_helpers import ucdp_path, ucdp_rows, write_ucdp

CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")


def examples(root: Path) -> list[Path]:
    return sorted((root / "data" / "examples").glob("*.[jcy]*"))


def test_description_counts(root: Path) -> None:
    result = convert(examples(root))
    triples = {(s, p, o) for s, p, o, _ in result.quads}
    void = describe(result.quads, DEFAULT_BASE, license="https://creativecommons.org/licenses/by-nc/4.0/")
    dataset = URIRef(DEFAULT_BASE + "dataset")
    assert void.value(dataset, VOID.triples) == Literal(len(triples), datatype=XSD.integer)
    events = {s for s, p, o in triples if o == SEM.Event}
    [part] = [p for p in void.objects(dataset, VOID.classPartition) if void.value(p, VOID["class"]) == SEM.Event]
    assert int(void.value(part, VOID.entities)) == len(events) == 8
    graphs = set(void.objects(dataset, VOID.subset))
    assert URIRef(DEFAULT_BASE + "graph/entities") in graphs
    assert any("/graph/article/" in str(g) for g in graphs)
    again = describe(list(reversed(result.quads)), DEFAULT_BASE)
    assert set(again) == set(describe(result.quads, DEFAULT_BASE)), "the description depends on the data only"
    assert not [o for o in void.objects(None, DCTERMS.source) if isinstance(o, Literal)]
    assert not [o for o in void.objects(None, DCTERMS.license) if isinstance(o, Literal)]


def test_sources_are_named_with_their_licences(root: Path, tmp_path: Path) -> None:
    header, rows = ucdp_rows(ucdp_path(), {"182027", "182028"})
    ucdp = write_ucdp(tmp_path / "ucdp.csv", header, rows)
    news = convert(examples(root))
    events = convert([ucdp], source="ucdp-ged")
    assert not news.problems and not events.problems
    sources = {s.id: s for s in known_sources()}

    def described(quads) -> dict[str, URIRef | None]:
        void = describe(quads, DEFAULT_BASE)
        dataset = URIRef(DEFAULT_BASE + "dataset")
        found = {}
        for node in void.objects(dataset, DCTERMS.source):
            assert (node, RDF.type, DCAT.Dataset) in void
            rights = void.value(node, DCTERMS.rights)
            assert void.value(rights, RDFS.label), f"{node} has no terms of reuse"
            found[str(node).rsplit("#source-", 1)[1]] = void.value(node, DCTERMS.license)
        return found

    # the articles are InSight Crime's: non-commercial reuse with attribution, no licence IRI
    assert described(news.quads) == {"insightcrime": None}
    assert "non-commercial" in sources["insightcrime"].rights
    # UCDP's events (CC BY 4.0) and the curated UCDP actors of the gazetteer (MIT)
    assert described(events.quads) == {"ucdp-ged": CC_BY_4, "gazetteer": URIRef("https://opensource.org/licenses/MIT")}
    assert described(news.quads + events.quads).keys() == {"insightcrime", "ucdp-ged", "gazetteer"}


def test_describe_command(tmp_path: Path, root: Path) -> None:
    data = tmp_path / "data.nq"
    runner = CliRunner()
    inputs = [str(p) for p in examples(root)]
    assert runner.invoke(app, ["convert", *inputs, "-o", str(data)]).exit_code == 0
    out = tmp_path / "void.ttl"
    result = runner.invoke(app, ["describe", str(data), "-o", str(out), "--title", "Seed", "--endpoint", "http://localhost:7878/sparql"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    dataset = URIRef(DEFAULT_BASE + "dataset")  # the base is read from the data's graph names
    assert (dataset, VOID.sparqlEndpoint, URIRef("http://localhost:7878/sparql")) in graph
    [dist] = graph.objects(dataset, DCAT.distribution)
    assert (dist, RDF.type, DCAT.Distribution) in graph
    assert graph.value(dist, DCAT.byteSize) == Literal(data.stat().st_size, datatype=XSD.nonNegativeInteger)
    assert graph.value(dist, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/application/n-quads")
    assert graph.value(dist, DCTERMS["format"]) == URIRef("http://www.w3.org/ns/formats/N-Quads")
    assert graph.value(dist, DCAT.downloadURL) == URIRef(data.resolve().as_uri())


def test_the_dataset_is_named_by_the_base_or_an_option(tmp_path: Path, root: Path) -> None:
    runner = CliRunner()
    base = "https://example.org/kg/"
    data = tmp_path / "data.nq"
    turtle = tmp_path / "data.ttl"
    result = convert(examples(root), base=base)
    write_quads(result.quads, data, RdfFormat.nquads)
    write_quads(result.quads, turtle, RdfFormat.turtle)
    out = tmp_path / "void.ttl"

    assert runner.invoke(app, ["describe", str(data), "-o", str(out)]).exit_code == 0
    graph = Graph().parse(out)
    assert (URIRef(base + "dataset"), RDF.type, VOID.Dataset) in graph
    assert not list(graph.triples((URIRef(DEFAULT_BASE + "dataset"), None, None)))

    named = "https://example.org/kg/datasets/2026-12"
    args = ["describe", str(data), str(turtle), "-o", str(out), "--dataset", named,
            "--download-url", "https://example.org/files/", "--license", "https://opensource.org/licenses/MIT"]
    assert runner.invoke(app, args).exit_code == 0
    graph = Graph().parse(out)
    dists = set(graph.objects(URIRef(named), DCAT.distribution))
    assert {str(graph.value(d, DCAT.downloadURL)) for d in dists} == {"https://example.org/files/data.nq", "https://example.org/files/data.ttl"}
    assert {graph.value(d, DCAT.mediaType) for d in dists} == {
        URIRef("https://www.iana.org/assignments/media-types/application/n-quads"),
        URIRef("https://www.iana.org/assignments/media-types/text/turtle")}
    assert all(graph.value(d, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT") for d in dists)

    # Turtle alone carries no graph names: the base must be given, and the error says so
    failed = runner.invoke(app, ["describe", str(turtle), "-o", str(tmp_path / "x.ttl")])
    assert failed.exit_code != 0 and "--base" in failed.output
    assert not (tmp_path / "x.ttl").exists()
    assert runner.invoke(app, ["describe", str(turtle), "--base", base, "-o", str(out)]).exit_code == 0


def test_describe_reads_a_store_like_the_files_loaded_into_it(tmp_path: Path, root: Path) -> None:
    from rdflib.namespace import DCAT

    runner = CliRunner()
    data, store = tmp_path / "data.nq", tmp_path / "store"
    inputs = [str(p) for p in sorted((root / "data" / "examples").glob("*.[jcy]*"))]
    assert runner.invoke(app, ["convert", *inputs, "-o", str(data), "--no-extract"]).exit_code == 0
    assert runner.invoke(app, ["load", str(data), "--store", str(store)]).exit_code == 0
    from_files = runner.invoke(app, ["describe", str(data), "--title", "Seed"])
    from_store = runner.invoke(app, ["describe", "--store", str(store), "--title", "Seed"])
    assert from_store.exit_code == 0 and from_files.exit_code == 0, from_store.output
    files, stored = (Graph().parse(data=r.stdout, format="turtle") for r in (from_files, from_store))
    dataset = URIRef(DEFAULT_BASE + "dataset")
    for term in (VOID.triples, VOID.entities, VOID.distinctSubjects):
        assert stored.value(dataset, term) == files.value(dataset, term), term
    assert set(stored.objects(dataset, VOID.subset)) == set(files.objects(dataset, VOID.subset))
    assert not list(stored.objects(dataset, DCAT.distribution)) and list(files.objects(dataset, DCAT.distribution))
    neither = runner.invoke(app, ["describe"])
    both = runner.invoke(app, ["describe", str(data), "--store", str(store)])
    assert neither.exit_code == both.exit_code == 2 and "--store" in neither.stderr
