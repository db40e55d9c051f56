"""Human curation: YAML files in `corpus/curation/` that add what the rules miss and reject
what they got wrong, each anchored by a quote that must stand in its document.

One file per document, named after it (`003_fd31927c02eb1532.yaml`):

```yaml
document: 003_fd31927c02eb1532.txt
entities:                      # add an entity, or change the class of an extracted one
  - {label: Task Hunters, kind: organisation, class: WorkerCollective, quote: "« Task Hunters »"}
relations:                     # add a relation between two entities of the graph
  - {subject: person/Oskarina Fuentes, property: worksOn, object: organisation/Appen,
     quote: "se connecter à Appen"}
reject:                        # drop an extracted entity (and what hangs on it) or relation
  - {entity: organisation/Fintech}
  - {relation: [person/Oskarina Fuentes, worksOn, organisation/Fiverr]}
```

`quote` is the exact text; `occurrence: 2` picks the second place it stands. A quote that is
not in the document is an error that names the closest passage, so that a typo is fixed, not
silently dropped. Files are read with `yaml.safe_load` (no alias, bounded nesting, at most
`MAX_CURATION_BYTES`) and checked against `schema.CurationFile`. Curated facts are recorded as the
output of `pld:activity/curation` (human curation) in the graph.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import get_args

from labourgraph.core.errors import LabourgraphError
from labourgraph.intake import schema, yamlfile

KINDS = frozenset(get_args(schema.Kind))
ENTITY_KEYS = {"label", "kind", "class", "quote", "occurrence"}
RELATION_KEYS = {"subject", "property", "object", "quote", "occurrence"}
MAX_CURATION_BYTES = 1024 * 1024
"""Largest curation file read: one document's hand-written curation is a few kilobytes."""


def load(corpus_dir: Path) -> dict[str, dict]:
    """Curation files by document file name (empty when the folder does not exist).

    Each file is read by `yamlfile.read` (size limit, no alias, bounded nesting) and checked
    against `schema.CurationFile`, so that a wrong type is one line naming the file and the
    key. Two files for the same document are an error: one would silently replace the other.
    """
    folder = corpus_dir / "curation"
    if not folder.is_dir():
        return {}
    result: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yamlfile.read(path, MAX_CURATION_BYTES)
        if not isinstance(data, dict) or not isinstance(data.get("document"), str):
            raise LabourgraphError(f"{path}: needs a top-level 'document: <file name>' entry")
        schema.check(path, data, schema.CurationFile)
        if data["document"] in result:
            raise LabourgraphError(
                f"{path}: curates {data['document']}, which "
                f"{result[data['document']]['_path']} already curates (one file per document)"
            )
        data["_path"] = str(path)
        result[data["document"]] = data
    return result


def locate(text: str, quote: object, where: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the n-th occurrence of a quote, or an error naming the closest passage."""
    if not isinstance(quote, str) or not quote.strip():
        raise LabourgraphError(f"{where}: a curated fact needs a non-empty 'quote'")
    start = -1
    for _ in range(max(1, occurrence)):
        start = text.find(quote, start + 1)
        if start < 0:
            break
    if start >= 0:
        return start, start + len(quote)
    raise LabourgraphError(
        f"{where}: quote {quote!r} is not in the document; closest: {closest(text, quote)!r}"
    )


def closest(text: str, quote: str) -> str:
    """The passage of the text most like the quote: a coarse scan of windows of the quote's
    length (a quarter of it apart), then every start and a few lengths around the best one,
    so that the passage named in the error starts and ends where the quote would."""
    size = max(1, len(quote))
    step = max(1, size // 4)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    best = (0.0, 0, size)

    def consider(start: int, length: int) -> None:
        nonlocal best
        matcher.set_seq1(text[start : start + length])
        if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
            return
        ratio = matcher.ratio()
        if ratio > best[0]:
            best = (ratio, start, length)

    for start in range(0, max(1, len(text) - size + 1), step):
        consider(start, size)
    _, coarse, _ = best
    for start in range(max(0, coarse - step), min(len(text), coarse + step) + 1):
        for length in range(max(1, size - 3), size + 4):
            consider(start, length)
    return text[best[1] : best[1] + best[2]]


def ref(value: object, where: str) -> tuple[str, str]:
    if not isinstance(value, str) or "/" not in value:
        raise LabourgraphError(
            f"{where}: an entity is written kind/label, e.g. organisation/Appen; got {value!r}"
        )
    kind, label = value.split("/", 1)
    if kind not in KINDS:
        raise LabourgraphError(
            f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})"
        )
    return kind, label.strip()
