"""`labourgraph.extract.periods`: temporal expressions read as intervals, and the one a figure
takes by scope (its clause, or an adjunct opening its sentence), not by distance alone."""

from __future__ import annotations

import re

import pytest

from labourgraph.extract.periods import Period, find_periods, period_of, with_anaphora


@pytest.mark.parametrize(
    ("text", "notation", "words"),
    [
        ("chuter de 99% entre 2020 et 2023", "2020/2023", "entre 2020 et 2023"),
        ("Avant 2022, Fuentes gagnait", "../2022", "Avant 2022"),
        ("croître de 30 % depuis avril 2020", "2020-04/..", "depuis avril 2020"),
        ("since early 2023, workers", "2023/..", "since early 2023"),
        ("from January 2021 to March 2022", "2021-01/2022-03", "from January 2021 to March 2022"),
        ("in 2019-2020 the", "2019/2020", "2019-2020"),
        ("le 24 avril 2020", "2020-04", "le 24 avril 2020"),
        ("until 2024", "../2024", "until 2024"),
        ("jusqu'en 2023", "../2023", "jusqu'en 2023"),
        ("en 2022, ils étaient", "2022", "2022"),
        ("hire 5,000 more people by the end of 2013", "../2013", "by the end of 2013"),
        (
            "Between January and June 2025, researchers",
            "2025-01/2025-06",
            "Between January and June 2025",
        ),
        (
            "entre novembre et février 2025, les",
            "2024-11/2025-02",
            "entre novembre et février 2025",
        ),
        ("d'ici 2030, 40 % des emplois", "../2030", "d'ici 2030"),
        (
            "Since its launch in late 2021, over 30,000 people",
            "2021/..",
            "Since its launch in late 2021",
        ),
        (
            "depuis son lancement en avril 2020, la plateforme",
            "2020-04/..",
            "depuis son lancement en avril 2020",
        ),
    ],
)
def test_expressions_become_intervals(text: str, notation: str, words: str) -> None:
    (period,) = find_periods(text)
    assert period.notation == notation
    assert text[period.start : period.end] == words


@pytest.mark.parametrize(
    "text",
    [
        "payés jusqu'à 2000 euros",
        "2020 personnes",
        "$2019",
        "1.2019",
        "20200 tâches",
        "2021 %",
        "grew by 2020 workers",
    ],
)
def test_amounts_and_longer_numbers_are_not_years(text: str) -> None:
    assert find_periods(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "une société malgache fondée en 2017 qui revendique aujourd'hui 3 000 annotateurs",
        "Le Syndicat des travailleurs, créé en 2023, revendique 420 adhérents",
        "an independent union founded in 2021, says it has 3,000 members",
    ],
)
def test_a_founding_date_is_no_figures_period(text: str) -> None:
    """Fiction u01 and u04: the year an organisation began dates that event; the count the
    sentence gives holds for no stated period."""
    assert find_periods(text) == []
    # "since" that founding does open one; jobs created in a year are that year's
    assert [p.notation for p in find_periods("depuis sa création en 2017, elle")] == ["2017/.."]
    assert [p.notation for p in find_periods("500 emplois créés en 2020")] == ["2020"]


def test_a_single_year_is_closed_both_ends() -> None:
    assert Period("2022", "2022", 0, 4).notation == "2022"
    assert Period(None, "2022", 0, 4).notation == "../2022"


def _take(text: str, figure: str, clause: tuple[int, int] | None = None) -> str | None:
    start = text.index(figure)
    sentence = (0, len(text))
    found = period_of(
        text, find_periods(text), (start, start + len(figure)), clause or sentence, sentence
    )
    return found.notation if found else None


def test_the_figure_takes_the_period_of_its_clause() -> None:
    text = "L'entreprise a vu sa valeur chuter de 99% entre 2020 et 2023"
    assert _take(text, "99%") == "2020/2023"


def test_a_fronted_adjunct_frames_the_whole_sentence() -> None:
    text = "Avant 2022, Fuentes gagnait environ 500 dollars par mois"
    clause = (text.index("Fuentes"), len(text))
    assert _take(text, "500 dollars", clause) == "../2022"


