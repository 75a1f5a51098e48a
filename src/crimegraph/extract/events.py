"""Events from the dependency parse.

A trigger (a verb or noun of ``data/lexicon/events.yaml``) gives the event type; its
grammatical arguments give the participants: the subject is the actor and the object
the target (in the passive voice the other way round), "in <place>" the place, a date
expression of the same clause the date. Negation, modal verbs, conditionals and words
of suspicion set the event's modality, so a denied or possible event is never written
as a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.dates import normalize
from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load
from crimegraph.extract.mentions import Found, MentionTable
from crimegraph.model import PartialDate
from crimegraph.vocab import event_types

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "parataxis", "appos", "punct"}
_PERSONAL = {"he", "she", "him", "her", "his"}
_NEUTER = {"it", "its", "they", "them", "their"}
_FIRST_PERSON = {"we", "i", "us", "me", "our", "my"}
#: Verbs that report speech: "…,” said X"; their clausal complement is what X said.
_SPEECH = {"say", "tell", "state", "declare", "add", "write", "tweet"}
_RELATIVE = {"who", "that", "which", "whom"}


@dataclass
class FoundEvent:
    type: str
    trigger: int
    participants: list[tuple[str, Known]] = field(default_factory=list)
    place: Known | None = None
    date: PartialDate | None = None
    precision: str | None = None
    modality: str = "asserted"
    confidence: float = 0.6


@cache
def lexicon() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, Any]]:
    events = load("events")
    known = event_types()
    for group in ("verbs", "nouns", "adjectives"):
        for lemma, entry in events[group].items():
            if entry["type"] not in known:
                raise ValueError(f"data/lexicon/events.yaml: {lemma!r} has type {entry['type']!r}, "
                                 f"which is not an event type of the ontology ({', '.join(known)})")
    return events["verbs"], events["nouns"], load("modality")


@cache
def _adjectives() -> dict[str, dict[str, Any]]:
    return load("events").get("adjectives") or {}


def find_events(doc: Doc, sentence: Span, table: MentionTable, published: PartialDate | None,
                dates: list[Span]) -> list[FoundEvent]:
    """The events stated in one sentence; ``dates`` are its DATE entities."""
    verbs, nouns, _ = lexicon()
    found: list[FoundEvent] = []
    verb_triggers = {t.i for t in sentence if t.pos_ == "VERB" and _stem(t.lemma_.lower(), verbs) in verbs}
    for token in sentence:
        if token.i in table.by_token:
            continue  # part of a name ("Red Command", "Peace Agreement")
        lemma = _stem(token.lemma_.lower(), verbs) if token.pos_ == "VERB" else token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in verbs:
            event = _verb_event(token, verbs[lemma], table)
        elif token.pos_ == "NOUN" and lemma in nouns:
            if _named_charge(token, verbs, verb_triggers):
                continue  # "sentenced for drug trafficking": the charge, not an event of its own
            governing = verbs[_stem(token.head.lemma_.lower(), verbs)] if token.head.i in verb_triggers else None
            if token.dep_ in ("dobj", "obj") and governing is not None and (
                    governing.get("requires_object_word") or governing["type"] == nouns[lemma]["type"]):
                continue  # "threw out the conviction": what the verb's event is about, not an event
            event = _noun_event(token, nouns[lemma], table)
        elif token.pos_ == "ADJ" and lemma in _adjectives():
            event = _adjective_event(token, _adjectives()[lemma], table)
        elif token.pos_ == "NOUN" and lemma in _publications():
            event = None
        elif token.pos_ == "VERB" and lemma in _SPEECH:
            event = _call(token, table)
        else:
            continue
        publication = token.pos_ == "NOUN" and lemma in _publications() and (
            event is None or event.type != "evaluation") and (_attribution(token) or token.dep_ == "nsubj")
        if publication:
            event = _publication_event(token, table)
            if event is None:
                continue
        elif event is None or _attribution(token):
            continue
        event.modality = "asserted" if publication else modality(token)  # a cited report exists
        _date(event, token, dates, published)
        if event.date is None and published is not None and published.day is not None and any(
                c.lower_ in ("currently", "now") for t in _chain(token) for c in t.children if c.dep_ == "advmod"):
            event.date, event.precision = published, "day"  # "is currently drafting"

        _place(event, token, table)
        if not event.participants and not _concrete(event, token):
            continue
        if event.type in load("events").get("needs_target", []) and not _concrete(event, token) \
                and not any(r in ("target", "victim") for r, _ in event.participants):
            continue
        event.confidence = _confidence(event)
        found.append(event)
    return _merge(found)


@cache
def _publications() -> frozenset[str]:
    return frozenset(load("events").get("publications") or ())


def _call(speech: Token, table: MentionTable) -> FoundEvent | None:
    """"“President López Obrador must recognize their contribution,” said Erika
    Guevara-Rosas": a named speaker saying what someone must or should do makes a call,
    a statement directed at that someone (mere reports of facts are no event)."""
    subjects = [c for c in speech.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    speakers = [k for k in _entities(subjects[-1], table) if k.kind != "place"]
    if not speakers:
        return None
    for clause in (c for c in speech.children if c.dep_ in ("ccomp", "parataxis")):
        if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children):
            event = FoundEvent(type="statement", trigger=speech.i, participants=[("actor", k) for k in speakers])
            for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                event.participants += [("target", k) for k in _entities(subject, table)
                                       if k.kind != "place" and k.ref not in {s.ref for s in speakers}]
            return _dedupe(event)
    return None


def _stem(lemma: str, verbs: dict[str, dict[str, Any]]) -> str:
    """"re-upgrade" → "upgrade", "rearrest" → "arrest" when only the stem is a trigger."""
    if lemma in verbs:
        return lemma
    for prefix in ("re-", "re"):
        if lemma.startswith(prefix) and lemma[len(prefix):] in verbs:
            return lemma[len(prefix):]
    return lemma


def _publication_event(noun: Token, table: MentionTable) -> FoundEvent | None:
    """"According to a 2019 InSight Crime investigation", "a report by Mongabay says": a
    published report or study is an evaluation by whoever published it (named as its
    possessor, compound or "by" agent; an unattributed report is left out)."""
    event = FoundEvent(type="evaluation", trigger=noun.i)
    for child in noun.children:
        if child.dep_ in ("poss", "compound"):
            event.participants += [("actor", k) for k in _entities(child, table) if k.kind != "place"]
        elif child.dep_ == "prep" and child.lower_ == "by":
            event.participants += [("actor", k) for pobj in _pobjs(child) for k in _entities(pobj, table)
                                   if k.kind != "place"]
    return _dedupe(event) if event.participants else None


_CHARGING = {"charge", "conviction", "arrest", "prosecution", "acquittal", "extradition", "investigation"}


def _named_charge(noun: Token, verbs: dict[str, dict[str, Any]], verb_triggers: set[int]) -> bool:
    """Whether a trigger noun names the crime of a charge, arrest or conviction
    ("convicted on drug trafficking charges", "sentenced for drug trafficking")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("for", "with", "on", "over") and head.head.i in verb_triggers:
        return verbs[_stem(head.head.lemma_.lower(), verbs)]["type"] in _CHARGING
    return False


