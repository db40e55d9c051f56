"""What a figure is about and where it holds: the subject and the place, chosen by role.

The nearest name is not always the subject. The body a figure is quoted from ("selon
l'OIT", "a study by Carnegie Mellon", a research body, a media outlet) is its source; a place
after a comma belongs to another clause ("…, un tiers d'entre eux vivant en Colombie"); a
researcher or a journalist speaks of a pay rather than earns it. `claims` asks these
functions for the organisation, the place and the person of each figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Token

from labourgraph.core.mint import fold
from labourgraph.core.model import RESEARCH_CLASSES, subclasses
from labourgraph.extract.frames import Frame, Group
from labourgraph.extract.mentions import PLATFORM_CLASSES, Mention
from labourgraph.extract.quantities import Quantity

_SOURCE_BEFORE = re.compile(
    r"(?:selon|d'apres|according\s+to|(?:etude|study|rapport|report|enquete|survey|analyse|"
    r"analysis)\b.{0,25}?\b(?:de|du|des|by|of|from|par)|(?:menee?s?|realisee?s?|conducted|"
    r"published|publiee?s?|commissioned)\s+(?:par|by))\W*(?:(?:l|la|le|les|the)\b\W*)?$"
)
"""Words that make the name after them the source of a figure, not what it is about."""


def is_source(text: str, mention: Mention) -> bool:
    """Whether an organisation is where a figure comes from rather than what it is about: a
    research body, a media outlet, or a name introduced by "selon", "according to", "a study
    by"."""
    if mention.cls in RESEARCH_CLASSES or mention.cls == "MediaOutlet":
        return True
    before = fold(text[max(0, mention.start - 40) : mention.start]).replace("’", "'")
    return bool(_SOURCE_BEFORE.search(before))


_FIRM_AFTER = re.compile(
    r"(?:-based|\s+(?:tech\s+)?(?:start-?ups?|firms?|compan(?:y|ies)|giants?|outsourcers?|"
    r"vendors?|subsidiar(?:y|ies)))\b",
    re.IGNORECASE,
)
"""What makes a place the seat of a firm, not where a figure holds: "the $7 billion San
Francisco startup", "a Nairobi-based outsourcer", "US startup Scale AI"."""


def _placed_by_model_only(text: str, mention: Mention) -> bool:
    """A place only because the model said so: of no known class (no gazetteer nor lexicon
    knows the name) and after no preposition that puts it somewhere (`_IN_PLACE`, stricter
    than the recogniser's `PLACE_BEFORE`, which also reads "to" and "from"). The model calls a
    firm ("transcribed through Rev"), a person ("according to Hemanshu Nigam") or a news
    agency a place often enough that such a name is no figure's area; "À Barcelone, 29
    modérateurs" still is."""
    return (
        mention.cls == "Place"
        and mention.method == "ner"
        and not _IN_PLACE.search(fold(text[max(0, mention.start - 12) : mention.start]))
    )


_IN_PLACE = re.compile(r"\b(?:in|a|en|au|aux|dans|near|pres\s+de)\s*$")
"""A preposition that puts what follows it somewhere ("à Barcelone", "in Lagos"); not "from"
or "to", which as often come before a firm or a person ("contractors from Aligner",
"according to Hemanshu Nigam")."""


_SHARE_IN_BRACKETS = re.compile(r"\s*\(\s*")
"""What stands between a place and the figure it is given in brackets: "en Inde (8 %)"."""


def area_of(
    text: str, in_sentence: list[Mention], quantity: Quantity, region: tuple[int, int]
) -> Mention | None:
    """The place a figure holds for: a place of its own clause, before it, or after it with
    no comma between ("260 000 microtravailleurs en France"; not "…, un tiers d'entre eux
    vivant en Colombie")."""
    for m in in_sentence:
        if m.kind == "place" and _SHARE_IN_BRACKETS.fullmatch(text, m.end, quantity.start):
            return m  # "notamment aux États-Unis (29 %), en Inde (8 %)": each place's own
    places = [
        m
        for m in in_sentence
        if m.kind == "place"
        and not _placed_by_model_only(text, m)
        and not text.startswith("$", m.end)  # "US$2": a currency, not the United States
        and not _FIRM_AFTER.match(text, m.end)  # "the San Francisco startup Scale AI"
        and region[0] <= m.start
        and m.end <= region[1]
        and (m.end <= quantity.start or "," not in text[quantity.end : m.start])
    ]
    return nearest(places, quantity.start)


