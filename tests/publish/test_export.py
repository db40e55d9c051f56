"""Exports: every file reads back, through a parser other than the one that wrote it, to a
graph isomorphic with the source; the VoID counts are the real counts; rebuilds are
byte-identical, also across processes with different hash seeds."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from labourgraph.check.shacl import RELEASE_PROFILE
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
    with pytest.raises(LabourgraphError, match="no export format"):
        export(KG, ONTO, tmp_path, formats=[])


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


# --- The release profile: no third-party text, one licence story (issue 17) ----------------

VALID = ROOT / "tests" / "data" / "shapes" / "valid.ttl"
VALID_DOC = PLD["document/900_0123456789abcdef"]
TEXT_TERM = re.compile(rb"(ontology#|plo:)text(?![A-Za-z0-9_])")
DCT = ns.DCTERMS


def text_leaks(out: Path, texts: list[str], window: int, stride: int = 40) -> list[str]:
    """Where a run of `window` characters of a text stands in an exported file.

    Each file is searched as written and, for RDF files, in the values of its literals (so
    that escapes such as `\\n` or `&amp;` hide nothing). Windows start every `stride`
    characters: any run of `window + stride` characters of a text is found.
    """
    found = []
    for path in sorted(out.iterdir()):
        haystacks = [path.read_text(encoding="utf-8")]
        fmt = {".ttl": "turtle", ".nt": "ntriples", ".rdf": "rdfxml", ".trig": "trig"}
        if path.suffix in fmt:
            union, _ = read_with_pyoxigraph(path, fmt[path.suffix])
            haystacks.append("\n".join(str(o) for o in union.objects() if isinstance(o, Literal)))
        if path.suffix == ".jsonld":
            haystacks.append(json.dumps(json.loads(haystacks[0]), ensure_ascii=False))
            parsed = Graph().parse(data=haystacks[0], format="json-ld")
            haystacks.append("\n".join(str(o) for o in parsed.objects() if isinstance(o, Literal)))
        for text in texts:
            for start in range(0, max(1, len(text) - window + 1), stride):
                if any(text[start : start + window] in h for h in haystacks):
                    found.append(f"{path.name}: characters {start}-{start + window}")
                    break
    return found


def longest_citation(graph: Graph) -> int:
    """The longest quote or context the graph cites: shorter runs may legitimately appear."""
    cited = [*graph.objects(None, PLO.quote), *graph.objects(None, PLO.context)]
    return max((len(str(c)) for c in cited), default=0)


def with_licence(source: Path, tmp_path: Path, licence: str | None) -> Path:
    """A copy of `source` whose documents' texts are all under `licence` (None: no licence)."""
    graph = load_graph(source)
    for doc in set(graph.subjects(PLO.text, None)):
        graph.remove((doc, DCT.license, None))
        if licence:
            graph.add((doc, DCT.license, URIRef(licence)))
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"licensed-{source.stem}.ttl"
    path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return path


def test_release_graph_drops_the_text_and_keeps_what_verifies_it() -> None:
    full = load_graph(VALID)
    release = release_graph(full)
    text = str(full.value(VALID_DOC, PLO.text))
    assert (None, PLO.text, None) not in release
    assert (
        str(release.value(VALID_DOC, PLO.textSha256)) == hashlib.sha256(text.encode()).hexdigest()
    )
    assert release.value(VALID_DOC, PLO.textLength).toPython() == len(text)
    for prop in (DCT.title, DCT.publisher, DCT.date, DCT.language, DCT.source):
        assert release.value(VALID_DOC, prop) == full.value(VALID_DOC, prop), prop
    spans = set(full.subjects(PLO.inDocument, VALID_DOC))
    assert spans
    for span in spans:  # every quote with its offsets: a holder of the text can check it
        start = release.value(span, PLO.startOffset).toPython()
        end = release.value(span, PLO.endOffset).toPython()
        assert str(release.value(span, PLO.quote)) == text[start:end]
    assert (URIRef(KG_IRI), DCT.conformsTo, RELEASE_PROFILE) in release
    assert len(release) == len(full) - 1 + 1  # the text out, the profile in


