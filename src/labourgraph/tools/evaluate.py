"""How true the built graph is, fact by fact, against gold annotations.

Researchers cite what the graph says, so the scorer reads the graph the build produced
(`graph_view`), not the extraction's intermediate records, and judges every field of a fact:

- **Entities** (individuals with evidence in a document) match a gold entity when one of their
  names (labels, alternative labels, the quotes of their evidence there) folds to the gold
  label or an alias, and both are of the same coarse kind (platform, organisation, person,
  place, AI system, app: from the ontology's hierarchy). Coarse class accuracy is over the
  pairs matched by name alone; fine accuracy (the exact class) over the matched pairs.
- **Figures** are *found* when value (or minimum and maximum) and unit agree and one of the
  observation's evidence spans overlaps the gold quote in the text: the same number elsewhere
  in the text is another fact, and a reader following the evidence would land on it.
  A found figure is *whole* when its subject, area, period, direction and indicator all
  agree: a figure about the wrong group, place or year, or a fall shown as a level, is a
  wrong fact even with the right number. Fields are strict both ways: a field left empty
  where the gold has one is wrong, and so is a field filled where the gold has none.
  A subject or area is right when every individual the graph gives is the gold's (a second,
  wrong subject makes the figure ambiguous). Periods are compared as ISO intervals; the
  graph's direction is `plo:direction`, or "level" (how it presents every figure without
  one); a gold indicator "new: …" (none in the ontology fitted when it was written) matches
  only an indicator the ontology has since gained with that English label (or alternative
  or hidden label). A gold null unit matches units the gold's vocabulary has no name for
  (years, hours, days, languages, countries, images, items, points, times: an age, a
  working time, a count of languages or of pieces of content, a score, a ratio). Figure
  precision counts every graph figure that states no gold figure, except a found figure's
  number stated again elsewhere (the gold lists a figure once).
- **Relations**: (subject, predicate, object) triples whose axiom has evidence in the
  document, against the gold's; ends match by name as subjects do.
- **Statements** are right when a gold statement of the same topic has its quote under the
  statement's evidence and the same polarity (the graph's `plo:polarity`, else "asserted"):
  a denial or a doubt stored as a plain assertion says the opposite of the text, so it is
  wrong and counted apart.

Gold items marked optional are neither rewarded nor penalised. Older gold files (no subject,
period… for figures, no relations or statements) are scored on what they give.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal

from labourgraph.build import run
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.mint import fold
from labourgraph.core.paths import ONTOLOGY_FILE, ROOT
from labourgraph.core.vocab import PLO
from labourgraph.tools.evaluation_report import Ratio, Report, Score, Tally, table
from labourgraph.tools.gold import (
    FIELDS,
    WHOLE_FIELDS,
    GoldDocument,
    GoldFigure,
    GoldName,
    load_gold,
    names,
)
from labourgraph.tools.graph_view import (
    DocumentView,
    GraphFigure,
    Individual,
    coarse,
    read_documents,
)

__all__ = [
    "Ratio",
    "Report",
    "Score",
    "Tally",
    "coarse",
    "corpora",
    "evaluate",
    "evaluate_all",
    "render",
    "score_graph",
    "selected_corpora",
    "table",
]

_OTHER_COUNTS = {None, "tasks", "words", "articles"}
_UNNAMED_UNITS = {
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "languages", "countries",
    "images", "items", "points", "times",
}  # fmt: skip
"""Units the gold's vocabulary has no name for: its null unit is theirs (an age, hours)."""


@lru_cache(maxsize=1)
def _indicator_names() -> dict[str, frozenset[str]]:
    """Each indicator's English names (label, alternative and hidden labels), folded: a gold
    "new: <label>" written before the ontology had the indicator matches it by one of them."""
    graph = Graph()
    graph.parse(ONTOLOGY_FILE)
    found: dict[str, set[str]] = {}
    classes = {PLO.Indicator, *graph.transitive_subjects(RDFS.subClassOf, PLO.Indicator)}
    for indicator in {i for c in classes for i in graph.subjects(RDF.type, c)}:
        for prop in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(indicator, prop):
                if isinstance(label, Literal) and label.language == "en":
                    local = str(indicator).rsplit("#", 1)[-1]
                    found.setdefault(local, set()).add(fold(str(label)))
    return {k: frozenset(v) for k, v in found.items()}


