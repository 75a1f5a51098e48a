"""Event candidates: trigger words of a sentence → typed events with their participants.

A trigger (a verb, noun or adjective of ``data/lexicon/en/events.yaml``) gives the event
type; its grammatical arguments give the participants (:mod:`crimegraph.extract.arguments`).
A cited report is an evaluation by its author; a named speaker saying what someone must
do makes a statement. Modality, time, place and merging are done by
:func:`crimegraph.extract.events.find_events`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.arguments import (
    accused_of,
    actor_kinds,
    assistants,
    dedupe,
    entities,
    governing_verb,
    pobjs,
    prep_participants,
    settle_places,
    subject_of,
)
from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mentions import MentionTable
from crimegraph.extract.misparsed import misparsed_verb
from crimegraph.extract.modality import asked_for, asked_to
from crimegraph.extract.nominal import anchored_type, unnamed_sides
from crimegraph.model import PartialDate
from crimegraph.vocab import event_types

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass
class FoundEvent:
    type: str
    trigger: int
    participants: list[tuple[str, Known]] = field(default_factory=list)
    place: Known | None = None
    #: further places of a list the place came from ("spread to El Salvador, Honduras and
    #: Guatemala"); types of ``one_event_per_place`` become one event per place
    more_places: list[Known] = field(default_factory=list)
    date: PartialDate | None = None
    precision: str | None = None
    date_inferred: str | None = None  # "sentence": the date is its sentence's, not its clause's
    place_inferred: str | None = None  # "sentence": the place is its sentence's
    modality: str = "asserted"
    confidence: float = 0.6


@cache
def triggers() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The trigger verbs and nouns, their types checked against the ontology's."""
    events = load("events")
    known = event_types()
    for group in ("verbs", "nouns", "adjectives"):
        for lemma, entry in events[group].items():
            if entry["type"] not in known:
                raise ValueError(f"data/lexicon/en/events.yaml: {lemma!r} has type {entry['type']!r}, "
                                 f"which is not an event type of the ontology ({', '.join(known)})")
    return events["verbs"], events["nouns"]


@cache
def _adjectives() -> dict[str, dict[str, Any]]:
    return load("events").get("adjectives") or {}


@cache
def _speech_governors() -> tuple[frozenset[str], frozenset[str]]:
    speech = load("events")["speech_governors"]
    return frozenset(speech["verbs"]), frozenset(speech["own_event_types"])


def _spoken_of(governor: Token, event_type: str) -> bool:
    """Whether a speaker's verb governs an event the speaker only speaks of (see
    ``speech_governors`` in ``data/lexicon/en/events.yaml``)."""
    verbs, own_types = _speech_governors()
    return governor.lemma_.lower() in verbs and event_type not in own_types


@cache
def _words() -> dict[str, Any]:
    return load("arguments")


@cache
def _prepositions(kind: str) -> frozenset[str]:
    return frozenset(_words()["prepositions"][kind])


def verb_triggers(sentence: Span) -> set[int]:
    """Positions of the sentence's trigger verbs."""
    verbs, _ = triggers()
    return {t.i for t in sentence if t.pos_ == "VERB" and _stem(t.lemma_.lower(), verbs) in verbs}


