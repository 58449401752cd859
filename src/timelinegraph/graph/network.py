"""``build_network``: the resolved model as a typed networkx multigraph (for GraphML/Gephi).

Node ids are ``article:<id>``, ``actor:<id>`` and ``event:<id>``. Every node has ``kind``
(article | actor | place | event), ``type`` and ``label``; a place on the map (a STATE or
PLACE with ``geo``) also ``lat`` and ``lng`` (what Gephi's Geo Layout reads), ``geo_precision``,
``geo_country``, ``geo_region``, ``geonames_id``, ``geo_sure`` and ``geo_evidence``.
An actor's kind depends only on its type, never on how it is used: PLACE actors are kind
"place"; STATE actors stay "actor" because states also act (agents, targets), so the same
actor never changes kind as the corpus grows. ``located_at`` edges point at whichever node
is the location.

Edges (``kind`` = ``type`` except for relations, whose ``type`` is the relation type):
actor -agent-> event, event -target-> actor, event -located_at-> actor/place,
event -attributed_to-> actor, event -reported_in-> article (one per source),
actor -mentioned_in-> article (one per article), actor -relation-> actor (one per relation),
event -before/includes/simultaneous-> event (one per temporal link between two events, the
relation read from source to target; ``relation``, ``confidence``, ``rule``, ``link_id``,
``articles``). Event nodes carry ``earliest``/``latest``: the days they can have begun on,
their own time narrowed by the links (resolve/order.py).
Nodes and edges are inserted in sorted order so every export is deterministic.

``network_rows`` gives the same nodes and edges as plain dicts and tuples, in the order the
graph yields them, for exporters that need no networkx graph (it costs a second per 1,000
articles to build).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..models import ActorType, KnowledgeGraph, ResolvedActor, ResolvedEvent, ResolvedLink, Source
from .timespan import event_bounds, iso_bounds, read_time

__all__ = [
    "actor_node",
    "article_node",
    "build_network",
    "event_node",
    "network_items",
    "network_rows",
]

Attrs = dict[str, Any]
Edge = tuple[str, str, str, Attrs]  # source, target, key, attributes


def article_node(article_id: str) -> str:
    return f"article:{article_id}"


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def event_node(event_id: str) -> str:
    return f"event:{event_id}"


def build_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Articles, actors/places and events as nodes; typed, keyed edges between them."""
    nodes, edges = network_rows(kg)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(edges)
    return graph


def network_items(
    kg_or_graph: KnowledgeGraph | nx.MultiDiGraph,
) -> tuple[Iterable[tuple[Any, Attrs]], Iterable[tuple[Any, Any, Any, Attrs]]]:
    """(node, attributes) and (source, target, key, attributes) of a model's network (from
    ``network_rows``, no graph built) or of an already built networkx graph."""
    if isinstance(kg_or_graph, KnowledgeGraph):
        nodes, edges = network_rows(kg_or_graph)
        return nodes.items(), edges
    return kg_or_graph.nodes(data=True), kg_or_graph.edges(keys=True, data=True)


def network_rows(kg: KnowledgeGraph) -> tuple[dict[str, Attrs], list[Edge]]:
    """``build_network``'s nodes (id -> attributes) and edges, in the order its graph yields
    them: nodes sorted, edges sorted by (source, target, key), repeated keys merged."""
    nodes: dict[str, Attrs] = {}
    edges: list[tuple[str, str, str, Attrs]] = []
    for article in kg.articles:
        nodes[article_node(article.id)] = {
            "kind": "article",
            "type": "article",
            "label": article.title or article.id,
            "published": article.published.isoformat(),
            "url": article.url,
            "source": article.source,
            "authors": article.authors,
            "dateline": article.dateline,
            "story": article.story,
        }
    for actor in kg.actors:
        node = actor_node(actor.id)
        nodes[node] = {
            "kind": "place" if actor.type == ActorType.PLACE else "actor",
            "type": actor.type.value,
            "label": actor.name,
            "aliases": actor.aliases,
            "roles": actor.roles,
            "country": actor.country,
            "mentions": len(actor.sources),
            **_geo_attrs(actor),
        }
        for article_id in _article_ids(actor.sources):
            edges.append((node, article_node(article_id), "mentioned_in", {}))
    for event in kg.events:
        nodes[event_node(event.id)] = _event_attrs(event)
        edges.extend(_event_edges(event))
    for relation in kg.relations:
        attrs = {
            "type": relation.type.value,
            "label": relation.type.value,
            "relation_id": relation.id,
            "articles": _article_ids(relation.sources),
        }
        source, target = actor_node(relation.source), actor_node(relation.target)
        edges.append((source, target, f"relation:{relation.id}", attrs))
    edges.extend(_order_edge(link) for link in kg.links if link.target_kind == "event")
    return _assemble(nodes, edges)


