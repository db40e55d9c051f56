"""Tests for `labourgraph.check.shacl` and `labourgraph validate`.

The mutation tests follow pySHACL's W3C-manifest style: `tests/data/shapes/manifest.yaml`
lists SPARQL Update files, each of which breaks `valid.ttl` in one way; the report must name
the expected shape, focus node and constraint component.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, SH, Graph, URIRef
from rdflib.compare import isomorphic

from labourgraph import cli
from labourgraph.check.shacl import (
    ONTOLOGY_PATH,
    PLSH,
    SHAPES_PATH,
    NonConformingGraph,
    Violation,
    assert_conforms,
    load_shapes,
    validate,
)
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph

DATA = Path(__file__).parents[1] / "data" / "shapes"
VALID = DATA / "valid.ttl"
MANIFEST = yaml.safe_load((DATA / "manifest.yaml").read_text(encoding="utf-8"))["mutations"]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_PATH)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ONTOLOGY_PATH)


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return load_graph(VALID)


def _mutated(valid_graph: Graph, relative: str) -> Graph:
    graph = Graph()
    for triple in valid_graph:
        graph.add(triple)
    graph.update((DATA / relative).read_text(encoding="utf-8"))
    return graph


def test_valid_graph_conforms(valid_graph: Graph, shapes: Graph, ontology: Graph) -> None:
    result = validate(valid_graph, shapes=shapes, ontology=ontology)
    assert result.violations == []
    assert result.conforms
    assert result.summary().startswith("conforms: ")
    assert result.to_text().count("\n") == 1


def test_quotes_of_valid_graph_are_slices_of_the_text(valid_graph: Graph) -> None:
    """The fixture itself keeps its promise, so a failing mutation test is the shapes' fault."""
    rows = valid_graph.query(
        """PREFIX plo: <https://w3id.org/platform-labour/ontology#>
        SELECT ?q ?s ?e ?text WHERE {
            ?ev plo:quote ?q ; plo:startOffset ?s ; plo:endOffset ?e ; plo:inDocument ?d .
            ?d plo:text ?text }"""
    )
    checked = 0
    for quote, start, end, text in rows:
        assert str(text)[int(start) : int(end)] == str(quote)
        checked += 1
    assert checked >= 20


def test_manifest_covers_every_named_shape(shapes: Graph) -> None:
    """Each node shape (and each reusable property shape) is exercised by some mutation."""
    named = {
        str(s)
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }
    expected = {entry["shape"] for entry in MANIFEST}
    assert named - expected == set()
    assert len(MANIFEST) >= 30


@pytest.mark.slow
@pytest.mark.parametrize("entry", MANIFEST, ids=[Path(e["file"]).stem for e in MANIFEST])
def test_mutation_is_reported(
    entry: dict, valid_graph: Graph, shapes: Graph, ontology: Graph
) -> None:
    mutated = _mutated(valid_graph, entry["file"])
    assert not isomorphic(mutated, valid_graph), "the update changed nothing"
    result = validate(mutated, shapes=shapes, ontology=ontology)
    assert not result.conforms

    def matches(v: Violation) -> bool:
        return (
            v.shape == entry["shape"]
            and v.focus == entry["focus"]
            and v.component == entry["component"]
            and v.constraint == entry.get("constraint", v.constraint)
        )

    found = [v for v in result.violations if matches(v)]
    assert found, f"{entry['breaks']}: got\n{result.to_text()}"
    assert {lang for lang, _ in found[0].messages} >= {"en", "fr"}


def test_report_shows_value_messages_and_evidence(
    valid_graph: Graph, shapes: Graph, ontology: Graph
) -> None:
    mutated = _mutated(valid_graph, "mutations/observation-percent-above-100.ru")
    text = validate(mutated, shapes=shapes, ontology=ontology).to_text()
    assert "## plsh:PercentRangeShape (1 violation)" in text
    assert "pld:observation/share-of-women-microtravailleurs-en-france-1a2b3c4d" in text
    assert "en: A percentage lies between 0 and 100, unless it is a rise" in text
    assert "fr: Un pourcentage est compris entre 0 et 100, sauf une hausse" in text
    assert '"En France, 56 % des microtravailleurs sont des femmes en 2019"' in text
    assert "pld:document/900_0123456789abcdef 183-244" in text


