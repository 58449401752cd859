"""Actor extraction on short, hand-written texts (not only the seed)."""

from __future__ import annotations

from timelinegraph.extract.actors import extract_actors
from timelinegraph.models import ActorType


def by_name(actors):
    return {a.name: a for a in actors}


def test_demonym_maps_to_state_with_qualifier(make_context):
    actors = by_name(extract_actors(make_context("Egyptian officials said talks would resume.")))
    egypt = actors["Egypt"]
    assert egypt.type == ActorType.STATE and egypt.country == "EG"
    [mention] = egypt.mentions
    assert (mention.text, mention.kind, mention.qualifier) == (
        "Egyptian officials",
        "demonym",
        "officials",
    )


def test_surname_links_back_to_full_name_and_title_is_a_role(make_context):
    text = (
        "Prime Minister Benjamin Netanyahu met the envoy. "
        "Later, Netanyahu said the talks had failed."
    )
    actors = by_name(extract_actors(make_context(text)))
    bibi = actors["Benjamin Netanyahu"]
    assert bibi.type == ActorType.PERSON
    assert "Netanyahu" in bibi.aliases
    assert [m.kind for m in bibi.mentions] == ["name", "surname"]
    assert "Prime Minister" in bibi.roles


def test_two_people_sharing_a_surname_stay_apart_in_one_article(make_context):
    text = "Joe Biden met Hunter Biden in Delaware. Hunter Biden later left."
    actors = by_name(extract_actors(make_context(text)))
    assert "Joe Biden" in actors and "Hunter Biden" in actors


def test_the_group_resolves_to_the_nearest_organisation(make_context):
    text = (
        "Hezbollah fired rockets at northern Israel on Monday. "
        "The group said it was responding to strikes."
    )
    actors = by_name(extract_actors(make_context(text)))
    assert any(m.text == "The group" for m in actors["Hezbollah"].mentions)


def test_apposition_gives_role(make_context):
    text = "Ismail Haniyeh, the head of the group's political bureau, arrived in Cairo."
    actors = by_name(extract_actors(make_context(text)))
    assert actors["Ismail Haniyeh"].roles == ["head of political bureau"]


def test_countries_by_alias_and_city_typing(make_context):
    actors = by_name(
        extract_actors(make_context("The U.S. and Britain sent aid to Cairo and Mosul."))
    )
    assert actors["United States"].type == ActorType.STATE
    assert actors["United Kingdom"].type == ActorType.STATE
    assert actors["Cairo"].type == ActorType.PLACE and actors["Cairo"].country == "EG"


def test_group_nominals_share_a_key(make_context):
    text = "Mediators met on Monday. One mediator said progress was slow. Mediators left."
    actors = extract_actors(make_context(text))
    groups = [a for a in actors if a.type == ActorType.GROUP]
    assert [g.name for g in groups] == ["mediators"]
    assert len(groups[0].mentions) == 3


def test_dateline_is_a_place_actor(make_context):
    ctx = make_context(
        "BEIRUT—Hezbollah said it fired rockets.", dateline="Beirut", skip_spans=[(0, 7)]
    )
    actors = by_name(extract_actors(ctx))
    beirut = actors["Beirut"]
    assert beirut.mentions[0].kind == "dateline"
    assert ctx.article.text[beirut.mentions[0].start : beirut.mentions[0].end] == "BEIRUT"


def test_every_mention_has_exact_offsets_and_provenance(make_context):
    ctx = make_context(
        "Qatari and Egyptian mediators said Hamas's leader in Gaza, "
        "Yahya Sinwar, rejected the offer."
    )
    for actor in extract_actors(ctx):
        for m in actor.mentions:
            assert ctx.article.text[m.start : m.end] == m.text
            assert m.provenance.article_id == "test"
            assert m.provenance.sentence == ctx.sentences[m.sentence_index].text


def test_the_actress_points_back_to_the_person_named_before(make_context):
    text = "Lindsay Lohan checked into a clinic on Friday. The actress had been ordered there."
    lohan = by_name(extract_actors(make_context(text)))["Lindsay Lohan"]
    assert [m.text for m in lohan.mentions] == ["Lindsay Lohan", "The actress"]
    assert lohan.mentions[1].kind == "nominal"


def test_a_person_noun_with_nobody_named_before_is_left_out(make_context):
    actors = extract_actors(make_context("The actress had been ordered to a clinic."))
    assert actors == []


def test_people_described_collectively_keep_hyphenated_modifiers(make_context):
    actors = by_name(extract_actors(make_context("Pirates seized fighting-age men at sea.")))
    assert {"pirates", "fighting-age men"} <= {n.lower() for n in actors}
    assert actors["fighting-age men"].type == ActorType.GROUP
