"""Corpus intake: the seeds and their catalogue load, and every bad file gets one clear line."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labourgraph.core.errors import LabourgraphError
from labourgraph.intake.corpus import (
    MAX_DOCUMENT_BYTES,
    PART_TITLE_WINDOW,
    Document,
    decode_text,
    load_corpus,
    read_document,
)
from sizes import MIB, repeated_bytes, sized, time_bound

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BAD = Path(__file__).parents[1] / "data" / "corpus"

FRENCH = (
    "Les travailleurs du clic\n\nDes milliers de personnes annotent des images pour "
    "entraîner des intelligences artificielles, souvent depuis chez elles, pour quelques "
    "centimes par tâche et sans contrat de travail.\n"
)
ENGLISH = (
    "Click workers\n\nThousands of people label images to train artificial intelligence, "
    "often from their homes, for a few cents per task and without any employment contract.\n"
)


def one_line(err: pytest.ExceptionInfo[LabourgraphError]) -> str:
    """The error's message, checked to be a single line."""
    message = str(err.value)
    assert "\n" not in message
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- the seeds -----------------------------------------------------------------------------


def test_seeds_load_with_their_catalogue() -> None:
    documents, warnings = load_corpus(CORPUS)
    assert warnings == []
    assert [d.file_name for d in documents] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(documents) == 5
    assert all(d.catalogued and d.language == "fr" for d in documents)
    by_id = {d.doc_id: d for d in documents}
    interview = by_id["000_6071a8ca28e9cc73"]
    assert interview.publisher == "Le Monde"
    assert interview.interviewer == "Catherine Quignon"
    assert interview.genre == "interview"
    assert interview.text == (CORPUS / "000_6071a8ca28e9cc73.txt").read_text(encoding="utf-8")


def test_seed_001_has_three_parts_whose_titles_are_at_their_offsets() -> None:
    documents, _ = load_corpus(CORPUS)
    doc = next(d for d in documents if d.doc_id == "001_aa9ac79dc000e8e9")
    assert [(p.date, p.author) for p in doc.parts] == [
        ("2020-04-24", "Lydia Ben Ytzhak"),
        ("2019-05-24", "Laure Cailloce"),
        (None, None),
    ]
    for part in doc.parts:
        assert part.title in doc.text[part.start : part.start + PART_TITLE_WINDOW + len(part.title)]
        assert not doc.text[part.start].isspace() and not doc.text[part.end - 1].isspace()
    assert doc.text[doc.parts[1].start :].startswith("Entretien dans Le Journal du CNRS")
    assert doc.text[doc.parts[2].start :].startswith(doc.parts[2].title)
    assert doc.parts[-1].end == len(doc.text.rstrip())
    # The second part holds the 2019 interview and none of the 2020 one.
    second = doc.text[doc.parts[1].start : doc.parts[1].end]
    assert "Laure Cailloce" in second and "Lydia Ben Ytzhak" not in second


def test_loading_is_deterministic() -> None:
    first, _ = load_corpus(CORPUS)
    second, _ = load_corpus(CORPUS)
    assert first == second
    assert [d.sha256 for d in first] == [d.sha256 for d in second]


