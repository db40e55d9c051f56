"""The on-disk store (`labourgraph export --store DIR`): it holds exactly the triples of the
graph and its ontology, `query` and `network` read it instead of Turtle with the same answers,
and writing it never destroys what it should not."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph.analysis import network as net
from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_store
from labourgraph.core.vocab import PLO
from labourgraph.publish import ondisk
from labourgraph.publish import queries as q
from labourgraph.publish.export import release_files

DATA = Path(__file__).parents[1] / "data" / "queries"
KG, ONTOLOGY = DATA / "kg.ttl", DATA / "ontology.ttl"
PIECES = re.compile(r", | \| ")
"""The separators of the saved queries' GROUP_CONCATs."""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stores") / "store"
    ondisk.write_store(folder, [KG, ONTOLOGY])
    return folder


def triples(store: object) -> set[tuple[object, object, object]]:
    return {(t.subject, t.predicate, t.object) for t in store.quads_for_pattern(None, None, None)}  # type: ignore[attr-defined]


def normalised(result: q.Result) -> list[tuple[tuple[str, ...], ...]]:
    """Rows in a canonical order, each cell cut at the separators the saved queries' GROUP_CONCATs
    use and its pieces sorted: SPARQL leaves the order inside a group to the engine, and
    RocksDB's index order is not the in-memory store's."""
    rows = (tuple(tuple(sorted(PIECES.split(q.show(v)))) for v in row) for row in result.rows)
    return sorted(rows)


def test_the_store_holds_the_release_of_the_graph_and_the_ontology(
    store_dir: Path, tmp_path: Path
) -> None:
    expected = triples(load_store(release_files([KG, ONTOLOGY], tmp_path)))
    opened = ondisk.open_store([store_dir])
    assert triples(opened) == expected
    text = ox.NamedNode(f"{PLO}text")
    assert list(load_store([KG]).quads_for_pattern(None, text, None))  # the build has texts
    assert not list(opened.quads_for_pattern(None, text, None))  # a store, as a release, none
    info = ondisk.read_marker(store_dir)
    assert info.triples == len(expected)
    assert [s["name"] for s in info.sources] == ["kg.ttl", "ontology.ttl"]
    assert info.sources[0]["sha256"] == hashlib.sha256(KG.read_bytes()).hexdigest()
    marker = (store_dir / ondisk.MARKER).read_text(encoding="utf-8")
    assert json.loads(marker)["format"] == ondisk.FORMAT
    assert not [p for p in store_dir.parent.iterdir() if p.name.startswith(".")]  # no staging


def test_a_graph_without_digests_gets_them_in_its_store_as_in_its_release(tmp_path: Path) -> None:
    """The store is loaded without rdflib (`ondisk._load_release`): the same triples as the
    release rdflib makes (`release_files`), the documents' digest and length computed from
    their texts when the graph does not hold them."""
    kept = [
        quad
        for quad in load_store([KG])
        if quad.predicate.value not in (f"{PLO}textSha256", f"{PLO}textLength")
    ]
    older = tmp_path / "older.nt"
    older.write_bytes(ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES))
    expected = triples(load_store(release_files([older, ONTOLOGY], tmp_path)))
    ondisk.write_store(tmp_path / "store", [older, ONTOLOGY])
    opened = ondisk.open_store([tmp_path / "store"])
    assert triples(opened) == expected
    length = ox.NamedNode(f"{PLO}textLength")
    texts = {
        q.subject: len(q.object.value)
        for q in load_store([KG])
        if q.predicate.value == f"{PLO}text"
    }
    assert {
        q.subject: int(q.object.value) for q in opened.quads_for_pattern(None, length, None)
    } == texts


def test_every_saved_query_answers_the_same_from_the_store(store_dir: Path) -> None:
    memory = load_store([KG, ONTOLOGY])
    with q.open_graph(q.graph_files(store_dir, ONTOLOGY)) as disk:  # a query process, as `query`
        for saved in q.discover():
            params = dict(saved.defaults)
            expected = q.execute(saved, memory, params, timeout=None)
            answered = q.execute(saved, disk, params)
            assert answered.columns == expected.columns, saved.name
            assert normalised(answered) == normalised(expected), saved.name


