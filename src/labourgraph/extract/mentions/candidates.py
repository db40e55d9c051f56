"""From proposed spans to candidate names: trimmed of leading words, articles and footnote
digits, and rid of what is no name (months, languages, demonyms, bare acronyms, a capitalised
first word of a sentence)."""

from __future__ import annotations

import re

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.context import (
    apposition_cue,
    cue_class,
    name_class,
    news_outlet,
    window,
)
from labourgraph.extract.mentions.context_words import CUES
from labourgraph.extract.mentions.gazetteer import place_class
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.names import has_proper_noun, in_lower_case
from labourgraph.extract.mentions.state import Candidate, Found, Raw
from labourgraph.extract.mentions.vocabulary import (
    COMMON_PHRASES,
    COMPASS,
    DATE_WORDS,
    DEMONYM,
    DEMONYM_EN,
    ELIDED_TAIL,
    EN_COMMON,
    ET_AL,
    HOLIDAYS,
    INITIALS,
    LANGUAGES,
    LEADING_WORDS,
    MONTHS,
    NOT_NAMES,
    PERSON_SURFACE_TAIL,
    POSSESSIVE,
    STRIP_LEADING,
    SURFACE_TAIL,
)


def keep_names(found: Found) -> None:
    """Fill `found.candidates` from `found.raw`: each span trimmed to its name, if it is one
    and the lexicon has not already claimed its words."""
    doubted: list[Candidate] = []
    for raw in found.raw:
        trimmed = _trimmed(found.text, raw)
        if trimmed is None or _cut_off(found.text, trimmed[1]):
            continue
        start, end, surface = trimmed
        _drop_places_inside(found, raw, start, end, surface)
        if found.overlaps_settled(start, end):
            continue
        if _not_a_name(found, raw.label, surface):
            continue
        if _not_a_name_here(found, raw, start, end):
            doubted.append(Candidate(start, end, raw.label, surface))
            continue
        found.candidates.append(Candidate(start, end, raw.label, surface))
    # one name, one referent: a word kept as a name elsewhere in the text is a name where it
    # opens a sentence too ("… : Netino, Concileo et Achtik Service. Netino est de loin la
    # société la plus sollicitée"), though there alone it would be doubted
    # (not a person's: the model's labels of a first name or surname vary too much)
    people = {c.surface for c in (*found.candidates, *doubted) if c.label in ("PER", "PERSON")}
    named = {c.surface for c in found.candidates} - people
    taken = {(c.start, c.end) for c in found.candidates}
    for candidate in doubted:
        if candidate.surface in named and (candidate.start, candidate.end) not in taken:
            found.candidates.append(candidate)
            taken.add((candidate.start, candidate.end))


def _trimmed(text: str, raw: Raw) -> tuple[int, int, str] | None:
    """The span without footnote digits, what follows a line break, leading words, articles
    (but a person's) and final punctuation; None if no capitalised name is left."""
    start, end = raw.start, raw.end
    surface = text[start:end]
    cut = (PERSON_SURFACE_TAIL if raw.label == "PER" else SURFACE_TAIL).search(surface)
    if cut:
        end = start + cut.start()
        surface = text[start:end]
    lead = LEADING_WORDS.match(surface)
    if lead:
        start += lead.end()
        surface = text[start:end]
    lead = STRIP_LEADING.match(surface)
    if lead and raw.label != "PER" and not _named_article(text, start, lead.group(0)):
        start += lead.end()
        surface = text[start:end]
    before = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
    if before and raw.label != "PER" and _named_article(text, before.start(), before.group(0)):
        start = before.start()  # "par Le Figaro", "to The Bureau of …": the article is named
        surface = text[start:end]
    initialism = _INITIALISM_END.search(surface)
    surface = surface.rstrip(" ,;:.…")
    for tail in (ET_AL, POSSESSIVE, ELIDED_TAIL):  # "Hara et al", "Journalism's", "Fuentes n"
        surface = tail.sub("", surface).rstrip(" ,;:.…")
    if initialism and text[start : start + len(surface) + 1] == surface + ".":
        surface += "."  # "Washington D.C.": the last dot is the initial's
    while " " in surface and surface.split(" ", 1)[0].lower() in EN_COMMON - {"the"}:
        start += surface.index(" ") + 1  # "So I", "Our Trust": a capitalised opening word
        surface = surface.split(" ", 1)[1]
    end = start + len(surface)
    if len(surface) < 2 or not any(c.isupper() for c in surface):
        return None
    return start, end, surface


_INITIALISM_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")
"""A name ending in initials ("Washington D.C."): its last dot is no full stop."""

_ARTICLE_BEFORE = re.compile(r"(?:(?:Le|La|Les|The) |L[’'])$")


def _named_article(text: str, start: int, article: str) -> bool:
    """A capitalised article inside a sentence is part of the name: "repéré par Le Figaro",
    "responded to The Bureau of Investigative Journalism" (at a sentence start it is not)."""
    word = article.strip(' «»"“”')
    if word not in ("Le", "La", "Les", "The", "L’", "L'"):
        return False
    before = text[:start].rstrip(' «»"“”')
    return bool(before) and (before[-1].isalpha() or before[-1] in ",;")


def _cut_off(text: str, end: int) -> bool:
    """A name that runs into the end of an excerpt cut mid-word ("Another former TikTo")."""
    return end >= len(text.rstrip()) and text.rstrip()[-1:] not in ".!?»”)\"'"


