"""The pictures researchers look at: network drawings and charts of the graph's figures.

Pure drawing: every function takes plain data (a networkx graph, rows of figures) and returns
PNG bytes, so that callers write them through `labourgraph.core.atomic` and tests can inspect them
without touching disk. matplotlib's Agg backend is forced (no display on servers), layouts are
seeded, and the PNG metadata that would name the matplotlib version is dropped, so that the
same graph gives the same bytes.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

LAYOUT_SEED = 7
DPI = 110
DRAW_LIMIT = 400
"""Networks larger than this are drawn by their most connected nodes only."""
LABEL_LIMIT = 60
"""Above this many nodes only the most connected ones are labelled, to stay readable."""

plt.rcParams.update({"svg.hashsalt": "labourgraph", "font.family": "DejaVu Sans"})


@dataclass(frozen=True)
class Figure:
    """One quantity to chart: a value (low == high) or a range, with its unit and sources."""

    iri: str
    name: str
    unit: str
    low: float
    high: float
    sources: tuple[str, ...]
    per: str = ""
    """The unit of work or time a pay rate is for (`month`, `task`, `1000 words`)."""
    period: str = ""
    """The period the figure refers to, in ISO 8601-2 interval notation (`../2022`)."""


TEXT: dict[str, dict[str, str]] = {
    "en": {
        "profile": "Microworkers in France: profile figures (%)",
        "no profile": "no percent observation about microworkers in France",
        "pay": "Pay per {per}, by currency (value, or minimum–maximum range)",
        "no pay": "no pay rate in the graph",
        "no source": "no source",
        "chains": "Subcontracting chains (client → worker)",
        "no chain": "no subcontracting chain in the graph",
        "no nodes": "no nodes in this network",
        "until": "until {end}",
        "since": "since {start}",
        "top": "the {k} most connected drawn (all {n} in the GEXF file)",
    },
    "fr": {
        "profile": "Microtravailleurs en France : profil (%)",
        "no profile": "aucun pourcentage sur les microtravailleurs en France",
        "pay": "Rémunération par {per}, par monnaie (valeur, ou fourchette minimum–maximum)",
        "no pay": "aucun taux de rémunération dans le graphe",
        "no source": "sans source",
        "chains": "Chaînes de sous-traitance (client → travailleur)",
        "no chain": "aucune chaîne de sous-traitance dans le graphe",
        "no nodes": "aucun nœud dans ce réseau",
        "until": "jusqu'en {end}",
        "since": "depuis {start}",
        "top": "les {k} plus connectés dessinés (tous les {n} dans le fichier GEXF)",
    },
}
"""The words of the pictures, in each language a reader may ask for (`--lang`)."""
PER_UNITS_FR = {
    "hour": "heure",
    "day": "jour",
    "week": "semaine",
    "month": "mois",
    "year": "an",
    "task": "tâche",
    "1000 words": "1000 mots",
    "word": "mot",
    "page": "page",
}
"""The graph's units of work and time (`plo:perUnit`, English words) in French."""
CLASSES_FR = {
    "Platform": "Plateforme",
    "Organisation": "Organisation",
    "Research body": "Organisme de recherche",
    "Worker": "Travailleur",
    "Researcher": "Chercheur",
    "Person": "Personne",
    "Place": "Lieu",
    "Task type": "Type de tâche",
    "AI-labour function": "Fonction du travail de l'IA",
    "AI system": "Système d'IA",
    "Worker population": "Population de travailleurs",
    "Other": "Autre",
}
"""The legend classes of the network drawings (`network_read.CLASS_COLOURS`) in French."""


def per_unit_text(per: str, lang: str = "en") -> str:
    """A unit of work or time in the reader's language (`month` → `mois`)."""
    return PER_UNITS_FR.get(per, per) if lang == "fr" else per


def period_text(period: str, lang: str = "en") -> str:
    """An ISO 8601-2 interval as a reader says it.

    >>> [period_text(p) for p in ("2019", "2020/2023", "../2022", "2020-04/..", "")]
    ['2019', '2020–2023', 'until 2022', 'since 2020-04', '']
    """
    start, _, end = period.partition("/")
    if not end:
        return period
    if start in ("", ".."):
        return TEXT[lang]["until"].format(end=end)
    if end == "..":
        return TEXT[lang]["since"].format(start=start)
    return f"{start}–{end}"


