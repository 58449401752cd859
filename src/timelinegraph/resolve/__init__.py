"""Resolve: merge what many articles say into one node per real actor and per real event."""

from __future__ import annotations

from collections.abc import Mapping

from ..models import ArticleExtraction, ArticleInfo, KnowledgeGraph
from .actors import resolve_actors
from .events import resolve_events
from .relations import resolve_relations

__all__ = ["resolve"]


def resolve(
    extractions: list[ArticleExtraction],
    *,
    all_events: bool = False,
    stories: Mapping[str, str] | None = None,
) -> KnowledgeGraph:
    """The cross-article graph model. The result does not depend on the input order.
    ``all_events`` keeps untyped events that have no participant too. ``stories`` (article
    id -> story id) keeps persons of one name in unrelated stories apart; None (the default)
    takes the whole corpus as one story (see ``resolve.actor_rules``)."""
    ordered = sorted(extractions, key=lambda x: x.article.id)
    actors, actor_ids = resolve_actors(ordered, stories=stories)
    return KnowledgeGraph(
        articles=[_info(x) for x in ordered],
        actors=actors,
        events=resolve_events(ordered, actor_ids, all_events=all_events),
        relations=resolve_relations(ordered, actor_ids),
    )


def _info(x: ArticleExtraction) -> ArticleInfo:
    """The article's metadata: every field ArticleInfo has, taken from the Article."""
    return ArticleInfo.model_validate(x.article.model_dump(include=set(ArticleInfo.model_fields)))
