"""Entity mentions of one article: gazetteer hits, statistical NER, acronyms defined in
the text, and short names resolved to the full names they abbreviate.

The result is a :class:`MentionTable`: for each mention its token span in the doc and
the :class:`~crimegraph.extract.gazetteer.Known` entity it names.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from crimegraph.extract.acronyms import acronym_definitions
from crimegraph.extract.aliases import bare_aliases
from crimegraph.extract.bodies import body_of_country, country_anaphors, possessed_bodies, short_body_names, state_word_after
from crimegraph.extract.gazetteer import Gazetteer, Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.media import named_media
from crimegraph.extract.mention_table import Found, MentionTable, remove, replace_occurrences
from crimegraph.extract.names import (
    NAME_LABELS,
    PLACE_ONLY_LABELS,
    QUOTE_MARKS,
    appositive_place_kind,
    category_lists,
    list_items,
    doc_text,
    extend_place,
    group_words,
    lowercase_words,
    name_spans,
    named_group,
    names_nothing,
    operation_names,
    pattern_names,
    phrase_nickname,
    place_hint,
)
from crimegraph.ingest.furniture import furniture
from crimegraph.extract.places import PlaceResolver
from crimegraph.extract.units import unit_names
from crimegraph.iri import normalize_name
from crimegraph.model import Organization, Person, Place, Ref

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TRAILING = {"'s", "’s", "'", "’", ",", ".", ")", "(", "-", "–", "—", ":", ";"}
_PERSON_TOKEN = re.compile(r"^[A-ZÁÉÍÓÚÑ][\w'’.-]*$")


@cache
def _org_lexicon() -> tuple[list[tuple[str, list[str]]], set[str]]:
    data = load("organizations")
    kinds = [(kind, [w.lower() for w in words]) for kind, words in data["kind_words"].items()]
    never = {normalize_name(n) for n in furniture().not_names}  # site furniture (data/ingest/)
    return kinds, never


def organization_kind(name: str) -> str:
    """The kind of an organization from its head words ("... Cartel" → criminal-group)."""
    words = normalize_name(name).replace("'s", "").split()
    kinds, _ = _org_lexicon()
    for kind, keys in kinds:
        for key in keys:
            parts = key.split()
            if len(parts) == 1 and parts[0] in words:
                return kind
            if len(parts) > 1 and key in " ".join(words):
                return kind
    first = next(iter(name.split()), "")
    return "criminal-group" if first in word_set("names", "group_articles") else "organization"


def trim(span: Span) -> tuple[int, int]:
    """Token bounds of a name without leading articles or trailing possessives."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in word_set("names", "leading"):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
        end -= 1
    return start, end


