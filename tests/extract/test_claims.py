"""`labourgraph.extract.claims`: each figure becomes an observation with its unit, indicator,
population and per-unit, read from the words around it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import URIRef

from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.claims import Observation, _indicator_fits, population_label
from labourgraph.extract.document import Resources, extract


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


def observations(resources: Resources, text: str, lang: str = "fr") -> list[Observation]:
    doc = nlp.analyse([text.replace("’", "'")], lang)[0]
    found = extract("test", doc, lang, resources).observations
    for obs in found:
        assert 0 <= obs.start <= obs.figure_start < obs.figure_end <= obs.end <= len(text)
    return found


def figure(text: str, obs: Observation) -> str:
    return text[obs.figure_start : obs.figure_end]


def test_freelancers_by_their_french_names_are_people(resources: Resources) -> None:
    text = "Quelque 1,5 million de pigistes travaillent en ligne, dont 20 000 indépendants."
    assert [o.unit for o in observations(resources, text)] == ["persons", "persons"]
    text = "Ils seraient près de 100 000 Malgaches à annoter des images pour 300 shoppers."
    assert [o.unit for o in observations(resources, text)] == ["persons", "persons"]


def test_a_count_of_people_is_about_them_not_also_their_firm(resources: Resources) -> None:
    text = "Le groupe Zorbly va licencier environ 6.000 personnes parmi ses modérateurs de contenu."
    (count,) = observations(resources, text)
    assert count.unit == "persons"
    assert count.population is not None and "content moderators" in count.population
    assert count.organisation is None


@pytest.mark.parametrize(
    "text",
    [
        "Teleperformance, which has more than 42,000 workers in Colombia, moderates videos.",
        "Teleperformance trains most of its roughly 1,500 workers in East Africa.",
    ],
)
def test_the_people_a_firm_has_are_its_staff(resources: Resources, text: str) -> None:
    (count,) = observations(resources, text, "en")
    assert count.indicator == PLO.NumberOfEmployees
    assert count.organisation is not None and count.organisation.key == "Teleperformance"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Teleperformance plans to recruit 1,500 team members in Romania in 2022.", "en"),
        ("Teleperformance a recruté 1 500 modérateurs en Roumanie en 2022.", "fr"),
    ],
)
def test_the_people_a_firm_hires_are_its_hires(resources: Resources, text: str, lang: str) -> None:
    # hires are an organisation's by definition (plo:NumberOfHires), not a population of the
    # people counted
    (count,) = observations(resources, text, lang)
    assert count.indicator == PLO.NumberOfHires
    assert count.organisation is not None and count.organisation.key == "Teleperformance"
    assert count.population is None


@pytest.mark.parametrize(
    ("text", "lang", "indicator"),
    [
        ("Klarna a remplacé 700 agents, avec une économie annoncée d'environ 40 millions de dollars par an.", "fr", PLO.CostSavings),  # noqa: E501
        ("Appen reported revenue of $273 million for the year.", "en", PLO.Revenue),
        ("Teleperformance a généré 55 millions de dollars de revenus en 2024.", "fr", PLO.Revenue),
    ],
)  # fmt: skip
def test_an_organisations_own_amount_is_no_income(
    resources: Resources, text: str, lang: str, indicator: URIRef
) -> None:
    # savings and revenue are what a firm saves or sells, even said "a year": no one's income
    amounts = [o for o in observations(resources, text, lang) if o.unit == "USD"]
    assert [o.indicator for o in amounts] == [indicator]
    assert amounts[0].organisation is not None and amounts[0].person is None


def test_people_counted_as_a_population_of_workers_are_a_number_of_workers(
    resources: Resources,
) -> None:
    text = "Entre 154 et 435 millions de personnes dans le monde exercent des activités de micro-travail en ligne."  # noqa: E501
    (count,) = observations(resources, text)
    assert count.population is not None and count.population.startswith("microworkers")
    assert count.indicator == PLO.NumberOfWorkers
    # people who are no workers stay a count of people
    (count,) = observations(resources, "Près de 100 000 Malgaches participent à cette économie.")
    assert count.indicator == PLO.UnspecifiedCount


def test_a_share_of_a_named_whole_is_what_its_predicate_says(resources: Resources) -> None:
    # the whole a share is of ("70% of Desicrew's workforce") yields to its predicate ("are
    # women"), its owner named or not
    (share,) = observations(resources, "Around 70% of Zorbly's workforce are women.", "en")
    assert share.indicator == PLO.ShareOfWomen


def test_a_share_of_its_something_is_the_organisations_named_before(
    resources: Resources,
) -> None:
    text = "Teleperformance opened an office in Chennai. At the moment 30-40% of its work is AI related."  # noqa: E501
    (share,) = observations(resources, text, "en")
    assert share.organisation is not None and share.organisation.key == "Teleperformance"
    # with no organisation named before, "its" names none
    (share,) = observations(resources, "At the moment 30-40% of its work is AI related.", "en")
    assert share.organisation is None


def test_a_noun_governing_a_figure_names_it_past_another_figure(resources: Resources) -> None:
    text = "Le 21 mai 2024, Scale AI a levé 1 milliard de dollars à une valorisation d'environ 13,8 milliards de dollars."  # noqa: E501
    raised, valued = observations(resources, text)
    assert (raised.indicator, valued.indicator) == (PLO.FundingRaised, PLO.CompanyValuation)


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Tabibur Rahman said “I led a graphics team of a big American firm. They paid me $7,000 a month.”", "en", "Tabibur Rahman"),  # noqa: E501
        ("« Je gagne 300 euros par mois », explique Awa Diallo.", "fr", "Awa Diallo"),
    ],
)  # fmt: skip
def test_pay_said_in_the_first_person_in_a_quotation_is_the_speakers(
    resources: Resources, text: str, lang: str, speaker: str
) -> None:
    # the one quoted, named before the quotation opens or just after it closes, is the "I"
    # who earns or is paid ("paid me")
    (pay,) = observations(resources, text, lang)
    assert pay.person is not None and pay.person.key == speaker


@pytest.mark.parametrize(
    ("text", "lang", "population"),
    [
        ("Being part of the over 300,000 beneficiaries of the program, she earns well.", "en", "beneficiaries"),  # noqa: E501
        ("WAXAL veut servir plus de 100 millions de locuteurs.", "fr", "locuteurs"),
        ("Les modérateurs ont été licenciés. Quinze d'entre eux ont intenté une action en justice.", "fr", None),  # noqa: E501
    ],
)  # fmt: skip
def test_people_a_programme_serves_or_said_before_are_counted(
    resources: Resources, text: str, lang: str, population: str | None
) -> None:
    (count,) = observations(resources, text, lang)
    assert count.unit == "persons"
    # "d'entre eux" names no one: the count is no population called "entre eux"
    assert count.population == population


@pytest.mark.parametrize(
    ("text", "per_unit"),
    [
        ("Prolific pays at least £5 (~6.50€ / $7.50) per hour.", "hour"),
        ("This writing makes a minimum of $25 (about Ksh. 2500) per page.", "task"),
    ],
)
def test_an_amount_and_its_equivalents_in_brackets_share_one_rate(
    resources: Resources, text: str, per_unit: str
) -> None:
    amounts = observations(resources, text, "en")
    assert len(amounts) >= 2
    assert {o.per_unit for o in amounts} == {per_unit}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("En Indonésie, entre 154 et 435 millions de personnes dans le monde exercent des activités de micro-travail.", "fr"),  # noqa: E501
        ("In Malaysia, the company has more than 40,000 people working as content moderators across the globe.", "en"),  # noqa: E501
    ],
)  # fmt: skip
def test_a_figure_said_of_the_whole_world_holds_in_no_country(
    resources: Resources, text: str, lang: str
) -> None:
    (count,) = observations(resources, text, lang)
    assert count.area is None


def test_the_people_a_verb_of_paying_pays_are_paid_not_the_person_nearby(
    resources: Resources,
) -> None:
    text = "Jane Doe says the firm is paying reviewers as little as $2 an hour."
    (pay,) = observations(resources, text, "en")
    assert pay.person is None
    assert pay.population == "reviewers"


def test_a_rate_counts_no_people_and_a_rate_by_the_image_is_pay(resources: Resources) -> None:
    # "la Commission" is a cue of the commission rate, a percentage: never a count of people
    text = "En 2021-22 il y avait autour de 28 millions de travailleurs et la Commission s'attend au nombre de 43 millions."  # noqa: E501
    assert PLO.CommissionRate not in {o.indicator for o in observations(resources, text)}
    # an organisation's own amount ("fund", "revenue") names no pay by the image
    text = "The average revenue from the fund was $0.0078 per image."
    (pay,) = observations(resources, text, "en")
    assert (pay.indicator, pay.per_unit) == (PLO.PayPerTask, "task")


def test_a_short_aside_in_parentheses_does_not_end_the_clause(resources: Resources) -> None:
    from labourgraph.extract.claims import _clause
    from labourgraph.extract.quantities import find_quantities

    # the indicator's words stand after "(SEO)": the aside is skipped, not a clause's end
    text = "Environ 44 % du travail des moteurs de recherche (SEO) est désormais réalisé par l'IA."
    (share,) = find_quantities(text, "fr")
    assert _clause(text, 0, len(text), share) == (0, len(text))
    # a bracket holding a number, or a long one, still ends it
    text = "Environ 44 % du travail (soit 3 millions d'heures) est réalisé par l'IA."
    (share, _hours) = find_quantities(text, "fr")
    assert _clause(text, 0, len(text), share)[1] == text.index("(")
    (found,) = observations(
        resources, "Environ 44 % du travail (SEO) est désormais réalisé par l'IA."
    )
    assert found.indicator == PLO.ShareOfWorkAutomated


def test_a_count_of_emigrants_is_theirs(resources: Resources) -> None:
    text = "Environ 2 millions de jeunes diplômés ont quitté le pays ces dernières années."
    (count,) = observations(resources, text)
    assert (count.indicator, count.population) == (PLO.EmigrantCount, "emigrants")


def test_bare_counts_take_their_unit_from_the_noun_after_them(resources: Resources) -> None:
    text = "En France, 15 000 personnes travaillent sur 23 plateformes de microtravail."
    persons, platforms = observations(resources, text)
    assert (persons.value, persons.unit) == (Decimal(15000), "persons")
    assert (platforms.value, platforms.unit) == (Decimal(23), "organisations")
    assert platforms.indicator == PLO.NumberOfPlatforms
    assert persons.population == "microworkers in France"
    assert persons.area is not None and persons.area.key == "France"


def test_a_count_of_nothing_named_is_not_a_claim(resources: Resources) -> None:
    assert observations(resources, "Elle a 35 ans et habite au 12 de la rue.") == []


def test_a_share_gets_the_indicator_named_in_its_clause(resources: Resources) -> None:
    text = "Selon une enquête, 56 % des microtravailleurs en France sont des femmes."
    (share,) = observations(resources, text)
    assert (share.value, share.unit) == (Decimal(56), "percent")
    assert share.indicator == PLO.ShareOfWomen
    assert share.population == "microworkers in France"


def test_a_share_without_a_cue_falls_back_to_unspecified(resources: Resources) -> None:
    (share,) = observations(resources, "Le soleil brille sur 12 % du pays.")
    assert (share.value, share.unit) == (Decimal(12), "percent")
    assert share.indicator == PLO.UnspecifiedShare
    assert share.confidence < 0.8


def test_a_pay_rate_without_per_unit_inherits_the_one_before(resources: Resources) -> None:
    text = (
        "Au début, on me payait entre 20 et 50 dollars pour 1000 mots. "
        "Aujourd’hui, on me propose 7 dollars."
    )
    first, second = observations(resources, text)
    assert (first.min_value, first.max_value, first.unit) == (Decimal(20), Decimal(50), "USD")
    assert first.per_unit == second.per_unit == "1000 words"
    assert first.is_pay_rate and second.is_pay_rate
    assert second.value == Decimal(7)
    assert first.indicator == second.indicator == PLO.PayPer1000Words


def test_an_amount_far_from_any_rate_inherits_nothing(resources: Resources) -> None:
    text = (
        "On me payait 20 dollars pour 1000 mots. Il pleuvait. Le ciel était gris. "
        "La ville dormait. Le projet a coûté 7 millions de dollars."
    )
    last = observations(resources, text)[-1]
    assert last.value == Decimal(7_000_000)
    assert last.per_unit is None
    assert not last.is_pay_rate


def test_an_amount_with_a_rate_of_its_own_inherits_no_span_of_time(resources: Resources) -> None:
    # "per minute" is no per-unit of the ontology, but it is the amount's own rate: the
    # "$500 a week" before it does not make it a weekly pay
    text = (
        "Tomas Adeyemi made about $500 a week transcribing audio. "
        "He could earn at least $0.45 for every minute of audio transcribed through Quillo."
    )
    weekly, minute = observations(resources, text, "en")
    assert weekly.per_unit == "week"
    assert minute.value == Decimal("0.45")
    assert minute.per_unit is None
    assert minute.indicator != PLO.WeeklyPay


@pytest.mark.parametrize(
    "text",
    [
        "Last month, Rev cut the minimum rate of its transcribers to $0.30 per minute.",
        "Four contractors from Aligner and Outlier told reporters that the work was hard.",
    ],
)
def test_a_name_only_the_model_calls_a_place_is_no_figures_area(
    resources: Resources, text: str
) -> None:
    # the model calls "Rev" and "Aligner" places; nothing else does, and no preposition of
    # place stands before them: the figure holds for no place
    (found,) = observations(resources, text, "en")
    assert found.area is None


@pytest.mark.parametrize(
    "text",
    [
        "En 2020, les actions de Zorbly ont culminé à 42,44 euros.",
        "Aujourd'hui, le titre se négocie à environ 0,28 euro.",
    ],
)
def test_the_price_of_a_share_is_a_share_price(resources: Resources, text: str) -> None:
    (price,) = observations(resources, text)
    assert price.indicator == PLO.SharePrice


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Il arrive que ces tâches soient payées aussi peu que 0,01 dollar.", "fr"),
        ("On Zorbly, tasks are often paid as little as $0.02.", "en"),
    ],
)
def test_an_amount_a_task_is_paid_is_pay_per_task(
    resources: Resources, text: str, lang: str
) -> None:
    (pay,) = observations(resources, text, lang)
    assert (pay.per_unit, pay.indicator) == ("task", PLO.PayPerTask)


def test_pay_per_task_in_centimes_is_the_wage_of_the_platforms_workers(
    resources: Resources,
) -> None:
    text = "Zorbly, une plateforme de microtravail installée à Lyon, paie 3 centimes par tâche."
    (rate,) = observations(resources, text)
    assert (rate.value, rate.unit, rate.per_unit) == (Decimal("0.03"), "EUR", "task")
    assert rate.indicator == PLO.PayPerTask
    # the platform pays; the wage is its workers', named by the sentence's worker noun
    assert rate.organisation is None
    assert rate.population is not None and rate.population.startswith("Zorbly microworkers")


def test_a_daily_pay_is_not_a_monthly_income(resources: Resources) -> None:
    (rate,) = observations(resources, "« Je gagne 3 euros par jour », raconte Marta Ruiz.")
    assert (rate.value, rate.unit, rate.per_unit) == (Decimal(3), "EUR", "day")
    assert rate.indicator == PLO.DailyPay


def test_english_figures(resources: Resources) -> None:
    text = "The Ministry of Labour said 40 % of gig workers in Kenya are women."
    (share,) = observations(resources, text, "en")
    assert share.indicator == PLO.ShareOfWomen
    assert share.population == "platform workers in Kenya"
    assert figure(text, share).startswith("40")


@pytest.mark.parametrize(
    ("sentence", "place", "label"),
    [
        ("Les microtravailleurs sont souvent des femmes.", "France", "microworkers in France"),
        ("Les annotateurs sont payés à la tâche.", None, "data annotators"),
        ("Freelancers on the site earn little.", "Kenya", "freelancers in Kenya"),
        ("Le temps est beau.", "France", None),
    ],
)
def test_population_label(sentence: str, place: str | None, label: str | None) -> None:
    assert population_label(sentence, place) == label


# --- whole facts: who, where, when, which way ------------------------------------------------


def test_a_described_company_is_the_subject_and_its_fall_a_decrease(resources: Resources) -> None:
    text = (
        "Oskarina Fuentes travaille pour Appen depuis des années. L'entreprise australienne a vu "
        "sa valeur marchande chuter de 99% entre 2020 et 2023."
    )
    (obs,) = observations(resources, text)
    assert obs.organisation is not None and obs.organisation.key == "Appen"
    assert (obs.direction, obs.period) == ("Decrease", "2020/2023")
    assert (obs.period_start, obs.period_end) == ("2020", "2023")
    assert obs.indicator == PLO.MarketValueChange


def test_a_fronted_before_closes_the_period_and_a_gap_is_a_difference(
    resources: Resources,
) -> None:
    text = (
        "Avant 2022, Fuentes gagnait environ 500 dollars par mois. "
        "Son voisin Martín Lossada gagne environ 200 dollars de plus que lui."
    )
    before, gap = observations(resources, text)
    assert (before.period, before.period_start, before.period_end) == ("../2022", None, "2022")
    assert before.direction == "Level"
    assert gap.direction == "Difference" and gap.period is None


def test_the_source_of_a_figure_is_not_its_subject(resources: Resources) -> None:
    text = "Selon Amnesty International, 30 % des modérateurs de Meta souffrent de stress."
    (obs,) = observations(resources, text)
    assert obs.organisation is None or obs.organisation.key != "Amnesty International"


def test_a_place_after_a_comma_belongs_to_another_clause(resources: Resources) -> None:
    text = (
        "Environ 7,5 millions de jeunes Vénézuéliens ont quitté le pays, un tiers d'entre eux "
        "vivant en Colombie."
    )
    (obs,) = [o for o in observations(resources, text) if o.value == Decimal(7500000)]
    assert obs.area is None


def test_an_amount_and_its_conversion_share_their_per_unit(resources: Resources) -> None:
    text = "Nathy touche 400 000 ariary, soit 80 euros par mois, pour annoter des images."
    ariary, euros = observations(resources, text)
    assert (ariary.unit, euros.unit) == ("MGA", "EUR")
    assert ariary.per_unit == euros.per_unit == "month"
    text = "Those in Kenya received about Ksh283 ($2.20) per hour for moderating content."
    assert {o.per_unit for o in observations(resources, text, "en")} == {"hour"}


def test_a_monthly_salary_is_paid_per_month(resources: Resources) -> None:
    text = "Les modérateurs touchent un salaire mensuel de 254 dollars à Bogota."
    (obs,) = observations(resources, text)
    assert obs.per_unit == "month" and obs.indicator == PLO.MonthlyIncome


def test_counts_written_as_one_number_word(resources: Resources) -> None:
    got = observations(resources, "The reporters spoke to nine moderators in Bogotá.", "en")
    assert [(o.value, o.unit) for o in got] == [(Decimal(9), "persons")]
    got = observations(resources, "Les chiffres publiés par sept plates-formes.", "fr")
    assert [(o.value, o.unit) for o in got] == [(Decimal(7), "organisations")]
    # a number word before what is not counted stays a word
    assert observations(resources, "Les deux ont refusé, dit-elle.", "fr") == []


def test_spans_of_time_are_figures_of_their_own_unit(resources: Resources) -> None:
    """How long people work, train or wait is a figure (gold of the real texts: 19 of dev's
    102 missed figures were spans of time); a clock time, an age or a date is none."""
    got = observations(resources, "Il a attendu deux heures et trois jours.", "fr")
    assert [(o.value, o.unit, o.indicator) for o in got] == [
        (Decimal(2), "hours", PLO.UnspecifiedDuration),
        (Decimal(3), "days", PLO.UnspecifiedDuration),
    ]
    text = "He'd have to stop for 30 to 60 minutes of unpaid retraining."
    (span,) = observations(resources, text, "en")
    assert (span.min_value, span.max_value, span.unit) == (Decimal(30), Decimal(60), "minutes")
    text = "À 17 heures, cette Afghane de 31 ans, arrivée il y a deux ans, se connecte."
    assert observations(resources, text, "fr") == []
    # a span a profile reads is the profile's figure, not also a duration of no one
    text = "Elle travaille huit heures par jour sur Appen."
    assert [o.indicator for o in observations(resources, text)] == [PLO.DailyWorkingHours]


def test_what_only_an_organisation_has_is_the_organisations(resources: Resources) -> None:
    text = (
        "L'expérience de Klarna, une société de la Fintech, est un exemple. Après avoir "
        "licencié 40% de ses effectifs, l'entreprise a reculé."
    )
    (cut,) = observations(resources, text)
    assert cut.indicator == PLO.ShareOfJobsCut
    assert cut.organisation is not None and cut.organisation.key == "Klarna"
    assert cut.direction == "Level"  # a share of staff laid off (`test_a_share_of_staff_…`)


def test_a_named_persons_pay_is_theirs_alone(resources: Resources) -> None:
    text = "Sur Upwork, Maryfel Alvarado gagnait entre 20 et 50 dollars pour 1000 mots."
    (pay,) = observations(resources, text)
    assert pay.person is not None and pay.person.key == "Maryfel Alvarado"
    assert pay.organisation is None and pay.population is None


def test_a_population_placed_in_a_country_gives_the_figure_its_area(resources: Resources) -> None:
    text = "En France, 22 % des microtravailleurs sont au-dessous du seuil de pauvreté."
    (share,) = observations(resources, text)
    assert share.population == "microworkers in France"
    assert share.area is not None and share.area.key == "France"


@pytest.mark.parametrize(
    ("between", "area"),
    [
        # nothing else named since: the workers' country still holds
        ("", "Kenya"),
        # another place named since: the country is a stale setting, not the figure's area
        (" Their client is a developer based in San Francisco.", None),
    ],
)
def test_a_carried_population_keeps_its_country_until_another_place_is_named(
    resources: Resources, between: str, area: str | None
) -> None:
    text = (
        "In Kenya, 22 percent of the microworkers live below the poverty line."
        + between
        + " Rating tasks pay an hourly equivalent of $1.50 an hour."
    )
    share, pay = observations(resources, text, "en")
    assert share.area is not None and share.area.key == "Kenya"
    assert pay.population == "microworkers in Kenya"
    assert (pay.area.key if pay.area else None) == area


def test_a_first_name_a_pronoun_makes_a_person_earns_the_pay(resources: Resources) -> None:
    text = "Nathy, elle, touche 400 000 ariary par mois."
    (pay,) = observations(resources, text)
    assert pay.person is not None and pay.person.key == "Nathy"


# --- what a figure measures: its frame, not any word of its sentence -------------------------


def _indicators(resources: Resources, text: str, lang: str) -> dict[str, object]:
    return {figure(text, obs): obs.indicator for obs in observations(resources, text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "wanted"),
    [
        # the subject of "représenter" / "make up" is measured, not the whole it is a share of
        ("Les femmes représentent 54 % des effectifs.", "fr", {"54 %": PLO.ShareOfWomen}),
        ("Women made up 57 percent of the workforce.", "en", {"57 percent": PLO.ShareOfWomen}),
        # the whole after "of" gives way to the predicate ...
        (
            "In our sample, 62 percent of respondents were women.",
            "en",
            {"62 percent": PLO.ShareOfWomen},
        ),
        # ... and names the share when nothing else does
        (
            "Les Vénézuéliens représentaient 75 % de la main-d'œuvre.",
            "fr",
            {"75 %": PLO.ShareOfWorkforce},
        ),
        ("Overall, 41% of respondents were not paid.", "en", {"41%": PLO.ShareOfSurveyedWorkers}),
        # a share that is the subject of a verb of saying is a share of surveyed workers; a
        # verb of saying before the figure is its source's
        (
            "Last year, 79% said they do it for the money.",
            "en",
            {"79%": PLO.ShareOfSurveyedWorkers},
        ),
        ("The manager said 30% of the images were blurred.", "en", {"30%": PLO.UnspecifiedShare}),
        (
            "Overall, 30% of workers in the United States earn less, a report said.",
            "en",
            {"30%": PLO.UnspecifiedShare},
        ),
        ("Selon l'enquête, 12 % des images sont rejetées.", "fr", {"12 %": PLO.RejectionRate}),
        (
            "The union says 1,200 raters have joined its petition.",
            "en",
            {"1,200": PLO.NumberOfSignatories},
        ),
        # a share price's percentage is the change of the company's market value
        ("L'action perd 38 % en une séance.", "fr", {"38 %": PLO.MarketValueChange}),
        # a count of people laid off is the number dismissed; those who sue are plaintiffs
        (
            "Son président a porté plainte pour le licenciement abusif de 180 modérateurs.",
            "fr",
            {"180": PLO.NumberOfWorkersDismissed},
        ),
        # the verb governing a count names it before the noun it counts does
        ("Meta a licencié 200 salariés au Kenya.", "fr", {"200": PLO.NumberOfWorkersDismissed}),
        (
            "Quelque 200 anciens employés qui poursuivent Facebook.",
            "fr",
            {"Quelque 200": PLO.NumberOfPlaintiffs},
        ),
        (
            "Mercor has hired more than 30,000 contractors this year.",
            "en",
            {"more than 30,000": PLO.NumberOfHires},
        ),
        (
            "In Bengaluru, the union says it has 3,000 members.",
            "en",
            {"3,000": PLO.NumberOfMembers},
        ),
        (
            "Ils cherchent à obtenir un fonds d'indemnisation de 1,6 milliard de dollars.",
            "fr",
            {"1,6 milliard de dollars": PLO.CompensationSought},
        ),
        # a count of people is no number of platforms, whatever platform the clause names:
        # the workers it counts
        (
            "Dizon is one of 4,500 workers who rate answers through Tasklane, a microtask "
            "platform.",
            "en",
            {"4,500": PLO.NumberOfWorkers},
        ),
        # a cue in a clause about something else is not the figure's
        (
            "Fuentes et 19 autres tâcherons ont créé un groupe où ils alertent les membres.",
            "fr",
            {"19": PLO.NumberOfWorkers},
        ),
    ],
)
def test_the_indicator_is_read_from_the_figures_frame(
    resources: Resources, text: str, lang: str, wanted: dict[str, object]
) -> None:
    found = _indicators(resources, text, lang)
    assert {k: found.get(k) for k in wanted} == wanted


def test_a_rise_of_nothing_named_is_activity_growth(resources: Resources) -> None:
    (grew,) = observations(resources, "The sector grew by 25% last year.", "en")
    assert (grew.indicator, grew.direction) == (PLO.ActivityGrowth, "Increase")
    (level,) = observations(resources, "About 25% of them are new.", "en")
    assert level.indicator == PLO.UnspecifiedShare  # a level stays unspecified


def test_a_share_of_staff_laid_off_is_a_level(resources: Resources) -> None:
    (cut,) = observations(resources, "Teleperformance a licencié 40 % de ses effectifs.")
    assert (cut.indicator, cut.direction) == (PLO.ShareOfJobsCut, "Level")


def test_a_cut_in_staff_is_a_decrease_whatever_follows_the_comma(resources: Resources) -> None:
    text = (
        "La société a lancé une opération de réduction de ses effectifs de 25 %, les "
        "modérateurs disent avoir été licenciés."
    )
    (cut,) = observations(resources, text)
    assert (cut.indicator, cut.direction) == (PLO.ShareOfJobsCut, "Decrease")


def test_the_level_a_change_reached_is_the_level_of_what_changed(resources: Resources) -> None:
    text = "Les salariés sont inquiets. L'action perd 38,07 % à 164,85 euros à l'ouverture."
    change, price = observations(resources, text)
    assert (change.indicator, change.direction) == (PLO.MarketValueChange, "Decrease")
    assert (price.indicator, price.direction) == (PLO.SharePrice, "Level")
    assert price.person is None  # a share price is nobody's pay
    text = "Its stock price fell 20% to $15, and Uber's share price rose to $45."
    assert [(o.indicator, o.direction) for o in observations(resources, text, "en")] == [
        (PLO.MarketValueChange, "Decrease"),
        (PLO.SharePrice, "Level"),  # a price, but no subscription
        (PLO.SharePrice, "Level"),
    ]


@pytest.mark.parametrize(
    ("indicator", "unit", "fits"),
    [
        (PLO.ShareOfSurveyedWorkers, "percent", True),
        (PLO.SharePrice, "percent", False),  # a price, despite its name
        (PLO.SharePrice, "EUR", True),
        (PLO.CompensationSought, "USD", True),
        (PLO.PaymentThreshold, "USD", True),
        (PLO.NumberOfHires, "persons", True),
        (PLO.NumberOfHires, "percent", False),
        (PLO.NumberOfPlatforms, "persons", False),
        (PLO.NumberOfPlatforms, "organisations", True),
        (PLO.NumberOfMembers, "organisations", False),
        (PLO.NumberOfLanguages, "persons", False),
        (PLO.NumberOfWorkersDismissed, "USD", False),
        # workers are people; a wage ratio is a ratio or a share, never an amount
        (PLO.NumberOfWorkers, "persons", True),
        (PLO.NumberOfWorkers, "hours", False),
        (PLO.WageRatio, "times", True),
        (PLO.WageRatio, "percent", True),
        (PLO.WageRatio, "EUR", False),
        (PLO.NumberOfClients, "organisations", True),
        (PLO.NumberOfClients, "persons", False),
        (PLO.IncomeChange, "percent", True),
        (PLO.Revenue, "USD", True),
        (PLO.Revenue, "percent", False),
    ],
)
def test_an_indicator_fits_the_unit_it_is_measured_in(
    indicator: URIRef, unit: str, fits: bool
) -> None:
    assert _indicator_fits(indicator, unit) is fits


def test_counts_through_adjectives_and_coordination_share_their_noun(
    resources: Resources,
) -> None:
    text = (
        "The index covers 12 different English-language online platforms. The platforms "
        "include six English-language, three Spanish-language, and three Russian-language "
        "platforms."
    )
    found = [(figure(text, o), o.value, o.unit) for o in observations(resources, text, "en")]
    assert found == [
        ("12", Decimal(12), "organisations"),
        ("six", Decimal(6), "organisations"),
        ("three", Decimal(3), "organisations"),
        ("three", Decimal(3), "organisations"),
    ]


def test_a_function_word_or_a_line_break_ends_the_search_for_the_noun(
    resources: Resources,
) -> None:
    text = "Il en a vu 3 sur les plateformes.\n1 Introduction\nWorkers earn little."
    assert [o.unit for o in observations(resources, text)] == []
    text = "It studies two hubs of the annotation industry."
    assert [o.unit for o in observations(resources, text, "en")] == []


def test_a_figure_before_le_nombre_de_counts_what_follows(resources: Resources) -> None:
    text = "Les auteurs estiment à 266 126 le nombre d'individus inscrits sur une plate-forme."
    (count,) = observations(resources, text)
    assert (count.value, count.unit) == (Decimal(266126), "persons")


def test_languages_and_countries_are_counted_in_their_own_units(resources: Resources) -> None:
    text = "Toloka operates in more than 40 languages and surveyed workers in 5 countries."
    found = [(o.value, o.unit, o.qualifier) for o in observations(resources, text, "en")]
    assert found == [(Decimal(40), "languages", "more than"), (Decimal(5), "countries", None)]
    text = (
        "La plateforme est présente dans 12 pays et traduit en 30 langues. "
        "Elle a annoté 2 400 images."
    )
    found = [(o.value, o.unit) for o in observations(resources, text)]
    assert found == [
        (Decimal(12), "countries"),
        (Decimal(30), "languages"),
        (Decimal(2400), "images"),
    ]


def test_a_change_from_one_value_to_another_is_two_values(resources: Resources) -> None:
    text = "The growth of India's share of online workers from 25 to 33 percent was notable."
    found = [
        (figure(text, o), o.value, o.min_value, o.unit) for o in observations(resources, text, "en")
    ]
    assert found == [
        ("25", Decimal(25), None, "percent"),
        ("33 percent", Decimal(33), None, "percent"),
    ]
    # without a change word, "from 20 to 30 percent" is a range of values
    text = "Between them, the platforms take from 20 to 30 percent of each payment."
    (cut,) = observations(resources, text, "en")
    assert (cut.value, cut.min_value, cut.max_value) == (None, Decimal(20), Decimal(30))


def test_a_bracketed_conversion_shares_the_hedge_and_the_per_unit(resources: Resources) -> None:
    text = "Moderators in Kenya received about Ksh283 ($2.20) per hour."
    kes, usd = observations(resources, text, "en")
    assert (kes.unit, kes.per_unit, kes.qualifier) == ("KES", "hour", "about")
    assert (usd.unit, usd.per_unit, usd.qualifier) == ("USD", "hour", "about")


def test_a_ratio_is_a_difference_and_a_fraction_a_share(resources: Resources) -> None:
    text = "Les HITers touchent une rémunération cinq fois plus élevée que les revenus locaux."
    (ratio,) = observations(resources, text)
    assert (ratio.value, ratio.unit, ratio.direction) == (Decimal(5), "times", "Difference")
    text = "Our tutors earn three times the local average wage, and half the workers are women."
    ratio, half = observations(resources, text, "en")
    assert (ratio.value, ratio.unit, ratio.direction) == (Decimal(3), "times", "Difference")
    assert (half.value, half.unit) == (Decimal(50), "percent")


def test_counts_in_words_round_numbers_and_own_nouns(resources: Resources) -> None:
    text = (
        "Quatre-vingts personnes fixent leur écran. Une centaine de jeunes diplômés y "
        "travaillent. La chercheuse étudie depuis six ans les travailleurs kényans."
    )
    found = [(figure(text, o), o.value, o.unit, o.qualifier) for o in observations(resources, text)]
    assert found == [
        ("Quatre-vingts", Decimal(80), "persons", None),
        ("Une centaine", Decimal(100), "persons", "about"),
        ("six ans", Decimal(6), "years", None),  # a span of time, not a count of "travailleurs"
    ]
    text = (
        "Kampala hosts at least nine annotation centres. In our sample, 62 percent of "
        "respondents were women, the median age was 24. A survey of 1,150 annotators, on 46 "
        "interviews."
    )
    found = [(figure(text, o), o.unit) for o in observations(resources, text, "en")]
    assert found == [
        ("at least nine", "organisations"),
        ("62 percent", "percent"),
        ("1,150", "persons"),
    ]


def test_work_output_counts_are_items_counted_over_a_span_of_time(resources: Resources) -> None:
    text = (
        "Chez Zorbly, une modératrice doit examiner plus de 800 vidéos par jour. "
        "Au quotidien, elle relit aussi une trentaine de publications signalées."
    )
    found = [(o.value, o.unit, o.per_unit, o.qualifier) for o in observations(resources, text)]
    assert found == [
        (Decimal(800), "items", "day", "more than"),
        (Decimal(30), "items", "day", "about"),
    ]
    # a count of content items is no pay, whatever span it is counted over
    assert all(o.indicator not in (PLO.DailyPay, PLO.HourlyPay) for o in observations(
        resources, "Un annotateur traite 300 images par heure.")
    )  # fmt: skip
    text = "At Zorbly, reviewers process 400+ pieces of content per shift."
    (obs,) = observations(resources, text, "en")
    assert (obs.value, obs.unit, obs.per_unit, obs.qualifier) == (
        Decimal(400), "items", None, "more than"
    )  # fmt: skip


def test_a_score_over_its_scale_is_rated_in_points(resources: Resources) -> None:
    text = "In 2023, a research group gave Appen 2 out of 10 for its failures."
    (obs,) = observations(resources, text, "en")
    assert (obs.value, obs.unit, obs.direction, obs.scale) == (Decimal(2), "points", "Score", 10)
    assert obs.organisation is not None and obs.organisation.key == "Appen"
    # a share said the same way is no score, and a count after a score keeps its own unit
    text = "Un travailleur sur trois, soit 1 sur 3 travailleurs, touche moins."
    assert all(o.unit != "points" for o in observations(resources, text))


def test_counts_named_by_a_cue_of_people_count_the_people_before(resources: Resources) -> None:
    text = (
        "En Belgique, il y aurait 9 000 travailleurs du clic, 20 000 réguliers et "
        "90 000 occasionnels."
    )
    found = [(o.value, o.unit, o.indicator) for o in observations(resources, text)]
    assert found[1:] == [
        (Decimal(20000), "persons", PLO.MonthlyActiveWorkers),
        (Decimal(90000), "persons", PLO.OccasionalWorkers),
    ]
    assert found[0][:2] == (Decimal(9000), "persons")
    # a cue word that is no item of the list counts no people: "46 interviews with workers"
    text = "It draws on a survey of 1,150 annotators, on 46 interviews, and on 9 contracts."
    assert [(o.value, o.unit) for o in observations(resources, text, "en")] == [
        (Decimal(1150), "persons")
    ]


def test_a_gross_monthly_salary_and_the_ranges_after_it_are_monthly(resources: Resources) -> None:
    text = "Salaire : 2.100-2.900€ brut/mois (junior 2.100-2.400€, senior 2.500-2.900€)."
    found = observations(resources, text)
    assert len(found) == 3
    assert all(o.per_unit == "month" and o.indicator == PLO.MonthlyIncome for o in found)


def test_a_net_yearly_amount_is_annual_income(resources: Resources) -> None:
    text = "Un annotateur confirmé touche 31 000 € net par an dans cette entreprise."
    (obs,) = observations(resources, text)
    assert obs.per_unit == "year" and obs.indicator == PLO.AnnualIncome


def test_the_second_value_of_a_change_measures_what_the_first_does(
    resources: Resources,
) -> None:
    text = (
        "The survey shows a growth of Kenya's share of the global online workforce"
        " from 12 to 19 percent."
    )
    found = observations(resources, text, "en")
    assert [figure(text, o) for o in found][-1].startswith("19")
    assert {o.indicator for o in found} == {PLO.ShareOfWorkforce}


def test_listed_counts_share_the_noun_after_the_last(resources: Resources) -> None:
    text = (
        "The index covers four Hindi-language, two Arabic-language, and five"
        " Portuguese-language platforms."
    )
    found = observations(resources, text, "en")
    assert len(found) == 3
    assert {o.indicator for o in found} == {PLO.NumberOfPlatforms}


def test_a_count_of_a_different_thing_after_a_comma_keeps_its_own_indicator(
    resources: Resources,
) -> None:
    text = "The firm kept 40 engineers, and 12 platforms were audited."
    found = observations(resources, text, "en")
    assert figure(text, found[0]) == "40"
    assert found[0].indicator != PLO.NumberOfPlatforms


def test_registered_people_and_the_but_that_narrows_them(resources: Resources) -> None:
    text = "Selon l'étude, 8 000 personnes se sont inscrites sur la plateforme."
    (obs,) = observations(resources, text)
    assert obs.indicator == PLO.RegisteredWorkers
    text = "Plus de 90 000 annotateurs seraient inscrits mais peu actifs."
    (obs,) = observations(resources, text)
    assert obs.indicator == PLO.OccasionalWorkers


@pytest.mark.parametrize(
    ("text", "lang", "wanted"),
    [
        # what a worker processes per unit of time is a work output; without one, a volume
        ("Il est amené à modérer plus de 100 images par heure.", "fr", "WorkOutput"),
        ("They review 5000 posts per day.", "en", "WorkOutput"),
        ("Le contrat porte sur 3,4 millions d'images.", "fr", "NumberOfItemsProcessed"),
        ("Les bons jours, elle dépasse les 500 images traitées.", "fr", "WorkOutput"),
        ("Elle écrit cinq articles par jour.", "fr", "WorkOutput"),
        # a piece of work is paid as a task is
        ("Home workers are paid between $0.02 and $0.08 per image.", "en", "PayPerTask"),
        # a percentage of revenue that is no change is a share of it
        ("Two clients account for 80 per cent of Appen's revenue.", "en", "ShareOfRevenue"),
        ("She estimates she is owed $25,000 by the platform.", "en", "UnpaidWagesOwed"),
        # what organisations have: revenue (the change's cue on an amount), funding, fines,
        # results, clients; and the workers who leave them
        ("Appen's revenue was $273 million in 2023.", "en", "Revenue"),
        ("Scale AI a levé 1 milliard de dollars en mai.", "fr", "FundingRaised"),
        ("The regulator fined the platform €290 million.", "en", "FineAmount"),
        ("La société a enregistré une perte nette de 20 millions d'euros.", "fr", "NetResult"),
        ("Sama travaille pour 25 clients.", "fr", "NumberOfClients"),
        ("Staff turnover reached 30 percent last year.", "en", "AttritionRate"),
        # the other end of the pay hierarchy
        ("Machine learning engineers in Seattle earn around $200,000.", "en", "AIExpertSalary"),
        ("Près de 30 % de ces tâches sont désormais automatisées.", "fr", "ShareOfWorkAutomated"),
        # those who accuse are plaintiffs, also as the agent of "accusée par"
        (
            "Accusée d'exploitation, par 43 anciens modérateurs licenciés en janvier, la "
            "société a saisi un tribunal.",
            "fr",
            "NumberOfPlaintiffs",
        ),
        (
            "In the suit, 185 former moderators accused the company of misclassifying them.",
            "en",
            "NumberOfPlaintiffs",
        ),
        # a ratio in a clause about pay is a wage relative to another
        (
            "Une rémunération en moyenne cinq fois plus élevée que les revenus locaux.",
            "fr",
            "WageRatio",
        ),
        ("They earn three times the local average wage.", "en", "WageRatio"),
        ("Ce revenu est inférieur de moitié au salaire minimum.", "fr", "WageRatio"),
        # a ratio that is not about pay is not
        ("The platform is five times bigger than before.", "en", None),
        # a count of countries, a score, a count of tasks
        ("Its contractors work in 30 countries.", "en", "NumberOfCountries"),
        ("The Fairwork team gave Remotasks 1 out of 10.", "en", "Rating"),
        ("Elle a fait 1 000 tâches ce mois-ci.", "fr", "NumberOfTasks"),
        # a share of workers with symptoms, without social protection
        (
            "Studies show 50 to 80% of content moderators develop symptoms of PTSD.",
            "en",
            "ShareWithTraumaSymptoms",
        ),
        (
            "Près de 40 % des travailleurs n'ont aucune protection sociale.",
            "fr",
            "ShareWithoutSocialProtection",
        ),
        # workers counted, when nothing else names the count
        ("Around 12,000 people work as annotators; 300 annotators quit.", "en", None),
        ("Elle dirige 80 modérateurs.", "fr", "NumberOfWorkers"),
        # "une petite équipe" is no petition ("pétition" and "petite" share a stem)
        ("Une petite équipe de vingt personnes modère les contenus.", "fr", None),
    ],
)
def test_the_indicator_is_read_from_what_the_figure_counts(
    resources: Resources, text: str, lang: str, wanted: str | None
) -> None:
    found = set(_indicators(resources, text, lang).values())
    if wanted is None:
        assert not found & {
            PLO.WageRatio, PLO.NumberOfSignatories, PLO.NumberOfCountries, PLO.Rating
        }, found  # fmt: skip
    else:
        assert getattr(PLO, wanted) in found, found


def test_growth_by_a_factor_is_a_rise_of_what_is_counted(resources: Resources) -> None:
    text = (
        "Les plateformes ont été multipliées par cinq en dix ans, passant de 142 en 2010 à 777. "
        "Le nombre de plateformes en ligne a triplé."
    )
    got = [(o.value, o.unit, o.direction, o.indicator) for o in observations(resources, text)]
    assert (5, "times", "Increase") in [g[:3] for g in got]
    assert (3, "times", "Increase", PLO.NumberOfPlatforms) in got
    # a ratio is no unit the bare counts after it take
    assert not [g for g in got if g[0] in (142, 777) and g[1] == "times"]
    # a comparison by a factor stays a difference
    (obs,) = observations(resources, "They earn three times the local average wage.", "en")
    assert (obs.unit, obs.direction) == ("times", "Difference")


def test_whose_revenue_says_whether_it_is_revenue_or_income(resources: Resources) -> None:
    # an organisation's revenue change stays one; a worker's is an income change
    company = "Appen a perdu des clients. Ses revenus ont baissé de 14 % en 2023."
    assert PLO.RevenueChange in _indicators(resources, company, "fr").values()
    worker = (
        "Les modérateurs de Nairobi sont mal payés. Amina Diallo gagnait 300 000 shillings par "
        "an ; ses revenus ont baissé de 20 % l'an dernier."
    )
    assert PLO.IncomeChange in _indicators(resources, worker, "fr").values()
    # pay said as a difference is an income difference
    more = "Maryfel Alvarado gagne 500 dollars par mois, soit environ 200 dollars de plus."
    assert PLO.IncomeDifference in _indicators(resources, more, "fr").values()


@pytest.mark.parametrize(
    ("text", "lang", "per_unit"),
    [
        ('She said: "One month I made 800 dollars, the next month nothing."', "en", "month"),
        ("En un mois, elle a gagné 120 euros.", "fr", "month"),
        # a span of time ago or a duration is no span the amount is earned over
        ("A month ago she was paid 800 dollars.", "en", None),
    ],
)
def test_a_span_said_once_is_what_an_amount_is_earned_over(
    resources: Resources, text: str, lang: str, per_unit: str | None
) -> None:
    amounts = [o for o in observations(resources, text, lang) if o.unit in ("USD", "EUR")]
    assert amounts and amounts[0].per_unit == per_unit


def test_a_cue_after_one_figure_is_not_the_next_figure_s(resources: Resources) -> None:
    # the degree follows the 58 % as its predicate; the 35 % has its own, which names nothing
    text = (
        "Parmi nos répondants, 58 % ont un diplôme universitaire et 35 % font vivre un autre "
        "foyer que le leur."
    )
    found = _indicators(resources, text, "fr")
    assert found["58 %"] == PLO.ShareWithDegreeAboveBac2
    assert found["35 %"] == PLO.UnspecifiedShare


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Appen et Sama ont licencié 30 % de leurs effectifs en 2023.", "fr", 30),
        ("Les revenus de Fiverr et d'Upwork ont baissé de 14 % en 2023.", "fr", 14),
        ("Fiverr and Upwork take 20 % of fees.", "en", 20),
        ("Fiverr et Upwork prélèvent 20 % de commission sur chaque mission.", "fr", 20),
    ],
)
def test_a_figure_of_coordinated_subjects_holds_for_each(
    resources: Resources, text: str, lang: str, value: int
) -> None:
    found = [o for o in observations(resources, text, lang) if o.value == value]
    names = sorted(o.organisation.key for o in found if o.organisation is not None)
    assert len(names) == len(found) == 2 and names[0] != names[1]
    first, second = found
    # the same figure, read once: only its subject differs
    assert replace(second, organisation=first.organisation) == first


def test_coordinated_people_each_have_the_figure(resources: Resources) -> None:
    text = "Mary Jones and Ann Smith earn 3 dollars an hour on Remotasks."
    found = observations(resources, text, "en")
    assert len(found) == 2
    subjects = [o.person or o.organisation for o in found]
    assert sorted(s.key for s in subjects if s is not None) == ["Ann Smith", "Mary Jones"]


@pytest.mark.parametrize(
    "text",
    [
        # a list after a preposition is who the subject works or pays for, not a subject
        "Appen, qui travaille pour Google et Meta, a licencié 40 % de ses effectifs en 2023.",
        "Appen a licencié 40 % de ses effectifs pour Google et Meta en 2023.",
        "Upwork verse 2 000 dollars par mois à Fiverr et Appen.",
    ],
)
def test_a_list_that_is_not_the_subject_gives_one_figure(resources: Resources, text: str) -> None:
    (found,) = observations(resources, text)
    assert found.organisation is not None
    assert found.organisation.key in ("Appen", "Upwork")


@pytest.mark.parametrize(
    ("text", "lang", "wanted"),
    [
        # a salary with no period is monthly in French and yearly in English, as each press
        # quotes salaries; a per-unit said wins
        (
            "Le salaire moyen d'un annotateur est de 300 euros.",
            "fr",
            {"300 euros": "MonthlyIncome"},
        ),
        (
            "The average salary of a content moderator is 120,000 USD.",
            "en",
            {"120,000 USD": "AnnualIncome"},
        ),
        ("Son salaire est de 2 dollars de l'heure.", "fr", {"2 dollars de l'heure": "HourlyPay"}),
        # the subject of the verb governing both amounts names the second too, past the first
        # (the window of the second starts after the first)
        (
            "Les salaires oscillent entre 300 000 ariary (60 euros) et 500 000 ariary (100 euros).",
            "fr",
            {
                "entre 300 000 ariary (60 euros) et 500 000 ariary": "MonthlyIncome",
                "100 euros": "MonthlyIncome",
            },
        ),
        (
            "The annual salary of moderators is less than 30,000 USD whereas the average salary "
            "of an engineer is 240,000 USD.",
            "en",
            {"less than 30,000 USD": "AnnualIncome", "240,000 USD": "AnnualIncome"},
        ),
        # an income's or a salary's rise or fall is an income change, a company's a revenue
        # change; a share of an income is no change
        (
            "Les revenus des traducteurs indépendants ont chuté de 29,7 % en 2023.",
            "fr",
            {"29,7 %": "IncomeChange"},
        ),
        ("Les salaires des modérateurs ont baissé de 10 %.", "fr", {"10 %": "IncomeChange"}),
        (
            "About 30% of their income comes from platforms.",
            "en",
            {"About 30%": "UnspecifiedShare"},
        ),
        # general indicators of the field: an intermediary's commission, unemployment, the
        # value of a contract, staff, a market capitalisation
        (
            "Amazon prélève une commission comprise entre 20 et 40 % sur chaque tâche.",
            "fr",
            {"entre 20 et 40 %": "CommissionRate"},
        ),
        (
            "Des intermédiaires prélèvent jusqu'à 30 % des gains des travailleurs.",
            "fr",
            {"jusqu'à 30 %": "CommissionRate"},
        ),
        ("In Nepal, 40% of young people are unemployed.", "en", {"40%": "UnemploymentRate"}),
        (
            "Le contrat conclu entre cette société et Le Monde est de 20 000 euros.",
            "fr",
            {"20 000 euros": "ContractValue"},
        ),
        (
            "The firm runs the centre along with 80 staff members.",
            "en",
            {"80": "NumberOfEmployees"},
        ),
        (
            "Appen's market capitalisation is now under $400 million.",
            "en",
            {"under $400 million": "CompanyValuation"},
        ),
    ],
)
def test_what_an_amount_or_a_share_measures_comes_from_its_frame(
    resources: Resources, text: str, lang: str, wanted: dict[str, str]
) -> None:
    found = _indicators(resources, text, lang)
    assert {k: found.get(k) for k in wanted} == {k: getattr(PLO, v) for k, v in wanted.items()}


@pytest.mark.parametrize(
    ("text", "lang", "wanted"),
    [
        # people who do work, as the subject of its clause, are workers
        (
            "Over 30,000 people from rural India have completed three million tasks.",
            "en",
            "NumberOfWorkers",
        ),
        (
            "More than two million Filipinos are engaged in crowdwork to feed AI models.",
            "en",
            "NumberOfWorkers",
        ),
        (
            "More than 120,000 people in West Africa now do this kind of data work.",
            "en",
            "NumberOfWorkers",
        ),
        # people the clause only mentions, or who do something else, stay a count of people
        ("Nairobi has 4 million people and many platforms.", "en", "UnspecifiedCount"),
        ("Quatre-vingts personnes fixent leur écran en silence.", "fr", "UnspecifiedCount"),
    ],
)
def test_people_doing_work_are_counted_as_workers(
    resources: Resources, text: str, lang: str, wanted: str
) -> None:
    persons = [o for o in observations(resources, text, lang) if o.unit == "persons"]
    assert [o.indicator for o in persons] == [getattr(PLO, wanted)]


def test_a_frame_naming_two_indicators_names_none() -> None:
    # a wrong indicator is worse than none: where the noun the parse ties to a figure holds
    # cues of two indicators that fit its unit, the frame says nothing
    from labourgraph.extract.claims import _frame_indicator
    from labourgraph.extract.cues import CueHit
    from labourgraph.extract.frames import frame_of
    from labourgraph.extract.lexicon import Entry

    text = "Le salaire moyen atteint 300 euros."
    doc = nlp.analyse([text], "fr")[0]
    tokens = list(doc)
    start = text.index("300")
    frame = frame_of(tokens, [t.idx for t in tokens], start, start + len("300 euros"))
    assert frame is not None and frame.subject is not None

    def hit(word: str, iri: URIRef) -> CueHit:
        at = text.index(word)
        return CueHit(at, at + len(word), Entry(word, "Indicator", (word,), "indicator", iri))

    salary = hit("salaire", PLO.MonthlyIncome)
    valuation = hit("moyen", PLO.CompanyValuation)  # a second amount cue in the same noun group
    share = hit("moyen", PLO.ShareOfWomen)  # no amount: it does not compete
    assert _frame_indicator([salary, share], frame, "EUR") == PLO.MonthlyIncome
    assert _frame_indicator([salary, valuation], frame, "EUR") is None
    assert _frame_indicator([salary], frame, "percent") == PLO.IncomeChange  # its change
    assert _frame_indicator([salary], frame, "persons") is None  # a salary counts nobody


@pytest.mark.parametrize(
    ("text", "lang", "wanted"),
    [
        ("Workers on a six-month contract earn 300 dollars a month.", "en", "MonthlyIncome"),
        ("The contract pays 2 dollars per hour.", "en", "HourlyPay"),
        ("Sama won a contract worth 3.9 million dollars.", "en", "ContractValue"),
    ],
)
def test_a_per_unit_makes_an_amount_near_a_contract_pay(
    resources: Resources, text: str, lang: str, wanted: str
) -> None:
    # a contract's value is a lump sum: an amount per hour or per month is pay ("a six-month
    # contract" is a span of time of its own)
    found = set(_indicators(resources, text, lang).values()) - {PLO.UnspecifiedDuration}
    assert found == {getattr(PLO, wanted)}


def test_a_figure_only_a_person_has_is_the_portraits_witness(resources: Resources) -> None:
    text = (
        "Mialy rentre du travail à Antananarivo. Elle annote des images depuis deux ans. "
        "Le travail de Mialy est chronométré. Les bons jours, elle dépasse les 600 images traitées."
    )
    tenure, output = observations(resources, text)
    assert (tenure.value, tenure.unit) == (Decimal(2), "years")  # "depuis deux ans"
    assert output.indicator == PLO.WorkOutput
    assert output.person is not None and output.person.key == "Mialy"
    text = (
        "Daniel, who lives in Accra, lost his job in March. Daniel now works from home. "
        "Despite promises of 40 hours a week, he got far less."
    )
    (hours,) = observations(resources, text, "en")
    assert hours.indicator == PLO.WeeklyWorkingHours
    assert hours.person is not None and hours.person.key == "Daniel"
    # a name read once is no witness a later figure is about
    text = "Daniel lives in Accra. The report says that 40 hours a week are the norm."
    (hours,) = observations(resources, text, "en")
    assert hours.person is None


@pytest.mark.parametrize(
    ("text", "population"),
    [
        ("Workers using Clickworker earn a median wage of $3.10 an hour.", "Clickworker"),
        ("Remotasks pays its taskers less than a dollar an hour.", "Remotasks workers"),
    ],
)
def test_a_wage_a_platform_pays_is_its_workers(
    resources: Resources, text: str, population: str
) -> None:
    (pay,) = observations(resources, text, "en")
    assert pay.indicator == PLO.HourlyPay
    assert pay.organisation is None
    assert pay.population is not None and pay.population.startswith(population)


def test_a_count_standing_for_the_noun_before_it_counts_the_same_thing(
    resources: Resources,
) -> None:
    """Seed 003: "Maintenant, je peux produire cinq articles par jour ; avant, c'était
    seulement trois": three articles a day, the unit and per-unit of the figure before."""
    text = (
        "Maintenant, la rédactrice peut produire cinq articles par jour ; avant, c'était "
        "seulement trois, explique-t-elle."
    )
    got = [(figure(text, o), o.value, o.unit, o.per_unit) for o in observations(resources, text)]
    assert got == [
        ("cinq", Decimal(5), "articles", "day"),
        ("trois", Decimal(3), "articles", "day"),
    ]
    # with no figure before it in its sentence, the word counts nothing
    assert observations(resources, "Avant, c'était seulement trois, explique-t-elle.") == []