def png_bytes(fig: MplFigure) -> bytes:
    """Render and close a figure; no Software/date metadata, so output is reproducible."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _layout(graph: nx.Graph, layout: str) -> dict[str, tuple[float, float]]:
    if layout == "tripartite":
        # Task types in the middle column, so that no edge crosses a column of nodes.
        order = {"AI-labour function": 0, "Task type": 1, "AI system": 2}
        columns: dict[int, list[tuple[str, str]]] = {}
        for node, data in graph.nodes(data=True):
            column = order.get(data["node_class"], 3)
            columns.setdefault(column, []).append((data["label"], node))
        pos = {}
        for x, members in columns.items():
            members.sort()
            for i, (_, node) in enumerate(members):
                pos[node] = (float(x), 1.0 - (i + 0.5) / len(members))
        return pos
    return _tiled_layout(nx.Graph(graph))


def _tiled_layout(simple: nx.Graph) -> dict[str, tuple[float, float]]:
    """Spring-lay each connected component alone, then pack them in rows, largest first.

    A single spring layout pushes components apart and squeezes each into a dot; packing
    keeps every component readable, its tile's side growing with the square root of its size.
    Isolated nodes share one tile, arranged in a square grid.
    """
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c))
    groups = [c for c in parts if len(c) > 1]
    isolated = [c[0] for c in parts if len(c) == 1]
    if isolated:
        groups.append(isolated)
    sides = [math.sqrt(len(g)) + 0.6 for g in groups]  # 0.6: a gap between tiles
    row_width = max(max(sides), 1.3 * math.sqrt(sum(side * side for side in sides)))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group, side in zip(groups, sides, strict=True):
        if x and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        row_height = max(row_height, side)
        if group is isolated:
            n = math.ceil(math.sqrt(len(group)))
            local = {v: ((j % n) / n - 0.5, 0.5 - (j // n) / n) for j, v in enumerate(group)}
        else:
            # A fresh graph in sorted order: subgraph views iterate a set, whose order
            # changes with the interpreter's hash seed and would move the layout.
            sub = nx.Graph()
            sub.add_nodes_from(group)
            sub.add_edges_from(sorted(tuple(sorted(e)) for e in simple.subgraph(group).edges))
            local = _component_layout(sub)
        for v, (lx, ly) in local.items():
            pos[v] = (x + side / 2 + 0.75 * side * lx, y - side / 2 + 0.75 * side * ly)
        x += side
    return pos


KAMADA_KAWAI_LIMIT = 300
"""Components up to this size use Kamada-Kawai (even spacing, readable labels); larger ones a
seeded spring layout, which stays fast."""


def _component_layout(sub: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in [-0.5, 0.5]² for one connected component."""
    if len(sub) <= KAMADA_KAWAI_LIMIT:
        start = nx.spring_layout(sub, seed=LAYOUT_SEED, iterations=50)
        return nx.kamada_kawai_layout(sub, pos=start, weight=None, scale=0.5)
    k = 2.0 / math.sqrt(len(sub))
    return nx.spring_layout(sub, seed=LAYOUT_SEED, k=k, iterations=100, scale=0.5)


def _keep(graph: nx.Graph, kept: set[str]) -> nx.Graph:
    """The subgraph on `kept`, rebuilt in the original order (a subgraph view iterates a set,
    in an order that changes with the interpreter's hash seed)."""
    drawn = graph.__class__()
    drawn.add_nodes_from((v, d) for v, d in graph.nodes(data=True) if v in kept)
    drawn.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if a in kept and b in kept)
    return drawn


def top_nodes(graph: nx.Graph, k: int) -> set[str]:
    """The `k` nodes of highest weighted degree (ties by label, then id: reproducible)."""
    strength = dict(graph.degree(weight="weight"))
    return set(sorted(graph, key=lambda v: (-strength[v], graph.nodes[v]["label"], v))[:k])


