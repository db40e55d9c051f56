"""Organisations typed by what their name says ("Northgate Data Services") or by the words
around it ("la plateforme X", "X, a data labelling company")."""

from __future__ import annotations

from labourgraph.core.mint import fold
from labourgraph.core.model import kind_of
from labourgraph.extract.mentions.context import cue_class, name_class, sentence_around
from labourgraph.extract.mentions.context_words import CUES
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.state import Reading
from labourgraph.extract.mentions.vocabulary import MICROWORK


def organisation_class(reading: Reading) -> str | None:
    """The class the name says, unless it says only "company" and the context says more."""
    by_name = name_class(reading.name)
    by_cue = cue_class(CUES, reading.left, reading.right)
    return by_cue if by_name in (None, "Company") and by_cue else by_name


def organisation_mention(text: str, reading: Reading, cls: str) -> Mention:
    """An organisation of class `cls`; a platform named as an app is an app, and one whose
    sentence speaks of paid microtasks a microwork platform."""
    kind = kind_of(cls)
    if cls == "Platform" and ("application" in reading.left[-20:] or "appli" in reading.left[-12:]):
        cls, kind = "SoftwareApplication", "app"
    elif cls == "Platform" and MICROWORK.search(fold(sentence_around(text, reading.start))):
        cls = "MicroworkPlatform"  # a platform whose work is labelling, per task
    return Mention(
        reading.start, reading.end, reading.name, cls, kind, reading.method, reading.base + 0.25
    )
