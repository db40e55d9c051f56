"""A read-only SPARQL 1.1 Protocol endpoint and linked-data pages over the built graph.

`serve()` runs a stdlib `ThreadingHTTPServer` with:

- `/sparql`: GET and POST (form or `application/sparql-query`); SELECT/ASK results as
  SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, JSON-LD, N-Triples or
  RDF/XML; all chosen by the Accept header.
- `/id/...`: the graph's own IRIs (`pld:` = `https://w3id.org/platform-labour/id/`): an HTML
  page of the entity's facts with the quotes that support them for a browser, Turtle or
  JSON-LD (the entity, its relations, their axiom annotations and evidence) for a client.
- `/queries`: the saved queries (`queries/*.rq`, with their `#+ summary:` headers), each
  with a button that runs it and shows the result table. No script, no external resource.

Why it is built this way:

- Read-only by refusal, before anything runs: pyoxigraph follows `SERVICE` to any address
  (measured: it POSTs to the URL), so every query goes through `sparql_policy.refusal` first
  (the same check as the CLI's and the shapes') and any `SERVICE`, `FROM`, `LOAD` or update
  keyword is refused with a 400; the protocol's `update`, `default-graph-uri` and
  `named-graph-uri` parameters are refused too. `Store.query` cannot run updates anyway.
- Queries run in `query_processes.QueryProcesses`, the same child processes as the CLI's, each
  with its own copy of the store (bulk-loaded once at start, through `rdfio`) and a memory
  ceiling. A query past the time limit is stopped by killing its
  process (a thread cannot be interrupted in pyoxigraph's native code) and a fresh process
  replaces it; the client gets a 503.
- Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import signal
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox
from rdflib import URIRef

from labourgraph.check.sparql_policy import DEFAULT_TIMEOUT, refusal
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import serialize
from labourgraph.core.vocab import PLD, PREFIXES
from labourgraph.publish import queries
from labourgraph.publish.query_processes import (
    DEFAULT_MEMORY_LIMIT,
    Busy,
    QueryProcesses,
    QueryStopped,
)

MAX_BODY = 1024 * 1024
"""Largest request body accepted: queries are text, not data."""

_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items())}

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types offered for SELECT and ASK results, in order of preference."""
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
"""Media types offered for CONSTRUCT and DESCRIBE results, in order of preference."""
ENTITY_TYPES = ("text/turtle", "application/ld+json", "text/html")
"""Media types of an entity's page; a browser names text/html explicitly and wins it."""


@dataclass(frozen=True)
class ServeConfig:
    """Everything `serve` needs; the CLI fills it from its options."""

    sources: tuple[Path, ...]
    queries_dir: Path = Path("queries")
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = DEFAULT_TIMEOUT
    workers: int = 2
    memory_limit: int = DEFAULT_MEMORY_LIMIT
    """Address-space ceiling of each query process, in bytes (a runaway query dies alone)."""


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, content type, body."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


def _error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


# --- content negotiation ---------------------------------------------------------------


def negotiate(accept: str | None, offered: list[str] | tuple[str, ...]) -> str | None:
    """The offered media type the Accept header likes best (ties: the earlier offered).

    >>> negotiate("text/html,application/xml;q=0.9,*/*;q=0.8", ENTITY_TYPES)
    'text/html'
    >>> negotiate("text/turtle", ENTITY_TYPES)
    'text/turtle'
    >>> negotiate(None, ENTITY_TYPES)
    'text/turtle'
    """
    if not accept:
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for param in params:
            key, _, val = param.partition("=")
            if key.strip() == "q":
                with contextlib.suppress(ValueError):
                    q = float(val)
        ranges.append((media.lower(), q))

    def quality(media: str) -> float:
        best, specificity = 0.0, -1
        for pattern, q in ranges:
            if pattern == media:
                level = 2
            elif pattern.endswith("/*") and media.startswith(pattern[:-1]):
                level = 1
            elif pattern == "*/*":
                level = 0
            else:
                continue
            if level > specificity:
                best, specificity = q, level
        return best

    scored = [(quality(m), -i, m) for i, m in enumerate(offered)]
    q, _, media = max(scored)
    return media if q > 0 else None


# --- query processes -------------------------------------------------------------------


Bindings = dict[str, tuple[str, str]]
"""Parameter values of a saved query: variable name → ("iri" | "literal", value)."""


