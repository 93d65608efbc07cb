"""Throughput: facta's coding vs the same spaCy pipeline alone, one process, on the same texts.

    python benchmarks/throughput.py ../shared/corpora/news/bbc.jsonl [--limit 500] [--model NAME]

Prints articles/s and words/s for both and the ratio facta/spaCy (1.0 = facta adds nothing). Both runs
parse the same texts in the same order with the same batch size; the ratio, not the absolute speed, is the
figure to compare across machines. The runs alternate (spaCy, facta, spaCy, facta) and the best of each is kept,
to damp noise on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from facta.config import Settings
from facta.model import Article
from facta.nlp import load_model
from facta.pipeline import code_articles


def load(path: Path, limit: int) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append(Article(id=str(record.get("id", len(articles))), text=record["text"],
                                    date=record.get("date"), origin=str(path)))
            if len(articles) >= limit:
                break
    return articles


def spacy_only(articles: list[Article], settings: Settings) -> float:
    nlp = load_model(settings.model)
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=settings.batch_size):
        pass
    return time.perf_counter() - start


def facta_run(articles: list[Article], settings: Settings) -> tuple[float, int]:
    start = time.perf_counter()
    events = sum(len(c.events) for c in code_articles(articles, settings=settings))
    return time.perf_counter() - start, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--model", default=Settings().model)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    settings = Settings(model=args.model)
    for path in args.corpus:
        articles = load(path, args.limit)
        words = sum(len(a.text.split()) for a in articles)
        list(code_articles(articles[:5], settings=settings))  # warm up: model, vocabularies, matchers, gazetteer
        spacy_times, facta_times, events = [], [], 0
        for _ in range(args.rounds):
            spacy_times.append(spacy_only(articles, settings))
            elapsed, events = facta_run(articles, settings)
            facta_times.append(elapsed)
        s, f = min(spacy_times), min(facta_times)
        print(f"{path.name}: {len(articles)} articles, {words:,} words, {events} events")
        print(f"  spaCy alone : {len(articles) / s:7.1f} articles/s {words / s:9,.0f} words/s")
        print(f"  facta       : {len(articles) / f:7.1f} articles/s {words / f:9,.0f} words/s")
        print(f"  ratio facta/spaCy throughput: {s / f:.3f}")
        print(f"  per core per day: {86400 * len(articles) / f:,.0f} articles")


if __name__ == "__main__":
    main()
