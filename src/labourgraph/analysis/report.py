"""One static HTML page about the built graph, for a researcher: findings first.

The page answers the corpus's questions before it shows how the answers were obtained: who
and what the corpus is about (platforms, worker populations, figures by country and period,
pay, workers, subcontracting chains, tasks), each section titled with the research question
of the saved query that answers it, in the reader's language. Documents are named by title
and publisher. The provenance machinery (evidence spans, axiom annotations, extraction
activities), the network measures and the SHACL verdict come last, in an appendix.

It is `index.html` with the PNG pictures beside it, rendered from Jinja2 templates shipped
with the package (`templates/`), plain HTML and inline CSS only — no script, no web font,
nothing fetched — so it reads offline and in any browser. The content is computed by the
stages that own it (`network` for the networks and charts, `publish.queries` for the saved
queries, `check.shacl` for validation), never recomputed here; the page is deterministic for
a given graph and language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pyoxigraph as ox

from labourgraph.analysis import charts
from labourgraph.analysis import network as net
from labourgraph.core.atomic import write_many
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.vocab import PLD
from labourgraph.publish import queries
from labourgraph.publish.labels import check_language
from labourgraph.publish.query_processes import QueryProcesses

QUERY_ROW_LIMIT = 40
"""A saved query shows at most this many rows on the page (the count says how many there were)."""
CELL_LIMIT = 240
"""Longer cells (quotes gathered from several documents) are cut, with an ellipsis."""

FINDINGS = (
    ("platforms", "01-platforms", ()),
    ("populations", "04-microworker-profile", ("profile-france.png",)),
    ("counts", "03-microworker-counts", ()),
    ("figures", None, ()),
    ("pay", "05-pay-rates", ("pay",)),
    ("workers", "07-workers", ()),
    ("chains", "06-subcontracting-chains", ("chains-paths.png", "chains.png")),
    ("tasks", "02-ai-labour-functions", ("tasks.png",)),
    ("actors", None, ("actors.png", "comentions.png")),
)
"""The findings, in page order: (section id, saved query answering it or None, pictures);
`pay` stands for the pay charts, one per unit of work or time."""
APPENDIX_QUERIES = ("13-review-queue", "15-document")
"""Saved queries about how facts were obtained (methods, confidences): appendix material."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "labourgraph report",
        "lead": "What the corpus says about platform labour: {documents} documents, "
        "{platforms} platforms, {populations} worker populations, {workers} workers followed, "
        "{figures} figures ({pay} pay rates), {chains} subcontracting chains.",
        "figures": "Which figures does the corpus give, by country and period?",
        "actors": "Who works with, for and where? Actors and the names mentioned together",
        "more": "More questions",
        "documents": "Documents",
        "appendix": "Appendix: how the graph was made",
        "appendix_nav": "Appendix",
        "provenance": "Provenance: individuals by class",
        "provenance_note": "Every fact above is traced to the words of a document by evidence "
        "spans; relations carry axiom annotations and each span the extraction activity that "
        "produced it.",
        "networks": "Network measures",
        "validation": "Validation",
        "files": "Document files",
        "rows": "{n} rows",
        "row": "1 row",
        "first_rows": "First {n} rows shown.",
        "page_rows": "{n} rows on the first page; the answer goes on (`labourgraph query {name}"
        " --param offset={offset}`)",
        "not_run": "Not run: {error}",
        "no_queries": "No saved query in {path}.",
        "made_by": "Knowledge graph {path}: {triples} triples with the ontology it imports. "
        "Made by labourgraph report.",
        "country": "country or area",
        "period": "period",
        "indicator": "indicator",
        "value": "value",
        "unit": "unit",
        "about": "about",
        "sources": "sources",
        "title_col": "title",
        "publisher": "publisher",
        "author": "author",
        "date": "date",
        "language": "language",
        "facts": "evidence spans",
        "class": "class",
        "individuals": "individuals",
        "network": "network",
        "nodes": "nodes",
        "edges": "edges",
        "components": "components",
        "communities": "communities",
        "density": "density",
        "node": "node",
        "degree": "degree",
        "weighted_degree": "weighted degree",
        "betweenness": "betweenness",
        "community": "community",
        "most_connected": "{network}: most connected",
        "file": "file",
        "pay_caption": "Pay per {per}: one panel per currency, each bar naming whom it is about, "
        "its period and its sources.",
        "no_figures": "No figure with a country or period in the graph.",
        "unknown_area": "no country named",
        "nav": "Platforms|Populations|Counts|Figures by country|Pay|Workers|Chains|Tasks|Actors",
    },
    "fr": {
        "title": "rapport labourgraph",
        "lead": "Ce que dit le corpus du travail de plateforme : {documents} documents, "
        "{platforms} plateformes, {populations} populations de travailleurs, {workers} "
        "travailleurs suivis, {figures} chiffres (dont {pay} rémunérations), {chains} chaînes "
        "de sous-traitance.",
        "figures": "Quels chiffres le corpus donne-t-il, par pays et par période ?",
        "actors": "Qui travaille avec qui, pour qui et où ? Les acteurs et les noms cités ensemble",
        "more": "Autres questions",
        "documents": "Documents",
        "appendix": "Annexe : comment le graphe a été fait",
        "appendix_nav": "Annexe",
        "provenance": "Provenance : individus par classe",
        "provenance_note": "Chaque fait ci-dessus renvoie aux mots d'un document par des "
        "extraits ; les relations portent des annotations d'axiome et chaque extrait "
        "l'activité d'extraction qui l'a produit.",
        "networks": "Mesures des réseaux",
        "validation": "Validation",
        "files": "Fichiers des documents",
        "rows": "{n} lignes",
        "row": "1 ligne",
        "first_rows": "Les {n} premières lignes sont montrées.",
        "page_rows": "{n} lignes sur la première page ; la réponse continue (`labourgraph query"
        " {name} --param offset={offset}`)",
        "not_run": "Non exécutée : {error}",
        "no_queries": "Aucune requête enregistrée dans {path}.",
        "made_by": "Graphe de connaissances {path} : {triples} triplets avec l'ontologie "
        "qu'il importe. Fait par labourgraph report.",
        "country": "pays ou zone",
        "period": "période",
        "indicator": "indicateur",
        "value": "valeur",
        "unit": "unité",
        "about": "sujet",
        "sources": "sources",
        "title_col": "titre",
        "publisher": "éditeur",
        "author": "auteur",
        "date": "date",
        "language": "langue",
        "facts": "extraits",
        "class": "classe",
        "individuals": "individus",
        "network": "réseau",
        "nodes": "nœuds",
        "edges": "liens",
        "components": "composantes",
        "communities": "communautés",
        "density": "densité",
        "node": "nœud",
        "degree": "degré",
        "weighted_degree": "degré pondéré",
        "betweenness": "intermédiarité",
        "community": "communauté",
        "most_connected": "{network} : les plus connectés",
        "file": "fichier",
        "pay_caption": "Rémunération par {per} : un panneau par monnaie, chaque barre nomme "
        "son sujet, sa période et ses sources.",
        "no_figures": "Aucun chiffre avec un pays ou une période dans le graphe.",
        "unknown_area": "sans pays",
        "nav": "Plateformes|Populations|Effectifs|Chiffres par pays|Rémunération|Travailleurs|"
        "Chaînes|Tâches|Acteurs",
    },
}
"""Every word of the page outside the graph, in each language a reader may ask for."""

