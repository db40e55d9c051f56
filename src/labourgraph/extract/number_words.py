"""The word tables of the number grammar (`extract.quantities`): how numbers, scale words,
currencies, per-units, hedges and months are written in French and English, as regular
expression sources and lookup tables. Data, not logic: the grammar compiles them once.
"""

from __future__ import annotations

import re
from decimal import Decimal

SP = r"[^\S\r\n]"  # horizontal white space, NBSP (U+00A0) and NNBSP (U+202F) included
SEP = "[ \u00a0\u202f\u2009]"  # thousands separators between digit groups
A = "['\u2019\u02bc]"  # apostrophes, straight and typographic
NOT_LETTER_AFTER = r"(?![^\W\d_])"
FLAGS = re.IGNORECASE

# Digit numbers. French: space-like thousands separators, "1.000.000", decimal comma, and a
# decimal point when the dotted part is not a group of three ("1.5"). English: comma or
# space-like thousands separators and a decimal point.
INT_FR = (
    rf"[0-9]{{1,3}}(?:{SEP}[0-9]{{3}}(?![0-9]))+"
    r"|[0-9]{1,3}(?:\.[0-9]{3}(?![0-9]))+(?!\.[0-9])"
    r"|[0-9]+"
)
DEC_FR = r"(?:[.,][0-9]+)?"
INT_EN = rf"[0-9]{{1,3}}(?:,[0-9]{{3}}(?![0-9]))+|[0-9]{{1,3}}(?:{SEP}[0-9]{{3}}(?![0-9]))+|[0-9]+"
DEC_EN = r"(?:\.[0-9]+)?"
# Where a number starts. It may not continue a word, a code, a path or another number
# ("Casilli1", "Bac+2", "Covid-19", "/2020", "2/3", the "5" of "7,5"). The digit comes first
# and the look-behinds after it, so that the regex engine can skip to digits quickly.
# A number glued to letters is no figure ("Covid-19", "A4"), except after a currency abbreviation
# written against it ("Ksh283", "Rs500").
NUM_START_SRC = (
    r"(?:(?<=(?-i:K[Ss]h))|(?<=(?-i:K[Ss]hs))|(?<=(?-i:Rs))"
    r"|(?<![\w/=#@&:.,\-\u2010\u2011\u2212]))"
    r"[0-9](?<![^\W\d_]\+[0-9])(?<![0-9][\u2013/][0-9])"
)

WORDS_FR: dict[str, int] = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}  # fmt: skip
WORDS_EN: dict[str, int] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}  # fmt: skip
MULTIPLIERS = {"cent", "cents", "hundred", "mille", "thousand"}

# Scale words after a number. "billion" is 10^12 in French, 10^9 in English.
SCALES: dict[str, dict[str, Decimal]] = {
    lang: {
        "million": Decimal(10**6),
        "millions": Decimal(10**6),
        "milliard": Decimal(10**9),
        "milliards": Decimal(10**9),
        "mille": Decimal(1000),
        "thousand": Decimal(1000),
        "hundred": Decimal(100),
        "billion": Decimal(10**12 if lang == "fr" else 10**9),
        "billions": Decimal(10**12 if lang == "fr" else 10**9),
        "trillion": Decimal(10**18 if lang == "fr" else 10**12),
        "trillions": Decimal(10**18 if lang == "fr" else 10**12),
    }
    for lang in ("fr", "en")
}
SCALE_ABBR: dict[str, Decimal] = {
    "k": Decimal(10**3),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "md": Decimal(10**9),
    "mds": Decimal(10**9),
    "mrd": Decimal(10**9),
    "mrds": Decimal(10**9),
    "bn": Decimal(10**9),
}
SCALE_WORD_SRC = (
    r"millions?|milliards?|mille|billions?|trillions?|thousand|hundred" + NOT_LETTER_AFTER
)

