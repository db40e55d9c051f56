"""Who "l'entreprise", "la plateforme" or "the company" is: definite descriptions resolved to
the organisation the text has been talking about.

Press texts name a firm once and then describe it: "Appen … L'entreprise australienne a vu sa
valeur marchande chuter de 99 %". A figure in such a sentence is about Appen, though the
sentence names no one. A definite description is a determiner followed by the label of an
organisation class of the ontology ("entreprise", "plateforme", "startup", "company",
"platform"…); it names the last organisation mentioned before it, within a few paragraphs,
whose class is that class or one under it. The head nouns are the ontology's labels, so the
words live in one place; the one liberty taken is that a platform is also a company, since
the press calls Appen or Scale AI "l'entreprise".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from rdflib.namespace import RDFS, SKOS
from spacy.tokens import Token

from labourgraph.core import model
from labourgraph.core.vocab import PLO
from labourgraph.extract.mentions import Mention

_REACH = 2500
"""How far back (characters) a description may find what it names."""
_DETERMINER = r"(?:\b[Ll]['’]|\b(?:le|la|cette|cet|ce|the|this|that)\s+)"
"""A singular definite determiner: "les plateformes" speaks of platforms in general."""
_NOT_DESCRIBED = ("Organisation", "MediaOutlet", "WorkerCollective")
"""Classes whose label is too general ("organisation") or names no actor of a figure."""


@dataclass(frozen=True)
class Description:
    """A definite description at text[start:end] and the classes it may name."""

    start: int
    end: int
    classes: frozenset[str]


@cache
def _heads() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One pattern for every head noun, and the classes each head may name."""
    graph = model.ontology()
    heads: dict[str, frozenset[str]] = {}
    for cls in sorted(model.ORGANISATION_CLASSES):
        if cls in _NOT_DESCRIBED:
            continue
        named = model.subclasses(cls)
        if cls == "Company":
            named |= model.PLATFORM_CLASSES
        # hidden labels: what the press calls such an organisation, not a name for the class
        # ("le réseau social" for TikTok)
        for prop in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(PLO[cls], prop):
                word = str(label).lower()
                heads[word] = heads.get(word, frozenset()) | named
    words = sorted(heads, key=len, reverse=True)
    pattern = re.compile(
        _DETERMINER + "(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE
    )
    return pattern, heads


_LAST_WORDS = re.compile(r"([^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*)?)\s*$")
"""The last one or two words of a phrase (a head may be two words: "réseau social")."""


def ends_with_kind(words: str) -> bool:
    """Whether words end with the noun of a kind of organisation, as a description's head
    ("the $7 billion San Francisco *startup* Scale AI", "data labeling *giant* Surge")."""
    heads = _heads()[1]
    last = _LAST_WORDS.search(words)
    if last is None:
        return False
    tail = last.group(1).lower()
    return tail in heads or tail.split()[-1] in heads


def find_descriptions(text: str, start: int, end: int) -> list[Description]:
    """The definite descriptions of organisations in text[start:end]."""
    pattern, heads = _heads()
    return [
        Description(m.start(), m.end(), heads[m.group(1).lower()])
        for m in pattern.finditer(text, start, end)
    ]


def antecedent(description: Description, mentions: list[Mention]) -> Mention | None:
    """The organisation a description names: the last compatible one mentioned before it;
    else the last organisation of no known kind ("Organisation": a name the rules found but
    could not type, "Builder.ai … la société"), which the description then says is one."""
    before = [
        m
        for m in mentions
        if m.kind == "organisation"
        and description.start - _REACH <= m.start
        and m.end <= description.start
    ]
    typed = [m for m in before if m.cls in description.classes]
    untyped = [m for m in before if m.cls == "Organisation"]
    found = typed or untyped
    return max(found, key=lambda m: m.start) if found else None


def described_organisation(
    text: str, mentions: list[Mention], start: int, end: int
) -> Mention | None:
    """The organisation named by the first definite description in text[start:end], if any."""
    for description in find_descriptions(text, start, end):
        found = antecedent(description, mentions)
        if found is not None:
            return found
    return None


_SUBJECT_PRONOUN = re.compile(r"\b(?:(elle|she|he)|(ils|elles|they))\b", re.IGNORECASE)
"""Personal subject pronouns that stand for someone named before: one person (elle, she, he)
or a group (ils, elles, they). "il" and "it" are left out: mostly impersonal ("il faut", "il
y a") or about a thing."""


