"""`labourgraph.extract.relations`: relations read sentence by sentence, with the sentence as
evidence, and the layered subcontracting chain of seed 001."""

from __future__ import annotations

from pathlib import Path

import pytest

from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.document import DocumentFacts, Resources, extract
from labourgraph.extract.mentions import PLATFORM_CLASSES
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


def test_a_vendor_apposition_makes_the_other_company_its_client(resources: Resources) -> None:
    """The vendor is the organisation the apposition describes, whatever the word order: a
    "sous-traitance" word between the two names says nothing of the direction."""
    text = (
        "Ces salariés recrutés par Sama, une société d'externalisation, ont ensuite "
        "travaillé pour Meta via une nouvelle sous-traitance."
    )
    got = triples(resources, text)
    assert {("Meta", "subcontractsTo", "Sama"), ("Meta", "clientOf", "Sama")} <= got
    assert ("Sama", "subcontractsTo", "Meta") not in got
    english = "Majorel, the outsourcing firm hired by TikTok, moderates videos in Nairobi."
    assert ("TikTok", "clientOf", "Majorel") in triples(resources, english, "en")


def test_verbs_that_give_work_read_the_client_first(resources: Resources) -> None:
    got = triples(resources, "En 2019, Meta a confié la modération de ses contenus à Sama.")
    assert ("Meta", "subcontractsTo", "Sama") in got
    assert ("Sama", "subcontractsTo", "Meta") not in got
    got = triples(resources, "Sama modère des vidéos pour le compte de Meta depuis Nairobi.")
    assert ("Meta", "clientOf", "Sama") in got
    got = triples(resources, "Appen in turn works for Google, which trains its models.", "en")
    assert ("Google", "subcontractsTo", "Appen") in got
    assert ("Appen", "subcontractsTo", "Google") not in got


def test_the_subject_of_work_is_the_worker_not_the_company_before(
    resources: Resources,
) -> None:
    text = "Carolina Pérez, a former TikTok moderator who worked for Teleperformance, spoke out."
    got = triples(resources, text, "en")
    assert ("Teleperformance", "subcontractsTo", "TikTok") not in got
    assert ("TikTok", "subcontractsTo", "Teleperformance") in got


def test_an_unnamed_subcontractor_is_the_documents_one_vendor(resources: Resources) -> None:
    text = (
        "Sama emploie des centaines de modérateurs à Nairobi. "
        "Au bord des larmes, Amina Wanjiru se souvient des vidéos. "
        "Son travail de modératrice pour un sous-traitant de Meta l'obligeait à tout regarder."
    )
    got = triples(resources, text)
    assert ("Amina Wanjiru", "worksOn", "Sama") in got
    assert {("Meta", "subcontractsTo", "Sama"), ("Meta", "clientOf", "Sama")} <= got


def test_no_unnamed_vendor_when_the_document_names_two(resources: Resources) -> None:
    text = (
        "Sama et CloudFactory emploient des modérateurs à Nairobi. "
        "Son travail pour un sous-traitant de Meta l'obligeait à tout regarder."
    )
    got = triples(resources, text)
    assert not {t for t in got if t[1] == "subcontractsTo"}


def test_a_population_named_after_its_platform_works_on_it(resources: Resources) -> None:
    text = "Many Tolokers say that Toloka pays on time. Tokens are not workers."
    got = facts(resources, text, "en")
    works = {(r.subject.key, r.object.key) for r in got.relations if r.subject.kind == "population"}
    assert works == {("Tolokers", "Toloka")}
    for relation in got.relations:
        assert relation.start <= min(relation.subject.start, relation.object.start)
        assert max(relation.subject.end, relation.object.end) <= relation.end


def test_the_lawyer_of_workers_is_not_affiliated_with_their_employer(
    resources: Resources,
) -> None:
    text = (
        "« Ils ont été licenciés sans préavis », explique Jane Wanjiku, avocate des anciens "
        "modérateurs de Sama."
    )
    got = triples(resources, text)
    assert not {t for t in got if t[0] == "Jane Wanjiku" and t[2] == "Sama"}
    carried = text + " Ces employés recrutés par Sama ont été licenciés en janvier."
    assert not {t for t in triples(resources, carried) if t[0] == "Jane Wanjiku"}


