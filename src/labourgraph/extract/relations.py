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
from dataclasses import dataclass

from rdflib import URIRef
from spacy.tokens import Doc

from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import CueHit
from labourgraph.extract.mentions import PLATFORM_CLASSES, Mention
from labourgraph.extract.nlp import sentence_spans, text_of
from labourgraph.extract.polarity import ASSERTED, DENIED, HEDGED, PolarityCues, polarity_of
from labourgraph.extract.scope import is_furniture

ORGANISATION_KINDS = {"organisation"}


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


_AFFILIATION = re.compile(
    r"(?:\ba\b|\bau\b|\baux\b|\bat\b|\bchez\b|\bde\b|\bdu\b|\bd'|\bof\b|\bfor\b|\bpour\b|"
    r"\bwith\b|\bmembre\b|\bmember\b|\bwith\b|\(|\bin\b)"
)
_WORK_CUES = re.compile(
    r"travaill|connect|inscri|taches|tache|micro-?taches|gagn|tarifs|missions|work|task|earn|"
    r"sign(?:ed)? up|log(?:s|ged)? (?:in|on)|platform|plateforme|clients"
)
_BASED = re.compile(
    r"\bbase[es]? a\b|\bbased in\b|-based\b|\bsiege\b|\bheadquarter|\binstalle[es]? (?:a|en|"
    r"au)\b|\bde nationalite\b|\bimplante"
)
_LIVES = re.compile(
    r"\binstalle[es]? (?:a|en|au)\b|\bbase[es]? a\b|\bvit\b|\bvivant\b|\bvivre\b|"
    r"\blives? in\b|\bliving in\b|\bbased in\b|\bhabite\b|\bresid"
)
_ORIGIN = re.compile(
    r"(?:\ba quitte|\bleft|\boriginaire d[e']|\bnee? (?:a|en|au)|\bborn in|\bcomes? from|"
    r"\bfrom)\s*(?:le |la |les |l'|the )?$"
)
_MOVED_TO = re.compile(
    r"(?:\ba quitte|\bleft|\bmoved from) [\w' -]+ (?:pour|for|to) (?:le |la |les |l'|the )?$"
)
_SUBCONTRACT = re.compile(r"sous-trait|subcontract|outsourc|fait appel a|externalis|confie")
_CLIENT = re.compile(
    r"\bclients? (?:de|d'|of)\b|\bpour le compte de\b|\bon behalf of\b|\bworks? for\b|"
    r"\bfor clients? (?:such as|like|including)\b|\bclients? (?:such as|like|including|"
    r"comme)\b"
)

_ROLE_CUES: list[tuple[URIRef, re.Pattern[str]]] = [
    (
        PLO.ContractingRole,
        re.compile(
            r"contractualis|contrat|contracting|\bcontracts?\b|recrut|recruit|\bhires?\b|signs? the"
        ),
    ),
    (
        PLO.ClientMatchingRole,
        re.compile(
            r"relation avec le client|mise en relation|met en relation|match\w* .{0,30}client|"
            r"client.{0,10}match|intermedi|broker"
        ),
    ),
    (
        PLO.PaymentRole,
        re.compile(r"paiement|payment|\bpaie\b|\bpays\b|remunere|handles? pay|gere le paiement"),
    ),
    (
        PLO.TaskExecutionRole,
        re.compile(
            r"effectue les taches|execut|performs? the tasks|realise les taches|"
            r"do(?:es)? the (?:tasks|work)|complete[sd]? the tasks|carry out the tasks|effectue"
        ),
    ),
]
_CHAIN_ANAPHORA = re.compile(
    r"(?:ces|cette|ce|de telles|such|these|this|those) (?:chaines?|structures?|cha[iî]ne|"
    r"couches|montages?|chains?|layers?|arrangements?|set-?ups?)"
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
) -> _Sentence:
    """The sentence at `span`, with the mentions and task or AI cues inside it."""
    start, end = span
    here = _in(mentions, start, end)
    here_tasks = _in(tasks, start, end)
    people = [m for m in here if m.kind == "person"]
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
    )


