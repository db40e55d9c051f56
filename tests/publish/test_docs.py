"""`labourgraph ontology docs`: a static, deterministic HTML page of the ontology with anchors,
back-links, `lang` attributes, a class diagram, and the ontology's serialisations beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph
from labourgraph.publish import docs
from labourgraph.publish.docs import anchor, write_docs

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "platform-labour.ttl"
CORE_TERMS = [
    "Organisation", "Platform", "MicroworkPlatform", "FreelancePlatform", "Person", "Worker",
    "Researcher", "Journalist", "Place", "WorkerPopulation", "TaskType", "AILabourFunction",
    "AISystem", "SubcontractingChain", "ChainLayer", "ChainRole", "StatisticalObservation",
    "PayRate", "SourceDocument", "Evidence", "servesFunction", "worksOn", "subcontractsTo",
    "quote", "startOffset", "evidence", "Preparation", "ContractingRole",
]  # fmt: skip
CORE_CLASSES = [
    "Organisation", "Platform", "MicroworkPlatform", "Worker", "WorkerPopulation", "TaskType",
    "AILabourFunction", "AISystem", "SubcontractingChain", "ChainLayer", "StatisticalObservation",
    "PayRate", "SourceDocument", "Evidence",
]  # fmt: skip
SERIALISATIONS = {
    "platform-labour.ttl": "text/turtle",
    "platform-labour.rdf": "application/rdf+xml",
    "platform-labour.jsonld": "application/ld+json",
    "platform-labour.nt": "application/n-triples",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Page(HTMLParser):
    """The parts of the page the tests read: balanced tags, ids, links, language of texts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, str]] = []  # tag, lang in force, id of the term
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.texts: list[tuple[str, str]] = []  # (text, lang in force)
        self.sections: dict[str, list[tuple[str, str]]] = {}  # term id → its hrefs by row
        self.row = ""
        self.empty_rows: list[str] = []  # <dt> followed by an empty <dd>
        self.last_start = ""
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _, _ in self.stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        lang = found.get("lang") or (self.stack[-1][1] if self.stack else "")
        term = self.stack[-1][2] if self.stack else ""
        if found.get("id"):
            self.ids.append(str(found["id"]))
            if tag == "section" and found.get("class") == "term":
                term = str(found["id"])
                self.sections[term] = []
        href = found.get("href") or found.get("xlink:href")
        if href:
            self.hrefs.append(href)
            if term:
                self.sections[term].append((self.row, href))
        if tag not in VOID:
            self.stack.append((tag, lang or "", term))
        self.last_start = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        href = found.get("href") or found.get("xlink:href")
        if href:
            self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag == "dd" and self.last_start == "dd":
            self.empty_rows.append(self.row)
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.last_start = ""
            lang = self.stack[-1][1] if self.stack else ""
            self.texts.append((data.strip(), lang))
            if self.stack and self.stack[-1][0] == "dt":
                self.row = data.strip()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    write_docs(ONTOLOGY, out)  # Graphviz comes with scripts/setup-tests.sh
    return out


@pytest.fixture(scope="module")
def page(written: Path) -> Page:
    return Page((written / "index.html").read_text(encoding="utf-8"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["ontology", *args], catch_exceptions=False)


def test_page_parses_with_balanced_tags_and_unique_ids(page: Page) -> None:
    assert page.errors == []
    assert page.empty_rows == []
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert duplicates == []
    assert "<script" not in "".join(page.hrefs)
    internal = {h[1:] for h in page.hrefs if h.startswith("#")}
    assert internal - set(page.ids) == set(), "every link inside the page reaches an anchor"


def test_every_class_and_property_of_the_ontology_has_an_anchor(page: Page) -> None:
    graph = load_graph(ONTOLOGY)
    kinds = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty]
    declared = {s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}
    assert len(declared) > 150
    missing = sorted(str(t) for t in declared if anchor(t) not in page.sections)
    assert missing == []
    for name in CORE_TERMS:
        assert name in page.sections, name


def test_classes_link_back_to_the_properties_of_their_domain_and_range(page: Page) -> None:
    rows = page.sections["Worker"]
    in_domain = {h for row, h in rows if row == "In domain of"}
    in_range = {h for row, h in rows if row == "In range of"}
    # rdfs:domain plo:Worker, and plo:performsTaskType through a union of Worker and others
    assert in_domain == {"#worksOn", "#memberOfPopulation", "#performsTaskType"}
    assert in_range == set()
    platform = page.sections["Platform"]
    organisation = page.sections["Organisation"]
    assert "#worksOn" in {h for row, h in organisation if row == "In range of"}
    assert "#worksOn" not in {h for row, h in platform if row == "In range of"}
    assert "#offersTaskType" in {h for row, h in platform if row == "In domain of"}
    # a subclass does not inherit its superclass's back-links: they are read off the axioms
    assert not {h for row, h in page.sections["MicroworkPlatform"] if row == "In range of"}
    assert ("Subclass of", "#Platform") in page.sections["MicroworkPlatform"]
    # the property's own section says the same from the other side
    assert ("Domain", "#Worker") in page.sections["worksOn"]
    assert ("Range", "#Organisation") in page.sections["worksOn"]


