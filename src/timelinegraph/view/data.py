"""What the page shows, read from a build's exports or computed from a KnowledgeGraph.

One source of truth per fact: ``timeline.json`` gives every event with its full record
(participants, time, sources with sentences and offsets, merges) and so the actors that take
part in events; ``graph.graphml`` is read only for what the timeline does not carry, the
actor-actor relations (and the actors they link). Both paths, from the exports and from the
model, go through the same functions, so ``build --format html`` and ``view`` agree byte for
byte on the same build. From the model, the timeline is taken as the data ``timeline.json``
is written from, and the relations as networkx would read them back from ``graph.graphml``
(``relations_from_kg``, tested against that round trip) without writing and parsing it.

A build's events and actors stay in files (``stored.StoredList``: each read unpickles one), so
what the page reads of the network is gathered in one pass over each list (``network_nodes``),
as small keys: node ids, an actor's name, type and point.
"""

from __future__ import annotations

import calendar
import heapq
import io
import json
from collections.abc import Iterator
from datetime import date
from html import escape
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
from pydantic import ValidationError

from ..common.gc_pause import gc_paused
from ..errors import ViewError
from ..export.graphml import clean_text, graphml_node_id, original_node_id
from ..export.timeline import counted, opening, timeline_slides
from ..export.timeline_models import TimelineDocument
from ..graph.network import actor_node, article_node, event_node
from ..models import KnowledgeGraph, ResolvedEvent

__all__ = [
    "PAGE_EVENTS",
    "NetworkNodes",
    "ViewData",
    "network_facts_from_kg",
    "network_nodes",
    "relations_from_kg",
    "view_data_from_exports",
    "view_data_from_kg",
]

ViewData = dict[str, Any]  # plain JSON-ready data, embedded in the page as one JSON block

TIMELINE_FILE, GRAPHML_FILE = "timeline.json", "graph.graphml"
TITLE = "Event timeline"
# The page holds at most this many events: the most mentioned (then those with a time of their
# own, then by id). HTML cannot stream, and TimelineJS builds every slide when it opens: at
# 2,000 slides it takes about a second. The header says when the build has more.
PAGE_EVENTS = 2000


def view_data_from_kg(kg: KnowledgeGraph) -> ViewData:
    """The page data for a model, exactly as ``view`` would read it back from its exports."""
    with gc_paused():
        nodes = network_nodes(kg)
        document, slides = timeline_slides(kg)
        # only the page's slides are kept, as they go by: all of them are the whole timeline
        document["events"], total = _page_slides_of(slides)
        facts = network_facts_from_kg(kg, nodes)
        return assemble(document, relations_from_kg(kg, nodes), facts, total=total)


def view_data_from_exports(exports: Path) -> ViewData:
    """The page data for a build folder: timeline.json (required), graph.graphml (optional)."""
    exports = Path(exports)
    if not exports.is_dir():
        raise ViewError(f"{exports}: not a folder (expected a build's exports)")
    document = read_timeline(exports / TIMELINE_FILE)
    graphml = exports / GRAPHML_FILE
    relations: list[dict[str, Any]] = []
    facts = None
    if graphml.is_file():
        network = read_graphml(graphml)
        relations, facts = relations_from_network(network), network_facts(network)
    return assemble(document.model_dump(mode="json", exclude_none=True), relations, facts)


