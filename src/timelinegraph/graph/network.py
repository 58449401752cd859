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
Nodes are sorted, and edges sorted by (source, target, key), so every export is deterministic.

``network_view`` gives that network without building it: the sorted node ids, and one node's
attributes or outgoing edges made when asked for, from the model (``ModelNetwork``) or from an
already built networkx graph. The GraphML and GEXF writers walk it node by node, so they
never hold every node's and edge's attributes at once (a few hundred MB per 1,000 articles).
``network_rows`` lists it all, as plain dicts and tuples (``build_network`` reads them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

import networkx as nx

from ..models import (
    ActorType,
    ArticleInfo,
    KnowledgeGraph,
    LinkSource,
    ResolvedActor,
    ResolvedEvent,
    ResolvedLink,
    ResolvedRelation,
    Source,
)
from ..stored import indices_by_id, item_ids
from .timespan import event_bounds, iso_bounds, read_time

__all__ = [
    "ModelNetwork",
    "NetworkView",
    "actor_node",
    "article_node",
    "build_network",
    "event_node",
    "network_items",
    "network_rows",
    "network_view",
]

Attrs = dict[str, Any]
Edge = tuple[Any, Any, Any, Attrs]  # source, target, key, attributes
# An edge as its rule gives it: source, target, key, and what makes its attributes (a function
# and the model object it reads) or None, called only when the edge is about to be written.
Planned = tuple[str, str, str, Callable[[Any], Attrs] | None, Any]
T = TypeVar("T")


def article_node(article_id: str) -> str:
    return f"article:{article_id}"


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def event_node(event_id: str) -> str:
    return f"event:{event_id}"


class NetworkView(Protocol):
    """A network read one node at a time: ``nodes`` in order, each node's attributes and
    outgoing edges (in the order the whole network lists them)."""

    @property
    def nodes(self) -> Sequence[Any]: ...

    def node_attrs(self, node: Any) -> Attrs: ...

    def out_edges(self, node: Any) -> list[Edge]: ...


def network_view(kg_or_graph: KnowledgeGraph | nx.MultiDiGraph) -> NetworkView:
    """A model's network (made on demand) or an already built networkx graph, as a view."""
    if isinstance(kg_or_graph, KnowledgeGraph):
        return ModelNetwork(kg_or_graph)
    return _GraphNetwork(kg_or_graph)


def build_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Articles, actors/places and events as nodes; typed, keyed edges between them."""
    nodes, edges = network_rows(kg)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(edges)
    return graph


def network_items(
    kg_or_graph: KnowledgeGraph | nx.MultiDiGraph,
) -> tuple[Iterator[tuple[Any, Attrs]], Iterator[Edge]]:
    """(node, attributes) and (source, target, key, attributes) of a model's network or of an
    already built networkx graph, each made as it is read."""
    view = network_view(kg_or_graph)
    nodes = ((node, view.node_attrs(node)) for node in view.nodes)
    edges = (edge for node in view.nodes for edge in view.out_edges(node))
    return nodes, edges


def network_rows(kg: KnowledgeGraph) -> tuple[dict[str, Attrs], list[Edge]]:
    """``build_network``'s nodes (id -> attributes) and edges, in the order its graph yields
    them: nodes sorted, edges sorted by (source, target, key), repeated keys merged."""
    nodes, edges = network_items(kg)
    return dict(nodes), list(edges)


class _GraphNetwork:
    """An already built networkx graph as a ``NetworkView`` (it holds everything already)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self.nodes: list[Any] = list(graph.nodes)

    def node_attrs(self, node: Any) -> Attrs:
        attrs: Attrs = self._graph.nodes[node]
        return attrs

    def out_edges(self, node: Any) -> list[Edge]:
        return list(self._graph.out_edges(node, keys=True, data=True))


class ModelNetwork:
    """``build_network``'s network made from the model one node at a time. It keeps the sorted
    node ids and, per model id, where the model objects whose edges leave that node are in
    their lists (indices, not the objects: a build's events, actors and links are on disk,
    ``stored.StoredList``); the objects are read, and attributes made, only when a node or
    its edges are asked for. The events are read once up front (agents, edge ends), then
    once per node walk and once per edge walk (GraphML and GEXF walk each once, keeping
    the rows for their second pass: ``export.replay``)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self._kg = kg
        self._articles = {article.id: article for article in kg.articles}  # the last one wins
        # every object of an id adds its edges; the last one gives the node's attributes
        self._actors = indices_by_id(kg.actors)
        self._events = indices_by_id(kg.events)
        self._event_ids = item_ids(kg.events)
        # one pass over each list finds every node an edge ends on, and where edges leave
        # from: an actor (its mentions, the events it is an agent of, its relations) or an
        # event (its own edges, its temporal links to other events)
        ends: set[str] = set()
        _scan(kg.actors, _mention_edges, _no_ids, ends)
        self._agent_of = _scan(kg.events, _edges_of_event, _agent_ids, ends)
        self._relations = _scan(kg.relations, _relation_edges, _source_id, ends)
        self._links = _scan(kg.links, _order_edges, _event_link_source, ends)
        self.nodes: list[str] = self._sorted_nodes(ends)

    def node_attrs(self, node: str) -> Attrs:
        kind, _, model_id = node.partition(":")
        if kind == "article" and model_id in self._articles:
            return _article_attrs(self._articles[model_id])
        if kind == "actor" and model_id in self._actors:
            return _actor_attrs(self._kg.actors[self._actors[model_id][-1]])
        if kind == "event" and model_id in self._events:
            return _event_attrs(self._kg.events[self._events[model_id][-1]])
        return {"kind": "unknown", "type": "unknown", "label": node}  # a dangling id in the model

    def out_edges(self, node: str) -> list[Edge]:
        """The node's edges, sorted by (target, key); an edge listed twice (an actor listed
        twice) is one edge with the attributes of both, as networkx keeps it."""
        merged: dict[tuple[str, str], Attrs] = {}
        for _, target, key, make, read in self._planned(node):
            edge_type = key.split(":", 1)[0]  # agent, reported_in, relation, ...
            attrs = {"kind": edge_type, "type": edge_type, "label": edge_type}
            if make is not None:
                attrs.update(make(read))
            found = merged.get((target, key))
            if found is None:
                merged[(target, key)] = attrs
            else:
                found.update(attrs)
        return [(node, target, key, attrs) for (target, key), attrs in sorted(merged.items())]

    def _planned(self, node: str) -> Iterator[Planned]:
        """The edges leaving ``node``, in the order the model lists them, attributes unmade."""
        kind, _, model_id = node.partition(":")
        kg = self._kg
        if kind == "actor":
            for index in self._actors.get(model_id, ()):
                yield from _mention_edges(kg.actors[index])
            for index in self._agent_of.get(model_id, ()):  # made from ids: no event read
                yield node, event_node(self._event_ids[index]), "agent", None, None
            for index in self._relations.get(model_id, ()):
                yield from _relation_edges(kg.relations[index])
        elif kind == "event":
            for index in self._events.get(model_id, ()):
                yield from _event_edges(kg.events[index])
            for index in self._links.get(model_id, ()):
                yield from _order_edges(kg.links[index])

    def _sorted_nodes(self, ends: set[str]) -> list[str]:
        """Every node id, sorted: the model's articles, actors and events, and any id an edge
        ends on (``ends``, added to) that the model does not hold (kept, kind "unknown")."""
        ends.update(article_node(article_id) for article_id in self._articles)
        ends.update(actor_node(actor_id) for actor_id in self._actors)
        ends.update(event_node(event_id) for event_id in self._events)
        return sorted(ends)


def _scan(
    items: Iterable[T],
    edges: Callable[[T], Iterable[Planned]],
    ids: Callable[[T], Iterable[str]],
    ends: set[str],
) -> dict[str, list[int]]:
    """One pass over ``items``: adds both ends of their ``edges`` to ``ends``, and gives
    id -> the indices (in order) of the items that ``ids`` gives it for, each item once."""
    found: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        for planned in edges(item):
            ends.update(planned[:2])
        for item_id in dict.fromkeys(ids(item)):
            found.setdefault(item_id, []).append(index)
    return found


def _no_ids(item: object) -> tuple[()]:
    return ()


def _agent_ids(event: ResolvedEvent) -> list[str]:
    return event.agents


def _source_id(item: ResolvedRelation) -> tuple[str]:
    return (item.source,)


def _event_link_source(link: ResolvedLink) -> tuple[str, ...]:
    """A link's source event, when the link is an edge (between two events)."""
    return (link.source,) if link.target_kind == "event" else ()


