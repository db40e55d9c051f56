"""`labourgraph.extract.polarity`: a statement is asserted, denied or hedged by the words of
its clause near the cue; a topic that names an absence is confirmed by a negation."""

from __future__ import annotations

import pytest

from labourgraph.core.model import ontology
from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.polarity import PolarityCues, polarity_of

CUES = PolarityCues.from_ontology(ontology())


def _polarity(text: str, cue: str, lang: str, topic: str) -> str:
    doc = nlp.pipeline(lang)(text)
    start = text.index(cue)
    return polarity_of(doc, start, start + len(cue), CUES, str(PLO[topic]))


@pytest.mark.parametrize(
    ("text", "cue", "lang", "topic", "expected"),
    [
        (
            # "rendre difficile" prevents what it bears on: a denial, not a doubt
            "Ce qui rend très difficile toute organisation collective des travailleurs.",
            "organisation collective",
            "fr",
            "CollectiveOrganisation",
            "Denied",
        ),
        (
            # … even past a comma and an additive "mais aussi"
            "Le travail est invisible, ce qui rend très difficile sa valorisation, mais aussi "
            "toute forme d'organisation collective.",
            "organisation collective",
            "fr",
            "CollectiveOrganisation",
            "Denied",
        ),
        (
            # a predicate that denies its subject, however far after it
            "The flexibility on digital labor platforms is, thus, quite illusory.",
            "flexibility",
            "en",
            "Flexibility",
            "Denied",
        ),
        (
            # a contrast ends the predicate's reach
            "This flexibility is illusory for some, but workers value their flexibility.",
            "flexibility",
            "en",
            "Flexibility",
            "Denied",
        ),
        (
            # "ne … que" restricts: only 10 dollars is low pay, asserted
            "Le groupe ne versait que de bas salaires aux modérateurs.",
            "bas salaires",
            "fr",
            "LowPay",
            "Asserted",
        ),
        (
            # "n'importe" is no negation
            "Des travaux réalisables n'importe où et à n'importe quelle heure.",
            "n'importe quelle heure",
            "fr",
            "Flexibility",
            "Asserted",
        ),
        (
            # the "ne" of a cue's own negative ("plus de tâches") completes it; the
            # conditional hedges
            "Il pourrait arriver un moment où il n'y aura tout simplement plus de tâches.",
            "plus de tâches",
            "fr",
            "DemandDecline",
            "Hedged",
        ),
        (
            # reported speech: they say they were (hedged), as the text does not vouch for it
            "Les modérateurs disent avoir subi des contenus violents pendant des mois.",
            "contenus violents",
            "fr",
            "ViolentContentExposure",
            "Hedged",
        ),
        (
            # the authors' own estimate is their finding, asserted
            "We estimate that workers spend two months on poorly paid tasks.",
            "poorly paid",
            "en",
            "LowPay",
            "Asserted",
        ),
        (
            # someone else's estimate is reported
            "The company estimates that workers spend two months on poorly paid tasks.",
            "poorly paid",
            "en",
            "LowPay",
            "Hedged",
        ),
        (
            # a hard-wrapped line: the modal on the line before bears on the cue
            "Certains sont installés dans des open-spaces et peuvent\nêtre rémunérés à l'heure "
            "selon les pays.",
            "rémunérés à l'heure",
            "fr",
            "TimeRatePay",
            "Hedged",
        ),
        (
            # a hedge verb introduces the clause, a comma and many words before the cue
            "Il estime que les investissements, colossaux, ne deviendront rentables que "
            "lorsque l'IA aura massivement remplacé le travail humain.",
            "remplacé le travail humain",
            "fr",
            "DisplacementByGenerativeAI",
            "Hedged",
        ),
        (
            "The platforms claim that, in their reports at least, workers enjoy flexibility.",
            "flexibility",
            "en",
            "Flexibility",
            "Hedged",
        ),
        (
            "Cette flexibilité est illusoire pour les travailleurs.",
            "flexibilité",
            "fr",
            "Flexibility",
            "Denied",
        ),
        (
            "Les modérateurs ont créé un syndicat pour défendre leurs droits.",
            "syndicat",
            "fr",
            "UnionInvolvement",
            "Asserted",
        ),
        (
            "Les microtravailleurs ne signent pas de contrat de travail.",
            "contrat de travail",
            "fr",
            "NoContract",
            "Asserted",
        ),
        (
            "L'IA générative ne remplace pas le travail humain.",
            "remplace",
            "fr",
            "DisplacementByGenerativeAI",
            "Denied",
        ),
        (
            # "pas mal de" is a lot, no negation
            "Les annotateurs ressentent pas mal de frustration.",
            "frustration",
            "fr",
            "PsychosocialRisk",
            "Asserted",
        ),
        (
            # "cela peut" says a possibility
            "Cela peut générer pas mal de frustration chez les annotateurs.",
            "frustration",
            "fr",
            "PsychosocialRisk",
            "Hedged",
        ),
        (
            "The company says its pay is not low for the region.",
            "low",
            "en",
            "LowPay",
            "Denied",
        ),
        (
            "Workers may be exposed to violent content.",
            "violent content",
            "en",
            "ViolentContentExposure",
            "Hedged",
        ),
        (
            "Is this the end of human moderation?",
            "moderation",
            "en",
            "ContentModeration",
            "Hedged",
        ),
    ],
)
def test_polarity(text: str, cue: str, lang: str, topic: str, expected: str) -> None:
    assert _polarity(text, cue, lang, topic) == expected


