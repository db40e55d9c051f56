"""The number grammar (`extract.quantities`, `extract.number_words`) on texts of realistic
sizes: any text up to a mebibyte, read in time linear in its length."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labourgraph.extract import quantities
from sizes import MIB, repeated, sized, time_bound

NUMBER_UNITS = st.sampled_from(
    ["vingt-et-un ", "quatre-vingt-dix-sept ", "deux cents mille ", "1 000 ", "1,5 million ",
     "12 % ", "$2.20 ", "entre 5 et 25 centimes ", "twenty-one ", "one hundred and five ",
     "3,000,000 dollars ", "1.", "1-", "mille ", "un million de ", "0,0", "- ", "€", "½ "]
) | st.text(alphabet="0123456789 ,.-%$€kKmM", min_size=1, max_size=12)  # fmt: skip


def _read_in_time(text: str, lang: str) -> None:
    clock = time.perf_counter()
    found = quantities.find_quantities(text, lang)
    elapsed = time.perf_counter() - clock
    assert elapsed < time_bound(len(text), per_mib=60.0), (elapsed, len(text), text[:60])
    for quantity in found:
        assert 0 <= quantity.start < quantity.end <= len(text)


def test_a_run_of_number_words_is_read_in_linear_time() -> None:
    """`vingt-et-un vingt-et-un …` backtracked through the whole run from every word: 81 s
    for 32 KB, quadratic."""
    timings = []
    for size in (16_000, 64_000):
        text = "vingt-et-un " * (size // 12)
        clock = time.perf_counter()
        quantities.find_quantities(text, "fr")
        timings.append(time.perf_counter() - clock)
    assert timings[1] < 8 * timings[0] + 2


@sized(20)
@given(text=repeated(NUMBER_UNITS, 64 * 1024), lang=st.sampled_from(["fr", "en"]))
def test_the_number_grammar_takes_any_text_up_to_64_kib(text: str, lang: str) -> None:
    _read_in_time(text, lang)


@pytest.mark.slow
@sized(8)
@given(text=repeated(NUMBER_UNITS, MIB), lang=st.sampled_from(["fr", "en"]))
def test_the_number_grammar_takes_any_text_up_to_a_mebibyte(text: str, lang: str) -> None:
    _read_in_time(text, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_run_of_more_digits_than_any_figure_is_no_figure(lang: str) -> None:
    """A mebibyte of "1" once overflowed `decimal` when scaled (found by the test above)."""
    assert quantities.find_quantities("1" * MIB, lang) == []
    (figure,) = quantities.find_quantities("9" * 20 + " personnes", lang)
    assert figure.value == Decimal("9" * 20)