USD = (
    rf"dollars?{SP}+(?:américains|US|des{SP}+États-Unis)|(?:US|American){SP}+dollars?"
    rf"|US{SP}?\$|\${SP}?US|dollars?|\$|(?-i:USD)"
)
# Currencies and percent after a number: (pattern, unit, exponent, cents_without_currency).
# Order matters: the first alternative that matches wins, so specific forms come first.
UNITS: list[tuple[str, str | None, int, bool]] = [
    (r"%|pour[-\s]?cents?|percent|per\s?cent", "percent", 0, False),
    # a ratio: "cinq fois plus élevée", "three times the local wage" (never "trois fois par
    # semaine", "three times a week": a frequency)
    (
        rf"fois(?={SP}+(?:plus|moins|mieux|autant|sup[ée]rieure?s?|inf[ée]rieure?s?|le|la|les|"
        rf"l{A}|son|sa|ses|leur|leurs|ce|ces)(?![^\W\d_]))"
        rf"|times(?={SP}+(?:more|less|higher|lower|greater|fewer|larger|smaller|bigger|as|the|"
        rf"what|their|its|his|her|that)(?![^\W\d_]))",
        "times",
        0,
        False,
    ),
    (rf"centimes?{SP}+d{A}{SP}?euros?", "EUR", 2, False),
    (rf"centimes?{SP}+de{SP}+dollars?(?:{SP}+(?:américains|US))?", "USD", 2, False),
    (rf"cents?{SP}+d{A}{SP}?euros?|euro{SP}?cents?", "EUR", 2, False),
    (rf"(?:US|American){SP}+cents?|cents?{SP}+de{SP}+dollars?", "USD", 2, False),
    (rf"cents?{SP}+australiens|Australian{SP}+cents?", "AUD", 2, False),
    (r"centimes?", "EUR", 2, True),
    (r"cents?|¢", "USD", 2, True),
    (r"euros?|€|(?-i:EUR)", "EUR", 0, False),
    (
        rf"dollars?{SP}+canadiens|(?:Canadian|(?-i:CAD)){SP}+dollars?|C\$|(?-i:CAD)",
        "CAD",
        0,
        False,
    ),
    (rf"dollars?{SP}+australiens|Australian{SP}+dollars?|(?-i:AU?)\$|(?-i:AUD)", "AUD", 0, False),
    (USD, "USD", 0, False),
    (rf"pesos?{SP}+colombiens|Colombian{SP}+pesos?|(?-i:COP)", "COP", 0, False),
    (rf"pesos?{SP}+mexicains|Mexican{SP}+pesos?|(?-i:MXN)", "MXN", 0, False),
    (rf"pesos?{SP}+philippins|Philippine{SP}+pesos?|₱|(?-i:PHP)", "PHP", 0, False),
    (rf"pesos?{SP}+argentins|Argentine{SP}+pesos?|(?-i:ARS)", "ARS", 0, False),
    (rf"pesos?{SP}+chiliens|Chilean{SP}+pesos?|(?-i:CLP)", "CLP", 0, False),
    (r"pesos?", None, 0, False),
    (rf"livres?{SP}+[ée]gyptiennes|Egyptian{SP}+pounds?|(?-i:EGP)", "EGP", 0, False),
    (rf"livres?{SP}+sterling|pounds?(?:{SP}+sterling)?|£|(?-i:GBP)", "GBP", 0, False),
    (rf"soles|nuevos{SP}+soles|(?-i:PEN)", "PEN", 0, False),
    (r"cedis?|(?-i:GHS)", "GHS", 0, False),
    (r"ariarys?|(?-i:MGA)", "MGA", 0, False),
    (rf"shillings?{SP}+ougandais|Ugandan{SP}+shillings?|(?-i:UGX)", "UGX", 0, False),
    (rf"shillings?{SP}+tanzaniens|Tanzanian{SP}+shillings?|(?-i:TZS)", "TZS", 0, False),
    (rf"dirhams?{SP}+marocains|Moroccan{SP}+dirhams?|(?-i:MAD)", "MAD", 0, False),
    (rf"roupies?{SP}+pakistanaises|Pakistani{SP}+rupees?|(?-i:PKR)", "PKR", 0, False),
    (r"takas?|(?-i:BDT)", "BDT", 0, False),
    (rf"roupies?{SP}+indon[ée]siennes|rupiahs?|(?-i:IDR)", "IDR", 0, False),
    (r"ringgits?|(?-i:MYR)", "MYR", 0, False),
    (r"bahts?|(?-i:THB)", "THB", 0, False),
    (r"dongs?|(?-i:VND)", "VND", 0, False),
    (r"birrs?|(?-i:ETB)", "ETB", 0, False),
    (r"hryvnias?|(?-i:UAH)", "UAH", 0, False),
    (r"zlotys?|(?-i:PLN)", "PLN", 0, False),
    (r"lei|(?-i:RON)", "RON", 0, False),
    (rf"livres?{SP}+turques|Turkish{SP}+liras?|liras?|(?-i:TRY)", "TRY", 0, False),
    (rf"roupies?(?:{SP}+indiennes?)?|(?:Indian{SP}+)?rupees?|₹|(?-i:INR)", "INR", 0, False),
    (
        rf"bol[ií]vars?(?:{SP}+(?:soberanos?|vénézuéliens))?|bol[ií]vares|(?-i:VES)",
        "VES",
        0,
        False,
    ),
    (r"reais|réaux|reals|R\$|(?-i:BRL)", "BRL", 0, False),
    (rf"shillings?{SP}+k[ée]nyans|Kenyan{SP}+shillings?|(?-i:K[Ss]hs?|KES)", "KES", 0, False),
    (r"shillings?", None, 0, False),
    (r"nairas?|₦|(?-i:NGN)", "NGN", 0, False),
    (r"(?-i:XOF)", "XOF", 0, False),
    (r"(?-i:XAF)", "XAF", 0, False),
    (rf"francs?{SP}+CFA|(?-i:FCFA)", None, 0, False),
    (rf"francs?{SP}+suisses|Swiss{SP}+francs?|(?-i:CHF)", "CHF", 0, False),
    (r"francs?", None, 0, False),
    (r"yuans?|renminbi|(?-i:CNY|RMB)", "CNY", 0, False),
    (r"yens?|¥|(?-i:JPY)", "JPY", 0, False),
    (r"rands|(?-i:ZAR)", "ZAR", 0, False),
]
# Fractions said in words, as shares: "inférieur de moitié", "un tiers d'entre eux", "half of
# the workers", "two thirds of respondents", "a third of global online workers", "two-thirds
# of the total" (never "à moitié", "the second half of 2020", "half an hour"). What follows
# names the whole: "of" and a word, or a determiner or a worker noun straight after.
_WHOLE = (
    rf"(?={SP}+(?:of{SP}+[^\W\d_]|(?:the|all|them|these|those|their|its|our|de|des|du|"
    rf"[^\W\d_]+(?:ers|ants|ents|ees|ors))(?![^\W\d_])|d{A}))"
)
_JOIN = rf"(?:{SP}+|-)"  # "two thirds", "two-thirds"
FRACTIONS: list[tuple[str, str]] = [
    (rf"(?:la|de|d{A}une|une){SP}+moitié|(?<!first{SP})(?<!second{SP})half{_WHOLE}"
     rf"|(?<=by{SP})half", "50"),
    (rf"(?:les{SP}+)?deux{SP}+tiers{_WHOLE}|two{_JOIN}thirds{_WHOLE}", "66.7"),
    (rf"(?:un|le|d{A}un){SP}+tiers{_WHOLE}|(?:a|one){_JOIN}third{_WHOLE}", "33.3"),
    (rf"(?:les{SP}+)?trois{SP}+quarts{_WHOLE}|three{_JOIN}quarters{_WHOLE}", "75"),
    (rf"(?:un|le|d{A}un){SP}+quart(?!{SP}+d(?:e{SP}+|{A})(?:siècle|heure))"
     rf"{_WHOLE}|(?:a|one){_JOIN}quarter(?!{SP}+of{SP}+an?{SP})(?!{SP}+of{SP}+the{SP}+century){_WHOLE}",
     "25"),
]  # fmt: skip
FRACTION_SRC = "|".join(f"(?P<f{i}>{pattern})" for i, (pattern, _) in enumerate(FRACTIONS))

