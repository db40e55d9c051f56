# ruff: noqa: E501  (test sentences stay on one line, as written)
"""People the press names: full names the English model calls persons, bylines, witnesses
named by first name alone (the names are invented)."""

from __future__ import annotations

from collections.abc import Callable

from labourgraph.extract.mentions import Mention

Surfaces = Callable[[str, str], dict[str, Mention]]


def test_a_full_name_the_model_calls_a_person_is_one(by_surface: Surfaces) -> None:
    # nothing around the names says "person" (no verb of saying, no role cue): the English
    # model's PERSON label on two capitalised proper nouns is enough
    text = "The plaintiffs Marisol Ferreira and Dominic Ashby filed a revised class-action suit on March 7 and demanded a trial by jury."
    found = by_surface(text, "en")
    assert found["Marisol Ferreira"].kind == "person"


def test_capitalised_common_words_are_no_full_name(by_surface: Surfaces) -> None:
    # the text writes "pay" in lower case: "Higher Pay" is a heading's words, not a person
    text = "Kenyan Workers Fight for Safer Workplaces, Higher Pay\n\nThe workers asked for better pay and for safer workplaces."
    found = by_surface(text, "en")
    assert all(m.kind != "person" for m in found.values())


def test_a_byline_above_the_article_is_its_journalist(by_surface: Surfaces) -> None:
    body = " ".join(
        [
            "The moderators of the firm work long hours for little pay and few of them complain in public."
        ]
        * 3
    )
    text = (
        f"Moderation is a bright spot for outsourcers\n\nMarisol Ferreira, Harbour News\n\n{body}"
    )
    assert by_surface(text, "en")["Marisol Ferreira"].cls == "Journalist"


def test_a_name_alone_on_a_line_below_the_body_is_no_byline(by_surface: Surfaces) -> None:
    body = " ".join(
        [
            "The moderators of the firm work long hours for little pay and few of them complain in public."
        ]
        * 3
    )
    text = f"Moderation is a bright spot for outsourcers\n\n{body}\n\nMarisol Ferreira\n\nShe founded the firm in 2016."
    found = by_surface(text, "en")
    assert found["Marisol Ferreira"].kind == "person"
    assert found["Marisol Ferreira"].cls != "Journalist"


def test_a_witness_named_by_first_name_alone(by_surface: Surfaces) -> None:
    text = (
        "For home-based Dariusz, the paycheck can run up to 900 dollars per month. "
        '"It was just a photo but it is too much," Dariusz told the newspaper. '
        "Sex videos are light fare when moderating content, Dariusz said."
    )
    found = by_surface(text, "en")
    assert found["Dariusz"].kind == "person"
    assert found["Dariusz"].cls == "Worker"


def test_a_pseudonym_with_its_asterisk_is_a_witness(by_surface: Surfaces) -> None:
    text = "Matthieu* est modérateur de contenu chez un sous-traitant. Ce jour-là, le flux d'images est très intense pour Matthieu et ses collègues. Pour Matthieu, la mission est loin d'être répétitive."
    found = by_surface(text, "fr")
    assert found["Matthieu"].kind == "person"


def test_a_first_name_ending_like_a_demonym_is_a_person(by_surface: Surfaces) -> None:
    text = "Jonathan, who lives in Boston, was laid off in January. Jonathan had a brief call with a recruiter. Once, Jonathan used a stopwatch while working."
    assert by_surface(text, "en")["Jonathan"].kind == "person"


def test_an_acronym_of_the_lexicon_only_in_capitals(by_surface: Surfaces) -> None:
    found = by_surface("Follow Us\n\nAdvertise with us. The US pays its raters more.", "en")
    assert "Us" not in found
    assert found["US"].key == "United States"


def test_a_country_naming_its_dollar_is_no_place(by_surface: Surfaces) -> None:
    found = by_surface("They earn as much as 100 million yen, or just under US $1 million.", "en")
    assert "US" not in found


def test_a_byline_does_not_outrank_the_role_the_text_gives() -> None:
    from collections import Counter

    from labourgraph.extract.mentions.people import BYLINE_VOTE, person_class

    assert person_class(Counter({BYLINE_VOTE: 1})) == "Journalist"
    assert person_class(Counter({BYLINE_VOTE: 1, "Researcher": 1})) == "Researcher"


def test_a_role_in_apposition_makes_a_person_of_what_the_model_called_a_body(
    by_surface: Surfaces,
) -> None:
    found = by_surface(
        "In Lima, Peru, Sofia Quispe, a former teacher, transcribes audio recordings in Spanish for a platform.",
        "en",
    )
    assert found["Sofia Quispe"].kind == "person"
    found = by_surface(
        "The group filed a petition. Its chairperson, Arnel Villanueva, said the group would go on.",
        "en",
    )
    assert found["Arnel Villanueva"].kind == "person"


def test_a_demonym_the_model_calls_a_person_is_none(by_surface: Surfaces) -> None:
    found = by_surface(
        "Ugandan said the pay was low. Ugandan moderators earn less than their Kenyan peers.", "en"
    )
    assert all(m.kind != "person" and m.kind != "organisation" for m in found.values())


def test_a_pseudonym_introduced_by_its_role(by_surface: Surfaces) -> None:
    text = "Tous les matins, à Madagascar, Tovo* allume son ordinateur portable.\nTovo est annotateur de données, ce qui consiste à étiqueter des images."
    found = by_surface(text, "fr")
    assert found["Tovo"].kind == "person"
    assert found["Tovo"].cls == "Worker"


def test_a_role_names_each_person_of_a_coordination_and_passes_a_title(
    by_surface: Surfaces,
) -> None:
    text = "Pictured: Appen founders Dr Julie Marsden and Chris Marsden with chief executive Tomas Lindqvist."
    found = by_surface(text, "en")
    assert found["Julie Marsden"].cls == "Executive"
    assert found["Chris Marsden"].cls == "Executive"
