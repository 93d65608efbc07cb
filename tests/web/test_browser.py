"""The dashboard in a real browser (Debian's chromium through Playwright) against uvicorn on loopback: the
dyad chart has data, a click on a bar lists the events behind it, an event opens its article with source, verb
and target highlighted, and the "code this text" page highlights a pasted article. Screenshots of each page go
to artifacts/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI

from facta.web import create_app
from tests.web.helpers import live_server

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def web_app(store: Path) -> Iterator[FastAPI]:
    app = create_app(store, token="")
    yield app
    app.state.facta.db.close()


@pytest.fixture(scope="module")
def base(web_app: FastAPI) -> Iterator[str]:
    with live_server(web_app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    """A page that may reach only the test server: any other request is aborted and makes the test fail."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).netloc == urlsplit(base).netloc:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert outside == [], f"the page tried to reach {outside}"
    assert errors == [], f"JavaScript errors: {errors}"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_dashboard_chart_has_data_and_a_bar_opens_its_events(page: Any, base: str) -> None:
    page.goto(f"{base}/?a=USA&b=RUS&by=month")
    page.wait_for_selector("#dyad-chart .main-svg")
    traces = page.evaluate("document.getElementById('dyad-chart').data.length")
    points = page.evaluate("document.getElementById('dyad-chart').data[0].x.length")
    assert traces >= 6 and points == 6
    assert page.locator("#dyad-chart g.trace.bars path").count() > 0
    shot(page, "dashboard.png")

    # The material-conflict bar of the first month: two expulsions and sanctions in January 2018.
    bar = page.locator("#dyad-chart g.trace.bars").nth(3).locator("path").first
    box = bar.bounding_box()
    assert box is not None and box["height"] > 0
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert "/events?" in page.url and "quad_class=4" in page.url and "start=2018-01-01" in page.url
    rows = page.locator("tr.event-row")
    assert rows.count() == 2
    assert page.locator("h1").first.inner_text().startswith("2 events")
    shot(page, "events.png")

    with page.expect_navigation():
        rows.first.locator("a.event-link").click()
    assert "/articles/" in page.url
    trigger = page.locator(".article-text mark.hl-trigger")
    assert trigger.count() == 1 and trigger.inner_text() in ("expelled", "imposed")
    assert page.locator(".article-text mark.hl-source").inner_text() == "The United States"
    assert page.locator(".article-text mark.hl-target").inner_text() == "Russia"
    assert "material conflict" in page.locator("#event-panel").inner_text()
    shot(page, "article.png")


def test_article_shows_flags_and_escapes_markup(page: Any, base: str) -> None:
    page.goto(f"{base}/articles/desk%2F2018%2Fukr-1?event=1")
    assert page.locator("h1").first.inner_text() == '<script>alert("x")</script> Kyiv & Moscow'
    panel = page.locator("#event-panel").inner_text()
    assert "hypothetical" in panel and "attributed: officials" in panel
    # The other events' triggers are links to them.
    with page.expect_navigation():
        page.locator("a.hl-other").first.click()
    assert page.url.endswith("event=0")
    assert "negated" in page.locator("#event-panel .flags").inner_text()
    shot(page, "article_flags.png")


def test_places_map_has_points(page: Any, base: str) -> None:
    page.goto(f"{base}/places")
    page.wait_for_selector("#places-chart .main-svg")
    assert page.evaluate("document.getElementById('places-chart').data[0].x.length") == 2
    shot(page, "places.png")


@pytest.mark.slow
def test_code_this_text_highlights_the_events(page: Any, base: str) -> None:
    page.goto(f"{base}/code")
    page.fill("#text", "Britain expelled 23 Russian diplomats on Wednesday. The Kremlin did not condemn the "
                       "attack, and Moscow could retaliate against London, officials said.")
    page.fill("#date", "2018-03-16")
    with page.expect_navigation(timeout=120_000):
        page.click("#code-submit")
    assert page.locator("tr.coded-event").count() >= 2
    triggers = page.locator("#coded-text mark.hl-trigger").all_inner_texts()
    assert "expelled" in triggers
    shot(page, "code.png")
    page.locator("tr.coded-event").first.hover()
    assert page.locator("#coded-text mark.in-focus").count() >= 2
    page.locator("tr.coded-event").nth(1).click()
    page.mouse.move(5, 5)
    assert page.locator("#coded-text mark.in-focus").count() >= 1
    shot(page, "code_focus.png")
