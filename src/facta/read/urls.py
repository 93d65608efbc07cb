"""Fetching http(s) URLs: timeout, size cap, content-type check, and no private addresses by default."""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.parse
from dataclasses import dataclass

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
    """GET a URL, following redirects and checking every hop's address; raise InputError on any failure."""
    current = url
    timeout = httpx.Timeout(settings.url_timeout)
    deadline = time.monotonic() + settings.url_timeout
    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": "facta"}) as client:
        for _ in range(_MAX_REDIRECTS + 1):
            _check_address(current, url, settings)
            try:
                with client.stream("GET", current) as response:
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
                        if time.monotonic() > deadline:  # httpx's timeout is per read; a trickle must end too
                            raise InputError(url, f"timed out after {settings.url_timeout:g} s")
                        size += len(chunk)
                        if size > settings.max_bytes:
                            raise InputError(url, f"page larger than the {settings.max_bytes:,}-byte limit")
                        chunks.append(chunk)
                    return Fetched(str(response.url), content_type, b"".join(chunks), charset)
            except httpx.TimeoutException:
                raise InputError(url, f"timed out after {settings.url_timeout:g} s") from None
            except httpx.HTTPError as error:
                raise InputError(url, f"could not fetch ({error.__class__.__name__}: {error})") from None
    raise InputError(url, f"more than {_MAX_REDIRECTS} redirects")


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
