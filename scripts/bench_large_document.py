"""Benchmark one document at the size limit: `labourgraph build` on a corpus of a single
document of `--size` bytes (default 10,000,000, under the 10 MiB intake limit), cache off.

The document is made of the seed texts of `corpus/` one after the other, blank lines between
them, cut at a line break below the size: real prose, with its names, figures and sentences,
only longer than any real article. It is written to a temporary folder and removed after the
run; nothing of it is kept or published. The build runs as the CLI in a child process; its
wall time, its peak resident memory (the child's and its workers', from `getrusage`) and the
stage times it prints are reported, as one Markdown table row for docs/benchmarks.md.

Usage (from the repository root):
    .venv/bin/python scripts/bench_large_document.py
    .venv/bin/python scripts/bench_large_document.py --size 2000000
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]


def make_document(path: Path, size: int) -> int:
    """Write the seed texts, repeated, into one document of at most `size` bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    french = [t for t in texts if " le " in t and " la " in t] or texts
    parts: list[str] = []
    total = 0
    while total < size:
        text = french[len(parts) % len(french)]
        parts.append(text.strip())
        total += len(text.encode("utf-8")) + 2
    data = "\n\n".join(parts).encode("utf-8")[:size]
    data = data[: data.rfind(b"\n")] + b"\n"
    path.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000, help="document size, bytes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lg-large-") as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        document = corpus / "large.txt"
        size = make_document(document, args.size)
        (corpus / "catalogue.yaml").write_text(
            "documents:\n  large.txt: {title: Large, language: fr}\n", encoding="utf-8"
        )
        chars = len(document.read_text(encoding="utf-8"))
        out = Path(work) / "graph"
        clock = time.perf_counter()
        done = subprocess.run(
            [*CLI, "build", "--corpus", str(corpus), "--out", str(out), "--no-cache"],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
            env={**os.environ, "LABOURGRAPH_CACHE": str(Path(work) / "cache")},
        )
        wall = time.perf_counter() - clock
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(done.stdout)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"build failed with exit code {done.returncode}")
        stages = {
            line[6:].split()[0]: line.split()[-2]
            for line in done.stdout.splitlines()
            if line.startswith("time: ")
        }
        triples = next(
            (line.split()[-1] for line in done.stdout.splitlines() if line.startswith("triples")),
            "?",
        )
        print(
            "| bytes | characters | wall (s) | peak RSS (MiB) | nlp (s) | extraction (s) "
            "| triples |\n|---|---|---|---|---|---|---|"
        )
        print(
            f"| {size:,} | {chars:,} | {wall:.0f} | {peak_mib:,.0f} | {stages.get('nlp', '?')} "
            f"| {stages.get('extraction', '?')} | {triples} |"
        )


if __name__ == "__main__":
    main()
