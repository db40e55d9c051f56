"""What compiling any constraint reads: the shapes graph, the graph's literals and class
hierarchy, fresh SPARQL variables; and the refusal of what is not compiled.

Each constraint module turns one family of SHACL Core constraints into a SPARQL boolean
expression that is true when a node fails the constraint. They read the shapes graph through a
`ShapeContext`; the compiler (`compiler.Compiler`) is one, and supplies `fails`, the test of a
whole shape that sh:node, sh:not, sh:and, sh:or and sh:qualifiedValueShape recurse into.

A SPARQL expression that meets an evaluation error (a regex that does not compile, a
comparison of terms that do not compare) is neither true nor false, and a FILTER drops the row:
the error would read as "no violation". So every constraint's expression that may meet one
(all but `compiler.TOTAL`'s) is guarded (`ShapeContext.guard`) to take, on an error, the value
that makes the outermost verdict a violation: true where the expression counts towards a
violation, false under an odd number of negations (sh:not, the values a qualified maximum
counts), which `ShapeContext.negated` flips.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Identifier, Node

from labourgraph.check.fastcheck.literals import LANG_STRING, STRING, Literals
from labourgraph.check.shacl import reported_shape, shape_owners
from labourgraph.core.errors import LabourgraphError

Step = Callable[[str, str], str]
"""A property shape's path as a triple pattern: (focus, value) -> `focus path value`."""
Subclasses = Callable[[Node], list[str]]
"""Class -> itself and every class below it in the graph (`rdfs:subClassOf*`), as SPARQL
terms."""


EXPLICIT_STRING = (
    "a literal typed ^^xsd:string, which rdflib (and so pySHACL) keeps apart from the plain "
    "string while the store does not"
)


class UnsupportedShape(LabourgraphError):
    """The shapes use SHACL this compiler does not translate: never guessed, never skipped."""


def ordered(nodes: Iterable[Node]) -> list[Identifier]:
    """Nodes of a graph in rdflib's order (every node an rdflib Graph holds is an
    `Identifier`), so the queries come out the same on every run."""
    return sorted(node for node in nodes if isinstance(node, Identifier))


def own_class(cls: Node) -> list[str]:
    """`Subclasses` when the data's class hierarchy is not known: the class alone."""
    return [f"<{cls}>"]


