"""The number grammar: find amounts, counts, percentages and pay rates in French and English.

The claims stage turns figures into `plo:StatisticalObservation` / `plo:PayRate` nodes; this
module only says *where* a figure is and *what* it says (value or range, unit, per-unit,
hedge). It is pure Python: every pattern is compiled once at import and the scanner visits only
the (sparse) digits and number words of a text, so it runs over thousands of documents without
spaCy. Offsets are code points into exactly the string given (no normalisation: a text written
with combining accents is matched only where its digits and symbols are).

Decisions the brief left open, stated once here:

* The expression span ``text[start:end]`` *includes* a leading hedge ("près de 15 000",
  "plus d'un million", "about $20") and a range's opening word ("entre 5 et 25 centimes",
  "from $20 to $50"), so that the quote carries the qualification the claim depends on.
* ``approximate`` is true whenever a qualifier is present: "about"/"nearly" are estimates and
  "more than", "at least", "up to", "less than" are bounds, not exact values. ``qualifier`` is
  one of ``about``, ``nearly``, ``more than``, ``at least``, ``up to``, ``less than``.
* Ranges always satisfy ``min_value <= max_value``. "de 30 % à 20 %" (the first bound larger)
  is read as a change from one value to another, so it is returned as two single quantities,
  never as a swapped range.
* French reads a comma as decimal ("1,000" is 1) and dotted groups of three as thousands
  ("1.500,50 €" is 1500.50); any other dot is decimal ("1.5 million"). English reads commas
  and spaces as thousands separators and the dot as decimal.
* Amounts are in the currency's main unit: "5 centimes" is ``0.05``. "centimes"/"cents" that
  name no currency take the currency (EUR or USD) of the nearest amount in the same text that
  names one; with none, "centimes" is EUR and "cents" USD. (Seed 003 speaks of dollars, so its
  "entre 5 et 25 centimes" is 0.05-0.25 USD, as `docs/graph-model.md` shows.)
* A currency word that does not say which currency ("pesos", "shillings" without an adjective)
  still belongs to the expression but gives ``unit=None``: no ISO code is guessed.
* Not reported: years (a bare four-digit 1800-2099), dates, clock times, durations and ages
  ("14 jours", "35 ans"), footnote and list markers, numbers glued to letters ("Covid-19",
  "Bac+2", "Paris 7e", "100m"), fractions ("2/3"), codes with a leading zero, vague
  quantities ("des milliers", "hundreds of thousands"), and number words not followed by a
  scale word or a currency or percent word ("une plateforme", "trois"; "un million" is read).
* A number right after a hyphen or minus sign is not read ("-5 %"): the sign of a change is
  not something this grammar can vouch for. English takes no decimal comma ("€3,50" is 3).
* Per-units are read only after a currency amount (a pay rate), and only in prepositional
  forms ("par mois", "de l'heure", "a month", "/h", "pour 1000 mots"), not "mensuel"/"monthly".
* Number words open a range only as its second bound; "entre deux et trois millions" yields
  "trois millions" alone.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from labourgraph.extract.number_words import (
    CURRENCY_FAMILIES,
    DEC_EN,
    DEC_FR,
    ELLIPSIS_AFTER,
    ELLIPSIS_BEFORE,
    FLAGS,
    FRACTION_SRC,
    FRACTIONS,
    INT_EN,
    INT_FR,
    MONTHS,
    MULTIPLIED_BY,
    MULTIPLIERS,
    MULTIPLYING_WORDS,
    NOT_LETTER_AFTER,
    NUM_START_SRC,
    PER_PLURAL,
    PER_SRC,
    PREFIX_SRC,
    PREFIXES,
    QUALIFIER_SRC,
    QUALIFIERS,
    RUPEE_COUNTRIES,
    RUPEE_WORDS,
    SCALE_ABBR,
    SCALE_WORD_SRC,
    SCALES,
    SEP,
    SP,
    TIME_UNITS,
    UNIT_AFTER,
    UNITS,
    WORDS_EN,
    WORDS_FR,
    A,
)

__all__ = [
    "Quantity",
    "elliptic_counts",
    "find_number_words",
    "find_quantities",
    "parse_number",
    "shares_hedge",
]


@dataclass(frozen=True)
class Quantity:
    """One quantity expression found in a text.

    >>> q = find_quantities("payées entre 5 et 25 centimes d'euro.")[0]
    >>> (q.min_value, q.max_value, q.unit)
    (Decimal('0.05'), Decimal('0.25'), 'EUR')
    """

    start: int
    end: int
    value: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    unit: str | None
    per_unit: str | None
    approximate: bool
    qualifier: str | None


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source, FLAGS)


MAX_NUMBER_WORDS = 16
"""Most words a number written in words may take ("quatre-vingt-dix-neuf mille neuf cent
quatre-vingt-dix-neuf" takes ten)."""


def _word_seq_src(words: dict[str, int], lang: str) -> str:
    alts = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    if lang == "fr":
        alts = rf"quatre-vingts?|{alts}"
        joiner = rf"(?:-et-|-|{SP}+et{SP}+(?=(?:un|une|onze)\b)|{SP}+)"
    else:
        joiner = rf"(?:-|(?<=hundred){SP}+and{SP}+|{SP}+)"
    # at most MAX_NUMBER_WORDS words: a longer run is no number anyone writes, and the bound
    # keeps the scan linear (unbounded, a page of "vingt-et-un vingt-et-un …" backtracked
    # through the whole run from every word: quadratic, 81 s for 32 KB)
    return rf"\b(?:{alts})(?:{joiner}(?:{alts})){{0,{MAX_NUMBER_WORDS - 1}}}\b"


@dataclass(frozen=True)
class _Grammar:
    """The compiled patterns of one language."""

    lang: str
    word_numbers: re.Pattern[str]
    any_words: re.Pattern[str]  # number words whatever follows them
    number: re.Pattern[str]
    bound: re.Pattern[str]
    words: dict[str, int]


def _grammar(lang: str) -> _Grammar:
    int_src, dec_src = (INT_FR, DEC_FR) if lang == "fr" else (INT_EN, DEC_EN)
    words = WORDS_FR if lang == "fr" else WORDS_EN
    word_src = _word_seq_src(words, lang)
    # Number words count only when a scale word or a currency *word* follows ("un million",
    # "deux dollars"); the look-behind drops symbols so that "a $5 fee" is not "1 USD". The
    # leading class of first letters halves the scanning time.
    initials = "".join(sorted({w[0] for w in words} | {"q"}))
    word_ahead = rf"(?={SP}+(?:{SCALE_WORD_SRC}|{UNIT_AFTER}(?<=[^\W\d_])))"
    word_numbers = _compile(rf"(?=[{initials}]){word_src}{word_ahead}")
    any_words = _compile(rf"(?=[{initials}]){word_src}")
    number = _compile(
        rf"(?:(?P<int>{int_src})(?P<dec>{dec_src})|(?P<w>{word_src}))"
        rf"(?:{SP}+(?P<scale>{SCALE_WORD_SRC}))?"
    )
    bound = _compile(rf"(?P<int>{int_src})(?P<dec>{dec_src})")
    return _Grammar(lang, word_numbers, any_words, number, bound, words)


_GRAMMARS = {lang: _grammar(lang) for lang in ("fr", "en")}
_SCALE_AFTER = _compile(
    rf"{SP}+(?P<w>{SCALE_WORD_SRC})|{SP}?(?-i:(?P<a>Mrds?|Mds?|Md|mn|bn|M|m|k|K)){NOT_LETTER_AFTER}"
)
_COUNT_NOUN_AFTER = _compile(
    rf"{SP}+(?:workers|people|users|members|employees|freelancers|annotators|moderators|"
    r"contractors|followers|subscribers|participants|tasks|travailleu\w+|personnes|utilisat\w+|"
    r"membres|salari\w+|employ\w+|freelances?|annotat\w+|mod[ée]rat\w+|abonn\w+|t[âa]ches|"
    r"inscrits|participant\w*)\b"
)
"""The people or tasks a bare "k" or "bn" counts ("500k travailleurs", "2bn users"); after any
other word it is no scale ("a 5k run", "12 K of memory")."""
_UNIT_AT = _compile(rf"{SP}*(?:{UNIT_AFTER})")
_UNIT_AFTER_SCALE = _compile(rf"{SP}*(?:(?:de{SP}+|d{A}|of{SP}+))?(?:{UNIT_AFTER})")
_PREFIX_BEFORE = _compile(rf"(?:{PREFIX_SRC}){SP}?\Z")
_PER_AT = _compile(PER_SRC)
_QUALIFIER_BEFORE = _compile(rf"(?<![^\W\d_])(?:{QUALIFIER_SRC})\Z")
_RANGE_OPEN_BEFORE = _compile(
    rf"(?<![^\W\d_])(?:(?P<pair>entre|between)|(?P<span>de|du|from)){SP}+\Z"
)
_RANGE_JOIN = _compile(
    rf"{SP}*(?P<dash>[-\u2010\u2011\u2013\u2014]){SP}*"
    rf"|{SP}+(?:(?P<et>et|and)|(?P<to>à|to)){SP}+"
)
_FULL_DATE = _compile(
    r"[0-9]{1,2}[./-][0-9]{1,2}[./-](?:[0-9]{4}|[0-9]{2})(?![0-9])|[0-9]{4}-[0-9]{2}-[0-9]{2}"
)
_MONTH_AFTER = _compile(rf"{SP}*(?:{MONTHS})\.?{NOT_LETTER_AFTER}")
_MONTH_BEFORE = _compile(rf"(?<![^\W\d_])(?:{MONTHS})\.?{SP}+\Z")
_TIME_AFTER = _compile(rf"{SP}*(?:{TIME_UNITS}){NOT_LETTER_AFTER}|:[0-9]{{2}}|{SP}?h[0-9]")
_HOUR_BEFORE = _compile(rf"[0-9]{SP}*h{SP}*\Z")
_REFERENCE_BEFORE = _compile(rf"(?:(?<![^\W\d_])(?:pp?|art|vol|no|nº)\.|n°|nº|#|\[){SP}*\Z")
_RANK_BEFORE = _compile(rf"(?<![^\W\d_])(?:top|rang|rank|classement){SP}+\Z")
_NAME_BEFORE = _compile(rf"(?<![^\W\d_])(?-i:[A-Z][A-Z&]{{1,5}}){SP}\Z")
_NAME_END_AFTER = _compile(rf"{SP}*(?:[,.;:)]|\Z)")
_HEADING_AFTER = _compile(rf"{SP}+(?P<title>)[^\W\d_][^\n.!?:;,]{{0,60}}(?:\n|\Z)")
_LIST_MARKER_BEFORE = _compile(rf"(?:\A|\n){SP}*(?:[•·*\u2013\u2014-]{SP}*)?\Z")
_MARKER_AFTER = _compile(r"[.)]")
_FRACTION_AFTER = _compile(r"/[0-9]")
_NUM_START = _compile(NUM_START_SRC)
_CODE = _compile(rf"0[0-9]+(?:[-.{SEP[1:-1]}][0-9]+)*")

_FRACTION = _compile(rf"(?<![^\W\d_])(?:{FRACTION_SRC})(?![^\W\d_])")
_ONE_IN = _compile(
    rf"(?<![^\W\d_])(?:one|un|une|1){SP}+(?:in|out{SP}+of|sur){SP}+"
    rf"(?P<n>[1-9][0-9]?|[^\W\d_]+)(?=[^\S\n]+[^\W\d_])"
)
"""A share said as a ratio to one, before what it counts: "one in four annotators", "one out
of five workers", "un sur deux"."""

_BEHIND = 48  # characters looked at before a number for hedges, range openers, currencies


def _lang(lang: str) -> _Grammar:
    key = lang[:2].casefold()
    if key not in _GRAMMARS:
        raise ValueError(f"unsupported language {lang!r}: expected 'fr' or 'en'")
    return _GRAMMARS[key]


def _clean(value: Decimal) -> Decimal:
    """Drop a meaningless fractional zero ("7500000.0" -> "7500000") so values compare and
    print as people write them."""
    integral = value.to_integral_value()
    return integral if value == integral else value


def _words_value(phrase: str, words: dict[str, int]) -> Decimal | None:
    """Value of a number-word phrase ("vingt et un", "deux cents", "quatre-vingt-dix")."""
    tokens = re.split(r"[-\s]+", phrase.casefold().replace("quatre-vingt", "quatre_vingt"))
    total = current = 0
    for token in tokens:
        if token in ("et", "and"):
            continue
        if token in ("quatre_vingt", "quatre_vingts"):
            current += 80
            continue
        value = words.get(token)
        if value is None:
            return None
        if token in MULTIPLIERS:
            if value >= 1000:
                total += max(current, 1) * value
                current = 0
            else:
                current = max(current, 1) * value
        else:
            current += value
    return Decimal(total + current)


_MAX_DIGITS = 24
"""More digits than any figure a text states (10^24): a run like a serial number or a hash,
and a number that large overflows `decimal`'s exponent once scaled."""


def _too_long(number: re.Match[str]) -> bool:
    return len(number["int"]) + len(number["dec"] or "") > 2 * _MAX_DIGITS or (
        sum(ch.isdigit() for ch in number["int"]) > _MAX_DIGITS
    )


def _digits_value(int_part: str, dec_part: str) -> Decimal:
    digits = "".join(ch for ch in int_part if "0" <= ch <= "9")
    fraction = dec_part[1:] if dec_part else ""
    return Decimal(f"{digits}.{fraction}" if fraction else digits)


def parse_number(token: str, lang: str = "fr") -> Decimal:
    """Read one written number, with an optional scale word, as a Decimal.

    Raises ValueError when the whole token is not a number in that language's conventions.

    >>> parse_number("1\u202f410\u202f000")
    Decimal('1410000')
    >>> parse_number("7,5 millions")
    Decimal('7500000')
    >>> parse_number("1,000", lang="en")
    Decimal('1000')
    >>> parse_number("vingt et un")
    Decimal('21')
    """
    grammar = _lang(lang)
    match = grammar.number.fullmatch(token.strip())
    if match is None:
        raise ValueError(f"not a number in {grammar.lang!r}: {token!r}")
    if match["w"] is not None:
        value = _words_value(match["w"], grammar.words)
        if value is None:
            raise ValueError(f"not a number in {grammar.lang!r}: {token!r}")
    else:
        value = _digits_value(match["int"], match["dec"])
    if match["scale"]:
        factor = SCALES[grammar.lang].get(match["scale"].casefold())
        if factor is None:
            raise ValueError(f"not a number in {grammar.lang!r}: {token!r}")
        value *= factor
    return _clean(value)


# --------------------------------------------------------------------------------------------
# Scanning


@dataclass(frozen=True)
class _Amount:
    """One number with what is glued to it: currency sign before, scale word and unit after."""

    start: int  # the currency sign before the number, or the number
    num_start: int
    num_end: int
    end: int  # after the scale word and the unit
    raw: Decimal  # the number as written
    scale: Decimal | None
    unit: str | None
    has_unit: bool  # a unit was read, even one without an ISO code ("pesos")
    exponent: int  # 2 for centimes/cents
    cents_guess: bool  # "centimes"/"cents" naming no currency
    is_word: bool

    @property
    def value(self) -> Decimal:
        value = self.raw * (self.scale or 1)
        return value.scaleb(-self.exponent) if self.exponent else value


@dataclass(frozen=True)
class _Found:
    quantity: Quantity
    cents_guess: bool


_PLUS_AFTER = _compile(r"\+(?![\w+])")
_PREFIX_AT = _compile(rf"(?:{PREFIX_SRC}){SP}?(?=[0-9])")
_EQUIVALENT_OPEN = _compile(rf"{SP}*\({SP}*")
_EQUIVALENT_CLOSE = _compile(rf"{SP}*\)")


def _read_amount(
    text: str, num_start: int, num_end: int, raw: Decimal, is_word: bool, lang: str, floor: int
) -> _Amount | None:
    """The amount whose number is text[num_start:num_end]; None when the number is glued to
    letters that are not a unit ("100m", "7e", "20Jan")."""
    start, unit, has_unit = num_start, None, False
    prefix = _PREFIX_BEFORE.search(text, max(floor, num_start - 6), num_start)
    if prefix is not None:
        if prefix["code"] is not None:
            unit = prefix["code"]
        else:
            unit = PREFIXES[int(prefix.lastgroup[1:])][1]  # type: ignore[index]
        has_unit, start = True, prefix.start()
    pos, scale, abbreviated, metric = num_end, None, False, False
    for _ in range(2):  # "1,5 million", "mille milliards"
        found = _SCALE_AFTER.match(text, pos)
        if found is None or (found["a"] and (abbreviated or scale is not None)):
            break
        if found["a"]:
            factor, abbreviated = SCALE_ABBR[found["a"].casefold()], True
            metric = found["a"] in ("m", "M")
        else:
            named = SCALES[lang].get(found["w"].casefold())
            if named is None:
                break
            factor = named
        scale, pos = (scale or 1) * factor, found.end()
    exponent, guess = 0, False
    if not has_unit:
        found = (_UNIT_AFTER_SCALE if scale is not None else _UNIT_AT).match(text, pos)
        if found is not None:
            index = int(found.lastgroup[1:])  # type: ignore[index]
            bare_cents = UNITS[index][3]
            # in French "deux cents" is two hundred, never two US cents
            if not (bare_cents and is_word and lang == "fr"):
                _, unit, exponent, guess = UNITS[index]
                has_unit, pos = True, found.end()
    if abbreviated and (
        unit == "percent" or (not has_unit and (metric or not _COUNT_NOUN_AFTER.match(text, pos)))
    ):
        # "Corona 100m": a bare "m" is metres, not millions; but "500k travailleurs", "2bn
        # users": a thousand or a billion of what the noun after it counts
        return None
    if pos == num_end and num_end < len(text) and (text[num_end].isalpha() or text[num_end] == "_"):
        return None
    return _Amount(start, num_start, num_end, pos, raw, scale, unit, has_unit, exponent, guess,
                   is_word)  # fmt: skip


def _not_a_figure(text: str, amount: _Amount) -> bool:
    """True for a bare number that is a year, date, time, duration, marker or code."""
    if amount.has_unit or amount.scale is not None:
        return False
    s, e = amount.num_start, amount.num_end
    digits = text[s:e]
    if len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2099:
        return True  # "en 2019", "(Tubaro et al., 2020)"
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return True  # codes, phone numbers, "09"
    if _TIME_AFTER.match(text, e) or _MONTH_AFTER.match(text, e) or _FRACTION_AFTER.match(text, e):
        return True  # "9 h", "14 jours", "35 ans", "13 juin", "2/3"
    window = max(0, s - _BEHIND)
    if _HOUR_BEFORE.search(text, window, s) or _REFERENCE_BEFORE.search(text, window, s):
        return True  # the "30" of "17 h 30", "p. 12", "[3]"
    if _RANK_BEFORE.search(text, window, s):
        return True  # "the top 10 ways", "au rang 3": a rank, not a quantity
    if _NAME_BEFORE.search(text, window, s) and _NAME_END_AFTER.match(text, e):
        return True  # "l'indice CAC 40, qui recule", "the S&P 500.": part of a name
    line_start = text.rfind("\n", 0, s) + 1
    heading = _HEADING_AFTER.match(text, e) if not text[line_start:s].strip() else None
    if heading is not None and text[heading.end("title")].isupper():
        return True  # "1 Introduction", "2 Related work": a section number
    if amount.raw <= 31 and _MONTH_BEFORE.search(text, window, s):
        return True  # "Jan 20", "March 5"
    if text[e : e + 1] == "]":
        return True
    if _MARKER_AFTER.match(text, e):
        if text[e] == "." and e + 1 < len(text) and text[e + 1].isalpha():
            return True  # "1.Antonio"
        line_start = text.rfind("\n", 0, s) + 1
        return _LIST_MARKER_BEFORE.search(text, max(0, line_start - 1), s) is not None
    return False


def _amount_at(
    text: str, start: int, word: re.Match[str] | None, grammar: _Grammar, floor: int
) -> tuple[_Amount | None, int]:
    """The amount whose number starts at `start` (a number word when `word` is given), and
    where that number ends."""
    if word is not None:
        raw = _words_value(word.group(), grammar.words)
        if raw is None:
            return None, word.end()
        return _read_amount(text, start, word.end(), raw, True, grammar.lang, floor), word.end()
    number = grammar.bound.match(text, start)
    if number is None:  # unreachable: a digit always starts a number
        return None, start + 1
    if _too_long(number):
        return None, number.end()
    raw = _digits_value(number["int"], number["dec"])
    amount = _read_amount(text, start, number.end(), raw, False, grammar.lang, floor)
    return amount, number.end()


def _starts(text: str, grammar: _Grammar) -> Iterator[tuple[int, re.Match[str] | None]]:
    """Where numbers start, in text order: digits (None) and number words (their match)."""
    digits = ((m.start(), None) for m in _NUM_START.finditer(text))
    words = ((m.start(), m) for m in grammar.word_numbers.finditer(text))
    return heapq.merge(digits, words, key=lambda item: item[0])


def _second_bound(text: str, pos: int, grammar: _Grammar) -> _Amount | None:
    """The amount that starts at pos, right after a range joiner ("25 centimes", "$50")."""
    sign = _PREFIX_AT.match(text, pos)
    number = grammar.bound.match(text, sign.end() if sign else pos)
    if number is None:
        return None
    if _too_long(number):
        return None
    raw = _digits_value(number["int"], number["dec"])
    amount = _read_amount(text, number.start(), number.end(), raw, False, grammar.lang, pos)
    if amount is None or amount.start != pos:
        return None
    return amount


def _equivalent_after(text: str, pos: int, grammar: _Grammar) -> _Amount | None:
    """The same amount in another currency, in brackets right after an amount: the "($18)" of
    "Ksh2,322 ($18)", the "(60 euros)" of "300 000 ariary (60 euros)"."""
    opened = _EQUIVALENT_OPEN.match(text, pos)
    if opened is None:
        return None
    amount = _second_bound(text, opened.end(), grammar)
    if amount is None or amount.unit is None or amount.unit == "percent":
        return None
    closed = _EQUIVALENT_CLOSE.match(text, amount.end)
    return None if closed is None else amount


def _qualified(text: str, start: int, floor: int) -> tuple[int, str | None]:
    """Extend start over a hedge ("près de", "more than") and name it."""
    found = _QUALIFIER_BEFORE.search(text, max(floor, start - _BEHIND), start)
    if found is None:
        return start, None
    return found.start(), QUALIFIERS[int(found.lastgroup[1:])][1]  # type: ignore[index]


def _per_unit(text: str, pos: int) -> tuple[str | None, int]:
    """What a pay rate is paid for ("par mois" -> "month", "pour 1000 mots" -> "1000 words")."""
    found = _PER_AT.match(text, pos)
    if found is None:
        return None, pos
    name = next(k[2:] for k, v in found.groupdict().items() if k.startswith("n_") and v)
    name = "hour" if name == "hour2" else name
    if found["count"]:
        count = int(re.sub(r"[^0-9]", "", found["count"]))
        if count != 1:
            name = f"{count} {PER_PLURAL.get(name, name)}"
    return name, found.end()


def _quantity(
    text: str,
    start: int,
    end: int,
    values: tuple[Decimal | None, Decimal | None, Decimal | None],
    source: _Amount,
    floor: int,
) -> _Found:
    per_unit = None
    plus = _PLUS_AFTER.match(text, end) is not None  # "100+ pieces of content": a lower bound
    end += plus
    if source.has_unit and source.unit not in ("percent", "times"):
        per_unit, end = _per_unit(text, end)
    start, qualifier = _qualified(text, start, floor)
    if qualifier is None and plus:
        qualifier = "more than"
    value, low, high = (None if v is None else _clean(v) for v in values)
    quantity = Quantity(start, end, value, low, high, source.unit, per_unit,
                        qualifier is not None, qualifier)  # fmt: skip
    return _Found(quantity, source.cents_guess)


def _range(
    text: str, first: _Amount, second: _Amount, start: int, explicit: bool, floor: int
) -> _Found | None:
    """Unify the bounds of "entre 5 et 25 centimes" / "$20-$50"; None when they do not form a
    range (different units, a unit on the first bound only without an opening word, min > max:
    "de 30 % à 20 %" is a change between two values, not a range)."""
    if first.has_unit and second.has_unit and first.unit != second.unit:
        return None
    if first.has_unit and not second.has_unit and not explicit:
        return None
    source = second if second.has_unit else first
    scale = first.scale
    if scale is None and second.scale is not None and first.raw <= second.raw:
        scale = second.scale  # "entre 1 et 2 millions"
    # each bound keeps its own exponent when it names its currency: "entre 10 cents et 0,25
    # dollar" is 0.10 to 0.25 dollars; an unnamed first bound takes the second's
    own = first.has_unit and second.has_unit
    low = replace(first, scale=scale, unit=source.unit,
                  exponent=first.exponent if own else source.exponent)  # fmt: skip
    high = replace(second, unit=source.unit, exponent=source.exponent)
    if low.value > high.value:
        return None
    return _quantity(text, start, second.end, (None, low.value, high.value), source, floor)


def _equivalent_ranges(
    text: str, first: _Amount, grammar: _Grammar, floor: int
) -> list[_Found] | None:
    """A range stated in one currency with each bound converted into another: "entre 300 000
    ariary (60 euros) et 500 000 ariary (100 euros)", "between Ksh2,322 ($18) and Ksh2,580
    ($20)". Two figures, each a range: the first spans the opening word to the second bound,
    the converted one its second bound (the spans of a text's quantities never overlap)."""
    if first.unit is None or first.unit == "percent":
        return None
    low_equivalent = _equivalent_after(text, first.end, grammar)
    if low_equivalent is None or low_equivalent.unit == first.unit:
        return None
    closed = _EQUIVALENT_CLOSE.match(text, low_equivalent.end)
    join = _RANGE_JOIN.match(text, closed.end()) if closed is not None else None
    if join is None:
        return None
    second = _second_bound(text, join.end(), grammar)
    if second is None or second.unit != first.unit:
        return None
    high_equivalent = _equivalent_after(text, second.end, grammar)
    if high_equivalent is None or high_equivalent.unit != low_equivalent.unit:
        return None
    opener = _RANGE_OPEN_BEFORE.search(text, max(floor, first.start - 12), first.start)
    pair = opener is not None and opener["pair"] is not None
    if not (join["dash"] or (join["et"] and pair) or (join["to"] and not pair)):
        return None
    start = opener.start() if opener is not None else first.start
    main = _range(text, first, second, start, True, floor)
    converted = _range(text, low_equivalent, high_equivalent, high_equivalent.start, True,
                       high_equivalent.start)  # fmt: skip
    if main is None or converted is None:
        return None
    return [main, converted]


def _expression(
    text: str, first: _Amount, grammar: _Grammar, floor: int
) -> tuple[list[_Found], int]:
    """The quantities that begin with `first`: a range when a joiner and a second bound follow
    (two when each bound has its conversion into another currency), else `first` alone.
    Returns (found, end of the text consumed when nothing is reported)."""
    converted = _equivalent_ranges(text, first, grammar, floor)
    if converted is not None:
        return converted, 0
    join = _RANGE_JOIN.match(text, first.end)
    second = _second_bound(text, join.end(), grammar) if join is not None else None
    if join is not None and second is not None:
        opener = _RANGE_OPEN_BEFORE.search(text, max(floor, first.start - 12), first.start)
        pair = opener is not None and opener["pair"] is not None
        if join["et"]:
            joined = pair  # "entre 5 et 25", never "5 et 25"
        elif join["to"]:
            joined = not pair
        else:
            joined = True  # "5-25 cents", "$20–$50"
        if joined:
            # Two bare bounds must both be figures: "entre 25 et 44 ans", "2020-2023", "de 9 à
            # 17 h" are not; a unit on the second bound makes the first a figure too.
            both_bare = not (first.has_unit or second.has_unit or first.scale or second.scale)
            if both_bare and (_not_a_figure(text, second) or _not_a_figure(text, first)):
                return [], second.end
            start = opener.start() if opener is not None else first.start
            explicit = opener is not None or join["dash"] is not None
            ranged = _range(text, first, second, start, explicit, floor)
            if ranged is not None:
                return [ranged], 0
    if first.is_word and not first.has_unit and first.scale is None:
        return [], 0
    if _not_a_figure(text, first):
        return [], first.end
    return [_quantity(text, first.start, first.end, (first.value, None, None), first, floor)], 0


def _scan(text: str, grammar: _Grammar) -> list[_Found]:
    found: list[_Found] = []
    last_end = 0
    for start, word in _starts(text, grammar):
        if start < last_end:
            continue
        if word is None:
            skipped = _FULL_DATE.match(text, start) or _CODE.match(text, start)
            if skipped is not None:  # "24.04.2020", "01 23 45 67 89"
                last_end = skipped.end()
                continue
        first, number_end = _amount_at(text, start, word, grammar, last_end)
        if first is None:  # "100m", "7e": skip the whole number
            last_end = number_end
            continue
        results, consumed = _expression(text, first, grammar, last_end)
        if results:
            found.extend(results)
            last_end = results[-1].quantity.end
        elif consumed:
            last_end = consumed
    return found


_MULTIPLIED = _compile(
    rf"(?<![^\W\d_])(?:{MULTIPLIED_BY}){SP}+(?:par|by){SP}+"
    rf"(?P<n>[1-9][0-9]?(?![0-9]|[.,][0-9])|[^\W\d_]+)(?![^\W\d_])"
)
_MULTIPLYING = _compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted(map(re.escape, MULTIPLYING_WORDS), key=len, reverse=True))
    + r")(?![^\W\d_])"
)