def execute(
    store: ox.Store, query: str, accept: str | None, bindings: Bindings | None = None
) -> Reply:
    """Run one (already vetted) query and serialise its result as the client asked.

    `bindings` are applied by the engine (SEP-0007 substitutions), never pasted into the text.
    """
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
        for name, (kind, value) in (bindings or {}).items()
    }
    try:
        result = store.query(query, prefixes=_PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        return _error(400, f"query syntax error: {err}")
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, tuple(GRAPH_TYPES))
        if media is None:
            return _error(406, f"graphs are served as {', '.join(GRAPH_TYPES)}")
        body = ox.serialize(result, format=GRAPH_TYPES[media], prefixes=_PREFIXES)
    else:
        media = negotiate(accept, tuple(RESULT_TYPES))
        if media is None:
            return _error(406, f"results are served as {', '.join(RESULT_TYPES)}")
        body = result.serialize(format=RESULT_TYPES[media])
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Reply(200, media + charset, body or b"")


def _execute_job(
    store: ox.Store, query: str, accept: str | None, bindings: Bindings | None
) -> Reply:
    """`execute` as run inside a query process: engine failures become a 500 reply."""
    try:
        return execute(store, query, accept, bindings)
    except MemoryError:
        return _error(500, "query stopped: it needed more memory than allowed")
    except (OSError, ValueError, TypeError) as err:
        return _error(500, f"query failed: {err}")


class QueryPool(QueryProcesses):
    """The endpoint's query processes (see `labourgraph.publish.query_processes.QueryProcesses`)."""

    def __init__(self, sources: tuple[Path, ...], size: int, timeout: float, memory_limit: int):
        try:
            super().__init__(sources, size, timeout, memory_limit)
        except LabourgraphError as err:
            raise LabourgraphError(f"cannot load the graph: {err}") from None

    def run(self, query: str, accept: str | None, bindings: Bindings | None = None) -> Reply:
        """Run a vetted query in an idle process, stopping it at the time limit."""
        try:
            return self.call(_execute_job, query, accept, bindings)
        except Busy as err:
            return _error(503, str(err))
        except QueryStopped as err:
            if "died" in str(err):
                return _error(500, str(err))
            return _error(503, f"query stopped: it ran past the {self.timeout:g} s limit")


