"""The server as it runs: body limits over a real socket (chunked bodies too), the store's one-writer lock,
and `facta serve` itself."""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from facta.store import StoreError
from facta.web import create_app
from tests.web.corpus import build_store
from tests.web.helpers import TestClient, free_port, live_server


@pytest.fixture(scope="module")
def base(store: Path) -> Iterator[str]:
    app = create_app(store, token="", max_body=4096)
    with live_server(app) as url:
        yield url
    app.state.facta.db.close()


def raw_request(base: str, head: bytes, body_chunks: list[bytes]) -> bytes:
    """Send a request byte by byte over a socket and return the response (the server may answer early)."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(head)
        try:
            for chunk in body_chunks:
                connection.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the whole body was sent
        received = b""
        try:
            while data := connection.recv(65536):
                received += data
        except (ConnectionResetError, TimeoutError):
            pass
        return received


def test_declared_length_over_the_limit_is_refused_before_the_body(base: str) -> None:
    head = (b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 10000000\r\nConnection: close\r\n\r\n")
    response = raw_request(base, head, [b"{"])
    assert response.startswith(b"HTTP/1.1 413")
    assert b"request body over the 4,096-byte limit" in response


def test_chunked_body_over_the_limit_is_refused_while_streaming(base: str) -> None:
    head = (b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    chunk = b'"' + b"a" * 1000
    chunks = [b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(20)] + [b"0\r\n\r\n"]
    response = raw_request(base, head, [b'9\r\n{"text": \r\n', *chunks])
    assert response.startswith(b"HTTP/1.1 413"), response[:200]


def test_the_live_server_answers_reads(base: str) -> None:
    with httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/api/health").json()["status"] == "ok"
        assert client.get("/api/events", params={"dyad": "USA,RUS"}).json()["total"] == 16


def hold(db: Path, *, read_only: bool) -> subprocess.Popen[str]:
    """Another process with the store open, as `facta dyad` (read-only) or `facta ingest` (writing) would."""
    code = (f"import duckdb, time; c = duckdb.connect({str(db)!r}, read_only={read_only}); "
            "print('ready', flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_a_store_another_process_reads_is_served_read_only(tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    build_store(db)
    other = hold(db, read_only=True)
    try:
        app = create_app(db, token="")
        client = TestClient(app)
        health = client.get("/api/health").json()
        assert health["writable"] is False and "another process" in health["read_only_reason"]
        assert client.get("/api/events").json()["total"] == 31
        response = client.post("/api/code", json={"text": "Britain expelled diplomats.", "store": True})
        assert response.status_code == 503 and "writes are off" in response.json()["detail"]
        app.state.facta.db.close()
    finally:
        other.kill()
        other.wait()


def test_a_store_another_process_writes_cannot_be_served(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    build_store(db)
    other = hold(db, read_only=False)
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            create_app(db)
    finally:
        other.kill()
        other.wait()


def test_serve_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facta", "serve", "--db", str(tmp_path / "none.duckdb"), "--read-only"],
        check=False, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"facta: error: {tmp_path / 'none.duckdb'}: no such store (create it with facta ingest)")


@pytest.mark.slow
def test_facta_serve_runs_the_app_on_loopback(tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    build_store(db)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "facta", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        health = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert health is not None and health["writable"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).json()["events"] == 33
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_queued_coding_requests_do_not_starve_reads(store: Path) -> None:
    """A hundred texts waiting to be coded (one at a time) must not take the threads that reads need."""
    import asyncio

    app = create_app(store, token="")
    calls: list[float] = []

    def slow_code_text(text: str, *, date: str | None = None, title: str | None = None) -> list[object]:
        calls.append(time.monotonic())
        time.sleep(0.04)
        return []

    app.state.facta.coder.code_text = slow_code_text

    async def run(base: str) -> list[float]:
        limits = httpx.Limits(max_connections=200)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
            coding = [asyncio.create_task(client.post("/api/code", json={"text": f"text {i}"})) for i in range(100)]
            await asyncio.sleep(0.5)  # the queue has formed
            reads = []
            for _ in range(5):
                began = time.monotonic()
                assert (await client.get("/api/events", params={"limit": 1})).status_code == 200
                reads.append(time.monotonic() - began)
            assert all(r.status_code == 200 for r in await asyncio.gather(*coding))
            return reads

    with live_server(app) as base:
        reads = asyncio.run(run(base))
    app.state.facta.db.close()
    assert len(calls) == 100 and max(reads) < 1.0, reads
    assert all(b - a >= 0.035 for a, b in itertools.pairwise(calls))  # one at a time