def _attribution(trigger: Token) -> bool:
    """"according to the El Faro investigation", "according to a report by …": the
    source of a statement, not an event of the article."""
    current = trigger
    for _ in range(4):
        head = current.head
        if head is current:
            return False
        if current.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
        current = head
    return False


def _concrete(event: FoundEvent, trigger: Token) -> bool:
    """An event without named participants that is still a reportable occurrence: one
    the sentence places and dates to the day or month ("ten musicians were massacred
    near Chilapa on January 17"), or a single seizure told with its amount. Keeping every
    past-tense trigger without participants ("two individuals were arrested"), or every
    placed one, was tried and found less precise than useful on both gold sets."""
    if event.type not in load("events").get("concrete", []):
        return False
    if event.type == "seizure" and trigger.pos_ == "NOUN" and _one_haul(trigger):
        return True
    return event.place is not None and event.precision in ("day", "week", "month")


def _one_haul(noun: Token) -> bool:
    """"a seizure of 600 kilograms of coca paste", "a fentanyl seizure made in Chihuahua":
    one seizure, told with its amount or where it was made (not "seizures increased")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                any(g.dep_ == "nummod" for g in p.children) for p in _pobjs(child)):
            return True
        if child.dep_ == "acl" and child.lemma_.lower() == "make" and any(
                g.dep_ in ("prep", "npadvmod", "advmod") for g in child.children):
            return True
    return False


def _merge(events: list[FoundEvent]) -> list[FoundEvent]:
    """One event per occurrence: two triggers of one type in one sentence whose
    participants overlap ("convicted or sentenced") are one event."""
    subsumed = load("events").get("subsumed", {})
    types = {e.type for e in events}
    events = [e for e in events if subsumed.get(e.type) not in types]
    kept: list[FoundEvent] = []
    for event in events:
        names = {(k.kind, k.ref.name) for _, k in event.participants}
        twin = next((e for e in kept if e.type == event.type and (
            names & {(k.kind, k.ref.name) for _, k in e.participants} or not names)), None)
        if twin is None:
            kept.append(event)
            continue
        have = {(k.kind, k.ref.name) for _, k in twin.participants}
        twin.participants += [(r, k) for r, k in event.participants if (k.kind, k.ref.name) not in have]
        twin.place = twin.place or event.place
        if twin.modality == "asserted":  # one occurrence, stated with a hedge once: hedged
            twin.modality = event.modality
        if twin.date is None and event.date is not None:
            twin.date, twin.precision = event.date, event.precision
    return kept


# ---------------------------------------------------------------- arguments
def _verb_event(verb: Token, entry: dict[str, Any], table: MentionTable) -> FoundEvent | None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")  # "a department controlled by the ELN"
    if entry.get("passive_only") and not passive:
        return None
    preps = {c.lower_: c for c in verb.children if c.dep_ in ("prep", "agent", "prt")}
    required = entry.get("requires_prep")
    if required and not any(p in preps for p in required):
        return None
    if any(p in preps for p in entry.get("forbids_prep") or ()):
        return None  # "seized upon by the media"
    for prep, words in (entry.get("requires_prep_object") or {}).items():
        if not any(o.lemma_.lower() in words or o.lower_ in words for o in _pobjs(preps.get(prep))):
            return None  # "removed from its grey list", not "removed from office"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    retyping = entry.get("object_types") or {}
    if entry.get("intransitive_only") and objects and not any(o.lemma_.lower() in retyping for o in objects):
        return None  # "operates in Nariño", but "operating a cocaine laboratory" is trafficking
    if entry.get("transitive_only") and not objects and not passive:
        return None
    wanted = entry.get("requires_object_word")
    if wanted and not any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in objects):
        return None
    if not objects:  # "agreed to host an office": the object of the complement
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            objects = [c for c in xcomp.children if c.dep_ in ("dobj", "obj")]
    event = FoundEvent(type=entry["type"], trigger=verb.i)
    subject = _subject(verb)
    undergoers = objects + ([subject] if passive and subject is not None else [])
    for obj in undergoers:  # "control the trafficking of drugs" is trafficking, not presence
        retyped = (entry.get("object_types") or {}).get(obj.lemma_.lower())
        if retyped:
            event.type = retyped
    object_role = entry.get("object", "target")
    if passive and subject is not None and subject.head is not verb and verb.dep_ == "xcomp":
        subject = None  # "warned the rangers to leave or be killed": the warner is not the killed
    if passive:
        if subject is not None:
            event.participants += [(object_role, k) for k in _entities(subject, table)]
        agent = preps.get("by")
        for pobj in _pobjs(agent):
            event.participants += [("actor", k) for k in _entities(pobj, table)]
    else:
        if subject is not None:
            event.participants += [("actor", k) for k in _entities(subject, table)]
        for obj in objects:
            event.participants += [(object_role, k) for k in _entities(obj, table)]
    _prep_participants(event, entry, preps, table)
    _settle_places(event, entry.get("place_targets", False))
    _actor_kinds(event, entry)
    required = entry.get("requires_role")
    if required and not any(r == required for r, _ in event.participants):
        return None
    return _dedupe(event)


def _prep_participants(event: FoundEvent, entry: dict[str, Any], preps: dict[str, Token], table: MentionTable) -> None:
    for prep, role in (entry.get("preps") or {}).items():
        for pobj in _pobjs(preps.get(prep)):
            for known in _entities(pobj, table):
                if role in ("place", "place_or_target") and known.kind == "place":
                    event.place = event.place or known
                elif role != "place":
                    event.participants.append(("target" if role == "place_or_target" else role, known))


def _settle_places(event: FoundEvent, place_targets: bool = False) -> None:
    """Places are where things happen, not whom they happen to: a place object of
    "control" is the event's place; other places that are not actors are dropped —
    unless the entry evaluates places (a country downgraded in a ranking)."""
    kept = []
    for role, known in event.participants:
        if role == "place_or_target":
            if known.kind == "place":
                event.place = event.place or known
                continue
            role = "target"
        if role != "actor" and known.kind == "place" and not (place_targets and role == "target"):
            continue
        kept.append((role, known))
    event.participants = kept


def _noun_event(noun: Token, entry: dict[str, Any], table: MentionTable) -> FoundEvent | None:
    event = FoundEvent(type=entry["type"], trigger=noun.i)
    preps = {}
    # "the drug trafficking business of X", "Fuentes Ramírez's trafficking activities":
    # a trigger modifying another noun takes that noun's possessor and prepositions
    owners = [noun, noun.head] if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else [noun]
    for child in (c for owner in owners for c in owner.children if c is not noun):
        if child.dep_ == "prep":
            preps.setdefault(child.lower_, child)
        elif child.dep_ in ("poss",):
            role = entry.get("poss", "target")
            event.participants += [(role, k) for k in _entities(child, table)]
        elif child.dep_ == "compound":
            mention = table.at(child.i)
            if mention is not None and mention.known.kind != "place":
                event.participants.append((entry.get("poss", "target"), mention.known))
    of_role = entry.get("of")
    if of_role:
        for prep_word in ("of", "including", "against"):
            for pobj in _pobjs(preps.get(prep_word)):
                event.participants += [(of_role, k) for k in _entities(pobj, table)
                                       if k.kind != "place" or of_role == "place_or_target"]
    _prep_participants(event, entry, preps, table)
    for pobj in _pobjs(preps.get("by")):
        event.participants += [("actor", k) for k in _entities(pobj, table)]
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for agent in (c for c in acl.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")):
            for pobj in _pobjs(agent):  # "the investigation carried out by the CNA"
                event.participants += [("actor", k) for k in _entities(pobj, table)]
    governed = False
    direct = bool(event.participants)  # named with the noun itself, not by the verb governing it
    if not any(r == "actor" for r, _ in event.participants):
        governor = _governing_verb(noun)
        role_in_clause = noun.head.dep_ if noun.dep_ == "compound" else noun.dep_  # "the drug trafficking business"
        if governor is not None and governor.lemma_.lower() not in _non_agentive() \
                and role_in_clause in ("dobj", "obj", "pobj", "attr", "xcomp", "nsubjpass"):
            subject = _subject(governor)
            if subject is not None and subject is not noun:
                event.participants += [("actor", k) for k in _entities(subject, table)]
                governed = role_in_clause in ("dobj", "obj")  # "authorities conducted the seizure"
    _settle_places(event)
    if entry.get("poss") != "actor" and event.participants and not governed \
            and not any(r != "actor" for r, _ in event.participants):
        return None  # "a press release", "the arrest": whose?
    _actor_kinds(event, entry)
    if entry.get("needs_actor") and not any(r == "actor" for r, _ in event.participants):
        return None  # "a report": by whom?
    if entry.get("requires_role") and not any(r == entry["requires_role"] for r, _ in event.participants):
        return None  # "links to": to whom?
    event = _dedupe(event)
    if entry.get("two_sides") and len(event.participants) < 2 and not direct:
        return None  # "the court … laying bare the uphill battle": whose fight, with whom?
    return event


def _adjective_event(adjective: Token, entry: dict[str, Any], table: MentionTable) -> FoundEvent | None:
    """"the ELN is present in much of Venezuela": the clause's subject is the actor."""
    preps = {c.lower_: c for c in adjective.children if c.dep_ == "prep"}
    required = entry.get("requires_prep")
    if required and not any(p in preps for p in required):
        return None
    event = FoundEvent(type=entry["type"], trigger=adjective.i)
    verb = adjective.head if adjective.dep_ in ("acomp", "xcomp", "amod") else adjective
    if adjective.dep_ == "amod":  # "groups active in Zacatecas"
        event.participants += [("actor", k) for k in _entities(adjective.head, table)]
    else:
        subject = _subject(verb)
        if subject is not None:
            event.participants += [("actor", k) for k in _entities(subject, table)]
    _prep_participants(event, entry, preps, table)
    _settle_places(event)
    _actor_kinds(event, entry)
    if entry.get("needs_actor") and not any(r == "actor" for r, _ in event.participants):
        return None
    return _dedupe(event)


