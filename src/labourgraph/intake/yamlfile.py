"""YAML as the project reads what people bring (catalogue, curation files): safe tags only,
no aliases, a bounded nesting depth and a size limit.

`yaml.safe_load` already refuses `!!python/...` tags, but it accepts aliases, and a 563-byte
file of nested aliases ("billion laughs") stays small in memory only until something walks
it: the cache key of a curated document serialises the curation to JSON, which expands every
alias (measured: 7.8 GB, then MemoryError). Hand-written metadata never needs an alias, so an
alias is refused where it stands, with its line and column.

PyYAML's composer recurses once per level of nesting, so 20,000 nested brackets end in a
`RecursionError` deep inside it: nesting beyond `MAX_DEPTH` is refused where it stands too.
`read` adds what a file needs before it is parsed: a regular file, no larger than its limit,
strict UTF-8; every failure is one line naming the file.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import Node

from labourgraph.core.errors import LabourgraphError

MAX_DEPTH = 50
"""Levels of nesting a hand-written metadata file may use (the curation files use 4)."""
MAX_YAML_BYTES = 4 * 1024 * 1024
"""Largest catalogue or curation file read: 4 MiB (a catalogue of 5,000 documents is ~1 MiB)."""


class _NoAliasLoader(yaml.SafeLoader):
    """`SafeLoader` that refuses `*alias` references (anchors alone are harmless)."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None, "aliases (*name) are not allowed here", event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            raise ComposerError(
                None,
                None,
                f"nested more than {MAX_DEPTH} levels deep",
                self.peek_event().start_mark,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def safe_load(text: str) -> Any:
    """The YAML document of `text`, with safe tags only and no alias.

    >>> safe_load("a: [1, 2]")
    {'a': [1, 2]}
    >>> safe_load("a: &x [1]\\nb: *x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    yaml.composer.ComposerError: aliases (*name) are not allowed here
      in "<unicode string>", line 2, column 4...
    """
    return yaml.load(text, Loader=_NoAliasLoader)


def read(path: Path, max_bytes: int = MAX_YAML_BYTES) -> Any:
    """The YAML document of the file at `path`, or one `LabourgraphError` line naming it.

    The file must be a regular file (a link or a FIFO is refused before anything is read) of
    at most `max_bytes` bytes, in strict UTF-8, and parse with `safe_load`.
    """
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            raise LabourgraphError(f"{path}: is not a regular file (a link, folder or FIFO)")
        if info.st_size > max_bytes:
            raise LabourgraphError(
                f"{path}: file too large ({info.st_size} bytes; the limit is {max_bytes})"
            )
        raw = path.read_bytes()[: max_bytes + 1]
    except OSError as err:
        raise LabourgraphError(f"{path}: cannot read: {err.strerror}") from None
    if len(raw) > max_bytes:
        raise LabourgraphError(f"{path}: file too large (the limit is {max_bytes} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LabourgraphError(
            f"{path}: not UTF-8 text: invalid byte 0x{raw[err.start]:02x} "
            f"at byte offset {err.start}"
        ) from None
    try:
        return safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise LabourgraphError(f"{path}: invalid YAML{where}: {problem}") from None
