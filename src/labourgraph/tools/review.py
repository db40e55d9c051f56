"""The curator's worklist: what extraction finds in one document, before linking, as a table.

`labourgraph review` prints it so that a curator can write `corpus/curation/*.yaml`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from labourgraph.core.errors import LabourgraphError
from labourgraph.extract import nlp
from labourgraph.extract.document import Resources, extract
from labourgraph.intake.corpus import load_corpus


def candidate_rows(corpus_dir: Path, document: str) -> list[dict[str, str]]:
    """What extraction finds in one document, before linking: the curator's worklist."""
    documents, _warnings = load_corpus(corpus_dir)
    wanted = [d for d in documents if document in (d.file_name, d.doc_id)]
    if not wanted:
        raise LabourgraphError(f"{document}: no such document in {corpus_dir}")
    doc = wanted[0]
    lang = "fr" if doc.language == "fr" else "en"
    analysed = nlp.analyse([doc.text.replace("’", "'")], lang)[0]
    facts = extract(doc.doc_id, analysed, lang, Resources(), date=doc.date)
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
