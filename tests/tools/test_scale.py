"""The benchmark corpus scaler: copies that differ, offsets and quotes that still hold."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from labourgraph.intake import curation
from labourgraph.intake.corpus import load_corpus
from labourgraph.tools.scale import (
    _SURNAME_PARTS,
    SEED_PLATFORMS,
    Variant,
    _draw,
    copy_name,
    scale_corpus,
)

SEEDS = Path(__file__).resolve().parents[2] / "corpus"
SEED_003 = "003_fd31927c02eb1532.txt"


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scaled") / "corpus"
    scale_corpus(SEEDS, 3, out)
    return out


def test_copy_zero_is_the_seed_corpus(scaled: Path) -> None:
    for seed in SEEDS.glob("*.txt"):
        assert (scaled / seed.name).read_bytes() == seed.read_bytes()
    assert (scaled / "curation" / "003_fd31927c02eb1532.yaml").exists()


def test_copies_name_other_actors_and_state_other_figures(scaled: Path) -> None:
    seed = (SEEDS / SEED_003).read_text(encoding="utf-8")
    copy = (scaled / f"k0001-{SEED_003}").read_text(encoding="utf-8")
    variant = Variant(0, 1)
    assert "Appen" in seed and "Appen" not in copy
    assert variant.names["Appen"] in copy
    assert "Oskarina Fuentes" not in copy
    assert f"{variant.names['Oskarina']} {variant.names['Fuentes']}" in copy
    # years stay, the range "entre 5 et 25 centimes" is scaled by one factor, in order
    assert "2018" in copy
    low, high = re.search(r"entre ([\d,]+) et ([\d,]+) centimes", copy).groups()
    low, high = (Decimal(x.replace(",", ".")) for x in (low, high))
    assert (low, high) != (5, 25)
    assert low < high
    assert high / 25 == Variant(0, 1).factor.quantize(Decimal("0.001"))  # one factor per copy
    assert copy != (scaled / f"k0002-{SEED_003}").read_text(encoding="utf-8")


def test_scaled_corpus_reads_cleanly_with_recomputed_parts(scaled: Path) -> None:
    documents, warnings = load_corpus(scaled)  # checks every part's offsets and title
    assert warnings == []
    assert len(documents) == 3 * len(list(SEEDS.glob("*.txt")))
    seed_parts = next(d for d in documents if d.file_name.startswith("001_")).parts
    copy = next(d for d in documents if d.file_name.startswith("k0002-001_"))
    assert len(copy.parts) == len(seed_parts)
    assert [p.start for p in copy.parts] != [p.start for p in seed_parts]
    for part in copy.parts:
        assert part.title in copy.text[part.start : part.start + 400]


def test_curated_quotes_still_stand_in_their_copies(scaled: Path) -> None:
    curated = curation.load(scaled)
    seeds = set(curation.load(SEEDS))
    assert SEED_003 in seeds
    assert set(curated) == {copy_name(name, k) for name in seeds for k in range(3)}
    for name, data in curated.items():
        text = (scaled / name).read_text(encoding="utf-8")
        for item in (data.get("entities") or []) + (data.get("relations") or []):
            curation.locate(text, item["quote"], name, int(item.get("occurrence", 1)))
    labels = {e["label"] for e in curated[f"k0001-{SEED_003}"]["entities"]}
    assert Variant(0, 1).names["Appen"] in labels


def test_same_arguments_same_bytes(tmp_path: Path, scaled: Path) -> None:
    again = tmp_path / "again"
    scale_corpus(SEEDS, 3, again)
    for path in scaled.rglob("*"):
        if path.is_file():
            assert (again / path.relative_to(scaled)).read_bytes() == path.read_bytes()
    catalogue = yaml.safe_load((again / "catalogue.yaml").read_text(encoding="utf-8"))
    assert len(catalogue["documents"]) == 15


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        scale_corpus(SEEDS, 2, tmp_path)


def test_figures_keep_their_writing_and_differ_from_copy_to_copy() -> None:
    variant = Variant(0, 1)
    variant.factor = Decimal("1.5")
    assert variant.scale_number("1 410 000") == "2 115 000"
    assert variant.scale_number("7,5") == "11,250"  # decimals enough to tell copies apart
    assert variant.scale_number("75", percent=True) == "50,00"  # a share stays below 100
    variant.factor = Decimal("0.00001")
    assert variant.scale_number("1") == "0,001"  # a figure never becomes 0
    factors = [Variant(0, copy).factor for copy in range(1, 1000)]
    assert len(set(factors)) == len(factors)
    assert all(Decimal("0.5") <= f < 1 for f in factors)


def test_invented_names_do_not_repeat_across_copies() -> None:
    slots = 11
    names = [
        _draw(_SURNAME_PARTS, 0, copy, slot, slots)
        for copy in range(1, 1000)
        for slot in range(slots)
    ]
    assert len(set(names)) == len(names)
    platforms = [Variant(0, c).names["Appen"] for c in range(1, 300)]
    assert len(set(platforms)) == len(platforms)
    assert all(name not in SEED_PLATFORMS for name in platforms)