def test_a_cited_author_works_nowhere(resources: Resources) -> None:
    text = "Workers using Amazon Mechanical Turk earn little, Hara et al. (2018) found."
    got = facts(resources, text, "en")
    works = [r for r in got.relations if r.predicate == PLO.worksOn]
    assert works
    assert all(r.subject.kind == "population" for r in works)
    assert {r.subject.key for r in works} == {"workers"}


def test_a_platform_is_operated_by_the_company_that_runs_it(resources: Resources) -> None:
    got = facts(resources, "Le travail passe par la plateforme Mechanical Turk du géant Amazon.")
    operated = {
        (r.subject.cls, r.object.key) for r in got.relations if r.predicate == PLO.operatedBy
    }
    assert operated and all(cls in PLATFORM_CLASSES for cls, _ in operated)
    assert {key for _, key in operated} == {"Amazon"}
    got = facts(resources, "Amazon et Mechanical Turk ont publié leurs résultats.")
    assert not [r for r in got.relations if r.predicate == PLO.operatedBy]


def test_a_based_company_is_the_one_the_phrase_describes(resources: Resources) -> None:
    text = "A former TikTok moderator worked for Teleperformance, a Paris-based company."
    got = triples(resources, text, "en")
    assert ("Teleperformance", "basedIn", "Paris") in got
    assert ("TikTok", "basedIn", "Paris") not in got


def test_an_apposition_places_a_person(resources: Resources) -> None:
    text = '"The project ended," said Amina Njeri, 27, an annotator in Kampala.'
    assert ("Amina Njeri", "livesIn", "Kampala") in triples(resources, text, "en")
    text = "Amina Njeri, an economist at Makerere University in Kampala, disagrees."
    assert ("Amina Njeri", "livesIn", "Kampala") not in triples(resources, text, "en")


def test_titles_founders_and_careers_make_affiliations(resources: Resources) -> None:
    text = "Jeanne Roux, directrice générale d'Isahit, défend le modèle."
    assert ("Jeanne Roux", "affiliatedWith", "Isahit") in triples(resources, text)
    text = "Après une carrière chez Google et Microsoft, Jeanne Roux a changé de voie."
    got = triples(resources, text)
    assert {("Jeanne Roux", "affiliatedWith", o) for o in ("Google", "Microsoft")} <= got
    text = (
        "Jeanne Roux voulait servir une cause sociale. "
        "Son projet aboutit en 2017 avec la création d'Isahit, aux côtés de Paul Morel."
    )
    got = triples(resources, text)
    assert {
        ("Jeanne Roux", "affiliatedWith", "Isahit"),
        ("Paul Morel", "affiliatedWith", "Isahit"),
    } <= got


def test_an_affiliation_stops_at_the_first_body(resources: Resources) -> None:
    text = (
        "Paola Rossi est sociologue au Laboratoire de recherche en informatique "
        "(CNRS/Université Paris-Sud/CentraleSupélec)."
    )
    got = triples(resources, text)
    assert ("Paola Rossi", "affiliatedWith", "CNRS") not in got


def test_role_nouns_before_an_elided_preposition(resources: Resources) -> None:
    """ "d'Amazon" has no space after the preposition, and a quoted noun keeps its role."""
    got = facts(resources, 'Les "crowdworkers" d\'Amazon touchent moins que le salaire minimum.')
    works = {(r.subject.kind, r.object.key) for r in got.relations if r.predicate == PLO.worksOn}
    assert ("population", "Amazon") in works
    got = triples(resources, "TikTok, un sous-traitant d'Amazon, recrute.")
    assert ("Amazon", "subcontractsTo", "TikTok") in got


def test_moderating_a_companys_content_is_working_for_it(resources: Resources) -> None:
    text = (
        "Chris Gray est un ancien employé de Teleperformance. "
        "De 2017 à 2018, il a travaillé à Dublin pour modérer des contenus postés sur Facebook."
    )
    got = triples(resources, text)
    assert ("Chris Gray", "worksOn", "Teleperformance") in got
    assert ("Chris Gray", "worksOn", "Facebook") in got


