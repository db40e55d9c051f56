"""The query processes: the pool answers once one process holds the graph, and the others
join it as they become ready."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from labourgraph.core.errors import LabourgraphError
from labourgraph.publish.query_processes import QueryProcesses

DATA = Path(__file__).parents[1] / "data" / "queries"
GRAPH = [DATA / "kg.ttl", DATA / "ontology.ttl"]


def _triples(graph) -> int:
    return len(graph)


def _pid(graph) -> int:
    import os

    return os.getpid()


@pytest.mark.slow
def test_the_pool_answers_at_once_and_fills_up_to_its_size() -> None:
    with QueryProcesses(GRAPH, size=3, timeout=60) as pool:
        # answered by the first process while the others may still be loading
        assert pool.call(_triples) == pool.triples > 0
        deadline = time.monotonic() + 120
        while len(pool.pids()) < 3 or pool._idle.qsize() < 3:
            assert time.monotonic() < deadline, "the other processes never became ready"
            time.sleep(0.1)
        # three different processes take three queries in turn: each joined the pool
        assert {pool.call(_pid) for _ in range(3)} == set(pool.pids())


def test_a_graph_that_does_not_load_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(LabourgraphError):
        QueryProcesses([broken], size=3)


def test_a_store_is_counted_by_its_marker_not_walked(tmp_path: Path) -> None:
    """A process on a store directory reports the triples its marker records: `len` of an
    on-disk store walks every quad (1.9 s at x1000, before the endpoint's first answer)."""
    import json

    from labourgraph.publish import ondisk

    folder = tmp_path / "store"
    info = ondisk.write_store(folder, [DATA / "kg.ttl"])
    with QueryProcesses([folder]) as pool:
        assert pool.triples == info.triples == pool.call(_triples)
    marker = json.loads((folder / ondisk.MARKER).read_text(encoding="utf-8"))
    marker["triples"] += 1
    (folder / ondisk.MARKER).write_text(json.dumps(marker), encoding="utf-8")
    with QueryProcesses([folder]) as pool:
        assert pool.triples == info.triples + 1  # what the marker says, the store not walked
        assert pool.call(_triples) == info.triples
