"""Relations between what a document names, read sentence by sentence with cue rules.

A relation is asserted only where one sentence (or a sentence and the one before it, for a
worker introduced by name then referred to as "elle"/"she") holds both ends and the words
that link them; the sentence is its evidence. Rules, not a trained model: every relation is
marked as `pld:activity/relation-rules` output with a confidence that says how direct the
cue was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from rdflib import URIRef
from rdflib.namespace import SKOS
from spacy.tokens import Doc

from labourgraph.core.mint import fold
from labourgraph.core.model import ontology, subclasses
from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import CueHit
from labourgraph.extract.mentions import PLATFORM_CLASSES, Mention
from labourgraph.extract.nlp import sentence_spans, text_of
from labourgraph.extract.number_words import WORDS_EN, WORDS_FR
from labourgraph.extract.polarity import ASSERTED, DENIED, HEDGED, PolarityCues, polarity_of
from labourgraph.extract.relation_frames import (
    agent_of,
    attachment,
    in_phrase_of,
    root,
    subject_of,
    under,
    whose_clause,
)
from labourgraph.extract.scope import is_furniture
from labourgraph.extract.subjects import population_label

ORGANISATION_KINDS = {"organisation"}


def _label_pattern(label: str, whole: bool) -> str:
    """One cue label as a pattern over folded text: its words with any spacing between them,
    a hyphen written or not, and, for the beginning of a word (`whole` false), any ending."""
    words = [re.escape(word).replace(r"\-", "-?") for word in fold(label).split()]
    return r"\s+".join(words) + ("" if whole else r"\w*")


@cache
def cue_words(cue: URIRef, which: str = "both") -> str:
    """The words of the ontology's relation cue `cue` (a `plo:RelationCue`) as one
    alternation over folded text: its alternative labels as written, its hidden labels as the
    beginnings of words (`which`: "alt", "hidden" or "both"), longest first, so that the
    rules of this module hold the grammar (where the words stand) and the ontology the words,
    in both languages. Every relation rule reads both languages' words: a French text quotes
    English titles ("CEO") and names ("outsourcing")."""
    graph = ontology()
    found: set[str] = set()
    if which in ("alt", "both"):
        found |= {_label_pattern(str(o), True) for o in graph.objects(cue, SKOS.altLabel)}
    if which in ("hidden", "both"):
        found |= {_label_pattern(str(o), False) for o in graph.objects(cue, SKOS.hiddenLabel)}
    if not found:
        raise ValueError(f"the ontology gives no words for the relation cue {cue}")
    return "(?:" + "|".join(sorted(found, key=lambda w: (-len(w), w))) + ")"


@dataclass(frozen=True)
class Relation:
    subject: Mention
    predicate: URIRef
    object: Mention
    start: int  # evidence span
    end: int
    method: str
    confidence: float


@dataclass(frozen=True)
class Layer:
    index: int
    role: URIRef
    operator: Mention | None
    start: int
    end: int


@dataclass(frozen=True)
class Chain:
    start: int
    end: int
    layers: tuple[Layer, ...]


@dataclass(frozen=True)
class Statement:
    topic: URIRef
    cls: str
    start: int
    end: int
    population: str | None
    organisation: Mention | None
    cue_start: int
    cue_end: int
    polarity: str = ASSERTED  # a plo:Polarity local name
    more: tuple[tuple[int, int], ...] = ()
    """Further evidence spans (sentences) that state the same topic with the same polarity in
    the document (`one_per_document`)."""


_AFFILIATION = re.compile(
    r"(?:\ba\b|\bau\b|\baux\b|\bat\b|\bchez\b|\bde\b|\bdu\b|\bd'|\bof\b|\bfor\b|\bpour\b|"
    r"\bwith\b|\bmembre\b|\bmember\b|\bwith\b|\(|\bin\b)"
)
_WORK_CUES = re.compile(cue_words(PLO.WorkContextCue))
_LIVES = re.compile(
    r"\b(?:" + cue_words(PLO.DwellingCue) + "|" + cue_words(PLO.PersonBasedCue) + r")\b"
)
_LIVES_ANYWHERE = re.compile(r"\b" + cue_words(PLO.DwellingCue) + r"\b")
"""Words of a person's dwelling anywhere in a sentence ("based in" is left out: it says where
an organisation of the sentence is)."""
_ORIGIN = re.compile(r"\b" + cue_words(PLO.OriginCue) + r"\s*(?:le |la |les |l'|the )?$")
_MOVED_TO = re.compile(
    r"\b" + cue_words(PLO.DepartureCue) + r" [\w' -]+ (?:pour|for|to) (?:le |la |les |l'|the )?$"
)
_CLIENT_COUNT = (
    r"(?:[0-9]+|"
    + "|".join(sorted({w for w, n in {**WORDS_FR, **WORDS_EN}.items() if 2 <= n <= 10}))
    + r")"
)
"""A count of clients, in digits or words from two to ten ("cinq", "five")."""
_CLIENT = re.compile(
    r"\b" + cue_words(PLO.ClientNounCue) + r"\s+"
    # an adjective or the provider's name between ("des clients majeurs comme", "la liste de
    # clients de Sama répertorie des sociétés telles que")
    r"(?:(?:majeurs|importants|principaux|prestigieux|major|big|key|notable|large)\s+|"
    r"(?:de|d'|of)\s+[^.;]{1,60}?\s+)?"
    r"(?:such as|like|including|comme|dont|"
    r"include|includes|included|are|were|sont|etaient|incluent|comptent|"
    r"tels? que|telles? que|notamment|parmi lesquels|among them|incluant|:)\s+"
    r"(?:[^.;]{0,80}?(?:,|\bet\b|\band\b)\s+)?(?:the |la |le |l')?$"
    # or the list in apposition to a count of clients: "Cinq clients Microsoft, Apple, Meta"
    r"|\b" + _CLIENT_COUNT + r"\s+" + cue_words(PLO.ClientNounCue) + r"\s+"
    r"(?:[^.;]{0,80}?(?:,|\bet\b|\band\b)\s+)?$"
)
"""The words before a client named in a list of a platform's clients: "for clients including
OpenAI and Anthropic", "des clients comme Google et Microsoft", "ses clients : Google, Ford",
"Cinq clients Microsoft, Apple, Meta, Google et Amazon"."""


def _role_cue(role: URIRef, grammar: str = "") -> re.Pattern[str]:
    """A chain role's words (the labels of its `plo:ChainRole` individual, read like a
    relation cue's), anywhere in a sentence: beginnings of words as they come, whole words
    between word boundaries; `grammar` adds a pattern of words apart."""
    parts = [cue_words(role, "hidden"), r"\b" + cue_words(role, "alt") + r"\b"]
    return re.compile("|".join(parts + ([grammar] if grammar else [])))


_ROLE_CUES: list[tuple[URIRef, re.Pattern[str]]] = [
    (PLO.ContractingRole, _role_cue(PLO.ContractingRole)),
    (
        PLO.ClientMatchingRole,
        # matching someone with a client, the two words apart ("matches workers with clients")
        _role_cue(
            PLO.ClientMatchingRole,
            r"match\w* .{0,30}"
            + cue_words(PLO.ClientNounCue)
            + "|"
            + cue_words(PLO.ClientNounCue)
            + r".{0,10}match",
        ),
    ),
    (PLO.PaymentRole, _role_cue(PLO.PaymentRole)),
    (PLO.TaskExecutionRole, _role_cue(PLO.TaskExecutionRole)),
]
_CHAIN_ANAPHORA = re.compile(
    r"(?:ces|cette|ce|de telles|such|these|this|those) " + cue_words(PLO.ChainNounCue)
)
_RISK_TOPICS = {"ViolentContentExposure", "PsychosocialRisk"}
_TREND_TOPICS = {"DemandGrowth", "DemandDecline", "DisplacementByGenerativeAI"}


_sentences = sentence_spans


def _in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end]


@dataclass(frozen=True)
class _Sentence:
    """One sentence, what it names sorted by kind, and the sentence before it: what the
    relation rules read."""

    text: str  # the document's whole text
    start: int
    end: int
    folded: str  # the sentence, folded
    people: list[Mention]
    workers: list[Mention]  # people cued as workers, or as persons only
    platforms: list[Mention]
    orgs: list[Mention]
    places: list[Mention]
    ai_systems: list[Mention]
    task_types: list[Mention]
    previous_start: int  # where the sentence before begins
    previous_workers: list[Mention]  # workers named in the sentence before
    previous_people: list[Mention]  # everyone named in the sentence before
    vendors: list[Mention]  # the document's vendors (`_document_vendors`), for "un sous-traitant"
    earlier_orgs: list[Mention]  # the last organisations named before the sentence, in order
    previous_text: str  # the sentence before, for a population it names ("Ils travaillent …")
    doc: Doc | None = None  # the analysed document, for the parse (`relation_frames`)
    names_workers: bool = False  # the document names a worker, or a person (`_one_worker`)

    def relation(
        self,
        subject: Mention,
        predicate: URIRef,
        obj: Mention,
        confidence: float,
        span: tuple[int, int] | None = None,
    ) -> Relation:
        """A relation stated by this sentence, or by `span` when it is longer."""
        start, end = span or (self.start, self.end)
        return Relation(subject, predicate, obj, start, end, "relation-rules", confidence)


def _read_sentence(
    text: str,
    span: tuple[int, int],
    mentions: list[Mention],
    tasks: list[Mention],
    before: _Sentence | None,
    vendors: list[Mention],
    org_words: frozenset[str],
    quoted: frozenset[str] = frozenset(),
    doc: Doc | None = None,
    names_workers: bool = False,
) -> _Sentence:
    """The sentence at `span`, with the mentions and task or AI cues inside it."""
    start, end = span
    here = _in(mentions, start, end)
    here_tasks = _in(tasks, start, end)
    people = [
        m
        for m in here
        if m.kind == "person"
        and not _citation(text, m)
        and m.key.split()[0] not in org_words
        and m.key not in quoted
    ]
    return _Sentence(
        text=text,
        start=start,
        end=end,
        folded=fold(text[start:end]),
        people=people,
        workers=[m for m in people if m.cls in ("Worker", "Person")],
        platforms=[m for m in here if m.kind == "organisation" and m.cls in PLATFORM_CLASSES],
        orgs=[m for m in here if m.kind == "organisation"],
        places=[m for m in here if m.kind == "place"],
        ai_systems=[m for m in here if m.kind == "ai"] + [t for t in here_tasks if t.kind == "ai"],
        task_types=[t for t in here_tasks if t.kind == "task"],
        previous_start=before.start if before else 0,
        previous_workers=before.workers if before else [],
        previous_people=before.people if before else [],
        vendors=vendors,
        earlier_orgs=[
            o
            for o in (before.earlier_orgs[-6:] + before.orgs if before else [])
            if o.cls != "MediaOutlet"
        ],
        previous_text=text[before.start : before.end] if before else "",
        doc=doc,
        names_workers=names_workers,
    )


_QUOTES = '"“”«»'


def _quoted(text: str, mention: Mention) -> bool:
    """Whether a name stands alone between quotation marks (project “Bulba Ice”): a quoted
    name is the title of a project, a work or a group, not a person who works or lives."""
    before = text[max(0, mention.start - 2) : mention.start].strip()
    after = text[mention.end : mention.end + 2].strip()
    return bool(before) and bool(after) and before[-1] in _QUOTES and after[0] in _QUOTES


_CITATION = re.compile(r"^\s*(?:et al\b|and colleagues\b|and others\b|\(\d{4}\)|,?\s*\d{4}\))")


def _citation(text: str, person: Mention) -> bool:
    """Whether a person's name is a reference to a work ("Hara et al. (2018)"): an author
    cited is not someone the text shows working or living anywhere."""
    return bool(
        _CITATION.match(text[person.end : person.end + 12])
        or re.search(r"\bet al\.?$", text[person.start : person.end])
    )


COMPANY_CLASSES = subclasses("Company") | PLATFORM_CLASSES
"""What "the company", "l'entreprise" may refer to."""
VENDOR_CLASSES = subclasses("DataVendor")
"""Organisations that sell the work of others to clients: what "le sous-traitant" names."""


def _document_vendors(mentions: list[Mention]) -> list[Mention]:
    """The mentions of the document's one vendor ("Sama" in a text that names no other
    vendor), which an unnamed "sous-traitant" or "outsourcing firm" of a later or earlier
    sentence refers to; none when the document names two vendors or none."""
    found = [m for m in mentions if m.kind == "organisation" and m.cls in VENDOR_CLASSES]
    return found if len({m.key for m in found}) == 1 else []


def find_relations(doc: Doc, mentions: list[Mention], tasks: list[Mention]) -> list[Relation]:
    """Worker–platform, person–organisation, organisation–place, person–place,
    platform–task, worker–task, task–AI system and client–platform relations."""
    text = text_of(doc)
    relations: list[Relation] = []
    before: _Sentence | None = None
    vendors = _document_vendors(mentions)
    # "Tasquo Pay", "Veltrion Pilot": a name that starts with an organisation's is a product
    # or a subsidiary, not a person
    org_words = frozenset(
        m.key.split()[0] for m in mentions if m.kind == "organisation" and m.key.split()
    )
    # project “Bulba Ice”: a name the text quotes is a title wherever it is named
    quoted = frozenset(m.key for m in mentions if m.kind == "person" and _quoted(text, m))
    names_workers = any(m.kind == "person" and m.cls in ("Worker", "Person") for m in mentions)
    for span in _sentences(doc):
        if not text[span[0] : span[1]].strip():
            continue  # a blank line between paragraphs: the sentence before stays the one
        sentence = _read_sentence(
            text, span, mentions, tasks, before, vendors, org_words, quoted, doc, names_workers
        )
        for rule in _RULES:
            relations += (r for r in rule(sentence) if r.subject.key != r.object.key)
        before = sentence
    relations += _named_populations(text, _sentences(doc), mentions)
    relations += _apposed_officers(text, _sentences(doc), mentions)
    return relations


_ACRONYM = re.compile(r"^\s*\(([A-Z][A-Z0-9&]{1,7})\)")
"""An acronym in brackets right after an organisation's name: "the Data Labelers
Association (DLA)"."""
_APPOSED_OFFICER = re.compile(
    r"^\s*,\s*(?:the|la|le|l'|its|sa|son)?\s*(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
    r"(?:'s)?\s+(?P<title>(?:[\w-]+\s+){0,2}?[\w-]+)\s*[,.;]"
)
"""A person's apposition that names an organisation, by its name or its acronym, and the
person's title in it: "Joan Kinyua, the DLA president,", "Jane Roe, Zorbly's CEO,"."""


