"""Entity mentions: who and what a document names, typed by the lexicon, the model and context.

Three sources, in order of trust:
1. the lexicon (known actors and places, `ontology/actors.yaml`): rule output, high confidence;
2. named entities from spaCy's French model, or from capitalised-span rules in English;
3. the words around a name ("la plateforme X", "X, chercheuse à Y", "the start-up X"), which
   type what the model found and override its label, since the small French model often calls
   a platform a person or a place.
Names the lexicon does not know still enter the graph, marked as model or rule output with a
confidence, so that a new document yields its own platforms, people and places.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from labourgraph.core.mint import fold
from labourgraph.extract.lexicon import PLACE_CLASSES, Entry, Lexicon
from labourgraph.extract.nlp import text_of, tokens_of

PLATFORM_CLASSES = {"Platform", "MicroworkPlatform", "FreelancePlatform"}
AI_CLASSES = {
    "AISystem",
    "VoiceAssistant",
    "Chatbot",
    "SearchEngine",
    "GenerativeAIModel",
    "AutonomousVehicle",
    "FacialRecognitionSystem",
    "SpeechRecognitionSystem",
    "RecommenderSystem",
}
PERSON_CLASSES = {
    "Person",
    "Worker",
    "Researcher",
    "Journalist",
    "Photographer",
    "Executive",
    "Spokesperson",
}


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a document."""

    start: int
    end: int
    key: str  # canonical label; the IRI is minted from kind + key
    cls: str  # local name of the most specific plo: class
    kind: str  # organisation | person | place | app | ai
    method: str  # lexicon | ner | rules
    confidence: float
    entry: Entry | None = None