# --- pages -----------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} code,pre{font-size:.9em} pre{background:#f7f7f7;padding:.5rem;overflow:auto}
q{font-style:italic} .src{color:#555;font-size:.85em} nav a{margin-right:1rem}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"


def _page(title: str, body: str) -> Reply:
    text = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f'<nav><a href="/">labourgraph</a><a href="/queries">saved queries</a>'
        f'<a href="/sparql">SPARQL</a></nav><h1>{html.escape(title)}</h1>{body}</body></html>\n'
    )
    return Reply(
        200, "text/html; charset=utf-8", text.encode("utf-8"), (("Content-Security-Policy", _CSP),)
    )


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(_PREFIXES.items(), key=lambda x: -len(x[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _term_html(term: dict[str, str], label: str | None = None) -> str:
    """A SPARQL JSON term as HTML: our IRIs link to their page, long text folds away."""
    value = term.get("value", "")
    if term.get("type") == "uri":
        if value.startswith(str(PLD)):
            text = html.escape(label or _compact(value))
            return f'<a href="/id/{html.escape(value[len(str(PLD)) :])}">{text}</a>'
        return f'<span title="{html.escape(value)}">{html.escape(_compact(value))}</span>'
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
        "<tr>" + "".join(f"<td>{_term_html(b[n]) if n in b else ''}</td>" for n in names) + "</tr>"
        for b in data["results"]["bindings"]
    )
    count = len(data["results"]["bindings"])
    plural = "s" if count != 1 else ""
    return f'<p class="rows">{count} row{plural}</p><table><tr>{head}</tr>{rows}</table>'


_ENTITY_FACTS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?p ?o ?olabel ?quote ?start ?doc ?title WHERE {
  <%(iri)s> ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?ax owl:annotatedSource <%(iri)s> ; owl:annotatedProperty ?p ;
                 owl:annotatedTarget ?o ; plo:evidence ?ev .
             ?ev plo:quote ?quote ; plo:startOffset ?start ; plo:inDocument ?doc .
             OPTIONAL { ?doc dcterms:title ?title } }
  OPTIONAL { ?o plo:quote ?quote ; plo:startOffset ?start ; plo:inDocument ?doc .
             OPTIONAL { ?doc dcterms:title ?title } }
} ORDER BY ?p ?o ?doc ?start LIMIT 5000
"""
_ENTITY_INCOMING = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?s ?p ?slabel ?quote ?start ?doc ?title WHERE {
  ?s ?p <%(iri)s> .
  FILTER(?p NOT IN (owl:annotatedSource, owl:annotatedTarget, plo:inDocument))
  OPTIONAL { ?s rdfs:label ?slabel }
  OPTIONAL { ?ax owl:annotatedSource ?s ; owl:annotatedProperty ?p ;
                 owl:annotatedTarget <%(iri)s> ; plo:evidence ?ev .
             ?ev plo:quote ?quote ; plo:startOffset ?start ; plo:inDocument ?doc .
             OPTIONAL { ?doc dcterms:title ?title } }
} ORDER BY ?p ?s ?doc ?start LIMIT 5000
"""
_ENTITY_GRAPH = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
CONSTRUCT { <%(iri)s> ?p ?o . ?x ?q <%(iri)s> . ?ax ?ap ?ao . ?ev ?ep ?eo . }
WHERE {
  { <%(iri)s> ?p ?o }
  UNION { ?x ?q <%(iri)s> FILTER(?q != plo:inDocument) }
  UNION { ?ax owl:annotatedSource <%(iri)s> ; ?ap ?ao }
  UNION { <%(iri)s> plo:evidence ?ev . ?ev ?ep ?eo }
  UNION { ?ax2 owl:annotatedSource <%(iri)s> ; plo:evidence ?ev . ?ev ?ep ?eo }
}
"""


class App:
    """The endpoint's behaviour, apart from HTTP plumbing (so tests can call it directly)."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.pool = QueryPool(config.sources, config.workers, config.timeout, config.memory_limit)

    def close(self) -> None:
        """Stop the query processes."""
        self.pool.close()

    # SPARQL protocol

    def sparql(
        self, params: dict[str, list[str]], body_query: str | None, accept: str | None
    ) -> Reply:
        """Answer one protocol request (params from the URL or a form; body for sparql-query)."""
        if "update" in params:
            return _error(400, "SPARQL Update is refused: this endpoint is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return _error(
                400,
                "default-graph-uri and named-graph-uri are refused: "
                "queries run over the served graph only",
            )
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if not queries:
            if negotiate(accept, ("text/html", "text/plain")) == "text/html":
                return self.sparql_form()
            return _error(
                400, "missing query: send query= (GET or form POST) or a sparql-query body"
            )
        if len(queries) > 1:
            return _error(400, "exactly one query per request")
        why = refusal(queries[0])
        if why:
            return _error(400, why)
        return self.pool.run(queries[0], accept)

    def sparql_form(self) -> Reply:
        """A bare query form for people who open /sparql in a browser."""
        example = (
            "SELECT ?platform ?label WHERE {\n"
            "  ?platform a plo:MicroworkPlatform ; rdfs:label ?label .\n}"
        )
        form = (
            '<form method="post" action="/sparql/html"><textarea name="query" rows="12" cols="90">'
            f'{html.escape(example)}</textarea><br><button type="submit">Run</button></form>'
            f"<p>Protocol endpoint: <code>/sparql</code> (GET or POST), formats by Accept: "
            f"<code>{', '.join(html.escape(m) for m in [*RESULT_TYPES, *GRAPH_TYPES])}</code>.</p>"
        )
        return _page("SPARQL endpoint", form)

    def sparql_html(
        self,
        query: str,
        title: str = "Query results",
        intro: str = "",
        bindings: Bindings | None = None,
    ) -> Reply:
        """Run a query and show its results as a page (the form and saved-query buttons)."""
        why = refusal(query)
        accept = "application/sparql-results+json"
        reply = _error(400, why) if why else self.pool.run(query, accept, bindings)
        body = intro + f"<pre>{html.escape(query)}</pre>"
        if reply.status != 200:
            return _page(title, body + f'<p class="error">{html.escape(reply.body.decode())}</p>')
        if not reply.content_type.startswith("application/sparql-results+json"):
            return _page(title, body + "<p>Graph results: ask /sparql for Turtle.</p>")
        return _page(title, body + results_table(json.loads(reply.body)))

    # saved queries

    def _saved(self) -> dict[str, queries.SavedQuery]:
        return {q.name: q for q in queries.discover(Path(self.config.queries_dir))}

    @staticmethod
    def _param_form(saved: queries.SavedQuery, values: dict[str, str], button: str) -> str:
        """A GET form to /queries/run: one text box per parameter, prefilled."""
        fields = "".join(
            f'<label>{html.escape(p)} <input name="param_{html.escape(p)}" '
            f'value="{html.escape(values.get(p, saved.defaults.get(p, "")))}"></label> '
            for p in saved.parameters
        )
        return (
            f'<form method="get" action="/queries/run"><input type="hidden" name="name" '
            f'value="{html.escape(saved.name)}">{fields}'
            f'<button type="submit">{button}</button></form>'
        )

    def queries_page(self) -> Reply:
        """The list of saved queries, each with a button (and its parameters) that runs it."""
        try:
            found = self._saved()
        except LabourgraphError as err:
            return _error(500, str(err))
        items = [
            f"<tr><td><code>{html.escape(q.name)}</code></td>"
            f"<td>{html.escape(q.summary or q.name)}"
            f'<div class="src">{html.escape(q.description)}</div></td>'
            f"<td>{self._param_form(q, {}, 'Run')}</td></tr>"
            for q in found.values()
        ]
        table = (
            (
                "<table><tr><th>query</th><th>summary</th><th></th></tr>"
                + "".join(items)
                + "</table>"
            )
            if items
            else "<p>No saved queries.</p>"
        )
        return _page("Saved queries", table)

    def run_saved(self, name: str, params: dict[str, str]) -> Reply:
        """Run a saved query by name (only names in the listing), parameters bound by the engine."""
        try:
            found = self._saved()
        except LabourgraphError as err:
            return _error(500, str(err))
        if name not in found:
            return _error(404, f"no saved query named {name!r}")
        saved = found[name]
        try:
            bound = queries._bind(saved, {k: v for k, v in params.items() if v})
        except LabourgraphError as err:
            return _error(400, str(err))
        bindings = {
            f"_{k}": ("iri" if isinstance(v, URIRef) else "literal", str(v))
            for k, v in bound.items()
        }
        intro = f"<p>{html.escape(saved.description)}</p>" + (
            self._param_form(saved, params, "Run again") if saved.parameters else ""
        )
        return self.sparql_html(saved.text, saved.summary or saved.name, intro, bindings)

    # linked-data pages

    def entity(self, local: str, accept: str | None) -> Reply:
        """The page of one of the graph's IRIs, in the representation the client prefers."""
        iri = str(PLD) + local
        if not local or re.search(r"[\s<>\"{}|\\^`]", iri):
            return _error(404, "not an IRI of this graph")
        media = negotiate(accept, ENTITY_TYPES)
        if media is None:
            return _error(406, f"entities are served as {', '.join(ENTITY_TYPES)}")
        if media == "text/html":
            return self._entity_html(iri)
        reply = self.pool.run(_ENTITY_GRAPH % {"iri": iri}, "application/n-triples")
        if reply.status != 200:
            return reply
        if not reply.body.strip():
            return _error(404, f"<{iri}> is not in the graph")
        triples = list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))
        if media == "application/ld+json":
            from labourgraph.core.rdfio import parse_bytes
            from labourgraph.publish.export import load_context, to_jsonld

            context = {p: str(ns) for p, ns in PREFIXES.items()}
            with contextlib.suppress(LabourgraphError):
                context = load_context()
            body = to_jsonld(parse_bytes(reply.body, "ntriples", iri), context)
        else:
            body = serialize(sorted(triples, key=str), ox.RdfFormat.TURTLE, _PREFIXES)
        return Reply(200, media, body, (("Vary", "Accept"),))

    def _select(self, query: str) -> tuple[Reply, list[dict[str, dict[str, str]]]]:
        reply = self.pool.run(query, "application/sparql-results+json")
        if reply.status != 200:
            return reply, []
        return reply, json.loads(reply.body)["results"]["bindings"]

    def _entity_html(self, iri: str) -> Reply:
        reply, facts = self._select(_ENTITY_FACTS % {"iri": iri})
        if reply.status != 200:
            return reply
        reply, incoming = self._select(_ENTITY_INCOMING % {"iri": iri})
        if reply.status != 200:
            return reply
        if not facts and not incoming:
            return _error(404, f"<{iri}> is not in the graph")
        label = next(
            (
                f["o"]["value"]
                for f in facts
                if f["p"]["value"] == "http://www.w3.org/2000/01/rdf-schema#label"
            ),
            None,
        )
        types = sorted(
            {
                _compact(f["o"]["value"])
                for f in facts
                if f["p"]["value"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
            }
        )
        body = (
            f"<p><code>{html.escape(iri)}</code> — {html.escape(', '.join(types))}</p>"
            f'<p class="src">Also as <a href="?format=ttl">Turtle</a> '
            f"(send <code>Accept: text/turtle</code> or <code>application/ld+json</code>).</p>"
        )
        body += "<h2>Facts</h2>" + self._fact_table(facts, "o", "olabel")
        if incoming:
            body += "<h2>Referenced by</h2>" + self._fact_table(incoming, "s", "slabel")
        return _page(label or _compact(iri), body)

    @staticmethod
    def _fact_table(rows: list[dict[str, dict[str, str]]], node: str, label: str) -> str:
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
                f"{_term_html({'type': 'uri', 'value': doc}, title)}</span></div>"
                for q, title, doc in quotes[key]
            )
            lines.append(
                f"<tr><td>{_term_html(entry['p'])}</td>"
                f"<td>{_term_html(entry['v'], entry['label'])}</td><td>{evidence}</td></tr>"
            )
        return (
            "<table><tr><th>property</th><th>value</th><th>evidence</th></tr>"
            + "".join(lines)
            + "</table>"
        )

    def index(self) -> Reply:
        """The landing page."""
        return _page(
            "labourgraph endpoint",
            f"<p>{self.pool.triples} triples, read-only.</p><ul>"
            '<li><a href="/queries">Saved queries</a></li>'
            '<li><a href="/sparql">SPARQL 1.1 endpoint</a> (<code>/sparql</code>)</li>'
            '<li><a href="/id/organisation/appen">An entity: Appen</a></li></ul>',
        )


