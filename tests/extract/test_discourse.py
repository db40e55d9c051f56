"""`labourgraph.extract.discourse`: a definite description names the last organisation of a
compatible class mentioned before it, with the head nouns taken from the ontology's labels."""

from __future__ import annotations

from labourgraph.extract.discourse import described_organisation, find_descriptions
from labourgraph.extract.mentions import Mention


def org(text: str, name: str, cls: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, cls, "organisation", "lexicon", 0.9)


def test_the_company_is_the_platform_named_before() -> None:
    text = (
        "Fuentes se connecte à Appen chaque matin. L’entreprise australienne a vu sa valeur "
        "marchande chuter de 99% entre 2020 et 2023."
    )
    mentions = [org(text, "Appen", "MicroworkPlatform")]
    start = text.index("L’entreprise")
    found = described_organisation(text, mentions, start, text.index("99%"))
    assert found is not None and found.key == "Appen"


def test_a_platform_description_skips_a_company_that_is_no_platform() -> None:
    text = "Google confie ses images à Clickworker. La plateforme paie 2 centimes par image."
    mentions = [org(text, "Google", "Company"), org(text, "Clickworker", "MicroworkPlatform")]
    found = described_organisation(text, mentions, text.index("La plateforme"), len(text))
    assert found is not None and found.key == "Clickworker"
    text = "Google confie ses images à des sous-traitants. La plateforme paie 2 centimes."
    mentions = [org(text, "Google", "Company")]
    assert described_organisation(text, mentions, text.index("La plateforme"), len(text)) is None


def test_plural_and_english_descriptions() -> None:
    assert find_descriptions("les plateformes paient peu", 0, 26) == []
    (description,) = find_descriptions("The company cut 40% of its staff", 0, 32)
    assert "Company" in description.classes and "MicroworkPlatform" in description.classes


def test_nothing_named_too_far_back() -> None:
    text = "Appen. " + "x " * 2000 + "L'entreprise a perdu 14 %."
    mentions = [org(text, "Appen", "MicroworkPlatform")]
    assert described_organisation(text, mentions, text.index("L'entreprise"), len(text)) is None


def _place(text: str, name: str, cls: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, cls, "place", "lexicon", 0.9)


def test_a_place_adjunct_names_the_last_place_of_its_class() -> None:
    from labourgraph.extract.discourse import described_place

    text = "Zorbly grandit au Pérou et en Amérique latine : 3 millions d'inscrits dans la région."
    mentions = [_place(text, "Pérou", "Country"), _place(text, "Amérique latine", "Region")]
    found = described_place(text, mentions, text.index(":"), len(text))
    assert found is not None and found.key == "Amérique latine"
    # the object of a verb is no adjunct, and "la région de Cusco" names its own place
    for sentence in ("2 millions ont quitté le pays.", "2 millions dans la région de Cusco."):
        text = "Ils vivent au Pérou, en Amérique latine. " + sentence
        mentions = [_place(text, "Pérou", "Country"), _place(text, "Amérique latine", "Region")]
        assert described_place(text, mentions, text.index(sentence), len(text)) is None


def test_subject_pronouns() -> None:
    from labourgraph.extract.discourse import subject_pronoun

    text = "Elle gagne peu ; ils travaillent la nuit"
    assert subject_pronoun(text, 0, len(text)) == (text.index("ils"), True)
    assert subject_pronoun(text, 0, text.index(";")) == (0, False)
    assert subject_pronoun("Il faut 3 heures", 0, 16) is None
