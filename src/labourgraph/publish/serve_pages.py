"""The endpoint's HTML: the page frame and the tables of results and of an entity's facts.

Pages carry no script and load nothing from elsewhere; a Content-Security-Policy says so.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Any

from labourgraph.core.vocab import PLD
from labourgraph.publish.serve_query import SERVED_PREFIXES, Reply

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} code,pre{font-size:.9em} pre{background:#f7f7f7;padding:.5rem;overflow:auto}
q{font-style:italic} .src{color:#555;font-size:.85em} nav a{margin-right:1rem}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"


def page(title: str, body: str) -> Reply:
    """An HTML page in the endpoint's frame (navigation, style), with its security policy."""
    text = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f'<nav><a href="/">labourgraph</a><a href="/queries">saved queries</a>'
        f'<a href="/sparql">SPARQL</a></nav><h1>{html.escape(title)}</h1>{body}</body></html>\n'
    )
    return Reply(
        200, "text/html; charset=utf-8", text.encode("utf-8"), (("Content-Security-Policy", _CSP),)
    )


def compact(iri: str) -> str:
    """The IRI as prefix:name under the longest known namespace that fits, else as is."""
    for prefix, namespace in sorted(SERVED_PREFIXES.items(), key=lambda x: -len(x[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def term_html(term: dict[str, str], label: str | None = None) -> str:
    """A SPARQL JSON term as HTML: our IRIs link to their page, long text folds away."""
    value = term.get("value", "")
    if term.get("type") == "uri":
        if value.startswith(str(PLD)):
            text = html.escape(label or compact(value))
            return f'<a href="/id/{html.escape(value[len(str(PLD)) :])}">{text}</a>'
        return f'<span title="{html.escape(value)}">{html.escape(compact(value))}</span>'
    shown = html.escape(value)
    if len(value) > 300:
        shown = f"<details><summary>{html.escape(value[:120])}…</summary>{shown}</details>"
    lang = term.get("xml:lang")
    return shown + (f' <span class="src">@{html.escape(lang)}</span>' if lang else "")


def results_table(data: dict[str, Any]) -> str:
    """An HTML table of SPARQL JSON results (ASK answers as one cell)."""
    if "boolean" in data:
        answer = str(data["boolean"]).lower()
        return f"<table><tr><th>answer</th></tr><tr><td>{answer}</td></tr></table>"
    names = data["head"]["vars"]
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    rows = "".join(
        "<tr>" + "".join(f"<td>{term_html(b[n]) if n in b else ''}</td>" for n in names) + "</tr>"
        for b in data["results"]["bindings"]
    )
    count = len(data["results"]["bindings"])
    plural = "s" if count != 1 else ""
    return f'<p class="rows">{count} row{plural}</p><table><tr>{head}</tr>{rows}</table>'


def fact_table(rows: list[dict[str, dict[str, str]]], node: str, label: str) -> str:
    """Group rows by (property, value); list each supporting quote with its document."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    quotes: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in rows:
        key = (row["p"]["value"], json.dumps(row[node], sort_keys=True))
        entry = grouped.setdefault(key, {"p": row["p"], "v": row[node], "label": None})
        if label in row and entry["label"] is None:
            entry["label"] = row[label]["value"]
        if "quote" in row:
            quote_entry = (
                row["quote"]["value"],
                row.get("title", row["doc"])["value"],
                row["doc"]["value"],
            )
            if quote_entry not in quotes[key]:
                quotes[key].append(quote_entry)
    lines = []
    for key, entry in grouped.items():
        evidence = "".join(
            f'<div><q>{html.escape(q)}</q> <span class="src">— '
            f"{term_html({'type': 'uri', 'value': doc}, title)}</span></div>"
            for q, title, doc in quotes[key]
        )
        lines.append(
            f"<tr><td>{term_html(entry['p'])}</td>"
            f"<td>{term_html(entry['v'], entry['label'])}</td><td>{evidence}</td></tr>"
        )
    return (
        "<table><tr><th>property</th><th>value</th><th>evidence</th></tr>"
        + "".join(lines)
        + "</table>"
    )