def test_french_and_english_texts_carry_their_lang(page: Page) -> None:
    langs = dict(page.texts)
    assert langs["travailleur de plateforme"] == "fr"
    assert langs["platform worker"] == "en"
    assert langs["Ontologie du travail de plateforme"] == "fr"
    french_definition = next(t for t, _ in page.texts if t.startswith("Identifier et délimiter"))
    assert langs[french_definition] == "fr"
    assert langs["annotation d'images"] == "fr" and langs["image annotation"] == "en"
    untagged_french = [t for t, lang in page.texts if "travail du clic" in t and lang != "fr"]
    assert untagged_french == []


def test_metadata_header(page: Page, written: Path) -> None:
    text = (written / "index.html").read_text(encoding="utf-8")
    header = text[text.index("<header>") : text.index("<nav>")]
    for expected in (
        "Platform labour ontology",
        "0.1.0",
        "https://w3id.org/platform-labour/ontology/0.1.0",
        'href="https://creativecommons.org/licenses/by/4.0/"',
        "CC BY 4.0",
        "labourgraph engineers",
        "https://w3id.org/platform-labour/ontology#",
    ):
        assert expected in header, expected
    assert "<code>prov:</code>" in text and "<code>plo:</code>" in text  # the prefixes table
    assert "<code>pld:</code>" not in text, "only the prefixes the ontology uses"


def test_serialisation_links_point_to_files_that_parse_to_the_ontology(
    page: Page, written: Path
) -> None:
    text = (written / "index.html").read_text(encoding="utf-8")
    source = load_graph(ONTOLOGY)
    for name, media_type in SERIALISATIONS.items():
        assert f'<a href="{name}" type="{media_type}">' in text, name
        assert f'<link rel="alternate" type="{media_type}" href="{name}"' in text, name
        assert isomorphic(load_graph(written / name), source), name


def test_class_diagram_is_embedded_and_names_the_core_classes(written: Path) -> None:
    text = (written / "index.html").read_text(encoding="utf-8")
    diagram = text[text.index('<section id="diagram">') :]
    diagram = diagram[: diagram.index("</section>")]
    assert "<svg" in diagram and "</svg>" in diagram and "<!--" not in diagram
    for name in CORE_CLASSES:
        assert f">{name}</text>" in diagram, name
        assert f'xlink:href="#{name}"' in diagram, name
    assert ">worksOn</text>" in diagram, "object properties label their edges"
    assert "graphviz" not in diagram.lower(), "no tool version in the output"
    svg = (written / "classes.svg").read_text(encoding="utf-8")
    assert svg.strip() in text


def test_two_runs_in_two_processes_write_the_same_bytes(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):  # another hash seed: no order may come from a set or a dict
        out = tmp_path / f"run{seed}"
        cmd = [sys.executable, "-c", "from labourgraph.cli import main; main()", "ontology"]
        cmd += ["docs", "--ontology", str(ONTOLOGY), "--out", str(out)]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        names = sorted(p.name for p in out.iterdir())
        assert names == sorted({"index.html", "classes.svg", *SERIALISATIONS})
        assert done.stdout.splitlines() == [f"wrote {out / name}" for name in names]
        outs.append({name: (out / name).read_bytes() for name in names})
    assert outs[0] == outs[1]
    page = outs[0]["index.html"].decode("utf-8")
    assert "<script" not in page and "fonts.googleapis" not in page


def test_page_shows_hierarchy_restrictions_and_cues(page: Page, written: Path) -> None:
    rows = page.sections["ImageAnnotation"]
    assert ("Subclass of", "#AnnotationTask") in rows
    assert ("Restrictions", "#servesFunction") in rows and ("Restrictions", "#Preparation") in rows
    assert ("Subclasses", "#ImageSegmentation") in rows
    text = (written / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="ImageAnnotation"') :]
    assert "étiqueter" in section[: section.index("</section>")]


def test_without_dot_the_diagram_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docs.shutil, "which", lambda name: None)
    with pytest.raises(LabourgraphError, match=r"graphviz.*--no-diagram"):
        write_docs(ONTOLOGY, tmp_path / "out")
    assert not (tmp_path / "out").exists(), "nothing written"
    result = _run(
        "docs", "--ontology", str(ONTOLOGY), "--out", str(tmp_path / "out"), "--no-diagram"
    )
    assert result.exit_code == 0, result.output
    assert "classes.svg" not in {p.name for p in (tmp_path / "out").iterdir()}
    assert 'id="diagram"' not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_refuses_a_file_without_the_ontology_header(tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    with pytest.raises(LabourgraphError, match="no owl:Ontology"):
        write_docs(other, tmp_path / "out")
