"""The dashboard's pages, rendered on the server (no browser, no model): content, links and escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facta.web import create_app
from tests.web.helpers import TestClient


def test_dashboard_defaults_to_the_most_active_dyad(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "USA → RUS" in page.text and 'id="dyad-chart"' in page.text and 'id="dyad-data"' in page.text
    assert '<script src="/vendor/plotly.min.js">' in page.text
    assert "cdn" not in page.text.lower()


def test_dashboard_table_links_each_period_to_its_events(client: TestClient) -> None:
    page = client.get("/", params={"a": "RUS", "b": "USA", "by": "month", "both_directions": "true"})
    links = re.findall(r'class="period-link" href="([^"]+)"', page.text)
    assert links and all("both_directions=true" in link for link in links)
    first = links[0].replace("&amp;", "&")
    events = client.get(first)
    assert events.status_code == 200 and 'class="event-row"' in events.text


def test_dashboard_with_no_events_for_the_dyad_says_so(client: TestClient) -> None:
    page = client.get("/", params={"a": "BRA", "b": "ARG"})
    assert page.status_code == 200 and "No affirmed events from BRA to ARG" in page.text


def test_dashboard_escapes_what_the_user_typed(client: TestClient) -> None:
    page = client.get("/", params={"a": '<img src=x onerror="alert(1)">', "b": "RUS"})
    assert page.status_code == 200
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page.text


def test_events_page_lists_and_paginates(client: TestClient) -> None:
    page = client.get("/events", params={"source": "USA", "target": "RUS", "limit": 5})
    assert page.status_code == 200
    assert page.text.count('class="event-row"') == 5 and "16 events" in page.text
    assert "next →" in page.text and "previous" not in page.text
    last = client.get("/events", params={"source": "USA", "target": "RUS", "limit": 5, "offset": 15})
    assert last.text.count('class="event-row"') == 1 and "← previous" in last.text


def test_events_page_shows_flags_when_asked(client: TestClient) -> None:
    page = client.get("/events", params={"target": "UKR", "include_flagged": "true"})
    assert 'badge-negated' in page.text and 'badge-hypothetical' in page.text and "attributed: officials" in page.text


def test_article_page_highlights_the_event_and_escapes_the_title(client: TestClient) -> None:
    page = client.get("/articles/desk%2F2018%2Fukr-1", params={"event": 1})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Kyiv &amp; Moscow" in page.text
    marked = dict(re.findall(r'<mark class="hl hl-(source|trigger|target)" data-events="1">([^<]*)</mark>', page.text))
    assert marked == {"source": "Russia", "trigger": "impose", "target": "Ukraine"}
    assert "badge-hypothetical" in page.text and "attributed: officials" in page.text
    assert 'href="/articles/desk%2F2018%2Fukr-1?event=0"' in page.text  # the other events stay a click away


def test_article_page_unknown_article_or_event_is_404(client: TestClient) -> None:
    assert client.get("/articles/nope").status_code == 404
    page = client.get("/articles/wire-000", params={"event": 9})
    assert page.status_code == 404 and "has no event 9" in page.text
    assert client.get("/articles/wire-000", params={"event": -1}).status_code == 422


def test_code_page_form_and_its_errors(client: TestClient) -> None:
    assert 'name="text"' in client.get("/code").text
    bad_date = client.post("/code", data={"text": "Britain expelled diplomats.", "date": "2018-99-01"})
    assert bad_date.status_code == 422 and "not a date" in bad_date.text
    empty = client.post("/code", data={"text": "   ", "date": ""})
    assert empty.status_code == 422 and "no text to code" in empty.text


def test_places_page(client: TestClient) -> None:
    page = client.get("/places")
    assert page.status_code == 200 and "Geneva" in page.text and 'id="places-chart"' in page.text


@pytest.mark.parametrize("path", ["/static/facta.css", "/static/dyad.js", "/static/code.js", "/static/places.js"])
def test_static_files_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert b"plotly.js" in response.content[:200] and len(response.content) > 1_000_000


def test_errors_on_pages_are_pages(client: TestClient) -> None:
    page = client.get("/events", params={"start": "not-a-date"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "start: Input should be a valid date" in page.text
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "<h1>404</h1>" in missing.text


def test_pages_forbid_foreign_scripts_and_framing(client: TestClient) -> None:
    for path in ("/", "/events", "/code", "/no/such/page"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    app = create_app(tmp_path / "new.duckdb", token="")
    try:
        client = TestClient(app)
        page = client.get("/")
        assert page.status_code == 200 and "The store is empty" in page.text and "facta ingest" in page.text
        assert client.get("/events").status_code == 200 and client.get("/places").status_code == 200
        assert client.get("/api/stats").json()["events"] == 0
        assert client.get("/api/dyad", params={"a": "USA", "b": "RUS"}).json()["periods"] == []
    finally:
        app.state.facta.db.close()
