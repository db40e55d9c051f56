"""The spans proposed as names: the model's entities, completed by the rules for what it misses
(French bodies and runs of proper nouns; English capitalised spans). Without an English model,
the capitalised-span rules alone."""

from __future__ import annotations

import re

from labourgraph.extract.mentions.context import name_class
from labourgraph.extract.mentions.english import (
    Headings,
    english_spans,
    heading_lines,
    in_heading,
    outside_headings,
)
from labourgraph.extract.mentions.french import french_org_names, propn_runs
from labourgraph.extract.mentions.gazetteer import place_class
from labourgraph.extract.mentions.state import Found, Raw
from labourgraph.extract.mentions.vocabulary import EN_LABELS


def propose_spans(found: Found) -> None:
    """Fill `found.raw` with the spans proposed for the document's language."""
    if found.lang == "fr":
        raw = _french(found)
    elif found.doc.has_annotation("ENT_IOB"):
        raw = _english(found)
    else:
        raw = [Raw(s, e, label, None) for s, e, label in english_spans(found.doc)]
    found.raw = [piece for r in raw for piece in _two_people(found.text, r)]


_PAIR = re.compile(r"\s+(?:&|and|et)\s+")
_BYLINE_NAME = re.compile(r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|du|van|von)){1,3}")
"""A person's name: two to four capitalised words ("Clément Le Ludec")."""


def _two_people(text: str, raw: Raw) -> list[Raw]:
    """ "Clément Le Ludec & Maxime Cornet": two people, not one (a byline of two authors)."""
    surface = text[raw.start : raw.end].rstrip()
    pair = _PAIR.search(surface)
    if raw.label not in ("PER", "ORG") or pair is None:
        return [raw]
    first, second = surface[: pair.start()], surface[pair.end() :]
    if not all(_BYLINE_NAME.fullmatch(p) for p in (first, second)):
        return [raw]
    start = raw.start + pair.end()
    return [
        Raw(raw.start, raw.start + len(first), "PER", None),
        Raw(start, start + len(second), "PER", None),
    ]


def _french(found: Found) -> list[Raw]:
    raw = [
        Raw(e.start_char, e.end_char, e.label_, e)
        for e in found.entities
        if not _shouted(found.text, e.start_char, e.end_char)
    ]
    for start, end, label in french_org_names(found.doc):
        # a longer body name replaces the model's shorter pieces of it
        raw = [r for r in raw if not (start <= r.start and r.end <= end)]
        raw.append(Raw(start, end, label, None))  # no proper noun needed: the head says it
    covered = [(e.start_char, e.end_char) for e in found.entities if e.label_ == "PER"]
    for start, end in propn_runs(found.doc):
        first = found.text[start:end].split()[0]
        if place_class(first) in ("Country", "Region"):
            continue  # "France Inter", "France TV Slash": a body named after its country
        if not any(s <= start and end <= e for s, e in covered):
            raw.append(Raw(start, end, "PER", found.doc.char_span(start, end)))
    return raw


def _english(found: Found) -> list[Raw]:
    """The English model's entities, then the capitalised-span rules for what it missed."""
    headings = heading_lines(found.text)
    raw = [
        _joined(found.text, Raw(e.start_char, e.end_char, EN_LABELS[e.label_], e))
        for e in found.entities
        if e.label_ in EN_LABELS
        and not _heading_words(found, headings, e.start_char, e.end_char, e.label_)
    ]
    for start, end, label in english_spans(found.doc):
        if not any(r.start < end and start < r.end for r in raw):
            raw.append(Raw(start, end, label, None))
    return raw


_NAME_AND = re.compile(r"((?:[A-Z][a-z]+ )+)and $")


def _joined(text: str, raw: Raw) -> Raw:
    """A body's name whose head the model found without its first conjunct: "the Employment
    and Labour Relations Court" (the model's span starts at "Labour")."""
    before = _NAME_AND.search(text, max(0, raw.start - 60), raw.start)
    if raw.label != "ORG" or before is None or not name_class(text[raw.start : raw.end]):
        return raw
    return Raw(before.start(), raw.end, raw.label, None)


def _heading_words(found: Found, headings: Headings, start: int, end: int, label: str) -> bool:
    """Capitalised words of a title ("In Search of Flexibility", "The Surveillance Layer")
    that the model took for a name: not a person, unknown to the lexicon, and nowhere in the
    body of the text."""
    name = found.text[start:end]
    return (
        label != "PERSON"
        and in_heading(headings, start)
        and not outside_headings(found.text, name, headings)
        and not found.lexicon.find(name)
    )


def _shouted(text: str, start: int, end: int) -> bool:
    """A word of a title written in capitals ("LE MICRO-TRAVAIL EST UNE ACTIVITÉ …") that the
    text never writes as a name elsewhere (capitalised, not shouted): shouting, not a name."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # a letter not in capitals ends the test at once (a paragraph is one line: thousands of
    # characters, read for every name the model found in it)
    if any(c.isalpha() and not c.isupper() for c in line):
        return False
    if len(line.split()) < 3 or not any(c.isalpha() for c in line):
        return False
    name = text[start:end]
    return not any(
        text[m.start()].isupper() and not text[m.start() : m.end()].isupper()
        for m in re.finditer(re.escape(name), text, re.IGNORECASE)
    )
