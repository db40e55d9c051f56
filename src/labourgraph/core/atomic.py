"""The one way the project writes a file: temporary file in the same folder, fsync, rename.

A reader never sees a half-written graph, and a failure at any point (a serialiser raising,
the disk filling) leaves the previous file exactly as it was.

Several files written together (the graph's `.ttl` and `.owl`) are replaced as one: every
temporary file is written and flushed first, then a journal naming the renames is written
(itself atomically) before the first rename, and removed after the last. A process killed
between two renames leaves the journal behind, and the next write into that folder (or
`recover`, which `labourgraph build` calls first) finishes the renames: the files are then
all new, never a new `.ttl` beside an old `.owl`. Temporary files with no journal are what a
process killed before its switch left; `recover(clean=True)` removes them.

A full disk, or any other failure to write, is one `LabourgraphError` naming the file, with
every previous file left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from labourgraph.core.errors import LabourgraphError

JOURNAL = ".labourgraph-switch.json"
"""The list of renames under way in a folder: present only between the first and last."""
LOCK = ".labourgraph.lock"
"""The lock file of a folder being built into (`lock`)."""
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
"""What `tempfile.mkstemp(prefix=".name.", suffix=".tmp")` makes."""


def write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    write_many({Path(path): data})


def write_text(path: Path | str, text: str) -> None:
    """Replace `path` with `text` (UTF-8, newlines as given) atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_many(files: dict[Path, bytes] | Iterable[tuple[Path, bytes]]) -> None:
    """Write every file to a temporary sibling first, then rename them all as one.

    Renames happen only once every temporary file is complete, so an error while producing
    any of the outputs leaves all of the old ones in place; a kill between two renames is
    finished by the next `recover` of the folder (see the module's docstring).
    """
    items = [(Path(p), d) for p, d in (files.items() if isinstance(files, dict) else files)]
    staged: dict[Path, Path] = {}
    current = Path(".")
    try:
        for folder in sorted({path.parent for path, _ in items}):
            recover(folder)
        for path, data in items:
            current = path
            staged[path] = temporary(path)
            with os.fdopen(os.open(staged[path], os.O_WRONLY | os.O_TRUNC), "wb") as handle:
                handle.write(data)
    except OSError as err:
        _discard(staged.values())
        raise WriteFailed(_failure(current, err)) from None
    replace_many(staged)


def temporary(path: Path | str) -> Path:
    """A new, empty temporary sibling of `path` (its folder made if need be), with the mode a
    published file gets, for the caller to fill and then hand to `replace_many`.

    Its name is one `recover(clean=True)` removes, so a file a killed process left half
    written never outlives the next build into the folder. The caller removes it if it
    gives up before `replace_many`.
    """
    path = Path(path)
    umask = os.umask(0)
    os.umask(umask)
    mode = (
        stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH
    ) & ~umask
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp creates 0600; a published file gets the umask's mode
    finally:
        os.close(fd)
    return Path(name)


