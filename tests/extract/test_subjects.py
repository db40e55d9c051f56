"""`labourgraph.extract.subjects` and whose figure `claims` says it is: the subject of the
clause's verb, a subject pronoun, the people a share is of, a survey's respondents (all
sentences here are written for the tests)."""

from __future__ import annotations

import pytest

from labourgraph.extract import nlp
from labourgraph.extract.claims import Observation
from labourgraph.extract.document import Resources, extract
from labourgraph.extract.nlp import tokens_of
from labourgraph.extract.subjects import (
    clause_subject_group,
    is_people,
    noun_group_after,
    people_counted,
)


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


def observations(resources: Resources, text: str, lang: str) -> list[Observation]:
    doc = nlp.analyse([text], lang)[0]
    return extract("test", doc, lang, resources).observations


def _group(text: str, figure: str, lang: str = "en") -> str | None:
    tokens = tokens_of(nlp.analyse([text], lang)[0])
    found = clause_subject_group(tokens, [t.idx for t in tokens], 0, text.index(figure), [])
    return found[0] if found else None


def test_the_plural_subject_of_the_verb_governing_a_figure() -> None:
    text = "On Zorbly, translators earn $40 per hour and illustrators fetch up to $90."
    assert _group(text, "$40") == "translators"
    assert _group(text, "up to $90") == "illustrators"
    assert _group("Kenyan cleaners paid less than $3 an hour", "less than") == "Kenyan cleaners"


def test_no_group_where_no_plural_noun_is_the_verbs_subject() -> None:
    assert _group("The company pays $40 per hour.", "$40") is None  # singular
    # the noun group is the complement of a preposition, not the subject
    assert _group("Les salaires des chauffeurs atteignent 900 euros.", "900", "fr") is None
    # names of organisations and cues (`taken`) are never a group
    text = "Tutors earn $40 per hour."
    tokens = tokens_of(nlp.analyse([text], "en")[0])
    starts = [t.idx for t in tokens]
    assert clause_subject_group(tokens, starts, 0, text.index("$40"), [(0, 6)]) is None


def test_a_demonym_names_people() -> None:
    text = "Kenyan cleaners paid less than $3 an hour"
    tokens = tokens_of(nlp.analyse([text], "en")[0])
    starts = [t.idx for t in tokens]
    group = clause_subject_group(tokens, starts, 0, text.index("less"), [])
    assert group is not None and is_people(group, tokens, starts)
    group = ("tables", 0, 6)
    assert not is_people(group, tokens_of(nlp.analyse(["tables"], "en")[0]), [0])


def test_the_noun_group_a_count_counts() -> None:
    text = "Zorbly polled 4,000 of its Spanish-speaking annotators last year."
    tokens = tokens_of(nlp.analyse([text], "en")[0])
    start = text.index("4,000") + len("4,000")
    found = noun_group_after(tokens, [t.idx for t in tokens], start, len(text))
    assert found == "Spanish-speaking annotators"


def test_an_occupation_earning_a_rate_is_the_figures_subject(resources: Resources) -> None:
    text = (
        "Zorbly recruits experts to grade chatbot answers. Translators earn $40 per hour, "
        "while illustrators fetch up to $90."
    )
    found = observations(resources, text, "en")
    subjects = {(o.population, o.organisation) for o in found if o.per_unit == "hour"}
    assert subjects == {("translators", None), ("illustrators", None)}


def test_what_is_paid_for_is_not_a_population(resources: Resources) -> None:
    text = "Zorbly recruits raters. Rating tasks pay between 40 and 60 cents per task."
    (pay,) = observations(resources, text, "en")
    assert pay.population is None


