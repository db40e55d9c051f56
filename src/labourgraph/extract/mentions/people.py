"""People: picture credits, the full names a document gives (so that a lone surname finds its
person), the evidence that capitalised words name a person, and a person's role from every
context the document names them in."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from labourgraph.extract.mentions.context import cue_class, name_class, role_apposition, window
from labourgraph.extract.mentions.context_words import PERSON_CUES
from labourgraph.extract.mentions.gazetteer import place_class
from labourgraph.extract.mentions.mention import Mention
from labourgraph.extract.mentions.names import clean_name, first_at, in_lower_case, person_key
from labourgraph.extract.mentions.state import Found, Reading
from labourgraph.extract.mentions.vocabulary import (
    AGE_AFTER,
    AGE_BEFORE,
    BYLINE_LINE,
    CITATION,
    CREDIT,
    CREDIT_AFTER,
    CREDIT_AGENCY_FIRST,
    EN_COMMON,
    EN_PLACE_BEFORE,
    FIRST_NAME_BEFORE,
    INTERVIEWER_BEFORE,
    LEADING_WORDS,
    SAID_BY,
    SAYS,
)


def add_picture_credits(found: Found) -> None:
    """Picture credits ("Valentino BELLONI / Hans Lucas", "( AFP / Arun SANKAR )"):
    photographers, settled."""
    credits = [*CREDIT.finditer(found.text), *CREDIT_AGENCY_FIRST.finditer(found.text)]
    for match in sorted(credits, key=lambda m: m.start(1)):
        start, end = match.start(1), match.end(1)
        if found.overlaps_settled(start, end):
            continue
        name = clean_name(match.group(1))
        found.settled.append(Mention(start, end, name, "Photographer", "person", "rules", 0.7))


_NAMED_PERSON = re.compile(
    r"(?:^|(?<=[.!?»\n]\s)|(?<=\n))([A-Z][a-zéèëïîôç]+(?:\s[A-Z][a-zéèëïîôç]+)?)"
    r"(?:(?P<aged>,\s*[1-9][0-9]\s*(?:ans|years\s+old)?\s*,)|"
    r"\*?,\s+(?:elle|il|lui)\s*,|\*?\s+est\s+(?:une?\s+)?(?:jeune\s+|ancienne?\s+)?"
    r"(?:étudiante?|(?P<work>travailleu[rs]e?|modérat(?:eur|rice)|annotat(?:eur|rice))|"
    r"ingénieure?|mère|père|employée?|salariée?)\b)"
)
"""A first name the model may miss, made a person by its sentence: "Nathy, elle, touche…",
"Luis est un étudiant colombien…", "Landry* est annotateur…" (the asterisk of a pseudonym),
"Elina, 25 ans, fait partie…" (the name opens the
sentence). One given an age is a witness of the press, typed Worker as `person_mention` does."""


def add_people_by_construction(found: Found) -> None:
    """First names that open a sentence and that a pronoun or a role noun makes a person."""
    for match in _NAMED_PERSON.finditer(found.text):
        start, end = match.start(1), match.end(1)
        if found.overlaps_settled(start, end):
            continue
        name = clean_name(match.group(1))
        cls = "Worker" if match.group("aged") or match.group("work") else "Person"
        found.settled.append(Mention(start, end, name, cls, "person", "rules", 0.6))


@dataclass
class People:
    """Who the document names as a person, for typing its candidates."""

    labels: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """The labels the model and rules gave each cleaned name, one vote per occurrence."""
    full: set[str] = field(default_factory=set)
    """Full names of people (two words or more)."""
    surnames: dict[str, str] = field(default_factory=dict)
    """Each surname's full name: the one the text names first."""
    citations: set[tuple[int, int]] = field(default_factory=set)
    """Offsets of surnames cited as authors: "(Tubaro et al., 2020)"."""
    witnesses: set[str] = field(default_factory=set)
    """Lone first names the text follows as a person ("Kenneth told …", "Louis* est
    modérateur"): the press's witnesses, named by first name only."""

    @classmethod
    def index(cls, found: Found) -> People:
        people = cls()
        for c in found.candidates:
            people.labels[clean_name(c.surface)].update([c.label])
        people.full = {
            person_key(clean_name(c.surface))
            for c in found.candidates
            if c.label == "PER" and len(clean_name(c.surface).split()) >= 2
        }
        people.full |= {m.key for m in found.settled if m.kind == "person"}
        # two full names may share a surname ("Yusuf Valensen ... à Puerto Valensen"): a lone
        # surname goes to the one the text names first, never to whichever a set yields first
        # (that changed from run to run with Python's string hashing)
        for name in sorted(people.full, key=lambda n: (first_at(found.text, n), n)):
            people.surnames.setdefault(name.split()[-1], name)
        people.citations = {(m.start(1), m.end(1)) for m in CITATION.finditer(found.text)}
        people.witnesses = _witnesses(found) - {n.split()[-1] for n in people.full}
        return people

    def resolve(self, found: Found, reading: Reading) -> Reading:
        """The reading with its person completed: a first name put back before a surname in
        apposition to a role, a lone surname given its full name; and English capitalised words
        with nothing of a person turned into a place or an organisation."""
        if reading.label == "PER" and " " not in reading.person:
            text = found.text
            before = FIRST_NAME_BEFORE.search(text[max(0, reading.start - 20) : reading.start])
            if (
                before
                and not LEADING_WORDS.match(before.group(0))
                and before.group(1).lower() not in EN_COMMON
                and cue_class(PERSON_CUES, "", reading.right)
            ):
                person = f"{before.group(1)} {reading.person}"  # "Si Chen, vice-président"
                reading = replace(reading, person=person, start=reading.start - len(before[0]))
                self.full.add(person)
                self.surnames.setdefault(person.split()[-1], person)
        if reading.person in self.surnames:
            reading = replace(reading, person=self.surnames[reading.person])
        if reading.label != "PER" and " " not in reading.name and role_apposition(reading.right):
            reading = replace(reading, label="PER")  # "Carolina, a former TikTok moderator"
        surface = found.text[reading.start : reading.end]
        if reading.label == "PER" and " " in surface and _ACRONYM_WORD.search(surface):
            reading = replace(reading, label="ORG")  # "Handshake AI", "Scale AI": no person
            self.full.discard(reading.person)
        if reading.label != "PER" and _full_name(found, reading) and _role_cued(reading):
            reading = replace(reading, label="PER")  # "Its chairperson, Arnel Villanueva,"
        if (
            found.lang != "fr"
            and reading.label == "PER"
            and not _person_evidence(found, reading)
            and not _model_full_name(found, reading)
            and reading.person not in self.witnesses
        ):
            # capitalised words with nothing that says "person": a place if a preposition
            # or "a … start-up" frames it, else an unnamed kind that context must type
            label = "GPE" if EN_PLACE_BEFORE.search(reading.left) else "ORG"
            reading = replace(reading, label=label)
            self.full.discard(reading.person)
        return reading

    def is_person(self, reading: Reading) -> bool:
        return (
            reading.label == "PER"
            or reading.person in self.full
            or reading.person in self.witnesses
            or (reading.start, reading.end) in self.citations
        )


