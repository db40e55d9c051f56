"""Floors of extraction quality, fact by fact: the seeds and the held-out real test split.

The floors are the levels measured after the tenth round of the extraction redesign
(2026-12-08, README "Extraction quality"; the test split's gold indicators re-mapped to the
ontology by an annotator, `tests/data/real/indicators-remapped.md`), rounded down to two
decimals, so that no change can make the graph less true without a red test; a change that
raises a score raises its floor.
Only the scores of the test split are read here, never its texts or its details.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from labourgraph.tools import evaluate
from labourgraph.tools.evaluation_report import Report, Tally

ROOT = Path(__file__).resolve().parents[2]

FLOORS: dict[tuple[str, str], dict[str, float]] = {
    ("seeds", "fr"): {
        "entity F1": 0.99,
        "found": 1.00,
        # the tenth round: a people's adjective places the 1,000 respondents ("de nationalité
        # française") in France, and the 260,000 said twice are occasional workers: 34 -> 36
        # whole of 39
        "whole": 0.92,
        "subject": 0.94,
        "area": 0.97,
        "period": 1.00,
        "direction": 1.00,
        "indicator": 0.97,
        "statement precision": 0.98,
        "relation precision": 0.93,
        "relation recall": 0.37,
    },
    ("real test", "fr"): {
        "entity F1": 0.74,
        "found": 0.76,
        "whole": 0.08,
        # spans of time as figures (eighth round: "environ deux heures", "for up to 12 hours";
        # dev found 364 -> 394 of 466) found one French and two English test figures more;
        # their indicator is the fallback "unspecified duration" where the gold has a free-text
        # label, and their subject mostly wrong, so the ratios over found figures fell (fr
        # subject 12 of 35 -> 12 of 36, indicator 14 of 35 -> 14 of 36; en subject 12 of 20 ->
        # 12 of 22, indicator 8 of 20 -> 8 of 22) while no figure found before lost a field
        "subject": 0.33,
        "area": 0.86,
        "period": 0.94,
        "direction": 1.00,
        "indicator": 0.38,
        # the fifth round's polarity rules and weak topic cues (written from dev: dev precision
        # 0.82 -> 0.90, denied as asserted 3 -> 0) gave 16 right of 29 French test statements
        # where 18 of 28 were right (0.71 -> 0.56); which rule costs it is not known, the test
        # split's details being closed, and rules are not chosen on its numbers, so the floor
        # follows the measure
        "statement precision": 0.55,
        "relation precision": 0.58,
        "relation recall": 0.20,
    },
    ("real test", "en"): {
        # the ninth round's "names that act are organisations" (a name the model calls a
        # place that is a verb's subject with an object, a firm's short form; dev entities
        # matched 806 -> 812, the unseen tenth batch's entity F1 0.65 -> 0.68) gave the
        # English test split one spurious entity more (27 -> 28 over both languages: F1
        # 0.87 -> 0.859) while its relation precision rose (0.80 -> 0.86); rules are not
        # chosen on the test split's numbers, so the floor follows the measure
        "entity F1": 0.85,
        "found": 0.84,
        "whole": 0.03,
        # the sixth round's number grammar finds one more English test figure (20 of 26
        # found, from 19) whose subject is wrong: 13 right of 19 became 13 of 20 (0.68 ->
        # 0.65); the ratio is over found figures, so a figure found with a wrong subject
        # lowers it while the graph states one more right number. The seventh round's "one
        # name, one referent" rule (a word kept as a name elsewhere is a name where it opens
        # a sentence: dev +2 whole figures, relations recall 0.36 -> 0.38) took one more
        # (13 -> 12 of 20); rules are not chosen on the test split's numbers; the eighth
        # round's spans of time, found with no subject, made it 12 of 22 (see French above)
        "subject": 0.54,
        # the seventh round's rule that a name only the model calls a place, after no
        # preposition of place, is no figure's area (dev: +3 areas right, none lost; it drops
        # "through Rev", "according to Hemanshu Nigam") took one English test area that was
        # right (14 -> 13 of 20); rules are not chosen on the test split's numbers, so the
        # floor follows the measure; the ninth round's states of the United States as
        # regions raised it again (0.68 -> 0.727), and the tenth round's people's adjectives
        # as places (0.727 -> 0.772)
        "area": 0.77,
        "period": 0.86,
        "direction": 0.90,
        "indicator": 0.36,
        "statement precision": 0.54,
        # the ninth round: 0.80 -> 0.857 (names that act are organisations; Reuters an outlet)
        "relation precision": 0.85,
        "relation recall": 0.36,
    },
}
DENIED_AS_ASSERTED = {("seeds", "fr"): 0, ("real test", "fr"): 0, ("real test", "en"): 0}
"""At most this many denied or hedged statements stored as asserted."""


def measured(tally: Tally) -> dict[str, float]:
    return {
        "entity F1": tally.entities.f1,
        "found": tally.found.value or 0.0,
        "whole": tally.whole.value or 0.0,
        "subject": tally.field_score("subject").value or 0.0,
        "area": tally.field_score("area").value or 0.0,
        "period": tally.field_score("period").value or 0.0,
        "direction": tally.field_score("direction").value or 0.0,
        "indicator": tally.field_score("indicator").value or 0.0,
        "statement precision": tally.statement_precision.value or 0.0,
        "relation precision": tally.relation_precision.value or 0.0,
        "relation recall": tally.relation_recall.value or 0.0,
    }


@pytest.fixture(scope="module")
def reports(cold_cache: None) -> dict[str, Report]:
    real = ROOT / "tests" / "data" / "real" / "test"
    return {
        "seeds": evaluate.evaluate(
            ROOT / "corpus", ROOT / "tests" / "data" / "gold" / "seeds.yaml"
        ),
        "real test": evaluate.evaluate(real, real / "gold", "real test"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("corpus_lang", sorted(FLOORS), ids=lambda c: f"{c[0]}-{c[1]}")
def test_whole_facts_stay_above_their_floors(
    reports: dict[str, Report], corpus_lang: tuple[str, str]
) -> None:
    corpus, lang = corpus_lang
    tally = reports[corpus].tally(lang)
    scores = measured(tally)
    below = {
        name: f"{scores[name]:.3f} < {floor}"
        for name, floor in FLOORS[corpus_lang].items()
        if scores[name] < floor
    }
    assert below == {}, f"{corpus} ({lang}) fell below its floors: {below}"
    assert tally.denied_as_asserted <= DENIED_AS_ASSERTED[corpus_lang]
