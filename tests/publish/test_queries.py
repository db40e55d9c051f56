"""Saved queries: each one parses, runs and answers what the seed texts say; parameters are
bound by the engine; errors are one clear line; remote and file access is refused.

Every per-query check runs on the fixture graph of tests/data/queries (built from the seeds by
build_fixture.py) and, once it is committed, on the built graph in graph/.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from labourgraph.assemble.summaries import corpus_summaries
from labourgraph.cli import cli
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_store
from labourgraph.publish import queries as q
from labourgraph.publish import query_params
from labourgraph.publish.labels import label_pattern, pick_label

DATA = Path(__file__).parents[1] / "data" / "queries"
FIXTURE = [DATA / "kg.ttl", DATA / "ontology.ttl"]
REAL = q.graph_files(q.DEFAULT_GRAPHS[0], q.DEFAULT_GRAPHS[1])
GRAPHS = {"fixture": FIXTURE}
if REAL[0].is_file():
    GRAPHS["built"] = REAL
NAMES = [saved.name for saved in q.discover()]


@pytest.fixture(scope="module", params=sorted(GRAPHS))
def store(request: pytest.FixtureRequest):
    return q.open_graph(GRAPHS[request.param])


@pytest.fixture(scope="module")
def fixture_store():
    return q.open_graph(FIXTURE)


def answer(store, name: str, **params: str) -> list[dict[str, str]]:
    columns, rows = q.visible(q.execute(q.find_query(name), store, params))
    return [dict(zip(columns, row, strict=True)) for row in rows]


def column(rows: list[dict[str, str]], key: str) -> set[str]:
    return {row[key] for row in rows}


# --- every query -------------------------------------------------------------------------


def test_the_fifteen_questions_are_there() -> None:
    assert len(NAMES) >= 15
    assert [name[:2] for name in NAMES[:15]] == [f"{i:02d}" for i in range(1, 16)]


@pytest.mark.parametrize("name", NAMES)
def test_header_is_grlc_with_both_languages(name: str) -> None:
    saved = q.find_query(name)
    assert saved.summary and saved.tags
    assert "FR :" in saved.description and "EN :" in saved.description
    assert set(saved.parameters) <= set(saved.defaults), "every parameter has a default"
    assert saved.text.lstrip().startswith("#+ summary:")


@pytest.mark.parametrize("name", NAMES)
def test_query_runs_and_answers(store, name: str) -> None:
    assert answer(store, name), f"{name} returned no row"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_engines_agree_on_the_fixture(fixture_store, name: str) -> None:
    """rdflib's engine is the reference the benchmark compares with; same rows, same order."""
    saved = q.find_query(name)
    rdflib_graph = q.open_graph(FIXTURE, engine="rdflib")
    ox_rows = q.visible(q.execute(saved, fixture_store))[1]
    rdf_rows = q.visible(q.execute(saved, rdflib_graph, timeout=60))[1]

    def canon(rows: list[list[str]]) -> list[list[frozenset[str]]]:
        return [[frozenset(cell.replace(" | ", ", ").split(", ")) for cell in row] for row in rows]

    assert canon(ox_rows) == canon(rdf_rows)


# --- what the seeds say ------------------------------------------------------------------


def test_01_platforms(store) -> None:
    rows = {row["platform"]: row for row in answer(store, "01-platforms")}
    for name in ("Appen", "Clickworker", "Amazon Mechanical Turk", "Foule Factory"):
        assert rows[name]["kind"] == "microwork platform"
    for name in ("Fiverr", "Upwork"):
        assert rows[name]["kind"] == "freelance platform"
    assert "Wirk" in rows["Foule Factory"]["aliases"]
    assert int(rows["Appen"]["documents"]) >= 2


def test_02_functions(store) -> None:
    rows = answer(store, "02-ai-labour-functions")
    assert column(rows, "function") == {"preparation", "verification", "imitation"}
    assert [row["function"] for row in rows] == sorted(
        (row["function"] for row in rows), key=["preparation", "verification", "imitation"].index
    )
    assert any("Alexa" in row["ai_systems"] for row in rows if row["function"] == "preparation")


def test_03_counts_in_france(store) -> None:
    rows = answer(store, "03-microworker-counts")
    assert [row["value"] for row in rows] == ["15000", "50000", "260000"]
    assert all(int(row["documents"]) == 2 for row in rows), "stated in seeds 000 and 001"


def test_04_profile(store) -> None:
    values = {(row["value"], row["unit"]) for row in answer(store, "04-microworker-profile")}
    for share in ("56", "63", "64", "22", "43"):
        assert (share, "percent") in values
    assert ("21", "EUR") in values
    quotes = " ".join(row["quotes"] for row in answer(store, "04-microworker-profile"))
    assert "seuil de pauvreté" in quotes


def test_05_pay_rates(store) -> None:
    rows = answer(store, "05-pay-rates")
    words = [row for row in rows if row["per_unit"] == "1000 words" and row["currency"] == "USD"]
    assert {(row["min"], row["max"], row["value"]) for row in words} >= {
        ("20", "50", ""),
        ("", "", "7"),
    }
    seven = next(row for row in words if row["value"] == "7")
    assert seven["percent_of_highest"] == "20"  # 7 against the middle of 20-50
    task = next(row for row in rows if row["per_unit"] == "task")
    assert (task["min"], task["max"], task["platform"]) == ("0.05", "0.25", "Appen")


def test_06_chain(store) -> None:
    rows = answer(store, "06-subcontracting-chains")
    assert [row["layer"] for row in rows] == ["1", "2", "3", "4"]
    assert rows[0]["role"] == "contracting"
    assert "dilution complète du lien de" in rows[0]["chain_quote"]


