"""The number grammar: a table of French and English phrases (every figure of the seed corpus
among them), phrases that must yield nothing, and Hypothesis properties."""

from __future__ import annotations

import doctest
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labourgraph.extract import quantities
from labourgraph.extract.quantities import Quantity, find_durations, find_quantities, parse_number

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
NBSP, NNBSP = "\u00a0", "\u202f"

# (expression, value, min, max, unit, per_unit, qualifier)
Row = tuple[str, str | None, str | None, str | None, str | None, str | None, str | None]


def v(span: str, value: str, unit: str | None = None, per: str | None = None,
      qualifier: str | None = None) -> Row:  # fmt: skip
    """A single-valued expected row."""
    return (span, value, None, None, unit, per, qualifier)


def r(span: str, low: str, high: str, unit: str | None = None, per: str | None = None,
      qualifier: str | None = None) -> Row:  # fmt: skip
    """An expected range row."""
    return (span, None, low, high, unit, per, qualifier)


# (text, lang, expected rows). The expected list is the *whole* result, so every row also
# checks that nothing else is found in the text.
CASES: list[tuple[str, str, list[Row]]] = [
    # --- seed 000
    ("notre équipe a dénombré près de 15 000 personnes qui se connecteraient", "fr",
     [v("près de 15 000", "15000", None, None, "nearly")]),
    ("plates-formes de microtravail – plus de 50 000 au moins une fois par mois –", "fr",
     [v("plus de 50 000", "50000", None, None, "more than")]),
    ("et plus de 260 000 microtravailleurs seraient inscrits", "fr",
     [v("plus de 260 000", "260000", None, None, "more than")]),
    ("des missions mieux payées, autour de 15 dollars de l’heure.", "fr",
     [v("autour de 15 dollars de l’heure", "15", "USD", "hour", "about")]),
    ("15 dollars de l'heure", "fr", [v("15 dollars de l'heure", "15", "USD", "hour")]),
    ("Appen déclare avoir vu son activité croître de 30 % depuis avril 2020.", "fr",
     [v("30 %", "30", "percent")]),
    ("Clickworker dit avoir atteint les 2 millions de travailleurs inscrits", "fr",
     [v("2 millions", "2000000")]),
    # --- seed 001
    ("Elle a été très faiblement adoptée, par 12\u00a0% de la population.", "fr",
     [v(f"12{NBSP}%", "12", "percent")]),
    ("56% des microtravailleurs sont des femmes", "fr",
     [v("56%", "56", "percent")]),
    ("260 000 «travailleurs du clic» effectueraient ces petites tâches", "fr",
     [v("260 000", "260000")]),
    ("nous avons dénombré 23 plateformes de microtravail dans l’Hexagone, dont 14 sont", "fr",
     [v("23", "23"), v("14", "14")]),
    (f"sur laquelle nous avons interrogé près de 1{NBSP}000 microtravailleurs", "fr",
     [v(f"près de 1{NBSP}000", "1000", None, None, "nearly")]),
    (f"en France, 15{NBSP}000 personnes seraient très actives ; 50{NBSP}000 seraient", "fr",
     [v(f"15{NBSP}000", "15000"),
      v(f"50{NBSP}000", "50000")]),
    (f"56{NBSP}% des microtravailleurs en France sont des femmes ; 63{NBSP}% des "
     f"microtravailleurs ont entre 25 et 44 ans, et 64{NBSP}% ont un emploi principal.", "fr",
     [v(f"56{NBSP}%", "56", "percent"),
      v(f"63{NBSP}%", "63", "percent"),
      v(f"64{NBSP}%", "64", "percent")]),
    (f"À noter que 22{NBSP}% des microtravailleurs sont au-dessous du seuil de pauvreté", "fr",
     [v(f"22{NBSP}%", "22", "percent")]),
    (f"Ainsi, 43{NBSP}% ont un diplôme supérieur à Bac+2.", "fr",
     [v(f"43{NBSP}%", "43", "percent")]),
    (f"Les revenus perçus sont en moyenne de 21{NBSP}euros par mois, ce qui", "fr",
     [v(f"21{NBSP}euros par mois", "21", "EUR", "month")]),
    # --- seed 003
    ("des micro-tâches payées entre 5 et 25 centimes. D’un clic", "fr",
     [r("entre 5 et 25 centimes", "0.05", "0.25", "EUR")]),
    ("les Vénézuéliens représentaient jusqu’à 75% de la main-d’œuvre", "fr",
     [v("jusqu’à 75%", "75", "percent", None, "up to")]),
    ("Avant 2022, Fuentes gagnait environ 500 dollars par mois, suffisamment", "fr",
     [v("environ 500 dollars par mois", "500", "USD", "month", "about")]),
    ("ses revenus ont chuté à 1 410 000 pesos colombiens (environ 320 dollars), à", "fr",
     [v("1 410 000 pesos colombiens", "1410000", "COP"),
      v("environ 320 dollars", "320", "USD", None, "about")]),
    ("environ 44% du travail d’optimisation pour les moteurs de recherche", "fr",
     [v("environ 44%", "44", "percent", None, "about")]),
    ("qui employait plus d’un million de travailleurs à son apogée", "fr",
     [v("plus d’un million", "1000000", None, None, "more than")]),
    ("a vu sa valeur marchande chuter de 99% entre 2020 et 2023. Ses revenus ont baissé de "
     "14% l’année dernière.", "fr",
     [v("99%", "99", "percent"),
      v("14%", "14", "percent")]),
    ("Fuentes et 19 autres « tâcherons » ont créé un groupe", "fr",
     [v("19", "19")]),
    ("« Avant, je recevais entre 20 et 50 dollars pour 1000 mots. Aujourd’hui, on me propose "
     "généralement 7 dollars, » témoigne-t-elle.", "fr",
     [r("entre 20 et 50 dollars pour 1000 mots", "20", "50", "USD", "1000 words"),
      v("7 dollars", "7", "USD")]),
    ("un abonnement premium à ChatGPT à 20 dollars par mois.", "fr",
     [v("20 dollars par mois", "20", "USD", "month")]),
    ("Il gagne environ 200 dollars de plus et travaille moins d’heures.", "fr",
     [v("environ 200 dollars", "200", "USD", None, "about")]),
    ("Environ 7,5 millions de jeunes travailleurs hautement qualifiés", "fr",
     [v("Environ 7,5 millions", "7500000", None, None, "about")]),
    # --- seed 004
    ("Après avoir licencié 40% de ses effectifs au profit de l’IA pour économiser 10 millions "
     "de dollars, l’entreprise", "fr",
     [v("40%", "40", "percent"),
      v("10 millions de dollars", "10000000", "USD")]),
    ("les agents d’intelligence artificielle échouent encore dans 70% des cas", "fr",
     [v("70%", "70", "percent")]),
    # --- French grammar
    ("1,5 million", "fr", [v("1,5 million", "1500000")]),
    ("1.5 million", "fr", [v("1.5 million", "1500000")]),
    ("un million", "fr", [v("un million", "1000000")]),
    ("deux millions de travailleurs", "fr",
     [v("deux millions", "2000000")]),
    (f"1{NNBSP}410{NNBSP}000 personnes", "fr",
     [v(f"1{NNBSP}410{NNBSP}000", "1410000")]),
    ("2 milliards d’euros", "fr", [v("2 milliards d’euros", "2000000000", "EUR")]),
    ("56 pour cent des répondants", "fr", [v("56 pour cent", "56", "percent")]),
    ("de 5 à 25 €", "fr", [r("de 5 à 25 €", "5", "25", "EUR")]),
    ("5 à 25 centimes", "fr", [r("5 à 25 centimes", "0.05", "0.25", "EUR")]),
    ("entre 1 et 2 millions", "fr", [r("entre 1 et 2 millions", "1000000", "2000000")]),
    ("3 centimes de dollar par tâche", "fr",
     [v("3 centimes de dollar par tâche", "0.03", "USD", "task")]),
    ("5 centimes d’euro la tâche", "fr", [v("5 centimes d’euro la tâche", "0.05", "EUR", "task")]),
    ("1 500 euros bruts par mois", "fr", [v("1 500 euros bruts par mois", "1500", "EUR", "month")]),
    ("10 euros par produit, 2 euros par article", "fr",
     [v("10 euros par produit", "10", "EUR", "product"),
      v("2 euros par article", "2", "EUR", "article")]),
    ("40 € par semaine ou 20 000 euros par an", "fr",
     [v("40 € par semaine", "40", "EUR", "week"),
      v("20 000 euros par an", "20000", "EUR", "year")]),
    ("au moins 3 000 personnes", "fr", [v("au moins 3 000", "3000", None, None, "at least")]),
    ("moins de 2 dollars par jour", "fr",
     [v("moins de 2 dollars par jour", "2", "USD", "day", "less than")]),
    ("15 €/h", "fr", [v("15 €/h", "15", "EUR", "hour")]),
    ("15$ de l’heure, 15 $ par heure", "fr",
     [v("15$ de l’heure", "15", "USD", "hour"),
      v("15 $ par heure", "15", "USD", "hour")]),
    ("10 M€ levés", "fr", [v("10 M€", "10000000", "EUR")]),
    ("100 livres sterling, 5 000 roupies, 300 bolivars et 800 reais", "fr",
     [v("100 livres sterling", "100", "GBP"),
      v("5 000 roupies", "5000", "INR"),
      v("300 bolivars", "300", "VES"),
      v("800 reais", "800", "BRL")]),
    ("2 000 shillings kényans ou 500 pesos philippins", "fr",
     [v("2 000 shillings kényans", "2000", "KES"),
      v("500 pesos philippins", "500", "PHP")]),
    ("200 pesos par jour", "fr", [v("200 pesos par jour", "200", None, "day")]),
    ("passé de 30 % à 20 %", "fr",
     [v("30 %", "30", "percent"),
      v("20 %", "20", "percent")]),
    ("de 20 à 50 dollars, de 5 à 25", "fr",
     [r("de 20 à 50 dollars", "20", "50", "USD"), r("de 5 à 25", "5", "25")]),
    ("1 euro, 15 EUR ou 10 € l’heure, 30 euros pour 1 000 mots", "fr",
     [v("1 euro", "1", "EUR"), v("15 EUR", "15", "EUR"), v("10 € l’heure", "10", "EUR", "hour"),
      v("30 euros pour 1 000 mots", "30", "EUR", "1000 words")]),
    ("presque 40 %, une plateforme", "fr", [v("presque 40 %", "40", "percent", None, "nearly")]),
    ("entre 2019 et 2050 euros", "fr", [r("entre 2019 et 2050 euros", "2019", "2050", "EUR")]),
    ("trois cents dollars et vingt et un euros", "fr",
     [v("trois cents dollars", "300", "USD"),
      v("vingt et un euros", "21", "EUR")]),
    ("10 dollars américains", "fr", [v("10 dollars américains", "10", "USD")]),
    ("2020 dollars", "fr", [v("2020 dollars", "2020", "USD")]),
    ("1.500,50 € ; 1 480,27 € net par mois ; +30 % ; -5 %", "fr",
     [v("1.500,50 €", "1500.50", "EUR"), v("1 480,27 € net par mois", "1480.27", "EUR", "month"),
      v("30 %", "30", "percent")]),
    # --- English
    ("She earns $15, US$15 or 15 $.", "en",
     [v("$15", "15", "USD"),
      v("US$15", "15", "USD"),
      v("15 $", "15", "USD")]),
    ("paid between $20 and $50 per 1,000 words", "en",
     [r("between $20 and $50 per 1,000 words", "20", "50", "USD", "1000 words")]),
    ("from $20 to $50 for 1000 words", "en",
     [r("from $20 to $50 for 1000 words", "20", "50", "USD", "1000 words")]),
    ("$20–$50", "en", [r("$20–$50", "20", "50", "USD")]),
    ("tasks paid 5-25 cents", "en", [r("5-25 cents", "0.05", "0.25", "USD")]),
    ("between 5 and 25 cents a task", "en",
     [r("between 5 and 25 cents a task", "0.05", "0.25", "USD", "task")]),
    ("20 to 50 dollars", "en", [r("20 to 50 dollars", "20", "50", "USD")]),
    ("1,000,000 workers and 1.5 million people", "en",
     [v("1,000,000", "1000000"),
      v("1.5 million", "1500000")]),
    ("one million workers, two million dollars", "en",
     [v("one million", "1000000"),
      v("two million dollars", "2000000", "USD")]),
    ("56 percent, 56 per cent and 40%", "en",
     [v("56 percent", "56", "percent"),
      v("56 per cent", "56", "percent"),
      v("40%", "40", "percent")]),
    ("about 500 dollars a month, around $15 an hour", "en",
     [v("about 500 dollars a month", "500", "USD", "month", "about"),
      v("around $15 an hour", "15", "USD", "hour", "about")]),
    ("nearly 2 million, more than 50,000, at least 3,000, up to 75%", "en",
     [v("nearly 2 million", "2000000", None, None, "nearly"),
      v("more than 50,000", "50000", None, None, "more than"),
      v("at least 3,000", "3000", None, None, "at least"),
      v("up to 75%", "75", "percent", None, "up to")]),
    ("$2 per task, $1.50 per hour, $3/hr", "en",
     [v("$2 per task", "2", "USD", "task"),
      v("$1.50 per hour", "1.50", "USD", "hour"),
      v("$3/hr", "3", "USD", "hour")]),
    ("raised $5m, then $2bn", "en",
     [v("$5m", "5000000", "USD"),
      v("$2bn", "2000000000", "USD")]),
    ("1,410,000 Colombian pesos", "en",
     [v("1,410,000 Colombian pesos", "1410000", "COP")]),
    ("£200 a week or 20 euros per article", "en",
     [v("£200 a week", "200", "GBP", "week"),
      v("20 euros per article", "20", "EUR", "article")]),
    ("a $5 fee", "en", [v("$5", "5", "USD")]),
    ("USD 9 per month, $4 per day, $3 a day, $900 per year, $800 a year", "en",
     [v("USD 9 per month", "9", "USD", "month"), v("$4 per day", "4", "USD", "day"),
      v("$3 a day", "3", "USD", "day"), v("$900 per year", "900", "USD", "year"),
      v("$800 a year", "800", "USD", "year")]),
    ("over 100,000, roughly 40%, some 500 workers, almost 2 billion", "en",
     [v("over 100,000", "100000", None, None, "more than"),
      v("roughly 40%", "40", "percent", None, "about"),
      v("some 500", "500", None, None, "about"),
      v("almost 2 billion", "2000000000", None, None, "nearly")]),
    ("valued at $13.8 billion, about 150 Kenyan shillings or 50¢", "en",
     [v("$13.8 billion", "13800000000", "USD"), v("about 150 Kenyan shillings", "150", "KES",
      None, "about"), v("50¢", "0.50", "USD")]),
    # --- currency abbreviations conversions and floors
    # a currency abbreviation glued to its number
    ("about Ksh283 per hour, only Ksh50,000 and KSh 400", "en",
     [v("about Ksh283 per hour", "283", "KES", "hour", "about"),
      v("Ksh50,000", "50000", "KES"), v("KSh 400", "400", "KES")]),
    # a range whose bounds are each converted: two ranges, never four amounts
    ("paid between Ksh2,322 ($18) and Ksh2,580 ($20) per hour", "en",
     [r("between Ksh2,322 ($18) and Ksh2,580", "2322", "2580", "KES"),
      r("$20", "18", "20", "USD")]),
    ("les salaires oscillent entre 300 000 ariary (60 euros) et 500 000 ariary (100 euros)",
     "fr", [r("entre 300 000 ariary (60 euros) et 500 000 ariary", "300000", "500000", "MGA"),
            r("100 euros", "60", "100", "EUR")]),
    # rupees are the one rupee country's the text names, India's by default; Australian
    # dollars and cents by their signs and words
    ("He earns Rs350 per hour, above Pakistan's Rs37,000 monthly minimum", "en",
     [v("Rs350 per hour", "350", "PKR", "hour"), v("Rs37,000", "37000", "PKR")]),
    ("He earns Rs350 per hour, ₹ 500 in India", "en",
     [v("Rs350 per hour", "350", "INR", "hour"), v("₹ 500", "500", "INR")]),
    ("culminé à 42,44 AU$, puis 28 cents australiens", "fr",
     [v("42,44 AU$", "42.44", "AUD"), v("28 cents australiens", "0.28", "AUD")]),
    # bounds in two denominations of one currency
    ("gagnent en moyenne entre 10 cents et 0,25 dollar par tâche", "fr",
     [r("entre 10 cents et 0,25 dollar par tâche", "0.10", "0.25", "USD", "task")]),
    # a bracketed conversion of one amount stays two single amounts
    ("touche 400 000 ariary (80 euros) et 20 euros de prime", "fr",
     [v("400 000 ariary", "400000", "MGA"), v("80 euros", "80", "EUR"),
      v("20 euros", "20", "EUR")]),
    # "à partir de" is a floor; "de l'ordre de" an estimate
    ("à partir de 20 euros, de l'ordre de 300 euros", "fr",
     [v("à partir de 20 euros", "20", "EUR", None, "at least"),
      v("de l'ordre de 300 euros", "300", "EUR", None, "about")]),
    # --- ranks section numbers and names are not figures
    ("the top 10 ways users earn, the top 10% of earners", "en",
     [v("10%", "10", "percent")]),
    ("1 Introduction\nWorkers earn 5 dollars.", "en", [v("5 dollars", "5", "USD")]),
    ("2 Travaux liés\n1 410 000 personnes", "fr", [v("1 410 000", "1410000")]),
    ("l'indice CAC 40, qui recule de 0,51 %, et l'OIT 12 000 personnes", "fr",
     [v("0,51 %", "0.51", "percent"), v("12 000", "12000")]),
    # --- fractions in words are shares and times are ratios
    ("inférieur de moitié au salaire minimum, à moitié fini", "fr",
     [v("de moitié", "50", "percent")]),
    ("près de la moitié ont un diplôme, un tiers d’entre eux, les deux tiers des "
     "travailleurs, un quart de siècle", "fr",
     [v("près de la moitié", "50", "percent", None, "nearly"), v("un tiers", "33.3", "percent"),
      v("les deux tiers", "66.7", "percent")]),
    ("half the regular rate, the second half of 2020, half an hour, a third of workers, "
     "a quarter of an hour", "en",
     [v("half", "50", "percent"), v("a third", "33.3", "percent")]),
    # the whole after "of" may open with any word; a hyphen joins the fraction's words
    ("about a third of global online workers, two-thirds of the total, one third of 2020", "en",
     [v("about a third", "33.3", "percent", None, "about"),
      v("two-thirds", "66.7", "percent")]),
    # growth by a factor, said by a verb of multiplying (never the adjective "double")
    ("multipliées par cinq, a presque décuplé, une double peine, multiplié par 1,5", "fr",
     [v("multipliées par cinq", "5", "times"), v("presque décuplé", "10", "times", None, "nearly"),
      v("1,5", "1.5")]),
    ("revenue tripled, a fourfold rise, multiplied by 3, a double shift", "en",
     [v("tripled", "3", "times"), v("fourfold", "4", "times"), v("multiplied by 3", "3", "times")]),
    # a ratio, not a frequency
    ("une rémunération cinq fois plus élevée, trois fois par semaine", "fr",
     [v("cinq fois", "5", "times")]),
    ("three times the local wage, 2 times higher, three times a week", "en",
     [v("three times", "3", "times"), v("2 times", "2", "times")]),
    # --- a currency word of several countries takes the one the text names
    ("Luis est colombien. Un salaire de 1,2 million de pesos (254 $).", "fr",
     [v("1,2 million de pesos", "1200000", "COP"), v("254 $", "254", "USD")]),
    ("Au Mexique et en Colombie, 300 pesos.", "fr", [v("300 pesos", "300")]),
    ("In Uganda, 45,000 shillings a month.", "en",
     [v("45,000 shillings a month", "45000", "UGX", "month")]),
    ("À Douala, 180 000 francs CFA par mois ; 300 000 ariarys", "fr",
     [v("180 000 francs CFA par mois", "180000", "XAF", "month"),
      v("300 000 ariarys", "300000", "MGA")]),
    ("In Gulu, one in four annotators; un sur deux", "en", [v("one in four", "25", "percent")]),
    ("50 000 francs CFA, sans pays nommé", "fr", [v("50 000 francs CFA", "50000", "XOF")]),
    # "dépasser" a number is more than it; "dépasse de 20 %" is a gap, not a bound
    ("elle dépasse facilement les 500 images; le coût dépasse de 20 %", "fr",
     [v("dépasse facilement les 500", "500", None, None, "more than"), v("20 %", "20", "percent")]),
    # a K (thousands) suffix, as job ads and pay surveys write salaries
    ("un salaire autour de 135K$ ou de 170K€ par an", "fr",
     [v("autour de 135K$", "135000", "USD", None, "about"),
      v("170K€ par an", "170000", "EUR", "year")]),
    # a trailing plus is a lower bound; glued to a number after it, it is a sum, not a figure's
    ("100+ pieces of content, $100+ a day, 3+4", "en",
     [v("100+", "100", None, None, "more than"), v("$100+ a day", "100", "USD", "day", "more than"),
      v("3", "3"), v("4", "4")]),
    ("earning $5k a month, then 2M€", "en",
     [v("$5k a month", "5000", "USD", "month"), v("2M€", "2000000", "EUR")]),
    # francs alone take the country the text names: Swiss or CFA; none is guessed otherwise
    ("En Suisse, il touche 2000 francs par semaine.", "fr",
     [v("2000 francs par semaine", "2000", "CHF", "week")]),
    ("Au Sénégal, 5000 francs par jour.", "fr", [v("5000 francs par jour", "5000", "XOF", "day")]),
    ("Il gagnait 100 francs en 1990.", "fr", [v("100 francs", "100")]),
    # a bare k or bn before the people or tasks it counts is a scale
    ("l'un des 500k travailleurs inscrits", "fr", [v("500k", "500000")]),
    ("over 2bn users and 10K tasks", "en",
     [v("over 2bn", "2000000000", None, None, "more than"), v("10K", "10000")]),
]  # fmt: skip

