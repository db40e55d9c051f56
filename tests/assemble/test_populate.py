"""`labourgraph.assemble.populate`: the provenance pattern of docs/graph-model.md, applied by the
Assembler to everything the extraction found."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from labourgraph import build
from labourgraph.assemble.assembler import (
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    Assembler,
    context_window,
    decimal_literal,
)
from labourgraph.assemble.populate import measure_key, populate
from labourgraph.check.shacl import validate
from labourgraph.core.ntlines import SpilledRuns
from labourgraph.core.rdfio import load_graph, nt_term
from labourgraph.core.vocab import PLD, PLO
from labourgraph.extract.document import DocumentFacts
from labourgraph.extract.mentions import Mention
from labourgraph.extract.relations import Relation
from labourgraph.intake.corpus import Document, read_document
from labourgraph.link.entities import link
from labourgraph.publish import queries

XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

TEXT = (
    "Le microtravail en France\n"
    "Selon la chercheuse Inès Garnier, 15 000 personnes font du microtravail sur Appen en France. "
    "Garnier le répète : 15 000 personnes font du microtravail sur Appen en France.\n"
)


pytestmark = pytest.mark.usefixtures("cold_cache")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, str]:
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "m01_mini.txt").write_text(TEXT, encoding="utf-8")
    result = build.run(corpus)
    return result.graph, TEXT


def test_decimal_literals_are_canonical() -> None:
    assert decimal_literal(Decimal("15000")) == Literal("15000.0", datatype=XSD_DECIMAL)
    assert decimal_literal(Decimal("0.050")) == Literal("0.05", datatype=XSD_DECIMAL)
    assert decimal_literal(Decimal("1E+3")) == Literal("1000.0", datatype=XSD_DECIMAL)
    assert str(decimal_literal(Decimal("7.5"))) == "7.5"


def _assembler(tmp_path: Path) -> tuple[Assembler, str]:
    path = tmp_path / "a01_doc.txt"
    path.write_text("  Appen paie peu.  Appen paie peu.\n", encoding="utf-8")
    document = read_document(path, {"language": "fr", "title": "Doc"})
    asm = Assembler(Graph())
    asm.add_document(document)
    return asm, document.doc_id


def test_a_document_records_its_source_licence_digest_and_length(tmp_path: Path) -> None:
    """What a release keeps when the text is left out (issue 17)."""
    import hashlib

    from rdflib.namespace import DCTERMS

    text = "\ufeffAppen paie peu, écrit-elle.\n"
    path = tmp_path / "a02_doc.txt"
    path.write_bytes(text.encode("utf-8"))
    meta = {"language": "fr", "title": "Doc", "url": "https://example.org/a", "license": "CC0-1.0"}
    document = read_document(path, meta)
    asm = Assembler(Graph())
    doc = asm.add_document(document)
    g = asm.render()
    body = text[1:]  # the byte-order mark is not part of the text the offsets count in
    assert str(g.value(doc, PLO.textSha256)) == hashlib.sha256(body.encode()).hexdigest()
    assert g.value(doc, PLO.textLength).toPython() == len(body)
    assert g.value(doc, DCTERMS.source) == URIRef("https://example.org/a")
    assert g.value(doc, DCTERMS.license) == URIRef("https://spdx.org/licenses/CC0-1.0")


def test_evidence_is_trimmed_and_keeps_the_most_confident_method(tmp_path: Path) -> None:
    asm, doc_id = _assembler(tmp_path)
    first = asm.evidence(doc_id, 0, 17, "rules", 0.5)
    second = asm.evidence(doc_id, 2, 17, "lexicon", 0.95)
    assert first == second == PLD[f"evidence/{doc_id}/2-17"]
    g = asm.render()
    assert g.value(first, PLO.quote) == Literal("Appen paie peu.")
    assert g.value(first, PROV.wasGeneratedBy) == PLD["activity/lexicon"]
    assert g.value(first, PLO.confidence) == Literal(Decimal("0.95"), datatype=XSD_DECIMAL)
    assert (PLD["activity/lexicon"], PLO.method, PLO.AutomaticRule) in g
    assert (PLD["activity/rules"], RDF.type, PLO.ExtractionActivity) not in g  # unused


def test_object_facts_get_an_axiom_and_literal_facts_do_not(tmp_path: Path) -> None:
    asm, doc_id = _assembler(tmp_path)
    one = asm.evidence(doc_id, 2, 17, "relation-rules", 0.7)
    two = asm.evidence(doc_id, 19, 34, "relation-rules", 0.7)
    s, o = PLD["person/a"], PLD["organisation/appen"]
    asm.fact(s, PLO.worksOn, o, one)
    asm.fact(s, PLO.worksOn, o, two)
    asm.fact(s, RDF.type, PLO.Worker, one)
    g = asm.render()
    axioms = list(g.subjects(RDF.type, OWL.Axiom))
    assert len(axioms) == 1
    (axiom,) = axioms
    assert g.value(axiom, OWL.annotatedSource) == s
    assert g.value(axiom, OWL.annotatedProperty) == PLO.worksOn
    assert g.value(axiom, OWL.annotatedTarget) == o
    assert set(g.objects(axiom, PLO.evidence)) == {one, two}


@pytest.mark.slow
def test_the_mini_corpus_follows_the_graph_model(mini: tuple[Graph, str]) -> None:
    g, text = mini
    assert not [t for triple in g for t in triple if isinstance(t, BNode)]
    doc = PLD["document/m01_mini"]
    assert g.value(doc, PLO.text) == Literal(text)
    for evidence in g.subjects(RDF.type, PLO.Evidence):
        start = int(g.value(evidence, PLO.startOffset))
        end = int(g.value(evidence, PLO.endOffset))
        assert str(g.value(evidence, PLO.quote)) == text[start:end]
        assert str(evidence).endswith(f"/{start}-{end}")
        assert len(list(g.objects(evidence, PROV.wasGeneratedBy))) == 1


def test_a_figure_stated_twice_is_one_observation_with_two_spans(mini: tuple[Graph, str]) -> None:
    g, _text = mini
    observations = [
        o
        for o in g.subjects(PLO.value, decimal_literal(Decimal(15000)))
        if (o, RDF.type, PLO.StatisticalObservation) in g
    ]
    assert len(observations) == 1
    (observation,) = observations
    assert len(list(g.objects(observation, PLO.evidence))) == 2
    assert g.value(observation, PLO.unit) == Literal("persons")
    population = g.value(observation, PLO.population)
    assert population == PLD["population/microworkers-in-france"]
    assert (population, RDF.type, PLO.WorkerPopulation) in g


def test_entities_are_typed_labelled_and_evidenced(mini: tuple[Graph, str]) -> None:
    g, _text = mini
    appen = PLD["organisation/appen"]
    assert (appen, RDF.type, PLO.MicroworkPlatform) in g
    assert g.value(appen, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal("Appen")
    assert len(list(g.objects(appen, PLO.evidence))) == 2
    garnier = PLD["person/ines-garnier"]
    assert (garnier, RDF.type, PLO.Researcher) in g
    assert len(list(g.objects(garnier, PLO.evidence))) == 2  # the surname alone too
    assert (PLD["document/m01_mini"], PLO.mentions, appen) in g


@settings(max_examples=300)
@given(
    st.text(alphabet=st.sampled_from("ab é\n\t.’"), min_size=1, max_size=400),
    st.data(),
)
def test_a_context_holds_its_span_on_one_line_cut_at_words(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    context = context_window(text, start, end)
    inner = context.removeprefix("…").removesuffix("…")
    assert " ".join(text[start:end].split()) in inner
    assert "\n" not in context and "\t" not in context and "  " not in inner
    assert inner == inner.strip()
    # the words around it are a stretch of the text, no longer than the window
    assert inner in " ".join(text.split())
    assert len(inner) <= end - start + CONTEXT_BEFORE + CONTEXT_AFTER
    assert context.startswith("…") or inner.split()[:1] == text.split()[:1]


def test_a_context_stops_at_whole_words() -> None:
    text = "Le laboratoire DiPLab (Digital Platform Labor) étudie le travail du clic en France."
    start = text.index("DiPLab")
    context = context_window(text, start, start + len("DiPLab"))
    assert context == text  # shorter than the window: the whole text, no ellipsis
    long = "mot " * 20 + text + " suite" * 60
    start = long.index("DiPLab")
    context = context_window(long, start, start + 6)
    assert context.startswith("…") and context.endswith("…")
    words = context.strip("…").split()
    assert all(word in long.split() for word in words)  # no word cut in two
    assert "DiPLab" in words


@pytest.mark.slow
def test_every_organisation_span_and_only_those_has_a_context() -> None:
    g = load_graph(Path(__file__).resolve().parents[2] / "graph" / "platform-labour-kg.ttl")
    ontology = load_graph(Path(__file__).resolve().parents[2] / "ontology" / "platform-labour.ttl")
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, PLO.Organisation))
    organisations = {s for s, o in g.subject_objects(RDF.type) if o in classes}
    spans = {ev for org in organisations for ev in g.objects(org, PLO.evidence)}
    with_context = set(g.subjects(PLO.context, None))
    assert spans and with_context == spans
    for span in spans:
        assert " ".join(str(g.value(span, PLO.quote)).split()) in str(g.value(span, PLO.context))


def test_measure_key_names_what_is_measured_without_the_value() -> None:
    assert (
        measure_key("weekly active workers", "microworkers in France", "persons", None, None)
        == "weekly active workers — microworkers in France (persons)"
    )
    assert (
        measure_key("monthly income", "Oskarina Fuentes", "COP", "month", "2024")
        == "monthly income — Oskarina Fuentes (COP per month, 2024)"
    )


def test_the_mini_corpus_observation_has_its_measure_key(mini: tuple[Graph, str]) -> None:
    g, _text = mini
    keyed = {
        (obs, str(key))
        for obs, key in g.subject_objects(PLO.measureKey)
        if (obs, PLO.indicator, None) in g
    }
    assert keyed, "the mini corpus states a figure about a population"
    for obs, key in keyed:
        assert "15000" not in key and key.endswith("(persons)"), key
        subject = g.value(obs, PLO.population) or g.value(obs, PLO.aboutOrganisation)
        assert f" — {g.value(subject, RDFS.label)} (" in key


@pytest.mark.slow
def test_measure_keys_are_what_the_graph_says_each_observation_measures() -> None:
    """Recomputed from the built graph's own triples (indicator label, subject labels, unit,
    per-unit, direction unless a level, period stated or else inferred): one key per subject,
    none for a figure about no one in particular."""
    root = Path(__file__).resolve().parents[2]
    g = load_graph(root / "graph" / "platform-labour-kg.ttl")
    ontology = load_graph(root / "ontology" / "platform-labour.ttl")
    expected, observations = set(), set(g.subjects(PLO.indicator, None))
    for obs in observations:
        indicator = g.value(obs, PLO.indicator)
        labels = ontology.objects(indicator, RDFS.label)
        (english,) = [label for label in labels if label.language == "en"]
        per = g.value(obs, PLO.perUnit)
        # the period as stated, else as inferred from the document's date
        period = g.value(obs, PLO.refPeriod) or g.value(obs, PLO.inferredPeriod)
        direction = str(g.value(obs, PLO.direction)).rsplit("#", 1)[-1]
        change = f", {direction.lower()}" if direction != "Level" else ""
        for prop in (PLO.population, PLO.aboutOrganisation, PLO.aboutPerson):
            for subject in g.objects(obs, prop):
                for label in g.objects(subject, RDFS.label):
                    key = f"{english} — {label} ({g.value(obs, PLO.unit)}"
                    key += (f" per {per}" if per else "") + change
                    key += f", {period}" if period else ""
                    expected.add((obs, Literal(key + ")")))
    written = set(g.subject_objects(PLO.measureKey))
    assert {obs for obs, _ in written} <= observations
    assert len(expected) > 10 and written == expected


def test_facts_point_at_the_entity_linking_chose(tmp_path: Path) -> None:
    text = "Inès Garnier travaille sur Appen. Garnier travaille sur Appen.\n"
    path = tmp_path / "a01_doc.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, {"language": "fr", "title": "Doc"})
    full = Mention(0, 12, "Inès Garnier", "Worker", "person", "ner", 0.7)
    surname = Mention(34, 41, "Garnier", "Worker", "person", "ner", 0.7)
    appen = Mention(56, 61, "Appen", "MicroworkPlatform", "organisation", "ner", 0.7)
    works = Relation(surname, PLO.worksOn, appen, 34, 61, "rules", 0.7)
    facts = DocumentFacts(document.doc_id, [full, surname, appen], relations=[works])
    linked = link({document.doc_id: facts.mentions}, {document.doc_id: text})
    triples = populate([document], [facts], linked, Graph()).render_triples()
    garnier, appen_iri = PLD["person/ines-garnier"], PLD["organisation/appen"]
    assert (nt_term(garnier), nt_term(PLO.worksOn), nt_term(appen_iri)) in triples
    assert not any(s == nt_term(PLD["person/garnier"]) for s, _p, _o in triples)


def test_a_working_time_keeps_what_it_is_counted_over(tmp_path: Path) -> None:
    """ "Huit heures par jour" is 8 hours per day, not 8 hours: the per-unit of a figure that is
    no pay rate is written too."""
    from labourgraph.assemble.populate import _observation
    from labourgraph.core.paths import ONTOLOGY_FILE
    from labourgraph.extract.claims import Observation

    path = tmp_path / "a01_doc.txt"
    path.write_text("Nathy travaille huit heures par jour.\n", encoding="utf-8")
    document = read_document(path, {"language": "fr", "title": "Doc"})
    ontology = load_graph(ONTOLOGY_FILE)
    asm = Assembler(ontology)
    asm.add_document(document)
    nathy = Mention(0, 5, "Nathy", "Worker", "person", "ner", 0.8)
    obs = Observation(0, 36, 16, 36, PLO.DailyWorkingHours, Decimal(8), None, None, "hours",
                      "day", None, None, None, nathy, None, None, 0.7)  # fmt: skip
    _observation(asm, document.doc_id, obs, lambda m: PLD["person/nathy"])
    g = asm.render()
    (node,) = g.subjects(PLO.indicator, PLO.DailyWorkingHours)
    assert g.value(node, RDF.type) == PLO.StatisticalObservation
    assert (g.value(node, PLO.unit), g.value(node, PLO.perUnit)) == (
        Literal("hours"),
        Literal("day"),
    )


def test_a_topic_said_twice_is_one_statement_with_two_spans_and_a_denial_stays_apart(
    tmp_path: Path,
) -> None:
    """One statement per document, topic and polarity: the two sentences that assert the union
    are its two evidence spans; the one that denies it is a statement of its own, denied."""
    from labourgraph.core.paths import ONTOLOGY_FILE
    from labourgraph.extract.relations import Statement

    text = (
        "Les annotateurs ont créé un syndicat. Le syndicat compte 200 membres. "
        "Les livreurs n'ont pas de syndicat.\n"
    )
    path = tmp_path / "a01_doc.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, {"language": "fr", "title": "Doc"})
    sentences = [(0, 37), (38, 69), (70, 105)]
    union = PLO.UnionInvolvement
    said = [
        Statement(union, "WorkingConditionStatement", s, e, None, None, s, s + 5, polarity)
        for (s, e), polarity in zip(sentences, ["Asserted", "Asserted", "Denied"], strict=True)
    ]
    facts = DocumentFacts(document.doc_id, [], statements=said)
    linked = link({document.doc_id: []}, {document.doc_id: text})
    g = populate([document], [facts], linked, load_graph(ONTOLOGY_FILE)).render()
    nodes = set(g.subjects(PLO.aboutTopic, union))
    assert len(nodes) == 2
    by_polarity = {g.value(n, PLO.polarity): n for n in nodes}
    assert set(by_polarity) == {PLO.Asserted, PLO.Denied}
    quotes = {
        str(g.value(e, PLO.quote)) for e in g.objects(by_polarity[PLO.Asserted], PLO.evidence)
    }
    assert quotes == {text[s:e] for s, e in sentences[:2]}
    (denial,) = g.objects(by_polarity[PLO.Denied], PLO.evidence)
    assert str(g.value(denial, PLO.quote)) == text[70:105]


def test_a_figure_of_coordinated_subjects_is_one_observation_for_each(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # "Appen and Sama": the figure holds for both; each gets its own deterministic node and
    # measure key, both on the same quote; query 08 never sets one against the other, and
    # each platform's workers get the rate of "Fiverr and Upwork pay…"
    corpus = tmp_path_factory.mktemp("coordinated")
    (corpus / "c01_licenciements.txt").write_text(
        "Les annotateurs\nAppen et Sama ont licencié 30 % de leurs effectifs en 2023.\n",
        encoding="utf-8",
    )
    (corpus / "c02_rates.txt").write_text(
        "Rates\nFiverr and Upwork pay 3 dollars per hour.\n", encoding="utf-8"
    )
    (corpus / "catalogue.yaml").write_text(
        "documents:\n  c02_rates.txt: {language: en, title: Rates}\n", encoding="utf-8"
    )
    runs = [build.run(corpus).graph for _ in range(2)]
    g = runs[0]

    def cuts(graph: Graph) -> list[URIRef]:
        return sorted(
            URIRef(o)
            for o in graph.subjects(PLO.value, decimal_literal(Decimal(30)))
            if (o, RDF.type, PLO.StatisticalObservation) in graph
        )

    found = cuts(g)
    assert len(found) == 2 and found == cuts(runs[1])
    about = [
        {str(g.value(o, RDFS.label)) for o in g.objects(obs, PLO.aboutOrganisation)}
        for obs in found
    ]
    assert sorted(map(sorted, about)) == [["Appen"], ["Sama"]]
    evidence = [set(g.objects(obs, PLO.evidence)) for obs in found]
    assert evidence[0] == evidence[1] and len(evidence[0]) == 1
    keys = [set(g.objects(obs, PLO.measureKey)) for obs in found]
    assert keys[0] and keys[1] and not keys[0] & keys[1]
    assert len(set(g.subjects(RDF.type, PLO.PayRate))) == 2
    result = validate(g)
    assert result.conforms, result.to_text()
    assert (
        queries.visible(queries.execute(queries.find_query("08-corroboration"), g, timeout=None))[1]
        == []
    )
    columns, rows = queries.visible(
        queries.execute(queries.find_query("05-pay-rates"), g, timeout=None)
    )
    # a pay two platforms give is the wage of each one's workers
    assert sorted(row[columns.index("about")] for row in rows) == [
        "Fiverr workers",
        "Upwork workers",
    ]


def _two_documents(tmp_path: Path, full_name: bool) -> tuple[list, list[DocumentFacts]]:
    """Two documents: the second names "Garnier" alone, working on Appen; the first names
    Inès Garnier in full (or, without `full_name`, another person)."""
    first = "Inès Garnier travaille sur Appen.\n" if full_name else "Léa Martin parle de Toloka.\n"
    second = "Garnier travaille sur Appen.\n"
    documents, facts = [], []
    for name, text in (("a01_one.txt", first), ("a02_two.txt", second)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        documents.append(read_document(path, {"language": "fr", "title": name}))
    person, org = first.split(" travaille sur " if full_name else " parle de ")
    org = org.rstrip(".\n")
    one = [
        Mention(0, len(person), person, "Worker", "person", "ner", 0.7),
        Mention(len(first) - len(org) - 2, len(first) - 2, org, "MicroworkPlatform", "organisation",
                "ner", 0.7),
    ]  # fmt: skip
    surname = Mention(0, 7, "Garnier", "Worker", "person", "ner", 0.7)
    appen = Mention(21, 26, "Appen", "MicroworkPlatform", "organisation", "ner", 0.7)
    works = Relation(surname, PLO.worksOn, appen, 0, 26, "rules", 0.7)
    facts.append(DocumentFacts(documents[0].doc_id, one))
    facts.append(DocumentFacts(documents[1].doc_id, [surname, appen], relations=[works]))
    return documents, facts


def _linked(documents: list, facts: list[DocumentFacts]):
    return link(
        {f.doc_id: f.mentions + f.things for f in facts}, {d.doc_id: d.text for d in documents}
    )


def test_a_fragment_depends_on_its_document_and_the_linking_of_what_it_names(
    tmp_path: Path,
) -> None:
    """The second document's fragment is the same whatever the first says, unless what the
    first says changes where its mentions are linked: then its digest changes too."""
    from labourgraph.assemble.assembler import OntologyTerms
    from labourgraph.assemble.populate import EntityTable, fragment

    terms = OntologyTerms(Graph())
    made = {}
    for full_name in (True, False):
        folder = tmp_path / str(full_name)
        folder.mkdir()
        documents, facts = _two_documents(folder, full_name)
        table = EntityTable(_linked(documents, facts), terms)
        part = fragment(documents[1], facts[1], table)
        made[full_name] = (part.triples, table.digest(part.doc_id, part.touched))
    assert made[True][0] != made[False][0]  # Garnier is Inès Garnier, or no one else
    assert made[True][1] != made[False][1]
    worker = nt_term(PLD["person/ines-garnier"])
    assert any(s == worker for s, _p, _o in made[True][0])
    assert not any(s == worker for s, _p, _o in made[False][0])
    # the same inputs: the same fragment and digest
    documents, facts = _two_documents(tmp_path / "True", True)
    table = EntityTable(_linked(documents, facts), terms)
    again = fragment(documents[1], facts[1], table)
    assert (again.triples, table.digest(again.doc_id, again.touched)) == made[True]


def test_the_fragments_and_the_corpus_part_make_the_whole_graph(tmp_path: Path) -> None:
    """The union of the documents' fragments, the entity nodes and what depends on them all
    is `populate`'s graph; each fragment holds its own document's node and none of the
    entity nodes' types and labels."""
    from labourgraph.assemble.assembler import OntologyTerms
    from labourgraph.assemble.populate import EntityTable, corpus_triples, entity_nodes, fragment

    documents, facts = _two_documents(tmp_path, True)
    linked = _linked(documents, facts)
    whole = populate(documents, facts, linked, Graph()).render_triples()
    table = EntityTable(linked, OntologyTerms(Graph()))
    parts = [fragment(d, f, table) for d, f in zip(documents, facts, strict=True)]
    union = entity_nodes(table).union(*(p.triples for p in parts))
    summary = set().union(*(p.summary for p in parts))
    assert union | corpus_triples(summary) == whole
    appen = nt_term(PLD["organisation/appen"])
    for part, document in zip(parts, documents, strict=True):
        subjects = {s for s, _p, _o in part.triples}
        assert nt_term(PLD[f"document/{document.doc_id}"]) in subjects
        assert not any(s == appen and p == nt_term(RDF.type) for s, p, _o in part.triples)


