"""Fetching http(s) URLs: timeout, size cap, content-type check, and no private addresses by default."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from socket import SHUT_RDWR  # bound here: tests replace this module's ``socket`` to fake name resolution
from typing import Any

import httpx

from facta.config import Settings
from facta.errors import InputError

_ACCEPTED_TYPES = (
    "text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml",
    "application/rdf+xml", "application/xml", "text/xml", "application/feed+json", "application/json",
    "application/x-ndjson", "application/jsonl",
)
_MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    data: bytes
    charset: str | None = None


def fetch(url: str, settings: Settings) -> Fetched:
    """GET a URL, following redirects and checking every hop's address; raise InputError on any failure.

    ``settings.url_timeout`` bounds the whole fetch, redirects, headers and body together, not only each read.
    """
    current = url
    deadline = _Deadline(settings.url_timeout)
    timed_out = InputError(url, f"timed out after {settings.url_timeout:g} s")
    with deadline, httpx.Client(follow_redirects=False, headers={"User-Agent": "facta"}) as client:
        for _ in range(_MAX_REDIRECTS + 1):
            _check_address(current, url, settings)
            try:
                with client.stream(
                    "GET", current, timeout=httpx.Timeout(deadline.remaining()), extensions={"trace": deadline.trace}
                ) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        current = urllib.parse.urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} from the server")
                    header = response.headers.get("content-type", "")
                    content_type = header.split(";")[0].strip().lower()
                    charset = _charset(header)
                    if content_type and content_type not in _ACCEPTED_TYPES:
                        raise InputError(url, f"unsupported content type {content_type!r}")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > settings.max_bytes:
                        raise InputError(url, f"page larger than the {settings.max_bytes:,}-byte limit")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        if deadline.expired:
                            raise timed_out
                        size += len(chunk)
                        if size > settings.max_bytes:
                            raise InputError(url, f"page larger than the {settings.max_bytes:,}-byte limit")
                        chunks.append(chunk)
                    if deadline.expired:
                        raise timed_out
                    return Fetched(str(response.url), content_type, b"".join(chunks), charset)
            except httpx.TimeoutException:
                raise timed_out from None
            except (httpx.HTTPError, ValueError) as error:  # ValueError: a malformed Content-Length or URL
                if deadline.expired:  # the deadline cut the connection
                    raise timed_out from None
                raise InputError(url, f"could not fetch ({error.__class__.__name__}: {error})") from None
    raise InputError(url, f"more than {_MAX_REDIRECTS} redirects")


class _Deadline:
    """The time limit of one fetch. httpx's timeouts bound each read, so a server that drips a byte at a time
    (a "slow loris", in the headers or the body) would hold a fetch forever; when the time is up, this shuts
    down the fetch's connections, which httpcore reports through its trace extension as it opens them."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return max(self._end - time.monotonic(), 0.001)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if not event.endswith((".connect_tcp.complete", ".start_tls.complete")):  # "connection." or "proxy."
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(SHUT_RDWR)


def _charset(header: str) -> str | None:
    for part in header.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _check_address(current: str, original: str, settings: Settings) -> None:
    parts = urllib.parse.urlsplit(current)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(original, f"not an http(s) URL: {current}")
    if settings.allow_private_urls:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise InputError(original, f"cannot resolve host {parts.hostname!r} ({error.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(
                original,
                f"refused: {parts.hostname} resolves to the private address {address} (use --allow-private-urls)",
            )
