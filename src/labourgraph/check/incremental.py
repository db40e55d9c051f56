"""Validation of what changed: after one document is edited, only the focus nodes the changed
triples can reach are checked again, not the whole graph.

A rebuild where one document of 500 changed alters a few dozen of its half a million triples,
yet validating the whole graph again cost 6 s of the 100x rebuild's 18 s (docs/benchmarks.md).
When the previous graph passed against the same shapes and ontology, its verdict still holds
for every focus node whose result cannot have changed; only the others are validated, on the
part of the graph their result reads.

Which focus nodes can change follows from how far the shapes read (`ontology/shapes.ttl`,
guarded by `tests/check/test_incremental.py`, which fails when a shape reads further). A focus
node's result depends on the triples whose subject is the node itself or a node it points to
(a value whose `rdf:type` `sh:class` reads, the document whose text a quote is checked
against, the triple an axiom annotates), on the triples whose object it is, and on the triples
of a node pointing to it through one of a few predicates (`back`: the `sh:inversePath`s, the
`sh:targetObjectsOf`, and `SPARQL_READS_BACK`, the axioms that annotate a relation). So with S
the subjects and O the objects of the changed triples (added or removed), the focus nodes to
check again are S, O, the nodes pointing to a node of S, and the nodes a node of S points to
through a `back` predicate (`affected`): one step around what changed, never the graph's
closure. They are validated with the triples their result reads (`subgraph`); a violation
found for any other node of that subgraph is an artefact of the cut and ignored, and a
violation of a checked node sends the whole graph to the full check (`fastcheck.check`), so
that a failing build reports exactly what a full validation reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import OWL, SH

from labourgraph.check import fastcheck
from labourgraph.check.shacl import load_shapes
from labourgraph.core.ntlines import LinesFile


@dataclass(frozen=True)
class Affected:
    """What an edit can have changed: the focus nodes to validate again (N-Triples terms)
    and the lines of the graph their validation reads."""

    focus: frozenset[bytes]
    lines: list[bytes]
    changed: int
    """How many triples were added or removed."""
    subjects: frozenset[bytes] = frozenset()
    """The subjects of those triples."""


def changed_lines(old: Iterable[bytes], new: Iterable[bytes]) -> list[bytes]:
    """The lines in one of two sorted runs of distinct lines and not the other (one merge)."""
    out: list[bytes] = []
    olds = iter(old)
    pending = next(olds, None)
    for line in new:
        while pending is not None and pending < line:
            out.append(pending)
            pending = next(olds, None)
        if pending == line:
            pending = next(olds, None)
        else:
            out.append(line)
    if pending is not None:
        out.append(pending)
        out.extend(olds)
    return out


def parts(line: bytes) -> tuple[bytes, bytes, bytes | None]:
    """A line's subject, predicate and, when it is an IRI or blank node, object (else None)."""
    subject, predicate, rest = line.split(b" ", 2)
    return subject, predicate, rest[:-3] if rest[:1] in (b"<", b"_") else None


def terms(line: bytes) -> tuple[bytes, bytes | None]:
    """A line's subject and, when it is an IRI or blank node, its object (else None).

    The lines are canonical N-Triples: a subject and a predicate hold no space, and an
    object that is a node ends the line as `<iri> .` or `_:label .`.
    """
    subject, _predicate, rest = line.split(b" ", 2)
    return subject, rest[:-3] if rest[:1] in (b"<", b"_") else None


SPARQL_READS_BACK = {
    "RelationHasAxiom": (str(OWL.annotatedSource),),
}
"""The SHACL-SPARQL constraints of the shapes that read a node pointing at the focus node,
with the predicates they read back through (the others read the focus node's own triples and
those of nodes it points to; `tests/check/test_incremental.py` lists each)."""


def reads_back(shapes: Graph) -> frozenset[bytes]:
    """The predicates (N-Triples terms) through which the shapes read the triples of a node
    that points to the focus node: inverse paths, objects-of targets, `SPARQL_READS_BACK`."""
    found = {str(p) for p in shapes.objects(None, SH.inversePath)}
    found |= {str(p) for p in shapes.objects(None, SH.targetObjectsOf)}
    for constraint in shapes.objects(None, SH.sparql):
        found.update(SPARQL_READS_BACK.get(str(constraint).rsplit("#", 1)[-1], ()))
    return frozenset(f"<{p}>".encode() for p in found)


def affected(old: Iterable[bytes], new: Iterable[bytes], back: frozenset[bytes]) -> Affected:
    """The focus nodes of the `new` graph an edit can have changed the verdict of, and the
    lines validating them reads (both graphs as sorted N-Triples lines, `new` read three
    times: a list, or a `ntlines.LinesFile`; `back` as `reads_back` gives it).

    Each pass reads the lines again rather than keeping them parsed: a parsed copy of the
    graph would cost more memory than the graph's own lines.
    """
    changed = changed_lines(old, new)
    subjects: set[bytes] = set()
    focus: set[bytes] = set()
    for line in changed:
        subject, obj = terms(line)
        subjects.add(subject)
        if obj is not None:
            focus.add(obj)
    focus |= subjects
    for line in new:
        subject, predicate, obj = parts(line)
        if obj is not None:
            if obj in subjects:
                focus.add(subject)
            if subject in subjects and predicate in back:
                focus.add(obj)
    lines = subgraph(new, focus, back)
    return Affected(frozenset(focus), lines, len(changed), frozenset(subjects))


def subgraph(lines: Iterable[bytes], focus: set[bytes], back: frozenset[bytes]) -> list[bytes]:
    """The lines the focus nodes' results read: those whose subject is a focus node, a node
    one points to, or a node pointing to one through a `back` predicate."""
    reach = set(focus)
    for line in lines:
        subject, predicate, obj = parts(line)
        if obj is not None:
            if subject in focus:
                reach.add(obj)
            elif obj in focus and predicate in back:
                reach.add(subject)
    return [line for line in lines if line[: line.index(b" ")] in reach]


def violations(found: Affected, ontology: Graph, shapes: Graph) -> set[tuple[str, str]]:
    """The (shape, focus node) pairs of the affected focus nodes that break a shape."""
    if not found.focus:
        return set()
    pairs = fastcheck.violations(None, ontology, shapes, ntriples=b"".join(found.lines))
    # a node of the cut that is not a focus node may break a shape for want of what was cut
    # away; a focus node that is no node of the cut (a literal object of plo:evidence) is kept
    cut = {term for line in found.lines for term in terms(line) if term is not None}
    return {
        (shape, node)
        for shape, node in pairs
        if _term(node) in found.focus or _term(node) not in cut
    }


def check(
    old: Iterable[bytes],
    new: Iterable[bytes],
    data: Callable[[], Graph],
    ontology: Graph,
    shapes: Graph | None = None,
) -> Affected:
    """Return if the `new` graph conforms, given that the `old` one did; otherwise raise as
    `fastcheck.check` raises on the whole graph (`data` makes it as rdflib's Graph, for the
    report). `new` is read more than once (`affected`); a `ntlines.LinesFile` is validated
    whole from its file."""
    shapes = shapes if shapes is not None else load_shapes()
    found = affected(old, new, reads_back(shapes))
    if violations(found, ontology, shapes):
        whole = new.path if isinstance(new, LinesFile) else b"".join(new)
        fastcheck.check(data, ontology, ntriples=whole)
    return found


def _term(node: str) -> bytes:
    """A focus node as `fastcheck` names it (an IRI's text, or `_:label`), as an N-Triples term."""
    return node.encode("utf-8") if node.startswith("_:") else f"<{node}>".encode()
