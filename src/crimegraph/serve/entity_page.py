"""An entity's page: a summary (names per language, kinds, identifiers), every statement
the store makes about it, and what points to it — counted per property and paged, never
thousands of rows at once. Every IRI links to its own page.

The page is made of small queries, each with its terms bound in a VALUES block
(:func:`crimegraph.store.sparql.bind_values`), never pasted into the query text: the
entity's statements and the count of references per property (:func:`page_queries`),
then one page of references read property by property (:func:`incoming_plan`; no ORDER
BY over all references — sorting 20,000 IRIs takes pyoxigraph seconds — so a page
follows the store's index order, stable for one store generation), then the labels of
the 50 referring IRIs. Every value shown is HTML-escaped.

>>> subject = ox.NamedNode("https://w3id.org/crimegraph/id/organization/zetas")
>>> sorted(page_queries(subject))
['counts', 'outgoing']
>>> p, q = ox.NamedNode("https://example.org/p"), ox.NamedNode("https://example.org/q")
>>> [(prop.value, offset, limit) for prop, offset, limit in incoming_plan([(p, 30), (q, 100)], page=1)]
[('https://example.org/p', 0, 30), ('https://example.org/q', 0, 20)]
>>> [(prop.value, offset, limit) for prop, offset, limit in incoming_plan([(p, 30), (q, 100)], page=2)]
[('https://example.org/q', 20, 50)]
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from crimegraph.query.render import short
from crimegraph.store import QueryResult
from crimegraph.store.sparql import bind_values
from crimegraph.vocab import CG, SCHEMA

#: Rows of "referenced by" shown per page.
PAGE_SIZE = 50
#: Outgoing statements shown at most (an entity's own description is small; a page
#: that says more than this tells so).
MAX_STATEMENTS = 1000

NAME_PROPERTIES = (str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel), str(SCHEMA.name),
                   str(SCHEMA.alternateName), str(CG.acronym))
IDENTIFIER_PROPERTIES = (str(OWL.sameAs), str(SCHEMA.sameAs), str(SKOS.exactMatch), str(SKOS.closeMatch),
                         str(SCHEMA.identifier), str(SCHEMA.url))

_OUTGOING = f"""
SELECT ?p ?o (SAMPLE(?label) AS ?oLabel) WHERE {{
  ?subject ?p ?o .
  OPTIONAL {{ ?o <{RDFS.label}> ?label }}
}}
GROUP BY ?p ?o
ORDER BY ?p ?o
LIMIT {MAX_STATEMENTS + 1}
"""

_INCOMING_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { ?x ?p ?subject }
GROUP BY ?p
ORDER BY DESC(?n) ?p
"""

_INCOMING_PAGE = """
SELECT ?x WHERE { ?x ?p ?subject }
LIMIT %d OFFSET %d
"""

_LABELS = f"""
SELECT ?x (SAMPLE(?label) AS ?xLabel) WHERE {{ ?x <{RDFS.label}> ?label }}
GROUP BY ?x
"""


def page_queries(subject: ox.NamedNode) -> dict[str, str]:
    """The entity's statements and its references counted per property, bound safely."""
    bound = {"subject": [subject]}
    return {"outgoing": bind_values(_OUTGOING, bound), "counts": bind_values(_INCOMING_COUNTS, bound)}


def incoming_plan(counts: list[tuple[ox.NamedNode, int]], page: int) -> list[tuple[ox.NamedNode, int, int]]:
    """Which references page ``page`` (from 1) shows: (property, offset, limit) in the
    order of ``counts``."""
    skip, need, plan = (max(page, 1) - 1) * PAGE_SIZE, PAGE_SIZE, []
    for prop, n in counts:
        if need <= 0:
            break
        if skip >= n:
            skip -= n
            continue
        take = min(n - skip, need)
        plan.append((prop, skip, take))
        need -= take
        skip = 0
    return plan


def incoming_query(subject: ox.NamedNode, prop: ox.NamedNode, offset: int, limit: int) -> str:
    return bind_values(_INCOMING_PAGE % (int(limit), int(offset)), {"subject": [subject], "p": [prop]})


