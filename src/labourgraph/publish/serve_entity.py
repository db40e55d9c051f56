"""The linked-data pages of the graph's own IRIs (`/id/...`): HTML for a browser, Turtle or
JSON-LD (the entity, its relations, their axiom annotations and evidence) for a client.
"""

from __future__ import annotations

import contextlib
import html
import json
import re

import pyoxigraph as ox

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import serialize
from labourgraph.core.vocab import PLD, PREFIXES
from labourgraph.publish.serve_pages import compact, fact_table, page
from labourgraph.publish.serve_query import (
    ENTITY_TYPES,
    SERVED_PREFIXES,
    QueryPool,
    Reply,
    error_reply,
    negotiate,
)

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


def entity(pool: QueryPool, local: str, accept: str | None) -> Reply:
    """The page of one of the graph's IRIs, in the representation the client prefers."""
    iri = str(PLD) + local
    if not local or re.search(r"[\s<>\"{}|\\^`]", iri):
        return error_reply(404, "not an IRI of this graph")
    media = negotiate(accept, ENTITY_TYPES)
    if media is None:
        return error_reply(406, f"entities are served as {', '.join(ENTITY_TYPES)}")
    if media == "text/html":
        return _entity_html(pool, iri)
    reply = pool.run(_ENTITY_GRAPH % {"iri": iri}, "application/n-triples")
    if reply.status != 200:
        return reply
    if not reply.body.strip():
        return error_reply(404, f"<{iri}> is not in the graph")
    triples = list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))
    if media == "application/ld+json":
        from labourgraph.core.rdfio import parse_bytes
        from labourgraph.publish.export import load_context, to_jsonld

        context = {p: str(ns) for p, ns in PREFIXES.items()}
        with contextlib.suppress(LabourgraphError):
            context = load_context()
        body = to_jsonld(parse_bytes(reply.body, "ntriples", iri), context)
    else:
        body = serialize(sorted(triples, key=str), ox.RdfFormat.TURTLE, SERVED_PREFIXES)
    return Reply(200, media, body, (("Vary", "Accept"),))


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
    body = (
        f"<p><code>{html.escape(iri)}</code> — {html.escape(', '.join(types))}</p>"
        f'<p class="src">Also as <a href="?format=ttl">Turtle</a> '
        f"(send <code>Accept: text/turtle</code> or <code>application/ld+json</code>).</p>"
    )
    body += "<h2>Facts</h2>" + fact_table(facts, "o", "olabel")
    if incoming:
        body += "<h2>Referenced by</h2>" + fact_table(incoming, "s", "slabel")
    return page(label or compact(iri), body)