_DEMONYM_ENDINGS = (
    "e", "n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is", "ien", "iens", "ienne",
    "iennes", "ais", "aise", "aises", "ain", "ains", "aine", "aines", "ois", "oise", "oises",
    "in", "ins", "ine", "ines", "ane", "anes", "and", "ands", "ande", "andes",
)  # fmt: skip
"""How the name of a country's people ends past the stem it shares with the country's name
(folded): "Egypt|ian", "Keny|ans", "Chin|ese", "égypt|iens", "philipp|ins", "franç|ais",
"suiss|e" (never a bare plural "s": "francs" is a currency, not France's people)."""
_DEMONYM_SLACK = 4
"""The most letters a country's name may have past a demonym's stem ("ind|ian": India,
"colomb|ian": Colombia, "philipp|ins": Philippines)."""
_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
_CURRENCY_WORD = re.compile(
    r"\b(?:cents?|centimes?|dollars?|euros?|francs?|livres?|pounds?|rupees?|roupies?|pesos?|"
    r"shillings?|yuans?|yens?|reais|rands?|nairas?|dinars?|dirhams?)\s*$|^(?:cents?|centimes?|"
    r"dollars?|euros?|francs?|pounds?|rupees?|pesos?|shillings?|yuans?|yens?|rands?|dinars?)\b"
)
"""A currency's name just before a word (`search` up to it) or just after it (`match`)."""
_LANGUAGE_BEFORE = re.compile(r"(?:\bl'|\ble\s|\ben\s|\bin\s|\bdu\s)$")
"""Words before a people's adjective that make it their language: "l'allemand", "en
français", "in German" (folded)."""
_NAME_GOES_ON = re.compile(r" [A-Z]")
"""A capitalised word after a capitalised demonym: one name ("Australian Securities
Exchange", "Indian Institute of Technology"), not a people's adjective."""


def _country_names(countries: list[Mention], text: str | None = None) -> set[tuple[str, str]]:
    """(key, folded name) of each country: its key, and, given the `text`, its name as the
    text writes it ("Allemagne" for Germany)."""
    return {
        (m.key, fold(name).replace(" ", "").replace("-", ""))
        for m in countries
        for name in (m.key, *((text[m.start : m.end],) if text is not None else ()))
    }


def _demonym_of(word: str, names: set[tuple[str, str]]) -> set[str]:
    """The keys of the countries a folded word names as their people's ("egyptian": Egypt,
    "philippins": Philippines, "allemands": Allemagne): its stem is the start of the
    country's name (`_country_names`)."""
    stems = [
        word[: -len(ending)]
        for ending in _DEMONYM_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= 3
    ]
    return {
        key
        for key, name in names
        for stem in stems
        if name.startswith(stem) and len(name) - len(stem) <= _DEMONYM_SLACK
    }


def demonym_place(
    text: str, mentions: list[Mention], region: tuple[int, int], quantity: Quantity
) -> Mention | None:
    """The country a clause names by its people's adjective ("600 Egyptian platform workers",
    "21,4 millions d'utilisateurs français", "Colombian student employees"), when the text
    names that country itself: its mention there (the last before the clause, else the first
    after). No table of demonyms: the word's stem is the start of the country's name as the
    text writes it, in either language; a word inside a name is not read.

    As for a place named (`area_of`), a word after the figure counts only with no comma
    between ("de 25 %, les modérateurs kényans" are other people). A capitalised plural
    ("Indians", "les Vénézuéliens", "des Français") is a people, the subject of its own
    figure, not where another holds; a capitalised word before another begins a name; a
    language ("l'allemand", "en français", "in German", "German-speaking") is no place; and an
    adjective of a currency ("28 cents australiens", "Indian rupees") says what money, not
    where."""
    countries = [m for m in mentions if m.cls == "Country"]
    if not countries:
        return None
    folded = fold(text[region[0] : region[1]])
    if len(folded) != region[1] - region[0]:
        return None  # folding moved the offsets: words could not be placed against names
    inside = [(m.start, m.end) for m in mentions if m.end > region[0] and m.start < region[1]]
    inside.append((quantity.start, quantity.end))  # "28 Australian cents": the figure's own
    names = _country_names(countries, text)
    for match in _WORD.finditer(folded):
        start, end = region[0] + match.start(), region[0] + match.end()
        if (
            any(s <= start < e for s, e in inside)
            or (start >= quantity.end and "," in text[quantity.end : start])
            or (text[start].isupper() and folded[match.end() - 1] == "s")
            or (text[start].isupper() and _NAME_GOES_ON.match(text, end))
            or _CURRENCY_WORD.search(folded, max(0, match.start() - 12), match.start())
            or _LANGUAGE_BEFORE.search(folded, max(0, match.start() - 6), match.start())
            or folded.startswith("-speaking", match.end())
            or _CURRENCY_WORD.match(folded, match.end() + 1)
        ):
            continue
        named = _demonym_of(match.group(), names)
        found = [m for m in countries if m.key in named]
        if found:
            return nearest(found, region[0], before_only=True) or nearest(found, region[0])
    return None