def test_a_quoted_i_is_the_speaker_and_a_borrowed_count_is_theirs_too(
    resources: Resources,
) -> None:
    """Seed 003: Alvarado's «je peux produire cinq articles par jour ; avant, c'était
    seulement trois»: both counts are hers; "je" outside quotation marks is the author's."""
    quoted = (
        "Nadia Rakoto, rédactrice à Tananarive, a pris un abonnement. « Maintenant, je peux "
        "produire cinq articles par jour ; avant, c'était seulement trois », explique-t-elle."
    )
    got = [(figure(quoted, o), o.person.key if o.person else None)
           for o in observations(resources, quoted)]  # fmt: skip
    assert got == [("cinq", "Nadia Rakoto"), ("trois", "Nadia Rakoto")]
    unquoted = quoted.replace("« ", "").replace(" »", "")
    assert [o.person for o in observations(resources, unquoted)] == [None, None]


def test_an_adverb_after_an_amount_or_its_equivalent_says_what_it_is_earned_over(
    resources: Resources,
) -> None:
    text = "Lena Moura earns about R$ 1,400 ($250) monthly; Tom Aba makes $300 weekly."
    got = [(o.value, o.unit, o.per_unit) for o in observations(resources, text, "en")]
    assert got == [(1400, "BRL", "month"), (250, "USD", "month"), (300, "USD", "week")]


