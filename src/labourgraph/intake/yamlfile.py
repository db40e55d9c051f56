"""YAML as the project reads what people bring (catalogue, curation files): safe tags only,
and no aliases.

`yaml.safe_load` already refuses `!!python/...` tags, but it accepts aliases, and a 563-byte
file of nested aliases ("billion laughs") stays small in memory only until something walks
it: the cache key of a curated document serialises the curation to JSON, which expands every
alias (measured: 7.8 GB, then MemoryError). Hand-written metadata never needs an alias, so an
alias is refused where it stands, with its line and column.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import Node


class _NoAliasLoader(yaml.SafeLoader):
    """`SafeLoader` that refuses `*alias` references (anchors alone are harmless)."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None, "aliases (*name) are not allowed here", event.start_mark
            )
        return super().compose_node(parent, index)


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