def kind_of(known: Known) -> str:
    """The finest kind of an entity: criminal-group, government-body, person, country …"""
    return getattr(known.record, "kind", None) or known.kind


def _actor_kinds(event: FoundEvent, entry: dict[str, Any]) -> None:
    """Only entities of the listed kinds act in events of this entry (trafficking is done
    by groups and people, not by the governments that fight it)."""
    for role in ("actor", "partner", "target"):
        kinds = entry.get(f"{role}_kinds")
        if kinds:
            event.participants = [(r, k) for r, k in event.participants if r != role or kind_of(k) in kinds]


def _dedupe(event: FoundEvent) -> FoundEvent:
    seen: set[tuple[str, str]] = set()
    kept = []
    for role, known in event.participants:
        key = (role, f"{known.kind}:{known.ref.name}")
        if key not in seen and (known.kind, known.ref.name) not in {(k.kind, k.ref.name) for _, k in kept}:
            seen.add(key)
            kept.append((role, known))
    event.participants = kept
    return event


def _pobjs(prep: Token | None) -> list[Token]:
    if prep is None:
        return []
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _governing_verb(token: Token) -> Token | None:
    """The verb whose clause a noun belongs to ("bring about the prosecution" → bring)."""
    current = token
    for _ in range(6):
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, looking up through controlling verbs and coordination
    ("CICIG has helped bring about ..." → CICIG for bring)."""
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
        if subjects:  # "The wife of X, Bonilla de Lobo was arrested": the one next to the verb
            return subjects[-1]
        if current.dep_ in ("xcomp", "conj") and current.head is not current:
            current = current.head
            continue
        if current.dep_ == "advcl" and current.head is not current and (current.tag_ == "VBG" or (
                current.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children))):
            current = current.head  # "WHO posted …, denying that …", "X and Y met to discuss bribes"
            continue
        if current.dep_ in ("acl", "relcl") and current.head is not current:
            return current.head  # "officials accused of" → officials
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # "Guacho became a target after murdering journalists" → Guacho
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ in ("ADJ", "NOUN"):
            current = current.head.head  # "Vieira was responsible for sending shipments"
            while current.pos_ not in ("VERB", "AUX") and current.head is not current:
                current = current.head
            continue
        return None
    return None


def _entities(token: Token, table: MentionTable, limit: int = 4) -> list[Known]:
    """The entities a noun phrase names: the mention at its head (and its conjuncts),
    else the mentions inside it, people and organizations before places."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        pronoun, token = token, token.head.head  # "Portillo, who was charged" → Portillo
        if pronoun.lower_ == "which":  # never a person: "Guacho, the leader of the FOS, which operates"
            found = [k for k in _entities(token, table, limit) if k.kind != "person"]
            return found or _last_before(pronoun, table, lambda k: k.kind == "organization")
    if token.lower_ in _FIRST_PERSON:
        speaker = _speaker(token)  # "“We urge authorities …,” the Forum said" → the Forum
        return _entities(speaker, table, limit) if speaker is not None else []
    if token.lower_ in _PERSONAL:
        return _antecedent(token, table)
    if token.lower_ in _NEUTER:
        group = _last_group(token, table, within=60)
        if group is None:
            return []
        if token.lower_ in ("they", "them", "their"):  # "the PCC and CV … they control": both
            return _coordinated(group, token, table)
        return [group]
    heads = [token, *token.conjuncts]
    direct = [table.at(h.i).known for h in heads if table.at(h.i) is not None]
    if not direct:  # "his group, Los Contadores"
        direct = [table.at(a.i).known for h in heads for a in h.children if a.dep_ == "appos" and table.at(a.i)]
    if not direct:  # "a criminal organization known as Los Suizos", "a faction that calls itself …"
        direct = [k for h in heads for k in _named_as(h, table)]
    if direct:
        return direct[:limit]
    if token.lower_ in _title_words() and any(c.lower_ in ("the", "his", "her", "its", "their") for c in token.children):
        titled = _titled_person(token, table)  # "the Honduran president" → Juan Orlando Hernández
        if titled is not None:
            return [titled]
    if token.lemma_.lower() in _group_anaphors() and not any(table.at(t.i) for t in token.subtree):
        words = {c.lower_ for c in token.children}
        if token.tag_ == "NNS" and words & {"both", "two", "the", "these", "those"}:
            return _last_groups(token, table, 2)  # "both groups", "the two gangs"
        if words & {"the", "this", "that", "its", "his", "their"}:
            antecedent = _last_group(token, table)
            if antecedent is not None:
                return [antecedent]
    if token.lemma_.lower() in _body_anaphors() and not any(table.at(t.i) for t in token.subtree) \
            and any(c.lower_ == "the" for c in token.children):
        body = _last_before(token, table, lambda k: k.kind == "organization" and kind_of(k) != "criminal-group",
                            same_sentence=False)
        if body:  # "The World Health Organization … The global health body has denied"
            return body
    inside: list[Found] = []
    stack = [token]
    while stack:
        current = stack.pop()
        mention = table.at(current.i)
        if mention is not None and mention not in inside:
            inside.append(mention)
        stack.extend(c for c in current.children if _inside_the_phrase(c))
    inside.sort(key=lambda f: f.start)
    agents = [f.known for f in inside if f.known.kind != "place"]
    return (agents or [f.known for f in inside])[:limit]


