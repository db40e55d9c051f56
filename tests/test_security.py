"""Reliability and security: every entry point fed a hostile input (issue 9).

Each test names the case of the README's "Security and reliability" section
that it proves: no request leaves the machine (a listener on 127.0.0.1 must see no connection),
no local file is read from inside a document or a query (a FIFO would block any reader, so a
read would show as a hang and as a reader on the pipe), the entity bomb and oversized inputs
are refused before parsing, a runaway query is stopped and its process is gone, a failed write
leaves the previous file as it was, a bad corpus file stops the build with one line and leaves
the output folder untouched. The Hypothesis suite feeds arbitrary input to intake, the number
grammar, the lexicon matcher, IRI minting and query parameters, 200 examples each.
"""

from __future__ import annotations

import contextlib
import doctest
import errno
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from labourgraph.check import sparql_policy
from labourgraph.check.shacl import SHAPES_PATH, load_shapes, validate
from labourgraph.core import atomic, mint, rdfio
from labourgraph.core.errors import LabourgraphError
from labourgraph.extract import lexicon, quantities
from labourgraph.intake import corpus, curation
from labourgraph.publish import queries as q
from labourgraph.publish import query_processes
from labourgraph.publish.serve import ServeConfig, make_server

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "security"
TINY = DATA / "tiny.ttl"
BOMB = DATA / "entity-bomb.owl"
RUNAWAY = DATA / "runaway.rq"
REAL_GRAPH = q.graph_files(q.DEFAULT_GRAPHS[0], q.DEFAULT_GRAPHS[1])
CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]
EXAMPLES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# --- helpers ---------------------------------------------------------------------------------


def assert_no_connection(sock: socket.socket) -> None:
    """The kernel completes a TCP handshake even before `accept`: a caller would be queued."""
    sock.settimeout(0.5)
    with pytest.raises(TimeoutError):
        sock.accept()


def url(sock: socket.socket, path: str = "/sparql") -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}{path}"


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    """A named pipe: opening it to read blocks until a writer comes, so a read cannot hide."""
    path = tmp_path / "secret.ttl"
    os.mkfifo(path)
    return path


def assert_nobody_reads(pipe: Path) -> None:
    """A non-blocking open for writing fails with ENXIO exactly when no reader holds the pipe."""
    with pytest.raises(OSError) as err:
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    assert err.value.errno == errno.ENXIO


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The CLI's whole stderr must be one `labourgraph: error: ...` line (no traceback)."""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("labourgraph: error: "), lines[0]
    return lines[0]


