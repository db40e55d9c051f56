"""`labourgraph.extract.lexicon`: known names found whatever their accents, case or alias, and
only as whole, capitalised words, at offsets into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labourgraph.core.mint import fold
from labourgraph.core.rdfio import load_graph
from labourgraph.extract.lexicon import (
    Entry,
    Lexicon,
    folded_with_map,
    load_actors,
    ontology_entries,
)

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "platform-labour.ttl"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon(load_actors())


def keys(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.entry.key) for h in lexicon.find(text)]


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        ("Il enseigne à Télécom ParisTech depuis 2009.", "Télécom ParisTech", "Télécom Paris"),
        ("IL ENSEIGNE À TELECOM PARISTECH.", "TELECOM PARISTECH", "Télécom Paris"),
        ("Telecom Paris, école d'ingénieurs", "Telecom Paris", "Télécom Paris"),
        (
            "Workers on Mechanical Turk are paid per task.",
            "Mechanical Turk",
            "Amazon Mechanical Turk",
        ),
        ("Sur MTurk, les tâches durent peu.", "MTurk", "Amazon Mechanical Turk"),
        ("La plateforme Wirk recrute.", "Wirk", "Foule Factory"),
        ("Foule Factory, à Paris", "Foule Factory", "Foule Factory"),
        ("l’Appen australienne", "Appen", "Appen"),
    ],
)
def test_known_names_and_aliases_meet_their_entry(
    lexicon: Lexicon, text: str, surface: str, key: str
) -> None:
    assert (surface, key) in keys(lexicon, text)


def test_aliases_carry_the_entry_class(lexicon: Lexicon) -> None:
    (hit,) = lexicon.find("MTurk")
    assert hit.entry.cls == "MicroworkPlatform"
    (hit,) = lexicon.find("Wirk")
    assert hit.entry.cls == "MicroworkPlatform"
    assert "Wirk" in hit.entry.names


def test_only_whole_words_match(lexicon: Lexicon) -> None:
    assert keys(lexicon, "Appending rows to the table") == []
    assert keys(lexicon, "Appeners and Wirkung") == []
    assert keys(lexicon, "(Appen)") == [("Appen", "Appen")]


def test_proper_names_must_be_capitalised(lexicon: Lexicon) -> None:
    assert keys(lexicon, "un jus d'orange et une pomme") == []
    assert keys(lexicon, "they told us about it") == []
    assert ("Orange", "Orange") in keys(lexicon, "Le groupe Orange a répondu.")
    assert ("US", "United States") in keys(lexicon, "in the US today")


def test_longest_leftmost_match_wins(lexicon: Lexicon) -> None:
    assert keys(lexicon, "Amazon Mechanical Turk") == [
        ("Amazon Mechanical Turk", "Amazon Mechanical Turk")
    ]


def test_offsets_are_code_points_of_the_original_text(lexicon: Lexicon) -> None:
    text = "Œuvre — « Télécom ParisTech » et ﬁn : Wirk."
    for hit in lexicon.find(text):
        assert fold(text[hit.start : hit.end]) in {fold(n) for n in hit.entry.names}
    assert [text[h.start : h.end] for h in lexicon.find(text)] == ["Télécom ParisTech", "Wirk"]


def test_empty_lexicon_finds_nothing() -> None:
    assert Lexicon([]).find("Appen") == []


def test_first_entry_keeps_a_shared_spelling() -> None:
    first = Entry("Alpha", "Company", ("Alpha", "Shared"))
    second = Entry("Beta", "Company", ("Beta", "Shared"))
    assert [h.entry.key for h in Lexicon([first, second]).find("Shared")] == ["Alpha"]


@pytest.fixture(scope="session")
def cue_entries() -> list[Entry]:
    return ontology_entries(load_graph(ONTOLOGY))


def test_ontology_entries_are_the_cue_labels(cue_entries: list[Entry]) -> None:
    assert {"task", "ai", "indicator"} <= {e.kind for e in cue_entries}
    women = [e for e in cue_entries if e.cls == "ShareOfWomen"]
    assert women and women[0].kind == "indicator"
    assert all(e.iri is not None and e.names for e in cue_entries)


def test_topics_typed_by_a_subclass_of_topic_are_cues(cue_entries: list[Entry]) -> None:
    unpaid = [e for e in cue_entries if e.cls == "UnpaidTime"]
    assert unpaid and unpaid[0].kind == "topic"
    assert "pas rémunéré" in unpaid[0].names


@settings(max_examples=200)
@given(st.text())
def test_folded_map_points_each_folded_char_at_its_origin(text: str) -> None:
    folded, origin = folded_with_map(text)
    assert len(folded) == len(origin)
    assert origin == sorted(origin)
    for index, char in enumerate(folded):
        assert 0 <= origin[index] < len(text)
        assert char in fold(text[origin[index]])


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("aAzZ '’-éÉèçœÆİßﬁ\u0301ñÑ1.\n"), max_size=60) | st.text())
def test_folding_is_character_by_character(text: str) -> None:
    # each character folds alone (ASCII runs in bulk, the rest one by one): the whole is the
    # concatenation of the characters' folds, each mapped to its own index
    folded, origin = folded_with_map(text)
    assert folded == "".join(fold(char) for char in text)
    assert origin == [i for i, char in enumerate(text) for _ in fold(char)]


_NAMES = ["Appen", "Wirk", "Mechanical Turk", "Télécom ParisTech", "MTurk", "Clickworker"]


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(st.sampled_from(_NAMES), st.text(max_size=8)),
        max_size=8,
    ),
    st.sampled_from([" ", "\n", "’", " « ", "\u00a0", "-"]),
)
def test_find_never_raises_and_spans_slice_the_text(
    lexicon: Lexicon, parts: list[str], sep: str
) -> None:
    text = sep.join(parts)
    for hit in lexicon.find(text):
        assert 0 <= hit.start < hit.end <= len(text)
        slice_ = fold(text[hit.start : hit.end])
        assert any(fold(name) in slice_ for name in hit.entry.names), (text, hit)


@settings(max_examples=100)
@given(
    st.sampled_from(_NAMES),
    st.sampled_from(["", "Le ", "sur ", "« "]),
    st.sampled_from(["", ".", " »", ", "]),
)
def test_a_known_name_between_word_boundaries_is_always_found(
    lexicon: Lexicon, name: str, before: str, after: str
) -> None:
    text = before + name + after
    assert (name, lexicon.find(name)[0].entry.key) in keys(lexicon, text)