def test_a_title_before_the_organisation_names_the_person_after_it(
    resources: Resources,
) -> None:
    text = "A spokesperson for Upwork, Leah Morrison, said in an email that pay was fair."
    assert ("Leah Morrison", "affiliatedWith", "Upwork") in triples(resources, text, "en")
    text = "A worker for Upwork, Leah Morrison, said that pay was poor."
    assert ("Leah Morrison", "affiliatedWith", "Upwork") not in triples(resources, text, "en")


def test_where_an_organisation_sits(resources: Resources) -> None:
    text = "Teleperformance, une entreprise dont le siège est à Paris, emploie des modérateurs."
    assert ("Teleperformance", "basedIn", "Paris") in triples(resources, text)
    text = "Meta emploie des modérateurs au Kenya."
    assert ("Meta", "basedIn", "Kenya") not in triples(resources, text)


def test_clients_are_the_companies_listed_after_the_word(resources: Resources) -> None:
    text = "Toloka trains models for clients such as Google and Microsoft; Meta watches."
    got = triples(resources, text, "en")
    assert {("Google", "clientOf", "Toloka"), ("Microsoft", "clientOf", "Toloka")} <= got
    assert ("Meta", "clientOf", "Toloka") not in got
    text = "Meta, a client of many firms, compared Toloka with its rivals."
    assert not {t for t in triples(resources, text, "en") if t[1] == "clientOf"}


def test_a_platform_offers_no_task_named_for_another_organisation(resources: Resources) -> None:
    text = "Meta confie l'annotation d'images à Sama, et Toloka recrute."
    got = triples(resources, text)
    assert not {t for t in got if t[0] == "Toloka" and t[1] == "offersTaskType"}


def test_a_person_lives_in_the_city_the_country_locates(resources: Resources) -> None:
    text = "Maria López, diplômée en droit installée à Medellín, en Colombie, écrit des articles."
    got = triples(resources, text)
    assert ("Maria López", "livesIn", "Medellín") in got
    assert ("Maria López", "livesIn", "Colombia") not in got


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


def test_one_per_document_merges_a_topic_by_polarity_and_keeps_the_first_population() -> None:
    from labourgraph.extract.relations import Statement, one_per_document

    def said(start: int, polarity: str, population: str | None) -> Statement:
        return Statement(
            PLO.LowPay, "WorkingConditionStatement", start, start + 10, population, None,
            start, start + 3, polarity,
        )  # fmt: skip

    merged = one_per_document(
        [said(40, "Asserted", "raters"), said(0, "Asserted", None), said(20, "Hedged", None)]
    )
    assert [(s.start, s.polarity, s.population, s.more) for s in merged] == [
        (0, "Asserted", "raters", ((40, 50),)),
        (20, "Hedged", None, ()),
    ]


def test_quoted_name_is_a_project_not_a_worker(resources: Resources) -> None:
    text = (
        "When Toloka cancelled the project “Amber Falls”, the workers lost their pay. "
        "Kofi Mensah, a tasker from Lagos who worked on Amber Falls, is owed $900."
    )
    found = triples(resources, text, "en")
    assert not [t for t in found if "Amber Falls" in (t[0], t[2])]
    # "a tasker from Lagos": the apposition's noun is placed there, he lives there
    assert ("Kofi Mensah", "livesIn", "Lagos") in found
    assert ("Kofi Mensah", "originatesFrom", "Lagos") not in found


def test_who_comes_from_stays_an_origin(resources: Resources) -> None:
    text = "Kofi Mensah, a tasker who comes from Lagos, works on Toloka."
    found = triples(resources, text, "en")
    assert ("Kofi Mensah", "originatesFrom", "Lagos") in found
    assert ("Kofi Mensah", "livesIn", "Lagos") not in found


def test_people_named_after_their_organisation_and_title(resources: Resources) -> None:
    text = "Toloka founders Julie Morgan and Chris Morgan met chief executive Mark Taylor."
    found = triples(resources, text, "en")
    assert ("Julie Morgan", "affiliatedWith", "Toloka") in found
    assert ("Chris Morgan", "affiliatedWith", "Toloka") in found
    # a name after a title is a person's: nobody is affiliated with it
    assert not [t for t in found if t[1] == "affiliatedWith" and t[2] == "Mark Taylor"]
    found = triples(resources, "Reporters met the Toloka researcher Irene Nakato.", "en")
    assert ("Irene Nakato", "affiliatedWith", "Toloka") in found


