"""Coding through the server with the real model: posted text, a URL on a local server, storing (idempotent),
and the "code this text" page."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi import FastAPI

from facta.config import Settings
from facta.web import create_app
from tests.web.corpus import build_store
from tests.web.helpers import TestClient, stored

pytestmark = pytest.mark.slow

TEXT = ("Britain expelled 23 Russian diplomats on Wednesday. The Kremlin did not condemn the attack, "
        "and Moscow could retaliate, officials said.")
PAGE = b"""<html><head><title>Ministers meet in Vienna</title></head><body><article>
<p>Germany praised France for its support on Tuesday. The two governments signed a trade agreement in Vienna,
and their ministers said they would meet again in the spring to discuss energy and migration.</p>
<p>Officials from both countries described the talks as constructive and said further meetings were planned.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    path = tmp_path_factory.mktemp("coding") / "facta.duckdb"
    build_store(path)
    app = create_app(path, token="let-me-write", settings=Settings(allow_private_urls=True))
    yield app
    app.state.facta.db.close()


@pytest.fixture(scope="module")
def client(writable: FastAPI) -> TestClient:
    return TestClient(writable)


def test_code_text_returns_event_records_with_spans_into_the_text(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": TEXT, "date": "2018-03-16", "title": "Expulsions"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is False and body["articles_added"] == 0
    article = body["articles"][0]
    assert article["title"] == "Expulsions" and article["date"] == "2018-03-16"
    expel = next(e for e in article["events"] if e["code"] == "174")
    assert (expel["source"]["code"], expel["target"]["country"], expel["date"]) == ("GBR", "RUS", "2018-03-14")
    for event in article["events"]:
        start, end = event["evidence"]["trigger_span"]
        assert article["text"][start:end] == event["evidence"]["trigger"]
    assert client.get("/api/health").json()["model"] == "loaded"


def test_code_and_store_is_idempotent(client: TestClient, writable: FastAPI) -> None:
    before = stored(writable)
    auth = {"Authorization": "Bearer let-me-write"}
    first = client.post("/api/code", json={"text": TEXT, "date": "2018-03-16", "store": True}, headers=auth).json()
    assert first["stored"] is True and first["articles_added"] == 1 and first["events_added"] >= 1
    after = stored(writable)
    assert after["articles"] == before["articles"] + 1 and after["events"] == before["events"] + first["events_added"]
    assert after["clusters"] > before["clusters"]
    again = client.post("/api/code", json={"text": TEXT, "date": "2018-03-16", "store": True}, headers=auth).json()
    assert again["articles_added"] == 0 and again["events_added"] == 0 and stored(writable) == after
    article_id = first["articles"][0]["id"]
    saved = client.get(f"/api/articles/{article_id}").json()
    assert saved["events"] == first["articles"][0]["events"]
    assert client.get("/api/events", params={"dyad": "GBR,RUS", "code": "174"}).json()["total"] >= 1


def test_code_a_url_on_a_local_server(client: TestClient) -> None:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/vienna.html"
        response = client.post("/api/code", json={"url": url, "date": "2019-05-07"})
    finally:
        server.shutdown()
    assert response.status_code == 200, response.text
    article = response.json()["articles"][0]
    assert article["url"] == url and "Germany praised France" in article["text"]
    assert any(e["code"] == "051" and (e["source"] or {}).get("country") == "DEU" for e in article["events"])


def test_non_english_text_is_422(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "Der Bundestag hat am Mittwoch ein neues Gesetz über die "
                                                      "Energiewende beschlossen, teilte die Regierung mit."})
    assert response.status_code == 422


def test_code_page_highlights_events_in_place(client: TestClient) -> None:
    page = client.post("/code", data={"text": TEXT, "date": "2018-03-16"})
    assert page.status_code == 200
    triggers = re.findall(r'<mark class="hl hl-trigger" data-events="[0-9 ]+">([^<]*)</mark>', page.text)
    assert "expelled" in triggers
    assert page.text.count('class="coded-event"') >= 2 and "badge-negated" in page.text
