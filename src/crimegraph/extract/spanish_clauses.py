"""How a Spanish clause is told: who says it (statements), whether it is passive, and
its modality. Used by :mod:`crimegraph.extract.spanish_events`.

* **Statements**: a speech verb (dijo, afirmó, señaló …) with a named speaker as subject
  and a clause is a statement event whose actor is the speaker; an active event verb with
  no subject in what the speaker says is the speaker's act ("La FGR informó que detuvo a
  tres personas").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.events import FoundEvent
from crimegraph.extract.lexicon import word_set
from crimegraph.extract.spanish_lexicon import lemma_of, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from crimegraph.extract.gazetteer import Known
    from crimegraph.extract.mentions import MentionTable

__all__ = ["modality", "passive", "speaker_acts", "statement"]

_OBJECTS = ("obj", "iobj")


def statement(verb: Token, table: MentionTable, back: int = 3) -> FoundEvent | None:
    """"…, dijo el fiscal Juan Pérez" / "La Fiscalía informó que …": a statement by a
    named person or organization. With no subject or an unnamed one of
    ``speaker_back_nouns`` ("Explicó que …", "El funcionario señaló que …"), the speaker is
    the last one of the three sentences before (a chain of ``back`` such statements)."""
    if lexicon().forms.get(verb.lower_) == "asegurar" or verb.lemma_.lower() == "asegurar":
        if any(c.dep_ in _OBJECTS and c.pos_ in ("NOUN", "PROPN", "NUM") for c in verb.children) \
                and not any(c.dep_ == "ccomp" for c in verb.children):
            return None  # "aseguraron 20 kilos": a seizure
    clause = any(c.dep_ in ("ccomp", "parataxis", "obj") or c.dep_ == "xcomp" and c.i < verb.i
                 or c.dep_ == "obl" and any(g.dep_ == "case" and g.lower_ == "sobre" for g in c.children)
                 for c in verb.children) or verb.dep_ == "parataxis"  # ("comentó sobre los turistas")
    if not clause or passive(verb):  # "fue declarada culpable": said of her, not by her
        return None
    speakers = []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):  # "X se solidarizó … y dijo que …"
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    for subject in subjects:
        apposed = [g for c in subject.children if c.dep_ == "appos" for g in c.children if g.dep_ in ("appos", "flat")]
        for token in [subject, *apposed, *subject.children]:  # "el comandante …, el general Juan Pérez"
            mention = table.at(token.i)
            if mention is not None and mention.known.kind in ("person", "organization") and mention.known not in speakers \
                    and getattr(mention.known.record, "kind", None) not in word_set("arguments", "source_kinds"):
                speakers.append(mention.known)  # (a news outlet's report is the text's source, no statement)
    if not subjects:  # "«…», dijo en esa ocasión Villatoro": the speaker after the verb, parsed elsewhere
        for child in (c for c in verb.children if c.i > verb.i and c.dep_ in ("obl", "nmod", "appos", "flat")):
            mention = next((table.at(t.i) for t in child.subtree if table.at(t.i) is not None
                            and table.at(t.i).known.kind == "person"), None)
            if mention is not None:
                speakers.append(mention.known)
                break
    if not speakers and back and _unnamed(verb, subjects, table):
        speakers = _spoke_before(verb, table, back - 1)
    if not speakers:
        return None
    event = FoundEvent("statement", verb.i, modality=modality(verb))
    # "El comandante de la Policía de Medellín, el general Juan Pérez, explicó": the person
    # in apposition speaks, not the body of the title
    event.participants = [("actor", next((k for k in speakers if k.kind == "person"), speakers[0]))]
    return event


def _unnamed(verb: Token, subjects: list[Token], table: MentionTable) -> bool:
    """A speech verb of one speaker the sentence does not name: no subject (a finite verb
    of the singular, in a main clause), or a subject of ``speaker_back_nouns`` with no
    name in it ("el titular de Seguridad federal")."""
    if not subjects:
        return verb.dep_ in ("ROOT", "parataxis") and "Sing" in verb.morph.get("Number") \
            and "Fin" in verb.morph.get("VerbForm")
    return len(subjects) == 1 and subjects[0].pos_ == "NOUN" and subjects[0].lemma_.lower() in lexicon().speaker_back \
        and "Sing" in subjects[0].morph.get("Number") and all(table.at(t.i) is None for t in subjects[0].subtree)


def _spoke_before(verb: Token, table: MentionTable, back: int) -> list[Known]:
    """The speaker of the last statement of the three sentences before ``verb``'s."""
    doc = verb.doc
    start, count = verb.sent.start, 0
    while start > 0 and count < 3:
        sentence = doc[start - 1].sent
        start = sentence.start
        count += not all(t.is_space for t in sentence)  # (a paragraph break is no sentence)
    speech = lexicon().speech
    for token in reversed(doc[start:verb.sent.start]):
        if token.pos_ in ("VERB", "AUX") and lemma_of(token) in speech:
            said = statement(token, table, back)
            if said is not None:
                return [said.participants[0][1]]
    return []