def test_release_graph_adds_digest_and_length_to_an_older_graph() -> None:
    release = release_graph(load_graph(KG))  # the fixture predates the digest
    for doc in release.subjects(ns.RDF.type, PLO.SourceDocument):
        assert len(str(release.value(doc, PLO.textSha256))) == 64
        assert release.value(doc, PLO.textLength).toPython() > 0


def test_default_export_has_no_text_and_the_check_can_fail(tmp_path: Path) -> None:
    """No file of a default export names plo:text or holds a run of a text longer than any
    quote; the same check finds the texts in an export made --with-text."""
    full = load_graph(VALID)
    texts = [str(t) for t in full.objects(None, PLO.text)]
    window = longest_citation(full) + 1
    assert all(len(t) > window + 40 for t in texts), "the fixture's text must outrun its quotes"
    out = tmp_path / "default"
    export(VALID, ONTO, out)
    for path in sorted(out.iterdir()):
        is_ontology = path.name.startswith("platform-labour.")
        if not is_ontology:
            assert not TEXT_TERM.search(path.read_bytes()), path.name
    for fmt in sorted(OX_FORMATS):
        for stem in ("platform-labour-kg", "platform-labour"):
            union, _ = read_with_pyoxigraph(out / (stem + FORMATS[fmt][0]), fmt)
            assert (None, PLO.text, None) not in union, (stem, fmt)
    assert text_leaks(out, texts, window) == []
    # The check sees a text when one is there.
    with_text = tmp_path / "with-text"
    export(VALID, ONTO, with_text, with_text=True)  # valid.ttl's text is CC-BY-4.0
    assert TEXT_TERM.search((with_text / "platform-labour-kg.nt").read_bytes())
    assert len(text_leaks(with_text, texts, window)) >= 5


def test_default_export_validates_against_the_release_shapes(tmp_path: Path) -> None:
    from labourgraph.check.shacl import validate_file

    export(VALID, ONTO, tmp_path)
    for name in ("platform-labour-kg.ttl", "platform-labour-kg.nt", "platform-labour-kg.rdf"):
        result = validate_file(tmp_path / name)
        assert result.shape_set == "release"
        assert result.conforms, result.to_text()


def test_the_release_shapes_still_catch_what_a_text_free_graph_shows(tmp_path: Path) -> None:
    from labourgraph.check.shacl import load_shape_set, validate

    release = release_graph(load_graph(VALID))
    span = PLD["evidence/900_0123456789abcdef/444-486"]
    release.set((span, PLO.endOffset, Literal(600, datatype=ns.XSD.nonNegativeInteger)))
    release.set((VALID_DOC, PLO.textSha256, Literal("not a digest")))
    result = validate(release, shapes=load_shape_set("release"))
    failed = {v.constraint or v.component for v in result.violations}
    assert "https://w3id.org/platform-labour/shapes#EvidenceWithinText" in failed
    assert "PatternConstraintComponent" in failed
    # The full shape set still wants the text: a built graph that lost it does not pass.
    full = validate(release_graph(load_graph(VALID)), shapes=load_shape_set("full"))
    assert {v.shape for v in full.violations} == {
        "https://w3id.org/platform-labour/shapes#documentText"
    }