NEGATIVES: list[tuple[str, str]] = [
    ("a 5k run, 12 K of memory", "en"),  # a bare k/K names no money
    ("en 2019, depuis 2009, fin 2019", "fr"),
    ("(Tubaro et al., 2020) et (Ross et al., 2010)", "fr"),
    ("sa valeur a chuté entre 2020 et 2023, ou 2020-2023", "fr"),
    ("24.04.2020, par Lydia Ben Ytzhak", "fr"),
    ("Grand entretien (24 avr. 2020) ; déployée à partir du 20 mars 2020", "fr"),
    ("Le 13 juin de 9 h à 17 h 30. Lieu : France Stratégie, Paris 7e", "fr"),
    ("La date limite est le 7 mars 2012.", "fr"),
    ("Jan 20, 2020 and 20Jan", "en"),
    ("the Kashmir2 file, model A4, Covid-19", "en"),
    ("Antonio Casilli1 : La première possibilité", "fr"),
    ("Antonio Casilli2\n", "fr"),
    ("  • 1.Antonio Casilli est chercheur", "fr"),
    ("  • 1. Paola Tubaro est sociologue\n  • 2. Antonio Casilli", "fr"),
    ("un diplôme supérieur à Bac+2", "fr"),
    ("le Covid-19 et le COVID-19 au XVIIIe siècle", "fr"),
    ("une décharge de 2/3 de leur service", "fr"),
    ("une période de 14 jours, pendant 5 ans, À 35 ans", "fr"),
    ("over a period of 14 days", "en"),
    ("une plateforme, trois estimations différentes", "fr"),
    ("des milliers d’autres, des centaines de milliers, des millions de personnes", "fr"),
    ("thousands of workers, hundreds of thousands of people", "en"),
    ("l’appli « Corona 100m » ; (I3 – CNRS)", "fr"),
    ("Copyright © 2021 - 2030 Tous droits Réservés", "fr"),
    ("au milieu des années 2000, dans les années 2010", "fr"),
    ("one platform, a worker", "en"),
    ("tél. 01 23 45 67 89", "fr"),
    ("women aged 18-35 years, at 12h30 or 9:30 am", "en"),
    ("Les 1er et 2 mai 2023, au 2e trimestre", "fr"),
    ("voir p. 12 et la note [3]", "fr"),
]


