"""Linked-data exports: the ontology and the knowledge graph in every common RDF syntax.

`export()` writes, into one folder:

- `platform-labour.{ttl,nt,rdf,jsonld,trig}` (the ontology) and
  `platform-labour-kg.{ttl,nt,rdf,jsonld,trig}` (the knowledge graph);
- `context.jsonld`, the published JSON-LD context (a copy of `ontology/context.jsonld`, which
  is served at `https://w3id.org/platform-labour/context.jsonld`);
- `void.ttl`, a VoID + DCAT description of both datasets (triple counts, class and property
  partitions, licence and rights per dump, version, dumps, SPARQL endpoint);
- `catalog-v001.xml`, the Protégé catalog mapping the ontology's IRIs to the exported file;
- `SHA256SUMS`, in the format `sha256sum -c` reads.

Choices, and why:

- Rebuilding gives the same bytes: N-Triples lines are sorted, TriG quads are sorted by graph
  then by their N-Triples line, JSON-LD nodes and keys are sorted, nothing carries a date.
- The JSON-LD files *embed* the published context rather than pointing at its IRI: every
  JSON-LD processor (rdflib included) fetches a context given by IRI from the network, and a
  dump must read offline. `void.ttl` ties each JSON-LD dump to the context IRI with
  `dcterms:conformsTo`, and the embedded object is the published file's `@context` verbatim.
- TriG has one named graph per source document, named by the document's own IRI
  (`pld:document/{stem}`). A triple goes to the document of its evidence: `plo:evidence`
  triples to the document of that evidence span, an annotated relation to the documents of
  its axiom's evidence, anything else to the documents of its subject's evidence (documents,
  their parts and evidence spans belong to their own document). A triple supported by no
  document or by several (an entity named in two texts, the activities, the ontology header)
  is "shared" and goes to the default graph. The union of all graphs is the whole graph.
- VoID partitions are IRIs under `https://w3id.org/platform-labour/kg/void/` (no blank
  nodes, so that the description can be merged and cited).
- The graph is exported as a *release* (`release_graph`, which `publish` calls too): the
  documents' texts (`plo:text`) are third-party press and are left out. Each document keeps
  its title, publisher, date, language, source URL (`dcterms:source`), the SHA-256 and length
  of its text (`plo:textSha256`, `plo:textLength`), and every evidence span keeps its quote and
  offsets, so whoever holds a text can check it is the same one and verify every fact. With
  `with_text=True` the texts travel, but only if every one of them is under a licence that
  allows it (`intake.licences`); otherwise nothing is written. The release's header says
  `dcterms:conformsTo` the release profile, which `labourgraph validate` reads to pick the
  release shape set (`check.shacl.SHAPE_SETS`).
- One licence story, stated per dump in `void.ttl`: the ontology and the extracted facts are
  CC-BY 4.0 (the quotes are citations of their sources), the texts keep their own rights
  (`dcterms:rights`), the code (not in any dump) is MIT.
- Every folder holding a file that imports the ontology gets a Protégé `catalog-v001.xml`
  mapping the import to the ontology file exported beside it; `void.ttl` declares the VoID,
  DCAT and Dublin Core terms it uses, so that each file opens alone in Protégé with no
  missing import and no OWL 2 DL violation.
- `base_url` says where the export is published: its SPARQL endpoint (`{base}/sparql`) and
  its dumps (`{base}/dump/{file}`). Without it, the dumps are named by their persistent
  w3id.org IRIs and no endpoint is claimed (a loopback address is no one else's endpoint).
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, VOID, XSD
from rdflib.term import Node

from labourgraph import __version__
from labourgraph.check.ontology import CATALOG_NAME, catalog_xml, ontology_mapping
from labourgraph.check.shacl import RELEASE_PROFILE
from labourgraph.core.atomic import write_many
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import (
    Row,
    canonical,
    load_graph,
    serialize,
    sorted_rows,
    to_ntriples,
    to_rdfxml,
    to_turtle,
)
from labourgraph.core.vocab import KG_IRI, ONTOLOGY_IRI, PLD, PLO, PREFIXES
from labourgraph.intake.licences import allows_redistribution

FORMATS: dict[str, tuple[str, str]] = {
    "turtle": (".ttl", "text/turtle"),
    "ntriples": (".nt", "application/n-triples"),
    "rdfxml": (".rdf", "application/rdf+xml"),
    "jsonld": (".jsonld", "application/ld+json"),
    "trig": (".trig", "application/trig"),
}
"""Export format name → (file extension, media type)."""

_W3C_FORMATS = {
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "trig": "http://www.w3.org/ns/formats/TriG",
}
CONTEXT_IRI = "https://w3id.org/platform-labour/context.jsonld"
DUMP_BASE = "https://w3id.org/platform-labour/dump/"
"""Where the published dumps live when no `base_url` is given: file names are appended."""
DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
"""The licence of the ontology and of the extracted facts (the graph): CC-BY 4.0."""
TEXT_RIGHTS = (
    "The ontology and the facts extracted from the corpus are under CC-BY 4.0. Each quote "
    "(plo:quote) is a short citation of its source document (dcterms:source), whose text "
    "remains under its own rights: texts are left out of this release unless their own "
    "licence (dcterms:license of the document) allows it."
)
"""`dcterms:rights` of the graph and of its dumps: what the CC-BY licence does not cover."""
CATALOG_ORDER = (".ttl", ".rdf", ".nt", ".jsonld", ".trig")
"""Which exported ontology file the export folder's Protégé catalog points at, by preference."""
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")
"""DCAT 3 `dcat:version`, which rdflib 7.6 does not list in its DCAT namespace."""
VOID_BASE = Namespace(f"{KG_IRI}/void/")
DEFAULT_GRAPH = Path("graph/platform-labour-kg.ttl")
DEFAULT_ONTOLOGY = Path("ontology/platform-labour.ttl")
DEFAULT_CONTEXT = Path("ontology/context.jsonld")
DEFAULT_OUT = Path("out/export")
ONTOLOGY_STEM = "platform-labour"
KG_STEM = "platform-labour-kg"
HEADER = "# Generated by `labourgraph export`; do not edit.\n"