def network_png(
    graph: nx.Graph,
    colours: dict[str, str],
    layout: str = "spring",
    top: int | None = None,
    lang: str = "en",
) -> bytes:
    """A labelled drawing of a measured network, nodes coloured by class, sized by degree.

    Unconnected nodes are left out of spring drawings, and above `DRAW_LIMIT` nodes (or `top`,
    when given: a readable core of a dense network) only the most connected ones are drawn,
    which the title says: a picture of thousands of nodes is unreadable, and laying it out
    costs minutes (a spring layout of 6,000 nodes took 489 s here). The exports keep every
    node. The picture's size follows the number of nodes drawn, so that a network of four
    nodes is a small picture, not half a page.
    """
    total, edges = graph.number_of_nodes(), graph.number_of_edges()
    title = f"{graph.name}: {total} nodes, {edges} edges"
    if layout == "spring" and edges:
        isolates = set(nx.isolates(graph))
        if isolates:
            graph = _keep(graph, set(graph) - isolates)
            title += f"; {len(isolates)} unconnected nodes not drawn"
    limit = min(DRAW_LIMIT, top) if top else DRAW_LIMIT
    if graph.number_of_nodes() > limit:
        graph = _keep(graph, top_nodes(graph, limit))
        title += "\n" + TEXT[lang]["top"].format(k=limit, n=total)
    n = graph.number_of_nodes()
    side = min(3.5 + n / 6, 22) if n <= 60 else min(8 + n / 12, 22)
    height = side
    if layout == "tripartite":  # one column of labels stacked: give each its line
        tallest = max(
            Counter(d["node_class"] for _, d in graph.nodes(data=True)).values(), default=1
        )
        height = max(5.0, 0.42 * tallest + 2)
        side = 14.0
    fig, ax = plt.subplots(figsize=(side * 1.25 + 2, height))
    ax.set_title(title, fontsize=12 if n > 12 else 10)
    ax.axis("off")
    if n == 0:
        ax.text(0.5, 0.5, TEXT[lang]["no nodes"], ha="center", va="center", fontsize=14)
        return png_bytes(fig)
    pos = _layout(graph, layout)
    nodes = list(graph.nodes)
    weighted = {node: graph.degree(node, weight="weight") for node in nodes}
    simple = nx.Graph(graph)
    widths = [0.6 + math.log1p(d.get("weight", 1)) for *_, d in simple.edges(data=True)]
    nx.draw_networkx_edges(simple, pos, ax=ax, width=widths, edge_color="#8a8a8a", alpha=0.55)
    nx.draw_networkx_nodes(
        graph,
        pos,
        ax=ax,
        nodelist=nodes,
        node_color=[colours[graph.nodes[v]["node_class"]] for v in nodes],
        node_size=[(1 if n <= 40 else 0.4) * (220 + 90 * math.sqrt(weighted[v])) for v in nodes],
        edgecolors="#222222",
        linewidths=0.6,
    )
    labelled = sorted(nodes, key=lambda v: (-weighted[v], graph.nodes[v]["label"]))[:LABEL_LIMIT]
    if layout == "tripartite":  # columns: labels beside the nodes, not stacked above them
        shift, align = (0.05, 0.0), {"horizontalalignment": "left"}
    else:
        ys = [y for _, y in pos.values()]
        shift, align = (0.0, (max(ys) - min(ys) or 1.0) * 0.025), {"verticalalignment": "bottom"}
    nx.draw_networkx_labels(
        graph,
        {v: (x + shift[0], y + shift[1]) for v, (x, y) in pos.items()},
        ax=ax,
        **align,
        labels={v: _short(graph.nodes[v]["label"]) for v in labelled},
        font_size=8 if n > 30 else 10,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6},
    )
    present = sorted({graph.nodes[v]["node_class"] for v in nodes}, key=list(colours).index)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            color=colours[c],
            label=CLASSES_FR.get(c, c) if lang == "fr" else c,
        )
        for c in present
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.margins(x=0.22 if layout == "tripartite" else 0.12, y=0.1)
    fig.tight_layout()
    return png_bytes(fig)


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def chains_png(chains: list[tuple[str, list[tuple[str, str]]]], lang: str = "en") -> bytes:
    """One row per chain: its operators left (client side) to right (worker side), with roles."""
    rows = max(len(chains), 1)
    width = max((len(layers) for _, layers in chains), default=1)
    fig, ax = plt.subplots(figsize=(3.2 * width + 2, 1.4 * rows + 1.2))
    ax.set_title(TEXT[lang]["chains"], fontsize=13)
    ax.axis("off")
    if not chains:
        ax.text(0.5, 0.5, TEXT[lang]["no chain"], ha="center", va="center")
        return png_bytes(fig)
    for y, (label, layers) in enumerate(chains):
        row = rows - 1 - y
        ax.text(-0.6, row + 0.32, _short(label, 90), fontsize=9, style="italic", color="#444444")
        for x, (operator, role) in enumerate(layers):
            ax.annotate(
                f"{_short(operator, 28)}\n{role or '?'}",
                (x, row),
                ha="center",
                va="center",
                fontsize=9,
                bbox={"boxstyle": "round,pad=0.4", "fc": "#fde0c5", "ec": "#D55E00"},
            )
            if x:
                ax.annotate(
                    "", (x - 0.3, row), (x - 0.7, row), arrowprops={"arrowstyle": "->", "lw": 1.5}
                )
    ax.set_xlim(-0.7, width - 0.3)
    ax.set_ylim(-0.6, rows - 0.2)
    fig.tight_layout()
    return png_bytes(fig)


