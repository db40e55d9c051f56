"""What a saved query's parameters accept, checked against the graph before the query runs.

A wrong value used to give "(0 rows)" and exit 0: `--param area=Columbia` looks like an
answer ("no microworkers there") when it is a typo. Each parameter therefore has a kind:

- `area`, `organisation`, `document`, `person`: a value must name something of that kind in
  the graph, matched as the query matches it (any case; a document also by words of its
  title). An unknown value is one line naming the closest known values, with their class:
  "no area 'Columbia' in the graph; known: Colombia (country), …".
- `decimal`, `integer`: the value must be a number of that type.
- `language`: one of the languages the graph is labelled in (`publish.labels.LANGUAGES`).
- `iri`, `string`: checked when bound (an IRI must parse), not against the graph.

The kind is declared in the query's header (`#+ kinds:` mapping a parameter to its kind);
without it, `lang` is a language, a name ending in `iri` an IRI, a name that is a kind that
kind, and anything else a string. The known values come from the graph through one SPARQL
query per kind (`CANDIDATES`), run by the caller's `select` function, so the same check works
on the local graph and on a remote endpoint.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from labourgraph.core.errors import LabourgraphError
from labourgraph.publish.labels import LANGUAGES, label_pattern

Select = Callable[[str], Sequence[Sequence[str]]]
"""Runs a SELECT query and returns its rows as strings ("" where unbound)."""

_PREFIXES = """PREFIX plo: <https://w3id.org/platform-labour/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

CLASSES = {
    "area": ("Place", "City", "Country", "Region"),
    "organisation": (
        "Organisation", "Platform", "MicroworkPlatform", "FreelancePlatform", "DataVendor",
        "ClientCompany", "Company", "StartUp", "ResearchBody", "University", "Union",
        "PublicBody", "MediaOutlet", "WorkerCollective",
    ),
    "person": (
        "Person", "Worker", "Researcher", "Journalist", "Photographer", "Executive",
        "Spokesperson",
    ),
}  # fmt: skip
"""The classes whose individuals a parameter of each kind names (a class and its subclasses in
the ontology, listed because a store may hold the graph without the ontology; a test checks
the lists against the ontology)."""

_NAMED = (
    _PREFIXES
    + """SELECT ?value (MIN(?classLabel) AS ?kind) (COUNT(DISTINCT ?use) AS ?uses)
WHERE {{
  VALUES ?class {{ {classes} }}
  ?x a ?class ;
     {names} ?name .
  {filter}
  {label}
  OPTIONAL {{ ?use ?property ?x }}
  BIND(STR(?name) AS ?value)
}}
GROUP BY ?value
"""
)

_DOCUMENTS = (
    _PREFIXES
    + """SELECT ?value (MIN(?titleText) AS ?kind) (COUNT(DISTINCT ?use) AS ?uses)
       (MIN(?file) AS ?alias)
WHERE {
  ?doc a plo:SourceDocument ;
       dcterms:title ?title .
  OPTIONAL { ?doc plo:fileName ?fileName }
  OPTIONAL { ?doc plo:mentions ?use }
  BIND(STRAFTER(STR(?doc), "/document/") AS ?value)
  BIND(STR(?title) AS ?titleText)
  BIND(COALESCE(STR(?fileName), "") AS ?file)
}
GROUP BY ?value
"""
)
"""A document is named by its IRI's last segment (`003_fd31927c02eb1532`), its file name, or
words of its title, as query 15 finds it."""


def _named(kind: str, lang: str, names: str = "rdfs:label|skos:altLabel", only: str = "") -> str:
    classes = " ".join(f"plo:{name}" for name in CLASSES[kind])
    label = label_pattern("?class", "?classLabel", lang).replace("\n", "\n  ")
    return _NAMED.format(classes=classes, names=names, filter=only, label=label)


def candidates_query(kind: str, lang: str) -> str:
    """The SPARQL listing the known values of a kind: rows (value, class label or a document's
    title, uses, and for a document its file name)."""
    if kind == "document":
        return _DOCUMENTS
    if kind == "organisation":  # as query 14 finds them: the organisations the corpus names
        only = 'FILTER(STRSTARTS(STR(?x), "https://w3id.org/platform-labour/id/organisation/"))'
        return _named(kind, lang, only=only)
    if kind == "area":
        return _named(kind, lang, names="rdfs:label")
    return _named(kind, lang)