def country_before(mentions: list[Mention], s_start: int) -> Mention | None:
    """The country named last in the 2000 characters before a sentence, but not one that only
    locates a city ("a platform headquartered in Toronto, Canada. The country …": the
    country the text is about is the one it spoke of before)."""
    cities = [m for m in mentions if m.cls == "City"]
    return nearest(
        [
            m
            for m in mentions
            if m.cls == "Country"
            and s_start - 2000 <= m.end <= s_start
            and not any(0 <= m.start - c.end <= 2 for c in cities)
        ],
        s_start,
        before_only=True,
    )


def platform_before(mentions: list[Mention], s_start: int, quantity: Quantity) -> Mention | None:
    """A platform named just before an amount, which pays it ("se connecter à Appen … des
    micro-tâches payées 5 à 25 centimes")."""
    return nearest(
        [
            m
            for m in mentions
            if m.cls in PLATFORM_CLASSES and max(0, s_start - 300) <= m.start < quantity.start
        ],
        quantity.start,
        before_only=True,
    )


REPORTERS = frozenset({"Researcher", "Journalist", "Photographer", "Spokesperson"})
"""People who speak of a figure rather than earn it."""


def person_before(mentions: list[Mention], s_start: int, quantity: Quantity) -> Mention | None:
    """Whose pay or income an amount is: a person named in its sentence, or just before it;
    not one who reports or studies it (a researcher, a journalist, a photographer, a
    spokesperson)."""
    return nearest(
        [
            m
            for m in mentions
            if m.kind == "person"
            and m.cls not in REPORTERS
            and max(0, s_start - 300) <= m.start < quantity.start
        ],
        quantity.start,
        before_only=True,
    )


def nearest(mentions: list[Mention], offset: int, before_only: bool = False) -> Mention | None:
    best = None
    for mention in mentions:
        if before_only and mention.start > offset:
            continue
        distance = abs(mention.start - offset)
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


_SECTOR_BEFORE = re.compile(
    r"\b(?:societe|entreprise|company|firm|acteur|leader)\s+(?:de\s+la|du|de\s+l'|of\s+the)\s*$"
)
"""A name after "une société de la …" names a sector, not the organisation spoken of."""

_PASSAGE = 1500
"""How far back (characters) the organisation a passage is about stays its subject."""


def organisation_before(
    text: str,
    mentions: list[Mention],
    s_start: int,
    quantity: Quantity,
    classes: frozenset[str] | None = None,
) -> Mention | None:
    """The organisation named last before a figure, in its sentence or the passage before it,
    that is not a source (a study's author, a media outlet); of one of `classes` if given."""
    return nearest(
        [
            m
            for m in mentions
            if m.kind == "organisation"
            and (classes is None or m.cls in classes)
            and max(0, s_start - _PASSAGE) <= m.start < quantity.start
            and not is_source(text, m)
            and not _SECTOR_BEFORE.search(fold(text[max(0, m.start - 20) : m.start]))
        ],
        quantity.start,
        before_only=True,
    )