def read_timeline(path: Path) -> TimelineDocument:
    """timeline.json validated against our model; a one-line error names the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ViewError(f"{path}: not found (build with --format timeline)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ViewError(f"{path}: cannot read timeline JSON: {exc}") from None
    try:
        return TimelineDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = f"not a timelinegraph timeline: {where}: {first['msg']}"
        raise ViewError(f"{path}: {problem}") from None


def read_graphml(path: Path) -> nx.MultiDiGraph:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ViewError(f"{path}: cannot read GraphML: {exc.strerror or exc}") from None
    return _parse_graphml(io.BytesIO(data), str(path))


def _parse_graphml(data: io.BytesIO, name: str) -> nx.MultiDiGraph:
    try:
        return nx.read_graphml(data, force_multigraph=True)
    except Exception as exc:  # networkx raises assorted parser errors
        raise ViewError(f"{name}: cannot read GraphML: {exc}") from None


def relations_from_network(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Actor-actor relation edges of the GraphML network, with both ends' name and type."""
    relations = []
    for source, target, attrs in graph.edges(data=True):
        if attrs.get("kind") != "relation":
            continue
        ends = [_actor_end(graph, node) for node in (source, target)]
        articles = str(attrs.get("articles", ""))
        relations.append(
            {
                "id": str(attrs.get("relation_id", f"{source}->{target}")),
                "type": str(attrs.get("type", "relation")),
                "source": ends[0],
                "target": ends[1],
                "articles": [a for a in articles.split(";") if a],
            }
        )
    return sorted(relations, key=lambda r: (r["id"], r["source"]["id"], r["target"]["id"]))


