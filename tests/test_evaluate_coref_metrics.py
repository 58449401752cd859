"""MUC, B-cubed, CEAF-e and CoNLL F1 against hand-worked cases and the reference scorer's own tests.

Official cases come from ``conll/reference-coreference-scorers`` (v8.01), files
``test/TestCases.README`` and ``test/CorefMetricTestConfig.pm``: the README spells every key and
response out as letters (one letter = one mention; ``b`` and ``B`` are different mentions) and the
config gives the expected (recall, precision, F1) as exact fractions, which are used here.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import networkx as nx
import pytest

from timelinegraph.evaluate.coref_metrics import (
    PRF,
    CorefScores,
    clusters_from_labels,
    score_coreference,
)


def _c(spec: str) -> list[list[str]]:
    """``"a bc def"`` -> ``[["a"], ["b", "c"], ["d", "e", "f"]]``, the README's notation."""
    return [list(group) for group in spec.split()]


def _f(r: float, p: float) -> float:
    return 2 * r * p / (r + p) if r + p else 0.0


def _check(prf: PRF, expected: tuple[float, float, float]) -> None:
    recall, precision, f1 = expected
    assert prf.recall == pytest.approx(recall, abs=1e-9)
    assert prf.precision == pytest.approx(precision, abs=1e-9)
    assert prf.f1 == pytest.approx(f1, abs=1e-9)


def _metric(scores: CorefScores, name: str) -> PRF:
    return {"muc": scores.muc, "bcub": scores.b_cubed, "ceafe": scores.ceaf_e}[name]


ONE = (1.0, 1.0, 1.0)
ZERO = (0.0, 0.0, 0.0)
TC_A = "a bc def"

