"""The build's analysis on Dask beside the local process pool: the ×N corpus (100 by default)
built both ways with an empty cache, timed by stage, and the two graphs compared byte for byte.

Each build runs in a fresh child process (`step`), so neither inherits the other's loaded
models or memory: first `build.run` + `write` with the local pool of `--workers` forked
processes (today's default), then the same on a `distributed.LocalCluster` of `--workers`
worker processes of one thread each (`build --scheduler`'s path, `distribute.DaskRunner`).
The cluster's start is timed apart from the build; the Dask build's time includes the
workers loading spaCy's models, which the local build books as "models".

Prints a Markdown section for docs/benchmarks.md (which it does not write) and leaves the
graph of the local build in WORK/graph-N for `scripts/bench_store.py`.

Usage (from the repository root):
    .venv/bin/python scripts/bench_dask.py --factor 100 --work /tmp/labourgraph-bench-dask
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import platform
import resource
import time
import traceback
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _child(function: Any, args: tuple[Any, ...], conn: Any) -> None:
    try:
        conn.send(("ok", function(*args)))
    except BaseException as err:  # reported by the parent
        conn.send(("error", f"{type(err).__name__}: {err}\n{traceback.format_exc()[-2000:]}"))
    finally:
        conn.close()


def step(name: str, function: Any, *args: Any) -> dict[str, Any]:
    """`function(*args)` in a fresh spawned child (a non-daemon one: it may start a cluster)."""
    print(f"{name} ...", flush=True)
    context = mp.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    proc = context.Process(target=_child, args=(function, args, child), daemon=False)
    start = time.perf_counter()
    proc.start()
    child.close()
    status, value = parent.recv()
    proc.join()
    outcome = value if status == "ok" else {"error": value}
    outcome["wall"] = round(time.perf_counter() - start, 2)
    print(f"{name}: {json.dumps(outcome)[:600]}", flush=True)
    return outcome


def build_local(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    from labourgraph import build

    start = time.perf_counter()
    result = build.run(corpus, use_cache=False, n_process=workers, serialise=True)
    files = build.write(result, out, result.resources.ontology)
    return _outcome(result, files, time.perf_counter() - start)


def build_dask(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    from distributed import LocalCluster

    from labourgraph import build
    from labourgraph.distribute import DaskRunner

    start = time.perf_counter()
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        started = time.perf_counter() - start
        with DaskRunner(cluster.scheduler_address) as runner:
            start = time.perf_counter()
            result = build.run(corpus, use_cache=False, serialise=True, runner=runner)
            files = build.write(result, out, result.resources.ontology)
            seconds = time.perf_counter() - start
    outcome = _outcome(result, files, seconds)
    outcome["cluster_start"] = round(started, 2)
    return outcome


def _cpu(who: int) -> float:
    """CPU seconds (user + system): unlike wall time, hardly moved by other users' load."""
    usage = resource.getrusage(who)
    return round(usage.ru_utime + usage.ru_stime, 1)


def _outcome(result: Any, files: list[Path], seconds: float) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 2),
        "documents": len(result.documents),
        "words": sum(len(d.text.split()) for d in result.documents),
        "triples": len(result.triples),
        "timings": {k: round(v, 2) for k, v in result.timings.items()},
        "sha256": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files},
        "peak_mb_client": _peak_mb(resource.RUSAGE_SELF),
        "peak_mb_workers": _peak_mb(resource.RUSAGE_CHILDREN),
        "cpu_client": _cpu(resource.RUSAGE_SELF),
        "cpu_workers": _cpu(resource.RUSAGE_CHILDREN),
        "load": round(os.getloadavg()[0], 1),
    }


def render(local: dict[str, Any], dask: dict[str, Any], args: argparse.Namespace) -> str:
    same = "error" not in local and local.get("sha256") == dask.get("sha256")
    stages = sorted(
        {*local.get("timings", {}), *dask.get("timings", {})},
        key=lambda s: [*local.get("timings", {}), *dask.get("timings", {})].index(s),
    )
    lines = [
        f"## The analysis on Dask beside the local pool ({args.factor}x)",
        "",
        f"`scripts/bench_dask.py --factor {args.factor} --workers {args.workers}`:"
        f" the {args.factor}x corpus ({local.get('documents')} documents,"
        f" {local.get('words'):,} words, {local.get('triples'):,} triples) built with an empty"
        f" cache, each build in a fresh process. Local pool: {args.workers} forked worker"
        f" processes (the default). Dask: a `distributed.LocalCluster` of {args.workers} worker"
        f" processes of 1 thread each, through `distribute.DaskRunner` (what `build --scheduler`"
        " uses); the workers load spaCy's models inside the timed build, so the Dask path has no"
        ' "models" line. Same graph bytes both ways: ' + ("**yes**" if same else "**NO**") + ".",
        "",
        f"Machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), Python"
        f" {platform.python_version()}, dask/distributed {metadata.version('distributed')}."
        " The machine is shared: wall times move with the other users' load (its 1-minute"
        " average after each build is in the table), CPU times much less.",
        "",
        "| | local pool | Dask LocalCluster |",
        "|---|---:|---:|",
        f"| build (run + write) | {_s(local)} | {_s(dask)} |",
    ]
    lines += [f"| {stage} | {_t(local, stage)} | {_t(dask, stage)} |" for stage in stages]
    lines += [
        f"| cluster start (not in the build) | – | {_s(dask, 'cluster_start')} |",
        f"| CPU time, client process | {_s(local, 'cpu_client')} | {_s(dask, 'cpu_client')} |",
        f"| CPU time, worker processes | {_s(local, 'cpu_workers')} | {_s(dask, 'cpu_workers')} |",
        f"| load average after the build | {local.get('load', '–')} | {dask.get('load', '–')} |",
        f"| peak RSS, client process | {_mb(local, 'peak_mb_client')} |"
        f" {_mb(dask, 'peak_mb_client')} |",
        f"| peak RSS, largest worker | {_mb(local, 'peak_mb_workers')} |"
        f" {_mb(dask, 'peak_mb_workers')} |",
        "",
    ]
    return "\n".join(lines)


def _s(outcome: dict[str, Any], key: str = "seconds") -> str:
    return "error" if "error" in outcome else f"{outcome[key]:.1f} s"


def _t(outcome: dict[str, Any], stage: str) -> str:
    value = outcome.get("timings", {}).get(stage)
    return "–" if value is None else f"{value:.1f} s"


def _mb(outcome: dict[str, Any], key: str) -> str:
    return "–" if key not in outcome else f"{outcome[key]:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=int, default=100, help="copies of the seed corpus")
    parser.add_argument("--workers", type=int, default=2, help="local processes / Dask workers")
    parser.add_argument("--work", type=Path, default=Path("/tmp/labourgraph-bench-dask"))
    args = parser.parse_args()
    from labourgraph.tools.scale import scale_corpus

    corpus = args.work / f"corpus-{args.factor}"
    if not corpus.is_dir():
        scale_corpus(ROOT / "corpus", args.factor, corpus)
    local = step(
        "local pool", build_local, corpus, args.work / f"graph-{args.factor}", args.workers
    )
    dask = step("dask", build_dask, corpus, args.work / f"graph-{args.factor}-dask", args.workers)
    (args.work / "results.json").write_text(json.dumps({"local": local, "dask": dask}, indent=2))
    print()
    print(render(local, dask, args))


if __name__ == "__main__":
    main()
