"""A gold TimeML document's events and times as relation-step nodes over our parse, so that
the classifier can be trained on, and scored with, the annotators' events (MATRES)."""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.context import ArticleContext
from ..extract.events.timing import time_attachments
from ..extract.links.nodes import EventNode, TimeNode, event_node, time_node
from ..ingest.annotated import AnnotatedDocument

__all__ = ["GoldNodes", "gold_nodes"]


@dataclass
class GoldNodes:
    events: dict[str, EventNode]  # by eiid (an event's first instance)
    times: list[TimeNode]
    attached: dict[int, str]  # token index -> tid of the time hanging off that word


def gold_nodes(gold: AnnotatedDocument, ctx: ArticleContext) -> GoldNodes:
    doc = ctx.doc
    first_instance: dict[str, str] = {}
    for eiid, eid in gold.instances.items():
        first_instance.setdefault(eid, eiid)
    events: dict[str, EventNode] = {}
    for event in gold.events:
        instance = first_instance.get(event.id)
        span = doc.char_span(event.start, event.end, alignment_mode="expand")
        if instance is None or span is None or not len(span):
            continue
        head = span.root
        klass = event.event_class or "OCCURRENCE"
        events[instance] = event_node(instance, head, ctx.sentence_index(head), klass)
    times = []
    for timex in gold.timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        node = time_node(timex.id, doc, timex.start, timex.end, ctx.sentence_index(span),
                         timex.type, timex.value, gold.article.published)  # fmt: skip
        if node is not None:
            times.append(node)
    heads = frozenset(n.head.i for n in events.values())
    attached = {i: t.id for i, t in time_attachments(doc, gold.timexes, heads).items()}  # type: ignore[arg-type]
    return GoldNodes(events, times, attached)