# (case, key, response, {metric: (recall, precision, F1)}) exactly as the reference scorer's test
# config / README state them; README decimals in comments.
OFFICIAL = [
    ("TC-A-1", TC_A, "a bc def", {"muc": ONE, "bcub": ONE, "ceafe": ONE}),
    # missing mentions b, c, f
    (
        "TC-A-2",
        TC_A,
        "a de",
        {
            "muc": (1 / 3, 1, 0.5),
            "bcub": (7 / 18, 1, 14 / 25),  # README: BCUB=.5599 [recall=7/18, prec=3/3]
            "ceafe": (0.6, 0.9, 0.72),  # common = 1 + 4/5 = 1.8
        },
    ),
    # false-alarm mentions x, y, z
    (
        "TC-A-3",
        TC_A,
        "a bcx defy z",
        {
            "muc": (1, 3 / 5, 0.75),
            "bcub": (1, 55 / 108, 110 / 163),  # README .6748
            # common = 1 + 4/5 + 6/7 = 93/35; config: [0.88571, 0.66429, 0.75918]
            "ceafe": (93 / 105, 93 / 140, 186 / 245),
        },
    ),
    # missing (e, f) and extra (x, y, z) mentions
    (
        "TC-A-4",
        TC_A,
        "a bcx dy z",
        {
            "muc": (1 / 3, 1 / 3, 1 / 3),
            "bcub": (5 / 9, 17 / 42, _f(5 / 9, 17 / 42)),  # README .4683
            "ceafe": (
                2.2 / 3,
                2.2 / 4,
                4.4 / 7,
            ),  # common = 1 + 4/5 + 2/5; [0.73333, 0.55, 0.62857]
        },
    ),
    # B overlaps b but is a different mention, in the aligned entity
    (
        "TC-A-5",
        TC_A,
        "a bcxB dy z",
        {
            "muc": (1 / 3, 1 / 4, 2 / 7),
            "bcub": (5 / 9, 5 / 16, _f(5 / 9, 5 / 16)),  # README .4
            # common = 1 + 4/6 + 2/5 = 31/15; config: [0.68889, 0.51667, 0.59048]
            "ceafe": (31 / 45, 31 / 60, 62 / 105),
        },
    ),
    # B in an unaligned entity
    (
        "TC-A-6",
        TC_A,
        "a bcx dy Bz",
        {
            "muc": (1 / 3, 1 / 4, 2 / 7),
            "bcub": (5 / 9, 17 / 48, _f(5 / 9, 17 / 48)),  # README .4325
            "ceafe": (2.2 / 3, 2.2 / 4, 4.4 / 7),
        },
    ),
    # b listed twice in the same response cluster: de-duplicated, so scores equal TC-A-4
    (
        "TC-A-7",
        TC_A,
        "a bcxb dy z",
        {
            "muc": (1 / 3, 1 / 3, 1 / 3),
            "bcub": (5 / 9, 17 / 42, _f(5 / 9, 17 / 42)),
            "ceafe": (2.2 / 3, 2.2 / 4, 4.4 / 7),
        },
    ),
    # gold mentions, response all singletons
    ("TC-A-10", TC_A, "a b c d e f", {"muc": ZERO, "bcub": (3 / 6, 1, 2 / 3)}),
    # gold mentions, response all in one entity
    ("TC-A-11", TC_A, "abcdef", {"muc": (1, 3 / 5, 6 / 8), "bcub": (1, 7 / 18, 14 / 25)}),
    # system mentions (x, y, z extra; b, f missing), all singletons
    (
        "TC-A-12",
        TC_A,
        "a x y c d e z",
        {"muc": ZERO, "bcub": (13 / 36, 4 / 7, _f(13 / 36, 4 / 7))},  # README .4425
    ),
    # system mentions, all in one entity
    (
        "TC-A-13",
        TC_A,
        "axycdez",
        {
            "muc": (1 / 3, 1 / 6, 2 / 9),
            "bcub": (17 / 36, 6 / 49, _f(17 / 36, 6 / 49)),  # README 0.19447
        },
    ),
    # B-cubed paper: merging a small cluster into a big one ...
    (
        "TC-D-1",
        "12345 67 89ABC",
        "12345 6789ABC",
        {"muc": (1, 9 / 10, _f(1, 9 / 10)), "bcub": (1, 16 / 21, _f(1, 16 / 21))},
    ),
    # ... and merging two big ones: MUC can't tell the difference, B-cubed can
    (
        "TC-E-1",
        "12345 67 89ABC",
        "1234589ABC 67",
        {"muc": (1, 9 / 10, _f(1, 9 / 10)), "bcub": (1, 7 / 12, _f(1, 7 / 12))},
    ),
    # MUC paper examples
    ("TC-F-1", "ABCD", "AB CD", {"muc": (2 / 3, 1, 0.8)}),
    ("TC-G-1", "AB CD", "ABCD", {"muc": (1, 2 / 3, 0.8)}),
    ("TC-H-1", "ABCD", "ABCD", {"muc": ONE}),
    ("TC-J-1", "ABC", "AC", {"muc": (1 / 2, 1, 2 / 3)}),
    ("TC-K-1", "BCDEGHJ", "ABC DEF GHI", {"muc": (3 / 6, 3 / 6, 3 / 6)}),
    ("TC-L-1", "ABC DEFG", "AB CD FGH", {"muc": (2 / 5, 2 / 4, _f(2 / 5, 2 / 4))}),
    # key with one entity only
    ("TC-M-1", "abcdef", "abcdef", {"muc": ONE, "bcub": ONE, "ceafe": ONE}),
    ("TC-M-2", "abcdef", "a b c d e f", {"muc": ZERO}),
    ("TC-M-5", "abcdef", "a b c x y z", {"muc": ZERO}),
    # key with singletons only: MUC has no link to find, so 0 even for a perfect response
    ("TC-N-1", "a b c d e f", "a b c d e f", {"muc": ZERO, "bcub": ONE, "ceafe": ONE}),
    ("TC-N-4", "a b c d e f", "a b c x y z", {"muc": ZERO}),
]


@pytest.mark.parametrize(
    ("key", "response", "expected"),
    [pytest.param(k, r, e, id=case) for case, k, r, e in OFFICIAL],
)
def test_official_reference_scorer_cases(
    key: str, response: str, expected: dict[str, tuple[float, float, float]]
) -> None:
    scores = score_coreference(_c(key), _c(response))
    for name, values in expected.items():
        _check(_metric(scores, name), values)