_CFA_COUNTRIES = [
    (r"s[ée]n[ée]gal|ivoir|ivory|abidjan|dakar|burkina|mali(?:ens?|ennes?|an)?\b|"
     r"niger(?!ia)|togo|b[ée]nin", "XOF"),
    (r"cameroun|cameroon|douala|yaound|gabon|tchad|chad\b|centrafri|central\s+african", "XAF"),
]  # fmt: skip
"""The countries of the West African (XOF) and Central African (XAF) CFA francs."""

# Currency words several countries use ("pesos", "shillings", "francs CFA"): the stems of the
# countries (and their nationality adjectives) whose currency each may be, and the currency to
# assume when the text names none of them (None: no ISO code is guessed). An amount in such a
# word takes the currency of the one country of its family that the text names.
CURRENCY_FAMILIES: dict[str, tuple[list[tuple[str, str]], str | None]] = {
    r"pesos?": ([(r"colombi", "COP"), (r"mexi", "MXN"), (r"philippin|filipin|manil", "PHP"),
                 (r"argentin", "ARS"), (r"chil[ie]", "CLP")], None),
    r"shillings?": ([(r"k[eé]ny|nairobi", "KES"), (r"ougand|ugand|kampala", "UGX"),
                     (r"tanzani", "TZS")], None),
    # CFA francs; the West African when unsaid, as the grammar always read them
    rf"francs?{SP}+CFA|(?-i:FCFA)": (_CFA_COUNTRIES, "XOF"),
    # francs alone: Swiss ones in a text about Switzerland ("2000 francs par semaine", Blick),
    # CFA ones in a text about a country of the CFA franc; none guessed otherwise
    r"francs?": (
        [(r"suisse|swiss|switzerland|gen[eè]v|geneva|zurich|lausanne|\bberne?\b", "CHF"),
         *_CFA_COUNTRIES], None),
}  # fmt: skip

