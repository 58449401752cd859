"""``build_rdf``: the resolved model as RDF triples (SEM events, schema.org actors, PROV).

No blank nodes anywhere: every node (mention, quantity, time interval) gets an IRI under
its owner, so the same model always yields the same triples. The triples are N-Triples term
strings (``rdf_triples.Triples``); a build writes them, piece by piece, to one sorted
N-Triples file (``rdf_file``) that every writer (Turtle, N-Triples, TriG, JSON-LD) and the QA
report's SHACL check read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS, GEO, RDFS, SKOS, TIME

from ..codebook import SCHEMES, codebook
from ..models import (
    ActorType,
    ArticleInfo,
    EventType,
    Geo,
    KnowledgeGraph,
    ResolvedActor,
    ResolvedEvent,
    ResolvedRelation,
    Story,
)
from ..vocab import (
    EVENT_TYPE_SCHEME,
    RELATION_PROPERTY,
    SCHEMA,
    SEM,
    TG,
    actor_iri,
    article_iri,
    event_iri,
    event_type_iri,
    event_type_scheme_iri,
    geonames_iri,
    relation_iri,
    story_iri,
    sub_iri,
)
from .rdf_order import add_bounds, add_link
from .rdf_provenance import add_derivation, add_mentions, add_merges
from .rdf_rdflib import from_rdflib
from .rdf_terms import NtNamespace, day, decimal, iri, text, typed, url, wkt_point
from .rdf_triples import SortedTriples, Triples
from .timespan import DAY, MONTH, YEAR, read_time

__all__ = ["build_rdf", "rdf_of", "rdf_pieces"]

_RDF, _DCTERMS, _RDFS = NtNamespace(RDF), NtNamespace(DCTERMS), NtNamespace(RDFS)
_SKOS, _TIME, _SCHEMA = NtNamespace(SKOS), NtNamespace(TIME), NtNamespace(SCHEMA)
_SEM, _TG, _GEO = NtNamespace(SEM), NtNamespace(TG), NtNamespace(GEO)

ACTOR_CLASSES: dict[ActorType, tuple[str, ...]] = {
    ActorType.PERSON: (_SCHEMA.Person,),
    ActorType.ORGANIZATION: (_SCHEMA.Organization,),
    ActorType.STATE: (_SCHEMA.Place, _SCHEMA.Country),
    ActorType.PLACE: (_SCHEMA.Place,),
    ActorType.GROUP: (_TG.Group,),
}
STAMP_TYPES = {DAY: "date", MONTH: "gYearMonth", YEAR: "gYear"}


def rdf_of(data: KnowledgeGraph | SortedTriples | Graph) -> SortedTriples:
    """The triples of a model (built here: a build hands its writers the triples it wrote
    once, ``graph.built``), given ones, or an rdflib graph's (whose terms are checked here:
    an invalid one raises ``ExportError``). For callers outside a build: tests, notebooks."""
    if isinstance(data, KnowledgeGraph):
        return build_rdf(data)
    return data if isinstance(data, SortedTriples) else from_rdflib(data)


def build_rdf(kg: KnowledgeGraph) -> Triples:
    """The whole knowledge graph as RDF triples."""
    triples = Triples()
    for add, node in _nodes(kg):
        add(triples, node)
    return triples


def rdf_pieces(kg: KnowledgeGraph, nodes: int = 500) -> Iterator[Triples]:
    """``build_rdf(kg)``'s triples a piece at a time: each piece those of ``nodes`` nodes of
    the model (articles, actors, events...), so the whole graph's triples are never held
    together (``rdf_file.write_triples_file``). A subject may have triples in several
    pieces (an actor's own and a relation's direct triple); their union is ``build_rdf``'s."""
    triples, count = Triples(), 0
    for add, node in _nodes(kg):
        add(triples, node)
        count += 1
        if count == nodes:
            yield triples
            triples, count = Triples(), 0
    if count:
        yield triples


def _nodes(kg: KnowledgeGraph) -> Iterator[tuple[Callable[[Triples, Any], None], Any]]:
    """Each node of the model with the function that adds its triples, in ``build_rdf``'s
    order."""
    yield from ((add_article, article) for article in kg.articles)
    yield from ((add_actor, actor) for actor in kg.actors)
    types = set()  # gathered as the events go by: one pass over them (they may be on disk)
    for event in kg.events:
        types.add(event.type)
        yield add_event, event
    yield from ((add_event_type, EventType(event_type)) for event_type in sorted(types))
    yield from ((add_relation, relation) for relation in kg.relations)
    yield from ((add_link, link) for link in kg.links)
    yield from ((add_story, story) for story in kg.stories)


def add_story(triples: Triples, story: Story) -> None:
    """A story: the articles telling one happening (``tg:story`` links articles and events)."""
    add, node = triples.add, iri(story_iri(story.id))
    add(node, _RDF.type, _TG.Story)
    add(node, _DCTERMS.identifier, text(story.id))
    add(node, _RDFS.label, text(story.label))