_NAMING = {"know", "call", "dub", "name", "nickname"}


def _named_as(noun: Token, table: MentionTable) -> list[Known]:
    """The entity a noun phrase introduces by name: "a gang known as Los Ardillos",
    "the group, called the FOS", "a faction that calls itself the Western Bloc"."""
    found: list[Known] = []
    for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _NAMING):
        for child in clause.children:
            targets = _pobjs(child) if child.dep_ == "prep" and child.lower_ == "as" else \
                [child] if child.dep_ in ("oprd", "attr", "xcomp", "ccomp", "dobj") else []
            for target in targets:
                mention = table.at(target.i)
                if mention is not None:
                    found.append(mention.known)
                else:
                    found += [table.at(t.i).known for t in target.subtree if table.at(t.i)][:1]
    return found


def _speaker(token: Token) -> Token | None:
    """The subject of the speech verb whose quoted complement holds ``token``."""
    current = token
    for _ in range(8):
        head = current.head
        if head is current:
            return None
        if current.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in _SPEECH:
            subjects = [c for c in head.children if c.dep_ in ("nsubj",)]
            return subjects[-1] if subjects else None
        current = head
    return None


def _last_before(token: Token, table: MentionTable, wanted: Any, same_sentence: bool = True) -> list[Known]:
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