# context cues, folded; a cue is looked for in a window of words before and after the name
_CUES: list[tuple[str, tuple[str, ...]]] = [
    (
        "WorkerCollective",
        (
            "groupe whatsapp",
            "whatsapp du groupe",
            "groupe facebook",
            "groupe telegram",
            "whatsapp group",
            "facebook group",
            "telegram group",
            "forum",
            "collectif de travailleurs",
            "workers' collective",
            "collective of workers",
        ),
    ),
    (
        "FreelancePlatform",
        (
            "plateforme de freelance",
            "plateformes de freelance",
            "plate-forme de free-lance",
            "freelance platform",
            "freelancing platform",
            "plateformes de free-lance",
        ),
    ),
    (
        "MicroworkPlatform",
        (
            "plateforme de microtravail",
            "plateformes de microtravail",
            "plate-forme de microtravail",
            "plates-formes de microtravail",
            "microwork platform",
            "crowdwork platform",
            "crowdsourcing platform",
            "micro-task platform",
            "microtask platform",
            "plateforme de micro-taches",
            "plateforme d'annotation",
            "annotation platform",
            "labelling platform",
            "labeling platform",
            "data labelling platform",
            "plateforme de donnees",
            "plateforme d'etiquetage",
        ),
    ),
    (
        "Platform",
        ("plateforme", "plate-forme", "platform", "marketplace", "application de", "appli"),
    ),
    (
        "DataVendor",
        (
            "societe de sous-traitance",
            "sous-traitance",
            "outsourcing",
            "data labelling firm",
            "annotation company",
            "annotation firm",
            "fournisseur de donnees",
            "fournisseurs de donnees",
            "sous-traitant",
            "prestataire",
            "data vendor",
            "data provider",
            "data-labelling company",
            "data labelling company",
            "outsourcing firm",
            "outsourcing company",
            "bpo",
            "vendor",
            "subcontractor",
        ),
    ),
    ("StartUp", ("start-up", "startup", "jeune pousse")),
    ("Union", ("syndicat", "union", "syndical", "trade union", "labour union", "labor union")),
    (
        "PublicBody",
        (
            "ministere",
            "ministry",
            "gouvernement",
            "government",
            "agence publique",
            "organisme public",
            "regulator",
            "commission",
            "inspection du travail",
            "public body",
        ),
    ),
    ("University", ("universite", "university", "ecole", "college", "faculte")),
    (
        "ResearchBody",
        (
            "laboratoire",
            "institut",
            "institute",
            "centre de recherche",
            "research centre",
            "research center",
            "think tank",
            "observatoire",
            "equipe de recherche",
            "research team",
            "research group",
            "lab",
        ),
    ),
    (
        "MediaOutlet",
        (
            "journal",
            "quotidien",
            "magazine",
            "newspaper",
            "hebdomadaire",
            "radio",
            "television",
            "agence de presse",
            "news agency",
            "media",
        ),
    ),
    (
        "ClientCompany",
        (
            "client like",
            "clients like",
            "client such as",
            "clients such as",
            "clients comme",
            "client comme",
            "pour le compte de",
            "on behalf of",
            "donneur d'ordre",
        ),
    ),
    (
        "Company",
        (
            "reseau social",
            "social network",
            "social media",
            "editeur",
            "publisher",
            "entreprise",
            "societe",
            "groupe",
            "firme",
            "company",
            "firm",
            "corporation",
            "client",
            "geant",
            "giant",
            "multinationale",
            "multinational",
        ),
    ),
]
_NAME_SUFFIX_CUES: list[tuple[str, tuple[str, ...]]] = [
    ("University", ("university", "universite", "universitat", "college", "ecole", "school")),
    (
        "ResearchBody",
        (
            "institute",
            "institut",
            "laboratoire",
            "laboratory",
            "lab",
            "centre",
            "center",
            "observatory",
            "observatoire",
        ),
    ),
    ("Union", ("union", "syndicat", "confederation", "federation", "congress", "workers")),
    (
        "Company",
        (
            "inc",
            "inc.",
            "ltd",
            "ltd.",
            "llc",
            "corp",
            "corp.",
            "gmbh",
            "sa",
            "sas",
            "plc",
            "group",
            "groupe",
            "technologies",
            "technology",
            "solutions",
            "labs",
            "services",
            "systems",
            "consulting",
            "holdings",
            "analytics",
            "networks",
            "partners",
            "data",
        ),
    ),
    ("WorkerCollective", ("collectif", "collective")),
    (
        "Organisation",
        (
            "foundation",
            "fondation",
            "trust",
            "association",
            "alliance",
            "council",
            "coalition",
            "initiative",
            "network",
            "reseau",
            "collectif",
            "society",
        ),
    ),
    (
        "PublicBody",
        (
            "ministry",
            "ministere",
            "agency",
            "agence",
            "commission",
            "office",
            "organization",
            "organisation",
            "department",
            "departement",
            "bureau",
            "authority",
            "autorite",
        ),
    ),
]
_PERSON_CUES: list[tuple[str, tuple[str, ...]]] = [
    (
        "Photographer",
        ("photographe", "photographer", "photo :", "photo:", "illustration :", "credit :"),
    ),
    (
        "Journalist",
        (
            "a interroge",
            "par",
            "by",
            "journaliste",
            "journalist",
            "reporter",
            "redactrice en chef",
            "editor",
            "correspondant",
            "correspondante",
            "correspondent",
            "interview avec",
            "entretien a la journaliste",
            "interviewed by",
        ),
    ),
    ("Spokesperson", ("porte-parole", "spokesperson", "spokeswoman", "spokesman")),
    (
        "Executive",
        (
            "vice-president",
            "vice president",
            "directeur",
            "directrice",
            "pdg",
            "ceo",
            "fondateur",
            "fondatrice",
            "founder",
            "co-founder",
            "cofondateur",
            "president",
            "presidente",
            "chief",
            "head of",
            "dirigeant",
            "dirigeante",
            "manager",
            "responsable",
        ),
    ),
    (
        "Researcher",
        (
            "sociologue",
            "sociologist",
            "chercheur",
            "chercheuse",
            "chercheurs",
            "researcher",
            "professeur",
            "professeure",
            "professor",
            "economiste",
            "economist",
            "anthropologue",
            "anthropologist",
            "universitaire",
            "scholar",
            "academic",
            "doctorant",
            "doctorante",
            "phd",
            "pionniers de l'ia",
            "scientist",
            "scientifique",
            "maitre de conferences",
            "lecturer",
            "et al",
        ),
    ),
    (
        "Worker",
        (
            "confie",
            "raconte",
            "ancien",
            "former",
            "mere de",
            "pere de",
            "mother of",
            "father of",
            "logs on",
            "logs in",
            "logged on",
            "signed up",
            "works for",
            "works on",
            "worked for",
            "a former",
            "former",
            "transcribes",
            "annotates",
            "labels",
            "rates",
            "se connecte",
            "travaille pour",
            "travaille sur",
            "ancien",
            "ancienne",
            "travailleur",
            "travailleuse",
            "microtravailleur",
            "microtravailleuse",
            "tacheron",
            "annotateur",
            "annotatrice",
            "moderateur",
            "moderatrice",
            "freelance",
            "redacteur",
            "redactrice",
            "worker",
            "annotator",
            "labeller",
            "labeler",
            "moderator",
            "tasker",
            "crowdworker",
            "clickworker",
            "temoigne",
            "raconte-t-elle",
            "raconte-t-il",
            "confie-t-il",
            "confie-t-elle",
            "dit-elle",
            "dit-il",
            "gagne",
            "gagnait",
            "earns",
            "earned",
            "says she",
            "says he",
            "she says",
            "he says",
            "diplomee",
            "diplome",
            "ingenieure",
            "ingenieur",
            "a quitte",
            "ses revenus",
            "her income",
            "his income",
        ),
    ),
]
_STRIP_LEADING = re.compile(
    r"^(?:[«»\"“” ]+)?(?:l'|l’|d'|d’|la |le |les |the |du |de la |de |des )?", re.IGNORECASE
)
_LEADING_WORDS = re.compile(
    r"^(?:(?:By|In|On|At|For|From|To|With|Every|According to|When|After|Before|Since|During|"
    r"Between|Until|Through|Under|Over|About|"
    r"Across|Inside|Outside|Near|Like|Unlike|As|Said|Says|Meanwhile|Today|Yesterday|"
    r"Professor|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Mme|M\.|Madame|Monsieur|Docteur|Professeur|"
    r"Professeure|"
    r"Selon|Pour|Chez|Dans|Avec|Depuis|Entre|Par|Quand|Lorsque)\s+)+"
)
_DEMONYM_EN = re.compile(r"(?:ish|ese|ian|ans|ians|an)$")
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
_TRAILING_JUNK = re.compile(r"[\s\d\W]+$")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,3}$")
_CITATION = re.compile(
    r"\(?\b([A-Z][a-zà-ÿ]+)(?: et al\.?| and [A-Z][a-z]+| & [A-Z][a-z]+)?,\s(?:19|20)\d\d\)?"
)


