"""How a long command tells its user where it is: stage by stage, bars on a terminal only.

`labourgraph build` spends seconds loading models before any document is read, and minutes
on a large corpus; a line per document (5,000 lines for 5,000 documents) says less than a
bar with a rate and an estimate of the time left. The build calls a reporter at each stage
(`start`, `advance`, `end`); which reporter it gets is the caller's choice (`for_stream`):

- `Progress` (the base, `SILENT`): says nothing; what library calls and tests get;
- `LineProgress`: one plain line per finished stage — for logs, pipes and `--quiet`, with no
  control codes;
- `BarProgress`: `rich` progress bars, only when the output is a terminal.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

UNITS = {"analysis": "documents"}
"""What a stage counts, when it counts something (its bar shows how many per second)."""


class Progress:
    """A reporter that says nothing. Subclasses show the stages; the build only calls these."""

    def start(self, stage: str, total: int | None = None) -> None:
        """Begin `stage` (ending the one before), with `total` steps when they are known."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the current stage are done."""

    def end(self) -> None:
        """The current stage is done (nothing happens if none is running)."""

    def note(self, line: str) -> None:
        """A message for the user that is not a stage (e.g. that nothing changed)."""

    def close(self, failed: bool = False) -> None:
        """End the last stage and stop reporting; a stage stopped by an error is not shown
        as done (the error says what happened)."""
        if not failed:
            self.end()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(failed=error is not None)


SILENT = Progress()


class LineProgress(Progress):
    """One plain line per stage, written when the stage ends: `analysis: 5 documents in 1.52 s
    (3.3 documents/s)`. No bar, no carriage return, no colour: the output of a pipe or a log."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.stage: str | None = None
        self.total: int | None = None
        self.done = 0
        self.clock = 0.0

    def start(self, stage: str, total: int | None = None) -> None:
        self.end()
        self.stage, self.total, self.done, self.clock = stage, total, 0, time.perf_counter()

    def advance(self, steps: int = 1) -> None:
        self.done += steps

    def end(self) -> None:
        if self.stage is None:
            return
        seconds = time.perf_counter() - self.clock
        line = f"{self.stage}: done in {seconds:.2f} s"
        if self.total is not None:
            unit = UNITS.get(self.stage, "steps")
            rate = f" ({self.done / seconds:.1f} {unit}/s)" if seconds > 0 and self.done else ""
            line = f"{self.stage}: {self.done} {unit} in {seconds:.2f} s{rate}"
        self.note(line)
        self.stage = None

    def note(self, line: str) -> None:
        print(line, file=self.stream, flush=True)


class BarProgress(Progress):
    """`rich` progress bars on a terminal: a spinner for a stage of unknown length (loading the
    models), a bar with the count, the rate and the time left for one that counts documents.
    Finished stages stay on screen, one line each, above the summary table."""

    def __init__(self, stream: IO[str]) -> None:
        self.console = Console(file=stream, force_terminal=True)
        self.bars = RichProgress(
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description:<10}"),
            BarColumn(bar_width=16),
            TimeElapsedColumn(),
            _Counts(),
            console=self.console,
            refresh_per_second=8,
        )
        self.task: Any = None
        self.bars.start()

    def start(self, stage: str, total: int | None = None) -> None:
        self.end()
        self.task = self.bars.add_task(
            stage, total=total, unit=UNITS.get(stage, "steps"), counted=total is not None
        )

    def advance(self, steps: int = 1) -> None:
        if self.task is not None:
            self.bars.advance(self.task, steps)

    def end(self) -> None:
        if self.task is None:
            return
        task = next(t for t in self.bars.tasks if t.id == self.task)
        # a stage of unknown length is shown done as a full bar of one step
        self.bars.update(self.task, total=task.total or 1, completed=task.total or 1)
        self.bars.stop_task(self.task)
        self.task = None

    def note(self, line: str) -> None:
        self.bars.console.print(line, highlight=False, markup=False)

    def close(self, failed: bool = False) -> None:
        """End the last stage and stop drawing (the terminal is left as a log of stages)."""
        if not failed:
            self.end()
        self.bars.stop()


class _Counts(ProgressColumn):
    """For a counting stage: how many of how many, how many per second since the stage began,
    and the time left at that rate (`3/50 · 2.4 documents/s · ETA 0:00:19`); blank
    for a stage of unknown length."""

    def render(self, task: Any) -> Text:
        if task.total is None or not task.fields.get("counted"):
            return Text("")
        unit = task.fields.get("unit", "steps")
        parts = [f"{int(task.completed)}/{int(task.total)}"]
        if task.completed and task.elapsed:
            rate = task.completed / task.elapsed
            parts.append(f"{rate:.1f} {unit}/s")
            if not task.finished:
                left = int((task.total - task.completed) / rate)
                parts.append(f"ETA {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}")
        return Text(" · ".join(parts))


def for_stream(stream: IO[str], quiet: bool = False) -> Progress:
    """Bars when `stream` is a terminal and the user did not ask for quiet; lines otherwise."""
    if not quiet and stream.isatty():
        return BarProgress(stream)
    return LineProgress(stream)
