"""`labourgraph.link.entities`: one entity per referent across the corpus, with its most
specific class."""

from __future__ import annotations

from labourgraph.core import model
from labourgraph.extract.lexicon import Entry
from labourgraph.extract.mentions import Mention
from labourgraph.link.entities import CLASS_PRIORITY, canonical, link


def person(key: str, start: int, cls: str = "Person") -> Mention:
    return Mention(start, start + len(key), key, cls, "person", "ner", 0.7)


def org(key: str, start: int, cls: str) -> Mention:
    return Mention(start, start + len(key), key, cls, "organisation", "ner", 0.7)


def test_a_surname_alone_joins_the_one_full_name_in_the_corpus() -> None:
    texts = {"a": "Paola Tubaro étudie.", "b": "(Tubaro et al., 2020)"}
    mentions = {"a": [person("Paola Tubaro", 0, "Researcher")], "b": [person("Tubaro", 1)]}
    fixed = canonical(mentions)
    assert fixed["b"][0].key == "Paola Tubaro"
    linked = link(mentions, texts)
    entities = linked.entities
    assert set(entities) == {("person", "Paola Tubaro")}
    entity = entities[("person", "Paola Tubaro")]
    assert entity.cls == "Researcher"
    assert [doc for doc, _ in entity.mentions] == ["a", "b"]
    assert "Tubaro" in entity.aliases
    # and each mention knows its entity, so facts about "Tubaro" point at Paola Tubaro
    assert linked.ident("b", person("Tubaro", 1)) == ("person", "Paola Tubaro")
    assert linked.entity("b", person("Tubaro", 1)) is entity
    assert linked.ident("b", person("Nobody", 1)) == ("person", "Nobody")
    assert linked.entity("b", person("Nobody", 1)) is None


def test_an_ambiguous_surname_stays_alone() -> None:
    texts = {"a": "Anne Martin et Paul Martin.", "b": "Martin dit."}
    mentions = {
        "a": [person("Anne Martin", 0), person("Paul Martin", 15)],
        "b": [person("Martin", 0)],
    }
    assert canonical(mentions)["b"][0].key == "Martin"
    assert ("person", "Martin") in link(mentions, texts).entities


def test_a_platform_in_one_document_and_a_company_in_another_is_a_platform() -> None:
    texts = {"a": "la plateforme Zorbly", "b": "l'entreprise Zorbly"}
    mentions = {
        "a": [org("Zorbly", 14, "MicroworkPlatform")],
        "b": [org("Zorbly", 13, "Company")],
    }
    entity = link(mentions, texts).entities[("organisation", "Zorbly")]
    assert entity.cls == "MicroworkPlatform"
    # and in the other order
    swapped = {"a": mentions["b"], "b": mentions["a"]}
    swapped_texts = {"a": texts["b"], "b": texts["a"]}
    zorbly = link(swapped, swapped_texts).entities[("organisation", "Zorbly")]
    assert zorbly.cls == "MicroworkPlatform"


def test_a_specific_class_beats_the_generic_one_and_researcher_beats_worker() -> None:
    texts = {"a": "Zorbly Zorbly", "b": "Inès Garnier Inès Garnier"}
    mentions = {
        "a": [org("Zorbly", 0, "Organisation"), org("Zorbly", 7, "StartUp")],
        "b": [person("Inès Garnier", 0, "Worker"), person("Inès Garnier", 13, "Researcher")],
    }
    entities = link(mentions, texts).entities
    assert entities[("organisation", "Zorbly")].cls == "StartUp"
    assert entities[("person", "Inès Garnier")].cls == "Researcher"


def test_the_lexicon_class_wins_and_brings_its_aliases() -> None:
    entry = Entry("Foule Factory", "MicroworkPlatform", ("Foule Factory", "Wirk"))
    texts = {"a": "Wirk", "b": "l'entreprise Foule Factory"}
    wirk = Mention(
        0, 4, "Foule Factory", "MicroworkPlatform", "organisation", "lexicon", 0.95, entry
    )
    mentions = {"a": [wirk], "b": [org("Foule Factory", 13, "Company")]}
    entity = link(mentions, texts).entities[("organisation", "Foule Factory")]
    assert entity.cls == "MicroworkPlatform"
    assert "Wirk" in entity.aliases
    assert "Foule Factory" not in entity.aliases


def test_the_same_key_of_two_kinds_is_two_entities() -> None:
    texts = {"a": "Jordan Jordan"}
    mentions = {
        "a": [
            Mention(0, 6, "Jordan", "Country", "place", "lexicon", 0.9),
            Mention(7, 13, "Jordan", "Company", "organisation", "ner", 0.6),
        ]
    }
    assert set(link(mentions, texts).entities) == {("place", "Jordan"), ("organisation", "Jordan")}


def test_the_priority_ranks_every_class_of_the_ontology_before_its_superclasses() -> None:
    assert len(set(CLASS_PRIORITY)) == len(CLASS_PRIORITY)
    assert set(CLASS_PRIORITY) == (
        model.ORGANISATION_CLASSES | model.APP_CLASSES | model.PERSON_CLASSES | model.PLACE_CLASSES
    )
    late = [
        (sub, cls)
        for cls in CLASS_PRIORITY
        for sub in model.subclasses(cls)
        if CLASS_PRIORITY.index(sub) > CLASS_PRIORITY.index(cls)
    ]
    assert late == [], "subclasses ranked after their superclass"