def _window(text: str, start: int, end: int, before: int = 60, after: int = 60) -> tuple[str, str]:
    """Folded text just before and just after a span, cut at sentence-ish boundaries."""
    left = text[max(0, start - before) : start]
    right = text[end : end + after]
    left = re.split(r"[.!?\n]", left)[-1]
    right = re.split(r"[.!?\n]", right)[0]
    unquote = str.maketrans({c: " " for c in '«»"“”()'})
    return " ".join(fold(left).translate(unquote).split()) + " ", " " + " ".join(
        fold(right).translate(unquote).split()
    )


def _cue_class(cues: list[tuple[str, tuple[str, ...]]], left: str, right: str) -> str | None:
    """The class of the cue nearest the name, just before it or in apposition just after.

    Nearest wins, so "Le chercheur Paul Martin, cité par Le Monde" is a researcher, not a
    journalist; at equal distance the order of the cue list decides.
    """
    left_pattern, right_pattern, classes = _compiled_cues(id(cues), cues)
    left_words = left.rstrip()[-45:]
    right_words = right.lstrip()[:45]
    found: list[tuple[int, int, str]] = []
    match = left_pattern.search(left_words)
    if match:
        found.append((len(left_words) - match.end("cue"), classes[match.group("cue")], ""))
    match = right_pattern.search(right_words)
    if match:
        found.append((match.start("cue"), classes[match.group("cue")], ""))
    if not found:
        return None
    order = [cls for cls, _words in cues]
    return min(found, key=lambda f: (f[0], order.index(f[1])))[1]


def _apposition_cue(text: str, end: int) -> bool:
    """ "Quillo, a crowdsourcing platform": a first word of a sentence named by what follows."""
    _left, right = _window(text, end, end)
    return _cue_class(_CUES, "", right) is not None


_CUE_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]] = {}


def _compiled_cues(
    key: int, cues: list[tuple[str, tuple[str, ...]]]
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
            rf"(?<![a-z])(?P<cue>{alternation})s?(?:\s+(?:de\s+|d'|du\s+|des\s+)[a-z'-]+)?\s*,?\s*$"
        )
        right = re.compile(
            r"^(?:,|\(|(?:est|is|was|etait|c'est)\s)\s*(?:une?\s+|la\s+|le\s+|l'|a\s+|an\s+|the\s+)?"
            rf"(?:[a-z'-]+\s+){{0,3}}?(?P<cue>{alternation})(?![a-z])"
        )
        _CUE_CACHE[key] = (left, right, classes)
    return _CUE_CACHE[key]


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    text = _STRIP_LEADING.sub("", text)
    text = _TRAILING_JUNK.sub("", text) if not text.endswith(")") else text
    words = []
    for word in text.split(" "):
        if (
            len(word) > 1
            and word.isupper()
            and word.isalpha()
            and (len(word) > 3 or text.count(" "))
        ):
            word = word.capitalize()  # "BELLONI" -> "Belloni"; acronyms of 3 letters stay
        words.append(word)
    return " ".join(words)


def _person_key(name: str) -> str:
    """Drop middle initials so that "Antonio A. Casilli" and "Antonio Casilli" meet."""
    parts = [p for p in name.split(" ") if not re.fullmatch(r"[A-Z]\.", p)]
    return " ".join(parts)


def _place_class(name: str, lexicon_places: dict[str, Entry]) -> str:
    entry = lexicon_places.get(fold(name))
    return entry.cls if entry else "Place"


def _has_proper_noun(span: Span) -> bool:
    return any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in span)


_EN_LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "PRODUCT": "MISC",
}
_OPENERS = {'"', "“", "‘", "(", ":", "-", "•", "*", "–", "—"}


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Lines written like titles: short, mostly capitalised words, no final full stop."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha()]
        byline = re.match(r"\s*(?:By|Par|par|Written by)\s", line)
        if (
            words
            and not byline
            and len(words) <= 14
            and not line.rstrip().endswith((".", "?", "!", '"', "”", "»"))
        ):
            capitalised = sum(1 for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS)
            if capitalised / len(words) >= 0.8 and sum(1 for w in words if w[:1].isupper()) >= 2:
                spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _outside_headings(text: str, name: str, headings: list[tuple[int, int]]) -> bool:
    """Whether a name also stands in the body of the text (names in titles recur there)."""
    return any(not _in_heading(headings, m.start()) for m in re.finditer(re.escape(name), text))