def write_query(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "hostile.rq"
    path.write_text("#+ summary: hostile\n" + body + "\n", encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- no SERVICE, LOAD or FROM: the CLI ------------------------------------------------------

SERVICE_BODIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z # SERVICE in a comment hides nothing\n SERVICE <{url}> {{ }} }}",
]


@pytest.mark.slow
@pytest.mark.parametrize("template", SERVICE_BODIES)
def test_cli_query_with_service_is_refused_and_never_connects(
    tmp_path: Path, listener: socket.socket, template: str
) -> None:
    path = write_query(tmp_path, template.format(url=url(listener)))
    done = run_cli("query", str(path), "--graph", str(TINY), "--ontology", "")
    assert done.returncode == 2
    line = one_error_line(done)
    assert f"{path}:" in line and "service refused: it would call another endpoint" in line.lower()
    assert_no_connection(listener)


@pytest.mark.parametrize(
    "template",
    [
        "LOAD <file:///etc/hostname>",
        "LOAD <file://{fifo}>",
        "SELECT * FROM <file://{fifo}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <file://{fifo}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "INSERT DATA {{ <http://x/a> <http://x/b> <http://x/c> }}",
    ],
)
def test_cli_load_and_from_are_refused_and_read_nothing(
    tmp_path: Path, fifo: Path, template: str
) -> None:
    path = write_query(tmp_path, template.format(fifo=fifo))
    done = run_cli("query", str(path), "--graph", str(TINY), "--ontology", "", timeout=60)
    assert done.returncode == 2
    line = one_error_line(done)
    assert f"{path}:2:" in line and "refused" in line
    assert_nobody_reads(fifo)


def test_rdflib_engine_refuses_service_even_without_the_tokenizer(
    listener: socket.socket,
) -> None:
    """Second line of defence: rdflib's engine (pySHACL's too) raises instead of connecting,
    once the guards are installed (an explicit call, made by every entry point that runs
    rdflib's SPARQL)."""
    sparql_policy.install_rdflib_guards()
    graph = Graph()
    graph.add((URIRef("http://x/a"), URIRef("http://x/b"), Literal("c")))
    with pytest.raises(LabourgraphError, match="SERVICE is refused"):
        list(graph.query(f"SELECT * WHERE {{ SERVICE <{url(listener)}> {{ ?s ?p ?o }} }}"))
    assert_no_connection(listener)


def test_rdflib_engine_never_loads_a_from_graph(fifo: Path) -> None:
    sparql_policy.install_rdflib_guards()
    graph = Graph()
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append(
            list(graph.query(f"SELECT * FROM <file://{fifo}> {{ ?s ?p ?o }}"))
        ),
        daemon=True,
    )
    worker.start()
    worker.join(10)
    assert done == [[]]
    assert_nobody_reads(fifo)


# --- no SERVICE: validation ------------------------------------------------------------------

SERVICE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix plo: <https://w3id.org/platform-labour/ontology#> .
@prefix ex: <http://example.org/shapes#> .

ex:PlatformShape a sh:NodeShape ;
    sh:targetClass plo:MicroworkPlatform ;
    sh:sparql ex:Remote .
ex:Remote a sh:SPARQLConstraint ;
    sh:message "remote" ;
    sh:select \"\"\"SELECT $this WHERE {{ SERVICE <{url}> {{ $this ?p ?o }} }}\"\"\" .
"""


def test_cli_validate_with_a_service_shape_never_connects(
    tmp_path: Path, listener: socket.socket
) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SERVICE_SHAPES.format(url=url(listener)), encoding="utf-8")
    done = run_cli("validate", str(TINY), "--shapes", str(shapes))
    assert done.returncode == 2
    line = one_error_line(done)
    assert str(shapes) in line and "SERVICE is refused" in line
    assert_no_connection(listener)


def test_validate_refuses_an_already_parsed_service_shape(listener: socket.socket) -> None:
    """Shapes handed over as a graph (not read through `load_shapes`) are checked too."""
    shapes = rdfio.parse_bytes(SERVICE_SHAPES.format(url=url(listener)).encode(), "turtle")
    with pytest.raises(LabourgraphError, match="SERVICE is refused"):
        validate(rdfio.load_graph(TINY), shapes=shapes, ontology_path=None)
    assert_no_connection(listener)


def test_the_project_shapes_pass_the_guard() -> None:
    assert load_shapes(SHAPES_PATH)


# --- no SERVICE, LOAD or FROM: the endpoint ---------------------------------------------------


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, object]]:
    config = ServeConfig((TINY,), DATA, port=0, timeout=2.0, workers=1)
    httpd, app = make_server(config)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host}:{port}", app
    finally:
        httpd.shutdown()
        httpd.server_close()
        app.close()


def ask(base: str, query: str, method: str = "GET") -> tuple[int, bytes]:
    if method == "GET":
        req = urllib.request.Request(base + "/sparql?" + urllib.parse.urlencode({"query": query}))
    else:
        req = urllib.request.Request(
            base + "/sparql",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.mark.slow
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("template", SERVICE_BODIES)
def test_endpoint_service_is_refused_and_never_connects(
    endpoint: tuple[str, object], listener: socket.socket, template: str, method: str
) -> None:
    status, body = ask(endpoint[0], template.format(url=url(listener)), method)
    assert status == 400 and b"SERVICE is refused" in body
    assert_no_connection(listener)


@pytest.mark.parametrize(
    "template",
    [
        "LOAD <file:///etc/hostname>",
        "LOAD <file://{fifo}>",
        "SELECT * FROM <file://{fifo}> {{ ?s ?p ?o }}",
    ],
)
def test_endpoint_load_and_from_read_nothing(
    endpoint: tuple[str, object], fifo: Path, template: str
) -> None:
    status, body = ask(endpoint[0], template.format(fifo=fifo), "POST")
    assert status == 400 and b"is refused" in body
    assert_nobody_reads(fifo)


@pytest.mark.slow
def test_endpoint_runaway_query_is_stopped_and_its_process_killed(
    endpoint: tuple[str, object],
) -> None:
    base, app = endpoint
    before = set(app.pool.pids())  # type: ignore[attr-defined]
    status, body = ask(base, RUNAWAY.read_text(encoding="utf-8"))
    assert status == 503 and b"stopped" in body
    gone = before - set(app.pool.pids())  # type: ignore[attr-defined]
    assert len(gone) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(gone.pop(), 0)


# --- the guard itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service ?load ?from WHERE { ?service ?load ?from }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> LOAD FROM' }",
        'SELECT * WHERE { ?s ?p """\nSERVICE <http://x/>\n""" }',
        "SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE <http://127.0.0.1:9/>",
        "PREFIX from: <http://x/> SELECT * WHERE { ?s from:service ?o }",
    ],
)
def test_keywords_in_names_strings_iris_and_comments_are_not_refused(text: str) -> None:
    assert sparql_policy.find_refusal(text) is None


