"""What a Spanish phrase that names no one refers to, and who a crime is attributed to.

* "esta organización", "dicho grupo criminal" (``group_back_nouns`` under a determiner of
  ``back_reference``): the criminal group named last before it in the text;
* "al detenido", "los detenidos", "el imputado" (``carried_subjects`` under a definite
  article, "al" or such a determiner): the people an event of ``back_undergoer_types``
  befell last (its targets, noted sentence by sentence on the doc);
* "A X se le atribuye el asesinato de …" (``attribution_verbs``): X, or the person "le"
  stands for, is the actor of the crime, reported;
* "descubrieron 20 paquetes de cocaína" (a verb with ``goods_object``): what is found is
  one of ``seized_goods``;
* "las autoridades mexicanas", "las autoridades de Estados Unidos y Panamá" (``state_nouns``
  with a demonym of ``state_demonyms`` or a "de" phrase of countries): the country acting;
* "operaban bajo las órdenes del Cártel de Sinaloa" (``command_nouns``): an alliance of the
  verb's subject with the commander;
* "causando la muerte del subintendente X" (``death_nouns``, ``causing_verbs``): a killing of X.

The words are in ``data/lexicon/es/events.yaml``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load
from crimegraph.extract.mentions import MentionTable

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Where the targets of the last events of back_undergoer_types are kept on a doc.
_NOTED = "crimegraph_es_undergoers"


@cache
def _words() -> dict[str, frozenset[str]]:
    data = load("events", language="es")
    return {key: frozenset(str(w).lower() for w in data[key])
            for key in ("seized_goods", "attribution_verbs", "group_back_nouns", "back_undergoer_types",
                        "carried_subjects", "back_reference", "definite_articles", "state_nouns", "death_nouns",
                        "causing_verbs")}


def goods(verb: Token) -> bool:
    """Whether a verb's object, or its passive or reflexive subject, is goods one seizes,
    or counts them ("20 paquetes de cocaína", "dos kilos de droga")."""
    wanted = _words()["seized_goods"]
    for child in verb.children:
        if child.dep_ not in ("obj", "nsubj", "nsubj:pass") or child.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        for word in (child, *(g for g in child.children if g.dep_ in ("nmod", "appos", "conj"))):
            if word.lower_ in wanted or word.lemma_.lower() in wanted:
                return True
    return False


@cache
def _demonyms() -> dict[str, Known]:
    from crimegraph.extract.places import resolver

    found = {}
    for word, country in load("events", language="es")["state_demonyms"].items():
        match = resolver().country(str(country))
        if match is None:
            raise ValueError(f"data/lexicon/es/events.yaml: state_demonyms: {country!r} is no country")
        known = Known(match.record, match.ref)
        stem = word[:-1] if word.endswith("o") else word
        for form in {word, word + "s", stem + "a", stem + "os", stem + "as", word + "es"}:
            found[form] = known
    return found


def state_acting(token: Token, table: MentionTable) -> list[Known]:
    """The country (or countries) a phrase of ``state_nouns`` stands for: "las autoridades
    mexicanas", "las autoridades de Estados Unidos, Guatemala y Panamá"; else nothing."""
    if token.lemma_.lower() not in _words()["state_nouns"] and token.lower_ not in _words()["state_nouns"]:
        return []
    demonyms = _demonyms()
    countries = [demonyms[c.lower_] for c in token.children if c.dep_ == "amod" and c.lower_ in demonyms]
    for child in token.children:
        if child.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ == "de" for g in child.children):
            for word in (child, *child.conjuncts):
                mention = table.at(word.i)
                if mention is not None and getattr(mention.known.record, "kind", "") == "country":
                    countries.append(mention.known)
    return list({k.ref.name: k for k in countries}.values())


def commanded(noun: Token, entities: Any) -> tuple[list[Known], list[Known]] | None:
    """"operaban bajo las órdenes del Cártel de Sinaloa" (a ``command_nouns`` word after
    "bajo" on a verb): the verb's subjects (allies) and the commander, or None."""
    from crimegraph.extract.spanish_lexicon import lexicon

    verb = noun.head
    if noun.dep_ != "obl" or verb.pos_ not in ("VERB", "AUX") or noun.lemma_.lower() not in lexicon().command_nouns \
            and noun.lower_ not in lexicon().command_nouns \
            or not any(c.dep_ == "case" and c.lower_ == "bajo" for c in noun.children):
        return None
    commanders = [k for c in noun.children if c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in ("de", "del")
                                                                       for g in c.children) for k in entities(c)]
    if not commanders:
        return None
    subjects = [verb.head if "Rel" in c.morph.get("PronType") and verb.dep_ in ("acl", "acl:relcl") else c
                for c in verb.children if c.dep_ == "nsubj"]
    return [k for c in subjects for k in entities(c) if all(k is not m for m in commanders)], commanders


