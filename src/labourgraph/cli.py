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
from labourgraph.core.vocab import KG_IRI, ONTOLOGY_IRI

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


lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    help="Language of the labels shown [default: en].",
)
"""--lang: one label per node in this language, the other one where a node has none."""


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
@lang_option
def network(kind: str, graph_path: Path, out: Path, lang: str | None) -> None:
    """Build, measure, export and draw the networks of the knowledge graph.

    Writes GEXF (Gephi), GraphML, node and edge CSV (with degree, weighted degree,
    betweenness, community, component) and a PNG per network, plus chain measures and the
    charts of the French microworker profile and of pay rates.

    \b
    Example:
      labourgraph network
      labourgraph network --kind actors --out out/actors --lang fr
    """
    from labourgraph.analysis import network as net

    kinds = net.KINDS if kind == "all" else [kind]
    analysis = net.analyse(net.open_store(graph_path), kinds, lang or "en")
    paths = net.write(analysis, out)
    click.echo(analysis.table())
    click.echo(f"\nwrote {len(paths)} files to {out}")


@cli.command()
@graph_option("The built knowledge graph to read.")
@out_option("out/report")
@lang_option
def report(graph_path: Path, out: Path, lang: str | None) -> None:
    """Write one static HTML page for researchers: findings first, provenance in an appendix.

    Platforms, populations, figures by country and period, pay, workers, chains and tasks,
    each titled with the question of the saved query that answers it; then the documents;
    then how the graph was made (evidence, validation). The page (index.html with its PNGs
    beside it) needs no network: no script, no web font.

    \b
    Example:
      labourgraph report
      labourgraph report --lang fr --out out/rapport && chromium out/rapport/index.html
    """
    from labourgraph.analysis import report as rep

    page = rep.write_report(graph_path, out, lang or "en")
    click.echo(f"wrote {page}")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "ntriples", "rdfxml", "jsonld", "trig", "all"]),
    default="all",
    show_default=True,
    help="Which RDF syntax to write (void.ttl, context.jsonld, the Protégé catalog and "
    "SHA256SUMS always).",
)
@graph_option("The built knowledge graph to export.")
@ontology_option("The ontology to export beside it.")
@click.option(
    "--out", "out", type=click.Path(path_type=Path), default="out/export", show_default=True
)
@click.option(
    "--with-text",
    is_flag=True,
    help="Include the documents' texts; refused (exit 2) unless every text's catalogue "
    "`license` allows redistribution.",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Where the release is published: VoID/DCAT name URL/sparql as the endpoint and "
    "URL/dump/FILE as the dumps [default: the w3id.org dump IRIs, no endpoint].",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="Write an on-disk Oxigraph store of graph and ontology into DIR instead of files"
    " (a release, like the files): `query` and `network` open it with --graph DIR.",
)
def export(
    fmt: str,
    graph_path: Path,
    ontology_path: Path,
    out: Path,
    with_text: bool,
    base_url: str | None,
    store: Path | None,
) -> None:
    """Export the ontology and the graph as linked data, with VoID/DCAT and checksums.

    Turtle, N-Triples, RDF/XML, JSON-LD (the published context embedded) and TriG (one
    named graph per source document); the same input gives the same bytes. Third-party
    texts are left out: documents keep their metadata, source URL, the SHA-256 and length
    of their text, and every quote with its offsets. With --store, a store directory
    instead, that large graphs are queried from.

    \b
    Example:
      labourgraph export
      labourgraph export --format jsonld --out out/jsonld
      labourgraph export --base-url https://labourgraph.example.org
      cd out/export && sha256sum -c SHA256SUMS
      labourgraph export --store out/store && labourgraph query 01 --graph out/store
    """
    from labourgraph.publish import export as exp
    from labourgraph.publish import ondisk, queries

    if store is not None:
        files = queries.graph_files(graph_path, ontology_path)
        info = ondisk.write_store(store, files, with_text=with_text)
        click.echo(f"wrote a store of {info.triples} triples to {store}")
        return
    formats = list(exp.FORMATS) if fmt == "all" else [fmt]
    result = exp.export(
        graph_path, ontology_path, out, formats, with_text=with_text, base_url=base_url
    )
    click.echo(
        f"wrote {len(result.files)} files to {out} ({result.kg_triples} graph triples, "
        f"{result.ontology_triples} ontology triples)"
    )