class Memory:
    """Entities found so far in this conversion, by kind and folded name, so that the
    same name always gives the same entity across articles."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.seen: dict[tuple[str, str], Known] = {}

    def entity(self, kind: str, name: str, make) -> Known:
        known = self.gazetteer.lookup(name)
        if known is not None and known.kind == kind:
            return known
        key = (kind, normalize_name(name))
        if key not in self.seen:
            self.seen[key] = make()
        return self.seen[key]

    def claim(self, known: Known, alias: str) -> bool:
        """Let a new entity also be called ``alias`` (an acronym defined in the text),
        unless the name is taken: every name must keep naming one entity."""
        taken = self.gazetteer.lookup(alias)
        if taken is not None and taken.kind == known.kind and taken is not known:
            return False
        current = self.seen.get((known.kind, normalize_name(alias)))
        if current is not None and current is not known and current.record.name != alias:
            return False  # (an entity NER made of the bare acronym gives way)
        self.seen[(known.kind, normalize_name(alias))] = known
        return True

    def organization(self, name: str, kind: str | None = None) -> Known:
        return self.entity("organization", name, lambda: Known(
            Organization(name=name, kind=kind or organization_kind(name)), Ref(name, "organization")))

    def person(self, name: str) -> Known:
        return self.entity("person", name, lambda: Known(Person(name=name), Ref(name, "person")))

    def place(self, name: str) -> Known:
        return self.entity("place", name, lambda: Known(Place(name=name, kind="place"), Ref(name, "place")))



def find_mentions(doc: Doc, gazetteer: Gazetteer, places: PlaceResolver, memory: Memory,
                  use_ner: bool, excluded: set[int], nickname_markers: frozenset[str] | None = None) -> MentionTable:
    """All mentions of a doc; tokens in ``excluded`` (headings) name nothing. Nicknames
    are introduced by ``nickname_markers`` (default: the English ones; empty: none here,
    the caller looks for them later)."""
    table = MentionTable()
    _, never = _org_lexicon()
    for hit in gazetteer.find(doc):
        if excluded.intersection(range(hit.start, hit.end)):
            continue
        table.add(Found(hit.start, hit.end, hit.known, 0.95 if not hit.exact else 0.9, "gazetteer"))
        if hit.known.kind == "place" and hit.known.record.kind == "country":
            table.countries.add(hit.known.record.iso_code or "")
    for start, end, country in gazetteer.find_demonyms(doc):
        table.countries.add(country.record.iso_code or "")
        # "the Guatemalan government", "US authorities": the adjective stands for the state
        head = state_word_after(doc, end)
        if head is not None and start not in excluded \
                and not (doc[head].text[:1].isupper() and doc[start].ent_type_ == "ORG" and doc[head].ent_type_ == "ORG"):
            # (but "the Honduran Congress", "the Colombian Army" are names of their own)
            table.add(Found(start, end, Known(country.record, country.ref), 0.7, "demonym"))
    _states_named_as_countries(doc, table, places)
    possessed_bodies(doc, table, memory)  # "Mexico's defense ministry"
    country_anaphors(doc, table)  # "the country's security forces"
    for found in pattern_names(doc):  # "the Gulf drug cartel", "Juan Carlos “El Tigre” Bonilla"
        known = gazetteer.lookup(found.name)
        if excluded.intersection(range(found.start, found.end)) or found.only_known and known is None:
            continue
        known = known or (memory.person(found.name) if found.kind == "person" else memory.organization(found.name, "criminal-group"))
        if found.alias and memory.claim(known, found.alias) and found.alias not in known.record.aliases:
            known.record.aliases.append(found.alias)
        for place in [f for f in table.within(found.start, found.end) if f.known.kind == "place"]:
            remove(table, place)  # "Sinaloa" of "the Sinaloa and Zetas cartels" is no state
        table.add(Found(found.start, found.end, known, 0.8, "pattern"))
    if use_ner:
        _ner_mentions(doc, table, gazetteer, places, memory, never, excluded)
        unit_names(doc, table, memory, excluded)
        _listed_kinds(doc, table, places, memory)
    acronym_definitions(doc, table, memory)
    if nickname_markers is None:
        nickname_markers = word_set("names", "nickname_markers")
    if nickname_markers:
        _short_names(doc, table)  # ("Álvarez, also known as …": the nickname is Larry Álvarez's)
        nicknames(doc, table, memory, nickname_markers)
    _short_names(doc, table)
    short_body_names(doc, table)  # "the Army" after "the Colombian Army"
    named_media(doc, table)  # "the Salvadoran daily El Mundo"
    table.sort()
    add_bare_short_names(doc, table, memory)
    return table


def _listed_kinds(doc: Doc, table: MentionTable, places: PlaceResolver, memory: Memory) -> None:
    """Names NER found in a list introduced for a category noun take the noun's kind ("the
    four men, identified as … Clayton Humphries Brand": a person; "towns around Tumaco,
    including Olaya Herrera": a place)."""
    for start, end, kind in category_lists(doc):
        for found in table.within(start, end):
            if found.source != "ner" or found.known.shipped or found.known.kind == kind:
                continue
            text = doc[found.start:found.end].text
            if kind == "person":
                known = memory.person(text)
            else:
                match = places.resolve(text, table.countries)
                known = Known(match.record, match.ref) if match is not None else memory.place(text)
            remove(table, found)
            table.add(Found(found.start, found.end, known, found.confidence, "ner"))
        for s, e in list_items(doc, start, end) if kind == "person" else ():  # names NER missed
            if e - s >= 2 and not any(i in table.by_token for i in range(s, e)):
                table.add(Found(s, e, memory.person(doc[s:e].text), 0.7, "list"))


