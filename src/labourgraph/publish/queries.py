"""Saved SPARQL queries: find them, read their grlc-style headers, run them safely, print them.

A saved query is one `queries/NN-short-name.rq` file whose top comment lines hold grlc
metadata (`#+ summary:`, `#+ description:`, `#+ tags:`, `#+ defaults:`, and `#+ kinds:`, what
each parameter names, see `query_params`), so the file stays valid SPARQL that any endpoint
can run. Parameters are variables named `?_name` (a plain string) or `?_name_iri` (an IRI).

Queries that travel: each parameter has its default in the query text, in a block
`VALUES ?_name { "default" }` (or `BIND("default" AS ?_name)`) placed where the variable is
used (inside the sub-query that uses it: a sub-query does not see outer bindings), so the file
runs as it is in any store. Binding a value replaces the term of every such block with the
value written as one SPARQL term (a string literal with its quotes and backslashes escaped,
or an IRI that parsed), never pasted as query text: a value holding quotes, braces or SPARQL
keywords stays one plain value. A parameter without a block gets one at the top of the WHERE
clause. The same bound text runs on the local graph (pyoxigraph or rdflib) and, with
`run_remote`, on any SPARQL endpoint.
Every label a query shows is picked by `publish.labels` (one per node): the `lang` parameter
is the language written in each of its `LANGMATCHES(LANG(?label), "en")` filters, replaced like
a default block.
A query whose answer is a long list answers a page at a time: its header's `defaults` name
`limit` and `offset`, and binding them replaces the numbers of its one `LIMIT n` and `OFFSET m`
(in the sub-query that picks the page, so that labels, quotes and titles are looked up for that
page only); `--param offset=500` is the next page of 500 (`PAGING`).

The printed result leaves out columns whose name starts with `_`, which merely echo the input.
Values are typed on the way out (`cell`): numbers stay numbers and an unbound or empty value is
missing (JSON null, an empty CSV cell, "—" in Markdown and the table).

Safety: `SERVICE` (pyoxigraph and rdflib both fetch remote endpoints), `LOAD`, updates and
`FROM`/`FROM NAMED` are refused before anything runs, by `check.sparql_policy.check` (the endpoint's
and the shapes' check too), on the file and again on the bound text. `open_graph` loads the
graph into a child process (`query_processes.QueryProcesses`) and each query runs there under a
time limit (`timeout`, default 10 s): one that reaches it is stopped by killing that process,
nothing is left running. Parameter values are checked before the query runs (`run`,
`run_remote`; `query_params`): an unknown area or organisation, or a number that is not one,
is one clear line.

Engine: pyoxigraph by default. scripts/bench_queries.py times both engines on the seed graph
and on a graph 100 times larger and checks they give the same rows; rdflib stays available
(`engine="rdflib"`) as the reference that the benchmark compares against.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from labourgraph.check.sparql_policy import DEFAULT_TIMEOUT, check, install_rdflib_guards, tokens
from labourgraph.core import paths
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import to_rdflib
from labourgraph.core.vocab import PREFIXES
from labourgraph.publish import query_params, store
from labourgraph.publish.labels import DEFAULT_LANGUAGE
from labourgraph.publish.ondisk import is_store
from labourgraph.publish.query_processes import QueryProcesses, QueryStopped

QUERY_DIR = paths.QUERY_DIR
DEFAULT_GRAPHS = (
    paths.KG_FILE,
    paths.ONTOLOGY_FILE,
)
"""The built individuals and the ontology they `owl:import` (class hierarchy, term labels)."""

ENGINES = ("oxigraph", "rdflib")
FORMATS = ("table", "csv", "json", "markdown", "sparql-json")
TABLE_CELL_WIDTH = 70
"""Longer cells are cut with '…' in the plain-text table only (csv, json, markdown are whole)."""
MISSING = "—"
"""What Markdown and the table show for a missing value (CSV leaves the cell empty)."""

_HEADER = re.compile(r"^#\+ ?(.*)$")
_OX_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)

Term = URIRef | Literal | BNode


@dataclass(frozen=True)
class SavedQuery:
    """One saved query file with its header metadata."""

    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)
    """Default value of each parameter: its `VALUES` block in the text, else the header's."""
    parameters: tuple[str, ...] = ()
    """Parameter names without the leading `?_`, in order of first appearance."""
    kinds: Mapping[str, str] = field(default_factory=dict)
    """The header's `kinds`: what a parameter names (`query_params.KINDS`)."""
    paging: tuple[str, ...] = ()
    """The paging parameters (`PAGING`) the query takes: it answers a page at a time."""

    def kind(self, name: str) -> str:
        """The kind of parameter `name`, declared or inferred (`query_params.kind_of`)."""
        return query_params.kind_of(name, self.kinds)


