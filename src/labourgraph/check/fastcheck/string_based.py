"""String-based constraint components (SHACL 4.4): sh:minLength, sh:maxLength, sh:pattern
(with sh:flags), sh:uniqueLang.

sh:pattern is written for Python's `re` in the shapes (pySHACL's engine) and run as SPARQL
REGEX (XPath syntax): only the subset both read alike is translated (`xpath_regex`).
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, Test, UnsupportedShape


def pattern_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    if not isinstance(param, Literal):
        raise UnsupportedShape(f"{shape}: sh:pattern {param} is not a literal")
    flags = {str(f) for f in c.shapes.objects(shape, SH.flags)}
    regex = xpath_regex(str(param), shape)
    flag_text = "".join(sorted(ch for ch in "".join(flags).lower() if ch in "im"))
    return f"(isBlank({v}) || !REGEX(STR({v}), {sparql_string(regex)}, {sparql_string(flag_text)}))"


def length_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, v: str) -> str:
    limit = c.integer(shape, predicate)
    op = "<" if predicate == SH.minLength else ">"
    if predicate == SH.minLength and limit == 0:
        return "false"
    return f"(isBlank({v}) || STRLEN(STR({v})) {op} {limit})"


def unique_lang_fails(c: ShapeContext, shape: Node, predicate: URIRef, param: Node, f: str) -> str:
    """Do two values of focus `f` share a language tag (case aside)."""
    step = c.path(shape)
    if not (isinstance(param, Literal) and param.value is True):
        return "false"
    (a, b), pattern, _ = c.distinct_values(step, f, 2)
    return (
        f"EXISTS {{ {pattern} FILTER(isLiteral({a}) && isLiteral({b}) && "
        f'LANG({a}) != "" && !sameTerm({a}, {b}) && LCASE(LANG({a})) = LCASE(LANG({b}))) }}'
    )


def sparql_string(text: str) -> str:
    """`text` as a SPARQL string literal."""
    return str(ox.Literal(text))


_REGEX_TOKEN = re.compile(r"\\[.\\/^$|?*+()\[\]{}-]|\\[dDsSwW]|\[\^?|\]|\{[0-9]+(,[0-9]*)?\}|.")


def xpath_regex(pattern: str, shape: Node) -> str:
    """A Python `re` pattern as an XPath / SPARQL REGEX one that matches the same strings.

    Only the common subset both dialects read the same is accepted (literals, escapes of
    metacharacters, classes, groups, alternation, quantifiers, anchors); anything else, e.g.
    look-arounds, back-references, inline flags, raises. Python's `$` also matches before a
    final newline, so an unescaped `$` outside a class becomes `\\n?$`.
    """
    out, in_class = [], False
    for match in _REGEX_TOKEN.finditer(pattern):
        token = match.group()
        if token.startswith("\\") and len(token) == 2:
            out.append(token)
        elif token.startswith("["):
            in_class = True
            out.append(token)
        elif token == "]":
            in_class = False
            out.append(token)
        elif token == "$" and not in_class:
            out.append("\\n?$")
        elif token == "(" and pattern[match.end() : match.end() + 1] == "?" and not in_class:
            raise UnsupportedShape(f"{shape}: regex group syntax '(?' in {pattern!r}")
        elif token == "\\" or (token in "{}" and not in_class):
            raise UnsupportedShape(f"{shape}: regex syntax {token!r} in {pattern!r}")
        else:
            out.append(token)
    return "".join(out)


VALUE_TESTS: dict[URIRef, Test] = {
    SH.pattern: pattern_fails,
    SH.minLength: length_fails,
    SH.maxLength: length_fails,
}
SET_TESTS: dict[URIRef, Test] = {SH.uniqueLang: unique_lang_fails}
