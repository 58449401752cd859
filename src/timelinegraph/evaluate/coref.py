"""Cross-document coreference of events and actors, scored on our own (predicted) mentions.

Documents are grouped as a user would build them: one graph per folder (an ECB+ topic, a
MEANTIME corpus). Each group's extractions are resolved together, so every predicted mention
gets the id of the graph node it ended up in. Per document, predicted mentions are aligned
one-to-one with the gold mentions of the same kind (relaxed overlap, closest length first,
inside the gold scope, as for entity mentions). An aligned prediction takes its gold mention's
identity; an unaligned one stays a mention of its own (twinless), so missed and spurious
mentions cost recall and precision as in the CoNLL reference scorer. Singletons count.

- events: every event mention we extract (framed ones too: "said" is an ECB+ action);
- actors: every actor mention (names, nominals, pronouns) against gold persons,
  organisations and places (MEANTIME PER/ORG/LOC, ECB+ HUMAN_PART_* and LOC_*).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from pydantic import Field

from ..ingest.annotated import AnnotatedDocument, EntityAnnotation, SpanAnnotation, gold_chains
from ..models import ArticleExtraction, KnowledgeGraph, Model
from ..resolve import resolve
from .coref_metrics import PRF as CorefPRF
from .coref_metrics import CorefScores, score_coreference
from .matching import align, in_scope

__all__ = [
    "CorefLayer",
    "CorefReport",
    "MentionKey",
    "gold_mentions",
    "group_of",
    "is_actor_type",
    "predicted_chains",
    "score_coref",
]

KINDS = ("events", "actors")
MentionKey = tuple[str, int, int]  # (article id, start, end)


def is_actor_type(entity_type: str | None) -> bool:
    """Gold entity types that name actors: persons, organisations, places."""
    if not entity_type:
        return False
    return entity_type in ("PER", "ORG", "LOC") or entity_type.startswith(("HUMAN_PART", "LOC"))


class CorefMeasure(Model):
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0


class CorefLayer(Model):
    """MUC, B-cubed, CEAF-e and their mean F1 (CoNLL) for one kind of mention."""

    muc: CorefMeasure = CorefMeasure()
    b_cubed: CorefMeasure = CorefMeasure()
    ceaf_e: CorefMeasure = CorefMeasure()
    conll_f1: float = 0.0
    gold_mentions: int = 0
    predicted_mentions: int = 0
    aligned_mentions: int = 0
    gold_chains: int = 0
    predicted_chains: int = 0

    @classmethod
    def of(cls, scores: CorefScores, *, aligned: int) -> CorefLayer:
        def measure(prf: CorefPRF) -> CorefMeasure:
            return CorefMeasure(precision=prf.precision, recall=prf.recall, f1=prf.f1)

        return cls(
            muc=measure(scores.muc),
            b_cubed=measure(scores.b_cubed),
            ceaf_e=measure(scores.ceaf_e),
            conll_f1=scores.conll_f1,
            gold_mentions=scores.key_mentions,
            predicted_mentions=scores.response_mentions,
            aligned_mentions=aligned,
            gold_chains=scores.key_clusters,
            predicted_chains=scores.response_clusters,
        )


class CorefReport(Model):
    documents: int = 0
    groups: int = Field(default=0, description="Folders resolved as one graph each.")
    events: CorefLayer | None = None
    actors: CorefLayer | None = None


@dataclass(frozen=True)
class ChainedMention:
    article_id: str
    start: int
    end: int
    chain: str

    @property
    def key(self) -> MentionKey:
        return (self.article_id, self.start, self.end)


def group_of(doc: AnnotatedDocument) -> str:
    """The folder a document was read from: the unit one graph is built over."""
    path = doc.article.path
    return str(PurePath(path).parent) if path else ""


def predicted_chains(
    kg: KnowledgeGraph, extractions: Iterable[ArticleExtraction]
) -> dict[str, list[ChainedMention]]:
    """Every predicted event and actor mention with the id of the node it was merged into."""
    event_node = {(s.provenance.article_id, s.local_id): e.id for e in kg.events for s in e.sources}
    actor_node = {(s.provenance.article_id, s.local_id): a.id for a in kg.actors for s in a.sources}
    found: dict[str, list[ChainedMention]] = {kind: [] for kind in KINDS}
    for x in extractions:
        aid = x.article.id
        for event in x.events:
            chain = event_node.get((aid, event.id), f"{aid}/{event.id}")
            found["events"].append(ChainedMention(aid, event.start, event.end, chain))
        for actor in x.actors:
            chain = actor_node.get((aid, actor.id), f"{aid}/{actor.id}")
            for mention in actor.mentions:
                found["actors"].append(ChainedMention(aid, mention.start, mention.end, chain))
    return found


def gold_mentions(doc: AnnotatedDocument) -> dict[str, list[ChainedMention]]:
    """The document's anchored gold mentions in scope, by kind, with their corpus-wide chains."""
    found: dict[str, list[ChainedMention]] = {}
    kinds: tuple[tuple[str, Literal["event", "entity"], Callable[[SpanAnnotation], bool]], ...]
    kinds = (
        ("events", "event", lambda m: m.end > m.start),
        (
            "actors",
            "entity",
            lambda m: (
                m.end > m.start
                and isinstance(m, EntityAnnotation)  # entities only are asked about
                and is_actor_type(m.type)
            ),
        ),
    )
    for kind, gold_kind, wanted in kinds:
        chains = gold_chains([doc], gold_kind, keep=wanted)
        found[kind] = [ChainedMention(*span, chain) for span, chain in chains.items()]
    return found


