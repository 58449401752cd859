"""The TLINKs of an annotated document as scorer relations, and a prediction's renamed into the
gold's ids.

The official TempEval-3 pipeline runs TimeML-Normalizer (a Java tool, not in the toolkit folder)
before scoring, so that an event or time both sides annotate carries one id. ``aligned_relations``
does that job: a predicted event or time on exactly the span of a gold one takes the gold id
(events through their instances: predicted eiid -> eid -> gold eid -> gold eiid); one that
matches nothing gets an id no gold one has, so its links count against precision only. Ids that
name no span in the prediction (the creation time, ``t0`` by TimeML custom) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..ingest.annotated import AnnotatedDocument, SpanAnnotation
from .matching import align, span_of
from .timegraph import Relation, relation

__all__ = ["aligned_relations", "document_relations"]

UNMATCHED = "unmatched:"  # prefix of a predicted id no gold annotation shares


def document_relations(doc: AnnotatedDocument) -> list[Relation]:
    """The document's TLINKs in file order, with the ids it writes."""
    return [relation(t.source, t.target, t.rel_type) for t in doc.tlinks]


def aligned_relations(gold: AnnotatedDocument, predicted: AnnotatedDocument) -> list[Relation]:
    """``predicted``'s TLINKs with its ids renamed into ``gold``'s (see the module docstring)."""
    rename = _span_renames(gold.timexes, predicted.timexes)
    events = _span_renames(gold.events, predicted.events)
    gold_instance: dict[str, str] = {}  # gold eid -> its first eiid
    for eiid, eid in gold.instances.items():
        gold_instance.setdefault(eid, eiid)
    for eid, gold_eid in events.items():
        if not gold_eid.startswith(UNMATCHED):
            events[eid] = gold_instance.get(gold_eid, gold_eid)
    rename.update(events)  # a link may name an event by its eid
    for eiid, eid in predicted.instances.items():
        renamed = events.get(eid, UNMATCHED)
        rename[eiid] = UNMATCHED + eiid if renamed.startswith(UNMATCHED) else renamed
    return [
        relation(rename.get(t.source, t.source), rename.get(t.target, t.target), t.rel_type)
        for t in predicted.tlinks
    ]


def _span_renames(
    golds: Sequence[SpanAnnotation], preds: Sequence[SpanAnnotation]
) -> dict[str, str]:
    """Predicted id -> the gold id on the same span, or an unmatched id."""
    pairs = align([span_of(g) for g in golds], [span_of(p) for p in preds], relaxed=False)
    renames = {p.id: UNMATCHED + p.id for p in preds}
    for gi, pj in pairs:
        renames[preds[pj].id] = golds[gi].id
    return renames
