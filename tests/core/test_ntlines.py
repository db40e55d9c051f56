"""`labourgraph.core.ntlines`: the k-way merge of sorted runs and reading lines back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from labourgraph.core.ntlines import merged_lines, nt_triples
from labourgraph.core.rdfio import nt_lines

_TERMS = st.sampled_from(["<a>", "<b>", "<c>", '"x y ."', '"é"@fr', '"1"^^<d>'])
_TRIPLES = st.tuples(
    st.sampled_from(["<a>", "<b>", "<c>"]), st.sampled_from(["<p>", "<q>"]), _TERMS
)


@given(st.lists(st.sets(_TRIPLES), max_size=6))
def test_the_merge_of_sorted_runs_is_their_union_sorted(runs: list[set]) -> None:
    merged = list(merged_lines(nt_lines(run) for run in runs))
    assert merged == nt_lines(set().union(*runs))


@given(st.sets(_TRIPLES))
def test_lines_read_back_give_the_triples(triples: set) -> None:
    assert set(nt_triples(nt_lines(triples))) == triples
