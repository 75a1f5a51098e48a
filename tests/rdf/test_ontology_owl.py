"""The ontology is OWL 2 DL and consistent, and so is what the converter writes with it.

Which tools, and why:

* **OWL 2 DL profile**: the OWL API's ``OWL2DLProfile`` (Debian's ``libowlapi-java``
  5.1.20), the reference implementation of the OWL 2 profiles and the checker issue 11
  measured the ontology with. It runs in a process of its own through JPype
  (``tests/rdf/owl_profile.py``), so no JVM lives in the pytest process.
* **Consistency**: HermiT 1.3.8, a complete OWL 2 DL reasoner, as shipped inside
  owlready2 (PyPI) and run by ``owlready2.sync_reasoner_hermit``.

Both need Java. ``.ci/services.sh`` installs Debian's ``default-jre-headless`` and
``libowlapi-java``; the ``test`` extra installs JPype and owlready2. Without them the
tests that need them are skipped locally and fail under ``CI=true``. The check that every
property the converter writes is declared with the kind it is used as needs no Java.

The converted data is checked together with the ontology. Its only departure from OWL 2
DL is allowed by name: literals of the datatypes that SEM, schema.org and GeoSPARQL
prescribe but the OWL 2 datatype map lacks (``xsd:date``, ``xsd:gYear``,
``xsd:gYearMonth``, ``geo:wktLiteral``), which the ontology declares as datatypes; HermiT
is told to ignore their values (``ignore_unsupported_datatypes``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from crimegraph.convert import convert
from crimegraph.vocab import CG, FOAF, GEO, ITSRDF, NIF, SCHEMA, SEM, SKOS, ontology_graph
from tests.conftest import EXAMPLES, require_service
from tests.rdf import owl_profile
from tests.ucdp_helpers import ucdp_path, ucdp_rows, write_ucdp

#: Datatypes outside the OWL 2 datatype map whose literals the converter writes.
EXTRA_DATATYPES = {str(XSD.date), str(XSD.gYear), str(XSD.gYearMonth), str(GEO.wktLiteral)}
BUILT_IN = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.sameAs, RDF.type}


# --------------------------------------------------------------------------- tools


def dev_corpus() -> Path:
    """The shared InSight Crime development articles (beside the UCDP file)."""
    return ucdp_path().parent / "insightcrime-2020-dev.jsonl"


def require_java_tools(*, reasoner: bool = False, profile: bool = False) -> None:
    require_service("java", shutil.which("java") is not None, "Debian default-jre-headless (.ci/services.sh)")
    if profile:
        missing = owl_profile.missing_jars()
        require_service("OWL API", not missing, f"Debian libowlapi-java (.ci/services.sh); missing {missing}")
        try:
            import jpype  # noqa: F401
        except ImportError:
            require_service("JPype", False, "pip install -e '.[test]'")
    if reasoner:
        try:
            import owlready2  # noqa: F401
        except ImportError:
            require_service("owlready2", False, "pip install -e '.[test]'")


def profile_violations(graph: Graph, tmp_path: Path) -> list[dict[str, str]]:
    """The OWL API's OWL 2 DL profile violations of ``graph``."""
    require_java_tools(profile=True)
    path = tmp_path / "profile.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    run = subprocess.run([sys.executable, owl_profile.__file__, str(path)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "JAVA_TOOL_OPTIONS": "-Xmx1g"})
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])["violations"]