def find_relations(doc: Doc, mentions: list[Mention], tasks: list[Mention]) -> list[Relation]:
    """Worker–platform, person–organisation, organisation–place, person–place,
    platform–task, worker–task, task–AI system and client–platform relations."""
    text = text_of(doc)
    relations: list[Relation] = []
    before: _Sentence | None = None
    for span in _sentences(doc):
        sentence = _read_sentence(text, span, mentions, tasks, before)
        for rule in _RULES:
            relations += (r for r in rule(sentence) if r.subject.key != r.object.key)
        before = sentence
    return relations


def _worker_rules(s: _Sentence) -> Iterator[Relation]:
    """Worker works on platform and performs task type: the worker named in the sentence, or
    the one worker named in the sentence before when this one names no one."""
    carried = len(s.previous_workers) == 1 and not s.people
    subjects = s.workers or (s.previous_workers if carried else [])
    if s.platforms and subjects and _WORK_CUES.search(s.folded):
        for worker in subjects:
            for platform in s.platforms:
                if worker in s.workers:
                    yield s.relation(worker, PLO.worksOn, platform, 0.75)
                else:
                    yield s.relation(worker, PLO.worksOn, platform, 0.6, (s.previous_start, s.end))
    for worker in subjects:
        span = (s.start, s.end) if worker in s.workers else (s.previous_start, s.end)
        for task in s.task_types:
            yield s.relation(worker, PLO.performsTaskType, task, 0.6, span)


def _affiliation_rules(s: _Sentence) -> Iterator[Relation]:
    """Person affiliated with organisation: an affiliation word between them."""
    text = s.text
    for person in s.people:
        if person.cls == "Worker":
            continue
        for org in s.orgs:
            if org.cls in PLATFORM_CLASSES and person.cls not in ("Executive", "Spokesperson"):
                continue
            if (org.cls == "MediaOutlet") != (person.cls in ("Journalist", "Photographer")):
                continue  # "explique au « Monde »" is not an affiliation
            gap = (
                fold(text[person.end : org.start])
                if org.start > person.end
                else fold(text[org.end : person.start])
            )
            if (
                org.start > person.end
                and len(gap) <= 120
                and _AFFILIATION.search(gap)
                and not _in(s.people, person.end, org.start)
            ):
                yield s.relation(person, PLO.affiliatedWith, org, 0.7)
            elif (
                org.end <= person.start
                and len(gap) <= 4
                and re.search(r"\(|\bd'|\bde\b|'s", fold(text[org.end : person.start + 1]) + gap)
            ):
                yield s.relation(person, PLO.affiliatedWith, org, 0.6)  # "Un porte-parole d'Upwork"


def _place_rules(s: _Sentence) -> Iterator[Relation]:
    """Organisation based in place; person lives in, or comes from, place."""
    if s.orgs and s.places and _BASED.search(s.folded):
        for org in s.orgs:
            place = _closest(s.places, org)
            if place:
                yield s.relation(org, PLO.basedIn, place, 0.65)
    for person in s.people:
        for place in s.places:
            before = fold(s.text[max(s.start, place.start - 40) : place.start])
            if _MOVED_TO.search(before):
                yield s.relation(person, PLO.livesIn, place, 0.6)
            elif _ORIGIN.search(before):
                yield s.relation(person, PLO.originatesFrom, place, 0.6)
            elif _LIVES.search(before) or (
                _LIVES.search(s.folded) and place is _closest(s.places, person)
            ):
                yield s.relation(person, PLO.livesIn, place, 0.6)


def _task_rules(s: _Sentence) -> Iterator[Relation]:
    """Platform offers task type; task type supports AI system."""
    for platform in s.platforms:
        for task in s.task_types:
            yield s.relation(platform, PLO.offersTaskType, task, 0.55)
    for task in s.task_types:
        for system in s.ai_systems:
            yield s.relation(task, PLO.supportsAISystem, system, 0.55)


