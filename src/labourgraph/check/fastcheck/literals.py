"""Typed literals in the core view: stored under a private datatype, judged by rdflib when odd.

pyoxigraph stores typed literals by value: `"5"^^xsd:nonNegativeInteger` comes back as
`"5"^^xsd:integer`, so `sh:datatype` could not tell them apart. The store the SHACL Core
queries read (the core view) therefore keeps every literal typed other than `xsd:string` /
`rdf:langString` as its lexical form under a private datatype IRI (`RAW_DATATYPE` + the real
one), which pyoxigraph leaves alone.

Where rdflib's reading of a literal decides (is it ill-typed, does a date compare with an
integer, is `" 5"` the integer 5), the answer is computed with rdflib itself, once per distinct
literal, and handed to the queries as a list of terms: a literal whose lexical form matches the
plain XSD grammar of `xsd:integer`, `xsd:nonNegativeInteger` or `xsd:decimal` is compared in
SPARQL; any other typed literal ("odd") is judged in Python as pySHACL judges it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

NS = "urn:x-labourgraph:fastcheck:"
RAW_DATATYPE = NS + "raw:"
"""The prefix of the private datatype IRIs of the core view (`RAW_DATATYPE` + the real one)."""

STRING = str(XSD.string)
LANG_STRING = str(RDF.langString)
REGULAR = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.nonNegativeInteger): re.compile(r"\+?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
}
"""Lexical forms rdflib reads as an int / Decimal with no surprise, so SPARQL can compare
them once cast to xsd:decimal; every other typed literal is "odd" and judged by rdflib."""
REGULAR_RAW = ", ".join(f"<{RAW_DATATYPE}{d}>" for d in REGULAR)
"""The private datatypes of the `REGULAR` ones, as a SPARQL `IN` list."""


@dataclass
class Literals:
    """What rdflib says about the typed literals of the graph that SPARQL cannot judge."""

    odd: dict[ox.Literal, Literal] = field(default_factory=dict)
    """Raw term -> the rdflib literal, for typed literals not in `REGULAR`'s grammar."""
    _raw: dict[tuple[str, str], ox.Literal] = field(default_factory=dict)

    def raw(self, value: str, datatype: str) -> ox.Literal:
        """The term a typed literal is stored as in the core view (recording odd ones)."""
        key = (value, datatype)
        term = self._raw.get(key)
        if term is None:
            term = ox.Literal(value, datatype=ox.NamedNode(RAW_DATATYPE + datatype))
            grammar = REGULAR.get(datatype)
            if grammar is None or not grammar.fullmatch(value):
                self.odd[term] = Literal(value, datatype=URIRef(datatype))
            self._raw[key] = term
        return term

    def where(self, keep: Callable[[Literal], bool]) -> list[ox.Literal]:
        """The odd literals (raw terms) rdflib's reading says `keep` of, sorted."""
        return sorted((t for t, lit in self.odd.items() if keep(lit)), key=str)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal, literals: Literals) -> object:
    """The rdflib term a core-view term stands for (an odd literal as rdflib read it)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term in literals.odd:
        return literals.odd[term]
    datatype = term.datatype.value
    if datatype.startswith(RAW_DATATYPE):
        return Literal(term.value, datatype=URIRef(datatype[len(RAW_DATATYPE) :]))
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value)
