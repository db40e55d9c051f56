"""The w3id.org redirect rules (docs/w3id/.htaccess) send each kind of IRI where it belongs.

No Apache here: the rules are read by a small reader of the `mod_rewrite` subset they use
(`RewriteCond %{HTTP_ACCEPT}` / `%{HTTP_USER_AGENT}` with `!` and `[OR]`, `RewriteRule` with
`R=30x`, `L`, `NE`), which applies them as Apache does: conditions are ANDed unless `[OR]`
joins them, the first rule that matches with its conditions wins.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HTACCESS = Path(__file__).resolve().parents[1] / "docs" / "w3id" / ".htaccess"
HOST = "https://labourgraph.example.org"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PROTEGE_ACCEPT = (
    "application/rdf+xml, application/xml; q=0.7, text/xml; q=0.6, text/plain; q=0.1, */*; q=0.09"
)


@dataclass
class Rule:
    conditions: list[tuple[str, re.Pattern[str], bool, bool]] = field(default_factory=list)
    """(variable, pattern, negated, ORed with the next)."""
    pattern: re.Pattern[str] = re.compile("")
    target: str = ""
    status: int = 302


def read_rules(path: Path) -> list[Rule]:
    rules, pending = [], Rule()
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = shlex.split(line, posix=False)
        if words[0] == "RewriteCond":
            variable, pattern = words[1], words[2]
            flags = words[3] if len(words) > 3 else ""
            negated = pattern.startswith("!")
            regex = re.compile(pattern.lstrip("!"))
            pending.conditions.append((variable, regex, negated, "OR" in flags))
        elif words[0] == "RewriteRule":
            flags = words[3] if len(words) > 3 else ""
            status = re.search(r"R=(\d+)", flags)
            pending.pattern, pending.target = re.compile(words[1]), words[2]
            pending.status = int(status.group(1)) if status else 302
            rules.append(pending)
            pending = Rule()
    return rules


def conditions_hold(rule: Rule, headers: dict[str, str]) -> bool:
    """ANDed groups of ORed conditions, as mod_rewrite reads them."""
    groups: list[list[bool]] = [[]]
    for variable, regex, negated, ored in rule.conditions:
        value = headers.get(variable.strip("%{}"), "")
        groups[-1].append(bool(regex.search(value)) != negated)
        if not ored:
            groups.append([])
    return all(any(group) for group in groups if group)


def resolve(path: str, accept: str = "", agent: str = "curl/8.0") -> tuple[int, str] | None:
    """Where w3id.org/platform-labour/{path} redirects: (status, location), None if nowhere."""
    headers = {"HTTP_ACCEPT": accept, "HTTP_USER_AGENT": agent}
    for rule in read_rules(HTACCESS):
        match = rule.pattern.search(path)
        if match and conditions_hold(rule, headers):
            location = match.expand(rule.target.replace("$", "\\"))
            return rule.status, location
    return None


@pytest.mark.parametrize(
    ("path", "accept", "agent", "expected"),
    [
        ("ontology", BROWSER_ACCEPT, FIREFOX, f"{HOST}/ontology"),
        ("ontology", PROTEGE_ACCEPT, "Java/17", f"{HOST}/dump/platform-labour.rdf"),
        ("ontology", "text/turtle", "curl/8.0", f"{HOST}/dump/platform-labour.ttl"),
        ("ontology", "application/ld+json", "curl/8.0", f"{HOST}/dump/platform-labour.jsonld"),
        ("ontology", "application/n-triples", "curl/8.0", f"{HOST}/dump/platform-labour.nt"),
        ("ontology", "*/*", "curl/8.0", f"{HOST}/dump/platform-labour.ttl"),
        ("ontology", "", "curl/8.0", f"{HOST}/dump/platform-labour.ttl"),
        ("ontology/0.1.0", "text/turtle", "curl/8.0", f"{HOST}/dump/platform-labour.ttl"),
        ("ontology/0.1.0", BROWSER_ACCEPT, FIREFOX, f"{HOST}/ontology"),
        (
            "id/organisation/appen",
            BROWSER_ACCEPT,
            FIREFOX,
            f"{HOST}/id/organisation/appen",
        ),
        (
            "id/evidence/000_6071a8ca28e9cc73/12-40",
            "text/turtle",
            "curl/8.0",
            f"{HOST}/id/evidence/000_6071a8ca28e9cc73/12-40",
        ),
        ("kg", "application/trig", "curl/8.0", f"{HOST}/dump/platform-labour-kg.trig"),
        ("kg", "text/turtle", "curl/8.0", f"{HOST}/dump/platform-labour-kg.ttl"),
        ("kg", BROWSER_ACCEPT, FIREFOX, f"{HOST}/"),
        ("kg/void/kg/class/plo-Worker", "text/turtle", "curl/8.0", f"{HOST}/dump/void.ttl"),
        ("dump/platform-labour-kg.nt", "", "curl/8.0", f"{HOST}/dump/platform-labour-kg.nt"),
        ("context.jsonld", "", "curl/8.0", f"{HOST}/dump/context.jsonld"),
    ],
)
def test_each_iri_goes_where_its_client_wants(
    path: str, accept: str, agent: str, expected: str
) -> None:
    found = resolve(path, accept, agent)
    assert found is not None, path
    assert found[1] == expected


def test_things_are_303_and_files_are_302() -> None:
    assert resolve("ontology", "text/turtle")[0] == 303  # type: ignore[index]
    assert resolve("id/organisation/appen", "text/turtle")[0] == 303  # type: ignore[index]
    assert resolve("dump/void.ttl")[0] == 302  # type: ignore[index]


def test_unknown_paths_are_not_redirected_and_the_reader_can_fail() -> None:
    assert resolve("nothing/here") is None
    assert resolve("dump/../../etc/passwd") is None  # only plain file names under dump/
    assert resolve("ontology", "text/turtle") != resolve("ontology", BROWSER_ACCEPT, FIREFOX)
