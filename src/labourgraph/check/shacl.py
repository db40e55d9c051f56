"""Validate the knowledge graph against `ontology/shapes.ttl` with pySHACL.

Why it is set up this way (each measured or checked on pyshacl 0.40.1 / rdflib 7.6):

- The ontology is given as pySHACL's `ont_graph`, so `rdfs:subClassOf` is in the graph that
  `sh:class` and `sh:targetClass` walk: a `plo:MicroworkPlatform` satisfies `sh:class
  plo:Platform` and is a target of a shape on `plo:Platform`. No `inference` is needed for that
  (pySHACL follows `rdf:type/rdfs:subClassOf*` itself), so it stays `"none"`: RDFS inference
  would add every superclass type to every node and slow validation for nothing.
- `advanced` stays off: the shapes use SHACL Core and SHACL-SPARQL constraints only (no SPARQL
  targets, no rules). Every SPARQL text of the shapes goes through `sparql_policy` (the check
  the CLI and the endpoint use: no `SERVICE`, `LOAD`, updates, `FROM`) before pySHACL sees it,
  and rdflib's engine, which pySHACL runs them on, refuses `SERVICE` and `FROM` loading
  itself (`sparql_policy.install_rdflib_guards`, called by `validate`), so validation never
  reaches the network nor the disk.
- pySHACL re-parses a SPARQL constraint's text once per focus node (13 ms each with rdflib's
  parser, against 0.3 ms to run the parsed query), which made SPARQL constraints most of the
  validation time. `_parsed_query_cache` keeps rdflib's parsed and translated query for each
  distinct text during one validation, the same reuse rdflib documents for `prepareQuery`.

Exit codes follow pySHACL's: 0 conforms, 1 violations (`NonConformingGraph`), 2 the shapes,
ontology or data could not be loaded (`LabourgraphError`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from pyshacl.errors import ReportableRuntimeError, ValidationFailure
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SH
from rdflib.plugins.sparql import processor as sparql_processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Identifier, Node

from labourgraph.check import sparql_policy
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.paths import ONTOLOGY_DIR, ONTOLOGY_FILE, SHAPES_FILE
from labourgraph.core.rdfio import load_graph, to_turtle
from labourgraph.core.vocab import PLO

SHAPES_PATH = SHAPES_FILE
ONTOLOGY_PATH = ONTOLOGY_FILE
GRAPH_PATH = Path("graph") / "platform-labour-kg.ttl"
RELEASE_SHAPES_PATH = ONTOLOGY_DIR / "shapes-release.ttl"
RELEASE_PROFILE = URIRef("https://w3id.org/platform-labour/shapes/release")
"""What a release's header names with `dcterms:conformsTo`: the release shape set applies."""
SHAPE_SETS: dict[str, tuple[Path, ...]] = {
    "full": (SHAPES_PATH,),
    "release": (SHAPES_PATH, RELEASE_SHAPES_PATH),
}
"""The shape sets, by name: the built graph with its texts (`full`: quotes are checked
against the text) and a release without them (`release`: shapes.ttl with the text no longer
required, see ontology/shapes-release.ttl)."""
PLSH = Namespace("https://w3id.org/platform-labour/shapes#")
REPORT = Namespace("https://w3id.org/platform-labour/report#")
FORMATS = ("text", "turtle", "json")

_SPARQL_TEXTS = (SH.select, SH.ask, SH.construct, SH.update)


