"""Quantitative claims: each figure a document states becomes an observation or a pay rate.

The number grammar (`quantities`) says where a figure is and what it is; this stage says what
it is *about*: the unit of a bare count from the noun that follows it ("15 000 personnes" are
persons, "23 plateformes" organisations), the indicator from the ontology's cue labels in
the figure's frame or, where none names it, from what the figure counts (a derived indicator:
countries, tasks, images per day, a ratio to a wage), the population from a worker noun and a
place, the organisation
named before it (or a definite description of it: `discourse`), never the body a figure is
quoted from ("selon l'OIT", "a study by Carnegie Mellon"), the place of its own clause, the
period of its clause or of an adjunct opening its sentence (`periods`), and whether it is a
level, a change, a difference or a score (`directions`). A pay rate missing its per-unit inherits it
from the pay rate just before it ("entre 20 et 50 dollars pour 1000 mots. Aujourd'hui, on me
propose 7 dollars"), as a reader would.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rdflib import RDF, URIRef
from spacy.tokens import Doc, Token

from labourgraph.core import model
from labourgraph.core.mint import fold
from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import CueHit, CueMatcher
from labourgraph.extract.directions import (
    DECREASE,
    DIFFERENCE,
    INCREASE,
    LEVEL,
    direction_of,
    score_scale,
)
from labourgraph.extract.discourse import (
    Description,
    antecedent,
    described_place,
    ends_with_kind,
    find_descriptions,
    subject_pronoun,
)
from labourgraph.extract.frames import Frame, conjuncts_of, frame_of
from labourgraph.extract.mentions import PLATFORM_CLASSES, Mention
from labourgraph.extract.nlp import sentence_spans, text_of, tokens_of
from labourgraph.extract.number_words import WORDS_EN, WORDS_FR
from labourgraph.extract.periods import (
    Period,
    find_periods,
    period_of,
    relative_periods,
    with_anaphora,
)
from labourgraph.extract.quantities import (
    DURATION_UNITS,
    Quantity,
    elliptic_counts,
    find_durations,
    find_number_words,
    find_quantities,
    multiplies,
    shares_hedge,
)
from labourgraph.extract.scope import LabourScope
from labourgraph.extract.subjects import (
    PAYERS,
    area_of,
    clause_subject_group,
    country_before,
    country_of_people,
    demonym_place,
    frame_group,
    frame_names_subject,
    frame_pronoun,
    frame_subject,
    is_people,
    is_source,
    named_in,
    nearest,
    noun_group_after,
    organisation_before,
    payee_named_after,
    people_counted,
    person_before,
    person_named_before,
    platform_before,
    population_before,
    population_label,
    portrait_person,
    previous_subject,
    workers_of,
)

CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Observation:
    """One figure, ready to become a `plo:StatisticalObservation` or `plo:PayRate`."""

    start: int  # evidence span: the clause or sentence stating the figure
    end: int
    figure_start: int  # the figure itself, for review tables
    figure_end: int
    indicator: URIRef
    value: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    unit: str
    per_unit: str | None
    population: str | None  # label of a worker population
    organisation: Mention | None
    area: Mention | None
    person: Mention | None  # whose pay or income, for amounts
    period: str | None  # ISO 8601-2 interval notation: "2022", "2020/2023", "../2022"
    qualifier: str | None
    confidence: float

    is_price: bool = False  # what something costs (a subscription), not what work pays
    period_start: str | None = None  # ISO 8601 year, month or day; None when open
    period_end: str | None = None
    direction: str = LEVEL  # a plo:Direction local name
    scale: int | None = None  # the top of a score's scale
    # the period a relative expression ("aujourd'hui", "last year") gives once anchored to the
    # document's date: inferred, not stated, so kept apart from `period`
    inferred_period: str | None = None
    # the platform or company whose workers `population` is, when a pay said of it made the
    # population ("Fiverr and Upwork pay $3 an hour": each one's workers)
    payer: Mention | None = None

    @property
    def is_pay_rate(self) -> bool:
        return self.per_unit is not None and bool(CURRENCY.match(self.unit)) and not self.is_price


_FUNCTION_WORDS = (
    r"de|des|du|d'|la|le|les|l'|un|une|en|dans|sur|par|pour|avec|et|ou|a|au|aux|qui|que|est|"
    r"sont|ont|ans|of|the|a|an|in|on|at|by|for|with|and|or|to|from|who|that|are|is|were|was|"
    r"have|has|years"
)
_MODIFIER = rf"(?!(?:{_FUNCTION_WORDS})\b)[^\W\d][\w'-]*+"
_PERSON_NOUNS = re.compile(
    r"^\W*(?:(?:seraient|sont|etaient|seront|were|are|would be)\s+(?:des\s+|de\s+)?)?(?:de\s+|"
    r"d'|des\s+|of\s+)?(?:(?:its|their|ses|leurs|the|les)\s+)?"
    rf"(?:{_MODIFIER}[\s«\"“]+){{0,2}}?"
    r"(personnes|travailleu\w+|micro-?travailleu\w+|performers|salarie\w*|employe\w*|inscrits|utilisateu\w+|"
    r"annotat(?:eu|ri|or)\w*|freelances?|free-lances?|migrants|membres|chomeurs|tacherons|"
    r"moderat(?:eu|ri|or)\w*|"
    r"people|persons|workers|microworkers|crowdworkers|users|employees|annotators|labell?ers|"
    r"moderators|members|freelancers|taskers|contractors|staff|jobs|emplois|postes|individus|"
    r"raters|reviewers|taggers|testers|evaluators|transcribers|labou?rers|drivers|couriers|"
    r"auditors|auditeurs|auditrices|"
    r"evaluateurs|testeurs|transcripteurs|correcteurs|livreurs|chauffeurs|"
    r"venezueliens|kenyans|filipinos|habitants|citoyens|respondents|repondants|participants|"
    r"diplomes|graduates|etudiants|etudiantes|students|adherents|syndiques|"
    # people by the work they do or the part they take: "10 000 contributeurs", "1100 domain
    # analysts", "150 jeunes", "40,000 individuals", "200 plaignants"
    r"contribut(?:eu|ri|o)\w*|collaborat(?:eu|ri|o)\w*|individuals|jeunes|youths|"
    r"analysts|analystes|experts|expertes|specialists|specialistes|engineers|ingenieur\w*|"
    r"tutors|trainers|formateurs|formatrices|writers|redact(?:eu|ri)\w*|"
    r"operat(?:eu|ri|o)\w*|technicien\w*|technicians|femmes|women|hommes|men|enfants|children|"
    r"volontaires|volunteers|benevoles|plaignants|plaintiffs|signataires|petitioners|"
    r"pigistes|independants|independantes|auto-?entrepreneu\w+|turkers|gig\s+workers|"
    r"shoppers|customers|researchers|chercheu\w+|requesters|"
    # people a programme or a language serves, people settled or fled: "300,000 beneficiaries",
    # "100 millions de locuteurs", "2 000 réfugiés"; and people said before: "Quinze d'entre
    # eux", "two of them"
    r"beneficiaries|beneficiaires|locuteurs|locutrices|speakers|recruits|recrues|refugees|"
    r"refugies|residents|citizens|parents|mothers|meres|retirees|retraites|"
    r"entre\s+(?:eux|elles)|them|"
    # peoples: "près de 100 000 Malgaches", "30,000 Kenyans" (folded)
    r"malgaches|ougandais|marocains|senegalais|camerounais|ivoiriens|tunisiens|algeriens|"
    r"indiens|philippins|nigerians|pakistanais|colombiens|bresiliens|mexicains|africains|"
    r"ugandans|indians|pakistanis|nigerians|colombians|brazilians|mexicans|africans)\b"
)
_ORG_NOUNS = re.compile(
    r"^\W*(?:de\s+|d'|des\s+|of\s+)?(plate-?formes|plates-formes|platforms|entreprises|"
    r"societes|companies|firms|"
    r"start-?ups|clients|fournisseurs|vendors|organisations|organizations|centres|centers|"
    r"agences|agencies|sous-traitants|subcontractors|prestataires)\b"
)
_LANGUAGE_NOUNS = re.compile(
    r"^\W*(?:de\s+|d'|of\s+)?(?:(?:different|differentes)\s+)?(langues|languages)\b"
)
_COUNTRY_NOUNS = re.compile(
    r"^\W*(?:de\s+|d'|of\s+)?(?:(?:different|differents)\s+)?(pays|countries)\b"
)
_IMAGE_NOUNS = re.compile(r"^\W*(?:de\s+|d'|of\s+)?(images|photos|pictures)\b")
_ITEM_NOUNS = re.compile(
    r"^\W*(?:de\s+|d'|of\s+)?(posts|videos|contenus|publications|messages|commentaires|"
    r"comments|clips|tickets|pieces\s+of\s+content|items\s+of\s+content)\b"
)
"""Pieces of content a worker views, moderates or labels ("5000 posts", "une centaine de
vidéos", "100+ pieces of content"): the items of a work-output count (unit "items")."""
_TASK_NOUNS = re.compile(r"^\W*(?:de\s+|d'|of\s+)?(taches|micro-?taches|tasks|microtasks|hits)\b")
_WORD_NOUNS = re.compile(r"^\W*(?:de\s+|of\s+)?(mots|words)\b")
_ARTICLE_NOUNS = re.compile(r"^\W*(?:d'|of\s+)?(articles)\b")

_WORKERS_BEFORE = re.compile(
    r"\b(?:workers|travailleu(?:rs|ses)|moderators|moderateurs|moderatrices|annotators|"
    r"annotateurs|employees|employes|salaries|freelancers|contractors|raters|taggers)\b"
)
"""Workers named in a sentence: its pay is theirs, not that of a person of earlier lines."""
_PRICE_BEFORE = re.compile(
    r"abonnement|subscription|cout\w*|costs?|prix|price|facture|vendu|sold for|achet|bought"
)
_PAYEE_BEFORE = re.compile(
    r"\b(?:pay|pays|paid|paying|paie|paient|payait|payaient|payer|remunere\w*|verse|versent)\s+"
    r"(?:(?:its|their|the|his|her|ses|leurs|les|des|sa|son)\s+)?"
    r"((?:[^\W\d]+\s+){0,1}?[^\W\d]+)\s+"
    r"(?:(?:as\s+much\s+as|as\s+little\s+as|up\s+to|about|around|only|just|jusqu'a|environ|"
    r"seulement|a\s+peine|moins\s+de|plus\s+de|less\s+than|more\s+than|at\s+least|au\s+moins)\s+)?$"
)
"""A verb of paying, then the people it pays, just before an amount (folded)."""
_INVESTED_BEFORE = re.compile(r"\binvest\w*\s+(?:[^\W\d]+\s+){0,2}$")
"""A verb of investing just before an amount: "Meta invested", "a investi près de" (folded)."""
_INVESTED_IN = re.compile(
    r"\s+(?:[^\W\d]+\s+){0,2}?(?:in|into|dans)\s+(?:[^\W\d][\w'’-]*\s+){0,4}$"
)
"""The words between an amount invested and the organisation it went to: "in rival", "dans
la société d'étiquetage" (folded)."""
_OF_ITS = re.compile(r"\s+(?:of|in)\s+its\s+(?!own\b)", re.IGNORECASE)
"""A figure of something "its": an organisation's ("30-40% of its work", "most of its")."""
_STAFF_OF = re.compile(
    r"(?:\bits|\b(?:which|that|who)\s+(?:has|had|have|employs|employed)|\b(?:qui|elle)\s+"
    r"(?:compte|comptait|emploie|employait))\s+(?:(?:more|less)\s+than|over|about|around|nearly|"
    r"roughly|some|almost|plus\s+de|pres\s+de|environ|quelque)?\s*$"
)
"""Words before a count of people that make them an organisation's staff: "its", "which has",
"qui compte" (folded)."""
_PER_TASK_BEFORE = re.compile(
    r"(?:taches|tasks|hits|micro-?taches|microtasks)\s+"
    r"(?:(?:sont|soient|etaient|seront|seraient|are|were|is|was|get|got|being)\s+)?"
    r"(?:(?:souvent|parfois|often|sometimes|generally|generalement)\s+)?"
    r"(?:payee?s?|paid|remunere\w*)\s+(?:\w+\s+){0,3}$"
)
"""An amount a task is paid: "tâches payées entre 5 et 25 centimes", "ces tâches soient payées
aussi peu que 0,01 $", "tasks are often paid as little as"."""
_SAME_TOPIC = 2500
"""How far (in characters) a population stays the subject of figures that do not name it."""
_PAY_CUES = re.compile(
    r"pay|paid|earn|wage|salar|salai|remuner|gagn|revenu|tarif|rate|income|propose|recev|touch|"
    r"cents|centimes|\bbrut\b"
)
_FALLBACK_INDICATOR = {
    "percent": PLO.UnspecifiedShare,
    "persons": PLO.UnspecifiedCount,
    "organisations": PLO.UnspecifiedCount,
    "tasks": PLO.UnspecifiedCount,
    "words": PLO.UnspecifiedCount,
    "articles": PLO.UnspecifiedCount,
    **{unit: PLO.UnspecifiedDuration for unit in DURATION_UNITS if unit != "decades"},
}
_PIECES = frozenset({"image", "click", "page"})
"""Pieces of work paid by the piece whose per-unit the ontology names `task` (its per-units
are task, hour, day, week, month, year, 1000 words, article and product)."""
_PAY_INDICATOR = {
    "task": PLO.PayPerTask,
    # a piece of work is paid as a task is: piece-rate pay ("$0.02 per image")
    "image": PLO.PayPerTask,
    "click": PLO.PayPerTask,
    "product": PLO.PayPerTask,
    "article": PLO.PayPerTask,
    "page": PLO.PayPerTask,
    "hour": PLO.HourlyPay,
    "month": PLO.MonthlyIncome,
    "1000 words": PLO.PayPer1000Words,
    "day": PLO.DailyPay,
    "week": PLO.WeeklyPay,
    "year": PLO.AnnualIncome,
}


_NOUN_REACH = 100
"""Characters after a bare count searched for the noun it counts (through coordinated counts:
"six English-language, three Spanish-language, and three Russian-language platforms")."""
_MODIFIERS = re.compile(rf"^\s*(?:{_MODIFIER}\s+){{1,3}}")
"""Up to three adjectives between a count and its noun: "12 different English-language online
platforms" (never a function word: "3 ans sur les plateformes" counts no platform)."""
_COUNT_WORD_SRC = "|".join(
    sorted((w for w, v in {**WORDS_FR, **WORDS_EN}.items() if 2 <= v <= 99), key=len, reverse=True)
)
_ADJECTIVES = rf"(?:{_MODIFIER}\s+){{0,2}}{_MODIFIER}"
_CONJUNCTS = re.compile(
    rf"^\s*{_ADJECTIVES}(?:\s*,\s*(?:(?:and|et|or|ou)\s+)?(?:[0-9]+|{_COUNT_WORD_SRC})\s+"
    rf"{_ADJECTIVES}){{0,8}}\s*,?\s*(?:and|et|or|ou)\s+(?:[0-9]+|{_COUNT_WORD_SRC})\s+"
)
"""Counts coordinated before the one noun they share: "six English-language, three
Spanish-language, and three Russian-language platforms" (each of them counts platforms)."""
_NUMBER_OF = re.compile(r"^\W*(?:le|the)\s+(?:nombre|number)\s+(?=de\s|d'|of\s)")
"""A figure stated before what it numbers: "estiment à 266 126 le nombre d'individus"."""


def _bare_unit(after: str) -> str | None:
    """The unit of a bare count from the (folded) words after it: the noun it counts, through
    its adjectives, the counts coordinated with it, or "le nombre de"; never past the end of
    its line ("1 Introduction\nWorkers using…" counts no workers)."""
    after = after.split("\n", 1)[0]
    found = _noun_unit(after)
    if found is not None:
        return found
    for prefix in (_NUMBER_OF, _CONJUNCTS, _MODIFIERS):
        stripped = prefix.match(after)
        if stripped is None:
            continue
        rest = after[stripped.end() :]
        adjectives = _MODIFIERS.match(rest) if prefix is _CONJUNCTS else None
        # after adjectives, the noun itself must follow ("two hubs of the annotation
        # industry" counts hubs, not annotators)
        strict = prefix is not _NUMBER_OF
        found = _noun_unit(rest, strict) or (
            adjectives and _noun_unit(rest[adjectives.end() :], strict)
        )
        if found is not None:
            return found
    return None


def _noun_unit(after: str, strict: bool = False) -> str | None:
    """The unit of the noun that `after` opens with, through "de" / "of" and up to two words
    unless `strict` (then the noun comes first)."""
    for pattern, unit in (
        (_PERSON_NOUNS, "persons"),
        (_ORG_NOUNS, "organisations"),
        (_TASK_NOUNS, "tasks"),
        (_WORD_NOUNS, "words"),
        (_ARTICLE_NOUNS, "articles"),
        (_LANGUAGE_NOUNS, "languages"),
        (_COUNTRY_NOUNS, "countries"),
        (_IMAGE_NOUNS, "images"),
        (_ITEM_NOUNS, "items"),
    ):
        found = pattern.match(after)
        if found is not None and (not strict or not after[: found.start(1)].strip()):
            return unit
    return None


@dataclass(frozen=True)
class _Figure:
    """A figure the first pass keeps: its quantity, its unit and per-unit as far as the
    figures before it say, and the index of its sentence."""

    quantity: Quantity
    unit: str
    per_unit: str | None
    sentence: int
    # a bare count that takes its noun from the figure before it in its sentence ("cinq
    # articles par jour ; avant, c'était seulement trois"): it is about what that one is about
    borrowed: bool = False


@dataclass(frozen=True)
class _Reading:
    """What every figure of one document is read against."""

    text: str
    sentences: list[tuple[int, int]]  # (start, end) of each sentence
    mentions: list[Mention]
    cue_hits: list[CueHit]  # indicator cues
    direction_hits: list[CueHit]  # cues of plo:Direction individuals
    periods: list[Period]
    # per sentence, made once: what each figure of the sentence reads (so that the time of
    # a document stays linear in its length, however many figures a sentence holds)
    in_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    marks: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    populations: dict[tuple[int, str | None], str | None] = field(default_factory=dict)
    # where a figure's own sentence last gave each population (not carried over)
    settled: dict[str, int] = field(default_factory=dict)
    descriptions: dict[int, list[Description]] = field(default_factory=dict)
    tokens: list[Token] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    person_words: frozenset[str] = frozenset()  # words of the names of its people
    taken: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # names and cues
    relative: list[Period] = field(default_factory=list)  # anchored to the document's date
    # (start, end, unit) of every figure kept, in order: a cue before a figure with another
    # figure of its unit between is that figure's
    figure_spans: list[tuple[int, int, str]] = field(default_factory=list)
    work: LabourScope | None = None  # the ontology's words of work


def find_observations(
    doc: Doc,
    lang: str,
    mentions: list[Mention],
    indicators: CueMatcher,
    directions: CueMatcher,
    date: str | None = None,
    work: LabourScope | None = None,
) -> list[Observation]:
    """Every figure of the document with what it is about; `date` (ISO 8601, the document's)
    anchors "aujourd'hui" or "last year"; `work` (the ontology's words of work) makes a count
    of people with no other cue in a clause about work a count of workers."""
    text = text_of(doc)
    quantities = _with_durations(
        _with_word_counts(text, find_quantities(text, lang), lang), find_durations(text, lang)
    )
    if not quantities:
        return []
    cue_hits = indicators.find(doc, lang)
    sentences = sentence_spans(doc)
    reading = _Reading(
        text,
        sentences,
        mentions,
        cue_hits,
        directions.find(doc, lang),
        with_anaphora(text, find_periods(text), sentences),
        _by_sentence(sentences, mentions),
        tokens=tokens_of(doc),
        # a person named in full once is often named by one word of the name later
        person_words=frozenset(w for m in mentions if m.kind == "person" for w in m.key.split()),
        relative=relative_periods(text, date),
        work=work,
    )
    reading.token_starts.extend(t.idx for t in reading.tokens)
    people_cues = {
        h.start: h.end
        for h in cue_hits
        if h.entry.iri is not None
        and _indicator_fits(h.entry.iri, "persons")
        and not _indicator_fits(h.entry.iri, "organisations")
    }
    figures = _figures(
        text, _changes_split(text, quantities, reading.direction_hits), sentences, people_cues
    )
    reading.figure_spans.extend((f.quantity.start, f.quantity.end, f.unit) for f in figures)
    observations: list[Observation] = []
    last_population: tuple[str, int] | None = None  # (label, offset of its figure)
    for index, figure in enumerate(figures):
        region = _region(reading, figures, index)
        observation = _observation(reading, figure, region, last_population)
        if (
            figure.borrowed
            and observations
            and figures[index - 1].sentence == figure.sentence
            and observation.person is None
            and observation.organisation is None
            and observation.population is None
        ):
            observation = _whose_as_before(observation, observations[-1])
        if (
            observations
            and observation.indicator in _FALLBACKS
            and observations[-1].indicator not in _FALLBACKS
            and _converts(text, figures[index - 1], figure)
        ):
            # "cost savings of over $325 million (€221 million)": the conversion measures
            # what the amount it converts measures, and is the same one's
            observation = _whose_as_before(observation, observations[-1], indicator=True)
        if observations and _elliptic_change(
            observation, observations[-1], figure, figures[index - 1]
        ):
            # "Les revenus ont chuté de 30 % en 2023, après une baisse de 13 % un an plus
            # tôt": the second change, which names nothing, is one more of the first's
            observation = _whose_as_before(observation, observations[-1], indicator=True)
        named_by_vocabulary = (
            observation.population is not None
            and population_label(observation.population, None) is not None
        )
        if observation.population is not None and (
            named_by_vocabulary
            or (
                figure.unit != "persons"  # "47 workers", "200 shoppers": that count's only
                and not _said_by_group(reading, figure, observation.population)
            )
        ):
            # a clause's own subject group that names no worker population of the ontology
            # ("Entry-level agents in Manila earn…", read from the parse) is that figure's
            # only: it does not become the population of the figures after it
            last_population = (observation.population, figure.quantity.start)
        observations.append(observation)
    # one observation per figure until its neighbours have lent it their indicator, then one
    # more for each other conjunct of a coordinated subject
    return [
        copy
        for figure, observation in zip(
            figures, _said_again(_shared_frames(text, figures, observations)), strict=True
        )
        for copy in (observation, *_conjunct_observations(reading, figure, observation))
    ]


_SAID_AGAIN_FROM = 1000
"""The smallest value taken as the same figure when a document states it twice: smaller
numbers ("2 persons", "15 %") recur by chance."""


def _said_again(observations: list[Observation]) -> list[Observation]:
    """A figure a document states twice ("260 000 « travailleurs du clic » effectueraient…",
    then "260 000 microtravailleurs occasionnels") is one figure: the statement that names
    only its kind takes the indicator the other names, when they agree on everything else
    and the other names exactly one."""

    def key(o: Observation) -> tuple[object, ...]:
        who = (o.organisation.key if o.organisation else None, o.person.key if o.person else None)
        return (o.value, o.min_value, o.max_value, o.unit, o.per_unit, o.population, *who,
                o.direction)  # fmt: skip

    named: dict[tuple[object, ...], set[URIRef]] = {}
    for o in observations:
        if o.indicator not in _GENERIC and (o.value or o.max_value or 0) >= _SAID_AGAIN_FROM:
            named.setdefault(key(o), set()).add(o.indicator)
    out = []
    for o in observations:
        specific = named.get(key(o), set()) if o.indicator in _GENERIC else set()
        out.append(replace(o, indicator=next(iter(specific))) if len(specific) == 1 else o)
    return out


_PAY_OF = re.compile(
    r"\b(?:salaires?|remunerations?|revenus?|paies?|payes?|salary|salaries|wages?|pay|"
    r"earnings|income|celui|celle)\s+(?:moyens?\s+|moyennes?\s+)?"
    r"(?:d'une?|des|du|de\s+la|de\s+l'|de|of\s+(?:an?|the)|of)\s+"
    r"(?P<who>[^\W\d][\w'-]*(?:\s+[^\W\d][\w'-]*){0,5})"
)
"""Whose pay an amount is, said by the pay noun: "le salaire d'un ingénieur en intelligence
artificielle", "celui d'un ingénieur spécialisé", "the average salary of a full-time Facebook
worker" (folded text)."""
_HOLDER_STOP = re.compile(
    r"\s+(?:est|sont|etait|etaient|atteint|atteignent|oscille\w*|peut|peuvent|varie\w*|"
    r"is|are|was|were|can|ranges?|stands?|dans|in|de\s+\d|a|au|aux|en\s+moyenne)\b.*$"
)
"""Where the people a pay is of stop: at the verb, or at a place or a figure after them."""


_LEADING_DETERMINER = re.compile(r"^(?:these|those|ces|cette|ce|les|the)\s+", re.IGNORECASE)
_TRAILING_LINK = re.compile(r"(?:\s+(?:de|d'|du|des|of|for|pour|a|à))+\s*$", re.IGNORECASE)


def _pay_holder(text: str, region: tuple[int, int], quantity: Quantity) -> str | None:
    """The people an amount is the pay of when its clause says so by a pay noun ("le salaire
    d'un ingénieur en intelligence artificielle … est autour de 135K$"): the words after "de"
    / "of" that open with a noun of people (`_PERSON_NOUNS`), without their determiner, up to
    the verb, as a population label ("ingénieur en intelligence artificielle")."""
    before = text[region[0] : quantity.start]
    found = None
    for match in _PAY_OF.finditer(fold(before)):
        found = match
    if found is None:
        return None
    start = found.start("who")
    words = before[start : start + len(found["who"])]
    words = _TRAILING_LINK.sub("", _HOLDER_STOP.sub("", words)).strip(" ,;")
    words = _LEADING_DETERMINER.sub("", words)  # "these content auditors"
    # a noun of people among its first words, singular ("un ingénieur", "a worker") or plural
    if not any(
        _PERSON_NOUNS.match(" " + word) or _PERSON_NOUNS.match(" " + word + "s")
        for word in fold(words).split()[:4]
    ):
        return None
    return words[0].lower() + words[1:] if words and not words.isupper() else words or None


_OPENING_PAY = re.compile(
    r"\W*(?:earning|making|paid|being\s+paid|gagnant|payee?s?|remuneree?s?)\b[^.;,]*,\s*$"
)
"""A sentence that opens with a clause of pay before its subject: "Earning $5 an hour,
Ramola may be unaware…", "Payée 2 euros de l'heure, Awa…" (folded text)."""


def _opened_for(
    text: str, in_sentence: list[Mention], sentence: tuple[int, int], quantity: Quantity
) -> Mention | None:
    """The person a sentence's opening clause of pay is about: the one named right after it
    ("Earning $5 an hour, Ramola may be unaware…")."""
    s_start, s_end = sentence
    comma = text.find(",", quantity.end, s_end)  # the opening clause ends in its sentence
    if comma < 0 or not _OPENING_PAY.fullmatch(fold(text[s_start : comma + 1])):
        return None
    after = comma + 1 + len(text[comma + 1 :]) - len(text[comma + 1 :].lstrip())
    return next((m for m in in_sentence if m.kind == "person" and m.start == after), None)


def _whose_as_before(
    observation: Observation, before: Observation, indicator: bool = False
) -> Observation:
    """`observation` about whom (and, with `indicator`, of what) the figure before it is."""
    return replace(
        observation,
        indicator=before.indicator if indicator else observation.indicator,
        person=before.person,
        organisation=before.organisation,
        population=before.population,
    )


def _elliptic_change(
    observation: Observation, before: Observation, figure: _Figure, previous: _Figure
) -> bool:
    """Whether a change that names neither what changed nor whose (the fallback
    `ActivityGrowth`) follows, in its sentence, a change of the same unit that names both."""
    return (
        previous.sentence == figure.sentence
        and observation.indicator == PLO.ActivityGrowth
        and observation.direction in (INCREASE, DECREASE)
        and before.direction in (INCREASE, DECREASE)
        and observation.unit == before.unit
        and before.indicator != PLO.ActivityGrowth
        and observation.person is None
        and observation.organisation is None
        and observation.population is None
        and (before.person or before.organisation or before.population) is not None
    )


def _conjunct_observations(
    reading: _Reading, figure: _Figure, observation: Observation
) -> list[Observation]:
    """The same figure for each other conjunct of a coordinated subject: in "Fiverr et Upwork
    prélèvent 20 %" the 20 % holds for both, not only for the name the figure's subject rules
    kept (the first conjunct, or the one nearest the figure). Only where the parse says the
    kept organisation or person *is* the clause's subject (or the name hung on it: "les
    revenus de Fiverr et d'Upwork"), so a list after a preposition ("travaille pour Google et
    Meta") stays one figure; each copy keeps the same evidence and differs by its subject,
    which makes its IRI and its `plo:measureKey` its own."""
    kept = observation.person or observation.organisation or observation.payer
    if kept is None:
        return []
    quantity = figure.quantity
    frame = frame_of(reading.tokens, reading.token_starts, quantity.start, quantity.end)
    if frame is None or frame.subject is None:
        return []
    in_sentence = reading.in_sentence.get(figure.sentence, [])
    heads = [
        (frame.subject, frame.conjuncts),
        *((g, conjuncts_of(g)) for g in frame.modifiers),
    ]
    for group, conjuncts in heads:
        if named_in(group, in_sentence) != kept:
            continue
        copies = []
        seen = {kept}
        for conjunct in conjuncts:
            other = named_in(conjunct, in_sentence)
            if (
                other is None
                or other in seen
                or other.kind != kept.kind
                or is_source(reading.text, other)
            ):
                continue
            seen.add(other)
            if observation.person is not None:
                copies.append(replace(observation, person=other))
            elif observation.payer is not None and observation.population is not None:
                # "Fiverr and Upwork pay $3 an hour": Upwork's workers too
                population = observation.population.replace(kept.key, other.key, 1)
                copies.append(replace(observation, payer=other, population=population))
            else:
                copies.append(replace(observation, organisation=other))
        return copies
    return []


_FALLBACKS = frozenset({PLO.UnspecifiedShare, PLO.UnspecifiedCount, PLO.UnspecifiedAmount})
"""The indicators a figure gets when its own clause names none."""
_GENERIC = _FALLBACKS | {PLO.NumberOfWorkers}
"""Indicators that say only what kind of figure a number is, not which (the fallbacks and the
workers counted by their noun)."""
_TO_NEXT = re.compile(r"\s+(?:to|à|au)\s+")
"""What joins the two values of a change or a range ("from 25 to 33 percent")."""
_LIST_NEXT = re.compile(r"(?:\s+[^\W\d][\w'’]*-[\w'’-]+)?\s*,\s*(?:(?:and|et|or|ou)\s+)?")
"""What joins counts listed before the noun they share ("six English-language, three
Spanish-language, and three Russian-language platforms"): at most a compound modifier, so
that a count with its own noun ("40 engineers, and 12 platforms") keeps its reading."""


def _shared_frames(
    text: str, figures: list[_Figure], observations: list[Observation]
) -> list[Observation]:
    """Figures of one frame measure one indicator: the second value of "from 25 to 33
    percent" what the first measures (the cue stands before the first, out of the second's
    clause), and a count listed before others what the noun after the last names. Only a
    figure whose own clause named nothing (a fallback indicator) takes its neighbour's."""
    out = list(observations)
    for index in range(1, len(out)):
        prev, cur = figures[index - 1], figures[index]
        if (
            out[index].indicator in _FALLBACKS
            and out[index - 1].indicator not in _FALLBACKS
            and prev.sentence == cur.sentence
            and prev.unit == cur.unit
            and _TO_NEXT.fullmatch(text, prev.quantity.end, cur.quantity.start)
        ):
            out[index] = replace(out[index], indicator=out[index - 1].indicator)
    for index in range(len(out) - 2, -1, -1):
        cur, nxt = figures[index], figures[index + 1]
        if (
            out[index].indicator in _FALLBACKS
            and out[index + 1].indicator not in _FALLBACKS
            and cur.sentence == nxt.sentence
            and cur.unit == nxt.unit
            and cur.unit in ("persons", "organisations")
            and _LIST_NEXT.fullmatch(text, cur.quantity.end, nxt.quantity.start)
        ):
            out[index] = replace(out[index], indicator=out[index + 1].indicator)
    return out


def _by_sentence(
    sentences: list[tuple[int, int]], mentions: list[Mention]
) -> dict[int, list[Mention]]:
    """The mentions lying wholly within each sentence, in their order, by sentence index."""
    starts = [start for start, _ in sentences]
    found: dict[int, list[Mention]] = {}
    for mention in mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.end <= sentences[index][1]:
            found.setdefault(index, []).append(mention)
    return found


_APPROXIMATE_COUNTS = re.compile(
    r"\b(?:une|d'une|la|a|one)\s+(?P<w>dizaine|douzaine|quinzaine|vingtaine|trentaine|"
    r"quarantaine|cinquantaine|soixantaine|centaine|dozen)\b|\b(?:un|d'un|le)\s+(?P<k>millier)\b",
    re.IGNORECASE,
)
"""Round numbers said as nouns: "une centaine de jeunes diplômés" is about a hundred."""
_APPROXIMATE_VALUES = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "dozen": 12,
    "millier": 1000,
}  # fmt: skip


