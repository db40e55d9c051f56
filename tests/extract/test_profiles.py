"""Worker-profile figures: ages, tenure and working time, with whose they are."""

from __future__ import annotations

import re
from decimal import Decimal

from labourgraph.core.vocab import PLO
from labourgraph.extract.lexicon import folded_with_map
from labourgraph.extract.mentions import Mention
from labourgraph.extract.profiles import find_profile_figures


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]


def _person(text: str, name: str, cls: str = "Worker") -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, cls, "person", "ner", 0.8)


def _read(text: str, *people: Mention) -> list[tuple[str, Decimal | None, str, str | None]]:
    found = find_profile_figures(text, folded_with_map(text), _sentences(text), list(people))
    return [
        (
            str(o.indicator).rsplit("#", 1)[-1],
            o.value if o.value is not None else o.min_value,
            o.unit,
            o.person.key if o.person else o.population,
        )
        for o in found
    ]


def test_age_and_tenure_of_the_person_the_portrait_names() -> None:
    text = (
        "Oskarina Fuentes n'a que quelques secondes. À 35 ans, cette ingénieure se connecte "
        "à Appen, où elle travaille depuis une décennie."
    )
    got = _read(text, _person(text, "Oskarina Fuentes"))
    assert got == [
        ("WorkerAge", Decimal(35), "years", "Oskarina Fuentes"),
        ("YearsOfTenure", Decimal(10), "years", "Oskarina Fuentes"),
    ]


def test_the_person_the_clause_opens_with_wins() -> None:
    text = "Luis est un étudiant colombien de 28 ans qui modère pour Tik Tok."
    got = _read(text, _person(text, "Luis"), _person(text, "Tik Tok"))
    assert got == [("WorkerAge", Decimal(28), "years", "Luis")]


def test_working_time_in_words_and_ranges() -> None:
    text = (
        "Nathy travaille huit heures par jour, cinq jours par semaine. "
        "Mark spends 20-30 hours weekly."
    )
    nathy, mark = _person(text, "Nathy"), _person(text, "Mark")
    got = _read(text, nathy, mark)
    assert got == [
        ("DailyWorkingHours", Decimal(8), "hours", "Nathy"),
        ("WorkingDaysPerWeek", Decimal(5), "days", "Nathy"),
        ("WeeklyWorkingHours", Decimal(20), "hours", "Mark"),
    ]
    weekly = find_profile_figures(text, folded_with_map(text), _sentences(text), [nathy, mark])[2]
    assert (weekly.min_value, weekly.max_value, weekly.per_unit) == (20, 30, "week")


def test_a_place_has_no_tenure_and_a_reporter_no_age() -> None:
    text = "Depuis cinq ans, l'île joue un rôle central. Selon la journaliste Anne Roy, à 40 ans."
    assert _read(text, _person(text, "Anne Roy", cls="Journalist")) == []


def test_no_one_to_describe_gives_no_figure() -> None:
    assert _read("À 35 ans, on ne sait pas de qui il s'agit.") == []


def test_a_childs_age_in_a_video_is_not_a_workers() -> None:
    text = "Luis modère. La vidéo montrait une fillette de cinq ou six ans."
    assert _read(text, _person(text, "Luis")) == []


def test_a_possessive_makes_the_sentence_one_persons() -> None:
    text = (
        "Nathan Nkunzimana a travaillé trois ans à Nairobi. Huit heures par jour, son travail "
        "de modérateur de contenu l'obligeait à regarder des horreurs."
    )
    got = _read(text, _person(text, "Nathan Nkunzimana"))
    assert got == [("DailyWorkingHours", Decimal(8), "hours", "Nathan Nkunzimana")]


def test_age_ranges_in_both_languages() -> None:
    text = "Ana and Li, between the ages of 18 and 80, work. Luis et Léa, âgés de 18 à 35 ans."
    people = [_person(text, "Ana"), _person(text, "Luis")]
    got = find_profile_figures(text, folded_with_map(text), _sentences(text), people)
    assert [(o.min_value, o.max_value, o.unit, o.indicator) for o in got] == [
        (Decimal(18), Decimal(80), "years", PLO.WorkerAge),
        (Decimal(18), Decimal(35), "years", PLO.WorkerAge),
    ]


def test_working_time_and_experience_stand_without_a_named_person() -> None:
    text = (
        "Huit heures par jour, cinq jours par semaine, la jeune femme pianote. "
        "A laid-off journalist with 20 years of experience now spends 20-30 hours weekly."
    )
    got = _read(text)
    assert got == [
        ("DailyWorkingHours", Decimal(8), "hours", None),
        ("WorkingDaysPerWeek", Decimal(5), "days", None),
        ("YearsOfTenure", Decimal(20), "years", None),
        ("WeeklyWorkingHours", Decimal(20), "hours", None),
    ]


