"""Queries the web app needs beyond ``facta.analysis``: filtered, paginated events, one article with its
events, store statistics, event places, and plain-JSON forms of the dyad series and top lists.

Every value a user gives reaches DuckDB as a bound parameter; the SQL text holds only fixed fragments.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

import duckdb

from facta import analysis
from facta.analysis import QUADS, side
from facta.store import counts

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; None means no constraint. Source and target are a country (USA), an actor code
    (USAGOV) or a person's name, as for ``facta dyad``; ``actor`` matches either side."""

    source: str | None = None
    target: str | None = None
    both_directions: bool = False
    code: str | None = None  # CAMEO code prefix
    root: str | None = None
    quad_class: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    actor: str | None = None
    text: str | None = None  # a substring of the sentence, any case
    article: str | None = None
    include_flagged: bool = False

    def where(self, connection: duckdb.DuckDBPyConnection) -> tuple[str, list[Any]]:
        """The WHERE clause over ``events e`` joined with ``sentences s``, and its parameters."""
        clauses: list[str] = [] if self.include_flagged else ["e.affirmed"]
        params: list[Any] = []
        if self.source is not None or self.target is not None:
            direct, direct_params = _dyad(connection, self.source, self.target)
            if self.both_directions:
                reverse, reverse_params = _dyad(connection, self.target, self.source)
                direct = f"(({direct}) OR ({reverse}))"
                direct_params += reverse_params
            clauses.append(direct)
            params += direct_params
        if self.actor is not None:
            value = self.actor.strip()
            clauses.append(
                "(e.source_code = ? OR e.source_country = ? OR e.source_name = ? "
                "OR e.target_code = ? OR e.target_country = ? OR e.target_name = ?)"
            )
            params += [value.upper(), value.upper(), value, value.upper(), value.upper(), value]
        if self.code is not None:
            clauses.append("starts_with(e.code, ?)")
            params.append(self.code)
        if self.root is not None:
            clauses.append("e.root = ?")
            params.append(self.root)
        if self.quad_class is not None:
            clauses.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.start is not None:
            clauses.append("e.date >= ?")
            params.append(self.start)
        if self.end is not None:
            clauses.append("e.date <= ?")
            params.append(self.end)
        if self.text is not None:
            clauses.append("strpos(lower(s.text), lower(?)) > 0")
            params.append(self.text)
        if self.article is not None:
            clauses.append("e.article_id = ?")
            params.append(self.article)
        return " AND ".join(clauses) or "TRUE", params


def _dyad(connection: duckdb.DuckDBPyConnection, a: str | None, b: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if a is not None:
        src = side(a, connection, "source")
        clauses.append(src.sql("e.source"))
        params.append(src.value)
    if b is not None:
        tgt = side(b, connection, "target")
        clauses.append(tgt.sql("e.target"))
        params.append(tgt.value)
    return " AND ".join(clauses), params


_SENTENCES = "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sentence_index = e.sentence_index"


def _source(where: EventFilter) -> str:
    """The events, joined with their sentences only when the sentence text is searched (a join costs)."""
    return f"events e {_SENTENCES}" if where.text is not None else "events e"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: its record, where it sits (article, position, story cluster) and its article's title."""

    article_id: str
    seq: int
    cluster_id: int | None
    record: str  # design.md's event record, as JSON text
    title: str | None
    outlet: str | None

    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.record)
        return parsed


def events(
    connection: duckdb.DuckDBPyConnection, where: EventFilter, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[StoredEvent]]:
    """One page of matching events, by date then article and position, and the number over all pages."""
    sql, params = where.where(connection)
    total = connection.execute(f"SELECT count(*) FROM {_source(where)} WHERE {sql}", params).fetchone()
    # The page is chosen on events alone; only its rows are joined with their articles.
    rows = connection.execute(
        f"""WITH page AS (
                SELECT e.article_id, e.seq, e.cluster_id, e.record, e.date FROM {_source(where)} WHERE {sql}
                ORDER BY e.date NULLS LAST, e.article_id, e.seq LIMIT ? OFFSET ?)
            SELECT page.article_id, page.seq, page.cluster_id, page.record, a.title, a.source
            FROM page LEFT JOIN articles a ON a.id = page.article_id
            ORDER BY page.date NULLS LAST, page.article_id, page.seq""",
        [*params, min(max(limit, 0), MAX_LIMIT), max(offset, 0)],
    ).fetchall()
    return (int(total[0]) if total else 0), [StoredEvent(*row) for row in rows]


