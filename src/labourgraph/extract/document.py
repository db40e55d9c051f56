"""Per-document extraction: from an analysed text to mentions, figures, relations, chains and
statements, all with the offsets of the words that state them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import SKOS
from spacy.tokens import Doc

from labourgraph.core.paths import ONTOLOGY_FILE
from labourgraph.core.rdfio import load_graph
from labourgraph.core.vocab import PLO
from labourgraph.extract import nlp
from labourgraph.extract.claims import Observation, find_observations
from labourgraph.extract.cues import CueMatcher, task_uses
from labourgraph.extract.discourse import with_protagonists, with_short_names
from labourgraph.extract.lexicon import Lexicon, folded_with_map, load_actors, ontology_entries
from labourgraph.extract.mentions import Mention, find_mentions
from labourgraph.extract.mentions.gazetteer import load_gazetteer
from labourgraph.extract.nlp import sentence_spans, text_of, tokens_of
from labourgraph.extract.polarity import PolarityCues
from labourgraph.extract.profiles import find_profile_figures
from labourgraph.extract.relations import (
    Chain,
    Relation,
    Statement,
    find_chains,
    find_relations,
    find_statements,
)
from labourgraph.extract.scope import CueSupport, LabourScope


@dataclass
class Resources:
    """What every document's extraction shares: the ontology, the lexicon, the cue matchers."""

    ontology_path: Path = ONTOLOGY_FILE
    actors_path: Path | None = None

    @cached_property
    def ontology(self) -> Graph:
        return load_graph(self.ontology_path)

    @cached_property
    def lexicon(self) -> Lexicon:
        actors = load_actors(self.actors_path) if self.actors_path else load_actors()
        load_gazetteer()  # GeoNames' places, read once here, before the workers fork
        return Lexicon(actors)

    @cached_property
    def _cue_entries(self) -> list:
        return ontology_entries(self.ontology)

    @cached_property
    def _cue_lemmas(self) -> dict[str, list[tuple[str, str]]]:
        """Every cue name that French text may hold (`Entry.names_in`) lemmatised by the French
        pipeline, in one batched pass."""
        names = sorted({name for e in self._cue_entries for name in e.names_in("fr")})
        french = nlp.pipeline("fr")
        docs = french.pipe((n.replace("’", "'") for n in names), batch_size=256)
        return {
            name: [(t.text, t.lemma_) for t in doc] for name, doc in zip(names, docs, strict=True)
        }

    def _matcher(
        self,
        *kinds: str,
        word_forms: bool = False,
        verbs: frozenset[str] = frozenset(),
        weak: frozenset[tuple[str, str]] = frozenset(),
    ) -> CueMatcher:
        return CueMatcher(
            (e for e in self._cue_entries if e.kind in kinds),
            self._cue_lemmas.__getitem__,
            word_forms,
            verbs,
            weak,
        )

    @cached_property
    def things(self) -> CueMatcher:
        """Task types and AI systems; a task type's hidden labels are its verbs (`task_uses`)."""
        verbs = frozenset(
            str(label)
            for e in self._cue_entries
            if e.kind == "task" and e.iri is not None
            for label in self.ontology.objects(e.iri, SKOS.hiddenLabel)
        )
        return self._matcher("task", "ai", verbs=verbs)

    @cached_property
    def topics(self) -> CueMatcher:
        """Topic cues; the weak ones (`support`) are marked on their hits."""
        return self._matcher("topic", weak=self.support.weak)

    @cached_property
    def support(self) -> CueSupport:
        """The weak topic cues and the context words they need (`scope.CueSupport`)."""
        return CueSupport.from_ontology(self.ontology)

    @cached_property
    def indicators(self) -> CueMatcher:
        # indicator cues are phrases ("revenus ont baissé") whose nouns a lemmatiser out of
        # context may misread; a topic cue is matched by lemma only (its phrases are longer
        # and looser: word forms made many more, wrong, statements)
        return self._matcher("indicator", word_forms=True)

    @cached_property
    def directions(self) -> CueMatcher:
        """The words of a rise, a fall or a difference (`plo:Direction` individuals)."""
        return self._matcher("direction")

    @cached_property
    def scope(self) -> LabourScope:
        """The words of work that say whether a passage is about labour (`scope`)."""
        return LabourScope.from_ontology(self.ontology)

    @cached_property
    def people(self) -> LabourScope:
        """The words for workers, whose presence as a verb's object makes it no task."""
        return LabourScope.from_ontology(self.ontology, (PLO.Worker,))

    @cached_property
    def polarity(self) -> PolarityCues:
        """The negation and hedge words (`plo:Denied`, `plo:Hedged`)."""
        return PolarityCues.from_ontology(self.ontology)