@cli.command()
@graph_option("The built knowledge graph to serve, or a store folder written by `export --store`.")
@ontology_option(
    "The ontology loaded beside it (for rdfs:subClassOf* in queries), served at /ontology."
)
@click.option(
    "--queries",
    "queries_dir",
    type=click.Path(path_type=Path),
    default="queries",
    show_default=True,
    help="Folder of saved queries listed at /queries and in the query editor.",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path),
    default="out/report",
    show_default=True,
    help="Folder written by `labourgraph report`, served at /report/ when it exists.",
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
@click.option("--workers", default=3, show_default=True, type=int, help="Query processes.")
@click.option(
    "--slow-queries",
    default=None,
    type=int,
    help="Queries that may run past 1 s at once [default: one fewer than --workers].",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A host name clients reach the server by (repeat; '*' for any) "
    "[default: 127.0.0.1, localhost, ::1 and --host].",
)
@click.option(
    "--allow-origin",
    "allowed_origins",
    multiple=True,
    help="A web origin (https://example.org) whose pages may query the server "
    "(repeat; '*' for any).",
)
@click.option(
    "--read-timeout",
    default=10.0,
    show_default=True,
    type=float,
    help="Seconds a client has to send a whole request.",
)
def serve(
    graph_path: Path,
    ontology_path: Path,
    queries_dir: Path,
    report_dir: Path,
    host: str,
    port: int,
    timeout: float,
    workers: int,
    slow_queries: int | None,
    allowed_hosts: tuple[str, ...],
    allowed_origins: tuple[str, ...],
    read_timeout: float,
) -> None:
    """Serve the graph read-only over SPARQL 1.1 Protocol and as linked data.

    /sparql (GET, POST; YASGUI in a browser), /id/... and /ontology (HTML, or any RDF
    syntax by the Accept header) and /queries (the saved queries, runnable). Updates, LOAD,
    SERVICE and FROM are refused; a query past --timeout is stopped; requests for other host
    names or from pages of other sites are refused.

    \b
    Example:
      labourgraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
        http://127.0.0.1:7878/sparql
    """
    from labourgraph.publish import serve as srv
    from labourgraph.publish.queries import graph_files

    if workers < 1 or timeout <= 0 or read_timeout <= 0 or not 0 <= port <= 65535:
        raise LabourgraphError(
            "--workers must be at least 1, the timeouts more than 0, --port 0 to 65535"
        )
    srv.serve(
        srv.ServeConfig(
            sources=tuple(graph_files(graph_path, ontology_path)),
            queries_dir=queries_dir,
            host=host,
            port=port,
            timeout=timeout,
            workers=workers,
            ontology=ontology_path,
            report_dir=report_dir,
            allowed_hosts=allowed_hosts,
            allowed_origins=allowed_origins,
            slow_queries=slow_queries,
            read_timeout=read_timeout,
        )
    )


