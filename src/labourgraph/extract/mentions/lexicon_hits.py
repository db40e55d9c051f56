"""Names the lexicon knows (`ontology/actors.yaml`): typed by the curated list, high confidence."""

from __future__ import annotations

from labourgraph.core.mint import fold
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


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter dropped or added, or two neighbours swapped
    ("Remotask" / "Remotasks", "Ubre" / "Uber"); not by a letter changed, which makes another
    name as often as a misspelling ("Oyange", a surname, is not "Orange")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    if len(a) < len(b):
        return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


_NEAR_MIN = 6
"""Only names this long are matched one edit apart: shorter ones have too many neighbours."""


def near_known(start: int, end: int, name: str, lexicon: Lexicon) -> Mention | None:
    """A one-word name one edit away from a known actor's one-word name ("Remotask"): a
    misspelling or a singular of it, as a lexicon mention. Places are left out:
    GeoNames types them, and neighbours there are different places ("Gambia", "Zambia")."""
    if " " in name or len(name) < _NEAR_MIN or not name[:1].isupper():
        return None
    folded = fold(name)
    found = {
        entry.key: entry
        for entry in lexicon.entries
        if entry.kind == "actor"
        for known in entry.names
        if " " not in known
        and len(known) >= _NEAR_MIN
        and known[:1] == name[:1]
        and _one_edit_apart(folded, fold(known))
    }
    if len(found) != 1:
        return None
    entry = next(iter(found.values()))
    return Mention(start, end, entry.key, entry.cls, kind_of(entry.cls), "lexicon", 0.8, entry)
