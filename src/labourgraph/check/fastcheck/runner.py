"""The data graph into one pyoxigraph store, as two views; the compiled queries run on them.

The two views are of the same triples, the data graph's plus the ontology's (pySHACL's
`ont_graph` is mixed into the data graph the same way, so `rdfs:subClassOf` is walked by
`sh:class` and `sh:targetClass`): the core view, where typed literals keep their lexical form
under a private datatype (`literals`), read by the SHACL Core queries; the SPARQL view, the
triples as they are, read by the SHACL-SPARQL constraints. They differ only in the lines that
hold a typed literal, so one store holds the lines they share in one graph and each view's
version of the others in a graph of its own, and each view's queries read its two graphs as
their default graph (`View`). The store is loaded from N-Triples bytes or a file of them
without Python touching a triple; the queries run on `THREADS` threads (pyoxigraph lets go
of the GIL while it evaluates).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from labourgraph.check.fastcheck.context import Subclasses
from labourgraph.check.fastcheck.literals import RAW_DATATYPE, STRING, Literals
from labourgraph.check.fastcheck.report import CORE_VIEW, SPARQL_VIEW, Check, results
from labourgraph.core import atomic
from labourgraph.core.ntlines import chunks
from labourgraph.core.rdfio import to_oxigraph

ON_DISK_BYTES = 1 << 27
"""A file of N-Triples larger than this (128 MiB, a graph larger than the ×100 corpus's) is
validated on a store on disk (`store_folder`): in memory, pyoxigraph's store weighs about
three times the file (3 GB at ×1000, the peak of a cold build there)."""
LOAD_CHUNK = 1 << 24
"""Bytes of N-Triples bulk-loaded at a time into a store on disk (16 MiB): one bulk load of a
whole file holds batches of a million quads per thread while it sorts them (1.8 GB at
×1000); a chunk's batches weigh what the chunk holds."""
THREADS = max(1, min(2, os.cpu_count() or 1))
"""Threads loading the two stores and running the queries: the build machine has 2 cores."""

_NOT_STRING = rb"(?!" + re.escape(STRING.encode()) + rb">)"
_TYPED_END = re.compile(rb'"\^\^<' + _NOT_STRING + rb"(?=[^>\n]*> \.$)", re.M)
"""The start of the datatype of a line whose object is a typed literal other than xsd:string
(`"^^<` before `dt> .`), where the core view's private datatype is put in front of it.

Canonical N-Triples writes strings without `^^` and language strings with `@lang`, an IRI
holds no `"`, and a `"` inside a literal is escaped: only a typed literal's line ends so. The
rest of the line is a lookahead, so that the replacement is a plain string, which `re.sub`
copies in C (a replacement naming a group is expanded in Python for each of the 100,000 and
more typed literals of a ×100 graph)."""
_TYPED_OBJECT = re.compile(
    rb' "([^"\\\n]*(?:\\.[^"\\\n]*)*)"\^\^<' + _NOT_STRING + rb"([^>\n]*)> \.$", re.M
)
"""A typed literal object, (escaped lexical form, datatype): ` "` starts the object, as
subjects and predicates hold no `"` and one inside a literal is escaped."""
_BLANK_LINE = re.compile(rb"^[^\n]*_:[^\n]*\n", re.M)


@dataclass(frozen=True)
class View:
    """One view of the triples: the graphs of the shared store its queries read as their
    default graph (the lines without a typed literal, and the typed ones as the view keeps
    them)."""

    store: ox.Store
    graphs: tuple[ox.NamedNode, ...]

    def query(self, query: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        return self.store.query(query, default_graph=list(self.graphs))


_PLAIN = ox.NamedNode("urn:labourgraph:fastcheck:plain")
"""The graph of the lines both views share: those holding no typed literal (most lines)."""
_TYPED = ox.NamedNode("urn:labourgraph:fastcheck:typed")
"""The lines holding a typed literal, as they are: the SPARQL view's."""
_RAW = ox.NamedNode("urn:labourgraph:fastcheck:raw")
"""The same lines with the datatype renamed (`literals`): the core view's."""


@contextlib.contextmanager
def store_folder(ntriples: bytes | Path) -> Iterator[Path | None]:
    """A new empty folder for the store of a file larger than `ON_DISK_BYTES`, removed on
    leaving (a store still open then keeps its files until it is dropped, as any open file
    on POSIX); None for a smaller graph, whose store stays in memory.

    The folder is in the system's temporary folder: the store weighs several times the
    graph's file (4 GB at ×1000), and a killed build's is left to the system's cleaning
    rather than to the output folder's (`atomic.recover` removes only files)."""
    if not isinstance(ntriples, Path) or ntriples.stat().st_size <= ON_DISK_BYTES:
        yield None
        return
    with tempfile.TemporaryDirectory(
        prefix="labourgraph-validation-", ignore_cleanup_errors=True
    ) as folder:
        yield Path(folder)


def load_stores(
    ntriples: bytes | Path, ontology: bytes, literals: Literals, folder: Path | None = None
) -> dict[str, View]:
    """The two views of the data and the ontology, keyed by `CORE_VIEW` and `SPARQL_VIEW`,
    in one store; the typed literals recorded in `literals`.

    The views differ only in the lines holding a typed literal: the SPARQL view reads them
    as they are, the core view a copy where the datatype is renamed (one `re.sub`). So the
    lines are split once: the others go into one graph both views read, these into one
    graph per view, and each view's queries take its two graphs as their default graph
    (`View`). One store holds every string once, where two stores held the whole graph
    twice. `bulk_load` gives blank nodes fresh labels, so that lines holding `_:` (the
    ontology's restrictions and lists, any blank node of the data) are parsed and added with
    their labels instead, and a blank focus node is named as pySHACL names it. The loads are
    lenient (IRIs not validated again): the lines are pyoxigraph's own output.

    `ntriples` may be a file of lines (the build's graph, `build.run`): it is then read a
    chunk at a time and split into temporary files beside it, which the store bulk-loads,
    so that the lines are never all in memory. With a `folder` (`store_folder`), the store
    is on disk there and each file is bulk-loaded `LOAD_CHUNK` bytes at a time, so that
    neither the store nor its loading grows in memory with the graph; it answers the same,
    more slowly (issue 19: validation on an on-disk store).
    """
    store = ox.Store() if folder is None else ox.Store(str(folder))
    made: list[Path] = []
    try:
        sources: list[tuple[bytes | Path, ox.NamedNode]]
        if isinstance(ntriples, Path):
            files = {
                graph: atomic.temporary(ntriples.with_name(f"{name}.nt"))
                for name, graph in (("plain", _PLAIN), ("typed", _TYPED), ("raw", _RAW))
            }
            made += files.values()
            blank, found = [ontology], _typed_objects(ontology)
            with contextlib.ExitStack() as stack:
                outs = {
                    graph: stack.enter_context(path.open("wb")) for graph, path in files.items()
                }
                for chunk in chunks(ntriples):
                    found |= _typed_objects(chunk)
                    shared, typed, blank_lines = _split(chunk)
                    outs[_PLAIN].write(shared)
                    outs[_TYPED].write(typed)
                    outs[_RAW].write(_core(typed))
                    blank.append(blank_lines)
            sources = [(path, graph) for graph, path in files.items()]
            labelled = b"".join(blank)
        else:
            if not ntriples.endswith(b"\n") and ntriples:
                ntriples += b"\n"
            found = _typed_objects(ntriples) | _typed_objects(ontology)
            shared, typed, blank_lines = _split(ntriples)
            sources = [(shared, _PLAIN), (typed, _TYPED), (_core(typed), _RAW)]
            labelled = ontology + blank_lines
        for source, graph in sources:
            if isinstance(source, Path) and folder is not None:
                for chunk in chunks(source, LOAD_CHUNK):
                    store.bulk_load(
                        chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True
                    )
            elif isinstance(source, Path):
                store.bulk_load(
                    path=source, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True
                )
            elif source:
                store.bulk_load(source, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
        shared, typed_labelled, _ = _split(labelled, blank=False)
        for lines, graph in ((shared, _PLAIN), (typed_labelled, _TYPED)):
            store.bulk_extend(_in_graph(lines, graph))
        store.bulk_extend(_in_graph(_core(typed_labelled), _RAW))
        _record(found, literals)
    finally:
        for temporary in made:
            temporary.unlink(missing_ok=True)
    return {
        SPARQL_VIEW: View(store, (_PLAIN, _TYPED)),
        CORE_VIEW: View(store, (_PLAIN, _RAW)),
    }


def _split(lines: bytes, blank: bool = True) -> tuple[bytes, bytes, bytes]:
    """Lines as (those holding no typed literal, those holding one, and, with `blank`, those
    holding a blank node, taken from the other two)."""
    shared: list[bytes] = []
    typed: list[bytes] = []
    blanks: list[bytes] = []
    for line in lines.splitlines(keepends=True):
        if blank and b"_:" in line and _BLANK_LINE.match(line):
            blanks.append(line)
        elif b'"^^<' in line and _TYPED_END.search(line):
            typed.append(line)
        else:
            shared.append(line)
    return b"".join(shared), b"".join(typed), b"".join(blanks)


def _in_graph(lines: bytes, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """Lines parsed with their blank node labels kept, as quads of `graph`."""
    for quad in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        yield ox.Quad(quad.subject, quad.predicate, quad.object, graph)


def _core(lines: bytes) -> bytes:
    """Lines as the core view stores them: each typed literal's datatype renamed."""
    return _TYPED_END.sub(rb'"^^<' + RAW_DATATYPE.encode(), lines)


def record_literals(chunks: Iterable[bytes], literals: Literals) -> None:
    """Every distinct typed literal of the lines into `literals` (rdflib's verdicts on the
    odd ones): found by a regex, their escapes read by pyoxigraph's own parser."""
    _record({match for chunk in chunks for match in _typed_objects(chunk)}, literals)


def _typed_objects(chunk: bytes) -> set[tuple[bytes, bytes]]:
    """The distinct typed literal objects of some lines, as (escaped lexical form, datatype)."""
    return set(_TYPED_OBJECT.findall(_typed_lines(chunk)))


def _record(found: set[tuple[bytes, bytes]], literals: Literals) -> None:
    """Typed literals found by `_typed_objects` into `literals`, their escapes read by
    pyoxigraph's own parser."""
    lines = b"".join(
        b'<x:s> <x:p> "' + lexical + b'"^^<' + datatype + b"> .\n"
        for lexical, datatype in sorted(found)
    )
    for triple in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        literals.raw(triple.object.value, triple.object.datatype.value)


def _typed_lines(chunk: bytes) -> bytes:
    """The lines of `chunk` that may hold a typed literal (those holding `"^^<`), for
    `_TYPED_OBJECT` to scan instead of every line: the regex reads each literal character by
    character, and the graph's quotes and texts are most of its bytes."""
    return b"\n".join(line for line in chunk.split(b"\n") if b'"^^<' in line)


def ntriples_of(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as N-Triples bytes, as pyoxigraph writes them."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def ox_triples(graph: Graph, strings: list[Literal] | None = None) -> Iterator[ox.Triple]:
    """An rdflib graph's triples as pyoxigraph's; the objects typed ^^xsd:string explicitly,
    which pyoxigraph writes as plain strings, added to `strings` if given."""
    for s, p, o in graph:
        subject, predicate = to_oxigraph(s), to_oxigraph(p)
        if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
            raise TypeError(f"not an RDF triple: {s} {p} {o}")
        if strings is not None and isinstance(o, Literal) and o.datatype == XSD.string:
            strings.append(o)
        yield ox.Triple(subject, predicate, to_oxigraph(o))


def select(store: ox.Store | View, query: str) -> ox.QuerySolutions:
    """The rows of a SELECT query."""
    rows = store.query(query)
    if not isinstance(rows, ox.QuerySolutions):
        raise TypeError(f"not a SELECT query: {query}")
    return rows


@dataclass
class Found:
    """What the queries found: the (shape, focus) pairs, and the validated shapes some query
    of which could not run (to be judged by pySHACL instead)."""

    pairs: set[tuple[str, str]] = field(default_factory=set)
    failed: dict[Node, str] = field(default_factory=dict)
    """Validated shape -> the error its query raised."""


def run(stores: dict[str, View], checks: list[Check], literals: Literals) -> Found:
    """The (shape, focus) pairs of all the checks, run on `THREADS` threads. A query that
    raises (pyoxigraph refusing a query this package wrote: a bug, never a verdict) leaves its
    validated shape to pySHACL, its other queries' pairs then set aside."""

    def found(check: Check) -> tuple[Check, list[tuple[str, str]] | str]:
        try:
            return check, results(check, select(stores[check.view], check.query), literals)
        except (SyntaxError, ValueError, OSError, TypeError, RuntimeError) as err:
            return check, f"{type(err).__name__}: {err}"

    # the SHACL-SPARQL constraints, the longest, first: the other thread meanwhile runs the
    # many short ones (a set of pairs, whatever order they finish in)
    ordered = sorted(checks, key=lambda c: c.view != SPARQL_VIEW)
    out = Found()
    by_top: dict[Node | None, set[tuple[str, str]]] = {}
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for check, rows in pool.map(found, ordered):
            if isinstance(rows, str):
                if check.top is None:
                    raise RuntimeError(f"a compiled query failed: {rows}")
                out.failed.setdefault(check.top, rows)
            else:
                by_top.setdefault(check.top, set()).update(rows)
    for top, pairs in by_top.items():
        if top not in out.failed:
            out.pairs |= pairs
    return out


def subclasses_in(store: View) -> Subclasses:
    """A class and every class below it (`rdfs:subClassOf*` in data + ontology), cached."""
    cache: dict[str, list[str]] = {}

    def lookup(cls: Node) -> list[str]:
        key = str(cls)
        if key not in cache:
            rows = select(store, f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* <{key}> }}")
            found = {f"<{key}>"} | {str(row["c"]) for row in rows}
            cache[key] = sorted(found)
        return cache[key]

    return lookup
