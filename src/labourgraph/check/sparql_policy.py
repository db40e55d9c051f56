"""What a SPARQL query may do: the one policy of the CLI, the endpoint and the shapes' SPARQL.

One place decides, for the CLI (`labourgraph query`), the endpoint (`labourgraph serve`) and the
SPARQL constraints of a shapes file (`labourgraph validate`), which queries never run:

- `SERVICE` would make the engine call any address it names (pyoxigraph and rdflib both do,
  measured: a request forgery from inside a query, with no timeout);
- `LOAD` and the other update keywords would read a file or URL into the graph or change it;
- `FROM` / `FROM NAMED` would read another graph (rdflib fetches it, `file:` included).

They are found by a tokenizer that skips strings, IRIs and comments as the SPARQL grammar does,
so a literal "SERVICE" or a variable `?load` is fine, and refused before anything is parsed.
`install_rdflib_guards` adds a second line behind it for rdflib's engine (which pySHACL uses):
a `SERVICE` that slipped through raises instead of connecting, and `FROM` loads nothing. It is
an explicit call, made by every entry point that runs rdflib's SPARQL (`check.shacl.validate`,
the query processes, the CLI), never a side effect of importing a module.

`DEFAULT_TIMEOUT` is the time limit of a query; the processes that enforce it are
`labourgraph.publish.query_processes`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from labourgraph.core.errors import LabourgraphError

DEFAULT_TIMEOUT = 10.0
"""Seconds a query may run, in the CLI and the endpoint alike."""

_TOKENS = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d_][\w\-.]*+)?:(?:[\w\-.:%]|\\[_~.\-!$&'()*+,;=/?\#@%])*+)
  | (?P<bnode>_:[\w\-.]++)
  | (?P<run>[^\W\d_][\w\-.]*+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_RUN_PARTS = re.compile(r"(?P<word>[^\W\d_]\w*+)|(?P<other>.)", re.DOTALL)
"""A run of name characters that is no prefixed name (no `:` after it) splits into words and
single characters, as it would if each of its positions were tokenised anew: no position in it
can start a prefixed name, since every one of them reaches the same end, not followed by `:`."""
_REASONS = {
    "SERVICE": "it would call another endpoint; queries read only the local graph",
    "FROM": "FROM / FROM NAMED would read another graph; queries run over the local graph only",
    "LOAD": "LOAD would read a file or URL into the graph; queries are read-only",
}
_UPDATE_WORDS = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_SERVICE_NET = re.compile(r"(?<![\w:?$\-])SERVICE(?:\s+SILENT)?\s*[<?$]", re.IGNORECASE)


_CLOCK_EVERY = 4096
"""Tokens between two looks at the clock: a look costs more than a token."""


class QueryCheckStopped(LabourgraphError):
    """The keyword check reached the query's time limit (`find_refusal`'s `deadline`)."""


@dataclass(frozen=True)
class Refusal:
    """Why a query may not run: the keyword as written, where it is, and the reason."""

    offset: int
    token: str
    reason: str

    def __str__(self) -> str:
        return f"{self.token.upper()} is refused: {self.reason}"

    def located(self, text: str, source: str) -> str:
        """`source:line:column: KEYWORD refused: reason`, the CLI's one line."""
        line = text.count("\n", 0, self.offset) + 1
        column = self.offset - (text.rfind("\n", 0, self.offset) + 1) + 1
        return f"{source}:{line}:{column}: {self.token} refused: {self.reason}"


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, token, offset) of every token but white space; strings, IRIs, comments whole."""
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "run":
            start = match.start()
            for part in _RUN_PARTS.finditer(match.group()):
                yield part.lastgroup or "other", part.group(), start + part.start()
        elif kind != "ws":
            yield kind, match.group(), match.start()


def find_refusal(text: str, deadline: float | None = None) -> Refusal | None:
    """The first reason `text` may not run (SERVICE first, then updates, then FROM), or None.

    Linear in the length of `text` (about 0.5 s for 1 MiB of adversarial text on this
    project's machine). `deadline` (a `time.monotonic()` instant) is the query's own time
    limit: the check is part of the query's budget, and past it `QueryCheckStopped` is raised.

    >>> find_refusal("SELECT * WHERE { ?s ?p 'SERVICE <http://x>' }") is None
    True
    >>> str(find_refusal("SELECT * WHERE { service <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    'SERVICE is refused: it would call another endpoint; queries read only the local graph'
    """
    found: dict[str, Refusal] = {}
    code: list[str] = []
    for count, (kind, token, offset) in enumerate(tokens(text)):
        if deadline is not None and count % _CLOCK_EVERY == 0 and time.monotonic() > deadline:
            raise QueryCheckStopped(
                "query stopped during its keyword check (the time limit was reached)"
            )
        if kind == "other" and token == "\\":
            return Refusal(offset, "\\", "escape sequences outside strings are not SPARQL")
        if kind not in ("string", "comment"):
            code.append(token)
        if kind != "word":
            continue
        word = token.upper()
        if word not in found:
            if word in _REASONS:
                found[word] = Refusal(offset, token, _REASONS[word])
            elif word in _UPDATE_WORDS:
                reason = f"SPARQL Update ({word}) would change the graph; queries are read-only"
                found[word] = Refusal(offset, token, reason)
    if "SERVICE" not in found:
        net = _SERVICE_NET.search(" ".join(code))
        if net:
            found["SERVICE"] = Refusal(0, net.group().split()[0][:7], _REASONS["SERVICE"])
    for word in ("SERVICE", "LOAD", *_UPDATE_WORDS, "FROM"):
        if word in found:
            return found[word]
    return None


def refusal(text: str) -> str | None:
    """`find_refusal` as the endpoint's one-line answer, or None if the query may run."""
    found = find_refusal(text)
    return None if found is None else str(found)


def check(text: str, source: str, deadline: float | None = None) -> None:
    """Raise `LabourgraphError` naming `source`, line and column if the query may not run;
    `QueryCheckStopped` past `deadline` (see `find_refusal`)."""
    found = find_refusal(text, deadline)
    if found is not None:
        raise LabourgraphError(found.located(text, source))


def install_rdflib_guards() -> None:
    """Make rdflib's SPARQL engine refuse `SERVICE` and never load a `FROM` graph.

    Behind the tokenizer, in case a query reaches rdflib without passing `check` (pySHACL
    runs the shapes' SPARQL through it). Uses rdflib's documented `CUSTOM_EVALS` hook and its
    `SPARQL_LOAD_GRAPHS` switch; idempotent.
    """
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.CUSTOM_EVALS["labourgraph-no-service"] = _refuse_service


def _refuse_service(ctx: object, part: Any) -> object:
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise LabourgraphError(f"SERVICE is refused: {_REASONS['SERVICE']}")
    raise NotImplementedError  # every other part: rdflib's own evaluation


__all__ = [
    "DEFAULT_TIMEOUT",
    "QueryCheckStopped",
    "Refusal",
    "check",
    "find_refusal",
    "install_rdflib_guards",
    "refusal",
    "tokens",
]
