"""The SPARQL keyword guard: linear in the text, and inside the query's own time limit."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labourgraph.check import sparql_policy
from sizes import MIB, repeated, sized, time_bound

HEAD = "SELECT * WHERE { ?s ?p ?o . "
# Each repeated to 1 MiB: name runs that are no prefixed name (quadratic before: 64 KB took
# 29 s), unterminated IRIs and strings, escapes, and a mixture.
ADVERSARIAL = ["a-", "a.", "_a-", "1a-", "?a-", "<a", "<", "'", '"', "'''", "'\"<a-", "'a\n"]


def _adversarial(unit: str, size: int = MIB) -> str:
    return HEAD + unit * ((size - len(HEAD)) // len(unit)) + "}"


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_the_guard_takes_linear_time_on_a_mebibyte_of_adversarial_text(unit: str) -> None:
    text = _adversarial(unit)
    clock = time.perf_counter()
    sparql_policy.find_refusal(text)
    assert time.perf_counter() - clock < 5.0  # measured 0.05-1.1 s; quadratic: hours


def test_a_name_run_splits_into_the_tokens_each_position_would_give() -> None:
    kinds = [(kind, token) for kind, token, _ in sparql_policy.tokens("a-b.c x-y:z _:b-1 2d")]
    assert kinds == [
        ("word", "a"),
        ("other", "-"),
        ("word", "b"),
        ("other", "."),
        ("word", "c"),
        ("pname", "x-y:z"),
        ("bnode", "_:b-1"),
        ("other", "2"),
        ("word", "d"),
    ]
    offsets = [offset for _, _, offset in sparql_policy.tokens("a-b.c")]
    assert offsets == [0, 1, 2, 3, 4]


def test_keywords_inside_a_name_run_are_still_found() -> None:
    found = sparql_policy.find_refusal("SELECT * WHERE { x-SERVICE-y <http://x/> {} }")
    assert found is not None and found.token == "SERVICE" and found.offset == 19


def test_the_guard_stops_at_the_deadline() -> None:
    text = _adversarial("a-")
    with pytest.raises(sparql_policy.QueryCheckStopped, match="time limit"):
        sparql_policy.find_refusal(text, deadline=time.monotonic())
    assert sparql_policy.find_refusal(text, deadline=time.monotonic() + 60) is None


def test_cli_query_check_counts_against_the_time_limit(tmp_path: Path) -> None:
    """`labourgraph query --timeout 1` on a mebibyte of adversarial text: one line, exit 2,
    within the limit plus start-up (was: 29 s for 64 KB, hours for 1 MiB)."""
    query = tmp_path / "hostile.rq"
    query.write_text(_adversarial("a-"), encoding="utf-8")
    graph = Path(__file__).parents[1] / "data" / "shapes" / "valid.ttl"
    command = [sys.executable, "-c", "from labourgraph.cli import main; main()", "query"]
    clock = time.perf_counter()
    done = subprocess.run(
        [*command, str(query), "--timeout", "1", "--graph", str(graph)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.perf_counter() - clock < 30
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("labourgraph: error:"), done.stderr
    assert "Traceback" not in done.stderr


# --- property tests at realistic sizes ---------------------------------------------------------


SPARQL_UNITS = st.sampled_from(
    ["a-", "a.", "?a-", "_:a-", "<a", "'", '"', "'''", '"""', "\\", "#", "x:", ":", "SERVICE ",
     "FROM <a> ", "{ ", "} ", "\n", "a-b:c ", "'a'", "<http://x/> "]
) | st.text(min_size=1, max_size=12)  # fmt: skip


def _guard_in_time(text: str) -> None:
    clock = time.perf_counter()
    found = sparql_policy.find_refusal(text)
    elapsed = time.perf_counter() - clock
    assert elapsed < time_bound(len(text), per_mib=10.0), (elapsed, len(text))
    assert found is None or 0 <= found.offset <= len(text)


@sized(30)
@given(text=repeated(SPARQL_UNITS, 64 * 1024))
def test_the_guard_takes_any_text_up_to_64_kib_in_linear_time(text: str) -> None:
    _guard_in_time(text)


@pytest.mark.slow
@sized(12)
@given(text=repeated(SPARQL_UNITS, MIB))
def test_the_guard_takes_any_text_up_to_a_mebibyte_in_linear_time(text: str) -> None:
    _guard_in_time(text)
