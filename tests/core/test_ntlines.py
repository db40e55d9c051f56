"""`labourgraph.core.ntlines`: the k-way merge of sorted runs and reading lines back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labourgraph.core.ntlines import (
    LinesFile,
    SpilledRuns,
    chunks,
    merged_lines,
    nt_triples,
    write_lines,
)
from labourgraph.core.rdfio import nt_lines

_TERMS = st.sampled_from(["<a>", "<b>", "<c>", '"x y ."', '"é"@fr', '"1"^^<d>'])
_TRIPLES = st.tuples(
    st.sampled_from(["<a>", "<b>", "<c>"]), st.sampled_from(["<p>", "<q>"]), _TERMS
)


@given(st.lists(st.sets(_TRIPLES), max_size=6))
def test_the_merge_of_sorted_runs_is_their_union_sorted(runs: list[set]) -> None:
    merged = list(merged_lines(b"".join(nt_lines(run)) for run in runs))
    assert merged == nt_lines(set().union(*runs))


@given(
    st.lists(st.sets(_TRIPLES), max_size=8),
    st.integers(min_value=1, max_value=200),
    st.integers(min_value=1, max_value=64),
)
def test_spilled_runs_merge_to_the_lines_of_the_runs_merged_in_memory(
    runs: list[set], segment: int, block: int
) -> None:
    """Whatever the runs, however many segments they are spilled to (`segment` bytes) and
    however small the blocks they are read back in (`block`, shorter than a line too)."""
    import tempfile

    joined = [b"".join(nt_lines(run)) for run in runs]
    with tempfile.TemporaryDirectory() as folder:
        spilled = SpilledRuns(Path(folder) / "runs.nt", segment=segment, block=block)
        for run in joined:
            spilled.add(run)
        assert list(spilled.lines()) == list(merged_lines(joined))
        assert list(spilled.lines()) == list(merged_lines(joined))  # read again


def test_spilled_runs_keep_at_most_one_segment_of_runs_in_memory(tmp_path: Path) -> None:
    runs = [
        b"".join(nt_lines({("<a>", "<p>", f'"{n:04d}{d}"') for d in range(10)})) for n in range(50)
    ]
    spilled = SpilledRuns(tmp_path / "runs.nt", segment=1000)
    for run in runs:
        spilled.add(run)
        assert sum(map(len, spilled._held)) < 1000 + len(run)
    assert len(spilled.bounds) > 5
    assert list(spilled.lines()) == list(merged_lines(runs))


@given(st.sets(_TRIPLES))
def test_lines_read_back_give_the_triples(triples: set) -> None:
    assert set(nt_triples(nt_lines(triples))) == triples


@pytest.mark.parametrize("size", [1, 5, 17, 1 << 20])
def test_a_file_of_lines_reads_back_whole_in_chunks_cut_at_newlines(
    tmp_path: Path, size: int
) -> None:
    lines = nt_lines({("<a>", "<p>", f'"{"x" * n}"') for n in range(40)})
    path = tmp_path / "g.nt"
    assert write_lines(iter(lines), path) == len(lines)
    read = list(chunks(path, size))
    assert b"".join(read) == b"".join(lines)
    assert all(chunk.endswith(b"\n") for chunk in read)
    files = LinesFile(path)
    assert list(files) == lines and list(files) == lines  # read again at each iteration
