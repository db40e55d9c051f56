# ruff: noqa: E501  (test sentences stay on one line, as written)
"""Classes from the words around a name: news outlets, courts, lists, lawyers, ministers,
first names in apposition, picture credits with the agency first (the names are invented or
absent from `ontology/actors.yaml`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from labourgraph.extract.mentions import Mention

Surfaces = Callable[[str, str], dict[str, Mention]]
InOrder = Callable[[str, str], list[tuple[str, Mention]]]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("A company spokesperson told Insider in a statement that it cares for its staff.", "en", "Insider"),
        ("The company did not respond to Insider's request for comment.", "en", "Insider"),
        ("Their concerns, as the secretary told NPQ, were never heard.", "en", "NPQ"),
        ("Le chiffre a été relayé dans les médias (Le Monde, Le Figaro, BFMTV, France Inter, etc.).", "fr", "France Inter"),
        ("Le chiffre a été relayé dans les médias (Le Monde, Le Figaro, BFMTV, France Inter, etc.).", "fr", "BFMTV"),
        ("Selon les révélations du magazine américain Zeitblick, les salariés étaient surveillés.", "fr", "Zeitblick"),
    ],
)  # fmt: skip
def test_news_outlets_from_the_words_around(
    text: str, lang: str, name: str, by_surface: Surfaces
) -> None:
    assert by_surface(text, lang)[name].cls == "MediaOutlet"


def test_a_court_is_a_public_body(by_surface: Surfaces) -> None:
    en = by_surface(
        "The workers sued in the Employment and Labour Relations Court last week.", "en"
    )
    assert en["Employment and Labour Relations Court"].cls == "PublicBody"
    fr = by_surface(
        "Il a porté plainte contre l'entreprise devant la Haute Cour d'Irlande en 2019.",
        "fr",
    )
    assert fr["Haute Cour d'Irlande"].cls == "PublicBody"


def test_a_union_named_after_a_colon(by_surface: Surfaces) -> None:
    found = by_surface(
        "Their work led them to form a union: Kivuli Moderators. It is one of the first.",
        "en",
    )
    assert found["Kivuli Moderators"].cls == "Union"


def test_a_member_of_a_list_takes_the_class_of_the_others(by_surface: Surfaces) -> None:
    text = "Après une carrière au sein de grands groupes comme Cisco et Dell puis chez un autre, elle a fondé son entreprise."
    assert by_surface(text, "fr")["Dell"].cls == "Company"


def test_people_of_the_case_and_ministers(by_surface: Surfaces) -> None:
    text = ("« Ils ont été licenciés », explique Wanjiru Kamau, avocate des anciens modérateurs de contenu. "
            "Pablo Ortega Ruiz, le ministre colombien du Travail, a ouvert une enquête.")  # fmt: skip
    found = by_surface(text, "fr")
    assert found["Wanjiru Kamau"].cls == "Person"  # a lawyer, not a worker
    assert found["Pablo Ortega Ruiz"].cls == "Executive"


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Pour Carlos, un ancien modérateur de TikTok, c'est un travail épuisant.", "fr", "Carlos"),
        ("Carolina, a former TikTok moderator who worked remotely, said she had to keep her camera on.", "en", "Carolina"),
    ],
)  # fmt: skip
def test_a_first_name_with_a_role_in_apposition_is_a_worker(
    text: str, lang: str, name: str, by_surface: Surfaces
) -> None:
    found = by_surface(text, lang)
    assert found[name].key == name  # not "Pour Carlos"
    assert found[name].cls == "Worker"


def test_a_credit_with_the_agency_first_is_a_photographer(by_surface: Surfaces) -> None:
    text = "Elle travaille dans une chambre louée, le 16 janvier 2026 ( AFP / Arun SANKAR )\n\nAussi à l'aise aux champs."
    found = by_surface(text, "fr")
    assert found["Arun SANKAR"].cls == "Photographer"


def test_a_large_city_the_model_calls_a_person_is_a_city(by_surface: Surfaces) -> None:
    text = "Dans une entreprise de la capitale, New Delhi, 1500 employés sont des annotateurs."
    assert by_surface(text, "fr")["New Delhi"].cls == "City"


def test_a_surname_that_is_also_a_city_stays_a_person(by_surface: Surfaces) -> None:
    text = (
        "Ana Moreno annote des images depuis Bogotá. Moreno explique que les tâches se font rares."
    )
    found = by_surface(text, "fr")
    assert found["Moreno"].kind == "person"


def test_a_byline_of_two_authors_is_two_people(by_surface: Surfaces) -> None:
    text = "How low-paid workers power the AI industry | Élodie Marchal & Tomas Vidal\nA January 2023 investigation revealed that workers were paid less than $2 an hour."
    found = by_surface(text, "en")
    assert found["Élodie Marchal"].kind == "person"
    assert found["Tomas Vidal"].kind == "person"
    assert not [s for s in found if "&" in s]


def test_a_lone_surname_of_a_person_named_in_full_is_that_person(by_surface: Surfaces) -> None:
    text = "This is how Nathan Okafor describes the hidden side of social media.\n\nFor the past two years, Okafor has been one of the anonymous moderators."
    found = by_surface(text, "en")
    assert found["Okafor"].key == "Nathan Okafor"
    assert found["Okafor"].kind == "person"


def test_every_occurrence_of_a_lone_name_the_text_gives_a_person_is_that_person(
    in_order: InOrder,
) -> None:
    # one name, one referent in a document: the first "Tahina*" is read by no rule of its
    # own, but the later "Tahina est annotatrice" makes her a person, and so every "Tahina"
    text = (
        "Tous les matins, à Antsirabe, Tahina* allume son ordinateur portable. Diplômée en "
        "comptabilité, elle passe entre 4 et 6 heures par jour à entraîner des modèles.\n"
        "Tahina est annotatrice de données, ce qui consiste à étiqueter des images."
    )
    people = [(words, m.start) for words, m in in_order(text, "fr") if m.kind == "person"]
    assert people == [("Tahina", text.index("Tahina")), ("Tahina", text.rindex("Tahina"))]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("According to a Harbour Post article, most of these workers are paid by the task.", "Harbour Post"),
        ("The workers complained, according to a report by Quill Weekly. Scale could not be reached for comment on Quill Weekly's report.", "Quill Weekly"),
        ("Workers are paid less than a dollar an hour. [Quill Review, 2023, archive]", "Quill Review"),
        ("A screenshot he shared with ZEPHYR shows he was part of a group.", "ZEPHYR"),
    ],
)  # fmt: skip
def test_news_outlets_from_reports_articles_and_sources(
    text: str, name: str, by_surface: Surfaces
) -> None:
    assert by_surface(text, "en")[name].cls == "MediaOutlet"


def test_a_research_report_by_a_body_is_no_outlet(by_surface: Surfaces) -> None:
    found = by_surface(
        "The results will appear in a research report by the Harbour Foundation next year.", "en"
    )
    assert found["Harbour Foundation"].cls != "MediaOutlet"


def test_a_noun_after_a_kind_of_body_is_its_name(by_surface: Surfaces) -> None:
    text = "À Dublin, les sous-traitants comme les groupes Brixenta et Volmerant ont commencé à développer ce type de services."
    found = by_surface(text, "fr")
    assert found["Brixenta"].kind == "organisation"
    assert found["Volmerant"].kind == "organisation"


def test_en_before_a_name_makes_a_place(by_surface: Surfaces) -> None:
    text = "La gestion de l'attaque de Christchurch en Nouvelle Zélande vendredi 15 mars a été une catastrophe pour les modérateurs."
    assert by_surface(text, "fr")["Nouvelle Zélande"].kind == "place"


def test_a_name_with_an_acronym_is_no_person(by_surface: Surfaces) -> None:
    text = "Des travailleurs indépendants aident à former les modèles d'IA pour des entreprises comme Outlier AI et Brightlane AI."
    found = by_surface(text, "fr")
    assert found["Brightlane AI"].kind != "person"
    assert found["Outlier AI"].key == "Outlier"


def test_what_reports_is_an_outlet_even_if_the_model_saw_a_person(by_surface: Surfaces) -> None:
    text = "Le site d'information financière américain Harbour Insider a publié, lundi, une enquête sur les modérateurs."
    assert by_surface(text, "fr")["Harbour Insider"].cls == "MediaOutlet"


def test_a_known_actor_misspelt_is_that_actor(by_surface: Surfaces) -> None:
    text = "The gig workers used by Remotask, and similar platforms, said they were not paid."
    assert by_surface(text, "en")["Remotask"].key == "Remotasks"


def test_one_letter_changed_is_another_name() -> None:
    from labourgraph.extract.mentions.lexicon_hits import _one_edit_apart

    assert _one_edit_apart("remotask", "remotasks")
    assert _one_edit_apart("ubre", "uber")
    assert not _one_edit_apart("oyange", "orange")


def test_outlets_named_with_their_article_or_number_in_a_list(by_surface: Surfaces) -> None:
    text = "Parmi ses clients : BFMTV, Le Monde, Radio 7, Les Cahiers, L’Horizon, Le Pilote… et bien d’autres."
    found = by_surface(text, "fr")
    assert found["Radio 7"].cls == "MediaOutlet"
    assert found["Les Cahiers"].cls == "MediaOutlet"
    assert found["L’Horizon"].cls == "MediaOutlet"
    assert found["Le Pilote"].cls == "MediaOutlet"


def test_known_ai_systems_of_the_industry(by_surface: Surfaces) -> None:
    found = by_surface(
        "Les annotateurs entraînent Gemini, Grok et DeepSeek à paraître humains.", "fr"
    )
    assert found["Gemini"].cls == "Chatbot"
    assert found["DeepSeek"].cls == "GenerativeAIModel"


def test_a_named_web_portal_is_an_application_not_a_place(by_surface: Surfaces) -> None:
    text = (
        "Pour plus d'informations, suivre le lien vers « Orbitale », le portail des candidatures."
    )
    found = by_surface(text, "fr")["Orbitale"]
    assert (found.kind, found.cls) == ("app", "SoftwareApplication")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Workers in Osaka were given paid work from Tanzaku starting last month. Tanzaku has chalked up about ¥73 billion in orders since 2008.", "en", "Tanzaku"),
        ("À son apogée, Zentro.ai a levé plus de 450 millions de dollars.", "fr", "Zentro.ai"),
    ],
)  # fmt: skip
def test_a_name_that_acts_is_no_place(
    text: str, lang: str, name: str, by_surface: Surfaces
) -> None:
    # the small models call unknown firms places; a name doing something to something (a
    # verb with its object), or written as a web domain, is an organisation
    assert by_surface(text, lang)[name].kind == "organisation"


def test_the_short_form_of_a_firm_is_that_firm(by_surface: Surfaces) -> None:
    found = by_surface(
        "Quillon AI, a data labelling company, hired 500 workers. Last year, Quillon paid its workers less than $2 an hour.",
        "en",
    )
    assert found["Quillon"].key == found["Quillon AI"].key
    assert found["Quillon"].cls == found["Quillon AI"].cls == "DataVendor"
    # a known actor is not the short form of a longer name that starts with it
    amazon = by_surface("Amazon Mechanical Turk pays little. Amazon said nothing.", "en")
    assert amazon["Amazon"].key != amazon["Amazon Mechanical Turk"].key
