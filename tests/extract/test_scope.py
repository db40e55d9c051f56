"""Passages that are not about work yield no labour facts."""

from __future__ import annotations

from labourgraph.extract import nlp
from labourgraph.extract.document import Resources, extract

TRACING = (
    "Les applications de traçage des contacts enregistrent qui vous croisez. Si vous êtes testé "
    "positif, les personnes proches sont prévenues par une notification sur leur téléphone. "
    "La surveillance numérique de la population pose la question de la vie privée. "
) * 8
WORK = (
    "Sur les plateformes de microtravail, les travailleurs annotent des images pour quelques "
    "centimes la tâche ; leur rémunération est faible et le travail est précaire. "
) * 8


def test_a_passage_on_another_subject_yields_no_statement_but_a_part_on_work_does() -> None:
    resources = Resources()
    text = TRACING + WORK
    doc = nlp.analyse([text], "fr")[0]
    parts = [(0, len(TRACING)), (len(TRACING), len(text))]
    facts = extract("t", doc, "fr", resources, parts)
    assert facts.statements, "the part on work keeps its statements"
    assert all(s.cue_start >= len(TRACING) for s in facts.statements)
    assert all(t.start >= len(TRACING) for t in facts.things)
    # the same text read as one passage is about work as a whole: nothing is dropped
    whole = extract("t", doc, "fr", resources)
    assert len(whole.statements) >= len(facts.statements)


def test_density_counts_the_ontologys_words_of_work() -> None:
    scope = Resources().scope
    assert scope.density(WORK) > 10 * scope.density(TRACING)
    assert scope.out_of_scope(TRACING, [(0, len(TRACING))]) == [(0, len(TRACING))]
    assert scope.out_of_scope(WORK, [(0, len(WORK))]) == []
