"""The ontology file itself, and `labourgraph.check.ontology`'s checks (rdflib, HermiT, OWL API)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from labourgraph.check import ontology
from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph, parse_bytes
from labourgraph.core.vocab import ONTOLOGY_IRI, PLO

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
CATALOG = ROOT / "ontology" / "catalog-v001.xml"
KG_FIXTURE = Path(__file__).parents[1] / "data" / "ontology" / "annotated-axiom-kg.ttl"

CORE_CLASSES = [
    "Organisation", "Platform", "MicroworkPlatform", "FreelancePlatform", "Person", "Worker",
    "Researcher", "Journalist", "Place", "WorkerPopulation", "TaskType", "AILabourFunction",
    "AISystem", "SubcontractingChain", "ChainLayer", "ChainRole", "StatisticalObservation",
    "PayRate", "SourceDocument", "Evidence",
]  # fmt: skip
CORE_OBJECT_PROPERTIES = [
    "servesFunction", "offersTaskType", "performsTaskType", "supportsAISystem", "worksOn",
    "affiliatedWith", "basedIn", "subcontractsTo", "hasLayer", "hasRole", "operatedBy",
    "indicator", "population", "aboutOrganisation", "refArea", "inDocument",
]  # fmt: skip
CORE_DATATYPE_PROPERTIES = [
    "layerIndex", "value", "minValue", "maxValue", "unit", "perUnit", "refPeriod", "quote",
    "startOffset", "endOffset", "text",
]  # fmt: skip
CORE_INDIVIDUALS = {
    "AILabourFunction": ["Preparation", "Verification", "Imitation"],
    "ChainRole": ["ContractingRole", "ClientMatchingRole", "PaymentRole", "TaskExecutionRole"],
}
SUPERCLASSES = {
    "Platform": "Organisation", "MicroworkPlatform": "Platform", "FreelancePlatform": "Platform",
    "Worker": "Person", "Researcher": "Person", "Journalist": "Person",
    "PayRate": "StatisticalObservation",
}  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(ONTOLOGY)


@pytest.fixture(scope="module")
def kinds(graph: Graph) -> dict[URIRef, str]:
    return ontology.terms(graph)


# --- The ontology's content ----------------------------------------------------------------


def test_header_metadata(graph: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in graph
    assert (onto, OWL.versionIRI, URIRef(ONTOLOGY_IRI + "/0.1.0")) in graph
    for prop in ("title", "description", "creator", "license"):
        assert graph.value(onto, URIRef("http://purl.org/dc/terms/" + prop)) is not None, prop
    assert graph.value(onto, OWL.versionInfo) is not None
    assert (
        str(graph.value(onto, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")))
        == "plo"
    )
    assert not list(graph.objects(None, OWL.imports)), "no owl:imports: everything is local"


def test_core_terms_exist_with_their_exact_iri_and_kind(
    kinds: dict[URIRef, str], graph: Graph
) -> None:
    for name in CORE_CLASSES:
        assert kinds.get(PLO[name]) == "class", name
    for name in CORE_OBJECT_PROPERTIES:
        assert kinds.get(PLO[name]) == "object property", name
    for name in CORE_DATATYPE_PROPERTIES:
        assert kinds.get(PLO[name]) == "datatype property", name
    assert kinds.get(PLO.evidence) == "annotation property"
    for cls, members in CORE_INDIVIDUALS.items():
        for name in members:
            assert kinds.get(PLO[name]) == "individual", name
            assert (PLO[name], RDF.type, PLO[cls]) in graph, name
    for sub, sup in SUPERCLASSES.items():
        assert (PLO[sub], RDFS.subClassOf, PLO[sup]) in graph, sub
    assert (PLO.subcontractsTo, RDF.type, OWL.TransitiveProperty) in graph


def test_every_term_of_the_graph_model_is_declared(kinds: dict[URIRef, str]) -> None:
    used = set(re.findall(r"plo:([A-Za-z0-9_]+)", (ROOT / "docs" / "graph-model.md").read_text()))
    assert used, "the graph model names plo: terms"
    assert sorted(name for name in used if PLO[name] not in kinds) == []


def test_every_term_has_french_and_english_labels_and_definitions(
    graph: Graph, kinds: dict[URIRef, str]
) -> None:
    for iri in kinds:
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in graph.objects(iri, prop)}
            assert {"fr", "en"} <= langs, (iri, prop)
    assert ontology.missing_labels(graph) == []


def test_size_models_the_seeds(graph: Graph) -> None:
    counts = ontology.count_terms(graph)
    assert counts["classes"] >= 60
    assert (
        counts["object properties"]
        + counts["datatype properties"]
        + counts["annotation properties"]
        >= 30
    )


def test_exactly_three_ai_labour_functions(graph: Graph) -> None:
    members = set(graph.subjects(RDF.type, PLO.AILabourFunction))
    assert members == {PLO.Preparation, PLO.Verification, PLO.Imitation}


def _function_of(graph: Graph, cls: URIRef) -> set[URIRef]:
    """The function a task class serves, read exactly as the extraction reads it."""
    found = set()
    for restriction in graph.objects(cls, RDFS.subClassOf):
        if graph.value(restriction, OWL.onProperty) == PLO.servesFunction:
            found.add(graph.value(restriction, OWL.hasValue))
    return found


def test_task_types_carry_their_function_and_cues(graph: Graph) -> None:
    task_classes = set(graph.transitive_subjects(RDFS.subClassOf, PLO.TaskType)) - {PLO.TaskType}
    task_classes = {c for c in task_classes if isinstance(c, URIRef)}
    assert len(task_classes) >= 20
    expected = {
        PLO.ImageAnnotation: PLO.Preparation, PLO.AudioTranscription: PLO.Preparation,
        PLO.VoiceRecording: PLO.Preparation, PLO.ContentModeration: PLO.Verification,
        PLO.SearchResultVerification: PLO.Verification, PLO.ModelEvaluation: PLO.Verification,
        PLO.Impersonation: PLO.Imitation, PLO.ManualValidation: PLO.Imitation,
    }  # fmt: skip
    for cls, function in expected.items():
        assert _function_of(graph, cls) == {function}, cls
    for cls in task_classes - {PLO.PhysicalMicrotask}:
        assert len(_function_of(graph, cls)) == 1, cls
        for prop in (SKOS.altLabel, SKOS.hiddenLabel):
            langs = {o.language for o in graph.objects(cls, prop)}
            assert {"fr", "en"} <= langs, (cls, prop)
    cues = {str(o) for o in graph.objects(None, SKOS.hiddenLabel)}
    assert {"étiqueter", "annoter", "taguer", "retranscrire", "traduire", "modérer"} <= cues


def test_indicators_and_topics_have_cue_words(graph: Graph) -> None:
    for cls in (PLO.Indicator, PLO.Topic):
        members = {
            s
            for c in graph.transitive_subjects(RDFS.subClassOf, cls)
            for s in graph.subjects(RDF.type, c)
        }
        assert len(members) >= 11, cls
        for member in members:
            if "Unspecified" in str(member) or any(
                (member, RDF.type, c) in graph for c in (PLO.ProfileIndicator, PLO.DerivedIndicator)
            ):
                continue  # read by the sentence's or the figure's construction, not by cues
            langs = {o.language for o in graph.objects(member, SKOS.altLabel)}
            assert {"fr", "en"} <= langs, member
    assert Literal("femmes", lang="fr") in set(graph.objects(PLO.ShareOfWomen, SKOS.altLabel))


def test_only_datatypes_of_the_owl2_map(graph: Graph) -> None:
    used = {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(XSD))}
    used |= {o.datatype for o in graph.objects() if isinstance(o, Literal) and o.datatype}
    facets = {XSD.minInclusive, XSD.maxInclusive}
    assert used - facets <= ontology.DATATYPE_MAP
    assert XSD.date not in used and XSD.gYear not in used


def test_catalog_maps_both_iris_to_the_local_file() -> None:
    mapping = ontology.catalog_imports(CATALOG)
    assert mapping == {ONTOLOGY_IRI: ONTOLOGY, ONTOLOGY_IRI + "/0.1.0": ONTOLOGY}


# --- The rdflib DL checks catch what they claim to catch -------------------------------------

PREFIXES = """@prefix plo: <https://w3id.org/platform-labour/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _problems(turtle: str) -> list[str]:
    return ontology.dl_problems(parse_bytes((PREFIXES + turtle).encode(), "turtle"))


