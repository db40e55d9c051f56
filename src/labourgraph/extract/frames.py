"""A figure's frame, read from the dependency parse: the noun it counts, the verb governing it,
that verb's subject with its "de X / chez X / of X / at X" modifiers and conjuncts.

Token windows guess the subject of a figure from what stands nearest; the parse says which
words depend on which, so "les salaires *des modérateurs* atteignent 300 dollars", "Kenyan
workers, *who* are paid less than $2", "elle dépasse … les 500 images" or "*Fiverr and
Upwork* take 20 %" name their subject whatever stands between. The labels are read in both
schemes of the pipelines: Universal Dependencies (French: `nsubj`, `nsubj:pass`, `nmod`,
`case`, `acl:relcl`) and ClearNLP (English: `nsubjpass`, `prep`, `pobj`, `poss`, `relcl`).
Nothing here knows a word of either language beyond those labels and the parts of speech;
what the subject *is* (a person, an organisation, a population) is `subjects`' to decide.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from labourgraph.extract.nlp import text_of

_SUBJECT = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "csubj:pass"})
"""Dependencies of a clause's subject (not `expl`: "il y a", "it is")."""
_RELATIVE = frozenset({"relcl", "acl:relcl"})
"""A relative clause: its subject may be the relative pronoun standing for the noun above."""
_PARTICIPLE = frozenset({"acl"})
"""A participle clause on a noun ("workers paid less than $2", "des tâches payées 5
centimes"): the noun is its subject (who is paid, what is paid for)."""
_CLIMB = frozenset({"conj", "xcomp"})
"""A verb that shares its subject with the verb above it ("… and take 20 %", "semble gagner")."""
_MODIFIER = frozenset({"nmod", "prep", "poss", "nmod:poss", "obl:mod"})
"""How a noun's modifiers hang on it: "de X" (`nmod` + `case`), "of X" (`prep` + `pobj`),
"X's" (`poss`)."""
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_GROUP = frozenset({"det", "amod", "compound", "flat", "flat:name", "nummod", "fixed"})
"""The words of a noun group around its head: determiners, adjectives, compounds, the rest
of a name."""
_FIGURE_WORDS = frozenset({"NUM", "NOUN", "PROPN", "SYM", "X"})
"""What the head of a figure is: its number, or its unit ("40 *%*", "*$*250")."""
_HOPS = 6
"""The most heads climbed from a figure to the verb governing it."""


@dataclass(frozen=True)
class Group:
    """A noun group of the frame: its head word and the characters it spans."""

    head: Token
    start: int
    end: int
    text: str

    @property
    def is_pronoun(self) -> bool:
        return self.head.pos_ == "PRON"

    @property
    def is_plural(self) -> bool:
        return "Plur" in self.head.morph.get("Number", [])


@dataclass(frozen=True)
class Frame:
    """What the parse says around one figure.

    `counted` is the noun the figure counts or measures ("500 *images*", "40 % *des
    employés*", "20 % of *fees*"); `verb` the word governing the figure's noun group (a verb,
    or the predicate of "le salaire est de 300 euros"); `subject` that verb's subject (through
    conjoined verbs, relative and participle clauses), `None` when the clause has none or the
    figure is itself the subject (`figure_is_subject`: "2 000 annotateurs travaillent",
    where `counted` says who); `modifiers` the nouns hung on the subject by a preposition or
    a possessive ("les salaires *des modérateurs*", "*Appen's* revenue"); `conjuncts` the
    subjects coordinated with it ("*Fiverr* and *Upwork*")."""

    counted: Group | None
    verb: Token | None
    subject: Group | None
    figure_is_subject: bool
    modifiers: tuple[Group, ...]
    conjuncts: tuple[Group, ...]


def has_parse(tokens: Sequence[Token]) -> bool:
    """Whether the tokens carry a dependency parse (a blank English pipeline has none)."""
    return bool(tokens) and tokens[0].doc.has_annotation("DEP")


