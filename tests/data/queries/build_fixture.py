"""Rebuild the saved-query fixture: a small graph of what the seed texts say, in the shape of
docs/graph-model.md, with evidence offsets computed from the corpus (never typed by hand).

It lets tests/test_queries.py check every saved query against known facts independently of the
extraction pipeline. Run from the repository root:

    .venv/bin/python tests/data/queries/build_fixture.py
"""

# ruff: noqa: E501 - quotes copied whole from the corpus read better unbroken
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from labourgraph.assemble.assembler import context_window
from labourgraph.assemble.populate import measure_key
from labourgraph.assemble.summaries import corpus_summaries
from labourgraph.core.atomic import write_bytes
from labourgraph.core.mint import axiom_iri, document_iri, entity_iri, evidence_iri, keyed_iri
from labourgraph.core.rdfio import nt_term, rdflib_triples, to_turtle
from labourgraph.core.vocab import PLD, PLO, PLO_OPEN

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
STEMS = {
    "000": "000_6071a8ca28e9cc73",
    "001": "001_aa9ac79dc000e8e9",
    "002": "002_64f19025f1debde0",
    "003": "003_fd31927c02eb1532",
    "004": "004_fe268067a8f638ca",
}
TITLES = {
    "000": "L’intelligence artificielle favorise l’accélération du microtravail",
    "001": "Antonio A. Casilli dans le Journal du CNRS : deux entretiens (2020, 2019)",
    "002": "Les travailleurs doivent-ils avoir peur de l’intelligence artificielle ?",
    "003": "Les travailleurs vénézuéliens, jadis piliers de l’annotation de données pour l’IA",
    "004": "IA et Emploi : Le modèle glaçant de cette startup",
}
DATES = {"000": "2020", "001": "2020-04-24", "003": "2024"}

g = Graph()
texts = {
    key: (ROOT / "corpus" / f"{stem}.txt").read_text(encoding="utf-8")
    for key, stem in STEMS.items()
}


def dec(value: str) -> Literal:
    return Literal(value, datatype=XSD.decimal)


for key, stem in STEMS.items():
    doc = document_iri(stem)
    g.add((doc, RDF.type, PLO.SourceDocument))
    g.add((doc, DCTERMS.title, Literal(TITLES[key], lang="fr")))
    g.add((doc, DCTERMS.language, Literal("fr")))
    g.add((doc, PLO.fileName, Literal(f"{stem}.txt")))
    g.add((doc, PLO.text, Literal(texts[key])))
    if key in DATES:
        g.add((doc, DCTERMS.date, Literal(DATES[key])))

ACTIVITIES = {
    "lexicon": PLO.AutomaticRule,
    "ner-fr": PLO.StatisticalModel,
    "number-grammar": PLO.AutomaticRule,
    "relation-rules": PLO.AutomaticRule,
    "chain-rules": PLO.AutomaticRule,
    "curation": PLO.HumanCuration,
}
for name, method in ACTIVITIES.items():
    act = PLD[f"activity/{name}"]
    g.add((act, RDF.type, PLO.ExtractionActivity))
    g.add((act, PLO.method, method))
    g.add((act, RDFS.label, Literal(name)))