def _actor_end(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    node = original_node_id(node)
    actor_id = node.split(":", 1)[1] if node.startswith("actor:") else node
    return {"id": actor_id, "name": str(attrs.get("label", actor_id)), "type": attrs.get("type")}


def network_facts(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page takes from the GraphML network besides relations: the build's counts
    (the nodes of each kind, the relation edges), where placed actors are (``lat``/``lng``),
    and a label for each story (its first article's label, in id order)."""
    counts = {"events": 0, "actors": 0, "articles": 0, "relations": 0}
    geo: dict[str, list[float]] = {}
    stories: dict[str, str] = {}
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = attrs.get("kind")
        if kind == "event":
            counts["events"] += 1
        elif kind in ("actor", "place"):
            counts["actors"] += 1
            if "lat" in attrs and "lng" in attrs:
                original = original_node_id(node)
                actor_id = original.split(":", 1)[1] if original.startswith("actor:") else original
                geo[actor_id] = [float(attrs["lat"]), float(attrs["lng"])]
        elif kind == "article":
            counts["articles"] += 1
            story = attrs.get("story")
            if story:
                stories.setdefault(str(story), str(attrs.get("label", "")))
    counts["relations"] = sum(1 for *_, a in graph.edges(data=True) if a.get("kind") == "relation")
    return {"counts": counts, "geo": geo, "stories": stories}


class ActorNode(NamedTuple):
    """What the page reads of an actor's network node."""

    kind: str  # "place" or "actor", as build_network
    label: str
    type: str
    point: tuple[float, float] | None  # (latitude, longitude), when placed


class NetworkNodes(NamedTuple):
    """The model's network nodes as the page reads them (network node ids, see
    ``graph.network``): each actor's (the last of an id, as the network keeps), each event's,
    and the nodes the edges of events, actors and links end at."""

    actors: dict[str, ActorNode]
    events: set[str]
    actor_ends: set[str]  # the actors events name: agents, targets, attributions, location
    other_ends: set[str]  # the articles of events' and actors' sources, links' events


def network_nodes(kg: KnowledgeGraph) -> NetworkNodes:
    """``kg``'s ``NetworkNodes``, each list read once."""
    nodes = NetworkNodes({}, set(), set(), set())
    for actor in kg.actors:
        kind = "place" if actor.type == "PLACE" else "actor"
        point = (actor.geo.latitude, actor.geo.longitude) if actor.geo is not None else None
        nodes.actors[actor_node(actor.id)] = ActorNode(kind, actor.name, actor.type.value, point)
        nodes.other_ends.update(article_node(s.provenance.article_id) for s in actor.sources)
    for event in kg.events:
        nodes.events.add(event_node(event.id))
        nodes.actor_ends.update(_actor_ends_of(event))
        nodes.other_ends.update(article_node(s.provenance.article_id) for s in event.sources)
    for link in kg.links:
        if link.target_kind == "event":
            nodes.other_ends.update((event_node(link.source), event_node(link.target)))
    return nodes


def _actor_ends_of(event: ResolvedEvent) -> list[str]:
    """The actor nodes an event's edges end at."""
    ends = [actor_node(a) for a in (*event.agents, *event.targets, *event.attributions)]
    if event.location is not None:
        ends.append(actor_node(event.location))
    return ends


def network_facts_from_kg(kg: KnowledgeGraph, nodes: NetworkNodes | None = None) -> dict[str, Any]:
    """``network_facts`` of the model's GraphML as networkx reads it back, from the model
    (``nodes``: its ``network_nodes``, when gathered already).

    As the round trip does: a node for every article, actor and event, and for every end of
    an edge that names none of them (kind "unknown"); nodes whose ids are the same once
    cleaned for XML are one node, the last in id order; repeated relation edges are one."""
    nodes = network_nodes(kg) if nodes is None else nodes
    kinds: dict[str, tuple[str, Any]] = {}  # network node -> (kind, its article or point)
    for article in kg.articles:
        kinds[article_node(article.id)] = ("article", article)
    for node, actor in nodes.actors.items():
        kinds[node] = (actor.kind, actor.point)
    for node in nodes.events:
        kinds[node] = ("event", None)
    for relation in kg.relations:
        for end in (actor_node(relation.source), actor_node(relation.target)):
            kinds.setdefault(end, ("unknown", None))
    for node in (*nodes.actor_ends, *nodes.other_ends):
        kinds.setdefault(node, ("unknown", None))
    merged: dict[str, tuple[str, Any]] = {}
    for node in sorted(kinds):  # GraphML merges nodes equal once cleaned: the last one wins
        merged[graphml_node_id(node)] = kinds[node]
    counts = {"events": 0, "actors": 0, "articles": 0, "relations": 0}
    geo: dict[str, list[float]] = {}
    stories: dict[str, str] = {}
    for node_id, (kind, item) in sorted(merged.items()):
        if kind == "event":
            counts["events"] += 1
        elif kind in ("actor", "place"):
            counts["actors"] += 1
            if item is not None:
                original = original_node_id(node_id)
                geo[original.split(":", 1)[1]] = list(item)
        elif kind == "article":
            counts["articles"] += 1
            if item.story:
                stories.setdefault(clean_text(item.story), clean_text(item.title or item.id))
    counts["relations"] = len(
        {(actor_node(r.source), actor_node(r.target), r.id) for r in kg.relations}
    )
    return {"counts": counts, "geo": geo, "stories": stories}


def relations_from_kg(
    kg: KnowledgeGraph, nodes: NetworkNodes | None = None
) -> list[dict[str, Any]]:
    """``relations_from_network`` of the model's GraphML as networkx reads it back, computed
    from the model (``nodes``: its ``network_nodes``, when gathered already): writing and
    parsing the whole GraphML took 8 s per 1,000 articles.

    What the round trip does is done here too: text cleaned for XML (an empty value reads
    back as ""); actor nodes whose ids are the same once cleaned are one node (the last in id
    order wins); a relation repeated between the same actors is one edge; the same sort.
    """
    merged = {
        (actor_node(r.source), actor_node(r.target), f"relation:{r.id}"): r for r in kg.relations
    }
    nodes = network_nodes(kg) if nodes is None else nodes
    ends = _relation_ends(nodes, {end for key in merged for end in key[:2]})
    relations = []
    for (source, target, _), relation in sorted(merged.items(), key=_first):
        source_id, target_id = graphml_node_id(source), graphml_node_id(target)
        articles = sorted({s.provenance.article_id for s in relation.sources})
        relations.append(
            {
                "id": clean_text(relation.id),
                "type": clean_text(relation.type.value),
                "source": dict(ends[source_id]),
                "target": dict(ends[target_id]),
                "articles": [a for a in clean_text(";".join(articles)).split(";") if a],
            }
        )
    return sorted(relations, key=lambda r: (r["id"], r["source"]["id"], r["target"]["id"]))


def _first(item: tuple[tuple[str, str, str], Any]) -> tuple[str, str, str]:
    return item[0]


def _relation_ends(nodes: NetworkNodes, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """GraphML node id -> relation end, for the nodes of ``wanted`` (network node ids)."""
    # network node -> (label, type), as build_network: every actor end of an event edge is a
    # node too
    names = {node: (actor.label, actor.type) for node, actor in nodes.actors.items()}
    for node in (*wanted, *nodes.actor_ends):
        names.setdefault(node, (node, "unknown"))
    wanted_ids = {graphml_node_id(node) for node in wanted}
    found: dict[str, tuple[str, str]] = {}
    for node in sorted(names):  # GraphML merges nodes equal once cleaned: the last one wins
        node_id = graphml_node_id(node)
        if node_id in wanted_ids:
            found[node_id] = names[node]
    ends = {}
    for node_id, (label, actor_type) in found.items():
        node = original_node_id(node_id)
        actor_id = node.split(":", 1)[1] if node.startswith("actor:") else node
        ends[node_id] = {"id": actor_id, "name": clean_text(label), "type": clean_text(actor_type)}
    return ends


def assemble(
    document: dict[str, Any],
    relations: list[dict[str, Any]],
    facts: dict[str, Any] | None = None,
    *,
    total: int | None = None,
) -> ViewData:
    """Events (records + date bounds + TimelineJS slide HTML), actors (with ``lat``/``lng`` when
    placed), relations, stories, the build's counts and the page's, from the timeline as JSON
    data (``timeline_data``, or a read timeline's ``model_dump``) and the network's facts.

    At most ``PAGE_EVENTS`` events, the most mentioned, in timeline order; the opening is
    recomputed for them. The actors are those of these events and of the relations.
    ``total``: the document holds only the page's slides (``_page_slides_of``) of ``total``,
    and ``facts`` has the build's counts."""
    slides = document["events"]
    kept = _page_slides(slides)
    if total is None:
        total = len(slides)
    events = [_event(slide) for slide in kept]
    geo = (facts or {}).get("geo", {})
    actors: dict[str, dict[str, Any]] = {}
    for event in events:
        for ref in _participants(event["record"]):
            actors.setdefault(
                ref["id"], {"id": ref["id"], "name": ref["name"], "type": ref.get("type")}
            )
    for relation in relations:
        for end in (relation["source"], relation["target"]):
            actors.setdefault(end["id"], dict(end))
        relation["source"], relation["target"] = relation["source"]["id"], relation["target"]["id"]
    for actor_id, actor in actors.items():
        if actor_id in geo:
            actor["lat"], actor["lng"] = geo[actor_id]
    articles = _articles(events)
    build = dict((facts or {}).get("counts") or {})
    if not build:  # no GraphML beside the timeline: what the timeline holds
        build = {
            "events": len(slides),
            "actors": len(actors),
            "articles": len(
                {s["article_id"] for slide in slides for s in slide["timelinegraph"]["sources"]}
            ),
            "relations": len(relations),
        }
    capped = len(kept) < total
    line = (
        f"{counted(build['events'], 'event')}, {counted(build['actors'], 'actor')}, "
        f"{counted(build['articles'], 'article')}."
    )
    if capped:
        line += f" This page holds the {len(kept):,} most mentioned events."
    return {
        "title": TITLE,
        "timeline_title": {"text": {"headline": escape(TITLE), "text": f"<p>{escape(line)}</p>"}},
        "summary": {
            **build,
            "page_events": len(events),
            "page_actors": len(actors),
            "page_articles": len(articles),
            "page_relations": len(relations),
            "cap": PAGE_EVENTS if capped else None,
            "first": min((e["lo"] for e in events), default=None),
            "last": max((e["hi"] for e in events), default=None),
        },
        "articles": articles,
        "opening": (opening(kept) if kept else None) if capped else document.get("timelinegraph"),
        "events": events,
        "actors": sorted(actors.values(), key=lambda a: a["id"]),
        "relations": relations,
        "stories": _stories(events, (facts or {}).get("stories", {})),
    }


def _page_slides(slides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ``PAGE_EVENTS`` most mentioned slides (then those with a time of their own, then by
    id), in their timeline order; all of them (the same list) when there are no more."""
    if len(slides) <= PAGE_EVENTS:
        return slides
    return _page_slides_of(iter(slides))[0]


def _page_slides_of(slides: Iterator[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """``_page_slides`` of slides read one by one, holding no more than the page's; and how
    many slides there were."""
    count = 0

    def numbered() -> Iterator[tuple[int, dict[str, Any]]]:
        nonlocal count
        for slide in slides:
            yield count, slide
            count += 1

    best = heapq.nsmallest(PAGE_EVENTS, numbered(), key=_page_rank)
    return [slide for _, slide in sorted(best, key=lambda item: item[0])], count


def _page_rank(item: tuple[int, dict[str, Any]]) -> tuple[int, bool, str]:
    """Most mentioned first, then those with a time of their own, then by id (unique)."""
    record = item[1]["timelinegraph"]
    return (-len(record["sources"]), record["time"]["placement"] != "event_time", record["id"])


def _stories(events: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The stories of the page's events: id, label and how many of the page's events."""
    counts: dict[str, int] = {}
    for event in events:
        for story in event["record"].get("stories", []):
            counts[story] = counts.get(story, 0) + 1
    return [
        {"id": story, "label": labels.get(story) or story, "events": count}
        for story, count in sorted(counts.items())
    ]


def _event(slide: dict[str, Any]) -> dict[str, Any]:
    record = slide["timelinegraph"]
    start = slide["start_date"]
    lo = _bound(start, last=False)
    hi = _bound(slide.get("end_date") or start, last=True)
    return {
        "id": slide["unique_id"],
        "lo": lo,
        "hi": max(lo, hi),
        "display": slide.get("display_date") or _plain_date(start),
        "slide": _slide(slide, record),
        "record": record,
    }


def _slide(slide: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """A TimelineJS event whose HTML is rebuilt here from the raw record, escaped."""
    data: dict[str, Any] = {
        "start_date": slide["start_date"],
        "text": {"headline": escape(headline(record)), "text": _slide_body(record)},
        "unique_id": slide["unique_id"],
    }
    for optional in ("end_date", "display_date"):
        if optional in slide:
            data[optional] = slide[optional]
    return data


def headline(record: dict[str, Any]) -> str:
    """'agents trigger targets' in plain text ("not:" first for negated events)."""
    agents = ", ".join(a["name"] for a in record["agents"])
    targets = ", ".join(a["name"] for a in record["targets"])
    words = " ".join(part for part in (agents, record["trigger"], targets) if part)
    return f"not: {words}" if record["polarity"] == "NEG" else words


def _slide_body(record: dict[str, Any]) -> str:
    facts = f"{record['type']} · {record['modality']}"
    parts = [f"<p>{escape(facts)}</p>"]
    for source in record["sources"]:
        where = f"{source['article_id']} [{source['start']}:{source['end']}]"
        parts.append(f"<blockquote>{escape(source['sentence'])}</blockquote><p>{escape(where)}</p>")
    return "".join(parts)


def _participants(record: dict[str, Any]) -> list[dict[str, Any]]:
    refs = [*record["agents"], *record["targets"], *record["attributions"]]
    if "location" in record:
        refs.append(record["location"])
    return refs


def _articles(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for event in events:
        for source in event["record"]["sources"]:
            found.setdefault(
                source["article_id"],
                {
                    "id": source["article_id"],
                    "title": source.get("article_title"),
                    "published": source.get("published"),
                },
            )
    return [{k: v for k, v in a.items() if v is not None} for _, a in sorted(found.items())]


def _bound(when: dict[str, Any], *, last: bool) -> str:
    """First (or last) day a TimelineJS date can mean, as an ISO date string."""
    year = when["year"]
    month = when.get("month") or (12 if last else 1)
    day = when.get("day") or (31 if last else 1)
    try:
        if last and not when.get("day"):
            day = calendar.monthrange(year, month)[1]
        return date(year, month, day).isoformat()
    except ValueError:  # year outside 1..9999: keep a sortable string anyway
        return f"{year:04d}-{month:02d}-{day:02d}"


def _plain_date(when: dict[str, Any]) -> str:
    parts = (when["year"], when.get("month"), when.get("day"))
    return "-".join(f"{part:02d}" for part in parts if part)
