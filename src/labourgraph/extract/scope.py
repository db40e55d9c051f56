"""Whether a passage is about platform labour at all, from its own words.

A document may hold passages on other subjects: seed 001 opens with an interview on
contact-tracing apps, whose "testé positif" or "surveillance" would otherwise read as task
types and labour topics. A passage whose words of work are rare is out of scope: it keeps its
entities and its figures (what a text states, whatever its subject), but yields no labour
statement and no task type. The words of work are the ontology's: the labels, alternative
and hidden labels of `plo:Worker` and `plo:Platform` and their subclasses that are one word
("travailleur", "tâche", "salaire", "modérateur", "platform", "wage"...), stemmed as cues are.

The threshold was set on the seeds, the fiction and the real dev set: texts about work have at
least 2.5 such words per 1000 characters (the lowest, a blog post on expert raters); the
tracing-app interview has 0.1, the announcement of a research chair that closes seed 001 none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS

from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import stem

_WORD = re.compile(r"[^\W\d_]{4,}")
MIN_DENSITY = 1.0
"""Words of work per 1000 characters below which a passage is out of scope."""
MIN_LENGTH = 1500
"""Passages shorter than this are too short to judge: they stay in scope."""


@dataclass(frozen=True)
class LabourScope:
    """The stems of the ontology's words of work."""

    stems: frozenset[str]

    @classmethod
    def from_ontology(cls, ontology: Graph) -> LabourScope:
        terms = {
            t
            for root in (PLO.Worker, PLO.Platform)
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
