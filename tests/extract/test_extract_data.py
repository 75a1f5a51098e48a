"""The extractor's data files: gazetteer and lexicons are consistent and checkable."""

from __future__ import annotations

from crimegraph.extract.dates import normalize
from crimegraph.extract.gazetteer import gazetteer_records
from crimegraph.extract.lexicon import load
from crimegraph.iri import normalize_name
from crimegraph.model import Organization, PartialDate
from crimegraph.vocab import event_types

KEPT_IDS = {"sinaloa-cartel", "zetas", "gulf-cartel", "cjng", "unodc", "united-nations"}


def test_gazetteer_keeps_the_ids_others_link_to() -> None:
    assert KEPT_IDS <= {r.key for r in gazetteer_records()}


def test_gazetteer_names_are_unambiguous() -> None:
    """No name, alias or acronym names two shipped entities of the same kind."""
    seen: dict[tuple[str, str], str] = {}
    for record in gazetteer_records():
        kind = type(record).__name__
        for name in {record.name, *record.aliases, *getattr(record, "acronyms", [])}:
            key = (kind, normalize_name(name))
            assert seen.setdefault(key, record.name) == record.name, f"{name!r}: {seen[key]} and {record.name}"


def test_gazetteer_has_no_identifier_without_a_source() -> None:
    for record in gazetteer_records():
        if record.wikidata or getattr(record, "geonames_id", None) or record.same_as:
            assert record.sources, record.name


def test_gazetteer_covers_the_kinds_of_the_field() -> None:
    kinds = {r.kind for r in gazetteer_records() if isinstance(r, Organization)}
    assert {"criminal-group", "government-body", "international-organization", "media", "ngo"} <= kinds
    names = {normalize_name(n) for r in gazetteer_records() for n in [r.name, *r.aliases, *getattr(r, "acronyms", [])]}
    for name in ("Los Zetas", "the Zetas", "UNODC", "UN Office on Drugs and Crime", "CJNG",
                 "Jalisco Cartel New Generation", "Cártel de Jalisco Nueva Generación", "MS13", "Barrio 18",
                 "ex-FARC Mafia", "ELN", "PCC", "Primeiro Comando da Capital"):
        assert normalize_name(name) in names, name


def test_event_lexicon_uses_ontology_types() -> None:
    types = set(event_types())
    events = load("events")
    for group in ("verbs", "nouns"):
        for lemma, entry in events[group].items():
            assert isinstance(lemma, str) and entry["type"] in types, lemma
            for prep in (entry.get("preps") or {}):
                assert isinstance(prep, str), f"{lemma}: YAML read {prep!r} (quote it)"


def test_dates() -> None:
    pub = PartialDate(2020, 2, 17)  # a Monday
    assert normalize("in June 2012", pub) == (PartialDate(2012, 6), "month")
    assert normalize("in 2019", pub) == (PartialDate(2019), "year")
    assert normalize("February 21", pub) == (PartialDate(2020, 2, 21), "day")
    assert normalize("November", pub) == (PartialDate(2019, 11), "month")  # the last November
    assert normalize("last week", pub) == (PartialDate(2020, 2, 10), "week")
    assert normalize("on Tuesday", pub) == (PartialDate(2020, 2, 11), "day")
    assert normalize("yesterday", pub) == (PartialDate(2020, 2, 16), "day")
    assert normalize("last year", pub) == (PartialDate(2019), "year")
    assert normalize("last month", pub) == (PartialDate(2020, 1), "month")
    assert normalize("2014-2019", pub) is None and normalize("15 months", pub) is None
    assert normalize("last week", None) is None and normalize("on Tuesday", PartialDate(2020)) is None
    assert normalize("16 de octubre de 2012", None) == (PartialDate(2012, 10, 16), "day")


#: Runs in a fresh interpreter, so that the lexicons are loaded while tracked: extracts
#: the rule cases and the bundled example articles and prints the keys read.
_TRACK = """
import json, sys
from pathlib import Path
import yaml
from crimegraph.extract import lexicon
accessed = lexicon.track()
from crimegraph import convert
root = Path(sys.argv[1])
texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["text"] for p in sorted((root / "tests/extract/rules").glob("*.yaml"))]
from crimegraph.extract import ArticleExtractor
from crimegraph.model import Article, PartialDate
articles = [Article(title="t", key=f"k{i}", date=PartialDate(2020, 2, 24), language="en", text=t) for i, t in enumerate(texts)]
list(ArticleExtractor().process(articles))
convert([root / "data/examples/insightcrime-unodc-liaison-office-mexico.txt", root / "data/examples/seed-article.json"], extract=True)
print(json.dumps(sorted(accessed)))
"""


def _lexicon_keys(data: dict) -> list[tuple[str | None, str]]:
    """(parent, key path) of every key two levels deep."""
    keys: list[tuple[str | None, str]] = []
    for key, value in data.items():
        keys.append((None, str(key)))
        if isinstance(value, dict):
            keys += [(str(key), f"{key}.{inner}") for inner in value]
    return keys


def test_every_lexicon_entry_is_read() -> None:
    """No unused lexicon entries: every key of data/lexicon/en/ (two levels deep) is read
    by the extractor while it extracts the rule cases and the bundled examples (a
    mapping read as a whole, by iteration, counts for all its keys)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from crimegraph.extract.lexicon import lexicon_dir

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _TRACK, str(root)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    accessed = {(language, name, path) for language, name, path in json.loads(done.stdout.splitlines()[-1])}
    unused = []
    for path in sorted(lexicon_dir("en").glob("*.yaml")):
        data = load(path.stem)
        for parent, key in _lexicon_keys(data):
            if parent is not None and f"data/lexicon/en/{path.name}: {parent}" in unused:
                continue  # the whole mapping is unused: said once
            if ("en", path.stem, key) not in accessed and ("en", path.stem, f"{parent}.*") not in accessed \
                    and ("en", path.stem, "*") not in accessed:
                unused.append(f"data/lexicon/en/{path.name}: {key}")
    assert not unused, "lexicon entries read by nothing:\n" + "\n".join(unused)