@cache
def _non_agentive() -> frozenset[str]:
    return frozenset(load("events").get("non_agentive_governors") or ())


@cache
def _body_anaphors() -> frozenset[str]:
    return frozenset(load("organizations").get("body_anaphors") or ())


@cache
def _title_words() -> frozenset[str]:
    return frozenset(t for t in load("roles")["titles"] if " " not in t)


def _titled_person(token: Token, table: MentionTable) -> Known | None:
    """The last person named earlier with the title ``token`` ("President Juan Orlando
    Hernández" … "the president")."""
    doc = token.doc
    for mention in reversed(table.mentions):
        if mention.end <= token.i and mention.known.kind == "person" and mention.start > 0 \
                and doc[mention.start - 1].lower_ == token.lower_:
            return mention.known
    return None


@cache
def _group_anaphors() -> frozenset[str]:
    return frozenset(load("organizations")["group_anaphors"])


def _last_group(token: Token, table: MentionTable, within: int = 120) -> Known | None:
    """"the group", "its", "they" → the last criminal group named shortly before (within
    ``within`` tokens)."""
    found = _last_groups(token, table, 1, within)
    return found[0] if found else None


@cache
def _state_words() -> frozenset[str]:
    return frozenset(load("places")["state_words"])


def _inside_the_phrase(child: Token) -> bool:
    """Whether a dependent still names the phrase's referent: "PCC gang members",
    "members of the PCC", "leaders such as Laura Chinchilla" — but not "suspects in the
    killing of Veras", whose Veras is not a suspect."""
    if child.dep_ in ("compound", "poss", "nmod", "conj", "cc", "amod", "det", "nummod", "pobj", "case"):
        return True
    if child.dep_ == "prep":
        if child.lower_ == "in" and child.head.lemma_.lower() in _state_words():
            return True  # "police in Honduras", "authorities in Mexico City"
        return child.lower_ in _MEMBERSHIP_PREPS or (child.lower_ == "as" and child.head.lower_ == "such") or \
            any(c.lower_ == "such" for c in child.children)
    return False


