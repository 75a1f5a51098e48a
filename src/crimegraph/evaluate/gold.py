"""Gold files: loading, checking, and the articles they annotate.

A gold file is YAML in the format of ``schema/gold.schema.json`` (the guidelines are
``data/gold/README.md``). Every file is checked against that schema, and an error names
the file, the line, the entity or event (``record``) and the field. What a schema cannot
say is checked here: event types are the keys of :func:`crimegraph.vocab.event_types`,
participants and places name entities of the same file, no name belongs to two entities,
dates are real dates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from crimegraph.errors import InputError, Location
from crimegraph.ingest.language import normalize_tag
from crimegraph.ingest.yaml_schema import explain, line_of
from crimegraph.model import ORGANIZATION_KINDS, PLACE_KINDS, Article, PartialDate
from crimegraph.resources import resource

GOLD_SCHEMA_FILE = "gold.schema.json"

PARTICIPANT_FIELDS = ("actors", "targets", "partners", "opponents", "victims")
MODALITIES = ("asserted", "negated", "hypothetical", "reported")
PRECISIONS = ("day", "week", "month", "year")
FINE_TYPES = tuple(dict.fromkeys((*ORGANIZATION_KINDS, "person", *PLACE_KINDS)))
#: Where a gold article's text comes from.
SOURCES = ("corpus", "seed", "text")


class GoldError(InputError):
    """A gold file breaks the annotation format."""


# --------------------------------------------------------------------------- names


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_LEADING_THE = re.compile(r"^the\s+")


def fold(name: str) -> str:
    """The form names are compared in.

    >>> fold("The Zetas") == fold("zetas")
    True
    >>> fold("Cártel de Jalisco  Nueva Generación")
    'cartel de jalisco nueva generacion'
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(text.split()).strip(" .,;:\"'")
    return _LEADING_THE.sub("", text)


# --------------------------------------------------------------------------- gold data


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(fold(n) for n in self.names)


@dataclass(frozen=True)
class GoldEvent:
    type: str
    evidence: tuple[str, ...]
    actors: tuple[str, ...] = ()
    others: tuple[str, ...] = ()  # targets, partners, opponents, victims
    place: str | None = None
    date: PartialDate | None = None
    precision: str | None = None
    modality: str = "asserted"

    @property
    def participants(self) -> tuple[str, ...]:
        return (*self.actors, *self.others)


@dataclass
class GoldArticle:
    id: str
    source: str  # "corpus", "seed" or "text"
    title: str
    date: PartialDate | None = None
    section: str | None = None
    file: str | None = None  # seed: the file name under the seed folder
    entities: list[GoldEntity] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    path: Path | None = None
    text: str | None = None  # text: the article's whole text, in the gold file itself
    language: str | None = None  # BCP 47 tag ("es"); None: the readers detect it

    def entity(self, name: str) -> GoldEntity | None:
        """The gold entity a participant or place name refers to."""
        key = fold(name)
        for entity in self.entities:
            if key in entity.keys:
                return entity
        return None


# --------------------------------------------------------------------------- checking


class _GoldLoader(yaml.SafeLoader):
    """YAML without timestamps: an unquoted 2020-02-14 stays the text the schema checks."""


_GoldLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def gold_schema() -> dict[str, Any]:
    """``schema/gold.schema.json``."""
    with resource("schema", GOLD_SCHEMA_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _validator(event_types: tuple[str, ...] | None) -> Draft202012Validator:
    schema = json.loads(json.dumps(gold_schema()))
    if event_types is not None:
        schema["$defs"]["event"]["properties"]["type"]["enum"] = list(event_types)
    return Draft202012Validator(schema)


def _where(name: str, node: yaml.Node | None, path: Sequence[str | int]) -> Location:
    """file:line, the entity or event number, and the field (``events.modality``)."""
    record = path[1] + 1 if len(path) > 1 and path[0] in ("entities", "events") and isinstance(path[1], int) else None
    names = [str(p) for p in path if isinstance(p, str)]
    return Location(file=name, line=line_of(node, path), record=record, field=".".join(names) or None)


#: Names of enum values by the first and last steps of their path, and why a field is required.
_NAMES = {("entities", "type"): "entity type", ("events", "type"): "event type"}
_REQUIRED = {("article", "file"): "a seed article names its file",
             ("article", "text"): "an article of source 'text' holds its text"}


def _explain(error: ValidationError) -> tuple[list[str | int], str]:
    """Where a schema error is (a path) and a message saying what is allowed."""
    return explain(error, names=_NAMES, required=_REQUIRED,
                   whole="a gold file is a mapping with 'article', 'entities' and 'events'")


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _date(value: Any, where: Location) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(str(value))
    except InputError as exc:
        raise GoldError(exc.message, where) from None


def _read(path: Path) -> tuple[Any, yaml.Node | None]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read the gold file: {exc}", Location(file=name)) from None
    loader = _GoldLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise GoldError(f"not valid YAML: {exc.problem or exc.context}",
                        Location(file=name, line=mark.line + 1 if mark else None)) from None
    except yaml.YAMLError as exc:
        raise GoldError(f"not valid YAML: {exc}", Location(file=name)) from None
    finally:
        loader.dispose()


def load_gold_file(path: Path | str, event_types: Iterable[str] | None = None) -> GoldArticle:
    """One gold file, checked against ``schema/gold.schema.json`` (and, when given,
    ``event_types``), with participants naming entities of the file."""
    path = Path(path)
    name = str(path)
    data, node = _read(path)
    types = tuple(event_types) if event_types is not None else None
    error = best_match(_validator(types).iter_errors(data))
    if error is not None:
        where, message = _explain(error)
        raise GoldError(message, _where(name, node, where))
    meta = data["article"]
    language = meta.get("language")
    if language is not None and normalize_tag(language) != language:
        raise GoldError("a language is a BCP 47 tag such as 'en' or 'es'", _where(name, node, ["article", "language"]))
    article = GoldArticle(
        id=meta["id"],
        source=meta["source"],
        title=meta["title"],
        date=_date(meta.get("date"), _where(name, node, ["article", "date"])),
        section=meta.get("section"),
        file=meta.get("file"),
        path=path,
        language=language,
        text=meta.get("text") if meta["source"] == "text" else None,
    )
    for item in data.get("entities") or []:
        article.entities.append(GoldEntity(item["name"], item["type"], _texts(item.get("aliases"))))
    seen: dict[str, str] = {}
    for index, entity in enumerate(article.entities):
        for key in entity.keys:
            if key in seen and seen[key] != entity.name:
                raise GoldError(f"the name {key!r} belongs to both {seen[key]!r} and {entity.name!r}",
                                _where(name, node, ["entities", index, "name"]))
            seen[key] = entity.name
    for index, item in enumerate(data.get("events") or []):
        roles = {key: _texts(item.get(key)) for key in PARTICIPANT_FIELDS}
        place = item.get("place")
        for key, names in (*roles.items(), ("place", (place,) if place else ())):
            for participant in names:
                if article.entity(participant) is None:
                    raise GoldError(f"{participant!r} is no entity of this file", _where(name, node, ["events", index, key]))
        article.events.append(
            GoldEvent(
                type=item["type"],
                evidence=_texts(item["evidence"]),
                actors=roles["actors"],
                others=tuple(p for key in PARTICIPANT_FIELDS[1:] for p in roles[key]),
                place=place,
                date=_date(item.get("date"), _where(name, node, ["events", index, "date"])),
                precision=item.get("precision"),
                modality=item.get("modality", "asserted"),
            )
        )
    return article


def load_gold(folder: Path | str, event_types: Iterable[str] | None = None) -> list[GoldArticle]:
    """Every ``*.yaml`` gold file of a folder, in name order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError("gold folder not found; name it with --gold", Location(file=str(folder)))
    types = list(event_types) if event_types is not None else None
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise GoldError("no gold files (*.yaml) in this folder", Location(file=str(folder)))
    return [load_gold_file(path, types) for path in files]


# --------------------------------------------------------------------------- the articles


def read_articles(gold: Sequence[GoldArticle], corpus: Path | str, seed_dir: Path | str) -> dict[str, Article]:
    """The gold articles as the readers produce them (gold id → article): corpus
    articles from the scraped JSON Lines by record id, seed pages from their files,
    ``text`` articles from the text the gold file gives."""
    from crimegraph.ingest.registry import SOURCES as READERS
    from crimegraph.ingest.registry import load_source_modules

    load_source_modules()
    corpus, seed_dir = Path(corpus), Path(seed_dir)
    found: dict[str, Article] = {}
    wanted = {item.id for item in gold if item.source == "corpus"}
    if wanted:
        if not corpus.is_file():
            raise InputError("development corpus not found; name it with --corpus", Location(file=str(corpus)))
        for record in READERS["insightcrime-jsonl"](corpus):
            if isinstance(record, Article) and record.key in wanted:
                found[record.key] = record
    for item in gold:
        if item.source == "text":
            found[item.id] = Article(title=item.title, key=item.id, date=item.date, language=item.language, text=item.text)
            continue
        if item.source != "seed":
            continue
        path = seed_dir / (item.file or "")
        if not path.is_file():
            raise InputError("seed article not found; name its folder with --seed", Location(file=str(path)))
        pages = [r for r in READERS["text"](path) if isinstance(r, Article)]
        if not pages:
            raise InputError("the seed page gave no article", Location(file=str(path)))
        found[item.id] = pages[0]
    missing = [item.id for item in gold if item.id not in found]
    if missing:
        raise InputError(f"gold articles not found in the corpus: {', '.join(missing)}", Location(file=str(corpus)))
    return found