def _row(text: str, q: Quantity) -> Row:
    def s(d: Decimal | None) -> str | None:
        return None if d is None else str(d)

    return (text[q.start : q.end], s(q.value), s(q.min_value), s(q.max_value), q.unit,
            q.per_unit, q.qualifier)  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_phrase(text: str, lang: str, expected: list[Row]) -> None:
    found = find_quantities(text, lang)
    assert [_row(text, q) for q in found] == expected
    for q in found:
        assert q.approximate is (q.qualifier is not None)


@pytest.mark.parametrize(("text", "lang"), NEGATIVES)
def test_not_a_quantity(text: str, lang: str) -> None:
    assert [_row(text, q) for q in find_quantities(text, lang)] == []


def test_centimes_take_the_currency_of_the_nearest_amount() -> None:
    text = "des tâches payées entre 5 et 25 centimes. Avant, elle gagnait 500 dollars par mois."
    assert [q.unit for q in find_quantities(text)] == ["USD", "USD"]
    text = "5 cents per task, while the fee is 10 euros"
    assert [q.unit for q in find_quantities(text, "en")] == ["EUR", "EUR"]
    assert find_quantities("5 cents per task", "en")[0].unit == "USD"


@pytest.mark.parametrize(
    ("token", "lang", "expected"),
    [
        ("1 410 000", "fr", "1410000"),
        ("1\u202f410\u202f000", "fr", "1410000"),
        ("1\u00a0410\u00a0000", "fr", "1410000"),
        ("7,5", "fr", "7.5"),
        ("1.5", "fr", "1.5"),
        ("1.000.000", "fr", "1000000"),
        ("1,000", "fr", "1.000"),  # a French comma is always decimal
        ("1,000", "en", "1000"),
        ("1,000,000.25", "en", "1000000.25"),
        ("7.5", "en", "7.5"),
        ("un", "fr", "1"),
        ("deux", "fr", "2"),
        ("vingt et un", "fr", "21"),
        ("quatre-vingt-dix", "fr", "90"),
        ("deux cents", "fr", "200"),
        ("one", "en", "1"),
        ("twenty-five", "en", "25"),
        ("one hundred and five", "en", "105"),
        ("1,5 million", "fr", "1500000"),
        ("2 billion", "en", "2000000000"),
        ("2 billions", "fr", "2000000000000"),
    ],
)
def test_parse_number(token: str, lang: str, expected: str) -> None:
    assert parse_number(token, lang) == Decimal(expected)


