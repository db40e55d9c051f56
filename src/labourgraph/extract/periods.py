"""When a figure holds: temporal expressions read as intervals, with their qualifiers.

A year next to a figure says little by itself: "avant 2022" closes a period that "depuis avril
2020" opens, "entre 2020 et 2023" spans one, and "en 2022" is one year. Each expression is
read as an interval with an open or closed start and end (ISO 8601 year, month or day), and
written in the ISO 8601-2 interval notation that `plo:refPeriod` carries: "2022",
"2020/2023", "../2022" (before or until), "2020-04/.." (since).

Which expression a figure takes is decided by scope, not by distance alone: an expression
in the figure's own clause; else one that opens the sentence ("En 2022, …", "Avant 2022,
Fuentes gagnait …"), since a fronted adjunct frames the whole sentence. A year elsewhere in
the sentence belongs to another clause and is not the figure's.

The words are grammar (prepositions and month names), like the number grammar of
`extract.quantities`, not vocabulary of the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12, "january": 1, "february": 2, "march": 3, "april": 4,
    "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
    "november": 11, "december": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NOT_A_YEAR_AFTER = (
    r"(?!\d)(?![.,]\d)(?!\s*(?:%|€|\$|£|euros?\b|dollars?\b|usd\b|eur\b|personnes\b|persons\b|"
    r"people\b|workers\b|travailleu|heures\b|hours\b|mots\b|words\b|t[aâ]ches\b|tasks\b|fois\b|"
    r"times\b))"
)
_INITIALS = "".join(sorted({month[0] for month in _MONTHS}))
_DATE = (
    rf"(?=[0-9lt{_INITIALS}])"
    rf"(?:(?:(?:le\s+|the\s+)?\d{{1,2}}(?:er)?\s+)?(?=[{_INITIALS}])(?P<{{m}}>{_MONTH})\s+"
    rf"(?:de\s+|of\s+)?)?"
    rf"(?<![\d$€£.,])(?P<{{y}}>(?:19|20)\d\d){_NOT_A_YEAR_AFTER}"
)
"""A year, optionally preceded by a month (and a day, which is dropped); not an amount
("jusqu'à 2000 euros") nor part of a longer number.

The two lookaheads only say which letter a date and a month name start with (a digit, "le",
"the" or a month's initial): they change no match, but spare the engine the 25 month names at
every position of the text, which halves the time of `find_periods`."""


def _date(m: str, y: str) -> str:
    return _DATE.replace("{m}", m).replace("{y}", y)


_FOUNDED = (
    r"\b(?:fond[ée]e?s?|n[ée]e?s?|founded|established|born|"
    r",\s*(?:cré[ée]e?s?|lanc[ée]e?s?|created|launched|set\s+up))\s+(?:en|in|le|on)\s+"
)
"""A date that says when an organisation or a person began ("une société fondée en 2017", "a
union founded in 2021", "Le Syndicat…, créé en 2023,"): it dates that event, not the figures
of the clause around it. "Créé", "launched" count only in an apposition: "500 emplois créés
en 2020" dates the figure."""

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "between",
            r"\b(?:entre|between|de|from)\s+(?:(?:l'|l’)an(?:née)?\s+)?"
            + _date("m1", "y1")
            + r"\s*(?:et|and|à|a|au|to|until|-|–)\s+(?:(?:l'|l’)an(?:née)?\s+)?"
            + _date("m2", "y2"),
        ),
        (
            # "between January and June 2025": the year said once, for both months
            "months",
            rf"\b(?:entre|between|de|from)\s+(?:(?:le\s+)?\d{{1,2}}(?:er)?\s+)?(?P<m0>{_MONTH})"
            r"\s+(?:et|and|à|au|to|until|-|–)\s+" + _date("m2", "y2"),
        ),
        ("span", _date("m1", "y1") + r"\s*[-–/]\s*" + _date("m2", "y2")),
        (
            # a fiscal or academic year written with its second year short: "2018-19", "FY
            # 2021/22"; the two digits must be the next year's (not "2018-25", a range)
            "season",
            r"(?<![\d$€£.,])(?P<y1>(?:19|20)\d\d)\s*[-–/]\s*(?P<y2>\d\d)(?![\d%])(?![.,]\d)",
        ),
        (
            "before",
            r"\b(?:avant|before|prior\s+to|jusqu'?\s*(?:en|à|au)|jusqu’\s*(?:en|à|au)|until|till|"
            r"up\s+to|through|by|d['’]ici(?:\s+à)?)\s+"
            r"(?:(?:l'|l’)an(?:née)?\s+|the\s+end\s+of\s+|(?:la\s+)?fin\s+(?:de\s+)?)?"
            + _date("m1", "y1"),
        ),
        (
            "since",
            r"\b(?:depuis|since|dès|as\s+of|à\s+partir\s+de|starting\s+in|from)\s+"
            # "since its launch in late 2021", "depuis son lancement en 2021": the event that
            # starts the period, dated
            r"(?:(?:its|their|his|her|the|son|sa|ses|leur|leurs|le|la|les|l['’])\s*"
            r"[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){0,3}\s+(?:in|en)\s+)?"
            r"(?:(?:le\s+)?début\s+|the\s+start\s+of\s+|early\s+|late\s+|(?:l'|l’)an(?:née)?\s+)?"
            + _date("m1", "y1"),
        ),
        ("founded", _FOUNDED + _date("m1", "y1")),
        ("at", _date("m1", "y1")),
    )
)


