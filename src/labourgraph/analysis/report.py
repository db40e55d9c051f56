"""One static HTML page about the built graph: what it holds, its pictures, queries, validity.

The page is for a researcher who opens a file rather than a terminal: `index.html` with the
PNG pictures beside it, plain HTML and inline CSS only — no script, no web font, nothing
fetched — so it reads offline and in any browser. The content is computed by the stages that
own it (`network` for the networks and charts, `queries` for the saved queries, `validate`
for SHACL), never recomputed here; the page is deterministic for a given graph.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from labourgraph.analysis import network as net
from labourgraph.core.atomic import write_many
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.vocab import PLD

TITLE = "labourgraph report"
QUERY_ROW_LIMIT = 40
"""A saved query shows at most this many rows on the page (the count says how many there were)."""

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1d1d1d; line-height: 1.45; }
h1 { border-bottom: 3px solid #D55E00; padding-bottom: .3rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d0d0; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3efe9; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0 2rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #e2e2e2; }
figcaption { font-size: .9rem; color: #555; }
.ok { color: #006b4a; font-weight: bold; }
.fail { color: #b00020; font-weight: bold; }
.muted { color: #666; }
nav a { margin-right: 1rem; }
code { background: #f5f5f5; padding: 0 .2rem; }
"""

PICTURES = (
    ("actors.png", "Actor network: organisations, platforms, people and places, typed relations"),
    ("comentions.png", "Co-mention network: entities named in the same paragraph"),
    ("tasks.png", "Tasks: AI-labour functions ← task types → AI systems"),
    ("chains-paths.png", "Subcontracting chains, client side on the left"),
    ("chains.png", "Chain network: operators linked layer to layer"),
    ("profile-france.png", "Profile of microworkers in France (percent), with source documents"),
    ("pay-rates.png", "Pay rates by currency"),
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table; numbers are right-aligned."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{_e(c)}</td>' if isinstance(c, int | float) else f"<td>{_e(c)}</td>"
            for c in row
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def class_counts(store: ox.Store) -> list[tuple[str, int]]:
    """Individuals of the graph (`pld:` IRIs) by rdf:type, most numerous first."""
    rows = net.select(
        store,
        f"""SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {{
              ?x a ?type . FILTER(STRSTARTS(STR(?x), "{PLD}"))
            }} GROUP BY ?type""",
    )
    return sorted(
        ((net.local_name(r["type"]), int(r["n"])) for r in rows), key=lambda t: (-t[1], t[0])
    )


def documents(store: ox.Store) -> list[tuple[str, str, str, str, int]]:
    """Each source document: id, title, publisher, date and how many evidence spans cite it."""
    rows = net.select(
        store,
        """SELECT ?doc ?title ?publisher ?date (COUNT(?ev) AS ?n) WHERE {
             ?doc a plo:SourceDocument .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:publisher ?publisher }
             OPTIONAL { ?doc dcterms:date ?date }
             OPTIONAL { ?ev plo:inDocument ?doc }
           } GROUP BY ?doc ?title ?publisher ?date""",
    )
    seen: dict[str, tuple[str, str, str, str, int]] = {}
    for r in sorted(rows, key=lambda r: (r["doc"], r.get("title", ""))):
        seen.setdefault(
            r["doc"],
            (
                net.document_id(r["doc"]),
                r.get("title", ""),
                r.get("publisher", ""),
                r.get("date", ""),
                int(r["n"]),
            ),
        )
    return list(seen.values())


def triple_count(store: ox.Store) -> int:
    return int(net.select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])


def queries_section(graph_path: Path) -> str:
    """Run every saved query (through `labourgraph.publish.queries`) and show its rows."""
    try:
        from labourgraph.publish import queries
    except ImportError:
        return '<p class="muted">The saved-query module is not available in this build.</p>'
    saved = queries.discover()
    if not saved:
        return f'<p class="muted">No saved query in <code>{_e(queries.QUERY_DIR)}</code>.</p>'
    paths = [graph_path]
    if ONTOLOGY_FILE.is_file() and graph_path.suffix != ".owl":
        paths.append(ONTOLOGY_FILE)
    store = queries.open_graph(paths)
    parts = []
    for query in saved:
        parts.append(f'<h3 id="q-{_e(query.name)}">{_e(query.name)}</h3>')
        if query.summary:
            parts.append(f"<p>{_e(query.summary)}</p>")
        try:
            result = queries.execute(query, store)
        except LabourgraphError as err:
            parts.append(f'<p class="fail">Not run: {_e(err)}</p>')
            continue
        columns, rows = queries.visible(result)
        parts.append(f'<p class="muted">{len(rows)} row{"s" if len(rows) != 1 else ""}</p>')
        if rows:
            parts.append(table(columns, rows[:QUERY_ROW_LIMIT]))
        if len(rows) > QUERY_ROW_LIMIT:
            parts.append(f'<p class="muted">First {QUERY_ROW_LIMIT} rows shown.</p>')
    return "\n".join(parts)


