"""The endpoint's settings, its replies, and how a vetted query becomes a reply.

Content negotiation (`negotiate`) picks the media type from the Accept header; `execute`
runs a query and serialises its result in that type; `QueryPool` runs `execute` in the
query processes of `labourgraph.publish.query_processes`, stopped at the time limit.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from labourgraph.check.sparql_policy import DEFAULT_TIMEOUT
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.vocab import PREFIXES
from labourgraph.publish.query_processes import (
    DEFAULT_MEMORY_LIMIT,
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


def error_reply(status: int, message: str) -> Reply:
    """A plain-text error reply: the message on one line."""
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
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Reply(200, media + charset, body or b"")


def _execute_job(
    store: ox.Store, query: str, accept: str | None, bindings: Bindings | None
) -> Reply:
    """`execute` as run inside a query process: engine failures become a 500 reply."""
    try:
        return execute(store, query, accept, bindings)
    except MemoryError:
        return error_reply(500, "query stopped: it needed more memory than allowed")
    except (OSError, ValueError, TypeError) as err:
        return error_reply(500, f"query failed: {err}")


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
            return error_reply(503, str(err))
        except QueryStopped as err:
            if "died" in str(err):
                return error_reply(500, str(err))
            return error_reply(503, f"query stopped: it ran past the {self.timeout:g} s limit")
