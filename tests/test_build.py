"""`labourgraph build` end to end: the seed graph holds what issue 3 asks for, every fact is
traced to its words, rebuilds are byte-identical, the committed graph is the one the corpus
gives, and a bad corpus file changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from labourgraph import build
from labourgraph.check import ontology, reason
from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.mint import fold
from labourgraph.core.rdfio import load_graph, nt_term
from labourgraph.core.vocab import KG_IRI, ONTOLOGY_IRI, PLD, PLO

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
COMMITTED = ROOT / "graph"
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
DROPPED = ROOT / "tests" / "data" / "dev" / "d01_accra_raters.txt"
FILES = (build.KG_FILE, build.OWL_FILE)

SEED_PLATFORMS = [
    "Appen", "Clickworker", "Amazon Mechanical Turk", "Foule Factory", "Scale AI", "Mighty AI",
    "Remotasks", "Mercor", "Fiverr", "Upwork",
]  # fmt: skip
NOT_PLATFORMS = ["TraceTogether", "StopCovid", "Klarna", "WhatsApp"]
PLATFORMS = {PLO.Platform, PLO.MicroworkPlatform, PLO.FreelancePlatform}
PERSON_ROLES = {
    PLO.Worker, PLO.Researcher, PLO.Journalist, PLO.Photographer, PLO.Executive, PLO.Spokesperson
}  # fmt: skip
# object properties that docs/graph-model.md exempts from the axiom annotation
NOT_ANNOTATED = {
    RDF.type, PLO.evidence, PLO.inDocument, PROV.wasGeneratedBy, PLO.mentions,
    PLO.servesFunction, PLO.method, PLO.genre, URIRef("http://purl.org/dc/terms/isPartOf"),
}  # fmt: skip
ENTITY_SEGMENTS = (
    "organisation/", "person/", "place/", "task-type/", "ai-system/", "application/",
    "population/", "observation/", "statement/", "chain/",
)  # fmt: skip


pytestmark = pytest.mark.usefixtures("cold_cache")


def cli_build(corpus: Path, out: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["build", "--corpus", str(corpus), "--out", str(out)], catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph built by the command line into a new folder, once per module."""
    out = tmp_path_factory.mktemp("fresh") / "graph"
    code, stdout, stderr = cli_build(CORPUS, out)
    assert code == 0, stderr
    assert f"wrote {out / build.KG_FILE}" in stdout
    assert "evidence spans" in stdout
    return out


@pytest.fixture(scope="module")
def graph(fresh: Path) -> Graph:
    return load_graph(fresh / build.KG_FILE)


def names_of(g: Graph, node: URIRef) -> set[str]:
    return {fold(str(n)) for p in (RDFS.label, SKOS.altLabel) for n in g.objects(node, p)}


def named(g: Graph, name: str) -> list[URIRef]:
    return sorted({s for s in g.subjects() if fold(name) in names_of(g, s)})


# --- reproducibility -----------------------------------------------------------------------


@pytest.mark.slow
def test_the_committed_graph_is_the_one_the_corpus_builds(fresh: Path) -> None:
    for name in FILES:
        assert (fresh / name).read_bytes() == (COMMITTED / name).read_bytes(), (
            f"graph/{name} is stale: run `labourgraph build` and commit graph/"
        )


