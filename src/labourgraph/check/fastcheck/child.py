"""Validation on a store on disk in a process of its own (issue 19): its memory is not
stacked on the caller's, and all of it is given back when it ends.

The build validates a graph larger than `runner.ON_DISK_BYTES` (×1000 and up) while its own
process holds about 1.1 GB (the spaCy pipelines, the documents, the linking): loading the
store and running the queries in that process added their memory to it, and kept what the
allocator does not give back. Here a fresh interpreter (not a fork, whose resident size
would count the caller's pages) loads the store, compiles the shapes against its class
hierarchy and runs the queries (`fastcheck.store_verdict`, the code the caller runs itself
on a smaller graph), and hands back the plan and what its queries found, or the exception
it raised. Only the graph file's name goes across, with the ontology's lines, the shapes'
triples and the settings of this package that tests change."""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.term import Node

if TYPE_CHECKING:
    from labourgraph.check.fastcheck.plan import Plan
    from labourgraph.check.fastcheck.runner import Found

IN_CHILD = True
"""Validate on a store on disk in a child process (False: in the caller's, as a store in
memory always is)."""
SETTINGS = (
    ("labourgraph.check.fastcheck.runner", "LOAD_CHUNK"),
    ("labourgraph.check.fastcheck.runner", "THREADS"),
    ("labourgraph.check.fastcheck.plan", "PER_FOCUS"),
)
"""Module attributes that shape how the store is loaded and queried, copied to the child."""
JOB = "job.pickle"
RESULT = "result.pickle"
STORE = "store"


@dataclass(frozen=True)
class Job:
    """What the child validates: `fastcheck.store_verdict`'s arguments, and `SETTINGS`."""

    ntriples: Path
    ontology: bytes
    shapes: list[tuple[Node, Node, Node]]
    strings: bool
    settings: dict[tuple[str, str], object]


class ChildFailed(RuntimeError):
    """Validation's process ended without a verdict or an error to raise (killed, or its
    error could not be handed back)."""


def store_verdict(
    ntriples: Path, ontology: bytes, shapes: Graph, strings: bool, folder: Path
) -> tuple[Plan, Found]:
    """`fastcheck.store_verdict` run in a child process, with the store in `folder` (a
    folder of its own, `runner.store_folder`, which also holds the job and its result)."""
    settings = {
        (module, name): getattr(importlib.import_module(module), name) for module, name in SETTINGS
    }
    job = Job(ntriples.absolute(), ontology, list(shapes), strings, settings)
    with (folder / JOB).open("wb") as out:
        pickle.dump(job, out, protocol=pickle.HIGHEST_PROTOCOL)
    # the caller's module path, so that the child imports the very modules the caller runs
    path = [str(entry) for entry in sys.path]
    code = f"import sys; sys.path[:] = {path!r}; from {__name__} import main; main(sys.argv)"
    done = subprocess.run([sys.executable, "-c", code, str(folder)], check=False)
    failed = f"validation's process ended with exit code {done.returncode}"
    if not (folder / RESULT).exists():
        raise ChildFailed(failed)
    try:
        with (folder / RESULT).open("rb") as result:
            verdict: tuple[Plan, Found] | BaseException = pickle.load(result)
    except (pickle.UnpicklingError, TypeError, AttributeError, ImportError, EOFError) as err:
        raise ChildFailed(f"{failed}; its result could not be read: {err}") from err
    if isinstance(verdict, BaseException):
        raise verdict  # as the caller's process would have raised it
    return verdict


def main(argv: Sequence[str]) -> None:
    """Run the job of the folder `argv[1]` and write its result there."""
    folder = Path(argv[1])
    with (folder / JOB).open("rb") as source:
        job: Job = pickle.load(source)
    for (module, name), value in job.settings.items():
        setattr(importlib.import_module(module), name, value)
    shapes = Graph()
    for triple in job.shapes:
        shapes.add(triple)
    from labourgraph.check import fastcheck

    store = folder / STORE
    store.mkdir()
    verdict: tuple[Plan, Found] | BaseException
    try:
        verdict = fastcheck.store_verdict(job.ntriples, job.ontology, shapes, job.strings, store)
    except Exception as err:  # handed back to the caller, which raises it
        verdict = err
    try:
        data = pickle.dumps(verdict, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = pickle.dumps(ChildFailed(f"{type(verdict).__name__}: {verdict}"))
    (folder / RESULT).write_bytes(data)