def test_a_share_of_what_an_organisation_has_is_that_organisations(resources: Resources) -> None:
    text = (
        "Zorbly représentait environ un tiers des revenus d’Appen. "
        "Cinq clients ont représenté 80 % du chiffre d'affaires de Teleperformance."
    )
    got = [
        (o.value, o.indicator, o.organisation and o.organisation.key, o.population)
        for o in observations(resources, text)
        if o.unit == "percent"
    ]
    assert got == [
        (Decimal("33.3"), PLO.ShareOfRevenue, "Appen", None),
        (80, PLO.ShareOfRevenue, "Teleperformance", None),
    ]


def test_a_companys_revenue_and_the_change_said_after_it(resources: Resources) -> None:
    text = (
        "Appen a perdu des clients, et l’entreprise a vu partir ses dirigeants. "
        "Les revenus ont chuté de 30 % en 2023, après une baisse de 13 % un an plus tôt."
    )
    got = [
        (o.value, o.indicator, o.direction, o.organisation and o.organisation.key)
        for o in observations(resources, text)
    ]
    assert got == [
        (30, PLO.RevenueChange, "Decrease", "Appen"),
        (13, PLO.RevenueChange, "Decrease", "Appen"),
    ]
    # a worker's income, in a passage that speaks of no company, stays an income change
    text = "Mariam annote des images. Ses revenus ont chuté de 30 % en 2023."
    (obs,) = observations(resources, text)
    assert obs.indicator == PLO.IncomeChange and obs.organisation is None


