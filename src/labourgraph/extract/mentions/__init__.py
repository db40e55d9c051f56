"""Entity mentions: who and what a document names, typed by the lexicon, the model and context.

Three sources, in order of trust:
1. the lexicon (known actors and places, `ontology/actors.yaml`): rule output, high confidence;
2. named entities from spaCy's French model, or from capitalised-span rules in English;
3. the words around a name ("la plateforme X", "X, chercheuse à Y", "the start-up X"), which
   type what the model found and override its label, since the small French model often calls
   a platform a person or a place.
Names the lexicon does not know still enter the graph, marked as model or rule output with a
confidence, so that a new document yields its own platforms, people and places.

`find_mentions` runs the passes in order over one `state.Found`; each pass has its module:
`lexicon_hits`, `people` (picture credits, full names and surnames, roles), `spans` (the
model's entities and the `french` and `english` rules), `candidates` (trimming and dropping
what is no name), `classify` (with `organisations` and `places`), `merge`. The words and
patterns they use are data in `context_words` and `vocabulary`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from labourgraph.core.model import AI_CLASSES, PERSON_CLASSES, PLATFORM_CLASSES
from labourgraph.extract.lexicon import Lexicon
from labourgraph.extract.mentions.candidates import keep_names
from labourgraph.extract.mentions.classify import type_candidates
from labourgraph.extract.mentions.english import english_spans
from labourgraph.extract.mentions.french import french_org_names
from labourgraph.extract.mentions.lexicon_hits import add_lexicon_hits
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.merge import join_short_forms, one_kind_per_name, settle
from labourgraph.extract.mentions.people import (
    add_lone_surnames,
    add_people_by_construction,
    add_picture_credits,
)
from labourgraph.extract.mentions.spans import propose_spans
from labourgraph.extract.mentions.state import Found

__all__ = [
    "AI_CLASSES",
    "PERSON_CLASSES",
    "PLATFORM_CLASSES",
    "Mention",
    "english_spans",
    "find_mentions",
    "french_org_names",
]


def find_mentions(
    doc: Doc, lexicon: Lexicon, lang: str, folded: tuple[str, list[int]] | None = None
) -> list[Mention]:
    """Every entity mention in an analysed document, typed, linked to a canonical key.

    `folded` is the document's folded text with its offset map, if the caller has it
    (`lexicon.folded_with_map`).
    """
    found = Found(doc, lexicon, lang, folded)
    add_lexicon_hits(found)  # known names: settled
    add_picture_credits(found)  # photographers: settled
    add_people_by_construction(found)  # "Nathy, elle, …": settled
    propose_spans(found)  # the model's entities and the rules' spans
    keep_names(found)  # trimmed, and only what looks like a name
    type_candidates(found)  # organisation, person or place, from the words around
    one_kind_per_name(found)
    join_short_forms(found)  # "Scale" after "Scale AI"
    add_lone_surnames(found)
    return settle(found)
