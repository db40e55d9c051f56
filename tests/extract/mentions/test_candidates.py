# ruff: noqa: E501  (test sentences stay on one line, as written)
"""What is no name, and how a name is trimmed: dates, opening words, possessives, citations,
words cut off at the end of an excerpt, titles, shouting, elided words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from labourgraph.extract.mentions import Mention

Surfaces = Callable[[str, str], dict[str, Mention]]
InOrder = Callable[[str, str], list[tuple[str, Mention]]]


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
        # a word of the language opening a sentence, before a comma that reads as apposition
        ("Tasks were posted every day. Hence, the platform grew for ten years.", "en", "Hence"),
        # a field a text capitalises for emphasis is no actor
        (
            "Les géants de l'Intelligence Artificielle recrutent des annotateurs.",
            "fr",
            "Intelligence",
        ),
        ("Tasks were posted every day. Moreover, the platform paid in cents.", "en", "Moreover"),
        (
            "Initiated by a non-profit organisation, the project employs 300 people.",
            "en",
            "Initiated",
        ),
    ],
)
def test_dates_and_opening_words_are_no_names(
    text: str, lang: str, word: str, in_order: InOrder
) -> None:
    assert not [s for s, _m in in_order(text, lang) if word in s]


def test_a_possessive_is_not_part_of_the_name(in_order: InOrder) -> None:
    text = "Neither company responded to The Bureau of Investigative Journalism's detailed list of allegations."
    surfaces = [s for s, _m in in_order(text, "en")]
    assert "The Bureau of Investigative Journalism" in surfaces
    assert not [s for s in surfaces if s.endswith("'s")]


def test_a_name_cut_off_by_the_end_of_an_excerpt_is_dropped(in_order: InOrder) -> None:
    text = "The moderators had to work with their cameras on.\n\nAnother former TikTo"
    assert not [s for s, _m in in_order(text, "en") if s.startswith("TikTo")]


def test_a_citation_is_an_author_not_a_platform(in_order: InOrder) -> None:
    text = "Tasks with this restriction are common on the platform Hara et al. (2018), and they pay less."
    kinds = {s: m.kind for s, m in in_order(text, "en")}
    assert kinds.get("Hara") in (None, "person")
    assert not [s for s in kinds if "et al" in s]


def test_a_title_the_body_never_repeats_is_no_name(in_order: InOrder) -> None:
    text = "The Surveillance Layer\n\nThere is a twist: the workers are watched while they train the models that replace them."
    assert not [s for s, _m in in_order(text, "en") if "Surveillance" in s]


def test_a_word_shouted_in_a_title_is_no_name(in_order: InOrder) -> None:
    text = "LE MICRO-TRAVAIL EST UNE ACTIVITÉ PROFESSIONNELLE ENCORE PEU CONNUE\nLe micro-travail consiste à réaliser de petites tâches en ligne."
    assert not [s for s, _m in in_order(text, "fr") if "MICRO" in s.upper()]


def test_an_elided_word_is_not_part_of_a_name(in_order: InOrder) -> None:
    text = "Dans le groupe, Oskarina Fuentes n'a que quelques secondes pour réagir."
    surfaces = [s for s, _m in in_order(text, "fr")]
    assert "Oskarina Fuentes" in surfaces
    assert not [s for s in surfaces if s.endswith(" n")]


def test_a_capitalised_article_inside_a_sentence_belongs_to_the_name(in_order: InOrder) -> None:
    text = "Dans un rapport inédit repéré par Le Figaro, l'organisation décrit le travail du clic."
    found = dict(in_order(text, "fr"))
    assert found["Le Figaro"].cls == "MediaOutlet"


def test_a_channel_keeps_the_digit_of_its_name(in_order: InOrder) -> None:
    text = "Sur des centaines d'images, il trie les fruits, indique Monu Komar dans le reportage du 20H de TF1 à retrouver ici."
    found = dict(in_order(text, "fr"))
    assert found["TF1"].key == "TF1"
    assert found["TF1"].cls == "MediaOutlet"


def test_a_hyphen_inside_a_name_joins_its_parts(by_surface: Surfaces) -> None:
    found = by_surface('"It was too much," Dariusz told ABS-CBN News on Monday.', "en")
    assert "ABS-CBN News" in found
    assert "ABS" not in found


@pytest.mark.parametrize(
    "text",
    [
        "The work is a bright spot for BPOs in the region, and more BPOs hire every year.",
        "For home-based moderators, the paycheck can run up to P100,000 per month.",
        "Thousands of Filipinos work as moderators, removing images from websites.",
    ],
)
def test_shapes_that_name_no_one(text: str, by_surface: Surfaces) -> None:
    found = by_surface(text, "en")
    assert not {"BPOs", "P100,000", "Thousands of Filipinos"} & set(found)


def test_a_word_the_text_also_writes_in_lower_case_is_no_name(by_surface: Surfaces) -> None:
    text = "'Dirtiest' job on the web is bright spot for outsourcers in Philippines\n\nMANILA - He kept scrolling, doing one of the world's dirtiest but higher-paying jobs."
    assert "Dirtiest" not in by_surface(text, "en")


def test_a_name_ending_in_initials_keeps_its_last_dot(in_order: InOrder) -> None:
    found = [
        s
        for s, _m in in_order(
            "Jonathan, who lives in Washington D.C., was laid off in January.", "en"
        )
    ]
    assert "Washington D.C." in found


def test_a_name_kept_elsewhere_is_a_name_where_it_opens_a_sentence(in_order: InOrder) -> None:
    # alone, a sentence's first word the tagger reads as a common noun is doubted; named
    # elsewhere in the text, it is the same name
    text = (
        "Pour cette sous-traitance, trois sociétés sont en pointe : Netino, Concileo et "
        "Achtik Service. Netino est de loin la société la plus sollicitée par les médias."
    )
    netino = [m for words, m in in_order(text, "fr") if words == "Netino"]
    assert [m.start for m in netino] == [text.index("Netino"), text.rindex("Netino")]
    assert {m.kind for m in netino} == {"organisation"}
