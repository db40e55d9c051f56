"""Whether a statement is said at all: asserted, denied or hedged, from the words of its clause.

A topic cue is not a statement by itself: "il n'existe pas de contrat" denies what "sans
contrat" asserts, and "le travail pourrait devenir précaire" only hedges. The clause around
the cue (bounded by punctuation and by "mais" / "but") is read for the negation and hedge
words of the ontology (the hidden labels of `plo:Denied` and `plo:Hedged`), outside the cue's
own words, since a cue may carry its negation ("sans contrat" is the topic NoContract).
Negation counts only near the cue (a few words either side, inside the clause), where it can
bear on it. A topic that names an absence ("no contract", "unpaid time": its English label
says "no" or "unpaid") is confirmed, not denied, by a negation: "ils ne signent pas de contrat"
asserts NoContract. A French verb in the conditional ("pourrait", "seraient") hedges, and so
does a question, and so does a hedge verb that introduces the cue's clause earlier in the
sentence, however far: "il semble que … [cue]", "Il estime que … [cue]". Negation wins over
hedging: "il ne pourrait pas" denies.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from spacy.tokens import Doc, Token

from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import stem

ASSERTED, DENIED, HEDGED = "Asserted", "Denied", "Hedged"

_BOUNDARY_PUNCT = frozenset(",;:()[]—–")
_BOUNDARY_WORDS = frozenset({"mais", "but", "cependant", "however", "whereas", "tandis"})


_BEFORE = 5
"""Tokens before a cue where a negation bears on it ("ne signent pas de contrat")."""
_AFTER = 3
"""Tokens after it ("les tâches ne sont pas payées": the cue "payées" comes last)."""
_NOT_NEGATIONS = ("pas mal",)
"""Phrases made of negation words that negate nothing ("pas mal de frustration": a lot)."""


@dataclass(frozen=True)
class PolarityCues:
    """The ontology's negation and hedge words (folded), and the topics that name an absence."""

    denied: frozenset[str]
    hedged: frozenset[str]
    absences: frozenset[str] = frozenset()

    @cached_property
    def hedge_stems(self) -> frozenset[str]:
        """The one-word hedges by stem, made once ("estime" meets "estimer")."""
        return frozenset(stem(w) for w in self.hedged if " " not in w)

    @classmethod
    def from_ontology(cls, ontology: Graph) -> PolarityCues:
        def words(term: URIRef) -> frozenset[str]:
            return frozenset(fold(str(o)) for o in ontology.objects(term, SKOS.hiddenLabel))

        absences = frozenset(
            str(topic)
            for topic, label in ontology.subject_objects(RDFS.label)
            if isinstance(label, Literal)
            and label.language == "en"
            and str(label).startswith(("no ", "unpaid ", "lack of "))
        )
        return cls(words(PLO.Denied), words(PLO.Hedged), absences)


def _clause(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of the clause holding the characters start..end."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or not len(span):
        return []
    tokens = list(span[0].sent)
    index = span[0].i - tokens[0].i
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


def _says(tokens: list[Token], cues: frozenset[str], ignore: tuple[str, ...] = ()) -> bool:
    """Whether `tokens` hold one of the folded cue words (as written or as a lemma) or cue
    phrases, once the `ignore` phrases are taken out."""
    texts = [fold(t.text) for t in tokens]
    phrase = " " + " ".join(texts) + " "
    for idiom in ignore:
        phrase = phrase.replace(f" {idiom} ", " ")
    kept = set(phrase.split())
    found = kept | {fold(t.lemma_) for t, text in zip(tokens, texts, strict=True) if text in kept}
    return bool(found & cues) or any(f" {c} " in phrase for c in cues if " " in c)


def polarity_of(doc: Doc, cue_start: int, cue_end: int, cues: PolarityCues, topic: str = "") -> str:
    """`ASSERTED`, `DENIED` or `HEDGED` for the statement whose cue is text[cue_start:cue_end]
    and whose topic is the IRI `topic`."""
    clause = _clause(doc, cue_start, cue_end)
    before = [t for t in clause if t.idx + len(t) <= cue_start][-_BEFORE:]
    after = [t for t in clause if t.idx >= cue_end][:_AFTER]
    if _says(before + after, cues.denied, _NOT_NEGATIONS) and topic not in cues.absences:
        return DENIED
    outside = [t for t in clause if t.idx + len(t) <= cue_start or t.idx >= cue_end]
    conditional = any("Cnd" in t.morph.get("Mood", []) for t in outside)
    question = bool(clause) and clause[-1].sent[-1].text == "?"
    if conditional or question or _says(outside, cues.hedged):
        return HEDGED
    if _reported(doc, cue_start, cues):
        return HEDGED
    return ASSERTED


_COMPLEMENTIZERS = frozenset({"que", "qu'", "that"})


def _reported(doc: Doc, cue_start: int, cues: PolarityCues) -> bool:
    """Whether the cue stands in a clause that a hedge verb introduces earlier in its sentence
    ("il semble que …", "Il estime que …", "platforms claim that …"), however far the cue: a
    hedge word followed within three words by "que" / "that". (The pipeline has no dependency
    parser, for speed; this is the construction the parse would show.)"""
    span = doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sentence = span[0].sent
    before = [t for t in sentence if t.idx < cue_start]
    hedges = cues.hedge_stems
    for index, token in enumerate(before):
        if fold(token.text) not in _COMPLEMENTIZERS:
            continue
        # by stem: "estime" is a form of "estimer" whatever the lemmatiser says
        words = before[max(0, index - 3) : index]
        if any(stem(t.text) in hedges or stem(t.lemma_ or t.text) in hedges for t in words):
            return True
    return False
