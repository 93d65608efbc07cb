"""Readers for each input format: bytes (or a stream) in, Articles or InputErrors out.

Each reader yields rather than raises for problems inside one input (a bad JSON line, an empty feed item), so
the rest of the input is still read; a problem with the input as a whole is raised as InputError.
"""

from __future__ import annotations

import html
import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import date as Date
from datetime import datetime
from typing import IO, Any, Protocol, cast

from facta.config import Settings
from facta.errors import InputError
from facta.model import Article
from facta.read.clean import decode, normalise, plain, require_english, text_id

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
        try:  # feedparser turns a "0000-00-00" into year -1
            return Date(int(value[0]), int(value[1]), int(value[2])).isoformat()
        except (TypeError, ValueError, OverflowError):
            return None
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
    if len(clean) > settings.max_chars:
        # spaCy needs about 1 GB per 100,000 characters while it parses, and refuses text over its max_length
        raise InputError(
            origin, f"text of {len(clean):,} characters is over the {settings.max_chars:,}-character limit "
            "of one article; split it into articles"
        )
    require_english(clean, origin)
    return Article(
        id=plain(str(id)) if id not in (None, "") else text_id(clean),
        text=clean,
        title=normalise(str(title)) or None if title not in (None, "") else None,
        date=settings.date or parse_date(date),
        url=plain(str(url)) if url not in (None, "") else None,
        source=plain(str(source)) if source not in (None, "") else None,
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

    refuse_entity_declarations(data, origin)
    page = decode(data, origin, declared=charset or _meta_charset(data))
    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as error:  # trafilatura and htmldate assert things about the tree that broken pages defy
        raise InputError(origin, f"unreadable HTML page ({_failure(error)})") from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(origin, "no article text found in the HTML page")
    site = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    yield make_article(
        body, origin, settings,
        title=getattr(doc, "title", None), date=getattr(doc, "date", None),
        url=url or getattr(doc, "url", None), source=site,
    )


def _failure(error: Exception) -> str:
    """A third-party parser's exception in a few words: its class, and its message when it has one."""
    message = " ".join(str(error).split())[:80]
    return f"{error.__class__.__name__}: {message}" if message else error.__class__.__name__


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

    refuse_entity_declarations(data, origin)
    try:
        parsed = feedparser.parse(_BAD_CHARACTER_REFERENCE.sub(_replace_reference, data), sanitize_html=True,
                                  resolve_relative_uris=False)
    except Exception as error:  # feedparser's loose parser has more failure modes than it documents
        raise InputError(origin, f"unreadable feed ({_failure(error)})") from None
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(origin, f"no items in the feed{f' ({reason})' if reason else ''}")
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#item{number}"
        # feedparser leaves None where a broken feed gives an element without its text
        contents = [str(c.get("value")) for c in entry.get("content") or [] if c.get("value")]
        body = max(contents, key=len) if contents else str(entry.get("summary") or "")
        text = _html_to_text(body) if body.strip() else str(entry.get("title") or "")  # a headline is news too
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


# "<!ENTITY" as ASCII-compatible bytes and in the UTF-16 and UTF-32 byte orders XML parsers also accept.
_ENTITY_DECLARATIONS = tuple(
    "<!entity".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def refuse_entity_declarations(data: bytes, origin: str) -> None:
    """Refuse markup that declares XML entities: no news page or feed needs one, and they are how
    entity-expansion ("billion laughs") and external-entity (XXE) attacks work. As defusedxml does, the
    document is refused rather than read with its entities left unexpanded."""
    lowered = data.lower()
    if any(pattern in lowered for pattern in _ENTITY_DECLARATIONS):
        raise InputError(
            origin, "refused: the document declares XML entities (<!ENTITY), as entity-expansion and "
            "external-entity attacks do"
        )


_BAD_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));?")


def _replace_reference(match: re.Match[bytes]) -> bytes:
    """A numeric character reference as it stands, or U+FFFD's when it names no character that text may hold
    (feedparser's loose parser fails on surrogates and numbers beyond Unicode)."""
    number = int(match[1], 16) if match[1] else int(match[2])
    if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF or (number < 0x20 and number not in (9, 10, 13)):
        return b"&#xFFFD;"
    return match[0]


