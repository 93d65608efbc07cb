"""The store: one embedded DuckDB file of articles, sentences, events and story clusters.

Ingest is idempotent and crash-safe: an article's id is its given id or the hash of its clean text; articles
already stored are skipped before they are parsed; each batch of articles and their events is written in one
transaction, so a run killed at any point keeps every batch it committed and a restart adds only the rest.
One process writes (DuckDB allows one writer); coding may use several.
"""

from __future__ import annotations

import contextlib
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


_ARTICLE_COLUMNS = ("id", "title", "date", "url", "source", "origin", "text", "n_events")


def _insert(
    connection: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows in bulk through an Arrow table (DuckDB's executemany costs milliseconds per row)."""
    if not rows:
        return
    import pyarrow

    batch = pyarrow.table({name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)})
    connection.register("_facta_rows", batch)
    try:
        names = ", ".join(columns)
        connection.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _facta_rows")
    finally:
        connection.unregister("_facta_rows")


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
        _insert(connection, "articles", _ARTICLE_COLUMNS, article_rows)
        _insert(connection, "sentences", ("article_id", "sentence_index", "text"), sentence_rows)
        _insert(connection, "events", _EVENT_COLUMNS, event_rows)
        events = len(event_rows)
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # a failed COMMIT (a full disk) leaves no transaction to roll back
            connection.execute("ROLLBACK")
        raise
    return len(article_rows), events


def ingest(
    inputs: Iterable[str], *, db: str | Path = DEFAULT_DB, settings: Settings,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Read, code and store inputs; articles already in the store are skipped before parsing.

    Coding runs on this machine's worker processes, or with ``settings.engine == "dask"`` on a Dask cluster
    whose workers write Parquet shards (next to the store, in ``<db>.shards/``) that this process adds to the
    store, one transaction per shard. Either way this process is the store's only writer."""
    from facta.read import read

    connection = connect(db)
    try:
        if settings.engine == "dask":
            from facta.dist import DaskEngine

            engine = DaskEngine(settings, shards=shard_dir(db))
            with engine:
                recovered = ingest_shards(connection, engine.shards)
                added, skipped, events, errors = _ingest_stream(
                    connection, engine.submit_shard, lambda c, path: ingest_shard(c, Path(path)), engine.slots,
                    read(inputs, settings=settings), settings, on_error, on_progress,
                )
                added, events = added + recovered[0], events + recovered[1]
            with contextlib.suppress(OSError):
                engine.shards.rmdir()  # when empty: every shard was added
        else:
            from facta.pipeline import Coder

            with Coder(settings) as coder:
                added, skipped, events, errors = _ingest_stream(
                    connection, coder.submit, lambda c, coded: write_batch(c, [(x.article, x.events) for x in coded]),
                    coder.slots, read(inputs, settings=settings), settings, on_error, on_progress,
                )
        build_clusters(connection)
    except duckdb.Error as error:  # a full disk, a store file removed underneath: what was committed is kept
        raise StoreError(f"{db}: cannot write to the store ({str(error).splitlines()[0]})") from None
    finally:
        connection.close()
    return IngestReport(added, skipped, events, errors)


def _ingest_stream(
    connection: duckdb.DuckDBPyConnection, submit: Callable[[list[Article]], Any],
    store: Callable[[duckdb.DuckDBPyConnection, Any], tuple[int, int]], slots: int,
    items: Iterable[Article | InputError], settings: Settings,
    on_error: Callable[[InputError], None] | None, on_progress: Callable[[int, int], None] | None,
) -> tuple[int, int, int, int]:
    """Submit batches of new articles for coding, a bounded number in flight, and store each result as it
    comes back (in input order), so reading, coding and writing overlap and memory stays flat."""
    from facta.pipeline import in_order

    added = skipped = events = errors = 0

    def submitted() -> Iterator[Any]:
        nonlocal skipped, errors
        for batch in _new_articles(connection, items, settings.batch_size):
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
            if fresh:
                yield submit(fresh)

    for result in in_order(submitted(), slots):
        written, found = store(connection, result)
        added += written
        events += found
        if on_progress is not None:
            on_progress(added + skipped, events)
    if on_progress is not None:
        on_progress(added + skipped, events)
    return added, skipped, events, errors


# Parquet shards: what a Dask worker writes and the store's one writer adds. A shard is a directory holding the
# three tables of a batch, written under a temporary name and renamed when complete, so a shard that exists is
# whole; its name is a hash of its article ids, so a batch coded twice (a worker died after writing) is one shard.
SHARD_TABLES = ("articles", "sentences", "events")


def shard_dir(db: str | Path) -> Path:
    return Path(f"{db}.shards")


def write_shard(directory: Path, coded: list[tuple[Article, list[Event]]]) -> Path:
    """Write a batch of coded articles as a Parquet shard in ``directory``; returns the shard's path."""
    import hashlib
    import os
    import shutil

    key = hashlib.sha1("\n".join(a.id for a, _ in coded).encode("utf-8")).hexdigest()[:20]
    final = directory / f"shard-{key}"
    if final.is_dir():
        return final
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f".tmp-{key}-{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    memory = duckdb.connect(":memory:")
    try:
        migrate(memory)  # the store's own schema, so the shard's columns and types are the store's
        write_batch(memory, coded)
        for table in SHARD_TABLES:
            target = str(temporary / f"{table}.parquet").replace("'", "''")
            memory.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
    finally:
        memory.close()
    try:
        temporary.rename(final)
    except OSError:  # another attempt at the same batch finished first: its shard is the same
        shutil.rmtree(temporary, ignore_errors=True)
    return final


def ingest_shard(connection: duckdb.DuckDBPyConnection, shard: Path) -> tuple[int, int]:
    """Add a shard's articles that the store lacks, with their sentences and events, in one transaction; then
    delete the shard. Adding a shard twice adds nothing. Returns articles and events added."""
    import shutil

    files = {t: str(shard / f"{t}.parquet") for t in SHARD_TABLES}
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "CREATE OR REPLACE TEMP TABLE _shard_new AS SELECT id FROM read_parquet(?) "
            "WHERE id NOT IN (SELECT id FROM articles)", [files["articles"]],
        )
        connection.execute(
            "INSERT INTO articles BY NAME SELECT * FROM read_parquet(?) WHERE id IN (SELECT id FROM _shard_new)",
            [files["articles"]],
        )
        for table in ("sentences", "events"):
            connection.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?) "
                "WHERE article_id IN (SELECT id FROM _shard_new)", [files[table]],
            )
        row = connection.execute(
            "SELECT (SELECT count(*) FROM _shard_new), "
            "(SELECT count(*) FROM read_parquet(?) WHERE article_id IN (SELECT id FROM _shard_new))",
            [files["events"]],
        ).fetchone()
        connection.execute("COMMIT")
    except duckdb.Error as error:
        connection.execute("ROLLBACK")
        raise StoreError(f"{shard}: cannot add this shard ({str(error).splitlines()[0]})") from None
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    shutil.rmtree(shard, ignore_errors=True)
    return (int(row[0]), int(row[1])) if row else (0, 0)


def ingest_shards(connection: duckdb.DuckDBPyConnection, directory: Path) -> tuple[int, int]:
    """Add every complete shard left in ``directory`` (by a run that was killed before adding them), and clear
    the temporary ones it left half written."""
    import shutil

    added = events = 0
    if not directory.is_dir():
        return added, events
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".tmp-"):
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith("shard-") and all((path / f"{t}.parquet").is_file() for t in SHARD_TABLES):
            found = ingest_shard(connection, path)
            added, events = added + found[0], events + found[1]
    return added, events


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
