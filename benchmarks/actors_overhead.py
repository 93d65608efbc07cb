"""Actor resolution's share of end-to-end coding time (issue "Actors": at most 15%).

    python benchmarks/actors_overhead.py ../shared/corpora/news/bbc.jsonl [--limit 500]

Runs facta's pipeline on the corpus in one process, timing every top-level call into the actors stage
(building the article's name index, resolving arguments, the discourse), and prints that time as a share of
the whole run, parse included.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from throughput import load  # type: ignore[import-not-found]

from facta import actors, pipeline
from facta.config import Settings

_spent = [0.0]
_depth = [0]


def timed(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _depth[0] += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if _depth[0] == 0:  # nested calls (a resolution resolving its antecedent) count once
                _spent[0] += time.perf_counter() - start

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    settings = Settings()
    articles = load(args.corpus, args.limit)
    list(pipeline.code_articles(articles[:5], settings=settings))  # warm-up: model, vocabularies, matcher
    actors.ArticleActors.resolve = timed(actors.ArticleActors.resolve)  # type: ignore[method-assign]
    actors.ArticleActors.resolve_all = timed(actors.ArticleActors.resolve_all)  # type: ignore[method-assign]
    pipeline.find_actors = timed(pipeline.find_actors)
    start = time.perf_counter()
    events = sum(len(c.events) for c in pipeline.code_articles(articles, settings=settings))
    total = time.perf_counter() - start
    print(f"{args.corpus.name}: {len(articles)} articles, {events} events, {total:.1f} s end to end")
    print(f"  actors stage: {_spent[0]:.2f} s = {100 * _spent[0] / total:.1f}% of end-to-end time")


if __name__ == "__main__":
    main()