def _client_rules(s: _Sentence) -> Iterator[Relation]:
    """Subcontracting between organisations; client organisation of a platform."""
    if len(s.orgs) >= 2 and _SUBCONTRACT.search(s.folded) and not _vendor_pairs(s):
        # the first organisation subcontracts to the second when the cue stands between them
        # ("Appen sous-traite à Remotasks"); a cue the vendor rules read says more
        ordered = sorted(s.orgs, key=lambda m: m.start)
        between = fold(s.text[ordered[0].end : ordered[1].start])
        if _SUBCONTRACT.search(between):
            yield s.relation(ordered[0], PLO.subcontractsTo, ordered[1], 0.5)
    if s.platforms and _CLIENT.search(s.folded):
        for org in s.orgs:
            if org.cls in ("Company", "ClientCompany", "StartUp"):
                for platform in s.platforms:
                    yield s.relation(org, PLO.clientOf, platform, 0.5)


_ROLE_OF = re.compile(
    r"\b(?:moderat\w*|employe\w*|salarie\w*|annotat\w*|contractors?|employees?|workers?|"
    r"travailleu\w+|ouvrier\w*|freelancers?|formateu\w+|trainers?|raters?|taggers?)"
    r"(?:\s+(?:de\s+contenus?|of\s+content|local\w*|kenyan\w*|freelances?))?"
    r"\s+(?:de|du|d'|of|chez|at)\s+(?:la\s+plate-?forme\s+|the\s+platform\s+|l'entreprise\s+)?$"
)
"""A role noun naming an organisation as the one the worker works for: "un ancien employé de
CPL", "a former moderator of Facebook", "modératrice de Facebook"."""
_ROLE_AFTER = re.compile(r"^\s*(?:moderators?|employees?|workers?|contractors?|annotators?)\b")
"""The English compound: "a former TikTok moderator"."""
_WORKS_FOR = re.compile(
    r"\b(?:travaill\w*|work(?:s|ed|ing)?|employe\w*|employed|hired|recrut\w*|modere\w*|"
    r"moderat(?:e|es|ed|ing))\b[^.;]{0,50}?\b(?:pour|for|chez|at|with|by|par)\s+"
    r"(?:la\s+plate-?forme\s+|the\s+platform\s+|l'entreprise\s+|the\s+company\s+)?$"
)
"""A verb of work whose object is the organisation worked for: "worked remotely for
Teleperformance", "Il travaille toute la nuit à modérer des vidéos pour TikTok"."""
_VENDOR_OF = re.compile(
    r"\b(?:sous-?traitant\w*|prestataire\w*|contractante?|subcontractors?|contractors?|"
    r"vendors?|suppliers?|outsourcing\s+(?:partner|firm|company))"
    r"(?:\s+(?:locale?|local|principal\w*|main))?\s+(?:de|du|d'|of|for|to)\s+"
    r"(?:la\s+plate-?forme\s+|the\s+platform\s+|l'entreprise\s+|the\s+company\s+)?$"
)
"""What makes the organisation after it the client of another: "Sama, un sous-traitant de
Facebook", "CPL, une entreprise contractante de Meta"."""
_VENDOR_NAMED = re.compile(
    r"\b(?:sous-?traitant\w*|subcontractor|contractor|prestataire)\s*(?:locale?|local)?\s*,?\s*$"
)
"""What makes the organisation after it the vendor: "Facebook et le sous-traitant local, Sama"."""


def _before(s: _Sentence, org: Mention) -> str:
    """The folded words of the sentence just before an organisation's name."""
    return fold(s.text[max(s.start, org.start - 70) : org.start])


def _role_of(s: _Sentence, org: Mention) -> bool:
    """Whether a role noun makes the organisation the one a worker works for ("employé de
    CPL", "a former TikTok moderator")."""
    if _ROLE_OF.search(_before(s, org)):
        return True
    return bool(_ROLE_AFTER.match(fold(s.text[org.end : org.end + 20])))


def _worked_for(s: _Sentence, org: Mention) -> bool:
    """Whether the words around an organisation make it the one a worker of the sentence
    works for: a role noun or a verb of work."""
    return _role_of(s, org) or bool(_WORKS_FOR.search(_before(s, org)))