def _apposed_officers(
    text: str, sentences: list[tuple[int, int]], mentions: list[Mention]
) -> list[Relation]:
    """People whose apposition gives their title in an organisation are affiliated with it;
    the organisation may be named there by the acronym the text gave it earlier."""
    orgs = [m for m in mentions if m.kind == "organisation" and m.cls != "MediaOutlet"]
    named: dict[str, Mention] = {}
    for org in sorted(orgs, key=lambda m: m.start):
        named.setdefault(text[org.start : org.end], org)
        acronym = _ACRONYM.match(text[org.end : org.end + 12])
        if acronym:
            named.setdefault(acronym.group(1), org)
    found: list[Relation] = []
    for person in mentions:
        if person.kind != "person" or person.cls == "Worker":
            continue
        apposed = _APPOSED_OFFICER.match(text[person.end : person.end + 90])
        if not apposed or not _TITLE.fullmatch(fold(apposed.group("title")).split()[-1]):
            continue
        officer_of = named.get(apposed.group("org"))
        if officer_of is None:
            continue
        start, end = next(((a, b) for a, b in sentences if a <= person.start < b), (0, len(text)))
        found.append(
            Relation(person, PLO.affiliatedWith, officer_of, start, end, "relation-rules", 0.6)
        )
    return found


def _worker_rules(s: _Sentence) -> Iterator[Relation]:
    """Worker works on platform and performs task type: the worker named in the sentence, or
    the one worker named in the sentence before when this one names no one."""
    carried = len(s.previous_workers) == 1 and not s.people
    subjects = s.workers or (s.previous_workers if carried else [])
    if s.platforms and subjects and _WORK_CUES.search(s.folded):
        # the owner of a platform of the sentence ("Remotasks, a subsidiary of Scale AI") is
        # not where its workers work
        owners = {r.object.key for r in _subsidiary_rules(s)} | {
            r.object.key for r in _operator_rules(s)
        }
        for worker in subjects:
            for platform in s.platforms:
                if platform.key in owners:
                    continue
                if worker in s.workers and _for_others(s, worker, platform):
                    continue  # "Mutemi, avocate des modérateurs de Sama": Sama is theirs
                if worker in s.workers:
                    yield s.relation(worker, PLO.worksOn, platform, 0.75)
                else:
                    yield s.relation(worker, PLO.worksOn, platform, 0.6, (s.previous_start, s.end))
    for worker in subjects:
        span = (s.start, s.end) if worker in s.workers else (s.previous_start, s.end)
        for task in s.task_types:
            if worker in s.workers and _for_others(s, worker, task):
                continue  # "avocate des anciens modérateurs": the moderators moderate
            yield s.relation(worker, PLO.performsTaskType, task, 0.6, span)


_TITLE = re.compile(r"\b(?:" + cue_words(PLO.TitleCue) + r"|chief\s+\w+\s+officer)\b")
"""A title that ties a person to the organisation it governs, platforms included: "Isabelle
Mashola, directrice générale d'Isahit", "Jane Roe, CEO of Zorbly"."""
_TITLE_OF = re.compile(
    _TITLE.pattern
    + r"(?:\s+\w+){0,2}?\s+(?:for|of|at|de|du|chez)\s+(?:the |la |le |l')?$|"
    + _TITLE.pattern
    + r"(?:\s+\w+){0,2}?\s+d'$"
)
""""A spokesperson for Tasklane, Leah Morrison": the title before the organisation is the
person's named after it."""
_FOUNDING = re.compile(
    r"\b" + cue_words(PLO.FoundingCue, "alt") + r"\s+(?:de\s+|d'|du\s+|of\s+)$|"
    r"\b(?:(?:a|ont|avait|avaient)\s+)?" + cue_words(PLO.FoundingCue, "hidden") + r"\s+$"
)
"""Words just before an organisation that make the people of the sentence its founders."""
_CAREER = re.compile(r"\b" + cue_words(PLO.CareerCue) + r"\b")
"""Words that make the organisations after them a person's past employers: "après une
carrière passée au sein de grands groupes comme Cisco et Dell"."""
_NOT_AFFILIATED = re.compile(r"\b" + cue_words(PLO.OpposedPartyCue) + r"\b")
"""Words between a person and an organisation that make them parties apart: the lawyer of
workers who sue the company is not affiliated with it."""


def _for_others(s: _Sentence, person: Mention, org: Mention) -> bool:
    """Whether what ties a person to an organisation is someone else's role: "Mercy Mutemi,
    avocate des anciens modérateurs de Sama" (the moderators worked for Sama, their lawyer
    did not)."""
    low, high = sorted((person, org), key=lambda m: m.start)
    gap = fold(s.text[low.end : high.start])
    return bool(_NOT_AFFILIATED.search(gap)) or (
        person.start < org.start and bool(_ROLE_OF.search(gap)) and _role_is_complement(gap)
    )


def _affiliation_rules(s: _Sentence) -> Iterator[Relation]:
    """Person affiliated with organisation: an affiliation word between them, a title
    ("directrice de"), a founding ("la création d'Isahit, aux côtés de …") or a career
    ("une carrière passée chez Cisco et Dell")."""
    text = s.text
    for person in s.people:
        if person.cls == "Worker":
            continue
        reached = _reached(s, person)
        for org in s.orgs:
            if _named_by_title(s, org):
                continue  # "Julie Vonwiller … with chief executive Mark Brayan": a person
            if (org.cls == "MediaOutlet") != (person.cls in ("Journalist", "Photographer")):
                continue  # "explique au « Monde »" is not an affiliation
            if _for_others(s, person, org):
                continue
            gap = (
                fold(text[person.end : org.start])
                if org.start > person.end
                else fold(text[org.end : person.start])
            )
            titled = (bool(_TITLE.search(gap)) and len(gap) <= 80) or (
                org.end <= person.start and bool(_TITLE_OF.search(_before(s, org)))
            )
            if (
                org.cls in PLATFORM_CLASSES
                and person.cls not in ("Executive", "Spokesperson")
                and not titled
            ):
                continue
            if (
                org.start > person.end
                and len(gap) <= 120
                and org in reached
                and _AFFILIATION.search(gap)
                and not _WORKS_FOR.search(gap)
                and not _in(s.people, person.end, org.start)
            ):
                yield s.relation(person, PLO.affiliatedWith, org, 0.7)
            elif (
                org.end <= person.start
                and len(gap) <= 4
                and (
                    re.search(r"\(|\bd'|\bde\b|'s", fold(text[org.end : person.start + 1]) + gap)
                    or (titled and re.match(r"^\s*,\s*$", gap))
                )
            ):
                yield s.relation(person, PLO.affiliatedWith, org, 0.6)  # "Un porte-parole d'Upwork"
    yield from _titled_after_rules(s)
    yield from _possessive_title_rules(s)
    yield from _founding_rules(s)
    yield from _career_rules(s)


_ORG_ROLE = re.compile(
    r"^\s*(?:'s\s+)?((?:[a-z][a-z-]*\s+){0,2}?[a-z][a-z-]*,?\s+)(?:(?:dr|mr|mrs|ms|prof)\.?\s+)?$"
)
"""The words between an organisation and a person named by their role in it, with no
punctuation but the comma that may close the role: "the OpenAI researcher Yuri Burda",
"Appen founders Dr Julie Vonwiller", "Facebook founder and CEO, Mark Zuckerberg"."""
_NAMED_ROLE_CLASSES = frozenset({"Researcher", "Executive", "Spokesperson"})


def _titled_after_rules(s: _Sentence) -> Iterator[Relation]:
    """A person named after an organisation and their role in it, and the people listed with
    them ("Appen founders Julie Vonwiller and Chris Vonwiller"): the role is a title, or a
    word that made the person a researcher, an executive or a spokesperson."""
    for org in s.orgs:
        if org.cls == "MediaOutlet" or _named_by_title(s, org):
            continue
        after = sorted((p for p in s.people if p.start >= org.end), key=lambda p: p.start)
        if not after or after[0].cls == "Worker" or _in(s.orgs, org.end, after[0].start):
            continue
        role = _ORG_ROLE.match(fold(s.text[org.end : after[0].start]))
        if not role or not (
            _TITLE.search(role.group(1))
            or (after[0].cls in _NAMED_ROLE_CLASSES and len(role.group(1).split()) <= 2)
        ):
            continue
        yield s.relation(after[0], PLO.affiliatedWith, org, 0.6)
        for previous, person in pairwise(after):
            if not _LIST_JOIN.match(fold(s.text[previous.end : person.start])):
                break
            yield s.relation(person, PLO.affiliatedWith, org, 0.6)


