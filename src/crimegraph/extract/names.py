"""Names that hold together: the spans statistical NER gives, repaired before a kind is
chosen for them (:func:`crimegraph.extract.mentions.find_mentions`).

* a person's name cut at its first given name is extended to the capitalised words it
  cuts ("The local governor, Héctor | Antonio Astudillo Flores");
* a list tagged as one name is split into its members when one of them is a known place
  ("Apure and Arauca", "Meta, Magdalena", "Chiribiquete (Caquetá and Guaviare)");
* a place cut before its particles is extended to the known place it cuts ("Mato
  Grosso | do Sul", "Valle | del Cauca");
* capitalised common nouns ("Heroin" opening a sentence, where the article also writes
  "heroin"), names of families ("the LeBarón, Miller and Langford families") and of
  plans and operations ("Marshall Plan") name no entity.

Word lists are in ``data/lexicon/en/names.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from crimegraph.extract.lexicon import load, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Quote marks as tokens: those that open a quotation and those that close one ("’" is
#: also an apostrophe, so it only closes; "``" and "''" are the tokenizer's renderings of
#: straight double quotes), and every quote mark character, the straight single one
#: included (the one definition used by names, mentions and the Spanish rules).
OPENING_QUOTES = frozenset({'"', "“", "‘", "«", "``"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "»", "''"})
QUOTE_MARKS = frozenset({q for q in OPENING_QUOTES | CLOSING_QUOTES if len(q) == 1} | {"'"})
_CAPITALISED = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][\w'’.-]*$")
_EDGES = "\"'“”‘’«»¿¡()[]{},.;:!?—–…-"
_PARTS = re.compile(r"[\s/–—-]+")  # words as the tokenizer splits them: at spaces, slashes and hyphens
_POSSESSIVE_END = re.compile(r"['’]s$")
_INITIAL = re.compile(r"^[A-Z]\.$")
#: NER labels whose spans may name an organization, person or place.
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC")
#: Labels whose spans are taken only when they are a known place ("Chilapa" as NORP,
#: "Ciudad del Este" as a work of art).
PLACE_ONLY_LABELS = ("NORP", "FAC", "WORK_OF_ART")


_TEXT = "crimegraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy joins the tokens again at every call, and
    the rules test the text for a word before they look at the tokens."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


@dataclass
class NameSpan:
    """Tokens ``start:end`` of a doc, with the NER label they were found under."""

    start: int
    end: int
    label: str


@cache
def _title_words() -> frozenset[str]:
    """Every word of a title of office ("security" of "security minister"): a person's
    name is never extended over one."""
    return frozenset(word for key in load("roles")["titles"] for word in key.split())


def lowercase_words(doc: Doc) -> frozenset[str]:
    """The words the doc writes in lower case somewhere: their capitalised forms are
    common words, not names."""
    # (from the text, not the tokens: reading every token's attributes cost a tenth of the
    # extraction of a short Spanish report)
    words = (_POSSESSIVE_END.sub("", part.strip(_EDGES)) for part in _PARTS.split(doc_text(doc)))
    return frozenset(word for word in words if word.isalpha() and word.islower())


def name_spans(doc: Doc, taken: Callable[[int], bool], lower: frozenset[str],
               is_place: Callable[[str], bool]) -> list[NameSpan]:
    """The doc's entity spans, repaired: people extended to their first given names,
    lists split into members; ``taken`` says whether a token already names something,
    ``is_place`` whether a name is a known place."""
    spans = [NameSpan(e.start, e.end, e.label_) for e in doc.ents if e.label_ in NAME_LABELS + PLACE_ONLY_LABELS]
    claimed: set[int] = set()
    for span in spans:
        if span.label == "PERSON":
            start = _person_start(doc, span.start, taken, lower)
            claimed.update(range(start, span.start))
            span.start = start
    out: list[NameSpan] = []
    for span in spans:
        if span.label != "PERSON" and claimed.intersection(range(span.start, span.end)):
            continue  # a given name NER took for a place: "Bernardino | Sánchez Luna"
        members = list_members(doc, span.start, span.end)
        if len(members) > 1 and span.label in NAME_LABELS and any(is_place(doc[s:e].text) for s, e in members):
            out.extend(NameSpan(s, e, "GPE") for s, e in members)
        else:
            out.append(span)
    return out


def _person_start(doc: Doc, start: int, taken: Callable[[int], bool], lower: frozenset[str]) -> int:
    """The first token of a person's name NER cut after one or two given names: each
    a capitalised proper noun of the sentence that is no title, no common word and no
    part of a longer name of something else."""
    sentence_start = doc[start].sent.start
    i = start
    while i > sentence_start and start - i < 2:
        token = doc[i - 1]
        if taken(token.i) or token.pos_ != "PROPN" or not _CAPITALISED.match(token.text) or token.is_stop:
            break
        if token.lower_ in _title_words() or token.lower_ in lower or token.lower_ in word_set("names", "leading"):
            break
        if "." in token.text and not _INITIAL.match(token.text):
            break  # "Gen. | Ricardo Alberto Restrepo Londoño": an abbreviated title, not a name
        if token.ent_type_ and token.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
            break
        if token.ent_type_ and (token.ent_iob_ != "B" or token.i + 1 < start and doc[token.i + 1].ent_iob_ == "I"):
            break  # the end or middle of another name ("El Paraíso mayor …")
        i -= 1
    return i


def list_members(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The members of a list NER took for one name ("Meta, Magdalena", "Chiribiquete
    (Caquetá and Guaviare"): spans between commas, "and" and parentheses, each starting
    with a capital; one member (the span itself) when it is no such list."""
    separators = word_set("names", "list_separators")
    members: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end + 1):
        if i == end or doc[i].lower_ in separators:
            if begin < i:
                members.append((begin, i))
            begin = i + 1
    if len(members) < 2 or not all(doc[s].text[:1].isupper() for s, _ in members):
        return [(start, end)]
    return members


