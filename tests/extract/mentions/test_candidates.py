# ruff: noqa: E501  (test sentences stay on one line, as written)
"""What is no name, and how a name is trimmed: dates, opening words, possessives, citations,
words cut off at the end of an excerpt, titles, shouting, elided words."""

from __future__ import annotations

import pytest

from labourgraph.extract import nlp
from labourgraph.extract.document import Resources
from labourgraph.extract.mentions import Mention, find_mentions


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


def found_in(resources: Resources, text: str, lang: str) -> list[tuple[str, Mention]]:
    doc = nlp.analyse([text], lang)[0]
    return [(text[m.start : m.end], m) for m in find_mentions(doc, resources.lexicon, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Last May, more than 150 content moderators met in a hotel.", "en", "May"),
        ("Last December, the platform surveyed over 10,000 of its workers.", "en", "December"),
        ("A January 2023 investigation revealed how the workers were paid.", "en", "January"),
        (
            'She lived with her family. "So I felt very guilty telling them," she said.',
            "en",
            "So I",
        ),
        (
            "« J'arrive à l'heure, je travaille à Noël et les jours fériés », reprend-elle.",
            "fr",
            "Noël",
        ),
    ],
)
def test_dates_and_opening_words_are_no_names(
    resources: Resources, text: str, lang: str, word: str
) -> None:
    assert not [s for s, _m in found_in(resources, text, lang) if word in s]


def test_a_possessive_is_not_part_of_the_name(resources: Resources) -> None:
    text = "Neither company responded to The Bureau of Investigative Journalism's detailed list of allegations."
    surfaces = [s for s, _m in found_in(resources, text, "en")]
    assert "The Bureau of Investigative Journalism" in surfaces
    assert not [s for s in surfaces if s.endswith("'s")]


def test_a_name_cut_off_by_the_end_of_an_excerpt_is_dropped(resources: Resources) -> None:
    text = "The moderators had to work with their cameras on.\n\nAnother former TikTo"
    assert not [s for s, _m in found_in(resources, text, "en") if s.startswith("TikTo")]


def test_a_citation_is_an_author_not_a_platform(resources: Resources) -> None:
    text = "Tasks with this restriction are common on the platform Hara et al. (2018), and they pay less."
    kinds = {s: m.kind for s, m in found_in(resources, text, "en")}
    assert kinds.get("Hara") in (None, "person")
    assert not [s for s in kinds if "et al" in s]


def test_a_title_the_body_never_repeats_is_no_name(resources: Resources) -> None:
    text = "The Surveillance Layer\n\nThere is a twist: the workers are watched while they train the models that replace them."
    assert not [s for s, _m in found_in(resources, text, "en") if "Surveillance" in s]


def test_a_word_shouted_in_a_title_is_no_name(resources: Resources) -> None:
    text = "LE MICRO-TRAVAIL EST UNE ACTIVITÉ PROFESSIONNELLE ENCORE PEU CONNUE\nLe micro-travail consiste à réaliser de petites tâches en ligne."
    assert not [s for s, _m in found_in(resources, text, "fr") if "MICRO" in s.upper()]


def test_an_elided_word_is_not_part_of_a_name(resources: Resources) -> None:
    text = "Dans le groupe, Oskarina Fuentes n'a que quelques secondes pour réagir."
    surfaces = [s for s, _m in found_in(resources, text, "fr")]
    assert "Oskarina Fuentes" in surfaces
    assert not [s for s in surfaces if s.endswith(" n")]


def test_a_capitalised_article_inside_a_sentence_belongs_to_the_name(resources: Resources) -> None:
    text = "Dans un rapport inédit repéré par Le Figaro, l'organisation décrit le travail du clic."
    found = dict(found_in(resources, text, "fr"))
    assert found["Le Figaro"].cls == "MediaOutlet"


def test_a_channel_keeps_the_digit_of_its_name(resources: Resources) -> None:
    text = "Sur des centaines d'images, il trie les fruits, indique Monu Komar dans le reportage du 20H de TF1 à retrouver ici."
    found = dict(found_in(resources, text, "fr"))
    assert found["TF1"].key == "TF1"
    assert found["TF1"].cls == "MediaOutlet"
