"""Corpus intake: read the documents of `corpus/` and their catalogue, or refuse with one line.

A document is a UTF-8 text file dropped into the corpus folder. Intake reads its bytes as they
are and decodes them strictly, so that every offset the pipeline writes (`plo:startOffset`,
`plo:endOffset`) counts Unicode code points into exactly the text a reader sees in the file.
The only change made to the bytes is the removal of a leading UTF-8 byte-order mark: offsets
count from after it, because a mark is not part of the text and Turtle parsers choke on it.

Intake refuses, with one line naming the file (and the byte offset where one applies), what
would otherwise break the pipeline later or silently: bytes that are not UTF-8 (offsets would
be meaningless), empty or whitespace-only files, NUL and other control characters (forbidden in
the XML 1.0 of the RDF/XML export), binary files (an image or a PDF dropped by mistake), HTML
passed as text (markup would be extracted as words), and files above `MAX_DOCUMENT_BYTES`.

The catalogue (`catalogue.yaml`, optional, read by `yamlfile.read` and checked against
`schema.Catalogue`: one line naming the key for a wrong type) gives each document its
metadata. Every key is checked: a misspelt key, a file that does not exist, a bad language
code, a malformed date, or a part whose offsets fall outside the text or whose title is not
where it says is an error, not a silent fallback. A part's `title` must occur, exactly as
written, within the first `PART_TITLE_WINDOW` code points of the part: a part may begin with a
kicker or a dateline ("Grand entretien dans le Journal du CNRS (24 avr. 2020)") before its
title, and the check still catches offsets that point at the wrong article.

Documents without an entry are still read: their language is detected (langdetect, seeded so
that the result is the same on every run) and their title is their first non-empty line; the
caller gets one warning line listing them all. Loading is all-or-nothing: every file is read
and checked before anything is returned, so a bad file never leaves half a corpus behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from labourgraph.core.errors import LabourgraphError
from labourgraph.intake import schema, yamlfile
from labourgraph.intake.licences import spdx_id

CATALOGUE_NAME = "catalogue.yaml"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Larger files are refused: the whole text becomes one `plo:text` literal in the graph."""
CATALOGUE_BYTES_PER_DOCUMENT = 2048
"""Catalogue bytes allowed per document of the corpus (an entry takes about 330)."""
PART_TITLE_WINDOW = 300
"""A part's title must start within this many code points of the part's start."""
TITLE_MAX_CHARS = 300
"""A title taken from a first line is cut here, so that one huge line cannot become a title."""
GENRES = ("interview", "essay", "news", "report", "blog")
ENTRY_KEYS = (
    "title",
    "publisher",
    "author",
    "interviewer",
    "date",
    "language",
    "genre",
    "url",
    "license",
    "parts",
)
PART_KEYS = ("start", "end", "title", "date", "author")

UTF8_BOM = b"\xef\xbb\xbf"
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\xfe\xff", "UTF-32 text (convert it to UTF-8)"),
    (b"\xff\xfe\x00\x00", "UTF-32 text (convert it to UTF-8)"),
    (b"\xfe\xff", "UTF-16 text (convert it to UTF-8)"),
    (b"\xff\xfe", "UTF-16 text (convert it to UTF-8)"),
)
_BINARY_SAMPLE = 4096
_BINARY_CONTROL_SHARE = 0.10
_BINARY_CONTROL_MIN = 8
"""A sample with more than this share (and count) of control bytes is binary, not a text with a
stray control character, whatever its extension."""
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")
_MARKUP_WINDOW = 4096
_HTML_ELEMENTS = (
    "html|head|body|meta|title|script|style|link|base|noscript|div|span|p|a|table|form|iframe"
    "|h[1-6]|header|nav|main|article|section|footer|ul|ol|img|svg|template"
)
_MARKUP_START = re.compile(
    rf"<!--|<\?xml[\s?]|<!doctype[\s>]|<(?:{_HTML_ELEMENTS})(?:[\s/>]|$)", re.IGNORECASE
)
"""The start of a markup file: a comment, an XML prolog, a doctype, or an HTML start tag."""

# Characters a document may not hold: C0 controls but tab, LF and CR; DEL and the C1 controls;
# the non-characters U+FFFE and U+FFFF (not XML 1.0 characters). Python's strict UTF-8 decoder
# already refuses surrogates.
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SAFE_FILE_STEM = re.compile(r"[A-Za-z0-9._~-]+")
_WEB_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# ISO 639-1 two-letter language codes.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Part:
    """One article of a file that holds several; offsets are code points into the text."""

    start: int
    end: int
    title: str
    date: str | None
    author: str | None


