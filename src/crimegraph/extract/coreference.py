"""What a pronoun or a descriptive noun phrase refers back to.

"he" → the last person named shortly before; "it", "they", "the group", "both groups" →
the last criminal group(s) named; "we" in a quotation → the speaker; "the president" →
the person last named with that title; "the agency" → the last organization named that
is not a criminal group. The words are ``data/lexicon/en/coreference.yaml``; the head
words of group and body anaphors are ``data/lexicon/en/organizations.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mentions import MentionTable

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: The entities a noun phrase names (``crimegraph.extract.arguments.entities``).
Entities = Callable[["Token", MentionTable, int], list[Known]]


@cache
def _words() -> dict[str, Any]:
    return load("coreference")


def _pronouns(kind: str) -> frozenset[str]:
    return _pronoun_sets()[kind]


@cache
def _pronoun_sets() -> dict[str, frozenset[str]]:
    return {kind: frozenset(words) for kind, words in _words()["pronouns"].items()}


@cache
def _determiners() -> dict[str, frozenset[str]]:
    return {kind: frozenset(words) for kind, words in _words()["determiners"].items()}


def kind_of(known: Known) -> str:
    """The finest kind of an entity: criminal-group, government-body, person, country …"""
    return getattr(known.record, "kind", None) or known.kind


def is_relative(token: Token) -> bool:
    """"who", "which" … heading a relative clause ("Portillo, who was charged")."""
    return token.lower_ in _pronouns("relative") and token.head.dep_ == "relcl"


def relative_referents(pronoun: Token, head: Token, table: MentionTable, limit: int,
                       entities: Entities) -> list[Known] | None:
    """What a relative pronoun refers to, when its word restricts it: "which" never
    refers to a person ("Guacho, the leader of the FOS, which operates" → the FOS);
    "who" always does, so a head noun naming no person is part of the description of
    the person it refers to ("Herlinda Bobadilla, the leader of a clan who is wanted" →
    Bobadilla). None: the head noun's entities, as for any noun phrase."""
    if pronoun.lower_ in _pronouns("personal_relative"):
        if any(k.kind == "person" for k in entities(head, table, limit)):
            return None
        described = described_entity(head, table)
        return [described] if described is not None and described.kind == "person" else None
    if pronoun.lower_ not in _pronouns("non_personal_relative"):
        return None
    found = [k for k in entities(head, table, limit) if k.kind != "person"]
    return found or last_before(pronoun, table, lambda k: k.kind == "organization")


def described_entity(noun: Token, table: MentionTable) -> Known | None:
    """The named entity a noun phrase is part of the description of: the noun itself
    when it names one, else up through "of" phrases and appositives ("Juan Pérez, the
    leader of a clan" → Juan Pérez for "clan")."""
    current = noun
    for _ in range(6):
        mention = table.at(current.i)
        if mention is not None:
            return mention.known
        if current.dep_ not in ("pobj", "prep", "appos") or current.head == current \
                or current.dep_ == "prep" and current.lower_ != "of":
            return None
        current = current.head
    return None


def pronoun_referents(token: Token, table: MentionTable, limit: int, entities: Entities) -> list[Known] | None:
    """The entities a personal pronoun refers to, or None if ``token`` is none."""
    if token.lower_ in _pronouns("first_person"):
        said_by = speaker(token)  # "“We urge authorities …,” the Forum said" → the Forum
        return entities(said_by, table, limit) if said_by is not None else []
    if token.lower_ in _pronouns("personal"):
        return _antecedent(token, table)
    if token.lower_ in _pronouns("neuter"):
        reporter = _reporter(token, table, entities)
        if reporter:  # "Colombian police said they arrested …": the police
            return reporter[:limit]
        group = _last_group(token, table, within=60)
        if group is None and token.lower_ in _pronouns("plural") and token.dep_ == "nsubjpass":
            return people_before(token, table, plural=True)  # "… killed a man. They were arrested on Friday."
        if group is None:
            return []
        if token.lower_ in _pronouns("plural"):  # "the PCC and CV … they control": both
            return _coordinated(group, token, table)
        return [group]
    return None