def test_07_workers(store) -> None:
    rows = answer(store, "07-workers")
    fuentes = [row for row in rows if row["worker"] == "Oskarina Fuentes"]
    assert fuentes and all(
        r["lives_in"] in ("Colombie", "Colombia") and "Appen" in r["platforms"] for r in fuentes
    )
    pay = [(r["amount"], r["currency"]) for r in fuentes]
    assert [(amount, currency) for amount, currency in pay if amount][:2] == [
        ("500", "USD"),
        ("1410000", "COP"),
    ]


def test_07_lists_levels_of_pay_not_differences() -> None:
    """On the built graph, "Il gagne environ 200 dollars de plus" is a difference: it is no
    amount of Martín Lossada's income, and the level before 2022 keeps its open period."""
    rows = answer(q.open_graph(REAL), "07-workers")
    lossada = [row for row in rows if row["worker"] == "Martín Lossada"]
    assert lossada and all(row["amount"] in ("", None) for row in lossada)
    fuentes = [row for row in rows if row["worker"] == "Oskarina Fuentes"]
    assert ("500", "../2022") in {(row["amount"], row["period"]) for row in fuentes}
    # her per-task pay ("payées entre 5 et 25 centimes") is hers, not Appen's
    assert ("0.05", "0.25", "USD") in {(row["min"], row["max"], row["currency"]) for row in fuentes}


def test_08_corroboration(store) -> None:
    rows = answer(store, "08-corroboration")
    corroborated = [row["figure"] for row in rows if row["status"] == "corroborated"]
    assert any("15000" in figure or "15 000" in figure for figure in corroborated)
    assert any("260000" in figure or "260 000" in figure for figure in corroborated)
    assert all(int(row["documents"]) > 1 for row in rows if row["status"] == "corroborated")


def _summarised(path: Path) -> list[Path]:
    """A hand-written graph and, beside it, the summaries the build would add to it
    (`assemble/summaries.py`): what queries 08 and 12 read."""
    import pyoxigraph as ox

    terms = [
        (str(t.subject), str(t.predicate), str(t.object))
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    ]
    out = path.with_suffix(".summaries.nt")
    out.write_text("".join(f"{s} {p} {o} .\n" for s, p, o in sorted(corpus_summaries(terms))))
    return [path, out]


def test_08_disagreement_lists_every_value_of_one_measure(tmp_path: Path) -> None:
    """Two documents give two values of one measure, a third gives the same measure's first
    value again and a fourth another measure: one row, both values, the three documents."""
    kg = tmp_path / "kg.ttl"
    docs = "".join(
        f"<document/d{i}> dcterms:title 'Doc {i}'@fr .\n"
        f"<evidence/d{i}/0-9> plo:inDocument <document/d{i}> .\n"
        for i in range(1, 5)
    )
    kg.write_text(
        "@prefix plo: <https://w3id.org/platform-labour/ontology#> .\n"
        "@base <https://w3id.org/platform-labour/id/> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + docs
        + "".join(
            f"<observation/o{i}> plo:indicator plo:WeeklyActiveWorkers ; {value} ;\n"
            f"  rdfs:label 'o{i}'@en ; plo:measureKey '{key}' ;\n"
            f"  plo:evidence <evidence/d{i}/0-9> .\n"
            for i, value, key in [
                (1, "plo:value 15000", "w — France (persons)"),
                (2, "plo:minValue 10000 ; plo:maxValue 20000", "w — France (persons)"),
                (3, "plo:value 15000", "w — France (persons)"),
                (4, "plo:value 50000", "w — Spain (persons)"),
            ]
        ),
        encoding="utf-8",
    )
    with q.open_graph(_summarised(kg)) as graph:
        rows = answer(graph, "08-corroboration")
    assert rows == [
        {
            "status": "disagreement",
            "figure": "w — France (persons)",
            "other_figure": rows[0]["other_figure"],
            "documents": "3",
            "sources": rows[0]["sources"],
        }
    ]
    assert sorted(rows[0]["other_figure"].split(" | ")) == ["10000–20000", "15000"]
    assert sorted(rows[0]["sources"].split(" | ")) == ["Doc 1", "Doc 2", "Doc 3"]


def test_09_people(store) -> None:
    rows = {row["person"]: row for row in answer(store, "09-people-cited")}
    assert "Télécom Paris" in rows["Antonio Casilli"]["affiliations"]
    assert "Oxford Internet Institute" in rows["Óscar Maldonado"]["affiliations"]


def test_10_research_and_regulation(store) -> None:
    rows = {row["organisation"]: row for row in answer(store, "10-research-and-regulation")}
    assert "union" in rows["Force ouvrière"]["kind"]
    assert "partenaire de cette étude" in rows["Force ouvrière"]["context"]
    assert rows["France Stratégie"]["kind"] == "public body"


def test_11_demand(store) -> None:
    rows = answer(store, "11-demand-trends")
    quotes = " ".join(row["quote"] for row in rows)
    assert "l’IA générative a réduit la demande" in quotes
    assert any("generative" in row["trend"] for row in rows)


def test_12_conditions(store) -> None:
    rows = answer(store, "12-working-conditions")
    quotes = " ".join(row["quote"] for row in rows)
    assert "contrat de travail" in quotes and "pas rémunéré" in quotes
    assert "contenus violents" in quotes