GRAPH_KINDS = ("area", "organisation", "document", "person")
KINDS = (*GRAPH_KINDS, "decimal", "integer", "language", "iri", "string")
_NUMBERS = {
    "decimal": (re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"), "a decimal number"),
    "integer": (re.compile(r"[+-]?\d+"), "an integer"),
}
SHOWN = 5
"""How many known values an error or an example list names."""


TITLE_WIDTH = 40
"""A document's title is cut to this many characters in a list of known values."""


@dataclass(frozen=True)
class Known:
    """A value the graph knows for a kind, with the class it names (a document: its title),
    how often it is used, and another name that names it exactly (a document's file name)."""

    value: str
    kind: str
    uses: int
    alias: str = ""

    def __str__(self) -> str:
        kind = self.kind if len(self.kind) <= TITLE_WIDTH else self.kind[: TITLE_WIDTH - 1] + "…"
        return f"{self.value} ({kind})" if kind else self.value


def kind_of(name: str, declared: Mapping[str, str]) -> str:
    """The kind of parameter `name`: declared in the header, else inferred from the name."""
    if name in declared:
        return declared[name]
    if name == "lang":
        return "language"
    if name.endswith("iri"):
        return "iri"
    return name if name in KINDS else "string"


def check_kinds(declared: Mapping[str, str], source: str) -> None:
    """A header's `kinds` must name known kinds."""
    for name, kind in declared.items():
        if kind not in KINDS:
            raise LabourgraphError(
                f"{source}: parameter {name!r} has unknown kind {kind!r} "
                f"(kinds: {', '.join(KINDS)})"
            )


def check_syntax(query: str, name: str, kind: str, value: str) -> None:
    """Type checks that need no graph: numbers and languages."""
    if kind in _NUMBERS:
        pattern, what = _NUMBERS[kind]
        if not pattern.fullmatch(value.strip()):
            raise LabourgraphError(f"{query}: parameter {name!r} must be {what}, not {value!r}")
    elif kind == "language" and value not in LANGUAGES:
        raise LabourgraphError(
            f"{query}: parameter {name!r} must be one of {', '.join(LANGUAGES)}, not {value!r}"
        )


def known_values(kind: str, select: Select, lang: str) -> list[Known]:
    """The values of a kind the graph holds, most used first."""
    known = {
        Known(row[0], row[1] or "", int(row[2] or 0), row[3] if len(row) > 3 else "")
        for row in select(candidates_query(kind, lang))
        if row and row[0]
    }
    return sorted(known, key=lambda k: (-k.uses, k.value.casefold(), k.kind))


def matches(kind: str, value: str, known: Known) -> bool:
    """Whether the query would find `known` from `value` (as the saved queries match them)."""
    if kind == "document":
        return value in (known.value, known.alias) or value.lower() in known.kind.lower()
    return value.lower() == known.value.lower()


def closest(value: str, known: Sequence[Known], count: int = SHOWN) -> list[Known]:
    """The known values nearest to `value` by spelling, else the most used ones."""
    by_key: dict[str, Known] = {}
    for item in known:
        by_key.setdefault(item.value.casefold(), item)
    near = difflib.get_close_matches(value.casefold(), list(by_key), n=count, cutoff=0.5)
    picked = [by_key[key] for key in near]
    for item in known:  # fill with the most used, so that a reader always sees examples
        if len(picked) >= count:
            break
        if item not in picked:
            picked.append(item)
    return picked[:count]


def check_value(query: str, name: str, kind: str, value: str, select: Select, lang: str) -> None:
    """Raise one line naming the closest known values if the graph has nothing `value` names."""
    check_syntax(query, name, kind, value)
    if kind not in GRAPH_KINDS:
        return
    known = known_values(kind, select, lang)
    if any(matches(kind, value, item) for item in known):
        return
    shown = closest(value, known)
    more = ", …" if len(known) > len(shown) else ""
    listed = ", ".join(map(str, shown)) or "none"
    raise LabourgraphError(
        f"{query}: no {kind} {value!r} in the graph; known: {listed}{more} "
        f"(`labourgraph queries {query}` shows examples)"
    )


def examples(kind: str, select: Select | None, lang: str, count: int = SHOWN) -> list[Known]:
    """A few values of a kind that the graph holds, most used first (for `queries NAME`)."""
    if kind == "language":
        return [Known(language, "", 0) for language in LANGUAGES]
    if kind not in GRAPH_KINDS or select is None:
        return []
    return known_values(kind, select, lang)[:count]
