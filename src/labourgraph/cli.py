"""The `labourgraph` command: one click group, each command a few lines calling the library.

User errors (`LabourgraphError`) become one line on stderr and a non-zero exit; anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from labourgraph import __version__
from labourgraph.core.errors import LabourgraphError

ROOT_HELP = """labourgraph: a knowledge graph of platform labour (microwork that prepares,
verifies and imitates AI), built from a corpus with every fact traced to its words.

\b
Example:
  labourgraph build
  labourgraph validate
"""


def out_option(default: str) -> Callable:
    """--out, the folder a command writes into (declared once for every command)."""
    return click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path),
        default=default,
        show_default=True,
        help="Folder to write into.",
    )


def graph_option(help_text: str = "The built knowledge graph to read.") -> Callable:
    """--graph, the built knowledge graph a command reads."""
    return click.option(
        "--graph",
        "graph_path",
        type=click.Path(path_type=Path),
        default="graph/platform-labour-kg.ttl",
        show_default=True,
        help=help_text,
    )


def ontology_option(help_text: str) -> Callable:
    """--ontology, the ontology a command loads beside the graph."""
    return click.option(
        "--ontology",
        "ontology_path",
        type=click.Path(path_type=Path),
        default="ontology/platform-labour.ttl",
        show_default=True,
        help=help_text,
    )


@click.group(help=ROOT_HELP)
@click.version_option(__version__, prog_name="labourgraph")
def cli() -> None:
    """Root group."""


@cli.group()
def ontology() -> None:
    """Check and document the OWL ontology in ontology/.

    \b
    Example:
      labourgraph ontology check
      labourgraph ontology docs --out docs/ontology-html
    """


@cli.command()
@click.option(
    "--kind",
    type=click.Choice(["actors", "comentions", "tasks", "chains", "all"]),
    default="all",
    show_default=True,
    help="Which network to build.",
)
@graph_option("The built knowledge graph to read.")
@out_option("out/network")
def network(kind: str, graph_path: Path, out: Path) -> None:
    """Build, measure, export and draw the networks of the knowledge graph.

    Writes GEXF (Gephi), GraphML, node and edge CSV (with degree, weighted degree,
    betweenness, community, component) and a PNG per network, plus chain measures and the
    charts of the French microworker profile and of pay rates.

    \b
    Example:
      labourgraph network
      labourgraph network --kind actors --out out/actors
    """
    from labourgraph.analysis import network as net

    analysis = net.analyse(net.open_store(graph_path), net.KINDS if kind == "all" else [kind])
    paths = net.write(analysis, out)
    click.echo(analysis.table())
    click.echo(f"\nwrote {len(paths)} files to {out}")


@cli.command()
@graph_option("The built knowledge graph to read.")
@out_option("out/report")
def report(graph_path: Path, out: Path) -> None:
    """Write one static HTML page: graph summary, pictures, saved queries, validation.

    The page (index.html with its PNGs beside it) needs no network: no script, no web font.

    \b
    Example:
      labourgraph report
      labourgraph report --out out/report && chromium out/report/index.html
    """
    from labourgraph.analysis import report as rep

    page = rep.write_report(graph_path, out)
    click.echo(f"wrote {page}")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "ntriples", "rdfxml", "jsonld", "trig", "all"]),
    default="all",
    show_default=True,
    help="Which RDF syntax to write (void.ttl, context.jsonld, SHA256SUMS always).",
)
@graph_option("The built knowledge graph to export.")
@ontology_option("The ontology to export beside it.")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), default="out/export", show_default=True
)
def export(fmt: str, graph_path: Path, ontology_path: Path, out: Path) -> None:
    """Export the ontology and the graph as linked data, with VoID/DCAT and checksums.

    Turtle, N-Triples, RDF/XML, JSON-LD (the published context embedded) and TriG (one
    named graph per source document); the same input gives the same bytes.

    \b
    Example:
      labourgraph export
      labourgraph export --format jsonld --out out/jsonld
      cd out/export && sha256sum -c SHA256SUMS
    """
    from labourgraph.publish import export as exp

    formats = list(exp.FORMATS) if fmt == "all" else [fmt]
    result = exp.export(graph_path, ontology_path, out, formats)
    click.echo(
        f"wrote {len(result.files)} files to {out} ({result.kg_triples} graph triples, "
        f"{result.ontology_triples} ontology triples)"
    )


@cli.command()
@graph_option("The built knowledge graph to serve.")
@ontology_option("The ontology loaded beside it (for rdfs:subClassOf* in queries).")
@click.option(
    "--queries",
    "queries_dir",
    type=click.Path(path_type=Path),
    default="queries",
    show_default=True,
    help="Folder of saved queries listed at /queries.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=float,
    help="Seconds before a query is stopped.",
)
@click.option("--workers", default=2, show_default=True, type=int, help="Query processes.")
def serve(
    graph_path: Path,
    ontology_path: Path,
    queries_dir: Path,
    host: str,
    port: int,
    timeout: float,
    workers: int,
) -> None:
    """Serve the graph read-only over SPARQL 1.1 Protocol and as linked-data pages.

    /sparql (GET, POST), /id/... (HTML, Turtle or JSON-LD by the Accept header) and
    /queries (the saved queries, runnable). Updates, LOAD, SERVICE and FROM are refused;
    a query past --timeout is stopped.

    \b
    Example:
      labourgraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
        http://127.0.0.1:7878/sparql
    """
    from labourgraph.publish import serve as srv

    srv.serve(
        srv.ServeConfig(
            sources=tuple(p for p in (graph_path, ontology_path) if p),
            queries_dir=queries_dir,
            host=host,
            port=port,
            timeout=timeout,
            workers=workers,
        )
    )


@cli.command()
@click.option("--endpoint", required=True, help="Graph Store Protocol URL of the store.")
@click.option(
    "--graph",
    "graph_iri",
    default="https://w3id.org/platform-labour/kg",
    show_default=True,
    help="Named graph to replace.",
)
@click.option(
    "--file",
    "file_path",
    type=click.Path(path_type=Path),
    default="graph/platform-labour-kg.ttl",
    show_default=True,
    help="The RDF file to send.",
)
@click.option(
    "--query-endpoint",
    default=None,
    help="SPARQL query URL used to count [default: the endpoint's sibling /query].",
)
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds per request.")
def publish(
    endpoint: str, graph_iri: str, file_path: Path, query_endpoint: str | None, timeout: float
) -> None:
    """Replace a named graph in a triple store, then check the store holds every triple.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol (PUT), so publishing twice leaves the
    same data; exits 1 if the store's count differs from the local one.

    \b
    Example:
      oxigraph serve --location /tmp/store --bind 127.0.0.1:7879 &
      labourgraph publish --endpoint http://127.0.0.1:7879/store
    """
    from labourgraph.publish import store as pub

    result = pub.publish(file_path, endpoint, graph_iri, query_endpoint, timeout)
    click.echo(f"published {result.triples} triples to <{graph_iri}> at {endpoint}")


@cli.command()
@click.argument(
    "graph_path", type=click.Path(path_type=Path), default="graph/platform-labour-kg.ttl"
)
@click.option(
    "--shapes",
    "shapes_path",
    type=click.Path(path_type=Path),
    default=None,
    help="SHACL shapes file [default: ontology/shapes.ttl].",
)
@click.option(
    "--ontology",
    "ontology_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Ontology giving the class hierarchy [default: ontology/platform-labour.ttl].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--timeout",
    default=600.0,
    show_default=True,
    type=float,
    help="Seconds before validation is stopped (exit 2).",
)
def validate(
    graph_path: Path, shapes_path: Path | None, ontology_path: Path | None, fmt: str, timeout: float
) -> None:
    """Check a graph against the SHACL shapes; exit 0 conforms, 1 violations, 2 load error.

    The text report groups violations by shape and focus node, with the offending value,
    the message in English and French, and the quote the node was read from.

    \b
    Example:
      labourgraph validate
      labourgraph validate tests/data/shapes/valid.ttl --format json
    """
    from labourgraph.check import shacl as val
    from labourgraph.core import limits

    result = limits.call(
        val.validate_file,
        graph_path,
        shapes_path or val.SHAPES_PATH,
        ontology_path or val.ONTOLOGY_PATH,
        timeout=timeout,
        what="validation",
    )
    click.echo(result.render(fmt), nl=False)
    if not result.conforms:
        raise val.NonConformingGraph(result.summary())


@ontology.command("check")
@click.argument(
    "path", type=click.Path(path_type=Path), default="ontology/platform-labour.ttl", required=False
)
@click.option(
    "--owlapi/--no-owlapi",
    default=None,
    help="Run the OWL API (Protégé's) OWL 2 DL profile check; default: when Java and "
    "libowlapi-java are installed.",
)
@click.option(
    "--no-reasoner", is_flag=True, help="Skip HermiT (consistency, unsatisfiable classes)."
)
def ontology_check(path: Path, owlapi: bool | None, no_reasoner: bool) -> None:
    """Check the ontology: fr+en labels and definitions, OWL 2 DL, HermiT, OWL API.

    Exits 0 when everything is clean, 1 when a problem was found.

    \b
    Example:
      labourgraph ontology check
      labourgraph ontology check --no-owlapi ontology/platform-labour.ttl
    """
    from labourgraph.check import ontology as onto

    report = onto.check(path, reasoner=not no_reasoner, owlapi=owlapi)
    click.echo(report.text())
    if not report.ok:
        sys.exit(1)


@ontology.command("docs")
@ontology_option("The ontology to document.")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default="docs/ontology-html",
    show_default=True,
    help="Folder to write index.html into.",
)
def ontology_docs(ontology_path: Path, out: Path) -> None:
    """Write the ontology's HTML documentation (one static page, no script, no web font).

    \b
    Example:
      labourgraph ontology docs --out docs/ontology-html
      chromium docs/ontology-html/index.html
    """
    from labourgraph.publish.docs import write_docs

    click.echo(f"wrote {write_docs(ontology_path, out)}")


@cli.command("queries")
def list_queries() -> None:
    """List the saved SPARQL queries of queries/ with their summaries.

    \b
    Example:
      labourgraph queries
    """
    from labourgraph.publish import queries as q

    for saved in q.discover():
        params = "".join(f" [{name}]" for name in saved.parameters)
        click.echo(f"{saved.name}{params}\n    {saved.summary}")


@cli.command("query")
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "markdown"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@graph_option("The graph to query.")
@ontology_option("Ontology loaded with the graph (class hierarchy, labels); skipped if absent.")
@click.option(
    "--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True
)
@click.option(
    "--timeout", default=10.0, show_default=True, type=float, help="Seconds before it is stopped."
)
def query(
    name_or_file: str,
    params: tuple[str, ...],
    fmt: str,
    graph_path: Path,
    ontology_path: Path,
    engine: str,
    timeout: float,
) -> None:
    """Run a saved query (name, number or .rq file) on the built graph and print the answer.

    \b
    Example:
      labourgraph query 01-platforms
      labourgraph query pay-rates --format markdown
      labourgraph query 14 --param organisation=Wirk --format csv
    """
    from labourgraph.publish import queries as q

    files = q.graph_files(graph_path, ontology_path)
    result = q.run(name_or_file, files, q.parse_params(params), engine=engine, timeout=timeout)
    click.echo(q.render(result, fmt), nl=False)


corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    default=Path("corpus"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of .txt documents (with an optional catalogue.yaml and curation/).",
)


@cli.command()
@corpus_option
@click.option(
    "--out",
    "out_dir",
    default=Path("graph"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the built graph files.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (not for publishing).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Analyse every document again (the cache is .cache/labourgraph or $LABOURGRAPH_CACHE).",
)
def build(corpus_dir: Path, out_dir: Path, no_validate: bool, no_cache: bool) -> None:
    """Build the knowledge graph from the corpus, with every fact traced to its words.

    Writes platform-labour-kg.ttl (individuals, importing the ontology) and
    platform-labour.owl (ontology and individuals in RDF/XML, for Protégé). Nothing is
    written unless every document reads cleanly and the graph conforms to the shapes.
    Documents unchanged since the last build (text, catalogue entry, curation, code) are
    taken from the cache instead of being analysed again; when nothing changed at all and the
    files in --out are the ones that build wrote, nothing is rewritten.

    \b
    Example:
      labourgraph build
      labourgraph build --corpus my-corpus --out my-graph
    """
    from labourgraph.build import build as build_graph

    done = build_graph(
        corpus_dir,
        out_dir,
        progress=lambda line: click.echo(line, err=True),
        validate_graph=not no_validate,
        use_cache=not no_cache,
    )
    for warning in done.warnings:
        click.echo(warning, err=True)
    width = max(len(name) for name, _ in done.summary)
    for name, value in done.summary:
        click.echo(f"{name:<{width}}  {value}")
    for path in done.files:
        click.echo(f"{'kept' if done.unchanged else 'wrote'} {path}")


@cli.command()
@click.argument("document")
@corpus_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True
)
def review(document: str, corpus_dir: Path, fmt: str) -> None:
    """List the candidate facts extracted from one document, for curation.

    Each row: kind, label, class or value, method, confidence, and the quote. Copy a row
    into corpus/curation/<document>.yaml to confirm, add or reject it.

    \b
    Example:
      labourgraph review 003_fd31927c02eb1532.txt
      labourgraph review 003_fd31927c02eb1532 --format csv > review.csv
    """
    from labourgraph.tools.review import candidate_rows, render_rows

    click.echo(render_rows(candidate_rows(corpus_dir, document), fmt), nl=False)


@cli.command()
@click.option(
    "--corpus",
    "corpus_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of .txt documents, one per --gold (default corpus/).",
)
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="Gold annotation: a YAML file or a folder of per-document files (tests/data/).",
)
@click.option("--all", "every", is_flag=True, help="The project's four corpora (the default).")
@click.option("--details", is_flag=True, help="Also list every miss and every wrong field.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True
)
def evaluate(
    corpus_dirs: tuple[Path, ...],
    gold_paths: tuple[Path, ...],
    every: bool,
    details: bool,
    fmt: str,
) -> None:
    """Score the built graph against gold annotations, fact by fact, per corpus and language.

    Entities (P/R/F1, class accuracy), figures (found, whole, each field), relations and
    statements. Without --gold, the seeds, the fictional texts and the real dev and test sets.

    \b
    Example:
      labourgraph evaluate
      labourgraph evaluate --gold tests/data/gold/seeds.yaml --details
      labourgraph evaluate --corpus tests/data/real/dev --gold tests/data/real/dev/gold
    """
    from labourgraph.tools.evaluate import evaluate_all, render, selected_corpora

    reports = evaluate_all(selected_corpora(corpus_dirs, gold_paths, every))
    click.echo("\n".join(render(reports, markdown=fmt == "markdown", details=details)))


def main() -> None:
    """Entry point: run the group, turning user errors into one line on stderr."""
    try:
        cli.main(standalone_mode=False)
    except LabourgraphError as err:
        click.echo(f"labourgraph: error: {err}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("labourgraph: aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