@pytest.mark.slow
def test_two_builds_give_byte_identical_files(fresh: Path, tmp_path: Path) -> None:
    # the second build runs in another process with its own string hashing (PYTHONHASHSEED):
    # nothing may depend on the order of a set or dict of strings
    done = subprocess.run(
        [sys.executable, "-c", "from labourgraph.cli import main; main()", "build",
         "--corpus", str(CORPUS), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
        env={**os.environ, "PYTHONHASHSEED": "4242", "LABOURGRAPH_CACHE": str(tmp_path / "c")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (fresh / name).read_bytes(), name
    written = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert written == sorted([*FILES, build.CATALOG_FILE])  # no temp files left


# --- what the seed graph holds -------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", SEED_PLATFORMS)
def test_every_seed_platform_is_typed_as_a_platform(graph: Graph, name: str) -> None:
    nodes = named(graph, name)
    assert nodes, f"{name} is not in the graph"
    assert any(set(graph.objects(n, RDF.type)) & PLATFORMS for n in nodes), name


@pytest.mark.slow
def test_foule_factory_carries_its_alias_wirk(graph: Graph) -> None:
    node = PLD["organisation/foule-factory"]
    assert (node, RDF.type, PLO.MicroworkPlatform) in graph
    assert "wirk" in names_of(graph, node)
    assert "mturk" in names_of(graph, PLD["organisation/amazon-mechanical-turk"])


@pytest.mark.slow
@pytest.mark.parametrize("name", NOT_PLATFORMS)
def test_non_platforms_are_not_typed_as_platforms(graph: Graph, name: str) -> None:
    nodes = named(graph, name)
    assert nodes, f"{name} should still be in the graph, as something else"
    for node in nodes:
        assert not set(graph.objects(node, RDF.type)) & PLATFORMS, (name, node)


@pytest.mark.slow
def test_every_named_person_has_a_role(graph: Graph) -> None:
    people = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(str(PLD) + "person/")}
    assert len(people) >= 10
    for person in people:
        assert set(graph.objects(person, RDF.type)) & PERSON_ROLES, person
    assert (PLD["person/oskarina-fuentes"], RDF.type, PLO.Worker) in graph
    assert (PLD["person/antonio-casilli"], RDF.type, PLO.Researcher) in graph


@pytest.mark.slow
def test_the_seed_001_chain_has_four_layers(graph: Graph) -> None:
    chains = list(graph.subjects(RDF.type, PLO.SubcontractingChain))
    assert len(chains) == 1
    layers = sorted(graph.objects(chains[0], PLO.hasLayer), key=str)
    roles = [graph.value(layer, PLO.hasRole) for layer in layers]
    assert roles == [
        PLO.ContractingRole,
        PLO.ClientMatchingRole,
        PLO.PaymentRole,
        PLO.TaskExecutionRole,
    ]


@pytest.mark.slow
def test_seed_001_unpaid_time_is_a_working_condition_statement(graph: Graph) -> None:
    statements = [
        s
        for s in graph.subjects(PLO.aboutTopic, PLO.UnpaidTime)
        if (s, RDF.type, PLO.WorkingConditionStatement) in graph
    ]
    assert statements
    quotes = [
        str(graph.value(e, PLO.quote)) for s in statements for e in graph.objects(s, PLO.evidence)
    ]
    assert any("pas rémunéré" in quote for quote in quotes)


# --- provenance ----------------------------------------------------------------------------


def check_quotes(g: Graph) -> int:
    """Every plo:quote is the slice of its document's plo:text at its offsets."""
    texts = {doc: str(text) for doc, text in g.subject_objects(PLO.text)}
    count = 0
    for evidence in g.subjects(RDF.type, PLO.Evidence):
        text = texts[g.value(evidence, PLO.inDocument)]
        start, end = int(g.value(evidence, PLO.startOffset)), int(g.value(evidence, PLO.endOffset))
        assert 0 <= start < end <= len(text), evidence
        assert str(g.value(evidence, PLO.quote)) == text[start:end], evidence
        assert str(evidence).endswith(f"/{start}-{end}")
        assert len(list(g.objects(evidence, PROV.wasGeneratedBy))) == 1, evidence
        count += 1
    return count


def test_every_quote_of_the_committed_graph_is_its_slice() -> None:
    assert check_quotes(load_graph(COMMITTED / build.KG_FILE)) > 100


@pytest.mark.slow
def test_every_quote_of_a_fresh_build_is_its_slice(graph: Graph) -> None:
    assert check_quotes(graph) > 100


@pytest.mark.slow
def test_no_blank_nodes(graph: Graph) -> None:
    assert not [t for triple in graph for t in triple if isinstance(t, BNode)]


@pytest.mark.slow
def test_every_relation_triple_has_an_axiom_with_evidence(graph: Graph) -> None:
    axioms = {}
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        key = (
            graph.value(axiom, OWL.annotatedSource),
            graph.value(axiom, OWL.annotatedProperty),
            graph.value(axiom, OWL.annotatedTarget),
        )
        axioms[key] = len(list(graph.objects(axiom, PLO.evidence)))
    relations = [
        (s, p, o)
        for s, p, o in graph
        if str(s).startswith(str(PLD))
        and isinstance(o, URIRef)
        and str(o).startswith(str(PLD))
        and p not in NOT_ANNOTATED
        and not str(s).startswith(str(PLD) + "axiom/")
        # a statement summary is derived from the statements it counts, which carry the evidence
        and not str(s).startswith(str(PLD) + "summary/")
    ]
    assert len(relations) > 50
    for triple in relations:
        assert axioms.get(triple, 0) >= 1, triple
    for (s, p, o), spans in axioms.items():
        assert (s, p, o) in graph and spans >= 1


@pytest.mark.slow
def test_every_entity_has_evidence(graph: Graph) -> None:
    entities = {
        s
        for s in graph.subjects(RDF.type, None)
        if any(str(s).startswith(str(PLD) + seg) for seg in ENTITY_SEGMENTS)
    }
    assert len(entities) > 100
    for entity in entities:
        assert list(graph.objects(entity, PLO.evidence)), entity


# --- reasoning and the Protégé file ------------------------------------------------------


@pytest.mark.slow
@pytest.mark.java
def test_the_built_graph_is_consistent_with_the_ontology(fresh: Path) -> None:
    ok, unsatisfiable = reason.consistent(ONTOLOGY, fresh / build.KG_FILE)
    assert ok
    assert unsatisfiable == []


@pytest.mark.slow
@pytest.mark.java
def test_the_protege_file_has_no_owl2_dl_violation(fresh: Path) -> None:
    assert ontology.owlapi_profile_check(fresh / build.OWL_FILE) == []
    # The Turtle file imports the ontology: the catalog the build wrote beside it resolves it.
    assert ontology.owlapi_profile_check(fresh / build.KG_FILE) == []


@pytest.mark.slow
def test_the_merged_file_does_not_import_itself_and_a_catalog_sits_beside(fresh: Path) -> None:
    merged = load_graph(fresh / build.OWL_FILE)
    assert list(merged.objects(None, OWL.imports)) == []
    assert (URIRef(KG_IRI), OWL.imports, URIRef(ONTOLOGY_IRI)) in load_graph(fresh / build.KG_FILE)
    mapping = ontology.catalog_beside(fresh / build.KG_FILE)
    assert mapping[ONTOLOGY_IRI] == ONTOLOGY.resolve()


# --- the corpus as a user changes it -------------------------------------------------------


def copy_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return corpus


@pytest.mark.slow
def test_a_dropped_document_is_built_with_one_warning(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    shutil.copy(DROPPED, corpus / DROPPED.name)
    code, _stdout, stderr = cli_build(corpus, tmp_path / "out")
    assert code == 0, stderr
    warnings = [line for line in stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1
    assert DROPPED.name in warnings[0] and "no catalogue entry" in warnings[0]
    g = load_graph(tmp_path / "out" / build.KG_FILE)
    document = PLD[f"document/{DROPPED.stem}"]
    assert (document, RDF.type, PLO.SourceDocument) in g
    assert str(g.value(document, URIRef("http://purl.org/dc/terms/language"))) == "en"
    assert len(list(g.objects(document, PLO.mentions))) >= 3
    assert check_quotes(g) > 100


BAD_FILES = {
    "invalid UTF-8": b"Caf\xe9 au lait\n",
    "empty": b"",
    "NUL byte": b"Un texte\x00avec un octet nul.\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("problem", sorted(BAD_FILES))
def test_a_bad_corpus_file_leaves_the_published_graph_untouched(
    tmp_path: Path, problem: str
) -> None:
    corpus = copy_corpus(tmp_path)
    bad = corpus / "zz_bad.txt"
    bad.write_bytes(BAD_FILES[problem])
    out = tmp_path / "graph"
    out.mkdir()
    before = {}
    for name in FILES:
        shutil.copy2(COMMITTED / name, out / name)
        os.utime(out / name, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
        before[name] = ((out / name).read_bytes(), (out / name).stat().st_mtime_ns)
    done = subprocess.run(
        [sys.executable, "-c", "from labourgraph.cli import main; main()", "build",
         "--corpus", str(corpus), "--out", str(out)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("labourgraph: error: ") and "zz_bad.txt" in lines[0]
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name in FILES:
        assert ((out / name).read_bytes(), (out / name).stat().st_mtime_ns) == before[name]


def one_document_corpus(tmp_path: Path) -> Path:
    """The smallest seed with its catalogue entry: enough for the whole-build cache."""
    import yaml

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "002_64f19025f1debde0.txt"
    shutil.copy(CORPUS / name, corpus / name)
    catalogue = yaml.safe_load((CORPUS / "catalogue.yaml").read_text(encoding="utf-8"))
    entry = {"documents": {name: catalogue["documents"][name]}}
    (corpus / "catalogue.yaml").write_text(yaml.safe_dump(entry), encoding="utf-8")
    return corpus


@pytest.mark.slow
def test_a_build_with_nothing_changed_redoes_nothing_and_keeps_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, out, folder = one_document_corpus(tmp_path), tmp_path / "out", tmp_path / "cache"
    first = build.build(corpus, out, cache_folder=folder)
    assert not first.unchanged and first.result is not None
    written = {name: (out / name).read_bytes() for name in FILES}
    stamps = {name: (out / name).stat().st_mtime_ns for name in FILES}

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged build ran again")

    with monkeypatch.context() as patch:
        patch.setattr(build, "run", no_run)
        second = build.build(corpus, out, cache_folder=folder)
    assert second.unchanged and second.files == first.files
    assert {name: (out / name).stat().st_mtime_ns for name in FILES} == stamps
    # the summary is the first build's, without its timings
    assert [row for row in second.summary if not row[0].startswith("time:")] == [
        row for row in first.summary if not row[0].startswith("time:")
    ]
    assert ("triples", str(first.result.count)) in second.summary

    # an output edited by hand is rebuilt to the bytes the inputs give
    (out / build.KG_FILE).write_bytes(written[build.KG_FILE] + b"# edited\n")
    third = build.build(corpus, out, cache_folder=folder)
    assert not third.unchanged
    assert {name: (out / name).read_bytes() for name in FILES} == written

    # so is a build asked without validation (another key), and one with a changed document
    assert not build.build(corpus, out, cache_folder=folder, validate_graph=False).unchanged
    assert build.build(corpus, out, cache_folder=folder, validate_graph=False).unchanged
    document = next(corpus.glob("*.txt"))
    document.write_text(document.read_text(encoding="utf-8") + "\nFin.\n", encoding="utf-8")
    assert not build.build(corpus, out, cache_folder=folder).unchanged

    # a bad document is an error whatever the cache says, and the files stay
    (corpus / "zz_bad.txt").write_bytes(BAD_FILES["NUL byte"])
    kept = {name: (out / name).read_bytes() for name in FILES}
    with pytest.raises(LabourgraphError, match=r"zz_bad\.txt"):
        build.build(corpus, out, cache_folder=folder)
    assert {name: (out / name).read_bytes() for name in FILES} == kept


@pytest.mark.slow
def test_a_graph_that_breaks_the_shapes_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from labourgraph.check.shacl import NonConformingGraph

    real = build.entity_nodes

    def with_a_bad_triple(*args, **kwargs):
        # an organisation without evidence: plsh:ProvenanceShape
        bad = (PLD["organisation/nowhere"].n3(), RDF.type.n3(), PLO.Platform.n3())
        return real(*args, **kwargs) | {bad}

    monkeypatch.setattr(build, "entity_nodes", with_a_bad_triple)
    out = tmp_path / "graph"
    out.mkdir()
    for name in FILES:
        shutil.copy2(COMMITTED / name, out / name)
    with pytest.raises(NonConformingGraph, match="ProvenanceShape"):
        build.build(one_document_corpus(tmp_path), out, cache_folder=tmp_path / "cache")
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (out / name).read_bytes() == (COMMITTED / name).read_bytes()


def test_the_cycle_collector_is_back_on_after_assembly(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    build.run(one_document_corpus(tmp_path), use_cache=False, validate_graph=False)
    assert gc.isenabled()


def test_the_graph_goes_through_temporary_files_that_do_not_outlive_the_build(
    tmp_path: Path,
) -> None:
    """The merged lines are written once to a file that validation and both outputs read
    (`BuildResult.path`); the outputs are streamed into temporary files and switched. After
    `build`, the folder holds the three files and nothing else; a `run` without an output
    folder keeps its files in a private folder, removed with the result."""
    import gc

    from labourgraph.core.ntlines import nt_triples
    from labourgraph.core.rdfio import to_turtle

    corpus = one_document_corpus(tmp_path)
    result = build.run(corpus, use_cache=False, serialise=True)
    scratch = result.path.parent
    assert scratch.is_dir() and result.path.read_bytes() == b"".join(sorted(set(result.lines)))
    assert result.count == len(result.lines) == len(set(nt_triples(result.lines)))
    assert result.outputs[build.KG_FILE].read_bytes() == to_turtle(result.graph, build.HEADER)
    out = tmp_path / "graph"
    published = build.build(corpus, out, use_cache=False)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [build.KG_FILE, build.OWL_FILE, build.CATALOG_FILE]
    )
    assert (out / build.KG_FILE).read_bytes() == result.outputs[build.KG_FILE].read_bytes()
    assert published.result is not None and not published.result.path.exists()
    # `build` keeps no facts once the graph is assembled (they grow with the corpus): the
    # same files all the same
    assert result.facts and published.result.facts == []
    del result
    gc.collect()
    assert not scratch.exists()


# --- faults: one line, nothing lost ---------------------------------------------------------

CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    """Two builds writing into one folder would interleave their files."""
    from labourgraph.core import atomic

    out = tmp_path / "graph"
    with atomic.lock(out):
        done = subprocess.run(
            [*CLI, "build", "--corpus", str(CORPUS), "--out", str(out), "--no-cache"],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"labourgraph: error: {out}: another build is writing into this folder "
        f"(it holds {out / atomic.LOCK}); wait for it to finish"
    ]


def test_a_full_disk_names_the_file_and_leaves_the_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from labourgraph.core import atomic

    out = tmp_path / "graph"
    out.mkdir()
    for name in FILES:
        shutil.copy2(COMMITTED / name, out / name)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if os.fstat(fd).st_size > 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(atomic.WriteFailed, match=r"cannot write: No space left on device") as err:
        build.build(one_document_corpus(tmp_path), out, use_cache=False)
    assert str(err.value).startswith(str(out / FILES[0]))
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (out / name).read_bytes() == (COMMITTED / name).read_bytes()


def test_a_damaged_cache_is_set_aside_and_the_build_goes_on(tmp_path: Path) -> None:
    from labourgraph import cache

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / cache.FILE_NAME).write_bytes(b"garbage, not SQLite" * 64)
    done = subprocess.run(
        [*CLI, "build", "--corpus", str(one_document_corpus(tmp_path)), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "LABOURGRAPH_CACHE": str(folder)},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warned = [line for line in done.stderr.splitlines() if "damaged cache" in line]
    assert len(warned) == 1 and warned[0].startswith(f"warning: {folder / cache.FILE_NAME}")
    assert (folder / (cache.FILE_NAME + ".corrupt")).is_file()


@pytest.mark.slow
def test_a_document_over_a_million_characters_builds_with_exact_quotes(tmp_path: Path) -> None:
    """spaCy's max_length (1,000,000 characters) was a traceback (E088) below intake's 10 MiB."""
    from sizes import paragraphs

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = paragraphs(6_800)
    assert len(text) > 1_000_000
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    (corpus / "catalogue.yaml").write_text(
        "documents:\n  long.txt: {title: Long, language: fr}\n", encoding="utf-8"
    )
    result = build.run(corpus, use_cache=False)
    (facts,) = result.facts
    assert len(facts.observations) > 6_000
    graph = result.graph
    checked = 0
    for evidence in graph.subjects(PLO.startOffset, None):
        start = int(graph.value(evidence, PLO.startOffset))
        end = int(graph.value(evidence, PLO.endOffset))
        quote = graph.value(evidence, PLO.quote)
        if quote is not None:
            assert str(quote) == text[start:end], (start, end)
            checked += 1
    assert checked > 6_000
    assert max(o.end for o in facts.observations) > 1_000_000


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_real_texts_nobody_here_wrote_build_into_a_conforming_graph(split: str) -> None:
    """The rules are written from the seeds and the dev texts; a relation or a figure they
    make on another text must still fit the shapes (a person affiliated with a person, a
    per-unit on a count), or a researcher's own corpus would not build. Only that the build
    conforms is looked at here, never what the test texts say."""
    corpus = ROOT / "tests" / "data" / "real" / split
    result = build.run(corpus, validate_graph=True)  # raises on any violation
    assert len(result.documents) == len(list(corpus.glob("*.txt")))
    assert result.triples


# --- incremental rebuilds ------------------------------------------------------------------


def _rename(corpus: Path, name: str, old: str, new: str) -> None:
    path = corpus / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS = {
    "text changed": lambda corpus: (corpus / "004_fe268067a8f638ca.txt").write_text(
        (corpus / "004_fe268067a8f638ca.txt").read_text(encoding="utf-8")
        + "\nAppen paie 2 dollars de l'heure aux annotateurs de Madagascar.\n",
        encoding="utf-8",
    ),
    "document added": lambda corpus: shutil.copy(DROPPED, corpus / DROPPED.name),
    "document removed": lambda corpus: (corpus / DROPPED.name).unlink(),
    # Casilli and Tubaro are named in other documents too: their entities lose evidence, and
    # the new names are new people
    "shared entity renamed": lambda corpus: (
        _rename(corpus, "002_64f19025f1debde0.txt", "Casilli", "Casillo"),
        _rename(corpus, "002_64f19025f1debde0.txt", "Tubaro", "Tubarro"),
    ),
}


@pytest.mark.slow
def test_a_rebuild_after_an_edit_gives_the_bytes_of_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edit in turn, built from the cache the build before it left (only what changed
    validated again, `check.incremental`, and the files patched where it changed,
    `build._patched`), gives the same files as a build of the edited corpus from nothing."""
    from labourgraph.check import fastcheck, incremental

    corpus, out, folder = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(CORPUS, corpus)
    build.build(corpus, out, cache_folder=folder)
    calls: list[str] = []
    real_full, real_incremental = fastcheck.check, incremental.check
    monkeypatch.setattr(
        fastcheck, "check", lambda *a, **k: (calls.append("full"), real_full(*a, **k))[1]
    )
    monkeypatch.setattr(
        incremental,
        "check",
        lambda *a, **k: (calls.append("incremental"), real_incremental(*a, **k))[1],
    )
    real_patched = build._patched

    def patched(*args, **kwargs):
        done = real_patched(*args, **kwargs)
        calls.append("patched" if done is not None else "rendered")
        return done

    monkeypatch.setattr(build, "_patched", patched)
    remade: dict[str, int] = {}
    for number, (edit, apply) in enumerate(EDITS.items()):
        apply(corpus)
        calls.clear()
        rebuilt = build.build(corpus, out, cache_folder=folder)
        assert not rebuilt.unchanged and rebuilt.result is not None, edit
        assert rebuilt.result.cached >= len(rebuilt.result.documents) - 1, edit
        # the other documents' graph fragments come from the cache (`build._assemble`)
        remade[edit] = rebuilt.result.fragments
        # removing the document just added gives a graph that already passed: not validated;
        # both files are patched from the last ones, not rendered again
        validated = [] if edit == "document removed" else ["incremental"]
        assert calls == [*validated, "patched", "patched"], edit
        cold = tmp_path / f"cold-{number}"
        build.build(corpus, cold, use_cache=False)
        for name in FILES:
            assert (out / name).read_bytes() == (cold / name).read_bytes(), (edit, name)
    assert remade == REMADE


REMADE = {"text changed": 1, "document added": 1, "document removed": 0, "shared entity renamed": 3}
"""How many fragments each edit makes again: the edited document's alone, unless the edit
changes an entity other documents name. Seed 002 cites "(Casilli, 2021)" and "(Tubaro et al.,
2020)", read as the two researchers: renamed, their entities lose the aliases "Casilli" and
"Tubaro", so the fragments of seeds 000 and 001, which name them too, are made again."""


@pytest.mark.slow
def test_an_edit_that_breaks_a_shape_is_reported_as_by_a_full_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from labourgraph.check.shacl import NonConformingGraph

    corpus, out, folder = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(CORPUS, corpus)
    build.build(corpus, out, cache_folder=folder)
    kept = {name: (out / name).read_bytes() for name in FILES}
    real = build.entity_nodes

    def with_a_bad_triple(*args, **kwargs):
        triples = real(*args, **kwargs)
        bad = (PLD["organisation/nowhere"], RDF.type, PLO.Platform)  # no evidence
        return triples | {tuple(map(nt_term, bad))}

    monkeypatch.setattr(build, "entity_nodes", with_a_bad_triple)
    EDITS["text changed"](corpus)
    with pytest.raises(NonConformingGraph, match="ProvenanceShape"):
        build.build(corpus, out, cache_folder=folder)
    assert {name: (out / name).read_bytes() for name in FILES} == kept


def test_held_facts_give_back_the_facts_and_hold_only_the_names_as_objects() -> None:
    """`build._Held`: what `run` keeps of a document between analysis and assembly."""
    from labourgraph import cache
    from test_cache import sample_facts

    facts = sample_facts()
    held = build._Held.made(facts)
    assert held.facts() == facts and held.facts() is not held.facts()  # decoded at each call
    assert held.names == facts.mentions + facts.things
    assert held.counts == (len(facts.mentions), len(facts.observations), len(facts.relations))
    assert held.encoded == cache.dumps(facts)
    assert build._Held.of(held.encoded) == held
