"""The events stated in one sentence.

Each trigger of the sentence gives a candidate with its participants
(:mod:`~crimegraph.extract.candidates`, :mod:`~crimegraph.extract.arguments`,
:mod:`~crimegraph.extract.coreference`); its modality says whether it is stated as a fact
(:mod:`~crimegraph.extract.modality`); a date expression of its clause dates it and
"in <place>" places it; an event that names no one is kept only when it is a concrete
occurrence; triggers telling one occurrence are merged (:mod:`~crimegraph.extract.merge`).
"""

from __future__ import annotations

from dataclasses import replace

from functools import cache
from typing import TYPE_CHECKING

from crimegraph.extract.arguments import entities, pobjs, subject_of
from crimegraph.extract.candidates import FoundEvent, candidate, verb_triggers
from crimegraph.extract.coreference import described_entity
from crimegraph.extract.dates import normalize
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mentions import MentionTable
from crimegraph.extract.merge import merge_in_sentence
from crimegraph.extract.modality import clause_chain, modality
from crimegraph.extract.nominal import anchored
from crimegraph.extract.quotations import attributed_statements
from crimegraph.extract.violence import counted_noun, fatal, statistic, violence_to_the_described
from crimegraph.extract.gazetteer import Known
from crimegraph.model import Event, PartialDate, Ref

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["FoundEvent", "find_events", "place_of_paragraph", "told_places"]


@cache
def _place_prepositions() -> frozenset[str]:
    return frozenset(load("arguments")["prepositions"]["place"])


def find_events(doc: Doc, sentence: Span, table: MentionTable, published: PartialDate | None,
                dates: list[Span], quotations: bool = True) -> list[FoundEvent]:
    """The events stated in one sentence; ``dates`` are its DATE entities; with
    ``quotations``, also what named speakers say (:mod:`crimegraph.extract.quotations`)."""
    found: list[FoundEvent] = []
    claimed: set[int] = set()
    if quotations:
        for event in attributed_statements(sentence, table):
            # the date of the saying ("said on Tuesday") stays free to date what was said,
            # at most as the sentence's (see _date)
            _date(event, sentence.doc[event.trigger], dates, published)
            event.confidence = _confidence(event)
            found.append(event)
    triggers = verb_triggers(sentence)
    places = told_places(sentence, table)
    for token in sentence:
        candidate_event = candidate(token, table, triggers)
        if candidate_event is None and (counted := counted_noun(token)) is not None:
            candidate_event = counted, False
        if candidate_event is None or statistic(token):
            continue
        event, publication = candidate_event
        event.modality = "asserted" if publication else modality(token)  # a cited report exists
        fatal(event, token)
        used = _date(event, token, dates, published)
        if event.date is None and published is not None and published.day is not None and any(
                c.lower_ in word_set("arguments", "present_adverbs") for t in clause_chain(token) for c in t.children
                if c.dep_ == "advmod"):
            event.date, event.precision = published, "day"  # "is currently drafting"

        _place(event, token, table)
        if not event.participants and not _concrete(event, token) and not _carried(event, token) and not (
                _unnamed_agent(token) and event.modality in ("asserted", "reported")) \
                and not anchored(event, token, table, bool(places)) and not violence_to_the_described(event, token):
            continue
        if event.type in load("events").get("needs_target", []) and not _concrete(event, token) \
                and not any(r in ("target", "victim") for r, _ in event.participants):
            continue
        if used is not None:
            claimed.add(used)
        _unofficial_accusation(event, token)
        event.confidence = _confidence(event)
        found.append(event)
        carried_out = (load("events").get("publications_carried_out") or {}).get(token.lemma_.lower())
        if publication and carried_out and any(r == "actor" for r, _ in event.participants):
            # "a 2017 investigation by Radio Formula found …": X investigated, and X's finding
            found.append(replace(event, type=carried_out, participants=list(event.participants), more_places=[]))
        if event.more_places and event.type in load("events").get("one_event_per_place", []):
            found.extend(replace(event, place=place, more_places=[]) for place in event.more_places)
        event.more_places = []
    if not found:
        return found  # (no event: the sentence's free date and places are not needed)
    _sentence_date(found, dates, claimed, published)
    _sentence_place(found, told_places(sentence, table, listed=False))
    found = merge_in_sentence(found)
    for event in found:
        _first_side_acts(event)
    return found


