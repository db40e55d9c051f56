"""Targets (SHACL 2.1.3): the focus nodes of a shape as a SPARQL pattern binding `?this`.

sh:targetClass reaches the instances of the class and of every class below it, as pySHACL
does with the ontology mixed into the data graph (`ShapeContext.subclasses`).
"""

from __future__ import annotations

from rdflib.namespace import RDF, SH
from rdflib.term import Node

from labourgraph.check.fastcheck.context import ShapeContext, ordered

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def focus_nodes(c: ShapeContext, shape: Node, distinct: bool = False) -> str:
    """The focus nodes of a shape as a pattern binding `?this`; a node may come more than
    once unless `distinct` (the core queries are DISTINCT or count DISTINCT)."""
    branches = []
    classes = sorted(
        {sub for cls in c.shapes.objects(shape, SH.targetClass) for sub in c.subclasses(cls)}
    )
    if classes:
        branches.append(f"{{ VALUES ?class {{ {' '.join(classes)} }} ?this <{RDF.type}> ?class }}")
    for prop in ordered(c.shapes.objects(shape, SH.targetSubjectsOf)):
        branches.append(f"{{ ?this <{prop}> [] }}")
    for prop in ordered(c.shapes.objects(shape, SH.targetObjectsOf)):
        branches.append(f"{{ [] <{prop}> ?this }}")
    nodes = ordered(c.shapes.objects(shape, SH.targetNode))
    if nodes:
        branches.append(f"{{ VALUES ?this {{ {' '.join(c.term(n) for n in nodes)} }} }}")
    if distinct:
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(branches)} }} }}"
    return f"{{ {' UNION '.join(branches)} }}"


def has_targets(c: ShapeContext, shape: Node) -> bool:
    """Does `shape` declare any target."""
    return any(c.has(shape, p) for p in TARGETS)
