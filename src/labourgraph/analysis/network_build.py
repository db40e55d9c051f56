"""Building and measuring the networks: actors, co-mentions, tasks and subcontracting chains.

Each builder turns what `network_read` reads from the graph into a networkx graph whose node
ids are full IRIs; `measure` and `annotate` add degree, weighted degree, betweenness, Louvain
community and connected component to every node.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from labourgraph.analysis.network_read import (
    ACTOR_SEGMENTS,
    Entity,
    Fact,
    document_id,
    entities,
    facts,
    humanise,
    local_name,
    select,
)
from labourgraph.core.vocab import PLD

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