def ev(key: str, quote: str, nth: int = 0, conf: str = "0.9", act: str = "lexicon") -> URIRef:
    """The evidence node for the nth occurrence of `quote` in document `key`."""
    text = texts[key]
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    found = list(pattern.finditer(text))[nth]  # spaces in the texts are often no-break spaces
    start, end = found.span()
    node = evidence_iri(STEMS[key], start, end)
    g.add((node, RDF.type, PLO.Evidence))
    g.add((node, PLO.inDocument, document_iri(STEMS[key])))
    g.add((node, PLO.quote, Literal(text[start:end])))
    g.add((node, PLO.startOffset, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((node, PLO.endOffset, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((node, PLO.confidence, dec(conf)))
    g.add((node, PROV.wasGeneratedBy, PLD[f"activity/{act}"]))
    g.add((document_iri(STEMS[key]), PLO.mentions, node))
    return node


def entity(
    kind: str,
    cls: URIRef,
    label: str,
    *evidence: URIRef,
    lang: str | None = None,
    alt: tuple[str, ...] = (),
) -> URIRef:
    node = entity_iri(kind, label)
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(label, lang=lang)))
    for alias in alt:
        g.add((node, SKOS.altLabel, Literal(alias)))
    for item in evidence:
        g.add((node, PLO.evidence, item))
    return node


def rel(s: URIRef, p: URIRef, o: URIRef, *evidence: URIRef) -> None:
    g.add((s, p, o))
    ax = axiom_iri(s, p, o)
    g.add((ax, RDF.type, OWL.Axiom))
    g.add((ax, OWL.annotatedSource, s))
    g.add((ax, OWL.annotatedProperty, p))
    g.add((ax, OWL.annotatedTarget, o))
    for item in evidence:
        g.add((ax, PLO.evidence, item))


# Places
france = entity("place", PLO.Country, "France", ev("000", "France"), ev("001", "France", 3))
colombia = entity("place", PLO.Country, "Colombie", ev("003", "Colombie"))
venezuela = entity("place", PLO.Country, "Venezuela", ev("003", "Venezuela"))
australia = entity("place", PLO.Country, "Australie", ev("003", "L’entreprise australienne"))
usa = entity("place", PLO.Country, "États-Unis", ev("001", "États-Unis"))
cabimas = entity("place", PLO.City, "Cabimas", ev("003", "Cabimas"))
medellin = entity("place", PLO.City, "Medellín", ev("003", "Medellín"))
maracaibo = entity("place", PLO.City, "Maracaibo", ev("003", "Maracaibo"))

# Organisations
appen = entity(
    "organisation", PLO.MicroworkPlatform, "Appen", ev("000", "Appen"), ev("003", "Appen")
)
clickworker = entity("organisation", PLO.MicroworkPlatform, "Clickworker", ev("000", "Clickworker"))
mturk = entity(
    "organisation",
    PLO.MicroworkPlatform,
    "Amazon Mechanical Turk",
    ev("001", "Mechanical Turk"),
    alt=("Mechanical Turk", "MTurk"),
)
foule = entity(
    "organisation",
    PLO.MicroworkPlatform,
    "Foule Factory",
    ev("001", "Foule Factory"),
    ev("001", "Wirk"),
    alt=("Wirk",),
)
remotasks = entity("organisation", PLO.MicroworkPlatform, "Remotasks", ev("003", "Remotasks"))
fiverr = entity("organisation", PLO.FreelancePlatform, "Fiverr", ev("003", "Fiverr"))
upwork = entity("organisation", PLO.FreelancePlatform, "Upwork", ev("003", "Upwork"))
scale = entity("organisation", PLO.DataVendor, "Scale AI", ev("003", "Scale AI"))
mercor = entity("organisation", PLO.StartUp, "Mercor", ev("004", "Mercor"))
amazon = entity("organisation", PLO.Company, "Amazon", ev("001", "Amazon", 1))
telecom = entity("organisation", PLO.University, "Télécom Paris", ev("000", "Télécom Paris"))
diplab = entity("organisation", PLO.ResearchBody, "DiPLab", ev("000", "DiPLab"))
cnrs = entity("organisation", PLO.ResearchBody, "CNRS", ev("001", "CNRS", 1))
oii = entity(
    "organisation",
    PLO.ResearchBody,
    "Oxford Internet Institute",
    ev("003", "Oxford Internet Institute"),
)
fo = entity("organisation", PLO.Union, "Force ouvrière", ev("001", "Force ouvrière"))
fs = entity("organisation", PLO.PublicBody, "France Stratégie", ev("001", "France Stratégie"))
lemonde = entity("organisation", PLO.MediaOutlet, "Le Monde", ev("000", "Le Monde"))
klarna = entity(
    "organisation", PLO.Company, "Klarna", ev("004", "Klarna", conf="0.55", act="ner-fr")
)
rel(appen, PLO.basedIn, australia, ev("003", "L’entreprise australienne"))
rel(
    mturk,
    PLO.basedIn,
    usa,
    ev(
        "001",
        "aux États-Unis au milieu des années 2000 avec le lancement par Amazon de Mechanical Turk",
    ),
)
rel(
    foule,
    PLO.basedIn,
    france,
    ev(
        "001",
        "14 sont de nationalité française, à l’image de la plus grosse d’entre elles, Foule Factory",
    ),
)
rel(mercor, PLO.basedIn, usa, ev("004", "aux États-Unis. Une start-up, Mercor"))

# People
casilli = entity(
    "person",
    PLO.Researcher,
    "Antonio Casilli",
    ev("000", "Antonio Casilli"),
    ev("001", "Antonio Casilli"),
)
tubaro = entity("person", PLO.Researcher, "Paola Tubaro", ev("001", "Paola Tubaro"))
maldonado = entity("person", PLO.Researcher, "Óscar Maldonado", ev("003", "Óscar Maldonado"))
quignon = entity("person", PLO.Journalist, "Catherine Quignon", ev("000", "Catherine Quignon"))
sichen = entity("person", PLO.Executive, "Si Chen", ev("003", "Si Chen"))
fuentes = entity("person", PLO.Worker, "Oskarina Fuentes", ev("003", "Oskarina Fuentes"))
alvarado = entity("person", PLO.Worker, "Maryfel Alvarado", ev("003", "Maryfel Alvarado"))
lossada = entity("person", PLO.Worker, "Martín Lossada", ev("003", "Martín Lossada"))
rel(
    casilli,
    PLO.affiliatedWith,
    telecom,
    ev("000", "Antonio Casilli est professeur de sociologie à Télécom Paris"),
)
rel(casilli, PLO.affiliatedWith, diplab, ev("000", "codirigeant de l’équipe de recherche DiPLab"))
rel(
    tubaro,
    PLO.affiliatedWith,
    cnrs,
    ev("001", "Paola Tubaro est sociologue au Laboratoire de recherche en informatique (CNRS"),
)
rel(
    maldonado,
    PLO.affiliatedWith,
    oii,
    ev("003", "chercheur sur l’économie des plateformes à l’Oxford Internet Institute"),
)
rel(quignon, PLO.affiliatedWith, lemonde, ev("000", "Catherine Quignon (Le Monde)"))
rel(sichen, PLO.affiliatedWith, appen, ev("003", "vice-président de la stratégie chez Appen"))
rel(
    fuentes,
    PLO.worksOn,
    appen,
    ev(
        "003",
        "se connecter à Appen, une plateforme de données pour l’intelligence artificielle où elle travaille depuis une décennie",
    ),
)
rel(fuentes, PLO.livesIn, colombia, ev("003", "qui a quitté Cabimas pour la Colombie en 2019"))
rel(
    fuentes, PLO.originatesFrom, cabimas, ev("003", "qui a quitté Cabimas pour la Colombie en 2019")
)
rel(alvarado, PLO.livesIn, medellin, ev("003", "installée à Medellín, en Colombie"))
rel(alvarado, PLO.originatesFrom, venezuela, ev("003", "diplômée en littérature vénézuélienne"))
rel(alvarado, PLO.worksOn, fiverr, ev("003", "plateformes de freelance comme Fiverr et Upwork"))
rel(alvarado, PLO.worksOn, upwork, ev("003", "plateformes de freelance comme Fiverr et Upwork"))
rel(lossada, PLO.basedIn, maracaibo, ev("003", "rédacteur SEO basé à Maracaibo"))

# Task types, AI systems, functions
annotation = entity(
    "task-type",
    PLO.ImageAnnotation,
    "annotation d'images",
    ev("001", "identifier des objets sur une image", act="lexicon"),
    lang="fr",
)
recording = entity(
    "task-type",
    PLO.VoiceRecording,
    "enregistrement de la voix",
    ev("001", "enregistrer sa voix en lisant de courtes phrases"),
    lang="fr",
)
transcription = entity(
    "task-type",
    PLO.AudioTranscription,
    "transcription audio",
    ev("002", "retranscrire de fichiers audio"),
    lang="fr",
)
moderation = entity(
    "task-type",
    PLO.ContentModeration,
    "modération de contenus",
    ev("001", "modérer des contenus violents"),
    lang="fr",
)
testing = entity(
    "task-type",
    PLO_OPEN.OutputVerification,  # a class of this fixture's ontology.ttl only
    "vérification des résultats",
    ev(
        "001",
        "testent ces outils intelligents et vérifient qu’ils interprètent correctement les données",
    ),
    lang="fr",
)
takeover = entity(
    "task-type",
    PLO_OPEN.HumanTakeover,  # a class of this fixture's ontology.ttl only
    "reprise en main de l'IA",
    ev("002", "reprise en main"),
    lang="fr",
)
for tt, fn in [
    (annotation, PLO.Preparation),
    (recording, PLO.Preparation),
    (transcription, PLO.Preparation),
    (moderation, PLO.Verification),
    (testing, PLO.Verification),
    (takeover, PLO.Imitation),
]:
    g.add((tt, PLO.servesFunction, fn))
alexa = entity("ai-system", PLO.VoiceAssistant, "Alexa", ev("001", "Alexa"))
car = entity(
    "ai-system", PLO.AutonomousVehicle, "voiture autonome", ev("001", "voiture autonome"), lang="fr"
)
faces = entity(
    "ai-system",
    PLO.FacialRecognitionSystem,
    "borne de reconnaissance faciale",
    ev("002", "borne d’authentification par reconnaissance faciale"),
    lang="fr",
)
rel(
    recording,
    PLO.supportsAISystem,
    alexa,
    ev("001", "pour préparer un assistant vocal comme Alexa"),
)
rel(annotation, PLO.supportsAISystem, car, ev("001", "Même chose pour la voiture autonome"))
rel(
    takeover,
    PLO.supportsAISystem,
    faces,
    ev("002", "borne d’authentification par reconnaissance faciale n’arrive pas à"),
)
rel(appen, PLO.offersTaskType, annotation, ev("003", "détermine si une image est générée par IA"))

# Populations and observations
mw_fr = entity(
    "population",
    PLO.WorkerPopulation,
    "microtravailleurs en France",
    ev("001", "microtravailleurs en France"),
    lang="fr",
)
ven = entity(
    "population",
    PLO.WorkerPopulation,
    "travailleurs vénézuéliens",
    ev("003", "Les travailleurs vénézuéliens"),
    lang="fr",
)


def obs(
    label: str,
    indicator: URIRef,
    unit: str,
    *evidence: URIRef,
    value: str | None = None,
    lo: str | None = None,
    hi: str | None = None,
    cls: URIRef = PLO.StatisticalObservation,
    per: str | None = None,
    pop: URIRef | None = None,
    org: URIRef | None = None,
    person: URIRef | None = None,
    area: URIRef | None = None,
    period: str | None = None,
) -> URIRef:
    node = keyed_iri("observation", label, indicator, value, lo, hi, unit, per, pop, org, person)
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(label, lang="en")))
    g.add((node, PLO.indicator, indicator))
    g.add((node, PLO.unit, Literal(unit)))
    for prop, val in [(PLO.value, value), (PLO.minValue, lo), (PLO.maxValue, hi)]:
        if val is not None:
            g.add((node, prop, dec(val)))
    for prop, term in [
        (PLO.population, pop),
        (PLO.aboutOrganisation, org),
        (PLO.aboutPerson, person),
        (PLO.refArea, area),
    ]:
        if term is not None:
            g.add((node, prop, term))
    if per:
        g.add((node, PLO.perUnit, Literal(per)))
    if period:
        g.add((node, PLO.refPeriod, Literal(period)))
    for item in evidence:
        g.add((node, PLO.evidence, item))
    return node


