"""Which way a figure points: a level, a rise, a fall, a difference, or a score.

"chuter de 99 %" is a fall of 99 %, not a level of 99 %; "200 dollars de plus" is a gap, not
an income; "5/10" is a rating. The words that say so are the ontology's: the labels and
hidden labels of the `plo:Direction` individuals (`plo:Increase`, `plo:Decrease`,
`plo:Difference`), found by the same cue matcher as indicators and topics. What this module
adds is where a cue must stand to govern a figure:

- a change word before the figure governs it directly or through "de" / "by" / "of" ("perd
  38 %", "a chuté de 99 %", "grew by 30%", "une hausse de 14 %"), not through "à" / "to" /
  "atteindre" / "reach", which give the new level ("rose to 2 million");
- a change noun right after a share or an amount names its change ("30 % de hausse", "a 30%
  increase");
- a difference word stands right after the figure and its unit, in its phrase ("200
  dollars de plus", "three times more", "20 % supérieur"; not past a comma), or governs it
  through "de" / "by" / "of" ("inférieur de moitié au salaire minimum", "lower by 20%", "un
  écart de 300 euros");
- a plus sign glued to a figure ("+30%") is a rise;
- a score is a figure over its scale ("5/10", "4 sur 5", "4 out of 5").

Anything else is a level, as the figure reads on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from labourgraph.extract.cues import CueHit

LEVEL, INCREASE, DECREASE, DIFFERENCE, SCORE = (
    "Level",
    "Increase",
    "Decrease",
    "Difference",
    "Score",
)
_CHANGES = (INCREASE, DECREASE)

_BEFORE_GAP = 40
"""Characters a change word may stand before the figure it governs."""
_AFTER_GAP = 16
"""Characters between a figure and a change noun or a difference word after it."""
_GOVERNED = re.compile(
    r"(?:\bde|\bd['’]|\bby|\bof)\s+(?:(?:près|plus|moins|environ|quelque|presque|nearly|about|"
    r"almost|around|some|over|more than|less than|up to)\s+(?:de\s+|d['’]\s*)?)?$",
    re.IGNORECASE,
)
"""What stands between a change word and its magnitude: "de", "by", "of", maybe hedged."""
_NEW_LEVEL = re.compile(r"\b(?:à|to|atteindre|atteint|reach\w*|pour)\b", re.IGNORECASE)
_SCORE = re.compile(
    r"\s*(?:/|sur|out\s+of)\s*(\d{1,3})\b(?=\s*(?:$|[^\w\s]|(?:by|par|from|de|d['’]|selon|"
    r"according|for|pour|étoiles|stars|points|on|in|dans|en|and|et)\b))",
    re.IGNORECASE,
)
"""A rating over its scale; "1 sur 3 travailleurs" (a share) is not one."""


def score_scale(text: str, end: int) -> tuple[int, int] | None:
    """The top of the scale a figure ending at `end` is rated over ("1 out of 10", "4 sur 5")
    and where that scale's number ends; None when no scale follows the figure."""
    scale = _SCORE.match(text, end)
    if scale is None or int(scale.group(1)) == 0:
        return None
    return int(scale.group(1)), scale.end(1)


_DIFFERENCE_GOVERNS = re.compile(r"\s+(?:de|d['’]|by|of)\s*", re.IGNORECASE)
"""What joins a difference word to the figure it governs, right after it (or what the
figure opens with: "inférieur de moitié")."""
_HEDGE_END = re.compile(r"\b(?:plus|moins|more|less)$", re.IGNORECASE)
"""A difference word that is the start of a hedge when "de" / "of" follows ("plus de 30 %")."""
_PLUS_SIGN = re.compile(r"(?:^|[\s(\[])\+$")
"""A plus sign glued to the figure, not a sum ("2 + 3")."""
_PHRASE_END = re.compile(r"[,;:.!?()–—]")
"""What ends the phrase of a figure: a difference word beyond it is not the figure's."""


@dataclass(frozen=True)
class Reading:
    """A figure's direction (a `plo:Direction` local name) and, for a score, its scale."""

    direction: str
    scale: int | None = None


def direction_of(
    text: str,
    figure: tuple[int, int],
    unit_end: int,
    clause: tuple[int, int],
    hits: list[CueHit],
) -> Reading:
    """The direction of the figure at `figure` (its unit ending at `unit_end`) in `clause`."""
    f_start, f_end = figure
    scale = _SCORE.match(text, f_end)
    if scale and scale.start() == f_end:
        return Reading(SCORE, int(scale.group(1)))
    if _PLUS_SIGN.search(text, max(0, f_start - 2), f_start):
        return Reading(INCREASE)  # "+30%": the sign says the change
    start_word = _FROM_BEFORE.search(text, max(clause[0], f_start - 12), f_start)
    if (
        start_word is not None
        and _TO_AFTER.match(text, max(f_end, unit_end))
        and (
            start_word.group(0).lower().startswith("from") or not _is_share(text, f_start, unit_end)
        )
    ):
        # "les salaires ont chuté de 50 $ à environ 20 $", "rose from 25 to 33 percent": the
        # level the change started from, not the change (its end is a level too); a French
        # share "de 30 % à 40 %" after a verb of change is a range of the change itself
        return Reading(LEVEL)
    best: tuple[int, str, CueHit] | None = None
    for hit in hits:
        if hit.start < clause[0] or hit.end > clause[1] or hit.entry.iri is None:
            continue
        kind = str(hit.entry.iri).rsplit("#", 1)[-1]
        gap = _gap(text, kind, hit, f_start, max(f_end, unit_end))
        if gap is not None and (best is None or gap < best[0]):
            best = (gap, kind, hit)
    if best is None:
        particle = _PARTICLE_BEFORE.search(text, max(clause[0], f_start - 40), f_start)
        if particle is not None and not _NOT_A_MOVE.search(text, 0, particle.start()):
            return Reading(INCREASE if particle.group(1).lower() == "up" else DECREASE)
        return Reading(LEVEL)
    if best[1] == DIFFERENCE and best[2].start >= f_end and _is_share(text, f_start, unit_end):
        change = _share_change(text, best[2], clause[1])
        if change is not None:
            return Reading(change)
    return Reading(best[1])


