"""Gold annotations for `labourgraph evaluate`, read into plain records.

Two layouts: one YAML file with a `documents:` mapping (`tests/data/gold/seeds.yaml`), or a
folder of per-document files, each with a `document:` key (`tests/data/real/dev/gold/`; the
format is `tests/data/real/README.md`). Older files give only some fields of a figure (value,
unit, per-unit, quote); a field the gold does not give is not scored, and a figure is judged
whole only when its gold gives all of `WHOLE_FIELDS`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from labourgraph.core.errors import LabourgraphError
from labourgraph.core.mint import fold

WHOLE_FIELDS = ("subject", "area", "period", "direction", "indicator")
"""What a figure must get right, with its value, unit and place in the text, to be whole."""
FIELDS = (*WHOLE_FIELDS, "qualifier", "per_unit")
"""Every field scored on a found figure."""

QUALIFIERS = {
    None: "exact",
    "about": "approx",
    "nearly": "approx",
    "more than": "more_than",
    "at least": "more_than",
    "less than": "less_than",
    "up to": "up_to",
}
"""The graph's `plo:qualifier` values in the gold's words."""


def names(values: list[Any] | tuple[Any, ...]) -> frozenset[str]:
    """Folded forms of names, whitespace runs made single: what names are matched on."""
    return frozenset(fold(" ".join(str(v).split())) for v in values if v)


def number(value: object) -> Decimal | None:
    """A figure's value as an exact decimal (so that 0.05 and 0.050 agree)."""
    return None if value is None else Decimal(str(value)).normalize()


@dataclass(frozen=True)
class GoldName:
    """An entity or population of a gold document: its label, class and every name."""

    label: str
    cls: str
    names: frozenset[str]
    area: str | None = None  # a population's place (the label of a place entity)


@dataclass(frozen=True)
class GoldFigure:
    quote: str
    value: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None
    unit: str | None
    optional: bool
    fields: dict[str, str | None]
    """The fields the gold gives (`FIELDS`), normalised; an absent key is not scored."""

    @property
    def complete(self) -> bool:
        """Whether the gold gives every field a whole figure must get right."""
        return all(f in self.fields for f in WHOLE_FIELDS)

    @property
    def legacy(self) -> bool:
        """An older gold figure (no whole-fact field): its null unit meant any count of
        things, so it accepts the graph's tasks, words and articles."""
        return not any(f in self.fields for f in WHOLE_FIELDS)


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str
    quote: str | None


@dataclass(frozen=True)
class GoldStatement:
    topic: str
    polarity: str
    quote: str
    subject: str | None


@dataclass
class GoldDocument:
    file_name: str
    entities: list[GoldName] = field(default_factory=list)
    populations: list[GoldName] = field(default_factory=list)
    optional: frozenset[str] = frozenset()
    not_platforms: list[str] = field(default_factory=list)
    figures: list[GoldFigure] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    statements: list[GoldStatement] = field(default_factory=list)
    sections: frozenset[str] = frozenset()
    """The keys the file gives: older files have no `relations` or `statements`, which are
    then not scored (rather than every relation the graph states counting as wrong)."""

    def population(self, label: str) -> GoldName | None:
        return next((p for p in self.populations if p.label == label), None)

    def names_of(self, label: str) -> frozenset[str]:
        """Every name of the entity or population `label` (just the label when the file
        declares no such entity: a task type, or an undeclared end)."""
        for item in (*self.entities, *self.populations):
            if item.label == label:
                return item.names
        return names([label])


