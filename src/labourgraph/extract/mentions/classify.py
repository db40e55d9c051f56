"""Typing each candidate name from its context: an organisation if its name or the words
around say what kind, a person if the model, a full name or a citation says so, else a place
or an untyped organisation. Context overrides the model's label, since the small French model
often calls a platform a person or a place."""

from __future__ import annotations

import re
from collections import Counter

from labourgraph.core.mint import fold
from labourgraph.extract.mentions.context import cue_class, news_outlet, window
from labourgraph.extract.mentions.context_words import PERSON_CUES
from labourgraph.extract.mentions.gazetteer import is_large_place, place_class
from labourgraph.extract.mentions.lexicon_hits import known_mention, near_known
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.names import clean_name, person_key
from labourgraph.extract.mentions.organisations import organisation_class, organisation_mention
from labourgraph.extract.mentions.people import BYLINE_VOTE, People, person_mention
from labourgraph.extract.mentions.places import kind_from_words, place_mention
from labourgraph.extract.mentions.state import Candidate, Found, Reading
from labourgraph.extract.mentions.vocabulary import PLACE_BEFORE


def type_candidates(found: Found) -> None:
    """A typed mention in `found.typed` for every candidate that names something."""
    people = People.index(found)
    untyped: list[Reading] = []
    for candidate in found.candidates:
        reading = _read(found, people, candidate)
        if reading is None:
            continue
        mention = _typed(found, people, reading)
        if mention is not None:
            found.typed.append(mention)
        if reading.method == "ner" and (
            mention is None or mention.cls == "Organisation" or _unsure_place(mention, reading)
        ):
            untyped.append(reading)
    _type_by_list(found, untyped)


def _unsure_place(mention: Mention, reading: Reading) -> bool:
    """A place only because the model said so: no gazetteer or lexicon knows the name, and no
    preposition of place stands before it ("les groupes Accenture et Cognizant")."""
    return (
        mention.kind == "place"
        and mention.method == "ner"
        and place_class(reading.name) is None
        and not PLACE_BEFORE.search(reading.left)
    )


_LIST_GAP = re.compile(r"\s*(?:,|;|\bet\b|\band\b|\bou\b|\bor\b|,\s*(?:et|and|ou|or)\b)\s*")
"""What separates the members of a list of names: "Le Monde, Le Figaro, BFMTV et France
Inter", "Cisco et Dell"."""


def _type_by_list(found: Found, untyped: list[Reading]) -> None:
    """Names the model found but nothing typed take the class of the organisation they are
    listed with ("les médias (Le Monde, Le Figaro, BFMTV …)": Le Monde is a news outlet, so
    are the others), member by member along the list."""
    changed = True
    while changed and untyped:
        changed = False
        known = [m for m in (*found.settled, *found.typed) if m.kind == "organisation"]
        for reading in list(untyped):
            for other in known:
                if other.cls == "Organisation":
                    continue
                gap = (
                    found.text[other.end : reading.start]
                    if other.end <= reading.start
                    else found.text[reading.end : other.start]
                )
                if _LIST_GAP.fullmatch(gap):
                    found.typed = [
                        m for m in found.typed if (m.start, m.end) != (reading.start, reading.end)
                    ]
                    found.typed.append(organisation_mention(found.text, reading, other.cls))
                    untyped.remove(reading)
                    changed = True
                    break


_DOMAIN = re.compile(r"\.(?:ai|com|io|co|net|org)$", re.IGNORECASE)
"""A name written as a web domain ("Builder.ai", "Amazon.com"): a firm's, never a place's."""

_LANDFORM = re.compile(
    r"\b(?:valley|bay|coast|island|islands|peninsula|delta|river|mountains|belt|corridor|"
    r"vallee|cote|ile|iles|fleuve)$",
    re.IGNORECASE,
)
"""A name ending in a landform is a region even as a verb's subject ("Silicon Valley
celebrates…")."""

_AGENT_HEADS = frozenset({"VERB"})
"""What a subject is the subject of when it acts: a verb, not a copula ("X est une ville")."""
_OBJECT = frozenset({"obj", "dobj"})
"""A verb's direct object: a name does something to something ("Lancers has chalked up ¥73
billion"); a town only grows or lies ("Bweyale has grown fast")."""


