"""Query parameters shared by the API and the dashboard, with their constraints: what is not valid is a 422
before any query runs, and what is valid reaches DuckDB only as a bound parameter."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from fastapi import HTTPException, Query

from facta.web.queries import MAX_LIMIT, EventFilter

# No control characters (NUL included) in any name, code or search text.
PRINTABLE = r"^[^\x00-\x1F\x7F]+$"


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


OptionalName = Annotated[str | None, Query(min_length=1, max_length=100, pattern=PRINTABLE)]
Start = Annotated[dt.date | None, Query(description="First date, YYYY-MM-DD.")]
End = Annotated[dt.date | None, Query(description="Last date, YYYY-MM-DD.")]


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise HTTPException(422, f"end {end} is before start {start}")


def event_filter(
    source: Annotated[str | None, Query(
        min_length=1, max_length=100, pattern=PRINTABLE,
        description="Source actor: a country (USA), an actor code (USAGOV) or a person's name.")] = None,
    target: Annotated[str | None, Query(
        min_length=1, max_length=100, pattern=PRINTABLE, description="Target actor, likewise.")] = None,
    dyad: Annotated[str | None, Query(
        min_length=3, max_length=201, pattern=PRINTABLE,
        description="Source and target in one: 'USA,RUS' (instead of source and target).")] = None,
    both_directions: Annotated[bool, Query(description="A→B and B→A together.")] = False,
    code: Annotated[str | None, Query(
        pattern=r"^[0-9]{2,4}$", description="CAMEO code or prefix: 17, 174, 1741.")] = None,
    root: Annotated[str | None, Query(pattern=r"^[0-9]{2}$", description="CAMEO root, 01 to 20.")] = None,
    quad_class: Annotated[int | None, Query(
        ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")] = None,
    start: Start = None,
    end: End = None,
    actor: Annotated[str | None, Query(
        min_length=1, max_length=100, pattern=PRINTABLE,
        description="Either side: an actor code, a country or a person's name.")] = None,
    q: Annotated[str | None, Query(
        min_length=1, max_length=200, pattern=PRINTABLE, description="Text in the event's sentence.")] = None,
    include_flagged: Annotated[bool, Query(
        description="Also negated, hypothetical and demanded events (left out by default).")] = False,
) -> EventFilter:
    """The event filters of a request (a FastAPI dependency)."""
    check_range(start, end)
    if dyad is not None:
        if source is not None or target is not None:
            raise HTTPException(422, "give either dyad or source/target, not both")
        parts = [part.strip() for part in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise HTTPException(422, f"dyad {dyad!r}: give two actors separated by a comma, e.g. USA,RUS")
        source, target = parts
    return EventFilter(
        source=source, target=target, both_directions=both_directions, code=code, root=root,
        quad_class=quad_class, start=start, end=end, actor=actor, text=q, include_flagged=include_flagged,
    )


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Events per page, at most {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Events to skip.")]