def test_the_pay_of_a_kind_of_worker_is_that_kinds(resources: Resources) -> None:
    text = (
        "Le salaire d’un ingénieur en intelligence artificielle, dans la région de Lyon, est "
        "autour de 135K$ et celui d’un ingénieur spécialisé en Machine learning de 170K€."
    )
    got = [(o.value, o.population) for o in observations(resources, text)]
    assert got == [
        (135000, "ingénieur en intelligence artificielle"),
        (170000, "ingénieur spécialisé en Machine learning"),
    ]
    text = "The average salary of a full-time Zorbly worker is 240,000 USD."
    (obs,) = observations(resources, text, "en")
    assert (obs.population, obs.organisation) == ("full-time Zorbly worker", None)
    # a named person's pay, or the pay of no kind of people, is not
    (obs,) = observations(resources, "The salary of a Zorbly executive is $2 million.", "en")
    assert obs.population is None


def test_she_who_earned_and_an_opening_clause_of_pay(resources: Resources) -> None:
    text = (
        "Michelle Muñoz left dentistry for microwork. She tells the BBC of a good day when "
        "she earned about $80."
    )
    (obs,) = observations(resources, text, "en")
    assert obs.person is not None and obs.person.key == "Michelle Muñoz"
    text = "In Tilonia, Ramola Devi teaches a computer. Earning $5 an hour, Ramola Devi smiles."
    (obs,) = observations(resources, text, "en")
    assert obs.person is not None and obs.person.key == "Ramola Devi"
    # "elle" may be a company: a French "elle" with an amount that is no pay names no one
    (obs,) = observations(
        resources, "Zorbly a été fondée en 2019. Elle a levé 100 millions de dollars."
    )
    assert obs.person is None