@dataclass(frozen=True)
class Result:
    """Rows of rdflib terms (None where unbound), in the order the query gave them."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


def parse_header(text: str, source: str) -> dict[str, object]:
    """The grlc metadata: the YAML held by the leading `#+` comment lines."""
    lines: list[str] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            lines.append(match.group(1))
        elif line.strip() and not line.startswith("#"):
            break
    try:
        meta = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or "unreadable"
        mark = getattr(err, "problem_mark", None)
        where = f" (header line {mark.line + 1})" if mark is not None else ""
        raise LabourgraphError(
            f"{source}: header is not valid grlc YAML{where}: {problem}"
        ) from None
    if not isinstance(meta, dict):
        raise LabourgraphError(f"{source}: header must be `#+ key: value` lines")
    return meta


def _defaults(raw: object, source: str) -> dict[str, str]:
    """grlc writes defaults as a list of one-key mappings; a plain mapping is accepted too."""
    items = raw if isinstance(raw, list) else [raw] if raw else []
    out: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            raise LabourgraphError(f"{source}: `defaults` must be `- name: value` lines")
        out.update({str(key).removeprefix("_"): str(value) for key, value in item.items()})
    return out


def _kinds(raw: object, source: str) -> dict[str, str]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise LabourgraphError(f"{source}: `kinds` must be `name: kind` lines")
    kinds = {str(key).removeprefix("_"): str(value) for key, value in raw.items()}
    query_params.check_kinds(kinds, source)
    return kinds


@dataclass(frozen=True)
class _Block:
    """The term of one `VALUES ?_name { term }` block: where it is in the text, and its value."""

    name: str
    start: int
    end: int
    value: str


def default_blocks(text: str) -> list[_Block]:
    """Every `VALUES ?_name { "value" }` and `BIND("value" AS ?_name)` of a query (a string or
    an `<iri>`), in text order: the defaults that binding a value replaces."""
    found: list[_Block] = []
    window: list[tuple[str, str, int]] = []
    for token in tokens(text):
        if token[0] == "comment":
            continue
        window = [*window[-5:], token]
        if len(window) < 5:
            continue
        (k0, t0, _), (k1, t1, _), (k2, t2, _), (k3, t3, a3), (_, t4, _) = window[-5:]
        if (
            k0 == "word" and t0.upper() == "VALUES" and k1 == "var" and t1[1:].startswith("_")
            and t2 == "{" and t4 == "}" and k3 in ("string", "iri")
        ):  # fmt: skip
            found.append(_Block(t1[2:], a3, a3 + len(t3), _term_value(k3, t3)))
        elif (
            len(window) == 6 and window[0][0] == "word" and window[0][1].upper() == "BIND"
            and t0 == "(" and k1 in ("string", "iri") and k2 == "word" and t2.upper() == "AS"
            and k3 == "var" and t3[1:].startswith("_") and t4 == ")"
        ):  # fmt: skip
            start = window[2][2]
            found.append(_Block(t3[2:], start, start + len(t1), _term_value(k1, t1)))
    return found


LANGUAGE_PARAMETER = "lang"
"""The language of the labels shown: not a SPARQL variable but the language named in every
`LANGMATCHES(LANG(?label), "en")` filter of a query (`labels.label_pattern`)."""


def language_blocks(text: str) -> list[_Block]:
    """The string of every `LANGMATCHES(LANG(?x), "en")`: what binding `lang` replaces."""
    found: list[_Block] = []
    window: list[tuple[str, str, int]] = []
    shape = ["LANGMATCHES", "(", "LANG", "(", "var", ")", ",", "string", ")"]
    for token in tokens(text):
        if token[0] == "comment":
            continue
        window = [*window[-8:], token]
        if len(window) == 9 and all(
            (kind == "var") if want == "var" else (kind == "string" if want == "string" else
                                                   text_.upper() == want)
            for (kind, text_, _), want in zip(window, shape, strict=True)
        ):  # fmt: skip
            _, literal, at = window[7]
            found.append(_Block(LANGUAGE_PARAMETER, at, at + len(literal), _unquote(literal)))
    return found


PAGING = ("limit", "offset")
"""Paging parameters: not SPARQL variables but the numbers written after a query's one `LIMIT`
and one `OFFSET` keyword. A query pages when its header's `defaults` name them (the number in
the text must be that default); the value bound is a whole number, written as one."""
_NUMBER = re.compile(r"\s*(\d+)\b")


def paging_blocks(text: str, names: Iterable[str] = PAGING) -> list[_Block]:
    """The number after every `LIMIT` / `OFFSET` keyword (outside strings and comments) whose
    parameter is in `names`: what binding `limit` and `offset` replaces."""
    wanted = {name.upper(): name for name in names if name in PAGING}
    found: list[_Block] = []
    if not wanted:  # most queries do not page: no pass over their text (a long text is slow)
        return found
    for kind, token, at in tokens(text):
        if kind == "word" and token.upper() in wanted:
            number = _NUMBER.match(text, at + len(token))
            if number:
                name = wanted[token.upper()]
                found.append(_Block(name, number.start(1), number.end(1), number.group(1)))
    return found


def _paging_names(meta_defaults: Mapping[str, str]) -> list[str]:
    """The paging parameters a header declares (by giving them a default), in `PAGING` order."""
    return [name for name in PAGING if name in meta_defaults]


def _term_value(kind: str, token: str) -> str:
    return token[1:-1] if kind == "iri" else _unquote(token)


def _unquote(token: str) -> str:
    quote = 3 if token[:3] in ('"""', "'''") else 1
    inner = token[quote:-quote]
    escapes = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), inner)