def candidate(token: Token, table: MentionTable, verb_triggers: set[int]) -> tuple[FoundEvent, bool] | None:
    """The event ``token`` triggers, if any, and whether it is a cited publication
    (which is stated as a fact whatever the clause around it says)."""
    verbs, nouns = triggers()
    if token.i in table.by_token:
        return None  # part of a name ("Red Command", "Peace Agreement")
    lemma = _stem(token.lemma_.lower(), verbs) if token.pos_ == "VERB" else token.lemma_.lower()
    phrase = _verb_phrase(token) if token.pos_ == "VERB" else None
    if phrase is not None:  # "taken into custody": an arrest
        event = _verb_event(token, {"type": phrase["type"]}, table)
    elif token.pos_ == "VERB" and lemma in verbs:
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in word_set("events", "threat_governors"):
            return None  # "threatened to kill them": the threat's content, told by the threat
        if _named_charge(token, verbs, verb_triggers):
            return None  # "arrested seven people for laundering money": the charge, not an event of the arrester
        event = _verb_event(token, verbs[lemma], table)
    elif token.pos_ == "NOUN" and lemma in nouns:
        if _named_charge(token, verbs, verb_triggers):
            return None  # "sentenced for drug trafficking": the charge, not an event of its own
        if _ordered(token) is not _executed(token):
            return None  # "issued an arrest warrant": a charge, no arrest; "the warrants were served": the arrests
        governing = verbs[_stem(token.head.lemma_.lower(), verbs)] if token.head.i in verb_triggers else None
        if token.dep_ in ("dobj", "obj") and governing is not None and (
                lemma in (governing.get("requires_object_word") or ()) or governing["type"] == nouns[lemma]["type"]):
            return None  # "threw out the conviction": what the verb's event is about, not an event
            # (but "opened an investigation": "open" is a trigger only of routes opened)
        event = _noun_event(token, nouns[lemma], table)
    elif token.pos_ == "ADJ" and lemma in _adjectives():
        event = _adjective_event(token, _adjectives()[lemma], table)
    elif token.pos_ == "NOUN" and lemma in word_set("events", "publications"):
        event = None
    elif token.pos_ == "VERB" and lemma in word_set("arguments", "speech_verbs"):
        event = _call(token, table)
    elif (misread := misparsed_verb(token, table, verbs)) is not None:
        _, entry, subject = misread  # "The PCC ships cocaine to Europe": "ships" tagged a noun
        event = FoundEvent(type=entry["type"], trigger=token.i, participants=[("actor", subject)])
        actor_kinds(event, entry)
        if not event.participants:
            return None
    else:
        return None
    # not "the investigation into X continues"; "according to a report by X" is X's evaluation
    publication = token.pos_ == "NOUN" and lemma in word_set("events", "publications") and (
        event is None or not _undergone(event)) and (
        _attribution(token) or token.dep_ == "nsubj" and (event is None or event.type != "evaluation"))
    if publication:
        event = _publication_event(token, table)
        if event is None:
            return None
    elif event is None or _attribution(token):
        return None
    return event, publication


def _verb_phrase(verb: Token) -> dict[str, Any] | None:
    """The entry of ``verb_phrases`` (``events.yaml``) the verb and one of its
    prepositional objects make ("taken into custody"), if any."""
    phrases = load("events").get("verb_phrases", {}).get(verb.lemma_.lower())
    if not phrases:
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for phrase in phrases:
            if prep.lower_ == phrase["prep"] and any(o.lemma_.lower() in phrase["objects"] for o in pobjs(prep)):
                return phrase
    return None


def _undergone(event: FoundEvent) -> bool:
    """Whether the event names whom it happens to ("the investigation into Odebrecht"):
    then it is that event, not a publication saying something."""
    return any(role != "actor" for role, _ in event.participants)


