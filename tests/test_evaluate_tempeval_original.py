"""The temporal-awareness port gives the original TempEval-3 scorer's figures, to the last digit.

The figures below were produced by running the original, unchanged, under Python 2.7.18:
``evaluation-relations/temporal_evaluation.py gold/ system/ 0 [acl11|implicit_in_recall]`` (the
F1/P/R line it prints) and, for the counts, its evaluate_two_files* functions file by file. Gold
is the eight TempEval-3 training documents in DOCS; each system folder is ``perturb(gold,
variant)`` (tests/tempeval_cases.py). The port also agreed with the original file by file on all
256 training documents, for every variant and every method.
"""

from __future__ import annotations

import pytest

from tempeval_cases import VARIANTS, perturb, py2_printed
from tg_paths import SHARED_EVAL
from timelinegraph.evaluate.tempeval import AwarenessScore, score_corpus
from timelinegraph.evaluate.tlinks import document_relations
from timelinegraph.ingest.timeml import parse_timeml

pytestmark = [pytest.mark.eval, pytest.mark.slow]

TRAIN = SHARED_EVAL / "tempeval3-train"
DOCS = (
    "AQUAINT/APW19980807.0261.tml",
    "AQUAINT/APW20000216.0193.tml",
    "TimeBank/CNN19980213.2130.0155.tml",
    "AQUAINT/XIE19980812.0062.tml",
    "TimeBank/wsj_0068.tml",
    "TimeBank/wsj_0292.tml",
    "TimeBank/wsj_0586.tml",
    "TimeBank/wsj_0810.tml",
)

# (method, variant) -> precision matched, system total, recall matched, gold total (summed over
# DOCS), then F1, P, R as the original prints them (str(100 * round(x, 6)) in Python 2).
ORIGINAL = {
    ("te3", "drop"): (258, 258, 264, 381, "81.8605", "100.0", "69.2913"),
    ("te3", "flip"): (296, 378, 302, 381, "78.7831", "78.3069", "79.2651"),
    ("te3", "reverse"): (381, 381, 381, 381, "100.0", "100.0", "100.0"),
    ("te3", "add"): (381, 490, 381, 381, "87.4856", "77.7551", "100.0"),
    ("te3", "mixed"): (218, 498, 220, 381, "49.798", "43.7751", "57.7428"),
    ("te3", "noisy"): (198, 571, 220, 381, "43.3308", "34.676", "57.7428"),
    ("acl11", "drop"): (516, 516, 534, 770, "81.9018", "100.0", "69.3506"),
    ("acl11", "flip"): (606, 770, 612, 770, "79.089", "78.7013", "79.4805"),
    ("acl11", "add"): (774, 994, 770, 770, "87.5566", "77.8672", "100.0"),
    ("acl11", "noisy"): (401, 1151, 446, 770, "43.5087", "34.8393", "57.9221"),
    ("implicit_in_recall", "drop"): (258, 258, 264.00052, 381, "81.8606", "100.0", "69.2915"),
    ("implicit_in_recall", "reverse"): (381, 381, 381.37140, 381, "100.0487", "100.0", "100.0975"),
    ("implicit_in_recall", "noisy"): (198, 571, 220.14780, 381, "43.3417", "34.676", "57.7816"),
}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not TRAIN.is_dir():
        pytest.skip(f"{TRAIN} not present (../shared/eval is optional)")
    return {name: (TRAIN / name).read_text(encoding="utf-8") for name in DOCS}


def _relations(name: str, text: str):
    return document_relations(parse_timeml(TRAIN / name, text))


@pytest.mark.parametrize(("method", "variant"), sorted(ORIGINAL))
def test_port_prints_what_the_original_prints(texts, method, variant):
    pairs = [
        (_relations(name, text), _relations(name, perturb(text, variant)))
        for name, text in texts.items()
    ]
    score = score_corpus(pairs, method)
    p_matched, s_total, r_matched, g_total, f1, p, r = ORIGINAL[method, variant]
    assert (score.precision_matched, score.system_total, score.gold_total) == (
        p_matched,
        s_total,
        g_total,
    )
    assert score.recall_matched == pytest.approx(r_matched, abs=1e-5)
    assert (py2_printed(score.f1), py2_printed(score.precision), py2_printed(score.recall)) == (
        f1,
        p,
        r,
    )


def test_gold_against_itself_is_perfect(texts):
    pairs = [(_relations(n, t), _relations(n, t)) for n, t in texts.items()]
    score = score_corpus(pairs)
    assert score == AwarenessScore(
        precision_matched=381, system_total=381, recall_matched=381, gold_total=381
    )
    assert score.f1 == 1.0


def test_every_variant_is_covered():
    assert {variant for _, variant in ORIGINAL} == set(VARIANTS)
