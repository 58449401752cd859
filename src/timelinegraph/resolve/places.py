"""Where each place is: every STATE and PLACE node resolved to one gazetteer entry with a point.

A node's name (else an alias) is looked up in the gazetteer (``extract.gazetteer.places_named``:
GeoNames cities of over 5,000 people, first-level regions, countries, continents). When
several places bear it, this decides, in order:

1. **what the text says**: the name followed by its region or country ("Paris, Texas",
   "Cambridge, Mass.", a name "Paris, Texas"), or following a city it holds ("Atlanta,
   Georgia", "Tbilisi, Georgia");
2. **the places named beside it**: other places of the same articles whose likely candidates
   all lie in one country ("anchors"); each adds a little to the candidates of its country,
   more to those of its region;
3. **what is likely** (the prior, on the scale of log10 of a city's population): a STATE's
   name is its country; a continent and a country weigh as huge cities, a region as a city of
   300,000; a national capital, and a city of over 100,000 inside its namesake region
   ("New York"), weigh more than their size.

Step 2 adds to step 3, so context moves the choice only as far as it weighs: a city a hundred
times smaller than its namesake needs four anchors in its region (a sports page naming
Houston and Dallas does not make "Cleveland" the Texas town). A place that scores within
``RIVAL_MARGIN`` of the choice in another country or region makes it ``sure=False``, its
evidence naming the other: the QA report lists them. Not placed (no ``geo``; the report lists
them): a name the gazetteer does not know; one the text puts where no place of the name lies
("Florence, Colo.", a town too small for the gazetteer); a one-word name that is a word of a
person's name in the same articles ("Bush"); a one-word name only small towns bear with
nothing of their region beside it; a town under 100,000 whose country none of the places
beside it is in (a street or a word read as a place).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..common.textkey import fold
from ..extract.gazetteer import US_POSTAL, Place, is_capital, places_named
from ..models import ActorType, Geo, GeoPrecision, ResolvedActor

__all__ = ["PLACE_TYPES", "add_person_words", "locate_places", "located_places"]

PLACE_TYPES = frozenset({ActorType.STATE, ActorType.PLACE})
# The prior, on one scale: log10 of a city's population. A country or continent weighs as a
# huge city, a region as a city of 300,000; a national capital and a city of over
# 100,000 inside its namesake region ("New York", "Gaza") weigh more than their size.
STATE_COUNTRY = 8.0  # a STATE's name read as its country
COUNTRY, CONTINENT, REGION = 7.5, 9.0, 5.5
CAPITAL_BONUS, IN_NAMESAKE_BONUS = 1.0, 1.0
BIG_CITY = 1_000_000
REGION_CITY = 100_000
# Context: each anchor in a candidate's region adds this, each in its country only that.
IN_REGION, IN_COUNTRY = 0.5, 0.1
RIVAL_MARGIN = 1.0  # a place scoring within this of the choice is a rival: not sure

# Words of direction that name a part of some country in the text ("the West"), never the
# regions of one country that the gazetteer happens to call so (Cameroon's "East").
_DIRECTIONS = frozenset(
    {"east", "west", "north", "south", "centre", "center", "central", "midwest", "northeast",
     "northwest", "southeast", "southwest"}
)  # fmt: skip
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_AFTER = re.compile(rf",\s+({_NAME})")
_BEFORE = re.compile(rf"({_NAME}),\s+$")


@dataclass(frozen=True)
class Area:
    """Where a place lies: a country, and a region within it when known."""

    country: str
    region: str | None = None


def locate_places(actors: list[ResolvedActor]) -> list[ResolvedActor]:
    """``actors`` with ``geo`` set on each STATE and PLACE node the gazetteer knows."""
    people: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        add_person_words(people, actor)
    located = iter(located_places([a for a in actors if a.type in PLACE_TYPES], people))
    return [next(located) if a.type in PLACE_TYPES else a for a in actors]


def located_places(
    places: list[ResolvedActor], people: Mapping[str, set[str]]
) -> list[ResolvedActor]:
    """``places`` (every STATE and PLACE node of the corpus) with ``geo`` set where the
    gazetteer knows them; ``people``: ``add_person_words`` over every actor of the corpus.
    Only places are read here, so a join can write the other actors out as it makes them."""
    found = {a.id: _candidates(a) for a in places}
    by_id = {a.id: a for a in places}
    anchors = {
        aid: area for aid, (cands, _) in found.items() if (area := _anchor(by_id[aid], cands))
    }
    named: dict[str, set[str]] = defaultdict(set)  # article id -> place node ids named there
    for a in places:
        for s in a.sources:
            named[s.provenance.article_id].add(a.id)
    located = []
    for actor in places:
        cands, stated_name = found[actor.id]
        if not cands:
            located.append(actor)
            continue
        around = sorted(
            {n for s in actor.sources for n in named[s.provenance.article_id]} - {actor.id}
        )
        neighbours = [anchors[n] for n in around if n in anchors]
        articles = {s.provenance.article_id for s in actor.sources}
        personal = len(actor.name.split()) == 1 and all(
            fold(actor.name) in people.get(article, ()) for article in articles
        )
        geo = _choose(actor, cands, neighbours, stated_name, personal=personal)
        located.append(actor.model_copy(update={"geo": geo}) if geo else actor)
    return located


def add_person_words(words: dict[str, set[str]], actor: ResolvedActor) -> None:
    """Add to ``words`` (article id -> the words of the names of the persons it names:
    "george", "bush") what ``actor`` adds: nothing unless it is a person."""
    if actor.type != ActorType.PERSON:
        return
    names = {fold(w) for n in [actor.name, *actor.aliases] for w in n.split() if len(w) > 2}
    for s in actor.sources:
        words[s.provenance.article_id] |= names


# ------------------------------------------------------------------ candidates and priors


def _candidates(actor: ResolvedActor) -> tuple[list[Place], str | None]:
    """The places the node's name (else its first alias that has any) may be; and the
    qualifier when the name carries one ("Paris, Texas" -> "Texas")."""
    for name in [actor.name, *actor.aliases]:
        if fold(name) in _DIRECTIONS:
            continue
        head, _, qualifier = name.partition(",")
        cands = places_named(name) or (places_named(head) if qualifier.strip() else [])
        if cands:
            return cands, (qualifier.strip() if not places_named(name) else None)
    return [], None


def _prior(actor: ResolvedActor, place: Place, cands: list[Place]) -> float:
    """How likely ``place`` is what the name means, before any context (higher is likelier)."""
    if place.kind == "country":
        return STATE_COUNTRY if actor.type == ActorType.STATE else COUNTRY
    if place.kind == "continent":
        return CONTINENT
    if place.kind == "region":
        return REGION
    weight = math.log10(max(place.population, 1))
    if is_capital(place):
        weight += CAPITAL_BONUS
    elif place.population >= REGION_CITY and any(
        c.kind == "region" and _same_area(c, place) for c in cands
    ):
        weight += IN_NAMESAKE_BONUS
    return weight


def _same_area(a: Place, b: Place) -> bool:
    """One lies in the other, or both in one region: two readings of one place."""
    if a.country != b.country:
        return False
    if a.kind == "country" or b.kind == "country":
        return True  # the country and a place in it: one place at two precisions
    return _nested(a.admin1, b.admin1)


def _nested(a: str | None, b: str | None) -> bool:
    """Admin-1 codes of one region, or of a region and a division inside it."""
    if a is None or b is None:
        return a == b
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _anchor(actor: ResolvedActor, cands: list[Place]) -> Area | None:
    """Where a node lies when all its likely candidates (within ``RIVAL_MARGIN`` of the
    likeliest) agree on a country, and on a region when they agree on one: context for its
    neighbours."""
    prior = {c: _prior(actor, c, cands) for c in cands}
    top = max(prior.values(), default=0.0)
    likely = [c for c in cands if prior[c] >= top - RIVAL_MARGIN]
    countries = {c.country for c in likely}
    if len(countries) != 1 or None in countries:
        return None
    country = next(iter(countries))
    regions = {c.admin1 for c in likely}
    if len(regions) == 1 and all(c.kind != "country" for c in likely):
        return Area(country or "", next(iter(regions)))
    return Area(country or "")


# ------------------------------------------------------------------ evidence


def _contains(outer: Area, place: Place) -> bool:
    """``place`` lies in ``outer`` (a country, or a region of it)."""
    if place.country != outer.country:
        return False
    return outer.region is None or (place.kind != "country" and _nested(place.admin1, outer.region))


def _areas_named(words: str, *, holders: bool) -> list[Area]:
    """Where the words after "X, " place X (a region or country: ``holders``), or where the
    city before ", X" lies (``holders`` false): the longest leading run of words that names
    any, as areas."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        name = " ".join(parts[:n]) if holders else " ".join(parts[-n:])
        if holders and name in US_POSTAL:  # "Paris, TX"
            return [Area("US", f"US.{name}")]
        kinds = ("region", "country") if holders else ("city",)
        places = [p for p in places_named(name) if p.kind in kinds]
        if places:
            return [
                Area(p.country, p.admin1 if p.kind != "country" else None)
                for p in places
                if p.country
            ]
    return []