def test_a_plural_pronoun_stands_for_the_workers_of_the_sentence_before(
    resources: Resources,
) -> None:
    text = (
        "Pour Marta, une ancienne annotatrice, tout a changé. Zorbly a embauché des centaines "
        "de modérateurs au Pérou. Ils travaillent six jours par semaine pour un salaire "
        "mensuel de 900 soles."
    )
    found = observations(resources, text, "fr")
    days = next(o for o in found if o.per_unit == "week")
    pay = next(o for o in found if o.unit not in ("days", "years"))
    for obs in (days, pay):
        assert obs.population == "content moderators in Peru", obs
        assert obs.person is None and obs.area is not None and obs.area.key == "Peru"


def test_a_singular_pronoun_makes_a_pay_per_task_the_persons(resources: Resources) -> None:
    text = (
        "Marta Quispe se connecte à Zorbly chaque matin. Elle doit rivaliser avec des milliers "
        "d'autres travailleurs pour des tâches payées entre 3 et 9 centimes."
    )
    (pay,) = [o for o in observations(resources, text, "fr") if o.per_unit == "task"]
    assert pay.person is not None and pay.person.key == "Marta Quispe"
    assert pay.organisation is None


def test_a_share_of_the_workers_is_theirs(resources: Resources) -> None:
    text = (
        "A survey of raters in Lima was published in May. About 40 per cent of the workers "
        "reported unpaid waiting time, and a further 12 per cent said they had no contract."
    )
    first, second = observations(resources, text, "en")
    assert first.population is not None and first.population == second.population


def test_a_figure_framed_by_today_gets_an_inferred_period_not_a_stated_one(
    resources: Resources,
) -> None:
    text = "Avant 2022, Marta gagnait 500 dollars par mois. Aujourd'hui, elle gagne 320 dollars."
    doc = nlp.analyse([text], "fr")[0]
    before, now = extract("test", doc, "fr", resources, date="2024-03").observations
    assert (before.period, before.inferred_period) == ("../2022", None)
    assert (now.period, now.inferred_period) == (None, "2024-03")
    undated = extract("test", doc, "fr", resources).observations[1]
    assert undated.inferred_period is None


def test_a_singular_pronoun_gives_a_person_a_pay_not_a_sum_raised(resources: Resources) -> None:
    # the person is named beyond the few lines in which a pay is hers by nearness alone
    filler = "La ville a changé depuis longtemps et le marché aussi. " * 8
    text = "Marta Quispe a fondé Zorbly en 2019. " + filler + "Elle a levé 3 millions de dollars."
    (raised,) = observations(resources, text, "fr")
    assert raised.person is None
    text = "Marta Quispe annote des images. " + filler + "Elle gagne 3 dollars de l'heure."
    (pay,) = observations(resources, text, "fr")
    assert pay.person is not None and pay.person.key == "Marta Quispe"


def test_a_person_named_again_by_their_last_name() -> None:
    from labourgraph.extract.mentions import Mention
    from labourgraph.extract.subjects import person_named_again

    text = "Nadia Okafor moderates videos. For three years, Okafor has worked nights."
    nadia = Mention(0, 12, "Nadia Okafor", "Worker", "person", "ner", 0.7)
    second = text.index("For")
    assert person_named_again(text, [nadia], second, len(text)) == nadia
    assert person_named_again(text, [nadia], 0, second) is None  # not before being named
    text = "Nadia Okafor moderates videos. For three years, Adaeze has worked nights."
    assert person_named_again(text, [nadia], second, len(text)) is None


def _counted(text: str, figure: str, lang: str = "en") -> str | None:
    tokens = tokens_of(nlp.analyse([text], lang)[0])
    end = text.index(figure) + len(figure)
    found = people_counted(tokens, [t.idx for t in tokens], end, len(text))
    return found[0] if found else None


def test_the_people_a_count_counts_as_the_subject_of_its_clause() -> None:
    assert _counted("At least 1.2 million Kenyans are working online.", "1.2 million") == (
        "Kenyans"
    )
    assert _counted("Plus de 40 000 Vénézuéliens travaillent en ligne.", "40 000", "fr") == (
        "Vénézuéliens"
    )
    # no verb after the group: a sum of money, not people doing something
    assert _counted("The loan was 3,000 Kenyan shillings.", "3,000") is None
    # a plural noun that names no people
    assert _counted("About 300 tables were sold.", "300") is None


