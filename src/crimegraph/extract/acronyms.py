"""Acronyms and second names defined in the text: "Long Name (ACR)" and "Long Name
(Nombre Largo – ACR)" name the long name's entity wherever they recur; when NER found
no name before the parentheses, the capitalised words there are the body's name
("Honduras’ Technical Criminal Investigation Agency (… – ATIC)"), else the name inside
them ("the country’s anti-gang police (División Nacional contra … – DIPANDA)").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crimegraph.extract.mention_table import Found, MentionTable, remove, replace_occurrences
from crimegraph.extract.names import doc_text, name_before_parenthesis
from crimegraph.model import Organization

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crimegraph.extract.gazetteer import Known
    from crimegraph.extract.mentions import Memory

__all__ = ["acronym_definitions"]

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9-]{1,9}$")


def acronym_definitions(doc: Doc, table: MentionTable, memory: Memory) -> None:
    """"Long Name (ACR)" and "Long Name (Nombre Largo – ACR)": the acronym, and the
    name in parentheses, name the long name's entity everywhere in the doc."""
    aliases: dict[str, Known] = {}
    if "(" not in doc_text(doc):
        return
    for token in doc:
        if token.text != "(" or token.i == 0:
            continue
        close = next((t.i for t in doc[token.i + 1: token.i + 16] if t.text == ")"), None)
        if close is None or close == token.i + 1:
            continue
        first = close - 1
        while first - 2 > token.i and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ \
                and not doc[first - 1].whitespace_ and doc[first - 2].text.isupper():
            first -= 2  # "CRAC-PF": three tokens
        acronym = doc[first:close]
        if not _ACRONYM.match(acronym.text) or sum(c.isupper() for c in acronym.text) < 2:
            continue
        before = table.at(token.i - 1)
        named = name_before_parenthesis(doc, token.i) if before is None else None
        inside = table.within(*named) if named else []
        if named and all(_cut_name(f, named) for f in inside):
            # "Honduras’ Technical Criminal Investigation Agency (ATIC)" NER missed, "US
            # Customs | and Border Protection (CBP)" it cut: an acronym is defined for the
            # name before it
            for found in inside:
                remove(table, found)
            text = doc[named[0]:named[1]].text
            before = Found(named[0], named[1], memory.organization(text), 0.8, "acronym")
            table.add(before)
        # "Long Name (Nombre Largo – ACR)": the name in parentheses before a dash or comma
        inner = doc[token.i + 1:first - 1] if first - 1 > token.i and doc[first - 1].text in ("–", "—", "-", ",") else None
        if before is None and inner is not None and inner.text[:1].isupper():
            # "the country’s anti-gang police (División Nacional contra … – DIPANDA)": the
            # name in parentheses is the only one the body is given
            for found in table.within(inner.start, inner.end):
                remove(table, found)
            before = Found(inner.start, inner.end, memory.organization(inner.text), 0.8, "acronym")
            table.add(before)
        if before is None or before.known.kind != "organization":
            continue
        known = before.known
        aliases[acronym.text] = known
        if inner is not None:
            if inner.text[:1].isupper() and inner.text != known.record.name:
                aliases[inner.text] = known
                if isinstance(known.record, Organization) and not known.shipped \
                        and inner.text not in known.record.aliases and memory.claim(known, inner.text):
                    known.record.aliases.append(inner.text)
        if isinstance(known.record, Organization) and not known.shipped \
                and acronym.text not in known.record.acronyms and memory.claim(known, acronym.text):
            known.record.acronyms.append(acronym.text)
    if not aliases:
        return
    # every occurrence of a defined acronym or alias, including the definition itself
    for alias, known in aliases.items():
        replace_occurrences(doc, table, alias, known, 0.85, "acronym")


def _cut_name(found: Found, named: tuple[int, int]) -> bool:
    """Whether a mention inside the name before an acronym is a piece of it NER cut off
    (an organization it made up, not a known entity nor a place or person)."""
    return found.known.kind == "organization" and not found.known.shipped and found.source == "ner" \
        and named[0] <= found.start and found.end <= named[1]
