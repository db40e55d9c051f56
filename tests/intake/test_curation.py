"""`labourgraph.intake.curation`: human-reviewed YAML adds and rejects facts, anchored by quotes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import Literal
from rdflib.namespace import PROV, RDF

from labourgraph import build
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.vocab import PLD, PLO
from labourgraph.extract import curate, nlp
from labourgraph.extract.document import DocumentFacts, Resources, extract
from labourgraph.intake import curation

DATA = Path(__file__).parents[1] / "data" / "curation"
DOC = "c01_rangers.txt"
TEXT = (DATA / DOC).read_text(encoding="utf-8")


pytestmark = pytest.mark.usefixtures("cold_cache")


def corpus_with(tmp_path: Path, *curation_files: str) -> Path:
    """A corpus folder holding the fixture document and the given curation files."""
    corpus = tmp_path / "corpus"
    (corpus / "curation").mkdir(parents=True)
    shutil.copy(DATA / DOC, corpus / DOC)
    for name in curation_files:
        shutil.copy(DATA / name, corpus / "curation" / name)
    return corpus


@pytest.fixture(scope="module")
def facts() -> DocumentFacts:
    doc = nlp.analyse([TEXT], "fr")[0]
    return extract("c01_rangers", doc, "fr", Resources())


def relations(facts: DocumentFacts) -> set[tuple[str, str, str, str]]:
    return {
        (r.subject.key, str(r.predicate).rsplit("#", 1)[-1], r.object.key, r.method)
        for r in facts.relations
    }


def test_the_fixture_shows_what_curation_corrects(facts: DocumentFacts) -> None:
    assert ("person", "Task Rangers") in {(m.kind, m.key) for m in facts.mentions}
    assert ("Marta Ruiz", "worksOn", "Zorbly", "relation-rules") in relations(facts)


def test_additions_and_rejections_are_applied(tmp_path: Path, facts: DocumentFacts) -> None:
    curated = curation.load(corpus_with(tmp_path, "good.yaml"))
    fixed = curate.apply(facts, TEXT, curated[DOC])
    added = [m for m in fixed.mentions if m.method == "curation"]
    assert [(m.kind, m.key, m.cls, m.confidence) for m in added] == [
        ("organisation", "Task Rangers", "WorkerCollective", 1.0)
    ]
    assert TEXT[added[0].start : added[0].end] == "Task Rangers"
    found = relations(fixed)
    assert ("Marta Ruiz", "affiliatedWith", "Task Rangers", "curation") in found
    # the rejected person is gone, and so is what hung on it
    assert ("person", "Task Rangers") not in {(m.kind, m.key) for m in fixed.mentions}
    assert not [r for r in found if r[0] == "Task Rangers"]
    # the rejected relation is gone, its ends are not
    assert ("Marta Ruiz", "worksOn", "Zorbly", "relation-rules") not in found
    assert ("organisation", "Zorbly") in {(m.kind, m.key) for m in fixed.mentions}


def test_curated_facts_are_marked_as_curation_in_the_graph(tmp_path: Path) -> None:
    graph = build.run(corpus_with(tmp_path, "good.yaml")).graph
    rangers = PLD["organisation/task-rangers"]
    assert (rangers, RDF.type, PLO.WorkerCollective) in graph
    assert (PLD["person/task-rangers"], None, None) not in graph
    (evidence,) = graph.objects(rangers, PLO.evidence)
    assert graph.value(evidence, PROV.wasGeneratedBy) == PLD["activity/curation"]
    assert graph.value(evidence, PLO.quote) == Literal("Task Rangers")
    assert (PLD["activity/curation"], PLO.method, PLO.HumanCuration) in graph
    marta = PLD["person/marta-ruiz"]
    assert (marta, PLO.affiliatedWith, rangers) in graph
    assert (marta, PLO.worksOn, PLD["organisation/zorbly"]) not in graph


def test_a_quote_not_in_the_document_names_the_closest_passage(
    tmp_path: Path, facts: DocumentFacts
) -> None:
    curated = curation.load(corpus_with(tmp_path, "missing-quote.yaml"))
    with pytest.raises(LabourgraphError) as caught:
        curate.apply(facts, TEXT, curated[DOC])
    message = str(caught.value)
    assert "missing-quote.yaml" in message
    assert "Task Rangerz" in message
    closest = message.split("closest: ", 1)[1]
    assert "membres de Task Rangers sur Discord" in closest
    assert len(closest) <= len("'les membres de Task Rangerz sur Discord'") + 2
    assert "\n" not in message


def test_locate_finds_the_requested_occurrence() -> None:
    text = "Appen, puis Appen encore."
    assert curation.locate(text, "Appen", "f") == (0, 5)
    assert curation.locate(text, "Appen", "f", occurrence=2) == (12, 17)
    with pytest.raises(LabourgraphError, match="not in the document"):
        curation.locate(text, "Appen", "f", occurrence=3)
    with pytest.raises(LabourgraphError, match="non-empty 'quote'"):
        curation.locate(text, "  ", "f")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-yaml.yaml", "bad-yaml.yaml: not a readable YAML file"),
        ("unknown-key.yaml", "unknown-key.yaml: unknown key(s) entitys"),
        ("python-tag.yaml", "python-tag.yaml: not a readable YAML file"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, name: str, expected: str) -> None:
    with pytest.raises(LabourgraphError) as caught:
        curation.load(corpus_with(tmp_path, name))
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_python_tag_is_refused_by_the_safe_loader(tmp_path: Path) -> None:
    with pytest.raises(LabourgraphError, match="python/object"):
        curation.load(corpus_with(tmp_path, "python-tag.yaml"))


def test_an_unknown_key_in_an_entity_is_an_error(tmp_path: Path, facts: DocumentFacts) -> None:
    curated = curation.load(corpus_with(tmp_path, "unknown-entity-key.yaml"))
    with pytest.raises(LabourgraphError, match="an entity needs label, kind, class and quote"):
        curate.apply(facts, TEXT, curated[DOC])


def test_a_misspelt_property_is_one_clear_error(tmp_path: Path, facts: DocumentFacts) -> None:
    curated = curation.load(corpus_with(tmp_path, "unknown-property.yaml"))
    with pytest.raises(LabourgraphError, match="'affiliatedwith' is not a property"):
        curate.apply(facts, TEXT, curated[DOC])


def test_a_curation_file_for_a_missing_document_stops_the_build(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, "good.yaml")
    (corpus / "curation" / "good.yaml").write_text(
        (DATA / "good.yaml").read_text(encoding="utf-8").replace(DOC, "c99_absent.txt"),
        encoding="utf-8",
    )
    with pytest.raises(LabourgraphError, match=r"c99_absent\.txt, which is not in"):
        build.run(corpus)


def test_the_committed_curation_files_apply_to_their_documents() -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    curated = curation.load(corpus)
    assert curated
    for name, data in curated.items():
        text = (corpus / name).read_text(encoding="utf-8")
        for item in [*(data.get("entities") or []), *(data.get("relations") or [])]:
            curation.locate(text, item["quote"], data["_path"], int(item.get("occurrence", 1)))


@pytest.mark.parametrize(
    "cls",
    [
        "WorkerCollective> .\n<https://w3id.org/platform-labour/id/organisation/appen> "
        "<http://www.w3.org/2002/07/owl#sameAs> <http://evil.example/injected> .\n<x",
        'WorkerCollective" ; <a> "b',
        "Worker",  # a person class for an organisation
        "NoSuchClass",
    ],
)
def test_a_curated_class_must_be_a_class_of_the_ontology(
    tmp_path: Path, facts: DocumentFacts, cls: str
) -> None:
    """A class goes into the graph as an IRI: an injection, a class of another kind or an
    undeclared name is one clear error, never triples with no source."""
    corpus = corpus_with(tmp_path, "good.yaml")
    path = corpus / "curation" / "good.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entities"][0]["class"] = cls
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    curated = curation.load(corpus)
    with pytest.raises(
        LabourgraphError, match="is not a class of the ontology for kind 'organisation'"
    ):
        curate.apply(facts, TEXT, curated[DOC])


def test_a_yaml_alias_bomb_is_refused_where_it_stands(tmp_path: Path) -> None:
    """563 bytes of nested aliases would expand to gigabytes in the cache key's JSON."""
    corpus = corpus_with(tmp_path, "good.yaml")
    lines = ["document: c01_rangers.txt", 'a: &a ["lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f",*{chr(97 + i)}" * 8 + "]"
        for i in range(8)
    ]
    (corpus / "curation" / "good.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LabourgraphError, match=r"aliases \(\*name\) are not allowed"):
        curation.load(corpus)
    with pytest.raises(LabourgraphError, match="aliases"):
        build.run(corpus)