def test_a_count_of_people_is_about_the_people_it_counts(resources: Resources) -> None:
    """Whatever noun counts them ("shoppers", "contractors", "jeunes"), not only the worker
    nouns of the ontology's populations; a count of an organisation's members or posts is the
    organisation's, and such a count's people are not carried to the figures after it."""
    text = "More than 200 shoppers implored Instacart CEO Apoorva Mehta to act."
    (count,) = observations(resources, text, "en")
    assert count.population == "shoppers" and count.organisation is None
    text = "Four contractors from Aligner told the paper they reviewed chats."
    assert [o.population for o in observations(resources, text, "en")] == ["contractors"]
    (members,) = observations(resources, "In just one week, 339 members joined the DLA.", "en")
    assert members.population is None
    text = "Le site compte 40 emplois à Nairobi."
    assert [o.population for o in observations(resources, text)] == [None]
    text = (
        "Plus de 150 jeunes sont assis derrière des écrans à Kampala. "
        "Le chiffre d'affaires a progressé de 12 % en 2023."
    )
    young, share = observations(resources, text)
    assert young.population is not None and young.population.startswith("jeunes")
    assert share.population is None
    # people said to be on or in an organisation are its own: "Mechanical Turk has 500,000"
    text = "C'est l'un des 500k travailleurs signalés sur Mechanical Turk."
    (workers,) = observations(resources, text)
    assert workers.population is None
    assert workers.organisation is not None and workers.organisation.key == "Amazon Mechanical Turk"
    text = "iMerit, a data firm, is in Kolkata. She is one of its 1100 analysts in the company."
    (analysts,) = observations(resources, text, "en")
    assert analysts.organisation is not None and analysts.organisation.key == "iMerit"


