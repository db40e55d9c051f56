"""Latency of saved queries on `labourgraph serve`, beside `oxigraph serve-read-only`.

Both servers hold the same graph (graph/platform-labour-kg.ttl and the ontology it imports)
on 127.0.0.1. Each saved query is sent as a SPARQL 1.1 Protocol POST (form, Accept SPARQL
JSON) by one client in sequence, then by CLIENTS clients at once sharing REQUESTS requests
(each client on its own keep-alive connection), each run REPEAT times with the servers taking
turns; the script reports the medians of p50, p95 and max latency and of throughput, and the
errors, for each server, after checking that both give the same rows.

    python scripts/bench_serve.py                      # print a Markdown table
    python scripts/bench_serve.py --write docs/benchmarks.md
                                                       # and replace its "Endpoint latency" section

Runs only on loopback, with a bounded number of requests, and stops both servers at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph" / "platform-labour-kg.ttl"
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
SECTION = "## Endpoint latency: `labourgraph serve` beside `oxigraph serve-read-only`"
DEFAULT_QUERIES = "01-platforms,05-pay-rates,12-working-conditions"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, limit: float = 120.0) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise SystemExit(f"nothing listened on port {port} within {limit:g} s")


@contextlib.contextmanager
def started(cmd: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[None]:
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    try:
        wait_for_port(port, proc)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        raise SystemExit("the oxigraph server is missing: pip install -e '.[test]'")
    return found


class Client:
    """One keep-alive connection that POSTs queries and times each answer."""

    def __init__(self, port: int, path: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.path = path

    def ask(self, query: str) -> tuple[float, int, bytes]:
        # bytes, so that http.client sends headers and body in one write (no Nagle delay)
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        }
        start = time.perf_counter()
        try:
            self.conn.request("POST", self.path, body=body, headers=headers)
            resp = self.conn.getresponse()
            data = resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            data, status = b"", 0
        return time.perf_counter() - start, status, data

    def close(self) -> None:
        self.conn.close()


def rows(data: bytes) -> int:
    return len(json.loads(data)["results"]["bindings"])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure(port: int, path: str, query: str, requests: int, clients: int) -> dict[str, float]:
    """Latencies (ms) of `requests` queries spread over `clients` concurrent connections."""
    per_client = [requests // clients + (i < requests % clients) for i in range(clients)]

    def run(count: int) -> list[tuple[float, int]]:
        client = Client(port, path)
        try:
            return [client.ask(query)[:2] for _ in range(count)]
        finally:
            client.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = [r for batch in pool.map(run, per_client) for r in batch]
    wall = time.perf_counter() - start
    latencies = [t * 1000 for t, status in results if status == 200]
    errors = sum(1 for _, status in results if status != 200)
    return {
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": percentile(latencies, 95) if latencies else float("nan"),
        "max": max(latencies) if latencies else float("nan"),
        "rps": len(results) / wall,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", default=DEFAULT_QUERIES, help="saved query names, by commas")
    parser.add_argument("--requests", type=int, default=200, help="requests per run")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=3, help="query processes of our server")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (medians reported)")
    parser.add_argument("--write", type=Path, help="replace the section in this Markdown file")
    args = parser.parse_args()
    if args.requests > 5000 or args.clients > 200 or args.repeat > 10:
        raise SystemExit("keep it bounded: at most 5000 requests, 200 clients, 10 repeats")
    for path in (GRAPH, ONTOLOGY):
        if not path.is_file():
            raise SystemExit(f"{path}: no such file (build the graph first)")

    load = os.getloadavg()[0]
    names = [n.strip() for n in args.queries.split(",") if n.strip()]
    texts = {n: (ROOT / "queries" / f"{n}.rq").read_text(encoding="utf-8") for n in names}
    ours, theirs = free_port(), free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    serve_cmd = [
        sys.executable, "-c", "from labourgraph.cli import main; main()", "serve",
        "--port", str(ours),
        "--graph", str(GRAPH), "--ontology", str(ONTOLOGY), "--workers", str(args.workers),
        "--timeout", "60",
    ]  # fmt: skip
    oxigraph = oxigraph_binary()
    table: list[tuple[str, str, str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        store = Path(tmp) / "store"
        subprocess.run(
            [oxigraph, "load", "--location", str(store), "--file", str(GRAPH), str(ONTOLOGY)],
            check=True,
            capture_output=True,
        )
        read_only = [
            oxigraph, "serve-read-only", "--location", str(store),
            "--bind", f"127.0.0.1:{theirs}", "--timeout-s", "60",
        ]  # fmt: skip
        with started(serve_cmd, ours, env), started(read_only, theirs):
            servers = [("labourgraph serve", ours, "/sparql"), ("oxigraph", theirs, "/query")]
            for name in names:
                counts = set()
                for _, port, path in servers:
                    client = Client(port, path)
                    for _ in range(3):  # warm up: every query process, caches
                        _, status, data = client.ask(texts[name])
                    client.close()
                    if status != 200:
                        raise SystemExit(f"{name}: {path} answered {status}: {data[:200]!r}")
                    counts.add(rows(data))
                if len(counts) != 1:
                    raise SystemExit(f"{name}: the servers disagree on the rows: {counts}")
                runs: dict[tuple[str, int], list[dict[str, float]]] = {}
                for _ in range(args.repeat):  # servers taking turns, so both see the same load
                    for label, port, path in servers:
                        for clients in (1, args.clients):
                            figures = measure(port, path, texts[name], args.requests, clients)
                            runs.setdefault((label, clients), []).append(figures)
                            print(name, label, clients, figures, flush=True)
                for (label, clients), measured in runs.items():
                    median = {k: statistics.median(m[k] for m in measured) for k in measured[0]}
                    median["errors"] = sum(m["errors"] for m in measured)
                    table.append((name, label, f"{clients}", median))

    intro = (
        "`python scripts/bench_serve.py` on this machine: "
        f"{os.cpu_count()} cores shared with other work (load average {load:.1f} at the start), "
        f"Python {platform.python_version()}. The graph in `graph/` "
        "(with the ontology), on 127.0.0.1; each saved query sent "
        f"{args.requests} times as a SPARQL Protocol POST (SPARQL JSON), by one client, then by "
        f"{args.clients} clients at once on keep-alive connections; each run {args.repeat} times, "
        "the two servers taking turns, and the median of each figure reported (errors: the sum). "
        f"`labourgraph serve` with its defaults ({args.workers} query processes, slow lane of "
        f"{max(1, args.workers - 1)}); `oxigraph serve-read-only` on a store loaded with the same "
        "files. Latency in ms, from the request sent to the last byte read."
    )
    note = (
        "Where the time goes: `labourgraph serve` parses HTTP and routes in Python (h11, "
        "Starlette) and hands each query to a query process through a pipe, a fixed cost of "
        "about a millisecond that Oxigraph's Rust server does not pay; its query processes hold "
        "the graph in pyoxigraph's in-memory store, where Oxigraph's server reads RocksDB."
    )
    header = [
        SECTION,
        "",
        textwrap.fill(intro, 96, break_on_hyphens=False),
        "",
        textwrap.fill(note, 96, break_on_hyphens=False),
        "",
        "| query | server | clients | p50 | p95 | max | requests/s | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines = header + [
        f"| {q} | {server} | {clients} | {f['p50']:.1f} | {f['p95']:.1f} | {f['max']:.1f} | "
        f"{f['rps']:.0f} | {f['errors']:.0f} |"
        for q, server, clients, f in table
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        sys.path.insert(0, str(ROOT / "src"))
        from labourgraph.core.atomic import write_text

        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        pattern = re.compile(re.escape(SECTION) + r".*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
        new = (
            pattern.sub(lambda _: text + "\n", old)
            if SECTION in old
            else old.rstrip() + "\n\n" + text
        )
        write_text(args.write, new)
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
