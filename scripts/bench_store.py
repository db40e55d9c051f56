"""Time to first answer from Turtle and from the on-disk store (`labourgraph export --store`).

For a built graph folder (WORK/graph-100 from `scripts/bench_dask.py`, or graph/), writes its
store once (timed), then, `--runs` times each and alternating, runs in a fresh process what a
user runs, `labourgraph query QUERY --graph G --format csv`, with G the Turtle file (parsed into
memory with the ontology, as today) and with G the store folder (opened read-only): wall time
from the command's start to its answer, median. The same in the library, without the Python
start: `ondisk.open_store` (or `load_store`) then the query, in a fresh process.

Prints a Markdown section for docs/benchmarks.md (which it does not write).

Usage (from the repository root):
    .venv/bin/python scripts/bench_store.py --graph /tmp/labourgraph-bench-dask/graph-100
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]
LIBRARY = """
import sys, time
start = time.perf_counter()
from labourgraph.publish import ondisk, queries as q
graph = ondisk.open_store(q.graph_files(sys.argv[1]))
opened = time.perf_counter()
saved = q.find_query(sys.argv[2])
rows = q.execute(saved, graph, dict(saved.defaults), timeout=None).rows
print(f"{opened - start:.3f} {time.perf_counter() - start:.3f} {len(rows)}")
"""


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - start, done.stdout


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", type=Path, required=True, help="a built graph folder")
    parser.add_argument("--query", default="01-platforms", help="the saved query to time")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from labourgraph.core.rdfio import load_store
    from labourgraph.publish import ondisk
    from labourgraph.publish import queries as q

    kg = args.graph / "platform-labour-kg.ttl"
    store = args.graph / "store"
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    info = ondisk.write_store(store, q.graph_files(kg))
    written = time.perf_counter() - start
    turtle_mb = sum(p.stat().st_size for p in q.graph_files(kg)) / 1e6
    start = time.perf_counter()
    load_store(q.graph_files(kg))
    parse = time.perf_counter() - start

    cli: dict[str, list[float]] = {"turtle": [], "store": []}
    lib: dict[str, list[tuple[float, float]]] = {"turtle": [], "store": []}
    answers: dict[str, set[int]] = {"turtle": set(), "store": set()}
    for _ in range(args.runs):
        for kind, graph in (("turtle", kg), ("store", store)):
            seconds, out = timed(
                [*CLI, "query", args.query, "--graph", str(graph), "--format", "csv"]
            )
            cli[kind].append(seconds)
            answers[kind].add(len(list(csv.reader(io.StringIO(out)))) - 1)
            _, out = timed([sys.executable, "-c", LIBRARY, str(graph), args.query])
            opened, first, rows = out.split()
            lib[kind].append((float(opened), float(first)))
            answers[kind].add(int(rows))
    med = statistics.median
    load = os.getloadavg()
    print(f"## Time to first answer: Turtle or the on-disk store ({args.graph.name})\n")
    print(
        f"`scripts/bench_store.py --graph {args.graph} --query {args.query} --runs {args.runs}`:"
        f" the graph's {info.triples:,} triples with the ontology, as Turtle ({turtle_mb:.0f} MB)"
        f" and as the store `labourgraph export --store` writes ({folder_mb(store):.0f} MB on disk,"
        f" written in {written:.1f} s; parsing the Turtle into memory took {parse:.1f} s)."
        f" Medians of {args.runs} fresh processes each; rows per answer:"
        f" {sorted(answers['turtle'])} from Turtle, {sorted(answers['store'])} from the store."
        f" Load average at the end {load[0]:.1f} (the machine is shared).\n"
    )
    print("| | from Turtle | from the store |")
    print("|---|---:|---:|")
    print(
        f"| `labourgraph query {args.query}`, command start to answer |"
        f" {med(cli['turtle']):.2f} s | {med(cli['store']):.2f} s |"
    )
    print(
        f"| library: graph opened | {med(o for o, _ in lib['turtle']):.2f} s |"
        f" {med(o for o, _ in lib['store']):.2f} s |"
    )
    print(
        f"| library: first answer (opening included) | {med(f for _, f in lib['turtle']):.2f} s |"
        f" {med(f for _, f in lib['store']):.2f} s |"
    )


if __name__ == "__main__":
    main()