def read_query(path: Path, deadline: float | None = None) -> SavedQuery:
    """Read one query file: header metadata, parameters, and a check for refused keywords
    (stopped past `deadline`, a `time.monotonic()` instant: the query's own time limit)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LabourgraphError(f"{path}: cannot read: {err}") from None
    meta = parse_header(text, str(path))
    check(text, str(path), deadline)
    params: list[str] = []
    for kind, token, _ in tokens(text):
        if kind == "var" and token[1:].startswith("_") and token[2:] not in params:
            params.append(token[2:])
    languages = language_blocks(text)
    if languages and LANGUAGE_PARAMETER not in params:
        params.append(LANGUAGE_PARAMETER)
    defaults = _defaults(meta.get("defaults"), str(path))
    paging = _paging_names(defaults)
    pages = paging_blocks(text, paging)
    for name in paging:
        count = sum(block.name == name for block in pages)
        if count != 1 or name in params:
            raise LabourgraphError(
                f"{path}: parameter {name!r} pages the answer: the query needs exactly one "
                f"`{name.upper()} n` (found {count}) and no variable `?_{name}`"
            )
        params.append(name)
    for block in [*default_blocks(text), *languages, *pages]:
        if defaults.setdefault(block.name, block.value) != block.value:
            raise LabourgraphError(
                f"{path}: parameter {block.name!r} has two defaults, "
                f"{defaults[block.name]!r} and {block.value!r}"
            )
    tags = meta.get("tags") or []
    return SavedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=str(meta.get("summary", "")).strip(),
        description=str(meta.get("description", "")).strip(),
        tags=tuple(str(tag) for tag in (tags if isinstance(tags, list) else [tags])),
        defaults=defaults,
        parameters=tuple(params),
        kinds=_kinds(meta.get("kinds"), str(path)),
        paging=tuple(paging),
    )


def discover(directory: Path = QUERY_DIR) -> list[SavedQuery]:
    """Every `*.rq` file of the folder, sorted by name (their number gives the reading order)."""
    return [read_query(path) for path in sorted(directory.glob("*.rq"))]


def find_query(
    name_or_path: str | Path, directory: Path = QUERY_DIR, deadline: float | None = None
) -> SavedQuery:
    """A query by file path, full name (`05-pay-rates`), short name (`pay-rates`) or number."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" and candidate.is_file():
        return read_query(candidate, deadline)
    key = str(name_or_path).removesuffix(".rq")
    for path in sorted(directory.glob("*.rq")):
        number, _, short = path.stem.partition("-")
        if key in (path.stem, short) or (
            key.isdigit() and number.isdigit() and int(key) == int(number)
        ):
            return read_query(path, deadline)
    raise LabourgraphError(
        f"unknown query {str(name_or_path)!r}: no such .rq file, nor a query of that name or "
        f"number in {directory}; `labourgraph queries` lists them"
    )