_MEMBERSHIP_PREPS = {"of", "like", "including", "from", "as"}


def _antecedent(pronoun: Token, table: MentionTable) -> list[Known]:
    """"he" → the last person named before it, within two sentences."""
    limit = pronoun.sent.start
    for mention in reversed(table.mentions):
        if mention.end <= pronoun.i and mention.known.kind == "person":
            if pronoun.i - mention.end < 80 or mention.start >= limit:
                return [mention.known]
            return []
    return []


# ---------------------------------------------------------------- modality
def _chain(token: Token) -> list[Token]:
    """The trigger and the verbs that govern it up to its clause's root. A relative
    clause is a clause of its own; an embedded question presupposes its event ("it's not
    clear why Veras was targeted"): the chain stops there."""
    chain = [token]
    current = token
    for _ in range(6):
        if any(c.dep_ == "advmod" and c.lower_ in ("why", "how", "when", "where") for c in current.children):
            break
        if current.head is current or current.dep_ in ("ROOT",):
            break
        if current.dep_ in ("relcl", "advcl", "ccomp", "conj", "parataxis") and current is not token:
            break
        if current.dep_ == "relcl":  # "a group that had smuggled cheese": its own clause, its own time
            break
        current = current.head
        chain.append(current)
        if current.dep_ in ("relcl", "advcl", "parataxis"):
            break
    return chain


