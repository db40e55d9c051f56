"""Graph assembly: what the extraction found becomes RDF that follows docs/graph-model.md.

Everything passes through one `Assembler` so that the provenance pattern cannot be skipped:
an individual gets its `plo:evidence`, an object-property triple gets its `owl:Axiom`
annotation, and one span stated twice is one evidence node. No blank nodes are minted, so the
serialised graph is the same byte for byte from the same input.

The graph is assembled in parts that the build can keep apart (issue 19): one *fragment* per
document (`fragment`: its document and parts, facts, statements, evidence spans, axioms, and
the evidence and `plo:mentions` links of the entities it names), which reads of the rest of
the corpus only the linking of the entities it names or looks up (`EntityTable.digest`); the
*corpus part* (`entity_nodes`: each entity's type, labels and aliases); and what depends on
all of them (`corpus_triples`: the statement summaries and the graph's header). Their union is
the graph; the build keeps each fragment in its cache and merges their sorted lines.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from labourgraph.assemble.assembler import (
    Assembler,
    OntologyTerms,
    alt_labels,
    decimal_literal,
    entity_iri,
    header_triples,
)
from labourgraph.assemble.summaries import corpus_summaries, summary_inputs
from labourgraph.core import mint
from labourgraph.core.rdfio import graph_of, nt_lines, nt_term, rdflib_triples
from labourgraph.core.vocab import PLD, PLO, PLO_OPEN
from labourgraph.extract.relations import one_per_document
from labourgraph.intake.corpus import Document

if TYPE_CHECKING:
    from labourgraph.extract.document import DocumentFacts
    from labourgraph.extract.mentions import Mention
    from labourgraph.link.entities import Ident, Linked


Triple = tuple[str, str, str]


def populate(
    documents: list[Document],
    facts: list,
    linked: Linked,
    ontology: Graph,
) -> Populated:
    """Turn the linked extraction of the whole corpus into the knowledge graph's triples:
    the corpus part (`entity_nodes`) and one fragment per document (`fragment`)."""
    table = EntityTable(linked, OntologyTerms(ontology))
    return Populated(
        entity_nodes(table),
        [
            fragment(document, doc_facts, table)
            for document, doc_facts in zip(documents, facts, strict=True)
        ],
    )


@dataclass
class Fragment:
    """What one document adds to the graph, given the corpus's linking (`fragment`)."""

    doc_id: str
    triples: set[Triple]
    """Its document and parts, facts, statements, evidence spans and axioms, and the
    evidence and `plo:mentions` links of the entities it names, as N-Triples terms."""
    touched: frozenset[Ident]
    """The entities it read of the linking beyond its own mentions' (`EntityTable.digest`)."""

    @property
    def lines(self) -> list[bytes]:
        """Its sorted N-Triples lines, as the cache keeps them and the merge reads them."""
        return nt_lines(self.triples)

    @property
    def summary(self) -> set[Triple]:
        """What the statement summaries read of it (`summaries.summary_inputs`)."""
        return summary_inputs(self.triples)


@dataclass
class Populated:
    """The graph as the corpus part and the documents' fragments; `render_triples` joins
    them and adds what depends on all of them (statement summaries, the graph's header)."""

    corpus: set[Triple]
    fragments: list[Fragment]

    def render_triples(self) -> set[Triple]:
        triples = set(self.corpus)
        for part in self.fragments:
            triples.update(part.triples)
        triples.update(corpus_triples(triples))
        return triples

    def render(self) -> Graph:
        """The triples as an rdflib Graph."""
        return graph_of(rdflib_triples(b"".join(nt_lines(self.render_triples()))))


def corpus_triples(fragments: Iterable[Triple]) -> set[Triple]:
    """What depends on every fragment at once: the statement and figure summaries (read from the
    fragments' triples, or those of them `summary_inputs` keeps) and the graph's header."""
    return corpus_summaries(fragments) | header_triples()