@dataclass(frozen=True)
class Document:
    """A corpus document as read, with the metadata of its catalogue entry (or detected)."""

    doc_id: str
    path: Path
    file_name: str
    text: str
    sha256: str
    language: str
    title: str
    publisher: str | None
    author: str | None
    interviewer: str | None
    date: str | None
    genre: str | None
    parts: tuple[Part, ...]
    catalogued: bool
    url: str | None = None  # where the text was published (its source)
    license: str | None = None  # the text's own terms (an SPDX id or a URL), if known


def decode_text(path: Path, raw: bytes) -> str:
    """Return the text of a document's bytes, or raise one clear line naming the file.

    >>> decode_text(Path("x.txt"), b"\\xef\\xbb\\xbfBonjour")
    'Bonjour'
    """
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise LabourgraphError(
            f"{path}: file too large ({len(raw)} bytes; the limit is {MAX_DOCUMENT_BYTES})"
        )
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise LabourgraphError(
                f"{path}: binary file ({kind}) from byte offset 0, not UTF-8 text"
            )
    bom = len(UTF8_BOM) if raw.startswith(UTF8_BOM) else 0
    sample = raw[bom : bom + _BINARY_SAMPLE]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls >= _BINARY_CONTROL_MIN and controls / len(sample) > _BINARY_CONTROL_SHARE:
        first = next(
            i for i, byte in enumerate(sample) if byte < 0x20 and byte not in _TEXT_CONTROLS
        )
        raise LabourgraphError(
            f"{path}: binary file ({controls} control bytes in its first {len(sample)}, "
            f"the first at byte offset {bom + first}), not UTF-8 text"
        )
    try:
        text = raw[bom:].decode("utf-8", errors="strict")
    except UnicodeDecodeError as err:
        raise LabourgraphError(
            f"{path}: not UTF-8 text: invalid byte 0x{raw[bom + err.start]:02x} "
            f"at byte offset {bom + err.start} (save the file as UTF-8)"
        ) from None
    if not text.strip():
        what = "empty file" if not text else "file holds only whitespace"
        raise LabourgraphError(f"{path}: {what}, no text to read")
    bad = _FORBIDDEN_CHAR.search(text)
    if bad:
        char = bad.group()
        byte_offset = bom + len(text[: bad.start()].encode("utf-8"))
        name = "NUL byte" if char == "\x00" else f"control character U+{ord(char):04X}"
        raise LabourgraphError(
            f"{path}: {name} at byte offset {byte_offset}; a text document cannot hold one"
        )
    markup = markup_offset(text)
    if markup is not None:
        byte_offset = bom + len(text[:markup].encode("utf-8"))
        raise LabourgraphError(
            f"{path}: HTML or XML file, not plain text (markup at byte offset {byte_offset}; "
            "save the article's text as a .txt file)"
        )
    return text


def markup_offset(text: str) -> int | None:
    """Where the markup of an HTML or XML file starts, or None for plain text.

    A page saved by a browser need not start with `<html`: it may open with white space, a
    comment (`<!-- saved from url=… -->`), an XML prolog, a doctype, or go straight to
    `<head><script>`. What comes first in the first `_MARKUP_WINDOW` characters, past white
    space, is looked at: one of those, or the start tag of an HTML element, is markup.

    >>> markup_offset("  <!-- saved from url=(0022)http://x.org/ -->\\n<html>")
    2
    >>> markup_offset("<head><script>var x;</script>") == 0
    True
    >>> markup_offset("Le <html> est un langage.") is None
    True
    """
    window = text[:_MARKUP_WINDOW]
    start = len(window) - len(window.lstrip())
    return start if _MARKUP_START.match(window, start) else None


def detect_language(path: Path, text: str) -> str:
    """Detect a document's ISO 639-1 language, the same on every run (langdetect, seed 0)."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        code = detect(text)
    except LangDetectException:
        raise LabourgraphError(
            f"{path}: cannot detect the language (no words found); "
            f"give it a `language` in {CATALOGUE_NAME}"
        ) from None
    return code.split("-")[0]


def first_line_title(text: str) -> str:
    """The first non-empty line, stripped and cut at `TITLE_MAX_CHARS` code points."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:TITLE_MAX_CHARS]
    return ""  # unreachable for decoded documents, which hold non-whitespace text