def _states_named_as_countries(doc: Doc, table: MentionTable, places: PlaceResolver) -> None:
    """A country's name that is also a state of another country the article names is
    that state ("wanted in Georgia" beside the United States), unless the text calls it
    a country ("the country of Georgia")."""
    if len(table.countries) < 2:
        return  # no other country named: every country's name stays the country
    for found in table.mentions:
        record = found.known.record
        if not isinstance(record, Place) or record.kind != "country":
            continue
        near = {doc[i].lower_ for i in range(max(found.start - 2, 0), min(found.end + 1, len(doc)))}
        if near & word_set("places", "country_words"):
            continue
        iso = record.iso_code or ""
        match = places.state_of_another_country(doc[found.start:found.end].text, iso, table.countries)
        if match is not None:
            found.known = Known(match.record, match.ref)
            if not any(isinstance(f.known.record, Place) and f.known.record.kind == "country"
                       and f.known.record.iso_code == iso for f in table.mentions):
                table.countries.discard(iso)


def _ner_mentions(doc: Doc, table: MentionTable, gazetteer: Gazetteer, places: PlaceResolver,
                  memory: Memory, never: set[str], excluded: set[int]) -> None:
    kind_words = load("places")["kind_words"]
    pending_places: list[tuple[int, int, str]] = []
    lower = lowercase_words(doc)
    operations = operation_names(doc)
    countries = table.countries

    def is_place(text: str) -> bool:
        return places.resolve(text, countries) is not None

    for span in name_spans(doc, lambda i: i in table.by_token, lower, is_place):
        label = span.label
        start, end = trim(doc[span.start:span.end])
        if label == "PERSON":  # "Colonel | Jorge Herrera", "Brig. Gen. | Herrera", "Marine Corps Colonel | Oswaldo Solano"
            ranks = word_set("names", "ranks") | word_set("names", "title_abbreviations")
            start = max([start] + [k + 1 for k in range(start, end - 1) if doc[k].text in ranks])
        opening = next((i for i in range(start, end) if doc[i].text == "("), None)
        if opening is not None and not any(doc[i].text == ")" for i in range(opening, end)):
            end = opening  # "Colombian National Police (PNC": the acronym is defined after the name
        group_word = named_group(doc, start) if label in NAME_LABELS else None
        if group_word is not None and not any(i in table.by_token for i in range(start, end)) \
                and not excluded.intersection(range(start, end)) and doc[start].text[:1].isupper():
            # "a criminal organization known as Los Suizos": a group, whatever NER says
            text = doc[start:end].text
            known = gazetteer.lookup(text) or memory.organization(
                text, "criminal-group" if group_word in group_words() else None)
            table.add(Found(start, end, known, 0.8, "ner"))
            continue
        if start >= end or excluded.intersection(range(start, end)):
            continue
        if label in ("GPE", "LOC"):
            _wider_place(doc, start, end, table, places)  # "Mexico City" over the country "Mexico"
        if label in ("ORG", "PERSON"):
            start = _after_possessor(doc, start, end, table)  # "Peru’s | Counternarcotics Directorate"
        if label == "ORG":  # "Minister of the | Interior Mauricio López" tagged ORG: the person
            named = _after_title(doc, start, end)
            label, start = ("PERSON", named) if named > start else (label, start)
        known_first = table.at(start)
        if label == "PERSON" and known_first is not None and known_first.start == start and known_first.end < end \
                and known_first.known.shipped and known_first.known.kind == "organization":
            start = known_first.end  # "de Morena | Adán Augusto López": a known body's name, then the person
        if label == "ORG":
            body_of_country(doc, start, end, table)  # "the National Police of | Colombia": one body
        if any(i in table.by_token for i in range(start, end)):
            continue
        text = doc[start:end].text
        if normalize_name(text) in never or not text[:1].isupper() or "\n" in text:
            continue
        known = gazetteer.lookup(text)
        if known is not None:
            table.add(Found(start, end, known, 0.9, "gazetteer"))
            continue
        if end - start == 1 and doc[start].text in gazetteer.demonym_country:
            continue  # "the Guatemalan port": an adjective of origin
        if names_nothing(doc, start, end, lower, operations):
            continue  # "Heroin", "the LeBarón family", "Marshall Plan"
        if label not in ("GPE", "LOC") and _known_place(doc, start, end, label, table, places, kind_words):
            continue  # "Chilapa, Guerrero" tagged PERSON; "Antioquia" tagged ORG
        if label in ("WORK_OF_ART", "FAC") and _looks_like_titled_person(doc, start, end, text):
            table.add(Found(start, end, memory.person(text), 0.7, "ner"))  # "then-President Porfirio Lobo"
            continue
        if label in PLACE_ONLY_LABELS:
            continue
        if label in ("PERSON", "ORG") and end < len(doc) and doc[end].text in kind_words["state"]:
            pending_places.append((start, end, text))  # "Guerrero state": a place, never a person
        elif label == "PERSON" and end < len(doc) and doc[end].lower_ in word_set("names", "facility_heads"):
            table.add(Found(start, end, memory.place(text), 0.7, "ner"))  # "the Tocorón prison": a place
        elif label == "PERSON":
            if all(_PERSON_TOKEN.match(t.text) or t.text in ("-", "de", "del", "la") for t in doc[start:end]):
                table.add(Found(start, end, memory.person(text), 0.8, "ner"))
        elif label == "ORG" and appositive_place_kind(doc, end, kind_words) is not None:
            pending_places.append((start, end, text))  # "Arauca, a department …": a place
        elif label == "ORG":
            if len(text) < 2 or text.isdigit() or (end - start == 1 and doc[start].pos_ in ("NOUN", "ADJ")):
                continue  # "Groups operating in Apure": a common noun opening the sentence; "an Indigenous militia"
            if end < len(doc) and f"{text.lower()} {doc[end].lower_}" in load("roles")["titles"]:
                continue  # "Interior | Minister Mauricio Lopez": part of a title, no body
            # NER often drops the first word: "Attorney | General’s Office"
            sentence_start = doc[start].sent.start
            while start > sentence_start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                    and doc[start - 1].i not in table.by_token and not doc[start - 1].is_sent_start \
                    and doc[start - 1].ent_type_ in ("", "ORG"):
                start -= 1
            text = doc[start:end].text
            if _looks_like_titled_person(doc, start, end, text):
                table.add(Found(start, end, memory.person(text), 0.7, "ner"))
                continue
            table.add(Found(start, end, memory.organization(text), 0.75, "ner"))
        else:
            pending_places.append((start, end, text))
    def taken(i: int) -> bool:  # (an unknown name NER gave beside a place may be its end: "Gracias a | Dios")
        found = table.at(i)
        return found is not None and not (found.source == "ner" and found.known.record.key is None and not found.known.shipped)

    for start, end, text in pending_places:  # after all countries are known
        hint = place_hint(doc, start, end, kind_words)
        longer = extend_place(doc, start, end, taken, lambda name: places.resolve(name, table.countries, hint))
        match = places.resolve(text, table.countries, hint)
        if longer is not None:  # "Mato Grosso do Sul", "Valle del Cauca"
            for found in table.within(end, longer[0]):
                remove(table, found)
            end, match = longer
        if match is not None:
            table.add(Found(start, end, Known(match.record, match.ref), 0.85, "ner"))
        elif _cited_source(doc, start):  # "according to El Heraldo": a medium, not a place
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].is_sent_start:
                end += 1  # "according to La | Silla Rota": NER may cut the name
            for found in table.within(start, end):
                remove(table, found)
            table.add(Found(start, end, memory.organization(doc[start:end].text), 0.6, "ner"))
        elif doc[start].text in word_set("names", "group_articles") and end - start > 1 \
                and (start == 0 or doc[start - 1].lower_ not in word_set("names", "locative_prepositions")):
            table.add(Found(start, end, memory.organization(text, "criminal-group"), 0.6, "ner"))  # "Los Lobos"
        elif not text.isupper() and len(text) > 2 and all(t.text[:1].isupper() or t.lower_ in word_set("names", "particles")
                                                          for t in doc[start:end]):
            # a village, neighbourhood or area the packages do not know: no identifiers
            table.add(Found(start, end, memory.place(text), 0.6, "ner"))