@pytest.mark.parametrize("token", ["", "abc", "12abc", "une plateforme", "1.2.3", "1 2", "-"])
def test_parse_number_rejects(token: str) -> None:
    with pytest.raises(ValueError):
        parse_number(token)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_quantities("5 %", "de")


def test_doctests() -> None:
    assert doctest.testmod(quantities).failed == 0


def test_every_seed_figure_is_found() -> None:
    """The figures the seeds state about workers, platforms and pay (gold for the claims stage)."""
    expected = {
        "000": ["près de 15 000", "plus de 50 000", "plus de 260 000",
                "autour de 15 dollars de l’heure", "30 %", "2 millions"],
        "001": ["12 %", "56%", "260 000", "23", "14", "près de 1 000", "15 000", "50 000",
                "260 000", "56 %", "63 %", "64 %", "22 %", "43 %", "21 euros par mois"],
        "002": [],
        "003": ["entre 5 et 25 centimes", "jusqu’à 75%", "environ 500 dollars par mois",
                "1 410 000 pesos colombiens", "environ 320 dollars", "environ 44%",
                "plus d’un million", "99%", "14%", "19", "entre 20 et 50 dollars pour 1000 mots",
                "7 dollars", "20 dollars par mois", "environ 200 dollars", "Environ 7,5 millions",
                "un tiers"],
        "004": ["40%", "10 millions de dollars", "70%"],
    }  # fmt: skip
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = [text[q.start : q.end].replace(NBSP, " ") for q in find_quantities(text)]
        assert spans == expected[path.name[:3]], path.name


