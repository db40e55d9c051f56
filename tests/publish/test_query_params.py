"""What a parameter accepts: kinds, types, and the closest known values."""

from __future__ import annotations

import pytest

from labourgraph.core.errors import LabourgraphError
from labourgraph.publish import query_params as qp
from labourgraph.publish.query_params import Known


def test_kinds_are_declared_or_inferred() -> None:
    assert qp.kind_of("max_confidence", {"max_confidence": "decimal"}) == "decimal"
    assert qp.kind_of("lang", {}) == "language"
    assert qp.kind_of("organisation_iri", {}) == "iri"
    assert qp.kind_of("area", {}) == "area"
    assert qp.kind_of("colour", {}) == "string"
    with pytest.raises(LabourgraphError, match="unknown kind"):
        qp.check_kinds({"x": "colour"}, "q.rq")


@pytest.mark.parametrize(
    "kind, good, bad",
    [("decimal", ["0.6", "1", "-2.", ".5"], ["abc", "0,6", "1e3", ""]),
     ("integer", ["3", "-1"], ["3.0", "x"]),
     ("language", ["en", "fr"], ["de", "EN"])],
)  # fmt: skip
def test_types_need_no_graph(kind: str, good: list[str], bad: list[str]) -> None:
    for value in good:
        qp.check_syntax("13", "p", kind, value)
    for value in bad:
        with pytest.raises(LabourgraphError, match=f"13: parameter 'p' must be .*{value!r}"):
            qp.check_syntax("13", "p", kind, value)


def test_closest_by_spelling_then_most_used() -> None:
    known = [Known("France", "country", 40), Known("Colombia", "country", 3),
             Known("Cabimas", "city", 1)]  # fmt: skip
    assert qp.closest("Columbia", known, 2)[0].value == "Colombia"
    assert [k.value for k in qp.closest("zzz", known, 2)] == ["France", "Colombia"]
    assert str(Known("Colombia", "country", 3)) == "Colombia (country)"
    title = "Les travailleurs vénézuéliens, jadis piliers de l’annotation de données pour l’IA"
    assert str(Known("003", title, 1)).endswith("…)") and len(str(Known("003", title, 1))) < 60


def test_values_match_as_the_queries_match_them() -> None:
    doc = Known("003_x", "Les travailleurs vénézuéliens", 1, "003_x.txt")
    assert qp.matches("document", "003_x", doc) and qp.matches("document", "003_x.txt", doc)
    assert qp.matches("document", "VÉNÉZUÉLIENS", doc)
    assert not qp.matches("document", "003", doc)
    assert qp.matches("organisation", "wirk", Known("Wirk", "platform", 1))
    assert not qp.matches("organisation", "wir", Known("Wirk", "platform", 1))


def test_an_unknown_value_names_the_closest_known_in_one_line() -> None:
    def select(text: str) -> list[list[str]]:
        assert "plo:Country" in text  # the area query lists places
        return [["France", "country", "40"], ["Colombia", "country", "3"]]

    with pytest.raises(LabourgraphError) as err:
        qp.check_value("03", "area", "area", "Columbie", select, "en")
    assert str(err.value).startswith(
        "03: no area 'Columbie' in the graph; known: Colombia (country), France (country)"
    )
    assert "\n" not in str(err.value)
    qp.check_value("03", "area", "area", "colombia", select, "en")