obs(
    "15000 weekly active microworkers in France",
    PLO.WeeklyActiveWorkers,
    "persons",
    ev(
        "000", "près de 15 000 personnes qui se connecteraient chaque semaine", act="number-grammar"
    ),
    ev(
        "001",
        "15 000 personnes seraient très actives et se connecteraient chaque semaine",
        act="number-grammar",
    ),
    value="15000",
    pop=mw_fr,
    area=france,
)
obs(
    "50000 monthly active microworkers in France",
    PLO.MonthlyActiveWorkers,
    "persons",
    ev("000", "plus de 50 000 au moins une fois par mois", act="number-grammar"),
    ev("001", "50 000 seraient des microtravailleurs réguliers", act="number-grammar"),
    value="50000",
    pop=mw_fr,
    area=france,
)
obs(
    "260000 occasional microworkers in France",
    PLO.OccasionalWorkers,
    "persons",
    ev("000", "plus de 260 000 microtravailleurs seraient inscrits", act="number-grammar"),
    ev("001", "nous avons dénombré 260 000 microtravailleurs occasionnels", act="number-grammar"),
    value="260000",
    pop=mw_fr,
    area=france,
)
for label, ind, value, quote, nth in [
    (
        "56 % women",
        PLO.ShareOfWomen,
        "56",
        "56 % des microtravailleurs en France sont en effet des femmes",
        0,
    ),
    (
        "63 % aged 25-44",
        PLO.ShareAged25To44,
        "63",
        "63 % des microtravailleurs ont entre 25 et 44 ans",
        0,
    ),
    ("64 % with a main job", PLO.ShareWithMainJob, "64", "64 % ont un emploi principal", 0),
    (
        "22 % below the poverty line",
        PLO.ShareBelowPovertyLine,
        "22",
        "22 % des microtravailleurs sont au-dessous du seuil de pauvreté",
        0,
    ),
    (
        "43 % above Bac+2",
        PLO.ShareWithDegreeAboveBac2,
        "43",
        "43 % ont un diplôme supérieur à Bac+2",
        0,
    ),
]:
    obs(
        label,
        ind,
        "percent",
        ev("001", quote, nth, act="number-grammar"),
        value=value,
        pop=mw_fr,
        area=france,
    )
