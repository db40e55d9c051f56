"""Tests for `labourgraph.check.incremental`: validating only what an edit can reach gives the
full validation's verdict.

The previous graph conforms; after a mutation, the violations found on the affected focus
nodes alone must be exactly those the full check (`fastcheck.violations` on the whole graph)
finds, on every mutation of `tests/data/shapes/manifest.yaml` and on mutations hypothesis
draws from the seed graph; and nodes an edit cannot reach (another document's evidence) are
not checked again. A guard fails when the shapes start reading further than one step from a
focus node, which `incremental` relies on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH
from rdflib.term import BNode

from labourgraph.check import fastcheck, incremental
from labourgraph.check.shacl import NonConformingGraph
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import PLO
from mutations import copy, drawn_edit, lines

ROOT = Path(__file__).resolve().parents[2]
SHAPES_DATA = ROOT / "tests" / "data" / "shapes"
SEED = ROOT / "graph" / "platform-labour-kg.ttl"


@pytest.fixture(scope="module")
def seed() -> Graph:
    return load_graph(SEED)


def same_verdict(old: Graph, new: Graph, ontology: Graph, shapes: Graph) -> set:
    """The incremental pairs, asserted equal to the full check's; returned."""
    full = fastcheck.violations(None, ontology, shapes, ntriples=b"".join(lines(new)))
    found = incremental.affected(lines(old), lines(new), incremental.reads_back(shapes))
    assert incremental.violations(found, ontology, shapes) == full
    return full


def test_changed_lines_are_the_symmetric_difference() -> None:
    old = [b"a", b"b", b"d", b"f"]
    new = [b"b", b"c", b"d", b"g", b"h"]
    assert sorted(incremental.changed_lines(old, new)) == [b"a", b"c", b"f", b"g", b"h"]
    assert incremental.changed_lines(new, new) == []
    assert incremental.changed_lines([], new) == new
    assert incremental.changed_lines(old, []) == old


def test_terms_of_a_line() -> None:
    assert incremental.terms(b"<s> <p> <o> .\n") == (b"<s>", b"<o>")
    assert incremental.terms(b'<s> <p> "a b > c" .\n') == (b"<s>", None)
    assert incremental.terms(b'<s> <p> "1"^^<http://x/int> .\n') == (b"<s>", None)
    assert incremental.terms(b"<s> <p> _:b1 .\n") == (b"<s>", b"_:b1")


def test_the_seed_graph_unchanged_has_nothing_to_check(
    seed: Graph, ontology: Graph, shapes: Graph
) -> None:
    found = incremental.affected(lines(seed), lines(seed), incremental.reads_back(shapes))
    assert found.changed == 0 and not found.focus and not found.lines
    assert incremental.violations(found, ontology, shapes) == set()


MUTATIONS = sorted(p.name for p in (SHAPES_DATA / "mutations").glob("*.ru"))


@pytest.mark.slow
@pytest.mark.parametrize("name", MUTATIONS)
def test_every_manifest_mutation_is_found_as_the_full_check_finds_it(
    name: str, ontology: Graph, shapes: Graph
) -> None:
    valid = load_graph(SHAPES_DATA / "valid.ttl")
    mutated = copy(valid)
    mutated.update((SHAPES_DATA / "mutations" / name).read_text(encoding="utf-8"))
    assert same_verdict(valid, mutated, ontology, shapes), "the mutation must break something"


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@pytest.mark.slow
@given(data=st.data())
def test_drawn_edits_of_the_seed_graph_get_the_full_verdict(
    data: st.DataObject, seed: Graph, ontology: Graph, shapes: Graph
) -> None:
    """Drop a triple, change its object, add a second object, or add a type."""
    mutated = drawn_edit(data, seed)
    same_verdict(seed, mutated, ontology, shapes)


def evidence_of(graph: Graph) -> dict[str, set[URIRef]]:
    """Evidence nodes by document IRI."""
    found: dict[str, set[URIRef]] = {}
    for node, doc in graph.subject_objects(PLO.inDocument):
        found.setdefault(str(doc), set()).add(node)  # type: ignore[arg-type]
    return found


