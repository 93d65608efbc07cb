"""The web server's one connection to the store: read-write when writes are enabled and the store's lock is
free, read-only otherwise; a cursor per request, and a lock around writes.

DuckDB lets one process write a file. The server takes that role only when asked to and when no other process
(a running ``facta ingest``) holds the store; otherwise it serves reads and its write endpoints answer 503.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from facta.model import Article, Event
from facta.store import StoreError, build_clusters, connect, counts, write_batch

log = logging.getLogger(__name__)


class Database:
    """One DuckDB connection shared by the server's threads through cursors (one per request)."""

    def __init__(self, path: str | Path, *, writable: bool = True) -> None:
        self.path = Path(path)
        self.read_only_reason: str | None = None
        self._write_lock = threading.Lock()
        self._connection = self._open(writable)
        try:
            counts(self._connection)
        except duckdb.Error:
            self._connection.close()
            raise StoreError(f"{self.path}: not a facta store (no articles and events tables)") from None

    def _open(self, writable: bool) -> duckdb.DuckDBPyConnection:
        if not writable:
            self.read_only_reason = "the server was started read-only"
            if not self.path.exists():
                raise StoreError(f"{self.path}: no such store (create it with facta ingest)")
            return connect(self.path, read_only=True)
        try:
            return connect(self.path)
        except StoreError as error:
            if not self.path.exists() or "in use" not in str(error):
                raise
            # Another process has the store open: serve it read-only. DuckDB allows that only when the other
            # process reads too; when it writes, this raises the same clear error.
            log.warning("%s; serving it read-only", error)
            connection = connect(self.path, read_only=True)
            self.read_only_reason = "another process had the store open when the server started"
            return connection

    @property
    def writable(self) -> bool:
        return self.read_only_reason is None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request or thread (DuckDB connections are not shared across threads)."""
        cursor = self._connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def write(self, coded: list[tuple[Article, list[Event]]]) -> tuple[int, int]:
        """Store coded articles (articles already stored are skipped) and rebuild the story clusters;
        returns the articles and events added. Writes are serialised: DuckDB has one writer."""
        if not self.writable:
            raise StoreError(f"{self.path}: the store is read-only here ({self.read_only_reason})")
        with self._write_lock, self.cursor() as cursor:
            added = write_batch(cursor, coded)
            if added[0]:
                build_clusters(cursor)
        return added

    def close(self) -> None:
        self._connection.close()
