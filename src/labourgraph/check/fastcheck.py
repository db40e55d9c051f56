"""Validation at scale: the shapes compiled to SPARQL and run once over the whole graph.

pySHACL walks every focus node in Python over rdflib: 89 s for the 100x benchmark graph even
with its SHACL-SPARQL constraints moved out (`scripts/bench_validate.py` measures both). Here
every SHACL Core constraint that `ontology/shapes.ttl` uses is compiled to SPARQL SELECTs
returning the focus nodes that break it (the value counts and value tests of all the property
shapes of one shape with targets in one query, grouped by focus node, with a flag per reported
shape), and each SHACL-SPARQL constraint runs once, joined with its shape's targets; all run,
two at a time, in pyoxigraph over the data graph plus the ontology (pySHACL's `ont_graph` is
mixed into the data graph the same way, so `rdfs:subClassOf` is walked by `sh:class` and
`sh:targetClass`).
`violations` returns the (shape, focus node) pairs `validate.validate` reports, shape named as
its `Violation.shape` is: the property shape if it has an IRI, else the node shape holding it.

Why two stores. pyoxigraph stores typed literals by value: `"5"^^xsd:nonNegativeInteger`
comes back as `"5"^^xsd:integer`, so `sh:datatype` could not tell them apart. Core constraints
therefore read a store (the core view) where every literal typed other than `xsd:string` /
`rdf:langString` keeps its lexical form under a private datatype IRI (`_RAW_DATATYPE` + the
real one), which pyoxigraph leaves alone; SHACL-SPARQL constraints read a store of the same
triples with their real, typed values. Both are loaded from N-Triples bytes, the core copy made
by one regex over the lines, in two threads.

Where rdflib's reading of a literal decides (is it ill-typed, does a date compare with an
integer, is `" 5"` the integer 5), the answer is computed with rdflib itself, once per
distinct literal, and handed to the queries as a list of terms: a literal whose lexical form
matches the plain XSD grammar of `xsd:integer`, `xsd:nonNegativeInteger` or `xsd:decimal` is
compared in SPARQL; any other typed literal ("odd") is judged in Python as pySHACL judges it.

Known differences, all on data no build writes, all in the safe direction for `check` (a
violation pySHACL would not report; `check` then asks pySHACL, which decides): rdflib keeps
`"x"^^xsd:string` apart from `"x"` and `"x"@EN` apart from `"x"@en` (RDF 1.1 and pyoxigraph do
not), which changes `sh:in`, `sh:hasValue` and value counts; SHACL-SPARQL constraints see the
canonical lexical form of numbers (`STR("007"^^xsd:integer)` is `"7"` in pyoxigraph).

Measured on the 100x graph (546,597 triples, 2 cores, medians of 3 runs, the same verdicts):
pySHACL 870 s and the former split (pySHACL on the core shapes) 120 s (earlier runs of
`scripts/bench_validate.py`). This check before the N-Triples input, the two stores, threads
and merged queries: loading 3.7 s (from pyoxigraph triples), 212 queries one after the other
11.1 s, `violations` 15.4 s. Now, from N-Triples bytes: loading 2.2 s, 107 queries on two
threads 3.4 s (about 5.5 s run one by one), `violations` 6.1 s (6.3 s from pyoxigraph
triples), 0.5 s of it freeing the stores. The longest query left is QuoteMatchesText, 0.9 s:
SUBSTR of each span's document text. At 1000x (5.4M triples) `violations` takes 90 s
(`docs/benchmarks.md`).

`check` answers the build's question: does the graph conform? A graph this check finds at
fault is then validated again by `validate.assert_conforms`, the authoritative engine, which
raises with its usual report; so a build fails with the same message either way, and only the
conforming case (every build that publishes) takes the fast path.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from labourgraph.check.shacl import assert_conforms, load_shapes
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import to_oxigraph

_NS = "urn:x-labourgraph:fastcheck:"
_RAW_DATATYPE = _NS + "raw:"
_THREADS = max(1, min(2, os.cpu_count() or 1))
"""Threads loading the two stores and running the queries (pyoxigraph lets go of the GIL
while it evaluates): the build machine has 2 cores."""
_CORE_VIEW = "core"
"""The store where typed literals keep their lexical form (`_RAW_DATATYPE`): SHACL Core."""
_SPARQL_VIEW = "sparql"
"""The store holding the triples as they are (typed literals by value): SHACL-SPARQL."""

_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_REGULAR = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.nonNegativeInteger): re.compile(r"\+?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
}
"""Lexical forms rdflib reads as an int / Decimal with no surprise, so SPARQL can compare
them once cast to xsd:decimal; every other typed literal is "odd" and judged by rdflib."""
_REGULAR_RAW = ", ".join(f"<{_RAW_DATATYPE}{d}>" for d in _REGULAR)

_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_ANNOTATIONS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
}
_SUPPORTED = {
    *_TARGETS,
    SH.path,
    SH.property,
    SH.node,
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minCount,
    SH.maxCount,
    SH["in"],
    SH.pattern,
    SH.flags,
    SH.minLength,
    SH.maxLength,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.hasValue,
    SH.uniqueLang,
    SH["or"],
    SH["and"],
    SH["not"],
    SH.qualifiedValueShape,
    SH.qualifiedMaxCount,
    SH.qualifiedMinCount,
    SH.sparql,
}
_RANGES = {
    SH.minInclusive: ">=",
    SH.minExclusive: ">",
    SH.maxInclusive: "<=",
    SH.maxExclusive: "<",
}
_NODE_KINDS = {
    SH.IRI: "!isIRI({v})",
    SH.BlankNode: "!isBlank({v})",
    SH.Literal: "!isLiteral({v})",
    SH.BlankNodeOrIRI: "isLiteral({v})",
    SH.BlankNodeOrLiteral: "isIRI({v})",
    SH.IRIOrLiteral: "isBlank({v})",
}


class UnsupportedShape(LabourgraphError):
    """The shapes use SHACL this compiler does not translate: never guessed, never skipped."""


# ------------------------------------------------------------------------------------------
# Literals: the raw encoding and rdflib's verdicts on odd ones
# ------------------------------------------------------------------------------------------


@dataclass
class _Literals:
    """What rdflib says about the typed literals of the graph that SPARQL cannot judge."""

    odd: dict[ox.Literal, Literal] = field(default_factory=dict)
    """Raw term -> the rdflib literal, for typed literals not in `_REGULAR`'s grammar."""
    _raw: dict[tuple[str, str], ox.Literal] = field(default_factory=dict)

    def raw(self, value: str, datatype: str) -> ox.Literal:
        """The term a typed literal is stored as in the core view (recording odd ones)."""
        key = (value, datatype)
        term = self._raw.get(key)
        if term is None:
            term = ox.Literal(value, datatype=ox.NamedNode(_RAW_DATATYPE + datatype))
            grammar = _REGULAR.get(datatype)
            if grammar is None or not grammar.fullmatch(value):
                self.odd[term] = Literal(value, datatype=URIRef(datatype))
            self._raw[key] = term
        return term

    def where(self, keep: Callable[[Literal], bool]) -> list[ox.Literal]:
        """The odd literals (raw terms) rdflib's reading says `keep` of, sorted."""
        return sorted((t for t, lit in self.odd.items() if keep(lit)), key=str)


