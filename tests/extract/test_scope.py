"""Passages that are not about work yield no labour facts."""

from __future__ import annotations

import pytest

from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.document import Resources, extract
from labourgraph.extract.scope import MIN_LENGTH, is_furniture

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


def test_a_passage_on_another_subject_yields_no_figure() -> None:
    """Seed 001's tracing interview: "elle a été très faiblement adoptée, par 12 % de la
    population" is an app's figure; the graph of platform labour draws no fact from it."""
    resources = Resources()
    app = TRACING + "L'application a été adoptée par 12 % de la population. "
    text = app + WORK + "Sur ces plateformes, 15 000 personnes travaillent chaque semaine. "
    doc = nlp.analyse([text], "fr")[0]
    facts = extract("t", doc, "fr", resources, [(0, len(app)), (len(app), len(text))])
    assert [o.value for o in facts.observations] == [15000]
    whole = extract("t", doc, "fr", resources)
    assert sorted(o.value for o in whole.observations) == [12, 15000]


def test_density_counts_the_ontologys_words_of_work() -> None:
    scope = Resources().scope
    assert scope.density(WORK) > 10 * scope.density(TRACING)
    assert scope.out_of_scope(TRACING, [(0, len(TRACING))]) == [(0, len(TRACING))]
    assert scope.out_of_scope(WORK, [(0, len(WORK))]) == []


JOB_CUTS = (
    "The business services firm announced plans to cut 6,000 positions across its global "
    "operations after a quarterly profit that fell short of analysts' estimates. Of the total "
    "reductions, 4,000 will occur at the parent company and the rest at its subsidiary, which "
    "will offer early retirement and voluntary departure packages. "
) * 5 + "Its global operations have more than 76,000 employees."


def test_a_firms_job_cuts_are_about_work_though_they_name_few_workers() -> None:
    """A real press text on a firm's job cuts speaks of positions, departures and packages,
    seldom with the ontology's words for workers: about 0.5 of them per 1000 characters, five
    times the tracing interview's, and in scope."""
    scope = Resources().scope
    assert len(JOB_CUTS) >= MIN_LENGTH  # long enough to judge
    assert 0.4 <= scope.density(JOB_CUTS) < 1.0
    assert scope.out_of_scope(JOB_CUTS, [(0, len(JOB_CUTS))]) == []
    assert scope.density(JOB_CUTS) > 4 * scope.density(TRACING)


def test_a_contractor_is_a_word_of_work_in_french_too() -> None:
    scope = Resources().scope
    assert scope.density("Des prestataires écoutent les appels.") > 0


def _furniture(text: str, sentence: str, lang: str = "fr") -> bool:
    doc = nlp.analyse([text], lang)[0]
    start = text.index(sentence)
    return is_furniture(doc, start, start + len(sentence))


def test_a_heading_with_no_verb_is_furniture_a_headline_with_one_is_not() -> None:
    body = "\n\nLes travailleurs du clic annotent des images pour quelques centimes."
    heading = "Des stratégies de survie collective"
    assert _furniture(heading + body, heading)
    assert _furniture("In Search of Flexibility" + body, "In Search of Flexibility", "en")
    assert not _furniture("Le microtravail se développe" + body, "Le microtravail se développe")
    # a sentence with its end punctuation is a sentence, verb or not
    assert not _furniture("Rémunération et précarité." + body, "Rémunération et précarité.")


def test_a_caption_is_furniture_a_wrapped_line_and_a_list_item_are_not() -> None:
    caption = "Des modérateurs manifestent devant les bureaux à Nairobi"
    text = f"{caption}\n{caption}@PhotoAgence\nLe reste de l'article commence ici."
    assert _furniture(text, caption)
    credit = "Une activité en plein essor via les plateformes / iStock-photographe"
    assert _furniture(f"{credit}\n\nLa suite.", credit)
    wrapped = "Invisibles et mal rémunérés, précaires et exploités, les travailleurs"
    assert not _furniture(f"{wrapped}\ndu clic ont un statut variable.", wrapped)
    item = "• Rémunération à la tâche et précarité"
    assert not _furniture(f"Les conditions :\n{item}\n• Aucun contrat", item)


