"""Check the OWL ontology: labels and definitions, OWL 2 DL hygiene, HermiT, the OWL API.

`check(path)` gathers four kinds of problem into one `CheckReport`:

1. every `plo:` term has `rdfs:label` and `skos:definition` in French and in English;
2. OWL 2 DL problems visible in the RDF itself (rdflib): entities used but not declared, an
   IRI declared as two kinds of property or as a class and an individual (punning), triples
   that redefine the reserved vocabulary (rdf:, rdfs:, owl:, xsd:), and literals or ranges
   whose datatype is outside the OWL 2 datatype map (HermiT rejects `xsd:date`, `xsd:gYear`);
3. HermiT through owlready2 (`labourgraph.check.reason`): consistency and unsatisfiable classes;
4. the OWL API that Protégé uses (Debian's libowlapi-java): its OWL 2 DL profile check, run by
   the small Java program `java/OwlProfileCheck.java`, compiled once into a cache folder
   outside the repository. It runs whenever Java and the jars are present (`owlapi=None`),
   so that `labourgraph ontology check` says what Protégé would say; `owlapi=True` makes
   missing jars an error, `owlapi=False` skips it.

A file is loaded the way Protégé loads it: its `owl:imports` are resolved through the XML
catalog *beside the file* (`catalog-v001.xml` in the same folder) and through nothing else —
not the project's `ontology/catalog-v001.xml`, not the network. An import that catalog does
not map is a missing import, as Protégé reports it. That is why the build and the export
write a catalog into every folder that holds a file importing the ontology (`catalog_xml`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from labourgraph.check.reason import java_executable, reason_graph
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import check_bytes, load_graph, read_input
from labourgraph.core.vocab import PLO

DEFAULT_PATH = Path("ontology/platform-labour.ttl")
CATALOG_NAME = "catalog-v001.xml"
"""The name Protégé looks for beside the file it opens."""
DEFAULT_CATALOG = Path("ontology") / CATALOG_NAME
JAVA_SOURCE = Path(__file__).with_name("java") / "OwlProfileCheck.java"
JAVA_LIB = Path(os.environ.get("LABOURGRAPH_JAVA_LIB", "/usr/share/java"))
OWLAPI_JARS = (
    "owlapi-distribution", "guava", "caffeine", "hppcrt", "atinject-jsr330-api", "commons-io",
    "commons-rdf-api", "commons-codec", "commons-lang3", "commons-logging", "jsr305",
    "slf4j-api", "slf4j-nop", "jackson-core", "jackson-databind", "jackson-annotations",
    "jsonld-java", "xz", "httpclient", "httpclient-cache", "httpcore",
    "rdf4j-model", "rdf4j-model-api", "rdf4j-model-vocabulary", "rdf4j-rio-api",
    "rdf4j-rio-datatypes", "rdf4j-rio-languages", "rdf4j-rio-turtle", "rdf4j-rio-trig",
    "rdf4j-rio-ntriples", "rdf4j-rio-nquads", "rdf4j-rio-rdfxml", "rdf4j-rio-jsonld",
    "rdf4j-rio-n3", "rdf4j-rio-rdfjson", "rdf4j-rio-trix", "rdf4j-rio-binary", "rdf4j-rio-hdt",
    "rdf4j-util", "rdf4j-query",
)  # fmt: skip
"""The jars the OWL API 5.1 needs at run time (Debian package names, without version)."""

LANGUAGES = ("fr", "en")
RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))

DATATYPE_MAP = {
    *(XSD[name] for name in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
        "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString",
        "token", "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary",
        "base64Binary", "anyURI", "dateTime", "dateTimeStamp",
    )),
    RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational,
}  # fmt: skip
"""The OWL 2 datatype map: HermiT and the OWL API reject any other datatype in axioms."""

BUILTIN_ENTITIES = {
    OWL.Thing, OWL.Nothing, OWL.topObjectProperty, OWL.bottomObjectProperty,
    OWL.topDataProperty, OWL.bottomDataProperty, RDFS.label, RDFS.comment, RDFS.seeAlso,
    RDFS.isDefinedBy, OWL.versionInfo, OWL.deprecated, OWL.priorVersion,
    OWL.backwardCompatibleWith, OWL.incompatibleWith, *DATATYPE_MAP,
}  # fmt: skip
"""IRIs that OWL 2 knows without a declaration."""

META_TYPES = {
    OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.NamedIndividual, RDFS.Datatype, OWL.Restriction, OWL.Axiom, OWL.Annotation,
    OWL.AllDisjointClasses, OWL.AllDisjointProperties, OWL.AllDifferent,
    OWL.NegativePropertyAssertion, OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.AsymmetricProperty,
    OWL.ReflexiveProperty, OWL.IrreflexiveProperty, OWL.DeprecatedClass,
    OWL.DeprecatedProperty, RDF.List,
}  # fmt: skip
"""The rdf:type objects that the OWL 2 RDF mapping allows from the reserved vocabulary."""

DECLARATIONS = {
    OWL.Class: "class",
    RDFS.Datatype: "datatype",
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
    OWL.NamedIndividual: "individual",
}
PROPERTY_KINDS = {"object property", "datatype property", "annotation property"}
CLASS_POSITIONS = {
    RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, OWL.complementOf, OWL.onClass,
}  # fmt: skip
RANGE_POSITIONS = {RDFS.range, OWL.onDatatype, OWL.someValuesFrom, OWL.allValuesFrom}
PROPERTY_POSITIONS = {
    OWL.onProperty, RDFS.subPropertyOf, OWL.inverseOf, OWL.equivalentProperty,
    OWL.propertyDisjointWith, OWL.annotatedProperty,
}  # fmt: skip


@dataclass
class CheckReport:
    """Everything `labourgraph ontology check` found; `ok` when there is nothing to fix."""

    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    missing_labels: list[str] = field(default_factory=list)
    dl_problems: list[str] = field(default_factory=list)
    consistent: bool | None = None
    unsatisfiable: list[str] = field(default_factory=list)
    owlapi_violations: list[str] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every check that ran is clean."""
        return (
            not self.missing_labels
            and not self.dl_problems
            and self.consistent is not False
            and not self.unsatisfiable
            and not self.owlapi_violations
        )

    def text(self) -> str:
        """The report as the CLI prints it: one section per check, problems one per line."""
        lines = [f"ontology: {self.path}"]
        lines.append("terms: " + ", ".join(f"{kind} {n}" for kind, n in self.counts.items()))
        lines += _section("labels and definitions (fr, en)", self.missing_labels)
        lines += _section("OWL 2 DL (rdflib)", self.dl_problems)
        if self.consistent is None:
            lines.append("HermiT: not run")
        else:
            lines.append(f"HermiT: {'consistent' if self.consistent else 'INCONSISTENT'}")
            lines += _section("unsatisfiable classes", self.unsatisfiable)
        if self.owlapi_violations is None:
            lines.append("OWL API DL profile: not run")
        else:
            lines += _section("OWL API DL profile", self.owlapi_violations)
        lines += [f"note: {note}" for note in self.notes]
        lines.append("result: " + ("clean" if self.ok else "PROBLEMS FOUND"))
        return "\n".join(lines)