def _same_indicator(shown: str | None, wanted: str | None) -> bool:
    if wanted is not None and wanted.startswith("new:"):
        return fold(wanted[4:].strip()) in _indicator_names().get(shown or "", frozenset())
    return shown == wanted


HELD_OUT = frozenset({"real test"})
"""Corpora never read while writing rules: `render` gives their scores, not their details."""


def score_graph(
    graph: Graph,
    texts: dict[str, str] | None,
    gold: dict[str, GoldDocument],
    *,
    label: str = "",
    languages: dict[str, str] | None = None,
) -> Report:
    """Score what `graph` says about each gold document (by file name) whose text is known.

    `texts` (file name -> text, where gold quotes are looked for) defaults to each document's
    `plo:text`, and `languages` (file name -> language) to its `dcterms:language`.
    """
    views = read_documents(graph)
    report = Report(label)
    for file_name, expected in sorted(gold.items()):
        view = views.get(file_name) or DocumentView(file_name, None)
        text = (texts or {}).get(file_name, view.text)
        if text is None:
            continue  # a gold document that is not in this corpus
        language = (languages or {}).get(file_name) or view.language or "?"
        scorer = _DocumentScorer(view, text, expected, report)
        report.documents[file_name] = scorer.score()
        report.languages[file_name] = language
    return report


