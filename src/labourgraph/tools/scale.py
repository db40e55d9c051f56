"""A corpus N times the seeds, for benchmarks: each copy of a seed document names other
platforms, people and places and states other figures, so the graph grows like a real corpus
(new entities, new facts) instead of repeating one graph N times.

Copy 0 is the seed corpus itself, unchanged (with its curation files). Copy k >= 1 of
`003_fd31927c02eb1532.txt` is `k0003-003_fd31927c02eb1532.txt`; in it every seed name of a
platform, person or city is replaced by an invented one that no other copy uses (the same name
everywhere in the copy: text, catalogue entry and curation file), and every figure (a number
followed by a unit, or the first bound of "entre X et Y") is multiplied by a factor drawn for
the copy. Dates, years, times and footnote numbers are left alone. Countries are kept: the
graph keys an observation by its indicator, value, unit, population and organisation but not
its area, so two copies stating the same figure for two invented countries would make one
observation with two areas (a shape violation that says more about the key than the corpus).
Everything is drawn from the seed and the copy number, so the same arguments give the same
bytes.

Because replacements change lengths, every offset the catalogue holds (the `parts` of seed 001)
is recomputed through the list of edits, and curated quotes are rewritten with the same
substitution, so they still stand in their documents.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from labourgraph.core import atomic
from labourgraph.intake.corpus import CATALOGUE_NAME, read_catalogue

# -- the names the seeds use, by category (longest spellings are matched first) --------------
SEED_PLATFORMS: dict[str, str] = {
    # spelling in the seeds -> group (spellings of one group get one invented name)
    "Amazon Mechanical Turk": "amt",
    "Mechanical Turk": "amt",
    "MTurk": "amt",
    "Appen": "appen",
    "Clickworker": "clickworker",
    "Foule Factory": "foule",
    "Wirk": "foule",
    "Scale AI": "scale",
    "Mighty AI": "mighty",
    "Remotasks": "remotasks",
    "Mercor": "mercor",
    "Fiverr": "fiverr",
    "Upwork": "upwork",
    "Task Hunters": "hunters",
    "Klarna": "klarna",
    "E-Dev Multimedia": "edev",
}
SEED_FIRST_NAMES = (
    "Oskarina",
    "Óscar",
    "Maryfel",
    "Martín",
    "Paola",
    "Laure",
    "Lydia",
    "Geoffrey",
    "Antonio",
)
SEED_LAST_NAMES = (
    "Fuentes", "Maldonado", "Alvarado", "Lossada", "Chen", "Tubaro", "Quignon", "Cailloce",
    "Ytzhak", "Hinton", "Casilli",
)  # fmt: skip
SEED_FULL_NAMES = {"Si Chen": ("Si", "Chen"), "Catherine Quignon": ("Catherine", "Quignon")}
SEED_CITIES = ("Cabimas", "Maracaibo", "Medellín", "Wuhan")

# -- invented replacements, unique across copies ------------------------------------------------
# Every copy gets names no other copy uses (see `_draw`): two copies naming the same invented
# person would be linked into one individual, which a real corpus does only for one real person.
_PLATFORM_PARTS = (
    ("Task", "Click", "Data", "Label", "Micro", "Crowd", "Tag", "Pixel", "Quick", "Nano", "Gig",
     "Work", "Byte", "Sort", "Mark", "Vox", "Lingo", "Snap", "Hive", "Loop", "Tri", "Nova",
     "Pulse", "Swift", "Grain", "Dot", "Atlas", "Kilo", "Iris", "Echo"),
    ("ora", "ly", "io", "base", "hub", "force", "grid", "nest", "flow", "works", "ify", "lab",
     "zen", "mint", "deck", "wise", "spark", "farm", "yard", "scope"),
    ("", " Cognitive", " Labs", " Data", " Works", " Hub", " Cloud", " Tech", " Go", " One", " Pro",
     " Plus", " Net", " Crowd", " Tasks", " Connect", " Global", " Sense", " Point", " Link",
     " Edge", " Flow", " Base", " Lane"),
)  # fmt: skip
_SURNAME_PARTS = (
    ("Ar", "Bel", "Cas", "Dor", "Es", "Fal", "Gar", "Har", "Is", "Jar", "Kor", "Lar", "Mar",
     "Nor", "Ol", "Par", "Quin", "Ros", "Sal", "Tor", "Ur", "Val", "Var", "Zar"),
    ("an", "en", "in", "on", "al", "el", "il", "ol", "ar", "er"),
    ("", "d", "r", "t", "v"),
    ("o", "a", "ez", "es", "ini", "ano", "ero", "ira", "ot", "eau", "ova", "ski", "ić", "sen",
     "ul"),
)  # fmt: skip
_FIRST_NAMES = (
    "Adriana", "Bruno", "Camila", "Daniela", "Esteban", "Fatou", "Gabriel", "Hana", "Ibrahim",
    "Joana", "Karim", "Lucía", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samir",
    "Tania", "Ulises", "Valeria", "Wen", "Ximena", "Yusuf", "Zoé", "Amara", "Benoît", "Chiara",
    "Diego", "Elif", "Farid", "Greta", "Hugo", "Inès", "Jonas", "Kemal", "Leïla", "Marta",
    "Nicolás", "Olga", "Pablo", "Rania", "Sofía", "Thiago", "Ana", "Vikram", "Yara",
)  # fmt: skip
_PLACE_PARTS = (
    ("Puerto", "Río", "Bahía", "Ciudad"),
    *_SURNAME_PARTS,
)
FACTOR_STEPS = 1000
"""Copies 1..999 get factors 0.5, 0.5005, ... < 1, each its own: below 1 so that a share stays
a share, and one per copy so that two copies never state the same figure (the graph would
merge their observations, keyed by value but not by area)."""

# a number as the seeds write figures: "7,5", "260 000" (thin/no-break spaces too), "1 410 000"
_NUMBER = r"\d{1,3}(?:[  \u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNITS = (
    r"%|pour\s?cent|millions?|milliards?|dollars?|euros?|centimes?|cents?|pesos|personnes"
    r"|(?:micro)?travailleurs|€|\$"
)
_FIGURE = re.compile(
    rf"(?<![\w.,/-])(?!(?:19|20)\d\d(?!\d))(?P<n>{_NUMBER})(?=[  \u202f]?(?:{_UNITS})(?!\w))"
    rf"|(?<=entre )(?!(?:19|20)\d\d(?!\d))(?P<r>{_NUMBER})(?= et )"
)
_PERCENT_AFTER = re.compile(rf"(?:{_NUMBER})?[  \u202f]?(?:%|pour\s?cent)")
_LETTER = r"[^\W\d_]"


@dataclass(frozen=True)
class Edit:
    """One replacement in a text: [start, end) of the original became `new`."""

    start: int
    end: int
    new: str


class Variant:
    """The substitution of one copy: names and figures drawn for it, applied to any string."""

    def __init__(self, seed: int, copy: int) -> None:
        rng = random.Random(f"labourgraph-scale:{seed}:{copy}")
        self.factor = copy_factor(seed, copy)
        groups = sorted(set(SEED_PLATFORMS.values()))
        group_name = {
            g: _draw(_PLATFORM_PARTS, seed, copy, i, len(groups)) for i, g in enumerate(groups)
        }
        names: dict[str, str] = {s: group_name[g] for s, g in SEED_PLATFORMS.items()}
        firsts = rng.sample(_FIRST_NAMES, len(SEED_FIRST_NAMES) + len(SEED_FULL_NAMES))
        names.update(zip(SEED_FIRST_NAMES, firsts, strict=False))
        for i, last in enumerate(SEED_LAST_NAMES):
            names[last] = _draw(_SURNAME_PARTS, seed, copy, i, len(SEED_LAST_NAMES))
        extra_firsts = firsts[len(SEED_FIRST_NAMES) :]
        for (full, (_first, last)), first in zip(
            sorted(SEED_FULL_NAMES.items()), extra_firsts, strict=True
        ):
            names[full] = f"{first} {names[last]}"
        for i, city in enumerate(SEED_CITIES):
            names[city] = _draw(_PLACE_PARTS, seed, copy, i, len(SEED_CITIES), " ")
        names.update({k.upper(): v.upper() for k, v in names.items() if k in SEED_LAST_NAMES})
        self.names = names
        spellings = sorted(names, key=lambda s: (-len(s), s))
        self._names_re = re.compile(
            rf"(?<!{_LETTER})(?:{'|'.join(map(re.escape, spellings))})(?!{_LETTER})"
        )

    def edits(self, text: str) -> list[Edit]:
        """Every replacement in `text`, in order, non-overlapping."""
        found = [
            Edit(m.start(), m.end(), self.names[m.group()]) for m in self._names_re.finditer(text)
        ]
        for match in _FIGURE.finditer(text):
            group = "n" if match.group("n") is not None else "r"
            start, end = match.span(group)
            if any(e.start < end and start < e.end for e in found):
                continue
            follows = text[end : end + 40]
            percent = bool(_PERCENT_AFTER.match(follows if group == "n" else follows[4:]))
            found.append(Edit(start, end, self.scale_number(match.group(group), percent)))
        return sorted(found, key=lambda e: e.start)

    def scale_number(self, written: str, percent: bool = False) -> str:
        """The figure times the copy's factor, written the way the original was.

        A share is scaled by the factor or its inverse, whichever is below 1, so that it stays
        a share (75% never becomes 113%) and a range keeps its order.
        """
        separator = next((c for c in written if c in "  \u202f"), None)
        whole, _, decimals = written.replace(separator or "\0", "").partition(",")
        factor = min(self.factor, 1 / self.factor) if percent else self.factor
        value = Decimal(f"{whole}.{decimals}" if decimals else whole) * factor
        # enough decimals that the copies' figures differ (the factors are 0.0005 apart)
        quantum = Decimal(1).scaleb(-max(len(decimals), 4 - len(whole)))
        value = max(value.quantize(quantum, rounding=ROUND_HALF_UP), quantum)
        whole_new, _, decimals_new = f"{value:f}".partition(".")
        if separator:
            whole_new = f"{int(whole_new):,}".replace(",", separator)
        return whole_new + (f",{decimals_new}" if decimals_new else "")

    def apply(self, text: str) -> tuple[str, Callable[[int], int]]:
        """The substituted text and a map from old offsets to new ones."""
        edits = self.edits(text)
        pieces, position = [], 0
        for edit in edits:
            pieces.append(text[position : edit.start])
            pieces.append(edit.new)
            position = edit.end
        pieces.append(text[position:])

        def new_offset(offset: int) -> int:
            shift = 0
            for edit in edits:
                if edit.end <= offset:
                    shift += len(edit.new) - (edit.end - edit.start)
            return offset + shift

        return "".join(pieces), new_offset

    def sub(self, value: Any) -> Any:
        """The substitution applied to every string inside a YAML value."""
        if isinstance(value, str):
            return self.apply(value)[0]
        if isinstance(value, list):
            return [self.sub(v) for v in value]
        if isinstance(value, dict):
            return {k: self.sub(v) for k, v in value.items()}
        return value


def copy_factor(seed: int, copy: int) -> Decimal:
    """The factor of a copy's figures: 1 for copy 0, else a different one below 1 per copy."""
    if copy == 0:
        return Decimal(1)
    step = ((copy - 1) * 7919 + seed * 104729) % FACTOR_STEPS
    return Decimal("0.5") + Decimal(step) / (2 * FACTOR_STEPS)


