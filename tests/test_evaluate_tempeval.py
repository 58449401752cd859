"""Temporal awareness (the TempEval-3 TLINK score) on tiny hand-made graphs, TLINK reading and the
renaming of a prediction's ids. Agreement with the original: test_evaluate_tempeval_original."""

from __future__ import annotations

from pathlib import Path

import pytest

from timelinegraph.evaluate.tempeval import AwarenessScore, score_corpus, score_relations
from timelinegraph.evaluate.timegraph import build_timegraph, relation, verify
from timelinegraph.evaluate.tlinks import aligned_relations, document_relations
from timelinegraph.ingest.timeml import parse_timeml


def rels(*triples: str):
    """``rels("A BEFORE B", ...)`` -> relations."""
    return [relation(*_split(t)) for t in triples]


def _split(triple: str) -> tuple[str, str, str]:
    source, rel, target = triple.split()
    return source, target, rel


def score(gold, system, method="te3"):
    s = score_relations(rels(*gold), rels(*system), method)
    return (s.precision_matched, s.system_total, s.recall_matched, s.gold_total)


# --------------------------------------------------------------------------- the graph


def test_before_is_transitive_and_the_entailed_link_is_reduced_away():
    built = build_timegraph(rels("A BEFORE B", "B BEFORE C", "A BEFORE C"))
    assert verify(built.graph, "A", "C", "BEFORE") == "true"
    assert verify(built.graph, "C", "A", "AFTER") == "true"
    assert verify(built.graph, "A", "C", "AFTER") == "false"
    assert built.redundant == rels("A BEFORE C")
    assert built.scored_relations == rels("A BEFORE B", "B BEFORE C")


def test_includes_and_is_included_are_inverses():
    built = build_timegraph(rels("A INCLUDES B"))
    assert verify(built.graph, "B", "A", "IS_INCLUDED") == "true"
    assert verify(built.graph, "A", "B", "IS_INCLUDED") == "false"
    assert score(["A INCLUDES B"], ["B IS_INCLUDED A"]) == (1, 1, 1, 1)


def test_a_cycle_is_a_violation_that_still_counts_against_precision():
    built = build_timegraph(rels("A BEFORE B", "B BEFORE C", "C BEFORE A"))
    assert built.violated == rels("C BEFORE A")
    assert verify(built.graph, "C", "A", "BEFORE") == "false"
    assert built.scored_relations == rels("A BEFORE B", "B BEFORE C", "C BEFORE A")
    p_matched, s_total, r_matched, g_total = score(
        ["A BEFORE B", "B BEFORE C"], ["A BEFORE B", "B BEFORE C", "C BEFORE A"]
    )
    assert (p_matched, s_total, r_matched, g_total) == (2, 3, 2, 2)


def test_unrelated_intervals_are_unknown_and_a_self_link_is_violated():
    built = build_timegraph(rels("A BEFORE B", "C BEFORE D", "E BEFORE E"))
    assert verify(built.graph, "A", "C", "BEFORE") == "unknown"
    assert verify(built.graph, "A", "X", "BEFORE") == "false"  # X is not in the graph
    assert built.violated == rels("E BEFORE E")


def test_begins_is_never_entailed_by_the_graph_a_quirk_kept_from_the_original():
    # the original's test for BEGINS between known intervals can never succeed
    assert verify(build_timegraph(rels("A BEGINS B")).graph, "A", "B", "BEGINS") == "false"
    built = build_timegraph(rels("A BEFORE C", "B BEFORE C", "A BEGINS B"))
    assert built.violated == rels("A BEGINS B")
    # so it is only ever matched when the other side states it (either way round)
    assert score(["A BEGINS B"], ["B BEGUN_BY A"]) == (1, 1, 1, 1)


def test_during_reads_as_simultaneous_and_identity_matches_simultaneous():
    assert relation("A", "B", "during").rel == "SIMULTANEOUS"
    assert relation("A", "B", "DURING_INV").rel == "SIMULTANEOUS"
    assert score(["A IDENTITY B"], ["A SIMULTANEOUS B"]) == (1, 1, 1, 1)


# --------------------------------------------------------------------------- the score


def test_an_implied_link_earns_precision_but_the_missing_chain_costs_recall():
    assert score(["A BEFORE B", "B BEFORE C"], ["A BEFORE C"]) == (1, 1, 0, 2)
    # the gold's own redundant link is not counted: its reduced graph has two links
    assert score(["A BEFORE B", "B BEFORE C", "A BEFORE C"], ["A BEFORE B", "B BEFORE C"]) == (
        2,
        2,
        2,
        2,
    )