def extend_place(doc: Doc, start: int, end: int, taken: Callable[[int], bool],
                 resolve: Callable[[str], object | None]) -> tuple[int, object] | None:
    """A known place that continues past ``end`` over particles and capitalised words
    ("Mato Grosso" + "do Sul"): (its end, what ``resolve`` gave), the longest first."""
    particles = word_set("names", "particles") | word_set("names", "place_particles")
    candidates = []
    for i in range(end, min(end + 3, len(doc))):
        token = doc[i]
        if taken(i) or not (token.lower_ in particles or _CAPITALISED.match(token.text)):
            break
        if _CAPITALISED.match(token.text):
            candidates.append(i + 1)
    for candidate in reversed(candidates):
        found = resolve(doc[start:candidate].text)
        if found is not None:
            return candidate, found
    return None


def operation_names(doc: Doc) -> frozenset[str]:
    """The names of operations in the doc ("Operation Artemisa" → "Artemisa"), which
    name no entity on their own either ("while Artemisa … has destroyed …")."""
    found: set[str] = set()
    text = doc_text(doc)
    if not any(word in text for word in word_set("names", "operation_words")):
        return frozenset()  # (a string test first: most docs name no operation)
    for token in doc:
        if token.text in word_set("names", "operation_words"):
            end = token.i + 1
            while end < len(doc) and _CAPITALISED.match(doc[end].text) and end - token.i <= 3:
                end += 1
            if end > token.i + 1:
                found.add(doc[token.i + 1:end].text)
    return frozenset(found)


def names_nothing(doc: Doc, start: int, end: int, lower: frozenset[str], operations: frozenset[str]) -> bool:
    """A capitalised span that names no entity: one common word the article also writes
    in lower case ("Heroin still remains …") or a substance's name, a family ("the LeBarón, Miller and Langford
    families"), a plan or operation ("Marshall Plan", "Operation Artemisa", "Artemisa"),
    a people ("Awá Indigenous")."""
    words = [t.text for t in doc[start:end]]
    if len(words) == 1 and (words[0].lower() in lower or words[0].lower() in word_set("names", "substances")):
        return True  # (a drug's name is never an entity: "Fentanyl is increasingly trafficked")
    if words and (words[-1] in word_set("names", "plan_heads") or words[0] in word_set("names", "operation_words")):
        return True
    if doc[start:end].text in operations:
        return True
    if len(words) <= 2 and any(w in word_set("names", "people_words") for w in words):
        return True  # "Indigenous Rarámuri", "Awá Indigenous": a people, not a body
    return _in_family_list(doc, end)


