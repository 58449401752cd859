"""The timeline scorer on the task's own data: gold against itself, and perturbed timelines scored
exactly as the original TempEval-3 relation scorer scores the same relations.

The official TimeLine script is not in shared/eval; the task describes it as the TempEval-3
temporal-awareness scorer run on the timelines turned into relations. So the figures below were
produced by writing each timeline's relations (``timeline_relations``) as TimeML TLINKs, ids
shared by gold and system per timeline, and running the original
``evaluation-relations/temporal_evaluation.py gold/ system/ 0`` under Python 2.7.18 on them (its
folder mode is the micro average over timelines). Systems are ``perturb_timeline(gold, variant)``.
"""

from __future__ import annotations

import pytest

from tempeval_cases import py2_printed
from tg_paths import SHARED_EVAL
from timeline_cases import perturb_timeline
from timelinegraph.evaluate.timeline_eval import (
    parse_timeline,
    read_timelines,
    score_timeline_folders,
    score_timelines,
)

pytestmark = [pytest.mark.eval, pytest.mark.slow]

TASK = SHARED_EVAL / "semeval2015-task4-timeline"
TRIAL = TASK / "TimeLines_trial_data_task4_v1.2"
CORPUS_2 = TASK / "SemEval_Task4_data" / "corpus_2" / "TimeLines_Gold_Standard"

# (folder, anchors, variant) -> precision matched, system total, recall matched, gold total,
# then F1, P, R as the original prints them.
ORIGINAL = {
    (TRIAL, True, "drop"): (189, 189, 154, 238, "78.5714", "100.0", "64.7059"),
    (TRIAL, True, "swap"): (222, 238, 222, 238, "93.2773", "93.2773", "93.2773"),
    (TRIAL, True, "unplace"): (198, 199, 180, 238, "85.9375", "99.4975", "75.6303"),
    (TRIAL, True, "redate"): (228, 263, 224, 238, "90.2524", "86.692", "94.1176"),
    (TRIAL, True, "merge"): (200, 237, 225, 238, "89.1751", "84.3882", "94.5378"),
    (TRIAL, True, "mixed"): (141, 178, 106, 238, "57.0175", "79.2135", "44.5378"),
    (TRIAL, False, "drop"): (131, 131, 101, 171, "74.2647", "100.0", "59.0643"),
    (TRIAL, False, "swap"): (155, 171, 155, 171, "90.6433", "90.6433", "90.6433"),
    (TRIAL, False, "merge"): (134, 171, 158, 171, "84.8033", "78.3626", "92.3977"),
    (TRIAL, False, "mixed"): (98, 109, 71, 171, "56.807", "89.9083", "41.5205"),
    (CORPUS_2, True, "split"): (268, 268, 269, 292, "95.9002", "100.0", "92.1233"),
    (CORPUS_2, True, "mixed"): (166, 198, 141, 292, "61.2803", "83.8384", "48.2877"),
}


def _needs(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} not present (../shared/eval is optional)")


@pytest.mark.parametrize("folder", [TRIAL, CORPUS_2], ids=["trial", "corpus_2"])
@pytest.mark.parametrize("anchors", [True, False], ids=["anchors", "ordering"])
def test_the_gold_timelines_against_themselves_score_one(folder, anchors):
    _needs(folder)
    score = score_timeline_folders(folder, folder, anchors)
    assert score.gold_total > 100 and (score.precision, score.recall, score.f1) == (1, 1, 1)


@pytest.mark.parametrize(
    ("folder", "anchors", "variant"),
    list(ORIGINAL),
    ids=[f"{f.parent.parent.name if f == CORPUS_2 else 'trial'}-{a}-{v}" for f, a, v in ORIGINAL],
)
def test_perturbed_timelines_score_as_the_original_scores_them(folder, anchors, variant):
    _needs(folder)
    gold = read_timelines(folder)
    system = {
        name: parse_timeline(perturb_timeline((folder / name).read_text(encoding="utf-8"), variant))
        for name in gold
    }
    score = score_timelines(gold, system, anchors)
    p_matched, s_total, r_matched, g_total, f1, p, r = ORIGINAL[folder, anchors, variant]
    counts = (score.precision_matched, score.system_total, score.recall_matched, score.gold_total)
    assert counts == (p_matched, s_total, r_matched, g_total)
    assert (py2_printed(score.f1), py2_printed(score.precision), py2_printed(score.recall)) == (
        f1,
        p,
        r,
    )
