"""Write the ontology's HTML documentation: one static page, no script, no web font.

pyLODE, the usual tool, has no release installable on Python 3.11 here, so this is a small
generator of our own: classes, properties and individuals with their French and English labels
and definitions, the class hierarchy, domains and ranges, class expressions written in a
Manchester-like syntax, alignments, lexical cues, and one anchor per term (`#LocalName`) so
that other pages can link to a term. The output depends only on the ontology (sorted, no date).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from labourgraph.check.ontology import terms
from labourgraph.core.atomic import write_text
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import ONTOLOGY_IRI, PLO, PREFIXES, VANN

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:62rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#1b1b1b}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
section.term{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
section.term h3{margin:.2rem 0}code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:600;color:#555}dd{margin:0}.lang{color:#777;font-size:.8rem;margin-right:.3rem}
nav ul{columns:3;font-size:.9rem}.kind{font-size:.8rem;color:#fff;background:#5a6f8c;
border-radius:3px;padding:0 .35rem;margin-left:.4rem;vertical-align:middle}
"""

SECTIONS = [
    ("class", "classes", "Classes"),
    ("object property", "object-properties", "Object properties"),
    ("datatype property", "datatype-properties", "Datatype properties"),
    ("annotation property", "annotation-properties", "Annotation properties"),
    ("individual", "individuals", "Individuals"),
]


def write_docs(ontology_path: Path | str, out_dir: Path | str) -> Path:
    """Write `index.html` documenting the ontology into `out_dir`; return its path."""
    graph = load_graph(ontology_path)
    if (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) not in graph:
        raise LabourgraphError(f"{ontology_path}: no owl:Ontology <{ONTOLOGY_IRI}> header")
    page = Path(out_dir) / "index.html"
    write_text(page, render(graph))
    return page


def render(graph: Graph) -> str:
    """The whole HTML page for `graph` (an ontology with the plo: namespace)."""
    found = terms(graph)
    onto = URIRef(ONTOLOGY_IRI)
    title = _lang(graph, onto, DCTERMS.title, "en") or "Ontology"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        "<!-- written by `labourgraph ontology docs` -->",
        f"<h1>{_e(title)}</h1>",
        f"<p><em>{_e(_lang(graph, onto, DCTERMS.title, 'fr'))}</em></p>",
        _header(graph, onto),
        "<nav><h2>Contents</h2>",
    ]
    for kind, anchor, heading in SECTIONS:
        members = [iri for iri, k in found.items() if k == kind]
        out.append(f'<h3><a href="#{anchor}">{heading}</a> ({len(members)})</h3><ul>')
        out += [f"<li>{_link(graph, iri)}</li>" for iri in members]
        out.append("</ul>")
    out.append("</nav>")
    for kind, anchor, heading in SECTIONS:
        out.append(f'<h2 id="{anchor}">{heading}</h2>')
        for iri in (i for i, k in found.items() if k == kind):
            out.append(_term(graph, iri, kind))
    out.append("</body></html>\n")
    return "\n".join(out)


def _header(graph: Graph, onto: URIRef) -> str:
    rows = [
        ("IRI", f"<code>{_e(onto)}</code>"),
        ("Version IRI", _values(graph, graph.objects(onto, OWL.versionIRI))),
        ("Version", _values(graph, graph.objects(onto, OWL.versionInfo))),
        ("Creator", _values(graph, graph.objects(onto, DCTERMS.creator))),
        ("Licence", _values(graph, graph.objects(onto, DCTERMS.license))),
        ("Prefix", _values(graph, graph.objects(onto, VANN.preferredNamespacePrefix))),
        ("Namespace", _values(graph, graph.objects(onto, VANN.preferredNamespaceUri))),
        ("Description", _bilingual(graph, onto, DCTERMS.description)),
        ("Citation", _values(graph, graph.objects(onto, DCTERMS.bibliographicCitation))),
    ]
    return _dl(rows)


def _term(graph: Graph, iri: URIRef, kind: str) -> str:
    local = str(iri)[len(str(PLO)) :]
    en = _lang(graph, iri, RDFS.label, "en") or local
    fr = _lang(graph, iri, RDFS.label, "fr")
    rows = [
        ("IRI", f"<code>{_e(iri)}</code>"),
        ("Label", _bilingual(graph, iri, RDFS.label)),
        ("Definition", _bilingual(graph, iri, SKOS.definition)),
    ]
    if kind == "class":
        named_supers = [o for o in graph.objects(iri, RDFS.subClassOf) if isinstance(o, URIRef)]
        anonymous = [o for o in graph.objects(iri, RDFS.subClassOf) if isinstance(o, BNode)]
        subs = [s for s in graph.subjects(RDFS.subClassOf, iri) if isinstance(s, URIRef)]
        rows += [
            ("Subclass of", _exprs(graph, named_supers)),
            ("Restrictions", _exprs(graph, anonymous)),
            ("Equivalent to", _exprs(graph, graph.objects(iri, OWL.equivalentClass))),
            ("Subclasses", _exprs(graph, subs)),
            ("Instances", _exprs(graph, graph.subjects(RDF.type, iri))),
            ("Disjoint with", _exprs(graph, _disjoint(graph, iri))),
        ]
    elif kind == "individual":
        types = [o for o in graph.objects(iri, RDF.type) if o != OWL.NamedIndividual]
        facts = sorted(
            (p, o)
            for p, o in graph.predicate_objects(iri)
            if str(p).startswith(str(PLO)) and isinstance(o, URIRef)
        )
        rows.append(("Type", _exprs(graph, types)))
        rows += [(_curie(p), _expr(graph, o)) for p, o in facts]
    else:
        characteristics = [
            _curie(t)
            for t in sorted(graph.objects(iri, RDF.type), key=str)  # IRIs, ordered as rdflib does
            if t not in _DECLARATION_TYPES
        ]
        rows += [
            ("Characteristics", _e(", ".join(characteristics))),
            ("Subproperty of", _exprs(graph, graph.objects(iri, RDFS.subPropertyOf))),
            ("Domain", _exprs(graph, graph.objects(iri, RDFS.domain))),
            ("Range", _exprs(graph, graph.objects(iri, RDFS.range))),
        ]
    rows += [
        ("Alternative labels", _bilingual(graph, iri, SKOS.altLabel, joined=True)),
        ("Hidden labels (cues)", _bilingual(graph, iri, SKOS.hiddenLabel, joined=True)),
        ("Close match", _values(graph, graph.objects(iri, SKOS.closeMatch))),
    ]
    heading = f"{_e(en)}" + (f" / {_e(fr)}" if fr and fr != en else "")
    return (
        f'<section class="term" id="{_e(local)}"><h3>{heading}'
        f'<span class="kind">{_e(kind)}</span></h3>{_dl(rows)}</section>'
    )