def test_officer_named_by_the_acronym_of_an_association(resources: Resources) -> None:
    text = (
        "Workers in Ghana formed the Data Workers Guild (DWG). "
        "Kofi Mensah, the DWG vice-president, says pay is late. "
        "Grace Wambui, the DWG's lawyer friend, disagrees."
    )
    found = triples(resources, text, "en")
    assert ("Kofi Mensah", "affiliatedWith", "Data Workers Guild") in found
    # "friend" is not a title: no affiliation
    assert ("Grace Wambui", "affiliatedWith", "Data Workers Guild") not in found


def test_clients_listed_with_their_provider_or_after_a_possessive(resources: Resources) -> None:
    # the provider named between the word of clients and the list
    text = (
        "La société Sama annote des images. La liste de clients de Sama répertorie des "
        "sociétés telles que Google, Ford et Walmart."
    )
    found = triples(resources, text)
    assert {("Google", "clientOf", "Sama"), ("Walmart", "clientOf", "Sama")} <= found
    # a moderation firm the recogniser calls a company, and newspapers a list names clients
    text = (
        "Netino, une entreprise de modération, emploie 40 personnes. Parmi ses clients : "
        "20 Minutes, BFMTV et Le Monde."
    )
    assert ("Le Monde", "clientOf", "Netino") in triples(resources, text)
    # a newspaper named beside a firm is no client of it
    text = "Netino, une entreprise de modération, emploie 40 personnes, selon Le Monde."
    assert not {t for t in triples(resources, text) if t[1] == "clientOf"}


def test_clients_listed_before_among_its_clients(resources: Resources) -> None:
    text = (
        "Clickworker, a subsidiary of the startup Pixelforge, counts Google, Microsoft and "
        "the city council among its clients."
    )
    found = triples(resources, text, "en")
    assert ("Google", "clientOf", "Clickworker") in found
    assert ("Microsoft", "clientOf", "Clickworker") in found
    found = triples(resources, "Toloka's clients include Google and Microsoft.", "en")
    assert ("Google", "clientOf", "Toloka") in found
    found = triples(
        resources, "Sur Toloka, dont les clients sont Google et Microsoft, on gagne peu."
    )
    assert ("Microsoft", "clientOf", "Toloka") in found
    found = triples(resources, "Google and Microsoft praised Clickworker.", "en")
    assert not [t for t in found if t[1] == "clientOf"]


def test_platform_operated_by_the_organisation_it_is_a_subsidiary_of(
    resources: Resources,
) -> None:
    for text in (
        "Toloka, a subsidiary of the search group Yandex, pays little.",
        "Toloka, another Yandex subsidiary, pays little.",
    ):
        assert ("Toloka", "operatedBy", "Yandex") in triples(resources, text, "en")
    found = triples(resources, "Amazon manages its workforce through its subsidiary Toloka.", "en")
    assert ("Toloka", "operatedBy", "Amazon") in found
    # an organisation that does not open the sentence is not what "its" stands for
    found = triples(
        resources, "Workers say Amazon manages them through its subsidiary Toloka.", "en"
    )
    assert ("Toloka", "operatedBy", "Amazon") not in found


def test_relation_cue_words_come_from_the_ontology() -> None:
    """The words of a relation rule are the labels of its `plo:RelationCue`: alternative
    labels as written, hidden labels with any ending, a hyphen written or not."""
    import re

    from rdflib.namespace import RDF

    from labourgraph.core.model import ontology
    from labourgraph.extract.relations import cue_words

    on_behalf = re.compile(r"\b" + cue_words(PLO.OnBehalfCue) + r"\b")
    assert on_behalf.search("annote des images pour le compte de quillo")
    assert on_behalf.search("labels images on  behalf of quillo")
    assert not on_behalf.search("pour le compteur de quillo")
    gives = re.compile(r"^" + cue_words(PLO.GivesWorkCue) + r"$")
    assert gives.match("soustraite") and gives.match("sous-traitait")  # hidden: any ending
    assert gives.match("fait appel") and not gives.match("fait")  # alternative: as written
    hidden_only = re.compile(r"^" + cue_words(PLO.FoundingCue, "hidden") + r"$")
    assert hidden_only.match("cofondee") and not hidden_only.match("fondation")
    # every cue of the ontology gives words; a term without cue labels is an error
    cues = set(ontology().subjects(RDF.type, PLO.RelationCue))
    assert len(cues) >= 20
    for cue in cues:
        assert re.compile(cue_words(cue))
    with pytest.raises(ValueError):
        cue_words(PLO.clientOf)


