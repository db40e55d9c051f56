"""The libyaml path of `yamlfile.safe_load` reads what the pure-Python checked loader reads,
and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from labourgraph.intake import yamlfile

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        ROOT / "corpus" / "catalogue.yaml",
        ROOT / "tests" / "data" / "real" / "dev" / "catalogue.yaml",
        *(ROOT / "corpus" / "curation").glob("*.yaml"),
    ]
)


def pure_python(text: str) -> object:
    return yaml.load(text, Loader=yamlfile._NoAliasLoader)


def test_libyaml_is_the_path_taken() -> None:
    assert yamlfile._LIBYAML, "PyYAML without libyaml: intake falls back to the slow loader"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_paths_read_the_same_data(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlfile.safe_load(text) == pure_python(text)


@pytest.mark.parametrize(
    "text",
    ["a: 1\nb: [x, 2.5, null, true, '3']\n", "- 2026-12-07\n- 0o17\n- ~\n", "{k: {j: [1]}}"],
)
def test_both_paths_resolve_scalars_alike(text: str) -> None:
    assert yamlfile.safe_load(text) == pure_python(text)


@pytest.mark.parametrize("depth", [yamlfile.MAX_DEPTH - 1, yamlfile.MAX_DEPTH])
def test_the_depth_limit_is_the_same_on_both_paths(depth: int) -> None:
    text = "[" * depth + "1" + "]" * depth
    if depth < yamlfile.MAX_DEPTH:
        assert yamlfile.safe_load(text) == pure_python(text)
        return
    for load in (yamlfile.safe_load, pure_python):
        with pytest.raises(yaml.composer.ComposerError, match="nested more than"):
            load(text)


def test_an_alias_is_refused_where_it_stands() -> None:
    with pytest.raises(yaml.composer.ComposerError, match="aliases") as caught:
        yamlfile.safe_load("a: &x [1]\nb: {c: *x}\n")
    mark = caught.value.problem_mark
    assert mark is not None and (mark.line, mark.column) == (1, 7)
