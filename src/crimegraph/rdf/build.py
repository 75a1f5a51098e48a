"""Build RDF from model objects: records in, quads out.

Each article's metadata, mentions and the facts extracted from its text go into the
article's own named graph; descriptions of organizations, people and places go into the
shared entities graph (once per conversion); events from structured records go into
the graph of their dataset. Every node has a deterministic IRI: no blank nodes, so the
same input always gives the same triples.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, GEO, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from crimegraph.errors import InputError, Location, RecordError
from crimegraph.iri import IriMinter, slug, url_key
from crimegraph.model import (
    Article,
    ArticleName,
    Event,
    Evidence,
    Mention,
    Organization,
    PartialDate,
    Person,
    Place,
    Record,
    Ref,
    Role,
    article_key,
    title_key,
)
from crimegraph.rdf.resolve import Entity, Registry
from crimegraph.rdf.terms import (  # noqa: F401 - the terms are read from here too
    DEATH_PROPERTIES,
    INFERENCE_CONCEPTS,
    MAX_SPAN_YEARS,
    MODALITY_CONCEPTS,
    ORGANIZATION_CLASSES,
    PARTICIPANT_KINDS,
    PLACE_CLASSES,
    PRECISION_CONCEPTS,
    ROLE_PROPERTIES,
    count_literal,
    date_literal,
    decimal_literal,
    text_literal,
)
from crimegraph.vocab import (
    CG,
    CGET,
    GEONAMES,
    ITSRDF,
    NIF,
    SCHEMA,
    SEM,
    WIKIDATA,
    event_types,
)

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]

#: A source given as a web page's address (written as that IRI, not as a citation).
_WEB_PAGE = re.compile(r"https?://[^\s<>\"{}|\\^`]+")

class GraphBuilder:
    """Turns model objects into quads; entity descriptions are written once."""

    def __init__(self, minter: IriMinter, registry: Registry) -> None:
        self.minter = minter
        self.registry = registry
        self._written: set[URIRef] = set()
        self._written_order: list[URIRef] = []
        self.entities_written = 0
        self._event_types = event_types()
        #: names article records give their articles (their ids) → the articles' keys
        self.article_names: dict[str, str] = {}

    @property
    def entities_graph(self) -> URIRef:
        return self.minter.entities_graph

    # ------------------------------------------------------------------ dispatch
    def quads(self, record: Record) -> list[Quad]:
        """All quads of one record; if it fails, nothing of it counts as written."""
        before = len(self._written_order)
        try:
            return list(self._quads(record))
        except BaseException:
            for iri in self._written_order[before:]:
                self._written.discard(iri)
                if self.registry.get(iri) is not None:
                    self.entities_written -= 1
            del self._written_order[before:]
            raise

    def _mark_written(self, iri: URIRef) -> bool:
        """Remember that ``iri`` is described; False if it already was."""
        if iri in self._written:
            return False
        self._written.add(iri)
        self._written_order.append(iri)
        return True

    def _quads(self, record: Record) -> Iterator[Quad]:
        if isinstance(record, (Organization, Person, Place)):
            try:
                entity = self.registry.add(record)
            except RecordError as exc:  # e.g. a GeoNames id another record gives a place elsewhere
                raise self._error(record, "geonames", exc.message) from None
            yield from self.entity_quads(entity)
        elif isinstance(record, Article):
            yield from self.article_quads(record)
        elif isinstance(record, Event):
            graph = self.minter.records_graph(record.dataset)
            yield from self.event_quads(record, graph)
        else:  # pragma: no cover - the model is closed
            raise TypeError(f"not a record: {record!r}")

    def _error(self, record: Record, field: str, message: str) -> RecordError:
        origin = getattr(record, "origin", None)
        location = Location(
            file=origin.file if origin else None,
            line=origin.line if origin else None,
            record=origin.record if origin else None,
            field=field,
        )
        return RecordError(message, location)

    def resolve(self, record: Record, field: str, ref: Ref, kinds: tuple[str, ...], mention: bool = False) -> Entity:
        try:  # a name in the text: see Registry.resolve_mention
            return (self.registry.resolve_mention if mention else self.registry.resolve)(ref, kinds)
        except RecordError as exc:
            raise self._error(record, field, exc.message) from None

    def agent(self, name: str, version: str) -> Iterator[Quad]:
        """The software that extracted a fact, as a prov:SoftwareAgent."""
        iri = self.minter.path("agent", name, version)
        if self._mark_written(iri):
            g = self.entities_graph
            yield (iri, RDF.type, PROV.SoftwareAgent, g)
            yield (iri, RDFS.label, Literal(f"{name} {version}"), g)
            yield (iri, SCHEMA.softwareVersion, Literal(version), g)

    def source_quads(self, subject: URIRef, source: str, graph: URIRef) -> Iterator[Quad]:
        """``subject dcterms:source`` a resource, never a literal: a web page's URL is its
        own IRI; any other text (a news citation, a data package and its version) names a
        ``schema:CreativeWork`` minted from the text, which carries it as
        ``dcterms:bibliographicCitation`` (in the entities graph, written once)."""
        if _WEB_PAGE.fullmatch(source):
            yield (subject, DCTERMS.source, URIRef(source), graph)
            return
        node = self.minter.path("source", source)
        yield (subject, DCTERMS.source, node, graph)
        if self._mark_written(node):
            yield (node, RDF.type, SCHEMA.CreativeWork, self.entities_graph)
            yield (node, DCTERMS.bibliographicCitation, Literal(source), self.entities_graph)

    # ------------------------------------------------------------------ entities
    def entity_quads(self, entity: Entity) -> Iterator[Quad]:
        if not self._mark_written(entity.iri):
            return
        self.entities_written += 1
        record = entity.record
        s, g = entity.iri, self.entities_graph
        if record is None:  # pragma: no cover - registry always keeps a record
            return
        # one label (the name the entity's authority gives it, else its record's name);
        # every other name any record gives it is an alternative label
        yield (s, RDFS.label, Literal(entity.name), g)
        for alias in sorted((entity.names | set(record.aliases)) - {entity.name}):
            yield (s, SKOS.altLabel, Literal(alias), g)
        if getattr(record, "description", None):
            yield (s, SCHEMA.description, Literal(record.description), g)
        if record.wikidata:
            yield (s, OWL.sameAs, WIKIDATA[record.wikidata], g)
        for other in record.same_as:
            yield (s, OWL.sameAs, URIRef(other), g)
        for page in record.pages:
            yield (s, SCHEMA.sameAs, URIRef(page), g)
        for other in record.close_matches:
            yield (s, SKOS.exactMatch, URIRef(other), g)
        for actor_id in record.ucdp_actor_ids:
            yield (s, CG.ucdpActorId, Literal(actor_id, datatype=XSD.integer), g)
        for source in record.sources:
            yield from self.source_quads(s, source, g)
        if isinstance(record, Organization):
            yield from self._organization(entity, record)
        elif isinstance(record, Person):
            yield from self._person(entity, record)
        else:
            yield from self._place(entity, record)

    def _organization(self, entity: Entity, record: Organization) -> Iterator[Quad]:
        s, g = entity.iri, self.entities_graph
        yield (s, RDF.type, ORG.Organization, g)
        yield (s, RDF.type, SCHEMA.Organization, g)
        if record.kind in ORGANIZATION_CLASSES:
            yield (s, RDF.type, ORGANIZATION_CLASSES[record.kind], g)
        for acronym in record.acronyms:
            yield (s, CG.acronym, Literal(acronym), g)
        if record.country:
            country = self.resolve(record, "country", record.country, ("place",))
            yield (s, SCHEMA.location, country.iri, g)
            yield from self.entity_quads(country)
        if record.parent:
            parent = self.resolve(record, "parent", record.parent, ("organization",))
            yield (s, ORG.subOrganizationOf, parent.iri, g)
            yield from self.entity_quads(parent)

    def _person(self, entity: Entity, record: Person) -> Iterator[Quad]:
        s, g = entity.iri, self.entities_graph
        yield (s, RDF.type, FOAF.Person, g)
        yield (s, RDF.type, SCHEMA.Person, g)
        yield (s, FOAF.name, Literal(entity.name), g)
        if record.nationality:
            country = self.resolve(record, "nationality", record.nationality, ("place",))
            yield (s, SCHEMA.nationality, country.iri, g)
            yield from self.entity_quads(country)
        for index, role in enumerate(record.roles):
            yield from self.role_quads(entity, role, record, f"roles.{index}", g)

    def role_quads(self, person: Entity, role: Role, record: Record, field: str, graph: URIRef) -> Iterator[Quad]:
        organization = jurisdiction = None
        if role.organization:
            organization = self.resolve(record, f"{field}.organization", role.organization, ("organization",))
        if role.jurisdiction:
            jurisdiction = self.resolve(record, f"{field}.jurisdiction", role.jurisdiction, ("place",))
        where = (organization or jurisdiction).name if (organization or jurisdiction) else ""
        s = URIRef(f"{person.iri}/role/{slug(f'{role.title} {where}'.strip())}")
        role_type = self.minter.path("role-type", role.title)
        yield (s, RDF.type, CG.Role, graph)
        yield (s, RDF.type, ORG.Membership, graph)
        yield (s, ORG.member, person.iri, graph)
        yield (s, ORG.role, role_type, graph)
        yield (s, RDFS.label, Literal(f"{person.name}, {role.title}{' of ' + where if where else ''}"), graph)
        if self._mark_written(role_type):
            yield (role_type, RDF.type, ORG.Role, self.entities_graph)
            yield (role_type, RDF.type, SKOS.Concept, self.entities_graph)
            yield (role_type, RDFS.label, Literal(role.title), self.entities_graph)
        if organization:
            yield (s, ORG.organization, organization.iri, graph)
            yield from self.entity_quads(organization)
        if jurisdiction:
            yield (s, CG.jurisdiction, jurisdiction.iri, graph)
            yield from self.entity_quads(jurisdiction)
        yield from self.role_statement_quads(s, role, graph)

    def role_statement_quads(self, role_iri: URIRef, role: Role, graph: URIRef) -> Iterator[Quad]:
        """When a role was held, as one source says it: a cg:RoleStatement minted from
        what it says (dates and evidence), so that sources that date a role differently
        make two statements and the same statement from two sources is one node."""
        dates = [(prop, value) for prop, value in (
            (SCHEMA.startDate, role.start),
            (SCHEMA.endDate, role.end),
            (CG.endedBefore, role.ended_before),
            (CG.heldOn, role.held_on),
        ) if value]
        if not dates and not role.evidence:
            return
        said = [f"{prop}={value}" for prop, value in dates]
        if role.evidence:
            said.append(f"{role.evidence.article}#{role.evidence.start},{role.evidence.end}")
        digest = hashlib.sha1("\x1f".join(said).encode("utf-8")).hexdigest()[:12]
        s = URIRef(f"{role_iri}/statement/{digest}")
        yield (s, RDF.type, CG.RoleStatement, graph)
        yield (s, RDF.type, PROV.Entity, graph)
        yield (s, CG.statesRole, role_iri, graph)
        for prop, value in dates:
            yield (s, prop, date_literal(value), graph)
        if role.evidence:
            yield from self.evidence_quads(s, [role.evidence], graph)

    def _place(self, entity: Entity, record: Place) -> Iterator[Quad]:
        s, g = entity.iri, self.entities_graph
        yield (s, RDF.type, SCHEMA.Place, g)
        yield (s, RDF.type, SEM.Place, g)
        yield (s, RDF.type, GEO.Feature, g)
        if record.kind in PLACE_CLASSES:
            yield (s, RDF.type, PLACE_CLASSES[record.kind], g)
        if record.iso_code:
            yield (s, CG.iso3166Code, Literal(record.iso_code), g)
        if record.geonames_id:
            yield (s, OWL.sameAs, GEONAMES[f"{record.geonames_id}/"], g)
        if record.latitude is not None and record.longitude is not None:
            # a position as one source states it: minted from its values, with the record's
            # sources, so that sources placing it differently give two (never one node with
            # two latitudes) and the same position from two sources is one
            latitude, longitude = decimal_literal(record.latitude), decimal_literal(record.longitude)
            at = f"{latitude},{longitude}"
            coords, geometry = URIRef(f"{s}#coordinates={at}"), URIRef(f"{s}#geometry={at}")
            yield (s, SCHEMA.geo, coords, g)
            yield (coords, RDF.type, SCHEMA.GeoCoordinates, g)
            yield (coords, SCHEMA.latitude, latitude, g)
            yield (coords, SCHEMA.longitude, longitude, g)
            yield (s, GEO.hasGeometry, geometry, g)
            yield (geometry, RDF.type, GEO.Geometry, g)
            wkt = f"POINT({Decimal(str(record.longitude))} {Decimal(str(record.latitude))})"
            yield (geometry, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral), g)
            for source in record.sources:
                yield from self.source_quads(coords, source, g)
                yield from self.source_quads(geometry, source, g)
        if record.within:
            parent = self.resolve(record, "within", record.within, ("place",))
            if parent.iri == s:
                raise self._error(record, "within", f"{record.name!r} cannot be within itself")
            yield (s, SCHEMA.containedInPlace, parent.iri, g)
            yield from self.entity_quads(parent)

    # ------------------------------------------------------------------ articles
    def article_iri(self, key: str) -> URIRef:
        return self.minter.article(key)

    def name_articles(self, names: list[ArticleName]) -> None:
        """Let references to an article by a record's name for it (its ``id``) reach the
        article's node (the first pass of a conversion hands them over)."""
        for found in names:
            self.article_names.setdefault(found.name, found.key)

    def _reference(self, record: Record, field: str, name: str) -> str:
        """The key of the article a reference names (evidence's ``article``, an event's
        ``reported_in``): the name an article record of the conversion gives it, its web
        address (canonical: http/https, ``www.``, a trailing slash or a tracking parameter
        do not matter; a malformed one is the record's error), else its key itself."""
        if name in self.article_names:
            return self.article_names[name]
        if not re.match(r"^https?:", name, re.IGNORECASE):
            return name
        try:
            return url_key(name)
        except InputError as exc:
            raise self._error(record, field, exc.message) from None

    def article_quads(self, article: Article) -> Iterator[Quad]:
        key = article_key(article)
        s, g = self.article_iri(key), self.minter.article_graph(key)
        yield (s, RDF.type, SCHEMA.NewsArticle, g)
        yield (s, SCHEMA.headline, text_literal(article.title, article.language), g)
        if article.key:
            yield (s, DCTERMS.identifier, Literal(article.key), g)
        if article.url:
            yield (s, SCHEMA.url, URIRef(article.url), g)
            # the same article read from a saved page text, which has no URL, is keyed by its
            # publisher, date and title: say that it is this one (docs/identity.md)
            same = (self.article_iri(title_key(article.publisher, article.date, article.title))
                    if article.publisher and article.date and article.title.strip() else s)
            if same != s:
                yield (s, OWL.sameAs, same, g)
        if article.date:
            yield (s, SCHEMA.datePublished, date_literal(article.date), g)
        if article.language:
            yield (s, SCHEMA.inLanguage, Literal(article.language), g)
        if article.section:
            yield (s, SCHEMA.articleSection, Literal(article.section), g)
        for tag in article.tags:
            yield (s, SCHEMA.keywords, Literal(tag), g)
        for author in article.authors:
            person = self.registry.resolve(Ref(author, "person"), ("person",))
            yield (s, SCHEMA.author, person.iri, g)
            yield from self.entity_quads(person)
        if article.publisher:
            publisher = self.registry.resolve(Ref(article.publisher, "organization"), ("organization",))
            if publisher.record is not None and isinstance(publisher.record, Organization):
                if publisher.record.kind == "organization":
                    publisher.record.kind = "media"
            yield (s, SCHEMA.publisher, publisher.iri, g)
            yield from self.entity_quads(publisher)
        for index, ref in enumerate(article.countries):
            country = self.resolve(article, f"countries.{index}", ref, ("place",))
            yield (s, CG.aboutCountry, country.iri, g)
            yield from self.entity_quads(country)
        for index, ref in enumerate(article.mentions):
            entity = self.resolve(article, f"mentions.{index}", ref, PARTICIPANT_KINDS)
            yield (s, SCHEMA.mentions, entity.iri, g)
            yield from self.entity_quads(entity)
        if article.text is not None:
            context = self.context_iri(s)
            yield (context, RDF.type, NIF.Context, g)
            yield (context, NIF.isString, Literal(article.text), g)
            yield (context, NIF.beginIndex, count_literal(0), g)
            yield (context, NIF.endIndex, count_literal(len(article.text)), g)
            if article.url:  # the web page the text was read from, not the article's IRI
                yield (context, NIF.sourceUrl, URIRef(article.url), g)
        for found in article.entities:  # before the mentions that may name them
            yield from self.entity_quads(self.registry.add(found))
        for mention in article.text_mentions:
            yield from self.mention_quads(article, s, mention, g)
        for index, (person_ref, role) in enumerate(article.roles):
            person = self.resolve(article, f"roles.{index}", person_ref, ("person",))
            yield from self.entity_quads(person)
            yield from self.role_quads(person, role, article, f"roles.{index}", g)
        for event in article.events:
            yield from self.event_quads(event, g)

    def context_iri(self, article: URIRef) -> URIRef:
        return URIRef(f"{article}#context")

    def span_quads(self, article: URIRef, start: int, end: int, text: str, graph: URIRef) -> tuple[URIRef, list[Quad]]:
        span = self.minter.span(article, start, end)
        quads = [
            (span, RDF.type, NIF.String, graph),
            (span, RDF.type, NIF.OffsetBasedString, graph),
            (span, NIF.beginIndex, count_literal(start), graph),
            (span, NIF.endIndex, count_literal(end), graph),
            (span, NIF.anchorOf, Literal(text), graph),
            (span, NIF.referenceContext, self.context_iri(article), graph),
        ]
        return span, quads

    def mention_quads(self, article: Article, article_iri: URIRef, mention: Mention, graph: URIRef) -> Iterator[Quad]:
        entity = self.resolve(article, "mentions", mention.entity, PARTICIPANT_KINDS, mention=True)
        yield from self.entity_quads(entity)
        yield (article_iri, SCHEMA.mentions, entity.iri, graph)
        span, quads = self.span_quads(article_iri, mention.start, mention.end, mention.text, graph)
        yield from quads
        yield (span, RDF.type, NIF.Phrase, graph)
        yield (span, ITSRDF.taIdentRef, entity.iri, graph)
        yield (span, ITSRDF.taConfidence, decimal_literal(mention.confidence), graph)
        assert article.text is not None
        sentence, quads = self.span_quads(
            article_iri, mention.sentence_start, mention.sentence_end,
            article.text[mention.sentence_start:mention.sentence_end], graph,
        )
        yield from quads
        yield (sentence, RDF.type, NIF.Sentence, graph)
        yield (span, NIF.sentence, sentence, graph)
        agent = self.minter.path("agent", mention.extractor, mention.extractor_version)
        yield from self.agent(mention.extractor, mention.extractor_version)
        yield (span, PROV.wasAttributedTo, agent, graph)

    def evidence_quads(
        self, fact: URIRef, evidence: list[Evidence], graph: URIRef, record: Record | None = None
    ) -> Iterator[Quad]:
        for index, item in enumerate(evidence):
            key = self._reference(record, f"evidence.{index}.article", item.article) if record else item.article
            article = self.article_iri(key)
            span, quads = self.span_quads(article, item.start, item.end, item.text, graph)
            # In a graph shared by many records (a dataset graph), several events may cite
            # the same span: describe it once. In the article's own graph it is per record.
            if graph == self.minter.article_graph(key) or self._mark_written((span, graph)):  # type: ignore[arg-type]
                yield from quads
            yield (fact, CG.evidence, span, graph)
            yield (fact, CG.reportedIn, article, graph)
            agent = self.minter.path("agent", item.extractor, item.extractor_version)
            yield from self.agent(item.extractor, item.extractor_version)
            yield (fact, PROV.wasAttributedTo, agent, graph)

    # ------------------------------------------------------------------ events
    def event_iri(self, event: Event) -> URIRef:
        """An event is minted from what it says (type, dates, place, participants,
        evidence, dataset, counts …). A record's ``id`` names the event, but two sources
        may state it differently (two versions of a UCDP row with another death count):
        the id is the readable head of the IRI and the digest of what the record says
        keeps the versions apart, each with its one value of everything and its sources;
        the same statement from two sources is one node (docs/identity.md)."""
        parts = [
            event.type,
            str(event.date or ""),
            str(event.start or ""),
            str(event.end or ""),
            event.place.name if event.place else "",
            *sorted(f"{role}={ref.kind}:{ref.name}" for role, ref in event.participants),
            *sorted(f"{e.article}:{e.start}:{e.end}" for e in event.evidence),
            *sorted(event.reported_in),
            event.dataset,
            # records that differ in anything else are different events too
            event.label or "",
            event.description or "",
            event.modality,
            str(event.confidence),
            str((event.fatalities, event.fatalities_low, event.fatalities_high)),
            event.precision or "",
        ]
        if event.deaths:
            parts.append(repr(sorted(event.deaths.items())))
        digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
        if event.key:
            return self.minter.entity("event", f"{event.key}-{digest[:12]}")
        return self.minter.path("event", f"{event.type}-{digest}")

    def event_label(self, event: Event, names: dict[str, list[str]]) -> str:
        """A readable label: "arrest: Mexican Army → Joaquín Guzmán (2020-03)"."""
        who = " / ".join(names.get("actor", []) + names.get("opponent", []))
        whom = ", ".join(names.get("target", []) + names.get("victim", []))
        partners = ", ".join(names.get("partner", []))
        text = event.type
        if who:
            text += f": {who}"
        if partners:
            text += f" with {partners}" if who else f": with {partners}"
        if whom:
            text += f" → {whom}" if (who or partners) else f": {whom}"
        when = event.date or event.start
        return f"{text} ({when})" if when else text

    def event_quads(self, event: Event, graph: URIRef) -> Iterator[Quad]:
        if event.type not in self._event_types:
            allowed = ", ".join(self._event_types)
            raise self._error(event, "event_type", f"{event.type!r} is not an event type; allowed: {allowed}")
        s = self.event_iri(event)
        yield (s, RDF.type, SEM.Event, graph)
        yield (s, SEM.eventType, CGET[event.type], graph)
        names: dict[str, list[str]] = {}
        seen: set[tuple[str, URIRef]] = set()
        for role, ref in event.participants:
            entity = self.resolve(event, f"{role}s", ref, PARTICIPANT_KINDS)
            if (role, entity.iri) in seen:
                continue
            seen.add((role, entity.iri))
            names.setdefault(role, []).append(entity.name)
            yield from self.entity_quads(entity)
            yield (s, ROLE_PROPERTIES[role], entity.iri, graph)
            yield (s, SEM.hasActor, entity.iri, graph)
        yield (s, RDFS.label, Literal(event.label or self.event_label(event, names)), graph)
        if event.description:
            yield (s, SCHEMA.description, Literal(event.description), graph)
        if event.date:
            yield (s, SEM.hasTimeStamp, date_literal(event.date), graph)
        if event.start:
            yield (s, SEM.hasBeginTimeStamp, date_literal(event.start), graph)
        if event.end:
            yield (s, SEM.hasEndTimeStamp, date_literal(event.end), graph)
        when = event.date or event.start
        if when:
            # the years as an index key: date-range queries start from them (ontology:
            # cg:year): the year of the date, or every year of the span from begin to end
            last = event.end.year if event.date is None and event.end is not None else when.year
            for year in range(when.year, max(when.year, min(last, when.year + MAX_SPAN_YEARS - 1)) + 1):
                yield (s, CG.year, Literal(year, datatype=XSD.integer), graph)
        precision = event.precision or (when.precision if when else None)
        for prop, key, concepts in ((CG.datePrecision, precision, PRECISION_CONCEPTS),
                                    (CG.dateInferredFrom, event.date_inferred, INFERENCE_CONCEPTS),
                                    (CG.placeInferredFrom, event.place_inferred, INFERENCE_CONCEPTS)):
            if key:
                yield (s, prop, concepts[key], graph)
        if event.place:
            place = self.resolve(event, "place", event.place, ("place",), mention=bool(event.evidence))  # read in a text
            yield from self.entity_quads(place)
            yield (s, SEM.hasPlace, place.iri, graph)
        for index, name in enumerate(event.reported_in):
            yield (s, CG.reportedIn, self.article_iri(self._reference(event, f"reported_in.{index}", name)), graph)
        yield from self.evidence_quads(s, event.evidence, graph, event)
        confidence = event.confidence if event.confidence is not None else (
            min(e.confidence for e in event.evidence) if event.evidence else 1.0)
        yield (s, CG.confidence, decimal_literal(confidence), graph)
        yield (s, CG.modality, MODALITY_CONCEPTS[event.modality], graph)
        for prop, value in ((CG.fatalities, event.fatalities), (CG.fatalitiesLow, event.fatalities_low),
                            (CG.fatalitiesHigh, event.fatalities_high)):
            if value is not None:
                yield (s, prop, Literal(value, datatype=XSD.nonNegativeInteger), graph)
        for side, count in event.deaths.items():
            yield (s, DEATH_PROPERTIES[side], Literal(count, datatype=XSD.nonNegativeInteger), graph)
        for identifier in dict.fromkeys([*event.identifiers, *([event.key] if event.key else [])]):
            yield (s, DCTERMS.identifier, Literal(identifier), graph)
        for source in event.sources:
            yield from self.source_quads(s, source, graph)