@dataclass(frozen=True)
class ExportResult:
    """What `export` wrote, for the CLI to report."""

    files: tuple[Path, ...]
    kg_triples: int
    ontology_triples: int


def load_context(path: Path | str = DEFAULT_CONTEXT) -> dict[str, str]:
    """Read the published JSON-LD context, refusing anything that would make a reader fetch.

    Only prefix definitions (term → namespace IRI string) are allowed: a nested or remote
    context would send every JSON-LD processor to the network.
    """
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
    except ValueError as err:
        raise LabourgraphError(f"{path}: not JSON: {err}") from None
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and not k.startswith("@")
        for k, v in context.items()
    ):
        raise LabourgraphError(f"{path}: @context must be an object of prefix → IRI strings")
    return context


def release_graph(graph: Graph, *, with_text: bool = False) -> Graph:
    """A copy of the built graph fit to publish: without the documents' texts.

    What a document keeps and why is in the module docstring. `with_text=True` keeps the
    texts, but only when every document's licence (`dcterms:license`, from the catalogue's
    `license`) allows redistribution; otherwise it raises one line naming the documents that
    block it, and nothing is published. The digest and length are added from the text for a
    graph built before they were recorded. The header gains `dcterms:conformsTo` the release
    profile, so that `labourgraph validate` checks it with the release shape set.
    """
    texts = {doc: text for doc, text in graph.subject_objects(PLO.text)}
    if with_text:
        blocked = sorted(
            _stem(doc)
            for doc in texts
            if not allows_redistribution(_value(graph.value(doc, DCTERMS.license)))
        )
        if blocked:
            shown = ", ".join(blocked[:5]) + (
                f" and {len(blocked) - 5} more" if blocked[5:] else ""
            )
            raise LabourgraphError(
                f"--with-text refused: {len(blocked)} of {len(texts)} documents have no licence "
                f"that allows redistributing their text ({shown}); give each a redistributable "
                "`license` in the catalogue, or export without --with-text"
            )
    release = Graph()
    for triple in graph:
        if with_text or triple[1] != PLO.text:
            release.add(triple)
    for doc, text in texts.items():
        if (doc, PLO.textSha256, None) not in graph:
            digest = hashlib.sha256(str(text).encode("utf-8")).hexdigest()
            release.add((doc, PLO.textSha256, Literal(digest)))
        if (doc, PLO.textLength, None) not in graph:
            length = Literal(len(str(text)), datatype=XSD.nonNegativeInteger)
            release.add((doc, PLO.textLength, length))
    if texts or (URIRef(KG_IRI), None, None) in graph:  # a knowledge graph, not an ontology
        release.add((URIRef(KG_IRI), DCTERMS.conformsTo, RELEASE_PROFILE))
    return release


