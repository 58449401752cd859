"""What the page shows, read from a build's exports or computed from a KnowledgeGraph.

One source of truth per fact: ``timeline.json`` gives every event with its full record
(participants, time, sources with sentences and offsets, merges) and so the actors that take
part in events; ``graph.graphml`` is read only for what the timeline does not carry, the
actor-actor relations (and the actors they link). Both paths, from the exports and from the
model, go through the same functions, so ``build --format html`` and ``view`` agree byte for
byte on the same build.
"""

from __future__ import annotations

import calendar
import io
import json
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from ..errors import TimelineGraphError
from ..export.graphml import original_node_id, render_graphml
from ..export.timeline import build_timeline, counted
from ..export.timeline_models import EventRecord, TimelineDate, TimelineDocument, TimelineEvent
from ..models import KnowledgeGraph

__all__ = ["ViewData", "view_data_from_exports", "view_data_from_kg"]

ViewData = dict[str, Any]  # plain JSON-ready data, embedded in the page as one JSON block

TIMELINE_FILE, GRAPHML_FILE = "timeline.json", "graph.graphml"
TITLE = "Event timeline"


def view_data_from_kg(kg: KnowledgeGraph) -> ViewData:
    """The page data for a model, exactly as ``view`` would read it back from its exports."""
    # through the GraphML bytes, so the page is the one ``view`` makes from this build's exports
    graph = _parse_graphml(io.BytesIO(render_graphml(kg)), "graph.graphml")
    return assemble(build_timeline(kg), relations_from_network(graph))


def view_data_from_exports(exports: Path) -> ViewData:
    """The page data for a build folder: timeline.json (required), graph.graphml (optional)."""
    exports = Path(exports)
    if not exports.is_dir():
        raise TimelineGraphError(f"{exports}: not a folder (expected a build's exports)")
    document = read_timeline(exports / TIMELINE_FILE)
    graphml = exports / GRAPHML_FILE
    relations = relations_from_network(read_graphml(graphml)) if graphml.is_file() else []
    return assemble(document, relations)


def read_timeline(path: Path) -> TimelineDocument:
    """timeline.json validated against our model; a one-line error names the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TimelineGraphError(f"{path}: not found (build with --format timeline)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TimelineGraphError(f"{path}: cannot read timeline JSON: {exc}") from None
    try:
        return TimelineDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        problem = f"not a timelinegraph timeline: {where}: {first['msg']}"
        raise TimelineGraphError(f"{path}: {problem}") from None


def read_graphml(path: Path) -> nx.MultiDiGraph:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TimelineGraphError(f"{path}: cannot read GraphML: {exc.strerror or exc}") from None
    return _parse_graphml(io.BytesIO(data), str(path))


def _parse_graphml(data: io.BytesIO, name: str) -> nx.MultiDiGraph:
    try:
        return nx.read_graphml(data, force_multigraph=True)
    except Exception as exc:  # networkx raises assorted parser errors
        raise TimelineGraphError(f"{name}: cannot read GraphML: {exc}") from None


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


def assemble(document: TimelineDocument, relations: list[dict[str, Any]]) -> ViewData:
    """Events (records + date bounds + TimelineJS slide HTML), actors, relations, summary."""
    events = [_event(slide) for slide in document.events]
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
    articles = _articles(events)
    line = (
        f"{counted(len(events), 'event')}, {counted(len(actors), 'actor')}, "
        f"{counted(len(articles), 'article')}."
    )
    return {
        "title": TITLE,
        "timeline_title": {"text": {"headline": escape(TITLE), "text": f"<p>{escape(line)}</p>"}},
        "summary": {
            "events": len(events),
            "actors": len(actors),
            "relations": len(relations),
            "articles": len(articles),
            "first": min((e["lo"] for e in events), default=None),
            "last": max((e["hi"] for e in events), default=None),
        },
        "articles": articles,
        "events": events,
        "actors": sorted(actors.values(), key=lambda a: a["id"]),
        "relations": relations,
    }


def _event(slide: TimelineEvent) -> dict[str, Any]:
    record = slide.timelinegraph
    lo = _bound(slide.start_date, last=False)
    hi = _bound(slide.end_date or slide.start_date, last=True)
    return {
        "id": slide.unique_id,
        "lo": lo,
        "hi": max(lo, hi),
        "display": slide.display_date or _plain_date(slide.start_date),
        "slide": _slide(slide, record),
        "record": record.model_dump(mode="json", exclude_none=True),
    }


def _slide(slide: TimelineEvent, record: EventRecord) -> dict[str, Any]:
    """A TimelineJS event whose HTML is rebuilt here from the raw record, escaped."""
    data: dict[str, Any] = {
        "start_date": slide.start_date.model_dump(exclude_none=True),
        "text": {"headline": escape(headline(record)), "text": _slide_body(record)},
        "unique_id": slide.unique_id,
    }
    if slide.end_date is not None:
        data["end_date"] = slide.end_date.model_dump(exclude_none=True)
    if slide.display_date is not None:
        data["display_date"] = slide.display_date
    return data


def headline(record: EventRecord) -> str:
    """'agents trigger targets' in plain text ("not:" first for negated events)."""
    agents = ", ".join(a.name for a in record.agents)
    targets = ", ".join(a.name for a in record.targets)
    words = " ".join(part for part in (agents, record.trigger, targets) if part)
    return f"not: {words}" if record.polarity.value == "NEG" else words


def _slide_body(record: EventRecord) -> str:
    facts = f"{record.type.value} · {record.modality.value}"
    parts = [f"<p>{escape(facts)}</p>"]
    for source in record.sources:
        where = f"{source.article_id} [{source.start}:{source.end}]"
        parts.append(f"<blockquote>{escape(source.sentence)}</blockquote><p>{escape(where)}</p>")
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


def _bound(when: TimelineDate, *, last: bool) -> str:
    """First (or last) day a TimelineJS date can mean, as an ISO date string."""
    month = when.month or (12 if last else 1)
    day = when.day or (31 if last else 1)
    try:
        if last and not when.day:
            day = calendar.monthrange(when.year, month)[1]
        return date(when.year, month, day).isoformat()
    except ValueError:  # year outside 1..9999: keep a sortable string anyway
        return f"{when.year:04d}-{month:02d}-{day:02d}"


def _plain_date(when: TimelineDate) -> str:
    return "-".join(f"{part:02d}" for part in (when.year, when.month, when.day) if part)