def score_coref(
    golds: list[AnnotatedDocument], extractions: list[ArticleExtraction]
) -> CorefReport:
    """Resolve each folder's extractions together and score both kinds of chains."""
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(golds):
        by_group[group_of(doc)].append(i)
    key: dict[str, list[ChainedMention]] = {kind: [] for kind in KINDS}
    response: dict[str, list[ChainedMention]] = {kind: [] for kind in KINDS}
    aligned = dict.fromkeys(KINDS, 0)
    for group in sorted(by_group):
        members = by_group[group]
        group_extractions = [extractions[i] for i in members]
        kg = resolve(group_extractions, all_events=True)
        predicted = predicted_chains(kg, group_extractions)
        for i in members:
            gold = gold_mentions(golds[i])
            for kind in KINDS:
                mine = [m for m in predicted[kind] if m.article_id == golds[i].article.id]
                named, n_aligned = _aligned(gold[kind], mine, golds[i].scope)
                key[kind] += gold[kind]
                response[kind] += named
                aligned[kind] += n_aligned
    layers = {
        kind: CorefLayer.of(
            score_coreference(_clusters(key[kind]), _clusters(response[kind])),
            aligned=aligned[kind],
        )
        for kind in KINDS
        if key[kind]
    }
    return CorefReport(documents=len(golds), groups=len(by_group), **layers)


def _aligned(
    gold: list[ChainedMention], predicted: list[ChainedMention], scope: list[tuple[int, int]]
) -> tuple[list[ChainedMention], int]:
    """Predicted mentions in scope, renamed to the span of the gold mention each aligns with."""
    kept = sorted(
        {m for m in predicted if in_scope((m.start, m.end), scope)},
        key=lambda m: (m.start, m.end, m.chain),
    )
    pairs = align(
        [(g.start, g.end) for g in gold], [(p.start, p.end) for p in kept], prefer="length"
    )
    renamed = list(kept)
    for gi, pj in pairs:
        g, p = gold[gi], kept[pj]
        renamed[pj] = ChainedMention(g.article_id, g.start, g.end, p.chain)
    return renamed, len(pairs)


def _clusters(mentions: list[ChainedMention]) -> list[list[MentionKey]]:
    """Mentions grouped by chain; a span seen twice keeps its first chain."""
    chain_of: dict[MentionKey, str] = {}
    for m in mentions:
        chain_of.setdefault(m.key, m.chain)
    grouped: dict[str, list[MentionKey]] = defaultdict(list)
    for mention_key, chain in chain_of.items():
        grouped[chain].append(mention_key)
    return [sorted(grouped[c]) for c in sorted(grouped)]