# --------------------------------------------------------------------------------------------
# Properties

_PIECES = st.sampled_from(
    ["1", "25", "2019", "1 000", f"15{NBSP}000", f"7{NNBSP}5", "7,5", "1.5", "1,000", " ", "\n",
     "%", "€", "$", "US$", " euros", " dollars", " centimes", " cents", " pour cent", "entre ",
     " et ", " à ", "-", "–", "de ", "from ", " to ", "plus d’", "un", " million", " millions",
     " de ", " par mois", " de l'heure", " pour 1000 mots", "près de ", "about ", "/h", ".", ",",
     "Jan", " juin", " h ", " ans", "Covid-", "Bac+", "•", "(", ")", "[", "]", "M", "m", "k"]
)  # fmt: skip
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=30).map("".join))


def _check_spans(text: str, found: list[Quantity]) -> None:
    previous_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= previous_end
        previous_end = q.end
        assert (q.value is None) != (q.min_value is None and q.max_value is None)
        if q.min_value is not None and q.max_value is not None:
            assert q.min_value <= q.max_value


@settings(max_examples=200)
@given(text=_TEXTS, lang=st.sampled_from(["fr", "en"]))
def test_find_quantities_never_raises_and_spans_are_sound(text: str, lang: str) -> None:
    _check_spans(text, find_quantities(text, lang))