def test_a_working_day_and_an_age_in_apposition() -> None:
    text = (
        "Irene Nakato, 27, annote des images pour des journées de neuf heures. "
        "Paul works ten-hour days."
    )
    got = _read(text, _person(text, "Irene Nakato"), _person(text, "Paul"))
    assert got == [
        ("WorkerAge", Decimal(27), "years", "Irene Nakato"),
        ("DailyWorkingHours", Decimal(9), "hours", "Irene Nakato"),
        ("DailyWorkingHours", Decimal(10), "hours", "Paul"),
    ]
    # a reporter's age is none of the story's
    text = "Anne Roy, 40, reports."
    assert _read(text, _person(text, "Anne Roy", cls="Journalist")) == []


def test_an_age_in_apposition_with_its_word_of_years() -> None:
    text = "Mireille, 31 ans, trie des images. Tom Vale, 45 years old, labels text."
    got = _read(text, _person(text, "Mireille"), _person(text, "Tom Vale"))
    assert got == [
        ("WorkerAge", Decimal(31), "years", "Mireille"),
        ("WorkerAge", Decimal(45), "years", "Tom Vale"),
    ]
    # a number in apposition that is no age ("Zorbly, 30 salariés") is not read as one
    text = "Mireille, 30 salariés, trie des images."
    assert _read(text, _person(text, "Mireille")) == []


def test_household_and_unpaid_hours() -> None:
    text = "Paul Kiri, 40 ans, père de trois enfants, annote des images. Ama is a mother of two."
    got = _read(text, _person(text, "Paul Kiri"), _person(text, "Ama"))
    assert got == [
        ("WorkerAge", Decimal(40), "years", "Paul Kiri"),
        ("NumberOfChildren", Decimal(3), "persons", "Paul Kiri"),
        ("NumberOfChildren", Decimal(2), "persons", "Ama"),
    ]
    text = "Some got no compensation for up to 20 hours of labor."
    (obs,) = find_profile_figures(text, folded_with_map(text), _sentences(text), [])
    assert (obs.indicator, obs.value, obs.unit, obs.qualifier) == (
        PLO.UnpaidWorkingHours, Decimal(20), "hours", "up to"
    )  # fmt: skip
    # a share after "mother of" is no household
    text = "Ama, mother of 40 percent of the staff."
    assert _read(text, _person(text, "Ama")) == []


def test_children_said_with_a_possessive_or_a_verb_of_having() -> None:
    text = "Avec Rosa, Paul Kiri élève leurs quatre jeunes enfants. Ama Osei has two kids."
    got = _read(text, _person(text, "Paul Kiri"), _person(text, "Ama Osei"))
    assert got == [
        ("NumberOfChildren", Decimal(4), "persons", "Paul Kiri"),
        ("NumberOfChildren", Decimal(2), "persons", "Ama Osei"),
    ]
    # children counted without anyone's possessive are no household
    text = "Paul Kiri a vu quatre enfants jouer dans la rue."
    assert _read(text, _person(text, "Paul Kiri")) == []


def test_working_time_between_two_numbers_with_a_bound_or_a_slash() -> None:
    text = (
        "Idriss passe entre 4 et 6 heures par jour à entraîner des modèles. "
        "Ses collègues travaillent jusqu’à 70 heures/semaine. "
        "Ana works between 8 and 10 hours a day."
    )
    found = find_profile_figures(text, folded_with_map(text), _sentences(text), [])
    got = [
        (str(o.indicator).rsplit("#", 1)[-1], o.value, o.min_value, o.max_value, o.per_unit,
         o.qualifier, text[o.figure_start : o.figure_end])
        for o in found
    ]  # fmt: skip
    assert got == [
        ("DailyWorkingHours", None, 4, 6, "day", None, "entre 4 et 6 heures par jour"),
        ("WeeklyWorkingHours", 70, None, None, "week", "up to", "jusqu’à 70 heures/semaine"),
        ("DailyWorkingHours", None, 8, 10, "day", None, "between 8 and 10 hours a day"),
    ]


def test_ages_by_decade_by_relative_clause_and_after_a_word_of_employment() -> None:
    text = (
        "Akol Deng, who is 28, works for Zorbly. Mira Lopez is now in her late 20s. "
        "Jan Kowal, a worker in his forties, quit. Cet employé de 32 ans annote."
    )
    people = [_person(text, name) for name in ("Akol Deng", "Mira Lopez", "Jan Kowal")]
    found = find_profile_figures(text, folded_with_map(text), _sentences(text), people)
    got = [
        (o.value, o.min_value, o.max_value, o.person.key if o.person else None)
        for o in found
        if o.indicator == PLO.WorkerAge
    ]
    assert got == [
        (28, None, None, "Akol Deng"),
        (None, 27, 29, "Mira Lopez"),
        (None, 40, 49, "Jan Kowal"),
        (32, None, None, "Jan Kowal"),
    ]
    # a contract or a company is no person of an age
    text = "Un contrat de 3 ans. The firm, in its twenties, grew."
    assert _read(text) == []