# CEAF-e for official inputs where the reference test suite gives no CEAF-e figure, worked out by
# hand (phi4 = 2|K∩R| / (|K| + |R|), best one-to-one alignment).
HAND_CEAF_E = [
    # {a}-{a} 1, {bc}-{b} 2/3, {def}-{d} 2/4: 13/6 over 3 key / 6 response entities
    ("TC-A-10", TC_A, "a b c d e f", (13 / 18, 13 / 36, 13 / 27)),
    # one response entity, best partner {def}: 6/9
    ("TC-A-11", TC_A, "abcdef", (2 / 9, 2 / 3, 1 / 3)),
    # {a}-{a} 1, {bc}-{c} 2/3, {def}-{d} 2/4: 13/6 over 3 / 7
    ("TC-A-12", TC_A, "a x y c d e z", (13 / 18, 13 / 42, 13 / 30)),
    # one response entity of 7, best partner {def}: 2*2/10
    ("TC-A-13", TC_A, "axycdez", (2 / 15, 2 / 5, 1 / 5)),
    # {12345} 1 + {89ABC}-{6789ABC} 10/12 = 11/6 over 3 / 2
    ("TC-D-1", "12345 67 89ABC", "12345 6789ABC", (11 / 18, 11 / 12, 11 / 15)),
    # {67} 1 + one 5-cluster with the 10-cluster 10/15 = 5/3 over 3 / 2
    ("TC-E-1", "12345 67 89ABC", "1234589ABC 67", (5 / 9, 5 / 6, 2 / 3)),
    # {ABCD}-{AB} 4/6 over 1 / 2
    ("TC-F-1", "ABCD", "AB CD", (2 / 3, 1 / 3, 4 / 9)),
    # one key entity of 7 (J twinless), each response entity shares 2: 4/10 over 1 / 3
    ("TC-K-1", "BCDEGHJ", "ABC DEF GHI", (2 / 5, 2 / 15, 1 / 5)),
]


@pytest.mark.parametrize(
    ("key", "response", "expected"),
    [pytest.param(k, r, e, id=case) for case, k, r, e in HAND_CEAF_E],
)
def test_ceaf_e_on_official_inputs(
    key: str, response: str, expected: tuple[float, float, float]
) -> None:
    _check(score_coreference(_c(key), _c(response)).ceaf_e, expected)


def test_duplicate_mention_across_clusters_is_an_error() -> None:
    # TC-A-8 / TC-A-9 put b in two response entities; the Perl scorer silently keeps the first
    # occurrence. Here that ambiguity is refused, on either side.
    with pytest.raises(ValueError, match=r"response mention 'b' appears in two response clusters"):
        score_coreference(_c(TC_A), _c("a bcx dy bz"))
    with pytest.raises(ValueError, match=r"key mention 'b' appears in two key clusters"):
        score_coreference(_c("a bcx dy bz"), _c(TC_A))
    # "B" (TC-A-6) is a different mention from "b", so this is fine.
    score_coreference(_c(TC_A), _c("a bcx dy Bz"))


def test_counts_and_conll_mean_of_tc_a_2() -> None:
    s = score_coreference(_c(TC_A), _c("a de"))
    assert (s.key_mentions, s.response_mentions, s.key_clusters, s.response_clusters) == (
        6,
        3,
        3,
        2,
    )
    # CoNLL = (0.5 + 0.56 + 0.72) / 3
    assert s.conll_f1 == pytest.approx(1.78 / 3, abs=1e-12)
    # The scorer's "Recall: (7/3 / 6)" line for B-cubed.
    assert s.b_cubed.recall_numerator == pytest.approx(7 / 3)
    assert s.b_cubed.recall_denominator == 6
    assert (s.muc.precision_numerator, s.muc.precision_denominator) == (1.0, 1)


