"""An event's participants from the grammar of its clause.

The subject of a trigger verb is the actor and its object the target (in the passive
voice the other way round, with the "by" agent as actor); prepositions named by the
trigger's lexicon entry add participants ("an alliance with X"); places are where
things happen, not whom they happen to. :func:`entities` says which entities a noun
phrase names: the mention at its head, a name it introduces ("a gang known as Los
Ardillos"), what a pronoun or "the group" refers back to
(:mod:`crimegraph.extract.coreference`), else the mentions inside it. The words are
``data/lexicon/en/arguments.yaml``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from crimegraph.extract import coreference
from crimegraph.extract.coreference import kind_of
from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import load, word_set
from crimegraph.extract.mentions import Found, MentionTable
from crimegraph.extract.modality import SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from crimegraph.extract.candidates import FoundEvent


@cache
def _words() -> dict[str, Any]:
    return load("arguments")


@cache
def _prepositions(kind: str) -> frozenset[str]:
    return frozenset(_words()["prepositions"][kind])


def pobjs(prep: Token | None) -> list[Token]:
    if prep is None:
        return []
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def prep_participants(event: FoundEvent, entry: dict[str, Any], preps: dict[str, Token], table: MentionTable) -> None:
    """The participants a trigger's prepositions name, in the entry's roles; of two sides
    named by a ``sides_prepositions`` word ("a clash between A and B") the first acts, as
    in "A clashed with B", when no one else does."""
    for prep, role in (entry.get("preps") or {}).items():
        for pobj in pobjs(preps.get(prep)):
            named = entities(pobj, table)
            sides = [k for k in named if k.kind != "place"]
            if prep in _prepositions("sides") and len(sides) > 1 and not any(r == "actor" for r, _ in event.participants):
                event.participants.append(("actor", sides[0]))
                named = [k for k in named if k is not sides[0]]
            for known in named:
                if role in ("place", "place_or_target") and known.kind == "place":
                    if event.place is None:
                        event.place = known
                    elif known != event.place and known not in event.more_places:
                        event.more_places.append(known)
                elif role != "place":
                    event.participants.append(("target" if role == "place_or_target" else role, known))


def assistants(trigger: Token, table: MentionTable) -> list[Known]:
    """Who helps carry out an event: "with (the) assistance / support of / from X" on the
    trigger, or on the participle that tells a trigger noun's doing ("the investigation
    carried out by the CNA with assistance from MACCIH")."""
    helpers = word_set("arguments", "assisting_nouns")
    owners = [trigger, *(c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    found: list[Known] = []
    for owner in owners:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "with"):
            for noun in pobjs(prep):
                if noun.lemma_.lower() not in helpers:
                    continue
                for inner in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
                    found += [k for pobj in pobjs(inner) for k in entities(pobj, table) if k.kind != "place"]
    return found


def settle_places(event: FoundEvent, place_targets: bool = False) -> None:
    """Places are where things happen, not whom they happen to: a place object of
    "control" is the event's place; other places that are not actors are dropped —
    unless the entry evaluates places (a country downgraded in a ranking)."""
    kept = []
    for role, known in event.participants:
        if role == "place_or_target":
            if known.kind == "place":
                if event.place is None:
                    event.place = known
                elif known != event.place and known not in event.more_places:
                    event.more_places.append(known)
                continue
            role = "target"
        if role != "actor" and known.kind == "place" and not (place_targets and role == "target"):
            continue
        kept.append((role, known))
    event.participants = kept


def actor_kinds(event: FoundEvent, entry: dict[str, Any]) -> None:
    """Only entities of the listed kinds act in events of this entry (trafficking is done
    by groups and people, not by the governments that fight it)."""
    for role in ("actor", "partner", "target"):
        kinds = entry.get(f"{role}_kinds")
        if kinds:
            event.participants = [(r, k) for r, k in event.participants if r != role or kind_of(k) in kinds]


def dedupe(event: FoundEvent) -> FoundEvent:
    seen: set[tuple[str, str]] = set()
    kept = []
    for role, known in event.participants:
        key = (role, f"{known.kind}:{known.ref.name}")
        if key not in seen and (known.kind, known.ref.name) not in {(k.kind, k.ref.name) for _, k in kept}:
            seen.add(key)
            kept.append((role, known))
    event.participants = kept
    return event


def accused_of(crime: Token, table: MentionTable) -> list[Known] | None:
    """Whom a verb of accusation accuses of the crime a trigger names: "accused Juan Pérez
    of the murder of X", "blamed the gang for the kidnapping and murder of X" (the
    object, or the passive subject: "was accused of killing X"), "blamed the murder of
    X on the gang" (the crime is the object: the one it is put on); none when the
    accused is not named. None when ``crime`` is no crime an accusation names."""
    current = crime
    while current.dep_ == "conj" and current.head != current:
        current = current.head  # "the kidnapping and murder"
    accused_noun = None
    if current.dep_ in ("pobj", "pcomp") and current.head.dep_ == "prep" \
            and current.head.lower_ in word_set("arguments", "accusation_prepositions"):
        verb, as_object = current.head.head, False
        if verb.dep_ in ("dobj", "obj", "nsubjpass") and verb.pos_ in ("PROPN", "NOUN", "PRON"):
            accused_noun, verb = verb, verb.head  # "accused the Tren de Aragua of extortion": hung on the accused
    elif current.dep_ in ("dobj", "obj"):
        verb, as_object = current.head, True
    else:
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in word_set("arguments", "accusation_verbs") or verb == current:
        return None
    if as_object:
        phrase = [current]  # (the parser may hang it on the crime or inside its phrase: the last one)
        for token in phrase:
            phrase.extend(c for c in token.children if c.dep_ not in ("relcl", "acl"))
        put_on = [c for c in (*verb.children, *phrase)
                  if c.dep_ == "prep" and c.lower_ in word_set("arguments", "accused_prepositions")]
        accused = pobjs(max(put_on, key=lambda c: c.i)) if put_on else []
        if not accused:
            return None  # "blamed the killings": the killings are blamed on no one named here
    elif accused_noun is not None:
        accused = [accused_noun]
    else:
        accused = [c for c in verb.children if c.dep_ in ("dobj", "obj")] or \
            [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not accused and verb.dep_ in ("acl", "relcl"):
            accused = [verb.head]  # "officials accused of taking bribes"
    return [k for token in accused for k in entities(token, table) if k.kind != "place"]


def governing_verb(token: Token) -> Token | None:
    """The verb whose clause a noun belongs to ("bring about the prosecution" → bring)."""
    current = token
    for _ in range(6):
        if current.head == current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, looking up through controlling verbs and coordination
    ("CICIG has helped bring about ..." → CICIG for bring)."""
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects:  # "The wife of X, Bonilla de Lobo was arrested": the one next to the verb
            return subjects[-1]
        borrowed = _reduced_relative_subject(current)
        if borrowed is not None:
            return borrowed
        if current.dep_ in ("xcomp", "conj") and current.head != current:
            current = current.head
            continue
        if current.dep_ == "advcl" and current.head != current and (current.tag_ == "VBG" or (
                current.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children))):
            current = current.head  # "WHO posted …, denying that …", "X and Y met to discuss bribes"
            continue
        if current.dep_ in ("acl", "relcl") and current.head != current:
            described = current.head
            if described.dep_ == "appos" and described.pos_ == "NOUN":
                return described.head  # "Juan Pérez, a man wanted in Texas" → Juan Pérez
            return described  # "officials accused of" → officials
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # "Guacho became a target after murdering journalists" → Guacho
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ in ("ADJ", "NOUN"):
            if current.head.head.dep_ == "pobj":
                return None  # "warned residents about the possibility of being displaced": not the warner
            if current.head.head.dep_ == "amod" and current.head.head.head.pos_ in ("NOUN", "PROPN", "PRON", "DET"):
                return current.head.head.head  # "hold those accountable for targeting leaders" → those
            current = current.head.head  # "Vieira was responsible for sending shipments"
            while current.pos_ not in ("VERB", "AUX") and current.head != current:
                current = current.head
            continue
        return None
    return None


def _reduced_relative_subject(verb: Token) -> Token | None:
    """"X, a former policeman believed to be a senior figure in the Gulf cartel, was
    arrested": the parser gives X to the participle clause ("believed") set off before
    the verb and leaves the verb without a subject. A bare participle (no auxiliary of its
    own) left of a finite verb cannot own a subject, so its subject is the verb's."""
    if not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.tag_ not in ("VBN", "VBD") or clause.i > verb.i \
                or any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ in SUBJECTS and c.i < clause.i]
        set_off = any(t.lower_ == "," for t in verb.doc[clause.right_edge.i + 1:verb.i])
        if subjects and set_off:
            return subjects[-1]
    return None


def entities(token: Token, table: MentionTable, limit: int = 4) -> list[Known]:
    """The entities a noun phrase names: the mention at its head (and its conjuncts),
    else the mentions inside it, people and organizations before places."""
    if coreference.is_relative(token):
        pronoun, token = token, token.head.head  # "Portillo, who was charged" → Portillo
        restricted = coreference.relative_referents(pronoun, token, table, limit, entities)
        if restricted is not None:
            return restricted
    referents = coreference.pronoun_referents(token, table, limit, entities)
    if referents is not None:
        return referents
    heads = [token, *token.conjuncts]
    direct = [table.at(h.i).known for h in heads if table.at(h.i) is not None]
    if direct and len(heads) > 1:  # "the Sinaloa Cartel and rival organization the Zetas": a conjunct named by its appositive
        direct += [k for h in heads if table.at(h.i) is None for k in _apposed(h, table)]
    if not direct:  # "his group, Los Contadores"; "another of her sons, Rubén Castro Ortiz"
        nested = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
        direct = [table.at(a.i).known for h in (*heads, *nested) for a in h.children if a.dep_ == "appos" and table.at(a.i)]
    if not direct:  # "a criminal organization known as Los Suizos", "a faction that calls itself …"
        direct = [k for h in heads for k in _named_as(h, table)]
    if not direct and token.dep_ == "appos" and table.at(token.head.i) is not None:
        direct = [table.at(token.head.i).known]  # "Telmo Castro, an army captain who transported …"
    if not direct:  # "a feud between two gangs: the Red Command and …" (the parser hangs the list anywhere)
        direct = [k for h in heads for k in _listed_after(h, table)]
    if not direct:  # "those arrested include X", "among those killed is X": the ones listed
        direct = [k for h in heads for k in _listed_members(h, table)]
    if not direct:  # "law enforcement agents headed by the ATIC", "troops led by the army": the leader's
        direct = [k for h in heads for acl in h.children
                  if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in word_set("arguments", "leading_verbs")
                  for agent in acl.children if agent.dep_ == "agent"
                  for pobj in pobjs(agent) for k in entities(pobj, table) if k.kind != "place"]
    if not direct and token.lower_ in word_set("names", "nickname_markers"):
        # "Gelson Carnaúba, alias “Mano G” — who had forged …": the parser may make the
        # marker the head of the named one and of the clause about him
        named = [table.at(c.i).known for c in token.children
                 if c.dep_ in ("nsubj", "appos", "compound", "npadvmod") and table.at(c.i) is not None]
        head = table.at(token.head.i)
        direct = named[:1] or ([head.known] if head is not None else [])
    if direct:
        return direct[:limit]
    referents = coreference.noun_referents(token, table)
    if referents is not None:
        return referents
    inside: list[Found] = []
    stack = [token]
    while stack:
        current = stack.pop()
        mention = table.at(current.i)
        if mention is not None and mention not in inside:
            inside.append(mention)
        stack.extend(c for c in current.children if _inside_the_phrase(c) and not _whereabouts(c, table))
    inside.sort(key=lambda f: f.start)
    agents = [f.known for f in inside if f.known.kind != "place"]
    return (agents or [f.known for f in inside])[:limit]


def _apposed(noun: Token, table: MentionTable) -> list[Known]:
    """The name in apposition to a noun that names no one: its appositive, or the name
    right after it ("rival organization the Zetas", which the parser may hang elsewhere)."""
    named = [table.at(a.i).known for a in noun.children if a.dep_ == "appos" and table.at(a.i) is not None]
    if named:
        return named
    i = _past_determiners(noun.doc, noun.i + 1)
    if i >= len(noun.doc) or (i == noun.i + 1 and noun.doc[i].pos_ != "PROPN"):
        return []  # neither "the Zetas" nor a proper noun right after it: no name in apposition
    after = table.at(i)
    return [after.known] if after is not None and after.start == i and after.known.kind != "place" else []


def _past_determiners(doc: Doc, i: int) -> int:
    """The first token from ``i`` on that is no determiner."""
    while i < len(doc) and doc[i].dep_ == "det":
        i += 1
    return i


def _listed_members(noun: Token, table: MentionTable) -> list[Known]:
    """The named members of a described group, listed by "include" or "among … is": "Those
    arrested include Juan Pérez", "The people killed included X and Y", "Among those arrested
    is the mayor, X" (``inclusion_verbs``)."""
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.lemma_.lower() in word_set("arguments", "inclusion_verbs"):
        listed = [c for c in verb.children if c.dep_ in ("dobj", "obj", "attr")]
    elif noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.lemma_.lower() == "be":
        listed = [c for c in noun.head.head.children if c.dep_ == "nsubj"]
    else:
        return []
    found = []
    for head in listed:
        for member in (head, *head.conjuncts):
            mention = table.at(member.i)
            if mention is not None and mention.known.kind != "place":
                found.append(mention.known)
    return found


def _listed_after(noun: Token, table: MentionTable) -> list[Known]:
    """The entities listed after a colon that ends a plural noun phrase ("two drug gangs:
    the Red Command and Family of the North"): the mention right after it and the
    mentions co-ordinated with it."""
    doc = noun.doc
    if noun.tag_ not in ("NNS", "NNPS") or noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ":":
        return []
    i = _past_determiners(doc, noun.i + 2)
    first = table.at(i) if i < len(doc) else None
    if first is None:
        return []
    head = doc[first.start:first.end].root
    listed = [first.known]
    for conj in head.conjuncts:
        mention = table.at(conj.i)
        if mention is not None and mention.known not in listed:
            listed.append(mention.known)
    return listed


def _named_as(noun: Token, table: MentionTable) -> list[Known]:
    """The entity a noun phrase introduces by name: "a gang known as Los Ardillos",
    "the group, called the FOS", "a faction that calls itself the Western Bloc"."""
    found: list[Known] = []
    for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in word_set("arguments", "naming_verbs")):
        for child in clause.children:
            targets = pobjs(child) if child.dep_ == "prep" and child.lower_ == "as" else \
                [child] if child.dep_ in ("oprd", "attr", "xcomp", "ccomp", "dobj") else []
            for target in targets:
                mention = table.at(target.i)
                if mention is not None:
                    found.append(mention.known)
                else:
                    found += [table.at(t.i).known for t in target.subtree if table.at(t.i)][:1]
    return found


