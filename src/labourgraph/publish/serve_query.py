"""The endpoint's settings, its replies, and how a vetted query becomes a reply.

Content negotiation (`negotiate`) picks the media type from the Accept header; `execute`
runs a query and serialises its result in that type; `QueryPool` runs `execute` in the
query processes of `labourgraph.publish.query_processes`, stopped at the time limit, in two
lanes (see `QueryPool`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from labourgraph.check.sparql_policy import DEFAULT_TIMEOUT, refusal
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.vocab import PREFIXES
from labourgraph.publish.query_processes import (
    DEFAULT_MEMORY_LIMIT,
    WAIT_FOR_PROCESS,
    Busy,
    QueryProcesses,
    QueryStopped,
)

SERVED_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items())}
"""Prefixes the engine knows in every query and uses when it writes Turtle."""

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types offered for SELECT and ASK results, in order of preference."""
RDF_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
}
"""Every RDF syntax the store writes, in order of preference (Turtle for `*/*`)."""
GRAPH_TYPES = RDF_TYPES
"""Media types offered for CONSTRUCT and DESCRIBE results."""
ENTITY_TYPES = (*RDF_TYPES, "text/html")
"""Media types of an entity's (or the ontology's) page; a browser names text/html explicitly
and wins it, a client that accepts anything gets Turtle."""
FORMAT_PARAMETER = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "n3": "text/n3",
    "html": "text/html",
}
"""`?format=` (and file extension) → media type: links in a page cannot set Accept."""

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
"""Host names a browser on this machine uses for a server bound to the loopback."""


@dataclass(frozen=True)
class ServeConfig:
    """Everything `serve` needs; the CLI fills it from its options."""

    sources: tuple[Path, ...]
    queries_dir: Path = Path("queries")
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = DEFAULT_TIMEOUT
    workers: int = 3
    """Query processes, each with its own copy of the graph."""
    memory_limit: int = DEFAULT_MEMORY_LIMIT
    """Address-space ceiling of each query process, in bytes (a runaway query dies alone)."""
    ontology: Path | None = None
    """The ontology file served at /ontology (and so at every term IRI); None: not served."""
    report_dir: Path | None = None
    """A folder written by `labourgraph report`, served as is at /report/."""
    allowed_hosts: tuple[str, ...] = ()
    """Host names the Host header may carry ("*": any); empty: `default_hosts(host)`."""
    allowed_origins: tuple[str, ...] = ()
    """Other web origins whose pages may query the endpoint (CORS); "*": any."""
    quick_time: float = 1.0
    """Seconds a query runs in the quick lane before it needs a place in the slow lane."""
    slow_queries: int | None = None
    """Places in the slow lane; None: one fewer than the processes (at least one)."""
    read_timeout: float = 10.0
    """Seconds a client has to send a whole request (headers and body)."""
    max_connections: int = 256
    """Open connections and requests beyond which the server answers 503 at once."""

    def hosts(self) -> frozenset[str]:
        """The host names the endpoint answers to (lower case)."""
        return frozenset(h.lower() for h in (self.allowed_hosts or default_hosts(self.host)))

    def slow_lane(self) -> int:
        """Places in the slow lane: never all processes, unless there is only one."""
        if self.slow_queries is not None:
            return max(1, min(self.slow_queries, self.workers))
        return max(1, self.workers - 1)


def default_hosts(bind: str) -> tuple[str, ...]:
    """The Host names accepted when none are given: the loopback names, and the bound address.

    A browser page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) still
    sends its own name as Host, so it is refused. A wildcard bind (0.0.0.0) adds nothing:
    the names the server is reached by must then be given (`--allowed-host`).

    >>> default_hosts("127.0.0.1")
    ('127.0.0.1', 'localhost', '::1')
    >>> default_hosts("192.0.2.7")
    ('127.0.0.1', 'localhost', '::1', '192.0.2.7')
    >>> default_hosts("0.0.0.0")
    ('127.0.0.1', 'localhost', '::1')
    """
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(bind).is_unspecified:
            return LOOPBACK_NAMES
    return LOOPBACK_NAMES if bind.lower() in LOOPBACK_NAMES else (*LOOPBACK_NAMES, bind.lower())


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, content type, body."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


