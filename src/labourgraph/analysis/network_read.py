"""Reading the built graph for the networks: the store, its entities, facts and observations.

The built graph (never the corpus) is read through SPARQL on a pyoxigraph store — the
measured join speed of rdflib's engine makes it unfit beyond the seeds. This module names the
legend classes of nodes, reads the entities with their labels, the asserted relations with the
evidence their axiom annotations cite, and the percent and pay-rate observations drawn as charts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

import pyoxigraph as ox

from labourgraph.analysis import charts
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.model import PLATFORM_CLASSES, RESEARCH_CLASSES
from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.rdfio import load_store
from labourgraph.core.vocab import PLD, PLO
from labourgraph.publish import ondisk

PREFIXES = f"""PREFIX plo: <{PLO}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# Node classes, in legend order, with colours that stay apart for colour-blind readers
# (Okabe–Ito first, then Tableau). A node's class comes from its IRI segment (the graph
# model mints one segment per kind) refined by its most specific rdf:type.
CLASS_COLOURS: dict[str, str] = {
    "Platform": "#D55E00",
    "Organisation": "#E69F00",
    "Research body": "#CC79A7",
    "Worker": "#009E73",
    "Researcher": "#0072B2",
    "Person": "#56B4E9",
    "Place": "#999999",
    "Task type": "#F0E442",
    "AI-labour function": "#8C564B",
    "AI system": "#9467BD",
    "Worker population": "#17BECF",
    "Other": "#333333",
}
_SEGMENT_CLASS = {
    "place": "Place",
    "task-type": "Task type",
    "ai-system": "AI system",
    "population": "Worker population",
}
ACTOR_SEGMENTS = ("organisation", "person", "place")
ENTITY_SEGMENTS = ("organisation", "person", "place", "task-type", "ai-system", "population")
AI_LABOUR_FUNCTIONS = ("Preparation", "Verification", "Imitation")


@dataclass
class Entity:
    """What the networks need to know about one individual of the graph."""

    iri: str
    label: str
    types: set[str] = field(default_factory=set)

    @property
    def node_class(self) -> str:
        return node_class(self.iri, self.types)


def node_class(iri: str, types: Iterable[str]) -> str:
    """The legend class of a node: from its IRI segment, refined by its rdf:type local names.

    >>> node_class("https://w3id.org/platform-labour/id/organisation/appen", {"MicroworkPlatform"})
    'Platform'
    >>> node_class("https://w3id.org/platform-labour/ontology#Preparation", {"AILabourFunction"})
    'AI-labour function'
    """
    local = {local_name(t) for t in types}
    if iri.startswith(str(PLO)) and (
        "AILabourFunction" in local or local_name(iri) in AI_LABOUR_FUNCTIONS
    ):
        return "AI-labour function"
    segment = iri[len(str(PLD)) :].split("/", 1)[0] if iri.startswith(str(PLD)) else ""
    if segment == "organisation":
        if local & PLATFORM_CLASSES:
            return "Platform"
        if local & RESEARCH_CLASSES:
            return "Research body"
        return "Organisation"
    if segment == "person":
        if "Worker" in local:
            return "Worker"
        if "Researcher" in local:
            return "Researcher"
        return "Person"
    return _SEGMENT_CLASS.get(segment, "Other")


def local_name(iri: str) -> str:
    """The last segment of an IRI (after `#` or the last `/`)."""
    return re.split(r"[#/]", iri)[-1]


