"""An edit's output files patched from the last ones, streamed (`build._patched`): the same
bytes as a whole render of the edited graph, whatever the edit adds, removes or changes, and
a whole render whenever the old files are not what the patch expects.

These run on the committed graph's lines, edited by hand, without a build: the build's own
edits (a document changed, added, removed, an entity renamed) are `test_build.py`'s slow
`test_a_rebuild_after_an_edit_gives_the_bytes_of_a_cold_build`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from labourgraph import build
from labourgraph.core.rdfio import load_graph, to_ntriples
from labourgraph.extract.document import Resources

ROOT = Path(__file__).resolve().parents[1]
FILES = (build.KG_FILE, build.OWL_FILE)
NEW_FIRST = b'<a:first> <http://www.w3.org/2000/01/rdf-schema#label> "first"@en .\n'
NEW_LAST = b"<urn:x-last> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x-type> .\n"


@pytest.fixture(scope="module")
def lines() -> list[bytes]:
    """The committed graph as sorted N-Triples lines."""
    graph = load_graph(ROOT / "graph" / build.KG_FILE)
    return to_ntriples(graph).splitlines(keepends=True)


def _subject(line: bytes) -> bytes:
    return line[: line.index(b" ")]


def _edited(lines: list[bytes]) -> list[bytes]:
    """The graph with subjects added (one sorting first, one last, one among the others),
    a subject removed, and subjects changed (a label rewritten, a triple added to another)."""
    subjects = list(dict.fromkeys(map(_subject, lines)))
    removed = {subjects[len(subjects) // 3]}
    labelled = next(line for line in lines[len(lines) // 2 :] if b"rdf-schema#label>" in line)
    grown = subjects[2 * len(subjects) // 3]
    middle = subjects[len(subjects) // 2][:-1] + b"-new>"
    kept = [line for line in lines if _subject(line) not in removed and line != labelled]
    added = [
        NEW_FIRST,
        NEW_LAST,
        labelled.replace(b'"', b'"edited ', 1),
        grown + b' <http://www.w3.org/2000/01/rdf-schema#comment> "grown" .\n',
        middle + b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x-type> .\n",
    ]
    return sorted(set(kept + added))


def _result(lines: list[bytes], folder: Path) -> build.BuildResult:
    """A build's result holding these lines, its temporary files in `folder`."""
    folder.mkdir()
    path = folder / "graph.nt"
    path.write_bytes(b"".join(lines))
    scratch = build._Scratch(folder)
    return build.BuildResult(path, len(lines), Counter(), scratch, [], [], [], Resources())


def _rendered(lines: list[bytes], folder: Path, ontology: Graph) -> dict[str, bytes]:
    """Both files rendered whole (no earlier files): what a cold build writes."""
    files = build.serialised(_result(lines, folder), ontology)
    return {name: path.read_bytes() for name, path in files.items()}


def _patch(
    old: list[bytes],
    new: list[bytes],
    tmp_path: Path,
    ontology: Graph,
    monkeypatch: pytest.MonkeyPatch,
    alter: Callable[[dict[str, bytes]], dict[str, bytes]] = lambda files: files,
) -> tuple[dict[str, bytes], list[bool]]:
    """Both files for `new`, patched from those rendered for `old` (after `alter`), and
    whether each `_patched` call patched (True) or gave up (False)."""
    before = tmp_path / "before"
    before.mkdir()
    for name, data in alter(_rendered(old, tmp_path / "old", ontology)).items():
        (before / name).write_bytes(data)
    (before / "graph.nt").write_bytes(b"".join(old))
    previous = build._Previous("old", before / "graph.nt", {name: before / name for name in FILES})
    calls: list[bool] = []
    real = build._patched

    def patched(*args, **kwargs):
        done = real(*args, **kwargs)
        calls.append(done is not None)
        return done

    monkeypatch.setattr(build, "_patched", patched)
    files = build.serialised(_result(new, tmp_path / "new"), ontology, previous)
    return {name: path.read_bytes() for name, path in files.items()}, calls


@pytest.mark.parametrize("block", [None, 97])
def test_a_patch_gives_the_bytes_of_a_whole_render(
    lines: list[bytes],
    tmp_path: Path,
    ontology: Graph,
    monkeypatch: pytest.MonkeyPatch,
    block: int | None,
) -> None:
    """Subjects added before, among and after the others, removed and changed: both files
    patched, to the bytes a cold build writes. With blocks of 97 bytes, parts, subjects and
    copies are cut by the ends of blocks everywhere."""
    if block is not None:
        monkeypatch.setattr(build, "CHUNK", block)
    new = _edited(lines)
    cold = _rendered(new, tmp_path / "cold", ontology)
    patched, calls = _patch(lines, new, tmp_path, ontology, monkeypatch)
    assert calls == [True, True]
    for name in FILES:
        assert patched[name] == cold[name], name


