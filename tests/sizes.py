"""Hypothesis strategies for inputs of realistic sizes: up to megabytes, drawn cheaply.

Drawing a megabyte character by character is slow and shrinks badly; what makes a parser
slow is a long run of one pattern (`a-a-a-…`, `vingt-et-un vingt-et-un …`), so a large input
is a prefix, a short unit repeated up to the size, and a suffix. `time_bound` is the time an
example of that size may take: generous for a shared machine, far below what a quadratic
scan takes at a megabyte (minutes to hours).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

MIB = 1 << 20


def repeated(units: st.SearchStrategy[str], max_chars: int) -> st.SearchStrategy[str]:
    """Texts of up to `max_chars` characters: prefix + unit × n + suffix."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        unit = draw(units) or " "
        most = max(1, max_chars // len(unit))
        count = draw(st.just(most) | st.integers(1, most))  # the full size, often
        prefix = draw(st.text(max_size=40))
        suffix = draw(st.text(max_size=40))
        return (prefix + unit * count + suffix)[:max_chars]

    return build()


def repeated_bytes(units: st.SearchStrategy[bytes], max_bytes: int) -> st.SearchStrategy[bytes]:
    """Byte strings of up to `max_bytes`: prefix + unit × n + suffix."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        unit = draw(units) or b" "
        most = max(1, max_bytes // len(unit))
        count = draw(st.just(most) | st.integers(1, most))
        prefix = draw(st.binary(max_size=40))
        suffix = draw(st.binary(max_size=40))
        return (prefix + unit * count + suffix)[:max_bytes]

    return build()


def time_bound(size: int, per_mib: float) -> float:
    """Seconds an example of `size` characters or bytes may take: `per_mib` per mebibyte,
    plus 5 s of slack for a loaded machine."""
    return 5.0 + per_mib * size / MIB


def sized(examples: int) -> settings:
    """Hypothesis settings for large examples: no per-example deadline (the test bounds the
    time itself, by size), no health check on slow or large draws."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


PARAGRAPH = (
    "En {year}, la plateforme Appen comptait {count} 000 travailleurs en France. Selon une "
    "enquête, les travailleurs de Clickworker gagnaient {pay} dollars de l'heure.\n\n"
)
"""A paragraph of the corpus's kind (a platform, a count, a place, a pay rate), made up."""


def paragraphs(count: int) -> str:
    """`count` made-up paragraphs, each with its own figures: a long document to read."""
    return "".join(
        PARAGRAPH.format(year=2000 + i % 25, count=10 + i % 90, pay=1 + i % 9) for i in range(count)
    )