def add_article(triples: Triples, article: ArticleInfo) -> None:
    add, node = triples.add, iri(article_iri(article.id))
    add(node, _RDF.type, _SCHEMA.NewsArticle)
    add(node, _DCTERMS.identifier, text(article.id))
    add(node, _SCHEMA.datePublished, day(article.published))
    add(node, _TG.publishedSource, text(article.published_source))
    if article.story is not None:
        add(node, _TG.story, iri(story_iri(article.story)))
    if article.title is not None:
        add(node, _SCHEMA.headline, text(article.title))
    if article.url is not None:
        add(node, _SCHEMA.url, url(article.url))
    if article.source is not None:
        add(node, _SCHEMA.publisher, text(article.source))
    if article.dateline is not None:
        add(node, _SCHEMA.dateline, text(article.dateline))
    for author in article.authors:
        add(node, _SCHEMA.author, text(author))


def add_actor(triples: Triples, actor: ResolvedActor) -> None:
    owner = actor_iri(actor.id)
    add, node = triples.add, iri(owner)
    add(node, _RDF.type, _SEM.Actor)
    for cls in ACTOR_CLASSES[actor.type]:
        add(node, _RDF.type, cls)
    add(node, _DCTERMS.identifier, text(actor.id))
    add(node, _RDFS.label, text(actor.name))
    for alias in actor.aliases:
        if alias != actor.name:  # skos:altLabel must differ from the preferred label
            add(node, _SKOS.altLabel, text(alias))
    for role in actor.roles:
        add(node, _TG.role, text(role))
    if actor.country is not None:
        add(node, _TG.country, text(actor.country))
    if actor.geo is not None:
        add_geo(triples, owner, actor.geo)
    add_derivation(triples, node, actor.sources)
    add_merges(triples, owner, actor.merges, add_mentions(triples, owner, actor.sources))


def add_geo(triples: Triples, owner: str, geo: Geo) -> None:
    """Where a place is, twice: a GeoSPARQL geometry (``geo:hasGeometry`` / ``geo:asWKT``,
    what GeoSPARQL stores index) and schema.org coordinates (``schema:geo``, what web
    consumers read); the GeoNames feature as ``schema:sameAs`` (not ``owl:sameAs``: a place
    read from context may be wrong, and ``geoSure`` says when it is a guess)."""
    add, node = triples.add, iri(owner)
    geometry, coordinates = iri(sub_iri(owner, "geometry")), iri(sub_iri(owner, "geo"))
    add(node, _RDF.type, _GEO.Feature)
    add(node, _GEO.hasGeometry, geometry)
    add(geometry, _RDF.type, _GEO.Geometry)
    add(geometry, _GEO.asWKT, wkt_point(geo.latitude, geo.longitude))
    add(node, _SCHEMA.geo, coordinates)
    add(coordinates, _RDF.type, _SCHEMA.GeoCoordinates)
    for prop, value in ((_SCHEMA.latitude, geo.latitude), (_SCHEMA.longitude, geo.longitude)):
        number = decimal(value)
        if number is not None:
            add(coordinates, prop, number)
    add(node, _SCHEMA.sameAs, iri(geonames_iri(geo.geonames_id)))
    add(node, _TG.geoPrecision, text(geo.precision.value))
    if geo.country is not None:
        add(node, _TG.geoCountry, text(geo.country))
    if geo.region is not None:
        add(node, _TG.geoRegion, text(geo.region))
    add(node, _TG.geoSure, typed("true" if geo.sure else "false", "boolean"))
    add(node, _TG.geoEvidence, text(geo.evidence))


def add_event_type(triples: Triples, event_type: EventType) -> None:
    """The type as a SKOS concept from the codebook, in the scheme of all event types and in
    its own (PLOVER or general news), with the ACE 2005 / ERE types it matches (literals:
    ACE has no IRIs to skos:closeMatch; skos:notation stays the one type name queries read)."""
    add, node, info = triples.add, iri(event_type_iri(event_type)), codebook()[event_type]
    schemes = [(iri(EVENT_TYPE_SCHEME), "Event types (PLOVER and general news)")]
    if info.scheme is not None:
        local, label = SCHEMES[info.scheme]
        schemes.append((iri(event_type_scheme_iri(local)), label))
    for scheme, label in schemes:
        add(scheme, _RDF.type, _SKOS.ConceptScheme)
        add(scheme, _SKOS.prefLabel, text(label))
        add(node, _SKOS.inScheme, scheme)
    add(node, _RDF.type, _SKOS.Concept)
    add(node, _RDF.type, _SEM.EventType)
    add(node, _SKOS.notation, text(event_type.value))
    for name in info.ace:
        add(node, _TG.aceEventType, text(name))
    add(node, _SKOS.prefLabel, text(info.label))
    add(node, _SKOS.definition, text(info.definition))


