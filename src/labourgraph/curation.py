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
silently dropped. Files are read with `yaml.safe_load`. Curated facts are recorded as the
output of `pld:activity/curation` (human curation) in the graph.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import replace
from pathlib import Path

import yaml

from labourgraph.errors import LabourgraphError
from labourgraph.extract import DocumentFacts
from labourgraph.mentions import Mention
from labourgraph.relations import Relation
from labourgraph.vocab import PLO

KINDS = {"organisation", "person", "place", "task", "ai", "app"}
_ENTITY_KEYS = {"label", "kind", "class", "quote", "occurrence"}
_RELATION_KEYS = {"subject", "property", "object", "quote", "occurrence"}


def load(corpus_dir: Path) -> dict[str, dict]:
    """Curation files by document file name (empty when the folder does not exist)."""
    folder = corpus_dir / "curation"
    if not folder.is_dir():
        return {}
    result: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
            raise LabourgraphError(f"{path}: not a readable YAML file: {_one_line(err)}") from None
        if not isinstance(data, dict) or not isinstance(data.get("document"), str):
            raise LabourgraphError(f"{path}: needs a top-level 'document: <file name>' entry")
        unknown = set(data) - {"document", "entities", "relations", "reject"}
        if unknown:
            raise LabourgraphError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
        data["_path"] = str(path)
        result[data["document"]] = data
    return result


def locate(text: str, quote: str, where: str, occurrence: int = 1) -> tuple[int, int]:
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


def _ref(value: object, where: str) -> tuple[str, str]:
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


def apply(facts: DocumentFacts, text: str, curation: dict | None) -> DocumentFacts:
    """The document's facts with the curator's additions and rejections applied."""
    if not curation:
        return facts
    where = curation["_path"]
    mentions = list(facts.mentions)
    relations = list(facts.relations)
    rejected: set[tuple[str, str]] = set()
    for item in curation.get("reject") or []:
        if isinstance(item, dict) and "entity" in item:
            rejected.add(_ref(item["entity"], where))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("relation"), list)
            and len(item["relation"]) == 3
        ):
            s_ref, prop, o_ref = item["relation"]
            s_ref, o_ref = _ref(s_ref, where), _ref(o_ref, where)
            relations = [
                r
                for r in relations
                if not (
                    (r.subject.kind, r.subject.key) == s_ref
                    and r.predicate == PLO[prop]
                    and (r.object.kind, r.object.key) == o_ref
                )
            ]
        else:
            raise LabourgraphError(
                f"{where}: a reject item is {{entity: kind/label}} "
                "or {relation: [subject, property, object]}"
            )
    for item in curation.get("entities") or []:
        if (
            not isinstance(item, dict)
            or set(item) - _ENTITY_KEYS
            or "label" not in item
            or "class" not in item
        ):
            raise LabourgraphError(
                f"{where}: an entity needs label, kind, class and quote (got {item!r})"
            )
        kind = item.get("kind", "organisation")
        if kind not in KINDS:
            raise LabourgraphError(f"{where}: unknown kind {kind!r}")
        start, end = locate(text, item.get("quote"), where, int(item.get("occurrence", 1)))
        ident = (kind, str(item["label"]))
        mentions = [
            replace(m, cls=item["class"]) if (m.kind, m.key) == ident else m for m in mentions
        ]
        mentions.append(Mention(start, end, ident[1], item["class"], kind, "curation", 1.0))
    known = {(m.kind, m.key): m for m in mentions}
    for item in curation.get("relations") or []:
        if (
            not isinstance(item, dict)
            or set(item) - _RELATION_KEYS
            or not {"subject", "property", "object"} <= set(item)
        ):
            raise LabourgraphError(
                f"{where}: a relation needs subject, property, object and quote (got {item!r})"
            )
        start, end = locate(text, item.get("quote"), where, int(item.get("occurrence", 1)))
        ends = []
        for side in ("subject", "object"):
            ident = _ref(item[side], where)
            if ident not in known:
                raise LabourgraphError(
                    f"{where}: {item[side]} is not an entity of this document; "
                    "add it under 'entities' first"
                )
            ends.append(known[ident])
        relations.append(
            Relation(ends[0], PLO[str(item["property"])], ends[1], start, end, "curation", 1.0)
        )
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


def candidate_rows(corpus_dir: Path, document: str) -> list[dict[str, str]]:
    """What extraction finds in one document, before linking: the curator's worklist."""
    from labourgraph import nlp
    from labourgraph.corpus import load_corpus
    from labourgraph.extract import Resources, extract

    documents, _warnings = load_corpus(corpus_dir)
    wanted = [d for d in documents if document in (d.file_name, d.doc_id)]
    if not wanted:
        raise LabourgraphError(f"{document}: no such document in {corpus_dir}")
    doc = wanted[0]
    lang = "fr" if doc.language == "fr" else "en"
    analysed = nlp.analyse([doc.text.replace("’", "'")], lang)[0]
    facts = extract(doc.doc_id, analysed, lang, Resources())
    text = doc.text
    rows = []
    for m in facts.mentions + facts.things:
        rows.append(
            {
                "kind": m.kind,
                "label": m.key,
                "class_or_value": m.cls,
                "method": m.method,
                "confidence": f"{m.confidence:.2f}",
                "start": str(m.start),
                "quote": text[m.start : m.end],
            }
        )
    for o in facts.observations:
        value = str(o.value) if o.value is not None else f"{o.min_value}-{o.max_value}"
        rows.append(
            {
                "kind": "figure",
                "label": str(o.indicator).rsplit("#", 1)[-1],
                "class_or_value": f"{value} {o.unit}" + (f"/{o.per_unit}" if o.per_unit else ""),
                "method": "number-grammar",
                "confidence": f"{o.confidence:.2f}",
                "start": str(o.figure_start),
                "quote": text[o.figure_start : o.figure_end],
            }
        )
    for r in facts.relations:
        rows.append(
            {
                "kind": "relation",
                "label": f"{r.subject.key} {str(r.predicate).rsplit('#', 1)[-1]} {r.object.key}",
                "class_or_value": "",
                "method": r.method,
                "confidence": f"{r.confidence:.2f}",
                "start": str(r.start),
                "quote": " ".join(text[r.start : r.end].split())[:120],
            }
        )
    rows.sort(key=lambda row: (int(row["start"]), row["kind"], row["label"]))
    return rows


def render_rows(rows: list[dict[str, str]], fmt: str) -> str:
    """A CSV file, or an aligned table with quotes cut to fit a terminal."""
    columns = ["kind", "label", "class_or_value", "method", "confidence", "start", "quote"]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    cells = [columns] + [
        [(row[c] if c != "quote" else " ".join(row[c].split())[:60]) for c in columns]
        for row in rows
    ]
    widths = [min(40, max(len(r[i]) for r in cells)) for i in range(len(columns) - 1)]
    lines = [
        "  ".join(cell[:w].ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        for r in cells
    ]
    return "\n".join(lines) + "\n"


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
