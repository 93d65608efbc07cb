"""Property tests: arbitrary and half-broken input through every reader and through the coder.

Readers (text, HTML, JSON, JSON Lines, feeds, and ``facta.read.read`` on files of every suffix) may only yield
Articles and InputErrors or raise InputError -- never anything else -- and what they yield is clean. The coder,
given text mixing news words with random characters, gives events whose spans lie inside the article text and
name what they say, with valid CAMEO codes. Hypothesis keeps no example database here (``database=None``), so
a run leaves nothing in the checkout.
"""

from __future__ import annotations

import html
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date as Date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from facta.config import Settings
from facta.errors import InputError
from facta.model import MODALITIES, Article
from facta.ontology import load_ontology
from facta.read import read
from facta.read.clean import normalise
from facta.read.formats import Item, read_feed, read_html, read_json, read_jsonl, read_text

# feedparser warns about its own date-key fallback on every entry without a publication date
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")
SETTINGS = Settings()
ORIGIN = "fuzz/input"
READERS = settings(max_examples=100, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# ---------------------------------------------------------------------------------------------------------------
# Strategies: news words mixed with random characters, then markup, feeds and JSON built around them
# ---------------------------------------------------------------------------------------------------------------

NEWS_WORDS = [
    "France", "Iran", "the United States", "Russia", "Britain", "China", "Kenya", "Ghana", "South Korea", "Japan",
    "NATO", "the European Union", "the Kremlin", "Washington", "President", "Foreign Minister", "troops",
    "diplomats", "rebels", "the government", "the army", "expelled", "condemned", "met", "met with", "said",
    "did not", "never", "will", "could", "refused to", "urged", "accused", "praised", "imposed sanctions on",
    "attacked", "signed an agreement with", "visited", "talks", "with", "on Monday", "last week", "in Geneva",
    "according to", "the", "and", "of", "not", "he", "she", "it", "they", "his", "its", "in August", "2019",
]
ODD_PIECES = [
    ".", ",", ";", ":", "!", "?", "'s", '"', "“", "”", "(", ")", "—", "-", "\n", "\n\n", " ", "\u00a0", "\t",
    "\u200b", "\ufeff", "e\u0301", "\u202e", "\x00", "\r", "\ufffd", "😀", "İ", "ß", "ﬁ", "Ⅻ", "&", "<", ">",
    "\ud800", "\udfff", "\x1b[31m", "\x85", "\u2028",
]
piece = st.one_of(
    st.sampled_from(NEWS_WORDS), st.sampled_from(NEWS_WORDS), st.sampled_from(ODD_PIECES), st.text(max_size=6)
)
news_text = st.lists(st.tuples(piece, st.sampled_from([" ", " ", "", "  ", "\n"])), max_size=50).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)
ACTORS = ["France", "Iran", "the United States", "Russia", "Britain", "China", "Kenya", "South Korea", "NATO",
          "the European Union", "the Kremlin", "Russian diplomats", "Chinese troops", "President Ruto", "rebels",
          "the government", "he", "they", "Japan and India", "the army of Ghana", "Foreign Minister Ana Ortiz"]
VERBS = ["expelled", "condemned", "met", "met with", "accused", "praised", "imposed sanctions on", "attacked",
         "signed an agreement with", "visited", "urged", "threatened", "criticised", "held talks with", "said"]
MODALITY = ["", "", "did not", "never", "will", "could", "refused to", "plans to", "denied that it", "may"]
TAILS = ["", "on Monday", "last week", "in Geneva", "over the dispute", "to release the prisoners", "in August",
         "according to the BBC", "officials said", "in 2019"]
noise = st.lists(st.one_of(st.sampled_from(ODD_PIECES), st.text(max_size=4)), max_size=3).map(" ".join)
clause = st.tuples(noise, st.sampled_from(ACTORS), st.sampled_from(MODALITY), st.sampled_from(VERBS),
                   st.sampled_from(ACTORS), st.sampled_from(TAILS), st.sampled_from([".", ",", "", ";", "!", "\n"]),
                   noise).map(lambda parts: " ".join(p for p in parts if p))
