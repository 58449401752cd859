"""Event triggers: relaxed (and strict) span P/R/F1 and class accuracy over the matched pairs.

Class comparison. Gold TimeML classes are compared with ours directly. Gold MEANTIME classes
are compared after mapping ours with ``TO_MEANTIME``: REPORTING, PERCEPTION, I_STATE ->
SPEECH_COGNITIVE; ASPECTUAL, and copulas and support verbs (our ``frame``) -> GRAMMATICAL,
as the MEANTIME guidelines class them; OCCURRENCE, STATE, I_ACTION -> OTHER. Pairs whose
gold class is MIX (several classes at once) or missing are left out of the class accuracy.
"""

from __future__ import annotations

from ..ingest.annotated import AnnotatedDocument, EventAnnotation
from ..models import Model
from .findings import ErrorLog
from .matching import align_in_scope, span_of
from .metrics import PRF, Accuracy

__all__ = ["MEANTIME_CLASSES", "TO_MEANTIME", "EventScores", "comparable_classes", "score_events"]

CATEGORY = "events"

MEANTIME_CLASSES = frozenset({"SPEECH_COGNITIVE", "GRAMMATICAL", "OTHER", "MIX"})
TO_MEANTIME: dict[str, str] = {
    "REPORTING": "SPEECH_COGNITIVE",
    "PERCEPTION": "SPEECH_COGNITIVE",
    "I_STATE": "SPEECH_COGNITIVE",
    "ASPECTUAL": "GRAMMATICAL",
    "OCCURRENCE": "OTHER",
    "STATE": "OTHER",
    "I_ACTION": "OTHER",
}
UNSCORED_CLASSES = frozenset({"MIX"})
GRAMMATICAL_FRAMES = frozenset({"copula", "support"})


class EventScores(Model):
    strict: PRF = PRF()
    relaxed: PRF = PRF()
    event_class: Accuracy = Accuracy()

    def __add__(self, other: EventScores) -> EventScores:
        return EventScores(
            strict=self.strict + other.strict,
            relaxed=self.relaxed + other.relaxed,
            event_class=self.event_class + other.event_class,
        )


# ECB+ action classes with the same name and meaning as a TimeML class.
ECB_TIMEML_CLASSES = frozenset(["OCCURRENCE", "REPORTING", "STATE", "ASPECTUAL", "PERCEPTION"])


def comparable_classes(
    gold: str | None, ours: str | None, frame: str | None = None
) -> tuple[str, str] | None:
    """The (gold, ours) classes to compare, ours mapped into the gold's scheme; None when the
    pair is left out of class accuracy (gold has no class, or MIX)."""
    if gold and "ACTION_" in gold:  # ECB+: ACTION_REPORTING, NEG_ACTION_STATE, ...
        gold = gold.split("ACTION_", 1)[1]
        if gold not in ECB_TIMEML_CLASSES:  # CAUSATIVE, GENERIC: no TimeML counterpart
            return None
    if not gold or gold in UNSCORED_CLASSES:
        return None
    ours = ours or "NONE"
    if gold in MEANTIME_CLASSES:
        if frame in GRAMMATICAL_FRAMES:
            return gold, "GRAMMATICAL"
        return gold, TO_MEANTIME.get(ours, ours)
    return gold, ours


def score_events(gold: AnnotatedDocument, pred: AnnotatedDocument, log: ErrorLog) -> EventScores:
    """Score the predicted event triggers of one document against the gold ones."""
    pairs = align_in_scope(gold.events, pred.events, gold.scope)
    golds, preds, strict, relaxed = pairs.golds, pairs.preds, pairs.strict, pairs.relaxed
    class_ok = class_total = 0
    for gi, pj in relaxed:
        g, p = golds[gi], preds[pj]
        classes = comparable_classes(g.event_class, p.event_class, p.frame)
        if classes is not None:
            class_total += 1
            if classes[0] == classes[1]:
                class_ok += 1
            else:
                log.add(CATEGORY, f"class {g.event_class}→{p.event_class}", _show(g), _show(p))
        if span_of(g) != span_of(p):
            log.add(CATEGORY, "boundary", _show(g), _show(p))
    matched_gold = {gi for gi, _ in relaxed}
    matched_pred = {pj for _, pj in relaxed}
    for gi, g in enumerate(golds):
        if gi not in matched_gold:
            log.add(CATEGORY, f"missed {g.pos or '?'}", gold=_show(g))
    for pj, p in enumerate(preds):
        if pj not in matched_pred:
            log.add(CATEGORY, f"spurious {p.pos or '?'}", predicted=_show(p))
    n_gold, n_pred = len(golds), len(preds)
    return EventScores(
        strict=PRF.of(len(strict), n_gold, n_pred),
        relaxed=PRF.of(len(relaxed), n_gold, n_pred),
        event_class=Accuracy(correct=class_ok, total=class_total),
    )


def _show(e: EventAnnotation) -> str:
    return f"{e.text!r} {e.event_class or '-'}"