def _call(speech: Token, table: MentionTable) -> FoundEvent | None:
    """"“President López Obrador must recognize their contribution,” said Erika
    Guevara-Rosas": a named speaker saying what someone must or should do makes a call,
    a statement directed at that someone (mere reports of facts are no event: keeping
    every quote of a named speaker as a statement was tried and lowered precision on
    both gold sets, 0.764 → 0.674 on the development gold, 0.623 → 0.487 held out)."""
    subjects = [c for c in speech.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    speakers = [k for k in entities(subjects[-1], table) if k.kind != "place"]
    if not speakers:
        return None
    auxiliaries = word_set("arguments", "call_auxiliaries")
    for clause in (c for c in speech.children if c.dep_ in ("ccomp", "parataxis")):
        if any(c.dep_ == "aux" and c.lower_ in auxiliaries for c in clause.children):
            event = FoundEvent(type="statement", trigger=speech.i, participants=[("actor", k) for k in speakers])
            for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                event.participants += [("target", k) for k in entities(subject, table)
                                       if k.kind != "place" and k.ref not in {s.ref for s in speakers}]
            return dedupe(event)
    return None


def _stem(lemma: str, verbs: dict[str, dict[str, Any]]) -> str:
    """"re-upgrade" → "upgrade", "rearrest" → "arrest" when only the stem is a trigger."""
    if lemma in verbs or lemma in word_set("arguments", "unprefixed_verbs"):
        return lemma
    for prefix in _words()["verb_prefixes"]:
        if lemma.startswith(prefix) and lemma[len(prefix):] in verbs:
            return lemma[len(prefix):]
    return lemma


def _publication_event(noun: Token, table: MentionTable) -> FoundEvent | None:
    """"According to a 2019 InSight Crime investigation", "a report by Mongabay says": a
    published report or study is an evaluation by whoever published it (named as its
    possessor, compound or "by" / "from" agent: "a 2014 report from the IMF"; an
    unattributed report is left out)."""
    event = FoundEvent(type="evaluation", trigger=noun.i)
    for child in noun.children:
        if child.dep_ in ("poss", "compound"):
            event.participants += [("actor", k) for k in entities(child, table) if k.kind != "place"]
        elif child.dep_ == "prep" and child.lower_ in word_set("events", "publication_authors"):
            event.participants += [("actor", k) for pobj in pobjs(child) for k in entities(pobj, table)
                                   if k.kind != "place"]
    return dedupe(event) if event.participants else None


def _named_charge(noun: Token, verbs: dict[str, dict[str, Any]], verb_triggers: set[int]) -> bool:
    """Whether a trigger noun or gerund names the crime of a charge, arrest or conviction
    ("convicted on drug trafficking charges", "sentenced for drug trafficking", "arrested
    for laundering drug payments")."""
    current = noun
    while current.dep_ == "conj" and current.head != current:
        current = current.head  # "wanted for drug and arms trafficking": a crime of a list of crimes
    if current.dep_ == "compound" and current.head.lemma_.lower() in word_set("arguments", "charge_nouns"):
        return True  # "pleaded guilty to drug trafficking charges", "faces money laundering charges"
    if current.dep_ == "pobj" and current.head.lower_ == "of" \
            and current.head.head.lemma_.lower() in word_set("arguments", "charge_nouns"):
        return True  # "faces charges of drug trafficking"
    for _ in range(6):  # also deeper in the charge: "charged with plotting to traffic cocaine"
        head = current.head
        verb = head.head.head if head.head.pos_ == "ADJ" and head.head.dep_ == "acomp" else head.head  # ("pleaded guilty to …")
        if current.dep_ in ("pobj", "pcomp") and head.lower_ in _prepositions("charge") and verb.i in verb_triggers:
            if verb.lemma_.lower() in word_set("arguments", "accusation_verbs"):
                return False  # "blamed X for the murder": the murder is reported, X its alleged actor
            return verbs[_stem(verb.lemma_.lower(), verbs)]["type"] in word_set("arguments", "charging_types")
        if noun.pos_ != "VERB" or current.dep_ not in ("pcomp", "xcomp", "pobj", "prep", "dobj") or head == current:
            return False
        current = head
    return False


def _ordered(noun: Token) -> bool:
    """Whether a trigger noun names what a court's order orders ("an arrest warrant", "the
    extradition order"): it modifies one of ``order_nouns``."""
    return noun.dep_ == "compound" and noun.head.lemma_.lower() in word_set("arguments", "order_nouns")


def _executed(noun: Token) -> bool:
    """Whether an order (or the trigger noun modifying it) was carried out: one of
    ``executing_verbs`` governs it ("422 arrest warrants were served")."""
    order = noun.head if _ordered(noun) else noun
    if order.lemma_.lower() not in word_set("arguments", "order_nouns"):
        return False
    governor = governing_verb(order)
    return governor is not None and governor.lemma_.lower() in word_set("arguments", "executing_verbs")


def _attribution(trigger: Token) -> bool:
    """"according to the El Faro investigation", "according to a report by …": the
    source of a statement, not an event of the article."""
    according, to = _words()["attribution"]
    current = trigger
    for _ in range(4):
        head = current.head
        if head == current:
            return False
        if current.dep_ == "pobj" and head.lower_ == to and head.head.lower_ == according:
            return True
        current = head
    return False


def _passive(verb: Token) -> bool:
    """A verb in the passive voice: its own passive subject or auxiliary, a participle
    modifying a noun ("a department controlled by the ELN"), or a bare participle
    coordinated with a passive verb, which shares its subject and its voice ("was
    arrested in 2015 and sentenced to 20 years": sentenced is passive too)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "acl" and (verb.tag_ == "VBN" or verb.tag_ == "VBD" and not any(
            c.dep_ in ("nsubj", "dobj", "obj") for c in verb.children)):
        return True  # (a past tense cannot modify a noun: "a man wanted in Texas" is a participle)
    own = ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "obj")
    # (a participle the tagger took for a past tense: "was arrested and extradited")
    participle = verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.lower_.endswith("ed")
    if verb.dep_ == "conj" and participle and verb.head != verb \
            and not any(c.dep_ in own for c in verb.children):
        return _passive(verb.head)
    return False


def _object_after_date(verb: Token, table: MentionTable) -> Token | None:
    """"arrested on Thursday Juan Pérez": the parser reads the date right after the verb
    and the name after it as one object of the date's preposition; the name (a mention
    that is no place, after the date) is the verb's object."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1):
        for pobj in pobjs(prep):
            first, mention = verb.doc[prep.i + 1], table.at(pobj.i)
            if first.ent_type_ in ("DATE", "TIME") and pobj.ent_type_ not in ("DATE", "TIME") \
                    and mention is not None and mention.known.kind != "place" and mention.start > first.i:
                return pobj
    return None


