"""One label per node: the Python rule and the SPARQL fragment pick the same label."""

from __future__ import annotations

import doctest

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from labourgraph.core.errors import LabourgraphError
from labourgraph.publish import labels
from labourgraph.publish.labels import check_language, label_of, label_pattern, pick_label

NODES = {
    "both": [Literal("image annotation", lang="en"), Literal("annotation d'images", lang="fr")],
    "french": [Literal("annotation d'images", lang="fr")],
    "english": [Literal("demand decline", lang="en")],
    "plain": [Literal("Appen")],
    "regional": [Literal("colour", lang="en-GB"), Literal("couleur", lang="fr")],
    "none": [],
}


def _graph() -> Graph:
    graph = Graph()
    for name, found in NODES.items():
        for label in found:
            graph.add((URIRef(f"http://example.org/{name}"), RDFS.label, label))
    return graph


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_fragment_and_the_function_agree(lang: str) -> None:
    graph = _graph()
    store = ox.Store()
    store.load(graph.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?n ?label WHERE {\n"
        "  VALUES ?n { "
        + " ".join(f"<http://example.org/{n}>" for n in NODES)
        + " }\n"
        + label_pattern("?n", "?label", lang)
        + "\n}"
    )
    rows = [(row[0].value, row[1].value if row[1] else None) for row in store.query(query)]
    assert len(rows) == len(NODES), "one row per node"
    for node, label in rows:
        assert label == label_of(graph, URIRef(node), lang), node


def test_the_asked_language_first_then_the_other() -> None:
    assert pick_label(NODES["both"], "en") == "image annotation"
    assert pick_label(NODES["both"], "fr") == "annotation d'images"
    assert pick_label(NODES["french"], "en") == "annotation d'images"
    assert pick_label(NODES["english"], "fr") == "demand decline"
    assert pick_label(NODES["plain"], "fr") == "Appen"
    assert pick_label(NODES["regional"], "en") == "colour"
    assert pick_label([], "en") is None


def test_only_the_graph_languages() -> None:
    assert check_language("fr") == "fr"
    with pytest.raises(LabourgraphError, match="choose one of en, fr"):
        check_language("de")
    with pytest.raises(LabourgraphError):
        label_pattern("?n", "?l", 'en" ) } ; DROP ALL')


def test_doctests() -> None:
    assert doctest.testmod(labels).failed == 0