# --- bad files: one clear line naming the file -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("latin1.txt", "Le café est fermé".encode("latin-1"), "invalid byte 0xe9 at byte offset 6"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  ", "only whitespace"),
        ("nul.txt", b"abc\x00def", "NUL byte at byte offset 3"),
        ("bell.txt", "é\x07".encode(), "control character U+0007 at byte offset 2"),
        ("c1.txt", "caf\u0085".encode(), "control character U+0085 at byte offset 3"),
        ("del.txt", b"abc\x7f", "control character U+007F at byte offset 3"),
        ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF document)"),
        ("blob.txt", bytes(range(256)) * 4, "binary file"),
        ("utf16.txt", "Bonjour".encode("utf-16"), "UTF-16"),
        ("page.txt", b"\n  <!DOCTYPE HTML>\n<html><body>x</body></html>", "HTML or XML file"),
        ("page2.txt", b"<html lang='fr'><p>Bonjour</p></html>", "HTML or XML file"),
    ],
)
def test_bad_file_gives_one_clear_error(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(LabourgraphError) as err:
        read_document(path)
    message = one_line(err)
    assert message.startswith(f"{path}: ")
    assert expected in message


def test_bad_file_aborts_the_whole_load(tmp_path: Path) -> None:
    write(tmp_path, "a_good.txt", FRENCH.encode())
    write(tmp_path, "b_bad.txt", b"ok\x00")
    with pytest.raises(LabourgraphError) as err:
        load_corpus(tmp_path)
    assert "b_bad.txt: NUL byte at byte offset 2" in one_line(err)


def test_committed_bad_file_is_refused() -> None:
    with pytest.raises(LabourgraphError) as err:
        read_document(BAD / "windows-1252.txt")
    assert "not UTF-8 text: invalid byte 0x92 at byte offset 7" in one_line(err)


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"a" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(LabourgraphError, match="file too large"):
        read_document(path)


def test_file_name_must_be_iri_safe(tmp_path: Path) -> None:
    path = write(tmp_path, "mon article.txt", FRENCH.encode())
    with pytest.raises(LabourgraphError, match="rename the file"):
        read_document(path)


def test_bom_is_stripped_and_offsets_count_after_it(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + FRENCH.encode())
    doc = read_document(path, {"language": "fr"})
    assert doc.text == FRENCH
    assert doc.text.index("Des milliers") == FRENCH.index("Des milliers")
    assert doc.title == "Les travailleurs du clic"
    # Byte offsets in errors still count the mark: it is in the file.
    bad = write(tmp_path, "bom_nul.txt", b"\xef\xbb\xbfab\x00")
    with pytest.raises(LabourgraphError, match="NUL byte at byte offset 5"):
        read_document(bad)


def test_line_endings_are_kept_as_read(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", FRENCH.replace("\n", "\r\n").encode())
    doc = read_document(path, {"language": "fr"})
    assert "\r\n" in doc.text
    assert doc.text.encode() == path.read_bytes()


# --- documents without a catalogue entry ----------------------------------------------------


def test_uncatalogued_documents_are_detected_and_warned_once(tmp_path: Path) -> None:
    write(tmp_path, "en.txt", ENGLISH.encode())
    write(tmp_path, "fr.txt", FRENCH.encode())
    documents, warnings = load_corpus(tmp_path)
    assert [(d.file_name, d.language, d.title) for d in documents] == [
        ("en.txt", "en", "Click workers"),
        ("fr.txt", "fr", "Les travailleurs du clic"),
    ]
    assert all(not d.catalogued and d.publisher is None and d.parts == () for d in documents)
    assert warnings == [
        "warning: 2 documents have no catalogue entry (language detected, title from first "
        "line): en.txt, fr.txt"
    ]


def test_catalogued_and_uncatalogued_documents_mix(tmp_path: Path) -> None:
    write(tmp_path, "en.txt", ENGLISH.encode())
    write(tmp_path, "fr.txt", FRENCH.encode())
    catalogue = {"documents": {"fr.txt": {"title": "Clic", "date": 2019, "genre": "essay"}}}
    (tmp_path / "catalogue.yaml").write_text(yaml.safe_dump(catalogue), encoding="utf-8")
    documents, warnings = load_corpus(tmp_path)
    fr = documents[1]
    assert (fr.title, fr.date, fr.genre, fr.language, fr.catalogued) == (
        "Clic",
        "2019",
        "essay",
        "fr",
        True,
    )
    assert warnings == [
        "warning: 1 document has no catalogue entry (language detected, title from first "
        "line): en.txt"
    ]


def test_undetectable_language_asks_for_a_catalogue_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "numbers.txt", b"12 345 678\n")
    with pytest.raises(LabourgraphError, match="give it a `language`"):
        read_document(path)


def test_subfolders_and_hidden_files_are_not_documents(tmp_path: Path) -> None:
    write(tmp_path, "fr.txt", FRENCH.encode())
    (tmp_path / "curation").mkdir()
    write(tmp_path / "curation", "notes.txt", b"\x00")
    write(tmp_path, ".fr.txt", b"\x00")
    documents, _ = load_corpus(tmp_path)
    assert [d.file_name for d in documents] == ["fr.txt"]


def test_empty_corpus_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LabourgraphError, match=r"no \*\.txt documents"):
        load_corpus(tmp_path)
    with pytest.raises(LabourgraphError, match="no such corpus folder"):
        load_corpus(tmp_path / "missing")


