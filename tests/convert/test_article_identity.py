"""One article, one node: the same article read from any format (page text, a record of
the record format, a scraped JSON Lines record) gets the IRI of its canonical URL, else
of its publisher, date and title; its text has the same form from every reader, so the
conversions give the same mentions and evidence and their union validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL
from typer.testing import CliRunner

from crimegraph.cli import app
from crimegraph.convert import convert
from crimegraph.errors import InputError
from crimegraph.iri import canonical_url, url_key
from crimegraph.rdf.io import RdfFormat, write_quads
from crimegraph.validate import validate_files
from crimegraph.vocab import NIF, SCHEMA

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
PAGE = EXAMPLES / "insightcrime-unodc-liaison-office-mexico.txt"
RECORD = EXAMPLES / "seed-article.json"
ENTITIES = EXAMPLES / "seed-entities.yaml"
SEED = "https://w3id.org/crimegraph/id/article/insightcrime-2012-10-16-unodc-to-set-up-liaison-office-in-mexico"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _triples(result) -> set:
    return {q[:3] for q in result.quads}


def _articles(triples: set) -> set:
    return {s for s, p, o in triples if p == RDF_TYPE and o == SCHEMA.NewsArticle}


def _values(triples: set, subject, prop) -> set:
    return {o for s, p, o in triples if s == subject and p == prop}


def _write(result, target: Path) -> Path:
    assert not result.problems, [str(p) for p in result.problems]
    write_quads(result.quads, target, RdfFormat.nquads)
    return target


def test_the_page_text_and_the_record_of_one_article_are_one_node(tmp_path: Path) -> None:
    # the record's text has a no-break space where the page text has a space
    assert "\u00a0" in json.loads(RECORD.read_text(encoding="utf-8"))[0]["text"]
    page = convert([PAGE, ENTITIES], extract=True)
    record = convert([RECORD, ENTITIES], extract=True)
    from_page, from_record = _triples(page), _triples(record)
    assert _articles(from_page) == _articles(from_record) == {URIRef(SEED)}
    article = URIRef(SEED)
    for prop in (SCHEMA.headline, SCHEMA.datePublished, SCHEMA.inLanguage, SCHEMA.articleSection, SCHEMA.publisher):
        assert len(_values(from_page | from_record, article, prop)) == 1, prop
    context = URIRef(f"{SEED}#context")
    (text,) = _values(from_page | from_record, context, NIF.isString)
    assert "\u00a0" not in str(text)
    # the same text from both readers: the same mentions, spans and evidence
    in_article = lambda triples: {t for t in triples if str(t[0]).startswith(SEED)}  # noqa: E731
    differ = in_article(from_page) ^ in_article(from_record)
    assert {(str(p), str(o)) for _, p, o in differ} == {
        (str(SCHEMA.keywords), "Mexico"),  # the page's topic line; the record has none
        ("http://purl.org/dc/terms/identifier", "insightcrime-2012-10-16-unodc-liaison-office-mexico"),  # the record's id
    }
    # the union of the two conversions (and the curated events, which name the record's id) validates
    events = convert([RECORD, ENTITIES, EXAMPLES / "seed-events.jsonl"])
    report = validate_files([_write(page, tmp_path / "page.nq"), _write(record, tmp_path / "record.nq"),
                             _write(events, tmp_path / "events.nq")])
    assert report.conforms, report.as_text()
    evidence = {o for s, p, o in _triples(events) if str(p).endswith("#evidence")}
    assert evidence and all(str(e).startswith(f"{SEED}#char=") for e in evidence)


SCRAPED_CONTENT = (
    "Mexico agreed to host a liaison office\nSHARE\n"
    "Mexico has agreed to host a liaison office of the UN Office on Drugs and Crime\u00a0that will provide training.\n\n"
    "The office will also provide legal assistance, Notimex reported.\nSHARE\n"
)


def test_a_scraped_record_and_a_record_with_another_spelling_of_its_url_are_one_node(tmp_path: Path) -> None:
    scraped = tmp_path / "scraped.jsonl"
    scraped.write_text(json.dumps({
        "id": "ic-900", "url": "http://WWW.Example.org/news/brief/unodc-office/?utm_source=twitter#comments",
        "title": "UNODC  to Set Up Liaison Office", "date": "2012-10-16", "author": "Jane Example",
        "type": "Brief", "tags": ["Mexico"], "content": SCRAPED_CONTENT,
    }) + "\n", encoding="utf-8")
    record = tmp_path / "record.json"
    record.write_text(json.dumps([{
        "type": "article", "id": "mine-1", "url": "https://example.org/news/brief/unodc-office",
        "title": "UNODC to Set Up Liaison Office", "date": "2012-10-16", "authors": ["Jane Example"],
        "publisher": "InSight Crime", "language": "en", "section": "Brief",
        "text": "Mexico has agreed to host a liaison office of the UN Office on Drugs and Crime\u00a0that will "
                "provide training.\n\nThe office will also provide legal assistance, Notimex reported.",
    }]), encoding="utf-8")
    one, two = convert([scraped], extract=True), convert([record], extract=True)
    iri = URIRef("https://w3id.org/crimegraph/id/article/example-org-news-brief-unodc-office")
    assert _articles(_triples(one)) == _articles(_triples(two)) == {iri}
    union = _triples(one) | _triples(two)
    assert _values(union, iri, SCHEMA.url) == {URIRef("https://example.org/news/brief/unodc-office")}
    assert len(_values(union, URIRef(f"{iri}#context"), NIF.isString)) == 1
    assert _values(union, iri, SCHEMA.headline) == {Literal("UNODC to Set Up Liaison Office", lang="en")}
    report = validate_files([_write(one, tmp_path / "one.nq"), _write(two, tmp_path / "two.nq")])
    assert report.conforms, report.as_text()


def test_evidence_names_an_article_by_its_url_in_another_run_or_by_its_id_in_the_same(tmp_path: Path) -> None:
    article = {"type": "article", "id": "x-1", "url": "https://example.org/news/x", "title": "X",
               "text": "UNODC said so. Notimex reported it."}
    by_url = {"type": "event", "event_type": "statement", "actors": ["organization:UNODC"],
              "evidence": {"article": "http://www.example.org/news/x/?fbclid=1", "text": "UNODC said so.", "start": 0, "end": 14}}
    by_id = {"type": "event", "event_type": "statement", "actors": ["organization:Notimex"], "reported_in": ["x-1"],
             "evidence": {"article": "x-1", "text": "Notimex reported it.", "start": 15, "end": 35}}
    articles, events = tmp_path / "articles.jsonl", tmp_path / "events.jsonl"
    articles.write_text(json.dumps(article) + "\n", encoding="utf-8")
    events.write_text(json.dumps(by_url) + "\n", encoding="utf-8")
    iri = "https://w3id.org/crimegraph/id/article/example-org-news-x"
    apart = convert([events])  # another run: the URL alone says which article
    assert not apart.problems, [str(p) for p in apart.problems]
    assert {str(o) for s, p, o in _triples(apart) if str(p).endswith("#evidence")} == {f"{iri}#char=0,14"}
    events.write_text(json.dumps(by_url) + "\n" + json.dumps(by_id) + "\n", encoding="utf-8")
    together = convert([events, articles])  # the id reaches the article of the same conversion, in any order
    assert not together.problems, [str(p) for p in together.problems]
    triples = _triples(together)
    assert {str(o) for s, p, o in triples if str(p).endswith("#evidence")} == {f"{iri}#char=0,14", f"{iri}#char=15,35"}
    assert {str(o) for s, p, o in triples if str(p).endswith("#reportedIn")} == {iri}
    bad = {**by_url, "evidence": {**by_url["evidence"], "article": "https://exa mple.org/x"}}
    events.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    refused = convert([events])
    (problem,) = refused.problems
    assert "events.jsonl:1" in str(problem) and "evidence.0.article" in str(problem) and "malformed URL" in str(problem)


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://insightcrime.org/news/brief/x", "https://insightcrime.org/news/brief/x"),
    ("HTTP://WWW.InsightCrime.ORG/news/brief/x/", "https://insightcrime.org/news/brief/x"),
    ("https://insightcrime.org:443/news/brief/x#comments", "https://insightcrime.org/news/brief/x"),
    ("https://insightcrime.org/news/brief/x?utm_source=a&UTM_Medium=b&fbclid=c&gclid=d", "https://insightcrime.org/news/brief/x"),
    ("https://example.org/search/?q=zetas&page=2&utm_campaign=z", "https://example.org/search?page=2&q=zetas"),
    ("https://es.insightcrime.org/noticias/caf%c3%a9/", "https://es.insightcrime.org/noticias/caf%C3%A9"),
    ("https://es.insightcrime.org/noticias/café", "https://es.insightcrime.org/noticias/caf%C3%A9"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org:8080/a", "https://example.org:8080/a"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical  # a canonical URL is its own canonical form
    assert url_key(url) == canonical.removeprefix("https://")


@pytest.mark.parametrize("url", [
    "", "insightcrime.org/news/x", "ftp://insightcrime.org/x", "https://", "https:///x", "https://exa mple.org/",
    "https://example.org:99999/", "https://user:secret@example.org/", "https://-bad-.org/x", "javascript:alert(1)",
    "https://example.org/<script>",
])
def test_a_malformed_url_is_an_input_error(url: str) -> None:
    with pytest.raises(InputError, match="malformed URL"):
        canonical_url(url)


def test_a_record_with_a_malformed_url_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    good = {"type": "article", "id": "g", "title": "Good", "url": "https://example.org/good", "text": "Fine."}
    bad = {"type": "article", "id": "b", "title": "Bad", "url": "https://example.org:99999/bad", "text": "Not fine."}
    records = tmp_path / "articles.jsonl"
    records.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    scraped = tmp_path / "scraped.jsonl"
    scraped.write_text(json.dumps({"id": "s", "url": "https://example.org:70000/x", "title": "T", "content": "Text."}) + "\n",
                       encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out.nq"
    result = runner.invoke(app, ["convert", str(records), "-o", str(out), "--no-extract"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "articles.jsonl:2, field 'url'" in result.stderr and "malformed URL" in result.stderr
    assert "Traceback" not in result.output
    written = out.read_text(encoding="utf-8")
    assert "example-org-good" in written and "Bad" not in written  # the record is refused whole; the rest written
    strict = tmp_path / "strict.nq"
    result = runner.invoke(app, ["convert", str(records), "-o", str(strict), "--no-extract", "--strict"],
                           catch_exceptions=False)
    assert result.exit_code != 0 and not strict.exists()  # nothing written half-way
    alone = tmp_path / "alone.nq"
    result = runner.invoke(app, ["convert", str(scraped), "-o", str(alone), "--no-extract"], catch_exceptions=False)
    assert result.exit_code == 2 and not alone.exists()
    assert "scraped.jsonl:1, field 'url'" in result.stderr and "Port out of range" in result.stderr


def test_an_html_page_with_a_malformed_canonical_link_is_an_error_naming_the_file(tmp_path: Path) -> None:
    from crimegraph.ingest.articles import read_html

    page = tmp_path / "page.html"
    body = "<p>" + "The Zetas attacked police in Tamaulipas on Monday, officials said. " * 5 + "</p>"
    page.write_text(f'<html><head><title>A story</title><link rel="canonical" href="https://example.org:99999/story"/>'
                    f"</head><body><article><h1>A story</h1>{body}</article></body></html>", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        list(read_html(page))
    assert "page.html" in str(raised.value) and "canonical URL" in str(raised.value) and "Port out of range" in str(raised.value)
    fine = tmp_path / "fine.html"
    fine.write_text(page.read_text(encoding="utf-8").replace(":99999", "").replace("/story", "/story/?utm_source=x"),
                    encoding="utf-8")
    (article,) = [a for a in read_html(fine) if not isinstance(a, Exception)]
    assert article.url == "https://example.org/story"


def test_the_page_text_and_a_record_with_the_articles_url_are_linked_as_one(tmp_path: Path) -> None:
    """A saved page text has no URL, so it is keyed by publisher, date and title; a record
    of the same article with its URL is keyed by the URL and says that it is the same
    article as the one of its publisher, date and title (owl:sameAs), in any run."""
    url = "https://insightcrime.org/news/brief/unodc-to-set-up-liaison-office-in-mexico/"
    records = json.loads(RECORD.read_text(encoding="utf-8"))
    records[0]["url"] = url
    with_url = tmp_path / "with-url.json"
    with_url.write_text(json.dumps(records), encoding="utf-8")
    page = convert([PAGE, ENTITIES])
    record = convert([with_url, ENTITIES])
    by_url = URIRef("https://w3id.org/crimegraph/id/article/insightcrime-org-news-brief-unodc-to-set-up-liaison-office-in-mexico")
    assert _articles(_triples(page)) == {URIRef(SEED)} and _articles(_triples(record)) == {by_url}
    assert _values(_triples(record), by_url, OWL.sameAs) == {URIRef(SEED)}
    assert _values(_triples(record), by_url, SCHEMA.url) == {URIRef(url.rstrip("/"))}
    report = validate_files([_write(page, tmp_path / "page.nq"), _write(record, tmp_path / "record.nq")])
    assert report.conforms, report.as_text()
    # without a publisher, date and title there is nothing to link by
    del records[0]["date"]
    with_url.write_text(json.dumps(records), encoding="utf-8")
    assert not _values(_triples(convert([with_url, ENTITIES])), by_url, OWL.sameAs)