_POSSESSIVE_TITLE = re.compile(
    r"\b(?:its|their|son|sa|leur)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s*,\s*"
    r"(?:(?:professor|prof|dr|mr|mrs|ms|professeure?|docteure?)\.?\s+)?$"
)
"""A possessive title in apposition before a person: "Its chairperson, Arnel Villanueva",
"Sa secrétaire générale, Voahangy Rakotobe"."""


def _possessive_title_rules(s: _Sentence) -> Iterator[Relation]:
    """A person introduced by a possessive title ("Son président, Daniel Kiprono, …") is
    affiliated with the organisation the possessive refers to: the last one named before it
    in the sentence or, when the sentence names none before it, the first one the sentence
    before names, what it is about (the link is assembled across the two sentences, and the
    evidence spans both)."""
    for person in s.people:
        before = fold(s.text[max(s.start, person.start - 70) : person.start])
        title = _POSSESSIVE_TITLE.search(before)
        if title is None or not _TITLE.search(title.group(1)):
            continue
        cue_start = person.start - len(before) + title.start()
        here = [o for o in s.orgs if o.end <= cue_start and o.cls != "MediaOutlet"]
        if here:
            yield s.relation(person, PLO.affiliatedWith, max(here, key=lambda o: o.end), 0.6)
        else:
            # the sentence before is about the first organisation it names ("According to the
            # Digital Work Observatory, a research group at the University of Cape Town, …")
            topic = next((o for o in s.earlier_orgs if o.start >= s.previous_start), None)
            if topic is not None:
                span = (s.previous_start, s.end)
                yield s.relation(person, PLO.affiliatedWith, topic, 0.55, span)


def _named_by_title(s: _Sentence, org: Mention) -> bool:
    """Whether an "organisation" is a person named by their title ("with chief executive Mark
    Brayan"): a title right before a name makes it someone's, not an organisation's."""
    return bool(re.search(_TITLE.pattern + r"\s+$", _before(s, org)))


_AND_ROLE = re.compile(
    r"\b(?:et|and)\s+(?:[\w'-]+\s+){0,3}?(?:a|au|aux|de|d'|du|at|of|chez|with)\s*"
    r"(?:[\w'-]+\s+){0,4}?$"
)
""""… à Télécom Paris, …, et codirigeant de l'équipe de recherche DiPLab": a second role."""


def _reached(s: _Sentence, person: Mention) -> list[Mention]:
    """The organisations after a person that an affiliation can reach: the first one named,
    those listed with it ("(Tekora, PayTop)", "Cisco et Dell") and those of a further role
    joined by "et"; not the parent bodies in brackets after a laboratory's name ("(CNRS/
    Université Paris-Sud)") nor the affiliation of another person after it."""
    after = sorted((o for o in s.orgs if o.start >= person.end), key=lambda o: o.start)
    reached: list[Mention] = []
    for index, org in enumerate(after):
        if not index:
            reached.append(org)
            continue
        gap = fold(s.text[after[index - 1].end : org.start])
        joined = after[index - 1] in reached and (
            _LIST_JOIN.match(gap) or re.match(r"^\s*(?:pour|for)\s+(?:la |le |l'|the )?$", gap)
        )
        if joined or _AND_ROLE.search(gap):
            reached.append(org)
    return reached


def _founders(s: _Sentence) -> list[Mention]:
    """The people a founding or a career in this sentence belongs to: those it names, else the
    one person of the sentence before when this one goes on about them ("Son besoin … finit
    par se rejoindre avec la création d'Isahit")."""
    people = [p for p in s.people if p.cls != "Worker"]
    carried = len(s.previous_people) == 1 and (
        not s.people or _GOES_ON.match(fold(s.text[s.start : s.start + 12]))
    )
    return people + (list(s.previous_people) if carried else [])


_GOES_ON = re.compile(r"^\W*(?:son|sa|ses|elle|il|his|her|she|he)\b")
"""A sentence that opens on the person of the sentence before ("Son besoin d'indépendance …")."""
_PLURAL_WORKERS = re.compile(r"\b(?:" + cue_words(PLO.WorkerRoleCue) + r"|ils|elles|they)\b")
"""Workers of their own in a sentence: it is not about the one worker named before it."""


def _founding_rules(s: _Sentence) -> Iterator[Relation]:
    """The people of a sentence that tells of an organisation's founding are affiliated
    with it."""
    for org in s.orgs:
        if org.cls == "MediaOutlet" or not _FOUNDING.search(_before(s, org)):
            continue
        for person in _founders(s):
            span = (s.start, s.end) if person in s.people else (s.previous_start, s.end)
            yield s.relation(person, PLO.affiliatedWith, org, 0.6, span)


def _career_rules(s: _Sentence) -> Iterator[Relation]:
    """A sentence about one person's career: the organisations named after the career word
    are ones the person worked at ("Après une carrière passée au sein de grands groupes comme
    Cisco et Dell …, Isabelle Mashola …")."""
    people = [p for p in s.people if p.cls != "Worker"]
    if len(people) != 1:
        return
    cue = _CAREER.search(s.folded)
    if not cue:
        return
    for org in s.orgs:
        if org.cls == "MediaOutlet" or org.cls in PLATFORM_CLASSES:
            continue
        if s.start + cue.end() <= org.start and not _for_others(s, people[0], org):
            yield s.relation(people[0], PLO.affiliatedWith, org, 0.55)


_BASED_BEFORE = re.compile(r"\b" + cue_words(PLO.SeatCue) + r"\s+(?:la |le |l'|les |the )?$")
"""Words just before a place that make it where the organisation before them is based."""
_NATIONALITY = re.compile(r"\b" + cue_words(PLO.NationalityCue))
"""A sentence on where its one organisation belongs, whatever the word order ("dont 14 sont de
nationalité française, … Foule Factory")."""
_BASED_AFTER = re.compile(r"^-(?:based|basee?s?)\b")
""""a Paris-based company": the place is where the organisation it describes is based."""


def _based_org(s: _Sentence, place: Mention) -> Mention | None:
    """The organisation a place is the seat of: the one just before "based in" and the place,
    or the one a "Paris-based" describes (the organisation before it, "Teleperformance, a
    Paris-based company", else the one after it, "the Paris-based Sama")."""
    orgs = [o for o in s.orgs if o.cls != "MediaOutlet"]
    before = [o for o in orgs if o.end <= place.start and place.start - o.end <= 80]
    if _BASED_AFTER.match(fold(s.text[place.end : place.end + 12])):
        after = [o for o in orgs if o.start >= place.end and o.start - place.end <= 30]
        if after and not re.search(r"[,;]", s.text[place.end : after[0].start]):
            return min(after, key=lambda o: o.start)
        return max(before, key=lambda o: o.end) if before else None
    cue = _BASED_BEFORE.search(fold(s.text[max(s.start, place.start - 50) : place.start]))
    if cue and before:
        return max(before, key=lambda o: o.end)
    if before:
        org = max(before, key=lambda o: o.end)
        gap = fold(s.text[org.end : place.start])
        if _KIND_IN.match(gap) or (
            _KIND_BEFORE.match(gap) and _KIND_AFTER.match(fold(s.text[place.end : place.end + 40]))
        ):
            return org
        if org.cls not in COMPANY_CLASSES and _INSTITUTION_IN.match(gap):
            return org  # "l'Institut est-africain d'études du travail (IEAT), à Nairobi"
    after = [o for o in orgs if o.start >= place.end and o.cls not in COMPANY_CLASSES]
    opening = _SPEAKS_FROM.search(fold(s.text[s.start : place.start]))
    if opening and after:
        first = min(after, key=lambda o: o.start)
        if re.match(r"^\s*,\s*(?:the |la |le |l')?$", fold(s.text[place.end : first.start])):
            return first  # "In Bengaluru, the Federation of Digital Workers …"
    return None


_INSTITUTION_IN = re.compile(r"^\s*(?:\([^()]{1,20}\)\s*)?,\s*(?:in|a|en|au)\s+(?:the |l')?$")
"""An institution, a comma, and where it is: a union, a laboratory or a public body stays where
it is ("l'Institut est-africain d'études du travail (IEAT), à Nairobi"); a company "in Kenya"
may only work there, so companies are left to the words of their seat."""


_ORG_KIND = cue_words(PLO.OrganisationKindCue)
_KIND_IN = re.compile(
    r"^\s*,\s*(?:a|an|un|une)\s+(?:[\w'-]+\s+){0,3}?" + _ORG_KIND + r"\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:in|at|a|en|au)\s+(?:the |le |la |l')?$"
)
""""Northgate Data Services, an outsourcing firm in Cairo": the kind of organisation, then
where it is."""
_KIND_BEFORE = re.compile(r"^\s*,\s*(?:a|an)\s+$")
_KIND_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?" + _ORG_KIND + r"\b")
""""Quorra Labs, a San Francisco start-up": the place names the kind of organisation."""


def _place_rules(s: _Sentence) -> Iterator[Relation]:
    """Organisation based in place; person lives in, or comes from, place."""
    found = False
    for place in s.places:
        org = _based_org(s, place)
        if org is not None:
            found = True
            yield s.relation(org, PLO.basedIn, place, 0.65)
    orgs = {o.key: o for o in s.orgs if o.cls != "MediaOutlet"}
    places = {p.key: p for p in s.places}
    if not found and len(orgs) == 1 and len(places) == 1 and _NATIONALITY.search(s.folded):
        yield s.relation(next(iter(orgs.values())), PLO.basedIn, next(iter(places.values())), 0.5)
    for person in s.people:
        for place in s.places:
            if _qualifies(s, place):
                continue
            before = fold(s.text[max(s.start, place.start - 40) : place.start])
            if _MOVED_TO.search(before):
                yield s.relation(person, PLO.livesIn, place, 0.6)
            elif _speaks_from(s, person, place, before) or _dwells(s, person, place, _DWELLS_FROM):
                yield s.relation(person, PLO.livesIn, place, 0.55)
            elif _ORIGIN.search(before):
                yield s.relation(person, PLO.originatesFrom, place, 0.6)
            elif (_LIVES.search(before) and not _in(s.orgs, person.end, place.start)) or (
                _LIVES_ANYWHERE.search(s.folded) and place is _closest(s.places, person)
            ):
                yield s.relation(person, PLO.livesIn, place, 0.6)
            elif _dwells(s, person, place):
                yield s.relation(person, PLO.livesIn, place, 0.55)


def _qualifies(s: _Sentence, place: Mention) -> bool:
    """Whether a place only says where the place before it is ("Medellín, en Colombie",
    "Lima, Peru"): the person lives in the first, which the second locates."""
    return any(
        other.end <= place.start
        and re.match(
            r"^\s*,\s*(?:en |au |aux |in |a )?(?:the |la |le |l')?$",
            fold(s.text[other.end : place.start]),
        )
        for other in s.places
    )


_SPEAKS_FROM = re.compile(r"^\W*(?:from|depuis|in|a)\s+$")
""""From Nairobi, … Nathan Nkunzimana describes", "In Lima, Peru, Sofia Quispe …": a sentence
opened by the place someone speaks or works from says where they are, not where they come
from."""
_WORKS_FROM = re.compile(
    r"\b" + cue_words(PLO.WorksFromCue) + r"\b[^,.;]{0,40}\b(?:from|depuis)\s+(?:the |le |la |l')?$"
)
""""who rates search results from Davao City": where someone works from is where they are."""
_DWELLS = re.compile(
    r"^\s*,\s*(?:\d{1,3}\s*(?:ans|years? old)?\s*,\s*(?:(?:a|an|un|une|the|la|le)\s+)?|"
    r"(?:a|an|un|une|the|la|le)\s+)[^,;.()]{0,50}?\b(?:in|a|en|au)\s+(?:the |le |la |l')?$"
)
"""A person's apposition that places them: "Irene Nakato, 27, an annotator in Kampala",
"Grace Wambui, 34 ans, mère de deux enfants à Kisumu"."""


