"""News outlets named with what they are.

"the Salvadoran daily El Mundo reported", "Caracol radio reported", "the news site
elsalvador.com": a name NER gave no kind (an organization) that a word of the press
(``media_nouns``, ``data/lexicon/en/organizations.yaml``) introduces or follows is a
news medium — the text's source, never a speaker in its story
(:mod:`crimegraph.extract.quotations`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crimegraph.extract.lexicon import word_set
from crimegraph.extract.mention_table import MentionTable

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["named_media"]


def named_media(doc: Doc, table: MentionTable) -> None:
    """Retype the organizations a press word names as media (see the module docs)."""
    words = word_set("organizations", "media_nouns")
    for found in table.mentions:
        record = found.known.record
        if found.known.shipped or found.known.kind != "organization" or getattr(record, "kind", None) != "organization":
            continue
        near = [doc[i] for i in range(max(found.start - 2, 0), found.start)]
        if found.end < len(doc):
            near.append(doc[found.end])
        if any(t.lower_ in words for t in near) or doc[found.end - 1].lower_.endswith((".com", ".net", ".org")):
            record.kind = "media"
