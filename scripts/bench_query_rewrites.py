"""Time every saved query on a built graph, and each rewritten one beside its former text.

The graph (a `labourgraph build` output, with the ontology) is loaded once into pyoxigraph's
in-memory store, as `scripts/bench.py` does; then, for each saved query and each language,
`--runs` runs of `publish.queries.execute` (parsing, evaluation, reading every row), the
query's current text and, where tests/data/queries/before holds its text from before it was
rewritten for speed, that text too, taking turns so that the machine's load falls on both.
Medians in ms, of wall time and of this process's CPU time: pyoxigraph evaluates a query in
the calling thread, so on a shared machine the CPU time is the steadier figure. The two
texts' rows are compared (each GROUP_CONCAT's parts sorted). A query that answers a page at a
time (`limit`, `offset`) is timed on its first page, of the default size; its rows are compared
with its former text's once, all pages asked at once (a `limit` past the end), untimed, and the
rows column gives the page and the whole ("500 of 6727").

A graph built before the build wrote what the queries now read (the statement summaries of
query 12 and the figure summaries of query 08, `assemble/summaries.py`) is given them here, by
the same functions the build calls, so a large graph need not be built again to be measured:
`--materialise`.

Usage (from the repository root):
    .venv/bin/python scripts/bench_query_rewrites.py WORK/graph-1000/platform-labour-kg.ttl
    .venv/bin/python scripts/bench_query_rewrites.py --materialise --only 12 OLD/graph.ttl
    (several files are loaded together: a graph split in parts under the 512 MiB input limit)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from labourgraph.assemble.summaries import figure_summaries, statement_summaries
from labourgraph.core.rdfio import load_store
from labourgraph.core.vocab import PLO
from labourgraph.publish import queries as q

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ROOT / "tests" / "data" / "queries" / "before"
EVERYTHING = "1000000000"
"""A `limit` past the end of any answer: every page at once."""


def rows(result: q.Result) -> list[tuple[str, ...]]:
    return sorted(
        tuple(" | ".join(sorted(re.split(r" \| |, ", q.show(term)))) for term in row)
        for row in result.rows
    )


def materialise(store: ox.Store) -> str:
    """Add the summaries a graph built before them lacks (the statement summaries of query 12,
    the figure summaries of query 08), by the functions the build calls; say what was done."""
    typed = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    missing = {
        name: compute
        for name, cls, compute in (
            ("statement summaries", PLO.StatementSummary, statement_summaries),
            ("figure summaries", PLO.FigureSummary, figure_summaries),
        )
        if next(iter(store.quads_for_pattern(None, typed, ox.NamedNode(str(cls)))), None) is None
    }
    if not missing:
        return "statement and figure summaries: already in the graph"
    started = time.perf_counter()
    triples = [(str(quad.subject), str(quad.predicate), str(quad.object)) for quad in store]
    read = time.perf_counter()
    said = [f"the store's triples read as N-Triples terms in {read - started:.1f} s"]
    for name, compute in missing.items():
        begun = time.perf_counter()
        summaries = compute(triples)
        said.append(
            f"{name}: {len(summaries)} triples, computed in {time.perf_counter() - begun:.1f} s"
        )
        lines = "".join(f"{s} {p} {o} .\n" for s, p, o in sorted(summaries))
        store.bulk_load(lines.encode(), format=ox.RdfFormat.N_TRIPLES)
    return "; ".join(said)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "graph", type=Path, nargs="+", help="platform-labour-kg.ttl of a built graph (or parts)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--langs", default="en,fr")
    parser.add_argument("--only", default="", help="query numbers to time (02,13), else all")
    parser.add_argument(
        "--materialise",
        action="store_true",
        help="add what the build now writes for the queries to a graph built before (summaries)",
    )
    args = parser.parse_args()
    only = [n for n in args.only.split(",") if n]
    started = time.perf_counter()
    store = load_store([*args.graph, q.DEFAULT_GRAPHS[1]])
    if args.materialise:
        print(materialise(store))
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
            count = str(len(results[0].rows))
            whole = results[0]
            if saved.paging:
                whole = q.execute(saved, store, {**params, "limit": EVERYTHING}, timeout=None)
                count = f"{count} of {len(whole.rows)}"
            same = ""
            if old is not None:
                same = "yes" if rows(whole) == rows(results[1]) else "NO"
            print(f"| {saved.name} | {lang} | {count} | {now} | {before} | {same} |", flush=True)


if __name__ == "__main__":
    main()
