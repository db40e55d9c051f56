"""Which catalogue licences let a text travel with a release (`labourgraph export --with-text`)."""

from __future__ import annotations

import pytest

from labourgraph.intake.licences import (
    REDISTRIBUTABLE,
    allows_redistribution,
    licence_iri,
    spdx_id,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CC-BY-4.0", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("http://creativecommons.org/licenses/by-sa/3.0/deed.fr", "CC-BY-SA-3.0"),
        ("https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode", "CC-BY-NC-ND-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("https://spdx.org/licenses/etalab-2.0.html", "etalab-2.0"),
        ("https://www.lemonde.fr/cgv", None),
        ("tous droits réservés", None),
    ],
)
def test_spdx_id_reads_identifiers_and_licence_urls(value: str, expected: str | None) -> None:
    assert spdx_id(value) == expected


@pytest.mark.parametrize("licence", sorted(REDISTRIBUTABLE))
def test_every_redistributable_licence_is_allowed_in_both_spellings(licence: str) -> None:
    assert allows_redistribution(licence)
    assert allows_redistribution(licence_iri(licence))


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "CC-BY-NC-4.0",
        "CC-BY-ND-4.0",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "LicenseRef-press",
        "https://www.lemonde.fr/cgv",
    ],
)
def test_other_licences_and_no_licence_do_not_allow_it(value: str | None) -> None:
    assert not allows_redistribution(value)


def test_the_graph_names_a_licence_by_its_spdx_iri() -> None:
    assert licence_iri("https://creativecommons.org/licenses/by/4.0/") == (
        "https://spdx.org/licenses/CC-BY-4.0"
    )
