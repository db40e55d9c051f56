"""Time from starting `labourgraph serve` to its first answer, on Turtle and on a store.

For each graph given (a Turtle file, read with the ontology beside it as `serve` does, or a
store folder written by `labourgraph export --store`), `--runs` times in turn: start
`labourgraph serve --graph G` on a free loopback port, send a saved query (SPARQL Protocol
POST, SPARQL JSON) every 50 ms, once the port listens (`bench_serve.started`, which looks
every 0.2 s), until one is answered with 200, and record the wall time
from the process start to the last byte of that answer, and the rows. The server is then
stopped. Prints a Markdown table of medians (issue 19: within 5 s on the x1000 graph).

Usage (from the repository root):
    .venv/bin/python scripts/bench_serve_start.py WORK/graph-1000/platform-labour-kg.ttl \
        WORK/store-1000 --query 01-platforms --runs 3
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

from bench_serve import free_port, started  # scripts/ is on the path when run


def ask(port: int, query: str) -> int | None:
    """Rows of the answer, or None while the server is not answering yet."""
    body = urllib.parse.urlencode({"query": query})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("POST", "/sparql", body, headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
    except OSError:
        return None
    if response.status != 200:
        return None
    return len(json.loads(data)["results"]["bindings"])


def first_answer(graph: Path, query: str, limit: float) -> tuple[float, int]:
    """Seconds from starting `serve` on `graph` to its first answer to `query`, and the rows."""
    port = free_port()
    command = [sys.executable, "-m", "labourgraph.cli", "serve", "--graph", str(graph)]
    start = time.perf_counter()
    with started([*command, "--port", str(port)], port, os.environ.copy()):
        while time.perf_counter() - start < limit:
            rows = ask(port, query)
            if rows is not None:
                return time.perf_counter() - start, rows
            time.sleep(0.05)
    raise SystemExit(f"serve --graph {graph}: no answer within {limit} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graphs", nargs="+", type=Path, help="Turtle files or store folders")
    parser.add_argument("--query", default="01-platforms", help="the saved query to send")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=600.0, help="seconds before giving up")
    args = parser.parse_args()
    from labourgraph.publish import queries as q

    saved = q.find_query(args.query)
    text = q.bound_text(saved, dict(saved.defaults))
    times: dict[Path, list[float]] = {graph: [] for graph in args.graphs}
    rows: dict[Path, set[int]] = {graph: set() for graph in args.graphs}
    for _ in range(args.runs):
        for graph in args.graphs:  # in turn, so that the machine's load falls on both
            seconds, count = first_answer(graph, text, args.limit)
            times[graph].append(seconds)
            rows[graph].add(count)
    print(f"Query {saved.name}; medians of {args.runs} runs, seconds from start to answer.\n")
    print("| graph | first answer (s) | runs (s) | rows |")
    print("|---|---:|---:|---|")
    for graph in args.graphs:
        runs = ", ".join(f"{t:.2f}" for t in times[graph])
        median = statistics.median(times[graph])
        print(f"| {graph} | {median:.2f} | {runs} | {sorted(rows[graph])} |")


if __name__ == "__main__":
    main()
