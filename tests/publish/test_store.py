"""Publishing to a real Oxigraph server (the PyPI `oxigraph` package) started on 127.0.0.1:
PUT replaces the named graph, so two publishes leave the file's triples once; a store whose
count disagrees makes the command fail with one line and exit 1. The seed graph published with
its ontology (`--with-ontology`) answers every saved query, run with `--endpoint`, with the
rows the local graph gives."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import PLO
from labourgraph.publish import queries as q
from labourgraph.publish.export import release_graph
from labourgraph.publish.store import count_triples, default_query_url, publish

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "export"
KG, ONTO = DATA / "kg.ttl", DATA / "ontology.ttl"
GRAPH_IRI = "https://w3id.org/platform-labour/kg"
CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on a free port with a temporary location; yields its base URL."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                count_triples(base + "/query", GRAPH_IRI, timeout=2)
                break
            except LabourgraphError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph exited: {proc.stderr.read().decode()[:300]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _ask(base: str, query: str) -> bool:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(
        base + "/query", data=data, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())["boolean"]


def test_publish_twice_leaves_the_same_triples(store: str) -> None:
    local = len(release_graph(load_graph(KG)))
    for _ in range(2):
        result = publish(KG, store + "/store", GRAPH_IRI, timeout=30)
        assert result.triples == result.stored == local
        assert count_triples(store + "/query", GRAPH_IRI) == local
    assert _ask(
        store,
        f"ASK {{ GRAPH <{GRAPH_IRI}> {{ "
        "<https://w3id.org/platform-labour/id/organisation/appen> a "
        "<https://w3id.org/platform-labour/ontology#MicroworkPlatform> } }",
    )


def test_publish_replaces_the_named_graph_and_leaves_others(store: str) -> None:
    other = "https://w3id.org/platform-labour/ontology"
    publish(ONTO, store + "/store", other)
    publish(KG, store + "/store", GRAPH_IRI)
    publish(ONTO, store + "/store", GRAPH_IRI)  # a smaller file replaces, it does not add
    assert count_triples(store + "/query", GRAPH_IRI) == len(load_graph(ONTO))
    assert count_triples(store + "/query", other) == len(load_graph(ONTO))
    publish(KG, store + "/store", GRAPH_IRI)
    assert count_triples(store + "/query", GRAPH_IRI) == len(release_graph(load_graph(KG)))


def test_cli_publish_to_oxigraph(store: str) -> None:
    cmd = [*CLI, "publish", "--endpoint", store + "/store", "--file", str(KG)]
    for _ in range(2):
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert f"published {len(release_graph(load_graph(KG)))} triples" in result.stdout


class _LyingStore(BaseHTTPRequestHandler):
    """Accepts any PUT and always answers that the graph holds 5 triples."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps(
            {
                "head": {"vars": ["n"]},
                "results": {"bindings": [{"n": {"type": "literal", "value": "5"}}]},
            }
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(body.encode())


def test_a_count_mismatch_fails_with_one_line_and_exit_1() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LyingStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        cmd = [*CLI, "publish", "--endpoint", f"http://127.0.0.1:{port}/store", "--file", str(KG)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=ROOT)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert (
        "holds 5 triples" in result.stderr
        and f"file has {len(release_graph(load_graph(KG)))}" in result.stderr
    )