def _speaks_from(s: _Sentence, person: Mention, place: Mention, before: str) -> bool:
    """Whether the sentence puts the person at the place they speak or work from: the place
    opens it and the person is the first named after it, or they work "from" it."""
    if _WORKS_FROM.search(before) and person.end <= place.start:
        return True
    if not _SPEAKS_FROM.search(fold(s.text[s.start : place.start])):
        return False
    after = [p for p in s.people if p.start >= place.end]
    return bool(after) and min(after, key=lambda p: p.start) is person


_DWELLS_FROM = re.compile(
    r"^\s*,\s*(?:\d{1,3}\s*(?:years? old)?\s*,\s*)?(?:a|an|the|one)\s+"
    r"(?:(?!(?:who|which|that|originally|comes?|came|hails?)\b)[\w-]+\s+){1,3}?from\s+"
    r"(?:the )?$"
)
"""An apposition whose noun the place qualifies: "Dawn Alderson, a tasker from Philadelphia"
is where she is now, unlike "who comes from", which is her origin."""


def _dwells(
    s: _Sentence, person: Mention, place: Mention, pattern: re.Pattern[str] = _DWELLS
) -> bool:
    """Whether the apposition right after a person's name places them (`_DWELLS`), with no
    organisation between (a researcher "at the University of Lagos" is placed by it)."""
    if place.start < person.end or place.start - person.end > 90:
        return False
    if _in(s.orgs, person.end, place.start):
        return False
    return bool(pattern.match(fold(s.text[person.end : place.start])))


_WORKER_NOUN = re.compile(r"(?:eurs|euses|rices|ors|ers)$")
"""A task cue that is a worker noun ("annotateurs", "annotators"): who, not what is offered."""


def _task_rules(s: _Sentence) -> Iterator[Relation]:
    """Platform offers task type (a task named with no other organisation between them, and
    not a worker noun); task type supports AI system."""
    for platform in s.platforms:
        for task in s.task_types:
            low, high = sorted((platform, task), key=lambda m: m.start)
            if _WORKER_NOUN.search(fold(s.text[task.start : task.end])) or [
                o for o in _in(s.orgs, low.end, high.start) if o.key != platform.key
            ]:
                continue  # "annotators work for Pixelforge, or for TagHive"; another's task
            if not _task_tied(s, platform, task):
                continue
            yield s.relation(platform, PLO.offersTaskType, task, 0.55)
    for task in s.task_types:
        for system in s.ai_systems:
            yield s.relation(task, PLO.supportsAISystem, system, 0.55)


def _task_tied(s: _Sentence, platform: Mention, task: Mention) -> bool:
    """Whether the parse ties a task to a platform as one the platform offers: the task is
    in the platform's noun phrase or the platform in the task's ("une plateforme
    d'annotation"), or the platform is an oblique of the task's own clause ("étiquetait des
    images pour la plateforme Annotix", "transcribes audio through the platform Gigwise").
    A platform that is the subject of the task's verb does it itself ("Outlier recorded
    just shy of two hours"), and a task in another clause of the sentence ("… with Toloka,
    you can try …") is not tied to it. Without a parse, the sentence ties them (the rule as
    it was)."""
    if s.doc is None:
        return True
    p = root(s.doc, platform.start, platform.end)
    t = root(s.doc, task.start, task.end)
    if p is None or t is None:
        return True
    if in_phrase_of(t, p) or in_phrase_of(p, t):
        return True
    for other in s.orgs:
        o = root(s.doc, other.start, other.end) if other.key != platform.key else None
        if o is not None and in_phrase_of(t, o):
            return False  # "Pixelforge, a data labelling company, or TagHive": Pixelforge's
    of_task, of_platform = attachment(t), attachment(p)
    if of_task.verb is None or of_platform.verb is None:
        return False
    return of_task.verb.i == of_platform.verb.i and _oblique(of_platform.link)


def _oblique(link: str) -> bool:
    """Whether a dependency hangs a phrase on its verb as an oblique (a prepositional
    complement: "pour la plateforme Annotix", "through the platform Gigwise"), not as its
    subject or object, nor as a clause the parse took it for."""
    return link.startswith("obl") or link in ("prep", "pobj", "nmod")


_COUNTED_CLIENTS = re.compile(_CLIENT_COUNT + r"\s")
"""A list of clients opened by their count ("Cinq clients Microsoft, Apple…"): whose they are
is the provider the text has been speaking of, as after a possessive."""


def _client_rules(s: _Sentence) -> Iterator[Relation]:
    """Client organisations of a platform, named in the list of its clients after it ("Mercor
    … has hired 30,000 contractors … for clients including OpenAI and Anthropic"): the client
    is an organisation named in the list, the platform the last one named before the list,
    else the provider the words before the list name ("Scale customers include …", "Its
    clients include …": `_provider_before`)."""
    for org in s.orgs:
        if not (_client_kind(org) or org.cls in _NAMED_CLIENTS):
            continue
        cue = _CLIENT.search(fold(s.text[max(s.start, org.start - 120) : org.start]))
        if not cue:
            continue
        cue_start = max(s.start, org.start - 120) + cue.start()
        platforms = [p for p in s.platforms if p.end <= cue_start]
        counted = _COUNTED_CLIENTS.match(cue.group(0)) is not None
        provider = (
            max(platforms, key=lambda p: p.end)
            if platforms
            else _provider_named_in(s, cue_start, org.start)
            or _provider_before(s, cue_start, counted)
        )
        if provider is not None and provider.key != org.key:
            yield s.relation(org, PLO.clientOf, provider, 0.5)
    yield from _clients_before(s)
    yield from _relied_on_clients(s)


_NAMED_CLIENTS = subclasses("MediaOutlet")
"""Organisations that are a provider's clients only where a list of its clients names them
("Parmi ses clients : 20 Minutes, BFMTV, Le Monde" for a moderation firm): a newspaper is
no client by being named beside one."""


_PROVIDER_FALLBACK = subclasses("Company") - subclasses("ClientCompany")
"""Organisations a possessive before a list of clients may stand for when no platform or
vendor was named: a company that is not itself known as a client."""


def _provider_named_in(s: _Sentence, cue_start: int, list_start: int) -> Mention | None:
    """The provider named inside the words of a list of clients ("la liste de clients de
    Sama répertorie des sociétés telles que …"): a platform or vendor between them."""
    named = [
        o
        for o in s.orgs
        if cue_start <= o.start
        and o.end <= list_start
        and (o.cls in PLATFORM_CLASSES or o.cls in VENDOR_CLASSES)
    ]
    return named[0] if named else None


def _relied_on_clients(s: _Sentence) -> Iterator[Relation]:
    """The organisations a provider relies on for work are its clients ("its reliance on the
    likes of Microsoft, Google and Facebook for work"): the provider is the platform or vendor
    named before the words of reliance, else the one their possessive refers to."""
    orgs = sorted((o for o in s.orgs if o.cls != "MediaOutlet"), key=lambda o: o.start)
    for index, first in enumerate(orgs):
        before = _before(s, first)
        cue = _RELIES_ON.search(before)
        if cue is None or not _client_kind(first) or not _FOR_INCOME.match(_after(s, first)):
            continue
        cue_start = first.start - len(before) + cue.start()
        if _NOUN_BEFORE.search(fold(s.text[s.start : cue_start])):
            return  # workers rely on it: `_population_rules`
        named = [
            o
            for o in orgs[:index]
            if o.end <= cue_start and (o.cls in PLATFORM_CLASSES or o.cls in VENDOR_CLASSES)
        ]
        provider = named[-1] if named else _provider_before(s, cue_start)
        if provider is None:
            return
        listed = [first]
        for following in orgs[index + 1 :]:
            if not _LIST_JOIN.match(fold(s.text[listed[-1].end : following.start])):
                break
            listed.append(following)
        for client in listed:
            if _client_kind(client) and client.key != provider.key:
                yield s.relation(client, PLO.clientOf, provider, 0.5)
        return


_NOT_CLIENTS = (
    PLATFORM_CLASSES
    | subclasses("MediaOutlet")
    | subclasses("Union")
    | subclasses("WorkerCollective")
)
"""Organisations that are never a platform's client in a list of its clients."""


def _client_kind(org: Mention) -> bool:
    """Whether an organisation of a list of clients may be one: a company, a public body, a
    university or a laboratory ("counts OpenAI, Meta and the US Army among its clients"); not
    a platform, a newspaper or a union."""
    return org.cls not in _NOT_CLIENTS


_OWNER_WORD = re.compile(r"(?:\b(?i:its|their|ses|leurs|sa|son)|([A-Z][\w&-]*)(?:'s)?)\s+$")
"""The word right before the noun of clients that says whose they are: a possessive, or a
name, perhaps shortened ("Scale customers include …" for Scale AI)."""


def _provider_before(s: _Sentence, cue_start: int, counted: bool = False) -> Mention | None:
    """The provider whose clients a sentence lists, named by the word right before the noun of
    clients: the last platform or vendor named before the sentence for a possessive ("Its
    clients include …"), else the organisation named so far whose name starts with that word
    ("Scale customers include …" after "Scale AI")."""
    owner = _OWNER_WORD.search(s.text[max(s.start, cue_start - 40) : cue_start])
    if owner is None and not counted:
        return None
    providers = [
        o
        for o in s.earlier_orgs + [o for o in s.orgs if o.end <= cue_start]
        if o.cls in PLATFORM_CLASSES or o.cls in VENDOR_CLASSES
    ]
    if counted or owner is None or owner.group(1) is None:
        if not providers and owner is not None:
            # "Parmi ses clients : …" after a moderation firm the recogniser calls a company:
            # the possessive's organisation is the last one named, whatever its class
            providers = [
                o
                for o in s.earlier_orgs + [o for o in s.orgs if o.end <= cue_start]
                if o.cls not in _NAMED_CLIENTS and o.cls in _PROVIDER_FALLBACK
            ]
        return providers[-1] if providers and not _in(s.orgs, s.start, cue_start) else None
    word = fold(owner.group(1))
    named = [o for o in providers if fold(o.key).split()[0] == word]
    return named[-1] if named else None


_AMONG_CLIENTS = re.compile(
    r"^\s*(?:,?\s*(?:and|et)\s+[^,.;]{1,30}?\s+)?(?:among|parmi)\s+(?:its|their|ses|leurs)\s+"
    + cue_words(PLO.ClientNounCue)
    + r"\b"
)
"""The words after a list of a platform's clients: "counts OpenAI, Meta and Microsoft among
its clients", "compte Google et Meta parmi ses clients"."""


def _clients_before(s: _Sentence) -> Iterator[Relation]:
    """The companies listed right before "among its clients" are clients of the last
    platform named before the list."""
    companies = sorted((o for o in s.orgs if _client_kind(o)), key=lambda o: o.start)
    for index, last in enumerate(companies):
        if not _AMONG_CLIENTS.match(fold(s.text[last.end : last.end + 40])):
            continue
        listed = [last]
        for earlier in reversed(companies[:index]):
            if not re.match(
                r"^\s*,?\s*(?:(?:and|et)\s+)?(?:the |la |le |l')?$",
                fold(s.text[earlier.end : listed[0].start]),
            ):
                break
            listed.insert(0, earlier)
        platforms = [p for p in s.platforms if p.end <= listed[0].start]
        if platforms:
            platform = max(platforms, key=lambda p: p.end)
            for client in listed:
                yield s.relation(client, PLO.clientOf, platform, 0.5)


