"""Names the lexicon knows (`ontology/actors.yaml`): typed by the curated list, high confidence."""

from __future__ import annotations

from labourgraph.core.model import kind_of
from labourgraph.extract.lexicon import Entry, Lexicon
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.state import Found


def add_lexicon_hits(found: Found) -> None:
    """Every lexicon name in the text, as a settled mention."""
    for hit in found.lexicon.find(found.text, found.folded):
        entry = hit.entry
        found.settled.append(
            Mention(
                hit.start, hit.end, entry.key, entry.cls, kind_of(entry.cls), "lexicon", 0.95, entry
            )
        )


def _with_article(name: str, lexicon: Lexicon) -> Entry | None:
    """ "Monde" in « Monde » is the lexicon's "Le Monde": names quoted without their article."""
    for article in ("Le ", "La ", "Les ", "The ", "L'"):
        hits = lexicon.find(article + name)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(article + name):
            return hits[0].entry
    return None


def known_mention(start: int, end: int, name: str, lexicon: Lexicon) -> Mention | None:
    """A name the lexicon knows once its article is put back, as a lexicon mention."""
    known = _with_article(name, lexicon)
    if known is None:
        return None
    return Mention(start, end, known.key, known.cls, kind_of(known.cls), "lexicon", 0.8, known)
