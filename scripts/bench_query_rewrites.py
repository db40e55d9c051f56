"""Time every saved query on a built graph, and each rewritten one beside its former text.

The graph (a `labourgraph build` output, with the ontology) is loaded once into pyoxigraph's
in-memory store, as `scripts/bench.py` does; then, for each saved query and each language,
`--runs` runs of `publish.queries.execute` (parsing, evaluation, reading every row), the
query's current text and, where tests/data/queries/before holds its text from before it was
rewritten for speed, that text too, taking turns so that the machine's load falls on both.
Medians in ms, of wall time and of this process's CPU time: pyoxigraph evaluates a query in
the calling thread, so on a shared machine the CPU time is the steadier figure. The two
texts' rows are compared (each GROUP_CONCAT's parts sorted).

Usage (from the repository root):
    .venv/bin/python scripts/bench_query_rewrites.py WORK/graph-1000/platform-labour-kg.ttl
    (several files are loaded together: a graph split in parts under the 512 MiB input limit)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

from labourgraph.core.rdfio import load_store
from labourgraph.publish import queries as q

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ROOT / "tests" / "data" / "queries" / "before"


def rows(result: q.Result) -> list[tuple[str, ...]]:
    return sorted(
        tuple(" | ".join(sorted(re.split(r" \| |, ", q.show(term)))) for term in row)
        for row in result.rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "graph", type=Path, nargs="+", help="platform-labour-kg.ttl of a built graph (or parts)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--langs", default="en,fr")
    parser.add_argument("--only", default="", help="query numbers to time (02,13), else all")
    args = parser.parse_args()
    only = [n for n in args.only.split(",") if n]
    started = time.perf_counter()
    store = load_store([*args.graph, q.DEFAULT_GRAPHS[1]])
    print(
        f"Graph {' '.join(map(str, args.graph))}: {len(store)} triples with the ontology, "
        f"loaded in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}; medians of {args.runs} runs, ms.\n"
    )
    print("| query | lang | rows | now | now, CPU | before | before, CPU | same rows |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for saved in q.discover():
        if only and not any(saved.name.startswith(n) for n in only):
            continue
        old_path = BEFORE / f"{saved.name}.rq"
        old = q.read_query(old_path) if old_path.is_file() else None
        languages = args.langs.split(",") if "lang" in saved.parameters else ["-"]
        for lang in languages:
            params = {"lang": lang} if lang != "-" else {}
            texts = [saved] if old is None else [saved, old]
            wall: list[list[float]] = [[] for _ in texts]
            cpu: list[list[float]] = [[] for _ in texts]
            results: list[q.Result] = []
            for _ in range(args.runs):
                results = []
                for index, text in enumerate(texts):
                    begin, begin_cpu = time.perf_counter(), time.process_time()
                    results.append(q.execute(text, store, params, timeout=None))
                    cpu[index].append((time.process_time() - begin_cpu) * 1000)
                    wall[index].append((time.perf_counter() - begin) * 1000)
            pairs = zip(wall, cpu, strict=True)
            cells = [f"{statistics.median(t):.1f}" for pair in pairs for t in pair]
            now, before = " | ".join(cells[:2]), " | ".join(cells[2:] or ["", ""])
            same = "" if old is None else ("yes" if rows(results[0]) == rows(results[1]) else "NO")
            print(
                f"| {saved.name} | {lang} | {len(results[0].rows)} | {now} | {before} | {same} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