class _Handler(BaseHTTPRequestHandler):
    server_version = "labourgraph"
    app: App

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: one line per request would drown the console in tests."""

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _route(self, params: dict[str, list[str]], body_query: str | None) -> Reply:
        path = urlsplit(self.path).path
        accept = self.headers.get("Accept")
        if path == "/sparql":
            return self.app.sparql(params, body_query, accept)
        if path == "/sparql/html" and params.get("query"):
            return self.app.sparql_html(params["query"][0])
        if path.startswith("/id/"):
            fmt = params.get("format", [""])[0]
            accept = {"ttl": "text/turtle", "jsonld": "application/ld+json"}.get(fmt, accept)
            return self.app.entity(unquote(path[len("/id/") :]), accept)
        if path == "/queries":
            return self.app.queries_page()
        if path == "/queries/run":
            values = {k[len("param_") :]: v[0] for k, v in params.items() if k.startswith("param_")}
            return self.app.run_saved(params.get("name", [""])[0], values)
        if path == "/":
            return self.app.index()
        return _error(404, f"nothing at {path}")

    def do_GET(self) -> None:
        """GET: everything; the SPARQL query comes in the URL."""
        self._send(self._route(parse_qs(urlsplit(self.path).query), None))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        """POST: a form (query=) or a sparql-query body; updates are refused."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._send(_error(413, f"request body must be 0 to {MAX_BODY} bytes"))
            return
        raw = self.rfile.read(length)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(_error(400, "the request body is not UTF-8"))
            return
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text).items():
                params.setdefault(key, []).extend(values)
            reply = self._route(params, None)
        elif media == "application/sparql-query":
            reply = self._route(params, text)
        elif media == "application/sparql-update":
            reply = _error(400, "SPARQL Update is refused: this endpoint is read-only")
        else:
            reply = _error(415, "POST a form or an application/sparql-query body")
        self._send(reply)