def _with_word_counts(text: str, quantities: list[Quantity], lang: str) -> list[Quantity]:
    """Add the counts written in words before what they count ("nine moderators",
    "quatre-vingts personnes", "six former employees", "une centaine de jeunes diplômés"): the
    number grammar reads number words only before a scale or a currency, because alone they
    are rarely a figure; before a counted noun they are one."""
    taken = [(q.start, q.end) for q in quantities]
    candidates = [q for q in find_number_words(text, lang) if q.value is not None and q.value >= 2]
    # "avant, c'était seulement trois": a count standing for the noun of the figure before it
    # (`_figures` gives it that figure's unit, in the same sentence only)
    elliptic = {(q.start, q.end) for q in elliptic_counts(text, candidates)}
    for match in _APPROXIMATE_COUNTS.finditer(text):
        noun = (match["w"] or match["k"]).lower()
        qualifier = None if noun == "dozen" else "about"
        candidates.append(Quantity(match.start(), match.end(),
                                   Decimal(_APPROXIMATE_VALUES[noun]), None, None, None, None,
                                   qualifier is not None, qualifier))  # fmt: skip
    found = []
    for count in sorted(candidates, key=lambda q: q.start):
        if any(a < count.end and count.start < b for a, b in taken):
            continue
        if (count.start, count.end) not in elliptic and (
            _bare_unit(fold(text[count.end : count.end + _NOUN_REACH])) is None
        ):
            continue
        taken.append((count.start, count.end))
        found.append(count)
    return sorted([*quantities, *found], key=lambda q: q.start) if found else quantities


