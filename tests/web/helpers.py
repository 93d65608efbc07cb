"""Helpers for the web tests: the TestClient, row counts through the app's connection, and a real uvicorn
server on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from facta.store import counts

with warnings.catch_warnings():
    # Starlette's TestClient prefers the httpx2 package and warns when it runs on httpx; it works the same.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def stored(app: FastAPI) -> dict[str, int]:
    """The row counts of the store the app serves, read through the app's own connection."""
    with app.state.facta.db.cursor() as cursor:
        return counts(cursor)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run ``app`` on uvicorn in a thread on 127.0.0.1; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


__all__ = ["TestClient", "free_port", "live_server", "stored"]
