"""The extractor's rules as data: each ``tests/extract/rules/*.yaml`` is one short text
and what extracting it must give (see ``rules/README.md`` for the format). Most cases
failed on the extractor before their rule; the others guard a rule against over-reach
(two arrests of two people stay two, a report of facts is no statement). The
real-article checks are in ``test_extract.py`` and the figures in ``crimegraph evaluate``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from crimegraph.extract import ArticleExtractor
from crimegraph.extract.gazetteer import gazetteer_records
from crimegraph.model import Article, Event, PartialDate, Ref

RULES = Path(__file__).parent / "rules"
CASES = sorted(RULES.glob("*.yaml"))
#: Keys of a case file; anything else is a typo that would make a case test nothing.
CASE_KEYS = {"text", "published", "events", "entities", "no_entities", "forbid", "no_events", "roles"}
EVENT_KEYS = {"type", "modality", "date", "date_inferred", "evidence", "place"}
ENTITY_KEYS = {"name", "type", "kind", "acronym", "alias"}
ROLE_KEYS = {"person", "title", "jurisdiction", "organization", "former"}


@pytest.fixture(scope="module")
def extractor() -> ArticleExtractor:
    return ArticleExtractor()


def extract(extractor: ArticleExtractor, text: str, published: str | None = None) -> Article:
    date = PartialDate.parse(published) if published else PartialDate(2020, 2, 24)
    article = Article(title="t", key="k", date=date, language="en", text=text)
    (done,) = [r for r in extractor.process([article]) if isinstance(r, Article)]
    return done


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict) and isinstance(case.get("text"), str), f"{path.name}: a mapping with a text"
    assert not set(case) - CASE_KEYS, f"{path.name}: unknown keys {sorted(set(case) - CASE_KEYS)}"
    assert set(case) & (CASE_KEYS - {"text", "published"}), f"{path.name}: expects nothing"
    return case


def label(ref: Ref, article: Article) -> str:
    """The name of the article's entity a reference points to (a place is referred to by
    its key or ISO code: "geonames-4012176", "BO"; a gazetteer entry by its key, "zetas"),
    else the reference's name."""
    for entity in (*article.entities, *gazetteer_records()):
        if ref.name in (entity.key, getattr(entity, "iso_code", None)):
            return entity.name
    return ref.name


def names(event: Event, roles: str, article: Article) -> set[str]:
    """The names of the participants in any of ``roles`` ("victim|target")."""
    wanted = set(roles.split("|"))
    return {label(ref, article) for role, ref in event.participants if role in wanted}


def problems_of_event(event: Event, expected: dict[str, Any], article: Article) -> list[str]:
    found = []
    for key, value in expected.items():
        if key == "modality" and event.modality != value:
            found.append(f"modality {event.modality}, expected {value}")
        elif key == "date" and (str(event.date) if event.date else None) != (str(value) if value else None):
            found.append(f"date {event.date}, expected {value}")
        elif key == "date_inferred" and event.date_inferred != value:
            found.append(f"date inferred from {event.date_inferred}, expected {value}")
        elif key == "evidence" and len(event.evidence) != value:
            found.append(f"{len(event.evidence)} evidence sentences, expected {value}")
        elif key == "place" and (label(event.place, article) if event.place else None) != value:
            found.append(f"place {label(event.place, article) if event.place else None}, expected {value}")
        elif key not in EVENT_KEYS and names(event, key, article) != set(value):
            found.append(f"{key}: {sorted(names(event, key, article))}, expected {sorted(value)}")
    return found


def matches(event: Event, pattern: dict[str, Any], article: Article) -> bool:
    """A forbidden pattern: every key holds (for roles: any of the names is there)."""
    for key, value in pattern.items():
        if key == "type" and event.type != value or key == "modality" and event.modality != value:
            return False
        if key not in EVENT_KEYS and not names(event, key, article) & set(value):
            return False
    return True


