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

This module holds the HTTP plumbing and start/stop; the rest lives beside it: `serve_query`
(settings, replies, content negotiation, running queries), `serve_app` (what each path answers),
`serve_entity` (the `/id/` pages) and `serve_pages` (the HTML). Their public names are
re-exported here.
"""

from __future__ import annotations

import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

from labourgraph.check.sparql_policy import refusal
from labourgraph.core.errors import LabourgraphError
from labourgraph.publish.serve_app import App
from labourgraph.publish.serve_pages import results_table
from labourgraph.publish.serve_query import (
    ENTITY_TYPES,
    GRAPH_TYPES,
    RESULT_TYPES,
    Bindings,
    QueryPool,
    Reply,
    ServeConfig,
    error_reply,
    execute,
    negotiate,
)

MAX_BODY = 1024 * 1024
"""Largest request body accepted: queries are text, not data."""


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
        return error_reply(404, f"nothing at {path}")

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
            self._send(error_reply(413, f"request body must be 0 to {MAX_BODY} bytes"))
            return
        raw = self.rfile.read(length)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(error_reply(400, "the request body is not UTF-8"))
            return
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text).items():
                params.setdefault(key, []).extend(values)
            reply = self._route(params, None)
        elif media == "application/sparql-query":
            reply = self._route(params, text)
        elif media == "application/sparql-update":
            reply = error_reply(400, "SPARQL Update is refused: this endpoint is read-only")
        else:
            reply = error_reply(415, "POST a form or an application/sparql-query body")
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


__all__ = [
    "ENTITY_TYPES",
    "GRAPH_TYPES",
    "MAX_BODY",
    "RESULT_TYPES",
    "App",
    "Bindings",
    "QueryPool",
    "Reply",
    "ServeConfig",
    "execute",
    "make_server",
    "negotiate",
    "refusal",
    "results_table",
    "serve",
]
