"""Who said what: attributed speech as statement events (issue 12, item 1).

A speech verb (``data/lexicon/en/arguments.yaml``: ``speech_verbs``, and the reporting
verbs of ``coreference.yaml``) whose clause carries what was said — a quotation ("“…,”
said Robert Muggah", "“…,” the Forum said", "Juan Pérez said: “…”") or a reported clause
("Juan Pérez told Reuters that …") — with a named speaker as its subject is a statement
by the speaker; the sentence is its evidence. Places speak only as countries ("Mexico
said …"); news outlets never do ("…, Globo reported": the text's source, ``source_kinds``).
This is the gold's guideline for statements (``data/gold/README.md``); it is on by
default, and ``ArticleExtractor(quotations=False)`` / ``crimegraph convert
--no-quotations`` leave attributed English speech out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.arguments import entities, pobjs
from crimegraph.extract.candidates import FoundEvent, triggers
from crimegraph.extract.lexicon import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from crimegraph.extract.gazetteer import Known
    from crimegraph.extract.mention_table import MentionTable

__all__ = ["attributed_statements"]

_SAID = ("ccomp", "parataxis", "xcomp")


def attributed_statements(sentence: Span, table: MentionTable) -> list[FoundEvent]:
    """The statements of the sentence's named speakers (see the module docs)."""
    found = []
    for verb in sentence:
        if verb.pos_ != "VERB" or not _speech_verb(verb) or not _carries_speech(verb):
            continue
        speakers = _speaker_of(verb, table)
        if speakers:
            found.append(FoundEvent(type="statement", trigger=verb.i, participants=[("actor", k) for k in speakers]))
    return found


def _speakers(subject: Token, table: MentionTable) -> list[Known]:
    """Who the subject names: places only as countries, no news outlet."""
    return [k for k in entities(subject, table) if (k.kind != "place" or k.record.kind == "country")
            and _speakers_allowed(k)]


def _speaker_of(verb: Token, table: MentionTable, pronouns: bool = True) -> list[Known]:
    """Who the subject of a speech verb names, else whom it refers back to."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    named = [k for c in subjects for k in [_speakers(c, table)] if k]
    # the small parser makes the body or country of a speaker's title a second subject
    # ("UNODC executive director Yury Fedotov said", "Carlos Mera, Guatemala’s then-
    # director of …, said"): a person speaks before it
    speakers = next((k for k in named if any(x.kind == "person" for x in k)), named[0] if named else [])
    if not speakers and subjects:
        speakers = _named_before(subjects[0], table, pronouns)
    return speakers


def _named_before(subject: Token, table: MentionTable, pronouns: bool = True) -> list[Known]:
    """A speaker the text named before: "it" / "they" is the body or country that spoke
    last in the three sentences before ("The Defence Ministry said … . It also said …");
    "the police" / "the ministry" is the body or country an earlier phrase with that word
    named ("Colombia’s National Police … “…,” the police said"). Nobody otherwise:
    "officials said" names no one."""
    doc = subject.doc
    if subject.lower_ in ("it", "they"):
        if not pronouns:
            return []
        for verb in reversed(doc[_sentences_back(doc, subject.sent.start, 3):subject.sent.start]):
            if verb.pos_ == "VERB" and _speech_verb(verb) and _carries_speech(verb):
                spoke = [k for k in _speaker_of(verb, table, pronouns=False) if k.kind != "person"]
                if spoke:
                    return spoke
        return []
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in word_set("arguments", "speaking_bodies") \
            or any(c.dep_ in ("poss", "amod", "compound") and c.pos_ == "PROPN" for c in subject.children):
        return []
    word = subject.lemma_.lower()
    for token in reversed(doc[:subject.i]):  # the last phrase with the word that names a body or a country
        if token.lemma_.lower() == word:
            spoke = [k for k in _speakers(token, table) if k.kind != "person"]
            if spoke:
                return spoke
    return []


def _sentences_back(doc: Doc, start: int, count: int) -> int:
    """The first token of the ``count`` sentences before token ``start`` (a sentence start)."""
    for _ in range(count):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _speakers_allowed(known: Known) -> bool:
    return not (known.kind == "organization" and known.record.kind in word_set("arguments", "source_kinds"))


def _speech_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in word_set("arguments", "speech_verbs") or lemma in word_set("coreference", "reporting_verbs") \
        or lemma in word_set("arguments", "announcing_verbs") or lemma in word_set("arguments", "characterizing_verbs")


def _carries_speech(verb: Token) -> bool:
    """A clause of what was said under the verb, or a quotation around it (the parser
    hangs "“…,” said X" in several ways)."""
    if any(c.dep_ in _SAID for c in verb.children):
        return True
    if verb.head != verb and verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        return True  # "“The raid will not hurt them,” said Muggah": "said" hangs on the quote's verb
    if any(c.dep_ == "prep" and p.lemma_.lower() in word_set("arguments", "statement_nouns")
           and any(g.dep_ in ("acl", "relcl", "ccomp") for g in p.children) for c in verb.children for p in pobjs(c)):
        return True  # "said in a statement that soldiers detained …": what was said hung on "statement"
    if verb.lemma_.lower() in word_set("arguments", "announcing_verbs") and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in triggers()[1] for c in verb.children):
        return True  # "the Army reported the capture of 12 members": what was said is a noun phrase
    if verb.lemma_.lower() in word_set("arguments", "characterizing_verbs") and any(
            c.dep_ in ("dobj", "obj") and not c.lower_.endswith(("self", "selves")) for c in verb.children) and any(
            c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as"
            for c in (*verb.children, *(g for o in verb.children if o.dep_ in ("dobj", "obj") for g in o.children))):
        return True  # "called the violence a consequence of …", "touted the raid as a success"
    if verb.dep_ in ("conj", "relcl") and verb.head.i < verb.i and not any(c.dep_ in ("dobj", "obj") for c in verb.children) \
            and verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == "," \
            and all(t.is_punct or t.is_space for t in verb.doc[verb.right_edge.i + 1:verb.sent.end]):
        return True  # "One leader was arrested, the ministry said": a closing clause after a comma the parser hung elsewhere
    return False