def _acting_name(found: Found, reading: Reading) -> bool:
    """Whether a name the model calls a place, that no gazetteer or lexicon knows and no
    preposition of place introduces, is written as an actor: the subject of a verb with a
    direct object ("Lancers has chalked up ¥73 billion", "Builder.ai a levé 450 millions")
    or a web domain. Places the text acts with are in GeoNames ("India makes up a third"); an
    unknown name doing business is an organisation the small models took for a place."""
    if _DOMAIN.search(reading.name):
        return True
    if (
        place_class(reading.name) is not None
        or PLACE_BEFORE.search(reading.left)
        or _LANDFORM.search(fold(reading.name))
    ):
        return False
    span = found.doc.char_span(reading.start, reading.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    verb = head.head
    return (
        head.dep_ == "nsubj"
        and verb.pos_ in _AGENT_HEADS
        and any(c.dep_ in _OBJECT for c in verb.children)
    )


_FR_IN = re.compile(r"(?:^|\s)en\s*$")
"""French "en" just before a name: a country or region ("en Nouvelle Zélande", "en Bretagne"),
never a person; the small French model often calls such a name a person."""


_COORDINATED = re.compile(r"\s*(?:,|\band\b|\bet\b|&)\s*")


def _shared_role(found: Found, reading: Reading) -> str | None:
    """The role of the person named just before, joined by "and" or a comma ("Appen founders
    Dr Julie Vonwiller and Chris Vonwiller"): a role before a coordination names each member."""
    for mention in reversed(found.typed):
        if mention.kind != "person" or mention.end > reading.start:
            continue
        if not _COORDINATED.fullmatch(found.text[mention.end : reading.start]):
            return None
        roles = [
            r for r, _n in found.roles.get(mention.key, Counter()).most_common() if r != BYLINE_VOTE
        ]
        return roles[0] if roles else None
    return None


def _read(found: Found, people: People, candidate: Candidate) -> Reading | None:
    name = clean_name(candidate.surface)
    if not name or len(name) < 2:
        return None
    start, end = candidate.start, candidate.end
    left, right = window(found.text, start, end)
    from_model = found.from_model(start, end)
    reading = Reading(
        start=start,
        end=end,
        name=name,
        label=people.labels[name].most_common(1)[0][0],
        left=left,
        right=right,
        method="ner" if from_model else "rules",
        base=0.6 if from_model else 0.5,
        person=person_key(name),
    )
    return people.resolve(found, reading)


def _typed(found: Found, people: People, reading: Reading) -> Mention | None:
    near = near_known(reading.start, reading.end, reading.name, found.lexicon)
    if near is not None:
        return near  # "Remotask", "Tokola": a known actor misspelt
    is_person = people.is_person(reading)
    role = cue_class(PERSON_CUES, reading.left, reading.right) or _shared_role(found, reading)
    if (reading.start, reading.end) in people.citations:
        return person_mention(found, people, reading, role)  # "Hara et al. (2018)": an author
    org_cls = organisation_class(reading)
    if org_cls and place_class(reading.name) in ("Country", "Region"):
        # "la société de Teaneck (New Jersey)": the words around name another's kind; a
        # country or a state is no firm ("Kenya Airways" is another, longer name)
        org_cls = None
    if not org_cls and not (is_person and role) and news_outlet(reading.left, reading.right):
        # "report from Business Insider", "Business Insider a publié": what reports is an
        # outlet, even where the model called it a person and nothing gives it a role
        org_cls, is_person = "MediaOutlet", False
    label = reading.label
    if (
        (kind_from_words(reading) or (not org_cls and label in ("PER", "ORG", "LOC", "GPE")))
        and not role
        and reading.person == reading.name  # "Moreno", Ana Moreno's surname, is no city
        and is_large_place(reading.name)
    ):
        # "la capitale, New Delhi", "between Paris and Antananarivo": GeoNames knows the
        # place, and nothing around makes it a person or an organisation
        is_person, label, org_cls = False, "GPE", None
    if found.lang == "fr" and not org_cls and not role and _FR_IN.search(reading.left):
        is_person, label = False, "GPE"  # "en Nouvelle Zélande": no one is "en" a person
    if org_cls and not (is_person and role):
        return organisation_mention(found.text, reading, org_cls)
    if is_person:
        return person_mention(found, people, reading, role)
    # neither a person nor an organisation its context types
    if found.text[reading.end : reading.end + 7] == "-based" or (
        PLACE_BEFORE.search(reading.left)
        and (label != "ORG" or place_class(reading.name) is not None)
    ):
        # "a Dhaka-based company", "in Lima", "à Medellín": a place; but a name the model
        # calls an organisation and no gazetteer knows stays one after "from" or "to" ("work
        # from Lancers", "lessons from Comlabo"), which organisations take as places do
        label = "GPE"
    known = known_mention(reading.start, reading.end, reading.name, found.lexicon)
    if known is not None:
        return known
    if label in ("LOC", "GPE") and _acting_name(found, reading):
        label = "ORG"
    if label in ("LOC", "GPE"):
        return place_mention(found, reading)
    if label == "ORG":
        return Mention(
            reading.start,
            reading.end,
            reading.name,
            "Organisation",
            "organisation",
            reading.method,
            reading.base,
        )
    return None  # MISC without a cue is too noisy to keep
