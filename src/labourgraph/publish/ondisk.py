"""A store you can serve: the graph and its ontology in an on-disk pyoxigraph (RocksDB) store.

Every `query`, `network` or `serve` on Turtle files parses them again into memory, which on a
large graph costs far more than the query itself. `write_store` (`labourgraph export --store
DIR`) loads the graph and the ontology once into a store directory; `open_store` opens such a
directory read-only, in a fraction of a second whatever its size, or loads Turtle files as
before, so each command reads either through the same call. Read-only opening lets several
query processes (the endpoint's) share one store.

A store directory is RocksDB's files, which are not reproducible bytes; what identifies it is
its marker, `labourgraph-store.json` (sorted, no timestamp): the name, size and SHA-256 of each
file it was loaded from and its triple count. A directory without the marker is never opened
nor overwritten, so `--store` cannot wipe an unrelated folder. Like every export, a store is
a release: it holds no document's text (`export.release_graph`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, XSD

from labourgraph.core import atomic
from labourgraph.core.errors import LabourgraphError
from labourgraph.core.rdfio import load_store
from labourgraph.core.vocab import KG_IRI, PLO

MARKER = "labourgraph-store.json"
"""The file that makes a directory a labourgraph store."""
FORMAT = "labourgraph-store/1"


@dataclass(frozen=True)
class StoreInfo:
    """What a store holds, as its marker records it."""

    path: Path
    triples: int
    sources: tuple[dict[str, object], ...]


def is_store(path: Path | str) -> bool:
    """Whether `path` is a store directory (`write_store`'s), rather than an RDF file."""
    return (Path(path) / MARKER).is_file()


def open_store(sources: Sequence[Path | str]) -> ox.Store:
    """The graph to query: a store directory opened read-only, or RDF files loaded in memory.

    A store directory already holds the ontology, so it comes alone; a directory that is not
    a store, or a store given with more files, is one clear line.
    """
    paths = [Path(p) for p in sources]
    folders = [p for p in paths if p.is_dir()]
    if not folders:
        return load_store(paths)
    folder = folders[0]
    if not is_store(folder):
        raise LabourgraphError(
            f"{folder}: a folder but not a labourgraph store (no {MARKER});"
            f" write one with `labourgraph export --store {folder}`"
        )
    if len(paths) > 1:
        others = ", ".join(str(p) for p in paths if p != folder)
        raise LabourgraphError(
            f"{folder}: a store already holds the graph and its ontology; do not add {others}"
        )
    try:
        return ox.Store.read_only(str(folder))
    except OSError as err:
        raise LabourgraphError(f"{folder}: cannot open the store: {err}") from None


def read_marker(folder: Path | str) -> StoreInfo:
    """What the store in `folder` holds, from its marker."""
    folder = Path(folder)
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT!r}")
        return StoreInfo(folder, int(data["triples"]), tuple(data["sources"]))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise LabourgraphError(f"{folder / MARKER}: not a store marker: {err}") from None


