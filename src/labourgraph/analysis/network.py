"""Networks of the knowledge graph for digital sociology: who works with, for and where.

The built graph (never the corpus) is read through SPARQL on a pyoxigraph store — the
measured join speed of rdflib's engine makes it unfit beyond the seeds — and turned into four
networkx graphs:

- ``actors``: organisations, platforms, people and places joined by the typed relations of
  the graph model; each edge carries how many evidence spans its axiom annotation cites and
  the documents they come from;
- ``comentions``: entities whose evidence spans fall in the same paragraph of a document
  (a line of the document's ``plo:text``), the classic co-occurrence network, weighted by the
  number of paragraphs shared, overall and per document;
- ``tasks``: the tripartite network of task types, AI-labour functions and AI systems;
- ``chains``: each subcontracting chain as a directed path of its layers' operators, from the
  layer nearest the client to the one nearest the worker.

Each is measured (degree, weighted degree, betweenness, Louvain communities, connected
components) and exported for Gephi (GEXF with colours), yEd/Cytoscape (GraphML) and
spreadsheets (CSV). Node ids are full IRIs so that every exported node links back to the graph.
Every output is sorted and carries no timestamp, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

import networkx as nx
import pyoxigraph as ox

from labourgraph.analysis import charts
from labourgraph.core.atomic import write_many
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.model import PLATFORM_CLASSES, RESEARCH_CLASSES
from labourgraph.core.paths import ROOT
from labourgraph.core.rdfio import load_store
from labourgraph.core.vocab import PLD, PLO

DEFAULT_GRAPH = Path("graph/platform-labour-kg.ttl")
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
KINDS = ("actors", "comentions", "tasks", "chains")
SEED = 42
"""One seed for every random choice (Louvain, sampled betweenness, layouts)."""
BETWEENNESS_EXACT_LIMIT = 5000
"""Above this many nodes betweenness is estimated from a sample of sources (≈0.17 s each)."""
BETWEENNESS_SAMPLE = 256

ACTOR_RELATIONS = (
    "worksOn",
    "affiliatedWith",
    "basedIn",
    "livesIn",
    "originatesFrom",
    "subcontractsTo",
    "clientOf",
)
TASK_RELATIONS = ("servesFunction", "supportsAISystem")

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


def open_store(path: Path | str, ontology: Path | str | None = ONTOLOGY) -> ox.Store:
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


# --------------------------------------------------------------------------- building networks


def _add_nodes(graph: nx.Graph, ents: Iterable[Entity]) -> None:
    for ent in sorted(ents, key=lambda e: e.iri):
        graph.add_node(
            ent.iri,
            label=ent.label,
            node_class=ent.node_class,
            type=";".join(sorted(local_name(t) for t in ent.types)),
        )


def actor_network(store: ox.Store, ents: dict[str, Entity] | None = None) -> nx.MultiDiGraph:
    """Organisations, people and places; one edge per asserted relation, keyed by its name."""
    ents = entities(store) if ents is None else ents
    actors = [
        e for e in ents.values() if e.iri.startswith(tuple(f"{PLD}{s}/" for s in ACTOR_SEGMENTS))
    ]
    graph = nx.MultiDiGraph(name="actors")
    _add_nodes(graph, actors)
    for fact in facts(store, ACTOR_RELATIONS):
        if fact.source in graph and fact.target in graph:
            graph.add_edge(fact.source, fact.target, key=fact.relation, **_fact_attrs(fact))
    return graph


def _fact_attrs(fact: Fact) -> dict[str, object]:
    return {
        "relation": fact.relation,
        "weight": max(len(fact.evidence), 1),
        "evidence": len(fact.evidence),
        "documents": " ".join(sorted(fact.documents)),
    }


def paragraph_of(text: str) -> Callable[[int], int]:
    """A function from a code-point offset of `text` to the index of its line (paragraph)."""
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    return lambda offset: bisect.bisect_left(breaks, offset)


def comention_counts(
    store: ox.Store, ents: dict[str, Entity]
) -> dict[tuple[str, str], Counter[str]]:
    """For each pair of entities, in how many paragraphs of each document both are mentioned."""
    texts = {
        row["doc"]: row["text"]
        for row in select(
            store, "SELECT ?doc ?text WHERE { ?doc a plo:SourceDocument ; plo:text ?text }"
        )
    }
    locate = {doc: paragraph_of(text) for doc, text in texts.items()}
    rows = select(
        store,
        """SELECT ?x ?doc ?start WHERE {
             ?x plo:evidence ?ev . ?ev plo:inDocument ?doc ; plo:startOffset ?start .
           }""",
    )
    members: dict[tuple[str, int], set[str]] = defaultdict(set)
    for row in rows:
        if row["x"] in ents and row["doc"] in locate:
            members[(row["doc"], locate[row["doc"]](int(row["start"])))].add(row["x"])
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (doc, _), who in members.items():
        ordered = sorted(who)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)][document_id(doc)] += 1
    return pairs


def comention_network(store: ox.Store, ents: dict[str, Entity] | None = None) -> nx.Graph:
    """Entities mentioned in the same paragraph; weight = paragraphs shared, over all documents."""
    ents = entities(store) if ents is None else ents
    pairs = comention_counts(store, ents)
    graph = nx.Graph(name="comentions")
    _add_nodes(graph, (ents[iri] for iri in sorted({n for pair in pairs for n in pair})))
    for (a, b), per_doc in sorted(pairs.items()):
        graph.add_edge(
            a,
            b,
            relation="comention",
            weight=sum(per_doc.values()),
            documents=" ".join(f"{doc}:{n}" for doc, n in sorted(per_doc.items())),
        )
    return graph


def task_network(store: ox.Store, ents: dict[str, Entity] | None = None) -> nx.DiGraph:
    """Task types → AI-labour functions they serve, task types → AI systems they support."""
    ents = entities(store) if ents is None else ents
    keep = {"Task type", "AI-labour function", "AI system"}
    graph = nx.DiGraph(name="tasks")
    _add_nodes(graph, (e for e in ents.values() if e.node_class in keep))
    for fact in facts(store, TASK_RELATIONS):
        if fact.source in graph and fact.target in graph:
            graph.add_edge(fact.source, fact.target, **_fact_attrs(fact))
    return graph


@dataclass
class Chain:
    """A subcontracting chain read from the graph, layer 1 (nearest the client) first."""

    iri: str
    label: str
    layers: list[tuple[int, str, str]]  # (index, operator IRI, role local name)
    countries: list[str]
    documents: list[str]


def chains(store: ox.Store, ents: dict[str, Entity] | None = None) -> list[Chain]:
    """Every `plo:SubcontractingChain` with its layers, countries crossed and documents."""
    ents = entities(store) if ents is None else ents
    rows = select(
        store,
        """SELECT ?chain ?label ?index ?op ?role WHERE {
             ?chain a plo:SubcontractingChain ; plo:hasLayer ?layer .
             ?layer plo:layerIndex ?index .
             OPTIONAL { ?chain rdfs:label ?label }
             OPTIONAL { ?layer plo:operatedBy ?op }
             OPTIONAL { ?layer plo:hasRole ?role }
           }""",
    )
    where = select(
        store,
        """SELECT ?op ?country WHERE {
             ?layer plo:operatedBy ?op .
             { ?op plo:basedIn ?country } UNION { ?op plo:basedIn/plo:basedIn ?country }
             ?country a plo:Country .
           }""",
    )
    docs = select(
        store,
        """SELECT ?chain ?doc WHERE {
             ?chain a plo:SubcontractingChain ; plo:evidence/plo:inDocument ?doc .
           }""",
    )
    countries: dict[str, set[str]] = defaultdict(set)
    for row in where:
        countries[row["op"]].add(row["country"])
    documents: dict[str, set[str]] = defaultdict(set)
    for row in docs:
        documents[row["chain"]].add(document_id(row["doc"]))
    labels: dict[str, str] = {}
    layers: dict[str, dict[int, tuple[str, set[str]]]] = defaultdict(dict)
    for row in rows:
        labels.setdefault(row["chain"], row.get("label", local_name(row["chain"])))
        index = int(row["index"])
        _, roles = layers[row["chain"]].setdefault(index, (row.get("op", ""), set()))
        if "role" in row:
            roles.add(local_name(row["role"]))
    result = []
    for iri in sorted(layers):
        ordered = sorted(layers[iri].items())
        crossed = sorted({c for _, (op, _) in ordered for c in countries.get(op, ())})
        result.append(
            Chain(
                iri=iri,
                label=labels[iri],
                layers=[(i, op, "+".join(sorted(roles))) for i, (op, roles) in ordered],
                countries=[ents[c].label if c in ents else local_name(c) for c in crossed],
                documents=sorted(documents[iri]),
            )
        )
    return result


def chain_network(
    store: ox.Store, ents: dict[str, Entity] | None = None, found: list[Chain] | None = None
) -> nx.DiGraph:
    """The union of the chains: operator of layer i → operator of layer i+1, per chain."""
    ents = entities(store) if ents is None else ents
    found = chains(store, ents) if found is None else found
    graph = nx.DiGraph(name="chains")
    roles: dict[str, set[str]] = defaultdict(set)
    for chain in found:
        for _, op, role in chain.layers:
            if op:
                roles[op].add(role)
    operators = [ents.get(op, Entity(op, humanise(local_name(op)))) for op in roles]
    _add_nodes(graph, operators)
    for op in sorted(roles):
        graph.nodes[op]["roles"] = ";".join(sorted(r for r in roles[op] if r))
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for chain in found:
        ops = [op for _, op, _ in chain.layers if op]
        for a, b in itertools.pairwise(ops):
            edges[(a, b)].append(chain.iri)
    for (a, b), members in sorted(edges.items()):
        graph.add_edge(
            a, b, relation="nextLayer", weight=len(members), chains=" ".join(sorted(members))
        )
    return graph


# --------------------------------------------------------------------------- measures


def measure(graph: nx.Graph) -> dict[str, dict[str, float | int]]:
    """Degree, weighted degree, betweenness, Louvain community and component of each node.

    Betweenness, communities and components are computed on the undirected simple graph
    underneath (parallel edges merged, weights summed): co-occurrence and affiliation ties are
    read as symmetric, and evidence counts are strengths, not distances.
    """
    simple = undirected(graph)
    n = simple.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_EXACT_LIMIT else None
    between = nx.betweenness_centrality(simple, k=k, seed=SEED if k else None)
    communities = numbered(
        nx.community.louvain_communities(simple, weight="weight", seed=SEED) if n else []
    )
    components = numbered(nx.connected_components(simple))
    return {
        node: {
            "degree": graph.degree(node),
            "weighted_degree": graph.degree(node, weight="weight"),
            "betweenness": round(between[node], 6),
            "community": communities[node],
            "component": components[node],
        }
        for node in graph.nodes
    }


def undirected(graph: nx.Graph) -> nx.Graph:
    """The undirected simple graph under `graph`, with the weights of merged edges summed."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for a, b, weight in graph.edges(data="weight", default=1):
        if simple.has_edge(a, b):
            simple[a][b]["weight"] += weight
        else:
            simple.add_edge(a, b, weight=weight)
    return simple


