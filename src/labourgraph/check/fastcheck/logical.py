"""Logical constraint components (SHACL 4.6): sh:not, sh:and, sh:or, each over whole shapes
(`ShapeContext.fails`); the shape under sh:not is compiled `negated`, so that an evaluation
error in it still reads as a failure of the sh:not."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, Test


def or_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    members = c.items(shape, predicate)
    return "(" + " && ".join(c.fails(m, v) for m in members) + ")" if members else "true"


def and_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    members = c.items(shape, predicate)
    return "(" + " || ".join(c.fails(m, v) for m in members) + ")" if members else "false"


def not_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    with c.negated():
        return f"!{c.fails(param, v)}"


VALUE_TESTS: dict[URIRef, Test] = {SH["or"]: or_fails, SH["and"]: and_fails, SH["not"]: not_fails}
