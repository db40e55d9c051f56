"""Entity linking across the corpus: one individual per real-world entity, whatever the spelling.

Mentions meet on their canonical key (the lexicon's label, or the cleaned name). A surname
cited alone in one document ("(Tubaro et al., 2020)") joins the one person of that surname
named in full anywhere in the corpus. An entity's class is the most specific one its mentions
support: the lexicon's when it knows the name, otherwise the role or kind most often cued.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from labourgraph.core.mint import slug
from labourgraph.extract.mentions import Mention

CLASS_PRIORITY = [
    "MicroworkPlatform",
    "FreelancePlatform",
    "Platform",
    "DataVendor",
    "WorkerCollective",
    "University",
    "ResearchBody",
    "Union",
    "PublicBody",
    "MediaOutlet",
    "StartUp",
    "ClientCompany",
    "Company",
    "SoftwareApplication",
    "Organisation",
    "Photographer",
    "Journalist",
    "Spokesperson",
    "Executive",
    "Researcher",
    "Worker",
    "Person",
    "Country",
    "Region",
    "City",
    "Place",
]
"""The classes of organisations, apps, people and places, the more specific first: an entity
cued as a platform in one document and as a company in another is a platform, a person cued as
a researcher once and as a worker once is a researcher. The order among classes that are not
sub- and superclass is a choice; `tests/link/test_entities.py` checks the list against the
ontology (`core.model`): every class of those kinds, each before its superclasses."""


@dataclass
class Entity:
    """One individual of the graph and every mention that names it."""

    kind: str
    key: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (doc_id, mention)


def canonical(mentions_by_doc: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Rewrite surname-only person keys to the full name they stand for, corpus-wide, and
    give every spelling of a name that mints the same IRI ("Byteforce AI", "Byteforce Ai")
    one key: the lexicon's or the curator's if either has it, else the first met."""
    return _one_key_per_iri(_full_names(mentions_by_doc))


def _one_key_per_iri(mentions_by_doc: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    chosen: dict[tuple[str, str], tuple[int, str]] = {}
    for doc_id in sorted(mentions_by_doc):
        for mention in mentions_by_doc[doc_id]:
            ident = (mention.kind, slug(mention.key))
            rank = 0 if mention.method in ("lexicon", "curation") else 1
            if ident not in chosen or rank < chosen[ident][0]:
                chosen[ident] = (rank, mention.key)
    return {
        doc_id: [
            m
            if chosen[(m.kind, slug(m.key))][1] == m.key
            else replace(m, key=chosen[(m.kind, slug(m.key))][1])
            for m in mentions
        ]
        for doc_id, mentions in mentions_by_doc.items()
    }


def _full_names(mentions_by_doc: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    full_names: dict[str, set[str]] = defaultdict(set)
    for mentions in mentions_by_doc.values():
        for mention in mentions:
            if mention.kind == "person" and " " in mention.key and "." not in mention.key:
                full_names[mention.key.split()[-1]].add(mention.key)
    result: dict[str, list[Mention]] = {}
    for doc_id, mentions in mentions_by_doc.items():
        fixed = []
        for mention in mentions:
            if mention.kind == "person" and " " not in mention.key:
                names = full_names.get(mention.key, set())
                if len(names) == 1:
                    mention = replace(mention, key=next(iter(names)))
            fixed.append(mention)
        result[doc_id] = fixed
    return result


Ident = tuple[str, str]
"""An entity's (kind, key): what entities are keyed by, and what their IRI is minted from."""


@dataclass(frozen=True)
class Linked:
    """What linking hands to assembly: the entities, and which entity each mention names."""

    entities: dict[Ident, Entity]
    """Every entity by its (kind, linked key), with its resolved class."""
    keys: dict[tuple[str, str, str], Ident]
    """(document id, kind, key as extracted) -> the (kind, key) of the entity it was linked to."""

    def ident(self, doc_id: str, mention: Mention) -> Ident:
        """The (kind, key) of the entity a mention in `doc_id` names; its own if not linked."""
        return self.keys.get((doc_id, mention.kind, mention.key), (mention.kind, mention.key))

    def entity(self, doc_id: str, mention: Mention) -> Entity | None:
        """The entity a mention in `doc_id` names, if linking made one for it."""
        return self.entities.get(self.ident(doc_id, mention))


def link(mentions_by_doc: dict[str, list[Mention]], texts: dict[str, str]) -> Linked:
    """Group mentions into entities keyed by (kind, key), with their resolved class, and
    record which entity each mention went to (so facts can point at it)."""
    entities: dict[Ident, Entity] = {}
    keys: dict[tuple[str, str, str], Ident] = {}
    votes: dict[Ident, Counter[str]] = defaultdict(Counter)
    lexicon_class: dict[Ident, str] = {}
    for doc_id, mentions in sorted(canonical(mentions_by_doc).items()):
        for raw, mention in zip(mentions_by_doc[doc_id], mentions, strict=True):
            ident = (mention.kind, mention.key)
            keys[(doc_id, raw.kind, raw.key)] = ident
            entity = entities.setdefault(ident, Entity(mention.kind, mention.key, mention.cls))
            entity.mentions.append((doc_id, mention))
            surface = " ".join(texts[doc_id][mention.start : mention.end].split())
            # a name as the document writes it is an alias; a curated quote is evidence only
            if (
                surface
                and surface != mention.key
                and mention.method != "curation"
                and "," not in surface
            ):
                entity.aliases.add(surface)
            if mention.method == "lexicon" and mention.entry is not None:
                lexicon_class[ident] = mention.entry.cls
                entity.aliases.update(n for n in mention.entry.names if n != mention.key)
            votes[ident].update([mention.cls])
    for ident, entity in entities.items():
        if ident in lexicon_class:
            entity.cls = lexicon_class[ident]
        else:
            entity.cls = _most_specific(entity.kind, votes[ident])
    return Linked(entities, keys)


def _most_specific(kind: str, counted: Counter[str]) -> str:
    """The first by `CLASS_PRIORITY` of the classes an entity's mentions were cued as: a specific
    one over Organisation, Person or Place, and for a person any role over Worker."""
    specific = [c for c in counted if c not in ("Organisation", "Person", "Place")]
    if kind == "person":
        specific = [c for c in specific if c != "Worker"] or specific
    return min(
        specific or list(counted),
        key=lambda c: CLASS_PRIORITY.index(c) if c in CLASS_PRIORITY else len(CLASS_PRIORITY),
    )