CAPTIONS: dict[str, dict[str, str]] = {
    "en": {
        "actors.png": "Actor network: organisations, platforms, people and places, typed relations",
        "comentions.png": "Co-mention network: the most connected of the entities named in the "
        "same paragraph (all of them in comentions.gexf)",
        "tasks.png": "Tasks: AI-labour functions ← task types → AI systems",
        "chains-paths.png": "Subcontracting chains, client side on the left",
        "chains.png": "Chain network: operators linked layer to layer",
        "profile-france.png": "Profile of microworkers in France (percent), with sources",
    },
    "fr": {
        "actors.png": "Réseau des acteurs : organisations, plateformes, personnes et lieux, "
        "relations typées",
        "comentions.png": "Réseau des co-mentions : les plus connectées des entités nommées dans "
        "un même paragraphe (toutes dans comentions.gexf)",
        "tasks.png": "Tâches : fonctions du travail de l'IA ← types de tâches → systèmes d'IA",
        "chains-paths.png": "Chaînes de sous-traitance, côté client à gauche",
        "chains.png": "Réseau des chaînes : opérateurs reliés couche à couche",
        "profile-france.png": "Profil des microtravailleurs en France (%), avec les sources",
    },
}


@dataclass
class Table:
    """A table of the page: column headings and rows of cells (numbers right-aligned)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    total: int | None = None
    """How many rows there were before the page's limit (None: all are shown)."""
    caption: str = ""