def _unofficial_accusation(event: FoundEvent, trigger: Token) -> None:
    """"The gang has accused Honduran police of running death squads": an accusation is a
    charge only by an authority; by a group, an NGO, a medium or a company
    (``unofficial_accusers``) it is that accuser's statement, the accused its target."""
    actors = [k for r, k in event.participants if r == "actor"]
    if event.type == "charge" and trigger.lemma_.lower() in word_set("arguments", "accusation_verbs") and actors \
            and all((getattr(k.record, "kind", None) or k.kind) in word_set("arguments", "unofficial_accusers") for k in actors):
        event.type = "statement"


def _first_side_acts(event: FoundEvent) -> None:
    """Sides of a reciprocal event (opponents, partners) with no actor: the first named
    acts, as in "a clash between A and B" ("children drafted to fight against A and their
    rivals, B"; "the peace agreement with the FARC"). Which side acts is only the order
    the text names them in; an event with no actor would say nobody did it."""
    reciprocal = word_set("events", "reciprocal_roles")
    roles = [role for role, _ in event.participants]
    if roles and "actor" not in roles and roles[0] in reciprocal and all(r in reciprocal for r in roles):
        event.participants[0] = ("actor", event.participants[0][1])


def told_places(sentence: Span, table: MentionTable, listed: bool = True) -> list[Known]:
    """The places of a sentence told as where something happens: the object of a place
    preposition, directly or through "the city of" ("in El Progreso", "in the city of El
    Progreso"); not a place of origin ("from Honduras") or a name's part, nor a place a
    relative clause tells of an entity or a thing ("the Tren de Aragua, a gang that is
    involved in crimes throughout Latin America": where the gang acts, not where anything
    of the sentence happens). ``listed=False``: not the places of a list ("in Honduras and Costa
    Rica"), which tell where several things happen, none of them the one place of another
    event."""
    out = []
    for mention in table.mentions:
        if sentence.start <= mention.start < sentence.end and mention.known.kind == "place":
            current = sentence.doc[mention.start:mention.end].root
            clause = next((t for t in current.ancestors if t.dep_ in ("relcl", "acl")), None)
            if clause is not None and (described_entity(clause.head, table) is not None
                                       or clause.dep_ == "relcl" and clause.head.pos_ == "NOUN"):
                continue  # (the clause describes an entity: "the Tren de Aragua, a gang that …",
                # "Juan Pérez, the leader of a clan who is wanted in Texas", or a thing: "members
                # of a group who could have ties to an armed group in Colombia")
            if not listed and (current.dep_ == "conj" or any(c.dep_ == "conj" for c in current.children)):
                continue
            for _ in range(4):
                if current.dep_ == "pobj" and current.head.lower_ in _place_prepositions():
                    out.append(mention.known)
                    break
                if not (current.dep_ in ("pobj", "appos", "compound")
                        or current.dep_ == "prep" and current.lower_ in word_set("arguments", "place_of")):
                    break
                current = current.head
    return out


def _free(places: list[Known], events: list[FoundEvent] | list[Event]) -> Known | None:
    """The one place of ``places`` that is no participant or place of ``events``."""
    taken = {ref for e in events for _, ref in _refs(e)}
    free = {known.ref: known for known in places if known.ref not in taken}
    return next(iter(free.values())) if len(free) == 1 else None


def _refs(event: FoundEvent | Event) -> list[tuple[str, Ref]]:
    if isinstance(event, Event):
        return [*event.participants, *([("place", event.place)] if event.place else [])]
    return [(role, k.ref) for role, k in event.participants] + ([("place", event.place.ref)] if event.place else [])


def _sentence_place(found: list[FoundEvent], places: list[Known]) -> None:
    """An event the parse gives no place takes its sentence's one free place (see
    :func:`told_places`), marked as placed from its sentence."""
    place = _free(places, found)
    for event in found:
        if place is not None and event.place is None:
            event.place, event.place_inferred = place, "sentence"