def test_13_review_queue(store) -> None:
    rows = answer(store, "13-review-queue", max_confidence="1.01")
    assert rows and all(float(row["confidence"]) < 1.01 for row in rows)
    # one page, least confident first, one row per fact and span
    keys = [(float(row["confidence"]), row["document"], int(row["start"])) for row in rows]
    assert len(rows) <= 200 and keys == sorted(keys)
    assert len({(row["fact"], row["document"], row["start"]) for row in rows}) == len(rows)
    lowest = answer(store, "13-review-queue", max_confidence=str(keys[0][0] + 0.001))
    assert {row["confidence"] for row in lowest} == {rows[0]["confidence"]}
    strict = answer(store, "13-review-queue", max_confidence="0")
    assert strict == []


def test_14_organisation_by_alias(store) -> None:
    rows = answer(store, "14-organisation", organisation="wirk")
    assert column(rows, "organisation") == {"Foule Factory"}
    assert ("also called", "Wirk") in {(row["aspect"], row["value"]) for row in rows}
    appen = answer(store, "14-organisation")
    assert ("← worksOn", "Oskarina Fuentes") in {(row["aspect"], row["value"]) for row in appen}


def test_15_document(store) -> None:
    rows = answer(store, "15-document")
    assert [int(row["start"]) for row in rows] == sorted(int(row["start"]) for row in rows)
    assert any(row["fact"] == "Oskarina Fuentes worksOn Appen" for row in rows)


# --- parameters are values, never query text ----------------------------------------------

INJECTIONS = [
    'Appen" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    "Appen' } UNION { ?org ?p ?o } #",
    "}} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_parameter_with_sparql_is_a_plain_value(fixture_store, value: str) -> None:
    assert answer(fixture_store, "14-organisation", organisation=value) == []
    assert answer(fixture_store, "03-microworker-counts", area=value) == []
    assert answer(fixture_store, "13-review-queue", max_confidence=value) == []


def test_iri_parameter_takes_prefixed_names_and_refuses_broken_iris(
    tmp_path: Path, fixture_store
) -> None:
    path = tmp_path / "by-iri.rq"
    path.write_text(
        "#+ summary: label of an organisation\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?_organisation_iri ?label WHERE { ?_organisation_iri rdfs:label ?label }\n",
        encoding="utf-8",
    )
    saved = q.read_query(path)
    assert saved.parameters == ("organisation_iri",)
    result = q.execute(saved, fixture_store, {"organisation_iri": "pld:organisation/appen"})
    assert q.visible(result) == (["label"], [["Appen"]])
    with pytest.raises(LabourgraphError, match=r"organisation_iri.*not an IRI"):
        q.execute(saved, fixture_store, {"organisation_iri": 'x:a" } ; DROP ALL'})


def test_missing_and_unknown_parameters(fixture_store, tmp_path: Path) -> None:
    with pytest.raises(LabourgraphError, match="unknown parameter 'nope'"):
        q.execute(q.find_query("14"), fixture_store, {"nope": "1"})
    path = tmp_path / "needs.rq"
    path.write_text("SELECT ?_x WHERE { }\n", encoding="utf-8")
    with pytest.raises(LabourgraphError, match="'x' needs a value"):
        q.execute(q.read_query(path), fixture_store)


# --- errors are one line naming the file and position -------------------------------------


def test_syntax_error_names_file_line_and_column(tmp_path: Path, fixture_store) -> None:
    path = tmp_path / "broken.rq"
    path.write_text(
        "#+ summary: broken\nSELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER( }\n", encoding="utf-8"
    )
    for engine_graph in (fixture_store, q.open_graph(FIXTURE, engine="rdflib")):
        with pytest.raises(LabourgraphError) as err:
            q.execute(q.read_query(path), engine_graph)
        message = str(err.value)
        line = int(message.removeprefix(f"{path}:").split(":")[0])
        assert line >= 4 and "SPARQL syntax error" in message
        assert "\n" not in message


def test_unknown_query_is_one_clear_line() -> None:
    with pytest.raises(LabourgraphError, match="unknown query 'no-such-question'") as err:
        q.find_query("no-such-question")
    assert "\n" not in str(err.value)


def test_queries_are_found_by_number_short_name_and_path() -> None:
    assert q.find_query("5").name == q.find_query("pay-rates").name == "05-pay-rates"
    assert q.find_query(str(q.QUERY_DIR / "05-pay-rates.rq")).name == "05-pay-rates"


@pytest.mark.parametrize(
    "body, keyword",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { service<http://127.0.0.1:9/>{ ?s ?p ?o } }", "service"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", "FROM"),
        ("LOAD <file:///etc/passwd>", "LOAD"),
    ],
)
def test_remote_and_file_access_refused_before_running(
    tmp_path: Path, body: str, keyword: str
) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("#+ summary: x\n" + body + "\n", encoding="utf-8")
    with pytest.raises(LabourgraphError, match=rf"{path}:2:\d+: {keyword} refused"):
        q.read_query(path)


def test_keywords_inside_strings_comments_and_names_are_not_refused(
    tmp_path: Path, fixture_store
) -> None:
    path = tmp_path / "fine.rq"
    path.write_text(
        "# SERVICE and LOAD in a comment\n"
        "PREFIX ex: <http://example.org/SERVICE#>\n"
        'SELECT ?x WHERE { BIND("FROM SERVICE LOAD" AS ?x) FILTER(?x != ex:load) }\n',
        encoding="utf-8",
    )
    assert q.visible(q.execute(q.read_query(path), fixture_store)) == (
        ["x"],
        [["FROM SERVICE LOAD"]],
    )


def test_runaway_query_is_stopped(tmp_path: Path, fixture_store) -> None:
    path = tmp_path / "slow.rq"
    path.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n", encoding="utf-8"
    )
    with pytest.raises(LabourgraphError, match=r"query stopped after 0\.2 s"):
        q.execute(q.read_query(path), fixture_store, timeout=0.2)


