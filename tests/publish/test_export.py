"""Exports: every file reads back, through a parser other than the one that wrote it, to a
graph isomorphic with the source; the VoID counts are the real counts; rebuilds are
byte-identical, also across processes with different hash seeds."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import KG_IRI, ONTOLOGY_IRI, PLD, PLO, PREFIXES
from labourgraph.publish.export import FORMATS, export, load_context, release_graph

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "export"
KG = DATA / "kg.ttl"
ONTO = DATA / "ontology.ttl"
REAL_KG = ROOT / "graph" / "platform-labour-kg.ttl"
REAL_ONTO = ROOT / "ontology" / "platform-labour.ttl"
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
}


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal), f"unexpected term {term}"
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(ns.XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def expected(source: Path) -> Graph:
    """What the export of `source` must hold: the ontology as it is, a graph as released."""
    graph = load_graph(source)
    return release_graph(graph) if (None, PLO.inDocument, None) in graph else graph


def read_with_pyoxigraph(path: Path, fmt: str) -> tuple[Graph, dict[str, Graph]]:
    """The union graph and the graph of each name, read by pyoxigraph."""
    union, named = Graph(), {}
    for quad in ox.parse(path=str(path), format=OX_FORMATS[fmt]):
        triple = (_rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object))
        union.add(triple)
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        named.setdefault(name, Graph()).add(triple)
    return union, named


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export(KG, ONTO, out)
    return out


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test (a fetched JSON-LD context)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("fmt", sorted(OX_FORMATS))
@pytest.mark.parametrize(
    ("stem", "source"), [("platform-labour-kg", KG), ("platform-labour", ONTO)]
)
def test_export_reads_back_isomorphic_with_pyoxigraph(
    exported: Path, fmt: str, stem: str, source: Path
) -> None:
    union, _ = read_with_pyoxigraph(exported / (stem + FORMATS[fmt][0]), fmt)
    original = expected(source)
    assert len(union) == len(original)
    assert isomorphic(union, original)


@pytest.mark.parametrize(
    ("stem", "source"), [("platform-labour-kg", KG), ("platform-labour", ONTO)]
)
def test_jsonld_reads_back_isomorphic_with_rdflib_offline(
    exported: Path, stem: str, source: Path, no_network: None
) -> None:
    data = (exported / f"{stem}.jsonld").read_text(encoding="utf-8")
    parsed = Graph().parse(data=data, format="json-ld")
    assert isomorphic(parsed, expected(source))
    assert json.loads(data)["@context"] == load_context(ROOT / "ontology" / "context.jsonld")


def test_trig_puts_each_triple_in_the_graph_of_its_evidence_document(exported: Path) -> None:
    _, named = read_with_pyoxigraph(exported / "platform-labour-kg.trig", "trig")
    doc3, doc4 = str(PLD["document/003_test"]), str(PLD["document/004_test"])
    assert set(named) == {"", doc3, doc4}
    appen, fuentes = PLD["organisation/appen"], PLD["person/oskarina-fuentes"]
    # Appen is named in both documents: its type is shared, each mention stays with its text.
    assert (appen, ns.RDF.type, PLO.MicroworkPlatform) in named[""]
    assert (appen, PLO.evidence, PLD["evidence/004_test/11-16"]) in named[doc4]
    assert (appen, PLO.evidence, PLD["evidence/003_test/32-37"]) in named[doc3]
    # The relation goes where its axiom's evidence is, with its axiom and the span.
    assert (fuentes, PLO.worksOn, appen) in named[doc3]
    assert (PLD["axiom/0123456789abcdef"], ns.RDF.type, ns.OWL.Axiom) in named[doc3]
    assert (PLD["evidence/004_test/11-16"], PLO.quote, Literal("Appen")) in named[doc4]
    assert (PLD["document/004_test"], PLO.mentions, appen) in named[doc4]
    assert (PLD["activity/lexicon"], ns.RDF.type, PLO.ExtractionActivity) in named[""]


def test_void_counts_are_the_real_counts(exported: Path) -> None:
    void = load_graph(exported / "void.ttl")
    kg, onto = expected(KG), load_graph(ONTO)
    for iri, graph in ((URIRef(KG_IRI), kg), (URIRef(ONTOLOGY_IRI), onto)):
        assert void.value(iri, ns.VOID.triples).toPython() == len(graph)
        partitions = list(void.objects(iri, ns.VOID.propertyPartition))
        assert all(isinstance(p, URIRef) for p in partitions)
        assert sum(void.value(p, ns.VOID.triples).toPython() for p in partitions) == len(graph)
        assert {void.value(p, ns.VOID.property) for p in partitions} == set(graph.predicates())
    kg_iri = URIRef(KG_IRI)
    classes = {
        void.value(p, ns.VOID["class"]): void.value(p, ns.VOID.entities).toPython()
        for p in void.objects(kg_iri, ns.VOID.classPartition)
    }
    assert all(isinstance(p, URIRef) for p in void.objects(kg_iri, ns.VOID.classPartition))
    assert classes[PLO.MicroworkPlatform] == 1
    assert classes[PLO.Evidence] == 4
    assert void.value(kg_iri, ns.VOID.sparqlEndpoint) is None  # no loopback address
    dumps = {str(d).rsplit("/", 1)[1] for d in void.objects(kg_iri, ns.VOID.dataDump)}
    assert dumps == {"platform-labour-kg" + ext for ext, _ in FORMATS.values()}
    for dump in void.objects(kg_iri, ns.DCAT.distribution):
        name = str(dump).rsplit("/", 1)[1]
        assert void.value(dump, ns.DCAT.byteSize).toPython() == (exported / name).stat().st_size
    assert void.value(kg_iri, URIRef("http://purl.org/dc/terms/license")) is not None


def test_sha256sums_match_the_files(exported: Path) -> None:
    lines = (exported / "SHA256SUMS").read_text().splitlines()
    names = sorted(p.name for p in exported.iterdir() if p.name != "SHA256SUMS")
    assert [line.split("  ")[1] for line in lines] == names
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((exported / name).read_bytes()).hexdigest() == digest


def test_export_twice_gives_the_same_bytes_across_processes(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [
            sys.executable,
            "-c",
            "from labourgraph.cli import main; main()",
            "export",
            "--graph",
            str(KG),
            "--ontology",
            str(ONTO),
            "--out",
            str(out),
        ]
        subprocess.run(cmd, check=True, env=env, cwd=ROOT, capture_output=True)
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outs[0]) == 2 * len(FORMATS) + 4
    assert outs[0] == outs[1]


def test_single_format_export_lists_only_its_dumps(tmp_path: Path) -> None:
    export(KG, ONTO, tmp_path, formats=["ntriples"])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "SHA256SUMS",
        "catalog-v001.xml",
        "context.jsonld",
        "platform-labour-kg.nt",
        "platform-labour.nt",
        "void.ttl",
    ]
    with pytest.raises(LabourgraphError, match="unknown export format"):
        export(KG, ONTO, tmp_path, formats=["n3"])


def test_published_context_defines_every_project_prefix() -> None:
    context = load_context(ROOT / "ontology" / "context.jsonld")
    assert context == {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def test_a_context_that_would_be_fetched_is_refused(tmp_path: Path) -> None:
    remote = tmp_path / "context.jsonld"
    remote.write_text(json.dumps({"@context": "https://example.org/context.jsonld"}))
    with pytest.raises(LabourgraphError, match="prefix"):
        load_context(remote)


@pytest.mark.slow
@pytest.mark.skipif(not REAL_ONTO.exists(), reason="ontology/ not written yet")
def test_real_ontology_with_blank_nodes_round_trips_in_every_format(tmp_path: Path) -> None:
    export(KG, REAL_ONTO, tmp_path)
    original = load_graph(REAL_ONTO)
    assert any(isinstance(t, BNode) for triple in original for t in triple)
    for fmt in sorted(OX_FORMATS):
        union, _ = read_with_pyoxigraph(tmp_path / f"platform-labour{FORMATS[fmt][0]}", fmt)
        assert isomorphic(union, original), fmt
    data = (tmp_path / "platform-labour.jsonld").read_text(encoding="utf-8")
    assert isomorphic(Graph().parse(data=data, format="json-ld"), original)
    again = tmp_path / "again"
    export(KG, REAL_ONTO, again)
    assert (again / "SHA256SUMS").read_bytes() == (tmp_path / "SHA256SUMS").read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(not REAL_KG.exists(), reason="graph/ not built yet")
def test_real_graph_exports_round_trip(tmp_path: Path) -> None:
    export(REAL_KG, REAL_ONTO, tmp_path)
    original = release_graph(load_graph(REAL_KG))
    for fmt in ("ntriples", "trig", "rdfxml"):
        union, _ = read_with_pyoxigraph(tmp_path / f"platform-labour-kg{FORMATS[fmt][0]}", fmt)
        assert isomorphic(union, original), fmt
    jsonld = Graph().parse(
        data=(tmp_path / "platform-labour-kg.jsonld").read_text(), format="json-ld"
    )
    assert isomorphic(jsonld, original)
    void = load_graph(tmp_path / "void.ttl")
    assert void.value(URIRef(KG_IRI), ns.VOID.triples).toPython() == len(original)
    _, named = read_with_pyoxigraph(tmp_path / "platform-labour-kg.trig", "trig")
    documents = {str(d) for d in original.subjects(ns.RDF.type, PLO.SourceDocument)}
    assert set(named) - {""} == documents
    assert len(documents) >= 5  # the five seed texts
