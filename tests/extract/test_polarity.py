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
            "Ce qui rend très difficile toute organisation collective des travailleurs.",
            "organisation collective",
            "fr",
            "CollectiveOrganisation",
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
            "Cela peut générer pas mal de frustration chez les annotateurs.",
            "frustration",
            "fr",
            "PsychosocialRisk",
            "Asserted",
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