def test_fragments_come_from_the_cache_unless_their_document_or_linking_changed(
    tmp_path: Path,
) -> None:
    """`_assemble` remakes a document's fragment only when its key or the linking of what it
    names changed, and gives the lines an assembly without the cache gives."""
    from labourgraph import cache
    from labourgraph.extract.document import Resources

    resources = Resources()
    store = cache.Cache(tmp_path / "cache")

    def assemble(full_name: bool, keys: dict[str, str]) -> tuple[list[bytes], int]:
        folder = tmp_path / f"corpus-{full_name}"
        folder.mkdir(exist_ok=True)
        documents, facts = _two_documents(folder, full_name)
        linked = _linked(documents, facts)
        by_id = {d.doc_id: f for d, f in zip(documents, facts, strict=True)}
        asked: list[str] = []

        def facts_of(document: Document) -> DocumentFacts:
            asked.append(document.doc_id)
            return by_id[document.doc_id]

        cold = SpilledRuns(tmp_path / "cold.nt")
        made = build._assemble(documents, facts_of, linked, resources, None, {}, cold)
        assert made == len(documents)
        runs = SpilledRuns(tmp_path / "runs.nt")
        asked.clear()
        remade = build._assemble(documents, facts_of, linked, resources, store, keys, runs)
        assert len(asked) == remade  # facts are asked for only the fragments made anew
        lines = list(runs.lines())
        assert lines == list(cold.lines())
        return lines, remade

    first, second = _two_documents(tmp_path, True)[0]
    keys = {first.doc_id: "one", second.doc_id: "two"}
    assert assemble(True, keys)[1] == 2
    assert assemble(True, keys)[1] == 0  # nothing changed
    # the first document edited: "Garnier" in the second is no longer Inès Garnier
    edited = {**keys, first.doc_id: "one, edited"}
    assert assemble(False, edited)[1] == 2
    assert assemble(False, edited)[1] == 0
    # back to the first version: the first document's fragment is still in the cache; the
    # second's was replaced by the one made for the other linking (one a document)
    assert assemble(True, keys)[1] == 1
    # the first document edited without changing what the second names: one fragment
    assert assemble(True, {**keys, first.doc_id: "one, retitled"})[1] == 1
    store.close()