def multiplies(phrase: str) -> bool:
    """Whether a figure's words say growth by a factor ("multipliées par cinq", "a triplé"):
    a rise by definition, whatever cue words stand around it."""
    return bool(_MULTIPLIED.search(phrase) or _MULTIPLYING.search(phrase))


def _multiplied(text: str, found: list[_Found], grammar: _Grammar) -> list[_Found]:
    """`found` with growth said by a verb of multiplying ("multipliées par cinq", "a triplé",
    "tripled") that no other quantity covers, as ratios ("times"): the number is the factor."""
    extra = []
    bare: set[int] = set()  # the bare numbers a "multiplied by 3" reads as its factor
    for match in _MULTIPLIED.finditer(text):
        word = match["n"]
        factor = Decimal(word) if word.isdigit() else _words_value(word, grammar.words)
        if factor is not None and factor >= 2:
            extra.append((match.start(), match.end(), factor))
            bare |= {
                i
                for i, f in enumerate(found)
                if f.quantity.unit is None and match.start("n") <= f.quantity.start < match.end()
            }
    found = [f for i, f in enumerate(found) if i not in bare]
    spans = [(f.quantity.start, f.quantity.end) for f in found]
    for match in _MULTIPLYING.finditer(text):
        extra.append((match.start(), match.end(), Decimal(MULTIPLYING_WORDS[match[0].lower()])))
    kept = []
    for start, end, factor in sorted(extra):
        if any(a < end and start < b for a, b in spans):
            continue
        spans.append((start, end))
        start, qualifier = _qualified(text, start, 0)
        kept.append(_Found(Quantity(start, end, factor, None, None, "times", None,
                                    qualifier is not None, qualifier), False))  # fmt: skip
    if not kept:
        return found
    return sorted([*found, *kept], key=lambda f: f.quantity.start)