obs(
    "21 EUR per month average income",
    PLO.MonthlyIncome,
    "EUR",
    ev("001", "Les revenus perçus sont en moyenne de 21 euros par mois", act="number-grammar"),
    value="21",
    cls=PLO.PayRate,
    per="month",
    pop=mw_fr,
    area=france,
)
obs(
    "0.05-0.25 USD per task on Appen",
    PLO.PayPerTask,
    "USD",
    ev("003", "micro-tâches payées entre 5 et 25 centimes", act="number-grammar"),
    lo="0.05",
    hi="0.25",
    cls=PLO.PayRate,
    per="task",
    org=appen,
)
obs(
    "15 USD per hour on microwork platforms",
    PLO.HourlyPay,
    "USD",
    ev("000", "autour de 15 dollars de l’heure", act="number-grammar"),
    value="15",
    cls=PLO.PayRate,
    per="hour",
)
obs(
    "20-50 USD per 1000 words",
    PLO.PayPer1000Words,
    "USD",
    ev("003", "entre 20 et 50 dollars pour 1000 mots", act="number-grammar"),
    lo="20",
    hi="50",
    cls=PLO.PayRate,
    per="1000 words",
    person=alvarado,
    period="avant 2024",
)
obs(
    "7 USD per 1000 words",
    PLO.PayPer1000Words,
    "USD",
    ev("003", "on me propose généralement 7 dollars", act="number-grammar"),
    value="7",
    cls=PLO.PayRate,
    per="1000 words",
    person=alvarado,
    period="2024",
)
obs(
    "500 USD per month",
    PLO.MonthlyIncome,
    "USD",
    ev("003", "Fuentes gagnait environ 500 dollars par mois", act="number-grammar"),
    value="500",
    cls=PLO.PayRate,
    per="month",
    person=fuentes,
    org=appen,
    period="avant 2022",
)
obs(
    "1410000 COP per month",
    PLO.MonthlyIncome,
    "COP",
    ev("003", "1 410 000 pesos colombiens", act="number-grammar"),
    value="1410000",
    cls=PLO.PayRate,
    per="month",
    person=fuentes,
    org=appen,
    period="2024",
)
obs(
    "320 USD per month",
    PLO.MonthlyIncome,
    "USD",
    ev("003", "environ 320 dollars", act="number-grammar"),
    value="320",
    cls=PLO.PayRate,
    per="month",
    person=fuentes,
    org=appen,
    period="2024",
)
obs(
    "2 million registered workers on Clickworker",
    PLO.RegisteredWorkers,
    "persons",
    ev("000", "atteint les 2 millions de travailleurs inscrits", act="number-grammar"),
    value="2000000",
    org=clickworker,
)
obs(
    "23 microwork platforms in France",
    PLO.NumberOfFrenchPlatforms,
    "organisations",
    ev("001", "23 plateformes de microtravail dans l’Hexagone", act="number-grammar"),
    value="23",
    area=france,
)
obs(
    "Appen activity up 30 %",
    PLO.ActivityGrowth,
    "percent",
    ev("000", "croître de 30 % depuis avril 2020", act="number-grammar"),
    value="30",
    org=appen,
    period="depuis avril 2020",
)
obs(
    "75 % of the workforce Venezuelan",
    PLO.ShareOfWorkforce,
    "percent",
    ev("003", "jusqu’à 75% de la main-d’œuvre", act="number-grammar"),
    value="75",
    pop=ven,
    period="2018",
)