def _render(value: Decimal, lang: str, separator: str) -> str:
    integer, _, fraction = f"{value:f}".partition(".")
    groups = []
    while len(integer) > 3:
        integer, tail = integer[:-3], integer[-3:]
        groups.insert(0, tail)
    body = separator.join([integer, *groups])
    if not fraction:
        return body
    return f"{body},{fraction}" if lang == "fr" else f"{body}.{fraction}"


@settings(max_examples=200)
@given(
    units=st.integers(min_value=0, max_value=10**13),
    places=st.integers(min_value=0, max_value=4),
    style=st.sampled_from(
        [("fr", " "), ("fr", NBSP), ("fr", NNBSP), ("fr", ""), ("en", ","), ("en", "")]
    ),
)
def test_parse_number_round_trip(units: int, places: int, style: tuple[str, str]) -> None:
    value = Decimal(units).scaleb(-places)
    lang, separator = style
    assert parse_number(_render(value, lang, separator), lang) == value


@settings(max_examples=200)
@given(
    low=st.integers(min_value=0, max_value=3000) | st.integers(min_value=0, max_value=10**7),
    high=st.integers(min_value=0, max_value=3000) | st.integers(min_value=0, max_value=10**7),
    template=st.sampled_from(
        [("fr", "payées entre {a} et {b} euros par mois"), ("fr", "de {a} à {b} centimes"),
         ("en", "between ${a} and ${b} an hour"), ("en", "{a}-{b} cents"),
         ("en", "from {a} to {b} percent")]
    ),
)  # fmt: skip
def test_ranges_are_ordered_or_split(low: int, high: int, template: tuple[str, str]) -> None:
    """A range has min <= max; a first bound above the second is two separate values."""
    lang, pattern = template
    separator = NBSP if lang == "fr" else ","
    a, b = (_render(Decimal(n), lang, separator) for n in (low, high))
    text = pattern.format(a=a, b=b)
    found = find_quantities(text, lang)
    _check_spans(text, found)
    ranges = [q for q in found if q.min_value is not None]
    if low <= high:
        assert len(ranges) == 1
        scale = Decimal("0.01") if "cent" in pattern and "percent" not in pattern else 1
        assert (ranges[0].min_value, ranges[0].max_value) == (low * scale, high * scale)
    else:
        assert ranges == []