def add_event(triples: Triples, event: ResolvedEvent) -> None:
    owner = event_iri(event.id)
    add, node = triples.add, iri(owner)
    add(node, _RDF.type, _SEM.Event)
    add(node, _DCTERMS.identifier, text(event.id))
    add(node, _SEM.eventType, iri(event_type_iri(event.type)))
    if event.headline:
        add(node, _RDFS.label, text(event.headline))
    if event.mode:
        add(node, _TG.mode, text(event.mode))
    for story_id in event.stories:
        add(node, _TG.story, iri(story_iri(story_id)))
    add(node, _TG.trigger, text(event.trigger))
    add(node, _TG.lemma, text(event.lemma))
    add(node, _TG.polarity, text(event.polarity.value))
    add(node, _TG.modality, text(event.modality.value))
    for prop, actor_ids in ((_TG.agent, event.agents), (_TG.target, event.targets)):
        for actor_id in actor_ids:
            # sem:hasActor stated too: consumers without RDFS reasoning still find actors
            actor = iri(actor_iri(actor_id))
            add(node, prop, actor)
            add(node, _SEM.hasActor, actor)
    if event.location is not None:
        add(node, _SEM.hasPlace, iri(actor_iri(event.location)))
    if event.location_source is not None:
        add(node, _TG.locationSource, text(event.location_source))
    for actor_id in event.attributions:
        add(node, _TG.attributedTo, iri(actor_iri(actor_id)))
    for words in event.attribution_texts:
        add(node, _TG.attributionText, text(words))
    add_time(triples, owner, event)
    add_bounds(triples, event)
    add_quantities(triples, owner, event)
    add_derivation(triples, node, event.sources)
    add_merges(triples, owner, event.merges, add_mentions(triples, owner, event.sources))


def add_time(triples: Triples, owner: str, event: ResolvedEvent) -> None:
    """The event's time: TIMEX value, SEM time stamps, an OWL-Time interval when bounded."""
    add, node, time = triples.add, iri(owner), event.time
    if time.value is not None:
        add(node, _TG.timexValue, text(time.value))
    if time.granularity is not None:
        add(node, _TG.timeGranularity, text(time.granularity.value))
    add(node, _TG.timeSource, text(time.source))
    span = read_time(time)
    if span is None:
        return
    if span.contained:
        add(node, _SEM.hasTimeStamp, typed(span.lexical(), STAMP_TYPES[span.precision]))
    if span.exact_day:
        return
    if span.earliest is not None:
        add(node, _SEM.hasEarliestBeginTimeStamp, day(span.earliest))
    if span.latest is not None:
        add(node, _SEM.hasLatestBeginTimeStamp, day(span.latest))
    if span.earliest is None or span.latest is None:
        return
    interval = iri(sub_iri(owner, "time"))
    add(node, _TIME.hasTime, interval)
    add(interval, _RDF.type, _TIME.Interval)
    for prop, part, when in (
        (_TIME.hasBeginning, "begin", span.earliest),
        (_TIME.hasEnd, "end", span.latest),
    ):
        instant = iri(sub_iri(owner, "time", part))
        add(interval, prop, instant)
        add(instant, _RDF.type, _TIME.Instant)
        add(instant, _TIME.inXSDDate, day(when))
    if span.contained and span.display is None and span.precision in (MONTH, YEAR):
        add_description(triples, owner, interval, span.lexical(), span.precision)


def add_description(triples: Triples, owner: str, interval: str, stamp: str, unit: str) -> None:
    """OWL-Time calendar description of a whole month or year ("February 2024")."""
    add, description = triples.add, iri(sub_iri(owner, "time", "description"))
    add(interval, _TIME.hasDateTimeDescription, description)
    add(description, _RDF.type, _TIME.DateTimeDescription)
    add(description, _TIME.unitType, _TIME.unitMonth if unit == MONTH else _TIME.unitYear)
    add(description, _TIME.year, typed(stamp[:4], "gYear"))
    if unit == MONTH:
        add(description, _TIME.month, typed(f"--{stamp[5:7]}", "gMonth"))


def add_quantities(triples: Triples, owner: str, event: ResolvedEvent) -> None:
    add, node = triples.add, iri(owner)
    for index, quantity in enumerate(event.quantities):
        qnode = iri(sub_iri(owner, "quantity", str(index)))
        add(node, _TG.quantity, qnode)
        add(qnode, _RDF.type, _TG.Quantity)
        value = decimal(quantity.value)
        if value is not None:
            add(qnode, _TG.quantityValue, value)
        add(qnode, _TG.unit, text(quantity.unit))
        add(qnode, _TG.quantityText, text(quantity.text))
        if quantity.mod is not None:
            add(qnode, _TG.quantityMod, text(quantity.mod))


def add_relation(triples: Triples, relation: ResolvedRelation) -> None:
    owner = relation_iri(relation.id)
    add, node = triples.add, iri(owner)
    prop = iri(RELATION_PROPERTY[relation.type])
    source, target = iri(actor_iri(relation.source)), iri(actor_iri(relation.target))
    add(source, prop, target)  # the direct triple, for simple queries
    add(node, _RDF.type, _TG.Relation)
    add(node, _DCTERMS.identifier, text(relation.id))
    add(node, _TG.relationType, prop)
    add(node, _TG.relationSource, source)
    add(node, _TG.relationTarget, target)
    add_derivation(triples, node, relation.sources)
    add_mentions(triples, owner, relation.sources)
