"""The processes that run queries under a time limit and a memory ceiling.

Queries run in child processes (`QueryProcesses`), each holding its own copy of the graph,
because a thread cannot be interrupted inside pyoxigraph's native code: a query past its time
limit is stopped by killing its process, which is joined (nothing is left running) and
replaced. Each process also has an address-space ceiling, so a query that builds a huge result
dies alone. What a query may ask for at all is `labourgraph.check.sparql_policy`'s decision,
taken before a query reaches a process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import queue
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from labourgraph.check.sparql_policy import DEFAULT_TIMEOUT, install_rdflib_guards
from labourgraph.core import rdfio
from labourgraph.core.errors import LabourgraphError
from labourgraph.publish import ondisk

DEFAULT_MEMORY_LIMIT = 4 * 1024**3
"""Address-space ceiling of each query process, in bytes."""
WAIT_FOR_PROCESS = 30.0
"""Seconds a query waits for a free process (one replacing a killed one needs to load)."""


class QueryStopped(LabourgraphError):
    """A query ran past its time limit (or its process died) and was stopped."""


class Busy(LabourgraphError):
    """Every query process stayed taken for a whole time limit."""


def load_graph_files(sources: Sequence[Path], engine: str) -> Any:
    """The graph a query process holds: a pyoxigraph Store (in memory, or a store directory
    opened read-only), or an rdflib Graph."""
    if engine == "oxigraph":
        return ondisk.open_store(sources)
    if engine == "rdflib":
        for path in sources:
            if Path(path).is_dir():
                raise LabourgraphError(f"{path}: a store is read by the oxigraph engine only")
        graph = rdfio.Graph()
        for path in sources:
            graph += rdfio.load_graph(path)
        return graph
    raise LabourgraphError(f"unknown engine {engine!r}; choose oxigraph or rdflib")


def _size(graph: Any, sources: Sequence[Path]) -> int:
    """How many triples the graph holds: a store directory's marker says so (`len` of an
    on-disk store walks all its quads: 1.9 s at x1000, before the first answer)."""
    if store := next((p for p in sources if ondisk.is_store(p)), None):
        return ondisk.read_marker(store).triples
    return len(graph)


def _worker_main(
    conn: Connection, sources: tuple[Path, ...], engine: str, memory_limit: int
) -> None:
    """A query process: load the graph once, then run (job, args) requests until EOF."""
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    install_rdflib_guards()
    try:
        graph = load_graph_files(sources, engine)
    except (LabourgraphError, OSError, SyntaxError, MemoryError) as err:
        conn.send(("error", (str(err).splitlines() or ["cannot load"])[0]))
        return
    conn.send(("ready", _size(graph, sources)))
    while True:
        try:
            job, args = conn.recv()
        except EOFError:
            return
        try:
            answer: tuple[str, object] = ("ok", job(graph, *args))
        except MemoryError:
            answer = ("error", QueryStopped("query stopped: it needed more memory than allowed"))
        except Exception as err:  # handed to the caller, who decides what is a user error
            answer = ("error", err)
        try:
            conn.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError):
            conn.send(("error", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    killed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class QueryProcesses:
    """Child processes that hold the graph and run jobs, each killed past its time limit.

    `call(job, *args)` runs `job(graph, *args)` (a module-level function, pickled by name) in
    an idle process and returns its result; the process is reused for the next call. Use it
    as a context manager, or call `close()`: every process is killed and joined.
    """

    def __init__(
        self,
        sources: Sequence[Path | str],
        size: int = 1,
        timeout: float | None = DEFAULT_TIMEOUT,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
        engine: str = "oxigraph",
    ):
        self.sources = tuple(Path(p) for p in sources)
        self.timeout, self.memory_limit, self.engine = timeout, memory_limit, engine
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.triples = 0
        weakref.finalize(self, _kill_all, self._all, self._lock)
        first = self._start()
        state, detail = self._handshake(first)
        # "ready" comes with the graph's triple count; a worker that is None gets "error"
        if first is None or state != "ready" or not isinstance(detail, int):
            self.close()
            raise LabourgraphError(str(detail))
        self.triples = detail
        self._idle.put(first)
        # The others start once the first holds the graph, and take queries as each becomes
        # ready: the first query is answered as soon as one process can, instead of once all
        # of them have loaded side by side (on two cores, three processes starting at once
        # took 2.7 s against 1.1 s for one, on the seed graph).
        for _ in range(max(1, size) - 1):
            threading.Thread(target=self._refill, daemon=True).start()

    def __enter__(self) -> QueryProcesses:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker | None:
        with self._lock:
            if self._closed:
                return None
            parent, child = self._context.Pipe()
            process = self._context.Process(
                target=_worker_main,
                args=(child, self.sources, self.engine, self.memory_limit),
                daemon=True,
            )
            process.start()
            child.close()
            worker = _Worker(process, parent)
            self._all.add(worker)
        return worker

    @staticmethod
    def _handshake(worker: _Worker | None) -> tuple[str, object]:
        if worker is None:
            return "error", "query processes closed"
        try:
            return worker.conn.recv()
        except (EOFError, OSError):
            return "error", "a query process exited while loading the graph"

    def pids(self) -> list[int]:
        """Process ids of the live query processes (tests check a stopped one is gone)."""
        with self._lock:
            return sorted(w.process.pid for w in self._all if w.process.pid)

    def call(self, job: Callable[..., Any], *args: object, timeout: float | None = None) -> Any:
        """`job(graph, *args)` in a query process, stopped at `timeout` (default: the pool's).

        Raises `QueryStopped` past the limit (the process is killed and joined), `Busy` when
        no process frees up within the limit; an exception raised by the job is re-raised.
        """
        limit = self.timeout if timeout is None else timeout
        wait = None if limit is None else max(limit, WAIT_FOR_PROCESS)
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise Busy("busy: every query process is taken, try again") from None
        try:
            worker.conn.send((job, args))
            answered = worker.conn.poll(limit)
            state, value = worker.conn.recv() if answered else ("late", None)
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryStopped("query stopped: its process died (too much memory?)") from None
        if state == "late":
            self._replace(worker)
            raise QueryStopped(f"query stopped after {limit:g} s (the time limit)")
        self._idle.put(worker)
        if state == "error":
            raise value  # type: ignore[misc]
        return value

    def _replace(self, worker: _Worker) -> None:
        _kill(worker)
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            threading.Thread(target=self._refill, daemon=True).start()

    def _refill(self) -> None:
        self._enlist(self._start())

    def _enlist(self, worker: _Worker | None) -> None:
        """Wait for a started process to hold the graph, then let it take queries (or kill
        it, should it fail to load or the pool be closed meanwhile)."""
        state, _ = self._handshake(worker)
        if worker is None:
            return
        if state == "ready" and not self._closed:
            self._idle.put(worker)
        else:
            _kill(worker)
            with self._lock:
                self._all.discard(worker)

    def close(self) -> None:
        """Kill and join every query process."""
        with self._lock:
            self._closed = True
        _kill_all(self._all, self._lock)


def _kill(worker: _Worker) -> None:
    """Kill, join and disconnect `worker` once, whichever thread gets there first.

    `close()` and a refilling thread can both reach a worker that is still loading; the
    second call must not close the pipe again (measured: `OSError: Bad file descriptor`
    when a query was stopped on a loaded machine, the refill racing the CLI's exit).
    """
    with worker.lock:
        if worker.killed:
            return
        worker.killed = True
    worker.process.kill()
    worker.process.join()
    with contextlib.suppress(OSError):
        worker.conn.close()


def _kill_all(workers: set[_Worker], lock: threading.Lock) -> None:
    with lock:
        doomed = list(workers)
        workers.clear()
    for worker in doomed:
        _kill(worker)