_PAYEE_PRONOUN = re.compile(
    r"\b(?:(elle|she|he|her|his|him|son|sa|ses|lui)|(ils|elles|they|their|them|leurs?))\b"
    r"|\b(?:(la|le|l['’])|(les))\s*(?=(?:paie|paye|paient|payait|payaient|verse|versait|"
    r"rémunère|rémunérait|offre|offrait|propose|proposait|donne|donnait)\b"
    r"(?!\s+(?:de|du|des|d['’])))",
    re.IGNORECASE,
)
"""Who is paid, said by a pronoun: a subject, an object ("pays her $3 an hour", "la paie 2
euros", "leur verse") or a possessor ("her pay", "son salaire de 120 euros"); read only for a
pay, where the possessor or the one paid is a person or a group, not a company's figure."""


def subject_pronoun(
    text: str, start: int, end: int, payee: bool = False
) -> tuple[int, bool] | None:
    """The last personal subject pronoun in text[start:end], as (offset, plural); with
    `payee`, also the object and possessive pronouns that say who a pay is for."""
    found = None
    pattern = _PAYEE_PRONOUN if payee else _SUBJECT_PRONOUN
    for match in pattern.finditer(text, start, end):
        if payee:
            found = (match.start(), match.group(2) is not None or match.group(4) is not None)
            continue
        found = (match.start(), match.group(2) is not None)
    return found


_LOCATIVE = r"\b(?:dans|en|à\s+travers|in|within|across|throughout)\s+"
"""A place adjunct: "dans la région", "in the country" (not "ont quitté le pays")."""