@dataclass(frozen=True)
class Head:
    """What a fragment reads of an entity node the corpus part writes."""

    iri: URIRef
    cls: URIRef
    labels: tuple[Literal, ...]
    linked_cls: str
    """The class linking chose (`Entity.cls`): what `_WORKER_ONLY` facts are checked on."""


class EntityTable:
    """The linking as assembly reads it: each entity's IRI, class and labels (`Head`), the
    mentions of each document by entity, and what one document's fragment depends on."""

    def __init__(self, linked: Linked, terms: OntologyTerms) -> None:
        self.linked = linked
        self.terms = terms
        self._heads: dict[Ident, Head] = {}
        self._digested: dict[Ident, bytes] = {}
        self.by_iri: dict[URIRef, Ident] = {}
        self.by_doc: dict[str, list[tuple[Ident, Mention]]] = defaultdict(list)
        for ident, entity in sorted(linked.entities.items()):
            self.by_iri[entity_iri(*ident)] = ident
            for doc_id, mention in entity.mentions:
                self.by_doc[doc_id].append((ident, mention))
        self.keys_by_doc: dict[str, list[tuple[str, str, Ident]]] = defaultdict(list)
        for (doc_id, kind, key), ident in linked.keys.items():
            self.keys_by_doc[doc_id].append((kind, key, ident))

    def head(self, ident: Ident) -> Head | None:
        """The entity node of `ident`, None if linking made no entity of it."""
        entity = self.linked.entities.get(ident)
        if entity is None:
            return None
        if ident not in self._heads:
            kind, key = ident
            cls = PLO_OPEN[entity.cls]  # read from curation or actors.yaml: built unchecked
            first = entity.mentions[0][1].entry if entity.mentions else None
            if kind in ("task", "ai") and first is not None and first.iri is not None:
                cls = first.iri
                labels = tuple(self.terms.labels(cls))
            else:
                labels = (Literal(key),)
            self._heads[ident] = Head(entity_iri(kind, key), cls, labels, entity.cls)
        return self._heads[ident]

    def digest(self, doc_id: str, touched: Iterable[Ident]) -> str:
        """What the fragment of `doc_id` depends on in the linking: where its mentions went,
        and the class and labels of those entities and of the `touched` ones. The same
        digest (with the document's own cache key) gives the same fragment."""
        rows = sorted(
            [(f"{kind}\x1f{key}", ident) for kind, key, ident in self.keys_by_doc.get(doc_id, ())]
        )
        idents = sorted({*(ident for _raw, ident in rows), *touched})
        digest = hashlib.sha256(doc_id.encode())
        for raw, ident in rows:
            digest.update(f"k\x1e{raw}\x1e{ident[0]}\x1f{ident[1]}\n".encode())
        digest.update(b"".join(map(self._shown, idents)))
        return digest.hexdigest()

    def _shown(self, ident: Ident) -> bytes:
        """What `digest` hashes of one entity, made once a build (most are named by many
        documents)."""
        shown = self._digested.get(ident)
        if shown is None:
            head = self.head(ident)
            text = (
                "-"
                if head is None
                else "\x1f".join([head.linked_cls, str(head.cls), *map(nt_term, head.labels)])
            )
            shown = self._digested[ident] = f"e\x1e{ident[0]}\x1f{ident[1]}\x1e{text}\n".encode()
        return shown


class _View:
    """One document's reading of the linking, recorded: the entities it looks up beyond
    its own mentions are what its fragment depends on besides them (`EntityTable.digest`)."""

    def __init__(self, table: EntityTable, doc_id: str) -> None:
        self.table = table
        self.doc_id = doc_id
        self.touched: set[Ident] = set()

    def ident(self, mention: Mention) -> Ident:
        ident = self.table.linked.ident(self.doc_id, mention)
        self.touched.add(ident)
        return ident

    def ref(self, mention: Mention) -> URIRef:
        return entity_iri(*self.ident(mention))

    def cls(self, mention: Mention) -> str | None:
        """The linked class of the entity a mention names (None if no entity)."""
        entity = self.table.linked.entities.get(self.ident(mention))
        return None if entity is None else entity.cls