def humanise(name: str) -> str:
    """`ShareOfWomen` → `share of women`: a readable fallback when no label is in the graph."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def document_id(iri: str) -> str:
    """`pld:document/003_fd31…` → `003_fd31…` (the file stem)."""
    return iri[len(str(PLD) + "document/") :] if iri.startswith(str(PLD) + "document/") else iri


# --------------------------------------------------------------------------- reading the graph


def open_store(path: Path | str, ontology: Path | str | None = ONTOLOGY_FILE) -> ox.Store:
    """Load a built graph, with the ontology it imports, into an in-memory pyoxigraph store.

    The individuals file `owl:import`s the ontology; loading it too gives the labels of the
    ontology's individuals (AI-labour functions, indicators, roles). An RDF/XML `.owl` release
    already holds the ontology, and a missing ontology file is simply skipped. A store
    directory (`publish.ondisk`) holds both and is opened read-only instead of loaded.
    """
    path = Path(path)
    if path.is_dir():  # a store (`labourgraph export --store`): opened, not parsed
        return ondisk.open_store([path])
    if not path.is_file():
        raise LabourgraphError(f"{path}: no such graph file (run `labourgraph build` first)")
    paths = [path]
    if ontology and Path(ontology).is_file() and path.suffix != ".owl":
        paths.append(Path(ontology))
    return load_store(paths)


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Run a SELECT and return each solution as {variable: lexical value}; unbound are absent."""
    solutions = store.query(PREFIXES + query)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError(f"not a SELECT query: {query}")
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term.value
        rows.append(row)
    return rows


def entities(store: ox.Store) -> dict[str, Entity]:
    """Every named individual of the entity kinds, plus the AI-labour functions, with labels.

    Labels: one of the individual's `rdfs:label` (plain or French first, then English), else
    a readable form of the IRI's last segment.
    """
    filters = " || ".join(f'STRSTARTS(STR(?x), "{PLD}{seg}/")' for seg in ENTITY_SEGMENTS)
    rows = select(
        store,
        f"""SELECT ?x ?type ?label ?lang WHERE {{
              ?x a ?type .
              FILTER({filters} || ?type = plo:AILabourFunction)
              OPTIONAL {{ ?x rdfs:label ?label BIND(LANG(?label) AS ?lang) }}
            }}""",
    )
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    found: dict[str, Entity] = {}
    rank = {"": 0, "fr": 1, "en": 2}
    for row in rows:
        ent = found.setdefault(row["x"], Entity(row["x"], ""))
        ent.types.add(row["type"])
        if "label" in row:
            labels[row["x"]].append((rank.get(row.get("lang", ""), 3), row["label"]))
    for name in AI_LABOUR_FUNCTIONS:
        found.setdefault(str(PLO[name]), Entity(str(PLO[name]), "", {str(PLO.AILabourFunction)}))
    for iri, ent in found.items():
        ent.label = min(labels[iri])[1] if labels[iri] else humanise(local_name(iri))
    return found


@dataclass(frozen=True)
class Fact:
    """One asserted relation with the evidence its axiom annotation cites."""

    source: str
    relation: str
    target: str
    evidence: frozenset[str]
    documents: frozenset[str]


def facts(store: ox.Store, relations: Iterable[str]) -> list[Fact]:
    """The asserted triples of these `plo:` properties, each with its annotated evidence."""
    values = " ".join(f"plo:{name}" for name in relations)
    rows = select(
        store,
        f"""SELECT ?s ?p ?o ?ev ?doc WHERE {{
              VALUES ?p {{ {values} }}
              ?s ?p ?o .
              OPTIONAL {{
                ?ax owl:annotatedSource ?s ; owl:annotatedProperty ?p ;
                    owl:annotatedTarget ?o ; plo:evidence ?ev .
                OPTIONAL {{ ?ev plo:inDocument ?doc }}
              }}
            }}""",
    )
    evidence: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    documents: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = (row["s"], local_name(row["p"]), row["o"])
        evidence.setdefault(key, set())
        if "ev" in row:
            evidence[key].add(row["ev"])
        if "doc" in row:
            documents[key].add(document_id(row["doc"]))
    return [
        Fact(s, p, o, frozenset(evidence[(s, p, o)]), frozenset(documents[(s, p, o)]))
        for s, p, o in sorted(evidence)
    ]


# --------------------------------------------------------------------------- observations


