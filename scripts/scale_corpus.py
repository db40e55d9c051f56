"""Make a benchmark corpus N times the seeds: `scale_corpus.py N OUT [--seed S] [--seeds DIR]`.

A thin wrapper around `labourgraph.tools.scale.scale_corpus` (which the tests exercise): copy 0 is
the seed corpus, copies 1..N-1 name other platforms, people and places and state other figures.

Example: .venv/bin/python scripts/scale_corpus.py 100 /tmp/corpus-100
"""

from __future__ import annotations

import argparse
from pathlib import Path

from labourgraph.tools.scale import scale_corpus

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("factor", type=int, help="how many copies of the seed corpus")
    parser.add_argument("out", type=Path, help="empty or absent folder for the new corpus")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the variations")
    parser.add_argument("--seeds", type=Path, default=ROOT / "corpus", help="seed corpus")
    args = parser.parse_args()
    files = scale_corpus(args.seeds, args.factor, args.out, args.seed)
    print(f"wrote {len(files)} files to {args.out}")


if __name__ == "__main__":
    main()
