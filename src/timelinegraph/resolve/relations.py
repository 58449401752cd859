"""Relations between global actors, one per (type, source, target), all sources kept."""

from __future__ import annotations

from collections import defaultdict

from ..models import ArticleExtraction, RelationType, ResolvedRelation, Source
from .actors import LocalKey
from .ids import digest


def resolve_relations(
    extractions: list[ArticleExtraction], actor_ids: dict[LocalKey, str]
) -> list[ResolvedRelation]:
    grouped: dict[tuple[RelationType, str, str], list[Source]] = defaultdict(list)
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