def release_files(paths: Iterable[Path], folder: Path) -> tuple[Path, ...]:
    """The files to serve or push: each graph file that holds documents' texts is replaced by
    its release copy (`release_graph`, as N-Triples in `folder`); other files are kept."""
    out = []
    for index, path in enumerate(paths):
        graph = load_graph(path)
        if (None, PLO.text, None) not in graph:
            out.append(path)
            continue
        target = folder / f"{index}-{path.stem}.nt"
        target.write_bytes(to_ntriples(release_graph(graph)))
        out.append(target)
    return tuple(out)


def _stem(doc: Node) -> str:
    return str(doc).rsplit("/", 1)[-1]


def _value(term: Node | None) -> str | None:
    return None if term is None else str(term)


def export(
    graph_path: Path | str = DEFAULT_GRAPH,
    ontology_path: Path | str = DEFAULT_ONTOLOGY,
    out_dir: Path | str = DEFAULT_OUT,
    formats: Iterable[str] = tuple(FORMATS),
    context_path: Path | str = DEFAULT_CONTEXT,
    *,
    with_text: bool = False,
    base_url: str | None = None,
) -> ExportResult:
    """Write the chosen formats of the ontology and the release graph (`release_graph`),
    `void.ttl`, the Protégé catalog and `SHA256SUMS`.

    Everything is produced in memory first and written with one `write_many`, so a failure
    (a refused `--with-text` included) leaves the previous export untouched.
    """
    formats = sorted(set(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise LabourgraphError(f"unknown export format(s): {', '.join(unknown)}")
    if not formats:
        raise LabourgraphError(f"no export format given: one or more of {', '.join(FORMATS)}")
    base = _base_url(base_url)
    out = Path(out_dir)
    context = load_context(context_path)
    kg = canonical(release_graph(load_graph(graph_path), with_text=with_text))
    onto = canonical(load_graph(ontology_path))
    files: dict[str, bytes] = {}
    for stem, graph in ((ONTOLOGY_STEM, onto), (KG_STEM, kg)):
        rows = sorted_rows(graph)
        ntriples = to_ntriples(graph, rows)
        for fmt in formats:
            ext = FORMATS[fmt][0]
            if fmt == "turtle":
                files[stem + ext] = to_turtle(graph, HEADER, ntriples)
            elif fmt == "ntriples":
                files[stem + ext] = HEADER.encode() + ntriples
            elif fmt == "rdfxml":
                files[stem + ext] = to_rdfxml(graph, HEADER, ntriples)
            elif fmt == "jsonld":
                files[stem + ext] = to_jsonld(graph, context)
            else:
                names = {t: ONTOLOGY_IRI for t in graph} if graph is onto else document_graphs(kg)
                files[stem + ext] = HEADER.encode() + to_trig(rows, names)
    context_bytes = (json.dumps({"@context": context}, indent=2, sort_keys=True) + "\n").encode()
    files["context.jsonld"] = context_bytes
    local = next(ONTOLOGY_STEM + ext for ext in CATALOG_ORDER if ONTOLOGY_STEM + ext in files)
    files[CATALOG_NAME] = catalog_xml(ontology_mapping(onto, local))
    files["void.ttl"] = to_turtle(void_description(kg, onto, files, base), HEADER)
    files["SHA256SUMS"] = checksums(files)
    paths = {out / name: data for name, data in sorted(files.items())}
    write_many(paths)
    return ExportResult(tuple(paths), len(kg), len(onto))


def _base_url(base_url: str | None) -> str | None:
    """The `--base-url`, checked (an absolute http(s) URL) and without its trailing slash."""
    if base_url is None:
        return None
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise LabourgraphError(
            f"--base-url must be an http(s) URL with no query or fragment, not {base_url!r}"
        )
    if any(c in base_url for c in '<>" {}|\\^`'):
        raise LabourgraphError(f"--base-url {base_url!r} holds a character an IRI cannot")
    return base_url.rstrip("/")


def checksums(files: dict[str, bytes]) -> bytes:
    """`sha256sum`-compatible lines for every file, sorted by name."""
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {name}\n"
        for name, data in sorted(files.items())
        if name != "SHA256SUMS"
    ]
    return "".join(lines).encode()


# --- N-Triples, TriG -------------------------------------------------------------------


def document_graphs(graph: Graph) -> dict[tuple, str | None]:
    """Each triple → the document graph it belongs to (None = the shared default graph).

    See the module docstring for the rule.
    """
    doc_prefix = str(PLD) + "document/"

    def own_document(node: object) -> str | None:
        text = str(node)
        if isinstance(node, URIRef) and text.startswith(doc_prefix):
            return doc_prefix + text[len(doc_prefix) :].split("/", 1)[0]
        return None

    evidence_doc: dict[object, str] = {}
    for evidence, doc in graph.subject_objects(PLO.inDocument):
        top = own_document(doc)
        if top:
            evidence_doc[evidence] = top

    def docs_of(node: Node) -> set[str]:
        own = own_document(node) or evidence_doc.get(node)
        if own:
            return {own}
        return {evidence_doc[e] for e in graph.objects(node, PLO.evidence) if e in evidence_doc}

    axiom_docs: dict[tuple, set[str]] = defaultdict(set)
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        key = (
            graph.value(axiom, OWL.annotatedSource),
            graph.value(axiom, OWL.annotatedProperty),
            graph.value(axiom, OWL.annotatedTarget),
        )
        axiom_docs[key] |= docs_of(axiom)

    names: dict[tuple, str | None] = {}
    cache: dict[object, set[str]] = {}
    for s, p, o in graph:
        if p == PLO.evidence:
            docs = {evidence_doc[o]} if o in evidence_doc else set()
        elif (s, p, o) in axiom_docs:
            docs = axiom_docs[(s, p, o)]
        else:
            if s not in cache:
                cache[s] = docs_of(s)
            docs = cache[s]
        names[(s, p, o)] = next(iter(docs)) if len(docs) == 1 else None
    return names


def to_trig(rows: list[Row], names: Mapping[tuple, str | None]) -> bytes:
    """TriG with the default graph first, then named graphs by IRI, triples sorted within."""
    keyed = sorted(((names[r[1]] or "", r[0]), r[2], names[r[1]]) for r in rows)
    ox_quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(n) if n else ox.DefaultGraph())
        for _, t, n in keyed
    ]
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    return serialize(ox_quads, ox.RdfFormat.TRIG, prefixes)