@dataclass(frozen=True)
class Period:
    """An interval with open (None) or closed ends, read from `text[start:end]`."""

    first: str | None  # ISO 8601 year, month or day
    last: str | None
    start: int
    end: int

    @property
    def notation(self) -> str:
        """The ISO 8601-2 form of `plo:refPeriod`: "2022", "2020/2023", "../2022", "2020-04/.."."""
        if self.first is not None and self.first == self.last:
            return self.first
        return f"{self.first or '..'}/{self.last or '..'}"


def _iso(match: re.Match[str], month: str, year: str) -> str:
    name = match.group(month)
    value = match.group(year)
    return f"{value}-{_MONTHS[name.lower()]:02d}" if name else value


def find_periods(text: str) -> list[Period]:
    """Every temporal expression of `text`, longest reading first where two overlap."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            if kind == "founded":
                continue  # the date of an event named by its participle, no figure's period
            if kind == "months":
                end_month = _MONTHS[match.group("m2").lower()] if match.group("m2") else 12
                first_month = _MONTHS[match.group("m0").lower()]
                year = int(match.group("y2")) - (first_month > end_month)
                first = f"{year}-{first_month:02d}"
                found.append(Period(first, _iso(match, "m2", "y2"), start, end))
                continue
            if kind == "season":
                year = int(match.group("y1"))
                if (year + 1) % 100 != int(match.group("y2")):
                    taken.pop()
                    continue
                found.append(Period(str(year), str(year + 1), start, end))
                continue
            first = _iso(match, "m1", "y1")
            if kind in ("between", "span"):
                period = Period(first, _iso(match, "m2", "y2"), start, end)
            elif kind == "before":
                period = Period(None, first, start, end)
            elif kind == "since":
                period = Period(first, None, start, end)
            else:
                period = Period(first, first, start, end)
            found.append(period)
    return sorted(found, key=lambda p: p.start)


_BARE_BEFORE = re.compile(
    r"(?P<word>avant|auparavant|autrefois|jusque-là|jusqu['’]alors|before|previously|formerly|"
    r"until\s+then|before\s+that)\s*,",
    re.IGNORECASE,
)
"""A bare "before" that opens a sentence ("Avant, je recevais …", "Previously, …"): an adverb
of time whose reference point is not in its own words but in the discourse before it."""


def with_anaphora(
    text: str, periods: list[Period], sentences: list[tuple[int, int]]
) -> list[Period]:
    """`periods` with the bare "before" that opens a sentence read as a period: the time before
    the change point the previous sentence dates with "since" ("Depuis début 2024, elle a vu
    les tarifs s'effondrer. « Avant, je recevais entre 20 et 50 dollars »": ../2024). The
    adverb refers to the last turn the text told of; without a "since" date in the sentence
    just before, it is left unread (what came before what is then not said)."""
    added = []
    said = [(start, end) for start, end in sentences if text[start:end].strip()]
    for previous, (start, end) in pairwise(said):
        lead = _LEAD.match(text, start)
        at = lead.end() if lead else start
        bare = _BARE_BEFORE.match(text, at, end)
        if bare is None:
            continue
        since = [
            p
            for p in periods
            if previous[0] <= p.start and p.end <= previous[1] and p.first and p.last is None
        ]
        if since:
            added.append(Period(None, since[-1].first, *bare.span("word")))
    if not added:
        return periods
    return sorted([*periods, *added], key=lambda p: p.start)


_LEAD = re.compile(r"[\s«\"“(—–-]*(?:(?:en|in|au|dans|during|pendant|by|at|on)\s+)?", re.IGNORECASE)
"""What may come before the expression that opens a sentence: quotes, dashes, and the
preposition of a date that the expression does not include ("In June 2021, …", "En 2022, …")."""


def period_of(
    text: str,
    periods: list[Period],
    figure: tuple[int, int],
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> Period | None:
    """The period a figure at `figure` holds for: in its clause, nearest first; else one
    that opens its sentence (a framing adjunct); else none."""
    f_start, f_end = figure
    in_clause = [
        p
        for p in periods
        if clause[0] <= p.start and p.end <= clause[1] and not (p.start < f_end and f_start < p.end)
    ]
    lead = _LEAD.match(text, sentence[0])
    opening_at = lead.end() if lead else sentence[0]
    opening = next(
        (p for p in periods if p.start == opening_at and p.end <= f_start and p.end <= sentence[1]),
        None,
    )
    if in_clause:
        found = min(
            in_clause,
            key=lambda p: abs(p.start - f_end) if p.start >= f_end else abs(f_start - p.end),
        )
        return _closed_by(found, opening)
    return opening


def _closed_by(period: Period, opening: Period | None) -> Period:
    """A period open at its end ("since May 2016") closed by the date that frames its
    sentence ("In June 2021, the index had risen to 151.2, a 51 percent increase since May
    2016": 2016-05/2021-06); a change measured since a date runs to the time it is told of."""
    if (
        period.first is None
        or period.last is not None
        or opening is None
        or opening is period
        or opening.first is None
        or opening.first != opening.last
        or opening.first <= period.first
    ):
        return period
    return Period(period.first, opening.first, period.start, period.end)


_RELATIVE = re.compile(
    r"\b(?:(?P<now>aujourd['’]hui|today|actuellement|currently|à\s+l['’]heure\s+actuelle|"
    r"(?:cette|this)\s+ann[ée]e|this\s+year|maintenant|désormais|nowadays|these\s+days|"
    r"now(?=\s*,))|(?P<last>l['’]an\s+(?:dernier|passé)|"
    r"l['’]ann[ée]e\s+(?:dernière|passée)|last\s+year)|"
    r"(?P<before>avant|auparavant|autrefois|previously|formerly|before)(?=\s*,))\b",
    re.IGNORECASE,
)
"""Expressions of time relative to when the text was written: now, the year before, or
before now (a bare "avant," / "previously,": "Maintenant, je produis cinq articles ; avant,
c'était trois"). The words are grammar (adverbs of time), like the prepositions above."""


def relative_periods(text: str, date: str | None) -> list[Period]:
    """The relative expressions of `text` ("aujourd'hui", "today", "l'an dernier", "last
    year", "avant,") anchored to the document's `date` (ISO 8601 year, month or day): now is
    the document's date, the year before is its year minus one, before is up to the date.
    They are inferred, not stated: `claims` keeps them apart from the period a text states.
    None without a date."""
    if not date or not re.match(r"^(?:19|20)\d\d", date):
        return []
    found = []
    for match in _RELATIVE.finditer(text):
        if match.group("before"):
            found.append(Period(None, date, match.start(), match.end()))
            continue
        value = date if match.group("now") else str(int(date[:4]) - 1)
        found.append(Period(value, value, match.start(), match.end()))
    return found
