"""`labourgraph.intake.curation`: human-reviewed YAML adds and rejects facts, anchored by quotes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

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
        ("bad-yaml.yaml", "bad-yaml.yaml: invalid YAML at line 4"),
        ("unknown-key.yaml", "unknown-key.yaml: entitys: unknown key"),
        ("python-tag.yaml", "python-tag.yaml: invalid YAML at line 3"),
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


def test_an_unknown_key_in_an_entity_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LabourgraphError, match=r"entities, item 1, note: unknown key"):
        curation.load(corpus_with(tmp_path, "unknown-entity-key.yaml"))


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


def _good() -> dict:
    return yaml.safe_load((DATA / "good.yaml").read_text(encoding="utf-8"))


def _write_curation(corpus: Path, data: object, name: str = "good.yaml") -> Path:
    path = corpus / "curation" / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("entities", 0, "occurrence", "abc"), "entities, item 1, occurrence: expected a valid"),
        (
            ("entities", 0, "occurrence", 0),
            "entities, item 1, occurrence: expected greater than or equal to 1",
        ),
        (("entities", 0, "class", ["x"]), "entities, item 1, class: expected a valid string"),
        (("entities", 0, "label", 42), "entities, item 1, label: expected a valid string"),
        (("entities", 0, "kind", "dog"), "entities, item 1, kind: expected 'organisation'"),
        (("relations", 0, "property", {"a": 1}), "relations, item 1, property: expected a"),
        (("relations", 0, "quote", None), "relations, item 1, quote: expected a valid string"),
        (("reject", None, None, 5), "reject: expected a valid list (got 5)"),
        (("reject", 1, "relation", ["a", "b"]), "reject, item 2, relation: expected a list"),
        (("reject", 0, "entity", True), "reject, item 1, entity: expected a valid string"),
        (("entities", None, None, "x"), "entities: expected a valid list"),
        (("document", None, None, 7), "needs a top-level 'document: <file name>' entry"),
    ],
)
def test_a_wrong_type_is_one_line_naming_the_file_and_the_key(
    tmp_path: Path, change: tuple, expected: str
) -> None:
    """Each of these was a traceback somewhere in extraction (`int('abc')`, a list as a set
    key, a loop over 5): now the file and the key, at intake, before any work."""
    corpus = corpus_with(tmp_path)
    data = _good()
    section, index, key, value = change
    if index is None:
        data[section] = value
    else:
        data[section][index][key] = value
    path = _write_curation(corpus, data)
    with pytest.raises(LabourgraphError) as caught:
        curation.load(corpus)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message, message
    assert "\n" not in message


@pytest.mark.parametrize("where", ["entities", "document", "top"])
def test_twenty_thousand_nested_brackets_are_one_line(tmp_path: Path, where: str) -> None:
    corpus = corpus_with(tmp_path)
    nested = "[" * 20_000 + "]" * 20_000
    text = {
        "entities": f"document: {DOC}\nentities: {nested}\n",
        "document": f"document: {nested}\n",
        "top": nested + "\n",
    }[where]
    path = corpus / "curation" / "good.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LabourgraphError) as caught:
        curation.load(corpus)
    assert str(caught.value).startswith(f"{path}: invalid YAML at line")
    assert "nested more than 50 levels deep" in str(caught.value)


def test_a_curation_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, "good.yaml")
    path = corpus / "curation" / "good.yaml"
    with path.open("a", encoding="utf-8") as stream:
        stream.write("#" * curation.MAX_CURATION_BYTES + "\n")
    with pytest.raises(LabourgraphError, match="file too large"):
        curation.load(corpus)


def test_a_second_curation_file_for_the_same_document_is_an_error(tmp_path: Path) -> None:
    """It used to replace the first one silently (the later file name won)."""
    corpus = corpus_with(tmp_path, "good.yaml")
    _write_curation(
        corpus, {"document": DOC, "reject": [{"entity": "person/Marta Ruiz"}]}, "z.yaml"
    )
    with pytest.raises(LabourgraphError) as caught:
        curation.load(corpus)
    message = str(caught.value)
    assert "z.yaml: curates c01_rangers.txt" in message and "good.yaml already curates" in message


EVIL = "http://evil.example/injected"
INJECTIONS = {
    "ntriples": "WorkerCollective> .\n<https://w3id.org/platform-labour/id/organisation/appen> "
    f"<http://www.w3.org/2002/07/owl#sameAs> <{EVIL}> .\n<x",
    "turtle": f'x" ; <http://www.w3.org/2002/07/owl#sameAs> <{EVIL}> ; <a> "b',
}
FIELDS = [
    ("document", None, None),
    ("entities", 0, "label"),
    ("entities", 0, "kind"),
    ("entities", 0, "class"),
    ("entities", 0, "quote"),
    ("entities", 0, "occurrence"),
    ("relations", 0, "subject"),
    ("relations", 0, "property"),
    ("relations", 0, "object"),
    ("relations", 0, "quote"),
    ("relations", 0, "occurrence"),
    ("reject", 0, "entity"),
    ("reject", 1, "relation"),
]


@pytest.mark.parametrize("injection", sorted(INJECTIONS))
@pytest.mark.parametrize(
    "field", FIELDS, ids=lambda f: ".".join(str(p) for p in f if p is not None)
)
def test_no_curation_field_can_inject_a_triple(
    tmp_path: Path, field: tuple, injection: str
) -> None:
    """Every field, an N-Triples and a Turtle injection: one clear error, or a graph whose
    every IRI is the project's own and which holds the injected text, if at all, as a plain
    literal (a label). Never an `owl:sameAs`, never the attacker's IRI."""
    corpus = corpus_with(tmp_path)
    data = _good()
    section, index, key = field
    value = INJECTIONS[injection]
    if index is None:
        data[section] = value
    elif key == "relation":
        data[section][index][key][1] = value
    else:
        data[section][index][key] = value
    _write_curation(corpus, data)
    try:
        result = build.run(corpus, validate_graph=False, use_cache=False)
    except LabourgraphError as err:
        assert "\n" not in str(err)
        return
    graph = result.graph
    assert (None, OWL.sameAs, None) not in graph
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                assert "evil.example" not in term, triple
                assert str(term).startswith(("https://w3id.org/platform-labour", "http://www.w3"))
    added = [o for o in graph.objects(None, RDFS.label) if "evil.example" in o]
    assert all(isinstance(o, Literal) for o in added)