coder_text = st.lists(st.one_of(clause, clause, news_text), min_size=1, max_size=4).map(" ".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251",
             "shift_jis"]


def encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(text, st.sampled_from(ENCODINGS)).map(lambda t: t[0].encode(t[1], errors="replace"))


def utf8(text: str) -> bytes:
    """UTF-8, with any lone surrogate written as its three bytes: invalid UTF-8 that real files do hold."""
    return text.encode("utf-8", errors="surrogatepass")


any_bytes = st.one_of(st.binary(max_size=3000), encoded(news_text), encoded(st.text(max_size=300)))

TAGS = ["p", "div", "article", "main", "nav", "footer", "header", "script", "style", "h1", "span", "a", "br",
        "table", "td", "li", "title", "head", "body", "html", "iframe", "svg", "template", "noscript", "time"]
ATTRIBUTES = [
    "", ' class="article-body"', ' charset="utf-16"', ' http-equiv="Content-Type" content="text/html; charset=x-no"',
    ' lang="de"', ' property="article:published_time" content="2020-13-45"', ' datetime="yesterday"',
    ' href="javascript:alert(1)"', ' style="display:none"', " hidden", ' name="date" content="31/02/2019"',
]
MARKUP_PIECES = ["&amp;", "&nbsp;", "&#0;", "&#x110000;", "&bogus;", "<!-- note -->", "<![CDATA[a <b>]]>",
                 "<?php echo 1; ?>", "<!DOCTYPE html>", "</p>", "<", ">", "<meta charset=utf-32>", "&#xD800;"]


def _element(parts: tuple[str, str, list[str]]) -> str:
    tag, attributes, children = parts
    return f"<{tag}{attributes}>{''.join(children)}</{tag}>"


html_fragment = st.recursive(
    st.one_of(news_text.map(html.escape), news_text, st.sampled_from(MARKUP_PIECES)),
    lambda inner: st.tuples(st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), st.lists(inner, max_size=5)).map(
        _element),
    max_leaves=25,
)
html_page = st.one_of(
    html_fragment,
    st.tuples(html_fragment, html_fragment).map(lambda p: f"<html><head>{p[0]}</head><body>{p[1]}</body></html>"),
)

FEED_DATES = ["Mon, 02 Apr 2018 10:00:00 GMT", "2018-04-02T10:00:00Z", "Tue, 31 Feb 2019 25:61:00 +9999",
              "0000-00-00", "yesterday", "", "99999999999999999999", "2018-04-02T10:00:00+25:00"]
feed_text = st.one_of(news_text.map(html.escape), news_text, html_fragment.map(lambda f: f"<![CDATA[{f}]]>"),
                      html_fragment.map(html.escape))
feed_date = st.one_of(st.sampled_from(FEED_DATES), st.text(max_size=30).map(html.escape))


def _rss(parts: tuple[str, str, list[tuple[str, str, str, str]]]) -> str:
    encoding, title, items = parts
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description><pubDate>{when}</pubDate></item>"
        for t, d, when, link in items
    )
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{title}</title>'
            f"{body}</channel></rss>")


def _atom(parts: tuple[str, list[tuple[str, str, str, str]]]) -> str:
    title, entries = parts
    body = "".join(
        f'<entry><title>{t}</title><id>{link}</id><updated>{when}</updated><content type="html">{d}</content>'
        f"<summary>{t}</summary></entry>"
        for t, d, when, link in entries
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{body}</feed>'


feed_item = st.tuples(feed_text, feed_text, feed_date, st.text(max_size=20).map(html.escape))
feed_document = st.one_of(
    st.tuples(st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "bogus"]), feed_text,
              st.lists(feed_item, max_size=4)).map(_rss),
    st.tuples(feed_text, st.lists(feed_item, max_size=4)).map(_atom),
)
feed_bytes = st.one_of(
    feed_document.map(utf8),
    st.tuples(feed_document, st.integers(0, 400)).map(lambda t: utf8(t[0])[: t[1]]),
    encoded(feed_document),
)

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30), news_text)
json_value = st.recursive(
    json_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)
