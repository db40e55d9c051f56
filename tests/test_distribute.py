"""`labourgraph build --scheduler`: the analysis on a Dask cluster gives the very bytes the local
worker processes give (seeds and the ×10 corpus, on a `LocalCluster` of two worker processes),
and every way it can fail is one line."""

from __future__ import annotations

import dataclasses
import gc
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from labourgraph import build, distribute
from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.extract.document import Resources
from labourgraph.intake.corpus import load_corpus
from labourgraph.tools.scale import scale_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

pytestmark = pytest.mark.usefixtures("cold_cache")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread each, as on two machines of one core (the HTTP
    server on a free port: 8787 may be another cluster's)."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture()
def in_process() -> Iterator[LocalCluster]:
    """One worker thread in this process: quick to start, and it sees this test's patches."""
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as local:
        yield local


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_the_seed_graph_built_on_the_cluster_is_the_local_one(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    local = build.run(CORPUS, use_cache=False, serialise=True)
    out = tmp_path / "graph"
    result = CliRunner().invoke(
        cli,
        ["build", "--corpus", str(CORPUS), "--out", str(out), "--no-cache",
         "--scheduler", cluster.scheduler_address],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "time: models" not in result.stdout  # the workers load the models, not the client
    for name, made in local.outputs.items():
        assert (out / name).read_bytes() == made.read_bytes(), name


@pytest.mark.slow
def test_the_x10_graph_built_on_the_cluster_is_the_local_one(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus-10"
    scale_corpus(CORPUS, 10, corpus)
    local = build.run(corpus, use_cache=False, serialise=True)
    with distribute.DaskRunner(cluster.scheduler_address) as runner:
        assert runner.slots == 2
        remote = build.run(corpus, use_cache=False, serialise=True, runner=runner)
    assert [f.doc_id for f in remote.facts] == [f.doc_id for f in local.facts]
    assert set(remote.outputs) == set(local.outputs) == {build.KG_FILE, build.OWL_FILE}
    for name, made in local.outputs.items():
        assert remote.outputs[name].read_bytes() == made.read_bytes(), name
    assert len(remote.triples) > 50_000


def test_a_bad_scheduler_address_is_one_line_from_the_cli(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from labourgraph.cli import main; main()", "build",
         "--corpus", str(CORPUS), "--out", str(tmp_path / "graph"), "--no-cache",
         "--scheduler", "tcp://127.0.0.1"],
        capture_output=True, text=True, check=False, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "labourgraph: error: cannot reach the Dask scheduler at tcp://127.0.0.1:"
        " ValueError: missing port number in address '127.0.0.1'"
    ]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "graph").exists()


def test_a_scheduler_nobody_listens_on_is_one_line_and_leaves_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    address = f"tcp://127.0.0.1:{closed_port()}"
    runner = distribute.DaskRunner(address, connect_timeout=0.5)
    with pytest.raises(LabourgraphError) as caught:
        _ = runner.slots
    assert str(caught.value).startswith(f"cannot reach the Dask scheduler at {address}: OSError")
    assert "\n" not in str(caught.value)
    del runner, caught
    gc.collect()  # a half-made Client would print a traceback from its finaliser here
    assert capfd.readouterr().err == ""


def test_no_address_means_the_local_pool() -> None:
    with distribute.runner_for(None) as runner:
        assert runner is None
    with distribute.runner_for("tcp://127.0.0.1:1") as runner:
        assert isinstance(runner, distribute.DaskRunner)  # not connected until used


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (
            RuntimeError("the model file is\ntruncated"),
            "Dask worker failed on the batch of {first} and 1 more:"
            " RuntimeError: the model file is truncated",
        ),
        (LabourgraphError("corpus/x.txt: not UTF-8"), "corpus/x.txt: not UTF-8"),
    ],
)
def test_a_worker_error_comes_back_as_one_line(
    in_process: LocalCluster,
    monkeypatch: pytest.MonkeyPatch,
    raised: Exception,
    expected: str,
) -> None:
    """Any error names the batch it stopped; a user error (a `LabourgraphError`) is its own
    line, as a local build would print it."""

    def failing(batch: object, state: object) -> None:
        raise raised

    monkeypatch.setattr(distribute, "_analyse_batch", failing)
    documents, _ = load_corpus(CORPUS)
    state = build._WorkerState(Resources(), {}, False)
    with (
        distribute.DaskRunner(in_process.scheduler_address) as runner,
        pytest.raises(LabourgraphError) as caught,
    ):
        list(runner([build._Batch("fr", documents[:2])], state))
    assert str(caught.value) == expected.format(first=documents[0].file_name)


def test_a_worker_with_other_code_refuses_to_analyse(tmp_path: Path) -> None:
    recipe = distribute.Recipe.of(Resources())
    assert distribute.worker_resources(recipe).ontology_path.read_bytes() == recipe.ontology
    other = dataclasses.replace(recipe, version="0" * 64)
    with pytest.raises(LabourgraphError) as caught:
        distribute.worker_resources(other, "tcp://10.0.0.7:40000")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("Dask worker tcp://10.0.0.7:40000 runs other labourgraph code")
    assert "the client's 000000000000" in message


def test_a_worker_makes_its_resources_once_per_recipe() -> None:
    recipe = distribute.Recipe.of(Resources())
    first = distribute.worker_resources(recipe)
    assert distribute.worker_resources(recipe) is first
    assert first.actors_path is not None
    assert first.actors_path.read_bytes() == recipe.actors
    edited = dataclasses.replace(recipe, actors=recipe.actors + b"\n# edited\n")
    assert edited.key != recipe.key