def _named_after_place(raw: Raw, inner: list[Mention]) -> bool:
    """ "France Inter", "France TV Slash": the model's organisation opens with a place."""
    return raw.label == "ORG" and raw.span is not None and inner[0].start == raw.start


def _drop_places_inside(found: Found, raw: Raw, start: int, end: int, surface: str) -> None:
    """ "University of Ghana", "West Africa": the longer name wins over the place inside."""
    inner = [
        m
        for m in found.settled
        if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
    ]
    if (
        inner
        and all(m.kind == "place" for m in inner)
        and (name_class(surface) or COMPASS.match(surface) or _named_after_place(raw, inner))
    ):
        found.settled = [m for m in found.settled if m not in inner]


def _not_a_name(found: Found, label: str, surface: str) -> bool:
    """Words that are no name wherever they stand."""
    folded = fold(surface)
    if folded in LANGUAGES:
        return True
    if INITIALS.match(surface) or surface.lower() in EN_COMMON or folded in MONTHS:
        return True
    words = folded.split()
    if folded in HOLIDAYS or (
        any(w in MONTHS for w in words)
        and all(w in MONTHS or w in DATE_WORDS or w.isdigit() for w in words)
    ):
        return True  # "Noël", "Last May", "A January": dates, not names
    if (
        found.lang != "fr"
        and " " not in surface
        and not (label == "PER" and not _of_a_place(folded))  # "Jonathan": no demonym
        and DEMONYM_EN.search(folded)
        and not found.lexicon.find(surface)
    ):
        return True  # "Spanish", "Kenyans": adjectives and peoples, not places
    if folded.split()[0].strip("«» ") in NOT_NAMES or "+" in surface or folded in COMMON_PHRASES:
        return True
    if _NO_NAME_SHAPES.fullmatch(surface):
        return True  # "BPOs", "NGOs", "P100,000", "Thousands of Filipinos"
    # "Vénézuéliens": people, not a place
    single = " " not in surface.strip()
    return single and label in ("LOC", "GPE") and DEMONYM.search(folded) is not None


_DEMONYM_ENDINGS = ("ians", "ans", "ese", "ish", "ian", "an", "n", "s")


def _of_a_place(folded: str) -> bool:
    """Whether an English word that ends like a demonym is one: its stem names a place
    GeoNames knows ("ugandan": Uganda, "kenyans": Kenya, "indian": India; "jonathan" none)."""
    for ending in _DEMONYM_ENDINGS:
        if folded.endswith(ending):
            stem = folded[: -len(ending)]
            if any(place_class(s) for s in (stem, stem + "a", stem + "ia") if len(s) > 2):
                return True
    return folded.endswith("s")  # a plural ("Filipinos") is a people, not a person


_NO_NAME_SHAPES = re.compile(
    r"[A-Z]{2,5}s"  # the plural of an acronym: a common noun ("BPOs", "NGOs", "LLMs")
    r"|[A-Z]{1,3}\$?(?:\d{1,3}(?:[,.]\d{3})+|\d{3,})"  # an amount: "P100,000" (not "TF1")
    r"|(?:Thousands|Millions|Hundreds|Dozens|Tens|Milliers|Millions|Centaines|Dizaines)"
    r"\s+(?:of|de|d['’])\s*.*"  # "Thousands of Filipinos": a count of people
)
"""Capitalised words whose shape says they name no one."""


def _not_a_name_here(found: Found, raw: Raw, start: int, end: int) -> bool:
    """Capitalised words that are no name where they stand: first word of a sentence, bare
    acronym, a model's span without a proper noun."""
    text = found.text
    surface = text[start:end]
    if (
        " " not in surface
        and raw.label != "PER"
        and surface[1:].islower()
        and in_lower_case(text, surface)
        and not found.lexicon.find(surface)
        and not place_class(surface)
    ):
        return True  # "Data", "Background": a word the text also writes in lower case
    at_start = (
        start == 0
        or text[start - 1] == "\n"
        or (raw.span is not None and bool(raw.span[0].is_sent_start))
    )
    if (
        " " not in surface.strip()
        and raw.label != "PER"
        and at_start
        and found.lexicon.find(surface) == []
        and not apposition_cue(text, end)
    ):
        return True  # a capitalised first word of a sentence, not a name
    if " " not in surface.strip() and _function_word(found, start, end):
        return True  # "Hence, the platform …", "Initiated by a non-profit": no name at all
    if surface.isupper() and len(surface) <= 4 and raw.label != "PER":
        left, right = window(text, start, end)
        if not cue_class(CUES, left, right) and not news_outlet(left, right):
            return True  # bare acronyms (SEO, RGPD, NDLR) are rarely actors
    return raw.span is not None and not has_proper_noun(raw.span) and raw.label != "PER"


_NOT_NAME_POS = frozenset({"ADV", "VERB", "AUX", "SCONJ", "CCONJ", "ADP", "DET", "PRON"})
"""Parts of speech of a word that names no one, where the parse reads it so."""


def _function_word(found: Found, start: int, end: int) -> bool:
    """Whether a capitalised first word of a sentence is a word of the language, not a name:
    a stop word of the language ("Hence", "Moreover", "Ensuite") or a word the parse reads as
    an adverb, a verb or another word class no name has ("Initiated by …", "Décrire").
    The model labels such words a person now and then, and a comma after them reads as an
    apposition ("Hence, the platform"): neither makes them a name."""
    span = found.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or not (start == 0 or span[0].is_sent_start):
        return False
    token = span[0]
    return token.is_stop or (token.pos_ in _NOT_NAME_POS and not found.lexicon.find(token.text))
