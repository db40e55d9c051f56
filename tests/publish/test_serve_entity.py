"""Linked data from the endpoint (issue 17): `/id/...` in every RDF syntax the store writes
(RDF/XML and N-Triples were answered 406), and the ontology at `/ontology`, so that every term
IRI (`…/ontology#Term`) dereferences to its documentation or to RDF."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from test_serve import APPEN, REAL_ONTO, SOURCES, Endpoint, endpoint_config, running
from test_serve_http import call

from labourgraph.core.rdfio import to_rdflib
from labourgraph.core.vocab import ONTOLOGY_IRI, PLD, PLO
from labourgraph.publish.serve_entity import OntologyPages
from labourgraph.publish.serve_query import ENTITY_TYPES, FORMAT_PARAMETER, RDF_TYPES

RDFLIB_FORMAT = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "text/n3": "n3",
}
WORKER = PLD["person/oskarina-fuentes"]


@pytest.fixture(scope="module")
def endpoint() -> Iterator[Endpoint]:
    with running(endpoint_config()) as ep:
        yield ep


def parse(body: bytes, media: str) -> Graph:
    """The triples of a reply in any syntax: rdflib reads the triple syntaxes (another
    library than the writer), pyoxigraph the quad ones (folded into one graph)."""
    if media not in ("application/n-quads", "application/trig"):
        return Graph().parse(data=body, format=RDFLIB_FORMAT[media])
    graph = Graph()
    for quad in ox.parse(body, format=RDF_TYPES[media]):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def test_every_rdf_syntax_of_the_store_is_offered() -> None:
    assert set(RDF_TYPES) == set(RDFLIB_FORMAT)
    assert ENTITY_TYPES[-1] == "text/html"
    assert set(FORMAT_PARAMETER.values()) == set(ENTITY_TYPES)


@pytest.mark.parametrize("media", list(RDF_TYPES))
def test_entity_in_every_rdf_syntax(endpoint: Endpoint, media: str) -> None:
    status, headers, body = call(endpoint, "GET", "/id/person/oskarina-fuentes", {"Accept": media})
    assert status == 200 and headers["content-type"] == media
    assert headers["vary"] == "Accept"
    graph = parse(body, media)
    assert (WORKER, PLO.worksOn, URIRef(APPEN)) in graph
    # The relation comes with its axiom annotation and the quote that supports it.
    evidence = PLD["evidence/003_test/0-37"]
    assert (PLD["axiom/0123456789abcdef"], PLO.evidence, evidence) in graph
    assert (evidence, PLO.quote, None) in graph


@pytest.mark.parametrize(("name", "media"), sorted(FORMAT_PARAMETER.items()))
def test_format_parameter_for_links(endpoint: Endpoint, name: str, media: str) -> None:
    """A link in a page cannot set Accept: `?format=` chooses, whatever the browser sends."""
    browser = {"Accept": "text/html,*/*;q=0.8"}
    status, headers, body = call(endpoint, "GET", f"/id/organisation/appen?format={name}", browser)
    assert status == 200 and headers["content-type"].split(";")[0] == media
    if media != "text/html":
        assert (URIRef(APPEN), RDF.type, PLO.MicroworkPlatform) in parse(body, media)


def test_entity_refusals(endpoint: Endpoint) -> None:
    status, _, body = call(endpoint, "GET", "/id/organisation/appen", {"Accept": "image/png"})
    assert status == 406 and b"application/rdf+xml (?format=rdf)" in body
    assert call(endpoint, "GET", "/id/organisation/appen?format=exe")[0] == 406
    assert call(endpoint, "GET", "/id/organisation/nobody", {"Accept": "text/turtle"})[0] == 404
    assert call(endpoint, "GET", "/id/a%3Eb", {"Accept": "text/turtle"})[0] == 404


def test_entity_page_links_each_syntax(endpoint: Endpoint) -> None:
    _, _, body = call(endpoint, "GET", "/id/organisation/appen", {"Accept": "text/html"})
    page = body.decode()
    for name in ("ttl", "jsonld", "nt", "rdf", "nq", "trig", "n3"):
        assert f'href="?format={name}"' in page
    # Ontology terms link to their anchor in the ontology's documentation.
    assert 'href="/ontology#MicroworkPlatform"' in page


@pytest.mark.parametrize("media", list(RDF_TYPES))
def test_ontology_in_every_rdf_syntax(endpoint: Endpoint, media: str) -> None:
    status, headers, body = call(endpoint, "GET", "/ontology", {"Accept": media})
    assert status == 200 and headers["content-type"] == media
    graph = parse(body, media)
    source = Graph().parse(SOURCES[1])
    assert len(graph) == len(source)
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in graph


def test_ontology_file_names_and_format_parameter(endpoint: Endpoint) -> None:
    turtle = call(endpoint, "GET", "/ontology", {"Accept": "text/turtle"})[2]
    assert call(endpoint, "GET", "/ontology.ttl")[2] == turtle
    assert call(endpoint, "GET", "/ontology?format=ttl", {"Accept": "text/html"})[2] == turtle
    assert call(endpoint, "GET", "/ontology.exe")[0] == 406


def test_every_term_iri_dereferences_to_its_documentation(endpoint: Endpoint) -> None:
    """`…/ontology#Term` is fetched as `/ontology` (the fragment stays in the browser): a
    browser is sent to the documentation, where the fragment names the term's anchor."""
    source = Graph().parse(SOURCES[1])
    terms = sorted(
        {s for s in source.subjects() if isinstance(s, URIRef) and str(s).startswith(str(PLO))}
    )
    assert len(terms) > 5
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    status, headers, _ = call(endpoint, "GET", "/ontology", browser)
    assert status == 303 and headers["vary"] == "Accept"
    status, headers, body = call(endpoint, "GET", headers["location"], browser)
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    page = body.decode()
    for term in terms:
        path, fragment = urllib.parse.urldefrag(str(term))
        assert path == ONTOLOGY_IRI
        assert f'id="{fragment}"' in page, term


def test_real_ontology_has_an_anchor_for_every_term() -> None:
    pages = OntologyPages.load(REAL_ONTO)
    page = pages.docs[pages.index].decode()
    source = Graph().parse(REAL_ONTO)
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual):
        for term in source.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(str(PLO)):
                assert f'id="{urllib.parse.urldefrag(str(term))[1]}"' in page, term
    assert len(parse(pages.rdf["application/rdf+xml"], "application/rdf+xml")) == len(source)