record = st.fixed_dictionaries({}, optional={
    "id": json_value, "text": st.one_of(news_text, json_value), "title": json_value,
    "date": st.one_of(feed_date, json_value), "url": json_value, "source": json_value,
})
json_feed = st.fixed_dictionaries({"items": st.one_of(json_value, st.lists(st.one_of(
    st.fixed_dictionaries({}, optional={
        "id": json_value, "url": json_value, "title": json_value, "content_html": st.one_of(html_fragment, json_value),
        "content_text": st.one_of(news_text, json_value), "summary": json_value, "date_published": feed_date,
    }),
    json_value,
), max_size=4))}, optional={"version": json_value, "title": json_value})
json_document = st.one_of(record, st.lists(record, max_size=4), json_feed, json_value)
json_bytes = st.one_of(
    json_document.map(lambda d: json.dumps(d).encode()),
    st.tuples(json_document, st.integers(0, 200)).map(lambda t: json.dumps(t[0]).encode()[: t[1]]),
    encoded(json_document.map(lambda d: json.dumps(d, ensure_ascii=False))),
)
jsonl_line = st.one_of(
    record.map(lambda r: json.dumps(r).encode()),
    st.tuples(record, st.sampled_from(ENCODINGS)).map(
        lambda t: json.dumps(t[0], ensure_ascii=False).encode(t[1], errors="replace")),
    json_value.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=60),
    st.text(max_size=40).map(lambda t: t.encode()),
)
jsonl_bytes = st.one_of(
    st.tuples(st.lists(jsonl_line, max_size=6), st.sampled_from([b"\n", b"\r\n", b"\n\n"])).map(
        lambda t: t[1].join(t[0])),
    encoded(st.lists(record.map(lambda r: json.dumps(r, ensure_ascii=False)), max_size=4).map("\n".join)),
)

# ---------------------------------------------------------------------------------------------------------------
# What every reader must give
# ---------------------------------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def collected(items: Callable[[], Iterable[Item]]) -> list[Item]:
    """Every item a reader yields, with an InputError it raises as the last one; any other exception escapes."""
    found: list[Item] = []
    try:
        found.extend(items())
    except InputError as error:
        found.append(error)
    return found


def check_items(items: list[Item], origin: str = ORIGIN) -> None:
    for item in items:
        if isinstance(item, InputError):
            assert item.origin.startswith(origin)
            assert item.reason.strip() and "\n" not in str(item) and "\r" not in str(item), repr(str(item))
            continue
        assert isinstance(item, Article), type(item)
        assert item.text and item.text == normalise(item.text)  # clean: nothing left to normalise
        assert len(item.text) <= SETTINGS.max_chars
        assert isinstance(item.id, str) and item.id
        assert item.origin.startswith(origin)
        for value in (item.id, item.text, item.title, item.url, item.source):  # writable: no lone surrogates
            assert value is None or value.encode("utf-8")
        assert item.title is None or (isinstance(item.title, str) and item.title == normalise(item.title))
        if item.date is not None:
            assert ISO_DATE.fullmatch(item.date), item.date
            Date.fromisoformat(item.date)


@READERS
@given(data=any_bytes)
def test_text_reader_takes_any_bytes(data: bytes) -> None:
    check_items(collected(lambda: read_text(data, ORIGIN, SETTINGS)))


@READERS
@given(data=st.one_of(html_page.map(utf8), encoded(html_page), any_bytes))
@example(data=b"<svg><p></p><p></p></svg>")  # htmldate: an assertion about the tree
def test_html_reader_takes_any_markup(data: bytes) -> None:
    check_items(collected(lambda: read_html(data, ORIGIN, SETTINGS)))


RSS_ITEM = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title><item><title>'
            b"Talks</title><description>%s</description><pubDate>%s</pubDate></item></channel></rss>")