def test_query_and_network_read_a_store_from_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    store_dir = tmp_path / "store"  # with the ontology `network` loads beside Turtle
    done = runner.invoke(cli, ["export", "--graph", str(KG), "--store", str(store_dir)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(
        cli, ["query", "05-pay-rates", "--graph", str(store_dir), "--format", "csv"]
    )
    assert done.exit_code == 0, done.output
    turtle = runner.invoke(cli, ["query", "05-pay-rates", "--graph", str(KG), "--format", "csv"])
    assert sorted(done.stdout.splitlines()) == sorted(turtle.stdout.splitlines())
    assert len(done.stdout.splitlines()) > 2
    # networks: the same files as from the release copy of the Turtle (no texts, hence no
    # co-mention network: a release has none either way)
    (release,) = release_files([KG], tmp_path)
    for graph, out in ((store_dir, tmp_path / "a"), (release, tmp_path / "b")):
        done = runner.invoke(cli, ["network", "--graph", str(graph), "--out", str(out)])
        assert done.exit_code == 0, done.output
    written = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in written:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_network_reads_a_store_as_it_reads_the_same_release(
    store_dir: Path, tmp_path: Path
) -> None:
    (release,) = release_files([KG], tmp_path)
    from_turtle = net.analyse(net.open_store(release, ONTOLOGY))
    from_store = net.analyse(net.open_store(store_dir))
    assert from_store.table() == from_turtle.table()
    assert "actors" in from_store.table()


def test_a_store_keeps_the_texts_only_where_their_licences_allow(tmp_path: Path) -> None:
    with pytest.raises(LabourgraphError, match="--with-text refused"):
        ondisk.write_store(tmp_path / "store", [KG, ONTOLOGY], with_text=True)
    assert not (tmp_path / "store").exists()


def test_export_store_replaces_a_store_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    done = CliRunner().invoke(
        cli, ["export", "--graph", str(KG), "--ontology", str(ONTOLOGY), "--store", str(folder)]
    )
    assert done.exit_code == 0, done.output
    whole = ondisk.read_marker(folder).triples
    assert done.stdout.strip() == f"wrote a store of {whole} triples to {folder}"
    assert not (tmp_path / "out").exists()  # --store writes the store, not the export files
    ondisk.write_store(folder, [KG])  # again, without the ontology: replaced, not added to
    assert ondisk.read_marker(folder).triples == len(ondisk.open_store([folder])) < whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_failed_write_keeps_the_previous_store(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    ondisk.write_store(folder, [KG])
    before = triples(ondisk.open_store([folder]))
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(LabourgraphError, match=r"bad\.ttl: not valid turtle"):
        ondisk.write_store(folder, [KG, bad])
    assert triples(ondisk.open_store([folder])) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "store"]


def test_a_folder_that_is_not_a_store_is_neither_opened_nor_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "thesis.txt").write_text("three years of work", encoding="utf-8")
    with pytest.raises(LabourgraphError, match="exists and is not a labourgraph store"):
        ondisk.write_store(folder, [KG])
    assert (folder / "thesis.txt").read_text(encoding="utf-8") == "three years of work"
    with pytest.raises(LabourgraphError, match="a folder but not a labourgraph store"):
        ondisk.open_store([folder])


def test_a_store_comes_alone_and_only_for_oxigraph(store_dir: Path) -> None:
    with pytest.raises(LabourgraphError, match="a store already holds the graph and its ontology"):
        ondisk.open_store([store_dir, ONTOLOGY])
    assert q.graph_files(store_dir, ONTOLOGY) == [store_dir]
    with pytest.raises(LabourgraphError, match="read by the oxigraph engine only"):
        q.run("01-platforms", [store_dir], engine="rdflib")


def test_a_missing_store_is_one_line_from_the_cli(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from labourgraph.cli import main; main()", "query", "01",
         "--graph", str(tmp_path / "no-store")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"labourgraph: error: {tmp_path / 'no-store'}: no such graph file"
        " (run `labourgraph build` first?)"
    ]


@pytest.mark.slow
def test_oxigraph_serves_the_store_as_it_is(store_dir: Path, tmp_path: Path) -> None:
    """The store is Oxigraph's own format: its server opens it read-only, no loading step."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store_dir), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/query",
        data=query.encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    answer = json.loads(response.read())
                break
            except OSError:
                assert proc.poll() is None, "oxigraph exited"
                time.sleep(0.1)
        count = int(answer["results"]["bindings"][0]["n"]["value"])
        assert (
            count
            == ondisk.read_marker(store_dir).triples
            == len(triples(load_store(release_files([KG, ONTOLOGY], tmp_path))))
        )
    finally:
        proc.terminate()
        proc.wait(timeout=20)
