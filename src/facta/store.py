"""The store: one embedded DuckDB file of articles, sentences, events and story clusters.

Ingest is idempotent and crash-safe: an article's id is its given id or the hash of its clean text; articles
already stored are skipped before they are parsed; each batch of articles and their events is written in one
transaction, so a run killed at any point keeps every batch it committed and a restart adds only the rest.
One process writes (DuckDB allows one writer); coding may use several.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from facta.config import Settings
from facta.errors import FactaError, InputError
from facta.model import Article, Event
from facta.output import flat

log = logging.getLogger(__name__)

DEFAULT_DB = "facta.duckdb"
SCHEMA_VERSION = 1
CLUSTER_WINDOW_DAYS = 1

# Each migration brings the schema from version N-1 to N; all are safe to re-run (IF NOT EXISTS).
_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR, origin VARCHAR,
        text VARCHAR, n_events INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp);
    CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR, sentence_index INTEGER, text VARCHAR, PRIMARY KEY (article_id, sentence_index));
    CREATE TABLE IF NOT EXISTS events (
        article_id VARCHAR, seq INTEGER, sentence_index INTEGER, date DATE, date_precision VARCHAR,
        source_code VARCHAR, source_country VARCHAR, source_role VARCHAR, source_name VARCHAR, source_text VARCHAR,
        code VARCHAR, root VARCHAR, quad_class TINYINT, goldstein DOUBLE, plover_type VARCHAR, plover_mode VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_role VARCHAR, target_name VARCHAR, target_text VARCHAR,
        negated BOOLEAN, modality VARCHAR, affirmed BOOLEAN, attribution VARCHAR,
        location VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
        trigger VARCHAR, rule VARCHAR, confidence DOUBLE, record VARCHAR, cluster_id BIGINT,
        PRIMARY KEY (article_id, seq));
    CREATE TABLE IF NOT EXISTS clusters (
        id BIGINT PRIMARY KEY, source_country VARCHAR, target_country VARCHAR, root VARCHAR,
        date_start DATE, date_end DATE, n_events INTEGER, n_articles INTEGER, n_sources INTEGER);
    """,
}

_EVENT_COLUMNS = (
    "article_id", "seq", "sentence_index", "date", "date_precision", "source_code", "source_country",
    "source_role", "source_name", "source_text", "code", "root", "quad_class", "goldstein", "plover_type",
    "plover_mode", "target_code", "target_country", "target_role", "target_name", "target_text", "negated",
    "modality", "affirmed", "attribution", "location", "location_country", "lat", "lon", "trigger", "rule",
    "confidence", "record",
)


class StoreError(FactaError):
    """A store that cannot be opened or written: names the file and the reason."""


@dataclass(frozen=True, slots=True)
class IngestReport:
    articles_added: int
    articles_skipped: int
    events_added: int
    errors: int


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating and migrating) a store; a clear error when another process holds it."""
    try:
        connection = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        message = str(error).splitlines()[0]
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use by another process (one writer at a time)") from None
        raise StoreError(f"{path}: cannot open the store ({message})") from None
    except duckdb.Error as error:
        raise StoreError(f"{path}: not a facta store ({str(error).splitlines()[0]})") from None
    if not read_only:
        migrate(connection)
    return connection


def migrate(connection: duckdb.DuckDBPyConnection) -> None:
    """Bring the schema to SCHEMA_VERSION; re-running is harmless."""
    connection.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = int(row[0]) if row else 0
    for number in sorted(v for v in _MIGRATIONS if v > version):
        connection.execute("BEGIN TRANSACTION")
        connection.execute(_MIGRATIONS[number])
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)]
        )
        connection.execute("COMMIT")


def _known(connection: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows = connection.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
    return {r[0] for r in rows}


def _event_row(article_id: str, seq: int, event: Event) -> tuple[Any, ...]:
    row = flat(event)
    row.update(article_id=article_id, seq=seq, affirmed=event.affirmed, record=event.to_json())
    return tuple(row[c] for c in _EVENT_COLUMNS)


def write_batch(
    connection: duckdb.DuckDBPyConnection, coded: list[tuple[Article, list[Event]]]
) -> tuple[int, int]:
    """Store articles with their sentences and events in one transaction; returns articles and events written."""
    events = 0
    connection.execute("BEGIN TRANSACTION")
    try:
        known = _known(connection, [a.id for a, _ in coded])
        article_rows: list[tuple[Any, ...]] = []
        sentence_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        for article, found in coded:
            if article.id in known:
                continue  # the same text twice in one run, or a concurrent earlier run
            known.add(article.id)
            article_rows.append(
                (article.id, article.title, article.date, article.url, article.source, article.origin,
                 article.text, len(found))
            )
            sentences = {e.sentence_index: e.sentence for e in found}
            sentence_rows.extend((article.id, index, text) for index, text in sentences.items())
            event_rows.extend(_event_row(article.id, seq, e) for seq, e in enumerate(found))
        if article_rows:
            connection.executemany(
                "INSERT INTO articles (id, title, date, url, source, origin, text, n_events) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", article_rows,
            )
        if sentence_rows:
            connection.executemany("INSERT INTO sentences VALUES (?, ?, ?)", sentence_rows)
        if event_rows:
            placeholders = ", ".join("?" for _ in _EVENT_COLUMNS)
            connection.executemany(
                f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({placeholders})", event_rows
            )
        events = len(event_rows)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(article_rows), events


def ingest(
    inputs: Iterable[str], *, db: str | Path = DEFAULT_DB, settings: Settings,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Read, code and store inputs; articles already in the store are skipped before parsing."""
    from facta.pipeline import Coder
    from facta.read import read

    connection = connect(db)
    added = skipped = events = errors = 0
    try:
        with Coder(settings) as coder:
            added, skipped, events, errors = _ingest_batches(
                connection, coder, read(inputs, settings=settings), settings, on_error, on_progress
            )
        build_clusters(connection)
    finally:
        connection.close()
    return IngestReport(added, skipped, events, errors)