def test_a_broken_quote_is_found_and_other_documents_are_not_checked_again(
    seed: Graph, ontology: Graph, shapes: Graph
) -> None:
    by_doc = evidence_of(seed)
    edited, *others = sorted(by_doc)
    span = sorted(by_doc[edited])[0]
    mutated = copy(seed)
    mutated.set((span, PLO.quote, Literal("words the document does not hold")))
    found = incremental.affected(lines(seed), lines(mutated), incremental.reads_back(shapes))
    assert f"<{span}>".encode() in found.focus
    assert {shape for shape, node in incremental.violations(found, ontology, shapes)} == {
        "https://w3id.org/platform-labour/shapes#EvidenceTextShape"
    }
    untouched = {f"<{n}>".encode() for doc in others for n in by_doc[doc]}
    assert untouched and not (untouched & found.focus)
    assert len(found.lines) < len(lines(seed)) / 4
    with pytest.raises(NonConformingGraph, match="EvidenceTextShape"):
        incremental.check(lines(seed), lines(mutated), lambda: mutated, ontology, shapes)


def test_a_changed_text_rechecks_the_quotes_of_its_document_only(
    seed: Graph, ontology: Graph, shapes: Graph
) -> None:
    by_doc = evidence_of(seed)
    edited, *others = sorted(by_doc)
    mutated = copy(seed)
    text = str(mutated.value(URIRef(edited), PLO.text))
    mutated.set((URIRef(edited), PLO.text, Literal("X" + text[1:])))
    found = incremental.affected(lines(seed), lines(mutated), incremental.reads_back(shapes))
    assert {f"<{n}>".encode() for n in by_doc[edited]} <= found.focus
    assert not {f"<{n}>".encode() for doc in others for n in by_doc[doc]} & found.focus
    full = fastcheck.violations(None, ontology, shapes, ntriples=b"".join(lines(mutated)))
    assert incremental.violations(found, ontology, shapes) == full


# -- how far the shapes read -------------------------------------------------------------------
ONE_STEP_SPARQL = {
    "QuoteMatchesText": "the quote's document's text",
    "EvidenceIriMatchesOffsets": "the evidence's document IRI",
    "FunctionsOfTheClass": "the node's own types and servesFunction (and the ontology)",
    "ValueXorRange": "the node's own values",
    "LayerIndicesRunOneToN": "the layers' indices",
    "AxiomTripleExists": "the annotated subject's triples",
    "RelationHasAxiom": "the axioms pointing at the node (owl:annotatedSource), and theirs",
    "DigestMatchesText": "the document's own text and digest",
    "EvidenceWithinText": "the evidence's document's text length",
}
"""Each SHACL-SPARQL constraint of the shapes, read and found to read only the triples of the
focus node, of a node it points to, or of a node pointing to it through the predicates
`incremental.SPARQL_READS_BACK` gives for it: what `incremental` relies on."""


def test_the_shapes_read_no_further_than_one_step(shapes: Graph) -> None:
    sparql = {str(c).rsplit("#", 1)[-1] for c in shapes.objects(None, SH.sparql)}
    assert set(incremental.SPARQL_READS_BACK) <= set(ONE_STEP_SPARQL)
    assert sparql == set(ONE_STEP_SPARQL), (
        "a SHACL-SPARQL constraint was added or removed: check that it reads no further than"
        " one step from its focus node (check/incremental.py), then list it here"
    )
    for path in shapes.objects(None, SH.path):
        if isinstance(path, BNode):
            inverse = list(shapes.objects(path, SH.inversePath))
            assert len(inverse) == 1 and isinstance(inverse[0], URIRef), path
        else:
            assert isinstance(path, URIRef), path
    # values are read one step away (sh:class reads a value's types); a shape on the values'
    # own values (sh:node, sh:property, or a logical constraint's shape with a path, on a
    # property shape) would read two
    for owner in set(shapes.subjects(SH.path, None)):
        inner = [*shapes.objects(owner, SH.node), *shapes.objects(owner, SH.property)]
        inner += [*shapes.objects(owner, SH["not"]), *shapes.objects(owner, SH.qualifiedValueShape)]
        for logical in (SH["or"], SH["and"], SH.xone):
            for members in shapes.objects(owner, logical):
                inner += list(Collection(shapes, members))
        for shape in inner:
            assert (shape, SH.path, None) not in shapes, f"{owner} reads its values' values"
            assert (shape, SH.property, None) not in shapes, f"{owner} reads its values' values"
            assert (shape, SH.node, None) not in shapes, f"{owner} reads its values' values"
    assert incremental.reads_back(shapes) == {
        f"<{p}>".encode() for p in (PLO.hasLayer, PLO.evidence, OWL.annotatedSource)
    }