def labels_query(iris: list[ox.NamedNode]) -> str:
    return bind_values(_LABELS, {"x": iris})


def describe_graph_query(subject: ox.NamedNode) -> str:
    """``DESCRIBE`` of ``subject``, bound safely (for RDF clients)."""
    return bind_values("DESCRIBE ?subject WHERE { }", {"subject": [subject]})


def describe_link(iri: str) -> str:
    return "/describe?iri=" + quote(iri, safe="")


@dataclass
class EntityView:
    """What a page shows, gathered from the three queries (or from another graph, such as
    the ontology's)."""

    subject: ox.NamedNode
    outgoing: list[dict] = field(default_factory=list)  # {"p", "o", "oLabel"}
    counts: list[tuple[ox.NamedNode, int]] = field(default_factory=list)
    incoming: list[dict] = field(default_factory=list)  # {"x", "p", "xLabel"}
    page: int = 1

    @property
    def incoming_total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def empty(self) -> bool:
        return not self.outgoing and not self.counts

    @classmethod
    def gather(cls, subject: ox.NamedNode, run: Callable[[str], QueryResult], page: int = 1) -> EntityView:
        """Run the page's queries with ``run`` (query text → result)."""
        view = cls(subject, page=page)
        queries = page_queries(subject)
        view.outgoing = [dict(s) for s in run(queries["outgoing"]).solutions]
        for s in run(queries["counts"]).solutions:
            n = s.get("n")
            if isinstance(s.get("p"), ox.NamedNode) and isinstance(n, ox.Literal):
                view.counts.append((s["p"], int(n.value)))
        for prop, offset, limit in incoming_plan(view.counts, page):
            view.incoming += [{"x": s["x"], "p": prop} for s in run(incoming_query(subject, prop, offset, limit)).solutions if "x" in s]
        named = list(dict.fromkeys(row["x"] for row in view.incoming if isinstance(row["x"], ox.NamedNode)))
        if named:
            labels = {s["x"]: s.get("xLabel") for s in run(labels_query(named)).solutions if "x" in s}
            for row in view.incoming:
                row["xLabel"] = labels.get(row["x"])
        return view


# ------------------------------------------------------------------ rendering


def _term_html(term: object, label: object = None, link: Callable[[str], str] = describe_link) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = html.escape(str(label.value) if isinstance(label, ox.Literal) else short(term))
        return f'<a href="{html.escape(link(term.value))}" title="{html.escape(term.value)}">{text}</a>'
    if isinstance(term, ox.Literal):
        return literal_html(term)
    return html.escape(short(term))  # a blank node


def literal_html(term: ox.Literal) -> str:
    """A literal as people read it, its language or datatype beside it, small."""
    value = html.escape(term.value)
    if term.language:
        return f'{value} <span class="lang">@{html.escape(term.language)}</span>'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'{value} <span class="datatype" title="{html.escape(term.datatype.value)}">{html.escape(short(term.datatype))}</span>'
    return value


def external_link(term: ox.NamedNode | ox.Literal) -> str:
    """An identifier: linked where it is a web address (Wikidata, GeoNames, Wikipedia)."""
    value = term.value
    if value.startswith(("http://", "https://")):
        return f'<a class="external" href="{html.escape(value)}" rel="noopener">{html.escape(value)}</a>'
    return literal_html(term) if isinstance(term, ox.Literal) else html.escape(value)


def title_of(view: EntityView) -> str:
    labels = [s["o"] for s in view.outgoing
              if s.get("p") == ox.NamedNode(str(RDFS.label)) and isinstance(s.get("o"), ox.Literal)]
    labels.sort(key=lambda lit: (lit.language not in (None, "", "en"), lit.language or "", lit.value))
    return labels[0].value if labels else short(view.subject)


