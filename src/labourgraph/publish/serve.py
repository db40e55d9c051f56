"""A read-only SPARQL 1.1 Protocol endpoint and linked-data pages over the built graph.

`serve()` runs a Starlette application under uvicorn (HTTP/1.1 with keep-alive) with:

- `/sparql`: GET and POST (form or `application/sparql-query`); SELECT/ASK results as
  SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE in every RDF syntax the store writes; all
  chosen by the Accept header. Opened in a browser, it is YASGUI (bundled, no CDN) with the
  graph's prefixes and the saved queries one click away.
- `/id/...`: the graph's own IRIs (`pld:` = `https://w3id.org/platform-labour/id/`): an HTML
  page of the entity's facts with the quotes that support them for a browser; Turtle,
  JSON-LD, N-Triples, RDF/XML, N-Quads, TriG or N3 for a client.
- `/ontology`: the ontology, and so every term IRI (`…/ontology#Term`): its documentation
  for a browser, any RDF syntax for a client.
- `/queries`: the saved queries (`queries/*.rq`, with their `#+ summary:` headers), each
  with a button that runs it and shows the result table, with no script.

Why Starlette and uvicorn: the standard library's server spoke HTTP/1.0 and gave a thread to
every connection, slow clients included; HTML came from f-strings. Starlette is a small, well
kept ASGI toolkit (routing, static files, test client, middleware) that imposes no ORM or
settings layer, uvicorn is the reference ASGI server (HTTP/1.1 keep-alive through h11, a
connection limit, graceful shutdown), and Jinja2 escapes every value in the templates. The
engine work stays in query processes, so an async server costs nothing there and keeps slow
or idle clients from holding threads.

Why it is built this way:

- Read-only by refusal, before anything runs: pyoxigraph follows `SERVICE` to any address
  (measured: it POSTs to the URL), so every query goes through `sparql_policy.refusal` first
  (the same check as the CLI's and the shapes', run in the query process under the query's
  time limit) and any `SERVICE`, `FROM`, `LOAD` or update keyword is refused with a 400; the
  protocol's `update`, `default-graph-uri` and `named-graph-uri` parameters are refused too.
  `Store.query` cannot run updates anyway.
- Queries run in `query_processes.QueryProcesses`, the same child processes as the CLI's, each
  with its own copy of the store and a memory ceiling. A query past the time limit is stopped
  by killing its process, and a fresh process replaces it; the client gets a 503. Slow queries
  have a lane of their own (`serve_query.QueryPool`), so they cannot starve quick requests.
- Binds to 127.0.0.1 unless told otherwise, and answers only to the Host names it is known by
  and to pages of its own origin (or of origins allowed by `--allow-origin`): a web page
  elsewhere cannot make a browser query it (DNS rebinding, cross-site requests).
- A request has `read_timeout` seconds to arrive whole (`serve_http`), its body at most
  `MAX_BODY` bytes, its headers at most 64 KiB.

This module holds the routes and middleware and start/stop; the rest lives beside it:
`serve_query` (settings, replies, content negotiation, the query lanes), `serve_app` (what
each path answers), `serve_entity` (`/id/` and `/ontology`), `serve_pages` (the templates) and
`serve_http` (uvicorn with a read deadline). Their public names are re-exported here.
"""

from __future__ import annotations

import signal
import sys
import tempfile
import threading
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from labourgraph.check.sparql_policy import refusal
from labourgraph.core.errors import LabourgraphError
from labourgraph.publish.export import release_files
from labourgraph.publish.ondisk import is_store
from labourgraph.publish.serve_app import App
from labourgraph.publish.serve_entity import VARY
from labourgraph.publish.serve_http import MAX_HEADER_BYTES, Server
from labourgraph.publish.serve_pages import STATIC
from labourgraph.publish.serve_query import (
    ENTITY_TYPES,
    GRAPH_TYPES,
    LOOPBACK_NAMES,
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
QUERY_THREADS = 64
"""Threads that wait on the query processes; their own pool, so static files never wait."""


def host_name(host: str) -> str:
    """The name in a Host header, without the port, lower case.

    >>> host_name("LocalHost:7878"), host_name("[::1]:7878"), host_name("127.0.0.1")
    ('localhost', '::1', '127.0.0.1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """Refuse requests for another host name (400) and from another web origin (403).

    - Host: a page on `evil.example` whose name an attacker points at 127.0.0.1 (DNS
      rebinding) makes the browser send `Host: evil.example`; only the names the server is
      known by pass (`ServeConfig.hosts`).
    - Origin: a browser names the page behind a cross-origin request (and behind every POST).
      Only this server's own origin and the allowed ones pass. A request with no Origin that
      the browser marks `Sec-Fetch-Site: cross-site` (an image or script tag elsewhere) passes
      only as a navigation (a link followed), so another site cannot fire queries unseen.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str], origins: frozenset[str]):
        self.app, self.hosts, self.origins = app, hosts, origins

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """(status, message) for a request to refuse, None to let it through."""
        size = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
        size += sum(len(k) + len(v) for k, v in scope["headers"])
        if size > MAX_HEADER_BYTES:
            # h11 caps a header block only while it is incomplete; one that arrives whole in a
            # single read passes it, so the total is checked here too.
            return 431, f"request line and headers must be at most {MAX_HEADER_BYTES} bytes"
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if "*" not in self.hosts and host_name(host) not in self.hosts:
            return (
                400,
                f"host {host!r} refused: this server answers to "
                f"{', '.join(sorted(self.hosts))} (serve --allowed-host)",
            )
        if "*" in self.origins:
            return None
        origin = headers.get("origin")
        if origin is not None:
            own = f"{scope.get('scheme', 'http')}://{host}".lower()
            if origin.lower() != own and origin not in self.origins:
                return (
                    403,
                    f"origin {origin!r} refused: pages of other sites may not query "
                    "this server (serve --allow-origin)",
                )
        elif headers.get("sec-fetch-site") == "cross-site" and headers.get(
            "sec-fetch-mode", "navigate"
        ) not in ("navigate", "nested-navigate"):
            return 403, "cross-site request refused: pages of other sites may not query this server"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        why = self.refusal(scope) if scope["type"] == "http" else None
        if why is None:
            await self.app(scope, receive, send)
            return
        status, message = why
        response = PlainTextResponse(
            message + "\n", status_code=status, headers={"Connection": "close"}
        )
        await response(scope, receive, send)