def entity_nodes(table: EntityTable) -> set[Triple]:
    """The corpus part: each entity's node, typed, labelled, with its aliases (and a task
    type's functions). Its evidence and the documents' `plo:mentions` go with each document
    (`fragment`)."""
    asm = Assembler(table.terms.ontology, table.terms)
    for (kind, key), entity in sorted(table.linked.entities.items()):
        head = table.head((kind, key))
        assert head is not None
        asm.individual(head.iri, head.cls, list(head.labels))
        for triple in alt_labels(head.iri, entity.aliases, key):
            asm.add(*triple)
        if kind == "task":
            for value in asm.terms.functions(head.cls):
                asm.add(head.iri, PLO.servesFunction, value)
    return asm.triples


def fragment(document: Document, doc_facts: DocumentFacts, table: EntityTable) -> Fragment:
    """What one document adds to the graph (`Fragment`), given the corpus's linking.

    Depends on nothing of the other documents but the linking of the entities it names or
    looks up (`EntityTable.digest`), so that a build after an edit remakes only the
    fragments of the edited document and of those whose entities' linking changed.
    """
    doc_id = document.doc_id
    asm = Assembler(table.terms.ontology, table.terms)
    asm.add_document(document)
    view = _View(table, doc_id)
    for ident, mention in table.by_doc.get(doc_id, ()):
        head = table.head(ident)
        assert head is not None
        asm.known_types[f"<{head.iri}>"] = f"<{head.cls}>"
        asm.labels[head.iri].update(head.labels)
        span = asm.evidence(doc_id, mention.start, mention.end, mention.method, mention.confidence)
        asm.add(head.iri, PLO.evidence, span)
        asm.mentions(doc_id, head.iri)

    def ref(mention: Mention) -> URIRef:
        iri = view.ref(mention)
        named = table.by_iri.get(iri)  # the entity of that IRI, whatever key minted it
        if named is not None:  # its labels make the text of a figure's measure
            view.touched.add(named)
            head = table.head(named)
            assert head is not None
            asm.labels[iri].update(head.labels)
            asm.known_types[f"<{iri}>"] = f"<{head.cls}>"
        return iri

    for relation in doc_facts.relations:
        is_population = relation.subject.kind == "population"
        if (
            relation.predicate in _WORKER_ONLY
            and not is_population
            and view.cls(relation.subject) != "Worker"
        ):
            continue  # the linked entity is a researcher, a city...: not a worker's fact
        span = asm.evidence(
            doc_id, relation.start, relation.end, relation.method, relation.confidence
        )
        if is_population:  # "les modérateurs de TikTok": the workers as a population
            _population(asm, relation.subject.key, span)
        asm.fact(ref(relation.subject), relation.predicate, ref(relation.object), span)
    for obs in doc_facts.observations:
        _observation(asm, doc_id, obs, ref)
    for chain in doc_facts.chains:
        _chain(asm, doc_id, chain, ref)
    for statement in one_per_document(doc_facts.statements):
        _statement(asm, doc_id, statement, ref)
    return Fragment(doc_id, asm.render_facts(), frozenset(view.touched))


_WORKER_ONLY = {PLO.worksOn, PLO.performsTaskType}


def _population(asm: Assembler, label: str, span: URIRef) -> URIRef:
    iri = entity_iri("population", label)
    asm.individual(iri, PLO.WorkerPopulation, [Literal(label, lang="en")], span, about=True)
    return iri