def _in_family_list(doc: Doc, end: int) -> bool:
    """The name is one of a list of capitalised names closed by "family"/"families"."""
    separators = word_set("names", "list_separators")
    i = end
    while i < len(doc) and i < end + 10:
        token = doc[i]
        if token.lower_ in word_set("names", "family_nouns"):
            return True
        if not (token.lower_ in separators or _CAPITALISED.match(token.text)):
            return False
        i += 1
    return False


def phrase_nickname(doc: Doc, end: int) -> int | None:
    """"Alexander Mendoza, a notorious MS-13 figure also known as “El Porky”": the index
    of the last word of a nickname phrase (``nickname_phrases``) that follows a person's
    name or its appositive within eight words and is followed by a quoted name (or, right
    after the name and a comma, by a capitalised one); None when
    there is none, or when the phrase names a group ("a member of the gang also known as
    …": the group's name)."""
    words = load("names")
    groups = frozenset(load("organizations")["group_anaphors"]) | frozenset(words["group_nouns"])
    for phrase in (p.split() for p in words["nickname_phrases"]):
        for i in range(end, min(end + 8, len(doc) - len(phrase))):
            if doc[i].text in (".", ";") or [t.lower_ for t in doc[i:i + len(phrase)]] != phrase:
                continue
            last = i + len(phrase) - 1
            if doc[i - 1].lower_ in groups:
                continue
            # quoted, or a name right after the person's own ("Álvarez, also known as Larry Changa")
            if doc[last + 1].text in QUOTE_MARKS or i == end + 1 and doc[end].text == "," \
                    and doc[last + 1].pos_ == "PROPN" and _CAPITALISED.match(doc[last + 1].text):
                return last
    return None


def appositive_place_kind(doc: Doc, end: int, kind_words: dict[str, list[str]]) -> str | None:
    """"Arauca, a department historically controlled by the ELN": the appositive says
    what the name is."""
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in word_set("names", "appositive_articles"):
        word = doc[end + 2].lower_
        if doc[end + 2].pos_ == "ADJ" and end + 3 < len(doc):
            word = doc[end + 3].lower_
        for kind, words in kind_words.items():
            if word in words:
                return kind
    return None


def place_hint(doc: Doc, start: int, end: int, kind_words: dict[str, list[str]]) -> str | None:
    """The kind of place the words around a name say it is ("the state of X", "X city")."""
    neighbours = [doc[i].lower_ for i in (start - 2, start - 1, end, end + 1) if 0 <= i < len(doc)]
    for kind, words in kind_words.items():
        if any(w in neighbours for w in words):
            return "state" if kind == "state" else kind
    return None


@dataclass(frozen=True)
class PatternName:
    """A name read from the words around it, not from NER: tokens ``start:end`` name
    ``name`` (an organization or a person), also called ``alias``."""

    start: int
    end: int
    name: str
    kind: str
    alias: str | None = None
    only_known: bool = False  # a name to take only when the gazetteer knows it


def name_before_parenthesis(doc: Doc, opening: int) -> tuple[int, int] | None:
    """The capitalised name right before an opening parenthesis that defines its acronym
    ("Colombia’s Technical Investigation Corps (Cuerpo … – CTI)": Technical Investigation
    Corps), when NER found none: the capitalised words and the connectors between them
    (``name_connectors``), back to the sentence start, a possessive or another word."""
    connectors = word_set("names", "name_connectors")
    end = opening
    if end == 0 or not _CAPITALISED.match(doc[end - 1].text):
        return None
    start = end - 1
    while start > 0 and not doc[start].is_sent_start and end - start < 12:
        before = doc[start - 1]
        if before.text in word_set("names", "possessive_marks"):
            break
        if _CAPITALISED.match(before.text) or before.lower_ in connectors:
            start -= 1
            continue
        break
    while start < end and (doc[start].lower_ in connectors or doc[start].lower_ in word_set("names", "leading")):
        start += 1  # "of the | Technical …", "The | National …"
    capitalised = sum(1 for t in doc[start:end] if _CAPITALISED.match(t.text))
    return (start, end) if capitalised >= 2 else None


@cache
def _category_kinds() -> dict[str, str]:
    return {word: kind for kind, words in load("names")["list_categories"].items() for word in words}