def _employer_rules(s: _Sentence) -> Iterator[Relation]:
    """A named worker works for an organisation: a role noun of it ("Chris Gray est un ancien
    employé de CPL", "Carlos, un ancien modérateur de TikTok") or a verb of work ("worked
    remotely for Teleperformance"); the worker is the person the sentence names before the
    organisation, or the one worker of the sentence before ("Il travaille … pour TikTok")."""
    orgs = [o for o in s.orgs if o.cls not in PLATFORM_CLASSES and o.cls != "MediaOutlet"]
    for org in orgs:
        if not _worked_for(s, org):
            continue
        people = [p for p in s.workers if p.end <= org.start]
        if people:
            yield s.relation(max(people, key=lambda p: p.start), PLO.worksOn, org, 0.65)
        elif len(s.previous_workers) == 1 and not s.people:
            span = (s.previous_start, s.end)
            yield s.relation(s.previous_workers[0], PLO.worksOn, org, 0.55, span)


_LIST_JOIN = re.compile(r"^(?:\s*,\s*|\s+(?:et|and|ou|or)\s+|\s*,\s*(?:et|and)\s+)$")


def _population_rules(s: _Sentence) -> Iterator[Relation]:
    """A worker population works for an organisation: "les modérateurs de TikTok", "TikTok
    moderators", "content moderators … working for Facebook, ChatGPT and TikTok" (each
    organisation of the list). The population is the worker noun of the sentence with its
    place, as figures name it; a sentence that names a worker leaves this to the worker."""
    from labourgraph.extract.claims import population_label

    if s.people:
        return
    place = next((m for m in s.places if m.cls == "Country"), None)
    label = population_label(s.text[s.start : s.end], place.key if place else None)
    if label is None:
        return
    orgs = sorted((o for o in s.orgs if o.cls != "MediaOutlet"), key=lambda m: m.start)
    chosen: list[Mention] = []
    for index, org in enumerate(orgs):
        if _worked_for(s, org):
            chosen.append(org)
        elif (
            chosen
            and chosen[-1] is orgs[index - 1]
            and _LIST_JOIN.match(fold(s.text[orgs[index - 1].end : org.start]))
        ):
            chosen.append(org)  # "for Facebook, ChatGPT and TikTok"
    subject = Mention(s.start, s.end, label, "WorkerPopulation", "population", "rules", 0.55)
    for org in chosen:
        yield s.relation(subject, PLO.worksOn, org, 0.55)


def _vendor_pairs(s: _Sentence) -> list[tuple[Mention, Mention]]:
    """The (client, vendor) pairs a sentence states: "Sama, un sous-traitant de Facebook",
    "Facebook et le sous-traitant local, Sama", and a worker of one organisation who works for
    another ("a former TikTok moderator who worked remotely for Teleperformance": TikTok is
    Teleperformance's client)."""
    orgs = sorted((o for o in s.orgs if o.cls != "MediaOutlet"), key=lambda m: m.start)
    pairs: list[tuple[Mention, Mention]] = []
    for index, org in enumerate(orgs):
        before = _before(s, org)
        others = orgs[:index] + orgs[index + 1 :]
        if _VENDOR_OF.search(before) and others:
            vendor = min(others, key=lambda o: abs(o.start - org.start))
            pairs.append((org, vendor))
        elif _VENDOR_NAMED.search(before) and orgs[:index]:
            pairs.append((orgs[index - 1], org))
    role_of = [o for o in orgs if _role_of(s, o)]
    works_for = [o for o in orgs if _WORKS_FOR.search(_before(s, o))]
    for client in role_of:
        for vendor in works_for:
            if vendor.start > client.start and vendor.key != client.key:
                pairs.append((client, vendor))
    return [(c, v) for c, v in dict.fromkeys(pairs) if c.key != v.key]


def _vendor_rules(s: _Sentence) -> Iterator[Relation]:
    """Each client and vendor pair of the sentence (`_vendor_pairs`), stated both ways: the
    client subcontracts to the vendor and is its client."""
    for client, vendor in _vendor_pairs(s):
        yield s.relation(client, PLO.subcontractsTo, vendor, 0.6)
        yield s.relation(client, PLO.clientOf, vendor, 0.6)


_RULES: tuple[Callable[[_Sentence], Iterator[Relation]], ...] = (
    _worker_rules,
    _employer_rules,
    _population_rules,
    _affiliation_rules,
    _place_rules,
    _task_rules,
    _client_rules,
    _vendor_rules,
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
    for hit in topics:
        if hit.entry.iri is None:
            continue
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


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