class ShapeContext:
    """The shapes graph as the constraint compilers read it."""

    def __init__(
        self, shapes: Graph, literals: Literals, subclasses: Subclasses = own_class
    ) -> None:
        self.shapes = shapes
        self.literals = literals
        self.subclasses = subclasses
        """Looked up once per class: pyoxigraph evaluates a `rdfs:subClassOf*` path once
        per node otherwise."""
        self._names = itertools.count()
        self.owners: dict[BNode, Node] = shape_owners(shapes)
        """Blank property shape -> the shape holding it (`reported`)."""
        self.on_error = True
        """The value a guarded expression takes on an evaluation error (`guard`)."""
        self._entered: set[Node] = set()
        self.implicit: set[Node] | None = None
        """The shapes that are classes (`targets.implicit_of`), once found."""

    def fails(self, shape: Node, f: str) -> str:
        """Does focus `f` break anything of `shape`, property shapes included (the
        compiler's)."""
        raise NotImplementedError

    def guard(self, expression: str) -> str:
        """`expression`, with an evaluation error read as `on_error`: on the side of a
        violation (module docstring)."""
        return f"COALESCE({expression}, {'true' if self.on_error else 'false'})"

    @contextlib.contextmanager
    def negated(self, flip: bool = True) -> Iterator[None]:
        """Compile an expression the caller negates (when `flip`): an error in it must then
        read as a pass, so that the negation reads it as a failure."""
        saved = self.on_error
        self.on_error = saved ^ flip
        try:
            yield
        finally:
            self.on_error = saved

    @contextlib.contextmanager
    def entered(self, shape: Node) -> Iterator[None]:
        """Compile `shape` inside itself no more than once: a shape that reaches itself
        (recursion, which SHACL leaves undefined) is refused."""
        if shape in self._entered:
            raise UnsupportedShape(f"{shape}: a shape that reaches itself")
        self._entered.add(shape)
        try:
            yield
        finally:
            self._entered.discard(shape)

    def var(self) -> str:
        """A SPARQL variable no other part of the queries uses."""
        return f"?v{next(self._names)}"

    def term(self, node: Node) -> str:
        """A shapes-graph constant as the core view stores it."""
        if isinstance(node, URIRef):
            return f"<{node}>"
        if isinstance(node, Literal):
            if node.language:
                return str(ox.Literal(str(node), language=node.language))
            if node.datatype == XSD.string:
                raise UnsupportedShape(f"{node.n3()}: {EXPLICIT_STRING}")
            datatype = str(node.datatype or XSD.string)
            if datatype in (STRING, LANG_STRING):
                return str(ox.Literal(str(node)))
            return str(self.literals.raw(str(node), datatype))
        raise UnsupportedShape(f"a blank node as a constant: {node}")

    def has(self, shape: Node, predicate: URIRef) -> bool:
        """Does `shape` have a value of `predicate`."""
        return (shape, predicate, None) in self.shapes

    def one(self, shape: Node, predicate: URIRef) -> Node:
        """The value of a parameter that takes exactly one."""
        values = list(self.shapes.objects(shape, predicate))
        if len(values) != 1:
            raise UnsupportedShape(f"{shape}: {len(values)} values of {predicate}, expected 1")
        return values[0]

    def integer(self, shape: Node, predicate: URIRef) -> int:
        """The value of a parameter that takes one integer."""
        value = self.one(shape, predicate)
        if (
            not isinstance(value, Literal)
            or value.datatype != XSD.integer
            or not isinstance(value.value, int)
            or value.value < 0
        ):
            # pySHACL refuses such shapes: its error, not a guess, is then the answer
            raise UnsupportedShape(f"{shape}: {predicate} is not a non-negative xsd:integer")
        return int(value.value)

    def items(self, shape: Node, predicate: URIRef) -> list[Node]:
        """The members of a parameter's RDF list."""
        return list(Collection(self.shapes, self.one(shape, predicate)))

    def path(self, shape: Node) -> Step:
        """The triple pattern `focus path value` of a property shape's path."""
        path = self.one(shape, SH.path)
        if isinstance(path, URIRef):
            return lambda f, v: f"{f} <{path}> {v} ."
        inverse = list(self.shapes.objects(path, SH.inversePath))
        if (
            isinstance(path, BNode)
            and len(inverse) == 1
            and isinstance(inverse[0], URIRef)
            and len(set(self.shapes.predicates(path))) == 1
        ):
            prop = inverse[0]
            return lambda f, v: f"{v} <{prop}> {f} ."
        raise UnsupportedShape(f"{shape}: only predicate and sh:inversePath paths are compiled")

    def property_path(self, shape: Node, predicate: URIRef) -> Step:
        """`path`, for a constraint compiled on property shapes only."""
        if not self.has(shape, SH.path):
            raise UnsupportedShape(f"{shape}: {predicate} on a node shape")
        return self.path(shape)

    @staticmethod
    def any_term(v: str, terms: Iterable[object]) -> str:
        """`v` is one of `terms` (SPARQL terms): false if there are none."""
        tests = [f"sameTerm({v}, {t})" for t in terms]
        return "(" + " || ".join(tests) + ")" if tests else "false"

    def classes(self, cls: Node) -> str:
        """`cls` and its subclasses, as a SPARQL `IN` list."""
        return ", ".join(self.subclasses(cls))

    def distinct_values(self, step: Step, f: str, n: int) -> tuple[list[str], str, list[str]]:
        """`n` fresh variables, the pattern binding each to a value of `f`, and the tests
        that they are pairwise different terms."""
        names = [self.var() for _ in range(n)]
        pattern = " ".join(step(f, x) for x in names)
        apart = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        return names, pattern, apart

    def reported(self, shape: Node) -> str:
        """The name `shacl.Violation.shape` gives a result of `shape` (same walk)."""
        return reported_shape(self.owners, shape)


Test = Callable[[ShapeContext, Node, URIRef, Node, str], str]
"""How one constraint compiles: (context, shape, constraint parameter, its value, the SPARQL
variable of the node tested) -> an expression true when that node fails the constraint."""
TopQuery = Callable[[ShapeContext, Node, URIRef, Node, str], str]
"""How one constraint of a shape with targets compiles when it needs a query of its own:
(context, shape, constraint parameter, its value, the pattern binding `?this` to the focus
nodes) -> a SELECT of the focus nodes that fail it."""