@dataclass
class Picture:
    file: str
    caption: str


@dataclass
class Section:
    """One part of the page: a question as its title, the answer as tables and pictures."""

    id: str
    title: str
    summary: str = ""
    tables: list[Table] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    note: str = ""
    error: str = ""
    nav: str = ""
    """The section's name in the page's table of contents."""


def question(description: str, summary: str, lang: str) -> str:
    """The research question of a saved query in `lang`, from its `FR :` / `EN :` lines.

    >>> question("FR : Qui ?\\nEN : Who?\\nMore.", "People", "fr")
    'Qui ?'
    >>> question("", "People", "en")
    'People'
    """
    tag = {"fr": "FR", "en": "EN"}[lang]
    for line in description.splitlines():
        match = re.match(rf"\s*{tag}\s*:\s*(.+)", line)
        if match:
            return match.group(1).strip()
    return summary


def provenance_classes(ontology: Path = ONTOLOGY_FILE) -> dict[str, list[str]]:
    """The classes of the provenance model, local name → labels: what the ontology derives
    from PROV-O (evidence spans, documents, extraction activities), the extraction methods,
    and owl:Axiom (the annotations that cite evidence). They explain how facts were obtained,
    not what the corpus says, so the page keeps them for its appendix."""
    store = net.open_store(ontology, ontology=None)
    rows = net.select(
        store,
        """PREFIX prov: <http://www.w3.org/ns/prov#>
           SELECT ?class ?label WHERE {
             { ?class rdfs:subClassOf prov:Entity } UNION { ?class rdfs:subClassOf prov:Activity }
             UNION { VALUES ?class { plo:ExtractionMethod } }
             OPTIONAL { ?class rdfs:label ?label }
           }""",
    )
    found: dict[str, list[str]] = {"Axiom": ["axiom", "axiome"]}
    for row in rows:
        labels = found.setdefault(net.local_name(row["class"]), [])
        if "label" in row:
            labels.append(row["label"])
    return {name: sorted(set(labels)) for name, labels in sorted(found.items())}


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


@dataclass(frozen=True)
class DocumentRow:
    """A source document as a reader names it, and the file it is in."""

    id: str
    title: str
    publisher: str
    author: str
    date: str
    language: str
    evidence: int


def documents(store: ox.Store) -> list[DocumentRow]:
    """Each source document: title, publisher, author, date, language, evidence spans citing
    it; ordered by date then title, as a bibliography is."""
    rows = net.select(
        store,
        """SELECT ?doc ?title ?publisher ?creator ?date ?language (COUNT(?ev) AS ?n) WHERE {
             ?doc a plo:SourceDocument .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:publisher ?publisher }
             OPTIONAL { ?doc dcterms:creator ?creator }
             OPTIONAL { ?doc dcterms:date ?date }
             OPTIONAL { ?doc dcterms:language ?language }
             OPTIONAL { ?ev plo:inDocument ?doc }
           } GROUP BY ?doc ?title ?publisher ?creator ?date ?language""",
    )
    seen: dict[str, DocumentRow] = {}
    for r in sorted(rows, key=lambda r: sorted(r.items())):
        doc = net.document_id(r["doc"])
        seen.setdefault(
            doc,
            DocumentRow(
                doc,
                r.get("title", doc),
                r.get("publisher", ""),
                r.get("creator", ""),
                r.get("date", ""),
                r.get("language", ""),
                int(r["n"]),
            ),
        )
    return sorted(seen.values(), key=lambda d: (d.date or "9999", d.title, d.id))


