"""Value type constraint components (SHACL 4.1): sh:class, sh:datatype, sh:nodeKind.

sh:datatype reads the core view, where a typed literal keeps its datatype as written
(`literals`); a literal of the right datatype that rdflib finds ill-typed (or whose Python
value is not of the expected type, where pySHACL checks one) fails it, as in pySHACL.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from labourgraph.check.fastcheck.context import (
    ShapeContext,
    Test,
    TopQuery,
    UnsupportedShape,
)
from labourgraph.check.fastcheck.literals import RAW_DATATYPE

NODE_KINDS: dict[Node, str] = {
    SH.IRI: "!isIRI({v})",
    SH.BlankNode: "!isBlank({v})",
    SH.Literal: "!isLiteral({v})",
    SH.BlankNodeOrIRI: "isLiteral({v})",
    SH.BlankNodeOrLiteral: "isIRI({v})",
    SH.IRIOrLiteral: "isBlank({v})",
}
"""sh:nodeKind value -> the SPARQL test that a value `{v}` is not of that kind."""

PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}
"""The datatypes whose literals pySHACL also expects rdflib to read as a given Python type."""


def class_fails(c: ShapeContext, shape: Node, predicate: URIRef, cls: Node, v: str) -> str:
    t = c.var()
    return f"NOT EXISTS {{ {v} <{RDF.type}> {t} FILTER({t} IN ({c.classes(cls)})) }}"


def datatype_fails(c: ShapeContext, shape: Node, predicate: URIRef, datatype: Node, v: str) -> str:
    if datatype == XSD.string:
        return f"!(isLiteral({v}) && DATATYPE({v}) = <{XSD.string}>)"
    if datatype == RDF.langString:
        return f'!(isLiteral({v}) && LANG({v}) != "")'
    if datatype == RDFS.Literal:
        return f"!isLiteral({v})"
    if not isinstance(datatype, URIRef) or datatype == RDFS.Datatype:
        raise UnsupportedShape(f"sh:datatype {datatype}")
    bad = c.literals.where(
        lambda lit: lit.datatype == datatype and not datatype_holds(lit, datatype)
    )
    return (
        f"!(isLiteral({v}) && DATATYPE({v}) = <{RAW_DATATYPE}{datatype}> && !{c.any_term(v, bad)})"
    )


def datatype_holds(lit: Literal, datatype: URIRef) -> bool:
    """pySHACL's sh:datatype test on a literal of that very datatype (not ill-typed, and its
    Python value of the expected type where pySHACL checks one)."""
    if lit.ill_typed is True:
        return False
    expected = PYTHON_TYPES.get(datatype)
    return expected is None or isinstance(lit.value, expected)


def node_kind_fails(c: ShapeContext, shape: Node, predicate: URIRef, kind: Node, v: str) -> str:
    if kind not in NODE_KINDS:
        raise UnsupportedShape(f"{shape}: sh:nodeKind {kind}")
    return NODE_KINDS[kind].format(v=v)


def class_query(c: ShapeContext, shape: Node, predicate: URIRef, cls: Node, target: str) -> str:
    """sh:class on a shape with targets, with MINUS rather than FILTER NOT EXISTS:
    pyoxigraph plans the pattern inside EXISTS without the outer bindings, once per row."""
    if not c.has(shape, SH.path):
        typed = f"?this <{RDF.type}> ?t FILTER(?t IN ({c.classes(cls)}))"
        return f"SELECT DISTINCT ?this WHERE {{ {target} MINUS {{ {typed} }} }}"
    step = c.path(shape)
    return (
        f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this WHERE {{ {step('?this', '?v')} "
        f"MINUS {{ ?v <{RDF.type}> ?t FILTER(?t IN ({c.classes(cls)})) }} }} }} "
        f"{target} }}"
    )


VALUE_TESTS: dict[URIRef, Test] = {
    SH["class"]: class_fails,
    SH.datatype: datatype_fails,
    SH.nodeKind: node_kind_fails,
}
TOP_QUERIES: dict[URIRef, TopQuery] = {SH["class"]: class_query}
