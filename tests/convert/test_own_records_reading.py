"""What a place name in an article reads as is a function of the article and of the set of
the input's own records, never of their order or of repeats (docs/identity.md).

A cluster partition repeats the UCDP places of its rows, in the order of its rows, so
the entity records every worker knows are those of a one-process run in another order
and with repeats. UCDP gives a state and a municipality of one name ("Chihuahua"), or a
state whose alias is a municipality's name ("Veracruz"): the extractor's table of own
records kept the last record added for a spelling, and which of the two a text's
"Veracruz" named, and so the place of an event and its IRI, differed between a cluster
run and a one-process run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef

from crimegraph.convert import Converter, Settings, convert, read_entities
from crimegraph.extract import ArticleExtractor
from crimegraph.vocab import DEFAULT_BASE, ITSRDF, SEM

STATES = [
    {"type": "place", "name": "Chihuahua", "kind": "state", "iso_code": "MX-CHH", "within": "Mexico"},
    {"type": "place", "name": "Veracruz de Ignacio de la Llave", "aliases": ["Veracruz"], "kind": "state",
     "iso_code": "MX-VER", "within": "Mexico"},
]
MUNICIPALITIES = [  # as the UCDP reader gives them: keyed by state code and name
    {"type": "place", "id": "MX-CHH-Chihuahua", "name": "Chihuahua", "aliases": ["Chihuahua municipality"],
     "kind": "municipality", "within": "MX-CHH"},
    {"type": "place", "id": "MX-VER-Veracruz", "name": "Veracruz", "aliases": ["Veracruz municipality"],
     "kind": "municipality", "within": "MX-VER"},
]
ARTICLE = {
    "type": "article", "id": "a-1", "url": "https://example.org/news/two-states", "title": "Two states",
    "date": "2020-05-04", "publisher": "Example News", "language": "en",
    "text": ("Gunmen killed a police officer in Chihuahua on Monday, the state prosecutor said. "
             "Two days later, soldiers seized 200 kilograms of fentanyl in Veracruz."),
}


def write_jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("own-records")
    return {"states": write_jsonl(folder / "states.jsonl", STATES),
            "municipalities": write_jsonl(folder / "municipalities.jsonl", MUNICIPALITIES),
            "article": write_jsonl(folder / "article.jsonl", [ARTICLE])}


def article_quads(quads) -> set:
    """The quads of the article's own graph (its mentions, events and their places)."""
    return {q for q in quads if "/graph/article/" in str(q[3])}


def named(quads, what: URIRef) -> set[str]:
    return {str(q[2]).removeprefix(DEFAULT_BASE) for q in quads if q[1] == what}


def test_the_input_order_does_not_change_what_a_shared_place_name_reads_as(files) -> None:
    one = convert([files["states"], files["municipalities"], files["article"]], extract=True)
    other = convert([files["municipalities"], files["states"], files["article"]], extract=True)
    assert not one.problems and not other.problems, [str(p) for p in one.problems + other.problems]
    assert article_quads(one.quads) == article_quads(other.quads)
    # the state, as the authorities read "Chihuahua" first; "Veracruz" is GeoNames' city
    # for the authorities (pycountry's state is "Veracruz de Ignacio de la Llave"), so
    # neither of the two records that give the name
    mentioned = named(article_quads(one.quads), ITSRDF.taIdentRef)
    assert "place/mx-chh" in mentioned and "place/geonames-3514783" in mentioned, sorted(mentioned)
    assert not any(iri.startswith("place/mx-ver") or "8581816" in iri for iri in mentioned), sorted(mentioned)
    assert named(article_quads(one.quads), SEM.hasPlace) <= mentioned


def test_a_partition_with_repeated_records_in_another_order_reads_the_article_as_one_run(files) -> None:
    """As on a cluster: every worker knows the entity records of all partitions, here in
    the order and with the repeats that windows of a UCDP file give."""
    whole = convert([files["states"], files["municipalities"], files["article"]], extract=True)
    settings = Settings(extract=True)
    states, _ = read_entities(files["states"], settings)
    municipalities, _ = read_entities(files["municipalities"], settings)
    article, _ = read_entities(files["article"], settings)
    for entities in (municipalities + states[::-1] + article,
                     states + municipalities + states[1:] + municipalities[1:] + article):
        converter = Converter(extractor=ArticleExtractor())
        part = list(converter.quads([files["article"]], entities=entities))
        assert not converter.problems, [str(p) for p in converter.problems]
        assert article_quads(part) == article_quads(whole.quads)
