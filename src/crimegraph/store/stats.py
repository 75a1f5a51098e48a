"""What is in a store: articles, entities by kind, events by type, triples, graphs, dates.

Computed with SPARQL through :meth:`Store.query`, so it works the same on the embedded
store and on a remote server.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from crimegraph.store.base import ARTICLE_GRAPH_SEGMENT, Store

_PREFIXES = """
PREFIX cg: <https://w3id.org/crimegraph/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

#: Kinds of entity as (group, label, class); a class reads from the ontology's terms.
ENTITY_KINDS: tuple[tuple[str, str, str], ...] = (
    ("organizations", "criminal groups", "cg:CriminalGroup"),
    ("organizations", "government bodies", "cg:GovernmentBody"),
    ("organizations", "international organizations", "cg:InternationalOrganization"),
    ("organizations", "non-governmental organizations", "cg:NonGovernmentalOrganization"),
    ("organizations", "companies", "cg:Company"),
    ("organizations", "media", "cg:MediaOrganization"),
    ("organizations", "all organizations", "org:Organization"),
    ("people", "persons", "foaf:Person"),
    ("places", "countries", "cg:Country"),
    ("places", "states", "cg:State"),
    ("places", "municipalities", "cg:Municipality"),
    ("places", "cities", "cg:City"),
    ("places", "regions", "cg:Region"),
    ("places", "all places", "schema:Place"),
)


@dataclass
class StoreStats:
    location: str
    triples: int
    named_graphs: int
    article_graphs: int
    articles: int
    entities: dict[str, int] = field(default_factory=dict)
    events: int = 0
    events_by_type: dict[str, int] = field(default_factory=dict)
    event_dates: tuple[str | None, str | None] = (None, None)
    article_dates: tuple[str | None, str | None] = (None, None)
    #: whether who-did-what-where can use the store's event index (local stores only)
    event_index: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_text(self) -> str:
        lines = [
            f"store        {self.location}",
            f"triples      {self.triples:,}",
            f"named graphs {self.named_graphs:,} ({self.article_graphs:,} article graphs)",
            f"articles     {self.articles:,}" + _range(self.article_dates, "published"),
            "entities",
        ]
        lines += [f"  {label:<32} {count:,}" for label, count in self.entities.items()]
        lines.append(f"events       {self.events:,}" + _range(self.event_dates, "dated"))
        lines += [f"  {label:<32} {count:,}" for label, count in self.events_by_type.items()]
        if self.event_index is not None:
            lines.append(f"event index  {self.event_index}")
        return "\n".join(lines) + "\n"


def _range(dates: tuple[str | None, str | None], what: str) -> str:
    first, last = dates
    return f"  ({what} {first} … {last})" if first else ""


def _one(store: Store, sparql: str) -> dict[str, Any]:
    rows = store.query(_PREFIXES + sparql).rows()
    return rows[0] if rows else {}


def collect_stats(store: Store) -> StoreStats:
    """Count what the store holds (a handful of aggregate queries)."""
    names = store.named_graphs()
    # MIN and MAX only over bound dates: engines disagree on unbound values in aggregates
    articles = _one(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    published = _one(store, "SELECT (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) "
                            "WHERE { ?a a schema:NewsArticle ; schema:datePublished ?d }")
    values = " ".join(f"({cls} {i})" for i, (_, _, cls) in enumerate(ENTITY_KINDS))
    by_kind = store.query(_PREFIXES + f"SELECT ?i (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES (?class ?i) {{ {values} }} "
                                      "?e a ?class } GROUP BY ?i").rows()
    counts = {int(r["i"]): int(r["n"]) for r in by_kind}
    entities = {label: counts.get(i, 0) for i, (_, label, _) in enumerate(ENTITY_KINDS)}
    events = _one(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }")
    dated = _one(store, "SELECT (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE { "
                        "?e a sem:Event ; sem:hasTimeStamp|sem:hasBeginTimeStamp ?d }")
    by_type = store.query(_PREFIXES + "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event ; sem:eventType ?t } "
                                      "GROUP BY ?t ORDER BY DESC(?n) ?t").rows()
    return StoreStats(
        location=store.location,
        triples=store.triple_count(),
        named_graphs=len(names),
        article_graphs=sum(1 for n in names if ARTICLE_GRAPH_SEGMENT in n),
        articles=int(articles.get("n") or 0),
        entities=entities,
        events=int(events.get("n") or 0),
        events_by_type={str(r["t"]).rsplit("/", 1)[-1]: int(r["n"]) for r in by_type},
        event_dates=(dated.get("first") or None, dated.get("last") or None),
        article_dates=(published.get("first") or None, published.get("last") or None),
        event_index=store.index_status(),
    )