def test_a_demonym_is_placed_in_the_country_it_names(resources: Resources) -> None:
    text = "Kenya is a hub for online work. At least 1.2 million Kenyans are working online."
    (count,) = [o for o in observations(resources, text, "en") if o.unit == "persons"]
    assert count.population == "Kenyans"
    assert count.area is not None and count.area.key == "Kenya"


_FILLER = {
    "en": " The work consists of drawing boxes around cars, road signs and pedestrians on"
    " pictures taken in cities far away, and checking that the labels of the others are"
    " right, which takes most of the morning and a good part of the evening as well, when"
    " the connection is good enough for the pictures to load without stopping.",
    "fr": " Le travail consiste à dessiner des cadres autour des voitures, des panneaux et des"
    " piétons sur des photos prises dans des villes lointaines, et à vérifier les étiquettes"
    " des autres, ce qui prend la plus grande partie de la matinée et une bonne partie de la"
    " soirée, quand la connexion permet aux photos de se charger sans arrêt.",
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an object pronoun: the one paid
        ("Caroline Njau, 29, labels images in Nairobi.{} The company pays her $3 an hour.", "en"),
        # a possessive: the one whose pay it is
        ("Caroline Njau, 29, labels images in Nairobi.{} Her pay is $3 an hour.", "en"),
        (
            "Elina Rakoto, 29 ans, vit à Antananarivo.{} Son salaire est de 120 euros par mois.",
            "fr",
        ),
        # a French object clitic before a verb of paying
        (
            "Elina Rakoto, 29 ans, vit à Antananarivo.{} L'entreprise la paie 2 euros de l'heure.",
            "fr",
        ),
    ],
)
def test_a_pronoun_for_the_person_paid_gives_them_the_pay(
    resources: Resources, text: str, lang: str
) -> None:
    # the person is named a paragraph before the pay, out of reach of a name search
    text = text.format(_FILLER[lang])
    (pay,) = [o for o in observations(resources, text, lang) if o.per_unit is not None]
    assert pay.person is not None and pay.person.key in ("Caroline Njau", "Elina Rakoto")
    assert pay.population is None and pay.organisation is None


def test_a_share_of_what_an_organisation_has_is_the_organisations(
    resources: Resources,
) -> None:
    text = "Two clients, Google and Microsoft, account for 80 per cent of Appen's revenue."
    (share,) = [o for o in observations(resources, text, "en") if o.unit == "percent"]
    assert share.organisation is not None and share.organisation.key == "Appen"


def test_the_seat_of_a_firm_is_not_where_its_figure_holds(resources: Resources) -> None:
    text = "Many work through Zorbly, owned by the $7 billion San Francisco startup Brillant."
    (obs,) = observations(resources, text, "en")
    assert obs.value == 7_000_000_000 and obs.area is None
    text = "In Kenya, annotators earn $2 an hour."
    (obs,) = observations(resources, text, "en")
    assert obs.area is not None and obs.area.key == "Kenya"


def test_many_of_them_are_not_the_person_named_before(resources: Resources) -> None:
    text = (
        "Wilson Okafor fait partie d’un vaste réseau de travailleurs indépendants. Wilson Okafor "
        "annote des images. Beaucoup d’entre eux gagnent environ 20 dollars de l'heure."
    )
    (obs,) = observations(resources, text, "fr")
    assert obs.value == 20 and obs.person is None
    text = "Wilson Okafor annote des images. Il gagne environ 20 dollars de l'heure."
    (obs,) = observations(resources, text, "fr")
    assert obs.person is not None and obs.person.key == "Wilson Okafor"