def _order_edge(link: ResolvedLink) -> Edge:
    """A temporal link as a typed edge Gephi can filter on: before, includes, simultaneous."""
    attrs = {
        "relation": link.relation.value,
        "confidence": link.confidence,
        "rule": link.rule,
        "link_id": link.id,
        "articles": sorted({s.provenance.article_id for s in link.sources}),
    }
    kind = link.relation.value.lower()
    return event_node(link.source), event_node(link.target), f"{kind}:{link.id}", attrs


def _geo_attrs(actor: ResolvedActor) -> Attrs:
    """A place's point as Gephi's map layouts read it (``lat`` / ``lng``, decimal degrees),
    and what it was resolved to; nothing for an actor not on the map."""
    geo = actor.geo
    if geo is None:
        return {}
    return {
        "lat": geo.latitude,
        "lng": geo.longitude,
        "geo_precision": geo.precision.value,
        "geo_country": geo.country,
        "geo_region": geo.region,
        "geonames_id": geo.geonames_id,
        "geo_sure": geo.sure,
        "geo_evidence": geo.evidence,
    }


def _event_attrs(event: ResolvedEvent) -> Attrs:
    start, end = iso_bounds(read_time(event.time))
    earliest, latest = event_bounds(event)
    return {
        "kind": "event",
        "type": event.type.value,
        "mode": event.mode,  # the sub-type Gephi filters on beside the type: "arrest", "flood"
        "label": event.headline or f"{event.type.value}: {event.trigger}",
        "trigger": event.trigger,
        "lemma": event.lemma,
        "start": start,
        "end": end,
        "earliest": earliest.isoformat() if earliest else None,
        "latest": latest.isoformat() if latest else None,
        "time_value": event.time.value,
        "time_source": event.time.source,
        "polarity": event.polarity.value,
        "modality": event.modality.value,
        "story": " ".join(event.stories) or None,  # several when a merge crossed stories
        "articles": _article_ids(event.sources),
        "mentions": len(event.sources),
    }


def _event_edges(event: ResolvedEvent) -> list[tuple[str, str, str, Attrs]]:
    node = event_node(event.id)
    edges: list[tuple[str, str, str, Attrs]] = [
        (actor_node(a), node, "agent", {}) for a in event.agents
    ]
    edges += [(node, actor_node(t), "target", {}) for t in event.targets]
    if event.location is not None:
        edges.append((node, actor_node(event.location), "located_at", {}))
    edges += [(node, actor_node(a), "attributed_to", {}) for a in event.attributions]
    for index, source in enumerate(event.sources):
        prov = source.provenance
        attrs = {
            "sentence_index": prov.sentence_index,
            "span_start": prov.start,
            "span_end": prov.end,
            "sentence": prov.sentence,
            "confidence": prov.confidence,
        }
        edges.append((node, article_node(prov.article_id), f"reported_in:{index}", attrs))
    return edges


def _assemble(nodes: dict[str, Attrs], edges: list[Edge]) -> tuple[dict[str, Attrs], list[Edge]]:
    for source, target, _, _ in edges:
        for end in (source, target):
            if end not in nodes:  # a dangling id in the model: keep the edge, mark the node
                nodes[end] = {"kind": "unknown", "type": "unknown", "label": end}
    merged: dict[tuple[str, str, str], Attrs] = {}
    for source, target, key, attrs in edges:
        edge_type = key.split(":", 1)[0]  # agent, reported_in, relation, ...
        full = {"kind": edge_type, "type": edge_type, "label": edge_type, **attrs}
        found = merged.get((source, target, key))
        if found is None:
            merged[(source, target, key)] = full
        else:  # the same edge twice (an actor listed twice): one edge, as networkx keeps it
            found.update(full)
    rows = [(s, t, k, attrs) for (s, t, k), attrs in sorted(merged.items(), key=_first)]
    return {node: nodes[node] for node in sorted(nodes)}, rows


def _first(item: tuple[tuple[str, str, str], Attrs]) -> tuple[str, str, str]:
    return item[0]


def _article_ids(sources: list[Source]) -> list[str]:
    return sorted({s.provenance.article_id for s in sources})
