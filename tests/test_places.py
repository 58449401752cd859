"""Places on the map (resolve.places): the gazetteer entry each STATE and PLACE node is."""

from __future__ import annotations

import pytest

from kg_fixtures import make_source
from timelinegraph.models import ActorType, GeoPrecision, ResolvedActor
from timelinegraph.resolve.places import locate_places


def place(
    actor_id: str, name: str, sentence: str = "", *, article: str = "art-a", state: bool = False
) -> ResolvedActor:
    """A node named ``name``, mentioned once in ``sentence`` of ``article``."""
    sentence = sentence or f"It happened in {name}."
    source = make_source("a1", name, article, sentence.index(name), sentence)
    return ResolvedActor(
        id=actor_id,
        name=name,
        type=ActorType.STATE if state else ActorType.PLACE,
        aliases=[],
        roles=[],
        sources=[source],
    )


def geo_of(actors: list[ResolvedActor], actor_id: str):
    return next(a.geo for a in locate_places(actors) if a.id == actor_id)


def test_an_unambiguous_city() -> None:
    geo = geo_of([place("p", "Toronto")], "p")
    assert geo is not None and geo.sure
    assert (geo.precision, geo.country, geo.region) == (GeoPrecision.CITY, "CA", "CA.08")
    assert geo.geonames_id == 6167865
    assert geo.latitude == pytest.approx(43.7, abs=0.1)
    assert geo.longitude == pytest.approx(-79.4, abs=0.1)


def test_a_country() -> None:
    geo = geo_of([place("s", "Egypt", state=True)], "s")
    assert geo is not None and geo.sure
    assert (geo.precision, geo.country, geo.geonames_id) == (GeoPrecision.COUNTRY, "EG", 357994)


def test_a_region_by_name_and_by_ap_abbreviation() -> None:
    texas = geo_of([place("r", "Texas")], "r")
    assert texas is not None and (texas.precision, texas.region) == (GeoPrecision.REGION, "US.TX")
    calif = geo_of([place("r", "Calif.", "It hit Malibu, Calif. on Monday.")], "r")
    assert calif is not None and calif.name == "California"


def test_paris_is_the_capital_unless_the_text_says_texas() -> None:
    paris = geo_of([place("p", "Paris")], "p")
    assert paris is not None and paris.sure and paris.country == "FR"
    texas = geo_of([place("p", "Paris", "He was born in Paris, Texas, in 1950.")], "p")
    assert texas is not None and texas.sure
    assert (texas.country, texas.region) == ("US", "US.TX")
    assert "'Paris, Texas'" in texas.evidence


def test_a_name_carrying_its_qualifier() -> None:
    geo = geo_of([place("p", "Paris, Texas")], "p")
    assert geo is not None and geo.region == "US.TX" and geo.sure


def test_georgia_after_a_city_of_the_us_state_is_the_state() -> None:
    georgia = place("s", "Georgia", "The plant in Atlanta, Georgia, closed.", state=True)
    geo = geo_of([georgia], "s")
    assert geo is not None and geo.sure
    assert (geo.precision, geo.country, geo.region) == (GeoPrecision.REGION, "US", "US.GA")


def test_georgia_beside_caucasus_places_is_the_country() -> None:
    actors = [
        place("s", "Georgia", "Russian troops entered Georgia.", state=True),
        place("t", "Tbilisi", "Shells fell near Tbilisi."),
        place("r", "Russia", "Russian troops entered Russia.", state=True),
    ]
    geo = geo_of(actors, "s")
    assert geo is not None and geo.sure and geo.precision == GeoPrecision.COUNTRY
    assert geo.country == "GE"


def test_georgia_among_us_state_cities_is_reported_unsure() -> None:
    """Georgian cities around a country's name, with nothing saying which: a guess, said so."""
    actors = [place("s", "Georgia", "Storms hit Georgia.", state=True)]
    actors += [place(f"c{i}", city) for i, city in enumerate(["Atlanta", "Savannah", "Macon"])]
    geo = geo_of(actors, "s")
    assert geo is not None and not geo.sure
    assert "could also be" in geo.evidence


def test_context_decides_between_namesakes() -> None:
    alone = geo_of([place("c", "Cambridge")], "c")
    assert alone is not None and not alone.sure  # Cambridge (England) or Cambridge (Mass.)
    actors = [place("c", "Cambridge"), place("b", "Boston"), place("m", "Massachusetts")]
    beside = geo_of(actors, "c")
    assert beside is not None and beside.sure
    assert (beside.country, beside.region) == ("US", "US.MA")


def test_an_unknown_place_gets_no_geo() -> None:
    assert geo_of([place("m", "Middle East")], "m") is None
    assert geo_of([place("s", "117th Street")], "s") is None


def test_a_lone_small_town_name_is_not_placed() -> None:
    """A one-word name only small towns bear, with nothing of their region beside it."""
    assert geo_of([place("p", "Palmer", "Palmer said it would end.")], "p") is None


def test_other_actors_are_left_alone_and_order_is_kept() -> None:
    person = place("x", "Paris").model_copy(update={"id": "person-x", "type": ActorType.PERSON})
    actors = [place("a", "Toronto"), person]
    located = locate_places(actors)
    assert [a.id for a in located] == ["a", "person-x"]
    assert located[1].geo is None
    assert locate_places(actors) == located  # deterministic


def test_a_place_the_text_puts_where_no_namesake_lies_is_not_placed() -> None:
    """ "Florence, Colo." is a town too small for the gazetteer, not Florence in Italy."""
    sentence = "He is held in the prison in Florence, Colo., for life."
    assert geo_of([place("f", "Florence", sentence)], "f") is None


def test_a_persons_name_read_as_a_place_is_not_placed() -> None:
    bush = place("b", "Bush", "Bush said the plan would pass.")
    person = place("x", "George W. Bush", "George W. Bush spoke.").model_copy(
        update={"id": "person-bush", "type": ActorType.PERSON}
    )
    assert geo_of([bush, person], "b") is None
    assert geo_of([bush], "b") is not None  # alone, the Egyptian town is all it can be
