"""The constraints of a shape as SPARQL boolean expressions of a node: the compiler's
dispatch from each constraint parameter to the module of its SHACL section.

A parameter is one of three kinds: a test of each value node alone (`VALUE_TESTS`, which on a
node shape tests the focus node itself), a test of a focus node's set of values through a
property shape's path (`SET_TESTS`), or a test of pairs of values (`PAIR_TESTS`). Any other
parameter, and any path other than a predicate or an sh:inversePath, raises
`UnsupportedShape`.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import BNode, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Identifier, Node

from labourgraph.check.fastcheck import (
    cardinality,
    logical,
    other,
    property_pair,
    shape_based,
    string_based,
    value_range,
    value_type,
)
from labourgraph.check.fastcheck.context import ShapeContext, Test, UnsupportedShape, ordered
from labourgraph.check.fastcheck.targets import TARGETS

ANNOTATIONS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
}
"""Predicates of a shape that constrain nothing."""
PARAMETERS = (SH.path, SH.property, SH.flags, SH.qualifiedValueShape, SH.sparql)
"""Predicates read with a constraint (or by the compiler's walk), not constraints alone."""

VALUE_TESTS: dict[URIRef, Test] = {
    **value_type.VALUE_TESTS,
    **value_range.VALUE_TESTS,
    **string_based.VALUE_TESTS,
    **logical.VALUE_TESTS,
    **shape_based.VALUE_TESTS,
    **other.VALUE_TESTS,
}
SET_TESTS: dict[URIRef, Test] = {
    **cardinality.SET_TESTS,
    **string_based.SET_TESTS,
    **shape_based.SET_TESTS,
    **other.SET_TESTS,
}
PAIR_TESTS = property_pair.PAIR_TESTS
SINGLE = (SH.datatype, SH.nodeKind, SH["in"], SH.minLength, SH.maxLength, SH.path)
"""Parameters a shape may have once only (pySHACL refuses a shape with two; `integer` checks
the others that take one value)."""
TOTAL = {
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minInclusive,
    SH.minExclusive,
    SH.maxInclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH["in"],
    SH.hasValue,
    SH.minCount,
    SH.maxCount,
    SH.uniqueLang,
    SH["not"],
    SH["and"],
    SH["or"],
    SH.node,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
}
"""Parameters whose compiled test never meets an evaluation error: each term function it
calls is reached only for terms it takes (`DATATYPE`, `LANG` behind `isLiteral`, `STR` behind
`!isBlank`, casts inside `COALESCE`), and the shapes they recurse into are guarded in their
own parts. Any other test (sh:pattern's REGEX, a new one) is guarded (`Compiler.guarded`):
left out of this list, a test errs on the safe side."""
SUPPORTED = {*TARGETS, *PARAMETERS, *VALUE_TESTS, *SET_TESTS, *PAIR_TESTS}
"""Every predicate of a shape the compiler translates."""


class Compiler(ShapeContext):
    """SHACL Core shapes -> SPARQL, each constraint as a boolean "fails" expression of a node.

    `fails(shape, v)` is true when the node bound to `?v` does not conform to the shape (all
    its constraints, property shapes included): that is what sh:or, sh:and, sh:not, sh:node and
    sh:qualifiedValueShape need. The shapes with targets are compiled to queries written for
    pyoxigraph's planner instead (`plan`).
    """

    def check_supported(self, shape: Node) -> None:
        """Raise `UnsupportedShape` for a parameter of `shape` this compiler does not translate."""
        for predicate in set(self.shapes.predicates(shape)):
            if predicate in ANNOTATIONS or predicate in SUPPORTED or self.inert(predicate):
                continue
            if predicate == SH.qualifiedValueShapesDisjoint and not self.one(
                shape, SH.qualifiedValueShapesDisjoint
            ):
                continue
            raise UnsupportedShape(f"{shape}: {predicate} is not compiled by fastcheck")
        if self.has(shape, SH.qualifiedValueShape) and not any(
            self.has(shape, p) for p in (SH.qualifiedMaxCount, SH.qualifiedMinCount)
        ):
            raise UnsupportedShape(f"{shape}: sh:qualifiedValueShape without a count")
        for predicate in SINGLE:
            if len(list(self.shapes.objects(shape, predicate))) > 1:
                raise UnsupportedShape(f"{shape}: more than one {predicate}")

    def guarded(self, predicate: URIRef, expression: str) -> str:
        """A constraint's expression, guarded against evaluation errors (`guard`) unless its
        test is one of `TOTAL`."""
        return expression if predicate in TOTAL else self.guard(expression)

    def inert(self, predicate: Node) -> bool:
        """A predicate outside SHACL's namespace that no constraint component of the shapes
        declares as a parameter (`sh:parameter [ sh:path p ]`) constrains nothing: the
        triples of a shape that is also a class (rdfs:subClassOf, rdfs:seeAlso, ...)."""
        if str(predicate).startswith(str(SH)):
            return False
        return not any(
            (param, SH.path, predicate) in self.shapes
            for param in self.shapes.objects(None, SH.parameter)
        )

    def own_constraints(self, shape: Node) -> Iterator[tuple[URIRef, Node]]:
        """The shape's constraint parameters, sh:property left out."""
        self.check_supported(shape)
        constraints = sorted(
            (predicate, param)
            for predicate, param in self.shapes.predicate_objects(shape)
            if isinstance(predicate, URIRef) and isinstance(param, Identifier)
        )
        for predicate, param in constraints:
            if predicate in ANNOTATIONS or predicate in TARGETS or predicate in PARAMETERS:
                continue
            if self.inert(predicate):
                continue
            if predicate == SH.qualifiedValueShapesDisjoint:
                continue
            yield predicate, param

    def value_fails(self, shape: Node, predicate: URIRef, param: Node, v: str) -> str | None:
        """The expression for one parameter that constrains each value node alone (guarded:
        an evaluation error reads as a failure), or None if the parameter is not of that
        kind."""
        test = VALUE_TESTS.get(predicate)
        return (
            None
            if test is None
            else self.guarded(predicate, test(self, shape, predicate, param, v))
        )

    def set_fails(self, shape: Node, predicate: URIRef, param: Node, f: str) -> str | None:
        """The expression for one parameter of a property shape that constrains the focus
        node's set of values (guarded), or None if the parameter is not of that kind."""
        test = SET_TESTS.get(predicate)
        return (
            None
            if test is None
            else self.guarded(predicate, test(self, shape, predicate, param, f))
        )

    def constraint_fails(self, shape: Node, predicate: URIRef, param: Node, f: str) -> str:
        """Does focus `f` break this one constraint of `shape` (node or property shape)."""
        if predicate in PAIR_TESTS:
            return self.guarded(predicate, PAIR_TESTS[predicate](self, shape, predicate, param, f))
        if not self.has(shape, SH.path):
            found = self.value_fails(shape, predicate, param, f)
            if found is None:
                raise UnsupportedShape(f"{shape}: {predicate} on a node shape")
            return found
        found = self.set_fails(shape, predicate, param, f)
        if found is not None:
            return found
        v = self.var()
        value = self.value_fails(shape, predicate, param, v)
        if value is None:
            raise UnsupportedShape(f"{shape}: {predicate} is not compiled by fastcheck")
        return f"EXISTS {{ {self.path(shape)(f, v)} FILTER({value}) }}"

    def property_shapes(self, shape: Node) -> list[Identifier]:
        """The values of the shape's sh:property: property shapes (pySHACL refuses others)."""
        props = ordered(self.shapes.objects(shape, SH.property))
        for prop in props:
            if not self.has(prop, SH.path):
                raise UnsupportedShape(f"{shape}: sh:property {prop} has no sh:path")
        return props

    def fails(self, shape: Node, f: str) -> str:
        """Does focus `f` break anything of `shape`, property shapes included: those of a
        node shape on `f` itself, those of a property shape on each of its values (their
        focus nodes)."""
        if not isinstance(shape, URIRef | BNode):
            raise UnsupportedShape(f"{shape}: a literal where a shape is expected")
        if self.has(shape, SH.sparql):
            raise UnsupportedShape(f"{shape}: SHACL-SPARQL inside a logical constraint")
        with self.entered(shape):
            tests = [self.constraint_fails(shape, p, o, f) for p, o in self.own_constraints(shape)]
            props = self.property_shapes(shape)
            if props and self.has(shape, SH.path):
                step = self.path(shape)
                for prop in props:
                    v = self.var()
                    tests.append(f"EXISTS {{ {step(f, v)} FILTER({self.fails(prop, v)}) }}")
            else:
                tests += [self.fails(prop, f) for prop in props]
        return "(" + " || ".join(tests) + ")" if tests else "false"