# ---------- the edges: which model object makes which edge, and its attributes ----------


def _mention_edges(actor: ResolvedActor) -> Iterator[Planned]:
    node = actor_node(actor.id)
    for article_id in _article_ids(actor.sources):
        yield node, article_node(article_id), "mentioned_in", None, None


def _edges_of_event(event: ResolvedEvent) -> Iterator[Planned]:
    """Every edge an event makes: those of its agents to it, and its own."""
    node = event_node(event.id)
    for agent in event.agents:
        yield actor_node(agent), node, "agent", None, None
    yield from _event_edges(event)


def _event_edges(event: ResolvedEvent) -> Iterator[Planned]:
    """The edges leaving an event node that the event itself makes (not its links)."""
    node = event_node(event.id)
    for target in event.targets:
        yield node, actor_node(target), "target", None, None
    if event.location is not None:
        yield node, actor_node(event.location), "located_at", None, None
    for attribution in event.attributions:
        yield node, actor_node(attribution), "attributed_to", None, None
    for index, source in enumerate(event.sources):
        article = article_node(source.provenance.article_id)
        yield node, article, f"reported_in:{index}", _report_attrs, source


def _relation_edges(relation: ResolvedRelation) -> Iterator[Planned]:
    source, target = actor_node(relation.source), actor_node(relation.target)
    yield source, target, f"relation:{relation.id}", _relation_attrs, relation