def _observation(asm: Assembler, doc_id: str, obs, ref) -> None:
    span = asm.evidence(doc_id, obs.start, obs.end, "number-grammar", obs.confidence)
    indicator_label = asm.terms.english(obs.indicator)
    population = _population(asm, obs.population, span) if obs.population else None
    organisation = ref(obs.organisation) if obs.organisation else None
    amount = (
        format(obs.value.normalize(), "f")
        if obs.value is not None
        else f"{format(obs.min_value.normalize(), 'f')}–{format(obs.max_value.normalize(), 'f')}"
    )
    about = obs.population or (obs.organisation.key if obs.organisation else None)
    label = (
        f"{amount} {obs.unit}"
        + (f" per {obs.per_unit}" if obs.per_unit else "")
        + (f" out of {obs.scale}" if obs.scale else "")
        + f" — {indicator_label}"
        + (f" — {about}" if about else "")
        + (f" ({obs.direction.lower()})" if obs.direction != "Level" else "")
    )
    person = ref(obs.person) if obs.person is not None else None
    identity = (
        obs.indicator,
        population,
        organisation,
        person,
        obs.value,
        obs.min_value,
        obs.max_value,
        obs.unit,
        obs.per_unit,
        ref(obs.area) if obs.area is not None else None,  # one area and one period per node
        obs.period,
        obs.direction,  # a fall of 14 % is not a level of 14 %
        obs.scale,
        # "près de 15 000" and "15 000" are two claims, not one: merged, the node would
        # carry one document's hedge as the other's. Only a hedged figure adds it, so the
        # IRIs of exact figures stay as they were.
        *((obs.qualifier,) if obs.qualifier else ()),
    )
    iri = mint.keyed_iri("observation", label, *identity)
    cls = PLO.PayRate if obs.is_pay_rate else PLO.StatisticalObservation
    asm.individual(iri, cls, [Literal(label, lang="en")], span)
    asm.fact(iri, PLO.indicator, obs.indicator, span)
    if obs.value is not None:
        asm.add(iri, PLO.value, decimal_literal(obs.value))
    else:
        asm.add(iri, PLO.minValue, decimal_literal(obs.min_value))
        asm.add(iri, PLO.maxValue, decimal_literal(obs.max_value))
    asm.add(iri, PLO.unit, Literal(obs.unit))
    if obs.per_unit is not None:  # a pay's "per hour", a working time's "hours per day"
        asm.add(iri, PLO.perUnit, Literal(obs.per_unit))
    if population is not None:
        asm.fact(iri, PLO.population, population, span)
    if organisation is not None:
        asm.fact(iri, PLO.aboutOrganisation, organisation, span)
    if obs.area is not None:
        asm.fact(iri, PLO.refArea, ref(obs.area), span)
        if population is not None and obs.population.endswith(f" in {obs.area.key}"):
            # "microworkers in France" is named by its place: the population is there, as the
            # sentence that counts it says (issue 16: every population says where it is)
            asm.fact(population, PLO.locatedIn, ref(obs.area), span)
    if obs.person is not None:
        asm.fact(iri, PLO.aboutPerson, ref(obs.person), span)
    if obs.period:
        asm.add(iri, PLO.refPeriod, Literal(obs.period))
    if obs.period_start:
        asm.add(iri, PLO.periodStart, Literal(obs.period_start))
    if obs.period_end:
        asm.add(iri, PLO.periodEnd, Literal(obs.period_end))
    if obs.inferred_period:
        asm.add(iri, PLO.inferredPeriod, Literal(obs.inferred_period))
    asm.add(iri, PLO.direction, PLO[obs.direction])
    if obs.scale:
        asm.add(iri, PLO.scaleMaximum, decimal_literal(Decimal(obs.scale)))
    if obs.qualifier:
        asm.add(iri, PLO.qualifier, Literal(obs.qualifier))
    per_unit = obs.per_unit  # the same as the graph's plo:perUnit
    for subject in (population, organisation, person):
        if subject is None:
            continue
        for subject_label in asm.labels.get(subject, ()):
            # the period as stated, else as inferred from the document's date: "maintenant …
            # cinq articles ; avant, … trois" are two times, not two values of one measure
            period = obs.period or obs.inferred_period
            key = measure_key(
                indicator_label, str(subject_label), obs.unit, per_unit, period, obs.direction
            )
            asm.add(iri, PLO.measureKey, Literal(key))


