"""Whether a statement is said at all: asserted, denied or hedged, from the words of its clause.

A topic cue is not a statement by itself: "il n'existe pas de contrat" denies what "sans
contrat" asserts, and "le travail pourrait devenir précaire" only hedges. The clause around
the cue (bounded by punctuation and by "mais" / "but") is read for the negation and hedge
words of the ontology (the hidden labels of `plo:Denied` and `plo:Hedged`), outside the cue's
own words, since a cue may carry its negation ("sans contrat" is the topic NoContract). A
French verb in the conditional ("pourrait", "seraient") hedges, and so does a question.
Negation wins over hedging: "il ne pourrait pas" denies.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import SKOS
from spacy.tokens import Doc, Token

from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO

ASSERTED, DENIED, HEDGED = "Asserted", "Denied", "Hedged"

_BOUNDARY_PUNCT = frozenset(",;:()[]—–")
_BOUNDARY_WORDS = frozenset({"mais", "but", "cependant", "however", "whereas", "tandis"})


@dataclass(frozen=True)
class PolarityCues:
    """The ontology's negation and hedge words, folded, split into single words and phrases."""

    denied: frozenset[str]
    hedged: frozenset[str]

    @classmethod
    def from_ontology(cls, ontology: Graph) -> PolarityCues:
        def words(term: object) -> frozenset[str]:
            return frozenset(
                fold(str(o)) for o in ontology.objects(term, SKOS.hiddenLabel)  # type: ignore[arg-type]
            )

        return cls(words(PLO.Denied), words(PLO.Hedged))


def _clause(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of the clause holding the characters start..end."""
    first = next((t for t in doc if t.idx <= start < t.idx + len(t) + 1), None)
    if first is None:
        return []
    sentence = first.sent
    tokens = list(sentence)
    index = tokens.index(first)
    left = index
    while left > 0 and not _is_boundary(tokens[left - 1]):
        left -= 1
    right = index
    while right + 1 < len(tokens) and (
        tokens[right + 1].idx < end or not _is_boundary(tokens[right + 1])
    ):
        right += 1
    return tokens[left : right + 1]


def _is_boundary(token: Token) -> bool:
    return token.text in _BOUNDARY_PUNCT or token.lower_ in _BOUNDARY_WORDS


def polarity_of(doc: Doc, cue_start: int, cue_end: int, cues: PolarityCues) -> str:
    """`ASSERTED`, `DENIED` or `HEDGED` for the statement whose cue is text[cue_start:cue_end]."""
    clause = _clause(doc, cue_start, cue_end)
    outside = [t for t in clause if t.idx + len(t) <= cue_start or t.idx >= cue_end]
    words = {fold(t.text) for t in outside} | {fold(t.lemma_) for t in outside}
    phrase = " " + " ".join(fold(t.text) for t in outside) + " "
    if words & cues.denied or any(f" {c} " in phrase for c in cues.denied if " " in c):
        return DENIED
    conditional = any("Cnd" in t.morph.get("Mood") for t in outside)
    question = any(t.text == "?" for t in clause[-1:]) or (
        bool(clause) and clause[-1].sent[-1].text == "?"
    )
    if (
        conditional
        or question
        or words & cues.hedged
        or any(f" {c} " in phrase for c in cues.hedged if " " in c)
    ):
        return HEDGED
    return ASSERTED
