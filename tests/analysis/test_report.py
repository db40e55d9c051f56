"""The static report page: self-contained, and rendered by headless Chromium without errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from labourgraph.analysis import report
from labourgraph.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "network" / "mini-kg.ttl"
SEED_GRAPH = ROOT / "graph" / "platform-labour-kg.ttl"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def page_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    report.write_report(FIXTURE, out)
    return out


@pytest.mark.slow
def test_page_is_self_contained(page_dir):
    text = (page_dir / "index.html").read_text(encoding="utf-8")
    assert "<title>labourgraph report</title>" in text
    assert "<script" not in text.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.IGNORECASE)
    assert "@import" not in text and "url(" not in text and "@font-face" not in text
    for name in re.findall(r'<img src="([^"]+)"', text):
        assert (page_dir / name).is_file(), name
    assert 'src="actors.png"' in text and 'src="pay-rates.png"' in text


def test_page_summarises_the_graph(page_dir):
    text = (page_dir / "index.html").read_text(encoding="utf-8")
    assert '<td>MicroworkPlatform</td><td class="num">3</td>' in text  # Appen, MTurk, Foule Factory
    assert "900_aaaa" in text and "901_bbbb" in text  # the documents
    assert "Oskarina Fuentes" in text  # most connected nodes
    assert 'id="validation"' in text and "SHACL" in text


@pytest.mark.slow
def test_page_is_deterministic(tmp_path):
    first, second = report.build(FIXTURE), report.build(FIXTURE)
    assert first == second


@pytest.mark.slow
def test_cli_report(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--graph", str(FIXTURE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "index.html").is_file() and (tmp_path / "actors.png").is_file()


def _chromium(user_data: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={user_data}",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def _render(page: Path, tmp_path: Path) -> tuple[str, str, list[dict], list[int], bytes]:
    driver = _chromium(tmp_path / "chromium-profile")
    try:
        driver.get(page.as_uri())
        heading = driver.find_element("tag name", "h1").text
        widths = driver.execute_script(
            "return Array.from(document.images).map(img => img.complete ? img.naturalWidth : 0)"
        )
        return (
            driver.title,
            heading,
            driver.get_log("browser"),
            widths,
            driver.get_screenshot_as_png(),
        )
    finally:
        driver.quit()


def _assert_renders(page: Path, tmp_path: Path) -> None:
    title, heading, console, widths, screenshot = _render(page, tmp_path)
    assert title == "labourgraph report"
    assert heading == "labourgraph report"
    assert [entry for entry in console if entry["level"] in ("SEVERE", "WARNING")] == []
    assert widths and all(width > 0 for width in widths)  # every picture loaded
    image = Image.open(io.BytesIO(screenshot))
    assert image.size[0] >= 1000
    pixels = np.asarray(image.convert("L"), dtype=float)
    assert pixels.std() > 5  # not a blank page
    assert (pixels < 100).mean() > 0.001  # dark text is drawn


@pytest.mark.slow
def test_page_renders_in_headless_chromium(page_dir, tmp_path):
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "run scripts/setup-tests.sh"
    _assert_renders(page_dir / "index.html", tmp_path)


@pytest.mark.skipif(
    not SEED_GRAPH.is_file(), reason="graph/platform-labour-kg.ttl is not built yet"
)
@pytest.mark.slow
def test_seed_report_renders_in_headless_chromium(tmp_path):
    page = report.write_report(SEED_GRAPH, tmp_path / "report")
    text = page.read_text(encoding="utf-8")
    assert "Oskarina Fuentes" in text and "Appen" in text
    _assert_renders(page, tmp_path)
