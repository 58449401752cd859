"""Relations between actors, stated in the text."""

from __future__ import annotations

from timelinegraph.extract.actors import extract_actors
from timelinegraph.extract.relations import extract_relations
from timelinegraph.models import RelationType


def relations(ctx):
    actors = extract_actors(ctx)
    names = {a.id: a.name for a in actors}
    return {(r.type, names[r.source], names[r.target]) for r in extract_relations(ctx, actors)}


def test_leader_from_apposition(make_context):
    found = relations(make_context("Hamas's leader in Gaza, Yahya Sinwar, refused the deal."))
    assert (RelationType.LEADER_OF, "Yahya Sinwar", "Hamas") in found


def test_leader_from_of_phrase(make_context):
    found = relations(make_context("Elon Musk, the chief executive of Tesla, sold shares."))
    assert (RelationType.LEADER_OF, "Elon Musk", "Tesla") in found


def test_member_from_spokesman_apposition(make_context):
    found = relations(
        make_context("John Kirby, a spokesman for the White House, said the talks would go on.")
    )
    assert any(t == RelationType.MEMBER_OF and s == "John Kirby" for t, s, _ in found)


def test_at_odds_both_directions(make_context):
    found = relations(
        make_context("Yahya Sinwar is at odds with Ismail Haniyeh over the proposal.")
    )
    assert (RelationType.AT_ODDS_WITH, "Yahya Sinwar", "Ismail Haniyeh") in found
    assert (RelationType.AT_ODDS_WITH, "Ismail Haniyeh", "Yahya Sinwar") in found


def test_mediation_between_parties(make_context):
    found = relations(make_context("Qatar brokered a deal between Israel and Hamas last year."))
    assert (RelationType.MEDIATES_BETWEEN, "Qatar", "Israel") in found
    assert (RelationType.MEDIATES_BETWEEN, "Qatar", "Hamas") in found


def test_located_in_from_comma_and_in(make_context):
    found = relations(make_context("Protesters gathered in Mosul, Iraq, on Friday."))
    assert (RelationType.LOCATED_IN, "Mosul", "Iraq") in found


def test_no_relation_without_statement(make_context):
    assert relations(make_context("Israel and Egypt held talks on Monday.")) == set()
