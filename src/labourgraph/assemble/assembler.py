"""The assembler: one place every triple of the graph passes through, with its provenance.

An individual gets its `plo:evidence`, an object-property triple gets its `owl:Axiom`
annotation, and one span stated twice is one evidence node. No blank nodes are minted, so the
serialised graph is the same byte for byte from the same input. `populate` says which facts
become which triples; this module says how any triple is written.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from labourgraph.assemble.summaries import corpus_summaries
from labourgraph.core import mint
from labourgraph.core.rdfio import graph_of, nt_lines, nt_literal, nt_term, rdflib_triples
from labourgraph.core.vocab import ONTOLOGY_IRI, PLD, PLO
from labourgraph.intake.corpus import Document
from labourgraph.intake.licences import licence_iri

if TYPE_CHECKING:
    pass

ACTIVITIES: dict[str, tuple[URIRef, str, str]] = {
    "lexicon": (
        PLO.AutomaticRule,
        "Curated lexicon match (Aho-Corasick)",
        "Correspondance avec le lexique",
    ),
    "ner": (
        PLO.StatisticalModel,
        "spaCy named entities (fr_core_news_sm, en_core_web_sm 3.8.0), typed by context",
        "Entités nommées spaCy, typées par le contexte",
    ),
    "rules": (
        PLO.AutomaticRule,
        "Capitalised-span and context rules",
        "Règles de noms propres et de contexte",
    ),
    "number-grammar": (
        PLO.AutomaticRule,
        "French and English number grammar",
        "Grammaire des nombres",
    ),
    "task-cues": (
        PLO.AutomaticRule,
        "Ontology cue labels (task types, AI systems, topics)",
        "Indices lexicaux de l'ontologie",
    ),
    "relation-rules": (PLO.AutomaticRule, "Sentence-level relation rules", "Règles de relations"),
    "chain-rules": (
        PLO.AutomaticRule,
        "Subcontracting chain rules",
        "Règles des chaînes de sous-traitance",
    ),
    "curation": (PLO.HumanCuration, "Human curation (corpus/curation/*.yaml)", "Curation humaine"),
}
_GENRES = {
    "interview": PLO.Interview,
    "essay": PLO.Essay,
    "news": PLO.NewsArticle,
    "report": PLO.Report,
    "blog": PLO.BlogPost,
}
_NOT_ANNOTATED = {
    RDF.type,
    PLO.evidence,
    PLO.inDocument,
    PROV.wasGeneratedBy,
    PLO.mentions,
    PLO.servesFunction,
    PLO.method,
    PLO.genre,
    DCTERMS.isPartOf,
}
SEGMENTS = {
    "organisation": "organisation",
    "person": "person",
    "place": "place",
    "task": "task-type",
    "ai": "ai-system",
    "app": "application",
    "population": "population",
}


_TYPE, _LABEL, _EVIDENCE = nt_term(RDF.type), nt_term(RDFS.label), nt_term(PLO.evidence)
_MENTIONS = nt_term(PLO.mentions)
_NOT_ANNOTATED_IRIS = {str(p) for p in _NOT_ANNOTATED}
_PLD = str(PLD)


class Assembler:
    """Accumulates triples with their provenance, then renders them.

    Its methods take rdflib terms, but the triples are kept as N-Triples terms (strings, see
    `rdfio.nt_literal`) in a plain set: rdflib's terms hash and compare in Python, and adding
    them to its memory store (indexes, events) was the whole cost of assembly (9 s of the
    100x build); strings hash in C, and their sorted lines are the text validation and both
    output files read. `render` still gives a Graph for callers that want one.
    """

    def __init__(self, ontology: Graph, terms: OntologyTerms | None = None) -> None:
        self.ontology = ontology
        self.triples: set[tuple[str, str, str]] = set()
        """Every triple so far, as N-Triples terms."""
        self.spans: dict[tuple[str, int, int], tuple[float, str]] = {}
        """(doc, start, end) of each evidence span -> (confidence, activity)."""
        self.axioms: dict[tuple[str, str, str], set[tuple[str, int, int]]] = defaultdict(set)
        """(subject, property, object) IRIs of an annotated triple -> its evidence spans."""
        self.texts: dict[str, str] = {}
        self._documents: dict[str, str] = {}
        self.labels: dict[URIRef, set[Literal]] = defaultdict(set)
        """The labels of each individual a figure can be about (`individual(about=True)`),
        for the text of its measure (`measure_key`)."""
        self.terms = terms or OntologyTerms(ontology)
        self.known_types: dict[str, str] = {}
        """Types of nodes typed elsewhere (N-Triples terms): the entities one document's
        fragment mentions, whose nodes the corpus part writes (`populate.fragment`)."""

    def add(self, subject: URIRef, predicate: URIRef, obj: URIRef | Literal) -> None:
        """One triple, no provenance: for the attributes of a node that has its evidence."""
        self.triples.add((f"<{subject}>", f"<{predicate}>", nt_term(obj)))

    # -- documents and evidence -------------------------------------------------------------
    def add_document(self, document: Document) -> URIRef:
        iri = mint.document_iri(document.doc_id)
        self.texts[document.doc_id] = document.text
        self._documents[document.doc_id] = f"<{iri}>"
        add = self.add
        add(iri, RDF.type, PLO.SourceDocument)
        add(iri, DCTERMS.title, Literal(document.title, lang=document.language))
        add(iri, DCTERMS.language, Literal(document.language))
        add(iri, PLO.fileName, Literal(document.file_name))
        add(iri, PLO.text, Literal(document.text))
        # What a release without the text keeps of it (publish.export.release_graph).
        digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        add(iri, PLO.textSha256, Literal(digest))
        add(iri, PLO.textLength, Literal(len(document.text), datatype=XSD.nonNegativeInteger))
        if document.url:
            add(iri, DCTERMS.source, URIRef(document.url))
        if document.license:
            add(iri, DCTERMS.license, URIRef(licence_iri(document.license)))
        for prop, value in (
            (DCTERMS.publisher, document.publisher),
            (DCTERMS.creator, document.author),
            (DCTERMS.contributor, document.interviewer),
            (DCTERMS.date, document.date),
        ):
            if value:
                add(iri, prop, Literal(value))
        if document.genre in _GENRES:
            add(iri, PLO.genre, _GENRES[document.genre])
        for index, part in enumerate(document.parts, start=1):
            part_iri = mint.part_iri(document.doc_id, index)
            add(part_iri, RDF.type, PLO.DocumentPart)
            add(part_iri, DCTERMS.isPartOf, iri)
            add(part_iri, DCTERMS.title, Literal(part.title, lang=document.language))
            add(part_iri, PLO.partStartOffset, Literal(part.start, datatype=XSD.nonNegativeInteger))
            add(part_iri, PLO.partEndOffset, Literal(part.end, datatype=XSD.nonNegativeInteger))
            if part.date:
                add(part_iri, DCTERMS.date, Literal(part.date))
            if part.author:
                add(part_iri, DCTERMS.creator, Literal(part.author))
        return iri

    def evidence(
        self, doc_id: str, start: int, end: int, activity: str, confidence: float
    ) -> URIRef:
        """The evidence node of a span; the most confident method that found it is kept."""
        text = self.texts[doc_id]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        span = (doc_id, start, end)
        previous = self.spans.get(span)
        if previous is None or (confidence, activity) > previous:
            self.spans[span] = (round(confidence, 2), activity)
        return mint.evidence_iri(doc_id, start, end)

    # -- individuals and facts -------------------------------------------------------------
    def individual(
        self,
        iri: URIRef,
        cls: URIRef,
        labels: list[Literal],
        evidence: URIRef | None = None,
        *,
        about: bool = False,
    ) -> URIRef:
        """A typed, labelled node; `about` for an entity or population a figure can be about,
        whose labels are kept (not those of every figure and statement: most of the nodes)."""
        subject = f"<{iri}>"
        self.triples.add((subject, _TYPE, f"<{cls}>"))
        if about:
            self.labels[iri].update(labels)
        for label in labels:
            self.triples.add((subject, _LABEL, nt_term(label)))
        if evidence is not None:
            self.triples.add((subject, _EVIDENCE, f"<{evidence}>"))
        return iri

    def fact(
        self, subject: URIRef, predicate: URIRef, obj: URIRef | Literal, evidence: URIRef | None
    ) -> None:
        """One triple; object-property triples are annotated with the span that states them."""
        self.add(subject, predicate, obj)
        if evidence is None:
            return
        if isinstance(obj, URIRef) and str(predicate) not in _NOT_ANNOTATED_IRIS:
            self.axioms[(str(subject), str(predicate), str(obj))].add(mint.evidence_span(evidence))
        elif subject.startswith(_PLD):
            self.triples.add((f"<{subject}>", _EVIDENCE, f"<{evidence}>"))

    def mentions(self, doc_id: str, entity: URIRef) -> None:
        self.triples.add((self._documents[doc_id], _MENTIONS, f"<{entity}>"))

    # -- rendering ------------------------------------------------------------------------
    def contexts(self) -> dict[str, str]:
        """The words around each span that names an organisation (`context_window`), by the
        span's evidence IRI as an N-Triples term.

        What a reader needs to see what an organisation does; precomputed because cutting
        it from a document's text in SPARQL copies the whole text per span (measured on the
        100x corpus: 157 ms for query 10 that way, 13 ms reading this).
        """
        below = self.terms.organisations()
        triples = self.triples
        organisations = {s for s, p, o in triples if p == _TYPE and o in below}
        organisations.update(s for s, o in self.known_types.items() if o in below)
        spans = {o for s, p, o in triples if p == _EVIDENCE and s in organisations}
        return {
            iri: context_window(self.texts[doc_id], start, end)
            for iri in spans
            for doc_id, start, end in [mint.evidence_span(iri[1:-1])]
        }

    def render(self) -> Graph:
        """The triples as an rdflib Graph."""
        lines = nt_lines(self.render_triples())
        return graph_of(rdflib_triples(b"".join(lines)))

    def render_triples(self) -> set[tuple[str, str, str]]:
        """Every triple, as N-Triples terms: the facts, their evidence nodes, axioms, the
        statement summaries and the graph's header."""
        triples = self.render_facts()
        triples.update(corpus_summaries(triples))  # what queries 08 and 12 read (summaries.py)
        triples.update(header_triples())
        return triples

    def render_facts(self) -> set[tuple[str, str, str]]:
        """The triples added so far with their evidence nodes, activities and axioms: all
        of the graph but the summaries and the header, which depend on the whole corpus;
        for one document's assembler, that document's fragment (`populate.fragment`)."""
        triples = self.triples
        add = self.add
        used = {activity for _conf, activity in self.spans.values()}
        for name in sorted(used):
            method, en, fr = ACTIVITIES[name]
            activity = PLD[f"activity/{name}"]
            add(activity, RDF.type, PLO.ExtractionActivity)
            add(activity, RDFS.label, Literal(en, lang="en"))
            add(activity, RDFS.label, Literal(fr, lang="fr"))
            add(activity, PLO.method, method)
        # the evidence pattern written as N-Triples directly: about half the graph's triples
        a, evidence, in_document, quote_of = (
            _TYPE,
            nt_term(PLO.Evidence),
            *map(nt_term, (PLO.inDocument, PLO.quote)),
        )
        start_at, end_at, confidence_of, context_of = map(
            nt_term, (PLO.startOffset, PLO.endOffset, PLO.confidence, PLO.context)
        )
        generated_by, offset = nt_term(PROV.wasGeneratedBy), _offset_term
        activities = {name: nt_term(PLD[f"activity/{name}"]) for name in used}
        for (doc_id, start, end), (confidence, activity_name) in self.spans.items():
            iri = _evidence_term(doc_id, start, end)
            triples.add((iri, a, evidence))
            triples.add((iri, in_document, self._documents[doc_id]))
            triples.add((iri, quote_of, nt_literal(self.texts[doc_id][start:end])))
            triples.add((iri, start_at, offset(start)))
            triples.add((iri, end_at, offset(end)))
            triples.add((iri, confidence_of, _confidence_term(confidence)))
            triples.add((iri, generated_by, activities[activity_name]))
        for iri, context in self.contexts().items():
            triples.add((iri, context_of, nt_literal(context)))
        axiom_class, source, prop, target = map(
            nt_term, (OWL.Axiom, OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget)
        )
        for (s, p, o), spans in self.axioms.items():
            axiom = nt_term(mint.axiom_iri(s, p, o))
            triples.add((axiom, a, axiom_class))
            triples.add((axiom, source, f"<{s}>"))
            triples.add((axiom, prop, f"<{p}>"))
            triples.add((axiom, target, f"<{o}>"))
            for span in spans:
                triples.add((axiom, _EVIDENCE, _evidence_term(*span)))
        return triples


