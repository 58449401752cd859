"""Span matching rules shared by every layer of ``timelinegraph eval``.

Spans are ``(start, end)`` character offsets into the article text, end exclusive.

- **strict**: a gold and a predicted span match when they are identical.
- **relaxed**: they match when they share at least one character.
- **one-to-one**: each gold span is matched at most once and each predicted span at most once.
  The alignment is greedy and deterministic: first every exact (identical) pair, in text order;
  then the overlapping pairs, best first. "Best" is the largest overlap, ties broken by the
  earliest gold start, then the earliest predicted start. Entities use ``prefer="length"``
  instead: the smallest difference in length wins before the largest overlap, because MEANTIME
  nests mentions ("General Motors" inside "the General Motors plant") and a prediction should
  pair with the mention it is closest to, not the longest one around it.
- **scope**: when a document's ``scope`` is non-empty, an annotation counts only if it lies
  wholly inside one scope range; annotations outside are ignored on BOTH sides (a prediction
  outside the annotated sentences is neither right nor wrong).
- **unanchored**: an empty span (``end <= start``, e.g. a creation time with no tokens) is
  ignored on both sides, since it cannot overlap anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypeVar

Span = tuple[int, int]
Preference = Literal["overlap", "length"]

__all__ = [
    "Alignment",
    "Preference",
    "Span",
    "align",
    "align_in_scope",
    "counts",
    "greedy_one_to_one",
    "in_scope",
    "overlap",
    "scored",
    "span_of",
]


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def counts(span: Span, scope: Sequence[Span]) -> bool:
    """Whether an annotation on ``span`` is scored: anchored and inside the scope."""
    return span[1] > span[0] and in_scope(span, scope)


def in_scope(span: Span, scope: Sequence[Span]) -> bool:
    """True when ``scope`` is empty or one of its ranges contains the whole span."""
    return not scope or any(s <= span[0] and span[1] <= e for s, e in scope)


def greedy_one_to_one(candidates: Iterable[tuple[tuple, int, int]]) -> list[tuple[int, int]]:
    """Pick ``(gold, pred)`` index pairs from ``(key, gold, pred)`` candidates, smallest key
    first, skipping any pair whose gold or prediction is already taken. Sorted by gold index."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _key, gi, pj in sorted(candidates):
        if gi in used_gold or pj in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pj)
        pairs.append((gi, pj))
    return sorted(pairs)


def align(
    gold: Sequence[Span],
    pred: Sequence[Span],
    *,
    relaxed: bool = True,
    prefer: Preference = "overlap",
) -> list[tuple[int, int]]:
    """One-to-one alignment of gold and predicted spans (see the module docstring).

    Returns ``(gold index, predicted index)`` pairs sorted by gold index.
    """
    exact = _exact_pairs(gold, pred)
    if not relaxed:
        return exact
    taken_gold = {gi for gi, _ in exact}
    taken_pred = {pj for _, pj in exact}
    candidates = []
    for gi, g in enumerate(gold):
        if gi in taken_gold:
            continue
        for pj, p in enumerate(pred):
            shared = overlap(g, p)
            if pj in taken_pred or not shared:
                continue
            length_gap = abs((g[1] - g[0]) - (p[1] - p[0])) if prefer == "length" else 0
            candidates.append(((length_gap, -shared, g[0], p[0], gi, pj), gi, pj))
    return sorted(exact + greedy_one_to_one(candidates))


def _exact_pairs(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """Identical spans, paired in text order (duplicates pair up first with first)."""
    waiting: dict[Span, list[int]] = defaultdict(list)
    for pj in sorted(range(len(pred)), key=lambda j: (pred[j], j), reverse=True):
        waiting[pred[pj]].append(pj)  # reversed, so pop() yields the earliest
    pairs = []
    for gi in sorted(range(len(gold)), key=lambda i: (gold[i], i)):
        if waiting.get(gold[gi]):
            pairs.append((gi, waiting[gold[gi]].pop()))
    return sorted(pairs)


class Anchored(Protocol):
    start: int
    end: int


A = TypeVar("A", bound=Anchored)


def span_of(item: Anchored) -> Span:
    return (item.start, item.end)


def scored(items: Iterable[A], scope: Sequence[Span]) -> list[A]:
    """The annotations that count: anchored and inside ``scope`` (see the module docstring)."""
    return [item for item in items if counts(span_of(item), scope)]


@dataclass(frozen=True)
class Alignment(Generic[A]):
    """The in-scope gold and predicted items and their strict and relaxed pairings."""

    golds: list[A]
    preds: list[A]
    strict: list[tuple[int, int]]
    relaxed: list[tuple[int, int]]


def align_in_scope(golds: Iterable[A], preds: Iterable[A], scope: Sequence[Span]) -> Alignment[A]:
    """Keep what counts on both sides, then align strictly and relaxed."""
    kept_golds, kept_preds = scored(golds, scope), scored(preds, scope)
    gold_spans = [span_of(g) for g in kept_golds]
    pred_spans = [span_of(p) for p in kept_preds]
    return Alignment(
        kept_golds,
        kept_preds,
        align(gold_spans, pred_spans, relaxed=False),
        align(gold_spans, pred_spans),
    )
