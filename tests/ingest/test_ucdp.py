"""UCDP GED import: mapping of real rows, planted bad rows, idempotence, counts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from tests.ucdp_helpers import ucdp_rows, write_ucdp
from crimegraph.errors import RecordWarning
from crimegraph.ingest.ucdp import mappings, state_code
from crimegraph.convert import Converter
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.validate import validate_graph
from crimegraph.vocab import CG, CGET, DEFAULT_BASE, SCHEMA, SEM

ID = DEFAULT_BASE
SAMPLE = {"182027", "182028", "182047", "184757", "182712", "183578", "184765"}


def convert(path: Path):
    converter = Converter(source="ucdp-ged")
    quads = list(converter.quads([path]))
    return converter, quads


@pytest.fixture(scope="module")
def sample(ucdp_file, tmp_path_factory):
    header, rows = ucdp_rows(ucdp_file, SAMPLE)
    path = write_ucdp(tmp_path_factory.mktemp("ucdp") / "sample.csv", header, rows)
    converter, quads = convert(path)
    from crimegraph.rdf.io import quads_to_dataset

    from crimegraph.validate import union_graph

    dataset = quads_to_dataset(quads)
    return path, converter, quads, dataset, union_graph(dataset)


def event(ds, n: str) -> URIRef:
    """The event of UCDP id n: its IRI is the id and a digest of what the row says
    (docs/identity.md), its identifier the id."""
    pattern = (None, DCTERMS.identifier, Literal(f"ucdp-ged:{n}"))
    found = {s for s, *_ in (ds.quads((*pattern, None)) if isinstance(ds, Dataset) else ds.triples(pattern))}
    assert len(found) == 1 and str(next(iter(found))).startswith(f"{ID}event/ucdp-ged-{n}-"), found
    return next(iter(found))


def test_state_codes():
    assert state_code("Sinaloa state") == "MX-SIN"
    assert state_code("Michoacán state") == "MX-MIC"
    assert state_code("Veracruz state") == "MX-VER"
    assert state_code("Baja California Sur state") == "MX-BCS"
    assert state_code("Baja California state") == "MX-BCN"
    assert state_code("Distrito Federal") == "MX-CMX"
    assert state_code("Ciudad de México") == "MX-CMX"
    assert state_code("México state") == "MX-MEX"
    assert state_code("Atlantis state") is None


def test_every_actor_of_the_real_file_is_mapped(ucdp_file):
    names = set()
    with ucdp_file.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names.update((row["side_a"], row["side_b"]))
    assert names - set(mappings().actors) == set()
    for actor in mappings().actors.values():
        for org in actor.orgs:
            assert org in mappings().organizations or org in {"sinaloa-cartel", "zetas", "gulf-cartel", "cjng"}


def test_sample_rows_map_to_events(sample):
    _path, converter, _quads, ds, union = sample
    assert converter.stats.read == len(SAMPLE)
    assert converter.stats.events == len(SAMPLE)
    assert converter.stats.rejected == 0
    assert converter.stats.warnings == 1  # 184765: low 6 > high 5
    graph = URIRef(f"{ID}graph/ucdp-ged")
    g = ds.graph(graph)
    e = event(ds, "182712")  # Gulf Cartel, La Familia, Sinaloa Cartel vs Los Zetas, Reynosa
    assert (e, SEM.eventType, CGET.clash) in g
    actors = set(g.objects(e, CG.actor))
    # La Familia is the gazetteer's "La Familia Michoacana" node (matched by name in actors.yaml)
    assert actors == {URIRef(f"{ID}organization/{k}") for k in ("gulf-cartel", "la-familia-michoacana", "sinaloa-cartel")}
    assert set(g.objects(e, CG.opponent)) == {URIRef(f"{ID}organization/zetas")}  # the gazetteer's node
    assert (e, SEM.hasBeginTimeStamp, Literal("2010-03-10", datatype=XSD.date)) in g
    assert (e, CG.datePrecision, CG.DayPrecision) in g
    assert (e, CG.fatalities, Literal(3, datatype=XSD.nonNegativeInteger)) in g
    assert (e, CG.deathsUnknown, Literal(3, datatype=XSD.nonNegativeInteger)) in g
    ids = {str(i) for i in g.objects(e, DCTERMS.identifier)}
    assert {"ucdp-ged:182712", "ucdp-relid:GUA-2010-2-16972-69", "ucdp-conflict:15468", "ucdp-dyad:16972"} <= ids
    [source] = g.objects(e, DCTERMS.source)  # a citation node, never a literal
    assert isinstance(source, URIRef) and (source, RDF.type, SCHEMA.CreativeWork) in union
    assert [str(c) for c in union.objects(source, DCTERMS.bibliographicCitation)] == ['Associated Press (AP) 11 March 2010 "At least 8 dead across Mexico in drug killings']
    # containment: point → municipality → state → Mexico
    point = g.value(e, SEM.hasPlace)
    municipality = union.value(point, SCHEMA.containedInPlace)
    # a municipality's IRI is its GeoNames id (data/gazetteer/municipalities-geonames.tsv), docs/identity.md
    assert municipality == URIRef(f"{ID}place/geonames-7733376")
    assert (municipality, RDF.type, CG.Municipality) in union
    state = union.value(municipality, SCHEMA.containedInPlace)
    assert state == URIRef(f"{ID}place/mx-tam")
    assert (state, CG.iso3166Code, Literal("MX-TAM")) in union
    assert union.value(state, SCHEMA.containedInPlace) == URIRef(f"{ID}place/mx")
    assert union.value(point, SCHEMA.geo) is not None


def test_one_sided_violence_and_precisions(sample):
    *_, ds = sample
    e = event(ds, "182047")  # Government of Mexico against civilians
    assert (e, SEM.eventType, CGET.killing) in ds
    assert set(ds.objects(e, CG.actor)) == {URIRef(f"{ID}organization/government-of-mexico")}
    assert (URIRef(f"{ID}organization/government-of-mexico"), RDF.type, CG.GovernmentBody) in ds
    assert list(ds.objects(e, CG.victim)) == []  # UCDP's "Civilians" is no organization
    assert (e, CG.deathsCivilians, Literal(2, datatype=XSD.nonNegativeInteger)) in ds
    assert (event(ds, "182027"), CG.datePrecision, CG.MonthPrecision) in ds  # date_prec 4
    assert (event(ds, "182027"), SEM.hasEndTimeStamp, Literal("1992-09-30", datatype=XSD.date)) in ds
    assert ds.value(event(ds, "183578"), SEM.hasPlace) == URIRef(f"{ID}place/mx")  # where_prec 6
    # Distrito Federal → Ciudad de México (MX-CMX)
    point = ds.value(event(ds, "182027"), SEM.hasPlace)
    assert ds.value(point, SCHEMA.containedInPlace) == URIRef(f"{ID}place/mx-cmx")
    # low > high in UCDP: best kept, low/high left out with a warning
    assert ds.value(event(ds, "184765"), CG.fatalities) is not None
    assert ds.value(event(ds, "184765"), CG.fatalitiesLow) is None


def test_sample_conforms_to_the_shapes(sample):
    *_, ds, _union = sample
    report = validate_graph(ds)
    assert report.conforms, report.as_text()


def test_reimport_is_idempotent(sample, tmp_path):
    path, *_ = sample
    outputs = []
    for n in range(2):
        _c, quads = convert(path)
        out = tmp_path / f"run{n}.nt"
        write_quads(quads, out, RdfFormat.ntriples)
        outputs.append(sorted(out.read_text(encoding="utf-8").splitlines()))
    assert outputs[0] == outputs[1]


def test_bad_rows_are_reported_with_id_line_and_reason(ucdp_file, tmp_path):
    header, rows = ucdp_rows(ucdp_file, {"182028", "182047"})
    good = rows[0]
    bad = []
    for change in ({"id": ""}, {"date_start": "1992-13-01"}, {"type_of_violence": "9"},
                   {"latitude": "123.5"}, {"date_end": "1990-01-01"}, {"side_b": "Unknown Cartel"},
                   {"adm_1": "Atlantis state"}, {"best": "-3"}):
        row = dict(good)
        row.update(change)
        row["id"] = change.get("id", f"9{len(bad)}")
        bad.append(row)
    path = write_ucdp(tmp_path / "bad.csv", header, [rows[0], *bad, rows[1]])
    problems = []
    converter = Converter(source="ucdp-ged", on_problem=problems.append)
    list(converter.quads([path]))
    rejected = [p for p in problems if not isinstance(p, RecordWarning)]
    assert converter.stats.read == 10
    assert converter.stats.events == 2
    assert converter.stats.rejected == 8 == len(rejected)
    assert converter.stats.read == converter.stats.events + converter.stats.rejected
    text = [str(p) for p in rejected]
    assert "bad.csv:3" in text[0] and "id '' is not a UCDP event id" in text[0]
    assert "UCDP id 91" in text[1] and "date_start" in text[1]
    assert "type_of_violence 9 is unknown" in text[2]
    assert "latitude 123.5 is outside" in text[3]
    assert "before date_start" in text[4]
    assert "'Unknown Cartel' is not in data/ucdp/actors.yaml" in text[5]
    assert "Atlantis" in text[6]
    assert "best -3 is below 0" in text[7]


@pytest.mark.slow
def test_counts_add_up_on_the_whole_file(ucdp_file, ucdp_converted):
    with ucdp_file.open(encoding="utf-8", newline="") as fh:
        rows = sum(1 for _ in csv.DictReader(fh))
    _out, stats = ucdp_converted
    assert stats.read == rows == 18957
    assert stats.events + stats.rejected == stats.read
    assert stats.rejected == 0
    assert stats.warnings == 81  # UCDP low > high: kept without low/high, reported


@pytest.mark.slow
def test_every_imported_row_conforms(ucdp_converted):
    from crimegraph.validate import validate_files

    out, _stats = ucdp_converted
    report = validate_files([out])
    assert report.conforms and report.results == [], report.as_text()[:2000]


def test_cli_prints_counts_that_add_up(ucdp_file, tmp_path):
    from typer.testing import CliRunner

    from crimegraph.cli import app

    header, rows = ucdp_rows(ucdp_file, {"182028", "182047"})
    broken = dict(rows[0], id="99", date_start="1992-13-01")
    path = write_ucdp(tmp_path / "slice.csv", header, [rows[0], broken, rows[1]])
    result = CliRunner().invoke(app, ["convert", "--from", "ucdp-ged", str(path), "-o", str(tmp_path / "out.nq")])
    assert result.exit_code == 0, result.output
    assert "read 3 input rows/records: 2 converted, 1 rejected" in result.output
    assert "UCDP id 99" in result.output and "do not add up" not in result.output