def _same_folder(one: Path, other: Path) -> bool:
    """Whether two spellings name one folder ("graph" and "/work/x/graph", or a symbolic
    link): a rename is atomic only within a folder, whatever the paths look like."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def replace_many(staged: dict[Path, Path]) -> None:
    """Replace each file (key) by its already written temporary sibling (value, made by
    `temporary` in the same folder), all as one: each is made durable first, then the
    renames follow the journal (see the module's docstring). On failure every temporary
    file not yet renamed is removed, and the old files are left as they were.

    Files written this way never have to be held in memory: a graph's output files are
    streamed into their temporary files (`build.serialised`), then switched here.
    """
    pending = {Path(path): Path(tmp) for path, tmp in staged.items()}
    journaled: Path | None = None
    current = Path(".")
    try:
        for path, tmp in pending.items():
            current = path
            if not _same_folder(tmp.parent, path.parent):
                raise OSError(errno.EXDEV, f"{tmp} is not in the folder of {path}")
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
        for folder in sorted({path.parent for path in pending}):
            recover(folder)
        by_folder: dict[Path, list[tuple[Path, Path]]] = {}
        for path, tmp in pending.items():
            by_folder.setdefault(path.parent, []).append((tmp, path))
        for folder, renames in by_folder.items():
            current = folder / JOURNAL
            if len(renames) > 1:
                _write_journal(folder, renames)
                journaled = folder
            for tmp, path in renames:
                current = path
                os.replace(tmp, path)
            _sync_folder(folder)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / JOURNAL)
            journaled = None
        pending = {}
    except OSError as err:
        if journaled is not None:  # the switch began: finish it now, or at the next start
            with contextlib.suppress(OSError):
                recover(journaled)
            pending = {}
        raise WriteFailed(_failure(current, err, switching=journaled is not None)) from None
    finally:
        _discard(pending.values())


def _discard(temporaries: Iterable[Path]) -> None:
    """Remove temporary files that will not be renamed."""
    for tmp in temporaries:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


class WriteFailed(LabourgraphError, OSError):
    """A file could not be written (a full disk, a folder that is a file…): one line naming
    it. An `OSError` too, for callers that handle system errors as such."""


def _failure(path: Path, err: OSError, switching: bool = False) -> str:
    """One line for a write that failed: the file, why, and what became of the old files."""
    reason = err.strerror or str(err)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = f"{reason} (the disk or the quota is full)"
    kept = (
        "the renames under way are finished at the next write into the folder"
        if switching
        else "the previous files are left as they were"
    )
    return f"{path}: cannot write: {reason}; {kept}"


def _write_journal(folder: Path, renames: list[tuple[Path, Path]]) -> None:
    """Record the renames to come, by name within the folder, atomically and durably."""
    record = json.dumps([[tmp.name, path.name] for tmp, path in renames]).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f"{JOURNAL}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(record)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / JOURNAL)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (a rename lives in the folder's own data)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def recover(folder: Path | str, *, clean: bool = False) -> list[str]:
    """Finish a switch a killed process left half done in `folder`; with `clean`, also remove
    temporary files no journal names (a process killed before its switch). Returns one line
    per file recovered or removed.

    Only call `clean` where no other process may be writing into the folder (under `lock`).
    """
    folder = Path(folder)
    done: list[str] = []
    journal = folder / JOURNAL
    if journal.is_file():
        try:
            renames = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            renames = []
        for names in renames if isinstance(renames, list) else []:
            if not (isinstance(names, list) and len(names) == 2):
                continue
            tmp, path = (folder / Path(str(name)).name for name in names)
            if tmp.is_file():
                with contextlib.suppress(FileNotFoundError):
                    os.replace(tmp, path)
                    done.append(f"recovered {path} (an interrupted write had not replaced it)")
        _sync_folder(folder)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(journal)
    if clean and folder.is_dir():
        for leftover in sorted(folder.iterdir()):
            if _TEMP_NAME.fullmatch(leftover.name) and leftover.is_file():
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
                    done.append(f"removed {leftover} (left by an interrupted write)")
    return done


@contextlib.contextmanager
def lock(folder: Path | str, what: str = "build") -> Iterator[None]:
    """Hold the folder's lock file for the block, or raise one line if another process holds
    it: two builds writing into one folder would interleave their files.

    The lock is `flock` on `LOCK` in the folder: the system releases it when its process
    ends, however it ends, so a killed build never leaves a stale lock behind. The file is
    removed on release (while still locked); a process that opened it just before is told
    by the inode check that it locked a removed file, and tries again on the new one. A folder
    made for the lock and left empty (a build that stopped with an error) is removed too, so a
    failed first build leaves nothing behind.
    """
    folder = Path(folder)
    path = folder / LOCK
    fd = -1
    created = not folder.exists()  # made for the lock: removed again if left empty
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(10):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise LabourgraphError(
                    f"{folder}: another {what} is writing into this folder (it holds {path}); "
                    "wait for it to finish"
                ) from None
            with contextlib.suppress(FileNotFoundError):
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    break
            os.close(fd)
            fd = -1
        else:
            raise LabourgraphError(f"{path}: the lock file keeps changing; try again")
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot create the lock file: {err.strerror}") from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)
        if created:
            with contextlib.suppress(OSError):  # not empty: the block wrote into it
                folder.rmdir()