def _predicate_participle(verb: Token, objects: list[Token]) -> bool:
    """"Honduran military police arrested on Thursday Juan Pérez": the parser makes the
    noun before a past tense the sentence's root and the verb a participle modifying it.
    A participle with an object modifying the root noun of a sentence that has no verb
    of its own is the sentence's predicate, in the active voice, the noun its subject
    (not "Gang leader arrested on Friday": no object, a passive headline)."""
    return bool(objects) and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" \
        and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i \
        and not any(c.dep_ == "agent" or c.lower_ == "by" for c in verb.children)


def _entry_admits(verb: Token, entry: dict[str, Any], objects: list[Token], passive: bool,
                  preps: dict[str, Token]) -> bool:
    """Whether a trigger verb's clause passes its entry's conditions (``events.yaml``:
    voice, prepositions, subject, complement and object words)."""
    if entry.get("passive_only") and not passive:
        return False
    required = entry.get("requires_prep")
    if required and not any(p in preps for p in required):
        return False
    if any(p in preps for p in entry.get("forbids_prep") or ()):
        return False  # "seized upon by the media"
    for prep, words in (entry.get("requires_prep_object") or {}).items():
        if not any(o.lemma_.lower() in words or o.lower_ in words for o in pobjs(preps.get(prep))):
            return False  # "removed from its grey list", not "removed from office"
    for prep, words in (entry.get("forbids_prep_object") or {}).items():
        if any(o.lemma_.lower() in words or o.lower_ in words for o in pobjs(preps.get(prep))):
            return False  # "caught in the crossfire": no arrest
    retyping = entry.get("object_types") or {}
    if entry.get("intransitive_only") and objects and not any(o.lemma_.lower() in retyping for o in objects):
        return False  # "operates in Nariño", but "operating a cocaine laboratory" is trafficking
    if entry.get("transitive_only") and not objects and not passive:
        return False
    if entry.get("forbids_subject_word") and (found_by := subject_of(verb)) is not None \
            and found_by.lemma_.lower() in entry["forbids_subject_word"]:
        return False  # "an investigation found one gram of cocaine being sold": no seizure
    complement = entry.get("requires_complement_word")
    complements = [c for c in verb.children if c.dep_ in ("acomp", "oprd", "advmod", "attr", "xcomp")]
    if complement and (not any(c.lower_ in complement for c in complements)
                       or any(g.dep_ == "neg" for c in (verb, *complements) for g in c.children)):
        return False  # "pleaded guilty", not "pleaded not guilty" or "pleaded for mercy"
    unwanted = entry.get("forbids_object_word")
    if unwanted and any(o.lemma_.lower() in unwanted for o in objects):
        return False  # "the ELN charges a tax on cocaine shipments": no charge
    wanted = entry.get("requires_object_word")
    if wanted:
        undergone = _measured(objects)
        if passive and (subject := subject_of(verb)) is not None:
            undergone.append(subject)  # "four corridors used by the Sinaloa Cartel"
        if not any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in undergone):
            return False
    return True