def profile_figures(store: ox.Store) -> list[charts.Figure]:
    """Percent observations about microworkers in France, one bar each, with their sources.

    A population is "microworkers in France" when its IRI or label names both microwork and
    France (the seeds mint `pld:population/microworkers-in-france`).
    """
    rows = select(
        store,
        """SELECT ?obs ?label ?indicator ?indLabel ?value ?min ?max ?doc ?pop ?popLabel WHERE {
             ?obs plo:population ?pop ; plo:unit "percent" .
             OPTIONAL { ?pop rdfs:label ?popLabel }
             OPTIONAL {
               ?obs plo:indicator ?indicator .
               OPTIONAL { ?indicator rdfs:label ?indLabel FILTER(LANG(?indLabel) = "en") }
             }
             OPTIONAL { ?obs rdfs:label ?label }
             OPTIONAL { ?obs plo:value ?value }
             OPTIONAL { ?obs plo:minValue ?min ; plo:maxValue ?max }
             OPTIONAL { ?obs plo:evidence/plo:inDocument ?doc }
           }""",
    )
    rows = [r for r in rows if _is_french_microwork(r["pop"] + " " + r.get("popLabel", ""))]
    return _figures(rows, _indicator_name)


def _is_french_microwork(text: str) -> bool:
    folded = text.lower()
    return "france" in folded and ("micro" in folded or "clic" in folded)


def _indicator_name(row: dict[str, str]) -> str:
    if "indLabel" in row:
        return row["indLabel"]
    if "indicator" in row:
        return humanise(local_name(row["indicator"]))
    return row.get("label", local_name(row["obs"]))


def pay_rates(store: ox.Store) -> list[charts.Figure]:
    """Every `plo:PayRate` with its value or range, currency and what it pays for."""
    rows = select(
        store,
        """SELECT ?obs ?label ?unit ?per ?value ?min ?max ?doc ?org ?pop ?indicator ?indLabel
           WHERE {
             ?obs a plo:PayRate .
             OPTIONAL {
               ?obs plo:indicator ?indicator .
               OPTIONAL { ?indicator rdfs:label ?indLabel FILTER(LANG(?indLabel) = "en") }
             }
             OPTIONAL { ?obs plo:unit ?unit }
             OPTIONAL { ?obs plo:perUnit ?per }
             OPTIONAL { ?obs rdfs:label ?label }
             OPTIONAL { ?obs plo:value ?value }
             OPTIONAL { ?obs plo:minValue ?min ; plo:maxValue ?max }
             OPTIONAL { ?obs plo:aboutOrganisation ?org }
             OPTIONAL { ?obs plo:population ?pop }
             OPTIONAL { ?obs plo:evidence/plo:inDocument ?doc }
           }""",
    )
    ents = entities(store)

    def name(row: dict[str, str]) -> str:
        who = row.get("org") or row.get("pop")
        subject = ents[who].label if who in ents else _indicator_name(row)
        return f"{subject} — per {row.get('per', '?')}"

    return _figures(rows, name)


class _Observation(TypedDict):
    """What `_figures` gathers of one observation over its result rows."""

    name: str
    unit: str
    docs: set[str]
    row: dict[str, str]


def _figures(
    rows: list[dict[str, str]], name: Callable[[dict[str, str]], str]
) -> list[charts.Figure]:
    """One figure per observation: its value or range, unit, and the documents of its evidence."""
    grouped: dict[str, _Observation] = {}
    for row in rows:
        fig = grouped.setdefault(
            row["obs"],
            {"name": name(row), "unit": row.get("unit", "percent"), "docs": set(), "row": row},
        )
        if "doc" in row:
            fig["docs"].add(document_id(row["doc"]))
    result = []
    for iri, fig in sorted(grouped.items()):
        row = fig["row"]
        low = float(row.get("min", row.get("value", "nan")))
        high = float(row.get("max", row.get("value", "nan")))
        result.append(
            charts.Figure(
                iri=iri,
                name=str(fig["name"]),
                unit=str(fig["unit"]),
                low=low,
                high=high,
                sources=tuple(sorted(fig["docs"])),
            )
        )
    return sorted(result, key=lambda f: (f.unit, f.name, f.iri))
