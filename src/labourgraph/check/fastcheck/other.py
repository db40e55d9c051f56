"""Other constraint components (SHACL 4.8): sh:in, sh:hasValue (sh:closed is not compiled).

sh:hasValue is compiled on property shapes only.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, Test, TopQuery


def in_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    return f"!{c.any_term(v, (c.term(t) for t in c.items(shape, predicate)))}"


def has_value_fails(c: ShapeContext, shape: Node, predicate: URIRef, value: Node, f: str) -> str:
    step = c.path(shape)
    return f"NOT EXISTS {{ {step(f, c.term(value))} }}"


def has_value_query(
    c: ShapeContext, shape: Node, predicate: URIRef, value: Node, target: str
) -> str:
    """sh:hasValue on a shape with targets, with MINUS rather than FILTER NOT EXISTS."""
    step = c.property_path(shape, predicate)
    return f"SELECT DISTINCT ?this WHERE {{ {target} MINUS {{ {step('?this', c.term(value))} }} }}"


VALUE_TESTS: dict[URIRef, Test] = {SH["in"]: in_fails}
SET_TESTS: dict[URIRef, Test] = {SH.hasValue: has_value_fails}
TOP_QUERIES: dict[URIRef, TopQuery] = {SH.hasValue: has_value_query}