def place_of_paragraph(events: list[Event], places: list[Known]) -> Known | None:
    """An event still without a place takes its paragraph's one free place ("Gunmen
    killed three policemen during an attack to free a gang leader. He escaped during the
    attack in the city of El Progreso."), marked as placed from its paragraph; returns
    the place when some event took it."""
    place = _free(places, events)
    unplaced = [e for e in events if e.place is None]
    for event in unplaced:
        event.place, event.place_inferred = place.ref if place else None, "paragraph" if place else None
    return place if place is not None and unplaced else None


def _sentence_date(found: list[FoundEvent], dates: list[Span], claimed: set[int],
                   published: PartialDate | None) -> None:
    """An event the parse gives no date takes its sentence's when the sentence has
    exactly one date expression that no other of its events claimed ("About 20 gunmen
    dressed in police uniforms on Thursday killed three policemen", where the parse hangs
    "on Thursday" under "uniforms"); the event is marked as dated from its sentence."""
    free = [normal for ent in dates if ent.start not in claimed
            for normal in [normalize(ent.text, published)] if normal is not None]
    if len(free) != 1:
        return
    for event in found:
        if event.date is None:
            event.date, event.precision = free[0]
            event.date_inferred = "sentence"


def _verb_of(date: Span) -> Token:
    """The verb a date expression hangs on (its root when none is within reach)."""
    owner = date.root
    for _ in range(8):
        if owner.pos_ in ("VERB", "AUX") or owner.head == owner:
            break
        owner = owner.head
    return owner


def _reported_on(date: Span, owner: Token) -> bool:
    """A date of the verb that reports the sentence's events ("the army said on Tuesday
    it had captured X"): the report's date, not theirs; ``owner``: :func:`_verb_of`."""
    reporting = word_set("coreference", "reporting_verbs")
    if owner.lemma_.lower() in reporting:
        return True
    # the parser may hang it on the reported clause when "that" is left out: a date right
    # after the reporting verb is still the report's ("said on Tuesday it had …")
    start = date.start - 1 if date.start > 0 and date.doc[date.start - 1].dep_ == "prep" else date.start
    return owner.dep_ == "ccomp" and owner.head.lemma_.lower() in reporting and start == owner.head.i + 1


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
    if event.type == "seizure" and trigger.pos_ == "VERB" and _counted_cargo(trigger):
        return True
    return event.place is not None and event.precision in ("day", "week", "month")


def _carried(event: FoundEvent, trigger: Token) -> bool:
    """"The objects were smuggled in trucks", "commodities smuggled along the border": a
    cargo moved, told in the passive with no one named, is still an occurrence of the
    long-running types that move things (``events.yaml``: ``cargo_types``); so is a gerund
    moving ``goods`` ("the rivers are used for moving drugs")."""
    if event.type not in load("events").get("cargo_types", []) or event.modality != "asserted":
        return False
    if trigger.tag_ == "VBG" and trigger.dep_ == "pcomp":  # "mainstays for moving drugs"
        return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in word_set("events", "goods") for c in trigger.children)
    return trigger.tag_ == "VBN"


def _unnamed_agent(trigger: Token) -> bool:
    """Whether the one who carries the event out is described, not named: "gangs operate
    in the city", "clashes between criminal groups", "arrested by the police". Such an
    occurrence is reported (the gold keeps it without participants); a trigger with no
    agent at all ("two individuals were arrested") is kept only when concrete."""
    if trigger.pos_ == "VERB":
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
            heads = [p for c in trigger.children if c.dep_ == "agent" for p in pobjs(c)]
        else:
            subject = subject_of(trigger)
            heads = [subject] if subject is not None else []
    else:
        heads = [c for c in trigger.children if c.dep_ == "poss"]
        heads += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in word_set("arguments", "agent_prepositions")
                  for p in pobjs(c)]
    if any(h.lemma_.lower() in word_set("arguments", "unnamed_agents") for h in heads):
        return True
    if trigger.pos_ == "VERB":  # "gang members were arrested", "the capture of two suspects"
        undergoers = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        undergoers = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in word_set("arguments", "undergoer_prepositions")
                      for p in pobjs(c)]
    return any(u.lemma_.lower() in word_set("arguments", "unnamed_members") for u in undergoers)