def read_json(data: bytes, origin: str, settings: Settings) -> Iterator[Item]:
    """A whole-file JSON document: a JSON Feed, one record with "text", or a list of such records."""
    try:
        document = json.loads(decode(data, origin))
    except json.JSONDecodeError as error:
        raise InputError(origin, f"malformed JSON ({error})") from None
    except RecursionError:
        raise InputError(origin, "malformed JSON (nested too deeply)") from None
    if isinstance(document, dict) and "items" in document:
        yield from _read_json_feed(document, origin, settings)
        return
    records = document if isinstance(document, list) else [document]
    if not records:
        raise InputError(origin, "no records in the JSON document (an empty list)")
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


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment from a feed item, paragraphs kept apart."""
    if "<" not in fragment:
        return html.unescape(fragment)
    import lxml.html

    fragment = _NOT_IN_XML.sub("", fragment)  # lxml refuses strings holding them
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

    A malformed line yields an InputError naming the line; the rest of the file is still read. Each line's
    encoding is its own (corpora are often concatenated from several sources); a UTF-16 or UTF-32 file, as
    Windows tools write, is read whole in its encoding.
    """
    seen_any = False
    for number, raw in _bounded_lines(_utf8_lines(stream), settings.max_bytes):
        where = f"{origin}:{number}"
        if raw is None:
            yield InputError(where, f"line longer than {settings.max_bytes:,} bytes, skipped")
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            record = _json_line(raw, where)
        except InputError as error:
            yield error
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


def _json_line(raw: bytes, where: str) -> Any:
    """One JSON Lines record; a line that is not UTF-8 is decoded on its own (Windows-1252, detected)."""
    try:
        try:
            return json.loads(raw)
        except UnicodeDecodeError:
            return json.loads(decode(raw, where))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(where, f"malformed JSON ({error.__class__.__name__}: {str(error)[:80]})") from None
    except RecursionError:
        raise InputError(where, "malformed JSON (nested too deeply)") from None


class _LineSource(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class _Transcoded:
    """A UTF-16 or UTF-32 byte stream read line by line as UTF-8."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._text = io.TextIOWrapper(cast(Any, stream), encoding=encoding, errors="replace", newline="")

    def readline(self, size: int = -1, /) -> bytes:
        return self._text.readline(size).encode("utf-8")


# A JSON text starts with an ASCII character, so the zero bytes around it give a wide encoding without a BOM.
_WIDE_ENCODINGS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 (with its byte order when there is no BOM) from the first four bytes, else None."""
    for bom, encoding in _WIDE_ENCODINGS:
        if head.startswith(bom):
            return encoding
    if len(head) == 4 and head[:3] == b"\x00\x00\x00" and head[3]:
        return "utf-32-be"
    if len(head) == 4 and head[0] and head[1:] == b"\x00\x00\x00":
        return "utf-32-le"
    if len(head) >= 2 and head[0] == 0 and head[1]:
        return "utf-16-be"
    if len(head) >= 2 and head[0] and head[1] == 0:
        return "utf-16-le"
    return None


def _utf8_lines(stream: IO[bytes]) -> _LineSource:
    """The stream itself, or for a UTF-16 or UTF-32 stream (BOM or zero-byte pattern) a UTF-8 view of it."""
    if not stream.seekable():
        return stream
    head = stream.read(4)
    stream.seek(0)
    encoding = _wide_encoding(head)
    return stream if encoding is None else _Transcoded(stream, encoding)


def _bounded_lines(stream: _LineSource, cap: int) -> Iterator[tuple[int, bytes | None]]:
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


def as_utf8(data: bytes) -> bytes:
    """The bytes re-encoded as UTF-8 when they are UTF-16 or UTF-32 (a BOM, or zero bytes beside the first
    character), so that looking for "<" or "{" works; other bytes as they are."""
    encoding = _wide_encoding(data[:4])
    return data if encoding is None else data.decode(encoding, errors="replace").encode("utf-8")


def sniff(data: bytes) -> str:
    """Guess the format of bytes with no file name: html, feed, jsonl or text."""
    data = as_utf8(data)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        try:
            json.loads(data.split(b"\n", 1)[0])
        except (ValueError, RecursionError):
            return "json"  # one document over several lines (or no JSON at all: read_json says why)
        return "json" if head.startswith(b"[") or data.strip().count(b"\n") == 0 else "jsonl"
    if head.startswith(b"<"):
        if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
            return "feed"
        return "html"
    return "text"
