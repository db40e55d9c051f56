"""The real-text evaluation set (`tests/data/real/`): what it holds, how it is split, and that
its gold can be scored: every quote stands in its text and every name a figure or relation
uses is declared. Reads catalogues and gold files; never changes them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from labourgraph.intake.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
SPLITS = ("dev", "test")
RESERVED = ROOT.parent / "shared" / "reserved-urls.txt"


def publisher(entry: dict) -> str:
    return entry["publisher"].split(" (")[0].strip().casefold()


@pytest.fixture(scope="module")
def catalogues() -> dict[str, dict[str, dict]]:
    return {
        split: yaml.safe_load((REAL / split / "catalogue.yaml").read_text(encoding="utf-8"))[
            "documents"
        ]
        for split in SPLITS
    }


def test_the_set_is_large_varied_and_bilingual(catalogues: dict) -> None:
    entries = [e for split in SPLITS for e in catalogues[split].values()]
    languages = Counter(e["language"] for e in entries)
    assert len(entries) >= 40
    assert languages["fr"] >= 25 and languages["en"] >= 10
    assert len({publisher(e) for e in entries}) >= 20
    assert all(e["url"].startswith(("http://", "https://")) for e in entries)
    assert len({e["url"] for e in entries}) == len(entries)


def first_split() -> dict[str, str]:
    """File -> split of the one-time split, as split.md's first table records it; later
    batches (its "## Second batch" and after) only ever add texts to dev."""
    first = (REAL / "split.md").read_text(encoding="utf-8").split("\n## ")[0]
    rows = [row.split("|") for row in first.splitlines() if row.startswith(("| dev", "| test"))]
    return {row[3].strip(): row[1].strip() for row in rows}


def test_the_split_is_by_publisher_and_about_sixty_forty(catalogues: dict) -> None:
    dev = {publisher(e) for e in catalogues["dev"].values()}
    test = {publisher(e) for e in catalogues["test"].values()}
    assert dev & test == set()
    first = first_split()
    assert all(name in catalogues[split] for name, split in first.items())
    assert set(catalogues["test"]) == {name for name, split in first.items() if split == "test"}
    share = sum(split == "test" for split in first.values()) / len(first)
    assert 0.35 <= share <= 0.45


@pytest.mark.skipif(
    not RESERVED.exists(), reason="shared/reserved-urls.txt is not beside this checkout"
)
def test_no_reserved_page_is_in_the_set(catalogues: dict) -> None:
    reserved = {
        line.split("\t")[0].strip()
        for line in RESERVED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    urls = {e["url"] for split in SPLITS for e in catalogues[split].values()}
    assert urls & reserved == set()


@pytest.mark.parametrize("split", SPLITS)
def test_each_text_reads_and_has_one_gold_file(split: str, catalogues: dict) -> None:
    documents, warnings = load_corpus(REAL / split)
    assert warnings == []
    assert {d.file_name for d in documents} == set(catalogues[split])
    gold = {p.stem for p in (REAL / split / "gold").glob("*.yaml")}
    assert gold == {Path(name).stem for name in catalogues[split]}


def _gold_files() -> list[Path]:
    return sorted(REAL.glob("*/gold/*.yaml"))


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_gold_quotes_stand_in_the_text_and_names_are_declared(path: Path) -> None:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = (path.parent.parent / gold["document"]).read_text(encoding="utf-8")
    assert gold["document"] == f"{path.stem}.txt"
    names = {p["label"] for p in gold.get("populations") or []}
    for entity in gold.get("entities") or []:
        names |= {entity["label"], *(entity.get("aliases") or [])}
    for section in ("figures", "relations", "statements"):
        for item in gold.get(section) or []:
            assert item["quote"] in text, (section, item["quote"])
    for figure in gold.get("figures") or []:
        for key in ("indicator", "subject", "area", "period", "direction", "qualifier"):
            assert key in figure, (key, figure["quote"])
        assert figure["direction"] in ("level", "increase", "decrease", "difference", "score")
        for key in ("subject", "area"):
            assert figure[key] is None or figure[key] in names, (key, figure[key])
    for statement in gold.get("statements") or []:
        assert statement["polarity"] in ("asserted", "denied", "hedged")