def write_store(
    folder: Path | str, sources: Sequence[Path | str], *, with_text: bool = False
) -> StoreInfo:
    """Load RDF files (the graph and its ontology) into a new store directory at `folder`,
    as a release: a graph file holding documents' texts goes in as its release copy
    (`export.release_files`), since a store is published (Oxigraph's server serves it as it
    is) and the texts are third-party press. `with_text` keeps them where every document's
    licence allows it (`export.release_graph`); the co-mention network needs them.

    The store is made in a hidden sibling folder and renamed into place once complete, so a
    failure leaves the previous store as it was; an existing store there is replaced, any
    other existing folder or file is refused.
    """
    folder = Path(folder)
    files = [Path(p) for p in sources]
    if folder.exists() and not is_store(folder) and not _empty_dir(folder):
        raise LabourgraphError(
            f"{folder}: exists and is not a labourgraph store; give a new or empty folder"
        )
    for path in files:
        if not path.is_file():
            raise LabourgraphError(f"{path}: no such graph file (run `labourgraph build` first?)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.new-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        triples = _fill(ox.Store(str(staging)), files, with_text)
        gc.collect()  # RocksDB's files are closed when the store is dropped
        info = StoreInfo(folder, triples, tuple(_source(path) for path in files))
        atomic.write_bytes(staging / MARKER, _marker_bytes(info))
        _swap(staging, folder)
    finally:
        gc.collect()  # a store left open by a failed load would write into the folder removed
        shutil.rmtree(staging, ignore_errors=True)
    return info


def _fill(store: ox.Store, files: list[Path], with_text: bool) -> int:
    """Load the release of `files` into the new `store`, optimise it, and drop it (the
    caller's reference is the only other one, so the store is closed when this returns or
    raises, once the frame is collected); its triple count."""
    try:
        if with_text:  # the licences are checked on rdflib's graph (`export.release_graph`)
            from labourgraph.publish.export import release_files  # pySHACL's imports: 0.3 s

            with tempfile.TemporaryDirectory(prefix="labourgraph-store-") as released:
                load_store(release_files(files, Path(released), with_text=True), store)
        else:
            for path in files:
                _load_release(store, path)
        triples = len(store)
        store.optimize()
        store.flush()
        return triples
    finally:
        del store


_TEXT = ox.NamedNode(str(PLO.text))
_DIGEST = ox.NamedNode(str(PLO.textSha256))
_LENGTH = ox.NamedNode(str(PLO.textLength))
_NON_NEGATIVE = ox.NamedNode(str(XSD.nonNegativeInteger))
_CONFORMS_TO = ox.NamedNode(str(DCTERMS.conformsTo))


def _load_release(store: ox.Store, path: Path) -> None:
    """Load one graph file into `store` as its release, without rdflib: the triples
    `export.release_graph` keeps of it (texts dropped, each document's digest and length
    added where the file lacks them, the release profile declared), or the file as it is when
    it holds no text (the ontology).

    pyoxigraph's bulk loader reads the file, then the few text triples are taken out: at
    x1000 (434 MB of Turtle, 5.4 million triples) this takes about a minute, where parsing
    into rdflib's graph to make the release took most of an hour and gigabytes.
    """
    load_store([path], store)
    texts = list(store.quads_for_pattern(None, _TEXT, None, ox.DefaultGraph()))
    if not texts:
        return
    for quad in texts:
        doc, term = quad.subject, quad.object
        text = str(term) if isinstance(term, ox.Triple) else term.value  # a literal, by the shapes
        if next(store.quads_for_pattern(doc, _DIGEST, None), None) is None:
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            store.add(ox.Quad(doc, _DIGEST, ox.Literal(digest)))
        if next(store.quads_for_pattern(doc, _LENGTH, None), None) is None:
            store.add(ox.Quad(doc, _LENGTH, ox.Literal(str(len(text)), datatype=_NON_NEGATIVE)))
        store.remove(quad)
    from labourgraph.check.shacl import RELEASE_PROFILE  # not imported by every query process

    store.add(ox.Quad(ox.NamedNode(KG_IRI), _CONFORMS_TO, ox.NamedNode(str(RELEASE_PROFILE))))


def _swap(staging: Path, folder: Path) -> None:
    """Put the staged store at `folder`, and remove the store that was there."""
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except OSError:
        if old.exists():
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _empty_dir(path: Path) -> bool:
    with contextlib.suppress(NotADirectoryError):
        return path.is_dir() and not any(path.iterdir())
    return False


def _source(path: Path) -> dict[str, object]:
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return {"name": path.name, "bytes": path.stat().st_size, "sha256": digest}


def _marker_bytes(info: StoreInfo) -> bytes:
    data = {
        "format": FORMAT,
        "triples": info.triples,
        "sources": list(info.sources),
    }
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
