"""HermiT through owlready2: the ontology, its defined classes, a graph with axiom annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from labourgraph.check import reason

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
KG_FIXTURE = Path(__file__).parents[1] / "data" / "ontology" / "annotated-axiom-kg.ttl"
PREFIXES = """@prefix plo: <https://w3id.org/platform-labour/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""


@pytest.mark.java
def test_hermit_consistent_with_no_unsatisfiable_class() -> None:
    assert reason.consistent(ONTOLOGY) == (True, [])


@pytest.mark.slow
@pytest.mark.java
def test_hermit_classifies_task_types_under_the_defined_classes() -> None:
    # ImageAnnotation ⊑ PreparationTask only by reasoning: an image annotation that is not a
    # preparation task must be inconsistent; one that is not a verification task is fine.
    template = (
        PREFIXES
        + "<https://w3id.org/platform-labour/id/t> a plo:ImageAnnotation ,"
        + " [ owl:complementOf plo:{} ] ."
    )
    assert reason.consistent(ONTOLOGY, template.format("PreparationTask"))[0] is False
    assert reason.consistent(ONTOLOGY, template.format("VerificationTask"))[0] is True


@pytest.mark.slow
@pytest.mark.java
def test_hermit_on_a_knowledge_graph_with_axiom_annotations() -> None:
    assert reason.consistent(ONTOLOGY, KG_FIXTURE) == (True, [])
    # worksOn's range is Organisation, disjoint from Place: typing Appen a Country breaks it.
    broken = KG_FIXTURE.read_text().replace("plo:MicroworkPlatform", "plo:Country")
    assert reason.consistent(ONTOLOGY, broken)[0] is False


@pytest.mark.java
def test_owlready2_never_sees_imports_or_python_modules() -> None:
    graph = Graph()
    onto = URIRef("https://example.org/o")
    graph.add((onto, OWL.imports, URIRef("https://example.org/remote")))
    graph.add((onto, reason.PYTHON_MODULE, Literal("os")))
    assert len(reason.offline_copy(graph)) == 0
    assert reason.reason_graph(graph).consistent is True
