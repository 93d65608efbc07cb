"""The Dask engine: the same events as the local engine, one model load per worker, Parquet shards added to the
store idempotently, and an ingest that loses and duplicates nothing when a worker is killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from facta.config import Settings
from facta.errors import FactaError
from facta.store import connect, counts, ingest_shard, ingest_shards, write_shard
from tests.test_store import article, event

COUNTRIES = ["France", "Germany", "Japan", "Brazil", "Kenya", "Chile", "Egypt", "Norway", "Peru", "Iran"]
VERBS = ["condemned", "praised", "met", "criticised", "sanctioned", "visited", "accused", "thanked"]


def corpus(path: Path, n: int) -> Path:
    """Short news-like articles of our own with distinct ids, dates and outlets."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
            verb = VERBS[i % len(VERBS)]
            text = (f"{a} {verb} {b} on Monday. Officials in {a} said the talks would continue next month. "
                    f"{b} accused {a} of interference in its affairs, and its minister did not attend the summit.")
            record = {"id": f"doc-{i}", "text": text, "date": f"2019-{1 + i % 12:02d}-{1 + i % 27:02d}",
                      "source": f"Outlet {i % 4}"}
            handle.write(json.dumps(record) + "\n")
    return path


def stored(db: Path) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
    """The store's counts and its events' records, in a stable order: what two runs are compared on."""
    connection = connect(db, read_only=True)
    try:
        records = connection.execute("SELECT article_id, seq, record, cluster_id FROM events ORDER BY 1, 2").fetchall()
        return counts(connection), records
    finally:
        connection.close()


def facta_run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)


# Shards, without the model or a cluster.