def triple_count(store: ox.Store) -> int:
    return int(net.select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])


def figures_by_place(store: ox.Store, lang: str) -> Table:
    """Every figure that names a country (or area) or a period, grouped by country then
    period: what the corpus says where and when."""
    rows = net.select(
        store,
        """SELECT ?obs ?area ?period ?indicator ?value ?min ?max ?unit ?per ?about ?doc WHERE {
             { ?obs a plo:StatisticalObservation } UNION { ?obs a plo:PayRate }
             OPTIONAL { ?obs plo:refArea ?area }
             OPTIONAL { ?obs plo:refPeriod ?period }
             FILTER(BOUND(?area) || BOUND(?period))
             OPTIONAL { ?obs plo:indicator ?indicator }
             OPTIONAL { ?obs plo:value ?value }
             OPTIONAL { ?obs plo:minValue ?min ; plo:maxValue ?max }
             OPTIONAL { ?obs plo:unit ?unit }
             OPTIONAL { ?obs plo:perUnit ?per }
             OPTIONAL {
               { ?obs plo:aboutPerson ?about } UNION { ?obs plo:population ?about }
               UNION { ?obs plo:aboutOrganisation ?about }
             }
             OPTIONAL { ?obs plo:evidence/plo:inDocument ?doc }
           }""",
    )
    names = net.labels_of(
        store, {r[k] for r in rows for k in ("area", "indicator", "about") if k in r}, lang
    )
    docs = net.document_names(store)
    merged: dict[str, dict[str, set[str]]] = {}
    for r in rows:
        cell = merged.setdefault(r["obs"], {})
        for key, value in r.items():
            cell.setdefault(key, set()).add(value)
    words = WORDS[lang]
    table_rows = []
    for obs in merged.values():

        def one(key: str, cell: dict[str, set[str]] = obs) -> str:
            return min(cell.get(key, {""}))

        value = one("value") or (f"{_num(one('min'))}–{_num(one('max'))}" if one("min") else "")
        unit = one("unit") + (f" / {charts.per_unit_text(one('per'), lang)}" if one("per") else "")
        table_rows.append(
            [
                names.get(one("area"), "") if one("area") else words["unknown_area"],
                charts.period_text(one("period"), lang),
                names.get(one("indicator"), net.humanise(net.local_name(one("indicator")))),
                _num(value) if one("value") else value,
                unit,
                ", ".join(sorted({names.get(a, net.local_name(a)) for a in obs.get("about", ())})),
                "; ".join(sorted({docs.get(net.document_id(d), d) for d in obs.get("doc", ())})),
            ]
        )
    table_rows.sort(key=lambda row: (row[0] == words["unknown_area"], *map(str, row)))
    columns = [words[k] for k in ("country", "period", "indicator", "value", "unit", "about")]
    return Table([*columns, words["sources"]], table_rows)


def _num(text: str) -> str:
    """`21.0` → `21`, `0.05` → `0.05`: figures as a reader writes them."""
    try:
        value = float(text)
    except ValueError:
        return text
    return f"{value:,.0f}" if value.is_integer() else f"{value:g}"


def _page_size(query: queries.SavedQuery) -> int:
    """The rows of a page of a query that answers a page at a time (`limit`); 0 for the
    others, which answer whole."""
    if not {"limit", "offset"} <= set(query.parameters):
        return 0
    return int(query.defaults["limit"])