_FACET_SYMBOLS: dict[Node, str] = {XSD.minInclusive: "≥", XSD.maxInclusive: "≤"}
_DECLARATION_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def _disjoint(graph: Graph, iri: URIRef) -> list[URIRef]:
    """Classes declared disjoint with `iri`, pairwise or through owl:AllDisjointClasses."""
    found = set(graph.objects(iri, OWL.disjointWith)) | set(graph.subjects(OWL.disjointWith, iri))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(group, OWL.members):
            items = list(Collection(graph, members))
            if iri in items:
                found |= {m for m in items if m != iri}
    return sorted(m for m in found if isinstance(m, URIRef))


def _expr(graph: Graph, node: object) -> str:
    """A class expression or data range, written like Manchester syntax, with links."""
    if isinstance(node, URIRef):
        return (
            _link(graph, node)
            if str(node).startswith(str(PLO))
            else f"<code>{_e(_curie(node))}</code>"
        )
    if isinstance(node, Literal):
        return _e(str(node))
    if not isinstance(node, BNode):
        return _e(str(node))
    for op, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        members = graph.value(node, op)
        if members is not None:
            return "(" + word.join(_expr(graph, m) for m in Collection(graph, members)) + ")"
    one_of = graph.value(node, OWL.oneOf)
    if one_of is not None:
        return "{" + ", ".join(_expr(graph, m) for m in Collection(graph, one_of)) + "}"
    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        for op, word in (
            (OWL.hasValue, "value"),
            (OWL.someValuesFrom, "some"),
            (OWL.allValuesFrom, "only"),
        ):
            filler = graph.value(node, op)
            if filler is not None:
                return f"{_expr(graph, prop)} {word} {_expr(graph, filler)}"
    base = graph.value(node, OWL.onDatatype)
    if base is not None:
        facets = []
        restrictions = graph.value(node, OWL.withRestrictions)
        for facet in Collection(graph, restrictions) if restrictions is not None else ():
            for p, o in graph.predicate_objects(facet):
                symbol = _FACET_SYMBOLS.get(p, _curie(p))
                facets.append(f"{symbol} {o}")
        return f"{_expr(graph, base)}[{_e(', '.join(facets))}]"
    return "(anonymous expression)"


def _exprs(graph: Graph, nodes: Iterable[object]) -> str:
    rendered = sorted(_expr(graph, n) for n in nodes)
    return ", ".join(rendered)


def _link(graph: Graph, iri: URIRef) -> str:
    local = str(iri)[len(str(PLO)) :]
    label = _lang(graph, iri, RDFS.label, "en")
    hint = f' title="{_e(label)}"' if label else ""
    return f'<a href="#{_e(local)}"{hint}><code>plo:{_e(local)}</code></a>'


def _curie(iri: object) -> str:
    text = str(iri)
    for prefix, ns in sorted(PREFIXES.items()):
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)) :]}"
    return text


def _lang(graph: Graph, iri: URIRef, prop: URIRef, lang: str) -> str:
    values = sorted(
        str(o) for o in graph.objects(iri, prop) if getattr(o, "language", None) == lang
    )
    return values[0] if values else ""


def _bilingual(graph: Graph, iri: URIRef, prop: URIRef, joined: bool = False) -> str:
    parts = []
    for lang in ("fr", "en"):
        values = sorted(
            str(o) for o in graph.objects(iri, prop) if getattr(o, "language", None) == lang
        )
        if values:
            text = "; ".join(values) if joined else values[0]
            parts.append(f'<span class="lang">{lang}</span>{_e(text)}')
    return "<br>".join(parts)


def _values(graph: Graph, nodes: Iterable[object]) -> str:
    rendered = []
    for node in sorted(nodes, key=str):
        if isinstance(node, URIRef):
            rendered.append(f'<a href="{_e(node)}"><code>{_e(_curie(node))}</code></a>')
        else:
            rendered.append(_e(str(node)))
    return ", ".join(rendered)


def _dl(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f"<dl>{body}</dl>"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
