"""Reconcile crimegraph's entities against a SPARQL endpoint (Wikidata by default).

For every organization, person and place of a graph, the endpoint is asked for the items
that carry one of the entity's names (its label, aliases and acronyms) as a label or an
alias; each candidate is scored on how its name matched, whether its types fit the
entity's kind and whether its country is the entity's (a different country rejects it).
The best candidate is accepted when it reaches the threshold and no other comes close.

Accepted links are quads of their own graph (``…/graph/links``): the ``owl:sameAs`` and
a reified statement (``rdf:Statement``) with the score (``cg:confidence``), the endpoint
(``dcterms:source``), the date (``dcterms:created``), the method (``cg:linkMethod``)
and the software (``prov:wasAttributedTo``). The rules (languages, properties, type
words, weights, threshold) are data: ``data/link/reconcile.yaml``.

An endpoint that times out or answers garbage fails that entity only: the failure names
the entity, the others are still linked, and the caller writes the output atomically.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from crimegraph.errors import CrimegraphError, InputError, Location
from crimegraph.iri import normalize_name
from crimegraph.resources import resource_dir
from crimegraph.vocab import CG, DEFAULT_BASE, SCHEMA

Quad = tuple[Any, Any, Any, Any]

#: The IRI a well-formed link target must have: absolute, no spaces or characters that
#: IRIs forbid (RFC 3987).
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+$")
_KINDS = {ORG.Organization: "organization", FOAF.Person: "person", SCHEMA.Place: "place"}


class LinkError(CrimegraphError):
    """An entity could not be reconciled (the endpoint failed or answered garbage)."""


# ---------------------------------------------------------------------- settings
@dataclass(frozen=True)
class Settings:
    endpoint: str
    item_pattern: re.Pattern[str]
    languages: tuple[str, ...]
    label_properties: dict[str, str]
    type_property: str
    country_property: str
    label_language: str
    timeout: float
    max_candidates: int
    user_agent: str
    type_words: dict[str, tuple[str, ...]]
    weights: dict[str, float]
    accept: float
    margin: float


def load_settings(path: str | Path | None = None, endpoint: str | None = None,
                  timeout: float | None = None) -> Settings:
    """The reconciliation rules of ``data/link/reconcile.yaml`` (or ``path``)."""
    source = Path(path) if path else resource_dir("data") / "link" / "reconcile.yaml"
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        return Settings(
            endpoint=endpoint or data["endpoint"],
            item_pattern=re.compile(data["item_pattern"]),
            languages=tuple(data["languages"]),
            label_properties=dict(data["label_properties"]),
            type_property=data["type_property"],
            country_property=data["country_property"],
            label_language=data["label_language"],
            timeout=float(timeout if timeout is not None else data["timeout_seconds"]),
            max_candidates=int(data["max_candidates"]),
            user_agent=data["user_agent"],
            type_words={k: tuple(w.casefold() for w in v) for k, v in data["type_words"].items()},
            weights={k: float(v) for k, v in data["score"].items()},
            accept=float(data["accept"]),
            margin=float(data["margin"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise InputError(f"not a usable reconciliation config: {exc}", Location(file=str(source))) from None


# ---------------------------------------------------------------------- entities
@dataclass
class Entity:
    """An entity of the graph to reconcile."""

    iri: str
    kind: str
    label: str
    names: list[str] = field(default_factory=list)  # label first, then aliases, acronyms
    country: str | None = None  # ISO 3166-1 alpha-2
    country_names: set[str] = field(default_factory=set)  # folded
    linked: set[str] = field(default_factory=set)  # owl:sameAs it already has


def entities_of(graph: Graph, kinds: Iterable[str] = ("organization", "person", "place")) -> list[Entity]:
    """The organizations, people and places of ``graph`` with their names and country
    (from ``schema:location``, ``schema:nationality`` or ``schema:containedInPlace``)."""
    wanted = set(kinds)
    found: dict[str, Entity] = {}
    for cls, kind in _KINDS.items():
        if kind not in wanted:
            continue
        for s in graph.subjects(RDF.type, cls):
            if not isinstance(s, URIRef) or str(s) in found:
                continue
            labels = sorted(str(o) for o in graph.objects(s, RDFS.label))
            if not labels:
                continue
            names = [labels[0]]
            for prop in (RDFS.label, SKOS.altLabel, CG.acronym):
                for o in sorted(str(o) for o in graph.objects(s, prop)):
                    if o not in names:
                        names.append(o)
            entity = Entity(iri=str(s), kind=kind, label=labels[0], names=names,
                            linked={str(o) for o in graph.objects(s, OWL.sameAs)})
            country = _country_of(graph, s)
            if country is not None:
                entity.country = str(graph.value(country, CG.iso3166Code))
                entity.country_names = {normalize_name(str(o)) for p in (RDFS.label, SKOS.altLabel)
                                        for o in graph.objects(country, p)}
                entity.country_names |= _country_names(entity.country)
            found[str(s)] = entity
    return sorted(found.values(), key=lambda e: e.iri)


def _country_of(graph: Graph, node: URIRef) -> URIRef | None:
    """The cg:Country a node is, or lies in, or is located in (breadth first, no cycles)."""
    seen, queue = {node}, [node]
    while queue:
        current = queue.pop(0)
        if (current, RDF.type, CG.Country) in graph and graph.value(current, CG.iso3166Code) is not None:
            return current
        for prop in (SCHEMA.containedInPlace, SCHEMA.location, SCHEMA.nationality):
            for o in graph.objects(current, prop):
                if isinstance(o, URIRef) and o not in seen:
                    seen.add(o)
                    queue.append(o)
    return None


def _country_names(iso2: str) -> set[str]:
    import pycountry

    found = pycountry.countries.get(alpha_2=iso2)
    if found is None:
        return set()
    names = {getattr(found, a, None) for a in ("name", "common_name", "official_name")}
    return {normalize_name(n) for n in names if n}


# ---------------------------------------------------------------------- endpoint
def _literal(text: str, language: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{language}'


def candidate_query(entity: Entity, settings: Settings) -> str:
    """The SPARQL SELECT that asks the endpoint for the items named like ``entity``."""
    values = " ".join(_literal(n, lang) for n in entity.names for lang in settings.languages)
    label, alias = settings.label_properties["label"], settings.label_properties["alias"]
    lang = settings.label_language
    return f"""SELECT ?item ?how ?type ?typeLabel ?country ?countryLabel WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item <{label}> ?name BIND("label" AS ?how) }} UNION {{ ?item <{alias}> ?name BIND("alias" AS ?how) }}
  OPTIONAL {{ ?item <{settings.type_property}> ?type .
             OPTIONAL {{ ?type <{label}> ?typeLabel FILTER(LANG(?typeLabel) = "{lang}") }} }}
  OPTIONAL {{ ?item <{settings.country_property}> ?country .
             OPTIONAL {{ ?country <{label}> ?countryLabel FILTER(LANG(?countryLabel) = "{lang}") }} }}
}} LIMIT {settings.max_candidates * 20}"""


def ask(endpoint: str, query: str, timeout: float, user_agent: str) -> list[dict[str, str]]:
    """Run a SELECT on a SPARQL endpoint (SPARQL 1.1 protocol, POST, JSON results).

    :raises LinkError: on a time-out, an HTTP error, an unreachable endpoint or an answer
        that is not SPARQL JSON results.
    """
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": user_agent,
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's endpoint
            data = response.read(64 * 1024 * 1024 + 1)
    except urllib.error.HTTPError as exc:
        raise LinkError(f"the endpoint answered HTTP {exc.code} {exc.reason}") from None
    except (TimeoutError, socket.timeout):
        raise LinkError(f"the endpoint did not answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise LinkError(f"the endpoint did not answer within {timeout:g} s") from None
        raise LinkError(f"the endpoint cannot be reached: {reason}") from None
    except (ConnectionError, OSError) as exc:
        raise LinkError(f"the endpoint cannot be reached: {exc}") from None
    try:
        document = json.loads(data)
        rows = document["results"]["bindings"]
        if not isinstance(rows, list):
            raise TypeError("bindings is not a list")
        return [{k: v["value"] for k, v in row.items()} for row in rows]
    except (ValueError, KeyError, TypeError, AttributeError):
        preview = data[:60].decode("utf-8", "replace").replace("\n", " ")
        raise LinkError(f"the endpoint's answer is not SPARQL JSON results (it begins {preview!r})") from None


# ---------------------------------------------------------------------- scoring
@dataclass
class Candidate:
    item: str
    how: str = "alias"
    types: set[str] = field(default_factory=set)  # folded English labels
    typed: bool = False  # the item has any type at all
    countries: set[str] = field(default_factory=set)  # folded English labels
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    rejected: str | None = None


def candidates(rows: list[dict[str, str]]) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for row in rows:
        item = row.get("item")
        if not item:
            continue
        cand = found.setdefault(item, Candidate(item))
        if row.get("how") == "label":
            cand.how = "label"
        if row.get("type"):
            cand.typed = True
        if row.get("typeLabel"):
            cand.types.add(row["typeLabel"].casefold())
        if row.get("countryLabel"):
            cand.countries.add(normalize_name(row["countryLabel"]))
    return list(found.values())


def score(entity: Entity, cand: Candidate, settings: Settings) -> Candidate:
    w = settings.weights
    cand.score = w[cand.how]
    cand.reasons = [cand.how]
    words = settings.type_words.get(entity.kind, ())
    if cand.types:
        if any(word in label for label in cand.types for word in words):
            cand.score += w["type"]
            cand.reasons.append("type")
        else:
            cand.rejected = f"its types ({', '.join(sorted(cand.types))}) do not fit a {entity.kind}"
    if entity.country and cand.countries:
        if cand.countries & entity.country_names:
            cand.score += w["country"]
            cand.reasons.append("country")
        else:
            cand.rejected = f"its country ({', '.join(sorted(cand.countries))}) is not {entity.country}"
    cand.score = round(min(cand.score, 1.0), 3)
    return cand


@dataclass
class Outcome:
    entity: Entity
    accepted: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)
    error: str | None = None
    note: str | None = None  # why nothing was accepted


def decide(entity: Entity, found: list[Candidate], settings: Settings) -> Outcome:
    scored = sorted((score(entity, c, settings) for c in found), key=lambda c: (-c.score, c.item))
    viable = [c for c in scored if c.rejected is None]
    outcome = Outcome(entity, candidates=scored)
    bad = [c for c in viable if not settings.item_pattern.match(c.item) or not _IRI.match(c.item)]
    for c in bad:
        c.rejected = f"{c.item!r} is not a well-formed item IRI"
    viable = [c for c in viable if c not in bad]
    if not viable:
        outcome.note = "no candidate" if not scored else "every candidate rejected: " + "; ".join(
            f"{c.item} ({c.rejected})" for c in scored[:3])
        return outcome
    best = viable[0]
    if best.score < settings.accept:
        outcome.note = f"best candidate {best.item} scores {best.score} < {settings.accept}"
        return outcome
    if len(viable) > 1 and viable[1].score > best.score - settings.margin:
        outcome.note = f"ambiguous: {best.item} ({best.score}) and {viable[1].item} ({viable[1].score})"
        return outcome
    outcome.accepted = best
    return outcome


# ---------------------------------------------------------------------- the run
@dataclass
class LinkReport:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0  # entities that already had a link to the endpoint's items

    @property
    def linked(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.accepted]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def reconcile(entities: Iterable[Entity], settings: Settings, *, relink: bool = False,
              asker: Callable[[str, str, float, str], list[dict[str, str]]] = ask,
              progress: Callable[[Outcome], None] | None = None) -> LinkReport:
    """Ask the endpoint about every entity; failures are kept per entity, never raised."""
    report = LinkReport()
    for entity in entities:
        if not relink and any(settings.item_pattern.match(iri) for iri in entity.linked):
            report.skipped += 1
            continue
        try:
            rows = asker(settings.endpoint, candidate_query(entity, settings), settings.timeout, settings.user_agent)
            outcome = decide(entity, candidates(rows), settings)
        except LinkError as exc:
            outcome = Outcome(entity, error=f"entity {entity.iri} ({entity.label!r}): {exc.message}")
        report.outcomes.append(outcome)
        if progress:
            progress(outcome)
    return report


def link_quads(report: LinkReport, settings: Settings, base: str = DEFAULT_BASE,
               today: _dt.date | None = None) -> Iterator[Quad]:
    """The accepted links as quads of the graph ``<base>graph/links``."""
    graph = URIRef(f"{base}graph/links")
    created = Literal((today or _dt.date.today()).isoformat(), datatype=XSD.date)
    endpoint = URIRef(settings.endpoint)
    crimegraph_version = version("crimegraph")
    agent = URIRef(f"{base}agent/crimegraph-link/{crimegraph_version.replace('.', '-')}")
    if report.linked:
        yield (agent, RDF.type, PROV.SoftwareAgent, graph)
        yield (agent, RDFS.label, Literal(f"crimegraph-link {crimegraph_version}"), graph)
        yield (agent, SCHEMA.softwareVersion, Literal(crimegraph_version), graph)
    for outcome in report.linked:
        cand = outcome.accepted
        assert cand is not None
        s, o = URIRef(outcome.entity.iri), URIRef(cand.item)
        yield (s, OWL.sameAs, o, graph)
        digest = hashlib.sha1(f"{s} {o}".encode()).hexdigest()[:16]
        statement = URIRef(f"{base}link/{digest}")
        yield (statement, RDF.type, RDF.Statement, graph)
        yield (statement, RDF.subject, s, graph)
        yield (statement, RDF.predicate, OWL.sameAs, graph)
        yield (statement, RDF.object, o, graph)
        yield (statement, CG.confidence, Literal(str(cand.score), datatype=XSD.decimal), graph)
        yield (statement, CG.linkMethod, Literal("+".join(cand.reasons)), graph)
        yield (statement, DCTERMS.source, endpoint, graph)
        yield (statement, DCTERMS.created, created, graph)
        yield (statement, PROV.wasAttributedTo, agent, graph)


# ---------------------------------------------------------------------- sources
#: What :func:`entities_of` reads: the triples a store is asked for.
_ENTITY_PROPERTIES = (RDF.type, RDFS.label, SKOS.altLabel, CG.acronym, OWL.sameAs, SCHEMA.location,
                      SCHEMA.nationality, SCHEMA.containedInPlace, CG.iso3166Code)


def graph_from_store(store: Any, timeout: float | None = None) -> Graph:
    """The entity triples of a :class:`~crimegraph.store.Store` (all its graphs)."""
    listed = ", ".join(f"<{p}>" for p in _ENTITY_PROPERTIES)
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?p IN ({listed})) }}", timeout=timeout)
    graph = Graph()
    for row in result.rows():
        s, p, o = row["subject"], row["predicate"], row["object"]
        obj = URIRef(o) if p in {str(x) for x in (RDF.type, OWL.sameAs, SCHEMA.location, SCHEMA.nationality,
                                                   SCHEMA.containedInPlace)} else Literal(o)
        graph.add((URIRef(s), URIRef(p), obj))
    return graph
