"""The last passes: one kind per name in a document, a person's role from all of their
contexts, and one mention per span and key."""

from __future__ import annotations

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
