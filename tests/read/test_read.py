"""The reading stage: files, directories, standard input and URLs in; clean Articles or InputErrors out.

Every text here is invented for these tests. No test touches the internet: URLs go to a server on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import socket
import sys
import time
import types
from collections.abc import Mapping, Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from facta.config import Settings
from facta.errors import InputError
from facta.model import Article
from facta.read import read
from facta.read.clean import text_id
from facta.read.urls import _check_address
from tests.read.conftest import LocalServer, redirect, respond

# ---------------------------------------------------------------------------------------------------------------
# Helpers and invented texts
# ---------------------------------------------------------------------------------------------------------------

ACCORD = (
    "Norway and Chile signed a fisheries accord on Tuesday, officials said. "
    "The agreement sets quotas for shared stocks in the South Pacific and creates a joint commission. "
    "Diplomats from both countries said the talks had lasted more than two years."
)
BORDER = (
    "Ghana and Togo agreed on Friday to hold joint patrols along their shared border, a government spokesman said. "
    "The two governments will also exchange intelligence on smuggling networks."
)
LATIN1_STORY = (
    "Talks in Göteborg\n\n"
    "Foreign minister José Müller met his Swedish counterpart in Göteborg on Monday, officials said. "
    "The two sides agreed to resume talks on border security next month."
)
NOT_ENGLISH = {
    "spanish": (
        "El gobierno de Chile firmó un acuerdo de pesca con Noruega el martes, según dijeron los funcionarios "
        "de ambos países en una rueda de prensa en la capital."
    ),
    "german": (
        "Die Regierung in Berlin hat am Dienstag ein neues Abkommen mit Polen unterzeichnet, wie ein Sprecher "
        "des Außenministeriums mitteilte. Die Gespräche sollen im Herbst fortgesetzt werden."
    ),
    "french": (
        "Le ministre des affaires étrangères a rencontré son homologue allemand à Paris mardi pour discuter "
        "de la sécurité aux frontières, selon un communiqué officiel publié dans la soirée."
    ),
}

PAGE = """<!DOCTYPE html>
<html><head><title>Norway and Chile sign fisheries accord</title>
<meta property="article:published_time" content="2024-03-01"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/sport">Sport section</a></li></ul></nav>
<div class="menu">Subscribe to our newsletter today</div>
<article><h1>Norway and Chile sign fisheries accord</h1>
<p>Norway and Chile signed a fisheries accord on Tuesday in Oslo, officials from both governments said after a
closed meeting.</p>
<p>The agreement sets quotas for shared stocks in the South Pacific and creates a joint commission to settle
disputes between fishing fleets.</p>
<p>Chile's foreign minister said the deal would reduce tension with coastal communities that had protested against
foreign trawlers.</p>
<p>Norwegian diplomats said the two countries would meet again in September to review the first year of the
accord.</p>
</article>
<footer>Copyright 2024 Example Daily News. All rights reserved. Contact the footer team.</footer>
</body></html>
"""
NAV_ONLY_PAGE = """<html><head><title>Index</title></head><body>
<nav><ul><li><a href="/a">World</a></li><li><a href="/b">Politics</a></li><li><a href="/c">Business</a></li></ul></nav>
<footer><a href="/about">About us</a></footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Example Wire</title><link>http://news.example/</link><description>World news</description>
<item>
<title>Norway and Chile sign accord</title>
<link>http://news.example/accord</link>
<guid>http://news.example/accord</guid>
<description>Short teaser about the accord.</description>
<content:encoded><![CDATA[<p>Norway and Chile signed a fisheries accord on Tuesday, officials said.</p>
<p>The deal sets quotas for shared stocks and creates a joint commission.</p>]]></content:encoded>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
</item>
<item>
<title>Peace talks stall</title>
<link>http://news.example/talks</link>
<description>Peace talks between Armenia and Azerbaijan stalled on Friday, mediators said.</description>
<pubDate>Fri, 08 Mar 2024 09:00:00 GMT</pubDate>
</item>
</channel>
</rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><id>urn:example:atom</id><updated>2024-03-05T10:00:00Z</updated>
<entry>
<title>Envoys meet on border</title>
<link href="http://news.example/envoys"/>
<id>urn:example:envoys</id>
<published>2024-03-04T10:00:00Z</published>
<updated>2024-03-05T10:00:00Z</updated>
<summary>Envoys from Ghana and Togo met on Monday to discuss border security, a spokesman said.</summary>
</entry>
</feed>
"""
RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://news.example/">
<title>RDF Wire</title><link>http://news.example/</link><description>Regional news</description>
<items><rdf:Seq><rdf:li rdf:resource="http://news.example/ministers"/></rdf:Seq></items>
</channel>
<item rdf:about="http://news.example/ministers">
<title>Ministers meet in La Paz</title>
<link>http://news.example/ministers</link>
<description>The foreign ministers of Peru and Bolivia met in La Paz on Thursday, diplomats said.</description>
<dc:date>2024-02-29</dc:date>
</item>
</rdf:RDF>
"""
EMPTY_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quiet Wire</title><link>http://news.example/</link>
<description>Nothing today</description></channel></rss>
"""
LATIN1_RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Nordic Wire</title><link>http://news.example/</link><description>x</description>
<item><title>Minister visits Göteborg</title><link>http://news.example/goteborg</link>
<description>José Müller visited Göteborg on Monday for talks with Swedish officials, his office said.</description>
</item></channel></rss>
"""


