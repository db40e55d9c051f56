"""The W3C SHACL Core test suite, run against both engines: pySHACL as `shacl` calls it, and
the compiled check (`fastcheck.violations`, which leaves the shapes it does not compile to
pySHACL).

`tests/data/w3c-shacl-core/` is `data-shapes-test-suite/tests/core/` of w3c/data-shapes,
unchanged (its LICENSE.md says where from and under which terms). Each of its 98
`sht:Validate` tests is run as pySHACL's own runner (`test/test_sht_validate.py`) runs it:
the data graph and the shapes graph named by the manifest entry (the manifest file itself when
it names `<>`), no inference. What is compared:

- pySHACL: `sh:conforms`, and the set of (focus node, result path, source shape, constraint
  component) tuples of its report against the expected report's. Blank nodes are compared by
  what they hold (`_key`), since the report's are copies.
- the compiled check: whether it finds the graph conforming, and its (shape, focus node)
  pairs against the expected results', each source shape named as `shacl.Violation.shape`
  names it (a blank property shape by the shape holding it). The compiled check returns those
  pairs only: the build asks it a verdict, and the report comes from pySHACL.

A test where an engine's result differs from the expected report must be listed in
`DIFFERENCES`, with the reason; a listed test that no longer differs fails too, so the list
stays true. Two properties hold with no exception: the compiled check never finds conforming
a graph the suite says violates, and it never refuses a test that pySHACL runs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from labourgraph.check import fastcheck
from labourgraph.check.shacl import reported_shape, run_pyshacl, shape_owners

SUITE = Path(__file__).resolve().parents[1] / "data" / "w3c-shacl-core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

PYSHACL = "pyshacl"
COMPILED = "compiled"

DIFFERENCES: dict[tuple[str, str], str] = {
    (PYSHACL, "property/uniqueLang-002.ttl"): (
        'pySHACL reads sh:uniqueLang "1"^^xsd:boolean as true (rdflib\'s value of the '
        "literal); the suite says only the literal true turns the constraint on, so it expects "
        "no result"
    ),
    (COMPILED, "property/uniqueLang-002.ttl"): (
        "the compiled check follows pySHACL, the engine it stands in for: "
        '"1"^^xsd:boolean is true, one violation more (the safe side)'
    ),
}
"""(engine, test file) -> why that engine's result differs from the suite's expected report."""


def _included(manifest: Path) -> list[Path]:
    """The test files a manifest includes, through nested manifests."""
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    found = []
    for include in graph.objects(None, MF.include):
        path = Path(str(include).removeprefix("file://"))
        sub = Graph().parse(path, format="turtle", publicID=path.as_uri())
        found += _included(path) if (None, MF.include, None) in sub else [path]
    return sorted(found)


TESTS = [str(path.relative_to(SUITE)) for path in _included(SUITE / "manifest.ttl")]
SLOW = {"complex/shacl-shacl.ttl"}
"""Tests that take seconds (the shapes of SHACL itself, validated by pySHACL): slow tier."""
PARAMS = [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in TESTS]


@dataclass(frozen=True)
class Case:
    """One `sht:Validate` entry: its graphs and its expected report."""

    manifest: Graph
    data: Graph
    shapes: Graph
    expected: Node


@functools.cache
def _case(name: str) -> Case:
    path = SUITE / name
    manifest = Graph().parse(path, format="turtle", publicID=path.as_uri())
    entries = list(manifest.subjects(RDF.type, SHT.Validate))
    assert len(entries) == 1, f"{name}: one sht:Validate entry expected"
    action = manifest.value(entries[0], MF.action)

    def graph(node: Node | None) -> Graph:
        if str(node) == path.as_uri():
            return manifest
        other = Path(str(node).removeprefix("file://"))
        return Graph().parse(other, format="turtle", publicID=other.as_uri())

    return Case(
        manifest,
        graph(manifest.value(action, SHT.dataGraph)),
        graph(manifest.value(action, SHT.shapesGraph)),
        manifest.value(entries[0], MF.result),
    )


def _key(graph: Graph, node: Node | None, depth: int = 0) -> str:
    """A node as text: IRIs and literals in N-Triples, a blank node by what it holds (its
    predicates and objects, sorted; a list by its members in order), as pySHACL's
    `stringify_node` compares them."""
    if node is None:
        return ""
    if not isinstance(node, BNode):
        return node.n3()
    if depth > 8:
        return "[...]"
    if (node, RDF.first, None) in graph:
        return "(" + " ".join(_key(graph, item, depth + 1) for item in graph.items(node)) + ")"
    pairs = sorted(
        f"{p.n3()} {_key(graph, o, depth + 1)}" for p, o in graph.predicate_objects(node)
    )
    return "[" + " ; ".join(pairs) + "]"


def _expected_conforms(case: Case) -> bool:
    value = case.manifest.value(case.expected, SH.conforms)
    assert isinstance(value, Literal)
    return bool(value.value)


def _tuples(report: Graph, results: list[Node]) -> set[tuple[str, str, str, str]]:
    return {
        (
            _key(report, report.value(r, SH.focusNode)),
            _key(report, report.value(r, SH.resultPath)),
            _key(report, report.value(r, SH.sourceShape)),
            _key(report, report.value(r, SH.sourceConstraintComponent)),
        )
        for r in results
    }


def _expected_pairs(case: Case) -> set[tuple[str, str]]:
    """The expected results as the compiled check names them: (shape, focus node), the
    source shape looked up in the shapes graph (by content, if blank) and named as
    `shacl.Violation.shape` names it."""
    by_content = {
        _key(case.shapes, node): node
        for node in set(case.shapes.subjects())
        if isinstance(node, BNode)
    }
    owners = shape_owners(case.shapes)
    pairs = set()
    for result in case.manifest.objects(case.expected, SH.result):
        source = case.manifest.value(result, SH.sourceShape)
        if isinstance(source, BNode):
            source = by_content[_key(case.manifest, source)]
        focus = case.manifest.value(result, SH.focusNode)
        shape = reported_shape(owners, source)
        pairs.add((_pair_key(case.shapes, shape), _pair_key(case.data, str(focus))))
    return pairs


def _pair_key(graph: Graph, name: str) -> str:
    """A name of a result pair (`str` of a term), a blank node's by what it holds."""
    node = BNode(name)
    return _key(graph, node) if (node, None, None) in graph else name