def respond(reply: Reply, extra: tuple[tuple[str, str], ...] = ()) -> Response:
    """The HTTP response for a `Reply` (headers merged, `nosniff` always)."""
    headers: dict[str, str] = {"X-Content-Type-Options": "nosniff"}
    for name, value in (*reply.headers, *extra):
        headers[name] = value
    headers["Content-Type"] = reply.content_type
    return Response(reply.body, status_code=reply.status, headers=headers)


def params_of(request: Request) -> dict[str, list[str]]:
    """The URL's query parameters, as `parse_qs` gives them (a name may repeat)."""
    return parse_qs(request.url.query)


async def read_body(request: Request) -> bytes | Reply:
    """The request body, refused (413) past `MAX_BODY` before or while it is read."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            length = int(declared)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            return error_reply(413, f"request body must be 0 to {MAX_BODY} bytes", _CLOSE)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                return error_reply(413, f"request body must be 0 to {MAX_BODY} bytes", _CLOSE)
            chunks.append(chunk)
    except ClientDisconnect:
        return error_reply(400, "the client went away before sending its whole request", _CLOSE)
    return b"".join(chunks)


_CLOSE = (("Connection", "close"),)


class _Folder:
    """The files of a folder served as they are, 404 while the folder does not exist (the
    report may be written after the server starts; StaticFiles would answer 500)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.files = StaticFiles(directory=directory, html=True, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.directory.is_dir():
            reply = error_reply(404, f"nothing at {scope['path']}: not written yet")
            await respond(reply)(scope, receive, send)
            return
        await self.files(scope, receive, send)


def create_app(app: App) -> Starlette:
    """The Starlette application: routes, the Host/Origin guard, CORS for allowed origins."""
    config = app.config
    limiter: list[anyio.CapacityLimiter] = []

    async def in_thread(func: Callable[..., Reply], *args: Any) -> Reply:
        """Run `func` (which waits on the query processes) in the query threads."""
        if not limiter:
            limiter.append(anyio.CapacityLimiter(QUERY_THREADS))
        return await anyio.to_thread.run_sync(
            partial(func, *args), limiter=limiter[0], abandon_on_cancel=True
        )

    async def sparql(request: Request) -> Response:
        params = params_of(request)
        body_query: str | None = None
        if request.method == "POST":
            form = await _posted(request, params)
            if isinstance(form, Reply):
                return respond(form, VARY)
            params, body_query = form
        reply = await in_thread(app.sparql, params, body_query, request.headers.get("accept"))
        return respond(reply, VARY)

    async def sparql_html(request: Request) -> Response:
        params = params_of(request)
        if request.method == "POST":
            form = await _posted(request, params)
            if isinstance(form, Reply):
                return respond(form)
            params, _ = form
        if not params.get("query"):
            return respond(error_reply(400, "missing query: send query="))
        return respond(await in_thread(app.sparql_html, params["query"][0]))

    async def prefixes(request: Request) -> Response:
        return respond(app.prefixes())

    async def queries_page(request: Request) -> Response:
        return respond(await in_thread(app.queries_page))

    async def run_saved(request: Request) -> Response:
        params = params_of(request)
        values = {k[len("param_") :]: v[0] for k, v in params.items() if k.startswith("param_")}
        name = params.get("name", [""])[0]
        return respond(await in_thread(app.run_saved, name, values))

    async def entity(request: Request) -> Response:
        local = request.path_params["local"]
        fmt = params_of(request).get("format", [None])[0]
        return respond(await in_thread(app.entity, local, request.headers.get("accept"), fmt))

    async def ontology(request: Request) -> Response:
        fmt = request.path_params.get("ext") or params_of(request).get("format", [None])[0]
        # in a thread: the ontology's pages may still be in the making (`App.ontology`)
        accept = request.headers.get("accept")
        return respond(await in_thread(app.ontology_document, accept, fmt))

    async def ontology_file(request: Request) -> Response:
        return respond(await in_thread(app.ontology_file, request.path_params["name"]))

    async def index(request: Request) -> Response:
        return respond(await in_thread(app.index))

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # pages not ours (the docs) ask for one

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        what = "nothing at" if status == 404 else f"{request.method} is not allowed on"
        return respond(error_reply(status, f"{what} {request.url.path}"))

    routes: list[Route | Mount] = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/sparql/html", sparql_html, methods=["GET", "POST"]),
        Route("/sparql/prefixes.json", prefixes),
        Route("/favicon.ico", no_icon),
        Route("/queries", queries_page),
        Route("/queries/run", run_saved),
        Route("/ontology", ontology),
        Route("/ontology.{ext}", ontology),
        Route("/ontology/{name:path}", ontology_file),
        Route("/id/{local:path}", entity),
        Mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static"),
    ]
    if config.report_dir is not None:
        routes.append(Mount("/report", _Folder(config.report_dir), name="report"))
    origins = frozenset(config.allowed_origins)
    middleware = [Middleware(Guard, hosts=config.hosts(), origins=origins)]
    if origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=sorted(origins),
                allow_methods=["GET", "HEAD", "POST"],
                allow_headers=["Accept", "Content-Type"],
                max_age=600,
            )
        )
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        404: not_found,
        405: not_found,
    }
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)


