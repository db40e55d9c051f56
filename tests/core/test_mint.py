"""`labourgraph.core.mint`: IRIs are a pure function of type and label, readable and valid."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from labourgraph.core import mint
from labourgraph.core.vocab import PLD

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# RFC 3987 forbids these in an IRI; rdflib only warns, so the test checks them itself
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def test_slug_folds_accents_apostrophes_and_case() -> None:
    assert mint.slug("Télécom Paris") == "telecom-paris"
    assert mint.slug("Foule Factory") == "foule-factory"
    assert mint.slug("Óscar Maldonado") == "oscar-maldonado"
    assert mint.slug("L’Œuvre d'Art") == mint.slug("l'oeuvre d’art") == "l-oeuvre-d-art"
    assert mint.slug("  TÉLÉCOM   PARIS!! ") == "telecom-paris"


def test_slug_of_nothing_readable_is_never_empty() -> None:
    assert mint.slug("---") == "x"
    assert mint.slug("") == "x"


def test_slug_is_cut_at_its_maximum_length_without_a_trailing_hyphen() -> None:
    value = mint.slug("abcd " * 40, max_length=12)
    assert value == "abcd-abcd-ab"
    assert mint.slug("abcd efgh", max_length=5) == "abcd"


@settings(max_examples=200)
@given(st.text())
def test_slug_is_safe_nonempty_and_idempotent(label: str) -> None:
    value = mint.slug(label)
    assert SLUG.fullmatch(value) or value == "x", value
    assert value and not value.startswith("-") and not value.endswith("-")
    assert len(value) <= 80
    assert mint.slug(value) == value


def test_iris_are_deterministic_and_follow_the_graph_model() -> None:
    assert mint.entity_iri("organisation", "Foule Factory") == URIRef(
        str(PLD) + "organisation/foule-factory"
    )
    assert mint.entity_iri("person", "Óscar Maldonado") == mint.entity_iri(
        "person", "oscar maldonado"
    )
    assert mint.document_iri("003_x") == PLD["document/003_x"]
    assert mint.part_iri("001_x", 2) == PLD["document/001_x/part-2"]
    assert mint.evidence_iri("003_x", 421, 437) == PLD["evidence/003_x/421-437"]
    s, p, o = PLD["person/a"], URIRef("urn:p"), PLD["organisation/b"]
    axiom = mint.axiom_iri(s, p, o)
    assert axiom == mint.axiom_iri(s, p, o)
    assert re.fullmatch(re.escape(str(PLD)) + r"axiom/[0-9a-f]{16}", str(axiom))
    assert mint.axiom_iri(o, p, s) != axiom


def test_keyed_iris_differ_by_content_and_not_by_call() -> None:
    first = mint.keyed_iri("observation", "56 % — share of women", "ShareOfWomen", 56)
    assert first == mint.keyed_iri("observation", "56 % — share of women", "ShareOfWomen", 56)
    assert first != mint.keyed_iri("observation", "56 % — share of women", "ShareOfWomen", 57)
    assert re.fullmatch(
        re.escape(str(PLD)) + r"observation/56-share-of-women-[0-9a-f]{8}", str(first)
    )


@settings(max_examples=200)
@given(st.sampled_from(["organisation", "person", "place", "task-type"]), st.text())
def test_minted_iris_are_valid(kind: str, label: str) -> None:
    iri = str(mint.entity_iri(kind, label))
    assert iri.startswith(str(PLD) + kind + "/")
    assert not IRI_FORBIDDEN.search(iri)
    assert iri.isascii()
    assert iri == str(mint.entity_iri(kind, label))


def _fold_whole(text: str) -> str:
    """Folding as defined: NFKD, combining marks dropped, apostrophes plain, casefold."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("’", "'").replace("ʼ", "'").replace("‘", "'").casefold()


_TRICKY = "aAzZ '’ʼ‘-éÉèçœÅİßﬁＡΣσꭰ\u0301\u0327ñÑ1.\n"


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=90) | st.text())
def test_fold_by_runs_is_the_fold_of_the_whole_text(text: str) -> None:
    assert mint.fold(text) == _fold_whole(text)
    assert mint._fold(text) == _fold_whole(text)  # past the cached length too


def test_an_evidence_iri_reads_back_as_its_span() -> None:
    for doc_id, start, end in [("003_x", 421, 437), ("a-b_c", 0, 7)]:
        iri = mint.evidence_iri(doc_id, start, end)
        assert str(iri) == str(PLD) + mint.evidence_path(doc_id, start, end)
        assert mint.evidence_span(str(iri)) == (doc_id, start, end)