# --- output --------------------------------------------------------------------------------


def test_formats_hold_the_same_rows(fixture_store) -> None:
    result = q.execute(q.find_query("03"), fixture_store)
    columns, rows = q.visible(result)
    assert "_area" not in columns and "_area" in result.columns
    parsed = list(csv.reader(io.StringIO(q.render(result, "csv"))))
    assert parsed == [columns, *rows]
    data = json.loads(q.render(result, "json"))
    assert data["columns"] == columns
    assert [[str(v) if v is not None else "" for v in r.values()] for r in data["rows"]] == rows
    markdown = q.render(result, "markdown").splitlines()
    assert markdown[0] == "| " + " | ".join(columns) + " |" and len(markdown) == len(rows) + 2
    table = q.render(result, "table").splitlines()
    assert table[0].split() == columns and table[-1] == f"({len(rows)} rows)"
    assert all(len(line) <= len(table[1]) for line in table[2:-1])


def test_output_is_typed_numbers_stay_numbers_missing_is_null(fixture_store) -> None:
    """Query 03 gives values (decimals), no min/max (unbound) and counts (integers)."""
    result = q.execute(q.find_query("03"), fixture_store)
    rows = json.loads(q.render(result, "json"))["rows"]
    assert [row["value"] for row in rows] == [15000, 50000, 260000]
    assert all(row["min"] is None and row["max"] is None for row in rows)
    assert all(isinstance(row["documents"], int) for row in rows)
    assert isinstance(rows[0]["population"], str)
    # SPARQL 1.1 JSON results: the numeric datatype kept, a missing value left out
    answer = json.loads(q.render(result, "sparql-json"))
    assert answer["head"]["vars"] == [c for c in result.columns if not c.startswith("_")]
    first = answer["results"]["bindings"][0]
    assert first["value"]["datatype"].endswith("#decimal") and first["value"]["value"] in (
        "15000",
        "15000.0",
    )
    assert first["documents"]["datatype"].endswith("#integer")
    assert "min" not in first and "max" not in first
    # CSV leaves a missing value empty; Markdown and the table write a dash
    csv_rows = list(csv.DictReader(io.StringIO(q.render(result, "csv"))))
    assert csv_rows[0]["min"] == "" and csv_rows[0]["value"] == "15000"
    markdown = q.render(result, "markdown").splitlines()[2]
    assert f"| {q.MISSING} | {q.MISSING} |" in markdown
    assert q.MISSING in q.render(result, "table").splitlines()[2]


def test_an_empty_string_is_missing_too(fixture_store) -> None:
    """Queries write "" where a list is empty (01's aliases): null in JSON, like unbound."""
    rows = json.loads(q.render(q.execute(q.find_query("01"), fixture_store), "json"))["rows"]
    assert any(row["aliases"] is None for row in rows)
    assert all(row["aliases"] != "" for row in rows)


def test_cli_lists_and_runs_queries() -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["queries"])
    assert listing.exit_code == 0 and "05-pay-rates" in listing.output
    args = ["query", "14", "--param", "organisation=Wirk", "--format", "csv"]
    args += ["--graph", str(FIXTURE[0]), "--ontology", str(FIXTURE[1])]
    ran = runner.invoke(cli, args)
    assert ran.exit_code == 0, ran.output
    assert ran.output.splitlines()[0] == "organisation,aspect,value,quote,document"
    assert "Foule Factory,also called,Wirk" in ran.output


# --- class lists written into the queries (for speed) follow the ontology --------------------

CLASS_LISTS = {
    "01-platforms": ("class", ["Platform"]),
    # a photo credit names who took a picture, not someone the text cites
    "09-people-cited": ("class", ["Person"], ["Photographer"]),
    "10-research-and-regulation": ("class", ["ResearchBody", "University", "Union", "PublicBody"]),
    "11-demand-trends": ("class", ["DemandTrendStatement"]),
    "12-working-conditions": ("family", ["WorkingConditionStatement", "RiskStatement"]),
    "14-organisation": ("orgClass", ["Organisation"]),
}


@pytest.fixture(scope="module")
def ontology_store():
    return load_store([q.DEFAULT_GRAPHS[1]])


@pytest.mark.parametrize("name", sorted(CLASS_LISTS))
def test_listed_classes_are_the_ontology_subclasses(ontology_store, name: str) -> None:
    """Queries list a class and its subclasses in VALUES (pyoxigraph plans that far better than
    rdfs:subClassOf*); each list must stay what the ontology says, and where a query repeats the
    list (in a sub-query), every copy must."""
    variable, roots, *left_out = CLASS_LISTS[name]
    expected = {
        str(row[0].value).rsplit("#", 1)[1]
        for root in roots
        for row in ontology_store.query(
            "SELECT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            f"<https://w3id.org/platform-labour/ontology#{root}> }}"
        )
    } - {c for names in left_out for c in names}
    lists: list[set[str]] = []
    text = q.find_query(name).text
    for head, body in re.findall(r"VALUES\s+(\([^)]*\)|\?\w+)\s*\{([^}]*)\}", text):
        names = head.strip("()").split()
        if f"?{variable}" not in names:
            continue
        rows = re.findall(r"\(([^)]*)\)", body) if head.startswith("(") else body.split()
        column = names.index(f"?{variable}")
        lists.append({row.split()[column].removeprefix("plo:") for row in rows})
    assert lists and all(listed == expected for listed in lists)


