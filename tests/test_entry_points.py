"""Every entry point on hostile input: exit 0, or one line on stderr with exit 1 or 2, never a
traceback (build, validate, query, ontology check, publish; the endpoint has its own tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "binary.ttl").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "broken.ttl").write_text("not turtle {{{", encoding="utf-8")
    (folder / "folder.ttl").mkdir()
    (folder / "deep.ttl").write_text(
        "<http://x/a> <http://x/b> " + "(" * 50_000 + ")" * 50_000 + " .\n", encoding="utf-8"
    )
    (folder / "latin1.rq").write_bytes(b"SELECT * WHERE { ?s ?p '\xe9' }")
    (folder / "long.rq").write_text(
        "SELECT * WHERE { ?s ?p ?o . " + "a-" * 300_000 + "}", encoding="utf-8"
    )
    os.mkfifo(folder / "fifo.ttl")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_text(
        "<!-- saved from url=(0022)http://example.org/ -->\n<html><body>x", encoding="utf-8"
    )
    nested = folder / "nested"
    (nested / "curation").mkdir(parents=True)
    (nested / "a.txt").write_text("Appen paie 2 dollars de l'heure.\n", encoding="utf-8")
    (nested / "curation" / "a.yaml").write_text(
        "document: a.txt\nentities: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8"
    )
    return folder


CASES = [
    ["validate", "{h}/binary.ttl"],
    ["validate", "{h}/broken.ttl"],
    ["validate", "{h}/folder.ttl"],
    ["validate", "{h}/fifo.ttl", "--timeout", "20"],
    ["validate", "{h}/deep.ttl", "--timeout", "60"],
    ["validate", "graph/platform-labour-kg.ttl", "--shapes", "{h}/broken.ttl"],
    ["query", "{h}/latin1.rq"],
    ["query", "{h}/long.rq", "--timeout", "1"],
    ["query", "01", "--graph", "{h}/deep.ttl"],
    ["query", "01", "--graph", "{h}/binary.ttl"],
    ["ontology", "check", "{h}/broken.ttl", "--no-owlapi", "--no-reasoner"],
    ["ontology", "check", "{h}/folder.ttl", "--no-owlapi", "--no-reasoner"],
    ["publish", "--endpoint", "file:///etc/passwd"],
    ["publish", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "2"],
    ["publish", "--endpoint", "http://127.0.0.1:9/store", "--file", "{h}/binary.ttl"],
    ["build", "--corpus", "{h}/corpus", "--out", "{h}/out", "--no-cache"],
    ["build", "--corpus", "{h}/nested", "--out", "{h}/out", "--no-cache"],
    ["build", "--corpus", "corpus", "--out", "/etc/passwd/graph", "--no-cache"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a)[:60])
def test_hostile_input_is_exit_0_or_one_line(hostile: Path, args: list[str]) -> None:
    command = [arg.format(h=hostile) for arg in args]
    done = subprocess.run(
        [*CLI, *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in (0, 1, 2), done.stderr
    if done.returncode:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("labourgraph: error: "), done.stderr