def _ingest_batches(
    connection: duckdb.DuckDBPyConnection, coder: Any, items: Iterable[Article | InputError], settings: Settings,
    on_error: Callable[[InputError], None] | None, on_progress: Callable[[int, int], None] | None,
) -> tuple[int, int, int, int]:
    added = skipped = events = errors = 0
    for batch in _new_articles(connection, items, settings.batch_size * max(2, settings.processes * 2)):
        fresh: list[Article] = []
        for item in batch:
            if isinstance(item, InputError):
                errors += 1
                if on_error is not None:
                    on_error(item)
            elif item is None:
                skipped += 1
            else:
                fresh.append(item)
        written, found = write_batch(connection, [(c.article, c.events) for c in coder.code(fresh)])
        added += written
        events += found
        if on_progress is not None:
            on_progress(added + skipped, events)
    return added, skipped, events, errors


def _new_articles(
    connection: duckdb.DuckDBPyConnection, items: Iterable[Article | InputError], size: int
) -> Iterator[list[Article | InputError | None]]:
    """Batches of read items in which articles already stored are replaced by None (counted as skipped)."""
    batch: list[Article | InputError] = []

    def flush() -> list[Article | InputError | None]:
        known = _known(connection, [i.id for i in batch if isinstance(i, Article)])
        return [None if isinstance(i, Article) and i.id in known else i for i in batch]

    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield flush()
            batch = []
    if batch:
        yield flush()


def build_clusters(connection: duckdb.DuckDBPyConnection, *, window: int = CLUSTER_WINDOW_DAYS) -> int:
    """Link the same event told by several articles into story clusters: same source and target country,
    same CAMEO root, each date within ``window`` days of the previous one. Rebuilt whole: it is cheap."""
    connection.execute("BEGIN TRANSACTION")
    connection.execute("DELETE FROM clusters")
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE _cluster_of AS
        WITH e AS (
            SELECT article_id, seq, source_country AS s, target_country AS t, root AS r, date AS d
            FROM events
            WHERE affirmed AND source_country IS NOT NULL AND target_country IS NOT NULL AND date IS NOT NULL
        ), g AS (
            SELECT *, CASE WHEN d - lag(d) OVER (PARTITION BY s, t, r ORDER BY d) <= {int(window)}
                           THEN 0 ELSE 1 END AS brk
            FROM e
        ), k AS (
            SELECT *, sum(brk) OVER (PARTITION BY s, t, r ORDER BY d ROWS UNBOUNDED PRECEDING) AS run FROM g
        )
        SELECT article_id, seq, s, t, r, d, dense_rank() OVER (ORDER BY s, t, r, run) AS cluster_id FROM k
    """)
    connection.execute("UPDATE events SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
    connection.execute("""
        UPDATE events SET cluster_id = c.cluster_id FROM _cluster_of c
        WHERE events.article_id = c.article_id AND events.seq = c.seq
    """)
    connection.execute("""
        INSERT INTO clusters
        SELECT c.cluster_id, any_value(c.s), any_value(c.t), any_value(c.r), min(c.d), max(c.d), count(*),
               count(DISTINCT c.article_id), count(DISTINCT coalesce(a.source, a.url, a.id))
        FROM _cluster_of c JOIN articles a ON a.id = c.article_id
        GROUP BY c.cluster_id
    """)
    count = connection.execute("SELECT count(*) FROM clusters").fetchone()
    connection.execute("COMMIT")
    return int(count[0]) if count else 0


def counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of every table: what "nothing changed" is checked against."""
    found = {}
    for table in ("articles", "sentences", "events", "clusters"):
        row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        found[table] = int(row[0]) if row else 0
    return found