@cli.command()
@click.option("--endpoint", required=True, help="Graph Store Protocol URL of the store.")
@click.option(
    "--graph",
    "graph_iri",
    default=KG_IRI,
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
    "--with-ontology",
    is_flag=True,
    help="Also replace the ontology's own named graph (--ontology-graph) with --ontology.",
)
@ontology_option("The ontology sent with --with-ontology.")
@click.option(
    "--ontology-graph",
    default=ONTOLOGY_IRI,
    show_default=True,
    help="Named graph of the ontology (with --with-ontology).",
)
@click.option(
    "--query-endpoint",
    default=None,
    help="SPARQL query URL used to count [default: the endpoint's sibling /query].",
)
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds per request.")
def publish(
    endpoint: str,
    graph_iri: str,
    file_path: Path,
    with_ontology: bool,
    ontology_path: Path,
    ontology_graph: str,
    query_endpoint: str | None,
    timeout: float,
) -> None:
    """Replace a named graph in a triple store, then check the store holds every triple.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol (PUT), so publishing twice leaves the
    same data; exits 1 if the store's count differs from the local one. With
    --with-ontology the ontology goes to its own named graph, so that saved queries run
    there with `labourgraph query NAME --endpoint URL` (class and term labels).

    \b
    Example:
      oxigraph serve --location /tmp/store --bind 127.0.0.1:7879 &
      labourgraph publish --endpoint http://127.0.0.1:7879/store --with-ontology
    """
    from labourgraph.publish import store as pub

    sent = [(file_path, graph_iri)] + ([(ontology_path, ontology_graph)] if with_ontology else [])
    for path, iri in sent:
        result = pub.publish(path, endpoint, iri, query_endpoint, timeout)
        click.echo(f"published {result.triples} triples to <{iri}> at {endpoint}")


@cli.command()
@click.argument(
    "graph_path", type=click.Path(path_type=Path), default="graph/platform-labour-kg.ttl"
)
@click.option(
    "--shapes",
    "shapes_path",
    type=click.Path(path_type=Path),
    default=None,
    help="SHACL shapes file [default: ontology/shapes.ttl, with ontology/shapes-release.ttl "
    "for a release (a graph that conforms to the release profile)].",
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
    the message in English and French, and the quote the node was read from. A release
    (what `export` writes: no texts, its header conforms to the release profile) is checked
    with the release shape set unless --shapes is given.

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
        shapes_path,
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

    Exits 0 when everything is clean, 1 when a problem was found. PATH may be any OWL or
    RDF file (graph/platform-labour.owl): it is loaded as Protégé loads it, its imports
    resolved only through the catalog-v001.xml beside it.

    \b
    Example:
      labourgraph ontology check
      labourgraph ontology check --no-owlapi ontology/platform-labour.ttl
      labourgraph ontology check --no-reasoner graph/platform-labour.owl
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
    help="Folder to write index.html, the serialisations and classes.svg into.",
)
@click.option(
    "--no-diagram", is_flag=True, help="Leave out the class diagram (it needs Graphviz's dot)."
)
def ontology_docs(ontology_path: Path, out: Path, no_diagram: bool) -> None:
    """Write the ontology's HTML documentation: one static page (no script, no web font)
    with a class diagram, and the ontology in Turtle, RDF/XML, JSON-LD and N-Triples beside it.

    \b
    Example:
      labourgraph ontology docs --out docs/ontology-html
      chromium docs/ontology-html/index.html
    """
    from labourgraph.publish.docs import write_docs

    for path in write_docs(ontology_path, out, diagram=not no_diagram).files:
        click.echo(f"wrote {path}")


endpoint_option = click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Run on this SPARQL endpoint (SPARQL 1.1 Protocol) instead of the local graph.",
)
default_graph_option = click.option(
    "--default-graph",
    "default_graphs",
    multiple=True,
    metavar="IRI",
    help="With --endpoint: a named graph to query (repeat it; sent as default-graph-uri).",
)


