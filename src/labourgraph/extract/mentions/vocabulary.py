"""Word lists and patterns that tell names from other capitalised words, and trim them.

Plain data for the passes of `find_mentions`: what is said of a name lives in `context_words`,
what a name is made of (and what it is not) here. Folded word lists are lower case without
accents (`core.mint.fold`).
"""

from __future__ import annotations

import re

# -- what is not a name ---------------------------------------------------------------------------

# months and weekdays, English and French: capitalised, never names
MONTHS = {
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

# feasts and holidays: capitalised, dated, never places ("je travaille à Noël")
HOLIDAYS = {
    "noel",
    "paques",
    "toussaint",
    "christmas",
    "easter",
    "ramadan",
    "thanksgiving",
}

# words that make a month a date, not a name: "Last May", "A January 2023 investigation"
DATE_WORDS = {"last", "next", "early", "late", "mid", "this", "that", "a", "an", "the", "since"}

# English words that open a sentence capitalised, and the months
EN_COMMON = {
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
        "so",
        "how",
        "what",
        "why",
        "when",
        "where",
        "who",
        "yes",
        "then",
        "now",
        "here",
        "there",
        "also",
        "even",
        "just",
        "still",
        "yet",
        "however",
        "while",
        "although",
        "because",
        "once",
        "neither",
        "nor",
        "both",
        "another",
        "other",
        "such",
    ],
    *MONTHS,
}

# languages: capitalised in English, never actors
LANGUAGES = {
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
}

# a byline's job title ending a capitalised run ("Tom Reyes Correspondent"): no name
JOB_TITLES = {
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
}

# salutations that open a letter or an e-mail
NOT_NAMES = {"dear", "cher", "chers", "chere", "bonjour", "merci", "hello"}

# fields and techniques a text may capitalise for emphasis ("l'Intelligence Artificielle"):
# common nouns, never an actor (folded)
COMMON_PHRASES = {
    "intelligence artificielle", "artificial intelligence", "machine learning",
    "deep learning", "apprentissage automatique", "apprentissage profond", "big data",
    "data science", "science des donnees", "generative ai", "ia generative",
}  # fmt: skip

# French demonyms ("Vénézuéliens"): people, not places
DEMONYM = re.compile(r"(?:iens|iennes|ais|aises|ois|oises|ains|aines|ans)$")

# English adjectives and peoples ("Spanish", "Kenyans")
DEMONYM_EN = re.compile(r"(?:ish|ese|ian|ans|ians|an)$")

# "A.", "J. R. R.": initials alone
INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,3}$")

# -- what a name is made of -----------------------------------------------------------------------

