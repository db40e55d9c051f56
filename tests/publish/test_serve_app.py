"""YASGUI at /sparql (issue 17): bundled from the npm package into the package data and served
from here (no CDN), the graph's prefixes preloaded, each saved query one click away, and a
headless Chromium that types a query, runs it and reads the result table."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve import (
    APPEN,
    DATA,
    ROOT,
    Endpoint,
    chromium,
    endpoint_config,
    needs_chromium,
    running,
)
from test_serve_http import call

from labourgraph.publish import queries
from labourgraph.publish.serve_pages import STATIC, TEMPLATES
from labourgraph.publish.serve_query import SERVED_PREFIXES

YASGUI = STATIC / "yasgui"
PACKAGE = ROOT / "src" / "labourgraph"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[Endpoint]:
    with running(endpoint_config()) as ep:
        yield ep


def test_bundled_yasgui_is_the_fetched_one() -> None:
    """The committed bundle is byte for byte what scripts/fetch-yasgui.sh copied from npm."""
    source = (YASGUI / "SOURCE.txt").read_text(encoding="utf-8")
    assert "@zazuko/yasgui" in source and "MIT" in source
    sums = re.findall(r"^([0-9a-f]{64})  (\S+)$", source, re.MULTILINE)
    assert {name for _, name in sums} == {"yasgui.min.js", "yasgui.min.css"}
    for digest, name in sums:
        assert hashlib.sha256((YASGUI / name).read_bytes()).hexdigest() == digest, name


def test_the_wheel_declares_every_template_and_static_file() -> None:
    """pyproject's package-data globs cover every file the server reads, so the wheel ships them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["labourgraph"]
    files = [p for d in (TEMPLATES, STATIC) for p in d.rglob("*") if p.is_file()]
    assert len(files) >= 10
    for path in files:
        name = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch.fnmatch(name, g) for g in globs), name
    assert "jinja2" in " ".join(config["project"]["dependencies"]).lower()


def test_sparql_page_is_yasgui_with_no_outside_resource(endpoint: Endpoint) -> None:
    status, headers, body = call(endpoint, "GET", "/sparql", {"Accept": "text/html"})
    assert status == 200
    page = body.decode()
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert "default-src 'none'" in policy
    links = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "/static/yasgui/yasgui.min.js" in links and "/static/yasgui/yasgui.min.css" in links
    assert all(link.startswith(("/", "#", "?", "data:")) for link in links), links
    for link in links:
        if link.startswith("/static/"):
            status, headers, body = call(endpoint, "GET", link)
            assert status == 200 and body == (STATIC / link.removeprefix("/static/")).read_bytes()


def test_sparql_page_carries_the_prefixes_and_every_saved_query(endpoint: Endpoint) -> None:
    page = call(endpoint, "GET", "/sparql", {"Accept": "text/html"})[2].decode()
    found = re.search(r'<script type="application/json" id="lg-config">(.*?)</script>', page, re.S)
    assert found
    config = json.loads(found.group(1))
    assert config["prefixes"] == SERVED_PREFIXES
    assert "PREFIX plo: <https://w3id.org/platform-labour/ontology#>" in config["query"]
    saved = queries.discover(DATA / "queries")
    assert [(q["name"], q["text"]) for q in config["queries"]] == [(q.name, q.text) for q in saved]
    for i, q in enumerate(saved):
        assert f'data-index="{i}">{q.name}</button>' in page
    status, headers, body = call(endpoint, "GET", config["prefixesUrl"])
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body) == SERVED_PREFIXES


def test_no_icon_is_no_error(endpoint: Endpoint) -> None:
    assert call(endpoint, "GET", "/favicon.ico")[:3:2] == (204, b"")


def test_a_query_link_opened_in_a_browser_shows_a_table(endpoint: Endpoint) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    query = "SELECT ?p WHERE { ?p a plo:MicroworkPlatform }"
    status, headers, body = call(
        endpoint, "GET", "/sparql?query=" + query.replace(" ", "+"), browser
    )
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "1 row" in body.decode() and "pld:organisation/appen" in body.decode()
    # Clients asking for anything still get SPARQL JSON.
    status, headers, _ = call(endpoint, "GET", "/sparql?query=" + query.replace(" ", "+"))
    assert headers["content-type"] == "application/sparql-results+json"


