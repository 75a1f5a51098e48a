"""Who said what: attributed speech as statement events (issue 12, item 1).

A speech verb (``data/lexicon/en/arguments.yaml``: ``speech_verbs``, and the reporting
verbs of ``coreference.yaml``) whose clause carries what was said — a quotation ("“…,”
said Robert Muggah", "“…,” the Forum said", "Juan Pérez said: “…”") or a reported clause
("Juan Pérez told Reuters that …") — with a named speaker as its subject is a statement
by the speaker; the sentence is its evidence. Places speak only as countries ("Mexico
said …"). Attribution alone is not news in the gold's guidelines (``data/gold/README.md``),
so these statements are made only when asked for (``ArticleExtractor(quotations=True)``,
``crimegraph convert --quotations``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.arguments import entities
from crimegraph.extract.candidates import FoundEvent
from crimegraph.extract.lexicon import word_set

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from crimegraph.extract.mention_table import MentionTable

__all__ = ["attributed_statements"]

_SAID = ("ccomp", "parataxis", "xcomp")


def attributed_statements(sentence: Span, table: MentionTable) -> list[FoundEvent]:
    """The statements of the sentence's named speakers (see the module docs)."""
    found = []
    for verb in sentence:
        if verb.pos_ != "VERB" or not _speech_verb(verb) or not _carries_speech(verb):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        speakers = [k for k in entities(subjects[-1], table)
                    if k.kind != "place" or k.record.kind == "country"]
        if speakers:
            found.append(FoundEvent(type="statement", trigger=verb.i, participants=[("actor", k) for k in speakers]))
    return found


def _speech_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in word_set("arguments", "speech_verbs") or lemma in word_set("coreference", "reporting_verbs")


def _carries_speech(verb: Token) -> bool:
    """A clause of what was said under the verb, or a quotation around it (the parser
    hangs "“…,” said X" in several ways)."""
    if any(c.dep_ in _SAID for c in verb.children):
        return True
    if verb.head != verb and verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        return True  # "“The raid will not hurt them,” said Muggah": "said" hangs on the quote's verb
    return False
