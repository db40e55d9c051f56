"""Time every saved query on rdflib's SPARQL engine and on pyoxigraph, on the seed graph and
on a graph 100 times larger, check that both engines give the same rows, print a Markdown table.

The 100x graph replicates the individuals of the seed graph under fresh IRIs (`…-r1` …
`…-r99` appended to every `pld:` IRI; the ontology is loaded once), so every query meets 100
times as many matches. Times are the median of several runs of parsing + evaluation +
reading every row (`labourgraph.queries.execute`), graph loading and process start-up
excluded. Each (engine, graph) pair runs in a forked child stopped after `--cap` seconds, so a
slow rdflib query is reported as "> cap" instead of stalling the benchmark.

Usage (from the repository root):
    .venv/bin/python scripts/bench_queries.py [--graph graph/platform-labour-kg.ttl] [--runs 5]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from labourgraph import queries as q
from labourgraph.rdfio import load_store

PLD = "https://w3id.org/platform-labour/id/"


def replicate(graph: Path, copies: int, out: Path) -> int:
    """Write `copies` renamed copies of the graph's triples to `out` (N-Triples)."""
    triples = [quad.triple for quad in load_store([graph])]

    def rename(term: ox.NamedNode | ox.Literal | ox.BlankNode, i: int):
        if i and isinstance(term, ox.NamedNode) and term.value.startswith(PLD):
            return ox.NamedNode(f"{term.value}-r{i}")
        return term

    copied = [
        ox.Triple(rename(t.subject, i), rename(t.predicate, i), rename(t.object, i))
        for i in range(copies)
        for t in triples
    ]
    ox.serialize(copied, output=str(out), format=ox.RdfFormat.N_TRIPLES)
    return len(copied)


def normalise(result: q.Result) -> list[tuple[str, ...]]:
    """Rows as comparable text: numbers canonical, GROUP_CONCAT parts sorted, rows sorted."""
    rows = []
    for row in result.rows:
        cells = []
        for term in row:
            text = q.show(term)
            try:
                text = f"{Decimal(text).normalize():f}"
            except InvalidOperation:
                text = " | ".join(sorted(set(re.split(r" \| |, ", text))))
            cells.append(text)
        rows.append(tuple(cells))
    return sorted(rows)


def _child(files: list[Path], engine: str, runs: int, budget: float, conn) -> None:
    graph = q.open_graph(files, engine)
    for saved in q.discover():
        times, result = [], None
        started = time.perf_counter()
        while len(times) < runs and (not times or time.perf_counter() - started < budget):
            t0 = time.perf_counter()
            result = q.execute(saved, graph, {}, timeout=None)
            times.append(time.perf_counter() - t0)
        conn.send(
            (saved.name, statistics.median(times) * 1000, len(result.rows), normalise(result))
        )
    conn.send(None)


def measure(files: list[Path], engine: str, runs: int, cap: float) -> dict[str, tuple]:
    """{query: (median ms or None, rows, normalised rows)}; None where the cap stopped it."""
    parent, child = mp.get_context("fork").Pipe()
    proc = mp.get_context("fork").Process(target=_child, args=(files, engine, runs, cap / 4, child))
    proc.start()
    out: dict[str, tuple] = {}
    deadline = time.monotonic() + cap * 20
    while time.monotonic() < deadline and parent.poll(max(0.0, deadline - time.monotonic())):
        item = parent.recv()
        if item is None:
            break
        out[item[0]] = item[1:]
        deadline = min(deadline, time.monotonic() + cap)  # one cap per query from here on
    proc.kill()
    proc.join()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=q.DEFAULT_GRAPHS[0])
    parser.add_argument("--ontology", type=Path, default=q.DEFAULT_GRAPHS[1])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per query and engine")
    args = parser.parse_args()
    names = [saved.name for saved in q.discover()]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.nt"
        triples = replicate(args.graph, args.copies, big)
        sizes = {
            "seed": q.graph_files(args.graph, args.ontology),
            "big": q.graph_files(big, args.ontology),
        }
        results = {
            (size, engine): measure(files, engine, args.runs, args.cap)
            for size, files in sizes.items()
            for engine in q.ENGINES
        }
    print(
        f"Graph: {args.graph} ({triples // args.copies} triples), x{args.copies}: "
        f"{triples} triples, "
        f"plus the ontology; median of {args.runs} runs, ms.\n"
    )
    print(
        "| query | rows | oxigraph | rdflib | rows ×100 | oxigraph ×100 | rdflib ×100 | same rows |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    worst = {"seed": 0.0, "big": 0.0}
    for name in names:
        cells, agree = [name], []
        for size in ("seed", "big"):
            ox_ms, ox_rows, ox_norm = results[(size, "oxigraph")].get(name, (None, None, None))
            rd_ms, _, rd_norm = results[(size, "rdflib")].get(name, (None, None, None))
            worst[size] = max(worst[size], ox_ms or float("inf"))
            cells += [str(ox_rows), _ms(ox_ms, args.cap), _ms(rd_ms, args.cap)]
            agree.append("n/a" if rd_norm is None else "yes" if rd_norm == ox_norm else "NO")
        cells.append(" / ".join(agree))
        print("| " + " | ".join(cells) + " |")
    print(
        f"\nSlowest oxigraph query: {worst['seed']:.1f} ms on the seed graph (limit 50 ms), "
        f"{worst['big']:.1f} ms ×{args.copies} (limit 100 ms)."
    )
    sys.exit(0 if worst["seed"] < 50 and worst["big"] < 100 else 1)


def _ms(value: float | None, cap: float) -> str:
    return f"> {cap:g} s" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    main()
