"""Time expressions, scored the TempEval-3 way: strict and relaxed span P/R/F1, type and value
accuracy over the relaxed-matched pairs, and value F1 = relaxed F1 x value accuracy."""

from __future__ import annotations

from pydantic import computed_field

from ..ingest.annotated import AnnotatedDocument, TimexAnnotation
from ..models import Model
from .findings import ErrorLog, shape
from .matching import align_in_scope, span_of
from .metrics import PRF, Accuracy

__all__ = ["TimexScores", "score_timexes"]

CATEGORY = "timex"


class TimexScores(Model):
    strict: PRF = PRF()
    relaxed: PRF = PRF()
    type: Accuracy = Accuracy()
    value: Accuracy = Accuracy()

    # pydantic's documented form; mypy does not type decorators over @property
    @computed_field  # type: ignore[prop-decorator]
    @property
    def value_f1(self) -> float:
        return self.relaxed.f1 * self.value.accuracy

    def __add__(self, other: TimexScores) -> TimexScores:
        return TimexScores(
            strict=self.strict + other.strict,
            relaxed=self.relaxed + other.relaxed,
            type=self.type + other.type,
            value=self.value + other.value,
        )


def score_timexes(gold: AnnotatedDocument, pred: AnnotatedDocument, log: ErrorLog) -> TimexScores:
    """Score the predicted timexes of one document against the gold ones (gold's scope)."""
    pairs = align_in_scope(gold.timexes, pred.timexes, gold.scope)
    golds, preds, strict, relaxed = pairs.golds, pairs.preds, pairs.strict, pairs.relaxed
    type_ok = value_ok = 0
    for gi, pj in relaxed:
        g, p = golds[gi], preds[pj]
        if g.type == p.type:
            type_ok += 1
        else:
            log.add(CATEGORY, f"type wrong: {g.type} vs {p.type}", _show(g), _show(p))
        if g.value == p.value:
            value_ok += 1
        else:
            kind = f"value wrong: {shape(g.value)} vs {shape(p.value)}"
            log.add(CATEGORY, kind, _show(g), _show(p))
        if span_of(g) != span_of(p):
            log.add(CATEGORY, "boundary", _show(g), _show(p))
    matched_gold = {gi for gi, _ in relaxed}
    matched_pred = {pj for _, pj in relaxed}
    for gi, g in enumerate(golds):
        if gi not in matched_gold:
            log.add(CATEGORY, "missed", gold=_show(g))
    for pj, p in enumerate(preds):
        if pj not in matched_pred:
            log.add(CATEGORY, "spurious", predicted=_show(p))
    n_gold, n_pred = len(golds), len(preds)
    return TimexScores(
        strict=PRF.of(len(strict), n_gold, n_pred),
        relaxed=PRF.of(len(relaxed), n_gold, n_pred),
        type=Accuracy(correct=type_ok, total=len(relaxed)),
        value=Accuracy(correct=value_ok, total=len(relaxed)),
    )


def _show(t: TimexAnnotation) -> str:
    return f"{t.text!r} {t.type} {t.value}"