def _in_heading(headings: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in headings)


_SMALL_WORDS = {
    "of",
    "the",
    "and",
    "in",
    "on",
    "for",
    "a",
    "an",
    "to",
    "at",
    "by",
    "with",
    "from",
    "de",
    "la",
    "le",
    "les",
    "des",
    "du",
    "et",
    "en",
}


def english_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Capitalised-span rules standing in for an English NER model.

    A candidate is a run of capitalised words (allowing "of", "de", "for", "&" inside), not a
    lone sentence-initial word unless the same word is capitalised mid-sentence elsewhere.
    The label is a guess that context typing refines: ORG for names with an organisation
    suffix or cue, PER for two or three capitalised words, GPE otherwise.
    """
    spans: list[tuple[int, int, str]] = []
    tokens = tokens_of(doc)
    headings = _heading_lines(text_of(doc))
    mid_caps = {
        t.text
        for t in tokens
        if t.text[:1].isupper()
        and not t.is_sent_start
        and t.i > 0
        and tokens[t.i - 1].text not in _OPENERS
        and not _in_heading(headings, t.idx)
    }
    connectors = {
        "of",
        "de",
        "du",
        "des",
        "for",
        "&",
        "and",
        "la",
        "zu",
        "von",
        "van",
        "der",
        "al",
        "bin",
    }
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (token.text[:1].isupper() and token.is_alpha) or (
            token.text[:1].isupper() and any(c.isdigit() for c in token.text)
        ):
            end = index + 1
            while end < len(tokens):
                nxt = tokens[end]
                if (
                    nxt.text[:1].isupper() and (nxt.is_alpha or "." in nxt.text or "-" in nxt.text)
                ) or (
                    nxt.text.lower() in connectors
                    and end + 1 < len(tokens)
                    and tokens[end + 1].text[:1].isupper()
                    and nxt.text != "and"
                ):
                    end += 1
                else:
                    break
            span = doc[index:end]
            lead = _LEADING_WORDS.match(span.text + " ")
            if lead:
                trimmed = doc.char_span(span.start_char + lead.end(), span.end_char)
                if trimmed is None or not len(trimmed):
                    index = end
                    continue
                span = trimmed
            words = [t.text for t in span]
            if fold(words[-1]) in _JOB_TITLES:
                index = end
                continue
            first = span[0]
            if _in_heading(headings, span.start_char) and not _outside_headings(
                text_of(doc), span.text, headings
            ):
                index = end
                continue  # "Executive Summary", "Key Findings": headings, not names
            sentence_initial = (
                first.is_sent_start or (first.i > 0 and tokens[first.i - 1].text in _OPENERS)
            ) and not lead
            if " of " in span.text and len(words) >= 4:
                head, _, tail = span.text.partition(" of ")
                if 2 <= len(head.split()) <= 3 and _name_class(tail):
                    # "Anjali Thapa of Tribhuvan University": a person and her institution
                    spans.append((span.start_char, span.start_char + len(head), "PER"))
                    spans.append((span.end_char - len(tail), span.end_char, "ORG"))
                    index = end
                    continue
            if (
                len(words) == 1
                and sentence_initial
                and words[0] not in mid_caps
                and not _apposition_cue(text_of(doc), span.end_char)
            ):
                index = end
                continue
            if len(words) == 1 and words[0].lower() in _EN_COMMON:
                index = end
                continue
            folded = fold(span.text)
            if any(
                folded.endswith(" " + s) or folded == s for _, suf in _NAME_SUFFIX_CUES for s in suf
            ):
                label = "ORG"
            elif re.match(
                r"(?:West|East|North|South|Central|Northern|Southern|Eastern|Western)\s", span.text
            ):
                label = "GPE"
            elif 2 <= len([w for w in words if not _INITIALS.match(w)]) <= 3 and all(
                (w[:1].isupper() and w.isalpha() and not w.isupper()) or _INITIALS.match(w)
                for w in words
            ):
                label = "PER"
            else:
                label = "GPE"
            spans.append((span.start_char, span.end_char, label))
            index = end
        else:
            index += 1
    return spans


_EN_COMMON = {
    *[
        "i",
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "if",
        "in",
        "on",
        "at",
        "for",
        "to",
        "of",
        "by",
        "with",
        "from",
        "as",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "ai",
        "mr",
        "mrs",
        "ms",
        "dr",
        "every",
        "each",
        "some",
        "many",
        "most",
        "all",
        "no",
        "none",
    ],
    *_MONTHS,
}
_LANGUAGES = set(
    [
        "bengali",
        "nepali",
        "hindi",
        "swahili",
        "urdu",
        "punjabi",
        "marathi",
        "gujarati",
        "tamil",
        "telugu",
        "arabic",
        "english",
        "french",
        "spanish",
        "portuguese",
        "malagasy",
        "tagalog",
        "filipino",
        "amharic",
        "yoruba",
        "igbo",
        "hausa",
        "zulu",
        "mandarin",
        "cantonese",
        "russian",
        "german",
        "italian",
        "turkish",
        "persian",
        "farsi",
    ]
)
_JOB_TITLES = set(
    [
        "correspondent",
        "editor",
        "reporter",
        "writer",
        "columnist",
        "contributor",
        "staff",
        "desk",
        "journaliste",
        "correspondante",
        "redacteur",
        "redactrice",
    ]
)


def find_mentions(
    doc: Doc, lexicon: Lexicon, lang: str, folded: tuple[str, list[int]] | None = None
) -> list[Mention]:
    """Every entity mention in an analysed document, typed, linked to a canonical key."""
    entities = list(doc.ents)  # spaCy rebuilds doc.ents on every access
    model_spans = [(e.start_char, e.end_char) for e in entities]
    text = text_of(doc)
    places = {fold(n): e for e in lexicon.entries if e.cls in PLACE_CLASSES for n in e.names}
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for hit in lexicon.find(text, folded):
        entry = hit.entry
        kind = _kind_of(entry.cls)
        mentions.append(
            Mention(hit.start, hit.end, entry.key, entry.cls, kind, "lexicon", 0.95, entry)
        )
        taken.append((hit.start, hit.end))

    for start, end, name in _credits(text):
        if any(s < end and start < e for s, e in taken):
            continue
        name = _clean_name(name)
        mentions.append(Mention(start, end, name, "Photographer", "person", "rules", 0.7))
        taken.append((start, end))

    if lang == "fr":
        raw = [(e.start_char, e.end_char, e.label_, e) for e in entities]
        for start, end, label in french_org_names(doc):
            # a longer body name replaces the model's shorter pieces of it
            raw = [r for r in raw if not (start <= r[0] and r[1] <= end)]
            raw.append((start, end, label, None))  # no proper noun needed: the head says it
        covered = [(e.start_char, e.end_char) for e in entities if e.label_ == "PER"]
        for start, end in _propn_runs(doc):
            if not any(s <= start and end <= e for s, e in covered):
                raw.append((start, end, "PER", doc.char_span(start, end)))
    elif doc.has_annotation("ENT_IOB"):
        # the English model's entities, then the capitalised-span rules for what it missed
        raw = [
            (e.start_char, e.end_char, _EN_LABELS[e.label_], e)
            for e in entities
            if e.label_ in _EN_LABELS
        ]
        for start, end, label in english_spans(doc):
            if not any(r[0] < end and start < r[1] for r in raw):
                raw.append((start, end, label, None))
    else:
        raw = [(s, e, label, None) for s, e, label in english_spans(doc)]

    candidates: list[tuple[int, int, str, str]] = []
    for start, end, label, span in raw:
        surface = text[start:end]
        # cut trailing footnote digits and whatever follows a line break
        cut = re.search(
            r"\d+$|\n" + (r"|\s(?:d'|de |chez |du )" if label == "PER" else ""), surface
        )
        if cut:
            end = start + cut.start()
            surface = text[start:end]
        lead = _LEADING_WORDS.match(surface)
        if lead:
            start += lead.end()
            surface = text[start:end]
        lead = _STRIP_LEADING.match(surface)
        if lead and label != "PER":
            start += lead.end()
            surface = text[start:end]
        surface = surface.rstrip(" ,;:.")
        end = start + len(surface)
        if len(surface) < 2 or not any(c.isupper() for c in surface):
            continue
        inner = [
            m
            for m in mentions
            if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
        ]
        if (
            inner
            and all(m.kind == "place" for m in inner)
            and (
                _name_class(surface)
                or re.match(
                    r"(?:West|East|North|South|Central|Northern|Southern|Eastern|Western)\s",
                    surface,
                )
            )
        ):
            # "University of Ghana", "West Africa": the longer name wins over the place inside
            mentions = [m for m in mentions if m not in inner]
            taken = [(m.start, m.end) for m in mentions]
        if any(s < end and start < e for s, e in taken):
            continue
        surface_folded = fold(surface)
        if surface_folded in _LANGUAGES:
            continue
        if _INITIALS.match(surface) or surface.lower() in _EN_COMMON or surface_folded in _MONTHS:
            continue
        if (
            lang != "fr"
            and " " not in surface
            and _DEMONYM_EN.search(surface_folded)
            and not lexicon.find(surface)
        ):
            continue  # "Spanish", "Kenyans": adjectives and peoples, not places
        if surface_folded.split()[0].strip("«» ") in _NOT_NAMES or "+" in surface:
            continue
        single = " " not in surface.strip()
        at_start = (
            start == 0 or text[start - 1] == "\n" or (span is not None and span[0].is_sent_start)
        )
        if (
            single
            and label != "PER"
            and at_start
            and lexicon.find(surface) == []
            and not _apposition_cue(text, end)
        ):
            continue  # a capitalised first word of a sentence, not a name
        if single and label in ("LOC", "GPE") and _DEMONYM.search(surface_folded):
            continue  # "Vénézuéliens": people, not a place
        if surface.isupper() and len(surface) <= 4 and label != "PER":
            left_ctx, right_ctx = _window(text, start, end)
            if not _cue_class(_CUES, left_ctx, right_ctx):
                continue  # bare acronyms (SEO, RGPD, NDLR) are rarely actors
        if span is not None and not _has_proper_noun(span) and label != "PER":
            continue
        candidates.append((start, end, label, surface))

    # one label per surface form: majority of the model's labels, and persons know their surnames
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _s, _e, label, surface in candidates:
        labels[_clean_name(surface)].update([label])
    full_people = {
        _person_key(_clean_name(surface))
        for _s, _e, label, surface in candidates
        if label == "PER" and len(_clean_name(surface).split()) >= 2
    }
    full_people |= {m.key for m in mentions if m.kind == "person"}
    # two full names may share a surname ("Yusuf Valensen ... à Puerto Valensen"): a lone
    # surname goes to the one the text names first, never to whichever a set yields first
    # (that changed from run to run with Python's string hashing)
    surnames: dict[str, str] = {}
    for name in sorted(full_people, key=lambda n: (_first_at(text, n), n)):
        surnames.setdefault(name.split()[-1], name)

    citations = {(m.start(1), m.end(1)) for m in _CITATION.finditer(text)}
    person_context: dict[str, Counter[str]] = defaultdict(Counter)
    provisional: list[Mention] = []
    for start, end, _label, surface in candidates:
        name = _clean_name(surface)
        if not name or len(name) < 2:
            continue
        left, right = _window(text, start, end)
        label = labels[name].most_common(1)[0][0]
        from_model = any(s < end and start < e for s, e in model_spans)
        method = "ner" if from_model else "rules"
        base = 0.6 if from_model else 0.5
        person_name = _person_key(name)
        if label == "PER" and " " not in person_name:
            before = re.search(r"([A-Z][a-zà-ÿ]+)\s$", text[max(0, start - 20) : start])
            if before and _cue_class(_PERSON_CUES, "", right):
                person_name = f"{before.group(1)} {person_name}"  # "Si Chen, vice-président"
                start -= len(before.group(0))
                full_people.add(person_name)
                surnames.setdefault(person_name.split()[-1], person_name)
        if person_name in surnames:
            person_name = surnames[person_name]
        if lang != "fr" and label == "PER" and not _person_evidence(text, start, end, left, right):
            # capitalised words with nothing that says "person": a place if a preposition
            # or "a … start-up" frames it, else an unnamed kind that context must type
            label = "GPE" if re.search(r"(?:\bin|\bat|\bfrom|\bto|\ba|\ban)\s*$", left) else "ORG"
            full_people.discard(person_name)
        is_person = label == "PER" or person_name in full_people or (start, end) in citations
        name_cls = _name_class(name)
        cue_cls = _cue_class(_CUES, left, right)
        org_cls = cue_cls if name_cls in (None, "Company") and cue_cls else name_cls
        person_cue = _cue_class(_PERSON_CUES, left, right)
        if org_cls and not (is_person and person_cue):
            kind = _kind_of(org_cls)
            mentions_cls = org_cls
            if org_cls == "Platform" and ("application" in left[-20:] or "appli" in left[-12:]):
                mentions_cls, kind = "SoftwareApplication", "app"
            elif org_cls == "Platform" and _MICROWORK.search(fold(_sentence_around(text, start))):
                mentions_cls = "MicroworkPlatform"  # a platform whose work is labelling, per task
            provisional.append(Mention(start, end, name, mentions_cls, kind, method, base + 0.25))
            continue
        if is_person:
            if len(person_name.split()) < 2 and (start, end) not in citations:
                continue  # a lone first name or surname we cannot attach to anyone
            cls = _cue_class(_PERSON_CUES, left, right)
            if re.search(
                r"(?:spoke to|talked to|interviewed by|interview with|entretien avec|"
                r"interview avec)\s*$",
                left,
            ):
                cls = "Journalist"  # "X spoke to Tom Reyes": the interviewer
            if re.match(r"\s*/\s*\w", text[end : end + 6]):
                cls = "Photographer"  # a picture credit: "Name / Agency"
            elif cls is None and re.match(r",\s*\d{2}\s*(?:ans|years old|,)", text[end : end + 16]):
                cls = "Worker"  # "Aïcha Ndiaye, 27 ans," / "Mensah, 29,": the press's witnesses
            if (start, end) in citations:
                cls = "Researcher"
            if cls:
                person_context[person_name].update([cls])
            provisional.append(
                Mention(
                    start,
                    end,
                    person_name,
                    "Person",
                    "person",
                    method,
                    base + (0.2 if cls else 0.1),
                )
            )
            continue
        if text[end : end + 7] == "-based":
            label, org_cls = "GPE", None  # "a Dhaka-based company": Dhaka is a place
        if (
            re.search(r"(?:\bin|\bfrom|\bnear|\bto|\ba|\ben|\bau|\bvers)\s*$", left)
            and label != "PER"
            and not org_cls
        ):
            label = "GPE"  # "in Lima", "à Medellín": a place
        known = _with_article(name, lexicon)
        if known is not None:
            provisional.append(
                Mention(
                    start, end, known.key, known.cls, _kind_of(known.cls), "lexicon", 0.8, known
                )
            )
            continue
        if label in ("LOC", "GPE"):
            cls = _place_class(name, places)
            after = text[end : end + 40]
            country = re.match(
                r",?\s*(?:en |au |aux |in )?([A-ZÉ][\w’' -]+?)(?=[,.;:)\n]|\s(?:—|–|-)\s|$)", after
            )
            if (
                cls == "Place"
                and country
                and places.get(fold(country.group(1)), Entry("", "", ())).cls == "Country"
            ):
                cls = "City"  # "Lima, Peru", "Medellín, en Colombie"
            elif cls == "Place" and re.match(
                r"(?:West|East|North|South|Central|Northern|Southern|Eastern|Western)\s", name
            ):
                cls = "Region"
            provisional.append(Mention(start, end, name, cls, "place", method, base))
            continue
        if label == "ORG":
            provisional.append(
                Mention(start, end, name, "Organisation", "organisation", method, base)
            )
        # MISC without a cue is too noisy to keep

    # one kind per name in a document: the most confident typing wins ("Pixelforge, a data
    # labelling company" makes every other "Pixelforge" of the text an organisation too)
    best: dict[str, Mention] = {}
    for mention in provisional:
        if mention.key not in best or mention.confidence > best[mention.key].confidence:
            best[mention.key] = mention
    lexicon_kinds = {m.key: m for m in mentions if m.method == "lexicon"}
    provisional = [
        replace(
            m,
            kind=(lexicon_kinds.get(m.key) or best[m.key]).kind,
            cls=(lexicon_kinds.get(m.key) or best[m.key]).cls,
        )
        if m.kind != (lexicon_kinds.get(m.key) or best[m.key]).kind
        else m
        for m in provisional
    ]

    # a surname alone ("témoigne Fuentes") refers to the person named in full in the document
    people = {m.key for m in provisional if m.kind == "person" and " " in m.key}
    covered = [(m.start, m.end) for m in (*mentions, *provisional)]
    for person in sorted(people):
        surname = person.split()[-1]
        if len(surname) < 3:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            if any(s < match.end() and match.start() < e for s, e in covered):
                continue
            left, right = _window(text, match.start(), match.end())
            cls = _cue_class(_PERSON_CUES, left, right)
            if cls:
                person_context[person].update([cls])
            provisional.append(
                Mention(match.start(), match.end(), person, "Person", "person", "rules", 0.6)
            )

    # a person's class comes from all of their contexts, in the document and from the lexicon
    for mention in provisional:
        if mention.kind == "person":
            votes = person_context.get(mention.key)
            cls = _person_class(votes) if votes else "Person"
            mention = replace(mention, cls=cls)
        mentions.append(mention)
    unique = {(m.start, m.end, m.key): m for m in sorted(mentions, key=lambda m: m.confidence)}
    return sorted(unique.values(), key=lambda m: (m.start, m.end))


_MICROWORK = re.compile(
    r"microtravail|micro-?tache|microtask|micro-task|microwork|annot|etiquet|label|tagg|transcri|"
    r"par tache|per task|par image|per image|centimes|cents|crowd|clic"
)


def _sentence_around(text: str, offset: int) -> str:
    """The sentence-ish stretch of text around an offset (between full stops or newlines)."""
    start = max(text.rfind(".", 0, offset), text.rfind("\n", 0, offset)) + 1
    ends = [i for i in (text.find(".", offset), text.find("\n", offset)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


_ORG_HEADS = {
    "collectif",
    "organisation",
    "federation",
    "confederation",
    "union",
    "syndicat",
    "association",
    "institut",
    "observatoire",
    "fondation",
    "agence",
    "ministere",
    "conseil",
    "centre",
    "laboratoire",
    "universite",
    "ecole",
    "chambre",
    "comite",
    "commission",
    "direction",
    "caisse",
    "office",
    "autorite",
    "cooperative",
    "mutuelle",
    "coordination",
}
_ORG_CUE_NOUNS = {
    "syndicat",
    "collectif",
    "association",
    "cooperative",
    "federation",
    "organisation",
    "ong",
    "reseau",
}


def french_org_names(doc: Doc) -> list[tuple[int, int, str]]:
    """French names of bodies written in sentence case: "Organisation internationale du
    travail", "Collectif des travailleurs du numérique", "le syndicat Force des travailleurs
    africains". A capitalised head noun (or a capitalised word after "syndicat",
    "collectif"...) and the nouns, adjectives and prepositions that follow it."""
    spans: list[tuple[int, int, str]] = []
    tokens = tokens_of(doc)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        previous = fold(tokens[index - 1].text) if index else ""
        head = token.text[:1].isupper() and (
            fold(token.text) in _ORG_HEADS or previous in _ORG_CUE_NOUNS
        )
        if not head or (token.is_sent_start and fold(token.text) not in _ORG_HEADS):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and end - index < 9:
            nxt = tokens[end]
            if (
                nxt.pos_ in ("NOUN", "ADJ", "PROPN", "ADP", "DET", "NUM")
                and not nxt.is_punct
                and "\n" not in nxt.text
            ):
                end += 1
            else:
                break
        while end > index + 1 and tokens[end - 1].pos_ in ("ADP", "DET"):
            end -= 1
        if end - index >= 2:
            spans.append((token.idx, tokens[end - 1].idx + len(tokens[end - 1]), "ORG"))
        index = end
    return spans


_SAYS = re.compile(
    r"^\s*(?:,\s*)?(?:said|says|told|added|explained|asked|wrote|argued|noted|warned|recalled|"
    r"estime|explique|affirme|ajoute|souligne|raconte|confie|temoigne|declare|precise)\b"
    r"|^\s*,\s*(?:a|an|the|who|une?|la|le)\s+[a-z]|^\s*,\s*\d{2}\s*,|^\s*:"
)
_SAID_BY = re.compile(
    r"(?:said|says|according to|selon|told|asked|spoke to|talked to|by|with|avec|par)\s*$"
)


def _person_evidence(text: str, start: int, end: int, left: str, right: str) -> bool:
    """Something around capitalised words that says they name a person."""
    if _SAYS.search(right) or _SAID_BY.search(left) or _cue_class(_PERSON_CUES, left, right):
        return True
    surname = text[start:end].split()[-1]
    alone = re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)
    return len(alone) > text.count(text[start:end])  # the surname recurs on its own


def _with_article(name: str, lexicon: Lexicon) -> Entry | None:
    """ "Monde" in « Monde » is the lexicon's "Le Monde": names quoted without their article."""
    for article in ("Le ", "La ", "Les ", "The ", "L'"):
        hits = lexicon.find(article + name)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(article + name):
            return hits[0].entry
    return None