def test_a_share_in_brackets_after_a_place_holds_for_that_place(resources: Resources) -> None:
    text = "Ils sont surtout aux États-Unis (29 %), en Inde (8 %) et au Royaume-Uni (5 %)."
    assert [o.area.key if o.area else None for o in observations(resources, text)] == [
        "United States",
        "India",
        "United Kingdom",
    ]


def test_the_years_a_person_spent_at_the_work_are_their_tenure(resources: Resources) -> None:
    text = "For more than two years, Li Zilles has relied on transcription service Rev."
    (tenure,) = observations(resources, text, "en")
    assert (tenure.value, tenure.unit, tenure.indicator) == (
        Decimal(2),
        "years",
        PLO.YearsOfTenure,
    )
    # a firm's years are no one's tenure
    text = "Telus International has been operating in Romania for 15 years."
    (years,) = observations(resources, text, "en")
    assert years.indicator == PLO.UnspecifiedDuration


def test_a_share_above_the_whole_is_a_rise_and_a_piece_paid_is_a_task(resources: Resources) -> None:
    """Two figures of real texts that broke the shapes: "+ 300 %" stored as a share, a pay rate
    "par image" with a per-unit outside the ontology's."""
    found = observations(resources, "Une explosion des missions proposées (+ 300 % en deux ans).")
    assert [o.direction for o in found if o.unit == "percent"] == ["Increase"]
    text = "Adobe payait les créateurs entre six et 16 cents par image statique."
    assert {o.per_unit for o in observations(resources, text)} == {"task"}
    text = "Writers in Nairobi are paid $3 per page."
    assert {o.per_unit for o in observations(resources, text, "en")} == {"task"}