def _with_durations(quantities: list[Quantity], durations: list[Quantity]) -> list[Quantity]:
    """Add the spans of time ("environ deux heures", "for up to 12 hours") that overlap no
    other figure: the number grammar leaves durations out, as most of them are no amount,
    count or share; but how long people work, train or wait is what the press reports of
    platform work, and a reader cites it as a figure."""
    taken = [(q.start, q.end) for q in quantities]
    found = [d for d in durations if not any(a < d.end and d.start < b for a, b in taken)]
    return sorted([*quantities, *found], key=lambda q: q.start) if found else quantities


_FROM_TO = re.compile(r"(?:from|de|du)\s+(?P<low>.+?)\s+(?:to|à|au)\s+(?P<high>.+)", re.DOTALL)
_CHANGE_REACH = 120
"""How far (characters) before "from X to Y" a change word makes it a change."""


def _changes_split(text: str, quantities: list[Quantity], hits: list[CueHit]) -> list[Quantity]:
    """ "the growth of India's share from 25 to 33 percent", "la part a augmenté de 20 % à 30
    %": a change from one value to another is two values at two times, not a range of
    values; the number grammar cannot tell them apart, the change word before them can."""
    changes = [
        h
        for h in hits
        if h.entry.iri is not None and str(h.entry.iri).endswith(("Increase", "Decrease"))
    ]
    if not changes:
        return quantities
    out: list[Quantity] = []
    for q in quantities:
        spoken = _FROM_TO.fullmatch(text, q.start, q.end) if q.min_value is not None else None
        governed = spoken is not None and any(
            q.start - _CHANGE_REACH <= h.start and h.end <= q.start
            and not re.search(r"[.!?]\s", text[h.end : q.start])
            for h in changes
        )  # fmt: skip
        if spoken is None or not governed:
            out.append(q)
            continue
        out.append(replace(q, start=spoken.start("low"), end=spoken.end("low"),
                           value=q.min_value, min_value=None, max_value=None))  # fmt: skip
        out.append(replace(q, start=spoken.start("high"), value=q.max_value, min_value=None,
                           max_value=None))  # fmt: skip
    return out


_OWN_NOUN = re.compile(
    r"\s+(?!(?:was|has|is|does|sont|ont|vous|nous|plus|moins)\b)[^\W\d][\w'-]*[sx]\b"
)
"""A plural noun right after a bare count is what it counts, even unnamed here ("on 46
interviews"): it does not take the unit of the figure before it."""


_LIST_ITEM_END = re.compile(r"\s*(?:[,;.)]|(?:et|and|ou|or)\b|\Z)")
_LIST_ITEM_START = re.compile(r"(?:,|\b(?:et|and|ou|or))\s*\Z")


def _people_cue_after(text: str, quantity: Quantity, people_cues: dict[int, int]) -> bool:
    """Whether a count and the cue of a count of people right after it are an item of a list
    of counts ("…, 50 000 réguliers, et 266 000 occasionnels"); "on 46 interviews with
    workers" names something else the people did."""
    end = quantity.end
    gap = len(text[end : end + 3]) - len(text[end : end + 3].lstrip())
    cue_end = people_cues.get(end + gap) if gap > 0 else None
    return (
        cue_end is not None
        and _LIST_ITEM_END.match(text, cue_end) is not None
        and _LIST_ITEM_START.search(text[max(0, quantity.start - 8) : quantity.start]) is not None
    )


_AGE_BEFORE = re.compile(r"\bages?\b\W+(?:\w+\W+){0,2}$")
"""An age ("the median age was 24") is no share or count like the figure before it."""


def _figures(
    text: str,
    quantities: list[Quantity],
    sentences: list[tuple[int, int]],
    people_cues: dict[int, int] | None = None,
) -> list[_Figure]:
    """First pass: the unit of every figure, so that figures with none (ages, list numbers)
    neither become claims nor cut the clauses of those that do; and the per-unit of an amount
    that does not say it, from the pay rate just before it. `people_cues` are the offsets of
    the ontology's cues of counts of people: a bare count before one ("15 000 travailleurs
    très actifs, 50 000 réguliers, et 266 000 occasionnels") counts the people the count
    before it counts, though the cue is a plural word like a noun of its own."""
    figures: list[_Figure] = []
    previous_unit: tuple[int, str] | None = None  # (sentence index, unit)
    previous_pay: tuple[int, str] | None = None  # (sentence index, per-unit)
    starts = [start for start, _ in sentences]
    pay_cued: dict[int, bool] = {}  # by sentence index: whether it speaks of pay
    scale_end = -1  # where the scale of the last score ends: its top is no figure
    for quantity in quantities:
        if quantity.start < scale_end:
            continue
        sent_index = _sentence_of(sentences, quantity.start, starts)
        s_start, s_end = sentences[sent_index]
        unit = quantity.unit or _bare_unit(fold(text[quantity.end : quantity.end + _NOUN_REACH]))
        inherited = False
        scale = score_scale(text, quantity.end) if quantity.unit is None else None
        if scale is not None and quantity.value is not None and quantity.value <= scale[0]:
            # "gave Remotasks 1 out of 10", "noté 4 sur 5": a score, in points of its scale
            unit, scale_end = "points", scale[1]
        if (
            unit is None
            and previous_unit
            and previous_unit[0] == sent_index
            and (
                not _OWN_NOUN.match(fold(text[quantity.end : quantity.end + 30]))
                or _people_cue_after(text, quantity, people_cues or {})
            )
            and not _AGE_BEFORE.search(
                fold(text[max(s_start, quantity.start - 30) : quantity.start])
            )
        ):
            # "près de 15 000 personnes … – plus de 50 000 au moins une fois par mois" and
            # "23 plateformes …, dont 14 sont": a bare count keeps the unit of the one before
            unit = previous_unit[1]
            inherited = True
        if unit is None:
            continue
        if not CURRENCY.match(unit) and unit not in ("points", "times", *DURATION_UNITS):
            # a ratio is no unit to lend: "multipliées par cinq …, passant de 142 en 2010"
            previous_unit = (sent_index, unit)
        per_unit = quantity.per_unit if CURRENCY.match(unit) else None
        if unit in _OUTPUT_UNITS:
            per_unit = _output_per_unit(text, (s_start, s_end), quantity)
            if per_unit is None and inherited and figures and figures[-1].unit == unit:
                per_unit = figures[-1].per_unit  # "cinq articles par jour ; avant, … trois"
        if CURRENCY.match(unit) and per_unit is None:
            per_unit = _per_unit_after(text, quantity) or _period_adjective(text, s_start, quantity)
        if (
            CURRENCY.match(unit)
            and per_unit is None
            and previous_pay
            and not _OWN_RATE_AFTER.match(text, quantity.end)
            and sent_index - previous_pay[0] <= 2
            and pay_cued.setdefault(sent_index, bool(_PAY_CUES.search(fold(text[s_start:s_end]))))
        ):
            per_unit = previous_pay[1]
        if per_unit is not None:
            previous_pay = (sent_index, per_unit)
        if (
            figures
            and figures[-1].sentence == sent_index
            and shares_hedge(text, figures[-1].quantity, quantity, inherited)
        ):
            hedge = figures[-1].quantity.qualifier  # "environ 15 000 …, 50 000 réguliers"
            quantity = replace(quantity, qualifier=hedge, approximate=True)
        figures.append(_Figure(quantity, unit, per_unit, sent_index, inherited))
    return _equivalents_share_per_unit(text, figures)


_OUTPUT_UNITS = frozenset({"images", "items", "articles", "tasks"})
"""Units of a work-output count: things a worker processes, counted over a span of time."""
_OUTPUT_PER = re.compile(
    r"^[^.;:\d]{0,60}?\b(?:par|per|an?|each|chaque|toutes\s+les|every)\s+"
    r"(heures?|hours?|jours?|days?|semaines?|weeks?|mois|months?)\b"
)
_OUTPUT_DAILY = re.compile(
    r"\b(?:au\s+quotidien|chaque\s+jour|tous\s+les\s+jours|every\s+day|quotidiennement|daily|"
    r"(?:les|ses|leurs)\s+bons\s+jours|on\s+good\s+days|en\s+fin\s+de\s+journee|"
    r"at\s+the\s+end\s+of\s+the\s+day|en\s+une\s+(?:seule\s+)?journee|in\s+a\s+(?:single\s+)?day)\b"
)
"""Words of the sentence that count a work output over one day ("Au quotidien", "Les bons
jours, elle dépasse les 500 images", "En fin de journée, … elle a annoté 2 400 images")."""
_OUTPUT_SPANS = {"heure": "hour", "hour": "hour", "jour": "day", "day": "day",
                 "semaine": "week", "week": "week", "mois": "month", "month": "month"}  # fmt: skip


def _output_per_unit(text: str, sentence: tuple[int, int], quantity: Quantity) -> str | None:
    """The span of time a work-output count is counted over: "5000 posts par jours", "100
    images par heure", or a day said by the clause ("Au quotidien, … une centaine de
    vidéos"). None when the sentence says none ("100+ pieces of content per shift": a shift
    is no span the vocabulary names)."""
    after = fold(text[quantity.end : sentence[1]])
    found = _OUTPUT_PER.match(after)
    if found is not None:
        word = found.group(1)
        return _OUTPUT_SPANS.get(word if word == "mois" else word.rstrip("s"))
    if _OUTPUT_DAILY.search(fold(text[sentence[0] : sentence[1]])):
        return "day"
    return None


_EQUIVALENT = re.compile(
    r"\s*(?:\(\s*(?:~|≈|approx\.?)?|/|,?\s*(?:soit|ou|or|i\.e\.|about|environ|around)\b)"
    r"\s*(?:\$|€|£)?\s*$"
)
"""What joins an amount to the same amount in another currency: "400 000 ariary, soit 80
euros", "Ksh283 ($2.20)", "£5 (~6.50€ / $7.50)"."""


def _converts(text: str, a: _Figure, b: _Figure) -> bool:
    """Whether amount `b` is amount `a` in another currency, said right after it ("$325
    million (€221 million)", "400 000 ariary, soit 80 euros")."""
    if not (CURRENCY.match(a.unit) and CURRENCY.match(b.unit)) or a.sentence != b.sentence:
        return False
    between = text[a.quantity.end : b.quantity.start]
    return len(between) <= 12 and _EQUIVALENT.match(between) is not None