def _section(title: str, problems: list[str]) -> list[str]:
    if not problems:
        return [f"{title}: ok"]
    return [f"{title}: {len(problems)} problem(s)", *(f"  - {p}" for p in problems)]


def check(
    path: Path | str = DEFAULT_PATH, *, reasoner: bool = True, owlapi: bool | None = None
) -> CheckReport:
    """Run every check on the ontology file at `path` (see the module docstring)."""
    path = Path(path)
    graph = load_graph(path)
    report = CheckReport(path=path, counts=count_terms(graph))
    report.missing_labels = missing_labels(graph)
    closure, missing = with_imports(graph, catalog_beside(path))
    report.dl_problems = sorted(missing + dl_problems(closure))
    if reasoner:
        result = reason_graph(graph)
        report.consistent = result.consistent
        report.unsatisfiable = [_short(iri) for iri in result.unsatisfiable]
    if owlapi is None and not owlapi_available():
        report.notes.append(f"OWL API skipped: java or libowlapi-java jars not found in {JAVA_LIB}")
    elif owlapi is not False:
        report.owlapi_violations = owlapi_profile_check(path)
    return report


def declarations(graph: Graph) -> dict[URIRef, set[str]]:
    """Each declared IRI with its kinds; an IRI typed with a declared class is an individual."""
    kinds: dict[URIRef, set[str]] = {}
    for meta, kind in DECLARATIONS.items():
        for subject in graph.subjects(RDF.type, meta):
            if isinstance(subject, URIRef):
                kinds.setdefault(subject, set()).add(kind)
    classes = {iri for iri, k in kinds.items() if "class" in k}
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and cls in classes:
            kinds.setdefault(subject, set()).add("individual")
    return kinds