@pytest.mark.parametrize(
    ("text", "lang", "company"),
    [
        ("Google invested $300 million in rival Scale AI last year.", "en", "Scale AI"),
        ("Amazon a investi 4 milliards de dollars dans la start-up Anthropic.", "fr", "Anthropic"),
    ],
)
def test_an_amount_invested_in_a_firm_is_the_funding_it_raised(
    resources: Resources, text: str, lang: str, company: str
) -> None:
    (amount,) = observations(resources, text, lang)
    assert amount.indicator == PLO.FundingRaised
    assert amount.organisation is not None and amount.organisation.key == company
    assert amount.population is None and amount.person is None


def test_an_amount_invested_in_no_firm_stays_the_investors(resources: Resources) -> None:
    text = "TikTok expects to invest $2 billion globally in trust and safety this year."
    (amount,) = observations(resources, text, "en")
    assert amount.indicator != PLO.FundingRaised
    assert amount.organisation is not None and amount.organisation.key == "TikTok"


@pytest.mark.parametrize(
    ("text", "lang", "employer"),
    [
        (
            "Teleperformance opened an office in Chennai. The company continues to employ about "
            "2,000 people in the country.",
            "en",
            "Teleperformance",
        ),
        ("Meta a publié ses chiffres. Le réseau social emploie 15 000 modérateurs.", "fr", "Meta"),
    ],
)
def test_the_people_an_organisation_employs_are_its_staff(
    resources: Resources, text: str, lang: str, employer: str
) -> None:
    (count,) = observations(resources, text, lang)
    assert count.indicator == PLO.NumberOfEmployees
    assert count.organisation is not None and count.organisation.key == employer
    assert count.population is None