def noun_referents(token: Token, table: MentionTable) -> list[Known] | None:
    """The entities a noun phrase that names no one refers back to ("the president",
    "the group", "both gangs", "the agency"), or None if it is no such phrase."""
    determiners = _determiners()
    if token.lower_ in _title_words() and any(c.lower_ in determiners["title"] for c in token.children):
        titled = _titled_person(token, table)  # "the Honduran president" → Juan Orlando Hernández
        if titled is not None:
            return [titled]
    if token.lemma_.lower() in _group_anaphors() and not _names_inside(token, table):
        words = {c.lower_ for c in token.children}
        if token.tag_ == "NNS" and words & determiners["plural"]:
            return _last_groups(token, table, 2)  # "both groups", "the two gangs"
        if words & determiners["definite"]:
            antecedent = _last_group(token, table)
            if antecedent is not None:
                return [antecedent]
    if token.lemma_.lower() in _body_anaphors() and not _names_inside(token, table) \
            and any(c.lower_ in determiners["body"] for c in token.children):
        body = last_before(token, table, lambda k: k.kind == "organization" and kind_of(k) != "criminal-group",
                           same_sentence=False)
        if body:  # "The World Health Organization … The global health body has denied"
            return body
    return None


def _names_inside(noun: Token, table: MentionTable) -> bool:
    """Whether a noun phrase names an entity itself ("the Sinaloa gang"), not in a
    relative clause about it ("the gang, which prosecutors blamed for the murder of X")."""
    stack = [noun]
    while stack:
        current = stack.pop()
        if table.at(current.i) is not None:
            return True
        stack.extend(c for c in current.children if c.dep_ not in ("relcl", "acl"))
    return False


