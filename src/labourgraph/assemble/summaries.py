"""Statement and figure summaries: what the corpus asserts on each topic, and which figures
more than one document states or documents contradict, counted once at build time.

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

Query 08 (corroboration) had the same cost for the same reason: counting each figure's
documents walked every figure's evidence (0.44 s at x1000). `figure_summaries` writes its
rows as `plo:FigureSummary` nodes in the same way (`_figure_summaries` says how they follow
the query's former text, tests/data/queries/before/08-corroboration.rq); `corpus_summaries`
computes both kinds from one pass over the triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

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
_INDICATOR, _MEASURE_KEY = nt_term(PLO.indicator), nt_term(PLO.measureKey)
_VALUE, _LOW, _HIGH = map(nt_term, (PLO.value, PLO.minValue, PLO.maxValue))
_FIGURE_SUMMARY = nt_term(PLO.FigureSummary)
_FIGURE_STATUS, _FIGURE_NAME, _FIGURE_VALUE = map(
    nt_term, (PLO.figureStatus, PLO.figureName, PLO.figureValue)
)
_FIGURE_READ = (_INDICATOR, _MEASURE_KEY, _VALUE, _LOW, _HIGH, _LABEL, _EVIDENCE, _IN_DOCUMENT)


def _lexical(literal: str) -> str:
    """A literal term as a plain string term of its lexical form (`STR()`), escapes kept."""
    return literal[: literal.rindex('"') + 1]


def _inner(literal: str) -> str:
    """A literal term's lexical form as written between its quotes (N-Triples escapes kept)."""
    return literal[1 : literal.rindex('"')]


def _number(literal: str) -> str:
    """A number's text as SPARQL's `STR()` gives it in pyoxigraph, which reads an xsd:decimal
    or xsd:integer as a number and writes it back canonical ("7.0" is "7", "0.50" is "0.5"):
    the build writes "7.0" (`assembler.decimal_literal`), query 08 showed "7". Other
    literals as written."""
    text = _inner(literal)
    if literal.endswith((f"<{XSD.decimal}>", f"<{XSD.integer}>")):
        try:
            text = format(Decimal(text).normalize(), "f")
        except InvalidOperation:
            return text
        text = "0" if text == "-0" else text
    return text


def _local(iri: str) -> str:
    return iri[1:-1].rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def statement_summaries(triples: Iterable[Triple]) -> set[Triple]:
    """The `plo:StatementSummary` nodes of a graph given as N-Triples terms (module docstring).

    Nothing but strings is built, as in the assembler."""
    return _statement_summaries(_Read(triples))


def corpus_summaries(triples: Iterable[Triple]) -> set[Triple]:
    """Every summary the build writes (`statement_summaries` and `figure_summaries`), from one
    pass over the triples."""
    read = _Read(triples)
    return _statement_summaries(read) | _figure_summaries(read)


class _Read:
    """The subject and object of every triple of the predicates the summaries read, by
    predicate: one pass over the graph (a dictionary lookup a triple: about a second for the
    5.3 million triples of the x1000 graph), then the summaries work on these few."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.read: dict[str, list[tuple[str, str]]] = {p: [] for p in _READ}
        for s, p, o in triples:
            bucket = self.read.get(p)
            if bucket is not None:
                bucket.append((s, o))

    def objects(self, predicate: str, subjects: set[str] | None = None) -> dict[str, list[str]]:
        """Each subject's objects of `predicate` (of `subjects` only, when given)."""
        found: dict[str, list[str]] = defaultdict(list)
        for s, o in self.read[predicate]:
            if subjects is None or s in subjects:
                found[s].append(o)
        return found


def _statement_summaries(read: _Read) -> set[Triple]:
    asserted = {s for s, o in read.read[_POLARITY] if o == _ASSERTED}
    objects = read.objects
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


def figure_summaries(triples: Iterable[Triple]) -> set[Triple]:
    """The `plo:FigureSummary` nodes of a graph given as N-Triples terms (`_figure_summaries`)."""
    return _figure_summaries(_Read(triples))