def test_headings_and_captions_yield_no_statement() -> None:
    resources = Resources()
    text = (
        "De l'eldorado numérique à la précarité algorithmique\n\n"
        "Les travailleurs vénézuéliens font face à une précarité grandissante."
    )
    doc = nlp.analyse([text], "fr")[0]
    facts = extract("t", doc, "fr", resources)
    assert [text[s.cue_start : s.cue_end] for s in facts.statements] == ["précarité"]
    assert facts.statements[0].cue_start > text.index("\n")


def _topics(text: str, lang: str) -> list[tuple[str, bool]]:
    """(topic local name, supported) for every topic cue of `text`."""
    resources = Resources()
    doc = nlp.analyse([text], lang)[0]
    return [
        (str(h.entry.iri).rsplit("#", 1)[-1], resources.support.supported(doc, h))
        for h in resources.topics.find(doc, lang)
    ]


def test_weak_cues_and_their_contexts_come_from_the_ontology() -> None:
    support = Resources().support
    assert (str(PLO.DemandGrowth), "augmenté") in support.weak
    assert (str(PLO.DemandGrowth), "essor") not in support.weak  # a plain cue of the topic
    # a topic with a context and no weak cue of its own has every cue weak
    assert (str(PLO.TermsOfService), "CGU") in support.weak
    assert (str(PLO.TermsOfService), "terms of service") in support.weak
    # a class as a context: the words for workers
    assert {"travailleur", "moderator"} <= support.contexts[str(PLO.WorkerForum)]
    assert "demand" in support.contexts[str(PLO.DemandGrowth)]


@pytest.mark.parametrize(
    ("text", "lang", "topic", "supported"),
    [
        ("Les revenus des développeurs web ont augmenté de 66 %.", "fr", "DemandGrowth", False),
        ("La demande de microtravail a augmenté avec la crise.", "fr", "DemandGrowth", True),
        ("Employers feel little pressure to increase wages.", "en", "DemandGrowth", False),
        ("There was a sharp increase in demand for data labelling.", "en", "DemandGrowth", True),
        ("Il surveille les contenus postés sur les forums.", "fr", "WorkerForum", False),
        ("Les travailleurs s'entraident sur les forums.", "fr", "WorkerForum", True),
        (
            "Le modérateur retire les contenus qui ne sont pas conformes aux CGU du site.",
            "fr",
            "TermsOfService",
            False,
        ),
        ("Leur activité tient à l'adhésion aux CGU.", "fr", "TermsOfService", True),
        ("Ils ont un « gig work » (travail à la tâche) instable.", "fr", "PieceRatePay", False),
        ("Ils reçoivent une rémunération à la tâche.", "fr", "PieceRatePay", True),
        # the unemployed are not workers without social protection
        ("Elle rémunère des personnes au chômage.", "fr", "NoSocialProtection", False),
        ("Ils ne cotisent ni à la retraite ni au chômage.", "fr", "NoSocialProtection", True),
        # a plain cue needs nothing
        ("Le microtravail est en plein essor.", "fr", "DemandGrowth", True),
    ],
)
def test_a_weak_cue_states_its_topic_only_beside_a_context_word(
    text: str, lang: str, topic: str, supported: bool
) -> None:
    assert (topic, supported) in _topics(text, lang)


def test_an_unsupported_weak_cue_makes_no_statement() -> None:
    resources = Resources()
    text = "Les revenus des développeurs web ont augmenté. La demande de microtravail a augmenté."
    doc = nlp.analyse([text], "fr")[0]
    facts = extract("t", doc, "fr", resources)
    growth = [s for s in facts.statements if s.topic == PLO.DemandGrowth]
    assert [text[s.start : s.end] for s in growth] == ["La demande de microtravail a augmenté."]