# Growth said by a verb of multiplying, as a ratio: "multipliées par cinq", "multiplied by 3",
# "a triplé", "a presque décuplé", "tripled", "a fourfold rise" (never "double peine", "a
# double shift": only the verb's participles and the "-fold" words are read).
MULTIPLIED_BY = r"multipli[ée]e?s?|multiplier|multiplied|multiply"
MULTIPLYING_WORDS: dict[str, int] = {
    "doublé": 2, "doublée": 2, "doublés": 2, "doublées": 2, "doubled": 2, "twofold": 2,
    "triplé": 3, "triplée": 3, "triplés": 3, "triplées": 3, "tripled": 3, "threefold": 3,
    "quadruplé": 4, "quadruplée": 4, "quadruplés": 4, "quadruplées": 4, "quadrupled": 4,
    "fourfold": 4, "quintuplé": 5, "quintupled": 5, "fivefold": 5, "décuplé": 10,
    "décuplée": 10, "décuplés": 10, "décuplées": 10, "tenfold": 10, "centuplé": 100,
    "hundredfold": 100,
}  # fmt: skip

# Rupees written "Rs" or "rupees" with no country are India's unless the text names one other
# country of the rupee (and not India): "He earns Rs350 per hour … Pakistan's minimum".
RUPEE_WORDS = r"(?-i:Rs)\.?|rupees?|roupies?"
RUPEE_COUNTRIES: list[tuple[str, str]] = [
    (r"pakistan", "PKR"), (r"sri[ -]lank", "LKR"), (r"n[ée]pal", "NPR"), (r"inde\b|india", "INR"),
]  # fmt: skip

UNITS_SRC = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, *_) in enumerate(UNITS))
UNIT_AFTER = rf"(?:{UNITS_SRC})(?![^\W\d_])"

