"""Scaling: facta on 1 vs N worker processes, and the local engine vs a LocalCluster of N Dask workers.

    python benchmarks/scaling.py ../shared/corpora/news/bbc.jsonl [--limit 400] [--workers 2]

All runs code the same articles, read from the same JSON Lines file, in the same batches. Each engine is
started and warmed first (every worker has loaded the model and coded a batch), so the timed part is steady-state
coding with reading, batching, shipping articles to the workers and collecting their events included (the
fastest of ``--rounds`` passes, to damp a shared machine's noise); start-up time is printed separately. Prints
articles/s per run and the ratios; on a machine with N free cores the ideal ratio is N.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from facta.config import Settings
from facta.dist import DaskEngine
from facta.pipeline import Coded, Coder, batches, coded_in_order
from facta.read import read


def timed(engine: Any, path: Path, settings: Settings) -> tuple[float, int, int]:
    """Code the corpus on an engine already started; seconds, articles and events."""
    start = time.perf_counter()
    articles = events = 0
    for item in coded_in_order(engine, batches(read([str(path)], settings=settings), settings.batch_size),
                               engine.slots):
        if isinstance(item, Coded):
            articles += 1
            events += len(item.events)
    return time.perf_counter() - start, articles, events


def warm(engine: Any, path: Path, settings: Settings) -> None:
    """Every worker loads the model and codes a batch before timing starts."""
    size = settings.batch_size
    sample = [a for a in read([str(path)], settings=settings) if not isinstance(a, Exception)][: engine.slots * size]
    futures = [engine.submit(sample[i : i + size]) for i in range(0, len(sample), size)]
    for future in futures:
        future.result()


def run(name: str, make: Callable[[], Any], path: Path, settings: Settings, rounds: int) -> tuple[float, int]:
    """Start and warm an engine, then code the corpus ``rounds`` times on it and keep the fastest round."""
    started = time.perf_counter()
    with make() as engine:
        warm(engine, path, settings)
        startup = time.perf_counter() - started
        seconds, articles, events = min(timed(engine, path, settings) for _ in range(rounds))
    print(f"  {name:<28} {articles / seconds:7.2f} articles/s  ({articles} articles, {events} events, "
          f"{seconds:6.1f} s; start-up {startup:4.1f} s)", flush=True)
    return seconds, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=400, help="articles taken from the start of the corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2, help="timed passes per engine; the fastest is kept")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    path = args.corpus
    if args.limit:
        path = Path(f"/tmp/facta-scaling-{args.limit}.jsonl")
        with args.corpus.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as target:
            for number, line in enumerate(source):
                if number >= args.limit:
                    break
                target.write(line)
    base = Settings(batch_size=args.batch_size)
    one = dataclasses.replace(base, processes=1)
    many = dataclasses.replace(base, processes=args.workers)
    print(f"{args.corpus.name}, {args.limit} articles, batch {args.batch_size}", flush=True)
    s1, _ = run("local, 1 process", lambda: Coder(one), path, one, args.rounds)
    sn, _ = run(f"local, {args.workers} processes", lambda: Coder(many), path, many, args.rounds)
    print(f"  ratio {args.workers} processes / 1 process: {s1 / sn:.2f}x")
    if not args.no_dask:
        dask = dataclasses.replace(many, engine="dask")
        sd, _ = run(f"dask LocalCluster, {args.workers} workers", lambda: DaskEngine(dask), path, dask, args.rounds)
        print(f"  ratio dask {args.workers} workers / local 1 process: {s1 / sd:.2f}x")
        print(f"  ratio dask {args.workers} workers / local {args.workers} processes: {sn / sd:.2f}x")


if __name__ == "__main__":
    main()
