"""Span matching rules and metric arithmetic of ``timelinegraph eval`` (no spaCy)."""

from __future__ import annotations

import pytest

from timelinegraph.evaluate.matching import align, counts, in_scope, overlap
from timelinegraph.evaluate.metrics import PRF, Accuracy


def test_overlap_counts_shared_characters():
    assert overlap((0, 5), (3, 8)) == 2
    assert overlap((0, 5), (5, 8)) == 0  # end is exclusive: touching is not overlapping
    assert overlap((2, 4), (0, 10)) == 2


def test_exact_overlap_and_disjoint():
    gold = [(0, 5), (10, 15), (20, 25)]
    pred = [(0, 5), (12, 18), (30, 35)]
    assert align(gold, pred, relaxed=False) == [(0, 0)]
    assert align(gold, pred) == [(0, 0), (1, 1)]


def test_one_to_one_two_predictions_over_one_gold():
    # Both predictions overlap the gold span; only the larger overlap is matched.
    assert align([(0, 10)], [(0, 3), (2, 10)]) == [(0, 1)]
    # An exact prediction beats a larger overlapping one.
    assert align([(0, 10)], [(0, 12), (0, 10)]) == [(0, 1)]


def test_one_to_one_ties_go_to_earliest_position():
    # Two gold spans overlap the one prediction by 2 characters each: the earlier gold wins.
    assert align([(0, 4), (6, 10)], [(2, 8)]) == [(0, 0)]


def test_greedy_gives_each_gold_its_best_remaining_prediction():
    gold = [(0, 10), (8, 20)]
    pred = [(5, 15)]
    # overlaps: gold0 5 chars, gold1 7 chars -> gold1 takes it
    assert align(gold, pred) == [(1, 0)]


def test_length_preference_for_nested_mentions():
    # gold: "the General Motors plant" (0, 24) and "General Motors" (4, 18)
    gold = [(0, 24), (4, 18)]
    pred = [(4, 17)]  # "General Motor": overlaps both by 13
    assert align(gold, pred, prefer="overlap") == [(0, 0)]  # tie on overlap: earliest gold
    assert align(gold, pred, prefer="length") == [(1, 0)]  # closest in length


def test_duplicate_spans_pair_up_one_to_one():
    assert align([(0, 3), (0, 3)], [(0, 3)], relaxed=False) == [(0, 0)]
    assert align([(0, 3)], [(0, 3), (0, 3)]) == [(0, 0)]


def test_scope_and_anchoring():
    scope = [(0, 50), (100, 150)]
    assert in_scope((10, 20), scope)
    assert in_scope((100, 150), scope)
    assert not in_scope((45, 55), scope)  # straddles the boundary: not wholly inside
    assert not in_scope((60, 70), scope)
    assert in_scope((60, 70), [])  # no scope: the whole text
    assert not counts((5, 5), [])  # an empty span is never scored


def test_prf_arithmetic_and_zero_division():
    prf = PRF.of(3, n_gold=4, n_pred=6)
    assert (prf.tp, prf.fp, prf.fn) == (3, 3, 1)
    assert prf.precision == pytest.approx(0.5)
    assert prf.recall == pytest.approx(0.75)
    assert prf.f1 == pytest.approx(0.6)
    empty = PRF()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert Accuracy().accuracy == 0.0


def test_micro_average_sums_counts_not_ratios():
    total = PRF.of(1, 1, 1) + PRF.of(0, 9, 0)
    assert total.recall == pytest.approx(0.1)  # not the mean of 1.0 and 0.0
    assert (Accuracy(correct=1, total=2) + Accuracy(correct=2, total=2)).accuracy == 0.75