def _verb_event(verb: Token, entry: dict[str, Any], table: MentionTable) -> FoundEvent | None:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objects and (late := _object_after_date(verb, table)) is not None:
        objects = [late]
    passive = _passive(verb) and not _predicate_participle(verb, objects)
    preps = {c.lower_: c for c in verb.children if c.dep_ in ("prep", "agent", "prt")}
    if not _entry_admits(verb, entry, objects, passive, preps):
        return None
    if not objects:  # "agreed to host an office": the object of the complement
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            objects = [c for c in xcomp.children if c.dep_ in ("dobj", "obj")]
    event = FoundEvent(type=entry["type"], trigger=verb.i)
    subject = subject_of(verb)
    undergoers = objects + ([subject] if passive and subject is not None else [])
    for obj in undergoers:  # "control the trafficking of drugs" is trafficking, not presence
        retyped = (entry.get("object_types") or {}).get(obj.lemma_.lower())
        if retyped:
            event.type = retyped
    object_role = entry.get("object", "target")
    if passive and subject is not None and subject.head != verb and _controlled(verb, subject):
        subject = None  # "warned the rangers to leave or be killed": the warner is not the killed
    if passive:
        if subject is not None:
            event.participants += [(object_role, k) for k in entities(subject, table)]
        agent = preps.get("by")
        for pobj in pobjs(agent):
            event.participants += [("actor", k) for k in entities(pobj, table)]
    else:
        accused = accused_of(verb, table)  # "accused X of killing Y": X, not the accuser
        if accused is not None:
            event.participants += [("actor", k) for k in accused]
        elif subject is not None:  # the subject acts, unless the entry says ("pleaded guilty": convicted)
            event.participants += [(entry.get("subject", "actor"), k) for k in entities(subject, table)]
        for obj in objects:
            blamed = accused_of(obj, table)  # "blamed the murder of X on the gang": the gang, not X
            event.participants += [(object_role, k) for k in (entities(obj, table) if blamed is None else blamed)]
    prep_participants(event, entry, preps, table)
    if any(r == "actor" for r, _ in event.participants):  # "… with the support of the army": acts too
        event.participants += [("actor", k) for k in assistants(verb, table)]
    settle_places(event, entry.get("place_targets", False))
    actor_kinds(event, entry)
    required = entry.get("requires_role")
    if required in word_set("events", "reciprocal_roles") and sum(r == "actor" for r, _ in dedupe(event).participants) >= 2:
        pass  # "the Sinaloa Cartel and the CJNG battled over Tijuana": each side the other's opponent
    elif required and not any(r == required for r, _ in event.participants) and not (
            required in word_set("events", "reciprocal_roles") and not event.participants and unnamed_sides(verb)) \
            and not (any(r == "actor" for r, _ in event.participants)
                     and any(o.lemma_.lower() in (entry.get("object_suffices") or ()) for o in objects)):
        return None  # (but "five gangs are vying for control": sides described, see extract.nominal)
    return dedupe(event)


def _measured(objects: list[Token]) -> list[Token]:
    """Objects and what an amount among them measures: "moved 200 kilos of gold", "sent
    tons of cocaine", "shipments of cocaine" (``measure_nouns``)."""
    return objects + [p for o in objects if o.lemma_.lower() in word_set("arguments", "measure_nouns")
                      for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]


def _controlled(verb: Token, subject: Token) -> bool:
    """Whether the way from a verb up to the verb of its borrowed subject passes a
    complement of control ("warned the rangers to leave the territory or be killed":
    killed ← leave ← warned), whose subject is not the controller's."""
    current = verb
    for _ in range(6):
        if current.dep_ == "xcomp":
            return True
        if current.dep_ != "conj" or current == subject.head or current.head == current:
            return False  # the subject borrowed through co-ordination only ("arrested and charged")
        current = current.head
    return False