# --- catalogue errors ---------------------------------------------------------------------------


def corpus_with_catalogue(tmp_path: Path, catalogue: str) -> Path:
    write(tmp_path, "fr.txt", FRENCH.encode())
    (tmp_path / "catalogue.yaml").write_text(catalogue, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("catalogue", "expected"),
    [
        ("documents:\n  absent.txt: {title: X}\n", "entry 'absent.txt' names no document"),
        ("documents:\n  fr.txt: {titel: X}\n", "fr.txt, titel: unknown key"),
        ("documents:\n  fr.txt: {language: french}\n", "'french' is not an ISO 639-1 code"),
        ("documents:\n  fr.txt: {language: xx}\n", "'xx' is not an ISO 639-1 code"),
        ("documents:\n  fr.txt: {genre: poem}\n", "genre 'poem' is not one of"),
        ("documents:\n  fr.txt: {date: '24/04/2020'}\n", "is not an ISO 8601 date"),
        ("documents:\n  fr.txt: {date: '2020-02-30'}\n", "is not an ISO 8601 date"),
        ("documents:\n  fr.txt: {title: [a, b]}\n", "fr.txt, title: expected a valid string"),
        ("documents:\n  fr.txt: {url: 'ftp://x.org/a'}\n", "'ftp://x.org/a' is not an http(s) URL"),
        ("documents:\n  fr.txt: {url: 'https://x.org/a b'}\n", "is not an http(s) URL"),
        ("documents:\n  fr.txt: {license: 5}\n", "license: expected a valid string (got 5)"),
        (
            "documents:\n  fr.txt: {license: 'all rights reserved'}\n",
            "neither an SPDX identifier nor an http(s) URL",
        ),
        ("documents:\n  fr.txt: {title: X\n", "invalid YAML at line"),
        ("docs:\n  fr.txt: {}\n", "expected one top-level key `documents`"),
        (
            "documents:\n  fr.txt:\n    parts:\n      - {start: 0, end: 9999, title: Les}\n",
            "part 1: offsets 0-9999 fall outside the text",
        ),
        (
            "documents:\n  fr.txt:\n    parts:\n      - {start: 0, end: 20, title: Nope}\n",
            "part 1: title 'Nope' is not within the first 300 characters",
        ),
        (
            "documents:\n  fr.txt:\n    parts:\n      - {start: 0, end: 20, title: Les, page: 2}\n",
            "parts, item 1, page: unknown key",
        ),
        (
            "documents:\n  fr.txt:\n    parts:\n      - {start: 0, end: 30, title: Les}\n"
            "      - {start: 10, end: 40, title: clic}\n",
            "part 2: starts at 10, before the previous part ends",
        ),
        (
            "documents:\n  fr.txt:\n    parts:\n      - {start: '0', end: 20, title: Les}\n",
            "parts, item 1, start: expected a valid integer (got '0')",
        ),
    ],
)
def test_bad_catalogue_gives_one_clear_error(tmp_path: Path, catalogue: str, expected: str) -> None:
    corpus = corpus_with_catalogue(tmp_path, catalogue)
    with pytest.raises(LabourgraphError) as err:
        load_corpus(corpus)
    message = one_line(err)
    assert "catalogue.yaml" in message
    assert expected in message


def test_source_url_and_licence_are_kept(tmp_path: Path) -> None:
    corpus = corpus_with_catalogue(
        tmp_path,
        "documents:\n  fr.txt: {url: 'https://example.org/a?b=1', license: CC-BY-4.0}\n",
    )
    (doc,), _ = load_corpus(corpus)
    assert (doc.url, doc.license) == ("https://example.org/a?b=1", "CC-BY-4.0")


def test_part_title_may_follow_a_dateline_within_the_window(tmp_path: Path) -> None:
    text = "Dateline (24 mai 2019)\n\nLe titre\n\nCorps de l'article.\n"
    write(tmp_path, "p.txt", text.encode())
    entry = {"language": "fr", "parts": [{"start": 0, "end": len(text) - 1, "title": "Le titre"}]}
    doc = read_document(tmp_path / "p.txt", entry)
    assert doc.parts[0].title == "Le titre"
    far = "x " * PART_TITLE_WINDOW + "Le titre"
    write(tmp_path, "far.txt", far.encode())
    entry = {"language": "fr", "parts": [{"start": 0, "end": len(far), "title": "Le titre"}]}
    with pytest.raises(LabourgraphError, match="not within the first"):
        read_document(tmp_path / "far.txt", entry)


