"""What the passes of `find_mentions` hand on to each other: the document, the spans proposed
as names, and the mentions found so far."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Doc, Span

from labourgraph.core.mint import fold
from labourgraph.core.model import PLACE_CLASSES
from labourgraph.extract.lexicon import Entry, Lexicon
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.nlp import text_of


class Raw(NamedTuple):
    """A span the model or a rule proposes as a name, before it is trimmed and checked."""

    start: int
    end: int
    label: str  # PER | ORG | GPE | LOC | MISC (the French model's labels)
    span: Span | None  # the model's span (for its tokens), None for a rule's character span


class Candidate(NamedTuple):
    """A proposed span trimmed to what looks like a name."""

    start: int
    end: int
    label: str
    surface: str


@dataclass(frozen=True)
class Reading:
    """A candidate as the typing pass reads it: its cleaned name, its label (the majority of
    the labels its name got), the words around it, and the person it would be."""

    start: int
    end: int
    name: str
    label: str
    left: str  # folded words before (`context.window`)
    right: str  # folded words after
    method: str  # ner (the model proposed it) | rules
    base: float  # confidence before context: the model's spans are trusted more
    person: str  # the key it has if it names a person: the full name for a lone surname


@dataclass
class Found:
    """One document and what the passes have found in it so far."""

    doc: Doc
    lexicon: Lexicon
    lang: str
    folded: tuple[str, list[int]] | None = None  # the folded text, if the caller has it
    settled: list[Mention] = field(default_factory=list)
    """Lexicon hits and picture credits: their class is known and never revised."""
    raw: list[Raw] = field(default_factory=list)
    """Spans the model and the rules propose as names."""
    candidates: list[Candidate] = field(default_factory=list)
    """The proposed spans that look like names, trimmed, and clear of the settled mentions."""
    typed: list[Mention] = field(default_factory=list)
    """Mentions typed from the model, the rules and the context, revised by the later passes."""
    roles: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """The role cues met around each person (by key), in the whole document."""

    @cached_property
    def text(self) -> str:
        return text_of(self.doc)

    @cached_property
    def entities(self) -> list[Span]:
        """The model's entities (spaCy rebuilds `doc.ents` on every access)."""
        return list(self.doc.ents)

    @cached_property
    def model_spans(self) -> list[tuple[int, int]]:
        return [(e.start_char, e.end_char) for e in self.entities]

    @cached_property
    def places(self) -> dict[str, Entry]:
        """The lexicon's places, by every folded name."""
        return {fold(n): e for e in self.lexicon.entries if e.cls in PLACE_CLASSES for n in e.names}

    def overlaps_settled(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.settled)

    def from_model(self, start: int, end: int) -> bool:
        """Whether the model found an entity over these characters."""
        return any(s < end and start < e for s, e in self.model_spans)