def frame_of(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> Frame | None:
    """The frame of the figure at text[start:end] (`starts`: each token's offset), or None
    when the tokens carry no parse or none of them lies in the figure."""
    if not has_parse(tokens):
        return None
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end)
    inside = [t for t in tokens[first:last] if t.idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    # the figure's own head: the word of the figure whose head lies outside it
    # (its number or unit: "under" in "just under US $1 million" qualifies it)
    heads = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    anchor = next(
        (t for t in heads if t.like_num or t.pos_ in _FIGURE_WORDS), heads[0] if heads else None
    )
    if anchor is None:
        return None
    counted = _counted(anchor, ids)
    # climb from the noun the figure's number modifies ("500 images"), else from the figure
    node = counted.head if counted is not None and anchor.head.i == counted.head.i else anchor
    verb, subject, figure_is_subject = _governing(node)
    modifiers: tuple[Group, ...] = ()
    conjuncts: tuple[Group, ...] = ()
    if subject is not None:
        modifiers = tuple(_modifiers(subject))
        conjuncts = conjuncts_of(_group(subject)) + _stranded_conjuncts(verb, subject)
    return Frame(
        counted=counted,
        verb=verb,
        subject=_group(subject) if subject is not None else None,
        figure_is_subject=figure_is_subject,
        modifiers=modifiers,
        conjuncts=conjuncts,
    )


def conjuncts_of(group: Group) -> tuple[Group, ...]:
    """The noun groups coordinated with a group's head ("Fiverr et *Upwork*", "*Fiverr* and
    Upwork"), in their order, without the group itself."""
    head = group.head
    return tuple(_group(t) for t in head.conjuncts if t.pos_ in _NOMINAL and t.i != head.i)


def _stranded_conjuncts(verb: Token | None, subject: Token) -> tuple[Group, ...]:
    """The first conjuncts of a coordinated subject that the parse hung elsewhere: in
    "Appen et Sama ont licencié 30 %" opening a sentence, the small models often take
    "Appen" for the root and the verb for *its* conjunct, with "Sama" alone as the subject.
    A verb is not coordinated with a noun, so a noun heading the verb by `conj`, standing
    right before the subject with only a coordinating conjunction between, is another
    conjunct of the subject (with its own conjuncts)."""
    if verb is None or verb.dep_ != "conj":
        return ()
    noun = verb.head
    if noun.pos_ not in ("PROPN", "NOUN") or noun.i >= subject.i:
        return ()
    group = _group(noun)
    doc = subject.doc
    between = [
        t for t in doc[noun.i + 1 : subject.left_edge.i] if not group.start <= t.idx < group.end
    ]
    if [t.pos_ for t in between] != ["CCONJ"]:
        return ()  # "Appen recrute, et Sama a licencié…": two clauses, not two subjects
    return (group, *conjuncts_of(group))


def _counted(anchor: Token, ids: set[int]) -> Group | None:
    """The noun a figure counts: the noun its number modifies ("500 images"), else the noun
    hung on its own head by a preposition ("40 % des employés", "20 % of fees", "1 million
    de travailleurs")."""
    if anchor.dep_ in ("nummod", "quantmod") and anchor.head.pos_ in ("NOUN", "PROPN"):
        return _group(anchor.head)
    for token in (anchor, *[c for c in anchor.children if c.i in ids]):
        for child in token.children:
            if child.i in ids:
                continue
            if child.dep_ == "nmod" and child.pos_ in ("NOUN", "PROPN"):
                return _group(child)
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return _group(objects[0])
    return None


def _governing(node: Token) -> tuple[Token | None, Token | None, bool]:
    """The word governing `node` that has a subject, that subject, and whether the figure
    lies in the subject itself: climbing from the figure's noun to the clause's verb, then
    through conjoined or controlled verbs to the verb that states the subject; a relative
    pronoun stands for the noun its clause modifies, and so does the missing subject of a
    participle clause.

    A figure inside the subject ("Fuentes et 19 autres tâcherons ont…", "2 000 annotateurs
    travaillent") has no subject other than what it counts. A figure hung on another noun
    ("Dizon is one *of 4,500 workers*") is not an argument of the verb above that noun: its
    subject is not the figure's, and the frame has none (the caller's rules then decide)."""
    current = node
    # the subject is looked for among the words before each head (a subject precedes its
    # verb in both languages but for inversions, which the parse rarely gets right): a
    # head's words after it may be thousands of coordinated figures ("2 dollars, 2 dollars,
    # …"), and reading them for every figure would take quadratic time
    for _ in range(_HOPS):
        if current.dep_ in _SUBJECT:
            return current.head, None, True
        subject = next(
            (
                c
                for c in current.lefts
                if c.dep_ in _SUBJECT and not any(g.dep_ == "case" for g in c.children)
            ),
            None,  # "Selon des estimations, 44 % …": a complement taken for a subject
        )
        if subject is not None:
            relative = subject.tag_ in ("WDT", "WP") or "Rel" in subject.morph.get("PronType", [])
            if relative and current.dep_ in _RELATIVE:
                return current, current.head, False  # "workers who are paid $2"
            return current, subject, False
        if current.dep_ in _RELATIVE or current.dep_ in _PARTICIPLE:
            # "workers paid less than $2", "qui gagnent 21 euros"
            return current, current.head, False
        if current.dep_ == "ROOT" or current.head.i == current.i:
            return current, None, False
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in _CLIMB:
            return current, None, False  # a clause of its own with no subject said
        if _on_noun(current):
            return None, None, False
        current = current.head
    return None, None, False


def _on_noun(token: Token) -> bool:
    """Whether a noun hangs on another noun by a preposition ("one *of* 4,500 workers", "le
    salaire *des* modérateurs"), not on a verb."""
    if token.dep_ == "pobj":
        return token.head.dep_ == "prep" and token.head.head.pos_ in _NOMINAL
    return token.dep_ == "nmod" and token.head.pos_ in _NOMINAL and token.pos_ in _NOMINAL


def _modifiers(subject: Token) -> list[Group]:
    """The nouns hung on a subject: "de X" / "chez X" (`nmod` and its `case`), "of X" /
    "at X" (`prep` and its `pobj`), "X's" (`poss`), with their own conjuncts."""
    found = []
    for child in subject.children:
        if child.dep_ not in _MODIFIER:
            continue
        nouns = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [child]
        for noun in nouns:
            if noun.pos_ in _NOMINAL:
                found.append(_group(noun))
                found.extend(_group(c) for c in noun.conjuncts if c.pos_ in _NOMINAL)
    return found


def _group(head: Token) -> Group:
    """The noun group of `head`: the contiguous words around it that depend on it as
    determiners, adjectives, compounds or the rest of a name."""
    doc = head.doc
    left = right = head.i
    # a word belongs to the group when it depends, as a group word, on one already in it
    while left - 1 >= 0 and left - 1 != head.head.i and _in_group(doc[left - 1], left, right):
        left -= 1
    while (
        right + 1 < len(doc) and right + 1 != head.head.i and _in_group(doc[right + 1], left, right)
    ):
        right += 1
    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
    return Group(head, start, end, text_of(doc)[start:end])


def _in_group(token: Token, left: int, right: int) -> bool:
    """Whether `token` hangs on a word of doc[left:right + 1] as a word of its noun group,
    or is a hyphen joining words of it ("Entry-level agents")."""
    return left <= token.head.i <= right and (
        token.dep_ in _GROUP or (token.text == "-" and not token.whitespace_)
    )