# Currency signs and codes before a number: "$15", "US$15", "€ 15", "USD 15".
PREFIXES: list[tuple[str, str]] = [
    (rf"US{SP}?\$", "USD"),
    (r"C\$", "CAD"),
    (r"(?<![^\W\d_])(?-i:AU?)\$", "AUD"),
    (r"R\$", "BRL"),
    (r"\$", "USD"),
    (r"€", "EUR"),
    (r"£", "GBP"),
    (r"₹|(?-i:Rs)\.?", "INR"),
    (r"₱", "PHP"),
    (r"¥", "JPY"),
    (r"₦", "NGN"),
    (r"(?<![^\W\d_])(?-i:K[Ss]hs?\.?)", "KES"),  # "KSh 500", "Ksh283", "Kshs. 50"
    (
        r"(?<![^\W\d_])(?-i:(?P<code>USD|EUR|GBP|INR|KES|PHP|COP|MXN|BRL|VES|NGN|CAD|AUD|CHF"
        r"|CNY|JPY|ZAR|ARS|CLP|XOF|XAF|PEN|GHS|MGA|UGX|TZS|EGP|MAD|PKR|BDT|IDR|MYR|THB|VND|ETB|UAH|PLN|TRY))",
        "",
    ),
]
PREFIX_SRC = "|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(PREFIXES))

PER_NOUNS: dict[str, str] = {
    "hour": r"heures?|hours?|hrs?",
    "day": r"jours?|journées?|days?",
    "week": r"semaines?|weeks?",
    "month": r"mois|months?",
    "year": r"années?|ans?|years?|annum",
    "task": r"micro-?tâches?|tâches?|micro-?tasks?|tasks?|(?-i:HITs?)|missions?",
    "word": r"mots?|words?",
    "article": r"articles?",
    "product": r"produits?|products?",
    "image": r"images?|photos?",
    "click": r"clics?|clicks?",
    "page": r"pages?",
}
PER_PLURAL = {"word": "words", "task": "tasks", "article": "articles", "product": "products",
               "image": "images", "click": "clicks", "page": "pages"}  # fmt: skip
PER_NOUN_SRC = "|".join(f"(?P<n_{key}>{src})" for key, src in PER_NOUNS.items())
PER_COUNT = r"[0-9]{1,3}(?:[ ,\u00a0\u202f][0-9]{3})+|[0-9]+"  # "pour 1 000 mots"
PER_SRC = (
    rf"{SP}*(?:(?:bruts?|nets?|gross|(?-i:HT|TTC)){SP}+)?"
    r"(?:"
    rf"(?:(?:pour|par|per|for|les|the|every){SP}+(?P<count>{PER_COUNT}){SP}+)"
    rf"|(?:par|per|each|every){SP}+|/{SP}?|(?:a|an){SP}+|(?:la|le){SP}+"
    rf"|(?:(?:de|à){SP}+)?l{A}"
    r")"
    rf"(?:{PER_NOUN_SRC}|(?<=/)(?P<n_hour2>h))"
    rf"{NOT_LETTER_AFTER}"
)