def json_feed(items: Sequence[Mapping[str, object]]) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JSON Wire", "items": items})


JSON_FEED_ITEMS: list[dict[str, object]] = [
    {
        "id": "summit-1",
        "url": "http://news.example/summit",
        "title": "Kenya and Uganda hold summit",
        "content_html": "<p>Leaders of Kenya and Uganda met in Kampala on Monday.</p>"
        "<p>They agreed to open a new border crossing, officials said.</p>",
        "date_published": "2024-03-04T10:00:00Z",
    },
    {
        "id": "ceasefire-2",
        "url": "http://news.example/ceasefire",
        "title": "Ceasefire holds",
        "content_text": "A ceasefire between the two militias held overnight on Sunday, residents said.",
        "date_published": "2024-03-03T08:00:00Z",
    },
]


def collect(*inputs: str | Path, settings: Settings | None = None) -> list[Article | InputError]:
    return list(read([str(i) for i in inputs], settings=settings or Settings()))


def one_article(*inputs: str | Path, settings: Settings | None = None) -> Article:
    items = collect(*inputs, settings=settings)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def one_error(*inputs: str | Path, settings: Settings | None = None) -> InputError:
    items = collect(*inputs, settings=settings)
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items[0]
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(*records: Mapping[str, object] | str) -> str:
    """Lines of JSON Lines: a dict is dumped, a str is written as it stands (for blank or broken lines)."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# ---------------------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------------------


def test_input_error_names_origin_and_reason() -> None:
    error = InputError("wire/today.txt", "empty input")
    assert (error.origin, error.reason, str(error)) == ("wire/today.txt", "empty input", "wire/today.txt: empty input")


# ---------------------------------------------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------------------------------------------


def test_txt_first_line_is_title_when_blank_line_follows(tmp_path: Path) -> None:
    path = write(tmp_path / "accord.txt", "Norway and Chile sign fisheries accord\n\n" + ACCORD + "\n")
    article = one_article(path)
    assert article.title == "Norway and Chile sign fisheries accord"
    assert article.text == ACCORD
    assert article.origin == str(path)


def test_txt_has_no_title_when_no_blank_line_follows_first_line(tmp_path: Path) -> None:
    text = "Norway and Chile sign fisheries accord\n" + ACCORD
    article = one_article(write(tmp_path / "accord.txt", text))
    assert article.title is None
    assert article.text == text


def test_txt_utf8_is_decoded(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "story.txt", LATIN1_STORY.encode("utf-8")))
    assert article.title == "Talks in Göteborg"
    assert "José Müller" in article.text


def test_txt_utf8_bom_is_removed(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + BORDER.encode("utf-8")))
    assert article.text == BORDER
    assert "\ufeff" not in article.text


def test_txt_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "wide.txt", LATIN1_STORY.encode("utf-16")))
    assert article.title == "Talks in Göteborg"
    assert "José Müller met his Swedish counterpart in Göteborg" in article.text
    assert "\ufeff" not in article.text and "\x00" not in article.text


def test_txt_latin1_encoding_is_detected(tmp_path: Path) -> None:
    data = LATIN1_STORY.encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # so the reader must detect the encoding, not assume UTF-8
    article = one_article(write(tmp_path / "latin1.txt", data))
    assert article.title == "Talks in Göteborg"
    assert "José Müller" in article.text
    assert "\ufffd" not in article.text


def test_txt_crlf_line_endings_are_normalised(tmp_path: Path) -> None:
    data = "Fisheries accord signed\r\n\r\nNorway and Chile signed an accord.\r\nOfficials said talks took years.\r\n"
    article = one_article(write(tmp_path / "crlf.txt", data))
    assert article.title == "Fisheries accord signed"
    assert article.text == "Norway and Chile signed an accord.\nOfficials said talks took years."
    assert "\r" not in article.text


def test_txt_empty_file_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    error = one_error(path)
    assert error.origin == str(path)
    assert "empty" in error.reason


def test_txt_whitespace_only_file_is_an_input_error(tmp_path: Path) -> None:
    error = one_error(write(tmp_path / "blank.txt", b"  \n\t \r\n   \n"))
    assert "empty" in error.reason


def test_txt_utf16_whitespace_only_file_is_an_input_error(tmp_path: Path) -> None:
    error = one_error(write(tmp_path / "blank16.txt", "   \n\n  ".encode("utf-16")))
    assert "empty" in error.reason or "no text" in error.reason


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(600), id="png"),
        pytest.param(gzip.compress(ACCORD.encode("utf-8")), id="gzip"),
        pytest.param(random.Random(0).randbytes(4096), id="random"),
    ],
)
def test_txt_binary_content_is_an_input_error(tmp_path: Path, data: bytes) -> None:
    error = one_error(write(tmp_path / "mistake.txt", data))
    assert "binary" in error.reason


@pytest.mark.parametrize("language", sorted(NOT_ENGLISH))
def test_txt_non_english_text_is_an_input_error(tmp_path: Path, language: str) -> None:
    error = one_error(write(tmp_path / f"{language}.txt", NOT_ENGLISH[language]))
    assert "not English" in error.reason


def test_txt_short_headline_passes_the_language_check(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "headline.txt", "Chile recalls envoy"))
    assert article.text == "Chile recalls envoy"


def test_article_id_is_a_stable_hash_of_the_clean_text(tmp_path: Path) -> None:
    first = one_article(write(tmp_path / "a.txt", ACCORD))
    again = one_article(write(tmp_path / "b.txt", ACCORD + "\n\n\n"))  # same clean text, other file
    other = one_article(write(tmp_path / "c.txt", BORDER))
    assert first.id == again.id == text_id(ACCORD)
    assert re.fullmatch(r"[0-9a-f]{16}", first.id)
    assert other.id != first.id


def test_date_setting_sets_the_article_date(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "accord.txt", ACCORD), settings=Settings(date="2019-06-14"))
    assert article.date == "2019-06-14"


def test_txt_has_no_date_without_the_date_setting(tmp_path: Path) -> None:
    assert one_article(write(tmp_path / "accord.txt", ACCORD)).date is None


def test_date_setting_overrides_the_date_a_record_gives(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", jsonl({"text": BORDER, "date": "2018-04-02"}))
    assert one_article(path, settings=Settings(date="2019-06-14")).date == "2019-06-14"


# ---------------------------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------------------------


def test_html_main_text_excludes_navigation_and_footer(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "page.html", PAGE))
    flat = " ".join(article.text.split())
    assert "Norway and Chile signed a fisheries accord on Tuesday in Oslo" in flat
    assert "creates a joint commission to settle disputes between fishing fleets" in flat
    assert "meet again in September to review the first year of the accord" in flat
    for boilerplate in ("World news menu", "Sport section", "Subscribe to our newsletter", "Copyright", "footer team"):
        assert boilerplate not in article.text


def test_html_title_and_date_are_extracted(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "page.htm", PAGE))
    assert article.title == "Norway and Chile sign fisheries accord"
    assert article.date == "2024-03-01"


def test_html_page_without_article_body_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "index.html", NAV_ONLY_PAGE)
    error = one_error(path)
    assert error.origin == str(path)
    assert "no article text" in error.reason


# ---------------------------------------------------------------------------------------------------------------
# Feeds
# ---------------------------------------------------------------------------------------------------------------


def test_rss2_items_become_articles_with_title_link_and_date(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    first, second = collect(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.url, first.date) == (
        "Norway and Chile sign accord", "http://news.example/accord", "2024-03-05")
    assert (second.title, second.url, second.date) == ("Peace talks stall", "http://news.example/talks", "2024-03-08")
    assert (first.origin, second.origin) == (f"{path}#item1", f"{path}#item2")
    assert first.source == second.source == "Example Wire"


def test_rss2_full_content_wins_over_description(tmp_path: Path) -> None:
    first = collect(write(tmp_path / "wire.rss", RSS))[0]
    assert isinstance(first, Article)
    assert "Norway and Chile signed a fisheries accord on Tuesday" in first.text
    assert "creates a joint commission" in first.text
    assert "teaser" not in first.text
    assert "<p>" not in first.text


def test_rss2_item_with_only_description_uses_it(tmp_path: Path) -> None:
    second = collect(write(tmp_path / "wire.rss", RSS))[1]
    assert isinstance(second, Article)
    assert second.text == "Peace talks between Armenia and Azerbaijan stalled on Friday, mediators said."


def test_atom_entry_becomes_an_article(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.atom", ATOM)
    article = one_article(path)
    assert article.text == "Envoys from Ghana and Togo met on Monday to discuss border security, a spokesman said."
    assert (article.title, article.url, article.date) == (
        "Envoys meet on border", "http://news.example/envoys", "2024-03-04")
    assert article.origin == f"{path}#item1"


def test_rss1_rdf_item_becomes_an_article(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.xml", RDF)
    article = one_article(path)
    assert article.text == "The foreign ministers of Peru and Bolivia met in La Paz on Thursday, diplomats said."
    assert (article.title, article.url, article.date) == (
        "Ministers meet in La Paz", "http://news.example/ministers", "2024-02-29")
    assert article.origin == f"{path}#item1"


def test_json_feed_items_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.json", json_feed(JSON_FEED_ITEMS))
    first, second = collect(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert "Leaders of Kenya and Uganda met in Kampala on Monday." in first.text
    assert "open a new border crossing" in first.text
    assert "<p>" not in first.text
    assert (first.title, first.url, first.date, first.id) == (
        "Kenya and Uganda hold summit", "http://news.example/summit", "2024-03-04", "summit-1")
    assert second.text == "A ceasefire between the two militias held overnight on Sunday, residents said."
    assert (second.title, second.url, second.date) == ("Ceasefire holds", "http://news.example/ceasefire", "2024-03-03")
    assert (first.origin, second.origin) == (f"{path}#item1", f"{path}#item2")


@pytest.mark.parametrize(
    ("name", "content"),
    [pytest.param("quiet.rss", EMPTY_RSS, id="rss"), pytest.param("quiet.json", json_feed([]), id="json-feed")],
)
def test_feed_with_no_items_is_an_input_error(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path / name, content)
    error = one_error(path)
    assert error.origin == str(path)
    assert "no items" in error.reason


def test_feed_declared_iso_8859_1_is_decoded(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "nordic.rss", LATIN1_RSS.encode("iso-8859-1")))
    assert article.title == "Minister visits Göteborg"
    assert article.text == "José Müller visited Göteborg on Monday for talks with Swedish officials, his office said."


def test_feed_item_in_another_language_is_an_error_but_others_are_read(tmp_path: Path) -> None:
    items: list[Mapping[str, object]] = [{"id": "es", "content_text": NOT_ENGLISH["spanish"]}, JSON_FEED_ITEMS[1]]
    path = write(tmp_path / "mixed.json", json_feed(items))
    error, article = collect(path)
    assert isinstance(error, InputError) and error.origin == f"{path}#item1" and "not English" in error.reason
    assert isinstance(article, Article) and article.origin == f"{path}#item2"


def test_rss_date_is_the_calendar_date_the_feed_gives(tmp_path: Path) -> None:
    feed = RSS.replace("Tue, 05 Mar 2024 10:00:00 GMT", "Tue, 05 Mar 2024 22:00:00 -0500")
    first = collect(write(tmp_path / "wire.rss", feed))[0]
    assert isinstance(first, Article)
    assert first.date == "2024-03-05"


def test_json_feed_content_html_entities_are_decoded(tmp_path: Path) -> None:
    html = "Talks between Serbia &amp; Kosovo resumed in Brussels on Tuesday, officials said."
    item = {"id": "x", "content_html": html}
    article = one_article(write(tmp_path / "wire.json", json_feed([item])))
    assert article.text == "Talks between Serbia & Kosovo resumed in Brussels on Tuesday, officials said."


def test_json_feed_content_text_is_not_parsed_as_html(tmp_path: Path) -> None:
    text = "The embassy said questions about the talks should go to <press@embassy.example>, a spokesman said."
    article = one_article(write(tmp_path / "wire.json", json_feed([{"id": "x", "content_text": text}])))
    assert article.text == text


def test_json_feed_content_html_script_and_style_are_dropped(tmp_path: Path) -> None:
    html = ("<p>Leaders of Kenya and Uganda met in Kampala on Monday.</p>"
            "<script>var tracker = 1;</script><style>p { color: red }</style>")
    article = one_article(write(tmp_path / "wire.json", json_feed([{"id": "x", "content_html": html}])))
    assert article.text == "Leaders of Kenya and Uganda met in Kampala on Monday."


# ---------------------------------------------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------------------------------------------


def test_jsonl_record_fields_map_to_article(tmp_path: Path) -> None:
    record = {"id": "wire-17", "text": BORDER, "title": "Joint patrols agreed", "date": "2018-04-02",
              "url": "http://news.example/patrols", "source": "Example Wire"}
    path = write(tmp_path / "corpus.jsonl", jsonl(record))
    article = one_article(path)
    assert article == Article(id="wire-17", text=BORDER, title="Joint patrols agreed", date="2018-04-02",
                              url="http://news.example/patrols", source="Example Wire", origin=f"{path}:1")


def test_jsonl_record_without_id_gets_the_text_hash(tmp_path: Path) -> None:
    article = one_article(write(tmp_path / "corpus.jsonl", jsonl({"text": "  " + BORDER + "\n"})))
    assert article.text == BORDER
    assert article.id == text_id(BORDER)


def test_jsonl_malformed_line_is_an_error_naming_the_line_and_later_lines_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl({"text": ACCORD}, '{"text": "Chile recalled', {"text": BORDER}))
    first, error, last = collect(path)
    assert isinstance(first, Article) and first.text == ACCORD
    assert isinstance(error, InputError)
    assert error.origin == f"{path}:2"
    assert error.origin.endswith(":2")
    assert "malformed JSON" in error.reason
    assert isinstance(last, Article) and last.text == BORDER and last.origin == f"{path}:3"


def test_jsonl_record_without_text_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl({"text": ACCORD}, {"title": "Headline only", "id": "h1"}))
    article, error = collect(path)
    assert isinstance(article, Article)
    assert isinstance(error, InputError)
    assert error.origin == f"{path}:2"
    assert "text" in error.reason


def test_jsonl_line_that_is_not_an_object_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl('["a", "list"]', {"text": BORDER}))
    error, article = collect(path)
    assert isinstance(error, InputError) and error.origin == f"{path}:1"
    assert isinstance(article, Article)


def test_jsonl_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl("", {"text": ACCORD}, "   ", "", {"text": BORDER}, ""))
    items = collect(path)
    assert all(isinstance(i, Article) for i in items)
    assert [i.origin for i in items] == [f"{path}:2", f"{path}:5"]  # line numbers count the blank lines


@pytest.mark.parametrize("value", ["2018-04-02", "2018-04-02T10:00:00Z", "2018-04-02T23:30:00-05:00", "April 2, 2018"])
def test_jsonl_dates_normalise_to_iso(tmp_path: Path, value: str) -> None:
    article = one_article(write(tmp_path / "corpus.jsonl", jsonl({"text": BORDER, "date": value})))
    assert article.date == "2018-04-02"


def test_jsonl_unparseable_date_is_none(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl({"text": BORDER, "date": "2018-02-30"}))
    assert one_article(path).date is None


def test_jsonl_relative_date_does_not_depend_on_when_facta_runs(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl({"text": BORDER, "date": "yesterday"}))
    assert one_article(path).date is None


def test_jsonl_line_longer_than_max_bytes_is_skipped_and_next_line_read(tmp_path: Path) -> None:
    long_text = " ".join([BORDER] * 20)
    assert len(long_text) > 2000
    path = write(tmp_path / "corpus.jsonl", jsonl({"text": ACCORD}, {"text": long_text}, {"text": BORDER}))
    first, error, last = collect(path, settings=Settings(max_bytes=2000))
    assert isinstance(first, Article) and first.text == ACCORD
    assert isinstance(error, InputError)
    assert error.origin == f"{path}:2"
    assert "2,000" in error.reason
    assert isinstance(last, Article) and last.text == BORDER and last.origin == f"{path}:3"


def test_jsonl_file_larger_than_max_bytes_is_streamed_line_by_line(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl(*[{"id": str(n), "text": BORDER} for n in range(12)]))
    assert path.stat().st_size > 2000
    items = collect(path, settings=Settings(max_bytes=2000))
    assert [i.id for i in items if isinstance(i, Article)] == [str(n) for n in range(12)]


def test_jsonl_empty_file_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", "\n\n")
    error = one_error(path)
    assert error.origin == str(path) and "empty" in error.reason


def test_jsonl_record_with_non_string_title_does_not_stop_the_run(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", jsonl({"text": ACCORD, "title": 2018}, {"text": BORDER}))
    first, last = collect(path)
    assert isinstance(first, InputError) or first.title == "2018"
    assert isinstance(last, Article) and last.text == BORDER


# ---------------------------------------------------------------------------------------------------------------
# Directories, missing and oversized files
# ---------------------------------------------------------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order_with_known_suffixes_only(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    wanted = [
        write(root / "a.txt", ACCORD),
        write(root / "b.jsonl", jsonl({"text": BORDER})),
        write(root / "m.json", json_feed(JSON_FEED_ITEMS[1:])),
        write(root / "nested" / "deeper" / "c.htm", PAGE),
        write(root / "nested" / "d.html", PAGE),
        write(root / "nested" / "e.rss", RSS),
        write(root / "nested" / "f.atom", ATOM),
        write(root / "nested" / "g.xml", RDF),
        write(root / "z.TXT", BORDER),
    ]
    write(root / "notes.md", ACCORD)
    write(root / "nested" / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(root / "nested" / "report.pdf", b"%PDF-1.4")
    write(root / "no_suffix", ACCORD)
    items = collect(root)
    assert all(isinstance(i, Article) for i in items), items
    origins = [re.sub(r"(:\d+|#item\d+)$", "", i.origin) for i in items]
    assert list(dict.fromkeys(origins)) == [str(p) for p in sorted(wanted)]
    assert origins == sorted(origins, key=Path)


def test_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    root = tmp_path / "nothing"
    root.mkdir()
    error = one_error(root)
    assert error.origin == str(root)
    assert "no readable files" in error.reason


def test_directory_with_only_unknown_suffixes_is_an_input_error(tmp_path: Path) -> None:
    root = tmp_path / "misc"
    write(root / "notes.md", ACCORD)
    write(root / "scan.pdf", b"%PDF-1.4")
    assert "no readable files" in one_error(root).reason


def test_bad_file_in_directory_does_not_stop_the_others(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "a.txt", b"")
    write(root / "b.txt", ACCORD)
    error, article = collect(root)
    assert isinstance(error, InputError) and error.origin == str(root / "a.txt")
    assert isinstance(article, Article) and article.origin == str(root / "b.txt")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"
    error = one_error(path)
    assert error.origin == str(path)
    assert "no such file" in error.reason


def test_file_larger_than_max_bytes_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", " ".join([ACCORD] * 20))
    error = one_error(path, settings=Settings(max_bytes=2000))
    assert error.origin == str(path)
    assert "limit" in error.reason and "2,000" in error.reason


def test_one_failing_input_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", gzip.compress(b"compressed"))
    good = write(tmp_path / "good.txt", ACCORD)
    error, article = collect(bad, good)
    assert isinstance(error, InputError) and error.origin == str(bad)
    assert isinstance(article, Article) and article.origin == str(good)


def test_missing_input_then_good_input(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ACCORD)
    error, article = collect(tmp_path / "missing.txt", good)
    assert isinstance(error, InputError) and "no such file" in error.reason
    assert isinstance(article, Article)


# ---------------------------------------------------------------------------------------------------------------
# Standard input
# ---------------------------------------------------------------------------------------------------------------


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))


def test_stdin_text_becomes_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, ("Fisheries accord signed\n\n" + ACCORD).encode("utf-8"))
    article = one_article("-")
    assert (article.title, article.text, article.origin) == ("Fisheries accord signed", ACCORD, "-")


def test_stdin_json_lines_are_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, jsonl({"id": "s1", "text": ACCORD}, {"id": "s2", "text": BORDER}).encode("utf-8"))
    items = collect("-")
    assert [(i.id, i.origin) for i in items if isinstance(i, Article)] == [("s1", "-:1"), ("s2", "-:2")]


def test_stdin_empty_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"")
    error = one_error("-")
    assert error.origin == "-" and "empty" in error.reason


# ---------------------------------------------------------------------------------------------------------------
# URLs (all on a local server)
# ---------------------------------------------------------------------------------------------------------------

LOCAL = Settings(allow_private_urls=True, url_timeout=5.0)


def test_url_html_page_becomes_an_article(server: LocalServer) -> None:
    server.routes["/news/accord"] = lambda h: respond(h, PAGE.encode("utf-8"))
    url = server.url("/news/accord")
    article = one_article(url, settings=LOCAL)
    assert "Norway and Chile signed a fisheries accord on Tuesday in Oslo" in " ".join(article.text.split())
    assert "Subscribe to our newsletter" not in article.text
    assert (article.title, article.date, article.url, article.origin) == (
        "Norway and Chile sign fisheries accord", "2024-03-01", url, url)


def test_url_rss_feed_items_become_articles(server: LocalServer) -> None:
    server.routes["/feed"] = lambda h: respond(h, RSS.encode("utf-8"), "application/rss+xml; charset=utf-8")
    url = server.url("/feed")
    items = collect(url, settings=LOCAL)
    assert all(isinstance(i, Article) for i in items)
    assert [i.origin for i in items] == [f"{url}#item1", f"{url}#item2"]
    assert [i.url for i in items if isinstance(i, Article)] == ["http://news.example/accord", "http://news.example/talks"]


def test_url_plain_text_becomes_an_article(server: LocalServer) -> None:
    server.routes["/story.txt"] = lambda h: respond(h, ACCORD.encode("utf-8"), "text/plain; charset=utf-8")
    assert one_article(server.url("/story.txt"), settings=LOCAL).text == ACCORD


def test_url_unsupported_content_type_is_an_input_error(server: LocalServer) -> None:
    server.routes["/photo"] = lambda h: respond(h, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    url = server.url("/photo")
    error = one_error(url, settings=LOCAL)
    assert error.origin == url
    assert "unsupported content type" in error.reason and "image/png" in error.reason


def test_url_not_found_is_an_input_error_naming_the_status(server: LocalServer) -> None:
    url = server.url("/gone")
    error = one_error(url, settings=LOCAL)
    assert error.origin == url
    assert "404" in error.reason


def test_url_body_over_max_bytes_is_an_input_error(server: LocalServer) -> None:
    body = PAGE.encode("utf-8") * 3
    server.routes["/big"] = lambda h: respond(h, body)
    error = one_error(server.url("/big"), settings=Settings(allow_private_urls=True, max_bytes=2000))
    assert "limit" in error.reason and "2,000" in error.reason


def test_url_body_over_max_bytes_without_content_length_is_an_input_error(server: LocalServer) -> None:
    body = PAGE.encode("utf-8") * 3
    server.routes["/big"] = lambda h: respond(h, body, length=False)
    error = one_error(server.url("/big"), settings=Settings(allow_private_urls=True, max_bytes=2000))
    assert "limit" in error.reason


def test_url_slow_server_times_out(server: LocalServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        server.stop.wait(10)  # far longer than the timeout; released when the test ends
        respond(handler, PAGE.encode("utf-8"))

    server.routes["/slow"] = slow
    started = time.monotonic()
    error = one_error(server.url("/slow"), settings=Settings(allow_private_urls=True, url_timeout=0.5))
    assert "timed out" in error.reason
    assert time.monotonic() - started < 4


def test_url_timeout_bounds_the_whole_download(server: LocalServer) -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        for _ in range(8):
            handler.wfile.write(b"Talks resumed in Geneva. ")
            handler.wfile.flush()
            if server.stop.wait(0.25):
                return

    server.routes["/trickle"] = trickle
    started = time.monotonic()
    items = collect(server.url("/trickle"), settings=Settings(allow_private_urls=True, url_timeout=0.5))
    assert time.monotonic() - started < 1.5
    assert len(items) == 1 and isinstance(items[0], InputError) and "timed out" in items[0].reason


def test_url_declared_charset_is_used(server: LocalServer) -> None:
    text = "The envoy met President Müller in Zürich on Friday, officials said. Talks will resume in the spring."
    server.routes["/latin1"] = lambda h: respond(h, text.encode("iso-8859-1"), "text/plain; charset=iso-8859-1")
    assert one_article(server.url("/latin1"), settings=LOCAL).text == text


def test_url_redirect_chain_is_followed(server: LocalServer) -> None:
    server.routes["/old"] = lambda h: redirect(h, "/moved")
    server.routes["/moved"] = lambda h: redirect(h, server.url("/news/accord"), status=301)
    server.routes["/news/accord"] = lambda h: respond(h, PAGE.encode("utf-8"))
    url = server.url("/old")
    article = one_article(url, settings=LOCAL)
    assert "Norway and Chile signed a fisheries accord" in article.text
    assert article.origin == url
    assert article.url == server.url("/news/accord")
    assert server.hits == ["/old", "/moved", "/news/accord"]


def test_url_redirect_loop_is_an_input_error(server: LocalServer) -> None:
    server.routes["/loop"] = lambda h: redirect(h, "/loop")
    error = one_error(server.url("/loop"), settings=LOCAL)
    assert "redirects" in error.reason


def test_private_url_is_refused_by_default(server: LocalServer) -> None:
    server.routes["/news/accord"] = lambda h: respond(h, PAGE.encode("utf-8"))
    url = server.url("/news/accord")
    error = one_error(url)
    assert error.origin == url
    assert "private" in error.reason
    assert server.hits == []  # refused before any request is sent


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.169.254", "127.0.0.1", "[::1]", "192.168.1.20"])
def test_check_address_refuses_private_addresses(host: str) -> None:
    with pytest.raises(InputError, match="private") as caught:
        _check_address(f"http://{host}/latest/meta-data/", "http://news.example/start", Settings())
    assert caught.value.origin == "http://news.example/start"


def test_check_address_allows_private_addresses_when_asked() -> None:
    _check_address("http://10.0.0.1/page", "http://10.0.0.1/page", Settings(allow_private_urls=True))


def test_check_address_accepts_a_public_address() -> None:
    _check_address("https://93.184.216.34/world", "https://93.184.216.34/world", Settings())


@pytest.mark.parametrize("url", ["file:///etc/hosts", "ftp://news.example/x", "http:///nohost"])
def test_check_address_refuses_non_http_urls(url: str) -> None:
    with pytest.raises(InputError, match="not an http"):
        _check_address(url, url, Settings(allow_private_urls=True))


def test_redirect_from_public_host_to_private_address_is_refused(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'localhost' is made to look public to the address check only; its redirect to 127.0.0.1 must be refused."""
    real = socket.getaddrinfo

    def pretend_public(host: str, port: object, *args: object, **kwargs: object) -> object:
        if host == "localhost":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("93.184.216.34", 80))]
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    fake_socket = types.SimpleNamespace(getaddrinfo=pretend_public, gaierror=socket.gaierror,
                                        IPPROTO_TCP=socket.IPPROTO_TCP)
    monkeypatch.setattr("facta.read.urls.socket", fake_socket)
    server.routes["/start"] = lambda h: redirect(h, server.url("/internal"))
    server.routes["/internal"] = lambda h: respond(h, PAGE.encode("utf-8"))
    start = server.url("/start").replace("127.0.0.1", "localhost")
    error = one_error(start)
    assert error.origin == start
    assert "private" in error.reason
    assert server.hits == ["/start"]  # the private address was never fetched


