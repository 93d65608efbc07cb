"""The pipeline: read -> nlp -> actors -> events, on one process or several.

``code_articles`` codes Articles in the current process; ``extract`` reads inputs and codes them on
``settings.processes`` worker processes, streaming, with a bounded number of batches in flight so memory stays
flat however large the corpus.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from facta.actors import find_actors, load_actor_vocab
from facta.config import Settings
from facta.errors import InputError
from facta.events import code_events, load_patterns
from facta.model import Article, Event
from facta.nlp import load_model, parse
from facta.read import read

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Coded:
    """One article and the events coded from it."""

    article: Article
    events: list[Event]


def code_articles(articles: Iterable[Article], *, settings: Settings) -> Iterator[Coded]:
    """Code articles in this process, batching them through spaCy."""
    nlp = load_model(settings.model)
    vocab = load_actor_vocab(settings.actor_files)
    patterns = load_patterns(settings.verb_files)
    for doc, article in parse(articles, nlp, batch_size=settings.batch_size):
        actors = find_actors(doc, vocab, date=article.date)
        yield Coded(article, code_events(doc, article, actors, patterns))


def code_text(text: str, *, date: str | None = None, settings: Settings | None = None) -> list[Event]:
    """Code one text (the library's shortest path): its events, in order."""
    from facta.read.formats import make_article

    settings = settings or Settings()
    article = make_article(text, "<text>", settings, date=date)
    return next(iter(code_articles([article], settings=settings))).events


def extract(inputs: Iterable[str], *, settings: Settings) -> Iterator[Coded | InputError]:
    """Read and code inputs; yields each article's result and each input error, streaming."""
    items = read(inputs, settings=settings)
    if settings.engine == "dask":
        from facta.dist import DaskEngine

        with DaskEngine(settings) as engine:
            yield from coded_in_order(engine, batches(items, settings.batch_size), engine.slots)
    elif settings.processes <= 1:
        yield from _serial(items, settings)
    else:
        yield from _parallel(items, settings)


def _serial(items: Iterable[Article | InputError], settings: Settings) -> Iterator[Coded | InputError]:
    errors: list[InputError] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    for coded in code_articles(articles(), settings=settings):
        while errors:
            yield errors.pop(0)
        yield coded
    yield from errors


# Worker-process state: the settings are sent once, at start-up; the model is loaded once per worker.
_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings, parent: int | None = None) -> None:
    global _WORKER_SETTINGS  # noqa: PLW0603 - per-process state set by the pool initializer
    if parent is not None:
        _die_with(parent)
    _WORKER_SETTINGS = settings
    load_model(settings.model)


def _die_with(parent: int) -> None:
    """End this worker when the process that started it dies, even by SIGKILL (Linux): otherwise a killed
    ``facta ingest`` would leave its workers, each holding a model, behind."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _code_batch(batch: list[Article]) -> list[Coded]:
    assert _WORKER_SETTINGS is not None
    return list(code_articles(batch, settings=_WORKER_SETTINGS))


def _parallel(items: Iterable[Article | InputError], settings: Settings) -> Iterator[Coded | InputError]:
    stream = batches(items, settings.batch_size)
    first = next(stream, None)
    second = next(stream, None)
    if second is None:  # one batch in all: starting workers would cost more than it saves
        yield from _serial(first or [], settings)
        return
    with Coder(settings) as coder:
        yield from coded_in_order(coder, itertools.chain([first or [], second], stream), settings.processes)


def coded_in_order(
    engine: Engine, batches: Iterable[list[Article | InputError]], slots: int
) -> Iterator[Coded | InputError]:
    """Submit batches to an engine with a bounded number in flight (the input streams, memory stays flat) and
    yield results in input order, input errors as they are read."""
    pending: list[InputError] = []

    def submitted() -> Iterator[Any]:
        for batch in batches:
            pending.extend(i for i in batch if isinstance(i, InputError))
            articles = [i for i in batch if isinstance(i, Article)]
            if articles:
                yield engine.submit(articles)

    for result in in_order(submitted(), slots):
        yield from pending
        pending.clear()
        yield from result
    yield from pending


def in_order(futures: Iterable[Any], slots: int) -> Iterator[Any]:
    """The results of futures, in the order they were submitted, taking the next future from ``futures`` only
    while fewer than ``2 * slots`` are in flight: reading, coding and using the results overlap, and memory
    stays flat however long the input."""
    in_flight: deque[Any] = deque()
    limit = max(2, slots * 2)
    for future in futures:
        in_flight.append(future)
        while len(in_flight) >= limit:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


class Engine(Protocol):
    """Where coding runs: this machine's worker processes (``Coder``) or a Dask cluster (``facta.dist``)."""

    slots: int

    def submit(self, articles: list[Article]) -> Any:
        """Code a batch; returns a future whose ``result()`` is the list of Coded."""


class Coder:
    """Codes lists of articles, on this process or on a pool of workers kept for the coder's lifetime
    (each worker loads the model once). The pool starts on first use, so a run that needs only this process
    (one short input) never pays for it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.slots = max(1, settings.processes)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Coder:
        load_model(self.settings.model)  # fail fast, with a clear error, before any work
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def _workers(self) -> ProcessPoolExecutor | None:
        if self.settings.processes <= 1:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.settings.processes, initializer=_init_worker, initargs=(self.settings, os.getpid())
            )
        return self._pool

    def submit(self, articles: list[Article]) -> Future[list[Coded]]:
        """Code a batch on a worker (or here, when the coder has no pool), as a future."""
        pool = self._workers()
        if pool is not None:
            return pool.submit(_code_batch, articles)
        done: Future[list[Coded]] = Future()
        done.set_result(list(code_articles(articles, settings=self.settings)))
        return done

    def code(self, articles: list[Article]) -> list[Coded]:
        if len(articles) <= self.settings.batch_size or (pool := self._workers()) is None:
            return list(code_articles(articles, settings=self.settings))
        size = self.settings.batch_size
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        return [coded for result in pool.map(_code_batch, chunks) for coded in result]


def batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