def test_a_year_of_another_clause_is_not_taken() -> None:
    text = "Elle gagne 320 dollars par mois ; en 2021, la plateforme comptait 1 million d'inscrits"
    clause = (0, text.index(";"))
    assert _take(text, "320 dollars", clause) is None


def test_a_change_since_a_date_runs_to_the_date_that_opens_its_sentence() -> None:
    text = "In March 2024, the index stood at 130, a 30 percent rise since April 2019."
    assert _take(text, "30 percent") == "2019-04/2024-03"
    text = "En 2023, la plateforme comptait 40 % d'inscrits de plus depuis 2020."
    assert _take(text, "40 %") == "2020/2023"
    # a date that opens the sentence but comes before the start closes nothing
    text = "In 2018, shares rose 20 percent since 2019."
    assert _take(text, "20 percent") == "2019/.."


def test_relative_expressions_are_anchored_to_the_documents_date() -> None:
    from labourgraph.extract.periods import relative_periods

    text = "Aujourd'hui, elle gagne 300 dollars ; l'an dernier, 400. Today it is less."
    found = relative_periods(text, "2024-06")
    assert [(p.notation, text[p.start : p.end]) for p in found] == [
        ("2024-06", "Aujourd'hui"),
        ("2023", "l'an dernier"),
        ("2024-06", "Today"),
    ]
    assert relative_periods(text, None) == []  # no date, nothing to anchor to
    # "maintenant" is now; a bare "avant," is up to now
    text = "Maintenant, je produis cinq articles ; avant, c'était trois. Before that war, none."
    found = relative_periods(text, "2024")
    assert [(p.notation, text[p.start : p.end]) for p in found] == [
        ("2024", "Maintenant"),
        ("../2024", "avant"),
    ]


def _before_of(text: str, figure: str) -> str | None:
    """The period of `figure` in a text of sentences cut at ". " and newlines."""
    sentences, start = [], 0
    for piece in re.split(r"(?<=\.)\s+", text):
        start = text.index(piece, start)
        sentences.append((start, start + len(piece)))
        start += len(piece)
    periods = with_anaphora(text, find_periods(text), sentences)
    at = text.index(figure)
    sentence = next(s for s in sentences if s[0] <= at < s[1])
    found = period_of(text, periods, (at, at + len(figure)), sentence, sentence)
    return found.notation if found else None


def test_a_bare_before_refers_to_the_date_the_sentence_before_starts_from() -> None:
    """Seed 003: "Depuis début 2024, elle a vu les tarifs s'effondrer … « Avant, je recevais
    entre 20 et 50 dollars pour 1000 mots »": before 2024."""
    text = (
        "Depuis début 2024, elle a vu les tarifs s'effondrer sur les plateformes.\n"
        "« Avant, je recevais entre 20 et 50 dollars pour 1000 mots. Aujourd'hui, 7 dollars. »"
    )
    assert _before_of(text, "entre 20 et 50 dollars") == "../2024"
    assert _before_of(text, "7 dollars") is None  # another sentence, not framed by "Avant"
    text = "Since March 2023, rates have collapsed. Previously, she earned $40 per article."
    assert _before_of(text, "$40") == "../2023-03"


def test_a_bare_before_without_a_date_just_before_it_is_left_unread() -> None:
    # the "since" date two sentences back is not the turn this "before" speaks of
    text = (
        "Depuis 2024, les tarifs baissent. Elle a pris un abonnement. "
        "Avant, elle écrivait trois articles par jour pour 40 dollars."
    )
    assert _before_of(text, "40 dollars") is None
    # a dated "before" reads its own date; a "since" that is a duration gives no date
    text = "Depuis sept ans, elle écrit. Avant, elle gagnait 40 dollars."
    assert _before_of(text, "40 dollars") is None
    text = "Depuis 2024, les tarifs baissent. Avant 2020, elle gagnait 40 dollars."
    assert _before_of(text, "40 dollars") == "../2020"


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        ("freelancers received $33,000 in 2018-19 fiscal year", "2018/2019"),
        ("FY2021-22", "2021/2022"),
        ("la saison 2023/24 a été dure", "2023/2024"),
        ("between 2018-25 people", "2018"),  # not the next year: a year, then a number
    ],
)
def test_a_year_with_the_next_written_short_is_a_fiscal_year(text: str, notation: str) -> None:
    assert [p.notation for p in find_periods(text)] == [notation]