def _reporter(pronoun: Token, table: MentionTable, entities: Entities) -> list[Known]:
    """The body that reports what "it" / "they" did, when the pronoun is the active
    subject of the clause a reporting verb governs ("the army said it had captured X",
    "police said they seized …"): the organizations and places the verb's subject names
    (a person is no "it" or "they"). Empty otherwise."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in word_set("coreference", "reporting_verbs"):
        return []
    subjects = [c for c in clause.head.children if c.dep_ == "nsubj" and c.i < pronoun.i]
    if not subjects or subjects[-1].lower_ in _pronouns("neuter"):
        return []
    return [k for k in entities(subjects[-1], table) if k.kind != "person"]


def speaker(token: Token) -> Token | None:
    """The subject of the speech verb whose quoted complement holds ``token``."""
    current = token
    for _ in range(8):
        head = current.head
        if head == current:
            return None
        if current.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in word_set("arguments", "speech_verbs"):
            subjects = [c for c in head.children if c.dep_ in ("nsubj",)]
            return subjects[-1] if subjects else None
        current = head
    return None


def last_before(token: Token, table: MentionTable, wanted: Any, same_sentence: bool = True) -> list[Known]:
    """The closest entity of the wanted sort named before ``token``: in the same
    sentence, or else within the last 80 tokens."""
    start = token.sent.start if same_sentence else token.i - 80
    for mention in reversed(table.mentions):
        if mention.end <= token.i and mention.start >= start and wanted(mention.known):
            return [mention.known]
    return []


def _coordinated(group: Known, before: Token, table: MentionTable) -> list[Known]:
    """The group and the groups co-ordinated with it at its last mention ("the PCC and
    the CV")."""
    for mention in reversed(table.mentions):
        if mention.end <= before.i and mention.known.ref == group.ref:
            head = before.doc[mention.end - 1]
            others = [table.at(t.i).known for t in (*head.conjuncts,) if table.at(t.i) is not None]
            return [group, *[k for k in others if k.ref != group.ref]]
    return [group]


def _last_groups(token: Token, table: MentionTable, count: int, within: int = 120) -> list[Known]:
    """"both groups", "the gangs" → the last ``count`` distinct criminal groups named
    within ``within`` tokens before ``token`` (fewer if fewer are named)."""
    found: list[Known] = []
    for mention in reversed(table.mentions):
        if mention.end <= token.i and token.i - mention.end < within and kind_of(mention.known) == "criminal-group" \
                and all(k.ref != mention.known.ref for k in found):
            found.append(mention.known)
            if len(found) == count:
                break
    return found


def _last_group(token: Token, table: MentionTable, within: int = 120) -> Known | None:
    """"the group", "its", "they" → the last criminal group named shortly before (within
    ``within`` tokens)."""
    found = _last_groups(token, table, 1, within)
    return found[0] if found else None


@cache
def _body_anaphors() -> frozenset[str]:
    return frozenset(load("organizations").get("body_anaphors") or ())


@cache
def _title_words() -> frozenset[str]:
    return frozenset(t for t in load("roles")["titles"] if " " not in t)


@cache
def _group_anaphors() -> frozenset[str]:
    return frozenset(load("organizations")["group_anaphors"])


def _titled_person(token: Token, table: MentionTable) -> Known | None:
    """The last person named earlier with the title ``token`` ("President Juan Orlando
    Hernández" … "the president"); failing that, the one person the article names with
    that title later ("The governor of Rio de Janeiro has touted …" … "Rio Governor
    Claudio Castro")."""
    doc = token.doc
    titled = [m for m in table.mentions if m.known.kind == "person" and m.start > 0 and doc[m.start - 1].lower_ == token.lower_]
    for mention in reversed(titled):
        if mention.end <= token.i:
            return mention.known
    later = {id(m.known): m.known for m in titled}  # "The governor … has touted …" before "Governor Claudio Castro"
    return next(iter(later.values())) if len(later) == 1 else None


def _antecedent(pronoun: Token, table: MentionTable) -> list[Known]:
    """"he" → the last person named before it, within two sentences."""
    mention = _last_person(pronoun, table)
    if mention is not None and (pronoun.i - mention.end < 80 or mention.start >= pronoun.sent.start):
        return [mention.known]
    return []


def _last_person(token: Token, table: MentionTable, kept: Callable[[Any], bool] | None = None) -> Any:
    """The mention of the last person named before ``token`` (that ``kept`` keeps), or None."""
    for mention in reversed(table.mentions):
        if mention.end <= token.i and mention.known.kind == "person" and (kept is None or kept(mention)):
            return mention
    return None


def people_before(token: Token, table: MentionTable, plural: bool,
                  kept: Callable[[Any], bool] | None = None) -> list[Known]:
    """The people a clause that names no one is about, read as "he" is: a Spanish clause
    without a subject ("Fueron detenidos en Culiacán", "fue asesinado a puñaladas") or
    with a possessive ("su vinculación") right after a sentence that names them. One: the
    last person named (:func:`_last_person`, as for "he"); several: the people of that
    person's sentence, in order. Only from the sentence before ``token``'s (blank lines
    between paragraphs skipped) or from its own; ``kept`` says which mentions may be
    meant (not a name the sentence tells as where)."""
    last = _last_person(token, table, kept)
    start = token.sent.start
    while start > 0 and not token.doc[start - 1].sent.text.strip():
        start = token.doc[start - 1].sent.start
    if last is None or start == 0 or last.start < token.doc[start - 1].sent.start:
        return []
    if not plural:
        return [last.known]
    first = token.doc[last.start].sent.start
    people = {id(m.known): m.known for m in table.mentions if m.known.kind == "person" and first <= m.start
              and m.end <= token.i and (kept is None or kept(m))}
    return list(people.values())


def identified_people(sentence: Span, table: MentionTable) -> tuple[list[str], str, list[Known]] | None:
    """"The detainees were identified as A, B and C": (the event types the people belong
    to, their role, the people), when a passive of ``identified_verbs`` names people
    after "as" and its subject names no one; the victims of a killing or kidnapping when
    the subject is one of ``victim_nouns``, else the arrested of an arrest."""
    words = _words()
    for verb in sentence:
        if verb.lemma_.lower() not in words["identified_verbs"] or verb.pos_ != "VERB":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if len(subjects) != 1 or any(t.i in table.by_token for t in subjects[0].subtree):
            continue  # "Juan Pérez was identified as the leader": a description, not a list
        people: list[Known] = []
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            for token in prep.subtree:
                found = table.at(token.i)
                if found is not None and found.known.kind == "person" and found.known not in people:
                    people.append(found.known)
        if people:
            if subjects[0].lemma_.lower() in words["victim_nouns"]:
                return list(words["victim_types"]), "victim", people
            return list(words["identified_types"]), "target", people
    return None
