"""The pictures and the evidence on an entity's page.

* The map, the timeline and the network (:mod:`crimegraph.query.pictures`) are drawn in
  the browser by Vega-Lite, vendored from npm with the CSP-safe vega-interpreter (no
  ``eval``; see web/README.md), from ``/pictures/<kind>?iri=…``: the specification with
  its data inline, or the reason there is nothing to draw. ``format=csv`` or
  ``format=json`` give the picture's data as a table; each picture names the catalog
  query its data come from.
* The evidence: the sentences in which the entity is mentioned, the mention highlighted,
  20 a page, each linked to its article; and the events behind a network edge
  (``/pictures/shared?a=…&b=…``).

Every term is bound in a VALUES block, never pasted into a query; every value shown is
HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib.namespace import RDFS

from crimegraph.query.pictures import EntityPictures, type_name
from crimegraph.store import QueryResult
from crimegraph.store.sparql import bind_values
from crimegraph.vocab import CG, ITSRDF, NIF, ORG, SCHEMA, SEM

KINDS = ("map", "timeline", "network")
EVIDENCE_PAGE = 20
SHARED_PAGE = 50
#: Where each picture's data come from (catalog queries, see queries/).
SOURCES = {"map": "entity-events", "timeline": "entity-events", "network": "entity-network"}
TITLES = {"map": "Where", "timeline": "When", "network": "With whom"}

# A mention names the entity (its offsets are highlighted); a fact (an event, a role)
# has the entity as a participant and its sentence as cg:evidence.
_FACT_OR_MENTION = f"""
  {{ ?fact <{ITSRDF.taIdentRef}> ?entity ;
          <{NIF.beginIndex}> ?mentionBegin ;
          <{NIF.endIndex}> ?mentionEnd ;
          <{NIF.sentence}> ?sentence }}
  UNION
  {{ ?fact <{SEM.hasActor}>|<{SEM.hasPlace}>|<{ORG.member}>|<{ORG.organization}>|<{CG.jurisdiction}> ?entity ;
          <{CG.evidence}> ?sentence }}"""

_EVIDENCE_COUNT = f"""
SELECT (COUNT(*) AS ?n) WHERE {{ {_FACT_OR_MENTION} }}
"""

_EVIDENCE = f"""
SELECT ?fact ?factLabel ?mentionBegin ?mentionEnd ?text ?sentenceBegin ?article ?headline WHERE {{
  {_FACT_OR_MENTION}
  ?sentence <{NIF.anchorOf}> ?text ;
            <{NIF.beginIndex}> ?sentenceBegin .
  OPTIONAL {{ ?fact <{RDFS.label}> ?factLabel }}
  BIND (IRI(STRBEFORE(STR(?sentence), "#")) AS ?article)
  OPTIONAL {{ ?article <{SCHEMA.headline}> ?headline }}
}}
LIMIT {EVIDENCE_PAGE} OFFSET %d
"""

_SHARED_COUNT = f"""
SELECT (COUNT(DISTINCT ?event) AS ?n) WHERE {{ ?event <{SEM.hasActor}> ?a, ?b }}
"""

_SHARED = f"""
SELECT ?event (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?eventType) (SAMPLE(?d) AS ?date) WHERE {{
  ?event <{SEM.hasActor}> ?a, ?b .
  OPTIONAL {{ ?event <{RDFS.label}> ?l }}
  OPTIONAL {{ ?event <{SEM.eventType}> ?t }}
  OPTIONAL {{ ?event <{SEM.hasTimeStamp}>|<{SEM.hasBeginTimeStamp}> ?d }}
}}
GROUP BY ?event
LIMIT {SHARED_PAGE} OFFSET %d
"""

_NAMES = f"""
SELECT ?x (SAMPLE(?label) AS ?name) WHERE {{ ?x <{RDFS.label}> ?label }} GROUP BY ?x
"""


def pictures_section(iri: str) -> str:
    """The three figures of a page; the browser fills them in (static/pictures.mjs)."""
    figures = []
    everything = html.escape("/pictures/all?" + urlencode({"iri": iri}))
    for kind in KINDS:
        args = urlencode({"iri": iri})
        source = SOURCES[kind]
        figures.append(f"""<figure class="picture" data-kind="{kind}" data-state="loading">