def test_french_cents_after_a_number_word_are_hundreds_never_us_cents() -> None:
    """ "deux cents personnes" is 200 people: it must never become 0.02 USD."""
    assert all(q.unit != "USD" for q in find_quantities("deux cents personnes", "fr"))
    assert all(q.unit != "USD" for q in find_quantities("cinq cents travailleurs", "fr"))
    (fr,) = find_quantities("payé 5 cents la tâche", "fr")
    assert (fr.value, fr.unit) == (Decimal("0.05"), "USD")
    (en,) = find_quantities("five cents a task", "en")
    assert (en.value, en.unit) == (Decimal("0.05"), "USD")


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Je produis cinq articles par jour ; avant, c'était seulement trois, dit-elle.", "fr",
         ["trois"]),
        ("Elle en traite six par heure, contre quatre.", "fr", ["quatre"]),
        ("She now writes five articles a day; it used to be only three.", "en", ["three"]),
        ("Ten workers joined, compared with two.", "en", ["two"]),
        # a number word before a noun, or not closing its clause, stands for nothing said
        ("Avant, c'était trois articles par jour.", "fr", []),
        ("C'est trois fois plus qu'avant.", "fr", []),
        ("Il y en a trois, dit-il.", "fr", []),
        ("It was three in the morning.", "en", []),
    ],
)  # fmt: skip
def test_a_number_word_closing_a_comparison_stands_for_the_noun_before_it(
    text: str, lang: str, words: list[str]
) -> None:
    found = quantities.elliptic_counts(text, quantities.find_number_words(text, lang))
    assert [text[q.start : q.end] for q in found] == words


@pytest.mark.parametrize(
    ("text", "lang", "words", "qualifier"),
    [
        ("au delà de 500 000$ pour l'élite", "fr", "au delà de 500 000$", "more than"),
        ("beyond $200 a day", "en", "beyond $200 a day", "more than"),
        ("ce qui peut parfois atteindre 2 dollars de l'heure", "fr",
         "peut parfois atteindre 2 dollars de l'heure", "up to"),
        ("pay can reach $30 an hour", "en", "can reach $30 an hour", "up to"),
        ("they earn in excess of 20 euros per week", "en", "in excess of 20 euros per week",
         "more than"),
        ("workers earn at most $5 an hour", "en", "at most $5 an hour", "up to"),
        ("no more than $3 a task", "en", "no more than $3 a task", "up to"),
        ("a maximum of 4.99 euros per week", "en", "a maximum of 4.99 euros per week", "up to"),
        ("ils gagnent tout au plus 300 euros", "fr", "tout au plus 300 euros", "up to"),
        # what was reached is a level, not a bound
        ("le salaire a atteint 2 000 euros", "fr", "2 000 euros", None),
    ],
)  # fmt: skip
def test_hedges_said_by_a_verb_or_a_preposition(
    text: str, lang: str, words: str, qualifier: str | None
) -> None:
    (q,) = find_quantities(text, lang)
    assert (text[q.start : q.end], q.qualifier) == (words, qualifier)