def test_users_are_a_platforms_not_workers_nor_a_public_bodys(resources: Resources) -> None:
    text = (
        "Meta a publié son rapport. Il y a moins de 300 modérateurs pour 30 millions "
        "d'utilisateurs espagnols, et 50 millions d'utilisateurs au sein de l'Union européenne."
    )
    users = [o for o in observations(resources, text) if o.indicator == PLO.NumberOfUsers]
    assert len(users) == 2
    for count in users:
        assert count.population is None
        assert count.organisation is not None and count.organisation.key == "Meta"


@pytest.mark.parametrize(
    ("text", "lang", "country"),
    [
        (
            "The report covers Egypt. Our survey of over 600 Egyptian platform workers was long.",
            "en",
            "Egypt",
        ),
        (
            "L'Inde forme des ingénieurs. Près de 700 ingénieurs indiens travaillaient là.",
            "fr",
            "India",
        ),
        (
            # the country as the text writes it: "allemands" is not the start of "Germany"
            "Près de 500 modérateurs allemands travaillent à distance. L'Allemagne les protège.",
            "fr",
            "Germany",
        ),
    ],
)
def test_a_peoples_adjective_places_a_figure_in_the_country_the_text_names(
    resources: Resources, text: str, lang: str, country: str
) -> None:
    (count,) = observations(resources, text, lang)
    assert count.area is not None and count.area.key == country


@pytest.mark.parametrize(
    "text",
    [
        # a currency's adjective says what money, not where
        "Appen is listed in Australia. Its shares trade at about 28 Australian cents.",
        # a people named by a capitalised plural is a subject, not a place
        "Karya works in India. It pays Indians approximately $5 per hour.",
        # other people, after a comma
        "Meta works in Kenya. The firm cut 25% of its staff, Kenyan moderators said.",
        # the start of a name
        "Appen is listed in Australia. Its value fell 99% on the Australian Securities Exchange.",
    ],
)
def test_a_peoples_adjective_that_says_something_else_places_nothing(
    resources: Resources, text: str
) -> None:
    (figure_,) = observations(resources, text, "en")
    assert figure_.area is None


def test_a_language_named_like_a_people_places_nothing(resources: Resources) -> None:
    text = "Pour l'allemand, 81 modérateurs travaillent à distance. L'Allemagne les protège."
    (count,) = observations(resources, text)
    assert count.area is None


def test_an_organisations_savings_are_no_price_and_their_conversion_is_the_same_figure(
    resources: Resources,
) -> None:
    text = "Teleperformance expects annual cost savings of over $325 million (€221 million)."
    dollars, euros = observations(resources, text, "en")
    assert (dollars.indicator, euros.indicator) == (PLO.CostSavings, PLO.CostSavings)
    assert not dollars.is_price
    for amount in (dollars, euros):
        assert amount.organisation is not None and amount.organisation.key == "Teleperformance"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Teleperformance has announced plans to cut 6,000 jobs across its operations.", "en"),
        ("Teleperformance vient d'annoncer la suppression de 250 postes.", "fr"),
        ("Teleperformance a supprimé 4 400 emplois de prestataires.", "fr"),
    ],
)
def test_jobs_cut_are_workers_dismissed(resources: Resources, text: str, lang: str) -> None:
    (count,) = observations(resources, text, lang)
    assert count.indicator == PLO.NumberOfWorkersDismissed


def test_workers_cut_off_from_employment_are_not_dismissed(resources: Resources) -> None:
    text = "Teleperformance closed its office; most of its roughly 1,500 workers were cut off."
    (count,) = observations(resources, text, "en")
    assert count.indicator == PLO.NumberOfEmployees


def test_an_organisations_own_amount_is_not_a_persons_named_before(
    resources: Resources,
) -> None:
    text = "Nat Friedman a investi. Scale AI avait déjà levé environ 600 millions de dollars."
    (raised,) = observations(resources, text)
    assert raised.indicator == PLO.FundingRaised
    assert raised.organisation is not None and raised.organisation.key == "Scale AI"
    assert raised.person is None


@pytest.mark.parametrize(
    ("text", "indicator", "organisation"),
    [
        (
            "Twitter a changé de patron. Après avoir mis à pied 50 % des salariés de "
            "l'entreprise, il recrute.",
            PLO.ShareOfJobsCut,
            "Twitter",
        ),
        (
            "Facebook embauche. Le géant des réseaux sociaux comptait déjà 4.500 employés "
            "assignés à la modération.",
            PLO.NumberOfEmployees,
            "Facebook",
        ),
    ],
)
def test_a_description_names_whose_staff_a_figure_counts(
    resources: Resources, text: str, indicator: URIRef, organisation: str
) -> None:
    (figure_,) = observations(resources, text)
    assert figure_.indicator == indicator
    assert figure_.organisation is not None and figure_.organisation.key == organisation
    assert figure_.population is None


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Remotasks belongs to the $7 billion San Francisco startup Scale AI.", "Scale AI"),
        ("Teleperformance bought the $2 billion data labeling company Appen.", "Appen"),
    ],
)
def test_an_amount_before_a_firm_and_its_kind_is_what_the_firm_is_worth(
    resources: Resources, text: str, firm: str
) -> None:
    (amount,) = observations(resources, text, "en")
    assert amount.indicator == PLO.CompanyValuation
    assert amount.organisation is not None and amount.organisation.key == firm


def test_an_amount_paid_to_a_firm_is_not_its_worth(resources: Resources) -> None:
    (amount,) = observations(resources, "Meta paid $5 million to the company Sama.", "en")
    assert amount.indicator != PLO.CompanyValuation


@pytest.mark.parametrize(
    ("text", "lang", "indicator"),
    [
        ("Scale AI, which received a $14 billion investment from Meta, grew.", "en",
         PLO.FundingRaised),
        ("Teleperformance, cotée en bourse depuis 2021, vaut près de 9 milliards de dollars.",
         "fr", PLO.CompanyValuation),
    ],
)  # fmt: skip
def test_what_a_firm_received_or_is_worth(
    resources: Resources, text: str, lang: str, indicator: URIRef
) -> None:
    (amount,) = observations(resources, text, lang)
    assert amount.indicator == indicator


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Amazon opened an office in Bucharest. Moderators there work nine hour shifts.", "en"),
        ("Les modérateurs ont une pause de 30 minutes.", "fr"),
    ],
)
def test_a_span_of_time_is_the_workers_its_sentence_names(
    resources: Resources, text: str, lang: str
) -> None:
    (span,) = observations(resources, text, lang)
    assert span.population is not None


def test_a_figure_said_twice_is_one_figure_with_the_indicator_one_statement_names(
    resources: Resources,
) -> None:
    text = (
        "Selon l'étude, 260 000 microtravailleurs effectueraient ces tâches en France. "
        "La plupart des 260 000 microtravailleurs sont des occasionnels."
    )
    first, second = observations(resources, text)
    assert second.indicator == PLO.OccasionalWorkers
    assert first.indicator == PLO.OccasionalWorkers
    # a small number said twice may be two figures: left alone
    text = "Deux modérateurs ont parlé. Plus tard, 2 modérateurs occasionnels ont témoigné."
    first, _ = observations(resources, text)
    assert first.indicator != PLO.OccasionalWorkers
