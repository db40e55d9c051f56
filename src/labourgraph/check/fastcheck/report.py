"""The compiled checks and what their rows report: (shape, focus node) pairs, as pySHACL's.

A result is named as `shacl.Violation.shape` names it: the property shape if it has an IRI,
else the node shape holding it (`ShapeContext.reported`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rdflib.term import Node

from labourgraph.check.fastcheck.literals import Literals, to_rdflib

CORE_VIEW = "core"
"""The store where typed literals keep their lexical form (`literals.RAW_DATATYPE`): the
SHACL Core constraints read it."""
SPARQL_VIEW = "sparql"
"""The store holding the triples as they are (typed literals by value): the SHACL-SPARQL
constraints read it."""


@dataclass(frozen=True)
class Check:
    """One query of the compiled shapes: its (shape, focus) results, and for pairs of values
    SPARQL cannot order (odd literals under sh:lessThan, rows with `?odd` true), the pySHACL
    test to apply to them."""

    shape: str
    query: str
    view: str
    """`CORE_VIEW` or `SPARQL_VIEW`: which store it reads."""
    pair_test: Callable[[object, object], bool] | None = None
    flags: tuple[str, ...] = ()
    """For a query of several shapes (`plan.Merged`): the shape its column `?f{i}` reports; a
    row then stands for each shape whose flag is true."""
    top: Node | None = None
    """The validated shape the query is part of: handed to pySHACL if the query fails."""


def results(check: Check, rows: Iterable[Any], literals: Literals) -> list[tuple[str, str]]:
    """The (shape, focus) pairs the rows of `check`'s query report."""
    found = []
    for row in rows:
        if check.flags:
            found += [
                (name, row["this"].value)
                for i, name in enumerate(check.flags)
                if row[f"f{i}"].value == "true"
            ]
        elif (
            check.pair_test is None
            or row["odd"].value != "true"
            or not check.pair_test(to_rdflib(row["v"], literals), to_rdflib(row["w"], literals))
        ):
            found.append((check.shape, row["this"].value))
    return found