def test_hand_worked_mixed_case_with_twinless_mentions_on_both_sides() -> None:
    # key  K1 = {1,2,3,4,5}  K2 = {6,7,9}        (9 only in the key)
    # resp R1 = {1,2,3}      R2 = {4,5,6,7,8}    (8 only in the response)
    # overlaps: K1∩R1 = 3, K1∩R2 = 2, K2∩R2 = 2
    key = [[1, 2, 3, 4, 5], [6, 7, 9]]
    response = [[1, 2, 3], [4, 5, 6, 7, 8]]
    s = score_coreference(key, response)
    # MUC recall: K1 -> parts {123}{45}: 5-2 = 3; K2 -> {67}{9}: 3-2 = 1; 4 / (4+2) = 2/3.
    # MUC precision: R1 -> one part: 2; R2 -> {45}{67}{8}: 5-3 = 2; 4 / (2+4) = 2/3.
    _check(s.muc, (2 / 3, 2 / 3, 2 / 3))
    # B3 recall: (9/5 + 4/5 + 4/3) / 8 = (59/15) / 8 = 59/120.
    # B3 precision: (9/3 + 4/5 + 4/5) / 8 = (23/5) / 8 = 69/120.  F = 2*59*69 / (120*128).
    _check(s.b_cubed, (59 / 120, 69 / 120, 2 * 59 * 69 / (120 * 128)))
    # CEAF-e: phi(K1,R1) = 6/8, phi(K1,R2) = 4/10, phi(K2,R2) = 4/8; best is K1-R1 + K2-R2 = 5/4,
    # over 2 key and 2 response entities.
    _check(s.ceaf_e, (5 / 8, 5 / 8, 5 / 8))
    expected_conll = (Fraction(2, 3) + Fraction(2 * 59 * 69, 120 * 128) + Fraction(5, 8)) / 3
    assert s.conll_f1 == pytest.approx(float(expected_conll), abs=1e-12)
    assert (s.key_mentions, s.response_mentions) == (8, 8)


def test_ceaf_e_takes_the_optimal_alignment_not_the_greedy_one() -> None:
    # phi(K1,R1) = 2*3/(4+4) = 0.75 is the single best pair, but it blocks
    # phi(K1,R2) = 2/5 plus phi(K2,R1) = 2/5 = 0.8. Greedy would give 0.75 / 2 = 0.375.
    s = score_coreference([["a", "b", "c", "d"], ["e"]], [["a", "b", "c", "e"], ["d"]])
    _check(s.ceaf_e, (0.4, 0.4, 0.4))


def test_perfect_response_scores_one_everywhere() -> None:
    key = [
        [("d1", 0, 3), ("d1", 10, 12), ("d2", 5, 9)],
        [("d1", 20, 25)],
        [("d2", 0, 2), ("d2", 30, 31)],
    ]
    s = score_coreference(key, key)
    for prf in (s.muc, s.b_cubed, s.ceaf_e):
        _check(prf, ONE)
    assert s.conll_f1 == 1.0


def test_all_singletons_response() -> None:
    # key {1,2,3,4} {5,6} {7}; response: every mention alone.
    key = [[1, 2, 3, 4], [5, 6], [7]]
    s = score_coreference(key, [[m] for m in range(1, 8)])
    _check(s.muc, ZERO)  # no link kept, none proposed
    # B3 recall: (4 * 1/4 + 2 * 1/2 + 1) / 7 = 3/7; precision 1.
    _check(s.b_cubed, (3 / 7, 1, 0.6))
    # CEAF-e: {1234}-{1} 2/5, {56}-{5} 2/3, {7}-{7} 1 = 31/15 over 3 key / 7 response.
    _check(s.ceaf_e, (31 / 45, 31 / 105, 2 * (31 / 15) / 10))


def test_all_in_one_response() -> None:
    key = [[1, 2, 3, 4], [5, 6], [7]]
    s = score_coreference(key, [[1, 2, 3, 4, 5, 6, 7]])
    # MUC recall 4/4; precision: 7 - 3 parts = 4 over 6 links.
    _check(s.muc, (1, 4 / 6, 0.8))
    # B3 precision: (16 + 4 + 1) / 7 / 7 = 21/49 = 3/7.
    _check(s.b_cubed, (1, 3 / 7, 0.6))
    # CEAF-e: best partner {1234}: 8/11, over 3 key / 1 response.
    _check(s.ceaf_e, (8 / 33, 8 / 11, 2 * (8 / 11) / 4))


def test_disjoint_mention_sets_score_zero() -> None:
    s = score_coreference([[1, 2], [3]], [[4, 5], [6]])
    for prf in (s.muc, s.b_cubed, s.ceaf_e):
        _check(prf, ZERO)
    assert s.conll_f1 == 0.0