QUALIFIERS: list[tuple[str, str]] = [
    (rf"un{SP}+peu{SP}+plus{SP}+d(?:e{SP}+|{A})|plus{SP}+d(?:e{SP}+|{A})"
     rf"|(?:just{SP}+)?(?:more|over){SP}+than{SP}+|(?:just{SP}+)?over{SP}+"
     rf"|d[ée]pass(?:e|ent|ait|aient|ant){SP}+(?:(?:facilement|largement|souvent){SP}+)?"
     rf"(?:les{SP}+)?|exceed(?:s|ed|ing)?{SP}+(?:the{SP}+)?"
     rf"|au(?:-|{SP}+)del[àa]{SP}+d(?:e{SP}+|{A})|beyond{SP}+"
     rf"|in{SP}+excess{SP}+of{SP}+|upwards{SP}+of{SP}+", "more than"),
    (rf"pas{SP}+moins{SP}+d(?:e{SP}+|{A})|au{SP}+moins{SP}+|au{SP}+minimum{SP}+"
     rf"|at{SP}+least{SP}+|no{SP}+(?:fewer|less){SP}+than{SP}+"
     rf"|à{SP}+partir{SP}+d(?:e{SP}+|{A})", "at least"),
    (rf"moins{SP}+d(?:e{SP}+|{A})|(?:less|fewer){SP}+than{SP}+|under{SP}+", "less than"),
    (rf"jusqu{A}{SP}?(?:à|a){SP}+|pas{SP}+plus{SP}+d(?:e{SP}+|{A})|up{SP}+to{SP}+"
     rf"|at{SP}+most{SP}+|no{SP}+more{SP}+than{SP}+|(?:tout{SP}+)?au{SP}+plus{SP}+"
     rf"|au{SP}+maximum{SP}+|an?{SP}+maximum{SP}+of{SP}+"
     rf"|as{SP}+(?:many|much){SP}+as{SP}+"
     # what a pay "can reach" is its top, not its level ("peut parfois atteindre 2 dollars")
     rf"|(?:peu(?:t|vent)|pourrai(?:t|ent)|pouvant)(?:{SP}+(?:parfois|même|souvent))?{SP}+"
     rf"atteindre{SP}+(?:les{SP}+)?|(?:can|could|may|might){SP}+reach{SP}+", "up to"),
    (rf"près{SP}+d(?:e{SP}+|{A})|presque{SP}+|quasiment{SP}+|nearly{SP}+|almost{SP}+"
     rf"|close{SP}+to{SP}+", "nearly"),
    (rf"environ{SP}+|autour{SP}+d(?:e{SP}+|{A})|à{SP}+peu{SP}+près{SP}+"
     rf"|approximativement{SP}+|quelque{SP}+|about{SP}+|around{SP}+|roughly{SP}+"
     rf"|approximately{SP}+|some{SP}+|an{SP}+estimated{SP}+"
     rf"|de{SP}+l{A}ordre{SP}+d(?:e{SP}+|{A})|aux{SP}+alentours{SP}+d(?:e{SP}+|{A})"
     rf"|in{SP}+the{SP}+region{SP}+of{SP}+", "about"),
]  # fmt: skip
QUALIFIER_SRC = "|".join(f"(?P<q{i}>{pattern})" for i, (pattern, _) in enumerate(QUALIFIERS))

MONTHS = (
    r"janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t"
    r"|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|october|november|december"
)
# Durations, ages and clock times after a bare number: not figures this module reports.
TIME_UNITS = (
    r"h|heures?|hours?|hrs?|min(?:utes?)?|sec(?:ondes?|onds?)?|ans?|années?|years?|yrs?"
    r"|jours?|days?|semaines?|weeks?|mois|months?|décennies|decades?|siècles?|centur(?:y|ies)"
    r"|(?-i:am|pm|AM|PM)|a\.m\.|p\.m\."
)

# A count that stands for a noun already said: a number word that closes its clause after a
# copula or a comparison ("avant, c'était seulement trois", "it used to be only three.",
# "contre deux."). The noun it counts is the one the figure before it counts.
ELLIPSIS_BEFORE = (
    rf"(?<![^\W\d_])(?:c{A}(?:était|etait|est|étaient)|(?:il|elle|ce)s?{SP}+(?:étai(?:t|en)t|sont|"
    rf"était)|contre|versus|vs\.?|(?:it|they|that){SP}+(?:was|were|is|are|used{SP}+to{SP}+be)"
    rf"|compared{SP}+(?:with|to)|against)"
    rf"{SP}+(?:(?:seulement|juste|à{SP}+peine|que|plus{SP}+que|only|just|barely|merely)"
    rf"{SP}+)?\Z"
)
ELLIPSIS_AFTER = rf"{SP}*(?:[,;.!?»)\u201d\"]|{SP}*(?:[\u2013\u2014-]{SP})|\n|\Z)"
