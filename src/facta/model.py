"""The data model: Article, Sentence, Actor, Event and their parts, as frozen dataclasses.

Every stage of the pipeline passes these objects along; ``Event.to_dict`` produces design.md's event record
and ``Event.from_dict`` reads it back losslessly.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
Modality = Literal["asserted", "hypothetical", "intended", "demanded"]
DatePrecision = Literal["day", "month", "year"]
MODALITIES: tuple[str, ...] = ("asserted", "hypothetical", "intended", "demanded")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after reading and cleaning."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date of publication, "YYYY-MM-DD"
    url: str | None = None
    source: str | None = None  # the outlet ("bbc.co.uk", "Reuters")
    origin: str = ""  # where it was read from: a path, "path:line", a URL or "-"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's clean text, by character offsets."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded actor: the text it came from and its CAMEO codes; unknown fields are None."""

    text: str
    name: str | None = None
    country: str | None = None
    role: str | None = None
    code: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "role": self.role,
            "code": self.code,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], span: list[int] | None = None) -> Actor:
        return cls(
            text=data["text"],
            name=data.get("name"),
            country=data.get("country"),
            role=data.get("role"),
            code=data.get("code"),
            span=tuple(span) if span else None,  # type: ignore[arg-type]
        )


@dataclass(frozen=True, slots=True)
class Plover:
    type: str | None
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event was coded: the trigger word, the spans of its parts, and the data entry that fired."""

    trigger: str
    trigger_span: Span
    rule: str
    source_span: Span | None = None
    target_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, as in design.md's event record."""

    article_id: str
    sentence_index: int
    sentence: str
    source: Actor | None
    target: Actor | None
    code: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover
    evidence: Evidence
    date: str | None = None
    date_precision: DatePrecision | None = None
    negated: bool = False
    modality: Modality = "asserted"
    attribution: str | None = None
    location: Location | None = None
    confidence: float = 0.5
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def affirmed(self) -> bool:
        """An event the text says happened: not negated, asserted -- or an intention announced, coded with
        CAMEO's verbal codes for announcing it (03 express intent to cooperate, 13 threaten)."""
        if self.negated:
            return False
        return self.modality == "asserted" or (self.modality == "intended" and self.root in ("03", "13"))

    def to_dict(self) -> dict[str, Any]:
        ev = self.evidence
        return {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "code": self.code,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover.type, "mode": self.plover.mode},
            "date": self.date,
            "date_precision": self.date_precision,
            "negated": self.negated,
            "modality": self.modality,
            "attribution": self.attribution,
            "location": asdict(self.location) if self.location else None,
            "evidence": {
                "trigger": ev.trigger,
                "trigger_span": list(ev.trigger_span),
                "source_span": list(ev.source_span) if ev.source_span else None,
                "target_span": list(ev.target_span) if ev.target_span else None,
                "rule": ev.rule,
            },
            "confidence": self.confidence,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        ev = data["evidence"]
        src, tgt, loc = data.get("source"), data.get("target"), data.get("location")
        return cls(
            article_id=data["article_id"],
            sentence_index=data["sentence_index"],
            sentence=data["sentence"],
            source=Actor.from_dict(src, ev.get("source_span")) if src else None,
            target=Actor.from_dict(tgt, ev.get("target_span")) if tgt else None,
            code=data["code"],
            root=data["root"],
            quad_class=data["quad_class"],
            goldstein=data["goldstein"],
            plover=Plover(**data["plover"]),
            evidence=Evidence(
                trigger=ev["trigger"],
                trigger_span=tuple(ev["trigger_span"]),  # type: ignore[arg-type]
                rule=ev["rule"],
                source_span=tuple(ev["source_span"]) if ev.get("source_span") else None,  # type: ignore[arg-type]
                target_span=tuple(ev["target_span"]) if ev.get("target_span") else None,  # type: ignore[arg-type]
            ),
            date=data.get("date"),
            date_precision=data.get("date_precision"),
            negated=data.get("negated", False),
            modality=data.get("modality", "asserted"),
            attribution=data.get("attribution"),
            location=Location(**loc) if loc else None,
            confidence=data.get("confidence", 0.5),
        )

    @classmethod
    def from_json(cls, line: str) -> Event:
        return cls.from_dict(json.loads(line))


EVENT_KEYS: tuple[str, ...] = (
    "article_id", "sentence_index", "sentence", "source", "target", "code", "root", "quad_class",
    "goldstein", "plover", "date", "date_precision", "negated", "modality", "attribution", "location",
    "evidence", "confidence",
)
