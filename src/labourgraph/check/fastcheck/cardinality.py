"""Cardinality constraint components (SHACL 4.2): sh:minCount, sh:maxCount.

Inside a logical or shape-based constraint a count is a pattern of that many pairwise
different values (`EXISTS`), so counts stop at 4; at the top, the counts of a shape's property
shapes are aggregates of one merged query (`plan.merge`).
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, Step, Test, UnsupportedShape

MAX_LISTED = 5
"""The most values a count pattern lists (sh:maxCount 4, sh:minCount 5)."""


def count_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, f: str) -> str:
    step = c.path(shape)
    limit = c.integer(shape, predicate)
    return limit_fails(c, shape, step, f, limit, at_most=predicate == SH.maxCount)


def limit_fails(
    c: ShapeContext,
    shape: Node,
    step: Step,
    f: str,
    limit: int,
    at_most: bool,
    keep: Callable[[str], str] | None = None,
) -> str:
    """Does focus `f` have more than `limit` values (`at_most`) or fewer (else), counting
    only the values `keep` (an expression of the value's variable) holds of."""
    at_least = limit + 1 if at_most else limit
    if at_least == 0:
        return "true" if at_most else "false"
    if at_least > MAX_LISTED:
        raise UnsupportedShape(f"{shape}: counts above 4 are not compiled")
    names, pattern, tests = c.distinct_values(step, f, at_least)
    if keep is not None:
        tests += [keep(x) for x in names]
    found = f"EXISTS {{ {pattern} FILTER({' && '.join(tests) or 'true'}) }}"
    return found if at_most else f"!{found}"


def count_query(step: Step, target: str, limit: int, at_most: bool, keep: str = "") -> str:
    """The focus nodes with more than `limit` values (`at_most`) or fewer (else) passing the
    filter `keep`, as a query grouped by focus node."""
    op = ">" if at_most else "<"
    values = f"{step('?this', '?v')} {keep}"
    if not at_most:
        values = f"OPTIONAL {{ {values} }}"
    return (
        f"SELECT ?this WHERE {{ {target} {values} }} "
        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {limit})"
    )


SET_TESTS: dict[URIRef, Test] = {SH.minCount: count_fails, SH.maxCount: count_fails}
