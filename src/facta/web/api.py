"""The REST API under /api: code a text or URL, list and filter events, the dyad series, top actors and dyads,
one article, health and statistics. Reads are open; writes need the token when one is configured."""

from __future__ import annotations

import json
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from facta import __version__
from facta.errors import FactaError, InputError
from facta.store import StoreError
from facta.web import queries
from facta.web.params import PRINTABLE, End, Limit, Offset, Period, Start, check_range, event_filter
from facta.web.queries import EventFilter
from facta.web.schemas import (
    ArticleOut,
    CodedArticle,
    CodeRequest,
    CodeResponse,
    DyadSeries,
    EventPage,
    Health,
    Problem,
    Stats,
    Top,
    ValidationProblem,
)
from facta.web.state import WebState, web_state

router = APIRouter(
    prefix="/api",
    responses={422: {"model": ValidationProblem, "description": "Invalid input"}},
)
bearer = HTTPBearer(auto_error=False, description="The server's token (FACTA_TOKEN), needed for writes only.")
State = Annotated[WebState, Depends(web_state)]


class JSONText(Response):
    """JSON assembled from stored record text: the records go out exactly as the store keeps them."""

    media_type = "application/json"


@router.get("/health", response_model=Health, tags=["store"])
def health(state: State) -> Health:
    """Whether the server is up, can write, wants a token, and has its model loaded."""
    return Health(
        status="ok", version=__version__, writable=state.db.writable, read_only_reason=state.db.read_only_reason,
        token_required=bool(state.token), model=state.coder.state,
    )


@router.get("/stats", response_model=Stats, tags=["store"])
def stats(state: State) -> Stats:
    """Row counts, affirmed and flagged events, outlets, the dates covered and events per QuadClass."""
    with state.db.cursor() as cursor:
        return Stats(**queries.stats(cursor))


@router.get("/events", response_model=EventPage, tags=["events"])
def events(
    state: State, where: Annotated[EventFilter, Depends(event_filter)], limit: Limit = 50, offset: Offset = 0,
) -> Response:
    """Events matching the filters, by date, one page at a time, with the total over all pages.

    Only affirmed events unless ``include_flagged``. Each event is design.md's event record."""
    with state.db.cursor() as cursor:
        total, found = queries.events(cursor, where, limit=limit, offset=offset)
    records = ",".join(e.record or "null" for e in found)
    return JSONText(f'{{"total":{total},"limit":{limit},"offset":{offset},"events":[{records}]}}')


@router.get("/dyad", response_model=DyadSeries, tags=["analysis"])
def dyad(
    state: State,
    a: Annotated[str, Query(min_length=1, max_length=100, pattern=PRINTABLE,
                            description="Source: a country (USA), an actor code (USAGOV) or a person's name.")],
    b: Annotated[str, Query(min_length=1, max_length=100, pattern=PRINTABLE, description="Target, likewise.")],
    by: Period = Period.month,
    start: Start = None,
    end: End = None,
    both_directions: bool = False,
    by_actor: Annotated[bool, Query(description="Split the source into named office holders and the rest.")] = False,
    articles: Annotated[bool, Query(description="Count articles instead of story clusters.")] = False,
) -> DyadSeries:
    """The relation between two actors over time: per period the four QuadClass counts (story clusters of
    affirmed events), mean Goldstein, words (verbal coop − conflict), deeds (material coop − conflict) and the
    words-vs-deeds gap."""
    check_range(start, end)
    with state.db.cursor() as cursor:
        periods = queries.dyad(cursor, a, b, by=by.value, start=start, end=end, both_directions=both_directions,
                               by_actor=by_actor, articles=articles)
    return DyadSeries.model_validate({
        "a": a, "b": b, "by": by.value, "both_directions": both_directions, "by_actor": by_actor,
        "counting": "articles" if articles else "clusters", "periods": periods,
    })


@router.get("/top", response_model=Top, tags=["analysis"])
def top(
    state: State, start: Start = None, end: End = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Rows of each list.")] = 10,
) -> Top:
    """The most active source actors and dyads of a period, by story clusters of affirmed events."""
    check_range(start, end)
    with state.db.cursor() as cursor:
        return Top.model_validate(queries.top(cursor, start=start, end=end, limit=limit))


@router.get(
    "/articles/{article_id:path}", response_model=ArticleOut, tags=["events"],
    responses={404: {"model": Problem, "description": "No such article"}},
)
def article(
    state: State, article_id: Annotated[str, Path(min_length=1, max_length=500, description="The article's id.")],
) -> Response:
    """One article: its clean text, the sentences that hold events, and its events (spans point into the text)."""
    with state.db.cursor() as cursor:
        found = queries.article(cursor, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    stored = found.pop("events")
    head = json.dumps(found, ensure_ascii=False)[:-1]
    return JSONText(f'{head},"events":[{",".join(e.record or "null" for e in stored)}]}}')


@router.post(
    "/code", response_model=CodeResponse, tags=["coding"],
    responses={
        401: {"model": Problem, "description": "store=true without the right token"},
        413: {"model": Problem, "description": "Request body over the limit"},
        503: {"model": Problem, "description": "The store is read-only here, or the model is missing"},
    },
)
async def code(
    posted: CodeRequest, state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> CodeResponse:
    """Code a posted text or an http(s) URL into design.md's event records; with ``store`` also add the
    article and its events to the store (idempotent: the same text twice adds nothing)."""
    if posted.store:
        state.authorize(credentials)
        state.require_writable()
    date = posted.date.isoformat() if posted.date else None
    text, url, title = posted.text, posted.url, posted.title
    try:
        if text is not None:
            coded = await state.code(lambda: state.coder.code_text(text, date=date, title=title))
        else:
            assert url is not None
            coded = await state.code(lambda: state.coder.code_url(url, date=date, title=title))
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    except FactaError as error:  # the model is not installed
        raise HTTPException(503, str(error)) from None
    added = (0, 0)
    if posted.store:
        try:
            added = await anyio.to_thread.run_sync(state.db.write, [(c.article, c.events) for c in coded])
        except StoreError as error:
            raise HTTPException(503, str(error)) from None
    articles: list[dict[str, Any]] = [
        {"id": c.article.id, "title": c.article.title, "date": c.article.date, "url": c.article.url,
         "source": c.article.source, "text": c.article.text, "events": [e.to_dict() for e in c.events]}
        for c in coded
    ]
    return CodeResponse(
        articles=[CodedArticle.model_validate(a) for a in articles], stored=posted.store,
        articles_added=added[0], events_added=added[1],
    )


@router.get("/places", tags=["analysis"])
def places(
    state: State, where: Annotated[EventFilter, Depends(event_filter)],
    limit: Annotated[int, Query(ge=1, le=5000)] = 2000,
) -> list[dict[str, Any]]:
    """Where events happened: each located place with its number of events and mean Goldstein."""
    with state.db.cursor() as cursor:
        return queries.places(cursor, where, limit=limit)
