"""The queries of the shapes with targets, written for pyoxigraph's planner, and
`compile_shapes`, every query the shapes make.

Each shape with targets is compiled together with its property shapes, on its focus nodes:
the value counts and value tests of all its property shapes go into one query (`Merged`),
grouped by focus node with a flag per reported shape; the constraints on the focus node itself
into one FILTER; sh:class, sh:hasValue and the qualified counts into a query each, with joins,
MINUS and GROUP BY rather than FILTER (NOT) EXISTS (pyoxigraph plans the pattern inside EXISTS
without the outer bindings, once per row); sh:lessThan(OrEquals) into a query each
(`property_pair.pair_checks`). The SHACL-SPARQL constraints follow (`sparql_based`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from labourgraph.check.fastcheck import other, shape_based, value_type
from labourgraph.check.fastcheck.compiler import PAIR_TESTS, Compiler
from labourgraph.check.fastcheck.context import (
    Subclasses,
    TopQuery,
    UnsupportedShape,
    ordered,
    own_class,
)
from labourgraph.check.fastcheck.literals import Literals
from labourgraph.check.fastcheck.property_pair import pair_checks
from labourgraph.check.fastcheck.report import CORE_VIEW, Check
from labourgraph.check.fastcheck.sparql_based import sparql_checks
from labourgraph.check.fastcheck.targets import TARGETS, focus_nodes

TOP_QUERIES: dict[URIRef, TopQuery] = {
    **value_type.TOP_QUERIES,
    **other.TOP_QUERIES,
    **shape_based.TOP_QUERIES,
}
"""The constraints a shape with targets checks in a query of their own."""


def compile_shapes(
    shapes: Graph,
    literals: Literals | None = None,
    subclasses: Subclasses | None = None,
) -> list[Check]:
    """Every check the shapes make, as queries; raises `UnsupportedShape` for SHACL this
    compiler does not translate."""
    compiler = Compiler(shapes, literals or Literals(), subclasses or own_class)
    return top_checks(compiler) + sparql_checks(compiler)


@dataclass
class Merged:
    """The value counts and value tests of all the property shapes of one shape with targets,
    to be checked in one query (`merged_check`): one scan of the focus nodes and of each path,
    where one query per constraint would scan them again each time."""

    branches: list[str] = field(default_factory=list)
    """`{ focus path ?v BIND(1 if the value fails, else 0 AS ?x) }`, one per property shape."""
    aggregates: list[str] = field(default_factory=list)
    fails: dict[str, list[str]] = field(default_factory=dict)
    """Reported shape name -> conditions on the aggregates that make the focus node fail it."""


def top_checks(c: Compiler) -> list[Check]:
    """The checks of every shape with a target, then of each of its property shapes, all on
    the shape's focus nodes."""
    checks = []
    tops = sorted({s for p in TARGETS for s in c.shapes.subjects(p, None)}, key=str)
    for top in tops:
        target = focus_nodes(c, top)
        merged = Merged()
        checks += shape_checks(c, top, target, merged)
        for prop in ordered(c.shapes.objects(top, SH.property)):
            if c.has(prop, SH.property):
                raise UnsupportedShape(f"{prop}: sh:property on a property shape")
            checks += shape_checks(c, prop, target, merged)
        if merged.branches:
            checks.append(merged_check(c, top, merged))
    return checks


def shape_checks(c: Compiler, shape: Node, target: str, merged: Merged) -> list[Check]:
    """The queries of one shape reached from a shape with targets: a property shape's counts
    and tests of each value go to the merged query of its shape with targets, the constraints
    on the focus node into one FILTER, the others one query each (all report the same shape
    name, so merging loses nothing)."""
    name = c.reported(shape)
    has_path = c.has(shape, SH.path)
    checks: list[Check] = []
    node_tests: list[str] = []
    value_tests: list[str] = []
    counts: dict[URIRef, int] = {}
    v = c.var()
    for predicate, param in c.own_constraints(shape):
        if predicate in PAIR_TESTS:
            checks += pair_checks(c, shape, name, target, predicate, param)
        elif predicate in TOP_QUERIES:
            query = TOP_QUERIES[predicate](c, shape, predicate, param, target)
            checks.append(Check(name, query, CORE_VIEW))
        elif has_path and predicate in (SH.minCount, SH.maxCount):
            counts[predicate] = c.integer(shape, predicate)
        elif has_path and predicate != SH.uniqueLang:
            value = c.value_fails(shape, predicate, param, v)
            if value is None:
                raise UnsupportedShape(f"{shape}: {predicate} is not compiled by fastcheck")
            value_tests.append(value)
        else:
            node_tests.append(c.constraint_fails(shape, predicate, param, "?this"))
    if node_tests:
        query = f"SELECT DISTINCT ?this WHERE {{ {target} FILTER({' || '.join(node_tests)}) }}"
        checks.append(Check(name, query, CORE_VIEW))
    if value_tests or counts:
        merge(c, shape, merged, counts, value_tests, v)
    return checks


def merge(
    c: Compiler,
    shape: Node,
    merged: Merged,
    counts: dict[URIRef, int],
    value_tests: list[str],
    v: str,
) -> None:
    """Hand a property shape's sh:minCount / sh:maxCount and value tests (expressions of the
    value `v`, a variable of its own) to the shape's merged query."""
    k = v[2:]
    step = c.path(shape)("?this", v)
    merged.aggregates.append(f"(COUNT({v}) AS ?n{k})")
    fails = merged.fails.setdefault(c.reported(shape), [])
    if value_tests:
        tests = " || ".join(value_tests)
        step += f" BIND(IF(COALESCE({tests}, false), 1, 0) AS ?x{k})"
        # COALESCE: pyoxigraph's MAX of a group where some ?x is unbound is unbound
        merged.aggregates.append(f"(MAX(COALESCE(?x{k}, 0)) AS ?b{k})")
        fails.append(f"COALESCE(?b{k} = 1, false)")
    merged.branches.append(f"{{ {step} }}")
    if SH.minCount in counts and counts[SH.minCount] > 0:
        fails.append(f"?n{k} < {counts[SH.minCount]}")
    if SH.maxCount in counts:
        fails.append(f"?n{k} > {counts[SH.maxCount]}")


def merged_check(c: Compiler, top: Node, merged: Merged) -> Check:
    """One query for the counts and value tests `merged` holds: the values of every path (a
    UNION, so no cross product) grouped by focus node, each focus node kept with one flag per
    shape name. `COUNT(?v)` counts distinct values: a path step matches each (focus, value)
    pair once in a store's one graph, and the targets are DISTINCT."""
    names = sorted(merged.fails)
    flags = " ".join(
        f"BIND(COALESCE({' || '.join(merged.fails[name])}, false) AS ?f{i})"
        for i, name in enumerate(names)
    )
    columns = " ".join(f"?f{i}" for i in range(len(names)))
    query = (
        f"SELECT ?this {columns} WHERE {{ "
        f"{{ SELECT ?this {' '.join(merged.aggregates)} WHERE {{ "
        f"{focus_nodes(c, top, distinct=True)} "
        f"OPTIONAL {{ {' UNION '.join(merged.branches)} }} }} GROUP BY ?this }} "
        f"{flags} FILTER({' || '.join(f'?f{i}' for i in range(len(names)))}) }}"
    )
    return Check(c.reported(top), query, CORE_VIEW, flags=tuple(names))