def test_clients_of_a_provider_named_by_a_short_name_or_a_possessive(
    resources: Resources,
) -> None:
    text = (
        "Scale AI pays its annotators little. "
        "Scale customers include Facebook, Microsoft, and OpenAI, plus defence contracts."
    )
    found = triples(resources, text, "en")
    assert {("Facebook", "clientOf", "Scale AI"), ("OpenAI", "clientOf", "Scale AI")} <= found
    text = "Remotasks pays its annotators little. Its clients include Facebook."
    assert ("Facebook", "clientOf", "Remotasks") in triples(resources, text, "en")
    # no provider named before the list, no possessive: no client
    text = "Many customers include Facebook in their plans."
    assert not {t for t in triples(resources, text, "en") if t[1] == "clientOf"}


def test_giving_work_through_another_company_and_by_a_pronoun(resources: Resources) -> None:
    text = (
        "Meta has long relied on Kenyan workers. "
        "It outsourced the moderation of its content to Sama in 2019. "
        "Meta hired hundreds of moderators through Majorel."
    )
    found = triples(resources, text, "en")
    assert ("Meta", "subcontractsTo", "Sama") in found
    assert ("Meta", "clientOf", "Majorel") in found
    # paying workers through an intermediary gives it no work
    text = "Remotasks pays workers through PayPal, a payment service."
    assert not {t for t in triples(resources, text, "en") if t[1] == "clientOf"}
    # nor does recruiting through a channel
    text = "Sama recruited workers through Facebook groups."
    assert not {t for t in triples(resources, text, "en") if "Facebook" in t}


def test_whose_subcontractor_is_the_sentences_other_company(resources: Resources) -> None:
    text = (
        "Teleperformance a chuté jeudi, après l'ouverture d'une enquête sur les conditions de "
        "travail d'employés de la plate-forme TikTok dont le spécialiste français des centres "
        "d'appel est un sous-traitant."
    )
    found = triples(resources, text)
    assert ("TikTok", "subcontractsTo", "Teleperformance") in found
    assert ("TikTok", "clientOf", "Teleperformance") in found


def test_a_workers_employer_and_the_worker_noun_before_the_verb(resources: Resources) -> None:
    text = (
        "Fanja Rasoanirina annote des images depuis trois ans. "
        "Son employeur s'appelle Veritas, une société malgache."
    )
    assert ("Fanja Rasoanirina", "worksOn", "Veritas") in triples(resources, text)
    text = "Contractors working for Outlier have reported non-payment."
    assert ("contractors", "worksOn", "Outlier") in triples(resources, text, "en")


def test_relying_on_an_organisation_for_a_living(resources: Resources) -> None:
    text = (
        "According to the report, workers, many of whom rely on Remotasks for their main "
        "income, were cut off."
    )
    assert ("workers", "worksOn", "Remotasks") in triples(resources, text, "en")
    text = (
        "Appen is an Australian platform. Its trouble is its reliance on the likes of "
        "Microsoft, Google and Facebook for work."
    )
    found = triples(resources, text, "en")
    assert {(c, "clientOf", "Appen") for c in ("Microsoft", "Google", "Facebook")} <= found
    # relying on a company for something else is no work for it
    text = "Appen is an Australian platform. It relies on Google for its search engine."
    assert not {t for t in triples(resources, text, "en") if t[1] == "clientOf"}


