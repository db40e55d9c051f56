"""`labourgraph.extract.discourse`: a definite description names the last organisation of a
compatible class mentioned before it, with the head nouns taken from the ontology's labels."""

from __future__ import annotations

from dataclasses import replace

import pytest

from labourgraph.extract import nlp
from labourgraph.extract.discourse import (
    described_organisation,
    find_descriptions,
    with_protagonists,
)
from labourgraph.extract.mentions import Mention
from labourgraph.extract.nlp import tokens_of


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


def test_a_description_names_an_organisation_of_no_known_kind_after_any_of_its_kind() -> None:
    # "Builder.ai … la société": an organisation the rules could not type is the company the
    # description says it is, unless a company of a known kind was named since
    text = "Zentro.ai a fait faillite. La société n'aurait généré que 55 millions de dollars."
    mentions = [org(text, "Zentro.ai", "Organisation")]
    found = described_organisation(text, mentions, text.index("La société"), len(text))
    assert found is not None and found.key == "Zentro.ai"
    text = "Zentro.ai vendait ses services à Google. La société a perdu 14 %."
    mentions = [org(text, "Zentro.ai", "Organisation"), org(text, "Google", "Company")]
    found = described_organisation(text, mentions, text.index("La société"), len(text))
    assert found is not None and found.key == "Google"
    text = "Zentro.ai a fait faillite. La plateforme a perdu 14 %."
    mentions = [org(text, "Zentro.ai", "Organisation"), org(text, "Zentro.ai", "Organisation")]
    found = described_organisation(text, mentions, text.index("La plateforme"), len(text))
    assert found is not None and found.key == "Zentro.ai"


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


def _people(text: str, lang: str) -> list[Mention]:
    doc = nlp.analyse([text], lang)[0]
    return [m for m in with_protagonists(tokens_of(doc), text, []) if m.kind == "person"]


def test_a_witness_named_by_a_first_name_is_followed_through_the_text() -> None:
    text = (
        "Daniel, who lives in Accra, lost his job in March. Daniel now works from home. "
        "Despite promises of 40 hours a week, he got far less."
    )
    found = _people(text, "en")
    assert [(m.key, text[m.start : m.end]) for m in found] == [("Daniel", "Daniel")] * 2
    assert [m.start for m in found] == [0, text.index("Daniel now")]


def test_a_first_name_written_once_is_no_one_followed() -> None:
    assert _people("Daniel, who lives in Accra, lost his job in March.", "en") == []


def test_a_name_of_the_lexicon_or_a_longer_name_is_not_a_first_name() -> None:
    text = "Daniel Mensah lost his job. Daniel now works from home, and he earns little."
    doc = nlp.analyse([text], "en")[0]
    full = Mention(0, 13, "Daniel Mensah", "Worker", "person", "ner", 0.8)
    assert with_protagonists(tokens_of(doc), text, [full]) == [full]


def test_an_organisation_the_recogniser_guessed_becomes_the_person_it_is() -> None:
    text = (
        "Daniel, who lives in Accra, lost his job in March. Daniel now works from home. "
        "Despite promises of 40 hours a week, he got far less."
    )
    doc = nlp.analyse([text], "en")[0]
    start = text.index("Daniel now")
    guess = Mention(start, start + 6, "Daniel", "Organisation", "organisation", "ner", 0.6)
    found = with_protagonists(tokens_of(doc), text, [guess])
    assert [(m.kind, m.start) for m in found] == [("person", 0), ("person", start)]
    # one the lexicon knows stays what it is
    known = replace(guess, method="lexicon")
    assert with_protagonists(tokens_of(doc), text, [known]) == [known]


def test_a_name_labelled_a_person_once_and_taken_up_twice_is_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The small English model labels "Lílian" a nationality, a work of art and a person in
    one portrait, where "she" takes her up twice: she is followed; labels that never say a
    person, or a pronoun once, are not enough."""
    from types import SimpleNamespace

    from labourgraph.extract import discourse

    def tokens(*labels: str) -> list[SimpleNamespace]:
        return [SimpleNamespace(ent_type_=label, taken=i < 2) for i, label in enumerate(labels)]

    monkeypatch.setattr(discourse, "_followed_by_pronoun", lambda token: token.taken)
    assert discourse._is_person(tokens("NORP", "PERSON", "WORK_OF_ART"), guessed=False)
    assert discourse._is_person(tokens("NORP", "PERSON", "ORG"), guessed=True)
    assert not discourse._is_person(tokens("NORP", "GPE", "ORG"), guessed=False)
    monkeypatch.setattr(discourse, "_followed_by_pronoun", lambda token: False)
    assert not discourse._is_person(tokens("NORP", "PERSON", "WORK_OF_ART"), guessed=False)


def test_a_person_named_in_full_is_followed_by_a_first_or_last_name_alone() -> None:
    from labourgraph.extract.discourse import with_short_names

    text = "Michelle Muñoz left dentistry. Michelle says it pays; Muñoz agrees."
    full = Mention(0, 14, "Michelle Muñoz", "Worker", "person", "ner", 0.8)
    found = [(m.key, text[m.start : m.end]) for m in with_short_names(text, [full])]
    assert found == [
        ("Michelle Muñoz", "Michelle Muñoz"),
        ("Michelle Muñoz", "Michelle"),
        ("Michelle Muñoz", "Muñoz"),
    ]
    # two people with one first name leave it to no one; a place's word is no one's name
    text += " Michelle Obama agrees too."
    other = Mention(text.index("Michelle Obama"), text.index(" agrees too"), "Michelle Obama",
                    "Person", "person", "ner", 0.8)  # fmt: skip
    place = Mention(0, 0, "Muñoz", "City", "place", "ner", 0.5)
    assert with_short_names(text, [full, other, place]) == [full, other, place]