def test_refusal_names_line_and_column() -> None:
    with pytest.raises(LabourgraphError, match=r"^q\.rq:3:3: service refused: it would call"):
        sparql_policy.check("SELECT *\nWHERE {\n  service <http://x/> { } }", "q.rq")


def test_sparql_guard_doctests() -> None:
    assert doctest.testmod(sparql_policy).failed == 0


# --- documents that reach outside themselves -------------------------------------------------


@pytest.mark.parametrize(
    "context",
    [
        "file://{fifo}",
        ["file://{fifo}"],
        [{"ex": "http://example.org/"}, "file://{fifo}"],
        {"@import": "file://{fifo}"},
        {"knows": {"@id": "http://example.org/knows", "@context": "file://{fifo}"}},
        "http://127.0.0.1:{port}/context.jsonld",
    ],
)
@pytest.mark.slow
def test_jsonld_context_by_reference_is_refused_and_nothing_read(
    tmp_path: Path, fifo: Path, listener: socket.socket, context: object
) -> None:
    port = listener.getsockname()[1]
    filled = json.loads(
        json.dumps(context).replace("{fifo}", str(fifo)).replace("{port}", str(port))
    )
    path = tmp_path / "doc.jsonld"
    path.write_text(
        json.dumps({"@context": filled, "@id": "http://example.org/a", "knows": "b"}),
        encoding="utf-8",
    )
    outcome: list[BaseException | Graph] = []

    def load() -> None:
        try:
            outcome.append(rdfio.load_graph(path))
        except BaseException as err:
            outcome.append(err)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(10)
    assert outcome and isinstance(outcome[0], LabourgraphError), outcome
    assert "by reference" in str(outcome[0]) and str(path) in str(outcome[0])
    assert_nobody_reads(fifo)
    assert_no_connection(listener)


def test_jsonld_with_an_inline_context_is_read(tmp_path: Path) -> None:
    path = tmp_path / "doc.jsonld"
    path.write_text(
        json.dumps(
            {
                "@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
                "@id": "http://example.org/a",
                "rdfs:label": "A",
            }
        ),
        encoding="utf-8",
    )
    graph = rdfio.load_graph(path)
    assert set(graph) == {
        (
            URIRef("http://example.org/a"),
            URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("A"),
        )
    }


def test_entity_bomb_is_refused_before_parsing() -> None:
    """700-odd bytes that expand to 1 GB: refused by every reader, at once."""
    assert BOMB.stat().st_size < 1024
    for load in (rdfio.load_graph, lambda p: rdfio.load_store([p]), lambda p: q.open_graph([p])):
        started = time.perf_counter()
        with pytest.raises(LabourgraphError, match=r"DTD or entity declaration is refused"):
            load(BOMB)
        assert time.perf_counter() - started < 5  # a guard against hangs; the figure is µs


def test_entity_bomb_through_the_cli_is_one_line() -> None:
    done = run_cli("validate", str(BOMB))
    assert done.returncode == 2
    assert f"{BOMB}: RDF/XML with a DTD" in one_error_line(done)


