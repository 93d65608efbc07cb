"""Highlighting events in an article's text: the character spans of each event's source, trigger and target
become segments of text, each with the roles and events that cover it. Templates escape the text."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

ROLES = ("source", "trigger", "target")
# The role a segment shows when several cover it; "other" marks the triggers of events not in focus.
_PRIORITY = ("trigger", "source", "target", "other")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    role: str  # source, trigger, target or other
    event: int  # the event's position in the article


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text and what covers it."""

    text: str
    roles: tuple[str, ...] = ()
    events: tuple[int, ...] = ()

    @property
    def role(self) -> str | None:
        """The most telling role: trigger over source over target over other."""
        return self.roles[0] if self.roles else None


def marks(records: Iterable[tuple[int, dict[str, Any]]], *, roles: Sequence[str] = ROLES,
          as_role: str | None = None) -> list[Mark]:
    """The spans of each (position, event record) pair; missing or malformed spans are skipped.
    ``as_role`` labels every mark with one role (e.g. "other" for events not in focus)."""
    found = []
    for position, record in records:
        evidence = record.get("evidence") or {}
        for role in roles:
            span = evidence.get(f"{role}_span")
            if isinstance(span, Sequence) and len(span) == 2 and all(isinstance(v, int) for v in span):
                found.append(Mark(span[0], span[1], as_role or role, position))
    return found


def segments(text: str, found: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; spans outside the text are clipped, empty ones dropped."""
    usable = [
        Mark(max(0, m.start), min(len(text), m.end), m.role, m.event)
        for m in found if min(len(text), m.end) > max(0, m.start)
    ]
    cuts = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in usable if m.start <= start and end <= m.end]
        roles = tuple(sorted({m.role for m in covering}, key=_PRIORITY.index))
        events = tuple(sorted({m.event for m in covering}))
        pieces.append(Segment(text[start:end], roles, events))
    return pieces
