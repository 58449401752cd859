"""SemEval-2015 Task 4 timelines as temporal relations, scored with temporal awareness."""

from __future__ import annotations

import pytest

from timelinegraph.evaluate.timegraph import relation
from timelinegraph.evaluate.timeline_eval import (
    Timeline,
    normalise_date,
    parse_timeline,
    score_timelines,
    timeline_relations,
)

GOLD = """Apple
0\tXXXX-XX-XX\t1-1-said
1\t2009-01-01\t1-2-sold\t1-3-sale
2\t2009-02-01\t2-1-bought
2\t2009-02-01\t2-2-paid
3\t2009-03-01\t3-1-closed
"""


def score(gold: str, system: str | None, anchors: bool = True):
    systems = {} if system is None else {"apple.txt": parse_timeline(system)}
    s = score_timelines({"apple.txt": parse_timeline(gold)}, systems, anchors)
    return (s.precision_matched, s.system_total, s.recall_matched, s.gold_total)


def test_a_timeline_becomes_coreference_ordering_and_anchor_links():
    timeline = parse_timeline(GOLD)
    assert timeline.entity == "Apple" and len(timeline.entries) == 5
    assert timeline_relations(timeline) == [
        relation("1-3-sale", "1-2-sold", "SIMULTANEOUS"),  # one event, two mentions
        relation("2-2-paid", "2-1-bought", "SIMULTANEOUS"),  # same order number
        relation("1-2-sold", "2-1-bought", "BEFORE"),  # successive groups; order 0 is left out
        relation("2-1-bought", "3-1-closed", "BEFORE"),
        relation("1-2-sold", "date:2009-01-01", "SIMULTANEOUS"),
        relation("2-1-bought", "date:2009-02-01", "SIMULTANEOUS"),
        relation("2-2-paid", "date:2009-02-01", "SIMULTANEOUS"),
        relation("3-1-closed", "date:2009-03-01", "SIMULTANEOUS"),
    ]
    assert len(timeline_relations(timeline, anchors=False)) == 4


def test_gold_against_itself_scores_one():
    # the anchor of 2-2-paid follows from the others: the reduced graph has 7 links
    assert score(GOLD, GOLD) == (7, 7, 7, 7)


def test_two_groups_in_the_wrong_order():
    system = "Apple\n1\t2009-01-01\t1-2-sold\t1-3-sale\n2\tXXXX-XX-XX\t3-1-closed\n"
    system += "3\tXXXX-XX-XX\t2-1-bought\n3\tXXXX-XX-XX\t2-2-paid\n"
    # sold < closed follows from the gold, closed < bought contradicts it; and the other way
    # round sold < bought follows from the system, bought < closed does not
    assert score(GOLD, system, anchors=False) == (3, 4, 3, 4)


def test_a_wrong_date_costs_one_link_each_way():
    system = GOLD.replace("3\t2009-03-01", "3\t2009-04-01")
    assert score(GOLD, system) == (6, 7, 6, 7)


def test_a_missing_system_timeline_is_empty():
    assert score(GOLD, None) == (0, 0, 0, 7)
    empty = score_timelines({"a.txt": Timeline("A", ())}, {})
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_dates_are_normalised_and_an_unknown_year_is_no_anchor():
    assert normalise_date("2008") == normalise_date("2008-XX-XX") == "2008-XX-XX"
    assert normalise_date("2006-12") == "2006-12-XX"
    assert normalise_date("XXXX-XX-XX") is None and normalise_date("XXX-XX-XX") is None


def test_a_malformed_line_is_a_value_error():
    with pytest.raises(ValueError, match=r"t\.txt:2: expected order"):
        parse_timeline("Apple\nsold on Monday\n", "t.txt")
