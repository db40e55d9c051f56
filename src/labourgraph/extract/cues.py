"""Cue matching: the ontology's labels for task types, AI systems, topics and indicators,
found in running text whatever their inflection.

Each token is reduced to a light stem of its lemma ("annotées" -> annoter -> "annot",
"annotated" -> "annot"), cues are reduced the same way, and Aho-Corasick finds cue stem
sequences on token boundaries. French lemmas come from spaCy; English has no lemmatizer here,
so the stemmer alone absorbs its regular inflections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from spacy.tokens import Doc, Token

from labourgraph.core.mint import fold
from labourgraph.extract.lexicon import Entry
from labourgraph.extract.nlp import tokens_of

_SUFFIXES = sorted(
    [
        "ements",
        "ement",
        "ations",
        "ation",
        "atrices",
        "atrice",
        "ateurs",
        "ateur",
        "ating",
        "ated",
        "ates",
        "ate",
        "ions",
        "ion",
        "ings",
        "ing",
        "ees",
        "ee",
        "es",
        "e",
        "s",
        "ers",
        "er",
        "ez",
        "ent",
        "ant",
        "ants",
        "ed",
        "ies",
        "y",
    ],
    key=len,
    reverse=True,
)
_STOP = set(
    [
        "le",
        "la",
        "les",
        "l'",
        "de",
        "des",
        "du",
        "d'",
        "un",
        "une",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "the",
        "a",
        "an",
        "of",
        "to",
        "for",
        "and",
        "in",
        "on",
        "by",
        "with",
    ]
)


def stem(word: str) -> str:
    """A light, language-agnostic stem; words of four letters or fewer stay whole."""
    word = fold(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "labell(ing)" and "label", "etiquett(ent)" and "etiquet(er)"
    return word


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    entry: Entry
    verb: bool = False  # matched by a verb cue (a task type's hidden label: "identifier")
    weak: bool = False  # matched by a weak cue, which needs its topic's context (`plo:weakCue`)


class CueMatcher:
    """Finds the cue entries of the ontology in analysed documents.

    One automaton per language, each holding only the cues of its language (`Entry.names_in`):
    once folded and stemmed, "less" is the key of "les", "stated" of "States", "revenue" of
    "revenus", so a cue of one language must not be looked for in the other. French text is
    keyed by its lemmas (so "retranscrivaient" meets "retranscrire", "ont" meets "avoir"), so
    French cues are lemmatised by the same pipeline; English text (and any other, read by the
    English pipeline), with no lemmatizer, is keyed by its words, and so are the cues for it.
    With `word_forms`, a French cue is also keyed by its words where their lemmas out of
    context may differ from those in a sentence (`_lemma_variants`). Without `lemmatize`,
    French text and cues are keyed by their words too. `weak` holds the (entry IRI, name)
    pairs of the weak cues, whose hits are marked (`CueHit.weak`) for `scope.CueSupport`.
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        lemmatize: Callable[[str], list[tuple[str, str]]] | None = None,
        word_forms: bool = False,
        verbs: frozenset[str] = frozenset(),
        weak: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.automata = {"en": ahocorasick.Automaton(), "fr": ahocorasick.Automaton()}
        self.keying = {"en": "plain", "fr": "plain" if lemmatize is None else "lemma"}
        self.empty = True
        for entry in entries:
            for name in entry.names_in("en"):
                self._add(
                    "en",
                    [_token_key(w, w) for w in _words(name)],
                    entry,
                    name in verbs,
                    _is_weak(entry, name, weak),
                )
            for name in entry.names_in("fr"):
                verb, feeble = name in verbs, _is_weak(entry, name, weak)
                if lemmatize is None:
                    self._add("fr", [_token_key(w, w) for w in _words(name)], entry, verb, feeble)
                    continue
                # punctuation is not keyed in the text ("main-d'œuvre" is "main d' œuvre"
                # there), so it is not keyed in the cue either
                pairs = [(t, lem) for t, lem in lemmatize(name) if t.strip(".,;:()-–")]
                variants = (
                    _lemma_variants(pairs)
                    if word_forms
                    else [[_token_key(t, lem) for t, lem in pairs]]
                )
                for words in variants:
                    self._add("fr", words, entry, verb, feeble)
        for automaton in self.automata.values():
            if len(automaton):
                automaton.make_automaton()

    def _add(
        self, which: str, words: list[str], entry: Entry, verb: bool = False, weak: bool = False
    ) -> None:
        words = [w for w in words if w]
        if not words or (len(words) == 1 and len(words[0]) < 3):
            return
        key = " " + " ".join(words) + " "
        automaton = self.automata[which]
        existing = automaton.get(key, None)
        if (
            existing is None
            or (existing[2] and not verb and existing[1] is entry)
            or (existing[3] and not weak and existing[1] is entry)
        ):
            # a key that a noun of the entry also gives ("annot": "annoter", "annotation")
            # is no verb-only key, and one that a plain cue gives is no weak key
            automaton.add_word(key, (len(key), entry, verb, weak))
            self.empty = False

    def find(self, doc: Doc, lang: str = "en") -> list[CueHit]:
        """Longest leftmost cue matches; stop words inside a cue must match too."""
        language = "fr" if lang == "fr" else "en"
        automaton = self.automata[language]
        if self.empty or not len(automaton):
            return []
        tokens, joined, starts = _keyed(doc, self.keying[language])
        found: list[tuple[int, int, Entry, bool, bool]] = []
        for end_pos, (key_length, entry, verb, weak) in automaton.iter(joined):
            first = starts.get(end_pos - key_length + 2)
            if first is None:
                continue
            words = joined[end_pos - key_length + 2 : end_pos].count(" ") + 1
            found.append((first, first + words - 1, entry, verb, weak))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        hits: list[CueHit] = []
        taken = -1
        for first, last, entry, verb, weak in found:
            if first <= taken:
                continue
            end = tokens[last].idx + len(tokens[last])
            hits.append(CueHit(tokens[first].idx, end, entry, verb, weak))
            taken = last
        return hits


