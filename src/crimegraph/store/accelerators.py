"""Accelerators: code that answers one catalog query faster than its SPARQL text, fenced.

An accelerator stands in for exactly one catalog query (``queries/NAME.rq``) and is
bound to the text of that file: it is registered with the sha256 of the ``.rq`` it was
written for and tested against. When the catalog's file no longer has that checksum —
someone edited the query — the accelerator is switched off and says so (``crimegraph
stats``, ``crimegraph query --show-query``), and the query runs as its SPARQL text until
the accelerator is checked against the new text and its checksum updated. So the query
text stays the one definition of the answer.

Every path that runs catalog queries goes through :func:`crimegraph.query.execute`
(``crimegraph query``, :func:`crimegraph.query.run`, the catalog route of ``crimegraph
serve``), which asks the store (:meth:`crimegraph.store.base.Store.answer_catalog`);
SPARQL text sent to the endpoint's ``/sparql`` and remote stores always run as SPARQL.

One accelerator exists: the event index of a local store (:mod:`crimegraph.store.event_index`)
for ``who-did-what-where``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def checksum(text: str) -> str:
    """The sha256 of a query's text (its UTF-8 bytes), in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Accelerator:
    """One catalog query (``query``), the sha256 of the ``.rq`` text it was written for,
    and what answers it (for messages: "the store's event index")."""

    query: str
    sha256: str
    what: str
    module: str

    def catalog_text(self) -> str | None:
        """The text of ``queries/<query>.rq`` as the catalog reads it (None if missing)."""
        from crimegraph.resources import resource_dir  # at call time: the catalog's folder

        path = resource_dir("queries") / f"{self.query}.rq"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def problem(self, text: str | None = None) -> str | None:
        """Why the accelerator must not answer the query whose text is ``text`` (by
        default the catalog's file), or None when the text is the one it was written for."""
        if text is None:
            text = self.catalog_text()
        if text is None:
            return f"queries/{self.query}.rq is missing"
        found = checksum(text)
        if found == self.sha256:
            return None
        return (f"queries/{self.query}.rq is not the text {self.what} was written for "
                f"(sha256 {found[:12]}…, written for {self.sha256[:12]}…): the query runs as SPARQL; "
                f"check {self.module} against the new text and update its checksum")


#: The accelerators by catalog query name.
ACCELERATORS: dict[str, Accelerator] = {}


def register(accelerator: Accelerator) -> Accelerator:
    """Register an accelerator of one catalog query (one per query)."""
    if accelerator.query in ACCELERATORS and ACCELERATORS[accelerator.query] != accelerator:
        raise ValueError(f"catalog query {accelerator.query!r} already has an accelerator")
    ACCELERATORS[accelerator.query] = accelerator
    return accelerator
