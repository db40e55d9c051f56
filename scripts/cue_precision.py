"""Print the per-cue precision of topic statements (`labourgraph.tools.cue_precision`): for
each topic cue word that made a statement in the seeds, the fictional texts and the real dev
texts, how often it was right against their gold. The held-out test split is never read.

Usage (from the repository root):
    .venv/bin/python scripts/cue_precision.py                 # every readable corpus
    .venv/bin/python scripts/cue_precision.py "real dev"      # one of them
"""

from __future__ import annotations

import sys

from labourgraph.tools.cue_precision import cue_table

if __name__ == "__main__":
    print("\n".join(cue_table(sys.argv[1:])))
