"""The one way the project writes a file: temporary file in the same folder, fsync, rename.

A reader never sees a half-written graph, and a failure at any point (a serialiser raising,
the disk filling) leaves the previous file exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    write_many({Path(path): data})


def write_text(path: Path | str, text: str) -> None:
    """Replace `path` with `text` (UTF-8, newlines as given) atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_many(files: dict[Path, bytes] | Iterable[tuple[Path, bytes]]) -> None:
    """Write every file to a temporary sibling first, then rename them all.

    Renames happen only once every temporary file is complete, so an error while producing
    any of the outputs leaves all of the old ones in place.
    """
    items = list(files.items()) if isinstance(files, dict) else list(files)
    umask = os.umask(0)
    os.umask(umask)
    mode = (
        stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH
    ) & ~umask
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in items:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            os.fchmod(fd, mode)  # mkstemp creates 0600; a published file gets the umask's mode
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
        staged = []
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