def _bind(query: SavedQuery, params: Mapping[str, str]) -> dict[str, URIRef | Literal]:
    """rdflib terms for the `?_name` variables: given value, else the default (the query's own).

    `lang`, `limit` and `offset` are checked but left out: they name no variable (see
    `LANGUAGE_PARAMETER`, `PAGING`). The
    endpoint's page of saved queries binds these terms by the engine (SEP-0007); binding by
    `bound_text` is what also applies `lang` and a value other than the default."""
    terms = _terms(query, params)
    if language_blocks(query.text):
        terms.pop(LANGUAGE_PARAMETER, None)
    for name in query.paging:
        terms.pop(name, None)
    return terms


def _terms(query: SavedQuery, params: Mapping[str, str]) -> dict[str, URIRef | Literal]:
    """rdflib terms for every parameter, `lang` included."""
    unknown = sorted(set(params) - set(query.parameters))
    if unknown:
        takes = ", ".join(query.parameters) or "no parameters"
        raise LabourgraphError(
            f"{query.name}: unknown parameter {unknown[0]!r} (it takes: {takes})"
        )
    bound: dict[str, URIRef | Literal] = {}
    for name in query.parameters:
        value = params.get(name, query.defaults.get(name))
        if value is None:
            raise LabourgraphError(
                f"{query.name}: parameter {name!r} needs a value (--param {name}=...)"
            )
        if name in query.paging:
            bound[name] = _count(query.name, name, value)
        elif name.endswith("iri"):
            bound[name] = _iri(query.name, name, value)
        else:
            bound[name] = Literal(value)
    return bound


def _count(query_name: str, name: str, value: str) -> Literal:
    """A paging value: a whole number of rows, 0 or more, written in the query as digits."""
    if not re.fullmatch(r"\+?\d+", value.strip()):
        raise LabourgraphError(
            f"{query_name}: parameter {name!r} must be a whole number of rows (0 or more), "
            f"not {value!r}"
        )
    return Literal(int(value.strip()))


def _iri(query_name: str, name: str, value: str) -> URIRef:
    """An IRI parameter: absolute, or a project prefix such as `pld:organisation/appen`."""
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        value = str(PREFIXES[prefix]) + local
    try:
        ox.NamedNode(value)
    except ValueError as err:
        raise LabourgraphError(f"{query_name}: parameter {name!r} is not an IRI: {err}") from None
    if ":" not in value:
        raise LabourgraphError(f"{query_name}: parameter {name!r} is not an absolute IRI")
    return URIRef(value)


