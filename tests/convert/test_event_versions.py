"""The same event id from two sources that state it differently (two versions of a UCDP
row with another death count and date; two record files): converted in separate runs,
their union validates and keeps both versions, each with its own values and its source
(docs/identity.md, "Facts that add up")."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from crimegraph.validate import validate_files
from crimegraph.vocab import CG, SEM
from tests.run_helpers import convert_to_nquads, union_of
from tests.ucdp_helpers import ucdp_rows, write_ucdp

ONE = """
- {type: article, title: First report, date: "2020-05-02", publisher: Example News, url: "https://example.org/first-report"}
- {type: event, id: clash-1, event_type: clash, date: "2020-05-01", place: place:Mexico, fatalities: 3,
   actors: [organization:Gulf Test Cartel], reported_in: ["https://example.org/first-report"]}
"""
TWO = """
- {type: article, title: Second report, date: "2020-05-09", publisher: Example News, url: "https://example.org/second-report"}
- {type: event, id: clash-1, event_type: clash, date: "2020-05-02", place: place:Mexico, fatalities: 5,
   actors: [organization:Gulf Test Cartel], reported_in: ["https://example.org/second-report"]}
"""
FIRST, SECOND = (URIRef("https://w3id.org/crimegraph/id/article/example-org-first-report"),
                 URIRef("https://w3id.org/crimegraph/id/article/example-org-second-report"))


def _versions(union: Dataset, identifier: str) -> list[URIRef]:
    return sorted(s for s in union.subjects(DCTERMS.identifier, Literal(identifier))
                  if (s, RDF.type, SEM.Event) in union)


def test_two_record_files_with_one_event_id_keep_both_versions_with_their_sources(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.yaml").write_text(TWO, encoding="utf-8")
    files = [convert_to_nquads([tmp_path / "one.yaml"], tmp_path / "one.nq"), convert_to_nquads([tmp_path / "two.yaml"], tmp_path / "two.nq")]
    report = validate_files(files)
    assert report.conforms, report.as_text()
    union = union_of(files)
    versions = _versions(union, "clash-1")
    said = {(str(union.value(v, SEM.hasTimeStamp)), int(union.value(v, CG.fatalities)), union.value(v, CG.reportedIn))
            for v in versions}
    assert said == {("2020-05-01", 3, FIRST), ("2020-05-02", 5, SECOND)}
    # the same record converted again is the same node
    again = convert_to_nquads([tmp_path / "one.yaml"], tmp_path / "again.nq")
    assert _versions(union_of([files[0], again]), "clash-1") == _versions(union_of([files[0]]), "clash-1")


def test_two_versions_of_a_ucdp_row_validate_together_and_keep_both_counts(ucdp_file, tmp_path: Path) -> None:
    header, rows = ucdp_rows(ucdp_file, {"182027"})
    assert len(rows) == 1
    revised = {**rows[0], "best": str(int(rows[0]["best"]) + 2), "high": str(int(rows[0]["high"]) + 2),
               "date_start": "1992-09-02", "source_article": "A revised test citation"}
    first = write_ucdp(tmp_path / "ged-first.csv", header, rows)
    second = write_ucdp(tmp_path / "ged-second.csv", header, [revised])
    files = [convert_to_nquads([first], tmp_path / "first.nq", source="ucdp-ged"),
             convert_to_nquads([second], tmp_path / "second.nq", source="ucdp-ged")]
    report = validate_files(files)
    assert report.conforms, report.as_text()
    union = union_of(files)
    versions = _versions(union, "ucdp-ged:182027")
    assert len(versions) == 2
    said = {(int(union.value(v, CG.fatalities)), str(union.value(union.value(v, DCTERMS.source), DCTERMS.bibliographicCitation)))
            for v in versions}
    original = " ".join(rows[0]["source_article"].strip().strip('"').split())
    assert said == {(int(rows[0]["best"]), original), (int(rows[0]["best"]) + 2, "A revised test citation")}
    for version in versions:  # each version keeps its own one value of everything
        assert len(set(union.objects(version, CG.fatalities))) == 1
        assert len(set(union.objects(version, CG.fatalitiesHigh))) == 1
        assert len(set(union.objects(version, SEM.hasBeginTimeStamp))) == 1
        assert set(union.objects(version, SEM.hasBeginTimeStamp)) <= {
            Literal(rows[0]["date_start"][:10], datatype=XSD.date), Literal(revised["date_start"][:10], datatype=XSD.date)}
