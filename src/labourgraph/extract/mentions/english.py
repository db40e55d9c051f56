"""Capitalised-span rules standing in for an English NER model (and completing one).

A candidate is a run of capitalised words (allowing "of", "de", "for", "&" inside), not a lone
sentence-initial word unless the same word is capitalised mid-sentence elsewhere, and not a
heading's words unless they recur in the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.context import apposition_cue, name_class
from labourgraph.extract.mentions.context_words import NAME_SUFFIX_CUES
from labourgraph.extract.mentions.vocabulary import (
    BYLINE,
    COMPASS,
    CONNECTORS,
    EN_COMMON,
    INITIALS,
    JOB_TITLES,
    LEADING_WORDS,
    OPENERS,
    SMALL_WORDS,
)
from labourgraph.extract.nlp import text_of, tokens_of

Headings = list[tuple[int, int]]


def english_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Capitalised-span rules standing in for an English NER model.

    The label is a guess that context typing refines: ORG for names with an organisation
    suffix or cue, PER for two or three capitalised words, GPE otherwise.
    """
    tokens = tokens_of(doc)
    headings = heading_lines(text_of(doc))
    mid_caps = {
        t.text
        for t in tokens
        if t.text[:1].isupper()
        and not t.is_sent_start
        and t.i > 0
        and tokens[t.i - 1].text not in OPENERS
        and not in_heading(headings, t.idx)
    }
    spans: list[tuple[int, int, str]] = []
    for start, end in _capitalised_runs(tokens):
        spans += _names_in_run(doc, doc[start:end], headings, mid_caps)
    return spans


def _capitalised_runs(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """Token ranges of capitalised words, joined by connectors ("University of Ghana")."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token.text[:1].isupper() or not (
            token.is_alpha or any(c.isdigit() for c in token.text)
        ):
            index += 1
            continue
        end = index + 1
        while end < len(tokens):
            nxt = tokens[end]
            if (
                nxt.text[:1].isupper() and (nxt.is_alpha or "." in nxt.text or "-" in nxt.text)
            ) or (
                nxt.text.lower() in CONNECTORS
                and end + 1 < len(tokens)
                and tokens[end + 1].text[:1].isupper()
                and nxt.text != "and"
            ):
                end += 1
            elif (
                nxt.text == "-"
                and not tokens[end - 1].whitespace_
                and not nxt.whitespace_
                and end + 1 < len(tokens)
                and tokens[end + 1].text[:1].isupper()
            ):
                end += 2  # "ABS-CBN News": a hyphen inside a name joins its parts
            else:
                break
        yield index, end
        index = end


def _names_in_run(
    doc: Doc, span: Span, headings: Headings, mid_caps: set[str]
) -> list[tuple[int, int, str]]:
    """The name (or the person and the institution) a run of capitalised words holds, if any."""
    text = text_of(doc)
    lead = LEADING_WORDS.match(span.text + " ")
    if lead:
        trimmed = doc.char_span(span.start_char + lead.end(), span.end_char)
        if trimmed is None or not len(trimmed):
            return []
        span = trimmed
    words = [t.text for t in span]
    if fold(words[-1]) in JOB_TITLES:
        return []
    if in_heading(headings, span.start_char) and not outside_headings(text, span.text, headings):
        return []  # "Executive Summary", "Key Findings": headings, not names
    first = span[0]
    previous = tokens_of(doc)[first.i - 1].text if first.i > 0 else ""
    sentence_initial = (first.is_sent_start or previous in OPENERS) and not lead
    if " of " in span.text and len(words) >= 4:
        head, _, tail = span.text.partition(" of ")
        if 2 <= len(head.split()) <= 3 and name_class(tail):
            # "Anjali Thapa of Tribhuvan University": a person and her institution
            return [
                (span.start_char, span.start_char + len(head), "PER"),
                (span.end_char - len(tail), span.end_char, "ORG"),
            ]
    if (
        len(words) == 1
        and sentence_initial
        and words[0] not in mid_caps
        and not apposition_cue(text, span.end_char)
    ):
        return []
    if len(words) == 1 and words[0].lower() in EN_COMMON:
        return []
    return [(span.start_char, span.end_char, _label_guess(span.text, words))]


def _label_guess(name: str, words: list[str]) -> str:
    """ORG for a name with an organisation suffix, GPE for "West Africa", PER for two or
    three capitalised words, GPE otherwise."""
    folded = fold(name)
    if any(folded.endswith(" " + s) or folded == s for _, suf in NAME_SUFFIX_CUES for s in suf):
        return "ORG"
    if COMPASS.match(name):
        return "GPE"
    if 2 <= len([w for w in words if not INITIALS.match(w)]) <= 3 and all(
        (w[:1].isupper() and w.isalpha() and not w.isupper()) or INITIALS.match(w) for w in words
    ):
        return "PER"
    return "GPE"


def heading_lines(text: str) -> Headings:
    """Lines written like titles: short, mostly capitalised words, no final full stop."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha()]
        if (
            words
            and not BYLINE.match(line)
            and len(words) <= 14
            and not line.rstrip().endswith((".", "?", "!", '"', "”", "»"))
        ):
            capitalised = sum(1 for w in words if w[:1].isupper() or w.lower() in SMALL_WORDS)
            if capitalised / len(words) >= 0.8 and sum(1 for w in words if w[:1].isupper()) >= 2:
                spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def outside_headings(text: str, name: str, headings: Headings) -> bool:
    """Whether a name also stands in the body of the text (names in titles recur there)."""
    return any(not in_heading(headings, m.start()) for m in re.finditer(re.escape(name), text))


def in_heading(headings: Headings, offset: int) -> bool:
    return any(start <= offset < end for start, end in headings)
