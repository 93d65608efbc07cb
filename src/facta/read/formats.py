"""Readers for each input format: bytes (or a stream) in, Articles or InputErrors out.

Each reader yields rather than raises for problems inside one input (a bad JSON line, an empty feed item), so
the rest of the input is still read; a problem with the input as a whole is raised as InputError.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from datetime import date as Date
from datetime import datetime
from typing import IO, Any

from facta.config import Settings
from facta.errors import InputError
from facta.model import Article
from facta.read.clean import decode, normalise, require_english, text_id

log = logging.getLogger(__name__)

Item = Article | InputError

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: Any) -> str | None:
    """An ISO "YYYY-MM-DD" from whatever date a record, page or feed gives; None when it gives none."""
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, Date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, tuple) and len(value) >= 3:  # feedparser's time.struct_time
        return f"{value[0]:04d}-{value[1]:02d}-{value[2]:02d}"
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        try:
            return Date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    import dateparser  # slow to import; only needed for unusual date strings

    parsed = dateparser.parse(text, settings={  # absolute dates only: "yesterday" must not depend on today
        "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    })
    return parsed.strftime("%Y-%m-%d") if parsed else None


def make_article(
    text: str,
    origin: str,
    settings: Settings,
    *,
    id: str | None = None,
    title: str | None = None,
    date: Any = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """Build a clean Article; raise InputError when nothing codable is left."""
    clean = normalise(text)
    if not clean:
        raise InputError(origin, "no text to code (empty or whitespace only)")
    require_english(clean, origin)
    return Article(
        id=str(id) if id not in (None, "") else text_id(clean),
        text=clean,
        title=normalise(str(title)) if title not in (None, "") else None,
        date=settings.date or parse_date(date),
        url=str(url) if url not in (None, "") else None,
        source=str(source) if source not in (None, "") else None,
        origin=origin,
    )


def read_text(data: bytes, origin: str, settings: Settings, *, charset: str | None = None) -> Iterator[Item]:
    """Plain text; the first line is the title when a blank line follows it."""
    text = normalise(decode(data, origin, declared=charset))
    title = None
    head, sep, rest = text.partition("\n\n")
    # A headline is short and does not end like a sentence; a one-line first paragraph is not a title.
    if sep and "\n" not in head and len(head) < 200 and not head.rstrip().endswith((".", '."', ".”")) and rest.strip():
        title, text = head.strip(), rest
    yield make_article(text, origin, settings, title=title)


def read_html(
    data: bytes, origin: str, settings: Settings, *, url: str | None = None, charset: str | None = None
) -> Iterator[Item]:
    """An HTML page: main text and metadata by trafilatura's boilerplate removal."""
    import trafilatura

    page = decode(data, origin, declared=charset or _meta_charset(data))
    doc = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(origin, "no article text found in the HTML page")
    site = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    yield make_article(
        body, origin, settings,
        title=getattr(doc, "title", None), date=getattr(doc, "date", None),
        url=url or getattr(doc, "url", None), source=site,
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii").lower() if match else None


def read_feed(data: bytes, origin: str, settings: Settings) -> Iterator[Item]:
    """RSS 0.9x/1.0/2.0, Atom or JSON Feed: each item becomes an article (full content, else summary)."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_json(data, origin, settings)
        return
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(origin, f"no items in the feed{f' ({reason})' if reason else ''}")
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#item{number}"
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        text = _html_to_text(body) if body.strip() else entry.get("title", "")  # a headline is news too
        # The date as written (the publisher's local day); feedparser's parsed tuple is converted to UTC.
        date = _feed_date(entry.get("published") or entry.get("updated")) or entry.get("published_parsed") or (
            entry.get("updated_parsed")
        )
        try:
            yield make_article(
                text, where, settings,
                id=entry.get("id") or entry.get("link") or None,
                title=entry.get("title"), date=date, url=entry.get("link"), source=feed_title,
            )
        except InputError as error:
            yield error


def read_json(data: bytes, origin: str, settings: Settings) -> Iterator[Item]:
    """A whole-file JSON document: a JSON Feed, one record with "text", or a list of such records."""
    try:
        document = json.loads(decode(data, origin))
    except json.JSONDecodeError as error:
        raise InputError(origin, f"malformed JSON ({error})") from None
    if isinstance(document, dict) and "items" in document:
        yield from _read_json_feed(document, origin, settings)
        return
    records = document if isinstance(document, list) else [document]
    if not all(isinstance(r, dict) and "text" in r for r in records):
        raise InputError(origin, 'JSON is neither a JSON Feed nor records with a "text" field')
    for number, record in enumerate(records, 1):
        try:
            yield make_article(
                str(record["text"]), f"{origin}#{number}", settings, id=record.get("id"),
                title=record.get("title"), date=record.get("date"), url=record.get("url"),
                source=record.get("source"),
            )
        except InputError as error:
            yield error


def _feed_date(raw: Any) -> str | None:
    if not raw:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(str(raw)).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        return parse_date(raw)


def _read_json_feed(feed: dict[str, Any], origin: str, settings: Settings) -> Iterator[Item]:
    """JSON Feed 1.0/1.1 (jsonfeed.org), which feedparser does not read."""
    items = feed.get("items")
    if not isinstance(items, list) or not items:
        raise InputError(origin, "no items in the JSON feed")
    for number, entry in enumerate(items, 1):
        where = f"{origin}#item{number}"
        if not isinstance(entry, dict):
            yield InputError(where, "feed item is not an object")
            continue
        if entry.get("content_html"):
            body = _html_to_text(str(entry["content_html"]))
        else:  # content_text is plain text by the spec: never parsed as markup
            body = str(entry.get("content_text") or _html_to_text(str(entry.get("summary") or "")) or "")
        body = body if body.strip() else str(entry.get("title") or "")
        try:
            yield make_article(
                body, where, settings,
                id=entry.get("id") or entry.get("url"), title=entry.get("title"),
                date=entry.get("date_published") or entry.get("date_modified"),
                url=entry.get("url"), source=feed.get("title"),
            )
        except InputError as error:
            yield error


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment from a feed item, paragraphs kept apart."""
    if "<" not in fragment:
        return html.unescape(fragment)
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; the fragment is then treated as text
        return html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return str(root.text_content())


def read_jsonl(stream: IO[bytes], origin: str, settings: Settings) -> Iterator[Item]:
    """A JSON Lines corpus, streamed: fields id, text and optionally title, date, url, source.

    A malformed line yields an InputError naming the line; the rest of the file is still read.
    """
    seen_any = False
    for number, raw in _bounded_lines(stream, settings.max_bytes):
        where = f"{origin}:{number}"
        if raw is None:
            yield InputError(where, f"line longer than {settings.max_bytes:,} bytes, skipped")
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            yield InputError(where, f"malformed JSON ({error.__class__.__name__}: {str(error)[:80]})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a JSON line must be an object with a \"text\" field")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(where, "record has no \"text\"")
            continue
        try:
            yield make_article(
                text, where, settings,
                id=record.get("id"), title=record.get("title"), date=record.get("date"),
                url=record.get("url"), source=record.get("source"),
            )
        except InputError as error:
            yield error
    if not seen_any:
        yield InputError(origin, "empty input")


def _bounded_lines(stream: IO[bytes], cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a byte stream, each read with at most ``cap`` bytes in memory; over-long lines come as None."""
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line without keeping it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def sniff(data: bytes) -> str:
    """Guess the format of bytes with no file name: html, feed, jsonl or text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        try:
            json.loads(data.split(b"\n", 1)[0])
        except ValueError:
            return "json"  # one document over several lines
        return "json" if head.startswith(b"[") or data.strip().count(b"\n") == 0 else "jsonl"
    if head.startswith(b"<"):
        if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
            return "feed"
        return "html"
    return "text"
