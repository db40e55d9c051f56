"""What the graph says about each document, read back from its triples for the evaluation.

The scorer judges the graph the build produced (`docs/graph-model.md`), not the extraction's
intermediate records: an individual, figure, statement or relation belongs to a document
when one of its evidence spans (or its axiom's) is in that document. Kinds of individuals
come from the ontology's class hierarchy (`core.model`: `rdfs:subClassOf`), so a new subclass of
`plo:Platform` counts as a platform without a change here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node as Term

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.model import subclasses
from labourgraph.core.vocab import PLO
from labourgraph.tools.gold import QUALIFIERS, interval, names, number, period_interval

KINDS = (
    ("Platform", "platform"),
    ("Person", "person"),
    ("Place", "place"),
    ("AISystem", "ai"),
    ("SoftwareApplication", "app"),
    ("Organisation", "organisation"),
)
"""Coarse kinds of entities, by the ontology class they fall under (the first that fits)."""

RELATIONS = frozenset(
    {
        "worksOn",
        "affiliatedWith",
        "basedIn",
        "livesIn",
        "offersTaskType",
        "subcontractsTo",
        "clientOf",
        "operatedBy",
    }
)
"""The relations the gold annotates between the entities of a document."""

SUBJECTS = (PLO.population, PLO.aboutOrganisation, PLO.aboutPerson)
_PLO = str(PLO)


def local(term: object) -> str:
    """The local name of a plo: term, or the text of a literal."""
    text = str(term)
    return text[len(_PLO) :] if text.startswith(_PLO) else text


def is_a(cls: str, ancestor: str) -> bool:
    """Whether `plo:{cls}` is `plo:{ancestor}` or under it (`core.model`'s closure of the
    ontology's `rdfs:subClassOf`; a class the ontology does not declare is only itself)."""
    try:
        return cls in subclasses(ancestor)
    except LabourgraphError:
        return cls == ancestor


def coarse(cls: str) -> str:
    """The kind an entity class belongs to, for matching; "other" outside `KINDS`."""
    return next((kind for top, kind in KINDS if is_a(cls, top)), "other")


def most_specific(classes: Iterable[str]) -> frozenset[str]:
    """The classes no other class of `classes` is under."""
    given = set(classes)
    return frozenset(c for c in given if not any(c != o and is_a(o, c) for o in given))


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class Individual:
    """An individual as one document presents it: its kind, classes and every name (labels,
    alternative labels and the quotes of its evidence in this document)."""

    iri: str
    label: str
    kind: str  # a coarse entity kind, "population", "task" or "other"
    classes: frozenset[str]
    names: frozenset[str]
    present: bool  # has evidence in this document (not only named by a fact that has)
    quotes: list[str]  # of its evidence in this document, folded
    named: bool  # its label is a proper name (no language tag; docs/graph-model.md)


@dataclass
class GraphFigure:
    iri: str
    label: str
    value: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None
    unit: str | None
    spans: list[Span]
    fields: dict[str, str | None]  # direction, indicator, period, qualifier, per_unit
    subjects: list[str]
    areas: list[str]


@dataclass
class GraphStatement:
    iri: str
    topic: str | None
    polarity: str
    spans: list[Span]


@dataclass
class DocumentView:
    """Everything the graph holds with evidence in one document."""

    file_name: str
    language: str | None
    text: str | None = None  # plo:text
    nodes: dict[str, Individual] = field(default_factory=dict)
    figures: list[GraphFigure] = field(default_factory=list)
    statements: list[GraphStatement] = field(default_factory=list)
    relations: set[tuple[str, str, str]] = field(default_factory=set)

    @property
    def entities(self) -> list[Individual]:
        """The named entities of the document: individuals of an entity kind with evidence
        here and a proper name (not a kind of AI system named by a common noun, "search
        engine"@en, nor a chain layer's unnamed organisation)."""
        return [
            n
            for n in self.nodes.values()
            if n.present and n.named and n.kind not in ("population", "task", "other")
        ]


def period_of(graph: Graph, node: URIRef) -> str | None:
    """A figure's period as an ISO interval: from `plo:periodStart` / `plo:periodEnd` when
    the graph has them, else from `plo:refPeriod` as stated."""
    start, end = graph.value(node, PLO.periodStart), graph.value(node, PLO.periodEnd)
    if start is not None or end is not None:
        return interval(period_interval(start), period_interval(end))
    return period_interval(graph.value(node, PLO.refPeriod))


def _word(graph: Graph, node: URIRef, prop: URIRef, default: str | None) -> str | None:
    """A property's value as a lower-case word (a literal, or a plo: individual's name)."""
    value = graph.value(node, prop)
    return default if value is None else local(value).lower()


def read_documents(graph: Graph) -> dict[str, DocumentView]:
    """Each document of the graph (by file name) with what the graph says it states."""
    views: dict[Term, DocumentView] = {}
    for doc, name in graph.subject_objects(PLO.fileName):
        language, text = graph.value(doc, DCTERMS.language), graph.value(doc, PLO.text)
        views[doc] = DocumentView(
            str(name),
            None if language is None else str(language),
            None if text is None else str(text),
        )
    spans: dict[URIRef, dict[Term, list[tuple[Span, str]]]] = defaultdict(dict)
    for evidence, doc in graph.subject_objects(PLO.inDocument):
        start, end = graph.value(evidence, PLO.startOffset), graph.value(evidence, PLO.endOffset)
        if doc not in views or not isinstance(start, Literal) or not isinstance(end, Literal):
            continue
        span = Span(int(start), int(end))
        quote = str(graph.value(evidence, PLO.quote) or "")
        for holder in graph.subjects(PLO.evidence, evidence):
            if isinstance(holder, URIRef):
                spans[holder].setdefault(doc, []).append((span, quote))
    reader = _Reader(graph)
    for holder, by_doc in spans.items():
        for doc, found in by_doc.items():
            reader.add(views[doc], holder, found)
    return {v.file_name: v for v in views.values()}


class _Reader:
    """Puts each individual, figure, statement and relation axiom into its documents."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def classes(self, node: URIRef) -> frozenset[str]:
        return most_specific(
            local(t) for t in self.graph.objects(node, RDF.type) if str(t).startswith(_PLO)
        )

    def node(self, view: DocumentView, iri: URIRef, quotes: Iterable[str] = ()) -> Individual:
        """The document's record of an individual (made on first sight)."""
        known = view.nodes.get(str(iri))
        if known is not None:
            if quotes:
                known.names |= names(list(quotes))
                known.quotes += names(list(quotes))
                known.present = True
            return known
        g, classes = self.graph, self.classes(iri)
        labels = sorted(g.objects(iri, RDFS.label), key=lambda t: (_language(t) or "", str(t)))
        kind = next((coarse(c) for c in classes), "other")
        if any(is_a(c, "WorkerPopulation") for c in classes):
            kind = "population"
        elif any(is_a(c, "TaskType") for c in classes):
            kind = "task"
        made = Individual(
            iri=str(iri),
            label=str(next(iter(labels), local(iri))),  # a plain label first, else English
            kind=kind,
            classes=classes,
            names=names([*labels, *g.objects(iri, SKOS.altLabel), *quotes]),
            present=bool(quotes),
            quotes=list(names(list(quotes))),
            named=not any(_language(t) for t in labels),
        )
        view.nodes[str(iri)] = made
        return made

    def add(self, view: DocumentView, holder: URIRef, found: list[tuple[Span, str]]) -> None:
        g = self.graph
        types = set(g.objects(holder, RDF.type))
        if OWL.Axiom in types:
            self.relation(view, holder)
            return
        classes = self.classes(holder)
        if any(is_a(c, "StatisticalObservation") for c in classes):
            view.figures.append(self.figure(view, holder, [s for s, _ in found]))
        elif any(is_a(c, "QualitativeStatement") for c in classes):
            topic = g.value(holder, PLO.aboutTopic)
            polarity = _word(g, holder, PLO.polarity, "asserted") or "asserted"
            view.statements.append(
                GraphStatement(
                    str(holder), None if topic is None else local(topic), polarity,
                    [s for s, _ in found],
                )
            )  # fmt: skip
        else:
            self.node(view, holder, [q for _, q in found])

    def figure(self, view: DocumentView, node: URIRef, spans: list[Span]) -> GraphFigure:
        g = self.graph
        qualifier = g.value(node, PLO.qualifier)
        indicator = g.value(node, PLO.indicator)
        per_unit = g.value(node, PLO.perUnit)
        unit = g.value(node, PLO.unit)
        subjects = [o for p in SUBJECTS for o in g.objects(node, p) if isinstance(o, URIRef)]
        areas = [o for o in g.objects(node, PLO.refArea) if isinstance(o, URIRef)]
        for iri in (*subjects, *areas):
            self.node(view, iri)
        q = None if qualifier is None else str(qualifier)
        return GraphFigure(
            iri=str(node),
            label=str(g.value(node, RDFS.label) or local(node)),
            value=_decimal(g.value(node, PLO.value)),
            minimum=_decimal(g.value(node, PLO.minValue)),
            maximum=_decimal(g.value(node, PLO.maxValue)),
            unit=None if unit is None else str(unit),
            spans=spans,
            fields={
                "direction": _word(g, node, PLO.direction, "level"),
                "indicator": None if indicator is None else local(indicator),
                "period": period_of(g, node),
                "qualifier": QUALIFIERS.get(q, q),
                "per_unit": None if per_unit is None else str(per_unit),
            },
            subjects=[str(s) for s in subjects],
            areas=[str(a) for a in areas],
        )

    def relation(self, view: DocumentView, axiom: URIRef) -> None:
        g = self.graph
        source = g.value(axiom, OWL.annotatedSource)
        prop = g.value(axiom, OWL.annotatedProperty)
        target = g.value(axiom, OWL.annotatedTarget)
        if not (isinstance(source, URIRef) and isinstance(target, URIRef) and prop is not None):
            return
        predicate = local(prop)
        if predicate not in RELATIONS or (source, prop, target) not in g:
            return
        ends = (self.node(view, source), self.node(view, target))
        if all(n.kind != "other" and (n.named or n.kind in ("population", "task")) for n in ends):
            view.relations.add((str(source), predicate, str(target)))


def _language(term: object) -> str | None:
    return term.language if isinstance(term, Literal) else None


def _decimal(value: object) -> Decimal | None:
    return number(value.toPython() if isinstance(value, Literal) else value)
