"""The pictures: real, readable PNGs of the networks and of the graph's figures."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from PIL import Image

from labourgraph.analysis import charts
from labourgraph.analysis import network as net

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "network" / "mini-kg.ttl"


@pytest.fixture(scope="module")
def store():
    return net.open_store(FIXTURE)


def picture(data: bytes) -> tuple[Image.Image, np.ndarray]:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, np.asarray(image.convert("RGB"), dtype=float)


def assert_real_picture(data: bytes, min_side: int = 400) -> np.ndarray:
    """A PNG of a useful size that is not one flat colour."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image, pixels = picture(data)
    assert image.format == "PNG"
    assert min(image.size) >= min_side
    assert pixels.std() > 10  # not blank
    assert (pixels < 128).any(axis=2).mean() > 0.002  # some dark ink: text, edges, outlines
    return pixels


def has_colour(pixels: np.ndarray, hex_colour: str, tolerance: float = 12) -> bool:
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    return bool((np.abs(pixels - target).max(axis=2) < tolerance).sum() > 30)


def test_network_png_is_a_coloured_drawing(store):
    graph = net.annotate(net.actor_network(store))
    data = charts.network_png(graph, net.CLASS_COLOURS)
    pixels = assert_real_picture(data)
    for cls in ("Platform", "Worker", "Research body"):
        assert has_colour(pixels, net.CLASS_COLOURS[cls]), cls
    assert "Software" not in Image.open(io.BytesIO(data)).info  # no version stamp


def test_network_png_is_deterministic(store):
    graph = net.annotate(net.comention_network(store))
    assert charts.network_png(graph, net.CLASS_COLOURS) == charts.network_png(
        graph, net.CLASS_COLOURS
    )


def test_empty_network_still_gives_a_picture():
    graph = nx.Graph(name="empty")
    image, _ = picture(charts.network_png(graph, net.CLASS_COLOURS))
    assert image.size[0] > 400


def test_profile_figures_are_percentages_about_french_microworkers(store):
    [figure] = net.profile_figures(store)
    assert (figure.unit, figure.low, figure.high) == ("percent", 56.0, 56.0)
    assert figure.sources == ("Revue Exemple, 2019",)  # the publisher, not the file name
    assert "women" in figure.name
    assert_real_picture(charts.profile_png([figure]), min_side=250)


def test_pay_rates_keep_ranges_units_and_per_unit(store):
    rates = net.pay_rates(store)
    assert [(r.per, r.unit, r.low, r.high, r.name) for r in rates] == [
        ("hour", "EUR", 10.0, 10.0, "Foule Factory"),
        ("task", "USD", 0.05, 0.25, "Appen"),
    ]
    assert charts.pay_units(rates) == ["hour", "task"]
    for per in ("hour", "task"):
        assert_real_picture(charts.pay_rates_png(rates, per), min_side=250)


def _rate(name: str, per: str, unit: str, value: float, period: str = "") -> charts.Figure:
    return charts.Figure(f"urn:{name}:{per}", name, unit, value, value, ("Revue",), per, period)


def test_one_pay_chart_per_unit_of_work_names_who_and_when(monkeypatch):
    rates = [
        _rate("Oskarina Fuentes", "month", "USD", 500, "../2022"),
        _rate("Appen", "task", "USD", 0.05),
        _rate("Oskarina Fuentes", "month", "USD", 320),
    ]
    labels: list[list[str]] = []
    real = charts._bars
    monkeypatch.setattr(
        charts,
        "_bars",
        lambda ax, figures, colour, lang="en": (
            labels.append([charts._figure_label(f, lang) for f in figures]),
            real(ax, figures, colour, lang),
        ),
    )
    charts.pay_rates_png(rates, "task")
    assert labels == [["Appen\n[Revue]"]]  # a per-task amount is not drawn beside monthly pay
    charts.pay_rates_png(rates, "month", lang="fr")
    assert labels[1] == [
        "Oskarina Fuentes (jusqu'en 2022)\n[Revue]",
        "Oskarina Fuentes\n[Revue]",
    ]


def test_small_networks_are_drawn_small_and_large_ones_as_their_top(store):
    small = net.annotate(net.chain_network(store))  # two operators
    image, _ = picture(charts.network_png(small, net.CLASS_COLOURS))
    assert image.size[0] < 800 and image.size[1] < 600
    star = nx.Graph(name="star")
    for i in range(80):
        star.add_node(f"n{i:02d}", label=f"n{i}", node_class="Place")
    star.add_edges_from(("n00", f"n{i:02d}", {"weight": 1 + (i < 10)}) for i in range(1, 80))
    assert charts.top_nodes(star, 10) == {f"n{i:02d}" for i in range(10)}
    top, whole = (
        picture(charts.network_png(star, net.CLASS_COLOURS, top=10))[0],
        picture(charts.network_png(star, net.CLASS_COLOURS))[0],
    )
    assert top.size[0] < whole.size[0]


def test_chains_png_draws_every_layer(store):
    found = net.chains(store)
    ents = net.entities(store)
    rows = [(c.label, [(ents[op].label, role) for _, op, role in c.layers]) for c in found]
    assert_real_picture(charts.chains_png(rows), min_side=200)


def test_large_network_draws_its_most_connected_nodes(monkeypatch):
    monkeypatch.setattr(charts, "DRAW_LIMIT", 12)
    graph = nx.Graph(name="large")
    for i in range(40):
        graph.add_node(f"n{i:02d}", label=f"n{i}", node_class="Place" if i % 2 else "Worker")
    graph.add_edges_from((f"n{i:02d}", f"n{(i * 7) % 40:02d}", {"weight": 1}) for i in range(40))
    graph.add_edges_from(("n00", f"n{i:02d}", {"weight": 3}) for i in range(1, 12))
    data = charts.network_png(graph, net.CLASS_COLOURS)
    assert_real_picture(data)
    assert data == charts.network_png(graph, net.CLASS_COLOURS)
    assert graph.number_of_nodes() == 40  # the caller's graph is left whole


def test_french_legend_names_every_class():
    assert set(charts.CLASSES_FR) == set(net.CLASS_COLOURS)
    graph = net.annotate(net.actor_network(net.open_store(FIXTURE)))
    assert charts.network_png(graph, net.CLASS_COLOURS, lang="fr") != charts.network_png(
        graph, net.CLASS_COLOURS
    )
