"""Verbs the parser took for nouns. The small English pipeline tags a present-tense verb
right after a name as a plural noun and hangs it on the object ("The Barrio 18 gang
traffics cocaine through Guatemala", "The PCC ships cocaine to Europe": "traffics" and
"ships" a compound of "cocaine", the sentence without a verb), so no verb rule sees it.
A word that is a trigger verb (plus "-s"), right after the name of a group or person (or
after a group's head word: "the Barrio 18 gang traffics"), before the start of an object,
is read as that verb with the name as its subject — only for the plain entries of
``data/lexicon/en/events.yaml`` (no object retyping, required preposition or passive),
and with the object word the entry requires among the next words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crimegraph.extract.lexicon import word_set
from crimegraph.extract.mention_table import MentionTable

if TYPE_CHECKING:
    from spacy.tokens import Token

    from crimegraph.extract.gazetteer import Known

__all__ = ["misparsed_verb"]

#: Entry keys whose rules need the verb's own parse; such verbs are left alone.
_NEEDS_THE_PARSE = ("intransitive_only", "object_types", "requires_prep", "requires_prep_object", "passive_only",
                    "transitive_only", "forbids_subject_word")
_OBJECT_STARTS = ("NOUN", "DET", "NUM", "ADJ", "PROPN", "PRON")


def misparsed_verb(token: Token, table: MentionTable, verbs: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any], Known] | None:
    """(lemma, entry, subject) when ``token`` is a trigger verb the parser took for a
    noun (see the module docs)."""
    if token.pos_ not in ("NOUN", "PROPN", "AUX") or token.tag_ not in ("NN", "NNS", "NNPS", "VBZ", "VBP") \
            or token.i == 0 or token.i + 1 >= len(token.doc):
        return None
    # "traffics", "moves" after a group's name; "extort" after a plural one ("Los Zetas")
    lemma = token.lower_[:-1] if token.lower_.endswith("s") and token.lower_[:-1] in verbs else token.lower_
    entry = verbs.get(lemma)
    if entry is None or any(key in entry for key in _NEEDS_THE_PARSE):
        return None
    doc = token.doc
    if doc[token.i + 1].pos_ not in _OBJECT_STARTS:
        return None
    before = token.i - 1
    if doc[before].lower_ in word_set("names", "group_heads") and table.at(before) is None:
        before -= 1  # "the Barrio 18 gang traffics"
    subject = table.at(before) if before >= 0 else None
    if subject is None or subject.end != before + 1 or subject.known.kind not in ("organization", "person"):
        return None
    wanted = entry.get("requires_object_word")
    if wanted and not any(t.lemma_.lower() in wanted or t.lower_ in wanted for t in doc[token.i + 1: token.i + 6]):
        return None
    return lemma, entry, subject.known