def _stated(
    actor: ResolvedActor, cands: list[Place], qualifier: str | None
) -> tuple[dict[Place, str], list[str]]:
    """The candidates the text itself places, each with the words that do; and the words
    that put a name only towns bear where none of them lies ("Florence, Colo.": a town too
    small for the gazetteer, not Florence in Italy)."""
    said: dict[Place, str] = {}
    elsewhere: list[str] = []

    def mark(areas: Iterable[Area], inner: bool, words: str) -> None:
        areas = list(areas)
        fitting = [c for c in cands for a in areas if (_contains(a, c) if inner else _holds(c, a))]
        for c in fitting:
            said.setdefault(c, words)
        if areas and not fitting and inner and all(c.kind == "city" for c in cands):
            elsewhere.append(words)  # only towns: "Egypt, Italy" is a list, not a place

    if qualifier:
        mark(_areas_named(qualifier, holders=True), True, f"the name '{actor.name}'")
    for s in sorted(actor.sources, key=lambda s: (s.provenance.article_id, s.provenance.start)):
        sentence = s.provenance.sentence
        for m in re.finditer(re.escape(s.text), sentence) if s.text else []:
            after = _AFTER.match(sentence, m.end())
            if after:
                words = f"'{s.text}, {after[1]}' ({s.provenance.article_id})"
                mark(_areas_named(after[1], holders=True), True, words)
            before = _BEFORE.search(sentence[: m.start()])
            if before:
                words = f"'{before[1]}, {s.text}' ({s.provenance.article_id})"
                mark(_areas_named(before[1], holders=False), False, words)
    return said, elsewhere


