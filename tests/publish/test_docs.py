"""`labourgraph ontology docs`: one static, deterministic HTML page of the ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.publish.docs import write_docs

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
CORE_TERMS = [
    "Organisation", "Platform", "MicroworkPlatform", "FreelancePlatform", "Person", "Worker",
    "Researcher", "Journalist", "Place", "WorkerPopulation", "TaskType", "AILabourFunction",
    "AISystem", "SubcontractingChain", "ChainLayer", "ChainRole", "StatisticalObservation",
    "PayRate", "SourceDocument", "Evidence", "servesFunction", "worksOn", "subcontractsTo",
    "quote", "startOffset", "evidence", "Preparation", "ContractingRole",
]  # fmt: skip


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["ontology", *args], catch_exceptions=False)


def test_docs_command_writes_a_static_page_with_every_core_term(tmp_path: Path) -> None:
    result = _run("docs", "--ontology", str(ONTOLOGY), "--out", str(tmp_path / "html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "html" / "index.html").read_text()
    for name in CORE_TERMS:
        assert f'id="{name}"' in page, name
    assert "annotation d&#x27;images" in page and "image annotation" in page
    assert "<script" not in page and "http://fonts" not in page and "https://fonts" not in page
    again = tmp_path / "again"
    _run("docs", "--ontology", str(ONTOLOGY), "--out", str(again))
    assert (again / "index.html").read_text() == page, "output is deterministic"


def test_page_shows_hierarchy_restrictions_and_domains(tmp_path: Path) -> None:
    page = write_docs(ONTOLOGY, tmp_path).read_text()
    section = page[page.index('id="ImageAnnotation"') :]
    section = section[: section.index("</section>")]
    assert 'href="#AnnotationTask"' in section
    assert 'href="#servesFunction"' in section and 'href="#Preparation"' in section
    assert "étiqueter" in section
    works_on = page[page.index('id="worksOn"') :]
    works_on = works_on[: works_on.index("</section>")]
    assert "<dt>Domain</dt>" in works_on and 'href="#Worker"' in works_on


def test_refuses_a_file_without_the_ontology_header(tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    with pytest.raises(LabourgraphError, match="no owl:Ontology"):
        write_docs(other, tmp_path / "out")
