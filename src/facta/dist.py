"""The Dask engine: the same coding on a ``dask.distributed`` cluster.

Each worker loads the spaCy model once, when it starts (a worker plugin, re-run if a worker is restarted), not
once per task. ``facta extract --engine dask`` gets the coded articles back; ``facta ingest --engine dask`` has
each worker write its batch as a Parquet shard (``facta.store.write_shard``) and only returns the shard's path,
so the coded data never passes through the scheduler, and the ingesting process adds each shard to the store in
one transaction. Shards are whole or absent and named by their article ids, so a batch coded twice (its worker
died after writing) is one shard, and a shard added twice adds nothing: killing a worker or the whole run loses
nothing and duplicates nothing.

Without ``--scheduler`` a LocalCluster of ``--processes`` workers (one thread each) starts for the run. On a real
cluster, shards go to a directory that the workers and the ingesting process share (``<db>.shards``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import dask
from distributed import WorkerPlugin

from facta.config import Settings
from facta.errors import FactaError
from facta.model import Article
from facta.nlp import load_model
from facta.pipeline import Coded, _init_worker, code_articles

log = logging.getLogger(__name__)


# Worker settings for coding (measured on benchmarks/scaling.py: together about 20% more articles per second):
# no statistical profiler sampling the coding thread every 10 ms, and no aggressive malloc trimming, which
# costs spaCy's many small allocations a system call each. Set the same in a real cluster's Dask configuration.
WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


class DaskError(FactaError):
    """The cluster cannot be reached or started: names the scheduler and the reason."""


class LoadModel(WorkerPlugin):  # type: ignore[misc]
    """Loads the model (and the vocabularies, through one warm-up article) on each worker as it starts."""

    name = "facta-model"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        _init_worker(self.settings)
        warm = Article(id="warm-up", text="The minister met the ambassador.", origin="<warm-up>")
        list(code_articles([warm], settings=self.settings))


def _code(articles: list[Article], settings: Settings) -> list[Coded]:
    return list(code_articles(articles, settings=settings))


def _shard(articles: list[Article], settings: Settings, directory: str) -> str:
    from facta.store import write_shard

    coded = [(c.article, c.events) for c in code_articles(articles, settings=settings)]
    return str(write_shard(Path(directory), coded))


def model_loads() -> int:
    """How many times this process has loaded a model (run on each worker by the tests)."""
    return load_model.cache_info().misses


class DaskEngine:
    """Submits batches of articles to a Dask cluster; a context manager that owns the client (and the
    LocalCluster, when it started one)."""

    def __init__(self, settings: Settings, *, shards: Path | None = None) -> None:
        self.settings = settings
        self.shards = shards if shards is not None else Path("facta.shards")
        self.slots = 1
        self.client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        address = self.settings.scheduler
        if not logging.getLogger().isEnabledFor(logging.DEBUG):  # the cluster's chatter only with --verbose
            for name in ("distributed", "bokeh", "tornado"):
                logging.getLogger(name).setLevel(logging.WARNING)
        try:
            if address:
                self.client = Client(address, timeout=dask.config.get("distributed.comm.timeouts.connect"))  # type: ignore[no-untyped-call]
            else:
                load_model(self.settings.model)  # a bad model name fails here, clearly, not on every worker
                with dask.config.set(WORKER_CONFIG):
                    self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=max(1, self.settings.processes), threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.CRITICAL,
                    )
                self.client = Client(self._cluster)  # type: ignore[no-untyped-call]
            self.client.register_plugin(LoadModel(self.settings))
        except FactaError:
            self.__exit__()
            raise
        except (OSError, TimeoutError) as error:
            self.__exit__()
            where = address or "LocalCluster"
            raise DaskError(f"{where}: cannot reach the Dask scheduler ({str(error).splitlines()[0]})") from None
        # Four batches in flight per worker thread: a worker never waits for the next batch to arrive.
        self.slots = 2 * max(1, sum(self.client.nthreads().values()))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def submit(self, articles: list[Article]) -> Any:
        """Code a batch on a worker; the future's result is the list of Coded."""
        return self.client.submit(_code, articles, self.settings, pure=False)

    def submit_shard(self, articles: list[Article]) -> Any:
        """Code a batch on a worker that writes it as a shard; the future's result is the shard's path."""
        return self.client.submit(_shard, articles, self.settings, str(self.shards.resolve()), pure=False)
