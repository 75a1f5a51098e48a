"""Whether an event is stated as a fact: asserted, negated, hypothetical or reported.

Negation, modal verbs, conditionals and words of suspicion on the trigger or on the verbs
that govern it set the modality, so a denied or possible event is never written as a
fact. The words are ``data/lexicon/en/modality.yaml``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.lexicon import load

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


@cache
def _words() -> dict[str, Any]:
    return load("modality")


@cache
def _question_words() -> frozenset[str]:
    return frozenset(_words()["question_words"])


def clause_chain(token: Token) -> list[Token]:
    """The trigger and the verbs that govern it up to its clause's root. A relative
    clause is a clause of its own; an embedded question presupposes its event ("it's not
    clear why Veras was targeted"): the chain stops there."""
    questions = _question_words()
    chain = [token]
    current = token
    for _ in range(6):
        if any(c.dep_ == "advmod" and c.lower_ in questions for c in current.children):
            break
        if current.head == current or current.dep_ in ("ROOT",):
            break
        if current.dep_ in ("relcl", "advcl", "ccomp", "conj", "parataxis") and current != token:
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
    words = _words()
    negated, hypothetical, reported = words["negated"], words["hypothetical"], words["reported"]
    chain = clause_chain(trigger)
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")] or [trigger]
    # a noun that is the subject of its verb is not what the verb's modal is about:
    # "the arrest of El Contador could stoke violence" — the arrest happened
    modal_verbs = verbs if not (trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass")) else [trigger]
    # the verb a conjunct hangs on is its sibling, not its governor: "had been threatened
    # and harassed" — harassed is not governed by "threaten"
    governors = [g for g in chain[1:] if not (trigger.dep_ == "conj" and g == trigger.head)]
    top = chain[-1]
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in reported["governors"]:
        governors.append(top.head)  # "prosecutors allege that he began operating a laboratory"
    for verb in verbs:
        for child in verb.children:
            lemma = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and lemma in negated["words"]):
                return "negated"
            if child.dep_ in SUBJECTS and (lemma in negated["subjects"] or any(
                    c.lower_ in negated["subject_determiners"] and c.dep_ == "det" for c in child.children)):
                return "negated"
    for governor in governors:
        if governor.lemma_.lower() in negated["governors"]:
            return "negated"
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advmod" and child.lower_ in reported["adverbs"]:
                return "reported"
    for governor in governors:
        if governor.lemma_.lower() in reported["governors"]:
            return "reported"
    if trigger.lemma_.lower() in reported["accusations"]:
        return "asserted"  # the accusation itself happened
    for verb in modal_verbs:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in hypothetical["auxiliaries"]:
                return "hypothetical"
            if child.dep_ == "mark" and child.lower_ in hypothetical["marks"]:
                return "hypothetical"
    if asked_for(trigger):
        return "hypothetical"  # "called for an investigation": not (yet) one
    for position, governor in enumerate(chain[1:], start=1):
        if governor in governors and governor.lemma_.lower() in hypothetical["governors"] and governor.i != trigger.i \
                and _infinitival(chain[position - 1]):
            return "hypothetical"
        if governor in governors and _future(governor) and _infinitival(chain[position - 1]):
            return "hypothetical"  # "we are going to arrest those who helped him"
    return "asserted"


def asked_for(noun: Token) -> bool:
    """Whether a noun names what a speaker asks for: the object of a verb of asking
    ("demanded an investigation", "called for the arrest of …", "seek the extradition of
    …") or of "for" after a noun of asking ("the UN's call for an investigation"); it has
    not happened, and the one asking does not carry it out (``requests``)."""
    if noun.pos_ != "NOUN":
        return False
    requests = frozenset(_words()["hypothetical"]["requests"])
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.pos_ == "VERB":
        return head.lemma_.lower() in requests
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head != head:
        return head.head.lemma_.lower() in requests
    return False


def asked_to(verb: Token, subject: Token | None = None) -> bool:
    """Whether a verb is what a speaker asks someone else to do ("asked prosecutors to
    open an investigation", "“We urge authorities … to conduct an investigation”"): the
    one asking does not do it. ``subject``: the subject found for the verb, when the
    parser hangs the clause elsewhere (a verb of asking between the two still tells)."""
    requests = frozenset(_words()["hypothetical"]["requests"])
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in requests:
        return any(c.dep_ in ("dobj", "obj") for c in verb.head.children)  # (not "sought to end")
    if subject is not None and subject.i < verb.i:
        doc = verb.doc  # a verb of asking, the one asked (not "calls itself"), then "to"
        return any(t.pos_ == "VERB" and t.lemma_.lower() in requests and doc[t.i + 1].pos_ in ("NOUN", "PROPN", "PRON")
                   and not doc[t.i + 1].lower_.endswith(("self", "selves"))
                   and any(u.lower_ == "to" for u in doc[t.i + 2:verb.i]) for t in doc[subject.i + 1:verb.i])
    return False


def _future(verb: Token) -> bool:
    """"are going (to …)": a progressive form of the future, with its "be"."""
    return verb.lower_ in _words()["hypothetical"]["future_forms"] and any(
        c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _infinitival(token: Token) -> bool:
    """Whether the clause below a governor is what it plans, urges or threatens ("plan
    to arrest", "urge authorities to investigate", "warned them to leave") rather than
    what it reports ("told InSight Crime about the threats")."""
    if token.dep_ in ("xcomp",) or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    if token.dep_ == "prep" and token.lower_ in _words()["hypothetical"]["purpose_prepositions"] \
            and any(c.dep_ == "pcomp" for c in token.children):
        return True  # "is aimed at dismantling an MS13 network"
    return token.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
