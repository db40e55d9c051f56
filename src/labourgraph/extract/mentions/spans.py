"""The spans proposed as names: the model's entities, completed by the rules for what it misses
(French bodies and runs of proper nouns; English capitalised spans). Without an English model,
the capitalised-span rules alone."""

from __future__ import annotations

from labourgraph.extract.mentions.english import english_spans
from labourgraph.extract.mentions.french import french_org_names, propn_runs
from labourgraph.extract.mentions.state import Found, Raw
from labourgraph.extract.mentions.vocabulary import EN_LABELS


def propose_spans(found: Found) -> None:
    """Fill `found.raw` with the spans proposed for the document's language."""
    if found.lang == "fr":
        found.raw = _french(found)
    elif found.doc.has_annotation("ENT_IOB"):
        found.raw = _english(found)
    else:
        found.raw = [Raw(s, e, label, None) for s, e, label in english_spans(found.doc)]


def _french(found: Found) -> list[Raw]:
    raw = [Raw(e.start_char, e.end_char, e.label_, e) for e in found.entities]
    for start, end, label in french_org_names(found.doc):
        # a longer body name replaces the model's shorter pieces of it
        raw = [r for r in raw if not (start <= r.start and r.end <= end)]
        raw.append(Raw(start, end, label, None))  # no proper noun needed: the head says it
    covered = [(e.start_char, e.end_char) for e in found.entities if e.label_ == "PER"]
    for start, end in propn_runs(found.doc):
        if not any(s <= start and end <= e for s, e in covered):
            raw.append(Raw(start, end, "PER", found.doc.char_span(start, end)))
    return raw


def _english(found: Found) -> list[Raw]:
    """The English model's entities, then the capitalised-span rules for what it missed."""
    raw = [
        Raw(e.start_char, e.end_char, EN_LABELS[e.label_], e)
        for e in found.entities
        if e.label_ in EN_LABELS
    ]
    for start, end, label in english_spans(found.doc):
        if not any(r.start < end and start < r.end for r in raw):
            raw.append(Raw(start, end, label, None))
    return raw