def test_a_possessive_title_ties_a_person_to_the_organisation_before(
    resources: Resources,
) -> None:
    text = (
        "Les modérateurs ont fondé le Syndicat des travailleurs du numérique de Madagascar. "
        "Sa secrétaire générale, Voahangy Rakotobe, réclame que la formation soit payée."
    )
    found = facts(resources, text)
    links = [r for r in found.relations if r.predicate == PLO.affiliatedWith]
    assert [(r.subject.key, r.object.key) for r in links] == [
        ("Voahangy Rakotobe", "Syndicat des travailleurs du numérique de Madagascar")
    ]
    assert links[0].start == 0  # the evidence holds the sentence that names the union
    # a possessive before a word that is no title ties nothing
    text = (
        "Les modérateurs ont fondé le Syndicat des travailleurs du numérique de Madagascar. "
        "Sa voisine, Voahangy Rakotobe, réclame que la formation soit payée."
    )
    assert not {t for t in triples(resources, text) if t[1] == "affiliatedWith"}


def test_a_role_noun_complement_of_another_noun_is_no_ones_role(resources: Resources) -> None:
    text = (
        "Marie Dupont a publié une enquête sur le métier de modérateur de contenu pour TikTok "
        "au Maroc."
    )
    assert ("Marie Dupont", "worksOn", "TikTok") not in triples(resources, text)
    text = "Marie Dupont, modératrice de contenu pour TikTok, a parlé à notre journal."
    assert ("Marie Dupont", "worksOn", "TikTok") in triples(resources, text)


def test_a_task_is_offered_only_where_the_parse_ties_it_to_the_platform(
    resources: Resources,
) -> None:
    # the platform is the subject of the task's verb: it does the recording itself
    assert not {
        t
        for t in triples(
            resources, "Ana worked five hours on Monday, but Outlier recorded only two.", "en"
        )
        if t[1] == "offersTaskType"
    }
    # the platform is an oblique of the task's clause: workers do the task through it
    found = triples(
        resources,
        "In Lima, Sofia Quispe transcribes audio recordings through the freelance platform "
        "Gigwise.",
        "en",
    )
    assert ("Gigwise", "offersTaskType", "audio transcription") in found


def test_the_members_of_a_list_of_clients_are_not_each_others_vendors(
    resources: Resources,
) -> None:
    found = triples(
        resources,
        "Des centaines d'employés d'entreprises sous-traitantes de Facebook, ChatGPT ou TikTok "
        "manifestent à Nairobi.",
    )
    assert not {t for t in found if t[1] in ("subcontractsTo", "clientOf")}


def test_a_role_noun_names_the_client_when_a_verb_of_work_names_the_employer(
    resources: Resources,
) -> None:
    found = triples(
        resources,
        "Carla Mendes, a former TikTok moderator who worked from home for Teleperformance, "
        "quit in May.",
        "en",
    )
    assert ("Carla Mendes", "worksOn", "Teleperformance") in found
    assert ("Carla Mendes", "worksOn", "TikTok") not in found
    assert ("TikTok", "clientOf", "Teleperformance") in found


def test_a_singular_role_noun_is_the_named_worker_not_a_population(
    resources: Resources,
) -> None:
    named = (
        "Maria Gonzalez, 31, works for Teleperformance in Bogota. "
        "A former TikTok moderator in Colombia described her night shifts.",
    )
    found = triples(resources, " ".join(named), "en")
    assert not {t for t in found if t[0].startswith("content moderators")}
    # a text that names no worker carries the one it speaks of as a population
    unnamed = "Une ancienne modératrice de Facebook a décidé d'attaquer le réseau social."
    assert {t[2] for t in triples(resources, unnamed) if t[1] == "worksOn"} == {"Facebook"}
    plural = "Former TikTok moderators in Colombia described their night shifts."
    assert ("worksOn", "TikTok") in {(t[1], t[2]) for t in triples(resources, plural, "en")}


def test_a_worker_works_on_the_platform_not_on_its_owner(resources: Resources) -> None:
    found = triples(
        resources,
        "Kofi Mensah, 29, is paid to work on Remotasks, a subsidiary of US startup Scale AI.",
        "en",
    )
    assert ("Kofi Mensah", "worksOn", "Remotasks") in found
    assert ("Kofi Mensah", "worksOn", "Scale AI") not in found


