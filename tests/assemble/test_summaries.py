"""`labourgraph.assemble.summaries`: the statement summaries query 12 reads, counted from the
assembled triples as the query's former text counted them (docs/graph-model.md)."""

from __future__ import annotations

import random

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from labourgraph.assemble.summaries import statement_summaries
from labourgraph.core.rdfio import nt_term, rdflib_triples
from labourgraph.core.vocab import PLD, PLO


def _graph() -> Graph:
    """Two documents; in them, statements asserted, denied and hedged, with and without a
    population (one population named twice, in two languages)."""
    g = Graph()
    for doc, title in (("d1", "Title one"), ("d2", "Title two")):
        g.add((PLD[f"document/{doc}"], RDF.type, PLO.SourceDocument))
        g.add((PLD[f"document/{doc}"], DCTERMS.title, Literal(title, lang="fr")))
    pop = PLD["population/microworkers"]
    g.add((pop, RDF.type, PLO.WorkerPopulation))
    g.add((pop, RDFS.label, Literal("microworkers", lang="en")))
    g.add((pop, RDFS.label, Literal("microtravailleurs", lang="fr")))

    def statement(name, cls, polarity, doc, quote, population=None, topic=PLO.NoContract):
        node, span = PLD[f"statement/{name}"], PLD[f"evidence/{doc}/{name}"]
        g.add((node, RDF.type, cls))
        g.add((node, PLO.aboutTopic, topic))
        g.add((node, PLO.polarity, polarity))
        g.add((node, PLO.evidence, span))
        if population is not None:
            g.add((node, PLO.population, population))
        g.add((span, RDF.type, PLO.Evidence))
        g.add((span, PLO.quote, Literal(quote)))
        g.add((span, PLO.inDocument, PLD[f"document/{doc}"]))

    W = PLO.WorkingConditionStatement
    statement("a", W, PLO.Asserted, "d1", "no contract", pop)
    statement("b", W, PLO.Asserted, "d2", "no contract", pop)
    statement("c", W, PLO.Asserted, "d2", "sans contrat")  # no population
    statement("d", W, PLO.Denied, "d1", "they do have a contract", pop)
    statement("e", W, PLO.Hedged, "d1", "may have no contract")
    statement("f", PLO.RiskStatement, PLO.Asserted, "d1", "violent images", topic=PLO.UnpaidTime)
    return g


def _summaries(g: Graph) -> Graph:
    terms = [(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in g]
    lines = "".join(f"{s} {p} {o} .\n" for s, p, o in sorted(statement_summaries(terms)))
    out = Graph()
    for triple in rdflib_triples(lines.encode()):
        out.add(triple)
    return out


def _by_name(out: Graph) -> dict[tuple[str, str, str], URIRef]:
    found = {}
    for node in out.subjects(RDF.type, PLO.StatementSummary):
        name = out.value(node, PLO.summaryPopulationName)
        cls, topic = out.value(node, PLO.summarisedClass), out.value(node, PLO.summaryTopic)
        found[(str(cls).rsplit("#")[-1], str(topic).rsplit("#")[-1], str(name or ""))] = node
    return found


def test_summaries_count_asserted_statements_by_class_topic_and_population_name() -> None:
    out = _summaries(_graph())
    found = _by_name(out)
    assert set(found) == {
        ("WorkingConditionStatement", "NoContract", "microworkers"),
        ("WorkingConditionStatement", "NoContract", "microtravailleurs"),
        ("WorkingConditionStatement", "NoContract", ""),
        ("RiskStatement", "UnpaidTime", ""),
    }
    named = found[("WorkingConditionStatement", "NoContract", "microworkers")]
    # a and b: two statements in two documents, one quote; the denied d is not counted
    assert out.value(named, PLO.statementCount) == Literal(2, datatype=XSD.integer)
    assert out.value(named, PLO.documentCount) == Literal(2, datatype=XSD.integer)
    assert set(out.objects(named, PLO.summaryQuote)) == {Literal("no contract")}
    assert set(out.objects(named, PLO.summarySource)) == {
        Literal("Title one"),
        Literal("Title two"),
    }  # the titles' lexical forms, as STR() shows them
    assert set(out.objects(named, PLO.summaryPopulation)) == {PLD["population/microworkers"]}
    # the hedged e has no population: only the asserted c is in the summary without one
    unnamed = found[("WorkingConditionStatement", "NoContract", "")]
    assert out.value(unnamed, PLO.statementCount) == Literal(1, datatype=XSD.integer)
    assert set(out.objects(unnamed, PLO.summaryQuote)) == {Literal("sans contrat")}
    assert out.value(unnamed, PLO.summaryPopulation) is None


def test_a_statement_without_evidence_in_a_titled_document_is_not_counted() -> None:
    g = _graph()
    g.remove((PLD["document/d2"], DCTERMS.title, None))
    out = _summaries(g)
    found = _by_name(out)
    named = found[("WorkingConditionStatement", "NoContract", "microworkers")]
    assert out.value(named, PLO.statementCount) == Literal(1, datatype=XSD.integer)
    assert ("WorkingConditionStatement", "NoContract", "") not in found  # c was in d2


def test_summaries_do_not_depend_on_the_order_of_the_triples() -> None:
    terms = [(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in _graph()]
    first = statement_summaries(terms)
    random.Random(7).shuffle(terms)
    assert statement_summaries(iter(terms)) == first
    assert first  # not two empty sets
