"""Highlight segments from event spans: cuts, overlaps, priority and clipping."""

from __future__ import annotations

from facta.web.app import describe
from facta.web.highlight import Mark, marks, segments

TEXT = "Britain expelled 23 Russian diplomats on Wednesday."


def test_segments_cover_the_text_and_carry_their_roles() -> None:
    found = [Mark(0, 7, "source", 0), Mark(8, 16, "trigger", 0), Mark(20, 37, "target", 0)]
    pieces = segments(TEXT, found)
    assert "".join(p.text for p in pieces) == TEXT
    assert [(p.text, p.role) for p in pieces if p.role] == [
        ("Britain", "source"), ("expelled", "trigger"), ("Russian diplomats", "target")]


def test_overlapping_marks_show_the_most_telling_role_and_every_event() -> None:
    pieces = segments(TEXT, [Mark(0, 16, "source", 0), Mark(8, 16, "trigger", 1), Mark(8, 16, "other", 2)])
    middle = next(p for p in pieces if p.text == "expelled")
    assert middle.role == "trigger" and middle.roles == ("trigger", "source", "other") and middle.events == (0, 1, 2)


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    pieces = segments("short", [Mark(3, 99, "target", 0), Mark(50, 60, "source", 1), Mark(-4, 1, "source", 2),
                                Mark(2, 2, "trigger", 3)])
    assert [(p.text, p.role) for p in pieces] == [("s", "source"), ("ho", None), ("rt", "target")]


def test_marks_read_record_spans_and_skip_malformed_ones() -> None:
    records = [
        (0, {"evidence": {"trigger_span": [8, 16], "source_span": [0, 7], "target_span": None}}),
        (1, {"evidence": {"trigger_span": ["a", 3], "source_span": [1]}}),
        (2, {}),
    ]
    assert marks(records) == [Mark(0, 7, "source", 0), Mark(8, 16, "trigger", 0)]
    assert marks(records, roles=("trigger",), as_role="other") == [Mark(8, 16, "other", 0)]


def test_validation_errors_read_as_one_line() -> None:
    errors = [{"type": "date_parsing", "loc": ("query", "start"), "msg": "Input should be a valid date"},
              {"type": "json_invalid", "loc": ("body", 9), "msg": "JSON decode error",
               "ctx": {"error": "Expecting value"}}]
    assert describe(errors) == ("start: Input should be a valid date; "
                                "malformed JSON body (Expecting value at character 9)")