def _counted_cargo(verb: Token) -> bool:
    """"Agents confiscated 500 kilograms of cocaine", "1.6 tons of coca paste were found":
    one seizure, told with its amount (a counted measure as object or passive subject)."""
    counted = word_set("arguments", "measure_nouns") | word_set("arguments", "counted_goods")
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass") and child.lemma_.lower() in counted \
                and any(g.dep_ == "nummod" for g in child.children):
            return True  # (also "seized 102 assets", "13 rifles were seized")
    return False


def _one_haul(noun: Token) -> bool:
    """"a seizure of 600 kilograms of coca paste", "a fentanyl seizure made in Chihuahua":
    one seizure, told with its amount or where it was made (not "seizures increased")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                any(g.dep_ == "nummod" for g in p.children) for p in pobjs(child)):
            return True
        if child.dep_ == "acl" and child.lemma_.lower() in word_set("arguments", "haul_verbs") and any(
                g.dep_ in ("prep", "npadvmod", "advmod") for g in child.children):
            return True
    return False


def _date(event: FoundEvent, trigger: Token, dates: list[Span], published: PartialDate | None) -> int | None:
    """Dates the event from a date expression of its clause; returns where it starts."""
    if not dates:
        return None
    chain = {t.i for t in clause_chain(trigger)}
    if trigger.dep_ == "conj" and trigger.head.pos_ == trigger.pos_:  # "arresting ten and seizing 102 assets"
        chain |= {t.i for t in clause_chain(trigger.head)}
    subtree = {t.i for t in trigger.subtree} if trigger.pos_ == "NOUN" else set()
    reports = trigger.lemma_.lower() in word_set("coreference", "reporting_verbs")
    for ent in dates:
        owner = _verb_of(ent)
        if not reports and _reported_on(ent, owner):
            continue  # "the army said on Tuesday it had captured X": the report's date (at most inferred)
        if owner.i in chain or ent.root.i in subtree or owner.i == trigger.i:
            normal = normalize(ent.text, published)
            if normal is not None:
                event.date, event.precision = normal
                return ent.start
    return None


def _place(event: FoundEvent, trigger: Token, table: MentionTable) -> None:
    """"in <place>" attached to the trigger, the verb governing a noun trigger, or
    (failing those) to a phrase of the trigger's own clause ("arrested by the Navy in
    Los Mochis")."""
    candidates = [trigger]
    if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX"):
        candidates.append(trigger.head)
    stack = [(c, 1) for c in trigger.children if c.dep_ in ("dobj", "agent", "nsubjpass", "prep")]
    shared = trigger.pos_ == "NOUN" and trigger.dep_ == "conj" and trigger.head.pos_ == "NOUN" and not stack
    if shared:  # "the kidnapping and murder of X in Culiacán": the first conjunct's phrases are the murder's too
        candidates.append(trigger.head)
        stack = [(c, 1) for c in trigger.head.children if c.dep_ == "prep" and c.i > trigger.i]
    while stack:
        current, depth = stack.pop()
        candidates.append(current)
        if depth < 3:
            stack.extend((c, depth + 1) for c in current.children if c.dep_ in ("pobj", "prep", "dobj", "advmod", "amod"))
    for token in candidates:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in _place_prepositions() or shared and prep.i < trigger.i:
                continue
            for pobj in pobjs(prep):
                places = _inner_first([known for known in entities(pobj, table) if known.kind == "place"])
                if places:
                    event.place = places[0]
                    event.more_places = [p for p in places[1:] if p != places[0]]
                    return


def _inner_first(places: list[Known]) -> list[Known]:
    """"near the capital of Mexico's Sinaloa state": a country named with a place inside it
    (a state of it, or a place within it) is no place of its own — the inner place is."""
    def inside(place: Known, country: Known) -> bool:
        code, record = country.record.iso_code or "", place.record
        return bool(code) and ((record.iso_code or "").startswith(f"{code}-")
                               or record.within is not None and record.within == country.ref)
    return [p for p in places if not (p.record.kind == "country" and any(inside(q, p) for q in places if q is not p))]


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