def _figure_summaries(read: _Read) -> set[Triple]:
    """What query 08 answers, one node a row, as its former text computed it
    (tests/data/queries/before/08-corroboration.rq):

    - *corroborated*: a figure label (an `rdfs:label` of a node with a `plo:indicator`) whose
      (node, indicator, evidence span) matches number more than one, its nodes' spans being in
      more than one titled document; grouped by the label's lexical form;
    - *disagreement*: a `plo:measureKey` whose nodes state more than one distinct value (a
      `plo:value`, else `plo:minValue`–`plo:maxValue`), with at least one span in a titled
      document; grouped by the key's lexical form and its values.

    Each node holds the documents' count (`plo:documentCount`), each distinct title
    (`plo:summarySource`) and, for a disagreement, each distinct value (`plo:figureValue`)."""
    objects = read.objects
    indicators = objects(_INDICATOR)
    keys = objects(_MEASURE_KEY)
    observed = set(indicators) | set(keys)
    labels, evidence = objects(_LABEL, set(indicators)), objects(_EVIDENCE, observed)
    cited = {span for found in evidence.values() for span in found}
    documents = objects(_IN_DOCUMENT, cited)
    titles = objects(_TITLE)
    Row = tuple[set[str], set[str]]

    def add(row: Row, node: str) -> None:
        for span in evidence.get(node, ()):
            for doc in documents.get(span, ()):
                if titles.get(doc):
                    row[0].add(doc)
                    row[1].update(_lexical(title) for title in titles[doc])

    # corroborated: the (node, indicator, span) matches of each label term, as the former
    # sub-query counted them, then the documents of the labels that qualify, by lexical form
    matches: dict[str, int] = defaultdict(int)
    for node, found in indicators.items():
        for label in labels.get(node, ()):
            matches[label] += len(found) * len(evidence.get(node, ()))
    figures: dict[str, Row] = {}
    for node in sorted(indicators):
        for label in labels.get(node, ()):
            if matches[label] > 1:
                add(figures.setdefault(_lexical(label), (set(), set())), node)
    # disagreement: each key's distinct values, then the documents of its nodes
    values, lows, highs = (objects(p, set(keys)) for p in (_VALUE, _LOW, _HIGH))
    stated: dict[str, set[str]] = defaultdict(set)
    for node, found in keys.items():
        texts = [nt_literal(_number(v)) for v in values.get(node, ())] or [
            nt_literal(f"{_number(low)}–{_number(high)}")
            for low in lows.get(node, ())
            for high in highs.get(node, ())
        ]
        for key in found:
            stated[key].update(texts)
    measures: dict[tuple[str, frozenset[str]], Row] = {}
    for node in sorted(keys):
        for key in keys[node]:
            if len(stated[key]) > 1:
                add(
                    measures.setdefault((_lexical(key), frozenset(stated[key])), (set(), set())),
                    node,
                )
    rows = [("corroborated", figure, frozenset[str](), row) for figure, row in figures.items()]
    rows += [("disagreement", figure, said, row) for (figure, said), row in measures.items()]
    summaries: set[Triple] = set()
    for status, figure, said, (docs, sources) in rows:
        if not docs or (status == "corroborated" and len(docs) < 2):
            continue
        name = f"{status} {_inner(figure)}"
        node = f"<{mint.keyed_iri('summary', name, status, figure, *sorted(said))}>"
        summaries.update(
            [
                (node, _TYPE, _FIGURE_SUMMARY),
                (node, _FIGURE_STATUS, nt_literal(status)),
                (node, _FIGURE_NAME, figure),
                (node, _DOCUMENTS, nt_literal(str(len(docs)), datatype=_INTEGER)),
            ]
        )
        summaries.update((node, _FIGURE_VALUE, text) for text in said)
        summaries.update((node, _SUMMARY_SOURCE, source) for source in sources)
    return summaries


def summary_inputs(triples: Iterable[Triple]) -> set[Triple]:
    """The triples of one document's fragment that the summaries read: its asserted
    statements' types, topics, populations and evidence, its figures' (nodes with a
    `plo:indicator` or `plo:measureKey`) labels, indicators, keys, values and evidence, those
    spans' quotes and document, every population's type and labels, and the document's type
    and title.

    Every one of those is written by the fragment of the document that states the statement
    or figure (a statement's IRI and its spans' IRIs hold the document's id; a figure stated
    by two documents is one node, whose triples each document's fragment writes, with its
    own spans), so the summaries of the union of the fragments' inputs are those of the whole
    graph; a build after an edit reads these few triples of each cached fragment instead of
    every line of the graph.
    """
    found = [t for t in triples if t[1] in _READ]
    asserted = {s for s, p, o in found if p == _POLARITY and o == _ASSERTED}
    observed = {s for s, p, o in found if p in (_INDICATOR, _MEASURE_KEY)}
    cited = {o for s, p, o in found if p == _EVIDENCE and (s in asserted or s in observed)}
    typed = {s for s, p, o in found if p == _TYPE and o in (_WORKER_POPULATION, _SOURCE_DOCUMENT)}
    keep = asserted | observed | cited | typed
    return {t for t in found if t[0] in keep}


_READ = frozenset(
    (_POLARITY, _TYPE, _TOPIC, _POPULATION, _EVIDENCE, _QUOTE, _IN_DOCUMENT, _TITLE, *_FIGURE_READ)
)