_WORKER_TERMS: list[tuple[str, str]] = [
    (
        r"microtravail|microtravailleu|micro-travail|microwork|micro-task|microtache|"
        r"travail du clic|travailleurs du clic|clickwork",
        "microworkers",
    ),
    (r"annotat|etiquet|labell?(?:ing|er)", "data annotators"),
    (r"freelance|free-lance|independant", "freelancers"),
    (r"moderat", "content moderators"),
    (
        r"travailleurs de donnees|data workers|travailleurs des plateformes|platform workers|"
        r"gig workers|crowdworkers|crowd workers",
        "platform workers",
    ),
]


def population_label(sentence: str, place: str | None) -> str | None:
    """ "microworkers in France" from the worker noun a sentence uses and the place it names."""
    folded = fold(sentence)
    for pattern, label in _WORKER_TERMS:
        if re.search(pattern, folded):
            return f"{label} in {place}" if place else label
    return None


_PEOPLE_POS = frozenset({"NOUN", "PROPN", "ADJ", "CCONJ"})
"""What a noun group naming people is made of: nouns, names (demonyms), adjectives, "and"."""
_BETWEEN_VERB_AND_FIGURE = frozenset({"ADP", "PART", "ADV", "DET", "AUX"})
"""What may stand between a verb and the figure it governs: "fetch up to $150", "start at
$45", "paid less than US$2"."""
_GROUP_LENGTH = 6
"""The most tokens a subject noun group is taken to have."""


def clause_subject_group(
    tokens: Sequence[Token],
    starts: Sequence[int],
    clause_start: int,
    figure_start: int,
    taken: Sequence[tuple[int, int]],
) -> tuple[str, int, int] | None:
    """The plural noun group that is the grammatical subject of the verb governing a figure,
    as (words, start, end): "Dermatologists command $250 per hour", "poets fetch up to $150",
    "Kenyan workers paid less than US$2", "les Vénézuéliens représentaient jusqu'à 75 %".

    Read from the part-of-speech tags: the verb just before the figure (only prepositions,
    particles, adverbs, determiners or auxiliaries between), then the noun group just before
    the verb, which must hold a plural noun, not be the complement of a preposition ("les
    salaires *des modérateurs* atteignent"), and not overlap `taken` (names of organisations
    and places, indicator cues: "Wages rose to $15")."""
    i = bisect.bisect_left(starts, figure_start) - 1
    while i >= 0 and tokens[i].idx >= clause_start and tokens[i].pos_ in _BETWEEN_VERB_AND_FIGURE:
        i -= 1
    if i < 0 or tokens[i].idx < clause_start or tokens[i].pos_ != "VERB":
        return None
    i -= 1
    while i >= 0 and tokens[i].idx >= clause_start and tokens[i].pos_ in ("ADV", "AUX"):
        i -= 1
    last = i
    while (
        i >= 0
        and tokens[i].idx >= clause_start
        and tokens[i].pos_ in _PEOPLE_POS
        and last - i < _GROUP_LENGTH
    ):
        i -= 1
    first = i + 1
    while first <= last and tokens[first].pos_ == "CCONJ":
        first += 1
    if i >= 0 and tokens[i].idx >= clause_start and tokens[i].pos_ == "ADP":
        # "$40 per hour and illustrators fetch…": the complement ends at the last "and"
        conjunctions = [k for k in range(first, last + 1) if tokens[k].pos_ == "CCONJ"]
        first = conjunctions[-1] + 1 if conjunctions else last + 1
    if first > last:
        return None
    group = tokens[first : last + 1]
    if not any(t.pos_ == "NOUN" and "Plur" in t.morph.get("Number", []) for t in group) and not (
        any(t.pos_ == "NOUN" and t.ent_type_ for t in group)  # "les Vénézuéliens"
    ):
        return None
    start, end = group[0].idx, group[-1].idx + len(group[-1])
    if any(a < end and start < b for a, b in taken) or any(
        t.ent_type_ in ("PER", "PERSON", "ORG") for t in group
    ):
        return None
    words = "".join(t.text_with_ws for t in group).strip()
    head = group[0]
    if head.pos_ == "NOUN" and not head.ent_type_ and not head.text.isupper():
        words = words[0].lower() + words[1:]
    return words, start, end