def _whereabouts(child: Token, table: MentionTable) -> bool:
    """A place modifying a criminal noun says where the criminals are, not who they are
    ("one of Honduras' powerful street gangs", "Mexico's cartels": not Honduras, not
    Mexico; ``located_agents``)."""
    mention = table.at(child.i)
    return mention is not None and mention.known.kind == "place" \
        and child.dep_ in ("poss", "compound", "amod", "nmod") \
        and child.head.lemma_.lower() in word_set("arguments", "located_agents")



def _inside_the_phrase(child: Token) -> bool:
    """Whether a dependent still names the phrase's referent: "PCC gang members",
    "members of the PCC", "leaders such as Laura Chinchilla" — but not "suspects in the
    killing of Veras", whose Veras is not a suspect."""
    if child.dep_ in ("compound", "poss", "nmod", "conj", "cc", "amod", "det", "nummod", "pobj", "case"):
        return True
    if child.dep_ == "prep":
        if child.lower_ == "in" and (child.head.lower_ in word_set("places", "state_words")
                                     or child.head.lemma_.lower() in word_set("places", "state_words")) \
                and not any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in child.head.children):
            return True  # "police in Honduras", "authorities in Mexico City" (but "US officials in Houston")
        return child.lower_ in _prepositions("membership") or (child.lower_ == "as" and child.head.lower_ == "such") or \
            any(c.lower_ == "such" for c in child.children)
    return False