def _holds(place: Place, inner: Area) -> bool:
    """``place`` (a region or country) holds a city lying in ``inner``."""
    if place.country != inner.country:
        return False
    if place.kind == "country":
        return True
    return (
        place.kind == "region" and inner.region is not None and _nested(place.admin1, inner.region)
    )


def _support(place: Place, neighbours: list[Area]) -> tuple[int, int]:
    """Anchors beside the node that lie where ``place`` does: (in its region, in its
    country)."""
    region = sum(1 for n in neighbours if _in_region(n, place))
    return region, sum(1 for n in neighbours if n.country == place.country)


def _in_region(n: Area, place: Place) -> bool:
    return (
        place.kind in ("city", "region")
        and n.country == place.country
        and n.region is not None
        and _nested(n.region, place.admin1)
    )


# ------------------------------------------------------------------ the choice


def _choose(
    actor: ResolvedActor,
    cands: list[Place],
    neighbours: list[Area],
    qualifier: str | None,
    *,
    personal: bool = False,
) -> Geo | None:
    prior = {c: _prior(actor, c, cands) for c in cands}
    said, elsewhere = _stated(actor, cands, qualifier)
    if elsewhere and not said:
        return None  # the text puts it where the gazetteer knows no place of the name
    if said:
        best = max(said, key=lambda c: (prior[c], -c.geonames_id))
        rivals = [c for c in said if not _same_area(c, best)]
        return _geo(best, not rivals, f"{said[best]} places it", rivals)
    if personal:
        return None  # "Bush" beside "George W. Bush": a person's name read as a place
    support = {c: _support(c, neighbours) for c in cands}
    if _lone_town(actor, cands, support):
        return None
    score = {c: prior[c] + IN_REGION * support[c][0] + IN_COUNTRY * support[c][1] for c in cands}
    best = max(cands, key=lambda c: (score[c], -c.geonames_id))
    rivals = [
        c
        for c in cands
        if not _same_area(c, best)
        and (score[c] >= score[best] - RIVAL_MARGIN or _points_elsewhere(support, c, best))
    ]
    likeliest = max(cands, key=lambda c: (prior[c], -c.geonames_id))
    why = _why(best, likeliest, support[best], cands)
    if _stray(best, neighbours):
        if best.population < REGION_CITY:
            return None  # a small foreign town: more often a street or a word than that town
        why += f"; but none of the {len(neighbours)} places named beside it is in {best.country}"
        return _geo(best, False, why, rivals)
    return _geo(best, not rivals, why, rivals)