def problems_of_role(article: Article, wanted: dict[str, Any]) -> list[str]:
    """A role the case expects: the person's role of that title, its jurisdiction and
    organization (a name, or null for none) and whether it ended before the article (``former``)."""
    roles = [role for ref, role in article.roles if label(ref, article) == wanted["person"] and role.title == wanted["title"]]
    if not roles:
        return [f"no role {wanted['title']!r} of {wanted['person']!r} (roles: "
                f"{[(label(ref, article), role.title) for ref, role in article.roles]})"]
    role, found = roles[0], []
    if "jurisdiction" in wanted:
        got = label(role.jurisdiction, article) if role.jurisdiction else None
        if got != wanted["jurisdiction"]:
            found.append(f"{wanted['person']}'s {wanted['title']}: jurisdiction {got}, expected {wanted['jurisdiction']}")
    if "organization" in wanted:
        got = label(role.organization, article) if role.organization else None
        if got != wanted["organization"]:
            found.append(f"{wanted['person']}'s {wanted['title']}: organization {got}, expected {wanted['organization']}")
    if "former" in wanted and (role.ended_before is not None) != wanted["former"]:
        found.append(f"{wanted['person']}'s {wanted['title']}: ended before {role.ended_before}, held on {role.held_on}")
    return found


def describe(events: list[Event]) -> str:
    return "; ".join(f"{e.type}[{e.modality}] {[(r, ref.name) for r, ref in e.participants]}" for e in events)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_rule_case(extractor: ArticleExtractor, path: Path) -> None:
    case = load_case(path)
    article = extract(extractor, case["text"], case.get("published"))
    problems = []
    for kind, expected in (case.get("events") or {}).items():
        got = [e for e in article.events if e.type == kind]
        if len(got) != len(expected):
            problems.append(f"{len(got)} {kind} events, expected {len(expected)}")
            continue
        for position, (event, wanted) in enumerate(zip(got, expected)):
            assert not set(wanted) & {"type"}, f"{path.name}: the type is the key above"
            problems += [f"{kind} #{position + 1}: {p}" for p in problems_of_event(event, wanted or {}, article)]
    for pattern in case.get("forbid") or []:
        problems += [f"forbidden {pattern}: {describe([e])}" for e in article.events if matches(e, pattern, article)]
    if case.get("no_events") and article.events:
        problems.append("expected no events")
    by_name = {e.name: e for e in article.entities}
    for wanted in case.get("entities") or []:
        assert not set(wanted) - ENTITY_KEYS, f"{path.name}: unknown entity keys {sorted(set(wanted) - ENTITY_KEYS)}"
        entity = by_name.get(wanted["name"])
        if entity is None:
            problems.append(f"no entity {wanted['name']!r} (entities: {sorted(by_name)})")
            continue
        if "type" in wanted and type(entity).__name__.lower() != wanted["type"]:
            problems.append(f"{wanted['name']} is a {type(entity).__name__}, expected {wanted['type']}")
        if "kind" in wanted and getattr(entity, "kind", None) != wanted["kind"]:
            problems.append(f"{wanted['name']} is of kind {getattr(entity, 'kind', None)}, expected {wanted['kind']}")
        if "acronym" in wanted and wanted["acronym"] not in (getattr(entity, "acronyms", None) or []):
            problems.append(f"{wanted['name']} has acronyms {getattr(entity, 'acronyms', None)}, expected {wanted['acronym']}")
        if "alias" in wanted and wanted["alias"] not in (getattr(entity, "aliases", None) or []):
            problems.append(f"{wanted['name']} has aliases {getattr(entity, 'aliases', None)}, expected {wanted['alias']}")
    for wanted in case.get("roles") or []:
        assert not set(wanted) - ROLE_KEYS, f"{path.name}: unknown role keys {sorted(set(wanted) - ROLE_KEYS)}"
        problems += problems_of_role(article, wanted)
    for name in case.get("no_entities") or []:
        if name in by_name:
            problems.append(f"{name!r} is an entity ({type(by_name[name]).__name__})")
    assert not problems, f"{path.name}: " + "; ".join(problems) + f"\n  events: {describe(article.events)}"


def test_the_cases_are_there() -> None:
    assert len(CASES) >= 20
