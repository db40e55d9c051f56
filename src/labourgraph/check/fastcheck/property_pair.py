"""Property pair constraint components (SHACL 4.5): sh:lessThan, sh:lessThanOrEquals
(sh:equals and sh:disjoint are not compiled).

pySHACL orders strings (IRIs included) with strings and numbers with numbers; any other pair
fails. SPARQL judges the pairs of strings and of `REGULAR` numbers; a pair holding an odd
literal is returned by the query (`?odd` true) and judged in Python by pySHACL's rule.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, Test, UnsupportedShape
from labourgraph.check.fastcheck.literals import LANG_STRING, REGULAR, REGULAR_RAW, STRING
from labourgraph.check.fastcheck.report import CORE_VIEW, Check
from labourgraph.check.fastcheck.value_range import number


def less_fails(c: ShapeContext, shape: Node, predicate: URIRef, other: Node, f: str) -> str:
    """The pair test inside a logical or shape-based constraint (odd literals judged by SPARQL
    alone); at the top, `pair_checks`."""
    step = c.path(shape)
    v, w = c.var(), c.var()
    return (
        f"EXISTS {{ {step(f, v)} {f} <{other}> {w} . "
        f"FILTER({c.guard('!' + less_holds(c, v, w, predicate == SH.lessThanOrEquals))}) }}"
    )


def pair_checks(
    c: ShapeContext, shape: Node, name: str, target: str, predicate: URIRef, other: Node
) -> list[Check]:
    """sh:lessThan(OrEquals) in one query: ordinary pairs judged in SPARQL, pairs with an
    odd literal (`?odd` true) returned to be judged in Python by pySHACL's rule."""
    or_equal = predicate == SH.lessThanOrEquals
    if not c.has(shape, SH.path) or not isinstance(other, URIRef):
        raise UnsupportedShape(f"{shape}: {predicate} needs a property shape and an IRI")
    step = c.path(shape)
    odd_pair = f"{odd(c, '?v')} || {odd(c, '?w')}"
    pairs = f"{step('?this', '?v')} ?this <{other}> ?w ."
    query = (
        f"SELECT ?this ?v ?w ?odd WHERE {{ {{ SELECT ?this ?v ?w ?odd WHERE {{ {pairs} "
        f"BIND(COALESCE({odd_pair}, false) AS ?odd) "
        f"FILTER(COALESCE(?odd || !{less_holds(c, '?v', '?w', or_equal)}, true)) }} }} "
        f"{target} }}"
    )
    # a partial, not a closure: a plan goes back from validation's own process (`child`)
    return [Check(name, query, CORE_VIEW, partial(python_less_holds, or_equal=or_equal))]


def less_holds(c: ShapeContext, v: str, w: str, or_equal: bool) -> str:
    """SPARQL's verdict on `v < w` for values that are not `odd`, as pySHACL's: strings
    (IRIs included) with strings, numbers with numbers, anything else fails."""
    op = "<=" if or_equal else "<"
    strings = f"<{STRING}>, <{LANG_STRING}>"
    stringy = f"(isIRI({{x}}) || (isLiteral({{x}}) && DATATYPE({{x}}) IN ({strings})))"
    cast = f"<{XSD.decimal}>"
    return (
        f"(({stringy.format(x=v)} && {stringy.format(x=w)} && STR({v}) {op} STR({w})) || "
        f"({number(c, v)} && {number(c, w)} && "
        f"COALESCE({cast}(STR({v})) {op} {cast}(STR({w})), false)))"
    )


def odd(c: ShapeContext, v: str) -> str:
    """`v` is a typed literal that is neither a string nor a `value_range.number`."""
    irregular = c.literals.where(lambda lit: str(lit.datatype) in REGULAR)
    return (
        f"((isLiteral({v}) && !(DATATYPE({v}) IN (<{STRING}>, <{LANG_STRING}>, "
        f"{REGULAR_RAW}))) || {c.any_term(v, irregular)})"
    )


def python_less_holds(value: object, other: object, or_equal: bool) -> bool:
    """pySHACL's sh:lessThan / sh:lessThanOrEquals test of one pair of values."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        return False  # pySHACL stops with an error: report it, pySHACL will say
    pair: list[tuple[bool, Any]] = []
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


PAIR_TESTS: dict[URIRef, Test] = {SH.lessThan: less_fails, SH.lessThanOrEquals: less_fails}
