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

from rdflib import Graph, URIRef

from labourgraph import fastcheck
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


def run_pyshacl(data: Graph, shapes: Graph, ontology: Graph) -> set[tuple[str, str]]:
    result = validate(data, shapes=shapes, ontology=ontology)
    return {(v.shape, v.focus) for v in result.violations}


def run_hybrid(data: Graph, shapes: Graph, ontology: Graph) -> set[tuple[str, str]]:
    """The library's fast check: pySHACL on the core shapes, each SPARQL rule once on pyoxigraph."""
    return fastcheck.violations(data, ontology, shapes)


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
        hybrid = run_hybrid(data, shapes, ontology)
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