def test_a_patch_back_to_the_old_graph_gives_its_bytes(
    lines: list[bytes], tmp_path: Path, ontology: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edit undone: what was added goes, what was removed comes back."""
    cold = _rendered(lines, tmp_path / "cold", ontology)
    patched, calls = _patch(_edited(lines), lines, tmp_path, ontology, monkeypatch)
    assert calls == [True, True]
    assert patched == cold


def _drop_part(data: bytes, needles: tuple[bytes, ...]) -> bytes:
    """A file with one part (a subject's) among the others cut out."""
    starts = build._starts(data, needles)
    middle = len(starts) // 2
    return data[: starts[middle]] + data[starts[middle + 1] :]


ALTERED = {
    "a Turtle part removed": lambda files: {
        **files,
        build.KG_FILE: _drop_part(files[build.KG_FILE], build._TURTLE_SUBJECT),
    },
    "an RDF/XML part removed": lambda files: {
        **files,
        build.OWL_FILE: _drop_part(files[build.OWL_FILE], build._RDFXML_SUBJECT),
    },
    "the RDF/XML file cut short": lambda files: {
        **files,
        build.OWL_FILE: files[build.OWL_FILE][: len(files[build.OWL_FILE]) // 2],
    },
    "another head": lambda files: {
        **files,
        build.KG_FILE: files[build.KG_FILE].replace(b"# Generated", b"# Written", 1),
    },
}


@pytest.mark.parametrize("alter", ALTERED.values(), ids=ALTERED.keys())
def test_old_files_that_do_not_cut_as_expected_are_rendered_whole(
    lines: list[bytes],
    tmp_path: Path,
    ontology: Graph,
    monkeypatch: pytest.MonkeyPatch,
    alter: Callable[[dict[str, bytes]], dict[str, bytes]],
) -> None:
    """The old files are checked against their recorded SHA-256 first (`_previous`); an old
    file that still does not hold one part per subject, in order, with the same head and
    tail, is not patched: both files are rendered whole, to a cold build's bytes (the patch
    already written to the temporary file is dropped)."""
    new = _edited(lines)
    cold = _rendered(new, tmp_path / "cold", ontology)
    patched, calls = _patch(lines, new, tmp_path, ontology, monkeypatch, alter)
    assert False in calls
    assert patched == cold


def test_old_files_are_hashed_not_kept(tmp_path: Path) -> None:
    """`_previous` names the old files once each one's SHA-256 is the one recorded, and
    gives up on a file altered since."""

    class Store:
        def validated_graph(self, key: str) -> tuple[str, Path]:
            return "kept", tmp_path / "kept.nt"

        def get_outputs(self, key: str) -> dict:
            return {"files": digests}

    for name in FILES:
        (tmp_path / name).write_bytes(name.encode() * 1000)
    digests = {name: build._sha256(tmp_path / name) for name in FILES}
    result = _result([], tmp_path / "scratch")
    result.rules_key = "rules"
    store: object = Store()
    found = build._previous(store, result, tmp_path)  # type: ignore[arg-type]
    assert found is not None
    assert found.files == {name: tmp_path / name for name in FILES}
    (tmp_path / build.OWL_FILE).write_bytes(b"altered")
    assert build._previous(store, result, tmp_path) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64, None])
def test_part_starts_read_by_blocks_are_those_of_the_whole_file(
    lines: list[bytes], tmp_path: Path, ontology: Graph, size: int | None
) -> None:
    """Parts found a block at a time, whatever the block's size, are those found in the
    whole file, with each Turtle part's subject."""
    files = _rendered(lines[:300], tmp_path / "files", ontology)
    for name, needles, end in (
        (build.KG_FILE, build._TURTLE_SUBJECT, b""),
        (build.OWL_FILE, build._RDFXML_SUBJECT, b"</rdf:RDF>"),
    ):
        path = tmp_path / "files" / name
        path.write_bytes(files[name])
        data = files[name]
        limit = data.rfind(end) if end else len(data)
        found = list(build._part_starts(path, needles, limit, size))
        assert [start for start, _word in found] == build._starts(data, needles, end), name
        if name == build.KG_FILE:
            assert [word for _start, word in found] == list(build._subjects(lines[:300]))


def test_the_lines_of_a_few_subjects_are_found_on_disk(lines: list[bytes], tmp_path: Path) -> None:
    """`_lines_about` bisects the file: the first subject, the last, some between, and
    subjects the graph does not hold (before the first, after the last, between two)."""
    path = tmp_path / "graph.nt"
    path.write_bytes(b"".join(lines))
    subjects = list(dict.fromkeys(map(_subject, lines)))
    wanted = {
        subjects[0],
        subjects[-1],
        subjects[len(subjects) // 2],
        subjects[len(subjects) // 2 + 1],
        b"<a:before>",
        b"<zzz:after>",
        subjects[7][:-1] + b"-absent>",
    }
    assert build._lines_about(path, wanted) == [line for line in lines if _subject(line) in wanted]
    assert build._lines_about(path, set()) == []