@cli.command("queries")
@click.argument("name_or_file", required=False)
@graph_option("The graph example values are taken from.")
@ontology_option("Ontology loaded with the graph; skipped if absent.")
@endpoint_option
@default_graph_option
@lang_option
def list_queries(
    name_or_file: str | None,
    graph_path: Path,
    ontology_path: Path,
    endpoint: str | None,
    default_graphs: tuple[str, ...],
    lang: str | None,
) -> None:
    """List the saved SPARQL queries of queries/, or show one with its parameters.

    With NAME: the question in French and English, then each parameter with what it names,
    its default and example values taken from the graph.

    \b
    Example:
      labourgraph queries
      labourgraph queries 14-organisation
    """
    from labourgraph.publish import queries as q

    if name_or_file is None:
        for saved in q.discover():
            params = "".join(f" [{name}]" for name in saved.parameters if name != "lang")
            click.echo(f"{saved.name}{params}\n    {saved.summary}")
        return
    saved = q.find_query(name_or_file)
    if endpoint:
        described = q.describe(saved, q.remote_select(endpoint, default_graphs), lang or "en")
    else:
        with q.open_graph(q.graph_files(graph_path, ontology_path)) as graph:
            described = q.describe(saved, q.local_select(graph), lang or "en")
    click.echo(q.render_description(saved, described), nl=False)


@cli.command("query")
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "markdown", "sparql-json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@lang_option
@graph_option("The graph to query.")
@ontology_option("Ontology loaded with the graph (class hierarchy, labels); skipped if absent.")
@endpoint_option
@default_graph_option
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
    lang: str | None,
    graph_path: Path,
    ontology_path: Path,
    endpoint: str | None,
    default_graphs: tuple[str, ...],
    engine: str,
    timeout: float,
) -> None:
    """Run a saved query (name, number or .rq file) on the built graph and print the answer.

    Values are checked first: an unknown area, organisation or document, or a number that
    is not one, is one line naming known values (exit 2). With --endpoint the same query,
    its values bound by VALUES, runs on any SPARQL endpoint.

    \b
    Example:
      labourgraph query 01-platforms
      labourgraph query pay-rates --format markdown
      labourgraph query 14 --param organisation=Wirk --format csv --lang fr
      labourgraph query 05 --endpoint http://127.0.0.1:7879/query \\
        --default-graph https://w3id.org/platform-labour/kg \\
        --default-graph https://w3id.org/platform-labour/ontology
    """
    from labourgraph.publish import queries as q

    values = q.parse_params(params)
    if lang:
        values["lang"] = lang
    if endpoint:
        result = q.run_remote(name_or_file, endpoint, values, default_graphs, timeout)
    else:
        files = q.graph_files(graph_path, ontology_path)
        result = q.run(name_or_file, files, values, engine=engine, timeout=timeout)
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
@click.option(
    "--quiet",
    is_flag=True,
    help="No progress bars: one plain line per stage (as when output is not a terminal).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Run spaCy and extraction on the Dask cluster of this scheduler (tcp://host:8786)"
    " instead of local processes; see docs/scaling.md.",
)
def build(
    corpus_dir: Path,
    out_dir: Path,
    no_validate: bool,
    no_cache: bool,
    quiet: bool,
    scheduler: str | None,
) -> None:
    """Build the knowledge graph from the corpus, with every fact traced to its words.

    Writes platform-labour-kg.ttl (individuals, importing the ontology) and
    platform-labour.owl (ontology and individuals in RDF/XML, for Protégé). Nothing is
    written unless every document reads cleanly and the graph conforms to the shapes.
    Documents unchanged since the last build (text, catalogue entry, curation, code) are
    taken from the cache instead of being analysed again; when nothing changed at all and the
    files in --out are the ones that build wrote, nothing is rewritten. On a terminal,
    progress bars show each stage (models, analysis with documents/s and time left,
    assembly, validation, writing); otherwise one line per stage, on stderr.

    \b
    Example:
      labourgraph build
      labourgraph build --corpus my-corpus --out my-graph --quiet
      labourgraph build --scheduler tcp://scheduler.example.org:8786
    """
    from labourgraph.build import build as build_graph
    from labourgraph.core.progress import for_stream
    from labourgraph.distribute import runner_for

    with for_stream(sys.stderr, quiet) as reporter, runner_for(scheduler) as runner:
        done = build_graph(
            corpus_dir,
            out_dir,
            validate_graph=not no_validate,
            use_cache=not no_cache,
            reporter=reporter,
            runner=runner,
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


if __name__ == "__main__":
    main()