def _order_edges(link: ResolvedLink) -> Iterator[Planned]:
    """A temporal link between two events as a typed edge Gephi can filter on: before,
    includes, simultaneous (a link to a time is no edge)."""
    if link.target_kind == "event":
        kind = link.relation.value.lower()
        source, target = event_node(link.source), event_node(link.target)
        yield source, target, f"{kind}:{link.id}", _order_attrs, link


def _report_attrs(source: Source) -> Attrs:
    prov = source.provenance
    return {
        "sentence_index": prov.sentence_index,
        "span_start": prov.start,
        "span_end": prov.end,
        "sentence": prov.sentence,
        "confidence": prov.confidence,
    }


def _relation_attrs(relation: ResolvedRelation) -> Attrs:
    return {
        "type": relation.type.value,
        "label": relation.type.value,
        "relation_id": relation.id,
        "articles": _article_ids(relation.sources),
    }


def _order_attrs(link: ResolvedLink) -> Attrs:
    return {
        "relation": link.relation.value,
        "confidence": link.confidence,
        "rule": link.rule,
        "link_id": link.id,
        "articles": _article_ids(link.sources),
    }


# ---------- the nodes' attributes ----------


def _article_attrs(article: ArticleInfo) -> Attrs:
    return {
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


def _actor_attrs(actor: ResolvedActor) -> Attrs:
    return {
        "kind": "place" if actor.type == ActorType.PLACE else "actor",
        "type": actor.type.value,
        "label": actor.name,
        "aliases": actor.aliases,
        "roles": actor.roles,
        "country": actor.country,
        "mentions": len(actor.sources),
        **_geo_attrs(actor),
    }


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


def _article_ids(sources: Iterable[Source | LinkSource]) -> list[str]:
    return sorted({s.provenance.article_id for s in sources})