@cache
def _place_heads() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the head nouns of the place classes ("le pays", "la région", "the
    city"), and the class each names: the labels of the ontology's place classes."""
    graph = model.ontology()
    heads: dict[str, str] = {}
    for cls in ("Country", "Region", "City"):
        for prop in (RDFS.label, SKOS.altLabel):
            for label in graph.objects(PLO[cls], prop):
                heads[str(label).lower()] = cls
    words = sorted(heads, key=len, reverse=True)
    pattern = re.compile(
        _LOCATIVE
        + _DETERMINER
        + "("
        + "|".join(re.escape(w) for w in words)
        + r")\b(?!\s+(?:de|du|des|of)\b)",
        re.IGNORECASE,
    )
    return pattern, heads


def described_place(text: str, mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The place named by a definite description in text[start:end] ("environ 100 millions
    d'utilisateurs dans la région" after "en Amérique latine"; "the country"): the last
    place of that class named before it. "la région de Nairobi" names its place itself."""
    pattern, heads = _place_heads()
    for match in pattern.finditer(text, start, end):
        cls = heads[match.group(1).lower()]
        before = [
            m
            for m in mentions
            if m.kind == "place"
            and m.cls == cls
            and match.start() - _REACH <= m.start
            and m.end <= match.start()
        ]
        if before:
            return max(before, key=lambda m: m.start)
    return None


_PERSON_LABELS = frozenset({"PER", "PERSON"})
"""The entity labels of a person in the French (`PER`) and English (`PERSON`) pipelines."""
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})


def with_protagonists(
    tokens: Sequence[Token], text: str, mentions: Sequence[Mention]
) -> list[Mention]:
    """`mentions` with the people a portrait is about, named by a first name alone ("Nathy",
    "Jonathan", "Ramola"): one mention per occurrence of the name, sorted by offset.

    A press portrait names its witness by a first name or a pseudonym and follows them through
    the text ("Jonathan … was laid off. … Jonathan had a brief Zoom"); the mentions leave a
    lone first name out, since one occurrence of it may be anyone, or take it for an
    organisation when the recogniser's guess is all they have. A name is followed here when
    the text uses it again and again as a person: it stands as the grammatical subject of a
    clause at least once, the entity recogniser calls it a person or a singular personal
    pronoun takes it up ("Landry … Diplômé en informatique, il passe…"), and it is written at
    least `_PORTRAIT_NAMINGS` times as a word of its own. A word of a longer name, or of a
    name the lexicon knows, is that name's; an organisation or a place the recogniser guessed
    under the same single word is replaced."""
    named: dict[str, list[Token]] = {}
    for token in tokens:
        word = token.text
        if len(word) < 3 or not word[0].isupper() or not word.isalpha() or word.isupper():
            continue
        if token.pos_ == "PROPN" or token.ent_type_ in _PERSON_LABELS:
            named.setdefault(word, []).append(token)
    guessed = {  # an organisation or a place only the recogniser's guess made, in one word
        m.key for m in mentions if m.kind in _GUESSED and m.method == "ner" and " " not in m.key
    }
    kept = [m for m in mentions if not (m.kind in _GUESSED and m.key in guessed)]
    other_names = {w for m in kept if m.kind != "person" or " " in m.key for w in m.key.split()}
    taken = sorted((m.start, m.end) for m in kept)
    found: list[Mention] = []
    replaced: set[str] = set()
    for word, occurrences in sorted(named.items()):
        if word in other_names or not any(t.dep_ in _SUBJECT_DEPS for t in occurrences):
            continue
        if not _is_person(occurrences, word in guessed):
            continue
        spans = [
            (m.start(), m.end())
            for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        ]
        free = [(s, e) for s, e in spans if not _overlaps(taken, s, e)]
        named_already = sum(1 for m in kept if m.kind == "person" and m.key == word)
        if len(spans) < _PORTRAIT_NAMINGS or len(free) < len(spans) - named_already:
            continue
        found.extend(Mention(s, e, word, "Person", "person", "rules", 0.6) for s, e in free)
        replaced.add(word)
    if not found:
        return list(mentions)
    replaced &= guessed
    return sorted(
        [*(m for m in mentions if not (m.kind in _GUESSED and m.key in replaced)), *found],
        key=lambda m: (m.start, m.end),
    )


def with_short_names(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """`mentions` with the later occurrences of a person's first or last name alone, as that
    person ("Michelle Muñoz … Michelle says", "Dawn Alderson … When Alderson complained"):
    the way press texts follow a person named in full once. A short name is read only after
    the full name, where it is written as a word of its own that no other mention covers,
    and only when it is the short name of one person of the text (two people called
    Michelle leave "Michelle" to no one) and no organisation or place bears it."""
    people = [m for m in mentions if m.kind == "person" and " " in m.key]
    if not people:
        return list(mentions)
    owners: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for person in people:
        words = person.key.split()
        for word in {words[0], words[-1]}:
            if len(word) >= 3 and word[0].isupper() and word.isalpha():
                owners.setdefault(word, set()).add(person.key)
        first_seen[person.key] = min(first_seen.get(person.key, person.start), person.start)
    others = {w for m in mentions if m.kind != "person" for w in m.key.split()}
    taken = sorted((m.start, m.end) for m in mentions)
    by_key = {m.key: m for m in people}
    found = []
    for word, keys in owners.items():
        if len(keys) != 1 or word in others:
            continue
        (key,) = keys
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            if match.start() <= first_seen[key] or _overlaps(taken, *match.span()):
                continue
            person = by_key[key]
            found.append(replace(person, start=match.start(), end=match.end(), method="rules"))
    if not found:
        return list(mentions)
    return sorted([*mentions, *found], key=lambda m: (m.start, m.end))


def _is_person(occurrences: Sequence[Token], guessed: bool) -> bool:
    """Whether the recogniser's labels of a name's occurrences make it a person: most of
    those it labels say a person; or as many say a person as not (none, or "Mialy" a place
    once and a person once: the small models hesitate), and a singular personal pronoun
    takes it up. A name it also labels otherwise ("Marwari", a language; "Kazibora",
    "une plateforme" placed in Nairobi) is no one followed, and an organisation it guessed
    (`guessed`: "Moderis emploie 350 modérateurs") becomes a person only when the labels say
    a person at least as often as not and a pronoun takes it up ("Kenneth told ABS-CBN
    News. He asked…")."""
    people = sum(1 for t in occurrences if t.ent_type_ in _PERSON_LABELS)
    others = sum(1 for t in occurrences if t.ent_type_ and t.ent_type_ not in _PERSON_LABELS)
    taken = sum(1 for t in occurrences if _followed_by_pronoun(t))
    # a name the recogniser calls a person once, and a "she" or "il" takes up twice, is one
    # whatever else its labels guess ("Lílian quit her formal job … she started", labelled a
    # nationality, a work of art and an organisation elsewhere by the small English model)
    if people > 0 and taken >= 2:
        return True
    if guessed:
        return 0 < people >= others and taken > 0
    return people > others or (people == others and taken > 0)


def _overlaps(taken: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] overlaps one of the sorted spans `taken`."""
    i = bisect.bisect_left(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(0, i - 8) : i])


def _followed_by_pronoun(token: Token) -> bool:
    """Whether a name standing as a subject is taken up by a singular personal pronoun in its
    own or the next sentence ("Landry … allume son ordinateur … il passe"):
    the way a text speaks of a person, whatever the entity recogniser made of the name."""
    if token.dep_ not in _SUBJECT_DEPS:
        return False
    sentence = token.sent
    end = sentence.end
    doc = token.doc
    if end < len(doc):
        end = doc[end].sent.end
    # a personal pronoun whatever its dependency: the small models' parse of a sentence's
    # first word errs ("Elle annote…" read as a determiner)
    return any(t.pos_ == "PRON" and t.lower_ in _PERSONAL for t in doc[token.i + 1 : end])


_GUESSED = frozenset({"organisation", "place"})
"""The kinds of mention the recogniser's guess may give a first name ("Kenneth" an
organisation, "Mialy" a place)."""
_PERSONAL = frozenset({"il", "elle", "he", "she"})
"""The singular personal subject pronouns that take up a person named before."""


_PORTRAIT_NAMINGS = 2
"""How many times a first name must be written for its bearer to be followed through a text."""
