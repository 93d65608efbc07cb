"""Fixtures for the reading tests: a local HTTP server with per-test routes, and no proxy settings."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Route = Callable[[BaseHTTPRequestHandler], None]

_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@dataclass
class LocalServer:
    """A server on 127.0.0.1: ``routes`` maps a path to a function that answers the request."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


def respond(handler: BaseHTTPRequestHandler, body: bytes, content_type: str = "text/html; charset=utf-8", *,
            status: int = 200, length: bool = True) -> None:
    """Send one whole response; without ``length`` the body ends when the connection closes."""
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def redirect(handler: BaseHTTPRequestHandler, location: str, status: int = 302) -> None:
    handler.send_response(status)
    handler.send_header("Location", location)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (a timeout test) is expected; say nothing."""


@contextlib.contextmanager
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """Run a LocalServer for the duration of the block, with proxy settings cleared so requests stay local."""
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")

    state: dict[str, LocalServer] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            local = state["server"]
            local.hits.append(self.path)
            route = local.routes.get(self.path)
            if route is None:
                respond(self, b"<html><body><p>Not found.</p></body></html>", status=404)
            else:
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = _QuietServer(("127.0.0.1", 0), Handler)
    host, port = httpd.server_address[:2]
    local = LocalServer(base=f"http://{host!s}:{port}")
    state["server"] = local
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield local
    finally:
        local.stop.set()  # releases slow handlers
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    with serve(monkeypatch) as local:
        yield local
