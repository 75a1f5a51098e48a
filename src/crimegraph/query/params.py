"""Turn parameter values given as text into RDF terms, safely.

A value never becomes query text: it becomes a :class:`pyoxigraph.NamedNode` (checked as
an IRI) or a :class:`pyoxigraph.Literal`, which :func:`crimegraph.store.sparql.values_block`
writes escaped in a VALUES block. Names of entities are looked up in the store (exact
label first, then case-insensitively) by a query whose only input is such a literal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import pyoxigraph as ox

from crimegraph.errors import QueryError
from crimegraph.query.catalog import PARAM_TYPES, Parameter
from crimegraph.store.sparql import bind_values
from crimegraph.store.base import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\]+$")

_LOOKUP = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX cg: <https://w3id.org/crimegraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?entity WHERE {{
  ?entity rdfs:label|skos:altLabel|cg:acronym|foaf:name {label} .{extra}
  FILTER NOT EXISTS {{ ?entity a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }}
}}
"""
_LOOKUP_EXACT = _LOOKUP.format(label="?name", extra="")
_LOOKUP_FOLDED = _LOOKUP.format(label="?label", extra="\n  FILTER(LCASE(STR(?label)) = LCASE(STR(?name)))")


def looks_like_iri(value: str) -> bool:
    """``https://…``, ``urn:…`` and the like; a name with spaces never is.

    >>> looks_like_iri("https://w3id.org/crimegraph/id/organization/sinaloa-cartel")
    True
    >>> looks_like_iri("Sinaloa Cartel")
    False
    """
    return bool(_IRI.match(value)) and "://" in value or value.startswith("urn:")


def iri_term(value: str, param: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"parameter {param}: {value!r} is not a valid IRI ({exc})") from None


def date_term(value: str, param: str) -> ox.Literal:
    """A date literal whose datatype says its precision.

    >>> str(date_term("2012-06", "from"))
    '"2012-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    match = _DATE.match(value.strip())
    if not match:
        raise QueryError(f"parameter {param}: {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if day:
        import datetime

        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise QueryError(f"parameter {param}: {value!r} is not a real date") from None
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "date"))
    if month:
        if not 1 <= int(month) <= 12:
            raise QueryError(f"parameter {param}: {value!r} has no month {month}")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "gYearMonth"))
    return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "gYear"))


@cache
def _event_type_names() -> dict[str, str]:
    """Keys, labels and IRIs of the event types (from the ontology) → concept IRI."""
    from rdflib.namespace import RDFS, SKOS

    from crimegraph.vocab import event_types, ontology_graph

    graph = ontology_graph()
    names: dict[str, str] = {}
    for key, iri in event_types().items():
        names[key.lower()] = str(iri)
        names[str(iri).lower()] = str(iri)
        for prop in (RDFS.label, SKOS.prefLabel):
            for label in graph.objects(iri, prop):
                names[str(label).lower()] = str(iri)
    return names


def event_type_term(value: str, param: str) -> ox.NamedNode:
    from crimegraph.vocab import event_types

    found = _event_type_names().get(value.strip().lower())
    if found is None:
        raise QueryError(f"parameter {param}: {value!r} is not an event type; allowed: {', '.join(event_types())}")
    return ox.NamedNode(found)


_VERSION = re.compile(r"-[0-9a-f]{12}$")


def event_id_terms(value: str, param: str) -> list[ox.Literal]:
    """The ``dcterms:identifier`` values an event id may stand for: the id as given,
    and the ids the head of an event IRI (``event/<head>-<digest>``) may have been minted
    from (:func:`crimegraph.iri.event_id_candidates`); an IRI counts by its part after
    ``event/``, with or without a version's digest.

    >>> [t.value for t in event_id_terms("https://w3id.org/crimegraph/id/event/ucdp-ged-182027", "id")]
    ['ucdp-ged-182027', 'ucdp:ged-182027', 'ucdp-ged:182027']
    """
    from crimegraph.iri import event_id_candidates

    text = value.strip()
    if not text:
        raise QueryError(f"parameter {param}: an empty event id; give one such as ucdp-ged:182027")
    heads = [text]
    if looks_like_iri(text):
        if "/event/" not in text:
            raise QueryError(f"parameter {param}: {text!r} is not an event IRI (…/event/<id>); give the event's id "
                             "such as ucdp-ged:182027")
        head = text.rsplit("/event/", 1)[1]
        heads = [head] + ([_VERSION.sub("", head)] if _VERSION.search(head) else [])
    found = [candidate for head in heads for candidate in event_id_candidates(head)]
    return [ox.Literal(candidate) for candidate in dict.fromkeys(found)]


def resolve_entity(store: Store, value: str, param: str) -> list[ox.NamedNode]:
    """IRIs of the entities a name or IRI denotes: the IRI itself, else every entity
    whose rdfs:label, skos:altLabel, cg:acronym or foaf:name equals the name, exactly
    or, failing that, ignoring case. May be empty (then the query matches nothing)."""
    if looks_like_iri(value):
        return [iri_term(value, param)]
    name = {"name": [ox.Literal(value)]}
    for lookup in (_LOOKUP_EXACT, _LOOKUP_FOLDED):
        result = store.query(bind_values(lookup, name))
        found = [s["entity"] for s in result.solutions if isinstance(s.get("entity"), ox.NamedNode)]
        if found:
            return sorted(found, key=lambda t: t.value)
    return []


def to_terms(store: Store, param: Parameter, values: Sequence[str], warnings: list[str]) -> list[ox.NamedNode | ox.Literal]:
    """The RDF terms for the values given to one parameter (several values: any of them)."""
    terms: list[ox.NamedNode | ox.Literal] = []
    for value in values:
        kind = param.type
        if kind in ("entity", "place"):
            found = resolve_entity(store, value, param.name)
            if not found:
                warnings.append(f"no entity named {value!r} for parameter {param.name}: the query matches nothing")
            elif len(found) > 1 and not looks_like_iri(value):
                # a name of several places or groups (place=Guerrero: the state and two
                # municipalities): say so and let the user pick, never take them all
                choices = ", ".join(t.value for t in found)
                warnings.append(f"{value!r} for parameter {param.name} names {len(found)} entities; give one "
                                f"of these IRIs instead (the query matches nothing for this name): {choices}")
                continue
            terms.extend(found)
        elif kind == "iri":
            terms.append(iri_term(value, param.name))
        elif kind == "string":
            terms.append(ox.Literal(value))
        elif kind == "date":
            terms.append(date_term(value, param.name))
        elif kind == "integer":
            try:
                terms.append(ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer")))
            except ValueError:
                raise QueryError(f"parameter {param.name}: {value!r} is not a whole number") from None
        elif kind == "event-type":
            terms.append(event_type_term(value, param.name))
        elif kind == "event-id":
            terms.extend(event_id_terms(value, param.name))
        else:  # pragma: no cover - checked when the catalog is read
            raise QueryError(f"unknown parameter type {kind!r}; allowed: {', '.join(PARAM_TYPES)}")
    return list(dict.fromkeys(terms))
