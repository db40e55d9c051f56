# ruff: noqa: E501  (test sentences stay on one line, as written)
"""Places typed by the gazetteer and by the nouns around them, in both languages (none of the
cities below is in `ontology/actors.yaml`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from labourgraph.extract import nlp
from labourgraph.extract.document import Resources
from labourgraph.extract.mentions import Mention, find_mentions

Surfaces = Callable[[str, str], dict[str, Mention]]
InOrder = Callable[[str, str], list[tuple[str, Mention]]]


@pytest.mark.parametrize(
    ("text", "lang", "name", "cls"),
    [
        ("Les modérateurs travaillent à Nairobi pour un sous-traitant.", "fr", "Nairobi", "City"),
        ("The workers met in Nairobi last week.", "en", "Nairobi", "City"),
        ("Elle annote des images dans une chambre louée à Ranchi, dans l'État du Jharkhand.", "fr", "Jharkhand", "Region"),
        ("Elle travaille depuis le village de Parchuttu, loin de la ville.", "fr", "Parchuttu", "City"),
        ("Most of the workers live in the Global South.", "en", "Global South", "Region"),
        ("The study was conducted between Paris and Antananarivo, capital of Madagascar.", "en", "Antananarivo", "City"),
    ],
)  # fmt: skip
def test_places_get_the_class_of_place_they_are(
    text: str, lang: str, name: str, cls: str, by_surface: Surfaces
) -> None:
    found = by_surface(text, lang)
    assert found[name].kind == "place"
    assert found[name].cls == cls


def test_the_capital_of_a_region_does_not_make_the_region_a_city(by_surface: Surfaces) -> None:
    found = by_surface(
        "Des jeunes femmes des environs de Ranchi, la capitale du Jharkhand, ont rejoint l'IA.",
        "fr",
    )
    assert found["Ranchi"].cls == "City"
    assert found.get("Jharkhand") is None or found["Jharkhand"].cls != "City"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Our Trust and Safety team partners with third-party firms.", "Safety"),
        ("Those in Kenya received about Ksh283 ($2.20) per hour.", "Ksh"),
        ("We surveyed 10,000 Tolokers and here is what we found.", "Tolokers"),
    ],
)
def test_english_capitalised_words_no_gazetteer_knows_are_no_places(
    text: str, word: str, by_surface: Surfaces
) -> None:
    found = by_surface(text, "en")
    assert word not in found or found[word].kind != "place"


def test_an_unknown_place_after_a_preposition_stays_a_place(by_surface: Surfaces) -> None:
    text = "Kwame Mensah opens his laptop in a shared room in the Madina district every morning."
    found = by_surface(text, "en")
    assert found["Madina"].kind == "place"


def test_a_dollar_is_no_country_and_a_narrowed_region_is_its_own(
    by_surface: Surfaces, resources: Resources
) -> None:
    text = "Workers paid less than US$2 an hour moderate content for much of sub-Saharan Africa, paid in US dollars, not in the US."
    found = by_surface(text, "en")
    assert found["sub-Saharan Africa"].cls == "Region"
    assert [m.key for s, m in found.items() if s == "US"] == ["United States"]  # the last one only
    doc = nlp.analyse([text], "en")[0]
    assert sum(m.key == "United States" for m in find_mentions(doc, resources.lexicon, "en")) == 1


def test_a_place_the_model_finds_stays_a_place_without_a_preposition(by_surface: Surfaces) -> None:
    # the gazetteer does not know Bweyale and no "in" precedes it, but the model calls the
    # proper noun a place: that is evidence enough (the rules' guess "Safety" is not)
    text = "Most of the moderators come from Gulu. Gulu is a quiet town, but Bweyale has grown fast since the camps opened."
    found = by_surface(text, "en")
    assert found["Bweyale"].kind == "place"


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Cognizant, une société du New Jersey, va licencier 6 000 personnes.", "fr", "New Jersey"),
        ("The company, based in Texas, laid off 200 moderators.", "en", "Texas"),
        ("Workers in Kansas earn less than in Oregon.", "en", "Kansas"),
    ],
)  # fmt: skip
def test_a_state_of_the_united_states_is_a_region(
    text: str, lang: str, name: str, by_surface: Surfaces
) -> None:
    # GeoNames' states of the United States are regions, whatever the words of a firm or the
    # shape of a full name around them say
    found = by_surface(text, lang)[name]
    assert (found.kind, found.cls) == ("place", "Region")
