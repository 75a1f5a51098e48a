"""Stable, valid IRIs minted from names and keys.

The same key always gives the same IRI, whatever file or run it comes from; any text,
including quotes, angle brackets, right-to-left script or control characters, gives an
IRI made only of ``[a-z0-9-]`` after the base.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from rdflib import URIRef

from crimegraph.errors import InputError
from crimegraph.vocab import DEFAULT_BASE

CANONICAL_URL_FILE = "canonical-url.yaml"

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")
_MAX_SLUG = 80


@lru_cache(maxsize=1 << 16)  # the same names are folded again and again (a bounded cache)
def normalize_name(text: str) -> str:
    """Fold a name for matching: accents, case, spacing and dots do not matter.

    >>> normalize_name("  Cártel de  Jalisco N.G. ")
    'cartel de jalisco ng'
    """
    if text.isascii():  # nothing to decompose (most names): the same result, faster
        stripped = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace(".", "").replace("\u2019", "'")
    return _SPACE.sub(" ", stripped.casefold()).strip()


def _ascii_fold(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=1 << 16)  # the same keys are minted again and again (a bounded cache)
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
    # folded as a whole: the same as character by character (NFKD decomposes each
    # character on its own, and reordering moves only the marks that are dropped)
    folded = _ascii_fold(text)
    readable = _NON_SLUG.sub("-", folded.lower()).strip("-")
    # an ASCII letter or digit always folds to itself: only the others can be lost
    lossy = not text.isascii() and any(not ch.isascii() and ch.isalnum() and not _ascii_fold(ch) for ch in text)
    if readable and not lossy and len(readable) <= _MAX_SLUG:
        return readable
    digest = hashlib.sha1(normalize_name(text).encode("utf-8")).hexdigest()[:12]
    head = readable[:60].rstrip("-")
    return f"{head}-{digest}" if head else f"x-{digest}"


#: At most this many hyphens of an event IRI's head are tried as the colon of an id.
_MAX_ID_HYPHENS = 8


def event_id_candidates(text: str) -> list[str]:
    """The ids (``dcterms:identifier``) an event id as a link or a user writes it may
    stand for: the text as given, and the ids whose slug it is that have a colon where
    its slug has a hyphen. An event record with an id is minted
    ``event/<slug of the id>-<digest>`` (docs/identity.md), so the head of its IRI,
    ``ucdp-ged-182027``, is UCDP's ``ucdp-ged:182027`` with the colon made a hyphen.

    >>> event_id_candidates("ucdp-ged-182027")
    ['ucdp-ged-182027', 'ucdp:ged-182027', 'ucdp-ged:182027']
    >>> event_id_candidates("ucdp-ged:182027")
    ['ucdp-ged:182027', 'ucdp-ged-182027', 'ucdp:ged-182027']
    >>> event_id_candidates("Clash-1")
    ['Clash-1', 'clash-1', 'clash:1']
    """
    text = text.strip()
    head = slug(text) if text else ""
    found = [text, head] if text else []
    hyphens = [i for i, ch in enumerate(head) if ch == "-"][:_MAX_ID_HYPHENS]
    found += [head[:i] + ":" + head[i + 1:] for i in hyphens]
    return [c for c in dict.fromkeys(found) if c]


@cache
def _url_rules() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """The tracking prefixes and parameters and the host prefixes of
    ``data/ingest/canonical-url.yaml``."""
    import yaml

    from crimegraph.resources import resource_dir

    data = yaml.safe_load((resource_dir("data") / "ingest" / CANONICAL_URL_FILE).read_text(encoding="utf-8"))
    return (
        tuple(p.casefold() for p in data.get("tracking_prefixes", [])),
        frozenset(p.casefold() for p in data.get("tracking_parameters", [])),
        tuple(p.casefold() for p in data.get("host_prefixes", [])),
    )


_URL_CHARACTERS = re.compile(r"^[^\s<>\"{}|\\^`\x00-\x1f\x7f]+$")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_DEFAULT_PORTS = {80, 443}


def canonical_url(url: str) -> str:
    """The canonical form of a web page's address: what names one page, whichever way
    the address was written. Raises :class:`InputError` for anything that is not an
    absolute http(s) URL with a host name.

    The scheme is ``https`` (``http`` names the same page), the host is lower case,
    without a default port or a ``www.`` prefix (``data/ingest/canonical-url.yaml``),
    the path keeps its case but loses a trailing slash (the site's root is ``/``) and has its percent-escapes
    in one form, tracking parameters (``utm_*``, ``fbclid`` …) are dropped from the
    query and the others sorted, and the fragment is dropped.

    >>> canonical_url("HTTP://WWW.InsightCrime.org/news/brief/x/?utm_source=tw&b=2&a=1#top")
    'https://insightcrime.org/news/brief/x?a=1&b=2'
    >>> canonical_url("https://insightcrime.org/news/brief/x")
    'https://insightcrime.org/news/brief/x'
    """
    if not isinstance(url, str) or not url.strip():
        raise InputError(f"malformed URL {url!r}: empty; allowed is an absolute http(s) URL")
    text = url.strip()
    if not _URL_CHARACTERS.match(text):
        raise InputError(f"malformed URL {url!r}: spaces, control characters or one of <>\"{{}}|\\^` are not allowed")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"malformed URL {url!r}: {exc}") from None
    if parts.scheme.casefold() not in ("http", "https"):
        raise InputError(f"malformed URL {url!r}: allowed is an absolute http(s) URL")
    host = (parts.hostname or "").casefold().rstrip(".")
    if not host.isascii():  # one form for an internationalised name: its ASCII (punycode) one
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = ""
    if not host or not _HOST.match(host):
        raise InputError(f"malformed URL {url!r}: no valid host name")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"malformed URL {url!r}: user names and passwords do not belong in a page's address")
    tracking_prefixes, tracking, host_prefixes = _url_rules()
    for prefix in host_prefixes:
        if host.startswith(prefix) and "." in host[len(prefix):]:
            host = host[len(prefix):]
            break
    if port is not None and port not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%")
    path = re.sub(r"/+$", "", path) or "/"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name.casefold() not in tracking and not name.casefold().startswith(tracking_prefixes)
    ]
    canonical = f"https://{host}{path}"
    if query:
        canonical += "?" + urlencode(sorted(query), quote_via=quote, safe="/:@!$'()*,;-._~")
    return canonical


def url_key(url: str) -> str:
    """What an IRI is minted from for a web page: its canonical URL without the scheme.

    >>> url_key("http://www.insightcrime.org/news/brief/x/")
    'insightcrime.org/news/brief/x'
    """
    return canonical_url(url).removeprefix("https://")


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