def modality(trigger: Token) -> str:
    """asserted, negated, hypothetical or reported (speculation)."""
    _, _, words = lexicon()
    negated, hypothetical, reported = words["negated"], words["hypothetical"], words["reported"]
    chain = _chain(trigger)
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")] or [trigger]
    # a noun that is the subject of its verb is not what the verb's modal is about:
    # "the arrest of El Contador could stoke violence" — the arrest happened
    modal_verbs = verbs if not (trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass")) else [trigger]
    # the verb a conjunct hangs on is its sibling, not its governor: "had been threatened
    # and harassed" — harassed is not governed by "threaten"
    governors = [g for g in chain[1:] if not (trigger.dep_ == "conj" and g is trigger.head)]
    top = chain[-1]
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in reported["governors"]:
        governors.append(top.head)  # "prosecutors allege that he began operating a laboratory"
    for verb in verbs:
        for child in verb.children:
            lemma = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and lemma in ("never", "no")):
                return "negated"
            if child.dep_ in _SUBJECTS and (lemma in negated["subjects"] or any(
                    c.lower_ == "no" and c.dep_ == "det" for c in child.children)):
                return "negated"
    for governor in governors:
        if governor.lemma_.lower() in negated["governors"]:
            return "negated"
    for verb in verbs:
        for child in verb.children:
            lemma = child.lemma_.lower()
            if child.dep_ == "advmod" and child.lower_ in reported["adverbs"]:
                return "reported"
    for governor in governors:
        if governor.lemma_.lower() in reported["governors"]:
            return "reported"
    if trigger.lemma_.lower() in ("accuse", "suspect", "allege"):
        return "asserted"  # the accusation itself happened
    for verb in modal_verbs:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in hypothetical["auxiliaries"]:
                return "hypothetical"
            if child.dep_ == "mark" and child.lower_ in hypothetical["marks"]:
                return "hypothetical"
    for position, governor in enumerate(chain[1:], start=1):
        if governor in governors and governor.lemma_.lower() in hypothetical["governors"] and governor.i != trigger.i \
                and _infinitival(chain[position - 1]):
            return "hypothetical"
    return "asserted"


