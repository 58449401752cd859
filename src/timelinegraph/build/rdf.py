"""``build_rdf``: the resolved model as an RDF graph (SEM events, schema.org actors, PROV).

No blank nodes anywhere: every node (mention, quantity, time interval) gets an IRI under
its owner, so the same model always yields the same triples.
"""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, TIME

from ..models import (
    ActorType,
    ArticleInfo,
    EventType,
    KnowledgeGraph,
    ResolvedActor,
    ResolvedEvent,
    ResolvedRelation,
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
    relation_iri,
    sub_iri,
)
from .rdf_terms import (
    add_derivation,
    add_mentions,
    add_merges,
    day,
    decimal,
    new_graph,
    text,
    typed,
    url,
)
from .timespan import DAY, MONTH, YEAR, read_time

__all__ = ["build_rdf", "forget_shared_rdf", "shared_rdf"]

ACTOR_CLASSES: dict[ActorType, tuple[URIRef, ...]] = {
    ActorType.PERSON: (SCHEMA.Person,),
    ActorType.ORGANIZATION: (SCHEMA.Organization,),
    ActorType.STATE: (SCHEMA.Place, SCHEMA.Country),
    ActorType.PLACE: (SCHEMA.Place,),
    ActorType.GROUP: (TG.Group,),
}
STAMP_TYPES = {DAY: "date", MONTH: "gYearMonth", YEAR: "gYear"}


# The last graph built by shared_rdf, with the model it was built from: the Turtle writer and
# the QA report's SHACL check of one build then share one graph instead of building two.
_LAST: list[tuple[KnowledgeGraph, Graph]] = []


def shared_rdf(kg: KnowledgeGraph) -> Graph:
    """``build_rdf(kg)``, reused while it is called again with the same model object.
    Callers must not change the graph."""
    if _LAST and _LAST[0][0] is kg:
        return _LAST[0][1]
    graph = build_rdf(kg)
    _LAST[:] = [(kg, graph)]
    return graph


def forget_shared_rdf() -> None:
    """Drop the graph ``shared_rdf`` keeps (after the exports of a build are written)."""
    _LAST.clear()


def build_rdf(kg: KnowledgeGraph) -> Graph:
    """The whole knowledge graph as RDF, with our prefixes bound."""
    graph = new_graph()
    for article in kg.articles:
        add_article(graph, article)
    for actor in kg.actors:
        add_actor(graph, actor)
    for event_type in sorted({event.type for event in kg.events}):
        add_event_type(graph, EventType(event_type))
    for event in kg.events:
        add_event(graph, event)
    for relation in kg.relations:
        add_relation(graph, relation)
    return graph


def add_article(graph: Graph, article: ArticleInfo) -> None:
    node = article_iri(article.id)
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, DCTERMS.identifier, text(article.id)))
    graph.add((node, SCHEMA.datePublished, day(article.published)))
    if article.title is not None:
        graph.add((node, SCHEMA.headline, text(article.title)))
    if article.url is not None:
        graph.add((node, SCHEMA.url, url(article.url)))
    if article.source is not None:
        graph.add((node, SCHEMA.publisher, text(article.source)))
    if article.dateline is not None:
        graph.add((node, SCHEMA.dateline, text(article.dateline)))
    for author in article.authors:
        graph.add((node, SCHEMA.author, text(author)))


def add_actor(graph: Graph, actor: ResolvedActor) -> None:
    node = actor_iri(actor.id)
    graph.add((node, RDF.type, SEM.Actor))
    for cls in ACTOR_CLASSES[actor.type]:
        graph.add((node, RDF.type, cls))
    graph.add((node, DCTERMS.identifier, text(actor.id)))
    graph.add((node, RDFS.label, text(actor.name)))
    for alias in actor.aliases:
        if alias != actor.name:  # skos:altLabel must differ from the preferred label
            graph.add((node, SKOS.altLabel, text(alias)))
    for role in actor.roles:
        graph.add((node, TG.role, text(role)))
    if actor.country is not None:
        graph.add((node, TG.country, text(actor.country)))
    add_derivation(graph, node, actor.sources)
    add_merges(graph, node, actor.merges, add_mentions(graph, node, actor.sources))


def add_event_type(graph: Graph, event_type: EventType) -> None:
    node = event_type_iri(event_type)
    graph.add((EVENT_TYPE_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((EVENT_TYPE_SCHEME, SKOS.prefLabel, text("PLOVER event types")))
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, RDF.type, SEM.EventType))
    graph.add((node, SKOS.inScheme, EVENT_TYPE_SCHEME))
    graph.add((node, SKOS.notation, text(event_type.value)))
    graph.add((node, SKOS.prefLabel, text(event_type.value.lower())))