def test_the_ontology_has_no_rdflib_dl_problem(graph: Graph) -> None:
    assert ontology.dl_problems(graph) == []


def test_dl_check_finds_undeclared_entities() -> None:
    problems = _problems(
        "plo:A a owl:Class ; rdfs:subClassOf plo:Typo .\nplo:A plo:undeclared plo:A ."
    )
    assert any("plo:Typo: used as a class but not declared" in p for p in problems)
    assert any("plo:undeclared: used as a property but not declared" in p for p in problems)


def test_dl_check_finds_property_and_class_individual_punning() -> None:
    problems = _problems(
        "plo:p a owl:ObjectProperty , owl:AnnotationProperty .\n"
        "plo:C a owl:Class .\nplo:D a owl:Class .\nplo:C a plo:D ."
    )
    assert any("plo:p: declared as annotation property and object property" in p for p in problems)
    assert any("plo:C: both a class and an individual" in p for p in problems)


def test_dl_check_finds_reserved_vocabulary_and_bad_datatypes() -> None:
    problems = _problems(
        "owl:Thing rdfs:subClassOf owl:Nothing .\nplo:x a rdfs:Class .\n"
        "plo:d a owl:DatatypeProperty ; rdfs:range xsd:gYear .\n"
        'plo:y a owl:NamedIndividual ; plo:d "2019"^^xsd:gYear .'
    )
    assert any("owl:Thing: reserved vocabulary redefined" in p for p in problems)
    assert any("typed with reserved rdfs:Class" in p for p in problems)
    assert any("range xsd:gYear outside the OWL 2 datatype map" in p for p in problems)
    assert "plo:y plo:d: datatype xsd:gYear outside the OWL 2 map" in problems


