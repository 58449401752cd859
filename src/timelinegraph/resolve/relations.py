"""Relations between global actors, one per (type, source, target), all sources kept."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..models import ArticleExtraction, RelationType, ResolvedRelation, Source
from .actors import LocalKey
from .ids import digest

RelationKey = tuple[RelationType, str, str]


def resolve_relations(
    extractions: list[ArticleExtraction], actor_ids: dict[LocalKey, str]
) -> list[ResolvedRelation]:
    return resolved_relations(relation_sources(extractions, actor_ids))


def relation_sources(
    extractions: Iterable[ArticleExtraction], actor_ids: Mapping[LocalKey, str]
) -> dict[RelationKey, list[Source]]:
    """Each relation's sources by (type, global source, global target), in article order."""
    grouped: dict[RelationKey, list[Source]] = defaultdict(list)
    for x in extractions:
        for rel in x.relations:
            key = (
                rel.type,
                actor_ids[(x.article.id, rel.source)],
                actor_ids[(x.article.id, rel.target)],
            )
            if key[1] == key[2]:
                continue  # two local actors that turned out to be one
            text = x.article.text[rel.provenance.start : rel.provenance.end]
            grouped[key].append(
                Source(
                    local_id=f"{rel.type.value}:{rel.source}-{rel.target}",
                    text=text,
                    provenance=rel.provenance,
                )
            )
    return dict(grouped)


def resolved_relations(grouped: Mapping[RelationKey, list[Source]]) -> list[ResolvedRelation]:
    """The relations, sorted by id. Sources are sorted by article and offset (stably: the
    sources of one article keep their order), so groups joined from parts in any order give
    the same relations."""
    return sorted(
        (
            ResolvedRelation(
                id=f"rel-{digest(t.value, s, o)}",
                type=t,
                source=s,
                target=o,
                sources=sorted(srcs, key=lambda x: (x.provenance.article_id, x.provenance.start)),
            )
            for (t, s, o), srcs in grouped.items()
        ),
        key=lambda r: r.id,
    )
