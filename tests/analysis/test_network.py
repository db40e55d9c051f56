"""Networks built from the knowledge graph: their nodes and edges, measures and exports."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from labourgraph.analysis import network as net
from labourgraph.analysis import network_build, network_export
from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "network" / "mini-kg.ttl"
SEED_GRAPH = ROOT / "graph" / "platform-labour-kg.ttl"
PLD = "https://w3id.org/platform-labour/id/"
PLO = "https://w3id.org/platform-labour/ontology#"
OSKARINA, APPEN = f"{PLD}person/oskarina-fuentes", f"{PLD}organisation/appen"
CASILLI, TELECOM = f"{PLD}person/antonio-casilli", f"{PLD}organisation/telecom-paris"

needs_seed_graph = pytest.mark.skipif(
    not SEED_GRAPH.is_file(), reason="graph/platform-labour-kg.ttl is not built yet"
)


@pytest.fixture(scope="module")
def store():
    return net.open_store(FIXTURE)


@pytest.fixture(scope="module")
def analysis(store):
    return net.analyse(store)


@pytest.fixture(scope="module")
def seed_analysis():
    return net.analyse(net.open_store(SEED_GRAPH))


def test_actor_network_has_typed_edges_with_evidence(store):
    graph = net.actor_network(store)
    works = graph.get_edge_data(OSKARINA, APPEN, key="worksOn")
    assert works == {"relation": "worksOn", "weight": 1, "evidence": 1, "documents": "900_aaaa"}
    assert graph.has_edge(CASILLI, TELECOM, key="affiliatedWith")
    assert not graph.has_edge(APPEN, OSKARINA)  # directed: worker → platform
    classes = {graph.nodes[n]["label"]: graph.nodes[n]["node_class"] for n in graph}
    assert classes["Appen"] == "Platform"
    assert classes["CNRS"] == "Research body"
    assert classes["Télécom Paris"] == "Research body"
    assert classes["Oskarina Fuentes"] == "Worker"
    assert classes["Venezuela"] == "Place"
    assert "annotation d'images" not in classes  # task types belong to the task network


def test_paragraph_of_counts_newlines_before_the_offset():
    locate = net.paragraph_of("ab\ncd\n\nef")
    assert [locate(i) for i in (0, 1, 3, 4, 6, 7, 8)] == [0, 0, 1, 1, 2, 3, 3]


def test_comentions_count_shared_paragraphs_per_document(store):
    graph = net.comention_network(store)
    assert graph[OSKARINA][APPEN]["weight"] == 1
    france = f"{PLD}place/france"
    # Casilli and France share one paragraph in each of the two documents.
    assert graph[CASILLI][france] | {} == {
        "relation": "comention",
        "weight": 2,
        "documents": "900_aaaa:1 901_bbbb:1",
    }
    # Paola Tubaro (document 901) and Oskarina Fuentes (document 900) never meet.
    assert not graph.has_edge(OSKARINA, f"{PLD}person/paola-tubaro")
    # Different paragraphs of the same document are not a co-mention.
    assert not graph.has_edge(OSKARINA, CASILLI)


def test_task_network_is_tripartite(store):
    graph = net.task_network(store)
    task = f"{PLD}task-type/annotation-d-images"
    assert graph.has_edge(task, f"{PLO}Preparation")
    assert graph.has_edge(task, f"{PLD}ai-system/alexa")
    classes = {d["node_class"] for _, d in graph.nodes(data=True)}
    assert classes == {"Task type", "AI-labour function", "AI system"}
    assert {f"{PLO}Verification", f"{PLO}Imitation"} <= set(graph)  # always shown


def test_chains_are_paths_with_roles_and_countries(store):
    [chain] = net.chains(store)
    assert [(i, op.rsplit("/", 1)[1], role) for i, op, role in chain.layers] == [
        (1, "amazon-mechanical-turk", "ContractingRole"),
        (2, "appen", "TaskExecutionRole"),
    ]
    assert chain.countries == ["États-Unis"]
    assert chain.documents == ["900_aaaa"]
    graph = net.chain_network(store)
    assert list(graph.edges) == [(f"{PLD}organisation/amazon-mechanical-turk", APPEN)]


def test_measures_on_a_known_graph():
    graph = nx.Graph(name="toy")
    graph.add_edge("a", "b", weight=3)
    graph.add_edge("b", "c", weight=1)
    graph.add_edge("x", "y", weight=1)
    measures = net.measure(graph)
    assert measures["b"]["degree"] == 2
    assert measures["b"]["weighted_degree"] == 4
    assert measures["b"]["betweenness"] == pytest.approx(1 / 6, abs=1e-6)  # 1 pair of 6, normalised
    assert measures["a"]["betweenness"] == 0
    assert measures["a"]["component"] == measures["c"]["component"] == 1
    assert measures["x"]["component"] == 2
    assert measures["x"]["community"] == measures["y"]["community"] != measures["a"]["community"]


def test_measures_sample_betweenness_on_large_graphs(monkeypatch):
    # `measure` reads the limits of the module that defines it, not of the re-exporting one.
    monkeypatch.setattr(network_build, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(network_build, "BETWEENNESS_SAMPLE", 5)
    graph = nx.path_graph(30)
    first, second = net.measure(graph), net.measure(graph)
    assert first == second  # seeded sample
    exact = nx.betweenness_centrality(graph)
    assert any(abs(first[n]["betweenness"] - exact[n]) > 1e-6 for n in graph)


@pytest.mark.parametrize("kind", net.KINDS)
def test_gexf_and_graphml_load_back_with_the_same_nodes_and_edges(analysis, tmp_path, kind):
    graph = analysis.networks[kind]
    net.write(analysis, tmp_path)
    for reader, suffix in ((nx.read_gexf, "gexf"), (nx.read_graphml, "graphml")):
        loaded = reader(tmp_path / f"{kind}.{suffix}")
        assert sorted(loaded.nodes) == sorted(graph.nodes)
        assert sorted(loaded.edges()) == sorted(graph.edges())
        assert loaded.nodes[next(iter(graph))]["label"] == graph.nodes[next(iter(graph))]["label"]
    gexf = (tmp_path / f"{kind}.gexf").read_text(encoding="utf-8")
    assert "<viz:color" in gexf
    assert "lastmodifieddate" not in gexf


def test_node_csv_carries_measures(analysis):
    lines = analysis.files["actors-nodes.csv"].decode().splitlines()
    assert lines[0].startswith("id,label,node_class,type,degree,weighted_degree,betweenness")
    [appen] = [line for line in lines if line.startswith(APPEN + ",")]
    assert ",Appen,Platform,MicroworkPlatform,2,2," in appen


def test_outputs_are_deterministic(store, analysis):
    again = net.analyse(store)
    assert again.files.keys() == analysis.files.keys()
    assert [name for name in again.files if again.files[name] != analysis.files[name]] == []


def test_unknown_kind_and_missing_graph_are_user_errors(store, tmp_path):
    with pytest.raises(LabourgraphError, match="unknown network kind"):
        net.analyse(store, ["friends"])
    with pytest.raises(LabourgraphError, match="no such graph file"):
        net.open_store(tmp_path / "nothing.ttl")


def test_cli_writes_one_kind_and_prints_the_table(tmp_path):
    result = CliRunner().invoke(
        cli, ["network", "--kind", "actors", "--graph", str(FIXTURE), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "actors" in result.output and "Oskarina Fuentes" in result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "actors.gexf" in written and "actors.png" in written
    assert "comentions.gexf" not in written


@pytest.mark.slow
@needs_seed_graph
def test_seed_actor_network_holds_the_known_edges(seed_analysis):
    graph = seed_analysis.networks["actors"]
    assert graph.has_edge(OSKARINA, APPEN, key="worksOn")
    assert graph[OSKARINA][APPEN]["worksOn"]["evidence"] >= 1
    assert graph.has_edge(CASILLI, TELECOM, key="affiliatedWith")
    classes = {d["node_class"] for _, d in graph.nodes(data=True)}
    assert {"Platform", "Worker", "Research body"} <= classes


@needs_seed_graph
def test_seed_exports_round_trip(seed_analysis, tmp_path):
    net.write(seed_analysis, tmp_path)
    graph = seed_analysis.networks["actors"]
    loaded = nx.read_gexf(tmp_path / "actors.gexf")
    assert sorted(loaded.nodes) == sorted(graph.nodes)
    assert sorted(loaded.edges()) == sorted(graph.edges())


def test_labels_are_in_the_readers_language_with_a_fallback(store):
    task = f"{PLD}task-type/annotation-d-images"
    english, french = net.entities(store, "en"), net.entities(store, "fr")
    assert english[task].label == "image annotation"
    assert french[task].label == "annotation d'images"
    # the population has an English label only: French readers get it rather than nothing
    population = f"{PLD}population/microworkers-in-france"
    assert english[population].label == french[population].label == "microworkers in France"
    assert net.entities(store, "fr")[APPEN].label == "Appen"  # an untagged name in both
    with pytest.raises(LabourgraphError, match="unknown language 'de'"):
        net.analyse(store, lang="de")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_task_type_is_listed_twice(lang):
    analysis = net.analyse(net.open_store(FIXTURE), ["tasks"], lang)
    graph = analysis.networks["tasks"]
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert len(labels) == len(set(labels))
    lines = analysis.files["tasks-nodes.csv"].decode().splitlines()[1:]
    assert sum("annotation" in line for line in lines) == 1


def test_first_seen_dates_come_from_the_documents(store):
    seen = net.first_seen(store)
    assert seen[OSKARINA] == "2024-01-01"  # document 900 is dated 2024
    assert seen[CASILLI] == "2019-05-01"  # named in 901 (May 2019) and in 900 (2024)
    assert net.document_dates(store) == {"900_aaaa": "2024-01-01", "901_bbbb": "2019-05-01"}


@pytest.mark.parametrize("kind", net.KINDS)
def test_gexf_is_ready_for_gephi(analysis, tmp_path, kind):
    net.write(analysis, tmp_path)
    text = (tmp_path / f"{kind}.gexf").read_text(encoding="utf-8")
    assert "networkx_key" not in text
    loaded = nx.read_gexf(tmp_path / f"{kind}.gexf")
    graph = analysis.networks[kind]
    for node, data in loaded.nodes(data=True):
        position = data["viz"]["position"]
        assert abs(position["x"]) <= network_export.LAYOUT_SCALE
        colour = data["viz"]["color"]
        expected = net.CLASS_COLOURS[graph.nodes[node]["node_class"]]  # the PNGs' colour
        assert "#{:02X}{:02X}{:02X}".format(colour["r"], colour["g"], colour["b"]) == expected
    positions = {
        (d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for _, d in loaded.nodes(data=True)
    }
    assert len(positions) == loaded.number_of_nodes()  # a layout, not every node at the origin
    for _, _, data in loaded.edges(data=True):
        assert "networkx_key" not in data and "key" not in data


def test_gexf_spells_play_the_corpus_in_order(analysis, tmp_path):
    net.write(analysis, tmp_path)
    loaded = nx.read_gexf(tmp_path / "actors.gexf")
    assert loaded.graph["mode"] == "dynamic"
    # one spell per node, open-ended (networkx reads a missing end as the string 'None')
    assert [start for start, _ in loaded.nodes[OSKARINA]["spells"]] == ["2024-01-01"]
    assert [start for start, _ in loaded.nodes[CASILLI]["spells"]] == ["2019-05-01"]
    text = (tmp_path / "actors.gexf").read_text(encoding="utf-8")
    assert 'timeformat="date"' in text and '<spell start="2019-05-01" />' in text
    works = loaded.get_edge_data(OSKARINA, APPEN)
    works = next(iter(works.values())) if loaded.is_multigraph() else works
    assert [start for start, _ in works["spells"]] == ["2024-01-01"]
    assert works["label"] == "worksOn"
    # an edge never starts before its ends (Gephi would hide it)
    starts = {n: d["spells"][0][0] for n, d in loaded.nodes(data=True) if "spells" in d}
    for a, b, data in loaded.edges(data=True):
        if "spells" in data:
            assert data["spells"][0][0] >= max(starts.get(a, ""), starts.get(b, ""))


def test_gexf_is_byte_identical_across_processes(tmp_path):
    """Two runs in fresh interpreters (different hash seeds) write the same GEXF bytes."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from labourgraph.cli import main; main()",
                "network",
                "--graph",
                str(FIXTURE),
                "--out",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
            cwd=ROOT,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.gexf"))})
    assert len(outputs[0]) == 4 and outputs[0] == outputs[1]


