"""The validated shapes the compiler leaves aside, judged by pySHACL alone.

A shape with a target that uses SHACL `compiler` does not translate (sh:closed, sh:xone,
complex paths, sh:deactivated, ...), or whose query could not run, is neither refused nor
skipped: pySHACL validates the data graph against a shapes graph holding just those shapes
and what they reach (`shapes_of`), and its results under their names (`names`) join the
compiled check's. Each validated shape is thus judged whole by one engine, and a shapes graph
the compiler reads entirely (the project's own) never reaches this module: pySHACL then costs
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from labourgraph.check.shacl import reported_shape, shape_owners, validate

FOLLOWED = (
    SH.property,
    SH.node,
    SH.qualifiedValueShape,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.xone,
    RDF.first,
    RDF.rest,
    SH.sparql,
    SH.prefixes,
    SH.declare,
)
"""Predicates through which a shape reaches another shape, a list of them, or the prefixes
of its SPARQL: their IRI values are taken along (blank values always are)."""


def shapes_of(shapes: Graph, tops: Iterable[Node]) -> Graph:
    """A shapes graph holding `tops`, every node they reach through blank nodes or `FOLLOWED`
    predicates, and the `rdfs:subClassOf rdfs:Class` triples that make a shape a class."""
    out = Graph()
    todo, seen = list(tops), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for predicate, value in shapes.predicate_objects(node):
            out.add((node, predicate, value))
            if isinstance(value, BNode) or (predicate in FOLLOWED and isinstance(value, URIRef)):
                todo.append(value)
    for triple in shapes.triples((None, RDFS.subClassOf, RDFS.Class)):
        out.add(triple)
    return out


def names(shapes: Graph, tops: Iterable[Node]) -> set[str]:
    """The names results of `tops` are reported under: each top and every shape it holds
    through sh:property, blank ones named as `shacl.Violation.shape` names them."""
    owners = shape_owners(shapes)
    found, todo, seen = set(), list(tops), set()
    while todo:
        shape = todo.pop()
        if shape in seen:
            continue
        seen.add(shape)
        found.add(reported_shape(owners, shape))
        todo += shapes.objects(shape, SH.property)
    return found


def pyshacl_pairs(
    data: Graph, ontology: Graph, shapes: Graph, tops: Iterable[Node]
) -> set[tuple[str, str]]:
    """The (shape, focus node) pairs pySHACL reports for `tops` alone on `data`."""
    tops = sorted(tops, key=str)
    subset = shapes_of(shapes, tops)
    wanted = names(subset, tops)
    result = validate(data, shapes=subset, ontology=ontology)
    return {(v.shape, v.focus) for v in result.violations if v.shape in wanted}
