"""Places: the lexicon's class when it knows the name, else a city if a country follows it
("Lima, Peru"), a region if a compass point opens it ("West Africa"), or a place."""

from __future__ import annotations

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.state import Found, Reading
from labourgraph.extract.mentions.vocabulary import COMPASS, COUNTRY_AFTER


def place_mention(found: Found, reading: Reading) -> Mention:
    known = found.places.get(fold(reading.name))
    cls = known.cls if known else "Place"
    country = COUNTRY_AFTER.match(found.text[reading.end : reading.end + 40])
    if cls == "Place" and country:
        after = found.places.get(fold(country.group(1)))
        if after is not None and after.cls == "Country":
            cls = "City"  # "Lima, Peru", "Medellín, en Colombie"
    if cls == "Place" and COMPASS.match(reading.name):
        cls = "Region"
    return Mention(
        reading.start, reading.end, reading.name, cls, "place", reading.method, reading.base
    )
