"""What the endpoint answers, apart from HTTP plumbing (so tests can call it directly): the
SPARQL protocol, YASGUI, the saved queries, the entity pages, the ontology and the landing page.
Each method returns a `Reply`; `serve` turns it into an HTTP response.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from labourgraph.core.errors import LabourgraphError
from labourgraph.publish import queries, serve_entity
from labourgraph.publish.serve_pages import CSP, CSP_SCRIPTS, render, results_view
from labourgraph.publish.serve_query import (
    GRAPH_TYPES,
    RESULT_TYPES,
    SERVED_PREFIXES,
    Bindings,
    QueryPool,
    Reply,
    ServeConfig,
    error_reply,
    negotiate,
)

EXAMPLE_QUERY = """SELECT ?platform ?label WHERE {
  ?platform a plo:MicroworkPlatform ; rdfs:label ?label .
} ORDER BY ?label"""
"""The query the editor opens with."""
EDITOR_PREFIXES = ("plo", "pld", "rdf", "rdfs", "skos", "dcterms")
"""Prefixes declared above it; the editor adds any other prefix of the graph as it is typed
(its completion list is `/sparql/prefixes.json`), and the engine knows them all anyway."""


class App:
    """The endpoint's behaviour, apart from HTTP plumbing (so tests can call it directly)."""

    def __init__(self, config: ServeConfig):
        self.config = config
        # The ontology's pages (its serialisations and HTML documentation) are made in a
        # thread while the query processes load: SPARQL is answered without waiting for them
        # (they took 9 s of a 20 s start on a loaded two-core machine), a page waits.
        self._ontology: serve_entity.OntologyPages | None = None
        self._ontology_error: LabourgraphError | None = None
        self._ontology_ready = threading.Event()
        threading.Thread(target=self._load_ontology, daemon=True).start()
        self.pool = QueryPool(
            config.sources,
            config.workers,
            config.timeout,
            config.memory_limit,
            config.quick_time,
            config.slow_lane(),
        )

    def _load_ontology(self) -> None:
        try:
            if self.config.ontology:
                self._ontology = serve_entity.OntologyPages.load(self.config.ontology)
        except Exception as err:  # reported on the ontology's pages, not lost in a thread
            message = (str(err).splitlines() or [type(err).__name__])[0]
            self._ontology_error = LabourgraphError(f"cannot load the ontology: {message}")
        finally:
            self._ontology_ready.set()

    @property
    def ontology(self) -> serve_entity.OntologyPages | None:
        """The ontology's pages, once made (None when no ontology is served)."""
        self._ontology_ready.wait()
        if self._ontology_error is not None:
            raise self._ontology_error
        return self._ontology

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
        texts = params.get("query", []) + ([body_query] if body_query is not None else [])
        if not texts:
            if negotiate(accept, ("text/html", "text/plain")) == "text/html":
                return self.sparql_page()
            return error_reply(
                400, "missing query: send query= (GET or form POST) or a sparql-query body"
            )
        if len(texts) > 1:
            return error_reply(400, "exactly one query per request")
        if negotiate(accept, (*RESULT_TYPES, *GRAPH_TYPES, "text/html")) == "text/html":
            return self.sparql_html(texts[0])  # a browser following a link to a query
        return self.pool.run(texts[0], accept)

    def prefixes(self) -> Reply:
        """The graph's prefixes as JSON (prefix → namespace), for the editor's completion."""
        body = json.dumps(SERVED_PREFIXES, indent=1, sort_keys=True).encode("utf-8")
        return Reply(200, "application/json", body)

    def sparql_page(self) -> Reply:
        """YASGUI, with the graph's prefixes declared and each saved query one click away."""
        try:
            saved = list(self._saved().values())
        except LabourgraphError as err:
            return error_reply(500, str(err))
        header = "".join(f"PREFIX {p}: <{SERVED_PREFIXES[p]}>\n" for p in EDITOR_PREFIXES)
        config = {
            "endpoint": "/sparql",
            "prefixesUrl": "/sparql/prefixes.json",
            "prefixes": SERVED_PREFIXES,
            "query": header + "\n" + EXAMPLE_QUERY + "\n",
            "queries": [{"name": q.name, "summary": q.summary, "text": q.text} for q in saved],
        }
        return render(
            "sparql.html",
            csp=CSP_SCRIPTS,
            title="SPARQL endpoint",
            config=config,
            queries=saved,
            result_types=list(RESULT_TYPES),
            graph_types=list(GRAPH_TYPES),
            timeout=f"{self.config.timeout:g}",
        )

    def sparql_html(
        self,
        query: str,
        title: str = "Query results",
        saved: queries.SavedQuery | None = None,
        values: dict[str, str] | None = None,
        bindings: Bindings | None = None,
    ) -> Reply:
        """Run a query and show its results as a page (the no-script form and saved queries)."""
        reply = self.pool.run(query, "application/sparql-results+json", bindings)
        page: dict[str, Any] = {"query": query, "saved": saved, "values": values or {}}
        if reply.status != 200:
            error = reply.body.decode().strip()
            return render("results.html", title=title, error=error, view=None, **page)
        if not reply.content_type.startswith("application/sparql-results+json"):
            return render("results.html", title=title, error=None, view=None, **page)
        view = results_view(json.loads(reply.body))
        return render("results.html", title=title, error=None, view=view, **page)

    # saved queries

    def _saved(self) -> dict[str, queries.SavedQuery]:
        return {q.name: q for q in queries.discover(Path(self.config.queries_dir))}

    def queries_page(self) -> Reply:
        """The list of saved queries, each with a button (and its parameters) that runs it."""
        try:
            found = self._saved()
        except LabourgraphError as err:
            return error_reply(500, str(err))
        return render("queries.html", title="Saved queries", queries=list(found.values()))

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
            # bound in the text by the query's own VALUES blocks, as everywhere else: the
            # engine's substitutions would leave the query's default beside the given value
            text = queries.bound_text(saved, {k: v for k, v in params.items() if v})
        except LabourgraphError as err:
            return error_reply(400, str(err))
        title = saved.summary or saved.name
        return self.sparql_html(text, title, saved, params, {})

    # linked-data pages

    def entity(self, local: str, accept: str | None, fmt: str | None = None) -> Reply:
        """The page of one of the graph's IRIs, in the representation the client prefers."""
        return serve_entity.entity(self.pool, local, accept, fmt)

    def ontology_document(self, accept: str | None, fmt: str | None = None) -> Reply:
        """`/ontology` (and every term IRI, `…/ontology#Term`), by content negotiation."""
        try:
            pages = self.ontology
        except LabourgraphError as err:
            return error_reply(500, str(err))
        if pages is None:
            return error_reply(404, "no ontology is served here (serve --ontology FILE)")
        return pages.answer(accept, fmt)

    def ontology_file(self, name: str) -> Reply:
        """A file of the ontology's HTML documentation (`/ontology/index.html`, …)."""
        try:
            pages = self.ontology
        except LabourgraphError as err:
            return error_reply(500, str(err))
        if pages is None or name not in pages.docs:
            return error_reply(404, f"nothing at /ontology/{name}")
        if name.endswith(".html"):
            csp = (("Content-Security-Policy", CSP),)
            return Reply(200, "text/html; charset=utf-8", pages.docs[name], csp)
        return Reply(200, _media_of(name), pages.docs[name])

    def index(self) -> Reply:
        """The landing page."""
        report = self.config.report_dir
        return render(
            "index.html",
            title="labourgraph endpoint",
            triples=self.pool.triples,
            ontology=self.config.ontology is not None,
            report=report is not None and Path(report).is_dir(),
        )


def _media_of(name: str) -> str:
    """The media type of a documentation file other than HTML, by its extension."""
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"