@READERS
@given(data=st.one_of(feed_bytes, any_bytes))
# Inputs that once escaped as exceptions (found by this test and by benchmarks/fuzz_readers.py), kept as examples.
@example(data=b"<a<&#xD800;")  # feedparser: a character reference to a surrogate
@example(data=RSS_ITEM % (b"<![CDATA[<p>&#x110000;</p>]]>", b"Mon, 02 Apr 2018 10:00:00 GMT"))  # beyond Unicode
@example(data=RSS_ITEM % (b"<![CDATA[<p></p>\x1f </p>]]>", b"Mon, 02 Apr 2018 10:00:00 GMT"))  # lxml: a control
@example(data=RSS_ITEM % (b"Kenya met Ghana.", b"0000-00-00"))  # feedparser: year -1
@example(data=b"<feed xmlns='http:\x01\x00//www.w3.org/2005/Atom'><title>Wire</title><entry><title>Talk\x95\xc3\xd0"
              b"\x8bitle><id~urn:1</id><updated>2021-05-04T10:00:00Z</updated><content typ7e='html'>&lt;p&gt;Kenya "
              b"met Ghana in Na;robi.&lt;/p&gt;</content></entry></feed>")  # feedparser: summary None
def test_feed_reader_takes_any_feed(data: bytes) -> None:
    check_items(collected(lambda: read_feed(data, ORIGIN, SETTINGS)))


@READERS
@given(data=st.one_of(json_bytes, any_bytes))
@example(data=b"[" * 100_000)  # json: RecursionError
@example(data=b"[]")  # nothing, and no error saying so
@example(data=b'{"text": "France condemned Iran on Monday \\ud800."}')  # a lone surrogate, unwritable as UTF-8
def test_json_reader_takes_any_document(data: bytes) -> None:
    check_items(collected(lambda: read_json(data, ORIGIN, SETTINGS)))


@READERS
@given(data=st.one_of(jsonl_bytes, any_bytes))
def test_jsonl_reader_takes_any_lines(data: bytes) -> None:
    items = collected(lambda: read_jsonl(io.BytesIO(data), ORIGIN, SETTINGS))
    check_items(items)
    assert items  # every input gives something: articles, or at least an error saying why not


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="facta-fuzz-") as folder:
        yield Path(folder)


@READERS
@given(
    suffix=st.sampled_from([".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".json", ".jsonl", ".dat", ""]),
    data=st.one_of(any_bytes, html_page.map(utf8), feed_bytes, json_bytes, jsonl_bytes),
)
def test_read_takes_any_file(scratch: Path, suffix: str, data: bytes) -> None:
    path = scratch / f"input{suffix}"
    path.write_bytes(data)
    items = list(read([str(path)], settings=SETTINGS))  # read() itself turns every failure into an item
    check_items(items, origin=str(path))
    assert items


# ---------------------------------------------------------------------------------------------------------------
# The coder, with the real model
# ---------------------------------------------------------------------------------------------------------------


def occurrences(text: str, part: str) -> Iterator[int]:
    start = text.find(part)
    while start != -1:
        yield start
        start = text.find(part, start + 1)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=coder_text)
def test_coded_events_have_spans_inside_the_text_and_valid_cameo_codes(text: str) -> None:
    from facta.pipeline import code_articles

    clean = normalise(text)
    assume(clean)
    article = Article(id="fuzz", text=clean, date="2021-06-15", origin=ORIGIN)
    (coded,) = code_articles([article], settings=SETTINGS)
    ontology = load_ontology()
    for event in coded.events:
        assert event.article_id == "fuzz"
        assert event.code in ontology, event.code
        entry = ontology[event.code]
        assert (event.root, event.quad_class, event.goldstein) == (entry.root, entry.quad_class, entry.goldstein)
        assert event.modality in MODALITIES and isinstance(event.negated, bool)
        assert 0.05 <= event.confidence <= 0.99
        assert event.date is None or ISO_DATE.fullmatch(event.date)
        evidence = event.evidence
        start, end = evidence.trigger_span
        assert 0 <= start < end <= len(clean)
        assert clean[start:end] == evidence.trigger
        # The trigger lies inside (one occurrence of) the sentence the event names.
        assert event.sentence and any(o <= start and end <= o + len(event.sentence)
                                      for o in occurrences(clean, event.sentence)), (event.sentence, start)
        for actor, span in ((event.source, evidence.source_span), (event.target, evidence.target_span)):
            if span is None:
                continue
            assert 0 <= span[0] < span[1] <= len(clean), span
            assert actor is not None and actor.span == span
            assert clean[span[0]:span[1]] == actor.text, (clean[span[0]:span[1]], actor.text)
