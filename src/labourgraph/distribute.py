"""The analysis stage on a Dask cluster: `labourgraph build --scheduler ADDRESS`.

`build` analyses documents batch by batch (`build._analyse_batch`: spaCy, then extraction,
then the curation laid over the facts). Without a scheduler the batches go to processes forked
on this host; with one, `DaskRunner` sends them to the workers of a Dask distributed cluster
and gathers only what the local workers hand back: each batch's facts (and, for the cache,
their encoded form), never spaCy's analyses. Linking, assembly, validation and writing stay
here, so the graph is the same bytes whichever way the batches ran.

What a worker needs is the labourgraph package (the same commit) and the spaCy models (see the
README and docs/scaling.md). The ontology and the actor list are shipped to the workers with
the batches, so they need no checkout of the data; each worker checks that its extraction code
and models are the client's (`cache.code_version`) before it analyses anything, since a worker
with other code would give other facts without a word.

`distributed` is imported only when a scheduler is named: a local build never pays for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labourgraph import cache
from labourgraph.build import _analyse_batch, _Batch, _Extracted, _WorkerState
from labourgraph.core.errors import LabourgraphError
from labourgraph.extract.document import Resources
from labourgraph.extract.lexicon import ACTORS_FILE

if TYPE_CHECKING:
    from distributed import Client, Future

CONNECT_TIMEOUT = 20.0
"""Seconds to reach the scheduler before giving up with one line."""
WORKERS_TIMEOUT = 120.0
"""Seconds to wait for a first worker to join (a batch-system job may take that long)."""


@dataclass(frozen=True)
class Recipe:
    """What a worker makes its `Resources` from: the ontology and actor list as bytes (under
    their own file names), and the extraction version (`cache.code_version`) the client has."""

    ontology_name: str
    ontology: bytes
    actors_name: str
    actors: bytes
    version: str

    @classmethod
    def of(cls, resources: Resources) -> Recipe:
        ontology = Path(resources.ontology_path)
        actors = Path(resources.actors_path or ACTORS_FILE)
        return cls(
            ontology.name,
            ontology.read_bytes(),
            actors.name,
            actors.read_bytes(),
            cache.code_version(resources.ontology_path, resources.actors_path),
        )

    @property
    def key(self) -> str:
        digest = hashlib.sha256(self.version.encode())
        for data in (self.ontology_name.encode(), self.ontology, self.actors_name.encode()):
            digest.update(hashlib.sha256(data).digest())
        digest.update(hashlib.sha256(self.actors).digest())
        return digest.hexdigest()


_RESOURCES: dict[str, Resources] = {}
"""A worker's resources by recipe key: loaded once per worker process, used by every batch."""


def worker_resources(recipe: Recipe, where: str = "this worker") -> Resources:
    """The resources a recipe describes, made once per process: the files written to a folder
    of their own, then checked to give the client's extraction version."""
    known = _RESOURCES.get(recipe.key)
    if known is not None:
        return known
    folder = Path(tempfile.mkdtemp(prefix="labourgraph-worker-"))
    (folder / recipe.ontology_name).write_bytes(recipe.ontology)
    (folder / recipe.actors_name).write_bytes(recipe.actors)
    resources = Resources(folder / recipe.ontology_name, folder / recipe.actors_name)
    version = cache.code_version(resources.ontology_path, resources.actors_path)
    if version != recipe.version:
        raise LabourgraphError(
            f"Dask worker {where} runs other labourgraph code or spaCy models than the client"
            f" (extraction version {version[:12]}, the client's {recipe.version[:12]}):"
            " install the client's labourgraph commit and models on every worker"
        )
    _RESOURCES[recipe.key] = resources
    return resources


def analyse_on_worker(
    batch: _Batch, recipe: Recipe, curated: dict[str, dict], encode: bool
) -> _Extracted:
    """One batch on a Dask worker: what `build._analyse_batch` does in a local worker."""
    from distributed import get_worker

    try:
        where = get_worker().address
    except ValueError:  # called outside a worker (tests)
        where = "(not a worker)"
    resources = worker_resources(recipe, where)
    return _analyse_batch(batch, _WorkerState(resources, curated, encode))


