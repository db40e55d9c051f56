"""Reading the built graph for the networks: the store, its entities, facts and observations.

The built graph (never the corpus) is read through SPARQL on a pyoxigraph store — the
measured join speed of rdflib's engine makes it unfit beyond the seeds. This module names the
legend classes of nodes, reads the entities with their labels, the asserted relations with the
evidence their axiom annotations cite, and the percent and pay-rate observations drawn as charts.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

import pyoxigraph as ox
from rdflib import Literal

from labourgraph.analysis import charts
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.model import PLATFORM_CLASSES, RESEARCH_CLASSES
from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.rdfio import load_store
from labourgraph.core.vocab import PLD, PLO
from labourgraph.publish.labels import pick_label

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
    already holds the ontology, and a missing ontology file is simply skipped.
    """
    path = Path(path)
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


def best_label(labels: Iterable[tuple[str, str]], lang: str) -> str | None:
    """The one label of (text, language tag) pairs a reader of `lang` sees, by the project's
    one rule (`publish.labels.pick_label`: that language, else untagged, else the other)."""
    return pick_label((Literal(text, lang=tag or None) for text, tag in labels), lang)


def entities(store: ox.Store, lang: str = "en") -> dict[str, Entity]:
    """Every named individual of the entity kinds, plus the AI-labour functions, with labels.

    Each gets one label, in `lang` when it has one, else an untagged name, else the other
    language (`best_label`), else a readable form of the IRI's last segment: a task type with
    a French and an English label is one node, named once.
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
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    found: dict[str, Entity] = {}
    for row in rows:
        ent = found.setdefault(row["x"], Entity(row["x"], ""))
        ent.types.add(row["type"])
        if "label" in row:
            labels[row["x"]].add((row["label"], row.get("lang", "")))
    for name in AI_LABOUR_FUNCTIONS:
        found.setdefault(str(PLO[name]), Entity(str(PLO[name]), "", {str(PLO.AILabourFunction)}))
    missing = [iri for iri in found if not labels[iri]]
    if missing:  # the AI-labour functions are labelled in the ontology, not in the graph
        for row in select(
            store,
            "SELECT ?x ?label ?lang WHERE { VALUES ?x { "
            + " ".join(f"<{iri}>" for iri in sorted(missing))
            + " } ?x rdfs:label ?label BIND(LANG(?label) AS ?lang) }",
        ):
            labels[row["x"]].add((row["label"], row.get("lang", "")))
    for iri, ent in found.items():
        ent.label = best_label(labels[iri], lang) or humanise(local_name(iri))
    return found


def first_seen(store: ox.Store) -> dict[str, str]:
    """For each individual with evidence, the earliest date of the documents it is read from,
    as an ISO 8601 date (`2024` → `2024-01-01`): when the corpus first speaks of it.

    A span inside a dated part of a document (an interview among several) takes the part's
    date; elsewhere the document's. Undated documents give no date.
    """
    rows = select(
        store,
        """SELECT ?x ?date WHERE {
             ?x plo:evidence ?ev . ?ev plo:inDocument ?doc ; plo:startOffset ?start .
             OPTIONAL {
               ?part dcterms:isPartOf ?doc ; dcterms:date ?partDate ;
                     plo:partStartOffset ?from ; plo:partEndOffset ?to .
               FILTER(?from <= ?start && ?start < ?to)
             }
             OPTIONAL { ?doc dcterms:date ?docDate }
             BIND(COALESCE(?partDate, ?docDate) AS ?date)
             FILTER(BOUND(?date))
           }""",
    )
    seen: dict[str, str] = {}
    for row in rows:
        date = iso_date(row["date"])
        if date and (row["x"] not in seen or date < seen[row["x"]]):
            seen[row["x"]] = date
    return seen


def document_dates(store: ox.Store) -> dict[str, str]:
    """Document id → its ISO 8601 date, or its earliest part's when only parts are dated."""
    rows = select(
        store,
        """SELECT ?doc ?date WHERE {
             ?doc a plo:SourceDocument .
             { ?doc dcterms:date ?date } UNION { ?part dcterms:isPartOf ?doc ; dcterms:date ?date }
           }""",
    )
    dates: dict[str, str] = {}
    for row in rows:
        date, doc = iso_date(row["date"]), document_id(row["doc"])
        if date and (doc not in dates or date < dates[doc]):
            dates[doc] = date
    return dates


def iso_date(text: str) -> str:
    """`2024` → `2024-01-01`, `2020-04` → `2020-04-01`, a full date as it is; else ''.

    >>> [iso_date(t) for t in ("2024", "2020-04", "2020-04-24", "spring")]
    ['2024-01-01', '2020-04-01', '2020-04-24', '']
    """
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text.strip())
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


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


