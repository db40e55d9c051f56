"""Saved SPARQL queries: find them, read their grlc-style headers, run them safely, print them.

A saved query is one `queries/NN-short-name.rq` file whose top comment lines hold grlc
metadata (`#+ summary:`, `#+ description:`, `#+ tags:`, `#+ defaults:`), so the file stays
valid SPARQL that any endpoint can run. Parameters are variables named `?_name` (a plain
string) or `?_name_iri` (an IRI); they are bound by the engine (pyoxigraph `substitutions`,
rdflib `initBindings`), never pasted into the query text, so a value holding quotes, braces or
SPARQL keywords stays one plain value. pyoxigraph follows SEP-0007, which substitutes only
projected variables: a parameter is therefore also a column (`SELECT ?_organisation ...`),
and the printed result leaves out columns whose name starts with `_`, which merely echo the
input.

Safety: `SERVICE` (pyoxigraph and rdflib both fetch remote endpoints), `LOAD`, updates and
`FROM`/`FROM NAMED` are refused before anything runs, by `check.sparql_policy.check` (the endpoint's
and the shapes' check too). `open_graph` loads the graph into a child process
(`query_processes.QueryProcesses`) and each query runs there under a time limit (`timeout`,
default 10 s): one that reaches it is stopped by killing that process, nothing is left running.

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
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from labourgraph.check.sparql_policy import DEFAULT_TIMEOUT, check, install_rdflib_guards, tokens
from labourgraph.core import paths
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import to_rdflib
from labourgraph.core.vocab import PREFIXES
from labourgraph.publish.query_processes import QueryProcesses, QueryStopped

QUERY_DIR = paths.QUERY_DIR
DEFAULT_GRAPHS = (
    paths.KG_FILE,
    paths.ONTOLOGY_FILE,
)
"""The built individuals and the ontology they `owl:import` (class hierarchy, term labels)."""

ENGINES = ("oxigraph", "rdflib")
FORMATS = ("table", "csv", "json", "markdown")
TABLE_CELL_WIDTH = 70
"""Longer cells are cut with '…' in the plain-text table only (csv, json, markdown are whole)."""

_HEADER = re.compile(r"^#\+ ?(.*)$")
_OX_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


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
    parameters: tuple[str, ...] = ()
    """Parameter names without the leading `?_`, in order of first appearance."""


@dataclass(frozen=True)
class Result:
    """Rows of rdflib terms (None where unbound), in the order the query gave them."""

    columns: tuple[str, ...]
    rows: tuple[tuple[URIRef | Literal | BNode | None, ...], ...]


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
    tags = meta.get("tags") or []
    return SavedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=str(meta.get("summary", "")).strip(),
        description=str(meta.get("description", "")).strip(),
        tags=tuple(str(tag) for tag in (tags if isinstance(tags, list) else [tags])),
        defaults=_defaults(meta.get("defaults"), str(path)),
        parameters=tuple(params),
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
    """rdflib terms for every parameter: given value, else the header's default."""
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
        bound[name] = _iri(query.name, name, value) if name.endswith("iri") else Literal(value)
    return bound


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


def _to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    return ox.Literal(str(term))


def graph_files(graph: Path | str, ontology: Path | str | None = DEFAULT_GRAPHS[1]) -> list[Path]:
    """The graph file and the ontology it imports; an `.owl` release already holds the ontology,
    and a missing ontology file is skipped (queries then fall back to the terms' local names)."""
    files = [Path(graph)]
    if ontology and Path(ontology).is_file() and Path(graph).suffix != ".owl":
        files.append(Path(ontology))
    return files


def open_graph(paths: Sequence[Path | str], engine: str = "oxigraph") -> QueryProcesses:
    """Load the graph files once, for one engine, into a query process (close it, or use it
    as a context manager, when done); missing files get one clear line."""
    for path in paths:
        if not Path(path).is_file():
            raise LabourgraphError(f"{path}: no such graph file (run `labourgraph build` first?)")
    if engine not in ENGINES:
        raise LabourgraphError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return QueryProcesses(paths, size=1, timeout=None, engine=engine)


def _syntax_error(query: SavedQuery, err: Exception) -> LabourgraphError:
    """One line: file, line:column of the error, and what the parser expected."""
    match = _OX_ERROR.match(str(err))
    if match:
        line, column, message = match.groups()
    else:  # rdflib (pyparsing) errors carry the position as attributes
        line, column = getattr(err, "lineno", "?"), getattr(err, "col", "?")
        message = getattr(err, "msg", str(err))
    message = " ".join(str(message).split())
    return LabourgraphError(f"{query.path}:{line}:{column}: SPARQL syntax error: {message}")


