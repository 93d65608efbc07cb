"""The store and its analyses on hand-made events (no model): ingest bookkeeping, story clusters, the dyad
and its words-vs-deeds gap, exports, and the one-writer rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from facta import analysis
from facta.export import GDELT_COLUMNS, export
from facta.model import Actor, Article, Event, Evidence, Plover
from facta.ontology import load_ontology
from facta.store import StoreError, build_clusters, connect, counts, write_batch


def event(article: str, source: str, code: str, target: str, date: str, *, name: str | None = None,
          negated: bool = False, role: str | None = "GOV") -> Event:
    entry = load_ontology()[code]
    return Event(
        article_id=article, sentence_index=0, sentence=f"{source} did {code} to {target}.",
        source=Actor(source, name, source, role, source + (role or ""), (0, 3)),
        target=Actor(target, None, target, None, target, (10, 13)),
        code=code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
        plover=Plover(entry.plover_type, entry.plover_mode),
        evidence=Evidence("did", (4, 7), "verbs/test"), date=date, date_precision="day", negated=negated,
    )


def article(aid: str, outlet: str, date: str) -> Article:
    return Article(id=aid, text=f"text of {aid}", title=f"title {aid}", date=date, source=outlet, url=f"http://x/{aid}")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "facta.duckdb"
    connection = connect(path)
    batch = [
        # The same expulsion told by three articles from two outlets over two days: one story cluster.
        (article("a1", "Outlet A", "2018-03-26"), [event("a1", "USA", "174", "RUS", "2018-03-26")]),
        (article("a2", "Outlet B", "2018-03-27"), [event("a2", "USA", "174", "RUS", "2018-03-27")]),
        (article("a3", "Outlet B", "2018-03-27"), [event("a3", "USA", "174", "RUS", "2018-03-27"),
                                                   event("a3", "USA", "051", "RUS", "2018-03-20",
                                                         name="Donald Trump")]),
        # A week later: a new cluster. A negated praise: never counted.
        (article("a4", "Outlet A", "2018-04-10"), [event("a4", "USA", "174", "RUS", "2018-04-10"),
                                                   event("a4", "USA", "051", "RUS", "2018-04-10", negated=True)]),
        (article("a5", "Outlet C", "2018-05-02"), [event("a5", "RUS", "111", "USA", "2018-05-02"),
                                                   event("a5", "USA", "072", "UKR", "2018-05-02")]),
    ]
    assert write_batch(connection, batch) == (5, 8)
    build_clusters(connection)
    connection.close()
    return path


def test_rewriting_the_same_articles_adds_nothing(store: Path) -> None:
    connection = connect(store)
    before = counts(connection)
    assert write_batch(connection, [(article("a1", "Outlet A", "2018-03-26"), [])]) == (0, 0)
    build_clusters(connection)
    assert counts(connection) == before == {"articles": 5, "sentences": 5, "events": 8, "clusters": 5}
    connection.close()


def test_story_cluster_links_the_same_event_across_articles_and_outlets(store: Path) -> None:
    connection = connect(store, read_only=True)
    rows = connection.execute(
        "SELECT date_start, date_end, n_events, n_articles, n_sources FROM clusters "
        "WHERE source_country = 'USA' AND target_country = 'RUS' AND root = '17' ORDER BY date_start"
    ).fetchall()
    connection.close()
    assert [(str(a), str(b), c, d, e) for a, b, c, d, e in rows] == [
        ("2018-03-26", "2018-03-27", 3, 3, 2),  # three articles, two outlets
        ("2018-04-10", "2018-04-10", 1, 1, 1),
    ]


def test_dyad_counts_clusters_and_measures_words_against_deeds(store: Path) -> None:
    with analysis.open(store) as opened:
        frame = opened.dyad("USA", "RUS", by="month")
    march = frame[frame["period"] == pd.Timestamp("2018-03-01")].iloc[0]
    assert (march["verbal_coop"], march["material_conflict"]) == (1, 1)  # three articles, one expulsion
    assert (march["words"], march["deeds"], march["gap"]) == (1, -1, 2)  # warm words, hostile deeds
    april = frame[frame["period"] == pd.Timestamp("2018-04-01")].iloc[0]
    assert (april["verbal_coop"], april["material_conflict"]) == (0, 1)  # the negated praise is left out


def test_dyad_counts_articles_on_request(store: Path) -> None:
    with analysis.open(store) as opened:
        frame = opened.dyad("USA", "RUS", by="month", articles=True)
    assert int(frame[frame["period"] == pd.Timestamp("2018-03-01")]["material_conflict"].iloc[0]) == 3


def test_dyad_both_directions_and_by_actor(store: Path) -> None:
    with analysis.open(store) as opened:
        both = opened.dyad("USA", "RUS", by="year", both_directions=True)
        split = opened.dyad("USA", "RUS", by="year", by_actor=True)
        person = opened.dyad("Donald Trump", "RUS", by="year")
    assert int(both["verbal_conflict"].iloc[0]) == 1  # Russia's criticism of the US
    assert set(split["actor"]) == {"Donald Trump", "rest"}
    assert int(split[split["actor"] == "Donald Trump"]["verbal_coop"].iloc[0]) == 1
    assert int(person["verbal_coop"].iloc[0]) == 1 and int(person["material_conflict"].iloc[0]) == 0


def test_top_and_events_behind_a_number(store: Path) -> None:
    with analysis.open(store) as opened:
        found = opened.top(limit=3)
        behind = opened.events("USA", "RUS", code="17")
    assert found["dyads"].iloc[0].tolist()[:3] == ["USA", "RUS", 3]
    assert len(behind) == 4 and set(behind["title"]) == {"title a1", "title a2", "title a3", "title a4"}


def test_dyad_plot_is_written(store: Path, tmp_path: Path) -> None:
    with analysis.open(store) as opened:
        frame = opened.dyad("USA", "RUS", by="month")
    analysis.plot(frame, tmp_path / "dyad.png", title="USA → RUS")
    assert (tmp_path / "dyad.png").read_bytes()[:4] == b"\x89PNG"


def test_exports(store: Path, tmp_path: Path) -> None:
    assert export("csv", tmp_path / "e.csv", db=store) == 8
    assert export("parquet", tmp_path / "e.parquet", db=store) == 8
    assert len(pd.read_parquet(tmp_path / "e.parquet")) == 8
    assert export("gdelt", tmp_path / "e.tsv", db=store) == 5
    rows = [line.split("\t") for line in (tmp_path / "e.tsv").read_text().splitlines()]
    assert all(len(r) == 61 == len(GDELT_COLUMNS) for r in rows)
    names = [name for name, _ in GDELT_COLUMNS]
    praise = next(dict(zip(names, r, strict=True)) for r in rows if r[names.index("EventCode")] == "051")
    assert (praise["Actor1CountryCode"], praise["Actor2CountryCode"], praise["QuadClass"]) == ("USA", "RUS", "1")
    expulsion = next(dict(zip(names, r, strict=True)) for r in rows if r[names.index("EventCode")] == "174")
    assert (expulsion["NumArticles"], expulsion["NumSources"], expulsion["SQLDATE"]) == ("3", "2", "20180326")


def test_second_writer_gets_a_clear_error(store: Path) -> None:
    holder = connect(store)
    try:
        result = subprocess.run(
            [sys.executable, "-c", f"from facta.store import connect; connect({str(store)!r})"],
            capture_output=True, text=True, timeout=60, check=False,
        )
        assert result.returncode != 0 and "in use by another process" in result.stderr
    finally:
        holder.close()
    with pytest.raises(StoreError):
        bad = store.parent / "not_a_store.duckdb"
        bad.write_text("this is not a database")
        connect(bad)
