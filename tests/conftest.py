"""Fixtures that several test modules share."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from rdflib import Graph

from labourgraph.check.shacl import ONTOLOGY_PATH, load_shapes
from labourgraph.core.rdfio import load_graph


@pytest.fixture(scope="module")
def cold_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds in the module start from an empty extraction cache (`labourgraph.cache`), so
    that they run every stage and leave nothing in the working folder. Modules that build
    use it with `pytestmark = pytest.mark.usefixtures("cold_cache")`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LABOURGRAPH_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def shapes() -> Graph:
    """The project's shapes, for the check tests (a module may define its own)."""
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The ontology, for the check tests (a module may define its own)."""
    return load_graph(ONTOLOGY_PATH)


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A socket on 127.0.0.1 that a SERVICE, LOAD, import or context fetch would connect to."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock
    sock.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts Java (the OWL API, HermiT) is slow too: the fast tier
    (`pytest -m "not slow"`) leaves out every JVM start, as it leaves out whole builds,
    Chromium and servers."""
    for item in items:
        if item.get_closest_marker("java") is not None:
            item.add_marker(pytest.mark.slow)
