"""Rules for what the small French model misses: names of bodies written in sentence case, and
runs of proper nouns."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.vocabulary import INITIAL, ORG_CUE_NOUNS, ORG_HEADS
from labourgraph.extract.nlp import tokens_of


def french_org_names(doc: Doc) -> list[tuple[int, int, str]]:
    """French names of bodies written in sentence case: "Organisation internationale du
    travail", "Collectif des travailleurs du numérique", "le syndicat Force des travailleurs
    africains". A capitalised head noun (or a capitalised word after "syndicat",
    "collectif"...) and the nouns, adjectives and prepositions that follow it."""
    spans: list[tuple[int, int, str]] = []
    tokens = tokens_of(doc)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        head = token.text[:1].isupper() and (
            fold(token.text) in ORG_HEADS
            or (fold(tokens[index - 1].text) if index else "") in ORG_CUE_NOUNS
        )
        if not head or (token.is_sent_start and fold(token.text) not in ORG_HEADS):
            index += 1
            continue
        first = index
        before = tokens[index - 1] if index else None
        if (
            before is not None
            and before.text[:1].isupper()
            and before.pos_ in ("ADJ", "PROPN", "NOUN")
            and not before.is_sent_start
        ):
            first = index - 1  # "la Haute Cour d'Irlande": a capitalised adjective opens it
        end = index + 1
        while end < len(tokens) and end - index < 9:
            nxt = tokens[end]
            if (
                nxt.pos_ in ("NOUN", "ADJ", "PROPN", "ADP", "DET", "NUM")
                and not nxt.is_punct
                and "\n" not in nxt.text
            ):
                end += 1
            else:
                break
        while end > index + 1 and tokens[end - 1].pos_ in ("ADP", "DET", "NUM"):
            end -= 1  # "… d'Irlande en 2019": a date after the name
        if end - first >= 2:
            spans.append((tokens[first].idx, tokens[end - 1].idx + len(tokens[end - 1]), "ORG"))
        index = end
    return spans


def propn_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of two or three capitalised proper nouns: names the small model misses."""
    runs: list[tuple[int, int]] = []
    run: list[Token] = []
    for token in [*tokens_of(doc), None]:
        if token is not None and (
            (run and INITIAL.fullmatch(token.text))
            or (token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha)
        ):
            run.append(token)  # a proper noun, or an initial inside a run ("Antonio A. Casilli")
            continue
        words = [t for t in run if not t.text.endswith(".")]
        if 2 <= len(words) <= 3 and not all(t.text.isupper() for t in words):
            runs.append((run[0].idx, run[-1].idx + len(run[-1])))
        run = []
    return runs