def test_absences_come_from_the_ontology_labels() -> None:
    assert str(PLO.NoContract) in CUES.absences
    assert str(PLO.UnpaidTime) in CUES.absences
    assert str(PLO.LowPay) not in CUES.absences


def test_a_denying_predicate_bears_on_its_object_or_its_subject_only() -> None:
    text = (
        "Le microtravail est invisible, effectué à la maison, ce qui rend très difficile sa "
        "valorisation, mais aussi toute forme d'organisation collective."
    )
    # what comes before "rend difficile" is asserted; what comes after, denied
    assert _polarity(text, "à la maison", "fr", "HomeWorking") == "Asserted"
    assert _polarity(text, "organisation collective", "fr", "CollectiveOrganisation") == "Denied"
    # an adjective denies its subject, not what follows it
    text = "This flexibility is illusory, and workers fear violent content."
    assert _polarity(text, "flexibility", "en", "Flexibility") == "Denied"
    assert _polarity(text, "violent content", "en", "ViolentContentExposure") == "Asserted"


def test_words_of_allegation_put_the_whole_sentence_in_doubt() -> None:
    text = (
        "L'enquête porte sur des soupçons de violations des droits syndicaux, de conditions "
        "de travail traumatisantes et de bas salaires."
    )
    assert _polarity(text, "bas salaires", "fr", "LowPay") == "Hedged"
    text = "The company systematically underpaid its moderators, the court heard in a complaint."
    assert _polarity(text, "underpaid", "en", "LowPay") == "Hedged"
    # without the allegation, the same words are said as fact
    text = "The company systematically underpaid its moderators, the court heard."
    assert _polarity(text, "underpaid", "en", "LowPay") == "Asserted"


def test_a_suit_and_what_it_claims_are_allegations() -> None:
    text = "A former moderator has sued the platform, claiming the work left her with low pay."
    assert _polarity(text, "low pay", "en", "LowPay") == "Hedged"
    text = "A former moderator is suing the platform over the low pay of the work."
    assert _polarity(text, "low pay", "en", "LowPay") == "Hedged"


def test_n_importe_negates_nothing_even_past_the_words_near_the_cue() -> None:
    text = "Des travaux réalisables n'importe où et à n'importe quelle heure."
    assert _polarity(text, "n'importe où", "fr", "Flexibility") == "Asserted"


def test_a_why_question_takes_its_content_as_given_a_month_is_no_modal() -> None:
    text = "Why do they keep doing them despite the modest payment?"
    assert _polarity(text, "modest payment", "en", "LowPay") == "Asserted"
    text = "Do they keep doing them despite the modest payment?"
    assert _polarity(text, "modest payment", "en", "LowPay") == "Hedged"
    text = "In June 2021, the index had risen, representing a 51 percent increase since May 2016."
    assert _polarity(text, "increase", "en", "DemandGrowth") == "Asserted"


