"""Run the HermiT reasoner (through owlready2, on Java) over the ontology and small graphs.

Why this module exists apart from `ontology`: the build also asks HermiT whether the knowledge
graph is consistent with the ontology, so the reasoning step is shared.

owlready2 is handed a graph that cannot reach outside itself: rdflib parses the files, every
`owl:imports` is removed (the caller merges what it needs), so is owlready2's `python_module`
annotation (owlready2 would import that module), and owlready2 reads the result from a local
N-Triples file in a fresh, in-memory `World`. HermiT rejects literals outside the OWL 2
datatype map (`xsd:date`, `xsd:gYear`) in logical axioms; in annotations they are accepted.
HermiT is slow on large ABoxes (8 s for 1k individuals, minutes for 5k on this machine):
reason over the ontology and small graphs, not over a large ABox.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from labourgraph.core.atomic import write_bytes
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph, parse_bytes

PYTHON_MODULE = URIRef(
    "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module"
)
"""The annotation that makes owlready2 import a Python module named by the ontology."""


@dataclass(frozen=True)
class ReasonerResult:
    """What HermiT concluded: consistency and the classes equivalent to owl:Nothing."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    message: str = ""


def java_executable() -> str:
    """The `java` on PATH, or a one-line user error saying what to install."""
    java = shutil.which("java")
    if java is None:
        raise LabourgraphError(
            "java not found on PATH: HermiT needs Java 17 (apt-get install openjdk-17-jre-headless)"
        )
    return java


def offline_copy(graph: Graph) -> Graph:
    """A copy of `graph` without `owl:imports` nor owlready2's `python_module` annotations."""
    copy = Graph()
    for triple in graph:
        if triple[1] in (OWL.imports, PYTHON_MODULE):
            continue
        copy.add(triple)
    return copy


def reason_graph(graph: Graph) -> ReasonerResult:
    """Run HermiT over `graph` (an ontology, or an ontology merged with individuals)."""
    import owlready2

    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix="labourgraph-hermit-") as tmp:
        nt_path = Path(tmp) / "merged.nt"
        write_bytes(nt_path, offline_copy(graph).serialize(format="nt", encoding="utf-8"))
        world.get_ontology(nt_path.as_uri()).load(format="ntriples")
        # owlready2 prints HermiT's command line and timings on stdout; keep them out of ours.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            except owlready2.OwlReadyInconsistentOntologyError:
                return ReasonerResult(
                    consistent=False, message="HermiT: the ontology is inconsistent"
                )
            except owlready2.OwlReadyJavaError as err:
                raise LabourgraphError(f"HermiT failed: {_last_line(str(err))}") from None
        unsat = sorted(
            cls.iri for cls in world.inconsistent_classes() if cls.iri != str(OWL.Nothing)
        )
    return ReasonerResult(consistent=True, unsatisfiable=unsat)


def consistent(
    ontology_path: Path | str, extra: Graph | Path | str | None = None
) -> tuple[bool, list[str]]:
    """Is the ontology, merged with `extra`, consistent under HermiT? Also the unsat classes.

    `extra` is a Graph, a path to an RDF file, or Turtle text; it is merged with the ontology
    (its own `owl:imports` are dropped, since the ontology is what it would import).

    >>> ok, unsat = consistent("ontology/platform-labour.ttl")  # doctest: +SKIP
    """
    graph = load_graph(ontology_path)
    if isinstance(extra, Graph):
        graph += extra
    elif isinstance(extra, Path):
        graph += load_graph(extra)
    elif isinstance(extra, str):
        graph += parse_bytes(extra.encode("utf-8"), "turtle", "<extra graph>")
    result = reason_graph(graph)
    return result.consistent, result.unsatisfiable


def _last_line(text: str) -> str:
    """The last non-empty line of a Java error: the exception that explains the failure."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