# --- JSON-LD ---------------------------------------------------------------------------


def to_jsonld(graph: Graph, context: dict[str, str]) -> bytes:
    """Compact JSON-LD (one node object per subject) with the context embedded.

    IRIs are shortened with the context's prefixes; literals keep their exact lexical form
    and datatype, so the file reads back to the same graph; blank nodes (the ontology's
    restrictions) keep their canonical labels.
    """
    namespaces = sorted(
        ((iri, term) for term, iri in context.items() if iri.endswith(("/", "#"))),
        key=lambda pair: (-len(pair[0]), pair[1]),
    )

    def compact(iri: str) -> str:
        for namespace, term in namespaces:
            if iri.startswith(namespace) and not iri[len(namespace) :].startswith("//"):
                return f"{term}:{iri[len(namespace) :]}"
        return iri

    def value(term: object) -> object:
        if isinstance(term, URIRef):
            return {"@id": compact(str(term))}
        if isinstance(term, Literal):
            if term.language:
                return {"@value": str(term), "@language": term.language}
            if term.datatype is None or term.datatype == XSD.string:
                return str(term)
            return {"@value": str(term), "@type": compact(str(term.datatype))}
        return {"@id": f"_:{term}"}

    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        node = nodes[value(s)["@id"]]  # type: ignore[index]
        if p == RDF.type and isinstance(o, URIRef):
            node["@type"].append(compact(str(o)))
        else:
            node[compact(str(p))].append(value(o))
    sort_key = lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)  # noqa: E731
    graph_nodes = [
        {"@id": iri, **{k: sorted(vs, key=sort_key) for k, vs in props.items()}}
        for iri, props in sorted(nodes.items())
    ]
    document = {"@context": dict(sorted(context.items())), "@graph": graph_nodes}
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


