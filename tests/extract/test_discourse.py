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