def profile_figures(store: ox.Store, lang: str = "en") -> list[charts.Figure]:
    """Percent observations about microworkers in France, one bar each, with their sources.

    A population is "microworkers in France" when its IRI or label names both microwork and
    France (the seeds mint `pld:population/microworkers-in-france`).
    """
    rows = select(
        store,
        """SELECT ?obs ?label ?indicator ?value ?min ?max ?doc ?pop ?popLabel ?period WHERE {
             ?obs plo:population ?pop ; plo:unit "percent" .
             OPTIONAL { ?pop rdfs:label ?popLabel }
             OPTIONAL { ?obs plo:indicator ?indicator }
             OPTIONAL { ?obs rdfs:label ?label }
             OPTIONAL { ?obs plo:value ?value }
             OPTIONAL { ?obs plo:minValue ?min ; plo:maxValue ?max }
             OPTIONAL { ?obs plo:refPeriod ?period }
             OPTIONAL { ?obs plo:evidence/plo:inDocument ?doc }
           }""",
    )
    rows = [r for r in rows if _is_french_microwork(r["pop"] + " " + r.get("popLabel", ""))]
    names = labels_of(store, {r["indicator"] for r in rows if "indicator" in r}, lang)
    return _named_sources(store, _figures(rows, lambda row: _indicator_name(row, names)))


def document_names(store: ox.Store) -> dict[str, str]:
    """Document id → how a reader cites it on a chart: publisher and year, else a short title,
    else the id (a file name means nothing to a reader, a publisher does)."""
    rows = select(
        store,
        """SELECT ?doc ?title ?publisher ?date WHERE {
             ?doc a plo:SourceDocument .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:publisher ?publisher }
             OPTIONAL { ?doc dcterms:date ?date }
           }""",
    )
    names: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: sorted(r.items())):
        doc = document_id(row["doc"])
        title = row.get("title", "")
        short = title if len(title) <= 40 else title[:39].rstrip() + "…"
        who = row.get("publisher") or short or doc
        names.setdefault(doc, f"{who}, {row['date'][:4]}" if row.get("date") else who)
    return names


def _named_sources(store: ox.Store, figures: list[charts.Figure]) -> list[charts.Figure]:
    names = document_names(store)
    return [
        dataclasses.replace(f, sources=tuple(sorted({names.get(d, d) for d in f.sources})))
        for f in figures
    ]


def labels_of(store: ox.Store, iris: Iterable[str], lang: str) -> dict[str, str]:
    """One label per IRI, in `lang` first (`best_label`); IRIs with no label are left out."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    rows = select(
        store,
        "SELECT ?x ?label ?lang WHERE { VALUES ?x { "
        + " ".join(f"<{iri}>" for iri in iris)
        + " } ?x rdfs:label ?label BIND(LANG(?label) AS ?lang) }",
    )
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        found[row["x"]].add((row["label"], row.get("lang", "")))
    return {iri: label for iri, pairs in found.items() if (label := best_label(pairs, lang))}


def _is_french_microwork(text: str) -> bool:
    folded = text.lower()
    return "france" in folded and ("micro" in folded or "clic" in folded)


def _indicator_name(row: dict[str, str], names: dict[str, str]) -> str:
    if row.get("indicator") in names:
        return names[row["indicator"]]
    if "indicator" in row:
        return humanise(local_name(row["indicator"]))
    return row.get("label", local_name(row["obs"]))


def pay_rates(store: ox.Store, lang: str = "en") -> list[charts.Figure]:
    """Every level of pay (`plo:PayRate` that is no rise, fall or gap) with its value or range,
    currency, unit of work, period, and whom it is about: the person, the population and the
    platform it names, in that order."""
    rows = select(
        store,
        """SELECT ?obs ?label ?unit ?per ?value ?min ?max ?doc ?org ?pop ?person ?indicator
                  ?period WHERE {
             ?obs a plo:PayRate .
             OPTIONAL { ?obs plo:direction ?direction }
             FILTER(!BOUND(?direction) || ?direction = plo:Level)
             OPTIONAL { ?obs plo:indicator ?indicator }
             OPTIONAL { ?obs plo:unit ?unit }
             OPTIONAL { ?obs plo:perUnit ?per }
             OPTIONAL { ?obs rdfs:label ?label }
             OPTIONAL { ?obs plo:value ?value }
             OPTIONAL { ?obs plo:minValue ?min ; plo:maxValue ?max }
             OPTIONAL { ?obs plo:aboutOrganisation ?org }
             OPTIONAL { ?obs plo:aboutPerson ?person }
             OPTIONAL { ?obs plo:population ?pop }
             OPTIONAL { ?obs plo:refPeriod ?period }
             OPTIONAL { ?obs plo:evidence/plo:inDocument ?doc }
           }""",
    )
    names = labels_of(
        store, {r[k] for r in rows for k in ("org", "pop", "person", "indicator") if k in r}, lang
    )

    def name(row: dict[str, str]) -> str:
        who = [names.get(row[k], "") for k in ("person", "pop", "org") if k in row]
        return " · ".join(dict.fromkeys(w for w in who if w)) or _indicator_name(row, names)

    return _named_sources(store, _figures(rows, name))


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
                per=row.get("per", ""),
                period=row.get("period", ""),
            )
        )
    return sorted(result, key=lambda f: (f.per, f.unit, f.name, f.iri))
