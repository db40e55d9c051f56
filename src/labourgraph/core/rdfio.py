"""Reading and writing RDF: the one place every parse and every serialisation goes through.

Parsing refuses what would make a document reach outside itself or blow up: a DTD or entity
declaration in RDF/XML (700 bytes of nested entities cost minutes of CPU in rdflib and a 300 MB
literal in pyoxigraph; refused by a byte scan before any parser runs), RDF/XML that is not
UTF-8 (the scan must see what the parser sees), a JSON-LD `@context` or `@import` given by
reference (rdflib's JSON-LD parser fetches `http:` and `file:` contexts; only inline contexts
are read), inputs over `MAX_INPUT_BYTES`. (Guarding rdflib's SPARQL engine is an explicit
call, `check.sparql_policy.install_rdflib_guards`: importing this module changes nothing.)
It strips a UTF-8 byte-order mark that breaks rdflib's Turtle parser,
and reads through pyoxigraph (about 15 times faster than rdflib's own parser on this machine)
before handing an rdflib `Graph` to the rest of the code.
Serialising binds the project's prefixes and gives the same bytes for the same graph.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from labourgraph.core.atomic import write_bytes
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.vocab import PREFIXES

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


def check_bytes(data: bytes, fmt: str, source: str = "<data>") -> bytes:
    """The bytes a parser may be given: size checked, byte-order mark stripped, and nothing
    that would make the parser expand entities or fetch a context. Raises `LabourgraphError`."""
    if len(data) > MAX_INPUT_BYTES:
        raise LabourgraphError(
            f"{source}: {len(data)} bytes is over the {MAX_INPUT_BYTES}-byte input limit"
        )
    data = data.removeprefix(b"\xef\xbb\xbf")
    if fmt == "xml":
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
            raise LabourgraphError(f"{source}: RDF/XML must be UTF-8 (UTF-16/32 is refused)")
        found = _DTD.search(data)
        if found:
            raise LabourgraphError(
                f"{source}: RDF/XML with a DTD or entity declaration is refused "
                f"(<!{found.group(1).decode().upper()} at byte offset {found.start()})"
            )
    if fmt == "json-ld":
        _check_jsonld(data, source)
    return data


def _check_jsonld(data: bytes, source: str) -> None:
    """Refuse a JSON-LD document whose `@context` (or a context's `@import`) is a reference:
    rdflib would fetch it, from the network or from a `file:` path."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as err:
        raise LabourgraphError(f"{source}: not valid JSON-LD: {err}") from None
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                contexts = value if isinstance(value, list) else [value]
                if key == "@import" or (
                    key == "@context" and any(not isinstance(c, dict) for c in contexts)
                ):
                    raise LabourgraphError(
                        f"{source}: JSON-LD {key} by reference ({json.dumps(value)[:80]}) is "
                        "refused: it would be fetched; put the context inline"
                    )
                stack.append(value)


def parse_bytes(data: bytes, fmt: str, source: str = "<data>") -> Graph:
    """Parse RDF bytes into an rdflib Graph, refusing unsafe or oversized input."""
    data = check_bytes(data, fmt, source)
    graph = Graph()
    if fmt in _OX_FORMATS:
        try:
            quads = ox.parse(data, format=_OX_FORMATS[fmt], without_named_graphs=False)
            for quad in quads:
                graph.add(
                    (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
                )
        except SyntaxError as err:
            raise LabourgraphError(f"{source}: not valid {fmt}: {err}") from None
    else:
        try:
            graph.parse(data=data, format=fmt)
        except Exception as err:  # rdflib raises many types for bad input
            raise LabourgraphError(f"{source}: not valid {fmt}: {err}") from None
    return graph


def read_input(path: Path | str, fmt: str | None = None) -> bytes:
    """A file's bytes, checked as `check_bytes` does (its size before it is read)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
    if size > MAX_INPUT_BYTES:
        raise LabourgraphError(
            f"{path}: {size} bytes is over the {MAX_INPUT_BYTES}-byte input limit"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
    return check_bytes(data, fmt or guess_format(path), str(path))


def load_graph(path: Path | str, fmt: str | None = None) -> Graph:
    """Read an RDF file from disk (see `parse_bytes`)."""
    fmt = fmt or guess_format(path)
    return parse_bytes(read_input(path, fmt), fmt, str(path))


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
"""A pyoxigraph term of a plain triple (no quoted triples in this project)."""


_XSD_STRING = str(XSD.string)
"""Made once: rdflib's namespace lookup costs a third of converting a plain string, and a
large query answer converts tens of thousands of them."""


def to_rdflib(term: OxTerm) -> URIRef | BNode | Literal:
    """The rdflib twin of a pyoxigraph term (the reverse of `to_oxigraph`)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


Row = tuple[str, tuple, ox.Triple]
"""One triple as (its N-Triples line, the rdflib triple, the pyoxigraph triple)."""

TURTLE_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "pld"}
"""Prefixes for Turtle: `pld:` is left out so that individuals' IRIs, whose local names hold
slashes (`pld:organisation/appen` is not a legal prefixed name), are written in full rather
than with escaped slashes that some parsers (the OWL API's) do not read."""


def to_oxigraph(term: object) -> OxTerm:
    """The pyoxigraph twin of an rdflib term (the reverse of `to_rdflib`)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    return ox.BlankNode(str(term))


def _spo(terms: Sequence[OxTerm]) -> tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, OxTerm]:
    """Three converted terms as a triple's subject, predicate and object, or TypeError (as
    pyoxigraph raises for a literal subject or a predicate that is not an IRI)."""
    subject, predicate, obj = terms
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"not an RDF triple: {subject} {predicate} {obj}")
    return subject, predicate, obj


def serialize(
    quads: Iterable[ox.Quad] | Iterable[ox.Triple],
    fmt: ox.RdfFormat,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """pyoxigraph's `serialize` into memory. Its stub says `bytes | None` for every call, the
    None being for a call given an output file, which this one never is."""
    body = ox.serialize(quads, format=fmt, prefixes=prefixes)
    if body is None:
        raise TypeError("pyoxigraph.serialize returned None without an output file")
    return body


_NT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NT_ESCAPES.update({'"': '\\"', "\\": "\\\\"})
_NT_SPECIAL = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_XSD_STRING = str(XSD.string)


def _nt_escape(match: re.Match) -> str:
    char = match.group()
    return _NT_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def nt_literal(value: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal written as pyoxigraph writes it in N-Triples (`str(ox.Literal(...))`).

    The build assembles its graph as N-Triples terms rather than rdflib or pyoxigraph
    objects: strings hash and compare in C, where rdflib's terms do it in Python, and the
    sorted lines are already the text every later stage reads (measured on the 100x build:
    converting rdflib terms cost more than assembling them). Escaping follows pyoxigraph's
    exactly, so the lines sort and print as its own would (checked for every code point).
    """
    if _NT_SPECIAL.search(value):
        value = _NT_SPECIAL.sub(_nt_escape, value)
    if language:
        return f'"{value}"@{language.lower()}'
    if datatype is None or datatype == _XSD_STRING:
        return f'"{value}"'
    return f'"{value}"^^<{datatype}>'


