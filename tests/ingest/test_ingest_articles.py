"""Article readers: InSight Crime page text, scraped JSON Lines, HTML; language; bad input."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

import pytest

from crimegraph.errors import CrimegraphError, InputError, InputWarning, RecordError
from crimegraph.ingest import articles
from crimegraph.ingest.articles import html_page
from crimegraph.ingest.articles import (
    clean_scraped,
    read_html,
    read_page_text,
    read_scraped_jsonl,
    rejoin_lines,
    split_authors,
)
from crimegraph.ingest.language import detect_language
from crimegraph.iri import slug
from crimegraph.model import Article, PartialDate, Ref, article_key
from crimegraph.ingest.registry import SOURCES, detect_source

ROOT = Path(__file__).resolve().parents[2]
# shared/ sits beside the project root (../shared); a git worktree is one level deeper
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
SEED = SHARED / "seed" / "000_3a52779ca399e378.txt"
CORPUS = SHARED / "corpus" / "insightcrime-2020-dev.jsonl"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"

needs_shared = pytest.mark.skipif(not SEED.exists() or not CORPUS.exists(), reason=f"shared material not found at {SHARED}")


def only_articles(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def problems(items) -> list[CrimegraphError]:
    return [item for item in items if isinstance(item, CrimegraphError)]


# --------------------------------------------------------------------------- page text


@needs_shared
def test_seed_page_metadata() -> None:
    items = list(read_page_text(SEED))
    assert problems(items) == []
    (article,) = only_articles(items)
    assert article.title == "UNODC to Set Up Liaison Office in Mexico"
    assert article.date == PartialDate(2012, 10, 16)
    assert article.section == "Brief"
    assert article.publisher == "InSight Crime"
    assert article.authors == []  # "BY INSIGHT CRIME": the newsroom, not a person
    assert article.countries == [Ref("Mexico", "place")]
    assert article.tags == ["Mexico"]
    assert article.language == "en"
    assert article.key is None  # a saved page has no id of its own
    assert slug(article_key(article)) == "insightcrime-2012-10-16-unodc-to-set-up-liaison-office-in-mexico"


@needs_shared
def test_seed_body_only() -> None:
    (article,) = only_articles(read_page_text(SEED))
    text = article.text
    assert text.startswith("Mexico has agreed")
    assert text.endswith("could have an impact on the region as a whole.")
    assert "\nInSight Crime Analysis\n" in text
    for furniture in ("Gulf Cartel", "Tamaulipas", "DONATE", "Related Content", "share icon",
                      "Was this content helpful", "Canada", "We encourage readers", "About InSight Crime"):
        assert furniture not in text


@needs_shared
def test_seed_key_does_not_depend_on_the_file_name(tmp_path: Path) -> None:
    copy = tmp_path / "saved-again.txt"
    shutil.copy(SEED, copy)
    (first,) = only_articles(read_page_text(SEED))
    (second,) = only_articles(read_page_text(copy))
    assert article_key(first) == article_key(second)


def test_page_text_byline_authors_and_countries(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "HomeNewsAnalysisGangs on the Border\nANALYSIS\n\nGangs on the Border\n\n"
        "EL SALVADOR, HONDURAS / 3 FEB 2020 BY PARKER ASMANN AND EIMHIN O'REILLY EN\n\n"
        "Gangs in El Salvador and Honduras have expanded their extortion rackets along the border.\n\n"
        "Was this content helpful?\n\nRelated Content\n\nGULF CARTEL / 20 MAR 2023\n",
        encoding="utf-8",
    )
    (article,) = only_articles(read_page_text(page))
    assert article.section == "Analysis"
    assert article.authors == ["Parker Asmann", "Eimhin O'Reilly"]
    assert article.countries == [Ref("El Salvador", "place"), Ref("Honduras", "place")]
    assert article.date == PartialDate(2020, 2, 3)
    assert article.text == "Gangs in El Salvador and Honduras have expanded their extortion rackets along the border."


def test_spanish_page_text(tmp_path: Path) -> None:
    page = tmp_path / "noticia.txt"
    page.write_text(
        "InicioNoticiasCapturan a un cabecilla\nNOTICIAS\n\nCapturan a un cabecilla del Clan del Golfo\n\n"
        "COLOMBIA, MÉXICO, CLAN DEL GOLFO / 15 AGO 2021 POR JUAN DIEGO CÁRDENAS Y ANGELA OLAYA ES\n\n"
        "La Policía Nacional de Colombia capturó en Antioquia a uno de los cabecillas del Clan del Golfo, "
        "informaron las autoridades el martes.\n",
        encoding="utf-8",
    )
    items = list(read_page_text(page))
    assert problems(items) == []
    (article,) = only_articles(items)
    assert article.date == PartialDate(2021, 8, 15)
    assert article.authors == ["Juan Diego Cárdenas", "Angela Olaya"]
    assert article.language == "es"
    assert article.countries == [Ref("Colombia", "place"), Ref("Mexico", "place")]
    assert article.tags == ["Colombia", "México", "Clan Del Golfo"]


def test_teaser_dates_are_not_taken_for_the_metadata_line(tmp_path: Path) -> None:
    page = tmp_path / "teasers.txt"
    page.write_text("A Title Only\n\nSome article text about extortion in Honduras and its gangs.\n\n"
                    "Related Content\n\nGULF CARTEL / 20 MAR 2023\n\nThe state of Tamaulipas.\n", encoding="utf-8")
    items = list(read_page_text(page))
    assert any(isinstance(p, InputWarning) for p in problems(items))
    (article,) = only_articles(items)
    assert article.date is None and article.title == "A Title Only"
    assert "Tamaulipas" not in article.text


def test_page_text_without_metadata_line_warns_and_converts(tmp_path: Path) -> None:
    page = tmp_path / "notes.txt"
    page.write_text(
        "Police Arrest Cartel Accountant\n\nPolice in Mexico arrested a man accused of laundering money "
        "for the Sinaloa Cartel, prosecutors said on Tuesday.\n",
        encoding="utf-8",
    )
    items = list(read_page_text(page))
    (warning,) = problems(items)
    assert isinstance(warning, InputWarning)
    assert "notes.txt" in str(warning) and "metadata line" in str(warning)
    (article,) = only_articles(items)
    assert article.title == "Police Arrest Cartel Accountant"
    assert article.date is None
    assert article.text.startswith("Police in Mexico arrested")
    assert slug(article_key(article)) == "police-arrest-cartel-accountant"


def test_page_text_with_title_only_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "title-only.txt"
    page.write_text("Just a Title\n", encoding="utf-8")
    with pytest.raises(InputError, match="title-only.txt.*no article text"):
        list(read_page_text(page))


# --------------------------------------------------------------------------- scraped JSON Lines


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    items = list(read_scraped_jsonl(CORPUS))
    assert problems(items) == []
    return {a.key: a for a in only_articles(items)}


def test_corpus_all_articles_parse(corpus: dict[str, Article]) -> None:
    assert len(corpus) == 24
    for article in corpus.values():
        assert article.title and article.text and article.date and article.authors
        assert article.publisher == "InSight Crime"
        assert article.language == "en"
        assert article.section in ("Brief", "Analysis")
        assert article.url.startswith("https://insightcrime.org/")  # canonical: no www., no trailing slash
        assert not article.url.endswith("/")


def test_corpus_metadata(corpus: dict[str, Article]) -> None:
    ic011 = corpus["ic-011"]
    assert ic011.authors == ["Parker Asmann", "Mónica Betancur", "Marcela Zuñiga"]
    assert ic011.date == PartialDate(2020, 2, 24)
    assert ic011.section == "Brief"
    assert ic011.tags == ["Brazil", "Human Rights", "Paraguay"]
    assert ic011.countries == [Ref("Brazil", "place"), Ref("Paraguay", "place")]
    assert corpus["ic-003"].authors == ["Max Radwin", "Seth Robbins"]
    assert corpus["ic-008"].authors == ["Lara Loaiza", "Maria Alejandra Navarrete"]
    # tags that are not countries stay tags only; short tags are never taken for ISO codes
    assert [c.name for c in corpus["ic-016"].countries] == ["Venezuela"]  # not "ELN"
    assert len(corpus["ic-023"].countries) == 17  # of 20 tags: not Featured, Homicides, Infographics


def test_corpus_split_sentences_rejoined(corpus: dict[str, Article]) -> None:
    lines = corpus["ic-001"].text.splitlines()
    sentence = ("according to the most recent report by the Monitoring of the Andean Amazon Project "
                "(MAAP) released in January.")
    assert any(sentence in line for line in lines)
    # punctuation that began a line after a link goes back without a space
    assert "with the start of Operation Mercurio, the multi-sector initiative" in corpus["ic-001"].text
    assert "Venezuelan Violence Observatory (Observatorio Venezolano de Violencia – OVV)." in corpus["ic-023"].text


def test_corpus_scrape_noise_removed(corpus: dict[str, Article]) -> None:
    for article in corpus.values():
        lines = article.text.splitlines()
        assert "SHARE" not in lines
        assert not any(line.startswith("SEE ALSO") for line in lines)
        for noise in ("What are your thoughts", "We encourage readers", "Creative Commons", "\nName\n", "×"):
            assert noise not in article.text, (article.key, noise)
    ic001 = corpus["ic-001"].text
    assert "Peru Running Out of Ideas to Stop Illegal Mining" not in ic001  # a SEE ALSO teaser
    assert "Map courtesy of" not in ic001  # an image credit
    assert not ic001.startswith("Deforestation due to illegal mining")  # the top image's caption
    assert "Red Command News and Profile" not in corpus["ic-012"].text  # "SEE ALSO" / ":" / title
    assert "Top Image" not in corpus["ic-003"].text
    assert "Barrio 18\nEl Salvador" not in corpus["ic-003"].text  # tags after the share row


def test_corpus_caption_without_period_does_not_swallow_the_next_paragraph(corpus: dict[str, Article]) -> None:
    paragraphs = corpus["ic-034"].text.split("\n\n")
    assert any(p.startswith("However, with the entry of larger cartels") for p in paragraphs)
    assert any(p.startswith("While it is uncertain if anybody") for p in corpus["ic-017"].text.split("\n\n"))


def test_corpus_keeps_paragraphs_and_headings(corpus: dict[str, Article]) -> None:
    paragraphs = corpus["ic-001"].text.split("\n\n")
    assert "InSight Crime Analysis" in paragraphs
    assert paragraphs[0].startswith("Satellite images show")
    assert "Caracas, Venezuela: 76 per 100,000" in corpus["ic-023"].text.split("\n\n")


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_record(**changes) -> str:
    record = {"id": "t-1", "url": "https://www.insightcrime.org/news/brief/t/", "title": "A Title",
              "date": "2020-02-13", "author": "Ana Pérez and Luis Gómez", "type": "Brief",
              "tags": ["Mexico", "Cocaine"],
              "content": "Caption\nSHARE\nPolice in Mexico seized\ncocaine\n, officials said.\nSHARE\nName"}
    record.update(changes)
    return json.dumps({k: v for k, v in record.items() if v is not ...}, ensure_ascii=False)


def test_jsonl_is_streamed_by_the_records_reader_and_only_newlines_end_a_line(tmp_path: Path, monkeypatch) -> None:
    # json.dumps(ensure_ascii=False) leaves U+2028 and U+0085 raw inside strings: only
    # a newline ends a JSON Lines record (str.splitlines() would cut the record in two)
    path = write_jsonl(tmp_path / "separators.jsonl", [
        good_record(id="ls", content="SHARE\nPolice in Mexico\u2028seized cocaine\u0085 officials said.\nSHARE"),
        good_record(id="ok-2"),
    ])
    from crimegraph.ingest import records
    from crimegraph.ingest.articles import scraped

    streamed = []
    monkeypatch.setattr(scraped, "read_jsonl", lambda p: (streamed.append(p), records.read_jsonl(p))[1])
    items = list(read_scraped_jsonl(path))
    assert streamed == [path]
    assert [a.key for a in only_articles(items)] == ["ls", "ok-2"], problems(items)
    assert only_articles(items)[0].origin.line == 1 and only_articles(items)[1].origin.line == 2


def test_jsonl_bad_lines_are_record_errors_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        good_record(id="ok-1"),
        "{not json",
        good_record(id="no-title", title=...),
        good_record(id="no-content", content=...),
        good_record(id="empty", content="SHARE\n\nSHARE"),
        "[1, 2]",
        good_record(id="bad-date", date="13/02/2020"),
        good_record(id="ok-2"),
    ])
    items = list(read_scraped_jsonl(path))
    assert [a.key for a in only_articles(items)] == ["ok-1", "ok-2"]
    errors = problems(items)
    assert all(isinstance(e, RecordError) for e in errors)
    assert [e.location.line for e in errors] == [2, 3, 4, 5, 6, 7]
    assert all(e.location.file == str(path) for e in errors)
    messages = [str(e) for e in errors]
    assert "not valid JSON" in messages[0]
    assert "field 'title'" in messages[1] and "missing" in messages[1]
    assert "field 'content'" in messages[2]
    assert "empty content" in messages[3]
    assert "must be an object" in messages[4]
    assert "field 'date'" in messages[5]


def test_jsonl_record_parts(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "one.jsonl", [good_record()])
    (article,) = only_articles(read_scraped_jsonl(path))
    assert article.text == "Police in Mexico seized cocaine, officials said."
    assert article.authors == ["Ana Pérez", "Luis Gómez"]
    assert article.countries == [Ref("Mexico", "place")]
    assert article.key == "t-1" and article.url == "https://insightcrime.org/news/brief/t"
    assert article_key(article) == "insightcrime.org/news/brief/t"  # the IRI comes from the URL, not the id
    assert article.origin.line == 1


def test_jsonl_article_without_date_is_converted_without_one(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "nodate.jsonl", [good_record(date=...), good_record(id="t-2", date="")])
    items = list(read_scraped_jsonl(path))
    assert problems(items) == []
    assert [a.date for a in only_articles(items)] == [None, None]


def test_unexpected_language_is_converted_with_a_warning(tmp_path: Path) -> None:
    french = ("Caption\nSHARE\nLa police mexicaine a arrêté jeudi un chef présumé du cartel de Sinaloa "
              "dans l'État de Sinaloa, selon le parquet général.\nSHARE")
    path = write_jsonl(tmp_path / "fr.jsonl", [good_record(id="fr-1", content=french), good_record(id="en-1")])
    items = list(read_scraped_jsonl(path))
    assert [a.key for a in only_articles(items)] == ["fr-1", "en-1"]
    assert [a.language for a in only_articles(items)] == ["fr", "en"]
    (warning,) = problems(items)
    assert isinstance(warning, InputWarning) and warning.location.line == 1
    assert "'fr'" in str(warning) and "fr.jsonl:1" in str(warning)


def test_jsonl_detected_as_article_source() -> None:
    assert detect_source(ROOT / "data" / "examples" / "seed-events.jsonl") == "records"
    if CORPUS.exists():
        assert detect_source(CORPUS) == "insightcrime-jsonl"
    assert {"text", "html", "insightcrime-jsonl"} <= set(SOURCES)


def test_jsonl_detected_even_if_first_line_is_broken(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "scrape.jsonl", ["{broken", good_record()])
    assert detect_source(path) == "insightcrime-jsonl"


# --------------------------------------------------------------------------- rejoining


def test_rejoin_glues_punctuation_and_keeps_headings() -> None:
    lines = [
        "The rate reached 76, according to the Observatory (",
        "Observatorio Venezolano de Violencia – OVV)",
        ".",
        "InSight Crime Analysis",
        "While La Pampa represents the greatest concentration of illegal mining in Peru, it spread.",
        "After",
        "Guacho’s killing",
        "by the military, FOS lost territory.",
        "Caracas, Venezuela: 76 per 100,000",
        "In the midst",
        "of the crisis, Caracas became the most violent capital.",
    ]
    assert rejoin_lines(lines, articles.furniture().headings) == [
        "The rate reached 76, according to the Observatory (Observatorio Venezolano de Violencia – OVV).",
        "InSight Crime Analysis",
        "While La Pampa represents the greatest concentration of illegal mining in Peru, it spread.",
        "After Guacho’s killing by the military, FOS lost territory.",
        "Caracas, Venezuela: 76 per 100,000",
        "In the midst of the crisis, Caracas became the most violent capital.",
    ]


def test_rejoin_empty_line_breaks_paragraph() -> None:
    assert rejoin_lines(["one without end", "", "Two."]) == ["one without end", "Two."]


def test_split_authors() -> None:
    assert split_authors("Max Radwin and Seth Robbins") == ["Max Radwin", "Seth Robbins"]
    assert split_authors("Angela Olaya y Josefina Salomón") == ["Angela Olaya", "Josefina Salomón"]
    assert split_authors("Laura Marcela Zuñiga ") == ["Laura Marcela Zuñiga"]
    assert split_authors("") == []
    assert split_authors("John E. Smith and Ana Pérez") == ["John E. Smith", "Ana Pérez"]


# --------------------------------------------------------------------------- HTML


def test_html_english_page() -> None:
    items = list(read_html(FIXTURES / "insightcrime-brief.html"))
    assert problems(items) == []
    (article,) = only_articles(items)
    assert article.title == "Gang Leader Captured in Honduras"
    assert article.date == PartialDate(2020, 3, 4)
    assert article.authors == ["Jane Example", "John Sample"]
    assert article.url == "https://insightcrime.org/news/brief/gang-leader-captured-honduras"
    assert article.key is None and article_key(article) == "insightcrime.org/news/brief/gang-leader-captured-honduras"
    assert article.publisher == "InSight Crime"
    assert article.language == "en"
    assert article.countries == [Ref("Honduras", "place")]  # from the page's metadata line
    assert article.tags == ["Honduras"]
    text = article.text
    assert text.startswith("Police in Honduras have captured")
    assert text.endswith("from inside the country’s prisons.")
    assert "InSight Crime Analysis" in text.split("\n\n")
    # entities decoded; scripts, styles, navigation, footer and teasers gone
    assert "group’s most active" in text and "“El Flaco,”" in text and "bus drivers & shop owners" in text
    assert "&amp;" not in text and "&#8217;" not in text
    for unwanted in ("SHOULD-NOT-APPEAR", "window.dataLayer", "font-family", "DONATE", "Investigations",
                     "Related Content", "Gulf Cartel", "All rights reserved", "We encourage readers"):
        assert unwanted not in text


def test_html_metadata_line_fills_missing_metadata(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(
        "<html><head><title>Cartel Boss Arrested</title></head><body><article><h1>Cartel Boss Arrested</h1>"
        "<div><a href='/mexico'>MEXICO</a> / <span>2 MAR 2020</span> BY <a href='/a'>ANA PÉREZ</a></div>"
        "<p>Police in Mexico arrested an alleged boss of the Sinaloa Cartel in Culiacán on Monday, "
        "officials said, in an operation with the army.</p></article></body></html>", encoding="utf-8")
    (article,) = only_articles(read_html(page))
    assert article.date == PartialDate(2020, 3, 2)
    assert article.authors == ["Ana Pérez"]
    assert article.countries == [Ref("Mexico", "place")]
    assert article.publisher == "InSight Crime"
    assert "MEXICO /" not in article.text


def test_html_spanish_page() -> None:
    (article,) = only_articles(read_html(FIXTURES / "noticia-es.html"))
    assert article.language == "es"
    assert article.title == "Capturan en Colombia a un cabecilla del Clan del Golfo"
    assert article.date == PartialDate(2021, 6, 15)
    assert article.text.startswith("La Policía Nacional de Colombia")
    assert "SCRIPT-SHOULD-NOT-APPEAR" not in article.text and "DONAR" not in article.text


def test_html_that_is_only_script_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "script.html"
    page.write_text("<html><head><script>alert('x')</script></head><body><script>var a=1;</script></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError, match="script.html.*no article text"):
        list(read_html(page))


def test_html_publication_date_comes_from_metadata_not_from_the_text(tmp_path: Path) -> None:
    page = tmp_path / "dates.html"
    page.write_text(
        "<html><head><title>No Date Here</title></head><body><article><h1>No Date Here</h1><p>The suspect "
        "was arrested on March 2, 2020 with four others, the Public Ministry said in a statement dated "
        "2019-05-04.</p></article></body></html>", encoding="utf-8")
    (article,) = only_articles(read_html(page))
    assert article.date is None  # converted without a date rather than with a guessed one
    page.write_text(
        '<html><head><title>T</title><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2020-03-05T10:00:00Z"}</script></head><body><article><p>Police in Honduras captured '
        "an alleged leader of the Barrio 18 gang in San Pedro Sula on 2019-05-04, officials said.</p>"
        "</article></body></html>", encoding="utf-8")
    (article,) = only_articles(read_html(page))
    assert article.date == PartialDate(2020, 3, 5)


def test_html_without_markup_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "link.html"
    page.write_text("https://insightcrime.org/news/brief/x/\n", encoding="utf-8")
    with pytest.raises(InputError, match="link.html.*not HTML"):
        list(read_html(page))


def test_large_html_page(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Gangs in Honduras extort bus driver number {i} and shop owners across the north, police said.</p>"
        for i in range(15000))
    page = tmp_path / "large.html"
    page.write_text(f"<html lang='en'><head><title>Large</title><script>var s='SCRIPT';</script></head><body>"
                    f"<nav>Home News</nav><article><h1>Large</h1>{paragraphs}</article></body></html>", encoding="utf-8")
    assert page.stat().st_size > html_page.FAST_HTML_CHARS
    (article,) = only_articles(read_html(page))
    assert article.text.count("\n\n") == 14999 and "SCRIPT" not in article.text


@pytest.mark.parametrize("url", ["https://insightcrime.org/news/brief/x/", "https:/insightcrime.org/x.html"])
def test_a_url_is_refused_not_fetched(url: str) -> None:
    with pytest.raises(InputError, match="never fetches"):
        list(read_html(url))


# --------------------------------------------------------------------------- bad files


READERS = [read_page_text, read_html, read_scraped_jsonl]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"], ids=["empty", "blank"])
def test_empty_file_is_an_error_naming_it(tmp_path: Path, reader, content: bytes) -> None:
    path = tmp_path / "empty.input"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty.input.*empty file"):
        list(reader(path))


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
def test_binary_file_is_an_error_naming_it(tmp_path: Path, reader) -> None:
    path = tmp_path / "image.input"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="image.input.*binary"):
        list(reader(path))


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
def test_invalid_utf8_names_file_line_and_column(tmp_path: Path, reader) -> None:
    path = tmp_path / "latin1.input"
    path.write_bytes(b"Title\n\nLa polic" + "ía".encode("latin-1") + b" captur\xf3\n")
    with pytest.raises(InputError) as caught:
        list(reader(path))
    assert caught.value.location.file == str(path)
    assert (caught.value.location.line, caught.value.location.column) == (3, 9)  # the "í" after "La polic"
    assert "UTF-8" in str(caught.value)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_page_text(tmp_path / "nope.txt"))


# --------------------------------------------------------------------------- size


TEN_MB = 10 * 1024 * 1024


def big_scrape(size: int) -> str:
    # link-broken sentences, share rows, SEE ALSO, headings: the worst mix for rejoining
    block = ("Police in the state\nreportedly seized\n, according to the\nAttorney General’s Office\n"
             ", about 20 tons of cocaine.\nSEE ALSO:\nAnother Article\nInSight Crime Analysis\n")
    return "Caption\nSHARE\n" + block * (size // len(block) + 1) + "SHARE\nName\n"


def test_ten_megabyte_scraped_article(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "title": "Big", "date": "2020-01-01", "content": big_scrape(TEN_MB)}),
                    encoding="utf-8")
    assert path.stat().st_size > TEN_MB
    started = time.perf_counter()
    (article,) = only_articles(read_scraped_jsonl(path))
    elapsed = time.perf_counter() - started
    assert article.text.startswith("Police in the state reportedly seized, according to the Attorney General’s Office,")
    assert "SEE ALSO" not in article.text and "Another Article" not in article.text
    assert article.language == "en"
    print(f"10 MB scraped article read in {elapsed:.2f}s")


def test_ten_megabyte_page_text_and_single_line(tmp_path: Path) -> None:
    paragraph = "Gangs in Honduras extort bus drivers and shop owners across the north of the country. " * 20
    body = "\n\n".join([paragraph] * (TEN_MB // len(paragraph) + 1))
    page = tmp_path / "big.txt"
    page.write_text("Big\n\nHONDURAS / 1 JAN 2020 BY ANA PÉREZ\n\n" + body + "\n\nDONATE\n", encoding="utf-8")
    (article,) = only_articles(read_page_text(page))
    assert len(article.text) > TEN_MB and "DONATE" not in article.text
    # no metadata line, and the first lines are megabytes long with slashes and spaces
    page.write_text("Huge\n\n" + ("a / b  c / " * (TEN_MB // 11)) + "\n\nEnd.\n", encoding="utf-8")
    items = list(read_page_text(page))
    assert isinstance(items[0], InputWarning) and only_articles(items)[0].title == "Huge"
    one_line = " ".join(["A sentence that does not end"] * (TEN_MB // 29 + 1))
    assert rejoin_lines([one_line, "and goes on."]) == [one_line + " and goes on."]
    assert len(clean_scraped(one_line)) == len(one_line)


# --------------------------------------------------------------------------- language


def test_language_is_deterministic_and_leaves_random_alone() -> None:
    text = "La Policía Nacional capturó a un cabecilla del Clan del Golfo en Antioquia."
    random.seed(1234)
    expected = random.random()
    random.seed(1234)
    results = {detect_language(text) for _ in range(5)}
    assert random.random() == expected
    assert results == {"es"}


@pytest.mark.parametrize("text,hint,expected", [
    ("", None, None),
    ("Mexico", None, None),
    ("Mexico", "EN", "en"),
    ("Cártel", "es", "es"),
    ("12345 67890 !!!", None, None),
    ("The Zetas and the Sinaloa Cartel fight over the trafficking routes into the United States.", "es", "en"),
    ("O Primeiro Comando da Capital controla as rotas do tráfico na fronteira com o Paraguai.", None, "pt"),
])
def test_language_detection(text: str, hint: str | None, expected: str | None) -> None:
    assert detect_language(text, hint=hint) == expected


# --------------------------------------------------------------------------- end to end


def convert_args(runner, app) -> list[str]:
    """``convert`` without the text extractor when the command has that switch: these
    tests are about the readers' metadata, not extraction."""
    help_text = runner.invoke(app, ["convert", "--help"], terminal_width=200).output
    return ["convert", "--no-extract"] if "--no-extract" in help_text else ["convert"]


