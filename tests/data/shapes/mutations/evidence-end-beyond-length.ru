# an end offset past the recorded text length (checked without the text too)
BASE <https://w3id.org/platform-labour/id/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX plo: <https://w3id.org/platform-labour/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE WHERE { <document/900_0123456789abcdef> plo:text ?text } ;
DELETE DATA { <evidence/900_0123456789abcdef/444-486> plo:endOffset "486"^^xsd:nonNegativeInteger } ;
INSERT DATA { <evidence/900_0123456789abcdef/444-486> plo:endOffset "600"^^xsd:nonNegativeInteger }