@pytest.mark.parametrize(
    ("text", "cue", "lang", "topic", "expected"),
    [
        # a feared outcome is not said to happen: the fear hedges it
        (
            "Plusieurs annotateurs craignent la suppression de leurs emplois par l'automatisation.",
            "suppression de leurs emplois",
            "fr",
            "DisplacementByGenerativeAI",
            "Hedged",
        ),
        (
            "Many raters fear that automation will take their jobs within a year.",
            "automation will take their jobs",
            "en",
            "DisplacementByGenerativeAI",
            "Hedged",
        ),
        (
            "Some annotators are worried about the trauma of the images they review.",
            "trauma",
            "en",
            "PsychosocialRisk",
            "Hedged",
        ),
        # "un métier qui peut…": a possibility of the job, not a fact
        (
            "C'est une activité qui peut nuire à la santé mentale des modérateurs.",
            "santé mentale",
            "fr",
            "PsychosocialRisk",
            "Hedged",
        ),
        # the same topics said plainly stay asserted (the fear words, not the topic, hedge)
        (
            "Les livreurs ont subi la suppression de leurs emplois par l'automatisation.",
            "suppression de leurs emplois",
            "fr",
            "DisplacementByGenerativeAI",
            "Asserted",
        ),
        (
            "Cette activité nuit à la santé mentale des modérateurs.",
            "santé mentale",
            "fr",
            "PsychosocialRisk",
            "Asserted",
        ),
    ],
)
def test_fear_and_possibility_hedge(
    text: str, cue: str, lang: str, topic: str, expected: str
) -> None:
    assert _polarity(text, cue, lang, topic) == expected


def test_a_litotes_asserts() -> None:
    """Two negations cancel: "n'est pas sans conséquence" says there are consequences."""
    text = (
        "Il visionne plus de 5000 posts par jour, ce qui n'est pas sans conséquence sur sa "
        "santé mentale."
    )
    assert _polarity(text, "santé mentale", "fr", "PsychosocialRisk") == "Asserted"
    assert (
        _polarity(
            "This is not without risk for their mental health.",
            "mental health",
            "en",
            "PsychosocialRisk",
        )
        == "Asserted"
    )
    # one negation still denies
    text = "Cela n'a aucun effet sur sa santé mentale."
    assert _polarity(text, "santé mentale", "fr", "PsychosocialRisk") == "Denied"


def test_a_question_ending_its_line_hedges_unless_it_asks_for_something() -> None:
    """A yes/no question hedges even when a line break follows its question mark (the line
    break is a token of its sentence); a question word asks about what it takes as given."""
    text = "Les traducteurs sont-ils vraiment remplacés ?\nSelon un expert, non."
    assert _polarity(text, "remplacés", "fr", "DisplacementByGenerativeAI") == "Hedged"
    text = "Qui sont ces travailleurs précaires ?\nDes étudiants, surtout."
    assert _polarity(text, "précaires", "fr", "Precarity") == "Asserted"
    text = "Et comment vivre de ce travail précaire ?\nIls ne savent pas."
    assert _polarity(text, "précaire", "fr", "Precarity") == "Asserted"
    text = "How do they cope with such low wages?"
    assert _polarity(text, "low wages", "en", "LowPay") == "Asserted"


def test_seen_as_suggest_and_rhetoric_report_without_endorsing() -> None:
    text = "This work gets a bad press as it's seen as poorly paid, but for many it is a solution."
    assert _polarity(text, "poorly paid", "en", "LowPay") == "Hedged"
    text = "Un article suggère que les outils d'IA ont déjà remplacé les traducteurs."
    assert _polarity(text, "remplacé", "fr", "DisplacementByGenerativeAI") == "Hedged"
    text = (
        "There is some rhetoric about data annotation creating opportunities for people who "
        "need flexibility, or need to work from home."
    )
    assert _polarity(text, "flexibility", "en", "Flexibility") == "Hedged"
    assert _polarity(text, "from home", "en", "HomeWorking") == "Hedged"


def test_what_a_demonstrative_points_back_to_is_outside_the_doubt_of_its_clause() -> None:
    text = (
        "Comme David, ils seraient près de 100 000 Malgaches à participer à cette économie "
        "invisible : celle de l'annotation de données."
    )
    assert _polarity(text, "invisible", "fr", "Invisibility") == "Asserted"
    # without the demonstrative, the conditional hedges what it says
    text = "Le microtravail pourrait rester invisible."
    assert _polarity(text, "invisible", "fr", "Invisibility") == "Hedged"


def test_a_clause_of_cause_keeps_its_hedges_to_itself() -> None:
    text = (
        "Le travail d'annotation a été très attractif pour les migrants précisément parce qu'il "
        "était perçu comme ayant très peu de barrières d'accès."
    )
    assert _polarity(text, "migrants", "fr", "MigrationPressure") == "Asserted"
    text = "Le travail d'annotation est perçu comme une chance pour les migrants."
    assert _polarity(text, "migrants", "fr", "MigrationPressure") == "Hedged"
