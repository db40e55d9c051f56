"""Worker profiles: a person's age, household, years on the work, and working (and unpaid) time.

Press portraits of platform workers state who the worker is in figures that the number
grammar deliberately leaves out, because in general text "35 ans", "huit heures" or "two
years" are durations, not claims: "À 35 ans, cette ingénieure…", "depuis une décennie",
"Huit heures par jour, cinq jours par semaine", "a journalist with 20 years of experience",
"now spends 20-30 hours weekly". This pass reads only those constructions, each tied to one
indicator of the ontology (`plo:WorkerAge`, `plo:YearsOfTenure`, `plo:DailyWorkingHours`,
`plo:WeeklyWorkingHours`, `plo:WorkingDaysPerWeek`), and says whose profile it is: a person
named in the sentence (not one who reports it), else the population its sentence names, else
the person the portrait has been about in the lines before.

The unit of such a figure (years, hours, days) is what the indicator measures; the
observation states it as `plo:unit` so that a reader never has to guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from rdflib import URIRef

from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO
from labourgraph.extract.claims import Observation, trim
from labourgraph.extract.discourse import subject_pronoun
from labourgraph.extract.mentions import Mention
from labourgraph.extract.number_words import WORDS_EN, WORDS_FR
from labourgraph.extract.subjects import (
    REPORTERS,
    nearest,
    person_named_again,
    population_before,
    population_label,
)

_WORDS = {
    **{k: v for k, v in WORDS_EN.items() if v > 1},
    **{k: v for k, v in WORDS_FR.items() if v > 1},
}
_WORDS["decennie"] = 10
_WORDS["decade"] = 10
_NUM = r"(?P<n>[0-9]{1,2}|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")"
_NUM2 = _NUM.replace("?P<n>", "?P<m>")
# "20-30", "trois ou quatre", "entre 4 et 6", "between 8 and 10" (the text is folded: "à" is "a")
_RANGE = rf"(?:(?:entre|between)\s+)?{_NUM}(?:\s*(?:-|–|a|to|ou|or|et|and)\s*{_NUM2})?"


_HEDGE = r"(?P<q>up\s+to\s+|more\s+than\s+|over\s+|jusqu'a\s+|plus\s+de\s+)"
_HEDGES = {"up to": "up to", "jusqu'a": "up to", "more than": "more than", "over": "more than",
           "plus de": "more than"}  # fmt: skip
"""A bound before a profile figure ("up to 20 hours"), named as the number grammar names it."""


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    indicator: URIRef
    unit: str
    per_unit: str | None


def _p(source: str, indicator: URIRef, unit: str, per_unit: str | None = None) -> _Pattern:
    return _Pattern(re.compile(source), indicator, unit, per_unit)


_HOURS = r"(?:heures|hours)"
_PER_DAY = r"(?:par\s+jour|a\s+day|per\s+day|daily|\s*/\s*(?:jour|day)\b)"
_PER_WEEK = (
    r"(?:par\s+semaine|a\s+week|per\s+week|weekly|hebdomadaires|sur\s+sept"
    r"|\s*/\s*(?:semaine|week|wk)\b)"
)

# Matched on the folded text (lower case, no accents), so "À 35 ans" is "a 35 ans". The
# patterns are constructions, not cue words: each says what is counted by its syntax.
_PATTERNS: tuple[_Pattern, ...] = (
    # ages: "À 35 ans,", "étudiant colombien de 28 ans", "aged 35", "a 35-year-old", "35 years old"
    _p(rf"(?:^|[.!?\n]\s*)a\s+{_NUM}\s+ans\b(?!\s+(?:de|d'))", PLO.WorkerAge, "years"),
    _p(rf"\b(?:age|agee|agees|ages)\s+de\s+{_NUM}\s+ans\b", PLO.WorkerAge, "years"),
    _p(
        rf"\b(?:etudiante?|femme|homme|mere|pere|ingenieure?|moderat\w+|annotat\w+|"
        rf"travailleu\w+|ouvriere?|employee?|salariee?|stagiaire|"
        rf"jeune\s+\w+|\w+ais|\w+aise|\w+ien|\w+ienne|\w+ain|\w+aine)"
        rf"(?:\s+\w+)?\s+de\s+{_NUM}\s+ans\b",
        PLO.WorkerAge,
        "years",
    ),
    _p(rf"(?:^|[.!?\n]\s*)at\s+{_NUM},", PLO.WorkerAge, "years"),
    # an age range: "between the ages of 18 and 80", "aged 18 to 35", "âgés de 18 à 35 ans",
    # "entre 18 et 35 ans" after a word of age
    _p(
        rf"\b(?:between\s+the\s+ages\s+of|aged\s+between|aged|ages)\s+{_NUM}\s*"
        rf"(?:and|to|-|–)\s*{_NUM2}\b",
        PLO.WorkerAge,
        "years",
    ),
    _p(
        rf"\b(?:ages?|agee?s?)\s+(?:de|entre)\s+{_NUM}\s*(?:a|et|-|–)\s*{_NUM2}\s+ans\b",
        PLO.WorkerAge,
        "years",
    ),
    _p(rf"\baged\s+{_NUM}\b", PLO.WorkerAge, "years"),
    # "Akol, who is 28, works…", "Awa, qui a 31 ans"
    _p(rf"\bwho\s+is\s+{_NUM}(?=\s*,|\s+years\s+old\b)", PLO.WorkerAge, "years"),
    _p(rf"\bqui\s+a\s+{_NUM}\s+ans\b", PLO.WorkerAge, "years"),
    _p(rf"\b{_NUM}[-\s]years?[-\s]old\b", PLO.WorkerAge, "years"),
    # tenure: "depuis une décennie", "depuis cinq ans" (of a person's work), "for the past two
    # years", "with 20 years of experience"
    _p(rf"\btravaill\w*\s+depuis\s+(?:une\s+)?{_NUM}(?:\s+ans)?\b", PLO.YearsOfTenure, "years"),
    _p(rf"\bdepuis\s+{_NUM}\s+ans\s*,?\s+(?:il|elle|je|j')\s+\w+", PLO.YearsOfTenure, "years"),
    _p(rf"\bfor\s+the\s+(?:past|last)\s+{_NUM}\s+years\b", PLO.YearsOfTenure, "years"),
    _p(
        rf"\bwith\s+(?:over\s+|more\s+than\s+)?{_NUM}\s+years\s+of\s+experience\b",
        PLO.YearsOfTenure,
        "years",
    ),
    _p(rf"\b{_NUM}\s+ans\s+d'experience\b", PLO.YearsOfTenure, "years"),
    # working time: "huit heures par jour", "20-30 hours weekly", "six jours par semaine",
    # "jusqu'à 70 heures/semaine", "entre 4 et 6 heures par jour"
    _p(rf"\b{_HEDGE}?{_RANGE}\s+{_HOURS}\s*{_PER_DAY}\b", PLO.DailyWorkingHours, "hours", "day"),
    # "des journées de neuf heures", "ten-hour days", "12-hour workdays"
    _p(rf"\bjournees?\s+de\s+{_RANGE}\s+heures\b", PLO.DailyWorkingHours, "hours", "day"),
    _p(rf"\b{_NUM}[-\s]hours?\s+(?:days|workdays|working\s+days)\b", PLO.DailyWorkingHours,
       "hours", "day"),
    _p(rf"\b{_HEDGE}?{_RANGE}\s+{_HOURS}\s*{_PER_WEEK}\b", PLO.WeeklyWorkingHours, "hours",
       "week"),
    _p(rf"\b{_RANGE}\s+(?:jours|days)\s+{_PER_WEEK}\b", PLO.WorkingDaysPerWeek, "days", "week"),
    # household: "père de trois enfants", "a mother of two", "father of 3 children"
    _p(rf"\b(?:pere|mere|parent)\s+(?:celibataire\s+)?de\s+{_NUM}\s+enfants\b",
       PLO.NumberOfChildren, "persons"),
    _p(rf"\b(?:father|mother|parent)\s+of\s+{_NUM}\b(?!\s*(?:%|percent|per\s+cent))",
       PLO.NumberOfChildren, "persons"),
    # "leurs quatre jeunes enfants", "her two children", "elle a trois enfants", "has 3 kids"
    _p(rf"\b(?:leurs?|ses|mes|nos|vos|their|his|her|my|our|a|ont|avait|avaient|has|have|had)"
       rf"\s+{_NUM}\s+(?:(?:jeunes|petits|young|little|small)\s+)?(?:enfants|children|kids)\b",
       PLO.NumberOfChildren, "persons"),
    # unpaid work: "no compensation for up to 20 hours of labor", "30 unpaid hours",
    # "20 heures non payées", "jusqu'à 10 heures de travail gratuit"
    _p(rf"\b(?:no|without)\s+(?:compensation|pay|payment)\s+for\s+{_HEDGE}?{_NUM}\s+hours\b",
       PLO.UnpaidWorkingHours, "hours"),
    _p(rf"\b{_HEDGE}?{_NUM}\s+(?:unpaid\s+hours|hours\s+of\s+unpaid)\b", PLO.UnpaidWorkingHours,
       "hours"),
    _p(rf"\b{_HEDGE}?{_NUM}\s+heures\s+(?:de\s+travail\s+)?(?:non\s+(?:payees|remunerees)|"
       rf"gratuites?|sans\s+(?:etre\s+)?(?:payee?s?|remunere\w*))", PLO.UnpaidWorkingHours,
       "hours"),
)  # fmt: skip

_SELF_EVIDENT = frozenset(
    (
        PLO.DailyWorkingHours,
        PLO.WeeklyWorkingHours,
        PLO.WorkingDaysPerWeek,
        PLO.YearsOfTenure,
        PLO.UnpaidWorkingHours,
    )
)
"""Profile figures whose construction says they describe someone's work ("huit heures par
jour", "20 years of experience"): kept when the text names no one they describe (a portrait
that says "la jeune femme"), as the figure is true whoever it is about. An age is kept only
with whose it is: "À 18 ans, on peut…" is about no worker."""

_TENURE_EXCLUDED = re.compile(r"\b(?:l'ile|le pays|la ville|l'entreprise|la societe|the company)\b")
"""Tenure is a person's: "Depuis cinq ans, l'île joue un rôle central" is not."""


