"""Places: the lexicon's class when it knows the name, else GeoNames' (`gazetteer`: a country,
a continent, a city), else what the words around say: a city if a country follows it ("Lima,
Peru") or a noun of towns frames it ("le village de Parchuttu", "Antananarivo, capital of
…"), a region after "l'État du", "the state of", or if a compass point opens it ("West
Africa", "Global South"); else a place."""

from __future__ import annotations

import re

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.gazetteer import place_class
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.state import Found, Reading
from labourgraph.extract.mentions.vocabulary import (
    COMPASS,
    COUNTRY_AFTER,
    EN_PLACE_PREPOSITION,
    PLACE_KIND_AFTER,
    PLACE_KIND_BEFORE,
)

_ARTICLE = re.compile(r"\s(?:the|la|le|l')\s*$")
"""An article between a preposition and a name: "in the Madina district"."""


def place_mention(found: Found, reading: Reading) -> Mention | None:
    """The place a candidate names, or None for a single capitalised word that nothing says
    is a place (English capitalised-word rules guess "place" for any of them)."""
    cls = kind_of_place(found, reading)
    if (
        cls == "Place"
        and found.lang != "fr"
        and " " not in reading.name
        and not EN_PLACE_PREPOSITION.search(_ARTICLE.sub("", reading.left))
        and not _model_place(found, reading)
    ):
        return None  # "Safety", "Ksh", "Tolokers": no gazetteer, no "in …" either
    return Mention(
        reading.start, reading.end, reading.name, cls, "place", reading.method, reading.base
    )


def _model_place(found: Found, reading: Reading) -> bool:
    """Whether the model itself calls the word a place, as a proper noun, not glued to an
    amount ("Ksh283"): evidence enough where the rules' guess is not."""
    if reading.method != "ner" or found.text[reading.end : reading.end + 1].isdigit():
        return False
    span = found.doc.char_span(reading.start, reading.end, alignment_mode="expand")
    return (
        span is not None
        and all(t.pos_ == "PROPN" for t in span)
        and any(
            e.label_ in ("GPE", "LOC") and e.start_char <= reading.start < e.end_char
            for e in found.entities
        )
    )


def kind_of_place(found: Found, reading: Reading) -> str:
    """Country, Region, City, or Place when nothing says which."""
    known = found.places.get(fold(reading.name))
    if known is not None:
        return known.cls
    by_words = kind_from_words(reading)
    if by_words:
        return by_words
    gazetteer = place_class(reading.name)
    if gazetteer:
        return gazetteer
    country = COUNTRY_AFTER.match(found.text[reading.end : reading.end + 40])
    if country:
        after = found.places.get(fold(country.group(1)))
        if (after is not None and after.cls == "Country") or place_class(
            country.group(1)
        ) == "Country":
            return "City"  # "Lima, Peru", "Medellín, en Colombie"
    if COMPASS.match(reading.name):
        return "Region"
    return "Place"


def kind_from_words(reading: Reading) -> str | None:
    """City or Region when the nouns around say so ("le village de X", "l'État du X")."""
    for cls, pattern in PLACE_KIND_BEFORE:
        if pattern.search(reading.left):
            return cls
    for cls, pattern in PLACE_KIND_AFTER:
        if pattern.search(reading.right):
            return cls
    return None