def terms(graph: Graph, namespace: str = str(PLO)) -> dict[URIRef, str]:
    """The declared terms of `namespace`, each with its main kind, sorted by IRI."""
    order = ["class", "object property", "datatype property", "annotation property", "datatype"]
    found = {}
    for iri, kinds in sorted(declarations(graph).items()):
        if str(iri).startswith(namespace):
            found[iri] = next((k for k in order if k in kinds), "individual")
    return found


def count_terms(graph: Graph) -> dict[str, int]:
    """How many plo: classes, properties and individuals the ontology declares."""
    plurals = {
        "class": "classes",
        "object property": "object properties",
        "datatype property": "datatype properties",
        "annotation property": "annotation properties",
        "datatype": "datatypes",
        "individual": "individuals",
    }
    counts = dict.fromkeys(plurals.values(), 0)
    for kind in terms(graph).values():
        counts[plurals[kind]] += 1
    return {name: n for name, n in counts.items() if n or name != "datatypes"}


def missing_labels(graph: Graph) -> list[str]:
    """Each plo: term lacking an rdfs:label or a skos:definition in French or in English."""
    problems = []
    for iri in terms(graph):
        for prop, name in ((RDFS.label, "rdfs:label"), (SKOS.definition, "skos:definition")):
            langs = {o.language for o in graph.objects(iri, prop) if isinstance(o, Literal)}
            missing = [lang for lang in LANGUAGES if lang not in langs]
            if missing:
                problems.append(f"{_short(iri)}: no {name} in {', '.join(missing)}")
    return problems


def dl_problems(graph: Graph) -> list[str]:
    """OWL 2 DL problems that show in the triples themselves (see the module docstring)."""
    kinds = declarations(graph)
    declared = set(kinds) | BUILTIN_ENTITIES
    annotation_props = {iri for iri, k in kinds.items() if "annotation property" in k}
    annotation_props |= {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo}
    ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
    axioms = set(graph.subjects(RDF.type, OWL.Axiom))
    problems: set[str] = set()

    def need(iri: object, wanted: set[str] | None, role: str) -> None:
        if not isinstance(iri, URIRef) or iri in BUILTIN_ENTITIES:
            return
        if iri not in declared:
            problems.add(f"{_short(iri)}: used as {role} but not declared")
        elif wanted is not None and not (kinds.get(iri, set()) & wanted):
            problems.add(f"{_short(iri)}: used as {role} but declared as {_kinds(kinds, iri)}")

    for s, p, o in graph:
        if isinstance(s, URIRef) and str(s).startswith(RESERVED):
            problems.add(f"{_short(s)}: reserved vocabulary redefined ({_short(p)} {_short(o)})")
        if not str(p).startswith(RESERVED) or p in annotation_props:
            need(p, PROPERTY_KINDS, "a property")
        if isinstance(s, URIRef) and s not in ontologies and s not in axioms:
            need(s, None, "a subject")
        if p == RDF.type:
            if str(o).startswith(RESERVED):
                if o not in META_TYPES:
                    problems.add(f"{_short(s)}: typed with reserved {_short(o)}, not OWL 2 DL")
            else:
                need(o, {"class"}, "a class")
        elif p in CLASS_POSITIONS:
            need(o, {"class"}, "a class")
        elif p in PROPERTY_POSITIONS:
            need(o, PROPERTY_KINDS, "a property")
        elif p in (RDFS.domain, RDFS.range) and s not in annotation_props:
            need(o, {"class", "datatype"}, "a class or datatype")
        elif p in (OWL.hasValue, RDF.first, OWL.sourceIndividual, OWL.targetIndividual):
            need(o, None, "an entity")
        elif p in (OWL.annotatedSource, OWL.annotatedTarget) and o not in axioms:
            need(o, None, "an annotated entity")
        datatype = o.datatype if isinstance(o, Literal) else None
        if datatype and datatype not in DATATYPE_MAP and p not in annotation_props:
            problems.add(
                f"{_short(s)} {_short(p)}: datatype {_short(datatype)} outside the OWL 2 map"
            )
        xsd_range = isinstance(o, URIRef) and str(o).startswith(str(XSD))
        if p in RANGE_POSITIONS and xsd_range and o not in DATATYPE_MAP:
            problems.add(f"{_short(s)}: range {_short(o)} outside the OWL 2 datatype map")

    for iri, k in sorted(kinds.items()):
        if len(k & PROPERTY_KINDS) > 1:
            problems.add(f"{_short(iri)}: declared as {_kinds(kinds, iri)} (property punning)")
        if "class" in k and "individual" in k:
            problems.add(f"{_short(iri)}: both a class and an individual (punning)")
        if "class" in k and "datatype" in k:
            problems.add(f"{_short(iri)}: both a class and a datatype")
    return sorted(problems)