def nt_term(term: object) -> str:
    """An rdflib IRI or literal as an N-Triples term (see `nt_literal`); no blank nodes,
    which the build never mints."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        datatype = term.datatype
        return nt_literal(str(term), term.language, None if datatype is None else str(datatype))
    raise TypeError(f"not an IRI or a literal: {term!r}")


def nt_lines(triples: Iterable[tuple[str, str, str]]) -> list[bytes]:
    """Triples of N-Triples terms as sorted N-Triples lines: the order of every output.

    Lines are UTF-8 bytes, encoded one by one: joining them as one `str` first cost 20 s at
    1000x (one non-Latin-1 character makes the whole joined string 2 or 4 bytes a character),
    and UTF-8 sorts as code points do, so the order is the same.
    """
    lines = [f"{s} {p} {o} .\n".encode() for s, p, o in triples]
    lines.sort()
    return lines


def rdflib_triples(ntriples: bytes) -> Iterable[tuple]:
    """rdflib triples of N-Triples text, read by pyoxigraph (rdflib's parser is slower)."""
    for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def canonical(graph: Graph) -> Graph:
    """The same graph with blank nodes relabelled by RDFC-1.0 (the ontology's restrictions
    and lists), so that every serialisation names them the same way on every run."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    dataset = ox.Dataset(ox.Quad(*_spo([to_oxigraph(t) for t in triple])) for triple in graph)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    out = Graph()
    for quad in dataset:
        out.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return out


def graph_of(triples: Iterable[tuple]) -> Graph:
    """An rdflib Graph holding `triples`."""
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def sorted_rows(graph: Graph | Iterable[tuple]) -> list[Row]:
    """Every triple, converted once and sorted by its N-Triples line: the order of all output.

    `graph` may also be plain rdflib triples without blank nodes (the build's), which need no
    canonical relabelling.
    """
    rows = []
    converted: dict[object, OxTerm] = {}
    for triple in canonical(graph) if isinstance(graph, Graph) else graph:
        # each IRI recurs in many triples: converting it once halves the cost (measured)
        terms = []
        for term in triple:
            twin = converted.get(term)
            if twin is None:
                twin = converted[term] = to_oxigraph(term)
            terms.append(twin)
        ox_triple = ox.Triple(*_spo(terms))
        rows.append((str(ox_triple) + " .\n", triple, ox_triple))
    rows.sort(key=lambda row: row[0])
    return rows


def to_ntriples(graph: Graph, rows: list[Row] | None = None) -> bytes:
    """Canonical N-Triples (pyoxigraph's escaping), lines sorted so rebuilds match; `rows`
    are the graph's `sorted_rows` when the caller has them already."""
    rows = sorted_rows(graph) if rows is None else rows
    return b"".join(row[0].encode("utf-8") for row in rows)


def _quads(graph: Graph | None, ntriples: bytes | None) -> Iterable[ox.Quad]:
    """The triples to write: the sorted N-Triples given, else the graph's (`to_ntriples`).

    Read back by pyoxigraph's parser as the writer consumes them, which is faster than
    handing it Python objects made beforehand (measured on the 100x graph: 0.8 s against
    1.5 s for Turtle), and blank node labels are kept as written.
    """
    if ntriples is None:
        if graph is None:
            raise ValueError("a graph or its N-Triples is needed")
        ntriples = to_ntriples(graph)
    return ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)


def nt_quads(source: Path | Iterable[bytes]) -> Iterable[ox.Quad]:
    """The triples of sorted N-Triples lines, read as the writer consumes them: from a file
    (`source` a path) or from lines made as they are read (an iterator of lines, such as
    `ntlines.merged_lines`), so that neither is ever whole in memory."""
    if isinstance(source, Path):
        return ox.parse(path=source, format=ox.RdfFormat.N_TRIPLES)
    return ox.parse(io.BufferedReader(_LineReader(source)), format=ox.RdfFormat.N_TRIPLES)


class _LineReader(io.RawIOBase):
    """Lines of bytes as a readable binary stream, for pyoxigraph's parser to pull from."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self._lines = iter(lines)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            line = next(self._lines, None)
            if line is None:
                return 0
            self._rest = line
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


class _Edited:
    """A binary stream pyoxigraph writes into: what it writes first (the Turtle prefix lines,
    the XML declaration) is held until complete and rewritten, the rest passed through to
    `out` as it comes (pyoxigraph writes 8 KiB at a time), and `end` added at `finish`.

    `head` takes the bytes held so far and whether the writer has finished, and returns the
    bytes to write instead, or None to keep holding (more may be part of the head).
    """

    def __init__(
        self, out: IO[bytes], head: Callable[[bytes, bool], bytes | None], end: bytes = b""
    ) -> None:
        self.out, self.head, self.end = out, head, end
        self.held: bytes | None = b""

    def write(self, data: bytes) -> int:
        if self.held is None:
            self.out.write(data)
        else:
            self.held += bytes(data)
            edited = self.head(self.held, False)
            if edited is not None:
                self.out.write(edited)
                self.held = None
        return len(data)

    def flush(self) -> None:
        """Nothing: the caller flushes `out` when the file is complete."""

    def finish(self) -> None:
        if self.held is not None:
            self.out.write(self.head(self.held, True) or b"")
        self.out.write(self.end)


def _turtle_head(header: bytes) -> Callable[[bytes, bool], bytes | None]:
    """The Turtle head: the header, then pyoxigraph's prefix lines sorted (it writes them in
    its own map order), once the first line that is not one is complete."""

    def head(held: bytes, final: bool) -> bytes | None:
        lines = held.split(b"\n")
        count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), None)
        if count is None or (count == len(lines) - 1 and not final):
            if not final:
                return None  # every complete line so far is a prefix line
            count = len(lines)
        return header + b"\n".join(sorted(lines[:count]) + lines[count:])

    return head


def _rdfxml_head(comment: bytes) -> Callable[[bytes, bool], bytes | None]:
    """The RDF/XML head: the XML declaration, then the header as comments."""

    def head(held: bytes, final: bool) -> bytes | None:
        if b"\n" not in held and not final:
            return None
        decl, _, rest = held.partition(b"\n")
        return decl + b"\n" + comment + rest

    return head


def write_turtle(quads: Iterable[ox.Quad], out: IO[bytes], header: str = "") -> None:
    """Turtle of the sorted triples, written by pyoxigraph into `out` as it goes: the bytes
    `to_turtle` returns, streamed."""
    edited = _Edited(out, _turtle_head(header.encode("utf-8")))
    ox.serialize(quads, cast(IO[bytes], edited), ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    edited.finish()


def write_rdfxml(quads: Iterable[ox.Quad], out: IO[bytes], header: str = "") -> None:
    """RDF/XML of the sorted triples, written by pyoxigraph into `out` as it goes: the bytes
    `to_rdfxml` returns, streamed."""
    prefixes = {p: str(ns) for p, ns in sorted(PREFIXES.items())}
    comment = "".join(f"<!-- {line.lstrip('# ')} -->\n" for line in header.splitlines() if line)
    edited = _Edited(out, _rdfxml_head(comment.encode("utf-8")), b"\n")
    ox.serialize(quads, cast(IO[bytes], edited), ox.RdfFormat.RDF_XML, prefixes=prefixes)
    edited.finish()


def to_turtle(graph: Graph | None, header: str = "", ntriples: bytes | None = None) -> bytes:
    """Turtle from the sorted triples, written by pyoxigraph: the same bytes for the same graph.

    Not rdflib's Turtle writer, which mints a prefix for every IRI "folder" it meets and takes
    minutes on 100k triples; pyoxigraph writes the same graph in well under a second.
    `ntriples`, the graph's sorted N-Triples (`to_ntriples`) when the caller has it already,
    is written instead of `graph`.
    """
    out = io.BytesIO()
    write_turtle(_quads(graph, ntriples), out, header)
    return out.getvalue()


def to_rdfxml(graph: Graph | None, header: str = "", ntriples: bytes | None = None) -> bytes:
    """RDF/XML from the sorted triples, one `rdf:Description` per subject.

    Not rdflib's pretty-xml, which orders nodes and namespace declarations differently from
    one process to the next, so its bytes are not reproducible. `ntriples` as in `to_turtle`.
    """
    out = io.BytesIO()
    write_rdfxml(_quads(graph, ntriples), out, header)
    return out.getvalue()


def save_graph(graph: Graph, path: Path | str, fmt: str | None = None, header: str = "") -> None:
    """Serialise fully in memory first, then replace the file atomically."""
    fmt = fmt or guess_format(path)
    data = to_rdfxml(graph, header) if fmt == "xml" else to_turtle(graph, header)
    write_bytes(path, data)


def load_store(paths: Iterable[Path | str], store: ox.Store | None = None) -> ox.Store:
    """Bulk-load RDF files into one in-memory pyoxigraph Store, for the SPARQL queries (or
    into `store`, an on-disk one: `publish.ondisk`).

    pyoxigraph answers the saved queries 10-1000 times faster than rdflib's engine (see
    scripts/bench_queries.py); the same refusals as `parse_bytes` apply to every file.
    """
    store = ox.Store() if store is None else store
    for path in map(Path, paths):
        fmt = guess_format(path)
        if fmt not in _OX_FORMATS:
            raise LabourgraphError(f"{path}: not a format pyoxigraph reads ({fmt})")
        data = read_input(path, fmt)
        try:
            store.bulk_load(data, format=_OX_FORMATS[fmt], base_iri=path.resolve().as_uri())
        except SyntaxError as err:
            raise LabourgraphError(f"{path}: not valid {fmt}: {err}") from None
    return store
