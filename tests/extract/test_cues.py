"""`labourgraph.extract.cues`: the ontology's cue labels found in text whatever their inflection."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDFS

from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.cues import CueMatcher, stem, task_uses
from labourgraph.extract.document import Resources
from labourgraph.extract.lexicon import Entry, ontology_entries

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "platform-labour.ttl"
ENTRIES = [
    Entry("transcription", "Transcription", ("retranscrire", "transcribe"), kind="task"),
    Entry("annotation", "AnnotationTask", ("annoter", "annotate"), kind="task"),
    Entry("labelling", "DataLabelling", ("label",), kind="task"),
    Entry("voice", "VoiceRecording", ("enregistrer sa voix", "record their voice"), kind="task"),
]


def lemmatize(name: str) -> list[tuple[str, str]]:
    return [(t.text, t.lemma_) for t in nlp.pipeline("fr")(name)]


@pytest.fixture(scope="session")
def matcher() -> CueMatcher:
    return CueMatcher(ENTRIES, lemmatize)


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return load_graph(ONTOLOGY)


def found(matcher: CueMatcher, text: str, lang: str) -> list[tuple[str, str]]:
    doc = nlp.pipeline(lang)(text)
    return [(text[h.start : h.end], h.entry.key) for h in matcher.find(doc, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Ils retranscrivaient des conversations.", "fr", [("retranscrivaient", "transcription")]),
        ("Les images annotées sont vendues.", "fr", [("annotées", "annotation")]),
        ("Elle annote des photos.", "fr", [("annote", "annotation")]),
        ("They do data labelling for cars.", "en", [("labelling", "labelling")]),
        ("She labels images.", "en", [("labels", "labelling")]),
        ("They annotated the clips and transcribed them.", "en",
         [("annotated", "annotation"), ("transcribed", "transcription")]),
    ],
)  # fmt: skip
def test_inflected_forms_meet_their_cue(
    matcher: CueMatcher, text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text, lang) == expected


def test_multi_word_cues_match_as_a_whole_and_only_in_order(matcher: CueMatcher) -> None:
    assert found(matcher, "Elle enregistre sa voix chaque soir.", "fr") == [
        ("enregistre sa voix", "voice")
    ]
    assert found(matcher, "They record their voice at home.", "en") == [
        ("record their voice", "voice")
    ]
    assert found(matcher, "Sa voix, elle l'enregistre le soir.", "fr") == []
    assert found(matcher, "They record music.", "en") == []


def test_unrelated_words_and_short_prefixes_do_not_match(matcher: CueMatcher) -> None:
    assert found(matcher, "Il annonce des résultats, la table est labile.", "fr") == []
    assert found(matcher, "Annual reports were translated.", "en") == []


def test_stem_joins_inflections_and_keeps_short_words() -> None:
    assert stem("labelling") == stem("label") == stem("labels")
    assert stem("annotées") == stem("annoter") == stem("annotated")
    assert stem("voix") == "voix"


def test_a_matcher_without_entries_finds_nothing() -> None:
    doc = nlp.pipeline("fr")("Ils annotent des images.")
    assert CueMatcher([], lemmatize).find(doc, "fr") == []


def test_ontology_task_cues_are_tied_to_the_three_functions(ontology: Graph) -> None:
    tasks = [e for e in ontology_entries(ontology) if e.kind == "task"]
    assert len(tasks) >= 10
    functions = set()
    for entry in tasks:
        for parent in ontology.transitive_objects(entry.iri, RDFS.subClassOf):
            if ontology.value(parent, OWL.onProperty) == PLO.servesFunction:
                functions.add(ontology.value(parent, OWL.hasValue))
    assert {PLO.Preparation, PLO.Verification, PLO.Imitation} <= functions


def test_ontology_cues_find_french_and_english_task_types(ontology: Graph) -> None:
    entries = [e for e in ontology_entries(ontology) if e.kind in ("task", "ai")]
    matcher = CueMatcher(entries, lemmatize)
    french = found(matcher, "Ils étiquettent des images et modèrent des contenus.", "fr")
    classes = {e.cls for e in entries for surface, key in french if e.key == key}
    assert {"ImageAnnotation", "ContentModeration"} <= classes
    english = [
        h.entry.cls for h in matcher.find(nlp.pipeline("en")("Workers transcribe audio."), "en")
    ]
    assert "AudioTranscription" in english


@pytest.mark.parametrize(
    ("text", "cls", "kept"),
    [
        # a verb cue read as the noun of a thing is no task
        ("D'un clic, elle classe un film par genre.", "VideoRecording", False),
        ("L'application produit des identifiants éphémères.", "ImageAnnotation", False),
        # … nor a verb whose object is people
        ("Mercor identifie des travailleurs qualifiés.", "ImageAnnotation", False),
        # the verb with things as its object is the task, and so is the noun of the action
        ("Ils doivent identifier des objets sur une image.", "ImageAnnotation", True),
        ("Des fichiers audio sont retranscrits par les employés.", "AudioTranscription", True),
        ("Ils réalisent des évaluations de tâches.", "ModelEvaluation", True),
    ],
)
def test_task_uses_keeps_tasks_being_done(text: str, cls: str, kept: bool) -> None:
    resources = Resources()
    doc = nlp.analyse([text], "fr")[0]
    hits = [h for h in resources.things.find(doc, "fr") if h.entry.cls == cls]
    assert hits, "the cue is found"
    assert bool(task_uses(doc, hits, resources.people.stems)) is kept