def make_server(config: ServeConfig) -> tuple[ThreadingHTTPServer, App]:
    """Load the graph into the query processes and bind the HTTP server (not started)."""
    app = App(config)
    handler = type("Handler", (_Handler,), {"app": app})
    try:
        httpd = ThreadingHTTPServer((config.host, config.port), handler)
    except OSError as err:
        app.close()
        raise LabourgraphError(
            f"cannot listen on {config.host}:{config.port}: {err.strerror}"
        ) from None
    httpd.daemon_threads = True
    return httpd, app


def serve(config: ServeConfig) -> None:
    """Serve until interrupted."""
    for path in config.sources:
        if not Path(path).is_file():
            raise LabourgraphError(f"{path}: no such file (build the graph first)")
    httpd, app = make_server(config)
    _stop_on_signals()
    # once bound, the address is the socket's own (`getsockname`): a str host, though the stub
    # also allows the bytes that binding accepts
    host, port = cast(tuple[str, int], httpd.server_address[:2])
    print(
        f"serving {app.pool.triples} triples at http://{host}:{port}/sparql "
        f"(pages at http://{host}:{port}/, Ctrl-C to stop)",
        flush=True,
    )
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        app.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Stop cleanly (query processes killed and joined) on Ctrl-C and on SIGTERM.

    Set explicitly because a process started in the background by a non-interactive shell
    inherits SIGINT *ignored*, and Python then installs no handler: found when an endpoint
    started that way outlived the interrupt meant to stop it. SIGTERM is what service
    managers and `kill` send.
    """
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, _interrupt)


__all__ = ["App", "QueryPool", "ServeConfig", "make_server", "negotiate", "refusal", "serve"]