# ---------------------------------------------------------------------------------------------------------------
# Hostile and unusual input (the reader half of tests/test_reliability.py, fast)
# ---------------------------------------------------------------------------------------------------------------


def test_latin1_text_with_only_a_few_accents_is_read_as_latin1(tmp_path: Path) -> None:
    """Charset detection alone reads this as a Baltic DOS code page ("Josķ M³ller")."""
    text = "The envoy José Müller of France condemned Iran on Monday, officials said in Zürich. Talks resume soon."
    assert one_article(write(tmp_path / "latin1.txt", text.encode("latin-1"))).text == text


def test_utf8_with_one_broken_byte_stays_utf8(tmp_path: Path) -> None:
    data = LATIN1_STORY.encode("utf-8").replace(b"Swedish", b"Swe\xffdish")
    article = one_article(write(tmp_path / "damaged.txt", data))
    assert "José Müller met his Swe\ufffddish counterpart in Göteborg" in article.text


def test_jsonl_lines_in_different_encodings_are_each_decoded(tmp_path: Path) -> None:
    story = "Foreign minister José Müller met his Swedish counterpart in Göteborg on Monday, officials said."
    data = (json.dumps({"id": "a", "text": story}, ensure_ascii=False).encode("utf-8") + b"\n"
            + json.dumps({"id": "b", "text": story}, ensure_ascii=False).encode("cp1252") + b"\n")
    items = collect(write(tmp_path / "corpus.jsonl", data))
    assert [(i.id, i.text) for i in items if isinstance(i, Article)] == [("a", story), ("b", story)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_jsonl_file_in_a_wide_encoding_is_read(tmp_path: Path, encoding: str) -> None:
    data = jsonl({"id": "a", "text": ACCORD}, {"id": "b", "text": LATIN1_STORY}).encode(encoding)
    items = collect(write(tmp_path / "corpus.jsonl", data))
    assert [(i.id, i.text) for i in items if isinstance(i, Article)] == [
        ("a", ACCORD), ("b", LATIN1_STORY.split("\n\n", 1)[0] + "\n\n" + LATIN1_STORY.split("\n\n", 1)[1]),
    ]


def test_text_over_the_character_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    error = one_error(write(tmp_path / "long.txt", ACCORD + " " + BORDER), settings=Settings(max_chars=300))
    assert "over the 300-character limit" in error.reason


def test_json_document_with_no_records_is_an_input_error(tmp_path: Path) -> None:
    assert "no records" in one_error(write(tmp_path / "nothing.json", "[]")).reason


def test_json_nested_too_deeply_is_an_input_error(tmp_path: Path) -> None:
    assert "nested too deeply" in one_error(write(tmp_path / "deep.json", "[" * 100_000)).reason


def test_control_characters_and_lone_surrogates_do_not_reach_the_article(tmp_path: Path) -> None:
    record = '{"id": "x\\udc00", "text": "Norway and Chile signed \\u001b[31man accord\\ud800 on Tuesday."}\n'
    article = one_article(write(tmp_path / "corpus.jsonl", record))
    assert article.text == "Norway and Chile signed [31man accord\ufffd on Tuesday."
    assert article.id == "x\ufffd"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32-be"])
@pytest.mark.parametrize("suffix", [".rss", ".xml", ".html"])
def test_markup_declaring_xml_entities_is_refused(tmp_path: Path, suffix: str, encoding: str) -> None:
    document = RSS.replace("accord", "&word;").replace("<rss", '<!DOCTYPE rss [<!ENTITY word "accord">]>\n<rss', 1)
    error = one_error(write(tmp_path / f"feed{suffix}", document.encode(encoding)))
    assert "declares XML entities" in error.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_feed_in_a_wide_encoding_is_read_as_a_feed(tmp_path: Path, encoding: str) -> None:
    items = collect(write(tmp_path / "wide.rss", RSS.replace('encoding="UTF-8"', f'encoding="{encoding}"').encode(
        encoding)))
    assert items and all(isinstance(i, Article) and "<" not in i.text for i in items), items


def test_url_dripping_its_headers_still_times_out(server: LocalServer) -> None:
    def drip(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
        for _ in range(100):  # a byte every 0.1 s: each read is quick, the whole never ends
            if server.stop.wait(0.1):
                return
            handler.wfile.write(b"a")
            handler.wfile.flush()

    server.routes["/drip"] = drip
    started = time.monotonic()
    error = one_error(server.url("/drip"), settings=Settings(allow_private_urls=True, url_timeout=0.5))
    assert "timed out" in error.reason
    assert time.monotonic() - started < 3