_ORG_NOUN = cue_words(PLO.OrganisationNounCue)
_DESCRIPTION = r"(?:(?:the|la|le|l'|its|sa|son)\s*" + _ORG_NOUN + r"\s+)"
"""An organisation described before its name ("la plate-forme TikTok", "the vendor Sama"):
the description stands between the words of a relation and the name."""

_ROLE_OF = re.compile(
    r"\b(?:" + cue_words(PLO.WorkerRoleCue) + r"|\w+workers)"
    r"(?:\s+(?:de\s+contenus?|of\s+content|local\w*|kenyan\w*|freelances?))?[\"»”]?"
    r"\s*(?:(?:de|du|of|chez|at|using|on|sur|with|pour|for)\s+|d')" + _DESCRIPTION + r"?$"
)
"""A role noun naming an organisation as the one the worker works for: "un ancien employé de
CPL", "a former moderator of Facebook", "modératrice de Facebook", "workers using Amazon
Mechanical Turk", "des annotateurs pour Scale AI"."""
_ROLE_AFTER = re.compile(
    r"^(?:'s)?\s+(?:(?!(?:and|or|et|ou|of|de|in|en|a|an|the)\b)[a-z-]+(?<!ed)(?<!s)\s+)?"
    + cue_words(PLO.WorkerRoleCue)
    + r"\b"
)
"""The English compound, with one word of what the work is: "a former TikTok moderator",
"Meta's content moderators", "Remotasks taskers"."""
_COMPLEMENT = re.compile(
    r"\b(?:des|de|du|d'|of|for|to|aux?|pour)\s+(?:(?:les|the|ces|these|their|leurs|ses|its)\s+)?"
    r"(?:(?:anciens?|anciennes?|former|ex-)\s*)?(?:"
    + cue_words(PLO.WorkerRoleCue)
    + r"|\w+workers)\S*\s+(?:\S+\s+){0,3}?(?:de|du|d'|of|chez|at|pour|for)\s+"
    + _DESCRIPTION
    + r"?$"
)


def _role_is_complement(before: str) -> bool:
    """Whether the role noun just before an organisation is itself the complement of another
    noun ("avocate des anciens modérateurs de Sama"): the role is someone else's."""
    match = _ROLE_OF.search(before)
    if not match:
        return False
    return bool(_COMPLEMENT.search(before[: match.end()]))


_WORKS_FOR = re.compile(
    r"\b" + cue_words(PLO.WorkVerbCue) + r"\b[^.;]{0,50}?"
    r"\b(?:(?:pour|for|chez|at|with|by|par|via)\s+|"
    + cue_words(PLO.OnBehalfCue)
    + r"\s*)"
    + _DESCRIPTION
    + r"?$|"
    r"\b"
    + cue_words(PLO.WorkingCue)
    + r"\s+(?:sur|on)\s+(?:la\s+plate-?forme\s+|the\s+platform\s+)?$|"
    r"\b"
    + cue_words(PLO.ModeratingCue, "hidden")
    + r"\s+(?:(?:des|les|du|the)\s+)?"
    + cue_words(PLO.ModeratingCue, "alt")
    + r"\s+(?:\w+\s+)?(?:sur|de|pour|on|of|for)\s+$"
)
"""A verb of work whose object is the organisation worked for: "worked remotely for
Teleperformance", "Il travaille toute la nuit à modérer des vidéos pour TikTok", "licenciés
par Sama", "modérer des contenus postés sur Facebook" (the client whose content is handled)."""
_AT_COMPANIES = re.compile(
    r"\b(?:at|for|de|d'|chez|pour|via|through)\s+"
    r"(?:(?:the|les|des|big|grands?|grandes?)\s+)?"
    + cue_words(PLO.CompaniesCue)
    + r"(?:\s+[\w-]+)??\s+(?:including|such\s+as|like|comme|dont|"
    r"tel(?:le)?s?\s+que)\s+$"
)
"""Organisations listed as the ones workers work at: "systems at tech giants including Meta,
OpenAI and TikTok", "la main-d'œuvre de sociétés comme Mighty AI et Scale AI"."""
_VENDOR_OF = re.compile(
    r"\b"
    + cue_words(PLO.VendorNounCue)
    + r"(?:\s+(?:locale?|local|principal\w*|main))?\s+(?:(?:de|du|of|for|to)\s+|d')"
    + _DESCRIPTION
    + r"?$"
)
"""What makes the organisation after it the client of another: "Sama, un sous-traitant de
Facebook", "CPL, une entreprise contractante de Meta"."""
_VENDOR_NAMED = re.compile(
    r"\b" + cue_words(PLO.SubcontractorCue) + r"\s*(?:locale?|local)?\s*,?\s*$"
)
"""What makes the organisation after it the vendor: "Facebook et le sous-traitant local, Sama"."""
_VENDOR_WORD = cue_words(PLO.OutsourcingCue)
_VENDOR_APPOSED = re.compile(
    r"^\s*(?:,|\(|-|–)\s*(?:un|une|the|a|an|le|la|l'|son|sa|its)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:d'|de\s+)?" + _VENDOR_WORD + r"\b"
)
""""Sama, une société d'externalisation", "Majorel (une autre société d'externalisation)",
"Sama, the outsourcing firm": the organisation before it is a vendor."""
_HIRED_BY = re.compile(
    r"\b" + cue_words(PLO.HiredByCue) + r"\s+(?:\w+\s+)?(?:by|par)\s+$|"
    r"\b" + cue_words(PLO.OnBehalfCue) + r"\s*" + _DESCRIPTION + r"?$"
)
"""Words before an organisation that make it the client of the vendor before them: "Sama,
the outsourcing firm hired by Meta", "Zorbly annote des images pour le compte de Quillo"."""
_GIVES_WORK_TO = re.compile(
    r"\b" + cue_words(PLO.GivesWorkCue) + r"\b[^.;]{0,60}?"
    r"\b(?:a|au|aux|to)\s+" + _DESCRIPTION + r"?$|"
    r"\b" + cue_words(PLO.PaysCue) + r"\s+"
    r"(?:(?:the|la|le|l'|its|sa|son)\s*)?(?:" + _ORG_NOUN + r"\s+)?$|"
    r"^\s*(?:,[^,;.]{0,60},\s*)?(?:\w+\s+){0,1}?"
    + cue_words(PLO.GoesThroughCue)
    + r"\s+(?:par|through|on|sur)\s+$|"
    r"\b(?:" + cue_words(PLO.EngagesCue) + "|" + cue_words(PLO.GivesWorkCue) + r")\b[^.;]{0,60}?"
    r"\b(?:through|via|par\s+l'intermediaire\s+d[eu']|par\s+le\s+biais\s+d[eu']|"
    r"par\s+l'entremise\s+d[eu'])\s*(?:(?:the|its|sa|son|la|le|l')\s+)?$"
)
"""Words between two organisations that make the first the client of the second: "Meta a
confié la modération à Sama", "Appen sous-traite à Remotasks", "Meta paid Sama", "Meta hired
moderators through Sama"."""
_GIVES_WORK_VERB = re.compile(r"\b" + cue_words(PLO.GivesWorkCue) + r"\b")
_WHOSE_VENDOR = re.compile(
    r"^\s*,?\s*(?:dont|whose)\b[^.;]{0,60}?\b(?:est|sont|etait|is|was)\s+(?:un|une|le|la|l'|"
    r"the|a|an)\s+(?:[\w'-]+\s+){0,2}?" + _VENDOR_WORD + r"\b"
)
""""la plate-forme TikTok dont le spécialiste français des centres d'appel est un
sous-traitant": TikTok is the client of a vendor the sentence names otherwise."""


_ADVERBS = (
    r"(?:in turn|itself|elle-meme|lui-meme|also|aussi|meme|now|desormais|already|deja|mainly|"
    r"surtout|notamment|then|ensuite|a son tour|principalement|mostly|largely|a|has|have|had|"
    r"avait|ont)"
)
"""What may stand between an organisation and its verb: the organisation stays its subject."""
_WORKS_FOR_CLIENT = re.compile(
    r"^\s*(?:,[^,;.]{0,60},\s*(?:which\s+|qui\s+)?)?(?:"
    + _ADVERBS
    + r"\s+){0,2}"
    + cue_words(PLO.WorkingCue)
    + r"\s+(?:[\w'-]+\s+){0,3}?(?:pour|for)\s+(?:[^.;]{0,60}\b(?:dont|including|such as|comme|"
    r"notamment|like)\s+)?(?:the |la |le |l')?$|"
    r"^\s*(?:,[^,;.]{0,60},\s*(?:which\s+|qui\s+)?)?(?:"
    + _ADVERBS
    + r"\s+){0,2}"
    + cue_words(PLO.ReceivesWorkCue, "hidden")
    + r"\s+(?:ses|its|their|leurs|des|most of its|l'essentiel de ses)\s+"
    + cue_words(PLO.ReceivesWorkCue, "alt")
    + r"\s+(?:de|d'|du|from)\s+(?:the |la |le |l')?$"
)
"""Words between two organisations that make the second the client of the first: "Tasklane
in turn works for Halcyon Labs", "Kazibora travaille elle-même pour des laboratoires …, dont
Lumen Labs", "Pixelforge receives its contracts from Veritas Vision"."""


def _before(s: _Sentence, org: Mention) -> str:
    """The folded words of the sentence just before an organisation's name."""
    return fold(s.text[max(s.start, org.start - 70) : org.start])


def _after(s: _Sentence, org: Mention, length: int = 90) -> str:
    """The folded words of the sentence just after an organisation's name."""
    return fold(s.text[org.end : min(s.end, org.end + length)])


def _role_of(s: _Sentence, org: Mention) -> bool:
    """Whether a role noun makes the organisation the one a worker works for ("employé de
    CPL", "a former TikTok moderator")."""
    if _ROLE_OF.search(_before(s, org)):
        return True
    return bool(_ROLE_AFTER.match(fold(s.text[org.end : org.end + 20])))


_EMPLOYER = re.compile(
    r"\b(?:son|sa|leur|leurs|mon|her|his|their|my)\s+(?:(?:ancien|former|nouvel|new|actuel|current)\s+)?"
    + cue_words(PLO.EmployerCue)
    + r"\s*(?:,|:|-|s'appelle|est|etait|is|was|is called)?\s*(?:the |la |le |l')?$"
)
"""A possessive and the employer's noun before an organisation: "Son employeur s'appelle Nosy
Data", "her former employer, Sama"."""


def _worked_for(s: _Sentence, org: Mention) -> bool:
    """Whether the words around an organisation make it the one a worker of the sentence
    works for: a role noun, a verb of work or the worker's employer."""
    before = _before(s, org)
    return _role_of(s, org) or bool(_WORKS_FOR.search(before) or _EMPLOYER.search(before))


def _employer_rules(s: _Sentence) -> Iterator[Relation]:
    """A named worker works for an organisation: a role noun of it ("Chris Gray est un ancien
    employé de CPL", "Carlos, un ancien modérateur de TikTok") or a verb of work ("worked
    remotely for Teleperformance"); the worker is the person the sentence names before the
    organisation, or the one worker of the sentence before ("Il travaille … pour TikTok")."""
    orgs = [o for o in s.orgs if o.cls not in PLATFORM_CLASSES and o.cls != "MediaOutlet"]
    for org in orgs:
        if not _worked_for(s, org):
            continue
        if _client_of_named_vendor(s, org):
            continue  # "a former TikTok moderator who worked for Teleperformance": TikTok is
            # the client (`_vendor_pairs`), Teleperformance the employer
        people = [p for p in s.workers if p.end <= org.start]
        if people:
            person = max(people, key=lambda p: p.start)
            if not _for_others(s, person, org):
                yield s.relation(person, PLO.worksOn, org, 0.65)
        elif (
            len(s.previous_workers) == 1
            and not s.people
            and not _PLURAL_WORKERS.search(fold(s.text[s.start : org.start]))
        ):
            span = (s.previous_start, s.end)
            yield s.relation(s.previous_workers[0], PLO.worksOn, org, 0.55, span)
    yield from _unnamed_vendor_rules(s)