def test_a_hedge_reaches_the_counts_of_its_list_and_the_climax_of_its_amount() -> None:
    text = "environ 15 000 travailleurs très actifs, 50 000 réguliers, et 266 000 occasionnels"
    first, second, third = find_quantities(text)
    assert quantities.shares_hedge(text, first, second, borrowed=True)
    # each count takes the hedge from the one before it once that one has it
    assert not quantities.shares_hedge(text, second, third, borrowed=True)
    hedged = Quantity(**{**second.__dict__, "qualifier": "about", "approximate": True})
    assert quantities.shares_hedge(text, hedged, third, borrowed=True)
    # a count with a noun of its own is another figure, not a member of the list
    assert not quantities.shares_hedge(text, first, second, borrowed=False)
    text = "au delà de 500 000$ et même de 1 million $"
    assert quantities.shares_hedge(text, *find_quantities(text), borrowed=False)
    for text, lang in (("environ 15 000 personnes ; 50 000 réguliers", "fr"),
                       ("about 150 shillings or 50", "en")):  # fmt: skip
        before, after = find_quantities(text, lang)
        assert before.qualifier == "about"
        assert not quantities.shares_hedge(text, before, after, borrowed=True)


@pytest.mark.parametrize(
    ("text", "lang", "words", "amount", "unit", "hedge"),
    [
        ("La formation dure environ deux heures.", "fr", "environ deux heures", "2", "hours",
         "about"),
        ("les lire prend entre 4 et 7 heures", "fr", "entre 4 et 7 heures", "4-7", "hours", None),
        ("durant un peu plus d'un an", "fr", "un peu plus d'un an", "1", "years", "more than"),
        ("ses près de 30 ans d'histoire", "fr", "près de 30 ans", "30", "years", "nearly"),
        ("depuis trois décennies", "fr", "trois décennies", "30", "years", None),
        ("une pause de 30 minutes par jour", "fr", "30 minutes", "30", "minutes", None),
        ("for up to 12 hours at a time", "en", "up to 12 hours", "12", "hours", "up to"),
        ("During three-hour shifts", "en", "three-hour", "3", "hours", None),
        ("After a month of attempts", "en", "a month", "1", "months", None),
        ("stop for 30 to 60 minutes", "en", "30 to 60 minutes", "30-60", "minutes", None),
    ],
)  # fmt: skip
def test_spans_of_time_are_read_with_their_unit_and_hedge(
    text: str, lang: str, words: str, amount: str, unit: str, hedge: str | None
) -> None:
    (span,) = find_durations(text, lang)
    low, _, high = amount.partition("-")
    values = (None, Decimal(low), Decimal(high)) if high else (Decimal(low), None, None)
    assert text[span.start : span.end] == words
    assert (span.value, span.min_value, span.max_value) == values
    assert (span.unit, span.qualifier) == (unit, hedge)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Rendez-vous à 17 heures.", "fr"),  # a clock time
        ("15 h 54 min source : SciencePost", "fr"),
        ("Il y a deux ans, tout a changé.", "fr"),  # a date said by its distance
        ("two years ago", "en"),
        ("a 35-year-old moderator, 28 years old", "en"),  # ages
        ("Cette Afghane de 31 ans", "fr"),
        ("Elina, 25 ans, annote des images.", "fr"),
        ("63 % des microtravailleurs ont entre 25 et 44 ans", "fr"),
        ("À 35 ans, elle se connecte.", "fr"),
        ("24 heures sur 24", "fr"),  # always
        ("payé un euro toutes les trois heures", "fr"),  # a frequency
        ("They earn $2 an hour and $15 a day.", "en"),  # per-units of pay
        ("Parmi ses clients : 20 Minutes, BFMTV", "fr"),  # a newspaper's name
        ("Wednesday August 02, 2023 , 6 min Read", "en"),  # a page's reading time
        ("14 min readSep 6, 2021", "en"),  # the same, glued to the date
        ("Postings surged more than 150% over the past two years.", "en"),  # another's period
        ("Facebook has unveiled initiatives in the past six months.", "en"),
        ("Deux ans plus tard, la vidéo est toujours gravée dans son esprit.", "fr"),
        ("Three years later, the platform closed.", "en"),
        ("In the next five years, nine out of 10 users will speak Hindi.", "en"),
        ("Lisa Ernst · 23.10.2025 · Technique · 5 min", "fr"),  # a byline's reading time
    ],
)
def test_clock_times_ages_dates_and_rates_are_no_spans_of_time(text: str, lang: str) -> None:
    assert find_durations(text, lang) == []
