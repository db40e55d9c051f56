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
