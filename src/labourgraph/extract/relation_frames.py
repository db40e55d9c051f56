"""Where a relation's two ends stand in the dependency parse: the clause each belongs to and
how it hangs on that clause's verb.

Word windows tie whatever stands near: "Outlier recorded just shy of two hours" put a task
(a recording) on the platform that did the recording, and "… a subsidiary of Scale AI" put a
worker on the owner named in an apposition. The parse says which verb each name depends on
and by which link (subject, object, oblique), so the relation rules (`relations`) can ask
whether two ends are arguments of one clause, and in which roles. As in `frames`, only the
dependency labels of both schemes are read (Universal Dependencies for French, ClearNLP for
English), never a word of either language.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from labourgraph.extract.frames import has_parse

SUBJECT = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "csubj:pass", "agent"})
"""A clause's subject (the passive's agent too: "paid *by* Remotasks" is no oblique of place or
purpose, it is who acts)."""
_NOMINAL_LINK = frozenset(
    {
        "nmod",
        "nmod:poss",
        "poss",
        "appos",
        "compound",
        "amod",
        "prep",
        "pobj",
        "case",
        "conj",
        "cc",
        "flat",
        "flat:name",
        "det",
        "fixed",
        "obl:mod",
        "nummod",
    }
)
"""Links inside a noun phrase (and a preposition's object): climbing them stays in the
phrase."""
_HOPS = 5
"""The most heads climbed from a word to the verb of its clause."""


@dataclass(frozen=True)
class Attachment:
    """How a name hangs on the verb of its clause: `verb` (None when none is reached within
    `_HOPS`), and `link`, the dependency of the word right under the verb on the path (a
    subject, an object, an oblique)."""

    verb: Token | None
    link: str


def root(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of the text at [start, end): the word of it whose head lies outside it;
    None when the doc has no parse or no word there."""
    if not has_parse(list(doc[:1])):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def attachment(token: Token) -> Attachment:
    """The verb whose clause holds `token` and the link by which its phrase hangs on it: a
    verb is its own clause's verb (`link` "self"); a noun climbs through the links of its
    phrase ("la plateforme *Annotix*", "for *the platform* Gigwise") to the verb."""
    if token.pos_ in ("VERB", "AUX"):
        return Attachment(token, "self")
    current = token
    for _ in range(_HOPS):
        head = current.head
        if head.i == current.i:
            return Attachment(None, current.dep_)
        if head.pos_ in ("VERB", "AUX"):
            return Attachment(head, current.dep_)
        current = head
    return Attachment(None, current.dep_)


def in_phrase_of(token: Token, other: Token, hops: int = 3) -> bool:
    """Whether `token` belongs to the noun phrase of `other`: climbing phrase links from it
    reaches `other` ("plateforme *d'annotation* Tasquo", "Tasquo, une plateforme
    d'annotation")."""
    current = token
    for _ in range(hops):
        if current.dep_ not in _NOMINAL_LINK or current.head.i == current.i:
            return False
        current = current.head
        if current.i == other.i:
            return True
    return False


_SAME_SUBJECT = frozenset({"xcomp", "conj"})
"""A verb that shares the subject of the verb above it ("decided *to work* for Sama", "was
hired and *worked* for Sama")."""
_NEW_SUBJECT = frozenset({"relcl", "acl:relcl", "acl"})
"""A clause on a noun: the noun is its subject ("moderators *who worked* for Majorel")."""


def whose_clause(verb: Token) -> tuple[list[Token], Token | None]:
    """The verbs that share `verb`'s subject (itself, and those above it through controlled or
    coordinated verbs), and the noun whose relative or participle clause they make, if any:
    the one the clause is about when it states no subject of its own."""
    verbs = [verb]
    current = verb
    for _ in range(4):
        if current.dep_ in _NEW_SUBJECT:
            return verbs, current.head
        if current.dep_ not in _SAME_SUBJECT or current.head.i == current.i:
            break
        current = current.head
        verbs.append(current)
    return verbs, None


def subject_of(verbs: list[Token]) -> list[Token]:
    """The subjects of a list of verbs (their `nsubj`-like children)."""
    return [c for v in verbs for c in v.children if c.dep_ in SUBJECT and c.dep_ != "agent"]


def under(token: Token, ancestor: Token, hops: int = 6) -> bool:
    """Whether `ancestor` is `token` or one of its heads, within `hops`."""
    current = token
    for _ in range(hops + 1):
        if current.i == ancestor.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def agent_of(participle: Token, token: Token) -> bool:
    """Whether `token` is the agent of a participle ("owned *by* Scale AI", "lancée *par*
    Amazon"): the object of its `agent` preposition (English), or an oblique or nominal
    modifier of it whose case word is the French agent's "par"."""
    if token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.i == participle.i:
        return True
    return (
        token.head.i == participle.i
        and token.dep_.startswith(("obl", "nmod"))
        and any(c.dep_ == "case" and c.lower_ == "par" for c in token.children)
    )
