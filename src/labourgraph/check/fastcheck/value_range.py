"""Value range constraint components (SHACL 4.3): sh:minInclusive, sh:maxInclusive,
sh:minExclusive, sh:maxExclusive.

Bounds are integers or decimals. A value of the plain `xsd:integer` / `xsd:nonNegativeInteger`
/ `xsd:decimal` grammar is compared in SPARQL once cast to `xsd:decimal`; an odd literal
passes only if rdflib's comparison (pySHACL's `compare_literal`) says so.
"""

from __future__ import annotations

from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, Test, UnsupportedShape
from labourgraph.check.fastcheck.literals import REGULAR, REGULAR_RAW

RANGES = {
    SH.minInclusive: ">=",
    SH.minExclusive: ">",
    SH.maxInclusive: "<=",
    SH.maxExclusive: "<",
}
"""Parameter -> the comparison a value must pass against the bound."""


def range_fails(c: ShapeContext, shape: Node, predicate: URIRef, bound: Node, v: str) -> str:
    op = RANGES[predicate]
    if not isinstance(bound, Literal) or not isinstance(bound.value, int | Decimal):
        raise UnsupportedShape(f"{shape}: only integer and decimal bounds are compiled")
    passing = c.literals.where(lambda lit: range_holds(lit, bound, op))
    return (
        f"!(({number(c, v)} && COALESCE(<{XSD.decimal}>(STR({v})) {op} {bound}, false))"
        f" || {c.any_term(v, passing)})"
    )


def range_holds(value: object, bound: Literal, op: str) -> bool:
    """pySHACL's sh:min/maxIn/Exclusive test of one value node."""
    if not isinstance(value, Literal):
        return False
    if isinstance(value.value, str) != isinstance(bound.value, str):
        return False
    try:
        cmp = compare_literal(value, bound)
    except (TypeError, NotImplementedError):
        return False
    return {">=": cmp >= 0, ">": cmp > 0, "<=": cmp <= 0, "<": cmp < 0}[op]


def number(c: ShapeContext, v: str) -> str:
    """`v` is a literal of the `REGULAR` grammar, which SPARQL casts as rdflib reads it."""
    irregular = c.literals.where(lambda lit: str(lit.datatype) in REGULAR)
    return f"(isLiteral({v}) && DATATYPE({v}) IN ({REGULAR_RAW}) && !{c.any_term(v, irregular)})"


VALUE_TESTS: dict[URIRef, Test] = dict.fromkeys(RANGES, range_fails)
