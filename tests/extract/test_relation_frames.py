"""`labourgraph.extract.relation_frames`: the clause and the link by which a name hangs on
its verb, read from the parse (sentences written for the tests)."""

from __future__ import annotations

import spacy

from labourgraph.extract import nlp
from labourgraph.extract.relation_frames import SUBJECT, attachment, in_phrase_of, root


def _root(text: str, words: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    doc = nlp.analyse([text], lang)[0]
    start = text.index(words)
    token = root(doc, start, start + len(words))
    assert token is not None
    return token


def test_a_subject_and_an_oblique_of_one_verb() -> None:
    text = "Tasklane recorded two hours, and Mia Chen transcribes audio through Gigwise."
    subject = attachment(_root(text, "Tasklane"))
    assert subject.verb is not None and subject.verb.text == "recorded"
    assert subject.link in SUBJECT
    oblique = attachment(_root(text, "Gigwise"))
    assert oblique.verb is not None and oblique.verb.text == "transcribes"
    assert oblique.link not in SUBJECT


def test_a_verb_is_its_own_clause() -> None:
    text = "Sofia annotates images for the platform Annotix."
    assert attachment(_root(text, "annotates")).link == "self"


def test_a_word_in_the_noun_phrase_of_a_name() -> None:
    text = "Tasquo, an annotation platform based in Rotterdam, pays its workers late."
    doc = nlp.analyse([text], "en")[0]
    at = text.index
    task = root(doc, at("annotation"), at("annotation") + len("annotation"))
    platform = root(doc, at("Tasquo"), at("Tasquo") + len("Tasquo"))
    assert task is not None and platform is not None
    assert in_phrase_of(task, platform)
    assert not in_phrase_of(platform, task)


def test_no_parse_no_root() -> None:
    doc = spacy.blank("en")("Mia Chen works for Tasklane.")
    assert root(doc, 0, 8) is None