def add_event(graph: Graph, event: ResolvedEvent) -> None:
    node = event_iri(event.id)
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, DCTERMS.identifier, text(event.id)))
    graph.add((node, SEM.eventType, event_type_iri(event.type)))
    graph.add((node, TG.trigger, text(event.trigger)))
    graph.add((node, TG.lemma, text(event.lemma)))
    graph.add((node, TG.polarity, text(event.polarity.value)))
    graph.add((node, TG.modality, text(event.modality.value)))
    for prop, actor_ids in ((TG.agent, event.agents), (TG.target, event.targets)):
        for actor_id in actor_ids:
            # sem:hasActor stated too: consumers without RDFS reasoning still find actors
            graph.add((node, prop, actor_iri(actor_id)))
            graph.add((node, SEM.hasActor, actor_iri(actor_id)))
    if event.location is not None:
        graph.add((node, SEM.hasPlace, actor_iri(event.location)))
    if event.location_source is not None:
        graph.add((node, TG.locationSource, text(event.location_source)))
    for actor_id in event.attributions:
        graph.add((node, TG.attributedTo, actor_iri(actor_id)))
    for words in event.attribution_texts:
        graph.add((node, TG.attributionText, text(words)))
    add_time(graph, node, event)
    add_quantities(graph, node, event)
    add_derivation(graph, node, event.sources)
    add_merges(graph, node, event.merges, add_mentions(graph, node, event.sources))


def add_time(graph: Graph, node: URIRef, event: ResolvedEvent) -> None:
    time = event.time
    if time.value is not None:
        graph.add((node, TG.timexValue, text(time.value)))
    if time.granularity is not None:
        graph.add((node, TG.timeGranularity, text(time.granularity.value)))
    graph.add((node, TG.timeSource, text(time.source)))
    span = read_time(time)
    if span is None:
        return
    if span.contained:
        stamp = span.lexical()
        graph.add((node, SEM.hasTimeStamp, typed(stamp, STAMP_TYPES[span.precision])))
    if span.exact_day:
        return
    if span.earliest is not None:
        graph.add((node, SEM.hasEarliestBeginTimeStamp, day(span.earliest)))
    if span.latest is not None:
        graph.add((node, SEM.hasLatestBeginTimeStamp, day(span.latest)))
    if span.earliest is None or span.latest is None:
        return
    interval = sub_iri(node, "time")
    graph.add((node, TIME.hasTime, interval))
    graph.add((interval, RDF.type, TIME.Interval))
    for prop, part, when in (
        (TIME.hasBeginning, "begin", span.earliest),
        (TIME.hasEnd, "end", span.latest),
    ):
        instant = sub_iri(node, "time", part)
        graph.add((interval, prop, instant))
        graph.add((instant, RDF.type, TIME.Instant))
        graph.add((instant, TIME.inXSDDate, day(when)))
    if span.contained and span.display is None and span.precision in (MONTH, YEAR):
        add_description(graph, node, interval, span.lexical(), span.precision)


def add_description(graph: Graph, node: URIRef, interval: URIRef, stamp: str, unit: str) -> None:
    """OWL-Time calendar description of a whole month or year ("February 2024")."""
    description = sub_iri(node, "time", "description")
    graph.add((interval, TIME.hasDateTimeDescription, description))
    graph.add((description, RDF.type, TIME.DateTimeDescription))
    graph.add((description, TIME.unitType, TIME.unitMonth if unit == MONTH else TIME.unitYear))
    graph.add((description, TIME.year, typed(stamp[:4], "gYear")))
    if unit == MONTH:
        graph.add((description, TIME.month, typed(f"--{stamp[5:7]}", "gMonth")))


def add_quantities(graph: Graph, node: URIRef, event: ResolvedEvent) -> None:
    for index, quantity in enumerate(event.quantities):
        qnode = sub_iri(node, "quantity", str(index))
        graph.add((node, TG.quantity, qnode))
        graph.add((qnode, RDF.type, TG.Quantity))
        value = decimal(quantity.value)
        if value is not None:
            graph.add((qnode, TG.quantityValue, value))
        graph.add((qnode, TG.unit, text(quantity.unit)))
        graph.add((qnode, TG.quantityText, text(quantity.text)))
        if quantity.mod is not None:
            graph.add((qnode, TG.quantityMod, text(quantity.mod)))


def add_relation(graph: Graph, relation: ResolvedRelation) -> None:
    node = relation_iri(relation.id)
    prop = RELATION_PROPERTY[relation.type]
    source, target = actor_iri(relation.source), actor_iri(relation.target)
    graph.add((source, prop, target))  # the direct triple, for simple queries
    graph.add((node, RDF.type, TG.Relation))
    graph.add((node, DCTERMS.identifier, text(relation.id)))
    graph.add((node, TG.relationType, prop))
    graph.add((node, TG.relationSource, source))
    graph.add((node, TG.relationTarget, target))
    add_derivation(graph, node, relation.sources)
    add_mentions(graph, node, relation.sources)
