"""Writing the networks: GEXF (Gephi), GraphML (yEd, Cytoscape), CSV tables and the summary.

Every output is sorted and carries no timestamp, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from labourgraph.analysis import charts
from labourgraph.analysis.network_build import SEED, Chain
from labourgraph.analysis.network_read import CLASS_COLOURS, Entity, humanise, local_name


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
LAYOUT_SCALE = 1000.0
"""GEXF positions span [-LAYOUT_SCALE, LAYOUT_SCALE]: Gephi's own scale, where labels fit."""
LAYOUT_LIMIT = 500
"""Above this many nodes the GEXF positions are seeded random ones, for Gephi's own
(multithreaded) ForceAtlas2 to start from: networkx's layouts are quadratic in Python and
numpy (ForceAtlas2, 100 iterations: 3 s for 500 nodes, 80 s for 2,000; a spring layout of
6,000 nodes took 489 s)."""


class _GexfWriter(nx.readwrite.gexf.GEXFWriter):
    """networkx's GEXF writer without the `networkx_key` attribute it gives every edge of a
    multigraph: the key of an actor edge is its relation, which the `relation` column and the
    edge's label already carry, and Gephi users should not see the library's internals."""

    def add_attributes(self, node_or_edge: str, xml_obj: object, data: dict, default: dict) -> dict:
        if node_or_edge == "edge":
            data = {k: v for k, v in data.items() if k != "key"}
        return super().add_attributes(node_or_edge, xml_obj, data, default)


def layout_positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Node positions for Gephi, the same on every run: ForceAtlas2 (networkx ≥ 3.4; Gephi's
    own layout, so that running it again in Gephi starts from a settled state), else a spring
    layout, and above `LAYOUT_LIMIT` nodes seeded random positions; all seeded, on the
    undirected graph rebuilt in sorted order (iteration order moves a layout), rounded to 0.01."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_weighted_edges_from(
        sorted((*sorted((a, b)), w) for (a, b), w in _weights(graph).items())
    )
    if not len(simple):
        return {}
    if len(simple) > LAYOUT_LIMIT:
        raw = nx.random_layout(simple, seed=SEED, center=(0.0, 0.0))
    elif hasattr(nx, "forceatlas2_layout"):
        raw = nx.forceatlas2_layout(simple, seed=SEED, max_iter=100, weight="weight")
    else:
        raw = nx.spring_layout(simple, seed=SEED, weight="weight")
    span = max((abs(float(c)) for xy in raw.values() for c in xy), default=0.0) or 1.0
    return {
        node: (round(float(x) / span * LAYOUT_SCALE, 2), round(float(y) / span * LAYOUT_SCALE, 2))
        for node, (x, y) in raw.items()
    }


def _weights(graph: nx.Graph) -> dict[tuple[str, str], float]:
    """Edge weights of the undirected simple graph under `graph`, parallel edges summed."""
    weights: dict[tuple[str, str], float] = {}
    for a, b, w in graph.edges(data="weight", default=1):
        if a != b:
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0) + w
    return weights


def gexf_bytes(graph: nx.Graph) -> bytes:
    """GEXF 1.2 ready for Gephi, reproducible to the byte (no modification date).

    Each node has the colour of its class in the PNG drawings (`CLASS_COLOURS`), a size
    growing with its weighted degree and a position from `layout_positions`. A node or edge
    the corpus first speaks of on a date (attribute `first_seen`, from the documents' dates)
    has a spell from that date on, so that Gephi's timeline plays the corpus in order; edges
    are labelled with their relation and carry no internal attribute.
    """
    dated = graph.copy()
    positions = layout_positions(graph)
    for node, data in dated.nodes(data=True):
        red, green, blue = (
            int(CLASS_COLOURS[data["node_class"]][i : i + 2], 16) for i in (1, 3, 5)
        )
        x, y = positions[node]
        strength = float(data.get("weighted_degree", 0))
        data["viz"] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "position": {"x": x, "y": y, "z": 0.0},
            "size": round(10.0 + 4.0 * strength**0.5, 2),
        }
        if data.get("first_seen"):
            data["spells"] = [(data["first_seen"], None)]
    for *_, data in dated.edges(data=True):
        if "relation" in data:
            data["label"] = data["relation"]
        if data.get("first_seen"):
            data["spells"] = [(data["first_seen"], None)]
    buffer = io.BytesIO()
    writer = _GexfWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(dated)
    writer.write(buffer)
    return _GEXF_DATE.sub(b"", buffer.getvalue())


def add_dates(graph: nx.Graph, first_seen: dict[str, str], document_dates: dict[str, str]) -> None:
    """Give nodes and edges the date the corpus first speaks of them (`first_seen`).

    A node's is the earliest date of its evidence (`network_read.first_seen`); an edge's the
    earliest date of the documents it lists, and never before either of its ends (Gephi hides
    an edge whose node is not there yet). Without dated documents nothing is added.
    """
    for node, data in graph.nodes(data=True):
        if node in first_seen:
            data["first_seen"] = first_seen[node]
    for a, b, data in graph.edges(data=True):
        docs = [d.split(":", 1)[0] for d in str(data.get("documents", "")).split()]
        dates = [document_dates[d] for d in docs if d in document_dates]
        ends = [first_seen[n] for n in (a, b) if n in first_seen]
        if dates:
            data["first_seen"] = max([min(dates), *ends])
        elif len(ends) == 2:
            data["first_seen"] = max(ends)


def graphml_bytes(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue()


_LAYOUTS = {"tasks": "tripartite"}


COMENTION_TOP = 40
"""The co-mention drawing shows this many nodes, the most connected (the GEXF has them all):
co-occurrence ties every name of a paragraph to every other, and the whole is a hairball."""
_TOP = {"comentions": COMENTION_TOP}


def export(graph: nx.Graph, lang: str = "en") -> dict[str, bytes]:
    """File name → bytes for one measured network: GEXF, GraphML, node and edge CSV, PNG."""
    name = graph.name
    return {
        f"{name}.gexf": gexf_bytes(graph),
        f"{name}.graphml": graphml_bytes(graph),
        f"{name}-nodes.csv": node_csv(graph),
        f"{name}-edges.csv": edge_csv(graph),
        f"{name}.png": charts.network_png(
            graph,
            CLASS_COLOURS,
            layout=_LAYOUTS.get(name, "spring"),
            top=_TOP.get(name),
            lang=lang,
        ),
    }


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