def _figure_label(fig: Figure, lang: str = "en") -> str:
    """What a bar names: who or what (and when), then the documents it is read from."""
    when = period_text(fig.period, lang)
    head = _short(fig.name, 48) + (f" ({when})" if when else "")
    return f"{head}\n[{_short(', '.join(fig.sources), 60) or TEXT[lang]['no source']}]"


def _number(value: float) -> str:
    """1410000 → `1,410,000`; 0.05 → `0.05` (no scientific notation on the bars)."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"


def _bars(ax: plt.Axes, figures: list[Figure], colour: str, lang: str = "en") -> None:
    """Horizontal bars: a value from zero, or a range from low to high, each number written."""
    labels = [_figure_label(f, lang) for f in figures]
    ys = list(range(len(figures)))[::-1]
    for y, f in zip(ys, figures, strict=True):
        if f.low == f.high:
            ax.barh(y, f.high, color=colour, height=0.6)
            text = _number(f.high)
        else:
            ax.barh(y, f.high - f.low, left=f.low, color=colour, height=0.6, hatch="//")
            text = f"{_number(f.low)}–{_number(f.high)}"
        ax.text(f.high, y, f"  {text}", va="center", fontsize=9)
    ax.set_yticks(ys, labels, fontsize=8)
    ax.set_xlim(0, max(f.high for f in figures) * 1.25 or 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _number(value)))
    ax.grid(axis="x", alpha=0.3)


def profile_png(figures: list[Figure], lang: str = "en") -> bytes:
    """Bar chart of the French microworker profile (percentages), each bar with its source."""
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.55 * max(len(figures), 3)))
    ax.set_title(TEXT[lang]["profile"], fontsize=13)
    if not figures:
        ax.axis("off")
        ax.text(0.5, 0.5, TEXT[lang]["no profile"], ha="center")
        return png_bytes(fig)
    _bars(ax, figures, "#0072B2", lang)
    ax.set_xlabel("%")
    fig.tight_layout()
    return png_bytes(fig)


PALETTE = ("#D55E00", "#009E73", "#0072B2", "#CC79A7", "#E69F00", "#56B4E9")


def pay_units(figures: list[Figure]) -> list[str]:
    """The units of work or time the pay rates are for, each with its own chart."""
    return sorted({f.per for f in figures})


def pay_rates_png(figures: list[Figure], per: str, lang: str = "en") -> bytes:
    """Pay rates for one unit of work or time, one panel per currency (an amount per task and
    one per month on one axis would hide the smaller); ranges are hatched from minimum to
    maximum, and each bar names whom it is about, its period and its sources."""
    figures = [f for f in figures if f.per == per]
    units = sorted({f.unit for f in figures})
    panels = [[f for f in figures if f.unit == unit] for unit in units]
    heights = [1.0 + 0.6 * len(p) for p in panels] or [2.0]
    fig, axes = plt.subplots(
        max(len(panels), 1),
        1,
        figsize=(11, sum(heights) + 1),
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    said = per_unit_text(per, lang)
    fig.suptitle(TEXT[lang]["pay"].format(per=said or "?"), fontsize=13)
    if not figures:
        axes[0][0].axis("off")
        axes[0][0].text(0.5, 0.5, TEXT[lang]["no pay"], ha="center")
        return png_bytes(fig)
    for i, (unit, panel) in enumerate(zip(units, panels, strict=True)):
        ax = axes[i][0]
        _bars(ax, panel, PALETTE[i % len(PALETTE)], lang)
        ax.set_xlabel(f"{unit} / {said}" if said else unit)
    fig.tight_layout()
    return png_bytes(fig)
