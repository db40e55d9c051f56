"""Deterministic IRIs: the same type and label give the same IRI on every run and machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from labourgraph.core.vocab import PLD

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, accents dropped, typographic apostrophes made plain: the matching key."""
    if len(text) <= 64:
        return _fold_short(text)  # words and names recur: remember them
    return _fold(text)


@lru_cache(maxsize=131072)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    parts, last = [], 0
    for match in _NON_ASCII_RUN.finditer(text):
        parts.append(text[last : match.start()].lower())
        parts.append("".join(map(fold_char, match.group())))
        last = match.end()
    parts.append(text[last:].lower())
    return "".join(parts)


NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character folded: accents dropped, typographic apostrophes plain, case folded.

    Folding is character by character (NFKD decomposes each character alone, `casefold` has
    no context), so text folds as its characters do; ASCII needs only `lower`, and the rest
    is folded once per distinct character (per character, folding was a fifth of
    extraction's time).
    """
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("’", "'").replace("ʼ", "'").replace("‘", "'").casefold()


def slug(label: str, max_length: int = 80) -> str:
    """A readable IRI segment: folded, runs of anything else become single hyphens."""
    value = _NON_ALNUM.sub("-", fold(label).replace("œ", "oe").replace("æ", "ae")).strip("-")
    value = value[:max_length].rstrip("-")
    return value or "x"


def digest(*parts: object, length: int = 8) -> str:
    """A short stable hash of the parts, to keep IRIs unique without making them unreadable."""
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


def entity_iri(kind: str, label: str) -> URIRef:
    """`pld:{kind}/{slug}` — the IRI of a named individual (organisation, person, place...)."""
    return PLD[f"{kind}/{slug(label)}"]


def document_iri(doc_id: str) -> URIRef:
    return PLD[f"document/{doc_id}"]


def part_iri(doc_id: str, index: int) -> URIRef:
    return PLD[f"document/{doc_id}/part-{index}"]


def evidence_iri(doc_id: str, start: int, end: int) -> URIRef:
    return PLD[evidence_path(doc_id, start, end)]


def evidence_path(doc_id: str, start: int, end: int) -> str:
    """The local part of `evidence_iri` (assembly writes the IRI as a string)."""
    return f"evidence/{doc_id}/{start}-{end}"


def evidence_span(iri: str) -> tuple[str, int, int]:
    """(doc, start, end) of an `evidence_iri`, read back from the IRI itself."""
    doc_id, _, offsets = iri[len(PLD) + len("evidence/") :].rpartition("/")
    start, _, end = offsets.partition("-")
    return doc_id, int(start), int(end)


def axiom_iri(subject: str, predicate: str, obj: str) -> URIRef:
    """`pld:axiom/{hash}` for the `owl:Axiom` annotating one triple, from its three IRIs."""
    return PLD[f"axiom/{digest(subject, predicate, obj, length=16)}"]


def keyed_iri(kind: str, label: str, *key: object) -> URIRef:
    """`pld:{kind}/{slug}-{hash}` for nodes identified by content rather than by a name."""
    return PLD[f"{kind}/{slug(label, 60)}-{digest(*key)}"]