# Chain
chain_ev = ev(
    "001",
    "une plateforme s’occupe de la contractualisation, une autre met en relation avec le client, "
    "une troisième gère le paiement et c’est encore sur une autre plateforme que le microtravailleur "
    "effectue les tâches. Ces chaînes longues, qui entraînent une dilution complète du lien de "
    "subordination",
    act="chain-rules",
)
start = int(str(chain_ev).rsplit("/", 1)[1].split("-")[0])
chain = PLD[f"chain/{STEMS['001']}-{start}"]
g.add((chain, RDF.type, PLO.SubcontractingChain))
g.add((chain, RDFS.label, Literal("chaîne de plateformes en couches", lang="fr")))
g.add((chain, PLO.evidence, chain_ev))
for index, (role, quote) in enumerate(
    [
        (PLO.ContractingRole, "une plateforme s’occupe de la contractualisation"),
        (PLO.ClientMatchingRole, "une autre met en relation avec le client"),
        (PLO.PaymentRole, "une troisième gère le paiement"),
        (
            PLO.TaskExecutionRole,
            "sur une autre plateforme que le microtravailleur effectue les tâches",
        ),
    ],
    start=1,
):
    layer = PLD[f"chain/{STEMS['001']}-{start}/layer-{index}"]
    operator = PLD[f"organisation/unnamed-001-{start}-{index}"]
    layer_ev = ev("001", quote, act="chain-rules")
    g.add((layer, RDF.type, PLO.ChainLayer))
    g.add((layer, PLO.layerIndex, Literal(index)))
    g.add((layer, PLO.evidence, layer_ev))
    g.add((operator, RDF.type, PLO.Platform))
    g.add((operator, RDFS.label, Literal(f"plateforme sans nom n° {index}", lang="fr")))
    g.add((operator, PLO.evidence, layer_ev))
    rel(chain, PLO.hasLayer, layer, chain_ev)
    rel(layer, PLO.hasRole, role, layer_ev)
    rel(layer, PLO.operatedBy, operator, layer_ev)