class NonConformingGraph(LabourgraphError):
    """The graph was read but breaks the shapes: exit code 1, as pySHACL's."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class EvidenceRef:
    """Where a focus node was read: the quote, its document and offsets."""

    document: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Violation:
    """One validation result, with the names a reader needs and the evidence behind it."""

    shape: str
    """The named shape that failed: the property shape itself if it has an IRI, else the node
    shape that holds the anonymous property shape."""
    focus: str
    component: str
    path: str | None
    value: str | None
    constraint: str | None
    """The SPARQL constraint's IRI, for SHACL-SPARQL results."""
    messages: tuple[tuple[str, str], ...]
    """(language, message) pairs, English first."""
    evidence: tuple[EvidenceRef, ...] = ()

    def message(self, lang: str) -> str:
        """The message in `lang`, else the first one."""
        for msg_lang, text in self.messages:
            if msg_lang == lang:
                return text
        return self.messages[0][1] if self.messages else ""

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.shape, self.focus, self.path or "", self.component, self.value or "")


@dataclass
class ValidationResult:
    """What one validation found; `conforms` is pySHACL's verdict."""

    conforms: bool
    violations: list[Violation]
    nodes: int
    shapes: int
    triples: int
    shapes_path: Path = field(default=SHAPES_PATH)
    shape_set: str | None = None
    """The named shape set the graph was checked against, when one was picked for it."""

    def summary(self) -> str:
        """One line: the verdict and its counts."""
        verdict = "conforms" if self.conforms else "does not conform"
        which = f" ({self.shape_set} shape set)" if self.shape_set == "release" else ""
        return (
            f"{verdict}: {self.nodes} nodes checked against {self.shapes} shapes{which}, "
            f"{len(self.violations)} violations"
        )

    def to_text(self) -> str:
        """The report grouped by shape, then focus node: value, messages, evidence."""
        if self.conforms:
            return self.summary() + "\n"
        lines = [self.summary(), ""]
        by_shape: dict[str, dict[str, list[Violation]]] = {}
        for v in self.violations:
            by_shape.setdefault(v.shape, {}).setdefault(v.focus, []).append(v)
        for shape in sorted(by_shape):
            focus_map = by_shape[shape]
            count = sum(len(vs) for vs in focus_map.values())
            lines.append(f"## {_short(shape)} ({count} violation{'s' if count != 1 else ''})")
            for focus in sorted(focus_map):
                lines.append(f"  {_short(focus)}")
                violations = focus_map[focus]
                for v in violations:
                    where = f"{_short(v.path)} " if v.path else ""
                    value = f" = {v.value}" if v.value is not None else ""
                    lines.append(f"    - {where}[{v.component}]{value}")
                    lines.append(f"      en: {v.message('en')}")
                    lines.append(f"      fr: {v.message('fr')}")
                for ev in violations[0].evidence:
                    lines.append(
                        f'    evidence: "{ev.quote}" ({_short(ev.document)} {ev.start}-{ev.end})'
                    )
            lines.append("")
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report as JSON, sorted, for other tools."""
        payload = {
            "conforms": self.conforms,
            "nodes": self.nodes,
            "shapes": self.shapes,
            "violations": [
                {
                    "shape": v.shape,
                    "focus": v.focus,
                    "component": v.component,
                    "path": v.path,
                    "value": v.value,
                    "constraint": v.constraint,
                    "messages": dict(v.messages),
                    "evidence": [ev.__dict__ for ev in v.evidence],
                }
                for v in self.violations
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def to_graph(self) -> Graph:
        """A SHACL validation report whose result nodes are named by a hash of their content,
        so the same findings serialise to the same bytes (pySHACL's own report uses blank
        nodes, which change on every run)."""
        graph = Graph()
        report = REPORT["report"]
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for v in self.violations:
            key = "\x1f".join(map(str, v.sort_key()))
            node = REPORT["r-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]]
            graph.add((report, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            graph.add((node, SH.resultSeverity, SH.Violation))
            graph.add((node, SH.focusNode, URIRef(v.focus)))
            graph.add((node, SH.sourceShape, URIRef(v.shape)))
            graph.add((node, SH.sourceConstraintComponent, SH[v.component]))
            if v.path:
                graph.add((node, SH.resultPath, URIRef(v.path)))
            if v.value is not None:
                graph.add((node, SH.value, Literal(v.value)))
            if v.constraint:
                graph.add((node, SH.sourceConstraint, URIRef(v.constraint)))
            for lang, text in v.messages:
                graph.add((node, SH.resultMessage, Literal(text, lang=lang or None)))
        return graph

    def render(self, fmt: str) -> str:
        """The report in one of `FORMATS`."""
        if fmt == "json":
            return self.to_json()
        if fmt == "turtle":
            return to_turtle(self.to_graph()).decode("utf-8")
        return self.to_text()


def check_sparql(shapes: Graph, source: str) -> None:
    """Refuse shapes whose SPARQL (constraints, targets, rules) would reach outside the graph:
    the same check as the CLI's and the endpoint's (`sparql_policy`), run on every text."""
    for predicate in _SPARQL_TEXTS:
        for node, text in sorted(shapes.subject_objects(predicate)):
            found = sparql_policy.find_refusal(str(text))
            if found is not None:
                raise LabourgraphError(f"{source}: SPARQL of {_short(str(node))}: {found}")


def load_shapes(path: Path | str = SHAPES_PATH) -> Graph:
    """Read a shapes file, refusing one whose SPARQL would query a remote endpoint."""
    shapes = load_graph(path)
    check_sparql(shapes, str(path))
    if next(shapes.subjects(RDF.type, SH.NodeShape), None) is None:
        raise LabourgraphError(f"{path}: no sh:NodeShape found; is this a shapes file?")
    return shapes


def shape_set_of(data: Graph) -> str:
    """`release` when the graph's header says it conforms to the release profile, else `full`.

    The writer of a release says so (`publish.export.release_graph`); a graph that merely lacks
    its texts is not taken for a release, so a built graph that lost them still fails.
    """
    return "release" if (None, DCTERMS.conformsTo, RELEASE_PROFILE) in data else "full"


def load_shape_set(name: str) -> Graph:
    """The union of the shapes files of one named shape set (`SHAPE_SETS`)."""
    if name not in SHAPE_SETS:
        raise LabourgraphError(f"unknown shape set {name!r}: one of {', '.join(SHAPE_SETS)}")
    shapes = Graph()
    for path in SHAPE_SETS[name]:
        for triple in load_shapes(path):
            shapes.add(triple)
    return shapes


def validate(
    data_graph: Graph,
    shapes_path: Path | str = SHAPES_PATH,
    ontology_path: Path | str | None = ONTOLOGY_PATH,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
) -> ValidationResult:
    """Validate `data_graph` (left unmodified) and return the grouped findings.

    Already-parsed `shapes` / `ontology` graphs may be passed to skip reading files (the
    tests and the benchmark validate many graphs against the same shapes).
    """
    if shapes is not None:
        check_sparql(shapes, "<shapes graph>")
    shapes_graph = shapes if shapes is not None else load_shapes(shapes_path)
    ont_graph = ontology
    if ont_graph is None and ontology_path is not None:
        ont_graph = load_graph(ontology_path)
    conforms, report = run_pyshacl(data_graph, shapes_graph, ont_graph, str(shapes_path))
    violations = sorted(_violations(report, shapes_graph, data_graph), key=Violation.sort_key)
    return ValidationResult(
        conforms=bool(conforms),
        violations=violations,
        nodes=len(set(data_graph.subjects())),
        shapes=len(set(shapes_graph.subjects(RDF.type, SH.NodeShape))),
        triples=len(data_graph),
        shapes_path=Path(shapes_path),
    )


def run_pyshacl(
    data_graph: Graph, shapes: Graph, ontology: Graph | None, source: str = "<shapes graph>"
) -> tuple[bool, Graph]:
    """pySHACL's verdict and report graph, with the settings this module's docstring explains
    (the one place pySHACL is called: `validate`, and the W3C suite's tests of it).

    Shapes pySHACL cannot apply (ill-formed shapes, a `sh:pattern` Python's `re` does not
    compile) raise `LabourgraphError` naming `source`.
    """
    sparql_policy.install_rdflib_guards()  # pySHACL runs the shapes' SPARQL on rdflib's engine
    try:
        with _parsed_query_cache():
            conforms, report, _ = pyshacl.validate(
                data_graph,
                shacl_graph=shapes,
                ont_graph=ontology,
                inference="none",
                advanced=False,
                meta_shacl=False,
                allow_warnings=False,
            )
    except (ReportableRuntimeError, ValidationFailure, re.error) as err:
        raise LabourgraphError(f"{source}: shapes could not be applied: {err}") from None
    return bool(conforms), report


def shape_owners(shapes: Graph) -> dict[BNode, Node]:
    """Blank property shape -> the shape holding it through `sh:property`; where several
    hold one blank node, the least of them in rdflib's order, so that every engine names
    its results alike (`reported_shape`)."""
    owners: dict[BNode, Node] = {}
    for owner, prop in sorted(shapes.subject_objects(SH.property), reverse=True):
        if isinstance(prop, BNode):
            owners[prop] = owner
    return owners


def reported_shape(owners: dict[BNode, Node], shape: Node | None) -> str:
    """The name a result of `shape` is reported under (`Violation.shape`): the shape itself
    if it has an IRI, else the nearest shape above it through `sh:property` that has one (or
    the topmost blank one)."""
    seen = set()
    while isinstance(shape, BNode) and shape in owners and shape not in seen:
        seen.add(shape)
        shape = owners[shape]
    return str(shape)


def validate_file(
    graph_path: Path | str = GRAPH_PATH,
    shapes_path: Path | str | None = None,
    ontology_path: Path | str | None = ONTOLOGY_PATH,
) -> ValidationResult:
    """Read a graph file and validate it (loading errors raise `LabourgraphError`).

    Without `shapes_path`, the shape set is the one the graph calls for (`shape_set_of`): a
    release is checked by what a text-free graph can show, the built graph by everything.
    """
    data = load_graph(graph_path)
    if shapes_path is not None:
        return validate(data, shapes_path, ontology_path)
    name = shape_set_of(data)
    result = validate(data, SHAPES_PATH, ontology_path, shapes=load_shape_set(name))
    result.shape_set = name
    return result


def assert_conforms(
    graph: Graph,
    shapes_path: Path | str = SHAPES_PATH,
    ontology_path: Path | str | None = ONTOLOGY_PATH,
    *,
    ontology: Graph | None = None,
) -> ValidationResult:
    """Raise `NonConformingGraph` with the report's summary unless `graph` conforms.

    `build` calls this before writing `graph/`, so a graph that breaks the shapes never
    replaces the published one; it may pass the ontology it has already parsed.
    """
    result = validate(graph, shapes_path, ontology_path, ontology=ontology)
    if not result.conforms:
        shapes = sorted({_short(v.shape) for v in result.violations})
        raise NonConformingGraph(
            f"{result.summary()} (shapes: {', '.join(shapes[:8])}"
            f"{', ...' if len(shapes) > 8 else ''}); run `labourgraph validate` for the report"
        )
    return result


_QUERY_CACHE: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], object] = {}
_QUERY_CACHE_SIZE = 256


@contextlib.contextmanager
def _parsed_query_cache() -> Iterator[None]:
    """Reuse rdflib's parsed and translated form of each distinct query text.

    pySHACL hands the same constraint text to `Graph.query` once per focus node; parsing is
    40 times slower than evaluating these small queries. Translated queries are reusable
    (that is what `prepareQuery` returns), so this only removes repeated parsing. The cache
    outlives one validation (the tests and the benchmark validate many graphs) and is
    bounded; the patch is removed when validation ends.
    """
    original = sparql_processor.SPARQLProcessor.query

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in _QUERY_CACHE:
                if len(_QUERY_CACHE) >= _QUERY_CACHE_SIZE:
                    _QUERY_CACHE.clear()
                _QUERY_CACHE[key] = translateQuery(parseQuery(strOrQuery), base, initNs or {})
            strOrQuery = _QUERY_CACHE[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    sparql_processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        sparql_processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _violations(report: Graph, shapes: Graph, data: Graph) -> Iterator[Violation]:
    owners = shape_owners(shapes)
    evidence_cache: dict[URIRef, tuple[EvidenceRef, ...]] = {}
    # the report's results, not every sh:ValidationResult of the graph: pySHACL adds the
    # results behind an sh:node failure as sh:detail of it, which are no results of the report
    results = {
        r
        for top in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(top, SH.result)
    }
    for result in results:
        shape = reported_shape(owners, report.value(result, SH.sourceShape))
        focus = report.value(result, SH.focusNode)
        component = report.value(result, SH.sourceConstraintComponent)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        constraint = report.value(result, SH.sourceConstraint)
        messages = sorted(
            (
                (_language(m) or _template_language(shapes, constraint, str(m)), str(m))
                for m in report.objects(result, SH.resultMessage)
            ),
            key=lambda pair: (pair[0] != "en", pair),
        )
        if isinstance(focus, URIRef) and focus not in evidence_cache:
            evidence_cache[focus] = _evidence_of(data, focus)
        yield Violation(
            shape=shape,
            focus=str(focus),
            component=_local(component),
            path=str(path) if isinstance(path, URIRef) else None,
            value=str(value) if value is not None else None,
            constraint=str(constraint) if isinstance(constraint, URIRef) else None,
            messages=tuple(messages),
            evidence=evidence_cache.get(focus, ()) if isinstance(focus, URIRef) else (),
        )


def _language(message: Node) -> str | None:
    """The language tag of a result message (a literal)."""
    return message.language if isinstance(message, Literal) else None


def _template_language(shapes: Graph, constraint: Node | None, text: str) -> str:
    """The language of a SPARQL constraint's message, which pySHACL drops when it fills in the
    `{?var}` placeholders: found by matching `text` against each language's template."""
    if constraint is None:
        return ""
    for template in shapes.objects(constraint, SH.message):
        pieces = re.split(r"\{[?$]\w+\}", str(template))
        pattern = "(?s)" + ".*".join(re.escape(piece) for piece in pieces)
        if isinstance(template, Literal) and re.fullmatch(pattern, text):
            return template.language or ""
    return ""


def _evidence_of(data: Graph, node: URIRef, limit: int = 2) -> tuple[EvidenceRef, ...]:
    """The first evidence spans of `node` (or the node itself if it is an evidence span)."""
    spans: list[Identifier] = [node]
    if (node, PLO.quote, None) not in data:
        spans = sorted(o for o in data.objects(node, PLO.evidence) if isinstance(o, Identifier))
    refs = []
    for span in spans:
        quote = data.value(span, PLO.quote)
        document = data.value(span, PLO.inDocument)
        start = data.value(span, PLO.startOffset)
        end = data.value(span, PLO.endOffset)
        if quote is None or document is None:
            continue
        refs.append(EvidenceRef(str(document), _int(start), _int(end), str(quote)))
    return tuple(sorted(refs)[:limit])


def _int(term: object) -> int:
    try:
        return int(str(term))
    except ValueError:
        return -1


def _local(term: object) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text


_SHORT = (
    ("https://w3id.org/platform-labour/id/", "pld:"),
    ("https://w3id.org/platform-labour/ontology#", "plo:"),
    ("https://w3id.org/platform-labour/shapes#", "plsh:"),
)


def _short(iri: str | None) -> str:
    if iri is None:
        return ""
    for long, prefix in _SHORT:
        if iri.startswith(long):
            return prefix + iri[len(long) :]
    return f"<{iri}>" if iri.startswith(("http://", "https://", "urn:")) else iri