def _client_of_named_vendor(s: _Sentence, org: Mention) -> bool:
    """Whether an organisation is tied to a worker only by the role noun ("a former *TikTok*
    moderator") while a verb of work names, after it, another organisation the worker works
    for: the first is then the client whose content is handled, not the employer."""
    if _WORKS_FOR.search(_before(s, org)) or _EMPLOYER.search(_before(s, org)):
        return False
    return any(
        other.start > org.end and other.key != org.key and _WORKS_FOR.search(_before(s, other))
        for other in s.orgs
        if other.cls != "MediaOutlet"
    )


_LIST_JOIN = re.compile(r"^(?:\s*,\s*|\s+(?:et|and|ou|or)\s+|\s*,\s*(?:et|and)\s+)$")
_AGAIN_FOR = re.compile(r"\b(?:ou|or|et|and)\s+(?:pour|for|chez|at|with|avec)\s+$")
""""work for Pixelforge, a Dhaka-based company, or for TagHive": the same preposition again."""
_HIRES = re.compile(
    r"^\s*(?:,[^,;.]{0,80},\s*)?(?:,?\s*(?:which|that|qui)\s+)?"
    + r"(?:"
    + _ADVERBS
    + r"\s+){0,2}"  # an auxiliary or an adverb: "CloudFactory already employs 600 workers"
    + "(?:"
    + cue_words(PLO.HiringCue)
    + "|"
    + cue_words(PLO.PaysCue)
    + ")"
    + r"\s+[^.;]{0,40}?\b("
    + cue_words(PLO.WorkerRoleCue)
    + "|"
    + cue_words(PLO.PeopleCue)
    + r")\b"
)
"""An organisation that hires or pays workers ("Mercor … has hired more than 30,000
contractors", "Remotasks, which pays workers per task"): the workers work for it."""
_NOUN_LABEL = {
    "travailleurs": "workers",
    "travailleuses": "workers",
    "employes": "employees",
    "salaries": "employees",
    "people": "workers",
    "personnes": "workers",
}


def _population_label(s: _Sentence, noun: str | None = None) -> tuple[str | None, bool]:
    """The population a sentence speaks of, as figures name it ("content moderators in
    Kenya"), else the worker noun that ties it to an organisation ("contractors"); and
    whether it was read from the sentence before ("Ils ont été licenciés par Sama" after a
    sentence on the moderators), whose words then belong to the evidence."""
    place = next((m for m in s.places if m.cls == "Country"), None)
    label = population_label(s.text[s.start : s.end], place.key if place else None)
    if label is None and _THEY.match(s.folded) and s.previous_text:
        label = population_label(s.previous_text, place.key if place else None)
        if label is not None:
            return label, True
    if label is None and noun:
        label = _NOUN_LABEL.get(noun, noun)
    return label, False


_NOUN_BEFORE = re.compile(r"\b(" + cue_words(PLO.WorkerRoleCue) + r")\b")
"""A worker noun in the words before an organisation ("Contractors working for …")."""
_RELIES_ON = re.compile(
    r"\b" + cue_words(PLO.RelianceCue) + r"\s+(?:on|upon|sur|de|du|des|d')\s*"
    r"(?:(?:the|la|le|les|l')\s*)?(?:likes\s+of\s+)?$"
)
_FOR_INCOME = re.compile(
    r"^[^.;]{0,80}?\b(?:for|pour)\s+(?:(?:their|its|his|her|leur|leurs|son|sa|ses)\s+)?"
    r"(?:[\w-]+\s+)?" + cue_words(PLO.LivelihoodCue) + r"\b"
)


def _relies_on(s: _Sentence, org: Mention) -> bool:
    """Whether the sentence says that someone relies on an organisation for a living ("workers
    — many of whom rely on Remotasks for their main income", "its reliance on the likes of
    Microsoft, Google and Facebook for work"): the organisation gives them their work."""
    return bool(_RELIES_ON.search(_before(s, org)) and _FOR_INCOME.match(_after(s, org)))


_THEY = re.compile(r"^\W*(?:ils|elles|they|these workers|ces travailleu\w+)\b")
"""A sentence about the workers of the sentence before ("Ils travaillent pour Moderis")."""


def _population_rules(s: _Sentence) -> Iterator[Relation]:
    """A worker population works for an organisation: "les modérateurs de TikTok", "TikTok
    moderators", "content moderators … working for Facebook, ChatGPT and TikTok" (each
    organisation of the list, an AI system in it read through), "workers using Amazon
    Mechanical Turk", "Mercor … has hired 30,000 contractors". The population is the worker
    noun of the sentence with its place, as figures name it; a sentence that names a worker
    leaves this to the worker."""
    if s.people and s.doc is None:
        return
    items = sorted(
        [o for o in s.orgs if o.cls != "MediaOutlet"] + s.ai_systems, key=lambda m: m.start
    )
    if s.people:
        items = [o for o in items if not _a_persons_work(s, o)]
    chosen: list[Mention] = []
    one_worker: list[Mention] = []  # tied by a singular role noun: one person, no population
    noun: str | None = None
    for index, item in enumerate(items):
        before = _before(s, item)
        role = _ROLE_OF.search(before)
        hires = _HIRES.match(_after(s, item, 160)) if item.kind == "organisation" else None
        if hires and _in(s.orgs, item.end, item.end + hires.start(1)):
            hires = None  # "Sensa Health, …, to … Nile Insight, which employs": Nile Insight's
        relies = item.kind == "organisation" and _relies_on(s, item)
        if _worked_for(s, item) or _AT_COMPANIES.search(before) or hires or relies:
            chosen.append(item)
            if _one_worker(s, item) and not (hires or relies or _AT_COMPANIES.search(before)):
                one_worker.append(item)
            if role:
                noun = fold(role.group(0).split()[0]).strip('"»”')
            elif hires:
                noun = hires.group(1)
            elif noun is None:
                # "Contractors working for Outlier AI": the worker noun the verb follows
                nouns = _NOUN_BEFORE.findall(before)
                noun = nouns[-1] if nouns and not _NOT_AFFILIATED.search(before) else None
        elif (
            chosen
            and chosen[-1] is items[index - 1]
            and _LIST_JOIN.match(fold(s.text[items[index - 1].end : item.start]))
        ) or (chosen and _AGAIN_FOR.search(before)):
            chosen.append(item)  # "for Facebook, ChatGPT and TikTok", "…, or for TagHive"
    chosen = [o for o in chosen if o.kind == "organisation" and o not in one_worker]
    if not chosen:
        return
    label, carried = _population_label(s, noun)
    if label is None:
        return
    span = (s.previous_start, s.end) if carried else (s.start, s.end)
    subject = Mention(*span, label, "WorkerPopulation", "population", "rules", 0.55)
    for org in chosen:
        yield s.relation(subject, PLO.worksOn, org, 0.55, span)


def _a_persons_work(s: _Sentence, org: Mention) -> bool:
    """Whether an organisation of a sentence that names people is where one of them works, as
    the parse reads it: a person is the subject of the verb the organisation hangs on (or of
    a verb it shares its subject with: "Maria decided to work for Sama"), or the clause is a
    relative or participle one on the person ("Maria, who worked for Sama"). Where the work
    is a population's ("dix modérateurs … ayant travaillé pour Majorel, filiale du groupe
    Saham, appartenant à Moulay Hafid Elalamy"; "Wilson fait partie d'un réseau de
    travailleurs qui aident … pour des entreprises comme Outlier AI"), the population rule
    reads it. Unsure (no parse, no verb), it is the person's, as before."""
    if s.doc is None:
        return True
    at = root(s.doc, org.start, org.end)
    verb = attachment(at).verb if at is not None else None
    if verb is None:
        return True
    verbs, noun = whose_clause(verb)
    subjects = subject_of(verbs)
    for person in s.people:
        p = root(s.doc, person.start, person.end)
        if p is None:
            return True
        if any(person.start <= t.idx < person.end for t in subjects):
            return True
        if noun is not None and (person.start <= noun.idx < person.end or under(noun, p)):
            return True  # the clause is on the person, or on a noun in apposition to them
    return False


def _one_worker(s: _Sentence, org: Mention) -> bool:
    """Whether what ties an organisation to workers is a role noun in the singular ("A
    former TikTok moderator in Colombia", "un ancien employé de CPL") in a document that
    names its workers: one person, one of those it names, not a population. (A text that
    names no worker has only the population to carry "une ancienne modératrice de
    Facebook".) The noun's number is read from its ending (English and French plurals end
    in -s or -x), the one mark both languages share."""
    if not s.names_workers:
        return False
    after = _ROLE_AFTER.match(fold(s.text[org.end : org.end + 30]))
    before = _ROLE_OF.search(_before(s, org))
    if not after and not before:
        return False
    if after:
        word = after.group(0).split()[-1]
    else:
        assert before is not None
        word = before.group(0).split()[0].strip('"»”')
    return not word.endswith(("s", "x"))


def _named_populations(
    text: str, sentences: list[tuple[int, int]], mentions: list[Mention]
) -> list[Relation]:
    """A population named after its platform works on it: "Tolokers" on Toloka, "our
    Clickworkers" on Clickworker, "HITers" on isaHIT. The name is a capitalised word made of
    the platform's name and an agent suffix; the evidence is the sentence that first names
    the population, with the platform's nearest mention."""
    platforms = [m for m in mentions if m.kind == "organisation" and m.cls in PLATFORM_CLASSES]
    relations: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    for match in re.finditer(r"\b[A-Z][A-Za-z]{3,}s\b", text):
        word = match.group(0)
        for platform in platforms:
            if (word, platform.key) in seen or not _named_after(word, platform.key):
                continue
            seen.add((word, platform.key))
            start, end = next(
                ((s, e) for s, e in sentences if s <= match.start() < e),
                (match.start(), match.end()),
            )
            near = min(
                (p for p in platforms if p.key == platform.key),
                key=lambda p: abs(p.start - match.start()),
            )
            start, end = min(start, near.start), max(end, near.end)
            subject = Mention(
                match.start(), match.end(), word, "WorkerPopulation", "population", "rules", 0.6
            )
            relations.append(
                Relation(subject, PLO.worksOn, near, start, end, "relation-rules", 0.6)
            )
    return relations


def _named_after(word: str, platform: str) -> bool:
    """Whether a word names the workers of a platform after it: "Clickworkers" (name + s),
    "Tolokers" (name less its last vowel + ers), "HITers" (an upper-case end of the name +
    ers), "Turkers" (the last word of a name of several, + ers)."""
    name = fold(platform).replace(" ", "")
    folded = fold(word)
    if folded == name or len(name) < 3:
        return False
    if folded in (name + "s", name + "ers", name + "rs"):
        return True
    last = fold(platform).split()[-1]
    if len(last) >= 4 and last != fold(platform) and folded in (last + "ers", last + "s"):
        return True  # "Turkers" on Amazon Mechanical Turk: the last word of a long name
    if not folded.endswith("ers"):
        return False
    stem = folded[:-3]
    if len(stem) >= 4 and stem == name[:-1]:
        return True
    original = word[: len(stem)]
    return len(stem) >= 3 and original.isupper() and name.endswith(stem)