def _fractions(text: str, found: list[_Found], grammar: _Grammar) -> list[_Found]:
    """`found` with the fractions said in words that no other quantity covers, as shares."""
    spans = [(f.quantity.start, f.quantity.end) for f in found]
    extra = []
    shares: list[tuple[re.Match[str], Decimal]] = []
    for match in _FRACTION.finditer(text):
        shares.append((match, Decimal(FRACTIONS[int(match.lastgroup[1:])][1])))  # type: ignore[index]
    for match in _ONE_IN.finditer(text):
        whole = match["n"]
        count = Decimal(whole) if whole.isdigit() else _words_value(whole, grammar.words)
        if count is not None and count >= 2:
            shares.append((match, _clean((100 / count).quantize(Decimal("0.1")))))
    for match, value in sorted(shares, key=lambda item: item[0].start()):
        if any(a < match.end() and match.start() < b for a, b in spans):
            continue
        spans.append(match.span())
        start, qualifier = _qualified(text, match.start(), 0)
        extra.append(_Found(Quantity(start, match.end(), value, None, None, "percent", None,
                                     qualifier is not None, qualifier), False))  # fmt: skip
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda f: f.quantity.start)


_FAMILIES = [
    (_compile(rf"(?<![^\W\d_])(?:{word})(?![^\W\d_])"),
     [(_compile(rf"(?<![^\W\d_])(?:{stem})"), code) for stem, code in countries], unsaid)
    for word, (countries, unsaid) in CURRENCY_FAMILIES.items()
]  # fmt: skip