class DaskRunner:
    """A `build.BatchRunner` on the Dask cluster whose scheduler is at `address`.

    It connects on first use (a build with nothing to analyse never does) and closes the
    connection with `close`, or on leaving `with`. Every failure — scheduler out of reach, no
    worker, a worker's error or death — is one `LabourgraphError` line naming the batch.
    """

    def __init__(
        self,
        address: str,
        *,
        connect_timeout: float | None = None,
        workers_timeout: float | None = None,
    ) -> None:
        self.address = address
        self.connect_timeout = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
        self.workers_timeout = WORKERS_TIMEOUT if workers_timeout is None else workers_timeout
        self._client: Client | None = None

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> Client:
        """The connection to the scheduler, made on first use, once a worker has joined."""
        if self._client is None:
            from distributed import Client

            try:
                asyncio.run(_probe(self.address, self.connect_timeout))
                client = Client(self.address, timeout=self.connect_timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as err:
                raise LabourgraphError(
                    f"cannot reach the Dask scheduler at {self.address}: {_one_line(err)}"
                ) from None
            try:
                client.wait_for_workers(1, timeout=self.workers_timeout)
            except (OSError, TimeoutError) as err:
                client.close()
                raise LabourgraphError(
                    f"no Dask worker joined the scheduler at {self.address} within"
                    f" {self.workers_timeout:g} s: {_one_line(err)}"
                ) from None
            self._client = client
        return self._client

    @property
    def slots(self) -> int:
        """Threads over all workers: how many batches run at once."""
        workers = self.client.scheduler_info(n_workers=-1)["workers"].values()
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers))

    def __call__(self, batches: list[_Batch], state: _WorkerState) -> Iterator[_Extracted]:
        """Every batch to the cluster; each batch's facts back as it is done."""
        from distributed import as_completed

        client = self.client
        try:
            recipe = client.scatter(Recipe.of(state.resources), broadcast=True, hash=False)
        except Exception as err:  # anything the cluster raises: the workers could not take it
            raise LabourgraphError(
                f"cannot send the ontology to the Dask workers: {_one_line(err)}"
            ) from None
        names: dict[object, str] = {}
        futures: list[Future] = []
        for batch in batches:
            curated = {
                d.file_name: state.curated[d.file_name]
                for d in batch.documents
                if d.file_name in state.curated
            }
            future = client.submit(
                analyse_on_worker, batch, recipe, curated, state.encode, pure=False
            )
            names[future.key] = _batch_name(batch)
            futures.append(future)
        try:
            for future in as_completed(futures, loop=client.loop):
                try:
                    done: _Extracted = future.result()
                except LabourgraphError:
                    raise
                except Exception as err:
                    raise LabourgraphError(
                        f"Dask worker failed on {names[future.key]}: {_one_line(err)}"
                    ) from None
                future.release()
                yield done
        finally:
            client.cancel([f for f in futures if not f.done()])
            futures.clear()
            recipe.release()


@contextlib.contextmanager
def runner_for(address: str | None) -> Iterator[DaskRunner | None]:
    """A `DaskRunner` for the scheduler at `address`, closed on leaving; None for no address
    (the build's local worker processes)."""
    if not address:
        yield None
        return
    with DaskRunner(address) as runner:
        yield runner


async def _probe(address: str, timeout: float) -> None:
    """Open and close one connection to the scheduler: a `Client` that cannot connect leaves
    an object whose finaliser waits for the timeout again and prints a traceback at exit."""
    from distributed.comm import connect
    from distributed.security import Security

    args = Security().get_connection_args("client")
    comm = await connect(address, timeout=timeout, **args)
    await comm.close()


def _batch_name(batch: _Batch) -> str:
    first = batch.documents[0].file_name
    more = len(batch.documents) - 1
    return f"the batch of {first}" + (f" and {more} more" if more else "")


def _one_line(err: BaseException) -> str:
    """An exception as one line; a worker without labourgraph (or with an older one) is told
    what to install."""
    text = " ".join(str(err).split()) or "no message"
    line = f"{type(err).__name__}: {text}"
    if "No module named 'labourgraph" in line:
        line += " (install the client's labourgraph commit on every worker: docs/scaling.md)"
    return line