def _is_share(text: str, f_start: int, unit_end: int) -> bool:
    return text[f_start:unit_end].endswith(("%", "percent", "per cent", "pour cent"))


_FROM_BEFORE = re.compile(r"\b(?:de|d['’]|from)\s*$", re.IGNORECASE)
_TO_AFTER = re.compile(
    r"\s*(?:à|a|to)\s+(?:(?:environ|about|around|roughly|près\s+de|pres\s+de|just|seulement|"
    r"only|quelque|some)\s+)?(?:[$€£]\s*)?\d",
    re.IGNORECASE,
)
"""A figure "de X à Y" / "from X to Y" after a verb of change: X is where it started."""
_PARTICLE_BEFORE = re.compile(
    r"\b(up|down)\s+(?:by\s+)?(?:(?:more|less)\s+than\s+|over\s+|about\s+|nearly\s+|"
    r"almost\s+|some\s+|around\s+|roughly\s+)?$",
    re.IGNORECASE,
)
"""A verb's particle that makes a share after it a change: "driving the value up more than 50
percent", "shares were down 20%" (not "up to 50 %": a bound, which the figure holds)."""
_NOT_A_MOVE = re.compile(
    r"\b(?:make|makes|made|making|take|takes|took|taking|add|adds|added|adding|sum|sums|"
    r"summed|end|ends|ended|ending|set|sets|sign|signs|signed|break|breaks|broke|broken|"
    r"write|writes|wrote|written|turn|turns|turned|show|shows|showed|shown)\s+$",
    re.IGNORECASE,
)
"""Verbs whose "up" or "down" moves nothing: "India makes up a third of the workers", "ended
up", "wrote down", "broke down"."""
_THAN = re.compile(r"\b(?:than|que|qu['’])", re.IGNORECASE)
_THAN_BEFORE = re.compile(
    r"(?:than|que|qu['’])\s*(?:in\s+|en\s+|during\s+|pendant\s+|at\s+the\s+end\s+of\s+)?"
    r"(?:the\s+|l['’]\s*|le\s+|la\s+|les\s+)?(?:previous|preceding|last|same|pr[ée]c[ée]dent\w*|"
    r"derni\w+|m[eê]me\s+p[ée]riode|month|mois|year|ann[ée]e|week|semaine|quarter|trimestre|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre|\d{4})\b",
    re.IGNORECASE,
)
"""A comparison with another time ("than in February", "que l'an dernier", "than a year
earlier" is not one: it names no time the rule knows, and stays a gap)."""
_MORE_WORDS = ("more", "plus", "supplémentaires", "extra", "additional", "higher", "supérieur")


def _share_change(text: str, hit: CueHit, clause_end: int) -> str | None:
    """The change a share followed by "more" or "fewer" states when it compares a thing with
    itself at another time ("13 percent more workers in March than in February", "5% fewer
    projects" a month after a release), not with another thing ("20 % de plus que les
    hommes"): a rise or a fall, not a gap. None when the comparison names another thing."""
    than = _THAN.search(text, hit.end, clause_end)
    if than is not None and not _THAN_BEFORE.match(text, than.start(), clause_end):
        return None
    word = text[hit.start : hit.end].lower()
    return INCREASE if any(w in word for w in _MORE_WORDS) else DECREASE


def _gap(text: str, kind: str, hit: CueHit, f_start: int, f_end: int) -> int | None:
    """How far `hit` stands from the figure, if it governs it from where it stands."""
    if kind == DIFFERENCE:
        if hit.end <= f_start:
            # "inférieur de moitié", "lower by 20%", "un écart de 300 euros" (a hedge such as
            # "plus de" is part of the figure, not before it)
            between = text[hit.end : f_start]
            if _HEDGE_END.search(text, max(0, hit.end - 6), hit.end):
                return None  # "une hausse de plus de 30 %": "plus de" hedges, it compares nothing
            governed = _DIFFERENCE_GOVERNS.fullmatch(between) or (
                between.isspace() and _DIFFERENCE_GOVERNS.match(" " + text[f_start : f_start + 4])
            )
            return len(between) if governed else None  # not "an additional 17 per cent"
        after = hit.start - f_end
        if not 0 <= after <= _AFTER_GAP or _PHRASE_END.search(text, f_end, hit.start):
            return None  # "25 %, les modérateurs": a comma ends the figure's phrase
        if len(text[f_end : hit.start].split()) > 1:
            return None  # "43 % ont un diplôme supérieur": the word is another noun's
        return after
    if kind not in _CHANGES:
        return None
    if hit.end <= f_start:
        between = text[hit.end : f_start]
        if len(between) > _BEFORE_GAP or not (between.isspace() or _GOVERNED.search(between)):
            return None
        return None if _NEW_LEVEL.search(between) else len(between)
    after = hit.start - f_end
    return after if 0 <= after <= _AFTER_GAP else None
