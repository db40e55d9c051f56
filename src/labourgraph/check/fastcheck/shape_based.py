"""Shape-based constraint components (SHACL 4.7): sh:node, sh:qualifiedValueShape with
sh:qualifiedMinCount / sh:qualifiedMaxCount (sh:property is the compiler's own walk).

sh:qualifiedValueShapesDisjoint is compiled only when false.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from labourgraph.check.fastcheck.cardinality import count_query, limit_fails
from labourgraph.check.fastcheck.context import ShapeContext, Test, TopQuery, UnsupportedShape

QUALIFIED_COUNTS = (SH.qualifiedMinCount, SH.qualifiedMaxCount)


def node_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    if c.has(param, SH.path):
        raise UnsupportedShape(f"{shape}: sh:node {param} is a property shape")
    return c.fails(param, v)


def qualified_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, f: str) -> str:
    """Does focus `f` have too many or too few values that conform to the qualified shape."""
    step = c.path(shape)
    qualified = c.one(shape, SH.qualifiedValueShape)
    limit = c.integer(shape, predicate)
    at_most = predicate == SH.qualifiedMaxCount

    def keep(x: str) -> str:
        return conforms(c, qualified, x, at_most)

    return limit_fails(c, shape, step, f, limit, at_most, keep=keep)


def conforms(c: ShapeContext, qualified: Node, v: str, at_most: bool) -> str:
    """Does value `v` conform to the qualified shape: a value whose test meets an evaluation
    error is counted where that makes the count fail (towards a maximum, not towards a
    minimum)."""
    with c.negated(at_most):
        return f"!{c.fails(qualified, v)}"


def qualified_query(
    c: ShapeContext, shape: Node, predicate: URIRef, param: Node, target: str
) -> str:
    step = c.property_path(shape, predicate)
    limit = c.integer(shape, predicate)
    at_most = predicate == SH.qualifiedMaxCount
    keep = f"FILTER({conforms(c, c.one(shape, SH.qualifiedValueShape), '?v', at_most)})"
    return count_query(step, target, limit, at_most, keep)


VALUE_TESTS: dict[URIRef, Test] = {SH.node: node_fails}
SET_TESTS: dict[URIRef, Test] = dict.fromkeys(QUALIFIED_COUNTS, qualified_fails)
TOP_QUERIES: dict[URIRef, TopQuery] = dict.fromkeys(QUALIFIED_COUNTS, qualified_query)
