"""`labourgraph.assemble.summaries`: the statement summaries query 12 reads and the figure
summaries query 08 reads, counted from the assembled triples as the queries' former texts
counted them (docs/graph-model.md)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from labourgraph.assemble.summaries import (
    corpus_summaries,
    figure_summaries,
    statement_summaries,
    summary_inputs,
)
from labourgraph.core.rdfio import nt_term, rdflib_triples
from labourgraph.core.vocab import PLD, PLO
from labourgraph.publish import queries as q


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


# --- figure summaries: what query 08 reads -----------------------------------------------

BEFORE_08 = (
    Path(__file__).resolve().parents[1] / "data" / "queries" / "before" / "08-corroboration.rq"
)


def _figures() -> Graph:
    """Figures and measures in four documents (d4 without a title), each case one the former
    text of query 08 answered or left out for its own reason."""
    g = Graph()
    for doc in ("d1", "d2", "d3", "d4"):
        g.add((PLD[f"document/{doc}"], RDF.type, PLO.SourceDocument))
        if doc != "d4":
            g.add((PLD[f"document/{doc}"], DCTERMS.title, Literal(f"Title {doc}", lang="fr")))
    g.add((PLD["document/d3"], DCTERMS.title, Literal("Titre d3", lang="en")))  # two titles

    def figure(name, label, spans, key=None, value=None, low=None, high=None):
        node = PLD[f"observation/{name}"]
        g.add((node, RDF.type, PLO.StatisticalObservation))
        g.add((node, PLO.indicator, PLO.WeeklyActiveWorkers))
        for text, lang in label:
            g.add((node, RDFS.label, Literal(text, lang=lang)))
        for i, doc in enumerate(spans):
            span = PLD[f"evidence/{doc}/{name}-{i}"]
            g.add((node, PLO.evidence, span))
            g.add((span, PLO.inDocument, PLD[f"document/{doc}"]))
        if key is not None:
            g.add((node, PLO.measureKey, Literal(key)))
        for prop, number in ((PLO.value, value), (PLO.minValue, low), (PLO.maxValue, high)):
            if number is not None:
                g.add((node, prop, Literal(number, datatype=XSD.decimal)))

    figure("x", [("1000 workers", "en")], ["d1", "d2", "d3"])  # corroborated by three
    figure("y1", [("2000 workers", "en")], ["d1"])  # one span a label term: not counted
    figure("y2", [("2000 workers", "fr")], ["d2"])
    figure("z", [("3000 workers", "en")], ["d1", "d1"])  # two spans, one document
    figure("t", [("4000 workers", "en")], ["d1", "d4"])  # one document has no title
    figure("two", [("5000 workers", "en"), ("5000 travailleurs", "fr")], ["d2", "d3"])
    figure("k1a", [("k1 a", "en")], ["d1"], key="k1", value="10")
    figure("k1b", [("k1 b", "en")], ["d2"], key="k1", low="5.0", high="15.00")
    figure("k1c", [("k1 c", "en")], ["d4"], key="k1", value="10")
    figure("k2a", [("k2 a", "en")], ["d1"], key="k2", value="20")  # agree: no row
    figure("k2b", [("k2 b", "en")], ["d2"], key="k2", value="20")
    figure("k3a", [("k3 a", "en")], ["d1"], key="k3", value="1")  # a range without its end
    figure("k3b", [("k3 b", "en")], ["d2"], key="k3", low="1")
    figure("k4a", [("k4 a", "en")], ["d4"], key="k4", value="1")  # no titled document
    figure("k4b", [("k4 b", "en")], ["d4"], key="k4", value="2")
    figure("k5", [("k5", "en")], ["d3"], key="k5", value="7.0")  # one node, two keys
    g.add((PLD["observation/k5"], PLO.measureKey, Literal("k1")))
    return g


def _answer(path: Path, query: q.SavedQuery) -> list[tuple[str, ...]]:
    with q.open_graph([path]) as graph:
        result = q.execute(query, graph, {}, timeout=None)
    return sorted(
        tuple(" | ".join(sorted(re.split(r" \| ", q.show(term)))) for term in row)
        for row in result.rows
    )


def test_figure_summaries_give_query_08_the_rows_of_its_former_text(tmp_path: Path) -> None:
    g = _figures()
    terms = [(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in g]
    plain, summarised = tmp_path / "plain.nt", tmp_path / "summarised.nt"
    plain.write_text("".join(f"{s} {p} {o} .\n" for s, p, o in sorted(terms)))
    with_summaries = sorted(set(terms) | figure_summaries(terms))
    summarised.write_text("".join(f"{s} {p} {o} .\n" for s, p, o in with_summaries))
    old = _answer(plain, q.read_query(BEFORE_08))
    assert _answer(summarised, q.find_query("08-corroboration")) == old
    assert old == [
        ("corroborated", "1000 workers", "", "3", "Title d1 | Title d2 | Title d3 | Titre d3"),
        ("corroborated", "5000 travailleurs", "", "2", "Title d2 | Title d3 | Titre d3"),
        ("corroborated", "5000 workers", "", "2", "Title d2 | Title d3 | Titre d3"),
        ("disagreement", "k1", "10 | 5–15 | 7", "3", "Title d1 | Title d2 | Title d3 | Titre d3"),
    ]


def test_figure_summaries_of_the_fragments_inputs_are_those_of_the_graph() -> None:
    """An incremental build computes them from each fragment's `summary_inputs`: a figure
    stated in two documents is one node, whose triples both fragments write."""
    terms = [(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in _figures()]
    by_doc: dict[str, set[tuple[str, str, str]]] = {}
    spans = {s: o for s, p, o in terms if p == nt_term(PLO.inDocument)}
    for s, p, o in terms:
        docs = {spans[o]} if p == nt_term(PLO.evidence) else set(spans.values())
        if s.startswith(f"<{PLD}document/"):
            docs = {s}
        elif s in spans:
            docs = {spans[s]}
        for doc in docs:
            by_doc.setdefault(doc, set()).add((s, p, o))
    inputs = set().union(*(summary_inputs(part) for part in by_doc.values()))
    whole = figure_summaries(terms)
    assert whole and figure_summaries(inputs) == whole
    shuffled = list(terms)
    random.Random(3).shuffle(shuffled)
    assert figure_summaries(shuffled) == whole
    assert corpus_summaries(terms) == whole | statement_summaries(terms)