def _kinds(kinds: dict[URIRef, set[str]], iri: URIRef) -> str:
    return " and ".join(sorted(kinds.get(iri, set()))) or "nothing"


def _short(iri: object) -> str:
    """`plo:X`, `owl:X`, ... for the report; other IRIs in full, blank nodes as `_:`."""
    if isinstance(iri, BNode):
        return "_:" + str(iri)[:8]
    text = str(iri)
    for prefix, ns in (("plo", PLO), ("owl", OWL), ("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD)):
        if text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)) :]}"
    return text


# --- The OWL API (what Protégé uses) -------------------------------------------------------


def catalog_imports(catalog: Path | str = DEFAULT_CATALOG) -> dict[str, Path]:
    """IRI → local file from a Protégé XML catalog (`<uri name=IRI uri=relative path/>`)."""
    catalog = Path(catalog)
    data = read_input(catalog, "xml")  # size limit and no DTD, as for any XML the project reads
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise LabourgraphError(f"{catalog}: cannot read the XML catalog: {err}") from None
    mapping = {}
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "uri" and element.get("name") and element.get("uri"):
            mapping[element.get("name", "")] = (catalog.parent / element.get("uri", "")).resolve()
    return mapping


def catalog_beside(path: Path | str) -> dict[str, Path]:
    """The imports Protégé would resolve for `path`: the catalog in its own folder, if any."""
    catalog = Path(path).parent / CATALOG_NAME
    return catalog_imports(catalog) if catalog.is_file() else {}


def with_imports(graph: Graph, imports: dict[str, Path]) -> tuple[Graph, list[str]]:
    """`graph` with the triples of every ontology it imports (transitively), read from the
    local files `imports` maps them to; and one problem line per import left unmapped."""
    closure = Graph()
    for triple in graph:
        closure.add(triple)
    missing: list[str] = []
    seen: set[str] = set()
    pending = [str(o) for o in graph.objects(None, OWL.imports)]
    while pending:
        iri = pending.pop()
        if iri in seen:
            continue
        seen.add(iri)
        local = imports.get(iri)
        if local is None or not Path(local).is_file():
            missing.append(f"missing import: {iri} (no {CATALOG_NAME} beside the file maps it)")
            continue
        imported = load_graph(local)
        for triple in imported:
            closure.add(triple)
        pending += [str(o) for o in imported.objects(None, OWL.imports)]
    return closure, sorted(missing)


def catalog_xml(mapping: dict[str, str]) -> bytes:
    """A Protégé XML catalog mapping each IRI to a path relative to the catalog's folder.

    Sorted and without a date, so that it is rewritten byte for byte; `catalog_imports`
    reads it back.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        "<!-- Generated by labourgraph; do not edit. Protégé's XML catalog: it maps the imported",
        "     ontology's IRIs to a local file, so that the files of this folder open offline. -->",
        '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">',
    ]
    for iri, local in sorted(mapping.items()):
        lines.append(f'    <uri name="{escape(iri, _ATTR)}" uri="{escape(local, _ATTR)}"/>')
    lines.append("</catalog>")
    return ("\n".join(lines) + "\n").encode("utf-8")


_ATTR = {'"': "&quot;"}


def ontology_mapping(ontology: Graph, local: str) -> dict[str, str]:
    """The ontology's IRI and version IRI, both mapped to `local` (for `catalog_xml`)."""
    mapping = {}
    for iri in ontology.subjects(RDF.type, OWL.Ontology):
        mapping[str(iri)] = local
        for version in ontology.objects(iri, OWL.versionIRI):
            mapping[str(version)] = local
    return mapping


def owlapi_classpath() -> list[Path]:
    """The jars of Debian's libowlapi-java and its dependencies; an error names what is missing."""
    jars = [JAVA_LIB / f"{name}.jar" for name in OWLAPI_JARS]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if missing:
        hint = "apt-get install libowlapi-java"
        raise LabourgraphError(f"OWL API jars missing in {JAVA_LIB}: {', '.join(missing)} ({hint})")
    return jars


