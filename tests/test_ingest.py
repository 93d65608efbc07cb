"""facta ingest end to end with the real model: re-running adds nothing, and a run killed with SIGKILL midway
then restarted ends with exactly the counts of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from facta.store import connect, counts

pytestmark = pytest.mark.slow

COUNTRIES = ["France", "Germany", "Japan", "Brazil", "Kenya", "Chile", "Egypt", "Norway", "Peru", "Iran"]
VERBS = ["condemned", "praised", "met", "criticised", "sanctioned", "visited"]


def corpus(path: Path, n: int) -> Path:
    """Short news-like articles of our own, each a few coded sentences, with distinct ids and dates."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
            verb = VERBS[i % len(VERBS)]
            text = (f"{a} {verb} {b} on Monday. Officials in {a} said the talks would continue. "
                    f"{b} accused {a} of interference in its affairs.")
            record = {"id": f"doc-{i}", "text": text, "date": f"2019-{1 + i % 12:02d}-{1 + i % 27:02d}",
                      "source": f"Outlet {i % 4}"}
            handle.write(json.dumps(record) + "\n")
    return path


def ingest(corpus_path: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "facta", "ingest", str(corpus_path), "--db", str(db), "--batch-size", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stored(db: Path) -> dict[str, int]:
    connection = connect(db, read_only=True)
    try:
        return counts(connection)
    finally:
        connection.close()


def test_ingest_is_idempotent_and_survives_sigkill(tmp_path: Path) -> None:
    data = corpus(tmp_path / "corpus.jsonl", 240)
    whole = tmp_path / "whole.duckdb"
    assert ingest(data, whole).wait(timeout=600) == 0
    expected = stored(whole)
    assert expected["articles"] == 240 and expected["events"] > 240 and expected["clusters"] > 0

    again = ingest(data, whole)
    _, errors = again.communicate(timeout=600)
    assert again.returncode == 0 and "added 0 articles" in errors
    assert stored(whole) == expected

    killed = tmp_path / "killed.duckdb"
    run = ingest(data, killed)
    time.sleep(6)  # model loaded, some batches committed, the run not finished
    assert run.poll() is None, "the corpus was too small to kill the run midway"
    workers = psutil.Process(run.pid).children(recursive=True)
    assert workers, "ingest codes on worker processes by default"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, "the workers of a killed run must not outlive it"
    partial = stored(killed)
    assert 0 <= partial["articles"] < 240
    assert ingest(data, killed).wait(timeout=600) == 0
    assert stored(killed) == expected
