"""`labourgraph.extract.mentions.gazetteer`: what kind of place GeoNames says a name is."""

from __future__ import annotations

import pytest

from labourgraph.extract.mentions.gazetteer import is_large_place, place_class


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("Nairobi", "City"),
        ("Antananarivo", "City"),
        ("New Delhi", "City"),
        ("NAIROBI", "City"),  # folded: a dateline in capitals
        ("Kenya", "Country"),
        ("Madagascar", "Country"),
        ("Africa", "Region"),
        ("Mexico", "Country"),  # the country wins over Mexico City's other spellings
    ],
)
def test_known_places_have_their_class(name: str, cls: str) -> None:
    assert place_class(name) == cls


@pytest.mark.parametrize("word", ["Safety", "Employment", "Ksh", "Insider", "Tolokers", "Figaro"])
def test_ordinary_words_are_no_places(word: str) -> None:
    assert place_class(word) is None
    assert not is_large_place(word)


def test_a_small_town_is_a_city_but_not_a_large_place() -> None:
    # "Sama" is a town of Spain: typed as a city where the text proposes it as a place, never
    # made a place where the text calls it a company
    assert place_class("Sama") == "City"
    assert not is_large_place("Sama")
    assert is_large_place("Dublin")