def _vendor_pairs(s: _Sentence) -> list[tuple[Mention, Mention]]:
    """The (client, vendor) pairs a sentence states:
    - "Sama, un sous-traitant de Facebook", "Facebook et le sous-traitant local, Sama";
    - a vendor apposition with the sentence's client ("Sama, une société d'externalisation
      … au sein de Meta"), or with "hired by" ("the outsourcing firm hired by Meta");
    - a verb that gives work ("Meta a confié la modération à Sama", "Meta paid Sama",
      "travaille pour le compte de Quillo");
    - a worker of one organisation who works for another ("a former TikTok moderator who
      worked remotely for Teleperformance": TikTok is Teleperformance's client)."""
    orgs = sorted((o for o in s.orgs if o.cls != "MediaOutlet"), key=lambda m: m.start)
    pairs: list[tuple[Mention, Mention]] = []
    apposed = [o for o in orgs if _VENDOR_APPOSED.match(_after(s, o))]
    for index, org in enumerate(orgs):
        before = _before(s, org)
        others = orgs[:index] + orgs[index + 1 :]
        if _VENDOR_OF.search(before) and others:
            listed = _listed_with(s, org)
            vendor = _vendor_of(s, org, [o for o in others if o not in listed])
            if vendor is not None:
                pairs.append((org, vendor))
        elif _VENDOR_NAMED.search(before) and orgs[:index]:
            pairs.append((orgs[index - 1], org))
        elif _HIRED_BY.search(before) and orgs[:index]:
            pairs.append((org, orgs[index - 1]))
        elif index and _GIVES_WORK_TO.search(fold(s.text[orgs[index - 1].end : org.start])):
            pairs.append((orgs[index - 1], org))
        elif index and _WORKS_FOR_CLIENT.match(fold(s.text[orgs[index - 1].end : org.start])):
            pairs.append((org, orgs[index - 1]))
        elif not index and s.earlier_orgs and _GIVES_WORK_TO.search(_before(s, org)):
            described = _DESCRIBED.match(s.folded)
            gap = fold(s.text[s.start + described.end() : org.start]) if described else ""
            client = (
                _described(s, described.group(1) or "")
                if described
                and _GIVES_WORK_TO.search(gap)
                # a pronoun is an organisation's only with a verb that gives work
                and (described.group(1) or _GIVES_WORK_VERB.search(gap))
                else None
            )
            if client is not None:
                pairs.append((client, org))
    for named_vendor in apposed:
        if any(named_vendor in pair for pair in pairs):
            continue
        clients = [o for o in orgs if o.cls not in VENDOR_CLASSES and o not in apposed]
        if clients:
            nearest = min(clients, key=lambda o: abs(o.start - named_vendor.start))
            pairs.append((nearest, named_vendor))
    role_of = [o for o in orgs if _role_of(s, o)]
    works_for = [o for o in orgs if _WORKS_FOR.search(_before(s, o))]
    for client in role_of:
        for vendor in works_for:
            if vendor.start > client.start and vendor.key != client.key:
                pairs.append((client, vendor))
    return [(c, v) for c, v in dict.fromkeys(pairs) if c.key != v.key]


_DESCRIBED = re.compile(r"^\W*(?:(?:the|la|le|l')\s*(" + _ORG_NOUN + r")|it|elle)\b")
""""The company subcontracts the work to Northgate", "It outsourced moderation to Sama": a
sentence opened by a description of the organisation named before it, or by a pronoun that
the verb of giving work (`_GIVES_WORK_TO`) makes an organisation's."""


def _described(s: _Sentence, noun: str) -> Mention | None:
    """The organisation a description opening a sentence refers to: the last one named before
    it, a platform for "the platform"."""
    kinds = PLATFORM_CLASSES if noun.startswith(("platform", "plate")) else COMPANY_CLASSES
    fitting = [o for o in s.earlier_orgs if o.cls in kinds]
    return fitting[-1] if fitting else None


_LOCATED = re.compile(r"\b(?:a|en|au|in|at|based in|basee? a|de)\s+$")


def _located(s: _Sentence, org: Mention) -> bool:
    """Whether an organisation's name follows "basée à", "in": a place taken for a name."""
    return bool(_LOCATED.search(fold(s.text[max(s.start, org.start - 14) : org.start])))


def _listed_with(s: _Sentence, org: Mention) -> list[Mention]:
    """The organisations (and AI systems) listed with `org`, before or after it ("des
    entreprises sous-traitantes de Facebook, ChatGPT ou TikTok"): members of one list are
    the same party of a relation, never each other's vendor."""
    items = sorted(
        [o for o in s.orgs if o.cls != "MediaOutlet"] + s.ai_systems, key=lambda m: m.start
    )
    if org not in items:
        return []
    index = items.index(org)
    listed: list[Mention] = []
    for step in (-1, 1):
        at = index
        while 0 <= at + step < len(items):
            low, high = sorted((items[at], items[at + step]), key=lambda m: m.start)
            if not _LIST_JOIN.match(fold(s.text[low.end : high.start])):
                break
            at += step
            listed.append(items[at])
    return listed


def _vendor_of(s: _Sentence, client: Mention, others: list[Mention]) -> Mention | None:
    """The vendor of "… sous-traitant de <client>": the organisation the phrase describes,
    the nearest one before it that is not a place's name after "basée à" ("Tasquo, une
    plateforme basée à Rotterdam, elle-même prestataire de Veltrion"), else the nearest."""
    fitting = [o for o in others if not _located(s, o)]
    before = [o for o in fitting if o.end <= client.start]
    if before:
        return max(before, key=lambda o: o.end)
    if fitting:
        return min(fitting, key=lambda o: abs(o.start - client.start))
    return None


def _unnamed_vendor(s: _Sentence) -> tuple[Mention, Mention] | None:
    """The (client, vendor) pair of a sentence that names the client but not the vendor ("son
    travail … pour un sous-traitant de Facebook", "TikTok dont le spécialiste français des
    centres d'appel est un sous-traitant"): the vendor is the sentence's other organisation
    of a vendor's class, else the document's one vendor (`_document_vendors`)."""
    orgs = [o for o in s.orgs if o.cls != "MediaOutlet"]
    for org in orgs:
        if not (_VENDOR_OF.search(_before(s, org)) or _WHOSE_VENDOR.match(_after(s, org))):
            continue
        here = [o for o in orgs if o.cls in VENDOR_CLASSES and o.key != org.key]
        if any(_located(s, o) for o in here):
            continue  # "une plateforme basée à Rotterdam": a place taken for a vendor
        candidates = here or [v for v in s.vendors if v.key != org.key]
        if candidates and not [o for o in orgs if o.key != org.key and o not in here]:
            return org, min(candidates, key=lambda v: abs(v.start - org.start))
        others = {o.key: o for o in orgs if o.key != org.key}
        if (
            not candidates
            and len(others) == 1
            and _WHOSE_VENDOR.match(_after(s, org))
            and all(o.cls in COMPANY_CLASSES for o in others.values())
        ):
            return org, next(iter(others.values()))  # "Teleperformance … TikTok dont le
            # spécialiste français des centres d'appel est un sous-traitant"
    return None


def _unnamed_vendor_rules(s: _Sentence) -> Iterator[Relation]:
    """The worker of a sentence who works "pour un sous-traitant de Facebook" works on the
    document's vendor (`_unnamed_vendor`)."""
    pair = _unnamed_vendor(s)
    if pair is None or re.search(r"\bdont\b|\bwhose\b", fold(s.text[pair[0].end : s.end])):
        return
    client, vendor = pair
    if not re.search(
        r"\b(?:pour|for|chez|at)\s+(?:un|une|le|la|the|a|its|son)\s+\S*\s*" + _VENDOR_WORD,
        _before(s, client),
    ):
        return
    if s.workers:
        worker = max(
            (p for p in s.workers if p.end <= client.start), key=lambda p: p.start, default=None
        )
        if worker is not None:
            yield s.relation(worker, PLO.worksOn, vendor, 0.5)
    elif len(s.previous_workers) == 1 and not s.people:
        span = (s.previous_start, s.end)
        yield s.relation(s.previous_workers[0], PLO.worksOn, vendor, 0.5, span)


def _vendor_rules(s: _Sentence) -> Iterator[Relation]:
    """Each client and vendor pair of the sentence (`_vendor_pairs`, else `_unnamed_vendor`),
    stated both ways: the client subcontracts to the vendor and is its client."""
    pairs = _vendor_pairs(s)
    if not pairs:
        unnamed = _unnamed_vendor(s)
        pairs = [unnamed] if unnamed else []
    for client, vendor in pairs:
        yield s.relation(client, PLO.subcontractsTo, vendor, 0.6)
        yield s.relation(client, PLO.clientOf, vendor, 0.6)


_OPERATED_BETWEEN = re.compile(
    r"^\s*,?\s*(?:(?:du|de|des|d'|of|by|par|a|the|la|le|l'|son|its|"
    + cue_words(PLO.OperatedByCue)
    + r")\s*)+(?:(?:du|de|la|le|the|"
    + cue_words(PLO.OperatorNounCue)
    + r")\s+)*$"
)
""""la plate-forme Mechanical Turk du géant du web Amazon", "Mechanical Turk, d'Amazon",
"Upwork, owned by …": the organisation after the platform runs it."""
_OPERATES = re.compile(
    r"^\s*(?:'s|’s)\s+$|^\s*,?\s*(?:(?:a|has|have|had|qui a|which|that)\s+)?"
    + cue_words(PLO.OperatesCue)
    + r"\s+(?:(?:sa|son|la|le|its|the|their|une|a|an)\s+)?"
    r"(?:(?:plate-?forme|platform|service|site|marketplace)\s+)?(?:(?:de|d'|of)\s+\S+\s+)?$|"
    r"^\s+de\s+$"
)
""""Amazon's Mechanical Turk", "Amazon a lancé Mechanical Turk", "le lancement par Amazon de
Mechanical Turk": the organisation before the platform runs it."""


def _operator_rules(s: _Sentence) -> Iterator[Relation]:
    """A platform is operated by the company that owns or launched it."""
    companies = [
        o for o in s.orgs if o.cls not in PLATFORM_CLASSES and o.cls not in ("MediaOutlet",)
    ]
    for platform in s.platforms:
        for company in companies:
            if company.key == platform.key:
                continue
            if company.start >= platform.end:
                gap = fold(s.text[platform.end : company.start])
                if len(gap) <= 40 and _OPERATED_BETWEEN.match(gap) and _has_link(gap):
                    yield s.relation(platform, PLO.operatedBy, company, 0.6)
            elif platform.start >= company.end:
                gap = fold(s.text[company.end : platform.start])
                if len(gap) > 50 or not _OPERATES.match(gap):
                    continue
                if gap.strip() == "de" and not re.search(
                    r"\b(?:lancement|launch|creation)\s+(?:par|by)\s+$", _before(s, company)
                ):
                    continue
                yield s.relation(platform, PLO.operatedBy, company, 0.6)


_OPERATED_PARTICIPLE = re.compile(r"^" + cue_words(PLO.OperatedByCue, "alt") + r"$")
"""A participle of operating ("owned", "détenue", "lancée"), read as a whole word."""


