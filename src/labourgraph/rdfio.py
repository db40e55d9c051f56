"""Reading and writing RDF: the one place every parse and every serialisation goes through.

Parsing refuses what would make a document reach outside itself or blow up (a DTD or entity
declaration in RDF/XML, inputs over a size limit), strips a UTF-8 byte-order mark that breaks
rdflib's Turtle parser, and reads through pyoxigraph (about 15 times faster than rdflib's own
parser on this machine) before handing an rdflib `Graph` to the rest of the code.
Serialising binds the project's prefixes and gives the same bytes for the same graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from labourgraph.atomic import write_bytes
from labourgraph.errors import LabourgraphError
from labourgraph.vocab import PREFIXES

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Inputs larger than this are refused: nothing this project publishes comes close."""

_FORMATS = {
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".owl": "xml",
    ".rdf": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}
_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def guess_format(path: Path | str) -> str:
    """The rdflib format name for a file, from its extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise LabourgraphError(f"{path}: unknown RDF file extension {suffix!r}")
    return _FORMATS[suffix]


def parse_bytes(data: bytes, fmt: str, source: str = "<data>") -> Graph:
    """Parse RDF bytes into an rdflib Graph, refusing unsafe or oversized input."""
    if len(data) > MAX_INPUT_BYTES:
        raise LabourgraphError(f"{source}: {len(data)} bytes is over the {MAX_INPUT_BYTES}-byte limit")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if fmt == "xml" and _DTD.search(data):
        raise LabourgraphError(f"{source}: RDF/XML with a DTD or entity declaration is refused")
    graph = Graph()
    if fmt in _OX_FORMATS:
        try:
            quads = ox.parse(data, format=_OX_FORMATS[fmt], without_named_graphs=False)
            for quad in quads:
                graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object)))
        except SyntaxError as err:
            raise LabourgraphError(f"{source}: not valid {fmt}: {err}") from None
    else:
        try:
            graph.parse(data=data, format=fmt)
        except Exception as err:  # rdflib raises many types for bad input
            raise LabourgraphError(f"{source}: not valid {fmt}: {err}") from None
    return graph


def load_graph(path: Path | str, fmt: str | None = None) -> Graph:
    """Read an RDF file from disk (see `parse_bytes`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
    if size > MAX_INPUT_BYTES:
        raise LabourgraphError(f"{path}: {size} bytes is over the {MAX_INPUT_BYTES}-byte limit")
    return parse_bytes(path.read_bytes(), fmt or guess_format(path), str(path))


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal):  # noqa: ANN202
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so every serialisation uses the same short names."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def to_turtle(graph: Graph, header: str = "") -> bytes:
    """Turtle bytes that are identical for identical graphs (no blank nodes expected)."""
    body = bind_prefixes(graph).serialize(format="turtle", encoding="utf-8")
    return header.encode("utf-8") + body


def to_rdfxml(graph: Graph, header: str = "") -> bytes:
    """RDF/XML bytes for Protégé; rdflib's pretty-xml is deterministic for a given graph."""
    body = bind_prefixes(graph).serialize(format="pretty-xml", encoding="utf-8")
    if header:
        decl, _, rest = body.partition(b"\n")
        comment = "".join(f"<!-- {line.lstrip('# ')} -->\n" for line in header.splitlines() if line)
        body = decl + b"\n" + comment.encode("utf-8") + rest
    return body


def save_graph(graph: Graph, path: Path | str, fmt: str | None = None, header: str = "") -> None:
    """Serialise fully in memory first, then replace the file atomically."""
    fmt = fmt or guess_format(path)
    data = to_rdfxml(graph, header) if fmt == "xml" else to_turtle(graph, header)
    write_bytes(path, data)


def load_store(paths: Iterable[Path | str]) -> ox.Store:
    """Bulk-load RDF files into one in-memory pyoxigraph Store, for the SPARQL queries.

    pyoxigraph answers the saved queries 10-1000 times faster than rdflib's engine (see
    scripts/bench_queries.py); the same refusals as `parse_bytes` apply to every file.
    """
    store = ox.Store()
    for path in map(Path, paths):
        fmt = guess_format(path)
        try:
            size = path.stat().st_size
        except OSError as err:
            raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
        if size > MAX_INPUT_BYTES or fmt not in _OX_FORMATS:
            raise LabourgraphError(f"{path}: too large or not a format pyoxigraph reads")
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
        if fmt == "xml" and _DTD.search(data):
            raise LabourgraphError(f"{path}: RDF/XML with a DTD or entity declaration is refused")
        try:
            store.bulk_load(data, format=_OX_FORMATS[fmt], base_iri=path.resolve().as_uri())
        except SyntaxError as err:
            raise LabourgraphError(f"{path}: not valid {fmt}: {err}") from None
    return store