@pytest.mark.parametrize(
    ("key", "response"),
    [([], []), ([[1, 2]], []), ([], [[1, 2]]), ([[]], [[], []]), ([[1]], [])],
)
def test_empty_sides_give_zeros(key: list[list[int]], response: list[list[int]]) -> None:
    s = score_coreference(key, response)
    for prf in (s.muc, s.b_cubed, s.ceaf_e):
        _check(prf, ZERO)
    assert s.conll_f1 == 0.0


def test_empty_clusters_are_dropped_and_repeats_within_a_cluster_collapse() -> None:
    s = score_coreference([[1, 2], [], [3]], [[1, 1, 2], [3, 3]])
    assert (s.key_clusters, s.response_clusters) == (2, 2)
    assert (s.key_mentions, s.response_mentions) == (3, 3)
    # What is left is {1,2} {3} on both sides: a perfect response.
    for prf in (s.muc, s.b_cubed, s.ceaf_e):
        _check(prf, ONE)


def test_swapping_key_and_response_swaps_recall_and_precision() -> None:
    key, response = _c("ABC DEFG xy"), _c("AB CD FGH z")
    a, b = score_coreference(key, response), score_coreference(response, key)
    for x, y in ((a.muc, b.muc), (a.b_cubed, b.b_cubed), (a.ceaf_e, b.ceaf_e)):
        assert (x.recall, x.precision, x.f1) == (y.precision, y.recall, y.f1)
    assert a.conll_f1 == b.conll_f1


def _random_partition(
    rng: random.Random, mentions: list[int], n_labels: int, keep: float
) -> list[list[int]]:
    labels = {m: rng.randrange(n_labels) for m in mentions if rng.random() < keep}
    return [list(c) for c in clusters_from_labels(labels)]


def test_order_of_clusters_and_mentions_does_not_change_any_number() -> None:
    rng = random.Random(7)
    mentions = list(range(300))
    key = _random_partition(rng, mentions, 60, 0.9)
    response = _random_partition(rng, mentions, 45, 0.9)
    reference = score_coreference(key, response)
    for _ in range(5):
        k2 = [rng.sample(c, len(c)) for c in rng.sample(key, len(key))]
        r2 = [rng.sample(c, len(c)) for c in rng.sample(response, len(response))]
        assert score_coreference(k2, r2) == reference  # exact equality, not approx


def _brute_force_ceaf_similarity(key: list[list[int]], response: list[list[int]]) -> Fraction:
    """Try every injective map of the smaller side into the larger one."""
    small, large = (key, response) if len(key) <= len(response) else (response, key)
    sets_s, sets_l = [set(c) for c in small], [set(c) for c in large]
    best = Fraction(0)
    for image in itertools.permutations(range(len(large)), len(small)):
        total = sum(
            (
                Fraction(2 * len(s & sets_l[j]), len(s) + len(sets_l[j]))
                for s, j in zip(sets_s, image, strict=True)
            ),
            Fraction(0),
        )
        best = max(best, total)
    return best


def test_ceaf_e_matches_brute_force_on_small_random_cases() -> None:
    rng = random.Random(11)
    for _ in range(150):
        mentions = list(range(rng.randint(1, 9)))
        key = _random_partition(rng, mentions, rng.randint(1, 5), 0.8)
        response = _random_partition(rng, mentions, rng.randint(1, 5), 0.8)
        s = score_coreference(key, response)
        best = _brute_force_ceaf_similarity(key, response)
        assert s.ceaf_e.recall == pytest.approx(float(best / len(key)) if key else 0.0, abs=1e-12)
        assert s.ceaf_e.precision == pytest.approx(
            float(best / len(response)) if response else 0.0, abs=1e-12
        )


