"""The endpoint's HTML: Jinja2 templates (package data under `templates/`) and what they show.

Every page is a template extending `base.html`, rendered with autoescaping on, so a value
from the graph or from a request is escaped wherever it lands. Pages load nothing from
elsewhere; a Content-Security-Policy says so: no script at all, except on the YASGUI page,
whose scripts are files of this package (`static/`), never a CDN.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from labourgraph.core.vocab import PLD, PLO
from labourgraph.publish.serve_query import SERVED_PREFIXES, Reply

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Pages without script: styles of this server only, forms posted to it only."""
CSP_SCRIPTS = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The YASGUI page: scripts and requests to this server only (no CDN, no remote lookups)."""


def compact(iri: str) -> str:
    """The IRI as prefix:name under the longest known namespace that fits, else as is.

    >>> compact("https://w3id.org/platform-labour/id/organisation/appen")
    'pld:organisation/appen'
    """
    for prefix, namespace in sorted(SERVED_PREFIXES.items(), key=lambda x: -len(x[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_link(iri: str) -> str | None:
    """Where this server shows an IRI of the graph or the ontology; None for other IRIs.

    >>> local_link("https://w3id.org/platform-labour/ontology#Worker")
    '/ontology#Worker'
    """
    if iri.startswith(str(PLD)):
        return "/id/" + iri[len(str(PLD)) :]
    if iri.startswith(str(PLO)):
        return "/ontology#" + iri[len(str(PLO)) :]
    return None


@cache
def environment() -> Environment:
    """The Jinja2 environment of the endpoint's templates (built once)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["compact"] = compact
    env.filters["local_link"] = local_link
    return env


def render(template: str, *, csp: str = CSP, status: int = 200, **context: Any) -> Reply:
    """An HTML page from a template, with its security policy."""
    text = environment().get_template(template).render(**context)
    return Reply(
        status,
        "text/html; charset=utf-8",
        text.encode("utf-8"),
        (("Content-Security-Policy", csp),),
    )


def results_view(data: dict[str, Any]) -> dict[str, Any]:
    """SPARQL JSON results as the results template shows them: columns, rows, or a boolean."""
    if "boolean" in data:
        return {"boolean": bool(data["boolean"])}
    names = data["head"]["vars"]
    rows = [[b.get(n) for n in names] for b in data["results"]["bindings"]]
    return {"columns": names, "rows": rows}


def fact_rows(rows: list[dict[str, dict[str, str]]], node: str, label: str) -> list[dict[str, Any]]:
    """Group rows by (property, value), each with the quotes that support it and their document.

    Returns dicts with `p` and `v` (SPARQL JSON terms), `label` (the value's label or None)
    and `quotes` (quote, document title, document term), in the order the rows came.
    """
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    quotes: dict[tuple[str, str], list[tuple[str, str, dict[str, str]]]] = defaultdict(list)
    for row in rows:
        key = (row["p"]["value"], json.dumps(row[node], sort_keys=True))
        entry = grouped.setdefault(key, {"p": row["p"], "v": row[node], "label": None})
        if label in row and entry["label"] is None:
            entry["label"] = row[label]["value"]
        if "quote" in row:
            quote = (row["quote"]["value"], row.get("title", row["doc"])["value"], row["doc"])
            if quote not in quotes[key]:
                quotes[key].append(quote)
    return [{**entry, "quotes": quotes[key]} for key, entry in grouped.items()]