def speaker_acts(doc: Doc, found: list[FoundEvent]) -> None:
    """"La FGR informó que detuvo a tres personas": an active event verb with no subject
    in what a speaker says (Spanish drops the subject pronoun) is the speaker's act; not a
    passive or impersonal one ("informó que se detuvo", "que fueron detenidos")."""
    for statement in (e for e in found if e.type == "statement" and e.participants):
        speaker = statement.participants[0][1]
        for event in found:
            verb = doc[event.trigger]
            if event is statement or any(r == "actor" for r, _ in event.participants) or verb.pos_ != "VERB" \
                    or passive(verb) or any(c.dep_.startswith(("nsubj", "expl")) or c.lower_ == "se" for c in verb.children):
                continue
            clause = verb.head if verb.dep_ == "conj" else verb
            if clause.dep_ == "ccomp" and clause.head.i == statement.trigger:
                event.participants.insert(0, ("actor", speaker))


def passive(verb: Token) -> bool:
    """A passive clause: "fue detenido", "fueron asesinados"."""
    if any(c.dep_ in ("nsubj:pass", "aux:pass") for c in verb.children):
        return True
    participle = "Part" in verb.morph.get("VerbForm")
    return participle and any(c.dep_ in ("aux", "cop") and c.lemma_.lower() == "ser" for c in verb.children)


def modality(trigger: Token) -> str:
    """negated ("no hay detenidos"), reported ("presuntamente", the conditional
    mood), hypothetical ("intentaron secuestrar"), else asserted."""
    lex = lexicon()
    scope = [trigger]
    if trigger.head != trigger:
        scope.append(trigger.head)
    children = [c for t in scope for c in t.children]
    if any(c.lower_ in lex.negated for c in children):
        return "negated"
    if any(c.lower_ in lex.reported and c.dep_ in ("advmod", "amod") and c.head == trigger or
           c.lower_ in lex.reported and c.dep_ == "advmod" for c in children):
        return "reported"
    verbs = [trigger, *([trigger.head] if trigger.dep_ in ("xcomp", "amod", "acl") else [])]
    # (a conditional's features always hold "Cnd": the plain string is tested first, being cheaper)
    if any("Cnd" in str(t.morph) and "Cnd" in t.morph.get("Mood")
           for v in verbs for t in [v, *(c for c in v.children if c.dep_.startswith("aux"))]):
        return "reported"  # "habría sido asesinado", "habría ordenado atacar"
    if trigger.pos_ == "NOUN" and trigger.head != trigger and trigger.head.lower_ in lex.order_heads:
        return "hypothetical"  # "una orden de detención", "con fines de extradición"
    if trigger.dep_ == "xcomp" and lemma_of(trigger.head) in lex.hypothetical:
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lemma_.lower() in lex.hypothetical for c in trigger.children):
        return "hypothetical"
    return "asserted"
