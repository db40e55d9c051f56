"""`labourgraph.tools.cue_precision`: each topic cue's statements judged as the evaluator
judges statements, and the held-out split never read."""

from __future__ import annotations

from labourgraph.core.vocab import PLO
from labourgraph.extract.relations import Statement
from labourgraph.tools.cue_precision import (
    NO_GOLD,
    RIGHT,
    WRONG_POLARITY,
    judge,
    readable_corpora,
    score_cues,
    table,
)
from labourgraph.tools.gold import GoldDocument, GoldStatement

TEXT = "Les tâches sont mal payées. Les revenus ont augmenté. Le travail est précaire."


def _statement(sentence: str, cue: str, topic: str, polarity: str = "Asserted") -> Statement:
    start = TEXT.index(sentence)
    cue_start = TEXT.index(cue, start)
    return Statement(
        PLO[topic], "WorkingConditionStatement", start, start + len(sentence), None, None,
        cue_start, cue_start + len(cue), polarity,
    )  # fmt: skip


GOLD = {
    "a.txt": GoldDocument(
        "a.txt",
        statements=[
            GoldStatement("LowPay", "asserted", "sont mal payées", None),
            GoldStatement("Precarity", "hedged", "est précaire", None),
        ],
        sections=frozenset({"statements"}),
    )
}


def test_a_statement_is_right_wrong_in_polarity_or_without_gold() -> None:
    gold = GOLD["a.txt"].statements
    low = _statement("Les tâches sont mal payées.", "mal payées", "LowPay")
    growth = _statement("Les revenus ont augmenté.", "augmenté", "DemandGrowth")
    precarity = _statement("Le travail est précaire.", "précaire", "Precarity")
    assert judge(low, TEXT, gold) == RIGHT
    assert judge(growth, TEXT, gold) == NO_GOLD
    assert judge(precarity, TEXT, gold) == WRONG_POLARITY
    hedged = _statement("Le travail est précaire.", "précaire", "Precarity", "Hedged")
    assert judge(hedged, TEXT, gold) == RIGHT


def test_cues_are_scored_and_the_least_precise_come_first() -> None:
    statements = [
        ("a.txt", TEXT, _statement("Les tâches sont mal payées.", "mal payées", "LowPay")),
        ("a.txt", TEXT, _statement("Les revenus ont augmenté.", "augmenté", "DemandGrowth")),
        ("b.txt", TEXT, _statement("Les revenus ont augmenté.", "augmenté", "DemandGrowth")),
    ]
    scores = score_cues(statements, GOLD)
    assert scores["LowPay", "mal payees"].precision == 1.0
    growth = scores["DemandGrowth", "augmente"]
    # b.txt has no gold: its statement is not scored
    assert (growth.total, growth.verdicts[NO_GOLD], growth.lone) == (1, 1, 1)
    lines = table(scores)
    assert lines[1].startswith("DemandGrowth")
    assert lines[-1] == "all: 1/2 sentence statements right (0.50)"


def test_the_held_out_split_is_never_read() -> None:
    labels = [label for label, _pairs in readable_corpora()]
    assert "real test" not in labels
    assert "real dev" in labels
    assert [label for label, _ in readable_corpora(["seeds", "real test"])] == ["seeds"]
