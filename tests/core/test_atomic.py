"""`labourgraph.core.atomic`: a file is replaced whole or not at all, with the umask's mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from labourgraph.core import atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "kg.ttl"
    atomic.write_text(target, "first\n")
    atomic.write_bytes(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert leftovers(target.parent) == []


def test_a_failing_second_item_leaves_every_previous_file_intact(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.owl"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"a file where a folder should be")
    with pytest.raises(OSError):
        atomic.write_many({first: b"new a", blocker / "c.ttl": b"new c", second: b"new b"})
    assert first.read_bytes() == b"old a"
    assert second.read_bytes() == b"old b"
    assert leftovers(tmp_path) == []


def test_a_failing_rename_leaves_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kg.ttl"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk gone"):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_failing_write_leaves_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kg.ttl"
    target.write_bytes(b"old")
    real_fsync = os.fsync
    calls = []

    def fail_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError("no space left")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_second)
    with pytest.raises(OSError, match="no space left"):
        atomic.write_many([(target, b"new"), (tmp_path / "other.owl", b"x")])
    assert target.read_bytes() == b"old"
    assert not (tmp_path / "other.owl").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_written_files_get_the_umask_mode_not_0600(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        target = tmp_path / f"file-{umask:o}.ttl"
        atomic.write_bytes(target, b"data")
        mode = stat.S_IMODE(target.stat().st_mode)
    finally:
        os.umask(previous)
    assert mode == 0o666 & ~umask


def test_the_umask_is_left_as_it_was(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic.write_bytes(tmp_path / "f", b"x")
        assert os.umask(0o027) == 0o027
    finally:
        os.umask(previous)


# --- faults: a full disk names the file; a pair is replaced as one --------------------------


def test_a_full_disk_is_one_line_naming_the_file_and_keeps_the_old_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    first, second = tmp_path / "kg.ttl", tmp_path / "kg.owl"
    first.write_bytes(b"old ttl")
    second.write_bytes(b"old owl")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(atomic.WriteFailed) as caught:
        atomic.write_many({first: b"new ttl", second: b"new owl"})
    message = str(caught.value)
    assert message.startswith(f"{first}: cannot write: No space left on device")
    assert "previous files are left as they were" in message and "\n" not in message
    assert (first.read_bytes(), second.read_bytes()) == (b"old ttl", b"old owl")
    assert leftovers(tmp_path) == []


KILL_SECOND_RENAME = """
import os, sys
from pathlib import Path
from labourgraph.core import atomic
folder = Path(sys.argv[1])
real = os.replace
calls = []
def replace(src, dst):
    if str(dst).endswith(".owl"):
        calls.append(dst)
        os._exit(9)  # killed between the two renames of the pair
    real(src, dst)
