"""Real feeds (../shared/corpora/feeds, when present): every item of every English feed becomes an article or a
one-line error for that item, and item counts agree with the parse that feed-rs expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facta.config import Settings
from facta.errors import InputError
from facta.model import Article
from facta.read import read

FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "feeds"
pytestmark = pytest.mark.skipif(not FEEDS.exists(), reason="../shared/corpora/feeds is not on this machine")


def _feeds() -> list[Path]:
    return sorted(p for p in FEEDS.rglob("*") if p.suffix in (".xml", ".rss", ".atom", ".json")
                  and not p.name.endswith(".expected.serde.json")) if FEEDS.exists() else []


@pytest.mark.parametrize("path", _feeds(), ids=lambda p: p.name)
def test_each_feed_item_is_an_article_or_a_clear_error(path: Path) -> None:
    items = list(read([str(path)], settings=Settings()))
    assert items
    for item in items:
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert str(path) in item.origin and "\n" not in str(item)
    expected = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.serde.json")
    if expected.exists():
        entries = json.loads(expected.read_text(encoding="utf-8")).get("entries", [])
        assert len(items) == len(entries)


def test_guardian_feed_gives_full_bodies_with_dates() -> None:
    articles = [i for i in read([str(FEEDS / "rss-parser" / "guardian.rss")], settings=Settings())
                if isinstance(i, Article)]
    assert len(articles) == 55
    assert all(a.date and a.date[:4] in ("2017", "2018") and a.title and a.url for a in articles)
