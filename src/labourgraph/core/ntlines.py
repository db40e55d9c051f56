"""Sorted runs of N-Triples lines, as the build keeps a graph: merged, and read back.

The build assembles the graph as one sorted run of lines per document (`assemble.populate.
fragment`) and keeps them in the cache; the graph is their merge, written once to a file
(`build.run`) that validation and the output files then read: the graph's lines are never
all held in memory as Python objects. Apart from `core.rdfio` (which extraction imports, so
that any change to it makes every document's cached facts stale) because nothing here is
about extraction.
"""

from __future__ import annotations

import heapq
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

CHUNK = 1 << 23
"""Bytes read at a time by `chunks` (8 MiB): large enough that a regex or a hash over a
chunk runs in C for most of its time, small beside a graph of a million lines."""


def nt_triples(lines: Iterable[bytes]) -> Iterator[tuple[str, str, str]]:
    """The triples of N-Triples lines as `rdfio.nt_lines` writes them (one space between
    the terms, " .\\n" at the end), as N-Triples terms: the inverse of `rdfio.nt_lines`."""
    for line in lines:
        subject, predicate, obj = line.decode("utf-8").split(" ", 2)
        yield subject, predicate, obj[:-3]


def merged_lines(runs: Iterable[bytes]) -> Iterator[bytes]:
    """Sorted runs, each given as the bytes of its sorted lines, merged into one sorted
    stream of lines, each line once.

    A streaming k-way merge (`heapq.merge`) over the runs' bytes: no line becomes a Python
    object before it is written, and none stays one after. Sorting the concatenated lines
    measured a third faster (1.6 s against 2.5 s for 550,000 lines on a loaded machine) but
    held every line as an object, twice, with a dict of them to drop duplicates: at ×1000,
    gigabytes for what the runs hold in a few hundred megabytes.
    """
    return merged_streams(io.BytesIO(run) for run in runs)


def merged_streams(streams: Iterable[Iterable[bytes]]) -> Iterator[bytes]:
    """Sorted streams of lines merged into one sorted stream, each line once."""
    last = None
    for line in heapq.merge(*streams):
        if line != last:
            yield line
            last = line


SEGMENT = 1 << 25
"""Bytes of runs `SpilledRuns` holds before merging them into one segment of its file
(32 MiB): what bounds the memory of the merge, whatever the size of the graph."""
SEGMENT_BLOCK = 1 << 20
"""Bytes read at a time from each segment as the segments are merged (1 MiB): a ×1000 graph
of a gigabyte has about 30 segments, so about 30 MiB of blocks."""


class SpilledRuns:
    """Sorted runs of lines kept in a file rather than in memory, and merged as they are read:
    the two passes of an external merge sort.

    Runs are held as they are added until they weigh `segment` bytes; they are then merged
    (`merged_lines`) into one sorted segment appended to the file at `path`. `lines` merges
    the segments, each read a block at a time. At ×1000 a graph's runs weigh a gigabyte,
    which `build._assemble` held all at once to merge them (with as many bytes again for the
    cache); here at most one group of runs and one block per segment are in memory, and the
    lines are those `merged_lines` gives for all the runs, in the same order, each once.
    """

    def __init__(self, path: Path, segment: int = SEGMENT, block: int = SEGMENT_BLOCK) -> None:
        self.path = Path(path)
        self.segment = segment
        self.block = block
        self.bounds: list[tuple[int, int]] = []
        """(start, end) of each segment in the file."""
        self._held: list[bytes] = []
        self._weight = 0
        self.path.write_bytes(b"")

    def add(self, run: bytes) -> None:
        """One more sorted run, as the bytes of its lines."""
        self._held.append(run)
        self._weight += len(run)
        if self._weight >= self.segment:
            self._spill()

    def _spill(self) -> None:
        """The runs held merged into one segment at the end of the file, then dropped."""
        if not self._held:
            return
        with self.path.open("ab") as stream:
            start = stream.tell()
            stream.writelines(merged_lines(self._held))
            end = stream.tell()
        if end > start:
            self.bounds.append((start, end))
        self._held, self._weight = [], 0

    def lines(self) -> Iterator[bytes]:
        """The merge of every run added, each line once (`merged_streams` of the segments)."""
        self._spill()
        return merged_streams(
            _segment(self.path, start, end, self.block) for start, end in self.bounds
        )


def _segment(path: Path, start: int, end: int, block: int) -> Iterator[bytes]:
    """The lines of the bytes `start` to `end` of a file, read `block` bytes at a time."""
    rest = b""
    with path.open("rb") as stream:
        stream.seek(start)
        left = end - start
        while left > 0:
            data = stream.read(min(block, left))
            if not data:
                raise OSError(f"{path}: ended {left} bytes before its segment")
            left -= len(data)
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            yield from data[:cut].splitlines(keepends=True)
    if rest:
        yield rest


class LinesFile:
    """A file of sorted N-Triples lines that can be iterated any number of times (each
    iteration reads it again): how validation and serialisation read the graph without
    keeping its lines."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def __iter__(self) -> Iterator[bytes]:
        with self.path.open("rb") as stream:
            yield from stream


def chunks(path: Path | str, size: int = CHUNK) -> Iterator[bytes]:
    """A file of lines read `size` bytes at a time, each chunk cut after a newline (the last
    one as the file ends), so that a line is never split between two chunks."""
    rest = b""
    with Path(path).open("rb") as stream:
        while block := stream.read(size):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            if cut:
                yield block[:cut]
    if rest:
        yield rest


def write_lines(lines: Iterable[bytes], path: Path | str) -> int:
    """Write lines to a file, buffered; returns how many were written."""
    count = 0
    with Path(path).open("wb", buffering=CHUNK) as stream:
        for line in lines:
            stream.write(line)
            count += 1
    return count