class SavedQueries:
    """The saved queries (`labourgraph.publish.queries`), run on the graph once, by name."""

    def __init__(self, graph_path: Path, lang: str) -> None:
        self.lang = lang
        self.saved = {q.name: q for q in queries.discover()}
        paths = [graph_path]
        if ONTOLOGY_FILE.is_file() and graph_path.suffix != ".owl":
            paths.append(ONTOLOGY_FILE)
        self.graph_paths = paths
        self.graph: QueryProcesses | None = None
        """The query processes, started at the first query and stopped by `close`."""

    def section(self, name: str, section_id: str) -> Section:
        """The section a saved query answers: its question as title, its rows as a table."""
        query = self.saved[name]
        words = WORDS[self.lang]
        section = Section(section_id, question(query.description, query.summary, self.lang))
        try:
            result = self._execute(query)
        except LabourgraphError as err:
            section.error = words["not_run"].format(error=err)
            return section
        names, rows = queries.visible(result)
        columns = [name.replace("_", " ") for name in names]
        section.summary = words["row"] if len(rows) == 1 else words["rows"].format(n=len(rows))
        offset = self._next_page(query) if len(rows) >= _page_size(query) else None
        if offset is not None:
            section.summary = words["page_rows"].format(n=len(rows), name=name, offset=offset)
        if rows:
            total = len(rows) if len(rows) > QUERY_ROW_LIMIT else None
            cells = [_cells(row) for row in rows[:QUERY_ROW_LIMIT]]
            section.tables.append(Table(columns, cells, total))
        if len(rows) > QUERY_ROW_LIMIT:
            section.note = words["first_rows"].format(n=QUERY_ROW_LIMIT)
        return section

    def _execute(self, query: queries.SavedQuery) -> queries.Result:
        """Run one query, in the reader's language when the query takes a `lang` parameter
        (a query that shows labels picks one per individual in that language)."""
        if self.graph is None:
            self.graph = queries.open_graph(self.graph_paths)
        params = {"lang": self.lang} if "lang" in query.parameters else {}
        return queries.execute(query, self.graph, params)

    def _next_page(self, query: queries.SavedQuery) -> int | None:
        """Where the next page starts, for a query that answers a page at a time and whose
        answer goes on past its first page; else None.

        A paged query's rows are only its first page, so "500 rows" would misstate an answer
        of thousands: one row of the next page (`offset` = the page's size, `limit` 1) says
        whether there is more, without counting what the page spared the report.
        """
        size = _page_size(query)
        if not size:
            return None
        params = {"limit": "1", "offset": str(size)}
        if "lang" in query.parameters:
            params["lang"] = self.lang
        assert self.graph is not None  # `_execute` opened it
        _names, more = queries.visible(queries.execute(query, self.graph, params))
        return size if more else None

    def close(self) -> None:
        if self.graph is not None:
            self.graph.close()
            self.graph = None