def _operated_frames(s: _Sentence) -> Iterator[Relation]:
    """A platform is operated by the agent of a participle of operating that the parse hangs
    on it or on a noun in apposition to it, whatever stands between ("Remotasks, owned by the
    $7 billion San Francisco startup Scale AI", "Remotasks, a platform owned by Scale AI"):
    the agent is the organisation after "by" / "par" under that participle."""
    if s.doc is None:
        return
    owners = [o for o in s.orgs if o.cls != "MediaOutlet"]
    for platform in s.platforms:
        p = root(s.doc, platform.start, platform.end)
        if p is None:
            continue
        # on the platform, or on a noun in apposition to it ("Remotasks, a platform owned by …")
        hung = [*p.children, *(c for a in p.children if a.dep_ == "appos" for c in a.children)]
        for participle in hung:
            if participle.dep_ != "acl" or not _OPERATED_PARTICIPLE.match(fold(participle.text)):
                continue
            for owner in owners:
                o = root(s.doc, owner.start, owner.end)
                if o is not None and owner.key != platform.key and agent_of(participle, o):
                    yield s.relation(platform, PLO.operatedBy, owner, 0.6)


_THROUGH = re.compile(r"\b" + cue_words(PLO.IntermediaryCue) + r"\s*(?:(?:the|la|le|l')\s*)?$")
"""The words before the organisation through which work for another is done."""
_WORKED_FOR = re.compile(r"^\s*(?:[\w'-]+\s+){0,2}?(?:pour|for)\s+[^.;]{0,80}$")
"""The words between a verb of work and the organisation worked for: "travaillé pour la
division … de TikTok", "worked remotely for Meta"."""
_WORK_VERB = re.compile(
    r"^(?:" + cue_words(PLO.WorkingCue) + "|" + cue_words(PLO.WorkVerbCue) + r")$"
)


def _through_vendor_frames(s: _Sentence) -> Iterator[Relation]:
    """Work done for one organisation through another: the first is the client of the second
    ("Elle a travaillé pour la division … de TikTok par l'intermédiaire de Majorel", "she
    worked for Meta through Sama"). Both hang, in the parse, under one verb of work; the one
    worked for follows it after "pour" / "for", the vendor comes after "via", "through",
    "par l'intermédiaire de"."""
    if s.doc is None:
        return
    orgs = [o for o in s.orgs if o.cls != "MediaOutlet"]
    placed = [(o, root(s.doc, o.start, o.end)) for o in orgs]
    for verb in s.doc.char_span(s.start, s.end, alignment_mode="expand") or ():
        if verb.pos_ not in ("VERB", "AUX") or not _WORK_VERB.match(fold(verb.text)):
            continue
        end = verb.idx + len(verb.text)
        held = [o for o, r in placed if r is not None and o.start >= end and under(r, verb)]
        vendors = [o for o in held if _THROUGH.search(_before(s, o))]
        clients = [
            o for o in held if o not in vendors and _WORKED_FOR.match(fold(s.text[end : o.start]))
        ]
        for vendor in vendors:
            for client in clients:
                if client.start < vendor.start and client.key != vendor.key:
                    yield s.relation(client, PLO.subcontractsTo, vendor, 0.6)
                    yield s.relation(client, PLO.clientOf, vendor, 0.6)


_SUBSIDIARY_OF = re.compile(
    r"^\s*,\s*(?:(?:a|an|one|une|la)\s+)?" + cue_words(PLO.SubsidiaryCue) + r"\s+(?:of|de|d')\s*"
    r"(?:(?:the|la|le|l')\s+)?(?:[\w-]+\s+){0,2}?$"
)
""""Remotasks, a subsidiary of US startup Scale AI": the organisation after runs the first."""
_SUBSIDIARY_NAMED = re.compile(r"^\s*,\s*(?:a|an|another|une|une autre)\s+$")
_SUBSIDIARY_AFTER = re.compile(r"^(?:'s)?\s+" + cue_words(PLO.SubsidiaryCue) + r"\b")


def _subsidiary_rules(s: _Sentence) -> Iterator[Relation]:
    """A platform is operated by the organisation it is a subsidiary of, a platform or not:
    "Remotasks, a subsidiary of Scale AI", "Outlier AI, another Scale AI subsidiary"."""
    owners = [o for o in s.orgs if o.cls != "MediaOutlet"]
    for platform in s.platforms:
        for owner in owners:
            if owner.key == platform.key or owner.start < platform.end:
                continue
            gap = fold(s.text[platform.end : owner.start])
            if len(gap) > 50 or _in(s.orgs, platform.end, owner.start):
                continue
            if _SUBSIDIARY_OF.match(gap) or (
                _SUBSIDIARY_NAMED.match(gap) and _SUBSIDIARY_AFTER.match(_after(s, owner, 20))
            ):
                yield s.relation(platform, PLO.operatedBy, owner, 0.6)
    opener = min(owners, key=lambda o: o.start, default=None)
    if opener is None or s.text[s.start : opener.start].strip():
        return  # "its subsidiary" is the sentence's subject's only when an organisation opens it
    for platform in s.platforms:
        if platform.start > opener.end and _ITS_SUBSIDIARY.search(_before(s, platform)):
            yield s.relation(platform, PLO.operatedBy, opener, 0.55)


_ITS_SUBSIDIARY = re.compile(r"\b(?:its|sa|son)\s+" + cue_words(PLO.SubsidiaryCue) + r"\s+$")
""""Scale AI is … managing this army via its subsidiary Remotasks": "its" is the sentence's
subject, the organisation that opens it."""


def _has_link(gap: str) -> bool:
    return bool(
        re.search(r"\b(?:du|de|des|d'|of|by|par)\b|d'|" + cue_words(PLO.OperatedByCue), gap)
    )


_RULES: tuple[Callable[[_Sentence], Iterator[Relation]], ...] = (
    _worker_rules,
    _subsidiary_rules,
    _employer_rules,
    _population_rules,
    _affiliation_rules,
    _place_rules,
    _task_rules,
    _client_rules,
    _vendor_rules,
    _through_vendor_frames,
    _operator_rules,
    _operated_frames,
)
"""The relation rules, in the order their relations are listed for each sentence."""


def _closest(candidates: list[Mention], anchor: Mention) -> Mention | None:
    if not candidates:
        return None
    return min(candidates, key=lambda m: (abs(m.start - anchor.start), m.start))


def find_chains(doc: Doc, mentions: list[Mention]) -> list[Chain]:
    """A subcontracting chain: one passage naming three or more distinct layer roles in order."""
    text = text_of(doc)
    chains: list[Chain] = []
    for start, end in _sentences(doc):
        folded = fold(text[start:end])
        if len(folded) != end - start:
            continue  # folding changed lengths: offsets would not map back safely
        found: list[tuple[int, URIRef, int]] = []
        for role, pattern in _ROLE_CUES:
            match = pattern.search(folded)
            if match:
                found.append((match.start(), role, match.end()))
        if len(found) < 3:
            continue
        found.sort()
        orgs = [m for m in _in(mentions, start, end) if m.kind == "organisation"]
        layers = []
        for index, (cue_start, role, cue_end) in enumerate(found, start=1):
            # the clause that names the role: from the separator before its cue to the one after
            before = max(
                folded.rfind(sep, 0, cue_start) for sep in (",", ";", ":", " et ", " and ")
            )
            clause_start = start + (before + 1 if before >= 0 else 0)
            after = [
                i
                for i in (folded.find(sep, cue_end) for sep in (",", ";", ".", " et ", " and "))
                if i >= 0
            ]
            clause_end = start + (min(after) if after else len(folded))
            operator = next((m for m in orgs if clause_start <= m.start < clause_end), None)
            layers.append(Layer(index, role, operator, clause_start, clause_end))
        # "Ces chaînes longues, qui entraînent une dilution…": the next sentence, when it
        # refers back to the chain, says what it causes, and belongs to its evidence
        chain_end = end
        following = next(((s, e) for s, e in _sentences(doc) if s >= end), None)
        if following and _CHAIN_ANAPHORA.match(fold(text[following[0] : following[1]]).lstrip()):
            chain_end = following[1]
        chains.append(Chain(start, chain_end, tuple(layers)))
    return chains


def find_statements(
    doc: Doc, topics: list[CueHit], mentions: list[Mention], polarity: PolarityCues | None = None
) -> list[Statement]:
    """Qualitative statements: a topic cue (unpaid time, no contract, violent content...),
    asserted, denied or hedged by its clause (`polarity`)."""
    from labourgraph.extract.claims import population_label

    text = text_of(doc)
    statements: list[Statement] = []
    sentences = _sentences(doc)
    furniture: dict[tuple[int, int], bool] = {}
    names = [(m.start, m.end) for m in mentions if m.cls not in _COLLECTIVE_NAMES]
    for hit in topics:
        if hit.entry.iri is None or any(a <= hit.start and hit.end <= b for a, b in names):
            continue  # "the startup Invisible Tech", "Precarity Lab": a name states nothing
        s_start, s_end = next(
            ((s, e) for s, e in sentences if s <= hit.start < e), (hit.start, hit.end)
        )
        if (s_start, s_end) not in furniture:
            furniture[s_start, s_end] = is_furniture(doc, s_start, s_end)
        if furniture[s_start, s_end]:
            continue  # a heading or a caption states nothing
        name = str(hit.entry.iri).rsplit("#", 1)[-1]
        cls = (
            "RiskStatement"
            if name in _RISK_TOPICS
            else "DemandTrendStatement"
            if name in _TREND_TOPICS
            else "WorkingConditionStatement"
        )
        here = _in(mentions, s_start, s_end)
        place = next((m for m in here if m.kind == "place"), None)
        organisation = next(
            (m for m in here if m.kind == "organisation" and m.cls in PLATFORM_CLASSES), None
        )
        s_start, s_end = _strip(text, s_start, s_end)
        statements.append(
            Statement(
                hit.entry.iri,
                cls,
                s_start,
                s_end,
                population_label(text[s_start:s_end], place.key if place else None),
                organisation,
                hit.start,
                hit.end,
                polarity_of(doc, hit.start, hit.end, polarity, str(hit.entry.iri))
                if polarity
                else ASSERTED,
            )
        )
    return _one_per_topic(statements)


_COLLECTIVE_NAMES = subclasses("Union") | subclasses("WorkerCollective")
"""Names that state what they name: "le Syndicat des Travailleurs du Commerce … a émis un
communiqué" says a union is involved, where "Invisible Tech" says nothing of invisibility."""


def _one_per_topic(statements: list[Statement]) -> list[Statement]:
    """One statement per sentence and topic (they share one IRI, and polarity is functional):
    where two cues of a topic in a sentence are read differently ("… ne remplace pas …, mais
    le remplacement …"), the denial or the doubt, so that nothing denied is stored as said."""
    rank = {DENIED: 0, HEDGED: 1, ASSERTED: 2}
    kept: dict[tuple[int, URIRef], Statement] = {}
    for statement in statements:
        key = (statement.start, statement.topic)
        if key not in kept or rank[statement.polarity] < rank[kept[key].polarity]:
            kept[key] = statement
    return list(kept.values())


def one_per_document(statements: list[Statement]) -> list[Statement]:
    """One statement per topic and polarity in a document, with every sentence that states it as
    its evidence: a text that says three times that its workers unionised makes one claim, told
    three times, not three claims. The first sentence gives the statement its place, and the
    first population and organisation named (a statement has at most one of each) are kept.
    Polarity splits: what a text asserts in one place and denies or hedges in another are two
    statements, so that nothing denied or hedged is stored as asserted."""
    merged: dict[tuple[URIRef, str], Statement] = {}
    for statement in sorted(statements, key=lambda s: (s.start, s.cue_start)):
        key = (statement.topic, statement.polarity)
        first = merged.get(key)
        if first is None:
            merged[key] = statement
            continue
        merged[key] = replace(
            first,
            population=first.population or statement.population,
            organisation=first.organisation or statement.organisation,
            more=(*first.more, (statement.start, statement.end)),
        )
    return list(merged.values())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