def header_triples() -> set[tuple[str, str, str]]:
    """The graph's own node: its title, licence and import of the ontology."""
    kg = URIRef("https://w3id.org/platform-labour/kg")
    return {
        (f"<{kg}>", f"<{p}>", nt_term(o))
        for p, o in (
            (RDF.type, OWL.Ontology),
            (OWL.imports, URIRef(ONTOLOGY_IRI)),
            (DCTERMS.title, Literal("Knowledge graph of platform labour", lang="en")),
            (DCTERMS.title, Literal("Graphe de connaissances du travail de plateforme", lang="fr")),
            (DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")),
        )
    }


def _evidence_term(doc_id: str, start: int, end: int) -> str:
    """`mint.evidence_iri` as an N-Triples term, without making the rdflib term."""
    return f"<{_PLD}{mint.evidence_path(doc_id, start, end)}>"


@lru_cache(maxsize=65536)
def _offset_term(value: int) -> str:
    return nt_term(Literal(value, datatype=XSD.nonNegativeInteger))


@lru_cache(maxsize=1024)
def _confidence_term(value: float) -> str:
    return nt_term(Literal(Decimal(str(value)), datatype=XSD.decimal))


CONTEXT_BEFORE, CONTEXT_AFTER = 30, 170
"""Characters of text kept around a span: a few words before, a sentence's worth after."""


def context_window(text: str, start: int, end: int) -> str:
    """The span with the words around it, on one line: keyword in context.

    About `CONTEXT_BEFORE` characters before the span and `CONTEXT_AFTER` after it, cut at
    whole words (never inside the span), runs of white space made one space, and "…" where
    the document goes on.
    """
    low, high = max(0, start - CONTEXT_BEFORE), min(len(text), end + CONTEXT_AFTER)
    if low > 0 and not text[low - 1].isspace():  # in a word: start after it
        cut = next((i for i in range(low, start) if text[i].isspace()), None)
        low = low if cut is None else cut
    if high < len(text) and not text[high].isspace():  # in a word: stop before it
        cut = next((i for i in range(high - 1, end - 1, -1) if text[i].isspace()), None)
        high = high if cut is None else cut
    words = " ".join(text[low:high].split())
    return ("…" if low > 0 else "") + words + ("…" if high < len(text) else "")


def decimal_literal(value: Decimal) -> Literal:
    """A canonical xsd:decimal (no exponent, no trailing zeros), the same on every engine."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


class OntologyTerms:
    """What assembly reads of the ontology, each term looked up once.

    A lookup in rdflib's memory store costs about 0.1 ms and the same few dozen classes
    are asked about for every statement and figure: 2.7 s of the 100x build went there.
    """

    def __init__(self, ontology: Graph, terms: OntologyTerms | None = None) -> None:
        self.ontology = ontology
        self._labels: dict[URIRef, list[Literal]] = {}
        self._english: dict[URIRef, str] = {}
        self._functions: dict[URIRef, list[URIRef]] = {}
        self._organisations: set[str] | None = None

    def organisations(self) -> set[str]:
        """Every subclass of `plo:Organisation`, as N-Triples terms: whose spans get a
        context (`Assembler.contexts`)."""
        if self._organisations is None:
            self._organisations = {
                f"<{c}>"
                for c in self.ontology.transitive_subjects(RDFS.subClassOf, PLO.Organisation)
            }
        return self._organisations

    def labels(self, term: URIRef) -> list[Literal]:
        if term not in self._labels:
            self._labels[term] = term_labels(self.ontology, term)
        return self._labels[term]

    def english(self, term: URIRef) -> str:
        """The English label of a term, else its local name."""
        if term not in self._english:
            self._english[term] = next(
                (str(lab) for lab in self.labels(term) if lab.language == "en"),
                str(term).rsplit("#", 1)[-1],
            )
        return self._english[term]

    def functions(self, task_class: URIRef) -> list[URIRef]:
        """The AI-labour functions a task type serves (its `servesFunction` restrictions)."""
        if task_class not in self._functions:
            onto = self.ontology
            # the value of an object-property restriction is an individual, an IRI here
            self._functions[task_class] = [
                cast(URIRef, value)
                for restriction in onto.objects(task_class, RDFS.subClassOf)
                for value in [onto.value(restriction, OWL.hasValue)]
                if value is not None
                and onto.value(restriction, OWL.onProperty) == PLO.servesFunction
            ]
        return self._functions[task_class]


def term_labels(ontology: Graph, term: URIRef) -> list[Literal]:
    """The fr and en labels of an ontology term, reused on the individual minted for it."""
    return sorted(
        (lab for lab in ontology.objects(term, RDFS.label) if isinstance(lab, Literal)), key=str
    )


def alt_labels(iri: URIRef, names: set[str], label: str) -> list[tuple[URIRef, URIRef, Literal]]:
    return [(iri, SKOS.altLabel, Literal(name)) for name in sorted(names) if name != label]


def entity_iri(kind: str, key: str) -> URIRef:
    return mint.entity_iri(SEGMENTS[kind], key)