def owlapi_available() -> bool:
    """True when `java`, `javac` and the OWL API jars are all present."""
    if not (shutil.which("java") and shutil.which("javac")):
        return False
    return all((JAVA_LIB / f"{name}.jar").is_file() for name in OWLAPI_JARS)


def cache_dir() -> Path:
    """Where compiled helpers live: $LABOURGRAPH_CACHE, else $XDG_CACHE_HOME/labourgraph."""
    if "LABOURGRAPH_CACHE" in os.environ:
        return Path(os.environ["LABOURGRAPH_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "labourgraph"


def compiled_profile_checker() -> Path:
    """Compile `OwlProfileCheck.java` once per source version; return the class folder.

    The folder name carries a hash of the source and classpath, so an edit recompiles; the
    class is compiled into a temporary folder and renamed, so concurrent runs never see a
    half-written class file.
    """
    javac = shutil.which("javac")
    if javac is None:
        raise LabourgraphError("javac not found on PATH: the OWL API check needs a JDK 17")
    classpath = os.pathsep.join(map(str, owlapi_classpath()))
    digest = hashlib.sha256(JAVA_SOURCE.read_bytes() + classpath.encode()).hexdigest()[:16]
    target = cache_dir() / f"owlapi-check-{digest}"
    if (target / "OwlProfileCheck.class").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".owlapi-check-", dir=target.parent))
    done = subprocess.run(
        [javac, "-nowarn", "-cp", classpath, "-d", str(staging), str(JAVA_SOURCE)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise LabourgraphError(f"javac failed on {JAVA_SOURCE.name}: {done.stderr.strip()[:300]}")
    try:
        staging.rename(target)
    except OSError:  # another process finished first
        shutil.rmtree(staging, ignore_errors=True)
    return target


@dataclass(frozen=True)
class OwlApiResult:
    """What the OWL API made of a file: its DL profile problems and what it parsed."""

    violations: list[str]
    axioms: int
    annotated_axioms: int
    ontologies: int


def owlapi_load(path: Path | str, imports: dict[str, Path] | None = None) -> OwlApiResult:
    """Load `path` with the OWL API, run its OWL 2 DL profile check, count what it parsed.

    `imports` maps each `owl:imports` IRI to a local file (default: the catalog beside `path`,
    as Protégé reads it, and no other), so that nothing is fetched; an unmapped import is
    reported as a `MissingImport` problem rather than looked up on the web.
    `annotated_axioms` counts the axioms that carry annotations (the knowledge graph's
    `owl:Axiom` evidence nodes).
    """
    path = Path(path)
    if not path.is_file():
        raise LabourgraphError(f"{path}: no such file")
    if imports is None:
        imports = catalog_beside(path)
    for local in (path, *imports.values()):
        if Path(local).is_file():  # the Java parser gets only what rdfio would accept
            data = read_input(local, "turtle")  # the size limit, whatever the syntax
            if data.lstrip().startswith(b"<"):  # RDF/XML or OWL/XML: no DTD, no entities
                check_bytes(data, "xml", str(local))
    classes = compiled_profile_checker()
    classpath = os.pathsep.join([str(classes), *map(str, owlapi_classpath())])
    mappings = [f"{iri}={Path(local).resolve()}" for iri, local in sorted(imports.items())]
    done = subprocess.run(
        [java_executable(), "-cp", classpath, "OwlProfileCheck", str(path.resolve()), *mappings],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise LabourgraphError(f"OWL API could not load {path}: {first}")
    lines = done.stdout.splitlines()
    summary = dict(
        item.split("=", 1) for line in lines if line.startswith("# ") for item in line[2:].split()
    )
    return OwlApiResult(
        violations=[line for line in lines if line and not line.startswith("#")],
        axioms=int(summary.get("axioms", 0)),
        annotated_axioms=int(summary.get("annotated_axioms", 0)),
        ontologies=int(summary.get("imports", 0)),
    )


def owlapi_profile_check(path: Path | str, imports: dict[str, Path] | None = None) -> list[str]:
    """The OWL 2 DL profile violations the OWL API (Protégé's library) reports for `path`.

    See `owlapi_load` for `imports`. An empty list means Protégé opens the file with no
    profile violation, no undeclared entity and no missing import.

    >>> owlapi_profile_check("ontology/platform-labour.ttl")  # doctest: +SKIP
    []
    """
    return owlapi_load(path, imports).violations