def read_document(path: Path, entry: dict | None = None) -> Document:
    """Read and check one document; `entry` is its catalogue entry, if it has one.

    Raises `LabourgraphError` with one line naming the file when the file or its entry is bad.
    """

    path = Path(path)
    if not _SAFE_FILE_STEM.fullmatch(path.stem):
        raise LabourgraphError(
            f"{path}: file name may use only ASCII letters, digits and . _ - ~ "
            "(it becomes the document's IRI); rename the file"
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
    text = decode_text(path, raw)
    meta = _check_entry(path, entry, text) if entry is not None else {}
    language = meta.get("language") or detect_language(path, text)
    return Document(
        doc_id=path.stem,
        path=path,
        file_name=path.name,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        language=language,
        title=meta.get("title") or first_line_title(text),
        publisher=meta.get("publisher"),
        author=meta.get("author"),
        interviewer=meta.get("interviewer"),
        date=meta.get("date"),
        genre=meta.get("genre"),
        parts=meta.get("parts", ()),
        catalogued=entry is not None,
        url=meta.get("url"),
        license=meta.get("license"),
    )


def catalogue_limit(documents: int) -> int:
    """Largest catalogue read for a corpus of `documents` files: 4 MiB, or 2 KiB a document
    when that is more.

    A fixed limit refused the catalogue of an ordinary press corpus (25,000 documents write
    8 MB of entries, about 330 bytes each); what the limit guards against is a file far
    larger than the corpus it describes, and the memory bombs (aliases, deep nesting) are
    refused by `yamlfile` whatever the size.
    """
    return max(yamlfile.MAX_YAML_BYTES, documents * CATALOGUE_BYTES_PER_DOCUMENT)


def read_catalogue(corpus_dir: Path, documents: int = 0) -> dict[str, dict]:
    """Return the catalogue's entries by file name ({} when there is no catalogue), read
    within `catalogue_limit(documents)` bytes."""
    path = Path(corpus_dir) / CATALOGUE_NAME
    if not path.exists() and not path.is_symlink():
        return {}
    data = yamlfile.read(path, catalogue_limit(documents))
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) - {"documents"}:
        raise LabourgraphError(f"{path}: expected one top-level key `documents`")
    schema.check(path, data, schema.Catalogue)
    return data.get("documents") or {}