def test_missing_labels_names_the_term_and_language() -> None:
    graph = parse_bytes(
        (PREFIXES + '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
         'plo:A a owl:Class ; rdfs:label "a"@en ; skos:definition "d"@en , "d"@fr .').encode(),
        "turtle",
    )  # fmt: skip
    assert ontology.missing_labels(graph) == ["plo:A: no rdfs:label in fr"]


# --- The OWL API (Protégé) -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.java
def test_owlapi_dl_profile_has_no_violation() -> None:
    assert ontology.owlapi_profile_check(ONTOLOGY, imports={}) == []


@pytest.mark.java
def test_owlapi_reads_iri_named_axiom_annotations_through_the_catalog() -> None:
    result = ontology.owlapi_load(KG_FIXTURE, imports=ontology.catalog_imports(CATALOG))
    assert result.violations == []
    assert result.ontologies == 2
    assert result.annotated_axioms == 1


@pytest.mark.java
def test_owlapi_reports_a_missing_import_and_undeclared_entities() -> None:
    violations = ontology.owlapi_profile_check(KG_FIXTURE, imports={})
    assert any(v.startswith("MissingImport: " + ONTOLOGY_IRI) for v in violations)
    assert any(v.startswith("UseOfUndeclaredClass") and "#Worker>" in v for v in violations)


# --- The command line ----------------------------------------------------------------------


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["ontology", *args], catch_exceptions=False)


@pytest.mark.slow
@pytest.mark.java
def test_check_command_exits_0_on_the_ontology() -> None:
    result = _run("check", str(ONTOLOGY))
    assert result.exit_code == 0, result.output
    assert "HermiT: consistent" in result.output
    assert "OWL API DL profile: ok" in result.output
    assert result.output.rstrip().endswith("result: clean")