def _person_evidence(found: Found, reading: Reading) -> bool:
    """Something around capitalised words that says they name a person: a verb of saying, a
    role, the surname alone elsewhere, the full name of a person named before ("Nkunzimana"
    after "Nathan Nkunzimana"), or a line of its own (a byline: "Carlos Bajo Erro")."""
    text = found.text
    left, right = reading.left, reading.right
    if SAYS.search(right) or SAID_BY.search(left) or cue_class(PERSON_CUES, left, right):
        return True
    if _aged(text, reading):
        return True
    if reading.person != reading.name and " " in reading.person:
        return True
    surface = text[reading.start : reading.end]
    segment = _segment(text, reading.start, reading.end)
    if (
        BYLINE_LINE.fullmatch(segment)
        and (len(segment.split()) >= 3)  # "Carlos Bajo Erro", "A. Bell & C. Dunn"
        and _proper_nouns(found, reading)
    ):
        return True  # proper nouns alone on a line (a two-word line may be a heading)
    alone = _alone(surface.split()[-1]).findall(text)
    return len(alone) > text.count(surface)  # the surname recurs on its own


_ACRONYM_WORD = re.compile(r"(?<![\w.])[A-Z]{2,3}(?![\w.])")
"""A word of two or three capitals ("AI", "IA", "SAS"): part of a body's name, never of a
person's (a shouted surname is longer: "CASILLI")."""