def category_lists(doc: Doc) -> list[tuple[int, int, str]]:
    """Token ranges of lists of names introduced for a category noun, with the kind the
    noun gives them (``list_categories``, ``list_introducers``): "the four men,
    identified as …" (person), "towns around Tumaco, including …" (place)."""
    text = doc_text(doc).lower()
    introducers = [tuple(words.split()) for words in word_set("names", "list_introducers") if words in text]
    if not introducers:
        return []
    kinds = _category_kinds()
    found: list[tuple[int, int, str]] = []
    for token in doc:
        for words in introducers:
            if tuple(t.lower_ for t in doc[token.i: token.i + len(words)]) != words:
                continue
            start = token.i + len(words)
            nouns = [t for t in doc[max(token.sent.start, token.i - 8): token.i] if t.lower_ in kinds or t.lemma_.lower() in kinds]
            if not nouns or start >= len(doc):
                continue
            noun = nouns[-1]
            owner = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
            if owner is not None and (owner.lower_ in kinds or owner.lemma_.lower() in kinds):
                noun = owner  # "political leaders in the region, such as …": the leaders
            kind = kinds.get(noun.lower_) or kinds[noun.lemma_.lower()]
            end = start
            while end < token.sent.end and (_CAPITALISED.match(doc[end].text) or doc[end].lower_ in (",", "and", "or")
                                            or doc[end].lower_ in word_set("names", "particles")
                                            or doc[end].lemma_.lower() in kinds):  # "Mexican nationals Miguel …"
                end += 1
            if end > start:
                found.append((start, end, kind))
    return found