def _differs(engine: str, name: str, differs: bool) -> None:
    """Assert that the engine agrees with the suite, or that it differs where listed."""
    listed = (engine, name) in DIFFERENCES
    if listed:
        assert differs, f"{engine} now agrees on {name}: take it out of DIFFERENCES"
    else:
        assert not differs, f"{engine} differs from the expected report on {name}"


def test_the_suite_is_all_there() -> None:
    """98 validation tests, each with an expected report, and every listed difference names
    one of them."""
    assert len(TESTS) == 98
    assert {name for _, name in DIFFERENCES} <= set(TESTS)
    assert (SUITE / "LICENSE.md").is_file()


@pytest.mark.parametrize("name", PARAMS)
def test_pyshacl(name: str) -> None:
    case = _case(name)
    conforms, report = run_pyshacl(case.data, case.shapes, None, name)
    validation = next(report.subjects(RDF.type, SH.ValidationReport))
    found = _tuples(report, list(report.objects(validation, SH.result)))
    expected = _tuples(case.manifest, list(case.manifest.objects(case.expected, SH.result)))
    assert expected or _expected_conforms(case), "a violating test lists its results"
    _differs(PYSHACL, name, conforms != _expected_conforms(case) or found != expected)


@pytest.mark.parametrize("name", PARAMS)
def test_compiled(name: str) -> None:
    case = _case(name)
    plans: list[fastcheck.Plan] = []
    pairs = fastcheck.violations(case.data, Graph(), case.shapes, plans=plans)
    assert plans[0].failed == {}, "every compiled query runs"
    conforms = not pairs
    expected_conforms = _expected_conforms(case)
    # the safe side, with no exception: never "conforms" where the suite finds a violation
    assert conforms or not expected_conforms or (COMPILED, name) in DIFFERENCES
    assert not (conforms and not expected_conforms), f"{name}: conforms, but it violates"
    found = {(_pair_key(case.shapes, shape), _pair_key(case.data, focus)) for shape, focus in pairs}
    _differs(COMPILED, name, conforms != expected_conforms or found != _expected_pairs(case))


def test_compiled_checks_implicit_class_targets_itself() -> None:
    """The shapes that are classes (2.1.3.3) are compiled, not left to pySHACL: the suite's
    own test of them, and every test whose shapes the compiler reads whole."""
    plans: list[fastcheck.Plan] = []
    case = _case("targets/targetClassImplicit-001.ttl")
    pairs = fastcheck.violations(case.data, Graph(), case.shapes, plans=plans)
    assert pairs and not plans[0].delegated
    assert any("?class" in check.query for check in plans[0].checks)


def test_compiled_leaves_to_pyshacl_only_what_it_does_not_compile() -> None:
    """Tests go (in part) to pySHACL for what the compiler does not translate (complex
    paths, sh:closed, sh:xone, ...); the compiler reads most of the suite whole."""
    delegated = set()
    for name in TESTS:
        if fastcheck.compile_plan(_case(name).shapes).delegated:
            delegated.add(name)
    assert "targets/targetClassImplicit-001.ttl" not in delegated
    assert "property/property-001.ttl" not in delegated
    assert "path/path-complex-001.ttl" in delegated
    assert len(delegated) < len(TESTS) / 2
