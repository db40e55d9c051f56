"""Validation at scale: the shapes compiled to SPARQL and run once over the whole graph.

pySHACL, the reference engine, walks every focus node in Python over rdflib, which takes
minutes at scale (docs/benchmarks.md). Here every SHACL Core constraint that
`ontology/shapes.ttl` uses is compiled to SPARQL SELECTs returning the focus nodes that break
it, each SHACL-SPARQL constraint runs once joined with its shape's targets, and all run in
pyoxigraph over the data graph plus the ontology. `violations` returns the (shape, focus node)
pairs `shacl.validate` reports, the shape named as its `Violation.shape` is.

The modules follow the SHACL specification, as pySHACL's `constraints` package does:
`targets` (2.1.3, implicit class targets included), `value_type` (4.1: class, datatype,
nodeKind), `cardinality` (4.2), `value_range` (4.3), `string_based` (4.4: length, pattern,
uniqueLang), `property_pair` (4.5: lessThan, lessThanOrEquals), `logical` (4.6: not, and, or),
`shape_based` (4.7: node, property shapes of property shapes on their values, qualified value
shapes), `other` (4.8: in, hasValue), `sparql_based` (5). `context` is what they all read,
`compiler` dispatches a shape's parameters to them, `plan` writes the queries of the shapes
with targets; `literals` is how typed literals are stored and judged, `runner` loads the store
and runs the queries (`child`: in a process of its own for a store on disk), `report` turns
rows into pairs, `delegate` hands pySHACL what is not compiled.

It errs only on the safe side, where `check` asks pySHACL again:
- A shape with a target that uses anything else (sh:closed, sh:equals, sh:xone, sh:languageIn,
  sh:deactivated, property paths other than a predicate or an sh:inversePath, regex syntax
  Python and XPath read differently, a shape that reaches itself, a shape pySHACL would refuse
  as ill-formed, a constant typed ^^xsd:string) is validated by pySHACL alone, with just the
  shapes it reaches (`delegate`): never guessed, skipped or refused. So is a shape a query of
  which fails to run, and every shape when the data or ontology, given as rdflib graphs, hold
  a literal typed ^^xsd:string (rdflib keeps it apart from the plain string, the store does
  not; N-Triples pyoxigraph wrote, as the build hands them over, never hold one).
  `compile_shapes` raises `UnsupportedShape` instead, for callers that want every query.
- An evaluation error inside a compiled test (REGEX on a pattern that does not compile, ...)
  reads as a violation, not as a pass (`context.ShapeContext.guard`).
The W3C SHACL Core test suite checks both (`tests/check/test_w3c_shacl_core.py`).

Where rdflib's reading of a literal decides (is it ill-typed, does a date compare with an
integer), the answer is rdflib's own, computed once per distinct literal (`literals`). One
known difference remains, on data no build writes: SHACL-SPARQL constraints read the store of
the triples as they are, where pyoxigraph keeps numbers by value (`STR("007"^^xsd:integer)` is
`"7"`, a `xsd:nonNegativeInteger` has `DATATYPE` `xsd:integer`), while rdflib keeps the
lexical form and the datatype as written; the build writes numbers in canonical form, and the
project's SPARQL constraints test no datatype.

`check` answers the build's question: does the graph conform? A graph this check finds at
fault is then validated again by `shacl.assert_conforms`, the authoritative engine, which
raises with its usual report; so a build fails with the same message either way, and only the
conforming case (every build that publishes) takes the fast path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from labourgraph.check.fastcheck import child
from labourgraph.check.fastcheck.context import EXPLICIT_STRING, UnsupportedShape
from labourgraph.check.fastcheck.delegate import pyshacl_pairs
from labourgraph.check.fastcheck.literals import Literals
from labourgraph.check.fastcheck.plan import Plan, compile_plan, compile_shapes
from labourgraph.check.fastcheck.report import CORE_VIEW
from labourgraph.check.fastcheck.runner import (
    Found,
    load_stores,
    ntriples_of,
    ox_triples,
    run,
    store_folder,
    subclasses_in,
)
from labourgraph.check.shacl import assert_conforms, load_shapes
from labourgraph.core.rdfio import graph_of, rdflib_triples

__all__ = ["Plan", "UnsupportedShape", "check", "compile_plan", "compile_shapes", "violations"]

Data = Graph | Callable[[], Graph] | None
"""The data graph as rdflib's, or a function making it (called only if pySHACL needs it)."""