def _cells(row: Iterable[object]) -> list[object]:
    """Cells as the page shows them: long texts cut, numbers as numbers (right-aligned)."""
    cells: list[object] = []
    for cell in row:
        text = str(cell)
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            cells.append(float(text) if "." in text else int(text))
        else:
            cells.append(text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…")
    return cells


def _pictures(names: Iterable[str], analysis: net.Analysis, lang: str) -> list[Picture]:
    pictures = []
    rates = sorted(n for n in analysis.files if n.startswith("pay-rates-per-"))
    for name in names:
        if name == "pay":
            units = {net.pay_chart_name(per): per for per in analysis.pay_units}
            pictures += [
                Picture(
                    file,
                    WORDS[lang]["pay_caption"].format(per=charts.per_unit_text(units[file], lang)),
                )
                for file in rates
                if file in units
            ]
        elif name in analysis.files:
            pictures.append(Picture(name, CAPTIONS[lang][name]))
    return pictures


def render(graph_path: Path, store: ox.Store, analysis: net.Analysis, lang: str = "en") -> str:
    """The whole page as a string."""
    words = WORDS[lang]
    ents = net.entities(store, lang)
    classes = Counter(e.node_class for e in ents.values() if "/unnamed-" not in e.iri)
    counts = dict(class_counts(store))
    docs = documents(store)
    lead = words["lead"].format(
        documents=len(docs),
        platforms=classes["Platform"],
        populations=classes["Worker population"],
        workers=classes["Worker"],
        figures=counts.get("StatisticalObservation", 0) + counts.get("PayRate", 0),
        pay=counts.get("PayRate", 0),
        chains=len(analysis.chains),
    )
    nav = dict(zip((f[0] for f in FINDINGS), words["nav"].split("|"), strict=True))
    saved = SavedQueries(graph_path, lang)
    try:
        findings = []
        for section_id, query_name, pictures in FINDINGS:
            if query_name is None:
                title = words[section_id]
                section = Section(section_id, title)
                if section_id == "figures":
                    table = figures_by_place(store, lang)
                    if table.rows:
                        section.tables.append(table)
                    else:
                        section.note = words["no_figures"]
                else:
                    section.tables += _most_connected(analysis, ("actors", "comentions"), lang)
            elif query_name in saved.saved:
                section = saved.section(query_name, section_id)
            else:
                continue
            section.pictures = _pictures(pictures, analysis, lang)
            section.nav = nav[section_id]
            findings.append(section)
        used = {q for _, q, _ in FINDINGS if q} | set(APPENDIX_QUERIES)
        more = [saved.section(n, f"q-{n}") for n in sorted(saved.saved) if n not in used]
        appendix_queries = [
            saved.section(n, f"q-{n}") for n in APPENDIX_QUERIES if n in saved.saved
        ]
    finally:
        saved.close()
    summaries = [net.summarise(g) for g in analysis.networks.values()]
    network_table = Table(
        [words[k] for k in ("network", "nodes", "edges", "components", "communities", "density")],
        [[s.kind, s.nodes, s.edges, s.components, s.communities, s.density] for s in summaries],
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        words=words,
        lead=lead,
        made_by=words["made_by"].format(path=graph_path.as_posix(), triples=triple_count(store)),
        findings=findings,
        more=more,
        documents=docs,
        class_counts=Table([words["class"], words["individuals"]], class_counts(store)),
        network_table=network_table,
        network_tops=_most_connected(analysis, list(analysis.networks), lang),
        appendix_queries=appendix_queries,
        validation=validation(graph_path),
        no_queries="" if saved.saved else words["no_queries"].format(path=queries.QUERY_DIR),
    )


def _most_connected(analysis: net.Analysis, kinds: Iterable[str], lang: str) -> list[Table]:
    """The ten most connected nodes of each network, with their measures."""
    words = WORDS[lang]
    tables = []
    for kind in kinds:
        if kind not in analysis.networks:
            continue
        graph = analysis.networks[kind]
        ranked = sorted(
            graph.nodes(data=True), key=lambda nd: (-nd[1]["weighted_degree"], nd[1]["label"])
        )[:10]
        columns = ("node", "class", "degree", "weighted_degree", "betweenness", "community")
        tables.append(
            Table(
                [words[c] for c in columns],
                [[d["label"], d["node_class"], *(d[c] for c in columns[2:])] for _, d in ranked],
                caption=words["most_connected"].format(network=graph.name),
            )
        )
    return tables


@dataclass(frozen=True)
class Verdict:
    conforms: bool
    summary: str
    report: str


def validation(graph_path: Path) -> Verdict:
    """The SHACL verdict of `labourgraph.check.shacl` on the same graph file, with its report."""
    from labourgraph.check import shacl as validate

    try:
        result = validate.validate_file(graph_path)
    except LabourgraphError as err:
        return Verdict(False, str(err), "")
    return Verdict(
        result.conforms, f"SHACL: {result.summary()}.", "" if result.conforms else result.to_text()
    )


def _environment() -> jinja2.Environment:
    """The page's templates, shipped inside the package (`templates/`), HTML-escaped."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("labourgraph.analysis", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["number"] = lambda value: (
        isinstance(value, int | float) and not isinstance(value, bool)
    )
    return env


def build(graph_path: Path, lang: str = "en") -> dict[str, bytes]:
    """File name → bytes of the report: `index.html` and the pictures it shows."""
    check_language(lang)
    store = net.open_store(graph_path)
    analysis = net.analyse(store, lang=lang)
    page = render(graph_path, store, analysis, lang)
    files = {
        name: data
        for name, data in analysis.files.items()
        if name.endswith(".png") and f'src="{name}"' in page
    }
    files["index.html"] = page.encode("utf-8")
    return files


def write_report(graph_path: Path | str, out: Path | str, lang: str = "en") -> Path:
    """Write the report into `out` (all files at once) and return the page's path."""
    out = Path(out)
    files = build(Path(graph_path), lang)
    write_many({out / name: data for name, data in sorted(files.items())})
    return out / "index.html"