def _value(token: str | None) -> Decimal | None:
    if token is None:
        return None
    if token.isdigit():
        return Decimal(token)
    value = _WORDS.get(token)
    return None if value is None else Decimal(value)


def find_profile_figures(
    text: str,
    folded: tuple[str, list[int]],
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
) -> list[Observation]:
    """The age, tenure and working-time figures of a document, with whose they are.
    `folded` is the document's folded text with the offset in `text` of each character."""
    folded_text, origin = folded
    found: list[Observation] = []
    taken: list[tuple[int, int]] = []
    for pattern, match in _matches(folded_text):
        second = match.group("m") if "m" in match.re.groupindex else None
        last = match.end("m") if second else match.end("n")
        figure = (origin[match.start("n")], origin[last - 1] + 1)
        span = (origin[match.start()], origin[match.end() - 1] + 1)
        if any(a < figure[1] and figure[0] < b for a, b in taken):
            continue
        low, high = _value(match.group("n")), _value(second)
        folded_sentence = fold(text[slice(*_sentence(sentences, figure[0]))])
        if low is None or (high is not None and high < low):
            continue
        s_start, s_end = trim(text, *_sentence(sentences, figure[0]))
        if pattern.indicator == PLO.YearsOfTenure and _TENURE_EXCLUDED.search(folded_sentence):
            continue
        person, population, area = _whose(text, mentions, sentences, (s_start, s_end), figure[0])
        if person is None and population is None and pattern.indicator not in _SELF_EVIDENT:
            continue
        taken.append(figure)
        hedge = match.group("q") if "q" in match.re.groupindex else None
        found.append(
            _observation(pattern, (s_start, s_end), span, (low, high), person, population, area,
                         _HEDGES.get(" ".join(hedge.split())) if hedge else None)
        )  # fmt: skip
    for start, end, low, high in _decade_ages(folded_text):
        figure = (origin[start], origin[end - 1] + 1)
        if any(a < figure[1] and figure[0] < b for a, b in taken):
            continue
        sentence = trim(text, *_sentence(sentences, figure[0]))
        person, population, area = _whose(text, mentions, sentences, sentence, figure[0])
        if person is None and population is None:
            continue
        taken.append(figure)
        found.append(_observation(_AGE, sentence, figure, (low, high), person, population, area))
    for mention in mentions:
        # "Irene Nakato, 27, annote…", "Jerome Bautista, 26, said", "Elina, 25 ans": an age
        # in apposition
        age = _APPOSED_AGE.match(text, mention.end)
        if mention.kind != "person" or mention.cls in REPORTERS or age is None:
            continue
        figure = age.span(1)
        if any(a < figure[1] and figure[0] < b for a, b in taken):
            continue
        taken.append(figure)
        sentence = trim(text, *_sentence(sentences, figure[0]))
        found.append(_observation(_AGE, sentence, figure, (Decimal(age[1]), None), mention, None))
    return sorted(found, key=lambda o: (o.figure_start, o.figure_end))


