"""The relation step over nodes: rules first, then the classifier where no rule speaks.

Shared by the extractor (``extract_links``), the MATRES score (gold events) and the training
script, so all three see one behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import model as trained
from .candidates import event_pairs, timex_pairs
from .features import Described, dct_features, event_features, timex_features
from .model import NO_LINK, PairModel
from .nodes import DCT, EventNode, TimeNode
from .rules import Found, confidence, dct_rule, event_rule, timex_rule

__all__ = ["Decision", "classify_event_pairs", "relate"]

# MATRES names "at the same time" EQUAL; TimeML, SIMULTANEOUS
LABEL_NAMES = {"EQUAL": "SIMULTANEOUS"}
EVIDENCE_FEATURES = 3  # the classifier's strongest reasons, quoted as evidence


@dataclass(frozen=True, slots=True)
class Decision:
    found: Found
    confidence: float
    tokens: tuple[int, ...]  # the head words of both ends that are in the text


# What a classifier is given for one pair: the first end, the other's id, the features and
# the head words of both ends; with what a rule found, if one did.
Candidate = tuple[EventNode, str, list[str], tuple[int, ...]]
RuledCandidate = tuple[EventNode, str, list[str], tuple[int, ...], Found | None]


def relate(
    events: Sequence[EventNode],
    times: Sequence[TimeNode],
    attached: dict[int, str],
    *,
    dct: str = DCT,
    models: dict[str, PairModel] | None = None,
) -> list[Decision]:
    """Every link of one document. ``attached``: token index -> id of the time expression
    hanging off that word (``events.timing.time_attachments``)."""
    models = models if models is not None else trained.load_models()
    by_id = {t.id: t for t in times}
    decisions: list[Decision] = []
    described = Described()
    # event and publication date
    batch: list[RuledCandidate] = []
    for node in events:
        time = by_id.get(attached.get(node.head.i, ""))
        found = dct_rule(node, time, dct)
        batch.append((node, dct, dct_features(node, time, described), (node.head.i,), found))
    decisions += _gated(models["dct"], batch)
    # event and time expression
    batch = []
    for node, time in timex_pairs(events, times):
        is_attached = attached.get(node.head.i) == time.id
        found = timex_rule(node, time, is_attached)
        feats = timex_features(node, time, is_attached, described)
        batch.append((node, time.id, feats, (node.head.i, time.root.i), found))
    decisions += _gated(models["timex"], batch)
    # two events
    pairs = event_pairs(events)
    classified = classify_event_pairs(pairs, models, intervals=True, described=described)
    decisions += [d for d in classified if d]
    return decisions


def classify_event_pairs(
    pairs: Sequence[tuple[EventNode, EventNode]],
    models: dict[str, PairModel] | None = None,
    *,
    intervals: bool = False,
    described: Described | None = None,
) -> list[Decision | None]:
    """A decision, or None (no relation stated), for each pair ``(a, b)`` with ``a`` told
    first; rules first. Without ``intervals``, the start-point classifier (``event``,
    trained on MATRES) labels every pair: BEFORE, AFTER, EQUAL (SIMULTANEOUS) or VAGUE
    (None), as MATRES is scored. With ``intervals`` (the links of an article), the interval
    classifier (``pair``, trained on TempEval-3 TLINKs over our candidate pairs) states a
    TimeML relation where a relation is likely worth stating (P(NONE) at most its ``gate``):
    a start point ordered is not an interval ordered ("the war INCLUDES the attack" starts
    first), and annotators of running text relate fewer pairs than MATRES labels."""
    models = models if models is not None else trained.load_models()
    out: list[Decision | None] = [None] * len(pairs)
    pending = []
    for n, (a, b) in enumerate(pairs):
        found = event_rule(a, b)
        if found is not None:
            out[n] = _ruled(found, a, b.head.i)
        else:
            pending.append(n)
    described = described or Described()  # pairs of one document
    batch: list[Candidate] = []
    for n in pending:
        a, b = pairs[n]
        batch.append((a, b.id, event_features(a, b, described), (a.head.i, b.head.i)))
    if intervals:
        classified = _worth_stating(models["pair"], batch)
    else:
        classified = _classified(models["event"], batch, keep_all=True)
    for n, decision in zip(pending, classified, strict=True):
        out[n] = decision
    return out


def _worth_stating(model: PairModel, batch: list[Candidate]) -> list[Decision | None]:
    """The classifier's best relation where P(NONE) is at most ``model.gate``, else None."""
    if not batch:
        return []
    none = model.labels.index("NONE")
    out: list[Decision | None] = []
    for (node, target, feats, tokens), row in zip(
        batch, model.probabilities([feats for _, _, feats, _ in batch]), strict=True
    ):
        if row[none] > model.gate:
            out.append(None)
            continue
        scores = row.copy()
        scores[none] = -1.0
        best = int(np.argmax(scores))
        p = float(row[best])
        found = Found(node.id, target, model.labels[best], "model",
                      _reasons(model, feats, best, p))  # fmt: skip
        out.append(Decision(found, round(p, 3), tokens))
    return out


def _gated(
    model: PairModel,
    batch: list[RuledCandidate],
) -> list[Decision]:
    """Links of a kind the classifier also says whether to state (``NONE``): a rule's link
    when the classifier finds a link likely enough (``model.gate``), else the classifier's."""
    if not batch:
        return []
    none = model.labels.index("NONE")
    probabilities = model.probabilities([feats for _, _, feats, _, _ in batch])
    out: list[Decision] = []
    unruled = []
    for item, row in zip(batch, probabilities, strict=True):
        node, target, feats, tokens, found = item
        if found is None:
            unruled.append((node, target, feats, tokens))
        elif row[none] <= model.gate:
            out.append(_ruled(found, node, *tokens[1:]))
    out += [d for d in _classified(model, unruled) if d is not None]
    return out


def _ruled(found: Found, node: EventNode, *others: int) -> Decision:
    return Decision(found, confidence(found), (node.head.i, *others))


def _classified(
    model: PairModel,
    batch: list[Candidate],
    *,
    keep_all: bool = False,
) -> list[Decision | None]:
    """The classifier's links for the batch; None (kept only with ``keep_all``) where it
    states nothing: its best label is NONE or VAGUE, or less likely than ``model.emit``."""
    probabilities = model.probabilities([feats for _, _, feats, _ in batch])
    out: list[Decision | None] = []
    for (node, target, feats, tokens), row in zip(batch, probabilities, strict=True):
        best = int(np.argmax(row))
        label = model.labels[best]
        if label in NO_LINK or row[best] < model.emit:
            if keep_all:
                out.append(None)
            continue
        found = Found(node.id, target, LABEL_NAMES.get(label, label), "model",
                      _reasons(model, feats, best, float(row[best])))  # fmt: skip
        out.append(Decision(found, round(float(row[best]), 3), tokens))
    return out


def _reasons(model: PairModel, feats: list[str], label: int, p: float) -> str:
    """The features that pushed hardest towards the label, in words."""
    weights = [(model.weights[model.index[f], label], f) for f in feats if f in model.index]
    top = [f for w, f in sorted(weights, reverse=True)[:EVIDENCE_FEATURES] if w > 0]
    return f"classifier p={p:.2f}: " + ", ".join(top)