def _yasr_cells(driver: object) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, ".yasr table.dataTable tbody tr")  # type: ignore[attr-defined]
    return [td.text for row in rows for td in row.find_elements(By.TAG_NAME, "td")]


@needs_chromium
@pytest.mark.slow
def test_browser_types_a_query_into_yasgui_and_reads_the_table(
    endpoint: Endpoint, tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    with chromium(tmp_path) as driver:
        wait = WebDriverWait(driver, 30)
        driver.get(endpoint.base + "/sparql")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".yasqe .CodeMirror"))
        # The editor has loaded the graph's prefixes from this server.
        wait.until(
            lambda d: d.execute_script(
                "return performance.getEntriesByType('resource')"
                ".some(e => e.name.endsWith('/sparql/prefixes.json'))"
            )
        )
        driver.find_element(By.CSS_SELECTOR, ".yasqe .CodeMirror-code").click()
        keys = ActionChains(driver)
        keys.key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE)
        # No prefix is declared in the text: the editor declares each one as it is typed, from
        # the graph's prefixes (`plo:` is in no list but ours).
        keys.send_keys("SELECT ?worker ?name WHERE { ?worker plo:worksOn ?org ; rdfs:label ?name ")
        keys.send_keys('. ?org skos:altLabel "Appen Limited" }').perform()
        wait.until(
            lambda d: (
                "PREFIX plo: <https://w3id.org/platform-labour/ontology#>"
                in d.execute_script(
                    "return window.labourgraphYasgui.getTab().getYasqe().getValue()"
                )
            )
        )
        driver.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
        wait.until(lambda d: _yasr_cells(d))
        headers = [
            th.text
            for th in driver.find_elements(By.CSS_SELECTOR, ".yasr table.dataTable thead th")
        ]
        assert headers[-2:] == ["worker", "name"]
        cells = _yasr_cells(driver)
        assert "pld:person/oskarina-fuentes" in cells and "Oskarina Fuentes" in cells

        # A saved query is one click away: it opens in its own tab, ready to run.
        button = next(
            b
            for b in driver.find_elements(By.CSS_SELECTOR, "button.saved-query")
            if b.text == "platforms"
        )
        button.click()
        wait.until(
            lambda d: (
                d.execute_script("return window.labourgraphYasgui.getTab().name()") == "platforms"
            )
        )
        text = driver.execute_script(
            "return window.labourgraphYasgui.getTab().getYasqe().getValue()"
        )
        assert "?worker plo:worksOn ?platform" in text
        driver.execute_script("window.labourgraphYasgui.getTab().getYasqe().query()")
        wait.until(lambda d: "Appen" in _yasr_cells(d))
        assert "pld:organisation/appen" in _yasr_cells(driver)
        # Nothing was refused by the page's policy or fetched from elsewhere.
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
    assert APPEN


def test_the_report_folder_is_served_as_written(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "index.html").write_text("<h1>report</h1>\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside\n", encoding="utf-8")
    with running(endpoint_config(report_dir=tmp_path / "report")) as ep:
        status, headers, body = call(ep, "GET", "/report/")
        assert status == 200 and body == b"<h1>report</h1>\n"
        assert headers["content-type"].startswith("text/html")
        assert call(ep, "GET", "/report/../secret.txt")[0] == 404
        assert call(ep, "GET", "/report/%2e%2e/secret.txt")[0] == 404
        assert 'href="/report/"' in call(ep, "GET", "/")[2].decode()
    with running(endpoint_config(report_dir=tmp_path / "none")) as ep:
        assert call(ep, "GET", "/report/")[0] == 404
        assert 'href="/report/"' not in call(ep, "GET", "/")[2].decode()


def test_an_ontology_that_does_not_load_fails_its_pages_not_the_endpoint(tmp_path: Path) -> None:
    """The ontology's pages are made beside the query processes (so that SPARQL answers
    without waiting for them): an ontology that does not parse is one clear line on its pages,
    and the endpoint still answers queries."""
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b .\n", encoding="utf-8")
    with running(endpoint_config(ontology=broken)) as ep:
        status, _, body = ep.get_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert status == 200, body
        status, _, body = ep.request("/ontology", headers={"Accept": "text/turtle"})
        assert status == 500
        assert b"cannot load the ontology" in body
        assert b"Traceback" not in body