@pytest.mark.slow
@pytest.mark.java
def test_check_command_exits_1_on_an_unsatisfiable_class(tmp_path: Path) -> None:
    broken = tmp_path / "unsat.ttl"
    broken.write_text(
        ONTOLOGY.read_text()
        + "\nplo:Cyborg a owl:Class ; rdfs:subClassOf plo:Person , plo:Organisation ;\n"
        '    rdfs:label "cyborg"@fr , "cyborg"@en ;\n'
        '    skos:definition "Personne et organisation."@fr , "Person and organisation."@en .\n'
    )
    result = _run("check", "--no-owlapi", str(broken))
    assert result.exit_code == 1, result.output
    assert "  - plo:Cyborg" in result.output


def test_check_command_exits_1_on_a_term_without_label(tmp_path: Path) -> None:
    broken = tmp_path / "nolabel.ttl"
    broken.write_text(
        ONTOLOGY.read_text() + "\nplo:Unlabelled a owl:Class ; rdfs:subClassOf plo:Organisation .\n"
    )
    result = _run("check", "--no-owlapi", "--no-reasoner", str(broken))
    assert result.exit_code == 1, result.output
    assert "plo:Unlabelled: no rdfs:label in fr, en" in result.output
    assert "plo:Unlabelled: no skos:definition in fr, en" in result.output


def test_check_command_on_a_missing_file_is_one_line_error() -> None:
    result = CliRunner().invoke(cli, ["ontology", "check", "no/such/file.ttl"])
    assert result.exit_code != 0
    assert "cannot read" in str(result.exception)


# --- Loading a file the way Protégé does: only the catalog beside it (issue 17) -------------

REAL_KG = ROOT / "graph" / "platform-labour-kg.ttl"
GRAPH_DIR = ROOT / "graph"


def _beside(tmp_path: Path, catalog: bool) -> Path:
    """The KG fixture alone in a folder, with or without a catalog mapping its import."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    kg = tmp_path / "kg.ttl"
    kg.write_bytes(KG_FIXTURE.read_bytes())
    if catalog:
        (tmp_path / ontology.CATALOG_NAME).write_bytes(
            ontology.catalog_xml({ONTOLOGY_IRI: str(ONTOLOGY)})
        )
    return kg


def test_catalog_xml_reads_back_with_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "onto").mkdir()
    (tmp_path / "onto" / "o.ttl").write_text("")
    mapping = ontology.ontology_mapping(load_graph(ONTOLOGY), "onto/o.ttl")
    assert set(mapping) == {ONTOLOGY_IRI, ONTOLOGY_IRI + "/0.1.0"}
    data = ontology.catalog_xml(mapping)
    assert data == ontology.catalog_xml(dict(reversed(list(mapping.items()))))  # sorted
    (tmp_path / ontology.CATALOG_NAME).write_bytes(data)
    resolved = ontology.catalog_beside(tmp_path / "anything.ttl")
    assert resolved == dict.fromkeys(mapping, (tmp_path / "onto" / "o.ttl").resolve())
    assert ontology.catalog_beside(tmp_path / "onto" / "o.ttl") == {}  # none in that folder


def test_rdflib_checks_read_imports_only_through_the_catalog_beside(tmp_path: Path) -> None:
    alone = ontology.check(_beside(tmp_path / "alone", False), reasoner=False, owlapi=False)
    assert any(p.startswith(f"missing import: {ONTOLOGY_IRI}") for p in alone.dl_problems)
    assert any("used as a class but not declared" in p for p in alone.dl_problems)
    with_catalog = ontology.check(_beside(tmp_path / "cat", True), reasoner=False, owlapi=False)
    assert with_catalog.dl_problems == []


@pytest.mark.java
def test_owlapi_never_borrows_the_project_catalog(tmp_path: Path) -> None:
    """Protégé reads the catalog beside the file: the project's ontology/ one is not used."""
    assert CATALOG.is_file()
    alone = ontology.owlapi_load(_beside(tmp_path / "alone", False))
    assert any(v.startswith("MissingImport: " + ONTOLOGY_IRI) for v in alone.violations)
    assert ontology.owlapi_load(_beside(tmp_path / "cat", True)).violations == []