def _datatype_holds(lit: Literal, datatype: URIRef) -> bool:
    """pySHACL's sh:datatype test on a literal of that very datatype (not ill-typed, and its
    Python value of the expected type where pySHACL checks one)."""
    if lit.ill_typed is True:
        return False
    expected = {
        XSD.string: (str, bytes),
        RDF.langString: (str, bytes),
        XSD.integer: int,
        XSD.float: float,
        XSD.decimal: Decimal,
        XSD.boolean: bool,
        XSD.date: date,
        XSD.time: time,
        XSD.dateTime: datetime,
    }.get(datatype)
    return expected is None or isinstance(lit.value, expected)


def _range_holds(value: object, bound: Literal, op: str) -> bool:
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


def _less_holds(value: object, other: object, or_equal: bool) -> bool:
    """pySHACL's sh:lessThan / sh:lessThanOrEquals test of one pair of values."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        return False  # pySHACL stops with an error: report it, pySHACL will say
    pair = []
    for term in (value, other):
        if isinstance(term, URIRef):
            pair.append((True, str(term)))
        elif isinstance(term, Literal) and isinstance(term.value, str):
            pair.append((True, term.value))
        else:
            pair.append((False, term))
    (a_str, a), (b_str, b) = pair
    if a_str != b_str:
        return False
    try:
        return bool(a <= b) if or_equal else bool(a < b)
    except TypeError:
        return False


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal, literals: _Literals) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term in literals.odd:
        return literals.odd[term]
    datatype = term.datatype.value
    if datatype.startswith(_RAW_DATATYPE):
        return Literal(term.value, datatype=URIRef(datatype[len(_RAW_DATATYPE) :]))
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value)


# ------------------------------------------------------------------------------------------
# The compiler
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    """One query of the compiled shapes: its (shape, focus) results, and for pairs of values
    SPARQL cannot order (odd literals under sh:lessThan, rows with `?odd` true), the pySHACL
    test to apply to them."""

    shape: str
    query: str
    view: str
    """`_CORE_VIEW` or `_SPARQL_VIEW`: which store it reads."""
    pair_test: Callable[[object, object], bool] | None = None
    flags: tuple[str, ...] = ()
    """For a query of several shapes (`_Merged`): the shape its column `?f{i}` reports; a
    row then stands for each shape whose flag is true."""


@dataclass
class _Merged:
    """The value counts and value tests of all the property shapes of one shape with targets,
    to be checked in one query (`_Compiler.merged_check`): one scan of the focus nodes and of
    each path, where one query per constraint scanned them again each time (at 100x, the 20
    such queries on evidence spans took 1.7 s, the one 0.7 s)."""

    branches: list[str] = field(default_factory=list)
    """`{ focus path ?v BIND(1 if the value fails, else 0 AS ?x) }`, one per property shape."""
    aggregates: list[str] = field(default_factory=list)
    fails: dict[str, list[str]] = field(default_factory=dict)
    """Reported shape name -> conditions on the aggregates that make the focus node fail it."""


class _Compiler:
    """SHACL Core shapes -> SPARQL, each constraint as a boolean "fails" expression of a node.

    `fails(shape, v)` is true when the node bound to `?v` does not conform to the shape (all
    its constraints, property shapes included): that is what sh:or, sh:and, sh:not, sh:node and
    sh:qualifiedValueShape need. At the top (shapes with targets and their property shapes)
    the queries are written for pyoxigraph's planner instead (`shape_checks`), one shape at a
    time so that each result is attributed to the shape pySHACL names.
    """

    def __init__(
        self,
        shapes: Graph,
        literals: _Literals,
        subclasses: Callable[[object], list[str]] = lambda c: [f"<{c}>"],
    ) -> None:
        self.shapes = shapes
        self.literals = literals
        self.subclasses = subclasses
        """Class -> itself and every class below it in the graph (`rdfs:subClassOf*`), as
        SPARQL terms: pyoxigraph evaluates the path once per node otherwise."""
        self._names = itertools.count()
        self.owners: dict[BNode, object] = {}
        for owner, prop in shapes.subject_objects(SH.property):
            if isinstance(prop, BNode):
                if prop in self.owners and self.owners[prop] != owner:
                    raise UnsupportedShape(f"blank property shape {prop} has two owners")
                self.owners[prop] = owner

    # -- helpers ------------------------------------------------------------------------

    def var(self) -> str:
        return f"?v{next(self._names)}"

    def term(self, node: object) -> str:
        """A shapes-graph constant as the core view stores it."""
        if isinstance(node, URIRef):
            return f"<{node}>"
        if isinstance(node, Literal):
            if node.language:
                return str(ox.Literal(str(node), language=node.language))
            datatype = str(node.datatype or XSD.string)
            if datatype in (_STRING, _LANG_STRING):
                return str(ox.Literal(str(node)))
            return str(self.literals.raw(str(node), datatype))
        raise UnsupportedShape(f"a blank node as a constant: {node}")

    def one(self, shape: object, predicate: URIRef) -> object:
        values = list(self.shapes.objects(shape, predicate))
        if len(values) != 1:
            raise UnsupportedShape(f"{shape}: {len(values)} values of {predicate}, expected 1")
        return values[0]

    def integer(self, shape: object, predicate: URIRef) -> int:
        value = self.one(shape, predicate)
        if not isinstance(value, Literal) or not isinstance(value.value, int):
            raise UnsupportedShape(f"{shape}: {predicate} is not an integer")
        return int(value.value)

    def items(self, shape: object, predicate: URIRef) -> list:
        return list(Collection(self.shapes, self.one(shape, predicate)))

    def path(self, shape: object) -> Callable[[str, str], str]:
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
            return lambda f, v: f"{v} <{inverse[0]}> {f} ."
        raise UnsupportedShape(f"{shape}: only predicate and sh:inversePath paths are compiled")

    @staticmethod
    def any_term(v: str, terms: Iterable[object]) -> str:
        tests = [f"sameTerm({v}, {t})" for t in terms]
        return "(" + " || ".join(tests) + ")" if tests else "false"

    def check_supported(self, shape: object) -> None:
        for predicate in set(self.shapes.predicates(shape)):
            if predicate in _ANNOTATIONS or predicate in _SUPPORTED:
                continue
            if predicate == SH.qualifiedValueShapesDisjoint and not self.one(shape, predicate):
                continue
            raise UnsupportedShape(f"{shape}: {predicate} is not compiled by fastcheck")
        if (shape, SH.qualifiedValueShape, None) in self.shapes and not any(
            (shape, p, None) in self.shapes for p in (SH.qualifiedMaxCount, SH.qualifiedMinCount)
        ):
            raise UnsupportedShape(f"{shape}: sh:qualifiedValueShape without a count")

    # -- value constraints: does the value node ?v break them --------------------------

    def value_fails(self, shape: object, predicate: URIRef, param: object, v: str) -> str | None:
        """The expression for one parameter that constrains each value node alone, or None
        if the parameter is not of that kind."""
        if predicate == SH["class"]:
            t = self.var()
            return f"NOT EXISTS {{ {v} <{RDF.type}> {t} FILTER({t} IN ({self.classes(param)})) }}"
        if predicate == SH.datatype:
            return self.datatype_fails(param, v)
        if predicate == SH.nodeKind:
            if param not in _NODE_KINDS:
                raise UnsupportedShape(f"{shape}: sh:nodeKind {param}")
            return _NODE_KINDS[param].format(v=v)
        if predicate == SH["in"]:
            return f"!{self.any_term(v, (self.term(t) for t in self.items(shape, SH['in'])))}"
        if predicate == SH.pattern:
            flags = {str(f) for f in self.shapes.objects(shape, SH.flags)}
            regex = _xpath_regex(str(param), shape)
            flag_text = "".join(sorted(c for c in "".join(flags).lower() if c in "im"))
            return f"(isBlank({v}) || !REGEX(STR({v}), {_string(regex)}, {_string(flag_text)}))"
        if predicate in (SH.minLength, SH.maxLength):
            limit = self.integer(shape, predicate)
            op = "<" if predicate == SH.minLength else ">"
            if predicate == SH.minLength and limit == 0:
                return "false"
            return f"(isBlank({v}) || STRLEN(STR({v})) {op} {limit})"
        if predicate in _RANGES:
            return self.range_fails(shape, param, _RANGES[predicate], v)
        if predicate == SH["or"]:
            members = self.items(shape, SH["or"])
            return "(" + " && ".join(self.fails(m, v) for m in members) + ")" if members else "true"
        if predicate == SH["and"]:
            members = self.items(shape, SH["and"])
            return (
                "(" + " || ".join(self.fails(m, v) for m in members) + ")" if members else "false"
            )
        if predicate == SH["not"]:
            return f"!{self.fails(param, v)}"
        if predicate == SH.node:
            return self.fails(param, v)
        return None

    def datatype_fails(self, datatype: object, v: str) -> str:
        if datatype == XSD.string:
            return f"!(isLiteral({v}) && DATATYPE({v}) = <{XSD.string}>)"
        if datatype == RDF.langString:
            return f'!(isLiteral({v}) && LANG({v}) != "")'
        if datatype == RDFS.Literal:
            return f"!isLiteral({v})"
        if not isinstance(datatype, URIRef) or datatype == RDFS.Datatype:
            raise UnsupportedShape(f"sh:datatype {datatype}")
        bad = self.literals.where(
            lambda lit: lit.datatype == datatype and not _datatype_holds(lit, datatype)
        )
        return (
            f"!(isLiteral({v}) && DATATYPE({v}) = <{_RAW_DATATYPE}{datatype}> "
            f"&& !{self.any_term(v, bad)})"
        )

    def range_fails(self, shape: object, bound: object, op: str, v: str) -> str:
        if not isinstance(bound, Literal) or not isinstance(bound.value, int | Decimal):
            raise UnsupportedShape(f"{shape}: only integer and decimal bounds are compiled")
        passing = self.literals.where(lambda lit: _range_holds(lit, bound, op))
        return (
            f"!(({self.number(v)} && COALESCE(<{XSD.decimal}>(STR({v})) {op} {bound}, false))"
            f" || {self.any_term(v, passing)})"
        )

    def number(self, v: str) -> str:
        """`v` is a literal of the `_REGULAR` grammar, which SPARQL casts as rdflib reads it."""
        irregular = self.literals.where(lambda lit: str(lit.datatype) in _REGULAR)
        return (
            f"(isLiteral({v}) && DATATYPE({v}) IN ({_REGULAR_RAW}) "
            f"&& !{self.any_term(v, irregular)})"
        )

    def odd(self, v: str) -> str:
        """`v` is a typed literal that is neither a string nor a `number`."""
        irregular = self.literals.where(lambda lit: str(lit.datatype) in _REGULAR)
        return (
            f"((isLiteral({v}) && !(DATATYPE({v}) IN (<{_STRING}>, <{_LANG_STRING}>, "
            f"{_REGULAR_RAW}))) || {self.any_term(v, irregular)})"
        )

    # -- constraints on the set of values of a focus node --------------------------------

    def distinct_values(self, step: Callable[[str, str], str], f: str, n: int) -> tuple:
        names = [self.var() for _ in range(n)]
        pattern = " ".join(step(f, x) for x in names)
        apart = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        return names, pattern, apart

    def set_fails(self, shape: object, predicate: URIRef, param: object, f: str) -> str | None:
        """The expression for one parameter of a property shape that constrains the focus
        node's set of values, or None if the parameter is not of that kind."""
        if predicate not in (
            SH.minCount,
            SH.maxCount,
            SH.hasValue,
            SH.uniqueLang,
            SH.qualifiedMaxCount,
            SH.qualifiedMinCount,
        ):
            return None
        step = self.path(shape)
        if predicate == SH.hasValue:
            return f"NOT EXISTS {{ {step(f, self.term(param))} }}"
        if predicate == SH.uniqueLang:
            if not (isinstance(param, Literal) and param.value is True):
                return "false"
            (a, b), pattern, _ = self.distinct_values(step, f, 2)
            return (
                f"EXISTS {{ {pattern} FILTER(isLiteral({a}) && isLiteral({b}) && "
                f'LANG({a}) != "" && !sameTerm({a}, {b}) && LCASE(LANG({a})) = LCASE(LANG({b}))) }}'
            )
        qualified = None
        if predicate in (SH.qualifiedMaxCount, SH.qualifiedMinCount):
            qualified = self.one(shape, SH.qualifiedValueShape)
        limit = self.integer(shape, predicate)
        at_least = limit if predicate in (SH.minCount, SH.qualifiedMinCount) else limit + 1
        if at_least == 0:
            return "true" if predicate in (SH.maxCount, SH.qualifiedMaxCount) else "false"
        if at_least > 5:
            raise UnsupportedShape(f"{shape}: counts above 4 are not compiled")
        names, pattern, tests = self.distinct_values(step, f, at_least)
        if qualified is not None:
            tests += [f"!{self.fails(qualified, x)}" for x in names]
        found = f"EXISTS {{ {pattern} FILTER({' && '.join(tests) or 'true'}) }}"
        return found if predicate in (SH.maxCount, SH.qualifiedMaxCount) else f"!{found}"

    # -- whole shapes ---------------------------------------------------------------------

    def own_constraints(self, shape: object) -> Iterator[tuple[URIRef, object]]:
        """The shape's constraint parameters, sh:property left out."""
        self.check_supported(shape)
        for predicate, param in sorted(self.shapes.predicate_objects(shape)):
            if predicate in _ANNOTATIONS or predicate in _TARGETS:
                continue
            if predicate in (SH.path, SH.flags, SH.qualifiedValueShape, SH.property):
                continue
            if predicate in (SH.qualifiedValueShapesDisjoint, SH.sparql):
                continue
            yield predicate, param

    def constraint_fails(self, shape: object, predicate: URIRef, param: object, f: str) -> str:
        """Does focus `f` break this one constraint of `shape` (node or property shape)."""
        if predicate in (SH.lessThan, SH.lessThanOrEquals):
            # nested use only; top level goes through `pair_checks` for odd literals
            step = self.path(shape)
            v, w = self.var(), self.var()
            return (
                f"EXISTS {{ {step(f, v)} {f} <{param}> {w} . "
                f"FILTER(!{self.less_holds(v, w, predicate == SH.lessThanOrEquals)}) }}"
            )
        if (shape, SH.path, None) not in self.shapes:
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

    def fails(self, shape: object, f: str) -> str:
        """Does focus `f` break anything of `shape`, property shapes included."""
        if (shape, SH.sparql, None) in self.shapes:
            raise UnsupportedShape(f"{shape}: SHACL-SPARQL inside a logical constraint")
        tests = [self.constraint_fails(shape, p, o, f) for p, o in self.own_constraints(shape)]
        tests += [self.fails(prop, f) for prop in sorted(self.shapes.objects(shape, SH.property))]
        return "(" + " || ".join(tests) + ")" if tests else "false"

    def less_holds(self, v: str, w: str, or_equal: bool) -> str:
        """SPARQL's verdict on `v < w` for values that are not `odd`, as pySHACL's: strings
        (IRIs included) with strings, numbers with numbers, anything else fails."""
        op = "<=" if or_equal else "<"
        strings = f"<{_STRING}>, <{_LANG_STRING}>"
        stringy = f"(isIRI({{x}}) || (isLiteral({{x}}) && DATATYPE({{x}}) IN ({strings})))"
        cast = f"<{XSD.decimal}>"
        return (
            f"(({stringy.format(x=v)} && {stringy.format(x=w)} && STR({v}) {op} STR({w})) || "
            f"({self.number(v)} && {self.number(w)} && "
            f"COALESCE({cast}(STR({v})) {op} {cast}(STR({w})), false)))"
        )

    def classes(self, cls: object) -> str:
        return ", ".join(self.subclasses(cls))

    def targets(self, shape: object, distinct: bool = False) -> str:
        """The focus nodes of a shape as a pattern binding `?this`; a node may come more
        than once unless `distinct` (the core queries are DISTINCT or count DISTINCT)."""
        branches = []
        classes = sorted(
            {c for t in self.shapes.objects(shape, SH.targetClass) for c in self.subclasses(t)}
        )
        if classes:
            branches.append(
                f"{{ VALUES ?class {{ {' '.join(classes)} }} ?this <{RDF.type}> ?class }}"
            )
        for prop in sorted(self.shapes.objects(shape, SH.targetSubjectsOf)):
            branches.append(f"{{ ?this <{prop}> [] }}")
        for prop in sorted(self.shapes.objects(shape, SH.targetObjectsOf)):
            branches.append(f"{{ [] <{prop}> ?this }}")
        nodes = sorted(self.shapes.objects(shape, SH.targetNode))
        if nodes:
            branches.append(f"{{ VALUES ?this {{ {' '.join(self.term(n) for n in nodes)} }} }}")
        if distinct:
            return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(branches)} }} }}"
        return f"{{ {' UNION '.join(branches)} }}"

    def reported(self, shape: object) -> str:
        """The name `validate.Violation.shape` gives a result of `shape` (same walk)."""
        while isinstance(shape, BNode) and shape in self.owners:
            shape = self.owners[shape]
        return str(shape)

    def checks(self) -> list[_Check]:
        """The checks of every shape with a target, then of each of its property shapes,
        all on the shape's focus nodes."""
        checks = []
        tops = sorted({s for p in _TARGETS for s in self.shapes.subjects(p, None)}, key=str)
        for top in tops:
            target = self.targets(top)
            merged = _Merged()
            checks += self.shape_checks(top, target, merged)
            for prop in sorted(self.shapes.objects(top, SH.property)):
                if (prop, SH.property, None) in self.shapes:
                    raise UnsupportedShape(f"{prop}: sh:property on a property shape")
                checks += self.shape_checks(prop, target, merged)
            if merged.branches:
                checks.append(self.merged_check(top, merged))
        return checks

    def merged_check(self, top: object, merged: _Merged) -> _Check:
        """One query for the counts and value tests `merged` holds: the values of every path
        (a UNION, so no cross product) grouped by focus node, each focus node kept with one
        flag per shape name. `COUNT(?v)` counts distinct values: a path step matches each
        (focus, value) pair once in a store's one graph, and the targets are DISTINCT."""
        names = sorted(merged.fails)
        flags = " ".join(
            f"BIND(COALESCE({' || '.join(merged.fails[name])}, false) AS ?f{i})"
            for i, name in enumerate(names)
        )
        query = (
            f"SELECT ?this {' '.join(f'?f{i}' for i in range(len(names)))} WHERE {{ "
            f"{{ SELECT ?this {' '.join(merged.aggregates)} WHERE {{ "
            f"{self.targets(top, distinct=True)} "
            f"OPTIONAL {{ {' UNION '.join(merged.branches)} }} }} GROUP BY ?this }} "
            f"{flags} FILTER({' || '.join(f'?f{i}' for i in range(len(names)))}) }}"
        )
        return _Check(self.reported(top), query, _CORE_VIEW, flags=tuple(names))

    def merge(
        self, shape: object, merged: _Merged, counts: dict, value_tests: list, v: str
    ) -> None:
        """Hand a property shape's sh:minCount / sh:maxCount and value tests (expressions of
        the value `v`, a variable of its own) to the shape's merged query."""
        k = v[2:]
        step = self.path(shape)("?this", v)
        merged.aggregates.append(f"(COUNT({v}) AS ?n{k})")
        fails = merged.fails.setdefault(self.reported(shape), [])
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

    def shape_checks(self, shape: object, target: str, merged: _Merged) -> list[_Check]:
        """The queries of one shape reached from a shape with targets: a property shape's
        counts and tests of each value go to the merged query of its shape with targets, the
        constraints on the focus node into one FILTER, the others one query each (all report
        the same shape name, so merging loses nothing)."""
        name = self.reported(shape)
        has_path = (shape, SH.path, None) in self.shapes
        checks, node_tests, value_tests = [], [], []
        counts: dict[URIRef, int] = {}
        v = self.var()
        for predicate, param in self.own_constraints(shape):
            if predicate in (SH.lessThan, SH.lessThanOrEquals):
                checks += self.pair_checks(shape, name, target, predicate, param)
            elif predicate == SH["class"] or predicate in (
                SH.hasValue,
                SH.qualifiedMaxCount,
                SH.qualifiedMinCount,
            ):
                checks.append(
                    _Check(name, self.top_query(shape, predicate, param, target), _CORE_VIEW)
                )
            elif has_path and predicate in (SH.minCount, SH.maxCount):
                counts[predicate] = self.integer(shape, predicate)
            elif has_path and predicate != SH.uniqueLang:
                value = self.value_fails(shape, predicate, param, v)
                if value is None:
                    raise UnsupportedShape(f"{shape}: {predicate} is not compiled by fastcheck")
                value_tests.append(value)
            else:
                node_tests.append(self.constraint_fails(shape, predicate, param, "?this"))
        select = f"SELECT DISTINCT ?this WHERE {{ {target} "
        if node_tests:
            query = f"{select}FILTER({' || '.join(node_tests)}) }}"
            checks.append(_Check(name, query, _CORE_VIEW))
        if value_tests or counts:
            self.merge(shape, merged, counts, value_tests, v)
        return checks

    def top_query(self, shape: object, predicate: URIRef, param: object, target: str) -> str:
        """One constraint of a shape with targets as a query of the focus nodes breaking it.

        Written with joins, MINUS and GROUP BY rather than FILTER (NOT) EXISTS where it can:
        pyoxigraph plans the pattern inside EXISTS without the outer bindings, once per row.
        """
        select = f"SELECT DISTINCT ?this WHERE {{ {target} "
        if (shape, SH.path, None) not in self.shapes:
            if predicate == SH["class"]:
                typed = f"?this <{RDF.type}> ?t FILTER(?t IN ({self.classes(param)}))"
                return f"{select}MINUS {{ {typed} }} }}"
            return f"{select}FILTER({self.constraint_fails(shape, predicate, param, '?this')}) }}"
        step = self.path(shape)
        if predicate == SH["class"]:
            return (
                f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this WHERE {{ {step('?this', '?v')} "
                f"MINUS {{ ?v <{RDF.type}> ?t FILTER(?t IN ({self.classes(param)})) }} }} }} "
                f"{target} }}"
            )
        if predicate == SH.hasValue:
            return f"{select}MINUS {{ {step('?this', self.term(param))} }} }}"
        if predicate in (SH.minCount, SH.maxCount, SH.qualifiedMaxCount, SH.qualifiedMinCount):
            limit = self.integer(shape, predicate)
            if predicate == SH.minCount and limit == 1:
                return f"{select}MINUS {{ {step('?this', '?v')} }} }}"
            keep = ""
            if predicate in (SH.qualifiedMaxCount, SH.qualifiedMinCount):
                keep = f"FILTER(!{self.fails(self.one(shape, SH.qualifiedValueShape), '?v')})"
            op = "<" if predicate in (SH.minCount, SH.qualifiedMinCount) else ">"
            values = f"{step('?this', '?v')} {keep}"
            if op == "<":
                values = f"OPTIONAL {{ {values} }}"
            return (
                f"SELECT ?this WHERE {{ {target} {values} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {limit})"
            )
        found = self.set_fails(shape, predicate, param, "?this")
        if found is not None:
            return f"{select}FILTER({found}) }}"
        value = self.value_fails(shape, predicate, param, "?v")
        if value is None:
            raise UnsupportedShape(f"{shape}: {predicate} is not compiled by fastcheck")
        return f"{select}{step('?this', '?v')} FILTER({value}) }}"

    def pair_checks(
        self, shape: object, name: str, target: str, predicate: URIRef, other: object
    ) -> list[_Check]:
        """sh:lessThan(OrEquals) in one query: ordinary pairs judged in SPARQL, pairs with an
        odd literal (`?odd` true) returned to be judged in Python by pySHACL's rule."""
        or_equal = predicate == SH.lessThanOrEquals
        if (shape, SH.path, None) not in self.shapes or not isinstance(other, URIRef):
            raise UnsupportedShape(f"{shape}: {predicate} needs a property shape and an IRI")
        step = self.path(shape)
        odd = f"{self.odd('?v')} || {self.odd('?w')}"
        pairs = f"{step('?this', '?v')} ?this <{other}> ?w ."
        query = (
            f"SELECT ?this ?v ?w ?odd WHERE {{ {{ SELECT ?this ?v ?w ?odd WHERE {{ {pairs} "
            f"BIND(COALESCE({odd}, false) AS ?odd) "
            f"FILTER(?odd || !{self.less_holds('?v', '?w', or_equal)}) }} }} {target} }}"
        )
        return [_Check(name, query, _CORE_VIEW, lambda a, b: _less_holds(a, b, or_equal))]

    def sparql_checks(self) -> list[_Check]:
        """Each SHACL-SPARQL constraint once over the graph, `$this` joined with the targets."""
        prefixes = "".join(
            f"PREFIX {self.shapes.value(d, SH.prefix)}: <{self.shapes.value(d, SH.namespace)}>\n"
            for d in sorted(self.shapes.objects(None, SH.declare))
        )
        prefixes += f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\n"
        checks = []
        for shape, constraint in sorted(self.shapes.subject_objects(SH.sparql)):
            if (shape, SH.path, None) in self.shapes:
                raise UnsupportedShape(f"{shape}: SHACL-SPARQL on a property shape")
            if not any((shape, p, None) in self.shapes for p in _TARGETS):
                raise UnsupportedShape(f"{shape}: a SPARQL constraint on a shape without a target")
            select = self.shapes.value(constraint, SH.select)
            if select is None:
                raise UnsupportedShape(f"{constraint}: only sh:select SPARQL constraints")
            query = _prebind(str(select), self.targets(shape, distinct=True), constraint)
            checks.append(
                _Check(
                    self.reported(shape),
                    f"{prefixes}SELECT DISTINCT ?this WHERE {{\n  {{ {query} }}\n}}",
                    _SPARQL_VIEW,
                )
            )
        return checks


def _prebind(select: str, targets: str, constraint: object) -> str:
    """The constraint's SELECT with the targets joined first in its WHERE clause.

    SHACL pre-binds `$this` before the query runs: an OPTIONAL or FILTER NOT EXISTS then sees
    it bound. Joining the targets at the start of the outermost group gives the same rows for
    the queries this accepts; sub-queries, MINUS and VALUES, where pre-binding and a join
    part ways, are refused, as are the other pre-bound variables.
    """
    if re.search(r"\$(currentShape|shapesGraph|PATH|value)\b", select):
        raise UnsupportedShape(f"{constraint}: pre-bound variables other than $this")
    if len(re.findall(r"\bSELECT\b", select, re.I)) != 1 or re.search(
        r"\b(MINUS|VALUES|SERVICE|GRAPH)\b", select, re.I
    ):
        raise UnsupportedShape(f"{constraint}: sub-query, MINUS, VALUES or GRAPH in the query")
    head, brace, body = select.partition("{")
    if not brace or not re.search(r"\$this\b|\*", head):
        raise UnsupportedShape(f"{constraint}: the SELECT does not return $this")
    select = _minus_for_not_exists(select)
    head, _, body = select.partition("{")
    return f"{head}{{ {targets} {body}".replace("$this", "?this")


def _closing(text: str, start: int) -> int:
    """The index of the bracket closing the one at `start`, string literals skipped."""
    pairs = {"{": "}", "(": ")"}
    depth, quote, i = 0, "", start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == text[start]:
            depth += 1
        elif ch == pairs[text[start]]:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise UnsupportedShape(f"unbalanced {text[start]} in {text!r}")


_NOT_EXISTS = re.compile(r"FILTER\s*NOT\s+EXISTS\s*\{", re.I)
_EXPRESSION = re.compile(
    r"\b(FILTER\s*(NOT\s+)?EXISTS\s*(?=\{)|FILTER\s*(?=\()|BIND\s*(?=\())", re.I
)


def _minus_for_not_exists(select: str) -> str:
    """`FILTER NOT EXISTS { P }` as `MINUS { P }` where the two give the same rows, and where
    MINUS is the cheaper.

    pyoxigraph plans the pattern of a NOT EXISTS without the row's bindings and runs it once
    per row (13 s for one constraint at 100x, against 0.4 s as MINUS). The two agree when the
    WHERE group is one basic graph pattern with filters and binds (no OPTIONAL, UNION, nested
    group), P is plain triple patterns, and each variable P shares with the rest of the group
    is bound there by a triple pattern (not only by BIND): the MINUS then goes at the end of
    the group. Anything else is left as written. So is a P of one triple pattern whose every
    variable the group's triple patterns bind: NOT EXISTS looks the one triple up per row,
    where MINUS would first list every triple matching P (`?s ?p ?o`: the whole store, 0.9 s
    against 0.1 s at 100x).
    """
    open_at = select.index("{")
    close_at = _closing(select, open_at)
    group = select[open_at + 1 : close_at]
    if re.search(r"\b(OPTIONAL|UNION|MINUS|GRAPH|SERVICE|VALUES|SELECT)\b", group, re.I):
        return select
    found: list[tuple[int, int, str]] = []
    for match in _NOT_EXISTS.finditer(group):
        if found and match.start() < found[-1][1]:
            continue
        brace = match.end() - 1
        end = _closing(group, brace)
        pattern = group[brace + 1 : end]
        if not re.search(r"[{}()]|\b(FILTER|BIND)\b", pattern, re.I):
            found.append((match.start(), end + 1, pattern))
    rest = _without(group, found)
    triples, i = [], 0
    for match in _EXPRESSION.finditer(rest):
        if match.start() < i:
            continue
        triples.append(rest[i : match.start()])
        i = _closing(rest, match.end()) + 1
    triples.append(rest[i:])
    triple_text = " ".join(triples)
    binds = set(re.findall(r"\bAS\s+[?$](\w+)", rest, re.I))

    def bound(name: str) -> bool:
        return name not in binds and bool(re.search(rf"[?$]{name}\b", triple_text))

    minus = []
    for start, end, pattern in found:
        names = set(re.findall(r"[?$](\w+)", pattern))
        if _ONE_TRIPLE.fullmatch(pattern) and all(bound(name) for name in names):
            continue
        shared = [
            name
            for name in names
            if re.search(rf"[?$]{name}\b", select[:open_at] + rest + select[close_at:])
        ]
        if not shared:
            return select  # MINUS with no shared variable removes nothing
        if not all(bound(name) for name in shared):
            return select
        minus.append((start, end, pattern))
    if not minus:
        return select
    tail = " ".join(f"MINUS {{{p}}}" for _, _, p in minus)
    return f"{select[: open_at + 1]}{_without(group, minus)} {tail}\n{select[close_at:]}"


_TERM = r"(?:<[^<>\s]*>|[^\s\"'.;,<>]+)"
_ONE_TRIPLE = re.compile(rf"\s*{_TERM}\s+{_TERM}\s+{_TERM}\s*\.?\s*")
"""One triple pattern of variables, IRIs and prefixed names (no literal, no `;` or `,`)."""


def _without(group: str, spans: list[tuple[int, int, str]]) -> str:
    """`group` with the text of each (start, end) span taken out."""
    kept, done = [], 0
    for start, end, _ in spans:
        kept.append(group[done:start])
        done = end
    return "".join(kept) + group[done:]


def _string(text: str) -> str:
    return str(ox.Literal(text))


_REGEX_TOKEN = re.compile(r"\\[.\\/^$|?*+()\[\]{}-]|\\[dDsSwW]|\[\^?|\]|\{[0-9]+(,[0-9]*)?\}|.")


def _xpath_regex(pattern: str, shape: object) -> str:
    """A Python `re` pattern as an XPath / SPARQL REGEX one that matches the same strings.

    Only the common subset both dialects read the same is accepted (literals, escapes of
    metacharacters, classes, groups, alternation, quantifiers, anchors); anything else, e.g.
    look-arounds, back-references, inline flags, raises. Python's `$` also matches before a
    final newline, so an unescaped `$` outside a class becomes `\\n?$`.
    """
    out, in_class = [], False
    for match in _REGEX_TOKEN.finditer(pattern):
        token = match.group()
        if token.startswith("\\") and len(token) == 2:
            out.append(token)
        elif token.startswith("["):
            in_class = True
            out.append(token)
        elif token == "]":
            in_class = False
            out.append(token)
        elif token == "$" and not in_class:
            out.append("\\n?$")
        elif token == "(" and pattern[match.end() : match.end() + 1] == "?" and not in_class:
            raise UnsupportedShape(f"{shape}: regex group syntax '(?' in {pattern!r}")
        elif token == "\\" or (token in "{}" and not in_class):
            raise UnsupportedShape(f"{shape}: regex syntax {token!r} in {pattern!r}")
        else:
            out.append(token)
    return "".join(out)


def compile_shapes(
    shapes: Graph,
    literals: _Literals | None = None,
    subclasses: Callable[[object], list[str]] | None = None,
) -> list[_Check]:
    """Every check the shapes make, as queries; raises `UnsupportedShape` for SHACL this
    compiler does not translate."""
    compiler = _Compiler(shapes, literals or _Literals(), subclasses or (lambda c: [f"<{c}>"]))
    return compiler.checks() + compiler.sparql_checks()


# ------------------------------------------------------------------------------------------
# Running it
# ------------------------------------------------------------------------------------------


_NOT_STRING = rb"(?!" + re.escape(_STRING.encode()) + rb">)"
_TYPED_END = re.compile(rb'"\^\^<' + _NOT_STRING + rb"([^>\n]*)> \.$", re.M)
"""The end of a line whose object is a typed literal other than xsd:string: `"^^<dt> .`.

Canonical N-Triples writes strings without `^^` and language strings with `@lang`, an IRI
holds no `"`, and a `"` inside a literal is escaped: only a typed literal's line ends so."""
_TYPED_OBJECT = re.compile(
    rb' "([^"\\\n]*(?:\\.[^"\\\n]*)*)"\^\^<' + _NOT_STRING + rb"([^>\n]*)> \.$", re.M
)
"""A typed literal object, (escaped lexical form, datatype): ` "` starts the object, as
subjects and predicates hold no `"` and one inside a literal is escaped."""
_BLANK_LINE = re.compile(rb"^[^\n]*_:[^\n]*\n", re.M)


def _stores(ntriples: bytes, ontology: bytes, literals: _Literals) -> dict[str, ox.Store]:
    """The two views of the data and the ontology (see the module's docstring), one store
    each, loaded from N-Triples without Python touching a triple.

    The SPARQL view loads the lines as they are; the core view loads a copy where each typed
    literal's datatype is renamed by one `re.sub`. The two loads run in two threads (the
    bulk loader lets go of the GIL for much of its work, and two stores share no lock).
    `bulk_load` gives blank nodes fresh labels, so that lines holding `_:` (the ontology's
    restrictions and lists, any blank node of the data) are parsed and added with their
    labels instead, and a blank focus node is named as pySHACL names it. The loads are
    lenient (IRIs not validated again, 20% faster): the lines are pyoxigraph's own output.
    """
    if not ntriples.endswith(b"\n") and ntriples:
        ntriples += b"\n"
    blank = ontology
    if b"_:" in ntriples:
        blank += b"".join(_BLANK_LINE.findall(ntriples))
        ntriples = _BLANK_LINE.sub(b"", ntriples)
    stores = {_CORE_VIEW: ox.Store(), _SPARQL_VIEW: ox.Store()}

    def load(view: str, plain: bytes, labelled: bytes) -> None:
        stores[view].bulk_load(plain, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        stores[view].bulk_extend(ox.parse(labelled, format=ox.RdfFormat.N_TRIPLES))

    with ThreadPoolExecutor(max_workers=_THREADS) as pool:
        loads = [pool.submit(load, _SPARQL_VIEW, ntriples, blank)]
        raw = rb'"^^<' + _RAW_DATATYPE.encode() + rb"\1> ."
        loads.append(
            pool.submit(load, _CORE_VIEW, _TYPED_END.sub(raw, ntriples), _TYPED_END.sub(raw, blank))
        )
        _record_literals((ntriples, blank), literals)
        for done in loads:
            done.result()
    return stores


def _record_literals(chunks: Iterable[bytes], literals: _Literals) -> None:
    """Every distinct typed literal of the lines into `literals` (rdflib's verdicts on the
    odd ones): found by a regex, their escapes read by pyoxigraph's own parser."""
    found = {match for chunk in chunks for match in _TYPED_OBJECT.findall(chunk)}
    lines = b"".join(
        b'<x:s> <x:p> "' + lexical + b'"^^<' + datatype + b"> .\n"
        for lexical, datatype in sorted(found)
    )
    for triple in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        literals.raw(triple.object.value, triple.object.datatype.value)


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _ox_triples(graph: Graph) -> Iterator[ox.Triple]:
    for s, p, o in graph:
        yield ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))


def violations(
    data: Graph | None,
    ontology: Graph,
    shapes: Graph | None = None,
    triples: Iterable[ox.Triple] | None = None,
    ntriples: bytes | None = None,
) -> set[tuple[str, str]]:
    """(shape, focus node) pairs the graph violates, as pySHACL on all the shapes reports them.

    The data graph comes as an rdflib Graph (`data`), as pyoxigraph triples (`triples`), or
    as N-Triples (`ntriples`: one triple a line, each written as pyoxigraph writes it,
    `str(triple) + " .\\n"`), the cheapest; with either of the last two `data` is not read
    and may be None.
    """
    shapes = shapes if shapes is not None else load_shapes()
    if ntriples is None:
        if triples is None:
            if data is None:
                raise ValueError("violations needs the data graph or its triples")
            triples = _ox_triples(data)
        ntriples = _ntriples(triples)
    literals = _Literals()
    stores = _stores(ntriples, _ntriples(_ox_triples(ontology)), literals)
    return _run(stores, compile_shapes(shapes, literals, _subclasses(stores[_CORE_VIEW])), literals)


def _run(
    stores: dict[str, ox.Store], checks: list[_Check], literals: _Literals
) -> set[tuple[str, str]]:
    """The (shape, focus) pairs of all the checks, run on `_THREADS` threads."""

    def run(check: _Check) -> list[tuple[str, str]]:
        found = []
        for row in stores[check.view].query(check.query):
            if check.flags:
                found += [
                    (name, row["this"].value)
                    for i, name in enumerate(check.flags)
                    if row[f"f{i}"].value == "true"
                ]
            elif (
                check.pair_test is None
                or row["odd"].value != "true"
                or not check.pair_test(
                    _to_rdflib(row["v"], literals), _to_rdflib(row["w"], literals)
                )
            ):
                found.append((check.shape, row["this"].value))
        return found

    # the SHACL-SPARQL constraints, the longest, first: the other thread meanwhile runs the
    # many short ones (a set of pairs, whatever order they finish in)
    ordered = sorted(checks, key=lambda c: c.view != _SPARQL_VIEW)
    with ThreadPoolExecutor(max_workers=_THREADS) as pool:
        return {pair for pairs in pool.map(run, ordered) for pair in pairs}


def _subclasses(store: ox.Store) -> Callable[[object], list[str]]:
    """A class and every class below it (`rdfs:subClassOf*` in data + ontology), cached."""
    cache: dict[str, list[str]] = {}

    def lookup(cls: object) -> list[str]:
        key = str(cls)
        if key not in cache:
            rows = store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* <{key}> }}")
            found = {f"<{key}>"} | {str(row["c"]) for row in rows}
            cache[key] = sorted(found)
        return cache[key]

    return lookup


def check(
    data: Graph | Callable[[], Graph],
    ontology: Graph,
    triples: Iterable[ox.Triple] | None = None,
    ntriples: bytes | None = None,
) -> None:
    """Return if the graph conforms; otherwise raise `validate.NonConformingGraph` with the
    authoritative engine's report.

    With `triples` or `ntriples` (as `violations` takes them), `data` may be a function that
    makes the rdflib Graph: it is called only for that report (the build never fills
    rdflib's store for a graph that conforms, which cost as much as validating it).
    """
    given = triples is not None or ntriples is not None
    graph = None if given and callable(data) else _graph(data)
    if violations(graph, ontology, triples=triples, ntriples=ntriples):
        assert_conforms(_graph(data), ontology=ontology)


def _graph(data: Graph | Callable[[], Graph]) -> Graph:
    return data if isinstance(data, Graph) else data()