def _propn_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of two or three capitalised proper nouns: names the small model misses."""
    runs: list[tuple[int, int]] = []
    run: list = []
    for token in [*tokens_of(doc), None]:
        is_initial = token is not None and run and re.fullmatch(r"[A-Z]\.", token.text)
        if is_initial or (
            token is not None
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.is_alpha
        ):
            run.append(token)
            continue
        words = [t for t in run if not t.text.endswith(".")]
        if 2 <= len(words) <= 3 and not all(t.text.isupper() for t in words):
            runs.append((run[0].idx, run[-1].idx + len(run[-1])))
        run = []
    return runs


def _credits(text: str) -> list[tuple[int, int, str]]:
    """Picture credits: "Valentino BELLONI / Hans Lucas", "Illustration : C. Buée – Source"."""
    found = []
    for match in _CREDIT.finditer(text):
        found.append((match.start(1), match.end(1), match.group(1)))
    return found


_CREDIT = re.compile(
    r"(?:(?<=\s)|(?<=^)|"
    r"(?<=Illustration : ))"
    r"((?:[A-Z]\.\s?)?[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+){0,2})"
    r"(?=\s/\s[A-Z]|\s–\sSource)",
    re.MULTILINE,
)
_NOT_NAMES = {"dear", "cher", "chers", "chere", "bonjour", "merci", "hello"}
_DEMONYM = re.compile(r"(?:iens|iennes|ais|aises|ois|oises|ains|aines|ans)$")


def _person_class(votes: Counter[str]) -> str:
    """Most specific role named for the person; a worker hint outvotes a lone researcher cue."""
    for cls in ("Photographer", "Journalist", "Spokesperson", "Executive"):
        if votes.get(cls):
            return cls
    if votes.get("Researcher", 0) >= max(1, votes.get("Worker", 0)):
        return "Researcher"
    return "Worker" if votes.get("Worker") else "Person"


def _name_class(name: str) -> str | None:
    """A class the name itself says ("University of Ghana", "Northgate Data Services")."""
    words = fold(name).split()
    if len(words) < 2:
        return None
    for cls, suffixes in _NAME_SUFFIX_CUES:
        for suffix in suffixes:
            if (
                words[-1] == suffix
                or words[0] == suffix
                or (len(words) > 2 and suffix in words[1:-1] and cls != "Company")
            ):
                return cls
    return None


def _kind_of(cls: str) -> str:
    if cls in PLACE_CLASSES:
        return "place"
    if cls in PERSON_CLASSES:
        return "person"
    if cls == "SoftwareApplication":
        return "app"
    if cls in AI_CLASSES:
        return "ai"
    return "organisation"


def _first_at(text: str, name: str) -> int:
    """Where `name` first occurs in `text` (past the end if it does not)."""
    found = text.find(name)
    return found if found >= 0 else len(text)
