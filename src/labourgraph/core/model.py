"""The ontology's class hierarchy as sets of class names: which classes are platforms, people,
places, organisations, AI systems, and which kind of entity a class makes.

Extraction, linking and the analyses sort entities by class ("is this mention a platform?",
"which IRI segment does a researcher get?"). They ask these sets rather than spelling class
names out, so that a subclass added to `ontology/platform-labour.ttl` is met everywhere at
once. A set holds local names (`"MicroworkPlatform"`), the form `Mention.cls`, the lexicon and
the curated actor list use, and is the `rdfs:subClassOf` closure of one `plo:` class: the
class itself and every `plo:` class under it, at any depth.

The ontology is read once per process (about 30 ms), when this module is first imported.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import OWL, PLO, PLO_OPEN, RDF, RDFS


@cache
def ontology() -> Graph:
    """The project's ontology, parsed once."""
    return load_graph(ONTOLOGY_FILE)


@cache
def subclasses(root: str) -> frozenset[str]:
    """`plo:{root}` and every `plo:` class under it (transitive `rdfs:subClassOf`), as local
    names. Raises `LabourgraphError` if the ontology declares no such class."""
    graph = ontology()
    top = PLO_OPEN[root]  # an undeclared root is reported below, as a LabourgraphError
    if (top, RDF.type, OWL.Class) not in graph:
        raise LabourgraphError(f"{ONTOLOGY_FILE}: no class plo:{root}")
    below = {top, *graph.transitive_subjects(RDFS.subClassOf, top)}
    return frozenset(
        str(c).removeprefix(str(PLO))
        for c in below
        if isinstance(c, URIRef) and str(c).startswith(str(PLO))
    )


PLATFORM_CLASSES = subclasses("Platform")
"""Platforms: `Platform`, `MicroworkPlatform`, `FreelancePlatform`."""
ORGANISATION_CLASSES = subclasses("Organisation")
"""Organisations, platforms included."""
RESEARCH_CLASSES = subclasses("ResearchBody")
"""Research bodies, universities included."""
PERSON_CLASSES = subclasses("Person")
"""People and their roles: `Worker`, `Researcher`, `Journalist`..."""
PLACE_CLASSES = subclasses("Place")
"""Places: `Place`, `Country`, `Region`, `City`."""
AI_CLASSES = subclasses("AISystem")
"""AI systems: `AISystem`, `Chatbot`, `VoiceAssistant`..."""
APP_CLASSES = subclasses("SoftwareApplication")
"""Software applications that are not AI systems (contact-tracing apps...)."""

KINDS: dict[str, frozenset[str]] = {
    "place": PLACE_CLASSES,
    "person": PERSON_CLASSES,
    "app": APP_CLASSES,
    "ai": AI_CLASSES,
    "organisation": ORGANISATION_CLASSES,
}
"""The kinds of entity a mention can be (one IRI segment each), by the classes they hold."""


def kind_of(cls: str) -> str:
    """The kind of entity a class makes: place, person, app, ai or organisation.

    A class under none of these roots is taken for an organisation, the kind of most actors
    a text names.
    """
    for kind, classes in KINDS.items():
        if cls in classes:
            return kind
    return "organisation"
