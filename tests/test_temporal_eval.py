"""The relations layer of ``eval`` on the held-out test part of the TempEval-3 split: floors under
the figures docs/temporal.md reports (MATRES start points on gold pairs, temporal awareness end
to end), and the layer's rows in the report. Skipped when ../shared/eval is absent."""

from __future__ import annotations

import pytest

from tg_paths import SHARED_EVAL
from timelinegraph.evaluate.matres import read_matres, score_pairs
from timelinegraph.evaluate.report import render_table
from timelinegraph.evaluate.run import evaluate_paths
from timelinegraph.evaluate.splits import split_files

TRAIN = SHARED_EVAL / "tempeval3-train"
MATRES = SHARED_EVAL / "matres"
# measured figures minus a margin for parser and platform noise (docs/temporal.md)
MATRES_FLOOR = 0.65
AWARENESS_FLOOR = 0.22


@pytest.fixture(scope="module")
def report(nlp):
    if not (TRAIN.is_dir() and MATRES.is_dir()):
        pytest.skip("../shared/eval (tempeval3-train, matres) not present")
    test = split_files([TRAIN])["test"]
    return evaluate_paths(test, nlp=nlp, matres=[MATRES])


@pytest.mark.eval
@pytest.mark.slow
def test_held_out_figures_stay_above_their_floors(report):
    relations = report.relations
    assert relations is not None and relations.matres is not None
    assert report.layer_documents["relations"] == 44
    assert relations.matres_documents > 40
    assert relations.matres.f1 >= MATRES_FLOOR
    assert relations.awareness.f1 >= AWARENESS_FLOOR
    table = render_table(report)
    assert "temporal awareness" in table and "MATRES" in table


def test_matres_reader_and_vague_convention(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("d1\tsaid\thit\t1\t2\tBEFORE\nd1\tsaid\tgo\t1\t3\tVAGUE\nnot a pair\n")
    pairs = read_matres([path])["d1"]
    assert [(p.source, p.target, p.label) for p in pairs] == [
        ("ei1", "ei2", "BEFORE"),
        ("ei1", "ei3", "VAGUE"),
    ]
    # VAGUE is no positive: saying nothing there costs nothing, saying BEFORE costs precision
    assert score_pairs(pairs, ["BEFORE", "VAGUE"]).f1 == 1.0
    assert score_pairs(pairs, ["BEFORE", "BEFORE"]).precision == 0.5
    assert score_pairs(pairs, [None, "VAGUE"]).recall == 0.0