def is_people(group: tuple[str, int, int], tokens: Sequence[Token], starts: Sequence[int]) -> bool:
    """Whether a noun group names people by its own words: a demonym or nationality
    ("les Vénézuéliens", "Kenyan workers"), which the entity recogniser tags as a group or a
    place, or a worker noun of the ontology's populations."""
    _, start, end = group
    i = bisect.bisect_left(starts, start)
    while i < len(tokens) and tokens[i].idx < end:
        if tokens[i].ent_type_ in ("NORP", "LOC", "MISC", "GPE"):
            return True
        i += 1
    return population_label(group[0], None) is not None


def people_counted(
    tokens: Sequence[Token], starts: Sequence[int], offset: int, end: int
) -> tuple[str, int, int] | None:
    """The people a count counts when they are the subject of the clause after it, as (words,
    start, end): "at least 1.2 million *Kenyans* are working online", "2,000 *Ugandan
    annotators* work…". The group must name people by its own words (`is_people`) and be
    followed by a verb, so that "3,000 Kenyan shillings" or "500 Indians' wages" are not
    taken."""
    i = bisect.bisect_left(starts, offset)
    first = i
    while i < len(tokens) and tokens[i].idx < end and tokens[i].pos_ in ("NOUN", "PROPN", "ADJ"):
        i += 1
    if i == first or i - first > _GROUP_LENGTH or i >= len(tokens) or tokens[i].idx >= end:
        return None
    if tokens[i].pos_ not in ("VERB", "AUX"):
        return None
    last = tokens[i - 1]
    if "Plur" not in last.morph.get("Number", []) and not last.text.endswith("s"):
        return None
    group = (
        "".join(t.text_with_ws for t in tokens[first:i]).strip(),
        tokens[first].idx,
        last.idx + len(last.text),
    )
    return group if is_people(group, tokens, starts) else None


def country_of_people(words: str, mentions: list[Mention]) -> Mention | None:
    """The country a demonym among capitalised words names, among the countries the text
    names ("Kenyans": Kenya, "Vénézuéliens": Venezuela): the first such country named."""
    countries = [m for m in mentions if m.cls == "Country"]
    named = {
        key
        for w in words.split()
        if len(w) > 4 and w[0].isupper()
        for key in _demonym_of(fold(w), _country_names(countries))
    }
    return next((m for m in countries if m.key in named), None)


def noun_group_after(
    tokens: Sequence[Token], starts: Sequence[int], offset: int, end: int
) -> str | None:
    """The noun group a count counts, after it: "over 10,000 *of its Russian-speaking
    performers*" gives "Russian-speaking performers" (the prepositions, determiners and
    possessives before it are skipped)."""
    i = bisect.bisect_left(starts, offset)
    while i < len(tokens) and tokens[i].idx < end and tokens[i].pos_ in ("ADP", "DET", "PRON"):
        i += 1
    first = i
    head = None  # the plural noun the group counts; after it only French adjectives follow
    while i < len(tokens) and tokens[i].idx < end:
        token = tokens[i]
        if head is not None:
            if token.lang_ != "fr" or token.pos_ != "ADJ":
                break
        elif not (
            token.pos_ in ("NOUN", "PROPN", "ADJ")
            or token.text == "-"
            or (i > first and tokens[i - 1].text == "-")
        ):
            break
        elif token.pos_ == "NOUN" and "Plur" in token.morph.get("Number", []):
            head = i
        i += 1
    group = tokens[first:i]
    if not any(t.pos_ == "NOUN" for t in group):
        return None
    return "".join(t.text_with_ws for t in group).strip()


_PORTRAIT = 1200
"""How far back (characters) the person or population a pronoun stands for may be named."""


def person_named_before(mentions: list[Mention], offset: int) -> Mention | None:
    """The person a singular pronoun stands for: the last one named before it, within a
    portrait's reach, who is not a reporter."""
    return nearest(
        [
            m
            for m in mentions
            if m.kind == "person" and m.cls not in REPORTERS and offset - _PORTRAIT <= m.start
        ],
        offset,
        before_only=True,
    )