def violations(
    data: Data,
    ontology: Graph,
    shapes: Graph | None = None,
    triples: Iterable[ox.Triple] | None = None,
    ntriples: bytes | Path | None = None,
    plans: list[Plan] | None = None,
) -> set[tuple[str, str]]:
    """(shape, focus node) pairs the graph violates, as pySHACL on all the shapes reports them.

    The data graph comes as an rdflib Graph (`data`), as pyoxigraph triples (`triples`), or
    as N-Triples (`ntriples`: one triple a line, each written as pyoxigraph writes it,
    `str(triple) + " .\\n"`, or a file of such lines, read as the stores load it), the
    cheapest; with either of the last two `data` is not read
    unless some shape is left to pySHACL (`delegate`), and may be None (the graph is then
    read from the triples) or a function making it. `plans`, if given, receives the plan the
    shapes compiled to, with the shapes whose queries failed in its `failed`.
    """
    shapes = shapes if shapes is not None else load_shapes()
    strings: list[Literal] = []
    if ntriples is None and triples is None:
        data = _graph(data)
        if data is None:
            raise ValueError("violations needs the data graph or its triples")
        triples = ox_triples(data, strings)
    elif isinstance(data, Graph):
        strings += _explicit_strings(data)
    if ntriples is None:
        ntriples = ntriples_of(triples or ())
    lines = ntriples_of(ox_triples(ontology, strings))
    with store_folder(ntriples) as folder:
        if folder is not None and isinstance(ntriples, Path) and child.IN_CHILD:
            plan, found = child.store_verdict(ntriples, lines, shapes, bool(strings), folder)
        else:
            plan, found = store_verdict(ntriples, lines, shapes, bool(strings), folder)
    if plans is not None:
        plans.append(plan)
    if not plan.delegated and not plan.failed:
        return found.pairs
    graph = _graph(data)
    if graph is None:
        text = ntriples.read_bytes() if isinstance(ntriples, Path) else ntriples
        graph = graph_of(rdflib_triples(text))
    tops = {*plan.delegated, *plan.failed}
    return found.pairs | pyshacl_pairs(graph, ontology, shapes, tops)


def store_verdict(
    ntriples: bytes | Path, ontology: bytes, shapes: Graph, strings: bool, folder: Path | None
) -> tuple[Plan, Found]:
    """The shapes' plan and what its queries found on the data and ontology's lines (the
    store on disk in `folder` if given, `store_folder`), the plan's `failed` filled in; with
    `strings` (some literal typed ^^xsd:string in rdflib's graphs), every shape is left to
    pySHACL. Run in validation's own process for a store on disk (`child`)."""
    literals = Literals()
    stores = load_stores(ntriples, ontology, literals, folder)
    plan = compile_plan(shapes, literals, subclasses_in(stores[CORE_VIEW]))
    if strings:
        plan.delegated = dict.fromkeys(plan.validated, f"the data hold {EXPLICIT_STRING}")
        plan.checks = []
    found = run(stores, plan.checks, literals)
    plan.failed = found.failed
    return plan, found


def check(
    data: Graph | Callable[[], Graph],
    ontology: Graph,
    triples: Iterable[ox.Triple] | None = None,
    ntriples: bytes | Path | None = None,
) -> None:
    """Return if the graph conforms; otherwise raise `shacl.NonConformingGraph` with the
    authoritative engine's report.

    With `triples` or `ntriples` (as `violations` takes them), `data` may be a function that
    makes the rdflib Graph: it is called only for that report, or for shapes left to pySHACL
    (the build never fills rdflib's store for a graph that conforms to shapes all compiled,
    which cost as much as validating it).
    """
    made: list[Graph] = []

    def graph() -> Graph:
        if not made:
            made.append(data if isinstance(data, Graph) else data())
        return made[0]

    if violations(graph, ontology, triples=triples, ntriples=ntriples):
        assert_conforms(graph(), ontology=ontology)


def _graph(data: Data) -> Graph | None:
    return data if data is None or isinstance(data, Graph) else data()


def _explicit_strings(graph: Graph) -> list[Literal]:
    """The literals typed ^^xsd:string the graph holds (`context.EXPLICIT_STRING`): never
    any in N-Triples pyoxigraph wrote, which is how the build hands its graph over."""
    return [o for o in graph.objects() if isinstance(o, Literal) and o.datatype == XSD.string]