def test_an_unreachable_store_is_one_line() -> None:
    port = _free_port()
    cmd = [
        *CLI,
        "publish",
        "--endpoint",
        f"http://127.0.0.1:{port}/store",
        "--file",
        str(KG),
        "--timeout",
        "5",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot reach" in result.stderr


def test_default_query_url_is_the_sibling_query_path() -> None:
    assert default_query_url("http://127.0.0.1:7879/store") == "http://127.0.0.1:7879/query"
    assert default_query_url("http://h:1/ds/data") == "http://h:1/ds/query"


# --- saved queries that travel: publish --with-ontology, then query --endpoint ---------------

SEED_KG, SEED_ONTO = (
    ROOT / "graph" / "platform-labour-kg.ttl",
    ROOT / "ontology" / "platform-labour.ttl",
)
TRAVEL_KG = "https://example.org/travel/kg"
TRAVEL_ONTO = "https://example.org/travel/ontology"


@pytest.fixture(scope="module")
def published(store: str) -> str:
    """The seed graph and its ontology, each in its own named graph, sent by the CLI."""
    kg = SEED_KG if SEED_KG.is_file() else ROOT / "tests" / "data" / "queries" / "kg.ttl"
    cmd = [*CLI, "publish", "--endpoint", store + "/store", "--file", str(kg)]
    cmd += ["--graph", TRAVEL_KG, "--with-ontology", "--ontology", str(SEED_ONTO)]
    cmd += ["--ontology-graph", TRAVEL_ONTO]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert f"published {len(load_graph(SEED_ONTO))} triples to <{TRAVEL_ONTO}>" in result.stdout
    assert count_triples(store + "/query", TRAVEL_KG) == len(release_graph(load_graph(kg)))
    return str(kg)


def _canonical(result: q.Result) -> list[tuple[tuple[str, ...], ...]]:
    """Rows as text, order-free: SPARQL leaves the order of ties and of GROUP_CONCAT items
    open, and an on-disk store and an in-memory one differ there. Each cell's items are
    sorted (not a frozenset: sets order by inclusion, so a list of them has no one sorted
    order and two equal answers could compare unequal)."""
    _, rows = q.visible(result)
    return sorted(
        tuple(tuple(sorted(set(cell.replace(" | ", ", ").split(", ")))) for cell in row)
        for row in rows
    )


CASES = [(saved.name, {}) for saved in q.discover()] + [
    ("02-ai-labour-functions", {"lang": "fr"}),
    ("14-organisation", {"organisation": "Wirk", "lang": "fr"}),
    ("13-review-queue", {"max_confidence": "0.9"}),
    ("03-microworker-counts", {"area": "france"}),
]


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_every_saved_query_answers_the_same_on_the_endpoint(
    published: str, store: str, name: str, params: dict[str, str]
) -> None:
    local = q.run(name, [published, SEED_ONTO], params)
    remote = q.run_remote(name, store + "/query", params, (TRAVEL_KG, TRAVEL_ONTO))
    assert [c for c in remote.columns if not c.startswith("_")] == q.visible(local)[0]
    assert local.rows, f"{name} answers nothing locally: the comparison would prove nothing"
    assert _canonical(remote) == _canonical(local)


def test_cli_query_on_the_endpoint_checks_values_there(published: str, store: str) -> None:
    base = [*CLI, "query", "14", "--endpoint", store + "/query"]
    base += ["--default-graph", TRAVEL_KG, "--default-graph", TRAVEL_ONTO]
    ran = subprocess.run([*base, "--format", "json"], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert {row["organisation"] for row in json.loads(ran.stdout)["rows"]} == {"Appen"}
    bad = subprocess.run(
        [*base, "--param", "organisation=Uber"], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "no organisation 'Uber' in the graph; known: " in bad.stderr
    assert "Appen (" in bad.stderr


def test_a_query_without_the_graphs_named_finds_an_empty_default_graph(store: str) -> None:
    """Oxigraph's default graph is not the union of the named graphs: without --default-graph
    (or `oxigraph serve --union-default-graph`) the check says nothing is known."""
    with pytest.raises(LabourgraphError, match="no organisation 'Appen' in the graph; known: none"):
        q.run_remote("14", store + "/query", {"organisation": "Appen"})


def test_an_endpoint_that_is_not_sparql_is_one_line() -> None:
    with pytest.raises(LabourgraphError, match="cannot reach"):
        q.run_remote("01", f"http://127.0.0.1:{_free_port()}/query", timeout=5)
    with pytest.raises(LabourgraphError, match="must be an http"):
        q.run_remote("01", "file:///etc/passwd")


def test_publish_sends_no_third_party_text(store: str) -> None:
    """What `publish` sends is the release: the texts stay on this machine (issue 17)."""
    publish(KG, store + "/store", GRAPH_IRI)
    text = "<https://w3id.org/platform-labour/ontology#text>"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_IRI}> {{ ?d {text} ?t }} }}"
    request = urllib.request.Request(
        store + "/query",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        found = json.loads(response.read())["results"]["bindings"][0]["n"]["value"]
    assert int(found) == 0
    assert (None, PLO.text, None) in load_graph(KG)  # the file did have texts