def _equivalents_share_per_unit(text: str, figures: list[_Figure]) -> list[_Figure]:
    """An amount and its conversion are one pay: the per-unit one of them gives holds for
    both ("400 000 ariary, soit 80 euros par mois"), and so does the hedge before the first
    when the conversion is in brackets ("about Ksh283 ($2.20)" is about $2.20 too)."""
    out = list(figures)
    # both ways along the sentence: "£5 (~6.50€ / $7.50) per hour" passes the hour back
    # from the last equivalent to the first, and the hedge of the first on to the last
    for i in [*range(len(out) - 1), *reversed(range(len(out) - 1))]:
        a, b = out[i], out[i + 1]
        if not _converts(text, a, b):
            continue
        between = text[a.quantity.end : b.quantity.start]
        # only a missing per-unit is filled: "45 000 shillings par mois, soit 2,20 dollars de
        # l'heure" converts a monthly wage into an hourly one
        out[i] = replace(a, per_unit=a.per_unit or b.per_unit)
        converted = b.quantity
        if converted.qualifier is None and a.quantity.qualifier and "(" in between:
            converted = replace(converted, qualifier=a.quantity.qualifier, approximate=True)
        out[i + 1] = replace(b, quantity=converted, per_unit=b.per_unit or a.per_unit)
    return out


_OWN_RATE_AFTER = re.compile(
    r"\s*\)?\s*(?:per|par|for\s+(?:every|each)|pour\s+(?:chaque|each)|à\s+la|by\s+the)\s+\w",
    re.IGNORECASE,
)
"""A rate an amount states itself, even in a unit with no per-unit of its own ("$0.45 for
every minute of audio", "0,10 euro par mot"): it takes no span of time from the pay before it."""
_PER_AFTER = re.compile(
    r"\)?\s*(?:per|par|an?|a|de\s+l['’]|by\s+the|the)\s+"
    r"(hour|heure|day|jour|week|semaine|month|mois|year|an|année|task|tâche|page|image)\b",
    re.IGNORECASE,
)
_PER_NAMES = {
    "hour": "hour", "heure": "hour", "day": "day", "jour": "day", "week": "week",
    "semaine": "week", "month": "month", "mois": "month", "year": "year", "an": "year",
    "année": "year", "task": "task", "tâche": "task", "page": "page", "image": "image",
}  # fmt: skip


_GROSS_PER_AFTER = re.compile(
    r"\s*(?:brute?s?|nets?|nettes?|gross)\s*(?:/\s*|(?:per|par|an?)\s+)"
    r"(hour|heure|day|jour|week|semaine|month|mois|year|an|année)\b",
    re.IGNORECASE,
)
"""A per-unit after the word saying whether pay is before or after tax: "3 500 € brut/mois",
"2 000 € net par mois", "$40,000 gross a year"."""


_ADVERB_PER_AFTER = re.compile(
    r"\)?\s*(?:\([^()\n]{1,25}\)\s*)?(hourly|daily|weekly|monthly|annually|yearly)\b",
    re.IGNORECASE,
)
"""A per-unit said by an adverb after an amount, or after its bracketed equivalent: "she
earns about R$ 1,400 ($250) monthly", "$300 weekly"."""
_ADVERB_NAMES = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
                 "annually": "year", "yearly": "year"}  # fmt: skip


def _per_unit_after(text: str, quantity: Quantity) -> str | None:
    """The per-unit after an amount that a closing parenthesis ("Ksh283 ($2.20) per hour")
    or a gross/net word ("2 300 € brut/mois") kept from the number grammar, or an adverb
    ("$300 weekly")."""
    gross = _GROSS_PER_AFTER.match(text, quantity.end)
    if gross is not None:
        return _PER_NAMES[gross.group(1).lower()]
    adverb = _ADVERB_PER_AFTER.match(text, quantity.end)
    if adverb is not None:
        return _ADVERB_NAMES[adverb.group(1).lower()]
    match = _PER_AFTER.match(text, quantity.end)
    if match is None or not text[quantity.end : match.start(1)].lstrip().startswith(")"):
        return None
    return _PER_NAMES[match.group(1).lower()]


_ONE_SPAN = (
    r"\b(?:one|each|every|in\s+a|a\s+good|a\s+bad|un|en\s+un|chaque|un\s+bon|un\s+mauvais)\s+"
)
"""What makes a span of time the span an amount is earned over: "One month I made 800
dollars", "en un mois", "chaque semaine" (not "a month ago", "depuis un an": a duration)."""
_PERIOD_ADJECTIVES = (
    (re.compile(rf"\b(?:mensuel\w*|monthly)\b|{_ONE_SPAN}(?:month|mois)\b"), "month"),
    (re.compile(r"\b(?:horaire\w*|hourly)\b"), "hour"),
    (re.compile(rf"\b(?:journali\w+|quotidien\w*|daily)\b|{_ONE_SPAN}(?:day|jour)\b"), "day"),
    (re.compile(rf"\b(?:hebdomadaire\w*|weekly)\b|{_ONE_SPAN}(?:week|semaine)\b"), "week"),
    (re.compile(r"\b(?:annuel\w*|annual|yearly)\b"), "year"),
)


def _period_adjective(text: str, s_start: int, quantity: Quantity) -> str | None:
    """The per-unit an adjective just before an amount gives it: "un salaire mensuel de 1,2
    million de pesos", "a monthly wage of $250", or a span said once: "One month I made 800
    dollars"."""
    before = fold(text[max(s_start, quantity.start - 30) : quantity.start])
    for pattern, per_unit in _PERIOD_ADJECTIVES:
        if pattern.search(before):
            return per_unit
    return None


def _region(reading: _Reading, figures: list[_Figure], index: int) -> tuple[int, int]:
    """The clause around figure `index`, cut where the figures before and after it stand, so
    that it reaches no cue that is theirs."""
    figure = figures[index]
    quantity = figure.quantity
    s_start, s_end = reading.sentences[figure.sentence]
    if figure.sentence not in reading.marks:
        reading.marks[figure.sentence] = [
            match.span() for match in _marks(reading.text, s_start, s_end)
        ]
    start, end = _clause(reading.text, s_start, s_end, quantity, reading.marks[figure.sentence])
    if index:
        start = max(start, figures[index - 1].quantity.end)
    if index + 1 < len(figures):
        end = min(end, max(quantity.end, figures[index + 1].quantity.start))
    return start, end


def _observation(
    reading: _Reading,
    figure: _Figure,
    region: tuple[int, int],
    last_population: tuple[str, int] | None,
) -> Observation:
    """One figure with what it is about; `last_population` is the population of the last
    figure that had one, with that figure's offset."""
    text, mentions = reading.text, reading.mentions
    quantity, unit, per_unit = figure.quantity, figure.unit, figure.per_unit
    s_start, s_end = reading.sentences[figure.sentence]
    indicator = _indicator(
        reading.cue_hits, quantity, *region, unit, per_unit, text, reading.figure_spans
    )
    in_sentence = reading.in_sentence.get(figure.sentence, [])
    area = area_of(text, in_sentence, quantity, region)
    # the parse first: the subject of the figure's clause, where it names someone
    frame = frame_of(reading.tokens, reading.token_starts, quantity.start, quantity.end)
    named = frame_subject(text, frame, in_sentence) if frame is not None else None
    if indicator in _FALLBACKS and frame is not None:
        # the window named nothing: the words the parse ties to the figure may
        indicator = _frame_indicator(reading.cue_hits, frame, unit) or indicator
    organisation = (
        named
        if named is not None and named.kind == "organisation"
        else nearest(
            [m for m in in_sentence if m.kind == "organisation" and not is_source(text, m)],
            quantity.start,
            before_only=True,
        )
        or _described_organisation(reading, figure.sentence, quantity.start)
    )
    if area is None:
        # "dans la région", "the country": the place the description names
        area = described_place(text, mentions, *region)
    if area is None:
        # "600 Egyptian platform workers", "utilisateurs français": the country its people's
        # adjective names, where the text names it
        area = demonym_place(text, mentions, region, quantity)
    # the firm the clause says an amount is of: invested in it, or worth it
    firm = _invested_in(text, in_sentence, region, quantity) if CURRENCY.match(unit) else None
    if firm is not None:
        indicator, organisation = PLO.FundingRaised, firm  # "Meta invested $14.3bn in Scale AI"
    elif CURRENCY.match(unit) and per_unit is None and indicator in _FALLBACKS:
        firm = _firm_valued(text, in_sentence, quantity)  # "the $7 billion startup Scale AI"
        if firm is not None:
            indicator, organisation = PLO.CompanyValuation, firm
    population = None
    if unit == "percent":
        # "Two clients account for 80 per cent of Appen's revenue": a share of what an
        # organisation has is its own, not that of one named before
        owner = _possessor_after(reading, quantity)
        organisation = owner or organisation
    else:
        owner = None
    if (unit in ("percent", "persons", *DURATION_UNITS) or per_unit) and owner is None:
        population = _population(reading, figure, area, organisation, last_population)
    said = (
        _said_subject(reading, figure, region, indicator, area, last_population, frame, named)
        if owner is None  # "Alphabet représentait un tiers des revenus d'Appen": Appen's
        else None
    )
    if said is not None:
        # the clause says whose figure it is: its subject, a pronoun, the people counted
        population, said_person, said_place = said
        organisation = None
        area = area or said_place
    carried = population is not None and _carried_whole(
        reading, figure, population, last_population
    )
    if population is not None and not carried:
        reading.settled[population] = quantity.start
    if area is None and population is not None and " in " in population and not carried:
        # a placed population says where its figure holds ("microworkers in France"), when
        # the figure's sentence names those people; a population only carried over from an
        # earlier sentence does not carry its country to the figure ("The hourly equivalent is
        # as low as $1.32 an hour" after "workers in the Philippines")
        area = _place_named(mentions, population.rpartition(" in ")[2], s_start)
    if (
        indicator in (PLO.NumberOfEmployees, PLO.NumberOfWorkers, PLO.UnspecifiedCount)
        and unit == "persons"
        and organisation
        and organisation.cls in PLATFORM_CLASSES
    ):
        # the people a platform counts are its registered workers, not employees
        indicator = PLO.RegisteredWorkers
    elif (
        indicator in (PLO.NumberOfWorkers, PLO.UnspecifiedCount)
        and unit == "persons"
        and organisation is not None
        and _STAFF_OF.search(fold(text[max(s_start, quantity.start - 30) : quantity.start]))
    ):
        # "Teleperformance, which has more than 42,000 workers", "most of its roughly 1,500
        # workers": the people a firm has are its staff
        indicator = PLO.NumberOfEmployees
    if (
        organisation is None
        and (population is None or _population_of_sentence(reading, figure, None) is None)
        and said is None
        and indicator in _ORGANISATION_INDICATORS
    ):
        # what only an organisation has ("licencié 40 % de ses effectifs", "ses revenus ont
        # baissé"): the organisation the passage is about, not workers its sentence does not
        # name (a population carried from earlier figures)
        organisation = organisation_before(text, mentions, s_start, quantity)
    company_income = (
        organisation is None
        and population is None
        and said is None
        and unit == "percent"
        and indicator == PLO.IncomeChange
        and _population_of_sentence(reading, figure, None) is None
        and _COMPANY_SPOKEN_OF.search(fold(_around(text, reading, figure, quantity))) is not None
    )
    if company_income:
        # "l'entreprise a été confrontée à une perte de clients… Les revenus ont chuté de
        # 30 %": a company's revenue, where the passage speaks of a company and of no workers
        organisation = organisation_before(text, mentions, s_start, quantity)
        company_income = organisation is not None
    is_amount = bool(CURRENCY.match(unit))
    if is_amount and per_unit is None and _paid_per_task(text, s_start, quantity):
        per_unit = "task"  # "des micro-tâches payées entre 5 et 25 centimes"
        indicator = _indicator(
            reading.cue_hits, quantity, *region, unit, per_unit, text, reading.figure_spans
        )
    if is_amount and organisation is None and said is None:
        organisation = platform_before(mentions, s_start, quantity)
    # an organisation's own amount is no price, whatever word of cost it holds ("cost
    # savings of over $325 million")
    is_price = (
        is_amount and indicator not in _ORGANISATION_AMOUNTS and _is_price(text, s_start, quantity)
    )
    if is_price:
        indicator, organisation = _price_indicator(text, s_start, quantity, indicator), None
    if indicator in _NOT_PAY:
        organisation = None if indicator == PLO.StatutoryMinimumWage else organisation
    person = None
    payer = None
    if said is not None:
        person = said_person
        organisation = None if is_price else organisation
    elif (
        is_amount
        and per_unit != "task"
        and indicator not in _NOBODYS_PAY
        and not (organisation is not None and indicator in _ORGANISATION_AMOUNTS)
    ):
        holder = None if population is not None or is_price else _pay_holder(text, region, quantity)
        if holder is not None:
            # "le salaire d'un ingénieur en intelligence artificielle … est de 135K$"
            population, organisation = holder, None
        else:
            person = person_before(mentions, s_start, quantity) or _opened_for(
                text, in_sentence, (s_start, s_end), quantity
            )
        if person is not None and frame is not None and _group_subject(frame, person):
            person = None  # "Beaucoup d'entre eux gagnent 20 CAD/heure": many, not the one named
        if (
            person is not None
            and person.start < s_start
            and _WORKERS_BEFORE.search(fold(text[s_start : quantity.start]))
        ):
            person = None  # "Kenyan workers paid less than US$2": the workers', not the author's
    if indicator == PLO.StatutoryMinimumWage:
        population = None  # the law's, not a group's
    if (
        person is None
        and organisation is None
        and population is None
        and indicator not in _NOT_PAY
        and (indicator in _PERSON_INDICATORS or (per_unit and is_amount and not is_price))
    ):
        # a figure only a person has, whose clause names no one: the portrait's witness
        person = portrait_person(frame, mentions, quantity.start)
    if (
        person is None
        and population is None
        and organisation is not None
        and organisation.cls in PAYERS
        and is_amount
        and per_unit not in (None, "year")  # a salary a year: a firm's offer, a market's
        and not is_price
        and indicator not in _NOT_PAY
        and indicator not in _ORGANISATION_INDICATORS
        and not payee_named_after(in_sentence, quantity.end, region[1])
    ):
        # "Workers using Amazon Mechanical Turk earn $2.54 an hour", "Remotasks pays less
        # than a dollar an hour": the wage of the organisation's workers, not its own figure
        population = workers_of(organisation, text[s_start:s_end], area.key if area else None)
        payer, organisation = organisation, None
    if (
        indicator == PLO.EmigrantCount
        and person is None
        and organisation is None
        and population is None
        and said is None
    ):
        # "7,5 millions de jeunes travailleurs ont quitté le pays": a count of emigrants is
        # theirs by its definition, whatever noun counts them
        population = "emigrants"
    if (
        unit == "persons"
        and person is None
        and population is None
        and said is None
        and not figure.borrowed
        and indicator not in _ORGANISATION_INDICATORS
        and indicator not in _OWNED_COUNTS
        and (organisation is None or organisation is not named)
    ):
        # "The remaining 47 workers were relocated", "more than 200 shoppers implored
        # Instacart": a count of people is about the people it counts, whatever noun counts
        # them, unless the clause names an organisation whose people they are
        counted = _counted_people(text, quantity)
        owner = _people_of(reading, figure) if counted is not None else None
        if owner is not None:
            organisation = owner  # "500k travailleurs signalés sur Mechanical Turk"
        elif counted is not None:
            population = f"{counted} in {area.key}" if area else counted
    payee = (
        _PAYEE_BEFORE.search(fold(text[max(s_start, quantity.start - 80) : quantity.start]))
        if is_amount and person is not None
        else None
    )
    if payee is not None and _PERSON_NOUNS.match(" " + payee.group(1)):
        # "Mark Zuckerberg's company is paying contractors as much as $55 an hour", "paie ses
        # annotateurs 2 euros": the people a verb of paying pays, not the person named nearby
        noun = " ".join(payee.group(1).split())
        population = population_label(noun, area.key if area else None) or noun
        person = organisation = None
    if (
        person is None
        and organisation is None
        and population is None
        and said is None
        and _OF_ITS.match(text, quantity.end)
    ):
        # "At the moment 30-40% of its work is AI related", "54 percent of its client firms":
        # "its" is an organisation's, the one named last before
        organisation = organisation_before(text, mentions, s_start, quantity)
    # one subject per figure: a named person's pay is theirs, not their platform's; a count
    # only an organisation has is the organisation's, not a population's
    if person is not None:
        organisation = population = None
    elif organisation is not None and indicator in _ORGANISATION_INDICATORS:
        population = None
    elif population is not None and per_unit is not None and organisation is not None:
        # "TikTok moderators are paid $10 a day": the moderators' pay, not their client's nor
        # the platform's that pays them; a platform's workers named by a worker noun alone
        # are that platform's ("Zorbly, une plateforme de microtravail, paie…")
        if organisation.cls in PLATFORM_CLASSES and population_label(population, None) in (
            population.partition(" in ")[0],
        ):
            population = f"{organisation.key} {population}"
        organisation = None
    elif population is not None and organisation is not None:
        # "1 400 modérateurs de contenu travaillent sur le contrat TikTok" at Majorel, "a 5.2%
        # dip in what these writers earn" on Upwork: a figure of people is about the people,
        # not also about the firm their sentence names (one subject, as a reader cites it)
        organisation = None
    if firm is not None:
        organisation, population, person = firm, None, None
    if indicator == PLO.NumberOfUsers and person is None:
        # "134 millions d'utilisateurs actifs au sein de l'UE", "700 modérateurs pour 21,4
        # millions d'utilisateurs": users are a platform's or a firm's, never workers nor the
        # public body a place is named by
        population = None
        if organisation is None or organisation.cls not in _USER_HOLDERS:
            organisation = organisation_before(text, mentions, s_start, quantity, _USER_HOLDERS)
    period = period_of(
        text, reading.periods, (quantity.start, quantity.end), region, (s_start, s_end)
    )
    inferred = (
        period_of(text, reading.relative, (quantity.start, quantity.end), region, (s_start, s_end))
        if period is None and reading.relative
        else None
    )
    direction = direction_of(
        text, (quantity.start, quantity.end), quantity.end, region, reading.direction_hits
    )
    direction_name = direction.direction
    if (
        unit == "percent"
        and direction_name == LEVEL
        and (quantity.value or quantity.max_value or 0) > 100
    ):
        direction_name = INCREASE  # "une explosion des missions (+ 300 %)": no share exceeds all
    if unit == "times" and multiplies(text[quantity.start : quantity.end]):
        direction_name = INCREASE  # "le nombre de plateformes a triplé": growth by a factor
    elif unit == "times" and direction_name == LEVEL:
        direction_name = DIFFERENCE  # "cinq fois plus", "three times the wage": a comparison
    indicator = _change_indicator(indicator, direction_name)
    if (
        indicator == PLO.UnspecifiedDuration
        and unit == "years"
        and _TENURE_BEFORE.search(fold(text[max(s_start, quantity.start - 12) : quantity.start]))
        and (person is not None or _person_subject(frame, named))
    ):
        # "For more than two years, Li Zilles has relied on Rev", "who has done tasks on
        # MTurk for about four years", "a fait ce boulot durant un peu plus d'un an": the
        # years a person has spent at the work are their tenure
        indicator = PLO.YearsOfTenure
    if (
        indicator == PLO.UnspecifiedCount
        and unit == "persons"
        and person is None
        and organisation is None
        and population is not None
        and population_label(population.partition(" in ")[0], None) is not None
    ):
        # "entre 154 et 435 millions de personnes exercent des activités de micro-travail":
        # people counted as a population of workers are a number of workers
        indicator = PLO.NumberOfWorkers
    if indicator == PLO.UnspecifiedCount and unit == "persons" and _at_work(reading, frame):
        # "30,000 people … have completed three million tasks": last, so that it decides
        # neither whose the figure is nor that a platform's people are its registered workers
        indicator = PLO.NumberOfWorkers
    indicator = _income_indicator(
        indicator,
        direction_name,
        is_amount,
        organisation,
        owned=(named is not None and named is organisation) or company_income,
    )
    if (
        is_amount
        and per_unit is None
        and organisation is not None
        and person is None
        and population is None
        and indicator in _INCOMES
        and (
            _REVENUE_AFTER.match(text, quantity.end)
            or _REVENUE_BEFORE.search(
                fold(text[max(s_start, quantity.start - 40) : quantity.start])
            )
        )
    ):
        # "la société n'aurait généré que 55 millions de dollars de revenus", "Appen's revenue
        # of $273 million": an organisation's revenue is its turnover, not anyone's income
        indicator = PLO.Revenue
    if (
        owner is not None
        and direction_name == LEVEL
        and _REVENUE_NOUN.search(text, quantity.end, owner.start)
    ):
        indicator = PLO.ShareOfRevenue  # "80 % des revenus d'Appen": a part, not a change
    if area is not None and _WORLDWIDE.search(
        text, quantity.end, min(region[1], quantity.end + _WORLD_REACH)
    ):
        # "154 millions de personnes dans le monde", "40,000 people … across the globe": the
        # figure holds everywhere, not in a country the sentence or its people name
        area = None
    if is_amount and per_unit in _PIECES:
        per_unit = "task"  # "16 cents par image": a piece of work paid as a task is
    # the evidence: the sentence when it is short, else the figure's clause
    start, end = trim(text, s_start, s_end) if s_end - s_start <= 300 else trim(text, *region)
    # and always the figure's own words, even where the sentence splitter cut inside them
    # ("about Ksh. 2500": the abbreviation's full stop ended the sentence)
    start, end = min(start, quantity.start), max(end, quantity.end)
    return Observation(
        start=start,
        end=end,
        figure_start=quantity.start,
        figure_end=quantity.end,
        indicator=indicator,
        value=quantity.value,
        min_value=quantity.min_value,
        max_value=quantity.max_value,
        unit=unit,
        per_unit=per_unit,
        population=population,
        organisation=organisation,
        area=area,
        person=person,
        period=period.notation if period else None,
        qualifier=quantity.qualifier,
        is_price=is_price,
        confidence=0.8 if indicator not in _FALLBACK_INDICATOR.values() else 0.6,
        period_start=period.first if period else None,
        period_end=period.last if period else None,
        direction=direction_name,
        scale=direction.scale,
        inferred_period=inferred.notation if inferred else None,
        payer=payer,
    )