def load_gold(path: Path) -> dict[str, GoldDocument]:
    """The gold documents of a file (`documents:` mapping) or a folder of `*.yaml` files."""
    if path.is_dir():
        entries: dict[str, dict[str, Any]] = {}
        for file in sorted(path.glob("*.yaml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            if "document" not in data:
                raise LabourgraphError(f"{file}: no 'document:' key")
            entries[data["document"]] = data
    else:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]
    return parse_gold(entries)


def parse_gold(entries: dict[str, dict[str, Any]]) -> dict[str, GoldDocument]:
    """Gold documents from their YAML data, by file name."""
    return {name: _document(name, data or {}) for name, data in sorted(entries.items())}


def _document(file_name: str, data: dict[str, Any]) -> GoldDocument:
    def items(key: str) -> list[dict[str, Any]]:
        return list(data.get(key) or [])

    return GoldDocument(
        file_name=file_name,
        entities=[
            GoldName(e["label"], e["class"], names([e["label"], *(e.get("aliases") or [])]))
            for e in items("entities")
        ],
        populations=[
            GoldName(
                p["label"],
                "WorkerPopulation",
                names([p["label"], *(p.get("aliases") or [])]),
                p.get("area"),
            )
            for p in items("populations")
        ],
        optional=names(list(data.get("optional") or [])),
        not_platforms=list(data.get("not_platforms") or []),
        figures=[_figure(f) for f in items("figures")],
        relations=[
            GoldRelation(r["subject"], r["predicate"], r["object"], r.get("quote"))
            for r in items("relations")
        ],
        statements=[
            GoldStatement(s["topic"], s.get("polarity") or "asserted", s["quote"], s.get("subject"))
            for s in items("statements")
        ],
        sections=frozenset(data),
    )


def _figure(item: dict[str, Any]) -> GoldFigure:
    fields: dict[str, str | None] = {}
    for name in FIELDS:
        if name not in item:
            continue
        value = item[name]
        if name == "period":
            fields[name] = period_interval(value)
        elif name == "qualifier":
            fields[name] = value or "exact"
        else:
            fields[name] = None if value is None else str(value)
    return GoldFigure(
        quote=item.get("quote") or "",
        value=number(item.get("value")),
        minimum=number(item.get("min")),
        maximum=number(item.get("max")),
        unit=item.get("unit"),
        optional=bool(item.get("optional")),
        fields=fields,
    )


# --- periods ------------------------------------------------------------------------------

_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_RANGE = re.compile(
    rf"(?:between|entre|from|de|du)?\s*({_POINT})\s*(?:/|-|–|—|to|and|et|à|au)\s*({_POINT})",
    re.IGNORECASE,
)
_OPEN = re.compile(rf"(\.\.|{_POINT})/(\.\.|{_POINT})")
_BEFORE = re.compile(
    rf"(?:before|prior to|avant|until|till|up to|through|jusqu'(?:en|à|a)|jusqu’(?:en|à|a))"
    rf"\s+({_POINT})",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"(?:since|from|depuis|dès)\s+({_POINT})", re.IGNORECASE)


def period_interval(value: object) -> str | None:
    """A period as an ISO 8601 interval string, the form both sides are compared in.

    The gold writes "2022", "2020-04", {start, end}, {before}, {since} or {until}; the graph
    a literal as the text stated it. Open ends are "..":

    >>> period_interval({"start": "2020", "end": "2023"}), period_interval({"before": 2022})
    ('2020/2023', '../2022')
    >>> period_interval({"since": "2020-04"}), period_interval("entre 2020 et 2023")
    ('2020-04/..', '2020/2023')
    """
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        if "before" in value or "until" in value:
            return f"../{_point(value.get('before', value.get('until')))}"
        if "since" in value:
            return f"{_point(value['since'])}/.."
        return interval(_point(value.get("start")), _point(value.get("end")))
    text = " ".join(str(_point(value)).split())
    if re.fullmatch(_POINT, text):
        return text
    for pattern, make in (
        (_OPEN, lambda m: interval(*(None if g == ".." else g for g in m.groups()))),
        (_RANGE, lambda m: interval(m[1], m[2])),
        (_BEFORE, lambda m: f"../{m[1]}"),
        (_SINCE, lambda m: f"{m[1]}/.."),
    ):
        match = pattern.fullmatch(text)
        if match:
            return str(make(match))
    return text


def interval(start: str | None, end: str | None) -> str | None:
    """An interval from its ends (None is open); equal ends are one point."""
    if start is None and end is None:
        return None
    if start == end:
        return start
    return f"{start or '..'}/{end or '..'}"


def _point(value: object) -> str | None:
    """A time point as text (YAML reads 2022 as a number, 2022-04-01 as a date)."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()
