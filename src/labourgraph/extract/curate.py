"""Curation applied: the curator's additions and rejections (`intake.curation`, read and
checked at intake) laid over the facts extraction found in one document.

Applied after extraction, per document and in the extraction worker, so that a curated
document's facts are cached together with their curation.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from labourgraph.core import model
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.vocab import PLO
from labourgraph.extract.document import DocumentFacts
from labourgraph.extract.mentions import Mention
from labourgraph.extract.relations import Relation
from labourgraph.intake.curation import ENTITY_KEYS, KINDS, RELATION_KEYS, locate, ref


def apply(facts: DocumentFacts, text: str, curation: dict | None) -> DocumentFacts:
    """The document's facts with the curator's additions and rejections applied.

    A rejected relation is dropped from what extraction found; a rejected entity is dropped
    with every relation and figure about it, curated ones included. Every item is checked,
    rejections first, then entities, then relations, and the first bad one is reported with
    the curation file's path."""
    if not curation:
        return facts
    where = curation["_path"]
    rejected, relations = _rejections(curation.get("reject") or [], list(facts.relations), where)
    mentions = _with_entities(list(facts.mentions), curation.get("entities") or [], text, where)
    known = {(m.kind, m.key): m for m in mentions}
    relations += _curated_relations(curation.get("relations") or [], known, text, where)
    if rejected:
        mentions = [m for m in mentions if (m.kind, m.key) not in rejected]
        relations = [
            r
            for r in relations
            if (r.subject.kind, r.subject.key) not in rejected
            and (r.object.kind, r.object.key) not in rejected
        ]
    return replace(
        facts,
        mentions=mentions,
        relations=relations,
        observations=[
            o
            for o in facts.observations
            if not (o.organisation and (o.organisation.kind, o.organisation.key) in rejected)
        ],
    )


def _rejections(
    items: list[object], relations: list[Relation], where: str
) -> tuple[set[tuple[str, str]], list[Relation]]:
    """The (kind, label) of every entity the curator rejects, and the extracted relations
    without the ones it rejects."""
    rejected: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, dict) and "entity" in item:
            rejected.add(ref(item["entity"], where))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("relation"), list)
            and len(item["relation"]) == 3
        ):
            s_ref, prop, o_ref = item["relation"]
            s_ref, o_ref = ref(s_ref, where), ref(o_ref, where)
            relations = [
                r
                for r in relations
                if not (
                    (r.subject.kind, r.subject.key) == s_ref
                    and r.predicate == _property(prop, where)
                    and (r.object.kind, r.object.key) == o_ref
                )
            ]
        else:
            raise LabourgraphError(
                f"{where}: a reject item is {{entity: kind/label}} "
                "or {relation: [subject, property, object]}"
            )
    return rejected, relations


def _with_entities(
    mentions: list[Mention], items: list[object], text: str, where: str
) -> list[Mention]:
    """The mentions with one more for each curated entity, at its quote; mentions extraction
    found of the same entity take the curator's class."""
    for item in items:
        if (
            not isinstance(item, dict)
            or set(item) - ENTITY_KEYS
            or "label" not in item
            or "class" not in item
        ):
            raise LabourgraphError(
                f"{where}: an entity needs label, kind, class and quote (got {item!r})"
            )
        kind = item.get("kind", "organisation")
        if kind not in KINDS:
            raise LabourgraphError(f"{where}: unknown kind {kind!r}")
        _check_class(item["class"], kind, where)
        start, end = _quoted(text, item, where)
        ident = (kind, str(item["label"]))
        mentions = [
            replace(m, cls=item["class"]) if (m.kind, m.key) == ident else m for m in mentions
        ]
        mentions.append(Mention(start, end, ident[1], item["class"], kind, "curation", 1.0))
    return mentions


def _check_class(cls: object, kind: str, where: str) -> None:
    """A curated class must be a class of the ontology of that kind: a class is written into
    the graph as an IRI, so anything else would be an undeclared term, or worse, text that
    breaks out of the IRI and adds triples no source supports."""
    allowed = model.subclasses("TaskType") if kind == "task" else model.KINDS.get(kind, frozenset())
    if not isinstance(cls, str) or cls not in allowed:
        raise LabourgraphError(
            f"{where}: class {cls!r} is not a class of the ontology for kind {kind!r} "
            f"(e.g. {', '.join(sorted(allowed)[:4])})"
        )


def _curated_relations(
    items: list[object], known: dict[tuple[str, str], Mention], text: str, where: str
) -> list[Relation]:
    """The curator's relations, each between two entities of the document (`known`, by kind
    and label), stated at its quote."""
    relations: list[Relation] = []
    for item in items:
        if (
            not isinstance(item, dict)
            or set(item) - RELATION_KEYS
            or not {"subject", "property", "object"} <= set(item)
        ):
            raise LabourgraphError(
                f"{where}: a relation needs subject, property, object and quote (got {item!r})"
            )
        start, end = _quoted(text, item, where)
        ends = []
        for side in ("subject", "object"):
            ident = ref(item[side], where)
            if ident not in known:
                raise LabourgraphError(
                    f"{where}: {item[side]} is not an entity of this document; "
                    "add it under 'entities' first"
                )
            ends.append(known[ident])
        relations.append(
            Relation(
                ends[0], _property(item["property"], where), ends[1], start, end, "curation", 1.0
            )
        )
    return relations


def _property(name: object, where: str) -> URIRef:
    """The ontology's property of that local name; a name the ontology does not declare is
    one clear error naming the file, not a relation with no meaning."""
    try:
        return PLO[str(name)]
    except (AttributeError, KeyError):
        raise LabourgraphError(
            f"{where}: {name!r} is not a property of the ontology (e.g. worksOn, clientOf)"
        ) from None


def _quoted(text: str, item: dict, where: str) -> tuple[int, int]:
    """The offsets of a curated item's quote (its n-th occurrence, with `occurrence`)."""
    return locate(text, item.get("quote"), where, int(item.get("occurrence", 1)))
