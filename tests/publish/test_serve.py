"""The SPARQL endpoint over HTTP: every result format, read-only refusals (update, LOAD,
SERVICE, FROM) that never execute, a runaway query stopped by killing its process, content
negotiation of entity pages, the saved-queries page, and a headless-Chromium walk-through.

The helpers here (`Endpoint`, `running`, `chromium`) serve the other endpoint tests too
(`test_serve_*.py`)."""

from __future__ import annotations

import contextlib
import csv
import doctest
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from browser import CHROMEDRIVER, CHROMIUM, start_chromium
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import PLD, PLO
from labourgraph.publish import serve, serve_entity, serve_pages, serve_query
from labourgraph.publish.serve import ServeConfig, execute, make_server

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "export"
SOURCES = (DATA / "kg.ttl", DATA / "ontology.ttl")
REAL_KG = ROOT / "graph" / "platform-labour-kg.ttl"
REAL_ONTO = ROOT / "ontology" / "platform-labour.ttl"
FOREVER = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
)


class Endpoint:
    """A running server and helpers to talk to it."""

    def __init__(self, base: str, app: serve.App):
        self.base, self.app = base, app

    def request(
        self, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("Content-Type", ""), err.read()

    def get_query(self, query: str, accept: str = "") -> tuple[int, str, bytes]:
        headers = {"Accept": accept} if accept else {}
        return self.request("/sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)

    def post_form(self, fields: dict[str, str], accept: str = "") -> tuple[int, str, bytes]:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if accept:
            headers["Accept"] = accept
        return self.request(
            "/sparql", data=urllib.parse.urlencode(fields).encode(), headers=headers
        )


@contextlib.contextmanager
def running(config: ServeConfig) -> Iterator[Endpoint]:
    httpd, app = make_server(config)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield Endpoint(f"http://{host}:{port}", app)
    finally:
        httpd.shutdown()
        httpd.server_close()
        app.close()


def endpoint_config(**changes: Any) -> ServeConfig:
    """The endpoint over the small test graph, on a free port, with short limits."""
    settings: dict[str, Any] = {
        "port": 0,
        "timeout": 3.0,
        "workers": 2,
        "ontology": SOURCES[1],
        **changes,
    }
    return ServeConfig(SOURCES, DATA / "queries", **settings)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[Endpoint]:
    with running(endpoint_config()) as ep:
        yield ep


@contextlib.contextmanager
def chromium(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium under chromedriver (Debian's packages), quit and cleaned after."""
    driver = start_chromium(tmp_path / "profile", "1400,1000")
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)


needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="chromium not installed"
)


def assert_no_connection(sock: socket.socket) -> None:
    sock.settimeout(0.5)
    with pytest.raises(TimeoutError):
        sock.accept()


PLATFORMS = "SELECT ?p WHERE { ?p a plo:MicroworkPlatform }"
APPEN = str(PLD["organisation/appen"])


def test_select_as_sparql_json(endpoint: Endpoint) -> None:
    status, ctype, body = endpoint.get_query(PLATFORMS, "application/sparql-results+json")
    assert (status, ctype) == (200, "application/sparql-results+json")
    bindings = json.loads(body)["results"]["bindings"]
    assert [b["p"]["value"] for b in bindings] == [APPEN]


def test_select_as_sparql_xml(endpoint: Endpoint) -> None:
    status, ctype, body = endpoint.post_form({"query": PLATFORMS}, "application/sparql-results+xml")
    assert (status, ctype) == (200, "application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    uris = [u.text for u in ET.fromstring(body).findall(".//r:result/r:binding/r:uri", ns)]
    assert uris == [APPEN]


def test_select_as_csv_and_tsv(endpoint: Endpoint) -> None:
    status, ctype, body = endpoint.get_query(PLATFORMS, "text/csv")
    assert (status, ctype) == (200, "text/csv; charset=utf-8")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["p"], [APPEN]]
    status, ctype, body = endpoint.request(
        "/sparql",
        data=PLATFORMS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert (status, ctype) == (200, "text/tab-separated-values; charset=utf-8")
    assert body.decode().splitlines() == ["?p", f"<{APPEN}>"]


def test_ask_and_construct_formats(endpoint: Endpoint) -> None:
    status, _, body = endpoint.get_query(f"ASK {{ <{APPEN}> a plo:MicroworkPlatform }}")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = f"CONSTRUCT {{ ?s a ?c }} WHERE {{ ?s a ?c FILTER(?s = <{APPEN}>) }}"
    status, ctype, body = endpoint.get_query(construct, "text/turtle")
    assert ctype.startswith("text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert [str(t.object.value) for t in triples] == [str(PLO.MicroworkPlatform)]
    status, ctype, body = endpoint.get_query(construct, "application/ld+json")
    assert (status, ctype) == (200, "application/ld+json")
    graph = Graph().parse(data=body, format="json-ld")
    assert (URIRef(APPEN), RDF.type, PLO.MicroworkPlatform) in graph
    assert endpoint.get_query(PLATFORMS, "image/png")[0] == 406


@pytest.mark.parametrize(
    ("how", "text"),
    [
        ("form-update", "INSERT DATA { <urn:x> <urn:p> <urn:y> }"),
        ("query", "INSERT DATA { <urn:x> <urn:p> <urn:y> }"),
        ("query", "DELETE WHERE { ?s ?p ?o }"),
        ("query", "CLEAR ALL"),
        ("query", "LOAD <file:///etc/passwd>"),
        ("sparql-update", "DROP ALL"),
    ],
)
def test_updates_are_refused_and_change_nothing(endpoint: Endpoint, how: str, text: str) -> None:
    if how == "form-update":
        status, _, body = endpoint.post_form({"update": text})
    elif how == "sparql-update":
        status, _, body = endpoint.request(
            "/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-update"}
        )
    else:
        status, _, body = endpoint.get_query(text)
    assert status == 400
    assert b"refused" in body and b"read-only" in body
    status, _, body = endpoint.get_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "116"


def test_load_from_a_listening_port_never_connects(
    endpoint: Endpoint, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    status, _, body = endpoint.post_form({"update": f"LOAD <http://127.0.0.1:{port}/data.ttl>"})
    assert status == 400
    status, _, body = endpoint.get_query(f"LOAD <http://127.0.0.1:{port}/data.ttl>")
    assert status == 400 and b"LOAD" in body
    assert_no_connection(listener)


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ optional {{ service silent <http://127.0.0.1:{port}/sparql> "
    "{{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <http://127.0.0.1:{port}/> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z # SERVICE in a comment hides nothing\n"
    " SERVICE<http://127.0.0.1:{port}/>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SeRvIcE <http://127.0.0.1:{port}/> "
    "{{ ?s ?p ?o }} }} }} }}",
]


@pytest.mark.slow
@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_never_connects(
    endpoint: Endpoint, listener: socket.socket, template: str
) -> None:
    query = template.format(port=listener.getsockname()[1])
    status, _, body = endpoint.get_query(query)
    assert status == 400
    assert b"SERVICE is refused" in body
    assert_no_connection(listener)


def test_the_listener_would_see_a_service_call_that_slipped_through(
    listener: socket.socket,
) -> None:
    """Control for the test above: pyoxigraph itself does connect when SERVICE runs."""
    query = SERVICE_QUERIES[0].format(port=listener.getsockname()[1])

    def unguarded() -> None:
        with contextlib.suppress(OSError):
            execute(ox.Store(), query, None)

    thread = threading.Thread(target=unguarded, daemon=True)
    thread.start()
    listener.settimeout(5)
    conn, _ = listener.accept()
    conn.close()
    thread.join(5)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service a plo:MicroworkPlatform }",
        "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != 'SERVICE <http://127.0.0.1:9/> {}') }",
        "SELECT ?s WHERE { ?s a plo:MicroworkPlatform } # LOAD, SERVICE, FROM in a comment",
        'SELECT ?s WHERE { ?s ?p """INSERT\nDELETE""" }',
    ],
)
def test_keywords_in_names_strings_and_comments_are_not_refused(
    endpoint: Endpoint, query: str
) -> None:
    assert endpoint.get_query(query)[0] == 200


def test_from_and_protocol_datasets_are_refused(endpoint: Endpoint) -> None:
    status, _, body = endpoint.get_query("SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }")
    assert status == 400 and b"FROM" in body
    status, _, _ = endpoint.request(
        "/sparql?" + urllib.parse.urlencode({"query": PLATFORMS, "default-graph-uri": "http://x/"})
    )
    assert status == 400


@pytest.mark.slow
def test_a_query_that_runs_forever_is_stopped_and_its_process_killed(endpoint: Endpoint) -> None:
    before = set(endpoint.app.pool.pids())
    status, _, body = endpoint.get_query(FOREVER)
    assert status == 503
    assert b"stopped" in body
    gone = before - set(endpoint.app.pool.pids())
    assert len(gone) == 1
    pid = gone.pop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    # The endpoint still answers: another process took the query, a new one is on its way.
    assert endpoint.get_query(PLATFORMS)[0] == 200


def test_entity_page_follows_the_accept_header(endpoint: Endpoint) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, ctype, body = endpoint.request("/id/organisation/appen", headers={"Accept": browser})
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    page = body.decode()
    assert "<h1>Appen</h1>" in page
    assert "<q>Appen</q>" in page and "Appen et l&#39;IA" in page
    status, ctype, body = endpoint.request(
        "/id/organisation/appen", headers={"Accept": "text/turtle"}
    )
    assert (status, ctype) == (200, "text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef(APPEN), RDF.type, PLO.MicroworkPlatform) in graph
    worker = PLD["person/oskarina-fuentes"]
    assert (worker, PLO.worksOn, URIRef(APPEN)) in graph
    status, ctype, body = endpoint.request(
        "/id/person/oskarina-fuentes", headers={"Accept": "application/ld+json"}
    )
    assert ctype == "application/ld+json"
    graph = Graph().parse(data=body, format="json-ld")
    # The relation comes with its axiom annotation and the quote that supports it.
    axiom = PLD["axiom/0123456789abcdef"]
    assert (axiom, PLO.evidence, PLD["evidence/003_test/0-37"]) in graph
    assert (PLD["evidence/003_test/0-37"], PLO.quote, None) in graph
    assert endpoint.request("/id/organisation/nobody", headers={"Accept": "text/turtle"})[0] == 404


def test_relation_page_shows_the_quote_of_its_axiom(endpoint: Endpoint) -> None:
    status, _, body = endpoint.request(
        "/id/person/oskarina-fuentes", headers={"Accept": "text/html"}
    )
    assert status == 200
    page = body.decode()
    row = next(r for r in page.split("<tr>") if "plo:worksOn" in r)
    assert "<q>Oskarina Fuentes travaille pour Appen</q>" in row
    assert "Les travailleurs du clic" in row


def test_saved_queries_page_lists_and_runs(endpoint: Endpoint) -> None:
    status, _, body = endpoint.request("/queries")
    page = body.decode()
    assert status == 200
    assert "Microwork platforms and the workers who work on them" in page
    assert "Source documents and their titles" in page
    status, _, body = endpoint.request("/queries/run?name=platforms")
    page = body.decode()
    assert "<td>Oskarina Fuentes</td>" in page and "1 row" in page
    assert endpoint.request("/queries/run?name=../pyproject.toml")[0] == 404


def test_saved_query_parameters_are_bound_by_the_engine(endpoint: Endpoint) -> None:
    page = endpoint.request("/queries")[2].decode()
    assert 'name="param_organisation" value="Appen"' in page
    run = "/queries/run?" + urllib.parse.urlencode({"name": "organisation"})
    page = endpoint.request(run)[2].decode()
    assert "1 row" in page and "pld:organisation/appen" in page
    alias = urllib.parse.urlencode({"name": "organisation", "param_organisation": "appen limited"})
    assert "pld:organisation/appen" in endpoint.request("/queries/run?" + alias)[2].decode()
    hostile = '" } SERVICE <http://127.0.0.1:9/> { "'
    query = urllib.parse.urlencode({"name": "organisation", "param_organisation": hostile})
    status, _, body = endpoint.request("/queries/run?" + query)
    assert status == 200 and "0 rows" in body.decode()


def test_binds_to_localhost_unless_told() -> None:
    assert ServeConfig(SOURCES).host == "127.0.0.1"


@pytest.mark.parametrize("module", [serve, serve_query, serve_pages], ids=lambda m: m.__name__)
def test_doctests(module: Any) -> None:
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0


def test_serve_entity_has_no_doctests_to_lose() -> None:
    assert doctest.testmod(serve_entity).failed == 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ignore_sigint() -> None:
    """What a non-interactive shell does to a command it starts with `&`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize(
    ("stop", "start"),
    [(signal.SIGINT, None), (signal.SIGTERM, None), (signal.SIGINT, _ignore_sigint)],
    ids=["ctrl-c", "sigterm", "ctrl-c-started-in-background"],
)
@pytest.mark.slow
def test_cli_serve_answers_and_stops(tmp_path: Path, stop: int, start: Any) -> None:
    port = _free_port()
    cmd = [
        sys.executable,
        "-c",
        "from labourgraph.cli import main; main()",
        "serve",
        "--graph",
        str(SOURCES[0]),
        "--ontology",
        str(SOURCES[1]),
        "--queries",
        str(DATA / "queries"),
        "--port",
        str(port),
        "--workers",
        "1",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=start
    )
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/sparql" in line
        status, _, body = Endpoint(f"http://127.0.0.1:{port}", None).get_query(
            PLATFORMS, "text/csv"
        )  # type: ignore[arg-type]
        assert status == 200 and APPEN in body.decode()
        # the graph holds a document's text (checked first, so this can fail); the endpoint
        # serves its release copy, which does not (issue 17)
        assert (None, PLO.text, None) in load_graph(SOURCES[0])
        texts = "SELECT (COUNT(*) AS ?n) WHERE { ?d plo:text ?t }"
        status, _, body = Endpoint(f"http://127.0.0.1:{port}", None).get_query(texts, "text/csv")  # type: ignore[arg-type]
        assert status == 200 and body.decode().split() == ["n", "0"]
    finally:
        proc.send_signal(stop)
        try:
            returncode = proc.wait(timeout=20)
        finally:
            proc.kill()  # never leave an endpoint behind, even when the test fails
            proc.communicate()
    assert returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "99999"], "--port 0 to 65535"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--read-timeout", "-1"], "the timeouts more than 0"),
        (["--graph", str(ROOT / "README.md")], "cannot load the graph"),
        (["--host", "host.invalid", "--port", "0"], "cannot listen on host.invalid:0"),
    ],
)
def test_cli_serve_bad_options_are_one_line(args: list[str], message: str) -> None:
    cmd = [sys.executable, "-c", "from labourgraph.cli import main; main()", "serve", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert result.stdout == ""


def test_cli_serve_missing_graph_is_one_line(tmp_path: Path) -> None:
    cmd = [
        sys.executable,
        "-c",
        "from labourgraph.cli import main; main()",
        "serve",
        "--graph",
        str(tmp_path / "none.ttl"),
        "--port",
        str(_free_port()),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr


@needs_chromium
@pytest.mark.slow
def test_browser_opens_entity_and_runs_a_saved_query(endpoint: Endpoint, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with chromium(tmp_path) as driver:
        driver.get(endpoint.base + "/id/organisation/appen")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Appen"
        quotes = [q.text for q in driver.find_elements(By.TAG_NAME, "q")]
        assert "Appen" in quotes
        driver.get(endpoint.base + "/queries")
        row = next(r for r in driver.find_elements(By.TAG_NAME, "tr") if "platforms" in r.text)
        row.find_element(By.TAG_NAME, "button").click()
        wait = WebDriverWait(driver, 30)
        wait.until(lambda d: "/queries/run" in d.current_url)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.rows"))
        table = driver.find_element(By.TAG_NAME, "table")
        headers = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
        assert headers == ["platform", "platformLabel", "worker", "workerLabel"]
        cells = [td.text for td in table.find_elements(By.TAG_NAME, "td")]
        assert cells == [
            "pld:organisation/appen",
            "Appen",
            "pld:person/oskarina-fuentes",
            "Oskarina Fuentes",
        ]
        # A result links back to the entity's page.
        table.find_element(By.LINK_TEXT, "pld:person/oskarina-fuentes").click()
        wait.until(lambda d: "/id/person/oskarina-fuentes" in d.current_url)
        assert driver.find_element(By.TAG_NAME, "h1").text == "Oskarina Fuentes"


@pytest.mark.slow
@pytest.mark.skipif(not REAL_KG.exists(), reason="graph/ not built yet")
def test_real_graph_entity_page_has_quotes() -> None:
    config = ServeConfig(
        (REAL_KG, REAL_ONTO), ROOT / "queries", port=0, timeout=30.0, workers=1, ontology=REAL_ONTO
    )
    with running(config) as ep:
        status, _, body = ep.request("/id/organisation/appen", headers={"Accept": "text/html"})
        assert status == 200
        assert "<h1>Appen</h1>" in body.decode() and "<q>" in body.decode()
        status, _, body = ep.request("/queries")
        assert status == 200


@pytest.mark.slow
def test_cli_serve_answers_from_an_on_disk_store(tmp_path: Path) -> None:
    """`export --store` writes a store that `serve --graph` opens as it is (no Turtle parse)."""
    store = tmp_path / "store"
    cli = [sys.executable, "-c", "from labourgraph.cli import main; main()"]
    made = subprocess.run(
        [*cli, "export", "--graph", str(SOURCES[0]), "--ontology", str(SOURCES[1]),
         "--store", str(store)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    port = _free_port()
    proc = subprocess.Popen(
        [*cli, "serve", "--graph", str(store), "--queries", str(DATA / "queries"),
         "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert f"http://127.0.0.1:{port}/sparql" in line, proc.stderr.read() if proc.stderr else ""
        status, _, body = Endpoint(f"http://127.0.0.1:{port}", None).get_query(
            PLATFORMS, "text/csv"
        )  # type: ignore[arg-type]
        assert status == 200 and APPEN in body.decode()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        finally:
            proc.kill()
            proc.communicate()
