"""The tallies of `labourgraph evaluate` and how they are shown: lines, details and a table
per corpus and language (plain text or Markdown)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from labourgraph.tools.gold import FIELDS


@dataclass
class Score:
    """Matched, spurious and missed items, one to one (entities)."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


@dataclass
class Ratio:
    """How many of `total` judged items were right (a precision, a recall or an accuracy)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def count(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def add(self, other: Ratio) -> None:
        self.right += other.right
        self.total += other.total

    def show(self, counts: bool = False) -> str:
        """ "0.85", or "34/40 0.85" with counts; "—" when nothing was judged."""
        if self.value is None:
            return "—"
        return f"{self.right}/{self.total} {self.value:.2f}" if counts else f"{self.value:.2f}"


@dataclass
class Tally:
    """Every count of one document, or of several added together."""

    entities: Score = field(default_factory=Score)
    coarse: Ratio = field(default_factory=Ratio)  # kind right, on pairs matched by name
    fine: Ratio = field(default_factory=Ratio)  # exact class right, on matched entities
    found: Ratio = field(default_factory=Ratio)  # gold figures found (recall)
    whole: Ratio = field(default_factory=Ratio)  # found with every whole-fact field right
    figure_precision: Ratio = field(default_factory=Ratio)
    fields: dict[str, Ratio] = field(default_factory=dict)  # on found figures
    relation_precision: Ratio = field(default_factory=Ratio)
    relation_recall: Ratio = field(default_factory=Ratio)
    statement_precision: Ratio = field(default_factory=Ratio)
    statement_recall: Ratio = field(default_factory=Ratio)
    denied_as_asserted: int = 0

    def field_score(self, name: str) -> Ratio:
        return self.fields.setdefault(name, Ratio())

    def add(self, other: Tally) -> None:
        for f in dataclasses.fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, Score | Ratio):
                mine.add(theirs)
        for name, ratio in other.fields.items():
            self.field_score(name).add(ratio)
        self.denied_as_asserted += other.denied_as_asserted


ISSUES = (
    "missed entities",
    "spurious entities",
    "class errors",
    "non-platforms typed as platforms",
    "missed figures",
    "spurious figures",
    "wrong fields",
    "missed relations",
    "spurious relations",
    "denied or hedged stored as asserted",
    "wrong statement polarity",
    "spurious statements",
    "missed statements",
)
"""The kinds of misses and errors `Report.details` lists, in order."""


@dataclass
class Report:
    """The scores of one corpus: a tally per document, each document's language, and every
    miss or error as a line naming the document."""

    label: str = ""
    documents: dict[str, Tally] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    issues: dict[str, list[str]] = field(default_factory=dict)

    def tally(self, language: str | None = None) -> Tally:
        """All documents added, or those of one language."""
        total = Tally()
        for name, tally in self.documents.items():
            if language is None or self.languages.get(name) == language:
                total.add(tally)
        return total

    def issue(self, kind: str) -> list[str]:
        return self.issues.get(kind, [])

    def merge(self, other: Report) -> None:
        self.documents.update(other.documents)
        self.languages.update(other.languages)
        for kind, items in other.issues.items():
            self.issues.setdefault(kind, []).extend(items)

    def lines(self) -> list[str]:
        t = self.tally()
        e = t.entities
        each = ", ".join(f"{n} {t.field_score(n).show(True)}" for n in FIELDS)
        return [
            f"entities: precision {e.precision:.2f}, recall {e.recall:.2f}, F1 {e.f1:.2f} "
            f"({e.true_positives} matched, {e.false_positives} spurious, "
            f"{e.false_negatives} missed); class accuracy coarse {t.coarse.show(True)}, "
            f"fine {t.fine.show(True)}",
            f"figures: found {t.found.show(True)}, whole {t.whole.show(True)}, "
            f"precision {t.figure_precision.show(True)}",
            f"figure fields (on found figures): {each}",
            f"relations: precision {t.relation_precision.show(True)}, "
            f"recall {t.relation_recall.show(True)}",
            f"statements: precision {t.statement_precision.show(True)}, "
            f"recall {t.statement_recall.show(True)}; "
            f"denied or hedged stored as asserted: {t.denied_as_asserted}",
        ]

    def details(self) -> list[str]:
        out = []
        for kind in (*ISSUES, *sorted(set(self.issues) - set(ISSUES))):
            items = self.issue(kind)
            out.append(f"{kind}: {len(items)}")
            out += [f"  {item}" for item in items]
        return out


COLUMNS = (
    "corpus", "lang", "docs", "entities P/R/F1", "class coarse/fine", "figures found",
    "whole", *(n.replace("_", " ") for n in FIELDS), "figures P", "relations P/R",
    "statements P", "denied as asserted",
)  # fmt: skip


def _row(label: str, language: str, docs: int, t: Tally) -> list[str]:
    e = t.entities
    return [
        label,
        language,
        str(docs),
        f"{e.precision:.2f}/{e.recall:.2f}/{e.f1:.2f}",
        f"{t.coarse.show()}/{t.fine.show()}",
        t.found.show(True),
        t.whole.show(True),
        *(t.field_score(n).show() for n in FIELDS),
        t.figure_precision.show(),
        f"{t.relation_precision.show()}/{t.relation_recall.show()}",
        t.statement_precision.show(),
        str(t.denied_as_asserted),
    ]


def table(reports: list[Report], markdown: bool = False) -> list[str]:
    """One row per corpus and language (and one for the whole corpus when it has several)."""
    rows = []
    for report in reports:
        languages = sorted(set(report.languages.values()))
        for language in languages:
            docs = sum(1 for v in report.languages.values() if v == language)
            rows.append(_row(report.label, language, docs, report.tally(language)))
        if len(languages) != 1:
            rows.append(_row(report.label, "all", len(report.documents), report.tally()))
    if markdown:
        return [
            "| " + " | ".join(COLUMNS) + " |",
            "|" + "|".join("---" if i < 2 else "---:" for i in range(len(COLUMNS))) + "|",
            *("| " + " | ".join(row) + " |" for row in rows),
        ]
    widths = [max(len(r[i]) for r in (list(COLUMNS), *rows)) for i in range(len(COLUMNS))]
    return [
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in (list(COLUMNS), *rows)
    ]