def _summary(view: EntityView, link: Callable[[str], str], roles: str = "") -> str:
    names: dict[str, list[str]] = {}
    kinds: list[str] = []
    identifiers: list[str] = []
    for s in view.outgoing:
        p, o = s.get("p"), s.get("o")
        if not isinstance(p, ox.NamedNode):
            continue
        if p.value in NAME_PROPERTIES and isinstance(o, ox.Literal):
            names.setdefault(o.language or "—", [])
            text = html.escape(o.value)
            if text not in names[o.language or "—"]:
                names[o.language or "—"].append(text)
        elif p.value == str(RDF.type) and isinstance(o, ox.NamedNode):
            kinds.append(_term_html(o, s.get("oLabel"), link))
        elif p.value in IDENTIFIER_PROPERTIES and isinstance(o, (ox.NamedNode, ox.Literal)):
            identifiers.append(f"{html.escape(short(p))}: {external_link(o)}")
    rows = []
    if names:
        rows.append("<tr><th>names</th><td>" + "<br>".join(
            (f'<span class="lang">{html.escape(lang)}</span> ' if lang != "—" else "") + ", ".join(values)
            for lang, values in sorted(names.items())) + "</td></tr>")
    if kinds:
        rows.append(f"<tr><th>kinds</th><td>{', '.join(kinds)}</td></tr>")
    rows.append("<tr><th>identifiers</th><td>" + ("<br>".join(identifiers) or "none outside this dataset") + "</td></tr>")
    if roles:
        rows.append(roles)
    if view.counts:
        rows.append(f"<tr><th>referenced</th><td>{view.incoming_total:,} time(s), by "
                    + ", ".join(f"{html.escape(short(p))} ({n:,})" for p, n in view.counts[:8])
                    + (", …" if len(view.counts) > 8 else "") + "</td></tr>")
    return f'<table class="summary">{"".join(rows)}</table>'


def _statements(view: EntityView, link: Callable[[str], str]) -> str:
    shown = view.outgoing[:MAX_STATEMENTS]
    rows = "\n".join(f"<tr><td>{_term_html(s.get('p'), None, link)}</td><td>{_term_html(s.get('o'), s.get('oLabel'), link)}</td></tr>"
                     for s in shown)
    more = (f"<p>(more than {MAX_STATEMENTS:,} statements; the first {MAX_STATEMENTS:,} are shown, all of them "
            "in the RDF views above)</p>") if len(view.outgoing) > MAX_STATEMENTS else ""
    return f"""<h2>Statements</h2>
<table class="describe"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>
{rows or '<tr><td colspan="2">none: this IRI is only referred to</td></tr>'}
</tbody></table>{more}"""


def _incoming(view: EntityView, link: Callable[[str], str], page_link: Callable[[int], str]) -> str:
    total = view.incoming_total
    if not total:
        return '<h2>Referenced by</h2><p>nothing</p>'
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    first = (view.page - 1) * PAGE_SIZE + 1
    rows = "\n".join(f"<tr><td>{_term_html(s.get('p'), None, link)}</td><td>{_term_html(s.get('x'), s.get('xLabel'), link)}</td></tr>"
                     for s in view.incoming)
    nav = []
    if view.page > 1:
        nav.append(f'<a rel="prev" href="{html.escape(page_link(view.page - 1))}">← previous</a>')
    nav.append(f"rows {first:,}–{min(first + len(view.incoming) - 1, total):,} of {total:,} (page {view.page:,} of {pages:,})")
    if view.page < pages:
        nav.append(f'<a rel="next" href="{html.escape(page_link(view.page + 1))}">next →</a>')
    return f"""<h2>Referenced by</h2>
<p class="pager">{" · ".join(nav)}</p>
<table class="describe"><thead><tr><th>property of</th><th>subject</th></tr></thead><tbody>
{rows or '<tr><td colspan="2">no rows on this page</td></tr>'}
</tbody></table>"""


#: How many roles a summary lists (the rest: the catalog query roles-of-people).
MAX_ROLES = 40


