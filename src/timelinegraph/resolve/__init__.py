"""Resolve: merge what many articles say into one node per real actor and per real event."""

from __future__ import annotations

from ..models import ArticleExtraction, ArticleInfo, KnowledgeGraph
from .actors import resolve_actors
from .events import resolve_events
from .order import resolve_order
from .relations import resolve_relations
from .stories import group_stories

__all__ = ["resolve"]


def resolve(extractions: list[ArticleExtraction], *, all_events: bool = False) -> KnowledgeGraph:
    """The cross-article graph model. The result does not depend on the input order.
    ``all_events`` keeps untyped events that have no participant too."""
    ordered = sorted(extractions, key=lambda x: x.article.id)
    stories, story_of = group_stories(ordered)
    actors, actor_ids = resolve_actors(ordered)
    events = resolve_events(ordered, actor_ids, all_events=all_events, stories=story_of)
    events, links, contradictions = resolve_order(ordered, events)
    return KnowledgeGraph(
        articles=[_info(x, story_of) for x in ordered],
        actors=actors,
        events=events,
        relations=resolve_relations(ordered, actor_ids),
        stories=stories,
        links=links,
        contradictions=contradictions,
    )


def _info(x: ArticleExtraction, story_of: dict[str, str]) -> ArticleInfo:
    """The article's metadata: every field ArticleInfo has, taken from the Article, and its
    story."""
    fields = set(ArticleInfo.model_fields) - {"story"}
    info = ArticleInfo.model_validate(x.article.model_dump(include=fields))
    info.story = story_of.get(x.article.id)
    return info