def test_a_shard_is_added_once_and_then_removed(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    coded = [(article("a1", "Outlet A", "2018-03-26"), [event("a1", "USA", "174", "RUS", "2018-03-26")]),
             (article("a2", "Outlet B", "2018-03-27"), [event("a2", "USA", "051", "RUS", "2018-03-27"),
                                                        event("a2", "RUS", "111", "USA", "2018-03-27")])]
    shard = write_shard(tmp_path / "shards", coded)
    assert sorted(p.name for p in shard.iterdir()) == ["articles.parquet", "events.parquet", "sentences.parquet"]
    # The same batch written again (a retried task) is the same shard, not a second one.
    assert write_shard(tmp_path / "shards", coded) == shard
    connection = connect(db)
    try:
        assert ingest_shard(connection, shard) == (2, 3)
        assert not shard.exists()
        assert counts(connection)["events"] == 3
        record = connection.execute("SELECT record FROM events WHERE article_id = 'a2' AND seq = 1").fetchone()
        assert record is not None and json.loads(record[0])["code"] == "111"
        # Written again and added again (a crash between commit and delete): nothing more.
        again = write_shard(tmp_path / "shards", coded)
        assert ingest_shard(connection, again) == (0, 0)
        assert counts(connection) == {"articles": 2, "sentences": 2, "events": 3, "clusters": 0}
    finally:
        connection.close()


def test_leftover_shards_are_added_and_half_written_ones_cleared(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    write_shard(shards, [(article("b1", "Outlet A", "2019-01-02"), [event("b1", "FRA", "042", "DEU", "2019-01-02")])])
    half = shards / ".tmp-0123-999"
    half.mkdir()
    (half / "articles.parquet").write_bytes(b"PAR1 truncated")
    connection = connect(tmp_path / "s.duckdb")
    try:
        assert ingest_shards(connection, shards) == (1, 1)
        assert list(shards.iterdir()) == []
    finally:
        connection.close()


def test_a_damaged_shard_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    shard = write_shard(tmp_path / "shards", [(article("c1", "O", "2019-01-02"),
                                               [event("c1", "FRA", "042", "DEU", "2019-01-02")])])
    (shard / "events.parquet").write_bytes(b"not parquet at all")
    connection = connect(tmp_path / "s.duckdb")
    try:
        with pytest.raises(FactaError, match="cannot add this shard"):
            ingest_shard(connection, shard)
        assert counts(connection)["articles"] == 0  # the articles table was rolled back with the rest
    finally:
        connection.close()


# The engine on a LocalCluster, with the real model.


@pytest.mark.slow
def test_dask_extract_gives_exactly_the_local_events_with_one_model_load_per_worker(tmp_path: Path) -> None:
    from facta.dist import DaskEngine, model_loads
    from facta.pipeline import Coded, batches, coded_in_order, extract
    from facta.read import read

    data = str(corpus(tmp_path / "c.jsonl", 60))
    local = [e.to_dict() for c in extract([data], settings=Settings(batch_size=4)) if isinstance(c, Coded)
             for e in c.events]
    settings = Settings(engine="dask", processes=2, batch_size=4)
    with DaskEngine(settings) as engine:
        coded = list(coded_in_order(engine, batches(read([data], settings=settings), 4), engine.slots))
        loads = engine.client.run(model_loads)
    remote = [e.to_dict() for c in coded if isinstance(c, Coded) for e in c.events]
    assert len(local) > 120
    assert remote == local
    assert len(loads) == 2 and set(loads.values()) == {1}  # 15 tasks, two workers, one load each


@pytest.mark.slow
def test_dask_ingest_equals_local_ingest_and_rerunning_adds_nothing(tmp_path: Path) -> None:
    data = str(corpus(tmp_path / "c.jsonl", 40))
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    common = ["--batch-size", "4", "--processes", "2"]
    run = [sys.executable, "-m", "facta", "ingest", data]
    assert facta_run([*run, "--db", str(local), *common]).returncode == 0
    done = facta_run([*run, "--db", str(remote), "--engine", "dask", *common])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert stored(remote) == stored(local)
    assert not Path(f"{remote}.shards").exists()
    again = facta_run([*run, "--db", str(remote), "--engine", "dask", *common])
    assert again.returncode == 0 and "added 0 articles" in again.stderr
    assert stored(remote) == stored(local)


@pytest.mark.slow
def test_killing_a_worker_mid_ingest_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    data = str(corpus(tmp_path / "c.jsonl", 160))
    local = tmp_path / "local.duckdb"
    run = [sys.executable, "-m", "facta", "ingest", data, "--batch-size", "2"]
    assert facta_run([*run, "--db", str(local), "--processes", "1"]).returncode == 0

    remote = tmp_path / "dask.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        job = subprocess.Popen([*run, "--db", str(remote), "--scheduler", cluster.scheduler_address],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            # Wait until coding is under way (tasks have finished and others are queued), then kill a worker.
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and job.poll() is None:
                executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
                if sum(executed.values()) >= 6:
                    break
                time.sleep(0.2)
            assert job.poll() is None, "the run ended before a worker could be killed"
            pids = client.run(os.getpid)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            _, stderr = job.communicate(timeout=900)
            assert victim not in client.run(os.getpid).values()  # the nanny replaced the killed worker
        finally:
            if job.poll() is None:
                job.kill()
    assert job.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert stored(remote) == stored(local)


@pytest.mark.slow
def test_killing_a_dask_ingest_midway_then_rerunning_ends_as_an_uninterrupted_run(tmp_path: Path) -> None:
    data = str(corpus(tmp_path / "c.jsonl", 120))
    run = [sys.executable, "-m", "facta", "ingest", data, "--batch-size", "2"]
    local = tmp_path / "local.duckdb"
    assert facta_run([*run, "--db", str(local), "--processes", "1"]).returncode == 0

    remote = tmp_path / "dask.duckdb"
    job = subprocess.Popen([*run, "--db", str(remote), "--engine", "dask", "--processes", "2"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shards = Path(f"{remote}.shards")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and job.poll() is None and not shards.is_dir():
        time.sleep(0.2)
    time.sleep(2)  # shards written, some added, others in flight
    assert job.poll() is None, "the run ended before it could be killed"
    os.kill(job.pid, signal.SIGKILL)
    job.wait(timeout=60)
    partial = stored(remote)[0]["articles"]
    assert partial < 120
    again = facta_run([*run, "--db", str(remote), "--engine", "dask", "--processes", "2"])
    assert again.returncode == 0, again.stderr
    assert stored(remote) == stored(local)
    assert not shards.exists()