@pytest.mark.java
def test_owlapi_loads_json_ld_as_it_loads_the_same_graph_in_turtle(tmp_path: Path) -> None:
    """Our JSON-LD (a top-level array of one object, the form Protégé reads) and the same
    document as one top-level object both load in the OWL API, with the same axioms as the
    Turtle of the same graph. Left to its parser loop the OWL API 5.1.20 stops at its RDF/JSON
    parser on a top-level object ("Not a valid (absolute) IRI: @context"): the check declares
    the format."""
    from labourgraph.publish.export import load_context, to_jsonld

    kg = _beside(tmp_path, True)
    context = load_context(ROOT / "ontology" / "context.jsonld")
    written = to_jsonld(load_graph(kg), context)
    assert written.lstrip().startswith(b"[")
    as_array, as_object = tmp_path / "kg.jsonld", tmp_path / "kg-object.jsonld"
    as_array.write_bytes(written)
    as_object.write_text(json.dumps(json.loads(written)[0]), encoding="utf-8")
    turtle = ontology.owlapi_load(kg)
    for jsonld in (as_array, as_object):
        loaded = ontology.owlapi_load(jsonld)
        assert loaded.violations == [] == turtle.violations
        assert (loaded.axioms, loaded.annotated_axioms) == (
            turtle.axioms,
            turtle.annotated_axioms,
        )
        assert loaded.axioms > 0 and loaded.ontologies == 2  # the KG and its ontology


def test_owlapi_load_refuses_a_json_ld_context_by_reference(tmp_path: Path) -> None:
    """The Java JSON-LD parser would fetch a remote `@context`: it is refused before Java runs."""
    doc = tmp_path / "remote.jsonld"
    doc.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x:a"}')
    with pytest.raises(LabourgraphError, match="by reference"):
        ontology.owlapi_load(doc)


@pytest.mark.slow
@pytest.mark.java
def test_every_written_owl_and_turtle_file_opens_alone_in_the_owl_api(tmp_path: Path) -> None:
    """Each RDF file of graph/ and of an export (`labourgraph export` of graph/), JSON-LD
    included, loads in the OWL API with no catalog but the one beside it: no missing import,
    no OWL 2 DL violation (undeclared terms included). `context.jsonld` is left out: it is a
    JSON-LD context document, with no triples, not an RDF dump. Each JSON-LD dump must give
    the axioms of its Turtle twin (so JSON-LD is really parsed, not read as an empty file)."""
    from labourgraph.publish.export import export

    out = tmp_path / "export"
    export(REAL_KG, ONTOLOGY, out)
    suffixes = {".owl", ".ttl", ".rdf", ".nt", ".trig", ".jsonld"}
    files = sorted(
        p
        for d in (GRAPH_DIR, out)
        for p in d.iterdir()
        if p.suffix in suffixes and p.name != "context.jsonld"
    )
    assert {p.name for p in files} >= {
        "platform-labour.owl", "platform-labour-kg.ttl", "platform-labour.ttl", "void.ttl",
        "platform-labour.jsonld", "platform-labour-kg.jsonld",
    }  # fmt: skip
    results = {}
    for path in files:
        result = results[path] = ontology.owlapi_load(path)
        assert result.violations == [], f"{path}: {result.violations[:3]}"
        assert result.axioms > 0, path
    for path in files:
        if path.suffix == ".jsonld":
            twin = results[path.with_suffix(".ttl")]
            assert (results[path].axioms, results[path].annotated_axioms) == (
                twin.axioms, twin.annotated_axioms,
            ), path  # fmt: skip
    owl = load_graph(GRAPH_DIR / "platform-labour.owl")
    assert list(owl.objects(None, OWL.imports)) == []  # the merged file holds the ontology