def population_before(
    text: str, mentions: list[Mention], sentences: Sequence[tuple[int, int]], index: int
) -> tuple[str, Mention | None] | None:
    """The population a plural pronoun opening sentence `index` stands for: the worker noun
    of the nearest sentence before it (two at most) that has one, with the place that
    sentence names ("…des modérateurs de TikTok en Colombie. Ils travaillent…")."""
    for back in (index - 1, index - 2):
        if back < 0:
            break
        start, end = sentences[back]
        place = nearest(
            [m for m in mentions if m.kind == "place" and start <= m.start and m.end <= end],
            end,
            before_only=True,
        )
        label = population_label(text[start:end], place.key if place else None)
        if label is not None:
            return label, place
    return None


def person_named_again(text: str, mentions: list[Mention], start: int, end: int) -> Mention | None:
    """A person of the text named again in text[start:end] by one word of their name only
    ("Nathan Nkunzimana … For the past two years, Nkunzimana has been…"), where the mentions
    did not catch the short form: the last person named in full before, whose last name is a
    capitalised word there. Not a reporter."""
    words = set(re.findall(r"\b[A-ZÀ-Ý][\w'’-]+", text[start:end]))
    if not words:
        return None
    return nearest(
        [
            m
            for m in mentions
            if m.kind == "person"
            and m.cls not in REPORTERS
            and m.end <= start
            and len(m.key.split()) > 1
            and m.key.split()[-1] in words
        ],
        start,
        before_only=True,
    )


_NAMED = ("organisation", "person")


def named_in(group: Group, mentions: Sequence[Mention]) -> Mention | None:
    """The organisation or person whose name holds the head word of a noun group."""
    start = group.head.idx
    end = start + len(group.head.text)
    for mention in mentions:
        if mention.kind in _NAMED and mention.start < end and start < mention.end:
            return mention
    return None


def frame_subject(text: str, frame: Frame, mentions: Sequence[Mention]) -> Mention | None:
    """The organisation or person a figure's frame names as the subject of its clause:
    the subject itself ("Klarna a licencié 40 %", "Nathy traite 500 images"), else, when the
    subject is a noun naming neither people nor anyone, the name hung on it by "de", "of" or
    a possessive ("la valeur marchande d'Appen a chuté de 99 %", "Appen's revenue fell 14 %").
    Not a source (a research body, a media outlet, "according to") nor a reporter: they speak
    of a figure rather than have it."""
    subject = frame.subject
    if subject is None or subject.is_pronoun:
        return None
    found = named_in(subject, mentions)
    if (
        found is None
        and subject.head.pos_ == "NOUN"
        and not subject.head.ent_type_
        and population_label(subject.text, None) is None
    ):
        found = next(
            (m for m in (named_in(g, mentions) for g in frame.modifiers) if m is not None), None
        )
    if found is None or is_source(text, found) or found.cls in REPORTERS:
        return None
    return found


def frame_group(
    frame: Frame, mentions: Sequence[Mention], figure_start: int
) -> tuple[str, int, int] | None:
    """The subject of a figure's clause as a noun group of common nouns, as (words, start,
    end), in the form `clause_subject_group` gives: read from the parse, wherever it stands
    before the figure ("les Vénézuéliens représentaient jusqu'à 75 %", "Kenyan workers, who
    are paid less than $2"). Only a plural or a demonym names people; a name or a pronoun is
    not a group, nor a group with a number of its own ("260 000 personnes, qui gagnent…":
    a count, whose people the figures before it say)."""
    subject = frame.subject
    if subject is None or subject.head.pos_ != "NOUN" or named_in(subject, mentions) is not None:
        return None
    if not subject.is_plural and not subject.head.ent_type_:
        return None
    if subject.end > figure_start:
        return None
    doc = subject.head.doc
    if any(t.like_num or t.pos_ == "NUM" for t in doc.char_span(subject.start, subject.end) or ()):
        return None
    if any(
        m.kind in ("organisation", "place", "person")
        and m.start < subject.end
        and subject.start < m.end
        for m in mentions
    ):
        return None
    words = subject.text
    # the determiner is not part of who the figure is about ("les Vénézuéliens")
    first = subject.head.doc[subject.head.left_edge.i : subject.head.i + 1]
    for token in first:
        if token.dep_ == "det" and token.idx == subject.start:
            words = words[len(token.text_with_ws) :]
    words = words.strip()
    if not words:
        return None
    if not subject.head.ent_type_ and not words.isupper():
        words = words[0].lower() + words[1:]
    return words, subject.end - len(words), subject.end


