"""A name as a key: the surface form cleaned of quotes, articles, junk and shouting capitals."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.context_words import CUES
from labourgraph.extract.mentions.vocabulary import INITIAL, STRIP_LEADING, TRAILING_JUNK


def clean_name(text: str) -> str:
    text = " ".join(text.split())
    text = STRIP_LEADING.sub("", text)
    text = TRAILING_JUNK.sub("", text) if not text.endswith(")") else text
    words = []
    for word in text.split(" "):
        if (
            len(word) > 1
            and word.isupper()
            and word.isalpha()
            and (len(word) > 3 or text.count(" "))
        ):
            word = word.capitalize()  # "BELLONI" -> "Belloni"; acronyms of 3 letters stay
        words.append(word)
    return " ".join(words)


def person_key(name: str) -> str:
    """Drop middle initials so that "Antonio A. Casilli" and "Antonio Casilli" meet."""
    parts = [p for p in name.split(" ") if not INITIAL.fullmatch(p)]
    return " ".join(parts)


def has_proper_noun(span: Span) -> bool:
    """Whether the model's span holds a proper noun: one tagged so, an acronym, or a noun
    capitalised in a list of examples ("comme Cisco et Dell": the small French model tags
    unknown brands as common nouns; institutions that French capitalises, "au Parlement",
    "en Bourse", stand elsewhere)."""
    return any(
        t.pos_ == "PROPN"
        or (t.is_upper and len(t) > 1)
        or (
            t.pos_ == "NOUN"
            and t.lang_ == "fr"
            and t.text[:1].isupper()
            and not t.is_sent_start
            and t.i > 0
            and (
                t.doc[t.i - 1].lower_ in _LISTING
                or _kind_noun(t.doc[t.i - 1].lower_)
                or _named_article(t.doc[t.i - 1])
            )
        )
        for t in span
    )


_LISTING = frozenset({"comme", "et", "ou", ",", "notamment", "dont"})
"""Words before a member of a list of examples."""

_KIND_NOUNS = frozenset(
    fold(word) for _cls, words in CUES for word in words if " " not in word and "'" not in word
)
"""The one-word nouns that say what kind of organisation follows ("les groupes Accenture",
"la société Netino"): a capitalised noun right after one is its name."""


def _named_article(token: Token) -> bool:
    """A capitalised article inside a sentence: it opens a name ("Les Échos", "Le Point")."""
    return token.text in ("Le", "La", "Les", "L’", "L'") and not token.is_sent_start


def _kind_noun(word: str) -> bool:
    folded = fold(word)
    return folded in _KIND_NOUNS or (folded.endswith("s") and folded[:-1] in _KIND_NOUNS)


def in_lower_case(text: str, word: str) -> bool:
    """Whether the text writes `word` in lower case, as a whole word: then its capitalised
    form is a common word at a sentence's or a title's start ("Data", "Higher Pay"), no name."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def first_at(text: str, name: str) -> int:
    """Where `name` first occurs in `text` (past the end if it does not)."""
    found = text.find(name)
    return found if found >= 0 else len(text)