def _settle_families(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give "1,2 million de pesos" the currency of the one country of its family that the
    text names ("Luis est un étudiant colombien…": COP); with several, no ISO code is guessed,
    and with none, only the family's usual one (see `CURRENCY_FAMILIES`)."""
    settled = []
    for quantity in found:
        if quantity.unit is None:
            for word, countries, unsaid in _FAMILIES:
                if word.search(text, quantity.start, quantity.end) is None:
                    continue
                named = {code for stem, code in countries if stem.search(text)}
                if len(named) == 1:
                    quantity = replace(quantity, unit=named.pop())
                elif not named and unsaid is not None:
                    quantity = replace(quantity, unit=unsaid)
                break
        settled.append(quantity)
    return settled


_RUPEE_WORD = _compile(RUPEE_WORDS)
_RUPEE_COUNTRIES = [(_compile(rf"(?<![^\W\d_]){stem}"), code) for stem, code in RUPEE_COUNTRIES]


def _settle_rupees(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give rupees that name no country ("Rs350", "5,000 rupees") the currency of the one
    country of the rupee the text names, India's when it names none or several."""
    named = {code for stem, code in _RUPEE_COUNTRIES if stem.search(text)}
    if len(named) != 1 or named == {"INR"}:
        return found
    (code,) = named
    return [
        replace(q, unit=code)
        if q.unit == "INR" and _RUPEE_WORD.search(text, q.start, q.end) is not None
        else q
        for q in found
    ]


def _settle_cents(found: list[_Found]) -> list[Quantity]:
    """Give "centimes"/"cents" that name no currency the currency of the nearest amount in EUR
    or USD (see the module docstring)."""
    named = [f.quantity for f in found if not f.cents_guess and f.quantity.unit in ("EUR", "USD")]
    settled = []
    for item in found:
        quantity = item.quantity
        if item.cents_guess and named:
            nearest = min(named, key=lambda q: (abs(q.start - quantity.start), q.start))
            quantity = replace(quantity, unit=nearest.unit)
        settled.append(quantity)
    return settled


def find_number_words(text: str, lang: str = "fr") -> list[Quantity]:
    """Every number written in words, whatever follows it ("quatre-vingts", "twenty-five",
    "vingt mille"), with its hedge ("at least nine") and no unit: `find_quantities` reads
    them only before a scale or a currency; a caller that knows what a count counts (a noun
    after it) reads the others.

    >>> [(q.start, q.end, q.value) for q in find_number_words("quatre-vingts chats, deux")]
    [(0, 13, Decimal('80')), (21, 25, Decimal('2'))]
    """
    grammar = _lang(lang)
    found = []
    for match in grammar.any_words.finditer(text):
        value = _words_value(match.group(), grammar.words)
        if value is None:
            continue
        start, qualifier = _qualified(text, match.start(), 0)
        found.append(Quantity(start, match.end(), value, None, None, None, None,
                              qualifier is not None, qualifier))  # fmt: skip
    return found


_ELLIPSIS_BEFORE = _compile(ELLIPSIS_BEFORE)
_ELLIPSIS_AFTER = _compile(ELLIPSIS_AFTER)


def elliptic_counts(text: str, counts: list[Quantity]) -> list[Quantity]:
    """The number words of `counts` (`find_number_words`) that stand for a noun said before
    them: they close their clause right after a copula or a comparison ("Maintenant, je
    peux produire cinq articles par jour ; avant, c'était seulement trois"). Alone, "trois"
    is no figure; there it is one, of what the figure before it counts, which the caller
    (knowing the sentence) supplies.

    >>> text = "cinq articles par jour ; avant, c'était seulement trois, dit-elle"
    >>> [text[q.start : q.end] for q in elliptic_counts(text, find_number_words(text))]
    ['trois']
    """
    return [
        q
        for q in counts
        if _ELLIPSIS_BEFORE.search(text, max(0, q.start - _BEHIND), q.start) is not None
        and _ELLIPSIS_AFTER.match(text, q.end) is not None
    ]


_HEDGED_LIST = _compile(
    rf"[^\d;:.!?()\u2013\u2014\n]{{0,40}}?(?:,|{SP}(?:et|and))(?:{SP}+(?:et|and))?{SP}*"
)
_HEDGED_CLIMAX = _compile(
    rf"{SP}*,?{SP}*(?:et{SP}+même|voire|and{SP}+even|or{SP}+even){SP}+(?:de{SP}+|d{A}|à{SP}+)?"
)


def shares_hedge(text: str, before: Quantity, after: Quantity, borrowed: bool) -> bool:
    """Whether `after`, which has no hedge of its own, is under the hedge of `before`: a
    count in a list that borrows its noun from the one before ("environ 15 000 travailleurs
    très actifs, 50 000 réguliers, et 266 000 occasionnels": all three are estimates), or an
    amount of the same unit that a climax joins to it ("au delà de 500 000 $ et même de 1
    million $"). A hedge does not reach past a clause ("près de 15 000 personnes ; 50 000 …")
    nor across an alternative ("about 150 shillings or 50¢")."""
    if after.qualifier is not None or before.qualifier is None or after.start < before.end:
        return False
    if borrowed:
        return _HEDGED_LIST.fullmatch(text, before.end, after.start) is not None
    return (
        before.unit is not None
        and before.unit == after.unit
        and _HEDGED_CLIMAX.fullmatch(text, before.end, after.start) is not None
    )


def find_quantities(text: str, lang: str = "fr") -> list[Quantity]:
    """All quantity expressions in text, sorted by start and non-overlapping.

    >>> text = "autour de 15 dollars de l'heure"
    >>> [(text[q.start:q.end], q.value, q.unit, q.per_unit, q.qualifier)
    ...  for q in find_quantities(text)]
    [("autour de 15 dollars de l'heure", Decimal('15'), 'USD', 'hour', 'about')]
    """
    grammar = _lang(lang)
    found = _fractions(text, _scan(text, grammar), grammar)
    found_all = _settle_cents(_multiplied(text, found, grammar))
    return _settle_rupees(text, _settle_families(text, found_all))


# -- durations ------------------------------------------------------------------------------
DURATION_UNITS = {
    "seconds": (1, r"secondes?|seconds?|secs?"),
    "minutes": (1, r"minutes?|mins?"),
    "hours": (1, r"heures?|hours?|hrs?"),
    "days": (1, r"jours?|journ[ée]es?|days?"),
    "weeks": (1, r"semaines?|weeks?"),
    "months": (1, r"mois|months?"),
    "years": (1, r"ans|an|ann[ée]es?|years?|yrs?"),
    "decades": (10, r"d[ée]cennies?|decades?"),
}
"""The units of a span of time, as `plo:unit` names them (a decade is ten years), with the
words that say them after a number. French "an" is read in French only ("$2 an hour")."""
_DURATION_UNIT_SRC = "|".join(
    f"(?P<d_{name}>{words})" for name, (_, words) in DURATION_UNITS.items()
)
_DURATION_JOIN = rf"{SP}*(?:-|\u2013|\u2014){SP}*|{SP}+(?:à|a|to|et|and|ou|or){SP}+"
_DURATION_AGO = _compile(
    rf"{SP}+(?:ago|old|later|plus{SP}+(?:tôt|tard)(?!{SP}+que))\b|-years?-old\b"
)
"""After a span: it dates something by its distance ("two years ago", "deux ans plus tard") or
is an age ("35 years old"); "après" is left alone ("pendant deux ans après son arrivée")."""
_DURATION_CLOCK_BEFORE = _compile(rf"(?<![^\W\d_])(?:à|vers|dès|at|by){SP}+\Z")
_DURATION_DATE_BEFORE = _compile(
    rf"(?<![^\W\d_])(?:il{SP}+y{SP}+a|âgée?s?{SP}+de|agée?s?{SP}+de|aged|ages?{SP}+de)"
    rf"{SP}+\Z"
)
_DURATION_HAS_AGE = _compile(
    rf"(?<![^\W\d_])(?:ont|a|ai|as|avait|avaient|avoir|aura|auront|aient|ait|avez|avons)"
    rf"{SP}+(?:(?:entre|de|moins{SP}+de|plus{SP}+de|au{SP}+moins|environ|à{SP}+peine|"
    rf"seulement|tout{SP}+juste|déjà|deja|bientôt){SP}+)?\Z"
)
""""Ils ont entre 25 et 44 ans", "elle a 31 ans", "avoir au moins 18 ans": in French, having
so many years is an age."""
_DURATION_AT_AGE = _compile(rf"(?<![^\W\d_])(?:à|a|at){SP}+\Z")
_DURATION_AGE_DE = _compile(rf"(?<![^\W\d_])(?P<w>[^\W\d_]+){SP}+de{SP}+\Z")
_DURATION_LONG = frozenset(
    {"pendant", "durant", "plus", "moins", "près", "pres", "environ", "période", "periode",
     "durée", "duree", "espace", "contrat", "carrière", "carriere", "expérience", "experience",
     "peine", "délai", "delai", "bail", "mandat", "peu", "total"}
)  # fmt: skip
"""Words before "de N ans" that make it a span of time ("pendant de longues…", "une durée de
cinq ans", "une expérience de dix ans"); after any other word it is an age ("cette Afghane de
31 ans", "son fondateur de 28 ans"), which is the profiles' to read."""
_DURATION_ONE_BEFORE = {
    "fr": _compile(rf"(?<![^\W\d_])(?:pendant|durant|depuis|après|apres|d{A}|en|sous|dans){SP}*\Z"),
    "en": _compile(rf"(?<![^\W\d_])(?:for|after|within|during|than|over|in){SP}+\Z"),
}
"""What must come before "un an", "a month" for them to be a span of time ("depuis un an",
"plus d'un an", "after a month of attempts"); "$2 a day", "une fois" are none."""
_DURATION_IDIOM_AFTER = _compile(
    rf"{SP}+(?:sur|out{SP}+of){SP}+[0-9]|{SP}*/{SP}*[0-9]|{SP}+(?:read|de{SP}+lecture)(?-i:(?![a-z]))"
)
""""24 heures sur 24", "7 days out of 7", "24/7": always, not a span; "6 min read": a page's
reading time."""
_DURATION_EVERY_BEFORE = _compile(
    rf"(?<![^\W\d_])(?:toutes{SP}+les|tous{SP}+les|every|each|chaque|[0-9]{SP}*h){SP}*\Z"
)
"""A frequency ("payé un euro toutes les trois heures", "every two weeks") or the minutes of
a clock time ("15 h 54 min"): no span of time."""
_DURATION_SPAN_OF_CHANGE = _compile(
    rf"(?<![^\W\d_])(?:over|in|during|within|throughout){SP}+the{SP}+(?:past|last|next|coming)"
    rf"{SP}+\Z|·{SP}*\Z"
)
"""The time over which something else changed or will ("postings surged 150% over the past two
years", "in the next five years"): the period of another figure, not a span anyone spent; "for
the past two years" stays one (someone's tenure). And a byline's reading time ("· 5 min")."""


def find_durations(text: str, lang: str = "fr") -> list[Quantity]:
    """Every span of time stated with a number: "environ deux heures", "for up to 12 hours",
    "three-hour shifts", "entre 4 et 7 heures", "plus d'un an", "30 ans d'histoire". The unit
    is the span's (`DURATION_UNITS`), the value in it (a decade is ten years).

    Not read: a clock time ("à 17 heures"), an age ("35 years old", "âgé de 28 ans", "cette
    Afghane de 31 ans", "Elina, 25 ans"), a date said by its distance ("il y a deux ans",
    "two years ago"), "24 heures sur 24"; `find_quantities` reads none of these either.

    >>> text = "les lire prend entre 4 et 7 heures, environ deux heures"
    >>> [(text[q.start : q.end], q.unit, q.qualifier) for q in find_durations(text)]
    [('entre 4 et 7 heures', 'hours', None), ('environ deux heures', 'hours', 'about')]
    """
    grammar = _lang(lang)
    pattern = _DURATION_PATTERNS[grammar.lang]
    found: list[Quantity] = []
    for match in pattern.finditer(text):
        name = next(k[2:] for k, v in match.groupdict().items() if k.startswith("d_") and v)
        if (grammar.lang == "en" and match[f"d_{name}"] == "an") or text[
            match.start(f"d_{name}")
        ].isupper():
            continue  # "$2 an hour"; "20 Minutes", "6 Hours" name a paper, a title
        factor = Decimal(DURATION_UNITS[name][0])
        unit = "years" if name == "decades" else name
        high = _duration_value(match["b"], grammar)
        low = _duration_value(match["a"], grammar) if match["a"] else None
        if high is None or (match["a"] and low is None):
            continue
        start = match.start("a") if match["a"] else match.start("b")
        one = high == 1 and low is None and not match["b"][:1].isdigit()
        start, qualifier = _qualified(text, start, 0)
        if (
            qualifier is None
            and match["a"] is None
            and one
            and _DURATION_ONE_BEFORE[grammar.lang].search(text, max(0, start - 12), start) is None
        ):
            continue  # "$2 a day", "une fois", "an hour's drive"
        if match["a"]:
            opened = _RANGE_OPEN_BEFORE.search(text, max(0, start - 12), start)
            start = opened.start() if opened else start
        if _not_a_duration(text, start, match.end(), unit, match.start()):
            continue
        value, least, most = (
            (None, low * factor, high * factor)
            if low is not None and low < high
            else (high * factor, None, None)
        )
        found.append(Quantity(start, match.end(), value, least, most, unit, None,
                              qualifier is not None, qualifier))  # fmt: skip
    return found


def _duration_value(token: str, grammar: _Grammar) -> Decimal | None:
    if token[:1].isdigit():
        number = grammar.bound.fullmatch(token)
        return None if number is None else _digits_value(number["int"], number["dec"])
    return _words_value(token.lower(), grammar.words)


def _not_a_duration(text: str, start: int, end: int, unit: str, match_start: int) -> bool:
    """A clock time, an age, a date said by its distance, or an idiom of "always"; `start`
    is where the span's words start (with its hedge), `match_start` where its number does."""
    window = max(0, start - _BEHIND)
    if _DURATION_AGO.match(text, end) or _DURATION_IDIOM_AFTER.match(text, end):
        return True  # "two years ago", "deux ans plus tard", "35 years old", "24 heures sur 24"
    if _DURATION_EVERY_BEFORE.search(text, window, start):
        return True  # "toutes les trois heures", "15 h 54 min"
    if _DURATION_DATE_BEFORE.search(text, window, start):
        return True  # "il y a deux ans", "âgé de 28 ans"
    if _DURATION_SPAN_OF_CHANGE.search(text, window, start):
        return True  # "over the past two years": when another figure changed
    if unit == "hours" and _DURATION_CLOCK_BEFORE.search(text, window, start):
        return True  # "à 17 heures", "vers une heure"
    if unit == "years":
        before = text[window:start]
        if re.search(r",\s*\Z", before) and re.match(r"\s*[,.;)]", text[end:]):
            return True  # "Elina, 25 ans,": an age in apposition
        if _DURATION_HAS_AGE.search(text, window, match_start):
            return True  # "63 % des microtravailleurs ont entre 25 et 44 ans"
        age = _DURATION_AGE_DE.search(text, window, start)
        if age is not None and age["w"].lower() not in _DURATION_LONG:
            return True  # "cette Afghane de 31 ans", "son fondateur de 28 ans"
        if _DURATION_AT_AGE.search(before) and text[start:end][:1].isdigit():
            return True  # "À 35 ans, elle…": an age
    return False


def _duration_pattern(grammar: _Grammar) -> re.Pattern[str]:
    number = rf"(?:{grammar.bound.pattern}|{grammar.any_words.pattern})"
    number = re.sub(r"\(\?P<(int|dec)>", "(?:", number)
    return _compile(
        rf"(?:(?P<a>{number})(?:{_DURATION_JOIN}))?(?P<b>{number})(?:{SP}+|-)"
        rf"(?:{_DURATION_UNIT_SRC}){NOT_LETTER_AFTER}"
    )


_DURATION_PATTERNS = {lang: _duration_pattern(grammar) for lang, grammar in _GRAMMARS.items()}
