"""One occurrence of an entity in a document: what every pass produces and later stages use."""

from __future__ import annotations

from dataclasses import dataclass

from labourgraph.extract.lexicon import Entry


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a document."""

    start: int
    end: int
    key: str  # canonical label; the IRI is minted from kind + key
    cls: str  # local name of the most specific plo: class
    kind: str  # organisation | person | place | app | ai
    method: str  # lexicon | ner | rules
    confidence: float
    entry: Entry | None = None
