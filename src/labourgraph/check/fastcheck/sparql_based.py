"""SPARQL-based constraints (SHACL 5): each `sh:sparql` constraint's SELECT run once over the
whole graph, `$this` joined with its shape's focus nodes, on the store holding the triples as
they are (`report.SPARQL_VIEW`).

SHACL pre-binds `$this` before the query runs; joining the targets at the start of the
outermost group gives the same rows for the queries this accepts (`prebind`). The other
pre-bound variables, sub-queries, MINUS, VALUES, SERVICE and GRAPH, where pre-binding and a
join part ways, are not compiled, nor are SPARQL constraints on property shapes, on shapes held
by sh:property, and inside logical constraints (their shapes go to pySHACL: `plan`). A SPARQL
constraint on a shape that nothing validates (no target, no reference) checks nothing, as in
pySHACL.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, UnsupportedShape, ordered
from labourgraph.check.fastcheck.report import SPARQL_VIEW, Check
from labourgraph.check.fastcheck.targets import focus_nodes


def sparql_prefixes(c: ShapeContext) -> str:
    """The PREFIX lines of every `sh:declare` of the shapes, and rdf: and rdfs:."""
    prefixes = "".join(
        f"PREFIX {c.shapes.value(d, SH.prefix)}: <{c.shapes.value(d, SH.namespace)}>\n"
        for d in ordered(c.shapes.objects(None, SH.declare))
    )
    return prefixes + f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\n"


def sparql_checks(c: ShapeContext, shape: Node, prefixes: str) -> list[Check]:
    """Each SHACL-SPARQL constraint of a shape with targets once over the graph, `$this`
    joined with its focus nodes."""
    checks = []
    constraints = ordered(c.shapes.objects(shape, SH.sparql))
    if constraints and c.has(shape, SH.path):
        raise UnsupportedShape(f"{shape}: SHACL-SPARQL on a property shape")
    for constraint in constraints:
        select = c.shapes.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(f"{constraint}: only sh:select SPARQL constraints")
        query = prebind(str(select), focus_nodes(c, shape, distinct=True), constraint)
        checks.append(
            Check(
                c.reported(shape),
                f"{prefixes}SELECT DISTINCT ?this WHERE {{\n  {{ {query} }}\n}}",
                SPARQL_VIEW,
            )
        )
    return checks


def prebind(select: str, targets: str, constraint: Node) -> str:
    """The constraint's SELECT with the targets joined first in its WHERE clause (and its
    `FILTER NOT EXISTS` as MINUS where the two agree, `minus_for_not_exists`)."""
    if re.search(r"\$(currentShape|shapesGraph|PATH|value)\b", select):
        raise UnsupportedShape(f"{constraint}: pre-bound variables other than $this")
    if len(re.findall(r"\bSELECT\b", select, re.I)) != 1 or re.search(
        r"\b(MINUS|VALUES|SERVICE|GRAPH)\b", select, re.I
    ):
        raise UnsupportedShape(f"{constraint}: sub-query, MINUS, VALUES or GRAPH in the query")
    head, brace, body = select.partition("{")
    if not brace or not re.search(r"\$this\b|\*", head):
        raise UnsupportedShape(f"{constraint}: the SELECT does not return $this")
    select = minus_for_not_exists(select)
    head, _, body = select.partition("{")
    return f"{head}{{ {targets} {body}".replace("$this", "?this")


def closing(text: str, start: int) -> int:
    """The index of the bracket closing the one at `start`, string literals skipped."""
    pairs = {"{": "}", "(": ")"}
    depth, quote, i = 0, "", start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == text[start]:
            depth += 1
        elif ch == pairs[text[start]]:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise UnsupportedShape(f"unbalanced {text[start]} in {text!r}")


_NOT_EXISTS = re.compile(r"FILTER\s*NOT\s+EXISTS\s*\{", re.I)
_EXPRESSION = re.compile(
    r"\b(FILTER\s*(NOT\s+)?EXISTS\s*(?=\{)|FILTER\s*(?=\()|BIND\s*(?=\())", re.I
)
_TERM = r"(?:<[^<>\s]*>|[^\s\"'.;,<>]+)"
_ONE_TRIPLE = re.compile(rf"\s*{_TERM}\s+{_TERM}\s+{_TERM}\s*\.?\s*")
"""One triple pattern of variables, IRIs and prefixed names (no literal, no `;` or `,`)."""

Span = tuple[int, int, str]
"""A `FILTER NOT EXISTS { P }` in a group: (start, end, the text of P)."""


def minus_for_not_exists(select: str) -> str:
    """`FILTER NOT EXISTS { P }` as `MINUS { P }` where the two give the same rows, and where
    MINUS is the cheaper.

    pyoxigraph plans the pattern of a NOT EXISTS without the row's bindings and runs it once
    per row, where MINUS evaluates P once. The two agree when the WHERE group is one basic
    graph pattern with filters and binds (no OPTIONAL, UNION, nested group), P is plain triple
    patterns, and each variable P shares with the rest of the group is bound there by a triple
    pattern (not only by BIND): the MINUS then goes at the end of the group. Anything else is
    left as written. So is a P of one triple pattern whose every variable the group's triple
    patterns bind: NOT EXISTS looks the one triple up per row, where MINUS would first list
    every triple matching P (`?s ?p ?o`: the whole store).
    """
    open_at = select.index("{")
    close_at = closing(select, open_at)
    group = select[open_at + 1 : close_at]
    if re.search(r"\b(OPTIONAL|UNION|MINUS|GRAPH|SERVICE|VALUES|SELECT)\b", group, re.I):
        return select
    found = _plain_not_exists(group)
    rest = _without(group, found)
    bound = _bound_by_triples(rest)
    outside = select[:open_at] + rest + select[close_at:]
    minus = []
    for start, end, pattern in found:
        names = set(re.findall(r"[?$](\w+)", pattern))
        if _ONE_TRIPLE.fullmatch(pattern) and all(bound(name) for name in names):
            continue
        shared = [name for name in names if re.search(rf"[?$]{name}\b", outside)]
        if not shared:
            return select  # MINUS with no shared variable removes nothing
        if not all(bound(name) for name in shared):
            return select
        minus.append((start, end, pattern))
    if not minus:
        return select
    tail = " ".join(f"MINUS {{{p}}}" for _, _, p in minus)
    return f"{select[: open_at + 1]}{_without(group, minus)} {tail}\n{select[close_at:]}"


def _plain_not_exists(group: str) -> list[Span]:
    """The `FILTER NOT EXISTS` of `group` whose pattern is plain triple patterns."""
    found: list[Span] = []
    for match in _NOT_EXISTS.finditer(group):
        if found and match.start() < found[-1][1]:
            continue
        brace = match.end() - 1
        end = closing(group, brace)
        pattern = group[brace + 1 : end]
        if not re.search(r"[{}()]|\b(FILTER|BIND)\b", pattern, re.I):
            found.append((match.start(), end + 1, pattern))
    return found


def _bound_by_triples(rest: str) -> Callable[[str], bool]:
    """Is a variable bound by a triple pattern of `rest` (a group without its NOT EXISTS),
    and by no BIND."""
    triples, i = [], 0
    for match in _EXPRESSION.finditer(rest):
        if match.start() < i:
            continue
        triples.append(rest[i : match.start()])
        i = closing(rest, match.end()) + 1
    triples.append(rest[i:])
    triple_text = " ".join(triples)
    binds = set(re.findall(r"\bAS\s+[?$](\w+)", rest, re.I))

    def bound(name: str) -> bool:
        return name not in binds and bool(re.search(rf"[?$]{name}\b", triple_text))

    return bound


def _without(group: str, spans: list[Span]) -> str:
    """`group` with the text of each (start, end) span taken out."""
    kept, done = [], 0
    for start, end, _ in spans:
        kept.append(group[done:start])
        done = end
    return "".join(kept) + group[done:]
