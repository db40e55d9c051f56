"""Statement summaries: what the corpus asserts on each topic, counted once at build time.

Query 12 (working conditions and risks) answers one row per kind of statement, topic and
population, with how many asserted statements and documents report it, their quotes and the
documents' titles. Computed in SPARQL, that grouping walks every statement, its evidence spans
and their documents: on the x1000 graph 61,000 statements and about 300,000 lookups, 0.6 s of
pyoxigraph's time at best (its in-memory store costs microseconds a lookup), above the 250 ms
that issue 19 allows a saved query. So the build writes the grouping itself, as it writes
`plo:measureKey`: one `plo:StatementSummary` per (class of statement, topic, population or
none) of the asserted statements, and the query reads a hundred nodes instead of 61,000.

The summary is a deterministic function of the assembled graph (`statement_summaries` reads
the N-Triples terms the assembler renders and nothing else), so the same corpus gives the same
bytes, and it can be applied to a graph built before it existed (scripts/bench_query_rewrites.py
does, to measure the x1000 graph without rebuilding it). It follows the query's former text
exactly (tests/data/queries/before/12-working-conditions.rq; a test compares the answers):

- a statement counts when it is asserted (`plo:polarity plo:Asserted`) and has a topic and an
  evidence span with a quote, in a `plo:SourceDocument` with a title;
- its population counts when it is a `plo:WorkerPopulation` with a label, and statements are
  grouped by the population's name (`plo:summaryPopulationName`, each label's lexical form;
  `plo:summaryPopulation` links the populations of that name); a statement without one falls
  in the summary without population;
- `plo:statementCount` and `plo:documentCount` count distinct statements and documents,
  `plo:summaryQuote` holds each distinct quote and `plo:summarySource` each distinct title
  (their lexical forms, as the query showed them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from labourgraph.core import mint
from labourgraph.core.rdfio import nt_literal, nt_term
from labourgraph.core.vocab import PLO

Triple = tuple[str, str, str]

_TYPE, _LABEL, _TITLE = nt_term(RDF.type), nt_term(RDFS.label), nt_term(DCTERMS.title)
_POLARITY, _ASSERTED = nt_term(PLO.polarity), nt_term(PLO.Asserted)
_TOPIC, _POPULATION, _EVIDENCE = map(nt_term, (PLO.aboutTopic, PLO.population, PLO.evidence))
_QUOTE, _IN_DOCUMENT = nt_term(PLO.quote), nt_term(PLO.inDocument)
_SOURCE_DOCUMENT, _WORKER_POPULATION = nt_term(PLO.SourceDocument), nt_term(PLO.WorkerPopulation)
_SUMMARY = nt_term(PLO.StatementSummary)
_OF_CLASS, _ON_TOPIC, _ABOUT = map(
    nt_term, (PLO.summarisedClass, PLO.summaryTopic, PLO.summaryPopulation)
)
_NAME = nt_term(PLO.summaryPopulationName)
_STATEMENTS, _DOCUMENTS = nt_term(PLO.statementCount), nt_term(PLO.documentCount)
_SUMMARY_QUOTE, _SUMMARY_SOURCE = nt_term(PLO.summaryQuote), nt_term(PLO.summarySource)
_INTEGER = str(XSD.integer)


def _lexical(literal: str) -> str:
    """A literal term as a plain string term of its lexical form (`STR()`), escapes kept."""
    return literal[: literal.rindex('"') + 1]


def _local(iri: str) -> str:
    return iri[1:-1].rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def statement_summaries(triples: Iterable[Triple]) -> set[Triple]:
    """The `plo:StatementSummary` nodes of a graph given as N-Triples terms (module docstring).

    One pass over the triples sorts out the few predicates it reads (a dictionary lookup a
    triple: about a second for the 5.3 million triples of the x1000 graph); the rest works on
    those. Nothing but strings is built, as in the assembler."""
    wanted = (_POLARITY, _TYPE, _TOPIC, _POPULATION, _EVIDENCE, _QUOTE, _IN_DOCUMENT, _TITLE)
    read: dict[str, list[tuple[str, str]]] = {p: [] for p in (*wanted, _LABEL)}
    for s, p, o in triples:
        bucket = read.get(p)
        if bucket is not None:
            bucket.append((s, o))
    asserted = {s for s, o in read[_POLARITY] if o == _ASSERTED}

    def objects(predicate: str, subjects: set[str] | None = None) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for s, o in read[predicate]:
            if subjects is None or s in subjects:
                found[s].append(o)
        return found

    topics, populations, evidence = (objects(p, asserted) for p in (_TOPIC, _POPULATION, _EVIDENCE))
    cited = {span for found in evidence.values() for span in found}
    quotes, documents = objects(_QUOTE, cited), objects(_IN_DOCUMENT, cited)
    nodes = asserted | {n for found in (*documents.values(), *populations.values()) for n in found}
    types, titles, labels = objects(_TYPE, nodes), objects(_TITLE), objects(_LABEL, nodes)
    Group = tuple[set[str], set[str], set[str], set[str], set[str]]
    groups: dict[tuple[str, str, str], Group] = {}
    for statement in sorted(asserted):
        spans = [
            (quote, doc)
            for span in evidence.get(statement, ())
            for quote in quotes.get(span, ())
            for doc in documents.get(span, ())
            if titles.get(doc) and _SOURCE_DOCUMENT in types.get(doc, ())
        ]
        if not spans:
            continue
        # the populations' names, as the query grouped them: a population with two labels
        # counts under each, two populations of one name count together
        about = [
            (pop, _lexical(label))
            for pop in populations.get(statement, ())
            if _WORKER_POPULATION in types.get(pop, ())
            for label in labels.get(pop, ())
        ] or [("", "")]
        for cls in types.get(statement, ()):
            for topic in topics.get(statement, ()):
                for pop, name in about:
                    key = (cls, topic, name)
                    group = groups.setdefault(key, (set(), set(), set(), set(), set()))
                    group[0].add(statement)
                    if pop:
                        group[4].add(pop)
                    for quote, doc in spans:
                        group[1].add(doc)
                        group[2].add(_lexical(quote))
                        group[3].update(_lexical(title) for title in titles[doc])
    summaries: set[Triple] = set()
    for (cls, topic, name), (stated, docs, said, sources, pops) in groups.items():
        label = f"{_local(cls)} {_local(topic)} {name[1:-1]}"
        node = f"<{mint.keyed_iri('summary', label, cls, topic, name)}>"
        summaries.update(
            [
                (node, _TYPE, _SUMMARY),
                (node, _OF_CLASS, cls),
                (node, _ON_TOPIC, topic),
                (node, _STATEMENTS, nt_literal(str(len(stated)), datatype=_INTEGER)),
                (node, _DOCUMENTS, nt_literal(str(len(docs)), datatype=_INTEGER)),
            ]
        )
        if name:
            summaries.add((node, _NAME, name))
        summaries.update((node, _ABOUT, pop) for pop in pops)
        summaries.update((node, _SUMMARY_QUOTE, quote) for quote in said)
        summaries.update((node, _SUMMARY_SOURCE, source) for source in sources)
    return summaries


def summary_inputs(triples: Iterable[Triple]) -> set[Triple]:
    """The triples of one document's fragment that `statement_summaries` reads: its asserted
    statements' types, topics, populations and evidence, those spans' quotes and document,
    every population's type and labels, and the document's type and title.

    Every one of those is minted by the document that states the statement (a statement's
    IRI and its spans' IRIs hold the document's id), so the summaries of the union of the
    fragments' inputs are those of the whole graph; a build after an edit reads these few
    triples of each cached fragment instead of every line of the graph.
    """
    found = [t for t in triples if t[1] in _READ]
    asserted = {s for s, p, o in found if p == _POLARITY and o == _ASSERTED}
    cited = {o for s, p, o in found if p == _EVIDENCE and s in asserted}
    typed = {s for s, p, o in found if p == _TYPE and o in (_WORKER_POPULATION, _SOURCE_DOCUMENT)}
    keep = asserted | cited | typed
    return {t for t in found if t[0] in keep}


_READ = frozenset(
    (_POLARITY, _TYPE, _TOPIC, _POPULATION, _EVIDENCE, _QUOTE, _IN_DOCUMENT, _TITLE, _LABEL)
)
