"""Names the lexicon knows (`ontology/actors.yaml`): typed by the curated list, high confidence."""

from __future__ import annotations

from labourgraph.core.model import kind_of
from labourgraph.extract.lexicon import Entry, Lexicon
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.state import Found
from labourgraph.extract.mentions.vocabulary import CURRENCY_AFTER, REGION_PREFIX


def add_lexicon_hits(found: Found) -> None:
    """Every lexicon name in the text, as a settled mention; a place's name that only says
    which dollar ("US$2", "US dollars") is none, and a region the text narrows with a
    lower-case prefix ("sub-Saharan Africa") is that region."""
    text = found.text
    for hit in found.lexicon.find(text, found.folded):
        entry = hit.entry
        if entry.kind == "place" and CURRENCY_AFTER.match(text, hit.end):
            continue
        if _acronym_in_lower_case(text[hit.start : hit.end], entry):
            continue
        prefix = REGION_PREFIX.search(text, max(0, hit.start - 20), hit.start)
        if entry.kind == "place" and prefix:
            name = text[prefix.start() : hit.end]
            found.settled.append(
                Mention(prefix.start(), hit.end, name, "Region", "place", "rules", 0.8)
            )
            continue
        found.settled.append(
            Mention(
                hit.start, hit.end, entry.key, entry.cls, kind_of(entry.cls), "lexicon", 0.95, entry
            )
        )


def _acronym_in_lower_case(surface: str, entry: Entry) -> bool:
    """ "Follow Us", "Advertise with us": an acronym the lexicon lists in capitals ("US",
    "UK", "AMT") names its entry only when written so; the lexicon matches case-blind."""
    return surface not in entry.names and any(
        name.isupper() and name.lower() == surface.lower() for name in entry.names
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
