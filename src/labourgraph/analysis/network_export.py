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
from labourgraph.analysis.network_build import Chain
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
