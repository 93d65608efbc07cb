"""The REST API over a store of our own articles (no model): every endpoint, its filters and its 4xx answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI

from facta.model import Event
from facta.web import create_app
from tests.web.corpus import corpus
from tests.web.helpers import TestClient, stored

EXPECTED = {"articles": 25, "sentences": 33, "events": 33, "clusters": 31}


def test_health_says_writable_without_token_and_model_not_yet_loaded(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["writable"] is True and body["token_required"] is False
    assert body["model"] == "not loaded"


def test_stats_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert {k: body[k] for k in EXPECTED} == EXPECTED
    assert body["flagged_events"] == 2 and body["affirmed_events"] == 31
    assert body["first_date"] == "2018-01-08" and body["outlets"] == 3
    assert sum(body["quad_classes"].values()) == 31


def test_events_are_the_stored_records_exactly(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 500}).json()
    expected = {(e.article_id, e.sentence_index): e.to_dict() for _, events in corpus() for e in events}
    assert body["total"] == 31 == len(body["events"])
    for record in body["events"]:
        assert record == expected[(record["article_id"], record["sentence_index"])]
        assert Event.from_dict(record).to_dict() == record


def test_events_paginate_with_a_total(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 10}).json()
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    last = client.get("/api/events", params={"limit": 10, "offset": 30}).json()
    assert first["total"] == second["total"] == last["total"] == 31
    assert len(first["events"]) == 10 and len(last["events"]) == 1
    keys = {(e["article_id"], e["sentence_index"]) for e in first["events"] + second["events"]}
    assert len(keys) == 20
    dates = [e["date"] for e in first["events"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize(("params", "total"), [
    ({"dyad": "USA,RUS"}, 16),
    ({"source": "USA", "target": "RUS"}, 16),
    ({"dyad": "USA,RUS", "both_directions": "true"}, 21),
    ({"source": "USAGOV"}, 16),
    ({"source": "Donald Trump"}, 6),
    ({"target": "UKR"}, 4),
    ({"target": "UKR", "include_flagged": "true"}, 6),
    ({"actor": "UKR"}, 5),
    ({"actor": "ukrgov"}, 5),
    ({"actor": "Donald Trump"}, 6),
    ({"code": "17"}, 4),
    ({"code": "174"}, 4),
    ({"root": "05"}, 10),
    ({"quad_class": 4}, 8),
    ({"start": "2018-03-01", "end": "2018-03-31"}, 5),
    ({"q": "GENEVA"}, 4),
    ({"q": "rally", "start": "2018-02-01"}, 5),
    ({"dyad": "CHN,UKR", "code": "04"}, 1),
    ({"dyad": "CHN,UKR", "code": "17"}, 0),
])
def test_events_filters(client: TestClient, params: dict[str, object], total: int) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    assert response.json()["total"] == total


@pytest.mark.parametrize(("params", "message"), [
    ({"limit": 501}, "limit"),
    ({"limit": 0}, "limit"),
    ({"offset": -1}, "offset"),
    ({"start": "2018-02-30"}, "start"),
    ({"end": "yesterday"}, "end"),
    ({"start": "2018-05-01", "end": "2018-04-01"}, "before start"),
    ({"quad_class": 5}, "quad_class"),
    ({"code": "abc"}, "code"),
    ({"root": "1"}, "root"),
    ({"dyad": "USA"}, "two actors"),
    ({"dyad": "USA,RUS", "source": "USA"}, "not both"),
    ({"include_flagged": "perhaps"}, "include_flagged"),
    ({"source": "x" * 101}, "source"),
])
def test_events_reject_bad_parameters_in_one_line(client: TestClient, params: dict[str, object], message: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and message in detail


def test_dyad_series_counts_quad_classes_and_the_gap(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "by": "month"}).json()
    periods = body["periods"]
    assert body["counting"] == "clusters" and [p["period"] for p in periods][:2] == ["2018-01-01", "2018-02-01"]
    assert periods[0]["period_end"] == "2018-01-31" and periods[1]["period_end"] == "2018-02-28"
    for p in periods:
        assert p["words"] == p["verbal_coop"] - p["verbal_conflict"]
        assert p["deeds"] == p["material_coop"] - p["material_conflict"]
        assert p["gap"] == p["words"] - p["deeds"]
    total = sum(p[k] for p in periods for k in ("verbal_coop", "material_coop", "verbal_conflict",
                                                 "material_conflict"))
    assert total == 16


def test_dyad_options(client: TestClient) -> None:
    year = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "by": "year"}).json()["periods"]
    assert len(year) == 1 and year[0]["period_end"] == "2018-12-31" and year[0]["n_events"] == 16
    both = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "by": "year", "both_directions": True}).json()
    assert both["periods"][0]["n_events"] == 21
    split = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "by": "year", "by_actor": True}).json()
    assert {p["actor"]: p["n_events"] for p in split["periods"]} == {"Donald Trump": 6, "rest": 10}
    window = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "start": "2018-03-01", "end": "2018-03-31"})
    assert [p["period"] for p in window.json()["periods"]] == ["2018-03-01"]
    week = client.get("/api/dyad", params={"a": "USA", "b": "RUS", "by": "week"}).json()["periods"]
    assert all(p["period_end"] > p["period"] for p in week)
    assert client.get("/api/dyad", params={"a": "NOWHERE", "b": "RUS"}).json()["periods"] == []


@pytest.mark.parametrize("params", [
    {"a": "USA"}, {"a": "USA", "b": "RUS", "by": "decade"}, {"a": "USA", "b": "RUS", "start": "2018-1-1x"},
    {"a": "", "b": "RUS"}, {"a": "USA", "b": "RUS", "start": "2019-01-01", "end": "2018-01-01"},
])
def test_dyad_rejects_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/dyad", params=params).status_code == 422


def test_top_actors_and_dyads(client: TestClient) -> None:
    body = client.get("/api/top", params={"limit": 3}).json()
    assert body["dyads"][0] == {"source": "USA", "target": "RUS", "events": 16, "mean_goldstein": 0.6}
    assert body["actors"][0]["actor"] == "USAGOV" and len(body["actors"]) == 3
    assert client.get("/api/top", params={"start": "2030-01-01"}).json() == {"actors": [], "dyads": []}
    assert client.get("/api/top", params={"limit": 101}).status_code == 422


def test_article_with_its_events_and_spans(client: TestClient) -> None:
    response = client.get("/api/articles/desk/2018/ukr-1")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "desk/2018/ukr-1" and body["n_events"] == 3 and len(body["sentences"]) == 3
    assert [e["code"] for e in body["events"]] == ["190", "163", "111"]
    for record in body["events"]:
        evidence = record["evidence"]
        start, end = evidence["trigger_span"]
        assert body["text"][start:end] == evidence["trigger"]
        start, end = evidence["source_span"]
        assert body["text"][start:end] == record["source"]["text"]
    assert body["events"][0]["negated"] is True and body["events"][1]["modality"] == "hypothetical"


@pytest.mark.parametrize("path", ["/api/articles/nope", "/api/articles/..%2F..%2Fetc%2Fpasswd",
                                  "/api/articles/%00", "/api/articles/wire-000%27%3B--"])
def test_unknown_article_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no article" in response.json()["detail"]


@pytest.mark.parametrize(("body", "message"), [
    ({}, "exactly one of text or url"),
    ({"text": "Britain expelled diplomats.", "url": "https://news.example/a"}, "exactly one"),
    ({"text": ""}, "text"),
    ({"text": "Britain expelled diplomats.", "date": "2018-02-31"}, "date"),
    ({"text": "Britain expelled diplomats.", "store": "maybe"}, "store"),
    ({"text": "Britain expelled diplomats.", "colour": "red"}, "colour"),
    ({"url": "file:///etc/passwd"}, "url"),
    ({"url": "ftp://news.example/a"}, "url"),
    ({"text": 42}, "text"),
    ({"text": " \n\t \u2003 "}, "no text to code"),
    ({"text": "Britain expelled Russian diplomats. " * 3000}, "over the 100,000-character limit"),
])
def test_code_rejects_bad_bodies(client: TestClient, body: dict[str, object], message: str) -> None:
    response = client.post("/api/code", json=body)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


@pytest.mark.parametrize("raw", [b'{"text": ', b"not json", b'{"text": "a"} trailing', b"\xff\xfe",
                                 b'{"text": "Britain expelled \\ud800 diplomats."}'])
def test_code_malformed_json_is_422(client: TestClient, raw: bytes) -> None:
    response = client.post("/api/code", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith(("malformed JSON", "body", "text"))


def test_code_refuses_a_private_address(client: TestClient) -> None:
    response = client.post("/api/code", json={"url": "http://127.0.0.1:9/story.html"})
    assert response.status_code == 422
    assert "private address" in response.json()["detail"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) >= {
        "/api/health", "/api/stats", "/api/events", "/api/dyad", "/api/top", "/api/articles/{article_id}",
        "/api/code", "/api/places",
    }
    assert "401" in spec["paths"]["/api/code"]["post"]["responses"]


def test_the_docs_page_works_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "https://" not in page.text  # Swagger UI comes from this server
    for asset in ("/vendor/swagger/swagger-ui-bundle.js", "/vendor/swagger/swagger-ui.css"):
        assert asset in page.text
        assert client.get(asset).status_code == 200


def test_places_lists_located_events(client: TestClient) -> None:
    body = client.get("/api/places").json()
    assert [(p["name"], p["events"]) for p in body] == [("Geneva", 4), ("Kyiv", 1)]


# Writes and the token. No model is needed: authorisation is checked before any coding.

@pytest.fixture(scope="module")
def guarded(store: Path) -> TestClient:
    return TestClient(create_app(store, token="s3cret-token"))


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0LXRva2Vu"},
    {"Authorization": "Bearer "}, {"Authorization": "s3cret-token"}, {"Authorization": "Bearer s3cret-token2"},
])
def test_writes_need_the_token(guarded: TestClient, headers: dict[str, str]) -> None:
    response = guarded.post("/api/code", json={"text": "Britain expelled diplomats.", "store": True},
                            headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "token" in response.json()["detail"]


def test_reads_stay_open_with_a_token(guarded: TestClient) -> None:
    assert guarded.get("/api/health").json()["token_required"] is True
    assert guarded.get("/api/events").status_code == 200


def test_token_comes_from_the_environment(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTA_TOKEN", "from-env")
    client = TestClient(create_app(store))
    response = client.post("/api/code", json={"text": "Britain expelled diplomats.", "store": True})
    assert response.status_code == 401


def test_a_read_only_server_answers_writes_with_503(tmp_path: Path) -> None:
    from tests.web.corpus import build_store

    build_store(tmp_path / "ro.duckdb")
    app = create_app(tmp_path / "ro.duckdb", token="t", writable=False)
    try:
        client = TestClient(app)
        assert client.get("/api/health").json()["writable"] is False
        response = client.post("/api/code", json={"text": "Britain expelled diplomats.", "store": True},
                               headers={"Authorization": "Bearer t"})
        assert response.status_code == 503
        assert "writes are off" in response.json()["detail"]
    finally:
        app.state.facta.db.close()


# Request body limits.

@pytest.fixture(scope="module")
def small(store: Path) -> TestClient:
    return TestClient(create_app(store, token="", max_body=2000))


def test_body_over_the_declared_limit_is_413(small: TestClient) -> None:
    response = small.post("/api/code", content=json.dumps({"text": "a" * 5000}),
                          headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"] == "request body over the 2,000-byte limit"


def test_chunked_body_over_the_limit_is_413(small: TestClient) -> None:
    def chunks() -> object:
        yield b'{"text": "'
        for _ in range(50):
            yield b"a" * 100
        yield b'"}'

    response = small.post("/api/code", content=chunks(), headers={"content-type": "application/json"})  # type: ignore[arg-type]
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413
    assert "2,000-byte limit" in response.json()["detail"]


def test_body_under_the_limit_passes(small: TestClient) -> None:
    response = small.post("/api/code", json={"text": "Britain expelled diplomats.", "url": "https://x.example/y"})
    assert response.status_code == 422  # read and validated, not refused for its size


def test_default_limit_is_five_megabytes(client: TestClient) -> None:
    response = client.post("/api/code", content=b"x" * (5 * 1024 * 1024 + 1),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


# Hostile filter values: no effect on the store, and a 4xx or an empty answer.

HOSTILE = ["'; DROP TABLE events;--", "../../etc/passwd", "%00", "\x00", "x\x00'; DELETE FROM articles;--",
           "\" OR 1=1 --", "%' OR '1'='1", "USA'); DROP TABLE articles; --", "<script>alert(1)</script>",
           "\\'; SELECT * FROM meta; --", "*", "_"]
FILTERS = ["source", "target", "actor", "q", "dyad", "code", "root", "quad_class", "start", "end", "limit",
           "offset", "include_flagged", "both_directions"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", FILTERS)
def test_hostile_event_filters_do_nothing(client: TestClient, app: FastAPI, name: str, value: str) -> None:
    response = client.get("/api/events", params={name: value})
    assert response.status_code == 422 or (response.status_code == 200 and response.json()["total"] == 0), (
        response.status_code, response.text[:200])
    assert stored(app) == EXPECTED


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_dyad_top_and_page_parameters_do_nothing(client: TestClient, app: FastAPI, value: str) -> None:
    for params in ({"a": value, "b": "RUS"}, {"a": "USA", "b": value}, {"a": "USA", "b": "RUS", "by": value},
                   {"a": "USA", "b": "RUS", "start": value}):
        response = client.get("/api/dyad", params=params)
        assert response.status_code == 422 or response.json()["periods"] == []
    for params in ({"start": value}, {"end": value}, {"limit": value}):
        assert client.get("/api/top", params=params).status_code == 422
    for page in ("/", "/events", "/places"):
        for params in ({"source": value}, {"a": value, "b": "RUS"}, {"q": value}):
            assert client.get(page, params=params).status_code in (200, 422)
    assert stored(app) == EXPECTED


def test_readme_documents_every_endpoint(app: FastAPI) -> None:
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Web API and dashboard", 1)[1].split("\n## ", 1)[0]
    documented = {re.sub(r"\{[^}]*\}", "{}", m) for m in re.findall(r"`((?:GET|POST) /api/[^`]*)`", section)}
    for route in app.routes:
        path = getattr(route, "path", "")
        for method in getattr(route, "methods", ()) or ():
            if path.startswith("/api/") and method in ("GET", "POST"):
                assert re.sub(r"\{[^}]*\}", "{}", f"{method} {path}") in documented, f"{method} {path}"