def _draw(
    parts: tuple[tuple[str, ...], ...], seed: int, copy: int, slot: int, slots: int, glue: str = ""
) -> str:
    """The name of `slot` in copy `copy`: a different one for every (copy, slot).

    (copy, slot) is numbered, the number is permuted by an affine map modulo the number of
    combinations (a bijection: the multiplier is prime to it), then read in mixed radix, one
    digit per part. Names repeat only past `combinations // slots` copies.
    """
    sizes = [len(p) for p in parts]
    space = math.prod(sizes)
    multiplier = next(m for m in range(7919, space + 7919) if math.gcd(m, space) == 1)
    index = ((copy - 1) * slots + slot) * multiplier + seed * 104729
    index %= space
    pieces = []
    for part, size in zip(reversed(parts), reversed(sizes), strict=True):
        index, digit = divmod(index, size)
        pieces.append(part[digit])
    first, *rest = reversed(pieces)
    return first + glue + "".join(rest) if glue else first + "".join(rest)


def copy_name(file_name: str, copy: int) -> str:
    """The file name of copy `copy` of a seed file (copy 0 keeps the seed's name)."""
    return file_name if copy == 0 else f"k{copy:04d}-{file_name}"


def scale_corpus(seeds: Path, factor: int, out: Path, seed: int = 0) -> list[Path]:
    """Write a corpus of `factor` copies of the seed corpus into `out`; returns the files.

    `out` must be empty or absent: a benchmark corpus is rebuilt from scratch, never mixed
    with another one.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    catalogue = read_catalogue(seeds)
    curation_dir = seeds / "curation"
    curations = (
        {
            path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(curation_dir.glob("*.yaml"))
        }
        if curation_dir.is_dir()
        else {}
    )
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}
    files: dict[Path, bytes] = {}
    entries: dict[str, Any] = {}
    for copy in range(factor):
        variant = Variant(seed, copy)
        for name, text in texts.items():
            new_name = copy_name(name, copy)
            if copy == 0:
                new_text, offset = text, (lambda o: o)
            else:
                new_text, offset = variant.apply(text)
            files[out / new_name] = new_text.encode("utf-8")
            if name in catalogue:
                entry = dict(catalogue[name]) if copy == 0 else variant.sub(catalogue[name])
                if entry.get("parts"):
                    entry["parts"] = [
                        {**part, "start": offset(part["start"]), "end": offset(part["end"])}
                        for part in entry["parts"]
                    ]
                entries[new_name] = entry
        for yaml_name, curation in curations.items():
            data = curation if copy == 0 else variant.sub(curation)
            data = {**data, "document": copy_name(curation["document"], copy)}
            target = out / "curation" / copy_name(yaml_name, copy)
            files[target] = _yaml(
                data, f"# curation of {data['document']} (scale_corpus copy {copy})\n"
            )
    header = f"# {factor} copies of the seed corpus (labourgraph.tools.scale, seed {seed})\n"
    files[out / CATALOGUE_NAME] = _yaml({"documents": entries}, header)
    for path, data in sorted(files.items()):
        atomic.write_bytes(path, data)
    return sorted(files)


def _yaml(data: Any, header: str) -> bytes:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=1000)
    return (header + body).encode("utf-8")