def test_layout_is_seeded_and_uses_forceatlas2_when_available(monkeypatch):
    graph = nx.path_graph(6)
    nx.relabel_nodes(graph, {i: f"n{i}" for i in graph}, copy=False)
    first = network_export.layout_positions(graph)
    assert first == network_export.layout_positions(graph)
    calls: list[str] = []
    if hasattr(nx, "forceatlas2_layout"):
        real = nx.forceatlas2_layout
        monkeypatch.setattr(
            nx, "forceatlas2_layout", lambda *a, **k: calls.append("fa2") or real(*a, **k)
        )
        network_export.layout_positions(graph)
        assert calls == ["fa2"]
    monkeypatch.delattr(nx, "forceatlas2_layout", raising=False)
    spring = network_export.layout_positions(graph)
    assert spring == network_export.layout_positions(graph) and len(spring) == 6


def test_large_networks_get_seeded_positions_without_a_quadratic_layout(monkeypatch):
    monkeypatch.setattr(network_export, "LAYOUT_LIMIT", 10)
    monkeypatch.setattr(
        nx, "forceatlas2_layout", lambda *a, **k: pytest.fail("laid out"), raising=False
    )
    graph = nx.path_graph(30)
    nx.relabel_nodes(graph, {i: f"n{i:02d}" for i in graph}, copy=False)
    positions = network_export.layout_positions(graph)
    assert positions == network_export.layout_positions(graph)
    assert len(set(positions.values())) == 30
    assert max(abs(c) for xy in positions.values() for c in xy) == network_export.LAYOUT_SCALE