def statement(
    cls: URIRef,
    topic: URIRef,
    key: str,
    quote: str,
    pop: URIRef | None = None,
    org: URIRef | None = None,
) -> None:
    node = keyed_iri("statement", str(topic).rsplit("#", 1)[1], key, quote)
    g.add((node, RDF.type, cls))
    g.add((node, PLO.aboutTopic, topic))
    g.add((node, PLO.polarity, PLO.Asserted))
    if pop is not None:
        g.add((node, PLO.population, pop))
    if org is not None:
        g.add((node, PLO.aboutOrganisation, org))
    g.add((node, PLO.evidence, ev(key, quote, act="relation-rules")))


W, R, D = PLO.WorkingConditionStatement, PLO.RiskStatement, PLO.DemandTrendStatement
statement(
    W, PLO.NoContract, "001", "les microtravailleurs ne signent pas de contrat de travail", mw_fr
)
statement(W, PLO.NoSocialProtection, "001", "Ils ne bénéficient d’aucune protection", mw_fr)
statement(W, PLO.UnpaidTime, "001", "Or ce temps n’est pas rémunéré", mw_fr)
statement(W, PLO.HomeWorking, "001", "effectué à la maison", mw_fr)
statement(R, PLO.PsychosocialRisk, "001", "notamment les risques psycho-sociaux", mw_fr)
statement(
    R,
    PLO.ViolentContentExposure,
    "001",
    "modérer des contenus violents pour les réseaux sociaux",
    mw_fr,
)
statement(W, PLO.ClickFarm, "002", "des « fermes à clics »")
statement(
    W,
    PLO.NoContract,
    "003",
    "Il n’existe aucune relation formelle entre les plateformes et les travailleurs",
    ven,
)
statement(
    D,
    PLO.DemandGrowth,
    "000",
    "l’intelligence artificielle favoriserait plutôt l’accélération du microtravail",
)
statement(
    D,
    PLO.DemandGrowth,
    "001",
    "les besoins du secteur du numérique et de l’intelligence artificielle ne cessent de croître",
)
statement(
    D,
    PLO.DisplacementByGenerativeAI,
    "003",
    "l’IA générative a réduit la demande en données d’entraînement",
    org=appen,
)
statement(D, PLO.DemandDecline, "003", "Chaque année, il y a eu de moins en moins de tâches", ven)

