"""`labourgraph.extract.relations`: relations read sentence by sentence, with the sentence as
evidence, and the layered subcontracting chain of seed 001."""

from __future__ import annotations

from pathlib import Path

import pytest

from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.document import DocumentFacts, Resources, extract
from labourgraph.extract.relations import find_chains

SEED_001 = Path(__file__).resolve().parents[2] / "corpus" / "001_aa9ac79dc000e8e9.txt"
CHAIN_START = "une plateforme s’occupe de la contractualisation"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


def facts(resources: Resources, text: str, lang: str = "fr") -> DocumentFacts:
    doc = nlp.analyse([text.replace("’", "'")], lang)[0]
    return extract("test", doc, lang, resources)


def triples(resources: Resources, text: str, lang: str = "fr") -> set[tuple[str, str, str]]:
    found = facts(resources, text, lang)
    for relation in found.relations:
        assert 0 <= relation.start < relation.end <= len(text)
    return {
        (r.subject.key, str(r.predicate).rsplit("#", 1)[-1], r.object.key) for r in found.relations
    }


def test_worker_works_on_platform_in_one_sentence(resources: Resources) -> None:
    text = "Depuis 2021, Marta Ruiz travaille sur la plateforme Zorbly, où elle annote des images."
    found = triples(resources, text)
    assert ("Marta Ruiz", "worksOn", "Zorbly") in found
    assert ("Zorbly", "offersTaskType", "annotation task") in found


def test_worker_named_in_the_sentence_before(resources: Resources) -> None:
    text = (
        "« Je travaille depuis deux ans », raconte Oskarina Fuentes, qui vit à Medellín. "
        "Elle se connecte chaque jour à Appen pour réaliser des tâches."
    )
    result = facts(resources, text)
    works = [r for r in result.relations if r.predicate == PLO.worksOn]
    assert [(r.subject.key, r.object.key) for r in works] == [("Oskarina Fuentes", "Appen")]
    # the evidence spans both sentences: the name and the platform
    assert text[works[0].start : works[0].end].startswith("Je travaille")
    assert text[works[0].start : works[0].end].rstrip(".").endswith("des tâches")
    english = (
        "Kofi Mensah, 29, lives in Accra. "
        "Every night he logs on to Quillo, a crowdsourcing platform, to label images."
    )
    assert ("Kofi Mensah", "worksOn", "Quillo") in triples(resources, english, "en")


def test_the_evidence_of_a_relation_holds_both_ends(resources: Resources) -> None:
    text = (
        "Kofi Mensah, 29, lives in Accra. "
        "Every night he logs on to Quillo, a crowdsourcing platform, to label images."
    )
    relations = facts(resources, text, "en").relations
    assert relations
    for relation in relations:
        assert relation.start <= min(relation.subject.start, relation.object.start)
        assert max(relation.subject.end, relation.object.end) <= relation.end


def test_no_carried_worker_when_two_were_named(resources: Resources) -> None:
    text = (
        "Marta Ruiz et Carlos Pérez habitent à Lyon. "
        "Elle se connecte chaque jour à Appen pour réaliser des tâches."
    )
    assert not [t for t in triples(resources, text) if t[1] == "worksOn"]


def test_researcher_is_affiliated_with_the_university_not_the_newspaper(
    resources: Resources,
) -> None:
    text = (
        "Le sociologue Paul Martin, chercheur à l’Université de Lyon, "
        "explique au journal Le Monde que les travailleurs sont mal payés."
    )
    found = triples(resources, text)
    assert ("Paul Martin", "affiliatedWith", "Université de Lyon") in found
    assert ("Paul Martin", "affiliatedWith", "Le Monde") not in found
    journalist = "Marie Leclerc, journaliste pour Le Monde, a rencontré des travailleurs."
    assert ("Marie Leclerc", "affiliatedWith", "Le Monde") in triples(resources, journalist)


def test_english_affiliation(resources: Resources) -> None:
    text = '"The pay is too low," said Maya Lindqvist, a sociologist at Uppsala University.'
    assert ("Maya Lindqvist", "affiliatedWith", "Uppsala University") in triples(
        resources, text, "en"
    )


def test_left_for_and_lives_in(resources: Resources) -> None:
    found = triples(resources, "Carlos Pérez a quitté Cabimas pour la Colombie en 2019.")
    assert ("Carlos Pérez", "originatesFrom", "Cabimas") in found
    assert ("Carlos Pérez", "livesIn", "Colombia") in found
    assert ("Carlos Pérez", "livesIn", "Cabimas") not in found
    found = triples(resources, "Kofi Mensah, 29, lives in Accra.", "en")
    assert ("Kofi Mensah", "livesIn", "Accra") in found


def test_organisation_based_in_place(resources: Resources) -> None:
    text = "Zorbly, une plateforme de microtravail installée à Lyon, paie 3 centimes par tâche."
    assert ("Zorbly", "basedIn", "Lyon") in triples(resources, text)


