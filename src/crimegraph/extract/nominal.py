"""Events named by nouns that name no one: a general layer before the rules' participants.

A trigger noun of a long-running activity ("trafficking", ``anchored_types`` in
``data/lexicon/en/nominal.yaml``) with no named participant still tells an occurrence
when the sentence anchors it — by what is moved ("the trafficking of Mayan antiquities
will likely continue"), where it happens ("drug trafficking through Honduras", or a
place the sentence tells as where something happens: "in Zacatecas, trafficking of the
opioid …"), what it does as the subject of a verb ("drug trafficking has spiked") or
being one of a list of activities ("extortion and drug trafficking") — and not when it
is the crime fought or spoken of ("to combat trafficking"), a description ("trafficking
is a problem") or a modifier of another noun ("drug trafficking routes"). A dispute whose sides are described, not named ("five gangs are
vying for control", "a war between rival cartels", "a turf war"), is kept too, with no
participants (:func:`unnamed_sides`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.arguments import entities, governing_verb, pobjs
from crimegraph.extract.lexicon import word_set
from crimegraph.extract.mentions import MentionTable

if TYPE_CHECKING:
    from spacy.tokens import Token

    from crimegraph.extract.candidates import FoundEvent

__all__ = ["anchored", "anchored_type", "unnamed_sides"]


def anchored_type(event_type: str) -> bool:
    """Whether a noun of this event type may stand without named participants."""
    return event_type in word_set("nominal", "anchored_types")


def anchored(event: FoundEvent, noun: Token, table: MentionTable, sentence_placed: bool) -> bool:
    """Whether a trigger noun with no named participant tells an occurrence (see the
    module docs); ``sentence_placed``: its sentence tells a place where something
    happens (:func:`crimegraph.extract.events.told_places`). A place the activity passes
    through becomes the event's place when it has none."""
    if event.type in word_set("nominal", "sides_types") and unnamed_sides(noun):
        return True
    if noun.pos_ != "NOUN" or not anchored_type(event.type) or noun.dep_ == "compound":
        return False
    governor = governing_verb(noun)
    if governor is not None and governor.lemma_.lower() in word_set("nominal", "opposing_governors"):
        return False
    if _topic(noun):
        return False
    if sentence_placed or noun.dep_ in word_set("nominal", "listed_deps"):
        return True
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        word = child.lower_
        for pobj in pobjs(child):
            if word in word_set("nominal", "goods_prepositions") and pobj.pos_ == "NOUN" and pobj.i not in table.by_token:
                return True
            places = [k for k in entities(pobj, table) if k.kind == "place"] \
                if word in word_set("nominal", "route_prepositions") else []
            if places:
                event.place = event.place or places[0]
                return True
    head = noun.head
    return noun.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() not in word_set("nominal", "copulas")


def _topic(noun: Token) -> bool:
    """Whether the noun lies in the topic of a document or debate ("a report on the state
    of human trafficking in Mexico"): up its noun phrase to a topic preposition whose head
    is one of ``topic_nouns``."""
    current = noun
    for _ in range(6):
        head = current.head
        if head == current or current.dep_ not in ("pobj", "prep", "conj", "compound", "amod"):
            return False
        if current.dep_ == "prep" and current.lower_ in word_set("nominal", "topic_prepositions"):
            return head.lemma_.lower() in word_set("nominal", "topic_nouns")
        current = head
    return False


def unnamed_sides(trigger: Token) -> bool:
    """Whether a dispute's sides are described, not named: the plural subject of its verb
    ("five gangs are vying for control"), the plural "between"/"among" object of its noun
    ("conflicts between criminal groups") is a group noun (``unnamed_sides``), or the
    noun says what kind of dispute it is ("a turf war", "this power struggle")."""
    heads = word_set("nominal", "unnamed_sides")
    if trigger.pos_ == "VERB":
        sides = [c for c in trigger.children if c.dep_ == "nsubj"]
    else:
        if any(c.dep_ in ("compound", "amod") and c.lower_ in word_set("nominal", "dispute_modifiers") for c in trigger.children):
            return True
        sides = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in word_set("nominal", "sides_prepositions") for p in pobjs(c)]
    return any(s.tag_ == "NNS" and s.lemma_.lower() in heads for s in sides)