def render_roles(rows: list[dict], link: Callable[[str], str], subject: ox.NamedNode) -> str:
    """A summary row of roles over time, from rows of the catalog query roles-of-people:
    who held what for whom, and when as each source says it."""
    def text(term: object) -> str | None:
        return term.value if isinstance(term, (ox.Literal, ox.NamedNode)) else None

    by_role: dict[tuple, list[str]] = {}
    for row in rows:
        holder = "" if row.get("person") == subject else _term_html(row.get("person"), row.get("personName"), link) + ", "
        where_term = row.get("organization") or row.get("jurisdiction")
        where_label = row.get("organizationName") if row.get("organization") else row.get("jurisdictionName")
        where = "" if where_term == subject or where_term is None else " of " + _term_html(where_term, where_label, link)
        key = (holder, html.escape(text(row.get("title")) or "role"), where)
        when = []
        if text(row.get("start")) or text(row.get("end")):
            when.append(f"{text(row.get('start')) or '?'}–{text(row.get('end')) or ''}")
        if text(row.get("heldOn")):
            when.append(f"held on {text(row.get('heldOn'))}")
        if text(row.get("endedBefore")):
            when.append(f"ended before {text(row.get('endedBefore'))}")
        said = ", ".join(when)
        if said and isinstance(row.get("article"), ox.NamedNode):
            said += f' (<a href="{html.escape(link(row["article"].value))}">source</a>)'
        dates = by_role.setdefault(key, [])
        if said and said not in dates:
            dates.append(said)
    if not by_role:
        return ""
    items = [f"<li>{holder}{title}{where}{': ' + '; '.join(dates) if dates else ''}</li>"
             for (holder, title, where), dates in list(by_role.items())[:MAX_ROLES]]
    more = f"<li>… {len(by_role) - MAX_ROLES:,} more (catalog query roles-of-people)</li>" if len(by_role) > MAX_ROLES else ""
    return f'<tr><th>roles</th><td><ul class="roles">{"".join(items)}{more}</ul></td></tr>'


def render_page(view: EntityView, *, link: Callable[[str], str] = describe_link,
                page_link: Callable[[int], str] | None = None, rdf_link: str | None = None,
                pictures: str = "", evidence: str = "", roles: str = "") -> str:
    """The HTML page of ``view``: summary, pictures, statements, referenced-by (one page
    of it), evidence."""
    title = title_of(view)
    page_link = page_link or (lambda n: describe_link(view.subject.value) + "&" + urlencode({"page": n}))
    if view.empty:
        body = "<p>The store says nothing about this IRI.</p>" + search_form()
    else:
        body = _summary(view, link, roles) + pictures + _statements(view, link) + _incoming(view, link, page_link) + evidence
    rdf_link = rdf_link or "/sparql?query=" + quote(f"DESCRIBE <{view.subject.value}>", safe="") + "&format=turtle"
    return page_html(title, f"""<p class="iri"><code>{html.escape(view.subject.value)}</code> ·
<a href="{html.escape(rdf_link)}">as Turtle</a></p>
{body}""", kind="entity")


def search_form(query: str = "") -> str:
    return f"""<form class="search" action="/search" method="get">
<label>Find an entity by name <input type="search" name="q" value="{html.escape(query)}" required></label>
<button type="submit">search</button></form>"""


def page_html(title: str, body: str, kind: str = "entity") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} · crimegraph</title>
<link rel="stylesheet" href="/static/crimegraph.css">
</head><body class="describe-page">
<header><a href="/">crimegraph</a> · {html.escape(kind)} · <a href="/ontology">ontology</a></header>
<main>
<h1>{html.escape(title)}</h1>
{body}
</main></body></html>
"""


# ------------------------------------------------------------------ search

_SEARCH = f"""
SELECT ?s (SAMPLE(?label) AS ?name) WHERE {{
  ?s <{RDFS.label}> ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(STR(?q))))
}}
GROUP BY ?s
ORDER BY STRLEN(STR(?name)) ?name
LIMIT 50
"""


def search_query(text: str) -> str:
    """Entities whose label contains ``text`` (bound as a literal, never pasted)."""
    return bind_values(_SEARCH, {"q": [ox.Literal(text)]})


def render_search(text: str, result: QueryResult, link: Callable[[str], str] = describe_link) -> str:
    rows = "\n".join(f"<li>{_term_html(s.get('s'), s.get('name'), link)} <code>{html.escape(s['s'].value)}</code></li>"
                     for s in result.solutions if isinstance(s.get("s"), ox.NamedNode))
    found = f"<ul>{rows}</ul>" if rows else "<p>No entity has a name containing that.</p>"
    return page_html(f"“{text}”", search_form(text) + found, kind="search")