def error_reply(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    """A plain-text error reply: the message on one line."""
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


# --- content negotiation ---------------------------------------------------------------


def negotiate(accept: str | None, offered: list[str] | tuple[str, ...]) -> str | None:
    """The offered media type the Accept header likes best (ties: the earlier offered).

    >>> negotiate("text/html,application/xml;q=0.9,*/*;q=0.8", ENTITY_TYPES)
    'text/html'
    >>> negotiate("text/turtle", ENTITY_TYPES)
    'text/turtle'
    >>> negotiate("application/rdf+xml", ENTITY_TYPES)
    'application/rdf+xml'
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


def with_charset(media: str) -> str:
    """The Content-Type of a text body we write: UTF-8 said explicitly for text/*."""
    return media + "; charset=utf-8" if media.startswith("text/") else media


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
        result = store.query(query, prefixes=SERVED_PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        return error_reply(400, f"query syntax error: {err}")
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, tuple(GRAPH_TYPES))
        if media is None:
            return error_reply(406, f"graphs are served as {', '.join(GRAPH_TYPES)}")
        body = ox.serialize(result, format=GRAPH_TYPES[media], prefixes=SERVED_PREFIXES)
    else:
        media = negotiate(accept, tuple(RESULT_TYPES))
        if media is None:
            return error_reply(406, f"results are served as {', '.join(RESULT_TYPES)}")
        body = result.serialize(format=RESULT_TYPES[media])
    return Reply(200, with_charset(media), body or b"")


def _execute_job(
    store: ox.Store, query: str, accept: str | None, bindings: Bindings | None
) -> Reply:
    """A query as run inside a query process: the policy's check first (a refusal is a 400,
    and nothing runs), then `execute`; engine failures become a 500 reply.

    The check runs here rather than in the server so that it counts against the query's time
    limit and lane, like the query: a text made to be slow to check (issue 20: 96 KB took 31 s
    of CPU) costs a query process at most the limit, never the server's own CPU.
    """
    why = refusal(query)
    if why:
        return error_reply(400, why)
    try:
        return execute(store, query, accept, bindings)
    except MemoryError:
        return error_reply(500, "query stopped: it needed more memory than allowed")
    except (OSError, ValueError, TypeError) as err:
        return error_reply(500, f"query failed: {err}")


class SlowLaneFull(QueryStopped):
    """A query outgrew the quick lane while every place in the slow lane was taken."""


class QueryPool(QueryProcesses):
    """The endpoint's query processes, in two lanes so that slow queries cannot starve quick ones.

    Every query starts in the quick lane. One still running after `quick_time` seconds must
    take one of `slow_lane` places (fewer than the processes) to go on, up to the time limit;
    when every place is taken it is stopped at once (its process killed and replaced) and the
    client gets a 503 that says to try later. So however many slow queries arrive, at least
    one process is back within `quick_time` for the pages, the `/id/` lookups and the small
    queries. Without this, two slow queries held both processes of the old server for the
    whole limit and every other request waited (issue 20).

    The lanes need to keep a query's process past a first deadline, which
    `QueryProcesses.call` cannot, so `_call_in_lanes` drives the process itself through the
    base class's idle queue and `_replace`.
    """

    def __init__(
        self,
        sources: tuple[Path, ...],
        size: int,
        timeout: float,
        memory_limit: int,
        quick_time: float = 1.0,
        slow_lane: int | None = None,
    ):
        try:
            super().__init__(sources, size, timeout, memory_limit)
        except LabourgraphError as err:
            raise LabourgraphError(f"cannot load the graph: {err}") from None
        self.quick_time = quick_time
        self.slow_places = slow_lane if slow_lane is not None else max(1, size - 1)
        self._slow = threading.BoundedSemaphore(self.slow_places)

    def run(self, query: str, accept: str | None, bindings: Bindings | None = None) -> Reply:
        """Check and run a query in an idle process, in the lanes, stopped at the time limit."""
        try:
            return self._call_in_lanes(_execute_job, query, accept, bindings)
        except Busy as err:
            return error_reply(503, str(err), (("Retry-After", "1"),))
        except SlowLaneFull as err:
            return error_reply(503, str(err), (("Retry-After", "5"),))
        except QueryStopped as err:
            if "died" in str(err):
                return error_reply(500, str(err))
            return error_reply(503, f"query stopped: it ran past the {self.timeout:g} s limit")

    def _call_in_lanes(self, job: Callable[..., Any], *args: object) -> Any:
        limit = self.timeout if self.timeout is not None else float("inf")
        try:
            worker = self._idle.get(timeout=max(min(limit, 1e6), WAIT_FOR_PROCESS))
        except queue.Empty:
            raise Busy("busy: every query process is taken, try again") from None
        first = min(self.quick_time, limit)
        try:
            worker.conn.send((job, args))
            answered = worker.conn.poll(first)
            if not answered and limit > first:
                if not self._slow.acquire(blocking=False):
                    self._replace(worker)
                    raise SlowLaneFull(
                        f"query stopped after {first:g} s: the slow lane is full "
                        f"({self.slow_places} slow queries running), try again later"
                    )
                try:
                    answered = worker.conn.poll(None if limit == float("inf") else limit - first)
                finally:
                    self._slow.release()
            if not answered:
                self._replace(worker)
                raise QueryStopped(f"query stopped after {limit:g} s (the time limit)")
            state, value = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryStopped("query stopped: its process died (too much memory?)") from None
        self._idle.put(worker)
        if state == "error":
            raise value
        return value