# small words that a title leaves in lower case
SMALL_WORDS = {
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

# lower-case words inside a name: "University of Ghana", "Abdullah bin Zayed"
CONNECTORS = {
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

# characters after which a capitalised word opens a phrase, as at a sentence start
OPENERS = {'"', "“", "‘", "(", ":", "-", "•", "*", "–", "—"}

# the English model's entity labels, as the French model's
EN_LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "PRODUCT": "MISC",
}

# head nouns of French bodies written in sentence case ("Organisation internationale du
# travail")
ORG_HEADS = {
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
    "cour",
    "tribunal",
}

# nouns after which a capitalised word names a body ("le syndicat Force des travailleurs")
ORG_CUE_NOUNS = {
    "syndicat",
    "collectif",
    "association",
    "cooperative",
    "federation",
    "organisation",
    "ong",
    "reseau",
}

# -- trimming a span to its name ------------------------------------------------------------------

# quotes and articles before a name
STRIP_LEADING = re.compile(
    r"^(?:[«»\"“” ]+)?(?:l'|l’|d'|d’|la |le |les |the |du |de la |de |des )?", re.IGNORECASE
)

# capitalised words that open a sentence before a name: prepositions, titles, adverbs
LEADING_WORDS = re.compile(
    r"^(?:(?:By|In|On|At|For|From|To|With|Every|According to|When|After|Before|Since|During|"
    r"Between|Until|Through|Under|Over|About|"
    r"Across|Inside|Outside|Near|Like|Unlike|As|Said|Says|Meanwhile|Today|Yesterday|"
    r"Professor|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Mme|M\.|Madame|Monsieur|Docteur|Professeur|"
    r"Professeure|"
    r"Selon|Pour|Chez|Dans|Avec|Depuis|Entre|Par|Quand|Lorsque)\s+)+"
)

# spaces, punctuation and footnote digits after a name (but "TF1", "M6" keep theirs)
TRAILING_JUNK = re.compile(r"(?:[\s\W]|(?<=[a-zà-ÿ\d])\d|(?<=[^\w\s])\d)+$")
"""Punctuation and footnote digits ending a name ("Casilli1"); a number after a space is part
of it ("Europe 1", "France 24")."""

# footnote digits after a name, or whatever follows a line break
SURFACE_TAIL = re.compile(r"(?<=[a-zà-ÿ])\d+$|\n|\s+(?:at\s+|on\s+)?(?:https?://|www\.)")
# the same, and a person's affiliation: "Marie Dupont de l'EHESS", "Paul Martin chez Orange"
PERSON_SURFACE_TAIL = re.compile(r"\d+$|\n|\s(?:d'|de |chez |du )")

# an elided word cut off a name by its apostrophe: "Oskarina Fuentes n’a" (French)
ELIDED_TAIL = re.compile(r"\s+(?:n|l|d|j|m|s|t|qu|c)$")

# a possessive after a name: "The Bureau of Investigative Journalism's"
POSSESSIVE = re.compile(r"['’]s?$")

# a middle initial ("Antonio A. Casilli")
INITIAL = re.compile(r"[A-Z]\.")

# "West Africa", "Central Asia", "Global South": a region
COMPASS = re.compile(
    r"(?:West|East|North|South|Central|Northern|Southern|Eastern|Western|Global)\s"
    r"|(?:Sub-Saharan|sub-Saharan|Subsaharan)\s"
)

# the lower-case words that open a region's name before a known place: "sub-Saharan Africa"
REGION_PREFIX = re.compile(r"\b(?:sub-saharan|subsaharan)\s+$", re.IGNORECASE)

# after a country's short name, the currency it qualifies: "US$2", "US dollars"
CURRENCY_AFTER = re.compile(r"\s?\$|\s+dollars?\b")

# a line that is only names of people: a byline ("Carlos Bajo Erro", "Clément Le Ludec &
# Maxime Cornet")
BYLINE_LINE = re.compile(
    r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|du|van|von)){1,3}"
    r"(?:\s+(?:&|and|et)\s+[A-ZÀ-Ý][\w’'-]+(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|du|van|von)){1,3})*"
)

# a byline opening a line: "By Tom Reyes", "Par Claire Dubois"
BYLINE = re.compile(r"\s*(?:By|Par|par|Written by)\s")

# -- what the text around a name says -------------------------------------------------------------

# after a name, a verb of saying or an apposition: a person speaks
SAYS = re.compile(
    r"^\s*(?:,\s*)?(?:said|says|told|added|explained|asked|wrote|argued|noted|warned|recalled|"
    r"estime|explique|affirme|ajoute|souligne|raconte|confie|temoigne|declare|precise)\b"
    r"|^\s*,\s*(?:a|an|the|who|une?|la|le)\s+[a-z]|^\s*,\s*\d{2}\s*,|^\s*:"
)

# before a name, "said", "according to", "by": a person
SAID_BY = re.compile(
    r"(?:said|says|according to|selon|told|asked|spoke to|talked to|by|with|avec|par)\s*$"
)

# "(Tubaro et al., 2020)", "Hara et al. (2018)": an author cited by surname
CITATION = re.compile(
    r"\(?\b([A-Z][a-zà-ÿ]+)(?:(?: et al\.?| and [A-Z][a-z]+| & [A-Z][a-z]+)?,\s(?:19|20)\d\d\)?"
    r"| et al\.?\s*\(?(?:19|20)\d\d)"
)

# after a surname, "et al": the rest of a citation, never part of the name
ET_AL = re.compile(r"\s+et al\.?$")

# a picture credit that names the agency first: "( AFP / Arun SANKAR )"
CREDIT_AGENCY_FIRST = re.compile(
    r"\(\s*[A-Z][A-Za-z]*\s*/\s*((?:[A-Z]\.\s?)?[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+){0,2})\s*\)"
)

# picture credits: "Valentino BELLONI / Hans Lucas", "Illustration : C. Buée – Source"
CREDIT = re.compile(
    r"(?:(?<=\s)|(?<=^)|"
    r"(?<=Illustration : ))"
    r"((?:[A-Z]\.\s?)?[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+){0,2})"
    r"(?=\s/\s[A-Z]|\s–\sSource)",
    re.MULTILINE,
)

# the words of paid microtasks: a platform in their sentence is a microwork platform
MICROWORK = re.compile(
    r"microtravail|micro-?tache|microtask|micro-task|microwork|annot|etiquet|label|tagg|transcri|"
    r"par tache|per task|par image|per image|centimes|cents|crowd|clic"
)

