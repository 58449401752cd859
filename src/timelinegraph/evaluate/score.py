"""Scoring one (gold, predicted) document pair, and summing the pairs of a corpus.

Only the layers the gold file annotates (``AnnotatedDocument.layers``: timex, event, entity,
role) are scored; the gold document's scope applies to both sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from pydantic import Field

from ..ingest.annotated import AnnotatedDocument
from ..models import Model
from .entities import EntityScores, score_entities
from .events import EventScores, score_events
from .findings import ErrorExample, ErrorLog
from .report import ErrorCount, EvalReport
from .roles import RoleScores, score_roles
from .temporal import RelationScores
from .timex import TimexScores, score_timexes

__all__ = ["EXAMPLES_PER_KIND", "DocumentScore", "score_document", "sum_scores"]

EXAMPLES_PER_KIND = 5


class DocumentScore(Model):
    """The scores and errors of one document; a layer the gold leaves out is None."""

    doc_id: str
    timex: TimexScores | None = None
    events: EventScores | None = None
    entities: EntityScores | None = None
    roles: RoleScores | None = None
    relations: RelationScores | None = None
    errors: dict[str, dict[str, int]] = Field(default_factory=dict)
    examples: list[ErrorExample] = Field(default_factory=list)

    def f1s(self) -> dict[str, float]:
        """The headline figure of every scored layer, for drill-down by document."""
        found = {}
        if self.timex:
            found["timex"] = self.timex.relaxed.f1
            found["timex value"] = self.timex.value_f1
        if self.events:
            found["events"] = self.events.relaxed.f1
        if self.entities:
            found["entities"] = self.entities.covered.f1
        if self.roles:
            found["roles"] = self.roles.overall.f1
        if self.relations:
            found["temporal awareness"] = self.relations.awareness.f1
        return found


def score_document(gold: AnnotatedDocument, predicted: AnnotatedDocument) -> DocumentScore:
    """Score ``predicted`` against ``gold`` on every layer ``gold`` annotates."""
    log = ErrorLog(gold.article.id)
    layers = set(gold.layers)
    # A fixed layer order fixes the order of the logged errors, so examples are reproducible.
    timex = score_timexes(gold, predicted, log) if "timex" in layers else None
    events = score_events(gold, predicted, log) if "event" in layers else None
    entities = score_entities(gold, predicted, log) if "entity" in layers else None
    roles = score_roles(gold, predicted, log) if "role" in layers else None
    return DocumentScore(
        doc_id=gold.article.id,
        timex=timex,
        events=events,
        entities=entities,
        roles=roles,
        errors={category: dict(kinds) for category, kinds in log.kinds.items()},
        examples=log.examples,
    )


def sum_scores(
    scores: Iterable[DocumentScore],
    *,
    skipped: Iterable[str] = (),
    examples_per_kind: int = EXAMPLES_PER_KIND,
) -> EvalReport:
    """Micro-average: add up the counts of every document, in order."""
    totals: dict[str, Any] = {}
    layer_documents: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    examples: list[ErrorExample] = []
    shown: Counter[tuple[str, str]] = Counter()
    per_document: dict[str, dict[str, float]] = {}
    n = 0
    for doc in scores:
        n += 1
        for layer in ("timex", "events", "entities", "roles", "relations"):
            part = getattr(doc, layer)
            if part is not None:
                layer_documents[layer] += 1
                totals[layer] = part if layer not in totals else totals[layer] + part
        for category, counted in doc.errors.items():
            kinds.setdefault(category, Counter()).update(counted)
        for example in doc.examples:
            key = (example.category, example.kind)
            if shown[key] < examples_per_kind:
                shown[key] += 1
                examples.append(example)
        per_document[_unique(doc.doc_id, per_document)] = doc.f1s()
    return EvalReport(
        documents=n,
        skipped=list(skipped),
        layer_documents=dict(layer_documents),
        errors={
            category: [
                ErrorCount(kind=kind, count=count)
                for kind, count in sorted(counted.items(), key=lambda kc: (-kc[1], kc[0]))
            ]
            for category, counted in kinds.items()
        },
        examples=examples,
        per_document=per_document,
        **totals,
    )


def _unique(doc_id: str, taken: dict[str, dict[str, float]]) -> str:
    """``doc_id``, or ``doc_id#2``, ``#3``... when two files share an article id."""
    key, n = doc_id, 1
    while key in taken:
        n += 1
        key = f"{doc_id}#{n}"
    return key