# --- VoID + DCAT -----------------------------------------------------------------------


def _partition_iri(kind: str, iri: str) -> URIRef:
    """A readable, stable IRI for a class or property partition (`plo-Worker`)."""
    for prefix, namespace in sorted(PREFIXES.items()):
        local = iri[len(str(namespace)) :]
        if iri.startswith(str(namespace)) and re.fullmatch(r"[A-Za-z0-9_\-]+", local):
            return VOID_BASE[f"{kind}/{prefix}-{local}"]
    return VOID_BASE[f"{kind}/h-{hashlib.sha1(iri.encode()).hexdigest()[:16]}"]


def _describe_dataset(
    void: Graph,
    dataset: URIRef,
    graph: Graph,
    stem: str,
    files: dict[str, bytes],
    dump_base: str = DUMP_BASE,
) -> None:
    """Counts, partitions and dumps of one dataset."""
    nn = XSD.nonNegativeInteger
    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, RDF.type, DCAT.Dataset))
    void.add((dataset, VOID.triples, Literal(len(graph), datatype=nn)))
    void.add((dataset, VOID.distinctSubjects, Literal(len(set(graph.subjects())), datatype=nn)))
    void.add((dataset, VOID.distinctObjects, Literal(len(set(graph.objects())), datatype=nn)))
    instances: dict[Node, set[Node]] = defaultdict(set)
    for s, o in graph.subject_objects(RDF.type):
        instances[o].add(s)
    void.add((dataset, VOID.entities, Literal(len(set(graph.subjects(RDF.type))), datatype=nn)))
    void.add((dataset, VOID.classes, Literal(len(instances), datatype=nn)))
    kind = "ontology" if stem == ONTOLOGY_STEM else "kg"
    for cls, members in sorted(instances.items()):
        part = _partition_iri(f"{kind}/class", str(cls))
        void.add((dataset, VOID.classPartition, part))
        void.add((part, VOID["class"], cls))
        void.add((part, VOID.entities, Literal(len(members), datatype=nn)))
    predicates = Counter(p for _, p, _ in graph)
    void.add((dataset, VOID.properties, Literal(len(predicates), datatype=nn)))
    for prop, count in sorted(predicates.items()):
        part = _partition_iri(f"{kind}/property", str(prop))
        void.add((dataset, VOID.propertyPartition, part))
        void.add((part, VOID.property, prop))
        void.add((part, VOID.triples, Literal(count, datatype=nn)))
    for fmt, (ext, media) in sorted(FORMATS.items()):
        name = stem + ext
        if name not in files:
            continue
        dump = URIRef(dump_base + name)
        void.add((dataset, VOID.dataDump, dump))
        void.add((dataset, DCAT.distribution, dump))
        void.add((dump, RDF.type, DCAT.Distribution))
        void.add((dump, DCAT.downloadURL, dump))
        void.add(
            (dump, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}"))
        )
        void.add((dump, DCTERMS.format, URIRef(_W3C_FORMATS[fmt])))
        void.add((dump, DCAT.byteSize, Literal(len(files[name]), datatype=nn)))
        void.add((dump, DCTERMS.license, URIRef(DATA_LICENSE)))
        if stem == KG_STEM:
            void.add((dump, DCTERMS.rights, Literal(TEXT_RIGHTS, lang="en")))
        if fmt == "jsonld":
            void.add((dump, DCTERMS.conformsTo, URIRef(CONTEXT_IRI)))


