"""Stable, valid IRIs minted from names and keys.

The same key always gives the same IRI, whatever file or run it comes from; any text,
including quotes, angle brackets, right-to-left script or control characters, gives an
IRI made only of ``[a-z0-9-]`` after the base.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from rdflib import URIRef

from crimegraph.errors import InputError
from crimegraph.vocab import DEFAULT_BASE

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")
_MAX_SLUG = 80


def normalize_name(text: str) -> str:
    """Fold a name for matching: accents, case, spacing and dots do not matter.

    >>> normalize_name("  Cártel de  Jalisco N.G. ")
    'cartel de jalisco ng'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace(".", "").replace("\u2019", "'")
    return _SPACE.sub(" ", stripped.casefold()).strip()


def _ascii_fold(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """A readable, stable IRI segment for a name.

    Letters that have no ASCII form (Arabic, Cyrillic, CJK…) would be lost by folding,
    so the slug then carries a short hash of the whole name to keep names apart.

    >>> slug("Cártel de Jalisco Nueva Generación")
    'cartel-de-jalisco-nueva-generacion'
    >>> slug("Los Zetas") == slug("los  zetas")
    True
    >>> slug("Лос Сетас").startswith("x-")
    True
    """
    text = text.casefold()  # before folding: "ß" and "SS" both become "ss"
    folded = "".join(_ascii_fold(ch) for ch in text)
    readable = _NON_SLUG.sub("-", folded.lower()).strip("-")
    lossy = any(ch.isalnum() and not _ascii_fold(ch) for ch in text)
    if readable and not lossy and len(readable) <= _MAX_SLUG:
        return readable
    digest = hashlib.sha1(normalize_name(text).encode("utf-8")).hexdigest()[:12]
    head = readable[:60].rstrip("-")
    return f"{head}-{digest}" if head else f"x-{digest}"


def check_base(base: str) -> str:
    """Check that a base namespace is an absolute http(s) IRI ending in ``/`` or ``#``."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"base namespace {base!r} is not an absolute http(s) IRI")
    if not base.endswith(("/", "#")):
        raise InputError(f"base namespace {base!r} must end with '/' or '#'")
    if any(ch in base for ch in ' <>"{}|\\^`') or any(ord(ch) < 0x21 for ch in base):
        raise InputError(f"base namespace {base!r} contains characters not allowed in an IRI")
    return base


class IriMinter:
    """Mints every IRI of the data graph under one configurable base namespace.

    >>> m = IriMinter("https://example.org/cg/")
    >>> m.entity("organization", "Sinaloa Cartel")
    rdflib.term.URIRef('https://example.org/cg/organization/sinaloa-cartel')
    """

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def entity(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{slug(key)}")

    def path(self, *segments: str) -> URIRef:
        """An IRI from already-safe path segments, each slugged again to be sure."""
        return URIRef(self.base + "/".join(slug(s) for s in segments))

    def article(self, key: str) -> URIRef:
        return self.entity("article", key)

    def article_graph(self, key: str) -> URIRef:
        return URIRef(f"{self.base}graph/article/{slug(key)}")

    @property
    def entities_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/entities")

    def records_graph(self, dataset: str = "records") -> URIRef:
        return URIRef(f"{self.base}graph/{slug(dataset)}")

    def span(self, article: URIRef, start: int, end: int) -> URIRef:
        """A text span of an article, in the RFC 5147 fragment style NIF uses."""
        return URIRef(f"{article}#char={start},{end}")

    def context(self, article: URIRef) -> URIRef:
        """The whole text of an article, as a NIF context."""
        return URIRef(f"{article}#char=0,")
