"""Entity mentions: relaxed P/R/F1 per type, where a match needs overlapping spans AND equal type.

Matching is one-to-one within each type, preferring the candidate closest in length (MEANTIME
nests mentions). Gold types we never predict (PRO, FIN, MIX, ...) get rows of their own so the
gap shows; ``all_types`` sums every type, ``covered`` only the types the tool extracts. An
``untyped`` row scores spans alone. Mentions with no type are skipped on both sides.
"""

from __future__ import annotations

from pydantic import Field, computed_field

from ..ingest.annotated import AnnotatedDocument, EntityAnnotation
from ..models import Model
from .findings import ErrorLog
from .matching import align, scored, span_of
from .metrics import PRF

__all__ = ["COVERED_TYPES", "EntityScores", "score_entities"]

CATEGORY = "entities"
COVERED_TYPES = ("PER", "ORG", "LOC")


class EntityScores(Model):
    by_type: dict[str, PRF] = Field(default_factory=dict)
    untyped: PRF = PRF()

    # pydantic's documented form; mypy does not type decorators over @property
    @computed_field  # type: ignore[prop-decorator]
    @property
    def all_types(self) -> PRF:
        return sum(self.by_type.values(), PRF())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def covered(self) -> PRF:
        return sum((self.by_type.get(t, PRF()) for t in COVERED_TYPES), PRF())

    def __add__(self, other: EntityScores) -> EntityScores:
        types = sorted(self.by_type.keys() | other.by_type.keys())
        return EntityScores(
            by_type={t: self.by_type.get(t, PRF()) + other.by_type.get(t, PRF()) for t in types},
            untyped=self.untyped + other.untyped,
        )


def score_entities(gold: AnnotatedDocument, pred: AnnotatedDocument, log: ErrorLog) -> EntityScores:
    """Score the predicted entity mentions of one document against the gold ones."""
    golds = [e for e in scored(gold.entities, gold.scope) if e.type]
    preds = [e for e in scored(pred.entities, gold.scope) if e.type]
    types = sorted(set(COVERED_TYPES) | {e.type for e in golds + preds if e.type})
    by_type = {}
    matched: list[tuple[int, int]] = []
    for t in types:
        gi_of = [i for i, e in enumerate(golds) if e.type == t]
        pj_of = [j for j, e in enumerate(preds) if e.type == t]
        pairs = _align(golds, preds, gi_of, pj_of)
        by_type[t] = PRF.of(len(pairs), len(gi_of), len(pj_of))
        matched += pairs
    untyped = _align(golds, preds, range(len(golds)), range(len(preds)))
    _log_errors(golds, preds, matched, log)
    return EntityScores(by_type=by_type, untyped=PRF.of(len(untyped), len(golds), len(preds)))


def _align(
    golds: list[EntityAnnotation],
    preds: list[EntityAnnotation],
    gi_of: list[int] | range,
    pj_of: list[int] | range,
) -> list[tuple[int, int]]:
    """Align the chosen subsets; pairs are returned as indices into the full lists."""
    pairs = align(
        [span_of(golds[i]) for i in gi_of], [span_of(preds[j]) for j in pj_of], prefer="length"
    )
    return [(gi_of[a], pj_of[b]) for a, b in pairs]


def _log_errors(
    golds: list[EntityAnnotation],
    preds: list[EntityAnnotation],
    matched: list[tuple[int, int]],
    log: ErrorLog,
) -> None:
    """Boundary errors on matches; leftovers that overlap are type errors, the rest are
    missed or spurious."""
    for gi, pj in matched:
        if span_of(golds[gi]) != span_of(preds[pj]):
            log.add(CATEGORY, "boundary", _show(golds[gi]), _show(preds[pj]))
    left_gold = sorted(set(range(len(golds))) - {gi for gi, _ in matched})
    left_pred = sorted(set(range(len(preds))) - {pj for _, pj in matched})
    retyped = _align(golds, preds, left_gold, left_pred)
    for gi, pj in retyped:
        g, p = golds[gi], preds[pj]
        log.add(CATEGORY, f"type {g.type}→{p.type}", _show(g), _show(p))
    for gi in sorted(set(left_gold) - {gi for gi, _ in retyped}):
        g = golds[gi]
        log.add(CATEGORY, f"missed {g.type}/{g.syntactic_type or '?'}", gold=_show(g))
    for pj in sorted(set(left_pred) - {pj for _, pj in retyped}):
        log.add(CATEGORY, f"spurious {preds[pj].type}", predicted=_show(preds[pj]))


def _show(e: EntityAnnotation) -> str:
    return f"{e.text!r} {e.type}/{e.syntactic_type or '?'}"
