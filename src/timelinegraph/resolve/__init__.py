"""Resolve: merge what many articles say into one node per real actor and per real event."""

from __future__ import annotations

from collections.abc import Mapping

from ..models import ArticleExtraction, KnowledgeGraph
from .parts import article_keys, join_parts, plan_merge, resolve_part

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
    (``resolve.actor_rules``). Places are put on the map last (``resolve.places``, in the
    join). Runs the merge part by part here (``resolve.parts``): a build
    runs the same parts elsewhere and gets the same graph."""
    by_id = {x.article.id: x for x in extractions}
    keys = [article_keys(x, all_events=all_events) for x in by_id.values()]
    plan = plan_merge(keys, stories=stories)
    return join_parts(
        plan,
        (
            resolve_part(
                [by_id[a] for a in part],
                plan.actor_ids,
                plan.part_stories(part),
                all_events=all_events,
            )
            for part in plan.parts
        ),
    )