def article(connection: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article with its sentences (those that hold events) and its events in coded order; None if unknown."""
    row = connection.execute(
        "SELECT id, title, date, url, source, text, n_events FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    sentences = connection.execute(
        "SELECT sentence_index, text FROM sentences WHERE article_id = ? ORDER BY sentence_index", [article_id]
    ).fetchall()
    stored = connection.execute(
        "SELECT article_id, seq, cluster_id, record, NULL, NULL FROM events WHERE article_id = ? ORDER BY seq",
        [article_id],
    ).fetchall()
    return {
        "id": row[0], "title": row[1], "date": _iso(row[2]), "url": row[3], "source": row[4], "text": row[5] or "",
        "n_events": row[6] or 0,
        "sentences": [{"index": index, "text": text} for index, text in sentences],
        "events": [StoredEvent(*r) for r in stored],
    }


def stats(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Row counts and what the store covers."""
    found: dict[str, Any] = dict(counts(connection))
    row = connection.execute("""
        SELECT count(*) FILTER (WHERE affirmed), count(*) FILTER (WHERE NOT affirmed), min(date), max(date)
        FROM events""").fetchone()
    outlets = connection.execute("SELECT count(DISTINCT coalesce(source, url)) FROM articles").fetchone()
    quads = dict(connection.execute(
        "SELECT quad_class, count(*) FROM events WHERE affirmed GROUP BY quad_class"
    ).fetchall())
    assert row is not None and outlets is not None
    found.update(
        affirmed_events=int(row[0]), flagged_events=int(row[1]), first_date=_iso(row[2]), last_date=_iso(row[3]),
        outlets=int(outlets[0]), quad_classes={name: int(quads.get(q, 0)) for q, name in QUADS.items()},
    )
    return found


def dyad(
    connection: duckdb.DuckDBPyConnection, a: str, b: str, *, by: str = "month", start: dt.date | None = None,
    end: dt.date | None = None, both_directions: bool = False, by_actor: bool = False, articles: bool = False,
) -> list[dict[str, Any]]:
    """``facta.analysis.dyad`` as plain rows, each period with its last day (for "the events behind a bar")."""
    rows = analysis.dyad(
        connection, a, b, by=by, start=_text(start), end=_text(end), both_directions=both_directions,
        by_actor=by_actor, articles=articles,
    )
    series = []
    for values in rows.rows:
        item = dict(zip(rows.columns, values, strict=True))
        period: dt.date = item["period"]
        item["period"] = period.isoformat()
        item["period_end"] = period_end(period, by).isoformat()
        item["actor"] = item.get("actor")
        series.append(item)
    return series


def period_end(first: dt.date, by: str) -> dt.date:
    """The last day of the period that starts on ``first``."""
    if by == "day":
        return first
    if by == "week":
        return first + dt.timedelta(days=6)
    if by == "month":
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first.replace(month=12, day=31)


def top(
    connection: duckdb.DuckDBPyConnection, *, start: dt.date | None = None, end: dt.date | None = None,
    limit: int = 10,
) -> dict[str, list[dict[str, Any]]]:
    """``facta.analysis.top`` as plain rows."""
    frames = analysis.top(connection, start=_text(start), end=_text(end), limit=limit)
    return {
        name: [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict(orient="records")]
        for name, frame in frames.items()
    }


def places(connection: duckdb.DuckDBPyConnection, where: EventFilter, *, limit: int = 2000) -> list[dict[str, Any]]:
    """Where events happened: each located place with its number of events and mean Goldstein."""
    sql, params = where.where(connection)
    rows = connection.execute(
        f"""SELECT e.location, e.location_country, e.lat, e.lon, count(*) AS n, round(avg(e.goldstein), 2)
            FROM {_source(where)} WHERE {sql} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
            GROUP BY ALL ORDER BY n DESC LIMIT ?""",
        [*params, limit],
    ).fetchall()
    keys = ("name", "country", "lat", "lon", "events", "mean_goldstein")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def known_actors(connection: duckdb.DuckDBPyConnection, limit: int = 300) -> list[str]:
    """Actor codes and countries seen in the store, most frequent first (suggestions for the dashboard)."""
    rows = connection.execute("""
        SELECT value FROM (
            SELECT source_country AS value FROM events UNION ALL SELECT target_country FROM events
            UNION ALL SELECT source_code FROM events UNION ALL SELECT target_code FROM events
            UNION ALL SELECT source_name FROM events
        ) WHERE value IS NOT NULL GROUP BY value ORDER BY count(*) DESC, value LIMIT ?""", [limit]).fetchall()
    return [r[0] for r in rows]


def _text(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (None if value is None else str(value))


def _plain(value: Any) -> Any:
    """numpy scalars and NaN from pandas as JSON-ready Python values."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