def list_items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of capitalised words of a list of names (:func:`category_lists`), cut at
    separators and lower-case words ("Mexican nationals Miguel Morán, …, and Ecuadorean
    national Andrés Manzaba": Mexican, Miguel Morán, Ecuadorean, Andrés Manzaba)."""
    items: list[tuple[int, int]] = []
    first = None
    for i in range(start, end + 1):
        inside = i < end and (_CAPITALISED.match(doc[i].text) or first is not None and doc[i].lower_ in word_set("names", "particles")
                              and i + 1 < end and _CAPITALISED.match(doc[i + 1].text))
        if inside and first is None:
            first = i
        elif not inside and first is not None:
            items.append((first, i))
            first = None
    return items


def pattern_names(doc: Doc) -> list[PatternName]:
    """Names NER cuts or mistypes that the words around them settle: groups named with
    words between their name and its head ("the Gulf drug cartel": Gulf Cartel; not
    after a demonym, "a Mexican drug cartel"), and people with a quoted nickname inside
    their name ("Juan Carlos “El Tigre” Bonilla": Juan Carlos Bonilla, alias El Tigre)."""
    return [*_names_with_fillers(doc), *_quoted_nicknames_inside(doc), *_names_before_a_plural_head(doc),
            *_quoted_group_names(doc)]


def _quoted_group_names(doc: Doc) -> list[PatternName]:
    """"a gang known as “Los Grises”", "a criminal network dubbed «La Oficina»": a quoted,
    capitalised name introduced for a group noun (:func:`named_group`) is that group (NER
    often sees nothing between quotes)."""
    found: list[PatternName] = []
    particles = word_set("names", "quoted_name_particles")
    for quote in doc:
        if quote.text not in OPENING_QUOTES or quote.i < 2 or named_group(doc, quote.i + 1) is None:
            continue
        end = next((i for i in range(quote.i + 1, min(quote.i + 7, len(doc))) if doc[i].text in CLOSING_QUOTES), None)
        words = doc[quote.i + 1:end] if end is not None else None
        if words and _CAPITALISED.match(words[0].text) and all(
                _CAPITALISED.match(t.text) or t.lower_ in particles for t in words):
            found.append(PatternName(quote.i + 1, end, words.text, "organization"))
    return found


def named_group(doc: Doc, start: int) -> str | None:
    """The group noun a name is introduced for: "a criminal organization known as «Los
    Suizos»", "the gang called …" → "organization" / "gang"."""
    i = start - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 1 or doc[i].lower_ not in word_set("names", "introducers"):
        return None
    verb = doc[i - 1] if doc[i].lower_ == "as" else doc[i]
    if verb.lemma_.lower() not in word_set("names", "introducing_verbs") or verb.dep_ != "acl":
        return None
    head = verb.head.lemma_.lower()
    return head if head in group_words() or head in word_set("names", "group_nouns") else None


@cache
def group_words() -> frozenset[str]:
    """The nouns that refer back to a criminal group ("the gang", "the cartel")."""
    return frozenset(load("organizations")["group_anaphors"])


def _names_before_a_plural_head(doc: Doc) -> list[PatternName]:
    """"Mexico's Sinaloa and rival Los Zetas cartels": each co-ordinated name before a
    plural head is a group of that head (Sinaloa Cartel, not the state), when known."""
    found: list[PatternName] = []
    text = doc_text(doc).lower()
    if not any(f"{head}s" in text for head in word_set("names", "group_heads")):
        return found
    for token in doc:
        if not token.lower_.endswith("s") or token.lower_[:-1] not in word_set("names", "group_heads"):
            continue  # (the tagger may take "cartels" for a verb)
        i, end = token.i, token.i
        while i > 0:
            if _CAPITALISED.match(doc[i - 1].text) and doc[i - 1].lower_ not in word_set("names", "leading"):
                i -= 1
                continue
            if end > i:
                found.append(PatternName(i, end, f"{doc[i:end].text} {token.lower_[:-1].capitalize()}", "organization",
                                         only_known=True))
            if doc[i - 1].lower_ in word_set("names", "group_list_words") or doc[i - 1].tag_ == "JJ":
                i -= 1
                end = i
                continue
            break
    return found


def _names_with_fillers(doc: Doc) -> list[PatternName]:
    fillers, heads = word_set("names", "group_fillers"), word_set("names", "group_heads")
    found: list[PatternName] = []
    text = doc_text(doc).lower()
    if not any(head in text for head in heads):
        return found
    for token in doc:
        if token.lower_ not in heads or token.i < 2 or doc[token.i - 1].lower_ not in fillers:
            continue
        if token.i + 1 < len(doc) and _CAPITALISED.match(doc[token.i + 1].text) and token.text[:1].isupper():
            continue  # "the National Anti-Gang Division": the name goes on past the head
        i = token.i - 1
        while i > 0 and doc[i - 1].lower_ in fillers:
            i -= 1
        start = i
        while start > 0 and not doc[start].is_sent_start and _CAPITALISED.match(doc[start - 1].text) \
                and doc[start - 1].lower_ not in word_set("names", "leading"):
            start -= 1
        if start < i and doc[start:i].text not in word_set("places", "demonyms"):
            found.append(PatternName(start, token.i + 1, f"{doc[start:i].text} {token.text.capitalize()}", "organization"))
    return found


def _quoted_nicknames_inside(doc: Doc) -> list[PatternName]:
    found: list[PatternName] = []
    text = doc_text(doc)
    if not any(quote in text for quote in OPENING_QUOTES):
        return found
    for token in doc:
        if token.text not in OPENING_QUOTES or token.i == 0 or doc[token.i - 1].pos_ != "PROPN":
            continue
        close = next((j for j in range(token.i + 2, min(token.i + 6, len(doc))) if doc[j].text in CLOSING_QUOTES), None)
        inner = doc[token.i + 1:close] if close is not None else []
        if close is None or not all(_CAPITALISED.match(t.text) or (t.i == token.i + 1 and t.lower_ in word_set("names", "nickname_articles"))
                                    for t in inner) or not _CAPITALISED.match(inner[-1].text):
            continue  # ("Ismael ‘el Mayo’ Zambada")
        start, end = token.i, close + 1
        while start > 0 and start > token.i - 3 and doc[start - 1].pos_ == "PROPN" and _CAPITALISED.match(doc[start - 1].text) \
                and doc[start - 1].lower_ not in _title_words() and doc[start - 1].ent_type_ not in ("DATE", "TIME"):
            start -= 1
        while end < len(doc) and end < close + 4 and doc[end].pos_ == "PROPN" and _CAPITALISED.match(doc[end].text):
            end += 1
        outer = [*doc[start:token.i], *doc[close + 1:end]]
        if start < token.i and end > close + 1 and (any(t.ent_type_ in ("PERSON", "PER") for t in outer)
                                                    or inner[0].lower_ in word_set("names", "nickname_articles")):
            name = " ".join(t.text for t in outer)
            found.append(PatternName(start, end, name, "person", doc[token.i + 1:close].text))
    return found