def _is_weak(entry: Entry, name: str, weak: frozenset[tuple[str, str]]) -> bool:
    """Whether `name` is a weak cue of `entry`: (its IRI, the name) is in `weak`."""
    return (str(entry.iri), name) in weak


_DETERMINERS = frozenset(
    {"un", "une", "des", "les", "le", "la", "l'", "ces", "ses", "leurs", "the", "a", "an", "these"}
)
_ACTION_NOUN = ("tion", "tions", "ment", "ments", "age", "ages", "ing", "ings")
"""How the nouns of an action end ("des évaluations", "la génération"): they name the task."""


def _object_noun(token: Token, end: int) -> bool:
    """Whether the one-word hit `token` is a noun naming a thing after its determiner ("un
    film", "des identifiants"), not the noun of the action ("des évaluations")."""
    if token.idx + len(token) < end or token.pos_ not in ("NOUN", "PROPN") or token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return fold(previous.text) in _DETERMINERS and not fold(token.text).endswith(_ACTION_NOUN)


def task_uses(doc: Doc, hits: Iterable[CueHit], people: frozenset[str]) -> list[CueHit]:
    """The hits that name a task being done. A task type's verb cue is not the task where
    the word is a noun ("elle classe un film": the cue "film" / "filmer"; "des identifiants"
    is no "identifier"), nor where its object is people ("Mercor identifie des travailleurs":
    identifying workers is no image annotation). `people` are the stems of the words for
    workers (`scope.LabourScope` of `plo:Worker`)."""
    tokens = tokens_of(doc)
    by_start = {t.idx: t.i for t in tokens}
    kept = []
    for hit in hits:
        first = by_start.get(hit.start)
        if hit.verb and first is not None:
            token = doc[first]
            if _object_noun(token, hit.end):
                continue  # one word, read as the noun of a thing
            following = [t for t in doc[first + 1 : first + 5] if not t.is_punct]
            noun = next((t for t in following if t.pos_ in ("NOUN", "PROPN")), None)
            passive = bool(following) and fold(following[0].text) in ("par", "by")
            if token.pos_ == "VERB" and not passive and noun and stem(noun.text) in people:
                continue  # its object is people (not "retranscrits par les employés")
        kept.append(hit)
    return kept


def _keyed(doc: Doc, which: str) -> tuple[list[Token], str, dict[int, int]]:
    """The document's word keys joined by spaces, and where each token's key starts.

    Kept in `doc.user_data`: the task, topic and indicator matchers all read the same keys.
    """
    cache_key = f"labourgraph.extract.cues/{which}"  # spaCy types user_data keys as str
    if cache_key not in doc.user_data:
        tokens = [t for t in tokens_of(doc) if not t.is_space and not t.is_punct]
        if which == "lemma":
            keys = [_token_key(t.text, t.lemma_ or t.text) for t in tokens]
        else:
            keys = [_token_key(t.text, t.text) for t in tokens]
        parts = [" "]
        starts: dict[int, int] = {}
        length = 1
        for index, value in enumerate(keys):
            starts[length] = index
            parts.append(value + " ")
            length += len(value) + 1
        doc.user_data[cache_key] = (tokens, "".join(parts), starts)
    return doc.user_data[cache_key]


def _lemma_variants(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """The keys of a French cue: each word by its lemma or, where a lemma out of context is
    not the one the word has in a sentence ("revenus" alone is read as a form of "revenir"),
    by the word itself. Every combination for cues of up to six words, else the two pure ones.

    >>> _lemma_variants([("revenus", "revenir"), ("ont", "avoir")])
    [['revenir', 'avoir'], ['revenu', 'avoir'], ['revenir', 'ont'], ['revenu', 'ont']]
    """
    options = [list(dict.fromkeys((_token_key(t, lem), _token_key(t, t)))) for t, lem in pairs]
    if len(options) > 6:
        return [[o[0] for o in options], [o[-1] for o in options]]
    variants: list[list[str]] = [[]]
    for choices in options:
        variants = [[*v, c] for c in choices for v in variants]
    return variants


@lru_cache(maxsize=65536)
def _token_key(text: str, lemma: str) -> str:
    """Stop words are kept as written (French lemmatises "des" to "un"); others are stemmed."""
    lowered = fold(text)
    return lowered if lowered in _STOP else stem(lemma)


def _words(name: str) -> list[str]:
    cleaned = fold(name).replace("'", "' ").replace("-", " ")
    return [w for w in cleaned.split() if w.strip(".,;:()")]