def _cited_source(doc: Doc, start: int) -> bool:
    """The name follows "according to" (``arguments.yaml``: ``attribution``), so it is
    whoever says what follows."""
    according, to = load("arguments")["attribution"]
    return start >= 2 and doc[start - 1].lower_ == to and doc[start - 2].lower_ == according


def _known_place(doc: Doc, start: int, end: int, label: str, table: MentionTable, places: PlaceResolver,
                 kind_words: dict[str, list[str]]) -> bool:
    """A name NER took for a person or organization that is a known place: a region,
    country or state (any), or a city of a country the article names; added as the place."""
    hint = place_hint(doc, start, end, kind_words)
    longer = extend_place(doc, start, end, lambda i: i in table.by_token,
                          lambda name: places.resolve(name, table.countries, hint))
    if longer is not None:
        end, match = longer
    else:
        match = places.resolve(doc[start:end].text, table.countries, hint)
    if match is None:
        return False
    record = match.record
    far = record.within is None or record.within.name not in table.countries
    if far and (record.kind == "city" or record.kind == "state" and table.countries):
        return False  # only near: "Flores" far away is a surname, "Artemisa" a Cuban province
    if label == "NORP" and record.kind == "country":
        return False
    table.add(Found(start, end, Known(record, match.ref), 0.8, "ner"))
    return True