_NAME_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[-’'][A-ZÀ-Ýa-zà-ÿ]+)?")
"""One word of a person's name as the press writes it: capitalised, the rest in lower case
("Muñoz", "Jean-Pierre", "O'Neil"); an acronym ("AI", "UK") is no part of a person's name."""


def _full_name(found: Found, reading: Reading) -> bool:
    """Whether the words read as a person's full name: two to four capitalised words, none of
    them one the text also writes in lower case ("Higher Pay", "Key Findings"), none saying a
    kind of body ("Halcyon Labs"), unknown to the lexicon."""
    words = found.text[reading.start : reading.end].split(" ")
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    if name_class(reading.name) or found.lexicon.find(reading.name):
        return False
    return not any(in_lower_case(found.text, w) for w in words)


_ROLES_BEFORE = frozenset({"Executive", "Spokesperson", "Researcher", "Worker", "Person"})
"""Roles whose cue before a name makes it a person's, whatever the model said; "par", "by"
(a journalist's cue) also stand before outlets and organisations."""


def _role_cued(reading: Reading) -> bool:
    """A role in apposition after the name ("Sofia Quispe, a former teacher,") or just before
    it ("Its chairperson, Arnel Villanueva")."""
    return (
        role_apposition(reading.right) or cue_class(PERSON_CUES, reading.left, "") in _ROLES_BEFORE
    )


def _model_full_name(found: Found, reading: Reading) -> bool:
    """Whether the English model calls exactly these words a person, and they read as a full
    name (`_full_name`), every word a proper noun.

    The small model's PERSON label on such a span is right far more often than not ("Mark
    Brayan", "Safiya Husain", "Jessica Fenol, ABS-CBN News"), while a one-word PERSON is often a
    brand or a heading's word: those still need the evidence of `_person_evidence`.
    """
    return _full_name(found, reading) and any(
        e.label_ == "PERSON"
        and e.start_char == reading.start
        and e.end_char == reading.end
        and all(t.pos_ == "PROPN" for t in e)
        for e in found.entities
    )


_BYLINE_OUTLET = re.compile(r"(?:,\s*[A-Z0-9][\w&.’'-]*(?:\s+[A-Z0-9][\w&.’'-]*)*)?\s*")
"""What may follow an author's name on a byline: nothing, or ", " and the outlet's name
("Jessica Fenol, ABS-CBN News")."""

_BODY_WORDS = 30
"""A line of more words than this is body text: a byline stands above the first one."""


def _byline(text: str, start: int, end: int) -> bool:
    """Whether a person's name is an article's byline: alone on its line (or followed by its
    outlet), above the first paragraph of body text. A name alone on a line further down is
    a caption or a heading, not the author."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or not _BYLINE_OUTLET.fullmatch(text[end:line_end]):
        return False
    return all(len(line.split()) <= _BODY_WORDS for line in text[:line_start].splitlines())


def _aged(text: str, reading: Reading) -> bool:
    """Whether the text gives the name an age, as the press does for the people it portrays
    ("Elina, 25 ans,", "Mensah, 29,", "25-year-old Jay"): only a person has one, so even a
    lone first name so introduced is a person (a witness, typed Worker by the caller)."""
    before = text[max(0, reading.start - 16) : reading.start]
    return bool(AGE_AFTER.match(text[reading.end : reading.end + 16]) or AGE_BEFORE.search(before))


def _proper_nouns(found: Found, reading: Reading) -> bool:
    """Whether every word of the span is a proper noun: tagged so by the model, and never
    written in lower case in the text ("Key Findings" is a heading: "the findings")."""
    span = found.doc.char_span(reading.start, reading.end, alignment_mode="expand")
    return span is not None and all(
        not t.is_alpha
        or (t.pos_ == "PROPN" and not re.search(rf"\b{re.escape(t.lower_)}\b", found.text))
        for t in span
    )


def _segment(text: str, start: int, end: int) -> str:
    """The line around a span, or the part of it between the bars that web pages put between
    a title and its authors ("… AI ambitions | Clément Le Ludec & Maxime Cornet")."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("|", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find("|", end)) if i >= 0]
    return text[line_start : min(ends) if ends else len(text)].strip()


def _alone(word: str) -> re.Pattern[str]:
    """`word` standing as a whole word, not inside a hyphenated one."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


_WITNESS_CUE = re.compile(r"^\s*\*|^\s*,\s*(?:who|qui)\b")
"""After a first name, what marks a person: the asterisk of a pseudonym ("Louis*"), a relative
clause ("Jonathan, who lives in …")."""


def _witnesses(found: Found) -> set[str]:
    """Lone capitalised names that the model calls a person at least twice and that the text
    treats as one at least once (a verb of saying, a role, a pseudonym's asterisk, "X, who"),
    never writes in lower case, and that name no place GeoNames knows.

    Reporters name their witnesses by first name alone ("Kenneth", "Louis*", "Jonathan"); a
    name the model calls a person once, or that nothing treats as one, is as often a brand or
    a capitalised first word ("Effectuer", "Quel").
    """
    counts: Counter[str] = Counter(
        e.text
        for e in found.entities
        if e.label_ in ("PER", "PERSON") and len(e) == 1 and _NAME_WORD.fullmatch(e.text)
    )
    names = set()
    for name, count in counts.items():
        if count < 2 or place_class(name) or found.lexicon.find(name):
            continue
        if in_lower_case(found.text, name):
            continue
        for match in _alone(name).finditer(found.text):
            left, right = window(found.text, match.start(), match.end())
            after = found.text[match.end() : match.end() + 12]
            if (
                SAYS.search(right)
                or cue_class(PERSON_CUES, left, right)
                or _WITNESS_CUE.match(after)
            ):
                names.add(name)
                break
    return names


def person_mention(
    found: Found, people: People, reading: Reading, role: str | None
) -> Mention | None:
    """A person, with the role the words around say (`role`, the nearest role cue), or None
    for a lone first name or surname that no full name or citation explains."""
    start, end = reading.start, reading.end
    if (
        len(reading.person.split()) < 2
        and (start, end) not in people.citations
        and not (role and role_apposition(reading.right))
        and not _aged(found.text, reading)
        and reading.person not in people.witnesses
    ):
        return None  # a lone first name or surname we cannot attach to anyone
    cls = role
    if INTERVIEWER_BEFORE.search(reading.left):
        cls = "Journalist"  # "X spoke to Tom Reyes": the interviewer
    if CREDIT_AFTER.match(found.text[end : end + 6]):
        cls = "Photographer"  # a picture credit: "Name / Agency"
    elif cls is None and _byline(found.text, start, end):
        cls = BYLINE_VOTE  # "Sulaiman Daud" alone on a line above the article: its author
    elif cls is None and (_aged(found.text, reading) or reading.person in people.witnesses):
        cls = "Worker"  # "Aïcha Ndiaye, 27 ans," / "Mensah, 29,": the press's witnesses
    if (start, end) in people.citations:
        cls = "Researcher"
    if cls:
        found.roles[reading.person].update([cls])
        cls = None if cls == BYLINE_VOTE else cls
    confidence = reading.base + (0.2 if cls else 0.1)
    return Mention(start, end, reading.person, "Person", "person", reading.method, confidence)


def add_lone_surnames(found: Found) -> None:
    """A surname alone ("témoigne Fuentes") refers to the person named in full in the
    document, and a lone name the text once makes a person ("Landry est annotateur") is that
    person wherever it stands ("Landry* allume son ordinateur", read by no rule of its own):
    one name, one referent per document. Every free occurrence becomes a mention of them."""
    people = {m.key for m in (*found.settled, *found.typed) if m.kind == "person"}
    covered = [(m.start, m.end) for m in (*found.settled, *found.typed)]
    for person in sorted(people):
        surname = person.split()[-1]
        if len(surname) < 3:
            continue
        for match in _alone(surname).finditer(found.text):
            if any(s < match.end() and match.start() < e for s, e in covered):
                continue
            left, right = window(found.text, match.start(), match.end())
            cls = cue_class(PERSON_CUES, left, right)
            if cls:
                found.roles[person].update([cls])
            found.typed.append(
                Mention(match.start(), match.end(), person, "Person", "person", "rules", 0.6)
            )


BYLINE_VOTE = "byline"
"""The vote of a byline: the author of the piece, a journalist unless the text gives the
person another role (a researcher signing an essay: "Antonio A. CASILLI" above it)."""


def person_class(votes: Counter[str]) -> str:
    """Most specific role named for the person; a worker hint outvotes a lone researcher cue;
    a byline makes a journalist only of someone the text gives no other role."""
    if votes.get(BYLINE_VOTE):
        if len(votes) == 1:
            return "Journalist"
        votes = Counter({c: n for c, n in votes.items() if c != BYLINE_VOTE})
    for cls in ("Photographer", "Journalist", "Spokesperson", "Executive"):
        if votes.get(cls):
            return cls
    if votes.get("Person", 0) >= max(1, votes.get("Worker", 0)):
        return "Person"  # "l'avocate Mercy Mutemi": the workers' lawyer is no worker
    if votes.get("Researcher", 0) >= max(1, votes.get("Worker", 0)):
        return "Researcher"
    return "Worker" if votes.get("Worker") else "Person"
