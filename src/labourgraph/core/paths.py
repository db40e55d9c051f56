"""Where the project's hand-edited sources and outputs live, named once.

labourgraph runs from a checkout (an editable install): the ontology, the shapes, the curated
actors and the saved queries are files of the repository, not package data, so that there is
exactly one hand-edited copy of each. Every module that needs one of them imports it from here.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
"""The repository's root folder (this file is `src/labourgraph/core/paths.py`)."""

ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "platform-labour.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
ACTORS_FILE = ONTOLOGY_DIR / "actors.yaml"
QUERY_DIR = ROOT / "queries"
GRAPH_DIR = ROOT / "graph"
KG_FILE = GRAPH_DIR / "platform-labour-kg.ttl"
