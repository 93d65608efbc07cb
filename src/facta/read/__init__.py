"""Reading inputs: files, directories, standard input and URLs, into clean Articles.

``read`` yields an Article for each document and an InputError for each input (or part of one) that cannot be
read, so one bad file never stops a run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from facta.config import Settings
from facta.errors import InputError
from facta.read.formats import Item, as_utf8, read_feed, read_html, read_json, read_jsonl, read_text, sniff
from facta.read.urls import fetch

__all__ = ["Item", "read"]

_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed", ".feed": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


def read(inputs: Iterable[str], *, settings: Settings) -> Iterator[Item]:
    """Articles (and InputErrors) from paths, directories, "-" for standard input, and http(s) URLs."""
    for spec in inputs:
        try:
            if spec == "-":
                yield from _read_bytes(sys.stdin.buffer.read(settings.max_bytes + 1), "-", settings, kind=None)
            elif spec.startswith(("http://", "https://")):
                yield from _read_url(spec, settings)
            elif os.path.isdir(spec):
                yield from _read_directory(Path(spec), settings)
            else:
                yield from _read_file(Path(spec), settings)
        except InputError as error:
            yield error


def _read_directory(root: Path, settings: Settings) -> Iterator[Item]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in _BY_SUFFIX)
    if not files:
        yield InputError(str(root), "directory holds no readable files (.txt, .html, .jsonl, feeds)")
    for path in files:
        try:
            yield from _read_file(path, settings)
        except InputError as error:
            yield error


def _read_file(path: Path, settings: Settings) -> Iterator[Item]:
    origin = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(origin, "no such file or directory") from None
    except OSError as error:
        raise InputError(origin, f"cannot read ({error.strerror})") from None
    kind = _BY_SUFFIX.get(path.suffix.lower())
    try:
        if kind == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(stream, origin, settings)
            return
        if size > settings.max_bytes:
            raise InputError(origin, f"file of {size:,} bytes is over the {settings.max_bytes:,}-byte limit")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    yield from _read_bytes(data, origin, settings, kind=kind)


def _read_bytes(
    data: bytes, origin: str, settings: Settings, *, kind: str | None, url: str | None = None,
    charset: str | None = None,
) -> Iterator[Item]:
    if not data.strip():
        raise InputError(origin, "empty input")
    if len(data) > settings.max_bytes and kind != "jsonl":
        raise InputError(origin, f"input of {len(data):,} bytes is over the {settings.max_bytes:,}-byte limit")
    if kind is None or (kind == "feed" and not _opens_a_document(data)):
        kind = sniff(data)
    if kind == "json":
        yield from read_json(data, origin, settings)
    elif kind == "jsonl":
        import io

        yield from read_jsonl(io.BytesIO(data), origin, settings)
    elif kind == "feed":
        yield from read_feed(data, origin, settings)
    elif kind == "html":
        yield from read_html(data, origin, settings, url=url, charset=charset)
    else:
        yield from read_text(data, origin, settings, charset=charset)


def _opens_a_document(data: bytes) -> bool:
    """Whether the bytes start with markup or JSON, in whatever byte encoding (a feed may be UTF-16)."""
    return as_utf8(data[:4096]).lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<", b"{"))


def _read_url(url: str, settings: Settings) -> Iterator[Item]:
    page = fetch(url, settings)
    content_type = page.content_type
    if content_type in _FEED_TYPES:
        kind: str | None = "feed"
    elif content_type in ("text/html", "application/xhtml+xml"):
        kind = "html"
    elif content_type == "text/plain":
        kind = "text"
    else:
        kind = None  # xml or json: the content says which
    yield from _read_bytes(page.data, url, settings, kind=kind, url=page.url, charset=page.charset)