def test_with_text_is_refused_unless_every_licence_allows_it(tmp_path: Path) -> None:
    none = with_licence(VALID, tmp_path, None)
    nc = with_licence(VALID, tmp_path / "nc", "https://creativecommons.org/licenses/by-nc/4.0/")
    for source in (none, nc):
        out = tmp_path / f"out-{source.parent.name}"
        with pytest.raises(LabourgraphError, match="--with-text refused: 1 of 1 documents"):
            export(source, ONTO, out, with_text=True)
        assert not out.exists()  # nothing written
    cmd = [sys.executable, "-c", "from labourgraph.cli import main; main()", "export",
           "--graph", str(none), "--ontology", str(ONTO), "--out", str(tmp_path / "cli"),
           "--with-text"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "900_0123456789abcdef" in done.stderr and "license" in done.stderr
    assert not (tmp_path / "cli").exists()
    cc0 = with_licence(VALID, tmp_path / "cc0", "https://spdx.org/licenses/CC0-1.0")
    export(cc0, ONTO, tmp_path / "cc0-out", with_text=True)
    kept = load_graph(tmp_path / "cc0-out" / "platform-labour-kg.ttl")
    assert kept.value(VALID_DOC, PLO.text) == load_graph(VALID).value(VALID_DOC, PLO.text)


def test_void_states_one_licence_story_per_dump(exported: Path) -> None:
    void = load_graph(exported / "void.ttl")
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    dumps = set(void.subjects(ns.RDF.type, ns.DCAT.Distribution))
    assert len(dumps) == 2 * len(FORMATS)
    for dump in dumps:
        assert set(void.objects(dump, DCT.license)) == {cc_by}, dump
        if "/platform-labour-kg." in str(dump):
            assert "own rights" in str(void.value(dump, DCT.rights))
    assert "MIT" not in (exported / "void.ttl").read_text()
    assert (URIRef(KG_IRI), DCT.conformsTo, RELEASE_PROFILE) in void


def test_base_url_names_the_real_endpoint_and_dumps(tmp_path: Path) -> None:
    export(KG, ONTO, tmp_path, base_url="https://labourgraph.example.org/")
    void = load_graph(tmp_path / "void.ttl")
    endpoint = URIRef("https://labourgraph.example.org/sparql")
    assert void.value(URIRef(KG_IRI), ns.VOID.sparqlEndpoint) == endpoint
    assert void.value(endpoint, ns.DCAT.endpointURL) == endpoint
    dumps = {str(d) for d in void.objects(URIRef(KG_IRI), ns.VOID.dataDump)}
    assert "https://labourgraph.example.org/dump/platform-labour-kg.ttl" in dumps
    assert "127.0.0.1" not in (tmp_path / "void.ttl").read_text()
    for bad in ("ftp://example.org", "example.org", "https://example.org/?q=1", "https://a b"):
        with pytest.raises(LabourgraphError, match="--base-url"):
            export(KG, ONTO, tmp_path / "bad", base_url=bad)


def test_export_folder_has_a_protege_catalog_for_its_imports(exported: Path) -> None:
    from labourgraph.check.ontology import catalog_beside

    kg = load_graph(exported / "platform-labour-kg.ttl")
    assert (URIRef(KG_IRI), ns.OWL.imports, URIRef(ONTOLOGY_IRI)) in kg
    mapping = catalog_beside(exported / "platform-labour-kg.ttl")
    assert mapping[ONTOLOGY_IRI] == (exported / "platform-labour.ttl").resolve()
    sums = (exported / "SHA256SUMS").read_text()
    assert "  catalog-v001.xml\n" in sums


@pytest.mark.slow
@pytest.mark.skipif(not REAL_KG.exists(), reason="graph/ not built yet")
def test_real_export_holds_no_corpus_text_and_conforms(tmp_path: Path) -> None:
    from labourgraph.check.shacl import validate_file
    from labourgraph.intake.corpus import load_corpus

    export(REAL_KG, REAL_ONTO, tmp_path)
    texts = [d.text for d in load_corpus(ROOT / "corpus")[0]]
    window = longest_citation(load_graph(REAL_KG)) + 1
    assert all(len(t) > window + 40 for t in texts)
    for path in sorted(tmp_path.iterdir()):
        if not path.name.startswith("platform-labour."):
            assert not TEXT_TERM.search(path.read_bytes()), path.name
    assert text_leaks(tmp_path, texts, window) == []
    result = validate_file(tmp_path / "platform-labour-kg.ttl")
    assert (result.shape_set, result.conforms) == ("release", True), result.to_text()
