"""The dashboard: server-rendered pages over the same queries as the API. The dyad chart, the events behind a
bar, an article with one event's source, trigger and target highlighted, a page that codes a pasted text, and
a map of event places. Templates autoescape everything; charts use the Plotly bundled with the plotly package."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from facta.errors import FactaError, InputError
from facta.web import queries
from facta.web.highlight import marks, segments
from facta.web.params import End, Limit, Offset, OptionalName, Period, Start, check_range, event_filter
from facta.web.queries import EventFilter
from facta.web.state import WebState, web_state

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]

MAX_TEXT = 200_000  # characters on the "code this text" page; the API takes more


# Pages load nothing but their own scripts and styles (Plotly's inline styles included), and are never framed.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code, headers={**PAGE_HEADERS, **(headers or {})}
    )
    return response


def article_url(article_id: str, event: int | None = None) -> str:
    """The dashboard address of an article (ids may hold any character), optionally with an event in focus."""
    url = "/articles/" + quote(article_id, safe="")
    return url if event is None else f"{url}?event={event}"


@router.get("/")
def dashboard(
    request: Request, state: State, a: OptionalName = None, b: OptionalName = None, by: Period = Period.month,
    start: Start = None, end: End = None, both_directions: bool = False, by_actor: bool = False,
    articles: bool = False,
) -> HTMLResponse:
    """Pick two actors and a period: the dyad chart, its table, and the store's most active dyads."""
    check_range(start, end)
    with state.db.cursor() as cursor:
        stats = queries.stats(cursor)
        top = queries.top(cursor, start=start, end=end, limit=8)
        if a is None and b is None and top["dyads"]:
            a, b = top["dyads"][0]["source"], top["dyads"][0]["target"]
        series: list[dict[str, Any]] = []
        if a and b:
            series = queries.dyad(cursor, a, b, by=by.value, start=start, end=end,
                                  both_directions=both_directions, by_actor=by_actor, articles=articles)
        suggestions = queries.known_actors(cursor)
    behind = {"source": a, "target": b, **({"both_directions": "true"} if both_directions else {})}
    chart = {
        "a": a, "b": b, "by": by.value, "by_actor": by_actor, "periods": series,
        "events_url": "/events?" + urlencode({k: v for k, v in behind.items() if v}),
    }
    totals = {key: sum(p[key] for p in series) for key in
              ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "words", "deeds", "gap")}
    return render(request, "dashboard.html", {
        "a": a, "b": b, "by": by.value, "start": start, "end": end, "both_directions": both_directions,
        "by_actor": by_actor, "articles": articles, "stats": stats, "top": top, "series": series,
        "chart": chart, "totals": totals, "suggestions": suggestions, "events_url": chart["events_url"],
    })


@router.get("/events")
def events_page(
    request: Request, state: State, where: Annotated[EventFilter, Depends(event_filter)],
    limit: Limit = 50, offset: Offset = 0,
) -> HTMLResponse:
    """The events behind a number: a filtered, paginated table; each row opens its article."""
    with state.db.cursor() as cursor:
        total, found = queries.events(cursor, where, limit=limit, offset=offset)
    rows = [{"stored": e, "record": e.data(), "url": article_url(e.article_id, e.seq)} for e in found]
    params = {k: v for k, v in request.query_params.items() if k != "offset"}

    def page(at: int) -> str:
        return "/events?" + urlencode({**params, "offset": at})

    return render(request, "events.html", {
        "where": where, "rows": rows, "total": total, "limit": limit, "offset": offset,
        "previous": page(max(0, offset - limit)) if offset > 0 else None,
        "next": page(offset + limit) if offset + limit < total else None,
    })


@router.get("/articles/{article_id:path}")
def article_page(
    request: Request, state: State, article_id: str,
    event: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
) -> HTMLResponse:
    """An article with one event in focus: its source, trigger and target highlighted, its flags shown."""
    with state.db.cursor() as cursor:
        found = queries.article(cursor, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    records = [(e.seq, e.data()) for e in found["events"]]
    by_seq = dict(records)
    if event is not None and event not in by_seq:
        raise HTTPException(404, f"article {article_id!r} has no event {event}")
    focus = event if event is not None else (records[0][0] if records else None)
    others = marks(((s, r) for s, r in records if s != focus), roles=("trigger",), as_role="other")
    focused = marks([(focus, by_seq[focus])]) if focus is not None else []
    clusters = {e.seq: e.cluster_id for e in found["events"]}
    return render(request, "article.html", {
        "article": found, "segments": segments(found["text"], focused + others), "records": records,
        "focus": focus, "record": by_seq.get(focus) if focus is not None else None,
        "cluster": clusters.get(focus) if focus is not None else None,
        "urls": {seq: article_url(article_id, seq) for seq, _ in records},
    })


@router.get("/code")
def code_form(request: Request) -> HTMLResponse:
    """Paste an article: its events, highlighted in place."""
    return render(request, "code.html", {"text": "", "date": "", "result": None, "error": None})


@router.post("/code")
async def code_page(
    request: Request, state: State,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    date: Annotated[str, Form(max_length=40)] = "",
) -> HTMLResponse:
    """Code the pasted text (nothing is stored) and show its events highlighted, with a table of them."""
    context: dict[str, Any] = {"text": text, "date": date, "result": None, "error": None}
    day = None
    if date.strip():
        try:
            day = dt.date.fromisoformat(date.strip()).isoformat()
        except ValueError:
            context["error"] = f"date {date.strip()!r}: not a date (use YYYY-MM-DD)"
            return render(request, "code.html", context, status_code=422)
    try:
        coded = await state.code(lambda: state.coder.code_text(text, date=day))
    except InputError as error:
        context["error"] = error.reason
        return render(request, "code.html", context, status_code=422)
    except FactaError as error:
        context["error"] = str(error)
        return render(request, "code.html", context, status_code=503)
    article = coded[0].article
    records = [(i, e.to_dict()) for i, e in enumerate(coded[0].events)]
    context["result"] = {
        "article": article, "records": records, "segments": segments(article.text, marks(records)),
    }
    return render(request, "code.html", context)


@router.get("/places")
def places_page(
    request: Request, state: State, where: Annotated[EventFilter, Depends(event_filter)],
) -> HTMLResponse:
    """Where the events happened, as points by longitude and latitude (no base map: facta works offline)."""
    with state.db.cursor() as cursor:
        found = queries.places(cursor, where)
    return render(request, "places.html", {"places": found, "where": where})
