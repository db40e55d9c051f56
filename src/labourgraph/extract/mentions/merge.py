"""The last passes: one kind per name in a document, a person's role from all of their
contexts, and one mention per span and key."""

from __future__ import annotations

import re
from dataclasses import replace

from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.people import person_class
from labourgraph.extract.mentions.state import Found


def one_kind_per_name(found: Found) -> None:
    """The most confident typing of a name wins in the whole document ("Pixelforge, a data
    labelling company" makes every other "Pixelforge" of the text an organisation too), and
    the lexicon's over any."""
    best: dict[str, Mention] = {}
    for mention in found.typed:
        if mention.key not in best or mention.confidence > best[mention.key].confidence:
            best[mention.key] = mention
    for mention in found.settled:
        if mention.method == "lexicon":
            best[mention.key] = mention
    found.typed = [
        replace(m, kind=best[m.key].kind, cls=best[m.key].cls) if m.kind != best[m.key].kind else m
        for m in found.typed
    ]


_FIRM_SUFFIX = re.compile(
    r"(?:\s+(?:AI|Inc\.?|Ltd\.?|LLC|Corp\.?|SA|SAS|GmbH|Group|Groupe|Labs|Technologies))+",
    re.IGNORECASE,  # keys may be title-cased ("Quillon Ai")
)
"""What a firm's full name adds to the word it is called by ("Scale AI", "Lancers Inc.")."""


def join_short_forms(found: Found) -> None:
    """A name the text also writes in full with a firm's suffix is that firm: "Scale" after
    "Scale AI", "Lancers" beside "Lancers Inc." (the rules typed the short form on its own,
    often as a place or an untyped organisation). Only a firm's suffixes join ("Amazon" is
    not "Amazon Mechanical Turk"), only organisations are full names, and a name the lexicon
    knows is never rewritten ("Meta" stays Meta beside the AI system "Meta AI")."""
    full: dict[str, Mention] = {}
    for mention in (*found.settled, *found.typed):
        if mention.kind != "organisation":
            continue
        matched = _FIRM_SUFFIX.search(mention.key)
        if matched and matched.end() == len(mention.key) and matched.start() > 0:
            short = mention.key[: matched.start()]
            if short not in full or mention.method == "lexicon":
                full[short] = mention
    if not full:
        return
    found.typed = [
        replace(m, key=full[m.key].key, cls=full[m.key].cls, kind="organisation")
        if m.key in full and m.kind != "person" and m.method != "lexicon"
        else m
        for m in found.typed
    ]


def settle(found: Found) -> list[Mention]:
    """Every mention, a person's class voted from all of their contexts, sorted by offset;
    of the mentions of one key over the same span, the most confident."""
    mentions = list(found.settled)
    for mention in found.typed:
        if mention.kind == "person":
            votes = found.roles.get(mention.key)
            mention = replace(mention, cls=person_class(votes) if votes else "Person")
        mentions.append(mention)
    unique = {(m.start, m.end, m.key): m for m in sorted(mentions, key=lambda m: m.confidence)}
    return sorted(unique.values(), key=lambda m: (m.start, m.end))
