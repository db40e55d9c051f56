"""The words around a name, and the class they give it: "la plateforme X", "X, a data labelling
company", "la journaliste X". Cue tables are in `context_words`."""

from __future__ import annotations

import re

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.context_words import (
    CUES,
    NAME_SUFFIX_CUES,
    PERSON_CUES,
    CueTable,
)
from labourgraph.extract.mentions.vocabulary import MEDIA_AFTER, MEDIA_BEFORE, ROLE_APPOSITION


def window(text: str, start: int, end: int, before: int = 60, after: int = 60) -> tuple[str, str]:
    """Folded text just before and just after a span, cut at sentence-ish boundaries."""
    left = text[max(0, start - before) : start]
    right = text[end : end + after]
    left = re.split(r"[.!?\n]", left)[-1]
    right = re.split(r"[.!?\n]", right)[0]
    unquote = str.maketrans({c: " " for c in '«»"“”()'})
    return " ".join(fold(left).translate(unquote).split()) + " ", " " + " ".join(
        fold(right).translate(unquote).split()
    )


def cue_class(cues: CueTable, left: str, right: str) -> str | None:
    """The class of the cue nearest the name, just before it or in apposition just after.

    Nearest wins, so "Le chercheur Paul Martin, cité par Le Monde" is a researcher, not a
    journalist; at equal distance the order of the cue list decides.
    """
    left_pattern, right_pattern, classes = _compiled_cues(id(cues), cues)
    left_words = _TITLE.sub("", left.rstrip())[-45:]
    right_words = right.lstrip()[:45]
    found: list[tuple[int, str]] = []
    match = left_pattern.search(left_words)
    if match:
        found.append((len(left_words) - match.end("cue"), classes[match.group("cue")]))
    match = right_pattern.search(right_words)
    if match:
        found.append((match.start("cue"), classes[match.group("cue")]))
    if not found:
        return None
    order = [cls for cls, _words in cues]
    return min(found, key=lambda f: (f[0], order.index(f[1])))[1]


_TITLE = re.compile(r"\s*\b(?:dr|mr|mrs|ms|mme|m|mlle|pr)\.?$")
"""A courtesy title between a role and a name ("founders Dr Julie Vonwiller", "le directeur,
M. Dupont"): the role still names the person (folded)."""


def apposition_cue(text: str, end: int) -> bool:
    """ "Quillo, a crowdsourcing platform", "Carolina, a former TikTok moderator": a first word
    of a sentence named by what follows."""
    _left, right = window(text, end, end)
    return cue_class(CUES, "", right) is not None or role_apposition(right)


def role_apposition(right: str) -> bool:
    """Whether the words after a name are an apposition that gives a person's role."""
    return bool(ROLE_APPOSITION.match(right)) and cue_class(PERSON_CUES, "", right) is not None


_ADJECTIVE = (
    r"(?:grands?\s+|grandes?\s+)?[a-z-]+(?:ain|aine|ais|aise|ien|ienne|ois|oise|and|ande|ique|"
    r"ais|al|ale|ese|an|ish|eens?|ennes?)s?"
)
"""An adjective of origin after a French noun: "le magazine américain Time", "l'entreprise
irlandaise CPL", "la start-up française X" (folded)."""

_SUCH_AS = r"(?:comme|tels? que|telles? que|such as|like|including|notamment)"
"""Before a list of examples: "de grands groupes comme Cisco", "firms such as Sama"."""


def news_outlet(left: str, right: str) -> bool:
    """Whether a name that is no person is told things or reports them, as news outlets are:
    "told Insider", "repéré par Le Figaro", "TBIJ reported"."""
    return bool(MEDIA_BEFORE.search(left) or MEDIA_AFTER.search(right))


_CUE_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]] = {}


def _compiled_cues(
    key: int, cues: CueTable
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One left and one right pattern for a whole cue list, compiled once (the re module's
    cache holds 512 patterns, fewer than the cue words, so per-word patterns would be
    recompiled on every name)."""
    if key not in _CUE_CACHE:
        classes: dict[str, str] = {}
        for cls, words in cues:
            for word in words:
                classes.setdefault(word, cls)
        alternation = "|".join(re.escape(w) for w in sorted(classes, key=len, reverse=True))
        left = re.compile(
            rf"(?<![a-z])(?P<cue>{alternation})s?(?:\s+(?:de\s+|d'|du\s+|des\s+)[a-z'-]+)?"
            rf"(?:\s+{_ADJECTIVE})?(?:\s+{_SUCH_AS})?\s*[,:]?\s*$"
        )
        right = re.compile(
            r"^(?:,|\(|(?:est|is|was|etait|c'est)\s)\s*(?:une?\s+|la\s+|le\s+|l'|a\s+|an\s+|the\s+)?"
            rf"(?:[a-z'-]+\s+){{0,3}}?(?P<cue>{alternation})(?![a-z])"
        )
        _CUE_CACHE[key] = (left, right, classes)
    return _CUE_CACHE[key]


def name_class(name: str) -> str | None:
    """A class the name itself says ("University of Ghana", "Northgate Data Services")."""
    words = fold(name).split()
    if len(words) < 2:
        return None
    for cls, suffixes in NAME_SUFFIX_CUES:
        for suffix in suffixes:
            if (
                words[-1] == suffix
                or words[0] == suffix
                or (len(words) > 2 and suffix in words[1:-1] and cls != "Company")
            ):
                return cls
    return None


def sentence_around(text: str, offset: int) -> str:
    """The sentence-ish stretch of text around an offset (between full stops or newlines)."""
    start = max(text.rfind(".", 0, offset), text.rfind("\n", 0, offset)) + 1
    ends = [i for i in (text.find(".", offset), text.find("\n", offset)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]