def void_description(
    kg: Graph, onto: Graph, files: dict[str, bytes], base_url: str | None = None
) -> Graph:
    """The VoID + DCAT description of the knowledge graph and of the ontology.

    With `base_url`, the dumps are at `{base_url}/dump/` and the SPARQL endpoint at
    `{base_url}/sparql`; without it, the dumps are named by their w3id.org IRIs and no
    endpoint is described.
    """
    void = Graph()
    void.bind("void", VOID)
    void.bind("dcat", DCAT)
    kg_iri, onto_iri = URIRef(KG_IRI), URIRef(ONTOLOGY_IRI)
    version = Literal(__version__)
    dump_base = f"{base_url}/dump/" if base_url else DUMP_BASE
    for dataset, graph, stem, title in (
        (kg_iri, kg, KG_STEM, "labourgraph: a knowledge graph of platform labour"),
        (onto_iri, onto, ONTOLOGY_STEM, "The platform labour ontology"),
    ):
        _describe_dataset(void, dataset, graph, stem, files, dump_base)
        void.add((dataset, DCTERMS.title, Literal(title, lang="en")))
        void.add((dataset, DCTERMS.license, URIRef(DATA_LICENSE)))
        void.add((dataset, DCAT_VERSION, version))
        void.add((dataset, OWL.versionInfo, version))
    void.add(
        (
            kg_iri,
            DCTERMS.description,
            Literal(
                "Organisations, workers, task types, AI systems, subcontracting chains and figures "
                "of platform microwork, each fact traced to a quote in a source document.",
                lang="en",
            ),
        )
    )
    void.add((kg_iri, DCTERMS.rights, Literal(TEXT_RIGHTS, lang="en")))
    void.add((kg_iri, DCTERMS.conformsTo, RELEASE_PROFILE))
    void.add((kg_iri, VOID.vocabulary, URIRef(str(PLO))))
    void.add((kg_iri, VOID.uriSpace, Literal(str(PLD))))
    if base_url:
        endpoint = URIRef(f"{base_url}/sparql")
        void.add((kg_iri, VOID.sparqlEndpoint, endpoint))
        void.add((kg_iri, DCAT.accessService, endpoint))
        void.add((endpoint, RDF.type, DCAT.DataService))
        void.add((endpoint, DCAT.endpointURL, endpoint))
        void.add((endpoint, DCAT.servesDataset, kg_iri))
        sparql_protocol = URIRef("https://www.w3.org/TR/sparql11-protocol/")
        void.add((endpoint, DCTERMS.conformsTo, sparql_protocol))
    for fmt in sorted({f for f in FORMATS if KG_STEM + FORMATS[f][0] in files}):
        void.add((kg_iri, VOID.feature, URIRef(_W3C_FORMATS[fmt])))
    example = PLD["organisation/appen"]
    if (example, None, None) in kg:
        void.add((kg_iri, VOID.exampleResource, example))
    declare_terms(void)
    return void


def declare_terms(graph: Graph) -> None:
    """Declare the terms a description uses, so that it opens alone in Protégé as OWL 2 DL.

    Every property is an annotation property (its values are IRIs and literals of every kind,
    which annotations allow and OWL's object and data properties would not mix) and every
    type a class. RDF, RDFS, OWL and XSD terms are OWL's own and need no declaration.
    """
    builtin = (str(RDF), str(RDFS), str(OWL), str(XSD))
    properties = {p for p in graph.predicates() if not str(p).startswith(builtin)}
    classes = {o for o in graph.objects(None, RDF.type) if not str(o).startswith(builtin)}
    for prop in properties:
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
    for cls in classes:
        graph.add((cls, RDF.type, OWL.Class))
