"""Time SHACL validation of the knowledge graph at 1x, 10x and 100x its size.

Larger graphs are made by replicating the input under fresh IRIs: every `pld:` IRI of copy k
gets `x{k}-` in front of its first path segment (so `pld:organisation/appen` becomes
`pld:organisation/x3-appen`, and an evidence IRI still ends with its document's stem and its
offsets); axiom IRIs get a fresh 16-hex hash; activities are shared. Each copy therefore
conforms exactly when the original does, and the verdicts must scale by the factor.

Two engines are timed:
- `pyshacl`: `labourgraph.validate.validate`, the command's engine.
- `pyshacl core + oxigraph sparql`: pyshacl on the shapes without their SHACL-SPARQL
  constraints, plus each SPARQL constraint run once over the whole graph in pyoxigraph
  (the constraint's query joined with its shape's targets). The script checks that the two
  report the same (shape, focus node) pairs.

Usage: .venv/bin/python scripts/bench_validate.py [GRAPH] [--factors 1,10,100]
(default GRAPH: graph/platform-labour-kg.ttl if present, else tests/data/shapes/valid.ttl).
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from labourgraph.rdfio import load_graph
from labourgraph.validate import ONTOLOGY_PATH, load_shapes, validate
from labourgraph.vocab import PLD, PLO

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GRAPHS = (ROOT / "graph" / "platform-labour-kg.ttl", ROOT / "tests/data/shapes/valid.ttl")


def rename(term: object, copy: int) -> object:
    """The IRI of `term` in copy `copy` (copy 0 is the original)."""
    if copy == 0 or not isinstance(term, URIRef) or not term.startswith(str(PLD)):
        return term
    kind, _, tail = term[len(PLD) :].partition("/")
    if kind == "activity":
        return term
    if kind == "axiom":
        return PLD[f"axiom/{hashlib.sha1(f'{copy}/{tail}'.encode()).hexdigest()[:16]}"]
    return PLD[f"{kind}/x{copy}-{tail}"]


def replicate(graph: Graph, factor: int) -> Graph:
    """`factor` disjoint copies of `graph` (sharing only activities and ontology terms)."""
    out = Graph()
    for copy in range(factor):
        for s, p, o in graph:
            out.add((rename(s, copy), p, rename(o, copy)))
    return out


def split_shapes(shapes: Graph) -> tuple[Graph, list[str]]:
    """Shapes without SHACL-SPARQL constraints, and one whole-graph query per constraint.

    Each query joins the shape's targets (`sh:targetClass` with subclasses,
    `sh:targetSubjectsOf`) with the constraint's SELECT, `$this` becoming a variable, and
    returns (shape, focus) pairs.
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
        targets = [
            f"{{ ?this rdf:type/rdfs:subClassOf* <{c}> }}"
            for c in shapes.objects(shape, SH.targetClass)
        ] + [f"{{ ?this <{p}> [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        queries.append(
            f"{prefixes}SELECT DISTINCT (<{shape}> AS ?shape) ?this WHERE {{\n"
            f"  {{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(targets)} }} }}\n"
            f"  {{ {select} }}\n}}"
        )
    return core, queries


def run_pyshacl(data: Graph, shapes: Graph, ontology: Graph) -> set[tuple[str, str]]:
    result = validate(data, shapes=shapes, ontology=ontology)
    return {(v.shape, v.focus) for v in result.violations}


def run_hybrid(
    data: Graph, core: Graph, queries: list[str], ontology: Graph
) -> set[tuple[str, str]]:
    found = run_pyshacl(data, core, ontology)
    store = ox.Store()
    store.bulk_extend(_ox_quads(data) + _ox_quads(ontology))
    for query in queries:
        for row in store.query(query):
            found.add((row["shape"].value, row["this"].value))
    return found


def _ox_quads(graph: Graph) -> list[ox.Quad]:
    data = graph.serialize(format="nt", encoding="utf-8")
    return [
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph", nargs="?", type=Path, default=None)
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--mutate", action="store_true", help="break one quote per copy")
    args = parser.parse_args()
    path = args.graph or next(p for p in DEFAULT_GRAPHS if p.exists())
    base = load_graph(path)
    if args.mutate:
        base = _break_one_quote(base)
    shapes = load_shapes()
    ontology = load_graph(ONTOLOGY_PATH)
    core, queries = split_shapes(shapes)
    print(f"input: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print()
    print("| copies | triples | pyshacl s | violations | core+oxigraph s | violations | same |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for factor in (int(f) for f in args.factors.split(",")):
        data = replicate(base, factor)
        clock = time.perf_counter()
        full = run_pyshacl(data, shapes, ontology)
        t_full = time.perf_counter() - clock
        clock = time.perf_counter()
        hybrid = run_hybrid(data, core, queries, ontology)
        t_hybrid = time.perf_counter() - clock
        print(
            f"| {factor} | {len(data)} | {t_full:.1f} | {len(full)} | {t_hybrid:.1f} | "
            f"{len(hybrid)} | {'yes' if full == hybrid else 'NO'} |",
            flush=True,
        )


def _break_one_quote(graph: Graph) -> Graph:
    """Break one quote, so each copy carries one violation the engines must both find."""
    out = Graph()
    for triple in graph:
        out.add(triple)
    span = min(out.subjects(PLO.quote, None))
    quote = out.value(span, PLO.quote)
    out.set((span, PLO.quote, type(quote)(str(quote) + "!")))
    return out


if __name__ == "__main__":
    main()