def test_the_corpus_score_is_a_micro_average():
    doc1 = (rels("A BEFORE B", "B BEFORE C"), rels("A BEFORE B", "B BEFORE C", "C BEFORE A"))
    doc2 = (rels("A INCLUDES B"), rels("B IS_INCLUDED A"))
    total = score_corpus([doc1, doc2])
    assert total == AwarenessScore(
        precision_matched=3, system_total=4, recall_matched=3, gold_total=3
    )
    assert (total.precision, total.recall) == (0.75, 1.0)  # not the mean of 2/3 and 1
    assert total.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert score_corpus([]).f1 == 0.0


def test_acl11_counts_explicit_links_both_ways():
    gold = ["A BEFORE B", "B BEFORE C", "A BEFORE C"]
    assert score(gold, ["A BEFORE B"], "acl11") == (2, 2, 2, 6)


def test_implicit_in_recall_rewards_what_the_gold_only_implies():
    # no gold link is matched; the system's A<C is implied by the gold: weight 0.99 / (1 + 1 - 0)
    # where n = 2 things (A, C) appear on both sides
    p_matched, s_total, r_matched, g_total = score(
        ["A BEFORE B", "B BEFORE C"], ["A BEFORE C"], "implicit_in_recall"
    )
    assert (p_matched, s_total, g_total) == (1, 1, 2)
    assert r_matched == pytest.approx(0.495)


# --------------------------------------------------------------------------- reading TimeML

GOLD = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">2013-03-22</TIMEX3></DCT>
<TEXT>Apple <EVENT eid="e1" class="OCCURRENCE">said</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2013-03-19">Tuesday</TIMEX3> it <EVENT eid="e2" class="OCCURRENCE">sold</EVENT> phones.</TEXT>
<MAKEINSTANCE eiid="ei1" eventID="e1" pos="VERB"/>
<MAKEINSTANCE eiid="ei2" eventID="e2" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="AFTER" eventInstanceID="ei1" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei2" timeID="t1" relatedToTime="t0"/>
<TLINK lid="l4" eventInstanceID="ei2" relatedToTime="t0"/>
</TimeML>
"""  # noqa: E501

PREDICTED = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">2013-03-22</TIMEX3></DCT>
<TEXT>Apple <EVENT eid="e7">said</EVENT> on <TIMEX3 tid="t4" type="DATE" value="2013-03-19">Tuesday</TIMEX3> it sold <EVENT eid="e8">phones</EVENT>.</TEXT>
<MAKEINSTANCE eiid="ei9" eventID="e7"/>
<MAKEINSTANCE eiid="ei10" eventID="e8"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei9" relatedToTime="t4"/>
<TLINK lid="l2" relType="AFTER" eventInstanceID="ei10" relatedToTime="t0"/>
</TimeML>
"""  # noqa: E501


def test_timeml_instances_and_tlinks_are_read():
    doc = parse_timeml(Path("gold.tml"), GOLD)
    assert doc.instances == {"ei1": "e1", "ei2": "e2"}
    assert [(t.id, t.source, t.rel_type, t.target) for t in doc.tlinks] == [
        ("l1", "ei1", "IS_INCLUDED", "t1"),
        ("l2", "ei1", "AFTER", "ei2"),
        ("l3", "t1", "BEFORE", "t0"),  # timeID wins over eventInstanceID, as TE3 reads it
    ]  # l4 has no relType: left out
    assert document_relations(doc)[0] == relation("ei1", "t1", "IS_INCLUDED")


def test_a_prediction_takes_the_gold_ids_of_the_spans_it_shares():
    gold = parse_timeml(Path("gold.tml"), GOLD)
    predicted = parse_timeml(Path("predicted.tml"), PREDICTED)
    assert aligned_relations(gold, predicted) == [
        relation("ei1", "t1", "IS_INCLUDED"),  # "said" and "Tuesday" are gold's ei1 and t1
        relation("unmatched:ei10", "t0", "AFTER"),  # "phones" is no gold event; t0 kept
    ]
    score = score_relations(document_relations(gold), aligned_relations(gold, predicted))
    assert (score.precision_matched, score.system_total) == (1, 2)
