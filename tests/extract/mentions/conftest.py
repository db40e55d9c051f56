"""What the tests of the mention passes share: the resources, and the mentions of a text by
the words they cover."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from labourgraph.extract import nlp
from labourgraph.extract.document import Resources
from labourgraph.extract.mentions import Mention, find_mentions

Surfaces = Callable[[str, str], dict[str, Mention]]


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def in_order(resources: Resources) -> Callable[[str, str], list[tuple[str, Mention]]]:
    """Every mention of a text, with the words it covers, in order."""

    def found(text: str, lang: str) -> list[tuple[str, Mention]]:
        doc = nlp.analyse([text], lang)[0]
        return [(text[m.start : m.end], m) for m in find_mentions(doc, resources.lexicon, lang)]

    return found


@pytest.fixture(scope="session")
def by_surface(in_order: Callable[[str, str], list[tuple[str, Mention]]]) -> Surfaces:
    """The mentions of a text by the words they cover (the last one of the same words)."""
    return lambda text, lang: dict(in_order(text, lang))