def sparql_term(term: URIRef | Literal) -> str:
    """A bound value written as one SPARQL term: an IRI in `<>` (it parsed as an IRI, so it
    holds no `>`, space or quote), or a string literal with every character that could end it
    escaped.

    >>> print(sparql_term(Literal('Appen" } ; DROP ALL')))
    "Appen\\" } ; DROP ALL"
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    escaped = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _where_brace(text: str) -> int:
    """Offset just after the `{` that opens the WHERE clause (the first outside parentheses)."""
    depth = 0
    for kind, token, at in tokens(text):
        if kind != "other":
            continue
        depth += {"(": 1, ")": -1}.get(token, 0)
        if token == "{" and depth == 0:
            return at + 1
    raise LabourgraphError("the query has no WHERE clause to bind parameters in")


def bound_text(query: SavedQuery, params: Mapping[str, str] | None = None) -> str:
    """The query text with every parameter bound by `VALUES`: what runs, here or elsewhere."""
    bound = _terms(query, params or {})
    text = query.text
    pages = paging_blocks(text, query.paging)
    blocks = [*default_blocks(text), *language_blocks(text), *pages]
    for block in sorted(blocks, key=lambda b: -b.start):
        if block.name in bound:
            term = bound[block.name]
            written = str(term) if block in pages else sparql_term(term)
            text = text[: block.start] + written + text[block.end :]
    missing = [name for name in bound if name not in {b.name for b in blocks}]
    if missing:
        at = _where_brace(text)
        values = "".join(f" VALUES ?_{n} {{ {sparql_term(bound[n])} }}" for n in missing)
        text = text[:at] + values + text[at:]
    check(text, str(query.path))
    return text


def graph_files(graph: Path | str, ontology: Path | str | None = DEFAULT_GRAPHS[1]) -> list[Path]:
    """The graph file and the ontology it imports; an `.owl` release or a store directory
    (`ondisk`) already holds the ontology, and a missing ontology file is skipped (queries then
    fall back to the terms' local names)."""
    files = [Path(graph)]
    if (
        ontology
        and Path(ontology).is_file()
        and Path(graph).suffix != ".owl"
        and not is_store(graph)
    ):
        files.append(Path(ontology))
    return files


def open_graph(paths: Sequence[Path | str], engine: str = "oxigraph") -> QueryProcesses:
    """Load the graph files once, for one engine, into a query process (close it, or use it
    as a context manager, when done); missing files get one clear line."""
    for path in paths:
        if not Path(path).exists():
            raise LabourgraphError(f"{path}: no such graph file (run `labourgraph build` first?)")
    if engine not in ENGINES:
        raise LabourgraphError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return QueryProcesses(paths, size=1, timeout=None, engine=engine)


def _syntax_error(source: Path | str, err: Exception) -> LabourgraphError:
    """One line: file, line:column of the error, and what the parser expected."""
    match = _OX_ERROR.match(str(err))
    if match:
        line, column, message = match.groups()
    else:  # rdflib (pyparsing) errors carry the position as attributes
        line, column = getattr(err, "lineno", "?"), getattr(err, "col", "?")
        message = getattr(err, "msg", str(err))
    message = " ".join(str(message).split())
    return LabourgraphError(f"{source}:{line}:{column}: SPARQL syntax error: {message}")


def _evaluate(graph: ox.Store | Graph, text: str, source: Path | str) -> Result:
    """Evaluate a bound query on a loaded graph, in this process (a query process, or a
    benchmark)."""
    if isinstance(graph, ox.Store):
        try:
            solutions = graph.query(text)
        except SyntaxError as err:
            raise _syntax_error(source, err) from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise LabourgraphError(f"{source}: saved queries must be SELECT queries")
        columns = tuple(var.value for var in solutions.variables)
        # labels, kinds and titles repeat down a column; building an rdflib term costs more
        # than the query itself on large results, so each distinct term is converted once
        seen: dict[object, Term | None] = {None: None}
        rows = []
        for solution in solutions:
            row = []
            for term in solution:
                if term not in seen:
                    seen[term] = to_rdflib(term)
                row.append(seen[term])
            rows.append(tuple(row))
        return Result(columns, tuple(rows))
    from pyparsing import ParseException

    install_rdflib_guards()
    try:
        answer = graph.query(text)
    except ParseException as err:
        raise _syntax_error(source, err) from None
    if answer.type != "SELECT":
        raise LabourgraphError(f"{source}: saved queries must be SELECT queries")
    columns = tuple(str(var) for var in answer.vars or ())
    return Result(columns, tuple(tuple(row) for row in answer))  # type: ignore[arg-type]


def _run_text(
    graph: QueryProcesses | ox.Store | Graph,
    text: str,
    source: Path | str,
    timeout: float | None,
) -> Result:
    if not isinstance(graph, QueryProcesses):
        if timeout is not None:
            raise ValueError("a time limit needs the graph opened with open_graph()")
        return _evaluate(graph, text, source)
    try:
        return graph.call(_evaluate, text, source, timeout=timeout)
    except QueryStopped as err:
        raise LabourgraphError(f"{Path(source).stem}: {err}") from None
    except (ValueError, RuntimeError, OSError) as err:
        raise LabourgraphError(f"{source}: query failed: {err}") from err


def execute(
    query: SavedQuery,
    graph: QueryProcesses | ox.Store | Graph,
    params: Mapping[str, str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Result:
    """Run a query on an opened graph under a time limit (values bound, not checked).

    `graph` is what `open_graph` returns: the query runs in its child process, which is killed
    (and replaced) when the time limit is reached. A Store or Graph loaded in this process is
    accepted only with `timeout=None` (benchmarks), since nothing could stop it in time.
    """
    return _run_text(graph, bound_text(query, params), query.path, timeout)


def _strings(result: Result) -> list[list[str]]:
    return [[show(term) for term in row] for row in result.rows]


def local_select(
    graph: QueryProcesses | ox.Store | Graph, timeout: float | None = DEFAULT_TIMEOUT
) -> query_params.Select:
    """A `query_params.Select` on an opened graph: SPARQL text in, rows of strings out."""
    return lambda text: _strings(_run_text(graph, text, "<parameter check>", timeout))


def remote_select(
    endpoint: str, default_graphs: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT
) -> query_params.Select:
    """A `query_params.Select` on a SPARQL endpoint."""
    return lambda text: _strings(select_remote(endpoint, text, default_graphs, timeout))


def check_parameters(
    query: SavedQuery, params: Mapping[str, str], select: query_params.Select
) -> None:
    """Every given value checked against its kind and the graph, before the query runs."""
    _bind(query, params)  # unknown parameter names and broken IRIs first
    lang = params.get("lang", query.defaults.get("lang", DEFAULT_LANGUAGE))
    for name, value in params.items():
        query_params.check_value(query.name, name, query.kind(name), value, select, lang)


def _given(query: SavedQuery, params: Mapping[str, str] | None) -> dict[str, str]:
    """The values given for this query, their types checked (no graph needed): `lang` is
    dropped for a query that shows no label."""
    given = dict(params or {})
    if "lang" in given and "lang" not in query.parameters:
        del given["lang"]
    _bind(query, given)
    for name, value in given.items():
        query_params.check_syntax(query.name, name, query.kind(name), value)
    return given


def run(
    name_or_path: str | Path,
    graph_path: Path | str | Sequence[Path | str] = DEFAULT_GRAPHS,
    params: Mapping[str, str] | None = None,
    engine: str = "oxigraph",
    timeout: float | None = DEFAULT_TIMEOUT,
    directory: Path = QUERY_DIR,
) -> Result:
    """Find a saved query, load the graph file(s), check the values, run it: what
    `labourgraph query` does.

    The keyword check of the query's text counts against `timeout` as its evaluation does:
    the query gets what is left of the limit once it was read and checked.
    """
    started = time.monotonic()
    deadline = None if timeout is None else started + timeout
    query = find_query(name_or_path, directory, deadline)
    left = None if timeout is None else max(0.001, timeout - (time.monotonic() - started))
    given = _given(query, params)  # a bad parameter is reported before the graph is loaded
    paths = [graph_path] if isinstance(graph_path, (str, Path)) else list(graph_path)
    with open_graph(paths, engine) as graph:
        try:
            check_parameters(query, given, local_select(graph, left))
            return execute(query, graph, given, left)
        except LabourgraphError as err:
            if timeout is None or not _STOPPED.search(str(err)):
                raise
            # the limit the user set, not what was left of it once the text was checked
            shown = _STOPPED.sub(f"stopped after {timeout:g} s (the time limit)", str(err))
            raise LabourgraphError(shown) from None


_STOPPED = re.compile(r"stopped after [0-9.e+-]+ s \(the time limit\)")


def run_remote(
    name_or_path: str | Path,
    endpoint: str,
    params: Mapping[str, str] | None = None,
    default_graphs: Sequence[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    directory: Path = QUERY_DIR,
) -> Result:
    """`run` against a SPARQL endpoint (the SPARQL 1.1 Protocol): the same bound text, the same
    checks; `default_graphs` are sent as `default-graph-uri` (the named graphs to query as one,
    e.g. the graph and the ontology that `labourgraph publish --with-ontology` wrote)."""
    query = find_query(name_or_path, directory)
    given = _given(query, params)
    check_parameters(query, given, remote_select(endpoint, default_graphs, timeout))
    return select_remote(endpoint, bound_text(query, given), default_graphs, timeout)


def select_remote(
    endpoint: str, text: str, default_graphs: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT
) -> Result:
    """A SELECT query sent to an endpoint, its SPARQL 1.1 JSON results read back as terms."""
    check(text, endpoint)
    answer = store.select(endpoint, text, default_graphs, timeout)
    try:
        columns = tuple(str(var) for var in answer["head"]["vars"])
        rows = tuple(
            tuple(_json_term(binding.get(column)) for column in columns)
            for binding in answer["results"]["bindings"]
        )
    except (KeyError, TypeError, AttributeError, ValueError):
        raise LabourgraphError(f"{endpoint}: the answer is not SPARQL 1.1 JSON results") from None
    return Result(columns, rows)


def _json_term(binding: Mapping[str, str] | None) -> Term | None:
    """One binding of SPARQL 1.1 JSON results as an rdflib term."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        datatype = binding.get("datatype")
        return Literal(
            value,
            lang=binding.get("xml:lang"),
            datatype=URIRef(datatype) if datatype and datatype != str(XSD.string) else None,
        )
    raise ValueError(kind)


# --- output -------------------------------------------------------------------------------

_INTEGERS = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
    XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt,
    XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte,
}  # fmt: skip
_NUMERIC = {XSD.decimal, XSD.double, XSD.float, *_INTEGERS}
_SHORT = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def show(term: Term | None) -> str:
    """A cell as a reader wants it: lexical form, numbers without trailing zeros, short IRIs."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC:
            try:  # engines differ ("2.50" vs "2.5"); print one canonical form
                return f"{Decimal(str(term)).normalize():f}"
            except InvalidOperation:
                return str(term)
        return str(term)
    if isinstance(term, URIRef):
        for namespace, prefix in _SHORT:
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
    return str(term)


Cell = str | int | float | bool | None


def cell(term: Term | None) -> Cell:
    """A typed cell: a number as int or float, a boolean as bool, missing (unbound, or the
    empty string a query writes for "none") as None, anything else as `show` writes it."""
    if term is None or (isinstance(term, Literal) and str(term) == "" and not term.datatype):
        return None
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean:
            return str(term).strip().lower() in ("true", "1")
        if term.datatype in _NUMERIC:
            try:
                number = Decimal(str(term))
            except InvalidOperation:
                return show(term)
            if not number.is_finite():
                return show(term)
            return int(number) if number == number.to_integral_value() else float(number)
    return show(term)


def visible(result: Result) -> tuple[list[str], list[list[str]]]:
    """Columns and cells to print: parameter echoes (`_name`) left out."""
    keep = [i for i, column in enumerate(result.columns) if not column.startswith("_")]
    return [result.columns[i] for i in keep], [[show(row[i]) for i in keep] for row in result.rows]


def _kept(result: Result) -> tuple[list[str], list[list[Term | None]]]:
    keep = [i for i, column in enumerate(result.columns) if not column.startswith("_")]
    return [result.columns[i] for i in keep], [[row[i] for i in keep] for row in result.rows]


def _sparql_json(columns: Sequence[str], rows: Sequence[Sequence[Term | None]]) -> str:
    """SPARQL 1.1 Query Results JSON: numbers keep their numeric datatype, a missing value is
    left out of its binding (the format's null)."""
    bindings = []
    for row in rows:
        binding: dict[str, dict[str, str]] = {}
        for column, term in zip(columns, row, strict=True):
            if term is None or cell(term) is None:
                continue
            if isinstance(term, URIRef):
                binding[column] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[column] = {"type": "bnode", "value": str(term)}
            else:
                entry = {"type": "literal", "value": str(term)}
                if term.language:
                    entry["xml:lang"] = term.language
                elif term.datatype and term.datatype != XSD.string:
                    entry["datatype"] = str(term.datatype)
                binding[column] = entry
        bindings.append(binding)
    answer = {"head": {"vars": list(columns)}, "results": {"bindings": bindings}}
    return json.dumps(answer, ensure_ascii=False, indent=2) + "\n"


def render(result: Result, fmt: str = "table") -> str:
    """The result as an aligned text table, CSV, JSON, SPARQL 1.1 JSON or a Markdown table."""
    columns, terms = _kept(result)
    if fmt == "sparql-json":
        return _sparql_json(columns, terms)
    if fmt == "json":
        records = [
            {column: cell(term) for column, term in zip(columns, row, strict=True)} for row in terms
        ]
        return (
            json.dumps({"columns": columns, "rows": records}, ensure_ascii=False, indent=2) + "\n"
        )
    missing = "" if fmt == "csv" else MISSING
    rows = [[missing if cell(term) is None else show(term) for term in row] for row in terms]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "markdown":

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(" ".join(c.split()).replace("|", "\\|") for c in cells) + " |"

        return "\n".join([line(columns), line(["---"] * len(columns)), *map(line, rows)]) + "\n"
    if fmt == "table":
        cut = [[_cut(" ".join(text.split())) for text in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cut]) for i, c in enumerate(columns)]

        def pad(cells: Sequence[str]) -> str:
            return "  ".join(
                text.ljust(width) for text, width in zip(cells, widths, strict=True)
            ).rstrip()

        body = [pad(columns), pad(["-" * w for w in widths]), *map(pad, cut)]
        return "\n".join(body) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"
    raise LabourgraphError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _cut(text: str) -> str:
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """`name=value` strings from the command line; the value is taken whole, `=` included."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise LabourgraphError(f"--param {pair!r}: expected name=value")
        params[name.strip().removeprefix("?").removeprefix("_")] = value
    return params


# --- describing a query -------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """A parameter as `labourgraph queries NAME` shows it."""

    name: str
    kind: str
    default: str | None
    examples: tuple[str, ...]


def describe(
    query: SavedQuery, select: query_params.Select | None, lang: str = DEFAULT_LANGUAGE
) -> list[Parameter]:
    """Each parameter with its kind, its default and example values taken from the graph."""
    described = []
    for name in query.parameters:
        kind = query.kind(name)
        found = query_params.examples(kind, select, lang) if select else []
        described.append(Parameter(name, kind, query.defaults.get(name), tuple(map(str, found))))
    return described


_KIND_TEXT = {
    "area": "the name of a place (any case), or of a population",
    "organisation": "the name or an alias of an organisation (any case)",
    "document": "a document's file name, or words of its title (any case)",
    "person": "the name of a person (any case)",
    "decimal": "a decimal number",
    "integer": "an integer",
    "language": "the language of the labels shown",
    "iri": "an IRI, absolute or prefixed (pld:organisation/appen)",
    "string": "any text",
}


def render_description(query: SavedQuery, described: Sequence[Parameter]) -> str:
    """What `labourgraph queries NAME` prints: the question, then each parameter."""
    lines = [query.name, f"    {query.summary}"]
    lines += [f"    {line}" for line in query.description.splitlines()]
    if not described:
        return "\n".join([*lines, "parameters: none"]) + "\n"
    lines.append("parameters:")
    for parameter in described:
        lines.append(f"  {parameter.name}: {_KIND_TEXT.get(parameter.kind, parameter.kind)}")
        if parameter.default is not None:
            lines.append(f"    default: {parameter.default}")
        if parameter.examples:
            lines.append(f"    examples from the graph: {', '.join(parameter.examples)}")
        lines.append(f"    --param {parameter.name}=" + (parameter.default or "..."))
    return "\n".join(lines) + "\n"