def test_the_committed_catalogue_is_the_one_the_seeds_use(tmp_path: Path) -> None:
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(CORPUS / "catalogue.yaml", tmp_path / "catalogue.yaml")
    (tmp_path / "000_6071a8ca28e9cc73.txt").unlink()
    with pytest.raises(LabourgraphError, match=r"'000_6071a8ca28e9cc73\.txt' names no document"):
        load_corpus(tmp_path)


# --- arbitrary bytes -------------------------------------------------------------------------


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda s: s.encode("utf-8")),
        st.text(max_size=300).map(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8")),
    )
)
def test_arbitrary_bytes_give_a_document_or_a_clear_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "any.txt", data)
    try:
        doc = read_document(path)
    except LabourgraphError as err:
        assert "\n" not in str(err) and str(err).startswith(f"{path}: ")
        return
    assert isinstance(doc, Document)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    assert doc.text.encode("utf-8") == body
    assert doc.title and doc.title in doc.text
    assert len(doc.language) == 2


# --- gold files and unseen documents -------------------------------------------------------

GOLD = Path(__file__).parents[1] / "data" / "gold"
UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
CLASSES = set(
    [
        "MicroworkPlatform",
        "FreelancePlatform",
        "Platform",
        "DataVendor",
        "ClientCompany",
        "Company",
        "StartUp",
        "ResearchBody",
        "University",
        "Union",
        "PublicBody",
        "MediaOutlet",
        "Organisation",
        "Person",
        "Worker",
        "Researcher",
        "Journalist",
        "Photographer",
        "Executive",
        "Spokesperson",
        "Country",
        "Region",
        "City",
        "AISystem",
    ]
)
UNITS = {"percent", "persons", "organisations", "tasks", "words", "articles", None}
PER_UNITS = {"task", "hour", "day", "week", "month", "year", "1000 words", "article", None}


def gold_cases() -> list[tuple[str, Path]]:
    return [("seeds.yaml", CORPUS), ("unseen.yaml", UNSEEN)]


@pytest.mark.parametrize(("gold_name", "folder"), gold_cases())
def test_gold_is_anchored_in_its_documents(gold_name: str, folder: Path) -> None:
    gold = yaml.safe_load((GOLD / gold_name).read_text(encoding="utf-8"))["documents"]
    assert sorted(gold) == sorted(p.name for p in folder.glob("*.txt"))
    for name, doc in gold.items():
        text = (folder / name).read_text(encoding="utf-8")
        labels = [e["label"] for e in doc["entities"]]
        assert len(labels) == len(set(labels)), name
        for entity in doc["entities"]:
            assert set(entity) <= {"label", "class", "aliases"}, entity
            assert entity["class"] in CLASSES, entity
            names = [entity["label"], *entity.get("aliases", [])]
            assert any(n in text for n in names), (name, names)
        for other in doc["not_platforms"] + doc["optional"]:
            assert other in text, (name, other)
        for figure in doc["figures"]:
            assert set(figure) <= {
                *("value", "min", "max", "unit", "per_unit", "quote", "optional"),
                *("indicator", "subject", "area", "period", "direction", "qualifier", "scale"),
            }
            assert figure["quote"] in text, (name, figure)
            assert ("value" in figure) != ("min" in figure and "max" in figure), figure
            assert figure.get("min", 0) <= figure.get("max", 0)
            unit = figure["unit"]
            assert unit in UNITS or (len(unit) == 3 and unit.isupper()), figure
            assert figure.get("per_unit") in PER_UNITS, figure


def test_unseen_documents_name_nothing_from_the_seeds() -> None:
    seeds = yaml.safe_load((GOLD / "seeds.yaml").read_text(encoding="utf-8"))["documents"]
    unseen = yaml.safe_load((GOLD / "unseen.yaml").read_text(encoding="utf-8"))["documents"]
    seed_text = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))
    seed_names = {
        n
        for d in seeds.values()
        for e in d["entities"]
        for n in [e["label"], *e.get("aliases", [])]
    }
    for name, doc in unseen.items():
        text = (UNSEEN / name).read_text(encoding="utf-8")
        for entity in doc["entities"]:
            assert entity["label"] not in seed_text, (name, entity["label"])
        for seed_name in seed_names:
            if len(seed_name) > 3:  # "AFP", "I3", "A. C." are too short to search for
                assert seed_name not in text, (name, seed_name)


