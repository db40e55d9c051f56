"""The linked-data side of the endpoint: the graph's own IRIs (`/id/...`) and the ontology
(`/ontology`, and so every term IRI `…/ontology#Term`), each as HTML for a browser or in any
RDF syntax the store writes for a client, chosen by the Accept header (or `?format=`).
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph, parse_bytes, serialize, to_ntriples
from labourgraph.core.vocab import PLD, PREFIXES
from labourgraph.publish.serve_pages import compact, fact_rows, render
from labourgraph.publish.serve_query import (
    ENTITY_TYPES,
    FORMAT_PARAMETER,
    RDF_TYPES,
    SERVED_PREFIXES,
    QueryPool,
    Reply,
    error_reply,
    negotiate,
)

VARY = (("Vary", "Accept"),)
"""Every negotiated answer says so, so that a cache keeps one copy per Accept header."""

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
_FORMAT_NAMES = {media: name for name, media in FORMAT_PARAMETER.items()}


def wanted(accept: str | None, fmt: str | None) -> str | None:
    """The media type asked for: `?format=` wins over Accept (a link cannot set headers)."""
    if fmt:
        return FORMAT_PARAMETER.get(fmt.lower())
    return negotiate(accept, ENTITY_TYPES)


def not_acceptable(what: str) -> Reply:
    """406, naming what is offered."""
    offered = ", ".join(f"{m} (?format={_FORMAT_NAMES[m]})" for m in ENTITY_TYPES)
    return error_reply(406, f"{what} are served as {offered}", VARY)


def rdf_body(ntriples: bytes, media: str, source: str) -> bytes:
    """N-Triples in the RDF syntax `media`, sorted; JSON-LD compacted with the project's context.

    The context (`ontology/context.jsonld`) is read by `publish.export`, the one writer of
    the project's JSON-LD; without it, the prefixes serve as context.
    """
    if media == "application/ld+json":
        from labourgraph.publish.export import load_context, to_jsonld

        context = {p: str(ns) for p, ns in PREFIXES.items()}
        with contextlib.suppress(LabourgraphError):
            context = load_context()
        return to_jsonld(parse_bytes(ntriples, "ntriples", source), context)
    triples = sorted(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), key=str)
    return serialize(triples, RDF_TYPES[media], SERVED_PREFIXES)


def entity(pool: QueryPool, local: str, accept: str | None, fmt: str | None = None) -> Reply:
    """The page of one of the graph's IRIs, in the representation the client prefers."""
    iri = str(PLD) + local
    if not local or re.search(r"[\s<>\"{}|\\^`]", iri):
        return error_reply(404, "not an IRI of this graph", VARY)
    media = wanted(accept, fmt)
    if media is None:
        return not_acceptable("entities")
    if media == "text/html":
        reply = _entity_html(pool, iri)
        return Reply(reply.status, reply.content_type, reply.body, reply.headers + VARY)
    reply = pool.run(_ENTITY_GRAPH % {"iri": iri}, "application/n-triples")
    if reply.status != 200:
        return reply
    if not reply.body.strip():
        return error_reply(404, f"<{iri}> is not in the graph", VARY)
    body = rdf_body(reply.body, media, iri)
    return Reply(200, media, body, VARY)


def _select(pool: QueryPool, query: str) -> tuple[Reply, list[dict[str, dict[str, str]]]]:
    """Run a SELECT; its reply (to pass on if it failed) and its rows."""
    reply = pool.run(query, "application/sparql-results+json")
    if reply.status != 200:
        return reply, []
    return reply, json.loads(reply.body)["results"]["bindings"]


def _entity_html(pool: QueryPool, iri: str) -> Reply:
    """The HTML page of an entity: its facts and what refers to it, each with its quotes."""
    reply, facts = _select(pool, _ENTITY_FACTS % {"iri": iri})
    if reply.status != 200:
        return reply
    reply, incoming = _select(pool, _ENTITY_INCOMING % {"iri": iri})
    if reply.status != 200:
        return reply
    if not facts and not incoming:
        return error_reply(404, f"<{iri}> is not in the graph")
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
            compact(f["o"]["value"])
            for f in facts
            if f["p"]["value"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        }
    )
    return render(
        "entity.html",
        title=label or compact(iri),
        iri=iri,
        types=types,
        formats=[(_FORMAT_NAMES[m], m) for m in RDF_TYPES],
        outgoing=fact_rows(facts, "o", "olabel"),
        incoming=fact_rows(incoming, "s", "slabel"),
    )


@dataclass(frozen=True)
class OntologyPages:
    """The ontology in every RDF syntax, and its HTML documentation, made once at start.

    The HTML is what `labourgraph ontology docs` writes (`publish.docs.write_docs`), served
    as its files; its term anchors (`#Term`) are what a term IRI's fragment points at.
    """

    rdf: dict[str, bytes]
    """Media type → the ontology in that syntax."""
    docs: dict[str, bytes]
    """File name (relative to the documentation folder) → content."""
    index: str
    """The documentation's main page, a key of `docs`."""

    @classmethod
    def load(cls, path: Path) -> OntologyPages:
        """Read the ontology file and write its serialisations and documentation in memory."""
        from labourgraph.publish.docs import write_docs

        ntriples = to_ntriples(load_graph(path))
        rdf = {media: rdf_body(ntriples, media, str(path)) for media in RDF_TYPES}
        with tempfile.TemporaryDirectory(prefix="labourgraph-docs-") as tmp:
            index = write_docs(path, tmp).page
            docs = {
                f.relative_to(tmp).as_posix(): f.read_bytes()
                for f in sorted(Path(tmp).rglob("*"))
                if f.is_file()
            }
            return cls(rdf, docs, Path(index).relative_to(tmp).as_posix())

    def answer(self, accept: str | None, fmt: str | None) -> Reply:
        """`/ontology`: RDF in the syntax asked for, or a redirect to the HTML documentation.

        The redirect (303 See Other, as for any non-information resource) keeps the page's
        relative links right and a browser carries a term IRI's fragment through it.
        """
        media = wanted(accept, fmt)
        if media is None:
            return not_acceptable("the ontology")
        if media == "text/html":
            return Reply(
                303,
                "text/plain; charset=utf-8",
                b"see the documentation\n",
                (("Location", f"/ontology/{self.index}"), *VARY),
            )
        return Reply(200, media, self.rdf[media], VARY)
