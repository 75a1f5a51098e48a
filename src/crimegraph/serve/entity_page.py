"""An entity's description as an HTML page: what the store says about an IRI (outgoing
statements) and what points to it (incoming), every IRI linked to its own page.

The IRI is bound as an RDF term in a VALUES block (:func:`crimegraph.store.sparql.bind_values`),
never pasted into the query text; every value shown is HTML-escaped.
"""

from __future__ import annotations

import html
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import RDFS

from crimegraph.query.render import short
from crimegraph.store.sparql import bind_values
from crimegraph.store import QueryResult

_QUERY = f"""
SELECT ?direction ?p ?other ?otherLabel WHERE {{
  {{ ?subject ?p ?other . BIND("out" AS ?direction) }}
  UNION
  {{ ?other ?p ?subject . BIND("in" AS ?direction) }}
  OPTIONAL {{ ?other <{RDFS.label}> ?otherLabel }}
}}
ORDER BY ?direction ?p ?other
"""


def describe_query(subject: ox.NamedNode) -> str:
    """The SELECT behind a description page, ``subject`` bound safely."""
    return bind_values(_QUERY, {"subject": [subject]})


def describe_graph_query(subject: ox.NamedNode) -> str:
    """``DESCRIBE`` of ``subject``, bound safely (for RDF clients of ``/describe``)."""
    return bind_values("DESCRIBE ?subject WHERE { }", {"subject": [subject]})


def describe_link(iri: str) -> str:
    return "/describe?iri=" + quote(iri, safe="")


def _term_html(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, label: object = None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = html.escape(str(label.value) if isinstance(label, ox.Literal) else short(term))
        return f'<a href="{html.escape(describe_link(term.value))}" title="{html.escape(term.value)}">{text}</a>'
    if isinstance(term, ox.Literal):
        value = html.escape(term.value)
        if term.language:
            return f'{value} <span class="lang">@{html.escape(term.language)}</span>'
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f'{value} <span class="datatype">{html.escape(short(term.datatype))}</span>'
        return value
    return html.escape(short(term))


def render_description(subject: ox.NamedNode, result: QueryResult) -> str:
    """The page for ``subject`` from the rows of :func:`describe_query`."""
    outgoing = [s for s in result.solutions if s.get("direction") == ox.Literal("out")]
    incoming = [s for s in result.solutions if s.get("direction") == ox.Literal("in")]
    labels = [s["other"].value for s in outgoing if s.get("p") == ox.NamedNode(str(RDFS.label)) and isinstance(s.get("other"), ox.Literal)]
    title = labels[0] if labels else short(subject)

    def rows(solutions: list[dict]) -> str:
        out = []
        seen = set()
        for s in solutions:
            key = (s.get("p"), s.get("other"))
            if key in seen:  # several labels of the object: show it once
                continue
            seen.add(key)
            out.append(f"<tr><td>{_term_html(s.get('p'))}</td><td>{_term_html(s.get('other'), s.get('otherLabel'))}</td></tr>")
        return "\n".join(out)

    if not result.solutions:
        body = "<p>The store says nothing about this IRI.</p>"
    else:
        body = f"""<h2>Statements</h2>
<table class="describe"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>
{rows(outgoing)}
</tbody></table>
<h2>Referenced by</h2>
<table class="describe"><thead><tr><th>property of</th><th>subject</th></tr></thead><tbody>
{rows(incoming) or '<tr><td colspan="2">nothing</td></tr>'}
</tbody></table>"""
    if result.truncated:
        body += "<p>(more statements exist than are shown)</p>"
    sparql = quote(f"DESCRIBE <{subject.value}>", safe="")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} · crimegraph</title>
<link rel="stylesheet" href="/static/crimegraph.css">
</head><body class="describe-page">
<header><a href="/">crimegraph</a> · entity</header>
<main>
<h1>{html.escape(title)}</h1>
<p class="iri"><code>{html.escape(subject.value)}</code> ·
<a href="/sparql?query={sparql}&amp;format=turtle">as Turtle</a></p>
{body}
</main></body></html>
"""