def _evaluate(
    graph: ox.Store | Graph, query: SavedQuery, bound: Mapping[str, URIRef | Literal]
) -> Result:
    """Evaluate on a loaded graph, in this process (a query process, or a benchmark)."""
    if isinstance(graph, ox.Store):
        try:
            solutions = graph.query(
                query.text,
                substitutions={ox.Variable(f"_{k}"): _to_ox(v) for k, v in bound.items()},
            )
        except SyntaxError as err:
            raise _syntax_error(query, err) from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise LabourgraphError(f"{query.path}: saved queries must be SELECT queries")
        columns = tuple(var.value for var in solutions.variables)
        # labels, kinds and titles repeat down a column; building an rdflib term costs more
        # than the query itself on large results, so each distinct term is converted once
        seen: dict[object, URIRef | Literal | BNode | None] = {None: None}
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
        answer = graph.query(
            query.text, initBindings={Variable(f"_{k}"): v for k, v in bound.items()}
        )
    except ParseException as err:
        raise _syntax_error(query, err) from None
    if answer.type != "SELECT":
        raise LabourgraphError(f"{query.path}: saved queries must be SELECT queries")
    columns = tuple(str(var) for var in answer.vars or ())
    return Result(columns, tuple(tuple(row) for row in answer))  # type: ignore[arg-type]


def execute(
    query: SavedQuery,
    graph: QueryProcesses | ox.Store | Graph,
    params: Mapping[str, str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Result:
    """Run a query on an opened graph under a time limit.

    `graph` is what `open_graph` returns: the query runs in its child process, which is killed
    (and replaced) when the time limit is reached. A Store or Graph loaded in this process is
    accepted only with `timeout=None` (benchmarks), since nothing could stop it in time.
    """
    bound = _bind(query, params or {})
    if not isinstance(graph, QueryProcesses):
        if timeout is not None:
            raise ValueError("a time limit needs the graph opened with open_graph()")
        return _evaluate(graph, query, bound)
    try:
        return graph.call(_evaluate, query, bound, timeout=timeout)
    except QueryStopped as err:
        raise LabourgraphError(f"{query.name}: {err}") from None
    except (ValueError, RuntimeError, OSError) as err:
        raise LabourgraphError(f"{query.path}: query failed: {err}") from err


def run(
    name_or_path: str | Path,
    graph_path: Path | str | Sequence[Path | str] = DEFAULT_GRAPHS,
    params: Mapping[str, str] | None = None,
    engine: str = "oxigraph",
    timeout: float | None = DEFAULT_TIMEOUT,
    directory: Path = QUERY_DIR,
) -> Result:
    """Find a saved query, load the graph file(s), run it: what `labourgraph query` does.

    The keyword check of the query's text counts against `timeout` as its evaluation does:
    the query gets what is left of the limit once it was read and checked.
    """
    started = time.monotonic()
    deadline = None if timeout is None else started + timeout
    query = find_query(name_or_path, directory, deadline)
    left = None if timeout is None else max(0.001, timeout - (time.monotonic() - started))
    _bind(query, params or {})  # a bad parameter is reported before the graph is loaded
    paths = [graph_path] if isinstance(graph_path, (str, Path)) else list(graph_path)
    with open_graph(paths, engine) as graph:
        return execute(query, graph, params, left)


# --- output -------------------------------------------------------------------------------

_NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.nonNegativeInteger, XSD.int}
_SHORT = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def show(term: URIRef | Literal | BNode | None) -> str:
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


def visible(result: Result) -> tuple[list[str], list[list[str]]]:
    """Columns and cells to print: parameter echoes (`_name`) left out."""
    keep = [i for i, column in enumerate(result.columns) if not column.startswith("_")]
    return [result.columns[i] for i in keep], [[show(row[i]) for i in keep] for row in result.rows]


def render(result: Result, fmt: str = "table") -> str:
    """The result as an aligned text table, CSV, JSON or a Markdown table."""
    columns, rows = visible(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return (
            json.dumps({"columns": columns, "rows": records}, ensure_ascii=False, indent=2) + "\n"
        )
    if fmt == "markdown":

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(" ".join(c.split()).replace("|", "\\|") for c in cells) + " |"

        return "\n".join([line(columns), line(["---"] * len(columns)), *map(line, rows)]) + "\n"
    if fmt == "table":
        cut = [[_cut(" ".join(cell.split())) for cell in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cut]) for i, c in enumerate(columns)]

        def pad(cells: Sequence[str]) -> str:
            return "  ".join(
                cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
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
