"""One node per real event across articles.

Mentions are blocked by (event type, trigger lemma) so the cost grows with the size of each
block, not with the square of the corpus. Inside a block, mentions are taken in a content
order (date, article id, offset) and joined to the first cluster they agree with on every
member: participants, polarity, modality and time. Every merge records its evidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..models import (
    ArticleExtraction,
    Event,
    EventType,
    MergeStep,
    Modality,
    ResolvedEvent,
    Source,
)
from . import times
from .actors import LocalKey
from .ids import digest

_FACTUAL = {Modality.ASSERTED, Modality.REPORTED}
_MODALITY_STRENGTH = [Modality.ASSERTED, Modality.REPORTED, Modality.PLANNED, Modality.HYPOTHETICAL]


@dataclass
class _Mention:
    article_id: str
    published: str
    event: Event
    agents: frozenset[str]
    targets: frozenset[str]
    location: str | None
    attribution: str | None

    @property
    def ref(self) -> str:
        return f"{self.article_id}#{self.event.id}"

    @property
    def order(self) -> tuple[str, str, int, int]:
        return (self.published, self.article_id, self.event.start, self.event.end)


def has_type_or_participant(event: Event) -> bool:
    """Whether an event belongs in the graph: it has a PLOVER type or a known participant.
    Untyped events nobody takes part in ("dashed", "fueled") stay in the per-article
    extraction (TimeML, eval) but would only be noise on a timeline."""
    if event.frame is not None:
        return False  # "said", "held (talks)", "is": they frame events, they are not events
    return event.type != EventType.OTHER or bool(event.agents or event.targets)


def resolve_events(
    extractions: list[ArticleExtraction],
    actor_ids: dict[LocalKey, str],
    *,
    all_events: bool = False,
) -> list[ResolvedEvent]:
    """Merged events, sorted by id; ``actor_ids`` maps local actors to global ids."""
    blocks: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for x in extractions:
        aid = x.article.id
        for event in x.events:
            if not (all_events or has_type_or_participant(event)):
                continue
            mention = _Mention(
                article_id=aid,
                published=x.article.published.isoformat(),
                event=event,
                agents=frozenset(actor_ids[(aid, a)] for a in event.agents),
                targets=frozenset(actor_ids[(aid, t)] for t in event.targets),
                location=actor_ids.get((aid, event.location)) if event.location else None,
                attribution=actor_ids.get((aid, event.attribution)) if event.attribution else None,
            )
            blocks[(event.type.value, event.lemma.lower())].append(mention)
    resolved = []
    for key in sorted(blocks):
        for cluster in _cluster(sorted(blocks[key], key=lambda m: m.order)):
            resolved.append(_merged(cluster))
    return sorted(resolved, key=lambda e: e.id)


def _cluster(mentions: list[_Mention]) -> list[list[tuple[_Mention, str]]]:
    """Greedy clustering in content order; each member carries the evidence of its merge."""
    clusters: list[list[tuple[_Mention, str]]] = []
    for mention in mentions:
        for cluster in clusters:
            reasons = [_agreement(mention, other) for other, _ in cluster]
            if all(r is not None for r in reasons):
                cluster.append((mention, str(reasons[0])))
                break
        else:
            clusters.append([(mention, "")])
    return clusters


def _agreement(a: _Mention, b: _Mention) -> str | None:
    """Why two mentions are the same event, or None when anything conflicts."""
    ea, eb = a.event, b.event
    if ea.polarity != eb.polarity:
        return None
    if (ea.modality in _FACTUAL) != (eb.modality in _FACTUAL):
        return None
    for mine, theirs in ((a.agents, b.agents), (a.targets, b.targets)):
        if mine and theirs and not mine & theirs:
            return None
    if (
        a.location
        and b.location
        and a.location != b.location
        and a.event.location_source == b.event.location_source == "text"
    ):
        return None
    if not times.compatible(ea.time, eb.time):
        return None
    shared = sorted((a.agents | a.targets) & (b.agents | b.targets))
    when = f"{ea.time.value or ea.time.latest} ~ {eb.time.value or eb.time.latest}"
    return (
        f"same type {ea.type.value} and trigger '{ea.lemma}'; participants "
        f"{'shared: ' + ', '.join(shared) if shared else 'not in conflict'}; times compatible "
        f"({when}); polarity {ea.polarity.value}"
    )


def _merged(cluster: list[tuple[_Mention, str]]) -> ResolvedEvent:
    first = cluster[0][0]
    events = [m.event for m, _ in cluster]
    event_id = f"event-{digest(first.article_id, first.event.start, first.event.end)}"
    merges = [
        MergeStep(mention=m.ref, into=first.ref, rule="compatible", evidence=why)
        for m, why in cluster[1:]
    ]
    quantities = {(q.value, q.unit, q.mod, q.text): q for e in events for q in e.quantities}
    return ResolvedEvent(
        id=event_id,
        type=first.event.type,
        trigger=first.event.trigger,
        lemma=first.event.lemma,
        agents=sorted(set().union(*(m.agents for m, _ in cluster))),
        targets=sorted(set().union(*(m.targets for m, _ in cluster))),
        location=next(
            (m.location for m, _ in cluster if m.event.location_source == "text"), first.location
        ),
        location_source=next(
            (m.event.location_source for m, _ in cluster if m.event.location_source == "text"),
            first.event.location_source,
        ),
        time=times.merge([e.time for e in events]),
        polarity=first.event.polarity,
        modality=min((e.modality for e in events), key=_MODALITY_STRENGTH.index),
        attributions=sorted({m.attribution for m, _ in cluster if m.attribution}),
        attribution_texts=sorted({e.attribution_text for e in events if e.attribution_text}),
        quantities=[quantities[k] for k in sorted(quantities, key=str)],
        sources=[
            Source(local_id=m.event.id, text=m.event.trigger, provenance=m.event.provenance)
            for m, _ in cluster
        ],
        merges=merges,
    )
