"""Targets (SHACL 2.1.3): which shapes are validated on which focus nodes, the focus nodes of a
shape as a SPARQL pattern binding `?this`.

sh:targetClass reaches the instances of the class and of every class below it, as pySHACL
does with the ontology mixed into the data graph (`ShapeContext.subclasses`). A shape that is
also a class has that class as an implicit target (2.1.3.3), whether or not it declares any
other: `implicit_classes` finds them as pySHACL does.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Identifier, Node

from labourgraph.check.fastcheck.context import ShapeContext, ordered

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
SHAPE_SUBJECT = (*TARGETS, SH.property, SH.node)
"""Predicates whose subjects pySHACL takes for shapes (besides the typed ones)."""
SHAPE_VALUED = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
"""Parameters whose values are shapes."""
SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
"""Parameters whose values are lists of shapes."""


def implicit_classes(shapes: Graph) -> set[Node]:
    """The shapes that are also classes (2.1.3.3), as pySHACL finds them: typed in the shapes
    graph as rdfs:Class, owl:Class or a direct subclass of rdfs:Class declared there."""
    metaclasses = {RDFS.Class, OWL.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    found = {node for meta in metaclasses for node in shapes.subjects(RDF.type, meta)}
    return {node for node in found if is_shape(shapes, node)}


def is_shape(shapes: Graph, node: Node) -> bool:
    """pySHACL's test of a shape (`ShapesGraph._build_node_shape_cache`): typed as one, the
    subject of a target, sh:property or sh:node, or the value of a shape-valued parameter."""
    if any((node, RDF.type, kind) in shapes for kind in (SH.NodeShape, SH.PropertyShape)):
        return True
    if any((node, p, None) in shapes for p in SHAPE_SUBJECT):
        return True
    if any((None, p, node) in shapes for p in SHAPE_VALUED):
        return True
    for cell in shapes.subjects(RDF.first, node):
        head, seen = cell, set()
        while head not in seen:
            seen.add(head)
            if any((None, p, head) in shapes for p in SHAPE_LISTS):
                return True
            previous = next(shapes.subjects(RDF.rest, head), None)
            if previous is None:
                break
            head = previous
    return False


def validated_shapes(c: ShapeContext) -> list[Identifier]:
    """Every shape validated on focus nodes of its own: those with a target, explicit or
    implicit, in a fixed order."""
    explicit = {s for p in TARGETS for s in c.shapes.subjects(p, None)}
    return ordered(explicit | implicit_of(c))


def implicit_of(c: ShapeContext) -> set[Node]:
    """`implicit_classes` of the context's shapes, found once."""
    if c.implicit is None:
        c.implicit = implicit_classes(c.shapes)
    return c.implicit


def focus_nodes(c: ShapeContext, shape: Node, distinct: bool = False) -> str:
    """The focus nodes of a shape as a pattern binding `?this`; a node may come more than
    once unless `distinct` (the core queries are DISTINCT or count DISTINCT)."""
    branches = []
    targets = set(c.shapes.objects(shape, SH.targetClass))
    if shape in implicit_of(c):
        targets.add(shape)
    classes = sorted({sub for cls in targets for sub in c.subclasses(cls)})
    if classes:
        branches.append(f"{{ VALUES ?class {{ {' '.join(classes)} }} ?this <{RDF.type}> ?class }}")
    for prop in ordered(c.shapes.objects(shape, SH.targetSubjectsOf)):
        branches.append(f"{{ ?this <{prop}> [] }}")
    for prop in ordered(c.shapes.objects(shape, SH.targetObjectsOf)):
        branches.append(f"{{ [] <{prop}> ?this }}")
    nodes = ordered(c.shapes.objects(shape, SH.targetNode))
    if nodes:
        branches.append(f"{{ VALUES ?this {{ {' '.join(c.term(n) for n in nodes)} }} }}")
    if not branches:
        return "{ FILTER(false) }"
    pattern = f"{{ {' UNION '.join(branches)} }}"
    return distinct_focus(pattern) if distinct else pattern


def distinct_focus(pattern: str) -> str:
    """A pattern binding `?this`, each node once."""
    return f"{{ SELECT DISTINCT ?this WHERE {pattern} }}"


def has_targets(c: ShapeContext, shape: Node) -> bool:
    """Does `shape` declare any target."""
    return any(c.has(shape, p) for p in TARGETS)