def validation_section(graph_path: Path) -> str:
    """The SHACL verdict of `labourgraph.check.shacl` on the same graph file, with its report."""
    from labourgraph.check import shacl as validate

    try:
        result = validate.validate_file(graph_path)
    except LabourgraphError as err:
        return f'<p class="fail">Validation could not run: {_e(err)}</p>'
    css = "ok" if result.conforms else "fail"
    verdict = f'<p class="{css}">SHACL: {_e(result.summary())}.</p>'
    return verdict if result.conforms else verdict + f"<pre>{_e(result.to_text())}</pre>"


def render(graph_path: Path, store: ox.Store, analysis: net.Analysis) -> str:
    """The whole page as a string."""
    summaries = [net.summarise(g) for g in analysis.networks.values()]
    pictures = [(name, caption) for name, caption in PICTURES if name in analysis.files]
    body = [
        f"<h1>{_e(TITLE)}</h1>",
        f'<p class="muted">Knowledge graph <code>{_e(graph_path.as_posix())}</code>: '
        f"{triple_count(store)} triples with the ontology it imports. "
        "Made by <code>labourgraph report</code>.</p>",
        '<nav><a href="#summary">Summary</a><a href="#documents">Documents</a>'
        '<a href="#networks">Networks</a><a href="#pictures">Pictures</a>'
        '<a href="#queries">Saved queries</a><a href="#validation">Validation</a></nav>',
        '<h2 id="summary">Individuals by class</h2>',
        table(("class", "individuals"), class_counts(store)),
        '<h2 id="documents">Documents</h2>',
        table(("document", "title", "publisher", "date", "evidence spans"), documents(store)),
        '<h2 id="networks">Networks</h2>',
        table(
            ("network", "nodes", "edges", "components", "communities", "density"),
            ([s.kind, s.nodes, s.edges, s.components, s.communities, s.density] for s in summaries),
        ),
    ]
    for graph in analysis.networks.values():
        ranked = sorted(
            graph.nodes(data=True), key=lambda nd: (-nd[1]["weighted_degree"], nd[1]["label"])
        )[:10]
        body.append(f"<h3>{_e(graph.name)}: most connected</h3>")
        body.append(
            table(
                ("node", "class", "degree", "weighted degree", "betweenness", "community"),
                (
                    [
                        d["label"],
                        d["node_class"],
                        d["degree"],
                        d["weighted_degree"],
                        d["betweenness"],
                        d["community"],
                    ]
                    for _, d in ranked
                ),
            )
        )
    if analysis.chains:
        body.append("<h3>Subcontracting chains</h3>")
        body.append(
            table(
                ("chain", "layers", "countries", "documents"),
                (
                    [c.label, len(c.layers), ", ".join(c.countries) or "—", " ".join(c.documents)]
                    for c in analysis.chains
                ),
            )
        )
    body.append('<h2 id="pictures">Pictures</h2>')
    for name, caption in pictures:
        body.append(
            f'<figure><img src="{_e(name)}" alt="{_e(caption)}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>"
        )
    body += [
        '<h2 id="queries">Saved queries</h2>',
        queries_section(graph_path),
        '<h2 id="validation">Validation</h2>',
        validation_section(graph_path),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(TITLE)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def build(graph_path: Path) -> dict[str, bytes]:
    """File name → bytes of the report: `index.html` and the pictures it shows."""
    store = net.open_store(graph_path)
    analysis = net.analyse(store)
    files = {name: analysis.files[name] for name, _ in PICTURES if name in analysis.files}
    files["index.html"] = render(graph_path, store, analysis).encode("utf-8")
    return files


def write_report(graph_path: Path | str, out: Path | str) -> Path:
    """Write the report into `out` (all files at once) and return the page's path."""
    out = Path(out)
    write_many({out / name: data for name, data in sorted(build(Path(graph_path)).items())})
    return out / "index.html"
