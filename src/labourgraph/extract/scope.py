"""Whether a passage is about platform labour at all, from its own words.

A document may hold passages on other subjects: seed 001 opens with an interview on
contact-tracing apps, whose "testé positif" or "surveillance" would otherwise read as task
types and labour topics. A passage whose words of work are rare is out of scope: it keeps its
entities and the relations between them (who works where), but yields no figure, no labour
statement and no task type: a graph of platform labour draws no fact from it (issue 16; the
tracing interview's "adoptée par 12 % de la population" is an app's, not work's). The words
of work are the ontology's: the labels, alternative and hidden labels of `plo:Worker` and
`plo:Platform` and their subclasses that are one word ("travailleur", "tâche", "salaire",
"modérateur", "platform", "wage"...), stemmed as cues are.

The threshold was set on the seeds, the fiction and the real dev set: most texts about work
have more than 1 such word per 1000 characters, but real press texts on a firm's job cuts or on
an app that pays its users for their calls have as few as 0.5 (their words are "jobs",
"positions", "paid", not the ontology's words for workers); the tracing-app interview has 0.1,
the announcement of a research chair that closes seed 001 none. One real text with none is
still left out (a voice dataset's launch); Skype's listeners had none until "prestataire", the
French "contractor", became a word of work.

Within a passage on work, page furniture states nothing either: headings with no verb and
picture captions (`is_furniture`) yield no statement, though their words are on the subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from spacy.tokens import Doc, Token

from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import CueHit, stem
from labourgraph.extract.nlp import text_of
from labourgraph.extract.polarity import clause

_WORD = re.compile(r"[^\W\d_]{4,}")
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_DENSITY = 0.4
"""Words of work per 1000 characters below which a passage is out of scope."""
MIN_LENGTH = 1500
"""Passages shorter than this are too short to judge: they stay in scope."""


@dataclass(frozen=True)
class LabourScope:
    """The stems of the ontology's words of work."""

    stems: frozenset[str]

    @classmethod
    def from_ontology(
        cls, ontology: Graph, roots: tuple[URIRef, ...] = (PLO.Worker, PLO.Platform)
    ) -> LabourScope:
        """The stems of the one-word labels of `roots` and their subclasses (by default the
        words of work; with `(PLO.Worker,)`, the words for workers)."""
        terms = {
            t
            for root in roots
            for t in (root, *ontology.transitive_subjects(RDFS.subClassOf, root))
        }
        # one-word labels only: a phrase's other words ("plateforme numérique", "digital
        # labour platform") are not words of work
        stems = {
            stem(words[0])
            for term in terms
            for prop in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel)
            for label in ontology.objects(term, prop)
            if isinstance(label, Literal)
            and len(words := _WORD.findall(fold(str(label)))) == 1
            and len(str(label).split()) == 1
        }
        return cls(frozenset(stems))

    def density(self, text: str) -> float:
        """Words of work per 1000 characters.

        >>> scope = LabourScope(frozenset({"travail", "tach"}))
        >>> scope.density("Le travail et les tâches.")
        80.0
        """
        found = sum(stem(w) in self.stems for w in _WORD.findall(fold(text)))
        return found / max(1, len(text)) * 1000

    def out_of_scope(self, text: str, passages: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The passages (start, end) that are not about work: long enough to judge, and
        with fewer words of work than `MIN_DENSITY`."""
        return [
            (start, end)
            for start, end in passages
            if end - start >= MIN_LENGTH and self.density(text[start:end]) < MIN_DENSITY
        ]


@dataclass(frozen=True)
class CueSupport:
    """Weak topic cues and the context each needs: a word with other senses ("augmenté" of
    wages, "forums" of a website's users, "CGU" that moderators enforce) makes a statement of
    its topic only where its clause also holds one of the topic's context words.

    Both are the ontology's: a topic's `plo:weakCue` words are its weak cues, and a topic with
    a `plo:cueContext` but no weak cue of its own has every cue weak (all of "CGU", "terms of
    service" name the users' terms as often as the workers'). A context is a word, or a class
    whose one-word labels count, with its subclasses' (`LabourScope`: `plo:Worker` gives the
    words for workers). Words are compared by stem, of the token and of its lemma.
    """

    weak: frozenset[tuple[str, str]]
    """(topic IRI, cue name) of every weak cue, as `cues.CueMatcher` takes them."""
    contexts: dict[str, frozenset[str]]
    """Topic IRI -> the stems of its context words."""

    @classmethod
    def from_ontology(cls, ontology: Graph) -> CueSupport:
        weak: set[tuple[str, str]] = set()
        contexts: dict[str, frozenset[str]] = {}
        for topic in {t for t in ontology.subjects(PLO.cueContext, None) if isinstance(t, URIRef)}:
            stems: set[str] = set()
            for value in ontology.objects(topic, PLO.cueContext):
                if isinstance(value, URIRef):
                    stems |= LabourScope.from_ontology(ontology, (value,)).stems
                else:
                    stems |= {stem(w) for w in _LETTERS.findall(fold(str(value)))}
            contexts[str(topic)] = frozenset(stems)
            own = [str(o) for o in ontology.objects(topic, PLO.weakCue)]
            names = own or [
                str(o)
                for p in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel)
                for o in ontology.objects(topic, p)
            ]
            weak |= {(str(topic), name) for name in names}
        return cls(frozenset(weak), contexts)

    def supported(self, doc: Doc, hit: CueHit) -> bool:
        """Whether the hit may make a statement: a plain cue always, a weak one where its
        clause (`polarity.clause`), outside the cue's own words, holds a context word."""
        if not hit.weak or hit.entry.iri is None:
            return True
        wanted = self.contexts.get(str(hit.entry.iri), frozenset())
        return any(
            stem(t.text) in wanted or stem(t.lemma_ or t.text) in wanted
            for t in clause(doc, hit.start, hit.end)
            if t.idx + len(t) <= hit.start or t.idx >= hit.end
        )


_END_PUNCTUATION = '.!?…:;»"”)'
_BULLETS = "•-–*·▪"
_CAPTION_CREDIT = re.compile(r"(?:@\w+|\s/\s*[\w-]+(?:\s[\w-]+)?)\s*$")
"""The end of a picture caption: the picture's credit ("/ iStock-name", "@handle")."""


def is_furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence text[start:end] is page furniture, not a sentence of the text: a
    line of its own with no end punctuation that is a heading with no finite verb ("In
    Search of Flexibility", "De l'eldorado numérique à la précarité algorithmique"), or a
    picture caption (its line ends with a credit, "… / iStock-name", "…@handle", or the next
    line repeats it, as a caption with its credit does). A headline with a verb ("Le
    microtravail se développe") states something, and is kept, and so is the item of a list
    ("• paid per task"). A hard-wrapped paragraph (its next line goes on in lower case) is not
    a line of its own."""
    text = text_of(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    # the sentence is the whole line (up to a leading mark such as "►►►" or a date stamp)
    if not line or len(text[start:end].strip()) < 0.6 * len(line):
        return False
    if line[-1] in _END_PUNCTUATION or line[0] in _BULLETS:
        return False  # a sentence, or an item of a list (its own words, however short)
    rest = text[line_end:].lstrip(" \t")
    following = rest[1:].lstrip(" \t") if rest.startswith("\n") else ""
    if following[:1].islower():
        return False  # a hard-wrapped sentence goes on
    if _CAPTION_CREDIT.search(line) or (following and following.startswith(line)):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or not any(_finite_verb(t) for t in span)


def _finite_verb(token: Token) -> bool:
    """A finite verb, unless it follows an article or a preposition, where it is a noun the
    tagger misread ("De l'eldorado numérique…": "eldorado" tagged as a verb)."""
    if token.pos_ not in ("VERB", "AUX") or "Fin" not in token.morph.get("VerbForm", []):
        return False
    if token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    elided = fold(previous.text) in ("l'", "d'") and previous.pos_ != "PRON"
    return not (previous.pos_ in ("DET", "ADP") or elided)
