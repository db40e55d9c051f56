"""`labourgraph.extract.frames`: a figure's frame from the dependency parse, and the
pipelines that give it (the parser run last, inside the sentences `senter` and
`fix_sentences` set). All sentences here are written for the tests."""

from __future__ import annotations

import pytest
import spacy

from labourgraph.extract import nlp
from labourgraph.extract.document import Resources, extract
from labourgraph.extract.frames import Frame, conjuncts_of, frame_of, has_parse
from labourgraph.extract.nlp import sentence_spans, tokens_of


def _frame(text: str, figure: str, lang: str) -> Frame | None:
    tokens = tokens_of(nlp.analyse([text], lang)[0])
    start = text.index(figure)
    return frame_of(tokens, [t.idx for t in tokens], start, start + len(figure))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_parser_runs_last_and_keeps_our_sentences(lang: str) -> None:
    names = nlp.pipeline(lang).pipe_names
    assert names[-2:] == ["labourgraph_sentences", "labourgraph_parse"]
    assert "parser" not in names  # run by labourgraph_parse, not in its place
    text = (
        "Oskarina Fuentes gagne 2 dollars de l'heure.\nElle travaille la nuit."
        if lang == "fr"
        else "Oskarina Fuentes earns $2 an hour.\nShe works at night."
    )
    doc = nlp.analyse([text], lang)[0]
    assert doc.has_annotation("DEP")
    # the line break ends a sentence (fix_sentences), and no arc crosses it
    spans = sentence_spans(doc)
    assert text.index("\n") + 1 in [start for start, _ in spans]
    for token in doc:
        inside = next(s for s in spans if s[0] <= token.idx < s[1])
        assert inside[0] <= token.head.idx < inside[1]


def test_sentences_are_those_of_the_pipeline_without_the_parser() -> None:
    text = (
        "Selon l'enquête, 40 % des annotateurs gagnent moins de 2 dollars. Ces modérateurs de "
        "Tik Tok travaillent la nuit.\nIls sont 300 à Nairobi."
    )
    with_parse = nlp.analyse([text], "fr")[0]
    bare = spacy.load(nlp.french_model(), exclude=["parser"])
    bare.enable_pipe("senter")
    bare.add_pipe("labourgraph_sentences", last=True)
    without = bare(text)
    assert [(s.start_char, s.end_char) for s in without.sents] == sentence_spans(with_parse)


def test_the_subject_of_the_verb_governing_a_figure() -> None:
    frame = _frame("Klarna a licencié 40 % de ses effectifs.", "40 %", "fr")
    assert frame is not None and frame.subject is not None
    assert frame.subject.text == "Klarna"
    assert frame.verb is not None and frame.verb.lemma_ == "licencier"
    assert frame.counted is not None and frame.counted.head.text == "effectifs"


def test_the_subject_through_a_relative_clause_and_a_passive() -> None:
    frame = _frame("Estimates show she is owed $25,000.", "$25,000", "en")
    assert frame is not None and frame.subject is not None
    assert frame.subject.text == "she" and frame.subject.is_pronoun
    frame = _frame("Ce sont des annotateurs qui gagnent 21 euros par mois.", "21 euros", "fr")
    assert frame is not None and frame.subject is not None
    assert frame.subject.head.text == "annotateurs"  # "qui" stands for the noun above


def test_each_conjunct_of_a_coordinated_subject() -> None:
    frame = _frame("Fiverr and Upwork take 20 % of fees.", "20 %", "en")
    assert frame is not None and frame.subject is not None
    assert frame.subject.text == "Fiverr"
    assert [c.text for c in frame.conjuncts] == ["Upwork"]
    assert frame.counted is not None and frame.counted.text == "fees"


def test_the_modifiers_of_the_subject() -> None:
    frame = _frame("Au Kenya, les modérateurs de Sama gagnent 2 dollars de l'heure.", "2", "fr")
    assert frame is not None and frame.subject is not None
    assert frame.subject.head.text == "modérateurs"
    assert [m.text for m in frame.modifiers] == ["Sama"]


def test_a_figure_inside_the_subject_has_no_other_subject() -> None:
    frame = _frame("In one week, 339 members joined the association.", "339", "en")
    assert frame is not None
    assert frame.figure_is_subject and frame.subject is None
    assert frame.counted is not None and frame.counted.head.text == "members"


def test_a_figure_hung_on_another_noun_takes_no_subject_from_above_it() -> None:
    # "Dizon is one of 4,500 workers": Dizon is not the subject of the count
    frame = _frame("Dizon is one of an estimated 4,500 workers in the country.", "4,500", "en")
    assert frame is not None and frame.subject is None and not frame.figure_is_subject


def test_no_frame_without_a_parse() -> None:
    blank = spacy.blank("en")
    doc = blank("Workers earn $2 an hour.")
    tokens = list(doc)
    assert not has_parse(tokens)
    assert frame_of(tokens, [t.idx for t in tokens], 13, 15) is None


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources()


def test_a_pronoun_subject_names_the_person_the_sentence_before_is_about(
    resources: Resources,
) -> None:
    # the last person named (a union's secretary) is not who "elle" is: the subject of the
    # sentence before is
    text = (
        "Mirana Rasoa annote des images à Antananarivo. Sa collègue Hanta Rabe, secrétaire "
        "du syndicat, réclame des contrats.\n\nLe soir, Mirana éteint son écran. Elle a "
        "annoté 2 400 images."
    )
    doc = nlp.analyse([text], "fr")[0]
    facts = extract("test", doc, "fr", resources)
    figure = next(o for o in facts.observations if o.value == 2400)
    assert figure.person is not None and figure.person.key == "Mirana Rasoa"


def test_the_parsed_subject_is_the_organisation_of_a_figure(resources: Resources) -> None:
    # the nearest organisation before the figure is the client, not the subject
    text = "Appen, qui travaille pour Google, a licencié 40 % de ses effectifs en 2023."
    doc = nlp.analyse([text], "fr")[0]
    facts = extract("test", doc, "fr", resources)
    figure = next(o for o in facts.observations if o.unit == "percent")
    assert figure.organisation is not None and figure.organisation.key == "Appen"


def test_the_conjuncts_of_a_modifier() -> None:
    frame = _frame("Les revenus de Fiverr et d'Upwork ont baissé de 14 %.", "14 %", "fr")
    assert frame is not None and frame.subject is not None
    assert frame.subject.text == "Les revenus"
    fiverr = next(g for g in frame.modifiers if g.text == "Fiverr")
    assert [c.text for c in conjuncts_of(fiverr)] == ["Upwork"]
    assert conjuncts_of(frame.subject) == ()


def test_a_first_conjunct_the_parse_took_for_the_root_is_a_conjunct_still() -> None:
    # the small French model reads "Appen" as the root and "licencié" as its conjunct
    frame = _frame("Appen et Sama ont licencié 30 % de leurs effectifs.", "30 %", "fr")
    assert frame is not None and frame.subject is not None
    assert {frame.subject.text, *(c.text for c in frame.conjuncts)} == {"Appen", "Sama"}
    # a verb coordinated with a clause whose subject stands apart keeps one subject
    frame = _frame("Appen recrute, et Sama a licencié 30 % de ses effectifs.", "30 %", "fr")
    assert frame is not None and frame.subject is not None
    assert frame.subject.text == "Sama" and frame.conjuncts == ()
