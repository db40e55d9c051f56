"""Namespaces shared by every stage, so that an IRI is spelt in one place only.

`PLO` is closed: it is generated from the ontology (`core/_plo.py`, by `core/vocab_gen.py`) and
a term the ontology does not declare raises AttributeError, also through `PLO["name"]`.
`PLO_OPEN` is the same namespace, open: for local names read from data (the class of a curated
entity or of an actor in actors.yaml), whose IRI is built unchecked.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from labourgraph.core._plo import PLO

PLO_OPEN = Namespace(str(PLO))
PLD = Namespace("https://w3id.org/platform-labour/id/")
ONTOLOGY_IRI = "https://w3id.org/platform-labour/ontology"
KG_IRI = "https://w3id.org/platform-labour/kg"
VANN = Namespace("http://purl.org/vocab/vann/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
OA = Namespace("http://www.w3.org/ns/oa#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "plo": PLO,
    "pld": PLD,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "vann": VANN,
    "foaf": FOAF,
    "schema": SCHEMA,
    "org": ORG,
    "qb": QB,
    "oa": OA,
    "nif": NIF,
}

__all__ = [
    "DCTERMS",
    "FOAF",
    "KG_IRI",
    "NIF",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PLD",
    "PLO",
    "PLO_OPEN",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "VANN",
    "XSD",
]
