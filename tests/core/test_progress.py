"""Progress of long commands: bars on a terminal (tested through a pseudo-terminal), one plain
line per stage elsewhere, and nothing from library calls."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from labourgraph.core import progress

ROOT = Path(__file__).resolve().parents[2]
CONTROL = re.compile(r"\x1b|\r")
"""What a bar draws with (escape sequences, carriage returns) and a log must not hold."""


def _terminal() -> tuple[int, int]:
    """A pseudo-terminal 120 columns wide: (master, slave) file descriptors."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return master, slave


def _read_all(master: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def _stages(reporter: progress.Progress) -> None:
    reporter.start("models")
    reporter.start("analysis", total=3)
    for _ in range(3):
        reporter.advance()
    reporter.start("writing")
    reporter.close()


def test_lines_say_one_thing_per_stage_with_the_rate():
    stream = io.StringIO()
    _stages(progress.LineProgress(stream))
    lines = stream.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["models", "analysis", "writing"]
    assert re.fullmatch(r"analysis: 3 documents in \d+\.\d\d s \(\d+\.\d documents/s\)", lines[1])
    assert re.fullmatch(r"models: done in \d+\.\d\d s", lines[0])
    assert not CONTROL.search(stream.getvalue())


def test_a_stage_stopped_by_an_error_is_not_reported_done():
    stream = io.StringIO()
    with pytest.raises(ValueError), progress.LineProgress(stream) as reporter:
        reporter.start("models")
        reporter.start("validation")
        raise ValueError("shapes")
    assert len(stream.getvalue().splitlines()) == 1
    assert stream.getvalue().startswith("models: done")


def test_silent_reporter_says_nothing(capsys):
    _stages(progress.SILENT)
    assert capsys.readouterr() == ("", "")


def test_bars_only_on_a_terminal_and_not_when_quiet():
    master, slave = _terminal()
    with os.fdopen(slave, "w", encoding="utf-8", closefd=True) as tty:
        assert isinstance(progress.for_stream(tty, quiet=True), progress.LineProgress)
        bars = progress.for_stream(tty)
        assert isinstance(bars, progress.BarProgress)
        _stages(bars)
    drawn = _read_all(master)
    assert "\x1b[" in drawn  # drawn with control codes
    assert "analysis" in drawn and "3/3" in drawn and "documents/s" in drawn
    assert isinstance(progress.for_stream(io.StringIO()), progress.LineProgress)


def _corpus(tmp_path: Path) -> Path:
    """Three seed documents (three batches: the rate and the time left show after the first):
    a build of a few seconds."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))[:3]:
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    return corpus


def _build_command(tmp_path: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from labourgraph.cli import main; main()",
        "build",
        "--corpus",
        str(_corpus(tmp_path)),
        "--out",
        str(tmp_path / "graph"),
        "--no-cache",
        *extra,
    ]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "LABOURGRAPH_CACHE": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    return env


def _on_terminal(command: list[str], tmp_path: Path) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as its stdin, stdout and stderr: exit code, output."""
    master, slave = _terminal()
    child = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=_env(tmp_path), cwd=ROOT
    )
    os.close(slave)
    shown = _read_all(master)
    return child.wait(timeout=600), shown


@pytest.mark.slow
def test_a_build_on_a_terminal_shows_progress_bars(tmp_path):
    code, shown = _on_terminal(_build_command(tmp_path), tmp_path)
    assert code == 0, shown
    assert "\x1b[" in shown  # bars are drawn
    for stage in ("models", "analysis", "assembly", "validation", "writing"):
        assert stage in shown, stage
    assert "3/3" in shown and "documents/s" in shown and "ETA" in shown
    assert "evidence spans" in shown and "wrote" in shown  # the summary table stays
    assert "mentions," not in shown  # no line per document


@pytest.mark.slow
@pytest.mark.parametrize("quiet", [False, True], ids=["pipe", "quiet"])
def test_a_build_off_a_terminal_logs_one_plain_line_per_stage(tmp_path, quiet):
    if quiet:  # --quiet on a terminal: plain lines too
        code, log = _on_terminal(_build_command(tmp_path, "--quiet"), tmp_path)
        log = log.replace("\r\n", "\n")  # the terminal's own line ends
        assert code == 0, log
    else:
        done = subprocess.run(
            _build_command(tmp_path),
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            cwd=ROOT,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        log = done.stderr
        assert "evidence spans" in done.stdout
    assert not CONTROL.search(log), repr(log)
    stages = [line.split(":")[0] for line in log.splitlines() if ": " in line]
    stages = [s for s in stages if s in ("models", "analysis", "assembly", "validation", "writing")]
    assert stages == ["models", "analysis", "assembly", "validation", "writing"]
    assert re.search(r"^analysis: 3 documents in \d+\.\d\d s", log, re.MULTILINE)
