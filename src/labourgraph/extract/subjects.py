"""What a figure is about and where it holds: the subject and the place, chosen by role.

The nearest name is not always the subject. The body a figure is quoted from ("selon
l'OIT", "a study by Carnegie Mellon", a research body, a media outlet) is its source; a place
after a comma belongs to another clause ("…, un tiers d'entre eux vivant en Colombie"); a
researcher or a journalist speaks of a pay rather than earns it. `claims` asks these
functions for the organisation, the place and the person of each figure.
"""

from __future__ import annotations

import re

from labourgraph.core.mint import fold
from labourgraph.core.model import RESEARCH_CLASSES
from labourgraph.extract.mentions import PLATFORM_CLASSES, Mention
from labourgraph.extract.quantities import Quantity

_SOURCE_BEFORE = re.compile(
    r"(?:selon|d'apres|according\s+to|(?:etude|study|rapport|report|enquete|survey|analyse|"
    r"analysis)\b.{0,25}?\b(?:de|du|des|by|of|from|par)|(?:menee?s?|realisee?s?|conducted|"
    r"published|publiee?s?|commissioned)\s+(?:par|by))\W*(?:(?:l|la|le|les|the)\b\W*)?$"
)
"""Words that make the name after them the source of a figure, not what it is about."""


def is_source(text: str, mention: Mention) -> bool:
    """Whether an organisation is where a figure comes from rather than what it is about: a
    research body, a media outlet, or a name introduced by "selon", "according to", "a study
    by"."""
    if mention.cls in RESEARCH_CLASSES or mention.cls == "MediaOutlet":
        return True
    before = fold(text[max(0, mention.start - 40) : mention.start]).replace("’", "'")
    return bool(_SOURCE_BEFORE.search(before))


def area_of(
    text: str, in_sentence: list[Mention], quantity: Quantity, region: tuple[int, int]
) -> Mention | None:
    """The place a figure holds for: a place of its own clause, before it, or after it with
    no comma between ("260 000 microtravailleurs en France"; not "…, un tiers d'entre eux
    vivant en Colombie")."""
    places = [
        m
        for m in in_sentence
        if m.kind == "place"
        and not text.startswith("$", m.end)  # "US$2": a currency, not the United States
        and region[0] <= m.start
        and m.end <= region[1]
        and (m.end <= quantity.start or "," not in text[quantity.end : m.start])
    ]
    return nearest(places, quantity.start)


def country_before(mentions: list[Mention], s_start: int) -> Mention | None:
    """The country named last in the 2000 characters before a sentence, but not one that only
    locates a city ("a platform headquartered in Toronto, Canada. The country …": the
    country the text is about is the one it spoke of before)."""
    cities = [m for m in mentions if m.cls == "City"]
    return nearest(
        [
            m
            for m in mentions
            if m.cls == "Country"
            and s_start - 2000 <= m.end <= s_start
            and not any(0 <= m.start - c.end <= 2 for c in cities)
        ],
        s_start,
        before_only=True,
    )


def platform_before(mentions: list[Mention], s_start: int, quantity: Quantity) -> Mention | None:
    """A platform named just before an amount, which pays it ("se connecter à Appen … des
    micro-tâches payées 5 à 25 centimes")."""
    return nearest(
        [
            m
            for m in mentions
            if m.cls in PLATFORM_CLASSES and max(0, s_start - 300) <= m.start < quantity.start
        ],
        quantity.start,
        before_only=True,
    )


REPORTERS = frozenset({"Researcher", "Journalist", "Photographer", "Spokesperson"})
"""People who speak of a figure rather than earn it."""


def person_before(mentions: list[Mention], s_start: int, quantity: Quantity) -> Mention | None:
    """Whose pay or income an amount is: a person named in its sentence, or just before it;
    not one who reports or studies it (a researcher, a journalist, a photographer, a
    spokesperson)."""
    return nearest(
        [
            m
            for m in mentions
            if m.kind == "person"
            and m.cls not in REPORTERS
            and max(0, s_start - 300) <= m.start < quantity.start
        ],
        quantity.start,
        before_only=True,
    )


def nearest(mentions: list[Mention], offset: int, before_only: bool = False) -> Mention | None:
    best = None
    for mention in mentions:
        if before_only and mention.start > offset:
            continue
        distance = abs(mention.start - offset)
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


_SECTOR_BEFORE = re.compile(
    r"\b(?:societe|entreprise|company|firm|acteur|leader)\s+(?:de\s+la|du|de\s+l'|of\s+the)\s*$"
)
"""A name after "une société de la …" names a sector, not the organisation spoken of."""

_PASSAGE = 1500
"""How far back (characters) the organisation a passage is about stays its subject."""


def organisation_before(
    text: str, mentions: list[Mention], s_start: int, quantity: Quantity
) -> Mention | None:
    """The organisation named last before a figure, in its sentence or the passage before it,
    that is not a source (a study's author, a media outlet)."""
    return nearest(
        [
            m
            for m in mentions
            if m.kind == "organisation"
            and max(0, s_start - _PASSAGE) <= m.start < quantity.start
            and not is_source(text, m)
            and not _SECTOR_BEFORE.search(fold(text[max(0, m.start - 20) : m.start]))
        ],
        quantity.start,
        before_only=True,
    )
