"""How often each topic cue word makes a right statement: the per-cue precision table.

Statement precision on unseen texts depends on which cue words fire: a cue with one sense
("contenus violents") is right wherever it is met, a cue with several ("forum", "increase",
"retraite") is right only where its context says so. `labourgraph evaluate` scores statements
as the graph holds them (one per document, topic and polarity), which hides which word made a
wrong one; this table goes back to the extraction's own records, one per sentence and cue,
and judges each as the evaluator judges a statement (a gold statement of the same topic and
polarity whose quote overlaps the sentence). A cue whose statements are often wrong is one to
narrow with a context in the ontology (`plo:cueContext`) or to drop.

Only corpora whose details may be read are scored: the held-out test split never is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from labourgraph.build import run
from labourgraph.core.mint import fold
from labourgraph.extract.relations import Statement
from labourgraph.tools.evaluate import HELD_OUT, corpora
from labourgraph.tools.gold import GoldDocument, GoldStatement, load_gold

RIGHT, WRONG_POLARITY, NO_GOLD = "right", "polarity", "no gold"


@dataclass
class CueScore:
    """One cue word's statements: how many were right, had the wrong polarity, or stated a
    topic no gold statement of that sentence holds; `lone` counts the wrong ones that no
    other sentence of their document made right (those cost the evaluator's precision)."""

    topic: str
    cue: str
    verdicts: Counter[str] = field(default_factory=Counter)
    lone: int = 0
    documents: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.verdicts.values())

    @property
    def precision(self) -> float:
        return self.verdicts[RIGHT] / self.total if self.total else 0.0


def judge(statement: Statement, text: str, gold: Sequence[GoldStatement]) -> str:
    """`RIGHT`, `WRONG_POLARITY` or `NO_GOLD` for one sentence's statement, as the evaluator
    judges a graph statement whose only evidence is that sentence."""
    topic = str(statement.topic).rsplit("#", 1)[-1]
    under = [g for g in gold if g.topic == topic and _overlaps(text, g.quote, statement)]
    if any(g.polarity == statement.polarity.lower() for g in under):
        return RIGHT
    return WRONG_POLARITY if under else NO_GOLD


def _overlaps(text: str, quote: str, statement: Statement) -> bool:
    start = text.find(quote) if quote else -1
    while start >= 0:
        if start < statement.end and statement.start < start + len(quote):
            return True
        start = text.find(quote, start + 1)
    return False


def score_cues(
    statements: Iterable[tuple[str, str, Statement]], gold: dict[str, GoldDocument]
) -> dict[tuple[str, str], CueScore]:
    """Per (topic, folded cue words): the verdicts of the statements, given as (file name,
    text, statement) for the documents of `gold` that have statements."""
    scores: dict[tuple[str, str], CueScore] = {}
    judged: list[tuple[str, CueScore, Statement, str]] = []
    for file_name, text, statement in statements:
        expected = gold.get(file_name)
        if expected is None or "statements" not in expected.sections:
            continue
        topic = str(statement.topic).rsplit("#", 1)[-1]
        cue = " ".join(fold(text[statement.cue_start : statement.cue_end]).split())
        score = scores.setdefault((topic, cue), CueScore(topic, cue))
        verdict = judge(statement, text, expected.statements)
        score.verdicts[verdict] += 1
        score.documents.add(file_name)
        judged.append((file_name, score, statement, verdict))
    right = {(f, s.topic, st.polarity) for f, s, st, v in judged if v == RIGHT}
    for file_name, score, statement, verdict in judged:
        if verdict != RIGHT and (file_name, score.topic, statement.polarity) not in right:
            score.lone += 1
    return scores


def corpus_statements(corpus_dir: Path) -> list[tuple[str, str, Statement]]:
    """(file name, text, statement) for every sentence statement the extraction makes on a
    corpus (the build's cache makes a second run quick)."""
    result = run(corpus_dir, validate_graph=False)
    by_id = {d.doc_id: d for d in result.documents}
    return [
        (by_id[f.doc_id].file_name, by_id[f.doc_id].text, s)
        for f in result.facts
        if f.doc_id in by_id
        for s in f.statements
    ]


def table(scores: dict[tuple[str, str], CueScore]) -> list[str]:
    """The table's lines: topic, cue, statements, right, wrong polarity, no gold, lone wrong,
    documents, precision; the least precise cues first."""
    rows = sorted(scores.values(), key=lambda s: (s.precision, -s.total, s.topic, s.cue))
    width = max((len(s.cue) for s in rows), default=3)
    out = [
        f"{'topic':<28} {'cue':<{width}} {'n':>3} {'ok':>3} {'pol':>3} {'nog':>3} "
        f"{'lone':>4} {'docs':>4} {'P':>5}"
    ]
    for s in rows:
        out.append(
            f"{s.topic:<28} {s.cue:<{width}} {s.total:>3} {s.verdicts[RIGHT]:>3} "
            f"{s.verdicts[WRONG_POLARITY]:>3} {s.verdicts[NO_GOLD]:>3} {s.lone:>4} "
            f"{len(s.documents):>4} {s.precision:>5.2f}"
        )
    total = sum(s.total for s in rows)
    right = sum(s.verdicts[RIGHT] for s in rows)
    out.append(f"all: {right}/{total} sentence statements right ({right / max(1, total):.2f})")
    return out


def readable_corpora(labels: Sequence[str] = ()) -> list[tuple[str, list[tuple[Path, Path]]]]:
    """The project's corpora (`evaluate.corpora`) whose details may be read, or those of
    `labels` among them; the held-out split is never given."""
    return [
        (label, pairs)
        for label, pairs in corpora()
        if label not in HELD_OUT and (not labels or label in labels)
    ]


def cue_table(labels: Sequence[str] = ()) -> list[str]:
    """The per-cue precision table over the readable corpora (all, or those of `labels`)."""
    statements: list[tuple[str, str, Statement]] = []
    gold: dict[str, GoldDocument] = {}
    for _label, pairs in readable_corpora(labels):
        for corpus_dir, gold_path in pairs:
            statements += corpus_statements(corpus_dir)
            gold.update(load_gold(gold_path))
    return table(score_cues(statements, gold))