class _DocumentScorer:
    """Scores one document: its tally, and its misses and wrong fields in the report."""

    def __init__(self, view: DocumentView, text: str, gold: GoldDocument, report: Report):
        self.view, self.text, self.gold, self.report = view, text, gold, report
        self.tally = Tally()

    def note(self, kind: str, message: str) -> None:
        self.report.issues.setdefault(kind, []).append(f"{self.gold.file_name}: {message}")

    def score(self) -> Tally:
        self.entities()
        self.figures()
        if "relations" in self.gold.sections:
            self.relations()
        if "statements" in self.gold.sections:
            self.statements()
        return self.tally

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Every place the quote occurs in the text."""
        found, start = [], self.text.find(quote) if quote else -1
        while start >= 0:
            found.append((start, start + len(quote)))
            start = self.text.find(quote, start + 1)
        return found

    def quoted(self, start: int, end: int) -> str:
        text = " ".join(self.text[start:end].split())
        return text if len(text) <= 90 else text[:87] + "…"

    # --- entities ---------------------------------------------------------------------

    def entities(self) -> None:
        nodes = sorted(self.view.entities, key=lambda n: n.iri)
        tally, pairs = self.tally, self._pair_entities(nodes)
        matched = {n.iri for item, n in pairs.items() if n.kind == coarse(item.cls)}
        for item in self.gold.entities:
            node = pairs.get(item)
            if node is not None:
                tally.coarse.count(node.kind == coarse(item.cls))
            if node is None or node.iri not in matched:
                tally.entities.false_negatives += 1
                self.note("missed entities", f"{item.label} ({item.cls})")
                if node is not None:
                    self.note("class errors", f"{item.label} {_classes(node)} (gold {item.cls})")
                continue
            tally.entities.true_positives += 1
            tally.fine.count(node.classes == {item.cls})
            if node.classes != {item.cls}:
                self.note("class errors", f"{item.label} {_classes(node)} (gold {item.cls})")
        for node in nodes:
            if node.iri not in matched and not node.names & self.gold.optional:
                tally.entities.false_positives += 1
                self.note("spurious entities", f"{node.label} ({_classes(node)})")
        for name in self.gold.not_platforms:
            if any(names([name]) & n.names and n.kind == "platform" for n in nodes):
                self.note("non-platforms typed as platforms", name)

    def _pair_entities(self, nodes: list[Individual]) -> dict[GoldName, Individual]:
        """Each gold entity's graph entity: one of the same kind with a shared name (the
        exact class first), else, for class accuracy, one of another kind."""
        pairs: dict[GoldName, Individual] = {}
        used: set[str] = set()
        for same_kind in (True, False):
            for item in self.gold.entities:
                if item in pairs:
                    continue
                candidates = [
                    n
                    for n in nodes
                    if n.iri not in used
                    and n.names & item.names
                    and (n.kind == coarse(item.cls)) == same_kind
                ]
                if candidates:
                    pick = min(candidates, key=lambda n: n.classes != {item.cls})
                    pairs[item] = pick
                    used.add(pick.iri)
        return pairs

    # --- figures ----------------------------------------------------------------------

    def figures(self) -> None:
        found = self.view.figures
        right: set[int] = set()  # graph figures that state a gold figure
        hits: list[GoldFigure] = []  # gold figures found
        optional: set[int] = set()  # graph figures that state an optional gold figure
        for item in self.gold.figures:
            places = self.occurrences(item.quote)
            candidates = [
                i
                for i, f in enumerate(found)
                if _same_number(f, item) and any(s.overlaps(*p) for s in f.spans for p in places)
            ]
            if item.optional:
                optional.update(candidates)
                continue
            self.tally.found.total += 1
            if item.complete:
                self.tally.whole.total += 1
            if not candidates:
                self.note("missed figures", self._why_missed(item, places))
                continue
            best = max(
                candidates, key=lambda i: (i not in right, -len(self._wrong(found[i], item)))
            )
            right.add(best)
            hits.append(item)
            self.tally.found.right += 1
            self._judge(found[best], item)
        for i, figure in enumerate(found):
            if i not in right and (i in optional or any(_same_number(figure, g) for g in hits)):
                continue  # an optional figure, or a found one stated again elsewhere
            self.tally.figure_precision.count(i in right)
            if i not in right:
                where = "; ".join(self.quoted(s.start, s.end) for s in figure.spans[:1])
                self.note("spurious figures", f"{figure.label} «{where}»")

    def _why_missed(self, item: GoldFigure, places: list[tuple[int, int]]) -> str:
        message = _named(item)
        if not places:
            return message + " (quote not in the text)"
        elsewhere = [f for f in self.view.figures if _same_number(f, item)]
        if elsewhere:
            spans = ", ".join(f"{s.start}-{s.end}" for f in elsewhere for s in f.spans)
            message += f" (the graph has this number with evidence elsewhere: {spans})"
        return message

    def _wrong(self, figure: GraphFigure, item: GoldFigure) -> dict[str, tuple[str, str]]:
        """The fields the gold gives that the graph gets wrong: field -> (graph, gold)."""
        wrong: dict[str, tuple[str, str]] = {}
        for name in FIELDS:
            if name not in item.fields:
                continue
            wanted = item.fields[name]
            if name in ("subject", "area"):
                iris = figure.subjects if name == "subject" else figure.areas
                ok = self._same_ends(iris, wanted, item.fields.get("area"))
                shown = "; ".join(self.view.nodes[i].label for i in iris) or None
            else:
                shown = figure.fields.get(name)
                ok = _same_indicator(shown, wanted) if name == "indicator" else shown == wanted
            if not ok:
                wrong[name] = (str(shown), str(wanted))
        return wrong

    def _same_ends(self, iris: list[str], label: str | None, area: str | None = None) -> bool:
        """Whether the graph's individuals are the gold's one (or both say none)."""
        if label is None or not iris:
            return label is None and not iris
        return all(self._is(i, label, area=area) for i in iris)

    def _is(self, iri: str, label: str, task: bool = False, area: str | None = None) -> bool:
        """Whether a graph individual is the gold entity, population or task `label`: a
        shared name. A population is named by the graph ("microworkers in France": a worker
        noun and a place) and evidenced by the sentence of its fact, so it is also the gold
        population when one of the gold's names is in the words of its evidence here, or
        when its noun is a gold name and its place the gold's (the population's or the
        figure's `area`)."""
        node = self.view.nodes[iri]
        wanted = names([label]) if task else self.gold.names_of(label)
        if node.names & wanted:
            return True
        population = self.gold.population(label)
        if node.kind != "population" or population is None:
            return False
        if any(_has_words(quote, name) for quote in node.quotes for name in wanted):
            return True
        noun, _, place = node.label.rpartition(" in ")
        return bool(noun and names([noun]) & wanted) and any(
            names([place]) & self.gold.names_of(a) for a in (population.area, area) if a
        )

    def _judge(self, figure: GraphFigure, item: GoldFigure) -> None:
        wrong = self._wrong(figure, item)
        for name in FIELDS:
            if name in item.fields:
                self.tally.field_score(name).count(name not in wrong)
        for name, (shown, wanted) in wrong.items():
            self.note("wrong fields", f"{_named(item)} {name}: graph {shown}, gold {wanted}")
        if item.complete and not wrong.keys() & set(WHOLE_FIELDS):
            self.tally.whole.right += 1

    # --- relations and statements ---------------------------------------------------

    def relations(self) -> None:
        nodes, gold = self.view.nodes, self.gold

        def same(iri: str, label: str, predicate: str) -> bool:
            return self._is(iri, label, task=predicate == "offersTaskType")

        stated = sorted(self.view.relations)
        for s, p, o in stated:
            ok = any(
                r.predicate == p and same(s, r.subject, "") and same(o, r.object, p)
                for r in gold.relations
            )
            self.tally.relation_precision.count(ok)
            if not ok:
                self.note("spurious relations", f"{nodes[s].label} {p} {nodes[o].label}")
        for r in gold.relations:
            ok = any(
                p == r.predicate and same(s, r.subject, "") and same(o, r.object, p)
                for s, p, o in stated
            )
            self.tally.relation_recall.count(ok)
            if not ok:
                self.note("missed relations", f"{r.subject} {r.predicate} {r.object}")

    def statements(self) -> None:
        told = set()  # gold statements the graph states rightly
        places = [self.occurrences(g.quote) for g in self.gold.statements]
        for statement in self.view.statements:
            under = [
                i
                for i, g in enumerate(self.gold.statements)
                if g.topic == statement.topic
                and any(s.overlaps(*p) for s in statement.spans for p in places[i])
            ]
            agree = [i for i in under if self.gold.statements[i].polarity == statement.polarity]
            told.update(agree)
            self.tally.statement_precision.count(bool(agree))
            if agree:
                continue
            span = statement.spans[0] if statement.spans else None
            where = self.quoted(span.start, span.end) if span else ""
            polarities = {self.gold.statements[i].polarity for i in under}
            if statement.polarity == "asserted" and polarities & {"denied", "hedged"}:
                self.tally.denied_as_asserted += 1
                self.note(
                    "denied or hedged stored as asserted",
                    f"{statement.topic} «{where}» (gold {'/'.join(sorted(polarities))})",
                )
            elif under:
                self.note(
                    "wrong statement polarity",
                    f"{statement.topic} «{where}»: graph {statement.polarity}, "
                    f"gold {'/'.join(sorted(polarities))}",
                )
            else:
                self.note("spurious statements", f"{statement.topic} «{where}»")
        for i, g in enumerate(self.gold.statements):
            self.tally.statement_recall.count(i in told)
            if i not in told:
                self.note("missed statements", f"{g.topic} ({g.polarity}) «{g.quote}»")