def load_corpus(corpus_dir: Path) -> tuple[list[Document], list[str]]:
    """Read every `*.txt` of `corpus_dir` (not sub-folders) with its catalogue entry.

    Returns the documents sorted by file name and the warning lines (one per name skipped,
    `_document_files`, and one for the documents without a catalogue entry). Any bad file or
    entry raises before anything is returned.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise LabourgraphError(f"{corpus_dir}: no such corpus folder")
    paths, skipped = _document_files(corpus_dir)
    if not paths:
        raise LabourgraphError(f"{corpus_dir}: no *.txt documents in the corpus folder")
    catalogue = read_catalogue(corpus_dir, len(paths))
    names = {p.name for p in paths}
    for name in sorted(set(catalogue) - names):
        raise LabourgraphError(
            f"{corpus_dir / CATALOGUE_NAME}: entry {name!r} names no document "
            f"(no such file {corpus_dir / name})"
        )
    documents = [read_document(p, catalogue.get(p.name)) for p in paths]
    missing = [d.file_name for d in documents if not d.catalogued]
    warnings = skipped
    if missing:
        verb = "document has" if len(missing) == 1 else "documents have"
        warnings.append(
            f"warning: {len(missing)} {verb} no catalogue entry "
            f"(language detected, title from first line): {', '.join(missing)}"
        )
    return documents, warnings


def _document_files(corpus_dir: Path) -> tuple[list[Path], list[str]]:
    """The corpus's `*.txt` files, each a regular file inside the folder, and one warning line
    for each name that looks like a document but is not read.

    A symbolic link is refused, not followed: `corpus/passwd.txt -> /etc/passwd` would
    otherwise publish that file's text. So are FIFOs, devices and folders named `*.txt`
    (reading a FIFO blocks), and a file over `MAX_DOCUMENT_BYTES` is refused before it is read.
    Names starting with a dot (editor and temporary files, `..evil.txt`) and names ending in
    another case of `.txt` (`upper.TXT`) are skipped, each with its warning line: a document
    that silently vanishes from the graph is worse than a word too many.
    """
    paths = []
    skipped = []
    for path in sorted(corpus_dir.iterdir(), key=lambda p: p.name):
        if not path.name.lower().endswith(".txt"):
            continue
        if path.name.startswith("."):
            skipped.append(
                f"warning: skipped {path}: names starting with a dot are not read "
                "(editor and temporary files)"
            )
            continue
        if not path.name.endswith(".txt"):
            skipped.append(
                f"warning: skipped {path}: only names ending in lower-case .txt are read"
            )
            continue
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise LabourgraphError(
                f"{path}: is a symbolic link; corpus documents must be regular files in the "
                "corpus folder (copy the text in)"
            )
        if not stat.S_ISREG(info.st_mode):
            raise LabourgraphError(f"{path}: is not a regular file (a folder, FIFO or device)")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise LabourgraphError(
                f"{path}: file too large ({info.st_size} bytes; the limit is {MAX_DOCUMENT_BYTES})"
            )
        paths.append(path)
    return paths, skipped


def _check_entry(path: Path, entry: dict, text: str) -> dict[str, Any]:
    """Validate one catalogue entry against its document; return the normalised fields."""
    where = f"{CATALOGUE_NAME}: {path.name}"
    if not isinstance(entry, dict):
        raise LabourgraphError(f"{where}: entry must be a mapping")
    _known_keys(where, entry, ENTRY_KEYS)
    meta: dict[str, Any] = {}
    for key in ("title", "publisher", "author", "interviewer"):
        meta[key] = _optional_string(where, key, entry.get(key))
    meta["date"] = _check_date(where, "date", entry.get("date"))
    language = _optional_string(where, "language", entry.get("language"))
    if language is not None and language not in ISO_639_1:
        raise LabourgraphError(
            f"{where}: language {language!r} is not an ISO 639-1 code (e.g. fr, en)"
        )
    meta["language"] = language
    genre = _optional_string(where, "genre", entry.get("genre"))
    if genre is not None and genre not in GENRES:
        raise LabourgraphError(f"{where}: genre {genre!r} is not one of {', '.join(GENRES)}")
    meta["genre"] = genre
    meta["url"] = _optional_string(where, "url", entry.get("url"))
    if meta["url"] is not None and not _WEB_URL.fullmatch(meta["url"]):
        raise LabourgraphError(f"{where}: url {meta['url']!r} is not an http(s) URL")
    meta["license"] = _optional_string(where, "license", entry.get("license"))
    if meta["license"] is not None and not (
        _WEB_URL.fullmatch(meta["license"]) or spdx_id(meta["license"])
    ):
        raise LabourgraphError(
            f"{where}: license {meta['license']!r} is neither an SPDX identifier nor an http(s) URL"
        )
    meta["parts"] = _check_parts(where, entry.get("parts"), text)
    return meta


def _known_keys(where: str, mapping: dict, allowed: tuple[str, ...]) -> None:
    """A misspelt key is an error naming it, never a field silently dropped."""
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise LabourgraphError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(allowed)})"
        )


def _optional_string(where: str, key: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise LabourgraphError(f"{where}: `{key}` must be a non-empty string, not {value!r}")
    return value.strip()


def _check_date(where: str, key: str, value: object) -> str | None:
    """Accept "2020", "2020-04" or "2020-04-24" (YAML's unquoted dates and years too)."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match:
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            match = None
    if not match:
        raise LabourgraphError(
            f"{where}: `{key}` {value!r} is not an ISO 8601 date (2020, 2020-04 or 2020-04-24)"
        )
    return str(value)


def _is_offset(value: object) -> TypeGuard[int]:
    """An integer, and not a bool (which Python counts as one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _check_parts(where: str, parts: object, text: str) -> tuple[Part, ...]:
    if parts is None:
        return ()
    if not isinstance(parts, list) or not parts:
        raise LabourgraphError(f"{where}: `parts` must be a non-empty list")
    checked: list[Part] = []
    for index, part in enumerate(parts, start=1):
        here = f"{where}: part {index}"
        if not isinstance(part, dict):
            raise LabourgraphError(f"{here}: must be a mapping with start, end and title")
        _known_keys(here, part, PART_KEYS)
        start, end = part.get("start"), part.get("end")
        if not (_is_offset(start) and _is_offset(end)):
            raise LabourgraphError(f"{here}: `start` and `end` must be integer offsets")
        if not 0 <= start < end <= len(text):
            raise LabourgraphError(
                f"{here}: offsets {start}-{end} fall outside the text (0-{len(text)})"
            )
        if checked and start < checked[-1].end:
            raise LabourgraphError(f"{here}: starts at {start}, before the previous part ends")
        title = _optional_string(here, "title", part.get("title"))
        if title is None:
            raise LabourgraphError(f"{here}: `title` is required")
        window = text[start : min(end, start + PART_TITLE_WINDOW + len(title))]
        if window.find(title) not in range(PART_TITLE_WINDOW + 1):
            found = " ".join(text[start : start + 60].split())
            raise LabourgraphError(
                f"{here}: title {title!r} is not within the first {PART_TITLE_WINDOW} "
                f"characters of the part (it starts with {found!r})"
            )
        checked.append(
            Part(
                start=start,
                end=end,
                title=title,
                date=_check_date(here, "date", part.get("date")),
                author=_optional_string(here, "author", part.get("author")),
            )
        )
    return tuple(checked)
