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

Some negations are not: "n'importe où" (anywhere), "ne … que" (only: "il ne versait que 10
dollars" asserts low pay), and the "ne" that completes a cue's own negative ("il n'y aura plus
de tâches" is the cue "plus de tâches", not its denial). Some denials are not negation words
but predicates over the whole clause, however far from the cue: "the flexibility …, thus,
quite illusory", "ce qui rend très difficile … toute forme d'organisation collective". They
are the alternative labels of `plo:Denied`, read across the sentence up to a contrast ("mais",
"but"; "mais aussi" adds, it does not contrast): one that starts with a verb ("rend
difficile") denies what follows it, any other ("illusoire") what precedes it. Likewise the
alternative labels of `plo:Hedged` are words of allegation that put the whole sentence in
doubt ("sur des soupçons de violations …, de conditions traumatisantes et de bas salaires").
A hard-wrapped text (a line break inside a sentence) is read with its wrapped lines joined
back.
"""

from __future__ import annotations

from collections.abc import Callable
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
_NOT_NEGATIONS = ("pas mal", "n'importe", "ne serait-ce", "non seulement", "not only")
"""Phrases made of negation words that negate nothing ("pas mal de frustration": a lot;
"n'importe quelle heure": any hour; "non seulement … mais": not only … but)."""
_NE = frozenset({"ne", "n'"})
"""The French negative particle, which denies only with a second word ("pas", "jamais"…)."""
_NE_PARTNERS = frozenset({"pas", "plus", "jamais", "rien", "aucun", "aucune", "guere", "point"})
"""The second words of a French negation: in a cue ("plus de tâches"), the "ne" is the cue's."""
_RESTRICTIVE = frozenset({"que", "qu'"})
"""After "ne", the word of "ne … que" (only), which restricts and does not deny."""
_ADDITIVE = frozenset({"aussi", "also", "encore", "egalement"})
"""After "mais" / "but", the words that make it add ("mais aussi") rather than contrast."""


@dataclass(frozen=True)
class PolarityCues:
    """The ontology's negation and hedge words (folded), and the topics that name an absence."""

    denied: frozenset[str]
    hedged: frozenset[str]
    absences: frozenset[str] = frozenset()
    predicates: frozenset[str] = frozenset()
    """Denials over the whole clause ("illusoire", "rend difficile"): `plo:Denied`'s altLabels."""
    allegations: frozenset[str] = frozenset()
    """Doubts over the whole sentence ("soupçons", "alleges", "in a complaint"): `plo:Hedged`'s
    altLabels."""

    @cached_property
    def hedge_stems(self) -> frozenset[str]:
        """The one-word hedges by stem, made once ("estime" meets "estimer")."""
        return frozenset(stem(w) for w in self.hedged if " " not in w)

    @classmethod
    def from_ontology(cls, ontology: Graph) -> PolarityCues:
        def words(term: URIRef, prop: URIRef = SKOS.hiddenLabel) -> frozenset[str]:
            return frozenset(fold(str(o)) for o in ontology.objects(term, prop))

        absences = frozenset(
            str(topic)
            for topic, label in ontology.subject_objects(RDFS.label)
            if isinstance(label, Literal)
            and label.language == "en"
            and str(label).startswith(("no ", "unpaid ", "lack of "))
        )
        return cls(
            words(PLO.Denied),
            words(PLO.Hedged),
            absences,
            words(PLO.Denied, SKOS.altLabel),
            words(PLO.Hedged, SKOS.altLabel),
        )


def _sentence(token: Token) -> list[Token]:
    """The tokens of the sentence holding `token`, with the lines of a hard-wrapped text joined
    back: a sentence that starts in lower case continues the previous one when that one ends
    a line with no end punctuation ("… et peuvent / être rémunérés à l'heure")."""
    sentence = token.sent
    doc = token.doc
    start, end = sentence.start, sentence.end
    while start > 0 and _continues(doc[start], doc[start - 1]):
        start = doc[start - 1].sent.start
    while end < len(doc) and _continues(doc[end], doc[end - 1]):
        end = doc[end].sent.end
    return [t for t in doc[start:end] if not t.is_space]


def _continues(first: Token, last_before: Token) -> bool:
    """Whether the sentence starting at `first` is the wrapped rest of the one ending at
    `last_before`: a single line break between them, no end punctuation, lower case after."""
    gap = last_before.whitespace_ + (last_before.text if last_before.is_space else "")
    return first.text[:1].islower() and gap.count("\n") == 1 and last_before.text not in _ENDS


_ENDS = frozenset({".", "!", "?", "…", ":", "»", '"', "”"})


def clause(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of the clause holding the characters start..end (bounded by punctuation and
    contrasts): what a cue's polarity, and a weak cue's context (`scope.CueSupport`), is read
    from."""
    return _between(doc, start, end, _is_boundary)


def _is_boundary(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    return token.text in _BOUNDARY_PUNCT or fold(token.text) in _CAUSES or _contrasts(tokens, index)


_CAUSES = frozenset({"parce", "because"})
"""Words that open a clause of cause, whose negations and hedges are its own: "attractif pour
les migrants parce qu'il était perçu comme …" asserts the attraction."""


def _contrasts(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] is a contrast word ("mais", "but"), not an additive "mais aussi"."""
    following = tokens[index + 1].lower_ if index + 1 < len(tokens) else ""
    return tokens[index].lower_ in _BOUNDARY_WORDS and fold(following) not in _ADDITIVE


def _stretch(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of the sentence holding start..end, between the contrasts around it: where a
    predicate of the clause ("… est illusoire", "rend difficile …") bears on the cue."""
    return _between(
        doc, start, end, lambda tokens, i: _contrasts(tokens, i) or tokens[i].text == ";"
    )


def _between(
    doc: Doc, start: int, end: int, boundary: Callable[[list[Token], int], bool]
) -> list[Token]:
    """The tokens of the sentence holding start..end, out to the nearest `boundary` tokens
    on either side (a boundary inside start..end does not cut)."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or not len(span):
        return []
    tokens = _sentence(span[0])
    index = next((i for i, t in enumerate(tokens) if t.i == span[0].i), 0)
    left = index
    while left > 0 and not boundary(tokens, left - 1):
        left -= 1
    right = index
    while right + 1 < len(tokens) and (
        tokens[right + 1].idx < end or not boundary(tokens, right + 1)
    ):
        right += 1
    return tokens[left : right + 1]


def _says(tokens: list[Token], cues: frozenset[str]) -> bool:
    """Whether `tokens` hold one of the folded cue words (as written or as a lemma) or cue
    phrases."""
    texts = [fold(t.text) for t in tokens]
    phrase = " " + " ".join(texts) + " "
    found = set(texts) | {fold(t.lemma_) for t in tokens}
    return bool(found & cues) or any(
        f" {_as_tokens(c)} " in phrase for c in cues if " " in c or "'" in c.strip("'")
    )


def _without_idioms(tokens: list[Token]) -> list[Token]:
    """`tokens` without the phrases made of negation words that negate nothing
    (`_NOT_NEGATIONS`: "pas mal de", "n'importe où"), and without a litotes, two negations
    that assert ("n'est pas sans conséquence sur sa santé mentale", "not without risk"): the
    "pas sans" and the "ne" before it."""
    texts = [fold(t.text) for t in tokens]
    dropped: set[int] = set()
    for idiom in _NOT_NEGATIONS:
        words = _as_tokens(idiom).split()
        for i in range(len(texts) - len(words) + 1):
            if texts[i : i + len(words)] == words:
                dropped.update(range(i, i + len(words)))
    for i in range(len(texts) - 1):
        if texts[i] in _LITOTES_FIRST and texts[i + 1] in _LITOTES_SECOND:
            dropped.update((i, i + 1))
            ne = next((j for j in range(i - 1, max(-1, i - 5), -1) if texts[j] in _NE), None)
            if ne is not None:
                dropped.add(ne)
    return [t for i, t in enumerate(tokens) if i not in dropped]


_LITOTES_FIRST = frozenset({"pas", "non", "not"})
_LITOTES_SECOND = frozenset({"sans", "without"})
"""The two words of a litotes ("pas sans", "not without"), whose negations cancel."""


def _as_tokens(phrase: str) -> str:
    """A folded phrase as the text is tokenised: "peu d'impact" is "peu d' impact"."""
    return " ".join(phrase.replace("'", "' ").split())


def _negated(
    window: list[Token], clause: list[Token], cue_words: set[str], cues: PolarityCues
) -> bool:
    """Whether a negation in `window` (the words near the cue) denies it. A lone "ne" denies
    nothing: with "que" after it in the clause it restricts ("ne … que"), and before a cue
    that holds its own negative word ("plus de tâches") it completes the cue."""
    if not _says(window, cues.denied):
        return False
    others = [t for t in window if fold(t.text) not in _NE]
    if _says(others, cues.denied):
        return True
    if cue_words & (cues.denied | _NE_PARTNERS):
        return False  # "il n'y aura plus de tâches": the "ne" of the cue's own "plus"
    first_ne = next((t.i for t in clause if fold(t.text) in _NE), None)
    restricted = first_ne is not None and any(
        fold(t.text) in _RESTRICTIVE for t in clause if t.i > first_ne
    )
    return not restricted


def _given(doc: Doc, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is taken as given by its clause: it names, or qualifies, a noun that a
    demonstrative points back to ("ils seraient 100 000 à participer à cette économie
    invisible": the conditional bears on the count, and "cette économie invisible" was said
    before). What a demonstrative presupposes is outside the doubt of a conditional, a
    question or a hedge word of its clause."""
    span = doc.char_span(cue_start, cue_end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    for token in span:
        noun = token.head if token.dep_ == "amod" else token
        if noun.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "det" and fold(c.lemma_ or c.text) in _DEMONSTRATIVES for c in noun.children
        ):
            return True
    return False


_DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces", "this", "these", "that", "those"})


def _asks(token: Token) -> bool:
    """Whether the sentence of `token` is a question: its last word, past the spaces (a line
    break after "… remplacés ?" is a token of the sentence), is a question mark."""
    last = next((t for t in reversed(token.sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def _presupposes(clause: list[Token]) -> bool:
    """Whether the question of the clause takes its content as given: a question word opens
    it (perhaps after "et", "but": "Et comment …"), and only a yes/no question puts its
    content in doubt. "Why do they keep doing them despite the modest payment?" asks why,
    and asserts the modest pay; "Qui sont ces travailleurs précaires ?" asks who they are."""
    words = [fold(t.text) for t in clause[0].sent if t.is_alpha][:2]
    if len(words) == 2 and words[0] in _OPENERS:
        words = words[1:]
    return bool(words) and words[0] in _QUESTION_WORDS


_OPENERS = frozenset({"et", "mais", "alors", "and", "but", "so"})
"""Words that may come before the question word ("Et comment …")."""


_QUESTION_WORDS = frozenset(
    {"why", "how", "what", "which", "who", "whom", "where", "when"}
    | {"pourquoi", "comment", "quel", "quelle", "quels", "quelles", "qui", "quoi", "quand"}
)
"""The words of a question that asks for something (why, how, who…), not whether."""


def _predicate_denies(
    stretch: list[Token], cue_start: int, cue_end: int, cues: PolarityCues
) -> bool:
    """Whether a denying predicate of the stretch bears on the cue: one that starts with a verb
    ("rend difficile", "makes it impossible") on what follows it, any other ("illusoire", "peu
    d'impact", "se révèle faux") on what precedes it, its subject."""
    texts = [fold(t.text) for t in stretch]
    lemmas = [fold(t.lemma_ or t.text) for t in stretch]
    for predicate in cues.predicates:
        words = _as_tokens(predicate).split()
        for i in range(len(stretch) - len(words) + 1):
            if texts[i : i + len(words)] != words and (len(words) > 1 or lemmas[i] != words[0]):
                continue
            first, last = stretch[i], stretch[i + len(words) - 1]
            if first.pos_ in ("VERB", "AUX"):
                if last.idx + len(last) <= cue_start:
                    return True
            elif first.idx >= cue_end:
                return True
    return False


def polarity_of(doc: Doc, cue_start: int, cue_end: int, cues: PolarityCues, topic: str = "") -> str:
    """`ASSERTED`, `DENIED` or `HEDGED` for the statement whose cue is text[cue_start:cue_end]
    and whose topic is the IRI `topic`."""
    words = clause(doc, cue_start, cue_end)
    plain = _without_idioms(words)
    before = [t for t in plain if t.idx + len(t) <= cue_start][-_BEFORE:]
    after = [t for t in plain if t.idx >= cue_end][:_AFTER]
    cue_words = {fold(t.text) for t in words if cue_start <= t.idx < cue_end}
    stretch = _stretch(doc, cue_start, cue_end)
    if topic not in cues.absences:
        if _negated(before + after, plain, cue_words, cues):
            return DENIED
        if _predicate_denies(stretch, cue_start, cue_end, cues):
            return DENIED
    outside = [
        t
        for t in words
        if (t.idx + len(t) <= cue_start or t.idx >= cue_end)
        and not _authors_verb(t)
        and t.pos_ != "PROPN"  # "since May 2016": a month, not a modal
    ]
    conditional = any("Cnd" in t.morph.get("Mood", []) for t in outside)
    question = bool(words) and _asks(words[-1]) and not _presupposes(words)
    hedged = conditional or question or _says(outside, cues.hedged)
    if hedged and not _given(doc, cue_start, cue_end):
        return HEDGED
    around = [t for t in stretch if t.idx + len(t) <= cue_start or t.idx >= cue_end]
    if cues.allegations and _says(around, cues.allegations):
        return HEDGED
    if _reported(doc, cue_start, cues):
        return HEDGED
    return ASSERTED


_COMPLEMENTIZERS = frozenset({"que", "qu'", "that"})


def _reported(doc: Doc, cue_start: int, cues: PolarityCues) -> bool:
    """Whether the cue stands in a clause that a hedge verb introduces earlier in its sentence
    ("il semble que …", "Il estime que …", "platforms claim that …"), however far the cue: a
    hedge word followed within three words by "que" / "that". (The pipeline has no dependency
    parser, for speed; this is the construction the parse would show.) The authors' own "we
    estimate that" / "nous estimons que" reports their finding, which the text asserts."""
    span = doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sentence = _sentence(span[0])
    before = [t for t in sentence if t.idx < cue_start]
    hedges = cues.hedge_stems
    for index, token in enumerate(before):
        if fold(token.text) not in _COMPLEMENTIZERS:
            continue
        # by stem: "estime" is a form of "estimer" whatever the lemmatiser says
        first = max(0, index - 3)
        for at in range(first, index):
            word = before[at]
            if stem(word.text) not in hedges and stem(word.lemma_ or word.text) not in hedges:
                continue
            if _authors_verb(word):
                continue
            return True
    return False


def _authors_verb(token: Token) -> bool:
    """A verb whose subject is the authors ("we estimate", "nous estimons"): their finding."""
    return token.pos_ == "VERB" and token.i > 0 and fold(token.doc[token.i - 1].text) in _AUTHORS


_AUTHORS = frozenset({"we", "nous"})
"""The authors' voice: what they estimate or argue is their finding, not a report."""