# evidence naming an organisation carries its context, as the build writes it (graph-model.md)
ontology = Graph().parse(ROOT / "ontology" / "platform-labour.ttl")
organisation_classes = set(ontology.transitive_subjects(RDFS.subClassOf, PLO.Organisation))
for org in {s for s, o in g.subject_objects(RDF.type) if o in organisation_classes}:
    for node in list(g.objects(org, PLO.evidence)):
        doc = g.value(node, PLO.inDocument)
        start, end = int(g.value(node, PLO.startOffset)), int(g.value(node, PLO.endOffset))
        text = str(g.value(doc, PLO.text))
        g.add((node, PLO.context, Literal(context_window(text, start, end))))

# observations about a subject carry what they measure, as the build writes it (graph-model.md)
for node, indicator in list(g.subject_objects(PLO.indicator)):
    english = next(lab for lab in ontology.objects(indicator, RDFS.label) if lab.language == "en")
    per = g.value(node, PLO.perUnit)
    period = g.value(node, PLO.refPeriod) or g.value(node, PLO.inferredPeriod)
    for prop in (PLO.population, PLO.aboutOrganisation, PLO.aboutPerson):
        for subject in g.objects(node, prop):
            for label in g.objects(subject, RDFS.label):
                key = measure_key(
                    str(english),
                    str(label),
                    str(g.value(node, PLO.unit)),
                    per and str(per),
                    period and str(period),
                )
                g.add((node, PLO.measureKey, Literal(key)))

# asserted statements and figures grouped as the build groups them for queries 12 and 08
# (assemble/summaries.py)
terms = [(nt_term(s), nt_term(p), nt_term(o)) for s, p, o in g]
summaries = sorted(corpus_summaries(terms))
for triple in rdflib_triples("".join(f"{s} {p} {o} .\n" for s, p, o in summaries).encode()):
    g.add(triple)

header = "# tests/data/queries/kg.ttl: made by tests/data/queries/build_fixture.py; do not edit\n"
write_bytes(HERE / "kg.ttl", to_turtle(g, header))
print(len(g), "triples")