_DECADE = re.compile(
    r"\b(?:in|dans)\s+(?:his|her|their|sa|la)\s+(?:(?P<part>early|mid|late)[-\s]?)?"
    r"(?:(?P<digits>[2-8]0)'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|"
    r"vingtaine|trentaine|quarantaine|cinquantaine|soixantaine))\b"
)
"""An age said by its decade: "in her late 20s", "a woman in her forties", "dans la
trentaine"."""
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
}  # fmt: skip
_DECADE_PARTS = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _decade_ages(folded: str) -> Iterator[tuple[int, int, Decimal, Decimal]]:
    """(start, end, youngest, oldest) of each age said by its decade, in the folded text."""
    for match in _DECADE.finditer(folded):
        decade = int(match["digits"]) if match["digits"] else _DECADE_WORDS[match["word"]]
        low, high = _DECADE_PARTS[match["part"]]
        yield match.start(), match.end(), Decimal(decade + low), Decimal(decade + high)


_APPOSED_AGE = re.compile(r",\s*([1-9][0-9])\s*(?:,|ans\b|years\s+old\b)")
_AGE = _Pattern(_APPOSED_AGE, PLO.WorkerAge, "years", None)


def _observation(
    pattern: _Pattern,
    sentence: tuple[int, int],
    span: tuple[int, int],
    values: tuple[Decimal, Decimal | None],
    person: Mention | None,
    population: str | None,
    area: Mention | None = None,
    qualifier: str | None = None,
) -> Observation:
    low, high = values
    return Observation(
        start=sentence[0],
        end=sentence[1],
        figure_start=span[0],
        figure_end=span[1],
        indicator=pattern.indicator,
        value=low if high is None else None,
        min_value=low if high is not None else None,
        max_value=high,
        unit=pattern.unit,
        per_unit=pattern.per_unit,
        population=population,
        organisation=None,
        area=area,
        person=person,
        period=None,
        qualifier=qualifier,
        confidence=0.7,
    )