def _wider_place(doc: Doc, start: int, end: int, table: MentionTable, places: PlaceResolver) -> None:
    """A place name that holds a country's ("Mexico City", "Guatemala City"): the
    country's mention inside it gives way."""
    inside = table.within(start, end)
    if not inside or any(f.start < start or f.end > end or f.known.kind != "place" for f in inside):
        return
    if all(f.start == start and f.end == end for f in inside):
        return
    match = places.resolve(doc[start:end].text, table.countries)
    if match is None or match.record.kind not in ("city", "state"):
        return
    for found in inside:
        remove(table, found)


def _after_possessor(doc: Doc, start: int, end: int, table: MentionTable) -> int:
    """The first token of an organization's name after a place that owns it ("Peru’s
    Counternarcotics Directorate": "Peru" is named on its own), when a head word says
    what kind of body it is."""
    found = table.at(start)
    if found is not None and found.known.kind == "place" and found.end + 1 < end \
            and doc[found.end].text in word_set("names", "possessive_marks") and organization_kind(doc[found.end + 1:end].text) != "organization":
        return found.end + 1  # (but "Mexico’s Pacific coast" is no body)
    return start


def _after_title(doc: Doc, start: int, end: int) -> int:
    """The first token of a person's name after the words of a title NER took into it
    ("Minister of the | Interior Mauricio López Bonilla"): a title of ``roles.yaml`` with
    its portfolio ends in the name's first one or two words, and the rest is a person's."""
    from crimegraph.extract.roles import title_before  # (roles reads the mention table)

    title_words = {word for key in load("roles")["titles"] for word in key.split()}
    for size in (1, 2):
        rest = doc[start + size:end]
        if end - start <= size or not all(_PERSON_TOKEN.match(t.text) for t in rest) \
                or organization_kind(rest.text) != "organization" or rest[0].lower_ in title_words:
            continue  # (but "Attorney | General’s Office" is a body's name; "Public | Security Juan …")
        hit = title_before(doc, start + size)
        if hit is not None and hit[1] < start:
            return start + size
    return start


def _looks_like_titled_person(doc: Doc, start: int, end: int, text: str) -> bool:
    """"executive director Yury Fedotov" tagged ORG: a title right before two to
    four capitalised words that no organization word types."""
    from crimegraph.extract.roles import title_before

    words = text.split()
    if not 2 <= len(words) <= 4 or organization_kind(text) != "organization" or text.isupper():
        return False
    if not all(_PERSON_TOKEN.match(w) for w in words):
        return False
    return title_before(doc, start) is not None


#: Lower-case words inside an unquoted nickname ("alias el Señor de los Cielos").
_NICKNAME_PARTICLES = frozenset({"el", "la", "los", "las", "de", "del", "y"})