def _same_number(figure: GraphFigure, item: GoldFigure) -> bool:
    """Same value(s) and unit; an older gold's null unit accepts tasks, words and articles."""
    if (figure.value, figure.minimum, figure.maximum) != (item.value, item.minimum, item.maximum):
        return False
    if figure.unit == item.unit:
        return True
    if item.unit is None and figure.unit in _UNNAMED_UNITS:
        return True
    return item.legacy and item.unit is None and figure.unit in _OTHER_COUNTS


def _has_words(text: str, words: str) -> bool:
    """Whether `words` occur in `text` as whole words."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def _named(item: GoldFigure) -> str:
    """A gold figure as the details show it: «quote» (value unit)."""

    def plain(value: Decimal | None) -> str:
        return "?" if value is None else format(value, "f")

    amount = (
        plain(item.value)
        if item.value is not None
        else (f"{plain(item.minimum)}-{plain(item.maximum)}")
    )
    return f"«{item.quote}» ({amount} {item.unit})"


def _classes(node: Individual) -> str:
    return "/".join(sorted(node.classes)) or "?"


# --- corpora ------------------------------------------------------------------------------


def evaluate(corpus_dir: Path, gold_path: Path, label: str | None = None) -> Report:
    """Build a corpus (without writing or validating) and score its graph against a gold
    file or folder."""
    result = run(corpus_dir, validate_graph=False)
    return score_graph(
        result.graph,
        {d.file_name: d.text for d in result.documents},
        load_gold(gold_path),
        label=label or corpus_dir.name,
        languages={d.file_name: d.language for d in result.documents},
    )


def corpora(root: Path = ROOT) -> list[tuple[str, list[tuple[Path, Path]]]]:
    """The project's gold-annotated corpora, by label: (corpus folder, gold) pairs that exist.

    seeds: the texts the rules were written on; fiction: texts the developers wrote (unseen,
    and the development set); real dev / real test: third-party excerpts (the test split is
    never read while writing rules).
    """
    data = root / "tests" / "data"
    real = data / "real"
    fiction = [
        (data / "unseen", data / "gold" / "unseen.yaml"),
        (data / "dev", data / "dev" / "gold.yaml"),
    ]
    wanted = [
        ("seeds", [(root / "corpus", data / "gold" / "seeds.yaml")]),
        ("fiction", fiction),
        ("real dev", [(real / "dev", real / "dev" / "gold")]),
        ("real test", [(real / "test", real / "test" / "gold")]),
    ]
    return [
        (label, [(c, g) for c, g in pairs if c.is_dir() and g.exists()]) for label, pairs in wanted
    ]


def evaluate_all(
    pairs: Sequence[tuple[str, Iterable[tuple[Path, Path]]]],
) -> list[Report]:
    """One report per label, over all its (corpus, gold) pairs."""
    reports = []
    for label, members in pairs:
        report = Report(label)
        for corpus_dir, gold_path in members:
            report.merge(evaluate(corpus_dir, gold_path, label))
        reports.append(report)
    return reports


def selected_corpora(
    corpus_dirs: Sequence[Path], gold_paths: Sequence[Path], every: bool = False
) -> list[tuple[str, list[tuple[Path, Path]]]]:
    """What `labourgraph evaluate` scores: the project's corpora (`corpora`) with `every` or
    no gold given, else each --gold with its --corpus (by default `corpus/`)."""
    if every or not gold_paths:
        if corpus_dirs and not every:
            raise LabourgraphError("evaluate: --corpus needs a --gold for each folder")
        return corpora()
    folders = list(corpus_dirs) or [Path("corpus")] * len(gold_paths)
    if len(folders) != len(gold_paths):
        raise LabourgraphError("evaluate: give one --corpus for each --gold (or none)")
    return [(str(c), [(c, g)]) for c, g in zip(folders, gold_paths, strict=True)]


def render(reports: list[Report], markdown: bool = False, details: bool = False) -> list[str]:
    """The table (and, as text, each corpus's summary lines; with `details`, every miss and
    wrong field)."""
    scored = [r for r in reports if r.documents]
    out = table(scored, markdown=markdown) if scored else []
    out += [f"{r.label}: no gold documents" for r in reports if not r.documents]
    for report in scored if not markdown or details else []:
        out += ["", f"{report.label}:", *(f"  {line}" for line in report.lines())]
        if details and report.label in HELD_OUT:
            out.append("  (details withheld: a held-out split; give its --corpus and --gold)")
        elif details:
            out += [f"  {line}" for line in report.details()]
    return out
