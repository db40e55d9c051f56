"""Random edits of an RDF graph, drawn by hypothesis: what the validation tests
(`check/test_fastcheck.py`, `check/test_incremental.py`) check their engines against."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from labourgraph.core.rdfio import to_oxigraph
from labourgraph.core.vocab import PLD, PLO

VALUES = [
    Literal("abc"),
    Literal(""),
    Literal("percent"),
    Literal("EUR"),
    Literal("x", lang="en"),
    Literal("5", datatype=XSD.integer),
    Literal("7", datatype=XSD.nonNegativeInteger),
    Literal("-3", datatype=XSD.nonNegativeInteger),
    Literal("0.5", datatype=XSD.decimal),
    Literal("150", datatype=XSD.decimal),
    Literal("-1", datatype=XSD.decimal),
    Literal("true", datatype=XSD.boolean),
    Literal("2020-01-01", datatype=XSD.date),
    Literal("2019", datatype=XSD.gYear),
    PLD["place/france"],
    PLD["organisation/appen"],
    PLO.Preparation,
    PLO.Evidence,
]
"""Values an edit puts in place of a triple's object: odd literals, and nodes of each kind."""


def lines(graph: Graph) -> list[bytes]:
    """The graph as the build hands it over: sorted lines, each triple as pyoxigraph writes
    it, blank node labels kept (`to_ntriples` relabels them, which pySHACL's focus nodes
    would not match)."""
    rows = (ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in graph)
    return sorted({f"{row} .\n".encode() for row in rows})


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def drawn_edit(data: st.DataObject, graph: Graph) -> Graph:
    """A copy of `graph` with one triple dropped, its object changed, a second object
    added, or a type added to its subject."""
    triples = sorted(graph)
    edited = copy(graph)
    s, p, o = data.draw(st.sampled_from(triples))
    action = data.draw(st.sampled_from(["drop", "replace", "add", "type"]))
    if action == "drop":
        edited.remove((s, p, o))
    elif action == "type":
        types = sorted(set(graph.objects(None, RDF.type)))
        edited.add((s, RDF.type, data.draw(st.sampled_from(types))))
    else:
        if action == "replace":
            edited.remove((s, p, o))
        edited.add((s, p, data.draw(st.sampled_from(VALUES))))
    return edited