def numbered(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Number groups 1.. by decreasing size then smallest member, so numbers are stable."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {node: i for i, group in enumerate(ordered, 1) for node in group}


def annotate(graph: nx.Graph) -> nx.Graph:
    """Store the measures as node attributes (Gephi and yEd show them as columns)."""
    for node, values in measure(graph).items():
        graph.nodes[node].update(values)
    return graph


@dataclass(frozen=True)
class Summary:
    """One line per network in `summary.csv` and the printed table."""

    kind: str
    nodes: int
    edges: int
    components: int
    communities: int
    density: float


def summarise(graph: nx.Graph) -> Summary:
    nodes = list(graph.nodes(data=True))
    return Summary(
        kind=graph.name,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=max((d.get("component", 0) for _, d in nodes), default=0),
        communities=max((d.get("community", 0) for _, d in nodes), default=0),
        density=round(nx.density(graph), 6) if graph.number_of_nodes() > 1 else 0.0,
    )


# --------------------------------------------------------------------------- exports

NODE_COLUMNS = (
    "id",
    "label",
    "node_class",
    "type",
    "degree",
    "weighted_degree",
    "betweenness",
    "community",
    "component",
)


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """CSV with a header row and Unix newlines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def node_csv(graph: nx.Graph) -> bytes:
    extra = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(NODE_COLUMNS))
    return csv_bytes(
        (*NODE_COLUMNS, *extra),
        (
            [node, *(d.get(c, "") for c in NODE_COLUMNS[1:]), *(d.get(c, "") for c in extra)]
            for node, d in graph.nodes(data=True)
        ),
    )


def edge_csv(graph: nx.Graph) -> bytes:
    keys = sorted({k for *_, d in graph.edges(data=True) for k in d})
    return csv_bytes(
        ("source", "target", "source_label", "target_label", *keys),
        (
            [a, b, graph.nodes[a]["label"], graph.nodes[b]["label"], *(d.get(k, "") for k in keys)]
            for a, b, d in graph.edges(data=True)
        ),
    )


_GEXF_DATE = re.compile(rb' lastmodifieddate="[^"]*"')


def gexf_bytes(graph: nx.Graph) -> bytes:
    """GEXF 1.2 with `viz:color` per node class and no modification date (reproducible)."""
    coloured = graph.copy()
    for _, data in coloured.nodes(data=True):
        red, green, blue = (
            int(CLASS_COLOURS[data["node_class"]][i : i + 2], 16) for i in (1, 3, 5)
        )
        data["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}
    buffer = io.BytesIO()
    nx.write_gexf(coloured, buffer)
    return _GEXF_DATE.sub(b"", buffer.getvalue())


def graphml_bytes(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue()


_LAYOUTS = {"tasks": "tripartite"}


def export(graph: nx.Graph) -> dict[str, bytes]:
    """File name → bytes for one measured network: GEXF, GraphML, node and edge CSV, PNG."""
    name = graph.name
    return {
        f"{name}.gexf": gexf_bytes(graph),
        f"{name}.graphml": graphml_bytes(graph),
        f"{name}-nodes.csv": node_csv(graph),
        f"{name}-edges.csv": edge_csv(graph),
        f"{name}.png": charts.network_png(
            graph, CLASS_COLOURS, layout=_LAYOUTS.get(name, "spring")
        ),
    }


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


# --------------------------------------------------------------------------- the whole run


@dataclass
class Analysis:
    """Everything `labourgraph network` computes, before it is written."""

    networks: dict[str, nx.Graph]
    chains: list[Chain]
    files: dict[str, bytes]

    def table(self, top: int = 8) -> str:
        """The printed report: one line per network, then its most connected nodes."""
        lines = [f"{'network':<12}{'nodes':>7}{'edges':>7}{'compon.':>9}{'commun.':>9}"]
        for graph in self.networks.values():
            s = summarise(graph)
            lines.append(f"{s.kind:<12}{s.nodes:>7}{s.edges:>7}{s.components:>9}{s.communities:>9}")
        for graph in self.networks.values():
            lines += ["", f"{graph.name}: top {top} by weighted degree"]
            lines.append(
                f"  {'label':<36}{'class':<20}{'deg':>5}{'w.deg':>7}{'betw.':>8}{'com.':>5}"
            )
            ranked = sorted(
                graph.nodes(data=True), key=lambda nd: (-nd[1]["weighted_degree"], nd[1]["label"])
            )
            for _, d in ranked[:top]:
                lines.append(
                    f"  {d['label'][:35]:<36}{d['node_class']:<20}{d['degree']:>5}"
                    f"{d['weighted_degree']:>7}{d['betweenness']:>8.3f}{d['community']:>5}"
                )
        if self.chains:
            lines += ["", "chains: length (layers) and distinct countries"]
            for chain in self.chains:
                lines.append(
                    f"  {chain.label[:50]:<52}{len(chain.layers):>3}{len(chain.countries):>3}  "
                    + ", ".join(chain.countries)
                )
        return "\n".join(lines)


def chains_csv(found: list[Chain], ents: dict[str, Entity]) -> bytes:
    def name(op: str) -> str:
        return ents[op].label if op in ents else humanise(local_name(op)) if op else "?"

    return csv_bytes(
        ("chain", "label", "length", "countries", "country_names", "path", "roles", "documents"),
        (
            [
                c.iri,
                c.label,
                len(c.layers),
                len(c.countries),
                ";".join(c.countries),
                " → ".join(name(op) for _, op, _ in c.layers),
                " → ".join(role or "?" for *_, role in c.layers),
                " ".join(c.documents),
            ]
            for c in found
        ),
    )


def analyse(store: ox.Store, kinds: Iterable[str] = KINDS) -> Analysis:
    """Build, measure and render the requested networks and the two observation charts."""
    kinds = list(kinds)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise LabourgraphError(
            f"unknown network kind {unknown[0]!r}; choose from {', '.join(KINDS)}"
        )
    ents = entities(store)
    found = chains(store, ents)
    builders = {
        "actors": lambda: actor_network(store, ents),
        "comentions": lambda: comention_network(store, ents),
        "tasks": lambda: task_network(store, ents),
        "chains": lambda: chain_network(store, ents, found),
    }
    networks = {kind: annotate(builders[kind]()) for kind in KINDS if kind in kinds}
    files: dict[str, bytes] = {}
    for graph in networks.values():
        files.update(export(graph))
    if "comentions" in networks:
        files["comentions-by-document.csv"] = csv_bytes(
            ("document", "source", "target", "source_label", "target_label", "weight"),
            sorted(
                [doc, a, b, ents[a].label, ents[b].label, int(n)]
                for (a, b), per_doc in comention_counts(store, ents).items()
                for doc, n in per_doc.items()
            ),
        )
    if "chains" in networks:
        files["chains.csv"] = chains_csv(found, ents)
        files["chains-paths.png"] = charts.chains_png(
            [
                (
                    c.label,
                    [(ents[op].label if op in ents else "?", role) for _, op, role in c.layers],
                )
                for c in found
            ]
        )
    files["summary.csv"] = csv_bytes(
        ("network", "nodes", "edges", "components", "communities", "density"),
        (list(vars(summarise(g)).values()) for g in networks.values()),
    )
    files["profile-france.png"] = charts.profile_png(profile_figures(store))
    files["pay-rates.png"] = charts.pay_rates_png(pay_rates(store))
    return Analysis(networks=networks, chains=found, files=files)


def write(analysis: Analysis, out: Path) -> list[Path]:
    """Write every file of the analysis into `out` at once (atomically)."""
    paths = {out / name: data for name, data in sorted(analysis.files.items())}
    write_many(paths)
    return sorted(paths)
