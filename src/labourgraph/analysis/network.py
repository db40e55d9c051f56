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

The work is split by what it does: `network_read` reads the graph (entities, facts,
observations), `network_build` builds and measures each network, `network_export` writes the
files and the summary; this module runs the whole analysis and re-exports their public names,
so callers import everything from `labourgraph.analysis.network`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from labourgraph.analysis import charts
from labourgraph.analysis.network_build import (
    ACTOR_RELATIONS,
    BETWEENNESS_EXACT_LIMIT,
    BETWEENNESS_SAMPLE,
    SEED,
    TASK_RELATIONS,
    Chain,
    actor_network,
    annotate,
    chain_network,
    chains,
    comention_counts,
    comention_network,
    measure,
    numbered,
    paragraph_of,
    task_network,
    undirected,
)
from labourgraph.analysis.network_export import (
    NODE_COLUMNS,
    Summary,
    add_dates,
    chains_csv,
    csv_bytes,
    edge_csv,
    export,
    gexf_bytes,
    graphml_bytes,
    node_csv,
    summarise,
)
from labourgraph.analysis.network_read import (
    ACTOR_SEGMENTS,
    AI_LABOUR_FUNCTIONS,
    CLASS_COLOURS,
    ENTITY_SEGMENTS,
    PREFIXES,
    Entity,
    Fact,
    document_dates,
    document_id,
    document_names,
    entities,
    facts,
    first_seen,
    humanise,
    labels_of,
    local_name,
    node_class,
    open_store,
    pay_rates,
    profile_figures,
    select,
)
from labourgraph.core.atomic import write_many
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.mint import slug
from labourgraph.publish.labels import check_language

__all__ = [
    "ACTOR_RELATIONS",
    "ACTOR_SEGMENTS",
    "AI_LABOUR_FUNCTIONS",
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLE",
    "CLASS_COLOURS",
    "DEFAULT_GRAPH",
    "ENTITY_SEGMENTS",
    "KINDS",
    "NODE_COLUMNS",
    "PREFIXES",
    "SEED",
    "TASK_RELATIONS",
    "Analysis",
    "Chain",
    "Entity",
    "Fact",
    "Summary",
    "actor_network",
    "add_dates",
    "analyse",
    "annotate",
    "chain_network",
    "chains",
    "chains_csv",
    "comention_counts",
    "comention_network",
    "csv_bytes",
    "document_dates",
    "document_id",
    "document_names",
    "edge_csv",
    "entities",
    "export",
    "facts",
    "first_seen",
    "gexf_bytes",
    "graphml_bytes",
    "humanise",
    "labels_of",
    "local_name",
    "measure",
    "node_class",
    "node_csv",
    "numbered",
    "open_store",
    "paragraph_of",
    "pay_chart_name",
    "pay_rates",
    "profile_figures",
    "select",
    "summarise",
    "task_network",
    "undirected",
    "write",
]

DEFAULT_GRAPH = Path("graph/platform-labour-kg.ttl")
KINDS = ("actors", "comentions", "tasks", "chains")


@dataclass
class Analysis:
    """Everything `labourgraph network` computes, before it is written."""

    networks: dict[str, nx.Graph]
    chains: list[Chain]
    files: dict[str, bytes]
    pay_units: list[str] = field(default_factory=list)
    """The units of work or time with a pay chart (`pay_chart_name`), in file order."""

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


def analyse(store: ox.Store, kinds: Iterable[str] = KINDS, lang: str = "en") -> Analysis:
    """Build, measure and render the requested networks and the observation charts, every
    node and picture labelled in `lang` (falling back to the other language)."""
    check_language(lang)
    kinds = list(kinds)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise LabourgraphError(
            f"unknown network kind {unknown[0]!r}; choose from {', '.join(KINDS)}"
        )
    ents = entities(store, lang)
    found = chains(store, ents)
    builders = {
        "actors": lambda: actor_network(store, ents),
        "comentions": lambda: comention_network(store, ents),
        "tasks": lambda: task_network(store, ents),
        "chains": lambda: chain_network(store, ents, found),
    }
    networks = {kind: annotate(builders[kind]()) for kind in KINDS if kind in kinds}
    seen, dated = first_seen(store), document_dates(store)
    files: dict[str, bytes] = {}
    for graph in networks.values():
        add_dates(graph, seen, dated)
        files.update(export(graph, lang))
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
            ],
            lang,
        )
    files["summary.csv"] = csv_bytes(
        ("network", "nodes", "edges", "components", "communities", "density"),
        (list(vars(summarise(g)).values()) for g in networks.values()),
    )
    files["profile-france.png"] = charts.profile_png(profile_figures(store, lang), lang)
    rates = pay_rates(store, lang)
    for per in charts.pay_units(rates):  # one chart each: per task and per month differ 1:10⁵
        files[pay_chart_name(per)] = charts.pay_rates_png(rates, per, lang)
    units = charts.pay_units(rates)
    return Analysis(networks=networks, chains=found, files=files, pay_units=units)


def pay_chart_name(per: str) -> str:
    """The file of the pay chart for one unit of work or time.

    >>> pay_chart_name("1000 words")
    'pay-rates-per-1000-words.png'
    """
    return f"pay-rates-per-{slug(per) or 'unit'}.png"


def write(analysis: Analysis, out: Path) -> list[Path]:
    """Write every file of the analysis into `out` at once (atomically)."""
    paths = {out / name: data for name, data in sorted(analysis.files.items())}
    write_many(paths)
    return sorted(paths)