def test_a_hedged_figure_and_the_same_figure_said_exactly_are_two_nodes_of_one_population(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Seeds 000 and 001: "près de 15 000 personnes" and "15 000 personnes seraient très
    actives" are two claims; merged, the exact one showed the other's hedge."""
    corpus = tmp_path_factory.mktemp("hedged")
    (corpus / "h01_pres.txt").write_text(
        "Le microtravail\nEn France, près de 15 000 personnes font du microtravail.\n",
        encoding="utf-8",
    )
    (corpus / "h02_exact.txt").write_text(
        "Le microtravail\nEn France, 15 000 personnes font du microtravail.\n", encoding="utf-8"
    )
    g = build.run(corpus).graph
    found = [
        o
        for o in g.subjects(PLO.value, decimal_literal(Decimal(15000)))
        if (o, RDF.type, PLO.StatisticalObservation) in g
    ]
    assert len(found) == 2
    qualifiers = sorted(sorted(str(q) for q in g.objects(o, PLO.qualifier)) for o in found)
    assert qualifiers == [[], ["nearly"]]
    documents = [
        {str(g.value(e, PLO.inDocument)).rsplit("/", 1)[-1] for e in g.objects(o, PLO.evidence)}
        for o in found
    ]
    assert all(len(d) == 1 for d in documents)
    # the population is named by its place, and is there (issue 16: "microworkers in France"
    # was linked to no place)
    (population,) = {g.value(o, PLO.population) for o in found}
    assert str(g.value(population, RDFS.label)) == "microworkers in France"
    assert list(g.objects(population, PLO.locatedIn)) == [PLD["place/france"]]
    assert validate(g).conforms