<figcaption>{TITLES[kind]} <span class="picture-links">· data as <a href="/pictures/{kind}?{html.escape(args)}&amp;format=csv">CSV</a>,
<a href="/pictures/{kind}?{html.escape(args)}&amp;format=json">JSON</a> · from the catalog query
<a href="/queries/{source}?{html.escape(urlencode({'entity': iri}))}">{source}</a></span></figcaption>
<div class="picture-body">loading…</div></figure>""")
    return f"""<h2>Pictures</h2>
<div class="pictures" data-pictures="{everything}">{''.join(figures)}</div>
<script src="/static/vendor/vega/vega.min.js"></script>
<script src="/static/vendor/vega/vega-lite.min.js"></script>
<script src="/static/vendor/vega/vega-embed.min.js"></script>
<script type="module" src="/static/pictures.mjs"></script>"""


def empty_message(kind: str, p: EntityPictures) -> str:
    if not p.events and kind != "network":
        return "No events of this entity in the store: nothing to draw."
    if kind == "map":
        return f"None of its {p.events:,} events has a place with coordinates: nothing to draw."
    if kind == "timeline":
        parts = [f"{p.year_only:,} dated only by year"] if p.year_only else []
        parts += [f"{p.undated:,} undated"] if p.undated else []
        return f"None of its {p.events:,} events is dated to a month ({', '.join(parts) or 'no dates'}): nothing to draw."
    return "No organization or person shares an event with it: no network to draw."


def picture_rows(kind: str, p: EntityPictures) -> tuple[list[str], list[list[object]]]:
    """A picture's data as a table (header, rows)."""
    if kind == "map":
        return (["place", "name", "latitude", "longitude", "events", "deaths", "approximate"],
                [[x.iri, x.name, x.latitude, x.longitude, x.events, x.deaths, x.approximate] for x in p.places])
    if kind == "timeline":
        return (["month", "event_type", "events", "deaths", "articles"],
                [[b.month, b.event_type, b.events, b.deaths, b.articles] for b in p.months])
    return (["source", "target", "event_type", "events", "types"],
            [[e.source, e.target, e.event_type, e.events, "; ".join(f"{t} {n}" for t, n in e.types.items())] for e in p.edges])


# ------------------------------------------------------------------ evidence


def evidence_queries(entity: ox.NamedNode, page: int) -> tuple[str, str]:
    bound = {"entity": [entity]}
    return bind_values(_EVIDENCE_COUNT, bound), bind_values(_EVIDENCE % ((max(page, 1) - 1) * EVIDENCE_PAGE), bound)