def measure_key(
    indicator: str,
    subject: str,
    unit: str,
    per_unit: str | None,
    period: str | None,
    direction: str = "Level",
) -> str:
    """What an observation measures, without its value: "weekly active workers — microworkers
    in France (persons)", "market value change — Appen (percent, decrease, 2020/2023)".

    Only like compares with like: a level with a level of the same period, a fall with a fall.

    Observations with the same key measure the same thing, so their values corroborate or
    contradict each other (query 08). Written at build time because grouping figures by their
    indicator's and subject's labels in SPARQL looks up a label per figure, and a population
    or organisation named by thousands of facts is slow to look up one row at a time on
    pyoxigraph's store (query 08 on the 100x graph: 108 ms that way).
    """
    return (
        f"{indicator} — {subject} ({unit}"
        + (f" per {per_unit}" if per_unit else "")
        + (f", {direction.lower()}" if direction != "Level" else "")
        + (f", {period}" if period else "")
        + ")"
    )


def _chain(asm: Assembler, doc_id: str, chain, ref) -> None:
    span = asm.evidence(doc_id, chain.start, chain.end, "chain-rules", 0.7)
    iri = PLD[f"chain/{doc_id}-{chain.start}"]
    asm.individual(
        iri,
        PLO.SubcontractingChain,
        [Literal(f"Subcontracting chain of {len(chain.layers)} layers ({doc_id})", lang="en")],
        span,
    )
    for layer in chain.layers:
        layer_iri = PLD[f"chain/{doc_id}-{chain.start}/layer-{layer.index}"]
        layer_span = asm.evidence(doc_id, layer.start, layer.end, "chain-rules", 0.7)
        role_name = str(layer.role).rsplit("#", 1)[-1]
        asm.individual(
            layer_iri,
            PLO.ChainLayer,
            [Literal(f"Layer {layer.index}: {role_name}", lang="en")],
            layer_span,
        )
        asm.fact(iri, PLO.hasLayer, layer_iri, span)
        asm.fact(layer_iri, PLO.hasRole, layer.role, layer_span)
        asm.add(layer_iri, PLO.layerIndex, Literal(layer.index, datatype=XSD.integer))
        if layer.operator is not None:
            operator = ref(layer.operator)
        else:
            operator = PLD[f"organisation/unnamed-{mint.slug(doc_id)}-{chain.start}-{layer.index}"]
            asm.individual(
                operator,
                PLO.Platform,
                [Literal(f"Unnamed platform, layer {layer.index} of a chain", lang="en")],
                layer_span,
            )
        asm.fact(layer_iri, PLO.operatedBy, operator, layer_span)


def _statement(asm: Assembler, doc_id: str, statement, ref) -> None:
    span = asm.evidence(doc_id, statement.start, statement.end, "task-cues", 0.6)
    topic_label = asm.terms.english(statement.topic)
    label = (
        topic_label
        + (f" — {statement.population}" if statement.population else "")
        + (f" ({statement.polarity.lower()})" if statement.polarity != "Asserted" else "")
    )
    # one statement per document, topic and polarity (`one_per_document`): keyed by them
    iri = mint.keyed_iri("statement", label, doc_id, statement.topic, statement.polarity)
    asm.individual(iri, PLO[statement.cls], [Literal(label, lang="en")], span)
    for start, end in statement.more:
        asm.add(iri, PLO.evidence, asm.evidence(doc_id, start, end, "task-cues", 0.6))
    asm.fact(iri, PLO.aboutTopic, statement.topic, span)
    asm.add(iri, PLO.polarity, PLO[statement.polarity])
    if statement.population:
        asm.fact(iri, PLO.population, _population(asm, statement.population, span), span)
    if statement.organisation is not None:
        asm.fact(iri, PLO.aboutOrganisation, ref(statement.organisation), span)