# --- parameters bound by VALUES: the queries travel -----------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_query_runs_as_it_is_with_its_defaults(name: str) -> None:
    """The file's own text, run by a plain store with no binding, gives the rows the engine
    gives with the defaults: every parameter has its default in the query (VALUES or BIND)."""
    saved = q.find_query(name)
    store = load_store(FIXTURE)
    plain = q.visible(q._evaluate(store, saved.text, saved.path))
    assert plain == q.visible(q.execute(saved, store, timeout=None))
    blocks = {block.name for block in q.default_blocks(saved.text)}
    blocks |= {block.name for block in q.language_blocks(saved.text)}
    blocks |= {block.name for block in q.paging_blocks(saved.text, saved.paging)}
    assert blocks == set(saved.parameters), "every parameter has a default block"
    header = q._defaults(q.parse_header(saved.text, name).get("defaults"), name)
    assert all(saved.defaults[key] == value for key, value in header.items())


HOSTILE = [
    'Appen" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    'back\\slash \\" quote\nnew line\r\ttab',
    "}} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "'''",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_bound_value_is_one_literal_whatever_it_holds(tmp_path: Path, value: str) -> None:
    """VALUES and BIND defaults are replaced, a parameter with no default gets a VALUES block:
    each returns exactly the value given."""
    path = tmp_path / "echo.rq"
    path.write_text(
        "SELECT ?a ?b ?c WHERE {\n"
        '  { SELECT ?a WHERE { VALUES ?_first { "one" } BIND(?_first AS ?a) } }\n'
        '  { SELECT ?b WHERE { BIND("two" AS ?_second) BIND(?_second AS ?b) } }\n'
        "  BIND(?_third AS ?c)\n"
        "}\n",
        encoding="utf-8",
    )
    saved = q.read_query(path)
    assert saved.defaults == {"first": "one", "second": "two"}
    params = {"first": value, "second": value + "2", "third": value + "3"}
    result = q.execute(saved, load_store(FIXTURE), params, timeout=None)
    assert [[str(term) for term in row] for row in result.rows] == [
        [value, value + "2", value + "3"]
    ]


def test_two_different_defaults_for_one_parameter_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.rq"
    path.write_text(
        '#+ defaults:\n#+   - x: "a"\nSELECT ?_x WHERE { VALUES ?_x { "b" } }\n', encoding="utf-8"
    )
    with pytest.raises(LabourgraphError, match="'x' has two defaults"):
        q.read_query(path)


# --- one label per node, in the language asked ----------------------------------------------

TEXT_COLUMNS = ("quote", "context", "sources", "source", "document")
"""Columns of document text and titles: a French quote may be a term's French label."""
FIXED_COLUMNS = ("aspect", "status")
"""Columns of words the query writes itself ("statement", "corroborated"), not labels."""


def _labels(paths: list[Path]) -> dict[str, dict[str, str]]:
    """node -> {language tag or "": label} for every labelled node."""
    store = load_store(paths)
    found: dict[str, dict[str, str]] = {}
    for row in store.query(
        "SELECT ?x ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    ):
        found.setdefault(str(row[0].value), {})[row[1].language or ""] = row[1].value
    return found


def _items(cell: str) -> list[str]:
    return [cell, *re.split(r", | \| ", cell)]


@pytest.mark.parametrize("graph", sorted(GRAPHS))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_query_lists_a_node_twice_and_labels_are_in_the_language(graph: str, lang: str) -> None:
    """On the seed graph and the fixture, in English and in French: no two rows (nor two items
    of one list) differ only by which label of one node they show, and a term labelled in
    both languages shows the asked one."""
    labels = _labels(GRAPHS[graph])
    bilingual = {node: tags for node, tags in labels.items() if {"en", "fr"} <= set(tags)}
    node_of = {label: node for node, tags in bilingual.items() for label in tags.values()}
    other = "fr" if lang == "en" else "en"
    shown_somewhere = {  # the label each node shows in `lang`, by the shared rule
        pick_label([Literal(text, lang=tag or None) for tag, text in tags.items()], lang)
        for tags in labels.values()
    }
    wrong = {tags[other] for tags in bilingual.values()} - shown_somewhere
    store = load_store(GRAPHS[graph])
    checked = 0
    for name in NAMES:
        saved = q.find_query(name)
        params = {"lang": lang} if "lang" in saved.parameters else {}
        columns, rows = q.visible(q.execute(saved, store, params, timeout=None))
        canonical = []
        for row in rows:
            cells = []
            for column, cell in zip(columns, row, strict=True):
                if any(word in column for word in TEXT_COLUMNS):
                    cells.append(cell)
                    continue
                items = _items(cell)[1:] if ", " in cell or " | " in cell else [cell]
                nodes = [node_of.get(item, item) for item in items]
                assert len(nodes) == len(set(nodes)), f"{name}: a node listed twice in {cell!r}"
                fixed = column in FIXED_COLUMNS
                shown = [item for item in _items(cell) if item in wrong and not fixed]
                assert not shown, f"{name} --lang {lang}: {shown} is in the other language"
                cells.append(tuple(sorted(nodes)))
                checked += len(items)
            canonical.append(tuple(cells))
        duplicates = len(canonical) - len(set(canonical))
        assert duplicates == len(rows) - len(set(map(tuple, rows))), (
            f"{name} --lang {lang}: {duplicates} rows repeat a node under its other label"
        )
    assert checked > 500


def test_labels_follow_the_language_and_fall_back_to_the_other(fixture_store) -> None:
    en, fr = answer(fixture_store, "02", lang="en"), answer(fixture_store, "02", lang="fr")
    assert en[0]["function"] == "preparation"
    assert fr[0]["function"] == "préparation"
    assert [row["function"] for row in fr][-1] == "imitation"
    # the fixture labels its task types in French only: English falls back to French
    assert "annotation d'images" in {row["task_type"] for row in en}
    assert len(en) == len(fr)
    if "built" in GRAPHS:
        with q.open_graph(GRAPHS["built"]) as built:
            en_types = {row["task_type"] for row in answer(built, "02", lang="en")}
            fr_types = {row["task_type"] for row in answer(built, "02", lang="fr")}
        assert "image annotation" in en_types and "annotation d'images" not in en_types
        assert "annotation d'images" in fr_types and "image annotation" not in fr_types
        assert len(en_types) == len(fr_types)


def test_every_label_fragment_of_the_queries_is_the_shared_one() -> None:
    """The saved queries hold `labels.label_pattern` verbatim (they must run as they are), so
    the rule is the one the networks and the report use; every LANGMATCHES is one of them,
    which is what `lang` rewrites."""
    pattern = re.compile(r"OPTIONAL \{ (\?\w+) rdfs:label \?(\w+)_l1 FILTER\(LANGMATCHES")
    found = 0
    for name in NAMES:
        text = q.find_query(name).text
        lines = [line.strip() for line in text.splitlines()]
        fragments = 0
        for i, line in enumerate(lines):
            match = pattern.match(line)
            if match:
                node, out = match.group(1), "?" + match.group(2)
                assert "\n".join(lines[i : i + 3]) == label_pattern(node, out), (name, node)
                fragments += 1
        assert fragments == text.count("LANGMATCHES") == len(q.language_blocks(text)), name
        found += fragments
    assert found >= 20


def test_lang_rewrites_every_label_filter_and_nothing_else() -> None:
    saved = q.find_query("15")
    english, french = q.bound_text(saved), q.bound_text(saved, {"lang": "fr"})
    assert english == saved.text
    assert french.count('"fr"') == english.count('"en"') == len(q.language_blocks(saved.text))
    assert french.replace('"fr"', '"en"') == english


# --- values checked before the query runs --------------------------------------------------

CLI = [sys.executable, "-c", "from labourgraph.cli import main; main()"]
ROOT = Path(__file__).resolve().parents[2]


def _known(kind: str, graph: list[Path]) -> set[str]:
    store = load_store(graph)
    return {
        k.value.lower() for k in query_params.known_values(kind, q.local_select(store, None), "en")
    }


@pytest.mark.parametrize(
    "args, kind, value, expected",
    [
        (["03", "--param", "area=Columbia"], "area", "Columbia",
         "no area 'Columbia' in the graph; known: Colombia"),
        (["14", "--param", "organisation=Uber"], "organisation", "Uber",
         "no organisation 'Uber' in the graph; known: "),
        (["13", "--param", "max_confidence=abc"], None, None,
         "'max_confidence' must be a decimal number, not 'abc'"),
        (["15", "--param", "document=no-such-text"], "document", "no-such-text",
         "no document 'no-such-text' in the graph; known: 00"),
    ],
)  # fmt: skip
def test_a_bad_value_is_one_line_and_exit_2(
    args: list[str], kind: str | None, value: str | None, expected: str
) -> None:
    """On the seed graph (graph/, what `labourgraph query` reads by default)."""
    if not REAL[0].is_file():
        pytest.skip("graph/ is not built")
    if kind:  # the value is really unknown in this graph, so the test can tell
        assert value is not None and value.lower() not in _known(kind, REAL)
    done = subprocess.run(
        [*CLI, "query", *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1
    assert expected in done.stderr, done.stderr


def test_known_values_pass_in_any_case(fixture_store) -> None:
    assert q.run("14", FIXTURE, {"organisation": "wIRK"}).rows
    assert q.run("15", FIXTURE, {"document": "vénézuéliens"}).rows  # words of the title
    assert q.run("15", FIXTURE, {"document": "003_fd31927c02eb1532.txt"}).rows  # file name
    assert q.run("03", FIXTURE, {"area": "france", "lang": "fr"}).rows
    with pytest.raises(LabourgraphError, match="must be one of en, fr"):
        q.run("03", FIXTURE, {"lang": "de"})


def test_a_person_parameter_is_checked_against_people(tmp_path: Path) -> None:
    path = tmp_path / "person.rq"
    path.write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        'SELECT ?p WHERE { VALUES ?_person { "Antonio Casilli" } ?p rdfs:label ?_person }\n',
        encoding="utf-8",
    )
    assert q.run(path, FIXTURE, {"person": "paola tubaro"}).columns == ("p",)
    with pytest.raises(LabourgraphError, match=r"no person 'Antonio Casili' .*Antonio Casilli \("):
        q.run(path, FIXTURE, {"person": "Antonio Casili"})


def test_kinds_in_headers_are_known_kinds(tmp_path: Path) -> None:
    path = tmp_path / "bad-kind.rq"
    path.write_text("#+ kinds:\n#+   x: colour\nSELECT ?_x WHERE { }\n", encoding="utf-8")
    with pytest.raises(LabourgraphError, match="unknown kind 'colour'"):
        q.read_query(path)
    for name in NAMES:
        saved = q.find_query(name)
        assert all(saved.kind(p) != "string" for p in saved.parameters), name


def test_queries_name_shows_parameters_with_examples_from_the_graph() -> None:
    runner = CliRunner()
    args = ["--graph", str(FIXTURE[0]), "--ontology", str(FIXTURE[1])]
    shown = runner.invoke(cli, ["queries", "14", *args])
    assert shown.exit_code == 0, shown.output
    assert "organisation: the name or an alias of an organisation" in shown.output
    examples = next(line for line in shown.output.splitlines() if "examples from" in line)
    assert "Appen (microwork platform)" in examples
    french = runner.invoke(cli, ["queries", "03", "--lang", "fr", *args]).output
    assert "France (pays)" in french and "default: France" in french
    assert "lang" not in runner.invoke(cli, ["queries"]).output.split("03-")[1].split("\n")[0]


@pytest.mark.parametrize("kind", sorted(query_params.CLASSES))
def test_class_lists_of_the_checks_are_the_ontology_subclasses(ontology_store, kind: str) -> None:
    root = query_params.CLASSES[kind][0]
    expected = {
        str(row[0].value).rsplit("#", 1)[1]
        for row in ontology_store.query(
            "SELECT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            f"<https://w3id.org/platform-labour/ontology#{root}> }}"
        )
    }
    assert set(query_params.CLASSES[kind]) == expected


# --- rewritten for speed: the same rows as before ----------------------------------------

BEFORE = DATA / "before"
"""The text of each query as it was before it was rewritten for speed (issue 19)."""
PLD = "https://w3id.org/platform-labour/id/"


def _replica(paths: list[Path], copies: int, out: Path) -> list[Path]:
    """The individuals of `paths[0]` copied `copies` times under fresh IRIs (`…-r1` …), with
    the ontology once: every query meets `copies` times as many matches."""
    import pyoxigraph as ox

    def rename(term, i: int):
        if i and isinstance(term, ox.NamedNode) and term.value.startswith(PLD):
            return ox.NamedNode(f"{term.value}-r{i}")
        return term

    triples = [quad.triple for quad in load_store([paths[0]])]
    copied = [
        ox.Triple(rename(t.subject, i), rename(t.predicate, i), rename(t.object, i))
        for i in range(copies)
        for t in triples
        if not str(t.subject).startswith(f"<{PLD}summary/")
    ]
    # the statement and figure summaries of the copy, as the build writes them (assemble/summaries)
    summaries = corpus_summaries(
        [(str(t.subject), str(t.predicate), str(t.object)) for t in copied]
    )
    nt = "".join(f"{s} {p} {o} .\n" for s, p, o in sorted(summaries))
    copied += [quad.triple for quad in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
    ox.serialize(copied, output=str(out), format=ox.RdfFormat.N_TRIPLES)
    return [out, *paths[1:]]


def _rows(result: q.Result) -> list[tuple[str, ...]]:
    """Rows as text, each GROUP_CONCAT's parts sorted (their order is the engine's), sorted."""
    return sorted(
        tuple(" | ".join(sorted(re.split(r" \| |, ", q.show(term)))) for term in row)
        for row in result.rows
    )


@pytest.fixture(scope="module")
def replica_store(tmp_path_factory: pytest.TempPathFactory):
    return load_store(_replica(FIXTURE, 10, tmp_path_factory.mktemp("replica") / "kg.nt"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(path.stem for path in BEFORE.glob("*.rq")))
@pytest.mark.parametrize("graph", ["fixture", "built", "replica x10"])
def test_rewritten_query_gives_the_rows_of_its_former_text(
    name: str, lang: str, graph: str, replica_store
) -> None:
    """A query rewritten for speed answers as its former text did (kept in tests/data/queries/
    before), on the seed graphs and on the fixture copied ten times, in both languages; and
    answers at all, so that the comparison cannot pass on two empty results."""
    if graph == "built" and "built" not in GRAPHS:
        pytest.skip("no built graph in graph/")
    store = replica_store if graph == "replica x10" else load_store(GRAPHS[graph])
    saved = q.find_query(name)
    params = {"lang": lang} if "lang" in saved.parameters else {}
    new = q.execute(saved, store, params, timeout=None)
    old = q.execute(q.read_query(BEFORE / f"{name}.rq"), store, params, timeout=None)
    assert new.columns == old.columns
    assert new.rows, f"{name} answers nothing on {graph}"
    if name in PER_NODE:
        assert _merged(new, PER_NODE[name]) == _merged(old, PER_NODE[name])
        assert graph == "replica x10" or _rows(new) == _rows(old)
    else:
        assert _rows(new) == _rows(old)


PER_NODE = {"05-pay-rates": ("platform", "quotes", "sources")}
"""Rewritten to answer one row per node where the former text merged the nodes that read
alike (05: one row per pay rate, where two rates of one value, about people of one name, were
one row with both quotes): those columns are compared merged. The copies of the fixture are
such nodes; a built graph gives a figure stated twice one node with two passages."""


def _merged(result: q.Result, columns: tuple[str, ...]) -> dict[tuple[str, ...], list[set[str]]]:
    """The rows that agree on every column but `columns`, as one, those columns' parts joined."""
    merged: dict[tuple[str, ...], list[set[str]]] = {}
    for row in result.rows:
        shown = dict(zip(result.columns, map(q.show, row), strict=True))
        key = tuple(text for column, text in shown.items() if column not in columns)
        parts = merged.setdefault(key, [set() for _ in columns])
        for part, column in zip(parts, columns, strict=True):
            part.update(re.split(r" \| |, ", shown[column]))
    return merged


# --- long answers come a page at a time ---------------------------------------------------

PAGED = [saved.name for saved in q.discover() if saved.paging]


def test_the_long_lists_are_paged() -> None:
    """The answers that grow with the corpus row by row (issue 19) take `limit` and `offset`,
    declared in the header as whole numbers."""
    assert set(PAGED) == {
        "05-pay-rates", "07-workers", "09-people-cited", "11-demand-trends", "13-review-queue",
    }  # fmt: skip
    for name in PAGED:
        saved = q.find_query(name)
        assert saved.paging == ("limit", "offset")
        assert saved.parameters[-2:] == ("limit", "offset")
        assert saved.kind("limit") == saved.kind("offset") == "integer"
        assert saved.defaults["offset"] == "0" and int(saved.defaults["limit"]) >= 200


def _whole_and_pages(saved: q.SavedQuery, store, size: int) -> tuple[list, list[list]]:
    params = {"max_confidence": "1.01"} if saved.name.startswith("13") else {}
    whole = list(q.execute(saved, store, {**params, "limit": "1000000"}, timeout=None).rows)
    pages: list[list] = []
    while len(pages) <= len(whole):  # every page, then one empty page
        given = {**params, "limit": str(size), "offset": str(size * len(pages))}
        pages.append(list(q.execute(saved, store, given, timeout=None).rows))
        if not pages[-1]:
            break
    return whole, pages


@pytest.mark.parametrize("name", PAGED)
@pytest.mark.parametrize("graph", ["fixture", "built", "replica x10"])
def test_pages_put_together_are_the_whole_answer(name: str, graph: str, replica_store) -> None:
    """Pages of three rows, one after the other, give the rows of the whole answer in its
    order, none twice; at the seeds' scale the first page of the default size is all of it."""
    if graph == "built" and "built" not in GRAPHS:
        pytest.skip("no built graph in graph/")
    store = replica_store if graph == "replica x10" else load_store(GRAPHS[graph])
    saved = q.find_query(name)
    whole, pages = _whole_and_pages(saved, store, 3)
    assert len(whole) > 3, f"{name} has one page only on {graph}: nothing to page"
    assert pages[-1] == [] and all(pages[:-1])
    # none twice nor missing: the pages put together are the whole answer, row for row (two
    # rows may read alike, as two statements quoting one passage do, in both)
    assert [row for page in pages for row in page] == whole
    params = {"max_confidence": "1.01"} if name.startswith("13") else {}
    first = list(q.execute(saved, store, params, timeout=None).rows)
    size = int(saved.defaults["limit"])
    assert first == whole[:size]
    if not name.startswith("13"):  # the whole queue of 13, confidence < 1.01, is its own test
        assert len(whole) <= size, "at the seeds' scale the first page holds every row"


@pytest.mark.parametrize("value", ["-1", "ten", "1.5", "", "5 OFFSET 2", "5; DROP ALL"])
def test_a_page_size_is_a_whole_number(fixture_store, value: str) -> None:
    with pytest.raises(LabourgraphError, match="'limit' must be a whole number of rows"):
        q.execute(q.find_query("11"), fixture_store, {"limit": value})
    with pytest.raises(LabourgraphError, match="'offset' must be a whole number of rows"):
        q.bound_text(q.find_query("05"), {"offset": value})


def test_paging_binds_the_numbers_of_the_page_and_nothing_else() -> None:
    saved = q.find_query("11")
    text = q.bound_text(saved, {"limit": "7", "offset": "+14"})
    assert re.search(r"\bLIMIT 7\s+OFFSET 14\b", text)
    assert "500" not in text.split("LIMIT 7")[0].split("#+ kinds")[1].replace("(15,000", "")
    assert text.replace("LIMIT 7", "LIMIT 500").replace("OFFSET 14", "OFFSET 0") == saved.text


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "needs exactly one `LIMIT n` (found 0)"),
        ("SELECT ?s WHERE { ?s ?p ?o } # LIMIT 5", "needs exactly one `LIMIT n` (found 0)"),
        ("SELECT ?s WHERE { ?s ?p 'LIMIT 5' }", "needs exactly one `LIMIT n` (found 0)"),
        (
            "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } } LIMIT 5",
            "needs exactly one `LIMIT n` (found 2)",
        ),
        ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 6", "'limit' has two defaults, '5' and '6'"),
        ("SELECT ?_limit WHERE { ?s ?p ?o } LIMIT 5", "no variable `?_limit`"),
    ],
)
def test_a_paged_query_has_one_limit_of_its_default(
    tmp_path: Path, body: str, problem: str
) -> None:
    path = tmp_path / "paged.rq"
    path.write_text(f'#+ defaults:\n#+   - limit: "5"\n{body}\n', encoding="utf-8")
    with pytest.raises(LabourgraphError) as raised:
        q.read_query(path)
    assert problem in str(raised.value)
    text = '#+ defaults:\n#+   - limit: "5"\nSELECT ?s WHERE { ?s ?p ?o } limit 5\n'
    path.write_text(text, encoding="utf-8")
    assert q.read_query(path).parameters == ("limit",)


def test_the_cli_gets_the_next_page() -> None:
    """`labourgraph query 11 --param offset=N` is the next page; `queries 11` shows both."""
    runner = CliRunner()
    args = ["--graph", str(FIXTURE[0]), "--ontology", str(FIXTURE[1]), "--format", "csv"]
    whole = runner.invoke(cli, ["query", "11", *args])
    first = runner.invoke(cli, ["query", "11", "--param", "limit=2", *args])
    second = runner.invoke(cli, ["query", "11", "--param", "limit=2", "--param", "offset=2", *args])
    assert whole.exit_code == first.exit_code == second.exit_code == 0, second.output
    lines = whole.output.splitlines()
    assert len(lines) > 4
    assert first.output.splitlines() == lines[:3]
    assert second.output.splitlines() == [lines[0], *lines[3:5]]
    shown = runner.invoke(cli, ["queries", "11", "--graph", str(FIXTURE[0])]).output
    assert "--param limit=500" in shown and "--param offset=0" in shown
