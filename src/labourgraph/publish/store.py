"""Push the graph to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

`publish()` PUTs the graph, as N-Triples, to `{endpoint}?graph={IRI}`: PUT replaces the named
graph, so publishing twice leaves the same data (a POST would append). It then asks the
store's SPARQL query endpoint how many triples that graph holds and fails if the count is not
the local one: a store that silently dropped or duplicated triples is caught at once.

Any store that speaks the protocol works (Oxigraph `/store` + `/query`, Fuseki
`/{ds}/data` + `/{ds}/query`, GraphDB `/repositories/{id}/rdf-graphs/service` +
`/repositories/{id}`, Virtuoso `/sparql-graph-crud` + `/sparql`); the query URL defaults to
the endpoint's sibling `query` (Oxigraph's layout). Only the standard library's urllib is
used, every request with a timeout.

The CLI's `publish --with-ontology` calls `publish()` twice: the graph to its named graph, the
ontology to its own (`https://w3id.org/platform-labour/ontology`), so that the saved queries
find class and term labels there. `select()` is the query side of the protocol, which the
count and `labourgraph query --endpoint` (`publish.queries.run_remote`) both use.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph, to_ntriples
from labourgraph.publish.export import release_graph


class CountMismatch(LabourgraphError):
    """The store holds a different number of triples than the file: exit 1."""

    exit_code = 1


@dataclass(frozen=True)
class PublishResult:
    """What was sent and what the store holds afterwards."""

    triples: int
    stored: int


def default_query_url(endpoint: str) -> str:
    """The endpoint's sibling `query` path: `http://h:p/store` → `http://h:p/query`.

    >>> default_query_url("http://127.0.0.1:7879/store")
    'http://127.0.0.1:7879/query'
    """
    parts = urllib.parse.urlsplit(endpoint)
    base = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, base + "/query", "", ""))


def _request(request: urllib.request.Request, timeout: float, what: str) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
        hint = f": {detail[0]}" if detail else ""
        raise LabourgraphError(f"{what} failed: HTTP {err.code} {err.reason}{hint}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        reason = getattr(err, "reason", err)
        raise LabourgraphError(
            f"{what} failed: cannot reach {request.full_url}: {reason}"
        ) from None


def count_triples(query_url: str, graph_iri: str, timeout: float = 60.0) -> int:
    """How many triples the named graph holds, asked over the SPARQL 1.1 Protocol."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    answer = select(query_url, query, timeout=timeout, what=f"counting triples at {query_url}")
    try:
        return int(answer["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise LabourgraphError(f"{query_url}: the count query did not return a number") from None


def publish(
    file_path: Path | str,
    endpoint: str,
    graph_iri: str,
    query_url: str | None = None,
    timeout: float = 60.0,
) -> PublishResult:
    """Replace `graph_iri` in the store with the file's triples, then check the count."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise LabourgraphError(f"--endpoint must be an http(s) URL, not {endpoint!r}")
    if "<" in graph_iri or ">" in graph_iri or ":" not in graph_iri:
        raise LabourgraphError(f"--graph must be an absolute IRI, not {graph_iri!r}")
    graph = release_graph(load_graph(file_path))  # no third-party text leaves the machine
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    target = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
    request = urllib.request.Request(
        target,
        data=to_ntriples(graph),
        headers={"Content-Type": "application/n-triples"},
        method="PUT",
    )
    _request(request, timeout, f"PUT to {endpoint}")
    stored = count_triples(query_url or default_query_url(endpoint), graph_iri, timeout)
    if stored != len(graph):
        raise CountMismatch(
            f"the store holds {stored} triples in <{graph_iri}>, the file has {len(graph)}"
        )
    return PublishResult(len(graph), stored)


def select(
    query_url: str,
    query: str,
    default_graphs: Sequence[str] = (),
    timeout: float = 60.0,
    what: str | None = None,
) -> dict[str, Any]:
    """A SELECT query sent over the SPARQL 1.1 Protocol (POST, form-encoded), its SPARQL 1.1 JSON
    results parsed. `default_graphs` go as `default-graph-uri`: the protocol's way of naming
    the graphs a query reads, which every store honours, unlike a union default graph."""
    if urllib.parse.urlsplit(query_url).scheme not in ("http", "https"):
        raise LabourgraphError(f"--endpoint must be an http(s) URL, not {query_url!r}")
    form = [("query", query), *(("default-graph-uri", iri) for iri in default_graphs)]
    request = urllib.request.Request(
        query_url,
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
        method="POST",
    )
    body = _request(request, timeout, what or f"query at {query_url}")
    try:
        answer = json.loads(body)
    except ValueError:
        raise LabourgraphError(f"{query_url}: the answer is not JSON") from None
    if not isinstance(answer, dict):
        raise LabourgraphError(f"{query_url}: the answer is not SPARQL 1.1 JSON results")
    return answer