def _matches(folded: str) -> Iterator[tuple[_Pattern, re.Match[str]]]:
    for pattern in _PATTERNS:
        for match in pattern.regex.finditer(folded):
            yield pattern, match


def _sentence(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in sentences:
        if start <= offset < end:
            return start, end
    return offset, offset + 1


_POSSESSIVE = re.compile(r"\b(?:son|sa|ses|his|her)\b")
"""A possessive makes a sentence about one person, even when it names a kind of worker."""

_PORTRAIT_REACH = 1200
"""How far back (characters) the person a portrait is about stays its subject."""


def _whose(
    text: str,
    mentions: list[Mention],
    sentences: list[tuple[int, int]],
    sentence: tuple[int, int],
    offset: int,
) -> tuple[Mention | None, str | None, Mention | None]:
    """The person (named in the sentence, else the last one before it) or the population
    (named in the sentence, or by a plural pronoun: "Ils travaillent six jours par semaine"
    after "…des modérateurs de TikTok en Colombie") a profile figure describes, and the
    place of that population."""
    people = [m for m in mentions if m.kind == "person" and m.cls not in REPORTERS]
    in_sentence = [m for m in people if sentence[0] <= m.start and m.end <= sentence[1]]
    if in_sentence:
        # the person the clause opens with ("Luis est un étudiant de 28 ans"), else the one
        # it goes on to name ("À 27 ans, Chandmani Kerketta est…")
        opener = nearest(in_sentence, offset, before_only=True)
        return opener or nearest(in_sentence, offset), None, None
    again = person_named_again(text, people, *sentence)
    if again is not None:
        return again, None, None
    words = text[sentence[0] : sentence[1]]
    earlier_people = [m for m in people if sentence[0] - _PORTRAIT_REACH <= m.start < sentence[0]]
    if earlier_people and _POSSESSIVE.search(fold(words)):
        # "Huit heures par jour, son travail de modérateur…": one person's, named before
        return nearest(earlier_people, offset, before_only=True), None, None
    population = population_label(words, None)
    if population is not None:
        return None, population, None
    pronoun = subject_pronoun(text, sentence[0], offset)
    if pronoun is not None and pronoun[1]:
        index = next(i for i, (a, b) in enumerate(sentences) if a <= sentence[0] < b)
        found = population_before(text, mentions, sentences, index)
        if found is not None:
            return None, found[0], found[1]
    earlier = [m for m in people if sentence[0] - _PORTRAIT_REACH <= m.start < sentence[0]]
    return nearest(earlier, offset, before_only=True), None, None