@dataclass
class DocumentFacts:
    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    things: list[Mention] = field(default_factory=list)  # task types and AI systems
    observations: list[Observation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    chains: list = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


def extract(
    doc_id: str,
    doc: Doc,
    lang: str,
    resources: Resources,
    parts: Sequence[tuple[int, int]] = (),
    date: str | None = None,
) -> DocumentFacts:
    """All facts of one document. `doc` is the spaCy analysis of its text; `parts` are the
    (start, end) of the articles of a file that holds several (the whole text otherwise);
    `date` its date (ISO 8601), which relative expressions of time are anchored to."""
    facts = _extract(doc_id, doc, lang, resources, date)
    text = text_of(doc)
    off = resources.scope.out_of_scope(text, parts or [(0, len(text))])
    return _in_scope(facts, off) if off else facts


def _in_scope(facts: DocumentFacts, off: list[tuple[int, int]]) -> DocumentFacts:
    """The facts of a document without the labour facts (figures, statements, task types)
    of its passages that are not about work (`scope`)."""

    def outside(offset: int) -> bool:
        return not any(start <= offset < end for start, end in off)

    return replace(
        facts,
        things=[t for t in facts.things if outside(t.start)],
        observations=[o for o in facts.observations if outside(o.figure_start)],
        relations=[
            r for r in facts.relations if r.predicate not in _TASK_RELATIONS or outside(r.start)
        ],
        statements=[s for s in facts.statements if outside(s.cue_start)],
    )


_TASK_RELATIONS = frozenset({PLO.performsTaskType, PLO.offersTaskType, PLO.supportsAISystem})


WHOLE_MAX_CHARS = 200_000
"""Documents up to this length are read whole (every document of the corpora so far is under
30,000 characters); a longer one is read window by window (`extract`)."""
WINDOW_CHARS = 50_000
"""The length a window of a long document reaches before it is cut at the next paragraph."""


def _extract(
    doc_id: str, doc: Doc, lang: str, resources: Resources, date: str | None = None
) -> DocumentFacts:
    """All facts of one document, before scope. `doc` is the spaCy analysis of its text.

    A document over `WHOLE_MAX_CHARS` characters is read in windows of whole sentences, cut
    at paragraph breaks (`windows`), each read as a document of its own and its facts shifted
    back to the document's offsets: every reading rule looks at a sentence and the few
    sentences around it, and some compare every pair of names in what they are given, so a
    window keeps the time of a long document linear in its length. What a window boundary
    cuts is only the reach across one paragraph break.
    """
    text = text_of(doc)
    if len(text) <= WHOLE_MAX_CHARS:
        return _extract_whole(doc_id, doc, lang, resources, date)
    facts = DocumentFacts(doc_id)
    for first, last in windows(doc):
        offset = doc[first].idx
        part = shifted(
            _extract_whole(doc_id, doc[first:last].as_doc(), lang, resources, date), offset
        )
        for item in fields(part):
            found = getattr(part, item.name)
            if isinstance(found, list):
                getattr(facts, item.name).extend(found)
    return facts


def windows(doc: Doc, size: int | None = None) -> list[tuple[int, int]]:
    """Token ranges of whole sentences covering the document, each cut once it reaches `size`
    characters at the next sentence that ends a paragraph (else at the next sentence, after
    as many again; a sentence longer than `size` is cut between tokens). `size` defaults to
    `WINDOW_CHARS`."""
    size = size or WINDOW_CHARS
    cuts: list[tuple[int, int]] = []
    first = 0
    start_char = 0
    for sentence in doc.sents:
        length = sentence.end_char - start_char
        if length < size:
            continue
        ends_paragraph = "\n\n" in doc[sentence.end - 1].text_with_ws or (
            sentence.end < len(doc) and doc[sentence.end].is_space
        )
        if ends_paragraph or length >= 2 * size:
            for cut_first, cut_last in _token_cuts(doc, first, sentence.end, 4 * size):
                cuts.append((cut_first, cut_last))
            first = sentence.end
            start_char = doc[first].idx if first < len(doc) else len(doc.text)
    if first < len(doc):
        cuts.extend(_token_cuts(doc, first, len(doc), 4 * size))
    return cuts


def _token_cuts(doc: Doc, first: int, last: int, size: int) -> list[tuple[int, int]]:
    """`(first, last)`, cut between tokens into ranges of at most about `size` characters."""
    cuts = []
    while doc[last - 1].idx + len(doc[last - 1]) - doc[first].idx > size:
        end = first + 1
        while end < last and doc[end].idx - doc[first].idx < size:
            end += 1
        cuts.append((first, end))
        first = end
    cuts.append((first, last))
    return cuts


def shifted(value: Any, offset: int) -> Any:
    """`value` (facts, or anything they hold) with every text offset moved by `offset`: the
    int fields named `start`, `end` or ending in `_start` / `_end`."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in fields(value):
            inner = getattr(value, item.name)
            if _is_offset(item.name, inner):
                changes[item.name] = inner + offset
            elif isinstance(inner, (list, tuple)) or is_dataclass(inner):
                changes[item.name] = shifted(inner, offset)
        return replace(value, **changes)
    if isinstance(value, list):
        return [shifted(item, offset) for item in value]
    if isinstance(value, tuple):
        return tuple(shifted(item, offset) for item in value)
    return value


def _is_offset(name: str, value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (name in ("start", "end") or name.endswith(("_start", "_end")))
    )


def _extract_whole(
    doc_id: str, doc: Doc, lang: str, resources: Resources, date: str | None = None
) -> DocumentFacts:
    """All facts of one document (or window), read whole."""
    folded = folded_with_map(text_of(doc))
    mentions = find_mentions(doc, resources.lexicon, lang, folded)
    # the witness a portrait follows by a first name alone ("Nathy", "Jonathan")
    mentions = with_protagonists(tokens_of(doc), text_of(doc), mentions)
    # "Michelle Muñoz … Michelle says": a person followed by a first or last name alone
    mentions = with_short_names(text_of(doc), mentions)
    taken = [(m.start, m.end) for m in mentions]
    things = [
        Mention(h.start, h.end, h.entry.key, h.entry.cls, h.entry.kind, "task-cues", 0.7, h.entry)
        for h in task_uses(doc, resources.things.find(doc, lang), resources.people.stems)
        if not any(s < h.end and h.start < e for s, e in taken)
    ]
    observations = find_observations(
        doc,
        lang,
        mentions,
        resources.indicators,
        resources.directions,
        date,
        work=resources.scope,
    )
    profiles = find_profile_figures(text_of(doc), folded, sentence_spans(doc), mentions)
    # a span of time a profile reads ("huit heures par jour", "depuis cinq ans" of a worker)
    # is that profile figure, not also a duration of no one
    observations = sorted(
        [
            *(o for o in observations if not _read_by_profile(o, profiles)),
            *profiles,
        ],
        key=lambda o: (o.figure_start, o.figure_end),
    )
    relations = find_relations(doc, mentions, things)
    # a person the text shows working on a platform or doing a task is a worker
    working = {
        r.subject.key
        for r in relations
        if r.predicate in (PLO.worksOn, PLO.performsTaskType) and r.subject.kind == "person"
    }
    mentions = [
        replace(m, cls="Worker")
        if m.kind == "person" and m.cls == "Person" and m.key in working
        else m
        for m in mentions
    ]
    relations = [
        replace(r, subject=replace(r.subject, cls="Worker"))
        if r.subject.kind == "person" and r.subject.cls == "Person" and r.subject.key in working
        else r
        for r in relations
    ]
    chains: list[Chain] = find_chains(doc, mentions)
    topics = [h for h in resources.topics.find(doc, lang) if resources.support.supported(doc, h)]
    statements = find_statements(doc, topics, mentions, resources.polarity)
    return DocumentFacts(doc_id, mentions, things, observations, relations, chains, statements)


def _read_by_profile(observation: Observation, profiles: list[Observation]) -> bool:
    """Whether a duration of the claims stage is a figure a profile pattern read."""
    return observation.indicator == PLO.UnspecifiedDuration and any(
        p.figure_start < observation.figure_end and observation.figure_start < p.figure_end
        for p in profiles
    )
