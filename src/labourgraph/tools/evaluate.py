"""Extraction quality against a gold file: precision, recall and F1 for entities and figures.

An extracted entity matches a gold entity of the same document when one of its names (the
canonical label, the lexicon's aliases, or a form the document uses) folds to the gold label
or one of its aliases, and both are of the same kind (platform, organisation, person, place,
AI system). Class accuracy is reported on the matched pairs. A figure matches when value (or
minimum and maximum) and unit agree. Gold items marked optional are neither rewarded nor
penalised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from labourgraph.build import BuildResult, run
from labourgraph.core.mint import fold
from labourgraph.extract.lexicon import PLACE_CLASSES
from labourgraph.extract.mentions import AI_CLASSES, PERSON_CLASSES, PLATFORM_CLASSES


def coarse(cls: str) -> str:
    """The kind an entity class belongs to, for matching."""
    if cls in PLATFORM_CLASSES:
        return "platform"
    if cls in PERSON_CLASSES:
        return "person"
    if cls in PLACE_CLASSES:
        return "place"
    if cls in AI_CLASSES:
        return "ai"
    if cls == "SoftwareApplication":
        return "app"
    return "organisation"


@dataclass
class Score:
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
class Report:
    entities: Score = field(default_factory=Score)
    figures: Score = field(default_factory=Score)
    class_matches: int = 0
    platform_errors: list[str] = field(default_factory=list)  # not_platforms typed as platforms
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_figures: list[str] = field(default_factory=list)
    class_errors: list[str] = field(default_factory=list)
    per_document: dict[str, tuple[Score, Score]] = field(default_factory=dict)

    @property
    def class_accuracy(self) -> float:
        return (
            self.class_matches / self.entities.true_positives
            if self.entities.true_positives
            else 1.0
        )

    def lines(self) -> list[str]:
        e, f = self.entities, self.figures
        return [
            f"entities: precision {e.precision:.2f}, recall {e.recall:.2f}, F1 {e.f1:.2f} "
            f"({e.true_positives} matched, {e.false_positives} spurious, "
            f"{e.false_negatives} missed); "
            f"class accuracy on matches {self.class_accuracy:.2f}",
            f"figures:  precision {f.precision:.2f}, recall {f.recall:.2f}, F1 {f.f1:.2f} "
            f"({f.true_positives} matched, {f.false_positives} spurious, "
            f"{f.false_negatives} missed)",
        ]


def _names(values: list[str]) -> set[str]:
    return {fold(" ".join(v.split())) for v in values if v}


def _number(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def score(result: BuildResult, gold_path: Path) -> Report:
    """Compare what the pipeline extracted from each document with the gold annotation."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["documents"]
    texts = {d.file_name: d.text for d in result.documents}
    facts = {d.file_name: f for d, f in zip(result.documents, result.facts, strict=True)}
    from labourgraph.link.entities import link

    linked = link(
        {f.doc_id: f.mentions for f in result.facts}, {d.doc_id: d.text for d in result.documents}
    ).entities
    report = Report()
    for file_name, expected in sorted(gold.items()):
        if file_name not in facts:
            continue
        text = texts[file_name]
        doc_facts = facts[file_name]
        # extracted entities of this document: (kind, key) -> names, classes
        found: dict[tuple[str, str], tuple[set[str], str]] = {}
        for m in doc_facts.mentions:
            names, _ = found.get((m.kind, m.key), (set(), m.cls))
            names |= _names([m.key, text[m.start : m.end], *(m.entry.names if m.entry else ())])
            entity = linked.get((m.kind, m.key))
            found[(m.kind, m.key)] = (names, entity.cls if entity else m.cls)
        optional = _names(expected.get("optional") or [])
        entities = Score()
        used: set[tuple[str, str]] = set()
        for item in expected.get("entities") or []:
            names = _names([item["label"], *(item.get("aliases") or [])])
            match = next(
                (
                    k
                    for k, (n, cls) in found.items()
                    if k not in used and n & names and coarse(cls) == coarse(item["class"])
                ),
                None,
            )
            if match is None:
                entities.false_negatives += 1
                report.missed_entities.append(f"{file_name}: {item['label']} ({item['class']})")
                continue
            used.add(match)
            entities.true_positives += 1
            report.class_matches += found[match][1] == item["class"]
            if found[match][1] != item["class"]:
                report.class_errors.append(
                    f"{file_name}: {item['label']} {found[match][1]} (gold {item['class']})"
                )
        for key, (names, cls) in sorted(found.items()):
            if key in used or names & optional:
                continue
            entities.false_positives += 1
            report.spurious_entities.append(f"{file_name}: {key[1]} ({cls})")
        for name in expected.get("not_platforms") or []:
            if any(fold(name) in n and coarse(cls) == "platform" for n, cls in found.values()):
                report.platform_errors.append(f"{file_name}: {name}")

        figures = Score()
        extracted = [
            (_number(o.value), _number(o.min_value), _number(o.max_value), o.unit)
            for o in doc_facts.observations
        ]
        matched: set[int] = set()
        optional_figures = []
        for item in expected.get("figures") or []:
            wanted = (
                _number(item.get("value")),
                _number(item.get("min")),
                _number(item.get("max")),
                item.get("unit"),
            )
            index = next(
                (i for i, x in enumerate(extracted) if i not in matched and _same(x, wanted)), None
            )
            if item.get("optional"):
                optional_figures.append(wanted)
                if index is not None:
                    matched.add(index)
                continue
            if index is None:
                figures.false_negatives += 1
                report.missed_figures.append(f"{file_name}: {item.get('quote')}")
            else:
                matched.add(index)
                figures.true_positives += 1
        # a figure stated twice in a document is one gold figure: repeated extractions of a
        # matched value are not spurious
        matched_values = {extracted[i] for i in matched}
        figures.false_positives += sum(
            1
            for i, x in enumerate(extracted)
            if i not in matched and x not in matched_values and x not in optional_figures
        )
        report.entities.add(entities)
        report.figures.add(figures)
        report.per_document[file_name] = (entities, figures)
    return report


_OTHER_COUNTS = {None, "tasks", "words", "articles"}


def _same(found: tuple, wanted: tuple) -> bool:
    """Same figure; a gold count of other things (unit null) accepts tasks, words, articles."""
    if found[:3] != wanted[:3]:
        return False
    return found[3] == wanted[3] or (wanted[3] is None and found[3] in _OTHER_COUNTS)


def evaluate(corpus_dir: Path, gold_path: Path) -> Report:
    """Build (without writing or validating) and score."""
    return score(run(corpus_dir, validate_graph=False), gold_path)