def consistent(graph: Graph, tmp_path: Path) -> bool:
    """Whether HermiT finds ``graph`` consistent."""
    require_java_tools(reasoner=True)
    import owlready2

    path = tmp_path / "reasoner.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        with ontology:
            owlready2.sync_reasoner_hermit([ontology], infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    finally:
        world.close()
    return True


# --------------------------------------------------------------------------- data


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The bundled examples, three dev-corpus articles and six UCDP rows, converted in one
    run: every kind of record, article and extraction the converter writes."""
    folder = tmp_path_factory.mktemp("owl-data")
    articles = folder / "insightcrime.jsonl"
    with dev_corpus().open(encoding="utf-8") as fh:
        articles.write_text("".join(next(fh) for _ in range(3)), encoding="utf-8")
    header, rows = ucdp_rows(ucdp_path(), {"182027", "182028", "182047", "184757", "182712", "183578"})
    ucdp = write_ucdp(folder / "ucdp.csv", header, rows)
    news = convert(sorted(EXAMPLES.glob("*.[jcyt]*")) + [articles])
    events = convert([ucdp], source="ucdp-ged")
    assert not news.problems and not events.problems
    graph = Graph()
    for s, p, o, _ in news.quads + events.quads:
        graph.add((s, p, o))
    return graph


def with_ontology(*graphs: Graph) -> Graph:
    merged = Graph()
    for triple in ontology_graph():
        merged.add(triple)
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


# --------------------------------------------------------------------------- OWL 2 DL


@pytest.mark.service
def test_the_ontology_is_owl2_dl(tmp_path: Path) -> None:
    violations = profile_violations(with_ontology(), tmp_path)
    assert violations == [], "\n".join(v["text"] for v in violations[:20])


@pytest.mark.service
def test_the_profile_check_finds_punning_and_undeclared_terms(tmp_path: Path) -> None:
    """The checker is real: the two faults issue 11 found in the old ontology are reported."""
    broken = with_ontology()
    broken.remove((CG.acronym, RDF.type, OWL.AnnotationProperty))
    broken.add((CG.acronym, RDF.type, OWL.DatatypeProperty))  # below the annotation skos:altLabel
    broken.remove((SEM.Event, RDF.type, OWL.Class))
    found = profile_violations(broken, tmp_path)
    assert any(v["kind"] == "IllegalPunning" and str(CG.acronym) in v["text"] for v in found), found
    assert any(v["kind"] == "UseOfUndeclaredClass" and str(SEM.Event) in v["text"] for v in found), found


@pytest.mark.service
def test_converted_data_is_owl2_dl_with_the_ontology(converted: Graph, tmp_path: Path) -> None:
    violations = profile_violations(with_ontology(converted), tmp_path)
    allowed = [v for v in violations if v["kind"] == "UseOfDefinedDatatypeInLiteral" and v["datatype"] in EXTRA_DATATYPES]
    others = [v["text"] for v in violations if v not in allowed]
    assert others == [], "\n".join(others[:20])
    assert str(XSD.date) in {v["datatype"] for v in allowed}  # the check sees the data's literals
    ontology = ontology_graph()
    for datatype in EXTRA_DATATYPES:  # and the ontology declares what it lets through
        assert (URIRef(datatype), RDF.type, RDFS.Datatype) in ontology


# --------------------------------------------------------------------------- consistency


@pytest.mark.service
def test_the_ontology_and_the_converted_data_are_consistent(converted: Graph, tmp_path: Path) -> None:
    assert consistent(with_ontology(converted), tmp_path)


@pytest.mark.service
def test_the_reasoner_finds_contradictions(converted: Graph, tmp_path: Path) -> None:
    """HermiT is really reasoning: a group that is also a person, or a negative death
    toll, contradicts the ontology."""
    group = next(converted.subjects(RDF.type, CG.CriminalGroup))
    person_and_group = Graph()
    person_and_group.add((group, RDF.type, FOAF.Person))
    assert not consistent(with_ontology(converted, person_and_group), tmp_path)
    event = next(converted.subjects(RDF.type, SEM.Event))
    negative = Graph()
    negative.add((event, CG.fatalities, Literal(-1, datatype=XSD.integer)))
    assert not consistent(with_ontology(converted, negative), tmp_path)


# --------------------------------------------------------------------------- declarations (no Java)


def declared_kinds(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    kinds: dict[URIRef, set[URIRef]] = {}
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype):
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef):
                kinds.setdefault(term, set()).add(kind)
    return kinds


def undeclared_uses(triples, kinds: dict[URIRef, set[URIRef]]) -> set[str]:
    """Every property and class of ``triples`` that the ontology does not declare with the
    kind it is used as (IRI values: object property, literals: datatype property;
    annotation properties take either)."""
    problems = set()
    for _s, p, o in triples:
        if p == RDF.type:
            if isinstance(o, URIRef) and OWL.Class not in kinds.get(o, set()):
                problems.add(f"class {o} is not declared an owl:Class")
            continue
        if p in BUILT_IN:
            continue
        declared = kinds.get(p, set())
        if OWL.AnnotationProperty in declared:
            continue
        want = OWL.DatatypeProperty if isinstance(o, Literal) else OWL.ObjectProperty
        if declared != {want}:
            problems.add(f"{p} is used with {'literals' if isinstance(o, Literal) else 'IRIs'} "
                         f"but declared {sorted(str(k) for k in declared) or 'nowhere'}")
    return problems


def test_every_declared_term_has_one_kind() -> None:
    kinds = declared_kinds(ontology_graph())
    punned = {term: k for term, k in kinds.items() if len(k - {OWL.Class}) > 1 or (k & {RDFS.Datatype} and len(k) > 1)}
    assert not punned, punned


def test_every_vocabulary_term_of_the_code_is_declared() -> None:
    """The closed namespaces of crimegraph.vocab are what the code can write."""
    kinds = declared_kinds(ontology_graph())
    missing = [str(ns[name]) for ns in (SCHEMA, SEM, NIF, ITSRDF) for name in ns.__annotations__
               if URIRef(str(ns[name])) not in kinds]
    assert not missing, missing


def test_every_term_the_converter_writes_is_declared_with_its_kind(converted: Graph) -> None:
    assert not undeclared_uses(converted, declared_kinds(ontology_graph()))


def test_the_declaration_check_catches_a_literal_where_a_resource_belongs() -> None:
    kinds = declared_kinds(ontology_graph())
    place = URIRef("https://w3id.org/crimegraph/id/place/mx")
    assert undeclared_uses([(place, URIRef("http://purl.org/dc/terms/source"), Literal("pycountry"))], kinds)
    assert undeclared_uses([(place, RDF.type, URIRef(str(SEM) + "Evnt"))], kinds)
    assert not undeclared_uses([(place, SKOS.altLabel, Literal("México"))], kinds)


@pytest.mark.slow
def test_the_whole_dev_corpus_and_ucdp_use_only_declared_terms(ucdp_converted, tmp_path: Path) -> None:
    """The same check on everything the shared corpus converts to (24 articles, 18,957
    UCDP events)."""
    kinds = declared_kinds(ontology_graph())
    news = convert([dev_corpus()])
    assert not news.problems
    assert not undeclared_uses(((s, p, o) for s, p, o, _ in news.quads), kinds)
    path, _stats = ucdp_converted
    assert not undeclared_uses(_triples(path), kinds)


def _triples(path: Path):
    """The triples of an N-Quads file as rdflib terms (read with pyoxigraph: fast)."""
    import pyoxigraph as ox

    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        o = quad.object
        value = Literal(o.value) if isinstance(o, ox.Literal) else URIRef(o.value)
        yield URIRef(quad.subject.value), URIRef(quad.predicate.value), value