def caused_death(noun: Token, entities: Any) -> list[Known] | None:
    """"causando la muerte del subintendente X" (one of ``death_nouns`` as the object of one
    of ``causing_verbs``): the dead of a killing, or None ("la muerte de X" alone is no
    killing)."""
    if noun.dep_ != "obj" or noun.lemma_.lower() not in _words()["death_nouns"] \
            or noun.head.lemma_.lower() not in _words()["causing_verbs"]:
        return None
    return [k for c in noun.children if c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in ("de", "del")
                                                                 for g in c.children) for k in entities(c)]


def note_targets(doc: Any, events: list[Any]) -> None:
    """Keep the targets of a sentence's last event of back_undergoer_types on the doc."""
    types = _words()["back_undergoer_types"]
    for event in events:
        targets = [k for role, k in event.participants if role == "target"]
        if event.type in types and targets:
            doc.user_data[_NOTED] = targets


def referents(token: Token, table: MentionTable) -> list[Known]:
    """What a noun that names no one refers back to (see the module docs), or []."""
    words = _words()
    lemma = token.lemma_.lower()
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "amod")}  # "Dicha" (amod)
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if (lemma in words["group_back_nouns"] or token.lower_ in words["group_back_nouns"]) \
            and determiners & words["back_reference"]:
        for mention in reversed(table.mentions):
            if mention.end <= token.i and getattr(mention.known.record, "kind", "") == "criminal-group":
                return [mention.known]
        return []
    if token.lower_ not in words["carried_subjects"] or not (
            determiners & (words["back_reference"] | words["definite_articles"]) or before == "al"):
        return []
    noted = token.doc.user_data.get(_NOTED) or []
    if not noted:
        return []
    return list(noted) if "Plur" in token.morph.get("Number") else [noted[-1]]


def attributed(noun: Token, table: MentionTable, entities: Any) -> list[Known] | None:
    """The one a crime is attributed to ("A X se le atribuye el asesinato de …", "le
    atribuyen los delitos de homicidio y extorsión"), or None when the crime is not
    attributed. ``entities(token)`` are the entities a phrase names."""
    from crimegraph.extract.coreference import people_before
    from crimegraph.extract.spanish_lexicon import lemma_of

    current = noun
    for _ in range(4):  # up through the nouns it completes: "los delitos de homicidio y extorsión"
        if current.dep_ in ("nmod", "conj", "appos") and current.head.pos_ in ("NOUN", "PROPN") and current.head != current:
            current = current.head
            continue
        break
    verb = current.head
    if current.dep_ not in ("nsubj", "nsubj:pass", "obj") or lemma_of(verb) not in _words()["attribution_verbs"]:
        return None
    found: list[Known] = []
    clitics = []
    for child in verb.children:
        if child is current or child.dep_ not in ("obj", "iobj", "obl", "nsubj"):
            continue
        if child.pos_ == "PRON":
            if "Rel" in child.morph.get("PronType") and verb.dep_ in ("acl", "acl:relcl"):
                found += entities(verb.head)  # "Juan Pérez, a quien se le atribuye …"
            elif child.lower_ in ("le", "les"):
                clitics.append(child)
            continue
        if any(c.dep_ == "case" and c.lower_ == "a" for c in child.children):
            found += entities(child)
    if not found and clitics:
        found = people_before(verb, table, clitics[0].lower_ == "les")
    return found


def beside(noun: Token) -> list[Token]:
    """Phrases of a legal noun (charge, conviction …) that the parser hung on its verb:
    "dictó la vinculación a proceso de X" ("proceso" the verb's object, its "de X" the
    target's), "dictó sentencia contra X"."""
    from crimegraph.extract.spanish_events import _marked

    head, doc = noun.head, noun.doc
    if head == noun or head.pos_ != "VERB":
        return []
    after = doc[noun.i + 2] if noun.i + 2 < noun.sent.end and doc[noun.i + 1].lower_ == "a" else None
    found = [after] if after is not None and after.head == head and after.dep_ in ("obj", "iobj") else []
    if noun.dep_ in ("obj", "iobj"):
        found += [c for c in head.children if c.dep_ in ("obl", "nmod") and _marked(c, "contra")]
    return found