def _stray(best: Place, neighbours: list[Area]) -> bool:
    """A town or city, not a capital nor of a million people, whose country none of the
    places named beside it is in: maybe another word read as a place."""
    return (
        best.kind == "city"
        and not is_capital(best)
        and best.population < BIG_CITY
        and bool(neighbours)
        and all(n.country != best.country for n in neighbours)
    )


def _points_elsewhere(support: dict[Place, tuple[int, int]], other: Place, best: Place) -> bool:
    """The places beside the node lie in the region of ``other`` and none in ``best``'s
    country: the prior alone keeps ``best`` (Georgia, the country, among Georgia's cities)."""
    return support[other][0] > 0 and support[best] == (0, 0)


def _lone_town(
    actor: ResolvedActor, cands: list[Place], support: dict[Place, tuple[int, int]]
) -> bool:
    """A one-word name only small towns bear, with no place of their region beside it: more
    often a surname or a word read as a place ("Bush", "Valley") than that town."""
    return (
        len(actor.name.split()) == 1
        and all(c.kind == "city" and c.population < REGION_CITY for c in cands)
        and not any(support[c][0] for c in cands)
    )


def _why(best: Place, likeliest: Place, support: tuple[int, int], cands: list[Place]) -> str:
    if all(_same_area(c, best) for c in cands):
        return "the only place so called" if len(cands) == 1 else "every place so called lies here"
    region, country = support
    if best != likeliest:
        if region:
            return f"{region} other place(s) named beside it lie in its region {best.admin1}"
        return f"{country} other place(s) named beside it lie in its country {best.country}"
    if best.kind == "country":
        return "the country of that name"
    if best.kind == "continent":
        return "the continent of that name"
    if best.kind == "region":
        return "the region of that name, over its namesake cities"
    if is_capital(best):
        return "a national capital"
    return "the most populous place so called"


def _geo(best: Place, sure: bool, why: str, rivals: list[Place]) -> Geo:
    if rivals:
        other = sorted(rivals, key=lambda c: (-c.population, c.geonames_id))[0]
        where = other.admin1 or other.country or "a continent"
        why += f"; could also be {other.name} ({other.kind}, {where})"
    return Geo(
        name=best.name,
        latitude=best.latitude,
        longitude=best.longitude,
        country=best.country,
        region=best.admin1 if best.kind in ("city", "region") else None,
        geonames_id=best.geonames_id,
        precision=GeoPrecision(best.kind),
        sure=sure,
        evidence=why,
    )
