"""Sorted runs of N-Triples lines, as the build keeps a graph: merged, and read back.

The build assembles the graph as one sorted run of lines per document (`assemble.populate.
fragment`) and keeps them in the cache; the graph is their k-way merge. Apart from
`core.rdfio` (which extraction imports, so that any change to it makes every document's
cached facts stale) because nothing here is about extraction.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator


def nt_triples(lines: Iterable[bytes]) -> Iterator[tuple[str, str, str]]:
    """The triples of N-Triples lines as `rdfio.nt_lines` writes them (one space between
    the terms, " .\\n" at the end), as N-Triples terms: the inverse of `rdfio.nt_lines`."""
    for line in lines:
        subject, predicate, obj = line.decode("utf-8").split(" ", 2)
        yield subject, predicate, obj[:-3]


def merged_lines(runs: Iterable[Iterable[bytes]]) -> Iterator[bytes]:
    """Sorted runs of N-Triples lines as one sorted run, each line once: a k-way merge
    (`heapq.merge`), so that the runs are read as they are used."""
    last = None
    for line in heapq.merge(*runs):
        if line != last:
            yield line
            last = line