_TENURE_BEFORE = re.compile(r"\b(?:for|over|after|durant|pendant|depuis)\s*$")
"""The preposition of a span of time one has spent at something (folded text)."""


def _person_subject(frame: Frame | None, named: Mention | None) -> bool:
    """Whether the figure's clause has a person as its subject: a person's name, a singular
    personal pronoun ("she", "il") or a relative pronoun ("who", "qui") standing for one."""
    if named is not None:
        return named.kind == "person"
    if frame is None or frame.subject is None:
        return False
    return frame_pronoun(frame) is False or fold(frame.subject.head.text) in ("who", "qui")


_OWNED_COUNTS = frozenset({PLO.NumberOfMembers})
"""Counts of people an organisation has by definition (its members), as its staff is."""
_NOT_PEOPLE_COUNTED = frozenset(
    {"jobs", "emplois", "postes", "staff", "entre eux", "entre elles", "them"}
)
"""Words of `_PERSON_NOUNS` that count posts or a whole staff, not a group of people, or that
name no one ("Quinze d'entre eux": the people spoken of before, whoever they were)."""


_PEOPLE_OF = re.compile(
    r"[^.;:!?()]{0,40}?\b(?:sur|on|chez|at|in|dans|de|of|pour|for)\s+"
    r"(?:(?P<described>(?:cette|la|ces|les|this|the|that)\s+(?:plate-?formes?|platforms?|"
    r"entreprises?|societes?|company|companies|firms?|start-?ups?))\b)?"
)
"""What ties counted people to an organisation after their noun: "500 000 travailleurs se
connectent régulièrement sur cette plateforme", "the over 1100 domain analysts in the company",
"500k travailleurs signalés sur Mechanical Turk" (folded text)."""


def _people_of(reading: _Reading, figure: _Figure) -> Mention | None:
    """The organisation the people a count counts belong to, named or described right after
    them: the count is then that organisation's (its workers, its staff), as a reader cites
    "Mechanical Turk has 500,000 workers"."""
    text, quantity = reading.text, figure.quantity
    s_start, s_end = reading.sentences[figure.sentence]
    window = fold(text[quantity.end : min(s_end, quantity.end + _NOUN_REACH + 60)])
    noun = _PERSON_NOUNS.match(window)
    if noun is None:
        return None
    tie = _PEOPLE_OF.match(window, noun.end())
    if tie is None:
        return None
    if tie["described"]:
        return organisation_before(text, reading.mentions, s_start, quantity)
    at = quantity.end + tie.end()
    return next(
        (
            m
            for m in reading.in_sentence.get(figure.sentence, [])
            if m.kind == "organisation" and m.start == at and not is_source(text, m)
        ),
        None,
    )


def _counted_people(text: str, quantity: Quantity) -> str | None:
    """The noun of people a count counts ("47 workers" -> "workers", "plus de 150 jeunes" ->
    "jeunes"), folded; None when it counts posts or names no people."""
    found = _PERSON_NOUNS.match(fold(text[quantity.end : quantity.end + _NOUN_REACH]))
    if found is None:
        return None
    noun = " ".join(found[1].split())
    return None if noun in _NOT_PEOPLE_COUNTED else noun


_WORLDWIDE = re.compile(
    r"\b(?:dans\s+le\s+monde(?:\s+entier)?|à\s+travers\s+le\s+monde|au\s+niveau\s+mondial|"
    r"worldwide|across\s+the\s+(?:globe|world)|around\s+the\s+(?:globe|world)|"
    r"in\s+the\s+world|globally)\b",
    re.IGNORECASE,
)
"""What says a figure holds the world over."""
_WORLD_REACH = 80
"""How far after a figure (characters) "dans le monde" is read as its own."""
_NAME_REACH = 200
"""The longest name or cue (characters) that may start before a clause and reach into it."""
_PRONOUN_REACH = 300
"""How far before a figure (characters) the subject pronoun of its clause is looked for."""
_COUNTED_BEFORE = re.compile(
    r"\b(?:of|de|des|d')\s+(?:the\s+|les\s+)?((?:[^\W\d][\w'-]*\s+){0,2}[^\W\d][\w'-]*)\s*\(\s*$"
)
"""The people a share in parentheses is of: "a large proportion of workers (88 per cent)"."""


_QUOTE_OPEN, _QUOTE_CLOSE = "«“", "»”"


_PRONOUN_WORD = re.compile(r"\w*")
_GROUP_HEADS = frozenset(
    {
        "beaucoup", "plusieurs", "certains", "certaines", "plupart", "majorite", "nombre",
        "tous", "toutes", "autres", "many", "most", "some", "several", "few", "all", "others",
        "majority",
    }
)  # fmt: skip
"""Heads of a subject that names several people: "beaucoup d'entre eux", "most of them"."""


def _group_subject(frame: Frame, person: Mention) -> bool:
    """Whether the figure's clause has a subject naming several people (a plural noun or
    pronoun, a quantifier) that does not hold `person`: its figure is theirs, not one named
    person's ("Wilson … Beaucoup d'entre eux gagnent 20 CAD/heure")."""
    subject = frame.subject
    if subject is None or subject.start <= person.start < subject.end:
        return False
    return subject.is_plural or fold(subject.head.text) in _GROUP_HEADS


def _quoted_speaker(
    text: str, frame: Frame, mentions: list[Mention], paid: bool = False
) -> Mention | None:
    """Whose "je"/"I" is the subject of a figure's clause inside a quotation (with `paid`, also
    the one paid: "They paid me $7,000 a month", "on me paie 2 euros"): the person named last
    before the quotation opens, the quotation opening in the clause's paragraph ("Alvarado et
    son partenaire ont souscrit à un abonnement. « Maintenant, je peux produire cinq articles
    par jour »"), else the one named just after it closes ("« Je gagne 300 euros par mois »,
    explique Awa"). Outside quotation marks, "je" is the author's, whom the text does not name."""
    anchor = frame.subject.start if frame.subject is not None else None
    if anchor is None and frame.verb is not None:
        anchor = frame.verb.idx
    if anchor is None or _open_quotation(text, anchor) < 0:
        return None  # first: no quotation open here, nothing to read (and no child to walk)
    speaker = _first_person(frame, paid)
    if speaker is None:
        return None
    opened = _open_quotation(text, speaker)
    if opened < 0:
        return None
    before = person_named_before(mentions, opened)
    if before is not None:
        return before
    closes = [
        i
        for i in (text.find(mark, speaker, speaker + _QUOTE_REACH) for mark in _QUOTE_CLOSE)
        if i >= 0
    ]
    if not closes or "\n" in text[speaker : min(closes)]:
        return None
    close = min(closes)
    return next(
        (
            m
            for m in mentions
            if m.kind == "person"
            and close < m.start <= close + _SPEAKER_AFTER
            and "\n" not in text[close : m.start]
        ),
        None,
    )


def _open_quotation(text: str, offset: int) -> int:
    """Where the quotation holding `offset` opens, in its paragraph and within
    `_QUOTE_REACH` before it; -1 when `offset` stands in none. Looking back only that far keeps
    a sentence of many figures linear."""
    since = max(0, offset - _QUOTE_REACH)
    opened = max(text.rfind(mark, since, offset) for mark in _QUOTE_OPEN)
    if opened < 0 or "\n" in text[opened:offset]:
        return -1
    if any(text.find(mark, opened, offset) >= 0 for mark in _QUOTE_CLOSE):
        return -1
    return opened


_QUOTE_REACH = 2000
"""The longest quotation (characters) a speaker is sought for."""
_SPEAKER_AFTER = 40
"""How far after a quotation closes its speaker is named ("», explique Awa Diallo")."""
_OBJECT_DEPS = frozenset({"obj", "dobj", "iobj", "dative", "obl:arg"})


def _first_person(frame: Frame, paid: bool) -> int | None:
    """Where the singular first person of a figure's clause stands: its subject, or (`paid`)
    the object of the verb governing the figure ("paid me"); None when it has neither."""
    subject = frame.subject
    if subject is not None and subject.is_pronoun:
        morph = subject.head.morph
        if morph.get("Person", []) == ["1"] and "Plur" not in morph.get("Number", []):
            return subject.start
    if paid and frame.verb is not None:
        for child in frame.verb.children:
            morph = child.morph
            if (
                child.dep_ in _OBJECT_DEPS
                and child.pos_ == "PRON"
                and morph.get("Person", []) == ["1"]
                and "Plur" not in morph.get("Number", [])
            ):
                return child.idx
    return None