def nicknames(doc: Doc, table: MentionTable, memory: Memory, markers: frozenset[str]) -> None:
    """"José Albeiro Arrigui, alias “El Contador”", "Juan Pérez ‘N’, alias «El Chueco»":
    the nickname names the person wherever it occurs in the article, and so does its
    bare noun ("Contador") and its translation in parentheses ("alias “La Ardilla” (The
    Squirrel)"). ``markers`` are the words that introduce a nickname (one loop for
    English and Spanish)."""
    names: dict[str, Known] = {}
    for found in list(table.mentions):
        if found.known.kind != "person":
            continue
        i = found.end
        # ", alias"; "Daniel Alfredo ‘N’, alias …": the quoted N of a withheld surname
        while i < len(doc) and i - found.end < 4 and (doc[i].text in QUOTE_MARKS or doc[i].text in (",", "N")):
            i += 1
        if i >= len(doc) or doc[i].lower_ not in markers:
            i = phrase_nickname(doc, found.end)  # "…, a notorious figure also known as “El Porky”"
            if i is None:
                continue
        i += 1
        while i < len(doc) and doc[i].text in QUOTE_MARKS:
            i += 1
        start = i
        quoted = doc[start - 1].text in QUOTE_MARKS
        while i < len(doc) and i - start < 5 and doc[i].text not in QUOTE_MARKS and doc[i].text not in (",", ".", ";", ")", "(") \
                and (quoted or i == start or not doc[i].is_lower or doc[i].lower_ in _NICKNAME_PARTICLES):
            i += 1  # (unquoted, "alias John capturado en …" ends before the lower-case word)
        nickname = doc[start:i].text.strip()
        words = nickname.split()
        bare = " ".join(words[1:]) if words and words[0] in ("el", "la") else nickname
        if not bare[:1].isupper() or not memory.claim(found.known, nickname):
            continue
        # "alias ‘el Cubano’": the name in the text is "Cubano"
        forms = [bare if words and words[0] in ("el", "la") else nickname]
        while i < len(doc) and doc[i].text in QUOTE_MARKS:
            i += 1
        close = next((j for j in range(i + 1, min(i + 6, len(doc))) if doc[j].text == ")"), None)
        if i < len(doc) and doc[i].text == "(" and close is not None:
            translation = doc[i + 1:close]
            text = translation.text[4:] if translation.text.startswith("The ") else translation.text
            if text[:1].isupper() and all(t.text[:1].isupper() or t.is_stop for t in translation) \
                    and memory.claim(found.known, text):
                forms.append(text)  # "(The Squirrel)"
        record = found.known.record
        for form in forms:
            names[form] = found.known
            alias = nickname if form == forms[0] else form
            if isinstance(record, Person) and alias not in record.aliases:
                record.aliases.append(alias)
        if len(words) > 1 and words[0] in ("El", "La", "Los"):
            names.setdefault(" ".join(words[1:]), found.known)  # "El Contador" → "Contador"
    names.update(bare_aliases(doc, table, memory, markers))  # "captured alias “Nilo,”"
    for nickname, known in names.items():
        replace_occurrences(doc, table, nickname, known, 0.75, "nickname", keep_same=True)
    table.sort()


def _short_names(doc: Doc, table: MentionTable) -> None:
    """"Portillo" → "Alfonso Portillo": a mention whose words end (or start) a longer
    person's name in the same article names that person, whatever NER typed it."""
    people = [f for f in table.mentions if f.known.kind == "person" and len(f.known.record.name.split()) > 1]
    if not people:
        return
    tails: dict[str, Known] = {}
    for found in people:
        words = found.known.record.name.split()
        for size in range(1, len(words)):
            tails.setdefault(" ".join(words[-size:]), found.known)
            if size >= 2:
                tails.setdefault(" ".join(words[:size]), found.known)
    middles = {w: f.known for f in people for w in f.known.record.name.split()[1:-1] if w[:1].isupper()}
    for found in list(table.mentions):
        if found.known.shipped or found.known.kind == "place" and found.known.record.kind == "country":
            continue
        name = doc[found.start:found.end].text
        # ("Sanchez said" after "Gustavo Sanchez Velasquez", a paternal surname NER took for a body)
        longer = tails.get(name) or (middles.get(name) if found.known.kind in ("organization", "person") else None)
        if longer is not None and longer is not found.known:
            remove(table, found)
            table.add(Found(found.start, found.end, longer, 0.8, "short-name"))


def add_bare_short_names(doc: Doc, table: MentionTable, memory: Memory) -> None:
    """Tokens NER missed that are the surname of a person named in full earlier; with
    given names NER also missed before it, a relative of theirs ("her son, Noe Montes
    Bobadilla")."""
    surnames: dict[str, Known] = {}
    for found in table.mentions:
        if found.known.kind == "person":
            words = found.known.record.name.split()
            if len(words) > 1:
                surnames.setdefault(words[-1], found.known)
    if not surnames:
        return
    for token in doc:
        known = surnames.get(token.text)
        if known is not None and token.i not in table.by_token and token.text[:1].isupper():
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                    and start - 1 not in table.by_token and not doc[start].is_sent_start:
                start -= 1
            name = doc[start:token.i + 1].text
            if start < token.i and name not in known.record.name:
                table.add(Found(start, token.i + 1, memory.person(name), 0.7, "short-name"))
            else:
                table.add(Found(token.i, token.i + 1, known, 0.7, "short-name"))
    table.sort()