def test_utf16_rdfxml_is_refused(tmp_path: Path) -> None:
    """The DTD scan reads bytes: an encoding it cannot see through is refused, not guessed."""
    path = tmp_path / "wide.owl"
    path.write_bytes(BOMB.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(LabourgraphError, match="must be UTF-8"):
        rdfio.load_graph(path)


def test_xml_catalog_with_a_dtd_is_refused(tmp_path: Path) -> None:
    from labourgraph.check.ontology import catalog_imports

    catalog = tmp_path / "catalog-v001.xml"
    catalog.write_bytes(BOMB.read_bytes())
    with pytest.raises(LabourgraphError, match="DTD or entity declaration is refused"):
        catalog_imports(catalog)


def test_inputs_over_the_size_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rdfio, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.ttl"
    path.write_text("<http://x/a> <http://x/b> " + '"' + "x" * 200 + '" .\n', encoding="utf-8")
    for load in (rdfio.load_graph, lambda p: rdfio.load_store([p])):
        with pytest.raises(LabourgraphError, match=r"big\.ttl: \d+ bytes is over the 100-byte"):
            load(path)


def test_default_size_limits() -> None:
    """The figures the README's security section gives."""
    assert rdfio.MAX_INPUT_BYTES == 512 * 1024 * 1024
    assert corpus.MAX_DOCUMENT_BYTES == 10 * 1024 * 1024
    assert sparql_policy.DEFAULT_TIMEOUT == 10.0
    assert query_processes.DEFAULT_MEMORY_LIMIT == 4 * 1024**3
    assert ServeConfig((TINY,)).host == "127.0.0.1"


# --- ontologies: no import fetched, no Python module imported --------------------------------


def hostile_ontology(tmp_path: Path, listener: socket.socket) -> tuple[Path, str, Path]:
    """The ontology, the module name it asks owlready2 to import, the marker that module writes."""
    module = f"lg_marker_{uuid.uuid4().hex}"
    marker = tmp_path / "imported.marker"
    template = (DATA / "marker_module.py.in").read_text(encoding="utf-8")
    (tmp_path / f"{module}.py").write_text(template.format(marker=str(marker)), encoding="utf-8")
    text = (DATA / "hostile-ontology.ttl.in").read_text(encoding="utf-8")
    path = tmp_path / "hostile.ttl"
    path.write_text(
        text.replace("{port}", str(listener.getsockname()[1])).replace("{module}", module),
        encoding="utf-8",
    )
    return path, module, marker


def test_owlready2_would_import_the_named_module(
    tmp_path: Path, listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control: the hostile input is real. owlready2 alone, given the same ontology without
    its import (which would hang on the listener), imports the module and the marker appears."""
    import owlready2

    path, _, marker = hostile_ontology(tmp_path, listener)
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = rdfio.load_graph(path)
    graph.remove((None, URIRef("http://www.w3.org/2002/07/owl#imports"), None))
    nt = tmp_path / "plain.nt"
    nt.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    with contextlib.suppress(Exception):
        owlready2.World().get_ontology(nt.as_uri()).load(format="ntriples")
    assert marker.exists()


@pytest.mark.slow
@pytest.mark.java
def test_reasoner_never_fetches_imports_nor_imports_python_module(
    tmp_path: Path, listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    from labourgraph.check import reason

    path, _, marker = hostile_ontology(tmp_path, listener)
    monkeypatch.syspath_prepend(str(tmp_path))
    ok, unsatisfiable = reason.consistent(path)
    assert ok and unsatisfiable == []
    assert not marker.exists()
    assert_no_connection(listener)


@pytest.mark.slow
@pytest.mark.java
def test_ontology_check_never_fetches_imports(
    tmp_path: Path, listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole `labourgraph ontology check`: HermiT and the OWL API, imports unmapped."""
    from labourgraph.check import ontology

    path, _, marker = hostile_ontology(tmp_path, listener)
    monkeypatch.syspath_prepend(str(tmp_path))
    result = ontology.owlapi_load(path, imports={})
    assert any("MissingImport" in v or "127.0.0.1" in v for v in result.violations)
    assert not marker.exists()
    assert_no_connection(listener)


# --- queries under a time limit --------------------------------------------------------------


@pytest.mark.slow
def test_runaway_query_is_stopped_and_its_process_gone() -> None:
    saved = q.read_query(RUNAWAY)
    with q.open_graph([TINY]) as graph:
        before = set(graph.pids())
        started = time.perf_counter()
        with pytest.raises(LabourgraphError, match=r"runaway: query stopped after 1 s"):
            q.execute(saved, graph, timeout=1.0)
        assert time.perf_counter() - started < 30  # a guard against hangs
        gone = before - set(graph.pids())
        assert len(gone) == 1
        with pytest.raises(ProcessLookupError):
            os.kill(gone.pop(), 0)
        # a fresh process takes the next query
        assert q.execute(q.find_query("01"), graph, timeout=30).rows is not None


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _children(pid: int) -> set[tuple[int, str]]:
    """Every descendant of `pid` as (pid, start time): the start time tells a reused pid apart."""
    found: set[tuple[int, str]] = set()
    frontier = {pid}
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            fields = _stat(int(entry.name)) if entry.name.isdigit() else None
            if fields and int(fields[1]) == parent and (int(entry.name), fields[19]) not in found:
                found.add((int(entry.name), fields[19]))
                frontier.add(int(entry.name))
    return found


def _alive(process: tuple[int, str]) -> bool:
    fields = _stat(process[0])
    return fields is not None and fields[19] == process[1] and fields[0] != "Z"


@pytest.mark.slow
def test_cli_runaway_query_is_stopped_and_nothing_left_running() -> None:
    proc = subprocess.Popen(
        [*CLI, "query", str(RUNAWAY), "--graph", str(TINY), "--ontology", "", "--timeout", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    seen: set[int] = set()
    while proc.poll() is None:
        seen |= _children(proc.pid)
        time.sleep(0.05)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert lines == ["labourgraph: error: runaway: query stopped after 1 s (the time limit)"]
    assert seen, "the query ran in a child process"
    deadline = time.monotonic() + 10
    while any(_alive(process) for process in seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [process for process in seen if _alive(process)]


@pytest.mark.slow
def test_closing_while_a_stopped_query_is_being_replaced_raises_nothing() -> None:
    # the replacement process is still loading when the pool closes: the refill thread and
    # close() both kill it, and the second kill must not close its pipe a second time
    for _ in range(3):
        pool = query_processes.QueryProcesses([TINY], timeout=0.5)
        with pytest.raises(query_processes.QueryStopped):
            pool.call(q._evaluate, q.read_query(RUNAWAY).text, str(RUNAWAY))
        pool.close()
        assert pool.pids() == []


# --- writes: all or nothing, same bytes every run ---------------------------------------------


def test_serialisation_failing_halfway_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    rdfio.save_graph(rdfio.load_graph(TINY), target)
    before = target.read_bytes()
    broken = rdfio.load_graph(TINY)
    # rdflib accepts this IRI; the writer refuses it after converting part of the triples
    broken.add((URIRef("http://x/a"), URIRef("http://x/b"), URIRef("http://x/not an iri")))
    with pytest.raises(ValueError):
        rdfio.save_graph(broken, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_disk_failure_while_writing_leaves_every_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.owl"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    calls: list[int] = []
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file: the first is already complete on disk
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_many({first: b"new a", second: b"new b"})
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.owl"]


def test_written_files_keep_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    atomic.write_text(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.slow
def test_serialisations_are_byte_identical_across_processes(tmp_path: Path) -> None:
    """Two interpreters with different hash seeds write the committed graph to the same bytes."""
    script = (
        "import sys; from labourgraph.core import rdfio; g = rdfio.load_graph(sys.argv[1]); "
        "rdfio.save_graph(g, sys.argv[2]); rdfio.save_graph(g, sys.argv[3])"
    )
    outputs = []
    for seed in ("1", "2"):
        ttl, owl = tmp_path / f"{seed}.ttl", tmp_path / f"{seed}.owl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                str(ROOT / "ontology" / "platform-labour.ttl"),
                str(ttl),
                str(owl),
            ],
            check=True,
            env=env,
            timeout=120,
        )
        outputs.append((ttl.read_bytes(), owl.read_bytes()))
    assert outputs[0] == outputs[1]


# --- corpus intake and curation ----------------------------------------------------------------

BAD_DOCUMENTS = [
    ("latin1.txt", "Le café est fermé".encode("latin-1"), "invalid byte 0xe9 at byte offset 6"),
    ("nul.txt", b"Bonjour\x00le monde", "NUL byte at byte offset 7"),
    ("control.txt", "Caf\u00e9\x1b[31m".encode(), "control character U+001B at byte offset 5"),
    ("empty.txt", b"", "empty file"),
    (
        "png.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "binary file (a PNG image) from byte offset 0",
    ),
    (
        "html.txt",
        b"\xef\xbb\xbf\n<!DOCTYPE html><html></html>",
        "HTML or XML file, not plain text (markup at byte offset 4",
    ),
    ("utf16.txt", "Bonjour".encode("utf-16"), "UTF-16"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "data", "expected"), BAD_DOCUMENTS)
def test_bad_corpus_file_stops_the_build_and_leaves_the_output_untouched(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus_dir)
    (corpus_dir / name).write_bytes(data)
    out = tmp_path / "graph"
    shutil.copytree(ROOT / "graph", out)
    before = snapshot(out)
    done = run_cli("build", "--corpus", str(corpus_dir), "--out", str(out), "--no-validate")
    assert done.returncode == 2
    line = one_error_line(done)
    assert line.startswith(f"labourgraph: error: {corpus_dir / name}: ")
    assert expected in line
    assert snapshot(out) == before


def test_bom_is_stripped_and_offsets_count_after_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfLe clic paie mal.")
    document = corpus.read_document(path, {"language": "fr"})
    assert document.text == "Le clic paie mal."
    assert document.text[3:7] == "clic"


def test_curation_yaml_is_read_with_a_safe_loader(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    folder = tmp_path / "curation"
    folder.mkdir()
    (folder / "doc.yaml").write_text(
        f"document: doc.txt\nadd: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    with pytest.raises(LabourgraphError, match="invalid YAML at line"):
        curation.load(tmp_path)
    assert not marker.exists()


def test_curation_quote_not_in_the_document_names_the_closest_passage() -> None:
    text = "Sur Foule Factory, les tâches sont payées quelques centimes."
    with pytest.raises(LabourgraphError) as err:
        curation.locate(text, "les taches sont payees", "doc.yaml: add[0]")
    message = str(err.value)
    assert "is not in the document" in message and "les tâches sont payées" in message


# --- Hypothesis: arbitrary input, only documented errors ---------------------------------------


@EXAMPLES
@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8")))
def test_intake_takes_any_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    try:
        document = corpus.read_document(path, {"language": "fr"})
    except LabourgraphError as err:
        assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
        return
    assert document.text == data.removeprefix(corpus.UTF8_BOM).decode("utf-8")
    assert document.text.strip()


@EXAMPLES
@given(text=st.text(max_size=300), lang=st.sampled_from(["fr", "en"]))
def test_number_grammar_takes_any_text(text: str, lang: str) -> None:
    for found in quantities.find_quantities(text, lang):
        assert 0 <= found.start < found.end <= len(text)


_LEXICON = lexicon.Lexicon(lexicon.load_actors())


@EXAMPLES
@given(
    text=st.text(max_size=300)
    | st.sampled_from(["Appen, Wirk et Foule Factory", "Amazon Mechanical Turk"])
)
def test_lexicon_matcher_takes_any_text(text: str) -> None:
    for hit in _LEXICON.find(text):
        assert 0 <= hit.start < hit.end <= len(text)


@EXAMPLES
@given(label=st.text(max_size=200), kind=st.sampled_from(["organisation", "person", "place"]))
def test_minting_takes_any_label(label: str, kind: str) -> None:
    segment = mint.slug(label)
    assert segment and set(segment) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    iri = mint.entity_iri(kind, label)
    assert iri == URIRef(f"https://w3id.org/platform-labour/id/{kind}/{segment}")
    rdfio.parse_bytes(f"<{iri}> <http://x/p> 1 .".encode(), "turtle")  # a valid IRI


@pytest.fixture(scope="module")
def real_graph() -> Iterator[q.QueryProcesses]:
    with q.open_graph(REAL_GRAPH) as graph:
        yield graph


PARAMETERISED = [
    ("14", "organisation"),
    ("15", "document"),
    ("13", "max_confidence"),
    ("03", "area"),
]


@pytest.mark.slow
@EXAMPLES
@given(value=st.text(max_size=100), which=st.sampled_from(PARAMETERISED))
def test_query_parameters_take_any_string(
    real_graph: q.QueryProcesses, value: str, which: tuple[str, str]
) -> None:
    saved = q.find_query(which[0])
    assume_name = which[1] if which[1] in saved.parameters else saved.parameters[0]
    try:
        result = q.execute(saved, real_graph, {assume_name: value}, timeout=30)
    except LabourgraphError as err:
        assert "\n" not in str(err)
        return
    q.render(result, "table")


@EXAMPLES
@given(value=st.text(max_size=100))
def test_iri_parameters_take_any_string(value: str) -> None:
    saved = q.SavedQuery(
        name="iri", path=Path("iri.rq"), text="SELECT ?_x_iri {}", parameters=("x_iri",)
    )
    try:
        bound = q._bind(saved, {"x_iri": value})
    except LabourgraphError:
        return
    assert isinstance(bound["x_iri"], URIRef)