atomic.os.replace = replace
atomic.write_many({folder / "kg.ttl": b"new ttl", folder / "kg.owl": b"new owl"})
"""


def test_a_kill_between_the_renames_is_finished_on_the_next_start(tmp_path: Path) -> None:
    """It left a new .ttl beside an old .owl, and a temp file that was never cleaned."""
    import subprocess
    import sys

    (tmp_path / "kg.ttl").write_bytes(b"old ttl")
    (tmp_path / "kg.owl").write_bytes(b"old owl")
    done = subprocess.run([sys.executable, "-c", KILL_SECOND_RENAME, str(tmp_path)], check=False)
    assert done.returncode == 9
    assert (tmp_path / "kg.ttl").read_bytes() == b"new ttl"
    assert (tmp_path / "kg.owl").read_bytes() == b"old owl"  # the half-done pair
    assert (tmp_path / atomic.JOURNAL).is_file() and len(leftovers(tmp_path)) == 1
    recovered = atomic.recover(tmp_path, clean=True)
    assert recovered == [
        f"recovered {tmp_path / 'kg.owl'} (an interrupted write had not replaced it)"
    ]
    assert (tmp_path / "kg.ttl").read_bytes() == b"new ttl"
    assert (tmp_path / "kg.owl").read_bytes() == b"new owl"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.owl", "kg.ttl"]


def test_the_next_write_into_the_folder_finishes_a_switch_first(tmp_path: Path) -> None:
    (tmp_path / ".kg.owl.abcd1234.tmp").write_bytes(b"new owl")
    (tmp_path / "kg.owl").write_bytes(b"old owl")
    (tmp_path / atomic.JOURNAL).write_text('[[".kg.owl.abcd1234.tmp", "kg.owl"]]')
    atomic.write_text(tmp_path / "other.txt", "x")
    assert (tmp_path / "kg.owl").read_bytes() == b"new owl"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.owl", "other.txt"]


def test_temp_files_of_a_write_killed_before_its_switch_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_bytes(b"old")
    (tmp_path / ".kg.ttl.x1y2z3_4.tmp").write_bytes(b"half")
    (tmp_path / ".notes.tmp").write_bytes(b"not ours")
    assert atomic.recover(tmp_path) == []  # without clean: a concurrent writer's may be live
    assert atomic.recover(tmp_path, clean=True) == [
        f"removed {tmp_path / '.kg.ttl.x1y2z3_4.tmp'} (left by an interrupted write)"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.tmp", "kg.ttl"]


def test_a_journal_cannot_reach_outside_its_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "x.tmp").write_bytes(b"evil")
    (folder / atomic.JOURNAL).write_text('[["x.tmp", "../outside.txt"]]')
    atomic.recover(folder)
    assert outside.read_bytes() == b"keep"
    assert (folder / "outside.txt").read_bytes() == b"evil"


def test_the_lock_refuses_a_second_holder_and_is_released(tmp_path: Path) -> None:
    from labourgraph.core.errors import LabourgraphError

    with atomic.lock(tmp_path):
        refused = pytest.raises(LabourgraphError, match="another build is writing into")
        with refused, atomic.lock(tmp_path):
            pass
        assert (tmp_path / atomic.LOCK).exists()
    assert not (tmp_path / atomic.LOCK).exists()
    with atomic.lock(tmp_path):
        pass


def test_files_written_beforehand_are_switched_together(tmp_path: Path) -> None:
    """`replace_many` takes temporary files already written (streamed, never held in memory)
    and switches them as `write_many` does; the temporary files are gone after."""
    first, second = tmp_path / "kg.ttl", tmp_path / "kg.owl"
    first.write_bytes(b"old ttl")
    staged = {first: atomic.temporary(first), second: atomic.temporary(second)}
    assert leftovers(tmp_path) == sorted(p.name for p in staged.values())
    staged[first].write_bytes(b"new ttl")
    staged[second].write_bytes(b"new owl")
    atomic.replace_many(staged)
    assert (first.read_bytes(), second.read_bytes()) == (b"new ttl", b"new owl")
    assert leftovers(tmp_path) == []
    assert atomic.recover(tmp_path, clean=True) == []


def test_a_temporary_file_elsewhere_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    """A rename is atomic only within a folder: a temporary file from another folder is one
    line naming the file, the old file is kept and every temporary file removed."""
    target = tmp_path / "out" / "kg.ttl"
    target.parent.mkdir()
    target.write_bytes(b"old")
    stray = atomic.temporary(tmp_path / "elsewhere" / "kg.ttl")
    stray.write_bytes(b"new")
    with pytest.raises(atomic.WriteFailed) as caught:
        atomic.replace_many({target: stray})
    assert str(caught.value).startswith(f"{target}: cannot write")
    assert target.read_bytes() == b"old"
    assert not stray.exists() and leftovers(target.parent) == []


def test_a_relative_path_and_its_absolute_temporary_file_are_one_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`labourgraph build` writes to the relative `graph/` by default, and its temporary files
    may be named absolutely: one folder, however spelt, is switched."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "graph").mkdir()
    relative = Path("graph") / "kg.ttl"
    staged = atomic.temporary(tmp_path / "graph" / "kg.ttl")
    staged.write_bytes(b"new")
    atomic.replace_many({relative: staged})
    assert (tmp_path / "graph" / "kg.ttl").read_bytes() == b"new"
    assert leftovers(tmp_path / "graph") == []
