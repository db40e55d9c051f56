"""Fixtures the check tests share: the shapes and the ontology, loaded once per module."""

from __future__ import annotations

import pytest
from rdflib import Graph

from labourgraph.check.shacl import ONTOLOGY_PATH, load_shapes
from labourgraph.core.rdfio import load_graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ONTOLOGY_PATH)
