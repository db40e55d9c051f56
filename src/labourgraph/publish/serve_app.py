"""What the endpoint answers, apart from HTTP plumbing (so tests can call it directly): the
SPARQL protocol, the query form, the saved queries, the entity pages and the landing page.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from rdflib import URIRef

from labourgraph.check.sparql_policy import refusal
from labourgraph.core.errors import LabourgraphError
from labourgraph.publish import queries, serve_entity
from labourgraph.publish.serve_pages import page, results_table
from labourgraph.publish.serve_query import (
    GRAPH_TYPES,
    RESULT_TYPES,
    Bindings,
    QueryPool,
    Reply,
    ServeConfig,
    error_reply,
    negotiate,
)


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
            return error_reply(400, "SPARQL Update is refused: this endpoint is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return error_reply(
                400,
                "default-graph-uri and named-graph-uri are refused: "
                "queries run over the served graph only",
            )
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if not queries:
            if negotiate(accept, ("text/html", "text/plain")) == "text/html":
                return self.sparql_form()
            return error_reply(
                400, "missing query: send query= (GET or form POST) or a sparql-query body"
            )
        if len(queries) > 1:
            return error_reply(400, "exactly one query per request")
        why = refusal(queries[0])
        if why:
            return error_reply(400, why)
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
        return page("SPARQL endpoint", form)

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
        reply = error_reply(400, why) if why else self.pool.run(query, accept, bindings)
        body = intro + f"<pre>{html.escape(query)}</pre>"
        if reply.status != 200:
            return page(title, body + f'<p class="error">{html.escape(reply.body.decode())}</p>')
        if not reply.content_type.startswith("application/sparql-results+json"):
            return page(title, body + "<p>Graph results: ask /sparql for Turtle.</p>")
        return page(title, body + results_table(json.loads(reply.body)))

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
            return error_reply(500, str(err))
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
        return page("Saved queries", table)

    def run_saved(self, name: str, params: dict[str, str]) -> Reply:
        """Run a saved query by name (only names in the listing), parameters bound by the engine."""
        try:
            found = self._saved()
        except LabourgraphError as err:
            return error_reply(500, str(err))
        if name not in found:
            return error_reply(404, f"no saved query named {name!r}")
        saved = found[name]
        try:
            bound = queries._bind(saved, {k: v for k, v in params.items() if v})
        except LabourgraphError as err:
            return error_reply(400, str(err))
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
        return serve_entity.entity(self.pool, local, accept)

    def index(self) -> Reply:
        """The landing page."""
        return page(
            "labourgraph endpoint",
            f"<p>{self.pool.triples} triples, read-only.</p><ul>"
            '<li><a href="/queries">Saved queries</a></li>'
            '<li><a href="/sparql">SPARQL 1.1 endpoint</a> (<code>/sparql</code>)</li>'
            '<li><a href="/id/organisation/appen">An entity: Appen</a></li></ul>',
        )
