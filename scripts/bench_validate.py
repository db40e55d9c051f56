"""Time SHACL validation of the knowledge graph: pySHACL, the old split, the compiled check.

Three engines, verdicts compared as (shape, focus node) pairs:
- `pyshacl`: `labourgraph.check.shacl.validate`, the command's engine (authoritative); run in a
  forked process under `--timeout` seconds (it takes minutes on the 100x graph).
- `split`: what `fastcheck` did before: pySHACL on the shapes without their SHACL-SPARQL
  constraints, plus each SPARQL constraint once over the graph in pyoxigraph (here the
  compiled check's own SPARQL queries).
- `compiled`: `fastcheck.violations`, every constraint compiled to SPARQL on pyoxigraph, given
  the data already as sorted N-Triples as the build hands them over (their making from rdflib
  is timed apart, "to nt").

Larger graphs can be made by replicating the input under fresh IRIs (`--factors`): every
`pld:` IRI of copy k gets `x{k}-` in front of its first path segment (so
`pld:organisation/appen` becomes `pld:organisation/x3-appen`, and an evidence IRI still ends
with its document's stem and its offsets); axiom IRIs get a fresh 16-hex hash; activities are
shared. Each copy conforms exactly when the original does. `--mutate` breaks one quote first.

Usage: .venv/bin/python scripts/bench_validate.py [GRAPH ...] [--factors 1] [--timeout 900]
       [--repeat 3] [--skip pyshacl,split]
(default GRAPH: graph/platform-labour-kg.ttl if present, else tests/data/shapes/valid.ttl).
Prints a Markdown table; times are medians of `--repeat` runs for the compiled check, one run
for the others.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import statistics
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from labourgraph.check import fastcheck
from labourgraph.check.fastcheck.literals import Literals
from labourgraph.check.fastcheck.report import CORE_VIEW, SPARQL_VIEW
from labourgraph.check.fastcheck.runner import load_stores, subclasses_in
from labourgraph.check.shacl import ONTOLOGY_PATH, load_shapes, validate
from labourgraph.core.rdfio import load_graph, to_oxigraph
from labourgraph.core.vocab import PLD, PLO

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


def run_split(data: Graph, shapes: Graph, ontology: Graph) -> set[tuple[str, str]]:
    """pySHACL on the shapes without SHACL-SPARQL, each SPARQL constraint on pyoxigraph."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    found = run_pyshacl(data, core, ontology)
    literals = Literals()
    stores = load_stores(_ntriples(data), _ntriples(ontology), literals)
    subclasses = subclasses_in(stores[CORE_VIEW])
    for check in fastcheck.compile_shapes(shapes, literals, subclasses):
        if check.view == SPARQL_VIEW:
            found |= {(check.shape, r["this"].value) for r in stores[check.view].query(check.query)}
    return found


def _ntriples(graph: Graph) -> bytes:
    """The graph as the build hands it to `fastcheck`: sorted N-Triples lines."""
    rows = (ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in graph)
    return "".join(sorted(f"{row} .\n" for row in rows)).encode("utf-8")


def _in_child(queue: multiprocessing.Queue, job, args) -> None:
    queue.put(job(*args))


def timed_with_limit(job, args: tuple, limit: float) -> tuple[float | None, set | None]:
    """Run `job(*args)` in a forked process; (seconds, result), or (None, None) past `limit`."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_in_child, args=(queue, job, args))
    clock = time.perf_counter()
    process.start()
    try:
        result = queue.get(timeout=limit)
    except Exception:  # queue.Empty: over the limit
        process.kill()
        process.join()
        return None, None
    seconds = time.perf_counter() - clock
    process.join()
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graphs", nargs="*", type=Path)
    parser.add_argument("--factors", default="1")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", default="", help="engines not to run: pyshacl,split")
    parser.add_argument("--mutate", action="store_true", help="break one quote per copy")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    paths = args.graphs or [next(p for p in DEFAULT_GRAPHS if p.exists())]
    shapes = load_shapes()
    ontology = load_graph(ONTOLOGY_PATH)
    print(
        "| input | copies | triples | to nt s | compiled s | pairs | split s | pairs "
        "| pyshacl s | pairs | same |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for path in paths:
        base = load_graph(path)
        if args.mutate:
            base = _break_one_quote(base)
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for factor in (int(f) for f in args.factors.split(",")):
            data = replicate(base, factor) if factor != 1 else base
            clock = time.perf_counter()
            ntriples = _ntriples(data)
            t_nt = time.perf_counter() - clock
            times, fast = [], set()
            for _ in range(args.repeat):
                clock = time.perf_counter()
                fast = fastcheck.violations(None, ontology, shapes, ntriples=ntriples)
                times.append(time.perf_counter() - clock)
            results = {"compiled": fast}
            cells = []
            for engine, job in (("split", run_split), ("pyshacl", run_pyshacl)):
                if engine in skip:
                    cells.append("- | -")
                    continue
                seconds, found = timed_with_limit(job, (data, shapes, ontology), args.timeout)
                if seconds is None:
                    cells.append(f"> {args.timeout:.0f} | -")
                else:
                    results[engine] = found
                    cells.append(f"{seconds:.1f} | {len(found)}")
            same = all(r == fast for r in results.values())
            verdict = ("yes" if same else "NO") + f" ({', '.join(sorted(results))})"
            print(
                f"| {name} | {factor} | {len(data)} | {t_nt:.1f} | {statistics.median(times):.2f} "
                f"| {len(fast)} | {' | '.join(cells)} | {verdict} |",
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