async def _posted(
    request: Request, params: dict[str, list[str]]
) -> tuple[dict[str, list[str]], str | None] | Reply:
    """A POST's parameters and query: a form (query=) or a sparql-query body; updates refused."""
    raw = await read_body(request)
    if isinstance(raw, Reply):
        return raw
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return error_reply(400, "the request body is not UTF-8")
    if media == "application/x-www-form-urlencoded":
        merged = {k: list(v) for k, v in params.items()}
        for key, values in parse_qs(text).items():
            merged.setdefault(key, []).extend(values)
        return merged, None
    if media == "application/sparql-query":
        return params, text
    if media == "application/sparql-update":
        return error_reply(400, "SPARQL Update is refused: this endpoint is read-only")
    return error_reply(415, "POST a form or an application/sparql-query body")


def make_server(config: ServeConfig) -> tuple[Server, App]:
    """Load the graph into the query processes and bind the HTTP server (not started)."""
    app = App(config)
    try:
        server = Server(
            create_app(app),
            config.host,
            config.port,
            read_timeout=config.read_timeout,
            max_connections=config.max_connections,
        )
    except LabourgraphError:
        app.close()
        raise
    return server, app


def serve(config: ServeConfig) -> None:
    """Serve until interrupted."""
    for path in (*config.sources, *([config.ontology] if config.ontology else [])):
        if not Path(path).is_file() and not is_store(path):
            raise LabourgraphError(f"{path}: no such file (build the graph first)")
    with tempfile.TemporaryDirectory(prefix="labourgraph-serve-") as folder:
        # third-party texts are never served: the release copy of the graph is (issue 17)
        try:
            sources = release_files(config.sources, Path(folder))
        except LabourgraphError as err:
            raise LabourgraphError(f"cannot load the graph: {err}") from None
        _serve(replace(config, sources=sources))


def _serve(config: ServeConfig) -> None:
    server, app = make_server(config)
    _stop_on_signals()
    host, port = server.server_address
    shown = f"[{host}]" if ":" in host else host
    print(
        f"serving {app.pool.triples} triples at http://{shown}:{port}/sparql "
        f"(pages at http://{shown}:{port}/, Ctrl-C to stop)",
        flush=True,
    )
    if (
        not config.allowed_hosts
        and config.hosts() == frozenset(LOOPBACK_NAMES)
        and not (host.startswith("127.") or host == "::1")
    ):
        print(
            f"note: requests are answered only for the host names {', '.join(LOOPBACK_NAMES)}; "
            "name the others clients use with --allowed-host",
            file=sys.stderr,
            flush=True,
        )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Stop cleanly (query processes killed and joined) on Ctrl-C and on SIGTERM.

    Set explicitly because a process started in the background by a non-interactive shell
    inherits SIGINT *ignored*, and Python then installs no handler: found when an endpoint
    started that way outlived the interrupt meant to stop it. SIGTERM is what service
    managers and `kill` send. uvicorn takes both while it serves (to finish the requests in
    flight), then hands them back to these handlers.
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
    "Server",
    "create_app",
    "execute",
    "make_server",
    "negotiate",
    "refusal",
    "serve",
]