def test_seed_001_chain_has_its_four_roles_in_order(resources: Resources) -> None:
    text = SEED_001.read_text(encoding="utf-8")
    analysed = text.replace("’", "'")
    offset = text.index(CHAIN_START)
    doc = nlp.analyse([analysed], "fr")[0]
    mentions = extract("001", doc, "fr", resources).mentions
    chains = [c for c in find_chains(doc, mentions) if c.start <= offset < c.end]
    assert len(chains) == 1
    (chain,) = chains
    assert [layer.role for layer in chain.layers] == [
        PLO.ContractingRole,
        PLO.ClientMatchingRole,
        PLO.PaymentRole,
        PLO.TaskExecutionRole,
    ]
    assert [layer.index for layer in chain.layers] == [1, 2, 3, 4]
    assert "de la contractualisation" in text[chain.layers[0].start : chain.layers[0].end]
    assert "met en relation" in text[chain.layers[1].start : chain.layers[1].end]
    assert "paiement" in text[chain.layers[2].start : chain.layers[2].end]
    assert "effectue" in text[chain.layers[3].start : chain.layers[3].end]
    assert all(chain.start <= layer.start < layer.end <= chain.end for layer in chain.layers)
    assert all(layer.operator is None for layer in chain.layers)  # the passage names none


def test_chain_layer_evidence_ends_on_a_word_boundary(resources: Resources) -> None:
    text = SEED_001.read_text(encoding="utf-8").replace("’", "'")
    doc = nlp.analyse([text], "fr")[0]
    chains = find_chains(doc, [])
    assert chains
    for chain in chains:
        for layer in chain.layers:
            assert not text[layer.end].isalnum(), text[layer.start : layer.end + 10]


def test_a_sentence_with_fewer_than_three_roles_is_no_chain(resources: Resources) -> None:
    text = "Une plateforme gère le paiement et une autre recrute les travailleurs."
    doc = nlp.analyse([text], "fr")[0]
    assert find_chains(doc, []) == []


def test_a_named_worker_works_for_the_organisation_of_their_role(resources: Resources) -> None:
    got = triples(resources, "Chris Gray est un ancien employé de Teleperformance à Dublin.")
    assert ("Chris Gray", "worksOn", "Teleperformance") in got


def test_a_vendor_of_a_client_is_linked_both_ways(resources: Resources) -> None:
    got = triples(resources, "Les modérateurs poursuivent Meta et le sous-traitant local, Sama.")
    assert {("Meta", "subcontractsTo", "Sama"), ("Meta", "clientOf", "Sama")} <= got
    got = triples(resources, "Majorel, un sous-traitant de TikTok, recrute à Bogotá.")
    assert {("TikTok", "subcontractsTo", "Majorel"), ("TikTok", "clientOf", "Majorel")} <= got
    assert ("Majorel", "clientOf", "TikTok") not in got


def test_a_workers_client_and_employer_make_a_chain_link(resources: Resources) -> None:
    text = "Carolina Pérez, a former TikTok moderator, worked remotely for Teleperformance."
    got = triples(resources, text, "en")
    assert ("TikTok", "clientOf", "Teleperformance") in got
    assert ("Teleperformance", "clientOf", "TikTok") not in got


def test_two_companies_with_no_work_between_them_are_not_linked(resources: Resources) -> None:
    got = triples(resources, "Meta et TikTok ont publié leurs résultats trimestriels.")
    assert not {p for _, p, _ in got} & {"clientOf", "subcontractsTo", "worksOn"}


def test_a_population_works_for_each_organisation_of_a_list(resources: Resources) -> None:
    text = "Plus de 150 modérateurs de contenu travaillant pour Meta, OpenAI et TikTok au Kenya."
    got = facts(resources, text)
    works = {(r.subject.key, r.object.key) for r in got.relations if r.subject.kind == "population"}
    assert works == {
        ("content moderators in Kenya", "Meta"),
        ("content moderators in Kenya", "OpenAI"),
        ("content moderators in Kenya", "TikTok"),
    }


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the ontology's cue vocabulary, in both languages, whatever the inflection
        ("Moderators in Colombia are paid just $10 a day.", "en", {("LowPay", "Asserted")}),
        (
            "Despite the toll on their mental health, the firm did nothing.",
            "en",
            {("PsychosocialRisk", "Asserted")},
        ),
        (
            "Il n'y a ni contrat ni protection sociale.",
            "fr",
            {("NoContract", "Asserted"), ("NoSocialProtection", "Asserted")},
        ),
        (
            "Le groupe ne versait que 10 dollars par jour aux modérateurs.",
            "fr",
            {("LowPay", "Asserted")},
        ),
        # "organisations" (bodies) is no workers' organising
        ("One in four had worked for humanitarian organisations.", "en", set()),
        # "sans avoir à migrer" denies migration
        (
            "Le travail leur offre une carrière sans avoir à migrer dans une grande ville.",
            "fr",
            {("MigrationPressure", "Denied")},
        ),
        # a heading states nothing
        ("In Search of Flexibility\n\nThe rest of the text.", "en", set()),
    ],
)
def test_statements_from_the_ontology_cues(text: str, lang: str, expected: set) -> None:
    resources = Resources()
    doc = nlp.analyse([text], lang)[0]
    facts = extract("t", doc, lang, resources)
    found = {(str(s.topic).rsplit("#", 1)[-1], s.polarity) for s in facts.statements}
    assert found == expected


def test_one_statement_per_sentence_and_topic_and_never_the_assertion_of_a_denial() -> None:
    text = (
        "L'IA ne remplace pas les travailleurs, elle prépare seulement leur remplacement par l'IA."
    )
    doc = nlp.analyse([text], "fr")[0]
    facts = extract("t", doc, "fr", Resources())
    displacement = [s for s in facts.statements if s.topic == PLO.DisplacementByGenerativeAI]
    assert len(displacement) == 1
    assert displacement[0].polarity != "Asserted"
