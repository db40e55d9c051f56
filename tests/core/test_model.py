"""`labourgraph.core.model`: the class sets are the ontology's subclass closures."""

from __future__ import annotations

import pytest
from rdflib import Graph

from labourgraph.core import model
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.vocab import OWL, PLO, RDF

SETS = {
    "PLATFORM_CLASSES": model.PLATFORM_CLASSES,
    "ORGANISATION_CLASSES": model.ORGANISATION_CLASSES,
    "RESEARCH_CLASSES": model.RESEARCH_CLASSES,
    "PERSON_CLASSES": model.PERSON_CLASSES,
    "PLACE_CLASSES": model.PLACE_CLASSES,
    "AI_CLASSES": model.AI_CLASSES,
    "APP_CLASSES": model.APP_CLASSES,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")  # rdflib's own parser, not the module's reader
    return graph


def test_the_sets_hold_known_members() -> None:
    assert {"Platform", "MicroworkPlatform", "FreelancePlatform"} == model.PLATFORM_CLASSES
    assert {"Person", "Worker", "Researcher", "Photographer"} <= model.PERSON_CLASSES
    assert {"Place", "Country", "Region", "City"} == model.PLACE_CLASSES
    assert {"AISystem", "Chatbot", "GenerativeAIModel", "VoiceAssistant"} <= model.AI_CLASSES
    assert {"University", "ResearchBody"} == model.RESEARCH_CLASSES
    assert model.PLATFORM_CLASSES | model.RESEARCH_CLASSES <= model.ORGANISATION_CLASSES
    assert "Company" not in model.PLATFORM_CLASSES
    assert "Worker" not in model.ORGANISATION_CLASSES


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_member_is_an_owl_class_of_the_ontology(ontology: Graph, name: str) -> None:
    members = SETS[name]
    assert members
    assert [c for c in members if (PLO[c], RDF.type, OWL.Class) not in ontology] == []


def test_a_subclass_is_found_at_any_depth() -> None:
    assert "Chatbot" in model.subclasses("AISystem")  # Chatbot < GenerativeAIModel < AISystem
    assert "ImageSegmentation" in model.subclasses("TaskType")


def test_the_kinds_do_not_overlap() -> None:
    kinds = list(model.KINDS.values())
    assert all(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1 :])


@pytest.mark.parametrize(
    ("cls", "kind"),
    [
        ("MicroworkPlatform", "organisation"),
        ("University", "organisation"),
        ("Journalist", "person"),
        ("City", "place"),
        ("Chatbot", "ai"),
        ("SoftwareApplication", "app"),
        ("NoSuchClass", "organisation"),
    ],
)
def test_kind_of(cls: str, kind: str) -> None:
    assert model.kind_of(cls) == kind


def test_an_unknown_root_is_an_error() -> None:
    with pytest.raises(LabourgraphError, match="plo:NoSuchClass"):
        model.subclasses("NoSuchClass")