def frame_names_subject(frame: Frame, named: Mention | None) -> bool:
    """Whether the parse says who the subject of a figure's clause is by a name (`named`, from
    `frame_subject`) or a personal pronoun: then no token window may guess another."""
    return named is not None or frame_pronoun(frame) is not None


def previous_subject(
    tokens: Sequence[Token],
    starts: Sequence[int],
    sentences: Sequence[tuple[int, int]],
    index: int,
    mentions: Sequence[Mention],
) -> Mention | None:
    """The person a singular subject pronoun opening sentence `index` stands for when the
    sentence before is about them: the subject of that sentence names them ("Fanja éteint
    son écran. Elle a annoté 2 400 images"), in full or by one word of a name given in full
    earlier. A subject stays the topic from one sentence to the next more than the last name
    read (a union's secretary quoted in between)."""
    if index < 1:
        return None
    start, end = sentences[index - 1]
    i = bisect.bisect_left(starts, start)
    people = [m for m in mentions if m.kind == "person" and m.cls not in REPORTERS]
    while i < len(tokens) and tokens[i].idx < end:
        token = tokens[i]
        i += 1
        if token.dep_ not in ("nsubj", "nsubj:pass", "nsubjpass") or token.pos_ != "PROPN":
            continue
        for mention in people:
            if mention.start <= token.idx < mention.end:
                return mention
        named = [m for m in people if m.end <= token.idx and token.text in m.key.split()]
        if named:
            return max(named, key=lambda m: m.start)
    return None


def frame_pronoun(frame: Frame) -> bool | None:
    """Whether the subject of a figure's clause is a personal pronoun of the third person,
    and then whether it is plural (`None` when it is not one). The parse tells "il" or "it" as
    a subject from the impersonal "il y a", "it is" (an expletive)."""
    subject = frame.subject
    if subject is None or not subject.is_pronoun:
        return None
    morph = subject.head.morph
    if morph.get("Person", []) != ["3"] or "Rel" in morph.get("PronType", []):
        return None
    if subject.head.tag_ in ("WDT", "WP"):
        return None
    return subject.is_plural


def portrait_person(
    frame: Frame | None, mentions: Sequence[Mention], figure_start: int
) -> Mention | None:
    """The person a portrait follows, as the subject of a figure that only a person has (a
    pay, hours, output) whose clause names no one: its subject is a singular personal
    pronoun ("Les bons jours, elle dépasse les 500 images"), or it has none the parse can
    find ("Despite promises of 40 hours a week"). That person is the last one named before
    the figure, within a portrait's reach, not a reporter, and named more than once in the
    text: a text follows its witness by name, while a name read once (a source quoted in
    passing) is no one a later figure is about."""
    if frame is not None and frame.subject is not None and frame_pronoun(frame) is not False:
        return None
    person = person_named_before(list(mentions), figure_start)
    if person is None or sum(1 for m in mentions if m.key == person.key) < 2:
        return None
    return person


PAYERS = PLATFORM_CLASSES | subclasses("Company") | {"Organisation"}
"""Organisations whose pay is a wage of their workers: platforms, companies, and the ones the
recogniser could not class; not a union (a pay it demands), a public body (a minimum it sets)
nor a research body (a pay it measures)."""


def workers_of(organisation: Mention, sentence: str, place: str | None) -> str:
    """The population a pay said of an organisation is about: its workers ("Amazon Mechanical
    Turk workers", "Meta content moderators in Kenya"), named by the worker noun of the
    sentence when it has one of the ontology's populations, and placed where the figure
    holds. A platform or an employer pays; the wage is what its workers get."""
    noun = population_label(sentence, None)
    if noun is None or noun == "platform workers":
        noun = "workers"
    return f"{organisation.key} {noun}" + (f" in {place}" if place else "")


def payee_named_after(mentions: Sequence[Mention], figure_end: int, clause_end: int) -> bool:
    """Whether an organisation is named after a pay in its clause, as the one paid ("Upwork
    verse 2 000 dollars par mois à Fiverr"): then the pay is not a wage of workers."""
    return any(m.kind == "organisation" and figure_end <= m.start < clause_end for m in mentions)
