"""Validation at scale: pySHACL on the core shapes, pyoxigraph for the SHACL-SPARQL ones.

pySHACL runs each SPARQL constraint once per focus node on rdflib's engine, which made it most
of the validation time of a large graph (330 s for the 100x benchmark graph, against 70 s this
way; `scripts/bench_validate.py` measured both and checked they report the same (shape, focus
node) pairs, on conforming graphs and on graphs with a broken quote). Here the shapes are split
in two: pySHACL (`validate.validate`, the command's engine, unchanged) checks every shape
without its `sh:sparql` constraints, and each SPARQL constraint runs once over the whole graph
in pyoxigraph, joined with its shape's targets.

`check` answers the build's question: does the graph conform? A graph this check finds at
fault is then validated again by `validate.assert_conforms`, the authoritative engine, which
raises with its usual report; so a build fails with the same message either way, and only the
conforming case (every build that publishes) takes the fast path.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SH

from labourgraph.rdfio import sorted_rows
from labourgraph.validate import assert_conforms, load_shapes, validate


def split_shapes(shapes: Graph) -> tuple[Graph, list[str]]:
    """Shapes without SHACL-SPARQL constraints, and one whole-graph query per constraint.

    Each query joins the shape's targets (`sh:targetClass` with subclasses,
    `sh:targetSubjectsOf`, `sh:targetObjectsOf`) with the constraint's SELECT, `$this`
    becoming a variable, and returns (shape, focus) pairs.
    """
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for d in shapes.objects(None, SH.declare)
    )
    prefixes += f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\n"
    queries = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        targets = (
            [
                f"{{ ?this rdf:type/rdfs:subClassOf* <{c}> }}"
                for c in shapes.objects(shape, SH.targetClass)
            ]
            + [f"{{ ?this <{p}> [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
            + [f"{{ [] <{p}> ?this }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
        )
        if not targets:
            raise ValueError(f"{shape}: a SPARQL constraint on a shape without a target")
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        queries.append(
            f"{prefixes}SELECT DISTINCT (<{shape}> AS ?shape) ?this WHERE {{\n"
            f"  {{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(targets)} }} }}\n"
            f"  {{ {select} }}\n}}"
        )
    return core, queries


def violations(
    data: Graph,
    ontology: Graph,
    shapes: Graph | None = None,
    triples: Iterable[ox.Triple] | None = None,
) -> set[tuple[str, str]]:
    """(shape, focus node) pairs the graph violates, as pySHACL on all the shapes reports them.

    `triples` may hand over the data graph already converted to pyoxigraph terms (the build
    has them, sorted, for serialisation), which saves converting it again.
    """
    shapes = shapes if shapes is not None else load_shapes()
    core, queries = split_shapes(shapes)
    result = validate(data, shapes=core, ontology=ontology)
    found = {(v.shape, v.focus) for v in result.violations}
    store = ox.Store()
    if triples is None:
        triples = (row[2] for row in sorted_rows(data))
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    store.bulk_extend(
        ox.Quad(r[2].subject, r[2].predicate, r[2].object) for r in sorted_rows(ontology)
    )
    for query in queries:
        for row in store.query(query):
            found.add((row["shape"].value, row["this"].value))
    return found


def check(data: Graph, ontology: Graph, triples: Iterable[ox.Triple] | None = None) -> None:
    """Return if the graph conforms; otherwise raise `validate.NonConformingGraph` with the
    authoritative engine's report."""
    if violations(data, ontology, triples=triples):
        assert_conforms(data, ontology=ontology)
