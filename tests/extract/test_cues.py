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


INDEX = Entry(
    "index value",
    "IndexValue",
    ("index", "indice"),
    kind="indicator",
    langs=(("index", "en"), ("indice", "fr")),
)
UNTAGGED = Entry("gig work", "GigWork", ("gig",), kind="topic", langs=(("gig", ""),))


@pytest.mark.parametrize("lemmatized", [True, False])
def test_a_cue_is_looked_for_only_in_text_of_its_language(lemmatized: bool) -> None:
    # "indice" and "indicated" share the key "indic": the French cue must not meet English
    matcher = CueMatcher([INDEX, UNTAGGED], lemmatize if lemmatized else None)
    assert found(matcher, "As indicated, the index rose.", "en") == [("index", "index value")]
    assert found(matcher, "L'indice a progressé.", "fr") == [("indice", "index value")]
    assert found(matcher, "Une étude indexée.", "fr") == []
    # an untagged label is looked for in both languages
    assert found(matcher, "A gig pays little.", "en") == [("gig", "gig work")]
    assert found(matcher, "Un gig paie peu.", "fr") == [("gig", "gig work")]


def test_ontology_entries_keep_each_label_s_language(ontology: Graph) -> None:
    entries = {e.key: e for e in ontology_entries(ontology)}
    change = entries["revenue change"]
    assert "revenue" in change.names_in("en")
    assert "revenue" not in change.names_in("fr")
    assert "chiffre d'affaires" in change.names_in("fr")
    assert "chiffre d'affaires" not in change.names_in("en")
    # an entry with no recorded languages (the actors' list) is looked for in every language
    assert ENTRIES[0].names_in("fr") == list(ENTRIES[0].names)


def test_french_articles_are_no_english_difference_word() -> None:
    # the English direction cue "less", lemmatised, was the key of the French "les"
    resources = Resources()
    doc = nlp.analyse(["Les travailleurs gagnent moins que les autres."], "fr")[0]
    hits = [doc.text[h.start : h.end].lower() for h in resources.directions.find(doc, "fr")]
    assert "les" not in hits


def test_english_revenue_is_a_revenue_change_not_french_income() -> None:
    # "revenue" (en) and "revenus" (fr, monthly income) share the key "revenu"
    resources = Resources()
    doc = nlp.analyse(["Revenue rose 10% last year."], "en")[0]
    hits = [h.entry.key for h in resources.indicators.find(doc, "en")]
    assert hits == ["revenue change"]
    french = nlp.analyse(["Ses revenus étaient de 300 euros par mois."], "fr")[0]
    assert "monthly income" in {h.entry.key for h in resources.indicators.find(french, "fr")}


def test_an_english_petition_cue_does_not_meet_french_words() -> None:
    # lemmatised by the French pipeline, the English "petition" was keyed "petit"; only the
    # French cues are looked for in French text now
    resources = Resources()
    entry = next(e for e in resources._cue_entries if e.key == "number of signatories")
    french_keys = {n for n in entry.names_in("fr")}
    assert "petition" not in french_keys and "signé la pétition" in french_keys
    # nor does a French "pétition" alone, keyed "petit" as "une petite équipe" is
    assert "pétition" not in french_keys
