"""The data model: design.md's event record, written and read back without loss."""

from __future__ import annotations

import json

from facta.model import EVENT_KEYS, Actor, Event, Evidence, Location, Plover


def _event(**changes: object) -> Event:
    fields: dict[str, object] = dict(
        article_id="a1", sentence_index=3, sentence="Britain expelled 23 Russian diplomats on Wednesday.",
        source=Actor("Britain", None, "GBR", None, "GBR", (0, 7)),
        target=Actor("Russian diplomats", None, "RUS", "GOV", "RUSGOV", (20, 37)),
        code="174", root="17", quad_class=4, goldstein=-5.0, plover=Plover("COERCE", "deport"),
        evidence=Evidence("expelled", (8, 16), "verbs/expel/diplomat", (0, 7), (20, 37)),
        date="2018-03-14", date_precision="day", negated=False, modality="asserted", attribution="the BBC",
        location=Location("London", "GBR", 51.5, -0.12), confidence=0.82,
    )
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def test_event_json_round_trip_is_lossless() -> None:
    event = _event()
    assert Event.from_json(event.to_json()) == event


def test_event_round_trip_keeps_nulls() -> None:
    event = _event(target=None, location=None, attribution=None, date=None, date_precision=None,
                   evidence=Evidence("protested", (8, 17), "verbs/protest", (0, 7), None))
    assert Event.from_json(event.to_json()) == event


def test_event_record_has_every_required_key() -> None:
    record = json.loads(_event().to_json())
    assert tuple(record) == EVENT_KEYS
    assert set(record["evidence"]) == {"trigger", "trigger_span", "source_span", "target_span", "rule"}
    assert set(record["source"]) == {"text", "name", "country", "role", "code"}
    assert record["plover"] == {"type": "COERCE", "mode": "deport"}


def test_affirmed_excludes_negated_and_hypothetical() -> None:
    assert _event().affirmed
    assert not _event(negated=True).affirmed
    assert not _event(modality="hypothetical").affirmed
    assert not _event(modality="intended").affirmed
