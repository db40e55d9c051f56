"""One label per node, in the reader's language: the rule every output that names a node follows.

The graph labels ontology terms and the individuals minted for them (task types, AI systems,
topics, indicators, roles, methods, activities) in French and in English, and the entities the
corpus names with one untagged label. A reader wants one name per node: listing both labels
makes a task type appear twice ("image annotation" and "annotation d'images"). The rule is:
the label in the asked language; else the other label (untagged first, then in code-point
order, should there be several: the graph never has several, see `label_pattern`).

The rule exists in two forms that agree:

- `label_pattern(node, out, lang)`: a SPARQL fragment binding `out` to that label of `node`,
  for queries. The saved queries hold it verbatim (a `.rq` file must run as it is in any store),
  with English in its LANGMATCHES filter, which the query engine (`publish.queries`) replaces
  with the asked language (the `lang` parameter); a test checks every copy in `queries/`
  against this function.
- `pick_label(labels, lang)` and `label_of(graph, node, lang)`: the same choice in Python, for
  code that walks an rdflib graph (networks, report, pages).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import RDFS
from rdflib.term import Node

from labourgraph.core.errors import LabourgraphError

LANGUAGES = ("en", "fr")
"""The languages the ontology labels every term in; the CLI's `--lang` choices."""
DEFAULT_LANGUAGE = "en"


def check_language(lang: str) -> str:
    """`lang` if the graph is labelled in it, else one clear line."""
    if lang not in LANGUAGES:
        raise LabourgraphError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def _rank(label: Literal, lang: str) -> tuple[int, str]:
    tag = (label.language or "").lower()
    if tag == lang or tag.startswith(lang + "-"):
        return 0, str(label)
    return (1 if not tag else 2), str(label)


def pick_label(labels: Iterable[Node], lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The one label to show: in `lang`, else untagged, else another language; None if none.

    >>> from rdflib import Literal
    >>> labels = [Literal("annotation d'images", lang="fr"), Literal("image annotation", lang="en")]
    >>> pick_label(labels, "fr")
    "annotation d'images"
    >>> pick_label([Literal("Appen")], "fr")
    'Appen'
    """
    found = [label for label in labels if isinstance(label, Literal)]
    return str(min(found, key=lambda label: _rank(label, lang))) if found else None


def label_of(graph: Graph, node: Node, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """`pick_label` over the `rdfs:label`s of `node` in an rdflib graph."""
    return pick_label(graph.objects(node, RDFS.label), lang)


def label_pattern(node: str, out: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """SPARQL group-pattern lines binding `out` to the label of `node` that `pick_label` picks.

    `node` and `out` are variables (`?task`, `?task_type`); `node` must be bound by the
    patterns before these lines in the same group. The helper variables are named after `out`.
    The label in `lang` is looked up first, any other label only where there is none: one row
    per node, since the graph gives a node one untagged label (an entity), or at most one label
    per language (a term, a figure). The language is a constant in the LANGMATCHES filter, not
    a variable: pyoxigraph joins every label of the graph to bind one there (docs/benchmarks.md),
    and a variable bound outside would not reach a fragment inside a sub-query. The query
    engine writes the asked language into every such filter (`publish.queries.bound_text`).

    >>> print(label_pattern("?n", "?l"))
    OPTIONAL { ?n rdfs:label ?l_l1 FILTER(LANGMATCHES(LANG(?l_l1), "en")) }
    OPTIONAL { ?n rdfs:label ?l_l2 FILTER(!BOUND(?l_l1)) }
    BIND(STR(COALESCE(?l_l1, ?l_l2)) AS ?l)
    """
    check_language(lang)
    base = out.lstrip("?$")
    first, other = f"?{base}_l1", f"?{base}_l2"
    return "\n".join(
        [
            f"OPTIONAL {{ {node} rdfs:label {first} "
            f'FILTER(LANGMATCHES(LANG({first}), "{lang}")) }}',
            f"OPTIONAL {{ {node} rdfs:label {other} FILTER(!BOUND({first})) }}",
            f"BIND(STR(COALESCE({first}, {other})) AS {out})",
        ]
    )
