"""`labourgraph.core.limits`: a call under a time limit, in a child that is killed past it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from labourgraph.core import limits
from labourgraph.core.errors import LabourgraphError

ROOT = Path(__file__).resolve().parents[2]


def _spin() -> None:
    while True:
        pass


def _fail() -> None:
    error = LabourgraphError("bad input")
    error.exit_code = 1
    raise error


def test_a_call_returns_its_value_from_the_child() -> None:
    assert limits.call(pow, 2, 10, timeout=30, what="pow") == 1024
    assert limits.call(os.getpid, timeout=30, what="pid") != os.getpid()
    assert limits.call(os.getpid, timeout=None, what="pid") == os.getpid()


def test_a_call_past_its_limit_is_stopped() -> None:
    clock = time.monotonic()
    with pytest.raises(limits.TimeLimitReached, match=r"spin stopped after 0.5 s"):
        limits.call(_spin, timeout=0.5, what="spin")
    assert time.monotonic() - clock < 5


def test_an_error_in_the_child_keeps_its_message_and_exit_code() -> None:
    with pytest.raises(LabourgraphError, match="bad input") as caught:
        limits.call(_fail, timeout=30, what="fail")
    assert caught.value.exit_code == 1


def test_cli_validate_has_a_time_limit() -> None:
    """`validate` had none: a large graph or a costly shape could run for ever."""
    command = [sys.executable, "-c", "from labourgraph.cli import main; main()", "validate"]
    clock = time.monotonic()
    done = subprocess.run(
        [*command, str(ROOT / "graph" / "platform-labour-kg.ttl"), "--timeout", "0.2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "labourgraph: error: validation stopped after 0.2 s (the time limit; --timeout to "
        "change it)"
    ]
    assert time.monotonic() - clock < 30
