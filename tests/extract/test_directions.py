"""`labourgraph.extract.directions`: a change word governs a figure through "de" / "by", a
difference word follows it, a score stands over its scale; anything else is a level."""

from __future__ import annotations

import re

import pytest

from labourgraph.core.vocab import PLO
from labourgraph.extract.cues import CueHit
from labourgraph.extract.directions import direction_of
from labourgraph.extract.lexicon import Entry

CUES = {
    "Increase": r"augment\w*|croître|hausse|grew|rise|rose|increase",
    "Decrease": r"chut\w+|baiss\w+|fell|drop\w*|decline\w*",
    "Difference": (
        r"de plus|de moins|more|fewer|less|fois moins|inférieur|supérieur|lower|écart|additional"
    ),
}


def _hits(text: str) -> list[CueHit]:
    hits = []
    for kind, pattern in CUES.items():
        entry = Entry(kind, kind, (kind,), "direction", PLO[kind])
        hits += [CueHit(m.start(), m.end(), entry) for m in re.finditer(pattern, text)]
    return sorted(hits, key=lambda h: h.start)


def _read(text: str, figure: str, unit: str = "") -> tuple[str, int | None]:
    start = text.index(figure)
    end = start + len(figure)
    reading = direction_of(text, (start, end), end + len(unit), (0, len(text)), _hits(text))
    return reading.direction, reading.scale


@pytest.mark.parametrize(
    ("text", "figure", "unit", "expected"),
    [
        ("a vu sa valeur marchande chuter de 99% entre 2020 et 2023", "99%", "", "Decrease"),
        ("son chiffre d'affaires a baissé de 14 %", "14 %", "", "Decrease"),
        ("le microtravail a pu croître de 30 % depuis avril 2020", "30 %", "", "Increase"),
        ("registrations grew by nearly 40% last year", "40%", "", "Increase"),
        ("a 25% increase in tasks", "25%", "", "Increase"),
        ("Il gagne environ 200 dollars de plus par mois", "200", " dollars", "Difference"),
        ("the number of workers rose to 2 million", "2 million", "", "Level"),
        ("le nombre d'inscrits est passé à 50 000", "50 000", "", "Level"),
        ("plus de 260 000 microtravailleurs seraient inscrits", "260 000", "", "Level"),
        ("Elle gagne 320 dollars par mois", "320", " dollars", "Level"),
        # a comma ends the figure's phrase: a difference word beyond it is not the figure's
        ("il coûte 20 dollars, more or less", "20", " dollars", "Level"),
        ("une baisse de ses effectifs de 25 %, de plus", "25 %", "", "Decrease"),
        # a difference word governing the figure through "de" / "by"
        ("un revenu inférieur de moitié au salaire minimum", "moitié", "", "Difference"),
        ("un revenu inférieur de moitié au salaire minimum", "de moitié", "", "Difference"),
        ("an additional 17 per cent indicated that", "17 per cent", "", "Level"),
        # a difference word of another noun after the figure is not the figure's
        ("43 % ont un diplôme supérieur à Bac+2", "43 %", "", "Level"),
        ("pay was lower by 20% than in the capital", "20%", "", "Difference"),
        ("un écart de 300 euros entre les deux", "300", " euros", "Difference"),
        ("a wage 20% lower than the minimum", "20%", "", "Difference"),
        # … but "plus de" hedges a figure, it compares nothing
        ("une hausse de plus de 30 % en un an", "30 %", "", "Increase"),
        # a plus sign glued to a figure is a rise; a sum is not
        ("revenue was +30% this year", "30%", "", "Increase"),
        ("2 + 3 tasks", "3", "", "Level"),
        # a share more or fewer of a thing than itself at another time is a change of it …
        (
            "Zorbly saw 13 percent more workers in March than in February",
            "13 percent",
            "",
            "Increase",
        ),
        ("writers took on almost 5% fewer projects", "5%", "", "Decrease"),
        ("les inscrits sont 8 % de plus que l'année précédente", "8 %", "", "Increase"),
        # … and a gap when it compares it with another thing
        ("women earn 20% less than men", "20%", "", "Difference"),
        ("13 percent more workers in Lagos than in Nairobi", "13 percent", "", "Difference"),
        # a verb's particle moves the share after it; "make up" moves nothing
        ("driving the value of transactions up more than 50 percent", "50 percent", "", "Increase"),
        ("its shares were down 20% on Monday", "20%", "", "Decrease"),
        ("India makes up about a third of the workers", "a third", "", "Level"),
        ("paid up to 40 percent of their wage", "40 percent", "", "Level"),
        # the start of a change said "de X à Y" / "from X to Y" is a level, as is its end …
        ("les salaires ont chuté de 50 $ à environ 20 $ de l'heure", "50 $", "", "Level"),
        ("pay fell from $50 to $20 an hour", "$50", "", "Level"),
        # … but a French share "de 30 % à 40 %" after the verb is the change itself
        ("les revenus ont chuté de 30 % à 40 % selon les mois", "30 %", "", "Decrease"),
    ],
)
def test_direction(text: str, figure: str, unit: str, expected: str) -> None:
    assert _read(text, figure, unit)[0] == expected


def test_a_score_stands_over_its_scale() -> None:
    assert _read("les travailleurs notent la plateforme 5/10", "5") == ("Score", 10)
    assert _read("rated 4 out of 5 by its workers", "4") == ("Score", 5)
    assert _read("4 sur 5 étoiles", "4") == ("Score", 5)
    assert _read("1 sur 3 travailleurs", "1")[0] == "Level"


def test_a_change_word_far_from_the_figure_does_not_govern_it() -> None:
    text = "Les revenus ont baissé l'an dernier, selon une étude menée auprès de 1 000 personnes"
    assert _read(text, "1 000")[0] == "Level"