def test_ceaf_e_matches_networkx_matching_on_medium_random_cases() -> None:
    rng = random.Random(3)
    for _ in range(15):
        mentions = list(range(rng.randint(30, 120)))
        key = _random_partition(rng, mentions, rng.randint(5, 40), 0.85)
        response = _random_partition(rng, mentions, rng.randint(5, 40), 0.85)
        scale = math.lcm(*range(1, 2 * len(mentions) + 1))  # integer weights, exact optimum
        graph = nx.Graph()
        for i, k in enumerate(key):
            for j, r in enumerate(response):
                common = len(set(k) & set(r))
                if common:
                    weight = 2 * common * scale // (len(k) + len(r))
                    graph.add_edge(("k", i), ("r", j), weight=weight)
        matching = nx.max_weight_matching(graph)
        best = Fraction(sum(graph[a][b]["weight"] for a, b in matching), scale)
        s = score_coreference(key, response)
        assert s.ceaf_e.recall == float(best / len(key))


def test_b_cubed_and_muc_match_their_textbook_definitions_on_random_cases() -> None:
    rng = random.Random(5)
    for _ in range(50):
        mentions = list(range(rng.randint(1, 40)))
        key = [set(c) for c in _random_partition(rng, mentions, rng.randint(1, 10), 0.8)]
        response = [set(c) for c in _random_partition(rng, mentions, rng.randint(1, 10), 0.8)]
        s = score_coreference(key, response)

        def muc_recall(gold: list[set[int]], pred: list[set[int]]) -> float:
            num = den = 0
            for g in gold:
                parts = sum(1 for p in pred if g & p) + len(g - set().union(*pred))
                num += len(g) - parts
                den += len(g) - 1
            return num / den if den else 0.0

        def b3_recall(gold: list[set[int]], pred: list[set[int]]) -> float:
            n = sum(len(g) for g in gold)
            num = sum(len(g & p) ** 2 / len(g) for g in gold for p in pred)
            return num / n if n else 0.0

        assert s.muc.recall == pytest.approx(muc_recall(key, response), abs=1e-12)
        assert s.muc.precision == pytest.approx(muc_recall(response, key), abs=1e-12)
        assert s.b_cubed.recall == pytest.approx(b3_recall(key, response), abs=1e-12)
        assert s.b_cubed.precision == pytest.approx(b3_recall(response, key), abs=1e-12)


def test_clusters_from_labels_groups_in_first_seen_order() -> None:
    labels = {("d1", 0, 2): "e2", ("d1", 5, 7): "e1", ("d2", 1, 3): "e2", ("d2", 9, 9): 7}
    assert clusters_from_labels(labels) == [
        frozenset({("d1", 0, 2), ("d2", 1, 3)}),
        frozenset({("d1", 5, 7)}),
        frozenset({("d2", 9, 9)}),
    ]
    assert clusters_from_labels({}) == []


def test_large_inputs_are_fast() -> None:
    # 20,000 mentions in 500 documents of 40, key and response each a random partition of every
    # document: components stay within a document.
    rng = random.Random(0)
    mentions = [(doc, i) for doc in range(500) for i in range(40)]
    key = clusters_from_labels({m: (m[0], rng.randrange(12)) for m in mentions})
    response = clusters_from_labels(
        {m: (m[0], rng.randrange(12)) for m in mentions if rng.random() < 0.95}
    )
    # Worst case for the alignment: one giant overlap component (5,000 clusters of 4 per side,
    # the response a shuffle of the key), plus a 10,000-cluster chain of ties.
    flat = list(range(20_000))
    shuffled = rng.sample(flat, len(flat))
    giant_key = [flat[i : i + 4] for i in range(0, 20_000, 4)]
    giant_response = [shuffled[i : i + 4] for i in range(0, 20_000, 4)]
    chain_key = [[2 * i, 2 * i + 1] for i in range(10_000)]
    chain_response = [[2 * i + 1, 2 * i + 2] for i in range(10_000)]

    s = score_coreference(key, response)
    giant = score_coreference(giant_key, giant_response)
    chain = score_coreference(chain_key, chain_response)

    assert s.key_mentions == 20_000
    assert 0.0 < s.conll_f1 < 1.0
    assert 0.0 < giant.ceaf_e.f1 < 1.0
    # Chain: key {2i, 2i+1} and response {2i+1, 2i+2} share one mention, phi4 = 2/4; pairing
    # key i with response i uses every cluster once: 10,000 * 1/2 over 10,000 per side.
    _check(chain.ceaf_e, (0.5, 0.5, 0.5))
