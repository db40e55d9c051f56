"""The data graph into two pyoxigraph stores, the compiled queries run on them in threads.

The two stores are two views of the same triples, the data graph's plus the ontology's
(pySHACL's `ont_graph` is mixed into the data graph the same way, so `rdfs:subClassOf` is
walked by `sh:class` and `sh:targetClass`): the core view, where typed literals keep their
lexical form under a private datatype (`literals`), read by the SHACL Core queries; the SPARQL
view, the triples as they are, read by the SHACL-SPARQL constraints. Both are loaded from
N-Triples bytes without Python touching a triple, the core copy made by one regex over the
lines; the two loads, and then the queries, run on `THREADS` threads (pyoxigraph lets go of the
GIL while it loads and evaluates).
"""

from __future__ import annotations

import os
import re
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


def load_stores(ntriples: bytes | Path, ontology: bytes, literals: Literals) -> dict[str, ox.Store]:
    """The two views of the data and the ontology, one store each, keyed by `CORE_VIEW` and
    `SPARQL_VIEW`; the typed literals recorded in `literals`.

    The SPARQL view loads the lines as they are; the core view loads a copy where each typed
    literal's datatype is renamed by one `re.sub`. The two loads run in two threads (the
    bulk loader lets go of the GIL for much of its work, and two stores share no lock).
    `bulk_load` gives blank nodes fresh labels, so that lines holding `_:` (the ontology's
    restrictions and lists, any blank node of the data) are parsed and added with their
    labels instead, and a blank focus node is named as pySHACL names it. The loads are
    lenient (IRIs not validated again): the lines are pyoxigraph's own output.

    `ntriples` may be a file of lines (the build's graph, `build.run`): it is then read a
    chunk at a time, the core view's copy written to a temporary file beside it, and both
    stores bulk-load files, so that neither the lines nor their copy are ever in memory.
    """
    if isinstance(ntriples, Path):
        return _load_files(ntriples, ontology, literals)
    if not ntriples.endswith(b"\n") and ntriples:
        ntriples += b"\n"
    blank = ontology
    if b"_:" in ntriples:
        blank += b"".join(_BLANK_LINE.findall(ntriples))
        ntriples = _BLANK_LINE.sub(b"", ntriples)
    stores = {CORE_VIEW: ox.Store(), SPARQL_VIEW: ox.Store()}

    def load(view: str, plain: bytes, labelled: bytes) -> None:
        stores[view].bulk_load(plain, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        stores[view].bulk_extend(ox.parse(labelled, format=ox.RdfFormat.N_TRIPLES))

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        loads = [pool.submit(load, SPARQL_VIEW, ntriples, blank)]
        loads.append(pool.submit(load, CORE_VIEW, _core(ntriples), _core(blank)))
        record_literals((ntriples, blank), literals)
        for done in loads:
            done.result()
    return stores


def _core(lines: bytes) -> bytes:
    """Lines as the core view stores them: each typed literal's datatype renamed."""
    return _TYPED_END.sub(rb'"^^<' + RAW_DATATYPE.encode(), lines)


def _load_files(path: Path, ontology: bytes, literals: Literals) -> dict[str, ox.Store]:
    """`load_stores` for a file of lines: one pass over it, a chunk at a time, writes the
    core view's copy (and, if the file holds blank nodes, a copy without their lines) to
    temporary files beside it and finds its typed literals; then both stores bulk-load a
    file, in two threads. The temporary files are removed once loaded."""
    made: list[Path] = []
    try:
        core, plain = atomic.temporary(path.with_name("core.nt")), path
        made.append(core)
        blank, found = [ontology], _typed_objects(ontology)
        with core.open("wb") as out:
            for chunk in chunks(path):
                found |= _typed_objects(chunk)
                if b"_:" in chunk:
                    blank.append(b"".join(_BLANK_LINE.findall(chunk)))
                    chunk = _BLANK_LINE.sub(b"", chunk)
                out.write(_core(chunk))
        labelled = b"".join(blank)
        if len(blank) > 1:  # the data's own blank nodes: loaded from their lines, as labelled
            plain = atomic.temporary(path.with_name("plain.nt"))
            made.append(plain)
            with plain.open("wb") as out:
                for chunk in chunks(path):
                    out.write(_BLANK_LINE.sub(b"", chunk))
        stores = {CORE_VIEW: ox.Store(), SPARQL_VIEW: ox.Store()}

        def load(view: str, source: Path, more: bytes) -> None:
            stores[view].bulk_load(path=source, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            stores[view].bulk_extend(ox.parse(more, format=ox.RdfFormat.N_TRIPLES))

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            loads = [pool.submit(load, SPARQL_VIEW, plain, labelled)]
            loads.append(pool.submit(load, CORE_VIEW, core, _core(labelled)))
            _record(found, literals)
            for done in loads:
                done.result()
        return stores
    finally:
        for temporary in made:
            temporary.unlink(missing_ok=True)


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


def select(store: ox.Store, query: str) -> ox.QuerySolutions:
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


def run(stores: dict[str, ox.Store], checks: list[Check], literals: Literals) -> Found:
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


def subclasses_in(store: ox.Store) -> Subclasses:
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