# a capitalised word just before a surname: "Si Chen, vice-président"
FIRST_NAME_BEFORE = re.compile(r"([A-Z][a-zà-ÿ]+)\s$")

# before a name, what makes it the interviewer: "X spoke to Tom Reyes"
INTERVIEWER_BEFORE = re.compile(
    r"(?:spoke to|talked to|interviewed by|interview with|entretien avec|"
    r"interview avec)\s*$"
)

# after a first name, an apposition that says who they are: "Carlos, un ancien modérateur",
# "Carolina, a former TikTok moderator" (folded): a person the text names by first name only
ROLE_APPOSITION = re.compile(r"^\s*,\s*(?:a|an|the|une?|la|le|l')\s")

# after a name, a picture credit's agency: "Name / Agency"
CREDIT_AFTER = re.compile(r"\s*/\s*\w")

# after a name, an age: "Aïcha Ndiaye, 27 ans,", "Mensah, 29,"
AGE_AFTER = re.compile(r",\s*\d{2}\s*(?:ans|years old|,)")

# before a name, an age: "25-year-old Jay", "a 32 year old Maria" (the press's witnesses)
AGE_BEFORE = re.compile(r"\b\d{2}[-\s]years?[-\s]old\s+$")

# before English capitalised words with nothing of a person: "in", "from", "a" frame a place
EN_PLACE_BEFORE = re.compile(r"(?:\bin|\bat|\bfrom|\bto|\ba|\ban)\s*$")

# around a name that no one calls a person, what makes it a news outlet: "told Insider",
# "repéré par Le Figaro", "The Bureau … reported", "Insider's request for comment", "a report by
# X", "a X article", a source in brackets ("[X, 2023, archive]") (folded)
MEDIA_BEFORE = re.compile(
    r"(?:\btold|\breported by|\bpublished by|\brevealed by|\brepere par|\breleve par|"
    r"\brevele par|\brapporte par|\bcite par|\brelaye par|\bconfie a|\ba declare a|"
    r"\breportage(?: du [a-z0-9]+)? de|\bau micro de|\ba l'antenne de|\bsur le plateau de|"
    r"\bdans les colonnes d[eu]|\binterroge(?:e?s)? par|\binterviewed by|\bin an interview with|"
    r"(?<!research )\breports? (?:by|from)|\barticle (?:by|from|in)|\bshared with|\btells? the|"
    r"\benquete d[eu]|\[)\s*$"
)
MEDIA_AFTER = re.compile(
    r"^\s*(?:(?:reported|reports|has reported|revealed|'s? request for comment|a rapporte|"
    r"rapporte|a revele|revele|a publie|publie|article|report|'s? (?:report|article|story|"
    r"investigation))\b|\]|,\s*(?:(?:19|20)\d\d\s*,\s*)?archive\b)"
)

# before an English name, a preposition of place: "in Lima", "from Dhaka" (not the article
# "a", which the French "à" folds to)
EN_PLACE_PREPOSITION = re.compile(r"\b(?:in|from|near|to|at|across|outside|inside)\s*$")

# before a name, a preposition of place: "in Lima", "à Medellín" (folded: "a")
PLACE_BEFORE = re.compile(r"(?:\bin|\bfrom|\bnear|\bto|\ba|\ben|\bau|\bvers)\s*$")

# before a place, the noun that says what kind: "l'État du Jharkhand", "the city of Lima",
# "le village de Parchuttu" (folded)
PLACE_KIND_BEFORE = [
    (
        "Region",
        re.compile(
            r"(?:\betat|\bstate|\bprovince|\bregion|\bdistrict|\bcomte|\bcounty|\bdepartement)"
            r"\s+(?:of\s+|de\s+|du\s+|d'|de la\s+)?$"
        ),
    ),
    (
        "City",
        re.compile(
            r"(?:(?:\bville|\bcity|\btown|\bvillage|\bbidonville|\bslum)"
            r"\s+(?:of\s+|de\s+|du\s+|d')?|(?:\bcapitale|\bcapital)\s*,\s*)$"
        ),
    ),
]

# after a place, what says what kind: "Antananarivo, capital of Madagascar" (folded)
PLACE_KIND_AFTER = [
    ("City", re.compile(r"^\s*,?\s*(?:la |the )?(?:capitale|capital|ville|city|town)\b")),
    ("Region", re.compile(r"^\s*(?:state|province|region)\b")),
]

# after a place, the country it lies in: "Lima, Peru", "Medellín, en Colombie"
COUNTRY_AFTER = re.compile(
    r",?\s*(?:en |au |aux |in )?([A-ZÉ][\w’' -]+?)(?=[,.;:)\n]|\s(?:—|–|-)\s|$)"
)
