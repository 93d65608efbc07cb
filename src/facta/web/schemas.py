"""The REST API's request and response models: they validate input and document the API at /docs.

Event objects are design.md's event record, exactly what ``Event.to_dict`` gives and the store keeps.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Problem(BaseModel):
    """An error: one line saying what was wrong."""

    detail: str


class ValidationProblem(Problem):
    """Invalid input: one line, and pydantic's list of errors for programs."""

    errors: list[dict[str, object]]


class ActorOut(BaseModel):
    text: str
    name: str | None
    country: str | None
    role: str | None
    code: str | None


class PloverOut(BaseModel):
    type: str | None
    mode: str | None


class LocationOut(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class EvidenceOut(BaseModel):
    trigger: str
    trigger_span: list[int] = Field(description="Character offsets [start, end) into the article's clean text.")
    source_span: list[int] | None
    target_span: list[int] | None
    rule: str = Field(description="The data entry that fired, e.g. verbs/expel/diplomat.")


class EventRecord(BaseModel):
    """design.md's event record."""

    article_id: str
    sentence_index: int
    sentence: str
    source: ActorOut | None
    target: ActorOut | None
    code: str = Field(description="CAMEO 1.1b3 event code.")
    root: str
    quad_class: int = Field(description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
    goldstein: float
    plover: PloverOut
    date: str | None
    date_precision: Literal["day", "month", "year"] | None
    negated: bool
    modality: Literal["asserted", "hypothetical", "intended", "demanded"]
    attribution: str | None
    location: LocationOut | None
    evidence: EvidenceOut
    confidence: float


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters, over all pages.")
    limit: int
    offset: int
    events: list[EventRecord]


class SentenceOut(BaseModel):
    index: int
    text: str


class ArticleOut(BaseModel):
    id: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    text: str = Field(description="The clean text that the events' spans point into.")
    n_events: int
    sentences: list[SentenceOut] = Field(description="The sentences that hold events.")
    events: list[EventRecord] = Field(description="In the order they were coded.")


class DyadPeriod(BaseModel):
    period: str = Field(description="First day of the period.")
    period_end: str = Field(description="Last day of the period.")
    actor: str | None = Field(None, description="With by_actor: the named office holder, or 'rest'.")
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    mean_goldstein: float | None
    n_events: int
    words: int = Field(description="Verbal cooperation minus verbal conflict.")
    deeds: int = Field(description="Material cooperation minus material conflict.")
    gap: int = Field(description="Words minus deeds.")


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    both_directions: bool
    by_actor: bool
    counting: Literal["clusters", "articles"]
    periods: list[DyadPeriod]


class TopActor(BaseModel):
    actor: str
    events: int
    mean_goldstein: float | None


class TopDyad(BaseModel):
    source: str
    target: str
    events: int
    mean_goldstein: float | None


class Top(BaseModel):
    actors: list[TopActor]
    dyads: list[TopDyad]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    writable: bool
    read_only_reason: str | None
    token_required: bool
    model: str = Field(description="not loaded, loading, loaded, or failed: the reason.")


class Stats(BaseModel):
    articles: int
    sentences: int
    events: int
    clusters: int
    affirmed_events: int
    flagged_events: int = Field(description="Negated, hypothetical or demanded: kept, but left out of analyses.")
    outlets: int
    first_date: str | None
    last_date: str | None
    quad_classes: dict[str, int] = Field(description="Affirmed events per QuadClass.")


class CodeRequest(BaseModel):
    """A text or a URL to code; with ``store`` its events are also added to the store (a write)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, description="Article text.")
    url: str | None = Field(
        None, min_length=8, max_length=2000, pattern=r"^https?://\S+$", description="An http(s) page or feed."
    )
    date: dt.date | None = Field(None, description="Article date, YYYY-MM-DD: relative dates resolve against it.")
    title: str | None = Field(None, max_length=1000)
    store: bool = Field(False, description="Also add the article and its events to the store (needs the token).")

    @model_validator(mode="after")
    def _one_input(self) -> CodeRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text or url")
        return self


class CodedArticle(BaseModel):
    id: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    text: str = Field(description="The clean text that the events' spans point into.")
    events: list[EventRecord]


class CodeResponse(BaseModel):
    articles: list[CodedArticle]
    stored: bool
    articles_added: int = Field(description="0 when the article was already stored (ingest is idempotent).")
    events_added: int