def test_workers_named_after_the_last_word_of_their_platform(resources: Resources) -> None:
    found = triples(
        resources,
        "Amazon Mechanical Turk emploie des travailleurs indépendants, surnommés les "
        "Turkers, payés à la tâche.",
    )
    assert ("Turkers", "worksOn", "Amazon Mechanical Turk") in found


def test_work_for_one_organisation_through_another_makes_it_the_client(
    resources: Resources,
) -> None:
    found = triples(
        resources,
        "Elle a travaillé pour la division africaine de TikTok par l'intermédiaire de "
        "Majorel pendant deux ans.",
    )
    assert {("TikTok", "clientOf", "Majorel"), ("TikTok", "subcontractsTo", "Majorel")} <= found
    assert ("Majorel", "clientOf", "TikTok") not in found
    # no verb of work: a channel, not a vendor
    found = triples(resources, "Elle a découvert TikTok par l'intermédiaire de Majorel.")
    assert ("TikTok", "clientOf", "Majorel") not in found


def test_a_platform_is_operated_by_the_agent_of_its_participle(resources: Resources) -> None:
    for text in (
        "Remotasks, owned by the fast-growing California startup Scale AI, pays its taskers late.",
        "Many Kenyans work on Remotasks, a platform owned by the US startup Scale AI.",
    ):
        assert ("Remotasks", "operatedBy", "Scale AI") in triples(resources, text, "en")


def test_a_population_works_where_the_parse_says_it_does_though_a_person_is_named(
    resources: Resources,
) -> None:
    text = (
        "Le journal cite huit modérateurs de contenu ayant travaillé pour Majorel, filiale du "
        "groupe Saham, appartenant à l'homme d'affaires Karim Benali."
    )
    found = triples(resources, text)
    assert ("worksOn", "Majorel") in {(t[1], t[2]) for t in found if t[0] != "Karim Benali"}
    # the person is the subject of the verb of work: it is theirs, and no population's
    text = "Kofi Mensah, 29, works for Sama in Nairobi with other moderators."
    found = triples(resources, text, "en")
    assert ("Kofi Mensah", "worksOn", "Sama") in found
    assert not {t for t in found if t[0] != "Kofi Mensah" and t[1] == "worksOn"}


def test_an_adverb_between_an_organisation_and_its_hiring_verb(resources: Resources) -> None:
    found = triples(resources, "CloudFactory already employs 900 workers in Pokhara, Nepal.", "en")
    assert ("worksOn", "CloudFactory") in {(t[1], t[2]) for t in found}


def test_a_title_closed_by_a_comma_before_the_name(resources: Resources) -> None:
    found = triples(resources, "Meta founder and CEO, Mark Zuckerberg, declined to comment.", "en")
    assert ("Mark Zuckerberg", "affiliatedWith", "Meta") in found


def test_clients_listed_after_their_count_or_a_colon(resources: Resources) -> None:
    text = (
        "Appen a aidé à former des modèles d’IA. Cinq clients Microsoft, Apple, Meta, Google et "
        "Amazon ont représenté 80 % de ses revenus."
    )
    got = triples(resources, text)
    assert {(c, "clientOf", "Appen") for c in ("Microsoft", "Apple", "Google", "Amazon")} <= got
    text = "Sama annote des images. Parmi ses clients : Google, Microsoft et Walmart."
    assert {("Google", "clientOf", "Sama"), ("Microsoft", "clientOf", "Sama")} <= triples(
        resources, text
    )
    # a count of clients with no provider spoken of names no one's clients
    got = triples(resources, "Cinq clients Microsoft et Apple ont signé.")
    assert not {p for _, p, _ in got} & {"clientOf"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The startup Invisible Tech employs thousands of trainers.", "en"),
        ("Le laboratoire Precarity Lab a publié une étude sur les livreurs.", "fr"),
    ],
)
def test_a_cue_inside_a_name_states_nothing(resources: Resources, text: str, lang: str) -> None:
    assert [s.topic for s in facts(resources, text, lang).statements] == []


def test_a_unions_name_states_its_involvement(resources: Resources) -> None:
    text = "Le Syndicat des Travailleurs du Numérique a émis un communiqué contre Zorbly."
    topics = {str(s.topic).rsplit("#", 1)[-1] for s in facts(resources, text).statements}
    assert "UnionInvolvement" in topics