@needs_shared
def test_convert_seed_corpus_and_html_end_to_end(tmp_path: Path) -> None:
    from rdflib import RDF, Dataset, Literal, URIRef
    from typer.testing import CliRunner

    from crimegraph.cli import app
    from crimegraph.validate import validate_graph
    from crimegraph.vocab import CG, SCHEMA

    runner = CliRunner()
    output = tmp_path / "articles.trig"
    inputs = [str(SEED), str(CORPUS), str(FIXTURES / "insightcrime-brief.html"), str(FIXTURES / "noticia-es.html")]
    result = runner.invoke(app, [*convert_args(runner, app), *inputs, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "0 rejected" in result.output and "27 articles" in result.output

    dataset = Dataset()
    dataset.parse(output, format="trig")
    report = validate_graph(dataset)
    assert report.violations == [], report.as_text()

    articles = {s for s, _, _, _ in dataset.quads((None, RDF.type, SCHEMA.NewsArticle, None))}
    facts: dict[URIRef, dict[URIRef, set]] = {}
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if s in articles:
            facts.setdefault(s, {}).setdefault(p, set()).add(o)
    assert len(facts) == 27
    by_headline = {str(next(iter(p[SCHEMA.headline]))): p for p in facts.values()}

    seed = by_headline["UNODC to Set Up Liaison Office in Mexico"]
    assert {str(v) for v in seed[SCHEMA.datePublished]} == {"2012-10-16"}
    assert {str(v) for v in seed[SCHEMA.articleSection]} == {"Brief"}
    assert {str(v) for v in seed[SCHEMA.inLanguage]} == {"en"}
    assert {str(v) for v in seed[SCHEMA.keywords]} == {"Mexico"}
    assert SCHEMA.publisher in seed and CG.aboutCountry in seed

    ic011 = by_headline["PCC Suspected in Journalist’s Killing on Brazil-Paraguay Border"]
    assert len(ic011[SCHEMA.author]) == 3
    assert len(ic011[CG.aboutCountry]) == 2
    assert Literal("Human Rights") in ic011[SCHEMA.keywords]
    assert {str(v) for v in ic011[SCHEMA.articleSection]} == {"Brief"}
    assert {str(v) for v in ic011[SCHEMA.datePublished]} == {"2020-02-24"}
    assert URIRef("https://insightcrime.org/news/brief/journalist-shot-dead-brazil-paraguay-border") in ic011[SCHEMA.url]
    spanish = by_headline.pop("Capturan en Colombia a un cabecilla del Clan del Golfo")
    assert {str(v) for v in spanish[SCHEMA.inLanguage]} == {"es"}
    for properties in by_headline.values():  # every InSight Crime article
        assert {str(v) for v in properties[SCHEMA.inLanguage]} == {"en"}
        assert len(properties[SCHEMA.publisher]) == 1 and SCHEMA.datePublished in properties


def test_convert_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crimegraph.cli import app

    good = tmp_path / "good.txt"
    good.write_text("Cartel Boss Arrested\n\nMEXICO / 2 MAR 2020 BY ANA PÉREZ\n\n"
                    "Police in Mexico arrested a cartel boss on Monday, officials said.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"\x00\x01\x02binary")
    no_meta = tmp_path / "no-meta.txt"
    no_meta.write_text("Some Title\n\nSome text about gangs in Honduras and their extortion rackets.\n", encoding="utf-8")
    output = tmp_path / "out.nq"
    runner = CliRunner()
    result = runner.invoke(app, [*convert_args(runner, app), str(good), str(empty), str(binary), str(no_meta), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "empty file" in result.output
    assert "binary.html" in result.output and "binary" in result.output
    assert "no-meta.txt" in result.output and "metadata line" in result.output
    assert "2 articles" in result.output and "2 rejected" in result.output
    assert output.exists()


def test_warnings_are_reported_but_not_rejections(tmp_path: Path) -> None:
    from crimegraph.convert import convert

    page = tmp_path / "no-meta.txt"
    page.write_text("Some Title\n\nSome text about gangs in Honduras and their extortion rackets.\n", encoding="utf-8")
    seen: list[CrimegraphError] = []
    result = convert([page], on_problem=seen.append)
    assert result.stats.articles == 1 and result.stats.rejected == 0 and result.stats.warnings == 1
    assert result.problems == [] and len(result.warnings) == 1 and seen == result.warnings


def test_strict_fails_on_rejections_not_on_warnings(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crimegraph.cli import app

    page = tmp_path / "no-meta.txt"
    page.write_text("Some Title\n\nSome text about gangs in Honduras and their extortion rackets.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    runner = CliRunner()
    args = convert_args(runner, app)
    ok = runner.invoke(app, [*args, "--strict", str(page), "-o", str(tmp_path / "ok.nq")])
    assert ok.exit_code == 0, ok.output
    assert "metadata line" in ok.output
    failed = runner.invoke(app, [*args, "--strict", str(page), str(empty), "-o", str(tmp_path / "no.nq")])
    assert failed.exit_code == 1 and not (tmp_path / "no.nq").exists()