def _said_subject(
    reading: _Reading,
    figure: _Figure,
    region: tuple[int, int],
    indicator: URIRef,
    area: Mention | None,
    last_population: tuple[str, int] | None,
    frame: Frame | None = None,
    named: Mention | None = None,
) -> tuple[str | None, Mention | None, Mention | None] | None:
    """Whose figure its clause says it is, as (population, person, place), or None when the
    clause does not say: the plural noun group that is the subject of the verb governing the
    figure ("Dermatologists command $250 per hour", "les Vénézuéliens représentaient jusqu'à
    75 %"); a subject pronoun, standing for the person or the population named before ("elle
    doit rivaliser … pour des micro-tâches payées…", "Ils travaillent six jours…"); the people
    a share is of ("88 per cent of workers"); the people a survey asked ("surveyed over 10,000
    of its Russian-speaking performers"). The parse's `frame` says it first: a person
    `named` as the clause's subject ("Nathy traite 500 images"), a subject pronoun of any
    figure ("elle dépasse les 500 images"), the subject noun group; the token windows
    (`clause_subject_group`) only where the parse finds no subject."""
    text, mentions = reading.text, reading.mentions
    quantity, unit, per_unit = figure.quantity, figure.unit, figure.per_unit
    s_start, s_end = reading.sentences[figure.sentence]
    if named is not None and named.kind == "person":
        return None, named, None
    is_pay = bool(CURRENCY.match(unit)) and (
        per_unit is not None or _paid_per_task(text, s_start, quantity)
    )
    if not (is_pay or unit in ("percent", "persons") or CURRENCY.match(unit)):
        plural = frame_pronoun(frame) if frame is not None and frame.subject else None
        if frame is None or frame.subject is None or plural is None:
            speaker = _quoted_speaker(text, frame, mentions) if frame is not None else None
            return (None, speaker, None) if speaker is not None else None
        # what someone does, counts or spends ("elle dépasse les 500 images traitées")
        if not plural:
            person = previous_subject(
                reading.tokens, reading.token_starts, reading.sentences, figure.sentence, mentions
            ) or person_named_before(mentions, frame.subject.start)
            return (None, person, None) if person is not None else None
        found = population_before(text, mentions, reading.sentences, figure.sentence)
        return (found[0], None, found[1]) if found is not None else None
    if is_pay and frame is not None:
        speaker = _quoted_speaker(text, frame, mentions, paid=True)
        if speaker is not None:
            return None, speaker, None  # "« Je gagne 300 euros par mois », explique Awa"
    place = area.key if area else None
    in_sentence = reading.in_sentence.get(figure.sentence, [])
    if figure.sentence not in reading.taken:
        reading.taken[figure.sentence] = sorted(
            [(m.start, m.end) for m in in_sentence if m.kind in ("organisation", "place", "person")]
            + [
                (h.start, h.end)
                for h in reading.cue_hits
                # a noun of workers is the subject's own noun, not a cue standing in its way
                if s_start <= h.start < s_end and h.entry.iri not in _COUNTED_ONLY
            ]
        )
    taken = reading.taken[figure.sentence]
    # the names and cues that may overlap the words before the figure: a window of them, so
    # that a sentence of many figures takes linear time
    first = bisect.bisect_left(taken, (region[0] - _NAME_REACH, 0))
    near = taken[first : bisect.bisect_right(taken, (quantity.start, quantity.start))]
    tokens, starts = reading.tokens, reading.token_starts
    group = frame_group(frame, in_sentence, quantity.start) if frame is not None else None
    if group is None and not (frame is not None and frame_names_subject(frame, named)):
        # the parse gives no group and names no one: the token windows
        group = clause_subject_group(tokens, starts, region[0], quantity.start, near)
    if group is not None and (
        group[0] in reading.person_words  # "Avant 2022, Fuentes gagnait…": a person
        or _PAY_CUES.search(fold(group[0]))  # "Rates start at $15 per hour": the pay itself
        or any(_bare_unit(" " + word) not in (None, "persons") for word in fold(group[0]).split())
    ):
        group = None  # "Rating tasks pay 40 cents": what is paid for, not who is paid
    if group is not None and (is_pay or is_people(group, tokens, starts)):
        return population_label(group[0], place) or group[0], None, None
    pronoun = subject_pronoun(
        text, max(s_start, quantity.start - _PRONOUN_REACH), quantity.start, payee=is_pay
    )
    if pronoun is not None and not any(
        pronoun[0] < m.start < quantity.start and m.kind in ("organisation", "person")
        for m in in_sentence[bisect.bisect_left([m.start for m in in_sentence], pronoun[0]) :]
    ):
        if not pronoun[1]:
            # a pay only: "elle a levé 100 millions de dollars" is a company's funding; but
            # "she" and "he" are people's ("a good day when she earned about $80")
            word = _PRONOUN_WORD.match(text, pronoun[0])
            human = word is not None and word[0].lower() in ("she", "he")
            person = person_named_before(mentions, pronoun[0]) if is_pay or human else None
            return (None, person, None) if person is not None else None
        found = population_before(text, mentions, reading.sentences, figure.sentence)
        if found is not None:
            return found[0], None, found[1]
        if last_population and quantity.start - last_population[1] <= _SAME_TOPIC:
            return last_population[0], None, None
        return None
    counted_people = (
        people_counted(tokens, starts, quantity.end, region[1]) if unit == "persons" else None
    )
    if counted_people is not None and population_label(counted_people[0], None) is None:
        # "at least 1.2 million Kenyans are working online": the people counted, and the
        # country their demonym names (a worker noun is left to `_population`, which
        # places it)
        where = area or country_of_people(counted_people[0], mentions)
        return counted_people[0], None, where
    if unit == "percent" and _population_of_sentence(reading, figure, place) is None:
        after = fold(text[quantity.end : min(s_end, quantity.end + 60)])
        counted = _COUNTED_BEFORE.search(
            fold(text[max(s_start, quantity.start - 60) : quantity.start])
        )
        if _bare_unit(after) == "persons" or (
            counted is not None and _bare_unit(" " + counted.group(1)) == "persons"
        ):
            if last_population and quantity.start - last_population[1] <= _SAME_TOPIC:
                return last_population[0], None, None  # the workers spoken of so far
            words = (
                counted.group(1)
                if counted is not None
                else noun_group_after(tokens, starts, quantity.end, s_end)
            )
            return (words, None, None) if words else None
    if indicator == PLO.SurveyRespondents:
        words = noun_group_after(tokens, starts, quantity.end, region[1])
        label = population_label(words, place) if words else None
        if words is not None and (label is not None or len(words.split()) > 1):
            # "600 personnes" alone says no more than that people were asked
            return label or words, None, None
    return None


def _said_by_group(reading: _Reading, figure: _Figure, population: str) -> bool:
    """Whether `population` is the subject noun group the parse found for a figure."""
    quantity = figure.quantity
    frame = frame_of(reading.tokens, reading.token_starts, quantity.start, quantity.end)
    in_sentence = reading.in_sentence.get(figure.sentence, [])
    group = frame_group(frame, in_sentence, quantity.start) if frame is not None else None
    return group is not None and group[0] == population