def _int(term: object) -> int | None:
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def highlighted(text: str, start: int | None, end: int | None) -> str:
    """The sentence, HTML-escaped, with the mention (offsets within it) marked.

    >>> highlighted("Los Zetas & the <Gulf> Cartel", 0, 9)
    '<mark>Los Zetas</mark> &amp; the &lt;Gulf&gt; Cartel'
    >>> highlighted("offsets outside the sentence", 5, 99)
    'offsets outside the sentence'
    """
    if start is None or end is None or not 0 <= start < end <= len(text):
        return html.escape(text)
    return html.escape(text[:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>" + html.escape(text[end:])


def render_evidence(total: int, rows: QueryResult, page: int, link: Callable[[str], str], page_link: Callable[[int], str]) -> str:
    if not total:
        return ""
    items = []
    for row in rows.solutions:
        text = row.get("text")
        if not isinstance(text, ox.Literal):
            continue
        s_begin, m_begin, m_end = _int(row.get("sentenceBegin")), _int(row.get("mentionBegin")), _int(row.get("mentionEnd"))
        start = m_begin - s_begin if m_begin is not None and s_begin is not None else None
        end = m_end - s_begin if m_end is not None and s_begin is not None else None
        article = row.get("article")
        headline = row.get("headline")
        source = ""
        if isinstance(article, ox.NamedNode):
            title = headline.value if isinstance(headline, ox.Literal) else article.value.rsplit("/", 1)[-1]
            where = f", characters {m_begin}–{m_end}" if m_begin is not None else ""
            source = f' <cite><a href="{html.escape(link(article.value))}">{html.escape(title)}</a>{where}</cite>'
        fact, label = row.get("fact"), row.get("factLabel")
        stated = ""
        if isinstance(fact, ox.NamedNode) and isinstance(label, ox.Literal):  # an event or role, not a mention
            stated = f' <span class="fact">states <a href="{html.escape(link(fact.value))}">{html.escape(label.value)}</a></span>'
        items.append(f"<li><q>{highlighted(text.value, start, end)}</q>{stated}{source}</li>")
    pages = (total + EVIDENCE_PAGE - 1) // EVIDENCE_PAGE
    nav = []
    if page > 1:
        nav.append(f'<a rel="prev" href="{html.escape(page_link(page - 1))}">← previous</a>')
    nav.append(f"{total:,} sentence(s) that mention it or state a fact about it, page {page:,} of {pages:,}")
    if page < pages:
        nav.append(f'<a rel="next" href="{html.escape(page_link(page + 1))}">next →</a>')
    return f"""<h2>Evidence</h2>
<p class="pager">{" · ".join(nav)}</p>
<ol class="evidence" start="{(page - 1) * EVIDENCE_PAGE + 1}">{''.join(items)}</ol>"""


# ------------------------------------------------------------------ the events behind an edge


def shared_queries(a: ox.NamedNode, b: ox.NamedNode, page: int) -> tuple[str, str, str]:
    bound = {"a": [a], "b": [b]}
    return (bind_values(_SHARED_COUNT, bound), bind_values(_SHARED % ((max(page, 1) - 1) * SHARED_PAGE), bound),
            bind_values(_NAMES, {"x": [a, b]}))


def render_shared(a: ox.NamedNode, b: ox.NamedNode, total: int, rows: QueryResult, names: QueryResult, page: int,
                  link: Callable[[str], str], page_link: Callable[[int], str]) -> tuple[str, str]:
    """(title, body) of the page listing the events two participants share."""
    label = {row["x"].value: row["name"].value for row in names.solutions if isinstance(row.get("name"), ox.Literal)}
    name_a, name_b = label.get(a.value, a.value), label.get(b.value, b.value)
    items = []
    for row in rows.solutions:
        event = row.get("event")
        if not isinstance(event, ox.NamedNode):
            continue
        text = row["label"].value if isinstance(row.get("label"), ox.Literal) else event.value.rsplit("/", 1)[-1]
        kind = type_name(row["eventType"].value) if isinstance(row.get("eventType"), ox.NamedNode) else ""
        date = row["date"].value if isinstance(row.get("date"), ox.Literal) else "undated"
        items.append(f'<tr><td>{html.escape(date)}</td><td>{html.escape(kind)}</td><td><a href="{html.escape(link(event.value))}">{html.escape(text)}</a></td></tr>')
    pages = max(1, (total + SHARED_PAGE - 1) // SHARED_PAGE)
    nav = [f"{total:,} shared event(s), page {page:,} of {pages:,}"]
    if page > 1:
        nav.insert(0, f'<a rel="prev" href="{html.escape(page_link(page - 1))}">← previous</a>')
    if page < pages:
        nav.append(f'<a rel="next" href="{html.escape(page_link(page + 1))}">next →</a>')
    body = f"""<p><a href="{html.escape(link(a.value))}">{html.escape(name_a)}</a> and
<a href="{html.escape(link(b.value))}">{html.escape(name_b)}</a> take part in these events.</p>
<p class="pager">{" · ".join(nav)}</p>
<table class="describe"><thead><tr><th>date</th><th>type</th><th>event</th></tr></thead><tbody>
{''.join(items) or '<tr><td colspan="3">none</td></tr>'}</tbody></table>"""
    return f"{name_a} and {name_b}", body