def _noun_event(noun: Token, entry: dict[str, Any], table: MentionTable) -> FoundEvent | None:
    if noun.dep_ in ("compound", "amod") and noun.head.lemma_.lower() in word_set("arguments", "institution_nouns"):
        return None  # "Mexico's organized crime investigation unit", "investigation details": no investigation
    event = FoundEvent(type=entry["type"], trigger=noun.i)
    preps = {}
    # "the drug trafficking business of X", "Fuentes Ramírez's trafficking activities":
    # a trigger modifying another noun takes that noun's possessor and prepositions
    owners = [noun, noun.head] if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else [noun]
    shared = []  # "the kidnapping and murder of X": a conjunct without prepositions shares the first's
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and not any(c.dep_ == "prep" for c in noun.children):
        shared = [c for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i]
    dated = [g for c in noun.children if c.dep_ == "prep" for p in pobjs(c) if p.ent_type_ in ("DATE", "TIME")
             for g in p.children if g.dep_ == "prep"]  # "the release on August 9 | of X": "of" hung on the date
    for child in (*(c for owner in owners for c in owner.children if c != noun), *shared, *dated):
        if child.dep_ == "prep":
            preps.setdefault(child.lower_, child)
        elif child.dep_ in ("poss",):
            role = entry.get("poss", "target")
            internal = any(c.dep_ == "amod" and c.lower_ in word_set("events", "place_possessor_modifiers") for c in child.head.children)
            event.participants += [("place_or_target" if internal and k.kind == "place" else role, k)
                                   for k in entities(child, table)]  # "Guatemala's civil war": where
        elif child.dep_ == "compound":
            mention = table.at(child.i)
            if mention is not None and mention.known.kind != "place":
                event.participants.append((entry.get("poss", "target"), mention.known))
    if noun.dep_ in ("dobj", "obj"):  # "opened an investigation into X": the parser hangs "into X" on the verb
        for child in noun.head.children:
            if child.dep_ == "prep" and child.lower_ in (entry.get("preps") or {}) and child.i > noun.i:
                preps.setdefault(child.lower_, child)
    of_role = entry.get("of")
    if of_role:
        for prep_word in _words()["prepositions"]["noun_object"]:
            for pobj in pobjs(preps.get(prep_word)):
                event.participants += [(of_role, k) for k in entities(pobj, table)
                                       if k.kind != "place" or of_role == "place_or_target"]
    prep_participants(event, entry, preps, table)
    for pobj in pobjs(preps.get("by")):
        event.participants += [("actor", k) for k in entities(pobj, table)]
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for agent in (c for c in acl.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")):
            for pobj in pobjs(agent):  # "the investigation carried out by the CNA"
                event.participants += [("actor", k) for k in entities(pobj, table)]
    if any(r == "actor" for r, _ in event.participants):  # "… by the CNA with assistance from MACCIH"
        event.participants += [("actor", k) for k in assistants(noun, table)]
    governed = False
    direct = bool(event.participants)  # named with the noun itself, not by the verb governing it
    undergoer = _undergoer(noun, entry, table)
    if undergoer:  # "Juan Pérez received death threats from the Gulf Clan"
        event.participants += undergoer
        direct = True
    accused = accused_of(noun, table)
    if accused is not None:  # "blamed X for the murder of Y": X allegedly, not the accuser
        event.participants += [("actor", k) for k in accused if not any(r == "actor" for r, _ in event.participants)]
    elif not any(r == "actor" for r, _ in event.participants):
        governor = governing_verb(noun)
        role_in_clause = noun.head.dep_ if noun.dep_ == "compound" else noun.dep_  # "the drug trafficking business"
        if governor is not None and governor.lemma_.lower() not in word_set("events", "non_agentive_governors") \
                and not _spoken_of(governor, event.type) and not _within_request(noun) \
                and role_in_clause in ("dobj", "obj", "pobj", "attr", "xcomp", "nsubjpass"):
            subject = subject_of(governor)
            if subject is not None and asked_to(governor, subject):
                subject = None  # "HRW asked prosecutors to open an investigation": not HRW's
            # "Juan Pérez is under investigation": the subject undergoes the event
            undergoes = noun.dep_ == "pobj" and noun.head.lower_ in word_set("arguments", "undergoing_prepositions")
            named = entities(subject, table) if subject is not None and subject.i != noun.i else []
            if named and governor.lemma_.lower() in word_set("nominal", "copulas") and role_in_clause == "pobj" \
                    and noun.head.head.pos_ == "NOUN" and all(k.kind == "place" for k in named):
                subject = None  # "Guatemala is witness to persistent fighting between …": where, not who
            if subject is not None and subject.i != noun.i:
                event.participants += [("target" if undergoes else "actor", k) for k in named]
                governed = role_in_clause in ("dobj", "obj")  # "authorities conducted the seizure"
            elif role_in_clause == "nsubjpass":  # "an inquiry into X was opened by the Attorney General's Office"
                event.participants += [("actor", k) for agent in governor.children if agent.dep_ == "agent"
                                       for pobj in pobjs(agent) for k in entities(pobj, table)]
    settle_places(event)
    if entry.get("poss") != "actor" and event.participants and not governed \
            and not any(r != "actor" for r, _ in event.participants):
        return None  # "a press release", "the arrest": whose?
    actor_kinds(event, entry)
    if entry.get("needs_actor") and not any(r == "actor" for r, _ in event.participants) \
            and not (not event.participants and anchored_type(event.type)):
        return None  # "a report": by whom? (an activity no one is named for: see extract.nominal)
    if entry.get("requires_role") and not any(r == entry["requires_role"] for r, _ in event.participants):
        return None  # "links to": to whom?
    event = dedupe(event)
    if entry.get("two_sides") and len(event.participants) < 2 and not direct \
            and not (not event.participants and unnamed_sides(noun)):
        return None  # "the court … laying bare the uphill battle": whose fight, with whom?
    return event


def _within_request(noun: Token) -> bool:
    """Whether a noun is, or lies inside, what a speaker asks for ("called for an
    investigation into the killing of Juan Pérez": the caller neither investigates nor
    killed)."""
    current = noun
    for _ in range(6):
        if asked_for(current):
            return True
        if current.head == current or current.pos_ in ("VERB", "AUX"):
            return False
        current = current.head
    return False


def _undergoer(noun: Token, entry: dict[str, Any], table: MentionTable) -> list[tuple[str, Known]]:
    """"Juan Pérez received death threats from the Gulf Clan", "the threats he faces": the
    subject of a verb of undergoing whose object (or relative clause) is the trigger noun
    is the one the event is directed at, not its actor (``undergoing_governors``)."""
    undergoing = word_set("events", "undergoing_governors") | frozenset(entry.get("undergoing_verbs") or ())
    if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in undergoing:
        verb = noun.head
    elif noun.dep_ != "compound":
        verb = next((c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in undergoing
                     and not any(g.dep_ in ("dobj", "obj") for g in c.children)), None)
    else:
        verb = None
    subject = subject_of(verb) if verb is not None else None
    if subject is None:
        return []
    role = "victim" if entry.get("of") == "victim" else "target"
    found = [(role, k) for k in entities(subject, table) if k.kind != "place"]
    if verb != noun.head:  # "the threats he faces from the Gulf Clan": the source hangs on the verb
        found += [(r, k) for p in verb.children if p.dep_ == "prep"
                  for r in [(entry.get("preps") or {}).get(p.lower_)] if r == "actor"
                  for pobj in pobjs(p) for k in entities(pobj, table)]
    return found


def _adjective_event(adjective: Token, entry: dict[str, Any], table: MentionTable) -> FoundEvent | None:
    """"the ELN is present in much of Venezuela": the clause's subject is the actor."""
    preps = {c.lower_: c for c in adjective.children if c.dep_ == "prep"}
    if adjective.dep_ == "acomp":  # "Los Zetas are active | in Tamaulipas": the parser hangs it on "are"
        for c in adjective.head.children:
            if c.dep_ == "prep" and c.i > adjective.i:
                preps.setdefault(c.lower_, c)
    required = entry.get("requires_prep")
    if required and not any(p in preps for p in required):
        return None
    event = FoundEvent(type=entry["type"], trigger=adjective.i)
    verb = adjective.head if adjective.dep_ in ("acomp", "xcomp", "amod") else adjective
    if adjective.dep_ == "amod":  # "groups active in Zacatecas"
        event.participants += [("actor", k) for k in entities(adjective.head, table)]
    else:
        subject = subject_of(verb)
        if subject is not None:
            event.participants += [("actor", k) for k in entities(subject, table)]
    prep_participants(event, entry, preps, table)
    settle_places(event)
    actor_kinds(event, entry)
    if entry.get("needs_actor") and not any(r == "actor" for r, _ in event.participants):
        return None
    return dedupe(event)