_OF_POSSESSOR = re.compile(r"\s+of\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"['’]s?\b")


_WHOLE_OF_ORGANISATION = re.compile(
    r"\s*(?:de\s+la|de\s+l['’]|des|du|de|of\s+the|of)\s+"
    r"(?:revenus|recettes|ventes|chiffre\s+d['’]affaires|b[ée]n[ée]fices|effectifs|salari[ée]s|"
    r"employ[ée]s|capital|revenues?|sales|profits?|workforce|staff|employees|shares)"
    r"\s+(?:de\s+|d['’]|of\s+)$",
    re.IGNORECASE,
)
"""What a share is a part of, said before the organisation that has it: "80 % des revenus
d'Appen", "un tiers du chiffre d'affaires de Teleperformance", "20% of the revenue of Sama"."""


_COMPANY_SPOKEN_OF = re.compile(
    r"\b(?:l'entreprise|la societe|le groupe|la firme|la start-?up|the company|the firm|"
    r"the group|the startup)\b"
)
"""A company spoken of by a description (folded text): its passage's revenue is the company's."""


_AROUND = 400
"""How far (characters) before a figure, and half as far after, its passage is read for a
description of a company: a bound, so that a sentence of many figures takes linear time."""


def _around(text: str, reading: _Reading, figure: _Figure, quantity: Quantity) -> str:
    """The figure's sentence and the one before it, within `_AROUND` of the figure."""
    start = max(reading.sentences[max(0, figure.sentence - 1)][0], quantity.start - _AROUND)
    end = min(reading.sentences[figure.sentence][1], quantity.end + _AROUND // 2)
    return text[start:end]


_REVENUE_AFTER = re.compile(
    r"\s+(?:de\s+|d['’]\s*|in\s+)?(?:revenus|recettes|chiffre\s+d['’]affaires|revenues?|sales)\b",
    re.IGNORECASE,
)
"""Revenue named just after an amount: "55 millions de dollars de revenus", "$3m in sales"."""
_REVENUE_BEFORE = re.compile(
    r"\b(?:revenus|recettes|chiffre d'affaires|revenues?|sales|ventes)\s+"
    r"(?:\w+\s+){0,3}?(?:de|d'|of|to|at|a|atteint|reached|totalled|totaled|was|were)\s*$"
)
"""Revenue named just before it (folded): "revenue of", "un chiffre d'affaires de"."""
_REVENUE_NOUN = re.compile(
    r"\b(?:revenus|recettes|chiffre\s+d['’]affaires|revenues?|sales)\b", re.IGNORECASE
)


def _possessor_after(reading: _Reading, quantity: Quantity) -> Mention | None:
    """The organisation a share is of when it follows as a possessor: "80 per cent of
    *Appen's* revenue", or after a noun of what an organisation has: "80 % des revenus
    *d'Appen*", "50 % des salariés *de l'entreprise*" (a description: the organisation it
    names); a bare "de X" is not enough: it has no possessive mark."""
    text = reading.text
    for mention in reading.mentions:
        if mention.kind != "organisation" or not quantity.end < mention.start:
            continue
        if (
            mention.start <= quantity.end + 12
            and _OF_POSSESSOR.search(text, quantity.end, mention.start)
            and _POSSESSIVE.match(text, mention.end)
        ) or (
            mention.start <= quantity.end + 50
            and _WHOLE_OF_ORGANISATION.fullmatch(text, quantity.end, mention.start)
        ):
            return mention
    # "50 % des salariés de l'entreprise": the organisation the description names
    described = find_descriptions(text, quantity.end, min(len(text), quantity.end + 60))
    if described and _WHOLE_OF_ORGANISATION.fullmatch(text, quantity.end, described[0].start):
        return antecedent(described[0], reading.mentions)
    return None


def _carried_whole(
    reading: _Reading,
    figure: _Figure,
    population: str,
    last_population: tuple[str, int] | None,
) -> bool:
    """Whether `population` is the last figure's, taken from an earlier sentence by a figure
    whose own sentence names no people of that kind, after another place has been named:
    then its country is a stale setting, not where the figure holds."""
    if last_population is None or population != last_population[0]:
        return False
    s_start = reading.sentences[figure.sentence][0]
    if last_population[1] >= s_start:
        return False  # the same sentence's population
    own = _population_of_sentence(reading, figure, None)
    head, _, where = population.partition(" in ")
    if own is not None and own.partition(" in ")[0] == head:
        return False  # the sentence names those people again
    # the setting has moved when another place is named since a sentence last named those
    # people: "…in the Philippines. […] a developer in San Francisco […] The hourly
    # equivalent is as low as $1.32 an hour"
    since = reading.settled.get(population, last_population[1])
    return any(
        m.kind == "place" and m.key != where and since < m.start < s_start for m in reading.mentions
    )


def _population_of_sentence(reading: _Reading, figure: _Figure, place: str | None) -> str | None:
    """The population a sentence's worker noun names (`population_label`), made once."""
    s_start, s_end = reading.sentences[figure.sentence]
    if (figure.sentence, place) not in reading.populations:
        reading.populations[figure.sentence, place] = population_label(
            reading.text[s_start:s_end], place
        )
    return reading.populations[figure.sentence, place]


_DESCRIPTION_MARGIN = 200
"""Characters before a figure within which a description is looked for again (longer than a
determiner, a head noun and the spaces between them)."""
_LONG_SPACE = re.compile(r"\s{50,}")


def _described_organisation(reading: _Reading, sentence: int, end: int) -> Mention | None:
    """`discourse.described_organisation(text, mentions, sentence start, end)`, with the
    sentence's descriptions found once for all its figures.

    A scan of the sentence up to `end` finds the descriptions a scan of the whole sentence
    finds, but near `end`, where the shorter scan stops: those ending more than
    `_DESCRIPTION_MARGIN` characters before `end` are kept, and the scan is made again from
    where the shorter one would still find the same (the last kept one's end, the margin, or
    the next description of the whole scan). A long run of spaces, which a
    description may span, makes the whole scan be made again."""
    text = reading.text
    s_start, s_end = reading.sentences[sentence]
    if sentence not in reading.descriptions:
        reading.descriptions[sentence] = find_descriptions(text, s_start, s_end)
    scanned = reading.descriptions[sentence]
    kept = [d for d in scanned if d.end <= end - _DESCRIPTION_MARGIN]
    # the shorter scan finds nothing new before the first description it does not keep, nor
    # (trying and failing at each place) before the margin
    later = [d.start for d in scanned[len(kept) :]] + [end - _DESCRIPTION_MARGIN]
    resume = max(kept[-1].end if kept else s_start, min(later))
    if not s_start <= end <= s_end or _LONG_SPACE.search(text, max(s_start, resume - 60), end):
        kept, resume = [], s_start
    for description in [*kept, *find_descriptions(text, resume, end)]:
        found = antecedent(description, reading.mentions)
        if found is not None:
            return found
    return None


def _population(
    reading: _Reading,
    figure: _Figure,
    area: Mention | None,
    organisation: Mention | None,
    last_population: tuple[str, int] | None,
) -> str | None:
    """The worker population a share, count or pay figure is about: the worker noun of its
    sentence and its place, else the population the paragraph has been describing."""
    quantity, unit, per_unit = figure.quantity, figure.unit, figure.per_unit
    s_start = reading.sentences[figure.sentence][0]
    # the place of a population: named in the sentence, else the country named last
    # in the lines before (a profile's figures follow "en France" by a paragraph)
    where = area or (
        None if organisation is not None else country_before(reading.mentions, s_start)
    )
    place = where.key if where else None
    population = _population_of_sentence(reading, figure, place)
    if (
        population is None
        and (unit == "percent" or per_unit)
        and last_population
        and organisation is None
        and quantity.start - last_population[1] <= _SAME_TOPIC
    ):
        # "Ainsi, 43 % ont un diplôme supérieur à Bac+2": the share is of the
        # population the paragraph has been describing
        population = last_population[0]
    if (
        population is not None
        and " in " not in population
        and last_population
        and organisation is None
        and last_population[0].startswith(population + " in ")
        and quantity.start - last_population[1] <= _SAME_TOPIC
    ):
        population = last_population[0]  # the same workers, place said earlier
    return population


_PERSON_INDICATORS = frozenset(
    {PLO.WorkOutput, PLO.NumberOfItemsProcessed, PLO.IncomeChange, PLO.IncomeDifference}
    | {i for i in model.ontology().subjects(RDF.type, PLO.ProfileIndicator)}
)
"""Indicators only a person (or a population) has: a worker profile's (age, tenure, working
time: the ontology's profile indicators), what one does in a day, a change of one's income."""

_ORGANISATION_INDICATORS = frozenset(
    {PLO.ShareOfJobsCut, PLO.RevenueChange, PLO.MarketValueChange, PLO.CostSavings,
     PLO.ActivityGrowth, PLO.NumberOfEmployees, PLO.CompanyValuation, PLO.NumberOfUsers,
     PLO.RegisteredWorkers, PLO.Revenue, PLO.FundingRaised, PLO.FineAmount, PLO.NetResult,
     PLO.NumberOfClients, PLO.NumberOfHires}
)  # fmt: skip
"""Indicators whose subject can only be an organisation (their definitions say so)."""


def _place_named(mentions: list[Mention], key: str, before: int) -> Mention | None:
    """The last mention of the country `key` before an offset (or the first after it): a
    population placed in a city names the site of the work, not the territory its figures
    hold for."""
    places = [m for m in mentions if m.cls == "Country" and m.key == key]
    return nearest(places, before, before_only=True) or nearest(places, before)


def _paid_per_task(text: str, s_start: int, quantity: Quantity) -> bool:
    """Whether the words just before an amount say it pays a task ("tâches payées ...")."""
    before = fold(text[max(s_start, quantity.start - 40) : quantity.start])
    return bool(_PER_TASK_BEFORE.search(before))


_SUBSCRIPTION_BEFORE = re.compile(r"abonnement|subscription")


_PRICES = frozenset({PLO.SharePrice, PLO.SubscriptionPrice})
"""Prices the ontology names; any other price is an unspecified amount."""


def _price_indicator(
    text: str, s_start: int, quantity: Quantity, named: URIRef | None = None
) -> URIRef:
    """What a price is the price of: the price its cues `named` ("share price", "l'action"),
    else a subscription when the words before it say so."""
    if named in _PRICES:
        return named
    before = fold(text[max(s_start, quantity.start - 60) : quantity.start])
    return PLO.SubscriptionPrice if _SUBSCRIPTION_BEFORE.search(before) else PLO.UnspecifiedAmount


def _is_price(text: str, s_start: int, quantity: Quantity) -> bool:
    """Whether the words just before an amount make it what something costs (a subscription)
    rather than what work pays."""
    before = fold(text[max(s_start, quantity.start - 60) : quantity.start])
    return bool(_PRICE_BEFORE.search(before))


_CLAUSE_MARK = re.compile(r"\([^()\d;:]{1,40}\)|[;–—:()]|\s-\s")
"""What bounds a clause; a short aside in parentheses without a number ("les moteurs de
recherche (SEO) est désormais réalisé par l'IA") is matched whole, to be skipped: the clause
goes on after it (`_marks`)."""


def _marks(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The clause marks between two offsets, without the short asides in parentheses."""
    for mark in _CLAUSE_MARK.finditer(text, start, end):
        if not (mark.group().startswith("(") and len(mark.group()) > 1):
            yield mark


def _clause(
    text: str,
    s_start: int,
    s_end: int,
    quantity: Quantity,
    marks: list[tuple[int, int]] | None = None,
) -> tuple[int, int]:
    """The clause around a figure: between the separators (; – — : parentheses) that bound it.

    `marks` are the separators of the whole sentence (`_CLAUSE_MARK`, in order), found once
    for all its figures: the same ones a search from the sentence's start or the figure's end
    finds, but for a separator that straddles the figure's end, where the search is made."""
    if marks is None or not s_start <= quantity.start <= quantity.end <= s_end:
        start = s_start
        for mark in _marks(text, s_start, quantity.start):
            start = mark.end()
        found = next(_marks(text, quantity.end, s_end), None)
        return start, found.start() if found else s_end
    before = bisect.bisect_right(marks, (quantity.start, quantity.start)) - 1
    while before >= 0 and marks[before][1] > quantity.start:
        before -= 1
    start = marks[before][1] if before >= 0 else s_start
    end = s_end
    after = bisect.bisect_left(marks, (quantity.end, quantity.end))
    if after and marks[after - 1][1] > quantity.end:  # straddles the figure's end
        found = next(_marks(text, quantity.end, s_end), None)
        end = found.start() if found else s_end
    elif after < len(marks):
        end = marks[after][0]
    return start, end


def _sentence_of(
    sentences: list[tuple[int, int]], offset: int, starts: list[int] | None = None
) -> int:
    """The index of the sentence holding `offset` (the last one if none does)."""
    if starts is None:
        starts = [start for start, _ in sentences]
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index][1]:
        return index
    return len(sentences) - 1


_PARTICLE_AFTER = re.compile(r"\s+off\b")
"""A particle that makes a cue's verb another verb: workers "cut off from employment" are no
job cut ("laid off", a label of its own, is matched whole)."""


def _indicator(
    hits: list[CueHit],
    quantity: Quantity,
    region_start: int,
    region_end: int,
    unit: str,
    per_unit: str | None,
    text: str = "",
    figure_spans: list[tuple[int, int, str]] | None = None,
) -> URIRef:
    """What the figure measures, read from its frame in the clause: the cue naming what is
    counted after it ("3 000 annotateurs", "40 % des effectifs"), the verb or noun governing
    it before ("a licencié 40 %", "has hired 30,000"), the subject of a verb of representing
    ("Les femmes représentent 54 % des effectifs": the women, not the staff they are a share
    of), the verb of saying a share is the subject of ("79 % said …"); else a fallback by unit.

    The nearest cue fitting the unit wins; a verb or noun governing the figure ("licencié",
    "hired", "interrogé", only hedges between) wins over the noun after it. A cue before the
    figure counts double its distance,
    and one cut off from it by a comma or a semicolon ("250 000 occasionnels, 50 000
    réguliers") is taken only if nothing else is. A cue of a level read on a share, a change
    or a count names that share, change or count (`_AS_UNIT`)."""
    if per_unit in _PAY_INDICATOR and unit not in _OUTPUT_UNITS:  # "100 images par heure"
        named = (
            _not_pay_named(hits, quantity, region_start, per_unit) if CURRENCY.match(unit) else None
        )
        return named or _PAY_INDICATOR[per_unit]
    by_unit = _by_unit(unit, per_unit, text[region_start:region_end])
    if by_unit is not None:
        return by_unit
    if CURRENCY.match(unit) and _NEW_LEVEL.fullmatch(text[region_start : quantity.start]):
        # "L'action perd 38 % à 164,85 euros": the level a change reached is the level of
        # what changed, named before the change
        region_start = _clause_start(text, region_start)
    represented = bool(_REPRESENTS.search(fold(text[region_start : quantity.start])))
    best: tuple[int, URIRef] | None = None
    for hit in hits:
        if hit.start < region_start or hit.end > region_end or hit.entry.iri is None:
            continue
        iri = _AS_UNIT.get((hit.entry.iri, _unit_kind(unit)), hit.entry.iri)
        if not _indicator_fits(iri, unit) or _PARTICLE_AFTER.match(text, hit.end):
            continue
        if iri == PLO.WageRatio and not (quantity.end <= hit.start <= quantity.end + _RATIO_REACH):
            continue  # "inférieur de moitié au salaire minimum", not "30 % of workers earn…"
        if iri in _COUNTED_ONLY:
            # a noun of workers names the count only as the noun it counts ("3 000
            # annotateurs"), and only if no other cue of the clause names anything
            if hit.start < quantity.end or not _COUNTED_NOUN.fullmatch(
                fold(text[quantity.end : hit.start])
            ):
                continue
            distance = 50_000
        elif hit.start >= quantity.end:
            between = text[quantity.end : hit.start]
            if _OTHER_SUBJECT.search(between):
                continue  # "19 autres ont créé un groupe où ils alertent les membres"
            cut = re.search(r"[,;]", between) is not None
            if cut and iri in _AFTER_ONLY:
                continue  # "30 % of workers, a report said": the source's verb, not theirs
            distance = hit.start - quantity.end + (10_000 if cut else 0)
            if not cut and _BUT.search(between):
                # "260 000 microtravailleurs seraient inscrits mais peu actifs": what comes
                # after "but" narrows the people counted to those the figure is about
                distance = 1
            if represented or (unit == "percent" and _PARTITIVE.fullmatch(between)):
                # the whole a share is of ("54 % des effectifs", "62 percent of respondents
                # were women"): what the share measures is said by the subject or predicate
                distance += 5_000
        else:
            if iri in _AFTER_ONLY:
                continue
            between = text[hit.end : quantity.start]
            if not _GOVERNS.fullmatch(fold(between)) and _figure_between(
                figure_spans, region_start, hit.start, unit, text
            ):
                # "58 % ont un diplôme et 35 % font vivre un autre foyer"; but a noun or verb
                # governing the figure names it whatever figure stands before ("a levé 1
                # milliard à une valorisation d'environ 13,8 milliards")
                continue
            if _GOVERNS.fullmatch(fold(between)):
                distance = 0  # "a licencié 200 salariés", "has hired 30,000 contractors"
            else:
                cut = re.search(r"[,;]", between) is not None
                distance = (quantity.start - hit.end) * 2 + (10_000 if cut else 0)
        if best is None or distance < best[0]:
            best = (distance, iri)
    if best:
        if best[1] in _SUERS and any(
            h.entry.iri == PLO.NumberOfPlaintiffs
            and (
                quantity.end <= h.start < region_end
                or (
                    region_start <= h.start
                    and h.end <= quantity.start
                    and _AGENT_END.search(text, h.end, quantity.start)
                )
            )
            for h in _hits_between(hits, region_start, region_end)
        ):
            # "200 anciens employés qui poursuivent Facebook", "43 modérateurs licenciés
            # qui ont porté plainte", "Accusée … par 43 anciens modérateurs": those who sue
            # or accuse are counted as plaintiffs (a complaint before the figure is someone
            # else's unless the figure is its agent: "plainte … pour le licenciement de 180")
            return PLO.NumberOfPlaintiffs
        return best[1]
    if CURRENCY.match(unit):
        return PLO.UnspecifiedAmount
    if unit == "tasks":
        return PLO.NumberOfTasks  # "1 000 tâches": what it counts, when nothing names more
    return _FALLBACK_INDICATOR.get(unit, PLO.UnspecifiedCount)


def _frame_indicator(hits: list[CueHit], frame: Frame, unit: str) -> URIRef | None:
    """What the parse says the figure measures where its window named nothing: a cue starting
    in the noun it counts, in the word governing it ("est désormais *réalisé par l'IA*"), or
    in that word's subject when the figure is its complement ("les salaires oscillent entre
    300 000 ariary (60 euros) et …", "the average salary of a worker is 240,000 USD" after
    another amount, "Amazon prélève une commission de 20 %"), however far the window's cut
    or another figure stands. The noun
    counted is read first, then the governing word, then its subject; where one of them holds
    cues of two indicators fitting the unit, it says nothing (a wrong indicator is worse than
    none) and the next is not read either."""
    # (start, end, whether a noun of workers names the count there: only as the noun counted)
    places: list[tuple[int, int, bool]] = []
    if frame.counted is not None:
        places.append((frame.counted.start, frame.counted.end, True))
    if frame.verb is not None:
        places.append((frame.verb.idx, frame.verb.idx + len(frame.verb.text), False))
    if frame.subject is not None and not frame.figure_is_subject:
        places.append((frame.subject.start, frame.subject.end, False))
    for start, end, counted in places:
        found = {
            iri
            for hit in hits
            if hit.entry.iri is not None and start <= hit.start < end
            for iri in [_AS_UNIT.get((hit.entry.iri, _unit_kind(unit)), hit.entry.iri)]
            if _indicator_fits(iri, unit) and (counted or iri not in _COUNTED_ONLY)
        }
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _at_work(reading: _Reading, frame: Frame | None) -> bool:
    """Whether the people a count with no cue counts are workers: they are the subject of
    its clause and what they do is work in the ontology's words ("over 30,000 people … have
    completed three million tasks", "two million Filipinos are engaged in crowdwork", "more
    than 120,000 people … do this kind of data work"). People only mentioned in a clause that
    speaks of work ("the survey's 600 people", "a city of two million people where platforms
    recruit") are not, and the count stays unspecified."""
    if reading.work is None or frame is None or frame.verb is None or not frame.figure_is_subject:
        return False
    verb = frame.verb
    subject = next((c for c in verb.lefts if c.i <= verb.i and c.dep_.startswith("nsubj")), None)
    words = [
        t.text
        for t in verb.subtree
        if subject is None or not subject.left_edge.i <= t.i <= subject.right_edge.i
    ]
    return reading.work.density(" ".join(words)) > 0


_RATIO_REACH = 20
"""How far after a share (characters) the wage it is a ratio to is named ("inférieur de
moitié au salaire minimum")."""
_COUNTED_ONLY = frozenset({PLO.NumberOfWorkers})
"""Indicators whose cues are the nouns of workers a count counts: the weakest reading, taken
only when the noun follows the figure and no other cue of the clause fits."""
_COUNTED_NOUN = re.compile(
    r"\W*(?:(?:de|d'|des|of)\s+)?(?:[^\W\d][\w'-]*+\s+){0,2}?(?:«\s*|\"|“)?",
)
"""What may stand between a count and the noun it counts: "de", up to two adjectives, a
quotation mark ("260 000 «travailleurs du clic»", "12,000 full-time annotators")."""
_BY_COUNTED = {
    "countries": PLO.NumberOfCountries,
    "points": PLO.Rating,
}
"""What a figure measures when the noun it counts says so whatever cue is near: a count of
countries, a score on a scale."""


def _by_unit(unit: str, per_unit: str | None, clause: str) -> URIRef | None:
    """The indicator the unit alone gives: a count of countries, a score, what a worker
    processes (per unit of time, a work output; else the volume of a job), a ratio in a
    clause about pay (a wage relative to another: "cinq fois plus élevée que les revenus
    locaux", "three times the local average wage")."""
    if unit in _BY_COUNTED:
        return _BY_COUNTED[unit]
    if unit in _OUTPUT_UNITS and per_unit is not None:
        return PLO.WorkOutput
    if unit in _OUTPUT_UNITS and unit != "tasks":
        return PLO.NumberOfItemsProcessed
    if unit == "times" and _PAY_CUES.search(fold(clause)):
        return PLO.WageRatio
    return None


def _figure_between(
    spans: list[tuple[int, int, str]] | None, start: int, end: int, unit: str, text: str
) -> bool:
    """Whether a figure of `unit` stands between `start` (the clause's) and `end` (a cue's):
    the cue after it is that figure's, which it follows as a figure's noun or predicate does,
    not the one of a later figure ("58 % ont un diplôme universitaire et 35 % font vivre un
    autre foyer": the degree is the 58 %'s), unless a comma parts them ("its stock fell 20%
    to $15, and Uber's share price rose to $45")."""
    if not spans:
        return False
    index = bisect.bisect_left(spans, (end, end, "")) - 1  # the last figure before the cue
    if index < 0 or not start <= spans[index][1] <= end or spans[index][2] != unit:
        return False
    return re.search(r"[,;]", text[spans[index][1] : end]) is None


_SUERS = frozenset({PLO.NumberOfEmployees, PLO.NumberOfWorkersDismissed, PLO.NumberOfWorkers})
"""Counts of people that a complaint they bring makes a number of plaintiffs."""
_AGENT_END = re.compile(r"\b(?:par|by)\s+$")
"""The agent of a passive verb, just before the figure ("accusée … par 43 modérateurs")."""
_BUT = re.compile(r"\b(?:mais|but)\b", re.IGNORECASE)
"""The contrast that narrows what a count counts ("registered but inactive")."""
_GOVERNS = re.compile(
    r"\s*(?:(?:de|d'|par|by|of|about|around|over|nearly|almost|some|environ|pres de|pres d'|"
    r"plus de|moins de|quelque|au moins|at least|more than|less than|up to|jusqu'a)\s*)*"
)
"""What may stand between a verb or noun and the figure it governs: the figure is what it
counts or measures ("a licencié 200 salariés": the workers dismissed, not the employees)."""
_NEW_LEVEL = re.compile(r"\s*(?:à|to|at)\s+", re.IGNORECASE)
"""What stands between a change and the level it reached ("perd 38 % à 164 euros")."""
_CLAUSE_START = re.compile(r"[.;:!?()–—\n][^.;:!?()–—\n]*$")


def _clause_start(text: str, offset: int) -> int:
    """Where the clause holding `offset` starts, looking back at most a sentence's length."""
    window = max(0, offset - 400)
    found = _CLAUSE_START.search(text, window, offset)
    return found.start() + 1 if found else window


_REPRESENTS = re.compile(
    r"\b(?:represent\w*|constitu\w*|make up|makes up|made up|account(?:s|ed)? for|"
    r"form(?:s|ed)?|sont|are|were|etaient)\s+(?:(?:pres de|pres d'|environ|plus de|moins de|"
    r"jusqu'a|about|around|nearly|almost|over|some|up to|more than|less than)\s+)?$"
)
"""A verb whose subject is what a share measures and whose object the whole it is a share of."""

_PARTITIVE = re.compile(
    r"\s*(?:of|de|des|du|d['’])\s*(?:the|its|their|la|le|les|l['’]|ses|leurs|son|sa)?\s*"
    r"(?:[\w.&-]+(?:\s+[\w.&-]+){0,2}['’]s\s+)?$",
    re.IGNORECASE,
)
"""What joins a share to the whole it is a share of, with its owner ("70% of Desicrew's
workforce are women")."""
_OTHER_SUBJECT = re.compile(r"\b(?:où|where|when|whom|lorsqu|quand|dont|whose)\b", re.IGNORECASE)
"""What opens a clause about something else than the figure: a cue past it is not the
figure's (a relative "qui"/"who" keeps the figure as its subject: "workers who log in every
week")."""

_AS_UNIT: dict[tuple[URIRef, str], URIRef] = {
    (PLO.SharePrice, "percent"): PLO.MarketValueChange,
    (PLO.CompanyValuation, "percent"): PLO.MarketValueChange,
    (PLO.SurveyRespondents, "percent"): PLO.ShareOfSurveyedWorkers,
    (PLO.ShareOfJobsCut, "persons"): PLO.NumberOfWorkersDismissed,
    (PLO.NumberOfWorkersDismissed, "percent"): PLO.ShareOfJobsCut,
    (PLO.StatutoryMinimumWage, "percent"): PLO.WageRatio,
    (PLO.RevenueChange, "amount"): PLO.Revenue,
    (PLO.MarketValueChange, "amount"): PLO.CompanyValuation,
    (PLO.MonthlyIncome, "percent"): PLO.IncomeChange,
    (PLO.AnnualIncome, "percent"): PLO.IncomeChange,
}
"""What a cue of one indicator names on a figure of another kind: a share price's percentage
is a change of market value, a percentage of the respondents a share of the workers surveyed,
a count of people laid off the number dismissed, and the other way round (their definitions
in the ontology say so); an amount of market value is the company's valuation; a percentage of
an income or a salary ("les salaires ont baissé de 10 %") is its change, kept only if the
figure is a rise or a fall (`_income_indicator`)."""

_AFTER_ONLY = frozenset({PLO.ShareOfSurveyedWorkers})
"""Indicators named by a verb whose subject the figure is ("79 % said"): only after it, since
a verb of saying before a figure is its source's ("she said 30 % …")."""


def _unit_kind(unit: str) -> str:
    """A figure's unit as the kind `_AS_UNIT` reads: percent, amount, or the counted noun."""
    return "amount" if CURRENCY.match(unit) else unit


def _change_indicator(indicator: URIRef, direction: str) -> URIRef:
    """A rise or a fall in percent of nothing the clause names is a change of activity ("the
    index had risen to 151.2, a 51 percent increase", "the sector grew by 25%"): the change
    word says a relative change, and activity is what press figures of change are about when
    they name no revenue, value or staff."""
    if indicator == PLO.UnspecifiedShare and direction in (INCREASE, DECREASE):
        return PLO.ActivityGrowth
    return indicator


_INCOMES = frozenset(
    {PLO.MonthlyIncome, PLO.AnnualIncome, PLO.HourlyPay, PLO.DailyPay, PLO.WeeklyPay,
     PLO.PayPerTask, PLO.PayPer1000Words, PLO.UnspecifiedAmount}
)  # fmt: skip
"""What a worker earns: an amount of them said as a difference is an income difference."""


def _income_indicator(
    indicator: URIRef,
    direction: str,
    is_amount: bool,
    organisation: Mention | None,
    owned: bool = False,
) -> URIRef:
    """Whose revenue or earnings a figure is says what it measures: a revenue change is an
    organisation's, so one of no organisation the passage names ("ses revenus ont baissé de
    20 %" of a moderator, of a population of workers) is an income change, and an income
    change whose clause's subject is an organisation (`owned`: "Appen's income fell 14 %") is
    a revenue change; a percentage of an income that neither rises nor falls ("30 % of their
    income") is no change, and nothing names what it is a share of; an amount of pay said as
    a difference ("200 dollars de plus") is an income difference, not an income."""
    if indicator == PLO.RevenueChange and direction == LEVEL:
        return PLO.ShareOfRevenue  # "80 per cent of Appen's revenue": a share, not a change
    if indicator == PLO.RevenueChange and organisation is None:
        return PLO.IncomeChange
    if indicator == PLO.IncomeChange and not is_amount and direction not in (INCREASE, DECREASE):
        return PLO.UnspecifiedShare
    if indicator == PLO.IncomeChange and not is_amount and owned:
        return PLO.RevenueChange
    if is_amount and direction == DIFFERENCE and indicator in _INCOMES:
        return PLO.IncomeDifference
    return indicator


_NOT_PAY = (PLO.StatutoryMinimumWage, PLO.CompanyValuation, PLO.CompensationSought, PLO.SharePrice)
"""Amounts that a per-unit does not make pay: "the federal minimum wage of $7.25 an hour"."""
_NOBODYS_PAY = (*_NOT_PAY, PLO.ContractValue)
"""Amounts that are no person's pay, so not the person's named before them; a contract's value
is one, though a per-unit makes an amount near "contract" pay ("on a six-month contract,
workers earn $300 a month"): a contract's value is never per hour or per month."""


_QUALIFIES_FIRM = re.compile(
    r"\s+(?:(?!(?:to|from|for|by|in|into|of|at|with|and|or|than|a|à|au|aux|de|du|des|d|"
    r"pour|par|avec|chez|dans|et|ou|que)\b)[^\W\d][\w'’-]*\s+){1,4}",
    re.IGNORECASE,
)
"""The words between an amount and the firm it qualifies: no preposition nor conjunction
("$7 billion San Francisco startup", not "$5 million to the company")."""


def _organisation_after(
    in_sentence: list[Mention], quantity: Quantity, reach: int
) -> Mention | None:
    """The first organisation named in the sentence within `reach` characters after a
    figure: the firm an amount is said of, by the words between (`_firm_valued`,
    `_invested_in`)."""
    after = [
        m
        for m in in_sentence
        if m.kind == "organisation" and quantity.end <= m.start <= quantity.end + reach
    ]
    return min(after, key=lambda m: m.start, default=None)


def _firm_valued(text: str, in_sentence: list[Mention], quantity: Quantity) -> Mention | None:
    """The firm an amount stands before as an adjective, with the noun of its kind: "the $7
    billion San Francisco startup Scale AI", "$18 billion data labeling giant Surge": the
    press's way of saying what a firm is worth (issue 16: whose figure, and which)."""
    first = _organisation_after(in_sentence, quantity, 60)
    if first is None:
        return None
    between = text[quantity.end : first.start]
    if not _QUALIFIES_FIRM.fullmatch(between) or not ends_with_kind(between):
        return None
    return first


def _invested_in(
    text: str, in_sentence: list[Mention], region: tuple[int, int], quantity: Quantity
) -> Mention | None:
    """The organisation an amount was invested in, when its clause says so: "Meta invested
    $14.3 billion in rival Scale AI", "Meta a investi 14 milliards de dollars dans la société
    d'étiquetage ScaleAI". The amount is the funding that organisation raised, not a figure of
    the investor named before it (issue 16: whose figure)."""
    before = fold(text[max(region[0], quantity.start - 60) : quantity.start])
    if not _INVESTED_BEFORE.search(before):
        return None
    first = _organisation_after(in_sentence, quantity, 80)
    if first is None or not _INVESTED_IN.fullmatch(fold(text[quantity.end : first.start])):
        return None
    return first


def _not_pay_named(
    hits: list[CueHit], quantity: Quantity, region_start: int, per_unit: str
) -> URIRef | None:
    """An indicator of an amount that is not pay, named just before it in its clause; an
    organisation's own amount only by the year or the month ("40 millions de dollars par an"):
    by the image or the hour, it is someone's pay ("the average revenue from the fund was
    $0.0078 per image")."""
    start = max(region_start, quantity.start - _LONGEST_CUE)
    own = per_unit in ("year", "month")
    for hit in _hits_between(hits, start, quantity.start + 1):
        if (
            hit.entry.iri in _NOT_PAY or (own and hit.entry.iri in _ORGANISATION_AMOUNTS)
        ) and quantity.start - 40 <= hit.end <= quantity.start:
            return hit.entry.iri
    return None


_LONGEST_CUE = 200
"""More characters than any cue spans: a cue ending near a figure starts within this of it."""


def _hits_between(hits: list[CueHit], start: int, end: int) -> Iterator[CueHit]:
    """The cue hits (sorted by start, as `cues.find` gives them) starting in [start, end): a
    figure reads the cues of its clause, not the whole document's, so that a sentence of many
    figures takes linear time."""
    for index in range(bisect.bisect_left(hits, start, key=lambda h: h.start), len(hits)):
        if hits[index].start >= end:
            return
        yield hits[index]


_SHARES = frozenset(
    {PLO.AdoptionRate, PLO.TaskFailureRate, PLO.ActivityGrowth, PLO.MarketValueChange,
     PLO.RevenueChange, PLO.UnspecifiedShare}
)  # fmt: skip
"""Shares and changes in percent besides those whose name says "Share"."""
_AMOUNTS = frozenset(
    {PLO.MonthlyIncome, PLO.PayPerTask, PLO.HourlyPay, PLO.PayPer1000Words, PLO.DailyPay,
     PLO.WeeklyPay, PLO.AnnualIncome, PLO.CostSavings, PLO.CompanyValuation,
     PLO.StatutoryMinimumWage, PLO.SubscriptionPrice, PLO.SharePrice, PLO.CompensationSought,
     PLO.PaymentThreshold, PLO.IncomeChange, PLO.IncomeDifference, PLO.UnpaidWagesOwed,
     PLO.Revenue, PLO.FundingRaised, PLO.FineAmount, PLO.NetResult, PLO.AIExpertSalary,
     PLO.ContractValue, PLO.UnspecifiedAmount}
)  # fmt: skip
"""Indicators measured in a currency."""
_ORGANISATION_AMOUNTS = _ORGANISATION_INDICATORS & _AMOUNTS
_USER_HOLDERS = frozenset(model.subclasses("Company") | PLATFORM_CLASSES)
"""Who has users (`PLO.NumberOfUsers`): a platform or a firm."""
"""The amounts only an organisation has (savings, revenue, funding, fines, results, a
valuation): named just before an amount by the year or the month, they say what it is ("une
économie de 40 millions de dollars par an")."""
_ORGANISATION_COUNTS = frozenset(
    {PLO.NumberOfPlatforms, PLO.NumberOfFrenchPlatforms, PLO.NumberOfClients}
)
"""Counts of organisations; every other count counts people or things."""
_NOT_PEOPLE = frozenset({PLO.NumberOfLanguages, PLO.IndexValue, PLO.NumberOfCountries})
"""Counts of things that are neither people nor organisations (languages, index points)."""


_DURATIONS = frozenset(
    {PLO.UnspecifiedDuration, PLO.YearsOfTenure, PLO.DailyWorkingHours, PLO.WeeklyWorkingHours,
     PLO.UnpaidWorkingHours}
)  # fmt: skip
"""The indicators a span of time can measure: a duration measures no count, pay or share."""


def _indicator_fits(indicator: URIRef, unit: str) -> bool:
    """Whether an indicator can measure a figure in `unit`: shares and changes need a
    percent, amounts a currency, counts of platforms a count of organisations, counts of
    people a count of persons ("4 500 workers … through a microtask platform" is no number of
    platforms), counts of languages or index points neither."""
    name = str(indicator).rsplit("#", 1)[-1]
    if unit in DURATION_UNITS or indicator in _DURATIONS:
        return unit in DURATION_UNITS and indicator in _DURATIONS
    if indicator == PLO.WageRatio:
        return unit in ("percent", "times")
    if indicator == PLO.NumberOfWorkers:
        return unit == "persons"  # not "20 hours of work"
    is_share = (
        (name.startswith("Share") and indicator != PLO.SharePrice)
        or name.endswith("Rate")  # a commission, adoption or failure rate: a percentage
        or indicator in _SHARES
    )
    if unit == "percent":
        return is_share or name.endswith(("Change", "Growth", "Rate"))
    if CURRENCY.match(unit):
        return indicator in _AMOUNTS or "Pay" in name or "Income" in name
    if is_share or indicator in _AMOUNTS or "Pay" in name or "Income" in name:
        return False
    if unit in ("persons", "organisations"):
        return indicator not in _NOT_PEOPLE and (
            (indicator in _ORGANISATION_COUNTS) == (unit == "organisations")
        )
    # a factor multiplies a count of anything: "le nombre de plateformes a triplé"
    return unit == "times" or indicator not in _ORGANISATION_COUNTS


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the whitespace and separators a clause boundary leaves at either end."""
    while start < end and text[start] in " \t\n\r;,–-—\u00a0\u202f":
        start += 1
    while end > start and text[end - 1] in " \t\n\r;,–-—\u00a0\u202f":
        end -= 1
    return start, end
