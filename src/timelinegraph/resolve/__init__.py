"""Resolve: merge what many articles say into one node per real actor and per real event."""

from __future__ import annotations

from collections.abc import Mapping

from ..models import ArticleExtraction, ArticleInfo, KnowledgeGraph, Story
from .actors import resolve_actors
from .events import resolve_events
from .order import resolve_order
from .places import locate_places
from .relations import resolve_relations
from .stories import group_stories

__all__ = ["resolve"]


def resolve(
    extractions: list[ArticleExtraction],
    *,
    all_events: bool = False,
    stories: Mapping[str, str] | None = None,
) -> KnowledgeGraph:
    """The cross-article graph model. The result does not depend on the input order.
    ``all_events`` keeps untyped events that have no participant too. Articles are grouped
    into stories first (``resolve.stories``); ``stories`` (article id -> story id) replaces
    that grouping, e.g. with a known one. Persons of one name in unrelated stories stay apart
    (``resolve.actor_rules``). Places are put on the map last (``resolve.places``)."""
    ordered = sorted(extractions, key=lambda x: x.article.id)
    found, story_of = group_stories(ordered)
    if stories is not None:
        story_of = {x.article.id: stories.get(x.article.id, x.article.id) for x in ordered}
        found = _stories_of(ordered, story_of)
    actors, actor_ids = resolve_actors(ordered, stories=story_of)
    events = resolve_events(ordered, actor_ids, all_events=all_events, stories=story_of)
    events, links, contradictions = resolve_order(ordered, events)
    return KnowledgeGraph(
        articles=[_info(x, story_of) for x in ordered],
        actors=locate_places(actors),
        events=events,
        relations=resolve_relations(ordered, actor_ids),
        stories=found,
        links=links,
        contradictions=contradictions,
    )


def _stories_of(ordered: list[ArticleExtraction], story_of: Mapping[str, str]) -> list[Story]:
    """Stories from a given grouping, labelled as ``group_stories`` labels them."""
    members: dict[str, list[str]] = {}
    for x in ordered:
        members.setdefault(story_of[x.article.id], []).append(x.article.id)
    titles = {x.article.id: x.article.title for x in ordered}
    return sorted(
        (
            Story(
                id=s,
                label=next((titles[a] for a in ids if titles[a]), None) or ids[0],
                articles=ids,
            )
            for s, ids in members.items()
        ),
        key=lambda st: st.id,
    )


def _info(x: ArticleExtraction, story_of: dict[str, str]) -> ArticleInfo:
    """The article's metadata: every field ArticleInfo has, taken from the Article, and its
    story."""
    fields = set(ArticleInfo.model_fields) - {"story"}
    info = ArticleInfo.model_validate(x.article.model_dump(include=fields))
    info.story = story_of.get(x.article.id)
    return info