def test_sparql_message_substitutes_bound_values(
    valid_graph: Graph, shapes: Graph, ontology: Graph
) -> None:
    mutated = _mutated(valid_graph, "mutations/chain-index-gap.ru")
    (violation,) = [
        v
        for v in validate(mutated, shapes=shapes, ontology=ontology).violations
        if v.constraint == str(PLSH.LayerIndicesRunOneToN)
    ]
    assert sorted(violation.value.split(",")) == ["1", "2", "3", "5"]
    assert "for 4 layers" in violation.message("en")


def test_turtle_and_json_reports_are_deterministic(
    valid_graph: Graph, shapes: Graph, ontology: Graph
) -> None:
    mutated = _mutated(valid_graph, "mutations/organisation-no-evidence.ru")
    first = validate(mutated, shapes=shapes, ontology=ontology)
    second = validate(mutated, shapes=shapes, ontology=ontology)
    assert first.render("turtle") == second.render("turtle")
    assert first.render("json") == second.render("json")
    report = Graph().parse(data=first.render("turtle"), format="turtle")
    assert len(set(report.subjects())) == len(first.violations) + 1
    payload = json.loads(first.render("json"))
    assert payload["conforms"] is False
    assert payload["violations"][0]["shape"] == str(PLSH.ProvenanceShape)


def test_assert_conforms_raises_with_summary(valid_graph: Graph) -> None:
    assert assert_conforms(valid_graph).conforms
    mutated = _mutated(valid_graph, "mutations/evidence-quote-mismatch.ru")
    with pytest.raises(NonConformingGraph, match=r"does not conform: .*plsh:EvidenceTextShape"):
        assert_conforms(mutated)


def test_shapes_with_service_are_refused(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        SHAPES_PATH.read_text(encoding="utf-8").replace(
            "$this plo:inDocument ?doc ;\n                plo:quote ?value ;",
            "SERVICE <http://127.0.0.1:9/sparql> { $this plo:inDocument ?doc } ."
            "\n            $this plo:quote ?value ;",
        ),
        encoding="utf-8",
    )
    with pytest.raises(LabourgraphError, match="SERVICE"):
        load_shapes(shapes)


def _run_cli(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "argv", ["labourgraph", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
        sys.exit(0)
    return exit_info.value.code


def test_cli_exit_0_prints_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_cli(["validate", str(VALID)], monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("conforms: ") and out.endswith(" 0 violations\n")


def test_cli_exit_1_on_violations(
    tmp_path: Path,
    valid_graph: Graph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_bytes(
        _mutated(valid_graph, "mutations/chain-index-gap.ru").serialize(format="turtle").encode()
    )
    assert _run_cli(["validate", str(broken), "--format", "json"], monkeypatch) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["conforms"] is False
    assert captured.err.count("\n") == 1


def test_cli_exit_2_on_unparsable_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert _run_cli(["validate", str(bad)], monkeypatch) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_exit_2_on_broken_shapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES_PATH.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    assert _run_cli(["validate", str(VALID), "--shapes", str(shapes)], monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "shapes.ttl" in err


def test_cli_exit_2_on_missing_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_cli(["validate", str(tmp_path / "absent.ttl")], monkeypatch) == 2
    assert "cannot read" in capsys.readouterr().err


def test_the_report_lists_its_results_not_their_details() -> None:
    """pySHACL puts the results behind an sh:node failure in the report graph as sh:detail
    of it: they are no results of the report, and the report lists the sh:node one only."""
    prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
    shapes = Graph().parse(
        data=prefixes + "ex:S sh:targetNode ex:a ; sh:node [ sh:property [ sh:path ex:p ;"
        " sh:property [ sh:path ex:q ; sh:minCount 1 ] ] ] .",
        format="turtle",
    )
    data = Graph().parse(data=prefixes + "ex:a ex:p ex:b .", format="turtle")
    result = validate(data, shapes=shapes, ontology=Graph())
    assert [(v.shape, v.focus, v.component) for v in result.violations] == [
        ("http://example.org/S", "http://example.org/a", "NodeConstraintComponent")
    ]


def test_a_pattern_python_cannot_compile_is_one_line() -> None:
    prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
    shapes = Graph().parse(
        data=prefixes + 'ex:S sh:targetNode ex:a ; sh:pattern "a(" .', format="turtle"
    )
    with pytest.raises(LabourgraphError, match="shapes could not be applied"):
        validate(Graph(), shapes=shapes, ontology=Graph())
