"""``build_network``: the resolved model as a typed networkx multigraph (for GraphML/Gephi).

Node ids are ``article:<id>``, ``actor:<id>`` and ``event:<id>``. Every node has ``kind``
(article | actor | place | event), ``type`` and ``label``. An actor's kind depends only on
its type, never on how it is used: PLACE actors are kind "place"; STATE actors stay "actor"
because states also act (agents, targets), so the same actor never changes kind as the
corpus grows. ``located_at`` edges point at whichever node is the location.

Edges (``kind`` = ``type`` except for relations, whose ``type`` is the relation type):
actor -agent-> event, event -target-> actor, event -located_at-> actor/place,
event -attributed_to-> actor, event -reported_in-> article (one per source),
actor -mentioned_in-> article (one per article), actor -relation-> actor (one per relation).
Nodes and edges are inserted in sorted order so every export is deterministic.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..models import ActorType, KnowledgeGraph, ResolvedEvent, Source
from .timespan import iso_bounds, read_time

__all__ = ["actor_node", "article_node", "build_network", "event_node"]

Attrs = dict[str, Any]


def article_node(article_id: str) -> str:
    return f"article:{article_id}"


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def event_node(event_id: str) -> str:
    return f"event:{event_id}"


def build_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Articles, actors/places and events as nodes; typed, keyed edges between them."""
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
    return _assemble(nodes, edges)


def _event_attrs(event: ResolvedEvent) -> Attrs:
    start, end = iso_bounds(read_time(event.time))
    return {
        "kind": "event",
        "type": event.type.value,
        "label": f"{event.type.value}: {event.trigger}",
        "trigger": event.trigger,
        "lemma": event.lemma,
        "start": start,
        "end": end,
        "time_value": event.time.value,
        "time_source": event.time.source,
        "polarity": event.polarity.value,
        "modality": event.modality.value,
        "articles": _article_ids(event.sources),
        "mentions": len(event.sources),
    }


def _event_edges(event: ResolvedEvent) -> list[tuple[str, str, str, Attrs]]:
    node = event_node(event.id)
    edges = [(actor_node(a), node, "agent", {}) for a in event.agents]
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


def _assemble(nodes: dict[str, Attrs], edges: list[tuple[str, str, str, Attrs]]) -> nx.MultiDiGraph:
    for source, target, _, _ in edges:
        for end in (source, target):
            if end not in nodes:  # a dangling id in the model: keep the edge, mark the node
                nodes[end] = {"kind": "unknown", "type": "unknown", "label": end}
    graph = nx.MultiDiGraph()
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    for source, target, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        edge_type = key.split(":", 1)[0]  # agent, reported_in, relation, ...
        graph.add_edge(
            source,
            target,
            key=key,
            kind=edge_type,
            **{"type": edge_type, "label": edge_type, **attrs},
        )
    return graph


def _article_ids(sources: list[Source]) -> list[str]:
    return sorted({s.provenance.article_id for s in sources})