def test_unseen_documents_load_without_catalogue() -> None:
    documents, warnings = load_corpus(UNSEEN)
    assert [(d.doc_id[:3], d.language) for d in documents] == [
        ("u01", "fr"),
        ("u02", "fr"),
        ("u03", "en"),
        ("u04", "en"),
    ]
    assert all(400 <= len(d.text.split()) <= 900 for d in documents)
    assert len(warnings) == 1 and warnings[0].startswith("warning: 4 documents have no catalogue")


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_only_regular_files_inside_the_corpus_are_read(tmp_path: Path, kind: str) -> None:
    """A link to /etc/passwd would publish its text; a FIFO would block the build."""
    write(tmp_path, "fr.txt", FRENCH.encode())
    odd = tmp_path / "odd.txt"
    if kind == "symlink":
        secret = tmp_path.parent / f"{tmp_path.name}-secret"
        secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
        odd.symlink_to(secret)
        expected = "is a symbolic link"
    elif kind == "fifo":
        os.mkfifo(odd)
        expected = "is not a regular file"
    else:
        odd.mkdir()
        expected = "is not a regular file"
    with pytest.raises(LabourgraphError, match=expected):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    "catalogue",
    [
        "[" * 20_000 + "]" * 20_000 + "\n",
        "documents: " + "{a: " * 20_000 + "b" + "}" * 20_000 + "\n",
        "documents:\n  fr.txt:\n    parts: " + "[" * 20_000 + "]" * 20_000 + "\n",
    ],
    ids=["top", "documents", "parts"],
)
def test_a_catalogue_of_nested_brackets_is_one_line(tmp_path: Path, catalogue: str) -> None:
    """20,000 levels of nesting were a RecursionError inside PyYAML's composer."""
    corpus = corpus_with_catalogue(tmp_path, catalogue)
    with pytest.raises(LabourgraphError) as err:
        load_corpus(corpus)
    message = one_line(err)
    assert "catalogue.yaml: invalid YAML at line" in message
    assert "nested more than 50 levels deep" in message


@pytest.mark.parametrize(
    ("catalogue", "expected"),
    [
        ("documents: 5\n", "documents: expected a valid dictionary (got 5)"),
        ("documents:\n  fr.txt: [x]\n", "documents, fr.txt: expected a valid dictionary"),
        ("documents:\n  fr.txt: {date: [2020]}\n", "fr.txt, date: expected a date such as 2020"),
        ("documents:\n  fr.txt: {parts: 5}\n", "fr.txt, parts: expected a valid list (got 5)"),
        (
            "documents:\n  fr.txt:\n    parts:\n      - {start: true, end: 20, title: Les}\n",
            "parts, item 1, start: expected a valid integer (got True)",
        ),
    ],
)
def test_a_catalogue_of_wrong_types_is_one_line_naming_the_key(
    tmp_path: Path, catalogue: str, expected: str
) -> None:
    corpus = corpus_with_catalogue(tmp_path, catalogue)
    with pytest.raises(LabourgraphError) as err:
        load_corpus(corpus)
    message = one_line(err)
    assert message.startswith(f"{tmp_path / 'catalogue.yaml'}: ") and expected in message


def test_a_catalogue_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    from labourgraph.intake import yamlfile

    corpus = corpus_with_catalogue(tmp_path, "#" * (yamlfile.MAX_YAML_BYTES + 1))
    with pytest.raises(LabourgraphError, match="file too large"):
        load_corpus(corpus)


