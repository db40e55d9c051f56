"""Graph assembly: what the extraction found becomes RDF that follows docs/graph-model.md.

Everything passes through one `Assembler` so that the provenance pattern cannot be skipped:
an individual gets its `plo:evidence`, an object-property triple gets its `owl:Axiom`
annotation, and one span stated twice is one evidence node. No blank nodes are minted, so the
serialised graph is the same byte for byte from the same input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from labourgraph.core import mint
from labourgraph.core.vocab import PLD, PLO, PLO_OPEN
from labourgraph.extract.relations import one_per_document
from labourgraph.intake.corpus import Document

if TYPE_CHECKING:
    from labourgraph.extract.mentions import Mention
    from labourgraph.link.entities import Linked
from labourgraph.assemble.assembler import (
    Assembler,
    alt_labels,
    decimal_literal,
    entity_iri,
)


def populate(
    documents: list[Document],
    facts: list,
    linked: Linked,
    ontology: Graph,
) -> Assembler:
    """Turn the linked extraction of the whole corpus into the knowledge graph's triples."""
    asm = Assembler(ontology)
    for document in documents:
        asm.add_document(document)

    for (kind, key), entity in sorted(linked.entities.items()):
        iri = entity_iri(kind, key)
        cls = PLO_OPEN[entity.cls]  # read from curation or actors.yaml: built unchecked
        if (
            kind in ("task", "ai")
            and entity.mentions
            and entity.mentions[0][1].entry is not None
            and entity.mentions[0][1].entry.iri is not None
        ):
            cls = entity.mentions[0][1].entry.iri
            labels = asm.terms.labels(cls)
        else:
            labels = [Literal(key)]
        asm.individual(iri, cls, labels, about=True)
        for triple in alt_labels(iri, entity.aliases, key):
            asm.add(*triple)
        if kind == "task":
            for value in asm.terms.functions(cls):
                asm.add(iri, PLO.servesFunction, value)
        for doc_id, mention in entity.mentions:
            span = asm.evidence(
                doc_id, mention.start, mention.end, mention.method, mention.confidence
            )
            asm.add(iri, PLO.evidence, span)
            asm.mentions(doc_id, iri)

    for doc_facts in facts:
        doc_id = doc_facts.doc_id

        def ref(mention, doc_id=doc_id):
            return entity_iri(*linked.ident(doc_id, mention))

        for relation in doc_facts.relations:
            is_population = relation.subject.kind == "population"
            if (
                relation.predicate in _WORKER_ONLY
                and not is_population
                and not _is_worker(linked, relation.subject, doc_id)
            ):
                continue  # the linked entity is a researcher, a city...: not a worker's fact
            span = asm.evidence(
                doc_id, relation.start, relation.end, relation.method, relation.confidence
            )
            if is_population:  # "les modérateurs de TikTok": the workers as a population
                _population(asm, relation.subject.key, span)
            asm.fact(ref(relation.subject), relation.predicate, ref(relation.object), span)
        for obs in doc_facts.observations:
            _observation(asm, ontology, doc_id, obs, ref)
        for chain in doc_facts.chains:
            _chain(asm, doc_id, chain, ref)
        for statement in one_per_document(doc_facts.statements):
            _statement(asm, ontology, doc_id, statement, ref)
    return asm


_WORKER_ONLY = {PLO.worksOn, PLO.performsTaskType}


def _is_worker(linked: Linked, mention: Mention, doc_id: str) -> bool:
    """Whether a relation's subject was linked to an individual typed as a worker."""
    entity = linked.entity(doc_id, mention)
    return entity is not None and entity.cls == "Worker"


def _population(asm: Assembler, label: str, span: URIRef) -> URIRef:
    iri = entity_iri("population", label)
    asm.individual(iri, PLO.WorkerPopulation, [Literal(label, lang="en")], span, about=True)
    return iri


def _observation(asm: Assembler, ontology: Graph, doc_id: str, obs, ref) -> None:
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


def _statement(asm: Assembler, ontology: Graph, doc_id: str, statement, ref) -> None:
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