def _infinitival(token: Token) -> bool:
    """Whether the clause below a governor is what it plans, urges or threatens ("plan
    to arrest", "urge authorities to investigate", "warned them to leave") rather than
    what it reports ("told InSight Crime about the threats")."""
    if token.dep_ in ("xcomp",) or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    return token.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


# ---------------------------------------------------------------- time and place
def _date(event: FoundEvent, trigger: Token, dates: list[Span], published: PartialDate | None) -> None:
    if not dates:
        return
    chain = {t.i for t in _chain(trigger)}
    subtree = {t.i for t in trigger.subtree} if trigger.pos_ == "NOUN" else set()
    for ent in dates:
        anchor = ent.root
        owner = anchor
        for _ in range(8):
            if owner.pos_ in ("VERB", "AUX") or owner.head is owner:
                break
            owner = owner.head
        if owner.i in chain or anchor.i in subtree or owner.i == trigger.i:
            normal = normalize(ent.text, published)
            if normal is not None:
                event.date, event.precision = normal
                return


def _place(event: FoundEvent, trigger: Token, table: MentionTable) -> None:
    """"in <place>" attached to the trigger, the verb governing a noun trigger, or
    (failing those) to a phrase of the trigger's own clause ("arrested by the Navy in
    Los Mochis")."""
    candidates = [trigger]
    if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX"):
        candidates.append(trigger.head)
    stack = [(c, 1) for c in trigger.children if c.dep_ in ("dobj", "agent", "nsubjpass", "prep")]
    while stack:
        current, depth = stack.pop()
        candidates.append(current)
        if depth < 3:
            stack.extend((c, depth + 1) for c in current.children if c.dep_ in ("pobj", "prep", "dobj", "advmod", "amod"))
    for token in candidates:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "into", "at", "across", "throughout", "within", "near"):
                continue
            for pobj in _pobjs(prep):
                for known in _entities(pobj, table):
                    if known.kind == "place":
                        event.place = known
                        return


def _confidence(event: FoundEvent) -> float:
    roles = {r for r, _ in event.participants}
    score = 0.55
    if "actor" in roles:
        score += 0.15
    if roles - {"actor"}:
        score += 0.15
    if event.place or event.date:
        score += 0.05
    return round(min(score, 0.95), 2)