def test_a_large_corpus_may_have_a_catalogue_over_4_mib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalogue's limit grows with the documents beside it: 25,000 press articles write
    about 8 MB of entries, which a fixed 4 MiB limit refused."""
    from labourgraph.intake import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "CATALOGUE_BYTES_PER_DOCUMENT", 600)
    names = [f"d{i:05d}.txt" for i in range(8000)]
    for name in names:
        write(tmp_path, name, FRENCH.encode())
    entries = "".join(f"  {n}: {{title: '{'T' * 500}'}}\n" for n in names)
    (tmp_path / "catalogue.yaml").write_text("documents:\n" + entries, encoding="utf-8")
    assert (tmp_path / "catalogue.yaml").stat().st_size > 4 * 1024 * 1024
    documents, _ = load_corpus(tmp_path)
    assert len(documents) == 8000 and documents[0].title == "T" * 500
    # the same file beside fewer documents is refused, as far larger than what it describes
    for name in names[4000:]:
        (tmp_path / name).unlink()
    with pytest.raises(LabourgraphError, match="file too large"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"<!-- saved from url=(0029)https://example.org/page -->\n<html><body>Bonjour", 0),
        (b'\n\n  <?xml version="1.0" encoding="utf-8"?>\n<html>', 4),
        (b"<head><script>var x = 1;</script></head><body>Bonjour</body>", 0),
        (b"\xef\xbb\xbf \t<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN'>", 5),
        (b"<!-- an unterminated comment that runs on" + b" and on" * 1000, 0),
        (b"\r\n<META charset=utf-8><title>Clic</title>", 2),
    ],
    ids=["saved-from", "xml-prolog", "head-script", "bom-doctype", "long-comment", "meta"],
)
def test_markup_is_found_past_comments_prologs_and_white_space(
    tmp_path: Path, data: bytes, offset: int
) -> None:
    """A page saved by a browser was accepted as text unless it started with `<html`."""
    path = write(tmp_path, "page.txt", data)
    with pytest.raises(LabourgraphError) as err:
        read_document(path)
    assert f"HTML or XML file, not plain text (markup at byte offset {offset};" in one_line(err)


@pytest.mark.parametrize(
    "text",
    ["Le <html> est un langage de balisage.", "< 3 euros de l'heure", "<3 pour les clics"],
)
def test_text_about_markup_is_still_text(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "fr.txt", (text + " " + FRENCH).encode())
    assert read_document(path).text.startswith(text)


def test_skipped_names_are_reported_one_line_each(tmp_path: Path) -> None:
    """`..evil.txt` and `upper.TXT` used to vanish without a word."""
    write(tmp_path, "fr.txt", FRENCH.encode())
    write(tmp_path, "..evil.txt", FRENCH.encode())
    write(tmp_path, "upper.TXT", FRENCH.encode())
    write(tmp_path, "notes.md", b"not a document")
    documents, warnings = load_corpus(tmp_path)
    assert [d.file_name for d in documents] == ["fr.txt"]
    skipped = [w for w in warnings if w.startswith("warning: skipped")]
    assert skipped == [
        f"warning: skipped {tmp_path / '..evil.txt'}: names starting with a dot are not read "
        "(editor and temporary files)",
        f"warning: skipped {tmp_path / 'upper.TXT'}: only names ending in lower-case .txt are read",
    ]


# --- property tests at realistic sizes ---------------------------------------------------------

BYTE_UNITS = st.sampled_from(
    [b"a", b"\xc3\xa9", b"\xe9", b"\x00", b" \n", b"<!-- ", b"<html>", b"\xef\xbb\xbf",
     b"\xff\xfe", b"\r\n\r\n", b"\x1b", b"\xe2\x80\x99", b"\xed\xa0\x80", b"<?xml "]
) | st.binary(min_size=1, max_size=16)  # fmt: skip


def _decode_in_time(data: bytes) -> None:
    clock = time.perf_counter()
    try:
        text = decode_text(Path("big.txt"), data)
    except LabourgraphError as err:
        assert "\n" not in str(err) and str(err).startswith("big.txt: ")
    else:
        assert text.encode("utf-8") in (data, data.removeprefix(b"\xef\xbb\xbf"))
    assert time.perf_counter() - clock < time_bound(len(data), per_mib=10.0)


@sized(30)
@given(data=repeated_bytes(BYTE_UNITS, 64 * 1024))
def test_intake_takes_any_bytes_up_to_64_kib(data: bytes) -> None:
    _decode_in_time(data)


@pytest.mark.slow
@sized(10)
@given(data=repeated_bytes(BYTE_UNITS, 11 * MIB))
def test_intake_takes_any_bytes_up_to_the_size_limit_and_past_it(data: bytes) -> None:
    _decode_in_time(data)
