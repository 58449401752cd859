"""Temporal relations (TLINKs) inside one article: between events, and between each event and
the time expressions and publication date that anchor it (docs/temporal.md).

Candidates (``candidates.py``) are related by rules first (``rules.py``: signal words with
their syntax, reported clauses, tense and aspect, news conventions), then by a trained
classifier (``model.py``, features in ``features.py``) where no rule speaks. Every link keeps
what found it, the evidence, a confidence and the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...models import Event, TemporalLink, TemporalRelation, TimeExpression
from ..context import ArticleContext
from ..events.timing import time_attachments
from .decide import Decision, classify_event_pairs, relate
from .nodes import DCT, EventNode, TimeNode, event_node, time_node

EXTRACTOR = "timelinegraph.extract.links"
VERSION = "0.1.0"

__all__ = ["DCT", "EXTRACTOR", "VERSION", "classify_event_pairs", "extract_links", "relate"]


def extract_links(
    ctx: ArticleContext, events: Sequence[Event], times: Sequence[TimeExpression]
) -> list[TemporalLink]:
    """The article's TLINKs, in text order of their source, then of their target."""
    doc = ctx.doc
    nodes: list[EventNode] = []
    for event in events:
        span = doc.char_span(*event.head_span, alignment_mode="expand")
        if span is not None and len(span):
            head = span.root
            nodes.append(event_node(event.id, head, ctx.sentence_index(head), event.event_class))
    time_nodes: list[TimeNode] = []
    for timex in times:
        node = time_node(timex.id, doc, timex.start, timex.end, timex.sentence_index,
                         timex.type.value, timex.value, ctx.article.published)  # fmt: skip
        if node is not None:
            time_nodes.append(node)
    heads = frozenset(n.head.i for n in nodes)
    attached = {i: t.id for i, t in time_attachments(doc, list(times), heads).items()}
    decisions = relate(nodes, time_nodes, attached)
    links = [_link(ctx, d) for d in decisions]
    order = {e.id: n for n, e in enumerate(events)}
    order.update({t.id: len(order) + n for n, t in enumerate(times)})
    order[DCT] = -1
    links.sort(key=lambda k: (order.get(k.source, 0), order.get(k.target, 0)))
    return links


def _link(ctx: ArticleContext, decision: Decision) -> TemporalLink:
    found = decision.found
    first, last = min(decision.tokens), max(decision.tokens)
    # both ends when they share a sentence, else the source's word alone
    if ctx.sentence_of_token[first] != ctx.sentence_of_token[last]:
        first = last = decision.tokens[0]
    return TemporalLink(
        source=found.source,
        target=found.target,
        relation=TemporalRelation(found.relation),
        rule=found.rule,
        evidence=found.evidence,
        confidence=decision.confidence,
        provenance=ctx.provenance(
            ctx.doc[first : last + 1],
            extractor=EXTRACTOR,
            version=VERSION,
            confidence=decision.confidence,
        ),
    )
