"""The queries of the validated shapes, written for pyoxigraph's planner, and `compile_plan`,
every query the shapes make and the shapes left to pySHACL.

Each shape with targets (explicit, or implicit for a shape that is a class) is compiled
together with the shapes it holds through sh:property, each on its own focus nodes: the value
counts and value tests of all the property shapes on the same focus nodes go into one query
(`Merged`), grouped by focus node with a flag per reported shape; the constraints on the focus
node itself into one FILTER; sh:class, sh:hasValue and the qualified counts into a query each,
with joins, MINUS and GROUP BY rather than FILTER (NOT) EXISTS (pyoxigraph plans the pattern
inside EXISTS without the outer bindings, once per row); sh:lessThan(OrEquals) into a query
each (`property_pair.pair_checks`). The SHACL-SPARQL constraints follow (`sparql_based`).

A shape with targets any part of which is not compiled (`UnsupportedShape`) is left whole to
pySHACL (`Plan.delegated`, run by `delegate`), so that each validated shape is judged by one
engine, all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier, Node

from labourgraph.check.fastcheck import other, shape_based, value_type
from labourgraph.check.fastcheck.compiler import PAIR_TESTS, Compiler
from labourgraph.check.fastcheck.context import (
    Subclasses,
    TopQuery,
    UnsupportedShape,
    own_class,
)
from labourgraph.check.fastcheck.literals import Literals
from labourgraph.check.fastcheck.property_pair import pair_checks
from labourgraph.check.fastcheck.report import CORE_VIEW, Check
from labourgraph.check.fastcheck.sparql_based import sparql_checks, sparql_prefixes
from labourgraph.check.fastcheck.targets import distinct_focus, focus_nodes, validated_shapes

TOP_QUERIES: dict[URIRef, TopQuery] = {
    **value_type.TOP_QUERIES,
    **other.TOP_QUERIES,
    **shape_based.TOP_QUERIES,
}
"""The constraints a shape with targets checks in a query of their own."""
PER_FOCUS = True
"""Merged queries (`merged_check`) group the values of one focus node at a time, in a
`LATERAL` subquery evaluated for each focus node, rather than all the focus nodes' groups
at once: pyoxigraph holds every group of a GROUP BY until the last row, about 2 KB a focus
node for the 15 aggregates of `shapes:EvidenceShape` (+853 MB for the 400,000 evidence
spans of the ×1000 graph, the largest part of validation's memory; +191 MB per focus node).
Same rows, same CPU (issue 19); False writes the whole-graph GROUP BY, which the tests
compare it with."""


@dataclass
class Plan:
    """What the shapes compile to: the queries, and the validated shapes left to pySHACL."""

    checks: list[Check] = field(default_factory=list)
    validated: list[Identifier] = field(default_factory=list)
    """Every shape validated on focus nodes of its own (`targets.validated_shapes`)."""
    delegated: dict[Node, str] = field(default_factory=dict)
    """Validated shape -> why it was not compiled (the `UnsupportedShape` message)."""
    failed: dict[Node, str] = field(default_factory=dict)
    """Validated shape -> the error a query of it raised when run (`runner.run`): also left
    to pySHACL."""


def compile_plan(
    shapes: Graph,
    literals: Literals | None = None,
    subclasses: Subclasses | None = None,
) -> Plan:
    """Every validated shape (one with a target, `targets.validated_shapes`) compiled to
    queries with everything it reaches, or, if any of that is not compiled, left whole to
    pySHACL (`Plan.delegated`): never guessed, never skipped."""
    compiler = Compiler(shapes, literals or Literals(), subclasses or own_class)
    prefixes = sparql_prefixes(compiler)
    plan = Plan(validated=validated_shapes(compiler))
    for top in plan.validated:
        try:
            checks = top_checks(compiler, top) + sparql_checks(compiler, top, prefixes)
        except UnsupportedShape as err:
            plan.delegated[top] = str(err)
        else:
            plan.checks += [replace(check, top=top) for check in checks]
    return plan


def compile_shapes(
    shapes: Graph,
    literals: Literals | None = None,
    subclasses: Subclasses | None = None,
) -> list[Check]:
    """Every check the shapes make, as queries; raises `UnsupportedShape` if any validated
    shape is not compiled (for callers that want the queries of all the shapes, such as the
    benchmark; `compile_plan` leaves such shapes to pySHACL instead)."""
    plan = compile_plan(shapes, literals, subclasses)
    if plan.delegated:
        raise UnsupportedShape(min(plan.delegated.items(), key=lambda item: str(item[0]))[1])
    return plan.checks


@dataclass
class Merged:
    """The value counts and value tests of all the property shapes validated on the same focus
    nodes, to be checked in one query (`merged_check`): one scan of the focus nodes and of each
    path, where one query per constraint would scan them again each time."""

    branches: list[str] = field(default_factory=list)
    """`{ focus path ?v BIND(1 if the value fails, else 0 AS ?x) }`, one per property shape."""
    aggregates: list[str] = field(default_factory=list)
    fails: dict[str, list[str]] = field(default_factory=dict)
    """Reported shape name -> conditions on the aggregates that make the focus node fail it."""


def top_checks(c: Compiler, top: Node) -> list[Check]:
    """The checks of a shape with a target, on its focus nodes, and of every shape it holds
    through sh:property, each on its own focus nodes (`on_focus`)."""
    checks: list[Check] = []
    target = focus_nodes(c, top)
    merged = Merged()
    on_focus(c, top, target, merged, checks)
    if merged.branches:
        checks.append(merged_check(c, top, target, merged))
    return checks


def on_focus(c: Compiler, shape: Node, target: str, merged: Merged, checks: list[Check]) -> None:
    """Add the checks of `shape` validated on the focus nodes `target` (a pattern binding
    `?this`), its counts and value tests to `merged`; then of its sh:property shapes: those of
    a node shape on the same focus nodes, those of a property shape on its values (SHACL
    4.7.2: the value nodes are their focus nodes), with a merged query of their own."""
    with c.entered(shape):
        checks += shape_checks(c, shape, target, merged)
        props = c.property_shapes(shape)
        for prop in props:
            if c.has(prop, SH.sparql):
                raise UnsupportedShape(f"{prop}: SHACL-SPARQL on a shape held by sh:property")
        if not c.has(shape, SH.path):
            for prop in props:
                on_focus(c, prop, target, merged, checks)
        elif props:
            values = values_of(c, shape, target)
            inner = Merged()
            for prop in props:
                on_focus(c, prop, values, inner, checks)
            if inner.branches:
                checks.append(merged_check(c, shape, values, inner))


def values_of(c: Compiler, shape: Node, target: str) -> str:
    """The values of a property shape's path from the focus nodes `target`, as a pattern
    binding `?this` to each once."""
    focus = c.var()
    return distinct_focus(
        f"{{ {{ SELECT (?this AS {focus}) WHERE {target} }} {c.path(shape)(focus, '?this')} }}"
    )


def shape_checks(c: Compiler, shape: Node, target: str, merged: Merged) -> list[Check]:
    """The queries of one shape validated on the focus nodes `target`: a property shape's
    counts and tests of each value go to `merged`, the constraints on the focus node into one
    FILTER, the others one query each (all report the same shape name, so merging loses
    nothing)."""
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
    value `v`, a variable of its own, each guarded: an evaluation error fails the value) to
    the merged query; nothing if they cannot fail (`sh:minCount 0` alone)."""
    k = v[2:]
    step = c.path(shape)("?this", v)
    aggregates = [f"(COUNT({v}) AS ?n{k})"]
    conditions = []
    if value_tests:
        tests = " || ".join(value_tests)
        step += f" BIND(IF({tests}, 1, 0) AS ?x{k})"
        # COALESCE: pyoxigraph's MAX of a group where some ?x is unbound is unbound
        aggregates.append(f"(MAX(COALESCE(?x{k}, 0)) AS ?b{k})")
        conditions.append(f"COALESCE(?b{k} = 1, false)")
    if counts.get(SH.minCount, 0) > 0:
        conditions.append(f"?n{k} < {counts[SH.minCount]}")
    if SH.maxCount in counts:
        conditions.append(f"?n{k} > {counts[SH.maxCount]}")
    if not conditions:
        return
    merged.branches.append(f"{{ {step} }}")
    merged.aggregates += aggregates
    merged.fails.setdefault(c.reported(shape), []).extend(conditions)


def merged_check(c: Compiler, owner: Node, target: str, merged: Merged) -> Check:
    """One query for the counts and value tests `merged` holds: the values of every path (a
    UNION, so no cross product) grouped by focus node, each focus node kept with one flag per
    shape name. `COUNT(?v)` counts distinct values: a path step matches each (focus, value)
    pair once in a store's one graph, and the focus nodes are DISTINCT.

    With `PER_FOCUS`, the values are grouped one focus node at a time (`LATERAL`), so that
    the query holds one group at a time instead of all of them (issue 19)."""
    names = sorted(merged.fails)
    flags = " ".join(
        f"BIND(COALESCE({' || '.join(merged.fails[name])}, false) AS ?f{i})"
        for i, name in enumerate(names)
    )
    columns = " ".join(f"?f{i}" for i in range(len(names)))
    values = f"OPTIONAL {{ {' UNION '.join(merged.branches)} }}"
    group = f"SELECT ?this {' '.join(merged.aggregates)} WHERE {{"
    if PER_FOCUS:
        # pyoxigraph evaluates the subquery once per focus node, `?this` bound; a focus node
        # without any value keeps its one row (the empty pattern's) and counts 0, as it does
        # in the OPTIONAL of the whole-graph GROUP BY
        grouped = f"{distinct_focus(target)} LATERAL {{ {group} {values} }} GROUP BY ?this }}"
    else:
        grouped = f"{{ {group} {distinct_focus(target)} {values} }} GROUP BY ?this }}"
    query = (
        f"SELECT ?this {columns} WHERE {{ {grouped} "
        f"{flags} FILTER({' || '.join(f'?f{i}' for i in range(len(names)))}) }}"
    )
    return Check(c.reported(owner), query, CORE_VIEW, flags=tuple(names))
