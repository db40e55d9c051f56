"""Run one call under a time limit, in a forked child that is killed when the limit passes.

A thread cannot be stopped inside native code (pyoxigraph, parts of rdflib's parsers), and an
alarm signal only reaches Python code, so the call runs in a child process: past the limit,
the child is killed and reaped, and the caller gets one line. What the call returns, or the
`LabourgraphError` it raises, comes back through a pipe (pickled). Used by
`labourgraph validate --timeout`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from labourgraph.core.errors import LabourgraphError

_T = TypeVar("_T")


class TimeLimitReached(LabourgraphError):
    """The call ran past its time limit and its process was killed."""


def call(function: Callable[..., _T], *args: Any, timeout: float | None, what: str) -> _T:
    """`function(*args)`, stopped after `timeout` seconds (None: no limit, run here).

    A `LabourgraphError` raised by the call is raised again here, with its message and exit
    code; any other exception becomes one line naming `what`.
    """
    if timeout is None:
        return function(*args)
    if timeout <= 0:
        raise LabourgraphError(f"{what}: the time limit must be positive (got {timeout})")
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(sender, function, args), daemon=True
    )
    started = time.monotonic()
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise TimeLimitReached(
                f"{what} stopped after {timeout:g} s (the time limit; --timeout to change it)"
            )
        try:
            status, payload = receiver.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            child.join(5)
            raise LabourgraphError(
                f"{what} failed: its process ended with code {child.exitcode} "
                f"after {time.monotonic() - started:.1f} s (out of memory?)"
            ) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "ok":
        return payload
    message, exit_code = payload
    error = LabourgraphError(message)
    error.exit_code = exit_code
    raise error


def _child(sender: Connection, function: Callable[..., Any], args: tuple) -> None:
    """In the child: run, and send ("ok", result) or ("error", (message, exit code))."""
    try:
        result: tuple[str, Any] = ("ok", function(*args))
    except LabourgraphError as err:
        result = ("error", (str(err), err.exit_code))
    except Exception as err:  # a bug: still one line in the parent, with its type
        result = ("error", (f"{type(err).__name__}: {err}", 2))
    with contextlib.suppress(OSError):
        sender.send(result)
    sender.close()
